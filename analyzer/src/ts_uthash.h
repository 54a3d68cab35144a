/* ts_uthash.h - the one way this library includes uthash.
 *
 * uthash's default on a failed allocation is exit(-1); a library must not
 * do that.  With HASH_NONFATAL_OOM the add is dropped instead, and our hook
 * records it in a thread-local flag that the caller checks after every
 * HASH_ADD (see TS_HASH_ADD_OK). */
#ifndef TS_UTHASH_H
#define TS_UTHASH_H

#include "alloc.h"

extern _Thread_local int ts_uthash_oom;

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Keys here are short words, hashed 8 bytes at a time: FNV-1a chained a
 * multiply per byte, and the tokenizer hashes every word of the text.
 * The last steps spread the high bits into the low ones, which uthash
 * uses to pick a bucket.  The pieces are shared by the variants below. */
#define TS_HASH_MUL 0xff51afd7ed558ccdu

static inline uint64_t ts_hash_start(size_t len)
{
    return 0x9e3779b97f4a7c15u ^ len;
}

static inline uint64_t ts_hash_block(uint64_t h, uint64_t x)
{
    h = (h ^ x) * TS_HASH_MUL;
    return h ^ (h >> 32);
}

/* x: the last 0 to 7 bytes of the key, little-endian, zeros above. */
static inline unsigned ts_hash_last(uint64_t h, uint64_t x)
{
    h = (h ^ x) * TS_HASH_MUL;
    h ^= h >> 29;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 32;
    return (unsigned)h;
}

static inline unsigned ts_hash_bytes(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = ts_hash_start(len), x;
    for (; len >= 8; p += 8, len -= 8) {
        memcpy(&x, p, 8);
        h = ts_hash_block(h, x);
    }
    x = 0;
    for (size_t i = 0; i < len; i++) x |= (uint64_t)p[i] << (8 * i);
    return ts_hash_last(h, x);
}

/* The same hash of a key followed by 8 zero bytes, read a block at a time
 * to the end: no loop over the last bytes, whose count varies with every
 * word and so kept the branch predictor guessing. */
static inline unsigned ts_hash_padded(const void *key, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const unsigned char *p = key;
    uint64_t h = ts_hash_start(len), x;
    for (; len >= 8; p += 8, len -= 8) {
        memcpy(&x, p, 8);
        h = ts_hash_block(h, x);
    }
    memcpy(&x, p, 8); /* the last bytes, then zeros */
    return ts_hash_last(h, x);
#else
    return ts_hash_bytes(key, len);
#endif
}

/* A filter in front of a table: a bit for each key's hash, picked by the
 * hash's top bits (uthash picks buckets by the low ones).  A key whose
 * bit is clear is in no table the filter was filled from, which is told
 * without walking a bucket's chain, whose nodes are seldom in the cache
 * when a new word is looked up.  f has 2^bits bits. */
static inline unsigned ts_filter_bit(unsigned hash, unsigned bits)
{
    return (unsigned)((uint32_t)hash >> (32 - bits));
}

static inline void ts_filter_add(uint64_t *f, unsigned bits, unsigned hash)
{
    unsigned b = ts_filter_bit(hash, bits);
    f[b / 64] |= (uint64_t)1 << (b % 64);
}

static inline int ts_filter_may_hold(const uint64_t *f, unsigned bits,
                                     unsigned hash)
{
    unsigned b = ts_filter_bit(hash, bits);
    return (int)((f[b / 64] >> (b % 64)) & 1);
}

#define HASH_FUNCTION(keyptr, keylen, hashv) \
    ((hashv) = ts_hash_bytes((keyptr), (size_t)(keylen)))

/* uthash asks only whether two keys are equal, and ours are a few bytes:
 * a loop here beats a call to memcmp. */
static inline int ts_keys_differ(const void *a, const void *b, size_t len)
{
    const unsigned char *x = a, *y = b;
    for (size_t i = 0; i < len; i++)
        if (x[i] != y[i]) return 1;
    return 0;
}
#define HASH_KEYCMP(a, b, len) ts_keys_differ((a), (b), (size_t)(len))

#define HASH_NONFATAL_OOM 1
#define uthash_malloc(sz) ts_malloc(sz)
#define uthash_free(ptr, sz) ts_free(ptr)
#define uthash_nonfatal_oom(obj) (ts_uthash_oom = 1)

#include <uthash.h>

/* Grows the table of head (not empty) to at least `buckets` buckets at
 * once.  uthash doubles a table only when some chain reaches ten nodes,
 * so a lookup in a large table walked chains of about four nodes, each
 * seldom in the cache; a table whose size is known ahead is given room
 * for a chain of about one node instead.  Growing a table of few keys
 * costs little.  Running out of memory leaves the table as it was and
 * sets the flag TS_HASH_OOM() tests, like a failed add. */
#define TS_HASH_RESERVE(hh, head, buckets)                                   \
    do {                                                                     \
        int ts_reserve_oom_ = 0;                                             \
        while ((head)->hh.tbl->num_buckets < (buckets) && !ts_reserve_oom_)  \
            HASH_EXPAND_BUCKETS(hh, (head)->hh.tbl, ts_reserve_oom_);        \
        if (ts_reserve_oom_) ts_uthash_oom = 1;                              \
    } while (0)

/* Clear before an add, test after it. */
#define TS_HASH_OOM_RESET() (ts_uthash_oom = 0)
#define TS_HASH_OOM() (ts_uthash_oom != 0)

#endif
