/* test_vector_tokenizer.c - the tokenizer's fast paths against its
 * general one.
 *
 * The tokenizer takes a word's first 16 bytes at once with SSE2 where the
 * machine has it, then 8 at a time (little-endian machines), and any word
 * those steps cannot take the general way, byte by byte.  Here
 * tokenizer.c is compiled a second time with the general way alone, its
 * functions renamed, and both builds are given the same random text: every
 * token, flag, folded form and hash must come out the same. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

/* the reference: tokenizer.c with neither the 16-byte nor the 8-byte
 * steps, every word taken the general way (byte by byte, as any text) */
#include "swar.h"
#undef __SSE2__
#undef TS_SWAR
#define ts_tokenize ref_tokenize
#define ts_fold ref_fold
#define ts_tokens_free ref_tokens_free
#include "tokenizer.c"
#undef ts_tokenize
#undef ts_fold
#undef ts_tokens_free

/* the library's, as the header (read above, renamed) declares them */
int ts_tokenize(ts_tokens *out, const char *text, size_t len);
void ts_tokens_free(ts_tokens *t);

#include "random_text.h"

static void same_tokens(const ts_tokens *a, const ts_tokens *b,
                        const char *text, size_t len)
{
    if (a->n != b->n || a->words != b->words || a->mixed_case != b->mixed_case)
        fail_msg("%zu tokens against %zu in '%.*s'", a->n, b->n, (int)len, text);
    for (size_t i = 0; i < a->n; i++) {
        const ts_token *x = &a->v[i], *y = &b->v[i];
        if (x->off != y->off || x->len != y->len || x->fold != y->fold ||
            x->fold_len != y->fold_len || x->hash != y->hash ||
            x->flags != y->flags ||
            memcmp(a->folded.data + x->fold, b->folded.data + y->fold,
                   x->fold_len + 1) != 0)
            fail_msg("token %zu of '%.*s' differs", i, (int)len, text);
    }
}

static void test_random_text(void **state)
{
    (void)state;
    ts_tokens a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    static char text[4096];
    for (int round = 0; round < 30000; round++) {
        size_t max = round % 50 == 0 ? sizeof text : 300;
        size_t len = rt_text(text, max, round % 3 == 0);
        /* exactly len bytes, so that a read past them is caught by the
         * sanitizers and valgrind */
        char *copy = malloc(len ? len : 1);
        assert_non_null(copy);
        memcpy(copy, text, len);
        assert_int_equal(ts_tokenize(&a, copy, len), 0);
        assert_int_equal(ref_tokenize(&b, copy, len), 0);
        same_tokens(&a, &b, copy, len);
        free(copy);
    }
    ts_tokens_free(&a);
    ref_tokens_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
