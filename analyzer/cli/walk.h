/* walk.h - the list of documents `batch` analyses, in input order.
 *
 * Arguments are taken in the order given.  A directory is walked
 * recursively; within each directory, entries are visited in byte order of
 * their names, a directory's name compared as if it ended in '/'.  That
 * makes the paths of one walk come out in plain byte order, the order
 * `merge` sorts by, so `batch DIR | merge` reproduces `batch DIR`. */
#ifndef TS_CLI_WALK_H
#define TS_CLI_WALK_H

#include <pthread.h>
#include <signal.h>
#include <stddef.h>

typedef struct walk_opts {
    const char **include;   /* file name globs; NULL: the default set */
    size_t n_include;
    const char **exclude;   /* globs that skip files and prune directories */
    size_t n_exclude;
    int hidden;             /* also walk entries whose name starts with '.' */
    int follow;             /* follow symbolic links found while walking */
    int quiet;              /* no warnings (loops, skipped entries) */
    volatile sig_atomic_t *stop;   /* set by a signal: stop walking */
} walk_opts;

typedef struct walk_item {
    char *path;             /* as walked or given */
    char *error;            /* known failure (an unreadable directory), or NULL */
} walk_item;

/* The list may be read while it is being walked: set lock, and every
 * item is appended under it (readers take it too, and copy an item out
 * before letting go, as the array moves); grew is then broadcast after
 * each one.
 *
 * Items are numbered from 0 in the order found; n is the number found so
 * far.  Those before `released` are done with and freed, so that a walk
 * of millions of files holds only the items not yet done.  With `ahead`
 * set, adding waits while that many items are held (a walk or a
 * --files-from stream runs at most that far ahead of the analysis),
 * until walk_list_release() makes room or *stop is set. */
typedef struct walk_list {
    walk_item *items;       /* items first .. n-1 */
    size_t first;           /* the number of items[0] */
    size_t released;        /* items before this one are freed or going */
    size_t n, cap;
    size_t ahead;           /* 0: no limit */
    pthread_mutex_t *lock;  /* NULL: one thread only */
    pthread_cond_t *grew;   /* NULL: no one to wake */
    pthread_cond_t *room;   /* broadcast by walk_list_release() */
    volatile sig_atomic_t *stop;   /* set: adding stops waiting for room */
} walk_list;

/* Item i, not yet released, handed over: the caller frees its strings,
 * and the list keeps NULLs in their place (the caller holds the lock, if
 * any).  Each item is taken at most once. */
walk_item walk_list_take(walk_list *list, size_t i);

/* Frees the items before upto (the caller holds the lock, if any). */
void walk_list_release(walk_list *list, size_t upto);

/* Adds one argument: a file as is (even one that does not exist: analysing
 * it will report why), a directory walked.  Returns 0, or -1 when out of
 * memory. */
int walk_add(walk_list *list, const walk_opts *opt, const char *arg);

/* Adds every path of a list file ("-" is stdin), one a line or NUL-separated
 * (nul = 1).  Returns 0, -1 when out of memory, -2 when the file cannot be
 * read (reported). */
int walk_add_from(walk_list *list, const walk_opts *opt, const char *file,
                  int nul);

void walk_list_free(walk_list *list);

#endif
