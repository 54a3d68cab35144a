/* lexicon.c - loading and checking the lexicons (the lookup tables they
 * fill are in lexicon_tables.c).
 *
 * A lexicon file is parsed line by line.  Each term is folded and
 * tokenised exactly as article text is, then stemmed with the same Snowball
 * stemmer, so "failures" in a lexicon and "Failures" in an article meet at
 * the same key.  Loading stops at the first bad line; checking reports
 * them all.  The builtin set was parsed by this same code when the
 * library was built (analyzer/tools/embed.c): loading it only links its
 * entries and fills the tables. */
#include "lexicon.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libstemmer.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"
#include "arena.h"
#include "buf.h"
#include "builtin_lexicons.h"
#include "decoder.h"
#include "lexicon_impl.h"
#include "tokenizer.h"

_Thread_local int ts_uthash_oom;

enum file_kind { FILE_GROWTH = 0, FILE_NEGATIVITY = 1, FILE_MODIFIERS = 2 };

static const char *const growth_categories[] = {
    "learning", "effort", "persistence", "resilience", "challenge",
    "feedback", "possibility", "improvement", "curiosity", "support",
    "mindset", NULL};
static const char *const negativity_categories[] = {
    "setback", "fear", "sadness", "anger", "hopelessness", "fixed-ability",
    "rejection", "shame", "quitting", "criticism", "harm", "stress", NULL};

const char *ts_modifier_kind_name(ts_modifier_kind kind)
{
    switch (kind) {
    case TS_MOD_NEGATOR: return "negator";
    case TS_MOD_BOOSTER: return "booster";
    case TS_MOD_DAMPENER: return "dampener";
    case TS_MOD_CONTRAST: return "contrast";
    case TS_MOD_NONE: break;
    }
    return "none";
}

/* ---------------------------------------------------------------- parsing */

typedef struct seen_key {
    char *key;
    unsigned long line;
    double weight;
    UT_hash_handle hh;
} seen_key;

/* Folded word -> stem.  Most words of the lexicons' phrases occur in
 * several entries ("give up", "gave up on", "never give up"), and the
 * stemmer was the largest cost of loading them. */
typedef struct cached_stem {
    char *word;                  /* folded: the key */
    char *stem;
    size_t stem_len;
    UT_hash_handle hh;
} cached_stem;

typedef struct stem_cache {
    cached_stem *table;
    ts_arena mem;                /* the records and their strings */
} stem_cache;

#define STEM_CACHE_INIT {NULL, TS_ARENA_INIT}

static void stem_cache_free(stem_cache *c)
{
    HASH_CLEAR(hh, c->table);
    ts_arena_free(&c->mem);
}

typedef struct parser {
    ts_lexicon *lex;             /* NULL when only checking */
    enum file_kind kind;
    const char *name;            /* for messages */
    struct sb_stemmer *stemmer;
    stem_cache *stems;           /* shared by the files of one load */
    ts_problem_cb problem;       /* checking: every problem */
    void *problem_ctx;
    ts_error *err;               /* loading: the first problem */
    int problems;
    int oom;
    seen_key *seen;              /* keys of this file, for duplicates */
    ts_arena scratch;            /* the seen keys, freed with the parser */
    const char *source;          /* the lexicon's copy of name, once used */
    char categories[64][32];     /* from a "# categories:" line */
    unsigned char category_len[64]; /* their lengths: every line is
                                       checked against them */
    size_t n_categories;
    ts_tokens tokens;
    ts_buf key;
    ts_buf term;
} parser;

static void problem(parser *ps, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(parser *ps, unsigned long line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ps->problems++;
    if (ps->problem) ps->problem(ps->problem_ctx, ps->name, line, msg);
    if (ps->err && ps->problems == 1) {
        ps->err->status = TS_ELEXICON;
        snprintf(ps->err->file, sizeof ps->err->file, "%s", ps->name);
        ps->err->line = line;
        snprintf(ps->err->message, sizeof ps->err->message, "%s", msg);
    }
}

static void trim(const char **p, size_t *len)
{
    while (*len && (**p == ' ' || **p == '\t')) (*p)++, (*len)--;
    while (*len && ((*p)[*len - 1] == ' ' || (*p)[*len - 1] == '\t' ||
                    (*p)[*len - 1] == '\r'))
        (*len)--;
}

/* "# dimension: growth" and "# categories: a, b, c" configure the file. */
static const char *const kind_names[] = {"growth", "negativity", "modifiers"};

/* The kind a "dimension:" value names, or -1. */
static int kind_of(const char *v, size_t n)
{
    for (int k = 0; k < 3; k++)
        if (strlen(kind_names[k]) == n && memcmp(kind_names[k], v, n) == 0)
            return k;
    return -1;
}

/* "# dimension: growth" says what the file is (it must agree with how it
 * is read); "# categories: a, b, c" replaces the known categories. */
static void directive(parser *ps, const char *p, size_t len,
                      unsigned long line)
{
    while (len && (*p == '#' || *p == ' ')) p++, len--;
    if (len > 10 && strncmp(p, "dimension:", 10) == 0) {
        p += 10;
        len -= 10;
        while (len && (*p == ' ' || *p == '\t')) p++, len--;
        size_t n = 0;
        while (n < len && p[n] != ' ' && p[n] != '\t' && p[n] != '\r') n++;
        int k = kind_of(p, n);
        if (k < 0)
            problem(ps, line, "unknown dimension '%.*s' (expected growth, "
                              "negativity or modifiers)", (int)(n > 40 ? 40 : n), p);
        else if (k != (int)ps->kind)
            problem(ps, line, "the file says 'dimension: %s' but is read as "
                              "the %s lexicon", kind_names[k],
                    kind_names[ps->kind]);
        return;
    }
    if (len > 11 && strncmp(p, "categories:", 11) == 0) {
        p += 11;
        len -= 11;
        ps->n_categories = 0;
        while (len) {
            while (len && (*p == ' ' || *p == ',' || *p == '\t')) p++, len--;
            size_t n = 0;
            while (n < len && p[n] != ',' && p[n] != ' ' && p[n] != '\t' &&
                   p[n] != '\r')
                n++;
            if (n && n < 32 && ps->n_categories < 64) {
                memcpy(ps->categories[ps->n_categories], p, n);
                ps->categories[ps->n_categories][n] = '\0';
                ps->category_len[ps->n_categories++] = (unsigned char)n;
            }
            p += n;
            len -= n;
            if (len && *p == '\r') break;
        }
    }
}

static int known_category(parser *ps, const char *c, size_t n)
{
    if (ps->n_categories) {
        for (size_t i = 0; i < ps->n_categories; i++)
            if (ps->category_len[i] == n &&
                memcmp(ps->categories[i], c, n) == 0)
                return 1;
        return 0;
    }
    const char *const *list =
        ps->kind == FILE_GROWTH ? growth_categories : negativity_categories;
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, c, n) == 0) return 1;
    return 0;
}

static int valid_utf8(const char *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        /* most terms are ASCII, which is always valid: no call for it */
        if ((unsigned char)p[i] < 0x80) {
            i++;
            continue;
        }
        unsigned cp;
        int k = ts_utf8_decode((const unsigned char *)p + i, n - i, &cp);
        if (k == 0) return 0;
        i += (size_t)k;
    }
    return 1;
}

/* A decimal of digits and one '.' with at most 15 digits, as weights are
 * written ("1.5", "0.35"): its digits as an integer over a power of ten,
 * both exact in a double, so the one rounding of the division gives
 * exactly what strtod gives.  0 if it is one; -1 for anything else, which
 * is left to strtod. */
static int plain_decimal(const char *p, size_t n, double *out)
{
    static const double tens[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                  1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
                                  1e15};
    uint64_t digits = 0;
    size_t n_digits = 0, frac = 0;
    int dot = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '.') {
            if (dot++) return -1;
        } else if (p[i] >= '0' && p[i] <= '9') {
            digits = digits * 10 + (uint64_t)(p[i] - '0');
            n_digits++;
            frac += (size_t)dot;
        } else {
            return -1;
        }
    }
    if (n_digits == 0 || n_digits > 15) return -1;
    *out = (double)digits / tens[frac];
    return 0;
}

/* Parses a weight: a plain decimal number in (lo, hi].  Loading parses
 * thousands of them, and strtod was a good part of its cost. */
static int parse_weight(const char *p, size_t n, double lo, double hi,
                        double *out)
{
    char tmp[32];
    double fast;
    if (n == 0 || n >= sizeof tmp) return -1;
    if (plain_decimal(p, n, &fast) == 0) {
        if (fast <= lo || fast > hi) return -1;
        *out = fast;
        return 0;
    }
    memcpy(tmp, p, n);
    tmp[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)tmp[i]) && tmp[i] != '.') return -1;
    char *end;
    errno = 0;
    double v = strtod(tmp, &end);
    if (*end || errno || !isfinite(v) || v <= lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* Stems w and remembers the result; NULL when memory ran out. */
static const cached_stem *stem_new(parser *ps, const char *w, size_t n)
{
    stem_cache *c = ps->stems;
    const sb_symbol *s = sb_stemmer_stem(ps->stemmer, (const sb_symbol *)w,
                                         (int)n);
    if (!s) return NULL;
    size_t sl = (size_t)sb_stemmer_length(ps->stemmer);
    cached_stem *e = ts_arena_calloc(&c->mem, sizeof *e);
    if (!e || !(e->word = ts_arena_strndup(&c->mem, w, n)) ||
        !(e->stem = ts_arena_strndup(&c->mem, (const char *)s, sl)))
        return NULL;
    e->stem_len = sl;
    TS_HASH_OOM_RESET();
    HASH_ADD_KEYPTR(hh, c->table, e->word, n, e);
    return TS_HASH_OOM() ? NULL : e;
}

/* Stems one folded word into out (appended). */
static int stem_into(parser *ps, ts_buf *out, const char *w, size_t n)
{
    cached_stem *e;
    HASH_FIND(hh, ps->stems->table, w, n, e);
    const cached_stem *c = e ? e : stem_new(ps, w, n);
    if (!c) return -1;
    return ts_buf_append(out, c->stem, c->stem_len);
}

/* Builds the lookup key of a term: the folded prefix for "x*", the
 * space-joined stems (scoring files) or folded words (modifiers) for words
 * and phrases.  Returns the number of words, 0 for an empty term, -1 for
 * ENOMEM. */
static int term_key(parser *ps, const char *term, size_t n, int *prefix)
{
    ts_buf_clear(&ps->key);
    *prefix = 0;
    if (n > 1 && term[n - 1] == '*') {
        *prefix = 1;
        n--;
    }
    if (ts_tokenize(&ps->tokens, term, n)) return -1;
    if (ps->tokens.n == 0) return 0;
    if (*prefix) {
        if (ps->tokens.n != 1) return -2;
        if (ts_fold(&ps->key, term, n)) return -1;
        return 1;
    }
    for (size_t i = 0; i < ps->tokens.n; i++) {
        if (i && ts_buf_putc(&ps->key, ' ')) return -1;
        const char *w = ts_token_folded(&ps->tokens, i);
        size_t wl = ps->tokens.v[i].fold_len;
        int rc = ps->kind == FILE_MODIFIERS ? ts_buf_append(&ps->key, w, wl)
                                            : stem_into(ps, &ps->key, w, wl);
        if (rc) return -1;
    }
    return (int)ps->tokens.n;
}

/* ------------------------------------------------------------- building */

static char *dup_or_oom(parser *ps, const char *s, size_t n)
{
    char *d = ts_arena_strndup(&ps->lex->arena, s, n);
    if (!d) ps->oom = 1;
    return d;
}

/* Records an accepted line in the lexicon. */
static void add_entry(parser *ps, unsigned long line, const char *term,
                      size_t term_len, ts_entry_kind kind, int n_words,
                      const char *category, size_t cat_len,
                      ts_modifier_kind mod, double weight)
{
    ts_lexicon *lex = ps->lex;
    /* every entry of a file shares one copy of its name */
    if (!ps->source) ps->source = dup_or_oom(ps, ps->name, strlen(ps->name));
    entry_node *n = ts_arena_calloc(&lex->arena, sizeof *n);
    if (!n || ps->oom) {
        ps->oom = 1;
        return;
    }
    n->pub.kind = kind;
    n->pub.term = dup_or_oom(ps, term, term_len);
    n->pub.key = dup_or_oom(ps, ps->key.data, ps->key.len);
    n->pub.category = dup_or_oom(ps, category, cat_len);
    n->pub.source = ps->source;
    n->pub.dim = ps->kind == FILE_NEGATIVITY ? TS_NEGATIVITY : TS_GROWTH;
    n->pub.modifier = mod;
    n->pub.weight = weight;
    n->pub.line = line;
    if (ps->oom) return;    /* what was allocated dies with the lexicon */
    int k = (int)ps->kind;
    if (lex->tail[k]) lex->tail[k]->next = n;
    else lex->head[k] = n;
    lex->tail[k] = n;
    lex->count[k]++;
    if (ts_lexicon_index_entry(lex, &n->pub, (size_t)n_words)) ps->oom = 1;
}

/* ------------------------------------------------------------ one line */

static void parse_line(parser *ps, const char *p, size_t len,
                       unsigned long line)
{
    const char *s = p;
    size_t n = len;
    trim(&s, &n);
    if (n == 0) return;
    if (s[0] == '#') {
        directive(ps, s, n, line);
        return;
    }
    /* A leading tab separates an empty term from the next field: only
     * spaces may be stripped before the first field. */
    s = p;
    n = len;
    while (n && *s == ' ') s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    /* a trailing comment: whitespace then '#' (memchr finds the
     * candidates: a byte loop over every line was a good part of loading) */
    for (const char *h = n > 1 ? memchr(s + 1, '#', n - 1) : NULL; h;
         h = h + 1 < s + n ? memchr(h + 1, '#', (size_t)(s + n - h - 1))
                           : NULL)
        if (h[-1] == ' ' || h[-1] == '\t') {
            n = (size_t)(h - s);
            trim(&s, &n);
            break;
        }
    const char *field[4];
    size_t flen[4];
    size_t nf = 0;
    for (size_t start = 0;;) {
        const char *tab = memchr(s + start, '\t', n - start);
        size_t i = tab ? (size_t)(tab - s) : n;
        if (nf < 4) {
            field[nf] = s + start;
            flen[nf] = i - start;
            trim(&field[nf], &flen[nf]);
        }
        nf++;
        if (!tab) break;
        start = i + 1;
    }
    int modifiers = ps->kind == FILE_MODIFIERS;
    if (!modifiers && nf != 3) {
        problem(ps, line, "expected 3 tab-separated fields "
                          "(term, weight, category), found %zu", nf);
        return;
    }
    if (modifiers && (nf < 2 || nf > 3)) {
        problem(ps, line, "expected 2 or 3 tab-separated fields "
                          "(term, kind[, value]), found %zu", nf);
        return;
    }
    if (flen[0] == 0) {
        problem(ps, line, "empty term");
        return;
    }
    double weight = 0;
    ts_modifier_kind mod = TS_MOD_NONE;
    const char *category;
    size_t cat_len;
    if (modifiers) {
        static const struct { const char *name; ts_modifier_kind kind; }
            kinds[] = {{"negator", TS_MOD_NEGATOR}, {"booster", TS_MOD_BOOSTER},
                       {"dampener", TS_MOD_DAMPENER},
                       {"contrast", TS_MOD_CONTRAST}};
        for (size_t k = 0; k < 4; k++)
            if (strlen(kinds[k].name) == flen[1] &&
                memcmp(kinds[k].name, field[1], flen[1]) == 0)
                mod = kinds[k].kind;
        if (mod == TS_MOD_NONE) {
            problem(ps, line, "unknown modifier kind '%.*s' (expected "
                              "negator, booster, dampener or contrast)",
                    (int)flen[1], field[1]);
            return;
        }
        category = field[1];
        cat_len = flen[1];
        weight = mod == TS_MOD_BOOSTER || mod == TS_MOD_DAMPENER
                     ? TS_MODIFIER_DEFAULT : 0;
        if (nf == 3 && parse_weight(field[2], flen[2], 0, 4, &weight)) {
            problem(ps, line, "bad value '%.*s': expected a number in (0, 4]",
                    (int)flen[2], field[2]);
            return;
        }
    } else {
        if (parse_weight(field[1], flen[1], 0, 4, &weight)) {
            problem(ps, line, "bad weight '%.*s': expected a number in (0, 4]",
                    (int)flen[1], field[1]);
            return;
        }
        category = field[2];
        cat_len = flen[2];
        if (!known_category(ps, category, cat_len)) {
            problem(ps, line, "unknown category '%.*s'", (int)cat_len, category);
            return;
        }
    }
    if (!valid_utf8(field[0], flen[0])) {
        problem(ps, line, "term is not valid UTF-8");
        return;
    }
    const char *star = memchr(field[0], '*', flen[0]);
    if (star && star != field[0] + flen[0] - 1) {
        problem(ps, line, "a '*' may only end a term: '%.*s'", (int)flen[0],
                field[0]);
        return;
    }
    int prefix;
    int words = term_key(ps, field[0], flen[0], &prefix);
    if (words == -1) {
        ps->oom = 1;
        return;
    }
    if (words == -2) {
        problem(ps, line, "a '*' prefix must be a single word: '%.*s'",
                (int)flen[0], field[0]);
        return;
    }
    if (words == 0) {
        problem(ps, line, "empty term: '%.*s' has no words", (int)flen[0],
                field[0]);
        return;
    }
    if (prefix && modifiers) {
        problem(ps, line, "modifiers cannot be '*' prefixes");
        return;
    }
    seen_key *old;
    HASH_FIND(hh, ps->seen, ps->key.data, ps->key.len, old);
    if (old) {
        if (old->weight == weight)
            problem(ps, line, "duplicate entry '%.*s' (same key '%s' as line %lu)",
                    (int)flen[0], field[0], ps->key.data, old->line);
        else
            problem(ps, line, "'%.*s' stems to '%s' like line %lu, with a "
                              "different weight",
                    (int)flen[0], field[0], ps->key.data, old->line);
        return;
    }
    seen_key *sk = ts_arena_calloc(&ps->scratch, sizeof *sk);
    if (!sk || !(sk->key = ts_arena_strndup(&ps->scratch, ps->key.data,
                                            ps->key.len))) {
        ps->oom = 1;
        return;
    }
    sk->line = line;
    sk->weight = weight;
    TS_HASH_OOM_RESET();
    HASH_ADD_KEYPTR(hh, ps->seen, sk->key, ps->key.len, sk);
    if (TS_HASH_OOM()) {
        ps->oom = 1;
        return;
    }
    if (!ps->lex) return;
    ts_entry_kind kind = modifiers ? TS_ENTRY_MODIFIER
                         : prefix  ? TS_ENTRY_PREFIX
                         : words > 1 ? TS_ENTRY_PHRASE
                                     : TS_ENTRY_WORD;
    add_entry(ps, line, field[0], flen[0], kind, words, category, cat_len,
              mod, weight);
}

static void parser_done(parser *ps)
{
    HASH_CLEAR(hh, ps->seen);
    ts_arena_free(&ps->scratch);
    ts_tokens_free(&ps->tokens);
    ts_buf_free(&ps->key);
    ts_buf_free(&ps->term);
}

/* Parses a whole file held in memory.  Returns TS_OK, TS_ELEXICON or
 * TS_ENOMEM. */
static ts_status parse_text(parser *ps, const char *text, size_t len)
{
    unsigned long line = 0;
    size_t i = 0;
    /* a UTF-8 BOM is allowed */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len && !ps->oom) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        line++;
        parse_line(ps, text + i, e - i, line);
        if (ps->problems && !ps->problem) break;
        i = e + 1;
    }
    if (ps->oom) return TS_ENOMEM;
    return ps->problems ? TS_ELEXICON : TS_OK;
}

/* ------------------------------------------------------------ file input */

static int read_file(const char *path, ts_buf *out, ts_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) goto io_error;
    for (;;) {
        if (ts_buf_reserve(out, 65536)) {
            close(fd);
            if (err) {
                err->status = TS_ENOMEM;
                snprintf(err->message, sizeof err->message, "out of memory");
            }
            return -1;
        }
        ssize_t n = read(fd, out->data + out->len, 65536);
        if (n < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            close(fd);
            errno = e;
            goto io_error;
        }
        if (n == 0) break;
        out->len += (size_t)n;
        out->data[out->len] = '\0';
    }
    close(fd);
    return 0;
io_error:
    if (err) {
        err->status = TS_EIO;
        snprintf(err->file, sizeof err->file, "%s", path);
        err->line = 0;
        snprintf(err->message, sizeof err->message, "%s", strerror(errno));
    }
    return -1;
}

static void set_oom(ts_error *err)
{
    if (!err) return;
    err->status = TS_ENOMEM;
    err->file[0] = '\0';
    err->line = 0;
    snprintf(err->message, sizeof err->message, "out of memory");
}

/* ------------------------------------------------------------- loading */

static void make_version(ts_lexicon *lex, int k, const char *text, size_t len)
{
    static const char *const names[] = {"growth", "negativity", "modifiers"};
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, (const Bytef *)text, (uInt)len);
    snprintf(lex->version[k], sizeof lex->version[k], "%s:%zu/%08lx",
             names[k], lex->count[k], (unsigned long)crc);
}

/* The names the builtin files' entries give as their source. */
static const char *const builtin_names[] = {
    "builtin:growth.tsv", "builtin:negativity.tsv", "builtin:modifiers.tsv"};

static ts_status load_part(ts_lexicon *lex, struct sb_stemmer *stemmer,
                           stem_cache *stems, enum file_kind kind,
                           const char *name, const char *text, size_t len,
                           ts_error *err)
{
    parser ps;
    memset(&ps, 0, sizeof ps);
    ps.lex = lex;
    ps.kind = kind;
    ps.name = name;
    ps.stemmer = stemmer;
    ps.stems = stems;
    ps.err = err;
    /* about a line of 32 bytes an entry, and a key or so an entry */
    ts_status st = ts_lexicon_expect_keys(lex, len / 32)
                       ? TS_ENOMEM
                       : parse_text(&ps, text, len);
    parser_done(&ps);
    if (st == TS_ENOMEM) set_oom(err);
    if (st == TS_OK) make_version(lex, (int)kind, text, len);
    return st;
}

/* The words of part k's phrases, one phrase after another, interned:
 * each distinct word is looked up once (an earlier part may have it),
 * not once a phrase.  NULL when memory ran out. */
static const char **prebuilt_words(ts_lexicon *lex,
                                   const ts_builtin_part *part)
{
    const char *strings = ts_builtin_strings;
    const char **distinct = ts_malloc((part->n_distinct + 1) * sizeof *distinct);
    const char **words = ts_arena_alloc(&lex->arena, (part->n_phrase_words + 1) *
                                                         sizeof *words);
    int ok = distinct && words;
    for (size_t i = 0; ok && i < part->n_distinct; i++) {
        const char *w = strings + part->distinct[i];
        distinct[i] = ts_lexicon_intern_static(lex, w, strlen(w));
        ok = distinct[i] != NULL;
    }
    for (size_t i = 0; ok && i < part->n_phrase_words; i++)
        words[i] = distinct[part->phrase_words[i]];
    ts_free(distinct);
    return ok ? words : NULL;
}

/* Fills node n from the generated entry r of part k. */
static void prebuilt_entry(entry_node *n, const ts_builtin_entry *r, int k)
{
    const char *strings = ts_builtin_strings;
    n->pub.kind = (ts_entry_kind)r->kind;
    n->pub.term = strings + r->term;
    n->pub.key = strings + r->key;
    n->pub.category = strings + r->category;
    n->pub.source = builtin_names[k];
    n->pub.dim = (ts_dimension)r->dim;
    n->pub.modifier = (ts_modifier_kind)r->modifier;
    n->pub.weight = r->weight;
    n->pub.line = r->line;
    n->next = NULL;
}

/* Part k from the entries the build made of the builtin file: no parsing
 * and no stemming, only the nodes and the lookup tables.  Its strings
 * stay in the generated tables; the lexicon points at them. */
static ts_status load_prebuilt(ts_lexicon *lex, int k, ts_error *err)
{
    const ts_builtin_part *part = &ts_builtin_parts[k];
    if (ts_lexicon_expect_keys(lex, part->n)) {
        set_oom(err);
        return TS_ENOMEM;
    }
    const char **words = prebuilt_words(lex, part);
    /* one block for the part's nodes rather than a carve for each */
    entry_node *nodes = ts_arena_alloc(&lex->arena,
                                       (part->n + 1) * sizeof *nodes);
    if (!words || !nodes) goto oom;
    for (size_t i = 0; i < part->n; i++) {
        const ts_builtin_entry *r = &part->entries[i];
        entry_node *n = &nodes[i];
        prebuilt_entry(n, r, k);
        if (lex->tail[k]) lex->tail[k]->next = n;
        else lex->head[k] = n;
        lex->tail[k] = n;
        lex->count[k]++;
        int rc = r->n_words > 1 ? ts_lexicon_index_phrase(lex, &n->pub,
                                                          r->n_words,
                                                          words + r->words)
                                : ts_lexicon_index_entry(lex, &n->pub, 1);
        if (rc) goto oom;
    }
    snprintf(lex->version[k], sizeof lex->version[k], "%s", part->version);
    return TS_OK;
oom:
    set_oom(err);
    return TS_ENOMEM;
}

/* Part k from its builtin text or, with a path, from that file. */
static ts_status load_text(ts_lexicon *lex, struct sb_stemmer *stemmer,
                           stem_cache *stems, int k, const char *path,
                           ts_buf *text, ts_error *err)
{
    const char *builtin_text[3] = {ts_builtin_growth, ts_builtin_negativity,
                                   ts_builtin_modifiers};
    size_t builtin_len[3] = {ts_builtin_growth_len, ts_builtin_negativity_len,
                             ts_builtin_modifiers_len};
    if (!path)
        return load_part(lex, stemmer, stems, (enum file_kind)k,
                         builtin_names[k], builtin_text[k], builtin_len[k],
                         err);
    ts_buf_clear(text);
    if (read_file(path, text, err)) return err ? err->status : TS_EIO;
    return load_part(lex, stemmer, stems, (enum file_kind)k, path,
                     text->data ? text->data : "", text->len, err);
}

int ts_lexicon_stems_agree(const char *const *probes)
{
    struct sb_stemmer *st = sb_stemmer_new(TS_STEMMER_LANGUAGE,
                                           TS_STEMMER_ENCODING);
    if (!st) return -1;
    int agree = 1;
    for (size_t i = 0; probes[i] && probes[i + 1] && agree == 1; i += 2) {
        const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)probes[i],
                                             (int)strlen(probes[i]));
        if (!s) agree = -1;
        else if ((size_t)sb_stemmer_length(st) != strlen(probes[i + 1]) ||
                 memcmp(s, probes[i + 1], strlen(probes[i + 1])) != 0)
            agree = 0;
    }
    sb_stemmer_delete(st);
    return agree;
}

#define BUILTIN_BYTES_PER_ENTRY 240

/* One source per part: a path, or NULL for the builtin set.  The stemmer
 * is made only when some part is parsed here: the builtin set, parsed at
 * build time, needs none unless its stems cannot be trusted (use_text). */
static ts_lexicon *load(const char *const paths[3], int use_text,
                        ts_error *err)
{
    if (err) memset(err, 0, sizeof *err);
    ts_lexicon *lex = ts_calloc(1, sizeof *lex);
    if (!lex) {
        set_oom(err);
        return NULL;
    }
    ts_status st = TS_OK;
    struct sb_stemmer *stemmer = NULL;
    ts_buf text = TS_BUF_INIT;
    stem_cache stems = STEM_CACHE_INIT;
    /* the builtin set's nodes and strings take about 240 bytes an entry
     * (1.8 MB in all), known before the first is made */
    size_t expect = 0;
    for (int k = 0; k < 3; k++)
        if (!paths[k] && ts_builtin_parsed && !use_text)
            expect += (size_t)ts_builtin_parts[k].n * BUILTIN_BYTES_PER_ENTRY;
    ts_arena_reserve(&lex->arena, expect);
    for (int k = 0; k < 3 && st == TS_OK; k++) {
        if (!paths[k] && ts_builtin_parsed && !use_text) {
            st = load_prebuilt(lex, k, err);
            continue;
        }
        if (!stemmer &&
            !(stemmer = sb_stemmer_new(TS_STEMMER_LANGUAGE,
                                       TS_STEMMER_ENCODING))) {
            set_oom(err);
            st = TS_ENOMEM;
            break;
        }
        st = load_text(lex, stemmer, &stems, k, paths[k], &text, err);
    }
    ts_buf_free(&text);
    stem_cache_free(&stems);
    if (stemmer) sb_stemmer_delete(stemmer);
    if (st == TS_OK) ts_lexicon_finish(lex);
    if (st != TS_OK) {
        ts_lexicon_free(lex);
        return NULL;
    }
    return lex;
}

/* Whether any part comes from the builtin set, whose stems the build made:
 * then they are checked against the stemmer of this run. */
static ts_lexicon *load_checked(const char *const paths[3], ts_error *err)
{
    int use_text = 0;
    if (ts_builtin_parsed && (!paths[0] || !paths[1] || !paths[2])) {
        int agree = ts_lexicon_stems_agree(ts_builtin_probes);
        if (agree < 0) {
            if (err) memset(err, 0, sizeof *err);
            set_oom(err);
            return NULL;
        }
        use_text = !agree;
    }
    return load(paths, use_text, err);
}

ts_lexicon *ts_lexicon_new_builtin_from_text(ts_error *err)
{
    const char *const paths[3] = {NULL, NULL, NULL};
    return load(paths, 1, err);
}

ts_lexicon *ts_lexicon_new_builtin(ts_error *err)
{
    const char *const paths[3] = {NULL, NULL, NULL};
    return load_checked(paths, err);
}

ts_lexicon *ts_lexicon_new_from_files(const char *growth_path,
                                      const char *negativity_path,
                                      const char *modifiers_path,
                                      ts_error *err)
{
    const char *const paths[3] = {growth_path, negativity_path,
                                  modifiers_path};
    return load_checked(paths, err);
}

ts_lexicon *ts_lexicon_new_from_dir(const char *dir, ts_error *err)
{
    static const char *const files[3] = {"growth.tsv", "negativity.tsv",
                                         "modifiers.tsv"};
    char *paths[3] = {NULL, NULL, NULL};
    ts_lexicon *lex = NULL;
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(dir) + strlen(files[k]) + 2;
        paths[k] = ts_malloc(n);
        if (!paths[k]) {
            set_oom(err);
            goto done;
        }
        snprintf(paths[k], n, "%s/%s", dir, files[k]);
    }
    lex = ts_lexicon_new_from_files(paths[0], paths[1], paths[2], err);
done:
    for (int k = 0; k < 3; k++) ts_free(paths[k]);
    return lex;
}

const char *ts_lexicon_version(const ts_lexicon *lex, int which)
{
    if (!lex || which < 0 || which > 2) return "";
    return lex->version[which];
}

/* ------------------------------------------------------------- checking */

ts_status ts_lexicon_check_file(const char *path, ts_problem_cb cb, void *ctx)
{
    ts_buf text = TS_BUF_INIT;
    ts_error err;
    memset(&err, 0, sizeof err);
    if (read_file(path, &text, &err)) {
        if (cb) cb(ctx, path, 0, err.message);
        ts_buf_free(&text);
        return err.status;
    }
    parser ps;
    memset(&ps, 0, sizeof ps);
    ps.name = path;
    ps.problem = cb;
    ps.problem_ctx = ctx;
    /* The kind: the file name when it says ("negativity.tsv"), else its
     * first valid "# dimension:" line, else growth.  A directive that
     * contradicts the name is then reported like any bad line. */
    const char *t = text.data ? text.data : "";
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strstr(base, "modifier")) ps.kind = FILE_MODIFIERS;
    else if (strstr(base, "negativ")) ps.kind = FILE_NEGATIVITY;
    else if (strstr(base, "growth")) ps.kind = FILE_GROWTH;
    else {
        ps.kind = FILE_GROWTH;
        for (const char *l = t; l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
            if (strncmp(l, "# dimension:", 12) != 0) continue;
            const char *v = l + 12;
            while (*v == ' ' || *v == '\t') v++;
            size_t n = strcspn(v, " \t\r\n");
            int k = kind_of(v, n);
            if (k >= 0) ps.kind = (enum file_kind)k;
            break;
        }
    }
    stem_cache stems = STEM_CACHE_INIT;
    ps.stems = &stems;
    ps.stemmer = sb_stemmer_new(TS_STEMMER_LANGUAGE, TS_STEMMER_ENCODING);
    ts_status st = ps.stemmer ? parse_text(&ps, t, text.len) : TS_ENOMEM;
    if (ps.stemmer) sb_stemmer_delete(ps.stemmer);
    stem_cache_free(&stems);
    parser_done(&ps);
    ts_buf_free(&text);
    return st;
}

/* -------------------------------------------------------------- explain */

struct explain_ctx {
    const char *stems;           /* space-joined stems of the text */
    const char *folded;          /* folded words of the text */
    ts_buf word;                 /* scratch */
};

/* Whether key (space-joined words) occurs as a run of whole words in
 * the space-joined list. */
static int contains_run(const char *list, const char *key)
{
    size_t k = strlen(key);
    for (const char *p = list; (p = strstr(p, key)); p++) {
        int left = p == list || p[-1] == ' ';
        int right = p[k] == '\0' || p[k] == ' ';
        if (left && right) return 1;
    }
    return 0;
}

static int starts_any_word(const char *list, const char *prefix)
{
    size_t k = strlen(prefix);
    for (const char *p = list; *p;) {
        if (strncmp(p, prefix, k) == 0) return 1;
        const char *sp = strchr(p, ' ');
        if (!sp) break;
        p = sp + 1;
    }
    return 0;
}

ts_status ts_lexicon_explain(const ts_lexicon *lex, const char *text,
                             char *stems, size_t size, ts_entry_cb cb,
                             void *ctx)
{
    ts_tokens tokens;
    memset(&tokens, 0, sizeof tokens);
    ts_buf stem_buf = TS_BUF_INIT, fold_buf = TS_BUF_INIT;
    ts_status st = TS_OK;
    struct sb_stemmer *stemmer =
        sb_stemmer_new(TS_STEMMER_LANGUAGE, TS_STEMMER_ENCODING);
    if (!stemmer || ts_tokenize(&tokens, text, strlen(text))) {
        st = TS_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < tokens.n; i++) {
        const char *w = ts_token_folded(&tokens, i);
        size_t wl = tokens.v[i].fold_len;
        const sb_symbol *s = sb_stemmer_stem(stemmer, (const sb_symbol *)w,
                                             (int)wl);
        if (!s || (i && (ts_buf_putc(&stem_buf, ' ') || ts_buf_putc(&fold_buf, ' '))) ||
            ts_buf_append(&stem_buf, s, (size_t)sb_stemmer_length(stemmer)) ||
            ts_buf_append(&fold_buf, w, wl)) {
            st = TS_ENOMEM;
            goto done;
        }
    }
    if (size) snprintf(stems, size, "%s", stem_buf.data ? stem_buf.data : "");
    const char *sl = stem_buf.data ? stem_buf.data : "";
    const char *fl = fold_buf.data ? fold_buf.data : "";
    for (int k = 0; k < 3; k++)
        for (const entry_node *n = lex->head[k]; n; n = n->next) {
            const ts_entry *e = &n->pub;
            int match;
            if (e->kind == TS_ENTRY_PREFIX) match = starts_any_word(fl, e->key);
            else if (e->kind == TS_ENTRY_MODIFIER) match = contains_run(fl, e->key);
            else match = contains_run(sl, e->key);
            if (match && cb(ctx, e)) {
                st = TS_ECALLBACK;
                goto done;
            }
        }
done:
    if (stemmer) sb_stemmer_delete(stemmer);
    ts_tokens_free(&tokens);
    ts_buf_free(&stem_buf);
    ts_buf_free(&fold_buf);
    return st;
}
