/* report_writer.c - *.tone.gz reports (stage 8, the report sink).
 *
 * The report is a gzip file of several members: the header record, then
 * one member per section (its sentences and the section record), then the
 * summary.  Each member is finished and written as soon as its section
 * ends, so a reader of a cut-off copy still gets every complete section.
 * Everything goes to a temporary file beside the target, renamed over it
 * only by ts_report_writer_commit(): no partial report ever carries the
 * final name. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "buf.h"
#include "tonescope.h"

#include "gz_members.h"
#include "json.h"
#include "report_writer.h"

#define RECORD_BATCH 32768   /* bytes of records compressed at once */

struct ts_report_writer {
    char *path;               /* final name */
    char *tmp_path;           /* temporary file beside it */
    int fd;                   /* open temporary file, or -1 */
    int level;
    ts_gz_members *gz;        /* compresses into fd */
    int in_member;            /* a member has data not yet finished */
    int committed;
    ts_status status;         /* sticky failure */
    char errmsg[512];
    ts_buf line;              /* records not yet compressed, the last one
                                 perhaps still being written */
    ts_buf head;              /* a sentence record's head, being written */
};

static ts_status wfail(ts_report_writer *w, ts_status st, const char *what)
{
    if (w->status == TS_OK) {
        w->status = st;
        snprintf(w->errmsg, sizeof w->errmsg, "%s", what);
    }
    return w->status;
}

static ts_status io_fail(ts_report_writer *w, int err)
{
    char msg[400];
    snprintf(msg, sizeof msg, "%s: %s", w->path, strerror(err));
    return wfail(w, TS_EIO, msg);
}

/* Takes over a failure of the compressing side (which may have happened
 * on another thread) as the writer's own. */
static ts_status check_gz(ts_report_writer *w, ts_status st)
{
    if (st == TS_OK || w->status != TS_OK) return w->status;
    int err = 0;
    ts_gz_members_status(w->gz, &err);
    if (st == TS_ENOMEM) return wfail(w, TS_ENOMEM, "out of memory");
    if (err) return io_fail(w, err);
    return wfail(w, TS_EIO, "compression failed");
}

/* Compresses the records gathered so far. */
static ts_status put_pending(ts_report_writer *w)
{
    if (w->line.len == 0) return TS_OK;
    ts_status st = ts_gz_members_write(w->gz, w->line.data, w->line.len);
    ts_buf_clear(&w->line);
    return check_gz(w, st);
}

/* Ends the record being written.  Records are handed over a batch at a
 * time: a call per sentence cost more than compressing it. */
static ts_status put_record(ts_report_writer *w)
{
    if (w->status != TS_OK) return w->status;
    if (ts_buf_putc(&w->line, '\n')) return wfail(w, TS_ENOMEM, "out of memory");
    w->in_member = 1;
    if (w->line.len < RECORD_BATCH) return TS_OK;
    return put_pending(w);
}

/* Ends the current gzip member; the next record starts a new one. */
static ts_status end_member(ts_report_writer *w)
{
    if (w->status != TS_OK || !w->in_member) return w->status;
    if (put_pending(w) != TS_OK) return w->status;
    w->in_member = 0;
    return check_gz(w, ts_gz_members_end(w->gz));
}

/* Creates "PATH.tmp.PID.N" exclusively, with mode 0666 less the umask like
 * any ordinary file.  (mkstemp makes 0600, and reading the umask means
 * setting it, which would race with other threads creating files.)
 * Returns the descriptor, or -1 with errno set. */
static int open_temporary(const char *path, char *tmp, size_t size)
{
    static atomic_ulong counter;
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned long k = atomic_fetch_add(&counter, 1);
        snprintf(tmp, size, "%s.tmp.%ld.%lu", path, (long)getpid(), k);
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    return -1;
}

ts_report_writer *ts_report_writer_open(const char *path, int level,
                                        ts_error *err)
{
    if (err) memset(err, 0, sizeof *err);
    ts_report_writer *w = ts_calloc(1, sizeof *w);
    if (!w) goto oom;
    w->fd = -1;
    w->path = ts_strdup(path);
    size_t n = strlen(path) + 64;
    w->tmp_path = ts_malloc(n);
    if (w->tmp_path) w->tmp_path[0] = '\0';   /* nothing to unlink yet */
    if (!w->path || !w->tmp_path) goto oom;
    w->fd = open_temporary(path, w->tmp_path, n);
    if (w->fd < 0) {
        if (err) {
            err->status = TS_EIO;
            snprintf(err->file, sizeof err->file, "%s", path);
            snprintf(err->message, sizeof err->message, "%s", strerror(errno));
        }
        w->tmp_path[0] = '\0';
        ts_report_writer_free(w);
        return NULL;
    }
    if (level < 1 || level > 9) level = 6;
    w->level = level;
    w->gz = ts_gz_members_new(w->fd, level, 1);
    if (!w->gz) goto oom;
    return w;
oom:
    ts_report_writer_free(w);
    if (err) {
        err->status = TS_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
    }
    return NULL;
}

ts_status ts_report_writer_set_threads(ts_report_writer *w, unsigned threads)
{
    if (w->status != TS_OK) return w->status;
    if (w->in_member || w->line.len)
        return wfail(w, TS_EINVAL, "threads can change only between members");
    if (check_gz(w, ts_gz_members_wait(w->gz)) != TS_OK) return w->status;
    ts_gz_members *gz = ts_gz_members_new(w->fd, w->level, threads);
    if (!gz) return wfail(w, TS_ENOMEM, "out of memory");
    ts_gz_members_free(w->gz);
    w->gz = gz;
    return TS_OK;
}

ts_status ts_report_write_header(ts_report_writer *w, const char *source,
                                 const char *title, ts_input_format format,
                                 const ts_lexicon *lex)
{
    if (w->status != TS_OK) return w->status;
    ts_buf *b = &w->line;
    if (!title) title = "";
    int bad = ts_buf_puts(b, "{\"type\":\"document\",\"source\":") ||
              ts_json_string(b, source, strlen(source)) ||
              ts_buf_puts(b, ",\"title\":") ||
              ts_json_string(b, title, strlen(title)) ||
              ts_buf_puts(b, ",\"format\":\"") ||
              ts_buf_puts(b, ts_input_format_name(format)) ||
              ts_buf_puts(b, "\",\"tool\":\"tonescope " TS_VERSION "\"") ||
              ts_buf_puts(b, ",\"lexicons\":{");
    static const char *const parts[] = {"growth", "negativity", "modifiers"};
    for (int k = 0; k < 3 && !bad; k++) {
        const char *v = ts_lexicon_version(lex, k);
        bad = ts_buf_printf(b, "%s\"%s\":", k ? "," : "", parts[k]) ||
              ts_json_string(b, v, strlen(v));
    }
    if (bad || ts_buf_puts(b, "}}")) return wfail(w, TS_ENOMEM, "out of memory");
    if (put_record(w) != TS_OK) return w->status;
    return end_member(w);
}

ts_status ts_report_write_sentence(ts_report_writer *w, const ts_sentence *s)
{
    if (w->status != TS_OK) return w->status;
    if (ts_json_sentence(&w->line, s, 1) != TS_OK)
        return wfail(w, TS_ENOMEM, "out of memory");
    return put_record(w);
}

ts_status ts_report_write_sentence_tail(ts_report_writer *w,
                                        const ts_sentence *s,
                                        const char *tail, size_t len)
{
    if (w->status != TS_OK) return w->status;
    /* With no records pending, the record is put together in the block
     * it is compressed from, sparing a copy of every sentence (2% of a
     * report's CPU).  Its head goes first into `head`: it is short, but
     * its length is known only once written. */
    int direct = w->line.len == 0;
    if (direct) {
        ts_buf_clear(&w->head);
        if (ts_json_sentence_head(&w->head, s) != TS_OK)
            return wfail(w, TS_ENOMEM, "out of memory");
        size_t n = w->head.len + len + 1;
        char *p = ts_gz_members_room(w->gz, n);
        if (p) {
            memcpy(p, w->head.data, w->head.len);
            memcpy(p + w->head.len, tail, len);
            p[n - 1] = '\n';
            ts_gz_members_commit(w->gz, n);
            w->in_member = 1;
            return TS_OK;
        }
        if (check_gz(w, ts_gz_members_status(w->gz, NULL)) != TS_OK) return w->status;
    }
    size_t start = w->line.len;
    if (ts_json_sentence_head(&w->line, s) != TS_OK ||
        ts_buf_append(&w->line, tail, len)) {
        w->line.len = start;
        if (w->line.data) w->line.data[start] = '\0';
        return wfail(w, TS_ENOMEM, "out of memory");
    }
    if (put_record(w) != TS_OK || !direct) return w->status;
    /* the block had too little room left: this record goes on into the
     * next, and the ones after it in place again */
    return put_pending(w);
}

ts_status ts_report_write_section(ts_report_writer *w, const ts_section *s)
{
    if (w->status != TS_OK) return w->status;
    if (ts_json_section(&w->line, s) != TS_OK)
        return wfail(w, TS_ENOMEM, "out of memory");
    if (put_record(w) != TS_OK) return w->status;
    return end_member(w);
}

ts_status ts_report_write_summary(ts_report_writer *w, const ts_document *d)
{
    if (w->status != TS_OK) return w->status;
    if (ts_json_document(&w->line, d, "summary") != TS_OK)
        return wfail(w, TS_ENOMEM, "out of memory");
    if (put_record(w) != TS_OK) return w->status;
    return end_member(w);
}

ts_status ts_report_writer_commit(ts_report_writer *w)
{
    if (w->status != TS_OK) return w->status;
    if (w->committed) return TS_OK;
    if (end_member(w) != TS_OK) return w->status;
    if (check_gz(w, ts_gz_members_wait(w->gz)) != TS_OK) return w->status;
    if (fsync(w->fd) != 0 && errno != EINVAL && errno != EROFS)
        return io_fail(w, errno);
    int fd = w->fd;
    w->fd = -1;
    if (close(fd) != 0) return io_fail(w, errno);
    if (rename(w->tmp_path, w->path) != 0) return io_fail(w, errno);
    w->committed = 1;
    return TS_OK;
}

const char *ts_report_writer_errmsg(const ts_report_writer *w)
{
    return w ? w->errmsg : "";
}

void ts_report_writer_free(ts_report_writer *w)
{
    if (!w) return;
    ts_gz_members_free(w->gz);   /* its threads write to fd: stop them first */
    if (w->fd >= 0) close(w->fd);
    if (!w->committed && w->tmp_path && w->tmp_path[0]) unlink(w->tmp_path);
    ts_free(w->path);
    ts_free(w->tmp_path);
    ts_buf_free(&w->line);
    ts_buf_free(&w->head);
    ts_free(w);
}
