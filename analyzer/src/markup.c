/* markup.c - stage 2 for plain text and Markdown (HTML is in html.c).
 *
 * Both line formats hold back the first line of a paragraph: in plain text
 * it is a heading when the paragraph ends right after it; in Markdown it is
 * a heading when the next line underlines it (setext).  Every other line is
 * passed on at once, so memory is one line whatever the paragraph length. */
#include "markup.h"

#include <ctype.h>
#include <string.h>

#include "alloc.h"
#include "html.h"
#include "segmenter.h"

struct ts_markup {
    ts_markup_sink sink;
    ts_input_format format;
    ts_buf held;               /* first line of the paragraph, held back */
    unsigned long held_line;   /* its input line */
    int holding;               /* held is a pending heading candidate */
    int para_lines;            /* lines of prose in the current paragraph */
    int list_run;              /* the previous line was a list item */
    int held_numbered;         /* held is a numbered list-like line */
    int in_fragment;           /* the previous call was an incomplete line */
    int fragment_skipped;      /* that incomplete line is being skipped */
    /* Markdown */
    char fence_char;           /* '`' or '~' inside a fenced block, else 0 */
    size_t fence_len;          /* length of the opening fence */
    int in_comment;            /* inside <!-- --> */
    ts_buf tmp;                /* inline-stripped line */
    ts_html *html;             /* HTML state machine, made on first use */
};

ts_markup *ts_markup_new(const ts_markup_sink *sink)
{
    ts_markup *m = ts_calloc(1, sizeof *m);
    if (!m) return NULL;
    m->sink = *sink;
    m->format = TS_INPUT_TEXT;
    return m;
}

void ts_markup_reset(ts_markup *m, ts_input_format format)
{
    ts_buf_clear(&m->held);
    ts_buf_clear(&m->tmp);
    m->format = format == TS_INPUT_AUTO ? TS_INPUT_TEXT : format;
    m->holding = 0;
    m->para_lines = 0;
    m->list_run = 0;
    m->held_numbered = 0;
    m->in_fragment = 0;
    m->fragment_skipped = 0;
    m->fence_char = 0;
    m->fence_len = 0;
    m->in_comment = 0;
    if (m->html) ts_html_reset(m->html);
}

void ts_markup_free(ts_markup *m)
{
    if (!m) return;
    ts_buf_free(&m->held);
    ts_buf_free(&m->tmp);
    ts_html_free(m->html);
    ts_free(m);
}

/* ------------------------------------------------------------------ helpers */

/* memmem is not in C11 or POSIX. */
static const char *find_bytes(const char *hay, size_t n, const char *needle,
                              size_t k)
{
    if (k == 0) return hay;
    for (size_t i = 0; i + k <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
            return hay + i;
    return NULL;
}

static int is_blank(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)p[i])) return 0;
    return 1;
}

static size_t skip_spaces(const char *p, size_t len, size_t i)
{
    while (i < len && (p[i] == ' ' || p[i] == '\t')) i++;
    return i;
}

/* Length of a list marker ("- ", "* ", "+ ", "• ", "12. ", "3) ") at the
 * start of p after indentation, including the space after it; 0 if none.
 * *numbered tells whether it was a number. */
static size_t list_marker(const char *p, size_t len, int *numbered)
{
    size_t i = skip_spaces(p, len, 0);
    *numbered = 0;
    if (i < len && (p[i] == '-' || p[i] == '*' || p[i] == '+')) {
        if (i + 1 < len && (p[i + 1] == ' ' || p[i + 1] == '\t'))
            return skip_spaces(p, len, i + 1);
        return 0;
    }
    if (len - i >= 3 && memcmp(p + i, "\xE2\x80\xA2", 3) == 0) {
        size_t j = i + 3;
        if (j < len && (p[j] == ' ' || p[j] == '\t')) return skip_spaces(p, len, j);
        return 0;
    }
    size_t d = i;
    while (d < len && d - i < 9 && isdigit((unsigned char)p[d])) d++;
    if (d > i && d + 1 < len && (p[d] == '.' || p[d] == ')') &&
        (p[d + 1] == ' ' || p[d + 1] == '\t')) {
        *numbered = 1;
        return skip_spaces(p, len, d + 1);
    }
    return 0;
}

static void trim(const char **p, size_t *len)
{
    while (*len && isspace((unsigned char)(*p)[0])) {
        (*p)++;
        (*len)--;
    }
    while (*len && isspace((unsigned char)(*p)[*len - 1])) (*len)--;
}

static int starts_upper(const char *p, size_t len)
{
    if (len == 0) return 0;
    unsigned char c = (unsigned char)p[0];
    if (isupper(c)) return 1;
    /* Latin-1 and Latin Extended-A capitals (C3 80-9E, C4/C5 even) */
    if (c == 0xC3 && len > 1) {
        unsigned char c2 = (unsigned char)p[1];
        return c2 >= 0x80 && c2 <= 0x9E && c2 != 0x97;
    }
    return 0;
}

/* A numbered heading ("3. Taking Risks") is told from a one-item list
 * ("1. Preheat the oven") by title case: every word of four or more letters
 * is capitalised. */
static int title_case(const char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        while (i < len && isspace((unsigned char)p[i])) i++;
        size_t s = i;
        while (i < len && !isspace((unsigned char)p[i])) i++;
        if (i - s >= 4 && islower((unsigned char)p[s])) return 0;
    }
    return 1;
}

int ts_is_plain_heading(const char *p, size_t len)
{
    trim(&p, &len);
    if (len == 0 || len > 200) return 0;
    char last = p[len - 1];
    if (strchr(".!?:;,", last)) return 0;
    /* A closing quote after a final mark still ends a sentence. */
    int numbered;
    size_t marker = list_marker(p, len, &numbered);
    if (marker && !numbered) return 0;
    if (marker) {
        if (!title_case(p + marker, len - marker)) return 0;
        p += marker;
        len -= marker;
    }
    if (!starts_upper(p, len)) return 0;
    /* "The meeting ended. We went home" is two sentences, not a title;
     * "Dr. Who Returns" and "Why Try? A Primer" stay headings. */
    size_t end;
    if (ts_sentence_end(p, len, len, 1, &end) == 1 && end < len) {
        size_t m = end;
        while (m > 0 && !strchr(".!?", p[m - 1])) m--;
        if (m > 0 && p[m - 1] == '.') return 0;
    }
    size_t words = 0;
    int letters = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && isspace((unsigned char)p[i])) i++;
        if (i >= len) break;
        words++;
        while (i < len && !isspace((unsigned char)p[i])) {
            if (isalpha((unsigned char)p[i]) || (unsigned char)p[i] >= 0xC0)
                letters = 1;
            i++;
        }
    }
    return letters && words >= 1 && words <= TS_HEADING_MAX_WORDS;
}

ts_input_format ts_sniff_format(const char *p, size_t len)
{
    size_t i = 0;
    while (i < len && isspace((unsigned char)p[i])) i++;
    if (i < len && p[i] == '<') {
        static const char *const starts[] = {"<!doctype html", "<html",
                                             "<head", "<body", "<!--",
                                             "<p", "<div", "<h1", "<article"};
        for (size_t k = 0; k < sizeof starts / sizeof *starts; k++) {
            size_t n = strlen(starts[k]);
            if (len - i >= n) {
                size_t j = 0;
                while (j < n && tolower((unsigned char)p[i + j]) == starts[k][j]) j++;
                if (j == n) return TS_INPUT_HTML;
            }
        }
    }
    /* Markdown: an ATX heading, a fence or a setext underline at a line
     * start, or an inline link. */
    for (size_t s = 0; s < len;) {
        size_t e = s;
        while (e < len && p[e] != '\n') e++;
        size_t k = skip_spaces(p, e, s);
        if (k < e && p[k] == '#') {
            size_t h = k;
            while (h < e && p[h] == '#') h++;
            if (h - k <= 6 && (h == e || p[h] == ' ')) return TS_INPUT_MARKDOWN;
        }
        if (e - k >= 3 && (memcmp(p + k, "```", 3) == 0 || memcmp(p + k, "~~~", 3) == 0))
            return TS_INPUT_MARKDOWN;
        if (e - k >= 3 && s > 0) {
            size_t j = k;
            while (j < e && (p[j] == '=')) j++;
            if (j - k >= 3 && skip_spaces(p, e, j) == e) return TS_INPUT_MARKDOWN;
        }
        s = e + 1;
    }
    for (size_t j = 0; j + 1 < len; j++)
        if (p[j] == ']' && p[j + 1] == '(') return TS_INPUT_MARKDOWN;
    return TS_INPUT_TEXT;
}

/* ------------------------------------------------------------ sink wrappers */

static int send_text(ts_markup *m, const char *p, size_t len,
                     unsigned long line, int new_line)
{
    if (new_line && m->para_lines > 0) {
        int rc = m->sink.text(m->sink.ctx, "\n", 1, line);
        if (rc) return rc;
    }
    if (new_line) m->para_lines++;
    return len ? m->sink.text(m->sink.ctx, p, len, line) : 0;
}

static int end_paragraph(ts_markup *m)
{
    int rc = 0;
    if (m->holding) {
        m->holding = 0;
        if (m->format == TS_INPUT_TEXT &&
            ts_is_plain_heading(m->held.data, m->held.len)) {
            const char *p = m->held.data;
            size_t len = m->held.len;
            trim(&p, &len);
            rc = m->sink.heading(m->sink.ctx, p, len, 1, m->held_line);
            ts_buf_clear(&m->held);
            m->para_lines = 0;
            return rc;
        }
        rc = send_text(m, m->held.data, m->held.len, m->held_line, 1);
        ts_buf_clear(&m->held);
    }
    if (rc == 0 && m->para_lines > 0) rc = m->sink.paragraph_end(m->sink.ctx);
    m->para_lines = 0;
    return rc;
}

/* The held line turned out to be prose: pass it on. */
static int release_held(ts_markup *m)
{
    if (!m->holding) return 0;
    m->holding = 0;
    int rc = send_text(m, m->held.data, m->held.len, m->held_line, 1);
    ts_buf_clear(&m->held);
    return rc;
}

static int hold(ts_markup *m, const char *p, size_t len, unsigned long line)
{
    ts_buf_clear(&m->held);
    if (ts_buf_append(&m->held, p, len)) return -1;
    m->holding = 1;
    m->held_line = line;
    return 0;
}

/* ------------------------------------------------------------- plain text */

static int text_line(ts_markup *m, const char *p, size_t len,
                     unsigned long line)
{
    if (is_blank(p, len)) {
        m->list_run = 0;
        return end_paragraph(m);
    }
    int numbered;
    size_t marker = list_marker(p, len, &numbered);
    int rc;
    if (marker) {
        /* Every list item is a paragraph of its own; a numbered line with
         * blank lines around may still be a heading ("3. Taking Risks"),
         * but not one next to other items ("1. Preheat the Oven"). */
        if (m->holding && m->held_numbered && (rc = release_held(m)))
            return rc;
        if ((rc = end_paragraph(m))) return rc;
        int after_item = m->list_run;
        m->list_run = 1;
        if (numbered && !after_item) {
            rc = hold(m, p, len, line);
            m->held_numbered = 1;
            return rc;
        }
        return send_text(m, p, len, line, 1);
    }
    m->list_run = 0;
    if (m->para_lines == 0 && !m->holding) {
        rc = hold(m, p, len, line);
        m->held_numbered = 0;
        return rc;
    }
    if ((rc = release_held(m))) return rc;
    return send_text(m, p, len, line, 1);
}

/* ------------------------------------------------------------- Markdown */

static int is_fence(const char *p, size_t len, char *ch, size_t *n)
{
    size_t i = skip_spaces(p, len, 0);
    if (i > 3 || i >= len || (p[i] != '`' && p[i] != '~')) return 0;
    size_t j = i;
    while (j < len && p[j] == p[i]) j++;
    if (j - i < 3) return 0;
    *ch = p[i];
    *n = j - i;
    return 1;
}

/* "---", "***", "___" (with optional spaces) alone on a line. */
static int is_rule(const char *p, size_t len, char *ch)
{
    size_t i = skip_spaces(p, len, 0);
    if (i >= len || (p[i] != '-' && p[i] != '*' && p[i] != '_' && p[i] != '='))
        return 0;
    char c = p[i];
    size_t count = 0;
    for (; i < len; i++) {
        if (p[i] == c) count++;
        else if (p[i] != ' ' && p[i] != '\t') return 0;
    }
    *ch = c;
    return count >= (c == '=' ? 1u : 3u) || (c == '-' && count >= 1);
}

static int md_heading(ts_markup *m, const char *p, size_t len, int level,
                      unsigned long line)
{
    ts_buf_clear(&m->tmp);
    if (ts_markdown_inline(&m->tmp, p, len)) return -1;
    const char *t = m->tmp.data ? m->tmp.data : "";
    size_t n = m->tmp.len;
    trim(&t, &n);
    return m->sink.heading(m->sink.ctx, t, n, level, line);
}

static int md_prose(ts_markup *m, const char *p, size_t len,
                    unsigned long line)
{
    ts_buf_clear(&m->tmp);
    if (ts_markdown_inline(&m->tmp, p, len)) return -1;
    return send_text(m, m->tmp.data ? m->tmp.data : "", m->tmp.len, line, 1);
}

static int md_release_held(ts_markup *m)
{
    if (!m->holding) return 0;
    m->holding = 0;
    int rc = md_prose(m, m->held.data, m->held.len, m->held_line);
    ts_buf_clear(&m->held);
    return rc;
}

static int md_end_paragraph(ts_markup *m)
{
    int rc = md_release_held(m);
    if (rc == 0 && m->para_lines > 0) rc = m->sink.paragraph_end(m->sink.ctx);
    m->para_lines = 0;
    return rc;
}

static int markdown_block_line(ts_markup *m, const char *p, size_t len,
                               unsigned long line);

/* HTML comments may span lines; the parts of a line outside them go on to
 * the block rules, and a line that was only a comment is dropped whole. */
static int markdown_line(ts_markup *m, const char *p, size_t len,
                         unsigned long line)
{
    if (m->fence_char ||
        (!m->in_comment && !(len >= 4 && find_bytes(p, len, "<!--", 4))))
        return markdown_block_line(m, p, len, line);
    ts_buf kept = TS_BUF_INIT;
    size_t i = 0;
    while (i < len) {
        if (m->in_comment) {
            const char *end = find_bytes(p + i, len - i, "-->", 3);
            if (!end) break;
            m->in_comment = 0;
            i = (size_t)(end - p) + 3;
        } else {
            const char *start = find_bytes(p + i, len - i, "<!--", 4);
            size_t j = start ? (size_t)(start - p) : len;
            if (ts_buf_append(&kept, p + i, j - i)) {
                ts_buf_free(&kept);
                return -1;
            }
            if (!start) break;
            m->in_comment = 1;
            i = j + 4;
        }
    }
    int rc = 0;
    if (!is_blank(kept.data ? kept.data : "", kept.len))
        rc = markdown_block_line(m, kept.data, kept.len, line);
    ts_buf_free(&kept);
    return rc;
}

static int markdown_block_line(ts_markup *m, const char *p, size_t len,
                               unsigned long line)
{
    int rc;
    char ch;
    size_t n;
    if (m->fence_char) {
        if (is_fence(p, len, &ch, &n) && ch == m->fence_char &&
            n >= m->fence_len &&
            is_blank(p + skip_spaces(p, len, 0) + n,
                     len - skip_spaces(p, len, 0) - n))
            m->fence_char = 0;
        return 0;
    }
    if (is_blank(p, len)) return md_end_paragraph(m);
    if (is_fence(p, len, &ch, &n)) {
        if ((rc = md_end_paragraph(m))) return rc;
        m->fence_char = ch;
        m->fence_len = n;
        return 0;
    }
    size_t i = skip_spaces(p, len, 0);
    /* ATX heading */
    if (i <= 3 && i < len && p[i] == '#') {
        size_t h = i;
        while (h < len && p[h] == '#') h++;
        if (h - i <= 6 && (h == len || p[h] == ' ' || p[h] == '\t')) {
            if ((rc = md_end_paragraph(m))) return rc;
            size_t e = len;
            while (e > h && (p[e - 1] == ' ' || p[e - 1] == '\t')) e--;
            size_t c = e;
            while (c > h && p[c - 1] == '#') c--;
            if (c == h || p[c - 1] == ' ' || p[c - 1] == '\t') e = c;
            return md_heading(m, p + h, e - h, (int)(h - i), line);
        }
    }
    /* setext underline or thematic break */
    if (is_rule(p, len, &ch)) {
        if (m->holding && (ch == '=' || ch == '-')) {
            m->holding = 0;
            rc = md_heading(m, m->held.data, m->held.len, ch == '=' ? 1 : 2,
                            m->held_line);
            ts_buf_clear(&m->held);
            m->para_lines = 0;
            return rc;
        }
        if (ch != '=') return md_end_paragraph(m);
    }
    /* indented code, only where a paragraph cannot continue */
    if (m->para_lines == 0 && !m->holding &&
        (len > 0 && (p[0] == '\t' || (len >= 4 && memcmp(p, "    ", 4) == 0))))
        return 0;
    /* block quote markers */
    while (i < len && p[i] == '>') {
        i = skip_spaces(p, len, i + 1);
    }
    /* link reference definitions: "[id]: url" */
    if (i < len && p[i] == '[') {
        const char *close = memchr(p + i, ']', len - i);
        if (close && (size_t)(close - p) + 1 < len && close[1] == ':') return 0;
    }
    int numbered;
    size_t marker = list_marker(p + i, len - i, &numbered);
    if (marker) {
        if ((rc = md_end_paragraph(m))) return rc;
        i += marker;
        /* task list boxes */
        if (len - i >= 3 && p[i] == '[' && p[i + 2] == ']' &&
            (p[i + 1] == ' ' || p[i + 1] == 'x' || p[i + 1] == 'X'))
            i = skip_spaces(p, len, i + 3);
        return md_prose(m, p + i, len - i, line);
    }
    if (m->para_lines == 0 && !m->holding) return hold(m, p + i, len - i, line);
    if ((rc = md_release_held(m))) return rc;
    return md_prose(m, p + i, len - i, line);
}

/* ------------------------------------------------------------- dispatch */

int ts_markup_line(ts_markup *m, const char *text, size_t len,
                   unsigned long line, int complete)
{
    int rc;
    if (m->format == TS_INPUT_HTML) {
        if (!m->html) {
            m->html = ts_html_new(&m->sink);
            if (!m->html) return -1;
        }
        return ts_html_line(m->html, text, len, line, complete);
    }
    if (m->in_fragment) {
        /* The rest of an over-long line: it continues whatever the line
         * start was, and is never a heading or a marker. */
        m->in_fragment = !complete;
        if (m->fragment_skipped) {
            if (complete) m->fragment_skipped = 0;
            return 0;
        }
        if (m->format == TS_INPUT_MARKDOWN) {
            ts_buf_clear(&m->tmp);
            if (ts_markdown_inline(&m->tmp, text, len)) return -1;
            return send_text(m, m->tmp.data ? m->tmp.data : "", m->tmp.len,
                             line, 0);
        }
        return send_text(m, text, len, line, 0);
    }
    if (!complete) {
        m->in_fragment = 1;
        if (m->format == TS_INPUT_MARKDOWN && m->fence_char) {
            m->fragment_skipped = 1;
            return 0;
        }
        /* Too long to be a heading: flush what is held and pass it on. */
        if (m->format == TS_INPUT_MARKDOWN) {
            if ((rc = md_release_held(m))) return rc;
            return md_prose(m, text, len, line);
        }
        if ((rc = release_held(m))) return rc;
        return send_text(m, text, len, line, 1);
    }
    if (m->format == TS_INPUT_MARKDOWN) return markdown_line(m, text, len, line);
    return text_line(m, text, len, line);
}

int ts_markup_finish(ts_markup *m)
{
    if (m->format == TS_INPUT_HTML)
        return m->html ? ts_html_finish(m->html) : 0;
    if (m->format == TS_INPUT_MARKDOWN) return md_end_paragraph(m);
    return end_paragraph(m);
}
