/* render_json.c - the JSON records of reports and CLI outputs.
 *
 * Sums are printed with six decimals so that a report read back gives the
 * same per-100-word figures and tones as the run that wrote it; derived
 * figures (per 100 words, mean tone) with four. */
#include <string.h>

#include "buf.h"
#include "json.h"
#include "tonescope.h"

#define SUM_DECIMALS 6
#define FIGURE_DECIMALS 4

/* Every ts_buf_* call below returns -1 on ENOMEM; one flag collects them. */
typedef struct out {
    ts_buf *b;
    int failed;
    size_t start;   /* b->len before the record: restored on failure */
} out;

static void raw_n(out *o, const char *s, size_t n)
{
    if (!o->failed && ts_buf_append(o->b, s, n)) o->failed = 1;
}

static void raw(out *o, const char *s)
{
    raw_n(o, s, strlen(s));
}

/* Keys are string literals, so the helpers below are called through
 * macros that build each ,"key": text at compile time: a report writes
 * millions of keys, and measuring them each time showed in profiles. */
#define KEY_TEXT(k) ",\"" k "\":"
#define KEY_ARGS(k) KEY_TEXT(k), sizeof(KEY_TEXT(k)) - 1

static void str_n(out *o, const char *k, size_t kn, const char *v)
{
    raw_n(o, k, kn);
    if (!o->failed && ts_json_put_string(o->b, v ? v : "", v ? strlen(v) : 0))
        o->failed = 1;
}

static void num_n(out *o, const char *k, size_t kn, double v, int decimals)
{
    raw_n(o, k, kn);
    if (!o->failed && ts_buf_put_number(o->b, v, decimals)) o->failed = 1;
}

/* A key and a count, written in place: records hold four or more counts
 * each, and appending the key and the digits apart showed in profiles. */
static void count_n(out *o, const char *k, size_t kn, size_t v)
{
    if (o->failed || ts_buf_reserve(o->b, kn + 20)) {
        o->failed = 1;
        return;
    }
    char *p = o->b->data + o->b->len;
    memcpy(p, k, kn);
    p += kn;
    if (v < 10) {
        *p++ = (char)('0' + v);
    } else {
        char digits[20];
        size_t n = sizeof digits;
        do {
            digits[--n] = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        memcpy(p, digits + n, sizeof digits - n);
        p += sizeof digits - n;
    }
    *p = '\0';
    o->b->len = (size_t)(p - o->b->data);
}

static void boolean_n(out *o, const char *k, size_t kn, int v)
{
    raw_n(o, k, kn);
    if (v) raw_n(o, "true", 4);
    else raw_n(o, "false", 5);
}

/* A member whose value is a name of a fixed set (a label, a dimension),
 * as ts_label_name() and ts_dimension_name() spell them: they need no
 * escaping, so the whole member is one constant, copied at once. */
#define MEMBER(k, v) {KEY_TEXT(k) "\"" v "\"", sizeof(KEY_TEXT(k) "\"" v "\"") - 1}

typedef struct member {
    const char *text;
    size_t len;
} member;

static void label_member(out *o, ts_label label)
{
    static const member m[] = {[TS_LABEL_NEUTRAL] = MEMBER("label", "neutral"),
                               [TS_LABEL_GROWTH] = MEMBER("label", "growth"),
                               [TS_LABEL_NEGATIVE] = MEMBER("label", "negative")};
    unsigned k = (unsigned)label < sizeof m / sizeof *m ? (unsigned)label : 0;
    raw_n(o, m[k].text, m[k].len);
}

/* key: 0 for "dim", 1 for "entry_dim" */
static void dim_member(out *o, int key, ts_dimension dim)
{
    static const member m[2][2] = {
        {MEMBER("dim", "growth"), MEMBER("dim", "negativity")},
        {MEMBER("entry_dim", "growth"), MEMBER("entry_dim", "negativity")}};
    raw_n(o, m[key][dim == TS_NEGATIVITY].text, m[key][dim == TS_NEGATIVITY].len);
}

#define key(o, k) raw_n((o), KEY_ARGS(k))
#define str(o, k, v) str_n((o), KEY_ARGS(k), (v))
#define num(o, k, v, d) num_n((o), KEY_ARGS(k), (v), (d))
#define count(o, k, v) count_n((o), KEY_ARGS(k), (v))
#define boolean(o, k, v) boolean_n((o), KEY_ARGS(k), (v))

/* A record is appended whole or not at all. */
static ts_status done(out *o)
{
    if (!o->failed) return TS_OK;
    o->b->len = o->start;
    if (o->b->data) o->b->data[o->b->len] = '\0';
    return TS_ENOMEM;
}

ts_status ts_json_string(ts_string *dst, const char *s, size_t len)
{
    return ts_json_put_string(dst, s, len) ? TS_ENOMEM : TS_OK;
}

static void stats(out *o, const ts_stats *s)
{
    count(o, "words", s->words);
    count(o, "sentences", s->sentences);
    num(o, "growth", s->growth, SUM_DECIMALS);
    num(o, "negativity", s->negativity, SUM_DECIMALS);
    num(o, "tone_sum", s->tone_sum, SUM_DECIMALS);
    num(o, "growth_per_100", ts_stats_growth_per100(s), FIGURE_DECIMALS);
    num(o, "negativity_per_100", ts_stats_negativity_per100(s), FIGURE_DECIMALS);
    num(o, "tone", ts_stats_mean_tone(s), FIGURE_DECIMALS);
    label_member(o, ts_stats_label(s));
    count(o, "growth_sentences", s->growth_sentences);
    count(o, "negative_sentences", s->negative_sentences);
    count(o, "neutral_sentences", s->neutral_sentences);
    count(o, "reframes", s->reframes);
}

static void top_terms(out *o, const ts_term_count *top, size_t n)
{
    key(o, "top_terms");
    raw(o, "[");
    for (size_t i = 0; i < n; i++) {
        raw(o, i ? ",{\"term\":" : "{\"term\":");
        if (!o->failed && ts_json_put_string(o->b, top[i].term, strlen(top[i].term)))
            o->failed = 1;
        str(o, "category", top[i].category);
        dim_member(o, 0, top[i].dim);
        count(o, "count", top[i].count);
        num(o, "weight", top[i].weight, SUM_DECIMALS);
        raw(o, "}");
    }
    raw(o, "]");
}

/* A hit names what matched and what it weighed.  How a modifier changed it
 * (its entry's dimension and base weight, the modifier words, the rules)
 * is written only when something did: most hits are plain, and reports
 * hold millions of them.  Readers take a missing field as "unchanged". */
static void hit(out *o, const ts_hit *h)
{
    raw(o, "{\"term\":");
    if (!o->failed && ts_json_put_string(o->b, h->term, strlen(h->term)))
        o->failed = 1;
    str(o, "stem", h->key);
    str(o, "text", h->text);
    dim_member(o, 0, h->dim);
    str(o, "category", h->category);
    num(o, "weight", h->weight, SUM_DECIMALS);
    boolean(o, "negated", (h->flags & TS_HIT_NEGATED) != 0);
    if (!h->flags && h->weight == h->base_weight && h->entry_dim == h->dim) {
        raw(o, "}");
        return;
    }
    dim_member(o, 1, h->entry_dim);
    num(o, "base_weight", h->base_weight, SUM_DECIMALS);
    if (h->negator) str(o, "negator", h->negator);
    if (h->intensifier) str(o, "intensifier", h->intensifier);
    key(o, "modifiers");
    raw(o, "[");
    static const struct { unsigned flag; const char *name; } flags[] = {
        {TS_HIT_NEGATED, "negated"},          {TS_HIT_BOOSTED, "boosted"},
        {TS_HIT_DAMPENED, "dampened"},        {TS_HIT_CAPS, "caps"},
        {TS_HIT_BEFORE_CONTRAST, "before-contrast"},
        {TS_HIT_AFTER_CONTRAST, "after-contrast"},
        {TS_HIT_NAME, "name"}};
    int first = 1;
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        if (h->flags & flags[i].flag) {
            raw(o, first ? "\"" : ",\"");
            raw(o, flags[i].name);
            raw(o, "\"");
            first = 0;
        }
    raw(o, "]}");
}

/* A sentence record is its head - type, section, index: what only the
 * analyzer's thread knows, in document order - and its tail, the rest,
 * which a scoring thread can render (see ts_analyzer_set_report). */
static void sentence_head(out *o, const ts_sentence *s)
{
    raw(o, "{\"type\":\"sentence\"");
    count(o, "section", s->section);
    count(o, "index", s->index);
}

static void sentence_tail(out *o, const ts_sentence *s, int with_hits)
{
    count(o, "line", s->line);
    key(o, "text");
    if (!o->failed &&
        ts_json_put_string(o->b, s->text ? s->text : "", s->text_len))
        o->failed = 1;
    count(o, "words", s->words);
    num(o, "growth", s->growth, SUM_DECIMALS);
    num(o, "negativity", s->negativity, SUM_DECIMALS);
    num(o, "tone", s->tone, SUM_DECIMALS);
    label_member(o, s->label);
    boolean(o, "reframe", s->reframe);
    boolean(o, "split", s->split_at_cap);
    if (with_hits) {
        key(o, "hits");
        raw(o, "[");
        for (size_t i = 0; i < s->n_hits; i++) {
            if (i) raw(o, ",");
            hit(o, &s->hits[i]);
        }
        raw(o, "]");
    }
    raw(o, "}");
}

ts_status ts_json_sentence(ts_string *b, const ts_sentence *s, int with_hits)
{
    out o = {b, 0, b->len};
    sentence_head(&o, s);
    sentence_tail(&o, s, with_hits);
    return done(&o);
}

ts_status ts_json_sentence_head(ts_buf *b, const ts_sentence *s)
{
    out o = {b, 0, b->len};
    sentence_head(&o, s);
    return done(&o);
}

ts_status ts_json_sentence_tail(ts_buf *b, const ts_sentence *s)
{
    out o = {b, 0, b->len};
    sentence_tail(&o, s, 1);
    return done(&o);
}

ts_status ts_json_section(ts_string *b, const ts_section *s)
{
    out o = {b, 0, b->len};
    raw(&o, "{\"type\":\"section\"");
    count(&o, "index", s->index);
    str(&o, "title", s->title);
    count(&o, "level", (size_t)s->level);
    count(&o, "line", s->line);
    stats(&o, &s->stats);
    top_terms(&o, s->top, s->n_top);
    raw(&o, "}");
    return done(&o);
}

ts_status ts_json_document(ts_string *b, const ts_document *d,
                           const char *type)
{
    out o = {b, 0, b->len};
    raw(&o, "{\"type\":");
    if (!o.failed && ts_json_put_string(b, type, strlen(type))) o.failed = 1;
    str(&o, "title", d->title);
    str(&o, "format", ts_input_format_name(d->format));
    count(&o, "bytes", d->bytes);
    count(&o, "sections", d->sections);
    count(&o, "invalid_utf8", d->invalid_utf8);
    count(&o, "split_sentences", d->split_sentences);
    stats(&o, &d->stats);
    top_terms(&o, d->top, d->n_top);
    raw(&o, "}");
    return done(&o);
}
