/* builtin_lexicons.h - the lexicon files compiled into the library
 * (generated from the .tsv files of lexicons/ at build time).
 *
 * Each file is there twice: as its text, and as the entries the loader
 * made of it at build time (the build tool runs the same loader on the
 * same files).  Parsing and stemming the text was almost all of the
 * start-up cost, and its result never depends on the run. */
#ifndef TS_BUILTIN_LEXICONS_H
#define TS_BUILTIN_LEXICONS_H

#include <stddef.h>
#include <stdint.h>

extern const char *const ts_builtin_growth;
extern const unsigned long ts_builtin_growth_len;
extern const char *const ts_builtin_negativity;
extern const unsigned long ts_builtin_negativity_len;
extern const char *const ts_builtin_modifiers;
extern const unsigned long ts_builtin_modifiers_len;

/* One accepted line.  Its strings are offsets into ts_builtin_strings
 * rather than pointers, so that the tables need no relocation when the
 * program starts. */
typedef struct ts_builtin_entry {
    uint32_t term;               /* as written */
    uint32_t key;                /* what is matched */
    uint32_t category;           /* or the modifier kind name */
    uint32_t line;
    double weight;
    uint8_t kind;                /* ts_entry_kind */
    uint8_t modifier;            /* ts_modifier_kind */
    uint8_t dim;                 /* ts_dimension */
    uint8_t n_words;             /* words of the term */
    uint32_t words;              /* with several words: where they start in
                                    the part's phrase_words */
} ts_builtin_entry;

/* The entries of one file, in file order, and the version the loader
 * gave it (the count and the CRC of its text).  The words of its phrases
 * come split: each distinct word once (as offsets into
 * ts_builtin_strings, in the order the entries first use them), and every
 * phrase's words as indexes into that list, one phrase after another. */
typedef struct ts_builtin_part {
    const ts_builtin_entry *entries;
    uint32_t n;
    const char *version;
    const uint32_t *distinct;
    uint32_t n_distinct;
    const uint32_t *phrase_words;
    uint32_t n_phrase_words;
} ts_builtin_part;

/* 1 when the parts below hold the files' entries; 0 when the build tool
 * could not load the files (a bad line), which are then parsed at run
 * time so that the error is reported as it always was. */
extern const int ts_builtin_parsed;
/* A sample of the entries' words with the stems the build's libstemmer
 * gave them: word, stem, word, stem, ..., NULL (just NULL when the set is
 * unparsed).  Stems fixed at build time hold only while the libstemmer
 * linked at run time stems the same way; a newer one, installed without a
 * rebuild, may not, and the sample tells. */
extern const char *const ts_builtin_probes[];
/* growth, negativity, modifiers */
extern const ts_builtin_part ts_builtin_parts[3];
extern const char *const ts_builtin_strings;

#endif
