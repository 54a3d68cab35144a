/* render.h - how sections, sentences and documents look on a terminal and
 * in TSV.  JSON comes from the library (ts_json_*), so it has one shape. */
#ifndef TS_RENDER_H
#define TS_RENDER_H

#include <stdio.h>

#include "cli.h"

typedef struct section_row {
    size_t index;
    char *title;
    unsigned long line;
    ts_stats stats;
} section_row;

typedef struct section_table {
    section_row *rows;
    size_t n, cap;
} section_table;

/* 0, or -1 when memory ran out. */
int table_add(section_table *t, const ts_section *s);
void table_free(section_table *t);

void render_table_text(FILE *out, const common_opts *o,
                       const section_table *t, const ts_document *doc,
                       const char *source);
void render_table_tsv(FILE *out, const section_table *t,
                      const ts_document *doc);

/* "== N: TITLE"; a NULL title (not known yet) gives "== N". */
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
