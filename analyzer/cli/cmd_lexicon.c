/* cmd_lexicon.c - `tonescope lexicon check|explain|stats`. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "render.h"

static const char usage[] =
    "Usage: tonescope lexicon check [OPTIONS] [FILE...]\n"
    "       tonescope lexicon explain [OPTIONS] WORD|PHRASE...\n"
    "       tonescope lexicon stats [OPTIONS]\n\n"
    "  check    report every bad line of lexicon files as FILE:LINE: reason\n"
    "           (exit 4 if any); with no FILE, the files --lexicon-dir and\n"
    "           --growth/--negativity/--modifiers name\n"
    "  explain  the stems of a word or phrase and every entry matching it\n"
    "  stats    entries per dimension, category and kind\n\n"
    COMMON_HELP;

static const char *const kind_names[] = {"word", "prefix", "phrase", "modifier"};

/* ------------------------------------------------------------- check */

typedef struct check_run {
    size_t problems;
} check_run;

static void on_problem(void *ctx, const char *file, unsigned long line,
                       const char *reason)
{
    check_run *r = ctx;
    r->problems++;
    fflush(stdout);
    if (line) fprintf(stderr, "%s:%lu: %s\n", file, line, reason);
    else fprintf(stderr, "%s: %s\n", file, reason);
}

static int check_one(const char *path, const common_opts *o)
{
    check_run r = {0};
    ts_status st = ts_lexicon_check_file(path, on_problem, &r);
    if (st == TS_EIO) return EXIT_IO;
    if (st != TS_OK) return EXIT_LEXICON;
    if (!o->quiet) printf("%s: ok\n", path);
    return EXIT_OK;
}

/* The worst outcome wins: a bad lexicon (4) over an unreadable file (3). */
static int worse(int a, int b)
{
    return a > b ? a : b;
}

/* With no FILE, the files the options name are checked: each of
 * --growth/--negativity/--modifiers, and the three of --lexicon-dir that
 * those do not replace. */
static int check(int argc, char **argv, const common_opts *o)
{
    int code = EXIT_OK;
    if (argc > 0) {
        for (int i = 0; i < argc; i++) code = worse(code, check_one(argv[i], o));
        return code;
    }
    if (!o->lexicon_dir && !o->growth_file && !o->negativity_file &&
        !o->modifiers_file)
        return cli_usage("lexicon ", "check needs lexicon FILEs, or --lexicon-dir DIR");
    static const char *const names[3] = {"growth.tsv", "negativity.tsv",
                                         "modifiers.tsv"};
    const char *given[3] = {o->growth_file, o->negativity_file, o->modifiers_file};
    for (int k = 0; k < 3; k++) {
        if (given[k]) {
            code = worse(code, check_one(given[k], o));
        } else if (o->lexicon_dir) {
            char path[4096];
            size_t dl = strlen(o->lexicon_dir);
            int slash = dl > 0 && o->lexicon_dir[dl - 1] == '/';
            snprintf(path, sizeof path, "%s%s%s", o->lexicon_dir, slash ? "" : "/",
                     names[k]);
            code = worse(code, check_one(path, o));
        }
    }
    return code;
}

/* ------------------------------------------------------------- explain */

typedef struct explain_run {
    const common_opts *o;
    size_t n;
} explain_run;

static int on_entry(void *ctx, const ts_entry *e)
{
    explain_run *r = ctx;
    r->n++;
    if (r->o->format == FORMAT_JSON) {
        ts_string b = {0};
        int bad = ts_json_string(&b, e->term, strlen(e->term)) != TS_OK;
        if (!bad) printf("{\"term\":%s", b.data);
        ts_string_free(&b);
        if (bad) return 1;
        printf(",\"kind\":\"%s\",\"dim\":\"%s\",\"category\":\"%s\",\"weight\":%g,"
               "\"source\":\"%s\",\"line\":%lu}\n",
               kind_names[e->kind],
               e->kind == TS_ENTRY_MODIFIER ? "modifier" : ts_dimension_name(e->dim),
               e->category, e->weight, e->source, e->line);
    } else if (r->o->format == FORMAT_TSV) {
        printf("%s\t%s\t%s\t%s\t%g\t%s\t%lu\n", e->term, kind_names[e->kind],
               e->kind == TS_ENTRY_MODIFIER ? "modifier" : ts_dimension_name(e->dim),
               e->category, e->weight, e->source, e->line);
    } else if (e->kind == TS_ENTRY_MODIFIER) {
        printf("  %-10s %-14s %5.2f  \"%s\" (%s, %s:%lu)\n", "modifier",
               e->category, e->weight, e->term, kind_names[e->kind], e->source,
               e->line);
    } else {
        printf("  %-10s %-14s %5.2f  \"%s\" (%s, key \"%s\", %s:%lu)\n",
               ts_dimension_name(e->dim), e->category, e->weight, e->term,
               kind_names[e->kind], e->key, e->source, e->line);
    }
    return 0;
}

/* Entries are gathered first (they belong to the lexicon, which outlives
 * the list) so that the text form can print the stems above them. */
typedef struct entry_list {
    const ts_entry **v;
    size_t n, cap;
} entry_list;

static int collect_entry(void *ctx, const ts_entry *e)
{
    entry_list *l = ctx;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        const ts_entry **v = realloc(l->v, cap * sizeof *v);
        if (!v) return 1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = e;
    return 0;
}

static int explain(int argc, char **argv, const common_opts *o)
{
    if (argc < 1) return cli_usage("lexicon ", "explain needs a WORD or PHRASE");
    /* the words given are one phrase: "give up" as two arguments too */
    size_t len = 0;
    for (int i = 0; i < argc; i++) len += strlen(argv[i]) + 1;
    char *text = malloc(len + 1);
    if (!text) {
        cli_error(NULL, "out of memory");
        return EXIT_IO;
    }
    size_t at = 0;
    for (int i = 0; i < argc; i++) {
        size_t n = strlen(argv[i]);
        if (i) text[at++] = ' ';
        memcpy(text + at, argv[i], n);
        at += n;
    }
    text[at] = '\0';
    int code = EXIT_OK;
    ts_lexicon *lex = cli_load_lexicon(o, &code);
    if (!lex) {
        free(text);
        return code;
    }
    char stems[1024];
    stems[0] = '\0';
    entry_list list = {NULL, 0, 0};
    ts_status st = ts_lexicon_explain(lex, text, stems, sizeof stems,
                                      collect_entry, &list);
    if (st != TS_OK) {
        cli_error(NULL, "%s", st == TS_ECALLBACK ? "out of memory" : ts_status_str(st));
        code = EXIT_IO;
    } else {
        explain_run r = {o, 0};
        if (o->format == FORMAT_TEXT) printf("stems: %s\n", stems);
        for (size_t i = 0; i < list.n && !cli_output_broken(); i++)
            if (on_entry(&r, list.v[i])) {
                cli_error(NULL, "out of memory");
                code = EXIT_IO;
                break;
            }
        if (o->format == FORMAT_TEXT && list.n == 0) printf("  no matching entries\n");
    }
    free(list.v);
    free(text);
    ts_lexicon_free(lex);
    return code;
}

/* ------------------------------------------------------------- stats */

typedef struct stat_row {
    char dim[16];
    char category[40];
    size_t kinds[4];
} stat_row;

typedef struct stats_run {
    stat_row rows[128];
    size_t n;
} stats_run;

static int on_stat(void *ctx, const ts_entry *e)
{
    stats_run *r = ctx;
    const char *dim = e->kind == TS_ENTRY_MODIFIER ? "modifiers" : ts_dimension_name(e->dim);
    size_t i = 0;
    for (; i < r->n; i++)
        if (!strcmp(r->rows[i].dim, dim) && !strcmp(r->rows[i].category, e->category))
            break;
    if (i == r->n) {
        if (r->n == sizeof r->rows / sizeof *r->rows) return 0;
        memset(&r->rows[i], 0, sizeof r->rows[i]);
        snprintf(r->rows[i].dim, sizeof r->rows[i].dim, "%s", dim);
        snprintf(r->rows[i].category, sizeof r->rows[i].category, "%s", e->category);
        r->n++;
    }
    r->rows[i].kinds[e->kind]++;
    return 0;
}

static int stats(const common_opts *o)
{
    int code = EXIT_OK;
    ts_lexicon *lex = cli_load_lexicon(o, &code);
    if (!lex) return code;
    stats_run *r = calloc(1, sizeof *r);
    if (!r) {
        ts_lexicon_free(lex);
        cli_error(NULL, "out of memory");
        return EXIT_IO;
    }
    ts_lexicon_foreach(lex, on_stat, r);
    if (o->format == FORMAT_TEXT)
        printf("%-11s %-15s %6s %6s %6s %6s %6s\n", "dimension", "category",
               "words", "prefix", "phrase", "modif", "total");
    else if (o->format == FORMAT_TSV)
        printf("dimension\tcategory\twords\tprefixes\tphrases\tmodifiers\ttotal\n");
    size_t totals[4] = {0};
    for (size_t i = 0; i < r->n; i++) {
        const stat_row *s = &r->rows[i];
        size_t t = s->kinds[0] + s->kinds[1] + s->kinds[2] + s->kinds[3];
        for (int k = 0; k < 4; k++) totals[k] += s->kinds[k];
        if (o->format == FORMAT_TEXT)
            printf("%-11s %-15s %6zu %6zu %6zu %6zu %6zu\n", s->dim, s->category,
                   s->kinds[0], s->kinds[1], s->kinds[2], s->kinds[3], t);
        else if (o->format == FORMAT_TSV)
            printf("%s\t%s\t%zu\t%zu\t%zu\t%zu\t%zu\n", s->dim, s->category,
                   s->kinds[0], s->kinds[1], s->kinds[2], s->kinds[3], t);
        else
            printf("{\"dim\":\"%s\",\"category\":\"%s\",\"words\":%zu,\"prefixes\":%zu,"
                   "\"phrases\":%zu,\"modifiers\":%zu,\"total\":%zu}\n",
                   s->dim, s->category, s->kinds[0], s->kinds[1], s->kinds[2],
                   s->kinds[3], t);
    }
    size_t all = totals[0] + totals[1] + totals[2] + totals[3];
    if (o->format == FORMAT_TEXT)
        printf("%-11s %-15s %6zu %6zu %6zu %6zu %6zu\n", "all", "", totals[0],
               totals[1], totals[2], totals[3], all);
    for (int k = 0; k < 3; k++)
        if (o->format == FORMAT_TEXT) printf("version %s\n", ts_lexicon_version(lex, k));
    free(r);
    ts_lexicon_free(lex);
    return code;
}

int cmd_lexicon(int argc, char **argv)
{
    common_opts o;
    common_init(&o);
    /* options may come before or after the action */
    int rc = cli_parse_common(argc, argv, "+f:qh", "lexicon", usage, &o);
    if (rc >= 0) return rc;
    if (optind >= argc) return cli_usage("lexicon ", "say check, explain or stats");
    const char *action = argv[optind];
    int sub_argc = argc - optind;
    char **sub_argv = argv + optind;
    sub_argv[0] = argv[0];
    rc = cli_parse_common(sub_argc, sub_argv, "f:qh", "lexicon", usage, &o);
    if (rc >= 0) return rc;
    common_finish(&o, stdout);
    int rest = sub_argc - optind;
    char **args = sub_argv + optind;
    int code;
    if (!strcmp(action, "check")) code = check(rest, args, &o);
    else if (!strcmp(action, "explain")) code = explain(rest, args, &o);
    else if (!strcmp(action, "stats")) code = stats(&o);
    else return cli_usage("lexicon ", "unknown action '%s' (check, explain or stats)", action);
    return cli_finish_output(code);
}
