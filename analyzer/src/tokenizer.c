/* tokenizer.c - words of a sentence (stage 4). */
#include "tokenizer.h"

#include <string.h>

#include "alloc.h"
#include "decoder.h"

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

/* ASCII letters and digits by kind, for the tokenizer's fast path. */
enum { ASCII_OTHER = 0, ASCII_LOWER, ASCII_UPPER, ASCII_DIGIT };
static const unsigned char ascii_class[128] = {
    ['0'] = ASCII_DIGIT, ['1'] = ASCII_DIGIT, ['2'] = ASCII_DIGIT,
    ['3'] = ASCII_DIGIT, ['4'] = ASCII_DIGIT, ['5'] = ASCII_DIGIT,
    ['6'] = ASCII_DIGIT, ['7'] = ASCII_DIGIT, ['8'] = ASCII_DIGIT,
    ['9'] = ASCII_DIGIT,
    ['a'] = ASCII_LOWER, ['b'] = ASCII_LOWER, ['c'] = ASCII_LOWER,
    ['d'] = ASCII_LOWER, ['e'] = ASCII_LOWER, ['f'] = ASCII_LOWER,
    ['g'] = ASCII_LOWER, ['h'] = ASCII_LOWER, ['i'] = ASCII_LOWER,
    ['j'] = ASCII_LOWER, ['k'] = ASCII_LOWER, ['l'] = ASCII_LOWER,
    ['m'] = ASCII_LOWER, ['n'] = ASCII_LOWER, ['o'] = ASCII_LOWER,
    ['p'] = ASCII_LOWER, ['q'] = ASCII_LOWER, ['r'] = ASCII_LOWER,
    ['s'] = ASCII_LOWER, ['t'] = ASCII_LOWER, ['u'] = ASCII_LOWER,
    ['v'] = ASCII_LOWER, ['w'] = ASCII_LOWER, ['x'] = ASCII_LOWER,
    ['y'] = ASCII_LOWER, ['z'] = ASCII_LOWER,
    ['A'] = ASCII_UPPER, ['B'] = ASCII_UPPER, ['C'] = ASCII_UPPER,
    ['D'] = ASCII_UPPER, ['E'] = ASCII_UPPER, ['F'] = ASCII_UPPER,
    ['G'] = ASCII_UPPER, ['H'] = ASCII_UPPER, ['I'] = ASCII_UPPER,
    ['J'] = ASCII_UPPER, ['K'] = ASCII_UPPER, ['L'] = ASCII_UPPER,
    ['M'] = ASCII_UPPER, ['N'] = ASCII_UPPER, ['O'] = ASCII_UPPER,
    ['P'] = ASCII_UPPER, ['Q'] = ASCII_UPPER, ['R'] = ASCII_UPPER,
    ['S'] = ASCII_UPPER, ['T'] = ASCII_UPPER, ['U'] = ASCII_UPPER,
    ['V'] = ASCII_UPPER, ['W'] = ASCII_UPPER, ['X'] = ASCII_UPPER,
    ['Y'] = ASCII_UPPER, ['Z'] = ASCII_UPPER,
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
    return cp == ',' || cp == ';' || cp == ':' || cp == 0x2013 ||
           cp == 0x2014 || cp == '(' || cp == ')' || cp == '"' ||
           cp == 0x201C || cp == 0x201D || cp == '.' || cp == '!' ||
           cp == '?' || cp == 0x2026;
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
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
           (cp >= '0' && cp <= '9') || is_letter_cp(cp);
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

static int push(ts_tokens *t, const char *p, size_t start, size_t end,
                unsigned flags, int ascii)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        ts_token *v = ts_realloc(t->v, cap * sizeof *v);
        if (!v) return -1;
        t->v = v;
        t->cap = cap;
    }
    ts_token *tok = &t->v[t->n];
    tok->off = start;
    tok->len = end - start;
    tok->fold = t->folded.len;
    if (ascii) {
        /* the common case, folded in place without decoding */
        size_t n = end - start;
        if (ts_buf_reserve(&t->folded, n + 1)) return -1;
        char *dst = t->folded.data + t->folded.len;
        for (size_t k = 0; k < n; k++) {
            char c = p[start + k];
            dst[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        dst[n] = '\0';
        t->folded.len += n + 1;
        tok->fold_len = n;
    } else {
        if (ts_fold(&t->folded, p + start, end - start)) return -1;
        tok->fold_len = t->folded.len - tok->fold;
        if (ts_buf_putc(&t->folded, '\0')) return -1;
    }
    tok->flags = flags;
    t->n++;
    if (!(flags & TS_TOK_JOINED)) t->words++;
    return 0;
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
        if (!is_word_cp(cp)) {
            /* A lone period inside a sentence ends an abbreviation
             * ("U.S. economy", "Dr. Lee"), not a clause; "..." does. */
            int abbrev_dot = cp == '.' && !(i + 1 < len && p[i + 1] == '.') &&
                             !(i > 0 && p[i - 1] == '.');
            if (is_clause_break(cp) && !abbrev_dot) pending |= TS_TOK_BREAK;
            i += (size_t)n;
            continue;
        }
        size_t start = i;
        int upper = 0, lower = 0, digit_start = cp >= '0' && cp <= '9';
        int ascii = 1;
        size_t end = i;
        for (;;) {
            /* the run of ASCII letters and digits that makes most words */
            while (cp < 0x80 && ascii_class[cp]) {
                upper += ascii_class[cp] == ASCII_UPPER;
                lower += ascii_class[cp] == ASCII_LOWER;
                end = ++i;
                if (i >= len) break;
                cp = (unsigned char)p[i];
                n = 1;
                if (cp >= 0x80) cp = cp_at(p, len, i, &n);
            }
            if (i >= len) break;
            if (cp >= 0x80) ascii = 0;
            if (is_word_cp(cp)) {
                if (is_upper_cp(cp)) upper++;
                else if (is_lower_cp(cp)) lower++;
                i += (size_t)n;
                end = i;
            } else if (is_apostrophe(cp) || cp == '.' || cp == ',') {
                /* inside a word only when a word character follows:
                 * "don't", "U.S", "3.5", "1,000" (comma between digits) */
                int m;
                if (i + (size_t)n >= len) break;
                unsigned next = cp_at(p, len, i + (size_t)n, &m);
                if (!is_word_cp(next)) break;
                if (cp == ',' && !(digit_start && next >= '0' && next <= '9'))
                    break;
                if (cp == '.' && p[i - 1] == '.') break;
                i += (size_t)n;
            } else {
                break;
            }
            if (i >= len) break;
            cp = cp_at(p, len, i, &n);
        }
        unsigned flags = pending;
        pending = 0;
        if (upper >= 2 && lower == 0) flags |= TS_TOK_CAPS;
        if (lower) {
            flags |= TS_TOK_LOWER;
            t->mixed_case = 1;
        }
        if (digit_start) flags |= TS_TOK_NUMBER;
        if (t->n > 0 && start > 0) {
            int m;
            /* joined when the byte run between the previous token and this
             * one is exactly one hyphen */
            size_t prev_end = t->v[t->n - 1].off + t->v[t->n - 1].len;
            if (prev_end < start && is_hyphen(cp_at(p, len, prev_end, &m)) &&
                prev_end + (size_t)m == start)
                flags |= TS_TOK_JOINED;
        }
        if (push(t, p, start, end, flags, ascii)) return -1;
    }
    return 0;
}

void ts_tokens_free(ts_tokens *t)
{
    ts_free(t->v);
    ts_buf_free(&t->folded);
    memset(t, 0, sizeof *t);
}
