/* embed.c - build-time tool: writes a C source that holds the default
 * lexicons, so the binary needs no data files.
 *
 *   ts_embed OUT.c growth.tsv negativity.tsv modifiers.tsv
 *
 * Each file is written twice (builtin_lexicons.h):
 *  - its text, as an array of bytes (not a string literal, whose length
 *    C11 compilers may limit), unsigned so that UTF-8 bytes above 127 fit
 *    whatever the signedness of char;
 *  - the entries the library's own loader makes of it, with their keys
 *    already stemmed, so that start-up does not parse and stem the text
 *    again.  The tool is linked with the loader for that: the files stay
 *    the only source, read by the code that reads them at run time.
 * When the files do not load, only the text is written (and marked
 * unparsed): the library then parses it at run time and reports the bad
 * line exactly as before. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin_lexicons.h"
#include "lexicon_impl.h"
#include "ts_uthash.h"

/* The tool is linked with the loader but not with what it writes, so it
 * supplies an empty builtin set: it only ever loads from files. */
const char *const ts_builtin_growth = "";
const unsigned long ts_builtin_growth_len = 0;
const char *const ts_builtin_negativity = "";
const unsigned long ts_builtin_negativity_len = 0;
const char *const ts_builtin_modifiers = "";
const unsigned long ts_builtin_modifiers_len = 0;
const int ts_builtin_parsed = 0;
const ts_builtin_part ts_builtin_parts[3] = {
    {NULL, 0, "", NULL, 0, NULL, 0}, {NULL, 0, "", NULL, 0, NULL, 0},
    {NULL, 0, "", NULL, 0, NULL, 0}};
const char *const ts_builtin_strings = "";
const char *const ts_builtin_probes[] = {NULL};

static const char *const names[] = {"growth", "negativity", "modifiers"};

/* Writes n bytes as the body of an unsigned char array, 20 a line. */
static void put_bytes(FILE *out, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%d,", p[i]);
        if ((i + 1) % 20 == 0) fputc('\n', out);
    }
}

static int embed_text(FILE *out, const char *name, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "ts_embed: %s: cannot open\n", path);
        return -1;
    }
    fprintf(out, "static const unsigned char data_%s[] = {\n", name);
    unsigned char chunk[4096];
    size_t got, total = 0;
    while ((got = fread(chunk, 1, sizeof chunk, in)) > 0) {
        put_bytes(out, chunk, got);
        fputc('\n', out);
        total += got;
    }
    fprintf(out, "0};\n");
    int err = ferror(in);
    fclose(in);
    if (err) {
        fprintf(stderr, "ts_embed: %s: read error\n", path);
        return -1;
    }
    fprintf(out, "const char *const ts_builtin_%s = (const char *)data_%s;\n",
            name, name);
    fprintf(out, "const unsigned long ts_builtin_%s_len = %zu;\n\n", name,
            total);
    return 0;
}

/* ------------------------------------------------------------ entries */

/* Every string of the entries, each NUL-terminated, one after another:
 * entries refer to them by offset. */
typedef struct strings {
    unsigned char *data;
    size_t len, cap;
} strings;

/* The offset of a copy of s (an earlier one when it is the last string
 * added: a modifier's key is often its term).  -1 when memory ran out or
 * the pool outgrew an offset. */
static long add_string(strings *pool, const char *s, size_t *last)
{
    size_t n = strlen(s) + 1;
    if (*last != SIZE_MAX && strcmp((const char *)pool->data + *last, s) == 0)
        return (long)*last;
    if (pool->len + n > pool->cap) {
        size_t cap = pool->cap ? 2 * pool->cap : 65536;
        while (cap < pool->len + n) cap *= 2;
        unsigned char *d = realloc(pool->data, cap);
        if (!d) return -1;
        pool->data = d;
        pool->cap = cap;
    }
    if (pool->len + n > UINT32_MAX) return -1;
    memcpy(pool->data + pool->len, s, n);
    *last = pool->len;
    pool->len += n;
    return (long)*last;
}

/* How many words the loader gave the entry: the words of its key, which
 * the loader joined with single spaces (a prefix is one word). */
static unsigned words_of(const ts_entry *e)
{
    if (e->kind == TS_ENTRY_WORD || e->kind == TS_ENTRY_PREFIX) return 1;
    unsigned n = 1;
    for (const char *p = e->key; *p; p++) n += *p == ' ';
    return n;
}

/* A distinct phrase word of one part and its index in the part's list. */
typedef struct distinct_word {
    char *word;
    uint32_t index;
    UT_hash_handle hh;
} distinct_word;

/* What is written of one part besides its entries. */
typedef struct part_words {
    distinct_word *table;
    uint32_t *distinct;          /* string offsets, by index */
    uint32_t n_distinct;
    uint32_t *phrase_words;      /* indexes into distinct */
    uint32_t n_phrase_words;
} part_words;

static void part_words_free(part_words *pw)
{
    distinct_word *d, *tmp;
    HASH_ITER(hh, pw->table, d, tmp) {
        HASH_DEL(pw->table, d);
        free(d->word);
        free(d);
    }
    free(pw->distinct);
    free(pw->phrase_words);
}

/* Appends x to the array *v of n values (grown at powers of two); -1
 * when memory ran out. */
static int push(uint32_t **v, uint32_t n, uint32_t x)
{
    if ((n & (n - 1)) == 0) {
        uint32_t *d = realloc(*v, (n ? 2 * (size_t)n : 1) * sizeof *d);
        if (!d) return -1;
        *v = d;
    }
    (*v)[n] = x;
    return 0;
}

/* Appends one word of a phrase (n bytes at w): its index in the part's
 * distinct words, which gets it if it is new. */
static int add_phrase_word(part_words *pw, strings *pool, const char *w,
                           size_t n)
{
    distinct_word *d;
    HASH_FIND(hh, pw->table, w, n, d);
    if (!d) {
        size_t last = SIZE_MAX;
        d = calloc(1, sizeof *d);
        if (!d || !(d->word = malloc(n + 1))) {
            free(d);
            return -1;
        }
        memcpy(d->word, w, n);
        d->word[n] = '\0';
        long off = add_string(pool, d->word, &last);
        d->index = pw->n_distinct;
        TS_HASH_OOM_RESET();
        HASH_ADD_KEYPTR(hh, pw->table, d->word, n, d);
        if (TS_HASH_OOM()) {
            free(d->word);
            free(d);
            return -1;
        }
        if (off < 0 || push(&pw->distinct, pw->n_distinct++, (uint32_t)off))
            return -1;
    }
    return push(&pw->phrase_words, pw->n_phrase_words++, d->index);
}

/* Splits the key of a phrase as the library's tables do (at spaces) and
 * records its words; the index of its first word, or -1. */
static long add_phrase_words(part_words *pw, strings *pool, const char *key)
{
    long first = (long)pw->n_phrase_words;
    for (const char *p = key;;) {
        const char *e = strchr(p, ' ');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (add_phrase_word(pw, pool, p, n)) return -1;
        if (!e) break;
        p = e + 1;
    }
    return first;
}

/* Writes a uint32_t array; an empty one gets a 0 as C wants no empty
 * initializer. */
static void put_u32s(FILE *out, const char *name, const uint32_t *v,
                     uint32_t n)
{
    fprintf(out, "static const uint32_t %s[] = {\n", name);
    for (uint32_t i = 0; i < n; i++)
        fprintf(out, "%lu,%s", (unsigned long)v[i], (i + 1) % 20 ? "" : "\n");
    fprintf(out, "%s};\n\n", n ? "" : "0");
}

/* Writes the entries of part k as an array, then its phrase words; -1
 * when a value does not fit its field (the text is then parsed at run
 * time instead) or memory ran out. */
static int put_entries(FILE *out, const ts_lexicon *lex, int k,
                       strings *pool, part_words *pw)
{
    fprintf(out, "static const ts_builtin_entry entries_%s[] = {\n", names[k]);
    for (const entry_node *n = lex->head[k]; n; n = n->next) {
        const ts_entry *e = &n->pub;
        size_t last = SIZE_MAX;
        long term = add_string(pool, e->term, &last);
        long key = add_string(pool, e->key, &last);
        long cat = add_string(pool, e->category, &last);
        unsigned words = words_of(e);
        long first = words > 1 ? add_phrase_words(pw, pool, e->key) : 0;
        if (term < 0 || key < 0 || cat < 0 || first < 0 ||
            words > UINT8_MAX || e->line > UINT32_MAX)
            return -1;
        /* %a writes the double exactly */
        fprintf(out, "{%ld,%ld,%ld,%lu,%a,%d,%d,%d,%u,%ld},\n", term, key,
                cat, e->line, e->weight, (int)e->kind, (int)e->modifier,
                (int)e->dim, words, first);
    }
    fprintf(out, "{0,0,0,0,0,0,0,0,0,0}};\n\n");
    char name[64];
    snprintf(name, sizeof name, "distinct_%s", names[k]);
    put_u32s(out, name, pw->distinct, pw->n_distinct);
    snprintf(name, sizeof name, "phrase_words_%s", names[k]);
    put_u32s(out, name, pw->phrase_words, pw->n_phrase_words);
    return 0;
}

/* A word the stemmer changes, in plain lower-case letters: a probe. */
static int probe_worthy(const ts_entry *e)
{
    if (e->kind != TS_ENTRY_WORD || strcmp(e->term, e->key) == 0) return 0;
    for (const char *p = e->term; *p; p++)
        if (*p < 'a' || *p > 'z') return 0;
    return 1;
}

/* Writes ts_builtin_probes: about PROBES words spread over the single-word
 * entries the stemmer changes, each with the stem it gave them here. */
#define PROBES 64
static void put_probes(FILE *out, const ts_lexicon *lex)
{
    size_t worthy = 0, seen = 0, written = 0;
    for (int k = 0; k < 3; k++)
        for (const entry_node *n = lex->head[k]; n; n = n->next)
            worthy += probe_worthy(&n->pub);
    size_t step = worthy > PROBES ? worthy / PROBES : 1;
    fprintf(out, "const char *const ts_builtin_probes[] = {\n");
    for (int k = 0; k < 3; k++)
        for (const entry_node *n = lex->head[k]; n; n = n->next) {
            if (!probe_worthy(&n->pub) || seen++ % step || written == PROBES)
                continue;
            /* plain letters: no escaping needed */
            fprintf(out, "\"%s\", \"%s\",\n", n->pub.term, n->pub.key);
            written++;
        }
    fprintf(out, "NULL};\n");
}

/* Writes the parsed form of lex; -1 when it does not fit. */
static int put_parsed(FILE *out, const ts_lexicon *lex)
{
    strings pool = {NULL, 0, 0};
    part_words pw[3];
    memset(pw, 0, sizeof pw);
    int rc = 0;
    for (int k = 0; k < 3 && rc == 0; k++)
        rc = put_entries(out, lex, k, &pool, &pw[k]);
    if (rc == 0) {
        fprintf(out, "static const unsigned char data_strings[] = {\n");
        put_bytes(out, pool.data, pool.len);
        fprintf(out, "0};\n");
        fprintf(out, "const char *const ts_builtin_strings = "
                     "(const char *)data_strings;\n");
        fprintf(out, "const int ts_builtin_parsed = 1;\n");
        put_probes(out, lex);
        fprintf(out, "const ts_builtin_part ts_builtin_parts[3] = {\n");
        for (int k = 0; k < 3; k++)
            fprintf(out, "    {entries_%s, %zu, \"%s\", distinct_%s, %lu, "
                         "phrase_words_%s, %lu},\n",
                    names[k], lex->count[k], ts_lexicon_version(lex, k),
                    names[k], (unsigned long)pw[k].n_distinct, names[k],
                    (unsigned long)pw[k].n_phrase_words);
        fprintf(out, "};\n");
    }
    for (int k = 0; k < 3; k++) part_words_free(&pw[k]);
    free(pool.data);
    return rc;
}

/* The declarations of an unparsed set: the library parses the text. */
static void put_unparsed(FILE *out)
{
    fprintf(out, "const char *const ts_builtin_strings = \"\";\n");
    fprintf(out, "const int ts_builtin_parsed = 0;\n");
    fprintf(out, "const char *const ts_builtin_probes[] = {NULL};\n");
    fprintf(out, "const ts_builtin_part ts_builtin_parts[3] = {\n");
    for (int k = 0; k < 3; k++)
        fprintf(out, "    {0, 0, \"\", 0, 0, 0, 0},\n");
    fprintf(out, "};\n");
}

/* The parsed form when the files load, else the unparsed declarations.
 * Parsed entries go to a temporary file first, so that a failure half way
 * leaves nothing of them in out. */
static int embed_entries(FILE *out, char **paths)
{
    ts_error err;
    ts_lexicon *lex = ts_lexicon_new_from_files(paths[0], paths[1], paths[2],
                                                &err);
    if (!lex) {
        if (err.status == TS_ENOMEM) return -1;
        fprintf(stderr, "ts_embed: %s:%lu: %s (the text is parsed at run "
                        "time instead)\n", err.file, err.line, err.message);
        put_unparsed(out);
        return 0;
    }
    FILE *tmp = tmpfile();
    int rc = tmp ? put_parsed(tmp, lex) : -1;
    ts_lexicon_free(lex);
    if (rc == 0 && fflush(tmp) == 0 && !ferror(tmp)) {
        rewind(tmp);
        int c;
        while ((c = getc(tmp)) != EOF) putc(c, out);
    } else {
        put_unparsed(out);
    }
    if (tmp) fclose(tmp);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: ts_embed OUT.c GROWTH NEGATIVITY MODIFIERS\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        fprintf(stderr, "ts_embed: %s: cannot create\n", argv[1]);
        return 1;
    }
    fprintf(out, "/* Generated at build time from lexicons/; do not edit. */\n");
    fprintf(out, "#include \"builtin_lexicons.h\"\n\n");
    int rc = 0;
    for (int i = 0; i < 3 && rc == 0; i++)
        rc = embed_text(out, names[i], argv[i + 2]);
    if (rc == 0) rc = embed_entries(out, argv + 2);
    if (fclose(out) != 0 || rc != 0) {
        remove(argv[1]);
        return 1;
    }
    return 0;
}
