/* test_decoder.c - stage 1: BOM, UTF-8 validation, line splitting, and
 * the same output whatever the feed chunking. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "decoder.h"

/* Every callback becomes "<line>:<complete>:<text>\n" in the log. */
struct log {
    ts_buf out;
    size_t calls;
    int stop_after;           /* return 7 from this call on (0 = never) */
};

static int on_line(void *ctx, const char *text, size_t len,
                   unsigned long line, int complete)
{
    struct log *l = ctx;
    l->calls++;
    if (ts_buf_printf(&l->out, "%lu:%d:", line, complete)) return -1;
    if (ts_buf_append(&l->out, text, len)) return -1;
    if (ts_buf_putc(&l->out, '\n')) return -1;
    return l->stop_after && l->calls >= (size_t)l->stop_after ? 7 : 0;
}

/* Decodes len bytes fed `chunk` at a time; returns the invalid count. */
static size_t decode(const char *in, size_t len, size_t chunk, struct log *l)
{
    ts_decoder d;
    memset(l, 0, sizeof *l);
    ts_decoder_init(&d, on_line, l);
    for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        assert_int_equal(
            ts_decoder_feed(&d, (const unsigned char *)in + off, n), 0);
    }
    assert_int_equal(ts_decoder_finish(&d), 0);
    size_t invalid = d.invalid;
    ts_decoder_free(&d);
    return invalid;
}

/* Checks the log for every chunk size 1..9 and 4096 against want. */
static void check(const char *in, size_t len, const char *want,
                  size_t want_invalid)
{
    static const size_t chunks[] = {4096, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
        struct log l;
        size_t invalid = decode(in, len, chunks[k], &l);
        const char *got = l.out.data ? l.out.data : "";
        if (strcmp(got, want) != 0)
            fail_msg("chunk %zu: got\n%s\nwant\n%s", chunks[k], got, want);
        assert_int_equal(invalid, want_invalid);
        ts_buf_free(&l.out);
    }
}

#define CHECK(lit, want, inv) check(lit, sizeof(lit) - 1, want, inv)

static void test_lines(void **state)
{
    (void)state;
    CHECK("one\ntwo\n", "1:1:one\n2:1:two\n", 0);
    CHECK("no newline at end", "1:1:no newline at end\n", 0);
    CHECK("a\n\nb", "1:1:a\n2:1:\n3:1:b\n", 0);
    CHECK("", "", 0);
}

static void test_crlf_and_lone_cr(void **state)
{
    (void)state;
    /* CRLF is one break (also when split across feeds: chunk sizes 1-9) */
    CHECK("a\r\nb\r\n", "1:1:a\n2:1:b\n", 0);
    /* a lone CR is a break of its own */
    CHECK("a\rb\rc", "1:1:a\n2:1:b\n3:1:c\n", 0);
    /* CR CR LF: two breaks */
    CHECK("a\r\r\nb", "1:1:a\n2:1:\n3:1:b\n", 0);
    /* LF CR: two breaks */
    CHECK("a\n\rb", "1:1:a\n2:1:\n3:1:b\n", 0);
}

static void test_crlf_split_exactly(void **state)
{
    (void)state;
    struct log l;
    memset(&l, 0, sizeof l);
    ts_decoder d;
    ts_decoder_init(&d, on_line, &l);
    assert_int_equal(ts_decoder_feed(&d, (const unsigned char *)"x\r", 2), 0);
    assert_int_equal(ts_decoder_feed(&d, (const unsigned char *)"\ny", 2), 0);
    assert_int_equal(ts_decoder_finish(&d), 0);
    assert_string_equal(l.out.data, "1:1:x\n2:1:y\n");
    ts_decoder_free(&d);
    ts_buf_free(&l.out);
}

static void test_bom(void **state)
{
    (void)state;
    CHECK("\xEF\xBB\xBFHello\n", "1:1:Hello\n", 0);
    /* only at the very start */
    CHECK("Hi\xEF\xBB\xBF!", "1:1:Hi\xEF\xBB\xBF!\n", 0);
    /* a BOM prefix that is not a BOM: the bytes are decoded as usual */
    CHECK("\xEF\xBB", "1:1:\xEF\xBF\xBD\n", 1);
    CHECK("\xEF\xBBX", "1:1:\xEF\xBF\xBDX\n", 1);
    /* a real character sharing the BOM's lead byte */
    CHECK("\xEF\xBC\x81!", "1:1:\xEF\xBC\x81!\n", 0);
    /* only a BOM: nothing */
    CHECK("\xEF\xBB\xBF", "", 0);
}

static void test_bom_split_across_feeds(void **state)
{
    (void)state;
    struct log l;
    memset(&l, 0, sizeof l);
    ts_decoder d;
    ts_decoder_init(&d, on_line, &l);
    assert_int_equal(ts_decoder_feed(&d, (const unsigned char *)"\xEF", 1), 0);
    assert_int_equal(ts_decoder_feed(&d, (const unsigned char *)"\xBB", 1), 0);
    assert_int_equal(ts_decoder_feed(&d, (const unsigned char *)"\xBFok", 3), 0);
    assert_int_equal(ts_decoder_finish(&d), 0);
    assert_string_equal(l.out.data, "1:1:ok\n");
    assert_int_equal(d.invalid, 0);
    ts_decoder_free(&d);
    ts_buf_free(&l.out);
}

static void test_valid_utf8_kept(void **state)
{
    (void)state;
    /* 2, 3 and 4 byte sequences, split at every point by chunks 1-9 */
    CHECK("caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80\n",
          "1:1:caf\xC3\xA9 \xE2\x80\x99 \xF0\x9F\x98\x80\n", 0);
}

static void test_invalid_bytes(void **state)
{
    (void)state;
#define FFFD "\xEF\xBF\xBD"
    /* a stray continuation byte and a byte that never occurs */
    CHECK("a\x80z\xFFq", "1:1:a" FFFD "z" FFFD "q\n", 2);
    /* a lead byte cut short by ASCII keeps the ASCII */
    CHECK("\xC3x", "1:1:" FFFD "x\n", 1);
    /* a truncated sequence at the end of input */
    CHECK("end\xE2\x80", "1:1:end" FFFD "\n", 1);
    /* overlong and surrogate encodings */
    CHECK("\xC0\xAF!", "1:1:" FFFD FFFD "!\n", 2);
    CHECK("\xE0\x80\xAF!", "1:1:" FFFD FFFD FFFD "!\n", 3);
    CHECK("\xED\xA0\x80!", "1:1:" FFFD FFFD FFFD "!\n", 3);
    /* above U+10FFFF */
    CHECK("\xF4\x90\x80\x80", "1:1:" FFFD FFFD FFFD FFFD "\n", 4);
    /* a newline inside a broken sequence still ends the line */
    CHECK("\xE2\x80\nb", "1:1:" FFFD "\n2:1:b\n", 1);
#undef FFFD
}

static void test_long_line_fragments(void **state)
{
    (void)state;
    size_t n = TS_LINE_FRAGMENT * 2 + 100;
    static char text[TS_LINE_FRAGMENT * 2 + 200];
    /* "é" repeated: fragments must be cut between characters */
    for (size_t i = 0; i + 1 < n; i += 2) {
        text[i] = '\xC3';
        text[i + 1] = '\xA9';
    }
    text[n] = '\n';
    text[n + 1] = 'x';
    static const size_t chunks[] = {65536, 4096, 1000};
    for (size_t k = 0; k < 3; k++) {
        struct log l;
        decode(text, n + 2, chunks[k], &l);
        /* parse the log: fragments of line 1, then a complete piece */
        const char *p = l.out.data;
        size_t total = 0, fragments = 0;
        for (;;) {
            unsigned long line;
            int complete, used;
            assert_int_equal(sscanf(p, "%lu:%d:%n", &line, &complete, &used), 2);
            const char *t = p + used;
            const char *nl = memchr(t, '\n', (size_t)(l.out.data + l.out.len - t));
            assert_non_null(nl);
            size_t len = (size_t)(nl - t);
            if (line == 2) {
                assert_int_equal(complete, 1);
                assert_int_equal(len, 1);
                break;
            }
            assert_int_equal(line, 1);
            assert_true(len <= TS_LINE_FRAGMENT);
            assert_true(len % 2 == 0); /* never half of "é" */
            total += len;
            if (!complete) {
                fragments++;
                assert_true(len >= TS_LINE_FRAGMENT - 3);
            }
            p = nl + 1;
        }
        assert_int_equal(total, n);
        assert_int_equal(fragments, 2);
        ts_buf_free(&l.out);
    }
}

static void test_callback_stop(void **state)
{
    (void)state;
    struct log l;
    memset(&l, 0, sizeof l);
    l.stop_after = 2;
    ts_decoder d;
    ts_decoder_init(&d, on_line, &l);
    const char *in = "a\nb\nc\n";
    assert_int_equal(ts_decoder_feed(&d, (const unsigned char *)in, 6), 7);
    assert_int_equal(l.calls, 2);
    ts_decoder_free(&d);
    ts_buf_free(&l.out);
}

static void test_reset(void **state)
{
    (void)state;
    struct log l;
    memset(&l, 0, sizeof l);
    ts_decoder d;
    ts_decoder_init(&d, on_line, &l);
    assert_int_equal(ts_decoder_feed(&d, (const unsigned char *)"a\nb\xC3", 4), 0);
    ts_decoder_reset(&d);
    assert_int_equal(d.invalid, 0);
    assert_int_equal(
        ts_decoder_feed(&d, (const unsigned char *)"\xEF\xBB\xBFz", 4), 0);
    assert_int_equal(ts_decoder_finish(&d), 0);
    /* after the reset: line 1 again, BOM skipped, pending byte dropped */
    assert_string_equal(l.out.data, "1:1:a\n1:1:z\n");
    ts_decoder_free(&d);
    ts_buf_free(&l.out);
}

static void test_utf8_helpers(void **state)
{
    (void)state;
    unsigned cp;
    assert_int_equal(ts_utf8_decode((const unsigned char *)"A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(ts_utf8_decode((const unsigned char *)"\xE2\x80\x99", 3, &cp), 3);
    assert_int_equal(cp, 0x2019);
    assert_int_equal(ts_utf8_decode((const unsigned char *)"\xE2\x80", 2, &cp), 0);
    assert_int_equal(ts_utf8_decode((const unsigned char *)"\xC1\xBF", 2, &cp), 0);
    static const unsigned cps[] = {0x41, 0xE9, 0x2019, 0xFFFD, 0x1F600, 0x10FFFF};
    for (size_t k = 0; k < sizeof cps / sizeof *cps; k++) {
        char out[4];
        int n = ts_utf8_encode(cps[k], out);
        assert_int_equal(ts_utf8_decode((const unsigned char *)out, (size_t)n, &cp), n);
        assert_int_equal(cp, cps[k]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_crlf_and_lone_cr),
        cmocka_unit_test(test_crlf_split_exactly),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_bom_split_across_feeds),
        cmocka_unit_test(test_valid_utf8_kept),
        cmocka_unit_test(test_invalid_bytes),
        cmocka_unit_test(test_long_line_fragments),
        cmocka_unit_test(test_callback_stop),
        cmocka_unit_test(test_reset),
        cmocka_unit_test(test_utf8_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
