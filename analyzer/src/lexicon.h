/* lexicon.h - the lexicons as the scorer sees them (internal).
 *
 * Read-only lookups, built once at load time with uthash:
 *  - words by stem (one entry per dimension at most),
 *  - prefixes ("improv*") by the folded surface word,
 *  - phrases by their first stem, longest first;
 * and the modifiers by folded surface word, and modifier phrases by their
 * first folded word.  All but the prefixes are held in two tables, by
 * stem and by folded word, whose records (ts_lexicon_stem_keys,
 * ts_lexicon_word_keys) give everything under one key at once: the stem
 * memo asks each of them once about a new word. */
#ifndef TS_LEXICON_H
#define TS_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "tonescope.h"
#include "ts_uthash.h"

typedef struct ts_lex_word {
    char *key;                   /* stem */
    const ts_entry *entry[2];    /* by dimension, or NULL */
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
} ts_lex_phrases;

/* A bit standing for an interned phrase word (by its address), so that
 * a set of such words fits one integer, as a filter: no bit, no word. */
static inline uint64_t ts_phrase_word_bit(const char *interned)
{
    return (uint64_t)1 << (((uintptr_t)interned >> 4) & 63);
}

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

/* Everything the lexicon holds under one stem, and under one folded word,
 * found with one lookup each (the separate lookups above read one field
 * of these).  A field is NULL where the lexicon has nothing of its kind
 * under the key. */
typedef struct ts_lex_stem_keys {
    const ts_lex_word *word;             /* ts_lexicon_word(stem) */
    const ts_lex_phrases *phrases;       /* ts_lexicon_phrases(stem) */
    const char *interned;                /* ts_lexicon_interned(stem) */
} ts_lex_stem_keys;

typedef struct ts_lex_word_keys {
    const ts_entry *modifier;            /* ts_lexicon_modifier(word) */
    const ts_lex_phrases *mod_phrases;   /* ts_lexicon_modifier_phrases(word) */
    const char *interned;                /* ts_lexicon_interned(word) */
} ts_lex_word_keys;

/* The record of a stem of len bytes, or NULL if the lexicon has nothing
 * under it. */
const ts_lex_stem_keys *ts_lexicon_stem_keys(const ts_lexicon *lex,
                                             const char *stem, size_t len);
/* The record of a folded word of len bytes, or NULL; hash is
 * ts_hash_bytes(word, len), which the tokenizer has computed already
 * (it is the hash uthash uses here, see ts_uthash.h). */
const ts_lex_word_keys *ts_lexicon_word_keys(const ts_lexicon *lex,
                                             const char *word, size_t len,
                                             unsigned hash);

/* The stemmer algorithm every stage uses. */
#define TS_STEMMER_LANGUAGE "english"
#define TS_STEMMER_ENCODING "UTF_8"

#endif
