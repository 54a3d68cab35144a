/* alloc.c - the library's allocator indirection. */
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tonescope.h"

static void *default_alloc(size_t size, void *ud)
{
    (void)ud;
    return malloc(size);
}

static void *default_resize(void *ptr, size_t size, void *ud)
{
    (void)ud;
    return realloc(ptr, size);
}

static void default_release(void *ptr, void *ud)
{
    (void)ud;
    free(ptr);
}

static ts_allocator current = {default_alloc, default_resize, default_release,
                               NULL};

void ts_set_allocator(const ts_allocator *allocator)
{
    if (allocator && allocator->alloc && allocator->resize &&
        allocator->release) {
        current = *allocator;
    } else {
        current.alloc = default_alloc;
        current.resize = default_resize;
        current.release = default_release;
        current.ud = NULL;
    }
}

int ts_alloc_is_default(void)
{
    return current.alloc == default_alloc;
}

void *ts_malloc(size_t size)
{
    return current.alloc(size ? size : 1, current.ud);
}

void *ts_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    /* The C library's calloc knows when a block is fresh from the kernel,
     * hence already zero, and leaves its pages untouched: a large zeroed
     * table (a stem memo's, grown for a long text) need not be written
     * page by page before it is used. */
    if (current.alloc == default_alloc)
        return n && size ? calloc(n, size) : calloc(1, 1);
    void *p = ts_malloc(n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

void *ts_realloc(void *ptr, size_t size)
{
    return current.resize(ptr, size ? size : 1, current.ud);
}

void ts_free(void *ptr)
{
    if (ptr) current.release(ptr, current.ud);
}

char *ts_strndup(const char *s, size_t n)
{
    char *p = ts_malloc(n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ts_strdup(const char *s)
{
    return ts_strndup(s, strlen(s));
}

void *ts_zalloc(void *opaque, unsigned items, unsigned size)
{
    (void)opaque;
    return ts_calloc(items, size);
}

void ts_zfree(void *opaque, void *ptr)
{
    (void)opaque;
    ts_free(ptr);
}
