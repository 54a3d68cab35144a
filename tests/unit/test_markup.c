/* test_markup.c - stage 2 for plain text and Markdown: headings, list
 * items, paragraphs and inline syntax, driven through decoder + markup
 * with several feed chunkings.
 *
 * The sink writes every event as one line of a log, so a test compares one
 * string.  Events: "H<level>@<line> <text>", "T <text>" (consecutive text
 * calls joined, line breaks shown as '|'), "P" (paragraph end),
 * "TITLE <text>". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "decoder.h"
#include "markup.h"

struct mlog {
    ts_buf out;               /* the log */
    int in_text;              /* the last event was text */
};

static int mlog_end_text(struct mlog *l)
{
    if (!l->in_text) return 0;
    l->in_text = 0;
    return ts_buf_putc(&l->out, '\n');
}

static int mlog_heading(void *ctx, const char *text, size_t len, int level,
                        unsigned long line)
{
    struct mlog *l = ctx;
    if (mlog_end_text(l)) return -1;
    if (ts_buf_printf(&l->out, "H%d@%lu ", level, line)) return -1;
    if (ts_buf_append(&l->out, text, len)) return -1;
    return ts_buf_putc(&l->out, '\n');
}

static int mlog_text(void *ctx, const char *text, size_t len,
                     unsigned long line)
{
    (void)line;
    struct mlog *l = ctx;
    if (!l->in_text && ts_buf_puts(&l->out, "T ")) return -1;
    l->in_text = 1;
    /* line breaks inside a paragraph are shown as '|' */
    for (size_t i = 0; i < len; i++)
        if (ts_buf_putc(&l->out, text[i] == '\n' ? '|' : text[i])) return -1;
    return 0;
}

static int mlog_paragraph_end(void *ctx)
{
    struct mlog *l = ctx;
    if (mlog_end_text(l)) return -1;
    return ts_buf_puts(&l->out, "P\n");
}

static int mlog_title(void *ctx, const char *text, size_t len)
{
    struct mlog *l = ctx;
    if (mlog_end_text(l)) return -1;
    if (ts_buf_puts(&l->out, "TITLE ")) return -1;
    if (ts_buf_append(&l->out, text, len)) return -1;
    return ts_buf_putc(&l->out, '\n');
}

static int mlog_line(void *ctx, const char *text, size_t len,
                     unsigned long line, int complete)
{
    return ts_markup_line(ctx, text, len, line, complete);
}

/* Runs a document through decoder + markup, fed `chunk` bytes at a time,
 * and returns the log (caller frees with ts_buf_free). */
static ts_buf mlog_run(const char *in, size_t len, ts_input_format format,
                       size_t chunk)
{
    struct mlog l;
    memset(&l, 0, sizeof l);
    ts_markup_sink sink = {mlog_heading, mlog_text, mlog_paragraph_end,
                           mlog_title, &l};
    ts_markup *m = ts_markup_new(&sink);
    assert_non_null(m);
    ts_markup_reset(m, format);
    ts_decoder d;
    ts_decoder_init(&d, mlog_line, m);
    for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        assert_int_equal(ts_decoder_feed(&d, (const unsigned char *)in + off, n), 0);
    }
    assert_int_equal(ts_decoder_finish(&d), 0);
    assert_int_equal(ts_markup_finish(m), 0);
    assert_int_equal(mlog_end_text(&l), 0);
    ts_decoder_free(&d);
    ts_markup_free(m);
    if (!l.out.data) assert_int_equal(ts_buf_puts(&l.out, ""), 0);
    return l.out;
}

/* Checks the log of a document for several chunk sizes. */
static void mlog_check(const char *in, ts_input_format format, const char *want)
{
    static const size_t chunks[] = {1 << 20, 1, 3, 7, 4096};
    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
        ts_buf got = mlog_run(in, strlen(in), format, chunks[k]);
        if (strcmp(got.data, want) != 0)
            fail_msg("input:\n%s\nchunk %zu, got:\n%s\nwant:\n%s", in,
                     chunks[k], got.data, want);
        ts_buf_free(&got);
    }
}

#define TEXT TS_INPUT_TEXT
#define MD TS_INPUT_MARKDOWN

/* ------------------------------------------------------------------------
 * Plain text
 * ---------------------------------------------------------------------- */

static void test_plain_heading_rule(void **state)
{
    (void)state;
    assert_true(ts_is_plain_heading("The Lessons of Failure", 22));
    assert_true(ts_is_plain_heading("  Room for Improvement  ", 24));
    assert_true(ts_is_plain_heading("Importance of Self-Care", 23));
    assert_true(ts_is_plain_heading("Regional Economy Monitor: Third Quarter Review", 46));
    /* numbered heading in title case */
    assert_true(ts_is_plain_heading("3. Taking Risks", 15));
    assert_true(ts_is_plain_heading("12) What Comes Next", 19));
    /* a one-item numbered list is not a heading */
    assert_false(ts_is_plain_heading("1. Preheat the oven", 19));
    /* bullets never */
    assert_false(ts_is_plain_heading("- Taking Risks", 14));
    assert_false(ts_is_plain_heading("* Taking Risks", 14));
    assert_false(ts_is_plain_heading("\xE2\x80\xA2 Taking Risks", 16));
    /* final punctuation, lowercase start, too many words, no letters */
    assert_false(ts_is_plain_heading("We develop resilience.", 22));
    assert_false(ts_is_plain_heading("Is it worth it?", 15));
    assert_false(ts_is_plain_heading("Pack the following:", 19));
    assert_false(ts_is_plain_heading("lowercase start here", 20));
    const char *long13 = "One Two Three Four Five Six Seven Eight Nine Ten "
                         "Eleven Twelve Thirteen";
    assert_false(ts_is_plain_heading(long13, strlen(long13)));
    assert_true(ts_is_plain_heading(long13, strlen(long13) - 9)); /* 12 */
    assert_false(ts_is_plain_heading("2024", 4));
    assert_false(ts_is_plain_heading("", 0));
    /* a line with a sentence boundary inside is prose */
    assert_false(ts_is_plain_heading("The meeting ended. We went home", 31));
    /* abbreviations do not make it prose */
    assert_true(ts_is_plain_heading("Dr. Okafor Explains", 19));
    /* accented capital */
    const char *etudes = "\xC3\x89tudes and Sketches";
    assert_true(ts_is_plain_heading(etudes, strlen(etudes)));
}

static void test_plain_paragraphs(void **state)
{
    (void)state;
    mlog_check("First line of prose.\nSecond line.\n\nNext paragraph.\n", TEXT,
               "T First line of prose.|Second line.\nP\nT Next paragraph.\nP\n");
    /* several blank lines, whitespace-only lines, CRLF */
    mlog_check("One.\r\n \t\r\n\r\n\r\nTwo.\r\n", TEXT, "T One.\nP\nT Two.\nP\n");
}

static void test_plain_headings(void **state)
{
    (void)state;
    mlog_check("Stuck in Place\n\nI started again.\n\nThe Numbers Problem\n\n"
               "It was hard.\n",
               TEXT,
               "H1@1 Stuck in Place\nT I started again.\nP\n"
               "H1@5 The Numbers Problem\nT It was hard.\nP\n");
    /* a short capitalised line followed directly by prose is prose */
    mlog_check("Dear Friends\nWe are moving.\n", TEXT,
               "T Dear Friends|We are moving.\nP\n");
    /* heading as the last line of the document */
    mlog_check("Text here.\n\nPopular Posts", TEXT,
               "T Text here.\nP\nH1@3 Popular Posts\n");
}

static void test_plain_numbered(void **state)
{
    (void)state;
    mlog_check("Intro.\n\n3. Taking Risks\n\nWe tried.\n", TEXT,
               "T Intro.\nP\nH1@3 3. Taking Risks\nT We tried.\nP\n");
    /* list items are paragraphs of their own and never headings */
    mlog_check("1. Preheat the oven\n2. Mix the Flour and Sugar\n", TEXT,
               "T 1. Preheat the oven\nP\nT 2. Mix the Flour and Sugar\nP\n");
    mlog_check("1. Preheat The Oven\n2. Mix Flour\n\nDone.\n", TEXT,
               "T 1. Preheat The Oven\nP\nT 2. Mix Flour\nP\nT Done.\nP\n");
    /* a numbered line wrapped onto a second line is prose */
    mlog_check("4. Keep Going\nno matter what.\n", TEXT,
               "T 4. Keep Going|no matter what.\nP\n");
    mlog_check("Pack:\n- A Tent\n- Two Sleeping Bags\n", TEXT,
               "T Pack:\nP\nT - A Tent\nP\nT - Two Sleeping Bags\nP\n");
}

static void test_plain_long_line(void **state)
{
    (void)state;
    /* a line longer than a fragment is prose even without punctuation */
    size_t n = TS_LINE_FRAGMENT + 50;
    static char in[TS_LINE_FRAGMENT + 100];
    memcpy(in, "Title Like Start ", 17);
    memset(in + 17, 'a', n - 17);
    in[n] = '\0';
    ts_buf got = mlog_run(in, n, TEXT, 4096);
    assert_true(strncmp(got.data, "T Title Like Start aaa", 22) == 0);
    assert_null(strstr(got.data, "H1"));
    assert_null(strchr(got.data, '|')); /* fragments do not add breaks */
    assert_int_equal(got.len, 2 + n + 1 + 2);
    ts_buf_free(&got);
}

/* ------------------------------------------------------------------------
 * Markdown
 * ---------------------------------------------------------------------- */

static void test_md_atx(void **state)
{
    (void)state;
    mlog_check("# Title\n\nText.\n\n## Part *Two* ##\nMore text.\n"
               "###### Six\n####### Seven is text\n#NoSpace\n",
               MD,
               "H1@1 Title\nT Text.\nP\nH2@5 Part Two\nT More text.\nP\n"
               "H6@7 Six\nT ####### Seven is text|#NoSpace\nP\n");
    mlog_check("## 3. Taking Risks\nWe tried.\n", MD,
               "H2@1 3. Taking Risks\nT We tried.\nP\n");
}

static void test_md_setext(void **state)
{
    (void)state;
    mlog_check("Learning to Code\n================\n\nIntro.\n\n"
               "Season Summary\n--------------\nText.\n",
               MD,
               "H1@1 Learning to Code\nT Intro.\nP\nH2@6 Season Summary\n"
               "T Text.\nP\n");
    /* a rule after a blank line is a thematic break, not a heading */
    mlog_check("Para.\n\n---\n\nNext.\n", MD, "T Para.\nP\nT Next.\nP\n");
    /* a paragraph's first line with prose after it is not a heading */
    mlog_check("Short Line\nmore prose.\n", MD, "T Short Line|more prose.\nP\n");
}

static void test_md_fences_and_code(void **state)
{
    (void)state;
    mlog_check("Before.\n```python\nprint('hi. There.')\n# not a heading\n```\n"
               "After.\n~~~~\ncode\n~~~\nstill code\n~~~~\nEnd.\n",
               MD, "T Before.\nP\nT After.\nP\nT End.\nP\n");
    /* indented code only where a paragraph cannot continue */
    mlog_check("Text.\n\n    code line\n\nMore.\n", MD,
               "T Text.\nP\nT More.\nP\n");
}

static void test_md_comments(void **state)
{
    (void)state;
    mlog_check("Keep <!-- drop --> this.\n<!--\n# Hidden\nHidden too.\n-->\n"
               "Visible.\n",
               MD, "T Keep  this.|Visible.\nP\n");
}

static void test_md_lists(void **state)
{
    (void)state;
    mlog_check("Intro:\n- one\n* two\n+ three\n1. four\n2) five\n- [x] done\n",
               MD,
               "T Intro:\nP\nT one\nP\nT two\nP\nT three\nP\nT four\nP\n"
               "T five\nP\nT done\nP\n");
    mlog_check("> Quoted text.\n> More.\n", MD, "T Quoted text.|More.\nP\n");
    mlog_check("[ref]: https://example.com\nText.\n", MD, "T Text.\nP\n");
}

static void check_inline(const char *in, const char *want)
{
    ts_buf out = TS_BUF_INIT;
    assert_int_equal(ts_markdown_inline(&out, in, strlen(in)), 0);
    if (strcmp(out.data ? out.data : "", want) != 0)
        fail_msg("inline '%s': got '%s', want '%s'", in,
                 out.data ? out.data : "", want);
    ts_buf_free(&out);
}

static void test_md_inline(void **state)
{
    (void)state;
    check_inline("*em* and **strong** and ___both___", "em and strong and both");
    check_inline("snake_case_name stays", "snake_case_name stays");
    check_inline("2 * 3 = 6", "2 * 3 = 6");
    check_inline("~~gone~~ and a~b", "gone and a~b");
    check_inline("see [the docs](https://x.org/a_(b)) now", "see the docs now");
    check_inline("an ![alt text](img.png) here", "an alt text here");
    check_inline("ref [link][id] style", "ref link style");
    check_inline("code `a*b*c` span", "code a*b*c span");
    check_inline("``two ` ticks``", "two ` ticks");
    check_inline("unclosed `tick", "unclosed `tick");
    check_inline("escaped \\*star\\* and \\[x]", "escaped *star* and [x]");
    check_inline("tag <em>inline</em> and <https://a.b>", "tag inline and ");
    check_inline("a < b and [plain] brackets", "a < b and [plain] brackets");
}

/* ------------------------------------------------------------------------
 * Sniffing, reset
 * ---------------------------------------------------------------------- */

static void test_sniff(void **state)
{
    (void)state;
#define SNIFF(s) ts_sniff_format(s, strlen(s))
    assert_int_equal(SNIFF("<!DOCTYPE html><html>"), TS_INPUT_HTML);
    assert_int_equal(SNIFF("  \n<p>Hello</p>"), TS_INPUT_HTML);
    assert_int_equal(SNIFF("# Title\n\nText"), TS_INPUT_MARKDOWN);
    assert_int_equal(SNIFF("Title\n=====\n"), TS_INPUT_MARKDOWN);
    assert_int_equal(SNIFF("Text\n```\ncode\n```"), TS_INPUT_MARKDOWN);
    assert_int_equal(SNIFF("See [x](http://y)."), TS_INPUT_MARKDOWN);
    assert_int_equal(SNIFF("Just words.\n\nMore words."), TS_INPUT_TEXT);
    assert_int_equal(SNIFF("#hashtag fun"), TS_INPUT_TEXT);
    assert_int_equal(SNIFF(""), TS_INPUT_TEXT);
#undef SNIFF
}

static void test_reset_clears_state(void **state)
{
    (void)state;
    struct mlog l;
    memset(&l, 0, sizeof l);
    ts_markup_sink sink = {mlog_heading, mlog_text, mlog_paragraph_end,
                           mlog_title, &l};
    ts_markup *m = ts_markup_new(&sink);
    assert_non_null(m);
    ts_markup_reset(m, MD);
    assert_int_equal(ts_markup_line(m, "```", 3, 1, 1), 0);
    assert_int_equal(ts_markup_line(m, "Held Line", 9, 2, 1), 0);
    ts_markup_reset(m, TEXT); /* leaves the fence */
    assert_int_equal(ts_markup_line(m, "Now prose.", 10, 1, 1), 0);
    assert_int_equal(ts_markup_finish(m), 0);
    mlog_end_text(&l);
    assert_string_equal(l.out.data, "T Now prose.\nP\n");
    ts_markup_free(m);
    ts_markup_free(NULL);
    ts_buf_free(&l.out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_heading_rule),
        cmocka_unit_test(test_plain_paragraphs),
        cmocka_unit_test(test_plain_headings),
        cmocka_unit_test(test_plain_numbered),
        cmocka_unit_test(test_plain_long_line),
        cmocka_unit_test(test_md_atx),
        cmocka_unit_test(test_md_setext),
        cmocka_unit_test(test_md_fences_and_code),
        cmocka_unit_test(test_md_comments),
        cmocka_unit_test(test_md_lists),
        cmocka_unit_test(test_md_inline),
        cmocka_unit_test(test_sniff),
        cmocka_unit_test(test_reset_clears_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
