/* stem_memo.c - the per-analyzer word memo (stage 5). */
#include "stem_memo.h"

#include <libstemmer.h>
#include <stdalign.h>
#include <string.h>

#include "alloc.h"
#include "swar.h"

/* The memo's table: open addressing over a power-of-two array of slots,
 * probed linearly, at most 5/8 full.  A lookup reads one slot and the
 * record it points at (whose hash, length and bytes tell whether it is
 * the word); a word not in the memo usually ends at an empty slot after
 * one or two.  uthash's chains ran through records scattered over the
 * heap, and walking them was most of the cost of a miss (a recent-word
 * cache in front of uthash hid it for words met lately only).  A slot is
 * the record's address alone: with the hash beside it the array was
 * twice the size, and the two threads' tables competed for the caches
 * (3% more time on 100 MB). */
typedef struct slot {
    ts_word_info *w;             /* NULL: empty */
} slot;

#define FIRST_SLOTS 1024         /* a power of two */

/* Room after a stored word: its NUL and the bytes ts_same_padded() may
 * read past it, all zeros. */
#define WORD_PAD 8

/* Words live in blocks, not in a malloc each.  Scoring threads meeting new
 * words one record at a time grew glibc's per-thread heaps a page at a
 * time, an mprotect() each, and those calls serialised the threads in the
 * kernel: 1,200 of them on 10 MB of sentences, where a two-thread run
 * spent twice the share of its time in the kernel that one thread did.
 * A block is big enough for malloc to map it by itself.  Blocks are never
 * freed one word at a time: a trim moves the words it keeps to fresh
 * blocks and drops the old ones whole. */
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
    slot *slots;
    size_t mask;                 /* slots - 1 */
    size_t count;
    size_t capacity;
    unsigned gen;                /* current generation */
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
    m->slots = ts_calloc(FIRST_SLOTS, sizeof *m->slots);
    if (!m->slots) {
        sb_stemmer_delete(m->stemmer);
        ts_free(m);
        return NULL;
    }
    m->mask = FIRST_SLOTS - 1;
    m->lex = lex;
    m->capacity = capacity ? capacity : TS_MEMO_DEFAULT;
    return m;
}

/* The slot of a word: the one holding it, or the empty one where it
 * would go.  Both words are padded (see ts_same_padded). */
static slot *find_slot(const ts_memo *m, const char *word, size_t len,
                       unsigned hash)
{
    size_t i = hash & m->mask;
    for (;;) {
        slot *sl = &m->slots[i];
        const ts_word_info *w = sl->w;
        if (!w || (w->hash == hash && w->word_len == len &&
                   ts_same_padded(w->word, word, len)))
            return sl;
        i = (i + 1) & m->mask;
    }
}

/* Puts w, not in the table, in its empty slot. */
static void place(slot *slots, size_t mask, ts_word_info *w)
{
    size_t i = w->hash & mask;
    while (slots[i].w) i = (i + 1) & mask;
    slots[i].w = w;
}

/* Whether the table has room for one more word: at most 5/8 full, which
 * keeps probes short and lets a memo of the default capacity, which may
 * pass it by a sentence's words before it is trimmed, stay in 32 Ki
 * slots. */
static int has_room(const ts_memo *m)
{
    size_t n = m->mask + 1;
    return m->count + 1 <= n / 8 * 5;
}

/* Doubles the slots once the table is full.  -1 on ENOMEM. */
static int make_room(ts_memo *m)
{
    size_t n = m->mask + 1;
    if (has_room(m)) return 0;
    /* Zeroed by writing, not by calloc: a large calloc comes untouched
     * from the kernel, and the probes below would then read each page
     * first (mapping the shared zero page) and write it next - a copy on
     * write whose TLB flush interrupts the other scoring threads' cores
     * (113 times in a two-thread run on 10 MB, ~3% of its time). */
    slot *bigger = ts_malloc(2 * n * sizeof *bigger);
    if (!bigger) return -1;
    memset(bigger, 0, 2 * n * sizeof *bigger);
    for (size_t i = 0; i < n; i++)
        if (m->slots[i].w) place(bigger, 2 * n - 1, m->slots[i].w);
    ts_free(m->slots);
    m->slots = bigger;
    m->mask = 2 * n - 1;
    return 0;
}

static void free_blocks(word_block *b)
{
    while (b) {
        word_block *next = b->next;
        ts_free(b);
        b = next;
    }
}

/* A record's size rounded up to where the next record may start. */
static size_t aligned(size_t size)
{
    return (size + RECORD_ALIGN - 1) & ~(size_t)(RECORD_ALIGN - 1);
}

/* Room for a record of size bytes.  One bigger than a block gets a block
 * of its own, put behind the current one, which keeps its space. */
static void *alloc_record(ts_memo *m, size_t size)
{
    size = aligned(size);
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

/* Forgets every word. */
static void drop_words(ts_memo *m)
{
    memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
    free_blocks(m->blocks);
    m->blocks = NULL;
    m->count = 0;
}

/* Moves the words met again in the current generation to fresh blocks
 * and puts them back in the emptied table.  The old blocks are walked
 * record by record (alloc_record() lays records out one after another)
 * and each is freed as soon as its words are moved, so the memory held
 * never grows by more than a block.  -1 if memory ran out, with the memo
 * left empty. */
static int keep_current(ts_memo *m)
{
    memset(m->slots, 0, (m->mask + 1) * sizeof *m->slots);
    word_block *b = m->blocks;
    m->blocks = NULL;
    m->count = 0;
    int rc = 0;
    while (b) {
        for (size_t at = 0; at < b->used && !rc;) {
            const ts_word_info *w = (const ts_word_info *)(void *)(b->data + at);
            size_t size = record_size(w);
            at += aligned(size);
            if (w->gen != m->gen) continue;
            ts_word_info *k = alloc_record(m, size);
            if (!k) {
                rc = -1;
                break;
            }
            memcpy(k, w, size);
            k->word = (const char *)(k + 1);
            k->stem = k->word + k->word_len + WORD_PAD;
            place(m->slots, m->mask, k);
            m->count++;
        }
        word_block *next = b->next;
        ts_free(b);
        b = next;
    }
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
    for (size_t i = 0; i <= m->mask; i++) {
        const ts_word_info *w = m->slots[i].w;
        used += w && w->gen == m->gen;
    }
    if (used > m->capacity / 2)
        drop_words(m);
    else
        (void)keep_current(m);
    m->gen++;
}

size_t ts_memo_size(const ts_memo *m)
{
    return m->count;
}

void ts_memo_free(ts_memo *m)
{
    if (!m) return;
    free_blocks(m->blocks);
    ts_free(m->slots);
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

/* Stems a word not in the memo and adds it in sl, its empty slot.  Kept
 * out of line: the lookups that nearly every word ends with stay small. */
static OUT_OF_LINE ts_word_info *add_word(ts_memo *m, slot *sl,
                                          const char *word, size_t len,
                                          unsigned hash)
{
    if (!has_room(m)) {
        if (make_room(m)) return NULL;
        sl = find_slot(m, word, len, hash);
    }
    const sb_symbol *s = sb_stemmer_stem(m->stemmer, (const sb_symbol *)word,
                                         (int)len);
    if (!s) return NULL;
    size_t slen = (size_t)sb_stemmer_length(m->stemmer);
    /* one record: the fields, then the padded word and the stem */
    ts_word_info *w = alloc_record(m, sizeof *w + len + WORD_PAD + slen + 1);
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
    w->hash = hash;
    /* not yet met again: a trim now would forget it */
    w->gen = m->gen - 1;
    w->stem = sp;
    lexicon_fields(m->lex, w, slen, hash);
    w->phrase_seconds = w->phrases ? w->phrases->seconds : 0;
    w->mod_seconds = w->mod_phrases ? w->mod_phrases->seconds : 0;
    w->stem_bit = w->stem_in_phrases ? ts_phrase_word_bit(w->stem_in_phrases) : 0;
    w->word_bit = w->word_in_phrases ? ts_phrase_word_bit(w->word_in_phrases) : 0;
    sl->w = w;
    m->count++;
    return w;
}

/* The word's record, found or added. */
static ts_word_info *lookup(ts_memo *m, const char *word, size_t len,
                            unsigned hash)
{
    slot *sl = find_slot(m, word, len, hash);
    ts_word_info *w = sl->w;
    if (!w) return add_word(m, sl, word, len, hash);
    w->gen = m->gen;
    return w;
}

ts_word_info *ts_memo_lookup_hashed(ts_memo *m, const char *word, size_t len,
                                    unsigned hash)
{
    /* the table compares padded words: nothing is known of what follows
     * the caller's, so it is copied */
    char small[64];
    if (len + WORD_PAD <= sizeof small) {
        memcpy(small, word, len);
        memset(small + len, 0, WORD_PAD);
        return lookup(m, small, len, hash);
    }
    char *copy = ts_malloc(len + WORD_PAD);
    if (!copy) return NULL;
    memcpy(copy, word, len);
    memset(copy + len, 0, WORD_PAD);
    ts_word_info *w = lookup(m, copy, len, hash);
    ts_free(copy);
    return w;
}

int ts_memo_lookup_tokens(ts_memo *m, const ts_tokens *t, ts_word_info **info)
{
    const ts_token *v = t->v;
    size_t n = t->n;
#if defined(__GNUC__)
    /* Start loading the slots of the sentence's words, then (once those
     * have had time to arrive) the records they point at.  Written out
     * here, not in a function: GCC takes a function that only prefetches
     * for one without effects and drops its call. */
    for (size_t i = 0; i < n; i++)
        __builtin_prefetch(&m->slots[v[i].hash & m->mask]);
    for (size_t i = 0; i < n; i++) {
        const slot *sl = &m->slots[v[i].hash & m->mask];
        if (sl->w) {
            /* the fields the scorer reads, and the word after them */
            __builtin_prefetch(&sl->w->classes);
            __builtin_prefetch((const char *)&sl->w->classes + 64);
            __builtin_prefetch(sl->w + 1);
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
        /* the first slot, as nearly every word ends: both words padded */
        const slot *sl = &m->slots[hash & m->mask];
        ts_word_info *w = sl->w;
        if (w && w->hash == hash && w->word_len == len &&
            ts_same_padded(w->word, word, len))
            w->gen = gen;
        else if (!(w = lookup(m, word, len, hash)))
            return -1;
        info[i] = w;
    }
    return 0;
}
