/* test_vector_decoder.c - the decoder with SSE2 against itself without.
 *
 * The decoder looks for the end of a run of plain ASCII 16 bytes at a time
 * with SSE2 and 8 otherwise, and lets whole, valid characters of several
 * bytes continue the run.  Here decoder.c is compiled a second time
 * without SSE2, its functions renamed, and both builds get the same random
 * bytes (invalid ones, NULs, line endings of every kind among them) in the
 * same random pieces: the lines, their numbers and flags, and the count of
 * invalid sequences must come out the same. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#undef __SSE2__
#define ts_utf8_decode ref_utf8_decode
#define ts_utf8_encode ref_utf8_encode
#define ts_decoder_init ref_decoder_init
#define ts_decoder_reset ref_decoder_reset
#define ts_decoder_free ref_decoder_free
#define ts_decoder_feed ref_decoder_feed
#define ts_decoder_finish ref_decoder_finish
#include "decoder.c"
#undef ts_utf8_decode
#undef ts_utf8_encode
#undef ts_decoder_init
#undef ts_decoder_reset
#undef ts_decoder_free
#undef ts_decoder_feed
#undef ts_decoder_finish

void ts_decoder_init(ts_decoder *d, ts_line_cb cb, void *ctx);
int ts_decoder_feed(ts_decoder *d, const unsigned char *p, size_t len);
int ts_decoder_finish(ts_decoder *d);
void ts_decoder_free(ts_decoder *d);

#include "random_text.h"

/* Every line as "number complete length:text|". */
static int record(void *ctx, const char *text, size_t len,
                  unsigned long lineno, int complete)
{
    ts_buf *out = ctx;
    char head[64];
    int k = snprintf(head, sizeof head, "%lu %d %zu:", lineno, complete, len);
    if (ts_buf_append(out, head, (size_t)k) || ts_buf_append(out, text, len) ||
        ts_buf_putc(out, '|'))
        return -1;
    return 0;
}

static void test_random_bytes(void **state)
{
    (void)state;
    static char text[8000];
    ts_buf got = TS_BUF_INIT, want = TS_BUF_INIT;
    for (int round = 0; round < 10000; round++) {
        ts_decoder a, b;
        ts_decoder_init(&a, record, &got);
        ref_decoder_init(&b, record, &want);
        ts_buf_clear(&got);
        ts_buf_clear(&want);
        size_t len = 0;
        if (round % 7 == 0) { /* a byte order mark, whole or not */
            memcpy(text, "\xEF\xBB\xBF", 3);
            len = 1 + rt_below(3);
        }
        len += rt_text(text + len, round % 25 == 0 ? 7000 : 600, round % 2);
        for (size_t at = 0; at < len;) {
            size_t n = 1 + rt_below(round % 3 ? 50 : 900);
            if (n > len - at) n = len - at;
            unsigned char *piece = malloc(n);
            assert_non_null(piece);
            memcpy(piece, text + at, n);
            assert_int_equal(ts_decoder_feed(&a, piece, n), 0);
            assert_int_equal(ref_decoder_feed(&b, piece, n), 0);
            free(piece);
            at += n;
        }
        assert_int_equal(ts_decoder_finish(&a), 0);
        assert_int_equal(ref_decoder_finish(&b), 0);
        if (got.len != want.len || memcmp(got.data, want.data, got.len) != 0)
            fail_msg("round %d: the lines differ", round);
        assert_int_equal(a.invalid, b.invalid);
        ts_decoder_free(&a);
        ref_decoder_free(&b);
    }
    ts_buf_free(&got);
    ts_buf_free(&want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
