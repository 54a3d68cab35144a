/* html.c - HTML to headings and prose (stage 2).
 *
 * Not a conforming HTML parser: a tolerant tokenizer that is good at the
 * pages people feed a tone analyser (articles, blog posts, exported docs),
 * never reads outside its input, and keeps bounded state: one tag of at
 * most TAG_MAX bytes, one entity, one heading. */
#include "html.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "decoder.h"

#define TAG_MAX 256        /* bytes of a tag kept: enough for its name */
#define ENTITY_MAX 32
#define HEADING_MAX 1024   /* a longer "heading" is cut there */

enum state { S_TEXT, S_TAG, S_COMMENT, S_RAW, S_ENTITY };

struct ts_html {
    ts_markup_sink sink;
    enum state state;
    char tag[TAG_MAX];        /* tag text after '<', possibly cut */
    size_t tag_len;
    char quote;               /* open attribute quote inside a tag */
    char entity[ENTITY_MAX];
    size_t entity_len;
    int dashes;               /* consecutive '-' seen in a comment */
    char raw_end[16];         /* "</script" etc. while in S_RAW */
    size_t raw_len, raw_match;
    int skip_depth;           /* inside nav/head/... : text ignored */
    int in_title;             /* inside <title> */
    int heading_level;        /* inside <hN>, else 0 */
    unsigned long heading_line;
    int have_text;            /* prose sent since the last paragraph end */
    ts_buf text;              /* prose waiting to be sent */
    unsigned long text_line;  /* line of text[0] */
    ts_buf heading;           /* heading or title text */
    unsigned long line;       /* current input line */
};

ts_html *ts_html_new(const ts_markup_sink *sink)
{
    ts_html *h = ts_calloc(1, sizeof *h);
    if (!h) return NULL;
    h->sink = *sink;
    return h;
}

void ts_html_reset(ts_html *h)
{
    ts_buf text = h->text, heading = h->heading;
    ts_markup_sink sink = h->sink;
    ts_buf_clear(&text);
    ts_buf_clear(&heading);
    memset(h, 0, sizeof *h);
    h->sink = sink;
    h->text = text;
    h->heading = heading;
}

void ts_html_free(ts_html *h)
{
    if (!h) return;
    ts_buf_free(&h->text);
    ts_buf_free(&h->heading);
    ts_free(h);
}

/* -------------------------------------------------------------- entities */

struct named { const char *name; unsigned cp; };

/* The entities that occur in articles; anything else is left as written. */
static const struct named entities[] = {
    {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
    {"nbsp", 0xA0}, {"rsquo", 0x2019}, {"lsquo", 0x2018}, {"rdquo", 0x201D},
    {"ldquo", 0x201C}, {"mdash", 0x2014}, {"ndash", 0x2013},
    {"hellip", 0x2026}, {"copy", 0xA9}, {"reg", 0xAE}, {"trade", 0x2122},
    {"eacute", 0xE9}, {"egrave", 0xE8}, {"aacute", 0xE1}, {"agrave", 0xE0},
    {"ccedil", 0xE7}, {"ouml", 0xF6}, {"uuml", 0xFC}, {"auml", 0xE4},
    {"iacute", 0xED}, {"oacute", 0xF3}, {"uacute", 0xFA}, {"ntilde", 0xF1},
    {"szlig", 0xDF}, {"bull", 0x2022}, {"middot", 0xB7}, {"laquo", 0xAB},
    {"raquo", 0xBB}, {"thinsp", 0x2009}, {"ensp", 0x2002}, {"emsp", 0x2003},
    {"shy", 0xAD}, {"deg", 0xB0}, {"euro", 0x20AC}, {"pound", 0xA3},
    {"cent", 0xA2}, {"times", 0xD7}, {"divide", 0xF7}, {"frac12", 0xBD},
    {"sbquo", 0x201A}, {"bdquo", 0x201E}, {"prime", 0x2032},
    {"zwj", 0x200D}, {"zwnj", 0x200C},
};

int ts_html_entity(const char *name, size_t len, char *out)
{
    unsigned cp = 0;
    if (len >= 2 && name[0] == '#') {
        int hex = name[1] == 'x' || name[1] == 'X';
        size_t i = hex ? 2 : 1;
        if (i >= len || len - i > 8) return 0;
        for (; i < len; i++) {
            int c = (unsigned char)name[i];
            unsigned d;
            if (isdigit(c)) d = (unsigned)(c - '0');
            else if (hex && isxdigit(c)) d = (unsigned)(tolower(c) - 'a' + 10);
            else return 0;
            cp = cp * (hex ? 16u : 10u) + d;
            if (cp > 0x10FFFF) return 0;
        }
        if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        return ts_utf8_encode(cp, out);
    }
    for (size_t k = 0; k < sizeof entities / sizeof *entities; k++)
        if (strlen(entities[k].name) == len &&
            memcmp(entities[k].name, name, len) == 0)
            return ts_utf8_encode(entities[k].cp, out);
    return 0;
}

/* ---------------------------------------------------------------- output */

static int flush_text(ts_html *h)
{
    if (h->text.len == 0) return 0;
    if (!h->have_text) {
        /* whitespace before a paragraph's first word (line breaks between
         * tags) is no text: it must not make an empty paragraph */
        size_t i = 0;
        while (i < h->text.len && isspace((unsigned char)h->text.data[i])) i++;
        if (i == h->text.len) {
            ts_buf_clear(&h->text);
            return 0;
        }
    }
    int rc = h->sink.text(h->sink.ctx, h->text.data, h->text.len, h->text_line);
    ts_buf_clear(&h->text);
    h->have_text = 1;
    return rc;
}

static int block_break(ts_html *h)
{
    int rc = flush_text(h);
    if (rc == 0 && h->have_text) rc = h->sink.paragraph_end(h->sink.ctx);
    h->have_text = 0;
    return rc;
}

/* Where decoded characters go: the title, a heading, or prose. */
static int put(ts_html *h, const char *p, size_t n)
{
    if (h->in_title || h->heading_level) {
        if (h->heading.len + n > HEADING_MAX) return 0;
        return ts_buf_append(&h->heading, p, n);
    }
    if (h->skip_depth) return 0;
    if (h->text.len == 0) h->text_line = h->line;
    if (ts_buf_append(&h->text, p, n)) return -1;
    return h->text.len >= 4096 ? flush_text(h) : 0;
}

/* Collapses the whitespace of a heading or title and hands it over. */
static int emit_collected(ts_html *h, int is_title)
{
    char *s = h->heading.data ? h->heading.data : (char *)"";
    size_t w = 0;
    int space = 1;
    for (size_t r = 0; r < h->heading.len; r++) {
        unsigned char c = (unsigned char)s[r];
        if (isspace(c)) {
            if (!space) s[w++] = ' ';
            space = 1;
        } else {
            s[w++] = (char)c;
            space = 0;
        }
    }
    if (w && s[w - 1] == ' ') w--;
    int rc = 0;
    if (w) {
        rc = is_title ? h->sink.title(h->sink.ctx, s, w)
                      : h->sink.heading(h->sink.ctx, s, w, h->heading_level,
                                        h->heading_line);
    }
    ts_buf_clear(&h->heading);
    return rc;
}

/* ------------------------------------------------------------------ tags */

static int name_is(const char *name, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, name, n) == 0) return 1;
    return 0;
}

static const char *const raw_elements[] = {"script", "style", "textarea",
                                           "xmp", NULL};
static const char *const skipped_elements[] = {
    "head", "nav", "noscript", "template", "svg", "iframe", "object",
    "select", "button", "figure-skip", "math", "canvas", "audio", "video",
    NULL};
static const char *const block_elements[] = {
    "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th",
    "table", "thead", "tbody", "section", "article", "header", "footer",
    "main", "aside", "blockquote", "pre", "hr", "figure", "figcaption",
    "form", "fieldset", "address", "details", "summary", "body", "html",
    "caption", "legend", "menu", NULL};

static int on_tag(ts_html *h)
{
    const char *t = h->tag;
    size_t n = h->tag_len;
    int closing = 0;
    size_t i = 0;
    if (i < n && t[i] == '/') {
        closing = 1;
        i++;
    }
    char name[16];
    size_t k = 0;
    while (i < n && (isalnum((unsigned char)t[i]) || t[i] == '-')) {
        if (k + 1 < sizeof name) name[k++] = (char)tolower((unsigned char)t[i]);
        i++;
    }
    name[k] = '\0';
    if (k == 0) return 0; /* <!DOCTYPE>, <?xml?>, stray '<' */
    int self_closing = n > 0 && t[n - 1] == '/';

    if (!closing && name_is(name, k, raw_elements)) {
        int n2 = snprintf(h->raw_end, sizeof h->raw_end, "</%s", name);
        h->raw_len = (size_t)n2;
        h->raw_match = 0;
        h->state = S_RAW;
        return 0;
    }
    if (strcmp(name, "title") == 0) {
        if (!closing) {
            h->in_title = 1;
            ts_buf_clear(&h->heading);
            return 0;
        }
        if (!h->in_title) return 0;
        h->in_title = 0;
        return emit_collected(h, 1);
    }
    if (name_is(name, k, skipped_elements)) {
        if (self_closing) return 0;
        if (closing) {
            if (h->skip_depth > 0) h->skip_depth--;
        } else {
            h->skip_depth++;
        }
        return block_break(h);
    }
    if (k == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') {
        int rc = block_break(h);
        if (rc) return rc;
        if (!closing) {
            if (h->skip_depth) return 0;
            h->heading_level = name[1] - '0';
            h->heading_line = h->line;
            ts_buf_clear(&h->heading);
            return 0;
        }
        if (!h->heading_level) return 0;
        rc = emit_collected(h, 0);
        h->heading_level = 0;
        return rc;
    }
    if (name_is(name, k, block_elements)) {
        if (h->heading_level) return put(h, " ", 1);
        return block_break(h);
    }
    /* inline elements (a, em, span, ...) vanish; <img alt> is not read */
    return 0;
}

/* ------------------------------------------------------------ the machine */

static int byte_text(ts_html *h, char c)
{
    if (c == '<') {
        h->state = S_TAG;
        h->tag_len = 0;
        h->quote = 0;
        return 0;
    }
    if (c == '&') {
        h->state = S_ENTITY;
        h->entity_len = 0;
        return 0;
    }
    return put(h, &c, 1);
}

static int end_entity(ts_html *h, int semicolon)
{
    char out[8];
    int n = ts_html_entity(h->entity, h->entity_len, out);
    h->state = S_TEXT;
    if (n > 0) return put(h, out, (size_t)n);
    /* not an entity: keep the text as written */
    int rc = put(h, "&", 1);
    if (rc == 0) rc = put(h, h->entity, h->entity_len);
    if (rc == 0 && semicolon) rc = put(h, ";", 1);
    return rc;
}

static int byte_in(ts_html *h, char c)
{
    switch (h->state) {
    case S_TEXT:
        return byte_text(h, c);
    case S_ENTITY:
        if (c == ';') return end_entity(h, 1);
        if ((isalnum((unsigned char)c) || c == '#') &&
            h->entity_len < ENTITY_MAX - 1) {
            h->entity[h->entity_len++] = c;
            return 0;
        } else {
            int rc = end_entity(h, 0);
            return rc ? rc : byte_in(h, c);
        }
    case S_TAG:
        if (h->tag_len == 0 && !(isalpha((unsigned char)c) || c == '/' ||
                                 c == '!' || c == '?')) {
            /* "a < b": a lone '<' is text */
            h->state = S_TEXT;
            int rc = put(h, "<", 1);
            return rc ? rc : byte_in(h, c);
        }
        if (h->quote) {
            if (c == h->quote) h->quote = 0;
            return 0;
        }
        if (h->tag_len >= 1 && (c == '"' || c == '\'')) {
            h->quote = c;
            return 0;
        }
        if (c == '>') {
            h->state = S_TEXT;
            return on_tag(h);
        }
        if (h->tag_len < TAG_MAX) h->tag[h->tag_len++] = c;
        if (h->tag_len == 3 && memcmp(h->tag, "!--", 3) == 0) {
            h->state = S_COMMENT;
            h->dashes = 0;
        }
        return 0;
    case S_COMMENT:
        if (c == '>' && h->dashes >= 2) h->state = S_TEXT;
        h->dashes = c == '-' ? h->dashes + 1 : 0;
        return 0;
    case S_RAW:
        if (tolower((unsigned char)c) == h->raw_end[h->raw_match]) {
            if (++h->raw_match == h->raw_len) {
                /* skip the rest of the closing tag as an ordinary tag */
                h->state = S_TAG;
                h->tag_len = 0;
                h->tag[h->tag_len++] = '/';
                h->raw_match = 0;
            }
        } else {
            h->raw_match = tolower((unsigned char)c) == h->raw_end[0] ? 1 : 0;
        }
        return 0;
    }
    return 0;
}

int ts_html_line(ts_html *h, const char *text, size_t len, unsigned long line,
                 int complete)
{
    h->line = line;
    for (size_t i = 0; i < len; i++) {
        int rc = byte_in(h, text[i]);
        if (rc) return rc;
    }
    /* the line break is whitespace wherever it falls */
    if (complete) {
        int rc = h->state == S_TEXT ? put(h, " ", 1)
                 : h->state == S_ENTITY ? byte_in(h, ' ') : 0;
        if (rc) return rc;
        if (h->state == S_TEXT && h->text.len) return flush_text(h);
    }
    return 0;
}

int ts_html_finish(ts_html *h)
{
    int rc = 0;
    if (h->state == S_ENTITY) rc = end_entity(h, 0);
    if (rc == 0 && h->heading_level) {
        rc = emit_collected(h, 0);
        h->heading_level = 0;
    }
    if (rc == 0) rc = block_break(h);
    return rc;
}
