/* decimal.h - a double rounded to a few decimals the way printf does, without
 * printf. */
#ifndef TS_CLI_DECIMAL_H
#define TS_CLI_DECIMAL_H

#include <math.h>
#include <stdint.h>

/* v rounded to `decimals` places (0-9) exactly as printf's "%.*f" rounds
 * it, as a count of 10^-decimals: 0, or -1 when that cannot be told
 * cheaply (v not finite or too large, or a hair from halfway between two
 * results) and the caller should ask printf.
 *
 * printf rounds the exact binary value of v to the nearest result (glibc
 * computes it exactly).  fma() gives the distance from v * 10^decimals,
 * taken exactly, to the nearest integer c, rounded once; while that
 * distance is clearly under a half, c is the integer nearest the exact
 * value, and so printf's answer.  Only values within a millionth of a unit
 * of halfway take the slow path. */
static inline int cli_round_decimal(double v, int decimals, int64_t *units)
{
    static const double scale[] = {1,   10,  100, 1e3, 1e4,
                                   1e5, 1e6, 1e7, 1e8, 1e9};
    if (decimals < 0 || decimals > 9 || !(fabs(v) < 1e6)) return -1;
    double s = scale[decimals];
    double c = nearbyint(v * s);
    double off = fma(v, s, -c);
    if (!(fabs(off) < 0.5 - 1e-6)) return -1;
    *units = (int64_t)c;
    return 0;
}

#endif
