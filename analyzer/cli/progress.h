/* progress.h - the progress bar of `batch` on stderr (a TTY only). */
#ifndef TS_CLI_PROGRESS_H
#define TS_CLI_PROGRESS_H

#include <stdint.h>

typedef struct progress {
    int on;                 /* drawing at all */
    uint64_t total;         /* files to do, so far */
    int total_known;        /* the walk is over: total is final */
    double start;           /* monotonic seconds at the start */
    double last;            /* when it was last drawn */
} progress;

/* on: whether to draw (stderr is a TTY and not -q). */
void progress_start(progress *p, int on, uint64_t total);
/* Redraws at most ten times a second unless force. */
void progress_update(progress *p, uint64_t done, uint64_t bytes, int force);
/* Clears the line. */
void progress_end(progress *p);
/* Clears the bar's line, if a bar is drawn, before a message is written
 * there from any thread; the next update draws it again.  The caller
 * holds stderr's lock (flockfile), which every drawing takes too. */
void progress_clear_for_message(void);

#endif
