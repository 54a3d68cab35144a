/* test_gz_members.c - gzip members compressed a block at a time on
 * threads: the file is a valid gzip of exactly the members written, and
 * its bytes do not depend on the number of threads.
 *
 * The members are of every awkward size: empty, one byte, a few KiB (many
 * of them share a hand-over), exactly one block, one block and a byte,
 * several blocks; the data is repetitive enough that matches reach back
 * across block boundaries, which the dictionaries must carry.  Data
 * written in place gives the same file as data handed over. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "fixtures.h"
#include "gz_members.h"

static const size_t member_sizes[] = {
    0, 1, 5000, 300, TS_GZ_BLOCK, 7000, TS_GZ_BLOCK + 1, 40,
    3 * TS_GZ_BLOCK + 12345, 2 * TS_GZ_BLOCK, 9000, 9000, 9000, 100000, 2};
#define N_MEMBERS (sizeof member_sizes / sizeof member_sizes[0])

/* Member k's data: JSON-like lines with a counter, so that it compresses
 * like a report and no two members are the same. */
static char *member_data(size_t k, size_t n)
{
    char *p = malloc(n + 64);
    assert_non_null(p);
    size_t len = 0;
    for (unsigned i = 0; len < n; i++)
        len += (size_t)snprintf(p + len, 64, "{\"member\":%zu,\"line\":%u,\"text\":\"abc\"}\n", k, i);
    return p;   /* the first n bytes are used */
}

/* Pieces written in place (ts_gz_members_room) and through
 * ts_gz_members_write where a block had too little room, over a test. */
static size_t in_place_pieces, fallback_pieces;

/* Writes every member at `level` with `threads` threads, in pieces of
 * `chunk` bytes, in place where the block has room if `in_place` (asking
 * for 50 bytes more than each piece takes, as a caller that knows only a
 * bound does); returns the file's bytes and length. */
static unsigned char *write_members(int level, unsigned threads, size_t chunk,
                                    int in_place, size_t *len)
{
    char dir[512], path[600];
    assert_int_equal(fixture_tmpdir(dir, sizeof dir, "ts-gz"), 0);
    snprintf(path, sizeof path, "%s/out.gz", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    ts_gz_members *g = ts_gz_members_new(fd, level, threads);
    assert_non_null(g);
    for (size_t k = 0; k < N_MEMBERS; k++) {
        char *d = member_data(k, member_sizes[k]);
        for (size_t off = 0; off < member_sizes[k]; off += chunk) {
            size_t n = member_sizes[k] - off < chunk ? member_sizes[k] - off : chunk;
            char *room = in_place ? ts_gz_members_room(g, n + 50) : NULL;
            if (room) {
                memcpy(room, d + off, n);
                ts_gz_members_commit(g, n);
                in_place_pieces++;
            } else {
                assert_int_equal(ts_gz_members_write(g, d + off, n), TS_OK);
                fallback_pieces += in_place;
            }
        }
        assert_int_equal(ts_gz_members_end(g), TS_OK);
        free(d);
    }
    assert_int_equal(ts_gz_members_wait(g), TS_OK);
    ts_gz_members_free(g);
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    *len = (size_t)st.st_size;
    unsigned char *bytes = malloc(*len + 1);
    assert_non_null(bytes);
    assert_int_equal(pread(fd, bytes, *len, 0), (ssize_t)*len);
    close(fd);
    unlink(path);
    rmdir(dir);
    return bytes;
}

/* Inflates one gzip member from p; returns its data (length in *out_len)
 * and how many bytes of p it took. */
static char *inflate_member(const unsigned char *p, size_t n, size_t *out_len,
                            size_t *used)
{
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
    size_t cap = 1 << 20, len = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    z.next_in = (Bytef *)p;
    z.avail_in = (uInt)n;
    int zr;
    do {
        if (cap - len < 65536) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
        z.next_out = (Bytef *)out + len;
        z.avail_out = (uInt)(cap - len);
        zr = inflate(&z, Z_NO_FLUSH);
        len = cap - z.avail_out;
        assert_true(zr == Z_OK || zr == Z_STREAM_END);
    } while (zr != Z_STREAM_END);
    *used = n - z.avail_in;
    *out_len = len;
    inflateEnd(&z);
    return out;
}

/* Every member that has data comes back, one gzip member each, in order;
 * the CRCs and lengths in the trailers are checked by zlib. */
static void check_members(const unsigned char *bytes, size_t len)
{
    size_t off = 0;
    for (size_t k = 0; k < N_MEMBERS; k++) {
        if (member_sizes[k] == 0) continue;   /* an empty member is none */
        assert_true(off < len);
        size_t got_len, used;
        char *got = inflate_member(bytes + off, len - off, &got_len, &used);
        char *want = member_data(k, member_sizes[k]);
        assert_int_equal(got_len, member_sizes[k]);
        assert_memory_equal(got, want, got_len);
        free(got);
        free(want);
        off += used;
    }
    assert_int_equal(off, len);
}

/* At the fast level (fast_deflate) and at two of zlib's. */
static void test_members_round_trip(void **state)
{
    (void)state;
    static const int levels[] = {TS_GZ_FAST, 2, 6};
    for (size_t l = 0; l < 3; l++) {
        size_t len;
        unsigned char *one = write_members(levels[l], 1, 1 << 20, 0, &len);
        check_members(one, len);
        /* the same bytes for any number of threads and any way of writing */
        static const unsigned threads[] = {0, 2, 3, 8};
        static const size_t chunks[] = {1 << 20, 4096, 777};
        for (size_t t = 0; t < 4; t++)
            for (size_t c = 0; c < 3; c++)
                for (int in_place = 0; in_place <= 1; in_place++) {
                    size_t n;
                    unsigned char *got = write_members(
                        levels[l], threads[t], chunks[c], in_place, &n);
                    assert_int_equal(n, len);
                    assert_memory_equal(got, one, len);
                    free(got);
                }
        free(one);
    }
    /* both ways were taken: in place mostly, written where blocks end */
    assert_true(in_place_pieces > 1000);
    assert_true(fallback_pieces > 100);
}

/* At zlib's levels matches reach across blocks: a member of many blocks
 * of the same line compresses as well as one stream (not block by block
 * from scratch).  (fast_deflate's matches stay within a block.) */
static void test_dictionary_carries(void **state)
{
    (void)state;
    char dir[512], path[600];
    assert_int_equal(fixture_tmpdir(dir, sizeof dir, "ts-gz"), 0);
    snprintf(path, sizeof path, "%s/out.gz", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    /* 8 blocks of one random 20 KiB pattern over and over: from scratch,
     * each block would cost the whole pattern again */
    size_t n = 8 * TS_GZ_BLOCK, pat = 20000;
    char *d = malloc(n);
    assert_non_null(d);
    srand(7);
    for (size_t i = 0; i < pat; i++) d[i] = (char)(rand() & 0xff);
    for (size_t i = pat; i < n; i++) d[i] = d[i - pat];
    ts_gz_members *g = ts_gz_members_new(fd, 2, 2);
    assert_non_null(g);
    assert_int_equal(ts_gz_members_write(g, d, n), TS_OK);
    assert_int_equal(ts_gz_members_end(g), TS_OK);
    assert_int_equal(ts_gz_members_wait(g), TS_OK);
    ts_gz_members_free(g);
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    assert_true(st.st_size < 2 * (off_t)pat);
    close(fd);
    unlink(path);
    rmdir(dir);
    free(d);
}

/* A write that fails (a full device) is reported with its errno, from
 * whichever thread wrote. */
static void test_write_error(void **state)
{
    (void)state;
    int fd = open("/dev/full", O_WRONLY);
    if (fd < 0) skip();
    for (unsigned threads = 0; threads <= 2; threads += 2) {
        ts_gz_members *g = ts_gz_members_new(fd, 1, threads);
        assert_non_null(g);
        char *d = member_data(0, 500000);
        ts_status st = ts_gz_members_write(g, d, 500000);
        if (st == TS_OK) st = ts_gz_members_end(g);
        if (st == TS_OK) st = ts_gz_members_wait(g);
        assert_int_equal(st, TS_EIO);
        int err = 0;
        assert_int_equal(ts_gz_members_status(g, &err), TS_EIO);
        assert_int_equal(err, ENOSPC);
        ts_gz_members_free(g);
        free(d);
    }
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_members_round_trip),
        cmocka_unit_test(test_dictionary_carries),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
