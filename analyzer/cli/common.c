/* common.c - option handling, errors and output shared by subcommands. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "progress.h"

const char *ts_prog = "tonescope";

static void vreport(const char *kind, const char *what, const char *fmt,
                    va_list ap) __attribute__((format(printf, 3, 0)));

static void vreport(const char *kind, const char *what, const char *fmt,
                    va_list ap)
{
    fflush(stdout);
    /* one message, whole, even when the walk of batch reports from its
     * own thread while the progress bar is drawn */
    flockfile(stderr);
    progress_clear_for_message();
    fprintf(stderr, "%s: %s", ts_prog, kind);
    if (what) fprintf(stderr, "%s: ", what);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
}

void cli_error(const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("", what, fmt, ap);
    va_end(ap);
}

void cli_warn(const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("warning: ", what, fmt, ap);
    va_end(ap);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport("", NULL, fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try '%s %s--help' for more information.\n", ts_prog,
            cmd ? cmd : "");
    return EXIT_USAGE;
}

void cli_getopt_name(char **argv, const char *cmd)
{
    static char name[64];
    snprintf(name, sizeof name, "%s %s", ts_prog, cmd);
    argv[0] = name;
}

int cli_parse_common(int argc, char **argv, const char *optstring,
                     const char *cmd, const char *usage, common_opts *o)
{
    static const struct option longopts[] = {COMMON_LONG_OPTIONS,
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    cli_getopt_name(argv, cmd);
    while ((c = getopt_long(argc, argv, optstring, longopts, NULL)) != -1) {
        int k = cli_common_option(o, c, optarg, cmd);
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        if (c == 'h') {
            fputs(usage, stdout);
            return cli_finish_output(EXIT_OK);
        }
        return cli_bad_option(cmd);
    }
    return -1;
}

int cli_bad_option(const char *cmd)
{
    fprintf(stderr, "Try '%s %s --help' for more information.\n", ts_prog, cmd);
    return EXIT_USAGE;
}

void common_init(common_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = FORMAT_TEXT;
    o->input_format = TS_INPUT_AUTO;
}

static char cmd_space[64];

static const char *with_space(const char *cmd)
{
    snprintf(cmd_space, sizeof cmd_space, "%s ", cmd);
    return cmd_space;
}

int cli_common_option(common_opts *o, int opt, const char *arg, const char *cmd)
{
    switch (opt) {
    case 'f':
    case OPT_FORMAT:
        if (!strcmp(arg, "text")) o->format = FORMAT_TEXT;
        else if (!strcmp(arg, "json") || !strcmp(arg, "jsonl")) o->format = FORMAT_JSON;
        else if (!strcmp(arg, "tsv")) o->format = FORMAT_TSV;
        else {
            cli_usage(with_space(cmd), "unknown format '%s' (text, json or tsv)", arg);
            return -1;
        }
        return 1;
    case OPT_COLOR:
        if (!strcmp(arg, "auto")) o->color_mode = 0;
        else if (!strcmp(arg, "always")) o->color_mode = 1;
        else if (!strcmp(arg, "never")) o->color_mode = 2;
        else {
            cli_usage(with_space(cmd), "unknown colour mode '%s' (auto, always or never)", arg);
            return -1;
        }
        return 1;
    case OPT_LEXICON_DIR: o->lexicon_dir = arg; return 1;
    case OPT_GROWTH: o->growth_file = arg; return 1;
    case OPT_NEGATIVITY: o->negativity_file = arg; return 1;
    case OPT_MODIFIERS: o->modifiers_file = arg; return 1;
    case OPT_INPUT_FORMAT:
        if (ts_input_format_parse(arg, &o->input_format)) {
            cli_usage(with_space(cmd), "unknown input format '%s' (auto, text, markdown or html)", arg);
            return -1;
        }
        return 1;
    case 'q': o->quiet = 1; return 1;
    default: return 0;
    }
}

void common_finish(common_opts *o, FILE *out)
{
    const char *no_color = getenv("NO_COLOR");
    const char *term = getenv("TERM");
    if (o->color_mode == 1) o->color = 1;
    else if (o->color_mode == 2) o->color = 0;
    else o->color = o->format == FORMAT_TEXT && isatty(fileno(out)) &&
                    !(no_color && *no_color) && !(term && !strcmp(term, "dumb"));
}

const char *c_on(const common_opts *o, const char *code)
{
    static char buf[4][16];
    static int k;
    if (!o->color) return "";
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "\033[%sm", code);
    return buf[k];
}

const char *c_off(const common_opts *o)
{
    return o->color ? "\033[0m" : "";
}

ts_lexicon *cli_load_lexicon(const common_opts *o, int *exit_code)
{
    ts_error err;
    ts_lexicon *lex;
    if (o->lexicon_dir && !o->growth_file && !o->negativity_file && !o->modifiers_file) {
        lex = ts_lexicon_new_from_dir(o->lexicon_dir, &err);
    } else if (o->lexicon_dir || o->growth_file || o->negativity_file || o->modifiers_file) {
        /* single files override what the directory (or builtin set) gives */
        char g[4096], n[4096], m[4096];
        const char *gp = o->growth_file, *np = o->negativity_file, *mp = o->modifiers_file;
        if (o->lexicon_dir) {
            snprintf(g, sizeof g, "%s/growth.tsv", o->lexicon_dir);
            snprintf(n, sizeof n, "%s/negativity.tsv", o->lexicon_dir);
            snprintf(m, sizeof m, "%s/modifiers.tsv", o->lexicon_dir);
            if (!gp) gp = g;
            if (!np) np = n;
            if (!mp) mp = m;
        }
        lex = ts_lexicon_new_from_files(gp, np, mp, &err);
    } else {
        lex = ts_lexicon_new_builtin(&err);
    }
    if (lex) return lex;
    if (err.status == TS_ELEXICON) {
        fflush(stdout);
        fprintf(stderr, "%s: %s:%lu: %s\n", ts_prog, err.file, err.line, err.message);
        *exit_code = EXIT_LEXICON;
    } else if (err.status == TS_EIO) {
        cli_error(err.file, "%s", err.message);
        *exit_code = EXIT_IO;
    } else {
        cli_error(NULL, "%s", err.message);
        *exit_code = EXIT_IO;
    }
    return NULL;
}

int cli_prepare_article(const common_opts *o, const char *path,
                        ts_lexicon **lex, int *fd)
{
    int code = EXIT_OK;
    *lex = cli_load_lexicon(o, &code);
    if (!*lex) return code;
    *fd = cli_open_input(path);
    if (*fd < 0) {
        ts_lexicon_free(*lex);
        *lex = NULL;
        return EXIT_IO;
    }
    return -1;
}

int cli_open_input(const char *path)
{
    if (!strcmp(path, "-")) return STDIN_FILENO;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        cli_error(path, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        cli_error(path, "is a directory");
        close(fd);
        return -1;
    }
    return fd;
}

int cli_feed_input(ts_analyzer *a, int fd, ts_status *st)
{
    static char buf[65536];
    int first = 1;
    *st = TS_OK;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno ? errno : EIO;
        if (n == 0) return 0;
        /* A UTF-16 (or UTF-32) byte order mark: read as UTF-8 it would give
         * one long sentence of nonsense, so it is refused instead. */
        if (first && n >= 2 &&
            (((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE) ||
             ((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF)))
            return CLI_UTF16;
        first = 0;
        *st = ts_analyzer_feed(a, buf, (size_t)n);
        if (*st != TS_OK) return 0;
    }
}

void cli_report_input_error(const char *source, int err)
{
    if (err == CLI_UTF16)
        cli_error(source, "UTF-16 text (it starts with a byte order mark); "
                          "tonescope reads UTF-8: convert it first, e.g. "
                          "iconv -f UTF-16 -t UTF-8");
    else
        cli_error(source, "%s", strerror(err));
}

void cli_warn_document(const common_opts *o, const char *source,
                       const ts_document *d)
{
    if (o->quiet) return;
    if (d->invalid_utf8)
        cli_warn(source, "%zu byte%s of invalid UTF-8 read as U+FFFD",
                 d->invalid_utf8, d->invalid_utf8 == 1 ? "" : "s");
    if (d->split_sentences)
        cli_warn(source, "%zu sentence%s cut at the length limit",
                 d->split_sentences, d->split_sentences == 1 ? "" : "s");
}

ts_input_format cli_input_format(const common_opts *o, const char *path)
{
    if (o->input_format != TS_INPUT_AUTO) return o->input_format;
    if (!strcmp(path, "-")) return TS_INPUT_AUTO;
    return ts_input_format_from_path(path);
}

/* The errno of the first failed write to stdout, caught by
 * cli_output_broken() right after the write (later calls may change errno
 * before cli_finish_output() looks at it). */
static int stdout_errno;

int cli_output_broken(void)
{
    if (!ferror(stdout)) return 0;
    if (!stdout_errno) stdout_errno = errno ? errno : EIO;
    return 1;
}

int cli_stdout_closed(void)
{
    return cli_output_broken() && stdout_errno == EPIPE;
}

int cli_finish_output(int code)
{
    errno = 0;
    int failed = fflush(stdout) != 0;
    int e = failed ? errno : 0;
    if (!failed && !ferror(stdout)) return code;
    if (!stdout_errno) stdout_errno = e ? e : EIO;
    /* The reader went away (`tonescope ... | head`): not an error, and
     * nothing to say about it, as with any filter. */
    if (stdout_errno == EPIPE || e == EPIPE) return code;
    fprintf(stderr, "%s: stdout: %s\n", ts_prog, strerror(stdout_errno));
    return code == EXIT_OK || code == EXIT_GATE ? EXIT_IO : code;
}

void cli_cond_wait_ms(pthread_cond_t *cv, pthread_mutex_t *m, long ms)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_cond_timedwait(cv, m, &ts);
}
