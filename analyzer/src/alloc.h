/* alloc.h - every allocation of the library goes through these, so that a
 * test allocator (ts_set_allocator) can fail the N-th one. */
#ifndef TS_ALLOC_H
#define TS_ALLOC_H

#include <stddef.h>

void *ts_malloc(size_t size);
void *ts_calloc(size_t n, size_t size);   /* NULL on overflow too */
void *ts_realloc(void *ptr, size_t size);
void ts_free(void *ptr);
char *ts_strdup(const char *s);
char *ts_strndup(const char *s, size_t n);

/* Whether the C library's allocator is in use (no ts_set_allocator):
 * only then may memory come from elsewhere (see ts_arena_reserve). */
int ts_alloc_is_default(void);

/* zlib's allocation hooks (z_stream.zalloc / zfree), so that its memory
 * goes through the same allocator. */
void *ts_zalloc(void *opaque, unsigned items, unsigned size);
void ts_zfree(void *opaque, void *ptr);

#endif
