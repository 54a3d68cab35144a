/* gz_members.h - a gzip file of several members, compressed on threads.
 *
 * Compressing is most of what writing a report costs: the report holds
 * about six bytes of JSON per byte of text, and zlib's fastest level takes
 * that at 150-200 MB/s on one core.  So the data of a member is cut into
 * blocks of TS_GZ_BLOCK bytes, and each block is compressed on its own,
 * on whichever thread is free, the way pigz does it:
 *
 *   - as raw deflate, primed with the last 32 KiB of the block before it
 *     in the same member (so matches reach back as far as in one stream);
 *   - ended on a byte boundary with a sync flush, the member's last block
 *     with deflate's final bit instead;
 *   - laid end to end in order, the blocks are one deflate stream; the
 *     member's gzip header and trailer are written around them, its CRC
 *     combined from the blocks' CRCs.
 *
 * A block's bytes depend only on its data, the dictionary and the level,
 * so the file is the same for any number of threads.  Blocks are written
 * to the file in order as soon as they are compressed (a finished member
 * reaches the file without waiting for the next one), by whichever thread
 * finished the oldest; at most a few blocks per thread are in flight, so
 * memory stays flat.  Only one thread (the caller's) may call these
 * functions. */
#ifndef TS_GZ_MEMBERS_H
#define TS_GZ_MEMBERS_H

#include <stddef.h>

#include "tonescope.h"

/* Bytes of member data compressed as one block: enough that priming and
 * the sync flush cost nothing (a flush adds five bytes), small enough that
 * a section of a few pages is a single block. */
#define TS_GZ_BLOCK ((size_t)128 * 1024)

typedef struct ts_gz_members ts_gz_members;

/* The level compressed by fast_deflate.h (the fastest, and the default
 * of the tool); levels 2-9 are zlib's. */
#define TS_GZ_FAST 1

/* Writes to fd (left open).  level: 1-9, as above.  threads: workers to
 * compress on; 0 or 1 compresses on the caller's thread.  NULL when out of
 * memory. */
ts_gz_members *ts_gz_members_new(int fd, int level, unsigned threads);

/* Appends data to the current member, starting one if none is open. */
ts_status ts_gz_members_write(ts_gz_members *g, const void *data, size_t n);

/* Room to write up to n bytes of the current member in place (one is
 * started if none is open), when its open block has that much left: the
 * caller writes them there, then calls ts_gz_members_commit() with how
 * many it wrote, before any other call.  NULL when the block has less
 * room, or on failure (ts_gz_members_status says which): then the bytes
 * go through ts_gz_members_write().  It spares a caller that assembles
 * records from pieces a copy of each. */
char *ts_gz_members_room(ts_gz_members *g, size_t n);
void ts_gz_members_commit(ts_gz_members *g, size_t n);

/* Ends the current member; nothing if none is open. */
ts_status ts_gz_members_end(ts_gz_members *g);

/* Waits until every block queued so far is in the file. */
ts_status ts_gz_members_wait(ts_gz_members *g);

/* TS_OK, or the first failure: TS_ENOMEM, or TS_EIO from a write (its
 * errno in *err) or from zlib (*err is 0). */
ts_status ts_gz_members_status(ts_gz_members *g, int *err);

/* Stops the workers and frees; a member left open is not finished. */
void ts_gz_members_free(ts_gz_members *g);

#endif
