/* progress.c - "[=====>    ] 1200/20000 files  14.2 MB/s  ETA 0:42". */
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "progress.h"

/* Whether a bar is on stderr's last line now.  Messages may come from
 * the walk's thread: it is changed with stderr locked, and atomic so that
 * the lock is all it takes. */
static atomic_int drawn;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(progress *p, int on, uint64_t total)
{
    p->on = on;
    p->total = total;
    p->total_known = 0;
    p->start = p->last = now();
}

void progress_update(progress *p, uint64_t done, uint64_t bytes, int force)
{
    if (!p->on) return;
    double t = now();
    if (!force && t - p->last < 0.1) return;
    p->last = t;
    double elapsed = t - p->start;
    const int width = 24;
    int fill = p->total ? (int)((double)done * width / (double)p->total) : width;
    char bar[32];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '=' : ' ';
    if (fill < width) bar[fill] = '>';
    bar[width] = '\0';
    double mbs = elapsed > 0 ? (double)bytes / 1e6 / elapsed : 0;
    flockfile(stderr);
    fprintf(stderr, "\r[%s] %llu/%llu%s files  %.1f MB/s", bar,
            (unsigned long long)done, (unsigned long long)p->total,
            p->total_known ? "" : "+", mbs);
    if (p->total_known && done && done < p->total && elapsed > 0) {
        double eta = elapsed * (double)(p->total - done) / (double)done;
        unsigned long s = (unsigned long)eta;
        fprintf(stderr, "  ETA %lu:%02lu", s / 60, s % 60);
    }
    fputs("\033[K", stderr);
    fflush(stderr);
    atomic_store(&drawn, 1);
    funlockfile(stderr);
}

void progress_end(progress *p)
{
    if (!p->on) return;
    flockfile(stderr);
    fputs("\r\033[K", stderr);
    fflush(stderr);
    atomic_store(&drawn, 0);
    funlockfile(stderr);
}

void progress_clear_for_message(void)
{
    if (!atomic_load(&drawn)) return;
    fputs("\r\033[K", stderr);
    atomic_store(&drawn, 0);
}
