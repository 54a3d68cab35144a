/* lexicon.h - the lexicons as the scorer sees them (internal).
 *
 * Three read-only lookups, built once at load time with uthash:
 *  - words by stem (one entry per dimension at most),
 *  - prefixes ("improv*") by the folded surface word,
 *  - phrases by their first stem, longest first;
 * and the modifiers by folded surface word, and modifier phrases by their
 * first folded word. */
#ifndef TS_LEXICON_H
#define TS_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "tonescope.h"
#include "ts_uthash.h"

typedef struct ts_lex_word {
    char *key;                   /* stem */
    const ts_entry *entry[2];    /* by dimension, or NULL */
    UT_hash_handle hh;
} ts_lex_word;

typedef struct ts_lex_phrase {
    const char *second;          /* words[1], kept here so that a phrase
                                    whose second word differs is passed
                                    over without reading `words` */
    const ts_entry *entry;
    size_t n;                    /* words in the phrase */
    const char **words;          /* stems (scoring) or folded (modifiers),
                                    interned: see ts_lexicon_interned */
} ts_lex_phrase;

typedef struct ts_lex_phrases {
    char *first;                 /* first word: the hash key */
    ts_lex_phrase *v;            /* longest first */
    size_t n;
    uint64_t seconds;            /* ts_phrase_word_bit of every second
                                    word: rules out most next words
                                    without a look at the list */
    UT_hash_handle hh;
} ts_lex_phrases;

/* A bit standing for an interned phrase word (by its address), so that
 * a set of such words fits one integer, as a filter: no bit, no word. */
static inline uint64_t ts_phrase_word_bit(const char *interned)
{
    return (uint64_t)1 << (((uintptr_t)interned >> 4) & 63);
}

typedef struct ts_lex_modifier {
    char *key;                   /* folded surface word */
    const ts_entry *entry;
    UT_hash_handle hh;
} ts_lex_modifier;

const ts_lex_word *ts_lexicon_word(const ts_lexicon *lex, const char *stem);
/* The longest prefix entry of the given dimension matching folded. */
const ts_entry *ts_lexicon_prefix(const ts_lexicon *lex, const char *folded,
                                  size_t len, ts_dimension dim);
/* The same for both dimensions at once, into out[TS_GROWTH] and
 * out[TS_NEGATIVITY]: one walk over the prefix lengths, not two. */
void ts_lexicon_prefixes(const ts_lexicon *lex, const char *folded,
                         size_t len, const ts_entry *out[2]);
const ts_lex_phrases *ts_lexicon_phrases(const ts_lexicon *lex,
                                         const char *first_stem);
const ts_entry *ts_lexicon_modifier(const ts_lexicon *lex,
                                    const char *folded);
const ts_lex_phrases *ts_lexicon_modifier_phrases(const ts_lexicon *lex,
                                                  const char *first_folded);

/* The lexicon's own copy of w if w is a word of some phrase, else NULL.
 * Phrase words are interned, so a word matches a phrase word exactly when
 * this returns the same pointer. */
const char *ts_lexicon_interned(const ts_lexicon *lex, const char *w,
                                size_t n);

/* The stemmer algorithm every stage uses. */
#define TS_STEMMER_LANGUAGE "english"
#define TS_STEMMER_ENCODING "UTF_8"

#endif
