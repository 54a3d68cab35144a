/* arena.c - a bump allocator over blocks from ts_malloc. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "alloc.h"

/* LeakSanitizer looks for pointers in the heap, the stacks and the static
 * data, not in memory a program maps itself: a region holding the only
 * pointers to blocks from malloc (uthash's tables hang off nodes here) is
 * registered with it as a root, or those blocks would be reported lost. */
#if defined(__SANITIZE_ADDRESS__)
#define TS_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define TS_LSAN 1
#endif
#endif
#ifdef TS_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)
#define HAVE_REGION 1
/* x86-64's and most Linux machines' transparent huge page */
#define REGION_PAGE ((size_t)2 << 20)
#else
#define HAVE_REGION 0
#endif

/* Big enough that the builtin lexicons take a few dozen blocks, small
 * enough that a tiny lexicon file wastes little. */
#define ARENA_BLOCK 65536

#define ARENA_ALIGN alignof(max_align_t)

struct ts_arena_block {
    ts_arena_block *next;        /* older block */
    alignas(max_align_t) char data[]; /* the space handed out */
};

/* Chains a new block of at least size bytes.  A request bigger than a
 * block gets a block of its own, and the current block keeps its space. */
void ts_arena_reserve(ts_arena *a, size_t bytes)
{
#if HAVE_REGION
    if (a->region || a->blocks || bytes < REGION_PAGE / 2 ||
        bytes > SIZE_MAX / 2 || !ts_alloc_is_default())
        return;
    /* to the nearest number of huge pages: a page mostly unused would
     * cost its 2 MiB of memory all the same; what does not fit spills
     * into ordinary blocks */
    size_t len = (bytes + REGION_PAGE / 2) / REGION_PAGE * REGION_PAGE;
    /* a huge page must start at a multiple of its size: map one more and
     * give back what lies outside the aligned part */
    size_t span = len + REGION_PAGE;
    char *raw = mmap(NULL, span, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return;
    char *base = raw + ((REGION_PAGE - (uintptr_t)raw % REGION_PAGE) % REGION_PAGE);
    if (base > raw) munmap(raw, (size_t)(base - raw));
    size_t tail = (size_t)(raw + span - (base + len));
    if (tail) munmap(base + len, tail);
    /* only a hint: refused (THP off), the pages are ordinary ones.  Where
     * the kernel's THP defrag setting lets it compact memory for a
     * madvised region and no huge page is free, the first touch can wait
     * for that; on this project's machines it took 40-120 us in all, the
     * 4 KiB pages ~550 us */
    (void)madvise(base, len, MADV_HUGEPAGE);
    a->region = base;
    a->region_len = len;
    a->region_used = 0;
#ifdef TS_LSAN
    __lsan_register_root_region(base, len);
#endif
#else
    (void)a;
    (void)bytes;
#endif
}

static int in_region(const ts_arena *a, const void *p)
{
    const char *c = p;
    return a->region && c >= a->region && c < a->region + a->region_len;
}

/* Room for a block of `bytes` from the region, or NULL. */
static void *from_region(ts_arena *a, size_t bytes)
{
    if (!a->region) return NULL;
    bytes = (bytes + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
    if (bytes > a->region_len - a->region_used) return NULL;
    void *p = a->region + a->region_used;
    a->region_used += bytes;
    return p;
}

static int add_block(ts_arena *a, size_t size)
{
    size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
    if (cap > SIZE_MAX - sizeof(ts_arena_block)) return -1;
    ts_arena_block *b = from_region(a, sizeof *b + cap);
    if (!b) b = ts_malloc(sizeof *b + cap);
    if (!b) return -1;
    b->next = a->blocks;
    a->blocks = b;
    if (cap > ARENA_BLOCK) return 0;
    a->next = b->data;
    a->left = cap;
    return 0;
}

/* size bytes at a multiple of align (a power of two), not cleared.
 * Strings ask for no alignment: most are a few bytes, and padding each
 * to 16 took a fifth of the lexicon's memory. */
static void *arena_alloc(ts_arena *a, size_t size, size_t align)
{
    size_t pad = (size_t)(-(uintptr_t)a->next) & (align - 1);
    if (pad > a->left || size > a->left - pad) {
        if (add_block(a, size)) return NULL;
        if (size > ARENA_BLOCK) return a->blocks->data;
        pad = 0;   /* a block's data is aligned for anything */
    }
    void *p = a->next + pad;
    a->next += pad + size;
    a->left -= pad + size;
    return p;
}

void *ts_arena_calloc(ts_arena *a, size_t size)
{
    void *p = arena_alloc(a, size ? size : 1, ARENA_ALIGN);
    if (p) memset(p, 0, size);
    return p;
}

void *ts_arena_alloc(ts_arena *a, size_t size)
{
    return arena_alloc(a, size ? size : 1, ARENA_ALIGN);
}

char *ts_arena_strndup(ts_arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX) return NULL;
    char *p = arena_alloc(a, n + 1, 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void ts_arena_free(ts_arena *a)
{
    ts_arena_block *b = a->blocks;
    while (b) {
        ts_arena_block *next = b->next;
        if (!in_region(a, b)) ts_free(b);
        b = next;
    }
#if HAVE_REGION
    if (a->region) {
#ifdef TS_LSAN
        __lsan_unregister_root_region(a->region, a->region_len);
#endif
        munmap(a->region, a->region_len);
    }
#endif
    a->blocks = NULL;
    a->next = NULL;
    a->left = 0;
    a->region = NULL;
    a->region_len = a->region_used = 0;
}
