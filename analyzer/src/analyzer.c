/* analyzer.c - the pipeline put together, and the public analyzer API.
 *
 *   bytes -> decoder -> markup -> segmenter -> scorer -> sections/document
 *
 * Each stage pushes into the next through a callback; this file owns the
 * section and document bookkeeping between them: which heading a sentence
 * belongs to, when a section is complete, and what the document's title
 * is. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "decoder.h"
#include "markup.h"
#include "report_writer.h"
#include "score_pool.h"
#include "scorer.h"
#include "segmenter.h"
#include "stem_memo.h"
#include "tally.h"
#include "tonescope.h"

#define SNIFF_BYTES 1024
#define READ_CHUNK 65536

struct ts_analyzer {
    const ts_lexicon *lex;
    ts_options opt;
    ts_callbacks cb;
    ts_decoder decoder;
    ts_markup *markup;
    ts_segmenter *segmenter;
    ts_memo *memo;
    ts_scorer *scorer;
    ts_score_pool *pool;        /* with threads: scoring on workers */
    ts_report_writer *report;   /* gets every sentence record, or NULL */
    ts_input_format format;     /* of this document; AUTO until sniffed */
    ts_buf sniff;               /* first bytes while the format is unknown */
    /* the section being filled */
    int section_open;           /* section_begin was reported */
    int seen_heading;           /* a heading has been seen */
    size_t next_index;          /* index the next headed section gets */
    ts_section section;         /* its fields; title points into title */
    ts_buf heading;             /* title of the pending/open section */
    unsigned long heading_line; /* its line */
    int heading_level;          /* its level */
    ts_tally section_terms;
    /* the document */
    ts_document doc;
    ts_tally doc_terms;
    ts_buf title;               /* chosen document title */
    int title_level;            /* level of the chosen leading heading */
    size_t title_words;
    int title_from_metadata;    /* <title> wins over headings */
    int any_sentence;
    size_t sentence_index;
    int finished;
    ts_status status;           /* sticky failure */
    char errmsg[256];
    unsigned char *read_buf;    /* for ts_analyzer_feed_fd */
};

/* ------------------------------------------------------------- failure */

static ts_status fail(ts_analyzer *a, ts_status st, const char *msg)
{
    if (a->status == TS_OK) {
        a->status = st;
        snprintf(a->errmsg, sizeof a->errmsg, "%s", msg);
    }
    return a->status;
}

/* Stage callbacks return -1 for ENOMEM, 1 when a user callback stopped. */
static int user_stop(ts_analyzer *a)
{
    fail(a, TS_ECALLBACK, "stopped by a callback");
    return 1;
}

/* ------------------------------------------------------------- sections */

static size_t count_words(const char *p, size_t len)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = p[i] == ' ' || p[i] == '\t';
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

static int close_section(ts_analyzer *a)
{
    if (!a->section_open) return 0;
    a->section_open = 0;
    if (!a->opt.skip_top_terms) {
        if (ts_tally_top(&a->section_terms, TS_TOP_TERMS)) return -1;
        a->section.top = a->section_terms.top;
        a->section.n_top = a->section_terms.n_top;
    }
    a->section.title = a->heading.data ? a->heading.data : "";
    a->doc.sections++;
    ts_stats_add(&a->doc.stats, &a->section.stats);
    int rc = 0;
    if (a->cb.section_end && a->cb.section_end(a->cb.ctx, &a->section))
        rc = user_stop(a);
    ts_tally_reset(&a->section_terms);
    return rc;
}

static int open_section(ts_analyzer *a, unsigned long line)
{
    memset(&a->section, 0, sizeof a->section);
    if (a->seen_heading) {
        a->section.index = a->next_index++;
        a->section.level = a->heading_level;
        a->section.line = a->heading_line;
    } else {
        /* text before any heading: section 0, named after the document */
        a->section.index = 0;
        ts_buf_clear(&a->heading);
        if (a->title.len && ts_buf_append(&a->heading, a->title.data, a->title.len))
            return -1;
        a->section.line = line;
    }
    a->section_open = 1;
    return 0;
}

/* ------------------------------------------------------------- sentences */

/* Writes s's record to the report: its tail as a scoring thread rendered
 * it when there is one (json), else the whole record here. */
static int report_sentence(ts_analyzer *a, const ts_sentence *s,
                           const char *json, size_t json_len)
{
    ts_status st = json ? ts_report_write_sentence_tail(a->report, s, json, json_len)
                        : ts_report_write_sentence(a->report, s);
    if (st == TS_OK) return 0;
    fail(a, st, ts_report_writer_errmsg(a->report));
    return 1;
}

/* Counts a scored sentence into its section and the document, writes it
 * to the report if there is one, and hands it to the sentence callback.
 * s has its scores, text, line and split flag; the section and index are
 * set here.  json: its record's tail if the pool rendered it, or NULL. */
static int account_sentence(ts_analyzer *a, ts_sentence *s, const char *json,
                            size_t json_len)
{
    if (!a->section_open) {
        if (open_section(a, s->line)) return -1;
        a->section.title = a->heading.data ? a->heading.data : "";
        if (a->cb.section_begin &&
            a->cb.section_begin(a->cb.ctx, a->section.index, a->section.title,
                                a->section.level, a->section.line))
            return user_stop(a);
    }
    a->any_sentence = 1;
    s->section = a->section.index;
    s->index = ++a->sentence_index;
    if (s->split_at_cap) a->doc.split_sentences++;

    ts_stats *st = &a->section.stats;
    st->words += s->words;
    st->sentences++;
    st->growth += s->growth;
    st->negativity += s->negativity;
    st->tone_sum += s->tone;
    if (s->label == TS_LABEL_GROWTH) st->growth_sentences++;
    else if (s->label == TS_LABEL_NEGATIVE) st->negative_sentences++;
    else st->neutral_sentences++;
    if (s->reframe) st->reframes++;
    for (size_t k = 0; k < s->n_hits && !a->opt.skip_top_terms; k++)
        if (ts_tally_add(&a->section_terms, &s->hits[k]) ||
            ts_tally_add(&a->doc_terms, &s->hits[k]))
            return -1;
    if (a->report && report_sentence(a, s, json, json_len)) return 1;
    if (a->cb.sentence && a->cb.sentence(a->cb.ctx, s)) return user_stop(a);
    return 0;
}

static int heading_seen(ts_analyzer *a, const char *text, size_t len,
                        int level, unsigned long line);
static int title_seen(ts_analyzer *a, const char *text, size_t len);

/* Replays a scored batch's events in order, then gives it back. */
static int replay(ts_analyzer *a, ts_batch *b)
{
    size_t n;
    const ts_event *ev = ts_batch_events(b, &n);
    int rc = ev ? 0 : -1;
    for (size_t i = 0; i < n && !rc; i++) {
        const ts_event *e = &ev[i];
        if (e->kind == TS_EVENT_SENTENCE) {
            ts_sentence s = e->sentence;
            rc = account_sentence(a, &s, e->json, e->json_len);
        } else if (e->kind == TS_EVENT_HEADING) {
            rc = heading_seen(a, e->text, e->len, e->arg, e->line);
        } else {
            rc = title_seen(a, e->text, e->len);
        }
    }
    ts_score_pool_release(a->pool, b);
    return rc;
}

/* Batches in flight before the analyzer waits for the oldest: enough to
 * keep every worker busy, few enough that memory stays flat when the
 * input comes faster than it is scored. */
static size_t max_in_flight(const ts_analyzer *a)
{
    return 2 * (size_t)a->opt.threads;
}

/* Hands the open batch to the workers and replays what they finished. */
static int hand_over(ts_analyzer *a)
{
    if (ts_score_pool_submit(a->pool, 0)) return -1;
    int rc = 0;
    ts_batch *b;
    while (!rc &&
           (b = ts_score_pool_take(a->pool, ts_score_pool_queued(a->pool) >
                                                max_in_flight(a))))
        rc = replay(a, b);
    return rc;
}

/* At the end of the document: scores what is left and replays it all. */
static int flush_pool(ts_analyzer *a)
{
    if (ts_score_pool_submit(a->pool, 1)) return -1;
    int rc = 0;
    ts_batch *b;
    while (!rc && (b = ts_score_pool_take(a->pool, 1))) rc = replay(a, b);
    return rc;
}

static int on_sentence(void *ctx, const char *text, size_t len,
                       unsigned long line, int split)
{
    ts_analyzer *a = ctx;
    if (a->pool) {
        if (ts_score_pool_add(a->pool, TS_EVENT_SENTENCE, text, len, line,
                              split))
            return -1;
        return ts_score_pool_full(a->pool) ? hand_over(a) : 0;
    }
    ts_sentence s;
    memset(&s, 0, sizeof s);
    if (ts_scorer_score(a->scorer, text, len, &s)) return -1;
    s.line = line;
    s.text = text;
    s.text_len = len;
    s.split_at_cap = split;
    return account_sentence(a, &s, NULL, 0);
}

/* ------------------------------------------------------------- markup sink */

static int on_text(void *ctx, const char *text, size_t len, unsigned long line)
{
    ts_analyzer *a = ctx;
    return ts_segmenter_text(a->segmenter, text, len, line);
}

static int on_paragraph_end(void *ctx)
{
    ts_analyzer *a = ctx;
    return ts_segmenter_paragraph_end(a->segmenter);
}

/* The document title: metadata if any, else among the headings before the
 * first sentence the one of the highest rank (lowest level), then with the
 * most words, then the first.  Navigation lines before a page's real title
 * ("Home", "Careers") lose to it that way. */
static int consider_title(ts_analyzer *a, const char *text, size_t len,
                          int level)
{
    if (a->title_from_metadata || a->any_sentence) return 0;
    size_t words = count_words(text, len);
    if (a->title.len && (level > a->title_level ||
                         (level == a->title_level && words <= a->title_words)))
        return 0;
    ts_buf_clear(&a->title);
    if (ts_buf_append(&a->title, text, len)) return -1;
    a->title_level = level;
    a->title_words = words;
    return 0;
}

/* A heading, once the sentences before it are accounted for: it ends
 * the open section and names the next. */
static int heading_seen(ts_analyzer *a, const char *text, size_t len,
                        int level, unsigned long line)
{
    int rc = close_section(a);
    if (rc) return rc;
    if ((rc = consider_title(a, text, len, level))) return rc;
    a->seen_heading = 1;
    if (a->next_index == 0) a->next_index = 1;
    ts_buf_clear(&a->heading);
    if (ts_buf_append(&a->heading, text, len)) return -1;
    a->heading_line = line;
    a->heading_level = level;
    return 0;
}

static int title_seen(ts_analyzer *a, const char *text, size_t len)
{
    if (a->title_from_metadata) return 0;
    ts_buf_clear(&a->title);
    if (ts_buf_append(&a->title, text, len)) return -1;
    a->title_from_metadata = 1;
    return 0;
}

static int on_heading(void *ctx, const char *text, size_t len, int level,
                      unsigned long line)
{
    ts_analyzer *a = ctx;
    int rc = ts_segmenter_paragraph_end(a->segmenter);
    if (rc) return rc;
    if (a->pool)
        return ts_score_pool_add(a->pool, TS_EVENT_HEADING, text, len, line,
                                 level);
    return heading_seen(a, text, len, level, line);
}

static int on_title(void *ctx, const char *text, size_t len)
{
    ts_analyzer *a = ctx;
    if (a->pool) return ts_score_pool_add(a->pool, TS_EVENT_TITLE, text, len, 0, 0);
    return title_seen(a, text, len);
}

static int on_line(void *ctx, const char *text, size_t len, unsigned long line,
                   int complete)
{
    ts_analyzer *a = ctx;
    return ts_markup_line(a->markup, text, len, line, complete);
}

/* ------------------------------------------------------------- lifecycle */

void ts_options_init(ts_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->format = TS_INPUT_AUTO;
    opt->max_sentence_bytes = 8192;
    opt->memo_capacity = TS_MEMO_DEFAULT;
}

static void start_document(ts_analyzer *a, ts_input_format format)
{
    ts_decoder_reset(&a->decoder);
    ts_segmenter_reset(a->segmenter);
    if (a->pool) ts_score_pool_drop(a->pool);
    ts_buf_clear(&a->sniff);
    ts_buf_clear(&a->heading);
    ts_buf_clear(&a->title);
    /* reset, not cleared: a batch's next document reuses the items and
     * slots (their number is bounded by the lexicon's terms) instead of
     * allocating them anew */
    ts_tally_reset(&a->section_terms);
    ts_tally_reset(&a->doc_terms);
    memset(&a->section, 0, sizeof a->section);
    memset(&a->doc, 0, sizeof a->doc);
    a->format = format;
    if (format != TS_INPUT_AUTO) ts_markup_reset(a->markup, format);
    a->section_open = 0;
    a->seen_heading = 0;
    a->next_index = 0;
    a->title_level = 0;
    a->title_words = 0;
    a->title_from_metadata = 0;
    a->any_sentence = 0;
    a->sentence_index = 0;
    a->finished = 0;
    a->status = TS_OK;
    a->errmsg[0] = '\0';
}

ts_analyzer *ts_analyzer_new(const ts_lexicon *lex, const ts_options *opt,
                             const ts_callbacks *cb, ts_error *err)
{
    if (err) memset(err, 0, sizeof *err);
    if (!lex) {
        if (err) {
            err->status = TS_EINVAL;
            snprintf(err->message, sizeof err->message, "no lexicon given");
        }
        return NULL;
    }
    ts_analyzer *a = ts_calloc(1, sizeof *a);
    if (!a) goto oom;
    a->lex = lex;
    if (opt) a->opt = *opt;
    else ts_options_init(&a->opt);
    if (a->opt.max_sentence_bytes == 0) a->opt.max_sentence_bytes = 8192;
    if (a->opt.memo_capacity == 0) a->opt.memo_capacity = TS_MEMO_DEFAULT;
    if (cb) a->cb = *cb;
    ts_decoder_init(&a->decoder, on_line, a);
    ts_markup_sink sink = {on_heading, on_text, on_paragraph_end, on_title, a};
    a->markup = ts_markup_new(&sink);
    a->segmenter = ts_segmenter_new(a->opt.max_sentence_bytes, on_sentence, a);
    if (a->opt.threads > 1) {
        /* hits are read by the sentence callback and the top terms only */
        int keep_hits = a->cb.sentence || !a->opt.skip_top_terms;
        a->pool = ts_score_pool_new(lex, a->opt.memo_capacity, a->opt.threads,
                                    keep_hits);
        if (!a->pool) goto oom;
    } else {
        a->memo = ts_memo_new(lex, a->opt.memo_capacity);
        a->scorer = a->memo ? ts_scorer_new(lex, a->memo) : NULL;
        if (!a->scorer) goto oom;
    }
    if (!a->markup || !a->segmenter) goto oom;
    start_document(a, a->opt.format);
    return a;
oom:
    ts_analyzer_free(a);
    if (err) {
        err->status = TS_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
    }
    return NULL;
}

ts_status ts_analyzer_set_report(ts_analyzer *a, ts_report_writer *w)
{
    a->report = w;
    if (w && a->pool) ts_score_pool_render_json(a->pool);
    return TS_OK;
}

void ts_analyzer_free(ts_analyzer *a)
{
    if (!a) return;
    ts_decoder_free(&a->decoder);
    ts_markup_free(a->markup);
    ts_segmenter_free(a->segmenter);
    ts_score_pool_free(a->pool);
    ts_scorer_free(a->scorer);
    ts_memo_free(a->memo);
    ts_tally_clear(&a->section_terms);
    ts_tally_clear(&a->doc_terms);
    ts_buf_free(&a->sniff);
    ts_buf_free(&a->heading);
    ts_buf_free(&a->title);
    ts_free(a->read_buf);
    ts_free(a);
}

ts_status ts_analyzer_reset(ts_analyzer *a, ts_input_format format)
{
    if (!a) return TS_EINVAL;
    start_document(a, format);
    return TS_OK;
}

const char *ts_analyzer_title(const ts_analyzer *a)
{
    return a && a->title.data ? a->title.data : "";
}

ts_input_format ts_analyzer_format(const ts_analyzer *a)
{
    return a ? a->format : TS_INPUT_AUTO;
}

const char *ts_analyzer_errmsg(const ts_analyzer *a)
{
    return a ? a->errmsg : "";
}

/* ------------------------------------------------------------- feeding */

static ts_status stage_result(ts_analyzer *a, int rc)
{
    if (rc == 0) return TS_OK;
    if (rc < 0) return fail(a, TS_ENOMEM, "out of memory");
    return a->status != TS_OK ? a->status : fail(a, TS_ECALLBACK, "stopped");
}

static ts_status decode(ts_analyzer *a, const void *buf, size_t len)
{
    return stage_result(a, ts_decoder_feed(&a->decoder, buf, len));
}

/* Settles the format from the bytes held so far, then lets them through. */
static ts_status settle_format(ts_analyzer *a)
{
    a->format = ts_sniff_format(a->sniff.data ? a->sniff.data : "", a->sniff.len);
    ts_markup_reset(a->markup, a->format);
    ts_status st = decode(a, a->sniff.data, a->sniff.len);
    ts_buf_clear(&a->sniff);
    return st;
}

ts_status ts_analyzer_feed(ts_analyzer *a, const void *buf, size_t len)
{
    if (!a || (!buf && len)) return TS_EINVAL;
    if (a->status != TS_OK) return a->status;
    if (a->finished) return fail(a, TS_EINVAL, "feed after finish");
    a->doc.bytes += len;
    if (a->format == TS_INPUT_AUTO) {
        size_t take = SNIFF_BYTES - a->sniff.len;
        if (take > len) take = len;
        if (ts_buf_append(&a->sniff, buf, take))
            return fail(a, TS_ENOMEM, "out of memory");
        if (a->sniff.len < SNIFF_BYTES) return TS_OK;
        ts_status st = settle_format(a);
        if (st != TS_OK) return st;
        buf = (const char *)buf + take;
        len -= take;
    }
    return len ? decode(a, buf, len) : TS_OK;
}

ts_status ts_analyzer_feed_fd(ts_analyzer *a, int fd)
{
    if (!a) return TS_EINVAL;
    if (!a->read_buf) {
        a->read_buf = ts_malloc(READ_CHUNK);
        if (!a->read_buf) return fail(a, TS_ENOMEM, "out of memory");
    }
    for (;;) {
        ssize_t n = read(fd, a->read_buf, READ_CHUNK);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail(a, TS_EIO, strerror(errno));
        }
        if (n == 0) return TS_OK;
        ts_status st = ts_analyzer_feed(a, a->read_buf, (size_t)n);
        if (st != TS_OK) return st;
    }
}

ts_status ts_analyzer_finish(ts_analyzer *a)
{
    if (!a) return TS_EINVAL;
    if (a->status != TS_OK) return a->status;
    if (a->finished) return TS_OK;
    ts_status st = TS_OK;
    if (a->format == TS_INPUT_AUTO) st = settle_format(a);
    if (st == TS_OK) st = stage_result(a, ts_decoder_finish(&a->decoder));
    if (st == TS_OK) st = stage_result(a, ts_markup_finish(a->markup));
    if (st == TS_OK)
        st = stage_result(a, ts_segmenter_paragraph_end(a->segmenter));
    if (st == TS_OK && a->pool) st = stage_result(a, flush_pool(a));
    if (st == TS_OK) st = stage_result(a, close_section(a));
    if (st != TS_OK) return st;
    if (!a->opt.skip_top_terms) {
        if (ts_tally_top(&a->doc_terms, TS_TOP_TERMS))
            return fail(a, TS_ENOMEM, "out of memory");
        a->doc.top = a->doc_terms.top;
        a->doc.n_top = a->doc_terms.n_top;
    }
    a->doc.title = a->title.data ? a->title.data : "";
    a->doc.format = a->format;
    a->doc.invalid_utf8 = a->decoder.invalid;
    a->finished = 1;
    return TS_OK;
}

const ts_document *ts_analyzer_document(const ts_analyzer *a)
{
    return a && a->finished ? &a->doc : NULL;
}
