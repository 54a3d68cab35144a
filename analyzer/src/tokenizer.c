/* tokenizer.c - words of a sentence (stage 4). */
#include "tokenizer.h"

#include <string.h>

#include "alloc.h"
#include "ascii_class.h"
#include "decoder.h"
#include "swar.h"
#include "ts_uthash.h"

#if defined(TS_SWAR) && defined(__SSE2__)
#include <emmintrin.h>
#define TS_WORD16 1
#endif

/* Letters beyond ASCII: Latin, Greek, Cyrillic and the other alphabets up
 * to U+1FFF, and CJK and later blocks, minus their punctuation ranges. */
static int is_letter_cp(unsigned cp)
{
    if (cp < 0x80) return 0;
    if (cp == 0xD7 || cp == 0xF7) return 0;
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
    if (cp < 0x2000) return 1;
    if (cp < 0x2C00) return 0;              /* punctuation, symbols */
    if (cp >= 0x2E00 && cp < 0x2E80) return 0;
    if (cp >= 0x3000 && cp < 0x3040) return 0;
    if (cp >= 0xFE10 && cp < 0xFE70) return 0;
    if (cp >= 0xFF00 && cp < 0xFF10) return 0;
    if (cp >= 0xFFF0 && cp <= 0xFFFF) return 0;
    return 1;
}

/* Bytes by what the tokenizer does with them, so that the common case
 * costs one load per byte.  A letter or digit has exactly one bit.
 * BC_INNER marks the ASCII bytes that may continue a word (' . ,), and
 * BC_HIGH every byte from 0x80 up, which takes the decoding path; a byte
 * of class 0 is one the tokenizer skips (spaces, hyphens, symbols). */
enum {
    BC_LOWER = 1, BC_UPPER = 2, BC_DIGIT = 4, BC_BREAK = 8, BC_INNER = 16,
    BC_HIGH = 32
};
#define BC_WORD (BC_LOWER | BC_UPPER | BC_DIGIT)
#define BC_HIGH16(x)                                                         \
    [(x)] = BC_HIGH, [(x) + 1] = BC_HIGH, [(x) + 2] = BC_HIGH,               \
    [(x) + 3] = BC_HIGH, [(x) + 4] = BC_HIGH, [(x) + 5] = BC_HIGH,           \
    [(x) + 6] = BC_HIGH, [(x) + 7] = BC_HIGH, [(x) + 8] = BC_HIGH,           \
    [(x) + 9] = BC_HIGH, [(x) + 10] = BC_HIGH, [(x) + 11] = BC_HIGH,         \
    [(x) + 12] = BC_HIGH, [(x) + 13] = BC_HIGH, [(x) + 14] = BC_HIGH,        \
    [(x) + 15] = BC_HIGH
static const unsigned char byte_class[256] = {
    TS_ASCII_ALNUM_CLASSES(BC_LOWER, BC_UPPER, BC_DIGIT),
    [','] = BC_BREAK | BC_INNER, [';'] = BC_BREAK,
    [':'] = BC_BREAK, ['('] = BC_BREAK, [')'] = BC_BREAK, ['"'] = BC_BREAK,
    ['.'] = BC_BREAK | BC_INNER, ['!'] = BC_BREAK, ['?'] = BC_BREAK,
    ['\''] = BC_INNER,
    BC_HIGH16(0x80), BC_HIGH16(0x90), BC_HIGH16(0xA0), BC_HIGH16(0xB0),
    BC_HIGH16(0xC0), BC_HIGH16(0xD0), BC_HIGH16(0xE0), BC_HIGH16(0xF0),
};

static int is_apostrophe(unsigned cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC ||
           cp == 0x2032;
}

static int is_hyphen(unsigned cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* Punctuation that separates clauses: modifiers do not reach across it. */
static int is_clause_break(unsigned cp)
{
    if (cp < 0x80) return (byte_class[cp] & BC_BREAK) != 0;
    return cp == 0x2013 || cp == 0x2014 || cp == 0x201C || cp == 0x201D ||
           cp == 0x2026;
}

static unsigned fold_cp(unsigned cp)
{
    if (cp >= 'A' && cp <= 'Z') return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
    if (cp >= 0x100 && cp <= 0x17F && (cp & 1) == 0 && cp != 0x130 &&
        cp != 0x138)
        return cp + 1; /* most of Latin Extended-A pairs even/odd */
    if (is_apostrophe(cp)) return '\'';
    return cp;
}

static int is_upper_cp(unsigned cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
}

static int is_lower_cp(unsigned cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 0xDF && cp <= 0xFF && cp != 0xF7);
}

static int is_word_cp(unsigned cp)
{
    return cp < 0x80 ? (byte_class[cp] & BC_WORD) != 0 : is_letter_cp(cp);
}

/* Code point at p[i] (invalid bytes cannot occur after the decoder, but a
 * caller may pass anything: they read as U+FFFD, one byte each). */
static inline unsigned cp_at(const char *p, size_t len, size_t i, int *n)
{
    unsigned cp;
    if ((unsigned char)p[i] < 0x80) { /* most text: no decoding needed */
        *n = 1;
        return (unsigned char)p[i];
    }
    int k = ts_utf8_decode((const unsigned char *)p + i, len - i, &cp);
    if (k == 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = k;
    return cp;
}

int ts_fold(ts_buf *out, const char *p, size_t len)
{
    for (size_t i = 0; i < len;) {
        int n;
        unsigned cp = fold_cp(cp_at(p, len, i, &n));
        char enc[4];
        int k = ts_utf8_encode(cp, enc);
        if (ts_buf_append(out, enc, (size_t)k)) return -1;
        i += (size_t)n;
    }
    return 0;
}

/* Doubles the room for tokens.  0 or -1 (ENOMEM). */
static int grow_tokens(ts_tokens *t)
{
    size_t cap = t->cap ? t->cap * 2 : 32;
    ts_token *v = ts_realloc(t->v, cap * sizeof *v);
    if (!v) return -1;
    t->v = v;
    t->cap = cap;
    return 0;
}

/* A new token at the end of t, its fields left for the caller; inline,
 * as it is asked for every word and there usually is room. */
static inline ts_token *new_token(ts_tokens *t)
{
    if (t->n == t->cap && grow_tokens(t)) return NULL;
    return &t->v[t->n];
}

/* Whether the byte run between the previous token and one starting at
 * start is exactly one hyphen ("self-care"). */
static int hyphen_joined(const ts_tokens *t, const char *p, size_t len,
                         size_t start)
{
    if (t->n == 0 || start == 0) return 0;
    const ts_token *prev = &t->v[t->n - 1];
    size_t prev_end = prev->off + prev->len;
    if (prev_end + 1 == start) return p[prev_end] == '-';
    if (prev_end + 3 != start) return 0;
    int m;
    unsigned cp = cp_at(p, len, prev_end, &m);
    return m == 3 && is_hyphen(cp);
}

/* What scan_word() learns about a word. */
typedef struct word_scan {
    size_t fold_len;   /* bytes of the folded form written to dst */
    int ascii;         /* all ASCII: dst holds the folded form */
    int lower;         /* has a lower-case letter */
    int upper;         /* capitals, counted only when it has none */
    size_t block_len;  /* when this is fold_len, the folded form ... */
    uint64_t block;    /* ... is these bytes (little-endian, zeros after) */
} word_scan;

#ifdef TS_SWAR
/* Folds the run of ASCII letters and digits at p[i] into dst[k] while 8
 * bytes can be read; returns how far it got.  dst has 8 bytes of room
 * past the run.  ws->lower is set when a lower-case letter was met; a
 * word that starts and ends in one block is kept whole in ws->block too,
 * for hashing without reading it back (which stalled: the bytes were
 * still on their way to memory). */
static size_t word_blocks(const char *p, size_t len, size_t i, char *dst,
                          size_t *k, word_scan *ws)
{
    while (len - i >= 8) {
        uint64_t x = ts_load8(p + i);
        uint64_t up = ts_bytes_between(x, 'A' - 1, 'Z' + 1);
        uint64_t low = ts_bytes_between(x, 'a' - 1, 'z' + 1);
        uint64_t word = up | low | ts_bytes_between(x, '0' - 1, '9' + 1);
        uint64_t stop = ~word & TS_BYTES_80;
        uint64_t folded = x + (up >> 2); /* capitals gain 0x20 */
        memcpy(dst + *k, &folded, 8);
        if (!stop) {
            ws->lower |= low != 0;
            *k += 8;
            i += 8;
            continue;
        }
        /* the bytes before the first that is not a letter or digit */
        uint64_t before = (stop & (0 - stop)) - 1;
        ws->lower |= (low & before) != 0;
        size_t n = ts_first_byte(stop);
        if (*k == 0) {
            ws->block = folded & (((uint64_t)1 << (8 * n)) - 1);
            ws->block_len = n;
        }
        *k += n;
        return i + n;
    }
    return i;
}
#endif

/* Where the word starting at p[start] ends, following the rules of the
 * header.  Most words are ASCII: their folded form is written to dst
 * (room for len - start + 8) on the way, so that it needs no other pass;
 * ws says whether that was possible, and what the flags need. */
static size_t scan_word(const char *p, size_t len, size_t start, char *dst,
                        word_scan *ws)
{
    int digit_start = p[start] >= '0' && p[start] <= '9';
    size_t i = start, k = 0;
    int up = 0, plain = 1;
    unsigned seen = 0; /* classes of the ASCII letters and digits */
    ws->lower = 0;
    ws->block_len = (size_t)-1;
    ws->block = 0;
    for (;;) {
        unsigned cls;
#ifdef TS_SWAR
        /* eight bytes at a time: the end of a word found by arithmetic,
         * not by a branch per byte that was mispredicted at every end */
        i = word_blocks(p, len, i, dst, &k, ws);
#endif
        while (i < len && ((cls = byte_class[(unsigned char)p[i]]) & BC_WORD)) {
            /* an upper-case letter (BC_UPPER = 2) gains 32 */
            unsigned char f = (unsigned char)(p[i] + ((cls & BC_UPPER) << 4));
            dst[k++] = (char)f;
            seen |= cls;
            i++;
        }
        if (i >= len) break;
        int n;
        unsigned cp = cp_at(p, len, i, &n);
        if (cp >= 0x80 && is_letter_cp(cp)) {
            plain = 0;
            if (is_upper_cp(cp)) up++;
            else if (is_lower_cp(cp)) ws->lower = 1;
            i += (size_t)n;
            continue;
        }
        if (!(is_apostrophe(cp) || cp == '.' || cp == ',')) break;
        /* inside a word only when a word character follows:
         * "don't", "U.S", "3.5", "1,000" (comma between digits) */
        int m;
        if (i + (size_t)n >= len) break;
        unsigned next = cp_at(p, len, i + (size_t)n, &m);
        if (!is_word_cp(next)) break;
        if (cp == ',' && !(digit_start && next >= '0' && next <= '9')) break;
        if (cp == '.' && p[i - 1] == '.') break;
        if (cp >= 0x80) {
            plain = 0;
        } else {
            dst[k++] = (char)cp; /* ' . , fold to themselves */
        }
        i += (size_t)n;
    }
    if (seen & BC_LOWER) ws->lower = 1;
    if (!ws->lower) /* rare: numbers, "I", ALL CAPS */
        for (size_t j = start; j < i; j++) up += p[j] >= 'A' && p[j] <= 'Z';
    ws->fold_len = k;
    ws->ascii = plain;
    ws->upper = up;
    return i;
}

/* Adds the word at p[start]; returns where it ends, or 0 on ENOMEM (a
 * word is never empty, so 0 cannot be a real end). */
static size_t push_word(ts_tokens *t, const char *p, size_t len, size_t start,
                        unsigned flags)
{
    ts_token *tok = new_token(t);
    if (!tok || ts_buf_reserve(&t->folded, len - start + 8)) return 0;
    size_t fold = t->folded.len, fold_len;
    word_scan ws;
    size_t end = scan_word(p, len, start, t->folded.data + fold, &ws);
    unsigned hash;
    fold_len = ws.fold_len;
    if (ws.ascii && ws.block_len == fold_len) {
        /* the common short word, hashed from what scan_word kept */
        t->folded.data[fold + fold_len] = '\0';
        hash = ts_hash_last(ts_hash_start(fold_len), ws.block);
        t->folded.len += fold_len + 1;
    } else if (ws.ascii) {
        /* the NUL, and zeros for ts_hash_padded (there is room) */
        memset(t->folded.data + fold + fold_len, 0, 8);
        hash = ts_hash_padded(t->folded.data + fold, fold_len);
        t->folded.len += fold_len + 1;
    } else {
        /* beyond ASCII: folded the general way */
        if (ts_fold(&t->folded, p + start, end - start)) return 0;
        fold_len = t->folded.len - fold;
        hash = ts_hash_bytes(t->folded.data + fold, fold_len);
        if (ts_buf_putc(&t->folded, '\0')) return 0;
    }
    if (ws.upper >= 2 && !ws.lower) flags |= TS_TOK_CAPS;
    if (ws.lower) {
        flags |= TS_TOK_LOWER;
        t->mixed_case = 1;
    }
    if (p[start] >= '0' && p[start] <= '9') flags |= TS_TOK_NUMBER;
    if (hyphen_joined(t, p, len, start)) flags |= TS_TOK_JOINED;
    tok->off = start;
    tok->len = end - start;
    tok->fold = fold;
    tok->fold_len = fold_len;
    tok->hash = hash;
    tok->flags = flags;
    t->n++;
    if (!(flags & TS_TOK_JOINED)) t->words++;
    return end;
}

#ifdef TS_SWAR
/* The 8 bytes of p from i on; when fewer are left, the last of them
 * followed by zero bytes (which are never part of a word, so the word
 * ends there), read as the last 8 bytes of the text shifted down.  0 when
 * the whole text is shorter than 8 bytes. */
static inline int load_block(const char *p, size_t len, size_t i, uint64_t *x)
{
    size_t left = len - i;
    if (left >= 8) {
        *x = ts_load8(p + i);
        return 1;
    }
    if (left == 0) {
        *x = 0;
        return 1;
    }
    if (len < 8) return 0;
    *x = ts_load8(p + len - 8) >> (8 * (8 - left));
    return 1;
}

/* The case flags of the ASCII word p[start, end): TS_TOK_LOWER (and
 * *mixed set) when it has a lower-case letter, else TS_TOK_CAPS when it
 * has two capitals or more. */
static inline unsigned case_flags(const char *p, size_t start, size_t end,
                                  int lower, int *mixed)
{
    if (lower) {
        *mixed = 1;
        return TS_TOK_LOWER;
    }
    int caps = 0; /* rare: numbers, "I", ALL CAPS */
    for (size_t j = start; j < end && caps < 2; j++)
        caps += p[j] >= 'A' && p[j] <= 'Z';
    return caps >= 2 ? TS_TOK_CAPS : 0;
}

#ifdef TS_WORD16
/* fast_word()'s step for 16 bytes with SSE2, where 16 can be read at
 * p[i]: folds them into dst[k] and returns how many are letters or digits
 * before the first that is not (16 when all are), with *lower set when a
 * lower-case letter is among those.  *first holds the first 16 folded
 * bytes, for the hash of a short word. */
static inline unsigned word16(const char *p, size_t i, char *dst, size_t k,
                              int *lower, __m128i *first)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    /* with 0x20 set, capitals are lower case; bytes from 0x80 up are
     * negative to the signed compares, so in no range */
    __m128i as_lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
    __m128i letters =
        _mm_and_si128(_mm_cmpgt_epi8(as_lower, _mm_set1_epi8('a' - 1)),
                      _mm_cmplt_epi8(as_lower, _mm_set1_epi8('z' + 1)));
    __m128i digits = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
                                   _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
    __m128i capitals = _mm_and_si128(letters, _mm_cmplt_epi8(x, _mm_set1_epi8('a')));
    __m128i folded = _mm_or_si128(x, _mm_and_si128(capitals, _mm_set1_epi8(0x20)));
    _mm_storeu_si128((__m128i *)(void *)(dst + k), folded);
    *first = folded;
    unsigned word = (unsigned)_mm_movemask_epi8(_mm_or_si128(letters, digits));
    unsigned n = (unsigned)__builtin_ctz(~word | 0x10000u);
    unsigned lowers = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(capitals, letters));
    *lower |= (lowers & ((1u << n) - 1)) != 0;
    return n;
}
#endif

/* The common word, all ASCII letters and digits (with ' . , inside it as
 * the rules of scan_word() allow, and ’ ‘ ′ folded to ') and ended by an
 * ASCII byte or a mark of U+2000-2BFF, in one pass: the end found 16
 * bytes (SSE2) or 8 at a time, the folded form (written to dst, with room
 * for len - start + 8) and the case taken from the same arithmetic, and
 * the hash of a short word computed from registers.  Fills tok but for
 * its fold and returns where the word ends, or 0 when it is not such a
 * word (another byte from 0x80 up may continue it, or the text is shorter
 * than 8 bytes): then push_word() takes it.  flags are the pending ones
 * plus TS_TOK_NUMBER and TS_TOK_JOINED; *mixed is set when the word has a
 * lower-case letter. */
static inline size_t fast_word(const char *p, size_t len, size_t start,
                               char *dst, unsigned flags, ts_token *tok,
                               int *mixed)
{
    size_t i = start, k = 0, n, end;
    uint64_t x, letter, shifted, stop, folded, before, lower = 0;
#ifdef TS_WORD16
    /* Most words fit in 16 bytes: found, folded and hashed at once.  The
     * 8-byte steps below take words that do not, and the last bytes. */
    int lower16 = 0;
    if (len - i >= 16) {
        __m128i first;
        n = word16(p, i, dst, 0, &lower16, &first);
        end = i + n;
        /* whether the byte after the letters and digits ends the word, by
         * the rules of the 8-byte steps (which take the other cases) */
        int ends = n < 16;
        if (ends && end < len) {
            unsigned char c = (unsigned char)p[end];
            unsigned cls = byte_class[c];
            if (cls & BC_HIGH) {
                ends = 0;
            } else if ((cls & BC_INNER) && end + 1 < len) {
                unsigned next = byte_class[(unsigned char)p[end + 1]];
                if ((next & BC_HIGH) ||
                    ((next & BC_WORD) &&
                     !(c == ',' && !((flags & TS_TOK_NUMBER) && (next & BC_DIGIT)))))
                    ends = 0;
            }
        }
        if (ends) {
            /* the hash from the registers; the NUL and zeros after it */
            uint64_t lo = (uint64_t)_mm_cvtsi128_si64(first);
            uint64_t hi = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(first, first));
            uint64_t zero = 0;
            memcpy(dst + n, &zero, 8);
            if (n < 8) {
                tok->hash = ts_hash_last(ts_hash_start(n),
                                         lo & (((uint64_t)1 << (8 * n)) - 1));
            } else {
                uint64_t h = ts_hash_block(ts_hash_start(n), lo);
                tok->hash = ts_hash_last(h, hi & (((uint64_t)1 << (8 * (n - 8))) - 1));
            }
            flags |= case_flags(p, start, end, lower16, mixed);
            tok->off = start;
            tok->len = n;
            tok->fold_len = n;
            tok->flags = flags;
            return end;
        }
    }
#endif
    for (;;) {
        if (!load_block(p, len, i, &x)) return 0;
        /* letters of either case in one test: with 0x20 set, capitals
         * are lower case; that bit of x, moved to the top of its byte,
         * then tells the two apart */
        letter = ts_bytes_between(x | (TS_BYTES_01 * 0x20), 'a' - 1, 'z' + 1);
        shifted = x << 2;
        stop = ~(letter | ts_bytes_between(x, '0' - 1, '9' + 1)) & TS_BYTES_80;
        folded = x + ((letter & ~shifted) >> 2); /* capitals gain 0x20 */
        if (!stop) {
            memcpy(dst + k, &folded, 8);
            lower |= letter & shifted;
            k += 8;
            i += 8;
            continue;
        }
        /* the bytes before the first that is not a letter or digit */
        before = ((stop & (0 - stop)) - 1) >> 7;
        lower |= letter & shifted & before;
        n = ts_first_byte(stop);
        end = i + n;
        if (end >= len) break;
        unsigned char c = (unsigned char)p[end];
        unsigned cls = byte_class[c];
        if (cls & BC_HIGH) {
            /* E2 80-AF xx is a mark of U+2000-2BFF (dashes, quotes, ...),
             * never a letter: the word ends before it, or, if it is an
             * apostrophe (’ ‘ ′) with an ASCII letter or digit after it,
             * goes on past it folded to ' ("don’t").  Anything else from
             * 0x80 up, a letter beyond ASCII among it, is the general
             * path's. */
            if (c != 0xE2 || len - end < 3) return 0;
            unsigned char c1 = (unsigned char)p[end + 1];
            unsigned char c2 = (unsigned char)p[end + 2];
            if (c1 < 0x80 || c1 > 0xAF || (c2 & 0xC0) != 0x80) return 0;
            int apostrophe = c1 == 0x80 && (c2 == 0x98 || c2 == 0x99 || c2 == 0xB2);
            if (!apostrophe || len - end == 3) break;
            unsigned next = byte_class[(unsigned char)p[end + 3]];
            if (next & BC_HIGH) return 0;
            if (!(next & BC_WORD)) break;
            memcpy(dst + k, &folded, 8);
            dst[k + n] = '\'';
            k += n + 1;
            i = end + 3;
            continue;
        }
        if (!(cls & BC_INNER) || end + 1 >= len) break;
        /* ' . , stay inside a word when a word character follows:
         * "don't", "U.S", "3.5", "1,000" (comma between digits) */
        unsigned next = byte_class[(unsigned char)p[end + 1]];
        if (next & BC_HIGH) return 0;
        if (!(next & BC_WORD)) break;
        if (c == ',' && !((flags & TS_TOK_NUMBER) && (next & BC_DIGIT))) break;
        /* c folds to itself: keep it and go on after it */
        memcpy(dst + k, &folded, 8);
        k += n + 1;
        i = end + 1;
    }
    folded &= before; /* zeros from the end on: the NUL among them */
    memcpy(dst + k, &folded, 8);
    size_t fold_len = k + n;
    if (k == 0) {
        tok->hash = ts_hash_last(ts_hash_start(n), folded);
    } else {
        /* the NUL and the zeros ts_hash_padded reads (there is room) */
        uint64_t zero = 0;
        memcpy(dst + fold_len, &zero, 8);
        tok->hash = ts_hash_padded(dst, fold_len);
    }
    flags |= case_flags(p, start, end, lower != 0, mixed);
    tok->off = start;
    tok->len = end - start;
    tok->fold_len = fold_len;
    tok->flags = flags;
    return end;
}

/* Whether the token starting at start is hyphen-joined to one that ended
 * at prev_end, as hyphen_joined() says, from the end kept in a local
 * instead of read back from the last token. */
static inline int joins(const char *p, size_t prev_end, size_t start)
{
    if (start == prev_end + 1) return p[prev_end] == '-';
    /* U+2010 and U+2011 */
    return start == prev_end + 3 && (unsigned char)p[prev_end] == 0xE2 &&
           (unsigned char)p[prev_end + 1] == 0x80 &&
           ((unsigned char)p[prev_end + 2] & 0xFE) == 0x90;
}
#endif

int ts_tokenize(ts_tokens *t, const char *p, size_t len)
{
    ts_buf_clear(&t->folded);
    /* Room for every folded form at once: a word's folded form is never
     * longer than the word (folding keeps a character's length or, for
     * apostrophes, shortens it; invalid bytes end words), and its NUL
     * takes the place of the byte that ended it.  8 bytes more for the
     * SWAR stores past the last word.  After each word push_word() adds
     * this is made true again; fast_word() keeps it by the same count. */
    if (len && ts_buf_reserve(&t->folded, len + 8)) return -1;
    /* The counts and pointers live in locals while the loop runs and are
     * written back to t around push_word() and at the end: stores to the
     * tokens could be stores to t as far as the compiler knows, so fields
     * of t were loaded again for every word. */
    size_t n = 0, joined = 0, fold = 0, cap = t->cap; /* words: n - joined */
    ts_token *v = t->v;
    char *fdata = t->folded.data;
    int mixed = 0, ret = 0;
    size_t i = 0;
    size_t last_end = (size_t)-4; /* end of the last token: none yet */
    unsigned pending = 0;         /* flags for the next token */
    while (i < len) {
        unsigned char c = (unsigned char)p[i];
        unsigned cls = byte_class[c];
        if (cls & BC_WORD) {
            if (n == cap) {
                t->n = n;
                if (grow_tokens(t)) {
                    ret = -1;
                    break;
                }
                v = t->v;
                cap = t->cap;
            }
#ifdef TS_SWAR
            /* TS_TOK_NUMBER is BC_DIGIT moved up a bit */
            unsigned flags = pending | (cls & BC_DIGIT) << 1;
            int join = joins(p, last_end, i);
            if (join) flags |= TS_TOK_JOINED;
            /* written in place: a word fast_word() declines leaves a
             * token past the count, overwritten by the next */
            ts_token *tok = &v[n];
            size_t end = fast_word(p, len, i, fdata + fold, flags, tok, &mixed);
            if (end) {
                tok->fold = fold;
                n++;
                fold += tok->fold_len + 1;
                joined += join;
                pending = 0;
                i = last_end = end;
                /* most words end in a space: skip it here */
                if (i < len && byte_class[(unsigned char)p[i]] == 0) i++;
                continue;
            }
#endif
        } else if (!(cls & BC_HIGH)) {
            /* ASCII outside words: spaces and symbols are skipped; a
             * lone period inside a sentence ends an abbreviation ("U.S.
             * economy", "Dr. Lee"), not a clause; "..." does. */
            if ((cls & BC_BREAK) &&
                !(c == '.' && !(i + 1 < len && p[i + 1] == '.') &&
                  !(i > 0 && p[i - 1] == '.')))
                pending |= TS_TOK_BREAK;
            i++;
            continue;
        } else {
            /* from 0x80 up: a letter starts a word; some marks are breaks */
            int k;
            unsigned cp = cp_at(p, len, i, &k);
            if (!is_word_cp(cp)) {
                if (is_clause_break(cp)) pending |= TS_TOK_BREAK;
                i += (size_t)k;
                continue;
            }
        }
        /* any other word, the general way */
        t->n = n;
        t->words = n - joined;
        t->folded.len = fold;
        t->mixed_case = mixed;
        i = last_end = push_word(t, p, len, i, pending);
        if (i == 0 || ts_buf_reserve(&t->folded, len - i + 8)) return -1;
        n = t->n;
        joined = n - t->words;
        fold = t->folded.len;
        mixed = t->mixed_case;
        v = t->v;
        cap = t->cap;
        fdata = t->folded.data;
        pending = 0;
    }
#ifndef TS_SWAR
    /* only the SWAR path reads these */
    (void)last_end;
    (void)fdata;
    (void)v;
#endif
    t->n = n;
    t->words = n - joined;
    t->folded.len = fold;
    t->mixed_case = mixed;
    return ret;
}

void ts_tokens_free(ts_tokens *t)
{
    ts_free(t->v);
    ts_buf_free(&t->folded);
    memset(t, 0, sizeof *t);
}
