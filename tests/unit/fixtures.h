/* fixtures.h - what several unit tests set up the same way. */
#ifndef TS_TEST_FIXTURES_H
#define TS_TEST_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>

#include "tonescope.h"

/* Makes a fresh directory TAG.XXXXXX under $TMPDIR (or /tmp), its path in
 * buf.  Returns 0, or -1 if it could not be made. */
static inline int fixture_tmpdir(char *buf, size_t size, const char *tag)
{
    const char *base = getenv("TMPDIR");
    snprintf(buf, size, "%s/%s.XXXXXX", base && *base ? base : "/tmp", tag);
    return mkdtemp(buf) ? 0 : -1;
}

/* The builtin lexicon into *out, for a group's setup: 0 or -1. */
static inline int fixture_builtin(ts_lexicon **out)
{
    *out = ts_lexicon_new_builtin(NULL);
    return *out ? 0 : -1;
}

/* Declares `static ts_lexicon *NAME` and a group setup and teardown that
 * load the builtin lexicon into it and free it (cmocka's setup/teardown
 * signatures, named setup and teardown). */
#define FIXTURE_BUILTIN_LEXICON_GROUP(NAME)                                  \
    static ts_lexicon *NAME;                                                 \
    static int setup(void **state)                                           \
    {                                                                        \
        (void)state;                                                         \
        return fixture_builtin(&NAME);                                       \
    }                                                                        \
    static int teardown(void **state)                                        \
    {                                                                        \
        (void)state;                                                         \
        ts_lexicon_free(NAME);                                               \
        return 0;                                                            \
    }

#endif
