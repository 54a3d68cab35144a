/* fuzz_report.c - bytes as a *.tone.gz report, read back record by record.
 *
 * Input layout:
 *  - starting with the gzip magic (1f 8b): the bytes are the file as is,
 *    so real reports are seeds;
 *  - otherwise byte 0 decides: even, the rest is JSON Lines text that the
 *    harness gzips first (a new member after every section record, as the
 *    writer does), so mutations reach the JSON path instead of dying in
 *    inflate; odd, the rest is written raw.
 *
 * Every record read must render back to valid JSON with ts_json_*, and the
 * reader must end with done or an error status, never crash or loop. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "json.h"
#include "tonescope.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifdef P_tmpdir
#define TMP_FALLBACK P_tmpdir
#else
#define TMP_FALLBACK "."
#endif

static char path[4096];

static void cleanup(void)
{
    if (path[0]) unlink(path);
}

static void setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/ts-fuzz-report-XXXXXX",
             tmp && *tmp ? tmp : TMP_FALLBACK);
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        abort();
    }
    close(fd);
    atexit(cleanup);
}

/* Appends one gzip member holding p[0..n) to f. */
static void put_member(FILE *f, const uint8_t *p, size_t n)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK)
        abort();
    unsigned char out[16384];
    z.next_in = (Bytef *)(uintptr_t)p;
    z.avail_in = (uInt)n;
    int rc;
    do {
        z.next_out = out;
        z.avail_out = sizeof out;
        rc = deflate(&z, Z_FINISH);
        if (rc == Z_STREAM_ERROR) abort();
        size_t got = sizeof out - z.avail_out;
        if (got && fwrite(out, 1, got, f) != got) abort();
    } while (rc != Z_STREAM_END);
    deflateEnd(&z);
}

static void write_input(const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        abort();
    }
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        if (fwrite(data, 1, size, f) != size) abort();
    } else if (size >= 1 && (data[0] & 1)) {
        if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1)
            abort();
    } else if (size >= 1) {
        /* one member per section, cut after each section record's line */
        static const char mark[] = "\"type\":\"section\"";
        const uint8_t *p = data + 1, *end = data + size;
        const uint8_t *start = p;
        while (p < end) {
            const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
            const uint8_t *eol = nl ? nl + 1 : end;
            size_t ll = (size_t)(eol - p);
            int is_section = 0;
            for (size_t i = 0; i + sizeof mark - 1 <= ll; i++) {
                if (memcmp(p + i, mark, sizeof mark - 1) == 0) {
                    is_section = 1;
                    break;
                }
            }
            p = eol;
            if (is_section || p == end) {
                put_member(f, start, (size_t)(p - start));
                start = p;
            }
        }
    }
    if (fclose(f) != 0) abort();
}

static void check_rendered(ts_string *s, ts_status st)
{
    if (st != TS_OK) {
        ts_string_free(s);
        return;  /* out of memory is allowed */
    }
    char err[128];
    ts_json *v = ts_json_parse(s->data, s->len, err, sizeof err);
    if (!v) {
        fprintf(stderr, "record renders to invalid JSON (%s): %.*s\n", err,
                (int)s->len, s->data);
        abort();
    }
    ts_json_free(v);
    ts_string_free(s);
}

static void check_record(const ts_record *rec)
{
    if (!rec->line || strlen(rec->line) != rec->line_len) {
        fprintf(stderr, "record line_len does not match its line\n");
        abort();
    }
    ts_string s = {0};
    switch (rec->type) {
    case TS_RECORD_DOCUMENT:
        if (!rec->source) abort();
        check_rendered(&s, ts_json_string(&s, rec->source,
                                          strlen(rec->source)));
        (void)ts_input_format_name(rec->format);
        break;
    case TS_RECORD_SENTENCE:
        if (!rec->sentence.text) abort();
        check_rendered(&s, ts_json_sentence(&s, &rec->sentence, 1));
        break;
    case TS_RECORD_SECTION:
        if (!rec->section.title) abort();
        check_rendered(&s, ts_json_section(&s, &rec->section));
        break;
    case TS_RECORD_SUMMARY:
        check_rendered(&s, ts_json_document(&s, &rec->document, "summary"));
        break;
    default:
        fprintf(stderr, "unknown record type %d\n", (int)rec->type);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) setup();
    write_input(data, size);

    ts_error err;
    ts_report_reader *r = ts_report_reader_open(path, &err);
    if (!r) {
        if (err.status == TS_OK) abort();
        return 0;
    }
    /* a record takes at least two inflated bytes and deflate expands at most
     * about 1032 times, so this bounds the loop */
    size_t limit = 64 + size * 1100;
    for (size_t i = 0;; i++) {
        if (i > limit) {
            fprintf(stderr, "reader does not stop\n");
            abort();
        }
        ts_record rec;
        int done = 0;
        ts_status st = ts_report_reader_next(r, &rec, &done);
        if (st != TS_OK) {
            if (!*ts_report_reader_errmsg(r)) {
                fprintf(stderr, "error %s without a message\n",
                        ts_status_str(st));
                abort();
            }
            /* the error sticks */
            if (ts_report_reader_next(r, &rec, &done) != st) abort();
            break;
        }
        if (done) break;
        check_record(&rec);
    }
    ts_report_reader_free(r);
    return 0;
}
