/* scorer.h - stage 6: one sentence's text in, its hits and tone out.
 *
 * Matching, left to right: at each word the longest scoring phrase or
 * modifier phrase starting there wins (a scoring phrase on ties); else the
 * word is a modifier, a scoring word (by stem) or a prefix match.  Words
 * matched once are not matched again, so "no problem" as a phrase is not
 * also a negator.  Then each hit's weight is adjusted by the rules of the
 * README "Scoring" section (boosters, dampeners, ALL CAPS, negation,
 * contrast) and the sentence tone computed. */
#ifndef TS_SCORER_H
#define TS_SCORER_H

#include "stem_memo.h"
#include "tokenizer.h"
#include "tonescope.h"

typedef struct ts_scorer ts_scorer;

ts_scorer *ts_scorer_new(const ts_lexicon *lex, ts_memo *memo);
/* Scores text (NUL-terminated, len bytes) into *out: words, growth,
 * negativity, tone, label, reframe and the hits, which stay valid until
 * the next call.  out's text, line, index and section are left alone.
 * Returns 0 or -1 on ENOMEM. */
int ts_scorer_score(ts_scorer *s, const char *text, size_t len,
                    ts_sentence *out);
void ts_scorer_free(ts_scorer *s);

#endif
