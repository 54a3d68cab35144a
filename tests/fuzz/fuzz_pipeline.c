/* fuzz_pipeline.c - the whole analyzer from bytes.
 *
 * Input layout: byte 0 picks the input format and whether the second run
 * reuses the analyzer through ts_analyzer_reset(); byte 1 picks the
 * sentence length cap; byte 2 the stem memo capacity; bytes 3-4 seed the
 * chunk sizes; the rest is the document.
 *
 * Properties checked (abort() on failure, so libFuzzer reports a crash):
 *  - every sentence, section and document record rendered with ts_json_*
 *    parses with the library's own JSON parser;
 *  - feeding the document in random chunks gives the same transcript
 *    (records, section starts and statuses) as feeding it whole. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tonescope.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ts_lexicon *lexicon;

typedef struct transcript {
    ts_string out;  /* every record, one line each */
    int failed;     /* rendering ran out of memory */
} transcript;

static void check_json_line(const char *line, size_t len)
{
    char err[128];
    ts_json *v = ts_json_parse(line, len, err, sizeof err);
    if (!v) {
        fprintf(stderr, "invalid JSON (%s): %.*s\n", err, (int)len, line);
        abort();
    }
    if (v->type != TS_JSON_OBJECT) {
        fprintf(stderr, "JSON record is not an object: %.*s\n", (int)len,
                line);
        abort();
    }
    ts_json_free(v);
}

/* Appends one line to the transcript (plain malloc: the transcript is
 * the harness's, not the library's). */
static void append_line(transcript *t, const char *p, size_t len)
{
    ts_string *o = &t->out;
    size_t need = o->len + len + 2;
    if (need > o->cap) {
        size_t cap = o->cap ? o->cap : 256;
        while (cap < need) cap *= 2;
        char *q = realloc(o->data, cap);
        if (!q) abort();
        o->data = q;
        o->cap = cap;
    }
    memcpy(o->data + o->len, p, len);
    o->len += len;
    o->data[o->len++] = '\n';
    o->data[o->len] = '\0';
}

/* Checks one rendered JSON record and appends it to the transcript. */
static void add_record(transcript *t, const ts_string *line)
{
    check_json_line(line->data, line->len);
    append_line(t, line->data, line->len);
}

static void add_text(transcript *t, const char *s)
{
    append_line(t, s, strlen(s));
}

static int on_section_begin(void *ctx, size_t index, const char *title,
                            int level, unsigned long line)
{
    transcript *t = *(transcript **)ctx;
    if (!title || level < 0 || level > 6) {
        fprintf(stderr, "bad section_begin: level %d\n", level);
        abort();
    }
    /* the title goes through the JSON escaper so the transcript line is
     * itself checked */
    ts_string s = {0};
    char head[96];
    snprintf(head, sizeof head, "{\"begin\":%zu,\"level\":%d,\"line\":%lu,"
             "\"title\":", index, level, line);
    ts_string tmp = {0};
    if (ts_json_string(&tmp, title, strlen(title)) != TS_OK) {
        t->failed = 1;
        ts_string_free(&tmp);
        return 0;
    }
    size_t n = strlen(head) + tmp.len + 2;
    s.data = malloc(n);
    if (!s.data) abort();
    snprintf(s.data, n, "%s%s}", head, tmp.data);
    s.len = strlen(s.data);
    s.cap = n;
    add_record(t, &s);
    free(s.data);
    ts_string_free(&tmp);
    return 0;
}

static int on_sentence(void *ctx, const ts_sentence *sentence)
{
    transcript *t = *(transcript **)ctx;
    /* U+0000 in the input survives as an embedded NUL, so only check
     * the terminator and that text_len is not short */
    if (!sentence->text || sentence->text[sentence->text_len] != '\0' ||
        strlen(sentence->text) > sentence->text_len) {
        fprintf(stderr, "sentence text_len does not match its text\n");
        abort();
    }
    if (!(sentence->tone >= -1.0 && sentence->tone <= 1.0)) {
        fprintf(stderr, "tone out of range: %g\n", sentence->tone);
        abort();
    }
    ts_string s = {0};
    if (ts_json_sentence(&s, sentence, 1) != TS_OK) {
        t->failed = 1;
    } else {
        add_record(t, &s);
    }
    ts_string_free(&s);
    return 0;
}

static int on_section_end(void *ctx, const ts_section *section)
{
    transcript *t = *(transcript **)ctx;
    ts_string s = {0};
    if (ts_json_section(&s, section) != TS_OK) {
        t->failed = 1;
    } else {
        add_record(t, &s);
    }
    ts_string_free(&s);
    return 0;
}

static void add_document(transcript *t, const ts_analyzer *a,
                         const char *type)
{
    const ts_document *d = ts_analyzer_document(a);
    if (!d) {
        add_text(t, "no document");
        return;
    }
    if (d->format == TS_INPUT_AUTO) {
        fprintf(stderr, "document format still AUTO after finish\n");
        abort();
    }
    ts_string s = {0};
    if (ts_json_document(&s, d, type) != TS_OK) {
        t->failed = 1;
    } else {
        add_record(t, &s);
    }
    ts_string_free(&s);
}

/* A small deterministic generator for chunk sizes. */
static uint32_t next_rand(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x ? x : 0x9e3779b9u;
    return *state;
}

static void add_status(transcript *t, const char *what, ts_status st)
{
    char line[64];
    snprintf(line, sizeof line, "%s: %s", what, ts_status_str(st));
    add_text(t, line);
}

/* Feeds doc in chunks drawn from the seed (mode 0: 1-3 bytes, 1: 1-16,
 * 2: 0-127, 3: 0-4095; empty feeds are legal and must change nothing), or
 * whole when seed is 0, and records statuses and the document. */
static void run(ts_analyzer *a, transcript *t, const uint8_t *doc,
                size_t len, uint32_t seed, int mode)
{
    ts_status st = TS_OK;
    if (seed == 0) {
        st = ts_analyzer_feed(a, doc, len);
    } else {
        uint32_t state = seed;
        size_t off = 0;
        while (off < len && st == TS_OK) {
            size_t n;
            switch (mode) {
            case 0: n = 1 + next_rand(&state) % 3; break;
            case 1: n = 1 + next_rand(&state) % 16; break;
            case 2: n = next_rand(&state) % 128; break;
            default: n = next_rand(&state) % 4096; break;
            }
            if (n > len - off) n = len - off;
            st = ts_analyzer_feed(a, doc + off, n);
            off += n;
        }
    }
    add_status(t, "feed", st);
    if (st != TS_OK) return;
    st = ts_analyzer_finish(a);
    add_status(t, "finish", st);
    if (st == TS_OK) add_document(t, a, "summary");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!lexicon) {
        ts_error err;
        lexicon = ts_lexicon_new_builtin(&err);
        if (!lexicon) {
            fprintf(stderr, "builtin lexicon: %s\n", err.message);
            abort();
        }
    }
    if (size < 5) return 0;
    static const ts_input_format formats[4] = {
        TS_INPUT_AUTO, TS_INPUT_TEXT, TS_INPUT_MARKDOWN, TS_INPUT_HTML};
    ts_options opt;
    ts_options_init(&opt);
    opt.format = formats[data[0] & 3];
    int reuse = (data[0] >> 2) & 1;
    int chunk_mode = (data[0] >> 3) & 3;
    /* 0 keeps the default cap; otherwise a small one so that splitting at
     * the cap happens often */
    opt.max_sentence_bytes = data[1] == 0 ? 0 : (size_t)data[1] + 1;
    opt.memo_capacity = data[2] < 128 ? 0 : (size_t)(data[2] - 127);
    uint32_t seed = ((uint32_t)data[3] << 8 | data[4]) + 1u;
    size_t len = size - 5;
    const uint8_t *doc = data + 5;

    transcript whole = {{0}, 0}, chunked = {{0}, 0};
    transcript *current = &whole;
    ts_callbacks cb = {on_section_begin, on_sentence, on_section_end,
                       &current};
    ts_error err;
    ts_analyzer *a = ts_analyzer_new(lexicon, &opt, &cb, &err);
    if (!a) {
        fprintf(stderr, "ts_analyzer_new: %s\n", err.message);
        abort();
    }
    run(a, &whole, doc, len, 0, 0);

    /* the chunked run reuses the analyzer (stem memo kept) or starts a
     * fresh one */
    current = &chunked;
    if (reuse) {
        ts_status st = ts_analyzer_reset(a, opt.format);
        if (st != TS_OK) {
            fprintf(stderr, "ts_analyzer_reset: %s\n", ts_status_str(st));
            abort();
        }
    } else {
        ts_analyzer_free(a);
        a = ts_analyzer_new(lexicon, &opt, &cb, &err);
        if (!a) abort();
    }
    run(a, &chunked, doc, len, seed, chunk_mode);
    ts_analyzer_free(a);

    if (!whole.failed && !chunked.failed &&
        (whole.out.len != chunked.out.len ||
         memcmp(whole.out.data, chunked.out.data, whole.out.len) != 0)) {
        size_t i = 0;
        size_t m = whole.out.len < chunked.out.len ? whole.out.len
                                                   : chunked.out.len;
        while (i < m && whole.out.data[i] == chunked.out.data[i]) i++;
        size_t from = i > 300 ? i - 300 : 0;
        size_t wn = whole.out.len - from, cn = chunked.out.len - from;
        fprintf(stderr,
                "chunked run differs from whole run at byte %zu "
                "(format %d, reuse %d, chunk mode %d, seed %u)\n"
                "--- whole:\n%.*s\n--- chunked:\n%.*s\n",
                i, (int)opt.format, reuse, chunk_mode, (unsigned)seed,
                (int)(wn < 800 ? wn : 800), whole.out.data + from,
                (int)(cn < 800 ? cn : 800), chunked.out.data + from);
        abort();
    }
    free(whole.out.data);
    free(chunked.out.data);
    return 0;
}
