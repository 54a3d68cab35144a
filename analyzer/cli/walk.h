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
 * before letting go, as the array moves when it grows); grew is then
 * broadcast after each one. */
typedef struct walk_list {
    walk_item *items;
    size_t n, cap;
    pthread_mutex_t *lock;  /* NULL: one thread only */
    pthread_cond_t *grew;   /* NULL: no one to wake */
} walk_list;

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
