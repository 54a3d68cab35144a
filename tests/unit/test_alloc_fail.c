/* test_alloc_fail.c - every allocation failure is survived cleanly.
 *
 * An allocator hook fails the N-th allocation; for N = 1, 2, 3, ... until
 * a run completes without an injected failure, the whole pipeline runs:
 * load a lexicon, create an analyzer, feed an article in 4096-byte chunks,
 * finish, write a report.  Each run must end with TS_ENOMEM (or a NULL
 * constructor whose error says TS_ENOMEM) and, once everything is freed,
 * no allocation of the library may still be live.  (The sanitizer build
 * checks the rest: no crash, no leak, no use after free.) */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tonescope.h"
#include "fixtures.h"

/* ------------------------------------------------------------------------
 * The failing allocator
 * ---------------------------------------------------------------------- */

static struct {
    unsigned long calls;     /* allocations attempted (alloc or resize) */
    unsigned long fail_at;   /* fail this one; 0 = never */
    int injected;            /* a failure was injected in this run */
    long live;               /* blocks allocated and not yet released */
} heap;

static int should_fail(void)
{
    heap.calls++;
    if (heap.fail_at && heap.calls == heap.fail_at) {
        heap.injected = 1;
        return 1;
    }
    return 0;
}

static void *t_alloc(size_t size, void *ud)
{
    (void)ud;
    if (should_fail()) return NULL;
    void *p = malloc(size);
    if (p) heap.live++;
    return p;
}

static void *t_resize(void *ptr, size_t size, void *ud)
{
    (void)ud;
    if (should_fail()) return NULL;
    void *p = realloc(ptr, size);
    if (p && !ptr) heap.live++;
    return p;
}

static void t_release(void *ptr, void *ud)
{
    (void)ud;
    if (ptr) heap.live--;
    free(ptr);
}

static const ts_allocator failing = {t_alloc, t_resize, t_release, NULL};

static void arm(unsigned long fail_at)
{
    heap.calls = 0;
    heap.fail_at = fail_at;
    heap.injected = 0;
}

/* ------------------------------------------------------------------------
 * Fixtures: a small lexicon directory, the article, a report path
 * ---------------------------------------------------------------------- */

static char tmpdir[512];
static char report_path[700];
static char *article;
static size_t article_len;

static void write_file(const char *name, const char *text)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}

static int setup(void **state)
{
    (void)state;
    if (fixture_tmpdir(tmpdir, sizeof tmpdir, "tsoom")) return -1;
    write_file("growth.tsv",
               "learn\t1.5\tlearning\nimprov*\t1.5\timprovement\n"
               "feedback\t1.5\tfeedback\nlearn from\t2.0\tlearning\n"
               "never give up\t2.5\tpersistence\ngrow\t1.5\tlearning\n"
               "effort\t1.0\teffort\npractice\t1.0\teffort\n");
    write_file("negativity.tsv",
               "failure\t1.8\tsetback\ngive up\t2.5\tquitting\n"
               "mistake\t1.0\tsetback\nbad\t1.0\tcriticism\n"
               "stuck\t1.5\thopelessness\nwrong\t1.0\tcriticism\n");
    write_file("modifiers.tsv",
               "not\tnegator\nnever\tnegator\nvery\tbooster\t0.5\n"
               "slightly\tdampener\nbut\tcontrast\nno longer\tnegator\n");
    snprintf(report_path, sizeof report_path, "%s/out/r.tone.gz", tmpdir);
    char out[700];
    snprintf(out, sizeof out, "%s/out", tmpdir);
    if (mkdir(out, 0700)) return -1;

    const char *src = getenv("TS_SOURCE_DIR");
    char path[900];
    snprintf(path, sizeof path, "%s/corpus/drafts/feedback-v1.txt",
             src && *src ? src : ".");
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    article = malloc(1 << 20);
    article_len = fread(article, 1, 1 << 20, f);
    fclose(f);
    return article_len ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    static const char *const names[] = {"growth.tsv", "negativity.tsv",
                                        "modifiers.tsv"};
    char path[700];
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
    unlink(report_path);
    snprintf(path, sizeof path, "%s/out", tmpdir);
    rmdir(path);
    rmdir(tmpdir);
    free(article);
    ts_set_allocator(NULL);
    return 0;
}

/* ------------------------------------------------------------------------
 * One run of the pipeline
 * ---------------------------------------------------------------------- */

struct sink {
    ts_report_writer *w;
    ts_status st;             /* the writer's failure, if any */
};

static int on_sentence(void *ctx, const ts_sentence *s)
{
    struct sink *k = ctx;
    k->st = ts_report_write_sentence(k->w, s);
    return k->st != TS_OK;
}

static int on_section(void *ctx, const ts_section *s)
{
    struct sink *k = ctx;
    k->st = ts_report_write_section(k->w, s);
    return k->st != TS_OK;
}

/* Scoring threads asked of the analyzer.  The article is shorter than a
 * batch, so no thread starts (the failing allocator is not thread-safe),
 * but with more than one the sentences go through the batches of the
 * scoring pool and are scored when the document is flushed. */
static unsigned analysis_threads = 1;

/* Analyses the article with lex into a report.  Returns the first failure
 * (the writer's when a callback stopped the analyzer). */
static ts_status analyse(const ts_lexicon *lex)
{
    ts_error err;
    ts_status st;
    ts_report_writer *w = ts_report_writer_open(report_path, 6, &err);
    if (!w) {
        assert_int_equal(err.status, TS_ENOMEM);
        return err.status;
    }
    struct sink k = {w, TS_OK};
    ts_callbacks cb = {NULL, on_sentence, on_section, &k};
    ts_options opt;
    ts_options_init(&opt);
    opt.threads = analysis_threads;
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, &err);
    if (!a) {
        assert_int_equal(err.status, TS_ENOMEM);
        assert_string_equal(err.message, "out of memory");
        ts_report_writer_free(w);
        return err.status;
    }
    st = ts_report_write_header(w, "feedback-v1.txt", NULL, TS_INPUT_TEXT, lex);
    int analyzer_failed = 0;
    for (size_t off = 0; off < article_len && st == TS_OK; off += 4096) {
        size_t n = article_len - off < 4096 ? article_len - off : 4096;
        st = ts_analyzer_feed(a, article + off, n);
        analyzer_failed = st != TS_OK;
    }
    if (st == TS_OK) {
        st = ts_analyzer_finish(a);
        analyzer_failed = st != TS_OK;
    }
    if (st == TS_ECALLBACK) {
        assert_int_not_equal(k.st, TS_OK);
        st = k.st;
    }
    if (st != TS_OK) {
        assert_int_equal(st, TS_ENOMEM);
        /* the analyzer's own failure is sticky and explained */
        if (analyzer_failed && k.st == TS_OK) {
            assert_int_equal(ts_analyzer_feed(a, "x", 1), TS_ENOMEM);
            assert_string_equal(ts_analyzer_errmsg(a), "out of memory");
        }
    }
    if (st == TS_OK) {
        const ts_document *d = ts_analyzer_document(a);
        assert_non_null(d);
        assert_true(d->stats.sentences > 10);
        st = ts_report_write_summary(w, d);
    }
    if (st == TS_OK) st = ts_report_writer_commit(w);
    ts_analyzer_free(a);
    ts_report_writer_free(w);
    return st;
}

/* One run; returns 1 when it completed without an injected failure. */
static int run(const char *lexicon_dir, const ts_lexicon *shared,
               unsigned long fail_at)
{
    long live_before = heap.live;
    arm(fail_at);
    ts_status st;
    ts_lexicon *lex = NULL;
    if (!shared) {
        ts_error err;
        lex = lexicon_dir ? ts_lexicon_new_from_dir(lexicon_dir, &err)
                          : ts_lexicon_new_builtin(&err);
        if (!lex) {
            if (err.status != TS_ENOMEM)
                print_error("fail_at %lu: lexicon status %d (%s)\n", fail_at,
                            (int)err.status, err.message);
            assert_int_equal(err.status, TS_ENOMEM);
            st = TS_ENOMEM;
        }
    }
    if (shared || lex) st = analyse(shared ? shared : lex);
    ts_lexicon_free(lex);
    int injected = heap.injected;
    arm(0);
    if (heap.live != live_before)
        print_error("fail_at %lu: %ld blocks leaked\n", fail_at,
                    heap.live - live_before);
    assert_int_equal(heap.live, live_before);
    if (!injected) {
        assert_int_equal(st, TS_OK);
        unlink(report_path);
        return 1;
    }
    /* an injected failure: reported, and no report left behind */
    if (st != TS_ENOMEM)
        print_error("fail_at %lu: status %d\n", fail_at, (int)st);
    assert_int_equal(st, TS_ENOMEM);
    char out[700];
    snprintf(out, sizeof out, "%s/out", tmpdir);
    assert_int_equal(count_entries(out), 0);
    return 0;
}

/* ------------------------------------------------------------------------
 * The loops
 * ---------------------------------------------------------------------- */

/* A small lexicon: every N, lexicon load through the report. */
static void test_small_lexicon_every_n(void **state)
{
    (void)state;
    ts_set_allocator(&failing);
    unsigned long n = 1;
    while (!run(tmpdir, NULL, n)) n++;
    assert_true(n > 100);   /* the loop did go through the pipeline */
    ts_set_allocator(NULL);
}

/* The builtin lexicon: its entries come parsed at build time (their
 * strings are not copied) and its nodes from a few large blocks, so
 * loading it takes a few dozen allocations: every N. */
static void test_builtin_load_stride(void **state)
{
    (void)state;
    ts_set_allocator(&failing);
    unsigned long n = 1;
    unsigned long runs = 0;
    for (;;) {
        arm(n);
        ts_error err;
        ts_lexicon *lex = ts_lexicon_new_builtin(&err);
        int injected = heap.injected;
        arm(0);
        if (lex) {
            ts_lexicon_free(lex);
            assert_int_equal(heap.live, 0);
            /* a failure must not be swallowed (entries silently lost) */
            assert_false(injected);
            break;
        } else {
            assert_int_equal(err.status, TS_ENOMEM);
            assert_int_equal(heap.live, 0);
        }
        runs++;
        n++;
    }
    assert_true(runs > 30);
    ts_set_allocator(NULL);
}

/* The builtin lexicon loaded once and shared; every N in the analysis. */
static void test_builtin_analysis_every_n(void **state)
{
    (void)state;
    ts_set_allocator(&failing);
    arm(0);
    ts_lexicon *lex = ts_lexicon_new_builtin(NULL);
    assert_non_null(lex);
    unsigned long n = 1;
    while (!run(NULL, lex, n)) n++;
    assert_true(n > 50);
    ts_lexicon_free(lex);
    assert_int_equal(heap.live, 0);
    ts_set_allocator(NULL);
}

/* The same through the scoring pool's batches. */
static void test_builtin_analysis_every_n_pooled(void **state)
{
    analysis_threads = 2;
    test_builtin_analysis_every_n(state);
    analysis_threads = 1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_small_lexicon_every_n),
        cmocka_unit_test(test_builtin_load_stride),
        cmocka_unit_test(test_builtin_analysis_every_n),
        cmocka_unit_test(test_builtin_analysis_every_n_pooled),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
