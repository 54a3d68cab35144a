/* lexicon_tables.c - the lookup tables of a loaded lexicon: words by
 * stem, prefixes, phrases by first word (longest first), modifiers, and
 * the intern table of phrase words; filled once at load time, read-only
 * afterwards (so any number of threads may look up at once). */
#include <string.h>

#include "alloc.h"
#include "lexicon_impl.h"

/* Every word of every phrase is kept once, in the intern table, so that
 * matching compares pointers: the memo looks a word's stem up here once
 * and the scorer never compares strings while matching phrases. */
static const char *intern(ts_lexicon *lex, const char *w, size_t n)
{
    intern_node *node;
    HASH_FIND(hh, lex->interned, w, n, node);
    if (node) return node->word;
    node = ts_calloc(1, sizeof *node);
    if (!node || !(node->word = ts_strndup(w, n))) {
        ts_free(node);
        return NULL;
    }
    TS_HASH_OOM_RESET();
    HASH_ADD_KEYPTR(hh, lex->interned, node->word, n, node);
    if (TS_HASH_OOM()) {
        ts_free(node->word);
        ts_free(node);
        return NULL;
    }
    return node->word;
}

const char *ts_lexicon_interned(const ts_lexicon *lex, const char *w,
                                size_t n)
{
    intern_node *node;
    HASH_FIND(hh, lex->interned, w, n, node);
    return node ? node->word : NULL;
}

/* Splits a space-joined key into an array of interned words. */
static const char **split_words(ts_lexicon *lex, const char *key,
                                size_t n_words)
{
    const char **v = ts_calloc(n_words, sizeof *v);
    if (!v) return NULL;
    const char *p = key;
    for (size_t i = 0; i < n_words; i++) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        v[i] = intern(lex, p, len);
        if (!v[i]) {
            ts_free(v);
            return NULL;
        }
        p = e ? e + 1 : p + len;
    }
    return v;
}

static int add_phrase(ts_lexicon *lex, ts_lex_phrases **table,
                      const ts_entry *e, size_t n_words)
{
    const char **words = split_words(lex, e->key, n_words);
    if (!words) return -1;
    ts_lex_phrases *list;
    HASH_FIND_STR(*table, words[0], list);
    if (!list) {
        list = ts_calloc(1, sizeof *list);
        if (!list || !(list->first = ts_strdup(words[0]))) {
            ts_free(list);
            goto fail;
        }
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, *table, list->first, strlen(list->first), list);
        if (TS_HASH_OOM()) {
            ts_free(list->first);
            ts_free(list);
            goto fail;
        }
    }
    ts_lex_phrase *v = ts_realloc(list->v, (list->n + 1) * sizeof *v);
    if (!v) goto fail;
    list->v = v;
    /* keep longest first; equal lengths in file order */
    size_t at = list->n;
    while (at > 0 && list->v[at - 1].n < n_words) {
        list->v[at] = list->v[at - 1];
        at--;
    }
    list->v[at].entry = e;
    list->v[at].n = n_words;
    list->v[at].words = words;
    list->n++;
    list->seconds |= ts_phrase_word_bit(words[1]);
    return 0;
fail:
    ts_free(words);
    return -1;
}

int ts_lexicon_index_entry(ts_lexicon *lex, const ts_entry *e, size_t n_words)
{
    if (e->kind == TS_ENTRY_MODIFIER) {
        if (n_words > 1) return add_phrase(lex, &lex->modifier_phrases, e, n_words);
        ts_lex_modifier *m;
        HASH_FIND_STR(lex->modifiers, e->key, m);
        if (m) return 0; /* first one wins; check reports the duplicate */
        m = ts_calloc(1, sizeof *m);
        if (!m) return -1;
        m->key = (char *)e->key;
        m->entry = e;
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, lex->modifiers, m->key, strlen(m->key), m);
        if (TS_HASH_OOM()) {
            ts_free(m);
            return -1;
        }
        return 0;
    }
    if (e->kind == TS_ENTRY_PHRASE) return add_phrase(lex, &lex->phrases, e, n_words);
    if (e->kind == TS_ENTRY_PREFIX) {
        prefix_node *p;
        HASH_FIND_STR(lex->prefixes, e->key, p);
        if (!p) {
            p = ts_calloc(1, sizeof *p);
            if (!p) return -1;
            p->key = (char *)e->key;
            TS_HASH_OOM_RESET();
            HASH_ADD_KEYPTR(hh, lex->prefixes, p->key, strlen(p->key), p);
            if (TS_HASH_OOM()) {
                ts_free(p);
                return -1;
            }
        }
        if (!p->entry[e->dim]) p->entry[e->dim] = e;
        size_t len = strlen(e->key);
        if (lex->prefix_min == 0 || len < lex->prefix_min) lex->prefix_min = len;
        if (len > lex->prefix_max) lex->prefix_max = len;
        return 0;
    }
    ts_lex_word *w;
    HASH_FIND_STR(lex->words, e->key, w);
    if (!w) {
        w = ts_calloc(1, sizeof *w);
        if (!w) return -1;
        w->key = (char *)e->key;
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, lex->words, w->key, strlen(w->key), w);
        if (TS_HASH_OOM()) {
            ts_free(w);
            return -1;
        }
    }
    if (!w->entry[e->dim]) w->entry[e->dim] = e;
    return 0;
}

void ts_lexicon_free_entry(entry_node *n)
{
    ts_free((char *)n->pub.term);
    ts_free((char *)n->pub.key);
    ts_free((char *)n->pub.category);
    ts_free((char *)n->pub.source);
    ts_free(n);
}

void ts_lexicon_free(ts_lexicon *lex)
{
    if (!lex) return;
    ts_lex_word *w, *wt;
    HASH_ITER(hh, lex->words, w, wt) {
        HASH_DEL(lex->words, w);
        ts_free(w);
    }
    prefix_node *p, *pt;
    HASH_ITER(hh, lex->prefixes, p, pt) {
        HASH_DEL(lex->prefixes, p);
        ts_free(p);
    }
    ts_lex_modifier *m, *mt;
    HASH_ITER(hh, lex->modifiers, m, mt) {
        HASH_DEL(lex->modifiers, m);
        ts_free(m);
    }
    ts_lex_phrases *tables[2] = {lex->phrases, lex->modifier_phrases};
    for (int t = 0; t < 2; t++) {
        ts_lex_phrases *l, *lt;
        HASH_ITER(hh, tables[t], l, lt) {
            HASH_DEL(tables[t], l);
            for (size_t i = 0; i < l->n; i++) {
                ts_free(l->v[i].words);
            }
            ts_free(l->v);
            ts_free(l->first);
            ts_free(l);
        }
    }
    intern_node *in, *it;
    HASH_ITER(hh, lex->interned, in, it) {
        HASH_DEL(lex->interned, in);
        ts_free(in->word);
        ts_free(in);
    }
    for (int k = 0; k < 3; k++) {
        entry_node *n = lex->head[k];
        while (n) {
            entry_node *next = n->next;
            ts_lexicon_free_entry(n);
            n = next;
        }
    }
    ts_free(lex);
}

/* ------------------------------------------------------------- lookups */

const ts_lex_word *ts_lexicon_word(const ts_lexicon *lex, const char *stem)
{
    ts_lex_word *w;
    HASH_FIND_STR(lex->words, stem, w);
    return w;
}

const ts_entry *ts_lexicon_prefix(const ts_lexicon *lex, const char *folded,
                                  size_t len, ts_dimension dim)
{
    if (!lex->prefixes || len < lex->prefix_min) return NULL;
    size_t max = len < lex->prefix_max ? len : lex->prefix_max;
    for (size_t n = max; n >= lex->prefix_min && n > 0; n--) {
        prefix_node *p;
        HASH_FIND(hh, lex->prefixes, folded, n, p);
        if (p && p->entry[dim]) return p->entry[dim];
    }
    return NULL;
}

const ts_lex_phrases *ts_lexicon_phrases(const ts_lexicon *lex,
                                         const char *first_stem)
{
    ts_lex_phrases *l;
    HASH_FIND_STR(lex->phrases, first_stem, l);
    return l;
}

const ts_entry *ts_lexicon_modifier(const ts_lexicon *lex, const char *folded)
{
    ts_lex_modifier *m;
    HASH_FIND_STR(lex->modifiers, folded, m);
    return m ? m->entry : NULL;
}

const ts_lex_phrases *ts_lexicon_modifier_phrases(const ts_lexicon *lex,
                                                  const char *first_folded)
{
    ts_lex_phrases *l;
    HASH_FIND_STR(lex->modifier_phrases, first_folded, l);
    return l;
}

ts_status ts_lexicon_foreach(const ts_lexicon *lex, ts_entry_cb cb, void *ctx)
{
    for (int k = 0; k < 3; k++)
        for (const entry_node *n = lex->head[k]; n; n = n->next)
            if (cb(ctx, &n->pub)) return TS_ECALLBACK;
    return TS_OK;
}
