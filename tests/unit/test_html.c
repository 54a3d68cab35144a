/* test_html.c - stage 2 for HTML, driven through the ts_html state
 * machine alone: tags removed, entities decoded, non-content elements
 * skipped, headings and the title reported, block elements ending
 * paragraphs, tags and entities split across lines and feeds. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "html.h"

/* Events as log lines: "H<level>@<line> <text>", "T <text>" (consecutive
 * text calls joined), "P", "TITLE <text>". */
struct hlog {
    ts_buf out;
    int in_text;
};

static int end_text(struct hlog *l)
{
    if (!l->in_text) return 0;
    l->in_text = 0;
    return ts_buf_putc(&l->out, '\n');
}

static int on_heading(void *ctx, const char *text, size_t len, int level,
                      unsigned long line)
{
    struct hlog *l = ctx;
    if (end_text(l) || ts_buf_printf(&l->out, "H%d@%lu ", level, line) ||
        ts_buf_append(&l->out, text, len) || ts_buf_putc(&l->out, '\n'))
        return -1;
    return 0;
}

static int on_text(void *ctx, const char *text, size_t len, unsigned long line)
{
    (void)line;
    struct hlog *l = ctx;
    if (!l->in_text && ts_buf_puts(&l->out, "T ")) return -1;
    l->in_text = 1;
    return ts_buf_append(&l->out, text, len);
}

static int on_paragraph_end(void *ctx)
{
    struct hlog *l = ctx;
    if (end_text(l) || ts_buf_puts(&l->out, "P\n")) return -1;
    return 0;
}

static int on_title(void *ctx, const char *text, size_t len)
{
    struct hlog *l = ctx;
    if (end_text(l) || ts_buf_puts(&l->out, "TITLE ") ||
        ts_buf_append(&l->out, text, len) || ts_buf_putc(&l->out, '\n'))
        return -1;
    return 0;
}

/* Feeds in line by line (as the decoder would), each line in pieces of
 * `chunk` bytes (pieces after the first of a line are fragments), and
 * returns the log with runs of spaces in text collapsed. */
static void run(const char *in, size_t chunk, ts_buf *out)
{
    struct hlog l;
    memset(&l, 0, sizeof l);
    ts_markup_sink sink = {on_heading, on_text, on_paragraph_end, on_title, &l};
    ts_html *h = ts_html_new(&sink);
    assert_non_null(h);
    unsigned long line = 1;
    const char *p = in;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        for (size_t off = 0; off < len || off == 0; off += chunk) {
            size_t n = len - off < chunk ? len - off : chunk;
            int complete = off + n >= len;
            assert_int_equal(ts_html_line(h, p + off, n, line, complete), 0);
            if (len == 0) break;
        }
        line++;
        p += len + (nl ? 1 : 0);
    }
    assert_int_equal(ts_html_finish(h), 0);
    assert_int_equal(end_text(&l), 0);
    ts_html_free(h);
    /* collapse spaces, drop spaces next to line ends, so that the log
     * does not depend on where the markup had its line breaks */
    ts_buf_clear(out);
    const char *s = l.out.data ? l.out.data : "";
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == ' ' && (s[i + 1] == ' ' || s[i + 1] == '\n')) continue;
        if (s[i] == ' ' && i > 0 && s[i - 1] == 'T' &&
            (i < 2 || s[i - 2] == '\n')) {
            assert_int_equal(ts_buf_putc(out, ' '), 0);
            while (s[i + 1] == ' ') i++;
            continue;
        }
        assert_int_equal(ts_buf_putc(out, s[i]), 0);
    }
    if (!out->data) assert_int_equal(ts_buf_puts(out, ""), 0);
    ts_buf_free(&l.out);
}

static void check(const char *in, const char *want)
{
    static const size_t chunks[] = {1 << 20, 1, 2, 5};
    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
        ts_buf got = TS_BUF_INIT;
        run(in, chunks[k], &got);
        if (strcmp(got.data, want) != 0)
            fail_msg("input:\n%s\nchunk %zu, got:\n%s\nwant:\n%s", in,
                     chunks[k], got.data, want);
        ts_buf_free(&got);
    }
}

static void test_tags_removed(void **state)
{
    (void)state;
    check("<p>Hello <b>bold</b> and <a href=\"x.html\">link</a>.</p>",
          "T Hello bold and link.\nP\n");
    /* attributes with '>' inside quotes */
    check("<p title=\"a > b\">Text</p>", "T Text\nP\n");
    /* a lone '<' is text */
    check("<p>a < b and 3<4</p>", "T a < b and 3<4\nP\n");
    check("<!DOCTYPE html><?xml x?><p>ok</p>", "T ok\nP\n");
}

static void test_entities(void **state)
{
    (void)state;
    check("<p>Fish &amp; chips &lt;3 it&rsquo;s &ldquo;q&rdquo; a&mdash;b&nbsp;c "
          "&#8217; &#x2019; &hellip;</p>",
          "T Fish & chips <3 it\xE2\x80\x99s \xE2\x80\x9Cq\xE2\x80\x9D "
          "a\xE2\x80\x94" "b\xC2\xA0" "c \xE2\x80\x99 \xE2\x80\x99 \xE2\x80\xA6\nP\n");
    /* unknown or unterminated entities stay as written */
    check("<p>&bogus; AT&T &amp</p>", "T &bogus; AT&T &\nP\n");
    char out[8];
    assert_int_equal(ts_html_entity("amp", 3, out), 1);
    assert_int_equal(out[0], '&');
    assert_int_equal(ts_html_entity("#x1F600", 7, out), 4);
    assert_int_equal(ts_html_entity("#0", 2, out), 3); /* U+FFFD */
    assert_int_equal(ts_html_entity("#xD800", 6, out), 3);
    assert_int_equal(ts_html_entity("#x110000", 8, out), 0);
    assert_int_equal(ts_html_entity("nosuch", 6, out), 0);
    assert_int_equal(ts_html_entity("#", 1, out), 0);
}

static void test_skipped_elements(void **state)
{
    (void)state;
    check("<html><head><meta charset=utf-8><title>The Title</title>"
          "<style>p { color: red; } </p></style>\n"
          "<script>var s = \"<p>no</p>\"; if (a < b) {}</script>\n"
          "</head><body><nav><ul><li>Home</li><li>Contact</li></ul></nav>\n"
          "<p>Body text.</p><noscript>Enable JS</noscript>\n"
          "<!-- a comment <p>hidden</p> -- still -->\n"
          "<p>After.</p></body></html>",
          "TITLE The Title\nT Body text.\nP\nT After.\nP\n");
    /* upper-case tag names */
    check("<SCRIPT>x()</SCRIPT><P>Yes.</P>", "T Yes.\nP\n");
}

static void test_headings(void **state)
{
    (void)state;
    check("<h1>Main &amp; Title</h1><p>Intro.</p>\n<h2 class=\"x\">Part\n"
          "  <em>Two</em></h2>\n<p>Text.</p><h6>Six</h6>",
          "H1@1 Main & Title\nT Intro.\nP\nH2@2 Part Two\nT Text.\nP\n"
          "H6@4 Six\n");
    /* a heading inside a skipped element is not reported */
    check("<nav><h2>Menu</h2></nav><h3>Real</h3>", "H3@1 Real\n");
    /* an unclosed heading is flushed at the end */
    check("<h2>Unclosed", "H2@1 Unclosed\n");
}

static void test_blocks_end_paragraphs(void **state)
{
    (void)state;
    check("<div>One<br>Two</div><ul><li>Three</li><li>Four</li></ul>"
          "<blockquote>Five</blockquote>Six<p>Seven</p>",
          "T One\nP\nT Two\nP\nT Three\nP\nT Four\nP\nT Five\nP\nT Six\n"
          "P\nT Seven\nP\n");
    /* inline elements do not */
    check("<p>One <span>two</span> <i>three</i></p>", "T One two three\nP\n");
}

static void test_split_across_lines(void **state)
{
    (void)state;
    check("<p\nclass=\"a\"\n>Text in a\nparagraph</p\n><h2\n>Head</h2>\n"
          "<p>x &am\np; y</p>",
          "T Text in a paragraph\nP\nH2@6 Head\nT x &am p; y\nP\n");
}

static void test_reset_and_free(void **state)
{
    (void)state;
    struct hlog l;
    memset(&l, 0, sizeof l);
    ts_markup_sink sink = {on_heading, on_text, on_paragraph_end, on_title, &l};
    ts_html *h = ts_html_new(&sink);
    assert_non_null(h);
    assert_int_equal(ts_html_line(h, "<script>var x", 13, 1, 1), 0);
    ts_html_reset(h);
    assert_int_equal(ts_html_line(h, "<p>Clean.</p>", 13, 1, 1), 0);
    assert_int_equal(ts_html_finish(h), 0);
    end_text(&l);
    assert_string_equal(l.out.data, "T Clean.\nP\n");
    ts_html_free(h);
    ts_html_free(NULL);
    ts_buf_free(&l.out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tags_removed),
        cmocka_unit_test(test_entities),
        cmocka_unit_test(test_skipped_elements),
        cmocka_unit_test(test_headings),
        cmocka_unit_test(test_blocks_end_paragraphs),
        cmocka_unit_test(test_split_across_lines),
        cmocka_unit_test(test_reset_and_free),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
