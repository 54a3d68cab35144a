/* test_tally.c - term counts and the deterministic order of top terms. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tally.h"
#include "tonescope.h"

/* Terms are identified by pointer (the lexicon's entry strings), so the
 * test keeps one string per term. */
static const char t_learn[] = "learn";
static const char t_grow[] = "grow";
static const char t_effort[] = "effort";
static const char t_apple[] = "apple";
static const char t_fail[] = "failure";
static const char t_fear[] = "fear";

static ts_hit hit(const char *term, ts_dimension dim, double w)
{
    ts_hit h;
    memset(&h, 0, sizeof h);
    h.term = term;
    h.category = dim == TS_GROWTH ? "learning" : "setback";
    h.entry_dim = dim;
    h.dim = dim;
    h.weight = w;
    return h;
}

static void test_counts(void **state)
{
    (void)state;
    ts_tally t;
    memset(&t, 0, sizeof t);
    ts_hit a = hit(t_learn, TS_GROWTH, 1.5);
    ts_hit b = hit(t_learn, TS_GROWTH, 2.0);
    ts_hit c = hit(t_learn, TS_NEGATIVITY, 1.11);   /* negated: its own row */
    ts_hit d = hit(t_fail, TS_NEGATIVITY, 2.0);
    assert_int_equal(ts_tally_add(&t, &a), 0);
    assert_int_equal(ts_tally_add(&t, &b), 0);
    assert_int_equal(ts_tally_add(&t, &c), 0);
    assert_int_equal(ts_tally_add(&t, &d), 0);
    assert_int_equal(ts_tally_top(&t, TS_TOP_TERMS), 0);
    assert_int_equal(t.n_top, 3);
    assert_ptr_equal(t.top[0].term, t_learn);
    assert_int_equal(t.top[0].dim, TS_GROWTH);
    assert_int_equal(t.top[0].count, 2);
    assert_true(fabs(t.top[0].weight - 3.5) < 1e-12);
    assert_string_equal(t.top[0].category, "learning");
    /* negativity: failure (2.0) before the negated learn (1.11) */
    assert_ptr_equal(t.top[1].term, t_fail);
    assert_int_equal(t.top[1].count, 1);
    assert_ptr_equal(t.top[2].term, t_learn);
    assert_int_equal(t.top[2].dim, TS_NEGATIVITY);
    ts_tally_clear(&t);
    assert_null(t.items);
    assert_null(t.top);
    assert_int_equal(t.n_top, 0);
    /* empty */
    assert_int_equal(ts_tally_top(&t, TS_TOP_TERMS), 0);
    assert_int_equal(t.n_top, 0);
    ts_tally_clear(&t);
}

/* Builds a tally adding hits in the given order and returns a signature
 * of its top terms. */
static void top_signature(const ts_hit *hits, const size_t *order, size_t n,
                          size_t per_dim, char *out, size_t size)
{
    ts_tally t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ts_tally_add(&t, &hits[order[i]]), 0);
    assert_int_equal(ts_tally_top(&t, per_dim), 0);
    out[0] = '\0';
    for (size_t i = 0; i < t.n_top; i++) {
        size_t len = strlen(out);
        snprintf(out + len, size - len, "%s/%s/%zu/%.3f ", t.top[i].term,
                 ts_dimension_name(t.top[i].dim), t.top[i].count,
                 t.top[i].weight);
    }
    ts_tally_clear(&t);
}

static void test_order_deterministic(void **state)
{
    (void)state;
    /* ties: grow and effort both 3.0 in total; grow has 2 hits, effort
     * 1; apple and learn tie on weight and count: by term */
    const ts_hit hits[] = {
        hit(t_grow, TS_GROWTH, 1.5),   hit(t_grow, TS_GROWTH, 1.5),
        hit(t_effort, TS_GROWTH, 3.0), hit(t_learn, TS_GROWTH, 1.0),
        hit(t_apple, TS_GROWTH, 1.0),  hit(t_fail, TS_NEGATIVITY, 0.5),
        hit(t_fear, TS_NEGATIVITY, 2.5),
    };
    size_t n = sizeof hits / sizeof *hits;
    const size_t forward[] = {0, 1, 2, 3, 4, 5, 6};
    const size_t backward[] = {6, 5, 4, 3, 2, 1, 0};
    const size_t mixed[] = {3, 6, 0, 4, 2, 5, 1};
    char a[512], b[512], c[512];
    top_signature(hits, forward, n, TS_TOP_TERMS, a, sizeof a);
    top_signature(hits, backward, n, TS_TOP_TERMS, b, sizeof b);
    top_signature(hits, mixed, n, TS_TOP_TERMS, c, sizeof c);
    assert_string_equal(a, "grow/growth/2/3.000 effort/growth/1/3.000 "
                           "apple/growth/1/1.000 learn/growth/1/1.000 "
                           "fear/negativity/1/2.500 failure/negativity/1/0.500 ");
    assert_string_equal(a, b);
    assert_string_equal(a, c);
    /* a limit per dimension */
    top_signature(hits, mixed, n, 2, a, sizeof a);
    assert_string_equal(a, "grow/growth/2/3.000 effort/growth/1/3.000 "
                           "fear/negativity/1/2.500 failure/negativity/1/0.500 ");
    top_signature(hits, mixed, n, 1, a, sizeof a);
    assert_string_equal(a, "grow/growth/2/3.000 fear/negativity/1/2.500 ");
    /* only negativity terms */
    const size_t neg[] = {5, 6};
    top_signature(hits, neg, 2, 1, a, sizeof a);
    assert_string_equal(a, "fear/negativity/1/2.500 ");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_order_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
