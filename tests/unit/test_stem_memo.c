/* test_stem_memo.c - the word memo: one record per distinct word, trimmed
 * at its capacity, and lookups that agree with the lexicon. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "scorer.h"
#include "stem_memo.h"
#include "swar.h"
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

/* A record holds what the lexicon's separate lookups give for its word
 * and stem (the memo asks the combined tables). */
static void assert_record_agrees(const ts_word_info *w)
{
    size_t slen = strlen(w->stem);
    const ts_entry *prefix[2];
    ts_lexicon_prefixes(lex, w->word, w->word_len, prefix);
    assert_ptr_equal(w->entry, ts_lexicon_word(lex, w->stem));
    assert_ptr_equal(w->phrases, ts_lexicon_phrases(lex, w->stem));
    assert_ptr_equal(w->stem_in_phrases, ts_lexicon_interned(lex, w->stem, slen));
    assert_ptr_equal(w->modifier, ts_lexicon_modifier(lex, w->word));
    assert_ptr_equal(w->mod_phrases, ts_lexicon_modifier_phrases(lex, w->word));
    assert_ptr_equal(w->word_in_phrases,
                     ts_lexicon_interned(lex, w->word, w->word_len));
    assert_ptr_equal(w->prefix[0], prefix[0]);
    assert_ptr_equal(w->prefix[1], prefix[1]);
}

/* Each word of a phrase's term, folded, looked up and checked. */
static void check_phrase_words(struct agree *g, const char *term)
{
    for (const char *p = term; *p;) {
        size_t n = strcspn(p, " ");
        ts_buf_clear(&g->fold);
        assert_int_equal(ts_fold(&g->fold, p, n), 0);
        if (g->fold.len) {
            const ts_word_info *w = ts_memo_lookup(g->memo, g->fold.data,
                                                   g->fold.len);
            assert_non_null(w);
            assert_record_agrees(w);
        }
        p += n;
        p += strspn(p, " ");
    }
}

static int check_entry(void *ctx, const ts_entry *e)
{
    struct agree *g = ctx;
    if (strchr(e->term, ' ')) check_phrase_words(g, e->term);
    if (e->kind == TS_ENTRY_PHRASE) return 0;
    if (e->kind == TS_ENTRY_MODIFIER && strchr(e->key, ' ')) return 0;
    ts_buf_clear(&g->fold);
    const char *term = e->term;
    size_t len = strlen(term);
    if (e->kind == TS_ENTRY_PREFIX) len--;   /* without the '*' */
    assert_int_equal(ts_fold(&g->fold, term, len), 0);
    const ts_word_info *w = ts_memo_lookup(g->memo, g->fold.data, g->fold.len);
    assert_non_null(w);
    assert_record_agrees(w);
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

/* The compare of the memo's lookups: equal words of 1-7, 8, 9-16 and
 * more bytes, followed by different bytes (which must not count), and
 * words that differ in one byte only, wherever it is. */
static void test_same_padded(void **state)
{
    (void)state;
    char a[48], b[48];
    for (size_t len = 1; len <= 24; len++) {
        memset(a, 0, sizeof a);
        memset(b, 0, sizeof b);
        for (size_t k = 0; k < len; k++) a[k] = b[k] = (char)('a' + k);
        /* what follows the words differs: the NUL, then anything */
        for (size_t k = len + 1; k < sizeof a; k++) {
            a[k] = 'x';
            b[k] = 'y';
        }
        assert_true(ts_same_padded(a, b, len));
        for (size_t at = 0; at < len; at++) {
            b[at] = 'Z';
            assert_false(ts_same_padded(a, b, len));
            assert_false(ts_same_padded(b, a, len));
            b[at] = a[at];
        }
        /* a prefix is the same word as far as its length goes */
        if (len > 1) assert_true(ts_same_padded(a, b, len - 1));
    }
}

/* Pairs of words of one length with the same hash (found by search), so
 * that the second meets the first in the slot where its probe starts and
 * only the compare of the bytes tells them apart: 5, 8, 12, 16 and 20
 * bytes, the longer ones differing only after byte 8 or 16. */
static const char *const same_hash[][2] = {
    {"qsqez", "fivfy"},
    {"abcjwaau", "abcsuffg"},
    {"abcdefghpeei", "abcdefghdsai"},
    {"abcdefghijkdrxfx", "abcdefghijknqwih"},
    {"abcdefghijklmnopyxmr", "abcdefghijklmnopwpxh"},
};

/* Looks up a sentence's words as the scorer does, and checks each record
 * against the word (numbers have none). */
static void look_tokens(ts_memo *m, ts_tokens *t, const char *text,
                        ts_word_info **info)
{
    assert_int_equal(ts_tokenize(t, text, strlen(text)), 0);
    assert_true(t->n <= 32);
    assert_int_equal(ts_memo_lookup_tokens(m, t, info), 0);
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].flags & TS_TOK_NUMBER) {
            assert_null(info[i]);
            continue;
        }
        assert_non_null(info[i]);
        assert_int_equal(info[i]->word_len, t->v[i].fold_len);
        assert_memory_equal(info[i]->word, ts_token_folded(t, i),
                            t->v[i].fold_len);
    }
}

static void test_lookup_tokens(void **state)
{
    (void)state;
    ts_word_info *info[32];
    ts_tokens t;
    memset(&t, 0, sizeof t);
    ts_memo *m = ts_memo_new(lex, 0);
    assert_non_null(m);
    /* 1-7, 8, 9-16 and more bytes; the same words again, found in the
     * table; a number */
    static const char words[] =
        "A learner learned 42 unbelievably understanding internationalization "
        "a learner learned unbelievably understanding internationalization";
    look_tokens(m, &t, words, info);
    assert_int_equal(t.n, 13);
    assert_null(info[3]);
    for (size_t i = 0; i < 3; i++) assert_ptr_equal(info[i], info[7 + i]);
    for (size_t i = 4; i < 7; i++) assert_ptr_equal(info[i], info[6 + i]);
    assert_int_equal(ts_memo_size(m), 6);
    /* each record is the one ts_memo_lookup() finds */
    for (size_t i = 0; i < t.n; i++)
        if (info[i])
            assert_ptr_equal(info[i], ts_memo_lookup(m, info[i]->word,
                                                     info[i]->word_len));

    /* words with the same hash: one record each, the first found again
     * past the second, which took the next slot */
    for (size_t p = 0; p < sizeof same_hash / sizeof *same_hash; p++) {
        char text[128];
        snprintf(text, sizeof text, "%s %s %s %s", same_hash[p][0],
                 same_hash[p][1], same_hash[p][0], same_hash[p][1]);
        look_tokens(m, &t, text, info);
        assert_int_equal(t.n, 4);
        assert_int_equal(t.v[0].hash, t.v[1].hash);
        assert_ptr_not_equal(info[0], info[1]);
        assert_ptr_equal(info[0], info[2]);
        assert_ptr_equal(info[1], info[3]);
    }
    ts_tokens_free(&t);
    ts_memo_free(m);
}

/* A trimmed memo forgets words: lookups
 * after it find or make the right records. */
static void test_lookup_tokens_trimmed(void **state)
{
    (void)state;
    ts_word_info *info[32];
    ts_tokens t;
    memset(&t, 0, sizeof t);
    ts_memo *m = ts_memo_new(lex, 3);
    static const char first[] = "we learned internationalization quickly";
    look_tokens(m, &t, first, info);
    assert_int_equal(ts_memo_size(m), 4);
    ts_memo_trim(m); /* over capacity: all unused since the last trim go */
    assert_int_equal(ts_memo_size(m), 0);
    look_tokens(m, &t, "learned internationalization again", info);
    assert_int_equal(ts_memo_size(m), 3);
    ts_memo_trim(m); /* full: forgets the words not seen since */
    look_tokens(m, &t, "internationalization, we learned", info);
    assert_ptr_equal(info[0], ts_memo_lookup(m, "internationalization", 20));
    for (size_t p = 0; p < sizeof same_hash / sizeof *same_hash; p++) {
        char text[128];
        ts_memo_trim(m);
        snprintf(text, sizeof text, "%s %s %s", same_hash[p][1],
                 same_hash[p][0], same_hash[p][1]);
        look_tokens(m, &t, text, info);
        assert_ptr_not_equal(info[0], info[1]);
        assert_ptr_equal(info[0], info[2]);
    }
    ts_tokens_free(&t);
    ts_memo_free(m);
}

/* A trim keeps the words met again since they were added, moved intact
 * (word, padding, stem, lexicon fields), and forgets the words met once. */
static void test_trim_keeps_words_met_again(void **state)
{
    (void)state;
    ts_memo *m = ts_memo_new(lex, 4);
    ts_memo *fresh = ts_memo_new(lex, 0);
    look(m, "learning");
    look(m, "learning");            /* met again */
    look(m, "beta");
    look(m, "gamma");
    look(m, "setbacks");
    look(m, "setbacks");            /* met again */
    assert_int_equal(ts_memo_size(m), 4);
    ts_memo_trim(m);
    assert_int_equal(ts_memo_size(m), 2);
    static const char *const kept[] = {"learning", "setbacks"};
    for (size_t i = 0; i < 2; i++) {
        const ts_word_info *w = look(m, kept[i]);
        const ts_word_info *f = look(fresh, kept[i]);
        assert_string_equal(w->word, f->word);
        assert_int_equal(w->word_len, f->word_len);
        assert_string_equal(w->stem, f->stem);
        assert_ptr_equal(w->entry, f->entry);
        assert_ptr_equal(w->alone[0], f->alone[0]);
        assert_ptr_equal(w->alone[1], f->alone[1]);
        assert_ptr_equal(w->phrases, f->phrases);
        assert_ptr_equal(w->stem_in_phrases, f->stem_in_phrases);
        /* the zeros after the word that padded compares read */
        for (size_t k = 0; k < 8; k++) assert_int_equal(w->word[w->word_len + k], 0);
    }
    assert_int_equal(ts_memo_size(m), 2);   /* found, not added again */
    look(m, "beta");                        /* forgotten: added again */
    assert_int_equal(ts_memo_size(m), 3);

    /* the kept words were met again above and stay at the next trim;
     * beta, added again, and delta were not */
    look(m, "delta");
    assert_int_equal(ts_memo_size(m), 4);
    ts_memo_trim(m);
    assert_int_equal(ts_memo_size(m), 2);
    look(m, "learning");
    look(m, "setbacks");
    assert_int_equal(ts_memo_size(m), 2);
    ts_memo_free(fresh);
    ts_memo_free(m);
}

/* When more than half the words were met again, a trim starts afresh. */
static void test_trim_starts_afresh(void **state)
{
    (void)state;
    ts_memo *m = ts_memo_new(lex, 4);
    static const char *const words[] = {"one", "one", "two", "two", "three",
                                        "three", "four"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) look(m, words[i]);
    ts_memo_trim(m);
    assert_int_equal(ts_memo_size(m), 0);
    assert_string_equal(look(m, "learning")->stem, "learn");
    ts_memo_free(m);
}

/* An allocator that passes through to the C library until armed, then
 * fails every request. */
static int fail_now;
static void *maybe_alloc(size_t size, void *ud)
{
    (void)ud;
    return fail_now ? NULL : malloc(size);
}
static void *maybe_resize(void *p, size_t size, void *ud)
{
    (void)ud;
    return fail_now ? NULL : realloc(p, size);
}
static void pass_release(void *p, void *ud)
{
    (void)ud;
    free(p);
}

/* Out of memory while moving the words a trim keeps: the memo is left
 * empty and works on once memory is back. */
static void test_trim_out_of_memory(void **state)
{
    (void)state;
    static const ts_allocator maybe = {maybe_alloc, maybe_resize, pass_release,
                                       NULL};
    ts_set_allocator(&maybe);
    ts_memo *m = ts_memo_new(lex, 4);
    static const char *const words[] = {"learning", "learning", "a", "b", "c"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) look(m, words[i]);
    fail_now = 1;
    ts_memo_trim(m);
    fail_now = 0;
    assert_int_equal(ts_memo_size(m), 0);
    assert_string_equal(look(m, "learning")->stem, "learn");
    assert_int_equal(ts_memo_size(m), 1);
    ts_memo_free(m);
    ts_set_allocator(NULL);
}

/* A word longer than a block of records gets a block of its own, and the
 * words after it still go in the block being filled. */
static void test_word_longer_than_a_block(void **state)
{
    (void)state;
    ts_memo *m = ts_memo_new(lex, 0);
    size_t n = 300 * 1024;
    char *longw = malloc(n + 1);
    assert_non_null(longw);
    memset(longw, 'q', n);
    longw[n] = '\0';
    const ts_word_info *a = look(m, "before");
    const ts_word_info *w = ts_memo_lookup(m, longw, n);
    assert_non_null(w);
    assert_int_equal(w->word_len, n);
    assert_memory_equal(w->word, longw, n);
    const ts_word_info *b = look(m, "after");
    /* "after" follows "before" in the same block */
    assert_true((const char *)b > (const char *)a &&
                (const char *)b - (const char *)a < 4096);
    assert_ptr_equal(ts_memo_lookup(m, longw, n), w);
    free(longw);
    ts_memo_free(m);
}

/* The table grows as words come: thousands of words, among them words of
 * the same hash, each found again as the record it got, through the
 * sentence lookups and the single-word ones alike. */
static void test_table_grows(void **state)
{
    (void)state;
    ts_memo *m = ts_memo_new(lex, 0);
    enum { N = 5000 };
    static const ts_word_info *first[N];
    char word[32];
    for (int i = 0; i < N; i++) {
        snprintf(word, sizeof word, "w%dq", i);
        first[i] = look(m, word);
    }
    const ts_word_info *a = look(m, same_hash[0][0]);
    const ts_word_info *b = look(m, same_hash[0][1]);
    assert_ptr_not_equal(a, b);
    assert_int_equal(ts_memo_size(m), N + 2);
    for (int i = 0; i < N; i++) {
        snprintf(word, sizeof word, "w%dq", i);
        assert_ptr_equal(look(m, word), first[i]);
    }
    ts_word_info *info[8];
    ts_tokens t;
    memset(&t, 0, sizeof t);
    look_tokens(m, &t, "w17q w4999q fivfy qsqez", info);
    assert_ptr_equal(info[0], first[17]);
    assert_ptr_equal(info[1], first[4999]);
    assert_ptr_equal(info[2], b);
    assert_ptr_equal(info[3], a);
    assert_int_equal(ts_memo_size(m), N + 2);
    ts_tokens_free(&t);
    ts_memo_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_record_per_word),
        cmocka_unit_test(test_scorer_uses_memo),
        cmocka_unit_test(test_capacity_trim),
        cmocka_unit_test(test_lookups_match_lexicon),
        cmocka_unit_test(test_same_padded),
        cmocka_unit_test(test_lookup_tokens),
        cmocka_unit_test(test_lookup_tokens_trimmed),
        cmocka_unit_test(test_trim_keeps_words_met_again),
        cmocka_unit_test(test_trim_starts_afresh),
        cmocka_unit_test(test_trim_out_of_memory),
        cmocka_unit_test(test_word_longer_than_a_block),
        cmocka_unit_test(test_table_grows),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
