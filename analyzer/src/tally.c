/* tally.c - term counts for sections and documents. */
#include "tally.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

int ts_tally_add(ts_tally *t, const ts_hit *h)
{
    ts_tally_item probe, *it;
    memset(&probe, 0, sizeof probe);
    probe.key.term = h->term;
    probe.key.dim = (int)h->dim;
    HASH_FIND(hh, t->items, &probe.key, sizeof probe.key, it);
    if (!it) {
        it = ts_calloc(1, sizeof *it);
        if (!it) return -1;
        it->key = probe.key;
        it->category = h->category;
        TS_HASH_OOM_RESET();
        HASH_ADD(hh, t->items, key, sizeof it->key, it);
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

int ts_tally_top(ts_tally *t, size_t per_dim)
{
    size_t n = HASH_COUNT(t->items);
    ts_free(t->top);
    t->top = NULL;
    t->n_top = 0;
    if (n == 0) return 0;
    ts_term_count *all = ts_calloc(n, sizeof *all);
    if (!all) return -1;
    size_t k = 0;
    for (ts_tally_item *it = t->items; it; it = it->hh.next, k++) {
        all[k].term = it->key.term;
        all[k].category = it->category;
        all[k].dim = (ts_dimension)it->key.dim;
        all[k].count = it->count;
        all[k].weight = it->weight;
    }
    qsort(all, n, sizeof *all, by_rank);
    size_t w = 0, in_dim = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && all[i].dim != all[i - 1].dim) in_dim = 0;
        if (in_dim++ < per_dim) all[w++] = all[i];
    }
    t->top = all;
    t->n_top = w;
    return 0;
}

void ts_tally_clear(ts_tally *t)
{
    ts_tally_item *it, *tmp;
    HASH_ITER(hh, t->items, it, tmp) {
        HASH_DEL(t->items, it);
        ts_free(it);
    }
    ts_free(t->top);
    t->top = NULL;
    t->n_top = 0;
}
