/* ascii_class.h - designated initializers for byte-class tables.
 *
 * The tokenizer and the segmenter each keep a 256-entry table saying what
 * a byte is to them, so that the common case costs one load per byte.
 * Both start from the same ASCII letters and digits; this macro spells
 * those out once, with the class values each table uses. */
#ifndef TS_ASCII_CLASS_H
#define TS_ASCII_CLASS_H

/* ['0'] = DIGIT ... ['9'], ['a'] = LOWER ... ['z'], ['A'] = UPPER ... ['Z'] */
#define TS_ASCII_ALNUM_CLASSES(LOWER, UPPER, DIGIT)                          \
    ['0'] = (DIGIT), ['1'] = (DIGIT), ['2'] = (DIGIT), ['3'] = (DIGIT),      \
    ['4'] = (DIGIT), ['5'] = (DIGIT), ['6'] = (DIGIT), ['7'] = (DIGIT),      \
    ['8'] = (DIGIT), ['9'] = (DIGIT), ['a'] = (LOWER), ['b'] = (LOWER),      \
    ['c'] = (LOWER), ['d'] = (LOWER), ['e'] = (LOWER), ['f'] = (LOWER),      \
    ['g'] = (LOWER), ['h'] = (LOWER), ['i'] = (LOWER), ['j'] = (LOWER),      \
    ['k'] = (LOWER), ['l'] = (LOWER), ['m'] = (LOWER), ['n'] = (LOWER),      \
    ['o'] = (LOWER), ['p'] = (LOWER), ['q'] = (LOWER), ['r'] = (LOWER),      \
    ['s'] = (LOWER), ['t'] = (LOWER), ['u'] = (LOWER), ['v'] = (LOWER),      \
    ['w'] = (LOWER), ['x'] = (LOWER), ['y'] = (LOWER), ['z'] = (LOWER),      \
    ['A'] = (UPPER), ['B'] = (UPPER), ['C'] = (UPPER), ['D'] = (UPPER),      \
    ['E'] = (UPPER), ['F'] = (UPPER), ['G'] = (UPPER), ['H'] = (UPPER),      \
    ['I'] = (UPPER), ['J'] = (UPPER), ['K'] = (UPPER), ['L'] = (UPPER),      \
    ['M'] = (UPPER), ['N'] = (UPPER), ['O'] = (UPPER), ['P'] = (UPPER),      \
    ['Q'] = (UPPER), ['R'] = (UPPER), ['S'] = (UPPER), ['T'] = (UPPER),      \
    ['U'] = (UPPER), ['V'] = (UPPER), ['W'] = (UPPER), ['X'] = (UPPER),      \
    ['Y'] = (UPPER), ['Z'] = (UPPER)

/* The <ctype.h> tests for ASCII, as the C locale (the library never sets
 * another) answers them, inline: glibc's macros fetch their table through
 * a function call each time, which the segmenter paid per byte it looked
 * at around every period. */
static inline int ts_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline int ts_isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int ts_islower(int c) { return c >= 'a' && c <= 'z'; }
static inline int ts_isalpha(int c) { return ts_isupper(c) || ts_islower(c); }
static inline int ts_isalnum(int c) { return ts_isalpha(c) || ts_isdigit(c); }
static inline int ts_isspace(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r'); /* \t \n \v \f \r */
}
static inline int ts_tolower(int c) { return ts_isupper(c) ? c + 32 : c; }

#endif
