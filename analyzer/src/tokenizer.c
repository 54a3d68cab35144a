/* tokenizer.c - words of a sentence (stage 4). */
#include "tokenizer.h"

#include <string.h>

#include "alloc.h"
#include "ascii_class.h"
#include "decoder.h"
#include "swar.h"
#include "ts_uthash.h"

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

/* ASCII bytes by what the tokenizer does with them, so that the common
 * case costs one load per byte; every byte from 0x80 up is 0 here and
 * takes the decoding path.  A letter or digit has exactly one bit. */
enum { BC_LOWER = 1, BC_UPPER = 2, BC_DIGIT = 4, BC_BREAK = 8 };
#define BC_WORD (BC_LOWER | BC_UPPER | BC_DIGIT)
static const unsigned char byte_class[256] = {
    TS_ASCII_ALNUM_CLASSES(BC_LOWER, BC_UPPER, BC_DIGIT),
    [','] = BC_BREAK, [';'] = BC_BREAK,
    [':'] = BC_BREAK, ['('] = BC_BREAK, [')'] = BC_BREAK, ['"'] = BC_BREAK,
    ['.'] = BC_BREAK, ['!'] = BC_BREAK, ['?'] = BC_BREAK,
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

/* A new token at the end of t, its fields left for the caller. */
static ts_token *new_token(ts_tokens *t)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        ts_token *v = ts_realloc(t->v, cap * sizeof *v);
        if (!v) return NULL;
        t->v = v;
        t->cap = cap;
    }
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

int ts_tokenize(ts_tokens *t, const char *p, size_t len)
{
    t->n = 0;
    t->words = 0;
    t->mixed_case = 0;
    ts_buf_clear(&t->folded);
    size_t i = 0;
    unsigned pending = 0; /* flags for the next token */
    while (i < len) {
        int n;
        unsigned cp = cp_at(p, len, i, &n);
        if (is_word_cp(cp)) {
            i = push_word(t, p, len, i, pending);
            if (i == 0) return -1;
            pending = 0;
            continue;
        }
        /* A lone period inside a sentence ends an abbreviation
         * ("U.S. economy", "Dr. Lee"), not a clause; "..." does. */
        int abbrev_dot = cp == '.' && !(i + 1 < len && p[i + 1] == '.') &&
                         !(i > 0 && p[i - 1] == '.');
        if (is_clause_break(cp) && !abbrev_dot) pending |= TS_TOK_BREAK;
        i += (size_t)n;
    }
    return 0;
}

void ts_tokens_free(ts_tokens *t)
{
    ts_free(t->v);
    ts_buf_free(&t->folded);
    memset(t, 0, sizeof *t);
}
