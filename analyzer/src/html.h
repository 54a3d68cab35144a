/* html.h - stage 2 for HTML: tags removed, entities decoded, non-content
 * elements (script, style, head, nav, ...) skipped, block elements ending
 * paragraphs, h1-h6 reported as headings and <title> as the title.
 * A streaming state machine: a tag or entity may span input lines. */
#ifndef TS_HTML_H
#define TS_HTML_H

#include <stddef.h>

#include "markup.h"

typedef struct ts_html ts_html;

ts_html *ts_html_new(const ts_markup_sink *sink);
void ts_html_reset(ts_html *h);
int ts_html_line(ts_html *h, const char *text, size_t len, unsigned long line,
                 int complete);
int ts_html_finish(ts_html *h);
void ts_html_free(ts_html *h);

/* Decodes the entity name or number between '&' and ';' (e.g. "amp",
 * "#8217", "#x2019") into UTF-8 in out (8 bytes room); returns the length,
 * or 0 for an unknown entity. */
int ts_html_entity(const char *name, size_t len, char *out);

#endif
