/* cmd_merge.c - `tonescope merge SUMMARY...`: shard summaries made one.
 *
 * The rows of every input (TSV or JSON Lines, told apart line by line) are
 * sorted by path in byte order and the totals recomputed from them the way
 * batch computes its own, from the printed six-decimal sums as integers.
 * So merge(shard 1..k) == merge(one run over the union), byte for byte,
 * and both carry the totals of that single run.
 *
 * Summaries that batch wrote by walking directories are in path order
 * already.  When every input is a file in that order (a first pass checks
 * it, and every line, before anything is printed), the rows are merged as
 * they are read, a row per input in memory, so merging the shards of
 * millions of documents takes no more memory than merging two.  Otherwise
 * (stdin, or a shard made from an unsorted --files-from list) all rows are
 * read and sorted in memory: the output is the same either way. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "summary.h"

static const char usage[] =
    "Usage: tonescope merge [OPTIONS] SUMMARY...\n"
    "Combine batch summaries (TSV or JSONL, from shards or machines) into one\n"
    "equal to a single run over them all: rows sorted by path (byte order),\n"
    "totals recomputed exactly.  SUMMARY '-' is standard input.\n\n"
    "  -f, --format tsv|jsonl   output format (default: the first input's)\n"
    "      --totals             end a TSV summary with a #total row\n"
    "  -h, --help               this help\n"
    "\nExit: 0 ok, 1 a listed document had failed, 2 usage, 3 input/output.\n";

#define MAX_STREAMS 256   /* inputs merged as they are read, at most */

typedef struct rows {
    sum_row *v;
    size_t n, cap;
} rows;

static int cmp_u(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }
static int cmp_i(int64_t a, int64_t b) { return a < b ? -1 : a > b; }

static int row_cmp(const void *pa, const void *pb)
{
    const sum_row *a = pa, *b = pb;
    int c = strcmp(a->path, b->path);
    if (c) return c;
    if ((c = cmp_u(a->bytes, b->bytes)) || (c = cmp_u(a->words, b->words)) ||
        (c = cmp_u(a->sentences, b->sentences)) ||
        (c = cmp_u(a->sections, b->sections)) ||
        (c = cmp_u(a->reframes, b->reframes)) ||
        (c = cmp_i(a->growth, b->growth)) ||
        (c = cmp_i(a->negativity, b->negativity)) ||
        (c = cmp_i(a->tone_sum, b->tone_sum)))
        return c;
    return strcmp(a->error ? a->error : "", b->error ? b->error : "");
}

/* One summary read a row at a time. */
typedef struct source {
    const char *name;
    FILE *f;
    char *line;
    size_t cap;
    unsigned long lineno;
    sum_row row;            /* the current row, when have */
    int have;
} source;

static int source_open(source *src, const char *name)
{
    memset(src, 0, sizeof *src);
    src->name = name;
    src->f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
    if (!src->f) {
        cli_error(name, "%s", strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

static int source_rewind(source *src)
{
    if (src->have) sum_row_free(&src->row);
    src->have = 0;
    src->lineno = 0;
    if (fseek(src->f, 0, SEEK_SET) != 0) {
        cli_error(src->name, "%s", strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

static void source_close(source *src)
{
    if (src->have) sum_row_free(&src->row);
    free(src->line);
    if (src->f && src->f != stdin) fclose(src->f);
    memset(src, 0, sizeof *src);
}

/* Reads the next document row into src->row (src->have = 1), or sets
 * src->have = 0 at the end.  Sets *fmt from the first line when *fmt < 0.
 * Returns an exit code (a malformed line is reported with its number). */
static int source_next(source *src, int *fmt)
{
    if (src->have) sum_row_free(&src->row);
    src->have = 0;
    ssize_t k;
    while ((k = getline(&src->line, &src->cap, src->f)) > 0) {
        src->lineno++;
        char *line = src->line;
        if (line[k - 1] == '\n') line[--k] = '\0';
        if (*fmt < 0 && k) *fmt = line[0] == '{' ? SUM_JSONL : SUM_TSV;
        const char *why = "";
        int t = sum_parse_line(line, (size_t)k, &src->row, &why);
        if (t < 0) {
            fflush(stdout);
            fprintf(stderr, "%s: %s:%lu: %s\n", ts_prog, src->name, src->lineno, why);
            return EXIT_IO;
        }
        if (t) {
            src->have = 1;
            return EXIT_OK;
        }
    }
    if (ferror(src->f)) {
        cli_error(src->name, "%s", strerror(errno));
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* Reads one summary whole into rs.  Returns an exit code. */
static int read_summary(const char *name, rows *rs, int *fmt)
{
    source src;
    int code = source_open(&src, name);
    while (code == EXIT_OK && (code = source_next(&src, fmt)) == EXIT_OK && src.have) {
        if (rs->n == rs->cap) {
            size_t nc = rs->cap ? rs->cap * 2 : 1024;
            sum_row *v = realloc(rs->v, nc * sizeof *v);
            if (!v) {
                cli_error(NULL, "out of memory");
                code = EXIT_IO;
                break;
            }
            rs->v = v;
            rs->cap = nc;
        }
        rs->v[rs->n++] = src.row;
        src.have = 0; /* the row is rs's now */
    }
    source_close(&src);
    return code;
}

/* The first pass: checks every line of every input and whether each is in
 * path order.  Returns an exit code; *sorted says whether to stream. */
static int check_sorted(source *srcs, int n, int *fmt, int *sorted)
{
    *sorted = 1;
    for (int i = 0; i < n; i++) {
        sum_row prev;
        int have_prev = 0, code;
        while ((code = source_next(&srcs[i], fmt)) == EXIT_OK && srcs[i].have) {
            if (have_prev) {
                if (row_cmp(&prev, &srcs[i].row) > 0) *sorted = 0;
                sum_row_free(&prev);
            }
            prev = srcs[i].row;
            srcs[i].have = 0; /* kept as prev */
            have_prev = 1;
        }
        if (have_prev) sum_row_free(&prev);
        if (code != EXIT_OK) return code;
    }
    return EXIT_OK;
}

/* A binary heap of input indices, the one whose row sorts first on top. */
static int heap_less(const source *srcs, const int *h, int a, int b)
{
    return row_cmp(&srcs[h[a]].row, &srcs[h[b]].row) < 0;
}

static void heap_down(const source *srcs, int *h, int n, int at)
{
    for (;;) {
        int l = 2 * at + 1, r = l + 1, m = at;
        if (l < n && heap_less(srcs, h, l, m)) m = l;
        if (r < n && heap_less(srcs, h, r, m)) m = r;
        if (m == at) return;
        int t = h[at];
        h[at] = h[m];
        h[m] = t;
        at = m;
    }
}

/* The second pass: every input rewound, the smallest current row printed
 * and replaced by the next of its input. */
static int merge_streams(source *srcs, int n, sum_format f, sum_totals *t)
{
    int *h = malloc((size_t)n * sizeof *h);
    if (!h) {
        cli_error(NULL, "out of memory");
        return EXIT_IO;
    }
    int fmt = (int)f, hn = 0, code = EXIT_OK;
    for (int i = 0; i < n && code == EXIT_OK; i++) {
        code = source_rewind(&srcs[i]);
        if (code == EXIT_OK) code = source_next(&srcs[i], &fmt);
        if (code == EXIT_OK && srcs[i].have) h[hn++] = i;
    }
    for (int i = hn / 2 - 1; i >= 0; i--) heap_down(srcs, h, hn, i);
    while (code == EXIT_OK && hn > 0 && !cli_output_broken()) {
        source *top = &srcs[h[0]];
        sum_print_row(stdout, f, &top->row);
        sum_totals_add(t, &top->row);
        code = source_next(top, &fmt);
        if (!top->have) h[0] = h[--hn];
        heap_down(srcs, h, hn, 0);
    }
    free(h);
    return code;
}

int cmd_merge(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"totals", no_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int fmt = -1, totals = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'h': fputs(usage, stdout); return cli_finish_output(EXIT_OK);
        case 't': totals = 1; break;
        case 'f':
            if (!strcmp(optarg, "tsv")) fmt = SUM_TSV;
            else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json")) fmt = SUM_JSONL;
            else return cli_usage("merge ", "unknown format '%s' (tsv or jsonl)", optarg);
            break;
        default: return cli_usage("merge ", "unknown option");
        }
    }
    if (optind >= argc) return cli_usage("merge ", "give at least one SUMMARY");
    /* streaming keeps every input open: past a few hundred the limit on
     * open files is near, and sorting in memory is the safe way */
    int n = argc - optind, streamable = n <= MAX_STREAMS;
    for (int i = optind; i < argc; i++)
        if (!strcmp(argv[i], "-")) streamable = 0;
    source *srcs = NULL;
    int code = EXIT_OK, sorted = 0;
    if (streamable) {
        srcs = calloc((size_t)n, sizeof *srcs);
        if (!srcs) {
            cli_error(NULL, "out of memory");
            return EXIT_IO;
        }
        for (int i = 0; i < n && code == EXIT_OK; i++)
            code = source_open(&srcs[i], argv[optind + i]);
        if (code == EXIT_OK) code = check_sorted(srcs, n, &fmt, &sorted);
    }
    rows rs = {0};
    sum_totals t;
    memset(&t, 0, sizeof t);
    if (code == EXIT_OK && !sorted)
        for (int i = optind; i < argc && code == EXIT_OK; i++)
            code = read_summary(argv[i], &rs, &fmt);
    if (code == EXIT_OK) {
        sum_format f = fmt < 0 ? SUM_TSV : (sum_format)fmt;
        sum_print_header(stdout, f);
        if (sorted) {
            code = merge_streams(srcs, n, f, &t);
        } else {
            if (rs.n) qsort(rs.v, rs.n, sizeof *rs.v, row_cmp);
            for (size_t i = 0; i < rs.n; i++) {
                sum_print_row(stdout, f, &rs.v[i]);
                sum_totals_add(&t, &rs.v[i]);
            }
        }
        if (code == EXIT_OK && (f == SUM_JSONL || totals))
            sum_print_totals(stdout, f, &t);
        if (code == EXIT_OK) code = cli_finish_output(t.failed ? EXIT_GATE : EXIT_OK);
    }
    if (srcs)
        for (int i = 0; i < n; i++) source_close(&srcs[i]);
    free(srcs);
    for (size_t i = 0; i < rs.n; i++) sum_row_free(&rs.v[i]);
    free(rs.v);
    return code;
}
