/* segmenter.c - sentence boundaries (stage 3).
 *
 * A rule-based splitter in the spirit of the "golden rules" test sets: a
 * sentence ends at . ! ? or an ellipsis, followed by optional closing
 * quotes and brackets, whitespace, and a word that can start a sentence.
 * Most of the work is saying when a period does NOT end one: titles
 * ("Dr."), references ("No. 5", "pp. 12"), initials ("J. R. R."),
 * dotted acronyms ("U.S.", "a.m."), decimals, URLs and file names. */
#include "segmenter.h"

#include <assert.h>
#include <string.h>

#include "alloc.h"
#include "ascii_class.h"
#include "swar.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct anchor {
    size_t off;               /* offset in buf (not before head) */
    unsigned long line;       /* input line of buf[off] */
};

struct ts_segmenter {
    ts_buf buf;               /* paragraph text not yet split */
    size_t head;              /* bytes of buf already handed over: they
                                 are dropped once per drain, not per
                                 sentence, which moved the rest each time */
    ts_buf anchors;           /* struct anchor[]: where input lines start */
    size_t first_anchor;      /* anchors before this one are spent: they
                                 go at the next compact, as the bytes do,
                                 so a sentence costs only its own lines */
    ts_buf out;               /* the sentence being handed over */
    size_t cap;               /* sentence length cap in bytes */
    ts_sentence_cb cb;
    void *ctx;
};

#ifndef NDEBUG
static int table_matches_lists(void);
#endif

ts_segmenter *ts_segmenter_new(size_t cap, ts_sentence_cb cb, void *ctx)
{
    assert(table_matches_lists());
    ts_segmenter *s = ts_calloc(1, sizeof *s);
    if (!s) return NULL;
    s->cap = cap < 64 ? 64 : cap;
    s->cb = cb;
    s->ctx = ctx;
    return s;
}

void ts_segmenter_reset(ts_segmenter *s)
{
    s->head = 0;
    s->first_anchor = 0;
    ts_buf_clear(&s->buf);
    ts_buf_clear(&s->anchors);
}

void ts_segmenter_free(ts_segmenter *s)
{
    if (!s) return;
    ts_buf_free(&s->buf);
    ts_buf_free(&s->anchors);
    ts_buf_free(&s->out);
    ts_free(s);
}

/* ------------------------------------------------------------- the rules */

static inline int is_space(const char *p, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)p[i];
    if (c > ' ' && c < 0x80) return 0; /* most bytes: one test */
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
        c == '\v') {
        *n = 1;
        return 1;
    }
    if (c == 0xC2 && i + 1 < len && (unsigned char)p[i + 1] == 0xA0) {
        *n = 2; /* no-break space */
        return 1;
    }
    if (c == 0xE2 && i + 2 < len && (unsigned char)p[i + 1] == 0x80 &&
        (((unsigned char)p[i + 2] >= 0x80 && (unsigned char)p[i + 2] <= 0x8A) ||
         (unsigned char)p[i + 2] == 0xAF)) {
        *n = 3; /* U+2000-200A, U+202F */
        return 1;
    }
    return 0;
}

/* A cheap first look for a list marker at p[i]: a letter not followed by
 * another letter, or one to three digits followed by '.' or ')'.  Whether
 * it really is one is for marker_at; this only spares it most words.  Near
 * the end of the text it says yes, so the caller asks for more input. */
static int maybe_marker(const char *p, size_t len, size_t i)
{
    size_t j = i;
    if (p[i] >= 'a' && p[i] <= 'z') {
        j = i + 1;
    } else {
        while (j < len && j - i < 4 && p[j] >= '0' && p[j] <= '9') j++;
    }
    if (j >= len || len - i < 16) return 1;
    return p[j] == '.' || p[j] == ')';
}

/* Closing quotes and brackets that belong to the sentence before them. */
static size_t closer_len(const char *p, size_t len, size_t i)
{
    unsigned char c = (unsigned char)p[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') return 1;
    if (c == 0xE2 && i + 2 < len && (unsigned char)p[i + 1] == 0x80 &&
        ((unsigned char)p[i + 2] == 0x9D || (unsigned char)p[i + 2] == 0x99))
        return 3; /* ” ’ */
    if (c == 0xC2 && i + 1 < len && (unsigned char)p[i + 1] == 0xBB)
        return 2; /* » */
    return 0;
}

static int is_ellipsis(const char *p, size_t len, size_t i)
{
    return i + 2 < len && (unsigned char)p[i] == 0xE2 &&
           (unsigned char)p[i + 1] == 0x80 && (unsigned char)p[i + 2] == 0xA6;
}

static int lower_start(const char *p, size_t len, size_t i)
{
    unsigned char c = (unsigned char)p[i];
    if (ts_islower(c)) return 1;
    /* Latin-1 lowercase letters (C3 9F-BF) */
    return c == 0xC3 && i + 1 < len && (unsigned char)p[i + 1] >= 0x9F &&
           (unsigned char)p[i + 1] != 0xB7;
}

/* The word lists below are the source of the table in segmenter_words.h
 * (analyzer/tools/gen_listed_words.py writes it): a lookup there is one
 * hash and one comparison, where a binary search took a branch per step
 * that went either way.  Debug builds check that table and lists agree. */
#ifndef NDEBUG
/* Abbreviations after which a sentence never ends: titles and words that
 * always lead into what follows. */
static const char *const never_final[] = {
    "a.k.a", "adm", "aka", "approx", "ave", "blvd", "ca", "capt", "cf",
    "cmdr", "col", "dept", "dr", "e.g", "eg", "fr", "ft", "gen", "gov", "hon",
    "hwy", "i.e", "ie", "lt", "maj", "messrs", "mlle", "mme", "mr", "mrs",
    "ms", "mt", "mx", "pres", "prof", "rd", "rep", "rev", "sen", "sgt", "st",
    "supt", "univ", "viz", "vs",
    NULL};

/* Abbreviations that stand before a number: "No. 5", "pp. 12". */
static const char *const before_number[] = {
    "apr", "art", "aug", "ch", "chap", "dec", "ed", "eq", "feb", "fig",
    "figs", "jan", "jul", "jun", "mar", "no", "no.", "nos", "nov", "nr", "n\xc2\xb0",
    "oct", "op", "p", "par", "pp", "pt", "ref", "sec", "sep", "sept", "tab",
    "v", "vol", "vols",
    NULL};

/* Abbreviations that may end a sentence ("... and Co. The firm ..."):
 * they end one only before a word that usually starts a sentence. */
static const char *const maybe_final[] = {
    "al", "apr", "aug", "ave", "b.a", "bros", "co", "corp", "dec", "esq",
    "etc", "feb", "ft", "hrs", "in", "inc", "jan", "jr", "jul", "jun", "lbs",
    "llc", "ltd", "m.a", "m.d", "mar", "min", "mins", "nov", "oct", "oz",
    "ph.d", "plc", "sec", "sep", "sept", "sr", "yrs",
    NULL};

/* Words that commonly open a sentence, for the ambiguous cases above. */
static const char *const openers[] = {
    "a", "after", "all", "also", "although", "am", "an", "and", "another",
    "are", "as", "at", "because", "before", "both", "but", "by", "can",
    "could", "did", "do", "does", "during", "each", "every", "everyone",
    "finally", "first", "for", "from", "had", "has", "have", "he", "her",
    "here", "his", "how", "however", "i", "if", "in", "is", "it", "its",
    "last", "later", "let", "many", "may", "meanwhile", "might", "most",
    "must", "my", "next", "no", "nobody", "not", "nothing", "now", "on",
    "once", "one", "other", "our", "please", "shall", "she", "should",
    "since", "so", "some", "someone", "still", "such", "thanks", "that",
    "the", "their", "then", "there", "these", "they", "this", "those",
    "though", "to", "today", "tomorrow", "was", "we", "were", "what", "when",
    "where", "while", "who", "why", "will", "with", "would", "yes",
    "yesterday", "you", "your",
    NULL};

#endif

/* Which of the lists above hold a word. */
enum {
    LW_NEVER_FINAL = 1,
    LW_BEFORE_NUMBER = 2,
    LW_MAYBE_FINAL = 4,
    LW_OPENER = 8
};

/* A listed word as its bytes, zero-padded to 16, in two little-endian
 * integers, and the lists that hold it. */
struct listed_word {
    uint64_t k0, k1;
    unsigned char lists;
};

#include "segmenter_words.h"

/* Bytes w[at, at + 8) as a little-endian integer, only the first `keep`
 * of them (at most 8): one load and a mask, no test per byte. */
static uint64_t word_bytes(const char *w, size_t at, size_t keep)
{
    uint64_t k = ts_load8(w + at);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    k = __builtin_bswap64(k);
#endif
    /* two shifts of at most 32 each: keep = 8 shifts out every bit */
    unsigned half = (unsigned)keep * 4;
    return k & ~(~(uint64_t)0 << half << half);
}

/* The LW_ lists holding w[0, n), 0 if none.  w must be readable for 16
 * bytes.  Branch-free but for the length: the slot's entry is read and
 * its lists kept only if its keys are this word's. */
static unsigned listed_in(const char *w, size_t n)
{
    if (n > 16) return 0;
    uint64_t k0 = word_bytes(w, 0, n < 8 ? n : 8);
    uint64_t k1 = word_bytes(w, 8, n > 8 ? n - 8 : 0);
    uint64_t h = ((k0 + k1 * LW_M1) * LW_M2) >> (64 - LW_SLOT_BITS);
    const struct listed_word *e = &listed_words[listed_slot[h]];
    unsigned same = (e->k0 == k0) & (e->k1 == k1);
    return e->lists & (0u - same);
}

#ifndef NDEBUG
/* Whether every word of list is found in the table as one of it. */
static int all_listed(const char *const *list, unsigned which, size_t *count)
{
    char w[16 + 1];
    for (size_t i = 0; list[i]; i++, (*count)++) {
        size_t n = strlen(list[i]);
        if (n > 16) return 0;
        memset(w, 0, sizeof w);
        memcpy(w, list[i], n);
        if (!(listed_in(w, n) & which)) return 0;
    }
    return 1;
}

/* Whether the table holds the lists' words and no others. */
static int table_matches_lists(void)
{
    size_t count = 0, table = 0;
    if (!all_listed(never_final, LW_NEVER_FINAL, &count) ||
        !all_listed(before_number, LW_BEFORE_NUMBER, &count) ||
        !all_listed(maybe_final, LW_MAYBE_FINAL, &count) ||
        !all_listed(openers, LW_OPENER, &count))
        return 0;
    for (size_t i = 0; i < sizeof listed_words / sizeof *listed_words; i++)
        for (unsigned l = listed_words[i].lists; l; l &= l - 1) table++;
    return table == count;
}
#endif

/* Copies the word starting at p[i] (letters only), lowercased. */
static size_t next_word(const char *p, size_t len, size_t i, char *w,
                        size_t size)
{
    size_t n = 0;
    while (i < len && n + 1 < size && ts_isalpha((unsigned char)p[i]))
        w[n++] = (char)ts_tolower((unsigned char)p[i++]);
    w[n] = '\0';
    return n;
}

/* ------------------------------------------------------- inline lists */

/* A list marker inside running text: "3.", "3.)", "3)" or "c." / "c)"
 * (lowercase letters only, so initials such as "A. B. Smith" are not
 * markers), preceded by the start of the text, whitespace or a bullet and
 * followed by whitespace and a capital (or a quote or non-ASCII letter).  Returns the marker's length and sets *value
 * (numbers as themselves, letters as 1 for "a") and *letter; 0 if none. */
static size_t marker_at(const char *p, size_t len, size_t i, unsigned *value,
                        int *letter)
{
    size_t j = i;
    unsigned v = 0;
    if (i < len && p[i] >= 'a' && p[i] <= 'z' &&
        !(i + 1 < len && ts_isalpha((unsigned char)p[i + 1]))) {
        v = (unsigned)(p[i] - 'a' + 1);
        j = i + 1;
        *letter = 1;
    } else {
        while (j < len && j - i < 3 && ts_isdigit((unsigned char)p[j]))
            v = v * 10 + (unsigned)(p[j++] - '0');
        if (j == i || (j < len && ts_isdigit((unsigned char)p[j]))) return 0;
        *letter = 0;
    }
    if (j >= len || (p[j] != '.' && p[j] != ')')) return 0;
    if (p[j] == '.' && j + 1 < len && p[j + 1] == ')') j++;
    j++;
    if (j >= len || !(p[j] == ' ' || p[j] == '\t' || p[j] == '\n')) return 0;
    /* an item starts like a sentence: "a. The first", not "a) or b)" */
    size_t k = j;
    while (k < len && (p[k] == ' ' || p[k] == '\t' || p[k] == '\n')) k++;
    if (k >= len || !(ts_isupper((unsigned char)p[k]) || (unsigned char)p[k] >= 0x80 ||
                      p[k] == '"' || p[k] == '\''))
        return 0;
    if (i > 0) {
        unsigned char b = (unsigned char)p[i - 1];
        int bullet = i >= 3 && (unsigned char)p[i - 3] == 0xE2 &&
                     (unsigned char)p[i - 2] == 0x80 &&
                     (b == 0xA2 || b == 0xA3); /* • ‣ */
        int hyphen_bullet = i >= 3 && (unsigned char)p[i - 3] == 0xE2 &&
                            (unsigned char)p[i - 2] == 0x81 && b == 0x83; /* ⁃ */
        if (!(b == ' ' || b == '\t' || b == '\n' || bullet || hyphen_bullet))
            return 0;
    }
    *value = v;
    return j - i;
}

/* Start of the bullet ("• ", "⁃") right before a marker at p[i], or i. */
static size_t bullet_before(const char *p, size_t i)
{
    size_t b = i;
    while (b > 0 && (p[b - 1] == ' ' || p[b - 1] == '\t')) b--;
    if (b >= 3 && (unsigned char)p[b - 3] == 0xE2 &&
        (((unsigned char)p[b - 2] == 0x80 &&
          ((unsigned char)p[b - 1] == 0xA2 || (unsigned char)p[b - 1] == 0xA3)) ||
         ((unsigned char)p[b - 2] == 0x81 && (unsigned char)p[b - 1] == 0x83)))
        return b - 3;
    return i;
}

/* Whether p[0, upto) holds a list marker of the given kind and value. */
static int has_marker(const char *p, size_t upto, unsigned value, int letter)
{
    for (size_t i = 0; i < upto; i++) {
        unsigned v;
        int l;
        size_t n = marker_at(p, upto, i, &v, &l);
        if (n && v == value && l == letter) return 1;
    }
    return 0;
}

/* Whether the marker at p[i] starts a list: it opens the sentence (after
 * an optional bullet) or follows a colon ("Steps: 1. Open the box"), or
 * continues one (the previous number or letter came before it). */
static int is_list_marker(const char *p, size_t len, size_t i)
{
    unsigned v;
    int letter;
    if (!marker_at(p, len, i, &v, &letter)) return 0;
    size_t b = bullet_before(p, i);
    while (b > 0 && ts_isspace((unsigned char)p[b - 1])) b--;
    /* at a sentence's start a lone lowercase letter with a period is an
     * item too: "b. The second item" after "a. ..." was split off */
    if (b == 0) return 1;
    if (p[b - 1] == ':' && (!letter || v == 1)) return 1;
    return v > 1 && has_marker(p, i, v - 1, letter);
}

/* Words in p[0, upto). */
static size_t words_before(const char *p, size_t upto)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < upto; i++) {
        int sp = ts_isspace((unsigned char)p[i]) != 0;
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

/* Whether the token at p[i] (up to whitespace) looks like an address or a
 * path: "Ortiz@example.net", "docs/intro", "v1.2". */
static int address_like(const char *p, size_t len, size_t i)
{
    for (; i < len && !ts_isspace((unsigned char)p[i]); i++) {
        if (p[i] == '@' || p[i] == '/' || p[i] == ':') return 1;
        if (p[i] == '.' && i + 1 < len && ts_isalnum((unsigned char)p[i + 1]))
            return 1;
    }
    return 0;
}

/* Whether the word nw[0, nl) at p[next] commonly starts a sentence.
 * Asked only in the ambiguous cases, not for every period. */
static int opens_sentence(const char *p, size_t next, const char *nw,
                          size_t nl)
{
    return nl > 0 && ts_isupper((unsigned char)p[next]) &&
           (listed_in(nw, nl) & LW_OPENER);
}

/* Decides whether the period at p[dot] ends a sentence when the next
 * visible text starts at p[next].  The word before the period is the run
 * of non-space bytes before it, without opening quotes or brackets. */
static int period_ends(const char *p, size_t len, size_t dot, size_t next)
{
    size_t s = dot;
    while (s > 0 && !ts_isspace((unsigned char)p[s - 1])) s--;
    while (s < dot && (p[s] == '"' || p[s] == '\'' || p[s] == '(' ||
                       p[s] == '[' || p[s] == '{'))
        s++;
    /* a bullet glued to a list number: "⁃9." or "•9." */
    while (dot - s > 3 && (unsigned char)p[s] == 0xE2 &&
           (((unsigned char)p[s + 1] == 0x80 &&
             ((unsigned char)p[s + 2] == 0xA2 || (unsigned char)p[s + 2] == 0xA3)) ||
            ((unsigned char)p[s + 1] == 0x81 && (unsigned char)p[s + 2] == 0x83)))
        s += 3;
    char w[32] = {0}; /* zeroed: listed_in() reads 16 bytes */
    size_t wl = 0;
    for (size_t k = s; k < dot && wl + 1 < sizeof w; k++)
        w[wl++] = (char)ts_tolower((unsigned char)p[k]);
    w[wl] = '\0';
    if (dot - s >= sizeof w) return 1; /* a long token: a URL or similar */

    if (wl == 0) return 1;
    /* the period of an inline list marker: "1. The first item" */
    if (is_list_marker(p, len, s)) return 0;
    unsigned lists = listed_in(w, wl);
    if (lists & LW_NEVER_FINAL) return 0;
    if (ts_isdigit((unsigned char)p[next]) && (lists & LW_BEFORE_NUMBER))
        return 0;
    /* the next word, for the cases below only (most periods end a word
     * that none of them is about) */
    int initial = wl == 1 && ts_isalpha((unsigned char)w[0]);
    void *dotted_at = initial ? NULL : memchr(w, '.', wl);
    if (!(lists & LW_MAYBE_FINAL) && !initial && !dotted_at) return 1;
    char nw[32] = {0};
    size_t nl = next_word(p, len, next, nw, sizeof nw);
    if (lists & LW_MAYBE_FINAL) return opens_sentence(p, next, nw, nl);
    /* an initial: "J. R. R. Tolkien", but "Plan B. It worked." */
    if (initial) return opens_sentence(p, next, nw, nl);
    /* dotted acronyms: "U.S.", "a.m.", "Ph.D." */
    if (dotted_at) {
        int dotted = 1;
        for (size_t k = 0; k < wl; k++)
            if (!(ts_isalpha((unsigned char)w[k]) || w[k] == '.')) dotted = 0;
        /* "... at 8 P.M. Mrs. Ruiz walked home." ends before the title,
         * but a fronted "At 7 a.m. Mrs. Ruiz opened ..." does not */
        if (dotted && nl > 0 && ts_isupper((unsigned char)p[next]) &&
            (listed_in(nw, nl) & LW_NEVER_FINAL) && words_before(p, s) > 2)
            return 1;
        if (dotted) return opens_sentence(p, next, nw, nl);
    }
    return 1;
}

/* Bytes by what ts_sentence_end() does with them, so that most bytes cost
 * one load: 0 where nothing can happen; SB_MARK for . ! ? and 0xE2, which
 * leads an ellipsis and the bullets. */
enum { SB_LOWER = 1, SB_UPPER = 2, SB_DIGIT = 4, SB_MARK = 8 };
#define SB_LETTER (SB_LOWER | SB_UPPER)
static const unsigned char scan_class[256] = {
    TS_ASCII_ALNUM_CLASSES(SB_LOWER, SB_UPPER, SB_DIGIT),
    ['.'] = SB_MARK, ['!'] = SB_MARK,
    ['?'] = SB_MARK, [0xE2] = SB_MARK,
};

/* The bytes that can end a sentence (. ! ? and 0xE2, which leads "…")
 * or close a list marker (. and ")"). */
static const unsigned char stop_byte[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, [')'] = 1, [0xE2] = 1,
};

/* Whether 8 bytes may hold a stop byte (any byte from 0x80 up may be
 * 0xE2): most do not, and are skipped with this one test. */
static inline int may_stop(uint64_t x)
{
    return ((x & TS_BYTES_80) | ts_bytes_eq(x, '.') | ts_bytes_eq(x, '!') |
            ts_bytes_eq(x, '?') | ts_bytes_eq(x, ')')) != 0;
}

#ifdef __SSE2__
static inline __m128i load16(const char *p)
{
    return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline __m128i bytes_eq(__m128i x, unsigned char c)
{
    return _mm_cmpeq_epi8(x, _mm_set1_epi8((char)c));
}

/* The stop bytes among the 16 at p (18 can be read), exactly: bit k for
 * p[k].  Of the bytes 0xE2 only those that lead "…" (E2 80 A6): the other
 * marks of U+2000-2BFF ("’", "—") end no sentence, and text with curly
 * quotes stopped at every one. */
static inline unsigned stops16(const char *p)
{
    __m128i x = load16(p);
    __m128i ellipsis = _mm_and_si128(
        bytes_eq(x, 0xE2),
        _mm_and_si128(bytes_eq(load16(p + 1), 0x80), bytes_eq(load16(p + 2), 0xA6)));
    __m128i m = _mm_or_si128(
        _mm_or_si128(bytes_eq(x, '.'), bytes_eq(x, '!')),
        _mm_or_si128(_mm_or_si128(bytes_eq(x, '?'), bytes_eq(x, ')')), ellipsis));
    return (unsigned)_mm_movemask_epi8(m);
}
#endif

/* Start of the run of ASCII letters and digits that ends at p[i], not
 * before from. */
static size_t word_start(const char *p, size_t from, size_t i)
{
    while (i > from &&
           (scan_class[(unsigned char)p[i - 1]] & (SB_LETTER | SB_DIGIT)))
        i--;
    return i;
}

int ts_sentence_end(const char *p, size_t len, size_t limit, int final,
                    size_t *end)
{
    if (limit > len) limit = len;
    /* Near the end of the text a list marker may need bytes not yet
     * there; before that only a stop byte, and a short word right before
     * one ("3." or "b)"), can change anything. */
    size_t far = final ? limit : len > 16 ? len - 16 : 0;
    if (far > limit) far = limit;
    for (size_t i = 0; i < limit; i++) {
        if (i < far && !stop_byte[(unsigned char)p[i]]) {
            size_t from = i;
#ifdef __SSE2__
            /* 16 bytes at a time to the next stop byte, exactly */
            for (; far - i >= 18; i += 16) {
                unsigned m = stops16(p + i);
                if (m) {
                    i += (size_t)__builtin_ctz(m);
                    break;
                }
            }
#endif
            while (far - i >= 8 && !may_stop(ts_load8(p + i))) i += 8;
            while (i < far && !stop_byte[(unsigned char)p[i]]) i++;
            /* back to the start of the word before, if it has at most
             * four bytes: only "3", "12" or "b" can be a list marker */
            size_t w = word_start(p, i - from > 5 ? i - 5 : from, i);
            if (i - w < 5) i = w;
            if (i >= limit) break;
        }
        unsigned cls = scan_class[(unsigned char)p[i]];
        if (cls == 0) continue; /* spaces and punctuation that cannot end one */
        if (cls & SB_LETTER) {
            /* Inside a word nothing can end a sentence or start a list
             * item (only a one-letter word can be "a." or "b)"): skip it. */
            if (i + 1 < limit &&
                (scan_class[(unsigned char)p[i + 1]] & SB_LETTER)) {
                do i++;
                while (i + 1 < limit &&
                       (scan_class[(unsigned char)p[i + 1]] & SB_LETTER));
                continue;
            }
            if (cls == SB_UPPER) continue;
        }
        unsigned char c = (unsigned char)p[i];
        int digit = cls == SB_DIGIT, lower = cls == SB_LOWER;
        /* the next item of an inline list: "1. The first item 2. The
         * second item" ends before "2." (or before its bullet).  Only a
         * lone letter or a short number followed by '.' or ')' can be one. */
        if (digit || lower) {
            unsigned char prev = i > 0 ? (unsigned char)p[i - 1] : 'a';
            int word_before = (prev >= 'a' && prev <= 'z') ||
                              (prev >= 'A' && prev <= 'Z') ||
                              (prev >= '0' && prev <= '9');
            if (word_before || !maybe_marker(p, len, i)) continue;
            if (!final && len - i < 16) return -1;
            unsigned v;
            int letter;
            if (marker_at(p, len, i, &v, &letter) && v > 1 &&
                has_marker(p, i, v - 1, letter)) {
                size_t b = bullet_before(p, i);
                size_t e = b;
                while (e > 0 && ts_isspace((unsigned char)p[e - 1])) e--;
                if (e > 0) {
                    *end = b;
                    return 1;
                }
            }
        }
        int ell = is_ellipsis(p, len, i);
        if (c != '.' && c != '!' && c != '?' && !ell) continue;
        size_t start = i;
        int only_period = 1;
        /* the run of final marks: "?!", "...", ". . .", "…" */
        size_t j = i;
        for (;;) {
            if (j < len && (p[j] == '.' || p[j] == '!' || p[j] == '?')) {
                if (p[j] != '.') only_period = 0;
                j++;
            } else if (is_ellipsis(p, len, j)) {
                only_period = 0;
                j += 3;
            } else if (j + 1 < len && p[j] == ' ' && p[j + 1] == '.' &&
                       j > start && p[j - 1] == '.') {
                only_period = 0;
                j += 1; /* spaced ellipsis ". . ." */
            } else {
                break;
            }
        }
        if (j - start > 1) only_period = 0;
        /* Spaced ellipses (". . .") follow the usual style rules: three
         * dots before the pronoun "I" mark an omission inside a sentence
         * ("the thing is . . . I didn't mean it"), before another capital
         * they end it ("She hesitated . . . Then she signed"); a period
         * glued to the word before four dots ends that sentence and the
         * ellipsis opens the next ("compounds. . . . The practice"). */
        if (j - start >= 5 && memchr(p + start, ' ', j - start)) {
            size_t dots = 0;
            for (size_t d = start; d < j; d++) dots += p[d] == '.';
            int glued = start > 0 && ts_isalnum((unsigned char)p[start - 1]);
            if (start == 0) { /* an ellipsis opening a sentence */
                i = j - 1;
                continue;
            }
            if (dots == 3 && !glued) {
                size_t q = j, sp;
                while (q < len && is_space(p, len, q, &sp)) q += sp;
                if (q + 1 >= len && !final) return -1;
                if (q + 1 < len && p[q] == 'I' &&
                    (p[q + 1] == ' ' || p[q + 1] == '\'')) {
                    i = j - 1;
                    continue;
                }
            }
            if (dots >= 4 && glued) {
                size_t q = j, sp;
                while (q < len && is_space(p, len, q, &sp)) q += sp;
                if (q >= len && !final) return -1;
                if (q < len && ts_isupper((unsigned char)p[q])) {
                    *end = start + 1;
                    return 1;
                }
            }
        }
        size_t k = j;
        size_t cl;
        while (k < len && (cl = closer_len(p, len, k))) k += cl;
        if (k >= len) {
            if (!final) return -1;
            *end = k;
            return 1;
        }
        size_t sn;
        if (!is_space(p, len, k, &sn)) {
            /* "Are you ready?Let us begin." but not "?q=tea" */
            if (!only_period && k == j && k + 1 < len && p[start] != '.' &&
                !is_ellipsis(p, len, start) &&
                ts_isupper((unsigned char)p[k]) &&
                ts_islower((unsigned char)p[k + 1]) && start >= 1 &&
                ts_isalpha((unsigned char)p[start - 1])) {
                *end = k;
                return 1;
            }
            /* "He stopped.Then he ran." but not "example.com", "3.14" */
            if (only_period && k == j && k + 1 < len &&
                ts_isupper((unsigned char)p[k]) &&
                ts_islower((unsigned char)p[k + 1]) && start >= 2 &&
                ts_islower((unsigned char)p[start - 1]) &&
                ts_islower((unsigned char)p[start - 2])) {
                size_t b = start;
                while (b > 0 && ts_isalpha((unsigned char)p[b - 1])) b--;
                if ((b == 0 || is_space(p, len, b - 1, &sn)) &&
                    !address_like(p, len, k)) {
                    *end = k;
                    return 1;
                }
            }
            i = j - 1;
            continue;
        }
        size_t q = k;
        while (q < len && is_space(p, len, q, &sn)) q += sn;
        if (q >= len) {
            if (!final) return -1;
            *end = k;
            return 1;
        }
        /* a citation in brackets belongs to the sentence before it:
         * "... stairways [...]" (Smith 55)." */
        if (p[q] == '(') {
            size_t r = q + 1;
            while (r < len && r - q < 80 && p[r] != ')' && p[r] != '(') r++;
            if (r >= len && !final) return -1;
            if (r < len && p[r] == ')' && r + 1 < len &&
                (p[r + 1] == '.' || p[r + 1] == '!' || p[r + 1] == '?')) {
                i = j - 1;
                continue;
            }
        }
        /* the next word must be complete to be looked up */
        if (!final && only_period) {
            size_t e = q;
            while (e < len && ts_isalpha((unsigned char)p[e])) e++;
            if (e >= len && e - q < 31) return -1;
        }
        if (lower_start(p, len, q)) {
            i = j - 1;
            continue;
        }
        if (only_period && !period_ends(p, len, start, q)) {
            i = j - 1;
            continue;
        }
        *end = k;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------------------- the stage */

static unsigned long line_at(const ts_segmenter *s, size_t off)
{
    const struct anchor *a = (const struct anchor *)(const void *)s->anchors.data;
    size_t n = s->anchors.len / sizeof *a;
    size_t k = s->first_anchor;
    unsigned long line = k < n ? a[k].line : 0;
    for (; k < n && a[k].off <= off; k++) line = a[k].line;
    return line;
}

/* Hands over the next n bytes of the buffer: the head moves past them
 * and the anchors before it are spent.  Anchors are in offset order, so
 * only those passed are visited. */
static void consume(ts_segmenter *s, size_t n)
{
    size_t head = s->head + n;
    struct anchor *a = (struct anchor *)(void *)s->anchors.data;
    size_t count = s->anchors.len / sizeof *a;
    size_t k = s->first_anchor;
    while (k + 1 < count && a[k + 1].off <= head) k++;
    /* the anchor covering the new head stays, moved to it */
    if (k < count && a[k].off < head) a[k].off = head;
    s->first_anchor = k;
    s->head = head;
}

/* Drops the bytes and the anchors handed over from the buffers. */
static void compact(ts_segmenter *s)
{
    if (s->head == 0) return;
    struct anchor *a = (struct anchor *)(void *)s->anchors.data;
    size_t count = s->anchors.len / sizeof *a;
    size_t first = s->first_anchor;
    for (size_t k = first; k < count; k++) {
        a[k - first] = a[k];
        a[k - first].off -= s->head;
    }
    s->anchors.len = (count - first) * sizeof *a;
    s->first_anchor = 0;
    ts_buf_consume(&s->buf, s->head);
    s->head = 0;
}

#ifdef TS_SWAR
/* Copies 8 bytes that collapsing whitespace leaves as they are: printable
 * ASCII and single spaces, as most text is.  Returns 0, copying nothing,
 * for any other bytes.  space: the byte before was whitespace, so a space
 * first would be a second one. */
static int copy_block(const char *p, char *out, unsigned space)
{
    uint64_t x = ts_load8(p);
    uint64_t spaces = ts_bytes_between(x, ' ' - 1, ' ' + 1);
    uint64_t printable = ts_bytes_between(x, ' ', 0x80);
    if ((spaces | printable) != TS_BYTES_80) return 0;
    if (spaces & ((spaces << 8) | (space ? 0x80u : 0))) return 0;
    memcpy(out, p, 8);
    return 1;
}
#endif

#ifdef __SSE2__
/* The same for 16 bytes, with SSE2 (every x86-64 has it; 18 can be read
 * at p): those with no whitespace but single spaces, of one byte or of
 * several (C2 A0, E2 80 80-8A, E2 80 AF: see is_space), are copied as
 * they are.  Returns 0, copying nothing, otherwise. */
static int copy_block16(const char *p, char *out, unsigned space)
{
    __m128i x = load16(p), x1 = load16(p + 1), x2 = load16(p + 2);
    __m128i controls = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('\t' - 1)),
                                     _mm_cmplt_epi8(x, _mm_set1_epi8('\r' + 1)));
    __m128i nbsp = _mm_and_si128(bytes_eq(x, 0xC2), bytes_eq(x1, 0xA0));
    /* the third byte less 0x80 in 0..10, or AF */
    __m128i third = _mm_xor_si128(x2, _mm_set1_epi8((char)0x80));
    __m128i wide = _mm_or_si128(
        _mm_and_si128(_mm_cmpgt_epi8(third, _mm_set1_epi8(-1)),
                      _mm_cmplt_epi8(third, _mm_set1_epi8(11))),
        bytes_eq(x2, 0xAF));
    __m128i spaces3 =
        _mm_and_si128(_mm_and_si128(bytes_eq(x, 0xE2), bytes_eq(x1, 0x80)), wide);
    if (_mm_movemask_epi8(_mm_or_si128(controls, _mm_or_si128(nbsp, spaces3))))
        return 0;
    unsigned spaces = (unsigned)_mm_movemask_epi8(bytes_eq(x, ' '));
    if (spaces & ((spaces << 1) | space)) return 0;
    _mm_storeu_si128((__m128i *)(void *)out, x);
    return 1;
}
#endif

/* Hands over the next len bytes with whitespace collapsed; nothing if
 * blank. */
static int emit(ts_segmenter *s, size_t len, int split)
{
    const char *p = s->buf.data + s->head;
    size_t i = 0, n;
    while (i < len && is_space(p, len, i, &n)) i += n;
    if (i >= len) return 0;
    unsigned long line = line_at(s, s->head + i);
    ts_buf_clear(&s->out);
    if (ts_buf_reserve(&s->out, len - i)) return -1;
    char *out = s->out.data;
    size_t o = 0;
    unsigned space = 0;   /* the last byte was whitespace */
    while (i < len) {
#ifdef __SSE2__
        if (len - i >= 18 && copy_block16(p + i, out + o, space)) {
            space = (unsigned char)p[i + 15] == ' ';
            i += 16;
            o += 16;
            continue;
        }
#endif
#ifdef TS_SWAR
        if (len - i >= 8 && copy_block(p + i, out + o, space)) {
            space = (unsigned char)p[i + 7] == ' ';
            i += 8;
            o += 8;
            continue;
        }
#endif
        unsigned char c = (unsigned char)p[i];
        if (c < 0x80) {
            /* ASCII, most of it: whitespace becomes a space, kept only
             * after something else; decided without a branch, which a
             * space every few bytes would mispredict */
            unsigned ws = c == ' ' || (c >= '\t' && c <= '\r');
            const char pick[2] = {p[i], ' '};
            out[o] = pick[ws];
            o += !(ws & space);
            space = ws;
            i++;
        } else if (is_space(p, len, i, &n)) {
            if (!space) out[o++] = ' ';
            space = 1;
            i += n;
        } else {
            out[o++] = (char)c;
            space = 0;
            i++;
        }
    }
    /* whitespace at the end is dropped: it is the only source of a
     * trailing space */
    if (o > 0 && space) o--;
    out[o] = '\0';
    s->out.len = o;
    return s->cb(s->ctx, s->out.data, s->out.len, line, split);
}

/* Where to cut a sentence that reached the cap: after the last space in
 * its second half, else at the last character boundary before the cap. */
static size_t cut_point(const char *p, size_t cap)
{
    for (size_t k = cap; k > cap / 2; k--)
        if (p[k - 1] == ' ' || p[k - 1] == '\n' || p[k - 1] == '\t') return k;
    size_t k = cap;
    while (k > 0 && ((unsigned char)p[k] & 0xC0) == 0x80) k--;
    return k ? k : cap;
}

/* Emits every sentence that can be decided now.  With final set the buffer
 * holds a whole paragraph and is emptied. */
static int drain(ts_segmenter *s, int final)
{
    for (;;) {
        size_t len = s->buf.len - s->head;
        if (len == 0) {
            compact(s);
            return 0;
        }
        const char *p = s->buf.data + s->head;
        size_t start = 0, n;
        while (start < len && is_space(p, len, start, &n)) start += n;
        if (start == len) {
            if (final) ts_segmenter_reset(s);
            else compact(s);
            return 0;
        }
        size_t end;
        size_t limit = start + s->cap;
        int r = ts_sentence_end(p + start, len - start, s->cap, final, &end);
        int rc;
        if (r == 1) {
            rc = emit(s, start + end, 0);
            if (rc) return rc;
            consume(s, start + end);
            continue;
        }
        if (r == 0 && len > limit) {
            size_t cut = start + cut_point(p + start, s->cap);
            rc = emit(s, cut, 1);
            if (rc) return rc;
            consume(s, cut);
            continue;
        }
        if (final) {
            rc = emit(s, len, 0);
            ts_segmenter_reset(s);
            return rc;
        }
        compact(s);
        return 0;
    }
}

int ts_segmenter_text(ts_segmenter *s, const char *p, size_t len,
                      unsigned long line)
{
    if (len == 0) return 0;
    struct anchor a = {s->buf.len, line};
    if (ts_buf_append(&s->anchors, &a, sizeof a)) return -1;
    if (ts_buf_append(&s->buf, p, len)) return -1;
    if (s->buf.len - s->head >= 2 * s->cap) return drain(s, 0);
    return 0;
}

int ts_segmenter_paragraph_end(ts_segmenter *s)
{
    return drain(s, 1);
}
