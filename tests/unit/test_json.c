/* test_json.c - string escaping and the JSON parser. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tonescope.h"

/* ------------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------- */

/* Escapes len bytes of s and checks the whole output against want. */
static void check_put(const char *s, size_t len, const char *want)
{
    ts_buf b = TS_BUF_INIT;
    assert_int_equal(ts_json_put_string(&b, s, len), 0);
    assert_string_equal(b.data, want);
    assert_int_equal(b.len, strlen(want));
    ts_buf_free(&b);
}

/* Parses a NUL-terminated document that must be valid. */
static ts_json *parse_ok(const char *text)
{
    char err[128];
    ts_json *v = ts_json_parse(text, strlen(text), err, sizeof err);
    if (!v) fail_msg("parse of '%s' failed: %s", text, err);
    return v;
}

/* Parses a document of len bytes that must be rejected, and checks the
 * message starts with want (an exact "offset N: reason" prefix). */
static void check_error(const char *text, size_t len, const char *want)
{
    char err[128] = "unset";
    ts_json *v = ts_json_parse(text, len, err, sizeof err);
    if (v) {
        ts_json_free(v);
        fail_msg("'%.*s' was accepted", (int)len, text);
    }
    if (strncmp(err, want, strlen(want)) != 0)
        fail_msg("'%.*s': got \"%s\", want \"%s...\"", (int)len, text, err,
                 want);
}

/* A strict UTF-8 check, written independently of json.c's, used to verify
 * that the writer and parser only ever produce valid UTF-8. */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned long cp;
        size_t k;
        if (s[i] < 0x80) { i++; continue; }
        if ((s[i] & 0xE0) == 0xC0) { k = 2; cp = s[i] & 0x1Fu; }
        else if ((s[i] & 0xF0) == 0xE0) { k = 3; cp = s[i] & 0x0Fu; }
        else if ((s[i] & 0xF8) == 0xF0) { k = 4; cp = s[i] & 0x07u; }
        else return 0;
        if (n - i < k) return 0;
        for (size_t j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + j] & 0x3Fu);
        }
        if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) ||
            (k == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k;
    }
    return 1;
}

/* A small deterministic generator so failures reproduce. */
static uint32_t rng_state = 12345u;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* ------------------------------------------------------------------------
 * Writing
 * ---------------------------------------------------------------------- */

static void test_put_plain(void **state)
{
    (void)state;
    check_put("", 0, "\"\"");
    check_put(NULL, 0, "\"\"");
    check_put("hello, world", 12, "\"hello, world\"");
    check_put("a/b\x7f", 4, "\"a/b\x7f\"");
}

static void test_put_quotes_backslash(void **state)
{
    (void)state;
    check_put("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
    check_put("\"", 1, "\"\\\"\"");
    check_put("\\\\", 2, "\"\\\\\\\\\"");
}

static void test_put_control_chars(void **state)
{
    (void)state;
    check_put("\b\f\n\r\t", 5, "\"\\b\\f\\n\\r\\t\"");
    check_put("\x01", 1, "\"\\u0001\"");
    check_put("\x1f", 1, "\"\\u001f\"");
    check_put("a\x0b" "b", 3, "\"a\\u000bb\"");
    check_put("\x1b[0m", 4, "\"\\u001b[0m\"");

    /* Every control character escapes to something the parser returns as
     * the same byte. */
    for (int c = 0; c < 0x20; c++) {
        char in = (char)c;
        ts_buf b = TS_BUF_INIT;
        assert_int_equal(ts_json_put_string(&b, &in, 1), 0);
        for (size_t i = 0; i < b.len; i++)
            assert_true((unsigned char)b.data[i] >= 0x20);
        ts_json *v = parse_ok(b.data);
        assert_int_equal(v->type, TS_JSON_STRING);
        assert_int_equal(v->string_len, 1);
        assert_int_equal(v->string[0], in);
        ts_json_free(v);
        ts_buf_free(&b);
    }
}

static void test_put_nul_byte(void **state)
{
    (void)state;
    check_put("a\0b", 3, "\"a\\u0000b\"");
    check_put("\0", 1, "\"\\u0000\"");
}

static void test_put_utf8_passthrough(void **state)
{
    (void)state;
    /* é (2 bytes), € (3), U+FFFF, U+10000 and U+10FFFF (4). */
    const char *s = "caf\xc3\xa9 \xe2\x82\xac \xef\xbf\xbf \xf0\x90\x80\x80"
                    " \xf4\x8f\xbf\xbf \xf0\x9f\x98\x80";
    char want[128];
    snprintf(want, sizeof want, "\"%s\"", s);
    check_put(s, strlen(s), want);
    /* The highest non-surrogate below them, U+D7FF, and U+E000. */
    check_put("\xed\x9f\xbf\xee\x80\x80", 6, "\"\xed\x9f\xbf\xee\x80\x80\"");
}

static void test_put_invalid_utf8(void **state)
{
    (void)state;
    /* Lone continuation bytes and impossible lead bytes: one each. */
    check_put("\x80", 1, "\"\\ufffd\"");
    check_put("\xbf\x80", 2, "\"\\ufffd\\ufffd\"");
    check_put("\xff", 1, "\"\\ufffd\"");
    check_put("\xf5\x80\x80\x80", 4,
              "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    /* Overlong forms. */
    check_put("\xc0\x80", 2, "\"\\ufffd\\ufffd\"");
    check_put("\xc1\xbf", 2, "\"\\ufffd\\ufffd\"");
    check_put("\xe0\x80\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"");
    check_put("\xf0\x80\x80\x80", 4,
              "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    /* UTF-16 surrogates encoded in UTF-8. */
    check_put("\xed\xa0\x80", 3, "\"\\ufffd\\ufffd\\ufffd\"");
    check_put("\xed\xbf\xbf", 3, "\"\\ufffd\\ufffd\\ufffd\"");
    /* Above U+10FFFF. */
    check_put("\xf4\x90\x80\x80", 4,
              "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    /* Truncated sequences: the valid prefix is one replacement. */
    check_put("\xe2\x82", 2, "\"\\ufffd\"");
    check_put("a\xf0\x9f\x98", 4, "\"a\\ufffd\"");
    check_put("\xe2\x82" "A", 3, "\"\\ufffdA\"");
    check_put("\xe2\x82\xe2\x82\xac", 5, "\"\\ufffd\xe2\x82\xac\"");
    /* A bad byte never swallows the quote or backslash after it. */
    check_put("\xc3\"", 2, "\"\\ufffd\\\"\"");
    check_put("\xf0\x9f\\", 3, "\"\\ufffd\\\\\"");
    /* Mixed with good text around it. */
    check_put("ok\xfeok", 5, "\"ok\\ufffdok\"");
}

/* Random bytes must always give output that parses, is valid UTF-8, and
 * decodes back to the input exactly when the input was valid UTF-8. */
static void test_put_random_bytes(void **state)
{
    (void)state;
    unsigned char in[64];
    for (int round = 0; round < 20000; round++) {
        size_t n = rng() % sizeof in;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = rng();
            /* Bias toward interesting bytes. */
            in[i] = (r & 0x300) ? (unsigned char)(0x80 + (r & 0x7f))
                                : (unsigned char)r;
        }
        ts_buf b = TS_BUF_INIT;
        assert_int_equal(ts_json_put_string(&b, (const char *)in, n), 0);
        assert_true(valid_utf8((const unsigned char *)b.data, b.len));
        ts_json *v = parse_ok(b.data);
        assert_int_equal(v->type, TS_JSON_STRING);
        assert_true(valid_utf8((const unsigned char *)v->string,
                               v->string_len));
        if (valid_utf8(in, n)) {
            assert_int_equal(v->string_len, n);
            assert_memory_equal(v->string, in, n);
        }
        ts_json_free(v);
        ts_buf_free(&b);
    }
}

/* Mostly plain ASCII, as report text is, with a byte needing an escape or
 * a character of several bytes here and there: long plain runs go eight
 * bytes at a time, and the output must equal escaping byte by byte. */
static void test_put_ascii_runs(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "a", "b", " ", "word", "\"", "\\", "\n", "\t", "\x01", "\x1f",
        "\x7f", "\xc3\xa9", "\xe2\x80\x99", "\xf0\x9f\x98\x80"};
    static const char *const escaped[] = {
        "a", "b", " ", "word", "\\\"", "\\\\", "\\n", "\\t", "\\u0001",
        "\\u001f", "\x7f", "\xc3\xa9", "\xe2\x80\x99", "\xf0\x9f\x98\x80"};
    for (int round = 0; round < 5000; round++) {
        char in[256], want[1024];
        size_t n = 0, w = 0;
        want[w++] = '"';
        size_t count = rng() % 40;
        for (size_t k = 0; k < count; k++) {
            uint32_t r = rng();
            /* plain pieces four times in five */
            size_t p = r % 5 ? r % 4 : 4 + (r >> 8) % 10;
            size_t pl = strlen(pieces[p]), el = strlen(escaped[p]);
            memcpy(in + n, pieces[p], pl);
            memcpy(want + w, escaped[p], el);
            n += pl;
            w += el;
        }
        want[w++] = '"';
        ts_buf b = TS_BUF_INIT;
        assert_int_equal(ts_json_put_string(&b, in, n), 0);
        assert_int_equal(b.len, w);
        assert_memory_equal(b.data, want, w);
        ts_buf_free(&b);
    }
}

static void test_put_appends(void **state)
{
    (void)state;
    ts_buf b = TS_BUF_INIT;
    assert_int_equal(ts_buf_puts(&b, "{\"k\":"), 0);
    assert_int_equal(ts_json_put_string(&b, "v\n", 2), 0);
    assert_int_equal(ts_buf_putc(&b, '}'), 0);
    assert_string_equal(b.data, "{\"k\":\"v\\n\"}");
    ts_buf_free(&b);
}

static void test_round_trip(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t len;
    } cases[] = {
#define CASE(lit) {lit, sizeof lit - 1}
        CASE(""),
        CASE("plain"),
        CASE("tab\there \"quoted\" back\\slash /"),
        CASE("\x01\x02\x1f\x7f"),
        CASE("nul\0inside"),
        CASE("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf"),
        CASE("\xef\xbf\xbd already a replacement"),
#undef CASE
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ts_buf b = TS_BUF_INIT;
        assert_int_equal(ts_json_put_string(&b, cases[i].s, cases[i].len),
                         0);
        ts_json *v = parse_ok(b.data);
        assert_int_equal(v->type, TS_JSON_STRING);
        assert_int_equal(v->string_len, cases[i].len);
        assert_memory_equal(v->string, cases[i].s, cases[i].len);
        assert_int_equal(v->string[v->string_len], '\0');
        ts_json_free(v);
        ts_buf_free(&b);
    }
}

/* ------------------------------------------------------------------------
 * Parsing valid documents
 * ---------------------------------------------------------------------- */

static void test_parse_literals(void **state)
{
    (void)state;
    ts_json *v = parse_ok("true");
    assert_int_equal(v->type, TS_JSON_TRUE);
    ts_json_free(v);
    v = parse_ok(" false ");
    assert_int_equal(v->type, TS_JSON_FALSE);
    ts_json_free(v);
    v = parse_ok("\t\r\nnull\n");
    assert_int_equal(v->type, TS_JSON_NULL);
    ts_json_free(v);
    v = parse_ok("\"\"");
    assert_int_equal(v->type, TS_JSON_STRING);
    assert_int_equal(v->string_len, 0);
    assert_string_equal(v->string, "");
    ts_json_free(v);
}

static void test_parse_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double want;
    } cases[] = {
        {"0", 0.0},           {"-0", -0.0},          {"7", 7.0},
        {"-12", -12.0},       {"1.5", 1.5},          {"-0.25", -0.25},
        {"1e3", 1000.0},      {"1E3", 1000.0},       {"2e+2", 200.0},
        {"25e-2", 0.25},      {"0.5e1", 5.0},        {"0e0", 0.0},
        {"123456789", 123456789.0},
        {"1.7976931348623157e308", 1.7976931348623157e308},
        {"1e-400", 0.0},      /* underflow is not an error */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ts_json *v = parse_ok(cases[i].text);
        assert_int_equal(v->type, TS_JSON_NUMBER);
        assert_true(v->number == cases[i].want);
        ts_json_free(v);
    }
    ts_json *v = parse_ok("-0");
    assert_true(signbit(v->number));
    ts_json_free(v);

    /* Longer than any fixed local buffer: the value must still be exact. */
    char big[400];
    memset(big, '0', sizeof big);
    big[0] = '1';
    memcpy(big + 1, ".", 1);
    snprintf(big + 300, 100, "1e2");
    v = parse_ok(big);
    assert_true(fabs(v->number - 100.0) < 1e-9);
    ts_json_free(v);

    char digits[310];
    memset(digits, '9', 300);
    digits[300] = '\0';
    v = parse_ok(digits);
    assert_true(isfinite(v->number) && v->number > 9.9e298);
    ts_json_free(v);
}

/* strtod follows LC_NUMERIC; the parser must not.  Skipped quietly where
 * no comma-decimal locale is installed. */
static void test_parse_numbers_locale(void **state)
{
    (void)state;
    static const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                  "fr_FR.utf8", "ru_RU.UTF-8"};
    const char *found = NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0] && !found; i++)
        if (setlocale(LC_NUMERIC, names[i])) found = names[i];
    if (!found) {
        setlocale(LC_NUMERIC, "C");
        skip();
    }
    ts_json *v = parse_ok("[1.5, -2.25e1]");
    assert_true(v->items[0]->number == 1.5);
    assert_true(v->items[1]->number == -22.5);
    ts_json_free(v);
    setlocale(LC_NUMERIC, "C");
}

static void test_parse_arrays(void **state)
{
    (void)state;
    ts_json *v = parse_ok("[]");
    assert_int_equal(v->type, TS_JSON_ARRAY);
    assert_int_equal(v->n, 0);
    assert_null(v->keys);
    ts_json_free(v);

    v = parse_ok(" [ 1 , \"two\" , true , false , null , [ ] , { } ] ");
    assert_int_equal(v->type, TS_JSON_ARRAY);
    assert_int_equal(v->n, 7);
    assert_null(v->keys);
    assert_true(v->items[0]->number == 1.0);
    assert_string_equal(v->items[1]->string, "two");
    assert_int_equal(v->items[2]->type, TS_JSON_TRUE);
    assert_int_equal(v->items[3]->type, TS_JSON_FALSE);
    assert_int_equal(v->items[4]->type, TS_JSON_NULL);
    assert_int_equal(v->items[5]->type, TS_JSON_ARRAY);
    assert_int_equal(v->items[6]->type, TS_JSON_OBJECT);
    ts_json_free(v);

    /* Enough items to make the vectors grow several times. */
    char text[4096];
    size_t o = 0;
    text[o++] = '[';
    for (int i = 0; i < 500; i++)
        o += (size_t)snprintf(text + o, sizeof text - o, "%s%d",
                              i ? "," : "", i);
    text[o++] = ']';
    text[o] = '\0';
    v = parse_ok(text);
    assert_int_equal(v->n, 500);
    for (size_t i = 0; i < 500; i++)
        assert_true(v->items[i]->number == (double)i);
    ts_json_free(v);
}

static void test_parse_objects(void **state)
{
    (void)state;
    ts_json *v = parse_ok("{}");
    assert_int_equal(v->type, TS_JSON_OBJECT);
    assert_int_equal(v->n, 0);
    ts_json_free(v);

    v = parse_ok("{\"name\":\"x\",\"score\":-0.5,\"ok\":true,"
                 "\"list\":[1,2,{\"deep\":null}],\"sub\":{\"k\":\"v\"}}");
    assert_int_equal(v->type, TS_JSON_OBJECT);
    assert_int_equal(v->n, 5);
    assert_string_equal(v->keys[0], "name");
    assert_string_equal(v->keys[4], "sub");
    const ts_json *list = ts_json_get(v, "list");
    assert_non_null(list);
    assert_int_equal(list->type, TS_JSON_ARRAY);
    assert_int_equal(list->n, 3);
    assert_int_equal(ts_json_get(list->items[2], "deep")->type,
                     TS_JSON_NULL);
    assert_string_equal(ts_json_get_string(ts_json_get(v, "sub"), "k", "?"),
                        "v");
    ts_json_free(v);

    /* Escaped names are decoded before lookup. */
    v = parse_ok("{\"a\\u0062c\":1, \"\\n\":2}");
    assert_true(ts_json_get_number(v, "abc", 0) == 1);
    assert_true(ts_json_get_number(v, "\n", 0) == 2);
    ts_json_free(v);
}

static void test_parse_string_escapes(void **state)
{
    (void)state;
    ts_json *v = parse_ok("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"");
    assert_string_equal(v->string, "\"\\/\b\f\n\r\t");
    ts_json_free(v);

    v = parse_ok("\"\\u0041\\u00e9\\u20AC\\uFFFF\"");
    assert_string_equal(v->string, "A\xc3\xa9\xe2\x82\xac\xef\xbf\xbf");
    ts_json_free(v);

    v = parse_ok("\"a\\u0000b\"");
    assert_int_equal(v->string_len, 3);
    assert_memory_equal(v->string, "a\0b", 4);
    ts_json_free(v);

    /* Raw UTF-8 is kept; raw invalid bytes become U+FFFD. */
    v = parse_ok("\"\xc3\xa9\xff\xed\xa0\x80x\"");
    assert_string_equal(v->string, "\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd"
                                   "\xef\xbf\xbd\xef\xbf\xbdx");
    ts_json_free(v);

    /* DEL needs no escape. */
    v = parse_ok("\"\x7f\"");
    assert_string_equal(v->string, "\x7f");
    ts_json_free(v);
}

static void test_parse_nul_in_key(void **state)
{
    (void)state;
    /* A NUL in a name would make "a\u0000x" answer a lookup of "a". */
    ts_json *v = parse_ok("{\"a\\u0000x\":1,\"a\":2}");
    assert_string_equal(v->keys[0], "a\xef\xbf\xbdx");
    assert_true(ts_json_get_number(v, "a", 0) == 2);
    ts_json_free(v);
}

static void test_parse_surrogates(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *want;
    } cases[] = {
        {"\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80"},
        {"\"\\uD83D\\uDE00\"", "\xf0\x9f\x98\x80"},
        {"\"\\ud800\\udc00\"", "\xf0\x90\x80\x80"},
        {"\"\\udbff\\udfff\"", "\xf4\x8f\xbf\xbf"},
        /* Lone high, lone low, high then non-surrogate, high at the end. */
        {"\"\\ud800\"", "\xef\xbf\xbd"},
        {"\"\\udc00\"", "\xef\xbf\xbd"},
        {"\"\\ud800\\u0041\"", "\xef\xbf\xbd" "A"},
        {"\"\\ud800x\"", "\xef\xbf\xbdx"},
        {"\"\\ud800\\n\"", "\xef\xbf\xbd\n"},
        /* Two highs: the second pairs with the low after it. */
        {"\"\\ud800\\ud83d\\ude00\"", "\xef\xbf\xbd\xf0\x9f\x98\x80"},
        /* Low before high is two lone ones. */
        {"\"\\udc00\\ud800\"", "\xef\xbf\xbd\xef\xbf\xbd"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ts_json *v = parse_ok(cases[i].text);
        assert_int_equal(v->type, TS_JSON_STRING);
        assert_string_equal(v->string, cases[i].want);
        assert_int_equal(v->string_len, strlen(cases[i].want));
        ts_json_free(v);
    }
    /* A high surrogate followed by a broken escape is still an error. */
    check_error("\"\\ud800\\u12\"", 12, "offset 7: invalid \\u escape");
}

/* ------------------------------------------------------------------------
 * Rejecting invalid documents
 * ---------------------------------------------------------------------- */

static void test_parse_syntax_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *want;
    } cases[] = {
        /* Empty and stray input. */
        {"", "offset 0: unexpected end of input"},
        {" \n\t", "offset 3: unexpected end of input"},
        {"\f1", "offset 0: expected a value"},
        {"\v1", "offset 0: expected a value"},
        {"1 2", "offset 2: unexpected data after the value"},
        {"[1]x", "offset 3: unexpected data after the value"},
        {"{}}", "offset 2: unexpected data after the value"},
        {"'a'", "offset 0: expected a value"},
        {"x", "offset 0: expected a value"},
        {"\x01", "offset 0: expected a value, found byte 0x01"},
        /* Literals: case and truncation. */
        {"tru", "offset 0: expected a value"},
        {"True", "offset 0: expected a value"},
        {"nul", "offset 0: expected a value"},
        {"falsey", "offset 5: unexpected data after the value"},
        {"NaN", "offset 0: expected a value"},
        {"Infinity", "offset 0: expected a value"},
        {"-Infinity", "offset 1: expected a digit"},
        /* Numbers. */
        {"01", "offset 0: leading zeros are not allowed"},
        {"-01", "offset 0: leading zeros are not allowed"},
        {"00", "offset 0: leading zeros are not allowed"},
        {"-", "offset 1: unexpected end of input"},
        {"+1", "offset 0: expected a value"},
        {".5", "offset 0: expected a value"},
        {"1.", "offset 2: unexpected end of input"},
        {"1.e3", "offset 2: expected a digit after '.'"},
        {"1e", "offset 2: unexpected end of input"},
        {"1e+", "offset 3: unexpected end of input"},
        {"1ex", "offset 2: expected a digit in exponent"},
        {"0x10", "offset 1: unexpected data after the value"},
        {"1e999", "offset 0: number out of range"},
        {"-1e999", "offset 0: number out of range"},
        /* Comments. */
        {"// c\n1", "offset 0: expected a value"},
        {"/* c */1", "offset 0: expected a value"},
        {"[1 /* c */]", "offset 3: expected ',' or ']'"},
        /* Arrays. */
        {"[", "offset 1: unexpected end of input"},
        {"[1", "offset 2: unexpected end of input"},
        {"[1,", "offset 3: unexpected end of input"},
        {"[1,]", "offset 3: expected a value"},
        {"[,1]", "offset 1: expected a value"},
        {"[1 2]", "offset 3: expected ',' or ']'"},
        {"[1;2]", "offset 2: expected ',' or ']'"},
        {"[1}", "offset 2: expected ',' or ']'"},
        /* Objects. */
        {"{", "offset 1: unexpected end of input"},
        {"{\"a\"", "offset 4: unexpected end of input"},
        {"{\"a\" 1}", "offset 5: expected ':'"},
        {"{\"a\"=1}", "offset 4: expected ':'"},
        {"{\"a\":", "offset 5: unexpected end of input"},
        {"{\"a\":}", "offset 5: expected a value"},
        {"{\"a\":1", "offset 6: unexpected end of input"},
        {"{\"a\":1,}", "offset 7: expected a member name"},
        {"{,}", "offset 1: expected a member name"},
        {"{1:2}", "offset 1: expected a member name"},
        {"{a:1}", "offset 1: expected a member name"},
        {"{'a':1}", "offset 1: expected a member name"},
        {"{\"a\":1 \"b\":2}", "offset 7: expected ',' or '}'"},
        {"{\"a\":1]", "offset 6: expected ',' or '}'"},
        /* Strings. */
        {"\"abc", "offset 0: unterminated string"},
        {"[\"abc", "offset 1: unterminated string"},
        {"\"abc\\", "offset 0: unterminated string"},
        {"\"a\nb\"", "offset 2: control character in string"},
        {"\"a\tb\"", "offset 2: control character in string"},
        {"\"\\x41\"", "offset 1: invalid escape in string"},
        {"\"\\a\"", "offset 1: invalid escape in string"},
        {"\"\\U0041\"", "offset 1: invalid escape in string"},
        {"\"\\u12\"", "offset 1: invalid \\u escape"},
        {"\"\\u12G4\"", "offset 1: invalid \\u escape"},
        {"\"\\u\"", "offset 1: invalid \\u escape"},
        {"\"\\u-123\"", "offset 1: invalid \\u escape"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_error(cases[i].text, strlen(cases[i].text), cases[i].want);

    /* A NUL byte inside len is just another bad byte. */
    check_error("[1,\0]", 5, "offset 3: expected a value, found byte 0x00");
    check_error("\"a\0\"", 4, "offset 2: control character in string");
    check_error("1\0", 2, "offset 1: unexpected data after the value");
}

static void test_parse_error_buffer(void **state)
{
    (void)state;
    /* No buffer, or a tiny one, is fine. */
    assert_null(ts_json_parse("[", 1, NULL, 0));
    char small[8];
    memset(small, 'x', sizeof small);
    assert_null(ts_json_parse("[", 1, small, sizeof small));
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, "offset ", 7);
    char one[1] = {'x'};
    assert_null(ts_json_parse("[", 1, one, sizeof one));
    assert_int_equal(one[0], '\0');
    /* NULL text is an empty document. */
    char err[64];
    assert_null(ts_json_parse(NULL, 0, err, sizeof err));
    assert_string_equal(err, "offset 0: unexpected end of input");
    /* A stale message is cleared by a later success. */
    ts_json *v = ts_json_parse("1", 1, err, sizeof err);
    assert_non_null(v);
    assert_string_equal(err, "");
    ts_json_free(v);
}

/* ------------------------------------------------------------------------
 * Nesting limit
 * ---------------------------------------------------------------------- */

static char *nested(size_t depth, char open, char close)
{
    char *s = malloc(2 * depth + 1);
    assert_non_null(s);
    memset(s, open, depth);
    memset(s + depth, close, depth);
    s[2 * depth] = '\0';
    return s;
}

static void test_depth_limit(void **state)
{
    (void)state;
    char err[128];

    char *s = nested(TS_JSON_MAX_DEPTH, '[', ']');
    ts_json *v = ts_json_parse(s, strlen(s), err, sizeof err);
    assert_non_null(v);
    const ts_json *inner = v;
    for (int i = 1; i < TS_JSON_MAX_DEPTH; i++) {
        assert_int_equal(inner->type, TS_JSON_ARRAY);
        assert_int_equal(inner->n, 1);
        inner = inner->items[0];
    }
    assert_int_equal(inner->n, 0);
    ts_json_free(v);
    free(s);

    s = nested(TS_JSON_MAX_DEPTH + 1, '[', ']');
    assert_null(ts_json_parse(s, strlen(s), err, sizeof err));
    assert_string_equal(err, "offset 64: nesting deeper than 64 levels");
    free(s);

    /* Objects count the same way. */
    char obj[1024];
    size_t o = 0;
    for (int i = 0; i < TS_JSON_MAX_DEPTH; i++)
        o += (size_t)snprintf(obj + o, sizeof obj - o, "{\"k\":");
    o += (size_t)snprintf(obj + o, sizeof obj - o, "1");
    for (int i = 0; i < TS_JSON_MAX_DEPTH; i++) obj[o++] = '}';
    obj[o] = '\0';
    v = ts_json_parse(obj, o, err, sizeof err);
    assert_non_null(v);
    ts_json_free(v);
    /* Replace the innermost 1 with a container: one level too many. */
    char obj2[1024];
    size_t pre = (size_t)TS_JSON_MAX_DEPTH * 5;
    memcpy(obj2, obj, pre);
    memcpy(obj2 + pre, "[]", 2);
    memcpy(obj2 + pre + 2, obj + pre + 1, o - pre - 1);
    obj2[o + 1] = '\0';
    assert_null(ts_json_parse(obj2, o + 1, err, sizeof err));
    assert_string_equal(err, "offset 320: nesting deeper than 64 levels");

    /* Mixed arrays and objects: a partial tree is freed on the way out. */
    char mixed[1024];
    o = 0;
    for (int i = 0; i <= TS_JSON_MAX_DEPTH; i++)
        o += (size_t)snprintf(mixed + o, sizeof mixed - o, "%s",
                              i % 2 ? "[1,2," : "{\"a\":[],\"b\":");
    assert_null(ts_json_parse(mixed, o, err, sizeof err));
    assert_non_null(strstr(err, "nesting deeper"));

    /* Hostile depth: must fail fast without exhausting the stack. */
    size_t huge = 100000;
    s = malloc(huge);
    assert_non_null(s);
    memset(s, '[', huge);
    assert_null(ts_json_parse(s, huge, err, sizeof err));
    assert_string_equal(err, "offset 64: nesting deeper than 64 levels");
    free(s);
}

/* ------------------------------------------------------------------------
 * Accessors
 * ---------------------------------------------------------------------- */

static void test_accessors(void **state)
{
    (void)state;
    ts_json *v = parse_ok("{\"num\":2.5,\"str\":\"s\",\"yes\":true,"
                          "\"no\":false,\"nil\":null,\"arr\":[1],"
                          "\"dup\":1,\"dup\":2}");

    assert_true(ts_json_get_number(v, "num", -1) == 2.5);
    assert_true(ts_json_get_number(v, "str", -1) == -1);
    assert_true(ts_json_get_number(v, "missing", -1) == -1);
    assert_true(ts_json_get_number(v, "dup", -1) == 1);   /* first match */

    assert_string_equal(ts_json_get_string(v, "str", "d"), "s");
    assert_string_equal(ts_json_get_string(v, "num", "d"), "d");
    assert_null(ts_json_get_string(v, "nil", NULL));
    assert_null(ts_json_get_string(v, "missing", NULL));

    assert_int_equal(ts_json_get_bool(v, "yes", -1), 1);
    assert_int_equal(ts_json_get_bool(v, "no", -1), 0);
    assert_int_equal(ts_json_get_bool(v, "nil", -1), -1);
    assert_int_equal(ts_json_get_bool(v, "num", -1), -1);
    assert_int_equal(ts_json_get_bool(v, "missing", 7), 7);

    assert_non_null(ts_json_get(v, "nil"));
    assert_int_equal(ts_json_get(v, "nil")->type, TS_JSON_NULL);
    assert_null(ts_json_get(v, "NUM"));
    assert_null(ts_json_get(v, ""));
    assert_null(ts_json_get(v, NULL));

    /* Not an object: everything falls back to the default. */
    const ts_json *arr = ts_json_get(v, "arr");
    assert_null(ts_json_get(arr, "0"));
    assert_true(ts_json_get_number(arr, "0", 3) == 3);
    assert_null(ts_json_get(NULL, "num"));
    assert_true(ts_json_get_number(NULL, "num", 4) == 4);
    assert_string_equal(ts_json_get_string(NULL, "str", "d"), "d");
    assert_int_equal(ts_json_get_bool(NULL, "yes", 0), 0);
    ts_json_free(v);

    v = parse_ok("\"just a string\"");
    assert_null(ts_json_get(v, "x"));
    ts_json_free(v);

    ts_json_free(NULL);
}

/* ------------------------------------------------------------------------
 * Input that is not NUL-terminated
 * ---------------------------------------------------------------------- */

/* Parses exactly n bytes from a heap block of exactly n bytes, so that a
 * sanitizer traps any read past the end.  Returns whether it parsed. */
static int parse_exact(const char *text, size_t n)
{
    char *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    memcpy(copy, text, n);
    char err[128];
    ts_json *v = ts_json_parse(copy, n, err, sizeof err);
    int ok = v != NULL;
    if (!ok) assert_memory_equal(err, "offset ", 7);
    ts_json_free(v);
    free(copy);
    return ok;
}

static void test_not_nul_terminated(void **state)
{
    (void)state;
    static const char *docs[] = {
        "{\"a\":[1,-2.5e-3,true,false,null],\"b\":\"x\\u00e9\\ud83d\\ude00\"}",
        "12345",
        "-0.5e+10",
        "true",
        "\"\\ud800\\udc00\"",
        "\"\xf0\x9f\x98\x80\"",
        "[[[[]]]]",
    };
    for (size_t d = 0; d < sizeof docs / sizeof docs[0]; d++) {
        size_t n = strlen(docs[d]);
        assert_true(parse_exact(docs[d], n));
        /* Every proper prefix either parses (a number cut short is still
         * a number) or fails cleanly; none may read past its end. */
        for (size_t k = 0; k < n; k++) parse_exact(docs[d], k);
    }
    /* Truncations that must fail. */
    assert_false(parse_exact("tru", 3));
    assert_false(parse_exact("\"ab", 3));
    assert_false(parse_exact("\"\\u12", 5));
    assert_false(parse_exact("\"\\ud800\\u", 9));
    assert_false(parse_exact("\"\\ud800\\", 8));
    assert_false(parse_exact("\"\xe2\x82", 3));
    assert_false(parse_exact("1e", 2));
    assert_false(parse_exact("{\"a\"", 4));
    /* A number running to the very end is read from a bounded copy. */
    assert_true(parse_exact("9007199254740993", 16));
    assert_true(parse_exact("0", 1));
}

/* ------------------------------------------------------------------------
 * Memory exhaustion
 * ---------------------------------------------------------------------- */

static long alloc_budget;   /* allocations left before failing; <0: none */
static long alloc_live;     /* blocks currently allocated */

static void *counting_alloc(size_t size, void *ud)
{
    (void)ud;
    if (alloc_budget == 0) return NULL;
    if (alloc_budget > 0) alloc_budget--;
    void *p = malloc(size);
    if (p) alloc_live++;
    return p;
}

static void *counting_resize(void *ptr, size_t size, void *ud)
{
    (void)ud;
    if (alloc_budget == 0) return NULL;
    if (alloc_budget > 0) alloc_budget--;
    void *p = realloc(ptr, size);
    if (p && !ptr) alloc_live++;
    return p;
}

static void counting_release(void *ptr, void *ud)
{
    (void)ud;
    if (ptr) alloc_live--;
    free(ptr);
}

static const ts_allocator counting = {counting_alloc, counting_resize,
                                      counting_release, NULL};

/* Fails the 1st, 2nd, ... allocation in turn until parsing succeeds; each
 * failure must report "out of memory" and leave nothing allocated. */
static void test_parse_oom(void **state)
{
    (void)state;
    const char *doc = "{\"a\":[1,2,3,4,5,6,7,8,9,{\"b\":\"c\\u00e9\"}],"
                      "\"long\":0.000000000000000000000000000000000000000"
                      "0000000000000000000000000000000000000000000000000000"
                      "0000000000000000000000000000000000000000000000000001,"
                      "\"k\":null,\"t\":true}";
    ts_set_allocator(&counting);
    long n;
    for (n = 0; n < 1000; n++) {
        char err[64] = "";
        alloc_budget = n;
        alloc_live = 0;
        ts_json *v = ts_json_parse(doc, strlen(doc), err, sizeof err);
        if (v) {
            alloc_budget = -1;
            ts_json_free(v);
            assert_int_equal(alloc_live, 0);
            break;
        }
        assert_string_equal(err, "out of memory");
        assert_int_equal(alloc_live, 0);
    }
    ts_set_allocator(NULL);
    assert_true(n > 10 && n < 1000);
}

static void test_put_oom(void **state)
{
    (void)state;
    ts_buf b = TS_BUF_INIT;
    assert_int_equal(ts_buf_puts(&b, "prefix"), 0);
    char big[300];
    memset(big, '\n', sizeof big);   /* escapes grow past the reserve */

    ts_set_allocator(&counting);
    alloc_budget = 0;
    alloc_live = 0;
    assert_int_equal(ts_json_put_string(&b, big, sizeof big), -1);
    assert_int_equal(b.len, 6);
    assert_string_equal(b.data, "prefix");

    /* Let the first reserve through, fail a later growth. */
    alloc_budget = 1;
    assert_int_equal(ts_json_put_string(&b, big, sizeof big), -1);
    assert_int_equal(b.len, 6);
    assert_string_equal(b.data, "prefix");

    alloc_budget = -1;
    assert_int_equal(ts_json_put_string(&b, big, sizeof big), 0);
    assert_int_equal(b.len, 6 + 2 + 2 * sizeof big);
    ts_set_allocator(NULL);
    ts_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_put_plain),
        cmocka_unit_test(test_put_quotes_backslash),
        cmocka_unit_test(test_put_control_chars),
        cmocka_unit_test(test_put_nul_byte),
        cmocka_unit_test(test_put_ascii_runs),
        cmocka_unit_test(test_put_utf8_passthrough),
        cmocka_unit_test(test_put_invalid_utf8),
        cmocka_unit_test(test_put_random_bytes),
        cmocka_unit_test(test_put_appends),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_parse_literals),
        cmocka_unit_test(test_parse_numbers),
        cmocka_unit_test(test_parse_numbers_locale),
        cmocka_unit_test(test_parse_arrays),
        cmocka_unit_test(test_parse_objects),
        cmocka_unit_test(test_parse_string_escapes),
        cmocka_unit_test(test_parse_nul_in_key),
        cmocka_unit_test(test_parse_surrogates),
        cmocka_unit_test(test_parse_syntax_errors),
        cmocka_unit_test(test_parse_error_buffer),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_accessors),
        cmocka_unit_test(test_not_nul_terminated),
        cmocka_unit_test(test_parse_oom),
        cmocka_unit_test(test_put_oom),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
