/* raw_inflate.h - the check the encoder tests share: zlib's inflate must
 * read a raw deflate stream back to exactly the data it was made from.
 * Include after cmocka.h. */
#ifndef TS_TEST_RAW_INFLATE_H
#define TS_TEST_RAW_INFLATE_H

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Inflates a raw deflate stream that must hold exactly `want`, n bytes,
 * with nothing after its final block. */
static void inflates_to(const unsigned char *z_in, size_t z_len,
                        const void *want, size_t n)
{
    unsigned char *got = malloc(n + 1);
    assert_non_null(got);
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(inflateInit2(&z, -15), Z_OK);
    z.next_in = (Bytef *)z_in;
    z.avail_in = (uInt)z_len;
    z.next_out = got;
    z.avail_out = (uInt)n + 1;
    assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
    assert_int_equal(z.total_out, n);
    assert_int_equal(z.avail_in, 0);
    if (n) assert_memory_equal(got, want, n);
    inflateEnd(&z);
    free(got);
}

#endif
