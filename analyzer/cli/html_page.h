/* html_page.h - the pieces both HTML pages are made of (html_page.c):
 * escaping, writing a page atomically, the page frame, sentences tinted
 * and explained, and the bar chart.  Internal to the CLI. */
#ifndef TS_HTML_PAGE_H
#define TS_HTML_PAGE_H

#include <stdio.h>

#include "cli.h"

/* width of the charts' drawing space (SVG units) */
#define CHART_W 1000

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

typedef struct s_view {
    size_t index;            /* 1-based number shown, 0 = none */
    const char *text;
    double growth, negativity, tone;
    ts_label label;
    int reframe;
    const h_hit *hits;
    size_t n_hits;
} s_view;

typedef struct page {
    FILE *f;
    const char *path;
    char *tmp;               /* temporary name beside path */
} page;

typedef struct bar_row {
    size_t number;           /* section number shown */
    const char *title;
    double a, b;             /* the two bars */
    int has_a, has_b;        /* whether each exists (compare: added/removed) */
} bar_row;

void html_esc_n(FILE *f, const char *s, size_t len, size_t max_chars);

void html_esc(FILE *f, const char *s);

void html_put_tone(FILE *f, double t);

const char *html_label_class(ts_label l);

const char *html_sign_class(double d);

const char *html_shown_title(const char *title);

int html_page_open(page *pg, const char *path);

int html_page_close(page *pg);

int html_page_abort(page *pg, const char *why);

void html_page_head(FILE *f, const char *title);

void html_page_foot(FILE *f);

void html_stat_box(FILE *f, const char *value_html, const char *what);

void html_sentence_html(FILE *f, const s_view *v, const char *mark_class,
                          const char *mark);

void html_text_legend(FILE *f);

void html_bar_chart(FILE *f, const bar_row *rows, size_t n, int is_signed,
                      const char *name_a, const char *color_a,
                      const char *name_b, const char *color_b);
void html_section_meta(FILE *f, const ts_stats *st);

#endif
