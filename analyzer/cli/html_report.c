/* html_report.c - the self-contained HTML pages of `analyze --html` and
 * `compare --html`: a score card, inline SVG charts, and the text tinted
 * sentence by sentence, every score explained in a hover title.  No
 * script and nothing fetched: the page is one file that opens offline. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "html_report.h"

/* ------------------------------------------------------------------------
 * Collecting the analyzed article
 * ---------------------------------------------------------------------- */

typedef struct h_hit {
    char *term;              /* lexicon entry as written */
    char *category;          /* entry's category */
    char *text;              /* words it matched, or NULL when unknown */
    char *negator;           /* negating word, or NULL */
    char *intensifier;       /* booster or dampener, or NULL */
    ts_dimension entry_dim;  /* dimension of the entry */
    ts_dimension dim;        /* dimension it counted for */
    double base_weight;      /* entry weight */
    double weight;           /* after modifiers */
    unsigned flags;          /* TS_HIT_* */
} h_hit;

typedef struct h_sentence {
    size_t section;          /* section index as the analyzer numbers it */
    size_t index;            /* 1-based in the document */
    char *text;              /* normalised text */
    double growth, negativity, tone;
    ts_label label;
    int reframe;
    h_hit *hits;             /* n_hits, in sentence order */
    size_t n_hits;
} h_sentence;

typedef struct h_section {
    size_t index;            /* 0 = text before the first heading */
    char *title;             /* heading text, "" when untitled */
    ts_stats stats;
    size_t first, n;         /* its sentences in html_doc.sent */
} h_section;

struct html_doc {
    h_sentence *sent;        /* every sentence in document order */
    size_t n, cap;
    h_section *sec;          /* every section in document order */
    size_t n_sec, cap_sec;
    size_t pending;          /* first sentence of the open section */
};

static char *dup_or_null(const char *s, int *bad)
{
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) *bad = 1;
    return d;
}

html_doc *html_doc_new(void)
{
    return calloc(1, sizeof(html_doc));
}

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need) c *= 2;
    void *q = realloc(*p, c * size);
    if (!q) return -1;
    *p = q;
    *cap = c;
    return 0;
}

int html_doc_sentence(html_doc *h, const ts_sentence *s)
{
    if (grow((void **)&h->sent, &h->cap, h->n + 1, sizeof *h->sent)) return -1;
    h_sentence *d = &h->sent[h->n];
    memset(d, 0, sizeof *d);
    int bad = 0;
    d->section = s->section;
    d->index = s->index;
    d->text = dup_or_null(s->text ? s->text : "", &bad);
    d->growth = s->growth;
    d->negativity = s->negativity;
    d->tone = s->tone;
    d->label = s->label;
    d->reframe = s->reframe;
    h->n++;  /* counted now so that html_doc_free releases a partial copy */
    if (bad) return -1;
    if (s->n_hits) {
        d->hits = calloc(s->n_hits, sizeof *d->hits);
        if (!d->hits) return -1;
        d->n_hits = s->n_hits;
    }
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *src = &s->hits[k];
        h_hit *t = &d->hits[k];
        t->term = dup_or_null(src->term ? src->term : "", &bad);
        t->category = dup_or_null(src->category ? src->category : "", &bad);
        t->text = dup_or_null(src->text, &bad);
        t->negator = dup_or_null(src->negator, &bad);
        t->intensifier = dup_or_null(src->intensifier, &bad);
        t->entry_dim = src->entry_dim;
        t->dim = src->dim;
        t->base_weight = src->base_weight;
        t->weight = src->weight;
        t->flags = src->flags;
    }
    return bad ? -1 : 0;
}

int html_doc_section(html_doc *h, const ts_section *s)
{
    if (grow((void **)&h->sec, &h->cap_sec, h->n_sec + 1, sizeof *h->sec)) return -1;
    h_section *d = &h->sec[h->n_sec];
    d->index = s->index;
    d->title = strdup(s->title ? s->title : "");
    if (!d->title) return -1;
    d->stats = s->stats;
    d->first = h->pending;
    d->n = h->n - h->pending;
    h->pending = h->n;
    h->n_sec++;
    return 0;
}

static void free_hits(h_hit *hits, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(hits[k].term);
        free(hits[k].category);
        free(hits[k].text);
        free(hits[k].negator);
        free(hits[k].intensifier);
    }
    free(hits);
}

void html_doc_free(html_doc *h)
{
    if (!h) return;
    for (size_t k = 0; k < h->n; k++) {
        free(h->sent[k].text);
        free_hits(h->sent[k].hits, h->sent[k].n_hits);
    }
    for (size_t k = 0; k < h->n_sec; k++) free(h->sec[k].title);
    free(h->sent);
    free(h->sec);
    free(h);
}

/* ------------------------------------------------------------------------
 * Escaping and numbers
 * ---------------------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence at p (at most n bytes), or 0. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000;
    else return 0;
    if (n < len) return 0;
    unsigned cp = c & (0x7F >> len);
    for (size_t k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

/* Writes at most max_chars characters of s[0..len) as HTML text or
 * attribute content (max_chars 0: all), an ellipsis when cut.  The five
 * HTML specials become entities, control characters a space, and bytes
 * that are not UTF-8 (a path from the command line) U+FFFD. */
static void esc_n(FILE *f, const char *s, size_t len, size_t max_chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t chars = 0;
    for (size_t i = 0; i < len;) {
        if (max_chars && chars == max_chars) {
            fputs("\xE2\x80\xA6", f);
            return;
        }
        chars++;
        switch (p[i]) {
        case '&': fputs("&amp;", f); i++; continue;
        case '<': fputs("&lt;", f); i++; continue;
        case '>': fputs("&gt;", f); i++; continue;
        case '"': fputs("&quot;", f); i++; continue;
        case '\'': fputs("&#39;", f); i++; continue;
        default: break;
        }
        if (p[i] < 0x20 || p[i] == 0x7F) {
            fputc(' ', f);
            i++;
            continue;
        }
        size_t k = utf8_seq(p + i, len - i);
        if (!k) {
            fputs("\xEF\xBF\xBD", f);
            i++;
            continue;
        }
        fwrite(p + i, 1, k, f);
        i += k;
    }
}

static void esc(FILE *f, const char *s)
{
    if (s) esc_n(f, s, strlen(s), 0);
}

/* A tone as the tables print it, never "-0.000". */
static void put_tone(FILE *f, double t)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%+.3f", t);
    fputs(strcmp(tmp, "-0.000") ? tmp : "+0.000", f);
}

static const char *label_class(ts_label l)
{
    return l == TS_LABEL_GROWTH ? "g" : l == TS_LABEL_NEGATIVE ? "n" : "z";
}

static const char *sign_class(double d)
{
    return d > 0.0005 ? "up" : d < -0.0005 ? "down" : "flat";
}

/* A section's heading as shown: its title, else the document's. */
static const char *shown_title(const char *title)
{
    return title && *title ? title : "(untitled)";
}

/* ------------------------------------------------------------------------
 * Writing a page atomically
 * ---------------------------------------------------------------------- */

typedef struct page {
    FILE *f;
    const char *path;
    char *tmp;               /* temporary name beside path */
} page;

static int page_open(page *pg, const char *path)
{
    memset(pg, 0, sizeof *pg);
    pg->path = path;
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* /dev/stdout, a pipe: nothing to replace, write straight in */
        pg->f = fopen(path, "w");
        if (!pg->f) {
            cli_error(path, "%s", strerror(errno));
            return -1;
        }
        return 0;
    }
    size_t n = strlen(path);
    pg->tmp = malloc(n + 16);
    if (!pg->tmp) {
        cli_error(path, "out of memory");
        return -1;
    }
    memcpy(pg->tmp, path, n);
    memcpy(pg->tmp + n, ".tmp-XXXXXX", 12);
    int fd = mkstemp(pg->tmp);
    if (fd < 0) {
        cli_error(path, "%s", strerror(errno));
        free(pg->tmp);
        pg->tmp = NULL;
        return -1;
    }
    /* mkstemp makes it private; a page is as readable as any new file */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    pg->f = fdopen(fd, "w");
    if (!pg->f) {
        cli_error(path, "%s", strerror(errno));
        close(fd);
        unlink(pg->tmp);
        free(pg->tmp);
        pg->tmp = NULL;
        return -1;
    }
    return 0;
}

/* Flushes, syncs and renames into place; on any failure reports it,
 * removes the temporary file and returns EXIT_IO. */
static int page_close(page *pg)
{
    int err = 0;
    errno = 0;
    if (fflush(pg->f) != 0 || ferror(pg->f)) err = errno ? errno : EIO;
    if (!err && pg->tmp && fsync(fileno(pg->f)) != 0) err = errno;
    if (fclose(pg->f) != 0 && !err) err = errno ? errno : EIO;
    if (!err && pg->tmp && rename(pg->tmp, pg->path) != 0) err = errno;
    if (err) {
        cli_error(pg->path, "%s", strerror(err));
        if (pg->tmp) unlink(pg->tmp);
    }
    free(pg->tmp);
    return err ? EXIT_IO : EXIT_OK;
}

/* Gives up on a page: reports why and removes the temporary file. */
static int page_abort(page *pg, const char *why)
{
    cli_error(pg->path, "%s", why);
    fclose(pg->f);
    if (pg->tmp) unlink(pg->tmp);
    free(pg->tmp);
    return EXIT_IO;
}

static const char css[] =
    ":root{--g:#1a7f37;--n:#cf222e;--rf:#8250df;--ink:#1f2328;--mute:#59636e;"
    "--line:#d1d9e0;--bg:#f6f8fa}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:#fff;color:var(--ink);font:16px/1.55 "
    "'DejaVu Sans','Liberation Sans',Helvetica,Arial,sans-serif}\n"
    "main{max-width:1080px;margin:0 auto;padding:28px 32px 48px}\n"
    "h1{font-size:28px;line-height:1.25;margin:0 0 4px}\n"
    "h2{font-size:20px;margin:36px 0 10px;padding-bottom:6px;"
    "border-bottom:1px solid var(--line)}\n"
    "h3{font-size:17px;margin:26px 0 4px}\n"
    ".src{color:var(--mute);margin:0 0 18px;font-size:14px}\n"
    ".card{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));"
    "gap:12px;margin:18px 0}\n"
    ".stat{background:var(--bg);border:1px solid var(--line);border-radius:8px;"
    "padding:12px 14px}\n"
    ".stat b{display:block;font-size:26px;line-height:1.2}\n"
    ".stat>span{color:var(--mute);font-size:13px;line-height:1.3;display:block}\n"
    ".card.cmp{grid-template-columns:repeat(4,1fr)}.card.cmp .stat b{font-size:22px}\n"
    ".stat.wide{grid-column:span 2}.card.cmp .stat.wide b{font-size:16px;line-height:1.6}\n"
    "details>summary{cursor:pointer}\n"
    "details>summary h3{display:inline-block;margin:18px 0 4px}\n"
    ".badge{display:inline-block;font-size:12px;font-weight:bold;padding:1px 8px;"
    "border-radius:10px;color:#fff;background:#6e7781;vertical-align:middle}\n"
    ".badge.g{background:var(--g)}.badge.n{background:var(--n)}"
    ".badge.chg{background:#9a6700}\n"
    ".up{color:var(--g)}.down{color:var(--n)}.flat{color:var(--mute)}\n"
    ".legend{font-size:13px;color:var(--mute);margin:0 0 8px}\n"
    ".legend i{display:inline-block;width:12px;height:12px;border-radius:2px;"
    "margin:0 5px -1px 14px}\n"
    ".legend i:first-child{margin-left:0}\n"
    "svg{display:block;max-width:100%;height:auto;font-size:13px}\n"
    "svg text{fill:var(--ink)}\n"
    ".meta{color:var(--mute);font-size:13px;margin:0 0 6px}\n"
    ".body{margin:0;line-height:1.9}\n"
    ".s{border-radius:3px;padding:1px 0}\n"
    ".s:hover{outline:2px solid #0969da}\n"
    ".h{text-decoration:none;border-bottom:2px solid;cursor:help}\n"
    ".h.g{border-color:var(--g)}.h.n{border-color:var(--n)}\n"
    ".rf{color:var(--rf);font-weight:bold;font-size:13px;margin:0 2px;cursor:help}\n"
    ".cols{display:grid;grid-template-columns:1fr 1fr;gap:18px}\n"
    ".col{border:1px solid var(--line);border-radius:8px;padding:8px 12px;"
    "font-size:15px}\n"
    ".col h4{margin:0 0 4px;font-size:13px;color:var(--mute)}\n"
    ".mk{font-weight:bold;font-family:'DejaVu Sans Mono',monospace;margin-right:3px}\n"
    ".mk.add{color:var(--g)}.mk.del{color:var(--n)}.mk.chg{color:#9a6700}\n"
    "table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}\n"
    "th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);"
    "vertical-align:top}\n"
    "th{color:var(--mute);font-weight:normal}\n"
    "td.num{text-align:right;white-space:nowrap;font-family:'DejaVu Sans Mono',monospace}\n"
    "footer{margin-top:40px;color:var(--mute);font-size:13px}\n";

static void page_head(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"tonescope " TS_VERSION "\">\n<title>", f);
    esc(f, title);
    fputs("</title>\n<style>\n", f);
    fputs(css, f);
    fputs("</style>\n</head>\n<body>\n<main>\n", f);
}

static void page_foot(FILE *f)
{
    fputs("<footer>Hover a sentence, a term or a point of a chart to see why it "
          "scored as it did. Tone runs from &minus;1 (negative) to +1 (growth); "
          "|tone| below 0.05 is neutral. Made by tonescope " TS_VERSION
          ".</footer>\n</main>\n</body>\n</html>\n", f);
}

static void stat_box(FILE *f, const char *value_html, const char *what)
{
    fprintf(f, "<div class=\"stat\"><b>%s</b><span>%s</span></div>\n", value_html, what);
}

/* ------------------------------------------------------------------------
 * Sentences: tinted by tone, hits underlined, every score explained
 * ---------------------------------------------------------------------- */

/* Why one hit weighs what it does, for a title attribute. */
static void hit_reason(FILE *f, const h_hit *h)
{
    fputs("&#8220;", f);
    esc(f, h->text && *h->text ? h->text : h->term);
    fputs("&#8221; matches ", f);
    esc(f, h->term);
    fprintf(f, " (%s, ", ts_dimension_name(h->entry_dim));
    esc(f, h->category);
    fprintf(f, "), weight %.2f", h->base_weight);
    if (h->flags & TS_HIT_NEGATED) {
        fputs("&#10;  negated by &#8220;", f);
        esc(f, h->negator ? h->negator : "?");
        fprintf(f, "&#8221;: counts as %s &#215;%.2f", ts_dimension_name(h->dim),
                TS_NEGATION_FACTOR);
    }
    if (h->flags & (TS_HIT_BOOSTED | TS_HIT_DAMPENED)) {
        fprintf(f, "&#10;  %s by &#8220;", h->flags & TS_HIT_BOOSTED ? "boosted" : "dampened");
        esc(f, h->intensifier ? h->intensifier : "?");
        fputs("&#8221;", f);
    }
    if (h->flags & TS_HIT_CAPS) fprintf(f, "&#10;  written in capitals: +%.1f", TS_CAPS_BONUS);
    if (h->flags & TS_HIT_BEFORE_CONTRAST)
        fprintf(f, "&#10;  before a contrast (&#8220;but&#8221;): &#215;%.1f", TS_CONTRAST_BEFORE);
    if (h->flags & TS_HIT_AFTER_CONTRAST)
        fprintf(f, "&#10;  after a contrast (&#8220;but&#8221;): &#215;%.1f", TS_CONTRAST_AFTER);
    if (h->weight != h->base_weight || h->dim != h->entry_dim)
        fprintf(f, "&#10;  = %.2f %s", h->weight, ts_dimension_name(h->dim));
}

/* A view of one sentence shared by both pages. */
typedef struct s_view {
    size_t index;            /* 1-based number shown, 0 = none */
    const char *text;
    double growth, negativity, tone;
    ts_label label;
    int reframe;
    const h_hit *hits;
    size_t n_hits;
} s_view;

static void sentence_reason(FILE *f, const s_view *v)
{
    if (v->index) fprintf(f, "Sentence %zu: ", v->index);
    fputs("tone ", f);
    put_tone(f, v->tone);
    fprintf(f, " (%s) = (G &#8722; N) / &#8730;((G &#8722; N)&#178; + %g), "
            "G %.2f, N %.2f", ts_label_name(v->label), TS_TONE_ALPHA, v->growth,
            v->negativity);
    if (v->reframe)
        fputs("&#10;reframe: it names a setback and frames it constructively (G &#8805; N)", f);
    if (!v->n_hits) fputs("&#10;no lexicon terms", f);
    for (size_t k = 0; k < v->n_hits; k++) {
        fputs("&#10;&#8226; ", f);
        hit_reason(f, &v->hits[k]);
    }
}

static int word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80 || c == '_';
}

/* Finds needle (n bytes) in hay[from..] ignoring ASCII case, starting a
 * word and, unless prefix, ending one.  Returns its offset and sets *end
 * past the match (with prefix: past the rest of the word), or returns
 * (size_t)-1. */
static size_t find_word(const char *hay, size_t hay_len, size_t from,
                        const char *needle, size_t n, int prefix, size_t *end)
{
    if (!n || n > hay_len) return (size_t)-1;
    for (size_t i = from; i + n <= hay_len; i++) {
        if (i > 0 && word_byte((unsigned char)hay[i - 1])) continue;
        if (!prefix && i + n < hay_len && word_byte((unsigned char)hay[i + n])) continue;
        if (strncasecmp(hay + i, needle, n)) continue;
        *end = i + n;
        while (prefix && *end < hay_len && word_byte((unsigned char)hay[*end])) (*end)++;
        return i;
    }
    return (size_t)-1;
}

/* One sentence as a tinted span; hits whose words are found in the text
 * are underlined, each with its own explanation. */
static void sentence_html(FILE *f, const s_view *v, const char *mark_class,
                          const char *mark)
{
    const char *cls = label_class(v->label);
    double a = 0.10 + 0.30 * fabs(v->tone);
    if (mark) fprintf(f, "<span class=\"mk %s\">%s</span>", mark_class, mark);
    fprintf(f, "<span class=\"s %s\"", cls);
    if (v->label == TS_LABEL_GROWTH)
        fprintf(f, " style=\"background:rgba(26,127,55,%.2f)\"", a);
    else if (v->label == TS_LABEL_NEGATIVE)
        fprintf(f, " style=\"background:rgba(207,34,46,%.2f)\"", a);
    fputs(" title=\"", f);
    sentence_reason(f, v);
    fputs("\">", f);
    size_t len = strlen(v->text), at = 0;
    for (size_t k = 0; k < v->n_hits; k++) {
        const h_hit *h = &v->hits[k];
        /* the words it matched; failing those (a hit read back from a
         * report), the entry as a word prefix: "fail" finds "failed" */
        const char *needle = h->text ? h->text : h->term;
        size_t n = strlen(needle), end;
        if (!h->text && n && needle[n - 1] == '*') n--;
        size_t pos = find_word(v->text, len, at, needle, n, !h->text, &end);
        if (pos == (size_t)-1) continue;
        esc_n(f, v->text + at, pos - at, 0);
        fprintf(f, "<u class=\"h %s\" title=\"", h->dim == TS_GROWTH ? "g" : "n");
        hit_reason(f, h);
        fputs("\">", f);
        esc_n(f, v->text + pos, end - pos, 0);
        fputs("</u>", f);
        at = end;
    }
    esc_n(f, v->text + at, len - at, 0);
    fputs("</span>", f);
    if (v->reframe)
        fputs("<span class=\"rf\" title=\"reframe: names a setback and frames it "
              "constructively\">&#8635;</span>", f);
    fputs(" \n", f);
}

static s_view view_of(const h_sentence *s)
{
    s_view v = {s->index, s->text, s->growth, s->negativity, s->tone,
                s->label, s->reframe, s->hits, s->n_hits};
    return v;
}

static void text_legend(FILE *f)
{
    fputs("<p class=\"legend\"><i style=\"background:rgba(26,127,55,.3)\"></i>growth "
          "sentence<i style=\"background:rgba(207,34,46,.3)\"></i>negative sentence "
          "(deeper tint: stronger tone)<i style=\"border-bottom:2px solid var(--g);"
          "border-radius:0\"></i>growth term<i style=\"border-bottom:2px solid var(--n);"
          "border-radius:0\"></i>negativity term <b class=\"rf\">&#8635;</b>reframe</p>\n", f);
}

/* ------------------------------------------------------------------------
 * Charts (inline SVG)
 * ---------------------------------------------------------------------- */

typedef struct bar_row {
    size_t number;           /* section number shown */
    const char *title;
    double a, b;             /* the two bars */
    int has_a, has_b;        /* whether each exists (compare: added/removed) */
} bar_row;

/* A step for about five grid lines up to max. */
static double nice_step(double max)
{
    static const double steps[] = {0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500};
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++)
        if (max / steps[k] <= 6) return steps[k];
    return max / 5;
}

#define CHART_W 1000
#define LABEL_W 330
#define ROW_H 36

/* A value of a bar: a tone, or a rate per 100 words. */
static void put_val(FILE *f, double v, int is_signed)
{
    if (is_signed) put_tone(f, v);
    else fprintf(f, "%.2f", v);
}

/* Two horizontal bars per section from a common zero; signed values
 * (tones) grow left or right of a centre line.  names/colors: the two
 * series. */
static void bar_chart(FILE *f, const bar_row *rows, size_t n, int is_signed,
                      const char *name_a, const char *color_a,
                      const char *name_b, const char *color_b)
{
    fprintf(f, "<p class=\"legend\"><i style=\"background:%s\"></i>%s"
            "<i style=\"background:%s\"></i>%s</p>\n", color_a, name_a, color_b, name_b);
    double max = is_signed ? 0.25 : 1;
    for (size_t k = 0; k < n; k++) {
        if (rows[k].has_a && fabs(rows[k].a) > max) max = fabs(rows[k].a);
        if (rows[k].has_b && fabs(rows[k].b) > max) max = fabs(rows[k].b);
    }
    double step = nice_step(max);
    max = ceil(max / step - 1e-9) * step;
    const double x0 = LABEL_W + 12, width = CHART_W - x0 - 60;
    double zero = is_signed ? x0 + width / 2 : x0;
    double scale = (is_signed ? width / 2 : width) / max;
    double h = (double)n * ROW_H + 26;
    fprintf(f, "<svg viewBox=\"0 0 %d %.0f\" width=\"%d\" role=\"img\" "
            "aria-label=\"%s and %s by section\">\n", CHART_W, h, CHART_W, name_a, name_b);
    for (double t = is_signed ? -max : 0; t <= max + 1e-9; t += step) {
        double x = zero + t * scale;
        fprintf(f, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"%s\"/>"
                "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" fill=\"#59636e\">",
                x, x, h - 20, fabs(t) < 1e-9 ? "#8c959f" : "#e4e8ec", x, h - 6);
        fprintf(f, is_signed ? "%+.2f" : "%g", fabs(t) < 1e-9 ? 0.0 : t);
        fputs("</text>\n", f);
    }
    for (size_t k = 0; k < n; k++) {
        const bar_row *r = &rows[k];
        double y = (double)k * ROW_H;
        fprintf(f, "<g><title>%zu. ", r->number);
        esc(f, shown_title(r->title));
        fprintf(f, "&#10;%s: ", name_a);
        if (r->has_a) put_val(f, r->a, is_signed); else fputs("none", f);
        fprintf(f, "&#10;%s: ", name_b);
        if (r->has_b) put_val(f, r->b, is_signed); else fputs("none", f);
        fprintf(f, "</title><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%zu. ",
                LABEL_W, y + 22, r->number);
        esc_n(f, shown_title(r->title), strlen(shown_title(r->title)), 40);
        fputs("</text>\n", f);
        const double vals[2] = {r->a, r->b};
        const int has[2] = {r->has_a, r->has_b};
        const char *colors[2] = {color_a, color_b};
        for (int b = 0; b < 2; b++) {
            double by = y + 6 + b * 13;
            if (!has[b]) continue;
            double len = fabs(vals[b]) * scale;
            double x = vals[b] < 0 ? zero - len : zero;
            fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"11\" "
                    "rx=\"2\" fill=\"%s\"/>", x, by, len < 1 ? 1 : len, colors[b]);
            double tx = vals[b] < 0 ? zero - len - 4 : zero + len + 4;
            fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\" "
                    "fill=\"#59636e\">", tx, by + 9.5, vals[b] < 0 ? "end" : "start");
            put_val(f, vals[b], is_signed);
            fputs("</text>\n", f);
        }
        fputs("</g>\n", f);
    }
    fputs("</svg>\n", f);
}

#define ARC_H 260
#define ARC_L 48
#define ARC_R 990
#define ARC_T 24
#define ARC_B 236
#define ARC_MAX_POINTS 3000  /* hover dots drawn up to this many sentences */

static double arc_x(size_t i, size_t n)
{
    if (n < 2) return (ARC_L + ARC_R) / 2.0;
    return ARC_L + (double)i * (ARC_R - ARC_L) / (double)(n - 1);
}

static double arc_y(double tone)
{
    return ARC_T + (1 - tone) / 2 * (ARC_B - ARC_T);
}

/* Sentence tone by sentence number, a dashed line where each section
 * starts, the zero line and the neutral band. */
static void tone_arc(FILE *f, const html_doc *h)
{
    size_t n = h->n;
    if (!n) {
        fputs("<p class=\"meta\">No sentences.</p>\n", f);
        return;
    }
    fputs("<p class=\"legend\"><i style=\"background:#444\"></i>sentence tone "
          "<i style=\"background:rgba(140,149,159,.25)\"></i>neutral band (&#177;0.05)"
          "<i style=\"background:#0969da\"></i>section start (dashed, numbered)</p>\n", f);
    fprintf(f, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" role=\"img\" "
            "aria-label=\"tone arc\">\n", CHART_W, ARC_H, CHART_W);
    fprintf(f, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
            "fill=\"rgba(140,149,159,.25)\"/>\n", ARC_L, arc_y(TS_TONE_THRESHOLD),
            ARC_R - ARC_L, arc_y(-TS_TONE_THRESHOLD) - arc_y(TS_TONE_THRESHOLD));
    for (int k = -2; k <= 2; k++) {
        double t = k / 2.0, y = arc_y(t);
        fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
                "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#59636e\">%+.1f</text>\n",
                ARC_L, y, ARC_R, y, k ? "#e4e8ec" : "#6e7781", ARC_L - 6, y + 4,
                k ? t : 0.0);
    }
    for (size_t s = 0; s < h->n_sec; s++) {
        const h_section *sec = &h->sec[s];
        if (!sec->n) continue;
        double x = sec->first ? (arc_x(sec->first - 1, n) + arc_x(sec->first, n)) / 2
                              : ARC_L;
        fprintf(f, "<g><title>Section %zu: ", sec->index);
        esc(f, shown_title(sec->title));
        fprintf(f, " (sentences %zu&#8211;%zu)</title>", sec->first + 1, sec->first + sec->n);
        fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#0969da\" "
                "stroke-dasharray=\"4 3\"/><text x=\"%.1f\" y=\"%d\" fill=\"#0969da\" "
                "font-weight=\"bold\">%zu</text></g>\n",
                x, ARC_T - 6, x, ARC_B, x + 3, ARC_T - 10 + 6, sec->index);
    }
    fputs("<polyline fill=\"none\" stroke=\"#444\" stroke-width=\"1.5\" "
          "stroke-linejoin=\"round\" points=\"", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%.1f,%.1f", i ? " " : "", arc_x(i, n), arc_y(h->sent[i].tone));
    fputs("\"/>\n", f);
    if (n <= ARC_MAX_POINTS)
        for (size_t i = 0; i < n; i++) {
            const h_sentence *s = &h->sent[i];
            fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>",
                    arc_x(i, n), arc_y(s->tone),
                    s->label == TS_LABEL_GROWTH ? "#1a7f37"
                    : s->label == TS_LABEL_NEGATIVE ? "#cf222e" : "#8c959f");
            fprintf(f, "Sentence %zu, section %zu: tone ", s->index, s->section);
            put_tone(f, s->tone);
            fputs("&#10;", f);
            esc_n(f, s->text, strlen(s->text), 120);
            fputs("</title></circle>\n", f);
        }
    fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#59636e\">"
            "sentence %zu &#8594;</text>\n", ARC_R, ARC_H - 6, n);
    fprintf(f, "<text x=\"%d\" y=\"%d\" fill=\"#59636e\">sentence 1</text>\n",
            ARC_L, ARC_H - 6);
    fputs("</svg>\n", f);
}

/* ------------------------------------------------------------------------
 * The analyze page
 * ---------------------------------------------------------------------- */

static void score_card(FILE *f, const ts_stats *st)
{
    char v[160];
    double tone = ts_stats_mean_tone(st);
    ts_label l = ts_stats_label(st);
    char t[32];
    snprintf(t, sizeof t, "%+.3f", tone);
    snprintf(v, sizeof v, "<span id=\"doc-tone\">%s</span> <span class=\"badge %s\">%s</span>",
             strcmp(t, "-0.000") ? t : "+0.000", label_class(l), ts_label_name(l));
    fputs("<div class=\"card\">\n", f);
    stat_box(f, v, "document tone (mean of the sentences)");
    snprintf(v, sizeof v, "<span class=\"up\">%.2f</span>", ts_stats_growth_per100(st));
    stat_box(f, v, "growth per 100 words");
    snprintf(v, sizeof v, "<span class=\"down\">%.2f</span>", ts_stats_negativity_per100(st));
    stat_box(f, v, "negativity per 100 words");
    snprintf(v, sizeof v, "<span style=\"color:var(--rf)\">%zu</span>", st->reframes);
    stat_box(f, v, "reframes (setback framed constructively)");
    snprintf(v, sizeof v, "%zu", st->sentences);
    stat_box(f, v, "sentences");
    snprintf(v, sizeof v, "%zu", st->words);
    stat_box(f, v, "words");
    fputs("</div>\n", f);
}

static void section_meta(FILE *f, const ts_stats *st)
{
    fputs("<p class=\"meta\">tone ", f);
    put_tone(f, ts_stats_mean_tone(st));
    fprintf(f, " <span class=\"badge %s\">%s</span> &middot; growth %.2f / 100 words "
            "&middot; negativity %.2f / 100 words &middot; %zu reframe%s &middot; "
            "%zu sentence%s &middot; %zu words</p>\n",
            label_class(ts_stats_label(st)), ts_label_name(ts_stats_label(st)),
            ts_stats_growth_per100(st), ts_stats_negativity_per100(st), st->reframes,
            st->reframes == 1 ? "" : "s", st->sentences, st->sentences == 1 ? "" : "s",
            st->words);
}

int html_write_analyze(const char *path, const char *source,
                       const html_doc *h, const ts_document *doc)
{
    page pg;
    if (page_open(&pg, path)) return EXIT_IO;
    FILE *f = pg.f;
    const char *title = doc->title && *doc->title ? doc->title : source;
    page_head(f, title);
    fputs("<h1>", f);
    esc(f, title);
    fputs("</h1>\n<p class=\"src\">", f);
    esc(f, source);
    fprintf(f, " &middot; %s &middot; %zu section%s &middot; tone report by tonescope "
            TS_VERSION "</p>\n", ts_input_format_name(doc->format), h->n_sec,
            h->n_sec == 1 ? "" : "s");
    score_card(f, &doc->stats);

    fputs("<h2 id=\"by-section\">Growth and negativity by section</h2>\n", f);
    bar_row *rows = calloc(h->n_sec ? h->n_sec : 1, sizeof *rows);
    if (!rows) return page_abort(&pg, "out of memory");
    for (size_t k = 0; k < h->n_sec; k++) {
        const h_section *s = &h->sec[k];
        bar_row r = {s->index, s->title, ts_stats_growth_per100(&s->stats),
                     ts_stats_negativity_per100(&s->stats), 1, 1};
        rows[k] = r;
    }
    bar_chart(f, rows, h->n_sec, 0, "growth per 100 words", "#1a7f37",
              "negativity per 100 words", "#cf222e");
    free(rows);

    fputs("<h2 id=\"arc\">Tone arc</h2>\n", f);
    tone_arc(f, h);

    fputs("<h2 id=\"text\">The text</h2>\n", f);
    text_legend(f);
    for (size_t k = 0; k < h->n_sec; k++) {
        const h_section *s = &h->sec[k];
        fprintf(f, "<h3 id=\"s%zu\">%zu. ", s->index, s->index);
        esc(f, shown_title(s->title));
        fputs("</h3>\n", f);
        section_meta(f, &s->stats);
        fputs("<p class=\"body\">\n", f);
        for (size_t i = 0; i < s->n; i++) {
            s_view v = view_of(&h->sent[s->first + i]);
            sentence_html(f, &v, NULL, NULL);
        }
        fputs("</p>\n", f);
    }
    page_foot(f);
    return page_close(&pg);
}

/* ------------------------------------------------------------------------
 * The compare page
 * ---------------------------------------------------------------------- */

/* A cmp_sentence seen as a page sentence; its hits carry no surface words
 * nor modifiers, so they are found by their term and explained by their
 * final weight. */
static s_view cmp_view(const cmp_sentence *s, size_t index, h_hit *buf)
{
    for (size_t k = 0; k < s->n_hits; k++) {
        h_hit h = {s->hits[k].term, s->hits[k].category, NULL, NULL, NULL,
                   s->hits[k].dim, s->hits[k].dim, s->hits[k].weight,
                   s->hits[k].weight, 0};
        buf[k] = h;
    }
    s_view v = {index, s->text, s->growth, s->negativity, s->tone,
                ts_tone_label(s->tone), s->reframe, buf, s->n_hits};
    return v;
}

static void cmp_sentence_html(FILE *f, const cmp_sentence *s, size_t index,
                              const char *mark_class, const char *mark)
{
    h_hit *buf = cmp_xcalloc(s->n_hits ? s->n_hits : 1, sizeof *buf);
    s_view v = cmp_view(s, index, buf);
    sentence_html(f, &v, mark_class, mark);
    free(buf);
}

/* The mark of a sentence of one side: how the diff changed it. */
static const cmp_change *change_of(const cmp_pair *p, const cmp_sentence *s, int after)
{
    for (size_t k = 0; k < p->n_changes; k++)
        if ((after ? p->changes[k].after : p->changes[k].before) == s) return &p->changes[k];
    return NULL;
}

static void cmp_column(FILE *f, const cmp_pair *p, int after)
{
    const cmp_section *sec = after ? p->after : p->before;
    fprintf(f, "<div class=\"col\"><h4>%s</h4>\n", after ? "new draft" : "old draft");
    if (!sec) {
        fprintf(f, "<p class=\"meta\">(not in the %s draft)</p></div>\n", after ? "new" : "old");
        return;
    }
    if (after ? p->status == ST_RENAMED : 0) {
        fputs("<p class=\"meta\">renamed from &#8220;", f);
        esc(f, p->before->title);
        fputs("&#8221;</p>\n", f);
    }
    section_meta(f, &sec->stats);
    fputs("<p class=\"body\">\n", f);
    for (size_t i = 0; i < sec->n; i++) {
        const cmp_change *c = change_of(p, &sec->sent[i], after);
        const char *cls = NULL, *mark = NULL;
        if (c) {
            cls = c->kind == CH_ADDED ? "add" : c->kind == CH_REMOVED ? "del" : "chg";
            mark = c->kind == CH_ADDED ? "+" : c->kind == CH_REMOVED ? "&#8722;" : "~";
        }
        cmp_sentence_html(f, &sec->sent[i], 0, cls, mark);
    }
    fputs("</p></div>\n", f);
}

static void delta_html(FILE *f, double d)
{
    fprintf(f, "<span class=\"%s\">", sign_class(d));
    put_tone(f, d);
    fputs("</span>", f);
}

static void cmp_changes(FILE *f, const cmp_pair *p)
{
    if (!p->n_changes) return;
    fputs("<table><tr><th>change</th><th>share</th><th>tone</th><th>sentence</th></tr>\n", f);
    for (size_t k = 0; k < p->n_changes; k++) {
        const cmp_change *c = &p->changes[k];
        fprintf(f, "<tr><td>%s</td><td class=\"num\">", cmp_change_name(c->kind));
        delta_html(f, c->share);
        fputs("</td><td class=\"num\">", f);
        if (c->before) put_tone(f, c->before->tone);
        if (c->before && c->after) fputs(" &#8594; ", f);
        if (c->after) put_tone(f, c->after->tone);
        fputs("</td><td>", f);
        if (c->before) {
            fputs("<div><span class=\"mk del\">&#8722;</span>", f);
            esc(f, c->before->text);
            fputs("</div>", f);
        }
        if (c->after) {
            fputs("<div><span class=\"mk add\">+</span>", f);
            esc(f, c->after->text);
            fputs("</div>", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n", f);
}

static void cmp_shift(FILE *f, const cmp_term *t, size_t n, size_t top)
{
    if (n > top) n = top;
    if (!n) {
        fputs("<p class=\"meta\">No term changed the tone.</p>\n", f);
        return;
    }
    double max = 0;
    for (size_t k = 0; k < n; k++)
        if (fabs(t[k].contribution) > max) max = fabs(t[k].contribution);
    fputs("<table><tr><th>term</th><th>dimension</th><th>category</th>"
          "<th>contribution</th><th></th></tr>\n", f);
    for (size_t k = 0; k < n; k++) {
        fputs("<tr><td>", f);
        esc(f, t[k].term);
        fprintf(f, "</td><td>%s</td><td>", ts_dimension_name(t[k].dim));
        esc(f, t[k].category);
        fputs("</td><td class=\"num\">", f);
        delta_html(f, t[k].contribution);
        fprintf(f, "</td><td style=\"width:40%%\"><div style=\"height:10px;width:%.1f%%;"
                "background:%s;border-radius:2px\"></div></td></tr>\n",
                max > 0 ? 100 * fabs(t[k].contribution) / max : 0,
                t[k].contribution >= 0 ? "#1a7f37" : "#cf222e");
    }
    fputs("</table>\n", f);
}

static void cmp_card(FILE *f, const cmp_result *r)
{
    const ts_stats *b = &r->before->stats, *a = &r->after->stats;
    fputs("<div class=\"card cmp\">\n<div class=\"stat\"><b><span id=\"doc-tone\">", f);
    put_tone(f, r->tone_before);
    fputs(" &#8594; ", f);
    put_tone(f, r->tone_after);
    fputs("</span></b><span>document tone, old &#8594; new</span></div>\n"
          "<div class=\"stat\"><b>", f);
    delta_html(f, r->delta);
    fprintf(f, "</b><span>change (%s)</span></div>\n",
            r->delta > 0 ? "more constructive" : r->delta < 0 ? "less constructive"
                                                             : "unchanged");
    fprintf(f, "<div class=\"stat\"><b>%.2f &#8594; %.2f</b><span>growth per 100 words"
            "</span></div>\n", ts_stats_growth_per100(b), ts_stats_growth_per100(a));
    fprintf(f, "<div class=\"stat\"><b>%.2f &#8594; %.2f</b><span>negativity per 100 "
            "words</span></div>\n", ts_stats_negativity_per100(b), ts_stats_negativity_per100(a));
    fprintf(f, "<div class=\"stat\"><b>%zu &#8594; %zu</b><span>reframes</span></div>\n",
            b->reframes, a->reframes);
    fprintf(f, "<div class=\"stat\"><b>%zu &#8594; %zu</b><span>sentences</span></div>\n",
            b->sentences, a->sentences);
    fputs("<div class=\"stat wide\"><b>", f);
    for (int s = 0; s < ST_COUNT; s++)
        fprintf(f, "%s%zu %s", s ? " &middot; " : "", r->counts[s],
                cmp_status_name((cmp_status)s));
    fputs("</b><span>sections</span></div>\n</div>\n", f);
}

int html_write_compare(const char *path, const cmp_result *r, size_t top)
{
    page pg;
    if (page_open(&pg, path)) return EXIT_IO;
    FILE *f = pg.f;
    page_head(f, "tonescope compare");
    fputs("<h1>How the tone changed</h1>\n<p class=\"src\"><span class=\"down\">old</span> ", f);
    esc(f, r->before->path);
    fputs(" &#8594; <span class=\"up\">new</span> ", f);
    esc(f, r->after->path);
    fputs(" &middot; tonescope " TS_VERSION "</p>\n", f);
    cmp_card(f, r);

    bar_row *rows = calloc(r->n ? r->n : 1, sizeof *rows);
    if (!rows) return page_abort(&pg, "out of memory");
    size_t n = 0;
    for (size_t k = 0; k < r->n; k++) {
        const cmp_pair *p = &r->pairs[k];
        if (!p->visible) continue;
        bar_row row = {n + 1, p->after ? p->after->title : p->before->title,
                       p->tone_before, p->tone_after, p->before != NULL, p->after != NULL};
        rows[n++] = row;
    }
    fputs("<h2 id=\"by-section\">Tone by section, old and new</h2>\n", f);
    bar_chart(f, rows, n, 1, "old draft", "#afb8c1", "new draft", "#0969da");
    free(rows);

    fputs("<h2 id=\"sections\">The sections side by side</h2>\n", f);
    text_legend(f);
    fputs("<p class=\"legend\"><b class=\"mk add\">+</b>added <b class=\"mk del\">&#8722;"
          "</b>removed <b class=\"mk chg\">~</b>changed sentence</p>\n", f);
    n = 0;
    for (size_t k = 0; k < r->n; k++) {
        const cmp_pair *p = &r->pairs[k];
        if (!p->visible) continue;
        n++;
        /* unchanged sections fold away; the rest are open */
        fprintf(f, "<details%s><summary>", p->status == ST_SAME ? "" : " open");
        fprintf(f, "<h3 id=\"p%zu\">%zu. ", n, n);
        esc(f, shown_title(p->after ? p->after->title : p->before->title));
        fprintf(f, " <span class=\"badge %s\">%s</span></h3>\n<span class=\"meta\">"
                "&#160; tone ", p->status == ST_SAME ? "" : p->status == ST_ADDED ? "g"
                : p->status == ST_REMOVED ? "n" : "chg",
                cmp_status_name(p->status));
        if (p->before) put_tone(f, p->tone_before); else fputs("&#8211;", f);
        fputs(" &#8594; ", f);
        if (p->after) put_tone(f, p->tone_after); else fputs("&#8211;", f);
        if (p->before && p->after) {
            fputs(" (", f);
            delta_html(f, p->delta);
            fputs(")", f);
        }
        fputs("</span></summary>\n<div class=\"cols\">\n", f);
        cmp_column(f, p, 0);
        cmp_column(f, p, 1);
        fputs("</div>\n", f);
        cmp_changes(f, p);
        fputs("</details>\n", f);
    }

    fputs("<h2 id=\"word-shift\">Word shift</h2>\n<p class=\"meta\">The terms that moved "
          "the tone most: weight after minus weight before, growth counted positive, "
          "negativity negative.</p>\n", f);
    cmp_shift(f, r->shift, r->n_shift, top);
    page_foot(f);
    return page_close(&pg);
}
