/* test_stem_memo.c - the word memo: one record per distinct word, trimmed
 * at its capacity, and lookups that agree with the lexicon. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libstemmer.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "scorer.h"
#include "stem_memo.h"
#include "tokenizer.h"
#include "tonescope.h"
#include "fixtures.h"

FIXTURE_BUILTIN_LEXICON_GROUP(lex)

static const ts_word_info *look(ts_memo *m, const char *w)
{
    const ts_word_info *i = ts_memo_lookup(m, w, strlen(w));
    assert_non_null(i);
    return i;
}

static void test_one_record_per_word(void **state)
{
    (void)state;
    ts_memo *m = ts_memo_new(lex, 0);
    assert_non_null(m);
    assert_int_equal(ts_memo_size(m), 0);
    const ts_word_info *a = look(m, "failures");
    assert_string_equal(a->word, "failures");
    assert_string_equal(a->stem, "failur");
    assert_int_equal(ts_memo_size(m), 1);
    /* the same word again: the same record, nothing new */
    assert_ptr_equal(look(m, "failures"), a);
    assert_int_equal(ts_memo_size(m), 1);
    /* another word with the same stem is another record */
    const ts_word_info *b = look(m, "failure");
    assert_ptr_not_equal(a, b);
    assert_string_equal(b->stem, a->stem);
    assert_ptr_equal(b->entry, a->entry);
    assert_int_equal(ts_memo_size(m), 2);
    /* the key is the given bytes only */
    const ts_word_info *c = ts_memo_lookup(m, "failuresXYZ", 8);
    assert_ptr_equal(c, a);
    assert_int_equal(ts_memo_size(m), 2);

    static const char *const words[] = {"we", "learn", "we", "grow", "learn",
                                        "learning", "we", "grow", "the"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) look(m, words[i]);
    assert_int_equal(ts_memo_size(m), 2 + 5);
    ts_memo_free(m);
    ts_memo_free(NULL);
}

static void test_scorer_uses_memo(void **state)
{
    (void)state;
    ts_memo *m = ts_memo_new(lex, 0);
    ts_scorer *s = ts_scorer_new(lex, m);
    assert_non_null(s);
    ts_sentence out;
    static const char text[] = "Learn, learn, LEARN and learn again.";
    assert_int_equal(ts_scorer_score(s, text, sizeof text - 1, &out), 0);
    /* folded: learn, and, again */
    assert_int_equal(ts_memo_size(m), 3);
    assert_int_equal(ts_scorer_score(s, text, sizeof text - 1, &out), 0);
    assert_int_equal(ts_memo_size(m), 3);
    ts_scorer_free(s);
    ts_memo_free(m);
}

static void test_capacity_trim(void **state)
{
    (void)state;
    ts_memo *m = ts_memo_new(lex, 3);
    look(m, "one");
    look(m, "two");
    ts_memo_trim(m);   /* below capacity: kept */
    assert_int_equal(ts_memo_size(m), 2);
    look(m, "three");
    look(m, "four");   /* within a sentence it may grow past the cap */
    assert_int_equal(ts_memo_size(m), 4);
    ts_memo_trim(m);
    assert_int_equal(ts_memo_size(m), 0);
    const ts_word_info *w = look(m, "learning");
    assert_string_equal(w->stem, "learn");
    assert_int_equal(ts_memo_size(m), 1);

    /* through the scorer, memory stays bounded over many sentences */
    ts_scorer *s = ts_scorer_new(lex, m);
    char text[64];
    ts_sentence out;
    for (int i = 0; i < 50; i++) {
        int n = snprintf(text, sizeof text, "Word%da word%db word%dc.", i, i, i);
        assert_int_equal(ts_scorer_score(s, text, (size_t)n, &out), 0);
        assert_true(ts_memo_size(m) <= 3 + 3);
    }
    ts_scorer_free(s);
    ts_memo_free(m);
}

/* Every single-word entry of the builtin lexicon is found by the memo from
 * its own (folded) term, with the key the lexicon computed. */
struct agree {
    ts_memo *memo;
    ts_buf fold;
    size_t words, prefixes, modifiers;
};

static int check_entry(void *ctx, const ts_entry *e)
{
    struct agree *g = ctx;
    if (e->kind == TS_ENTRY_PHRASE) return 0;
    if (e->kind == TS_ENTRY_MODIFIER && strchr(e->key, ' ')) return 0;
    ts_buf_clear(&g->fold);
    const char *term = e->term;
    size_t len = strlen(term);
    if (e->kind == TS_ENTRY_PREFIX) len--;   /* without the '*' */
    assert_int_equal(ts_fold(&g->fold, term, len), 0);
    const ts_word_info *w = ts_memo_lookup(g->memo, g->fold.data, g->fold.len);
    assert_non_null(w);
    switch (e->kind) {
    case TS_ENTRY_WORD:
        assert_string_equal(w->stem, e->key);
        assert_non_null(w->entry);
        assert_ptr_equal(w->entry->entry[e->dim], e);
        g->words++;
        break;
    case TS_ENTRY_PREFIX:
        /* the prefix itself, or a longer prefix entry of the same dim */
        assert_non_null(w->prefix[e->dim]);
        assert_true(strncmp(w->word, w->prefix[e->dim]->key,
                            strlen(w->prefix[e->dim]->key)) == 0);
        g->prefixes++;
        break;
    case TS_ENTRY_MODIFIER:
        assert_ptr_equal(w->modifier, e);
        g->modifiers++;
        break;
    case TS_ENTRY_PHRASE:
        break;
    }
    return 0;
}

static void test_lookups_match_lexicon(void **state)
{
    (void)state;
    struct agree g;
    memset(&g, 0, sizeof g);
    g.memo = ts_memo_new(lex, 0);
    assert_int_equal(ts_lexicon_foreach(lex, check_entry, &g), TS_OK);
    assert_true(g.words > 50);
    assert_true(g.modifiers > 10);
    /* phrases are found from their first word's stem */
    const ts_word_info *w = look(g.memo, "never");
    assert_non_null(w->modifier);
    assert_ptr_equal(w->phrases, ts_lexicon_phrases(lex, w->stem));
    ts_buf_free(&g.fold);
    ts_memo_free(g.memo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_record_per_word),
        cmocka_unit_test(test_scorer_uses_memo),
        cmocka_unit_test(test_capacity_trim),
        cmocka_unit_test(test_lookups_match_lexicon),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
