/* test_arena.c - the lexicon's bump allocator: alignment, zeroing, blocks
 * of their own for big requests, and the reserved region (huge pages on
 * Linux) that blocks come from first, spilling into ts_malloc when it is
 * full, and that a caller's own allocator switches off. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "lexicon_impl.h"
#include "tonescope.h"

#define MIB ((size_t)1 << 20)

/* Carves n pieces of `size` bytes, each filled with its own number, and
 * checks afterwards that none was overwritten by a later one. */
static void carve_and_check(ts_arena *a, size_t n, size_t size)
{
    unsigned char **p = calloc(n, sizeof *p);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++) {
        p[i] = ts_arena_calloc(a, size);
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % _Alignof(max_align_t), 0);
        for (size_t k = 0; k < size; k++) assert_int_equal(p[i][k], 0);
        memset(p[i], (int)(i & 0xff), size);
    }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < size; k += 7)
            assert_int_equal(p[i][k], (unsigned char)(i & 0xff));
    free(p);
}

static void test_plain(void **state)
{
    (void)state;
    ts_arena a = TS_ARENA_INIT;
    carve_and_check(&a, 5000, 40);
    /* bigger than a block: a block of its own, the current one kept */
    carve_and_check(&a, 3, 200000);
    char *s = ts_arena_strndup(&a, "failure is data", 7);
    assert_string_equal(s, "failure");
    assert_null(a.region);
    ts_arena_free(&a);
    assert_null(a.blocks);
    /* usable again after a free */
    carve_and_check(&a, 10, 100);
    ts_arena_free(&a);
}

static int in(const ts_arena *a, const void *p)
{
    const char *c = p;
    return c >= a->region && c < a->region + a->region_len;
}

static void test_region(void **state)
{
    (void)state;
    ts_arena a = TS_ARENA_INIT;
    /* small arenas get no region: a huge page would be mostly waste */
    ts_arena_reserve(&a, 100000);
    assert_null(a.region);
    ts_arena_reserve(&a, 3 * MIB / 2);
#if defined(__linux__)
    assert_non_null(a.region);
    assert_int_equal(a.region_len, 2 * MIB);
    assert_int_equal((uintptr_t)a.region % (2 * MIB), 0);
    void *first = ts_arena_calloc(&a, 64);
    assert_true(in(&a, first));
    /* more than the region holds: the rest spills into ts_malloc'd blocks,
     * and every piece keeps its bytes */
    carve_and_check(&a, 60000, 48);
    void *last = ts_arena_calloc(&a, 64);
    assert_false(in(&a, last));
    assert_true(a.region_used <= a.region_len);
    assert_true(a.region_used > a.region_len - 70000);
    /* a second reserve changes nothing */
    char *region = a.region;
    ts_arena_reserve(&a, 4 * MIB);
    assert_ptr_equal(a.region, region);
#endif
    ts_arena_free(&a);
    assert_null(a.region);
    assert_int_equal(a.region_len, 0);
    /* rounded to the nearest number of huge pages, at least one */
    ts_arena_reserve(&a, 5 * MIB / 2 - 1);
#if defined(__linux__)
    assert_int_equal(a.region_len, 2 * MIB);
#endif
    ts_arena_free(&a);
    /* only an empty arena takes a region */
    assert_non_null(ts_arena_calloc(&a, 8));
    ts_arena_reserve(&a, 2 * MIB);
    assert_null(a.region);
    ts_arena_free(&a);
}

/* A caller's allocator sees every block: no region then. */
static size_t counted;

static void *count_alloc(size_t size, void *ud)
{
    (void)ud;
    counted++;
    return malloc(size);
}

static void *count_resize(void *p, size_t size, void *ud)
{
    (void)ud;
    return realloc(p, size);
}

static void count_release(void *p, void *ud)
{
    (void)ud;
    free(p);
}

static void test_own_allocator_sees_every_block(void **state)
{
    (void)state;
    ts_allocator mine = {count_alloc, count_resize, count_release, NULL};
    ts_set_allocator(&mine);
    assert_false(ts_alloc_is_default());
    counted = 0;
    ts_arena a = TS_ARENA_INIT;
    ts_arena_reserve(&a, 2 * MIB);
    assert_null(a.region);
    carve_and_check(&a, 1000, 64);
    assert_true(counted >= 1);
    ts_arena_free(&a);
    ts_set_allocator(NULL);
    assert_true(ts_alloc_is_default());
}

/* The builtin lexicon, loaded in its region, is the one loaded without
 * (the same entries, the same lookups): the region changes where the
 * nodes live, nothing else. */
static int count_entry(void *ctx, const ts_entry *e)
{
    (void)e;
    ++*(size_t *)ctx;
    return 0;
}

static void test_builtin_lexicon_either_way(void **state)
{
    (void)state;
    ts_error err;
    ts_lexicon *in_region = ts_lexicon_new_builtin(&err);
    assert_non_null(in_region);
    ts_allocator mine = {count_alloc, count_resize, count_release, NULL};
    ts_set_allocator(&mine);
    ts_lexicon *plain = ts_lexicon_new_builtin(&err);
    ts_set_allocator(NULL);
    assert_non_null(plain);
#if defined(__linux__)
    assert_non_null(in_region->arena.region);
#endif
    assert_null(plain->arena.region);
    size_t n1 = 0, n2 = 0;
    assert_int_equal(ts_lexicon_foreach(in_region, count_entry, &n1), TS_OK);
    assert_int_equal(ts_lexicon_foreach(plain, count_entry, &n2), TS_OK);
    assert_true(n1 > 5000);
    assert_int_equal(n1, n2);
    static const char *const words[] = {"failure", "learning", "hopeless",
                                        "not yet", "never", "feedback"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        char s1[256], s2[256];
        size_t c1 = 0, c2 = 0;
        assert_int_equal(ts_lexicon_explain(in_region, words[i], s1, sizeof s1,
                                            count_entry, &c1), TS_OK);
        assert_int_equal(ts_lexicon_explain(plain, words[i], s2, sizeof s2,
                                            count_entry, &c2), TS_OK);
        assert_string_equal(s1, s2);
        assert_int_equal(c1, c2);
        assert_true(c1 > 0);
    }
    ts_set_allocator(&mine);
    ts_lexicon_free(plain);
    ts_set_allocator(NULL);
    ts_lexicon_free(in_region);
}

/* A lexicon kept to the end of the program, as a server keeps one: the
 * tables malloc'd for it are reachable only through its nodes in the
 * region, and LeakSanitizer (the ASan run of this test) reports them lost
 * unless the region is registered with it as a root. */
static ts_lexicon *volatile kept_to_exit;   /* volatile: a store to a
                                               static never read back may
                                               be dropped by the optimiser */

static void test_lexicon_kept_to_exit(void **state)
{
    (void)state;
    ts_error err;
    kept_to_exit = ts_lexicon_new_builtin(&err);
    assert_non_null(kept_to_exit);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_region),
        cmocka_unit_test(test_own_allocator_sees_every_block),
        cmocka_unit_test(test_builtin_lexicon_either_way),
        cmocka_unit_test(test_lexicon_kept_to_exit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
