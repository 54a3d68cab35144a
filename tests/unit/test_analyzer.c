/* test_analyzer.c - the public analyzer on small inputs: sections and their
 * titles, the document title, reset, the sentence length cap, misuse and
 * callbacks that stop the analysis. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "tonescope.h"
#include "fixtures.h"

FIXTURE_BUILTIN_LEXICON_GROUP(lex)

/* ------------------------------------------------------------------------
 * What the callbacks saw
 * ---------------------------------------------------------------------- */

#define MAX_ITEMS 64

struct seen {
    size_t begins, sentences, ends;
    size_t begin_index[MAX_ITEMS];
    char begin_title[MAX_ITEMS][64];
    int begin_level[MAX_ITEMS];
    size_t end_index[MAX_ITEMS];
    char end_title[MAX_ITEMS][64];
    size_t end_sentences[MAX_ITEMS];
    size_t end_top[MAX_ITEMS];
    size_t sent_section[MAX_ITEMS];
    size_t sent_index[MAX_ITEMS];
    unsigned long sent_line[MAX_ITEMS];
    char sent_text[MAX_ITEMS][128];
    int sent_split[MAX_ITEMS];
    size_t sent_len[MAX_ITEMS];
    /* stop after this many calls of a kind (0 = never) */
    size_t stop_begin, stop_sentence, stop_end;
};

static int on_begin(void *ctx, size_t index, const char *title, int level,
                    unsigned long line)
{
    struct seen *s = ctx;
    (void)line;
    if (s->begins < MAX_ITEMS) {
        s->begin_index[s->begins] = index;
        snprintf(s->begin_title[s->begins], 64, "%s", title);
        s->begin_level[s->begins] = level;
    }
    s->begins++;
    return s->stop_begin && s->begins >= s->stop_begin;
}

static int on_sentence(void *ctx, const ts_sentence *t)
{
    struct seen *s = ctx;
    if (s->sentences < MAX_ITEMS) {
        size_t k = s->sentences;
        s->sent_section[k] = t->section;
        s->sent_index[k] = t->index;
        s->sent_line[k] = t->line;
        snprintf(s->sent_text[k], 128, "%.*s", (int)t->text_len, t->text);
        s->sent_split[k] = t->split_at_cap;
        s->sent_len[k] = t->text_len;
    }
    s->sentences++;
    return s->stop_sentence && s->sentences >= s->stop_sentence;
}

static int on_end(void *ctx, const ts_section *sec)
{
    struct seen *s = ctx;
    if (s->ends < MAX_ITEMS) {
        s->end_index[s->ends] = sec->index;
        snprintf(s->end_title[s->ends], 64, "%s", sec->title);
        s->end_sentences[s->ends] = sec->stats.sentences;
    }
    if (s->ends < MAX_ITEMS) s->end_top[s->ends] = sec->n_top;
    s->ends++;
    return s->stop_end && s->ends >= s->stop_end;
}

/* Analyses text; fills *seen; returns the analyzer (finished). */
static ts_analyzer *run(const char *text, ts_input_format format,
                        struct seen *seen, const ts_options *opt_in)
{
    ts_options opt;
    ts_options_init(&opt);
    if (opt_in) opt = *opt_in;
    opt.format = format;
    ts_callbacks cb = {on_begin, on_sentence, on_end, seen};
    ts_error err;
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, &err);
    assert_non_null(a);
    assert_int_equal(ts_analyzer_feed(a, text, strlen(text)), TS_OK);
    assert_int_equal(ts_analyzer_finish(a), TS_OK);
    return a;
}

/* ------------------------------------------------------------------------
 * Sections and titles
 * ---------------------------------------------------------------------- */

static void test_markdown_sections(void **state)
{
    (void)state;
    struct seen s;
    memset(&s, 0, sizeof s);
    ts_analyzer *a = run("# The Title\n\nWe learn. We grow.\n\n"
                         "## Part Two\n\nFailure is a lesson.\n",
                         TS_INPUT_MARKDOWN, &s, NULL);
    assert_int_equal(s.begins, 2);
    assert_int_equal(s.ends, 2);
    assert_int_equal(s.begin_index[0], 1);
    assert_string_equal(s.begin_title[0], "The Title");
    assert_int_equal(s.begin_level[0], 1);
    assert_int_equal(s.begin_index[1], 2);
    assert_string_equal(s.begin_title[1], "Part Two");
    assert_int_equal(s.begin_level[1], 2);
    assert_int_equal(s.end_index[1], 2);
    assert_string_equal(s.end_title[1], "Part Two");
    assert_int_equal(s.end_sentences[0], 2);
    assert_int_equal(s.end_sentences[1], 1);
    assert_int_equal(s.sentences, 3);
    assert_int_equal(s.sent_section[0], 1);
    assert_int_equal(s.sent_section[2], 2);
    assert_int_equal(s.sent_index[0], 1);
    assert_int_equal(s.sent_index[2], 3);
    assert_int_equal(s.sent_line[0], 3);
    assert_int_equal(s.sent_line[2], 7);
    assert_string_equal(s.sent_text[2], "Failure is a lesson.");
    const ts_document *d = ts_analyzer_document(a);
    assert_non_null(d);
    assert_string_equal(d->title, "The Title");
    assert_int_equal(d->sections, 2);
    assert_int_equal(d->stats.sentences, 3);
    assert_int_equal(d->format, TS_INPUT_MARKDOWN);
    ts_analyzer_free(a);
}

static void test_section_zero(void **state)
{
    (void)state;
    struct seen s;
    memset(&s, 0, sizeof s);
    /* text before the first heading is section 0 */
    ts_analyzer *a = run("Some words before any heading.\n\n# Heading\n\n"
                         "Body text here.\n",
                         TS_INPUT_MARKDOWN, &s, NULL);
    assert_int_equal(s.begins, 2);
    assert_int_equal(s.begin_index[0], 0);
    assert_int_equal(s.begin_level[0], 0);
    assert_int_equal(s.sent_section[0], 0);
    assert_int_equal(s.begin_index[1], 1);
    assert_string_equal(s.begin_title[1], "Heading");
    assert_int_equal(ts_analyzer_document(a)->sections, 2);
    ts_analyzer_free(a);

    /* HTML: section 0 is titled by the document's <title> */
    memset(&s, 0, sizeof s);
    a = run("<html><head><title>Doc Name</title></head><body>"
            "<p>An intro sentence.</p><h2>First</h2><p>Text one.</p>"
            "</body></html>",
            TS_INPUT_HTML, &s, NULL);
    assert_int_equal(s.begins, 2);
    assert_int_equal(s.begin_index[0], 0);
    assert_string_equal(s.begin_title[0], "Doc Name");
    assert_string_equal(s.end_title[0], "Doc Name");
    assert_int_equal(s.begin_index[1], 1);
    assert_string_equal(s.begin_title[1], "First");
    assert_string_equal(ts_analyzer_document(a)->title, "Doc Name");
    ts_analyzer_free(a);
}

static void test_empty_headings_not_reported(void **state)
{
    (void)state;
    struct seen s;
    memset(&s, 0, sizeof s);
    ts_analyzer *a = run("# Empty One\n\n## Empty Two\n\n# Full\n\nText.\n\n"
                         "# Trailing Empty\n",
                         TS_INPUT_MARKDOWN, &s, NULL);
    assert_int_equal(s.begins, 1);
    assert_int_equal(s.ends, 1);
    assert_string_equal(s.begin_title[0], "Full");
    assert_int_equal(s.begin_index[0], 1);
    const ts_document *d = ts_analyzer_document(a);
    assert_int_equal(d->sections, 1);
    ts_analyzer_free(a);

    /* nothing at all */
    memset(&s, 0, sizeof s);
    a = run("", TS_INPUT_TEXT, &s, NULL);
    assert_int_equal(s.begins, 0);
    d = ts_analyzer_document(a);
    assert_int_equal(d->sections, 0);
    assert_int_equal(d->stats.sentences, 0);
    assert_string_equal(d->title, "");
    ts_analyzer_free(a);
}

static void test_document_title_choice(void **state)
{
    (void)state;
    struct seen s;
    /* the highest-ranked heading before the first sentence wins */
    memset(&s, 0, sizeof s);
    ts_analyzer *a = run("## Home\n\n# The Real Title\n\n### Small\n\nText.\n",
                         TS_INPUT_MARKDOWN, &s, NULL);
    assert_string_equal(ts_analyzer_document(a)->title, "The Real Title");
    ts_analyzer_free(a);
    /* same level: more words win */
    memset(&s, 0, sizeof s);
    a = run("# Careers\n\n# A Longer Real Title\n\nText.\n",
            TS_INPUT_MARKDOWN, &s, NULL);
    assert_string_equal(ts_analyzer_document(a)->title, "A Longer Real Title");
    ts_analyzer_free(a);
    /* headings after the first sentence do not count */
    memset(&s, 0, sizeof s);
    a = run("## First\n\nText.\n\n# Later Bigger Heading\n\nMore.\n",
            TS_INPUT_MARKDOWN, &s, NULL);
    assert_string_equal(ts_analyzer_document(a)->title, "First");
    ts_analyzer_free(a);
    /* HTML <title> beats headings */
    memset(&s, 0, sizeof s);
    a = run("<title>Meta</title><h1>Visible Heading Words</h1><p>Text.</p>",
            TS_INPUT_HTML, &s, NULL);
    assert_string_equal(ts_analyzer_document(a)->title, "Meta");
    ts_analyzer_free(a);
}

/* ------------------------------------------------------------------------
 * Reset, the length cap, misuse, callbacks
 * ---------------------------------------------------------------------- */

static void test_reset_reuse(void **state)
{
    (void)state;
    static const char doc_a[] = "# Alpha\n\nWe learn from failure. It helps.\n";
    static const char doc_b[] = "Plain text only. We never give up.\n";
    struct seen fresh;
    memset(&fresh, 0, sizeof fresh);
    ts_analyzer *f = run(doc_b, TS_INPUT_TEXT, &fresh, NULL);
    ts_string want = {0};
    assert_int_equal(ts_json_document(&want, ts_analyzer_document(f), "document"),
                     TS_OK);
    ts_analyzer_free(f);

    struct seen s;
    memset(&s, 0, sizeof s);
    ts_analyzer *a = run(doc_a, TS_INPUT_MARKDOWN, &s, NULL);
    assert_string_equal(ts_analyzer_document(a)->title, "Alpha");
    assert_int_equal(ts_analyzer_reset(a, TS_INPUT_TEXT), TS_OK);
    assert_null(ts_analyzer_document(a));   /* not finished yet */
    assert_int_equal(ts_analyzer_format(a), TS_INPUT_TEXT);
    memset(&s, 0, sizeof s);
    assert_int_equal(ts_analyzer_feed(a, doc_b, strlen(doc_b)), TS_OK);
    assert_int_equal(ts_analyzer_finish(a), TS_OK);
    ts_string got = {0};
    assert_int_equal(ts_json_document(&got, ts_analyzer_document(a), "document"),
                     TS_OK);
    assert_string_equal(got.data, want.data);
    assert_int_equal(s.sentences, fresh.sentences);
    assert_int_equal(s.sent_index[0], 1);       /* numbering restarts */
    assert_int_equal(s.begin_index[0], 0);
    assert_string_equal(s.sent_text[1], fresh.sent_text[1]);

    /* reset after a failure clears it */
    assert_int_equal(ts_analyzer_feed(a, "x", 1), TS_EINVAL);
    assert_int_equal(ts_analyzer_reset(a, TS_INPUT_AUTO), TS_OK);
    assert_int_equal(ts_analyzer_format(a), TS_INPUT_AUTO);
    assert_int_equal(ts_analyzer_feed(a, doc_b, strlen(doc_b)), TS_OK);
    assert_int_equal(ts_analyzer_finish(a), TS_OK);
    assert_int_equal(ts_analyzer_format(a), TS_INPUT_TEXT);
    assert_string_equal(ts_analyzer_errmsg(a), "");
    ts_string_free(&got);
    ts_string_free(&want);
    ts_analyzer_free(a);
    assert_int_equal(ts_analyzer_reset(NULL, TS_INPUT_TEXT), TS_EINVAL);
}

static void test_sentence_cap(void **state)
{
    (void)state;
    /* 40 words of 9 bytes with no sentence end: 360 bytes */
    char text[512];
    size_t n = 0;
    for (int i = 0; i < 40; i++) n += (size_t)snprintf(text + n, sizeof text - n, "learning ");
    snprintf(text + n, sizeof text - n, "end.\n\nShort one.\n");
    ts_options opt;
    ts_options_init(&opt);
    opt.max_sentence_bytes = 100;
    struct seen s;
    memset(&s, 0, sizeof s);
    ts_analyzer *a = run(text, TS_INPUT_TEXT, &s, &opt);
    const ts_document *d = ts_analyzer_document(a);
    assert_true(s.sentences >= 4);
    size_t split = 0, total = 0;
    for (size_t i = 0; i < s.sentences; i++) {
        assert_true(s.sent_len[i] <= 100);
        if (s.sent_split[i]) split++;
        total += s.sent_len[i];
    }
    assert_true(split >= 3);
    assert_false(s.sent_split[s.sentences - 1]);   /* "Short one." */
    assert_string_equal(s.sent_text[s.sentences - 1], "Short one.");
    assert_int_equal(d->split_sentences, split);
    /* no word lost */
    assert_int_equal(d->stats.words, 40 + 1 + 2);
    ts_analyzer_free(a);

    /* with the default cap nothing is split */
    memset(&s, 0, sizeof s);
    a = run(text, TS_INPUT_TEXT, &s, NULL);
    assert_int_equal(ts_analyzer_document(a)->split_sentences, 0);
    assert_int_equal(s.sentences, 2);
    ts_analyzer_free(a);
}

static void test_misuse(void **state)
{
    (void)state;
    ts_error err;
    assert_null(ts_analyzer_new(NULL, NULL, NULL, &err));
    assert_int_equal(err.status, TS_EINVAL);
    ts_analyzer *a = ts_analyzer_new(lex, NULL, NULL, NULL);
    assert_non_null(a);
    assert_null(ts_analyzer_document(a));
    assert_int_equal(ts_analyzer_feed(a, NULL, 3), TS_EINVAL);
    assert_int_equal(ts_analyzer_feed(a, "We learn.", 9), TS_OK);
    assert_int_equal(ts_analyzer_finish(a), TS_OK);
    assert_int_equal(ts_analyzer_finish(a), TS_OK);   /* idempotent */
    assert_int_equal(ts_analyzer_feed(a, "More.", 5), TS_EINVAL);
    assert_true(strlen(ts_analyzer_errmsg(a)) > 0);
    ts_analyzer_free(a);
    ts_analyzer_free(NULL);
    assert_int_equal(ts_analyzer_feed(NULL, "x", 1), TS_EINVAL);
    assert_int_equal(ts_analyzer_finish(NULL), TS_EINVAL);
}

static void test_feed_fd(void **state)
{
    (void)state;
    static const char text[] = "# T\n\nWe learn. We grow.\n";
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], text, sizeof text - 1), (ssize_t)(sizeof text - 1));
    close(fds[1]);
    struct seen s;
    memset(&s, 0, sizeof s);
    ts_callbacks cb = {on_begin, on_sentence, on_end, &s};
    ts_analyzer *a = ts_analyzer_new(lex, NULL, &cb, NULL);
    assert_int_equal(ts_analyzer_feed_fd(a, fds[0]), TS_OK);
    close(fds[0]);
    assert_int_equal(ts_analyzer_finish(a), TS_OK);
    assert_int_equal(ts_analyzer_format(a), TS_INPUT_MARKDOWN);
    assert_int_equal(s.sentences, 2);
    assert_int_equal(ts_analyzer_document(a)->bytes, sizeof text - 1);
    /* a closed descriptor */
    assert_int_equal(ts_analyzer_reset(a, TS_INPUT_TEXT), TS_OK);
    assert_int_equal(ts_analyzer_feed_fd(a, fds[0]), TS_EIO);
    ts_analyzer_free(a);
}

/* skip_top_terms leaves the top lists empty and changes nothing else */
static void test_skip_top_terms(void **state)
{
    (void)state;
    const char *text = "# One\n\nWe learned from failure and kept trying. "
                       "The setback hurt.\n\n# Two\n\nFeedback helped us grow.\n";
    struct seen a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    ts_options skip;
    ts_options_init(&skip);
    skip.skip_top_terms = 1;
    ts_analyzer *with = run(text, TS_INPUT_MARKDOWN, &a, NULL);
    ts_analyzer *without = run(text, TS_INPUT_MARKDOWN, &b, &skip);
    const ts_document *d1 = ts_analyzer_document(with);
    const ts_document *d2 = ts_analyzer_document(without);
    assert_true(d1->n_top > 0);
    assert_int_equal(d2->n_top, 0);
    assert_null(d2->top);
    assert_int_equal(a.ends, 2);
    assert_int_equal(b.ends, 2);
    for (size_t k = 0; k < 2; k++) {
        assert_true(a.end_top[k] > 0);
        assert_int_equal(b.end_top[k], 0);
        assert_int_equal(a.end_sentences[k], b.end_sentences[k]);
    }
    assert_memory_equal(&d1->stats, &d2->stats, sizeof d1->stats);
    assert_int_equal(d1->sections, d2->sections);
    ts_analyzer_free(with);
    ts_analyzer_free(without);
}

/* A long document: part, copies times (free it). */
static char *repeated(const char *part, size_t copies)
{
    size_t n = strlen(part);
    char *text = malloc(copies * n + 1);
    assert_non_null(text);
    for (size_t i = 0; i < copies; i++) memcpy(text + i * n, part, n);
    text[copies * n] = '\0';
    return text;
}

/* Scored on threads with no sentence callback and no top terms, the
 * pool keeps no hits: the figures must be those of a run that keeps them
 * all, on one thread and on two (a text of several batches). */
static void document_of(const char *text, unsigned threads, int read_all,
                        ts_stats *stats, size_t *sections)
{
    ts_options opt;
    ts_options_init(&opt);
    opt.format = TS_INPUT_MARKDOWN;
    opt.threads = threads;
    opt.skip_top_terms = !read_all;
    struct seen seen;
    memset(&seen, 0, sizeof seen);
    ts_callbacks cb = {on_begin, read_all ? on_sentence : NULL, on_end, &seen};
    ts_error err;
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, &err);
    assert_non_null(a);
    assert_int_equal(ts_analyzer_feed(a, text, strlen(text)), TS_OK);
    assert_int_equal(ts_analyzer_finish(a), TS_OK);
    const ts_document *d = ts_analyzer_document(a);
    *stats = d->stats;
    *sections = d->sections;
    assert_int_equal(seen.sentences, read_all ? d->stats.sentences : 0);
    ts_analyzer_free(a);
}

static void test_no_hit_readers(void **state)
{
    (void)state;
    static const char part[] =
        "## Part\n\nWe learned from failure and kept trying, not yet there. "
        "The setback hurt and I felt hopeless. \"Failure\" is a word.\n\n"
        "Feedback helped us grow; we never gave up.\n\n";
    size_t copies = 3000; /* ~600 KB: several batches for the workers */
    char *text = repeated(part, copies);
    ts_stats all1, all2, bare2;
    size_t s_all1, s_all2, s_bare2;
    document_of(text, 1, 1, &all1, &s_all1);
    document_of(text, 2, 1, &all2, &s_all2);
    document_of(text, 2, 0, &bare2, &s_bare2);
    assert_true(all1.growth > 0 && all1.negativity > 0 && all1.reframes > 0);
    assert_memory_equal(&all1, &all2, sizeof all1);
    assert_memory_equal(&all1, &bare2, sizeof all1);
    assert_int_equal(s_all1, copies);
    assert_int_equal(s_bare2, copies);
    assert_int_equal(s_all2, copies);
    free(text);
}

static void test_callback_stops(void **state)
{
    (void)state;
    static const char text[] = "# One\n\nA first. A second.\n\n# Two\n\nA third.\n";
    for (int which = 0; which < 3; which++) {
        struct seen s;
        memset(&s, 0, sizeof s);
        if (which == 0) s.stop_begin = 1;
        if (which == 1) s.stop_sentence = 2;
        if (which == 2) s.stop_end = 1;
        ts_callbacks cb = {on_begin, on_sentence, on_end, &s};
        ts_options opt;
        ts_options_init(&opt);
        opt.format = TS_INPUT_MARKDOWN;
        ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, NULL);
        assert_non_null(a);
        ts_status st = ts_analyzer_feed(a, text, sizeof text - 1);
        if (st == TS_OK) st = ts_analyzer_finish(a);
        assert_int_equal(st, TS_ECALLBACK);
        /* sticky: no more callbacks, the same status */
        size_t calls = s.begins + s.sentences + s.ends;
        assert_int_equal(ts_analyzer_feed(a, "More text.", 10), TS_ECALLBACK);
        assert_int_equal(ts_analyzer_finish(a), TS_ECALLBACK);
        assert_int_equal(s.begins + s.sentences + s.ends, calls);
        assert_null(ts_analyzer_document(a));
        assert_true(strlen(ts_analyzer_errmsg(a)) > 0);
        if (which == 0) assert_int_equal(s.sentences, 0);
        if (which == 1) assert_int_equal(s.sentences, 2);
        if (which == 2) assert_int_equal(s.begins, 1);
        ts_analyzer_free(a);
    }
}

/* ------------------------------------------------------------------------
 * Sentence records written by the analyzer (ts_analyzer_set_report)
 * ---------------------------------------------------------------------- */

struct report_run {
    ts_report_writer *w;
    int write_sentences;   /* the callback writes them (the other way) */
};

static int report_begin(void *ctx, size_t index, const char *title, int level,
                        unsigned long line)
{
    (void)ctx, (void)index, (void)title, (void)level, (void)line;
    return 0;
}

static int report_sentence(void *ctx, const ts_sentence *t)
{
    struct report_run *r = ctx;
    return r->write_sentences && ts_report_write_sentence(r->w, t) != TS_OK;
}

/* A failed section write is left for the analyzer's next sentence record
 * to meet (the writer's failures are sticky): that is the path tested. */
static int report_end(void *ctx, const ts_section *sec)
{
    struct report_run *r = ctx;
    (void)ts_report_write_section(r->w, sec);
    return 0;
}

/* Analyses text into a report at path on `threads` threads, its sentences
 * written by the callback or by the analyzer; returns the status. */
static ts_status report_of(const char *text, const char *path, unsigned threads,
                          int by_analyzer, char *errmsg, size_t errsize)
{
    ts_error err;
    struct report_run r = {ts_report_writer_open(path, 1, &err), !by_analyzer};
    assert_non_null(r.w);
    assert_int_equal(ts_report_writer_set_threads(r.w, threads), TS_OK);
    assert_int_equal(ts_report_write_header(r.w, "t.md", "", TS_INPUT_MARKDOWN, lex),
                     TS_OK);
    ts_options opt;
    ts_options_init(&opt);
    opt.format = TS_INPUT_MARKDOWN;
    opt.threads = threads;
    ts_callbacks cb = {report_begin, report_sentence, report_end, &r};
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, &err);
    assert_non_null(a);
    if (by_analyzer) assert_int_equal(ts_analyzer_set_report(a, r.w), TS_OK);
    ts_status st = ts_analyzer_feed(a, text, strlen(text));
    if (st == TS_OK) st = ts_analyzer_finish(a);
    if (st == TS_OK) st = ts_report_write_summary(r.w, ts_analyzer_document(a));
    if (st == TS_OK) st = ts_report_writer_commit(r.w);
    snprintf(errmsg, errsize, "%s", ts_analyzer_errmsg(a));
    ts_analyzer_free(a);
    ts_report_writer_free(r.w);
    return st;
}

static unsigned char *file_bytes(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    unsigned char *p = malloc((size_t)n);
    assert_non_null(p);
    assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return p;
}

/* Records rendered on the scoring threads and put in order by the
 * analyzer give the very file the callback gives writing each sentence
 * on one thread - over many batches, with text that needs escaping. */
static void test_set_report(void **state)
{
    (void)state;
    static const char part[] =
        "## Part \"quoted\"\n\nWe learned from failure and kept trying, "
        "not yet there. The setback hurt; I felt hopeless \\ stuck.\n\n"
        "Feedback helped us grow \xe2\x80\x94 we never gave up \xc3\xa9t\xc3\xa9.\n\n";
    char *text = repeated(part, 2500); /* ~500 KB: several batches */
    char dir[512], want_path[600], path[600], msg[256];
    assert_int_equal(fixture_tmpdir(dir, sizeof dir, "ts-an"), 0);
    snprintf(want_path, sizeof want_path, "%s/want.tone.gz", dir);
    snprintf(path, sizeof path, "%s/got.tone.gz", dir);
    assert_int_equal(report_of(text, want_path, 1, 0, msg, sizeof msg), TS_OK);
    size_t want_len;
    unsigned char *want = file_bytes(want_path, &want_len);
    static const unsigned threads[] = {1, 2, 3};
    for (size_t t = 0; t < 3; t++) {
        assert_int_equal(report_of(text, path, threads[t], 1, msg, sizeof msg), TS_OK);
        size_t len;
        unsigned char *got = file_bytes(path, &len);
        assert_int_equal(len, want_len);
        assert_memory_equal(got, want, len);
        free(got);
        unlink(path);
    }
    /* a write that fails (a file size limit: EFBIG, like a full disk)
     * stops the analysis with the writer's status and message */
    struct rlimit old, lim;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    lim = old;
    lim.rlim_cur = 1000;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
    ts_status st = report_of(text, path, 2, 1, msg, sizeof msg);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    signal(SIGXFSZ, old_handler);
    assert_int_equal(st, TS_EIO);
    assert_non_null(strstr(msg, "got.tone.gz"));
    assert_int_equal(access(path, F_OK), -1);
    unlink(want_path);
    rmdir(dir);
    free(want);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_markdown_sections),
        cmocka_unit_test(test_section_zero),
        cmocka_unit_test(test_empty_headings_not_reported),
        cmocka_unit_test(test_document_title_choice),
        cmocka_unit_test(test_reset_reuse),
        cmocka_unit_test(test_sentence_cap),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_feed_fd),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_skip_top_terms),
        cmocka_unit_test(test_no_hit_readers),
        cmocka_unit_test(test_set_report),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
