/* scorer_frames.c - the rules that read a hit in its context (see
 * scorer_impl.h; each is described at the top of scorer.c). */
#include "scorer_impl.h"

#include <string.h>

/* Rule 5 (top of scorer.c): is this hit a topic named rather than a tone
 * expressed?  Returns the word that makes it one, or NULL. */
const char *ts_rule_mention_frame(const ts_scorer *s, const ts_hit *h)
{
    /* every case below needs a head word or a work in the sentence */
    if (!(s->sentence_classes & (WC_HEAD | WC_WORK))) return NULL;
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

/* Rule 7 (top of scorer.c): a negator just before a verb of opinion ("don't
 * think", "can't really imagine") negates the hits of the clause the verb
 * introduces.  Returns the negator, or NULL. */
const char *ts_rule_raised_negator(const ts_scorer *s, const ts_hit *h)
{
    if (!(s->sentence_classes & WC_RAISE)) return NULL; /* no such verb */
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
    if (ts_streq(w->word, "halved")) return 1;
    size_t n = s->tokens.n;
    if (k + 1 >= n || (s->tokens.v[k + 1].flags & TS_TOK_BREAK)) return 0;
    ts_word_info *a = s->info[k + 1];
    if (!a) return 1;   /* a number */
    /* "down" only before an amount: "down 30 percent", not "broken down
     * by age" or "let down by" */
    if (ts_streq(w->word, "down")) return 0;
    for (size_t q = 0; how[q]; q++)
        if (ts_streq(a->word, how[q])) return 1;
    return 0;
}

/* Rule 16 (top of scorer.c): a harm or a setback that falls ("injuries have
 * dropped sharply", "complaints have fallen by half") is good news, as
 * "fewer injuries" is: returns the word of fall, or NULL.  A hit that is
 * itself the fall ("dropped sharply" after "injuries") falls with it. */
const char *ts_rule_harm_falls(const ts_scorer *s, const ts_hit *h)
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
        (!ts_streq(h->category, "effort") &&
         !ts_streq(h->category, "learning")))
        return 0;
    ts_word_info *w = s->info[h->word];
    if (!w || (w->word_len > 2 && ts_streq(w->word + w->word_len - 2, "ed")) ||
        (w->word_len > 4 && ts_streq(w->word + w->word_len - 3, "ing")))
        return 0;   /* "practised on Sunday", "years of rehearsing" tell a
                       deed */
    return !(h->word > 0 && s->info[h->word - 1] &&
             !(s->tokens.v[h->word].flags & TS_TOK_BREAK) &&
             (word_classes(s, s->info[h->word - 1]) & WC_VERB_CUE));
}

/* Rule 17 (top of scorer.c): is this hit a session named on a timetable
 * ("Practice is on Tuesdays and Thursdays", "Rehearsal call tomorrow is
 * 10 a.m.")?  Every hit of the sentence must be such a word.  Returns
 * the word of time, or NULL. */
const char *ts_rule_on_timetable(const ts_scorer *s, const ts_hit *h)
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

/* Rule 9: negators that make a superlative with a comparative: "never
 * been fitter", "couldn't be happier" (not "not": "it is not better" is a
 * plain denial). */
static const char *const superlative_negators[] = {
    "never", "couldn't", "couldnt", NULL};

#define COMPARE_SPAN 4   /* rule 9: words from the hit to the comparative */

/* Rule 9 (top of scorer.c): does a comparative follow the hit closely in its
 * clause ("never enjoyed her work more", "couldn't be happier")?  Then
 * "never" or "couldn't" before the hit makes a superlative, not a denial.
 * The hit may be the comparative itself: "never been fitter". */
int ts_rule_comparative_follows(const ts_scorer *s, const ts_hit *h)
{
    if (!h->negator) return 0;
    size_t j = 0;
    while (superlative_negators[j] &&
           !ts_streq(h->negator, superlative_negators[j]))
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

/* Rule 13 (top of scorer.c): is the hit part of a name or title? */
int ts_rule_in_name(const ts_scorer *s, const ts_hit *h, const char *text,
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

/* Rule 18 (top of scorer.c): is the hit inside a short quoted label that
 * opens the sentence or follows a determiner ("the \"Best Answer\"
 * badge", "\"Happy Tails\" is the name of the newsletter")?  Returns
 * the word before the quote, or "quotes". */
const char *ts_rule_quoted_label(const ts_scorer *s, const ts_hit *h,
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
        if (ts_streq(p->word, determiners[q])) return p->word;
    return NULL;
}


/* Rule 22: does a semicolon or a dash (" - ", U+2013, U+2014) stand
 * between tokens i - 1 and i?  It ends a list as a comma does not. */
static int list_ends_before(const ts_scorer *s, const char *text, size_t i)
{
    const ts_token *prev = &s->tokens.v[i - 1];
    const char *from = text + prev->off + prev->len;
    const char *to = text + s->tokens.v[i].off;
    for (const char *c = from; c < to; c++) {
        if (*c == ';') return 1;
        if (*c == '-' && c > from && c[-1] == ' ' && c + 1 < to && c[1] == ' ')
            return 1;
        if (c + 2 < to && (unsigned char)c[0] == 0xE2 &&
            (unsigned char)c[1] == 0x80 &&
            ((unsigned char)c[2] == 0x93 || (unsigned char)c[2] == 0x94))
            return 1;
    }
    return 0;
}

/* Is token k the word w? */
static int word_is(const ts_scorer *s, size_t k, const char *w)
{
    return k < s->tokens.n && s->info[k] && ts_streq(s->info[k]->word, w);
}

/* Rule 22 (top of scorer.c): is this negativity hit an item of a list
 * that a verb of listing introduces ("Side effects may include headache,
 * nausea and dizziness", "the risk register identifies fraud, data loss
 * ... as the top three risks")?  The list runs over commas to a
 * semicolon, a dash, a contrast word or the end of the sentence.  A
 * writer who speaks of himself ("my symptoms include panic attacks")
 * tells his own trouble: no such sentence counts.  Returns the verb, or
 * NULL. */
const char *ts_rule_listed(const ts_scorer *s, const ts_hit *h,
                           const char *text)
{
    if (h->entry_dim != TS_NEGATIVITY || !(s->sentence_classes & WC_LISTER) ||
        (s->sentence_classes & WC_FIRST))
        return NULL;
    for (size_t p = h->word; p > 0; p--) {
        if (list_ends_before(s, text, p)) return NULL;
        const role *r = &s->roles[p - 1];
        if (r->kind == TS_MOD_CONTRAST && !r->in_hit) return NULL;
        ts_word_info *w = s->info[p - 1];
        if (!w || r->in_hit || !(word_classes(s, w) & WC_LISTER)) continue;
        /* "such" lists only as "such as" */
        if (ts_streq(w->word, "such") && (p >= h->word || !word_is(s, p, "as")))
            continue;
        return w->word;
    }
    return NULL;
}

/* Rule 23: does token k begin a phrase that defines or names a term
 * ("is defined as", "refers to", "is called", "our term for", "known
 * as", "simply means", "the term \"...\"")? */
static int defines_at(const ts_scorer *s, const char *text, size_t k)
{
    const char *w = s->info[k]->word;
    if (ts_streq(w, "defined") || ts_streq(w, "known"))
        return word_is(s, k + 1, "as");
    if (ts_streq(w, "defines")) return 1;
    if (ts_streq(w, "refers") || ts_streq(w, "refer"))
        return word_is(s, k + 1, "to");
    if (ts_streq(w, "called"))
        return k > 0 && (word_is(s, k - 1, "is") || word_is(s, k - 1, "are"));
    if (ts_streq(w, "means")) return k > 0 && word_is(s, k - 1, "simply");
    if (ts_streq(w, "slang")) return word_is(s, k + 1, "for");
    if (ts_streq(w, "term") && word_is(s, k + 1, "for")) return 1;
    /* "the term \"bear market\"", "the word \"strike\"" */
    return k > 0 && word_is(s, k - 1, "the") && k + 1 < s->tokens.n &&
           quote_opens(s, text, k + 1);
}

/* Rule 23 (top of scorer.c): does the sentence define or name a term, so
 * that its loaded words are the term and its gloss ("Postpartum
 * hemorrhage is defined as blood loss of more than 500 milliliters",
 * "The term \"kill criteria\" refers to the metrics ...")?  A sentence
 * whose writer speaks of himself ("I define failure as not trying") is
 * a stance and does not count.  Returns the word of definition, or
 * NULL. */
const char *ts_rule_defined(const ts_scorer *s, const ts_hit *h,
                            const char *text)
{
    (void)h;   /* every hit of such a sentence is named */
    if (!(s->sentence_classes & WC_DEFINER) ||
        (s->sentence_classes & WC_FIRST))
        return NULL;
    for (size_t k = 0; k < s->tokens.n; k++) {
        ts_word_info *w = s->info[k];
        if (w && (word_classes(s, w) & WC_DEFINER) && defines_at(s, text, k))
            return w->word;
    }
    return NULL;
}

/* Rule 29: is token k a past participle that is no hit ("reported",
 * "kept", "shown"), so that "should be" before it prescribes, not expects
 * ("should be quicker")? */
static int participle(const ts_scorer *s, size_t k)
{
    if (k >= s->tokens.n || !s->info[k] || s->roles[k].in_hit) return 0;
    const ts_word_info *w = s->info[k];
    if (w->word_len < 4) return 0;
    const char *end = w->word + w->word_len - 2;
    return ts_streq(end, "ed") || ts_streq(end, "en") || ts_streq(end, "wn") ||
           ts_streq(end, "pt");
}

/* Rule 29: does token k state an obligation or a permission of a rule:
 * "must" or "shall" before a verb ("must be submitted", "shall not
 * exceed"), "should be" before a past participle that is no hit
 * ("should be reported", not "should be ashamed" or "should be
 * quicker"), or "is"/"are" before "required", "prohibited", "forbidden",
 * "mandatory" or "permitted"?  "must have" and "should have" tell what
 * was due in the past, not a rule. */
static int obliges_at(const ts_scorer *s, size_t k)
{
    const char *w = s->info[k]->word;
    size_t next = k + 1;
    if (word_is(s, next, "not")) next++;
    if (ts_streq(w, "must") || ts_streq(w, "shall"))
        return next < s->tokens.n && s->info[next] && !word_is(s, next, "have") &&
               !s->roles[next].in_hit;
    if (ts_streq(w, "should"))
        return word_is(s, next, "be") && participle(s, next + 1);
    if (!ts_streq(w, "is") && !ts_streq(w, "are")) return 0;
    static const char *const rules[] = {"required", "prohibited", "forbidden",
                                        "mandatory", "permitted", NULL};
    for (size_t r = 0; rules[r]; r++)
        if (word_is(s, next, rules[r])) return 1;
    return 0;
}

/* Rule 29 (top of scorer.c): is the sentence a rule, a regulation or an
 * instruction, whose loaded words name what the rule is about ("Late
 * entries must be submitted by Friday; a penalty applies", "Damage to
 * hulls should be reported in the boat log", "Content warnings are
 * required for posts that mention self-harm")?  A sentence whose writer
 * speaks of himself ("I must stop failing") is a stance, and a question
 * ("why should I bother?") is no rule.  Returns the word of obligation,
 * or NULL. */
const char *ts_rule_stated(const ts_scorer *s, const ts_hit *h,
                           const char *text)
{
    size_t n = s->tokens.n;
    if (n < 3 || !(s->sentence_classes & WC_OBLIGE) ||
        (s->sentence_classes & WC_FIRST))
        return NULL;
    const ts_token *last = &s->tokens.v[n - 1];
    if (memchr(text + last->off, '?', s->text_len - last->off)) return NULL;
    for (size_t k = 0; k + 1 < n; k++) {
        const ts_word_info *w = s->info[k];
        if (!w || w->word_len < 2 || w->word_len > 6 || s->roles[k].in_hit ||
            !obliges_at(s, k))
            continue;
        /* a purpose told after "so" is the writer's point, not the rule's
         * matter ("near misses should be reported so the whole team can
         * learn from them") */
        for (size_t j = k + 1; j < h->word; j++)
            if (word_is(s, j, "so")) return NULL;
        return w->word;
    }
    return NULL;
}

/* Rule 34: common irregular past participles a procedure is told with
 * ("is held on the second Friday", "are sold in 40 shades"); the regular
 * ones end as participle() says. */
static const char *const irregular_participles[] = {
    "held", "sold", "made", "paid", "set", "put", "sent", "built", "told",
    "found", "run", "read", "hung", "kept", "left", NULL};

/* Rule 34: is token k a past participle that is no hit, regular or one of
 * irregular_participles[]? */
static int passive_participle(const ts_scorer *s, size_t k)
{
    /* "complaints are down by half" is a measure, no passive */
    if (word_is(s, k, "down")) return 0;
    if (participle(s, k)) return 1;
    if (k >= s->tokens.n || !s->info[k] || s->roles[k].in_hit) return 0;
    for (size_t j = 0; irregular_participles[j]; j++)
        if (ts_streq(s->info[k]->word, irregular_participles[j])) return 1;
    return 0;
}

/* Rule 34: the subject pronouns that make a passive a person's lot ("they
 * are ignored at every meeting"), not a procedure. */
static int person_before(const ts_scorer *s, size_t k)
{
    static const char *const persons[] = {"he", "she", "they", "we", "you",
                                          NULL};
    if (k == 0) return 0;
    for (size_t j = 0; persons[j]; j++)
        if (word_is(s, k - 1, persons[j])) return 1;
    return 0;
}

/* Rule 34: does token k open a passive of procedure: "is" or "are" (not
 * after a subject pronoun) or "will be", then at most one adverb in -ly,
 * then a past participle that is no hit, then a word that tells where,
 * when, by whom or how often ("are posted on", "is tested every", "is
 * staffed by", "are logged automatically")?  Returns the participle's
 * index, or 0. */
static size_t procedure_at(const ts_scorer *s, size_t k)
{
    const ts_word_info *w = s->info[k];
    if (ts_streq(w->word, "be")) {
        if (!word_is(s, k - 1, "will")) return 0;
    } else if (person_before(s, k)) {
        return 0;
    }
    size_t p = k + 1;
    if (p < s->tokens.n && s->info[p] && !s->roles[p].in_hit &&
        s->info[p]->word_len > 4 &&
        ts_streq(s->info[p]->word + s->info[p]->word_len - 2, "ly"))
        p++;
    if (!passive_participle(s, p) || p + 1 >= s->tokens.n) return 0;
    ts_word_info *a = s->info[p + 1];
    if (!a || s->roles[p + 1].in_hit ||
        !(word_classes(s, a) & (WC_ADJUNCT | WC_WHEN)))
        return 0;
    return p;
}

/* Rule 34 (top of scorer.c): is the sentence a procedure or a
 * description told in the present (or future) passive, whose loaded words
 * name what is handled ("Damaged items are recorded on form D-4", "The
 * tornado siren is tested at noon on the first Wednesday", "Results,
 * including wins and losses, are posted on the club site")?  News of a
 * harm is told in the past ("the town was bombed in 1944") and a person's
 * lot after a pronoun ("they are ignored"); a sentence whose writer
 * speaks of himself is his own, and a question is no procedure.  Returns
 * the participle, or NULL. */
const char *ts_rule_procedure(const ts_scorer *s, const ts_hit *h,
                              const char *text)
{
    size_t n = s->tokens.n;
    if (n < 4 || !(s->sentence_classes & WC_BE) ||
        !(s->sentence_classes & (WC_ADJUNCT | WC_WHEN)) ||
        (s->sentence_classes & WC_FIRST))
        return NULL;
    const ts_token *last = &s->tokens.v[n - 1];
    if (memchr(text + last->off, '?', s->text_len - last->off)) return NULL;
    for (size_t k = 1; k + 2 < n; k++) {
        ts_word_info *w = s->info[k];
        if (!w || s->roles[k].in_hit || !(word_classes(s, w) & WC_BE))
            continue;
        size_t p = procedure_at(s, k);
        if (!p) continue;
        /* a purpose told after "so" is the writer's point (rule 29) */
        for (size_t j = p + 1; j < h->word; j++)
            if (word_is(s, j, "so")) return NULL;
        return s->info[p]->word;
    }
    return NULL;
}

/* Rule 35: words after an opening "in" that tell a time ("In 2019",
 * "In June", "In the end", "In recent years"), whose person is told
 * ("In his final letters"), or that make a phrase of discourse ("In fact",
 * "In short", "In hindsight"), not the field a sentence speaks in. */
static const char *const not_fields[] = {
    "his", "her", "their", "its", "my", "our", "your", "whose", "lieu",
    "fact", "addition", "general", "short", "total", "turn", "particular",
    "other", "practice", "truth", "reality", "retrospect", "hindsight",
    "return", "response", "case", "time", "end", "past", "last",
    "next", "meantime", "recent", "early", "late", "morning", "afternoon",
    "evening", "night", "day", "days", "week", "weeks", "month", "months",
    "year", "years", "january", "february", "march", "april", "may",
    "june", "july", "august", "september", "october", "november",
    "december", "spring", "summer", "autumn", "fall", "winter", "first",
    "second", "third", "final", NULL};

/* Determiners that may stand between the opening "in" and its field. */
static const char *const field_determiners[] = {
    "the", "a", "an", "this", "that", "one", "most", "many", "some", "each",
    NULL};

#define FIELD_SPAN 4   /* rule 35: words after "in" that name the field */

static int listed(const char *const *list, const char *w)
{
    for (size_t j = 0; list[j]; j++)
        if (ts_streq(w, list[j])) return 1;
    return 0;
}

/* Rule 35 (top of scorer.c): does the sentence open by naming the field
 * it speaks in ("In hockey, a hat trick means ...", "In the tabletop
 * version a character dies when ...", "In comedy slang, to \"kill\" is to
 * do very well", "In Spanish, ...")?  Its loaded words are then the
 * field's terms: a game's, a play's, a language's.  The field is the word
 * after "in" and an optional determiner; it is no time, no person's
 * ("In his final letters"), no phrase of discourse ("In fact"), and the
 * words up to the first break, at most FIELD_SPAN, hold no hit ("In the
 * crash, two people died").  A sentence whose writer speaks of himself
 * is his own.  Returns "in", or NULL. */
const char *ts_rule_in_field(const ts_scorer *s, const ts_hit *h)
{
    (void)h;   /* every hit of such a sentence is the field's */
    size_t n = s->tokens.n;
    if (n < 4 || !word_is(s, 0, "in") || (s->sentence_classes & WC_FIRST))
        return NULL;
    size_t f = 1;
    if (s->info[f] && listed(field_determiners, s->info[f]->word)) f++;
    /* a number is a year or a count ("In 2019", "In 12 cases") */
    if (!s->info[f] || listed(not_fields, s->info[f]->word)) return NULL;
    for (size_t k = 1; k < n && k <= FIELD_SPAN; k++) {
        if (k > 1 && (s->tokens.v[k].flags & TS_TOK_BREAK)) break;
        if (s->roles[k].in_hit) return NULL;
    }
    return s->info[0]->word;
}

#define FUTILE_SPAN 10   /* rule 38: words from the mark to the hit */

/* Does a subject start at token k?  After "why" it makes an indirect
 * question ("and why I think it matters", "why the plants lean"); a
 * question asked outright puts a verb there ("why bother", "why do I
 * even try", "why push him"). */
static int subject_next(const ts_scorer *s, size_t k)
{
    static const char *const subjects[] = {
        "i", "we", "you", "he", "she", "they", "it", "the", "a", "an",
        "this", "that", "these", "those", "my", "our", "your", "his", "her",
        "their", "its", "people", NULL};
    for (size_t q = 0; subjects[q]; q++)
        if (word_is(s, k, subjects[q])) return 1;
    return 0;
}

/* Does a mark of futility end at token k?  "what's the point", "see the
 * point" or "no point" (at "point"), "no amount of" (at "of"), "no longer" (at
 * "longer"), or a "why" that opens a sentence or a clause and asks
 * outright ("Why bother ...", ", so why try").  Returns the mark, or
 * NULL. */
static const char *futile_at(const ts_scorer *s, size_t k)
{
    /* "what's the point", "what is the point", "don't see the point",
     * not "the point guard" or "the point at which" */
    if (word_is(s, k, "point") && k > 0 &&
        (word_is(s, k - 1, "no") ||
         (k >= 2 && word_is(s, k - 1, "the") &&
          (word_is(s, k - 2, "what's") || word_is(s, k - 2, "is") ||
           word_is(s, k - 2, "see")))))
        return "no point";
    if (word_is(s, k, "of") && k >= 2 && word_is(s, k - 1, "amount") &&
        word_is(s, k - 2, "no"))
        return "no amount of";
    if (word_is(s, k, "longer") && k > 0 && word_is(s, k - 1, "no"))
        return "no longer";
    if (word_is(s, k, "why") && !s->roles[k].in_hit &&
        (k == 0 || (s->tokens.v[k].flags & TS_TOK_BREAK) ||
         ((word_is(s, k - 1, "so") || word_is(s, k - 1, "and")) &&
          (k == 1 || (s->tokens.v[k - 1].flags & TS_TOK_BREAK)))) &&
        !subject_next(s, k + 1))
        return "why";
    return NULL;
}

/* Rule 38 (top of scorer.c): a growth hit in the clause of a mark of
 * futility is denied by it: "what's the point of studying when ...", "no
 * amount of practice will fix that", "people no longer bother speaking
 * up", "so why try".  Returns the mark, or NULL.  A negativity hit between
 * the mark and the hit stops it (rule 6), unless the mark is inside that
 * hit ("no longer bother"). */
const char *ts_rule_futile_scope(const ts_scorer *s, const ts_hit *h)
{
    if (h->entry_dim != TS_GROWTH || !(s->sentence_classes & WC_FUTILE))
        return NULL;
    size_t lo = h->word > FUTILE_SPAN ? h->word - FUTILE_SPAN : 0;
    for (size_t p = h->word; p > lo; p--) {
        size_t k = p - 1;
        if (s->tokens.v[p].flags & TS_TOK_BREAK) {
            /* "why" itself may open the clause */
            return k + 1 == h->word ? NULL : futile_at(s, p);
        }
        const role *r = &s->roles[k];
        if (r->in_hit && (r->hit_dims & (1u << TS_NEGATIVITY))) {
            for (size_t q = k + 1; q > 0 && k + 1 - q < 3; q--)
                if (futile_at(s, q - 1)) return futile_at(s, q - 1);
            return NULL;
        }
        const char *mark = futile_at(s, k);
        if (mark) return mark;
    }
    return NULL;
}

/* Rule 39 (top of scorer.c): is the sentence a statement about a kind of
 * thing, hedged as such statements are ("Adult cats generally need about
 * 20 to 30 calories", "A statement of work typically lists deliverables",
 * "Cedar blocks are commonly used to deter moths")?  Its loaded words
 * name what the kind does or suffers, not what befell someone.  The
 * adverb must come before any semicolon, question mark or contrast word:
 * after them it hedges the writer's answer ("Progress is rarely dramatic;
 * it usually looks like showing up again"), and a writer who speaks of
 * himself or of his own circle ("I usually leave after ten minutes", "we
 * can usually catch your child up") tells a habit or a promise, not a
 * kind.  Returns the adverb, or NULL. */
const char *ts_rule_generic(const ts_scorer *s, const ts_hit *h,
                            const char *text)
{
    (void)h;   /* every hit of such a sentence is the kind's */
    size_t n = s->tokens.n;
    if (n < 4 || !(s->sentence_classes & WC_GENERIC) ||
        (s->sentence_classes & WC_FIRST))
        return NULL;
    const char *adverb = NULL;
    for (size_t k = 0; k < n; k++) {
        /* "we usually land somewhere reasonable" is the writer's circle */
        if (word_is(s, k, "we")) return NULL;
        if (adverb) continue;
        if (k > 0 && list_ends_before(s, text, k)) return NULL;
        const role *r = &s->roles[k];
        if (r->kind == TS_MOD_CONTRAST && !r->in_hit) return NULL;
        ts_word_info *w = s->info[k];
        if (w && (word_classes(s, w) & WC_GENERIC)) {
            const ts_token *t = &s->tokens.v[k];
            if (memchr(text, '?', t->off)) return NULL;
            adverb = w->word;
        }
    }
    return adverb;
}

#define CONTAINER_SPAN 4   /* rule 40: words from the work to its verb */

/* Rule 40: is token v a verb that tells what a work holds, with its
 * particle where it needs one ("looks at", "focuses on", "breaks down",
 * "centres on", "deals with")? */
static int contents_at(const ts_scorer *s, size_t v)
{
    const char *w = s->info[v]->word;
    if (ts_streq(w, "looks")) return word_is(s, v + 1, "at");
    if (ts_streq(w, "focuses") || ts_streq(w, "centres") ||
        ts_streq(w, "centers"))
        return word_is(s, v + 1, "on");
    if (ts_streq(w, "breaks")) return word_is(s, v + 1, "down");
    if (ts_streq(w, "deals")) return word_is(s, v + 1, "with");
    /* "Patch notes: fixed a bug" names a work, no verb follows */
    return v + 1 < s->tokens.n && !(s->tokens.v[v + 1].flags & TS_TOK_BREAK);
}

/* Rule 40 (top of scorer.c): does the sentence tell what a work, a
 * document or a game holds ("This week's history lesson covers the causes
 * of the First World War", "The worksheet on natural disasters covers
 * earthquakes, floods and hurricanes", "The piece tells the story of a
 * shipwreck", "The game's expansion adds 40 new cards")?  Its loaded
 * words are the work's matter.  The work is the subject: it stands in the
 * sentence's first clause, at most CONTAINER_SPAN words before a verb of
 * contents in the present, not after "of" ("forty pages of notes").  In
 * a later clause the work is the writer's news ("and the latest patch
 * adds the options players asked for"), and a writer who speaks of
 * himself tells his own story.  Returns the verb, or NULL. */
const char *ts_rule_contents(const ts_scorer *s, const ts_hit *h)
{
    (void)h;   /* every hit of such a sentence is the work's matter */
    size_t n = s->tokens.n;
    if (n < 4 || (s->sentence_classes & (WC_CONTENTS | WC_CONTAINER)) !=
                     (WC_CONTENTS | WC_CONTAINER) ||
        (s->sentence_classes & WC_FIRST))
        return NULL;
    for (size_t v = 1; v < n; v++) {
        if (s->tokens.v[v].flags & TS_TOK_BREAK) return NULL;
        ts_word_info *w = s->info[v];
        if (!w || !(word_classes(s, w) & WC_CONTENTS) ||
            word_is(s, v - 1, "of") || !contents_at(s, v))
            continue;
        for (size_t k = v; k-- > 0 && v - k <= CONTAINER_SPAN;) {
            ts_word_info *c = s->info[k];
            if (c && (word_classes(s, c) & WC_CONTAINER)) return w->word;
        }
    }
    return NULL;
}

#define SARCASM_NEG_SPAN 3   /* rule 41: words from a negator to a setback */

/* Is the hit at token k denied by a negator among the words before it in
 * its clause ("Great, no more delays")? */
static int negator_before(const ts_scorer *s, size_t k)
{
    for (size_t j = k; j > 0 && k - (j - 1) <= SARCASM_NEG_SPAN; j--) {
        if (s->tokens.v[j].flags & TS_TOK_BREAK) return 0;
        if (s->roles[j - 1].kind == TS_MOD_NEGATOR) return 1;
    }
    return 0;
}

/* Where does a sarcastic opener's praise word stand?  A word of praise
 * or delight opening the sentence (after "Oh", "Well", "Yeah", ...) and
 * cut off by a break, then a setback: "another" or "yet another" right
 * after it, "more" right after it with no growth hit after it, or a
 * negativity hit that no negator denies and no growth hit follows
 * ("Great, another meeting", "Perfect, more rain", "Lovely, the printer
 * is jammed again").  A praise word inside a sarcastic phrase of the
 * lexicon ("Oh great", "Great, another") needs nothing more.  Returns the index of the
 * praise word, or tokens.n when there is none. */
static size_t sarcastic_opener(const ts_scorer *s)
{
    static const char *const leads[] = {"oh", "ah", "well", "yeah", "wow",
                                        "just", NULL};
    size_t n = s->tokens.n;
    if (!(s->sentence_classes & WC_PRAISE) || n < 3) return n;
    size_t p = s->info[0] && listed(leads, s->info[0]->word) ? 1 : 0;
    if (!s->info[p] || !(word_classes(s, s->info[p]) & WC_PRAISE)) return n;
    if (s->roles[p].in_hit && (s->roles[p].hit_dims & (1u << TS_NEGATIVITY)))
        return p;
    size_t o = p + 1;   /* the first word after the praise */
    if (!(s->tokens.v[o].flags & TS_TOK_BREAK)) return n;
    if (word_is(s, o, "another") ||
        (word_is(s, o, "yet") && word_is(s, o + 1, "another")))
        return p;
    /* "more" with no growth hit after it: "Perfect, more rain", not
     * "Great, more time to practise" */
    int more = word_is(s, o, "more");
    /* a setback after it, with no growth hit after the setback: "Great,
     * the bug that crashed the app is fixed" is relief */
    size_t setback = n;
    for (size_t h = 0; h < s->n_hits; h++) {
        const ts_hit *x = &s->pending[h].hit;
        if (x->word < o) continue;
        if (x->entry_dim == TS_GROWTH && (setback < n || more)) return n;
        if (x->entry_dim == TS_NEGATIVITY && setback == n &&
            !negator_before(s, x->word))
            setback = x->word;
    }
    return setback < n || more ? p : n;
}

/* Rule 41 (top of scorer.c): the growth hits of a sentence that opens on
 * sarcasm, the praise word itself among them, are denied by it, as a
 * negator would: "Oh great, another \"improvement\" that moves every
 * button", "Lovely, the power's gone out".  A contrast word between the
 * opener and the hit ends its reach.  Returns the praise word, or NULL. */
const char *ts_rule_sarcastic_opener(const ts_scorer *s, const ts_hit *h)
{
    if (h->entry_dim != TS_GROWTH || !(s->sentence_classes & WC_PRAISE))
        return NULL;
    size_t p = sarcastic_opener(s);
    if (p >= s->tokens.n || h->word < p) return NULL;
    for (size_t k = p + 1; k < h->word; k++)
        if (s->roles[k].kind == TS_MOD_CONTRAST) return NULL;
    return s->info[p]->word;
}

/* Rule 48: is negator a word that denies that something exists or
 * happened ("no", "no one", "nobody", "none", "nothing", "neither",
 * "nor"), rather than a verb's negation ("not", "didn't", "never")? */
static int denies_existence(const char *negator)
{
    static const char *const words[] = {"no", "no one", "nobody", "none",
                                        "nothing", "neither", "nor", NULL};
    if (!negator) return 0;
    for (size_t k = 0; words[k]; k++)
        if (ts_streq(negator, words[k])) return 1;
    return 0;
}

/* Rule 48 (top of scorer.c): is every hit of the sentence a setback or a
 * harm whose existence a negator of existence denies ("No one was injured
 * during the drill", "no animals were harmed", "so there is no need to
 * evacuate")?  Such a sentence reports that nothing bad happened, the
 * register of incident reports and notices: it tells no growth, and it
 * names no setback for a reframe.  A denied act of quitting ("nobody gave
 * up") is left to rule 4, and a sentence with any other hit, or with a hit
 * denied by a verb ("I didn't regret it", "not a disaster, just a map"),
 * keeps its tone.  hits are the n adjusted hits (n > 0). */
int ts_rule_denied_existence(const ts_hit *hits, size_t n)
{
    if (!n) return 0;
    for (size_t k = 0; k < n; k++) {
        const ts_hit *h = &hits[k];
        if (!(h->flags & TS_HIT_NEGATED) || h->entry_dim != TS_NEGATIVITY ||
            (h->category && ts_streq(h->category, QUITTING)) ||
            !denies_existence(h->negator))
            return 0;
    }
    return 1;
}
