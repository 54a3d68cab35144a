/* word_classes.c - the word lists of the scoring rules, one table. */
#include "word_classes.h"

#include <string.h>

#include "alloc.h"
#include "ts_uthash.h"

/* A word of the lists below with every class it has there
 * ("report" is both a work and a head). */
typedef struct class_word {
    const char *word;        /* static storage */
    ts_wclass classes;       /* WC_* */
    UT_hash_handle hh;
} class_word;

/* "can't", "won't": a negator however it is spelled before the n't */
static int ends_with_nt(const char *w, size_t len)
{
    return len > 3 && memcmp(w + len - 3, "n't", 3) == 0;
}

/* rule 1: "not", "cannot", any "n't" or "nt" form (the word's length is
 * known: comparing its last bytes needs no strcmp) */
static int is_verbal_negator(const char *w, size_t n)
{
    return (n >= 3 && (!memcmp(w + n - 3, "not", 3) ||
                       !memcmp(w + n - 3, "n't", 3))) ||
           (n >= 4 && !memcmp(w + n - 2, "nt", 2));
}



/* 2^14 bits for some 900 words: about one word in twenty that is in no
 * list still passes (see ts_filter_add) */
#define FILTER_BITS 14

struct ts_word_classes {
    class_word *words;       /* the listed words, by word */
    class_word *store;       /* their records, one block */
    uint64_t filter[(1u << FILTER_BITS) / 64];   /* of the words' hashes */
};

static int build(ts_word_classes *s);

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
    /* words that move a story on in time after a setback (rule 11), and
     * that date a change after one (rule 42: "starting Monday", "within
     * a week") */
static const char *const turns[] = {"since", "later", "now", "next",
                                    "eventually", "afterwards", "afterward",
                                    "these", "this",
                                    /* rule 42 */
                                    "starting", "within", NULL};
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
    "adjusted", "adjusting", "reassessed", "researched", "consulted",
    "sought", "salvaged", "reverted", "rebalanced", "relocated",
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


static const char *const yet[] = {"yet", NULL};

    /* words that open a clause of time (rule 14) */
static const char *const openers[] = {"after", "when", "once", "following",
                                      NULL};
    /* the short words a title in Title Case leaves in lower case (rule 13) */
static const char *const smalls[] = {
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet",
    "of", "on", "in", "at", "to", "by", "up", "as", "via", "vs",
    "with", "from", "into", "per", NULL};
    /* verbs that introduce a list of items (rule 22); "such" only
     * before "as" */
static const char *const listers[] = {
    "include", "includes", "including", "covers", "covering", "lists",
    "identifies", "such", NULL};
    /* words of a phrase that defines or names a term (rule 23); the
     * phrases themselves are checked in ts_rule_defined() */
static const char *const definers[] = {
    "defined", "defines", "refers", "refer", "called", "term", "slang",
    "known", "means", "word", "phrase", NULL};
    /* a speaker who is the writer (rules 22 and 23) */
static const char *const firsts[] = {
    "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll", NULL};
    /* a past set against the present (rule 24): "two years ago", "went
     * from ... to", ", up from" */
static const char *const thens[] = {"ago", "from", "up", NULL};
    /* a lack that lasts (rule 25) */
static const char *const stills[] = {"still", NULL};
    /* what people pay (rule 26); not "rates" (of interest, of meteors)
     * nor "costs" and "sales", told neutrally in market reports */
static const char *const costs[] = {
    "rent", "rents", "price", "prices", "fee", "fees", "fare", "fares",
    "dues", "charges", "premiums", "bills", "tuition", NULL};
    /* the contrast words rule 21 answers after */
static const char *const turn_contrasts[] = {"but", "yet", "however", NULL};
    /* "my first", "our first" (rules 27 and 31) */
static const char *const ordinal_firsts[] = {"first", NULL};
    /* a rule's obligation or permission (rule 29) */
static const char *const obliges[] = {
    "must", "shall", "should", "required", "prohibited", "forbidden",
    "mandatory", "permitted", NULL};
    /* a sequel told by "now" (rule 30) */
static const char *const nows[] = {"now", NULL};
    /* "a record 1,312", "a new record" (rule 31) */
static const char *const records[] = {"record", NULL};
    /* "is why", "that's how" (rule 33) */
static const char *const results[] = {"why", "how", NULL};
    /* a present or future passive (rule 34): "is", "are", "will be" */
static const char *const bes[] = {"is", "are", "be", NULL};
    /* what a procedure's passive is told with (rule 34): where, when, by
     * whom, how often ("are posted on the club site", "is tested every
     * Tuesday", "is staffed by six agents") */
static const char *const adjuncts[] = {
    "by", "on", "in", "at", "every", "each", "within", "through", "from",
    "during", "before", "after", "under", "as", "here", "until", "daily",
    "weekly", "monthly", "nightly", "quarterly", "annually", "yearly",
    "automatically", "separately", NULL};
    /* a future denied for good (rule 36) */
static const char *const nevers[] = {"never", NULL};
    /* a trait claimed of a group (rule 37) */
static const char *const somes[] = {"some", NULL};
    /* words that end a mark of futility (rule 38): "what's the point",
     * "no amount of", "no longer", a rhetorical "why" */
static const char *const futiles[] = {"point", "amount", "why", "longer",
                                      NULL};
    /* words of praise or delight that open a sarcastic sentence (rule
     * 70): "Great, another meeting", "Lovely, the printer is jammed
     * again" */
static const char *const praises[] = {
    "great", "good", "wonderful", "fantastic", "perfect", "brilliant",
    "lovely", "awesome", "terrific", "excellent", "amazing", "marvellous",
    "marvelous", "super", "splendid", "superb", "fabulous", "nice",
    "delightful", "outstanding", "thrilling", NULL};
    /* a clause opened by "so" (rule 28) */
static const char *const sos[] = {"so", NULL};
    /* adverbs that hedge a statement about a kind of thing (rule 39):
     * "adult cats generally need", "a Harold usually consists of" */
static const char *const generics[] = {
    "usually", "typically", "generally", "commonly", NULL};
    /* verbs in the present that tell what a work holds (rule 40): "the
     * lesson covers", "the film follows", "the column answers" */
static const char *const contents[] = {
    "covers", "explores", "examines", "describes", "depicts", "tells",
    "follows", "looks", "answers", "lists", "explains", "asks", "focuses",
    "concerns", "discusses", "breaks", "features", "traces", "recounts",
    "introduces", "presents", "portrays", "centres", "centers", "deals",
    "adds", "marks", "reads", "notes", NULL};
    /* works, documents and things made to be read, watched or played,
     * whose contents rule 40 tells (singular and plural) */
static const char *const containers[] = {
    "book", "books", "novel", "novels", "film", "films", "movie", "movies",
    "documentary", "game", "games", "play", "plays", "show", "shows",
    "series", "episode", "episodes", "lesson", "lessons", "lecture",
    "lectures", "seminar", "workshop", "session", "course", "module",
    "unit", "class", "column", "columns", "thread", "article", "articles",
    "post", "piece", "essay", "chapter", "section", "exhibit",
    "exhibition", "gallery", "display", "handout", "worksheet",
    "brochure", "leaflet", "guide", "guidebook", "handbook", "manual",
    "report", "review", "study", "survey", "paper", "map", "label",
    "sign", "form", "page", "album", "song", "talk", "track", "tour",
    "walk", "podcast", "expansion", "mode", "deck", "comic", "quiz",
    "exam", "prompt", "prompts", "resolution", "motion", "story",
    "program", "programme", "changelog", "update", "patch", "version",
    "release", "painting", NULL};
    /* participles that tell, after a comma, what a harm did to those it
     * reached (rule 43): ", leaving 1,400 staff out of work", ", stranding
     * 20,000 passengers"; "cutting" only before "off" */
static const char *const resultings[] = {
    "leaving", "forcing", "stranding", "trapping", "ending", "breaking",
    "displacing", "cutting", NULL};
    /* words that open a noun phrase of people or things (rule 43): a
     * determiner, a possessive, a pronoun, a quantity */
static const char *const object_starts[] = {
    "the", "a", "an", "our", "their", "his", "her", "its", "my", "your",
    "us", "them", "him", "me", "both", "hundreds", "thousands", "dozens",
    "millions", "many", "several", "some", "all", "every", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "twelve",
    "twenty", "thirty", "forty", "fifty", "sixty", "hundred", NULL};
    /* verbs of cutting a thing off or away (rule 44) */
static const char *const cuttings[] = {
    "cut", "cuts", "cutting", "slash", "slashes", "slashed", "slashing",
    "axe", "axed", "scrap", "scraps", "scrapped", "scrapping", "rescind",
    "rescinded", "withdrawn", "cancel", "cancels", "cancelled", "canceled",
    "eliminate", "eliminates", "eliminated", "halved", NULL};
    /* what an employer, a council or a school provides and people rely
     * on (rule 44); not "hours" (the hours a task takes are cut as often)
     * nor "costs" or "routes" */
static const char *const provisions[] = {
    "funding", "funds", "budget", "budgets", "grant", "grants", "service",
    "services", "program", "programs", "programme", "programmes",
    "classes", "jobs", "positions", "posts", "seats", "staff", "staffing",
    "benefits", "pension", "pensions", "wages", "pay", "salary",
    "salaries", "subsidy", "subsidies", "aid", "shifts", "beds",
    "allowance", "allowances", "scholarship", "scholarships", NULL};
    /* verbs of success or attainment: denied in the past they name a
     * shortfall (rule 45: "didn't get the part", "could not save him");
     * not "do", "go" or "try", which deny no success */
static const char *const attains[] = {
    "get", "got", "make", "made", "win", "won", "pass", "passed", "finish",
    "finished", "save", "saved", "land", "landed", "work", "worked",
    "working", "manage", "managed", "use", "used", "find", "found",
    "qualify", "qualified", "reach", "reached", "succeed", "succeeded",
    "achieve", "achieved", "earn", "earned", "secure", "secured",
    "complete", "completed", "hit", "answer", "answered", NULL};
    /* a later clause dated "by" a point in time (rule 47): "; by August
     * he was diving", "and by Friday even the youngest were nailing
     * them"; "the end", "the time", "the third", "day three" are read
     * in the rule */
static const char *const bys[] = {"by", NULL};
static const char *const points[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "spring",
    "summer", "autumn", "fall", "winter", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "then", "now", "end",
    "time", "halftime", "lunch", "lunchtime", "noon", "evening",
    "christmas", "graduation", "day", "week", "month", "year", "term",
    "semester", "season", NULL};
    /* the writer or his group as a subject (rule 49) */
static const char *const writers[] = {"i", "we", "i've", "we've", NULL};
    /* common irregular pasts that tell a deed (rules 12, 28, 30-32, 49:
     * "bought", "took", "spent"); forms in -ed are told by their ending */
static const char *const past_deeds[] = {
    "bought", "took", "made", "spent", "went", "came", "built", "began",
    "wrote", "found", "got", "kept", "set", "put", "ran", "sat", "did",
    "gave", "brought", "read", "met", "sent", "taught", "led", "held",
    "drew", "rode", "swam", "sold", "chose", "dug", "sought", NULL};
static const struct {
    const char *const *words;
    ts_wclass wc;
} class_lists[] = {{works, WC_WORK}, {about, WC_ABOUT}, {heads, WC_HEAD},
                   {yet, WC_YET}, {raisers, WC_RAISE}, {links, WC_LINK},
                   {finds, WC_FINDS}, {verb_cues, WC_VERB_CUE},
                   {comparatives, WC_COMPARE}, {turns, WC_TURN},
                   {repairs, WC_REPAIR}, {measures, WC_MEASURE},
                   {rises, WC_RISE}, {falls, WC_FALL},
                   {fall_gaps, WC_FALL_GAP}, {whens, WC_WHEN},
                   {turners, WC_TURNER}, {openers, WC_OPENER},
                   {smalls, WC_SMALL}, {listers, WC_LISTER},
                   {definers, WC_DEFINER}, {firsts, WC_FIRST},
                   {thens, WC_THEN},
                   {stills, WC_STILL}, {costs, WC_COST},
                   {turn_contrasts, WC_TURN_CONTRAST},
                   {ordinal_firsts, WC_ORDINAL_FIRST}, {sos, WC_SO},
                   {obliges, WC_OBLIGE}, {nows, WC_NOW}, {records, WC_RECORD},
                   {results, WC_RESULT},
                   {bes, WC_BE}, {adjuncts, WC_ADJUNCT}, {nevers, WC_NEVER},
                   {somes, WC_SOME}, {futiles, WC_FUTILE},
                   {generics, WC_GENERIC}, {contents, WC_CONTENTS},
                   {containers, WC_CONTAINER},
                   {praises, WC_PRAISE},
                   {resultings, WC_RESULTING},
                   {object_starts, WC_OBJECT_START}, {cuttings, WC_CUTTING},
                   {provisions, WC_PROVISION}, {attains, WC_ATTAIN},
                   {bys, WC_BY}, {points, WC_POINT},
                   {writers, WC_WRITER}, {past_deeds, WC_PAST_DEED}};

#define N_CLASS_LISTS (sizeof class_lists / sizeof *class_lists)

/* Indexes the lists above once per scorer, so that classing a word costs
 * one lookup instead of a string comparison with every listed word. */
ts_word_classes *ts_word_classes_new(void)
{
    ts_word_classes *c = ts_calloc(1, sizeof *c);
    if (!c) return NULL;
    if (build(c)) {
        ts_word_classes_free(c);
        return NULL;
    }
    return c;
}

void ts_word_classes_free(ts_word_classes *c)
{
    if (!c) return;
    HASH_CLEAR(hh, c->words);
    ts_free(c->store);
    ts_free(c);
}

static int build(ts_word_classes *s)
{
    size_t n = 0;
    for (size_t l = 0; l < N_CLASS_LISTS; l++)
        for (size_t k = 0; class_lists[l].words[k]; k++) n++;
    s->store = ts_calloc(n, sizeof *s->store);
    if (!s->store) return -1;
    size_t used = 0;
    for (size_t l = 0; l < N_CLASS_LISTS; l++) {
        for (size_t k = 0; class_lists[l].words[k]; k++) {
            const char *word = class_lists[l].words[k];
            size_t len = strlen(word);
            class_word *cw;
            HASH_FIND(hh, s->words, word, len, cw);
            if (!cw) {
                cw = &s->store[used++];
                cw->word = word;
                TS_HASH_OOM_RESET();
                HASH_ADD_KEYPTR(hh, s->words, word, len, cw);
                if (TS_HASH_OOM()) return -1;
                ts_filter_add(s->filter, FILTER_BITS, cw->hh.hashv);
            }
            cw->classes |= class_lists[l].wc;
        }
    }
    return 0;
}

/* Computes a word's classes, once per memo record. */
ts_wclass ts_word_classes_compute(const ts_word_classes *s, ts_word_info *w)
{
    ts_wclass c = WC_KNOWN;
    /* the memo hashed the word already, with uthash's own function; most
     * words met for the first time are in no list, and the filter says
     * so without a walk through the table */
    unsigned hash = ts_word_hash(w);
    if (ts_filter_may_hold(s->filter, FILTER_BITS, hash)) {
        class_word *cw;
        HASH_FIND_BYHASHVALUE(hh, s->words, w->word, w->word_len, hash, cw);
        if (cw) c |= cw->classes;
    }
    if (is_verbal_negator(w->word, w->word_len)) c |= WC_VERBAL_NEG;
    if (ends_with_nt(w->word, w->word_len)) c |= WC_NT;
    if (!w->phrases && !w->mod_phrases && !w->modifier && !w->entry &&
        !w->prefix[TS_GROWTH] && !w->prefix[TS_NEGATIVITY] && !(c & WC_NT))
        c |= WC_INERT;
    w->classes = c;
    return c;
}

