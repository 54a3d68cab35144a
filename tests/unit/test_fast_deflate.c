/* test_fast_deflate.c - the report encoder writes deflate that zlib reads
 * back byte for byte, for any bytes: report JSON, text, random bytes,
 * every length near the edges of its fast paths, matches longer than one
 * length code can say, blocks laid end to end as one stream; its output
 * stays within the bound; and it depends only on the data, not on what
 * the tables held before. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fast_deflate.h"
#include "raw_inflate.h"
#include "report_code.h"

#define GUARD 64
#define GUARD_BYTE 0xa5

/* Compresses src with tables t into a buffer of exactly the bound plus a
 * guard, checks the guard, and returns the output (length in *out_len). */
static unsigned char *encode(ts_fd_tables *t, const void *src, size_t n,
                               int final, size_t *out_len)
{
    size_t bound = ts_fast_deflate_bound(n);
    unsigned char *out = malloc(bound + GUARD);
    assert_non_null(out);
    memset(out, GUARD_BYTE, bound + GUARD);
    *out_len = ts_fast_deflate(t, src, n, final, out);
    assert_true(*out_len <= bound);
    for (size_t i = bound; i < bound + GUARD; i++)
        assert_int_equal(out[i], GUARD_BYTE);
    return out;
}

static void round_trip(const void *src, size_t n)
{
    ts_fd_tables *t = calloc(1, sizeof *t);
    assert_non_null(t);
    size_t len;
    unsigned char *out = encode(t, src, n, 1, &len);
    inflates_to(out, len, src, n);
    free(out);
    free(t);
}

/* Report-like JSON Lines: the same keys every line, values that vary. */
static char *report_json(size_t lines, size_t *n)
{
    size_t cap = lines * 400 + 1;
    char *p = malloc(cap);
    assert_non_null(p);
    size_t len = 0;
    srand(11);
    for (size_t i = 0; i < lines; i++) {
        int r = rand();
        len += (size_t)snprintf(
            p + len, cap - len,
            "{\"type\":\"sentence\",\"section\":%zu,\"index\":%zu,\"text\":"
            "\"Word %d and “quotes” – not yet, %s.\",\"growth\":%d.%06d,"
            "\"label\":\"%s\",\"hits\":[{\"term\":\"%s\",\"weight\":1.5}]}\n",
            i / 20, i, r % 1000, r % 3 ? "again" : "ünïcode", r % 4, r % 999999,
            r % 5 ? "growth" : "neutral", r % 2 ? "effort" : "fail");
    }
    *n = len;
    return p;
}

static void test_report_json(void **state)
{
    (void)state;
    size_t n;
    char *json = report_json(3000, &n);
    round_trip(json, n);
    /* and it compresses: the keys are matched, not sent as literals */
    ts_fd_tables *t = calloc(1, sizeof *t);
    size_t len;
    unsigned char *out = encode(t, json, n, 1, &len);
    assert_true(len < n / 2);
    free(out);
    free(t);
    free(json);
}

/* Every short length (the tails of the fast paths), empty included. */
static void test_short_inputs(void **state)
{
    (void)state;
    size_t n;
    char *json = report_json(4, &n);
    for (size_t k = 0; k <= 80 && k <= n; k++) round_trip(json, k);
    /* the same lengths from every offset of a line */
    for (size_t off = 0; off < 40; off++) round_trip(json + off, 37);
    free(json);
}

/* Bytes of every value, at random: literals of 8 and 9 bits, punctuation
 * anywhere, no structure. */
static void test_random_bytes(void **state)
{
    (void)state;
    size_t n = 200000;
    unsigned char *p = malloc(n);
    assert_non_null(p);
    srand(5);
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)rand();
    round_trip(p, n);
    /* few distinct bytes, punctuation often: many short, overlapping
     * matches */
    static const char alphabet[] = ",{a\"";
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)alphabet[rand() % 4];
    round_trip(p, n);
    free(p);
}

/* Matches longer than 258 bytes go out as several; the last piece is
 * never shorter than 3 (lengths 259-261 are the cases to get right); a
 * run of one byte matches at distance 1, overlapping itself. */
static void test_long_matches(void **state)
{
    (void)state;
    for (size_t len = 250; len <= 780; len++) {
        if (len > 270 && len < 510) continue;   /* one piece or two: enough */
        char *p = malloc(2 * len);
        assert_non_null(p);
        p[0] = ',';
        for (size_t i = 1; i < len; i++) p[i] = (char)('a' + i % 26);
        memcpy(p + len, p, len);
        round_trip(p, 2 * len);
        free(p);
    }
    char run[5000];
    memset(run, ',', sizeof run);
    round_trip(run, sizeof run);
}

/* Non-final blocks end on a byte boundary, so blocks compressed one by
 * one and laid end to end are one stream. */
static void test_blocks_in_a_row(void **state)
{
    (void)state;
    size_t n;
    char *json = report_json(2000, &n);
    ts_fd_tables *t = calloc(1, sizeof *t);
    assert_non_null(t);
    unsigned char *stream = malloc(ts_fast_deflate_bound(n) * 2);
    assert_non_null(stream);
    size_t total = 0;
    static const size_t sizes[] = {0, 1, 4096, 7, 65536, 131072, 3};
    size_t off = 0;
    for (size_t k = 0; off < n; k++) {
        size_t m = sizes[k % 7];
        if (m > n - off) m = n - off;
        int final = off + m == n;
        size_t len;
        unsigned char *out = encode(t, json + off, m, final, &len);
        memcpy(stream + total, out, len);
        total += len;
        free(out);
        off += m;
    }
    inflates_to(stream, total, json, n);
    free(stream);
    free(t);
    free(json);
}

/* The output depends on the data alone: tables used before (by other
 * data, or with positions about to wrap) give the same bytes as new ones. */
static void test_tables_history(void **state)
{
    (void)state;
    size_t n;
    char *json = report_json(500, &n);
    ts_fd_tables *fresh = calloc(1, sizeof *fresh);
    ts_fd_tables *used = calloc(1, sizeof *used);
    assert_non_null(fresh);
    assert_non_null(used);
    size_t want_len, len;
    unsigned char *want = encode(fresh, json, n, 0, &want_len);
    for (int round = 0; round < 3; round++) {
        free(encode(used, json + 1000, n - 1000, 0, &len));
        unsigned char *got = encode(used, json, n, 0, &len);
        assert_int_equal(len, want_len);
        assert_memory_equal(got, want, len);
        free(got);
    }
    /* positions near the top of 32 bits: the tables start over */
    used->base = UINT32_MAX - 10000;
    unsigned char *got = encode(used, json, n, 0, &len);
    assert_int_equal(len, want_len);
    assert_memory_equal(got, want, len);
    free(got);
    free(want);
    free(fresh);
    free(used);
    free(json);
}

/* The built-in code is a complete prefix code (deflate decoders reject
 * incomplete ones) giving every symbol a code no longer than RC_MAX_BITS,
 * which the encoder's flushes count on. */
static void check_complete(const unsigned char *bits, size_t n)
{
    uint64_t kraft = 0;   /* in units of 2^-15 */
    for (size_t i = 0; i < n; i++) {
        assert_true(bits[i] >= 1 && bits[i] <= RC_MAX_BITS);
        kraft += (uint64_t)1 << (15 - bits[i]);
    }
    assert_int_equal(kraft, (uint64_t)1 << 15);
}

static void test_report_code(void **state)
{
    (void)state;
    check_complete(rc_litlen_bits, sizeof rc_litlen_bits);
    check_complete(rc_dist_bits, sizeof rc_dist_bits);
    assert_int_equal(sizeof rc_litlen_bits, 286);
    assert_int_equal(sizeof rc_dist_bits, 30);
    assert_int_equal(sizeof rc_header, (RC_HEADER_BITS + 7) / 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_code),
        cmocka_unit_test(test_report_json),
        cmocka_unit_test(test_short_inputs),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_long_matches),
        cmocka_unit_test(test_blocks_in_a_row),
        cmocka_unit_test(test_tables_history),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
