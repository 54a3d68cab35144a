/* report_reader.c - reading *.tone.gz reports back, record by record.
 *
 * Inflates member after member, cuts the output into lines and parses each
 * into a ts_record.  A file that ends inside a member, or before the
 * summary record, is reported as truncated after every complete record
 * has been returned, so callers can show what survived a cut. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"
#include "buf.h"
#include "json.h"
#include "tonescope.h"

#define IN_CHUNK 65536
#define MAX_LINE (64u << 20)  /* a longer "line" is not ours */

struct ts_report_reader {
    int fd;
    char *path;
    z_stream z;
    int z_ready;
    int in_member;            /* inside a gzip member */
    int eof;                  /* no more compressed input */
    int seen_summary;
    int records;              /* records returned */
    unsigned long line_no;    /* decompressed line number */
    ts_buf pending;           /* decompressed bytes not yet returned */
    size_t consumed;          /* of pending, already returned */
    ts_buf line;              /* the current line, NUL-terminated */
    ts_json *json;            /* the current record's tree */
    ts_hit *hits;             /* the current record's hits */
    size_t hits_cap;
    ts_term_count *top;       /* the current record's top terms */
    size_t top_cap;
    ts_status status;
    char errmsg[512];
    unsigned char in[IN_CHUNK];
    unsigned char out[IN_CHUNK];
};

static ts_status rfail(ts_report_reader *r, ts_status st, const char *msg)
{
    if (r->status == TS_OK) {
        r->status = st;
        snprintf(r->errmsg, sizeof r->errmsg, "%s", msg);
    }
    return r->status;
}

ts_report_reader *ts_report_reader_open(const char *path, ts_error *err)
{
    if (err) memset(err, 0, sizeof *err);
    ts_report_reader *r = ts_calloc(1, sizeof *r);
    if (!r) goto oom;
    r->fd = -1;
    r->path = ts_strdup(path);
    if (!r->path) goto oom;
    r->fd = open(path, O_RDONLY);
    if (r->fd < 0) {
        if (err) {
            err->status = TS_EIO;
            snprintf(err->file, sizeof err->file, "%s", path);
            snprintf(err->message, sizeof err->message, "%s", strerror(errno));
        }
        ts_report_reader_free(r);
        return NULL;
    }
    r->z.zalloc = ts_zalloc;
    r->z.zfree = ts_zfree;
    if (inflateInit2(&r->z, 15 + 16) != Z_OK) goto oom;
    r->z_ready = 1;
    return r;
oom:
    ts_report_reader_free(r);
    if (err) {
        err->status = TS_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
    }
    return NULL;
}

void ts_report_reader_free(ts_report_reader *r)
{
    if (!r) return;
    if (r->fd >= 0) close(r->fd);
    if (r->z_ready) inflateEnd(&r->z);
    ts_json_free(r->json);
    ts_free(r->hits);
    ts_free(r->top);
    ts_buf_free(&r->pending);
    ts_buf_free(&r->line);
    ts_free(r->path);
    ts_free(r);
}

const char *ts_report_reader_errmsg(const ts_report_reader *r)
{
    return r ? r->errmsg : "";
}

/* Inflates more bytes into pending.  Returns 1 if some arrived, 0 at the
 * end of the input, or a failure status (negative). */
static int inflate_more(ts_report_reader *r)
{
    for (;;) {
        if (r->z.avail_in == 0 && !r->eof) {
            ssize_t n = read(r->fd, r->in, IN_CHUNK);
            if (n < 0) {
                if (errno == EINTR) continue;
                rfail(r, TS_EIO, strerror(errno));
                return -1;
            }
            if (n == 0) r->eof = 1;
            r->z.next_in = r->in;
            r->z.avail_in = (uInt)n;
        }
        if (r->z.avail_in == 0 && r->eof) {
            if (r->in_member) {
                rfail(r, TS_ETRUNCATED, "the report is truncated "
                                              "(it ends inside a section)");
                return -1;
            }
            return 0;
        }
        r->z.next_out = r->out;
        r->z.avail_out = IN_CHUNK;
        r->in_member = 1;
        int zr = inflate(&r->z, Z_NO_FLUSH);
        size_t have = IN_CHUNK - r->z.avail_out;
        if (zr == Z_STREAM_END) {
            /* member complete; a new one may follow */
            inflateReset(&r->z);
            r->in_member = 0;
        } else if (zr == Z_DATA_ERROR || zr == Z_NEED_DICT) {
            char msg[200];
            snprintf(msg, sizeof msg, "%s (%s)",
                     r->records || r->pending.len ? "the report is corrupt"
                                                  : "not a tonescope report",
                     r->z.msg ? r->z.msg : "not gzip data");
            rfail(r, TS_EFORMAT, msg);
            return -1;
        } else if (zr == Z_MEM_ERROR) {
            rfail(r, TS_ENOMEM, "out of memory");
            return -1;
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            rfail(r, TS_EFORMAT, "the report is corrupt (zlib error)");
            return -1;
        }
        if (have) {
            if (r->pending.len > MAX_LINE) {
                rfail(r, TS_EFORMAT, "a record is too long");
                return -1;
            }
            if (ts_buf_append(&r->pending, r->out, have)) {
                rfail(r, TS_ENOMEM, "out of memory");
                return -1;
            }
            return 1;
        }
    }
}

/* ------------------------------------------------------------ records */

static size_t get_count(const ts_json *o, const char *k)
{
    double v = ts_json_get_number(o, k, 0);
    return v > 0 && v < 1e15 ? (size_t)v : 0;
}

static void read_stats(const ts_json *o, ts_stats *s)
{
    s->words = get_count(o, "words");
    s->sentences = get_count(o, "sentences");
    s->growth_sentences = get_count(o, "growth_sentences");
    s->negative_sentences = get_count(o, "negative_sentences");
    s->neutral_sentences = get_count(o, "neutral_sentences");
    s->reframes = get_count(o, "reframes");
    s->growth = ts_json_get_number(o, "growth", 0);
    s->negativity = ts_json_get_number(o, "negativity", 0);
    s->tone_sum = ts_json_get_number(o, "tone_sum", 0);
}

static ts_dimension dim_of(const char *name)
{
    return name && strcmp(name, "negativity") == 0 ? TS_NEGATIVITY : TS_GROWTH;
}

static ts_label label_of(const char *name)
{
    if (name && strcmp(name, "growth") == 0) return TS_LABEL_GROWTH;
    if (name && strcmp(name, "negative") == 0) return TS_LABEL_NEGATIVE;
    return TS_LABEL_NEUTRAL;
}

static int read_top(ts_report_reader *r, const ts_json *o,
                    const ts_term_count **top, size_t *n)
{
    const ts_json *arr = ts_json_get(o, "top_terms");
    *top = NULL;
    *n = 0;
    if (!arr || arr->type != TS_JSON_ARRAY || arr->n == 0) return 0;
    if (arr->n > r->top_cap) {
        ts_term_count *t = ts_realloc(r->top, arr->n * sizeof *t);
        if (!t) return -1;
        r->top = t;
        r->top_cap = arr->n;
    }
    for (size_t i = 0; i < arr->n; i++) {
        const ts_json *it = arr->items[i];
        r->top[i].term = ts_json_get_string(it, "term", "");
        r->top[i].category = ts_json_get_string(it, "category", "");
        r->top[i].dim = dim_of(ts_json_get_string(it, "dim", ""));
        r->top[i].count = get_count(it, "count");
        r->top[i].weight = ts_json_get_number(it, "weight", 0);
    }
    *top = r->top;
    *n = arr->n;
    return 0;
}

static int read_hits(ts_report_reader *r, const ts_json *o, ts_sentence *s)
{
    const ts_json *arr = ts_json_get(o, "hits");
    s->hits = NULL;
    s->n_hits = 0;
    if (!arr || arr->type != TS_JSON_ARRAY || arr->n == 0) return 0;
    if (arr->n > r->hits_cap) {
        ts_hit *h = ts_realloc(r->hits, arr->n * sizeof *h);
        if (!h) return -1;
        r->hits = h;
        r->hits_cap = arr->n;
    }
    for (size_t i = 0; i < arr->n; i++) {
        const ts_json *it = arr->items[i];
        ts_hit *h = &r->hits[i];
        memset(h, 0, sizeof *h);
        h->term = ts_json_get_string(it, "term", "");
        h->key = ts_json_get_string(it, "stem", "");
        h->text = ts_json_get_string(it, "text", "");
        h->category = ts_json_get_string(it, "category", "");
        h->dim = dim_of(ts_json_get_string(it, "dim", ""));
        /* a plain hit leaves out what no modifier changed */
        h->entry_dim = dim_of(ts_json_get_string(it, "entry_dim",
                                                 ts_dimension_name(h->dim)));
        h->weight = ts_json_get_number(it, "weight", 0);
        h->base_weight = ts_json_get_number(it, "base_weight", h->weight);
        h->negator = ts_json_get_string(it, "negator", NULL);
        h->intensifier = ts_json_get_string(it, "intensifier", NULL);
        if (ts_json_get_bool(it, "negated", 0)) h->flags |= TS_HIT_NEGATED;
        const ts_json *mods = ts_json_get(it, "modifiers");
        for (size_t k = 0; mods && mods->type == TS_JSON_ARRAY && k < mods->n; k++) {
            const char *m = mods->items[k]->type == TS_JSON_STRING
                                ? mods->items[k]->string : "";
            if (!strcmp(m, "boosted")) h->flags |= TS_HIT_BOOSTED;
            else if (!strcmp(m, "dampened")) h->flags |= TS_HIT_DAMPENED;
            else if (!strcmp(m, "caps")) h->flags |= TS_HIT_CAPS;
            else if (!strcmp(m, "before-contrast")) h->flags |= TS_HIT_BEFORE_CONTRAST;
            else if (!strcmp(m, "after-contrast")) h->flags |= TS_HIT_AFTER_CONTRAST;
            else if (!strcmp(m, "name")) h->flags |= TS_HIT_NAME;
        }
    }
    s->hits = r->hits;
    s->n_hits = arr->n;
    return 0;
}

/* Turns the current line into *rec. */
static ts_status parse_record(ts_report_reader *r, ts_record *rec)
{
    char why[128];
    ts_json_free(r->json);
    r->json = ts_json_parse(r->line.data, r->line.len, why, sizeof why);
    if (!r->json) {
        char msg[200];
        if (strcmp(why, "out of memory") == 0)
            return rfail(r, TS_ENOMEM, why);
        snprintf(msg, sizeof msg, "line %lu: invalid JSON (%s)", r->line_no, why);
        return rfail(r, TS_EFORMAT, msg);
    }
    const ts_json *o = r->json;
    const char *type = ts_json_get_string(o, "type", "");
    memset(rec, 0, sizeof *rec);
    rec->line = r->line.data;
    rec->line_len = r->line.len;
    if (strcmp(type, "document") == 0) {
        rec->type = TS_RECORD_DOCUMENT;
        rec->source = ts_json_get_string(o, "source", "");
        rec->title = ts_json_get_string(o, "title", "");
        ts_input_format_parse(ts_json_get_string(o, "format", "auto"), &rec->format);
    } else if (strcmp(type, "sentence") == 0) {
        rec->type = TS_RECORD_SENTENCE;
        ts_sentence *s = &rec->sentence;
        s->section = get_count(o, "section");
        s->index = get_count(o, "index");
        s->line = (unsigned long)get_count(o, "line");
        const ts_json *t = ts_json_get(o, "text");
        s->text = t && t->type == TS_JSON_STRING ? t->string : "";
        s->text_len = t && t->type == TS_JSON_STRING ? t->string_len : 0;
        s->words = get_count(o, "words");
        s->growth = ts_json_get_number(o, "growth", 0);
        s->negativity = ts_json_get_number(o, "negativity", 0);
        s->tone = ts_json_get_number(o, "tone", 0);
        s->label = label_of(ts_json_get_string(o, "label", ""));
        s->reframe = ts_json_get_bool(o, "reframe", 0);
        s->split_at_cap = ts_json_get_bool(o, "split", 0);
        if (read_hits(r, o, s)) return rfail(r, TS_ENOMEM, "out of memory");
    } else if (strcmp(type, "section") == 0) {
        rec->type = TS_RECORD_SECTION;
        ts_section *s = &rec->section;
        s->index = get_count(o, "index");
        s->title = ts_json_get_string(o, "title", "");
        s->level = (int)get_count(o, "level");
        s->line = (unsigned long)get_count(o, "line");
        read_stats(o, &s->stats);
        if (read_top(r, o, &s->top, &s->n_top))
            return rfail(r, TS_ENOMEM, "out of memory");
    } else if (strcmp(type, "summary") == 0) {
        rec->type = TS_RECORD_SUMMARY;
        ts_document *d = &rec->document;
        d->title = ts_json_get_string(o, "title", "");
        ts_input_format_parse(ts_json_get_string(o, "format", "auto"), &d->format);
        d->bytes = get_count(o, "bytes");
        d->sections = get_count(o, "sections");
        d->invalid_utf8 = get_count(o, "invalid_utf8");
        d->split_sentences = get_count(o, "split_sentences");
        read_stats(o, &d->stats);
        if (read_top(r, o, &d->top, &d->n_top))
            return rfail(r, TS_ENOMEM, "out of memory");
        r->seen_summary = 1;
    } else {
        char msg[200];
        snprintf(msg, sizeof msg, "line %lu: not a tonescope record", r->line_no);
        return rfail(r, TS_EFORMAT, msg);
    }
    r->records++;
    return TS_OK;
}

ts_status ts_report_reader_next(ts_report_reader *r, ts_record *rec,
                                int *done)
{
    *done = 0;
    if (r->status != TS_OK) return r->status;
    for (;;) {
        size_t avail = r->pending.len - r->consumed;
        const char *start = avail ? r->pending.data + r->consumed : NULL;
        const char *nl = avail ? memchr(start, '\n', avail) : NULL;
        if (nl) {
            size_t n = (size_t)(nl - start);
            ts_buf_clear(&r->line);
            if (ts_buf_append(&r->line, start, n))
                return rfail(r, TS_ENOMEM, "out of memory");
            r->consumed += n + 1;
            r->line_no++;
            if (n == 0) continue;
            return parse_record(r, rec);
        }
        /* keep only the unfinished line */
        ts_buf_consume(&r->pending, r->consumed);
        r->consumed = 0;
        int got = inflate_more(r);
        if (got < 0) return r->status;
        if (got == 0) {
            if (r->pending.len)
                return rfail(r, TS_ETRUNCATED, "the report is truncated (its last line is cut)");
            if (r->records == 0)
                return rfail(r, TS_EFORMAT, "the report is empty");
            if (!r->seen_summary)
                return rfail(r, TS_ETRUNCATED, "the report is truncated (no summary record)");
            *done = 1;
            return TS_OK;
        }
    }
}
