/* score_pool.c - sentences scored on worker threads; see score_pool.h.
 *
 * One mutex guards two lists: `todo`, the batches no worker has taken
 * yet, and `queue`, every batch handed over and not yet taken back, in
 * the order it was handed over.  Workers take from the front of todo and
 * mark a batch done; the analyzer takes from the front of queue only once
 * that batch is done, which is what keeps the document in order. */
#include "score_pool.h"

#include <pthread.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "json.h"
#include "scorer.h"
#include "stem_memo.h"

/* The pool and its batches are written by every scoring thread, and
 * their memory came from the heap next to the reading thread's own (the
 * segmenter's, written for every sentence): a cache line shared by the
 * two bounced between the cores at every write.  So neither struct lets
 * its fields share a line with a neighbour's: 64 bytes of nothing at each
 * end (whatever the alignment malloc gives). */
#define LINE_PAD 64

struct ts_batch {
    char pad_front[LINE_PAD];
    ts_batch *next_todo;     /* in todo */
    ts_batch *next;          /* in queue, or in the free list */
    ts_buf text;             /* the events' texts, each NUL-terminated */
    ts_event *ev;
    size_t n_ev, ev_cap;
    ts_hit *hits;            /* every sentence's hits, one after another */
    size_t *hit_text_off;    /* per hit: where its text, negator and
                                intensifier are in hit_text (NO_TEXT
                                for none) */
    size_t n_hits, hits_cap;
    ts_buf hit_text;         /* the hits' words, NUL-terminated */
    ts_buf json;             /* the sentences' record tails, if rendered */
    int keep_hits, render;   /* the pool's settings when it was submitted */
    size_t sentence_bytes;   /* text of the sentences added */
    int status;              /* 0, or -1 when scoring ran out of memory */
    int taken;               /* a worker took it (under the mutex) */
    int done;                /* scored (under the mutex) */
    char pad_back[LINE_PAD];
};

/* A memo and a scorer: what each worker owns, and the caller's thread
 * when it scores a batch itself. */
typedef struct scoring {
    ts_memo *memo;
    ts_scorer *scorer;
} scoring;

struct ts_score_pool {
    char pad_front[LINE_PAD];
    const ts_lexicon *lex;
    size_t memo_capacity;
    unsigned threads;        /* workers to start */
    int keep_hits;           /* copy the hits out: someone reads them */
    int render;              /* render the sentences' record tails */
    pthread_mutex_t mu;
    pthread_cond_t work;     /* todo has a batch, or stopping */
    pthread_cond_t done;     /* a batch was scored */
    ts_batch *todo, *todo_tail;
    ts_batch *queue, *queue_tail;
    size_t queued;
    ts_batch *spare;         /* released batches, for reuse */
    ts_batch *open;          /* the batch being filled */
    pthread_t *tid;
    unsigned started;        /* workers running */
    int start_failed;        /* no worker could be started: score here */
    int stopping;
    scoring here;            /* for batches scored on the caller's thread */
    char pad_back[LINE_PAD];
};

/* ------------------------------------------------------------- batches */

static void batch_free(ts_batch *b)
{
    if (!b) return;
    ts_buf_free(&b->text);
    ts_buf_free(&b->hit_text);
    ts_buf_free(&b->json);
    ts_free(b->ev);
    ts_free(b->hits);
    ts_free(b->hit_text_off);
    ts_free(b);
}

static void batch_clear(ts_batch *b)
{
    ts_buf_clear(&b->text);
    ts_buf_clear(&b->hit_text);
    ts_buf_clear(&b->json);
    b->n_ev = 0;
    b->n_hits = 0;
    b->sentence_bytes = 0;
    b->status = 0;
    b->taken = 0;
    b->done = 0;
    b->next = b->next_todo = NULL;
}

/* A hit's strings copied into a batch: the matched words, and the
 * negating and intensifying words, which may be the stem memo's own and
 * so valid only until the memo is next trimmed - and the worker's memo is
 * trimmed while the batch waits to be replayed. */
#define HIT_STRINGS 3
#define NO_TEXT ((size_t)-1)

static int reserve_hits(ts_batch *b, size_t more)
{
    if (b->n_hits + more <= b->hits_cap) return 0;
    size_t cap = b->hits_cap ? b->hits_cap : 256;
    while (cap < b->n_hits + more) cap *= 2;
    ts_hit *h = ts_realloc(b->hits, cap * sizeof *h);
    if (!h) return -1;
    b->hits = h;
    size_t *o = ts_realloc(b->hit_text_off, cap * HIT_STRINGS * sizeof *o);
    if (!o) return -1;
    b->hit_text_off = o;
    b->hits_cap = cap;
    return 0;
}

/* Renders each sentence's record tail into the batch: the bulk of a
 * report's formatting, done here on the scoring threads rather than on
 * the analyzer's, which puts only the heads in order. */
static int render_batch(ts_batch *b)
{
    for (size_t i = 0; i < b->n_ev; i++) {
        ts_event *e = &b->ev[i];
        if (e->kind != TS_EVENT_SENTENCE) continue;
        e->json_off = b->json.len;
        if (ts_json_sentence_tail(&b->json, &e->sentence) != TS_OK) return -1;
        e->json_len = b->json.len - e->json_off;
    }
    for (size_t i = 0; i < b->n_ev; i++)
        if (b->ev[i].kind == TS_EVENT_SENTENCE)
            b->ev[i].json = b->json.data + b->ev[i].json_off;
    return 0;
}

/* Scores every sentence of b, copying out what the scorer keeps only
 * until its next call (the hits and their texts), then points each event
 * at its text and hits, which no longer move. */
static int score_batch(ts_scorer *sc, ts_batch *b)
{
    int keep_hits = b->keep_hits;
    for (size_t i = 0; i < b->n_ev; i++) {
        ts_event *e = &b->ev[i];
        if (e->kind != TS_EVENT_SENTENCE) continue;
        ts_sentence *s = &e->sentence;
        memset(s, 0, sizeof *s);
        if (ts_scorer_score(sc, b->text.data + e->text_off, e->len, s))
            return -1;
        e->hit_off = b->n_hits;
        if (!keep_hits) {
            /* no reader of hits: copying them (and their words) out was
             * about 4% of a two-thread run on 100 MB */
            s->n_hits = 0;
            continue;
        }
        if (reserve_hits(b, s->n_hits)) return -1;
        for (size_t k = 0; k < s->n_hits; k++) {
            const ts_hit *h = &s->hits[k];
            const char *str[HIT_STRINGS] = {h->text, h->negator, h->intensifier};
            size_t *off = &b->hit_text_off[b->n_hits * HIT_STRINGS];
            for (int j = 0; j < HIT_STRINGS; j++) {
                off[j] = str[j] ? b->hit_text.len : NO_TEXT;
                if (str[j] && ts_buf_append(&b->hit_text, str[j], strlen(str[j]) + 1))
                    return -1;
            }
            b->hits[b->n_hits++] = *h;
        }
    }
    for (size_t k = 0; k < b->n_hits; k++) {
        const size_t *off = &b->hit_text_off[k * HIT_STRINGS];
        const char **str[HIT_STRINGS] = {&b->hits[k].text, &b->hits[k].negator,
                                         &b->hits[k].intensifier};
        for (int j = 0; j < HIT_STRINGS; j++)
            *str[j] = off[j] == NO_TEXT ? NULL : b->hit_text.data + off[j];
    }
    for (size_t i = 0; i < b->n_ev; i++) {
        ts_event *e = &b->ev[i];
        e->text = b->text.data + e->text_off;
        if (e->kind != TS_EVENT_SENTENCE) continue;
        ts_sentence *s = &e->sentence;
        s->hits = s->n_hits ? b->hits + e->hit_off : NULL;
        s->text = e->text;
        s->text_len = e->len;
        s->line = e->line;
        s->split_at_cap = e->arg;
    }
    return b->render ? render_batch(b) : 0;
}

static int scoring_ready(scoring *sc, const ts_score_pool *p)
{
    if (sc->scorer) return 0;
    if (!sc->memo) sc->memo = ts_memo_new(p->lex, p->memo_capacity);
    if (sc->memo) sc->scorer = ts_scorer_new(p->lex, sc->memo);
    return sc->scorer ? 0 : -1;
}

static void scoring_free(scoring *sc)
{
    ts_scorer_free(sc->scorer);
    ts_memo_free(sc->memo);
    sc->scorer = NULL;
    sc->memo = NULL;
}

/* ------------------------------------------------------------- workers */

static void *worker_main(void *arg)
{
    ts_score_pool *p = arg;
    scoring own = {NULL, NULL};
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->todo && !p->stopping) pthread_cond_wait(&p->work, &p->mu);
        ts_batch *b = p->todo;
        if (!b) break; /* stopping, and nothing left to do */
        p->todo = b->next_todo;
        if (!p->todo) p->todo_tail = NULL;
        b->taken = 1;
        pthread_mutex_unlock(&p->mu);
        int st = scoring_ready(&own, p) ? -1 : score_batch(own.scorer, b);
        pthread_mutex_lock(&p->mu);
        b->status = st;
        b->done = 1;
        pthread_cond_broadcast(&p->done);
    }
    pthread_mutex_unlock(&p->mu);
    scoring_free(&own);
    return NULL;
}

/* Starts the workers on first use.  If none can be started, batches are
 * scored on the caller's thread instead. */
static void start_workers(ts_score_pool *p)
{
    if (p->started || p->start_failed) return;
    p->tid = ts_calloc(p->threads, sizeof *p->tid);
    if (p->tid)
        while (p->started < p->threads &&
               pthread_create(&p->tid[p->started], NULL, worker_main, p) == 0)
            p->started++;
    if (!p->started) p->start_failed = 1;
}

/* ------------------------------------------------------------- the pool */

ts_score_pool *ts_score_pool_new(const ts_lexicon *lex, size_t memo_capacity,
                                 unsigned threads, int keep_hits)
{
    ts_score_pool *p = ts_calloc(1, sizeof *p);
    if (!p) return NULL;
    p->lex = lex;
    p->keep_hits = keep_hits;
    p->memo_capacity = memo_capacity;
    /* the caller's thread scores too (see ts_score_pool_take), so one
     * worker fewer: a thread more than the cores had the three of them
     * share two cores, and a fifth of the time went idle */
    p->threads = threads > 1 ? threads - 1 : 1;
    if (pthread_mutex_init(&p->mu, NULL)) {
        ts_free(p);
        return NULL;
    }
    if (pthread_cond_init(&p->work, NULL)) {
        pthread_mutex_destroy(&p->mu);
        ts_free(p);
        return NULL;
    }
    if (pthread_cond_init(&p->done, NULL)) {
        pthread_cond_destroy(&p->work);
        pthread_mutex_destroy(&p->mu);
        ts_free(p);
        return NULL;
    }
    return p;
}

void ts_score_pool_render_json(ts_score_pool *p)
{
    p->render = 1;
    p->keep_hits = 1;
}

void ts_score_pool_free(ts_score_pool *p)
{
    if (!p) return;
    ts_score_pool_drop(p);
    pthread_mutex_lock(&p->mu);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (unsigned i = 0; i < p->started; i++) pthread_join(p->tid[i], NULL);
    ts_free(p->tid);
    batch_free(p->open);
    while (p->spare) {
        ts_batch *b = p->spare;
        p->spare = b->next;
        batch_free(b);
    }
    scoring_free(&p->here);
    pthread_cond_destroy(&p->done);
    pthread_cond_destroy(&p->work);
    pthread_mutex_destroy(&p->mu);
    ts_free(p);
}

int ts_score_pool_add(ts_score_pool *p, ts_event_kind kind, const char *text,
                      size_t len, unsigned long line, int arg)
{
    ts_batch *b = p->open;
    if (!b) {
        if (p->spare) {
            b = p->spare;
            p->spare = b->next;
        } else {
            b = ts_calloc(1, sizeof *b);
            if (!b) return -1;
        }
        batch_clear(b);
        p->open = b;
    }
    if (b->n_ev == b->ev_cap) {
        size_t cap = b->ev_cap ? b->ev_cap * 2 : 256;
        ts_event *ev = ts_realloc(b->ev, cap * sizeof *ev);
        if (!ev) return -1;
        b->ev = ev;
        b->ev_cap = cap;
    }
    size_t off = b->text.len;
    if (ts_buf_append(&b->text, text, len) || ts_buf_putc(&b->text, '\0')) {
        b->text.len = off;
        return -1;
    }
    ts_event *e = &b->ev[b->n_ev++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->len = len;
    e->line = line;
    e->arg = arg;
    e->text_off = off;
    if (kind == TS_EVENT_SENTENCE) b->sentence_bytes += len;
    return 0;
}

int ts_score_pool_full(const ts_score_pool *p)
{
    return p->open && p->open->sentence_bytes >= TS_POOL_BATCH_BYTES;
}

int ts_score_pool_submit(ts_score_pool *p, int last)
{
    ts_batch *b = p->open;
    if (!b) return 0;
    p->open = NULL;
    b->keep_hits = p->keep_hits;
    b->render = p->render;
    if (!last) start_workers(p);
    if (!p->started) {
        /* scored here: a short document, or no thread could start */
        b->status = scoring_ready(&p->here, p) ? -1
                                               : score_batch(p->here.scorer, b);
        b->done = 1;
    }
    pthread_mutex_lock(&p->mu);
    if (p->queue_tail) p->queue_tail->next = b;
    else p->queue = b;
    p->queue_tail = b;
    p->queued++;
    if (!b->done) {
        if (p->todo_tail) p->todo_tail->next_todo = b;
        else p->todo = b;
        p->todo_tail = b;
        pthread_cond_signal(&p->work);
    }
    pthread_mutex_unlock(&p->mu);
    return 0;
}

size_t ts_score_pool_queued(const ts_score_pool *p)
{
    return p->queued;
}

ts_batch *ts_score_pool_take(ts_score_pool *p, int wait)
{
    /* Rather than wait for the oldest batch, the caller scores one that no
     * worker has taken yet, with a memo and scorer of its own: its core
     * would otherwise idle, as the pool has one worker fewer than the
     * threads it was given.  The events replayed are the same whichever
     * thread scored a batch. */
    int help = wait && p->started && !scoring_ready(&p->here, p);
    pthread_mutex_lock(&p->mu);
    ts_batch *b = p->queue;
    while (b && !b->done && wait) {
        ts_batch *t = help ? p->todo : NULL;
        if (!t) {
            pthread_cond_wait(&p->done, &p->mu);
            continue;
        }
        p->todo = t->next_todo;
        if (!p->todo) p->todo_tail = NULL;
        t->taken = 1;
        pthread_mutex_unlock(&p->mu);
        int st = score_batch(p->here.scorer, t);
        pthread_mutex_lock(&p->mu);
        t->status = st;
        t->done = 1;
        pthread_cond_broadcast(&p->done);
    }
    if (b && b->done) {
        p->queue = b->next;
        if (!p->queue) p->queue_tail = NULL;
        p->queued--;
        b->next = NULL;
    } else {
        b = NULL;
    }
    pthread_mutex_unlock(&p->mu);
    return b;
}

const ts_event *ts_batch_events(const ts_batch *b, size_t *n)
{
    *n = b->status ? 0 : b->n_ev;
    return b->status ? NULL : b->ev;
}

void ts_score_pool_release(ts_score_pool *p, ts_batch *b)
{
    if (!b) return;
    b->next = p->spare;
    p->spare = b;
}

void ts_score_pool_drop(ts_score_pool *p)
{
    if (p->open) {
        ts_score_pool_release(p, p->open);
        p->open = NULL;
    }
    /* batches no worker has taken are simply unqueued; the others are
     * waited for, as a worker is writing into them */
    pthread_mutex_lock(&p->mu);
    p->todo = p->todo_tail = NULL;
    while (p->queue) {
        ts_batch *b = p->queue;
        while (b->taken && !b->done) pthread_cond_wait(&p->done, &p->mu);
        p->queue = b->next;
        ts_score_pool_release(p, b);
    }
    p->queue_tail = NULL;
    p->queued = 0;
    pthread_mutex_unlock(&p->mu);
}
