/* md_inline.c - Markdown inline syntax stripped down to the prose.
 *
 * Keeps what a reader reads: link and image text, code span contents,
 * emphasised words; drops URLs, emphasis markers, inline tags and
 * backslashes of escapes.  Works on one line at a time, which covers the
 * inline constructs people actually write. */
#include <ctype.h>
#include <string.h>

#include "markup.h"


/* The bytes where inline markup may start (and NUL, where the strchr()
 * this replaces stopped too): a table, as the scan runs over every byte
 * of a Markdown paragraph and a call per byte showed in profiles. */
static const unsigned char inline_stop[256] = {
    [0] = 1, ['\\'] = 1, ['`'] = 1, ['!'] = 1, ['['] = 1, ['<'] = 1,
    ['*'] = 1, ['_'] = 1, ['~'] = 1,
};

static int is_word_byte(char c)
{
    return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* Index just past the ")" closing a link destination that opens at
 * p[i] == '(' , or 0 when there is none on this line. */
static size_t link_dest_end(const char *p, size_t len, size_t i)
{
    int depth = 0;
    for (size_t j = i; j < len; j++) {
        if (p[j] == '\\' && j + 1 < len) {
            j++;
            continue;
        }
        if (p[j] == '(') depth++;
        else if (p[j] == ')' && --depth == 0) return j + 1;
    }
    return 0;
}

static size_t bracket_end(const char *p, size_t len, size_t i)
{
    int depth = 0;
    for (size_t j = i; j < len; j++) {
        if (p[j] == '\\' && j + 1 < len) {
            j++;
            continue;
        }
        if (p[j] == '[') depth++;
        else if (p[j] == ']' && --depth == 0) return j;
    }
    return 0;
}

int ts_markdown_inline(ts_buf *out, const char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        char c = p[i];
        if (c == '\\' && i + 1 < len && ispunct((unsigned char)p[i + 1])) {
            if (ts_buf_putc(out, p[i + 1])) return -1;
            i += 2;
            continue;
        }
        if (c == '`') {
            size_t ticks = i;
            while (ticks < len && p[ticks] == '`') ticks++;
            size_t n = ticks - i;
            /* find the matching run of n backticks */
            size_t j = ticks;
            while (j < len) {
                if (p[j] == '`') {
                    size_t k = j;
                    while (k < len && p[k] == '`') k++;
                    if (k - j == n) break;
                    j = k;
                } else {
                    j++;
                }
            }
            if (j < len) {
                if (ts_buf_append(out, p + ticks, j - ticks)) return -1;
                i = j + n;
            } else {
                if (ts_buf_append(out, p + i, n)) return -1;
                i = ticks;
            }
            continue;
        }
        if (c == '!' && i + 1 < len && p[i + 1] == '[') {
            i++; /* the image's alt text reads like link text */
            continue;
        }
        if (c == '[') {
            size_t close = bracket_end(p, len, i);
            if (close) {
                size_t after = close + 1;
                size_t skip_to = 0;
                if (after < len && p[after] == '(') {
                    skip_to = link_dest_end(p, len, after);
                } else if (after < len && p[after] == '[') {
                    size_t e = bracket_end(p, len, after);
                    if (e) skip_to = e + 1;
                }
                if (skip_to) {
                    if (ts_markdown_inline(out, p + i + 1, close - i - 1))
                        return -1;
                    i = skip_to;
                    continue;
                }
            }
        }
        if (c == '<') {
            /* inline tag or autolink: <br>, <em>, <https://...> */
            size_t j = i + 1;
            if (j < len && (isalpha((unsigned char)p[j]) || p[j] == '/')) {
                const char *gt = memchr(p + j, '>', len - j);
                if (gt) {
                    i = (size_t)(gt - p) + 1;
                    continue;
                }
            }
        }
        if (c == '*' || c == '_' || c == '~') {
            size_t j = i;
            while (j < len && p[j] == c) j++;
            int before = i > 0 && is_word_byte(p[i - 1]);
            int after = j < len && is_word_byte(p[j]);
            /* intra-word underscores are part of the word (snake_case) */
            /* NOLINTNEXTLINE(bugprone-branch-clone): kept apart from the lone-mark case below */
            if (c == '_' && before && after) {
                if (ts_buf_append(out, p + i, j - i)) return -1;
            } else if (c == '~' && j - i < 2) {
                if (ts_buf_putc(out, c)) return -1;
            } else if ((i == 0 || isspace((unsigned char)p[i - 1])) &&
                       (j >= len || isspace((unsigned char)p[j]))) {
                /* a lone "*" between spaces is text, e.g. "2 * 3"; next to
                 * anything else a run of marks is emphasis: *"Quoted"* */
                if (ts_buf_append(out, p + i, j - i)) return -1;
            }
            i = j;
            continue;
        }
        size_t j = i + 1;
        while (j < len && !inline_stop[(unsigned char)p[j]]) j++;
        if (ts_buf_append(out, p + i, j - i)) return -1;
        i = j;
    }
    return 0;
}
