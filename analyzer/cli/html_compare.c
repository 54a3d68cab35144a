/* html_compare.c - the page of `compare --html`: both drafts' tone, a
 * chart of each section before and after, the drafts side by side with
 * their sentence diff, and the word shift. */
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
    html_sentence_html(f, &v, mark_class, mark);
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
        html_esc(f, cmp_pair_old_title(p));
        fputs("&#8221;</p>\n", f);
    }
    html_section_meta(f, &sec->stats);
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
    fprintf(f, "<span class=\"%s\">", html_sign_class(d));
    html_put_tone(f, d);
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
        if (c->before) html_put_tone(f, c->before->tone);
        if (c->before && c->after) fputs(" &#8594; ", f);
        if (c->after) html_put_tone(f, c->after->tone);
        fputs("</td><td>", f);
        if (c->before) {
            fputs("<div><span class=\"mk del\">&#8722;</span>", f);
            html_esc(f, c->before->text);
            fputs("</div>", f);
        }
        if (c->after) {
            fputs("<div><span class=\"mk add\">+</span>", f);
            html_esc(f, c->after->text);
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
        html_esc(f, t[k].term);
        fprintf(f, "</td><td>%s</td><td>", ts_dimension_name(t[k].dim));
        html_esc(f, t[k].category);
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
    html_put_tone(f, r->tone_before);
    fputs(" &#8594; ", f);
    html_put_tone(f, r->tone_after);
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
    if (html_page_open(&pg, path)) return EXIT_IO;
    FILE *f = pg.f;
    html_page_head(f, "tonescope compare");
    fputs("<h1>How the tone changed</h1>\n<p class=\"src\"><span class=\"down\">old</span> ", f);
    html_esc(f, r->before->path);
    fputs(" &#8594; <span class=\"up\">new</span> ", f);
    html_esc(f, r->after->path);
    fputs(" &middot; tonescope " TS_VERSION "</p>\n", f);
    cmp_card(f, r);

    bar_row *rows = calloc(r->n ? r->n : 1, sizeof *rows);
    if (!rows) return html_page_abort(&pg, "out of memory");
    size_t n = 0;
    for (size_t k = 0; k < r->n; k++) {
        const cmp_pair *p = &r->pairs[k];
        if (!p->visible) continue;
        bar_row row = {n + 1, cmp_pair_title(p),
                       p->tone_before, p->tone_after, p->before != NULL, p->after != NULL};
        rows[n++] = row;
    }
    fputs("<h2 id=\"by-section\">Tone by section, old and new</h2>\n", f);
    html_bar_chart(f, rows, n, 1, "old draft", "#afb8c1", "new draft", "#0969da");
    free(rows);

    fputs("<h2 id=\"sections\">The sections side by side</h2>\n", f);
    html_text_legend(f);
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
        html_esc(f, html_shown_title(cmp_pair_title(p)));
        fprintf(f, " <span class=\"badge %s\">%s</span></h3>\n<span class=\"meta\">"
                "&#160; tone ", p->status == ST_SAME ? "" : p->status == ST_ADDED ? "g"
                : p->status == ST_REMOVED ? "n" : "chg",
                cmp_status_name(p->status));
        if (p->before) html_put_tone(f, p->tone_before); else fputs("&#8211;", f);
        fputs(" &#8594; ", f);
        if (p->after) html_put_tone(f, p->tone_after); else fputs("&#8211;", f);
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
    html_page_foot(f);
    return html_page_close(&pg);
}
