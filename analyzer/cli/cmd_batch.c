/* cmd_batch.c - `tonescope batch DIR|FILE...`: a corpus on every core.
 *
 * The main thread builds the document list, then prints rows while N
 * worker threads analyse.  Workers claim documents in list order and put
 * each result in a slot of a bounded reorder window; the main thread prints
 * the slots in order, so the output is the same for any N. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch_work.h"
#include "cli.h"
#include "progress.h"
#include "summary.h"
#include "walk.h"

static const char usage[] =
    "Usage: tonescope batch [OPTIONS] DIR|FILE...\n"
    "Rate every article of a corpus and write one summary row each.\n\n"
    "  -j, --jobs N                 threads (default: the number of cores)\n"
    "  -o, --out-dir DIR            also write DIR/PATH.tone.gz for every\n"
    "                               document (PATH as listed, made relative)\n"
    "      --summary FILE           write the summary to FILE (default stdout)\n"
    "  -f, --format tsv|jsonl       summary format (default tsv)\n"
    "      --totals                 end a TSV summary with a #total row\n"
    "      --include GLOB           walk only files matching GLOB (repeatable;\n"
    "                               default *.txt *.md *.markdown *.html *.htm)\n"
    "      --exclude GLOB           skip files and directories matching GLOB\n"
    "      --hidden                 also walk names starting with '.'\n"
    "  -L, --follow                 follow symbolic links while walking\n"
    "      --files-from FILE|-      read more paths from FILE, one a line\n"
    "  -0, --null                   ... separated by NUL bytes instead\n"
    "      --max-bytes N            skip files larger than N bytes\n"
    "      --resume                 reuse reports in --out-dir newer than\n"
    "                               their source\n"
    "      --compress-level N       report compression: 1 (default) the fast\n"
    "                               encoder made for reports, 2-9 zlib's levels\n"
    "      --input-format auto|text|markdown|html  input format (default:\n"
    "                               by extension)\n"
    "      --lexicon-dir DIR, --growth FILE, --negativity FILE,\n"
    "      --modifiers FILE         other lexicons\n"
    "  -q, --quiet                  no warnings or progress bar\n"
    "  -h, --help                   this help\n"
    "\nRows come in input order: arguments as given, each directory walked in\n"
    "byte order of its paths.  Exit: 0 ok, 1 a document failed (listed with\n"
    "its error), 2 usage, 3 input/output, 4 lexicon, 130/143 interrupted.\n";

enum {
    OPT_SUMMARY = OPT_FIRST_LOCAL,
    OPT_TOTALS,
    OPT_INCLUDE,
    OPT_EXCLUDE,
    OPT_HIDDEN,
    OPT_FILES_FROM,
    OPT_MAX_BYTES,
    OPT_RESUME,
    OPT_LEVEL
};

static volatile sig_atomic_t got_signal;
/* Paths found but not yet summarised, at most: a few MB of memory, and
 * far more than the window of documents being analysed. */
#define WALK_AHEAD 16384

/* the walk stops on a signal, or when the run ends early */
static volatile sig_atomic_t stop_walk;

static void on_signal(int sig)
{
    got_signal = sig;
    stop_walk = 1;
}

/* ---------------------------------------------------------------- the pool */

typedef struct slot {
    int ready;
    sum_row row;
} slot;

typedef struct pool {
    pthread_mutex_t m;
    pthread_cond_t work_cv;     /* a window slot freed, or stop */
    pthread_cond_t done_cv;     /* a result arrived, or a worker left */
    pthread_cond_t room_cv;     /* printed items were released */
    walk_list *list;            /* grows while walked: used under m */
    int walk_done;              /* the list is complete */
    const batch_cfg *cfg;
    slot *slots;
    size_t window;              /* slots */
    size_t next;                /* next document to claim */
    size_t printed;             /* documents printed */
    int stop;                   /* claim nothing more */
    int active;                 /* workers still running */
    int waiting;                /* workers waiting for a free slot */
    int oom;
} pool;

static void *worker_main(void *arg)
{
    pool *p = arg;
    ts_error err;
    batch_worker *w = batch_worker_new(p->cfg, &err);
    /* a wake-up is sent with the lock let go: a woken printer could take
     * this core at once and find the lock still held */
    int wake_printer = 0;
    pthread_mutex_lock(&p->m);
    if (!w) p->oom = 1;
    for (;;) {
        /* wait for a free slot in the window, or for the walk to find
         * more documents */
        while (w && !p->stop &&
               (p->next < p->list->n ? p->next >= p->printed + p->window
                                     : !p->walk_done)) {
            p->waiting++;
            pthread_cond_wait(&p->work_cv, &p->m);
            p->waiting--;
        }
        if (!w || p->stop || p->next >= p->list->n) break;
        size_t i = p->next++;
        /* the path is the row's from here on: no copy, and nothing left
         * for walk_list_release() to free under the lock */
        walk_item it = walk_list_take(p->list, i); /* the array moves */
        pthread_mutex_unlock(&p->m);
        if (wake_printer) pthread_cond_signal(&p->done_cv);
        wake_printer = 0;
        sum_row row;
        int bad = batch_worker_run(w, it.path, it.error, &row);
        pthread_mutex_lock(&p->m);
        if (bad) {
            p->oom = 1;
            p->stop = 1;
        }
        p->slots[i % p->window].row = row;
        p->slots[i % p->window].ready = 1;
        /* the printer waits for the next row in order only, and is woken
         * for a batch of rows, not for each: on small files a wake-up per
         * row costs as much as the row (it also wakes every 100 ms for
         * the progress bar) */
        if (p->slots[p->printed % p->window].ready &&
            (p->next >= p->list->n || p->next - p->printed >= p->window / 2))
            wake_printer = 1;
    }
    p->active--;
    pthread_cond_broadcast(&p->done_cv);
    pthread_mutex_unlock(&p->m);
    batch_worker_free(w);
    return NULL;
}

/* ---------------------------------------------------------------- the walk */

/* The walk runs on a thread of its own, so that loading the lexicon and
 * analysing the first documents do not wait for the last directory to be
 * read (on 20,000 small files the walk was a tenth of a two-core run). */
typedef struct walker {
    pool *p;
    walk_list *list;
    const walk_opts *wo;
    char **args;
    int n_args;
    const char *files_from;     /* --files-from, or NULL */
    int nul;
    int rc;                     /* 0, -1 out of memory, -2 list unreadable */
} walker;

static void *walker_main(void *arg)
{
    walker *wk = arg;
    int rc = 0;
    for (int i = 0; i < wk->n_args && !rc && !stop_walk; i++)
        if (walk_add(wk->list, wk->wo, wk->args[i])) rc = -1;
    if (!rc && wk->files_from && !stop_walk)
        rc = walk_add_from(wk->list, wk->wo, wk->files_from, wk->nul);
    pthread_mutex_lock(&wk->p->m);
    wk->rc = rc;
    wk->p->walk_done = 1;
    pthread_cond_broadcast(&wk->p->work_cv);
    pthread_cond_broadcast(&wk->p->done_cv);
    pthread_mutex_unlock(&wk->p->m);
    return NULL;
}

/* ---------------------------------------------------------------- output */

typedef struct sink {
    FILE *out;
    char *tmp;                  /* temporary summary file, or NULL (stdout) */
    const char *final;
} sink;

static int sink_open(sink *s, const char *file)
{
    memset(s, 0, sizeof *s);
    if (!file || !strcmp(file, "-")) {
        s->out = stdout;
        return 0;
    }
    size_t n = strlen(file) + 16;
    s->tmp = malloc(n);
    if (!s->tmp) return -1;
    snprintf(s->tmp, n, "%s.tmp.XXXXXX", file);
    int fd = mkstemp(s->tmp);
    if (fd < 0 || !(s->out = fdopen(fd, "w"))) {
        cli_error(file, "%s", strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(s->tmp);
        }
        free(s->tmp);
        s->tmp = NULL;
        return -1;
    }
    fchmod(fd, 0644);
    s->final = file;
    return 0;
}

/* Commits (keep = 1) or discards the summary; returns an exit code. */
static int sink_close(sink *s, int keep, int code)
{
    if (!s->tmp) return cli_finish_output(code);
    int bad = fflush(s->out) != 0 || ferror(s->out) || fsync(fileno(s->out)) != 0;
    int e = errno;
    bad |= fclose(s->out) != 0;
    if (!bad && keep && rename(s->tmp, s->final) == 0) {
        free(s->tmp);
        return code;
    }
    if (keep) {
        cli_error(s->final, "%s", strerror(e ? e : EIO));
        code = EXIT_IO;
    }
    unlink(s->tmp);
    free(s->tmp);
    return code;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || *s == '-') return -1;
    *out = v;
    return 0;
}

int cmd_batch(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"jobs", required_argument, NULL, 'j'},
        {"out-dir", required_argument, NULL, 'o'},
        {"summary", required_argument, NULL, OPT_SUMMARY},
        {"totals", no_argument, NULL, OPT_TOTALS},
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"exclude", required_argument, NULL, OPT_EXCLUDE},
        {"hidden", no_argument, NULL, OPT_HIDDEN},
        {"follow", no_argument, NULL, 'L'},
        {"files-from", required_argument, NULL, OPT_FILES_FROM},
        {"null", no_argument, NULL, '0'},
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"resume", no_argument, NULL, OPT_RESUME},
        {"compress-level", required_argument, NULL, OPT_LEVEL},
        COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    common_opts o;
    common_init(&o);
    walk_opts wo;
    memset(&wo, 0, sizeof wo);
    wo.stop = &got_signal;
    sum_format fmt = SUM_TSV;
    const char *out_dir = NULL, *summary = NULL, *files_from = NULL;
    int totals = 0, nul = 0, resume = 0, level = 1;
    uint64_t max_bytes = 0, jobs = 0;
    const char **inc = NULL, **exc = NULL;
    int c, code = EXIT_OK;
    inc = calloc((size_t)argc + 1, sizeof *inc);
    exc = calloc((size_t)argc + 1, sizeof *exc);
    if (!inc || !exc) {
        free(inc);
        free(exc);
        cli_error(NULL, "out of memory");
        return EXIT_IO;
    }
    optind = 1;
    while ((c = getopt_long(argc, argv, "j:o:f:L0qh", longopts, NULL)) != -1) {
        if (c == 'f' || c == OPT_FORMAT) {
            if (!strcmp(optarg, "tsv")) fmt = SUM_TSV;
            else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json")) fmt = SUM_JSONL;
            else {
                code = cli_usage("batch ", "unknown format '%s' (tsv or jsonl)", optarg);
                goto done_args;
            }
            continue;
        }
        int k = cli_common_option(&o, c, optarg, "batch");
        if (k < 0) {
            code = EXIT_USAGE;
            goto done_args;
        }
        if (k) continue;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            code = cli_finish_output(EXIT_OK);
            goto done_args;
        case 'j':
            if (parse_u64(optarg, &jobs) || jobs < 1 || jobs > 1024) {
                code = cli_usage("batch ", "--jobs takes a number from 1 to 1024");
                goto done_args;
            }
            break;
        case 'o': out_dir = optarg; break;
        case OPT_SUMMARY: summary = optarg; break;
        case OPT_TOTALS: totals = 1; break;
        case OPT_INCLUDE: inc[wo.n_include++] = optarg; break;
        case OPT_EXCLUDE: exc[wo.n_exclude++] = optarg; break;
        case OPT_HIDDEN: wo.hidden = 1; break;
        case 'L': wo.follow = 1; break;
        case OPT_FILES_FROM: files_from = optarg; break;
        case '0': nul = 1; break;
        case OPT_MAX_BYTES:
            if (parse_u64(optarg, &max_bytes) || !max_bytes) {
                code = cli_usage("batch ", "--max-bytes takes a positive number");
                goto done_args;
            }
            break;
        case OPT_RESUME: resume = 1; break;
        case OPT_LEVEL: {
            char *end;
            level = (int)strtol(optarg, &end, 10);
            if (*end || level < 1 || level > 9) {
                code = cli_usage("batch ", "--compress-level takes 1 to 9");
                goto done_args;
            }
            break;
        }
        default:
            code = cli_usage("batch ", "unknown option");
            goto done_args;
        }
    }
    if (optind >= argc && !files_from) {
        code = cli_usage("batch ", "give a DIR or FILE, or --files-from");
        goto done_args;
    }
    if (resume && !out_dir) {
        code = cli_usage("batch ", "--resume needs --out-dir");
        goto done_args;
    }
    if (wo.n_include) wo.include = inc;
    wo.exclude = exc;
    wo.quiet = o.quiet;
    wo.stop = &stop_walk;
    /* an unreadable list is an error before any output, although the
     * list itself is read while the analysis runs */
    if (files_from && strcmp(files_from, "-") != 0) {
        FILE *f = fopen(files_from, "r");
        if (!f) {
            cli_error(files_from, "%s", strerror(errno));
            code = EXIT_IO;
            goto done_args;
        }
        fclose(f);
    }
    if (!jobs) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (uint64_t)n : 1;
    }
    goto run;
done_args:
    free(inc);
    free(exc);
    return code;

run:;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    ts_lexicon *lex = NULL;
    walk_list list = {0};
    sink out = {0};
    int out_fd = -1, have_sink = 0;
    pthread_t *threads = NULL;
    sum_row *drained = NULL;    /* rows taken from the window to print */
    size_t started = 0;
    pool p;
    memset(&p, 0, sizeof p);
    pthread_mutex_init(&p.m, NULL);
    pthread_cond_init(&p.work_cv, NULL);
    pthread_cond_init(&p.done_cv, NULL);
    pthread_cond_init(&p.room_cv, NULL);
    p.list = &list;

    /* the walk starts first and goes on beside everything else */
    list.lock = &p.m;
    list.grew = &p.work_cv;
    /* the walk (or a --files-from stream) keeps at most this many paths
     * ahead of the summary, so memory does not grow with the corpus */
    list.room = &p.room_cv;
    list.ahead = WALK_AHEAD;
    list.stop = &stop_walk;
    walker wk = {&p, &list, &wo, argv + optind, argc - optind, files_from, nul, 0};
    pthread_t walker_tid;
    int walking = pthread_create(&walker_tid, NULL, walker_main, &wk) == 0;
    if (!walking) { /* no thread: walk first, all of it */
        list.ahead = 0;
        walker_main(&wk);
    }

    lex = cli_load_lexicon(&o, &code);
    if (!lex) goto cleanup;
    if (out_dir) {
        if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
            cli_error(out_dir, "%s", strerror(errno));
            code = EXIT_IO;
            goto cleanup;
        }
        out_fd = open(out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (out_fd < 0) {
            cli_error(out_dir, "%s", strerror(errno));
            code = EXIT_IO;
            goto cleanup;
        }
    }
    if (sink_open(&out, summary)) {
        code = EXIT_IO;
        goto cleanup;
    }
    have_sink = 1;

    batch_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.lex = lex;
    cfg.input_format = o.input_format;
    cfg.out_fd = out_fd;
    cfg.out_dir = out_dir;
    cfg.resume = resume;
    cfg.level = level;
    cfg.max_bytes = max_bytes;
    struct stat pst;
    cfg.proc_fd_paths = out_fd >= 0 && stat("/proc/self/fd", &pst) == 0;

    p.cfg = &cfg;
    /* the printer wakes for half a window of rows: with 64 slots a job,
     * every 32 small documents, and each wake-up could take the core of
     * the worker that signalled it; 256 a job: every 128, and a 20,000-file
     * run takes 3% less time (a slot is 100 bytes and the row's path) */
    p.window = (size_t)jobs * 256;
    p.slots = calloc(p.window, sizeof *p.slots);
    drained = malloc(p.window * sizeof *drained);
    threads = calloc((size_t)jobs, sizeof *threads);
    if (!p.slots || !drained || !threads) goto oom;

    if (sum_print_header(out.out, fmt)) goto oom;
    p.active = (int)jobs;
    for (; started < jobs; started++)
        if (pthread_create(&threads[started], NULL, worker_main, &p)) break;
    pthread_mutex_lock(&p.m);
    p.active -= (int)(jobs - started);
    pthread_mutex_unlock(&p.m);

    progress bar;
    /* the total grows while the walk goes on */
    progress_start(&bar, isatty(STDERR_FILENO) && !o.quiet, 0);
    sum_totals tot;
    memset(&tot, 0, sizeof tot);
    int failed = 0, write_failed = 0;
    uint64_t bytes_done = 0;
    pthread_mutex_lock(&p.m);
    for (;;) {
        /* every row ready in order is taken at once and printed with the
         * lock let go: one lock a batch of rows, not a lock a row (the
         * workers wait on that lock for every document they finish) */
        size_t k = 0;
        while (p.printed < list.n && p.slots[p.printed % p.window].ready) {
            slot *s = &p.slots[p.printed % p.window];
            drained[k++] = s->row;
            s->ready = 0;
            p.printed++;
        }
        if (k) {
            int wake_workers = p.waiting;
            size_t printed = p.printed;
            pthread_mutex_unlock(&p.m);
            /* sent unlocked, as the workers send theirs */
            if (wake_workers) pthread_cond_broadcast(&p.work_cv);
            for (size_t j = 0; j < k; j++) {
                sum_row *row = &drained[j];
                if (!write_failed && sum_print_row(out.out, fmt, row)) write_failed = 1;
                if (row->error) {
                    failed = 1;
                    progress_end(&bar);
                    cli_error(row->path, "%s", row->error);
                }
                sum_totals_add(&tot, row);
                bytes_done += row->bytes;
                sum_row_free(row);
            }
            progress_update(&bar, printed, bytes_done, 0);
            pthread_mutex_lock(&p.m);
        }
        walk_list_release(&list, p.printed);
        bar.total = list.n;
        bar.total_known = p.walk_done;
        if (p.printed == list.n && p.walk_done) break;
        if (got_signal || write_failed || p.oom) {
            p.stop = 1;
            pthread_cond_broadcast(&p.work_cv);
        }
        /* more rows came in while those were printed */
        if (p.printed < list.n && p.slots[p.printed % p.window].ready) continue;
        /* workers gone: every claimed document is in a slot already */
        if (p.active <= 0) break;
        cli_cond_wait_ms(&p.done_cv, &p.m, 100);
        pthread_mutex_unlock(&p.m);
        progress_update(&bar, p.printed, bytes_done, 0);
        pthread_mutex_lock(&p.m);
    }
    p.stop = 1;
    pthread_cond_broadcast(&p.work_cv);
    int oom = p.oom;
    pthread_mutex_unlock(&p.m);
    for (size_t i = 0; i < started; i++) pthread_join(threads[i], NULL);

    /* the walk is over unless the run stopped early: then stop it */
    stop_walk = 1;
    if (walking) pthread_join(walker_tid, NULL);
    walking = 0;
    if (wk.rc == -1) oom = 1;
    /* rows of an interrupted run that were never printed */
    for (size_t i = 0; i < p.window; i++)
        if (p.slots[i].ready) sum_row_free(&p.slots[i].row);
    progress_end(&bar);

    int complete = !got_signal && !oom && wk.rc == 0 && p.walk_done &&
                   p.printed == list.n;
    if (complete && (fmt == SUM_JSONL || totals) && !write_failed &&
        sum_print_totals(out.out, fmt, &tot))
        write_failed = 1;
    if (oom) cli_error(NULL, "out of memory");
    code = got_signal ? 128 + got_signal
           : oom || wk.rc ? EXIT_IO /* an unreadable --files-from: said */
           : failed ? EXIT_GATE : EXIT_OK;
    if (write_failed && out.tmp) {
        cli_error(summary, "%s", strerror(errno ? errno : EIO));
        code = EXIT_IO;
    } else if (write_failed) {
        code = cli_finish_output(EXIT_IO);
    }
    code = sink_close(&out, complete && !write_failed, code);
    have_sink = 0;
    goto cleanup;
oom:
    cli_error(NULL, "out of memory");
    code = EXIT_IO;
cleanup:
    if (walking) {
        stop_walk = 1;
        pthread_join(walker_tid, NULL);
    }
    pthread_cond_destroy(&p.work_cv);
    pthread_cond_destroy(&p.done_cv);
    pthread_cond_destroy(&p.room_cv);
    pthread_mutex_destroy(&p.m);
    if (have_sink) code = sink_close(&out, 0, code);
    free(threads);
    free(drained);
    free(p.slots);
    if (out_fd >= 0) close(out_fd);
    walk_list_free(&list);
    ts_lexicon_free(lex);
    free(inc);
    free(exc);
    if (got_signal) {
        signal((int)got_signal, SIG_DFL);
    }
    return code;
}
