/* report_writer.h - what the analyzer uses of the report writer beyond
 * the public API. */
#ifndef TS_REPORT_WRITER_H
#define TS_REPORT_WRITER_H

#include <stddef.h>

#include "tonescope.h"

/* ts_report_write_sentence() with the record's tail already rendered
 * (ts_json_sentence_tail(), on a scoring thread): only the head is
 * formatted here. */
ts_status ts_report_write_sentence_tail(ts_report_writer *w,
                                        const ts_sentence *s,
                                        const char *tail, size_t len);

#endif
