/* test_lexicon.c - loading lexicon files, their lookups, the checker's
 * messages, the builtin set and explain. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin_lexicons.h"
#include "lexicon.h"
#include "lexicon_impl.h"
#include "tonescope.h"
#include "fixtures.h"

/* ------------------------------------------------------------------------
 * Helpers: a temporary directory with lexicon files in it
 * ---------------------------------------------------------------------- */

static char tmpdir[512];

static void make_tmpdir(void)
{
    assert_int_equal(fixture_tmpdir(tmpdir, sizeof tmpdir, "tslex"), 0);
}

static void write_file(const char *name, const char *text)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A few rotating buffers, so that several paths can be passed to one call. */
static const char *path_of(const char *name)
{
    static char paths[4][700];
    static int next;
    char *path = paths[next++ % 4];
    snprintf(path, sizeof paths[0], "%s/%s", tmpdir, name);
    return path;
}

static void remove_tmpdir(void)
{
    static const char *const names[] = {
        "growth.tsv", "negativity.tsv", "modifiers.tsv", "bad.tsv",
        "bad_modifiers.tsv", "clean.tsv"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        unlink(path_of(names[i]));
    rmdir(tmpdir);
}

static const char growth_tsv[] =
    "# test growth lexicon\n"
    "learn\t1.5\tlearning\n"
    "improv*\t1.25\timprovement\n"
    "learn from\t2.0\tlearning\n"
    "learn from mistakes\t3.0\tlearning\n"
    "never give up\t2.5\tpersistence   # a trailing comment\n"
    "\n";
static const char negativity_tsv[] =
    "failures\t1.8\tsetback\n"
    "give up\t2.5\tquitting\n"
    "hopeless\t2.0\thopelessness\n";
static const char modifiers_tsv[] =
    "not\tnegator\n"
    "very\tbooster\t0.5\n"
    "slightly\tdampener\n"
    "but\tcontrast\n"
    "no longer\tnegator\n";

static void write_lexicons(void)
{
    write_file("growth.tsv", growth_tsv);
    write_file("negativity.tsv", negativity_tsv);
    write_file("modifiers.tsv", modifiers_tsv);
}

/* The Snowball stem of a word, as the library should compute it. */
static const char *stem(const char *word)
{
    static char out[128];
    struct sb_stemmer *st = sb_stemmer_new("english", "UTF_8");
    assert_non_null(st);
    const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)word,
                                         (int)strlen(word));
    snprintf(out, sizeof out, "%.*s", sb_stemmer_length(st), (const char *)s);
    sb_stemmer_delete(st);
    return out;
}

/* ------------------------------------------------------------------------
 * Loading and lookups
 * ---------------------------------------------------------------------- */

static void test_load_and_lookup(void **state)
{
    (void)state;
    make_tmpdir();
    write_lexicons();
    ts_error err;
    ts_lexicon *lex = ts_lexicon_new_from_dir(tmpdir, &err);
    assert_non_null(lex);
    assert_int_equal(err.status, TS_OK);

    /* words by stem: "failures" is keyed by its stem, so "failure",
     * "failures" and "Failure" (folded) all meet it */
    assert_string_equal(stem("failures"), stem("failure"));
    const ts_lex_word *w = ts_lexicon_word(lex, stem("failure"));
    assert_non_null(w);
    assert_null(w->entry[TS_GROWTH]);
    assert_non_null(w->entry[TS_NEGATIVITY]);
    assert_string_equal(w->entry[TS_NEGATIVITY]->term, "failures");
    assert_string_equal(w->entry[TS_NEGATIVITY]->key, stem("failures"));
    assert_string_equal(w->entry[TS_NEGATIVITY]->category, "setback");
    assert_int_equal(w->entry[TS_NEGATIVITY]->kind, TS_ENTRY_WORD);
    assert_int_equal(w->entry[TS_NEGATIVITY]->line, 1);
    assert_true(w->entry[TS_NEGATIVITY]->weight == 1.8);
    /* "learning" stems to "learn" */
    w = ts_lexicon_word(lex, stem("learning"));
    assert_non_null(w);
    assert_string_equal(w->entry[TS_GROWTH]->term, "learn");
    assert_null(ts_lexicon_word(lex, "fail"));   /* not the stem of failure */
    assert_null(ts_lexicon_word(lex, "unknown"));

    /* prefixes: the folded surface word, longest matching prefix */
    const ts_entry *p = ts_lexicon_prefix(lex, "improvement", 11, TS_GROWTH);
    assert_non_null(p);
    assert_int_equal(p->kind, TS_ENTRY_PREFIX);
    assert_string_equal(p->key, "improv");
    assert_string_equal(p->term, "improv*");
    assert_non_null(ts_lexicon_prefix(lex, "improv", 6, TS_GROWTH));
    assert_null(ts_lexicon_prefix(lex, "impro", 5, TS_GROWTH));
    assert_null(ts_lexicon_prefix(lex, "improvement", 11, TS_NEGATIVITY));
    assert_null(ts_lexicon_prefix(lex, "ximprove", 8, TS_GROWTH));

    /* phrases by first stem, longest first */
    const ts_lex_phrases *ph = ts_lexicon_phrases(lex, "learn");
    assert_non_null(ph);
    assert_int_equal(ph->n, 2);
    assert_int_equal(ph->v[0].n, 3);
    assert_string_equal(ph->v[0].entry->term, "learn from mistakes");
    assert_string_equal(ph->v[0].words[2], stem("mistakes"));
    assert_int_equal(ph->v[1].n, 2);
    assert_string_equal(ph->v[1].entry->term, "learn from");
    assert_int_equal(ph->v[1].entry->kind, TS_ENTRY_PHRASE);
    ph = ts_lexicon_phrases(lex, "never");
    assert_non_null(ph);
    assert_int_equal(ph->n, 1);
    assert_string_equal(ph->v[0].entry->category, "persistence");
    ph = ts_lexicon_phrases(lex, "give");
    assert_non_null(ph);
    assert_int_equal(ph->v[0].entry->dim, TS_NEGATIVITY);
    assert_null(ts_lexicon_phrases(lex, "mistak"));

    /* modifiers by folded word; default booster/dampener amount */
    const ts_entry *m = ts_lexicon_modifier(lex, "very");
    assert_non_null(m);
    assert_int_equal(m->modifier, TS_MOD_BOOSTER);
    assert_int_equal(m->kind, TS_ENTRY_MODIFIER);
    assert_true(m->weight == 0.5);
    m = ts_lexicon_modifier(lex, "slightly");
    assert_non_null(m);
    assert_int_equal(m->modifier, TS_MOD_DAMPENER);
    assert_true(m->weight == TS_MODIFIER_DEFAULT);
    m = ts_lexicon_modifier(lex, "but");
    assert_non_null(m);
    assert_int_equal(m->modifier, TS_MOD_CONTRAST);
    assert_string_equal(m->category, "contrast");
    assert_null(ts_lexicon_modifier(lex, "no"));   /* only as a phrase */
    const ts_lex_phrases *mp = ts_lexicon_modifier_phrases(lex, "no");
    assert_non_null(mp);
    assert_int_equal(mp->n, 1);
    assert_string_equal(mp->v[0].words[1], "longer");
    assert_int_equal(mp->v[0].entry->modifier, TS_MOD_NEGATOR);

    /* versions: "<part>:<entries>/<8 hex digits>" */
    char expect[32];
    unsigned hex;
    char tail;
    assert_int_equal(sscanf(ts_lexicon_version(lex, 0), "growth:5/%8x%c",
                            &hex, &tail), 1);
    assert_int_equal(sscanf(ts_lexicon_version(lex, 1), "negativity:3/%8x%c",
                            &hex, &tail), 1);
    assert_int_equal(sscanf(ts_lexicon_version(lex, 2), "modifiers:5/%8x%c",
                            &hex, &tail), 1);
    snprintf(expect, sizeof expect, "%s", ts_lexicon_version(lex, 0));
    assert_int_equal(strlen(expect), strlen("growth:5/") + 8);
    assert_string_equal(ts_lexicon_version(lex, 3), "");
    assert_string_equal(ts_lexicon_version(lex, -1), "");
    ts_lexicon_free(lex);

    /* the same content gives the same version; other content another */
    lex = ts_lexicon_new_from_dir(tmpdir, &err);
    assert_non_null(lex);
    assert_string_equal(ts_lexicon_version(lex, 0), expect);
    ts_lexicon_free(lex);
    write_file("growth.tsv", "learn\t1.5\tlearning\nimprov*\t1.25\timprovement\n"
                             "learn from\t2.0\tlearning\nlearn from mistakes\t3.0\tlearning\n"
                             "never give up\t2.0\tpersistence\n");
    lex = ts_lexicon_new_from_dir(tmpdir, &err);
    assert_non_null(lex);
    assert_string_not_equal(ts_lexicon_version(lex, 0), expect);
    assert_memory_equal(ts_lexicon_version(lex, 0), "growth:5/", 9);
    ts_lexicon_free(lex);
    remove_tmpdir();
}

struct collected {
    char terms[32][64];
    ts_entry_kind kinds[32];
    unsigned long lines[32];
    size_t n;
    size_t stop_after;   /* return non-zero after this many (0 = never) */
};

static int collect_entry(void *ctx, const ts_entry *e)
{
    struct collected *c = ctx;
    if (c->n < 32) {
        snprintf(c->terms[c->n], sizeof c->terms[0], "%s", e->term);
        c->kinds[c->n] = e->kind;
        c->lines[c->n] = e->line;
    }
    c->n++;
    return c->stop_after && c->n >= c->stop_after;
}

static void test_foreach_order(void **state)
{
    (void)state;
    make_tmpdir();
    write_lexicons();
    ts_lexicon *lex = ts_lexicon_new_from_files(
        path_of("growth.tsv"), path_of("negativity.tsv"),
        path_of("modifiers.tsv"), NULL);
    assert_non_null(lex);
    struct collected c;
    memset(&c, 0, sizeof c);
    assert_int_equal(ts_lexicon_foreach(lex, collect_entry, &c), TS_OK);
    static const char *const order[] = {
        "learn", "improv*", "learn from", "learn from mistakes",
        "never give up", "failures", "give up", "hopeless", "not", "very",
        "slightly", "but", "no longer"};
    assert_int_equal(c.n, 13);
    for (size_t i = 0; i < 13; i++) assert_string_equal(c.terms[i], order[i]);
    assert_int_equal(c.kinds[0], TS_ENTRY_WORD);
    assert_int_equal(c.kinds[1], TS_ENTRY_PREFIX);
    assert_int_equal(c.kinds[2], TS_ENTRY_PHRASE);
    assert_int_equal(c.kinds[12], TS_ENTRY_MODIFIER);
    assert_int_equal(c.lines[0], 2);
    assert_int_equal(c.lines[4], 6);
    memset(&c, 0, sizeof c);
    c.stop_after = 2;
    assert_int_equal(ts_lexicon_foreach(lex, collect_entry, &c), TS_ECALLBACK);
    assert_int_equal(c.n, 2);
    ts_lexicon_free(lex);

    /* a NULL path takes that part from the builtin set */
    lex = ts_lexicon_new_from_files(path_of("growth.tsv"), NULL, NULL, NULL);
    assert_non_null(lex);
    assert_memory_equal(ts_lexicon_version(lex, 0), "growth:5/", 9);
    assert_memory_equal(ts_lexicon_version(lex, 1), "negativity:", 11);
    assert_non_null(ts_lexicon_modifier(lex, "not"));
    ts_lexicon_free(lex);
    remove_tmpdir();
}

/* ------------------------------------------------------------------------
 * The combined tables: one lookup by stem, one by folded word
 * ---------------------------------------------------------------------- */

static const ts_lex_word_keys *word_keys(const ts_lexicon *lex,
                                         const char *word)
{
    size_t len = strlen(word);
    return ts_lexicon_word_keys(lex, word, len, ts_hash_bytes(word, len));
}

/* The records of key say what the separate lookups say, NULL where none
 * of them has anything. */
static void assert_keys_agree(const ts_lexicon *lex, const char *key)
{
    size_t len = strlen(key);
    const ts_lex_word *w = ts_lexicon_word(lex, key);
    const ts_lex_phrases *ph = ts_lexicon_phrases(lex, key);
    const char *in = ts_lexicon_interned(lex, key, len);
    const ts_lex_stem_keys *sk = ts_lexicon_stem_keys(lex, key, len);
    if (!w && !ph && !in) {
        assert_null(sk);
    } else {
        assert_non_null(sk);
        assert_ptr_equal(sk->word, w);
        assert_ptr_equal(sk->phrases, ph);
        assert_ptr_equal(sk->interned, in);
    }
    const ts_entry *m = ts_lexicon_modifier(lex, key);
    const ts_lex_phrases *mp = ts_lexicon_modifier_phrases(lex, key);
    const ts_lex_word_keys *wk = word_keys(lex, key);
    if (!m && !mp && !in) {
        assert_null(wk);
    } else {
        assert_non_null(wk);
        assert_ptr_equal(wk->modifier, m);
        assert_ptr_equal(wk->mod_phrases, mp);
        assert_ptr_equal(wk->interned, in);
    }
}

static void test_combined_keys(void **state)
{
    (void)state;
    make_tmpdir();
    write_lexicons();
    ts_lexicon *lex = ts_lexicon_new_from_dir(tmpdir, NULL);
    assert_non_null(lex);

    /* "learn": a word, the first of two phrases, and a phrase word */
    const ts_lex_stem_keys *sk = ts_lexicon_stem_keys(lex, "learn", 5);
    assert_non_null(sk);
    assert_ptr_equal(sk->word, ts_lexicon_word(lex, "learn"));
    assert_non_null(sk->word);
    assert_int_equal(sk->phrases->n, 2);
    assert_ptr_equal(sk->interned, ts_lexicon_interned(lex, "learn", 5));
    assert_non_null(sk->interned);
    /* a word only, a phrase word only (not the first of one) */
    const char *failur = stem("failures");
    sk = ts_lexicon_stem_keys(lex, failur, strlen(failur));
    assert_non_null(sk);
    assert_non_null(sk->word);
    assert_null(sk->phrases);
    assert_null(sk->interned);
    char mistak[64];
    snprintf(mistak, sizeof mistak, "%s", stem("mistakes"));
    sk = ts_lexicon_stem_keys(lex, mistak, strlen(mistak));
    assert_non_null(sk);
    assert_null(sk->word);
    assert_null(sk->phrases);
    assert_string_equal(sk->interned, mistak);
    /* the key is the given bytes only */
    assert_ptr_equal(ts_lexicon_stem_keys(lex, "learnXYZ", 5),
                     ts_lexicon_stem_keys(lex, "learn", 5));
    assert_null(ts_lexicon_stem_keys(lex, "weather", 7));
    assert_null(ts_lexicon_stem_keys(lex, "lear", 4));

    /* folded words: a modifier only, the first of a modifier phrase, a
     * later word of one, and a stem of a scoring phrase (the intern table
     * is one for both kinds of phrases) */
    const ts_lex_word_keys *wk = word_keys(lex, "very");
    assert_non_null(wk);
    assert_int_equal(wk->modifier->modifier, TS_MOD_BOOSTER);
    assert_null(wk->mod_phrases);
    assert_null(wk->interned);
    wk = word_keys(lex, "no");
    assert_non_null(wk);
    assert_null(wk->modifier);
    assert_int_equal(wk->mod_phrases->n, 1);
    assert_non_null(wk->interned);
    wk = word_keys(lex, "longer");
    assert_non_null(wk);
    assert_null(wk->modifier);
    assert_null(wk->mod_phrases);
    assert_ptr_equal(wk->interned, ts_lexicon_interned(lex, "longer", 6));
    wk = word_keys(lex, "give");
    assert_non_null(wk);
    assert_null(wk->modifier);
    assert_ptr_equal(wk->interned, ts_lexicon_interned(lex, "give", 4));
    assert_null(word_keys(lex, "weather"));
    assert_null(word_keys(lex, "ver"));

    /* the filters are asked first: without their bits no key is found */
    uint64_t saved[TS_KEYS_FILTER_WORDS];
    memcpy(saved, lex->stem_key_filter, sizeof saved);
    memset(lex->stem_key_filter, 0, sizeof lex->stem_key_filter);
    assert_null(ts_lexicon_stem_keys(lex, "learn", 5));
    assert_non_null(word_keys(lex, "very"));
    memcpy(lex->stem_key_filter, saved, sizeof saved);
    memcpy(saved, lex->word_key_filter, sizeof saved);
    memset(lex->word_key_filter, 0, sizeof lex->word_key_filter);
    assert_null(word_keys(lex, "very"));
    assert_non_null(ts_lexicon_stem_keys(lex, "learn", 5));
    memcpy(lex->word_key_filter, saved, sizeof saved);

    static const char *const keys[] = {
        "learn", "from", "never", "give", "up", "no", "longer", "not",
        "very", "slightly", "but", "hopeless", "improv", "weather", "a", ""};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        assert_keys_agree(lex, keys[i]);
    ts_lexicon_free(lex);
    remove_tmpdir();
}

/* Whether list holds entry e. */
static int list_holds(const ts_lex_phrases *list, const ts_entry *e)
{
    for (size_t i = 0; list && i < list->n; i++)
        if (list->v[i].entry == e) return 1;
    return 0;
}

/* Each word of a phrase's key is one copy, under its own key in both
 * tables. */
static void assert_phrase_words_interned(const ts_lexicon *lex,
                                         const char *key)
{
    char word[256];
    for (const char *p = key; *p;) {
        size_t n = strcspn(p, " ");
        snprintf(word, sizeof word, "%.*s", (int)n, p);
        const ts_lex_stem_keys *sk = ts_lexicon_stem_keys(lex, word, n);
        const ts_lex_word_keys *wk = word_keys(lex, word);
        assert_non_null(sk);
        assert_non_null(wk);
        assert_string_equal(sk->interned, word);
        assert_ptr_equal(wk->interned, sk->interned);
        p += n;
        p += strspn(p, " ");
    }
}

/* Every entry of the builtin set is in the record of its key. */
static int entry_in_records(void *ctx, const ts_entry *e)
{
    const ts_lexicon *lex = ctx;
    char first[256];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(e->key, " "), e->key);
    const ts_lex_stem_keys *sk = ts_lexicon_stem_keys(lex, first,
                                                      strlen(first));
    const ts_lex_word_keys *wk = word_keys(lex, first);
    switch (e->kind) {
    case TS_ENTRY_WORD:
        assert_non_null(sk);
        assert_ptr_equal(sk->word->entry[e->dim], e);
        assert_string_equal(sk->word->key, e->key);
        break;
    case TS_ENTRY_PHRASE:
        assert_non_null(sk);
        assert_true(list_holds(sk->phrases, e));
        assert_phrase_words_interned(lex, e->key);
        break;
    case TS_ENTRY_MODIFIER:
        assert_non_null(wk);
        if (strchr(e->key, ' ')) {
            assert_true(list_holds(wk->mod_phrases, e));
            assert_phrase_words_interned(lex, e->key);
        } else {
            assert_ptr_equal(wk->modifier, e);
        }
        break;
    case TS_ENTRY_PREFIX:
        break;
    }
    return 0;
}

/* s is the node's key. */
static void assert_key_is(const char *s, const keys_node *k)
{
    assert_int_equal(strlen(s), k->hh.keylen);
    assert_memory_equal(s, k->hh.key, k->hh.keylen);
}

/* The records of every key of the builtin set hold its entries, and a
 * record holds nothing more: every phrase list, word and modifier in the
 * tables is some entry's. */
static void test_combined_keys_builtin(void **state)
{
    (void)state;
    ts_lexicon *lex = ts_lexicon_new_builtin(NULL);
    assert_non_null(lex);
    assert_int_equal(ts_lexicon_foreach(lex, entry_in_records, lex), TS_OK);
    size_t stems = 0, words = 0;
    for (const keys_node *k = lex->stem_keys; k; k = k->hh.next, stems++) {
        const ts_lex_stem_keys *r = &k->pub.stem;
        assert_true(r->word || r->phrases || r->interned);
        assert_ptr_equal(ts_lexicon_stem_keys(lex, k->hh.key, k->hh.keylen), r);
        if (r->word) assert_key_is(r->word->key, k);
        if (r->phrases) assert_key_is(r->phrases->first, k);
        if (r->interned) assert_key_is(r->interned, k);
    }
    for (const keys_node *k = lex->word_keys; k; k = k->hh.next, words++) {
        const ts_lex_word_keys *r = &k->pub.word;
        assert_true(r->modifier || r->mod_phrases || r->interned);
        assert_ptr_equal(ts_lexicon_word_keys(lex, k->hh.key, k->hh.keylen,
                                              k->hh.hashv), r);
        if (r->modifier) assert_key_is(r->modifier->key, k);
        if (r->mod_phrases) assert_key_is(r->mod_phrases->first, k);
        if (r->interned) assert_key_is(r->interned, k);
    }
    assert_true(stems > 2000);
    assert_true(words > 1000);
    /* sized for the set at once (ts_lexicon_expect_keys), not left at
     * uthash's chains of up to ten nodes: a bucket or more a key */
    assert_true(lex->stem_keys->hh.tbl->num_buckets >= stems);
    assert_true(lex->word_keys->hh.tbl->num_buckets >= words);
    assert_null(ts_lexicon_stem_keys(lex, "zzyzx", 5));
    assert_null(word_keys(lex, "zzyzx"));
    ts_lexicon_free(lex);
}

/* ------------------------------------------------------------------------
 * The prefix filter
 * ---------------------------------------------------------------------- */

/* What ts_lexicon_prefixes finds for word, and the same of each
 * dimension from ts_lexicon_prefix. */
static void prefixes_of(const ts_lexicon *lex, const char *word,
                        const ts_entry *out[2])
{
    size_t len = strlen(word);
    ts_lexicon_prefixes(lex, word, len, out);
    assert_ptr_equal(out[TS_GROWTH],
                     ts_lexicon_prefix(lex, word, len, TS_GROWTH));
    assert_ptr_equal(out[TS_NEGATIVITY],
                     ts_lexicon_prefix(lex, word, len, TS_NEGATIVITY));
}

/* The prefixes of word as the lookups find them without the filter. */
static void unfiltered_prefixes(ts_lexicon *lex, const char *word,
                                const ts_entry *out[2])
{
    size_t k = lex->prefix_filter_len;
    lex->prefix_filter_len = 0;
    prefixes_of(lex, word, out);
    lex->prefix_filter_len = k;
}

static const char *prefix_key(const ts_entry *e)
{
    return e ? e->key : NULL;
}

static void assert_prefixes(const ts_lexicon *lex, const char *word,
                            const char *growth, const char *negativity)
{
    const ts_entry *out[2];
    prefixes_of(lex, word, out);
    if (growth) assert_string_equal(prefix_key(out[TS_GROWTH]), growth);
    else assert_null(out[TS_GROWTH]);
    if (negativity)
        assert_string_equal(prefix_key(out[TS_NEGATIVITY]), negativity);
    else assert_null(out[TS_NEGATIVITY]);
}

static void test_prefix_filter(void **state)
{
    (void)state;
    make_tmpdir();
    write_file("growth.tsv", "hope*\t1.0\tpossibility\n"
                             "hopeful*\t1.5\tpossibility\n"
                             "improv*\t1.0\timprovement\n");
    write_file("negativity.tsv", "hop*\t0.5\tsetback\n"
                                 "hopeless*\t2.0\thopelessness\n");
    write_file("modifiers.tsv", modifiers_tsv);
    ts_lexicon *lex = ts_lexicon_new_from_dir(tmpdir, NULL);
    assert_non_null(lex);
    assert_int_equal(lex->prefix_filter_len, 3);
    assert_true(lex->prefix_lengths == ((1u << 2) | (1u << 3) | (1u << 5) |
                                        (1u << 6) | (1u << 7)));

    /* the longest match of each dimension wins */
    assert_prefixes(lex, "hopelessness", "hope", "hopeless");
    assert_prefixes(lex, "hopefully", "hopeful", "hop");
    assert_prefixes(lex, "hopeful", "hopeful", "hop");
    assert_prefixes(lex, "hopping", NULL, "hop");
    assert_prefixes(lex, "hop", NULL, "hop");
    assert_prefixes(lex, "improvement", "improv", NULL);
    /* shorter than every prefix; no prefix starts so */
    assert_prefixes(lex, "ho", NULL, NULL);
    assert_prefixes(lex, "xylophone", NULL, NULL);
    assert_prefixes(lex, "impro", NULL, NULL);

    /* the filter is asked first: without its bits no prefix is looked
     * up, however well it would match */
    uint64_t saved[TS_PREFIX_FILTER_WORDS];
    memcpy(saved, lex->prefix_starts, sizeof saved);
    memset(lex->prefix_starts, 0, sizeof lex->prefix_starts);
    assert_prefixes(lex, "hopelessness", NULL, NULL);
    memcpy(lex->prefix_starts, saved, sizeof saved);
    /* nor at lengths no prefix has */
    uint64_t lengths = lex->prefix_lengths;
    lex->prefix_lengths &= ~((uint64_t)1 << 7);   /* no "hopeless" */
    assert_prefixes(lex, "hopelessness", "hope", "hop");
    lex->prefix_lengths = lengths;
    assert_prefixes(lex, "hopelessness", "hope", "hopeless");
    ts_lexicon_free(lex);
    remove_tmpdir();
}

/* On the builtin set the filter changes no answer: every prefix key, with
 * endings and without its last byte, and every term. */
static int same_prefixes_for_term(void *ctx, const ts_entry *e)
{
    ts_lexicon *lex = ctx;
    static const char *const endings[] = {"", "s", "ing", "ation", "ness"};
    char word[256];
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        const char *base = e->kind == TS_ENTRY_PREFIX ? e->key : e->term;
        snprintf(word, sizeof word, "%s%s", base, endings[i]);
        for (size_t cut = 0; cut < 2 && strlen(word) > cut; cut++) {
            word[strlen(word) - cut] = '\0';
            const ts_entry *a[2], *b[2];
            prefixes_of(lex, word, a);
            unfiltered_prefixes(lex, word, b);
            assert_ptr_equal(a[0], b[0]);
            assert_ptr_equal(a[1], b[1]);
        }
    }
    return 0;
}

static void test_prefix_filter_builtin(void **state)
{
    (void)state;
    ts_lexicon *lex = ts_lexicon_new_builtin(NULL);
    assert_non_null(lex);
    assert_true(lex->prefix_filter_len > 0);
    assert_int_equal(ts_lexicon_foreach(lex, same_prefixes_for_term, lex),
                     TS_OK);
    /* every prefix finds itself */
    for (const prefix_node *p = lex->prefixes; p; p = p->hh.next) {
        const ts_entry *out[2];
        prefixes_of(lex, p->key, out);
        for (int d = 0; d < 2; d++)
            if (p->entry[d]) assert_ptr_equal(out[d], p->entry[d]);
    }
    ts_lexicon_free(lex);
}

/* ------------------------------------------------------------------------
 * Checking: every bad line, with exact messages
 * ---------------------------------------------------------------------- */

struct problems {
    unsigned long lines[32];
    char reasons[32][256];
    char file[512];
    size_t n;
};

static void on_problem(void *ctx, const char *file, unsigned long line,
                       const char *reason)
{
    struct problems *p = ctx;
    if (p->n < 32) {
        p->lines[p->n] = line;
        snprintf(p->reasons[p->n], sizeof p->reasons[0], "%s", reason);
    }
    snprintf(p->file, sizeof p->file, "%s", file);
    p->n++;
}

static const char bad_growth[] =
    "# a growth file with one problem a line\n"     /* 1 */
    "learn\t1.5\tlearning\n"                         /* 2 ok */
    "grow\tabc\tlearning\n"                          /* 3 */
    "grow\t0\tlearning\n"                            /* 4 */
    "grow\t4.5\tlearning\n"                          /* 5 */
    "grow\t1.0\tnonsense\n"                          /* 6 */
    "grow\t1.0\n"                                    /* 7 */
    "learn\t1.5\tlearning\n"                         /* 8 */
    "learning\t2.0\tlearning\n"                      /* 9 */
    "\t1.0\tlearning\n"                              /* 10 */
    "keep going*\t1.0\tpersistence\n"                /* 11 */
    "--\t1.0\tlearning\n"                            /* 12 */
    "grow\t4\tlearning\n"                            /* 13 ok */
    "a\tb\tc\td\n";                                  /* 14 */

static void test_check_reports_every_line(void **state)
{
    (void)state;
    make_tmpdir();
    write_file("bad.tsv", bad_growth);
    struct problems p;
    memset(&p, 0, sizeof p);
    assert_int_equal(ts_lexicon_check_file(path_of("bad.tsv"), on_problem, &p),
                     TS_ELEXICON);
    static const struct { unsigned long line; const char *reason; } want[] = {
        {3, "bad weight 'abc': expected a number in (0, 4]"},
        {4, "bad weight '0': expected a number in (0, 4]"},
        {5, "bad weight '4.5': expected a number in (0, 4]"},
        {6, "unknown category 'nonsense'"},
        {7, "expected 3 tab-separated fields (term, weight, category), found 2"},
        {8, "duplicate entry 'learn' (same key 'learn' as line 2)"},
        {9, "'learning' stems to 'learn' like line 2, with a different weight"},
        {10, "empty term"},
        {11, "a '*' prefix must be a single word: 'keep going*'"},
        {12, "empty term: '--' has no words"},
        {14, "expected 3 tab-separated fields (term, weight, category), found 4"},
    };
    size_t n_want = sizeof want / sizeof *want;
    for (size_t i = 0; i < p.n && i < n_want; i++) {
        assert_int_equal(p.lines[i], want[i].line);
        assert_string_equal(p.reasons[i], want[i].reason);
    }
    assert_int_equal(p.n, n_want);
    assert_string_equal(p.file, path_of("bad.tsv"));

    /* a modifiers file: known by its name */
    write_file("bad_modifiers.tsv",
               "not\tnegator\n"
               "very\tintensifier\n"
               "quite\tbooster\t5\n"
               "so\tbooster\t0.4\textra\n"
               "very*\tbooster\n"
               "not\tnegator\n");
    memset(&p, 0, sizeof p);
    assert_int_equal(ts_lexicon_check_file(path_of("bad_modifiers.tsv"),
                                           on_problem, &p),
                     TS_ELEXICON);
    assert_int_equal(p.n, 5);
    assert_int_equal(p.lines[0], 2);
    assert_string_equal(p.reasons[0], "unknown modifier kind 'intensifier' "
                                      "(expected negator, booster, dampener "
                                      "or contrast)");
    assert_int_equal(p.lines[1], 3);
    assert_string_equal(p.reasons[1], "bad value '5': expected a number in (0, 4]");
    assert_int_equal(p.lines[2], 4);
    assert_string_equal(p.reasons[2], "expected 2 or 3 tab-separated fields "
                                      "(term, kind[, value]), found 4");
    assert_int_equal(p.lines[3], 5);
    assert_string_equal(p.reasons[3], "modifiers cannot be '*' prefixes");
    assert_int_equal(p.lines[4], 6);
    assert_string_equal(p.reasons[4], "duplicate entry 'not' (same key 'not' as line 1)");

    /* clean file, and an unreadable one */
    write_file("clean.tsv", growth_tsv);
    memset(&p, 0, sizeof p);
    assert_int_equal(ts_lexicon_check_file(path_of("clean.tsv"), on_problem, &p),
                     TS_OK);
    assert_int_equal(p.n, 0);
    memset(&p, 0, sizeof p);
    assert_int_equal(ts_lexicon_check_file(path_of("missing.tsv"), on_problem, &p),
                     TS_EIO);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.lines[0], 0);
    remove_tmpdir();
}

static void test_load_stops_at_first_bad_line(void **state)
{
    (void)state;
    make_tmpdir();
    write_file("bad.tsv", bad_growth);
    ts_error err;
    ts_lexicon *lex = ts_lexicon_new_from_files(path_of("bad.tsv"), NULL, NULL,
                                                &err);
    assert_null(lex);
    assert_int_equal(err.status, TS_ELEXICON);
    assert_string_equal(err.file, path_of("bad.tsv"));
    assert_int_equal(err.line, 3);
    assert_string_equal(err.message, "bad weight 'abc': expected a number in (0, 4]");

    /* a bad negativity file after a good growth file */
    write_lexicons();
    write_file("negativity.tsv", "failure\t1.0\tsetback\nsad\t1.0\tjoy\n");
    lex = ts_lexicon_new_from_dir(tmpdir, &err);
    assert_null(lex);
    assert_int_equal(err.status, TS_ELEXICON);
    assert_string_equal(err.file, path_of("negativity.tsv"));
    assert_int_equal(err.line, 2);
    assert_string_equal(err.message, "unknown category 'joy'");

    /* a missing file */
    unlink(path_of("negativity.tsv"));
    lex = ts_lexicon_new_from_dir(tmpdir, &err);
    assert_null(lex);
    assert_int_equal(err.status, TS_EIO);
    assert_string_equal(err.file, path_of("negativity.tsv"));
    assert_true(strlen(err.message) > 0);
    remove_tmpdir();
}

/* ------------------------------------------------------------------------
 * The builtin lexicon and explain
 * ---------------------------------------------------------------------- */

static void test_builtin(void **state)
{
    (void)state;
    ts_error err;
    ts_lexicon *lex = ts_lexicon_new_builtin(&err);
    assert_non_null(lex);
    assert_int_equal(err.status, TS_OK);
    static const char *const names[] = {"growth", "negativity", "modifiers"};
    for (int k = 0; k < 3; k++) {
        const char *v = ts_lexicon_version(lex, k);
        char name[32];
        unsigned long count;
        unsigned hex;
        char tail;
        assert_int_equal(sscanf(v, "%31[a-z]:%lu/%8x%c", name, &count, &hex,
                                &tail), 3);
        assert_string_equal(name, names[k]);
        assert_true(count > 10);
        const char *slash = strchr(v, '/');
        assert_int_equal(strlen(slash + 1), 8);
    }
    struct collected c;
    memset(&c, 0, sizeof c);
    assert_int_equal(ts_lexicon_foreach(lex, collect_entry, &c), TS_OK);
    assert_true(c.n > 100);
    /* the documented example: "not" is a negator */
    const ts_entry *m = ts_lexicon_modifier(lex, "not");
    assert_non_null(m);
    assert_int_equal(m->modifier, TS_MOD_NEGATOR);
    assert_memory_equal(m->source, "builtin:", 8);
    ts_lexicon_free(lex);
}

/* The builtin set comes parsed at build time: it must be exactly what the
 * loader makes of the files of lexicons/ at run time, entry for entry,
 * with the same versions and the same phrase lists. */
struct entry_list {
    const ts_entry **v;
    size_t n, cap;
};

static int list_entry(void *ctx, const ts_entry *e)
{
    struct entry_list *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 1024;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        assert_non_null(l->v);
    }
    l->v[l->n++] = e;
    return 0;
}

/* The phrase lists of a and b under the first word of key agree. */
static void assert_same_phrases(const ts_lexicon *a, const ts_lexicon *b,
                                const ts_entry *e)
{
    char first[128];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(e->key, " "), e->key);
    const ts_lex_phrases *pa = e->kind == TS_ENTRY_MODIFIER
                                   ? ts_lexicon_modifier_phrases(a, first)
                                   : ts_lexicon_phrases(a, first);
    const ts_lex_phrases *pb = e->kind == TS_ENTRY_MODIFIER
                                   ? ts_lexicon_modifier_phrases(b, first)
                                   : ts_lexicon_phrases(b, first);
    assert_non_null(pa);
    assert_non_null(pb);
    assert_int_equal(pa->n, pb->n);
    for (size_t i = 0; i < pa->n; i++) {
        assert_int_equal(pa->v[i].n, pb->v[i].n);
        assert_int_equal(pa->v[i].entry->line, pb->v[i].entry->line);
        for (size_t w = 0; w < pa->v[i].n; w++) {
            assert_string_equal(pa->v[i].words[w], pb->v[i].words[w]);
            /* interned: the lexicon's own word */
            assert_ptr_equal(pa->v[i].words[w],
                             ts_lexicon_interned(a, pa->v[i].words[w],
                                                 strlen(pa->v[i].words[w])));
        }
    }
}

/* a and b hold the same entries, versions and phrase lists; a is the
 * builtin set. */
static void assert_same_lexicons(const ts_lexicon *a, const ts_lexicon *b)
{
    for (int k = 0; k < 3; k++)
        assert_string_equal(ts_lexicon_version(a, k), ts_lexicon_version(b, k));
    struct entry_list la = {NULL, 0, 0}, lb = {NULL, 0, 0};
    ts_lexicon_foreach(a, list_entry, &la);
    ts_lexicon_foreach(b, list_entry, &lb);
    assert_int_equal(la.n, lb.n);
    for (size_t i = 0; i < la.n; i++) {
        const ts_entry *x = la.v[i], *y = lb.v[i];
        assert_int_equal(x->kind, y->kind);
        assert_string_equal(x->term, y->term);
        assert_string_equal(x->key, y->key);
        assert_int_equal(x->dim, y->dim);
        assert_string_equal(x->category, y->category);
        assert_int_equal(x->modifier, y->modifier);
        assert_true(x->weight == y->weight);
        assert_int_equal(x->line, y->line);
        assert_memory_equal(x->source, "builtin:", 8);
        if (strchr(x->key, ' ') && x->kind != TS_ENTRY_PREFIX)
            assert_same_phrases(a, b, x);
    }
    free(la.v);
    free(lb.v);
}

static void test_builtin_equals_files(void **state)
{
    (void)state;
    const char *src = getenv("TS_SOURCE_DIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/lexicons", src ? src : ".");
    ts_error err;
    ts_lexicon *a = ts_lexicon_new_builtin(&err);
    ts_lexicon *b = ts_lexicon_new_from_dir(dir, &err);
    assert_non_null(a);
    assert_non_null(b);
    assert_same_lexicons(a, b);
    ts_lexicon_free(a);
    ts_lexicon_free(b);
}

/* The builtin set's stems were made by the build's libstemmer; a sample
 * is checked against the one linked at run time, and when they disagree
 * the builtin text is parsed here instead, with the same result as the
 * build's when they agree. */
static void test_builtin_stems_checked(void **state)
{
    (void)state;
    size_t pairs = 0;
    while (ts_builtin_probes[2 * pairs]) pairs++;
    assert_true(pairs >= 32);
    assert_int_equal(ts_lexicon_stems_agree(ts_builtin_probes), 1);
    /* a stemmer that stems one word otherwise */
    const char *const wrong[] = {"mastery", "masteri", "failures", "failures",
                                 NULL};
    assert_int_equal(ts_lexicon_stems_agree(wrong), 0);
    ts_error err;
    ts_lexicon *a = ts_lexicon_new_builtin(&err);
    ts_lexicon *b = ts_lexicon_new_builtin_from_text(&err);
    assert_non_null(a);
    assert_non_null(b);
    assert_same_lexicons(a, b);
    /* parsed from text, the tables are sized ahead too */
    assert_true(b->stem_keys->hh.tbl->num_buckets >=
                HASH_COUNT(b->stem_keys));
    assert_true(b->word_keys->hh.tbl->num_buckets >=
                HASH_COUNT(b->word_keys));
    ts_lexicon_free(a);
    ts_lexicon_free(b);
}

static void test_explain(void **state)
{
    (void)state;
    make_tmpdir();
    write_lexicons();
    ts_lexicon *lex = ts_lexicon_new_from_dir(tmpdir, NULL);
    assert_non_null(lex);
    char stems[64];
    struct collected c;

    memset(&c, 0, sizeof c);
    assert_int_equal(ts_lexicon_explain(lex, "Failures", stems, sizeof stems,
                                        collect_entry, &c), TS_OK);
    assert_string_equal(stems, stem("failures"));
    assert_int_equal(c.n, 1);
    assert_string_equal(c.terms[0], "failures");

    memset(&c, 0, sizeof c);
    assert_int_equal(ts_lexicon_explain(lex, "learning from mistakes", stems,
                                        sizeof stems, collect_entry, &c),
                     TS_OK);
    char want[64];
    snprintf(want, sizeof want, "learn from %s", stem("mistakes"));
    assert_string_equal(stems, want);
    assert_int_equal(c.n, 3);
    assert_string_equal(c.terms[0], "learn");
    assert_string_equal(c.terms[1], "learn from");
    assert_string_equal(c.terms[2], "learn from mistakes");

    memset(&c, 0, sizeof c);
    assert_int_equal(ts_lexicon_explain(lex, "Improving", stems, sizeof stems,
                                        collect_entry, &c), TS_OK);
    assert_int_equal(c.n, 1);
    assert_string_equal(c.terms[0], "improv*");

    memset(&c, 0, sizeof c);
    assert_int_equal(ts_lexicon_explain(lex, "no longer hopeless", stems,
                                        sizeof stems, collect_entry, &c),
                     TS_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.terms[0], "hopeless");
    assert_string_equal(c.terms[1], "no longer");

    /* stems truncated to the buffer; unrelated words match nothing */
    memset(&c, 0, sizeof c);
    char small[4];
    assert_int_equal(ts_lexicon_explain(lex, "weather report", small,
                                        sizeof small, collect_entry, &c),
                     TS_OK);
    assert_string_equal(small, "wea");
    assert_int_equal(c.n, 0);

    memset(&c, 0, sizeof c);
    c.stop_after = 1;
    assert_int_equal(ts_lexicon_explain(lex, "learn", stems, sizeof stems,
                                        collect_entry, &c), TS_ECALLBACK);
    ts_lexicon_free(lex);
    remove_tmpdir();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_and_lookup),
        cmocka_unit_test(test_foreach_order),
        cmocka_unit_test(test_combined_keys),
        cmocka_unit_test(test_combined_keys_builtin),
        cmocka_unit_test(test_prefix_filter),
        cmocka_unit_test(test_prefix_filter_builtin),
        cmocka_unit_test(test_check_reports_every_line),
        cmocka_unit_test(test_load_stops_at_first_bad_line),
        cmocka_unit_test(test_builtin),
        cmocka_unit_test(test_builtin_equals_files),
        cmocka_unit_test(test_builtin_stems_checked),
        cmocka_unit_test(test_explain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
