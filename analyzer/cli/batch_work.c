/* batch_work.c - one document of `batch`, start to finish.
 *
 * Reports under --out-dir are placed without ever following a symbolic
 * link inside the output directory: every directory on the way is opened
 * relative to its parent with O_NOFOLLOW (created with mkdirat when
 * missing), and the report is then written through /proc/self/fd/N/NAME,
 * which names that very directory whatever happens to the path meanwhile.
 * Paths with a ".." component are refused, so nothing lands outside
 * the output directory.  An absolute path loses its leading '/' (as in
 * tar): /data/a.txt is reported as OUT/data/a.txt.tone.gz. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch_work.h"

#define SNIFF_BYTES 8192

struct batch_worker {
    const batch_cfg *cfg;
    ts_analyzer *a;
    ts_report_writer *report;   /* report of the current document, or NULL */
    const char *source;         /* its path */
    int header_written;
    int write_failed;
};

static int write_header(batch_worker *w)
{
    if (w->header_written || !w->report) return 0;
    w->header_written = 1;
    if (ts_report_write_header(w->report, w->source, ts_analyzer_title(w->a),
                               ts_analyzer_format(w->a), w->cfg->lex) != TS_OK) {
        w->write_failed = 1;
        return 1;
    }
    return 0;
}

static int on_section_begin(void *ctx, size_t index, const char *title,
                            int level, unsigned long line)
{
    (void)index;
    (void)title;
    (void)level;
    (void)line;
    return write_header(ctx);
}

static int on_sentence(void *ctx, const ts_sentence *s)
{
    batch_worker *w = ctx;
    if (w->report && ts_report_write_sentence(w->report, s) != TS_OK) {
        w->write_failed = 1;
        return 1;
    }
    return 0;
}

static int on_section_end(void *ctx, const ts_section *s)
{
    batch_worker *w = ctx;
    if (w->report && ts_report_write_section(w->report, s) != TS_OK) {
        w->write_failed = 1;
        return 1;
    }
    return 0;
}

batch_worker *batch_worker_new(const batch_cfg *cfg, ts_error *err)
{
    batch_worker *w = calloc(1, sizeof *w);
    if (!w) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->status = TS_ENOMEM;
            snprintf(err->message, sizeof err->message, "out of memory");
        }
        return NULL;
    }
    w->cfg = cfg;
    ts_callbacks cb = {on_section_begin, on_sentence, on_section_end, w};
    ts_options opt;
    ts_options_init(&opt);
    /* the summary rows show no top terms; only the reports do */
    opt.skip_top_terms = cfg->out_fd < 0;
    w->a = ts_analyzer_new(cfg->lex, &opt, &cb, err);
    if (!w->a) {
        free(w);
        return NULL;
    }
    return w;
}

void batch_worker_free(batch_worker *w)
{
    if (!w) return;
    ts_analyzer_free(w->a);
    free(w);
}

char *batch_out_rel(const char *path, const char **why)
{
    /* an absolute path is mirrored without its leading '/', as tar does */
    size_t len = strlen(path), o = 0;
    char *rel = malloc(len + 1);
    if (!rel) {
        *why = "out of memory";
        return NULL;
    }
    const char *p = path;
    while (*p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            free(rel);
            *why = "a path with a '..' component cannot be mirrored under --out-dir";
            return NULL;
        }
        if (n && !(n == 1 && p[0] == '.')) {
            if (o) rel[o++] = '/';
            memcpy(rel + o, p, n);
            o += n;
        }
        p += n;
        if (*p) p++;
    }
    rel[o] = '\0';
    if (!o) {
        free(rel);
        *why = "the path names no file to mirror under --out-dir";
        return NULL;
    }
    return rel;
}

/* Opens the directory that will hold rel's report, creating what is
 * missing when create is set; never follows a symbolic link.  Returns a
 * directory fd and sets *last to rel's final component, or -1 with errno
 * (ENOENT when not creating and something is missing). */
static int open_parent(int out_fd, const char *rel, int create,
                       const char **last)
{
    int fd = dup(out_fd);
    if (fd < 0) return -1;
    const char *p = rel;
    for (;;) {
        const char *e = strchr(p, '/');
        if (!e) break;
        char name[256];
        size_t n = (size_t)(e - p);
        if (n >= sizeof name) {
            close(fd);
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(name, p, n);
        name[n] = '\0';
        int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0 && errno == ENOENT && create) {
            if (mkdirat(fd, name, 0777) != 0 && errno != EEXIST) {
                int e2 = errno;
                close(fd);
                errno = e2;
                return -1;
            }
            sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        int e2 = errno;
        close(fd);
        if (sub < 0) {
            errno = e2;
            return -1;
        }
        fd = sub;
        p = e + 1;
    }
    *last = p;
    return fd;
}

static void set_error(sum_row *row, const char *prefix, const char *b)
{
    char msg[700];
    snprintf(msg, sizeof msg, "%s%s", prefix, b);
    free(row->error);
    row->error = strdup(msg);
}

static void fill_stats(sum_row *row, const ts_document *d)
{
    row->bytes = d->bytes;
    row->sections = d->sections;
    row->words = d->stats.words;
    row->sentences = d->stats.sentences;
    row->reframes = d->stats.reframes;
    row->growth = sum_fixed6(d->stats.growth);
    row->negativity = sum_fixed6(d->stats.negativity);
    row->tone_sum = sum_fixed6(d->stats.tone_sum);
}

/* The name the report library opens for NAME inside directory dir_fd. */
static void report_name(const batch_worker *w, int dir_fd, const char *rel,
                        const char *last, char *buf, size_t size)
{
    if (w->cfg->proc_fd_paths)
        snprintf(buf, size, "/proc/self/fd/%d/%s.tone.gz", dir_fd, last);
    else
        snprintf(buf, size, "%s/%s.tone.gz", w->cfg->out_dir, rel);
}

/* --resume: fills the row from an existing report newer than the source.
 * Returns 1 when it did, 0 to analyse again. */
static int try_resume(batch_worker *w, const char *rel, const struct stat *src,
                      sum_row *row)
{
    const char *last;
    int dfd = open_parent(w->cfg->out_fd, rel, 0, &last);
    if (dfd < 0) return 0;
    char name[4352], file[300];
    snprintf(file, sizeof file, "%s.tone.gz", last);
    struct stat st;
    int done = 0;
    if (fstatat(dfd, file, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
        (st.st_mtim.tv_sec > src->st_mtim.tv_sec ||
         (st.st_mtim.tv_sec == src->st_mtim.tv_sec &&
          st.st_mtim.tv_nsec > src->st_mtim.tv_nsec))) {
        report_name(w, dfd, rel, last, name, sizeof name);
        ts_report_reader *r = ts_report_reader_open(name, NULL);
        ts_record rec;
        int end = 0;
        while (r && !end && ts_report_reader_next(r, &rec, &end) == TS_OK && !end) {
            if (rec.type == TS_RECORD_SUMMARY) {
                fill_stats(row, &rec.document);
                done = 1;
                break;
            }
        }
        ts_report_reader_free(r);
    }
    close(dfd);
    return done;
}

int batch_worker_run(batch_worker *w, char *path, char *error, sum_row *row)
{
    memset(row, 0, sizeof *row);
    row->path = path;
    row->error = error;
    if (error) return 0;
    const batch_cfg *cfg = w->cfg;
    char *rel = NULL;
    int fd = -1, dfd = -1;
    unsigned char head[SNIFF_BYTES];
    size_t head_len = 0;

    if (cfg->out_fd >= 0) {
        const char *why;
        rel = batch_out_rel(path, &why);
        if (!rel) {
            set_error(row, "", why);
            goto out;
        }
    }
    fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        set_error(row, "", strerror(errno));
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        set_error(row, "", "is a directory");
        goto out;
    }
    if (cfg->max_bytes && S_ISREG(st.st_mode) && (uint64_t)st.st_size > cfg->max_bytes) {
        char n[32];
        snprintf(n, sizeof n, "%llu", (unsigned long long)cfg->max_bytes);
        set_error(row, "larger than --max-bytes: ", n);
        goto out;
    }
    if (rel && cfg->resume && try_resume(w, rel, &st, row)) goto out;

    /* a regular file is read to its size, without the read that would
     * find its end (a fifth of the system calls on small files); one whose
     * size says 0, as files under /proc do, is read to the end */
    size_t expect = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 0;
    while (head_len < sizeof head && (!expect || head_len < expect)) {
        ssize_t k = read(fd, head + head_len, sizeof head - head_len);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            set_error(row, "", strerror(errno));
            goto out;
        }
        if (k == 0) break;
        head_len += (size_t)k;
    }
    if (memchr(head, '\0', head_len)) {
        set_error(row, "", "binary file (a NUL byte in the first 8 KiB)");
        goto out;
    }

    w->source = path;
    w->header_written = 0;
    w->write_failed = 0;
    w->report = NULL;
    char name[4352];
    if (rel) {
        const char *last;
        dfd = open_parent(cfg->out_fd, rel, 1, &last);
        if (dfd < 0) {
            char msg[600];
            snprintf(msg, sizeof msg, "cannot create the report's directory "
                     "under %s (a symbolic link or a file is in the way?): %s",
                     cfg->out_dir, strerror(errno));
            set_error(row, "", msg);
            goto out;
        }
        report_name(w, dfd, rel, last, name, sizeof name);
        ts_error err;
        w->report = ts_report_writer_open(name, cfg->level, &err);
        if (!w->report) {
            set_error(row, "cannot write its report: ", strerror(errno ? errno : EIO));
            goto out;
        }
    }
    ts_input_format format = cfg->input_format != TS_INPUT_AUTO
                                 ? cfg->input_format
                                 : ts_input_format_from_path(path);
    ts_status s = ts_analyzer_reset(w->a, format);
    if (s == TS_OK) s = ts_analyzer_feed(w->a, head, head_len);
    if (s == TS_OK && head_len == sizeof head) s = ts_analyzer_feed_fd(w->a, fd);
    if (s == TS_OK) s = ts_analyzer_finish(w->a);
    if (s == TS_OK && w->report) {
        if (write_header(w) ||
            ts_report_write_summary(w->report, ts_analyzer_document(w->a)) != TS_OK ||
            ts_report_writer_commit(w->report) != TS_OK)
            w->write_failed = 1;
    }
    if (w->write_failed) {
        set_error(row, "cannot write its report: ",
                  ts_report_writer_errmsg(w->report));
    } else if (s != TS_OK) {
        set_error(row, "", ts_analyzer_errmsg(w->a));
    } else {
        fill_stats(row, ts_analyzer_document(w->a));
    }
out:
    ts_report_writer_free(w->report);
    w->report = NULL;
    if (dfd >= 0) close(dfd);
    if (fd >= 0) close(fd);
    free(rel);
    if (row->error) {
        /* a failed row carries no figures */
        char *p = row->path, *e = row->error;
        memset(row, 0, sizeof *row);
        row->path = p;
        row->error = e;
    }
    return 0;
}
