/* test_vector_deflate.c - the report encoder with its fast steps against
 * itself without.
 *
 * fast_deflate looks for the next ',' or '{' 16 bytes at a time with
 * SSE2, compares and loads eight bytes at a time and stores its bits
 * eight bytes at once on little-endian machines.  Here fast_deflate.c is
 * compiled a second time with none of that, its functions renamed, and
 * both builds compress the same data - report-like JSON, random text,
 * random bytes - in the same blocks: the output must be the same bytes,
 * and inflate back to the data. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "swar.h"
#undef __SSE2__
#undef TS_SWAR
#define ts_fast_deflate ref_fast_deflate
#define ts_fast_deflate_bound ref_fast_deflate_bound
#include "fast_deflate.c"
#undef ts_fast_deflate
#undef ts_fast_deflate_bound

/* the library's, as the header (read above, renamed) declares them */
size_t ts_fast_deflate_bound(size_t n);
size_t ts_fast_deflate(ts_fd_tables *st, const unsigned char *src, size_t n,
                       int final, unsigned char *out);

#include "random_text.h"
#include "raw_inflate.h"

/* Report-like JSON Lines with random text in the sentences. */
static size_t report_lines(char *out, size_t max)
{
    size_t n = 0;
    char text[300];
    while (n + 700 < max) {
        size_t t = rt_text(text, 200, 0);
        for (size_t i = 0; i < t; i++)   /* keep it valid JSON-ish */
            if (text[i] == '"' || text[i] == '\\' || (unsigned char)text[i] < 0x20)
                text[i] = ' ';
        n += (size_t)snprintf(out + n, max - n,
                              "{\"type\":\"sentence\",\"section\":%u,\"index\":%u,"
                              "\"text\":\"%.*s\",\"growth\":%u.%u,\"label\":\"%s\","
                              "\"hits\":[{\"term\":\"effort\",\"weight\":1.5}]}\n",
                              rt_next() % 9, rt_next() % 9999, (int)t, text,
                              rt_next() % 4, rt_next() % 999999,
                              rt_next() % 2 ? "growth" : "neutral");
    }
    return n;
}

/* Both builds on data in blocks of random sizes, the tables of each kept
 * from block to block. */
static void same_output(const unsigned char *data, size_t n)
{
    ts_fd_tables *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    unsigned char *stream = malloc(2 * n + 1024);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(stream);
    size_t total = 0, off = 0;
    do {
        size_t m = 1 + rt_below(rt_next() % 4 ? 20000 : 140000);
        if (m > n - off) m = n - off;
        int final = off + m == n;
        size_t bound = ts_fast_deflate_bound(m);
        assert_int_equal(bound, ref_fast_deflate_bound(m));
        unsigned char *x = malloc(bound), *y = malloc(bound);
        assert_non_null(x);
        assert_non_null(y);
        size_t lx = ts_fast_deflate(a, data + off, m, final, x);
        size_t ly = ref_fast_deflate(b, data + off, m, final, y);
        assert_int_equal(lx, ly);
        assert_memory_equal(x, y, lx);
        memcpy(stream + total, x, lx);
        total += lx;
        free(x);
        free(y);
        off += m;
    } while (off < n);
    inflates_to(stream, total, data, n);
    free(stream);
    free(a);
    free(b);
}

static void test_report_lines(void **state)
{
    (void)state;
    size_t max = 1 << 20;
    char *data = malloc(max);
    assert_non_null(data);
    for (int round = 0; round < 4; round++) {
        size_t n = report_lines(data, max);
        same_output((const unsigned char *)data, n);
    }
    free(data);
}

static void test_random_text(void **state)
{
    (void)state;
    static char text[8192];
    for (int round = 0; round < 300; round++) {
        size_t len = rt_text(text, sizeof text, round % 3 == 0);
        same_output((const unsigned char *)text, len);
    }
}

static void test_random_bytes(void **state)
{
    (void)state;
    size_t n = 300000;
    unsigned char *p = malloc(n);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)rt_next();
    same_output(p, n);
    static const char alphabet[] = ",{a\"";
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)alphabet[rt_next() % 4];
    same_output(p, n);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_lines),
        cmocka_unit_test(test_random_text),
        cmocka_unit_test(test_random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
