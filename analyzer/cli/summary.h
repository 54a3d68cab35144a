/* summary.h - the corpus summary of `batch`, and what `merge` reads back.
 *
 * One row per document.  The three sums of a row (growth, negativity,
 * tone_sum) are kept as integers in millionths, exactly as printed with six
 * decimals, and every derived figure (tone, per-100-word rates, label) and
 * every total is computed from those printed values.  Integer sums do not
 * depend on order, so totals merged from shards equal the totals of one run
 * bit for bit. */
#ifndef TS_CLI_SUMMARY_H
#define TS_CLI_SUMMARY_H

#include <stdint.h>
#include <stdio.h>

typedef enum sum_format { SUM_TSV, SUM_JSONL } sum_format;

typedef struct sum_row {
    char *path;            /* the document's path as walked or given (owned) */
    uint64_t bytes;        /* input bytes analysed */
    uint64_t words;
    uint64_t sentences;
    uint64_t sections;
    uint64_t reframes;
    int64_t growth;        /* sum of G, in millionths */
    int64_t negativity;    /* sum of N, in millionths */
    int64_t tone_sum;      /* sum of sentence tones, in millionths */
    char *error;           /* why it was skipped (owned), NULL if analysed */
} sum_row;

typedef struct sum_totals {
    uint64_t documents;    /* rows, failed ones included */
    uint64_t failed;       /* rows with an error */
    uint64_t bytes, words, sentences, sections, reframes;
    int64_t growth, negativity, tone_sum;   /* millionths */
} sum_totals;

/* A double as the six-decimal figure printf prints, in millionths. */
int64_t sum_fixed6(double v);

void sum_row_free(sum_row *r);
void sum_totals_add(sum_totals *t, const sum_row *r);

/* Writers; each returns 0, or -1 when out of memory or on a write error. */
int sum_print_header(FILE *out, sum_format fmt);
int sum_print_row(FILE *out, sum_format fmt, const sum_row *r);
int sum_print_totals(FILE *out, sum_format fmt, const sum_totals *t);

/* Reads one summary line (without its newline) of either format into *r.
 * Returns 1 for a document row, 0 for a line to skip (header, totals,
 * blank), -1 for a malformed line with a reason in why (static text). */
int sum_parse_line(const char *line, size_t len, sum_row *r, const char **why);

#endif
