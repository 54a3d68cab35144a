/* gen.c - deterministic generator of article-like text for benchmarks.
 *
 *   gen MEGABYTES SEED FILE...
 *
 * Builds sections from the sentences and headings of the given articles,
 * shuffled with a fixed-seed generator, and writes MEGABYTES of them to
 * stdout.  Words are occasionally replaced by invented ones, at a rate that
 * follows Heaps' law (about 0.5 * words^0.7 distinct invented words), so
 * the vocabulary keeps growing the way real corpora's do and the stem memo
 * keeps meeting new words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

typedef struct pool {
    char **v;
    size_t n, cap;
} pool;

static void push(pool *p, const char *s, size_t n)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
        if (!p->v) exit(1);
    }
    char *c = malloc(n + 1);
    if (!c) exit(1);
    memcpy(c, s, n);
    c[n] = '\0';
    p->v[p->n++] = c;
}

static unsigned long long state;

static unsigned long long next(void)
{
    /* xorshift64*: small, fast, the same everywhere */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ULL;
}

static size_t pick(size_t n)
{
    return (size_t)(next() % n);
}

static int is_heading(const char *s, size_t n)
{
    if (n == 0 || n > 90 || strchr(".!?:;,", s[n - 1])) return 0;
    if (!(s[0] >= 'A' && s[0] <= 'Z')) return 0;
    size_t words = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ' ') words++;
    return words <= 12;
}

/* Splits a paragraph into sentences at ". ", "! ", "? ". */
static void add_sentences(pool *sentences, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ' &&
            i + 2 < n && s[i + 2] >= 'A' && s[i + 2] <= 'Z') {
            push(sentences, s + start, i + 1 - start);
            start = i + 2;
        }
    }
    if (start < n) push(sentences, s + start, n - start);
}

static void load(const char *path, pool *headings, pool *sentences)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    char *para = NULL;
    size_t plen = 0, pcap = 0;
    int lines = 0;
    char line[65536];
    for (;;) {
        char *got = fgets(line, sizeof line, f);
        size_t n = got ? strcspn(line, "\r\n") : 0;
        if (!got || n == 0) {
            if (plen) {
                if (lines == 1 && is_heading(para, plen)) push(headings, para, plen);
                else if (para[0] != '#' && para[0] != '<') add_sentences(sentences, para, plen);
            }
            plen = 0;
            lines = 0;
            if (!got) break;
            continue;
        }
        if (plen + n + 2 > pcap) {
            pcap = (plen + n + 2) * 2;
            para = realloc(para, pcap);
            if (!para) exit(1);
        }
        if (plen) para[plen++] = ' ';
        memcpy(para + plen, line, n);
        plen += n;
        para[plen] = '\0';
        lines++;
    }
    free(para);
    fclose(f);
}

static unsigned long long words_out, invented;

/* An invented word: letters from a counter, e.g. "bavex", "tosimax".
 * Returns its length. */
static size_t put_invented(FILE *out, unsigned long long k)
{
    static const char cons[] = "bdfgklmnprstvz";
    static const char vow[] = "aeiou";
    char w[40];
    size_t n = 0;
    do {
        w[n++] = cons[k % 14];
        k /= 14;
        w[n++] = vow[k % 5];
        k /= 5;
    } while (k && n < 30);
    w[n++] = 'x';
    fwrite(w, 1, n, out);
    return n;
}

/* Writes a sentence, replacing some words to grow the vocabulary. */
static size_t put_sentence(FILE *out, const char *s)
{
    size_t bytes = 0;
    const char *p = s;
    while (*p) {
        const char *e = p;
        while (*e && *e != ' ') e++;
        words_out++;
        double target = 0.5 * pow((double)words_out, 0.7);
        int last = *e == '\0';
        if (!last && invented < (unsigned long long)target) {
            bytes += put_invented(out, invented++);
        } else if (!last && next() % 50 == 0 && invented) {
            bytes += put_invented(out, pick((size_t)invented));
        } else {
            fwrite(p, 1, (size_t)(e - p), out);
            bytes += (size_t)(e - p);
        }
        if (*e) {
            fputc(' ', out);
            bytes++;
            e++;
        }
        p = e;
    }
    return bytes;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: gen MEGABYTES SEED FILE...\n");
        return 2;
    }
    double mb = atof(argv[1]);
    state = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
    pool headings = {0}, sentences = {0};
    for (int i = 3; i < argc; i++) load(argv[i], &headings, &sentences);
    if (!headings.n || !sentences.n) {
        fprintf(stderr, "gen: no headings or sentences found\n");
        return 1;
    }
    unsigned long long limit = (unsigned long long)(mb * 1048576.0), total = 0;
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    while (total < limit) {
        const char *h = headings.v[pick(headings.n)];
        total += fprintf(stdout, "%s\n\n", h);
        size_t paras = 2 + pick(4);
        for (size_t p = 0; p < paras && total < limit; p++) {
            size_t k = 2 + pick(4);
            for (size_t s = 0; s < k; s++) {
                if (s) {
                    fputc(' ', stdout);
                    total++;
                }
                total += put_sentence(stdout, sentences.v[pick(sentences.n)]);
            }
            fputs("\n\n", stdout);
            total += 2;
        }
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
