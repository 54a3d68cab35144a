/* json.c - JSON string escaping and a small strict DOM parser.
 *
 * Both halves share one UTF-8 validator so that the writer and the reader
 * agree on what "valid" means: the well-formed byte sequences of Unicode
 * Table 3-7, i.e. no overlong forms, no encoded surrogates (ED A0..BF) and
 * nothing above U+10FFFF. */
#include "json.h"

#include "decoder.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "swar.h"

/* U+FFFD REPLACEMENT CHARACTER, as written (escaped) and as stored. */
#define FFFD_ESCAPED "\\ufffd"
#define FFFD_UTF8 "\xEF\xBF\xBD"

/* ------------------------------------------------------------------------
 * UTF-8 validation
 * ---------------------------------------------------------------------- */

/* Looks at the sequence starting at s (n > 0 bytes available).  Returns its
 * length (1..4) when it is well-formed.  Otherwise returns 0 and sets *bad
 * to the length of the "maximal subpart" (Unicode 3.9, the practice the
 * WHATWG decoder follows too): the longest prefix that could still have
 * begun a valid sequence, or 1 if the lead byte itself is impossible.  Each
 * such subpart becomes one U+FFFD, and decoding resumes at the first byte
 * that broke the pattern, so a stray ASCII byte is never swallowed. */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad)
{
    unsigned char c = s[0];
    unsigned char lo = 0x80, hi = 0xBF;
    size_t need;

    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
    } else if (c == 0xE0) {
        need = 2; lo = 0xA0;                 /* excludes overlong forms */
    } else if (c == 0xED) {
        need = 2; hi = 0x9F;                 /* excludes surrogates */
    } else if (c >= 0xE1 && c <= 0xEF) {
        need = 2;
    } else if (c == 0xF0) {
        need = 3; lo = 0x90;                 /* excludes overlong forms */
    } else if (c >= 0xF1 && c <= 0xF3) {
        need = 3;
    } else if (c == 0xF4) {
        need = 3; hi = 0x8F;                 /* excludes > U+10FFFF */
    } else {
        *bad = 1;                            /* 80..C1, F5..FF */
        return 0;
    }
    for (size_t i = 1; i <= need; i++) {
        if (i >= n || s[i] < lo || s[i] > hi) {
            *bad = i;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}


/* ------------------------------------------------------------------------
 * Writing
 * ---------------------------------------------------------------------- */

/* The output is pure ASCII apart from valid UTF-8 copied verbatim.  Bytes
 * that need no escaping (printable ASCII other than '"' and '\\', DEL, and
 * well-formed multi-byte sequences) accumulate in a run that is appended
 * in one call when something needing an escape turns up.  On ENOMEM the
 * buffer is rolled back so the caller never sees half a string. */
int ts_json_put_string(ts_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t old_len = b->len;
    size_t i = 0, run = 0;

    if (!s) len = 0;
    /* Usually the output is the input plus two quotes; one reserve. */
    if (len <= SIZE_MAX - 2 && ts_buf_reserve(b, len + 2)) return -1;
    if (ts_buf_putc(b, '"')) goto oom;

    while (i < len) {
#ifdef TS_SWAR
        /* Eight bytes at a time while none needs a look: report text is
         * mostly plain ASCII.  The first byte marked is a true one (see
         * swar.h), so the search resumes exactly there. */
        if (i + 8 <= len) {
            uint64_t x = ts_load8(u + i);
            uint64_t stop = (~ts_bytes_between(x, 0x1f, 0x80) & TS_BYTES_80) |
                            ts_bytes_eq(x, '"') | ts_bytes_eq(x, '\\');
            if (!stop) {
                i += 8;
                continue;
            }
            i += ts_first_byte(stop);
        }
#endif
        unsigned char c = u[i];
        char esc[8];
        size_t esc_len = 2, bad = 1;

        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t k = utf8_seq(u + i, len - i, &bad);
            if (k) {
                i += k;
                continue;
            }
        }
        if (i > run && ts_buf_append(b, u + run, i - run)) goto oom;

        esc[0] = '\\';
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            if (c >= 0x80) {
                /* esc is a byte buffer of known length, not a string */
                /* NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
                memcpy(esc, FFFD_ESCAPED, 6);
            } else {
                /* NOLINTNEXTLINE(bugprone-not-null-terminated-result) */
                memcpy(esc, "\\u00", 4);
                esc[4] = hex[c >> 4];
                esc[5] = hex[c & 0xF];
            }
            esc_len = 6;
            break;
        }
        if (ts_buf_append(b, esc, esc_len)) goto oom;
        i += bad;
        run = i;
    }
    if (i > run && ts_buf_append(b, u + run, i - run)) goto oom;
    if (ts_buf_putc(b, '"')) goto oom;
    return 0;

oom:
    b->len = old_len;
    if (b->data) b->data[old_len] = '\0';
    return -1;
}

/* ------------------------------------------------------------------------
 * Reading
 * ---------------------------------------------------------------------- */

typedef struct parser {
    const unsigned char *text;
    size_t len;
    size_t pos;
    char *err;
    size_t errsize;
    int failed;     /* an error message has been written */
} parser;

static void fail_at(parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the first error only: later ones are consequences of it. */
static void fail_at(parser *p, size_t off, const char *fmt, ...)
{
    if (p->failed) return;
    p->failed = 1;
    if (!p->err || p->errsize == 0) return;
    int n = snprintf(p->err, p->errsize, "offset %zu: ", off);
    if (n < 0 || (size_t)n >= p->errsize) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err + n, p->errsize - (size_t)n, fmt, ap);
    va_end(ap);
}

static void fail_oom(parser *p)
{
    if (p->failed) return;
    p->failed = 1;
    if (p->err && p->errsize > 0) snprintf(p->err, p->errsize, "out of memory");
}

/* Names the byte at the current position for an error message. */
static void fail_unexpected(parser *p, const char *what)
{
    if (p->pos >= p->len) {
        fail_at(p, p->pos, "unexpected end of input");
        return;
    }
    unsigned char c = p->text[p->pos];
    if (c >= 0x20 && c < 0x7F)
        fail_at(p, p->pos, "%s, found '%c'", what, c);
    else
        fail_at(p, p->pos, "%s, found byte 0x%02x", what, c);
}

/* RFC 8259 whitespace only: no form feed, no vertical tab. */
static void skip_ws(parser *p)
{
    while (p->pos < p->len) {
        unsigned char c = p->text[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        p->pos++;
    }
}

static int hex_digit(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Reads the four hex digits of a \u escape at text[at]; -1 if they are not
 * all there. */
static long read_hex4(const parser *p, size_t at)
{
    long v = 0;
    if (at > p->len || p->len - at < 4) return -1;
    for (size_t i = 0; i < 4; i++) {
        int d = hex_digit(p->text[at + i]);
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Decodes the string whose opening quote is at p->pos.  It runs twice:
 * with out == NULL it validates and measures (reporting any error), then
 * the caller allocates exactly *out_len + 1 bytes and runs it again to
 * fill them.  Policies, so the result is always valid UTF-8:
 *  - a \u escape naming a lone surrogate becomes U+FFFD; a high surrogate
 *    not directly followed by a low one is lone, and the escape after it is
 *    decoded on its own;
 *  - raw bytes that are not valid UTF-8 become U+FFFD per maximal subpart,
 *    as in ts_json_put_string;
 *  - in a member name (is_key) \u0000 becomes U+FFFD, because names are
 *    stored NUL-terminated without a length and an embedded NUL would let
 *    "a\u0000b" answer a lookup of "a".
 * On success p->pos is left after the closing quote. */
static int decode_string(parser *p, char *out, size_t *out_len, int is_key)
{
    const unsigned char *t = p->text;
    size_t start = p->pos;
    size_t i = start + 1, o = 0;

#define EMIT(src, k)                                  \
    do {                                              \
        if (out) memcpy(out + o, (src), (k));         \
        o += (k);                                     \
    } while (0)

    for (;;) {
        size_t run = i;
        while (i < p->len && t[i] >= 0x20 && t[i] < 0x80 && t[i] != '"' &&
               t[i] != '\\')
            i++;
        if (i > run) EMIT(t + run, i - run);
        if (i >= p->len) {
            fail_at(p, start, "unterminated string");
            return -1;
        }

        unsigned char c = t[i];
        if (c == '"') break;
        if (c < 0x20) {
            fail_at(p, i, "control character in string");
            return -1;
        }
        if (c >= 0x80) {
            size_t bad = 1, k = utf8_seq(t + i, p->len - i, &bad);
            if (k) {
                EMIT(t + i, k);
                i += k;
            } else {
                EMIT(FFFD_UTF8, 3);
                i += bad;
            }
            continue;
        }

        /* A backslash. */
        if (i + 1 >= p->len) {
            fail_at(p, start, "unterminated string");
            return -1;
        }
        char simple;
        switch (t[i + 1]) {
        case '"': simple = '"'; break;
        case '\\': simple = '\\'; break;
        case '/': simple = '/'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        case 'u': simple = 0; break;
        default:
            fail_at(p, i, "invalid escape in string");
            return -1;
        }
        if (t[i + 1] != 'u') {
            EMIT(&simple, 1);
            i += 2;
            continue;
        }

        long cp = read_hex4(p, i + 2);
        if (cp < 0) {
            fail_at(p, i, "invalid \\u escape");
            return -1;
        }
        i += 6;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            long lo = -1;
            if (i + 1 < p->len && t[i] == '\\' && t[i + 1] == 'u')
                lo = read_hex4(p, i + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            } else {
                cp = 0xFFFD;
            }
        /* NOLINTNEXTLINE(bugprone-branch-clone): two reasons for U+FFFD */
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        } else if (cp == 0 && is_key) {
            cp = 0xFFFD;
        }
        char enc[4];
        size_t k = (size_t)ts_utf8_encode((unsigned)cp, enc);
        EMIT(enc, k);
    }
#undef EMIT

    *out_len = o;
    p->pos = i + 1;
    return 0;
}

/* Decodes a string into a fresh, exactly sized, NUL-terminated copy. */
static char *parse_string(parser *p, size_t *len_out, int is_key)
{
    size_t start = p->pos, n = 0;
    if (decode_string(p, NULL, &n, is_key)) return NULL;
    char *s = ts_malloc(n + 1);
    if (!s) {
        fail_oom(p);
        return NULL;
    }
    p->pos = start;
    decode_string(p, s, &n, is_key);
    s[n] = '\0';
    *len_out = n;
    return s;
}

static int is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Validates the RFC 8259 number grammar first, then converts with strtod.
 * The input is not NUL-terminated, so strtod gets a copy of exactly the
 * validated characters (on the stack unless absurdly long), with '.'
 * rewritten to the locale's decimal point because strtod honours
 * LC_NUMERIC and the host program may have set it.  Overflow to infinity
 * is an error; underflow quietly gives zero or a subnormal. */
static int parse_number(parser *p, double *out)
{
    const unsigned char *t = p->text;
    size_t start = p->pos, i = start;

    if (i < p->len && t[i] == '-') i++;
    if (i >= p->len || !is_digit(t[i])) {
        p->pos = i;
        fail_unexpected(p, "expected a digit");
        return -1;
    }
    if (t[i] == '0') {
        i++;
        if (i < p->len && is_digit(t[i])) {
            fail_at(p, start, "leading zeros are not allowed");
            return -1;
        }
    } else {
        while (i < p->len && is_digit(t[i])) i++;
    }
    if (i < p->len && t[i] == '.') {
        i++;
        if (i >= p->len || !is_digit(t[i])) {
            p->pos = i;
            fail_unexpected(p, "expected a digit after '.'");
            return -1;
        }
        while (i < p->len && is_digit(t[i])) i++;
    }
    if (i < p->len && (t[i] == 'e' || t[i] == 'E')) {
        i++;
        if (i < p->len && (t[i] == '+' || t[i] == '-')) i++;
        if (i >= p->len || !is_digit(t[i])) {
            p->pos = i;
            fail_unexpected(p, "expected a digit in exponent");
            return -1;
        }
        while (i < p->len && is_digit(t[i])) i++;
    }

    const char *dp = localeconv()->decimal_point;
    size_t dp_len = dp && *dp ? strlen(dp) : 1;
    if (!dp || !*dp) dp = ".";
    size_t n = i - start;
    if (n > (SIZE_MAX - 1) / dp_len) {
        fail_oom(p);
        return -1;
    }
    char local[128];
    char *copy = local;
    size_t need = n * dp_len + 1;   /* generous: only one '.' can occur */
    if (need > sizeof local) {
        copy = ts_malloc(need);
        if (!copy) {
            fail_oom(p);
            return -1;
        }
    }
    size_t o = 0;
    for (size_t k = start; k < i; k++) {
        if (t[k] == '.') {
            memcpy(copy + o, dp, dp_len);
            o += dp_len;
        } else {
            copy[o++] = (char)t[k];
        }
    }
    copy[o] = '\0';

    char *end;
    errno = 0;
    double v = strtod(copy, &end);
    int ok = end == copy + o;
    int overflow = errno == ERANGE && isinf(v);
    if (copy != local) ts_free(copy);
    if (!ok) {
        fail_at(p, start, "invalid number");
        return -1;
    }
    if (overflow) {
        fail_at(p, start, "number out of range");
        return -1;
    }
    *out = v;
    p->pos = i;
    return 0;
}

/* Matches a bare word (true, false, null) at p->pos. */
static int match_word(parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->text + p->pos, word, n) != 0)
        return 0;
    p->pos += n;
    return 1;
}

/* Appends to an array or object node, growing its vectors by doubling.
 * `cap` lives on the caller's stack while the node is being built. */
static int push_member(parser *p, ts_json *node, size_t *cap, char *key,
                       ts_json *item)
{
    if (node->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        if (ncap < *cap || ncap > SIZE_MAX / sizeof(void *)) {
            fail_oom(p);
            return -1;
        }
        /* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
        ts_json **items = ts_realloc(node->items, ncap * sizeof *items);
        if (!items) {
            fail_oom(p);
            return -1;
        }
        node->items = items;
        if (node->type == TS_JSON_OBJECT) {
            char **keys = ts_realloc(node->keys, ncap * sizeof *keys);
            if (!keys) {
                fail_oom(p);
                return -1;
            }
            node->keys = keys;
        }
        *cap = ncap;
    }
    node->items[node->n] = item;
    if (node->type == TS_JSON_OBJECT) node->keys[node->n] = key;
    node->n++;
    return 0;
}

static ts_json *parse_value(parser *p, int depth);

/* Arrays and objects share one loop; the opening bracket is at p->pos.
 * Nesting is checked before recursing, so the C stack never holds more
 * than TS_JSON_MAX_DEPTH container frames whatever the input.  On any
 * failure the partly built node is freed here, children included. */
static ts_json *parse_container(parser *p, int depth, ts_json_type type)
{
    char close = type == TS_JSON_OBJECT ? '}' : ']';
    size_t cap = 0;

    if (depth >= TS_JSON_MAX_DEPTH) {
        fail_at(p, p->pos, "nesting deeper than %d levels",
                TS_JSON_MAX_DEPTH);
        return NULL;
    }
    ts_json *node = ts_calloc(1, sizeof *node);
    if (!node) {
        fail_oom(p);
        return NULL;
    }
    node->type = type;
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->text[p->pos] == (unsigned char)close) {
        p->pos++;
        return node;
    }

    for (;;) {
        char *key = NULL;
        if (type == TS_JSON_OBJECT) {
            size_t key_len;
            if (p->pos >= p->len || p->text[p->pos] != '"') {
                fail_unexpected(p, "expected a member name");
                goto fail;
            }
            key = parse_string(p, &key_len, 1);
            if (!key) goto fail;
            skip_ws(p);
            if (p->pos >= p->len || p->text[p->pos] != ':') {
                ts_free(key);
                if (p->pos >= p->len)
                    fail_at(p, p->pos, "unexpected end of input");
                else
                    fail_at(p, p->pos, "expected ':'");
                goto fail;
            }
            p->pos++;
            skip_ws(p);
        }

        ts_json *item = parse_value(p, depth + 1);
        if (!item) {
            ts_free(key);
            goto fail;
        }
        if (push_member(p, node, &cap, key, item)) {
            ts_free(key);
            ts_json_free(item);
            goto fail;
        }

        skip_ws(p);
        if (p->pos >= p->len) {
            fail_at(p, p->pos, "unexpected end of input");
            goto fail;
        }
        unsigned char c = p->text[p->pos];
        if (c == (unsigned char)close) {
            p->pos++;
            return node;
        }
        if (c != ',') {
            fail_at(p, p->pos, "expected ',' or '%c'", close);
            goto fail;
        }
        p->pos++;
        skip_ws(p);
    }

fail:
    ts_json_free(node);
    return NULL;
}

/* Parses one value at p->pos (whitespace before it already skipped). */
static ts_json *parse_value(parser *p, int depth)
{
    if (p->pos >= p->len) {
        fail_at(p, p->pos, "unexpected end of input");
        return NULL;
    }

    unsigned char c = p->text[p->pos];
    if (c == '{') return parse_container(p, depth, TS_JSON_OBJECT);
    if (c == '[') return parse_container(p, depth, TS_JSON_ARRAY);

    ts_json tmp = {0};
    if (c == '"') {
        tmp.type = TS_JSON_STRING;
        tmp.string = parse_string(p, &tmp.string_len, 0);
        if (!tmp.string) return NULL;
    } else if (c == '-' || is_digit(c)) {
        tmp.type = TS_JSON_NUMBER;
        if (parse_number(p, &tmp.number)) return NULL;
    } else if (match_word(p, "true")) {
        tmp.type = TS_JSON_TRUE;
    } else if (match_word(p, "false")) {
        tmp.type = TS_JSON_FALSE;
    } else if (match_word(p, "null")) {
        tmp.type = TS_JSON_NULL;
    } else {
        fail_unexpected(p, "expected a value");
        return NULL;
    }

    ts_json *v = ts_malloc(sizeof *v);
    if (!v) {
        ts_free(tmp.string);
        fail_oom(p);
        return NULL;
    }
    *v = tmp;
    return v;
}

ts_json *ts_json_parse(const char *text, size_t len, char *err, size_t errsize)
{
    parser p = {(const unsigned char *)text, text ? len : 0, 0, err, errsize,
                0};

    if (err && errsize > 0) err[0] = '\0';
    skip_ws(&p);
    ts_json *v = parse_value(&p, 0);
    if (!v) return NULL;
    skip_ws(&p);
    if (p.pos < p.len) {
        fail_unexpected(&p, "unexpected data after the value");
        ts_json_free(v);
        return NULL;
    }
    return v;
}

/* Recursion is bounded by the parser's depth limit. */
void ts_json_free(ts_json *v)
{
    if (!v) return;
    for (size_t i = 0; i < v->n; i++) {
        ts_json_free(v->items[i]);
        if (v->keys) ts_free(v->keys[i]);
    }
    ts_free(v->items);
    ts_free(v->keys);
    ts_free(v->string);
    ts_free(v);
}

/* ------------------------------------------------------------------------
 * Accessors
 * ---------------------------------------------------------------------- */

const ts_json *ts_json_get(const ts_json *v, const char *key)
{
    if (!v || !key || v->type != TS_JSON_OBJECT) return NULL;
    for (size_t i = 0; i < v->n; i++)
        if (strcmp(v->keys[i], key) == 0) return v->items[i];
    return NULL;
}

double ts_json_get_number(const ts_json *obj, const char *key, double dflt)
{
    const ts_json *m = ts_json_get(obj, key);
    return m && m->type == TS_JSON_NUMBER ? m->number : dflt;
}

const char *ts_json_get_string(const ts_json *obj, const char *key,
                               const char *dflt)
{
    const ts_json *m = ts_json_get(obj, key);
    return m && m->type == TS_JSON_STRING ? m->string : dflt;
}

int ts_json_get_bool(const ts_json *obj, const char *key, int dflt)
{
    const ts_json *m = ts_json_get(obj, key);
    if (!m) return dflt;
    if (m->type == TS_JSON_TRUE) return 1;
    if (m->type == TS_JSON_FALSE) return 0;
    return dflt;
}
