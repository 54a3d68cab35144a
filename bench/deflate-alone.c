/* deflate-alone.c - how fast the report's compressor alone takes its JSON.
 *
 *   deflate-alone REPORT.tone.gz LEVEL RUNS
 *
 * Reads the report whole into memory (its JSON Lines, decompressed), then
 * compresses that JSON RUNS times on one thread, in blocks of 128 KiB as
 * `analyze -o` does - at level 1 with fast_deflate (the tool's default),
 * at 2-9 with zlib - and prints the median, minimum and maximum seconds of
 * the compressing alone.  It is a generous ceiling for `analyze -o`:
 * however fast the scoring, a report cannot be written faster than its
 * JSON is compressed, and this does less than the tool (no CRC, no
 * priming with the previous block, one member rather than one a section,
 * no formatting, no writing).  Build it with analyzer/src/fast_deflate.c. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "fast_deflate.h"

#define BLOCK (128 * 1024)

static unsigned char *read_report(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 20, n = 0;
    unsigned char *p = malloc(cap);
    for (;;) {
        if (!p) break;
        if (cap - n < BLOCK) {
            unsigned char *q = realloc(p, cap * 2);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
        int k = gzread(f, p + n, BLOCK);
        if (k <= 0) break;
        n += (size_t)k;
    }
    gzclose(f);
    *len = n;
    return p;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Seconds for fast_deflate to compress data once. */
static double fast_once(const unsigned char *data, size_t len,
                        unsigned char *out, size_t *out_len)
{
    static ts_fd_tables tables;
    double t0 = now();
    size_t total = 0;
    for (size_t off = 0; off < len; off += BLOCK) {
        size_t n = len - off < BLOCK ? len - off : BLOCK;
        total += ts_fast_deflate(&tables, data + off, n, off + n == len, out);
    }
    double t = now() - t0;
    *out_len = total;
    return t;
}

/* Seconds to compress data once; *out_len gets the compressed size. */
static double compress_once(const unsigned char *data, size_t len, int level,
                            unsigned char *out, size_t out_cap,
                            size_t *out_len)
{
    if (level == 1) return fast_once(data, len, out, out_len);
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    double t0 = now();
    size_t total = 0;
    for (size_t off = 0; off < len; off += BLOCK) {
        size_t n = len - off < BLOCK ? len - off : BLOCK;
        deflateReset(&z);
        z.next_in = (Bytef *)(data + off);
        z.avail_in = (uInt)n;
        z.next_out = out;
        z.avail_out = (uInt)out_cap;
        deflate(&z, off + n == len ? Z_FINISH : Z_SYNC_FLUSH);
        total += out_cap - z.avail_out;
    }
    double t = now() - t0;
    deflateEnd(&z);
    *out_len = total;
    return t;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: deflate-alone REPORT.tone.gz LEVEL RUNS\n");
        return 2;
    }
    int level = atoi(argv[2]), runs = atoi(argv[3]);
    if (level < 1 || level > 9 || runs < 1 || runs > 99) {
        fprintf(stderr, "deflate-alone: LEVEL 1-9, RUNS 1-99\n");
        return 2;
    }
    size_t len;
    unsigned char *json = read_report(argv[1], &len);
    if (!json || len == 0) {
        fprintf(stderr, "deflate-alone: %s: cannot read\n", argv[1]);
        return 1;
    }
    size_t out_cap = deflateBound(NULL, BLOCK) + 64, out_len = 0;
    if (out_cap < ts_fast_deflate_bound(BLOCK)) out_cap = ts_fast_deflate_bound(BLOCK);
    unsigned char *out = malloc(out_cap);
    double t[99];
    for (int r = 0; r < runs; r++) {
        t[r] = out ? compress_once(json, len, level, out, out_cap, &out_len) : -1;
        if (t[r] < 0) {
            fprintf(stderr, "deflate-alone: compressing failed\n");
            return 1;
        }
    }
    qsort(t, (size_t)runs, sizeof t[0], by_value);
    /* median min max, then the JSON's size and the compressed size */
    printf("%.4f %.4f %.4f %zu %zu\n", t[(runs - 1) / 2], t[0], t[runs - 1],
           len, out_len);
    free(out);
    free(json);
    return 0;
}
