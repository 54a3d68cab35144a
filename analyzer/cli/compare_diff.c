/* compare_diff.c - which sections and which sentences moved the tone.
 *
 * Sections are aligned in four passes, each over what the previous ones
 * left unmatched: identical titles; identical normalised titles (case,
 * punctuation and leading numbering ignored); similar titles (word Jaccard
 * >= 0.5); and finally similar bodies (at least half the sentences of the
 * longer section found in the other), which is how a renamed section is
 * recognised.  Whatever is left is added or removed.
 *
 * Within an aligned pair, the sentences are diffed with a longest common
 * subsequence over their normalised text.  Between two common sentences, a
 * removed and an added sentence pair up as "changed" when their words are
 * similar (Jaccard >= 0.5, best pairs first); if the sentences left over
 * are as many on both sides (a block rewritten in place), they pair in
 * order.  The rest stay added or removed.  (Very large blocks, over
 * PAIRING_MAX candidate pairs, are left as removed + added.)
 *
 * A change's share is what it contributes to the section's delta of mean
 * sentence tone:  tone_after / n_after - tone_before / n_before  (a missing
 * side counts 0), n being the section's sentence count on that side.  When
 * the section keeps its number of sentences, the shares add up to the
 * delta exactly. */
#include <stdlib.h>
#include <string.h>

#include "compare.h"

#define SIMILAR 0.5   /* word or sentence overlap that pairs two sections */
#define SENTENCE_SIMILAR 0.5
#define LCS_MAX_CELLS (16u * 1024u * 1024u)  /* beyond: the middle is replaced */
#define PAIRING_MAX 40000u  /* removed x added beyond which no similarity pairing */

const char *cmp_status_name(cmp_status st)
{
    static const char *names[] = {"same", "changed", "renamed", "added", "removed"};
    return st < ST_COUNT ? names[st] : "?";
}

const char *cmp_change_name(cmp_change_kind k)
{
    return k == CH_ADDED ? "added" : k == CH_REMOVED ? "removed" : "changed";
}

/* ------------------------------------------------------------------------
 * Section alignment
 * ---------------------------------------------------------------------- */

/* Share of the longer body found in the other (multiset of sentences). */
static double body_similarity(const cmp_section *a, const cmp_section *b)
{
    size_t i = 0, j = 0, both = 0;
    while (i < a->n && j < b->n) {
        if (a->hashes[i] == b->hashes[j]) both++, i++, j++;
        else if (a->hashes[i] < b->hashes[j]) i++;
        else j++;
    }
    size_t longer = a->n > b->n ? a->n : b->n;
    return longer ? (double)both / (double)longer : 0;
}

typedef struct candidate {
    double score;
    size_t i, j;       /* old and new section */
} candidate;

static int by_score(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;
    if (a->score != b->score) return a->score > b->score ? -1 : 1;
    size_t da = a->i > a->j ? a->i - a->j : a->j - a->i;
    size_t db = b->i > b->j ? b->i - b->j : b->j - b->i;
    if (da != db) return da < db ? -1 : 1;
    if (a->i != b->i) return a->i < b->i ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

/* Greedy matching of the unmatched sections by a similarity, best first. */
static void match_similar(const cmp_doc *o, const cmp_doc *n, long *old_of,
                          long *new_of, int by_body)
{
    size_t cap = 16, k = 0;
    candidate *c = cmp_xmalloc(cap * sizeof *c);
    for (size_t i = 0; i < o->n; i++) {
        if (new_of[i] >= 0) continue;
        for (size_t j = 0; j < n->n; j++) {
            if (old_of[j] >= 0) continue;
            double s = by_body ? body_similarity(&o->sec[i], &n->sec[j])
                               : cmp_word_jaccard(o->sec[i].norm_title,
                                                  n->sec[j].norm_title);
            if (s < SIMILAR) continue;
            if (k == cap) c = cmp_xrealloc(c, (cap *= 2) * sizeof *c);
            c[k++] = (candidate){s, i, j};
        }
    }
    qsort(c, k, sizeof *c, by_score);
    for (size_t m = 0; m < k; m++) {
        if (new_of[c[m].i] >= 0 || old_of[c[m].j] >= 0) continue;
        new_of[c[m].i] = (long)c[m].j;
        old_of[c[m].j] = (long)c[m].i;
    }
    free(c);
}

static void match_titles(const cmp_doc *o, const cmp_doc *n, long *old_of,
                         long *new_of, int normalised)
{
    for (size_t j = 0; j < n->n; j++) {
        if (old_of[j] >= 0) continue;
        for (size_t i = 0; i < o->n; i++) {
            if (new_of[i] >= 0) continue;
            const char *a = normalised ? o->sec[i].norm_title : o->sec[i].title;
            const char *b = normalised ? n->sec[j].norm_title : n->sec[j].title;
            if (strcmp(a, b) != 0) continue;
            new_of[i] = (long)j;
            old_of[j] = (long)i;
            break;
        }
    }
}

/* ------------------------------------------------------------------------
 * Sentence diff
 * ---------------------------------------------------------------------- */

typedef struct change_list {
    cmp_change *v;
    size_t n, cap;
} change_list;

static void push(change_list *l, cmp_change c)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->v = cmp_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    c.order = l->n;
    l->v[l->n++] = c;
}

static int same_sentence(const cmp_sentence *a, const cmp_sentence *b)
{
    return a->hash == b->hash && !strcmp(a->norm, b->norm);
}

static cmp_change make(cmp_change_kind k, const cmp_section *so, size_t i,
                       const cmp_section *sn, size_t j)
{
    cmp_change c;
    memset(&c, 0, sizeof c);
    c.kind = k;
    if (k != CH_ADDED) c.before = &so->sent[i], c.old_index = i + 1;
    if (k != CH_REMOVED) c.after = &sn->sent[j], c.new_index = j + 1;
    return c;
}

/* One block of removed old sentences [i0,i1) and added new ones [j0,j1)
 * between two common sentences. */
static void hunk(change_list *l, const cmp_section *so, size_t i0, size_t i1,
                 const cmp_section *sn, size_t j0, size_t j1)
{
    size_t nr = i1 - i0, na = j1 - j0;
    if (nr == 0 && na == 0) return;
    long *pair_of_r = cmp_xmalloc((nr + 1) * sizeof *pair_of_r);
    long *pair_of_a = cmp_xmalloc((na + 1) * sizeof *pair_of_a);
    for (size_t r = 0; r < nr; r++) pair_of_r[r] = -1;
    for (size_t a = 0; a < na; a++) pair_of_a[a] = -1;
    if (nr && na && nr * na <= PAIRING_MAX) {
        candidate *c = cmp_xmalloc(nr * na * sizeof *c);
        size_t k = 0;
        for (size_t r = 0; r < nr; r++)
            for (size_t a = 0; a < na; a++) {
                double s = cmp_word_jaccard(so->sent[i0 + r].norm,
                                            sn->sent[j0 + a].norm);
                if (s >= SENTENCE_SIMILAR) c[k++] = (candidate){s, r, a};
            }
        qsort(c, k, sizeof *c, by_score);
        size_t paired = 0;
        for (size_t m = 0; m < k; m++) {
            if (pair_of_r[c[m].i] >= 0 || pair_of_a[c[m].j] >= 0) continue;
            pair_of_r[c[m].i] = (long)c[m].j;
            pair_of_a[c[m].j] = (long)c[m].i;
            paired++;
        }
        free(c);
        if (nr - paired == na - paired) {
            /* a block rewritten in place: the leftovers pair in order */
            size_t a = 0;
            for (size_t r = 0; r < nr; r++) {
                if (pair_of_r[r] >= 0) continue;
                while (pair_of_a[a] >= 0) a++;
                pair_of_r[r] = (long)a;
                pair_of_a[a] = (long)r;
            }
        }
    }
    /* in new order: changes and additions, then what was removed */
    for (size_t a = 0; a < na; a++) {
        if (pair_of_a[a] >= 0)
            push(l, make(CH_CHANGED, so, i0 + (size_t)pair_of_a[a], sn, j0 + a));
        else
            push(l, make(CH_ADDED, so, 0, sn, j0 + a));
    }
    for (size_t r = 0; r < nr; r++)
        if (pair_of_r[r] < 0) push(l, make(CH_REMOVED, so, i0 + r, sn, 0));
    free(pair_of_r);
    free(pair_of_a);
}

/* A common sentence whose exact text changed (case, punctuation) is still
 * a change worth showing. */
static void common(change_list *l, const cmp_section *so, size_t i,
                   const cmp_section *sn, size_t j)
{
    if (strcmp(so->sent[i].text, sn->sent[j].text) != 0)
        push(l, make(CH_CHANGED, so, i, sn, j));
}

static void diff_sentences(change_list *l, const cmp_section *so,
                           const cmp_section *sn)
{
    size_t n = so->n, m = sn->n;
    size_t pre = 0, suf = 0;
    while (pre < n && pre < m && same_sentence(&so->sent[pre], &sn->sent[pre])) pre++;
    while (suf < n - pre && suf < m - pre &&
           same_sentence(&so->sent[n - 1 - suf], &sn->sent[m - 1 - suf]))
        suf++;
    for (size_t k = 0; k < pre; k++) common(l, so, k, sn, k);
    size_t a = n - pre - suf, b = m - pre - suf;
    if (a && b && (a + 1) * (b + 1) <= (size_t)LCS_MAX_CELLS) {
        /* len[i][j]: LCS of old[pre+i..] and new[pre+j..] */
        uint32_t *len = cmp_xcalloc((a + 1) * (b + 1), sizeof *len);
#define LEN(i, j) len[(i) * (b + 1) + (j)]
        for (size_t i = a; i-- > 0;)
            for (size_t j = b; j-- > 0;)
                LEN(i, j) = same_sentence(&so->sent[pre + i], &sn->sent[pre + j])
                                ? LEN(i + 1, j + 1) + 1
                                : (LEN(i + 1, j) >= LEN(i, j + 1) ? LEN(i + 1, j)
                                                                  : LEN(i, j + 1));
        size_t i = 0, j = 0, hi = 0, hj = 0;
        while (i < a && j < b) {
            if (same_sentence(&so->sent[pre + i], &sn->sent[pre + j])) {
                hunk(l, so, pre + hi, pre + i, sn, pre + hj, pre + j);
                common(l, so, pre + i, sn, pre + j);
                i++, j++;
                hi = i, hj = j;
            } else if (LEN(i + 1, j) >= LEN(i, j + 1)) {
                i++;
            } else {
                j++;
            }
        }
#undef LEN
        free(len);
        hunk(l, so, pre + hi, pre + a, sn, pre + hj, pre + b);
    } else {
        hunk(l, so, pre, pre + a, sn, pre, pre + b);
    }
    for (size_t k = 0; k < suf; k++) common(l, so, n - suf + k, sn, m - suf + k);
}

static int by_share(const void *pa, const void *pb)
{
    const cmp_change *a = pa, *b = pb;
    double x = a->share < 0 ? -a->share : a->share;
    double y = b->share < 0 ? -b->share : b->share;
    if (x != y) return x > y ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* ------------------------------------------------------------------------
 * Word shift
 * ---------------------------------------------------------------------- */

typedef struct shift_entry {
    const cmp_hit *hit;
    double signed_weight;   /* +w growth, -w negativity; negated when before */
    int after;              /* 1 = new side */
    size_t seq;             /* insertion order: fixes the summation order */
} shift_entry;

typedef struct shift_list {
    shift_entry *v;
    size_t n, cap;
} shift_list;

static void shift_add_section(shift_list *l, const cmp_section *s, int after)
{
    if (!s || !s->sent) return; /* nothing to count */
    for (size_t i = 0; i < s->n; i++)
        for (size_t k = 0; k < s->sent[i].n_hits; k++) {
            if (l->n == l->cap) {
                l->cap = l->cap ? l->cap * 2 : 32;
                l->v = cmp_xrealloc(l->v, l->cap * sizeof *l->v);
            }
            const cmp_hit *h = &s->sent[i].hits[k];
            double w = h->dim == TS_GROWTH ? h->weight : -h->weight;
            l->v[l->n] = (shift_entry){h, w, after, l->n};
            l->n++;
        }
}

static int same_term(const shift_entry *x, const shift_entry *y)
{
    return x->hit->dim == y->hit->dim && !strcmp(x->hit->term, y->hit->term) &&
           !strcmp(x->hit->category, y->hit->category);
}

static int by_term(const void *pa, const void *pb)
{
    size_t sa = ((const shift_entry *)pa)->seq, sb = ((const shift_entry *)pb)->seq;
    const cmp_hit *a = ((const shift_entry *)pa)->hit;
    const cmp_hit *b = ((const shift_entry *)pb)->hit;
    int c = strcmp(a->term, b->term);
    if (c) return c;
    if (a->dim != b->dim) return a->dim < b->dim ? -1 : 1;
    c = strcmp(a->category, b->category);
    if (c) return c;
    return sa < sb ? -1 : sa > sb;
}

static int by_contribution(const void *pa, const void *pb)
{
    const cmp_term *a = pa, *b = pb;
    double x = a->contribution < 0 ? -a->contribution : a->contribution;
    double y = b->contribution < 0 ? -b->contribution : b->contribution;
    if (x != y) return x > y ? -1 : 1;
    int c = strcmp(a->term, b->term);
    if (c) return c;
    if (a->dim != b->dim) return a->dim < b->dim ? -1 : 1;
    return strcmp(a->category, b->category);
}

/* Totals each (term, dimension, category) on both sides; the contribution
 * is after - before, rounded to six decimals so that terms only found in
 * unchanged text cancel exactly. */
static void shift_finish(shift_list *l, cmp_term **out, size_t *n_out)
{
    /* a group's entries keep their insertion order (document order) */
    if (l->n > 1) qsort(l->v, l->n, sizeof *l->v, by_term);
    cmp_term *t = cmp_xcalloc(l->n, sizeof *t);
    size_t n = 0;
    for (size_t i = 0; i < l->n;) {
        size_t j = i;
        double before = 0, after = 0;
        while (j < l->n && same_term(&l->v[i], &l->v[j])) {
            if (l->v[j].after) after += l->v[j].signed_weight;
            else before += l->v[j].signed_weight;
            j++;
        }
        double c = cmp_round6(after - before);
        if (c != 0) {
            const cmp_hit *h = l->v[i].hit;
            t[n++] = (cmp_term){h->term, h->category, h->dim, c};
        }
        i = j;
    }
    if (n > 1) qsort(t, n, sizeof *t, by_contribution);
    free(l->v);
    memset(l, 0, sizeof *l);
    *out = t;
    *n_out = n;
}

/* ------------------------------------------------------------------------
 * The whole comparison
 * ---------------------------------------------------------------------- */

static void diff_pair(cmp_pair *p)
{
    const cmp_section *so = p->before, *sn = p->after;
    change_list l = {0};
    if (so && sn) {
        diff_sentences(&l, so, sn);
    } else if (sn) {
        for (size_t j = 0; j < sn->n; j++) push(&l, make(CH_ADDED, NULL, 0, sn, j));
    } else if (so) {
        for (size_t i = 0; i < so->n; i++) push(&l, make(CH_REMOVED, so, i, NULL, 0));
    }
    if (so && sn)
        p->status = strcmp(so->title, sn->title) != 0 ? ST_RENAMED
                    : l.n ? ST_CHANGED : ST_SAME;
    else
        p->status = so ? ST_REMOVED : ST_ADDED;
    double nb = so && so->n ? (double)so->n : 1, na = sn && sn->n ? (double)sn->n : 1;
    for (size_t k = 0; k < l.n; k++) {
        cmp_change *c = &l.v[k];
        c->share = (c->after ? c->after->tone / na : 0) -
                   (c->before ? c->before->tone / nb : 0);
    }
    if (l.n > 1) qsort(l.v, l.n, sizeof *l.v, by_share);
    p->changes = l.v;
    p->n_changes = l.n;
    p->tone_before = so ? ts_stats_mean_tone(&so->stats) : 0;
    p->tone_after = sn ? ts_stats_mean_tone(&sn->stats) : 0;
    /* an unchanged section moved nothing, by construction */
    p->delta = p->status == ST_SAME ? 0.0 : p->tone_after - p->tone_before;
    if (p->status == ST_SAME) p->tone_after = p->tone_before;
    shift_list sl = {0};
    if (p->status != ST_SAME) {
        shift_add_section(&sl, so, 0);
        shift_add_section(&sl, sn, 1);
    }
    shift_finish(&sl, &p->shift, &p->n_shift);
}

static int title_is(const cmp_section *s, const char *only, const char *norm)
{
    return s && (!strcmp(s->title, only) || !strcmp(s->norm_title, norm));
}

size_t cmp_run(cmp_result *r, const cmp_doc *before, const cmp_doc *after,
               const char *only)
{
    memset(r, 0, sizeof *r);
    r->before = before;
    r->after = after;
    long *new_of = cmp_xmalloc((before->n + 1) * sizeof *new_of);
    long *old_of = cmp_xmalloc((after->n + 1) * sizeof *old_of);
    for (size_t i = 0; i < before->n; i++) new_of[i] = -1;
    for (size_t j = 0; j < after->n; j++) old_of[j] = -1;
    match_titles(before, after, old_of, new_of, 0);
    match_titles(before, after, old_of, new_of, 1);
    match_similar(before, after, old_of, new_of, 0);
    match_similar(before, after, old_of, new_of, 1);

    /* merged order: the new document's, each removed section placed before
     * the first new section whose old counterpart comes after it */
    r->pairs = cmp_xcalloc(before->n + after->n, sizeof *r->pairs);
    size_t next_old = 0;
    for (size_t j = 0; j <= after->n; j++) {
        size_t upto = j < after->n && old_of[j] >= 0 ? (size_t)old_of[j]
                      : j == after->n ? before->n : next_old;
        for (; next_old < upto; next_old++)
            if (new_of[next_old] < 0)
                r->pairs[r->n++].before = &before->sec[next_old];
        if (j == after->n) break;
        cmp_pair *p = &r->pairs[r->n++];
        p->after = &after->sec[j];
        if (old_of[j] >= 0) p->before = &before->sec[old_of[j]];
    }
    free(new_of);
    free(old_of);

    char *norm = only ? cmp_normalise(only, 1) : NULL;
    size_t visible = 0;
    shift_list sl = {0};
    for (size_t k = 0; k < r->n; k++) {
        cmp_pair *p = &r->pairs[k];
        diff_pair(p);
        p->visible = !only || title_is(p->before, only, norm) ||
                     title_is(p->after, only, norm);
        if (!p->visible) continue;
        visible++;
        r->counts[p->status]++;
        if (p->status != ST_SAME) {
            shift_add_section(&sl, p->before, 0);
            shift_add_section(&sl, p->after, 1);
        }
    }
    free(norm);
    shift_finish(&sl, &r->shift, &r->n_shift);
    r->tone_before = ts_stats_mean_tone(&before->stats);
    r->tone_after = ts_stats_mean_tone(&after->stats);
    r->delta = r->tone_after - r->tone_before;
    return visible;
}

void cmp_result_free(cmp_result *r)
{
    for (size_t k = 0; k < r->n; k++) {
        free(r->pairs[k].changes);
        free(r->pairs[k].shift);
    }
    free(r->pairs);
    free(r->shift);
    memset(r, 0, sizeof *r);
}
