/* render.c - text and TSV renderings. */
#include "render.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_WIDTH 38

/* ------------------------------------------------------------ table rows
 *
 * A row is built in memory and written at once: a generated article has
 * thousands of sections, and fprintf's parsing and float conversion for
 * every row showed in profiles.  Each field comes out as printf would
 * write it. */

/* A row of the table, written out when full (only a hostile title from a
 * report fills it). */
typedef struct row_buf {
    FILE *out;
    size_t n;            /* bytes in v */
    char v[1024];
} row_buf;

/* The longest double printf writes in "%f": 309 digits and a sign, the
 * point and the decimals. */
#define MAX_FIXED 330

static void flush_row(row_buf *b)
{
    fwrite(b->v, 1, b->n, b->out);
    b->n = 0;
}

static inline void put_bytes(row_buf *b, const char *s, size_t n)
{
    if (n > sizeof b->v - b->n) {
        flush_row(b);
        if (n > sizeof b->v) {
            fwrite(s, 1, n, b->out);
            return;
        }
    }
    memcpy(b->v + b->n, s, n);
    b->n += n;
}

static inline void put_spaces(row_buf *b, size_t n)
{
    if (n > sizeof b->v - b->n) {
        static const char spaces[] = "                                        ";
        for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
            put_bytes(b, spaces, sizeof spaces - 1);
        put_bytes(b, spaces, n);
        return;
    }
    memset(b->v + b->n, ' ', n);
    b->n += n;
}

/* s right-aligned in width columns ("%*s" for ASCII s). */
static void put_right(row_buf *b, const char *s, size_t n, size_t width)
{
    if (n < width) put_spaces(b, width - n);
    put_bytes(b, s, n);
}

/* v in decimal, NUL-terminated, at the end of buf[24] ("%zu"). */
static const char *decimal(char buf[24], size_t v)
{
    size_t i = 23;
    buf[i] = '\0';
    do buf[--i] = (char)('0' + v % 10); while ((v /= 10) != 0);
    return buf + i;
}

/* "%*zu" */
static void put_count(row_buf *b, size_t v, size_t width)
{
    char tmp[24];
    const char *d = decimal(tmp, v);
    put_right(b, d, (size_t)(tmp + 23 - d), width);
}

/* v with `decimals` (at most 3) digits after the point into out, as "%.Nf"
 * would (with '+' on non-negative values when plus is set): the digits,
 * as an integer, are v scaled and rounded to nearest.  Below 4e9 the
 * scaling errs by less than 2^-21, so only a fraction within that of one
 * half could round the other way than printf's exact decimal expansion;
 * for those, and for huge values, 0 is returned and printf decides.
 * Else the length. */
static size_t fixed_point(char *out, double v, int decimals, int plus)
{
    static const double scale[] = {1, 10, 100, 1000};
    double x = fabs(v) * scale[decimals];
    if (!(x < 4e9)) return 0;               /* NaN and inf too */
    double whole = floor(x);
    double frac = x - whole;
    if (fabs(frac - 0.5) < 1e-5) return 0;  /* a near tie */
    uint64_t digits = (uint64_t)whole + (frac > 0.5);
    char tmp[32];
    size_t i = sizeof tmp;
    for (int d = 0; d < decimals; d++, digits /= 10)
        tmp[--i] = (char)('0' + digits % 10);
    if (decimals) tmp[--i] = '.';
    do tmp[--i] = (char)('0' + digits % 10); while ((digits /= 10) != 0);
    if (signbit(v)) tmp[--i] = '-';
    else if (plus) tmp[--i] = '+';
    memcpy(out, tmp + i, sizeof tmp - i);
    return sizeof tmp - i;
}

/* v as "%*.*f", or "%+*.*f" when plus is set. */
static void put_fixed(row_buf *b, double v, size_t width, int decimals,
                      int plus)
{
    char tmp[32];
    size_t n = fixed_point(tmp, v, decimals, plus);
    if (n) {
        put_right(b, tmp, n, width);
        return;
    }
    if (sizeof b->v - b->n < MAX_FIXED) flush_row(b);
    size_t room = sizeof b->v - b->n;
    char *at = b->v + b->n;
    int k = plus ? snprintf(at, room, "%+*.*f", (int)width, decimals, v)
                 : snprintf(at, room, "%*.*f", (int)width, decimals, v);
    if (k > 0) b->n += (size_t)k < room ? (size_t)k : room - 1;
}

/* s in exactly `width` columns (code points), cut with "…". */
static void put_padded(row_buf *b, const char *s, size_t width)
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
        put_bytes(b, s, k);
        put_bytes(b, "\xE2\x80\xA6", 3);
        return;
    }
    put_bytes(b, s, n);
    put_spaces(b, width - cols);
}

static const char *label_color(ts_label l)
{
    return l == TS_LABEL_GROWTH ? C_GREEN : l == TS_LABEL_NEGATIVE ? C_RED : C_DIM;
}

/* "%4s  TITLE %6zu %5zu %10.2f %8.2f %+7.3f %8zu  LABEL\n" */
static void row(FILE *out, const common_opts *o, const char *index,
                const char *title, const ts_stats *s)
{
    ts_label l = ts_stats_label(s);
    const char *on = c_on(o, label_color(l)), *name = ts_label_name(l);
    const char *off = c_off(o);
    row_buf b;
    b.out = out;
    b.n = 0;
    put_right(&b, index, strlen(index), 4);
    put_spaces(&b, 2);
    put_padded(&b, title, TITLE_WIDTH);
    put_spaces(&b, 1);
    put_count(&b, s->words, 6);
    put_spaces(&b, 1);
    put_count(&b, s->sentences, 5);
    put_spaces(&b, 1);
    put_fixed(&b, ts_stats_growth_per100(s), 10, 2, 0);
    put_spaces(&b, 1);
    put_fixed(&b, ts_stats_negativity_per100(s), 8, 2, 0);
    put_spaces(&b, 1);
    put_fixed(&b, ts_stats_mean_tone(s), 7, 3, 1);
    put_spaces(&b, 1);
    put_count(&b, s->reframes, 8);
    put_spaces(&b, 2);
    put_bytes(&b, on, strlen(on));
    put_bytes(&b, name, strlen(name));
    put_bytes(&b, off, strlen(off));
    put_bytes(&b, "\n", 1);
    flush_row(&b);
}

/* ---------------------------------------------------- the section table */

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
    char idx[24];
    row(t->out, t->o, decimal(idx, s->index),
        s->title && *s->title ? s->title : "(untitled)", &s->stats);
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
        if (h->flags & TS_HIT_NAME)
            fprintf(out, "; part of a name or title x%.2f", TS_NAME_FACTOR);
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
