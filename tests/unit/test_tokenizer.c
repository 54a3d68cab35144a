/* test_tokenizer.c - stage 4: words, folding and token flags. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "tokenizer.h"

/* Tokenizes text and renders the tokens as "folded/FLAGS ..." where FLAGS
 * are letters: C caps, J joined, B break, N number, L lower (omitted with
 * the slash when none). */
static void render(const char *text, ts_buf *out, ts_tokens *t)
{
    assert_int_equal(ts_tokenize(t, text, strlen(text)), 0);
    ts_buf_clear(out);
    for (size_t i = 0; i < t->n; i++) {
        if (i) assert_int_equal(ts_buf_putc(out, ' '), 0);
        assert_int_equal(ts_buf_puts(out, ts_token_folded(t, i)), 0);
        unsigned f = t->v[i].flags & ~(unsigned)TS_TOK_LOWER;
        if (f) {
            assert_int_equal(ts_buf_putc(out, '/'), 0);
            if (f & TS_TOK_CAPS) ts_buf_putc(out, 'C');
            if (f & TS_TOK_JOINED) ts_buf_putc(out, 'J');
            if (f & TS_TOK_BREAK) ts_buf_putc(out, 'B');
            if (f & TS_TOK_NUMBER) ts_buf_putc(out, 'N');
        }
        /* the original text is where the token says */
        assert_true(t->v[i].off + t->v[i].len <= strlen(text));
        assert_int_equal(strlen(ts_token_folded(t, i)), t->v[i].fold_len);
    }
    if (!out->data) ts_buf_puts(out, "");
}

static void check(const char *text, const char *want)
{
    ts_buf out = TS_BUF_INIT;
    ts_tokens t;
    memset(&t, 0, sizeof t);
    render(text, &out, &t);
    if (strcmp(out.data, want) != 0)
        fail_msg("'%s': got '%s', want '%s'", text, out.data, want);
    ts_buf_free(&out);
    ts_tokens_free(&t);
}

static void test_words_and_folding(void **state)
{
    (void)state;
    check("The Quick brown fox", "the quick brown fox");
    check("", "");
    check("  ...  ", "");
    check("Caf\xC3\xA9 \xC3\x89T\xC3\x89", "caf\xC3\xA9 \xC3\xA9t\xC3\xA9/C");
}

static void test_contractions(void **state)
{
    (void)state;
    check("don't can't I'm", "don't can't i'm");
    /* curly and other apostrophes fold to ' */
    check("it\xE2\x80\x99s won\xE2\x80\x98t y\xCA\xBC" "all", "it's won't y'all");
    /* quotes around a word are not part of it */
    check("'quoted' \xE2\x80\x98single\xE2\x80\x99", "quoted single");
    /* trailing possessive apostrophe is dropped, inner one kept */
    check("the Joneses' dog and Anna's cat", "the joneses dog and anna's cat");
}

static void test_hyphens(void **state)
{
    (void)state;
    check("self-care", "self care/J");
    check("well-being is long-term", "well being/J is long term/J");
    /* non-breaking hyphen joins too; a spaced dash does not */
    check("re\xE2\x80\x91" "do it - now", "re do/J it now");
    check("a--b", "a b");
    ts_tokens t;
    memset(&t, 0, sizeof t);
    assert_int_equal(ts_tokenize(&t, "self-care matters", 17), 0);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.words, 2); /* joined parts count as one word */
    ts_tokens_free(&t);
}

static void test_numbers_and_dots(void **state)
{
    (void)state;
    check("3.5 and 1,000 and 2024", "3.5/N and 1,000/N and 2024/N");
    check("U.S. economy", "u.s/C economy");
    /* a lone period is an abbreviation's, an ellipsis is a pause */
    check("end. Next", "end next");
    check("wait... what \xE2\x80\xA6 no", "wait what/B no/B");
    check("a, b", "a b/B");
    check("one,two", "one two/B");
    check("v2.0", "v2.0");
}

static void test_caps_flag(void **state)
{
    (void)state;
    check("NEVER give UP I A", "never/C give up/C i a");
    ts_tokens t;
    memset(&t, 0, sizeof t);
    assert_int_equal(ts_tokenize(&t, "ALL CAPS HERE", 13), 0);
    assert_int_equal(t.mixed_case, 0);
    assert_int_equal(ts_tokenize(&t, "Some CAPS here", 14), 0);
    assert_int_equal(t.mixed_case, 1);
    assert_true(t.v[1].flags & TS_TOK_CAPS);
    assert_true(t.v[0].flags & TS_TOK_LOWER);
    assert_false(t.v[1].flags & TS_TOK_LOWER);
    ts_tokens_free(&t);
}

static void test_clause_breaks(void **state)
{
    (void)state;
    check("not bad; good: fine \xE2\x80\x94 ok (yes) \"no\"",
          "not bad good/B fine/B ok/B yes/B no/B");
    /* the break flag is on the first token after the mark only */
    check("a, b c", "a b/B c");
}

static void test_invalid_bytes_tolerated(void **state)
{
    (void)state;
    /* the decoder normally removes these; the tokenizer must not crash */
    check("ab\xFF" "cd \xC3", "ab cd");
}

/* Words are found 8 bytes at a time: words across those blocks, at the
 * very end of the text (read as its last 8 bytes), and ' . , inside a
 * word wherever they fall must give what a byte-by-byte reading gives. */
static void test_block_edges(void **state)
{
    (void)state;
    check("Internationalization and INTERNATIONALIZATION of it",
          "internationalization and internationalization/C of it");
    check("ABCDEFGHIJKLMNOPQ x", "abcdefghijklmnopq/C x");
    check("abcdefgh abcdefghijklmnop", "abcdefgh abcdefghijklmnop");
    check("it ends in ok", "it ends in ok");
    check("It ends at U.S.", "it ends at u.s/C");
    check("x", "x");
    check("ab.", "ab");
    check("I Am OK", "i am ok/C");
    check("Year 1,000,000.50 total", "year 1,000,000.50/N total");
    check("Version 2.0.1, e.g. this", "version 2.0.1/N e.g/B this");
    check("long.word.with.dots.everywhere now",
          "long.word.with.dots.everywhere now");
    /* a comma stays only between digits of a number */
    check("a1,2 and x,y and 1,a and 3.",
          "a1 2/BN and x y/B and 1/N a/B and 3/N");
    check("pay 1,000, then", "pay 1,000/N then/B");
    check("rock'n'roll and o'clock isn't", "rock'n'roll and o'clock isn't");
    check("don't stop ending with don'", "don't stop ending with don");
    /* a letter beyond ASCII after ' or inside an ASCII word */
    check("l'\xC3\xA9t\xC3\xA9 and na\xC3\xAFve ones",
          "l'\xC3\xA9t\xC3\xA9 and na\xC3\xAFve ones");
    /* joins after a word beyond ASCII, and with U+2010 and U+2011 */
    check("caf\xC3\xA9-au-lait ok", "caf\xC3\xA9 au/J lait/J ok");
    check("well\xE2\x80\x90" "being and re\xE2\x80\x91" "do",
          "well being/J and re do/J");
    check("self- care and self -care and a-b-c here",
          "self care and self care and a b/J c/J here");
    /* a NUL byte passed in the text ends a word like a space */
    ts_tokens t;
    memset(&t, 0, sizeof t);
    assert_int_equal(ts_tokenize(&t, "a\0b and more", 12), 0);
    assert_int_equal(t.n, 4);
    assert_int_equal(t.words, 4);
    assert_string_equal(ts_token_folded(&t, 1), "b");
    assert_int_equal(t.v[1].off, 2);
    ts_tokens_free(&t);
}

static void test_fold(void **state)
{
    (void)state;
    ts_buf out = TS_BUF_INIT;
    const char *in = "Give UP\xE2\x80\x99s \xC3\x80";
    assert_int_equal(ts_fold(&out, in, strlen(in)), 0);
    assert_string_equal(out.data, "give up's \xC3\xA0");
    ts_buf_free(&out);
}

static void test_reuse(void **state)
{
    (void)state;
    ts_tokens t;
    memset(&t, 0, sizeof t);
    /* many tokens force growth; a second call replaces the first */
    char text[2000] = "";
    for (int k = 0; k < 300; k++) strcat(text, "w ");
    assert_int_equal(ts_tokenize(&t, text, strlen(text)), 0);
    assert_int_equal(t.n, 300);
    assert_int_equal(ts_tokenize(&t, "two words", 9), 0);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.words, 2);
    assert_string_equal(ts_token_folded(&t, 1), "words");
    ts_tokens_free(&t);
    ts_tokens_free(&t); /* freeing twice after free is harmless */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_and_folding),
        cmocka_unit_test(test_contractions),
        cmocka_unit_test(test_hyphens),
        cmocka_unit_test(test_numbers_and_dots),
        cmocka_unit_test(test_caps_flag),
        cmocka_unit_test(test_clause_breaks),
        cmocka_unit_test(test_invalid_bytes_tolerated),
        cmocka_unit_test(test_block_edges),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_reuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
