/* decoder.c - UTF-8 validation and line splitting (stage 1). */
#include "decoder.h"

#include <string.h>

#include "swar.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

int ts_utf8_decode(const unsigned char *p, size_t len, unsigned *cp)
{
    if (len == 0) return 0;
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF) { n = 2; c &= 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 3; c &= 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 4; c &= 0x07; min = 0x10000; }
    else return 0;
    if (len < (size_t)n) return 0;
    for (int i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    *cp = c;
    return n;
}

int ts_utf8_encode(unsigned cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

void ts_decoder_init(ts_decoder *d, ts_line_cb cb, void *ctx)
{
    memset(d, 0, sizeof *d);
    d->lineno = 1;
    d->cb = cb;
    d->ctx = ctx;
}

void ts_decoder_reset(ts_decoder *d)
{
    ts_buf line = d->line;
    ts_line_cb cb = d->cb;
    void *ctx = d->ctx;
    ts_buf_clear(&line);
    memset(d, 0, sizeof *d);
    d->line = line;
    d->lineno = 1;
    d->cb = cb;
    d->ctx = ctx;
}

void ts_decoder_free(ts_decoder *d)
{
    ts_buf_free(&d->line);
}

/* Passes on the line so far.  A fragment is cut at the last complete
 * character, which the buffer always ends with, since only validated
 * characters are appended. */
static int emit(ts_decoder *d, int complete)
{
    int rc = d->cb(d->ctx, d->line.data ? d->line.data : "", d->line.len,
                   d->lineno, complete);
    ts_buf_clear(&d->line);
    return rc;
}

static int put_char(ts_decoder *d, const void *bytes, size_t n)
{
    if (ts_buf_append(&d->line, bytes, n)) return -1;
    if (d->line.len >= TS_LINE_FRAGMENT) return emit(d, 0);
    return 0;
}

static int invalid(ts_decoder *d)
{
    d->invalid++;
    return put_char(d, replacement, 3);
}

static int end_line(ts_decoder *d)
{
    int rc = emit(d, 1);
    d->lineno++;
    return rc;
}

/* Length of the sequence a lead byte announces, 0 if it cannot lead. */
static int seq_len(unsigned char c)
{
    if (c >= 0xC2 && c <= 0xDF) return 2;
    if (c >= 0xE0 && c <= 0xEF) return 3;
    if (c >= 0xF0 && c <= 0xF4) return 4;
    return 0;
}

/* Decides a pending multi-byte sequence as soon as it is complete or
 * provably broken.  A lead byte whose second byte is out of range yields
 * one U+FFFD and the bytes after it are decoded again, so a stray lead byte
 * never swallows the ASCII that follows it. */
static int byte_in(ts_decoder *d, unsigned char c);

static int flush_pending_invalid(ts_decoder *d)
{
    unsigned char rest[4];
    int nrest = d->npend - 1;
    memcpy(rest, d->pend + 1, (size_t)nrest);
    d->npend = 0;
    d->need = 0;
    int rc = invalid(d);
    for (int i = 0; i < nrest && rc == 0; i++) rc = byte_in(d, rest[i]);
    return rc;
}

static int byte_in(ts_decoder *d, unsigned char c)
{
    if (d->npend) {
        d->pend[d->npend++] = c;
        unsigned cp;
        if ((c & 0xC0) != 0x80) {
            /* Not a continuation: the sequence is broken before c.  What
             * is pending is a valid prefix (bad second bytes are caught
             * below), so it becomes one U+FFFD, as browsers do. */
            d->npend = 0;
            d->need = 0;
            int rc = invalid(d);
            return rc ? rc : byte_in(d, c);
        }
        if (d->npend < d->need) {
            /* Reject overlong/surrogate prefixes early, as decode would. */
            if (d->npend == 2) {
                unsigned l = d->pend[0];
                if ((l == 0xE0 && c < 0xA0) || (l == 0xED && c > 0x9F) ||
                    (l == 0xF0 && c < 0x90) || (l == 0xF4 && c > 0x8F))
                    return flush_pending_invalid(d);
            }
            return 0;
        }
        int n = ts_utf8_decode(d->pend, (size_t)d->npend, &cp);
        if (n == 0) return flush_pending_invalid(d);
        d->npend = 0;
        d->need = 0;
        return put_char(d, d->pend, (size_t)n);
    }
    if (c < 0x80) {
        if (d->after_cr) {
            d->after_cr = 0;
            if (c == '\n') return 0;
        }
        if (c == '\n') return end_line(d);
        if (c == '\r') {
            d->after_cr = 1;
            return end_line(d);
        }
        /* A NUL is no text: it would cut every C string downstream. */
        if (c == 0) return invalid(d);
        return put_char(d, &c, 1);
    }
    d->after_cr = 0;
    int n = seq_len(c);
    if (n == 0) return invalid(d);
    d->pend[0] = c;
    d->npend = 1;
    d->need = n;
    return 0;
}

/* End of the run of plain ASCII (no NUL, no line ending) at p[i, end),
 * looked at 16 or 8 bytes at a time: most input is such runs. */
static size_t plain_run(const unsigned char *p, size_t i, size_t end)
{
#ifdef __SSE2__
    while (end - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        /* bytes from 0x80 up have their top bit set already */
        __m128i stop = _mm_or_si128(
            x, _mm_or_si128(_mm_cmpeq_epi8(x, _mm_setzero_si128()),
                            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
                                         _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')))));
        unsigned m = (unsigned)_mm_movemask_epi8(stop);
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    while (end - i >= 8) {
        uint64_t x = ts_load8(p + i);
        if ((x & TS_BYTES_80) | ts_bytes_zero(x) | ts_bytes_eq(x, '\n') |
            ts_bytes_eq(x, '\r'))
            break;
        i += 8;
    }
    while (i < end && p[i] < 0x80 && p[i] != '\n' && p[i] != '\r' && p[i] != 0)
        i++;
    return i;
}

int ts_decoder_feed(ts_decoder *d, const unsigned char *p, size_t len)
{
    size_t i = 0;
    /* A UTF-8 BOM (EF BB BF) is skipped only at the very start; its bytes
     * may arrive in separate feeds. */
    while (!d->started && i < len) {
        static const unsigned char bom[3] = {0xEF, 0xBB, 0xBF};
        if (p[i] == bom[d->nbom]) {
            d->bom[d->nbom++] = p[i++];
            if (d->nbom == 3) {
                d->started = 1;
                d->nbom = 0;
            }
            continue;
        }
        d->started = 1;
        for (int k = 0; k < d->nbom; k++) {
            int rc = byte_in(d, d->bom[k]);
            if (rc) return rc;
        }
        d->nbom = 0;
    }
    while (i < len) {
        /* Fast path: a run of plain ASCII (no line ending) outside any
         * pending sequence goes into the line in one copy, cut where the
         * line reaches the fragment size exactly as byte_in would cut it. */
        if (d->npend == 0 && !d->after_cr) {
            size_t room = TS_LINE_FRAGMENT - d->line.len;
            size_t end = len - i > room ? i + room : len;
            size_t j = plain_run(p, i, end);
            /* a whole, valid character of several bytes ("’", "é")
             * continues the run: byte_in would append the same bytes
             * after taking them one by one */
            unsigned cp;
            int n;
            while (j < end && p[j] >= 0x80 &&
                   (n = ts_utf8_decode(p + j, end - j, &cp)) > 0)
                j = plain_run(p, j + (size_t)n, end);
            if (j > i) {
                if (ts_buf_append(&d->line, p + i, j - i)) return -1;
                i = j;
                if (d->line.len >= TS_LINE_FRAGMENT) {
                    int rc = emit(d, 0);
                    if (rc) return rc;
                }
                continue;
            }
        }
        int rc = byte_in(d, p[i++]);
        if (rc) return rc;
    }
    return 0;
}

int ts_decoder_finish(ts_decoder *d)
{
    int rc = 0;
    if (!d->started) {
        d->started = 1;
        for (int k = 0; k < d->nbom && rc == 0; k++) rc = byte_in(d, d->bom[k]);
        d->nbom = 0;
    }
    if (rc == 0 && d->npend) {
        d->npend = 0;
        d->need = 0;
        rc = invalid(d);
    }
    if (rc == 0 && d->line.len) rc = emit(d, 1);
    return rc;
}
