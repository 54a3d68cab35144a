/* render.c - text and TSV renderings. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#define TITLE_WIDTH 38

/* Prints s in exactly `width` columns (code points), cut with "…". */
static void put_padded(FILE *out, const char *s, size_t width)
{
    size_t cols = 0, i = 0, n = strlen(s);
    size_t cut = n;
    for (i = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80) continue;
        if (cols == width) {
            cut = i;
            break;
        }
        cols++;
    }
    if (cut < n) {
        /* back off one character for the ellipsis */
        size_t k = cut;
        do k--; while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80);
        fwrite(s, 1, k, out);
        fputs("\xE2\x80\xA6", out);
        return;
    }
    fputs(s, out);
    for (; cols < width; cols++) fputc(' ', out);
}

static const char *label_color(ts_label l)
{
    return l == TS_LABEL_GROWTH ? C_GREEN : l == TS_LABEL_NEGATIVE ? C_RED : C_DIM;
}

static void row(FILE *out, const common_opts *o, const char *index,
                const char *title, const ts_stats *s)
{
    ts_label l = ts_stats_label(s);
    fprintf(out, "%4s  ", index);
    put_padded(out, title, TITLE_WIDTH);
    fprintf(out, " %6zu %5zu %10.2f %8.2f %+7.3f %8zu  %s%s%s\n", s->words,
            s->sentences, ts_stats_growth_per100(s),
            ts_stats_negativity_per100(s), ts_stats_mean_tone(s), s->reframes,
            c_on(o, label_color(l)), ts_label_name(l), c_off(o));
}

void put_tsv_field(FILE *out, const char *s)
{
    for (; *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void tsv_stats(FILE *out, const ts_stats *s)
{
    fprintf(out, "\t%zu\t%zu\t%.4f\t%.4f\t%.4f\t%s\t%zu\t%zu\t%zu\t%zu\n",
            s->words, s->sentences, ts_stats_growth_per100(s),
            ts_stats_negativity_per100(s), ts_stats_mean_tone(s),
            ts_label_name(ts_stats_label(s)), s->growth_sentences,
            s->negative_sentences, s->neutral_sentences, s->reframes);
}

void table_init(table_printer *t, FILE *out, const common_opts *o,
                const char *source)
{
    memset(t, 0, sizeof *t);
    t->out = out;
    t->o = o;
    t->source = source;
}

static void column_header(table_printer *t)
{
    const common_opts *o = t->o;
    fprintf(t->out, "%s%4s  %-*s %6s %5s %10s %8s %7s %8s  %s%s\n",
            c_on(o, C_BOLD), "#", TITLE_WIDTH, "Section", "Words", "Sent.",
            "Growth/100", "Neg/100", "Tone", "Reframes", "Label", c_off(o));
}

void table_begin(table_printer *t, const char *title)
{
    if (t->started) return;
    t->started = 1;
    if (t->o->format == FORMAT_TSV) {
        fputs("section\ttitle\tline\twords\tsentences\tgrowth_per_100\t"
              "negativity_per_100\ttone\tlabel\tgrowth_sentences\t"
              "negative_sentences\tneutral_sentences\treframes\n", t->out);
        return;
    }
    fprintf(t->out, "%s%s%s", c_on(t->o, C_BOLD), t->source, c_off(t->o));
    if (title && *title) fprintf(t->out, ": %s", title);
    fputs("\n\n", t->out);
    if (!t->header_each) column_header(t);
}

void table_row(table_printer *t, const ts_section *s)
{
    table_begin(t, NULL);
    if (t->o->format == FORMAT_TSV) {
        fprintf(t->out, "%zu\t", s->index);
        put_tsv_field(t->out, s->title ? s->title : "");
        fprintf(t->out, "\t%lu", s->line);
        tsv_stats(t->out, &s->stats);
        return;
    }
    if (t->header_each) column_header(t);
    char idx[32];
    snprintf(idx, sizeof idx, "%zu", s->index);
    row(t->out, t->o, idx, s->title && *s->title ? s->title : "(untitled)",
        &s->stats);
}

void table_end(table_printer *t, const ts_document *doc)
{
    table_begin(t, doc->title);
    if (t->o->format == FORMAT_TSV) {
        fputs("total\t", t->out);
        put_tsv_field(t->out, doc->title ? doc->title : "");
        fputs("\t0", t->out);
        tsv_stats(t->out, &doc->stats);
        return;
    }
    fputc('\n', t->out);
    row(t->out, t->o, "", "Whole document", &doc->stats);
    fprintf(t->out, "%s, %zu section%s, %zu words, %zu sentences\n",
            ts_input_format_name(doc->format), doc->sections,
            doc->sections == 1 ? "" : "s", doc->stats.words,
            doc->stats.sentences);
}

void render_section_heading(FILE *out, const common_opts *o, size_t index,
                            const char *title)
{
    if (!title) /* not known yet */
        fprintf(out, "%s== %zu%s\n", c_on(o, C_BOLD), index, c_off(o));
    else
        fprintf(out, "%s== %zu: %s%s\n", c_on(o, C_BOLD), index,
                *title ? title : "(untitled)", c_off(o));
}

void render_sentence_text(FILE *out, const common_opts *o,
                          const ts_sentence *s)
{
    fprintf(out, "%s%+.3f %-8s%s%s line %lu: %s\n", c_on(o, label_color(s->label)),
            s->tone, ts_label_name(s->label), s->reframe ? " reframe" : "",
            c_off(o), s->line, s->text);
    for (size_t i = 0; i < s->n_hits; i++) {
        const ts_hit *h = &s->hits[i];
        fprintf(out, "      %c%.2f %-10s %-14s \"%s\" = %s",
                h->dim == TS_GROWTH ? '+' : '-', h->weight,
                ts_dimension_name(h->dim), h->category, h->text, h->term);
        if (h->weight != h->base_weight || h->flags)
            fprintf(out, " (base %.2f", h->base_weight);
        if (h->flags & TS_HIT_NEGATED)
            fprintf(out, "; negated by \"%s\": %s entry, x%.2f",
                    h->negator ? h->negator : "?",
                    ts_dimension_name(h->entry_dim), TS_NEGATION_FACTOR);
        if (h->flags & (TS_HIT_BOOSTED | TS_HIT_DAMPENED))
            fprintf(out, "; %s by \"%s\"",
                    h->flags & TS_HIT_BOOSTED ? "boosted" : "dampened",
                    h->intensifier ? h->intensifier : "?");
        if (h->flags & TS_HIT_CAPS) fprintf(out, "; ALL CAPS +%.1f", TS_CAPS_BONUS);
        if (h->flags & TS_HIT_BEFORE_CONTRAST)
            fprintf(out, "; before a contrast x%.1f", TS_CONTRAST_BEFORE);
        if (h->flags & TS_HIT_AFTER_CONTRAST)
            fprintf(out, "; after a contrast x%.1f", TS_CONTRAST_AFTER);
        if (h->weight != h->base_weight || h->flags) fputc(')', out);
        fputc('\n', out);
    }
}

void render_sentence_tsv_header(FILE *out)
{
    fputs("section\tindex\tline\twords\tgrowth\tnegativity\ttone\tlabel\t"
          "reframe\ttext\thits\n", out);
}

void render_sentence_tsv(FILE *out, const ts_sentence *s)
{
    fprintf(out, "%zu\t%zu\t%lu\t%zu\t%.4f\t%.4f\t%.4f\t%s\t%d\t", s->section,
            s->index, s->line, s->words, s->growth, s->negativity, s->tone,
            ts_label_name(s->label), s->reframe);
    put_tsv_field(out, s->text);
    fputc('\t', out);
    for (size_t i = 0; i < s->n_hits; i++) {
        const ts_hit *h = &s->hits[i];
        fprintf(out, "%s%c", i ? ", " : "", h->dim == TS_GROWTH ? '+' : '-');
        put_tsv_field(out, h->term);
        fprintf(out, ":%.2f", h->weight);
    }
    fputc('\n', out);
}

static int print_json(FILE *out, ts_string *s, ts_status st)
{
    if (st != TS_OK) {
        ts_string_free(s);
        return -1;
    }
    fwrite(s->data, 1, s->len, out);
    fputc('\n', out);
    ts_string_free(s);
    return 0;
}

int print_json_sentence(FILE *out, const ts_sentence *s, int with_hits)
{
    ts_string buf = {0};
    return print_json(out, &buf, ts_json_sentence(&buf, s, with_hits));
}

int print_json_section(FILE *out, const ts_section *s)
{
    ts_string buf = {0};
    return print_json(out, &buf, ts_json_section(&buf, s));
}

int print_json_document(FILE *out, const ts_document *d, const char *type)
{
    ts_string buf = {0};
    return print_json(out, &buf, ts_json_document(&buf, d, type));
}
