/* test_segmenter.c - sentence boundaries: the segmenter alone, and every
 * case of tests/data/sentences.txt run through decoder -> markup ->
 * segmenter with several feed chunkings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "decoder.h"
#include "markup.h"
#include "segmenter.h"

/* ------------------------------------------------------------------------
 * Collecting output: every sentence (and heading) as one line of a buffer
 * ---------------------------------------------------------------------- */

struct collect {
    ts_buf out;               /* items, each followed by '\n' */
    size_t count;             /* items */
    size_t split;             /* items flagged split_at_cap */
    unsigned long lines[64];  /* start line of the first 64 items */
};

static int add_item(struct collect *c, const char *text, size_t len,
                    unsigned long line)
{
    if (c->count < 64) c->lines[c->count] = line;
    c->count++;
    if (ts_buf_append(&c->out, text, len)) return -1;
    return ts_buf_putc(&c->out, '\n');
}

static int on_sentence(void *ctx, const char *text, size_t len,
                       unsigned long line, int split)
{
    struct collect *c = ctx;
    if (split) c->split++;
    return add_item(c, text, len, line);
}

static const char *collected(const struct collect *c)
{
    return c->out.data ? c->out.data : "";
}

/* ------------------------------------------------------------------------
 * The pipeline of the first three stages, as the analyzer wires it
 * ---------------------------------------------------------------------- */

struct pipe {
    ts_decoder dec;
    ts_markup *markup;
    ts_segmenter *seg;
    struct collect got;
};

static int sink_heading(void *ctx, const char *text, size_t len, int level,
                        unsigned long line)
{
    (void)level;
    struct pipe *p = ctx;
    /* A short line without final punctuation is a heading in plain text;
     * for the sentence cases it is simply one more item of the output. */
    return add_item(&p->got, text, len, line);
}

static int sink_text(void *ctx, const char *text, size_t len,
                     unsigned long line)
{
    struct pipe *p = ctx;
    return ts_segmenter_text(p->seg, text, len, line);
}

static int sink_paragraph_end(void *ctx)
{
    struct pipe *p = ctx;
    return ts_segmenter_paragraph_end(p->seg);
}

static int sink_title(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    (void)text;
    (void)len;
    return 0;
}

static int on_line(void *ctx, const char *text, size_t len,
                   unsigned long line, int complete)
{
    struct pipe *p = ctx;
    return ts_markup_line(p->markup, text, len, line, complete);
}

/* Runs text through the pipeline fed `chunk` bytes at a time; the caller
 * frees got.out. */
static void run_pipeline(const char *text, size_t len, size_t chunk,
                         size_t cap, ts_input_format format,
                         struct collect *got)
{
    struct pipe p;
    memset(&p, 0, sizeof p);
    ts_markup_sink sink = {sink_heading, sink_text, sink_paragraph_end,
                           sink_title, &p};
    p.markup = ts_markup_new(&sink);
    assert_non_null(p.markup);
    ts_markup_reset(p.markup, format);
    p.seg = ts_segmenter_new(cap, on_sentence, &p.got);
    assert_non_null(p.seg);
    ts_decoder_init(&p.dec, on_line, &p);
    for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        assert_int_equal(
            ts_decoder_feed(&p.dec, (const unsigned char *)text + off, n), 0);
    }
    assert_int_equal(ts_decoder_finish(&p.dec), 0);
    assert_int_equal(ts_markup_finish(p.markup), 0);
    assert_int_equal(ts_segmenter_paragraph_end(p.seg), 0);
    ts_decoder_free(&p.dec);
    ts_markup_free(p.markup);
    ts_segmenter_free(p.seg);
    *got = p.got;
}

/* ------------------------------------------------------------------------
 * The segmenter alone
 * ---------------------------------------------------------------------- */

static void segment(const char *const *pieces, size_t cap, struct collect *got)
{
    memset(got, 0, sizeof *got);
    ts_segmenter *s = ts_segmenter_new(cap, on_sentence, got);
    assert_non_null(s);
    for (unsigned long k = 0; pieces[k]; k++) {
        if (strcmp(pieces[k], "\f") == 0) {
            assert_int_equal(ts_segmenter_paragraph_end(s), 0);
            continue;
        }
        assert_int_equal(
            ts_segmenter_text(s, pieces[k], strlen(pieces[k]), k + 1), 0);
    }
    assert_int_equal(ts_segmenter_paragraph_end(s), 0);
    ts_segmenter_free(s);
}

static void test_basic_split(void **state)
{
    (void)state;
    const char *in[] = {"It rained. We stayed in! Did you? Yes.", NULL};
    struct collect got;
    segment(in, 8192, &got);
    assert_string_equal(collected(&got),
                        "It rained.\nWe stayed in!\nDid you?\nYes.\n");
    assert_int_equal(got.split, 0);
    ts_buf_free(&got.out);
}

static void test_paragraph_end_is_hard(void **state)
{
    (void)state;
    /* "\f" marks a paragraph end in segment(): no sentence crosses it */
    const char *in[] = {"No final mark here", "\f", "and lowercase after.",
                        NULL};
    struct collect got;
    segment(in, 8192, &got);
    assert_string_equal(collected(&got),
                        "No final mark here\nand lowercase after.\n");
    ts_buf_free(&got.out);
}

static void test_pieces_concatenate_with_lines(void **state)
{
    (void)state;
    const char *in[] = {"The first sentence starts", "\n",
                        "here. The second", "\n", "starts on line four.",
                        NULL};
    struct collect got;
    segment(in, 8192, &got);
    assert_string_equal(
        collected(&got),
        "The first sentence starts here.\nThe second starts on line four.\n");
    /* line numbers: piece k is line k+1 */
    assert_int_equal(got.lines[0], 1);
    assert_int_equal(got.lines[1], 3);
    ts_buf_free(&got.out);
}

static void test_whitespace_collapsed(void **state)
{
    (void)state;
    const char *in[] = {"  Many \t  spaces\xC2\xA0here.  ", NULL};
    struct collect got;
    segment(in, 8192, &got);
    assert_string_equal(collected(&got), "Many spaces here.\n");
    ts_buf_free(&got.out);
}

static void test_cap_splits_and_flags(void **state)
{
    (void)state;
    /* 40 words of 5 bytes with no final mark, cap 64 */
    char text[256] = "";
    for (int k = 0; k < 40; k++) strcat(text, "word ");
    const char *in[] = {text, NULL};
    struct collect got;
    segment(in, 64, &got);
    assert_true(got.count >= 3);
    assert_true(got.split >= 2);
    /* every piece is under the cap and cut at a space */
    const char *p = collected(&got);
    while (*p) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        assert_true((size_t)(nl - p) <= 64);
        assert_true(nl > p && nl[-1] == 'd');
        p = nl + 1;
    }
    ts_buf_free(&got.out);
}

static void test_cap_without_spaces(void **state)
{
    (void)state;
    char text[301];
    memset(text, 'x', 300);
    text[300] = '\0';
    const char *in[] = {text, NULL};
    struct collect got;
    segment(in, 100, &got);
    assert_int_equal(got.count, 3);
    assert_int_equal(got.split, 2);
    ts_buf_free(&got.out);
}

static void test_cap_keeps_utf8_whole(void **state)
{
    (void)state;
    char text[400] = "";
    for (int k = 0; k < 100; k++) strcat(text, "\xC3\xA9"); /* é */
    const char *in[] = {text, NULL};
    struct collect got;
    segment(in, 65, &got);
    const char *p = collected(&got);
    while (*p) {
        const char *nl = strchr(p, '\n');
        assert_true((nl - p) % 2 == 0); /* never a half character */
        p = nl + 1;
    }
    ts_buf_free(&got.out);
}

static void test_sentence_end_undecided(void **state)
{
    (void)state;
    size_t end = 0;
    /* "Dr." might be followed by a name: undecided until more text */
    assert_int_equal(ts_sentence_end("We met Dr.", 10, 10, 0, &end), -1);
    assert_int_equal(ts_sentence_end("We met Dr.", 10, 10, 1, &end), 1);
    assert_int_equal(end, 10);
    assert_int_equal(ts_sentence_end("No mark", 7, 7, 1, &end), 0);
    const char *t = "Go. Now.";
    assert_int_equal(ts_sentence_end(t, strlen(t), strlen(t), 1, &end), 1);
    assert_int_equal(end, 3);
    /* the limit stops the search */
    assert_int_equal(ts_sentence_end(t, strlen(t), 2, 1, &end), 0);
}

static void test_one_byte_pieces(void **state)
{
    (void)state;
    const char *text = "Mr. Li met Dr. Ng at 9 a.m. They talked. “Fine…” "
                       "Nobody spoke. The U.S. team won.";
    struct collect whole;
    const char *in[] = {text, NULL};
    segment(in, 8192, &whole);
    struct collect bytes;
    memset(&bytes, 0, sizeof bytes);
    ts_segmenter *s = ts_segmenter_new(8192, on_sentence, &bytes);
    assert_non_null(s);
    for (size_t i = 0; text[i]; i++)
        assert_int_equal(ts_segmenter_text(s, text + i, 1, 1), 0);
    assert_int_equal(ts_segmenter_paragraph_end(s), 0);
    ts_segmenter_free(s);
    assert_string_equal(collected(&bytes), collected(&whole));
    assert_int_equal(whole.count, 5);
    ts_buf_free(&whole.out);
    ts_buf_free(&bytes.out);
}

/* The cap cuts in the same places whatever the size of the pieces. */
static void test_cap_chunking(void **state)
{
    (void)state;
    char text[1200] = "";
    for (int k = 0; k < 60; k++) strcat(text, k % 7 ? "word " : "Stop. ");
    for (int k = 0; k < 300; k++) strcat(text, "x");
    strcat(text, " tail");
    size_t len = strlen(text);
    static const size_t pieces[] = {1, 3, 64, 100, 101, 4096};
    struct collect first;
    memset(&first, 0, sizeof first);
    for (size_t k = 0; k < sizeof pieces / sizeof *pieces; k++) {
        struct collect got;
        memset(&got, 0, sizeof got);
        ts_segmenter *s = ts_segmenter_new(100, on_sentence, &got);
        assert_non_null(s);
        for (size_t off = 0; off < len; off += pieces[k]) {
            size_t n = len - off < pieces[k] ? len - off : pieces[k];
            assert_int_equal(ts_segmenter_text(s, text + off, n, 1), 0);
        }
        assert_int_equal(ts_segmenter_paragraph_end(s), 0);
        ts_segmenter_free(s);
        if (k == 0) {
            first = got;
            assert_true(first.split >= 3);
            continue;
        }
        assert_string_equal(collected(&got), collected(&first));
        assert_int_equal(got.split, first.split);
        ts_buf_free(&got.out);
    }
    ts_buf_free(&first.out);
}

static void test_reset_drops_pending(void **state)
{
    (void)state;
    struct collect got;
    memset(&got, 0, sizeof got);
    ts_segmenter *s = ts_segmenter_new(8192, on_sentence, &got);
    assert_non_null(s);
    assert_int_equal(ts_segmenter_text(s, "Half a", 6, 1), 0);
    ts_segmenter_reset(s);
    assert_int_equal(ts_segmenter_text(s, "Whole.", 6, 1), 0);
    assert_int_equal(ts_segmenter_paragraph_end(s), 0);
    ts_segmenter_free(s);
    assert_string_equal(collected(&got), "Whole.\n");
    ts_buf_free(&got.out);
}

static void test_free_null(void **state)
{
    (void)state;
    ts_segmenter_free(NULL);
}

/* ------------------------------------------------------------------------
 * tests/data/sentences.txt
 * ---------------------------------------------------------------------- */

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    ts_buf b = TS_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (ts_buf_append(&b, chunk, n)) break;
    fclose(f);
    *len = b.len;
    return b.data;
}

static char *open_cases(size_t *len)
{
    const char *rel = "tests/data/sentences.txt";
    const char *dir = getenv("TS_SOURCE_DIR");
    char path[4096];
    if (dir && *dir) {
        snprintf(path, sizeof path, "%s/%s", dir, rel);
        char *t = read_all(path, len);
        if (t) return t;
    }
    return read_all(rel, len);
}

/* Checks one case with several chunkings; prints and returns 1 on failure. */
static int check_case(const char *name, const ts_buf *input,
                      const ts_buf *want)
{
    static const size_t chunks[] = {1 << 20, 1, 2, 7, 4096};
    const char *in = input->data ? input->data : "";
    const char *w = want->data ? want->data : "";
    int failed = 0;
    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
        struct collect got;
        run_pipeline(in, input->len, chunks[k], 8192, TS_INPUT_TEXT, &got);
        if (strcmp(collected(&got), w) != 0) {
            if (k == 0)
                print_message("FAIL case \"%s\"\n--- want\n%s--- got\n%s\n",
                              name, w, collected(&got));
            else
                print_message("FAIL case \"%s\" fed in %zu-byte chunks\n",
                              name, chunks[k]);
            failed = 1;
        }
        ts_buf_free(&got.out);
        if (failed) break;
    }
    return failed;
}

static void test_sentence_cases(void **state)
{
    (void)state;
    size_t len;
    char *text = open_cases(&len);
    if (!text) fail_msg("cannot read tests/data/sentences.txt (set TS_SOURCE_DIR)");
    ts_buf input = TS_BUF_INIT, want = TS_BUF_INIT;
    char name[256] = "";
    enum { OUTSIDE, INPUT, EXPECTED } where = OUTSIDE;
    size_t cases = 0, failures = 0;
    char *line = text;
    for (;;) {
        char *nl = memchr(line, '\n', (size_t)(text + len - line));
        size_t n = nl ? (size_t)(nl - line) : (size_t)(text + len - line);
        int at_end = nl == NULL && n == 0;
        int starts_case = n >= 4 && memcmp(line, "=== ", 4) == 0;
        /* a case's expected lines end at a blank line or the next case */
        if (where == EXPECTED && (at_end || n == 0 || starts_case)) {
            cases++;
            failures += (size_t)check_case(name, &input, &want);
            where = OUTSIDE;
        }
        if (at_end) break;
        if (starts_case) {
            snprintf(name, sizeof name, "%.*s", (int)(n - 4), line + 4);
            ts_buf_clear(&input);
            ts_buf_clear(&want);
            where = INPUT;
        } else if (where == INPUT && n == 3 && memcmp(line, "---", 3) == 0) {
            where = EXPECTED;
        } else if (where == INPUT) {
            assert_int_equal(ts_buf_append(&input, line, n), 0);
            assert_int_equal(ts_buf_putc(&input, '\n'), 0);
        } else if (where == EXPECTED) {
            assert_int_equal(ts_buf_append(&want, line, n), 0);
            assert_int_equal(ts_buf_putc(&want, '\n'), 0);
        }
        if (!nl) {
            if (where == EXPECTED) {
                cases++;
                failures += (size_t)check_case(name, &input, &want);
            }
            break;
        }
        line = nl + 1;
    }
    print_message("sentences.txt: %zu cases, %zu failed\n", cases, failures);
    ts_buf_free(&input);
    ts_buf_free(&want);
    ts_buf whole = {text, len, len + 1};
    ts_buf_free(&whole);
    assert_true(cases >= 200);
    assert_int_equal(failures, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic_split),
        cmocka_unit_test(test_paragraph_end_is_hard),
        cmocka_unit_test(test_pieces_concatenate_with_lines),
        cmocka_unit_test(test_whitespace_collapsed),
        cmocka_unit_test(test_cap_splits_and_flags),
        cmocka_unit_test(test_cap_without_spaces),
        cmocka_unit_test(test_cap_keeps_utf8_whole),
        cmocka_unit_test(test_sentence_end_undecided),
        cmocka_unit_test(test_one_byte_pieces),
        cmocka_unit_test(test_cap_chunking),
        cmocka_unit_test(test_reset_drops_pending),
        cmocka_unit_test(test_free_null),
        cmocka_unit_test(test_sentence_cases),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
