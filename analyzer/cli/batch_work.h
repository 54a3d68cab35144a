/* batch_work.h - analysing one document of `batch`: the per-thread worker,
 * its report under --out-dir, and --resume. */
#ifndef TS_CLI_BATCH_WORK_H
#define TS_CLI_BATCH_WORK_H

#include <stdint.h>

#include "cli.h"
#include "summary.h"

typedef struct batch_cfg {
    const ts_lexicon *lex;         /* shared, read-only */
    ts_input_format input_format;  /* forced format, or AUTO: by extension */
    int out_fd;                    /* open --out-dir, or -1 */
    int proc_fd_paths;             /* reach out_fd's subdirectories through
                                      /proc/self/fd (no path re-walk) */
    const char *out_dir;           /* its name, for messages */
    int resume;                    /* --resume */
    int level;                     /* report compression */
    uint64_t max_bytes;            /* 0 = no limit */
} batch_cfg;

typedef struct batch_worker batch_worker;

/* One worker per thread; NULL after filling err. */
batch_worker *batch_worker_new(const batch_cfg *cfg, ts_error *err);
void batch_worker_free(batch_worker *w);

/* Analyses path (error: a failure already known) and fills *row, which
 * takes both strings over (the caller no longer frees them; error may be
 * NULL).  Returns 0, or -1 when out of memory. */
int batch_worker_run(batch_worker *w, char *path, char *error,
                     sum_row *row);

/* The relative path under --out-dir for a document path: leading '/',
 * "." components and repeated slashes dropped.  Fails (NULL, *why set) for
 * a ".." component, or when nothing is left.  Caller frees. */
char *batch_out_rel(const char *path, const char **why);

#endif
