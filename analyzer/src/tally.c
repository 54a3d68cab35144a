/* tally.c - term counts for sections and documents. */
#include "tally.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"

/* Terms are told apart by address, so a mix of the address and the
 * dimension hashes a key well enough: hashing its 16 bytes (padding
 * included) was most of the cost of an add. */
static unsigned key_hash(const void *term, int dim)
{
    uint64_t x = (uint64_t)(uintptr_t)term ^ (uint64_t)(unsigned)dim;
    x *= 0x9E3779B97F4A7C15u;
    return (unsigned)(x >> 32);
}

int ts_tally_add(ts_tally *t, const ts_hit *h)
{
    ts_tally_item probe, *it;
    memset(&probe.key, 0, sizeof probe.key);
    probe.key.term = h->term;
    probe.key.dim = (int)h->dim;
    unsigned hash = key_hash(h->term, (int)h->dim);
    HASH_FIND_BYHASHVALUE(hh, t->items, &probe.key, sizeof probe.key, hash, it);
    if (!it) {
        if (t->spare) {
            it = t->spare;
            t->spare = it->hh.next;
            memset(it, 0, sizeof *it);
        } else {
            it = ts_calloc(1, sizeof *it);
            if (!it) return -1;
        }
        it->key = probe.key;
        it->category = h->category;
        TS_HASH_OOM_RESET();
        HASH_ADD_BYHASHVALUE(hh, t->items, key, sizeof it->key, hash, it);
        if (TS_HASH_OOM()) {
            ts_free(it);
            return -1;
        }
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
    for (ts_tally_item *it = t->items; it; it = it->hh.next) {
        ts_term_count c;
        c.term = it->key.term;
        c.category = it->category;
        c.dim = (ts_dimension)it->key.dim;
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
    ts_tally_item *it = t->items;
    while (it) {
        ts_tally_item *next = it->hh.next;
        it->hh.next = t->spare;
        t->spare = it;
        it = next;
    }
    HASH_CLEAR(hh, t->items);   /* the table itself; it reads no item */
    ts_free(t->top);
    t->top = NULL;
    t->n_top = 0;
}

void ts_tally_clear(ts_tally *t)
{
    ts_tally_reset(t);
    while (t->spare) {
        ts_tally_item *next = t->spare->hh.next;
        ts_free(t->spare);
        t->spare = next;
    }
}
