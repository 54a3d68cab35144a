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

#define HASH_NONFATAL_OOM 1
#define uthash_malloc(sz) ts_malloc(sz)
#define uthash_free(ptr, sz) ts_free(ptr)
#define uthash_nonfatal_oom(obj) (ts_uthash_oom = 1)

#include <uthash.h>

/* Clear before an add, test after it. */
#define TS_HASH_OOM_RESET() (ts_uthash_oom = 0)
#define TS_HASH_OOM() (ts_uthash_oom != 0)

#endif
