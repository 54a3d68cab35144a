/* fast_deflate.h - a deflate encoder for JSON Lines at memory speed.
 *
 * A report holds about six bytes of JSON per byte of text, and zlib's
 * fastest level reads it at ~150 MB/s a core: five times as long as it
 * takes to score the text.  Yet almost all of a record is the record
 * before it again: the same keys in the same order, often the same
 * values.  So this encoder looks for matches only where JSON starts a
 * member or an element - at each ',' and '{' - against the last place the
 * same 8 and 16 bytes started one, and extends each match as far as the
 * bytes agree.  Everything else (a sentence's text, the digits of a
 * number) goes out as literals.  Every block uses one Huffman code, made
 * for report JSON and built in (report_code.h), so nothing is counted or
 * built while compressing: a report's literals are English letters and
 * digits whatever the article.
 *
 * Any bytes are valid input (the punctuation only decides where matches
 * are looked for; every match is checked byte by byte, and every byte has
 * a code), and the output is plain deflate that any inflater reads.  On a
 * report it runs at about four times the speed of zlib's fastest level,
 * for a file about a fifth larger; on other data it does little. */
#ifndef TS_FAST_DEFLATE_H
#define TS_FAST_DEFLATE_H

#include <stddef.h>
#include <stdint.h>

/* Bits of the two tables of last positions (4096 entries of 4 bytes
 * each: 32 KiB in all, which stays in a core's cache). */
#define TS_FD_HASH_BITS 12

typedef struct ts_fd_tables {
    uint32_t last8[1u << TS_FD_HASH_BITS];   /* by the next 8 bytes */
    uint32_t last16[1u << TS_FD_HASH_BITS];  /* by the next 16 bytes */
    uint32_t base;                           /* see ts_fast_deflate() */
} ts_fd_tables;

/* The most bytes ts_fast_deflate() writes for n bytes of input. */
size_t ts_fast_deflate_bound(size_t n);

/* Compresses src[0..n) into out (ts_fast_deflate_bound(n) bytes) as one
 * deflate block and returns the bytes written.  final: the block
 * ends the stream (its BFINAL bit set, then padded to a byte); otherwise
 * an empty stored block follows it, as zlib's Z_SYNC_FLUSH writes, so the
 * output ends on a byte boundary and the next block can simply follow.
 * Matches stay within src: no dictionary is needed to continue a stream.
 * st: tables kept from call to call, zeroed before the first. */
size_t ts_fast_deflate(ts_fd_tables *st, const unsigned char *src,
                       size_t n, int final, unsigned char *out);

#endif
