/* cmd_merge.c - `tonescope merge SUMMARY...`: shard summaries made one.
 *
 * The rows of every input (TSV or JSON Lines, told apart line by line) are
 * sorted by path in byte order and the totals recomputed from them the way
 * batch computes its own, from the printed six-decimal sums as integers.
 * So merge(shard 1..k) == merge(one run over the union), byte for byte,
 * and both carry the totals of that single run. */
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

/* Reads one summary; sets *fmt from its first line when *fmt < 0.
 * Returns an exit code. */
static int read_summary(const char *name, rows *rs, int *fmt)
{
    FILE *f = strcmp(name, "-") ? fopen(name, "rb") : stdin;
    if (!f) {
        cli_error(name, "%s", strerror(errno));
        return EXIT_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t k;
    unsigned long lineno = 0;
    int code = EXIT_OK;
    while ((k = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[k - 1] == '\n') line[--k] = '\0';
        if (*fmt < 0 && k) *fmt = line[0] == '{' ? SUM_JSONL : SUM_TSV;
        sum_row r;
        const char *why = "";
        int t = sum_parse_line(line, (size_t)k, &r, &why);
        if (t < 0) {
            fflush(stdout);
            fprintf(stderr, "%s: %s:%lu: %s\n", ts_prog, name, lineno, why);
            code = EXIT_IO;
            break;
        }
        if (!t) continue;
        if (rs->n == rs->cap) {
            size_t nc = rs->cap ? rs->cap * 2 : 1024;
            sum_row *v = realloc(rs->v, nc * sizeof *v);
            if (!v) {
                sum_row_free(&r);
                cli_error(NULL, "out of memory");
                code = EXIT_IO;
                break;
            }
            rs->v = v;
            rs->cap = nc;
        }
        rs->v[rs->n++] = r;
    }
    if (code == EXIT_OK && ferror(f)) {
        cli_error(name, "%s", strerror(errno));
        code = EXIT_IO;
    }
    free(line);
    if (f != stdin) fclose(f);
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
    rows rs = {0};
    int code = EXIT_OK;
    for (int i = optind; i < argc && code == EXIT_OK; i++)
        code = read_summary(argv[i], &rs, &fmt);
    if (code == EXIT_OK) {
        sum_format f = fmt < 0 ? SUM_TSV : (sum_format)fmt;
        if (rs.n) qsort(rs.v, rs.n, sizeof *rs.v, row_cmp);
        sum_totals t;
        memset(&t, 0, sizeof t);
        sum_print_header(stdout, f);
        for (size_t i = 0; i < rs.n; i++) {
            sum_print_row(stdout, f, &rs.v[i]);
            sum_totals_add(&t, &rs.v[i]);
        }
        if (f == SUM_JSONL || totals) sum_print_totals(stdout, f, &t);
        code = cli_finish_output(t.failed ? EXIT_GATE : EXIT_OK);
    }
    for (size_t i = 0; i < rs.n; i++) sum_row_free(&rs.v[i]);
    free(rs.v);
    return code;
}
