/* fuzz_markup.c - bytes as Markdown or HTML.
 *
 * Byte 0 picks the format (even: Markdown, odd: HTML) and byte 1 the
 * sentence length cap; the rest is the document.  It goes through the
 * analyzer with that format forced, then straight through the markup stage
 * line by line (cut into fragments of byte 1's size, as the decoder does
 * with long lines), and every line through the Markdown inline stripper and
 * the format sniffer.  Nothing may crash; headings must have a level of
 * 1-6; section titles and sentences must escape to valid JSON. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decoder.h"
#include "json.h"
#include "markup.h"
#include "tonescope.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ts_lexicon *lexicon;

static void check_json_string(const char *s, size_t len)
{
    ts_string out = {0};
    if (ts_json_string(&out, s, len) != TS_OK) return;
    char err[128];
    ts_json *v = ts_json_parse(out.data, out.len, err, sizeof err);
    if (!v || v->type != TS_JSON_STRING) {
        fprintf(stderr, "escaped string does not parse (%s): %s\n", err,
                out.data);
        abort();
    }
    ts_json_free(v);
    ts_string_free(&out);
}

static int on_section_begin(void *ctx, size_t index, const char *title,
                            int level, unsigned long line)
{
    (void)ctx;
    (void)index;
    (void)line;
    if (!title || level < 0 || level > 6) {
        fprintf(stderr, "bad section: level %d\n", level);
        abort();
    }
    check_json_string(title, strlen(title));
    return 0;
}

static int on_sentence(void *ctx, const ts_sentence *s)
{
    (void)ctx;
    /* U+0000 in the input survives as an embedded NUL, so only check
     * the terminator and that text_len is not short */
    if (!s->text || s->text[s->text_len] != '\0' ||
        strlen(s->text) > s->text_len) {
        fprintf(stderr, "sentence text_len does not match its text\n");
        abort();
    }
    ts_string out = {0};
    if (ts_json_sentence(&out, s, 1) == TS_OK) {
        char err[128];
        ts_json *v = ts_json_parse(out.data, out.len, err, sizeof err);
        if (!v) {
            fprintf(stderr, "sentence renders to invalid JSON (%s): %s\n",
                    err, out.data);
            abort();
        }
        ts_json_free(v);
    }
    ts_string_free(&out);
    return 0;
}

/* markup stage sinks */
static int sink_heading(void *ctx, const char *text, size_t len, int level,
                        unsigned long line)
{
    (void)ctx;
    (void)line;
    if (level < 1 || level > 6) {
        fprintf(stderr, "markup heading with level %d\n", level);
        abort();
    }
    if (len && !text) abort();
    for (size_t i = 0; i < len; i++) (void)*(volatile const char *)&text[i];
    return 0;
}

static int sink_text(void *ctx, const char *text, size_t len,
                     unsigned long line)
{
    (void)ctx;
    (void)line;
    if (len && !text) abort();
    for (size_t i = 0; i < len; i++) (void)*(volatile const char *)&text[i];
    return 0;
}

static int sink_paragraph_end(void *ctx)
{
    (void)ctx;
    return 0;
}

static int sink_title(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    if (len && !text) abort();
    for (size_t i = 0; i < len; i++) (void)*(volatile const char *)&text[i];
    return 0;
}

typedef struct direct {
    ts_markup *markup;
    size_t fragment;  /* cut lines into pieces of about this many bytes */
    ts_buf stripped;  /* scratch for the inline stripper */
} direct;

/* Decoder output (valid UTF-8) into the markup stage, cut into fragments
 * at character boundaries as the decoder does with very long lines. */
static int on_line(void *ctx, const char *text, size_t len,
                   unsigned long line, int complete)
{
    direct *d = ctx;
    const char *q = text, *end = text + len;
    while ((size_t)(end - q) > d->fragment) {
        size_t n = d->fragment;
        while (q + n < end && ((unsigned char)q[n] & 0xC0) == 0x80) n++;
        if (q + n == end) break;
        int rc = ts_markup_line(d->markup, q, n, line, 0);
        if (rc) return rc;
        q += n;
    }
    int rc = ts_markup_line(d->markup, q, (size_t)(end - q), line, complete);
    if (rc) return rc;
    ts_buf_clear(&d->stripped);
    if (ts_markdown_inline(&d->stripped, text, len) == 0 &&
        d->stripped.len > 4 * len + 16) {
        fprintf(stderr, "inline stripper grew %zu bytes into %zu\n", len,
                d->stripped.len);
        abort();
    }
    (void)ts_is_plain_heading(text, len);
    return 0;
}

static void drive_markup(ts_input_format format, const uint8_t *doc,
                         size_t len, size_t fragment)
{
    ts_markup_sink sink = {sink_heading, sink_text, sink_paragraph_end,
                           sink_title, NULL};
    direct d = {NULL, fragment, TS_BUF_INIT};
    d.markup = ts_markup_new(&sink);
    if (!d.markup) return;
    ts_markup_reset(d.markup, format);
    ts_decoder dec;
    ts_decoder_init(&dec, on_line, &d);
    if (ts_decoder_feed(&dec, doc, len) == 0 && ts_decoder_finish(&dec) == 0)
        ts_markup_finish(d.markup);
    ts_decoder_free(&dec);
    ts_buf_free(&d.stripped);
    ts_markup_free(d.markup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!lexicon) {
        ts_error err;
        lexicon = ts_lexicon_new_builtin(&err);
        if (!lexicon) abort();
    }
    if (size < 2) return 0;
    ts_input_format format =
        (data[0] & 1) ? TS_INPUT_HTML : TS_INPUT_MARKDOWN;
    size_t len = size - 2;
    const uint8_t *doc = data + 2;

    ts_input_format sniffed = ts_sniff_format((const char *)doc, len);
    if (sniffed != TS_INPUT_TEXT && sniffed != TS_INPUT_MARKDOWN &&
        sniffed != TS_INPUT_HTML && sniffed != TS_INPUT_AUTO)
        abort();

    ts_options opt;
    ts_options_init(&opt);
    opt.format = format;
    opt.max_sentence_bytes = data[1] < 16 ? 0 : (size_t)data[1];
    ts_callbacks cb = {on_section_begin, on_sentence, NULL, NULL};
    ts_error err;
    ts_analyzer *a = ts_analyzer_new(lexicon, &opt, &cb, &err);
    if (!a) abort();
    if (ts_analyzer_feed(a, doc, len) == TS_OK &&
        ts_analyzer_finish(a) == TS_OK) {
        const ts_document *d = ts_analyzer_document(a);
        if (!d || d->format != format) {
            fprintf(stderr, "forced format not kept\n");
            abort();
        }
        check_json_string(d->title, strlen(d->title));
    }
    ts_analyzer_free(a);

    drive_markup(format, doc, len, data[1] < 8 ? 8 : data[1]);
    return 0;
}
