/* decoder.h - stage 1: bytes in, valid UTF-8 lines out.
 *
 * Skips a leading BOM, turns every invalid byte sequence into U+FFFD
 * (counting them), and cuts the stream into lines at LF, CRLF or a lone CR.
 * A line longer than TS_LINE_FRAGMENT bytes is passed on in fragments cut
 * at character boundaries, so memory stays bounded whatever the input.
 * Output depends only on the bytes, never on how they were chunked. */
#ifndef TS_DECODER_H
#define TS_DECODER_H

#include <stddef.h>

#include "buf.h"

#define TS_LINE_FRAGMENT 65536

/* Receives a line (or a fragment of one, when complete == 0).  text is
 * valid UTF-8 without the line ending; line is 1-based.  Non-zero return
 * stops decoding and is passed back by feed/finish. */
typedef int (*ts_line_cb)(void *ctx, const char *text, size_t len,
                          unsigned long line, int complete);

typedef struct ts_decoder {
    ts_buf line;              /* current line, already validated */
    unsigned char pend[4];    /* bytes of an incomplete UTF-8 sequence */
    int npend;                /* how many of pend are used */
    int need;                 /* total length of the pending sequence */
    int started;              /* a byte other than a BOM prefix was seen */
    unsigned char bom[3];     /* BOM candidate bytes at the very start */
    int nbom;
    int after_cr;             /* last byte was CR: swallow a following LF */
    unsigned long lineno;     /* line being assembled */
    size_t invalid;           /* replaced sequences */
    ts_line_cb cb;
    void *ctx;
} ts_decoder;

void ts_decoder_init(ts_decoder *d, ts_line_cb cb, void *ctx);
/* Return 0, -1 on ENOMEM, or the callback's non-zero value. */
int ts_decoder_feed(ts_decoder *d, const unsigned char *p, size_t len);
int ts_decoder_finish(ts_decoder *d);
void ts_decoder_reset(ts_decoder *d);
void ts_decoder_free(ts_decoder *d);

/* Length of the valid UTF-8 sequence at p (1-4), or 0 if invalid or
 * incomplete within len; *cp receives the code point. */
int ts_utf8_decode(const unsigned char *p, size_t len, unsigned *cp);
/* Writes cp as UTF-8 into out (4 bytes room); returns the length. */
int ts_utf8_encode(unsigned cp, char *out);

#endif
