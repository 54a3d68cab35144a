/* tokenizer.h - stage 4: a sentence's text into word tokens.
 *
 * A word is a run of letters and digits, with apostrophes inside it
 * ("don't", "it’s" -> "it's") and periods between letters or digits
 * ("U.S", "3.5").  A hyphenated word gives one token per part, the later
 * parts flagged as joined, so "self-care" matches the phrase "self care"
 * and still counts as one word.  Every token carries its folded form:
 * lower case (ASCII and Latin-1), apostrophe variants made "'". */
#ifndef TS_TOKENIZER_H
#define TS_TOKENIZER_H

#include <stddef.h>

#include "buf.h"

enum {
    TS_TOK_CAPS = 1u << 0,     /* two or more letters, all capitals */
    TS_TOK_JOINED = 1u << 1,   /* hyphen-joined to the previous token */
    TS_TOK_BREAK = 1u << 2,    /* clause punctuation before it (, ; : —) */
    TS_TOK_NUMBER = 1u << 3,   /* starts with a digit */
    TS_TOK_LOWER = 1u << 4     /* has a lowercase letter */
};

typedef struct ts_token {
    size_t off;        /* start in the sentence text */
    size_t len;        /* bytes in the sentence text */
    size_t fold;       /* start of the folded form in tokens->folded */
    size_t fold_len;   /* bytes of the folded form */
    unsigned hash;     /* ts_hash_bytes of the folded form, for the memo */
    unsigned flags;    /* TS_TOK_* */
} ts_token;

typedef struct ts_tokens {
    ts_token *v;       /* tokens in order */
    size_t n;          /* tokens used */
    size_t cap;        /* tokens allocated */
    ts_buf folded;     /* folded forms, each NUL-terminated */
    size_t words;      /* words for counting: tokens not TS_TOK_JOINED */
    int mixed_case;    /* the sentence has lowercase words */
} ts_tokens;

/* Replaces the contents of out with the tokens of text.  0 or -1 (ENOMEM). */
int ts_tokenize(ts_tokens *out, const char *text, size_t len);
void ts_tokens_free(ts_tokens *t);

static inline const char *ts_token_folded(const ts_tokens *t, size_t i)
{
    return t->folded.data + t->v[i].fold;
}

/* Folds one word (or a phrase: spaces kept) the way the tokenizer does,
 * appending to out.  Used to fold lexicon terms. */
int ts_fold(ts_buf *out, const char *p, size_t len);

#endif
