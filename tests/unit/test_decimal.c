/* test_decimal.c - rounding to a few decimals without printf agrees with
 * printf, or says it cannot tell. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../analyzer/cli/decimal.h"

/* Prints units of 10^-decimals as printf's "%.*f" would. */
static void print_units(char *out, size_t size, int64_t u, int decimals,
                        int negative)
{
    uint64_t a = u < 0 ? (uint64_t)0 - (uint64_t)u : (uint64_t)u;
    uint64_t p = 1;
    for (int k = 0; k < decimals; k++) p *= 10;
    if (decimals)
        snprintf(out, size, "%s%" PRIu64 ".%0*" PRIu64, negative ? "-" : "",
                 a / p, decimals, a % p);
    else
        snprintf(out, size, "%s%" PRIu64, negative ? "-" : "", a);
}

/* Checks v at every number of decimals; returns how many took the fast
 * path. */
static int check(double v)
{
    int fast = 0;
    for (int d = 0; d <= 9; d++) {
        char want[64], got[64];
        int64_t u;
        snprintf(want, sizeof want, "%.*f", d, v);
        if (cli_round_decimal(v, d, &u) != 0) continue;
        fast++;
        /* printf keeps the sign of a value that rounds to zero */
        print_units(got, sizeof got, u, d, u < 0 || (u == 0 && signbit(v)));
        if (strcmp(want, got) != 0) {
            fprintf(stderr, "v=%.17g d=%d printf=%s fast=%s\n", v, d, want, got);
            fail();
        }
    }
    return fast;
}

/* Random values over many magnitudes, signs and the figures a summary
 * holds (sums of weights, tones, rates per 100 words). */
static void test_agrees_with_printf(void **state)
{
    (void)state;
    srand(7);
    long fast = 0, total = 0;
    for (int i = 0; i < 30000; i++) {
        double mag = pow(10.0, (double)(rand() % 12) - 6);
        double v = ((double)rand() / RAND_MAX - 0.5) * 2 * mag;
        fast += check(v);
        total += 10;
    }
    static const double fixed[] = {0.0, -0.0, 1.0, -1.0, 0.1, 0.7, 2.675,
                                   1.005, 123.4565, -0.00004, -0.00005,
                                   0.333333333, 999999.9999999, -999999.5};
    for (size_t k = 0; k < sizeof fixed / sizeof *fixed; k++) check(fixed[k]);
    /* the fast path is the rule, not the exception */
    assert_true(fast > total * 99 / 100);
}

/* Values at or a hair from halfway: the slow path, or the right answer. */
static void test_near_halfway(void **state)
{
    (void)state;
    for (int d = 0; d <= 6; d++) {
        double p = pow(10.0, d);
        for (int k = -300; k <= 300; k++) {
            double half = (k + 0.5) / p;
            check(half);
            check(nextafter(half, INFINITY));
            check(nextafter(half, -INFINITY));
        }
    }
    /* exact ties are left to printf */
    int64_t u;
    assert_int_equal(cli_round_decimal(0.125, 2, &u), -1);
    assert_int_equal(cli_round_decimal(2.5, 0, &u), -1);
    assert_int_equal(cli_round_decimal(-0.5, 0, &u), -1);
}

/* What it does not try. */
static void test_out_of_range(void **state)
{
    (void)state;
    int64_t u;
    assert_int_equal(cli_round_decimal(NAN, 4, &u), -1);
    assert_int_equal(cli_round_decimal(INFINITY, 4, &u), -1);
    assert_int_equal(cli_round_decimal(2e6, 4, &u), -1);
    assert_int_equal(cli_round_decimal(1.0, 10, &u), -1);
    assert_int_equal(cli_round_decimal(1.0, -1, &u), -1);
    assert_int_equal(cli_round_decimal(1.23456, 4, &u), 0);
    assert_int_equal(u, 12346);
    assert_int_equal(cli_round_decimal(-1.23454, 4, &u), 0);
    assert_int_equal(u, -12345);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agrees_with_printf),
        cmocka_unit_test(test_near_halfway),
        cmocka_unit_test(test_out_of_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
