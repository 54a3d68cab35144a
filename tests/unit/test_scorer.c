/* test_scorer.c - the scoring rules of DESIGN section 5, one by one, with
 * a small lexicon written by the test: negation, boosters and dampeners
 * with their decay, ALL CAPS, contrast, phrases, n't, reframes and the
 * tone formula. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scorer.h"
#include "stem_memo.h"
#include "tonescope.h"
#include "fixtures.h"

static char tmpdir[512];
static ts_lexicon *lex;
static ts_memo *memo;
static ts_scorer *scorer;

static void write_file(const char *name, const char *text)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (fixture_tmpdir(tmpdir, sizeof tmpdir, "tsscore")) return -1;
    write_file("growth.tsv",
               "learn\t1.5\tlearning\n"
               "grow\t2.0\tlearning\n"
               "opportunity\t1.2\tpossibility\n"
               "improv*\t1.0\timprovement\n"
               "never give up\t2.5\tpersistence\n");
    write_file("negativity.tsv",
               "failure\t2.0\tsetback\n"
               "give up\t2.5\tquitting\n"
               "hopeless\t2.0\thopelessness\n");
    write_file("modifiers.tsv",
               "not\tnegator\n"
               "never\tnegator\n"
               "very\tbooster\t0.5\n"
               "really\tbooster\n"
               "slightly\tdampener\n"
               "but\tcontrast\n"
               "though\tcontrast\n"
               "although\tcontrast\n"
               "no longer\tnegator\n"
               "nobody\tnegator\n");
    ts_error err;
    lex = ts_lexicon_new_from_dir(tmpdir, &err);
    static const char *const names[] = {"growth.tsv", "negativity.tsv",
                                        "modifiers.tsv"};
    for (int i = 0; i < 3; i++) {
        char path[700];
        snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
        unlink(path);
    }
    rmdir(tmpdir);
    if (!lex) return -1;
    memo = ts_memo_new(lex, 0);
    scorer = memo ? ts_scorer_new(lex, memo) : NULL;
    return scorer ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    ts_scorer_free(scorer);
    ts_memo_free(memo);
    ts_lexicon_free(lex);
    return 0;
}

static ts_sentence score(const char *text)
{
    ts_sentence s;
    memset(&s, 0, sizeof s);
    assert_int_equal(ts_scorer_score(scorer, text, strlen(text), &s), 0);
    return s;
}

#define NEAR(a, b) assert_true(fabs((double)(a) - (double)(b)) < 1e-9)

/* The one hit of a sentence. */
static const ts_hit *only_hit(const ts_sentence *s)
{
    assert_int_equal(s->n_hits, 1);
    return &s->hits[0];
}

/* ------------------------------------------------------------------------
 * Plain hits, phrases, prefixes
 * ---------------------------------------------------------------------- */

static void test_plain_hit_and_tone(void **state)
{
    (void)state;
    ts_sentence s = score("We learn every day.");
    const ts_hit *h = only_hit(&s);
    assert_string_equal(h->term, "learn");
    assert_string_equal(h->text, "learn");
    assert_string_equal(h->category, "learning");
    assert_int_equal(h->dim, TS_GROWTH);
    assert_int_equal(h->entry_dim, TS_GROWTH);
    assert_int_equal(h->flags, 0);
    assert_int_equal(h->word, 1);
    assert_int_equal(h->words, 1);
    NEAR(h->weight, 1.5);
    NEAR(s.growth, 1.5);
    NEAR(s.negativity, 0);
    NEAR(s.tone, 1.5 / sqrt(1.5 * 1.5 + 15));
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    assert_false(s.reframe);
    assert_int_equal(s.words, 4);

    /* inflections meet the stem */
    s = score("Learning helps.");
    assert_string_equal(only_hit(&s)->text, "Learning");
    /* a prefix entry on the surface word */
    s = score("We keep improving.");
    assert_string_equal(only_hit(&s)->term, "improv*");
    NEAR(s.growth, 1.0);
    /* nothing */
    s = score("The weather is mild.");
    assert_int_equal(s.n_hits, 0);
    NEAR(s.tone, 0);
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
}

static void test_phrases_consume_words(void **state)
{
    (void)state;
    /* "never give up" is one growth hit; neither "never" negates nor
     * "give up" counts as quitting */
    ts_sentence s = score("We never give up.");
    const ts_hit *h = only_hit(&s);
    assert_string_equal(h->term, "never give up");
    assert_string_equal(h->text, "never give up");
    assert_int_equal(h->dim, TS_GROWTH);
    assert_int_equal(h->words, 3);
    assert_int_equal(h->flags & TS_HIT_NEGATED, 0);
    NEAR(s.growth, 2.5);
    NEAR(s.negativity, 0);
    /* the shorter phrase alone */
    s = score("They give up.");
    h = only_hit(&s);
    assert_string_equal(h->term, "give up");
    assert_int_equal(h->dim, TS_NEGATIVITY);
    NEAR(s.negativity, 2.5);
    /* stems: "gave up" is not "give up", "giving up" is */
    s = score("They are giving up.");
    assert_string_equal(only_hit(&s)->term, "give up");
    s = score("They gave up.");
    assert_int_equal(s.n_hits, 0);
}

/* ------------------------------------------------------------------------
 * Negation
 * ---------------------------------------------------------------------- */

static void test_negation(void **state)
{
    (void)state;
    ts_sentence s = score("We do not learn.");
    const ts_hit *h = only_hit(&s);
    assert_int_equal(h->entry_dim, TS_GROWTH);
    assert_int_equal(h->dim, TS_NEGATIVITY);
    assert_true(h->flags & TS_HIT_NEGATED);
    assert_string_equal(h->negator, "not");
    NEAR(h->weight, 1.5 * TS_NEGATION_FACTOR);
    NEAR(s.growth, 0);
    NEAR(s.negativity, 1.5 * TS_NEGATION_FACTOR);
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);

    /* negativity negated becomes growth */
    s = score("It is not hopeless.");
    h = only_hit(&s);
    assert_int_equal(h->dim, TS_GROWTH);
    NEAR(s.growth, 2.0 * TS_NEGATION_FACTOR);
    /* a phrase negated: "do not give up" */
    s = score("Do not give up.");
    h = only_hit(&s);
    assert_string_equal(h->term, "give up");
    assert_int_equal(h->dim, TS_GROWTH);
    NEAR(h->weight, 2.5 * TS_NEGATION_FACTOR);

    /* the window: three words back, not four */
    s = score("Not one of us learn.");
    assert_int_equal(only_hit(&s)->flags & TS_HIT_NEGATED, 0);
    s = score("Not one of learn.");
    assert_true(only_hit(&s)->flags & TS_HIT_NEGATED);
    /* not across a clause break */
    s = score("Not today, we learn.");
    assert_int_equal(only_hit(&s)->flags & TS_HIT_NEGATED, 0);
    /* a modifier phrase */
    s = score("It is no longer hopeless.");
    h = only_hit(&s);
    assert_int_equal(h->dim, TS_GROWTH);
    assert_string_equal(h->negator, "no longer");
}

static void test_nt_words_negate(void **state)
{
    (void)state;
    ts_sentence s = score("We don't learn.");
    const ts_hit *h = only_hit(&s);
    assert_int_equal(h->dim, TS_NEGATIVITY);
    assert_string_equal(h->negator, "don't");
    NEAR(h->weight, 1.5 * TS_NEGATION_FACTOR);
    /* a curly apostrophe is the same */
    s = score("They can\xE2\x80\x99t grow.");
    h = only_hit(&s);
    assert_int_equal(h->dim, TS_NEGATIVITY);
    assert_true(h->flags & TS_HIT_NEGATED);
    NEAR(h->weight, 2.0 * TS_NEGATION_FACTOR);
}

/* ------------------------------------------------------------------------
 * Boosters, dampeners, capitals, contrast
 * ---------------------------------------------------------------------- */

static void test_boosters_and_dampeners(void **state)
{
    (void)state;
    /* value from the file, full at distance 1 */
    ts_sentence s = score("We very learn.");
    const ts_hit *h = only_hit(&s);
    assert_true(h->flags & TS_HIT_BOOSTED);
    assert_string_equal(h->intensifier, "very");
    NEAR(h->weight, 1.5 + 0.5);
    /* decaying with distance: 2 and 3 words back count less */
    s = score("We very much learn.");
    double d2 = only_hit(&s)->weight - 1.5;
    s = score("We very much more learn.");
    double d3 = only_hit(&s)->weight - 1.5;
    assert_true(d2 > 0 && d2 < 0.5);
    assert_true(d3 > 0 && d3 < d2);
    /* four words back: outside the window */
    s = score("Very much more of learn.");
    NEAR(only_hit(&s)->weight, 1.5);
    assert_int_equal(only_hit(&s)->flags & TS_HIT_BOOSTED, 0);
    /* the default amount */
    s = score("We really learn.");
    NEAR(only_hit(&s)->weight, 1.5 + TS_MODIFIER_DEFAULT);
    s = score("We slightly learn.");
    h = only_hit(&s);
    assert_true(h->flags & TS_HIT_DAMPENED);
    assert_string_equal(h->intensifier, "slightly");
    NEAR(h->weight, 1.5 - TS_MODIFIER_DEFAULT);
    /* a boosted hit that is negated: boost first, then the factor */
    s = score("Not very learn.");
    h = only_hit(&s);
    assert_int_equal(h->dim, TS_NEGATIVITY);
    NEAR(h->weight, (1.5 + 0.5) * TS_NEGATION_FACTOR);
}

static void test_all_caps(void **state)
{
    (void)state;
    ts_sentence s = score("We LEARN every day.");
    const ts_hit *h = only_hit(&s);
    assert_true(h->flags & TS_HIT_CAPS);
    NEAR(h->weight, 1.5 + TS_CAPS_BONUS);
    /* a sentence all in capitals is shouting everywhere: no bonus */
    s = score("WE LEARN EVERY DAY.");
    h = only_hit(&s);
    assert_int_equal(h->flags & TS_HIT_CAPS, 0);
    NEAR(h->weight, 1.5);
    /* one capital letter is not ALL CAPS */
    s = score("Learn every day.");
    NEAR(only_hit(&s)->weight, 1.5);
}

static void test_contrast(void **state)
{
    (void)state;
    ts_sentence s = score("We learn but failure hurts.");
    assert_int_equal(s.n_hits, 2);
    const ts_hit *a = &s.hits[0], *b = &s.hits[1];
    assert_string_equal(a->term, "learn");
    assert_true(a->flags & TS_HIT_BEFORE_CONTRAST);
    NEAR(a->weight, 1.5 * TS_CONTRAST_BEFORE);
    assert_string_equal(b->term, "failure");
    assert_true(b->flags & TS_HIT_AFTER_CONTRAST);
    NEAR(b->weight, 2.0 * TS_CONTRAST_AFTER);
    NEAR(s.growth, 0.75);
    NEAR(s.negativity, 3.0);
    NEAR(s.tone, (0.75 - 3.0) / sqrt(2.25 * 2.25 + 15));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    assert_false(s.reframe);
    /* the other way round it reads as growth */
    s = score("Failure hurts but we learn.");
    NEAR(s.negativity, 1.0);
    NEAR(s.growth, 2.25);
    assert_true(s.reframe);
    /* rule 3: "though" after its main clause and a comma turns like "but" */
    s = score("Failure hurts, though we learn.");
    NEAR(s.negativity, 1.0);
    NEAR(s.growth, 2.25);
    assert_true(s.reframe);
    /* "although" there, or "though" opening the sentence, concedes */
    s = score("Failure hurts, although we learn.");
    NEAR(s.negativity, 3.0);
    NEAR(s.growth, 0.75);
    s = score("Though we learn, failure hurts.");
    NEAR(s.growth, 0.75);
    NEAR(s.negativity, 3.0);
}

/* Rule 8: a semicolon joins two scored clauses like ", and": the last
 * one carries the weight. */
static void test_semicolon_weighs_last_clause(void **state)
{
    (void)state;
    ts_sentence s = score("Failure hurts; we learn.");
    assert_int_equal(s.n_hits, 2);
    NEAR(s.negativity, 2.0 * 0.5);
    NEAR(s.growth, 1.5 * 1.5);
    assert_true(s.hits[0].flags & TS_HIT_BEFORE_CONTRAST);
    assert_true(s.hits[1].flags & TS_HIT_AFTER_CONTRAST);
    /* a clause with no hit on one side is not weighed */
    s = score("It rained; we learn.");
    NEAR(s.growth, 1.5);
}

/* Rule 9: "never" before a hit that a comparative follows is a
 * superlative; plain "not" stays a denial. */
static void test_never_more_is_superlative(void **state)
{
    (void)state;
    ts_sentence s = score("She has never learned more.");
    const ts_hit *h = only_hit(&s);
    assert_false(h->flags & TS_HIT_NEGATED);
    assert_int_equal(h->dim, TS_GROWTH);
    NEAR(s.growth, 1.5);
    s = score("She did not learn more.");
    h = only_hit(&s);
    assert_true(h->flags & TS_HIT_NEGATED);
    assert_int_equal(h->dim, TS_NEGATIVITY);
    /* the comparative must be close and in the same clause */
    s = score("She has never learned, and more is coming.");
    assert_true(s.hits[0].flags & TS_HIT_NEGATED);
}

/* Rule 10: after a verb cue a word is a verb, and a following noun does
 * not make it a label (rule 5). */
static void test_verb_is_not_a_label(void **state)
{
    (void)state;
    ts_sentence s = score("Students learn data quickly.");
    NEAR(only_hit(&s)->weight, 1.5 * 0.04);
    assert_true(only_hit(&s)->flags & TS_HIT_DAMPENED);
    s = score("They learn data quickly.");
    NEAR(only_hit(&s)->weight, 1.5);
    s = score("We want to learn data analysis.");
    NEAR(only_hit(&s)->weight, 1.5);
}

/* Rule 11: a turn in time after the last setback is a growth hit. */
static void test_turn_in_time(void **state)
{
    (void)state;
    ts_sentence s = score("Failure came; we have since gone on.");
    assert_int_equal(s.n_hits, 2);
    assert_string_equal(s.hits[1].term, "setback ... since");
    assert_int_equal(s.hits[1].dim, TS_GROWTH);
    assert_true(s.reframe);
    /* "since" as a preposition, at the end, or before the setback: none */
    s = score("Failure came since March.");
    assert_int_equal(s.n_hits, 1);
    s = score("Failure has followed ever since.");
    assert_int_equal(s.n_hits, 1);
    s = score("Years later, failure came.");
    assert_int_equal(s.n_hits, 1);
    /* no setback, no turn */
    s = score("We learn; years later we grow.");
    for (size_t k = 0; k < s.n_hits; k++)
        assert_string_not_equal(s.hits[k].term, "setback ... since");
}

/* Rule 11: "now", "the next", "eventually" also move the story on, but
 * "now" before an obligation tells a consequence. */
static int has_term(const ts_sentence *s, const char *term)
{
    for (size_t k = 0; k < s->n_hits; k++)
        if (!strcmp(s->hits[k].term, term)) return 1;
    return 0;
}

static void test_turn_now_and_next(void **state)
{
    (void)state;
    ts_sentence s = score("Failure came; now the team trains daily.");
    assert_true(has_term(&s, "setback ... since"));
    assert_true(s.reframe);
    s = score("Failure came; the next one went well.");
    assert_true(has_term(&s, "setback ... since"));
    s = score("Failure came, and now I have to wait.");
    assert_false(has_term(&s, "setback ... since"));
    s = score("Failure is due next week.");
    assert_false(has_term(&s, "setback ... since"));
    /* "these days", "this year" opening a clause set the present against
     * the past; "the fourth this year" counts, it does not turn */
    s = score("Failure came; these days the team trains daily.");
    assert_true(has_term(&s, "setback ... since"));
    s = score("Failure came, and this year the team trains daily.");
    assert_true(has_term(&s, "setback ... since"));
    s = score("Failure came for the fourth this year in a row.");
    assert_false(has_term(&s, "setback ... since"));
    s = score("Failure came; this plan was late.");
    assert_false(has_term(&s, "setback ... since"));
}

/* Rule 11: a "now" that nobody acts towards, after a plain join, tells
 * what the setback did, not what was done about it: no turn. */
static void test_turn_now_consequence(void **state)
{
    (void)state;
    ts_sentence s =
        score("The failure was total, and now the shop opens one day a week.");
    assert_false(has_term(&s, "setback ... since"));
    assert_false(s.reframe);
    s = score("The failure was total, and the shop now opens one day a week.");
    assert_false(has_term(&s, "setback ... since"));
    /* a person who acts, a "so" or "but" that sets an answer against it,
     * a deed between: the turn stays */
    s = score("The failure was total, and now I open the shop daily.");
    assert_true(has_term(&s, "setback ... since"));
    s = score("The failure was total, and now we open the shop daily.");
    assert_true(has_term(&s, "setback ... since"));
    s = score("The failure was total, so now the shop opens daily.");
    assert_true(has_term(&s, "setback ... since"));
    s = score("The failure was total, but now the shop opens daily.");
    assert_true(has_term(&s, "setback ... since"));
    s = score("The failure was total; staff moved the shop, and now it opens "
              "daily.");
    assert_true(has_term(&s, "setback ... since"));
    /* a deed denied is more of the harm */
    s = score("The failure was total, staff never called, and now the shop "
              "opens one day a week.");
    assert_false(has_term(&s, "setback ... since"));
}

/* Rule 42: a clause that opens on "starting" before a time, or on
 * "within" before a span of time, after the last setback dates a change;
 * inside a clause the words only time the setback. */
static void test_dated_change(void **state)
{
    (void)state;
    ts_sentence s = score("Failure came, and starting Monday the team trains daily.");
    assert_true(has_term(&s, "setback ... starting"));
    assert_true(s.reframe);
    s = score("Failure came; starting next week, every drill is longer.");
    assert_true(has_term(&s, "setback ... starting"));
    s = score("Failure came; within a week the team was back.");
    assert_true(has_term(&s, "setback ... starting"));
    assert_true(s.reframe);
    s = score("Failure came, and within 48 hours every post got a reply.");
    assert_true(has_term(&s, "setback ... starting"));
    /* inside a clause, before the setback, or no time after it: none */
    s = score("Failure came within a week.");
    assert_false(has_term(&s, "setback ... starting"));
    s = score("Failure will end weekend service starting in April.");
    assert_false(has_term(&s, "setback ... starting"));
    s = score("Failure came, and starting over was slow.");
    assert_false(has_term(&s, "setback ... starting"));
    s = score("Within a week, failure came.");
    assert_false(has_term(&s, "setback ... starting"));
    s = score("Failure came, and within reach was a prize.");
    assert_false(has_term(&s, "setback ... starting"));
    s = score("We learn, and starting Monday we grow.");
    assert_false(has_term(&s, "setback ... starting"));
}

/* Rule 12: after a setback, a verb of repair or response is a growth
 * hit; without a setback, denied, or "added to", it is not. */
static void test_repair_after_setback(void **state)
{
    (void)state;
    ts_sentence s = score("Failure came, and we rebuilt the page.");
    assert_int_equal(s.n_hits, 2);
    assert_string_equal(s.hits[1].term, "setback ... repair");
    assert_int_equal(s.hits[1].dim, TS_GROWTH);
    assert_true(s.reframe);
    /* only the first deed counts */
    s = score("Failure came; we added alerts and fixed the disk.");
    assert_int_equal(s.n_hits, 2);
    /* no setback before it */
    s = score("We rebuilt the page.");
    assert_int_equal(s.n_hits, 0);
    s = score("We rebuilt the page after the failure.");
    assert_int_equal(s.n_hits, 1);
    /* denied, or adding to the trouble */
    s = score("Failure came, and we never fixed it.");
    assert_false(has_term(&s, "setback ... repair"));
    s = score("Failure added to the gloom.");
    assert_int_equal(s.n_hits, 1);
    /* "started" only before an -ing form */
    s = score("Failure came, and we started using checklists.");
    assert_true(has_term(&s, "setback ... repair"));
    s = score("Failure came, and the meeting started at noon.");
    assert_false(has_term(&s, "setback ... repair"));
    /* "set" and "stepped" only with their particle; "built in" and
     * "trained by" describe, they tell no deed */
    s = score("Failure came, so we set up alerts.");
    assert_true(has_term(&s, "setback ... repair"));
    s = score("Failure came, so we adjusted the plan.");
    assert_true(has_term(&s, "setback ... repair"));
    s = score("Failure came, and a deputy stepped in.");
    assert_true(has_term(&s, "setback ... repair"));
    s = score("Failure came, and the chief stepped down.");
    assert_false(has_term(&s, "setback ... repair"));
    s = score("Failure came, and he set a date.");
    assert_false(has_term(&s, "setback ... repair"));
    s = score("Failure hit homes built in the 1920s.");
    assert_false(has_term(&s, "setback ... repair"));
    s = score("Failure came, and we built a second one.");
    assert_true(has_term(&s, "setback ... repair"));
    /* a setback named as a topic is no setback (rule 5) */
    s = score("A failure test was installed.");
    assert_false(has_term(&s, "setback ... repair"));
    /* "instead" is another way taken; "instead of" is not */
    s = score("Failure came, so we met outdoors instead.");
    assert_true(has_term(&s, "setback ... repair"));
    s = score("Failure came instead of success.");
    assert_false(has_term(&s, "setback ... repair"));
    /* a refund or a correction answers a setback */
    s = score("Failure came, and the shop refunded every order.");
    assert_true(has_term(&s, "setback ... repair"));
}

/* Rule 24: a change told by its two ends tells progress. */
static void test_then_now(void **state)
{
    (void)state;
    ts_sentence s = score("Two years ago I couldn't swim a length; now I race.");
    assert_true(has_term(&s, "then ... now"));
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    s = score("Tom went from stacking shelves to leading the team.");
    assert_true(has_term(&s, "then ... now"));
    s = score("The club has grown from six members to forty.");
    assert_true(has_term(&s, "then ... now"));
    s = score("Ten pushups today, up from zero in March.");
    assert_true(has_term(&s, "then ... now"));
    /* a way between places, or an origin, is no change */
    s = score("We went from Boston to Chicago by train.");
    assert_int_equal(s.n_hits, 0);
    s = score("The shuttle went from the station to the hotel.");
    assert_int_equal(s.n_hits, 0);
    s = score("Volunteers went from door to door.");
    assert_int_equal(s.n_hits, 0);
    s = score("She came from a small town to study law.");
    assert_int_equal(s.n_hits, 0);
    s = score("Where do we go from here to the end?");
    assert_int_equal(s.n_hits, 0);
    /* a count with no present named, or a cost */
    s = score("Cases reached 300 last week, up from 120.");
    assert_int_equal(s.n_hits, 0);
    s = score("Prices went from $3 to $5.");
    assert_false(has_term(&s, "then ... now"));
    /* a setback at the later end is a decline */
    s = score("A year ago we had plans; now it is hopeless.");
    assert_false(has_term(&s, "then ... now"));
    /* "ago" with no later present */
    s = score("He left two years ago and never wrote.");
    assert_int_equal(s.n_hits, 0);
}

/* Rule 25: "still" before a negator tells a lack that lasts. */
static void test_still_not(void **state)
{
    (void)state;
    ts_sentence s = score("The broken guard still hasn't been replaced.");
    assert_true(has_term(&s, "still not"));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("Three years of lessons and I still can't follow a conversation.");
    assert_true(has_term(&s, "still not"));
    s = score("Two years and still no longer any word.");
    assert_true(has_term(&s, "still not"));
    /* "still" with no negator after it */
    s = score("She still runs every morning.");
    assert_int_equal(s.n_hits, 0);
    s = score("Keep still, not a word.");
    assert_int_equal(s.n_hits, 0);
    /* a question still open is news, not a lack */
    s = score("It is still not clear who will chair the committee.");
    assert_false(has_term(&s, "still not"));
    s = score("The cause of the outage has still not yet been confirmed.");
    assert_false(has_term(&s, "still not"));
}

/* Rule 26: what people pay, rising, is bad news. */
static void test_cost_rise(void **state)
{
    (void)state;
    ts_sentence s = score("Rents rose 22 percent last year.");
    assert_true(has_term(&s, "cost ... up"));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("Dues will rise 14 percent next year.");
    assert_true(has_term(&s, "cost ... up"));
    s = score("The rent went up again.");
    assert_true(has_term(&s, "cost ... up"));
    /* a ceiling, a denied rise, a price that does not move */
    s = score("Fees of up to $40 apply.");
    assert_int_equal(s.n_hits, 0);
    s = score("Fares have not risen this year.");
    assert_int_equal(s.n_hits, 0);
    s = score("The price includes breakfast.");
    assert_int_equal(s.n_hits, 0);
    /* what a place wants more of is rule 15's, not a cost */
    s = score("Visitors rose 22 percent last year.");
    assert_false(has_term(&s, "cost ... up"));
}

/* Rule 43: a participle of result after a comma, with an object, tells
 * what a harm did to those it reached. */
static void test_result_harm(void **state)
{
    (void)state;
    ts_sentence s = score("Armed groups blocked the river crossing, cutting off "
                          "20,000 people from food deliveries.");
    assert_true(has_term(&s, ", leaving ..."));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("The carrier pulled out of the state, leaving hundreds of "
              "policyholders scrambling.");
    assert_true(has_term(&s, ", leaving ..."));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("Our mast snapped just after the start, ending our season.");
    assert_true(has_term(&s, ", leaving ..."));
    /* no object: an adjective or a list item; no comma; "cutting" without
     * "off" */
    s = score("The changelog lists deprecations, breaking changes, and notes.");
    assert_false(has_term(&s, ", leaving ..."));
    s = score("The bus was leaving the station at noon.");
    assert_false(has_term(&s, ", leaving ..."));
    s = score("She spent the morning in the garden, cutting the roses.");
    assert_false(has_term(&s, ", leaving ..."));
    s = score("He finished the lap, ending in second place.");
    assert_false(has_term(&s, ", leaving ..."));
}

/* Rule 44: something people rely on, cut. */
static void test_provision_cut(void **state)
{
    (void)state;
    ts_sentence s = score("The district cut our transportation budget.");
    assert_true(has_term(&s, "provision cut"));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("Harlow Steel will cut 1,200 jobs by the end of the year.");
    assert_true(has_term(&s, "provision cut"));
    s = score("Funding for the postdoc position was cut in June.");
    assert_true(has_term(&s, "provision cut"));
    s = score("Weekend service is being cut entirely on the Valley branch.");
    assert_true(has_term(&s, "provision cut"));
    /* a cost or the time a task takes, cut, is no loss; a cut denied */
    s = score("The new tool cut the hours spent on reports.");
    assert_false(has_term(&s, "provision cut"));
    s = score("The council cut its energy costs by a third.");
    assert_false(has_term(&s, "provision cut"));
    s = score("The board did not cut the band program.");
    assert_false(has_term(&s, "provision cut"));
}

/* Rule 47: a later clause dated "by" a point in time tells how far
 * things had come by then. */
static void test_by_time(void **state)
{
    (void)state;
    ts_sentence s = score("In June Sam could barely float; by August he was "
                          "diving for rings in the deep end.");
    assert_true(has_term(&s, "then ... by"));
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    s = score("The junior fleet spent the week drilling roll tacks, and by "
              "Friday even the youngest sailors were nailing them.");
    assert_true(has_term(&s, "then ... by"));
    s = score("Our first online class was a mess; by week three we had sixty "
              "people logging on.");
    assert_true(has_term(&s, "then ... by"));
    s = score("Kids who clung to the wall in June are jumping off the diving "
              "board by August.");
    assert_true(has_term(&s, "then ... by"));
    /* a deed dated, with no earlier point; a plan; an end reached; a
     * setback or a lack after "by" */
    s = score("Please return the forms by Friday.");
    assert_int_equal(s.n_hits, 0);
    s = score("We planted the beds in April and expect to harvest by August.");
    assert_false(has_term(&s, "then ... by"));
    s = score("The bakery opened in March; by August it had closed.");
    assert_int_equal(s.n_hits, 0);
    s = score("The team started strong, and by August they felt hopeless.");
    assert_false(has_term(&s, "then ... by"));
    s = score("We sent the invitations in May, and by June we had not heard "
              "back.");
    assert_false(has_term(&s, "then ... by"));
}

/* Rules 45 and 46: a negator right before a verb of success names a
 * shortfall that no negative word tells. */
static void test_success_denied(void **state)
{
    (void)state;
    ts_sentence s = score("I didn't get the part I wanted.");
    assert_true(has_term(&s, "success denied"));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("The old approach was not working for her.");
    assert_true(has_term(&s, "success denied"));
    s = score("She couldn't quite finish the course in time.");
    assert_true(has_term(&s, "success denied"));
    /* the shortfall is a setback for rule 21 to answer */
    s = score("We could not save him, but the scholarship in his name has "
              "sent eleven kids to nursing school.");
    assert_true(has_term(&s, "success denied"));
    assert_true(has_term(&s, "setback ... but"));
    assert_true(s.reframe);
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    /* in the present of "can't", "won't", "haven't": rule 46 */
    s = score("Now I can't even find a buyer for the garage.");
    assert_true(has_term(&s, "success withheld"));
    assert_false(has_term(&s, "success denied"));
    s = score("The salon won't answer my emails.");
    assert_true(has_term(&s, "success withheld"));
    /* a negator that denies a hit in its reach is left to it */
    s = score("I didn't get a failure on the test.");
    assert_false(has_term(&s, "success denied"));
    /* never: not done, not failed; a condition; a habit or an instruction;
     * a verb that tells no success */
    s = score("I had never made bread before last month.");
    assert_false(has_term(&s, "success denied"));
    s = score("If you couldn't finish the reps today, rest.");
    assert_false(has_term(&s, "success denied"));
    s = score("Students who do not pass the exam may retake it.");
    assert_false(has_term(&s, "success withheld"));
    s = score("Don't use bleach on the tiles.");
    assert_false(has_term(&s, "success withheld"));
    s = score("We didn't go to the lake this year.");
    assert_int_equal(s.n_hits, 0);
}

/* Rule 21: a setback, then "but" and a clause with no hit of its own,
 * which answers it. */
static void test_contrast_answer(void **state)
{
    (void)state;
    ts_sentence s = score("The launch was a failure, but the crowd at the second show was twice the size.");
    assert_true(has_term(&s, "setback ... but"));
    NEAR(s.negativity, 2.0 * TS_CONTRAST_BEFORE);
    NEAR(s.growth, 1.5 * TS_CONTRAST_AFTER);
    assert_true(s.reframe);
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    /* growth words in the answer add to it */
    s = score("The launch was a failure, but we learn from every show since.");
    assert_true(has_term(&s, "setback ... but"));
    NEAR(s.growth, (1.5 + 1.5) * TS_CONTRAST_AFTER);
    /* a setback of its own: the ordinary contrast decides */
    s = score("The launch was a failure, but the second one was hopeless too.");
    assert_false(has_term(&s, "setback ... but"));
    /* too short to answer anything */
    s = score("The launch was a failure, but so what.");
    assert_false(has_term(&s, "setback ... but"));
    /* nothing to answer */
    s = score("The launch went well, but the crowd at the second show was twice the size.");
    assert_false(has_term(&s, "setback ... but"));
    /* "nothing but" excludes; it does not turn */
    s = score("A failure, and nothing but the same old questions from the same old people.");
    assert_false(has_term(&s, "setback ... but"));
}

/* Rule 27: a setback of one's own first attempt is told from after it. */
static void test_first_attempt(void **state)
{
    (void)state;
    ts_sentence s = score("My first wheel build was a failure, and the second one is still on my bike.");
    assert_true(has_term(&s, "first ... setback"));
    NEAR(s.growth, 1.5);
    NEAR(s.negativity, 2.0);
    s = score("Our very first batch was a failure.");
    assert_true(has_term(&s, "first ... setback"));
    assert_true(s.reframe);
    /* the setback must be in the clause of "first" */
    s = score("My first week was quiet, and then the failure came.");
    assert_false(has_term(&s, "first ... setback"));
    /* no setback, someone else's first, or no one's: no turn */
    s = score("My first wheel build is still on my bike.");
    assert_false(has_term(&s, "first ... setback"));
    s = score("The team suffered their first failure of the season.");
    assert_false(has_term(&s, "first ... setback"));
    s = score("It was the first failure of the new pump.");
    assert_false(has_term(&s, "first ... setback"));
}

/* Rule 28: a setback, then "so" and a past deed told by its subject. */
static void test_so_deed(void **state)
{
    (void)state;
    ts_sentence s = score("The tiles were a failure, so I picked up a wet saw.");
    assert_true(has_term(&s, "setback, so ... did"));
    assert_true(s.reframe);
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    s = score("The launch was a failure, so we have changed how we plan.");
    assert_true(has_term(&s, "setback, so ... did"));
    s = score("The launch was a failure, so at halftime we changed the plan.");
    assert_true(has_term(&s, "setback, so ... did"));
    /* a deed the lexicon scores still answers: the hit is on its subject */
    s = score("The launch was a failure, so we improved the plan.");
    assert_true(has_term(&s, "setback, so ... did"));
    assert_true(has_term(&s, "improv*"));
    /* a habit in the present, a denial, or a setback of its own: no deed */
    s = score("The letters are a failure, so I leave them unopened.");
    assert_false(has_term(&s, "setback, so ... did"));
    s = score("The launch was a failure, so we never changed the plan.");
    assert_false(has_term(&s, "setback, so ... did"));
    s = score("The launch was a failure, so we decided it was hopeless.");
    assert_false(has_term(&s, "setback, so ... did"));
    /* "so" inside a clause is no conjunction; and no setback, no answer */
    s = score("It was so much of a failure we walked home.");
    assert_false(has_term(&s, "setback, so ... did"));
    s = score("The launch went well, so we changed nothing.");
    assert_false(has_term(&s, "setback, so ... did"));
}

/* Rule 49: a setback, then a later clause in which the writer or his
 * group did something. */
static void test_own_answer(void **state)
{
    (void)state;
    ts_sentence s = score(
        "The launch was a failure, and we booked three more sessions with her.");
    assert_true(has_term(&s, "setback, and I did"));
    s = score("The launch was a failure; I've pinned the notes above my desk.");
    assert_true(has_term(&s, "setback, and I did"));
    s = score("The launch was a failure, then we booked three more sessions with her.");
    assert_true(has_term(&s, "setback, and I did"));
    /* a denial, a thought reported, a place stayed in, a bare notice */
    s = score("The launch was a failure, and we never changed the plan after.");
    assert_false(has_term(&s, "setback, and I did"));
    s = score("The launch was a failure, and I accepted that it was over.");
    assert_false(has_term(&s, "setback, and I did"));
    s = score("The launch was a failure, and I sat in my car for an hour.");
    assert_false(has_term(&s, "setback, and I did"));
    s = score("The launch was a failure, and we notified the board.");
    assert_false(has_term(&s, "setback, and I did"));
    /* someone else's deed, or no setback before it: no answer */
    s = score("The launch was a failure, and they booked three more sessions with her.");
    assert_false(has_term(&s, "setback, and I did"));
    s = score("The launch went well, and we booked three more sessions with her.");
    assert_false(has_term(&s, "setback, and I did"));
}

/* Rule 30: a deed in the past, then "now" in a later clause. */
static void test_deed_now(void **state)
{
    (void)state;
    ts_sentence s = score("Maya started as a customer last spring and now runs our brake clinic.");
    assert_true(has_term(&s, "did ... now"));
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    s = score("Dana shadowed the manager for a month, and she now runs the shift.");
    assert_true(has_term(&s, "did ... now"));
    /* a lack now, a setback, a plan, a moment, or no earlier clause */
    s = score("I ran this garage for years, and now I can't find a buyer.");
    assert_false(has_term(&s, "did ... now"));
    s = score("We opened the shop in May, and now it is a failure.");
    assert_false(has_term(&s, "did ... now"));
    s = score("The head teacher explained that the test will now take place on Wednesdays.");
    assert_false(has_term(&s, "did ... now"));
    s = score("I finished the report and right now I am reading.");
    assert_false(has_term(&s, "did ... now"));
    s = score("The minimum supported version is now 3.9.");
    assert_false(has_term(&s, "did ... now"));
}

/* Rule 31: a first told as one's deed, a record told with its count. */
static void test_first_deed(void **state)
{
    (void)state;
    ts_sentence s = score("Linda wrote her first birthday card this afternoon.");
    assert_true(has_term(&s, "did ... first"));
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    s = score("We closed our very first enterprise customer.");
    assert_true(has_term(&s, "did ... first"));
    s = score("Sea turtle nests hit a record 1,312 this season.");
    assert_true(has_term(&s, "a record"));
    s = score("We sold out by nine, a new record.");
    assert_true(has_term(&s, "a record"));
    /* no deed, a setback, or a record kept: no achievement */
    s = score("New drivers spend their first week riding with veterans.");
    assert_false(has_term(&s, "did ... first"));
    s = score("I wrote my first essay and it was a failure.");
    assert_false(has_term(&s, "did ... first"));
    s = score("Keep a record of every visit.");
    assert_false(has_term(&s, "a record"));
    s = score("The record lists 3 visits.");
    assert_false(has_term(&s, "a record"));
}

/* Rule 32: an opening clause of time that names a setback, then a deed. */
static void test_opener_deed(void **state)
{
    (void)state;
    ts_sentence s = score("After the failure, the team brought in new testers.");
    assert_true(has_term(&s, "after setback, did"));
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    assert_true(s.reframe);
    s = score("When the launch was a failure, we redesigned the checkout page.");
    assert_true(has_term(&s, "after setback, did"));
    /* a state, a denial, a setback of its own, a plan, or no setback */
    s = score("After the failure, hundreds of people were left waiting months.");
    assert_false(has_term(&s, "after setback, did"));
    s = score("After the failure, we never tried the route again.");
    assert_false(has_term(&s, "after setback, did"));
    s = score("After the failure, we decided the plan was hopeless.");
    assert_false(has_term(&s, "after setback, did"));
    s = score("After the failure, I may have to close the studio.");
    assert_false(has_term(&s, "after setback, did"));
    s = score("After the failure, the chief executive stepped down.");
    assert_false(has_term(&s, "after setback, did"));
    s = score("After the launch, the team brought in new testers.");
    assert_false(has_term(&s, "after setback, did"));
    /* words reported, and a denial later in the main clause */
    s = score("After the third cancelled flight, my sister said that the airline owed her a refund.");
    assert_false(has_term(&s, "after setback, did"));
    s = score("After the failure, the manager replied and did not call back.");
    assert_false(has_term(&s, "after setback, did"));
}

/* Rule 33: a setback named as the cause of a result: "is why", "is how". */
static void test_result_of(void **state)
{
    (void)state;
    ts_sentence s = score("We shipped late, and that failure is why we now test every build.");
    assert_true(has_term(&s, "setback ... is why"));
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    assert_true(s.reframe);
    s = score("The launch was a failure, and that's how we found the bug.");
    assert_true(has_term(&s, "setback ... is why"));
    /* the result outweighs its cause however heavy */
    s = score("The launch was a very hopeless failure, and it's why we test.");
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    /* a result that is a setback itself, "why" not after "is", no setback */
    s = score("That failure is why the team feels hopeless.");
    assert_false(has_term(&s, "setback ... is why"));
    s = score("Nobody knows why the launch was a failure.");
    assert_false(has_term(&s, "setback ... is why"));
    s = score("That is why we test every build.");
    assert_false(has_term(&s, "setback ... is why"));
}

/* Rule 36: a future denied for good: "never will", "I'll never". */
static void test_never_will(void **state)
{
    (void)state;
    ts_sentence s = score("I'll never be a runner.");
    assert_true(has_term(&s, "never will"));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("They tried to learn, and they never will.");
    assert_true(has_term(&s, "never will"));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("Honestly, I will never be fast.");
    assert_true(has_term(&s, "never will"));
    /* a relative clause, a "never" before a hit, no future */
    s = score("It was a lesson I'll never forget.");
    assert_false(has_term(&s, "never will"));
    s = score("I'll never give up.");
    assert_false(has_term(&s, "never will"));
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    s = score("I never will say it that way.");
    assert_false(has_term(&s, "never will"));
}

/* Rule 37: a trait claimed of a group as inborn ("Some people are just
 * ..."). */
static void test_some_are_just(void **state)
{
    (void)state;
    ts_sentence s = score("Some people are simply born runners.");
    assert_true(has_term(&s, "some are just"));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("Some students learn quickly, and I'm not one of them.");
    assert_true(has_term(&s, "some are just"));
    assert_int_equal(s.label, TS_LABEL_NEGATIVE);
    s = score("Honestly, some of us are just slow.");
    assert_true(has_term(&s, "some are just"));
    /* a span of time, a group that does something, "some" later on */
    s = score("Some days I just learn a lot.");
    assert_false(has_term(&s, "some are just"));
    s = score("Some readers asked how to learn faster.");
    assert_false(has_term(&s, "some are just"));
    s = score("We met some people who are just learning.");
    assert_false(has_term(&s, "some are just"));
}

/* The hit of a term, or NULL. */
static const ts_hit *hit_of(const ts_sentence *s, const char *term)
{
    for (size_t k = 0; k < s->n_hits; k++)
        if (!strcmp(s->hits[k].term, term)) return &s->hits[k];
    return NULL;
}

/* Each sentence's "learn" hit is negated (and the sentence negative), or
 * left as it is. */
static void expect_learn(const char *const *sentences, int negated)
{
    for (size_t k = 0; sentences[k]; k++) {
        ts_sentence s = score(sentences[k]);
        const ts_hit *h = hit_of(&s, "learn");
        assert_non_null(h);
        if (negated) {
            assert_true(h->flags & TS_HIT_NEGATED);
            assert_int_equal(s.label, TS_LABEL_NEGATIVE);
        } else {
            assert_false(h->flags & TS_HIT_NEGATED);
        }
    }
}

/* Rule 38: a growth hit in the clause of a mark of futility is denied. */
static void test_futile_scope(void **state)
{
    (void)state;
    static const char *const denied[] = {
        "What's the point of learning when nobody reads it?",
        "No amount of learning will change that.",
        "We no longer have the time or the people to learn it.",
        "I'm too slow, so why learn?",
        "Why even learn the rules when the referee ignores them?",
        NULL};
    expect_learn(denied, 1);
    /* "the point guard", a "why" of knowing, a setback between, a "why"
     * before a subject (an indirect question) */
    static const char *const kept[] = {
        "The point guard stays late to learn.",
        "Nobody knows why we learn so fast.",
        "No amount of failure stops us, and we learn.",
        "We know the point where you learn most.",
        "This is how I got here, and why I learn every day.",
        NULL};
    expect_learn(kept, 0);
}

/* Rule 41: a sentence that opens on sarcasm denies its growth hits. */
static void test_sarcastic_opener(void **state)
{
    (void)state;
    static const char *const denied[] = {
        "Great, another chance to learn.",
        "Oh lovely, another course to learn.",
        "Wonderful, yet another thing to learn.",
        "Great, my plan to learn ended in failure.",
        NULL};
    expect_learn(denied, 1);
    /* no setback after the praise, praise that opens a phrase, a setback
     * denied, relief after the setback, "more" of a good thing, a
     * contrast between */
    static const char *const kept[] = {
        "Great, thanks, I learn a lot here.",
        "Great news: we learn on Monday.",
        "Wonderful, let's learn.",
        "Great, no more failure, so we learn.",
        "Great, the failure taught us to learn.",
        "Perfect, more time to learn.",
        "Great, another failure, but we learn.",
        "We learn, and another failure is great.",
        NULL};
    expect_learn(kept, 0);
}

/* Rule 20: a setback turned into something else. */
static void test_turned_into(void **state)
{
    (void)state;
    ts_sentence s = score("She turned her failure into a foundation.");
    assert_true(has_term(&s, "turned ... into"));
    assert_true(s.reframe);
    assert_true(s.growth > s.negativity);
    /* no setback as the object, or none between the verb and "into" */
    s = score("The failure turned the streets into rivers.");
    assert_false(has_term(&s, "turned ... into"));
    s = score("The protest turned into a failure.");
    assert_false(has_term(&s, "turned ... into"));
    /* too far from the verb */
    s = score("He turned the page of his long sad failure into the night.");
    assert_false(has_term(&s, "turned ... into"));
}

/* Rule 19: "not only" and "not just" add, they do not deny. */
static void test_not_only(void **state)
{
    (void)state;
    ts_sentence s = score("Failure came, and they not only replaced it but explained why.");
    assert_true(has_term(&s, "setback ... repair"));
    s = score("Failure came, and they not replaced it.");
    assert_false(has_term(&s, "setback ... repair"));
    s = score("She is not only learning fast, she is teaching others.");
    assert_true(s.growth > 0);
    assert_true(s.negativity == 0);
    s = score("She is not learning.");
    assert_true(s.negativity > 0);
}

/* Rule 15: a measure wanted more of, then a word of rise, is progress;
 * "up" needs an amount after it, and a negator denies the rise. */
static void test_measure_rise(void **state)
{
    (void)state;
    ts_sentence s = score("Adoptions are up 25 percent this year.");
    assert_true(has_term(&s, "measure ... up"));
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    s = score("Turnout among first-time voters jumped 15 points.");
    assert_true(has_term(&s, "measure ... up"));
    s = score("Rents are up 20 percent this year.");
    assert_false(has_term(&s, "measure ... up"));
    s = score("Visitors are up the road.");
    assert_false(has_term(&s, "measure ... up"));
    s = score("Donations haven't risen since May.");
    assert_false(has_term(&s, "measure ... up"));
    s = score("Sales fell; prices rose.");
    assert_false(has_term(&s, "measure ... up"));
}

/* Rule 16: a setback that falls by an amount is negated by the fall. */
static void test_harm_falls(void **state)
{
    (void)state;
    ts_sentence s = score("Failures have fallen by half.");
    assert_true(only_hit(&s)->flags & TS_HIT_NEGATED);
    assert_string_equal(only_hit(&s)->negator, "fallen");
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    s = score("Failures halved the following year.");
    assert_true(only_hit(&s)->flags & TS_HIT_NEGATED);
    /* no amount, a verb between, or "down" before "by": no fall */
    s = score("Failures dropped on the city.");
    assert_false(only_hit(&s)->flags & TS_HIT_NEGATED);
    s = score("Failures came and dropped 10 percent.");
    assert_false(only_hit(&s)->flags & TS_HIT_NEGATED);
    s = score("Failures broken down by age.");
    assert_false(only_hit(&s)->flags & TS_HIT_NEGATED);
}

/* Rule 17: a lone word of learning or effort on a timetable is a topic
 * named; after a verb cue, or in -ed or -ing, it tells a deed. */
static void test_on_timetable(void **state)
{
    (void)state;
    ts_sentence s = score("The learn session is on Tuesdays at noon.");
    NEAR(only_hit(&s)->weight, 1.5 * 0.04);
    assert_string_equal(only_hit(&s)->intensifier, "tuesdays");
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    s = score("We learn on Tuesdays.");
    NEAR(only_hit(&s)->weight, 1.5);
    s = score("Maria learned a lot on Tuesday.");
    NEAR(only_hit(&s)->weight, 1.5);
    s = score("Years of learning pay off on Saturday.");
    NEAR(only_hit(&s)->weight, 1.5);
    /* two sessions on the timetable */
    s = score("The learn session and the grow class are on Thursdays.");
    assert_int_equal(s.n_hits, 2);
    NEAR(s.hits[0].weight, 1.5 * 0.04);
    NEAR(s.hits[1].weight, 2.0 * 0.04);
    /* another hit: the sentence tells more than a timetable */
    s = score("The learn session on Tuesday was a failure.");
    assert_int_equal(s.n_hits, 2);
    NEAR(s.hits[0].weight, 1.5);
}

/* Rule 18: a short quoted label after a determiner or at the start is a
 * name; a judgement reported in quotes keeps its weight. */
static void test_quoted_label(void **state)
{
    (void)state;
    ts_sentence s = score("The \"grow fast\" badge is new.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    assert_string_equal(only_hit(&s)->intensifier, "the");
    s = score("\"Grow Fast\" is the name of the club.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    s = score("Critics called it \"hopeless\" twice.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("\"We grow,\" she said.");
    NEAR(only_hit(&s)->weight, 2.0);
    /* a quoted label names no setback for a repair */
    s = score("Our \"failure\" policy was rebuilt.");
    assert_false(has_term(&s, "setback ... repair"));
}

/* Rule 22: a negativity hit listed after a verb of listing counts
 * x0.04; a growth hit, a first-person writer, and an item after a
 * semicolon or a contrast keep their weight. */
static void test_listed_item(void **state)
{
    (void)state;
    ts_sentence s = score("Side effects may include failure, hopeless moods and rashes.");
    assert_int_equal(s.n_hits, 2);
    NEAR(s.hits[0].weight, 2.0 * 0.04);
    NEAR(s.hits[1].weight, 2.0 * 0.04);
    assert_string_equal(s.hits[0].intensifier, "include");
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    s = score("Common faults such as failure of the seals are rare.");
    assert_string_equal(only_hit(&s)->intensifier, "such");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    /* "such" lists only before "as" */
    s = score("There was such failure in the plant.");
    NEAR(only_hit(&s)->weight, 2.0);
    /* the verb must come before the item */
    s = score("The failure includes the pumps.");
    NEAR(only_hit(&s)->weight, 2.0);
    /* growth items keep their weight */
    s = score("The kit includes ways to learn quickly.");
    NEAR(only_hit(&s)->weight, 1.5);
    /* the writer's own troubles */
    s = score("My symptoms include failure of the knee.");
    NEAR(only_hit(&s)->weight, 2.0);
    /* a semicolon or a contrast ends the list */
    s = score("The kit includes pumps; the failure was total.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("The kit includes pumps, but the failure was total.");
    NEAR(only_hit(&s)->weight, 2.0 * 1.5);
}

/* Rule 23: every hit of a sentence that defines or names a term counts
 * x0.04; a first-person writer, or a phrase only like one, does not. */
static void test_defined_term(void **state)
{
    (void)state;
    ts_sentence s = score("A bear market is defined as a failure of prices to grow.");
    assert_int_equal(s.n_hits, 2);
    NEAR(s.hits[0].weight, 2.0 * 0.04);
    NEAR(s.hits[1].weight, 2.0 * 0.04);
    assert_string_equal(s.hits[0].intensifier, "defined");
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    s = score("The term \"failure mode\" names how a part breaks.");
    assert_string_equal(only_hit(&s)->intensifier, "term");
    s = score("Here, failure to progress refers to labor that stalls.");
    assert_string_equal(only_hit(&s)->intensifier, "refers");
    s = score("That pass is known as the hopeless gap.");
    assert_string_equal(only_hit(&s)->intensifier, "known");
    s = score("Sailing dead downwind is called a failure run.");
    assert_string_equal(only_hit(&s)->intensifier, "called");
    s = score("In lifting, failure simply means the last rep.");
    assert_string_equal(only_hit(&s)->intensifier, "means");
    /* no definition: a cause, a name given once, the writer's stance */
    s = score("The cuts mean failure for the clinic.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("He was called a failure by his coach.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("I define failure as not trying.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("At the end of the term the failure was plain.");
    NEAR(only_hit(&s)->weight, 2.0);
}

/* Rule 29: every hit of a sentence that states a rule counts x0.04; an
 * expectation, a past duty, a question, a first-person writer and a
 * purpose after "so" do not. */
static void test_stated_rule(void **state)
{
    (void)state;
    ts_sentence s = score("Any failure must be reported to the desk.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    assert_string_equal(only_hit(&s)->intensifier, "must");
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    s = score("A pump failure should be logged by the crew.");
    assert_string_equal(only_hit(&s)->intensifier, "should");
    s = score("Goggles are required after a failure of the shield.");
    assert_string_equal(only_hit(&s)->intensifier, "are");
    s = score("A late entry shall not count, and is no failure.");
    assert_string_equal(s.hits[0].intensifier, "shall");
    /* no rule */
    s = score("The failure should be quicker to find now.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("That failure must have hurt the team.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("Why must every failure be mine?");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("I must admit the failure was total.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("You must learn from every failure.");
    NEAR(s.hits[1].weight, 2.0);   /* an exhortation: the verb is a hit */
    s = score("Each failure must be logged so the crew can learn.");
    assert_int_equal(s.n_hits, 2);
    NEAR(s.hits[0].weight, 2.0 * 0.04);
    NEAR(s.hits[1].weight, 1.5);
}

/* Rule 34: every hit of a sentence told in the present or future passive
 * of a procedure (a participle that is no hit, then where, when, by whom
 * or how often) counts x0.04; the past, a person's lot after a pronoun,
 * a passive with nothing after it, a measure ("down"), a question and a
 * first-person writer do not. */
static void test_procedure(void **state)
{
    (void)state;
    ts_sentence s = score("Each failure is logged on the shift sheet.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    assert_string_equal(only_hit(&s)->intensifier, "logged");
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    s = score("Pump failures are usually reported by the crew.");
    assert_string_equal(only_hit(&s)->intensifier, "reported");
    s = score("Every failure is published quarterly.");
    assert_string_equal(only_hit(&s)->intensifier, "published");
    s = score("A talk on failure will be held Tuesday.");
    assert_string_equal(only_hit(&s)->intensifier, "held");
    /* no procedure */
    s = score("The failure was reported by the crew.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("They are blamed by everyone for the failure.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("The cause of that failure is unexplained.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("Failures are down by half this year.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("Why is every failure logged on the sheet?");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("I think my failure is logged on the sheet.");
    NEAR(only_hit(&s)->weight, 2.0);
}

/* Rule 35: every hit of a sentence that opens by naming its field ("In
 * chess, ...") counts x0.04; a time, a person's, a phrase of discourse
 * and a field that holds a hit do not open one. */
static void test_in_field(void **state)
{
    (void)state;
    ts_sentence s = score("In chess, a failure to castle is a common slip.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    assert_string_equal(only_hit(&s)->intensifier, "in");
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    s = score("In the board game a player who stalls meets failure.");
    assert_string_equal(only_hit(&s)->intensifier, "in");
    s = score("In comedy slang, a failure is called a bomb.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    /* no field */
    s = score("In 2019, the launch was a failure.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("In March the launch was a failure.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("In his last letters he called himself a failure.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("In fact, the launch was a failure.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("In the failure of the pump, two workers were hurt.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("In chess I see every loss as a failure.");
    NEAR(only_hit(&s)->weight, 2.0);
}

/* Rule 39: every hit of a statement about a kind, hedged by "usually",
 * "typically", "generally" or "commonly", counts x0.04; not after a
 * semicolon, a question mark or a contrast word, nor when the writer
 * speaks of himself or of "we". */
static void test_generic(void **state)
{
    (void)state;
    ts_sentence s = score("A seal of this kind usually ends in failure.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    assert_string_equal(only_hit(&s)->intensifier, "usually");
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    s = score("Young cats typically learn to hunt by watching.");
    NEAR(only_hit(&s)->weight, 1.5 * 0.04);
    assert_string_equal(only_hit(&s)->intensifier, "typically");
    /* a hedge of the writer's answer, his habit, his circle's promise */
    s = score("Progress is slow; it usually feels like failure.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("Is it a failure? It usually is.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("I usually end in failure.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("We usually treat a failure as data.");
    NEAR(only_hit(&s)->weight, 2.0);
}

/* Rule 40: every hit of a sentence whose first clause tells what a work
 * holds ("the lesson asks", "the game tells") counts x0.04; not a work in
 * a later clause, a noun after "of" or before a break, nor the writer's
 * own. */
static void test_contents(void **state)
{
    (void)state;
    ts_sentence s = score("The game tells the story of a failure.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    assert_string_equal(only_hit(&s)->intensifier, "tells");
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    s = score("This week's lesson looks at failure in the space race.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    assert_string_equal(only_hit(&s)->intensifier, "looks");
    s = score("The new version adds a hopeless level.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.04);
    /* "looks" without "at" tells no contents */
    s = score("The lesson looks like a failure.");
    NEAR(only_hit(&s)->weight, 2.0);
    /* a work in a later clause, a noun, the writer's own */
    s = score("It was a failure, and the new version adds nothing.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("The map of notes named the failure.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("Patch notes: the failure is gone.");
    NEAR(only_hit(&s)->weight, 2.0);
    s = score("My lesson tells of my failure.");
    NEAR(only_hit(&s)->weight, 2.0);
}

/* ------------------------------------------------------------------------
 * Reframes and the tone formula
 * ---------------------------------------------------------------------- */

/* Rule 48: a sentence whose every hit is a setback denied by a negator of
 * existence ("nobody", "no", "nothing") reports that nothing bad happened:
 * its hits count x0.04 and name no setback; a verb's negation, another hit
 * or a denied act of quitting keep the tone. */
static void test_denied_existence(void **state)
{
    (void)state;
    ts_sentence s = score("Nobody felt hopeless after the drill.");
    const ts_hit *h = only_hit(&s);
    assert_true(h->flags & TS_HIT_NEGATED);
    NEAR(h->weight, 2.0 * 0.74 * 0.04);
    assert_string_equal(h->intensifier, "nobody");
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    assert_false(s.reframe);
    /* denied by a verb: a stance, still growth and a reframe */
    s = score("We never felt hopeless after the drill.");
    NEAR(only_hit(&s)->weight, 2.0 * 0.74);
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    assert_true(s.reframe);
    /* another hit in the sentence: left alone */
    s = score("Nobody felt hopeless, and we learn.");
    assert_int_equal(s.n_hits, 2);
    NEAR(s.hits[0].weight, 2.0 * 0.74 * 0.5);
    assert_true(s.reframe);
    /* a denied act of quitting is an exhortation (rule 4) */
    s = score("Nobody wants to give up.");
    NEAR(only_hit(&s)->weight, 2.5 * 0.74);
    assert_int_equal(s.label, TS_LABEL_GROWTH);
}

static void test_reframe(void **state)
{
    (void)state;
    ts_sentence s = score("Failure is an opportunity to learn.");
    assert_int_equal(s.n_hits, 3);
    NEAR(s.negativity, 2.0);
    NEAR(s.growth, 2.7);
    assert_true(s.reframe);
    assert_int_equal(s.label, TS_LABEL_GROWTH);
    /* G == N still frames it constructively */
    s = score("Failure makes us grow.");
    NEAR(s.growth, s.negativity);
    assert_true(s.reframe);
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    /* no setback, no reframe; a setback alone, no reframe */
    s = score("We learn and grow.");
    assert_false(s.reframe);
    s = score("Failure is hopeless.");
    assert_false(s.reframe);
}

static void test_tone_formula_and_labels(void **state)
{
    (void)state;
    NEAR(ts_tone(0, 0), 0);
    NEAR(ts_tone(3, 1), 2.0 / sqrt(4.0 + TS_TONE_ALPHA));
    NEAR(ts_tone(1, 3), -2.0 / sqrt(4.0 + TS_TONE_ALPHA));
    assert_true(ts_tone(1000, 0) < 1.0 && ts_tone(1000, 0) > 0.99);
    assert_true(ts_tone(0, 1000) > -1.0 && ts_tone(0, 1000) < -0.99);
    assert_int_equal(ts_tone_label(0.05), TS_LABEL_GROWTH);
    assert_int_equal(ts_tone_label(0.0499), TS_LABEL_NEUTRAL);
    assert_int_equal(ts_tone_label(0), TS_LABEL_NEUTRAL);
    assert_int_equal(ts_tone_label(-0.0499), TS_LABEL_NEUTRAL);
    assert_int_equal(ts_tone_label(-0.05), TS_LABEL_NEGATIVE);
    assert_string_equal(ts_label_name(TS_LABEL_GROWTH), "growth");
    assert_string_equal(ts_label_name(TS_LABEL_NEGATIVE), "negative");
    assert_string_equal(ts_label_name(TS_LABEL_NEUTRAL), "neutral");
    /* a span's label is its mean sentence tone's */
    ts_stats st;
    memset(&st, 0, sizeof st);
    st.sentences = 4;
    st.tone_sum = 0.19;
    st.words = 50;
    st.growth = 5;
    assert_int_equal(ts_stats_label(&st), TS_LABEL_NEUTRAL);
    st.tone_sum = 0.2;
    assert_int_equal(ts_stats_label(&st), TS_LABEL_GROWTH);
    NEAR(ts_stats_growth_per100(&st), 10);
    memset(&st, 0, sizeof st);
    NEAR(ts_stats_mean_tone(&st), 0);
    NEAR(ts_stats_growth_per100(&st), 0);
}

/* Rule 13: a term capitalised inside a sentence is part of a name or a
 * title, unless the sentence is in Title Case or a quote or colon may
 * start a sentence there. */
static void test_names_and_titles(void **state)
{
    (void)state;
    ts_sentence s = score("Visitation is at Hopeless Hall on Oak Avenue.");
    assert_true(only_hit(&s)->flags & TS_HIT_NAME);
    NEAR(s.hits[0].weight, s.hits[0].base_weight * TS_NAME_FACTOR);
    assert_int_equal(s.label, TS_LABEL_NEUTRAL);
    /* a name names no setback: no reframe beside a growth word */
    s = score("She kept learning and finished the Failure at 75.");
    assert_int_equal(s.n_hits, 2);
    assert_true(s.hits[1].flags & TS_HIT_NAME);
    assert_false(s.reframe);
    /* lower case, the first word, after a colon or a quote: a tone */
    s = score("Visitation is at the hopeless hall on Oak Avenue.");
    assert_false(only_hit(&s)->flags & TS_HIT_NAME);
    s = score("Failure costs keep rising.");
    assert_false(only_hit(&s)->flags & TS_HIT_NAME);
    s = score("The coach said: Failure is a teacher.");
    assert_false(only_hit(&s)->flags & TS_HIT_NAME);
    s = score("He told us, \"Failure is a teacher.\"");
    assert_false(only_hit(&s)->flags & TS_HIT_NAME);
    /* a run of capitals after a quote is a title */
    s = score("The band played \"Opportunity Knocks\" at the end.");
    assert_true(only_hit(&s)->flags & TS_HIT_NAME);
    /* Title Case: capitals say nothing */
    s = score("Why Failure Matters for the Team");
    assert_false(only_hit(&s)->flags & TS_HIT_NAME);
    /* ALL CAPS is emphasis, not a name */
    s = score("That was a FAILURE of a day.");
    assert_false(only_hit(&s)->flags & TS_HIT_NAME);
}

/* Rule 14: an opening clause of time is conceded like "although". */
static void test_time_clause(void **state)
{
    (void)state;
    ts_sentence s = score("After the failure, we learn.");
    assert_int_equal(s.n_hits, 2);
    assert_true(s.hits[0].flags & TS_HIT_BEFORE_CONTRAST);
    NEAR(s.hits[0].weight, 2.0 * TS_CONTRAST_BEFORE);
    assert_true(s.hits[1].flags & TS_HIT_AFTER_CONTRAST);
    NEAR(s.hits[1].weight, 1.5 * TS_CONTRAST_AFTER);
    assert_true(s.reframe);
    /* not at the start, no comma, nothing after it: no turn */
    s = score("We learn after the failure, every time.");
    assert_false(s.hits[0].flags & (TS_HIT_BEFORE_CONTRAST | TS_HIT_AFTER_CONTRAST));
    s = score("When failure comes we learn.");
    assert_false(s.hits[0].flags & TS_HIT_BEFORE_CONTRAST);
    /* a contrast word wins */
    s = score("When it failed, we tried, but we learn.");
    for (size_t k = 0; k < s.n_hits; k++)
        if (!strcmp(s.hits[k].term, "failure"))
            assert_true(s.hits[k].flags & TS_HIT_BEFORE_CONTRAST);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_hit_and_tone),
        cmocka_unit_test(test_phrases_consume_words),
        cmocka_unit_test(test_negation),
        cmocka_unit_test(test_nt_words_negate),
        cmocka_unit_test(test_boosters_and_dampeners),
        cmocka_unit_test(test_all_caps),
        cmocka_unit_test(test_contrast),
        cmocka_unit_test(test_semicolon_weighs_last_clause),
        cmocka_unit_test(test_never_more_is_superlative),
        cmocka_unit_test(test_verb_is_not_a_label),
        cmocka_unit_test(test_turn_in_time),
        cmocka_unit_test(test_turn_now_and_next),
        cmocka_unit_test(test_turn_now_consequence),
        cmocka_unit_test(test_dated_change),
        cmocka_unit_test(test_repair_after_setback),
        cmocka_unit_test(test_measure_rise),
        cmocka_unit_test(test_harm_falls),
        cmocka_unit_test(test_on_timetable),
        cmocka_unit_test(test_quoted_label),
        cmocka_unit_test(test_listed_item),
        cmocka_unit_test(test_defined_term),
        cmocka_unit_test(test_stated_rule),
        cmocka_unit_test(test_procedure),
        cmocka_unit_test(test_in_field),
        cmocka_unit_test(test_generic),
        cmocka_unit_test(test_contents),
        cmocka_unit_test(test_names_and_titles),
        cmocka_unit_test(test_time_clause),
        cmocka_unit_test(test_not_only),
        cmocka_unit_test(test_turned_into),
        cmocka_unit_test(test_contrast_answer),
        cmocka_unit_test(test_then_now),
        cmocka_unit_test(test_still_not),
        cmocka_unit_test(test_cost_rise),
        cmocka_unit_test(test_result_harm),
        cmocka_unit_test(test_provision_cut),
        cmocka_unit_test(test_by_time),
        cmocka_unit_test(test_success_denied),
        cmocka_unit_test(test_first_attempt),
        cmocka_unit_test(test_so_deed),
        cmocka_unit_test(test_own_answer),
        cmocka_unit_test(test_deed_now),
        cmocka_unit_test(test_first_deed),
        cmocka_unit_test(test_opener_deed),
        cmocka_unit_test(test_result_of),
        cmocka_unit_test(test_never_will),
        cmocka_unit_test(test_some_are_just),
        cmocka_unit_test(test_futile_scope),
        cmocka_unit_test(test_sarcastic_opener),
        cmocka_unit_test(test_denied_existence),
        cmocka_unit_test(test_reframe),
        cmocka_unit_test(test_tone_formula_and_labels),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
