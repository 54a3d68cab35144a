/* segmenter.h - stage 3: paragraph text in, sentences out.
 *
 * Text arrives in pieces (ts_segmenter_text) and paragraphs end
 * explicitly; sentences never span a paragraph end.  Boundaries follow the
 * rules in ts_sentence_end().  A sentence that reaches the length cap is
 * cut there (at the last space if there is one in its second half) and
 * flagged.  Whitespace runs in a sentence become one space. */
#ifndef TS_SEGMENTER_H
#define TS_SEGMENTER_H

#include <stddef.h>

#include "buf.h"

typedef int (*ts_sentence_cb)(void *ctx, const char *text, size_t len,
                              unsigned long line, int split_at_cap);

typedef struct ts_segmenter ts_segmenter;

ts_segmenter *ts_segmenter_new(size_t cap, ts_sentence_cb cb, void *ctx);
int ts_segmenter_text(ts_segmenter *s, const char *p, size_t len,
                      unsigned long line);
int ts_segmenter_paragraph_end(ts_segmenter *s);
void ts_segmenter_reset(ts_segmenter *s);
void ts_segmenter_free(ts_segmenter *s);

/* Finds the end of the first sentence in p[0, len), looking for its final
 * mark only below limit.  Returns 1 and sets *end (just past the mark and
 * any closing quotes or brackets) when found; 0 when there is no boundary
 * before limit; -1 when deciding needs bytes past len and more may come
 * (final == 0).  With final != 0 the text ends at len. */
int ts_sentence_end(const char *p, size_t len, size_t limit, int final,
                    size_t *end);

#endif
