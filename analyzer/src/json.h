/* json.h - the JSON this library writes and reads.
 *
 * Writing: strings are escaped so that every output line is valid JSON
 * whatever bytes the input held (invalid UTF-8 becomes U+FFFD).
 * Reading: a small DOM parser for report and summary lines (RFC 8259,
 * nesting limited to TS_JSON_MAX_DEPTH so hostile input cannot exhaust the
 * stack). */
#ifndef TS_JSON_H
#define TS_JSON_H

#include <stddef.h>

#include "buf.h"

#define TS_JSON_MAX_DEPTH 64

/* Appends "s" (with the quotes) escaped; returns 0 or -1 on ENOMEM.
 * Control characters use \uXXXX (\n \t \r \b \f \" \\ short forms);
 * non-ASCII valid UTF-8 is copied as is; invalid sequences, overlong forms,
 * surrogates and code points above U+10FFFF become \ufffd. */
int ts_json_put_string(ts_buf *b, const char *s, size_t len);

/* A report's sentence record (ts_json_sentence with hits) in two parts:
 * the head, {"type":"sentence","section":S,"index":I - and the tail, the
 * rest from ,"line": to the closing brace.  Head then tail is the record;
 * each is appended whole or not at all (TS_ENOMEM). */
ts_status ts_json_sentence_head(ts_buf *b, const ts_sentence *s);
ts_status ts_json_sentence_tail(ts_buf *b, const ts_sentence *s);

typedef enum ts_json_type {
    TS_JSON_NULL = 0,
    TS_JSON_FALSE,
    TS_JSON_TRUE,
    TS_JSON_NUMBER,
    TS_JSON_STRING,
    TS_JSON_ARRAY,
    TS_JSON_OBJECT
} ts_json_type;

typedef struct ts_json ts_json;
struct ts_json {
    ts_json_type type;
    double number;        /* TS_JSON_NUMBER */
    char *string;         /* TS_JSON_STRING: decoded UTF-8, NUL-terminated */
    size_t string_len;    /* bytes in string (may contain NUL from \u0000) */
    size_t n;             /* items in an array or members in an object */
    ts_json **items;      /* array items, or object member values */
    char **keys;          /* object member names (decoded), NULL for arrays */
};

/* Parses exactly one JSON value (surrounding whitespace allowed).  Returns
 * NULL on a syntax error, too deep nesting or memory exhaustion and then
 * writes a reason ("offset 12: expected ':'") into err (if errsize > 0).
 * The tree is freed with ts_json_free. */
ts_json *ts_json_parse(const char *text, size_t len, char *err, size_t errsize);
void ts_json_free(ts_json *v);

/* Member lookup (first match) on an object; NULL if v is not an object or
 * has no such member. */
const ts_json *ts_json_get(const ts_json *v, const char *key);

/* Typed accessors with defaults for a missing or mistyped value. */
double ts_json_get_number(const ts_json *obj, const char *key, double dflt);
const char *ts_json_get_string(const ts_json *obj, const char *key,
                               const char *dflt);
int ts_json_get_bool(const ts_json *obj, const char *key, int dflt);

#endif
