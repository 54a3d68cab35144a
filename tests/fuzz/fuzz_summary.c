/* fuzz_summary.c - bytes as a batch summary, the input of `merge`.
 *
 * The bytes are cut into lines as merge reads them; each line goes through
 * sum_parse_line() in a buffer of exactly its length plus the NUL that
 * getline() leaves.  Every row it accepts is added to the totals and
 * printed back in the format of its line; the printed line must parse
 * again, and a TSV line must give back the very same row (its escapes are
 * reversible; JSON may replace bytes that are not UTF-8, so only that it
 * parses is checked there). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_row(const sum_row *a, const sum_row *b)
{
    return !strcmp(a->path, b->path) && a->bytes == b->bytes &&
           a->words == b->words && a->sentences == b->sentences &&
           a->sections == b->sections && a->reframes == b->reframes &&
           a->growth == b->growth && a->negativity == b->negativity &&
           a->tone_sum == b->tone_sum &&
           !strcmp(a->error ? a->error : "", b->error ? b->error : "");
}

/* Prints r in fmt and parses it again; aborts if that fails, or (TSV) if
 * the row comes back different. */
static void round_trip(const sum_row *r, sum_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return;
    int bad = sum_print_row(f, fmt, r);
    if (fclose(f) || bad || !buf) {
        free(buf);
        return; /* out of memory: nothing to check */
    }
    if (len && buf[len - 1] == '\n') buf[--len] = '\0';
    sum_row back;
    const char *why = "";
    if (sum_parse_line(buf, len, &back, &why) != 1) {
        fprintf(stderr, "printed row does not parse (%s): %s\n", why, buf);
        abort();
    }
    if (fmt == SUM_TSV && !same_row(r, &back)) {
        fprintf(stderr, "TSV row changed on the way back: %s\n", buf);
        abort();
    }
    sum_row_free(&back);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sum_totals t;
    memset(&t, 0, sizeof t);
    size_t at = 0;
    while (at < size) {
        const uint8_t *nl = memchr(data + at, '\n', size - at);
        size_t len = nl ? (size_t)(nl - (data + at)) : size - at;
        char *line = malloc(len + 1);
        if (!line) return 0;
        memcpy(line, data + at, len);
        line[len] = '\0';
        sum_row r;
        const char *why = NULL;
        int kind = sum_parse_line(line, len, &r, &why);
        if (kind < 0 && !why) abort(); /* a malformed line must say why */
        if (kind == 1) {
            sum_totals_add(&t, &r);
            round_trip(&r, len && line[0] == '{' ? SUM_JSONL : SUM_TSV);
            sum_row_free(&r);
        }
        free(line);
        at += len + (nl ? 1 : 0);
    }
    FILE *sink = fopen("/dev/null", "w");
    if (sink) {
        sum_print_totals(sink, SUM_TSV, &t);
        sum_print_totals(sink, SUM_JSONL, &t);
        fclose(sink);
    }
    return 0;
}
