/* names.c - the names and small formulas every output shares. */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "tonescope.h"

const char *ts_status_str(ts_status status)
{
    switch (status) {
    case TS_OK: return "ok";
    case TS_ENOMEM: return "out of memory";
    case TS_EIO: return "input/output error";
    case TS_EINVAL: return "invalid argument";
    case TS_ELEXICON: return "bad lexicon";
    case TS_EFORMAT: return "malformed input";
    case TS_ETRUNCATED: return "truncated report";
    case TS_ECALLBACK: return "stopped by callback";
    }
    return "unknown status";
}

const char *ts_dimension_name(ts_dimension dim)
{
    return dim == TS_NEGATIVITY ? "negativity" : "growth";
}

const char *ts_label_name(ts_label label)
{
    switch (label) {
    case TS_LABEL_GROWTH: return "growth";
    case TS_LABEL_NEGATIVE: return "negative";
    case TS_LABEL_NEUTRAL: break;
    }
    return "neutral";
}

const char *ts_input_format_name(ts_input_format format)
{
    switch (format) {
    case TS_INPUT_TEXT: return "text";
    case TS_INPUT_MARKDOWN: return "markdown";
    case TS_INPUT_HTML: return "html";
    case TS_INPUT_AUTO: break;
    }
    return "auto";
}

int ts_input_format_parse(const char *name, ts_input_format *out)
{
    static const struct { const char *name; ts_input_format f; } names[] = {
        {"text", TS_INPUT_TEXT}, {"txt", TS_INPUT_TEXT},
        {"plain", TS_INPUT_TEXT}, {"markdown", TS_INPUT_MARKDOWN},
        {"md", TS_INPUT_MARKDOWN}, {"html", TS_INPUT_HTML},
        {"htm", TS_INPUT_HTML}, {"auto", TS_INPUT_AUTO}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].f;
            return 0;
        }
    return -1;
}

ts_input_format ts_input_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) return TS_INPUT_AUTO;
    char ext[16];
    size_t n = 0;
    for (const char *p = dot + 1; *p && n + 1 < sizeof ext; p++)
        ext[n++] = (char)tolower((unsigned char)*p);
    ext[n] = '\0';
    if (!strcmp(ext, "md") || !strcmp(ext, "markdown") || !strcmp(ext, "mdown") ||
        !strcmp(ext, "mkd"))
        return TS_INPUT_MARKDOWN;
    if (!strcmp(ext, "html") || !strcmp(ext, "htm") || !strcmp(ext, "xhtml"))
        return TS_INPUT_HTML;
    if (!strcmp(ext, "txt") || !strcmp(ext, "text")) return TS_INPUT_TEXT;
    return TS_INPUT_AUTO;
}

double ts_tone(double growth, double negativity)
{
    double x = growth - negativity;
    return x / sqrt(x * x + TS_TONE_ALPHA);
}

ts_label ts_tone_label(double tone)
{
    if (tone >= TS_TONE_THRESHOLD) return TS_LABEL_GROWTH;
    if (tone <= -TS_TONE_THRESHOLD) return TS_LABEL_NEGATIVE;
    return TS_LABEL_NEUTRAL;
}

double ts_stats_growth_per100(const ts_stats *s)
{
    return s->words ? 100.0 * s->growth / (double)s->words : 0.0;
}

double ts_stats_negativity_per100(const ts_stats *s)
{
    return s->words ? 100.0 * s->negativity / (double)s->words : 0.0;
}

double ts_stats_mean_tone(const ts_stats *s)
{
    return s->sentences ? s->tone_sum / (double)s->sentences : 0.0;
}

ts_label ts_stats_label(const ts_stats *s)
{
    return ts_tone_label(ts_stats_mean_tone(s));
}

void ts_stats_add(ts_stats *into, const ts_stats *from)
{
    into->words += from->words;
    into->sentences += from->sentences;
    into->growth_sentences += from->growth_sentences;
    into->negative_sentences += from->negative_sentences;
    into->neutral_sentences += from->neutral_sentences;
    into->reframes += from->reframes;
    into->growth += from->growth;
    into->negativity += from->negativity;
    into->tone_sum += from->tone_sum;
}
