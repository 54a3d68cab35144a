/* test_chunking.c - any chunking of the input, and any number of scoring
 * threads, gives byte-identical results.
 *
 * Every corpus article is analysed whole and in 1-, 7- and 4096-byte
 * chunks; every sentence, section and the document are rendered as JSON
 * into one string per run, and the strings must be equal.  Small synthetic
 * inputs are split at every byte offset: UTF-8 sequences, CRLF, a BOM and
 * invalid bytes across two feeds.  Documents of many scoring batches, made
 * of the corpus articles over and over, are analysed on 1, 2 and 4
 * threads, and analyses are stopped or reset while batches are in
 * flight. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tonescope.h"
#include "fixtures.h"

FIXTURE_BUILTIN_LEXICON_GROUP(lex)

/* ------------------------------------------------------------------------
 * One run: everything the callbacks see, as JSON Lines
 * ---------------------------------------------------------------------- */

struct run {
    ts_string out;
    int failed;
};

static int on_begin(void *ctx, size_t index, const char *title, int level,
                    unsigned long line)
{
    struct run *r = ctx;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "begin %zu %d %lu ", index, level, line);
    ts_string *o = &r->out;
    if (ts_json_string(o, tmp, strlen(tmp)) != TS_OK ||
        ts_json_string(o, title, strlen(title)) != TS_OK ||
        ts_json_string(o, "\n", 1) != TS_OK)
        r->failed = 1;
    return 0;
}

static int on_sentence(void *ctx, const ts_sentence *s)
{
    struct run *r = ctx;
    if (ts_json_sentence(&r->out, s, 1) != TS_OK ||
        ts_json_string(&r->out, "\n", 1) != TS_OK)
        r->failed = 1;
    return 0;
}

static int on_section(void *ctx, const ts_section *s)
{
    struct run *r = ctx;
    if (ts_json_section(&r->out, s) != TS_OK ||
        ts_json_string(&r->out, "\n", 1) != TS_OK)
        r->failed = 1;
    return 0;
}

/* The stem memo's capacity for the runs (0: the default). */
static size_t memo_capacity;

/* Analyses data fed in chunks of `chunk` bytes (0 = whole); returns the
 * rendering, which the caller frees. */
static char *analyse_threads(const char *data, size_t len, size_t chunk,
                             ts_input_format format, unsigned threads)
{
    struct run r;
    memset(&r, 0, sizeof r);
    ts_callbacks cb = {on_begin, on_sentence, on_section, &r};
    ts_options opt;
    ts_options_init(&opt);
    opt.format = format;
    opt.threads = threads;
    if (memo_capacity) opt.memo_capacity = memo_capacity;
    ts_error err;
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, &err);
    assert_non_null(a);
    if (chunk == 0) chunk = len ? len : 1;
    for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        assert_int_equal(ts_analyzer_feed(a, data + off, n), TS_OK);
    }
    assert_int_equal(ts_analyzer_finish(a), TS_OK);
    const ts_document *d = ts_analyzer_document(a);
    assert_non_null(d);
    assert_int_equal(d->bytes, len);
    assert_int_equal(ts_json_document(&r.out, d, "document"), TS_OK);
    assert_false(r.failed);
    ts_analyzer_free(a);
    char *s = r.out.data;   /* NUL-terminated */
    assert_non_null(s);
    return s;
}

static char *analyse(const char *data, size_t len, size_t chunk,
                     ts_input_format format)
{
    return analyse_threads(data, len, chunk, format, 1);
}

/* Analyses data fed as two parts split at `at`. */
static char *analyse_split(const char *data, size_t len, size_t at,
                           ts_input_format format)
{
    struct run r;
    memset(&r, 0, sizeof r);
    ts_callbacks cb = {on_begin, on_sentence, on_section, &r};
    ts_options opt;
    ts_options_init(&opt);
    opt.format = format;
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, NULL);
    assert_non_null(a);
    assert_int_equal(ts_analyzer_feed(a, data, at), TS_OK);
    assert_int_equal(ts_analyzer_feed(a, data + at, len - at), TS_OK);
    assert_int_equal(ts_analyzer_finish(a), TS_OK);
    assert_int_equal(ts_json_document(&r.out, ts_analyzer_document(a),
                                      "document"),
                     TS_OK);
    ts_analyzer_free(a);
    return r.out.data;
}

/* ------------------------------------------------------------------------
 * The corpus
 * ---------------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    assert_true(n >= 0);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

static int wanted(const char *name, int drafts)
{
    if (name[0] == '.') return 0;
    if (drafts) return 1;
    size_t n = strlen(name);
    static const char *const ext[] = {".txt", ".md", ".html"};
    for (size_t i = 0; i < 3; i++) {
        size_t k = strlen(ext[i]);
        if (n > k && strcmp(name + n - k, ext[i]) == 0) return 1;
    }
    return 0;
}

static size_t check_dir(const char *dir, int drafts)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    size_t files = 0;
    while ((e = readdir(d))) {
        if (!wanted(e->d_name, drafts)) continue;
        if (!drafts && strcmp(e->d_name, "README.md") == 0) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *data = slurp(path, &len);
        ts_input_format f = ts_input_format_from_path(path);
        char *whole = analyse(data, len, 0, f);
        assert_true(strstr(whole, "\"type\":\"sentence\"") != NULL);
        static const size_t chunks[] = {1, 7, 4096};
        for (size_t i = 0; i < 3; i++) {
            char *got = analyse(data, len, chunks[i], f);
            if (strcmp(got, whole) != 0)
                print_error("%s: %zu-byte chunks differ\n", path, chunks[i]);
            assert_string_equal(got, whole);
            free(got);
        }
        /* sniffing gives the same result as the extension */
        if (f != TS_INPUT_AUTO) {
            char *sniffed = analyse(data, len, 7, TS_INPUT_AUTO);
            char *again = analyse(data, len, 0, TS_INPUT_AUTO);
            assert_string_equal(sniffed, again);
            free(sniffed);
            free(again);
        }
        free(whole);
        free(data);
        files++;
    }
    closedir(d);
    return files;
}

static const char *source_dir(void)
{
    const char *s = getenv("TS_SOURCE_DIR");
    return s && *s ? s : ".";
}

static void test_corpus(void **state)
{
    (void)state;
    char dir[900];
    snprintf(dir, sizeof dir, "%s/corpus", source_dir());
    size_t n = check_dir(dir, 0);
    assert_true(n >= 3);
    snprintf(dir, sizeof dir, "%s/corpus/drafts", source_dir());
    assert_true(check_dir(dir, 1) >= 2);
}

/* ------------------------------------------------------------------------
 * Synthetic inputs, split at every offset
 * ---------------------------------------------------------------------- */

static void every_split(const char *data, size_t len, ts_input_format f)
{
    char *whole = analyse(data, len, 0, f);
    for (size_t at = 0; at <= len; at++) {
        char *got = analyse_split(data, len, at, f);
        if (strcmp(got, whole) != 0) print_error("split at %zu differs\n", at);
        assert_string_equal(got, whole);
        free(got);
    }
    char *ones = analyse(data, len, 1, f);
    assert_string_equal(ones, whole);
    free(ones);
    free(whole);
}

static void test_utf8_crlf_bom(void **state)
{
    (void)state;
    /* a BOM, CRLF line ends, 2-, 3- and 4-byte characters, curly quotes */
    static const char text[] =
        "\xEF\xBB\xBF" "Caf\xC3\xA9 Lessons\r\n"
        "\r\n"
        "It\xE2\x80\x99s a chance to learn \xE2\x80\x94 not a failure.\r\n"
        "We never give up \xF0\x9F\x98\x80 and we grow.\r\n";
    every_split(text, sizeof text - 1, TS_INPUT_TEXT);
    every_split(text, sizeof text - 1, TS_INPUT_AUTO);

    /* the BOM is skipped whole or split; the same text without it gives
     * the same sentences */
    char *with = analyse(text, sizeof text - 1, 1, TS_INPUT_TEXT);
    char *without = analyse(text + 3, sizeof text - 4, 0, TS_INPUT_TEXT);
    assert_non_null(strstr(with, "\"text\":\"It\xE2\x80\x99s a chance"));
    /* only the byte count differs */
    char *bw = strstr(with, "\"bytes\":");
    char *bo = strstr(without, "\"bytes\":");
    assert_non_null(bw);
    assert_non_null(bo);
    assert_memory_equal(with, without, (size_t)(bw - with));
    free(with);
    free(without);
}

static void test_invalid_bytes(void **state)
{
    (void)state;
    /* a lone continuation byte, a truncated sequence, an overlong form
     * and a stray 0xFF, between valid text */
    static const char text[] =
        "Bad \x80 bytes here.\n"
        "Cut \xE2\x80 short. Over \xC0\xAF long.\n"
        "End \xFF of text and a failure to learn.\n";
    every_split(text, sizeof text - 1, TS_INPUT_TEXT);
    char *s = analyse(text, sizeof text - 1, 0, TS_INPUT_TEXT);
    assert_non_null(strstr(s, "\xEF\xBF\xBD"));          /* U+FFFD */
    assert_null(strstr(s, "\xFF"));
    assert_non_null(strstr(s, "\"invalid_utf8\":"));
    assert_null(strstr(s, "\"invalid_utf8\":0,"));
    free(s);

    /* invalid bytes as the very last input, split from what precedes */
    static const char tail[] = "Last word \xE2\x80";
    every_split(tail, sizeof tail - 1, TS_INPUT_TEXT);
}

static void test_markdown_and_html_splits(void **state)
{
    (void)state;
    static const char md[] =
        "# Growth\r\n\r\nWe learn *every* day.\r\n\r\n"
        "Setext\r\n------\r\n\r\nFailure is an opportunity to learn.\r\n";
    every_split(md, sizeof md - 1, TS_INPUT_MARKDOWN);
    static const char html[] =
        "<html><head><title>T&eacute;st</title></head><body>"
        "<h1>Caf\xC3\xA9</h1><p>We learn &amp; grow.</p>"
        "<h2>Two</h2><p>It&#8217;s not hopeless.</p></body></html>";
    every_split(html, sizeof html - 1, TS_INPUT_HTML);
}

/* ------------------------------------------------------------------------
 * Scoring threads
 * ---------------------------------------------------------------------- */

/* The corpus files of one extension, each repeated until the whole is at
 * least `min` bytes (dozens of scoring batches); *len gets its length. */
static char *corpus_of(const char *ext, size_t min, size_t *len)
{
    char *all = NULL;
    size_t n_all = 0;
    char dir[900];
    snprintf(dir, sizeof dir, "%s/corpus", source_dir());
    while (n_all < min) {
        size_t before = n_all;
        DIR *d = opendir(dir);
        assert_non_null(d);
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t n = strlen(e->d_name), k = strlen(ext);
            if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0 ||
                n <= k || strcmp(e->d_name + n - k, ext) != 0)
                continue;
            char path[1200];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            size_t flen;
            char *data = slurp(path, &flen);
            char *grown = realloc(all, n_all + flen + 1);
            assert_non_null(grown);
            all = grown;
            memcpy(all + n_all, data, flen);
            all[n_all + flen] = '\n';
            n_all += flen + 1;
            free(data);
        }
        closedir(d);
        assert_true(n_all > before);
    }
    *len = n_all;
    return all;
}

static void test_threads_same_result(void **state)
{
    (void)state;
    static const struct {
        const char *ext;
        ts_input_format format;
    } kinds[] = {{".txt", TS_INPUT_TEXT},
                 {".md", TS_INPUT_MARKDOWN},
                 {".html", TS_INPUT_HTML}};
    for (size_t k = 0; k < 3; k++) {
        size_t len;
        char *data = corpus_of(kinds[k].ext, 600000, &len);
        char *one = analyse_threads(data, len, 0, kinds[k].format, 1);
        static const unsigned threads[] = {2, 4};
        static const size_t chunks[] = {0, 4096, 100003};
        for (size_t t = 0; t < 2; t++)
            for (size_t c = 0; c < 3; c++) {
                char *got = analyse_threads(data, len, chunks[c],
                                            kinds[k].format, threads[t]);
                if (strcmp(got, one) != 0)
                    print_error("%s: %u threads, %zu-byte chunks differ\n",
                                kinds[k].ext, threads[t], chunks[c]);
                assert_string_equal(got, one);
                free(got);
            }
        free(one);
        free(data);
    }
    /* a document shorter than a batch, and an empty one */
    static const char small[] = "# One\n\nWe learn.\n\n# Two\n\nIt failed.\n";
    char *a1 = analyse_threads(small, sizeof small - 1, 0, TS_INPUT_MARKDOWN, 1);
    char *a4 = analyse_threads(small, sizeof small - 1, 0, TS_INPUT_MARKDOWN, 4);
    assert_string_equal(a1, a4);
    free(a1);
    free(a4);
    char *e4 = analyse_threads("", 0, 0, TS_INPUT_TEXT, 4);
    assert_non_null(strstr(e4, "\"sentences\":0"));
    free(e4);
}

/* A memo far smaller than a batch's vocabulary is trimmed between most
 * sentences, on every thread.  The words a hit names (its negator, its
 * booster or a mention frame such as "research on") may be the memo's
 * own strings; they must come back whole from the workers, whose memos
 * are trimmed while earlier batches wait to be replayed, and trimming
 * must not change a score. */
static void test_threads_small_memo(void **state)
{
    (void)state;
    size_t len;
    char *data = corpus_of(".txt", 300000, &len);
    char *whole = analyse_threads(data, len, 0, TS_INPUT_TEXT, 1);
    memo_capacity = 64;
    static const unsigned threads[] = {1, 2, 4};
    for (size_t t = 0; t < 3; t++) {
        char *got = analyse_threads(data, len, 0, TS_INPUT_TEXT, threads[t]);
        if (strcmp(got, whole) != 0)
            print_error("memo of 64 words, %u threads: results differ\n",
                        threads[t]);
        assert_string_equal(got, whole);
        free(got);
    }
    memo_capacity = 0;
    /* the corpus has such hits: the test would pass vacuously without */
    assert_non_null(strstr(whole, "\"intensifier\":"));
    assert_non_null(strstr(whole, "\"negator\":"));
    free(whole);
    free(data);
}

struct counting {
    size_t sentences;
    size_t stop_at;        /* stop at this sentence; 0 = never */
};

static int count_sentence(void *ctx, const ts_sentence *s)
{
    struct counting *c = ctx;
    (void)s;
    return ++c->sentences == c->stop_at;
}

/* A callback that stops, and resets, while batches are queued or being
 * scored: the analysis ends cleanly (no leak, no hang, under the
 * sanitizers and valgrind) and the analyzer is usable again. */
static void test_threads_stop_and_reset(void **state)
{
    (void)state;
    size_t len;
    char *data = corpus_of(".txt", 600000, &len);
    struct counting c = {0, 50};
    ts_callbacks cb = {NULL, count_sentence, NULL, &c};
    ts_options opt;
    ts_options_init(&opt);
    opt.format = TS_INPUT_TEXT;
    opt.threads = 2;
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, NULL);
    assert_non_null(a);
    ts_status st = TS_OK;
    for (size_t off = 0; off < len && st == TS_OK; off += 65536)
        st = ts_analyzer_feed(a, data + off, len - off < 65536 ? len - off : 65536);
    assert_int_equal(st, TS_ECALLBACK);
    assert_int_equal(c.sentences, 50);
    assert_int_equal(ts_analyzer_finish(a), TS_ECALLBACK);

    /* reset in the middle of a document, then a whole run */
    c.sentences = 0;
    c.stop_at = 0;
    assert_int_equal(ts_analyzer_reset(a, TS_INPUT_TEXT), TS_OK);
    assert_int_equal(ts_analyzer_feed(a, data, len / 2), TS_OK);
    assert_int_equal(ts_analyzer_reset(a, TS_INPUT_TEXT), TS_OK);
    c.sentences = 0;
    assert_int_equal(ts_analyzer_feed(a, data, len), TS_OK);
    assert_int_equal(ts_analyzer_finish(a), TS_OK);
    const ts_document *d = ts_analyzer_document(a);
    assert_non_null(d);
    assert_int_equal(d->stats.sentences, c.sentences);
    assert_true(c.sentences > 1000);

    /* freed with batches in flight */
    assert_int_equal(ts_analyzer_reset(a, TS_INPUT_TEXT), TS_OK);
    assert_int_equal(ts_analyzer_feed(a, data, len), TS_OK);
    ts_analyzer_free(a);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_utf8_crlf_bom),
        cmocka_unit_test(test_invalid_bytes),
        cmocka_unit_test(test_markdown_and_html_splits),
        cmocka_unit_test(test_threads_same_result),
        cmocka_unit_test(test_threads_small_memo),
        cmocka_unit_test(test_threads_stop_and_reset),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
