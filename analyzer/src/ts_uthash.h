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

/* Keys here are short words; FNV-1a hashes them in a few cycles, where
 * uthash's default (Jenkins) pays for its 12-byte blocks. */
static inline unsigned ts_hash_bytes(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) h = (h ^ p[i]) * 16777619u;
    return h;
}
#define HASH_FUNCTION(keyptr, keylen, hashv) \
    ((hashv) = ts_hash_bytes((keyptr), (size_t)(keylen)))

#define HASH_NONFATAL_OOM 1
#define uthash_malloc(sz) ts_malloc(sz)
#define uthash_free(ptr, sz) ts_free(ptr)
#define uthash_nonfatal_oom(obj) (ts_uthash_oom = 1)

#include <uthash.h>

/* Clear before an add, test after it. */
#define TS_HASH_OOM_RESET() (ts_uthash_oom = 0)
#define TS_HASH_OOM() (ts_uthash_oom != 0)

#endif
