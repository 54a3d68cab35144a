/* gz_members.c - gzip members compressed a block at a time on threads;
 * see gz_members.h.
 *
 * Work is handed over in slots, kept in a ring oldest first: the caller
 * fills the slot at the tail, queues it and moves on; a worker takes the
 * oldest queued slot, compresses it and marks it done; whoever sees the
 * oldest slot done writes it (one writer at a time, so the file is in
 * order) and frees it.  A slot holds pieces: a piece is one block of one
 * member.  Sections are often a few KiB, so a slot gathers the blocks of
 * several small members until it holds TS_GZ_BLOCK bytes, which keeps
 * the hand-overs (a wake-up each) few; a long member's next block always
 * starts a new slot.  Without workers the caller compresses each piece as
 * soon as it ends, through the same code: the bytes are the same. */
#include "gz_members.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"
#include "buf.h"
#include "fast_deflate.h"

#define WINDOW 32768          /* deflate's reach: the dictionary's size */
#define SLOTS_PER_THREAD 2    /* in flight per worker, besides the tail */
#define MAX_THREADS 64
/* zlib's full hash table (memLevel 8), although it is cleared for every
 * block: measured against memLevel 5 and 7, it took 6% less time on the
 * report of a 20 MB article, and no more on one of 20,000 two-sentence
 * sections. */
#define MEM_LEVEL 8

enum slot_state { FREE, FILLING, QUEUED, BUSY, DONE };

/* One block of one member. */
typedef struct piece {
    size_t off, len;          /* its data in the slot's `in` */
    int first, last;          /* the member's first / last block */
    size_t out_off, out_len;  /* compressed, in the slot's `out` */
    unsigned long crc;        /* of its data */
} piece;

typedef struct slot {
    enum slot_state state;
    ts_buf in;                /* the pieces' data, one after another */
    ts_buf dict;              /* the 32 KiB before the first piece in its
                                 member, if that piece is not the first */
    piece *pieces;
    size_t n_pieces, pieces_cap;
    int open;                 /* the last piece is still being filled */
    unsigned char *out;       /* compressed pieces, once DONE */
    size_t out_len, out_cap;
    ts_status failed;         /* TS_OK, or what failed on it */
} slot;

/* What compresses on one thread: fast_deflate at level 1, zlib above. */
typedef struct packer {
    z_stream z;
    ts_fd_tables *tables;     /* level 1 */
    int level;
    int ready;
} packer;

struct ts_gz_members {
    int fd;
    int level;
    pthread_mutex_t mu;
    pthread_cond_t work;      /* a slot was queued, or stopping */
    pthread_cond_t done;      /* a slot was written and freed */
    slot *slots;
    size_t n_slots;
    size_t head;              /* oldest slot in use */
    size_t used;              /* slots in use, from head on */
    int writing;              /* a thread is writing the head slot */
    int stopping;
    ts_status status;         /* sticky first failure */
    atomic_int failed;        /* status is set: read without the mutex by
                                 the caller, which asks after every write */
    int err;                  /* errno of a failed write */
    /* the caller's side */
    slot *tail;               /* being filled, or NULL */
    int in_member;            /* a member was started and not ended */
    ts_buf next_dict;         /* what the next block of the member primes with */
    packer here;              /* compresses when there are no workers */
    /* the member being written, in file order */
    unsigned long member_crc;
    unsigned long member_len; /* modulo 2^32, as gzip keeps it */
    /* workers */
    pthread_t tid[MAX_THREADS];
    packer z[MAX_THREADS];
    unsigned z_ready;         /* packers initialised */
    unsigned started;         /* threads running */
};

static int packer_init(packer *pk, int level)
{
    memset(pk, 0, sizeof *pk);
    pk->level = level;
    if (level == TS_GZ_FAST) {
        pk->tables = ts_calloc(1, sizeof *pk->tables);
        pk->ready = pk->tables != NULL;
        return pk->ready ? 0 : -1;
    }
    z_stream *z = &pk->z;
    z->zalloc = ts_zalloc;
    z->zfree = ts_zfree;
    /* windowBits -15: raw deflate, the gzip wrapping is written here */
    pk->ready = deflateInit2(z, level, Z_DEFLATED, -15, MEM_LEVEL,
                             Z_DEFAULT_STRATEGY) == Z_OK;
    return pk->ready ? 0 : -1;
}

static void packer_end(packer *pk)
{
    if (!pk->ready) return;
    if (pk->tables) ts_free(pk->tables);
    else deflateEnd(&pk->z);
    pk->ready = 0;
}

static void fail_locked(ts_gz_members *g, ts_status st, int err)
{
    if (g->status != TS_OK) return;
    g->status = st;
    atomic_store_explicit(&g->failed, 1, memory_order_release);
    g->err = err;
}

/* ----------------------------------------------------------- compressing */

static int reserve_out(slot *s, size_t extra)
{
    if (s->out_cap - s->out_len >= extra) return 0;
    size_t cap = s->out_cap ? s->out_cap : 4096;
    while (cap - s->out_len < extra) cap *= 2;
    unsigned char *p = ts_realloc(s->out, cap);
    if (!p) return -1;
    s->out = p;
    s->out_cap = cap;
    return 0;
}

/* Appends the deflate blocks of one piece's data to s->out, primed with
 * dict (which fast_deflate has no use for: its matches stay within the
 * block). */
static ts_status deflate_piece(slot *s, const piece *pc, const Bytef *data,
                               const ts_buf *dict, packer *pk)
{
    if (pk->tables) {
        if (reserve_out(s, ts_fast_deflate_bound(pc->len))) return TS_ENOMEM;
        s->out_len += ts_fast_deflate(pk->tables, data, pc->len, pc->last,
                                      s->out + s->out_len);
        return TS_OK;
    }
    z_stream *z = &pk->z;
    if (deflateReset(z) != Z_OK ||
        (dict->len && deflateSetDictionary(z, (const Bytef *)dict->data,
                                           (uInt)dict->len) != Z_OK))
        return TS_EIO;
    int flush = pc->last ? Z_FINISH : Z_SYNC_FLUSH;
    z->next_in = (Bytef *)data;
    z->avail_in = (uInt)pc->len;
    for (;;) {
        if (reserve_out(s, deflateBound(z, z->avail_in) + 64)) return TS_ENOMEM;
        z->next_out = s->out + s->out_len;
        z->avail_out = (uInt)(s->out_cap - s->out_len);
        int zr = deflate(z, flush);
        s->out_len = s->out_cap - z->avail_out;
        if (zr == Z_STREAM_ERROR) return TS_EIO;
        if (flush == Z_FINISH ? zr == Z_STREAM_END : z->avail_out != 0) break;
    }
    return TS_OK;
}

#define GZ_HEADER 10
#define GZ_TRAILER 8

/* Compresses one piece with pk (the caller's or a worker's).  The
 * member's gzip header goes before its first piece, and room for its
 * trailer after its last, filled in when the slot is written (only then
 * is the CRC of the whole member known): a slot goes to the file in one
 * write, not three a member - a report holds a member per section, and
 * the system calls cost more than compressing a short one. */
static ts_status compress_piece(slot *s, piece *pc, const ts_buf *dict,
                                packer *pk)
{
    const Bytef *data = (const Bytef *)s->in.data + pc->off;
    pc->crc = crc32(0L, data, (uInt)pc->len);
    if (pc->first) {
        if (reserve_out(s, GZ_HEADER)) return TS_ENOMEM;
        /* magic, deflate, no flags, no time, XFL as gzip sets it, Unix */
        const unsigned char h[GZ_HEADER] = {
            0x1f, 0x8b, 8, 0, 0, 0, 0, 0,
            pk->level == 1 ? 4 : pk->level == 9 ? 2 : 0, 3};
        memcpy(s->out + s->out_len, h, sizeof h);
        s->out_len += sizeof h;
    }
    pc->out_off = s->out_len;
    ts_status st = deflate_piece(s, pc, data, dict, pk);
    pc->out_len = s->out_len - pc->out_off;
    if (st == TS_OK && pc->last) {
        if (reserve_out(s, GZ_TRAILER)) return TS_ENOMEM;
        s->out_len += GZ_TRAILER;
    }
    return st;
}

/* Compresses the pieces of s from the k-th on; only the first piece of a
 * slot can continue a member. */
static void compress_pieces(slot *s, size_t k, packer *z)
{
    static const ts_buf none = TS_BUF_INIT;
    for (; k < s->n_pieces && s->failed == TS_OK; k++)
        s->failed = compress_piece(s, &s->pieces[k], k ? &none : &s->dict, z);
}

/* -------------------------------------------------------------- writing */

static int write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

static void put_le32(unsigned char *p, unsigned long v)
{
    for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i));
}

/* Writes a slot's compressed pieces, filling in the trailer of each
 * member that ends in it.  Returns 0 or an errno. */
static int write_slot(ts_gz_members *g, slot *s)
{
    for (size_t k = 0; k < s->n_pieces; k++) {
        const piece *pc = &s->pieces[k];
        if (pc->first) {
            g->member_crc = pc->crc;
            g->member_len = pc->len & 0xffffffffUL;
        } else {
            g->member_crc = crc32_combine(g->member_crc, pc->crc, (z_off_t)pc->len);
            g->member_len = (g->member_len + pc->len) & 0xffffffffUL;
        }
        if (pc->last) {
            unsigned char *t = s->out + pc->out_off + pc->out_len;
            put_le32(t, g->member_crc);
            put_le32(t + 4, g->member_len);
        }
    }
    return write_all(g->fd, s->out, s->out_len);
}

/* Writes and frees the oldest slots while they are done.  Called with the
 * mutex held; drops it around each write. */
static void drain_locked(ts_gz_members *g)
{
    while (!g->writing && g->used && g->slots[g->head].state == DONE) {
        slot *s = &g->slots[g->head];
        int e = 0;
        if (s->failed != TS_OK) fail_locked(g, s->failed, 0);
        if (g->status == TS_OK) {
            g->writing = 1;
            pthread_mutex_unlock(&g->mu);
            e = write_slot(g, s);
            pthread_mutex_lock(&g->mu);
            g->writing = 0;
            if (e) fail_locked(g, TS_EIO, e);
        }
        s->state = FREE;
        ts_buf_clear(&s->in);
        ts_buf_clear(&s->dict);
        s->n_pieces = 0;
        s->out_len = 0;
        g->head = (g->head + 1) % g->n_slots;
        g->used--;
        pthread_cond_broadcast(&g->done);
    }
}

/* -------------------------------------------------------------- workers */

typedef struct worker_arg {
    ts_gz_members *g;
    unsigned k;
} worker_arg;

/* The oldest queued slot, or NULL. */
static slot *next_queued(ts_gz_members *g)
{
    for (size_t i = 0; i < g->used; i++) {
        slot *s = &g->slots[(g->head + i) % g->n_slots];
        if (s->state == QUEUED) return s;
    }
    return NULL;
}

static void *worker(void *p)
{
    ts_gz_members *g = ((worker_arg *)p)->g;
    packer *z = &g->z[((worker_arg *)p)->k];
    ts_free(p);
    pthread_mutex_lock(&g->mu);
    for (;;) {
        slot *s = next_queued(g);
        if (!s) {
            if (g->stopping) break;
            pthread_cond_wait(&g->work, &g->mu);
            continue;
        }
        s->state = BUSY;
        pthread_mutex_unlock(&g->mu);
        compress_pieces(s, 0, z);
        pthread_mutex_lock(&g->mu);
        s->state = DONE;
        drain_locked(g);
    }
    pthread_mutex_unlock(&g->mu);
    return NULL;
}

static void start_workers(ts_gz_members *g, unsigned threads)
{
    if (threads > MAX_THREADS) threads = MAX_THREADS;
    for (unsigned k = 0; k < threads; k++) {
        if (packer_init(&g->z[k], g->level)) break;
        g->z_ready++;
        worker_arg *a = ts_malloc(sizeof *a);
        if (!a) break;
        a->g = g;
        a->k = k;
        if (pthread_create(&g->tid[k], NULL, worker, a) != 0) {
            ts_free(a);
            break;
        }
        g->started++;
    }
}

/* ------------------------------------------------------------ the caller */

ts_gz_members *ts_gz_members_new(int fd, int level, unsigned threads)
{
    ts_gz_members *g = ts_calloc(1, sizeof *g);
    if (!g) return NULL;
    g->fd = fd;
    g->level = level < 1 || level > 9 ? 6 : level;
    unsigned workers = threads > 1 ? threads : 0;
    if (workers > MAX_THREADS) workers = MAX_THREADS;
    g->n_slots = 1 + (size_t)workers * SLOTS_PER_THREAD;
    g->slots = ts_calloc(g->n_slots, sizeof *g->slots);
    if (!g->slots || packer_init(&g->here, g->level)) {
        packer_end(&g->here);
        ts_free(g->slots);
        ts_free(g);
        return NULL;
    }
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->work, NULL);
    pthread_cond_init(&g->done, NULL);
    /* With no worker started (threads 0 or 1, or none could be), blocks
     * are compressed on the caller's thread as they are queued. */
    start_workers(g, workers);
    return g;
}

static void fail(ts_gz_members *g, ts_status st)
{
    pthread_mutex_lock(&g->mu);
    fail_locked(g, st, 0);
    pthread_mutex_unlock(&g->mu);
}

/* A free slot at the tail to fill, waiting for the oldest to be written
 * if every slot is taken.  It takes over the dictionary the block before
 * left, if the member goes on. */
static slot *take_tail(ts_gz_members *g)
{
    pthread_mutex_lock(&g->mu);
    while (g->used == g->n_slots) {
        drain_locked(g);
        if (g->used == g->n_slots) pthread_cond_wait(&g->done, &g->mu);
    }
    slot *s = &g->slots[(g->head + g->used) % g->n_slots];
    g->used++;
    s->state = FILLING;
    pthread_mutex_unlock(&g->mu);
    s->failed = TS_OK;
    s->open = 0;
    ts_buf t = s->dict;
    s->dict = g->next_dict;
    g->next_dict = t;
    ts_buf_clear(&g->next_dict);
    return s;
}

/* Hands the tail slot over: to a worker, or (without workers) done, its
 * pieces compressed as they ended. */
static void queue_tail(ts_gz_members *g)
{
    slot *s = g->tail;
    g->tail = NULL;
    pthread_mutex_lock(&g->mu);
    int queued = g->started && s->failed == TS_OK;
    s->state = queued ? QUEUED : DONE;
    /* With workers, they write what they finish: the caller's thread
     * keeps to producing data rather than waiting on the file. */
    if (!queued) drain_locked(g);
    pthread_mutex_unlock(&g->mu);
    if (queued) pthread_cond_signal(&g->work);
}

/* Starts a piece at the end of the tail slot, taking a slot if needed. */
static piece *open_piece(ts_gz_members *g)
{
    if (!g->tail) g->tail = take_tail(g);
    slot *s = g->tail;
    if (s->n_pieces == s->pieces_cap) {
        size_t cap = s->pieces_cap ? 2 * s->pieces_cap : 16;
        piece *p = ts_realloc(s->pieces, cap * sizeof *p);
        if (!p) return NULL;
        s->pieces = p;
        s->pieces_cap = cap;
    }
    piece *pc = &s->pieces[s->n_pieces++];
    memset(pc, 0, sizeof *pc);
    pc->off = s->in.len;
    pc->first = !g->in_member;
    g->in_member = 1;
    s->open = 1;
    return pc;
}

/* Ends the open piece: the member's last block, or a full block with
 * more of the member to come, which sends the slot off. */
static void close_piece(ts_gz_members *g, int last)
{
    slot *s = g->tail;
    piece *pc = &s->pieces[s->n_pieces - 1];
    s->open = 0;
    pc->last = last;
    if (last) {
        g->in_member = 0;
    } else if (g->level != TS_GZ_FAST) {
        /* what the member's next block primes with */
        size_t n = pc->len < WINDOW ? pc->len : WINDOW;
        if (ts_buf_append(&g->next_dict, s->in.data + pc->off + pc->len - n, n))
            s->failed = TS_ENOMEM;
    }
    if (!g->started && s->failed == TS_OK)
        compress_pieces(s, s->n_pieces - 1, &g->here);
    if (!last || !g->started || s->in.len >= TS_GZ_BLOCK) queue_tail(g);
}

ts_status ts_gz_members_write(ts_gz_members *g, const void *data, size_t n)
{
    const char *p = data;
    while (n && ts_gz_members_status(g, NULL) == TS_OK) {
        if (!g->tail || !g->tail->open) {
            if (!open_piece(g)) {
                fail(g, TS_ENOMEM);
                break;
            }
        }
        slot *s = g->tail;
        piece *pc = &s->pieces[s->n_pieces - 1];
        size_t room = TS_GZ_BLOCK - pc->len;
        size_t k = n < room ? n : room;
        if (ts_buf_append(&s->in, p, k)) {
            fail(g, TS_ENOMEM);
            break;
        }
        pc->len += k;
        p += k;
        n -= k;
        /* a full block ends once more data shows it is not the last */
        if (n && pc->len == TS_GZ_BLOCK) close_piece(g, 0);
    }
    return ts_gz_members_status(g, NULL);
}

char *ts_gz_members_room(ts_gz_members *g, size_t n)
{
    if (ts_gz_members_status(g, NULL) != TS_OK) return NULL;
    if ((!g->tail || !g->tail->open) && !open_piece(g)) {
        fail(g, TS_ENOMEM);
        return NULL;
    }
    slot *s = g->tail;
    const piece *pc = &s->pieces[s->n_pieces - 1];
    if (TS_GZ_BLOCK - pc->len < n) return NULL;
    if (ts_buf_reserve(&s->in, n)) {
        fail(g, TS_ENOMEM);
        return NULL;
    }
    return s->in.data + s->in.len;
}

void ts_gz_members_commit(ts_gz_members *g, size_t n)
{
    slot *s = g->tail;
    s->in.len += n;
    s->in.data[s->in.len] = '\0';
    s->pieces[s->n_pieces - 1].len += n;
}

ts_status ts_gz_members_end(ts_gz_members *g)
{
    if (g->in_member && (!g->tail || !g->tail->open) && !open_piece(g))
        fail(g, TS_ENOMEM);
    else if (g->in_member)
        close_piece(g, 1);
    return ts_gz_members_status(g, NULL);
}

ts_status ts_gz_members_wait(ts_gz_members *g)
{
    /* ended members gathered in the tail go now; a piece still open stays */
    if (g->tail && !g->tail->open) queue_tail(g);
    pthread_mutex_lock(&g->mu);
    for (;;) {
        drain_locked(g);
        if (g->used == (g->tail ? 1u : 0u)) break;
        pthread_cond_wait(&g->done, &g->mu);
    }
    pthread_mutex_unlock(&g->mu);
    return ts_gz_members_status(g, NULL);
}

ts_status ts_gz_members_status(ts_gz_members *g, int *err)
{
    if (!atomic_load_explicit(&g->failed, memory_order_acquire)) {
        if (err) *err = 0;
        return TS_OK;
    }
    pthread_mutex_lock(&g->mu);
    ts_status st = g->status;
    if (err) *err = g->err;
    pthread_mutex_unlock(&g->mu);
    return st;
}

void ts_gz_members_free(ts_gz_members *g)
{
    if (!g) return;
    pthread_mutex_lock(&g->mu);
    g->stopping = 1;
    pthread_cond_broadcast(&g->work);
    pthread_mutex_unlock(&g->mu);
    for (unsigned k = 0; k < g->started; k++) pthread_join(g->tid[k], NULL);
    for (unsigned k = 0; k < g->z_ready; k++) packer_end(&g->z[k]);
    packer_end(&g->here);
    for (size_t i = 0; i < g->n_slots; i++) {
        ts_buf_free(&g->slots[i].in);
        ts_buf_free(&g->slots[i].dict);
        ts_free(g->slots[i].pieces);
        ts_free(g->slots[i].out);
    }
    ts_buf_free(&g->next_dict);
    pthread_mutex_destroy(&g->mu);
    pthread_cond_destroy(&g->work);
    pthread_cond_destroy(&g->done);
    ts_free(g->slots);
    ts_free(g);
}
