/* stem_memo.h - stage 5: each distinct word stemmed and looked up once.
 *
 * The memo maps a folded word to its Snowball stem and to everything the
 * lexicon holds for it (entries by stem, prefix entries, modifier, the
 * phrases it can start), so libstemmer and the lexicon tables are consulted
 * once per distinct word, not once per occurrence.  It holds at most about
 * `capacity` words: when full, between sentences, it forgets the words not
 * met again since they were added or since the last time it was full (so
 * the everyday vocabulary stays and one-off junk goes), or all of them if
 * more than half were met again, which keeps memory bounded on inputs with
 * endless distinct words. */
#ifndef TS_STEM_MEMO_H
#define TS_STEM_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "tokenizer.h"

typedef struct ts_word_info {
    /* what only adding and moving a word read, first */
    const char *stem;
    const char *word;                  /* folded form (the key): the bytes
                                          right after the record, then 8
                                          zero bytes (its NUL among them)
                                          for ts_same_padded() */
    /* then what a lookup and the scorer read for every occurrence, so
     * that it and the word's bytes that follow it share as few cache
     * lines as they can */
    uint64_t classes;                  /* scorer's word classes, 0 = not yet
                                          computed (see scorer.c) */
    unsigned hash;                     /* ts_hash_bytes of word */
    unsigned gen;                      /* memo generation it was last met
                                          again in (one before the current
                                          one when just added) */
    size_t word_len;                   /* bytes in word */
    const ts_lex_phrases *phrases;     /* scoring phrases starting here */
    const ts_lex_phrases *mod_phrases; /* modifier phrases starting here */
    const char *stem_in_phrases;       /* interned stem, NULL if in none */
    const char *word_in_phrases;       /* interned word, NULL if in none */
    /* The phrase filters above as plain bits, 0 where the pointer is
     * NULL, so that the scorer's "may a phrase starting here go on with
     * the next word?" is one AND per word, not a chain of tests whose
     * outcome varies from word to word */
    uint64_t phrase_seconds;           /* phrases->seconds, or 0 */
    uint64_t mod_seconds;              /* mod_phrases->seconds, or 0 */
    uint64_t stem_bit;                 /* ts_phrase_word_bit(stem_in_phrases),
                                          or 0 */
    uint64_t word_bit;                 /* ts_phrase_word_bit(word_in_phrases),
                                          or 0 */
    const ts_entry *modifier;          /* modifier for the surface word */
    const ts_lex_word *entry;          /* entries with this stem, or NULL */
    const ts_entry *prefix[2];         /* prefix entries by dimension */
    const ts_entry *alone[2];          /* what the word scores by itself, by
                                          dimension: entry->entry[d], else
                                          prefix[d], else NULL */
} ts_word_info;

/* The hash of w's word, ts_hash_bytes(word, word_len): the memo keeps it
 * for its table, and later lookups of the word in other tables need not
 * hash it again. */
static inline unsigned ts_word_hash(const ts_word_info *w)
{
    return w->hash;
}

typedef struct ts_memo ts_memo;

ts_memo *ts_memo_new(const ts_lexicon *lex, size_t capacity);
/* Looks a folded word up, stemming it on first sight.  NULL on ENOMEM.
 * The result stays valid until ts_memo_trim() or ts_memo_free(). */
ts_word_info *ts_memo_lookup(ts_memo *m, const char *word, size_t len);
/* The same, given hash = ts_hash_bytes(word, len), which the tokenizer
 * computes for every token. */
ts_word_info *ts_memo_lookup_hashed(ts_memo *m, const char *word, size_t len,
                                    unsigned hash);
/* Looks up every word of a sentence: info[i] gets token i's record, or
 * NULL for a number (no word).  What the lookups will read is loaded for
 * all the tokens first, so that they wait for memory together rather
 * than one after another.  The tokens' folded forms are compared 8 bytes
 * at a time, reading up to 7 bytes past their NULs, which the tokenizer
 * leaves room for.  0, or -1 on ENOMEM. */
int ts_memo_lookup_tokens(ts_memo *m, const ts_tokens *t, ts_word_info **info);
/* Makes room if the memo holds capacity words or more (call between
 * sentences: it invalidates earlier results). */
void ts_memo_trim(ts_memo *m);
size_t ts_memo_size(const ts_memo *m);
void ts_memo_free(ts_memo *m);

#endif
