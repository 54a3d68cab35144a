/* compare_load.c - one side of a comparison: an article analysed now, or a
 * report written earlier, held in memory as sections of sentences. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare.h"

/* ------------------------------------------------------------------------
 * Memory and text helpers
 * ---------------------------------------------------------------------- */

static void *oom(void)
{
    fflush(stdout);
    fprintf(stderr, "%s: out of memory\n", ts_prog);
    exit(EXIT_IO);
}

void *cmp_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    return p ? p : oom();
}

void *cmp_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    return p ? p : oom();
}

void *cmp_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    return q ? q : oom();
}

char *cmp_xstrdup(const char *s)
{
    size_t n = strlen(s ? s : "") + 1;
    char *p = cmp_xmalloc(n);
    memcpy(p, s ? s : "", n);
    return p;
}

double cmp_round6(double x)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.6f", x);
    double v = strtod(buf, NULL);
    return v == 0 ? 0 : v;  /* no negative zero */
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c >= 0x80;
}

char *cmp_normalise(const char *s, int strip_numbering)
{
    size_t n = strlen(s);
    char *out = cmp_xmalloc(n + 1);
    size_t k = 0;
    int gap = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!is_word_byte(c)) {
            gap = 1;
            continue;
        }
        if (gap && k > 0) out[k++] = ' ';
        gap = 0;
        out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[k] = '\0';
    if (strip_numbering) {
        /* leading words made of digits only: "3", "2 1" from "2.1" */
        size_t i = 0;
        for (;;) {
            size_t j = i;
            while (out[j] >= '0' && out[j] <= '9') j++;
            if (j == i || (out[j] != ' ' && out[j] != '\0')) break;
            if (out[j] == '\0') break;  /* a title that is only a number stays */
            i = j + 1;
        }
        memmove(out, out + i, k - i + 1);
    }
    return out;
}

/* Splits a normalised string into its words (pointers into a copy), sorted
 * and deduplicated. */
static size_t word_set(const char *s, char **copy, const char ***words)
{
    *copy = cmp_xstrdup(s);
    size_t cap = 8, n = 0;
    const char **w = cmp_xmalloc(cap * sizeof *w);
    for (char *p = strtok(*copy, " "); p; p = strtok(NULL, " ")) {
        if (n == cap) w = cmp_xrealloc(w, (cap *= 2) * sizeof *w);
        w[n++] = p;
    }
    for (size_t i = 1; i < n; i++) {  /* insertion sort: sentences are short */
        const char *x = w[i];
        size_t j = i;
        while (j > 0 && strcmp(w[j - 1], x) > 0) {
            w[j] = w[j - 1];
            j--;
        }
        w[j] = x;
    }
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (u == 0 || strcmp(w[u - 1], w[i]) != 0) w[u++] = w[i];
    *words = w;
    return u;
}

double cmp_word_jaccard(const char *a, const char *b)
{
    char *ca, *cb;
    const char **wa, **wb;
    size_t na = word_set(a, &ca, &wa), nb = word_set(b, &cb, &wb);
    size_t i = 0, j = 0, both = 0;
    while (i < na && j < nb) {
        int c = strcmp(wa[i], wb[j]);
        if (c == 0) both++, i++, j++;
        else if (c < 0) i++;
        else j++;
    }
    size_t all = na + nb - both;
    free(ca), free(cb), free(wa), free(wb);
    return all ? (double)both / (double)all : 1.0;
}

/* FNV-1a, 64 bits: a cheap first test before comparing strings. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* ------------------------------------------------------------------------
 * Building a document
 * ---------------------------------------------------------------------- */

static void add_sentence(cmp_doc *d, const ts_sentence *s)
{
    if (d->n_pending == d->cap_pending) {
        d->cap_pending = d->cap_pending ? d->cap_pending * 2 : 16;
        d->pending = cmp_xrealloc(d->pending, d->cap_pending * sizeof *d->pending);
    }
    cmp_sentence *c = &d->pending[d->n_pending++];
    memset(c, 0, sizeof *c);
    c->text = cmp_xmalloc(s->text_len + 1);
    memcpy(c->text, s->text, s->text_len);
    c->text[s->text_len] = '\0';
    c->norm = cmp_normalise(c->text, 0);
    c->hash = hash_str(c->norm);
    c->words = s->words;
    /* rounded as a report stores them: texts and reports compare alike */
    c->growth = cmp_round6(s->growth);
    c->negativity = cmp_round6(s->negativity);
    c->tone = cmp_round6(s->tone);
    c->reframe = s->reframe;
    c->n_hits = s->n_hits;
    c->hits = cmp_xcalloc(s->n_hits, sizeof *c->hits);
    for (size_t i = 0; i < s->n_hits; i++) {
        c->hits[i].term = cmp_xstrdup(s->hits[i].term);
        c->hits[i].category = cmp_xstrdup(s->hits[i].category);
        c->hits[i].dim = s->hits[i].dim;
        c->hits[i].weight = cmp_round6(s->hits[i].weight);
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Ends a section: the pending sentences become its body and its statistics
 * are totalled from them (a report's stored totals are not needed). */
static void end_section(cmp_doc *d, const char *title)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->sec = cmp_xrealloc(d->sec, d->cap * sizeof *d->sec);
    }
    cmp_section *s = &d->sec[d->n++];
    memset(s, 0, sizeof *s);
    s->title = cmp_xstrdup(title ? title : "");
    s->norm_title = cmp_normalise(s->title, 1);
    s->n = d->n_pending;
    s->sent = cmp_xcalloc(s->n, sizeof *s->sent);
    if (s->n) memcpy(s->sent, d->pending, s->n * sizeof *s->sent);
    d->n_pending = 0;
    s->hashes = cmp_xcalloc(s->n, sizeof *s->hashes);
    for (size_t i = 0; i < s->n; i++) {
        const cmp_sentence *c = &s->sent[i];
        s->hashes[i] = c->hash;
        s->stats.words += c->words;
        s->stats.sentences++;
        s->stats.growth += c->growth;
        s->stats.negativity += c->negativity;
        s->stats.tone_sum += c->tone;
        s->stats.reframes += c->reframe != 0;
        switch (ts_tone_label(c->tone)) {
        case TS_LABEL_GROWTH: s->stats.growth_sentences++; break;
        case TS_LABEL_NEGATIVE: s->stats.negative_sentences++; break;
        default: s->stats.neutral_sentences++; break;
        }
    }
    qsort(s->hashes, s->n, sizeof *s->hashes, cmp_u64);
    ts_stats_add(&d->stats, &s->stats);
}

static void free_sentence(cmp_sentence *c)
{
    free(c->text);
    free(c->norm);
    for (size_t i = 0; i < c->n_hits; i++) {
        free(c->hits[i].term);
        free(c->hits[i].category);
    }
    free(c->hits);
}

void cmp_doc_free(cmp_doc *d)
{
    for (size_t i = 0; i < d->n; i++) {
        cmp_section *s = &d->sec[i];
        for (size_t k = 0; k < s->n; k++) free_sentence(&s->sent[k]);
        free(s->sent);
        free(s->hashes);
        free(s->title);
        free(s->norm_title);
    }
    for (size_t k = 0; k < d->n_pending; k++) free_sentence(&d->pending[k]);
    free(d->pending);
    free(d->sec);
    free(d->path);
    memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------------------
 * Readers
 * ---------------------------------------------------------------------- */

static int on_sentence(void *ctx, const ts_sentence *s)
{
    add_sentence(ctx, s);
    return 0;
}

static int on_section_end(void *ctx, const ts_section *s)
{
    end_section(ctx, s->title);
    return 0;
}

static int load_report(cmp_doc *d, const char *path)
{
    ts_error err;
    ts_report_reader *rd = ts_report_reader_open(path, &err);
    if (!rd) {
        cli_error(path, "%s", err.message);
        return EXIT_IO;
    }
    int code = EXIT_OK;
    for (;;) {
        ts_record rec;
        int done;
        ts_status st = ts_report_reader_next(rd, &rec, &done);
        if (st != TS_OK) {
            /* a comparison with missing sections would mislead */
            cli_error(path, "%s", ts_report_reader_errmsg(rd));
            code = EXIT_IO;
            break;
        }
        if (done) break;
        if (rec.type == TS_RECORD_SENTENCE) add_sentence(d, &rec.sentence);
        else if (rec.type == TS_RECORD_SECTION) end_section(d, rec.section.title);
    }
    ts_report_reader_free(rd);
    return code;
}

static int load_article(cmp_doc *d, const char *path, int fd,
                        const unsigned char *head, size_t n_head,
                        const common_opts *o, ts_lexicon **lex)
{
    int code = EXIT_OK;
    if (!*lex && !(*lex = cli_load_lexicon(o, &code))) return code;
    ts_options opt;
    ts_options_init(&opt);
    opt.format = cli_input_format(o, path);
    ts_callbacks cb = {NULL, on_sentence, on_section_end, d};
    ts_error err;
    ts_analyzer *a = ts_analyzer_new(*lex, &opt, &cb, &err);
    if (!a) {
        cli_error(NULL, "%s", err.message);
        return EXIT_IO;
    }
    ts_status st = ts_analyzer_feed(a, head, n_head);
    if (st == TS_OK) st = ts_analyzer_feed_fd(a, fd);
    if (st == TS_OK) st = ts_analyzer_finish(a);
    if (st != TS_OK) {
        cli_error(strcmp(path, "-") ? path : "(stdin)", "%s",
                  ts_analyzer_errmsg(a));
        code = EXIT_IO;
    }
    ts_analyzer_free(a);
    return code;
}

int cmp_load(cmp_doc *d, const char *path, const common_opts *o,
             ts_lexicon **lex)
{
    memset(d, 0, sizeof *d);
    d->path = cmp_xstrdup(path);
    int fd = cli_open_input(path);
    if (fd < 0) return EXIT_IO;
    /* a report is known by the gzip magic, whatever its name; a file
     * named *.tone.gz without it is refused rather than read as text */
    unsigned char head[2];
    size_t got = 0;
    while (got < sizeof head) {
        ssize_t k = read(fd, head + got, sizeof head - got);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            cli_error(path, "%s", strerror(errno));
            if (fd != STDIN_FILENO) close(fd);
            return EXIT_IO;
        }
        if (k == 0) break;
        got += (size_t)k;
    }
    int code;
    int gzip = got == 2 && head[0] == 0x1f && head[1] == 0x8b;
    size_t plen = strlen(path);
    if (!gzip && plen > 8 && strcmp(path + plen - 8, ".tone.gz") == 0) {
        /* named as a report but no gzip data: a damaged report, not text */
        cli_error(path, "not a tonescope report (not gzip data)");
        if (fd != STDIN_FILENO) close(fd);
        return EXIT_IO;
    }
    if (gzip) {
        if (fd == STDIN_FILENO) {
            cli_error("(stdin)", "a report must be given by its path");
            return EXIT_USAGE;
        }
        close(fd);
        code = load_report(d, path);
    } else {
        code = load_article(d, path, fd, head, got, o, lex);
        if (fd != STDIN_FILENO) close(fd);
    }
    return code;
}
