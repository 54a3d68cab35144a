/* fuzz_deflate.c - bytes through fast_deflate, the report encoder, and
 * back through zlib's inflate.
 *
 * The first byte sets the size of the blocks the rest is cut into
 * (1-256 times 61 bytes, so blocks of a few bytes and of several KiB);
 * every block is compressed with the same tables, all but the last as
 * non-final blocks, and laid end to end.  The stream must inflate to the
 * input exactly, with nothing left over, and no block may write past its
 * bound (AddressSanitizer watches the buffer's end). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fast_deflate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ts_fd_tables tables;   /* kept from input to input, as a worker does */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    size_t block = ((size_t)data[0] + 1) * 61;
    data++;
    size--;
    /* room for every block's bound (each has its own header and end) */
    size_t cap = (size / block + 1) * ts_fast_deflate_bound(block);
    unsigned char *stream = malloc(cap);
    if (!stream) return 0;
    size_t total = 0, off = 0;
    do {
        size_t n = size - off < block ? size - off : block;
        /* each block into a buffer of exactly its bound */
        unsigned char *out = malloc(ts_fast_deflate_bound(n));
        if (!out) abort();
        size_t len = ts_fast_deflate(&tables, data + off, n, off + n == size, out);
        if (len > ts_fast_deflate_bound(n)) {
            fprintf(stderr, "deflate: %zu bytes out for %zu in, over the bound\n", len, n);
            abort();
        }
        if (total + len > cap) abort();   /* the harness's own arithmetic */
        memcpy(stream + total, out, len);
        total += len;
        free(out);
        off += n;
    } while (off < size);

    unsigned char *back = malloc(size + 1);
    if (!back) abort();
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, -15) != Z_OK) abort();
    z.next_in = stream;
    z.avail_in = (uInt)total;
    z.next_out = back;
    z.avail_out = (uInt)size + 1;
    int zr = inflate(&z, Z_FINISH);
    if (zr != Z_STREAM_END || z.total_out != size || z.avail_in != 0 ||
        (size && memcmp(back, data, size) != 0)) {
        fprintf(stderr, "deflate: round trip failed (zlib %d, %lu of %zu bytes)\n",
                zr, z.total_out, size);
        abort();
    }
    inflateEnd(&z);
    free(back);
    free(stream);
    return 0;
}
