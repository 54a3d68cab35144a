/* fuzz_lexicon.c - bytes as a lexicon file.
 *
 * Byte 0 picks which file the bytes stand for (growth, negativity or
 * modifiers); the rest is written to a file of that name in a private
 * temporary directory, checked with ts_lexicon_check_file() and loaded with
 * ts_lexicon_new_from_files() (the other two parts builtin).  A lexicon that
 * loads is walked, explained and used on a short text.  Nothing may crash;
 * problems reported must carry a file name and a reason, and the checker
 * must reject exactly the files the loader rejects. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tonescope.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef P_tmpdir
#define TMP_FALLBACK P_tmpdir
#else
#define TMP_FALLBACK "."
#endif

static char dir[4096];
static char paths[3][4200];

static void cleanup(void)
{
    for (int k = 0; k < 3; k++) unlink(paths[k]);
    rmdir(dir);
}

static void setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/ts-fuzz-lexicon-XXXXXX",
             tmp && *tmp ? tmp : TMP_FALLBACK);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    static const char *const names[3] = {"growth.tsv", "negativity.tsv",
                                         "modifiers.tsv"};
    for (int k = 0; k < 3; k++)
        snprintf(paths[k], sizeof paths[k], "%s/%s", dir, names[k]);
    atexit(cleanup);
}

static void write_file(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || (n && fwrite(p, 1, n, f) != n) || fclose(f) != 0) {
        perror(path);
        abort();
    }
}

static void on_problem(void *ctx, const char *file, unsigned long line,
                       const char *reason)
{
    size_t *count = ctx;
    (*count)++;
    (void)line;
    if (!file || !reason || !*reason) {
        fprintf(stderr, "problem without a file or reason\n");
        abort();
    }
    /* touch every byte so ASan sees an unterminated string */
    (void)strlen(file);
    (void)strlen(reason);
}

static int on_entry(void *ctx, const ts_entry *e)
{
    size_t *count = ctx;
    (*count)++;
    if (!e->term || !e->key || !e->category || !e->source) {
        fprintf(stderr, "entry with a NULL string\n");
        abort();
    }
    (void)strlen(e->term);
    (void)strlen(e->key);
    (void)strlen(e->category);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) setup();
    if (size < 1) return 0;
    int which = data[0] % 3;
    write_file(paths[which], data + 1, size - 1);

    size_t problems = 0;
    ts_status checked = ts_lexicon_check_file(paths[which], on_problem,
                                              &problems);
    if (checked == TS_OK && problems != 0) {
        fprintf(stderr, "check_file: TS_OK but %zu problems\n", problems);
        abort();
    }
    if (checked == TS_ELEXICON && problems == 0) {
        fprintf(stderr, "check_file: TS_ELEXICON without a problem\n");
        abort();
    }

    const char *p[3] = {NULL, NULL, NULL};
    p[which] = paths[which];
    ts_error err;
    ts_lexicon *lex = ts_lexicon_new_from_files(p[0], p[1], p[2], &err);
    /* the checker and the loader must agree on what a bad file is */
    if ((checked == TS_OK) != (lex != NULL) && checked != TS_ENOMEM &&
        (lex || err.status != TS_ENOMEM)) {
        fprintf(stderr, "check_file says %s but loading %s (%s)\n",
                ts_status_str(checked), lex ? "succeeds" : "fails",
                lex ? "" : err.message);
        abort();
    }
    if (!lex) {
        if (err.status == TS_OK) {
            fprintf(stderr, "load failed with status TS_OK\n");
            abort();
        }
        (void)strlen(err.message);
        return 0;
    }
    for (int k = 0; k < 3; k++) (void)strlen(ts_lexicon_version(lex, k));

    size_t entries = 0;
    if (ts_lexicon_foreach(lex, on_entry, &entries) != TS_OK) abort();

    /* explain a few words taken from the input itself, then the usual
     * suspects */
    char text[64];
    size_t n = size - 1 < sizeof text - 1 ? size - 1 : sizeof text - 1;
    memcpy(text, data + 1, n);
    text[n] = '\0';
    char stems[128];
    size_t hits = 0;
    ts_lexicon_explain(lex, text, stems, sizeof stems, on_entry, &hits);
    ts_lexicon_explain(lex, "never give up on learning", stems, sizeof stems,
                       on_entry, &hits);
    ts_lexicon_explain(lex, "", stems, sizeof stems, on_entry, &hits);

    ts_analyzer *a = ts_analyzer_new(lex, NULL, NULL, &err);
    if (a) {
        static const char sample[] =
            "# Lessons\n\nI did not give up. Failure is an opportunity to "
            "learn, but it was NOT easy at all.\n";
        ts_analyzer_feed(a, sample, sizeof sample - 1);
        ts_analyzer_feed(a, data + 1, size - 1);
        ts_analyzer_finish(a);
        ts_analyzer_free(a);
    }
    ts_lexicon_free(lex);
    return 0;
}
