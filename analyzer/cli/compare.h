/* compare.h - `tonescope compare`: two drafts held in memory, aligned
 * section by section and sentence by sentence.
 *
 * compare_load.c   reads one side (an article through the analyzer, or a
 *                  .tone.gz report through the report reader) into a
 *                  cmp_doc; text normalisation and similarity helpers
 * compare_diff.c   section alignment, sentence diff, shares, word shift
 * compare_render.c text, JSON and TSV output
 *
 * Every number the comparison uses is rounded the way a report stores it
 * (six decimals), so comparing reports gives exactly what comparing the
 * texts gives. */
#ifndef TS_COMPARE_H
#define TS_COMPARE_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* ---- one side, as loaded ---- */

typedef struct cmp_hit {
    char *term;              /* lexicon entry as written */
    char *category;          /* its category */
    ts_dimension dim;        /* dimension it counted for */
    double weight;           /* weight after modifiers */
} cmp_hit;

typedef struct cmp_sentence {
    char *text;              /* normalised text as the analyzer gave it */
    char *norm;              /* folded, punctuation-free: what the diff compares */
    uint64_t hash;           /* hash of norm */
    size_t words;            /* word tokens */
    double growth;           /* G */
    double negativity;       /* N */
    double tone;             /* sentence tone */
    int reframe;             /* reframe flag */
    cmp_hit *hits;           /* n_hits hits in sentence order */
    size_t n_hits;
} cmp_sentence;

typedef struct cmp_section {
    char *title;             /* heading text ("" when untitled) */
    char *norm_title;        /* folded, numbering removed */
    cmp_sentence *sent;      /* its sentences in order */
    size_t n;                /* sentences */
    uint64_t *hashes;        /* sentence hashes, sorted (body similarity) */
    ts_stats stats;          /* totalled from the sentences */
} cmp_section;

typedef struct cmp_doc {
    char *path;              /* as given on the command line */
    cmp_section *sec;        /* sections in document order */
    size_t n, cap;
    cmp_sentence *pending;   /* sentences of the section being read */
    size_t n_pending, cap_pending;
    ts_stats stats;          /* whole document */
} cmp_doc;

/* Allocation that cannot fail: on exhaustion the CLI reports "out of
 * memory" and exits 3 (compare is a one-shot command holding two drafts). */
void *cmp_xmalloc(size_t n);
void *cmp_xcalloc(size_t n, size_t size);
void *cmp_xrealloc(void *p, size_t n);
char *cmp_xstrdup(const char *s);

/* Loads path ("-" = stdin, article only).  A file starting with the gzip
 * magic is read as a report; anything else is analysed with *lex, which is
 * loaded on first need.  Returns 0, or an exit code after reporting. */
int cmp_load(cmp_doc *d, const char *path, const common_opts *o,
             ts_lexicon **lex);
void cmp_doc_free(cmp_doc *d);

/* Folds ASCII case, turns everything but letters, digits and non-ASCII
 * bytes into single spaces, trims; with strip_numbering, drops leading
 * all-digit words ("3. Taking Risks" -> "taking risks").  Caller frees. */
char *cmp_normalise(const char *s, int strip_numbering);
/* Jaccard index of the space-separated word sets of two normalised
 * strings; 1 when both are empty. */
double cmp_word_jaccard(const char *a, const char *b);
/* x as a report would store it: printed with six decimals, read back. */
double cmp_round6(double x);

/* ---- the comparison ---- */

typedef enum cmp_change_kind { CH_ADDED, CH_REMOVED, CH_CHANGED } cmp_change_kind;

typedef struct cmp_change {
    cmp_change_kind kind;
    const cmp_sentence *before;  /* NULL when added */
    const cmp_sentence *after;   /* NULL when removed */
    size_t old_index, new_index; /* 1-based within the section, 0 = none */
    size_t order;                /* position in the diff (tie-break) */
    double share;                /* contribution to the section's delta */
} cmp_change;

typedef enum cmp_status {
    ST_SAME, ST_CHANGED, ST_RENAMED, ST_ADDED, ST_REMOVED, ST_COUNT
} cmp_status;

typedef struct cmp_term {
    const char *term;
    const char *category;
    ts_dimension dim;
    double contribution;         /* signed weight after minus before */
} cmp_term;

typedef struct cmp_pair {
    cmp_status status;
    const cmp_section *before;   /* NULL when added */
    const cmp_section *after;    /* NULL when removed */
    double tone_before, tone_after, delta;
    cmp_change *changes;         /* ranked by |share| */
    size_t n_changes;
    cmp_term *shift;             /* ranked by |contribution| (all terms) */
    size_t n_shift;
    int visible;                 /* passes --section */
} cmp_pair;

/* A pair's title (the new one, or the old one of a removed section) and
 * its old title ("" for an added section). */
static inline const char *cmp_pair_title(const cmp_pair *p)
{
    return p->after ? p->after->title : p->before ? p->before->title : "";
}

static inline const char *cmp_pair_old_title(const cmp_pair *p)
{
    return p->before ? p->before->title : "";
}

typedef struct cmp_result {
    const cmp_doc *before, *after;
    cmp_pair *pairs;             /* in merged document order */
    size_t n;
    double tone_before, tone_after, delta;  /* whole documents */
    cmp_term *shift;             /* over the visible sections, ranked */
    size_t n_shift;
    size_t counts[ST_COUNT];     /* visible sections by status */
} cmp_result;

/* Aligns and diffs.  only: a section title (exact or normalised, old or
 * new) limiting the sections shown, or NULL.  Returns the number of
 * visible sections. */
size_t cmp_run(cmp_result *r, const cmp_doc *before, const cmp_doc *after,
               const char *only);
void cmp_result_free(cmp_result *r);
const char *cmp_status_name(cmp_status st);
const char *cmp_change_name(cmp_change_kind k);

/* ---- output ---- */

/* top_terms: word-shift entries shown (document and per section). */
void cmp_render_text(FILE *out, const common_opts *o, const cmp_result *r,
                     size_t top_terms);
void cmp_render_json(FILE *out, const cmp_result *r, size_t top_terms);
void cmp_render_tsv(FILE *out, const cmp_result *r);

#endif
