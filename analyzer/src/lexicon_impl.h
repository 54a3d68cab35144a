/* lexicon_impl.h - the inside of a ts_lexicon, shared by the loader
 * (lexicon.c), the lookup tables (lexicon_tables.c) and the build tool
 * that writes the builtin set's entries (analyzer/tools/embed.c).
 * Nothing else includes it. */
#ifndef TS_LEXICON_IMPL_H
#define TS_LEXICON_IMPL_H

#include "arena.h"
#include "lexicon.h"

typedef struct entry_node {
    ts_entry pub;                /* what callers see */
    struct entry_node *next;     /* file order */
} entry_node;

typedef struct prefix_node {
    char *key;                   /* folded prefix without '*' */
    const ts_entry *entry[2];
    UT_hash_handle hh;
} prefix_node;

/* A node of the two tables of stems and folded words (see
 * lexicon_tables.c); its key is a string of the lexicon's.  One type for
 * both, so that one function adds to either. */
typedef struct keys_node {
    union {
        ts_lex_stem_keys stem;
        ts_lex_word_keys word;
    } pub;
    UT_hash_handle hh;
} keys_node;

/* The filters of those tables (see ts_filter_add): most new words are
 * under no key of either. */
#define TS_KEYS_FILTER_BITS 16
#define TS_KEYS_FILTER_WORDS ((1u << TS_KEYS_FILTER_BITS) / 64)

/* The prefix filter: a bit for a hash of the first
 * min(prefix_min, 8) bytes of every prefix entry.  A word whose first
 * bytes have no bit set matches no prefix, and is spared a lookup for
 * every prefix length. */
#define TS_PREFIX_FILTER_BITS 12
#define TS_PREFIX_FILTER_WORDS ((1u << TS_PREFIX_FILTER_BITS) / 64)

struct ts_lexicon {
    entry_node *head[3], *tail[3];  /* entries per file, in file order */
    size_t count[3];
    char version[3][64];
    keys_node *stem_keys;           /* word entries, phrases and phrase
                                       words, by stem */
    keys_node *word_keys;           /* modifiers, modifier phrases and
                                       phrase words, by folded word */
    size_t keys_expected;           /* see ts_lexicon_expect_keys() */
    unsigned key_buckets;           /* buckets each of the two tables
                                       is given from its first key on */
    uint64_t stem_key_filter[TS_KEYS_FILTER_WORDS];
    uint64_t word_key_filter[TS_KEYS_FILTER_WORDS];
    prefix_node *prefixes;
    size_t prefix_min, prefix_max;  /* lengths present in prefixes */
    /* built by ts_lexicon_finish() once every prefix is in */
    size_t prefix_filter_len;       /* bytes the filter hashes; 0 = no
                                       filter (not built yet) */
    uint64_t prefix_lengths;        /* bit n-1: a prefix of n bytes
                                       (n <= 64; longer ones always
                                       looked up) */
    uint64_t prefix_starts[TS_PREFIX_FILTER_WORDS];
    ts_arena arena;                 /* every entry, string and node above
                                       (not the hash tables' own arrays) */
};

/* Builds the prefix filter once every entry is in. */
void ts_lexicon_finish(ts_lexicon *lex);

/* Tells the tables to expect about n more keys, so that they are sized
 * once for all of them rather than grown as they come.  0, or -1 when
 * memory ran out. */
int ts_lexicon_expect_keys(ts_lexicon *lex, size_t n);

/* Adds an entry to the lookup tables; 0, or -1 when memory ran out. */
int ts_lexicon_index_entry(ts_lexicon *lex, const ts_entry *e, size_t n_words);

/* The same for a phrase (or a modifier of several words) whose words are
 * already interned: the builtin set comes split at build time, and
 * splitting and looking up every word was most of what was left of
 * loading it.  words must live as long as the lexicon. */
int ts_lexicon_index_phrase(ts_lexicon *lex, const ts_entry *e,
                            size_t n_words, const char **words);

/* Interns a phrase word that outlives the lexicon (a string of the
 * builtin set) without copying it: the lexicon's word if it has one
 * already, else w itself.  NULL when memory ran out. */
const char *ts_lexicon_intern_static(ts_lexicon *lex, const char *w,
                                     size_t n);

/* Whether the stemmer linked at run time gives every word of `probes`
 * (word, stem, word, stem, ..., NULL) the stem the build gave it: 1 yes,
 * 0 no, -1 when memory ran out. */
int ts_lexicon_stems_agree(const char *const *probes);

/* The builtin set parsed from its text at run time, as it is when the
 * stems the build made cannot be trusted (and for tests). */
ts_lexicon *ts_lexicon_new_builtin_from_text(ts_error *err);

#endif
