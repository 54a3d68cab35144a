/* random_text.h - random text for the tests that compare two builds of a
 * stage (test_vector_*.c): ASCII words and marks in every case, the
 * whitespace and the characters of several bytes that the fast paths must
 * step around, and, when asked, bytes no UTF-8 text has. */
#ifndef TS_TEST_RANDOM_TEXT_H
#define TS_TEST_RANDOM_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static uint64_t rt_state = 0x9E3779B97F4A7C15u;

static unsigned rt_next(void)
{
    /* xorshift64*: the same sequence on every machine */
    rt_state ^= rt_state >> 12;
    rt_state ^= rt_state << 25;
    rt_state ^= rt_state >> 27;
    return (unsigned)((rt_state * 2685821657736338717u) >> 32);
}

static size_t rt_below(size_t n)
{
    return n ? rt_next() % n : 0;
}

/* Pieces that decide sentence ends, word ends and folding. */
static const char *const rt_pieces[] = {
    " ", " ", " ", " ", "  ", "\t", "\n", "\r\n", ".", ". ", "...", ". . .",
    ",", ", ", "'", ";", ":", "(", ")", "\"", "!", "?", "?!", "-", "--",
    "U.S.", "e.g.", "Dr. ", "3.5", "1,000", "a) ", "2. ", "10.", "b.",
    "don't", "I'm", "ALL CAPS", "x",
    "\xE2\x80\x99", "\xE2\x80\x99", /* ’ */
    "\xE2\x80\x98", "\xE2\x80\xB2", "\xCA\xBC", /* ‘ ′ ʼ */
    "\xE2\x80\x9C", "\xE2\x80\x9D", /* “ ” */
    "\xE2\x80\x94", "\xE2\x80\x93", /* — – */
    "\xE2\x80\xA6",             /* … */
    "\xE2\x80\xA2 ",            /* • */
    "\xC3\xA9", "\xC3\x89",     /* é É */
    "\xC2\xA0",                 /* no-break space */
    "\xE2\x80\x83",             /* em space */
    "\xE2\x80\xAF",             /* narrow no-break space */
    "\xE4\xB8\xAD",             /* a CJK letter */
    "\xF0\x9F\x98\x80",         /* an emoji */
};

/* Bytes that are not UTF-8, or not text. */
static const char *const rt_invalid[] = {
    "\xFF", "\xC2", "\xE2\x80", "\xED\xA0\x80", "\xC0\xAF", "\x80",
    "\xF4\x90\x80\x80", "\x01", "\x7F",
};

/* Up to max bytes of random text into out; returns the length. */
static size_t rt_text(char *out, size_t max, int invalid)
{
    size_t n = 0;
    size_t want = rt_below(max + 1);
    while (n < want) {
        char piece[64];
        size_t k = 0;
        unsigned r = rt_next() % 100;
        if (r < 45) { /* a word: letters in any case, or digits */
            size_t wl = 1 + rt_below(r < 5 ? 40 : 12);
            int digits = r < 8;
            for (size_t i = 0; i < wl; i++) {
                unsigned c = rt_next();
                piece[k++] = digits ? (char)('0' + c % 10)
                             : (c & 64) ? (char)('A' + c % 26)
                                        : (char)('a' + c % 26);
            }
        } else if (r < 97 || !invalid) {
            const char *s = rt_pieces[rt_below(sizeof rt_pieces / sizeof *rt_pieces)];
            k = strlen(s);
            memcpy(piece, s, k);
        } else {
            const char *s = rt_invalid[rt_below(sizeof rt_invalid / sizeof *rt_invalid)];
            k = strlen(s);
            memcpy(piece, s, k);
            if (rt_below(4) == 0) piece[k++] = '\0';
        }
        if (n + k > max) break;
        memcpy(out + n, piece, k);
        n += k;
    }
    return n;
}

#endif
