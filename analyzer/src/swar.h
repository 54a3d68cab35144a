/* swar.h - tests on the 8 bytes of a 64-bit word at once, for the loops
 * that scan text: one test per 8 bytes instead of a branch per byte.
 *
 * Each returns a mask with the high bit set in the bytes that pass.  Loading with ts_load8() and finding
 * the first such byte with ts_first_byte() assume a little-endian machine:
 * TS_SWAR says whether the fast paths may be used; everything else stays
 * byte by byte. */
#ifndef TS_SWAR_H
#define TS_SWAR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TS_SWAR 1
#endif

#define TS_BYTES_01 0x0101010101010101u
#define TS_BYTES_80 0x8080808080808080u

static inline uint64_t ts_load8(const void *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* Bytes equal to zero: the first one marked is the first zero, but a
 * borrow may mark a byte after it, so use it to find the first match or
 * to learn that there is none. */
static inline uint64_t ts_bytes_zero(uint64_t x)
{
    return (x - TS_BYTES_01) & ~x & TS_BYTES_80;
}

/* Bytes equal to c, with the same caveat. */
static inline uint64_t ts_bytes_eq(uint64_t x, unsigned char c)
{
    return ts_bytes_zero(x ^ (TS_BYTES_01 * c));
}

/* Bytes b with lo < b < hi, for 0 <= lo < hi <= 0x80: exact per byte. */
static inline uint64_t ts_bytes_between(uint64_t x, unsigned lo, unsigned hi)
{
    uint64_t low7 = x & (TS_BYTES_01 * 127);
    return (TS_BYTES_01 * (127 + hi) - low7) & ~x &
           (low7 + TS_BYTES_01 * (127 - lo)) & TS_BYTES_80;
}

#ifdef TS_SWAR
/* Index of the first byte marked in a non-zero mask. */
static inline size_t ts_first_byte(uint64_t mask)
{
    return (size_t)__builtin_ctzll(mask) / 8;
}
#endif

/* Whether the len bytes at a and b are equal, for len > 0, where 8 bytes
 * can be read from each at every multiple of 8 below len (a word followed
 * by its NUL and 7 more bytes, as the tokenizer leaves folded words):
 * whole blocks, then the last 1 to 8 bytes, shifted up so that whatever
 * follows them drops out.  Words average six bytes, so this is usually
 * one compare, where a call to memcmp cost more than the rest of a word's
 * lookup. */
static inline int ts_same_padded(const char *a, const char *b, size_t len)
{
#ifdef TS_SWAR
    size_t k = 0;
    for (; len - k > 8; k += 8)
        if (ts_load8(a + k) != ts_load8(b + k)) return 0;
    /* bits after the last bytes; & 63 keeps len = 0 defined (x86 shifts
     * mask the count so anyway) */
    unsigned after = (unsigned)((k + 8 - len) * 8) & 63;
    return ((ts_load8(a + k) ^ ts_load8(b + k)) << after) == 0;
#else
    return memcmp(a, b, len) == 0;
#endif
}

#endif
