/* lexicon_tables.c - the lookup tables of a loaded lexicon: words by
 * stem, prefixes, phrases by first word (longest first), modifiers, and
 * the intern table of phrase words; filled once at load time, read-only
 * afterwards (so any number of threads may look up at once). */
#include <string.h>

#include "alloc.h"
#include "lexicon_impl.h"

/* Every word of every phrase is kept once, in the intern table, so that
 * matching compares pointers: the memo looks a word's stem up here once
 * and the scorer never compares strings while matching phrases.  copy:
 * whether a new word is copied into the arena (a string of the builtin
 * set lives as long as the program, and is kept as it is). */
static const char *intern(ts_lexicon *lex, const char *w, size_t n,
                          int copy)
{
    intern_node *node;
    HASH_FIND(hh, lex->interned, w, n, node);
    if (node) return node->word;
    node = ts_arena_calloc(&lex->arena, sizeof *node);
    if (!node) return NULL;
    node->word = copy ? ts_arena_strndup(&lex->arena, w, n) : (char *)w;
    if (!node->word) return NULL;
    TS_HASH_OOM_RESET();
    HASH_ADD_KEYPTR(hh, lex->interned, node->word, n, node);
    if (TS_HASH_OOM()) return NULL;
    return node->word;
}

const char *ts_lexicon_intern_static(ts_lexicon *lex, const char *w,
                                     size_t n)
{
    return intern(lex, w, n, 0);
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
    const char **v = ts_arena_calloc(&lex->arena, n_words * sizeof *v);
    if (!v) return NULL;
    const char *p = key;
    for (size_t i = 0; i < n_words; i++) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        v[i] = intern(lex, p, len, 1);
        if (!v[i]) return NULL;
        p = e ? e + 1 : p + len;
    }
    return v;
}

/* Room for one more phrase in list->v, which lives in the arena: its
 * capacity is the power of two at or above n, so it moves (and leaves the
 * old copy behind) only when n is a power of two. */
static int phrase_room(ts_lexicon *lex, ts_lex_phrases *list)
{
    size_t n = list->n;
    if (n && (n & (n - 1))) return 0;
    size_t cap = n ? 2 * n : 1;
    ts_lex_phrase *v = ts_arena_calloc(&lex->arena, cap * sizeof *v);
    if (!v) return -1;
    if (n) memcpy(v, list->v, n * sizeof *v);
    list->v = v;
    return 0;
}

/* Adds a phrase whose words (interned) are already split. */
static int add_phrase_words(ts_lexicon *lex, ts_lex_phrases **table,
                            const ts_entry *e, size_t n_words,
                            const char **words)
{
    ts_lex_phrases *list;
    HASH_FIND_STR(*table, words[0], list);
    if (!list) {
        list = ts_arena_calloc(&lex->arena, sizeof *list);
        if (!list) return -1;
        list->first = (char *)words[0];
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, *table, list->first, strlen(list->first), list);
        if (TS_HASH_OOM()) return -1;
    }
    if (phrase_room(lex, list)) return -1;
    /* keep longest first; equal lengths in file order */
    size_t at = list->n;
    while (at > 0 && list->v[at - 1].n < n_words) {
        list->v[at] = list->v[at - 1];
        at--;
    }
    list->v[at].entry = e;
    list->v[at].n = n_words;
    list->v[at].words = words;
    list->v[at].second = words[1];
    list->n++;
    list->seconds |= ts_phrase_word_bit(words[1]);
    return 0;
}

static int add_phrase(ts_lexicon *lex, ts_lex_phrases **table,
                      const ts_entry *e, size_t n_words)
{
    const char **words = split_words(lex, e->key, n_words);
    if (!words) return -1;
    return add_phrase_words(lex, table, e, n_words, words);
}

int ts_lexicon_index_phrase(ts_lexicon *lex, const ts_entry *e,
                            size_t n_words, const char **words)
{
    ts_lex_phrases **table = e->kind == TS_ENTRY_MODIFIER
                                 ? &lex->modifier_phrases
                                 : &lex->phrases;
    return add_phrase_words(lex, table, e, n_words, words);
}

int ts_lexicon_index_entry(ts_lexicon *lex, const ts_entry *e, size_t n_words)
{
    if (e->kind == TS_ENTRY_MODIFIER) {
        if (n_words > 1) return add_phrase(lex, &lex->modifier_phrases, e, n_words);
        ts_lex_modifier *m;
        HASH_FIND_STR(lex->modifiers, e->key, m);
        if (m) return 0; /* first one wins; check reports the duplicate */
        m = ts_arena_calloc(&lex->arena, sizeof *m);
        if (!m) return -1;
        m->key = (char *)e->key;
        m->entry = e;
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, lex->modifiers, m->key, strlen(m->key), m);
        return TS_HASH_OOM() ? -1 : 0;
    }
    if (e->kind == TS_ENTRY_PHRASE) return add_phrase(lex, &lex->phrases, e, n_words);
    if (e->kind == TS_ENTRY_PREFIX) {
        prefix_node *p;
        HASH_FIND_STR(lex->prefixes, e->key, p);
        if (!p) {
            p = ts_arena_calloc(&lex->arena, sizeof *p);
            if (!p) return -1;
            p->key = (char *)e->key;
            TS_HASH_OOM_RESET();
            HASH_ADD_KEYPTR(hh, lex->prefixes, p->key, strlen(p->key), p);
            if (TS_HASH_OOM()) return -1;
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
        w = ts_arena_calloc(&lex->arena, sizeof *w);
        if (!w) return -1;
        w->key = (char *)e->key;
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, lex->words, w->key, strlen(w->key), w);
        if (TS_HASH_OOM()) return -1;
    }
    if (!w->entry[e->dim]) w->entry[e->dim] = e;
    return 0;
}

/* The nodes and strings are all in the arena: only the tables' bucket
 * arrays need freeing apart from it. */
void ts_lexicon_free(ts_lexicon *lex)
{
    if (!lex) return;
    HASH_CLEAR(hh, lex->words);
    HASH_CLEAR(hh, lex->prefixes);
    HASH_CLEAR(hh, lex->modifiers);
    HASH_CLEAR(hh, lex->phrases);
    HASH_CLEAR(hh, lex->modifier_phrases);
    HASH_CLEAR(hh, lex->interned);
    ts_arena_free(&lex->arena);
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

void ts_lexicon_prefixes(const ts_lexicon *lex, const char *folded,
                         size_t len, const ts_entry *out[2])
{
    out[0] = out[1] = NULL;
    if (!lex->prefixes || len < lex->prefix_min) return;
    size_t max = len < lex->prefix_max ? len : lex->prefix_max;
    for (size_t n = max; n >= lex->prefix_min && n > 0; n--) {
        prefix_node *p;
        HASH_FIND(hh, lex->prefixes, folded, n, p);
        if (!p) continue;
        /* the longest match of each dimension wins */
        for (int d = 0; d < 2; d++)
            if (!out[d]) out[d] = p->entry[d];
        if (out[0] && out[1]) return;
    }
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
