/* render.h - how sections, sentences and documents look on a terminal and
 * in TSV.  JSON comes from the library (ts_json_*), so it has one shape. */
#ifndef TS_RENDER_H
#define TS_RENDER_H

#include <stdio.h>

#include "cli.h"

/* The section table, printed a row at a time as sections complete, so
 * memory does not grow with the number of sections.  The header goes out
 * before the first row (or at the end when there is none). */
typedef struct table_printer {
    FILE *out;
    const common_opts *o;
    const char *source;   /* shown on the first line */
    int started;          /* the header has been printed */
    int header_each;      /* repeat the column header before every row */
} table_printer;

void table_init(table_printer *t, FILE *out, const common_opts *o,
                const char *source);
/* Prints the header if not yet printed; title may be NULL or "". */
void table_begin(table_printer *t, const char *title);
void table_row(table_printer *t, const ts_section *s);
/* The whole-document row and the counts line (text) or total row (TSV). */
void table_end(table_printer *t, const ts_document *doc);

void render_section_heading(FILE *out, const common_opts *o, size_t index,
                            const char *title);
void render_sentence_text(FILE *out, const common_opts *o,
                          const ts_sentence *s);
void render_sentence_tsv_header(FILE *out);
void render_sentence_tsv(FILE *out, const ts_sentence *s);

/* Writes s with tabs and newlines replaced by spaces (TSV-safe). */
void put_tsv_field(FILE *out, const char *s);

/* One JSON line through the library's renderer; -1 on ENOMEM. */
int print_json_sentence(FILE *out, const ts_sentence *s, int with_hits);
int print_json_section(FILE *out, const ts_section *s);
int print_json_document(FILE *out, const ts_document *d, const char *type);

#endif
