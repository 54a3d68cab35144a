/* word_classes.h - the closed word lists the scoring rules ask about.
 *
 * A rule asks "is this word a work with a subject?", "a word of rise?",
 * "a day of the week?" of many words in every sentence.  Each distinct
 * word gets the answers once, as bits kept in its stem memo record, from
 * one hash table of every listed word, so a rule's question costs a mask.
 * The lists themselves, and which rule reads each, are in word_classes.c. */
#ifndef TS_WORD_CLASSES_H
#define TS_WORD_CLASSES_H

#include "stem_memo.h"

/* Word classes the rules ask about, computed once per distinct word and
 * kept in its memo record (a scan of these lists per hit was a fifth of
 * the run time). */
enum {
    WC_KNOWN = 1u << 0,      /* classes computed */
    WC_WORK = 1u << 1,       /* rule 5: a work with a subject */
    WC_ABOUT = 1u << 2,      /* rule 5: introduces a subject */
    WC_HEAD = 1u << 3,       /* rule 5: makes a term a label */
    WC_YET = 1u << 4,        /* rule 1: "yet" */
    WC_VERBAL_NEG = 1u << 5, /* rule 1: not, cannot, n't, nt */
    WC_RAISE = 1u << 6,      /* rule 7: think, believe, ... */
    WC_LINK = 1u << 7,       /* rule 8: and, so, which */
    WC_FINDS = 1u << 8,      /* rule 5: what a study does: finds, shows */
    WC_INERT = 1u << 9,      /* match() has nothing to do with it: no
                                phrase starts there, no modifier, no
                                entry, no "n't" (most words) */
    WC_NT = 1u << 10,        /* ends in "n't": a negator */
    WC_VERB_CUE = 1u << 11,  /* rule 10: the next word is a verb */
    WC_COMPARE = 1u << 12,   /* rule 9: more, better, fitter */
    WC_TURN = 1u << 13,      /* rule 11: since, later */
    WC_REPAIR = 1u << 14,    /* rule 12: added, rebuilt, fixed, ... */
    WC_MEASURE = 1u << 15,   /* rule 15: visitors, turnout, sales, ... */
    WC_RISE = 1u << 16,      /* rule 15: up, rose, climbed, jumped, ... */
    WC_FALL = 1u << 17,      /* rule 16: fell, dropped, halved, ... */
    WC_FALL_GAP = 1u << 18,  /* rule 16: have, been, among, ... */
    WC_WHEN = 1u << 19,      /* rule 17: Tuesday, tomorrow, noon, ... */
    WC_TURNER = 1u << 20,    /* rule 20: turned, turn, turning */
    WC_OPENER = 1u << 21,    /* rule 14: after, when, once, following */
    WC_SMALL = 1u << 22,     /* rule 13: words titles leave small */
    WC_LISTER = 1u << 23,    /* rule 22: includes, covers, lists, ... */
    WC_DEFINER = 1u << 24,   /* rule 23: defined, refers, known, ... */
    WC_FIRST = 1u << 25,     /* rules 22, 23: I, me, my, ... */
    WC_THEN = 1u << 26,      /* rule 24: ago, from, up */
    WC_STILL = 1u << 27,     /* rule 25: still */
    WC_COST = 1u << 28,      /* rule 26: rents, prices, fees, ... */
    /* words without which a rule cannot fire: a sentence with none of
     * them is passed over with one test */
    WC_TURN_CONTRAST = 1u << 29, /* rule 21: but, yet, however */
    WC_ORDINAL_FIRST = 1u << 30  /* rule 27: first */
};
/* The last bit, outside the enum: C enumerators must fit an int. */
#define WC_SO (1u << 31)             /* rule 28: so */

typedef struct ts_word_classes ts_word_classes;

/* The table of listed words.  NULL on ENOMEM. */
ts_word_classes *ts_word_classes_new(void);
void ts_word_classes_free(ts_word_classes *c);
/* Computes w's classes (WC_KNOWN and the rest) and keeps them in
 * w->classes. */
unsigned ts_word_classes_compute(const ts_word_classes *c, ts_word_info *w);

/* w's classes, computed on first sight. */
static inline unsigned ts_word_class(const ts_word_classes *c,
                                     ts_word_info *w)
{
    return (w->classes & WC_KNOWN) ? w->classes : ts_word_classes_compute(c, w);
}

#endif
