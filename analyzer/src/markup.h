/* markup.h - stage 2: lines of text, Markdown or HTML in; headings and
 * paragraph text out.
 *
 * The markup stage decides what is a heading, what is prose and where a
 * paragraph (a hard sentence boundary) ends, and strips the syntax of the
 * input format.  It keeps at most one line (a heading candidate) and one
 * HTML tag or heading in memory. */
#ifndef TS_MARKUP_H
#define TS_MARKUP_H

#include <stddef.h>

#include "buf.h"
#include "tonescope.h"

typedef struct ts_markup_sink {
    /* A heading with its level (1-6) and the line it stands on. */
    int (*heading)(void *ctx, const char *text, size_t len, int level,
                   unsigned long line);
    /* Prose belonging to the current paragraph.  Consecutive calls
     * concatenate; the stage inserts '\n' between input lines.  line is
     * the input line of text[0]. */
    int (*text)(void *ctx, const char *text, size_t len, unsigned long line);
    /* The current paragraph (or list item, or block) has ended. */
    int (*paragraph_end)(void *ctx);
    /* A document title found in metadata (HTML <title>). */
    int (*title)(void *ctx, const char *text, size_t len);
    void *ctx;
} ts_markup_sink;

#define TS_HEADING_MAX_WORDS 12

typedef struct ts_markup ts_markup;

ts_markup *ts_markup_new(const ts_markup_sink *sink);
/* Sets the format for the next document (never AUTO) and clears state. */
void ts_markup_reset(ts_markup *m, ts_input_format format);
/* One line (complete) or a fragment of a long line (complete == 0), as
 * produced by the decoder.  Returns 0, -1 on ENOMEM, or a sink's value. */
int ts_markup_line(ts_markup *m, const char *text, size_t len,
                   unsigned long line, int complete);
int ts_markup_finish(ts_markup *m);
void ts_markup_free(ts_markup *m);

/* Whether a one-line plain-text paragraph reads as a heading: at most
 * TS_HEADING_MAX_WORDS words, starts with a capital (after an optional
 * "3." style number), no sentence-final punctuation, not a bullet. */
int ts_is_plain_heading(const char *text, size_t len);

/* Guesses the format of a document from its first bytes. */
ts_input_format ts_sniff_format(const char *p, size_t len);

/* Strips Markdown inline syntax (emphasis, code spans, links, images,
 * inline HTML, escapes) from one line, appending the prose to out. */
int ts_markdown_inline(ts_buf *out, const char *p, size_t len);

#endif
