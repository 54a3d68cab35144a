/* summary.c - writing and reading batch summaries (TSV and JSON Lines).
 *
 * TSV columns: path bytes words sentences sections tone growth_per_100
 * negativity_per_100 reframes label growth negativity tone_sum error.
 * Text fields escape backslash, tab, newline and carriage return as \\ \t
 * \n \r, and a leading '#', '{' or space as \# \{ \(space), so that a
 * line starting with '#' is never a document (the optional totals row
 * starts with "#total"), nor one starting with '{' a TSV row (merge reads
 * such a line as JSON), nor a path with leading spaces a blank line. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "decimal.h"
#include "summary.h"

#define MICRO 1000000

/* ---------------------------------------------------------------- numbers */

/* Parses "[-]digits[.up to six digits]" into millionths; -1 if it is not
 * such a number. */
static int parse_fixed6(const char *s, size_t len, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    int64_t whole = 0, frac = 0;
    if (i < len && s[i] == '-') {
        neg = 1;
        i++;
    }
    size_t start = i;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        if (whole > (INT64_MAX / MICRO - 9) / 10) return -1;
        whole = whole * 10 + (s[i++] - '0');
    }
    if (i == start) return -1;
    int digits = 0;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') {
            if (++digits > 6) return -1;
            frac = frac * 10 + (s[i++] - '0');
        }
        if (!digits) return -1;
    }
    if (i != len) return -1;
    for (; digits < 6; digits++) frac *= 10;
    *out = (whole * MICRO + frac) * (neg ? -1 : 1);
    return 0;
}

int64_t sum_fixed6(double v)
{
    char buf[64];
    int64_t out = 0;
    /* what printf would print, without printf (a tenth of a batch
     * worker's own work went to it) */
    if (cli_round_decimal(v, 6, &out) == 0) return out;
    snprintf(buf, sizeof buf, "%.6f", v);
    if (parse_fixed6(buf, strlen(buf), &out)) return 0;  /* inf, nan, huge */
    return out;
}

static int parse_count(const char *s, size_t len, uint64_t *out)
{
    uint64_t v = 0;
    if (!len) return -1;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9' || v > (UINT64_MAX - 9) / 10) return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    *out = v;
    return 0;
}

/* The numeric columns of a row are formatted into one buffer and written
 * with one call: with tens of thousands of small rows, a stdio call per
 * field (each taking the stream's lock) was a tenth of the printer's
 * work, which runs beside the workers. */
typedef struct figures {
    char b[512];
    size_t n;
} figures;

static void fig_puts(figures *f, const char *s)
{
    size_t k = strlen(s);
    if (k > sizeof f->b - 1 - f->n) k = sizeof f->b - 1 - f->n;
    memcpy(f->b + f->n, s, k);
    f->n += k;
}

static void fig_u64(figures *f, uint64_t v, int min_digits)
{
    char d[24];
    int k = 0;
    do {
        d[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v || k < min_digits);
    while (k > 0 && f->n < sizeof f->b - 1) f->b[f->n++] = d[--k];
}

static void put_fixed6(figures *f, int64_t v)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (v < 0) fig_puts(f, "-");
    fig_u64(f, a / MICRO, 1);
    fig_puts(f, ".");
    fig_u64(f, a % MICRO, 6);
}

/* Derived figures with four decimals; never "-0.0000". */
static void put_figure(figures *f, double v)
{
    char buf[64];
    int64_t u;
    if (cli_round_decimal(v, 4, &u) == 0) {
        /* printf's digits, without printf: the printer runs beside the
         * workers, and it was most of its work */
        uint64_t a = u < 0 ? (uint64_t)0 - (uint64_t)u : (uint64_t)u;
        if (u < 0) fig_puts(f, "-");
        fig_u64(f, a / 10000, 1);
        fig_puts(f, ".");
        fig_u64(f, a % 10000, 4);
        return;
    }
    snprintf(buf, sizeof buf, "%.4f", v);
    fig_puts(f, strcmp(buf, "-0.0000") != 0 ? buf : "0.0000");
}

typedef struct derived {
    double tone, growth100, negativity100;
    const char *label;
} derived;

static derived derive(uint64_t words, uint64_t sentences, int64_t g,
                      int64_t n, int64_t t)
{
    derived d;
    d.tone = sentences ? (double)t / MICRO / (double)sentences : 0.0;
    d.growth100 = words ? 100.0 * ((double)g / MICRO) / (double)words : 0.0;
    d.negativity100 = words ? 100.0 * ((double)n / MICRO) / (double)words : 0.0;
    d.label = ts_label_name(ts_tone_label(d.tone));
    return d;
}

/* ---------------------------------------------------------------- rows */

void sum_row_free(sum_row *r)
{
    if (!r) return;
    free(r->path);
    free(r->error);
    r->path = r->error = NULL;
}

void sum_totals_add(sum_totals *t, const sum_row *r)
{
    t->documents++;
    if (r->error) t->failed++;
    t->bytes += r->bytes;
    t->words += r->words;
    t->sentences += r->sentences;
    t->sections += r->sections;
    t->reframes += r->reframes;
    t->growth += r->growth;
    t->negativity += r->negativity;
    t->tone_sum += r->tone_sum;
}

static void put_tsv_text(FILE *out, const char *s)
{
    /* a line must not start like a comment, a JSON row ('{', which merge
     * reads as JSON) or a blank line: such a first byte is escaped */
    if (*s == '#' || *s == '{' || *s == ' ') fputs("\\", out);
    for (;;) {
        size_t run = strcspn(s, "\\\t\n\r");   /* written as it is */
        fwrite(s, 1, run, out);
        s += run;
        switch (*s) {
        case '\0': return;
        case '\\': fputs("\\\\", out); break;
        case '\t': fputs("\\t", out); break;
        case '\n': fputs("\\n", out); break;
        default: fputs("\\r", out); break;
        }
        s++;
    }
}

static int put_json_text(FILE *out, const char *s)
{
    ts_string j = {0};
    if (ts_json_string(&j, s, strlen(s)) != TS_OK) {
        ts_string_free(&j);
        return -1;
    }
    fputs(j.data, out);
    ts_string_free(&j);
    return 0;
}

int sum_print_header(FILE *out, sum_format fmt)
{
    if (fmt == SUM_TSV)
        fputs("path\tbytes\twords\tsentences\tsections\ttone\tgrowth_per_100\t"
              "negativity_per_100\treframes\tlabel\tgrowth\tnegativity\t"
              "tone_sum\terror\n", out);
    return ferror(out) ? -1 : 0;
}

/* The numeric columns shared by rows and totals, TSV or JSON. */
static void put_figures(FILE *out, sum_format fmt, uint64_t bytes,
                        uint64_t words, uint64_t sentences, uint64_t sections,
                        uint64_t reframes, int64_t g, int64_t n, int64_t t,
                        int failed)
{
    derived d = derive(words, sentences, g, n, t);
    const char *sep = fmt == SUM_TSV ? "\t" : NULL;
    figures f;
    f.n = 0;
#define KEY(k) fig_puts(&f, sep ? sep : ",\"" k "\":")
    KEY("bytes");
    fig_u64(&f, bytes, 1);
    KEY("words");
    fig_u64(&f, words, 1);
    KEY("sentences");
    fig_u64(&f, sentences, 1);
    KEY("sections");
    fig_u64(&f, sections, 1);
    KEY("tone");
    put_figure(&f, d.tone);
    KEY("growth_per_100");
    put_figure(&f, d.growth100);
    KEY("negativity_per_100");
    put_figure(&f, d.negativity100);
    KEY("reframes");
    fig_u64(&f, reframes, 1);
    if (sep) {
        fig_puts(&f, "\t");
        fig_puts(&f, failed ? "" : d.label);
    } else if (failed) {
        fig_puts(&f, ",\"label\":null");
    } else {
        fig_puts(&f, ",\"label\":\"");
        fig_puts(&f, d.label);
        fig_puts(&f, "\"");
    }
    KEY("growth");
    put_fixed6(&f, g);
    KEY("negativity");
    put_fixed6(&f, n);
    KEY("tone_sum");
    put_fixed6(&f, t);
#undef KEY
    fwrite(f.b, 1, f.n, out);
}

int sum_print_row(FILE *out, sum_format fmt, const sum_row *r)
{
    if (fmt == SUM_TSV) {
        put_tsv_text(out, r->path);
        put_figures(out, fmt, r->bytes, r->words, r->sentences, r->sections,
                    r->reframes, r->growth, r->negativity, r->tone_sum,
                    r->error != NULL);
        fputc('\t', out);
        if (r->error) put_tsv_text(out, r->error);
        fputc('\n', out);
    } else {
        fputs("{\"type\":\"document\",\"path\":", out);
        if (put_json_text(out, r->path)) return -1;
        put_figures(out, fmt, r->bytes, r->words, r->sentences, r->sections,
                    r->reframes, r->growth, r->negativity, r->tone_sum,
                    r->error != NULL);
        fputs(",\"error\":", out);
        if (!r->error) fputs("null", out);
        else if (put_json_text(out, r->error)) return -1;
        fputs("}\n", out);
    }
    return ferror(out) ? -1 : 0;
}

int sum_print_totals(FILE *out, sum_format fmt, const sum_totals *t)
{
    if (fmt == SUM_TSV) {
        fputs("#total", out);
        put_figures(out, fmt, t->bytes, t->words, t->sentences, t->sections,
                    t->reframes, t->growth, t->negativity, t->tone_sum, 0);
        fprintf(out, "\tdocuments=%" PRIu64 " failed=%" PRIu64 "\n",
                t->documents, t->failed);
    } else {
        fprintf(out, "{\"type\":\"totals\",\"documents\":%" PRIu64
                ",\"failed\":%" PRIu64, t->documents, t->failed);
        put_figures(out, fmt, t->bytes, t->words, t->sentences, t->sections,
                    t->reframes, t->growth, t->negativity, t->tone_sum, 0);
        fputs("}\n", out);
    }
    return ferror(out) ? -1 : 0;
}

/* ---------------------------------------------------------------- reading */

static char *tsv_unescape(const char *s, size_t len)
{
    char *out = malloc(len + 1);
    size_t o = 0;
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\\' || i + 1 == len) {
            out[o++] = s[i];
            continue;
        }
        char c = s[++i];
        out[o++] = (char)(c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c);
    }
    out[o] = '\0';
    return out;
}

static int parse_tsv(const char *line, size_t len, sum_row *r, const char **why)
{
    const char *f[14];
    size_t flen[14], n = 0, start = 0;
    if (len >= 5 && !strncmp(line, "path\t", 5)) return 0;   /* header */
    if (len && line[0] == '#') return 0;                      /* totals */
    if (memchr(line, '\0', len)) {   /* a path holds none: binary data */
        *why = "a NUL byte in the line";
        return -1;
    }
    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != '\t') continue;
        if (n == 14) {
            *why = "too many columns";
            return -1;
        }
        f[n] = line + start;
        flen[n++] = i - start;
        start = i + 1;
    }
    if (n != 14) {
        *why = "expected 14 tab-separated columns";
        return -1;
    }
    if (parse_count(f[1], flen[1], &r->bytes) ||
        parse_count(f[2], flen[2], &r->words) ||
        parse_count(f[3], flen[3], &r->sentences) ||
        parse_count(f[4], flen[4], &r->sections) ||
        parse_count(f[8], flen[8], &r->reframes) ||
        parse_fixed6(f[10], flen[10], &r->growth) ||
        parse_fixed6(f[11], flen[11], &r->negativity) ||
        parse_fixed6(f[12], flen[12], &r->tone_sum)) {
        *why = "a number column is not a number";
        return -1;
    }
    if (!flen[0]) {
        *why = "empty path";
        return -1;
    }
    r->path = tsv_unescape(f[0], flen[0]);
    r->error = flen[13] ? tsv_unescape(f[13], flen[13]) : NULL;
    if (!r->path || (flen[13] && !r->error)) {
        *why = "out of memory";
        return -1;
    }
    return 1;
}

/* A minimal reader for the flat JSON objects batch writes: string, number
 * and null values, no nesting. */
typedef struct jp {
    const char *s;
    size_t len, pos;
} jp;

static void jp_ws(jp *p)
{
    while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos]) && p->s[p->pos])
        p->pos++;
}

static void put_utf8(char *out, size_t *o, unsigned long cp)
{
    if (cp < 0x80) {
        out[(*o)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*o)++] = (char)(0xC0 | (cp >> 6));
        out[(*o)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[(*o)++] = (char)(0xE0 | (cp >> 12));
        out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*o)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[(*o)++] = (char)(0xF0 | (cp >> 18));
        out[(*o)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*o)++] = (char)(0x80 | (cp & 0x3F));
    }
}

static int hex4(const char *s, unsigned long *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        *v = *v * 16 + (unsigned long)d;
    }
    return 0;
}

/* Decodes the string at p->pos into a malloc'd NUL-terminated copy. */
static char *jp_string(jp *p)
{
    if (p->pos >= p->len || p->s[p->pos] != '"') return NULL;
    size_t i = ++p->pos;
    char *out = malloc(p->len - i + 1);   /* decoding never grows */
    size_t o = 0;
    if (!out) return NULL;
    while (i < p->len && p->s[i] != '"') {
        unsigned char c = (unsigned char)p->s[i];
        if (c < 0x20) goto bad;
        if (c != '\\') {
            out[o++] = (char)c;
            i++;
            continue;
        }
        if (++i >= p->len) goto bad;
        char e = p->s[i++];
        unsigned long cp, lo;
        switch (e) {
        case '"': case '\\': case '/': out[o++] = e; break;
        case 'b': out[o++] = '\b'; break;
        case 'f': out[o++] = '\f'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 't': out[o++] = '\t'; break;
        case 'u':
            if (i + 4 > p->len || hex4(p->s + i, &cp)) goto bad;
            i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && i + 6 <= p->len &&
                p->s[i] == '\\' && p->s[i + 1] == 'u' &&
                !hex4(p->s + i + 2, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            } else if (cp >= 0xD800 && cp < 0xE000) {
                cp = 0xFFFD;
            }
            if (cp == 0) cp = 0xFFFD;   /* paths hold no NUL */
            put_utf8(out, &o, cp);
            break;
        default: goto bad;
        }
    }
    if (i >= p->len) goto bad;
    p->pos = i + 1;
    out[o] = '\0';
    return out;
bad:
    free(out);
    return NULL;
}

static int parse_json(const char *line, size_t len, sum_row *r, const char **why)
{
    jp p = {line, len, 0};
    int is_doc = -1, have = 0;
    jp_ws(&p);
    if (p.pos >= len || line[p.pos] != '{') goto bad;
    p.pos++;
    jp_ws(&p);
    if (p.pos < len && line[p.pos] == '}') goto bad;
    for (;;) {
        jp_ws(&p);
        char *k = jp_string(&p);
        if (!k) goto bad;
        jp_ws(&p);
        if (p.pos >= len || line[p.pos] != ':') {
            free(k);
            goto bad;
        }
        p.pos++;
        jp_ws(&p);
        if (p.pos < len && line[p.pos] == '"') {
            char *v = jp_string(&p);
            if (!v) {
                free(k);
                goto bad;
            }
            if (!strcmp(k, "type")) {
                is_doc = !strcmp(v, "document");
                free(v);
            } else if (!strcmp(k, "path")) {
                free(r->path);
                r->path = v;
            } else if (!strcmp(k, "error")) {
                free(r->error);
                r->error = v;
            } else {
                free(v);
            }
        } else {
            size_t s = p.pos;
            while (p.pos < len && !strchr(",} \t\r\n", line[p.pos])) p.pos++;
            const char *v = line + s;
            size_t vl = p.pos - s;
            int bad = 0;
            if (!strcmp(k, "bytes")) bad = parse_count(v, vl, &r->bytes), have |= 1;
            else if (!strcmp(k, "words")) bad = parse_count(v, vl, &r->words), have |= 2;
            else if (!strcmp(k, "sentences")) bad = parse_count(v, vl, &r->sentences), have |= 4;
            else if (!strcmp(k, "sections")) bad = parse_count(v, vl, &r->sections), have |= 8;
            else if (!strcmp(k, "reframes")) bad = parse_count(v, vl, &r->reframes), have |= 16;
            else if (!strcmp(k, "growth")) bad = parse_fixed6(v, vl, &r->growth), have |= 32;
            else if (!strcmp(k, "negativity")) bad = parse_fixed6(v, vl, &r->negativity), have |= 64;
            else if (!strcmp(k, "tone_sum")) bad = parse_fixed6(v, vl, &r->tone_sum), have |= 128;
            else if (!vl) bad = 1;
            if (bad) {
                free(k);
                *why = "a number field is not a number";
                return -1;
            }
        }
        free(k);
        jp_ws(&p);
        if (p.pos < len && line[p.pos] == ',') {
            p.pos++;
            continue;
        }
        if (p.pos < len && line[p.pos] == '}') break;
        goto bad;
    }
    p.pos++;
    jp_ws(&p);
    if (p.pos != len) goto bad;
    if (is_doc < 0) {
        *why = "a record without \"type\"";
        return -1;
    }
    if (!is_doc) return 0;
    if (!r->path || !*r->path || have != 255) {
        *why = "a document record lacks its path or a count";
        return -1;
    }
    return 1;
bad:
    *why = "not a JSON object of a batch summary";
    return -1;
}

int sum_parse_line(const char *line, size_t len, sum_row *r, const char **why)
{
    memset(r, 0, sizeof *r);
    size_t i = 0;
    while (i < len && (line[i] == ' ' || line[i] == '\r')) i++;
    if (i == len) return 0;
    int k = line[i] == '{' ? parse_json(line, len, r, why)
                           : parse_tsv(line, len, r, why);
    if (k != 1) sum_row_free(r);
    return k;
}
