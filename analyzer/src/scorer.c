/* scorer.c - sentence scoring (stage 6). */
#include "scorer.h"

#include <math.h>
#include <string.h>

#include "alloc.h"

/* What a word does besides (or instead of) scoring. */
typedef struct role {
    ts_modifier_kind kind;   /* TS_MOD_NONE for ordinary words */
    double value;            /* booster/dampener amount */
    const char *word;        /* the modifier as written in the lexicon */
    int in_hit;              /* covered by a scoring match */
} role;

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
    const ts_word_info **info;  /* per token, NULL for numbers */
    role *roles;                /* per token */
    size_t cap;                 /* room in info and roles */
    pending_hit *pending;
    ts_hit *hits;
    size_t n_hits, hits_cap;
    ts_buf strings;             /* hit texts, NUL-separated */
};

ts_scorer *ts_scorer_new(const ts_lexicon *lex, ts_memo *memo)
{
    ts_scorer *s = ts_calloc(1, sizeof *s);
    if (!s) return NULL;
    s->lex = lex;
    s->memo = memo;
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
    ts_free(s);
}

static int reserve_tokens(ts_scorer *s, size_t n)
{
    if (n <= s->cap) return 0;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < n) cap *= 2;
    const ts_word_info **info = ts_realloc(s->info, cap * sizeof *info);
    if (!info) return -1;
    s->info = info;
    role *roles = ts_realloc(s->roles, cap * sizeof *roles);
    if (!roles) return -1;
    s->roles = roles;
    s->cap = cap;
    return 0;
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
    for (size_t k = first; k < first + n; k++) s->roles[k].in_hit = 1;
    s->n_hits++;
    return 0;
}

/* Length of the longest phrase of list matching the tokens at i; stems
 * (scoring) or folded words (modifiers) are compared.  *which gets it. */
static size_t match_phrase(const ts_scorer *s, const ts_lex_phrases *list,
                           size_t i, int by_stem, const ts_lex_phrase **which)
{
    if (!list) return 0;
    for (size_t k = 0; k < list->n; k++) {
        const ts_lex_phrase *ph = &list->v[k];
        if (i + ph->n > s->tokens.n) continue;
        size_t j = 0;
        for (; j < ph->n; j++) {
            const ts_word_info *w = s->info[i + j];
            if (!w || strcmp(by_stem ? w->stem : w->word, ph->words[j]) != 0)
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
        if (w->modifier) {
            set_role(&s->roles[i], w->modifier);
        } else if (ends_with_nt(w->word, strlen(w->word))) {
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

/* Boosters and dampeners count less the further back they stand. */
static double decay(size_t distance)
{
    return distance <= 1 ? 1.0 : distance == 2 ? 0.95 : 0.9;
}

/* Applies the modifier rules to one hit. */
static void adjust(ts_scorer *s, ts_hit *h, size_t contrast, int has_contrast)
{
    const ts_token *tok = s->tokens.v;
    double w = h->base_weight;
    int negated = 0;
    /* look back over at most TS_MODIFIER_WINDOW words of the same clause */
    for (size_t j = h->word; j > 0 && h->word - (j - 1) <= TS_MODIFIER_WINDOW;
         j--) {
        if (tok[j].flags & TS_TOK_BREAK) break;
        const role *r = &s->roles[j - 1];
        size_t distance = h->word - (j - 1);
        if (r->in_hit) continue;
        switch (r->kind) {
        case TS_MOD_NEGATOR:
            if (!negated) {
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
    if (has_contrast) {
        if (h->word < contrast) {
            w *= TS_CONTRAST_BEFORE;
            h->flags |= TS_HIT_BEFORE_CONTRAST;
        } else if (h->word > contrast) {
            w *= TS_CONTRAST_AFTER;
            h->flags |= TS_HIT_AFTER_CONTRAST;
        }
    }
    h->weight = w;
}

int ts_scorer_score(ts_scorer *s, const char *text, size_t len,
                    ts_sentence *out)
{
    s->n_hits = 0;
    ts_buf_clear(&s->strings);
    if (ts_tokenize(&s->tokens, text, len)) return -1;
    size_t n = s->tokens.n;
    if (reserve_tokens(s, n ? n : 1)) return -1;
    ts_memo_trim(s->memo);
    for (size_t i = 0; i < n; i++) {
        memset(&s->roles[i], 0, sizeof s->roles[i]);
        if (s->tokens.v[i].flags & TS_TOK_NUMBER) {
            s->info[i] = NULL;
            continue;
        }
        s->info[i] = ts_memo_lookup(s->memo, ts_token_folded(&s->tokens, i),
                                    s->tokens.v[i].fold_len);
        if (!s->info[i]) return -1;
    }
    if (match(s, text)) return -1;

    size_t contrast = 0;
    int has_contrast = 0;
    for (size_t i = 0; i < n; i++)
        if (s->roles[i].kind == TS_MOD_CONTRAST && !s->roles[i].in_hit) {
            contrast = i;
            has_contrast = 1;
        }
    double g = 0, neg = 0;
    for (size_t k = 0; k < s->n_hits; k++) {
        ts_hit *h = &s->hits[k];
        *h = s->pending[k].hit;
        h->text = s->strings.data + s->pending[k].text_off;
        adjust(s, h, contrast, has_contrast);
        if (h->dim == TS_GROWTH) g += h->weight;
        else neg += h->weight;
    }
    out->words = s->tokens.words;
    out->growth = g;
    out->negativity = neg;
    out->tone = ts_tone(g, neg);
    out->label = ts_tone_label(out->tone);
    out->reframe = neg > 0 && g >= neg;
    out->hits = s->n_hits ? s->hits : NULL;
    out->n_hits = s->n_hits;
    return 0;
}
