/* builtin_lexicons.h - the lexicon files compiled into the library
 * (generated from the .tsv files of lexicons/ at build time). */
#ifndef TS_BUILTIN_LEXICONS_H
#define TS_BUILTIN_LEXICONS_H

extern const char *const ts_builtin_growth;
extern const unsigned long ts_builtin_growth_len;
extern const char *const ts_builtin_negativity;
extern const unsigned long ts_builtin_negativity_len;
extern const char *const ts_builtin_modifiers;
extern const unsigned long ts_builtin_modifiers_len;

#endif
