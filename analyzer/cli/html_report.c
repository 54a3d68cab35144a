/* html_report.c - the page of `analyze --html`: the article collected as
 * the analyzer reports it, then a score card, the section chart, the tone
 * arc and the text tinted sentence by sentence (the shared pieces are in
 * html_page.c; the compare page is in html_compare.c).  No script and
 * nothing fetched: the page is one file that opens offline. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "html_page.h"
#include "html_report.h"

/* ------------------------------------------------------------------------
 * Collecting the analyzed article
 * ---------------------------------------------------------------------- */


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
static s_view view_of(const h_sentence *s)
{
    s_view v = {s->index, s->text, s->growth, s->negativity, s->tone,
                s->label, s->reframe, s->hits, s->n_hits};
    return v;
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
        html_esc(f, html_shown_title(sec->title));
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
            html_put_tone(f, s->tone);
            fputs("&#10;", f);
            html_esc_n(f, s->text, strlen(s->text), 120);
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
             strcmp(t, "-0.000") ? t : "+0.000", html_label_class(l), ts_label_name(l));
    fputs("<div class=\"card\">\n", f);
    html_stat_box(f, v, "document tone (mean of the sentences)");
    snprintf(v, sizeof v, "<span class=\"up\">%.2f</span>", ts_stats_growth_per100(st));
    html_stat_box(f, v, "growth per 100 words");
    snprintf(v, sizeof v, "<span class=\"down\">%.2f</span>", ts_stats_negativity_per100(st));
    html_stat_box(f, v, "negativity per 100 words");
    snprintf(v, sizeof v, "<span style=\"color:var(--rf)\">%zu</span>", st->reframes);
    html_stat_box(f, v, "reframes (setback framed constructively)");
    snprintf(v, sizeof v, "%zu", st->sentences);
    html_stat_box(f, v, "sentences");
    snprintf(v, sizeof v, "%zu", st->words);
    html_stat_box(f, v, "words");
    fputs("</div>\n", f);
}


int html_write_analyze(const char *path, const char *source,
                       const html_doc *h, const ts_document *doc)
{
    page pg;
    if (html_page_open(&pg, path)) return EXIT_IO;
    FILE *f = pg.f;
    const char *title = doc->title && *doc->title ? doc->title : source;
    html_page_head(f, title);
    fputs("<h1>", f);
    html_esc(f, title);
    fputs("</h1>\n<p class=\"src\">", f);
    html_esc(f, source);
    fprintf(f, " &middot; %s &middot; %zu section%s &middot; tone report by tonescope "
            TS_VERSION "</p>\n", ts_input_format_name(doc->format), h->n_sec,
            h->n_sec == 1 ? "" : "s");
    score_card(f, &doc->stats);

    fputs("<h2 id=\"by-section\">Growth and negativity by section</h2>\n", f);
    bar_row *rows = calloc(h->n_sec ? h->n_sec : 1, sizeof *rows);
    if (!rows) return html_page_abort(&pg, "out of memory");
    for (size_t k = 0; k < h->n_sec; k++) {
        const h_section *s = &h->sec[k];
        bar_row r = {s->index, s->title, ts_stats_growth_per100(&s->stats),
                     ts_stats_negativity_per100(&s->stats), 1, 1};
        rows[k] = r;
    }
    html_bar_chart(f, rows, h->n_sec, 0, "growth per 100 words", "#1a7f37",
              "negativity per 100 words", "#cf222e");
    free(rows);

    fputs("<h2 id=\"arc\">Tone arc</h2>\n", f);
    tone_arc(f, h);

    fputs("<h2 id=\"text\">The text</h2>\n", f);
    html_text_legend(f);
    for (size_t k = 0; k < h->n_sec; k++) {
        const h_section *s = &h->sec[k];
        fprintf(f, "<h3 id=\"s%zu\">%zu. ", s->index, s->index);
        html_esc(f, html_shown_title(s->title));
        fputs("</h3>\n", f);
        html_section_meta(f, &s->stats);
        fputs("<p class=\"body\">\n", f);
        for (size_t i = 0; i < s->n; i++) {
            s_view v = view_of(&h->sent[s->first + i]);
            html_sentence_html(f, &v, NULL, NULL);
        }
        fputs("</p>\n", f);
    }
    html_page_foot(f);
    return html_page_close(&pg);
}
