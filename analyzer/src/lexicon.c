/* lexicon.c - loading, checking and looking up the lexicons.
 *
 * A lexicon file is parsed line by line.  Each term is folded and
 * tokenised exactly as article text is, then stemmed with the same Snowball
 * stemmer, so "failures" in a lexicon and "Failures" in an article meet at
 * the same key.  Loading stops at the first bad line; checking reports
 * them all. */
#include "lexicon.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <libstemmer.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "alloc.h"
#include "buf.h"
#include "builtin_lexicons.h"
#include "decoder.h"
#include "tokenizer.h"

_Thread_local int ts_uthash_oom;

enum file_kind { FILE_GROWTH = 0, FILE_NEGATIVITY = 1, FILE_MODIFIERS = 2 };

typedef struct entry_node {
    ts_entry pub;                /* what callers see */
    struct entry_node *next;     /* file order */
} entry_node;

typedef struct intern_node {
    char *word;                  /* a phrase word, stored once */
    UT_hash_handle hh;
} intern_node;

typedef struct prefix_node {
    char *key;                   /* folded prefix without '*' */
    const ts_entry *entry[2];
    UT_hash_handle hh;
} prefix_node;

struct ts_lexicon {
    entry_node *head[3], *tail[3];  /* entries per file, in file order */
    size_t count[3];
    char version[3][64];
    ts_lex_word *words;
    prefix_node *prefixes;
    size_t prefix_min, prefix_max;  /* lengths present in prefixes */
    ts_lex_phrases *phrases;
    ts_lex_modifier *modifiers;
    ts_lex_phrases *modifier_phrases;
    intern_node *interned;          /* the words of all phrases */
};

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

typedef struct parser {
    ts_lexicon *lex;             /* NULL when only checking */
    enum file_kind kind;
    const char *name;            /* for messages */
    struct sb_stemmer *stemmer;
    ts_problem_cb problem;       /* checking: every problem */
    void *problem_ctx;
    ts_error *err;               /* loading: the first problem */
    int problems;
    int oom;
    seen_key *seen;              /* keys of this file, for duplicates */
    char categories[64][32];     /* from a "# categories:" line */
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
static void directive(parser *ps, const char *p, size_t len)
{
    while (len && (*p == '#' || *p == ' ')) p++, len--;
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
                ps->categories[ps->n_categories++][n] = '\0';
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
            if (strlen(ps->categories[i]) == n &&
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
        unsigned cp;
        int k = ts_utf8_decode((const unsigned char *)p + i, n - i, &cp);
        if (k == 0) return 0;
        i += (size_t)k;
    }
    return 1;
}

/* Parses a weight: a plain decimal number in (lo, hi]. */
static int parse_weight(const char *p, size_t n, double lo, double hi,
                        double *out)
{
    char tmp[32];
    if (n == 0 || n >= sizeof tmp) return -1;
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

/* Stems one folded word into out (appended). */
static int stem_into(parser *ps, ts_buf *out, const char *w, size_t n)
{
    const sb_symbol *s = sb_stemmer_stem(ps->stemmer, (const sb_symbol *)w,
                                         (int)n);
    if (!s) return -1;
    return ts_buf_append(out, s, (size_t)sb_stemmer_length(ps->stemmer));
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
    char *d = ts_strndup(s, n);
    if (!d) ps->oom = 1;
    return d;
}

/* Every word of every phrase is kept once, in the intern table, so that
 * matching compares pointers: the memo looks a word's stem up here once
 * and the scorer never compares strings while matching phrases. */
static const char *intern(ts_lexicon *lex, const char *w, size_t n)
{
    intern_node *node;
    HASH_FIND(hh, lex->interned, w, n, node);
    if (node) return node->word;
    node = ts_calloc(1, sizeof *node);
    if (!node || !(node->word = ts_strndup(w, n))) {
        ts_free(node);
        return NULL;
    }
    TS_HASH_OOM_RESET();
    HASH_ADD_KEYPTR(hh, lex->interned, node->word, n, node);
    if (TS_HASH_OOM()) {
        ts_free(node->word);
        ts_free(node);
        return NULL;
    }
    return node->word;
}

const char *ts_lexicon_interned(const ts_lexicon *lex, const char *w,
                                size_t n)
{
    intern_node *node;
    HASH_FIND(hh, lex->interned, w, n, node);
    return node ? node->word : NULL;
}

/* Splits a space-joined key into an array of interned words. */
static const char **split_words(ts_lexicon *lex, const char *key,
                                size_t n_words)
{
    const char **v = ts_calloc(n_words, sizeof *v);
    if (!v) return NULL;
    const char *p = key;
    for (size_t i = 0; i < n_words; i++) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        v[i] = intern(lex, p, len);
        if (!v[i]) {
            ts_free(v);
            return NULL;
        }
        p = e ? e + 1 : p + len;
    }
    return v;
}

static int add_phrase(ts_lexicon *lex, ts_lex_phrases **table,
                      const ts_entry *e, size_t n_words)
{
    const char **words = split_words(lex, e->key, n_words);
    if (!words) return -1;
    ts_lex_phrases *list;
    HASH_FIND_STR(*table, words[0], list);
    if (!list) {
        list = ts_calloc(1, sizeof *list);
        if (!list || !(list->first = ts_strdup(words[0]))) {
            ts_free(list);
            goto fail;
        }
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, *table, list->first, strlen(list->first), list);
        if (TS_HASH_OOM()) {
            ts_free(list->first);
            ts_free(list);
            goto fail;
        }
    }
    ts_lex_phrase *v = ts_realloc(list->v, (list->n + 1) * sizeof *v);
    if (!v) goto fail;
    list->v = v;
    /* keep longest first; equal lengths in file order */
    size_t at = list->n;
    while (at > 0 && list->v[at - 1].n < n_words) {
        list->v[at] = list->v[at - 1];
        at--;
    }
    list->v[at].entry = e;
    list->v[at].n = n_words;
    list->v[at].words = words;
    list->n++;
    return 0;
fail:
    ts_free(words);
    return -1;
}

static int index_entry(ts_lexicon *lex, const ts_entry *e, size_t n_words)
{
    if (e->kind == TS_ENTRY_MODIFIER) {
        if (n_words > 1) return add_phrase(lex, &lex->modifier_phrases, e, n_words);
        ts_lex_modifier *m;
        HASH_FIND_STR(lex->modifiers, e->key, m);
        if (m) return 0; /* first one wins; check reports the duplicate */
        m = ts_calloc(1, sizeof *m);
        if (!m) return -1;
        m->key = (char *)e->key;
        m->entry = e;
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, lex->modifiers, m->key, strlen(m->key), m);
        if (TS_HASH_OOM()) {
            ts_free(m);
            return -1;
        }
        return 0;
    }
    if (e->kind == TS_ENTRY_PHRASE) return add_phrase(lex, &lex->phrases, e, n_words);
    if (e->kind == TS_ENTRY_PREFIX) {
        prefix_node *p;
        HASH_FIND_STR(lex->prefixes, e->key, p);
        if (!p) {
            p = ts_calloc(1, sizeof *p);
            if (!p) return -1;
            p->key = (char *)e->key;
            TS_HASH_OOM_RESET();
            HASH_ADD_KEYPTR(hh, lex->prefixes, p->key, strlen(p->key), p);
            if (TS_HASH_OOM()) {
                ts_free(p);
                return -1;
            }
        }
        if (!p->entry[e->dim]) p->entry[e->dim] = e;
        size_t len = strlen(e->key);
        if (lex->prefix_min == 0 || len < lex->prefix_min) lex->prefix_min = len;
        if (len > lex->prefix_max) lex->prefix_max = len;
        return 0;
    }
    ts_lex_word *w;
    HASH_FIND_STR(lex->words, e->key, w);
    if (!w) {
        w = ts_calloc(1, sizeof *w);
        if (!w) return -1;
        w->key = (char *)e->key;
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, lex->words, w->key, strlen(w->key), w);
        if (TS_HASH_OOM()) {
            ts_free(w);
            return -1;
        }
    }
    if (!w->entry[e->dim]) w->entry[e->dim] = e;
    return 0;
}

static void free_entry(entry_node *n)
{
    ts_free((char *)n->pub.term);
    ts_free((char *)n->pub.key);
    ts_free((char *)n->pub.category);
    ts_free((char *)n->pub.source);
    ts_free(n);
}

/* Records an accepted line in the lexicon. */
static void add_entry(parser *ps, unsigned long line, const char *term,
                      size_t term_len, ts_entry_kind kind, int n_words,
                      const char *category, size_t cat_len,
                      ts_modifier_kind mod, double weight)
{
    ts_lexicon *lex = ps->lex;
    entry_node *n = ts_calloc(1, sizeof *n);
    if (!n) {
        ps->oom = 1;
        return;
    }
    n->pub.kind = kind;
    n->pub.term = dup_or_oom(ps, term, term_len);
    n->pub.key = dup_or_oom(ps, ps->key.data, ps->key.len);
    n->pub.category = dup_or_oom(ps, category, cat_len);
    n->pub.source = dup_or_oom(ps, ps->name, strlen(ps->name));
    n->pub.dim = ps->kind == FILE_NEGATIVITY ? TS_NEGATIVITY : TS_GROWTH;
    n->pub.modifier = mod;
    n->pub.weight = weight;
    n->pub.line = line;
    if (ps->oom) {
        free_entry(n);
        return;
    }
    int k = (int)ps->kind;
    if (lex->tail[k]) lex->tail[k]->next = n;
    else lex->head[k] = n;
    lex->tail[k] = n;
    lex->count[k]++;
    if (index_entry(lex, &n->pub, (size_t)n_words)) ps->oom = 1;
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
        directive(ps, s, n);
        return;
    }
    /* A leading tab separates an empty term from the next field: only
     * spaces may be stripped before the first field. */
    s = p;
    n = len;
    while (n && *s == ' ') s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    /* a trailing comment: whitespace then '#' */
    for (size_t i = 1; i < n; i++)
        if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
            n = i;
            trim(&s, &n);
            break;
        }
    const char *field[4];
    size_t flen[4];
    size_t nf = 0;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '\t') {
            if (nf < 4) {
                field[nf] = s + start;
                flen[nf] = i - start;
                trim(&field[nf], &flen[nf]);
            }
            nf++;
            start = i + 1;
        }
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
    seen_key *sk = ts_calloc(1, sizeof *sk);
    if (!sk || !(sk->key = ts_strndup(ps->key.data, ps->key.len))) {
        ts_free(sk);
        ps->oom = 1;
        return;
    }
    sk->line = line;
    sk->weight = weight;
    TS_HASH_OOM_RESET();
    HASH_ADD_KEYPTR(hh, ps->seen, sk->key, ps->key.len, sk);
    if (TS_HASH_OOM()) {
        ts_free(sk->key);
        ts_free(sk);
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
    seen_key *k, *tmp;
    HASH_ITER(hh, ps->seen, k, tmp) {
        HASH_DEL(ps->seen, k);
        ts_free(k->key);
        ts_free(k);
    }
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
        size_t e = i;
        while (e < len && text[e] != '\n') e++;
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

static ts_status load_part(ts_lexicon *lex, struct sb_stemmer *stemmer,
                           enum file_kind kind, const char *name,
                           const char *text, size_t len, ts_error *err)
{
    parser ps;
    memset(&ps, 0, sizeof ps);
    ps.lex = lex;
    ps.kind = kind;
    ps.name = name;
    ps.stemmer = stemmer;
    ps.err = err;
    ts_status st = parse_text(&ps, text, len);
    parser_done(&ps);
    if (st == TS_ENOMEM) set_oom(err);
    if (st == TS_OK) make_version(lex, (int)kind, text, len);
    return st;
}

void ts_lexicon_free(ts_lexicon *lex)
{
    if (!lex) return;
    ts_lex_word *w, *wt;
    HASH_ITER(hh, lex->words, w, wt) {
        HASH_DEL(lex->words, w);
        ts_free(w);
    }
    prefix_node *p, *pt;
    HASH_ITER(hh, lex->prefixes, p, pt) {
        HASH_DEL(lex->prefixes, p);
        ts_free(p);
    }
    ts_lex_modifier *m, *mt;
    HASH_ITER(hh, lex->modifiers, m, mt) {
        HASH_DEL(lex->modifiers, m);
        ts_free(m);
    }
    ts_lex_phrases *tables[2] = {lex->phrases, lex->modifier_phrases};
    for (int t = 0; t < 2; t++) {
        ts_lex_phrases *l, *lt;
        HASH_ITER(hh, tables[t], l, lt) {
            HASH_DEL(tables[t], l);
            for (size_t i = 0; i < l->n; i++) {
                ts_free(l->v[i].words);
            }
            ts_free(l->v);
            ts_free(l->first);
            ts_free(l);
        }
    }
    intern_node *in, *it;
    HASH_ITER(hh, lex->interned, in, it) {
        HASH_DEL(lex->interned, in);
        ts_free(in->word);
        ts_free(in);
    }
    for (int k = 0; k < 3; k++) {
        entry_node *n = lex->head[k];
        while (n) {
            entry_node *next = n->next;
            free_entry(n);
            n = next;
        }
    }
    ts_free(lex);
}

/* One source per part: a path, or NULL for the builtin text. */
static ts_lexicon *load(const char *const paths[3], ts_error *err)
{
    static const char *const builtin_names[] = {
        "builtin:growth.tsv", "builtin:negativity.tsv", "builtin:modifiers.tsv"};
    const char *builtin_text[3] = {ts_builtin_growth, ts_builtin_negativity,
                                   ts_builtin_modifiers};
    size_t builtin_len[3] = {ts_builtin_growth_len, ts_builtin_negativity_len,
                             ts_builtin_modifiers_len};
    if (err) memset(err, 0, sizeof *err);
    ts_lexicon *lex = ts_calloc(1, sizeof *lex);
    if (!lex) {
        set_oom(err);
        return NULL;
    }
    struct sb_stemmer *stemmer =
        sb_stemmer_new(TS_STEMMER_LANGUAGE, TS_STEMMER_ENCODING);
    if (!stemmer) {
        ts_free(lex);
        set_oom(err);
        return NULL;
    }
    ts_status st = TS_OK;
    ts_buf text = TS_BUF_INIT;
    for (int k = 0; k < 3 && st == TS_OK; k++) {
        if (paths[k]) {
            ts_buf_clear(&text);
            if (read_file(paths[k], &text, err)) {
                st = err ? err->status : TS_EIO;
                break;
            }
            st = load_part(lex, stemmer, (enum file_kind)k, paths[k],
                           text.data ? text.data : "", text.len, err);
        } else {
            st = load_part(lex, stemmer, (enum file_kind)k, builtin_names[k],
                           builtin_text[k], builtin_len[k], err);
        }
    }
    ts_buf_free(&text);
    sb_stemmer_delete(stemmer);
    if (st != TS_OK) {
        ts_lexicon_free(lex);
        return NULL;
    }
    return lex;
}

ts_lexicon *ts_lexicon_new_builtin(ts_error *err)
{
    const char *const paths[3] = {NULL, NULL, NULL};
    return load(paths, err);
}

ts_lexicon *ts_lexicon_new_from_files(const char *growth_path,
                                      const char *negativity_path,
                                      const char *modifiers_path,
                                      ts_error *err)
{
    const char *const paths[3] = {growth_path, negativity_path,
                                  modifiers_path};
    return load(paths, err);
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
    /* The kind: a "# dimension:" line, else the file name. */
    const char *t = text.data ? text.data : "";
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dim = strstr(t, "# dimension:");
    if (dim) {
        dim += 12;
        while (*dim == ' ') dim++;
        ps.kind = strncmp(dim, "negativity", 10) == 0 ? FILE_NEGATIVITY
                  : strncmp(dim, "modifiers", 9) == 0 ? FILE_MODIFIERS
                                                       : FILE_GROWTH;
    } else {
        ps.kind = strstr(base, "modifier") ? FILE_MODIFIERS
                  : strstr(base, "negativ") ? FILE_NEGATIVITY
                                            : FILE_GROWTH;
    }
    ps.stemmer = sb_stemmer_new(TS_STEMMER_LANGUAGE, TS_STEMMER_ENCODING);
    ts_status st = ps.stemmer ? parse_text(&ps, t, text.len) : TS_ENOMEM;
    if (ps.stemmer) sb_stemmer_delete(ps.stemmer);
    parser_done(&ps);
    ts_buf_free(&text);
    return st;
}

/* ------------------------------------------------------------- lookups */

const ts_lex_word *ts_lexicon_word(const ts_lexicon *lex, const char *stem)
{
    ts_lex_word *w;
    HASH_FIND_STR(lex->words, stem, w);
    return w;
}

const ts_entry *ts_lexicon_prefix(const ts_lexicon *lex, const char *folded,
                                  size_t len, ts_dimension dim)
{
    if (!lex->prefixes || len < lex->prefix_min) return NULL;
    size_t max = len < lex->prefix_max ? len : lex->prefix_max;
    for (size_t n = max; n >= lex->prefix_min && n > 0; n--) {
        prefix_node *p;
        HASH_FIND(hh, lex->prefixes, folded, n, p);
        if (p && p->entry[dim]) return p->entry[dim];
    }
    return NULL;
}

const ts_lex_phrases *ts_lexicon_phrases(const ts_lexicon *lex,
                                         const char *first_stem)
{
    ts_lex_phrases *l;
    HASH_FIND_STR(lex->phrases, first_stem, l);
    return l;
}

const ts_entry *ts_lexicon_modifier(const ts_lexicon *lex, const char *folded)
{
    ts_lex_modifier *m;
    HASH_FIND_STR(lex->modifiers, folded, m);
    return m ? m->entry : NULL;
}

const ts_lex_phrases *ts_lexicon_modifier_phrases(const ts_lexicon *lex,
                                                  const char *first_folded)
{
    ts_lex_phrases *l;
    HASH_FIND_STR(lex->modifier_phrases, first_folded, l);
    return l;
}

ts_status ts_lexicon_foreach(const ts_lexicon *lex, ts_entry_cb cb, void *ctx)
{
    for (int k = 0; k < 3; k++)
        for (const entry_node *n = lex->head[k]; n; n = n->next)
            if (cb(ctx, &n->pub)) return TS_ECALLBACK;
    return TS_OK;
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
