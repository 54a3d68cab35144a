/* html_report.h - `analyze --html` and `compare --html`: one self-contained
 * HTML page (inline CSS and SVG, no script, no network) a writer can open
 * in any browser.
 *
 * analyze: the page needs every sentence at once (the tone arc spans the
 * whole article), so the analyze command hands each sentence and section
 * to an html_doc as the analyzer reports them; only that command's --html
 * path holds the article in memory.  compare already holds both drafts.
 *
 * Pages are written to a temporary file beside the target and renamed into
 * place when complete; a failure is reported as "tonescope: FILE: reason"
 * and returns EXIT_IO. */
#ifndef TS_HTML_REPORT_H
#define TS_HTML_REPORT_H

#include "cli.h"
#include "compare.h"

typedef struct html_doc html_doc;

/* An empty collector; NULL when out of memory. */
html_doc *html_doc_new(void);
/* Copy one sentence or one finished section in; -1 when out of memory. */
int html_doc_sentence(html_doc *h, const ts_sentence *s);
int html_doc_section(html_doc *h, const ts_section *s);
void html_doc_free(html_doc *h);

/* Writes the analyze page for source to path.  Returns EXIT_OK, or
 * EXIT_IO after reporting. */
int html_write_analyze(const char *path, const char *source,
                       const html_doc *h, const ts_document *doc);

/* Writes the compare page (visible sections only; top: word-shift terms
 * listed).  Returns EXIT_OK, or EXIT_IO after reporting. */
int html_write_compare(const char *path, const cmp_result *r, size_t top);

#endif
