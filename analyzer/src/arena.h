/* arena.h - many small allocations carved from a few large blocks, all
 * freed at once.
 *
 * The lexicon holds thousands of short strings and table nodes that live
 * exactly as long as it does: one malloc and one free for each was a third
 * of the cost of loading it.  The blocks themselves come from ts_malloc,
 * so the test allocator still sees (and can fail) every allocation. */
#ifndef TS_ARENA_H
#define TS_ARENA_H

#include <stddef.h>

typedef struct ts_arena_block ts_arena_block;

typedef struct ts_arena {
    ts_arena_block *blocks;      /* newest first */
    char *next;                  /* free space in the newest block */
    size_t left;                 /* bytes of it */
    char *region;                /* see ts_arena_reserve(), or NULL */
    size_t region_len, region_used;
} ts_arena;

#define TS_ARENA_INIT {NULL, NULL, 0, NULL, 0, 0}

/* Tells an empty arena that about `bytes` will be carved from it, all at
 * once and kept to the end.  For a megabyte or more, on Linux and with the
 * C library's allocator, its blocks then come from one mapping the kernel
 * may back with huge pages: the builtin lexicon's ~1.8 MB, in 4 KiB pages,
 * took ~450 page faults, two thirds of the time it took to load (a fault
 * costs ~1.2 us here, a 2 MiB page ~50 us in all).  Otherwise, or when the
 * mapping is refused or full, blocks come from ts_malloc as before: this
 * is a hint, and never fails. */
void ts_arena_reserve(ts_arena *a, size_t bytes);

/* size bytes, zeroed and aligned for any type; NULL when memory ran out
 * (the arena is unchanged).  Valid until ts_arena_free(). */
void *ts_arena_calloc(ts_arena *a, size_t size);
/* The same, not cleared: for a block its caller fills whole at once (the
 * builtin lexicon's nodes, hundreds of KiB that clearing only touched a
 * second time). */
void *ts_arena_alloc(ts_arena *a, size_t size);
/* A NUL-terminated copy of the n bytes at s, or NULL. */
char *ts_arena_strndup(ts_arena *a, const char *s, size_t n);
/* Frees every block; the arena is empty and usable again. */
void ts_arena_free(ts_arena *a);

#endif
