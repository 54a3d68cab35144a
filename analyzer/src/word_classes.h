/* word_classes.h - the closed word lists the scoring rules ask about.
 *
 * A rule asks "is this word a work with a subject?", "a word of rise?",
 * "a day of the week?" of many words in every sentence.  Each distinct
 * word gets the answers once, as bits kept in its stem memo record, from
 * one hash table of every listed word, so a rule's question costs a mask.
 * The lists themselves, and which rule reads each, are in word_classes.c. */
#ifndef TS_WORD_CLASSES_H
#define TS_WORD_CLASSES_H

#include <stdint.h>

#include "stem_memo.h"

/* Word classes the rules ask about, computed once per distinct word and
 * kept in its memo record (a scan of these lists per hit was a fifth of
 * the run time): a bit each, in 64 bits. */
typedef uint64_t ts_wclass;
#define WC_KNOWN         ((ts_wclass)1 << 0)  /* classes computed */
#define WC_WORK          ((ts_wclass)1 << 1)  /* rule 5: a work with a subject */
#define WC_ABOUT         ((ts_wclass)1 << 2)  /* rule 5: introduces a subject */
#define WC_HEAD          ((ts_wclass)1 << 3)  /* rule 5: makes a term a label */
#define WC_YET           ((ts_wclass)1 << 4)  /* rule 1: "yet" */
#define WC_VERBAL_NEG    ((ts_wclass)1 << 5)  /* rule 1: not, cannot, n't, nt */
#define WC_RAISE         ((ts_wclass)1 << 6)  /* rule 7: think, believe, ... */
#define WC_LINK          ((ts_wclass)1 << 7)  /* rule 8: and, so, which */
#define WC_FINDS         ((ts_wclass)1 << 8)  /* rule 5: what a study does: finds, shows */
/* match() has nothing to do with it: no phrase starts there, no modifier,
 * no entry, no "n't" (most words) */
#define WC_INERT         ((ts_wclass)1 << 9)
#define WC_NT            ((ts_wclass)1 << 10)  /* ends in "n't": a negator */
#define WC_VERB_CUE      ((ts_wclass)1 << 11)  /* rule 10: the next word is a verb */
#define WC_COMPARE       ((ts_wclass)1 << 12)  /* rule 9: more, better, fitter */
#define WC_TURN          ((ts_wclass)1 << 13)  /* rules 11, 42: since, later, starting */
#define WC_REPAIR        ((ts_wclass)1 << 14)  /* rule 12: added, rebuilt, fixed, ... */
#define WC_MEASURE       ((ts_wclass)1 << 15)  /* rule 15: visitors, turnout, sales, ... */
#define WC_RISE          ((ts_wclass)1 << 16)  /* rule 15: up, rose, climbed, jumped, ... */
#define WC_FALL          ((ts_wclass)1 << 17)  /* rule 16: fell, dropped, halved, ... */
#define WC_FALL_GAP      ((ts_wclass)1 << 18)  /* rule 16: have, been, among, ... */
#define WC_WHEN          ((ts_wclass)1 << 19)  /* rule 17: Tuesday, tomorrow, noon, ... */
#define WC_TURNER        ((ts_wclass)1 << 20)  /* rule 20: turned, turn, turning */
#define WC_OPENER        ((ts_wclass)1 << 21)  /* rule 14: after, when, once, following */
#define WC_SMALL         ((ts_wclass)1 << 22)  /* rule 13: words titles leave small */
#define WC_LISTER        ((ts_wclass)1 << 23)  /* rule 22: includes, covers, lists, ... */
#define WC_DEFINER       ((ts_wclass)1 << 24)  /* rule 23: defined, refers, known, ... */
#define WC_FIRST         ((ts_wclass)1 << 25)  /* rules 22, 23: I, me, my, ... */
#define WC_THEN          ((ts_wclass)1 << 26)  /* rule 24: ago, from, up */
#define WC_STILL         ((ts_wclass)1 << 27)  /* rule 25: still */
#define WC_COST          ((ts_wclass)1 << 28)  /* rule 26: rents, prices, fees, ... */
/* words without which a rule cannot fire: a sentence with none of them is
 * passed over with one test */
#define WC_TURN_CONTRAST ((ts_wclass)1 << 29)  /* rule 21: but, yet, however */
#define WC_ORDINAL_FIRST ((ts_wclass)1 << 30)  /* rule 27: first */
#define WC_SO            ((ts_wclass)1 << 31)  /* rule 28: so */
#define WC_OBLIGE        ((ts_wclass)1 << 32)  /* rule 29: must, shall, required, ... */
#define WC_NOW           ((ts_wclass)1 << 33)  /* rule 30: now */
#define WC_RECORD        ((ts_wclass)1 << 34)  /* rule 31: record */
#define WC_RESULT        ((ts_wclass)1 << 35)  /* rule 33: why, how */
#define WC_BE            ((ts_wclass)1 << 36)  /* rule 34: is, are, be */
#define WC_ADJUNCT       ((ts_wclass)1 << 37)  /* rule 34: by, on, in, at, every, ... */
#define WC_NEVER         ((ts_wclass)1 << 38)  /* rule 36: never */
#define WC_SOME          ((ts_wclass)1 << 39)  /* rule 37: some */
#define WC_FUTILE        ((ts_wclass)1 << 40)  /* rule 38: point, amount, why, longer */
#define WC_GENERIC       ((ts_wclass)1 << 41)  /* rule 39: usually, typically, ... */
#define WC_CONTENTS      ((ts_wclass)1 << 42)  /* rule 40: covers, explores, tells, ... */
#define WC_CONTAINER     ((ts_wclass)1 << 43)  /* rule 40: lesson, column, map, ... */
#define WC_PRAISE        ((ts_wclass)1 << 44)  /* rule 41: great, lovely, fantastic, ... */
#define WC_RESULTING     ((ts_wclass)1 << 45)  /* rule 43: leaving, forcing, stranding, ... */
#define WC_OBJECT_START  ((ts_wclass)1 << 46)  /* rule 43: the, our, hundreds, us, ... */
#define WC_CUTTING       ((ts_wclass)1 << 47)  /* rule 44: cut, slashed, axed, scrapped, ... */
#define WC_PROVISION     ((ts_wclass)1 << 48)  /* rule 44: funding, budget, service, jobs, ... */
#define WC_ATTAIN        ((ts_wclass)1 << 49)  /* rule 45: get, win, pass, save, manage, ... */
#define WC_BY            ((ts_wclass)1 << 50)  /* rule 47: by */
#define WC_POINT         ((ts_wclass)1 << 51)  /* rule 47: August, Friday, spring, end, ... */
#define WC_WRITER        ((ts_wclass)1 << 52)  /* rule 49: I, we, I've, we've */
#define WC_PAST_DEED     ((ts_wclass)1 << 53)  /* irregular pasts of deeds: took, made, ... */

typedef struct ts_word_classes ts_word_classes;

/* The table of listed words.  NULL on ENOMEM. */
ts_word_classes *ts_word_classes_new(void);
void ts_word_classes_free(ts_word_classes *c);
/* Computes w's classes (WC_KNOWN and the rest) and keeps them in
 * w->classes. */
ts_wclass ts_word_classes_compute(const ts_word_classes *c, ts_word_info *w);

/* w's classes, computed on first sight. */
static inline ts_wclass ts_word_class(const ts_word_classes *c,
                                     ts_word_info *w)
{
    return (w->classes & WC_KNOWN) ? w->classes : ts_word_classes_compute(c, w);
}

#endif
