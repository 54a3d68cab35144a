/* arena.c - a bump allocator over blocks from ts_malloc. */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <string.h>

#include "alloc.h"

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
static int add_block(ts_arena *a, size_t size)
{
    size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
    if (cap > SIZE_MAX - sizeof(ts_arena_block)) return -1;
    ts_arena_block *b = ts_malloc(sizeof *b + cap);
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
        ts_free(b);
        b = next;
    }
    a->blocks = NULL;
    a->next = NULL;
    a->left = 0;
}
