/* fast_deflate.c - deflate for JSON Lines, matching at punctuation only;
 * see fast_deflate.h.  The format is RFC 1951: a block with a Huffman code
 * of its own (BTYPE 10), always the one in report_code.h, bits packed from
 * the least significant end, each Huffman code sent from its most
 * significant bit (hence the reversed codes in the tables). */
#include "fast_deflate.h"

#include <pthread.h>
#include <string.h>

#include "report_code.h"
#include "swar.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define WINDOW 32768u     /* deflate's farthest match */
#define MIN_MATCH 4       /* a 3-byte match can cost more bits than it saves */
#define MAX_MATCH 258     /* the longest a length code can say */
#define LOOKAHEAD 16      /* bytes a candidate reads to hash */
/* Matches are looked for in the first GiB of a call's data (positions fit
 * the tables' 32 bits); any more goes out as literals. */
#define MATCH_REACH ((size_t)1 << 30)

/* ----------------------------------------------------------- the codes */

/* Bits of one symbol's code, ready to be or'ed in: the code reversed,
 * any extra bits above it; and how many bits that is. */
typedef struct code {
    uint32_t bits;
    uint32_t n;
} code;

static const unsigned short length_base[29] = {
    3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
    31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const unsigned char length_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
                                               1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                               4, 4, 4, 4, 5, 5, 5, 5, 0};
static const unsigned short dist_base[30] = {
    1,    2,    3,    4,    5,    7,     9,     13,    17,  25,
    33,   49,   65,   97,   129,  193,   257,   385,   513, 769,
    1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const unsigned char dist_extra[30] = {0, 0, 0, 0, 1, 1, 2,  2,  3,  3,
                                             4, 4, 5, 5, 6, 6, 7,  7,  8,  8,
                                             9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

static uint32_t reverse(uint32_t c, unsigned n)
{
    uint32_t r = 0;
    for (unsigned i = 0; i < n; i++, c >>= 1) r = (r << 1) | (c & 1);
    return r;
}

/* Canonical codes from their lengths (RFC 1951 3.2.2), reversed. */
static void canonical(const unsigned char *bits, size_t n, code *out)
{
    unsigned count[16] = {0}, next[16] = {0};
    for (size_t i = 0; i < n; i++) count[bits[i]]++;
    count[0] = 0;
    unsigned c = 0;
    for (unsigned b = 1; b < 16; b++) {
        c = (c + count[b - 1]) << 1;
        next[b] = c;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = (code){reverse(next[bits[i]]++, bits[i]), bits[i]};
}

/* The tables below are the same for every call: built once, under
 * pthread_once since several threads compress at a time.  A literal's
 * code and length are one word (code | bits << 16): one load per byte in
 * the loop that sends most of a report's bits. */
static uint32_t literal_code[256];
/* Two literals' codes one after the other, by the first byte | the second
 * << 8: code | bits << 24.  A report's literals are mostly runs (sentence
 * text, numbers, words), and halving the loads and shifts that each depend
 * on the one before took the encoder from 0.67 to 0.61 s on the bench's
 * 634 MB of report JSON.  256 KiB, but the pairs of English text and JSON
 * are few enough to stay in the cache. */
_Static_assert(2 * RC_MAX_BITS <= 24, "a pair of codes fits below bit 24");
static uint32_t pair_code[65536];
static code end_code;                      /* symbol 256 */
static code length_code[MAX_MATCH + 1];    /* by length, 3-258 */
static code dist_code[30];                 /* by distance code, no extra */
static unsigned char dist_small[512];      /* distance code by d - 1 < 512 */
static unsigned char dist_large[128];      /* by (d - 1) >> 8 for the rest */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static unsigned char dist_code_of(unsigned d)
{
    unsigned k = 29;
    while (dist_base[k] > d) k--;
    return (unsigned char)k;
}

static void build_tables(void)
{
    code litlen[286], dist[30];
    canonical(rc_litlen_bits, 286, litlen);
    canonical(rc_dist_bits, 30, dist);
    for (unsigned b = 0; b < 256; b++)
        literal_code[b] = litlen[b].bits | litlen[b].n << 16;
    end_code = litlen[256];
    for (unsigned a = 0; a < 256; a++)
        for (unsigned b = 0; b < 256; b++)
            pair_code[a | b << 8] =
                (litlen[a].bits | litlen[b].bits << litlen[a].n) |
                (litlen[a].n + litlen[b].n) << 24;
    for (unsigned len = 3; len <= MAX_MATCH; len++) {
        unsigned k = 28;
        while (length_base[k] > len) k--;
        code sym = litlen[257 + k];
        length_code[len] = (code){sym.bits | (len - length_base[k]) << sym.n,
                                  sym.n + length_extra[k]};
    }
    for (unsigned k = 0; k < 30; k++)
        dist_code[k] = (code){dist[k].bits, dist[k].n + dist_extra[k]};
    /* Distances 1-512 each have an entry; above, every code spans a
     * multiple of 256 distances starting at 256 k + 1, so (d - 1) >> 8
     * picks it. */
    for (unsigned d = 1; d <= 512; d++) dist_small[d - 1] = dist_code_of(d);
    for (unsigned k = 2; k < 128; k++) dist_large[k] = dist_code_of(k * 256 + 1);
}

/* --------------------------------------------------------- bit output */

typedef struct bits_out {
    unsigned char *p;
    uint64_t acc;     /* bits not yet stored, from the low end */
    unsigned n;       /* how many; below 8 after each flush */
} bits_out;

static inline void put(bits_out *o, uint32_t bits, unsigned n)
{
    o->acc |= (uint64_t)bits << o->n;
    o->n += n;
}

/* Stores the whole bytes gathered (the accumulator never holds 64 bits:
 * every caller puts at most 56 between flushes).  Writes 8 bytes
 * whatever, so the output needs 8 bytes of room past its end (the bound
 * includes them). */
static inline void flush(bits_out *o)
{
#ifdef TS_SWAR
    memcpy(o->p, &o->acc, 8);   /* little-endian: the low bits first */
#else
    for (int i = 0; i < 8; i++) o->p[i] = (unsigned char)(o->acc >> (8 * i));
#endif
    o->p += o->n >> 3;
    o->acc >>= o->n & ~7u;
    o->n &= 7;
}

/* Literals, four at a time between flushes, as two pairs (RC_MAX_BITS,
 * 12, at most each: the accumulator holds 7 left over plus 48). */
static inline void put_literal(bits_out *o, unsigned char c)
{
    put(o, literal_code[c] & 0xffff, literal_code[c] >> 16);
}

static void put_literals(bits_out *o, const unsigned char *s, size_t n)
{
    while (n >= 4) {
        uint32_t first = pair_code[s[0] | s[1] << 8];
        uint32_t second = pair_code[s[2] | s[3] << 8];
        put(o, first & 0xffffff, first >> 24);
        put(o, second & 0xffffff, second >> 24);
        flush(o);
        s += 4;
        n -= 4;
    }
    for (size_t i = 0; i < n; i++) put_literal(o, s[i]);
    flush(o);
}

/* The block header: BFINAL, BTYPE 10, then the code's description. */
static void put_header(bits_out *o, int final)
{
    put(o, final ? 1u : 0u, 1);
    put(o, 2, 2);
    unsigned whole = RC_HEADER_BITS / 8;
    for (unsigned i = 0; i < whole; i++) {
        put(o, rc_header[i], 8);
        if (i % 6 == 5) flush(o);
    }
    if (RC_HEADER_BITS % 8)
        put(o, rc_header[whole] & ((1u << RC_HEADER_BITS % 8) - 1), RC_HEADER_BITS % 8);
    flush(o);
}

/* One match of 3-258 bytes at distance d (42 bits at most: two codes of
 * 12 bits, 5 and 13 extra). */
static void put_match(bits_out *o, unsigned len, unsigned d)
{
    code l = length_code[len];
    put(o, l.bits, l.n);
    unsigned k = d - 1;
    unsigned no = k < 512 ? dist_small[k] : dist_large[k >> 8];
    put(o, dist_code[no].bits | (d - dist_base[no]) << rc_dist_bits[no],
        dist_code[no].n);
    flush(o);
}

/* ----------------------------------------------------- finding matches */

/* Bytes a and b agree for, up to max (a before b; both inside one buffer). */
static size_t agree(const unsigned char *a, const unsigned char *b, size_t max)
{
    size_t k = 0;
#ifdef TS_SWAR
    for (; k + 8 <= max; k += 8) {
        uint64_t x = ts_load8(a + k) ^ ts_load8(b + k);
        if (x) return k + (size_t)__builtin_ctzll(x) / 8;
    }
#endif
    while (k < max && a[k] == b[k]) k++;
    return k;
}

/* The next ',' or '{' at or after i, or `end` if none before it. */
static size_t next_punct(const unsigned char *s, size_t i, size_t end)
{
#ifdef __SSE2__
    const __m128i comma = _mm_set1_epi8(','), brace = _mm_set1_epi8('{');
    for (; i + 16 <= end; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, brace)));
        if (m) return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; i < end; i++)
        if (s[i] == ',' || s[i] == '{') return i;
    return end;
}

static inline uint64_t load64(const unsigned char *p)
{
#ifdef TS_SWAR
    return ts_load8(p);
#else
    uint64_t x = 0;
    for (int i = 7; i >= 0; i--) x = x << 8 | p[i];
    return x;
#endif
}

static inline uint32_t hash(uint64_t x)
{
    return (uint32_t)((x * 0x9e3779b97f4a7c15u) >> (64 - TS_FD_HASH_BITS));
}

size_t ts_fast_deflate_bound(size_t n)
{
    /* 12 bits a literal at most, the block's header and end, the empty
     * stored block (3 bits, padding, 4 bytes), and the 8 bytes flush() may
     * write past the end. */
    return n + n / 2 + (RC_HEADER_BITS + 3 + RC_MAX_BITS) / 8 + 1 + 5 + 8;
}

size_t ts_fast_deflate(ts_fd_tables *st, const unsigned char *src,
                       size_t n, int final, unsigned char *out)
{
    pthread_once(&tables_once, build_tables);
    /* Positions are stored as base + i + 1, base rising past each call's
     * data and a window more, so that whatever an earlier call left is
     * out of reach without clearing 32 KiB for every block. */
    size_t reach = n < MATCH_REACH ? n : MATCH_REACH;
    if ((uint64_t)st->base + reach + WINDOW + 1 > UINT32_MAX)
        memset(st, 0, sizeof *st);
    const uint32_t base = st->base;
    st->base += (uint32_t)reach + WINDOW + 1;
    bits_out o = {out, 0, 0};
    put_header(&o, final);

    size_t lit = 0;                /* literals pending from here */
    size_t i = 0;
    size_t stop = reach >= LOOKAHEAD ? reach - LOOKAHEAD + 1 : 0;
    while ((i = next_punct(src, i, stop)) < stop) {
        uint64_t a = load64(src + i), b = load64(src + i + 8);
        uint32_t h8 = hash(a), h16 = hash(a ^ (b * 0xc2b2ae3d27d4eb4fu + 1));
        uint32_t c16 = st->last16[h16], c8 = st->last8[h8];
        st->last16[h16] = st->last8[h8] = base + (uint32_t)i + 1;
        size_t best = 0, from = 0;
        if (c16 > base && i - (c16 - base - 1) <= WINDOW) {
            from = c16 - base - 1;
            best = agree(src + from, src + i, n - i);
        }
        if (best < LOOKAHEAD && c8 != c16 && c8 > base &&
            i - (c8 - base - 1) <= WINDOW) {
            size_t at = c8 - base - 1;
            size_t len = agree(src + at, src + i, n - i);
            if (len > best) {
                best = len;
                from = at;
            }
        }
        if (best < MIN_MATCH) {
            i++;
            continue;
        }
        put_literals(&o, src + lit, i - lit);
        unsigned d = (unsigned)(i - from);
        size_t left = best;
        while (left > MAX_MATCH) {
            /* keep the last piece at 3 bytes or more */
            unsigned len = left - MAX_MATCH < 3 ? (unsigned)(left - 3) : MAX_MATCH;
            put_match(&o, len, d);
            left -= len;
        }
        put_match(&o, (unsigned)left, d);
        i += best;
        lit = i;
    }
    put_literals(&o, src + lit, n - lit);
    put(&o, end_code.bits, end_code.n);
    if (!final) {
        put(&o, 0, 3);             /* empty stored block: BFINAL 0, BTYPE 00 */
        flush(&o);
        if (o.n) put(&o, 0, 8 - o.n);
        put(&o, 0xffff0000u, 32);  /* LEN 0, NLEN 0xffff */
    } else if (o.n & 7) {
        put(&o, 0, 8 - (o.n & 7));
    }
    flush(&o);
    return (size_t)(o.p - out);
}
