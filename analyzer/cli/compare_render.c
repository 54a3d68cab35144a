/* compare_render.c - a comparison as text (diff-like), JSON or TSV.
 * The JSON structure is documented in docs/compare.md. */
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "render.h"

/* ------------------------------------------------------------------------
 * Numbers and strings
 * ---------------------------------------------------------------------- */

/* Six decimals, trailing zeros dropped, never "-0". */
static void put_num(FILE *out, double v)
{
    char tmp[64];
    int n = snprintf(tmp, sizeof tmp, "%.6f", v);
    if (n <= 0 || (size_t)n >= sizeof tmp) {
        fputs("0", out);
        return;
    }
    while (n > 0 && tmp[n - 1] == '0') tmp[--n] = '\0';
    if (n > 0 && tmp[n - 1] == '.') tmp[--n] = '\0';
    fputs(strcmp(tmp, "-0") ? tmp : "0", out);
}

static void put_str(FILE *out, const char *s)
{
    ts_string j = {0};
    if (ts_json_string(&j, s ? s : "", s ? strlen(s) : 0) != TS_OK) {
        fflush(stdout);
        fprintf(stderr, "%s: out of memory\n", ts_prog);
        exit(EXIT_IO);
    }
    fputs(j.data, out);
    ts_string_free(&j);
}

static void key(FILE *out, int *first, const char *k)
{
    fprintf(out, "%s\"%s\":", *first ? "" : ",", k);
    *first = 0;
}

static void knum(FILE *out, int *first, const char *k, double v)
{
    key(out, first, k);
    put_num(out, v);
}

/* a number, or null when that side does not exist */
static void kopt(FILE *out, int *first, const char *k, int present, double v)
{
    key(out, first, k);
    if (present) put_num(out, v);
    else fputs("null", out);
}

static void kcount(FILE *out, int *first, const char *k, int present, size_t v)
{
    key(out, first, k);
    if (present) fprintf(out, "%zu", v);
    else fputs("null", out);
}

static void kstr(FILE *out, int *first, const char *k, const char *v)
{
    key(out, first, k);
    if (v) put_str(out, v);
    else fputs("null", out);
}

/* ------------------------------------------------------------------------
 * JSON
 * ---------------------------------------------------------------------- */

static void json_hits(FILE *out, const cmp_sentence *s, const char *side,
                      int *first)
{
    for (size_t k = 0; s && k < s->n_hits; k++) {
        const cmp_hit *h = &s->hits[k];
        int f = 1;
        fputs(*first ? "{" : ",{", out);
        *first = 0;
        kstr(out, &f, "side", side);
        kstr(out, &f, "term", h->term);
        kstr(out, &f, "dim", ts_dimension_name(h->dim));
        kstr(out, &f, "category", h->category);
        knum(out, &f, "weight", h->weight);
        fputc('}', out);
    }
}

static void json_shift(FILE *out, const cmp_term *t, size_t n, size_t top)
{
    fputc('[', out);
    for (size_t k = 0; k < n && k < top; k++) {
        int f = 1;
        fputs(k ? ",{" : "{", out);
        kstr(out, &f, "term", t[k].term);
        kstr(out, &f, "dim", ts_dimension_name(t[k].dim));
        kstr(out, &f, "category", t[k].category);
        knum(out, &f, "contribution", t[k].contribution);
        fputc('}', out);
    }
    fputc(']', out);
}

static void json_change(FILE *out, const cmp_change *c)
{
    int f = 1;
    fputc('{', out);
    kstr(out, &f, "change", cmp_change_name(c->kind));
    kstr(out, &f, "old_text", c->before ? c->before->text : NULL);
    kstr(out, &f, "new_text", c->after ? c->after->text : NULL);
    kcount(out, &f, "old_index", c->before != NULL, c->old_index);
    kcount(out, &f, "new_index", c->after != NULL, c->new_index);
    kopt(out, &f, "tone_before", c->before != NULL, c->before ? c->before->tone : 0);
    kopt(out, &f, "tone_after", c->after != NULL, c->after ? c->after->tone : 0);
    knum(out, &f, "share", c->share);
    key(out, &f, "hits");
    fputc('[', out);
    int first = 1;
    json_hits(out, c->before, "before", &first);
    json_hits(out, c->after, "after", &first);
    fputs("]}", out);
}

static void json_pair(FILE *out, const cmp_pair *p, size_t top)
{
    const ts_stats *b = p->before ? &p->before->stats : NULL;
    const ts_stats *a = p->after ? &p->after->stats : NULL;
    int f = 1;
    fputc('{', out);
    kstr(out, &f, "title", cmp_pair_title(p));
    if (p->status == ST_RENAMED) kstr(out, &f, "old_title", cmp_pair_old_title(p));
    kstr(out, &f, "status", cmp_status_name(p->status));
    kopt(out, &f, "tone_before", b != NULL, p->tone_before);
    kopt(out, &f, "tone_after", a != NULL, p->tone_after);
    kopt(out, &f, "delta", a && b, p->delta);
    kopt(out, &f, "growth_per_100_before", b != NULL, b ? ts_stats_growth_per100(b) : 0);
    kopt(out, &f, "growth_per_100_after", a != NULL, a ? ts_stats_growth_per100(a) : 0);
    kopt(out, &f, "negativity_per_100_before", b != NULL,
         b ? ts_stats_negativity_per100(b) : 0);
    kopt(out, &f, "negativity_per_100_after", a != NULL,
         a ? ts_stats_negativity_per100(a) : 0);
    kcount(out, &f, "reframes_before", b != NULL, b ? b->reframes : 0);
    kcount(out, &f, "reframes_after", a != NULL, a ? a->reframes : 0);
    kcount(out, &f, "sentences_before", b != NULL, b ? b->sentences : 0);
    kcount(out, &f, "sentences_after", a != NULL, a ? a->sentences : 0);
    kcount(out, &f, "words_before", b != NULL, b ? b->words : 0);
    kcount(out, &f, "words_after", a != NULL, a ? a->words : 0);
    key(out, &f, "sentences");
    fputc('[', out);
    for (size_t k = 0; k < p->n_changes; k++) {
        if (k) fputc(',', out);
        json_change(out, &p->changes[k]);
    }
    fputc(']', out);
    key(out, &f, "word_shift");
    json_shift(out, p->shift, p->n_shift, top);
    fputc('}', out);
}

void cmp_render_json(FILE *out, const cmp_result *r, size_t top)
{
    int f = 1;
    fputc('{', out);
    kstr(out, &f, "old", r->before->path);
    kstr(out, &f, "new", r->after->path);
    knum(out, &f, "tone_before", r->tone_before);
    knum(out, &f, "tone_after", r->tone_after);
    knum(out, &f, "delta", r->delta);
    knum(out, &f, "growth_per_100_before", ts_stats_growth_per100(&r->before->stats));
    knum(out, &f, "growth_per_100_after", ts_stats_growth_per100(&r->after->stats));
    knum(out, &f, "negativity_per_100_before",
         ts_stats_negativity_per100(&r->before->stats));
    knum(out, &f, "negativity_per_100_after",
         ts_stats_negativity_per100(&r->after->stats));
    kcount(out, &f, "reframes_before", 1, r->before->stats.reframes);
    kcount(out, &f, "reframes_after", 1, r->after->stats.reframes);
    key(out, &f, "counts");
    fputc('{', out);
    int g = 1;
    for (int s = 0; s < ST_COUNT; s++)
        kcount(out, &g, cmp_status_name((cmp_status)s), 1, r->counts[s]);
    fputc('}', out);
    key(out, &f, "sections");
    fputc('[', out);
    int first = 1;
    for (size_t k = 0; k < r->n; k++) {
        if (!r->pairs[k].visible) continue;
        if (!first) fputc(',', out);
        first = 0;
        json_pair(out, &r->pairs[k], top);
    }
    fputc(']', out);
    key(out, &f, "word_shift");
    json_shift(out, r->shift, r->n_shift, top);
    fputs("}\n", out);
}

/* ------------------------------------------------------------------------
 * TSV: one row per section, then the whole document
 * ---------------------------------------------------------------------- */

static void tsv_opt(FILE *out, int present, double v, int decimals)
{
    fputc('\t', out);
    if (present) fprintf(out, "%.*f", decimals, v);
}

static void tsv_row(FILE *out, const char *status, const char *title,
                    const char *old_title, const ts_stats *b, const ts_stats *a,
                    double tb, double ta, double delta, size_t counts[3])
{
    fputs(status, out);
    fputc('\t', out);
    put_tsv_field(out, title);
    fputc('\t', out);
    put_tsv_field(out, old_title);
    tsv_opt(out, b != NULL, tb, 4);
    tsv_opt(out, a != NULL, ta, 4);
    tsv_opt(out, a && b, delta, 4);
    tsv_opt(out, b != NULL, b ? ts_stats_growth_per100(b) : 0, 2);
    tsv_opt(out, a != NULL, a ? ts_stats_growth_per100(a) : 0, 2);
    tsv_opt(out, b != NULL, b ? ts_stats_negativity_per100(b) : 0, 2);
    tsv_opt(out, a != NULL, a ? ts_stats_negativity_per100(a) : 0, 2);
    tsv_opt(out, b != NULL, b ? (double)b->reframes : 0, 0);
    tsv_opt(out, a != NULL, a ? (double)a->reframes : 0, 0);
    fprintf(out, "\t%zu\t%zu\t%zu\n", counts[0], counts[1], counts[2]);
}

void cmp_render_tsv(FILE *out, const cmp_result *r)
{
    fputs("status\ttitle\told_title\ttone_before\ttone_after\tdelta\t"
          "growth_per_100_before\tgrowth_per_100_after\t"
          "negativity_per_100_before\tnegativity_per_100_after\t"
          "reframes_before\treframes_after\tadded\tremoved\tchanged\n", out);
    size_t total[3] = {0, 0, 0};
    for (size_t k = 0; k < r->n; k++) {
        const cmp_pair *p = &r->pairs[k];
        if (!p->visible) continue;
        size_t counts[3] = {0, 0, 0};
        for (size_t c = 0; c < p->n_changes; c++) {
            int i = p->changes[c].kind == CH_ADDED ? 0
                    : p->changes[c].kind == CH_REMOVED ? 1 : 2;
            counts[i]++;
            total[i]++;
        }
        double delta = p->delta == 0 ? 0.0 : p->delta;  /* no "-0.0000" */
        tsv_row(out, cmp_status_name(p->status),
                cmp_pair_title(p),
                p->status == ST_RENAMED ? cmp_pair_old_title(p) : "",
                p->before ? &p->before->stats : NULL,
                p->after ? &p->after->stats : NULL, p->tone_before,
                p->tone_after, delta, counts);
    }
    tsv_row(out, "total", "", "", &r->before->stats, &r->after->stats,
            r->tone_before, r->tone_after, r->delta == 0 ? 0.0 : r->delta, total);
}

/* ------------------------------------------------------------------------
 * Text: diff-like
 * ---------------------------------------------------------------------- */

static const char *sign_color(double d)
{
    return d > 0 ? C_GREEN : d < 0 ? C_RED : C_DIM;
}

static void text_hits(FILE *out, const common_opts *o, const cmp_change *c)
{
    if (!(c->before && c->before->n_hits) && !(c->after && c->after->n_hits)) return;
    fputs("        hits:", out);
    const cmp_sentence *side[2] = {c->before, c->after};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; side[k] && i < side[k]->n_hits; i++) {
            const cmp_hit *h = &side[k]->hits[i];
            fprintf(out, " %s%c%s%s (%s %.2f)", c_on(o, k ? C_GREEN : C_RED),
                    k ? '+' : '-', c_off(o), h->term, ts_dimension_name(h->dim),
                    h->weight);
        }
    fputc('\n', out);
}

static void text_change(FILE *out, const common_opts *o, const cmp_change *c)
{
    int mark = c->kind == CH_ADDED ? '+' : c->kind == CH_REMOVED ? '-' : '~';
    fprintf(out, "    %s%c share %+.4f%s  tone ", c_on(o, C_YELLOW), mark,
            c->share, c_off(o));
    if (c->before) fprintf(out, "%+.3f", c->before->tone);
    if (c->before && c->after) fputs(" -> ", out);
    if (c->after) fprintf(out, "%+.3f", c->after->tone);
    fputc('\n', out);
    if (c->before)
        fprintf(out, "      %s- %s%s\n", c_on(o, C_RED), c->before->text, c_off(o));
    if (c->after)
        fprintf(out, "      %s+ %s%s\n", c_on(o, C_GREEN), c->after->text, c_off(o));
    text_hits(out, o, c);
}

static void text_shift(FILE *out, const common_opts *o, const cmp_term *t,
                       size_t n, size_t top, const char *indent)
{
    for (size_t k = 0; k < n && k < top; k++)
        fprintf(out, "%s%s%+8.3f%s  %-20s %-10s %s\n", indent,
                c_on(o, sign_color(t[k].contribution)), t[k].contribution,
                c_off(o), t[k].term, ts_dimension_name(t[k].dim), t[k].category);
}

/* a figure of one side, or "-" when the section does not exist there */
static void side_num(FILE *out, const ts_stats *side, double v, int decimals)
{
    if (side) fprintf(out, "%.*f", decimals, v);
    else fputc('-', out);
}

static void text_pair(FILE *out, const common_opts *o, const cmp_pair *p,
                      size_t top)
{
    static const char marks[] = {'=', '~', '~', '+', '-'};
    const ts_stats *b = p->before ? &p->before->stats : NULL;
    const ts_stats *a = p->after ? &p->after->stats : NULL;
    const char *title = cmp_pair_title(p);
    fprintf(out, "%s%c %s%s", c_on(o, C_BOLD), marks[p->status],
            *title ? title : "(untitled)", c_off(o));
    if (p->status == ST_RENAMED)
        fprintf(out, "  (renamed from \"%s\")", cmp_pair_old_title(p));
    else if (p->status == ST_ADDED || p->status == ST_REMOVED)
        fprintf(out, "  (%s)", cmp_status_name(p->status));
    fputc('\n', out);
    fputs("    tone ", out);
    if (b) fprintf(out, "%+.3f", p->tone_before);
    else fputs("-", out);
    fputs(" -> ", out);
    if (a) fprintf(out, "%+.3f", p->tone_after);
    else fputs("-", out);
    if (a && b)
        fprintf(out, "  (%s%+.3f%s)", c_on(o, sign_color(p->delta)),
                p->delta == 0 ? 0.0 : p->delta, c_off(o));
    if (p->status != ST_SAME) {
        fputs("   growth/100 ", out);
        side_num(out, b, b ? ts_stats_growth_per100(b) : 0, 2);
        fputs(" -> ", out);
        side_num(out, a, a ? ts_stats_growth_per100(a) : 0, 2);
        fputs("   neg/100 ", out);
        side_num(out, b, b ? ts_stats_negativity_per100(b) : 0, 2);
        fputs(" -> ", out);
        side_num(out, a, a ? ts_stats_negativity_per100(a) : 0, 2);
        fputs("   reframes ", out);
        side_num(out, b, b ? (double)b->reframes : 0, 0);
        fputs(" -> ", out);
        side_num(out, a, a ? (double)a->reframes : 0, 0);
    }
    fputc('\n', out);
    for (size_t k = 0; k < p->n_changes; k++) text_change(out, o, &p->changes[k]);
    if (p->n_shift && p->status != ST_SAME) {
        fputs("    word shift:\n", out);
        text_shift(out, o, p->shift, p->n_shift, top < 5 ? top : 5, "      ");
    }
    fputc('\n', out);
}

void cmp_render_text(FILE *out, const common_opts *o, const cmp_result *r,
                     size_t top)
{
    fprintf(out, "%s--- %s%s\n", c_on(o, C_RED), r->before->path, c_off(o));
    fprintf(out, "%s+++ %s%s\n", c_on(o, C_GREEN), r->after->path, c_off(o));
    double d = r->delta == 0 ? 0.0 : r->delta;
    fprintf(out, "tone %+.3f -> %+.3f  (%s%+.3f%s, %s)\n", r->tone_before,
            r->tone_after, c_on(o, sign_color(d)), d, c_off(o),
            d > 0 ? "more constructive" : d < 0 ? "less constructive" : "unchanged");
    fputs("sections:", out);
    for (int s = 0; s < ST_COUNT; s++)
        fprintf(out, "%s %zu %s", s ? "," : "", r->counts[s],
                cmp_status_name((cmp_status)s));
    fputs("\n\n", out);
    for (size_t k = 0; k < r->n; k++)
        if (r->pairs[k].visible) text_pair(out, o, &r->pairs[k], top);
    if (r->n_shift) {
        fputs("word shift (contribution to growth minus negativity, after - before):\n", out);
        text_shift(out, o, r->shift, r->n_shift, top, "  ");
    }
}
