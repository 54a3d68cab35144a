/* html_page.c - what the analyze and compare pages share: escaping,
 * writing a page atomically, the page frame and style, sentences tinted
 * by tone with every hit explained, and the bar chart. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "html_page.h"

/* ------------------------------------------------------------------------
 * Escaping and numbers
 * ---------------------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence at p (at most n bytes), or 0. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t len;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000;
    else return 0;
    if (n < len) return 0;
    unsigned cp = c & (0x7F >> len);
    for (size_t k = 1; k < len; k++) {
        if ((p[k] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

/* Writes at most max_chars characters of s[0..len) as HTML text or
 * attribute content (max_chars 0: all), an ellipsis when cut.  The five
 * HTML specials become entities, control characters a space, and bytes
 * that are not UTF-8 (a path from the command line) U+FFFD. */
void html_esc_n(FILE *f, const char *s, size_t len, size_t max_chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t chars = 0;
    for (size_t i = 0; i < len;) {
        if (max_chars && chars == max_chars) {
            fputs("\xE2\x80\xA6", f);
            return;
        }
        chars++;
        switch (p[i]) {
        case '&': fputs("&amp;", f); i++; continue;
        case '<': fputs("&lt;", f); i++; continue;
        case '>': fputs("&gt;", f); i++; continue;
        case '"': fputs("&quot;", f); i++; continue;
        case '\'': fputs("&#39;", f); i++; continue;
        default: break;
        }
        if (p[i] < 0x20 || p[i] == 0x7F) {
            fputc(' ', f);
            i++;
            continue;
        }
        size_t k = utf8_seq(p + i, len - i);
        if (!k) {
            fputs("\xEF\xBF\xBD", f);
            i++;
            continue;
        }
        fwrite(p + i, 1, k, f);
        i += k;
    }
}

void html_esc(FILE *f, const char *s)
{
    if (s) html_esc_n(f, s, strlen(s), 0);
}

/* A tone as the tables print it, never "-0.000". */
void html_put_tone(FILE *f, double t)
{
    char tmp[32];
    snprintf(tmp, sizeof tmp, "%+.3f", t);
    fputs(strcmp(tmp, "-0.000") ? tmp : "+0.000", f);
}

const char *html_label_class(ts_label l)
{
    return l == TS_LABEL_GROWTH ? "g" : l == TS_LABEL_NEGATIVE ? "n" : "z";
}

const char *html_sign_class(double d)
{
    return d > 0.0005 ? "up" : d < -0.0005 ? "down" : "flat";
}

/* A section's heading as shown: its title, else the document's. */
const char *html_shown_title(const char *title)
{
    return title && *title ? title : "(untitled)";
}

/* ------------------------------------------------------------------------
 * Writing a page atomically
 * ---------------------------------------------------------------------- */


int html_page_open(page *pg, const char *path)
{
    memset(pg, 0, sizeof *pg);
    pg->path = path;
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* /dev/stdout, a pipe: nothing to replace, write straight in */
        pg->f = fopen(path, "w");
        if (!pg->f) {
            cli_error(path, "%s", strerror(errno));
            return -1;
        }
        return 0;
    }
    size_t n = strlen(path);
    pg->tmp = malloc(n + 16);
    if (!pg->tmp) {
        cli_error(path, "out of memory");
        return -1;
    }
    memcpy(pg->tmp, path, n);
    memcpy(pg->tmp + n, ".tmp-XXXXXX", 12);
    int fd = mkstemp(pg->tmp);
    if (fd < 0) {
        cli_error(path, "%s", strerror(errno));
        free(pg->tmp);
        pg->tmp = NULL;
        return -1;
    }
    /* mkstemp makes it private; a page is as readable as any new file */
    mode_t mask = umask(0);
    umask(mask);
    (void)fchmod(fd, 0666 & ~mask);
    pg->f = fdopen(fd, "w");
    if (!pg->f) {
        cli_error(path, "%s", strerror(errno));
        close(fd);
        unlink(pg->tmp);
        free(pg->tmp);
        pg->tmp = NULL;
        return -1;
    }
    return 0;
}

/* Flushes, syncs and renames into place; on any failure reports it,
 * removes the temporary file and returns EXIT_IO. */
int html_page_close(page *pg)
{
    int err = 0;
    errno = 0;
    if (fflush(pg->f) != 0 || ferror(pg->f)) err = errno ? errno : EIO;
    if (!err && pg->tmp && fsync(fileno(pg->f)) != 0) err = errno;
    if (fclose(pg->f) != 0 && !err) err = errno ? errno : EIO;
    if (!err && pg->tmp && rename(pg->tmp, pg->path) != 0) err = errno;
    if (err) {
        cli_error(pg->path, "%s", strerror(err));
        if (pg->tmp) unlink(pg->tmp);
    }
    free(pg->tmp);
    return err ? EXIT_IO : EXIT_OK;
}

/* Gives up on a page: reports why and removes the temporary file. */
int html_page_abort(page *pg, const char *why)
{
    cli_error(pg->path, "%s", why);
    fclose(pg->f);
    if (pg->tmp) unlink(pg->tmp);
    free(pg->tmp);
    return EXIT_IO;
}

static const char css[] =
    ":root{--g:#1a7f37;--n:#cf222e;--rf:#8250df;--ink:#1f2328;--mute:#59636e;"
    "--line:#d1d9e0;--bg:#f6f8fa}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:#fff;color:var(--ink);font:16px/1.55 "
    "'DejaVu Sans','Liberation Sans',Helvetica,Arial,sans-serif}\n"
    "main{max-width:1080px;margin:0 auto;padding:28px 32px 48px}\n"
    "h1{font-size:28px;line-height:1.25;margin:0 0 4px}\n"
    "h2{font-size:20px;margin:36px 0 10px;padding-bottom:6px;"
    "border-bottom:1px solid var(--line)}\n"
    "h3{font-size:17px;margin:26px 0 4px}\n"
    ".src{color:var(--mute);margin:0 0 18px;font-size:14px}\n"
    ".card{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));"
    "gap:12px;margin:18px 0}\n"
    ".stat{background:var(--bg);border:1px solid var(--line);border-radius:8px;"
    "padding:12px 14px}\n"
    ".stat b{display:block;font-size:26px;line-height:1.2}\n"
    ".stat>span{color:var(--mute);font-size:13px;line-height:1.3;display:block}\n"
    ".card.cmp{grid-template-columns:repeat(4,1fr)}.card.cmp .stat b{font-size:22px}\n"
    ".stat.wide{grid-column:span 2}.card.cmp .stat.wide b{font-size:16px;line-height:1.6}\n"
    "details>summary{cursor:pointer}\n"
    "details>summary h3{display:inline-block;margin:18px 0 4px}\n"
    ".badge{display:inline-block;font-size:12px;font-weight:bold;padding:1px 8px;"
    "border-radius:10px;color:#fff;background:#6e7781;vertical-align:middle}\n"
    ".badge.g{background:var(--g)}.badge.n{background:var(--n)}"
    ".badge.chg{background:#9a6700}\n"
    ".up{color:var(--g)}.down{color:var(--n)}.flat{color:var(--mute)}\n"
    ".legend{font-size:13px;color:var(--mute);margin:0 0 8px}\n"
    ".legend i{display:inline-block;width:12px;height:12px;border-radius:2px;"
    "margin:0 5px -1px 14px}\n"
    ".legend i:first-child{margin-left:0}\n"
    "svg{display:block;max-width:100%;height:auto;font-size:13px}\n"
    "svg text{fill:var(--ink)}\n"
    ".meta{color:var(--mute);font-size:13px;margin:0 0 6px}\n"
    ".body{margin:0;line-height:1.9}\n"
    ".s{border-radius:3px;padding:1px 0}\n"
    ".s:hover{outline:2px solid #0969da}\n"
    ".h{text-decoration:none;border-bottom:2px solid;cursor:help}\n"
    ".h.g{border-color:var(--g)}.h.n{border-color:var(--n)}\n"
    ".rf{color:var(--rf);font-weight:bold;font-size:13px;margin:0 2px;cursor:help}\n"
    ".cols{display:grid;grid-template-columns:1fr 1fr;gap:18px}\n"
    ".col{border:1px solid var(--line);border-radius:8px;padding:8px 12px;"
    "font-size:15px}\n"
    ".col h4{margin:0 0 4px;font-size:13px;color:var(--mute)}\n"
    ".mk{font-weight:bold;font-family:'DejaVu Sans Mono',monospace;margin-right:3px}\n"
    ".mk.add{color:var(--g)}.mk.del{color:var(--n)}.mk.chg{color:#9a6700}\n"
    "table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0}\n"
    "th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);"
    "vertical-align:top}\n"
    "th{color:var(--mute);font-weight:normal}\n"
    "td.num{text-align:right;white-space:nowrap;font-family:'DejaVu Sans Mono',monospace}\n"
    "footer{margin-top:40px;color:var(--mute);font-size:13px}\n";

void html_page_head(FILE *f, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"tonescope " TS_VERSION "\">\n<title>", f);
    html_esc(f, title);
    fputs("</title>\n<style>\n", f);
    fputs(css, f);
    fputs("</style>\n</head>\n<body>\n<main>\n", f);
}

void html_page_foot(FILE *f)
{
    fputs("<footer>Hover a sentence, a term or a point of a chart to see why it "
          "scored as it did. Tone runs from &minus;1 (negative) to +1 (growth); "
          "|tone| below 0.05 is neutral. Made by tonescope " TS_VERSION
          ".</footer>\n</main>\n</body>\n</html>\n", f);
}

void html_stat_box(FILE *f, const char *value_html, const char *what)
{
    fprintf(f, "<div class=\"stat\"><b>%s</b><span>%s</span></div>\n", value_html, what);
}

/* ------------------------------------------------------------------------
 * Sentences: tinted by tone, hits underlined, every score explained
 * ---------------------------------------------------------------------- */

/* Why one hit weighs what it does, for a title attribute. */
static void hit_reason(FILE *f, const h_hit *h)
{
    fputs("&#8220;", f);
    html_esc(f, h->text && *h->text ? h->text : h->term);
    fputs("&#8221; matches ", f);
    html_esc(f, h->term);
    fprintf(f, " (%s, ", ts_dimension_name(h->entry_dim));
    html_esc(f, h->category);
    fprintf(f, "), weight %.2f", h->base_weight);
    if (h->flags & TS_HIT_NEGATED) {
        fputs("&#10;  negated by &#8220;", f);
        html_esc(f, h->negator ? h->negator : "?");
        fprintf(f, "&#8221;: counts as %s &#215;%.2f", ts_dimension_name(h->dim),
                TS_NEGATION_FACTOR);
    }
    if (h->flags & (TS_HIT_BOOSTED | TS_HIT_DAMPENED)) {
        fprintf(f, "&#10;  %s by &#8220;", h->flags & TS_HIT_BOOSTED ? "boosted" : "dampened");
        html_esc(f, h->intensifier ? h->intensifier : "?");
        fputs("&#8221;", f);
    }
    if (h->flags & TS_HIT_CAPS) fprintf(f, "&#10;  written in capitals: +%.1f", TS_CAPS_BONUS);
    if (h->flags & TS_HIT_BEFORE_CONTRAST)
        fprintf(f, "&#10;  before a contrast (&#8220;but&#8221;): &#215;%.1f", TS_CONTRAST_BEFORE);
    if (h->flags & TS_HIT_AFTER_CONTRAST)
        fprintf(f, "&#10;  after a contrast (&#8220;but&#8221;): &#215;%.1f", TS_CONTRAST_AFTER);
    if (h->flags & TS_HIT_NAME)
        fprintf(f, "&#10;  part of a name or title: &#215;%.2f", TS_NAME_FACTOR);
    if (h->weight != h->base_weight || h->dim != h->entry_dim)
        fprintf(f, "&#10;  = %.2f %s", h->weight, ts_dimension_name(h->dim));
}

/* A view of one sentence shared by both pages. */

static void sentence_reason(FILE *f, const s_view *v)
{
    if (v->index) fprintf(f, "Sentence %zu: ", v->index);
    fputs("tone ", f);
    html_put_tone(f, v->tone);
    fprintf(f, " (%s) = (G &#8722; N) / &#8730;((G &#8722; N)&#178; + %g), "
            "G %.2f, N %.2f", ts_label_name(v->label), TS_TONE_ALPHA, v->growth,
            v->negativity);
    if (v->reframe)
        fputs("&#10;reframe: it names a setback and frames it constructively (G &#8805; N)", f);
    if (!v->n_hits) fputs("&#10;no lexicon terms", f);
    for (size_t k = 0; k < v->n_hits; k++) {
        fputs("&#10;&#8226; ", f);
        hit_reason(f, &v->hits[k]);
    }
}

static int word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80 || c == '_';
}

/* Finds needle (n bytes) in hay[from..] ignoring ASCII case, starting a
 * word and, unless prefix, ending one.  Returns its offset and sets *end
 * past the match (with prefix: past the rest of the word), or returns
 * (size_t)-1. */
static size_t find_word(const char *hay, size_t hay_len, size_t from,
                        const char *needle, size_t n, int prefix, size_t *end)
{
    if (!n || n > hay_len) return (size_t)-1;
    for (size_t i = from; i + n <= hay_len; i++) {
        if (i > 0 && word_byte((unsigned char)hay[i - 1])) continue;
        if (!prefix && i + n < hay_len && word_byte((unsigned char)hay[i + n])) continue;
        if (strncasecmp(hay + i, needle, n) != 0) continue;
        *end = i + n;
        while (prefix && *end < hay_len && word_byte((unsigned char)hay[*end])) (*end)++;
        return i;
    }
    return (size_t)-1;
}

/* One sentence as a tinted span; hits whose words are found in the text
 * are underlined, each with its own explanation. */
void html_sentence_html(FILE *f, const s_view *v, const char *mark_class,
                          const char *mark)
{
    const char *cls = html_label_class(v->label);
    double a = 0.10 + 0.30 * fabs(v->tone);
    if (mark) fprintf(f, "<span class=\"mk %s\">%s</span>", mark_class, mark);
    fprintf(f, "<span class=\"s %s\"", cls);
    if (v->label == TS_LABEL_GROWTH)
        fprintf(f, " style=\"background:rgba(26,127,55,%.2f)\"", a);
    else if (v->label == TS_LABEL_NEGATIVE)
        fprintf(f, " style=\"background:rgba(207,34,46,%.2f)\"", a);
    fputs(" title=\"", f);
    sentence_reason(f, v);
    fputs("\">", f);
    size_t len = strlen(v->text), at = 0;
    for (size_t k = 0; k < v->n_hits; k++) {
        const h_hit *h = &v->hits[k];
        /* the words it matched; failing those (a hit read back from a
         * report), the entry as a word prefix: "fail" finds "failed" */
        const char *needle = h->text ? h->text : h->term;
        size_t n = strlen(needle), end;
        if (!h->text && n && needle[n - 1] == '*') n--;
        size_t pos = find_word(v->text, len, at, needle, n, !h->text, &end);
        if (pos == (size_t)-1) continue;
        html_esc_n(f, v->text + at, pos - at, 0);
        fprintf(f, "<u class=\"h %s\" title=\"", h->dim == TS_GROWTH ? "g" : "n");
        hit_reason(f, h);
        fputs("\">", f);
        html_esc_n(f, v->text + pos, end - pos, 0);
        fputs("</u>", f);
        at = end;
    }
    html_esc_n(f, v->text + at, len - at, 0);
    fputs("</span>", f);
    if (v->reframe)
        fputs("<span class=\"rf\" title=\"reframe: names a setback and frames it "
              "constructively\">&#8635;</span>", f);
    fputs(" \n", f);
}

void html_text_legend(FILE *f)
{
    fputs("<p class=\"legend\"><i style=\"background:rgba(26,127,55,.3)\"></i>growth "
          "sentence<i style=\"background:rgba(207,34,46,.3)\"></i>negative sentence "
          "(deeper tint: stronger tone)<i style=\"border-bottom:2px solid var(--g);"
          "border-radius:0\"></i>growth term<i style=\"border-bottom:2px solid var(--n);"
          "border-radius:0\"></i>negativity term <b class=\"rf\">&#8635;</b>reframe</p>\n", f);
}

/* ------------------------------------------------------------------------
 * Charts (inline SVG)
 * ---------------------------------------------------------------------- */


/* A step for about five grid lines up to max. */
static double nice_step(double max)
{
    static const double steps[] = {0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500};
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++)
        if (max / steps[k] <= 6) return steps[k];
    return max / 5;
}

#define LABEL_W 330
#define ROW_H 36

/* A value of a bar: a tone, or a rate per 100 words. */
static void put_val(FILE *f, double v, int is_signed)
{
    if (is_signed) html_put_tone(f, v);
    else fprintf(f, "%.2f", v);
}

/* Two horizontal bars per section from a common zero; signed values
 * (tones) grow left or right of a centre line.  names/colors: the two
 * series. */
void html_bar_chart(FILE *f, const bar_row *rows, size_t n, int is_signed,
                      const char *name_a, const char *color_a,
                      const char *name_b, const char *color_b)
{
    fprintf(f, "<p class=\"legend\"><i style=\"background:%s\"></i>%s"
            "<i style=\"background:%s\"></i>%s</p>\n", color_a, name_a, color_b, name_b);
    double max = is_signed ? 0.25 : 1;
    for (size_t k = 0; k < n; k++) {
        if (rows[k].has_a && fabs(rows[k].a) > max) max = fabs(rows[k].a);
        if (rows[k].has_b && fabs(rows[k].b) > max) max = fabs(rows[k].b);
    }
    double step = nice_step(max);
    max = ceil(max / step - 1e-9) * step;
    const double x0 = LABEL_W + 12, width = CHART_W - x0 - 60;
    double zero = is_signed ? x0 + width / 2 : x0;
    double scale = (is_signed ? width / 2 : width) / max;
    double h = (double)n * ROW_H + 26;
    fprintf(f, "<svg viewBox=\"0 0 %d %.0f\" width=\"%d\" role=\"img\" "
            "aria-label=\"%s and %s by section\">\n", CHART_W, h, CHART_W, name_a, name_b);
    /* grid lines counted by an integer: a float counter could drift */
    double first = is_signed ? -max : 0;
    for (int k = 0;; k++) {
        double t = first + k * step;
        if (t > max + 1e-9) break;
        double x = zero + t * scale;
        fprintf(f, "<line x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"%s\"/>"
                "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\" fill=\"#59636e\">",
                x, x, h - 20, fabs(t) < 1e-9 ? "#8c959f" : "#e4e8ec", x, h - 6);
        fprintf(f, is_signed ? "%+.2f" : "%g", fabs(t) < 1e-9 ? 0.0 : t);
        fputs("</text>\n", f);
    }
    for (size_t k = 0; k < n; k++) {
        const bar_row *r = &rows[k];
        double y = (double)k * ROW_H;
        fprintf(f, "<g><title>%zu. ", r->number);
        html_esc(f, html_shown_title(r->title));
        fprintf(f, "&#10;%s: ", name_a);
        if (r->has_a) put_val(f, r->a, is_signed); else fputs("none", f);
        fprintf(f, "&#10;%s: ", name_b);
        if (r->has_b) put_val(f, r->b, is_signed); else fputs("none", f);
        fprintf(f, "</title><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%zu. ",
                LABEL_W, y + 22, r->number);
        html_esc_n(f, html_shown_title(r->title), strlen(html_shown_title(r->title)), 40);
        fputs("</text>\n", f);
        const double vals[2] = {r->a, r->b};
        const int has[2] = {r->has_a, r->has_b};
        const char *colors[2] = {color_a, color_b};
        for (int b = 0; b < 2; b++) {
            double by = y + 6 + b * 13;
            if (!has[b]) continue;
            double len = fabs(vals[b]) * scale;
            double x = vals[b] < 0 ? zero - len : zero;
            fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"11\" "
                    "rx=\"2\" fill=\"%s\"/>", x, by, len < 1 ? 1 : len, colors[b]);
            double tx = vals[b] < 0 ? zero - len - 4 : zero + len + 4;
            fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"%s\" "
                    "fill=\"#59636e\">", tx, by + 9.5, vals[b] < 0 ? "end" : "start");
            put_val(f, vals[b], is_signed);
            fputs("</text>\n", f);
        }
        fputs("</g>\n", f);
    }
    fputs("</svg>\n", f);
}

void html_section_meta(FILE *f, const ts_stats *st)
{
    fputs("<p class=\"meta\">tone ", f);
    html_put_tone(f, ts_stats_mean_tone(st));
    fprintf(f, " <span class=\"badge %s\">%s</span> &middot; growth %.2f / 100 words "
            "&middot; negativity %.2f / 100 words &middot; %zu reframe%s &middot; "
            "%zu sentence%s &middot; %zu words</p>\n",
            html_label_class(ts_stats_label(st)), ts_label_name(ts_stats_label(st)),
            ts_stats_growth_per100(st), ts_stats_negativity_per100(st), st->reframes,
            st->reframes == 1 ? "" : "s", st->sentences, st->sentences == 1 ? "" : "s",
            st->words);
}
