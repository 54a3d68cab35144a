/* walk.c - building the document list of `batch`: directory walks, globs,
 * hidden entries, symbolic links and loops, and --files-from lists. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "walk.h"

static const char *default_include[] = {"*.txt", "*.md", "*.markdown",
                                        "*.html", "*.htm"};

/* Waits, holding the lock, while the list holds as many items as it may
 * (see walk.h).  A timed wait: a signal sets *stop but cannot wake it. */
static void wait_for_room(walk_list *l)
{
    while (l->ahead && l->n - l->released >= l->ahead && l->room &&
           !(l->stop && *l->stop)) {
        cli_cond_wait_ms(l->room, l->lock, 100);
    }
}

/* Drops the freed items from the front of the array, once they are at
 * least half of it, so that each item moves O(1) times on average. */
static void compact(walk_list *l)
{
    size_t gone = l->released - l->first, held = l->n - l->released;
    if (gone == 0 || gone < held) return;
    memmove(l->items, l->items + gone, held * sizeof *l->items);
    l->first = l->released;
}

/* Appends an item made of path, which the list takes over (freed here
 * if it cannot be added), and a copy of error.  Walking hands over the
 * path it joined rather than copying it: a copy and a free a file. */
static int push_owned(walk_list *l, char *path, const char *error)
{
    char *why = error ? strdup(error) : NULL;
    if (!path || (error && !why)) {
        free(path);
        free(why);
        return -1;
    }
    if (l->lock) pthread_mutex_lock(l->lock);
    if (l->lock) wait_for_room(l);
    compact(l);
    int rc = 0;
    size_t used = l->n - l->first;
    if (used == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        walk_item *p = realloc(l->items, cap * sizeof *p);
        if (p) {
            l->items = p;
            l->cap = cap;
        } else {
            rc = -1;
        }
    }
    if (rc == 0) {
        l->items[used].path = path;
        l->items[used].error = why;
        l->n++;
    }
    if (l->lock) pthread_mutex_unlock(l->lock);
    /* sent with the lock let go: a woken worker would find it held */
    if (rc == 0 && l->grew) pthread_cond_broadcast(l->grew);
    if (rc) {
        free(path);
        free(why);
    }
    return rc;
}

static int push(walk_list *l, const char *path, const char *error)
{
    return push_owned(l, strdup(path), error);
}

walk_item walk_list_take(walk_list *l, size_t i)
{
    walk_item *it = &l->items[i - l->first];
    walk_item taken = *it;
    it->path = it->error = NULL;
    return taken;
}

void walk_list_release(walk_list *l, size_t upto)
{
    if (upto > l->n) upto = l->n;
    for (size_t i = l->released; i < upto; i++) {
        walk_item *it = &l->items[i - l->first];
        free(it->path);
        free(it->error);
        it->path = it->error = NULL;
    }
    if (upto > l->released) {
        l->released = upto;
        if (l->room) pthread_cond_broadcast(l->room);
    }
}

void walk_list_free(walk_list *l)
{
    walk_list_release(l, l->n);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* A glob with a '/' matches the path below the walked root, one without
 * matches the entry's name. */
static int glob_match(const char *glob, const char *name, const char *rel)
{
    if (strchr(glob, '/')) return fnmatch(glob, rel, FNM_PATHNAME) == 0;
    /* "*.ext", the common case (and the default list), is a suffix test:
     * fnmatch per file was a third of batch's serial time on small files */
    if (glob[0] == '*' && !strpbrk(glob + 1, "*?[\\")) {
        size_t g = strlen(glob + 1), n = strlen(name);
        return n >= g && memcmp(name + n - g, glob + 1, g) == 0;
    }
    return fnmatch(glob, name, 0) == 0;
}

static int any_match(const char **globs, size_t n, const char *name,
                     const char *rel)
{
    for (size_t i = 0; i < n; i++)
        if (glob_match(globs[i], name, rel)) return 1;
    return 0;
}

typedef struct entry {
    const char *name;       /* in the directory's name buffer */
    size_t name_at;         /* its offset there, while the buffer grows */
    int is_dir;
    dev_t dev;
    ino_t ino;
} entry;

/* Byte order of names, a directory's name read as if it ended in '/'. */
static int entry_cmp(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    /* two files (most pairs): plain byte order */
    if (!a->is_dir && !b->is_dir) return strcmp(a->name, b->name);
    const unsigned char *x = (const unsigned char *)a->name;
    const unsigned char *y = (const unsigned char *)b->name;
    for (;; x++, y++) {
        int cx = *x ? *x : a->is_dir ? '/' : 0;
        int cy = *y ? *y : b->is_dir ? '/' : 0;
        if (cx != cy || !cx) return cx - cy;
        if (!*x || !*y) {
            /* one name ended (its '/' matched a '/'?): cannot happen, since
             * names hold no '/'; decide by what follows */
            return (*x ? 1 : 0) - (*y ? 1 : 0);
        }
    }
}

typedef struct ancestor {
    dev_t dev;
    ino_t ino;
} ancestor;

typedef struct walker {
    walk_list *list;
    const walk_opts *opt;
    size_t root_len;        /* bytes of the root prefix in a path */
    ancestor *stack;        /* directories on the current path */
    size_t depth, cap;
} walker;

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p = malloc(dl + nl + 2);
    if (!p) return NULL;
    if (!strcmp(dir, ".")) {
        memcpy(p, name, nl + 1);
        return p;
    }
    /* NOLINTNEXTLINE(bugprone-not-null-terminated-result): name and NUL follow */
    memcpy(p, dir, dl);
    size_t o = dl;
    if (!dl || dir[dl - 1] != '/') p[o++] = '/';
    memcpy(p + o, name, nl + 1);
    return p;
}

static int walk_dir(walker *w, const char *dir, dev_t dev, ino_t ino);

static int on_stack(const walker *w, dev_t dev, ino_t ino)
{
    for (size_t i = 0; i < w->depth; i++)
        if (w->stack[i].dev == dev && w->stack[i].ino == ino) return 1;
    return 0;
}

static int walk_dir(walker *w, const char *dir, dev_t dev, ino_t ino)
{
    if (w->opt->stop && *w->opt->stop) return 0;
    if (w->depth == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 32;
        ancestor *s = realloc(w->stack, cap * sizeof *s);
        if (!s) return -1;
        w->stack = s;
        w->cap = cap;
    }
    w->stack[w->depth].dev = dev;
    w->stack[w->depth].ino = ino;
    w->depth++;

    int rc = 0;
    entry *ents = NULL;
    size_t n = 0, cap = 0;
    /* the entries' names, one after another: not a strdup() each */
    char *names = NULL;
    size_t names_len = 0, names_cap = 0;
    DIR *d = opendir(dir);
    if (!d) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot read directory: %s", strerror(errno));
        rc = push(w->list, dir, msg);
        goto out;
    }
    int dfd = dirfd(d);
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *name = de->d_name;
        if (!strcmp(name, ".") || !strcmp(name, "..")) continue;
        if (name[0] == '.' && !w->opt->hidden) continue;
        struct stat st;
#ifdef DT_REG
        /* a regular file needs no stat: only directories need their
         * device and inode (loop detection); a large corpus has far more
         * files than directories */
        if (de->d_type == DT_REG) {
            memset(&st, 0, sizeof st);
            st.st_mode = S_IFREG;
        } else
#endif
        if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
        if (S_ISLNK(st.st_mode)) {
            if (!w->opt->follow) continue;
            if (fstatat(dfd, name, &st, 0) != 0) {
                if (!w->opt->quiet) {
                    char *p = join(dir, name);
                    cli_warn(p ? p : name, "dangling symbolic link skipped");
                    free(p);
                }
                continue;
            }
        }
        if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            entry *e = realloc(ents, cap * sizeof *e);
            if (!e) {
                rc = -1;
                break;
            }
            ents = e;
        }
        size_t len = strlen(name) + 1;
        if (names_cap - names_len < len) {
            size_t grown = names_cap ? names_cap * 2 : 4096;
            while (grown - names_len < len) grown *= 2;
            char *g = realloc(names, grown);
            if (!g) {
                rc = -1;
                break;
            }
            names = g;
            names_cap = grown;
        }
        memcpy(names + names_len, name, len);
        ents[n].name_at = names_len;
        names_len += len;
        ents[n].is_dir = S_ISDIR(st.st_mode);
        ents[n].dev = st.st_dev;
        ents[n].ino = st.st_ino;
        n++;
    }
    closedir(d);
    if (rc) goto out;
    for (size_t i = 0; i < n; i++) ents[i].name = names + ents[i].name_at;
    if (n) qsort(ents, n, sizeof *ents, entry_cmp);

    for (size_t i = 0; i < n && !rc; i++) {
        if (w->opt->stop && *w->opt->stop) break;
        char *path = join(dir, ents[i].name);
        if (!path) {
            rc = -1;
            break;
        }
        const char *rel = strlen(path) > w->root_len ? path + w->root_len : path;
        if (any_match(w->opt->exclude, w->opt->n_exclude, ents[i].name, rel)) {
            /* excluded file or pruned directory */
        } else if (ents[i].is_dir) {
            if (on_stack(w, ents[i].dev, ents[i].ino)) {
                if (!w->opt->quiet)
                    cli_warn(path, "symbolic link loop: directory already on "
                                   "the current path, not walked again");
            } else {
                rc = walk_dir(w, path, ents[i].dev, ents[i].ino);
            }
        } else {
            const char **inc = w->opt->include ? w->opt->include : default_include;
            size_t ninc = w->opt->include ? w->opt->n_include
                                          : sizeof default_include / sizeof *default_include;
            if (any_match(inc, ninc, ents[i].name, rel)) {
                rc = push_owned(w->list, path, NULL);
                path = NULL;
            }
        }
        free(path);
    }
out:
    free(names);
    free(ents);
    w->depth--;
    return rc;
}

int walk_add(walk_list *list, const walk_opts *opt, const char *arg)
{
    struct stat st;
    if (stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) return push(list, arg, NULL);

    /* "dir///" walks as "dir" */
    size_t len = strlen(arg);
    while (len > 1 && arg[len - 1] == '/') len--;
    char *root = strndup(arg, len);
    if (!root) return -1;
    walker w = {list, opt, 0, NULL, 0, 0};
    w.root_len = !strcmp(root, ".") ? 0 : len + (root[len - 1] == '/' ? 0 : 1);
    int rc = walk_dir(&w, root, st.st_dev, st.st_ino);
    free(w.stack);
    free(root);
    return rc;
}

int walk_add_from(walk_list *list, const walk_opts *opt, const char *file,
                  int nul)
{
    FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
    if (!f) {
        cli_error(file, "%s", strerror(errno));
        return -2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t k;
    int rc = 0;
    while (!rc && (k = getdelim(&line, &cap, nul ? '\0' : '\n', f)) > 0) {
        if (opt->stop && *opt->stop) break;
        if (line[k - 1] == (nul ? '\0' : '\n')) line[--k] = '\0';
        if (k == 0) continue;
        rc = walk_add(list, opt, line);
    }
    if (!rc && ferror(f)) {
        cli_error(file, "%s", strerror(errno));
        rc = -2;
    }
    free(line);
    if (f != stdin) fclose(f);
    return rc;
}
