/* scorer_impl.h - what the scorer's files share: the scorer's state and
 * the rules each file holds.
 *
 *   scorer.c         matching, modifiers, contrast, the sentence's totals
 *   scorer_added.c   rules that add a hit of their own: "not ... yet" (1),
 *                    a turn in time (11), a deed (12), a rise (15), a
 *                    setback turned into something (20), an answer after
 *                    "but" (21), then and now (24), "still not" (25), a
 *                    cost that rises (26), a first attempt (27), a
 *                    deed after "so" (28), a deed, then "now" (30), a
 *                    first or a record (31), a deed after an opening
 *                    clause of time (32), a setback named as the cause
 *                    (33), a future denied for good (36), a trait
 *                    claimed of a group (37), a change dated after a
 *                    setback (42), a harm told by its result (43), a
 *                    provision cut (44), a success denied or withheld
 *                    (45, 46), a later state dated "by" a time (47),
 *                    the writer's own answer (49)
 *   scorer_frames.c  rules that read a hit in its context: a topic (5),
 *                    a raised negator (7), a superlative (9), a name (13),
 *                    a harm that falls (16), a timetable (17), a quoted
 *                    label (18), an item of a list (22), a term defined
 *                    (23), a rule stated (29), a procedure in the
 *                    passive (34), the field named first (35), a mark of
 *                    futility (38), a kind of thing hedged (39), a
 *                    work's contents (40), a sarcastic opener (41),
 *                    a harm whose existence is denied (48)
 *   word_classes.c   the word lists those rules ask about
 *
 * The rules are numbered and described at the top of scorer.c. */
#ifndef TS_SCORER_IMPL_H
#define TS_SCORER_IMPL_H

#include <string.h>

#include "scorer.h"
#include "word_classes.h"

/* Whether two strings are equal.  The rules compare a sentence's words
 * with the words they look for tens of times a sentence, and nearly every
 * compare fails at the first byte: testing it here spares the call to
 * strcmp() that most of them made (4% of the run in a profile). */
static inline int ts_streq(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

#define QUITTING "quitting"
#define MENTION_FACTOR 0.04   /* rule 5: a topic named, not a tone */
#define MENTION_SPAN 8        /* rule 5: words back to the work */

/* What a word does besides (or instead of) scoring. */
typedef struct role {
    ts_modifier_kind kind;   /* TS_MOD_NONE for ordinary words */
    double value;            /* booster/dampener amount */
    const char *word;        /* the modifier as written in the lexicon */
    int in_hit;              /* covered by a scoring match */
    unsigned hit_dims;       /* 1 << entry dimension of the hits on it */
} role;

/* A hit while the sentence is being scored: text is an offset until all
 * hits exist, because the string buffer may move as it grows. */
typedef struct pending_hit {
    ts_hit hit;
    size_t text_off;
} pending_hit;

struct ts_scorer {
    const ts_lexicon *lex;
    ts_memo *memo;
    ts_tokens tokens;
    ts_word_info **info;        /* per token, NULL for numbers */
    role *roles;                /* per token */
    size_t cap;                 /* room in info and roles */
    pending_hit *pending;
    ts_hit *hits;
    size_t n_hits, hits_cap;
    ts_buf strings;             /* hit texts, NUL-separated */
    ts_word_classes *classes;   /* the word lists of the rules */
    size_t text_len;            /* length of the sentence being scored */
    ts_wclass sentence_classes; /* all classes of the sentence's words:
                                   rules whose words are absent are
                                   skipped */
    int contrasts;              /* match() gave a word a contrast role:
                                   without one there is none to look for */
};

static inline ts_wclass word_classes(const ts_scorer *s, ts_word_info *w)
{
    return ts_word_class(s->classes, w);
}

/* Adds a hit of entry e on tokens [first, first + n); 0 or -1 (ENOMEM). */
int ts_scorer_add_hit(ts_scorer *s, const char *text, const ts_entry *e,
                      ts_dimension dim, size_t first, size_t n);
/* Moves the last hit added back to keep hits in sentence order. */
void ts_scorer_sort_last_hit(ts_scorer *s);

/* scorer_added.c: each adds at most its own hit; 0 or -1 (ENOMEM). */
int ts_rule_not_yet(ts_scorer *s, const char *text);
int ts_rule_time_turn(ts_scorer *s, const char *text);
int ts_rule_repair_deed(ts_scorer *s, const char *text);
int ts_rule_turned_into(ts_scorer *s, const char *text);
int ts_rule_contrast_answer(ts_scorer *s, const char *text);
int ts_rule_first_attempt(ts_scorer *s, const char *text);
int ts_rule_so_deed(ts_scorer *s, const char *text);
int ts_rule_measure_rise(ts_scorer *s, const char *text);
int ts_rule_then_now(ts_scorer *s, const char *text);
int ts_rule_still_not(ts_scorer *s, const char *text);
int ts_rule_cost_rise(ts_scorer *s, const char *text);
int ts_rule_deed_now(ts_scorer *s, const char *text);
int ts_rule_first_deed(ts_scorer *s, const char *text);
int ts_rule_opener_deed(ts_scorer *s, const char *text);
int ts_rule_result_of(ts_scorer *s, const char *text);
int ts_rule_never_will(ts_scorer *s, const char *text);
int ts_rule_some_are_just(ts_scorer *s, const char *text);
int ts_rule_result_harm(ts_scorer *s, const char *text);
int ts_rule_provision_cut(ts_scorer *s, const char *text);
int ts_rule_success_denied(ts_scorer *s, const char *text);
int ts_rule_by_time(ts_scorer *s, const char *text);
int ts_rule_own_answer(ts_scorer *s, const char *text);

/* scorer_frames.c: each returns the word that changes the hit (NULL or
 * 0 when none does). */
const char *ts_rule_mention_frame(const ts_scorer *s, const ts_hit *h);
const char *ts_rule_raised_negator(const ts_scorer *s, const ts_hit *h);
int ts_rule_comparative_follows(const ts_scorer *s, const ts_hit *h);
const char *ts_rule_harm_falls(const ts_scorer *s, const ts_hit *h);
const char *ts_rule_on_timetable(const ts_scorer *s, const ts_hit *h);
/* *titled: -1 until the sentence's Title Case is known */
int ts_rule_in_name(const ts_scorer *s, const ts_hit *h, const char *text,
                    int *titled);
const char *ts_rule_quoted_label(const ts_scorer *s, const ts_hit *h,
                                 const char *text);
const char *ts_rule_listed(const ts_scorer *s, const ts_hit *h,
                           const char *text);
const char *ts_rule_defined(const ts_scorer *s, const ts_hit *h,
                            const char *text);
const char *ts_rule_stated(const ts_scorer *s, const ts_hit *h,
                           const char *text);
const char *ts_rule_procedure(const ts_scorer *s, const ts_hit *h,
                              const char *text);
const char *ts_rule_in_field(const ts_scorer *s, const ts_hit *h);
const char *ts_rule_futile_scope(const ts_scorer *s, const ts_hit *h);
const char *ts_rule_generic(const ts_scorer *s, const ts_hit *h,
                            const char *text);
const char *ts_rule_contents(const ts_scorer *s, const ts_hit *h);
const char *ts_rule_sarcastic_opener(const ts_scorer *s, const ts_hit *h);
/* rule 48: every one of the n adjusted hits is a setback whose existence
 * a negator denies ("no one was hurt") */
int ts_rule_denied_existence(const ts_hit *hits, size_t n);

#endif
