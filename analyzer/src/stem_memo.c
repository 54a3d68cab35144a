/* stem_memo.c - the per-analyzer word memo (stage 5). */
#include "stem_memo.h"

#include <libstemmer.h>
#include <stdalign.h>
#include <string.h>

#include "alloc.h"
#include "swar.h"

/* A word met lately, found again without uthash: its bucket chains run
 * through records scattered over the heap, and walking them was most of
 * the cost of a lookup. */
typedef struct recent_word {
    unsigned hash;               /* of w->word */
    ts_word_info *w;             /* or NULL */
} recent_word;

#define RECENT_SLOTS 16384       /* a power of two; 256 KiB */

/* Room after a stored word: its NUL and the bytes ts_same_padded() may
 * read past it, all zeros. */
#define WORD_PAD 8

/* Words live in blocks, not in a malloc each.  Scoring threads meeting new
 * words one record at a time grew glibc's per-thread heaps a page at a
 * time, an mprotect() each, and those calls serialised the threads in the
 * kernel: 1,200 of them on 10 MB of sentences, where a two-thread run
 * spent twice the share of its time in the kernel that one thread did.  A block is big enough for malloc to map it by
 * itself.  Blocks are never freed one word at a time: a trim moves the
 * words it keeps to fresh blocks and drops the old ones whole. */
#define WORD_BLOCK ((size_t)256 * 1024)
#define RECORD_ALIGN alignof(ts_word_info)

typedef struct word_block {
    struct word_block *next;
    size_t used, cap;
    alignas(ts_word_info) char data[];
} word_block;

struct ts_memo {
    const ts_lexicon *lex;
    struct sb_stemmer *stemmer;  /* one per memo: libstemmer is not shared */
    word_block *blocks;          /* the current one first */
    ts_word_info *table;
    size_t count;
    size_t capacity;
    unsigned gen;                /* current generation */
    recent_word recent[RECENT_SLOTS];  /* by hash, direct-mapped */
};

ts_memo *ts_memo_new(const ts_lexicon *lex, size_t capacity)
{
    ts_memo *m = ts_calloc(1, sizeof *m);
    if (!m) return NULL;
    m->stemmer = sb_stemmer_new(TS_STEMMER_LANGUAGE, TS_STEMMER_ENCODING);
    if (!m->stemmer) {
        ts_free(m);
        return NULL;
    }
    m->lex = lex;
    m->capacity = capacity ? capacity : TS_MEMO_DEFAULT;
    return m;
}

static void free_blocks(word_block *b)
{
    while (b) {
        word_block *next = b->next;
        ts_free(b);
        b = next;
    }
}

/* Room for a record of size bytes.  One bigger than a block gets a block
 * of its own, put behind the current one, which keeps its space. */
static void *alloc_record(ts_memo *m, size_t size)
{
    size = (size + RECORD_ALIGN - 1) & ~(size_t)(RECORD_ALIGN - 1);
    word_block *b = m->blocks;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > WORD_BLOCK ? size : WORD_BLOCK;
        b = ts_malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->used = 0;
        b->cap = cap;
        if (cap > WORD_BLOCK && m->blocks) {
            b->next = m->blocks->next;
            m->blocks->next = b;
        } else {
            b->next = m->blocks;
            m->blocks = b;
        }
    }
    void *p = b->data + b->used;
    b->used += size;
    return p;
}

/* Bytes of a record: itself, the padded word, the stem and its NUL. */
static size_t record_size(const ts_word_info *w)
{
    return sizeof *w + w->word_len + WORD_PAD + strlen(w->stem) + 1;
}

/* Frees every word (the recent cache still points at them). */
static void drop_words(ts_memo *m)
{
    HASH_CLEAR(hh, m->table);
    free_blocks(m->blocks);
    m->blocks = NULL;
    m->count = 0;
}

/* Moves the words met again in the current generation to fresh blocks
 * and a fresh table.  -1 if memory ran out, with the memo left empty. */
static int keep_current(ts_memo *m)
{
    ts_word_info *old_table = m->table, *w, *tmp;
    word_block *old_blocks = m->blocks;
    m->table = NULL;
    m->blocks = NULL;
    m->count = 0;
    int rc = 0;
    HASH_ITER(hh, old_table, w, tmp) {
        if (w->gen != m->gen) continue;
        size_t size = record_size(w);
        ts_word_info *k = alloc_record(m, size);
        if (!k) {
            rc = -1;
            break;
        }
        memcpy(k, w, size);
        k->word = (const char *)(k + 1);
        k->stem = k->word + k->word_len + WORD_PAD;
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR_BYHASHVALUE(hh, m->table, k->word, k->word_len,
                                    w->hh.hashv, k);
        if (TS_HASH_OOM()) {
            rc = -1;
            break;
        }
        m->count++;
    }
    HASH_CLEAR(hh, old_table);
    free_blocks(old_blocks);
    if (rc) drop_words(m);
    return rc;
}

void ts_memo_trim(ts_memo *m)
{
    if (m->count < m->capacity) return;
    /* Keep the words met again since they were added or since the last
     * trim, the text's everyday vocabulary, and forget the rest, met once;
     * if that frees too little (the text really uses that many words),
     * start afresh.  The memo is a cache: out of memory while moving the
     * words kept, it starts afresh too. */
    size_t used = 0;
    const ts_word_info *w;
    for (w = m->table; w; w = w->hh.next) used += w->gen == m->gen;
    if (used > m->capacity / 2)
        drop_words(m);
    else
        (void)keep_current(m);
    m->gen++;
    memset(m->recent, 0, sizeof m->recent);
}

size_t ts_memo_size(const ts_memo *m)
{
    return m->count;
}

void ts_memo_free(ts_memo *m)
{
    if (!m) return;
    /* not clear(): the 256 KiB recent cache dies with the memo, and
     * clearing it touched it all once more on the way out */
    drop_words(m);
    sb_stemmer_delete(m->stemmer);
    ts_free(m);
}

ts_word_info *ts_memo_lookup(ts_memo *m, const char *word, size_t len)
{
    return ts_memo_lookup_hashed(m, word, len, ts_hash_bytes(word, len));
}


#if defined(__GNUC__)
#define OUT_OF_LINE __attribute__((noinline))
#else
#define OUT_OF_LINE
#endif

/* Fills in what the lexicon holds for w (its word and stem are set; hash
 * is its word's): one lookup by stem, one by word, and the prefix lookups
 * that the lexicon's filter lets through.  The folded words hold no NUL
 * (the decoder drops them), so a key's length and its strlen agree. */
static void lexicon_fields(const ts_lexicon *lex, ts_word_info *w,
                           size_t slen, unsigned hash)
{
    const ts_lex_stem_keys *sk = ts_lexicon_stem_keys(lex, w->stem, slen);
    const ts_lex_word_keys *wk = ts_lexicon_word_keys(lex, w->word,
                                                      w->word_len, hash);
    if (sk) {
        w->entry = sk->word;
        w->phrases = sk->phrases;
        w->stem_in_phrases = sk->interned;
    }
    if (wk) {
        w->modifier = wk->modifier;
        w->mod_phrases = wk->mod_phrases;
        w->word_in_phrases = wk->interned;
    }
    ts_lexicon_prefixes(lex, w->word, w->word_len, w->prefix);
    for (int d = 0; d < 2; d++) {
        w->alone[d] = w->entry ? w->entry->entry[d] : NULL;
        if (!w->alone[d]) w->alone[d] = w->prefix[d];
    }
}

/* The word in the memo's table, or stemmed and added now; remembered as
 * met lately in r.  Kept out of line: the lookups of the recent cache
 * that nearly every word ends with stay small. */
static OUT_OF_LINE ts_word_info *lookup_table(ts_memo *m, recent_word *r, const char *word,
                                  size_t len, unsigned hash)
{
    ts_word_info *w;
    HASH_FIND_BYHASHVALUE(hh, m->table, word, len, hash, w);
    if (w) {
        w->gen = m->gen;
        r->hash = hash;
        r->w = w;
        return w;
    }
    const sb_symbol *s = sb_stemmer_stem(m->stemmer, (const sb_symbol *)word,
                                         (int)len);
    if (!s) return NULL;
    size_t slen = (size_t)sb_stemmer_length(m->stemmer);
    /* one record: the fields, then the padded word and the stem */
    w = alloc_record(m, sizeof *w + len + WORD_PAD + slen + 1);
    if (!w) return NULL;
    memset(w, 0, sizeof *w);
    char *wp = (char *)(w + 1);
    memcpy(wp, word, len);
    memset(wp + len, 0, WORD_PAD);
    char *sp = wp + len + WORD_PAD;
    memcpy(sp, s, slen);
    sp[slen] = '\0';
    w->word = wp;
    w->word_len = len;
    /* not yet met again: a trim now would forget it */
    w->gen = m->gen - 1;
    w->stem = sp;
    lexicon_fields(m->lex, w, slen, hash);
    w->phrase_seconds = w->phrases ? w->phrases->seconds : 0;
    w->mod_seconds = w->mod_phrases ? w->mod_phrases->seconds : 0;
    w->stem_bit = w->stem_in_phrases ? ts_phrase_word_bit(w->stem_in_phrases) : 0;
    w->word_bit = w->word_in_phrases ? ts_phrase_word_bit(w->word_in_phrases) : 0;
    TS_HASH_OOM_RESET();
    HASH_ADD_KEYPTR_BYHASHVALUE(hh, m->table, w->word, len, hash, w);
    if (TS_HASH_OOM()) return NULL;   /* its room stays, unused */
    m->count++;
    r->hash = hash;
    r->w = w;
    return w;
}

ts_word_info *ts_memo_lookup_hashed(ts_memo *m, const char *word, size_t len,
                                    unsigned hash)
{
    recent_word *r = &m->recent[hash & (RECENT_SLOTS - 1)];
    ts_word_info *w = r->w;
    /* memcmp: nothing is known of what follows the caller's word */
    if (w && r->hash == hash && w->word_len == len &&
        memcmp(w->word, word, len) == 0) {
        w->gen = m->gen;
        return w;
    }
    return lookup_table(m, r, word, len, hash);
}

int ts_memo_lookup_tokens(ts_memo *m, const ts_tokens *t, ts_word_info **info)
{
    const ts_token *v = t->v;
    size_t n = t->n;
#if defined(__GNUC__)
    /* Start loading the recent cache's slots of the sentence's words,
     * then (once those have had time to arrive) the records they point
     * at.  Written out here, not in a function: GCC takes a function
     * that only prefetches for one without effects and drops its call. */
    for (size_t i = 0; i < n; i++)
        __builtin_prefetch(&m->recent[v[i].hash & (RECENT_SLOTS - 1)]);
    for (size_t i = 0; i < n; i++) {
        const ts_word_info *w = m->recent[v[i].hash & (RECENT_SLOTS - 1)].w;
        if (w) {
            /* the fields the scorer reads, and the word after them */
            __builtin_prefetch(&w->classes);
            __builtin_prefetch((const char *)&w->classes + 64);
            __builtin_prefetch(w + 1);
        }
    }
#endif
    const char *folded = t->folded.data;
    unsigned gen = m->gen;
    for (size_t i = 0; i < n; i++) {
        if (v[i].flags & TS_TOK_NUMBER) {
            info[i] = NULL;
            continue;
        }
        const char *word = folded + v[i].fold;
        size_t len = v[i].fold_len;
        unsigned hash = v[i].hash;
        recent_word *r = &m->recent[hash & (RECENT_SLOTS - 1)];
        ts_word_info *w = r->w;
        /* both words are padded: no memcmp */
        if (w && r->hash == hash && w->word_len == len &&
            ts_same_padded(w->word, word, len))
            w->gen = gen;
        else if (!(w = lookup_table(m, r, word, len, hash)))
            return -1;
        info[i] = w;
    }
    return 0;
}
