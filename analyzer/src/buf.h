/* buf.h - a growable byte buffer, always NUL-terminated. */
#ifndef TS_BUF_H
#define TS_BUF_H

#include <stddef.h>
#include <string.h>

#include "tonescope.h"

/* The public ts_string is the library's byte buffer. */
typedef ts_string ts_buf;

#define TS_BUF_INIT {NULL, 0, 0}

/* Each returns 0, or -1 when memory ran out (the buffer is unchanged). */
int ts_buf_grow(ts_buf *b, size_t extra);
/* Room for extra more bytes and the NUL: usually there is, decided inline
 * (reports append millions of small pieces). */
static inline int ts_buf_reserve(ts_buf *b, size_t extra)
{
    if (b->cap > b->len && extra < b->cap - b->len) return 0;
    return ts_buf_grow(b, extra);
}
/* Inline too: the JSON records and the pipeline append many short
 * pieces, where a call cost as much as the copy. */
static inline int ts_buf_append(ts_buf *b, const void *data, size_t len)
{
    if (ts_buf_reserve(b, len)) return -1;
    if (len) memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}
static inline int ts_buf_putc(ts_buf *b, char c)
{
    if (ts_buf_reserve(b, 1)) return -1;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}
int ts_buf_puts(ts_buf *b, const char *s);
int ts_buf_printf(ts_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Appends v the way JSON and TSV outputs print numbers: up to `decimals`
 * places, trailing zeros removed, never "-0". */
int ts_buf_put_number(ts_buf *b, double v, int decimals);

void ts_buf_clear(ts_buf *b);           /* len = 0, keeps memory */
void ts_buf_consume(ts_buf *b, size_t n); /* drop the first n bytes */
void ts_buf_free(ts_buf *b);

#endif
