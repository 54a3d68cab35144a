/* tally.h - stage 7 helper: counts of lexicon terms within a span (a
 * section or a document), for the "top terms" of reports. */
#ifndef TS_TALLY_H
#define TS_TALLY_H

#include <stddef.h>

#include "tonescope.h"

typedef struct ts_tally_item {
    const char *term;            /* the entry's term: told apart by address */
    int dim;                     /* the hit's dimension */
    const char *category;
    size_t count;
    double weight;
    struct ts_tally_item *next;  /* in order of first count (or spare list) */
} ts_tally_item;

/* An open-addressing table over the items: two adds for every hit of a
 * text made uthash's bucket chains, a cache miss per item, show in
 * profiles.  A zeroed ts_tally is empty. */
typedef struct ts_tally {
    ts_tally_item *items;        /* in order of first count */
    ts_tally_item *last;         /* the last of them */
    ts_tally_item **slots;       /* by key hash, linear probing; NULL: free */
    size_t n_slots;              /* a power of two, or 0 */
    size_t n_items;
    ts_tally_item *spare;        /* emptied items kept for reuse (by next) */
    ts_term_count *top;          /* result of ts_tally_top */
    size_t n_top;
} ts_tally;

/* Counts a hit; 0 or -1 on ENOMEM. */
int ts_tally_add(ts_tally *t, const ts_hit *h);
/* Fills t->top with up to `per_dim` terms per dimension, growth first,
 * each by weight, then count, then term (so output is deterministic). */
int ts_tally_top(ts_tally *t, size_t per_dim);
void ts_tally_clear(ts_tally *t);   /* empties, keeps nothing */
/* Empties, keeping the items' memory for the next span: a section's
 * terms are counted afresh for every section. */
void ts_tally_reset(ts_tally *t);

#endif
