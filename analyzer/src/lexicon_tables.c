/* lexicon_tables.c - the lookup tables of a loaded lexicon, filled once
 * at load time and read-only afterwards (so any number of threads may look
 * up at once).
 *
 * Two uthash tables hold all but the prefixes: by stem, a stem's word
 * entries, the phrases that start with it (longest first) and the stem as
 * a word of some phrase; by folded word, its modifier, the modifier
 * phrases that start with it and the word as a phrase word.  A word met
 * for the first time is looked up once in each (it was six lookups in as
 * many tables, each hashing the word again and walking a chain that had
 * long left the cache), and a filter in front of each turns away most
 * such words without a walk at all.  The prefixes have a table and a
 * filter of their own. */
#include <assert.h>
#include <string.h>

#include "alloc.h"
#include "lexicon_impl.h"

/* ------------------------------------------------------- the two tables */

static keys_node *keys_find(keys_node *table, const char *key, size_t len,
                            unsigned hash)
{
    keys_node *n;
    HASH_FIND_BYHASHVALUE(hh, table, key, len, hash, n);
    return n;
}

/* A new node for key, which lives as long as the lexicon, in *table (and
 * its filter): every field NULL.  NULL when memory ran out. */
static keys_node *keys_add(ts_lexicon *lex, keys_node **table,
                           const char *key, size_t len, unsigned hash)
{
    keys_node *n = ts_arena_calloc(&lex->arena, sizeof *n);
    if (!n) return NULL;
    TS_HASH_OOM_RESET();
    HASH_ADD_KEYPTR_BYHASHVALUE(hh, *table, key, len, hash, n);
    if (HASH_COUNT(*table) == 1 && !TS_HASH_OOM())
        TS_HASH_RESERVE(hh, *table, lex->key_buckets);
    if (TS_HASH_OOM()) return NULL;
    ts_filter_add(table == &lex->stem_keys ? lex->stem_key_filter
                                           : lex->word_key_filter,
                  TS_KEYS_FILTER_BITS, hash);
    return n;
}

/* A bucket a key, up to 2^16 buckets a table (the builtin set has about
 * 4,300 stems and 2,700 words: 8,192 buckets). */
int ts_lexicon_expect_keys(ts_lexicon *lex, size_t n)
{
    lex->keys_expected += n;
    unsigned want = 32;
    while (want < 65536 && want < lex->keys_expected) want *= 2;
    lex->key_buckets = want;
    TS_HASH_OOM_RESET();
    if (lex->stem_keys) TS_HASH_RESERVE(hh, lex->stem_keys, want);
    if (lex->word_keys) TS_HASH_RESERVE(hh, lex->word_keys, want);
    return TS_HASH_OOM() ? -1 : 0;
}

/* The node of a NUL-terminated key in *table, added if new. */
static keys_node *keys_at(ts_lexicon *lex, keys_node **table,
                          const char *key)
{
    size_t len = strlen(key);
    unsigned hash = ts_hash_bytes(key, len);
    keys_node *n = keys_find(*table, key, len, hash);
    return n ? n : keys_add(lex, table, key, len, hash);
}

/* Every word of every phrase is kept once, so that matching compares
 * pointers: the memo finds a word's and its stem's copy with the rest of
 * what it looks up, and the scorer never compares strings while matching
 * phrases.  The copy is set in both tables (a stem and a folded word
 * alike may be a phrase word; ts_lexicon_interned asks the first).
 * copy: whether a new word is copied into the arena (a string of the
 * builtin set lives as long as the program, and is kept as it is). */
static const char *intern(ts_lexicon *lex, const char *w, size_t n,
                          int copy)
{
    unsigned hash = ts_hash_bytes(w, n);
    keys_node *s = keys_find(lex->stem_keys, w, n, hash);
    if (s && s->pub.stem.interned) return s->pub.stem.interned;
    const char *word = copy ? ts_arena_strndup(&lex->arena, w, n) : w;
    if (!word) return NULL;
    if (!s && !(s = keys_add(lex, &lex->stem_keys, word, n, hash)))
        return NULL;
    keys_node *f = keys_find(lex->word_keys, word, n, hash);
    if (!f && !(f = keys_add(lex, &lex->word_keys, word, n, hash)))
        return NULL;
    s->pub.stem.interned = word;
    f->pub.word.interned = word;
    return word;
}

const char *ts_lexicon_intern_static(ts_lexicon *lex, const char *w,
                                     size_t n)
{
    return intern(lex, w, n, 0);
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

/* Adds a phrase whose words (interned) are already split: to the lists
 * of the stem table, or of the folded-word table for a modifier. */
static int add_phrase_words(ts_lexicon *lex, int modifier, const ts_entry *e,
                            size_t n_words, const char **words)
{
    keys_node *k = keys_at(lex, modifier ? &lex->word_keys : &lex->stem_keys,
                           words[0]);
    if (!k) return -1;
    /* the records hold const pointers for their readers; the list itself
     * is the lexicon's, in its arena, and still being filled */
    const ts_lex_phrases **slot = modifier ? &k->pub.word.mod_phrases
                                           : &k->pub.stem.phrases;
    ts_lex_phrases *list = (ts_lex_phrases *)*slot;
    if (!list) {
        list = ts_arena_calloc(&lex->arena, sizeof *list);
        if (!list) return -1;
        list->first = (char *)words[0];
        *slot = list;
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

static int add_phrase(ts_lexicon *lex, int modifier, const ts_entry *e,
                      size_t n_words)
{
    const char **words = split_words(lex, e->key, n_words);
    if (!words) return -1;
    return add_phrase_words(lex, modifier, e, n_words, words);
}

int ts_lexicon_index_phrase(ts_lexicon *lex, const ts_entry *e,
                            size_t n_words, const char **words)
{
    return add_phrase_words(lex, e->kind == TS_ENTRY_MODIFIER, e, n_words,
                            words);
}

/* A word entry under its stem: the first of each dimension stays. */
static int add_word(ts_lexicon *lex, const ts_entry *e)
{
    keys_node *k = keys_at(lex, &lex->stem_keys, e->key);
    if (!k) return -1;
    ts_lex_word *w = (ts_lex_word *)k->pub.stem.word;   /* as above */
    if (!w) {
        w = ts_arena_calloc(&lex->arena, sizeof *w);
        if (!w) return -1;
        w->key = (char *)e->key;
        k->pub.stem.word = w;
    }
    if (!w->entry[e->dim]) w->entry[e->dim] = e;
    return 0;
}

int ts_lexicon_index_entry(ts_lexicon *lex, const ts_entry *e, size_t n_words)
{
    if (e->kind == TS_ENTRY_MODIFIER) {
        if (n_words > 1) return add_phrase(lex, 1, e, n_words);
        keys_node *k = keys_at(lex, &lex->word_keys, e->key);
        if (!k) return -1;
        /* first one wins; check reports the duplicate */
        if (!k->pub.word.modifier) k->pub.word.modifier = e;
        return 0;
    }
    if (e->kind == TS_ENTRY_PHRASE) return add_phrase(lex, 0, e, n_words);
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
    return add_word(lex, e);
}

/* ---------------------------------------------------------- the prefixes */

/* The filter's bit for a word starting with the k bytes at s (k <= 8). */
static unsigned prefix_start_bit(const char *s, size_t k)
{
    uint64_t x = 0;
    memcpy(&x, s, k);
    return (unsigned)((x * TS_HASH_MUL) >> (64 - TS_PREFIX_FILTER_BITS));
}

static void build_prefix_filter(ts_lexicon *lex)
{
    size_t k = lex->prefix_min < 8 ? lex->prefix_min : 8;
    if (!lex->prefixes || k == 0) return;
    for (const prefix_node *p = lex->prefixes; p; p = p->hh.next) {
        size_t len = strlen(p->key);
        unsigned b = prefix_start_bit(p->key, k);
        lex->prefix_starts[b / 64] |= (uint64_t)1 << (b % 64);
        if (len <= 64) lex->prefix_lengths |= (uint64_t)1 << (len - 1);
    }
    lex->prefix_filter_len = k;
}

/* The prefix filter needs every prefix: its width is the shortest's. */
void ts_lexicon_finish(ts_lexicon *lex)
{
    build_prefix_filter(lex);
}

/* The nodes and strings are all in the arena: only the tables' bucket
 * arrays need freeing apart from it. */
void ts_lexicon_free(ts_lexicon *lex)
{
    if (!lex) return;
    HASH_CLEAR(hh, lex->stem_keys);
    HASH_CLEAR(hh, lex->word_keys);
    HASH_CLEAR(hh, lex->prefixes);
    ts_arena_free(&lex->arena);
    ts_free(lex);
}

/* ------------------------------------------------------------- lookups */

const ts_lex_stem_keys *ts_lexicon_stem_keys(const ts_lexicon *lex,
                                             const char *stem, size_t len)
{
    unsigned hash = ts_hash_bytes(stem, len);
    if (!ts_filter_may_hold(lex->stem_key_filter, TS_KEYS_FILTER_BITS, hash))
        return NULL;
    keys_node *n = keys_find(lex->stem_keys, stem, len, hash);
    return n ? &n->pub.stem : NULL;
}

const ts_lex_word_keys *ts_lexicon_word_keys(const ts_lexicon *lex,
                                             const char *word, size_t len,
                                             unsigned hash)
{
    assert(hash == ts_hash_bytes(word, len));
    if (!ts_filter_may_hold(lex->word_key_filter, TS_KEYS_FILTER_BITS, hash))
        return NULL;
    keys_node *n = keys_find(lex->word_keys, word, len, hash);
    return n ? &n->pub.word : NULL;
}

/* The separate lookups, one field of a record each. */

static const ts_lex_stem_keys *stem_record(const ts_lexicon *lex,
                                           const char *stem)
{
    return ts_lexicon_stem_keys(lex, stem, strlen(stem));
}

static const ts_lex_word_keys *word_record(const ts_lexicon *lex,
                                           const char *word)
{
    size_t len = strlen(word);
    return ts_lexicon_word_keys(lex, word, len, ts_hash_bytes(word, len));
}

const ts_lex_word *ts_lexicon_word(const ts_lexicon *lex, const char *stem)
{
    const ts_lex_stem_keys *k = stem_record(lex, stem);
    return k ? k->word : NULL;
}

const ts_lex_phrases *ts_lexicon_phrases(const ts_lexicon *lex,
                                         const char *first_stem)
{
    const ts_lex_stem_keys *k = stem_record(lex, first_stem);
    return k ? k->phrases : NULL;
}

const char *ts_lexicon_interned(const ts_lexicon *lex, const char *w,
                                size_t n)
{
    const ts_lex_stem_keys *k = ts_lexicon_stem_keys(lex, w, n);
    return k ? k->interned : NULL;
}

const ts_entry *ts_lexicon_modifier(const ts_lexicon *lex, const char *folded)
{
    const ts_lex_word_keys *k = word_record(lex, folded);
    return k ? k->modifier : NULL;
}

const ts_lex_phrases *ts_lexicon_modifier_phrases(const ts_lexicon *lex,
                                                  const char *first_folded)
{
    const ts_lex_word_keys *k = word_record(lex, first_folded);
    return k ? k->mod_phrases : NULL;
}

/* No prefix entry can match a word (of prefix_min bytes or more) whose
 * first bytes the filter has no bit for: most words stop here. */
static int prefix_may_start(const ts_lexicon *lex, const char *folded)
{
    size_t k = lex->prefix_filter_len;
    if (k == 0) return 1;
    unsigned b = prefix_start_bit(folded, k);
    return (int)((lex->prefix_starts[b / 64] >> (b % 64)) & 1);
}

/* Whether some prefix entry has n bytes (with no filter, any may). */
static int prefix_length_used(const ts_lexicon *lex, size_t n)
{
    return lex->prefix_filter_len == 0 || n > 64 ||
           ((lex->prefix_lengths >> (n - 1)) & 1);
}

const ts_entry *ts_lexicon_prefix(const ts_lexicon *lex, const char *folded,
                                  size_t len, ts_dimension dim)
{
    if (!lex->prefixes || len < lex->prefix_min) return NULL;
    if (!prefix_may_start(lex, folded)) return NULL;
    size_t max = len < lex->prefix_max ? len : lex->prefix_max;
    for (size_t n = max; n >= lex->prefix_min && n > 0; n--) {
        if (!prefix_length_used(lex, n)) continue;
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
    if (!prefix_may_start(lex, folded)) return;
    size_t max = len < lex->prefix_max ? len : lex->prefix_max;
    for (size_t n = max; n >= lex->prefix_min && n > 0; n--) {
        if (!prefix_length_used(lex, n)) continue;
        prefix_node *p;
        HASH_FIND(hh, lex->prefixes, folded, n, p);
        if (!p) continue;
        /* the longest match of each dimension wins */
        for (int d = 0; d < 2; d++)
            if (!out[d]) out[d] = p->entry[d];
        if (out[0] && out[1]) return;
    }
}

ts_status ts_lexicon_foreach(const ts_lexicon *lex, ts_entry_cb cb, void *ctx)
{
    for (int k = 0; k < 3; k++)
        for (const entry_node *n = lex->head[k]; n; n = n->next)
            if (cb(ctx, &n->pub)) return TS_ECALLBACK;
    return TS_OK;
}
