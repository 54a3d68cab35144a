/* test_buf.c - numbers as reports print them: ts_buf_put_number rounds to
 * a number of decimals (half up, on the value times 10^decimals), drops
 * the fraction's trailing zeros and never prints "-0".  Checked against
 * the same rule worked out with integers and printf, on values of every
 * size and sign, and on the halves where rounding turns. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* The rule, the slow way: the units printed with %llu, a point put in,
 * zeros cut. */
static void expected(char *out, size_t size, double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    unsigned long long units = (unsigned long long)(fabs(v) * scale[decimals] + 0.5);
    char digits[64];
    snprintf(digits, sizeof digits, "%0*llu", decimals + 1, units);
    size_t n = strlen(digits), point = n - (size_t)decimals;
    char body[80];
    memcpy(body, digits, point);
    size_t len = point;
    if (decimals) {
        body[len++] = '.';
        memcpy(body + len, digits + point, (size_t)decimals);
        len += (size_t)decimals;
        while (body[len - 1] == '0') len--;
        if (body[len - 1] == '.') len--;
    }
    body[len] = '\0';
    snprintf(out, size, "%s%s", v < 0 && units ? "-" : "", body);
}

static void check(double v, int decimals)
{
    char want[96];
    expected(want, sizeof want, v, decimals);
    ts_buf b = TS_BUF_INIT;
    assert_int_equal(ts_buf_put_number(&b, v, decimals), 0);
    if (strcmp(b.data, want) != 0)
        fail_msg("%.17g at %d decimals: got %s, want %s", v, decimals, b.data, want);
    ts_buf_free(&b);
}

static void test_fixed_values(void **state)
{
    (void)state;
    static const struct { double v; int d; const char *want; } cases[] = {
        {0, 6, "0"},          {-0.0, 6, "0"},       {1.5, 6, "1.5"},
        {-1.5, 6, "-1.5"},    {0.361158, 6, "0.361158"},
        {2.0, 4, "2"},        {0.00004, 4, "0"},    {-0.00004, 4, "0"},
        {0.00005, 4, "0.0001"}, {12.3456789, 4, "12.3457"},
        {100, 0, "100"},      {0.5, 0, "1"},        {999999999.4, 0, "999999999"},
        {0.1, 1, "0.1"},      {0.05, 6, "0.05"},    {7.000001, 6, "7.000001"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ts_buf b = TS_BUF_INIT;
        assert_int_equal(ts_buf_put_number(&b, cases[i].v, cases[i].d), 0);
        assert_string_equal(b.data, cases[i].want);
        ts_buf_free(&b);
        check(cases[i].v, cases[i].d);
    }
}

static void test_random_values(void **state)
{
    (void)state;
    srand(3);
    for (int i = 0; i < 200000; i++) {
        int decimals = rand() % 10;
        /* magnitudes from 1e-9 to 1e8, both signs, some whole numbers */
        double mag = pow(10, (double)(rand() % 18) - 9);
        double v = mag * ((double)rand() / RAND_MAX);
        if (rand() % 4 == 0) v = floor(v);
        if (rand() % 2) v = -v;
        check(v, decimals);
    }
}

/* Values a hair either side of a half of the last decimal. */
static void test_halves(void **state)
{
    (void)state;
    for (int decimals = 0; decimals <= 6; decimals++) {
        double unit = pow(10, -decimals);
        for (int k = 0; k < 2000; k++) {
            double half = (k + 0.5) * unit;
            check(half, decimals);
            check(nextafter(half, 0), decimals);
            check(nextafter(half, 1e9), decimals);
            check(-half, decimals);
        }
    }
}

/* Outside the fast path: printf's rounding, the same trimming. */
static void test_large_values(void **state)
{
    (void)state;
    ts_buf b = TS_BUF_INIT;
    assert_int_equal(ts_buf_put_number(&b, 1.5e9, 2), 0);
    assert_string_equal(b.data, "1500000000");
    ts_buf_clear(&b);
    assert_int_equal(ts_buf_put_number(&b, -2.25e12, 6), 0);
    assert_string_equal(b.data, "-2250000000000");
    ts_buf_clear(&b);
    assert_int_equal(ts_buf_put_number(&b, NAN, 3), 0);
    assert_string_equal(b.data, "0");
    ts_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_values),
        cmocka_unit_test(test_random_values),
        cmocka_unit_test(test_halves),
        cmocka_unit_test(test_large_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
