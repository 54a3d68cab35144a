/* tally.c - term counts for sections and documents. */
#include "tally.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"

#define TALLY_MIN_SLOTS 64       /* a power of two */

/* Terms are told apart by address, so a mix of the address and the
 * dimension hashes a key well enough. */
static size_t key_hash(const char *term, int dim)
{
    uint64_t x = (uint64_t)(uintptr_t)term ^ (uint64_t)(unsigned)dim;
    x *= 0x9E3779B97F4A7C15u;
    return (size_t)(x >> 32);
}

/* The slot holding (term, dim), or the free slot where it would go. */
static ts_tally_item **find_slot(const ts_tally *t, const char *term, int dim)
{
    size_t mask = t->n_slots - 1;
    size_t i = key_hash(term, dim) & mask;
    for (;; i = (i + 1) & mask) {
        ts_tally_item *it = t->slots[i];
        if (!it || (it->term == term && it->dim == dim)) return &t->slots[i];
    }
}

/* Doubles the slots (or makes the first ones) and puts every item back;
 * keeps the table at most half full, so probes stay short. */
static int grow_slots(ts_tally *t)
{
    size_t n = t->n_slots ? 2 * t->n_slots : TALLY_MIN_SLOTS;
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
    ts_tally_item **slots = ts_calloc(n, sizeof *slots);
    if (!slots) return -1;
    ts_free(t->slots);
    t->slots = slots;
    t->n_slots = n;
    for (ts_tally_item *it = t->items; it; it = it->next)
        *find_slot(t, it->term, it->dim) = it;
    return 0;
}

/* A zeroed item, from the spare list when it has one. */
static ts_tally_item *new_item(ts_tally *t)
{
    ts_tally_item *it = t->spare;
    if (!it) return ts_calloc(1, sizeof *it);
    t->spare = it->next;
    memset(it, 0, sizeof *it);
    return it;
}

int ts_tally_add(ts_tally *t, const ts_hit *h)
{
    int dim = (int)h->dim;
    if (2 * (t->n_items + 1) > t->n_slots && grow_slots(t)) return -1;
    ts_tally_item **slot = find_slot(t, h->term, dim);
    ts_tally_item *it = *slot;
    if (!it) {
        it = new_item(t);
        if (!it) return -1;
        it->term = h->term;
        it->dim = dim;
        it->category = h->category;
        if (t->last) t->last->next = it;
        else t->items = it;
        t->last = it;
        t->n_items++;
        *slot = it;
    }
    it->count++;
    it->weight += h->weight;
    return 0;
}

static int by_rank(const void *a, const void *b)
{
    const ts_term_count *x = a, *y = b;
    if (x->dim != y->dim) return x->dim == TS_GROWTH ? -1 : 1;
    if (x->weight != y->weight) return x->weight > y->weight ? -1 : 1;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->term, y->term);
}

/* Puts c into best (n of at most max, in rank order) if it ranks among
 * the first max, after the terms it ties with, as a stable sort would. */
static void keep_best(ts_term_count *best, size_t *n, size_t max,
                      const ts_term_count *c)
{
    size_t at = *n;
    while (at > 0 && by_rank(c, &best[at - 1]) < 0) at--;
    if (at >= max) return;
    size_t last = *n < max ? *n : max - 1;
    memmove(best + at + 1, best + at, (last - at) * sizeof *best);
    best[at] = *c;
    if (*n < max) (*n)++;
}

/* Only the first few of each dimension are wanted, so they are picked in
 * one pass rather than by sorting every term of the span (sections are
 * many, and that sort showed in profiles). */
int ts_tally_top(ts_tally *t, size_t per_dim)
{
    ts_free(t->top);
    t->top = NULL;
    t->n_top = 0;
    if (!t->items || per_dim == 0) return 0;
    /* growth in the first half, negativity in the second */
    ts_term_count *top = ts_calloc(2 * per_dim, sizeof *top);
    if (!top) return -1;
    size_t n[2] = {0, 0};
    for (ts_tally_item *it = t->items; it; it = it->next) {
        ts_term_count c;
        c.term = it->term;
        c.category = it->category;
        c.dim = (ts_dimension)it->dim;
        c.count = it->count;
        c.weight = it->weight;
        int d = c.dim == TS_GROWTH ? 0 : 1;
        keep_best(top + d * per_dim, &n[d], per_dim, &c);
    }
    memmove(top + n[0], top + per_dim, n[1] * sizeof *top);
    t->top = top;
    t->n_top = n[0] + n[1];
    return 0;
}

void ts_tally_reset(ts_tally *t)
{
    if (t->last) {
        t->last->next = t->spare;
        t->spare = t->items;
    }
    t->items = t->last = NULL;
    t->n_items = 0;
    if (t->slots)
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        memset(t->slots, 0, t->n_slots * sizeof *t->slots);
    ts_free(t->top);
    t->top = NULL;
    t->n_top = 0;
}

void ts_tally_clear(ts_tally *t)
{
    ts_tally_reset(t);
    while (t->spare) {
        ts_tally_item *next = t->spare->next;
        ts_free(t->spare);
        t->spare = next;
    }
    ts_free(t->slots);
    t->slots = NULL;
    t->n_slots = 0;
}
