/* score_pool.h - sentences scored on worker threads, handed back in order.
 *
 * Scoring (tokens, stems, lexicon, rules) is two thirds of the work on a
 * long document and needs nothing but the sentence and the read-only
 * lexicon.  So with threads the analyzer queues what the segmenter and
 * the markup produce - sentences, and the headings and titles between
 * them - in batches; workers, each with its own stem memo and scorer,
 * score the sentences of a batch (and so does the analyzer's thread when
 * it would otherwise wait for them); and the analyzer takes finished batches
 * back strictly in the order it queued them and replays their events.
 * Callbacks, counts and reports are then exactly what one thread gives.
 *
 * Only the analyzer's thread calls these functions; the workers are
 * private.  A document that fits in one batch never starts a thread: it
 * is scored on the caller's thread when the analyzer flushes it. */
#ifndef TS_SCORE_POOL_H
#define TS_SCORE_POOL_H

#include <stddef.h>

#include "tonescope.h"

/* Text of the sentences queued in one batch before it goes to a worker:
 * large enough that handing over costs nothing next to scoring it, small
 * enough that a few batches in flight keep memory flat. */
#define TS_POOL_BATCH_BYTES 65536

typedef enum ts_event_kind {
    TS_EVENT_SENTENCE,   /* text, line, split; scored into sentence */
    TS_EVENT_HEADING,    /* text, line, level */
    TS_EVENT_TITLE       /* text: a title from metadata (HTML <title>) */
} ts_event_kind;

typedef struct ts_event {
    ts_event_kind kind;
    const char *text;      /* NUL-terminated; set once the batch is back */
    size_t len;
    unsigned long line;
    int arg;               /* heading level, or 1 when a sentence was split */
    /* kind SENTENCE, once the batch is back: scored, with text, text_len,
     * line and split_at_cap set (section and index are the caller's).  Its
     * hits live in the batch. */
    ts_sentence sentence;
    size_t text_off;       /* where text starts in the batch's text */
    size_t hit_off;        /* where its hits start in the batch's hits */
    /* kind SENTENCE, when the pool renders JSON: the sentence record's
     * tail (ts_json_sentence_tail), in the batch */
    const char *json;
    size_t json_len;
    size_t json_off;
} ts_event;

typedef struct ts_batch ts_batch;
typedef struct ts_score_pool ts_score_pool;

/* threads: the threads that score, the caller's among them: threads - 1
 * workers (at least one) start when the first batch is handed over, and
 * the caller scores batches while it waits for one.  keep_hits: 0 when
 * nothing will read the sentences' hits, which are then not copied into
 * the batch (each sentence comes back with none).  NULL on ENOMEM. */
ts_score_pool *ts_score_pool_new(const ts_lexicon *lex, size_t memo_capacity,
                                 unsigned threads, int keep_hits);
/* From the next batch submitted on, the scoring threads also render each
 * sentence's report record tail (ts_event.json), and keep its hits. */
void ts_score_pool_render_json(ts_score_pool *p);
/* Drops whatever is queued (waiting for batches being scored) and stops
 * the workers. */
void ts_score_pool_free(ts_score_pool *p);

/* Appends an event to the open batch; 0, or -1 on ENOMEM. */
int ts_score_pool_add(ts_score_pool *p, ts_event_kind kind, const char *text,
                      size_t len, unsigned long line, int arg);
/* Whether the open batch holds enough to be handed over. */
int ts_score_pool_full(const ts_score_pool *p);
/* Queues the open batch for scoring.  last: no more will follow for this
 * document, so if no worker has been started it is scored right here
 * rather than starting one.  0, or -1 on ENOMEM. */
int ts_score_pool_submit(ts_score_pool *p, int last);
/* Batches queued and not yet taken back. */
size_t ts_score_pool_queued(const ts_score_pool *p);
/* The oldest queued batch once it is scored, or NULL if nothing is queued
 * or (wait = 0) the oldest is still being scored.  While it waits, the
 * caller scores batches no worker has taken yet. */
ts_batch *ts_score_pool_take(ts_score_pool *p, int wait);
/* A taken batch's events, in the order they were added; NULL if scoring
 * it ran out of memory. */
const ts_event *ts_batch_events(const ts_batch *b, size_t *n);
/* Gives a taken batch back for reuse. */
void ts_score_pool_release(ts_score_pool *p, ts_batch *b);
/* Forgets the open batch and everything queued (a new document starts). */
void ts_score_pool_drop(ts_score_pool *p);

#endif
