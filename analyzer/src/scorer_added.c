/* scorer_added.c - the rules that add a hit of their own (see
 * scorer_impl.h; each is described at the top of scorer.c). */
#include "scorer_impl.h"

#include <string.h>

#define NOT_YET_WEIGHT 1.5
#define NOT_YET_SHORTFALL 0.5

static const ts_entry not_yet_entry = {
    TS_ENTRY_PHRASE, "not ... yet", "not ... yet", TS_GROWTH, "possibility",
    TS_MOD_NONE, NOT_YET_WEIGHT, "rule", 0};
static const ts_entry not_yet_shortfall = {
    TS_ENTRY_PHRASE, "not ... yet", "not ... yet", TS_NEGATIVITY, "setback",
    TS_MOD_NONE, NOT_YET_SHORTFALL, "rule", 0};

/* Adds a rule's own hit (one word long) on token at, in sentence order
 * among the others: 0, or -1 when memory ran out. */
static int add_rule_hit(ts_scorer *s, const char *text, const ts_entry *e,
                        ts_dimension dim, size_t at)
{
    if (ts_scorer_add_hit(s, text, e, dim, at, 1)) return -1;
    ts_scorer_sort_last_hit(s);
    return 0;
}

/* Rule 1 (top of scorer.c): "not ... yet". */
int ts_rule_not_yet(ts_scorer *s, const char *text)
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
        if (add_rule_hit(s, text, &not_yet_shortfall, TS_NEGATIVITY, found) ||
            add_rule_hit(s, text, &not_yet_entry, TS_GROWTH, i))
            return -1;
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
    return ts_streq(w, "have") || ts_streq(w, "has") || ts_streq(w, "had") ||
           (n > 3 && ts_streq(w + n - 3, "'ve"));
}

/* Does an obligation follow token i closely ("now I have to repeat the
 * course", "now we must wait")?  Then "now" tells a consequence of the
 * setback, not a turn. */
static int obliged_after(const ts_scorer *s, size_t i)
{
    for (size_t k = i + 1; k < s->tokens.n && k <= i + 3; k++) {
        const ts_word_info *w = s->info[k];
        if (!w || (s->tokens.v[k].flags & TS_TOK_BREAK)) return 0;
        if (ts_streq(w->word, "must")) return 1;
        if (ts_streq(w->word, "to") &&
            (ts_streq(s->info[k - 1]->word, "have") ||
             ts_streq(s->info[k - 1]->word, "has") ||
             ts_streq(s->info[k - 1]->word, "need") ||
             ts_streq(s->info[k - 1]->word, "needs")))
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
        !ts_streq(prev->word, "and") && !ts_streq(prev->word, "but") &&
        !ts_streq(prev->word, "so") && !ts_streq(prev->word, "then"))
        return 0;
    if (ts_streq(w->word, "these")) return ts_streq(next->word, "days");
    for (size_t k = 0; spans[k]; k++)
        if (ts_streq(next->word, spans[k])) return 1;
    return 0;
}

/* Does token i open its clause: a break before it, or "and", "but",
 * "so" or "then" right before it? */
static int starts_clause(const ts_scorer *s, size_t i)
{
    const ts_word_info *prev = i > 0 ? s->info[i - 1] : NULL;
    return !prev || (s->tokens.v[i].flags & TS_TOK_BREAK) ||
           ts_streq(prev->word, "and") || ts_streq(prev->word, "but") ||
           ts_streq(prev->word, "so") || ts_streq(prev->word, "then");
}

/* Rule 42 (top of scorer.c): is token i ("starting" or "within") the
 * start of a clause that dates a change: "starting Monday", "starting
 * next week", "starting in April"; "within a week", "within 48 hours"?
 * Only where it opens its clause: "changed suppliers within a week" and
 * "cuts will end weekend service starting in April" are left to the
 * rest of the sentence. */
static int dated_change(ts_scorer *s, const ts_word_info *w, size_t i)
{
    static const char *const spans[] = {
        "day", "days", "week", "weeks", "month", "months", "hour", "hours",
        "minutes", "year", "years", NULL};
    size_t n = s->tokens.n;
    if (!starts_clause(s, i) || i + 1 >= n) return 0;
    ts_word_info *next = s->info[i + 1];
    if (s->tokens.v[i + 1].flags & TS_TOK_BREAK) return 0;
    if (ts_streq(w->word, "starting"))
        return next && (ts_streq(next->word, "next") ||
                        ts_streq(next->word, "this") ||
                        ts_streq(next->word, "in") ||
                        ts_streq(next->word, "today") ||
                        (word_classes(s, next) & WC_WHEN));
    /* "within": an amount (a word or a number), then a span of time, in
     * the next three words */
    for (size_t k = i + 2; k < n && k <= i + 3; k++) {
        const ts_word_info *x = s->info[k];
        if (s->tokens.v[k].flags & TS_TOK_BREAK) return 0;
        if (!x) continue; /* a number: "within 48 hours" */
        for (size_t j = 0; spans[j]; j++)
            if (ts_streq(x->word, spans[j])) return 1;
    }
    return 0;
}

static int past_deed(const ts_scorer *s, ts_word_info *w);
static int word_is(const ts_scorer *s, size_t i, const char *word);

/* Is w a person as a subject: "i", "we", "you", "he", "she", "they", or
 * one of their contractions ("i've", "we're", "she's")? */
static int person_subject(const ts_word_info *w)
{
    static const char *const persons[] = {"i", "we", "you", "he", "she",
                                          "they", NULL};
    const char *apos = strchr(w->word, '\'');
    size_t len = apos ? (size_t)(apos - w->word) : w->word_len;
    for (size_t k = 0; persons[k]; k++)
        if (strlen(persons[k]) == len && !strncmp(w->word, persons[k], len))
            return 1;
    return 0;
}

/* Rule 11: does "now" at token i, after the setback that ends at token
 * last_neg, tell what the setback did rather than what was done about it?
 * So it reads when nobody acts in the sentence up to "now" (no person as
 * a subject before it or right after it) and nothing comes between the
 * setback and "now" but a plain join: no deed in the past, no growth hit,
 * and no "so", "but" or "yet" that sets an answer against the setback,
 * nor "which", "that", "who" or "why" that tie the clause to it.  "The
 * landlord ignored my complaints, and now my kid has asthma", "the budget
 * was cut again, and the library now opens one morning a week" tell a
 * consequence; "the review caught the error, and the adjuster now
 * double-checks", "so a second marshal now works the peak sailings" and
 * "and now I swim laps there" tell an answer. */
static int now_consequence(const ts_scorer *s, size_t first_neg,
                           size_t last_neg, size_t i)
{
    static const char *const ties[] = {"so", "but", "yet", "which", "that",
                                       "who", "why", NULL};
    size_t n = s->tokens.n;
    for (size_t k = 0; k <= i + 1 && k < n; k++) {
        if (s->info[k] && person_subject(s->info[k])) return 0;
        /* an answer set against the setback ("isn't working yet, but Lucy
         * has broken the problem into smaller tests") */
        if (k > first_neg && k < i && !s->roles[k].in_hit &&
            (word_is(s, k, "but") || word_is(s, k, "yet")))
            return 0;
    }
    /* the last setback denied ("no one was hurt") is relief, not harm */
    for (size_t k = first_neg; k < last_neg; k++)
        if (s->roles[k].kind == TS_MOD_NEGATOR && !s->roles[k].in_hit &&
            k + 4 >= last_neg)
            return 0;
    for (size_t k = last_neg; k < i; k++) {
        ts_word_info *w = s->info[k];
        if (s->roles[k].in_hit) return 0;
        /* a deed denied ("never called", "never even read the brief") is
         * more of the harm */
        int denied = 0;
        for (size_t j = k; j > 0 && k - j < 3; j--)
            if (s->roles[j - 1].kind == TS_MOD_NEGATOR) denied = 1;
        if (w && past_deed(s, w) && !denied) return 0;
    }
    /* the clause of "now", from the break or "and" that opens it */
    size_t from = i;
    while (from > last_neg && !(s->tokens.v[from].flags & TS_TOK_BREAK) &&
           !word_is(s, from - 1, "and"))
        from--;
    for (size_t k = from; k < i; k++)
        for (size_t t = 0; ties[t]; t++)
            if (word_is(s, k, ties[t])) return 0;
    return 1;
}

static const ts_entry dated_entry = {
    TS_ENTRY_PHRASE, "setback ... starting", "setback ... starting",
    TS_GROWTH, "resilience", TS_MOD_NONE, TURN_WEIGHT, "rule", 0};

static const ts_entry turn_entry = {
    TS_ENTRY_PHRASE, "setback ... since", "setback ... since", TS_GROWTH,
    "resilience", TS_MOD_NONE, TURN_WEIGHT, "rule", 0};

/* Rule 11 (top of scorer.c): after a setback, a word that moves the story on
 * in time ("have since added", "six years later"), followed by more of the
 * sentence and by no further setback, tells what came of it; so does a
 * clause that dates a change (rule 42: "starting Monday", "within a
 * week"). */
int ts_rule_time_turn(ts_scorer *s, const char *text)
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
        if (ts_streq(w->word, "since") && !after_have(s, i)) continue;
        if (ts_streq(w->word, "next") &&
            !(i > 0 && s->info[i - 1] && ts_streq(s->info[i - 1]->word, "the")))
            continue;
        if (ts_streq(w->word, "now") &&
            (obliged_after(s, i) ||
             now_consequence(s, first_neg, last_neg, i)))
            continue;
        if (ts_streq(w->word, "starting") || ts_streq(w->word, "within")) {
            if (!dated_change(s, w, i)) continue;
            return add_rule_hit(s, text, &dated_entry, TS_GROWTH, i);
        }
        if ((ts_streq(w->word, "these") || ts_streq(w->word, "this")) &&
            !this_time(s, w, i))
            continue;
        return add_rule_hit(s, text, &turn_entry, TS_GROWTH, i);
    }
    return 0;
}


#define REPAIR_WEIGHT 2.0

static const ts_entry repair_entry = {
    TS_ENTRY_PHRASE, "setback ... repair", "setback ... repair", TS_GROWTH,
    "resilience", TS_MOD_NONE, REPAIR_WEIGHT, "rule", 0};

/* Rule 12 (top of scorer.c): after a setback, the first verb of repair or
 * response that is not itself a hit and not denied tells what was done
 * about it. */
int ts_rule_repair_deed(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_REPAIR) || n < 3) return 0;
    size_t first_neg = n;
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        /* a topic named ("a panic button") is no setback (rule 5) */
        if (h->entry_dim == TS_NEGATIVITY && h->word < first_neg &&
            !ts_rule_mention_frame(s, h) && !ts_rule_quoted_label(s, h, text))
            first_neg = h->word;
    }
    if (first_neg == n) return 0;
    for (size_t i = first_neg + 1; i < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || !(word_classes(s, w) & WC_REPAIR))
            continue;
        const ts_word_info *next = i + 1 < n ? s->info[i + 1] : NULL;
        if (ts_streq(w->word, "added") && next && ts_streq(next->word, "to"))
            continue;
        /* "we played in the gym instead": another way taken; "instead
         * of" names what was not done */
        if (ts_streq(w->word, "instead") && next && ts_streq(next->word, "of"))
            continue;
        /* "began flagging", "started using": a new habit, not a start
         * of anything ("the fire started at midnight") */
        if ((ts_streq(w->word, "began") || ts_streq(w->word, "started")) &&
            !(next && next->word_len > 4 &&
              ts_streq(next->word + next->word_len - 3, "ing")))
            continue;
        /* "we set up alerts", "her understudy stepped in": only with
         * their particle ("set a record", "stepped down" are no repair) */
        if (ts_streq(w->word, "set") &&
            !(next && ts_streq(next->word, "up")))
            continue;
        if (ts_streq(w->word, "stepped") &&
            !(next && (ts_streq(next->word, "in") || ts_streq(next->word, "up"))))
            continue;
        /* "homes built in the 1920s", "trained by": a participle that
         * describes, not a deed */
        if ((ts_streq(w->word, "built") || ts_streq(w->word, "trained")) &&
            next && (ts_streq(next->word, "in") || ts_streq(next->word, "by")))
            continue;
        int denied = 0;
        for (size_t j = i; j > 0 && i - j < 3; j--) {
            if (s->tokens.v[j].flags & TS_TOK_BREAK) break;
            if (s->roles[j - 1].kind == TS_MOD_NEGATOR) denied = 1;
        }
        if (denied) continue;
        return add_rule_hit(s, text, &repair_entry, TS_GROWTH, i);
    }
    return 0;
}

#define TRANSFORM_WEIGHT 2.0
#define TRANSFORM_MARGIN 0.5 /* rule 20: the turning outweighs what it turns */
#define TRANSFORM_SPAN 3   /* rule 20: words from the verb to the setback */

static const ts_entry transform_entry = {
    TS_ENTRY_PHRASE, "turned ... into", "turned ... into", TS_GROWTH,
    "resilience", TS_MOD_NONE, TRANSFORM_WEIGHT, "rule", 0};

/* Rule 20 (top of scorer.c): a setback that is the object of "turned ...
 * into" is made into something else: "he turned the wreckage into this
 * hour", "she turned her grief into a foundation".  The setback keeps its
 * weight; the turning scores a growth hit on the verb. */
int ts_rule_turned_into(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_TURNER) || n < 4) return 0;
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        size_t after = h->word + h->words;
        if (h->entry_dim != TS_NEGATIVITY || h->word == 0 || after >= n ||
            !s->info[after] || !ts_streq(s->info[after]->word, "into") ||
            (s->tokens.v[after].flags & TS_TOK_BREAK) ||
            ts_rule_mention_frame(s, h))
            continue;
        for (size_t j = h->word; j > 0 && h->word - j < TRANSFORM_SPAN; j--) {
            if (s->tokens.v[j].flags & TS_TOK_BREAK) break;
            ts_word_info *w = s->info[j - 1];
            if (!w || s->roles[j - 1].in_hit ||
                !(word_classes(s, w) & WC_TURNER))
                continue;
            double turned = h->base_weight + TRANSFORM_MARGIN;
            if (ts_scorer_add_hit(s, text, &transform_entry, TS_GROWTH, j - 1, 1))
                return -1;
            if (turned > TRANSFORM_WEIGHT)
                s->pending[s->n_hits - 1].hit.base_weight = turned;
            ts_scorer_sort_last_hit(s);
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

/* Rule 15 (top of scorer.c): a measure that a place or a cause wants more of,
 * followed closely in its clause by a word of rise that is not itself a
 * hit and not denied, tells progress: "adoptions are up 25 percent",
 * "turnout jumped 15 points".  "up" counts only before an amount or
 * "by"/"from" ("sales are up 8 percent", not "sales up the road"). */
int ts_rule_measure_rise(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    ts_wclass need = WC_MEASURE | WC_RISE;
    if ((s->sentence_classes & need) != need || n < 3) return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || !(word_classes(s, w) & WC_MEASURE)) continue;
        for (size_t j = i + 1; j < n && j <= i + MEASURE_SPAN; j++) {
            if (s->tokens.v[j].flags & TS_TOK_BREAK) break;
            ts_word_info *r = s->info[j];
            if (!r || s->roles[j].in_hit || !(word_classes(s, r) & WC_RISE))
                continue;
            if (ts_streq(r->word, "up")) {
                if (j + 1 >= n || (s->tokens.v[j + 1].flags & TS_TOK_BREAK))
                    break;
                const ts_word_info *a = s->info[j + 1];
                if (a && !ts_streq(a->word, "by") && !ts_streq(a->word, "from"))
                    break;
            }
            for (size_t k = j; k > i + 1; k--)
                if (s->roles[k - 1].kind == TS_MOD_NEGATOR) return 0;
            return add_rule_hit(s, text, &measure_entry, TS_GROWTH, j);
        }
    }
    return 0;
}


#define ANSWER_WEIGHT 1.5
#define ANSWER_MIN_WORDS 3   /* rule 21: words in the answering clause */

static const ts_entry answer_entry = {
    TS_ENTRY_PHRASE, "setback ... but", "setback ... but", TS_GROWTH,
    "resilience", TS_MOD_NONE, ANSWER_WEIGHT, "rule", 0};

/* Is token i a "but" that excludes rather than contrasts: "nothing but
 * ads", "all but gone", "anything but easy"? */
static int excluding_but(const ts_scorer *s, size_t i)
{
    const ts_word_info *p = s->info[i - 1];
    if (!p || (s->tokens.v[i].flags & TS_TOK_BREAK)) return 0;
    return ts_streq(p->word, "nothing") || ts_streq(p->word, "anything") ||
           ts_streq(p->word, "all") || ts_streq(p->word, "everything");
}

/* Does token i open its clause: after , ; : or a dash, or after "and"
 * ("and yet")? */
static int opens_clause(const ts_scorer *s, size_t i)
{
    if (s->tokens.v[i].flags & TS_TOK_BREAK) return 1;
    const ts_word_info *p = s->info[i - 1];
    return p && ts_streq(p->word, "and");
}

/* Is token i followed by a conjunction, so that it closes a clause rather
 * than opening one ("vacancies declined, however, and claims rose")? */
static int conjunction_after(const ts_scorer *s, size_t i)
{
    const ts_word_info *w = i + 1 < s->tokens.n ? s->info[i + 1] : NULL;
    return w && (ts_streq(w->word, "and") || ts_streq(w->word, "or") ||
                 ts_streq(w->word, "so") || ts_streq(w->word, "but"));
}

/* Does the sentence hold a negativity hit at all (by its entry or after
 * negation)?  Rules 21, 27 and 28 answer a setback: most sentences name
 * none, and need not be read. */
static int any_setback(const ts_scorer *s)
{
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        if (h->entry_dim == TS_NEGATIVITY || h->dim == TS_NEGATIVITY) return 1;
    }
    return 0;
}

/* Rule 21 (top of scorer.c): a setback, then "but", "yet" or "however" and
 * a clause of at least ANSWER_MIN_WORDS words with no setback of its own:
 * that clause answers the setback. */
int ts_rule_contrast_answer(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_TURN_CONTRAST) || !any_setback(s)) return 0;
    size_t c = n; /* the last contrast word, as the contrast rule takes */
    for (size_t i = 1; i < n; i++) {
        const ts_word_info *w = s->info[i];
        if (!w || s->roles[i].kind != TS_MOD_CONTRAST || s->roles[i].in_hit)
            continue;
        int but = ts_streq(w->word, "but");
        if (!but && !ts_streq(w->word, "yet") && !ts_streq(w->word, "however"))
            continue;
        /* "yet" and "however" turn only where they open a clause ("the
         * best yet", "the plan, however, ..." do not) */
        if (but ? excluding_but(s, i) : !opens_clause(s, i)) continue;
        c = conjunction_after(s, i) ? n : i;
    }
    if (c == n || n - c - 1 < ANSWER_MIN_WORDS) return 0;
    int setback = 0;
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        /* a setback of its own: the ordinary contrast decides */
        if (h->word > c && h->dim == TS_NEGATIVITY) return 0;
        if (h->word < c && h->dim == TS_NEGATIVITY) setback = 1;
    }
    if (!setback) return 0;
    /* on the answer's first word: on the contrast word itself the hit
     * would take the word's place and so cancel the contrast */
    return add_rule_hit(s, text, &answer_entry, TS_GROWTH, c + 1);
}

#define THEN_WEIGHT 1.5
#define THEN_SPAN 10   /* rule 24: words from "from" to its "to" */

static const ts_entry then_entry = {
    TS_ENTRY_PHRASE, "then ... now", "then ... now", TS_GROWTH,
    "improvement", TS_MOD_NONE, THEN_WEIGHT, "rule", 0};

static int word_is(const ts_scorer *s, size_t i, const char *word)
{
    return i < s->tokens.n && s->info[i] && ts_streq(s->info[i]->word, word);
}

/* Is a negativity term at or after token i?  Then the change told is a
 * decline ("a year ago I had a job; now I'm out of work"). */
static int setback_from(const ts_scorer *s, size_t i)
{
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        if (h->entry_dim == TS_NEGATIVITY && h->word + h->words > i) return 1;
    }
    return 0;
}

/* Is token i a present set against the past: "now", "today", "these
 * days", "yesterday", "this week" opening a later clause?  "now" before an
 * obligation tells a consequence. */
static int present_at(const ts_scorer *s, size_t i)
{
    const ts_word_info *w = s->info[i];
    if (!w) return 0;
    if (ts_streq(w->word, "now")) return !obliged_after(s, i);
    if (ts_streq(w->word, "today") || ts_streq(w->word, "yesterday") ||
        ts_streq(w->word, "tonight"))
        return 1;
    if (ts_streq(w->word, "these")) return word_is(s, i + 1, "days");
    if (ts_streq(w->word, "this"))
        return word_is(s, i + 1, "morning") || word_is(s, i + 1, "week") ||
               word_is(s, i + 1, "month") || word_is(s, i + 1, "year") ||
               word_is(s, i + 1, "season") || word_is(s, i + 1, "spring") ||
               word_is(s, i + 1, "summer") || word_is(s, i + 1, "autumn") ||
               word_is(s, i + 1, "winter");
    return 0;
}

/* Does the clause before token i (a clause opener) name the present
 * ("Ten real pushups today, up from zero")? */
static int present_before(const ts_scorer *s, size_t i)
{
    for (size_t j = i; j > 0; j--) {
        if (present_at(s, j - 1)) return 1;
        if (s->tokens.v[j - 1].flags & TS_TOK_BREAK) return 0;
    }
    return 0;
}

/* "two years ago ..., and now ...": a clause anchored in the past, then a
 * later clause that opens on the present.  Returns the present's token or
 * n. */
static size_t ago_then_now(const ts_scorer *s, size_t i)
{
    size_t n = s->tokens.n;
    int later_clause = 0;
    for (size_t j = i + 1; j < n; j++) {
        if ((s->tokens.v[j].flags & TS_TOK_BREAK) || word_is(s, j - 1, "and"))
            later_clause = 1;
        if (later_clause && present_at(s, j)) return j;
    }
    return n;
}

/* "went from stacking shelves to leading the team", "has grown from six
 * students to forty": a change told by its two ends, in one clause.  Not a
 * way between places ("went from Boston to Chicago", "from the station to
 * the hotel", "from door to door", "from one shop to another"), nor "came
 * from" or "moved from", which tell an origin, nor "goes from", which
 * tells where a road runs, nor "go from here to get there".  Returns the "to" or n. */
static size_t from_to(const ts_scorer *s, const char *text, size_t i)
{
    size_t n = s->tokens.n;
    static const char *const goes[] = {"went", "gone", "go", "going", "grew",
                                       "grown", "grow", "grows", "growing",
                                       NULL};
    const ts_word_info *p = i > 0 ? s->info[i - 1] : NULL;
    if (!p || (s->tokens.v[i].flags & TS_TOK_BREAK) || i + 2 >= n) return n;
    int go = 0;
    for (size_t k = 0; goes[k]; k++)
        if (ts_streq(p->word, goes[k])) go = 1;
    unsigned char first = (unsigned char)text[s->tokens.v[i + 1].off];
    if (!go || (first >= 'A' && first <= 'Z') || word_is(s, i + 1, "the") ||
        word_is(s, i + 1, "one") || word_is(s, i + 1, "here") ||
        word_is(s, i + 1, "there"))
        return n;
    for (size_t j = i + 2; j + 1 < n && j <= i + THEN_SPAN; j++) {
        if (s->tokens.v[j].flags & TS_TOK_BREAK) return n;
        /* "clinging to the wall" is on the way to the other end */
        if ((!word_is(s, j, "to") && !word_is(s, j, "into")) ||
            word_is(s, j + 1, "the"))
            continue;
        first = (unsigned char)text[s->tokens.v[j + 1].off];
        if ((first >= 'A' && first <= 'Z') ||
            (s->info[j + 1] && s->info[j + 1] == s->info[i + 1]))
            return n;
        return j;
    }
    return n;
}

/* Rule 24 (top of scorer.c): a change told by its two ends, with no setback
 * at or after the later end, tells progress: "two years ago I couldn't
 * keep a betta alive; now my shrimp colony is breeding", "went from
 * stacking shelves to leading the team", "110 degrees now, up from 80". */
int ts_rule_then_now(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    /* "prices went from $3 to $5", "fees are up from last year": a
     * cost that rises is no progress (rule 26) */
    if (!(s->sentence_classes & WC_THEN) || (s->sentence_classes & WC_COST) ||
        n < 4)
        return 0;
    for (size_t i = 1; i + 1 < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || !(word_classes(s, w) & WC_THEN)) continue;
        size_t at = n;
        if (ts_streq(w->word, "ago")) {
            at = ago_then_now(s, i);
        } else if (ts_streq(w->word, "from")) {
            at = from_to(s, text, i);
        } else if ((s->tokens.v[i].flags & TS_TOK_BREAK) &&
                   word_is(s, i + 1, "from") && present_before(s, i)) {
            /* "110 degrees now, up from 80": a count of the present set
             * against an earlier one */
            at = setback_from(s, 0) ? n : i;
        }
        if (at == n || setback_from(s, at)) continue;
        return add_rule_hit(s, text, &then_entry, TS_GROWTH, at);
    }
    return 0;
}

#define STILL_WEIGHT 1.5

static const ts_entry still_entry = {
    TS_ENTRY_PHRASE, "still not", "still not", TS_NEGATIVITY, "setback",
    TS_MOD_NONE, STILL_WEIGHT, "rule", 0};

/* Is token j (after "still not", perhaps past "yet" or "been") a word of
 * knowing?  "it is still not clear who will chair", "the cause is still
 * not known": a question still open, which is news, not a lack. */
static int still_open_question(const ts_scorer *s, size_t j)
{
    static const char *const knowing[] = {"clear", "known", "certain", "sure",
                                          "decided", "confirmed", "settled",
                                          "determined", NULL};
    while (word_is(s, j, "yet") || word_is(s, j, "been")) j++;
    for (size_t k = 0; knowing[k]; k++)
        if (word_is(s, j, knowing[k])) return 1;
    return 0;
}

/* Rule 25 (top of scorer.c): "still" right before a negator ("crews still
 * have no repair date" is not, but "still no repair date", "still can't
 * follow", "still hasn't been replaced", "still nobody can tell me") tells
 * a lack that lasts past when it should have ended. */
int ts_rule_still_not(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_STILL) || n < 3) return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || !(word_classes(s, w) & WC_STILL))
            continue;
        if (s->tokens.v[i + 1].flags & TS_TOK_BREAK) continue;
        const role *r = &s->roles[i + 1];
        if (r->kind != TS_MOD_NEGATOR || r->in_hit) continue;
        if (still_open_question(s, i + 2)) continue;
        return add_rule_hit(s, text, &still_entry, TS_NEGATIVITY, i);
    }
    return 0;
}

#define COST_WEIGHT 1.5
#define COST_SPAN 5   /* rule 26: words from the cost to the rise */

static const ts_entry cost_entry = {
    TS_ENTRY_PHRASE, "cost ... up", "cost ... up", TS_NEGATIVITY, "setback",
    TS_MOD_NONE, COST_WEIGHT, "rule", 0};

/* Is token j a word of rise that a cost takes: those of rule 15, and
 * "rise", "increase", "hiked" ("dues will rise")?  "up to" is a ceiling
 * ("fares of up to $40"), not a rise. */
static int cost_rise_at(ts_scorer *s, size_t j)
{
    static const char *const more[] = {"rise", "increase", "increases",
                                       "hiked", "spiked", "skyrocketed",
                                       NULL};
    ts_word_info *r = s->info[j];
    if (!r || s->roles[j].in_hit) return 0;
    if (word_classes(s, r) & WC_RISE)
        return !ts_streq(r->word, "up") || !word_is(s, j + 1, "to");
    for (size_t k = 0; more[k]; k++)
        if (ts_streq(r->word, more[k])) return 1;
    return 0;
}

/* Rule 26 (top of scorer.c): what people pay, followed closely in its
 * clause by a word of rise that is not denied, is bad news for those who
 * pay it: "rents rose 22 percent", "dues will rise 14 percent", "flour
 * prices have doubled". */
int ts_rule_cost_rise(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_COST) || n < 3) return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || !(word_classes(s, w) & WC_COST))
            continue;
        for (size_t j = i + 1; j < n && j <= i + COST_SPAN; j++) {
            if (s->tokens.v[j].flags & TS_TOK_BREAK) break;
            if (!cost_rise_at(s, j)) continue;
            for (size_t k = j; k > i + 1; k--)
                if (s->roles[k - 1].kind == TS_MOD_NEGATOR) return 0;
            return add_rule_hit(s, text, &cost_entry, TS_NEGATIVITY, j);
        }
    }
    return 0;
}


#define FIRST_WEIGHT 1.5

static const ts_entry first_entry = {
    TS_ENTRY_PHRASE, "first ... setback", "first ... setback", TS_GROWTH,
    "resilience", TS_MOD_NONE, FIRST_WEIGHT, "rule", 0};

/* Is token i "first" after a possessive ("my first", "our first")? */
static int possessive_first(const ts_scorer *s, size_t i)
{
    /* told by those who went through it or to those who will: "his
     * first defeat", "their first loss of the season" are sports news */
    static const char *const owners[] = {"my", "our", "your", NULL};
    const ts_word_info *w = s->info[i];
    if (!w || w->word_len != 5 || !ts_streq(w->word, "first") || i == 0 ||
        (s->tokens.v[i].flags & TS_TOK_BREAK))
        return 0;
    const ts_word_info *p = s->info[i - 1];
    size_t at = i - 1;
    if (p && ts_streq(p->word, "very") && at > 0 &&
        !(s->tokens.v[at].flags & TS_TOK_BREAK)) {
        at--;
        p = s->info[at];
    }
    if (!p) return 0;
    for (size_t k = 0; owners[k]; k++)
        if (ts_streq(p->word, owners[k])) return 1;
    return 0;
}

/* Rule 27 (top of scorer.c): a setback told of one's own first attempt,
 * in the same clause ("I botched my first wheel build", "my first shop
 * closed"), is told from after it: there were later ones. */
int ts_rule_first_attempt(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 4 || !(s->sentence_classes & WC_ORDINAL_FIRST) || !any_setback(s))
        return 0;
    for (size_t i = 1; i < n; i++) {
        if (!possessive_first(s, i)) continue;
        /* the clause of "first" */
        size_t lo = i, hi = i + 1;
        while (lo > 0 && !(s->tokens.v[lo].flags & TS_TOK_BREAK)) lo--;
        while (hi < n && !(s->tokens.v[hi].flags & TS_TOK_BREAK)) hi++;
        int setback = 0;
        for (size_t k = 0; k < s->n_hits; k++) {
            const ts_hit *h = &s->pending[k].hit;
            if (h->entry_dim == TS_NEGATIVITY && h->word >= lo && h->word < hi &&
                !ts_rule_mention_frame(s, h) && !ts_rule_quoted_label(s, h, text))
                setback = 1;
        }
        if (!setback) continue;
        return add_rule_hit(s, text, &first_entry, TS_GROWTH, i);
    }
    return 0;
}


#define SO_DEED_WEIGHT 1.5
#define SO_SUBJECT_SPAN 4   /* rule 28: words from "so" to the subject */

static const ts_entry so_deed_entry = {
    TS_ENTRY_PHRASE, "setback, so ... did", "setback, so ... did", TS_GROWTH,
    "resilience", TS_MOD_NONE, SO_DEED_WEIGHT, "rule", 0};

/* Is w a subject pronoun? */
static int subject_pronoun(const ts_word_info *w)
{
    static const char *const subjects[] = {"i", "we", "he", "she", "they",
                                           NULL};
    for (size_t k = 0; subjects[k]; k++)
        if (ts_streq(w->word, subjects[k])) return 1;
    return 0;
}

/* Is w a verb in the past tense that tells a deed: a form in -ed, or a
 * common irregular past ("bought", "took", "spent": WC_PAST_DEED)?  The
 * class is read from the word's memo record, where it is kept once
 * computed, rather than by comparing the word with each irregular form
 * for every token a rule looks at. */
static int past_deed(const ts_scorer *s, ts_word_info *w)
{
    size_t n = w->word_len;
    if (n > 4 && w->word[n - 2] == 'e' && w->word[n - 1] == 'd') return 1;
    return (word_classes(s, w) & WC_PAST_DEED) != 0;
}

/* Rule 28 (top of scorer.c): a setback, then a clause opened by "so" in
 * which someone did something ("cracked two tiles, so I picked up a wet
 * saw"), with no setback of its own: the deed answers the setback. */
int ts_rule_so_deed(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 5 || !(s->sentence_classes & WC_SO) || !any_setback(s)) return 0;
    for (size_t i = 1; i + 2 < n; i++) {
        const ts_word_info *w = s->info[i];
        /* "so" that opens a clause: a conjunction, not "so badly" */
        if (!w || !(s->tokens.v[i].flags & TS_TOK_BREAK) ||
            !ts_streq(w->word, "so"))
            continue;
        size_t from = i + 1;   /* the clause after "so" */
        size_t end = from;
        while (end < n && !(s->tokens.v[end].flags & TS_TOK_BREAK)) end++;
        size_t verb = n;
        for (size_t k = from; k + 1 < end && k < from + SO_SUBJECT_SPAN; k++) {
            if (!s->info[k] || !subject_pronoun(s->info[k])) continue;
            size_t v = k + 1;
            ts_word_info *a = s->info[v];
            /* "so we've changed", "so we have changed" */
            if (a && v + 1 < end &&
                (ts_streq(a->word, "have") || ts_streq(a->word, "had") ||
                 ts_streq(a->word, "has")))
                a = s->info[++v];
            if (!a || !past_deed(s, a) ||
                (s->roles[v].hit_dims & (1u << TS_NEGATIVITY)))
                break;
            /* a deed the lexicons already score ("so I reorganized the
             * kitchen") still answers: the hit goes on its subject */
            verb = s->roles[v].in_hit ? k : v;
            break;
        }
        if (verb == n) continue;
        int setback = 0, own = 0;
        for (size_t k = 0; k < s->n_hits; k++) {
            const ts_hit *h = &s->pending[k].hit;
            if (h->word >= i && h->word < end && h->entry_dim == TS_NEGATIVITY)
                own = 1;   /* a setback of its own: "so I missed the bus" */
            if (h->word < i && h->entry_dim == TS_NEGATIVITY &&
                !ts_rule_mention_frame(s, h) && !ts_rule_quoted_label(s, h, text))
                setback = 1;
        }
        for (size_t k = from; k < end; k++)
            if (s->roles[k].kind == TS_MOD_NEGATOR) own = 1;
        if (!setback || own) continue;
        return add_rule_hit(s, text, &so_deed_entry, TS_GROWTH, verb);
    }
    return 0;
}


#define OWN_ANSWER_WEIGHT 1.5
#define OWN_ANSWER_MIN_WORDS 6   /* rule 49: words from the subject to the clause's end */

static const ts_entry own_answer_entry = {
    TS_ENTRY_PHRASE, "setback, and I did", "setback, and I did", TS_GROWTH,
    "resilience", TS_MOD_NONE, OWN_ANSWER_WEIGHT, "rule", 0};

/* Is w a word that may stand between the writer and his deed without
 * changing it ("I finally started", "we then rebuilt")? */
static int deed_adverb(const ts_word_info *w)
{
    static const char *const adverbs[] = {"finally", "then", "just", "also",
                                          "immediately", "quickly", NULL};
    for (size_t k = 0; adverbs[k]; k++)
        if (ts_streq(w->word, adverbs[k])) return 1;
    return 0;
}

/* Does the clause that opens at token i tell a deed of the writer or his
 * group: "I" or "we" (after "and", "then" or "now"), then a verb in the
 * past or the present perfect ("I sat", "we've pressed", "I have
 * kept")?  The token of the verb, or n. */
static size_t writer_deed(const ts_scorer *s, size_t i, size_t end)
{
    size_t n = s->tokens.n;
    if (word_is(s, i, "and")) i++;
    if (word_is(s, i, "then") || word_is(s, i, "now")) i++;
    size_t subject = i;
    if (i + 1 >= end || !s->info[i] || !(s->info[i]->classes & WC_WRITER))
        return n;
    size_t v = i + 1;
    /* "i've" and "we've" carry their "have"; "I have kept" puts it apart */
    if (s->info[i]->word_len <= 2 &&
        (word_is(s, v, "have") || word_is(s, v, "had")))
        v++;
    if (v < end && s->info[v] && deed_adverb(s->info[v])) v++;
    if (v >= end || !s->info[v] || !past_deed(s, s->info[v]) ||
        (s->roles[v].hit_dims & (1u << TS_NEGATIVITY)))
        return n;
    /* a verb of repair is rule 12's answer already */
    if (s->info[v]->classes & WC_REPAIR) return n;
    /* "I've accepted that ...": a thought reported, not a deed */
    if (word_is(s, v + 1, "that")) return n;
    /* "I sat in my car for twenty minutes", "we waited at the gate":
     * where one stayed, not what one did */
    if (word_is(s, v + 1, "in") || word_is(s, v + 1, "at")) return n;
    /* "and we have notified regulators": a bare notice, too short to
     * tell an answer */
    if (end - subject < OWN_ANSWER_MIN_WORDS) return n;
    return v;
}

/* Rule 49 (top of scorer.c): a setback, then a later clause (after
 * ", and", ";", ", then" or a comma) in which the writer or his group
 * did something, with no setback and no negator of its own ("We gave up
 * 40 points on Friday, and rather than yell, I sat the defense down with
 * the film"; "a commenter said my seams looked sloppy; I've pressed
 * every seam since"): the writer tells his own answer. */
int ts_rule_own_answer(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 6 || !(s->sentence_classes & WC_WRITER) || !any_setback(s))
        return 0;
    size_t first = n;   /* the first setback */
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        if (h->dim == TS_NEGATIVITY && h->word < first &&
            !ts_rule_mention_frame(s, h) && !ts_rule_quoted_label(s, h, text))
            first = h->word;
    }
    for (size_t i = first + 1; i + 2 < n; i++) {
        if (!(s->tokens.v[i].flags & TS_TOK_BREAK)) continue;
        size_t end = i + 1;   /* the clause that opens at i */
        while (end < n && !(s->tokens.v[end].flags & TS_TOK_BREAK)) end++;
        size_t verb = writer_deed(s, i, end);
        if (verb == n) continue;
        int own = 0;
        for (size_t k = 0; k < s->n_hits; k++) {
            const ts_hit *h = &s->pending[k].hit;
            /* "and I cried for a week": a setback of its own */
            if (h->word >= i && h->word < end && h->dim == TS_NEGATIVITY)
                own = 1;
        }
        /* "and we never went back" */
        for (size_t k = i; k < end; k++)
            if (s->roles[k].kind == TS_MOD_NEGATOR) own = 1;
        if (own) continue;
        return add_rule_hit(s, text, &own_answer_entry, TS_GROWTH,
                            s->roles[verb].in_hit ? i : verb);
    }
    return 0;
}


#define DEED_NOW_WEIGHT 1.5

static const ts_entry deed_now_entry = {
    TS_ENTRY_PHRASE, "did ... now", "did ... now", TS_GROWTH, "improvement",
    TS_MOD_NONE, DEED_NOW_WEIGHT, "rule", 0};

/* Is token i "now" as a present set against what came before: not "right
 * now", "for now", "until now", "by now" or "just now", which tell a
 * moment or a wait, and not before an obligation ("now I have to")? */
static int now_after(const ts_scorer *s, size_t i)
{
    static const char *const moments[] = {
        "right", "for", "until", "till", "by", "just", "from",
        /* "the test will now take place on Wednesdays": a plan */
        "will", "would", "can", "could", "may", "might", "should", NULL};
    const ts_word_info *w = s->info[i];
    if (!w || w->word_len != 3 || !ts_streq(w->word, "now") ||
        obliged_after(s, i))
        return 0;
    const ts_word_info *p = i > 0 ? s->info[i - 1] : NULL;
    if (p && !(s->tokens.v[i].flags & TS_TOK_BREAK))
        for (size_t k = 0; moments[k]; k++)
            if (ts_streq(p->word, moments[k])) return 0;
    return 1;
}

/* Rule 30 (top of scorer.c): a sentence with no setback that tells a deed
 * in the past and then, in a later clause, what is so "now" ("Maya
 * started as a customer last spring and now runs our Saturday brake
 * clinic") tells what the deed led to. */
int ts_rule_deed_now(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n, last_now = n;
    if (n < 5 || !(s->sentence_classes & WC_NOW)) return 0;
    /* most sentences hold no "now": one cheap pass passes them over */
    for (size_t i = n; i > 2 && last_now == n; i--)
        if (s->info[i - 1] && s->info[i - 1]->word_len == 3 &&
            ts_streq(s->info[i - 1]->word, "now"))
            last_now = i - 1;
    if (last_now == n) return 0;
    for (size_t k = 0; k < s->n_hits; k++)
        if (s->pending[k].hit.entry_dim == TS_NEGATIVITY) return 0;
    size_t deed = n;
    int later = 0;   /* a later clause than the deed's */
    for (size_t i = 0; i <= last_now; i++) {
        ts_word_info *w = s->info[i];
        if (deed != n && ((s->tokens.v[i].flags & TS_TOK_BREAK) ||
                          (w && ts_streq(w->word, "and"))))
            later = 1;
        if (!w) continue;
        if (deed == n) {
            if (past_deed(s, w)) deed = i;
            continue;
        }
        if (!later || !now_after(s, i) || s->roles[i].in_hit) continue;
        /* "and now I can't even find a buyer", "now nobody will sit with
         * me": what is lacking now is a loss */
        for (size_t k = i + 1; k < n; k++) {
            if (s->tokens.v[k].flags & TS_TOK_BREAK) break;
            if (s->roles[k].kind == TS_MOD_NEGATOR) return 0;
        }
        return add_rule_hit(s, text, &deed_now_entry, TS_GROWTH, i);
    }
    return 0;
}


#define FIRST_DEED_WEIGHT 1.5

static const ts_entry first_deed_entry = {
    TS_ENTRY_PHRASE, "did ... first", "did ... first", TS_GROWTH,
    "achievement", TS_MOD_NONE, FIRST_DEED_WEIGHT, "rule", 0};
static const ts_entry record_entry = {
    TS_ENTRY_PHRASE, "a record", "a record", TS_GROWTH, "achievement",
    TS_MOD_NONE, FIRST_DEED_WEIGHT, "rule", 0};

/* Is token i ("first") told as one's deed: a possessive before it, and a
 * verb in the past before that ("wrote her first", "closed our very
 * first")? */
static int deed_of_first(const ts_scorer *s, size_t i)
{
    static const char *const owners[] = {"my", "our", "his", "her", "their",
                                         NULL};
    size_t at = i - 1;
    if (word_is(s, at, "very") && at > 0) at--;
    const ts_word_info *p = s->info[at];
    if (!p || at == 0 || p->word_len > 5) return 0;
    int owner = 0;
    for (size_t k = 0; owners[k]; k++)
        if (ts_streq(p->word, owners[k])) owner = 1;
    ts_word_info *v = s->info[at - 1];
    return owner && v && !(s->tokens.v[at].flags & TS_TOK_BREAK) &&
           past_deed(s, v) && !s->roles[at - 1].in_hit;
}

/* Is token i ("record") a record told with its count ("a record 1,312
 * nests") or as new ("a new record")?  Not a record kept ("a record of
 * visits", "the record shows"). */
static int record_count(const ts_scorer *s, size_t i)
{
    if (word_is(s, i - 1, "a"))
        return i + 1 < s->tokens.n &&
               (s->tokens.v[i + 1].flags & TS_TOK_NUMBER);
    return word_is(s, i - 1, "new") && i > 1 && word_is(s, i - 2, "a");
}

/* Rule 31 (top of scorer.c): in a sentence with no setback, a first told
 * as one's deed ("Linda wrote her first birthday card", "we closed our
 * first enterprise customer") or a record with its count ("a record
 * 1,312 nests", "a new record") tells an achievement. */
int ts_rule_first_deed(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 4 || !(s->sentence_classes & (WC_ORDINAL_FIRST | WC_RECORD)))
        return 0;
    size_t at = 0;
    const ts_entry *e = NULL;
    for (size_t i = 2; i < n && !e; i++) {
        const ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || (s->tokens.v[i].flags & TS_TOK_BREAK))
            continue;
        if (w->word_len == 5 && ts_streq(w->word, "first") &&
            deed_of_first(s, i))
            e = &first_deed_entry;
        else if (w->word_len == 6 && ts_streq(w->word, "record") &&
                 record_count(s, i))
            e = &record_entry;
        at = i;
    }
    if (!e) return 0;
    for (size_t k = 0; k < s->n_hits; k++)
        if (s->pending[k].hit.entry_dim == TS_NEGATIVITY) return 0;
    return add_rule_hit(s, text, e, TS_GROWTH, at);
}


#define OPENER_DEED_WEIGHT 1.5
#define OPENER_DEED_SPAN 6   /* rule 32: words from the main clause's start to its verb */

static const ts_entry opener_deed_entry = {
    TS_ENTRY_PHRASE, "after setback, did", "after setback, did", TS_GROWTH,
    "resilience", TS_MOD_NONE, OPENER_DEED_WEIGHT, "rule", 0};

/* Is w a form of "be" (or "get"), so that a participle after it is
 * passive, a state rather than a deed ("were left waiting", "got hurt")? */
static int be_form(const ts_word_info *w)
{
    static const char *const bes[] = {"is", "are", "was", "were", "be",
                                      "been", "being", "got", "get", NULL};
    for (size_t k = 0; bes[k]; k++)
        if (ts_streq(w->word, bes[k])) return 1;
    return 0;
}

/* Is w a particle that makes a verb a withdrawal: "down", "out",
 * "away", "off"? */
static int withdrawal_particle(const ts_word_info *w)
{
    return w && (ts_streq(w->word, "down") || ts_streq(w->word, "out") ||
                 ts_streq(w->word, "away") || ts_streq(w->word, "off"));
}

/* Rule 32 (top of scorer.c): a sentence that opens with a clause of time
 * naming a setback (rule 14), then a main clause in which someone did
 * something, with no setback of its own ("After the botched rollout, the
 * department brought in claimants to test every screen"): the deed
 * answers the setback. */
int ts_rule_opener_deed(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 5 || !(s->sentence_classes & WC_OPENER) || !s->info[0] ||
        s->roles[0].in_hit || !(s->info[0]->classes & WC_OPENER))
        return 0;
    size_t end = 1;   /* the first word of the main clause */
    while (end < n && !(s->tokens.v[end].flags & TS_TOK_BREAK)) end++;
    if (end + 3 > n) return 0;
    size_t stop = end + 1;   /* the end of the main clause */
    while (stop < n && !(s->tokens.v[stop].flags & TS_TOK_BREAK)) stop++;
    int setback = 0;
    for (size_t k = 0; k < s->n_hits; k++) {
        const ts_hit *h = &s->pending[k].hit;
        /* a setback of its own: "When the plant closed, 300 people lost
         * their jobs" stays bad news */
        if (h->word >= end && h->dim == TS_NEGATIVITY) return 0;
        if (h->word < end && h->entry_dim == TS_NEGATIVITY &&
            !ts_rule_mention_frame(s, h))
            setback = 1;
    }
    if (!setback) return 0;
    /* a denial anywhere in the main clause: "nobody came", "one reader
     * wrote that nobody cared" */
    for (size_t v = end; v < stop; v++)
        if (s->roles[v].kind == TS_MOD_NEGATOR) return 0;
    for (size_t v = end; v < stop && v < end + OPENER_DEED_SPAN; v++) {
        ts_word_info *w = s->info[v];
        if (!w || !past_deed(s, w)) continue;
        /* "wrote that ...", "said that ...": words reported, not a deed */
        if (word_is(s, v + 1, "that")) return 0;
        /* "were left waiting months": a state, not a deed */
        if (v > end && s->info[v - 1] && be_form(s->info[v - 1])) return 0;
        if (s->roles[v].hit_dims & (1u << TS_NEGATIVITY)) return 0;
        /* "stepped down", "pulled out", "walked away", "called off": a
         * withdrawal the setback forced, not an answer to it */
        if (v + 1 < n && withdrawal_particle(s->info[v + 1])) return 0;
        return add_rule_hit(s, text, &opener_deed_entry, TS_GROWTH,
                            s->roles[v].in_hit ? end : v);
    }
    return 0;
}


#define RESULT_WEIGHT 1.5
#define RESULT_MARGIN 0.5   /* rule 33: the result outweighs its cause */

static const ts_entry result_entry = {
    TS_ENTRY_PHRASE, "setback ... is why", "setback ... is why", TS_GROWTH,
    "resilience", TS_MOD_NONE, RESULT_WEIGHT, "rule", 0};

/* Is token i "why" or "how" after "is", "was" or a "'s" form ("that's
 * how", "it's why")? */
static int result_word(const ts_scorer *s, size_t i)
{
    const ts_word_info *w = s->info[i], *p = i > 0 ? s->info[i - 1] : NULL;
    if (!w || !p || (s->tokens.v[i].flags & TS_TOK_BREAK) ||
        (!ts_streq(w->word, "why") && !ts_streq(w->word, "how")))
        return 0;
    return ts_streq(p->word, "is") || ts_streq(p->word, "was") ||
           (p->word_len > 2 && ts_streq(p->word + p->word_len - 2, "'s"));
}

/* Rule 33 (top of scorer.c): a setback, then "is why" or "is how" and a
 * result with no setback of its own ("that mistake is why every return
 * now goes through a two-person review", "and that's how I found out
 * about primer"): the setback is named as the cause of what is better.
 * The result scores a growth hit of RESULT_WEIGHT or of the largest
 * setback before it plus RESULT_MARGIN, if that is more. */
int ts_rule_result_of(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 6 || !(s->sentence_classes & WC_RESULT)) return 0;
    for (size_t i = 2; i + 2 < n; i++) {
        if (!s->info[i] || !(word_classes(s, s->info[i]) & WC_RESULT) ||
            s->roles[i].in_hit || !result_word(s, i))
            continue;
        double cause = 0;
        for (size_t k = 0; k < s->n_hits; k++) {
            const ts_hit *h = &s->pending[k].hit;
            if (h->word > i && h->dim == TS_NEGATIVITY) return 0;
            if (h->word < i && h->entry_dim == TS_NEGATIVITY &&
                !ts_rule_mention_frame(s, h) && h->base_weight > cause)
                cause = h->base_weight;
        }
        if (cause == 0) return 0;
        if (ts_scorer_add_hit(s, text, &result_entry, TS_GROWTH, i, 1))
            return -1;
        if (cause + RESULT_MARGIN > RESULT_WEIGHT)
            s->pending[s->n_hits - 1].hit.base_weight = cause + RESULT_MARGIN;
        ts_scorer_sort_last_hit(s);
        return 0;
    }
    return 0;
}

#define NEVER_WEIGHT 2.0

static const ts_entry never_entry = {
    TS_ENTRY_PHRASE, "never will", "never will", TS_NEGATIVITY,
    "fixed-ability", TS_MOD_NONE, NEVER_WEIGHT, "rule", 0};

/* Does token i ("never") follow a writer who speaks of his own future:
 * "I'll never", "I will never", "I'm never going to"? */
static int my_future_never(const ts_scorer *s, size_t i)
{
    if (i == 0 || (s->tokens.v[i].flags & TS_TOK_BREAK)) return 0;
    size_t subject = i - 1;
    if (word_is(s, i - 1, "will") && i >= 2 && word_is(s, i - 2, "i") &&
        !(s->tokens.v[i - 1].flags & TS_TOK_BREAK))
        subject = i - 2;
    else if (!word_is(s, i - 1, "i'll") &&
             !(word_is(s, i - 1, "i'm") && word_is(s, i + 1, "going") &&
               word_is(s, i + 2, "to")))
        return 0;
    /* the subject opens its clause: "a lesson I'll never forget" is a
     * relative clause, a memory kept, not a future given up */
    return subject == 0 || (s->tokens.v[subject].flags & TS_TOK_BREAK) ||
           word_is(s, subject - 1, "and") || word_is(s, subject - 1, "so") ||
           word_is(s, subject - 1, "but") || word_is(s, subject - 1, "because");
}

/* Rule 36 (top of scorer.c): a future denied for good.  "never will" with
 * nothing after it but "be" ("and never will", "the rest of us never
 * will") and the writer's own "I'll never" opening a clause ("I'll never
 * be a real pastry chef", "I'll never have a palate") tell an ability or
 * a change given up as out of reach.  It scores a negativity hit "never
 * will" (fixed-ability, NEVER_WEIGHT) on "never".  A "never" before a hit
 * ("I'll never give up") or already in one is left alone, and so is a
 * relative clause ("a lesson I'll never forget"). */
int ts_rule_never_will(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 3 || !(s->sentence_classes & WC_NEVER)) return 0;
    for (size_t i = 0; i + 1 < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || !(word_classes(s, w) & WC_NEVER))
            continue;
        const ts_token *t = s->tokens.v;
        int ellipsis = word_is(s, i + 1, "will") && !(t[i + 1].flags & TS_TOK_BREAK) &&
                       (i + 2 >= n || (t[i + 2].flags & TS_TOK_BREAK) ||
                        (word_is(s, i + 2, "be") &&
                         (i + 3 >= n || (t[i + 3].flags & TS_TOK_BREAK))));
        int mine = my_future_never(s, i) && i + 1 < n && !s->roles[i + 1].in_hit;
        if (!ellipsis && !mine) continue;
        return add_rule_hit(s, text, &never_entry, TS_NEGATIVITY, i);
    }
    return 0;
}

#define TRAIT_WEIGHT 2.0
#define TRAIT_SPAN 3   /* rule 37: words from the group to the trait */

static const ts_entry trait_entry = {
    TS_ENTRY_PHRASE, "some are just", "some are just", TS_NEGATIVITY,
    "fixed-ability", TS_MOD_NONE, TRAIT_WEIGHT, "rule", 0};

/* Does the group named by "some" at token i end at a plural ("some
 * people", "some kids") or at "some of us" / "of you" / "of them"?
 * Returns the token after it, or 0.  A span of time ("some days", "some
 * nights") is no group. */
static size_t some_group(const ts_scorer *s, size_t i)
{
    static const char *const times[] = {"days", "nights", "weeks", "months",
                                        "years", "mornings", "evenings",
                                        "times", "weekends", NULL};
    static const char *const plurals[] = {"people", "men", "women", "children",
                                          "folk", NULL};
    if (i + 2 >= s->tokens.n || (s->tokens.v[i + 1].flags & TS_TOK_BREAK))
        return 0;
    if (word_is(s, i + 1, "of"))
        return word_is(s, i + 2, "us") || word_is(s, i + 2, "you") ||
                       word_is(s, i + 2, "them")
                   ? i + 3
                   : 0;
    const ts_word_info *g = s->info[i + 1];
    if (!g || s->roles[i + 1].in_hit) return 0;
    for (size_t k = 0; times[k]; k++)
        if (ts_streq(g->word, times[k])) return 0;
    for (size_t k = 0; plurals[k]; k++)
        if (ts_streq(g->word, plurals[k])) return i + 2;
    return g->word_len > 3 && g->word[g->word_len - 1] == 's' &&
                   g->word[g->word_len - 2] != 's'
               ? i + 2
               : 0;
}

/* Is token k a word that makes a trait inborn ("just", "simply", "born",
 * "natural", "built", "wired")? */
static int inborn(const ts_scorer *s, size_t k)
{
    static const char *const words[] = {"just", "simply", "born", "natural",
                                        "naturally", "built", "wired", NULL};
    for (size_t q = 0; words[q]; q++)
        if (word_is(s, k, words[q])) return 1;
    return 0;
}

/* Does a later clause set the writer or someone named against the group:
 * "one of them", "the rest of us", "some aren't"? */
static int group_split(const ts_scorer *s, size_t from)
{
    size_t n = s->tokens.n;
    for (size_t k = from; k + 2 < n; k++) {
        if ((word_is(s, k, "one") && word_is(s, k + 1, "of") &&
             word_is(s, k + 2, "them")) ||
            (word_is(s, k, "rest") && word_is(s, k + 1, "of") &&
             word_is(s, k + 2, "us")))
            return 1;
    }
    for (size_t k = from; k + 1 < n; k++)
        if (word_is(s, k, "some") && s->roles[k + 1].kind == TS_MOD_NEGATOR)
            return 1;
    return 0;
}

/* Rule 37 (top of scorer.c): a trait claimed of a group as inborn.  A
 * sentence that opens on "some" and a group ("Some people", "some of
 * us", after an opening word such as "Honestly,"), with a word that makes
 * the trait inborn within TRAIT_SPAN words ("are just", "simply can't",
 * "are born", "are natural", "are built") or a later clause that splits
 * the group ("and I'm clearly not one of them", "the rest of us", "and
 * some aren't"), says that ability is given, not grown.  It scores a
 * negativity hit "some are just" (fixed-ability, TRAIT_WEIGHT) on
 * "some".  A span of time ("Some days I ...") is no group, a group
 * already in a phrase of the lexicon ("some people are just") is left to
 * it, and a group that does something ("Some readers asked about ...",
 * "Some members said the route was too hard") claims no trait. */
int ts_rule_some_are_just(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 4 || !(s->sentence_classes & WC_SOME)) return 0;
    size_t i = 0;
    while (i < n && i <= 2 && !word_is(s, i, "some")) i++;
    if (i > 2 || i >= n || s->roles[i].in_hit ||
        (i > 0 && !(s->tokens.v[i].flags & TS_TOK_BREAK)))
        return 0;
    size_t after = some_group(s, i);
    if (!after) return 0;
    int trait = 0;
    for (size_t k = after; k < n && k < after + TRAIT_SPAN; k++) {
        if (s->tokens.v[k].flags & TS_TOK_BREAK) break;
        if (inborn(s, k)) trait = 1;
    }
    if (!trait && !group_split(s, after)) return 0;
    return add_rule_hit(s, text, &trait_entry, TS_NEGATIVITY, i);
}

#define RESULT_HARM_WEIGHT 1.5

static const ts_entry result_harm_entry = {
    TS_ENTRY_PHRASE, ", leaving ...", ", leaving ...", TS_NEGATIVITY, "harm",
    TS_MOD_NONE, RESULT_HARM_WEIGHT, "rule", 0};

/* Is the clause break before token i a comma? */
static int comma_before(const ts_scorer *s, const char *text, size_t i)
{
    const ts_token *prev = &s->tokens.v[i - 1];
    const char *from = text + prev->off + prev->len;
    return memchr(from, ',', (size_t)(text + s->tokens.v[i].off - from)) != NULL;
}

/* Does a noun phrase of people or things open at token k: a number, a
 * determiner, a possessive, a pronoun or a quantity ("1,400 staff", "the
 * nearest hospital", "our season", "hundreds of policyholders")? */
static int object_at(ts_scorer *s, size_t k)
{
    if (k >= s->tokens.n || (s->tokens.v[k].flags & TS_TOK_BREAK)) return 0;
    if (s->tokens.v[k].flags & TS_TOK_NUMBER) return 1;
    ts_word_info *w = s->info[k];
    return w && (word_classes(s, w) & WC_OBJECT_START);
}

/* Rule 43 (top of scorer.c): a harm told by its result.  A participle of
 * result ("leaving", "forcing", "stranding", "trapping", "ending",
 * "breaking", "displacing", "cutting off") that opens a clause after a
 * comma and takes an object ("..., cutting off 20,000 people from food
 * deliveries", "..., leaving hundreds of policyholders scrambling", "...,
 * ending our season before it began") tells what an event did to those it
 * reached, and in news that is a loss.  It scores a negativity hit ",
 * leaving ..." (harm, RESULT_HARM_WEIGHT) on the participle.  A participle
 * with no object is an adjective or a list item ("deprecations, breaking
 * changes, and fixes"), and one already in a hit is left to it. */
int ts_rule_result_harm(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 5 || !(s->sentence_classes & WC_RESULTING)) return 0;
    for (size_t i = 3; i + 1 < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || !(word_classes(s, w) & WC_RESULTING))
            continue;
        if (!(s->tokens.v[i].flags & TS_TOK_BREAK) || !comma_before(s, text, i))
            continue;
        size_t obj = i + 1;
        if (ts_streq(w->word, "cutting")) {
            if (!word_is(s, i + 1, "off")) continue;
            obj = i + 2;
        }
        if (!object_at(s, obj)) continue;
        return add_rule_hit(s, text, &result_harm_entry, TS_NEGATIVITY, i);
    }
    return 0;
}

#define PROVISION_CUT_WEIGHT 1.5
#define PROVISION_OBJECT_SPAN 5   /* rule 44: words from the verb to its object */
#define PROVISION_SUBJECT_SPAN 6  /* rule 44: words from the subject to "was" */

static const ts_entry provision_cut_entry = {
    TS_ENTRY_PHRASE, "provision cut", "provision cut", TS_NEGATIVITY,
    "setback", TS_MOD_NONE, PROVISION_CUT_WEIGHT, "rule", 0};

/* Is token k an auxiliary of the passive ("was", "has been", "are
 * being", "got")? */
static int passive_aux(const ts_scorer *s, size_t k)
{
    static const char *const auxes[] = {"is", "are", "was", "were", "be",
                                        "been", "being", "got", "get",
                                        "gets", NULL};
    for (size_t q = 0; auxes[q]; q++)
        if (word_is(s, k, auxes[q])) return 1;
    return 0;
}

/* Is a provision the object of the verb at token j (within
 * PROVISION_OBJECT_SPAN words of its clause: "cut its art and music
 * programs", "will cut 1,200 jobs") or, when the verb is a passive, its
 * subject (within PROVISION_SUBJECT_SPAN words before the auxiliary:
 * "Funding for the postdoc position was cut", "weekend service is being
 * cut")? */
static int provision_of(ts_scorer *s, size_t j)
{
    size_t n = s->tokens.n;
    const ts_token *t = s->tokens.v;
    size_t aux = j;
    if (j > 0 && !(t[j].flags & TS_TOK_BREAK) && s->info[j - 1] &&
        s->info[j - 1]->word_len > 2 &&
        ts_streq(s->info[j - 1]->word + s->info[j - 1]->word_len - 2, "ly") &&
        j > 1 && !(t[j - 1].flags & TS_TOK_BREAK))
        aux = j - 1; /* "was quietly cut" */
    if (aux > 0 && !(t[aux].flags & TS_TOK_BREAK) && passive_aux(s, aux - 1)) {
        for (size_t k = aux - 1; k > 0 && k + PROVISION_SUBJECT_SPAN >= aux;
             k--) {
            if (t[k].flags & TS_TOK_BREAK) break;
            ts_word_info *w = s->info[k - 1];
            if (w && !s->roles[k - 1].in_hit && (word_classes(s, w) & WC_PROVISION))
                return 1;
        }
        return 0;
    }
    for (size_t k = j + 1; k < n && k <= j + PROVISION_OBJECT_SPAN; k++) {
        if (t[k].flags & TS_TOK_BREAK) break;
        ts_word_info *w = s->info[k];
        if (w && !s->roles[k].in_hit && (word_classes(s, w) & WC_PROVISION))
            return 1;
    }
    return 0;
}

/* Rule 44 (top of scorer.c): a provision cut.  A verb of cutting ("cut",
 * "slashed", "axed", "scrapped", "rescinded", "cancelled", "eliminated",
 * ...) whose object or, in the passive, whose subject is something people
 * rely on (funding, a budget, a grant, a service, a program, jobs, seats,
 * staff, pay, ...) tells a loss to those who relied on it: "The district
 * cut our transportation budget", "Harlow Steel will cut 1,200 jobs",
 * "Weekend service is being cut entirely".  It scores a negativity hit
 * "provision cut" (setback, PROVISION_CUT_WEIGHT) on the verb.  Cutting
 * a cost, a harm or the time a task takes is good news, so only
 * provisions count; a verb that is denied ("we never cut the program")
 * or already in a hit is left alone. */
int ts_rule_provision_cut(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 3 || !(s->sentence_classes & WC_CUTTING) ||
        !(s->sentence_classes & WC_PROVISION))
        return 0;
    for (size_t j = 0; j < n; j++) {
        ts_word_info *w = s->info[j];
        if (!w || s->roles[j].in_hit || !(word_classes(s, w) & WC_CUTTING))
            continue;
        int denied = 0;
        for (size_t k = j; k > 0 && k + 3 > j; k--) {
            if (s->tokens.v[k].flags & TS_TOK_BREAK) break;
            if (s->roles[k - 1].kind == TS_MOD_NEGATOR) denied = 1;
        }
        if (denied || !provision_of(s, j)) continue;
        return add_rule_hit(s, text, &provision_cut_entry, TS_NEGATIVITY, j);
    }
    return 0;
}

#define SUCCESS_DENIED_WEIGHT 1.0
#define SUCCESS_DENIED_REACH 3   /* rules 45, 46: the negator's reach, as
                                    TS_MODIFIER_WINDOW */

static const ts_entry success_denied_entry = {
    TS_ENTRY_PHRASE, "success denied", "success denied", TS_NEGATIVITY,
    "setback", TS_MOD_NONE, SUCCESS_DENIED_WEIGHT, "rule", 0};
static const ts_entry success_withheld_entry = {
    TS_ENTRY_PHRASE, "success withheld", "success withheld", TS_NEGATIVITY,
    "setback", TS_MOD_NONE, SUCCESS_DENIED_WEIGHT, "rule", 0};

/* Is token k one of the negators listed (as a word: "didn't"), or "not"
 * right after one of the auxiliaries listed ("did not")? */
static int negator_of(const ts_scorer *s, size_t k, const char *const *nts,
                      const char *const *auxes)
{
    if (s->roles[k].kind != TS_MOD_NEGATOR || s->roles[k].in_hit) return 0;
    if (word_is(s, k, "not")) {
        if (k == 0 || (s->tokens.v[k].flags & TS_TOK_BREAK)) return 0;
        for (size_t q = 0; auxes[q]; q++)
            if (word_is(s, k - 1, auxes[q])) return 1;
        return 0;
    }
    for (size_t q = 0; nts[q]; q++)
        if (word_is(s, k, nts[q])) return 1;
    return 0;
}

/* Rule 45: a negator of the past ("didn't", "couldn't", "wasn't", "did
 * not", ...): a shortfall that happened. */
static int past_negator(const ts_scorer *s, size_t k)
{
    static const char *const nts[] = {"didn't", "didnt", "couldn't",
                                      "couldnt", "wasn't", "wasnt", "weren't",
                                      "werent", "hadn't", "hadnt", NULL};
    static const char *const auxes[] = {"did", "could", "was", "were", "had",
                                        NULL};
    return negator_of(s, k, nts, auxes);
}

/* Rule 46: an inability, a refusal or a wait that lasts ("can't",
 * "won't", "haven't", "cannot", "will not", ...).  "don't", "doesn't",
 * "isn't" and "aren't" are left out: they tell habits, instructions and
 * what a thing is made for ("Don't use bleach", "the adapter doesn't
 * work with older models"), and "never" tells what was not done rather
 * than not achieved ("someone who'd never made puff pastry"). */
static int present_negator(const ts_scorer *s, size_t k)
{
    static const char *const nts[] = {"can't", "cant", "cannot", "won't",
                                      "wont", "wouldn't", "wouldnt",
                                      "haven't", "havent", "hasn't", "hasnt",
                                      NULL};
    static const char *const auxes[] = {"can", "will", "would", "has", "have",
                                        NULL};
    return negator_of(s, k, nts, auxes);
}

/* Is token k a word that may stand between the negator and its verb
 * ("couldn't even finish", "didn't fully correct", "didn't quite make
 * it")? */
static int denial_adverb(const ts_scorer *s, size_t k)
{
    const ts_word_info *w = s->info[k];
    if (!w || s->roles[k].in_hit) return 0;
    return (w->word_len > 3 && ts_streq(w->word + w->word_len - 2, "ly")) ||
           ts_streq(w->word, "even") || ts_streq(w->word, "quite") ||
           ts_streq(w->word, "ever");
}

/* Does a hit lie among the SUCCESS_DENIED_REACH words after the negator
 * at token k, in its clause?  Then the negator already denies it ("didn't
 * get the promotion", "didn't get hurt") and the lexicons tell the tone. */
static int negator_denies_hit(const ts_scorer *s, size_t k)
{
    for (size_t j = k + 1; j < s->tokens.n && j <= k + SUCCESS_DENIED_REACH;
         j++) {
        if (s->tokens.v[j].flags & TS_TOK_BREAK) break;
        if (s->roles[j].in_hit) return 1;
    }
    return 0;
}

/* Is token k in a clause of condition: "if", "unless", "whether" or
 * "until" before it in its clause ("If you couldn't finish all the reps
 * today, that's fine", "until you cannot complete another")?  A shortfall
 * supposed is not one that happened. */
static int in_condition(const ts_scorer *s, size_t k)
{
    static const char *const ifs[] = {"if", "unless", "whether", "until",
                                      NULL};
    for (size_t j = k; j > 0; j--) {
        for (size_t q = 0; ifs[q]; q++)
            if (word_is(s, j - 1, ifs[q])) return 1;
        if (s->tokens.v[j - 1].flags & TS_TOK_BREAK) break;
    }
    return 0;
}

/* Rules 45 and 46 (top of scorer.c): a success denied.  A negator right
 * before a verb of success or attainment, perhaps past an adverb, names a
 * shortfall that no negative word tells: in the past ("I didn't get the
 * part I wanted", "We could not save him", "the previous approach was not
 * working") it scores a negativity hit "success denied" (rule 45), in
 * the present of "can't", "won't" or "haven't" ("now I can't even find a
 * buyer", "the salon won't answer my emails") a negativity hit "success
 * withheld" (rule 46), both of setback, SUCCESS_DENIED_WEIGHT, on the
 * negator, before rules 11, 12, 21 and 28 look for a setback to answer.
 * A negator that already denies a hit within its reach is left to it, a
 * verb already in a hit too, and a negator in a condition or after rule
 * 25's "still" is passed over.  One hit a sentence. */
int ts_rule_success_denied(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 3 || !(s->sentence_classes & WC_ATTAIN)) return 0;
    for (size_t i = 1; i < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || s->roles[i].in_hit || !(word_classes(s, w) & WC_ATTAIN) ||
            (s->tokens.v[i].flags & TS_TOK_BREAK))
            continue;
        size_t k = i - 1;
        if (k > 0 && denial_adverb(s, k) &&
            !(s->tokens.v[k].flags & TS_TOK_BREAK))
            k--;
        const ts_entry *e = past_negator(s, k)      ? &success_denied_entry
                            : present_negator(s, k) ? &success_withheld_entry
                                                    : NULL;
        if (!e || negator_denies_hit(s, k) || in_condition(s, k)) continue;
        /* rule 25 has scored the lack already ("still can't find") */
        if (k > 0 && word_is(s, k - 1, "still") && s->roles[k - 1].in_hit)
            continue;
        return add_rule_hit(s, text, e, TS_NEGATIVITY, k);
    }
    return 0;
}


#define BY_TIME_WEIGHT 1.5

static const ts_entry by_time_entry = {
    TS_ENTRY_PHRASE, "then ... by", "then ... by", TS_GROWTH, "improvement",
    TS_MOD_NONE, BY_TIME_WEIGHT, "rule", 0};

/* Is w a word of order: "the third", "the last" (a round, a lesson)? */
static int ordinal(const ts_word_info *w)
{
    static const char *const ordinals[] = {
        "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
        "ninth", "tenth", "last", "final", NULL};
    for (size_t k = 0; ordinals[k]; k++)
        if (ts_streq(w->word, ordinals[k])) return 1;
    return 0;
}

/* Does a point in time follow "by" at token i ("by August", "by Friday",
 * "by then", "by the end of the visit", "by the third", "by day three",
 * "by week six")?  Returns the token after the time's head word, or 0. */
static size_t point_after_by(ts_scorer *s, size_t i)
{
    size_t n = s->tokens.n, j = i + 1;
    if (j >= n || !s->info[j]) return 0;
    const ts_word_info *w = s->info[j];
    if (ts_streq(w->word, "the")) {
        /* "by the end", "by the time", "by the third" */
        if (j + 1 >= n || !s->info[j + 1]) return 0;
        w = s->info[j + 1];
        return (ts_streq(w->word, "end") || ts_streq(w->word, "time") ||
                ordinal(w)) ? j + 2 : 0;
    }
    if (!(word_classes(s, s->info[j]) & WC_POINT) ||
        ts_streq(w->word, "end") || ts_streq(w->word, "time"))
        return 0;
    /* "by day three", "by week 6": a span needs its count */
    if (ts_streq(w->word, "day") || ts_streq(w->word, "week") ||
        ts_streq(w->word, "month") || ts_streq(w->word, "year") ||
        ts_streq(w->word, "term") || ts_streq(w->word, "semester") ||
        ts_streq(w->word, "season"))
        return j + 1 < n && !(s->tokens.v[j + 1].flags & TS_TOK_BREAK)
                   ? j + 2 : 0;
    return j + 1;
}

/* Is a point in time named before token i, after "in" or "on" ("in
 * June", "on Monday")? */
static int earlier_point(ts_scorer *s, size_t i)
{
    for (size_t k = 1; k + 1 < i; k++) {
        ts_word_info *w = s->info[k];
        if (w && (word_is(s, k - 1, "in") || word_is(s, k - 1, "on")) &&
            (word_classes(s, w) & WC_POINT) && !ts_streq(w->word, "then") &&
            !ts_streq(w->word, "now") && !ts_streq(w->word, "time") &&
            !ts_streq(w->word, "end"))
            return 1;
    }
    return 0;
}

/* Is the clause of "by" at token i (its time ends before token after; it
 * starts at i when "by" opens it) a plan or a wish rather than a state
 * reached ("we hope to harvest by August", "and by Friday we'll know"),
 * or an end reached ("by August the bakery had closed")? */
static int planned_or_ended(const ts_scorer *s, size_t i, size_t after,
                            int opens)
{
    static const char *const plans[] = {
        "will", "'ll", "would", "should", "must", "shall", "can", "may",
        "might", "hope", "hoping", "plan", "planning", "expect", "expected",
        "aim", "aiming", "going", "want", "need",
        /* an end reached, which the lexicons leave neutral as news: "by
         * August it had closed", "by then most had left" */
        "closed", "shut", "gone", "left", "died", "dead", "quit", "stopped",
        "ceased", "collapsed", "vanished", "disappeared", "emptied",
        "empty", "abandoned", "folded", NULL};
    size_t from = i, n = s->tokens.n;
    while (!opens && from > 0 && !(s->tokens.v[from].flags & TS_TOK_BREAK))
        from--;
    for (size_t k = from; k < n; k++) {
        if (k > after && (s->tokens.v[k].flags & TS_TOK_BREAK)) break;
        const ts_word_info *w = s->info[k];
        if (!w) continue;
        /* "we'll": the tokenizer keeps the contraction in the word */
        if (w->word_len > 3 && ts_streq(w->word + w->word_len - 3, "'ll"))
            return 1;
        for (size_t p = 0; plans[p]; p++)
            if (ts_streq(w->word, plans[p])) return 1;
    }
    return 0;
}

/* Rule 47 (top of scorer.c): a later clause dated "by" a point in time,
 * in a sentence that tells an earlier state first ("In June Sam could
 * barely float; by August he was diving for rings", "the junior fleet
 * spent the week drilling roll tacks, and by Friday even the youngest
 * sailors were nailing them"), tells how far things had come by then.
 * A setback at or after "by" tells a decline ("by August they were
 * exhausted"), and a negator after it a lack ("by Friday nobody had
 * come"). */
int ts_rule_by_time(ts_scorer *s, const char *text)
{
    size_t n = s->tokens.n;
    if (n < 6 || !(s->sentence_classes & WC_BY)) return 0;
    for (size_t i = 2; i + 1 < n; i++) {
        ts_word_info *w = s->info[i];
        if (!w || !(word_classes(s, w) & WC_BY) || s->roles[i].in_hit)
            continue;
        size_t after = point_after_by(s, i);
        if (!after) continue;
        /* it opens a later clause, after a break or "and" ("arrive by
         * Friday" dates a deed, it tells no later state), or an earlier
         * point was named ("Kids who clung to the wall in June are
         * jumping off the diving board by August") */
        int opens = (s->tokens.v[i].flags & TS_TOK_BREAK) ||
                    word_is(s, i - 1, "and");
        if (opens ? after + 1 >= n   /* no clause after the time */
                  : !earlier_point(s, i))
            continue;
        if (planned_or_ended(s, i, after, opens)) continue;
        if (setback_from(s, i)) return 0;
        for (size_t k = i + 1; k < n; k++)
            if (s->roles[k].kind == TS_MOD_NEGATOR) return 0;
        return add_rule_hit(s, text, &by_time_entry, TS_GROWTH, i);
    }
    return 0;
}
