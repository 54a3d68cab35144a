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
        double scaled = fabs(v) * scale[decimals];
        unsigned long long units = (unsigned long long)(scaled + 0.5);
        char digits[32];
        int n = 0;
        do {
            digits[n++] = (char)('0' + units % 10);
            units /= 10;
        } while (units);
        while (n <= decimals) digits[n++] = '0'; /* at least "0.xx" */
        /* digits holds the number reversed: digits[k] is the 10^(k -
         * decimals) place.  Trailing zeros of the fraction are dropped. */
        int lo = 0;
        while (lo < decimals && digits[lo] == '0') lo++;
        int len = 0, nonzero = 0;
        for (int k = lo; k < n; k++)
            if (digits[k] != '0') nonzero = 1;
        if (v < 0 && nonzero) tmp[len++] = '-';
        for (int k = n - 1; k >= decimals; k--) tmp[len++] = digits[k];
        if (lo < decimals) {
            tmp[len++] = '.';
            for (int k = decimals - 1; k >= lo; k--) tmp[len++] = digits[k];
        }
        return ts_buf_append(b, tmp, (size_t)len);
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
