/* buf.c - growable byte buffer. */
#include "buf.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

int ts_buf_grow(ts_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1) return -1;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = ts_realloc(b->data, cap);
    if (!p) return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int ts_buf_puts(ts_buf *b, const char *s)
{
    return ts_buf_append(b, s, strlen(s));
}

int ts_buf_printf(ts_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char small[256];
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return -1;
    if ((size_t)n < sizeof small) return ts_buf_append(b, small, (size_t)n);
    if (ts_buf_reserve(b, (size_t)n)) return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

/* Reports print millions of numbers; printf's exact decimal conversion is
 * the slowest part of writing them.  Values of ordinary size are scaled to
 * an integer count of 10^-decimals units (rounded half away from zero) and
 * printed digit by digit; anything else goes through snprintf. */
int ts_buf_put_number(ts_buf *b, double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    char tmp[64];
    if (!isfinite(v)) v = 0;
    if (decimals >= 0 && decimals <= 9 && fabs(v) < 1e9) {
        /* Rounded to a whole number of units of the last decimal, then
         * cut into the whole part and the fraction, whose trailing zeros
         * are dropped (a report prints millions of these). */
        static const unsigned long long pow10[] = {
            1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
            1000000000};
        unsigned long long units =
            (unsigned long long)(fabs(v) * scale[decimals] + 0.5);
        unsigned long long whole, frac;
        /* constant divisors for the decimals reports use: a division by
         * a variable is a real division, several times the cost */
        if (decimals == 6) {
            whole = units / 1000000;
            frac = units % 1000000;
        } else if (decimals == 4) {
            whole = units / 10000;
            frac = units % 10000;
        } else {
            whole = units / pow10[decimals];
            frac = units % pow10[decimals];
        }
        /* written in place: at most a sign, 10 digits, a point, 9 */
        if (ts_buf_reserve(b, 24)) return -1;
        char *p = b->data + b->len, *start = p;
        if (v < 0 && units) *p++ = '-';
        if (whole < 10) {
            *p++ = (char)('0' + whole);
        } else {
            char digits[24];
            int n = 0;
            do {
                digits[n++] = (char)('0' + whole % 10);
                whole /= 10;
            } while (whole);
            while (n) *p++ = digits[--n];
        }
        if (frac) {
            int places = decimals;
            while (frac % 10 == 0) {
                frac /= 10;
                places--;
            }
            *p++ = '.';
            for (int k = places - 1; k >= 0; k--) {
                p[k] = (char)('0' + frac % 10);
                frac /= 10;
            }
            p += places;
        }
        b->len += (size_t)(p - start);
        b->data[b->len] = '\0';
        return 0;
    }
    int n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (n <= 0 || (size_t)n >= sizeof tmp) return -1;
    if (strchr(tmp, '.')) {
        while (n > 0 && tmp[n - 1] == '0') tmp[--n] = '\0';
        if (n > 0 && tmp[n - 1] == '.') tmp[--n] = '\0';
    }
    if (strcmp(tmp, "-0") == 0) return ts_buf_putc(b, '0');
    return ts_buf_append(b, tmp, (size_t)n);
}

void ts_buf_clear(ts_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

void ts_buf_consume(ts_buf *b, size_t n)
{
    if (n >= b->len) {
        ts_buf_clear(b);
        return;
    }
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
    b->data[b->len] = '\0';
}

void ts_buf_free(ts_buf *b)
{
    ts_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void ts_string_free(ts_string *s)
{
    if (s) ts_buf_free(s);
}
