/* test_vector_segmenter.c - the segmenter with SSE2 against itself without.
 *
 * ts_sentence_end looks for the next stop byte, and emit copies text that
 * needs no collapsing, 16 bytes at a time with SSE2 and 8 otherwise.  Here
 * segmenter.c is compiled a second time without SSE2, its functions
 * renamed, and both builds get the same random text in the same random
 * pieces and paragraphs: the sentences, their lines and split flags must
 * come out the same. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#undef __SSE2__
#define ts_segmenter_new ref_segmenter_new
#define ts_segmenter_reset ref_segmenter_reset
#define ts_segmenter_free ref_segmenter_free
#define ts_sentence_end ref_sentence_end
#define ts_segmenter_text ref_segmenter_text
#define ts_segmenter_paragraph_end ref_segmenter_paragraph_end
#include "segmenter.c"
#undef ts_segmenter_new
#undef ts_segmenter_reset
#undef ts_segmenter_free
#undef ts_sentence_end
#undef ts_segmenter_text
#undef ts_segmenter_paragraph_end

ts_segmenter *ts_segmenter_new(size_t cap, ts_sentence_cb cb, void *ctx);
int ts_segmenter_text(ts_segmenter *s, const char *p, size_t len,
                      unsigned long line);
int ts_segmenter_paragraph_end(ts_segmenter *s);
void ts_segmenter_free(ts_segmenter *s);

#include "random_text.h"

/* Every sentence as "line split length:text|". */
static int record(void *ctx, const char *text, size_t len, unsigned long line,
                  int split)
{
    ts_buf *out = ctx;
    char head[64];
    int k = snprintf(head, sizeof head, "%lu %d %zu:", line, split, len);
    if (ts_buf_append(out, head, (size_t)k) || ts_buf_append(out, text, len) ||
        ts_buf_putc(out, '|'))
        return -1;
    return 0;
}

static void test_random_text(void **state)
{
    (void)state;
    static char text[6000];
    ts_buf got = TS_BUF_INIT, want = TS_BUF_INIT;
    for (int round = 0; round < 6000; round++) {
        size_t cap = round % 4 == 0 ? 64 + rt_below(400) : 8192;
        ts_segmenter *a = ts_segmenter_new(cap, record, &got);
        ts_segmenter *b = ref_segmenter_new(cap, record, &want);
        assert_non_null(a);
        assert_non_null(b);
        ts_buf_clear(&got);
        ts_buf_clear(&want);
        size_t len = rt_text(text, round % 20 == 0 ? sizeof text : 1200,
                             round % 3 == 0);
        /* in pieces of random sizes, each copied to exactly its size, with
         * a paragraph end now and then */
        unsigned long line = 1;
        for (size_t at = 0; at < len;) {
            size_t n = 1 + rt_below(round % 2 ? 40 : 700);
            if (n > len - at) n = len - at;
            char *piece = malloc(n);
            assert_non_null(piece);
            memcpy(piece, text + at, n);
            assert_int_equal(ts_segmenter_text(a, piece, n, line), 0);
            assert_int_equal(ref_segmenter_text(b, piece, n, line), 0);
            free(piece);
            at += n;
            line++;
            if (rt_below(6) == 0) {
                assert_int_equal(ts_segmenter_paragraph_end(a), 0);
                assert_int_equal(ref_segmenter_paragraph_end(b), 0);
            }
        }
        assert_int_equal(ts_segmenter_paragraph_end(a), 0);
        assert_int_equal(ref_segmenter_paragraph_end(b), 0);
        if (got.len != want.len || memcmp(got.data, want.data, got.len) != 0)
            fail_msg("round %d: '%.*s' against '%.*s'", round, (int)got.len,
                     got.data, (int)want.len, want.data);
        ts_segmenter_free(a);
        ref_segmenter_free(b);
    }
    ts_buf_free(&got);
    ts_buf_free(&want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
