/* scorer.c - sentence scoring (stage 6).
 *
 * The rules of DESIGN section 5 (boosters and dampeners among the 3
 * preceding words, decaying; ALL CAPS +0.7; negation among the 3 preceding
 * words moves a hit to the other dimension at x0.74; contrast x0.5 before,
 * x1.5 after; reframe = N > 0 and G >= N), refined by four rules that the
 * labelled tuning sentences called for:
 *
 *  1. "not ... yet": a verbal negator ("not", "cannot", any "n't" or "nt"
 *     form) followed later in the same clause by "yet" speaks of a skill
 *     still being built, not of a denial: "I can't do it yet".  Such a
 *     negator negates nothing and the "yet" is not a contrast.  The pair
 *     names a shortfall and frames it as temporary, a reframe in small:
 *     it scores a negativity hit "not ... yet" (setback, NOT_YET_SHORTFALL)
 *     on the negator and a growth hit "not ... yet" (possibility,
 *     NOT_YET_WEIGHT) on the "yet".
 *  2. A contrast word with no word after it in the sentence ("He was
 *     right, though.") contrasts with the previous sentence, not inside
 *     this one: it is ignored.
 *  3. Concessive contrast words ("although", "though", "even though",
 *     "despite", "in spite of", "whereas", "even if", "albeit") open a
 *     clause that is conceded: "Although the flood damaged the school, the
 *     community rebuilt it" means "the flood damaged the school, but the
 *     community rebuilt it".  Hits from the word to the end of its clause
 *     (the next , ; : or dash) count x0.5, all other hits x1.5.
 *     A habitual past told by its subject ("I used to", "we used to", ...
 *     "they used to") concedes in the same way: "I used to panic before exams;
 *     steady revision has made them manageable."
 *  4. A negativity term that a negator moved to growth still names the
 *     setback it denies: "This isn't a failure; it's a map of what I still
 *     need to learn" is a reframe even though N = 0 after negation.  So a
 *     sentence is a reframe when G >= N and either N > 0 or such a denied
 *     setback is present.  A denied act of quitting ("never give up") is
 *     an exhortation, not a setback, and does not count.
 *  5. A term named as a topic is not a tone: "A documentary about the war
 *     premieres next week", "the history of fear in cinema", "the annual
 *     crime rate", "a fire alarm test".  A hit counts x0.04 (it is
 *     listed, dampened by the word that frames it) when the next word is
 *     a noun that makes a single-word term a label (alarm, test, rate,
 *     report, ...),
 *     or when, within eight words before it in its clause, a word that
 *     introduces a subject (about, on, of, covers, examines, explains, ...)
 *     follows within three words a work that has one (book, documentary,
 *     history, study, unit, course, report, ...).  A work that is itself
 *     a hit counts x0.04 when the next word is a word of subject or of
 *     finding ("the study of grief", "a study found").  The lists are in
 *     mention_frame().
 *  6. A negator belongs to the nearest hit: it does not reach past a hit
 *     of the other dimension to negate a later one.  "not afraid to learn"
 *     negates "afraid" only; "haven't failed to understand" negates
 *     "failed" only.
 *  7. A negator one or two words before a verb of opinion ("don't think",
 *     "can't really imagine") negates the hits of the clause the verb
 *     introduces, up to eight words on: "I don't think I'm cut out for
 *     it" denies "cut out for".
 *  8. With no contrast word, a sentence whose clauses are joined by
 *     ", and", ", so", ", which" or a semicolon, with hits on both sides,
 *     puts its weight on the last clause: hits before x0.5, after x1.5
 *     ("The outage was a nightmare, and the review gave us three fixes").
 *     A clause-initial "so" is then a conjunction, not a booster.
 *  9. "never" or "couldn't" before a hit that a comparative follows
 *     closely in its clause makes a superlative, not a denial: "she has
 *     never enjoyed her work more", "we couldn't be happier", "they have
 *     never been fitter".
 * 10. A single word that a verb cue precedes ("to", a subject pronoun,
 *     a modal) is a verb, so rule 5's label test does not apply to it:
 *     "to learn data analysis" is learning, "a learning data set" is not.
 * 11. After the last setback of a sentence, a word that moves the story on
 *     in time ("we have since added monitoring", "six years later, he
 *     swims open-water races"), with more of the sentence after it, tells
 *     what came of the setback: it scores a growth hit "setback ... since"
 *     (resilience, TURN_WEIGHT).  "since" counts only after have/has/had,
 *     so "unemployed since March" is no turn.  "now", "eventually",
 *     "afterwards" and "the next" turn as well ("the agency moved into new
 *     sectors and now earns more", "the next kiln load came out glossy"),
 *     and so do "these days" and "this" before a span of time (year,
 *     time, season, term, spring, ...) when they open a clause ("; this
 *     year every household got an alert", "and these days I treat it as
 *     a sign"), not when they end a count ("the fourth this year"),
 *     but "now" before an obligation ("now I have to repeat the course",
 *     "now we must wait") tells a consequence, not a turn.
 * 12. A setback answered by a deed: after the first setback of a sentence,
 *     a verb of repair or response that is not itself a hit ("we added
 *     monitoring and a runbook", "she re-sat the exam in June", "we
 *     rebuilt the page from scratch", "the owners reached out, listened")
 *     tells what was done about it: the first such verb scores a growth
 *     hit "setback ... repair" (resilience, REPAIR_WEIGHT).  A negator
 *     within the three words before it denies the deed ("we never fixed
 *     it"), "added to" adds to the trouble, not a fix, and "began" or
 *     "started" count only before an -ing form ("began flagging look-alike
 *     names", not "the fire started at midnight"); "set" and "stepped"
 *     count only with their particle ("set up alerts", "stepped in", not
 *     "set a date", "stepped down"), and "built" or "trained" before
 *     "in" or "by" describe ("homes built in the 1920s").  "instead"
 *     tells another way taken ("the parade got rained out, so the band
 *     played in the gym instead"), but "instead of" names what was not
 *     done.  Without a
 *     setback before it the verb scores nothing ("the city added two bus
 *     routes").  The verbs are in repairs[].
 * 13. A term capitalised inside a sentence of mostly lower-case words is
 *     part of a name or a title, not a tone: "visitation at Lindgren
 *     Funeral Home", "she finished the Inferno", "the band will play
 *     Amazing Grace", "they met on Hope Street".  Such a hit counts
 *     x TS_NAME_FACTOR.  The first word of a sentence, a word after an
 *     opening quote, bracket, colon or dash (where a quoted or new
 *     sentence may start), a word in ALL CAPS (rule of emphasis) and
 *     sentences in Title Case are left alone.
 * 14. A sentence that opens with a clause of time ("after", "when",
 *     "once", "following") that names a setback, cut off by a comma and
 *     followed by more, puts its weight on the main clause, as a
 *     concessive does: the opening clause counts x0.5, the rest x1.5.  "After the 2019 outbreak, the
 *     county trained 200 contact tracers" tells the response; "When the
 *     plant closed, 300 people lost their jobs" stays bad news.  Applies
 *     only when the sentence has no contrast word.
 * 15. Progress told by numbers: a measure that a place, a team or a cause
 *     wants more of (visitors, turnout, adoptions, donations, scores, ...),
 *     followed within five words of its clause by a word of rise (up,
 *     rose, climbed, jumped, doubled, ...) that is not itself a hit and
 *     not denied, scores a growth hit "measure ... up" (improvement,
 *     MEASURE_WEIGHT): "adoptions are up 25 percent", "turnout among
 *     first-time voters jumped 15 points".  "up" counts only before an
 *     amount, "by" or "from".  Measures of cost or harm (rents, prices,
 *     cases) and the figures of market reports (sales, revenue, profits,
 *     told neutrally however they move) are not listed, so "rents are up
 *     20 percent" and "retail sales rose 0.4 percent" score nothing.
 *     The words are in measures[] and rises[].
 * 16. A harm that falls is good news, as "fewer injuries" is: a
 *     negativity term followed in its clause by a word of fall (fell,
 *     dropped, halved, declined, ...) that an amount or a measure of it
 *     follows ("by", a number, "sharply", "from"), with only words such
 *     as "have", "been", "among them" between, is negated by the fall:
 *     "complaints have fallen by half", "soft-tissue injuries halved the
 *     following year", "crime fell 12 percent".  A negativity phrase that
 *     is the fall itself ("dropped sharply" after "injuries") is negated
 *     with it.  "down" counts only before a number ("broken down by age"
 *     is no fall), and a fall after a verb or a preposition is no fall of
 *     the harm ("crashed and dropped 10 percent", "bombs dropped on the
 *     city").  The words are in falls[] and fall_gaps[].
 * 17. A session on a timetable is a topic named (rule 5): when every
 *     hit of a sentence is a single word of effort or learning that is
 *     not after a verb cue (rule 10) and not a form in -ed or -ing, and the
 *     sentence names a day or an hour (Tuesday, Thursdays, tomorrow,
 *     noon, a.m., ...), it counts x MENTION_FACTOR: "Practice is on
 *     Tuesdays and Thursdays from 5:30 to 7", "Dress rehearsal is
 *     Thursday", "Rehearsal call tomorrow is 10 a.m."  "We practise on
 *     Tuesdays", "she practised on Sunday" and "after three years of
 *     rehearsing, the choir sings on Saturday" tell a deed.  The words
 *     are in whens[].
 * 18. A short quoted label is a name, not a tone: a hit inside a
 *     quotation of at most four words that opens the sentence or follows
 *     a determiner (the, a, its, our, ...), and that closes right after a
 *     letter or a digit, counts x MENTION_FACTOR and names no setback for
 *     rule 12: "the \"Best Answer\" badge is awarded by the original
 *     poster", "\"Happy Tails\" is the name of the newsletter section",
 *     "our \"aggressive dog\" policy requires an assessment".  A judgement
 *     reported in quotes is a tone: "critics called it \"brilliant\"",
 *     "my Lady Macbeth was \"too polite\"", and so is a quoted sentence
 *     ("\"Great job,\" the coach said").
 * 19. "not only" and "not just" open an addition, not a denial: "not" is
 *     no negator before "only" or "just" in its clause, so "support not
 *     only replaced mine but explained what they'd changed" keeps the
 *     deed of rule 12, and "not just fixed, but improved" keeps the fix.
 * 20. A setback turned into something else is a reframe: a negativity
 *     term that "turned", "turn" or "turning" precedes within three words
 *     of its clause and "into" follows ("he turned the wreckage into this
 *     hour", "turned that fear into something like fascination", "turn
 *     your mistakes into lessons") adds a growth hit "turned ... into"
 *     (resilience) on the verb, of TRANSFORM_WEIGHT or of the setback's
 *     own weight plus TRANSFORM_MARGIN if that is more; the setback keeps
 *     its weight.  "The storm turned the streets into rivers" names no
 *     setback as the object, and "the protest turned into a riot" has
 *     none between the verb and "into", so neither scores.
 *
 * Of several contrast words the last one counts, as before. */
#include "scorer.h"

#include <math.h>
#include <string.h>

#include "alloc.h"

#define QUITTING "quitting"
#define MENTION_FACTOR 0.04   /* rule 5: a topic named, not a tone */
#define MENTION_SPAN 8        /* rule 5: words back to the work */

/* What a word does besides (or instead of) scoring. */
typedef struct role {
    ts_modifier_kind kind;   /* TS_MOD_NONE for ordinary words */
    double value;            /* booster/dampener amount */
    const char *word;        /* the modifier as written in the lexicon */
    int in_hit;              /* covered by a scoring match */
    unsigned hit_dims;       /* 1 << entry dimension of the hits on it */
} role;

/* A word of the lists of word_classes() with every class it has there
 * ("report" is both a work and a head). */
typedef struct class_word {
    const char *word;        /* static storage */
    unsigned classes;        /* WC_* */
    UT_hash_handle hh;
} class_word;

/* A hit while the sentence is being scored: text is an offset until all
 * hits exist, because the string buffer may move as it grows. */
typedef struct pending_hit {
    ts_hit hit;
    size_t text_off;
} pending_hit;

struct ts_scorer {
    const ts_lexicon *lex;
    ts_memo *memo;
    ts_tokens tokens;
    ts_word_info **info;        /* per token, NULL for numbers */
    role *roles;                /* per token */
    size_t cap;                 /* room in info and roles */
    pending_hit *pending;
    ts_hit *hits;
    size_t n_hits, hits_cap;
    ts_buf strings;             /* hit texts, NUL-separated */
    class_word *classes;        /* the word lists, by word */
    class_word *class_store;    /* their records, one block */
    size_t text_len;            /* length of the sentence being scored */
    unsigned sentence_classes;  /* all classes of the sentence's words:
                                   rules whose words are absent are
                                   skipped */
};

static int build_classes(ts_scorer *s);

ts_scorer *ts_scorer_new(const ts_lexicon *lex, ts_memo *memo)
{
    ts_scorer *s = ts_calloc(1, sizeof *s);
    if (!s) return NULL;
    s->lex = lex;
    s->memo = memo;
    if (build_classes(s)) {
        ts_scorer_free(s);
        return NULL;
    }
    return s;
}

void ts_scorer_free(ts_scorer *s)
{
    if (!s) return;
    ts_tokens_free(&s->tokens);
    ts_free(s->info);
    ts_free(s->roles);
    ts_free(s->pending);
    ts_free(s->hits);
    ts_buf_free(&s->strings);
    HASH_CLEAR(hh, s->classes);
    ts_free(s->class_store);
    ts_free(s);
}

static int reserve_tokens(ts_scorer *s, size_t n)
{
    if (n <= s->cap) return 0;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < n) cap *= 2;
    /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
    ts_word_info **info = ts_realloc(s->info, cap * sizeof *info);
    if (!info) return -1;
    s->info = info;
    role *roles = ts_realloc(s->roles, cap * sizeof *roles);
    if (!roles) return -1;
    s->roles = roles;
    s->cap = cap;
    return 0;
}

/* Word classes the rules ask about, computed once per distinct word and
 * kept in its memo record (a scan of these lists per hit was a fifth of
 * the run time). */
enum {
    WC_KNOWN = 1u << 0,      /* classes computed */
    WC_WORK = 1u << 1,       /* rule 5: a work with a subject */
    WC_ABOUT = 1u << 2,      /* rule 5: introduces a subject */
    WC_HEAD = 1u << 3,       /* rule 5: makes a term a label */
    WC_YET = 1u << 4,        /* rule 1: "yet" */
    WC_VERBAL_NEG = 1u << 5, /* rule 1: not, cannot, n't, nt */
    WC_RAISE = 1u << 6,      /* rule 7: think, believe, ... */
    WC_LINK = 1u << 7,       /* rule 8: and, so, which */
    WC_FINDS = 1u << 8,      /* rule 5: what a study does: finds, shows */
    WC_INERT = 1u << 9,      /* match() has nothing to do with it: no
                                phrase starts there, no modifier, no
                                entry, no "n't" (most words) */
    WC_NT = 1u << 10,        /* ends in "n't": a negator */
    WC_VERB_CUE = 1u << 11,  /* rule 10: the next word is a verb */
    WC_COMPARE = 1u << 12,   /* rule 9: more, better, fitter */
    WC_TURN = 1u << 13,      /* rule 11: since, later */
    WC_REPAIR = 1u << 14,    /* rule 12: added, rebuilt, fixed, ... */
    WC_MEASURE = 1u << 15,   /* rule 15: visitors, turnout, sales, ... */
    WC_RISE = 1u << 16,      /* rule 15: up, rose, climbed, jumped, ... */
    WC_FALL = 1u << 17,      /* rule 16: fell, dropped, halved, ... */
    WC_FALL_GAP = 1u << 18,  /* rule 16: have, been, among, ... */
    WC_WHEN = 1u << 19,      /* rule 17: Tuesday, tomorrow, noon, ... */
    WC_TURNER = 1u << 20,    /* rule 20: turned, turn, turning */
    WC_OPENER = 1u << 21,    /* rule 14: after, when, once, following */
    WC_SMALL = 1u << 22      /* rule 13: words titles leave small */
};

static unsigned classify(const ts_scorer *s, ts_word_info *w);

/* Rule 19 of the header: "not" before "only" or "just" opens an addition
 * ("not only replaced it but explained why"), not a denial. */
static int not_only(const ts_scorer *s, const ts_word_info *w, size_t i)
{
    if (w->modifier->modifier != TS_MOD_NEGATOR || strcmp(w->word, "not") != 0 ||
        i + 1 >= s->tokens.n || (s->tokens.v[i + 1].flags & TS_TOK_BREAK))
        return 0;
    const ts_word_info *next = s->info[i + 1];
    return next && (!strcmp(next->word, "only") || !strcmp(next->word, "just"));
}

static inline unsigned word_classes(const ts_scorer *s, ts_word_info *w)
{
    return (w->classes & WC_KNOWN) ? w->classes : classify(s, w);
}

static int add_hit(ts_scorer *s, const char *text, const ts_entry *e,
                   ts_dimension dim, size_t first, size_t n)
{
    if (s->n_hits == s->hits_cap) {
        size_t cap = s->hits_cap ? s->hits_cap * 2 : 16;
        pending_hit *p = ts_realloc(s->pending, cap * sizeof *p);
        if (!p) return -1;
        s->pending = p;
        ts_hit *h = ts_realloc(s->hits, cap * sizeof *h);
        if (!h) return -1;
        s->hits = h;
        s->hits_cap = cap;
    }
    const ts_token *a = &s->tokens.v[first];
    const ts_token *b = &s->tokens.v[first + n - 1];
    pending_hit *ph = &s->pending[s->n_hits];
    memset(ph, 0, sizeof *ph);
    ph->text_off = s->strings.len;
    if (ts_buf_append(&s->strings, text + a->off, b->off + b->len - a->off) ||
        ts_buf_putc(&s->strings, '\0'))
        return -1;
    ph->hit.term = e->term;
    ph->hit.key = e->key;
    ph->hit.category = e->category;
    ph->hit.entry_dim = dim;
    ph->hit.dim = dim;
    ph->hit.base_weight = e->weight;
    ph->hit.weight = e->weight;
    ph->hit.word = first;
    ph->hit.words = n;
    for (size_t k = first; k < first + n; k++) {
        s->roles[k].in_hit = 1;
        s->roles[k].hit_dims |= 1u << dim;
    }
    s->n_hits++;
    return 0;
}

/* Length of the longest phrase of list matching the tokens at i; stems
 * (scoring) or folded words (modifiers) are compared.  *which gets it. */
static size_t match_phrase(const ts_scorer *s, const ts_lex_phrases *list,
                           size_t i, int by_stem, const ts_lex_phrase **which)
{
    if (!list || i + 1 >= s->tokens.n) return 0;
    /* every phrase has a second word: if the next word is in no phrase at
     * all, none can match (the common case, decided without the list) */
    const ts_word_info *second = s->info[i + 1];
    const char *word = !second ? NULL
                       : by_stem ? second->stem_in_phrases
                                 : second->word_in_phrases;
    if (!word || !(list->seconds & ts_phrase_word_bit(word))) return 0;
    for (size_t k = 0; k < list->n; k++) {
        const ts_lex_phrase *ph = &list->v[k];
        if (i + ph->n > s->tokens.n) continue;
        size_t j = 1; /* the list is that of the first word */
        for (; j < ph->n; j++) {
            const ts_word_info *w = s->info[i + j];
            /* interned words: equal strings are the same pointer */
            if (!w || (by_stem ? w->stem_in_phrases : w->word_in_phrases) !=
                          ph->words[j])
                break;
        }
        if (j == ph->n) {
            *which = ph;
            return ph->n;
        }
    }
    return 0;
}

static int ends_with_nt(const char *w, size_t len)
{
    return len > 3 && memcmp(w + len - 3, "n't", 3) == 0;
}

static void set_role(role *r, const ts_entry *e)
{
    r->kind = e->modifier;
    r->value = e->weight;
    r->word = e->term;
}

/* Finds hits and modifier roles, left to right, longest match first. */
static int match(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    for (size_t i = 0; i < n;) {
        const ts_word_info *w = s->info[i];
        if (!w) {
            i++;
            continue;
        }
        if (word_classes(s, s->info[i]) & WC_INERT) {
            i++;
            continue;
        }
        const ts_lex_phrase *lp = NULL, *mp = NULL;
        size_t ll = match_phrase(s, w->phrases, i, 1, &lp);
        size_t ml = match_phrase(s, w->mod_phrases, i, 0, &mp);
        if (ll >= 2 && ll >= ml) {
            if (add_hit(s, text, lp->entry, lp->entry->dim, i, ll)) return -1;
            i += ll;
            continue;
        }
        if (ml >= 2) {
            for (size_t k = i; k < i + ml; k++) set_role(&s->roles[k], mp->entry);
            i += ml;
            continue;
        }
        if (w->modifier && w->modifier->modifier == TS_MOD_BOOSTER &&
            (i == 0 || (s->tokens.v[i].flags & TS_TOK_BREAK)) &&
            (word_classes(s, s->info[i]) & WC_LINK)) {
            /* rule 8: a clause that starts with "so" is a consequence,
             * not an intensified word ("..., so I practised") */
        } else if (w->modifier) {
            /* rule 19: "not only ... but" is an addition, no denial */
            if (!not_only(s, w, i)) set_role(&s->roles[i], w->modifier);
        } else if (word_classes(s, s->info[i]) & WC_NT) {
            s->roles[i].kind = TS_MOD_NEGATOR;
            s->roles[i].word = w->word;
        } else {
            for (int d = 0; d < 2; d++) {
                const ts_entry *e = w->entry ? w->entry->entry[d] : NULL;
                if (!e) e = w->prefix[d];
                if (e && add_hit(s, text, e, (ts_dimension)d, i, 1)) return -1;
            }
        }
        i++;
    }
    return 0;
}

#define NOT_YET_WEIGHT 1.5
#define NOT_YET_SHORTFALL 0.5

static const ts_entry not_yet_entry = {
    TS_ENTRY_PHRASE, "not ... yet", "not ... yet", TS_GROWTH, "possibility",
    TS_MOD_NONE, NOT_YET_WEIGHT, "rule", 0};
static const ts_entry not_yet_shortfall = {
    TS_ENTRY_PHRASE, "not ... yet", "not ... yet", TS_NEGATIVITY, "setback",
    TS_MOD_NONE, NOT_YET_SHORTFALL, "rule", 0};

/* Moves the last pending hit back to keep hits in sentence order. */
static void sort_last_hit(ts_scorer *s)
{
    for (size_t k = s->n_hits - 1;
         k > 0 && s->pending[k - 1].hit.word > s->pending[k].hit.word; k--) {
        pending_hit t = s->pending[k];
        s->pending[k] = s->pending[k - 1];
        s->pending[k - 1] = t;
    }
}

static int is_verbal_negator(const char *w, size_t n)
{
    return (n >= 3 && (!strcmp(w + n - 3, "not") || !strcmp(w + n - 3, "n't"))) ||
           (n >= 4 && !strcmp(w + n - 2, "nt"));
}


/* Rule 1 of the header: "not ... yet". */
static int not_yet(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_YET)) return 0;
    for (size_t i = 1; i < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || !(word_classes(s, w) & WC_YET)) continue;
        size_t found = n;
        /* back to the start of the clause: a break flag sits on the first
         * token after the punctuation */
        for (size_t j = i; j > 0; j--) {
            if (s->tokens.v[j].flags & TS_TOK_BREAK) break;
            const role *r = &s->roles[j - 1];
            if (r->kind == TS_MOD_NEGATOR && !r->in_hit && s->info[j - 1] &&
                (word_classes(s, s->info[j - 1]) & WC_VERBAL_NEG))
                found = j - 1;
        }
        if (found == n) continue;
        for (size_t j = found; j < i; j++)
            if (s->roles[j].kind == TS_MOD_NEGATOR) s->roles[j].kind = TS_MOD_NONE;
        s->roles[i].kind = TS_MOD_NONE;
        if (add_hit(s, text, &not_yet_shortfall, TS_NEGATIVITY, found, 1))
            return -1;
        sort_last_hit(s);
        if (add_hit(s, text, &not_yet_entry, TS_GROWTH, i, 1)) return -1;
        sort_last_hit(s);
    }
    return 0;
}

#define TURN_WEIGHT 1.5

/* Is token i just after "have", "has", "had" or a "'ve" form?  Then
 * "since" is the adverb of "we have since added", not the preposition of
 * "unemployed since March". */
static int after_have(const ts_scorer *s, size_t i)
{
    const ts_word_info *p = i > 0 ? s->info[i - 1] : NULL;
    if (!p || (s->tokens.v[i].flags & TS_TOK_BREAK)) return 0;
    const char *w = p->word;
    size_t n = p->word_len;
    return !strcmp(w, "have") || !strcmp(w, "has") || !strcmp(w, "had") ||
           (n > 3 && !strcmp(w + n - 3, "'ve"));
}

/* Does an obligation follow token i closely ("now I have to repeat the
 * course", "now we must wait")?  Then "now" tells a consequence of the
 * setback, not a turn. */
static int obliged_after(const ts_scorer *s, size_t i)
{
    for (size_t k = i + 1; k < s->tokens.n && k <= i + 3; k++) {
        const ts_word_info *w = s->info[k];
        if (!w || (s->tokens.v[k].flags & TS_TOK_BREAK)) return 0;
        if (!strcmp(w->word, "must")) return 1;
        if (!strcmp(w->word, "to") &&
            (!strcmp(s->info[k - 1]->word, "have") ||
             !strcmp(s->info[k - 1]->word, "has") ||
             !strcmp(s->info[k - 1]->word, "need") ||
             !strcmp(s->info[k - 1]->word, "needs")))
            return 1;
    }
    return 0;
}

/* Is token i ("this" or "these") the start of a present time set against
 * the past: "these days", "this year", "this time", "this season"?  Not
 * "this week's" or "this term's", which name a thing. */
static int this_time(const ts_scorer *s, const ts_word_info *w, size_t i)
{
    static const char *const spans[] = {
        "year", "time", "season", "term", "semester", "spring", "summer",
        "fall", "autumn", "winter", "round", "quarter", NULL};
    const ts_word_info *next = i + 1 < s->tokens.n ? s->info[i + 1] : NULL;
    if (!next || (s->tokens.v[i + 1].flags & TS_TOK_BREAK)) return 0;
    /* it opens its clause ("; this year", "and these days"), not ends a
     * count ("the fourth this year") */
    const ts_word_info *prev = i > 0 ? s->info[i - 1] : NULL;
    if (prev && !(s->tokens.v[i].flags & TS_TOK_BREAK) &&
        strcmp(prev->word, "and") != 0 && strcmp(prev->word, "but") != 0 &&
        strcmp(prev->word, "so") != 0 && strcmp(prev->word, "then") != 0)
        return 0;
    if (!strcmp(w->word, "these")) return !strcmp(next->word, "days");
    for (size_t k = 0; spans[k]; k++)
        if (!strcmp(next->word, spans[k])) return 1;
    return 0;
}

static const ts_entry turn_entry = {
    TS_ENTRY_PHRASE, "setback ... since", "setback ... since", TS_GROWTH,
    "resilience", TS_MOD_NONE, TURN_WEIGHT, "rule", 0};

/* Rule 11 of the header: after a setback, a word that moves the story on
 * in time ("have since added", "six years later"), followed by more of the
 * sentence and by no further setback, tells what came of it. */
static int time_turn(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_TURN) || n < 3) return 0;
    size_t first_neg = n, last_neg = 0;
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        if (h->entry_dim != TS_NEGATIVITY) continue;
        if (h->word < first_neg) first_neg = h->word;
        if (h->word + h->words > last_neg) last_neg = h->word + h->words;
    }
    if (first_neg == n) return 0;
    for (size_t i = last_neg; i + 1 < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || !(word_classes(s, w) & WC_TURN)) continue;
        if (!strcmp(w->word, "since") && !after_have(s, i)) continue;
        if (!strcmp(w->word, "next") &&
            !(i > 0 && s->info[i - 1] && !strcmp(s->info[i - 1]->word, "the")))
            continue;
        if (!strcmp(w->word, "now") && obliged_after(s, i)) continue;
        if ((!strcmp(w->word, "these") || !strcmp(w->word, "this")) &&
            !this_time(s, w, i))
            continue;
        if (add_hit(s, text, &turn_entry, TS_GROWTH, i, 1)) return -1;
        sort_last_hit(s);
        return 0;
    }
    return 0;
}

static const char *mention_frame(const ts_scorer *s, const ts_hit *h);
static const char *quoted_label(const ts_scorer *s, const ts_hit *h,
                                const char *text);

#define REPAIR_WEIGHT 2.0

static const ts_entry repair_entry = {
    TS_ENTRY_PHRASE, "setback ... repair", "setback ... repair", TS_GROWTH,
    "resilience", TS_MOD_NONE, REPAIR_WEIGHT, "rule", 0};

/* Rule 12 of the header: after a setback, the first verb of repair or
 * response that is not itself a hit and not denied tells what was done
 * about it. */
static int repair_deed(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_REPAIR) || n < 3) return 0;
    size_t first_neg = n;
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        /* a topic named ("a panic button") is no setback (rule 5) */
        if (h->entry_dim == TS_NEGATIVITY && h->word < first_neg &&
            !mention_frame(s, h) && !quoted_label(s, h, text))
            first_neg = h->word;
    }
    if (first_neg == n) return 0;
    for (size_t i = first_neg + 1; i < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || !(word_classes(s, w) & WC_REPAIR))
            continue;
        const ts_word_info *next = i + 1 < n ? s->info[i + 1] : NULL;
        if (!strcmp(w->word, "added") && next && !strcmp(next->word, "to"))
            continue;
        /* "we played in the gym instead": another way taken; "instead
         * of" names what was not done */
        if (!strcmp(w->word, "instead") && next && !strcmp(next->word, "of"))
            continue;
        /* "began flagging", "started using": a new habit, not a start
         * of anything ("the fire started at midnight") */
        if ((!strcmp(w->word, "began") || !strcmp(w->word, "started")) &&
            !(next && next->word_len > 4 &&
              !strcmp(next->word + next->word_len - 3, "ing")))
            continue;
        /* "we set up alerts", "her understudy stepped in": only with
         * their particle ("set a record", "stepped down" are no repair) */
        if (!strcmp(w->word, "set") &&
            !(next && !strcmp(next->word, "up")))
            continue;
        if (!strcmp(w->word, "stepped") &&
            !(next && (!strcmp(next->word, "in") || !strcmp(next->word, "up"))))
            continue;
        /* "homes built in the 1920s", "trained by": a participle that
         * describes, not a deed */
        if ((!strcmp(w->word, "built") || !strcmp(w->word, "trained")) &&
            next && (!strcmp(next->word, "in") || !strcmp(next->word, "by")))
            continue;
        int denied = 0;
        for (size_t j = i; j > 0 && i - j < 3; j--) {
            if (s->tokens.v[j].flags & TS_TOK_BREAK) break;
            if (s->roles[j - 1].kind == TS_MOD_NEGATOR) denied = 1;
        }
        if (denied) continue;
        if (add_hit(s, text, &repair_entry, TS_GROWTH, i, 1)) return -1;
        sort_last_hit(s);
        return 0;
    }
    return 0;
}

#define TRANSFORM_WEIGHT 2.0
#define TRANSFORM_MARGIN 0.5 /* rule 20: the turning outweighs what it turns */
#define TRANSFORM_SPAN 3   /* rule 20: words from the verb to the setback */

static const ts_entry transform_entry = {
    TS_ENTRY_PHRASE, "turned ... into", "turned ... into", TS_GROWTH,
    "resilience", TS_MOD_NONE, TRANSFORM_WEIGHT, "rule", 0};

/* Rule 20 of the header: a setback that is the object of "turned ...
 * into" is made into something else: "he turned the wreckage into this
 * hour", "she turned her grief into a foundation".  The setback keeps its
 * weight; the turning scores a growth hit on the verb. */
static int turned_into(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_TURNER) || n < 4) return 0;
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        size_t after = h->word + h->words;
        if (h->entry_dim != TS_NEGATIVITY || h->word == 0 || after >= n ||
            !s->info[after] || strcmp(s->info[after]->word, "into") != 0 ||
            (s->tokens.v[after].flags & TS_TOK_BREAK) ||
            mention_frame(s, h))
            continue;
        for (size_t j = h->word; j > 0 && h->word - j < TRANSFORM_SPAN; j--) {
            if (s->tokens.v[j].flags & TS_TOK_BREAK) break;
            ts_word_info *w = s->info[j - 1];
            if (!w || s->roles[j - 1].in_hit ||
                !(word_classes(s, w) & WC_TURNER))
                continue;
            double turned = h->base_weight + TRANSFORM_MARGIN;
            if (add_hit(s, text, &transform_entry, TS_GROWTH, j - 1, 1))
                return -1;
            if (turned > TRANSFORM_WEIGHT)
                s->pending[s->n_hits - 1].hit.base_weight = turned;
            sort_last_hit(s);
            return 0;
        }
    }
    return 0;
}

#define MEASURE_WEIGHT 1.5
#define MEASURE_SPAN 5   /* rule 15: words from the measure to the rise */

static const ts_entry measure_entry = {
    TS_ENTRY_PHRASE, "measure ... up", "measure ... up", TS_GROWTH,
    "improvement", TS_MOD_NONE, MEASURE_WEIGHT, "rule", 0};

/* Rule 15 of the header: a measure that a place or a cause wants more of,
 * followed closely in its clause by a word of rise that is not itself a
 * hit and not denied, tells progress: "adoptions are up 25 percent",
 * "turnout jumped 15 points".  "up" counts only before an amount or
 * "by"/"from" ("sales are up 8 percent", not "sales up the road"). */
static int measure_rise(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    unsigned need = WC_MEASURE | WC_RISE;
    if ((s->sentence_classes & need) != need || n < 3) return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || !(word_classes(s, w) & WC_MEASURE)) continue;
        for (size_t j = i + 1; j < n && j <= i + MEASURE_SPAN; j++) {
            if (s->tokens.v[j].flags & TS_TOK_BREAK) break;
            ts_word_info *r = s->info[j];
            if (!r || s->roles[j].in_hit || !(word_classes(s, r) & WC_RISE))
                continue;
            if (!strcmp(r->word, "up")) {
                if (j + 1 >= n || (s->tokens.v[j + 1].flags & TS_TOK_BREAK))
                    break;
                const ts_word_info *a = s->info[j + 1];
                if (a && strcmp(a->word, "by") != 0 && strcmp(a->word, "from") != 0)
                    break;
            }
            for (size_t k = j; k > i + 1; k--)
                if (s->roles[k - 1].kind == TS_MOD_NEGATOR) return 0;
            if (add_hit(s, text, &measure_entry, TS_GROWTH, j, 1)) return -1;
            sort_last_hit(s);
            return 0;
        }
    }
    return 0;
}

/* Rule 3 of the header: does this contrast word concede? */
static int is_concessive(const char *term)
{
    static const char *const words[] = {"although", "though", "even though",
                                        "despite", "in spite of", "whereas",
                                        "even if", "albeit", "i used to",
                                        "we used to", "you used to",
                                        "he used to", "she used to",
                                        "they used to", NULL};
    for (size_t k = 0; words[k]; k++)
        if (!strcmp(term, words[k])) return 1;
    return 0;
}

/* Boosters and dampeners count less the further back they stand. */
static double decay(size_t distance)
{
    return distance <= 1 ? 1.0 : distance == 2 ? 0.95 : 0.9;
}

/* Where contrast weighting applies: hits in [lo, hi) count x0.5, all
 * others x1.5.  For "X but Y" lo = 0 and hi = the contrast word. */
typedef struct contrast_span {
    int active;
    size_t lo, hi;     /* the de-emphasised words */
    size_t word;       /* the contrast word itself: neither */
    double before, after;
} contrast_span;

#define LINK_BEFORE 0.5
#define LINK_AFTER 1.5

/* Rule 8 of the header: with no contrast word, the last clause joined by
 * ", and", ", so" or ", which" carries more of the weight. */
/* Is the clause break before token i a semicolon? */
static int semicolon_before(const ts_scorer *s, const char *text, size_t i)
{
    const ts_token *prev = &s->tokens.v[i - 1];
    const char *from = text + prev->off + prev->len;
    return memchr(from, ';', (size_t)(text + s->tokens.v[i].off - from)) != NULL;
}

static contrast_span find_link(const ts_scorer *s, const char *text)
{
    contrast_span c = {0, 0, 0, 0, TS_CONTRAST_BEFORE, TS_CONTRAST_AFTER};
    size_t n = s->tokens.n;
    if (n < 3) return c;
    if (!(s->sentence_classes & WC_LINK)) {
        /* no link word: only a semicolon can join the clauses */
        const ts_token *first = &s->tokens.v[0], *last = &s->tokens.v[n - 1];
        if (!memchr(text + first->off, ';', last->off - first->off)) return c;
    }
    for (size_t i = n - 2; i > 0; i--) {
        if (!(s->tokens.v[i].flags & TS_TOK_BREAK)) continue;
        int semicolon = semicolon_before(s, text, i);
        if (!semicolon &&
            (s->roles[i].in_hit || s->roles[i].kind != TS_MOD_NONE))
            continue;
        ts_word_info *w = s->info[i];
        if (!semicolon && (!w || !(word_classes(s, w) & WC_LINK))) continue;
        /* only a turn between two scored clauses is weighed */
        int before = 0, after = 0;
        for (size_t k = 0; k < n; k++)
            if (s->roles[k].in_hit) {
                if (k < i) before = 1;
                else after = 1;
            }
        if (!before || !after) break;
        c.active = 1;
        c.lo = 0;
        c.hi = i;
        c.word = semicolon ? n : i;   /* after ';' the first word may score */
        c.before = LINK_BEFORE;
        c.after = LINK_AFTER;
        break;
    }
    return c;
}

/* Rule 14 of the header: a sentence that opens with a clause of time
 * ("After the outage, ...", "When the readers crashed, ...") concedes it
 * like "although": the clause counts x0.5, the rest x1.5. */
static contrast_span find_time_clause(const ts_scorer *s)
{
    contrast_span c = {0, 0, 0, 0, TS_CONTRAST_BEFORE, TS_CONTRAST_AFTER};
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_OPENER) || !s->info[0] ||
        s->roles[0].in_hit || !(s->info[0]->classes & WC_OPENER))
        return c;
    size_t end = 1;
    while (end < n && !(s->tokens.v[end].flags & TS_TOK_BREAK)) end++;
    if (end + 1 >= n) return c; /* no main clause after it */
    /* only a clause that names a setback is conceded ("Once I started
     * treating errors as a helpful colleague, ..." is no setback) */
    int setback = 0;
    for (size_t h = 0; h < s->n_hits; h++)
        if (s->pending[h].hit.entry_dim == TS_NEGATIVITY &&
            s->pending[h].hit.word < end)
            setback = 1;
    if (!setback) return c;
    c.active = 1;
    c.word = 0;
    c.lo = 0;
    c.hi = end;
    return c;
}

static contrast_span find_contrast(const ts_scorer *s, const char *text)
{
    contrast_span c = {0, 0, 0, 0, TS_CONTRAST_BEFORE, TS_CONTRAST_AFTER};
    size_t n = s->tokens.n;
    for (size_t i = 0; i < n; i++) {
        const role *r = &s->roles[i];
        if (r->kind != TS_MOD_CONTRAST || r->in_hit) continue;
        /* a multi-word contrast covers several tokens with one role */
        size_t last = i;
        while (last + 1 < n && s->roles[last + 1].kind == TS_MOD_CONTRAST &&
               s->roles[last + 1].word == r->word && !(s->tokens.v[last + 1].flags & TS_TOK_BREAK))
            last++;
        if (last + 1 >= n) break;        /* rule 2: nothing follows it */
        c.active = 1;
        c.word = i;
        if (r->word && is_concessive(r->word)) {
            size_t end = last + 1;
            while (end < n && !(s->tokens.v[end].flags & TS_TOK_BREAK)) end++;
            c.lo = i;
            c.hi = end;
        } else {
            c.lo = 0;
            c.hi = i;
        }
        i = last;
    }
    if (!c.active && n > 2) {
        contrast_span t = find_time_clause(s);
        return t.active ? t : find_link(s, text);
    }
    return c;
}

/* Rule 4 of the header: does this hit name a setback it denies? */
static int names_setback(const ts_hit *h)
{
    return (h->flags & TS_HIT_NEGATED) && h->entry_dim == TS_NEGATIVITY &&
           !(h->category && strcmp(h->category, QUITTING) == 0);
}

    /* works that have a subject, and words that introduce it */
static const char *const works[] = {
    "book", "books", "novel", "novels", "documentary", "documentaries",
    "film", "films", "movie", "movies", "series", "episode", "podcast",
    "article", "articles", "essay", "essays", "report", "reports",
    "study", "studies", "history", "histories", "chapter", "chapters",
    "unit", "module", "course", "courses", "lecture", "lectures",
    "seminar", "seminars", "syllabus", "curriculum", "exhibit",
    "exhibition", "museum", "memoir", "biography", "poem", "poems",
    "album", "theme", "themes", "research", "survey", "analysis",
    "textbook", "journal", "journals", "thesis", "dissertation",
    "conference", "panel", "statistics", "data", "assessment",
    "assessments", "audit", "audits", "manual", "manuals", "guide", "guides",
    "handbook", "chart", "charts", "checklist", "policy", "policies",
    "website", "page", "pages", "section", "sections", "table", "tables",
    "register", "workshop", "workshops", "class", "classes",
    "presentation", NULL};
static const char *const about[] = {
    "about", "on", "of", "cover", "covers", "covered", "covering",
    "examine", "examines", "examined", "examining", "explore", "explores",
    "explored", "exploring", "explain", "explains", "explained",
    "explaining", "trace", "traces", "traced", "tracing", "describe",
    "describes", "described", "describing", "discuss", "discusses",
    "discussed", "discussing", "include", "includes", "included",
    "including", "features", "featuring", "titled", "entitled", "called",
    "tracks", "lists", "chronicles", "chronicled", "documents", "follows",
    "recounts", "depicts", "portrays", NULL};
    /* nouns that turn a preceding term into a label: "fire alarm" */
static const char *const heads[] = {
    "rate", "rates", "figures", "report",
    "reports", "analysis", "alarm", "alarms", "button", "drill",
    "drills", "test", "tests", "shelter", "shelters", "insurance",
    "prevention", "awareness", "research", "studies", "survey",
    "hotline", "procedure", "procedures", "protocol", "protocols",
    "points", "fractures", "shootout", "overtime", "genre", "fiction",
    "novel", "novels", "film", "films", "movie", "movies", "museum",
    "memorial", "management", "care", "relief", "counselling", "counseling",
    "therapy", "statistics", "data", "scene", "level", "levels", NULL};

    /* verbs of opinion whose negation is read inside the clause they
     * introduce: "I don't think I'm cut out for it" (rule 7) */
static const char *const raisers[] = {
    "think", "believe", "expect", "suppose", "imagine", "reckon", "feel",
    "see", "guess", NULL};
    /* words that, after a clause break, add a clause that follows on from
     * the first: "The outage was a nightmare, and the review ..." (rule 8) */
static const char *const links[] = {"and", "so", "which", NULL};
    /* what a study or report does: "the study found", "a study of grief" */
static const char *const finds[] = {
    "found", "finds", "find", "shows", "showed", "show", "shown",
    "suggests", "suggested", "measured", "measures", "concluded",
    "concludes", "estimates", "estimated", "published", "examined",
    "tracked", "followed", "compared", NULL};

    /* words after which a term is a verb, not a noun that a following
     * noun could make a label: "to learn data analysis", "we study film" */
static const char *const verb_cues[] = {
    "to", "i", "we", "you", "they", "he", "she", "can", "could", "will",
    "would", "should", "must", "might", "may", "did", "do", "does", NULL};
    /* comparatives that turn a negated hit into a superlative: "she has
     * never enjoyed her work more", "it couldn't be better" (rule 9) */
static const char *const comparatives[] = {
    "more", "better", "worse", "happier", "prouder", "stronger", "easier",
    "clearer", "fitter", "sharper", "healthier", "calmer", "closer", NULL};
    /* negators that make such superlatives: "never been fitter", "couldn't
     * be happier" (not "not": "it is not better" is a plain denial) */
    /* words that move a story on in time after a setback (rule 11) */
static const char *const turns[] = {"since", "later", "now", "next", "eventually", "afterwards", "afterward", "these", "this", NULL};
    /* verbs of repair or response: what was done about a setback
     * (rule 12); past forms and participles, which tell a deed done */
static const char *const repairs[] = {
    "added", "adding", "rebuilt", "rebuilding", "redesigned", "redesigning",
    "redid", "redone", "rewrote", "rewritten", "reworked", "reworking",
    "restructured", "reorganized", "reorganised", "rethought", "retooled",
    "revamped", "upgraded", "installed", "introduced", "hired", "replaced",
    "replacing", "tightened", "streamlined", "simplified", "automated",
    "documented", "fixed", "repaired", "patched", "mended", "resolved",
    "addressed", "tackled", "traced", "diagnosed", "retook", "retaken",
    "resat", "resubmitted", "reapplied", "retried", "retrained",
    "retraining", "restarted", "relaunched", "switched", "switching",
    "pivoted", "diversified", "tweaked", "refocused", "improvised",
    "rerouted", "responded", "answered", "listened", "apologized",
    "apologised", "volunteered", "drilled", "rehearse", "rehearsed",
    "rewired", "reinforced", "shored", "recalibrated", "recalibrating",
    "revised", "rearranged", "rearranging", "relearned", "reinvented",
    "regrouped", "retested", "reinstalled", "overhauled", "moved", "opened",
    "slowed", "sharpened", "began", "started", "built", "trained",
    "joined", "adopted", "implemented", "recruited",
    "partnered", "rescheduled", "rebooked", "renovated", "regraded",
    "set", "stepped", "instead", "refunded", "reimbursed", "corrected",
    "reshot", "remade", "redrafted", "redrew", "retrofitted", "enrolled",
    /* the first word of a hyphened re- verb ("re-sat", "re-ran"), which
     * the tokenizer splits */
    "re", NULL};
    /* what a place, a team or a cause wants more of (rule 15); not the
     * figures of market reports (sales, revenue, profits), which are told
     * neutrally however they move */
static const char *const measures[] = {
    "visitors", "visitor", "visits", "attendance", "turnout", "adoptions",
    "enrollment", "enrolment", "enrollments", "enrolments", "membership",
    "donations", "donors", "scores", "readership", "ridership",
    "subscribers", "signups", "compliance", "survival", "literacy",
    "participation", "vaccination", "graduation", "downloads", "listeners",
    "followers", "viewers", "viewership", "readers", "volunteers",
    "members", "recycling", NULL};
    /* words of a rise (rule 15) */
static const char *const rises[] = {
    "up", "rose", "risen", "climbed", "climbing", "jumped", "soared",
    "soaring", "doubled", "tripled", "increased", "rebounded", "surged",
    "rises", "climbs", "jumps", "doubles", "rising", NULL};
    /* words of a fall (rule 16), and the words that may stand between a
     * harm and its fall ("injuries among them have dropped sharply") */
static const char *const falls[] = {
    "fell", "fallen", "dropped", "halved", "declined", "decreased",
    "plunged", "plummeted", "shrank", "shrunk", "down", NULL};
static const char *const fall_gaps[] = {
    "have", "has", "had", "been", "are", "were", "is", "was", "among",
    "them", "also", "already", "steadily", "all", "numbers", "figures",
    "counts", "each", "every", NULL};
    /* days and hours of a timetable (rule 17) */
static const char *const whens[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays",
    "saturdays", "sundays", "tomorrow", "tonight", "noon", "a.m.", "p.m.",
    "a.m", "p.m", "am", "pm", "o'clock", NULL};
    /* verbs of turning one thing into another (rule 20) */
static const char *const turners[] = {
    "turned", "turn", "turns", "turning", NULL};
static const char *const superlative_negators[] = {
    "never", "couldn't", "couldnt", NULL};

static const char *const yet[] = {"yet", NULL};

    /* words that open a clause of time (rule 14) */
static const char *const openers[] = {"after", "when", "once", "following",
                                      NULL};
    /* the short words a title in Title Case leaves in lower case (rule 13) */
static const char *const smalls[] = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet",
    "of", "on", "in", "at", "to", "by", "up", "as", "via", "vs",
    "with", "from", "into", "per", NULL};
static const struct {
    const char *const *words;
    unsigned wc;
} class_lists[] = {{works, WC_WORK}, {about, WC_ABOUT}, {heads, WC_HEAD},
                   {yet, WC_YET}, {raisers, WC_RAISE}, {links, WC_LINK},
                   {finds, WC_FINDS}, {verb_cues, WC_VERB_CUE},
                   {comparatives, WC_COMPARE}, {turns, WC_TURN},
                   {repairs, WC_REPAIR}, {measures, WC_MEASURE},
                   {rises, WC_RISE}, {falls, WC_FALL},
                   {fall_gaps, WC_FALL_GAP}, {whens, WC_WHEN},
                   {turners, WC_TURNER}, {openers, WC_OPENER},
                   {smalls, WC_SMALL}};

#define N_CLASS_LISTS (sizeof class_lists / sizeof *class_lists)

/* Indexes the lists above once per scorer, so that classing a word costs
 * one lookup instead of a string comparison with every listed word. */
static int build_classes(ts_scorer *s)
{
    size_t n = 0;
    for (size_t l = 0; l < N_CLASS_LISTS; l++)
        for (size_t k = 0; class_lists[l].words[k]; k++) n++;
    s->class_store = ts_calloc(n, sizeof *s->class_store);
    if (!s->class_store) return -1;
    size_t used = 0;
    for (size_t l = 0; l < N_CLASS_LISTS; l++) {
        for (size_t k = 0; class_lists[l].words[k]; k++) {
            const char *word = class_lists[l].words[k];
            size_t len = strlen(word);
            class_word *cw;
            HASH_FIND(hh, s->classes, word, len, cw);
            if (!cw) {
                cw = &s->class_store[used++];
                cw->word = word;
                TS_HASH_OOM_RESET();
                HASH_ADD_KEYPTR(hh, s->classes, word, len, cw);
                if (TS_HASH_OOM()) return -1;
            }
            cw->classes |= class_lists[l].wc;
        }
    }
    return 0;
}

/* Computes a word's classes, once per memo record. */
static unsigned classify(const ts_scorer *s, ts_word_info *w)
{
    unsigned c = WC_KNOWN;
    class_word *cw;
    HASH_FIND(hh, s->classes, w->word, w->word_len, cw);
    if (cw) c |= cw->classes;
    if (is_verbal_negator(w->word, w->word_len)) c |= WC_VERBAL_NEG;
    if (ends_with_nt(w->word, w->word_len)) c |= WC_NT;
    if (!w->phrases && !w->mod_phrases && !w->modifier && !w->entry &&
        !w->prefix[TS_GROWTH] && !w->prefix[TS_NEGATIVITY] && !(c & WC_NT))
        c |= WC_INERT;
    w->classes = c;
    return c;
}

/* Rule 5 of the header: is this hit a topic named rather than a tone
 * expressed?  Returns the word that makes it one, or NULL. */
static const char *mention_frame(const ts_scorer *s, const ts_hit *h)
{
    size_t n = s->tokens.n, next = h->word + h->words;
    int verb = h->word > 0 && s->info[h->word - 1] &&
               !(s->tokens.v[h->word].flags & TS_TOK_BREAK) &&
               (word_classes(s, s->info[h->word - 1]) & WC_VERB_CUE);
    if (h->words == 1 && !verb && next < n && s->info[next] &&
        !(s->tokens.v[next].flags & TS_TOK_BREAK) &&
        (word_classes(s, s->info[next]) & WC_HEAD))
        return s->info[next]->word;
    /* the hit is itself the work: "the study of grief", "a study found" */
    if (h->words == 1 && next < n && s->info[next] && s->info[h->word] &&
        !(s->tokens.v[next].flags & TS_TOK_BREAK) &&
        (word_classes(s, s->info[h->word]) & WC_WORK) &&
        (word_classes(s, s->info[next]) & (WC_ABOUT | WC_FINDS)))
        return s->info[next]->word;
    /* "<work> ... about|of|on ... <hit>", all in one clause */
    size_t lo = h->word > MENTION_SPAN ? h->word - MENTION_SPAN : 0;
    for (size_t p = h->word; p > lo; p--) {
        if (s->tokens.v[p].flags & TS_TOK_BREAK) return NULL;
        ts_word_info *w = s->info[p - 1];
        if (!w || !(word_classes(s, w) & WC_ABOUT)) continue;
        for (size_t q = p - 1; q > 0 && p - 1 - q < 3; q--) {
            if (s->tokens.v[q].flags & TS_TOK_BREAK) break;
            ts_word_info *m = s->info[q - 1];
            if (m && (word_classes(s, m) & WC_WORK)) return m->word;
        }
    }
    return NULL;
}

#define RAISE_SPAN 8   /* rule 7: words from the verb to the hit */

/* Rule 7 of the header: a negator just before a verb of opinion ("don't
 * think", "can't really imagine") negates the hits of the clause the verb
 * introduces.  Returns the negator, or NULL. */
static const char *raised_negator(const ts_scorer *s, const ts_hit *h)
{
    const ts_token *tok = s->tokens.v;
    size_t lo = h->word > RAISE_SPAN ? h->word - RAISE_SPAN : 0;
    for (size_t p = h->word; p > lo; p--) {
        if (tok[p].flags & TS_TOK_BREAK) return NULL;
        const role *r = &s->roles[p - 1];
        if (r->in_hit) {
            if (r->hit_dims & ~(1u << h->entry_dim)) return NULL;
            continue;
        }
        ts_word_info *v = s->info[p - 1];
        if (!v || !(word_classes(s, v) & WC_RAISE)) continue;
        /* the negator: one or two words before the verb, same clause */
        for (size_t q = p - 1; q > 0 && p - 1 - q < 2; q--) {
            if (tok[q].flags & TS_TOK_BREAK) break;
            const role *nr = &s->roles[q - 1];
            if (nr->kind == TS_MOD_NEGATOR && !nr->in_hit) return nr->word;
        }
        return NULL;
    }
    return NULL;
}

#define FALL_SPAN 4   /* rule 16: words from the harm to its fall */

/* Does token k hold a word of fall followed by an amount or a measure of
 * it ("fell 40 percent", "dropped by half", "have dropped sharply",
 * "halved the following year")? */
static int fall_at(const ts_scorer *s, size_t k)
{
    static const char *const how[] = {
        "by", "sharply", "steeply", "dramatically", "significantly",
        "substantially", "markedly", "from", "in", NULL};
    ts_word_info *w = s->info[k];
    if (!w || !(word_classes(s, w) & WC_FALL)) return 0;
    if (!strcmp(w->word, "halved")) return 1;
    size_t n = s->tokens.n;
    if (k + 1 >= n || (s->tokens.v[k + 1].flags & TS_TOK_BREAK)) return 0;
    ts_word_info *a = s->info[k + 1];
    if (!a) return 1;   /* a number */
    /* "down" only before an amount: "down 30 percent", not "broken down
     * by age" or "let down by" */
    if (!strcmp(w->word, "down")) return 0;
    for (size_t q = 0; how[q]; q++)
        if (!strcmp(a->word, how[q])) return 1;
    return 0;
}

/* Rule 16 of the header: a harm or a setback that falls ("injuries have
 * dropped sharply", "complaints have fallen by half") is good news, as
 * "fewer injuries" is: returns the word of fall, or NULL.  A hit that is
 * itself the fall ("dropped sharply" after "injuries") falls with it. */
static const char *harm_falls(const ts_scorer *s, const ts_hit *h)
{
    if (h->entry_dim != TS_NEGATIVITY || !(s->sentence_classes & WC_FALL))
        return NULL;
    size_t n = s->tokens.n;
    ts_word_info *first = s->info[h->word];
    if (first && (word_classes(s, first) & WC_FALL) && fall_at(s, h->word)) {
        /* the fall itself: a negativity word just before it */
        for (size_t k = h->word; k > 0 && h->word - k < FALL_SPAN; k--) {
            if (s->tokens.v[k].flags & TS_TOK_BREAK) break;
            const role *r = &s->roles[k - 1];
            ts_word_info *w = s->info[k - 1];
            if (r->in_hit && (r->hit_dims & (1u << TS_NEGATIVITY)))
                return first->word;
            if (!w || !(word_classes(s, w) & WC_FALL_GAP)) break;
        }
        return NULL;
    }
    for (size_t k = h->word + h->words; k < n && k < h->word + h->words + FALL_SPAN;
         k++) {
        if (s->tokens.v[k].flags & TS_TOK_BREAK) return NULL;
        if (fall_at(s, k)) return s->info[k]->word;
        ts_word_info *w = s->info[k];
        if (!w || !(word_classes(s, w) & WC_FALL_GAP)) return NULL;
    }
    return NULL;
}

/* Rule 17: is the hit a single word of effort or learning used as a noun
 * ("practice", "rehearsal", not "we practise", "practised",
 * "rehearsing")? */
static int session_word(const ts_scorer *s, const ts_hit *h)
{
    if (h->entry_dim != TS_GROWTH || h->words != 1 || !h->category ||
        (strcmp(h->category, "effort") != 0 &&
         strcmp(h->category, "learning") != 0))
        return 0;
    ts_word_info *w = s->info[h->word];
    if (!w || (w->word_len > 2 && !strcmp(w->word + w->word_len - 2, "ed")) ||
        (w->word_len > 4 && !strcmp(w->word + w->word_len - 3, "ing")))
        return 0;   /* "practised on Sunday", "years of rehearsing" tell a
                       deed */
    return !(h->word > 0 && s->info[h->word - 1] &&
             !(s->tokens.v[h->word].flags & TS_TOK_BREAK) &&
             (word_classes(s, s->info[h->word - 1]) & WC_VERB_CUE));
}

/* Rule 17 of the header: is this hit a session named on a timetable
 * ("Practice is on Tuesdays and Thursdays", "Rehearsal call tomorrow is
 * 10 a.m.")?  Every hit of the sentence must be such a word.  Returns
 * the word of time, or NULL. */
static const char *on_timetable(const ts_scorer *s, const ts_hit *h)
{
    if (!(s->sentence_classes & WC_WHEN) || !session_word(s, h)) return NULL;
    for (size_t k = 0; k < s->n_hits; k++)
        if (!session_word(s, &s->pending[k].hit)) return NULL;
    for (size_t k = 0; k < s->tokens.n; k++) {
        ts_word_info *t = s->info[k];
        if (t && (word_classes(s, t) & WC_WHEN)) return t->word;
    }
    return NULL;
}

#define COMPARE_SPAN 4   /* rule 9: words from the hit to the comparative */

/* Rule 9 of the header: does a comparative follow the hit closely in its
 * clause ("never enjoyed her work more", "couldn't be happier")?  Then
 * "never" or "couldn't" before the hit makes a superlative, not a denial.
 * The hit may be the comparative itself: "never been fitter". */
static int comparative_follows(const ts_scorer *s, const ts_hit *h)
{
    if (!h->negator) return 0;
    size_t j = 0;
    while (superlative_negators[j] &&
           strcmp(h->negator, superlative_negators[j]) != 0)
        j++;
    if (!superlative_negators[j]) return 0;
    size_t end = h->word + h->words;
    for (size_t k = h->word; k < s->tokens.n && k < end + COMPARE_SPAN; k++) {
        if (k > h->word && (s->tokens.v[k].flags & TS_TOK_BREAK)) return 0;
        if (s->info[k] && (word_classes(s, s->info[k]) & WC_COMPARE)) return 1;
    }
    return 0;
}

/* Whether token i starts with a capital and has lower-case letters
 * ("Grace", "McKay"), as names and titles do; "I'm", "I've" do not
 * count. */
static int initial_capital(const ts_scorer *s, const char *text, size_t i)
{
    const ts_token *t = &s->tokens.v[i];
    const char *folded = ts_token_folded(&s->tokens, i);
    return text[t->off] >= 'A' && text[t->off] <= 'Z' &&
           (t->flags & TS_TOK_LOWER) && !(folded[0] == 'i' && folded[1] == '\'');
}

/* Rule 13: a sentence in Title Case ("Why Failure Matters for the
 * Team") capitalises everything, so its capitals say nothing about
 * names: every word after the first that starts in lower case is one of
 * the short words titles leave small. */
static int title_case(const ts_scorer *s, const char *text)
{
    size_t words = 0;
    for (size_t i = 1; i < s->tokens.n; i++) {
        const ts_token *t = &s->tokens.v[i];
        if (t->flags & (TS_TOK_NUMBER | TS_TOK_JOINED)) continue;
        words++;
        if (!(text[t->off] >= 'a' && text[t->off] <= 'z')) continue;
        if (!s->info[i] || !(s->info[i]->classes & WC_SMALL)) return 0;
    }
    return words > 0;
}

/* Rule 13: is the word after the hit capitalised too, in the same
 * clause ("Amazing Grace", "Hope Floats")? */
static int capital_follows(const ts_scorer *s, const ts_hit *h,
                           const char *text)
{
    size_t next = h->word + h->words;
    return next < s->tokens.n &&
           !(s->tokens.v[next].flags & TS_TOK_BREAK) &&
           initial_capital(s, text, next);
}

/* Rule 13 of the header: is the hit part of a name or title? */
static int in_name(const ts_scorer *s, const ts_hit *h, const char *text,
                   int *titled)
{
    size_t i = h->word;
    if (i == 0 || !initial_capital(s, text, i)) return 0;
    /* *titled: -1 until the sentence is looked at, once, when needed */
    if (*titled < 0) *titled = title_case(s, text);
    if (*titled) return 0;
    /* after a quote or a colon only a run of capitals is a title */
    if (capital_follows(s, h, text)) return 1;
    /* what precedes it, spaces skipped: a quote, bracket, colon or dash
     * may open a sentence of its own ("she said: Failure is a teacher") */
    size_t off = s->tokens.v[i].off;
    while (off > 0 && text[off - 1] == ' ') off--;
    if (off == 0) return 0;
    unsigned char c = (unsigned char)text[off - 1];
    if (c == '"' || c == '\'' || c == '(' || c == '[' || c == ':' ||
        c == '-')
        return 0;
    /* the last byte of a curly quote or a dash (U+2018, U+201C, U+2013,
     * U+2014): E2 80 98 / 9C / 93 / 94 */
    if (off >= 3 && (unsigned char)text[off - 3] == 0xE2 &&
        (unsigned char)text[off - 2] == 0x80 &&
        (c == 0x98 || c == 0x9C || c == 0x93 || c == 0x94))
        return 0;
    return 1;
}

/* Rule 18: does a quotation mark open just before token i (a straight
 * double quote or U+201C)? */
static int quote_opens(const ts_scorer *s, const char *text, size_t i)
{
    size_t off = s->tokens.v[i].off;
    if (off >= 1 && text[off - 1] == '"') return 1;
    return off >= 3 && (unsigned char)text[off - 3] == 0xE2 &&
           (unsigned char)text[off - 2] == 0x80 &&
           (unsigned char)text[off - 1] == 0x9C;
}

/* Rule 18: does a quotation mark close just after token i (a straight
 * double quote or U+201D), right after a letter or a digit? */
static int quote_closes(const ts_scorer *s, const char *text, size_t len,
                        size_t i)
{
    const ts_token *t = &s->tokens.v[i];
    size_t end = t->off + t->len;
    if (end == 0 || end >= len) return 0;
    unsigned char last = (unsigned char)text[end - 1];
    if (!((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') ||
          (last >= '0' && last <= '9')))
        return 0;
    if (text[end] == '"') return 1;
    return end + 2 < len && (unsigned char)text[end] == 0xE2 &&
           (unsigned char)text[end + 1] == 0x80 &&
           (unsigned char)text[end + 2] == 0x9D;
}

#define QUOTE_SPAN 4   /* rule 18: words of a quoted label */

/* Rule 18 of the header: is the hit inside a short quoted label that
 * opens the sentence or follows a determiner ("the \"Best Answer\"
 * badge", "\"Happy Tails\" is the name of the newsletter")?  Returns
 * the word before the quote, or "quotes". */
static const char *quoted_label(const ts_scorer *s, const ts_hit *h,
                                const char *text)
{
    size_t len = s->text_len;
    static const char *const determiners[] = {
        "the", "a", "an", "its", "their", "our", "your", "his", "her",
        "my", "this", "that", NULL};
    size_t n = s->tokens.n, a = n, last = h->word + h->words - 1;
    for (size_t k = h->word + 1; k > 0 && h->word + 1 - k < QUOTE_SPAN; k--)
        if (quote_opens(s, text, k - 1)) {
            a = k - 1;
            break;
        }
    if (a == n) return NULL;
    size_t b = n;
    for (size_t k = last; k < n && k < a + QUOTE_SPAN; k++)
        if (quote_closes(s, text, len, k)) {
            b = k;
            break;
        }
    if (b == n) return NULL;
    if (a == 0) return "quotes";
    const ts_word_info *p = s->info[a - 1];
    if (!p) return NULL;
    for (size_t q = 0; determiners[q]; q++)
        if (!strcmp(p->word, determiners[q])) return p->word;
    return NULL;
}

/* Applies the modifier rules to one hit.  Returns 1 when the hit is part
 * of a name (rule 13): it keeps its small weight but names no setback for
 * a reframe.  (A topic of rule 5 still does: its frames are looser, and
 * "an essay came back covered in red ink" is a setback.) */
static int adjust(ts_scorer *s, ts_hit *h, const contrast_span *c,
                   const char *text, int *titled)
{
    const ts_token *tok = s->tokens.v;
    double w = h->base_weight;
    int negated = 0;
    const char *phrase = NULL;   /* a multi-word modifier counts once */
    int blocked = 0;             /* rule 6: a nearer hit of the other side */
    /* look back over at most TS_MODIFIER_WINDOW words of the same clause */
    for (size_t j = h->word; j > 0 && h->word - (j - 1) <= TS_MODIFIER_WINDOW;
         j--) {
        if (tok[j].flags & TS_TOK_BREAK) break;
        const role *r = &s->roles[j - 1];
        size_t distance = h->word - (j - 1);
        if (r->in_hit) {
            if (r->hit_dims & ~(1u << h->entry_dim)) blocked = 1;
            continue;
        }
        if (r->word && r->word == phrase) continue;
        if (r->word && strchr(r->word, ' ')) phrase = r->word;
        switch (r->kind) {
        case TS_MOD_NEGATOR:
            if (!negated && !blocked) {
                negated = 1;
                h->negator = r->word;
            }
            break;
        case TS_MOD_BOOSTER:
            w += r->value * decay(distance);
            h->flags |= TS_HIT_BOOSTED;
            if (!h->intensifier) h->intensifier = r->word;
            break;
        case TS_MOD_DAMPENER:
            w -= r->value * decay(distance);
            h->flags |= TS_HIT_DAMPENED;
            if (!h->intensifier) h->intensifier = r->word;
            break;
        default:
            break;
        }
    }
    if (negated && comparative_follows(s, h)) {
        negated = 0;
        h->negator = NULL;
    }
    if (!negated && !blocked) {
        const char *raised = raised_negator(s, h);
        if (raised) {
            negated = 1;
            h->negator = raised;
        }
    }
    if (!negated) {
        const char *fall = harm_falls(s, h);
        if (fall) {
            negated = 1;
            h->negator = fall;
        }
    }
    if (w < 0.05) w = 0.05;
    if (s->tokens.mixed_case) {
        for (size_t k = h->word; k < h->word + h->words; k++)
            if (tok[k].flags & TS_TOK_CAPS) {
                w += TS_CAPS_BONUS;
                h->flags |= TS_HIT_CAPS;
                break;
            }
    }
    if (negated) {
        h->flags |= TS_HIT_NEGATED;
        h->dim = h->entry_dim == TS_GROWTH ? TS_NEGATIVITY : TS_GROWTH;
        w *= TS_NEGATION_FACTOR;
    }
    if (c->active && h->word != c->word) {
        if (h->word >= c->lo && h->word < c->hi) {
            w *= c->before;
            h->flags |= TS_HIT_BEFORE_CONTRAST;
        } else {
            w *= c->after;
            h->flags |= TS_HIT_AFTER_CONTRAST;
        }
    }
    const char *frame = mention_frame(s, h);
    if (!frame) frame = on_timetable(s, h);
    if (!frame) frame = quoted_label(s, h, text);
    if (frame) {
        w *= MENTION_FACTOR;
        h->flags |= TS_HIT_DAMPENED;
        if (!h->intensifier) h->intensifier = frame;
    }
    int name = in_name(s, h, text, titled);
    if (name) {
        w *= TS_NAME_FACTOR;
        h->flags |= TS_HIT_NAME;
    }
    h->weight = w;
    return name;
}

int ts_scorer_score(ts_scorer *s, const char *text, size_t len,
                    ts_sentence *out)
{
    s->n_hits = 0;
    s->text_len = len;
    ts_buf_clear(&s->strings);
    if (ts_tokenize(&s->tokens, text, len)) return -1;
    size_t n = s->tokens.n;
    if (reserve_tokens(s, n ? n : 1)) return -1;
    ts_memo_trim(s->memo);
    s->sentence_classes = 0;
    for (int record = 0; record < 2; record++)
        for (size_t i = 0; i < n; i++)
            ts_memo_prefetch(s->memo, s->tokens.v[i].hash, record);
    for (size_t i = 0; i < n; i++) {
        memset(&s->roles[i], 0, sizeof s->roles[i]);
        if (s->tokens.v[i].flags & TS_TOK_NUMBER) {
            s->info[i] = NULL;
            continue;
        }
        s->info[i] = ts_memo_lookup_hashed(s->memo,
                                           ts_token_folded(&s->tokens, i),
                                           s->tokens.v[i].fold_len,
                                           s->tokens.v[i].hash);
        if (!s->info[i]) return -1;
        s->sentence_classes |= word_classes(s, s->info[i]);
    }
    if (match(s, text) || not_yet(s, text) || time_turn(s, text) ||
        repair_deed(s, text) || measure_rise(s, text) || turned_into(s, text))
        return -1;

    contrast_span contrast = find_contrast(s, text);
    int titled = -1; /* Title Case? asked only of a capitalised hit */
    double g = 0, neg = 0;
    int named = 0;   /* a setback named, even if denied (rule 4) */
    for (size_t k = 0; k < s->n_hits; k++) {
        ts_hit *h = &s->hits[k];
        *h = s->pending[k].hit;
        h->text = s->strings.data + s->pending[k].text_off;
        if (adjust(s, h, &contrast, text, &titled)) {
            /* a name: its weight counts, but it is no setback */
        } else if (h->dim == TS_NEGATIVITY || names_setback(h)) {
            named = 1;
        }
        if (h->dim == TS_GROWTH) g += h->weight;
        else neg += h->weight;
    }
    out->words = s->tokens.words;
    out->growth = g;
    out->negativity = neg;
    out->tone = ts_tone(g, neg);
    out->label = ts_tone_label(out->tone);
    out->reframe = named && g >= neg;
    out->hits = s->n_hits ? s->hits : NULL;
    out->n_hits = s->n_hits;
    return 0;
}
