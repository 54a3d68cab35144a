/* cmd_eval.c - `tonescope eval LABELLED.tsv`: how well the lexicons agree
 * with people.
 *
 * The file holds `label<TAB>sentence` lines (labels growth, negative,
 * neutral, reframe), '#' comments, and `# part: NAME` lines that start a
 * named part (the shipped data has "tuning" and "held-out").  Every
 * sentence is scored on its own through the public analyzer, as plain
 * text.  A sentence without final punctuation gets a period appended first,
 * so that a short line is not taken for a heading; if the segmenter still
 * cuts it into several sentences (an abbreviation, say), their growth and
 * negativity are summed and the tone recomputed from the sums.
 *
 * Tone classes: predicted growth when tone >= 0.05, negative when
 * <= -0.05, else neutral; gold growth and reframe both count as growth.
 * The reframe flag is measured against the gold label reframe: the line
 * is flagged when G >= N over the whole line and either N > 0 or the
 * scorer flagged one of its sentences (a denied setback, scorer.c rule 4).
 * A precision or recall with nothing to divide by is 0. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "Usage: tonescope eval [OPTIONS] LABELLED.tsv\n"
    "Measure the lexicons on sentences labelled by people.\n\n"
    "LABELLED.tsv: lines 'label<TAB>sentence', labels growth, negative,\n"
    "neutral or reframe; '#' starts a comment; '# part: NAME' starts a part.\n\n"
    "      --part NAME              only the sentences of part NAME\n"
    "      --errors                 list each misclassified sentence with its\n"
    "                               tone and hits\n"
    "      --min-macro-f1 X         exit 1 if macro-F1 is below X\n"
    "      --min-reframe-recall X   exit 1 if reframe recall is below X\n"
    "  -f, --format text|json       output format (default text)\n"
    "      --color auto|always|never  colour on a terminal\n"
    "      --lexicon-dir DIR        use DIR/{growth,negativity,modifiers}.tsv\n"
    "      --growth FILE, --negativity FILE, --modifiers FILE\n"
    "                               replace one lexicon\n"
    "  -q, --quiet                  no warnings\n"
    "  -h, --help                   this help\n"
    "\nExit: 0 ok, 1 a gate failed, 2 usage, 3 input/output or bad data\n"
    "line, 4 lexicon.\n";

enum {
    OPT_PART = OPT_FIRST_LOCAL,
    OPT_ERRORS,
    OPT_MIN_F1,
    OPT_MIN_REFRAME
};

/* Gold labels as written; the first three are also the tone classes. */
enum { C_GROWTH_, C_NEGATIVE_, C_NEUTRAL_, N_CLASSES, L_REFRAME = N_CLASSES };
static const char *const label_names[] = {"growth", "negative", "neutral",
                                          "reframe"};

typedef struct item {
    int gold;                 /* label index, L_REFRAME included */
    unsigned long line;       /* line in the file */
    char *text;               /* the sentence */
} item;

typedef struct dataset {
    item *v;
    size_t n, cap;
    int part_seen;            /* the --part name occurs in the file */
} dataset;

/* What the analyzer made of one sentence. */
typedef struct scored {
    double growth, negativity;
    size_t pieces;            /* sentences the analyzer produced */
    int reframed;             /* some piece was flagged a reframe */
    int setback;              /* some piece names a setback (a negativity
                                 hit that is not part of a name) */
    int want_hits;            /* collect hit descriptions */
    int json;                 /* ... as JSON rather than text */
    char *hits;               /* described hits, malloc'd, or NULL */
    size_t hits_len;
    FILE *hits_out;           /* memory stream behind hits */
    int oom;
} scored;

static void dataset_free(dataset *d)
{
    for (size_t i = 0; i < d->n; i++) free(d->v[i].text);
    free(d->v);
}

static int label_index(const char *s, size_t len)
{
    for (int k = 0; k <= L_REFRAME; k++)
        if (strlen(label_names[k]) == len && !strncmp(s, label_names[k], len))
            return k;
    return -1;
}

static int bad_line(const char *path, unsigned long line, const char *reason)
{
    fflush(stdout);
    fprintf(stderr, "%s: %s:%lu: %s\n", ts_prog, path, line, reason);
    return EXIT_IO;
}

/* "# part: NAME" -> NAME (trimmed) in *name, or 0 when not a part line. */
static int part_directive(const char *s, const char **name, size_t *len)
{
    s++;
    while (*s == ' ' || *s == '\t') s++;
    if (strncmp(s, "part:", 5) != 0) return 0;
    s += 5;
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    *name = s;
    *len = n;
    return 1;
}

/* Reads the labelled file, keeping the sentences of part (all when NULL).
 * Returns EXIT_OK or the exit code after reporting. */
static int load(const char *path, const char *part, dataset *d)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!f) {
        cli_error(path, "%s", strerror(errno));
        return EXIT_IO;
    }
    const char *shown = f == stdin ? "(stdin)" : path;
    char *buf = NULL;
    size_t bufcap = 0;
    ssize_t got;
    unsigned long line = 0;
    int in_part = part == NULL;
    int code = EXIT_OK;
    while ((got = getline(&buf, &bufcap, f)) != -1) {
        line++;
        size_t len = (size_t)got;
        while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) len--;
        buf[len] = '\0';
        char *s = buf;
        if (line == 1 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
            s += 3;
            len -= 3;
        }
        if (len == 0) continue;
        if (s[0] == '#') {
            const char *name;
            size_t nlen;
            if (part && part_directive(s, &name, &nlen)) {
                in_part = strlen(part) == nlen && !strncmp(part, name, nlen);
                if (in_part) d->part_seen = 1;
            }
            continue;
        }
        char *tab = strchr(s, '\t');
        if (!tab) {
            code = bad_line(shown, line, "expected 'label<TAB>sentence'");
            break;
        }
        int gold = label_index(s, (size_t)(tab - s));
        if (gold < 0) {
            char msg[160];
            snprintf(msg, sizeof msg, "unknown label '%.*s' (growth, negative, "
                     "neutral or reframe)", (int)(tab - s > 40 ? 40 : tab - s), s);
            code = bad_line(shown, line, msg);
            break;
        }
        char *text = tab + 1;
        if (strchr(text, '\t')) {
            code = bad_line(shown, line, "more than one tab");
            break;
        }
        while (*text == ' ') text++;
        if (!*text) {
            code = bad_line(shown, line, "empty sentence");
            break;
        }
        if (!in_part) continue;
        if (d->n == d->cap) {
            size_t cap = d->cap ? d->cap * 2 : 256;
            item *v = realloc(d->v, cap * sizeof *v);
            if (!v) {
                cli_error(NULL, "out of memory");
                code = EXIT_IO;
                break;
            }
            d->v = v;
            d->cap = cap;
        }
        item *it = &d->v[d->n];
        it->gold = gold;
        it->line = line;
        it->text = strdup(text);
        if (!it->text) {
            cli_error(NULL, "out of memory");
            code = EXIT_IO;
            break;
        }
        d->n++;
    }
    if (code == EXIT_OK && ferror(f)) {
        cli_error(shown, "%s", strerror(errno));
        code = EXIT_IO;
    }
    free(buf);
    if (f != stdin) fclose(f);
    return code;
}

/* ---- scoring ---------------------------------------------------------- */

static void describe_hit(scored *r, const ts_hit *h)
{
    FILE *o = r->hits_out;
    if (r->json) {
        ts_string t = {0}, c = {0}, g = {0};
        if (ts_json_string(&t, h->text, strlen(h->text)) ||
            ts_json_string(&c, h->category, strlen(h->category)) ||
            (h->negator && ts_json_string(&g, h->negator, strlen(h->negator)))) {
            r->oom = 1;
        } else {
            fprintf(o, "%s{\"text\":%s,\"dim\":\"%s\",\"category\":%s,"
                    "\"weight\":%.3f,\"negator\":%s}",
                    ftell(o) > 0 ? "," : "", t.data, ts_dimension_name(h->dim),
                    c.data, h->weight, h->negator ? g.data : "null");
        }
        ts_string_free(&t);
        ts_string_free(&c);
        ts_string_free(&g);
        return;
    }
    fprintf(o, "      %c %-24s %-10s %-14s %.2f", h->dim == TS_GROWTH ? '+' : '-',
            h->text, ts_dimension_name(h->dim), h->category, h->weight);
    if (h->negator) fprintf(o, "  negated by '%s'", h->negator);
    if (h->intensifier) fprintf(o, "  %s '%s'",
                                h->flags & TS_HIT_BOOSTED ? "boosted by"
                                                          : "dampened by",
                                h->intensifier);
    if (h->flags & TS_HIT_BEFORE_CONTRAST) fputs("  before contrast", o);
    if (h->flags & TS_HIT_AFTER_CONTRAST) fputs("  after contrast", o);
    if (h->flags & TS_HIT_NAME) fputs("  in a name", o);
    fputc('\n', o);
}

static int on_sentence(void *ctx, const ts_sentence *s)
{
    scored *r = ctx;
    r->growth += s->growth;
    r->negativity += s->negativity;
    r->pieces++;
    if (s->reframe) r->reframed = 1;
    for (size_t k = 0; k < s->n_hits; k++)
        if (s->hits[k].dim == TS_NEGATIVITY && !(s->hits[k].flags & TS_HIT_NAME))
            r->setback = 1;
    if (r->want_hits)
        for (size_t k = 0; k < s->n_hits; k++) describe_hit(r, &s->hits[k]);
    return r->oom;
}

static int has_final_punct(const char *s)
{
    size_t n = strlen(s);
    /* skip closing quotes and brackets, ASCII or the UTF-8 curly ones */
    for (;;) {
        while (n && (s[n - 1] == ' ' || s[n - 1] == '"' || s[n - 1] == '\'' ||
                     s[n - 1] == ')' || s[n - 1] == ']'))
            n--;
        if (n >= 3 && (!memcmp(s + n - 3, "\xE2\x80\x9D", 3) ||
                       !memcmp(s + n - 3, "\xE2\x80\x99", 3))) {
            n -= 3;
            continue;
        }
        break;
    }
    if (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\xA6", 3)) return 1;  /* … */
    return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* Scores one sentence into *r.  Returns 0, or -1 after reporting. */
static int score_one(ts_analyzer *a, const char *text, scored *r)
{
    if (ts_analyzer_reset(a, TS_INPUT_TEXT) != TS_OK) {
        cli_error(NULL, "%s", ts_analyzer_errmsg(a));
        return -1;
    }
    if (r->want_hits) {
        r->hits_out = open_memstream(&r->hits, &r->hits_len);
        if (!r->hits_out) {
            cli_error(NULL, "out of memory");
            return -1;
        }
    }
    ts_status st = ts_analyzer_feed(a, text, strlen(text));
    if (st == TS_OK && !has_final_punct(text)) st = ts_analyzer_feed(a, ".", 1);
    if (st == TS_OK) st = ts_analyzer_feed(a, "\n", 1);
    if (st == TS_OK) st = ts_analyzer_finish(a);
    if (r->hits_out && fclose(r->hits_out)) r->oom = 1;
    r->hits_out = NULL;
    if (st != TS_OK || r->oom) {
        cli_error(NULL, "%s", r->oom ? "out of memory" : ts_analyzer_errmsg(a));
        return -1;
    }
    return 0;
}

/* ---- metrics ---------------------------------------------------------- */

typedef struct metrics {
    size_t n;
    size_t confusion[N_CLASSES][N_CLASSES];  /* [gold][predicted] */
    double precision[N_CLASSES], recall[N_CLASSES], f1[N_CLASSES];
    size_t support[N_CLASSES];
    double accuracy, macro_f1;
    size_t reframe_gold, reframe_pred, reframe_both;
    double reframe_precision, reframe_recall;
} metrics;

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static int tone_class(double tone)
{
    ts_label l = ts_tone_label(tone);
    return l == TS_LABEL_GROWTH ? C_GROWTH_ : l == TS_LABEL_NEGATIVE ? C_NEGATIVE_
                                                                     : C_NEUTRAL_;
}

static int gold_class(int gold)
{
    return gold == L_REFRAME ? C_GROWTH_ : gold;
}

static void finish_metrics(metrics *m)
{
    size_t right = 0;
    m->macro_f1 = 0;
    for (int c = 0; c < N_CLASSES; c++) {
        size_t pred = 0, gold = 0;
        for (int k = 0; k < N_CLASSES; k++) {
            pred += m->confusion[k][c];
            gold += m->confusion[c][k];
        }
        right += m->confusion[c][c];
        m->support[c] = gold;
        m->precision[c] = ratio(m->confusion[c][c], pred);
        m->recall[c] = ratio(m->confusion[c][c], gold);
        double pr = m->precision[c] + m->recall[c];
        m->f1[c] = pr > 0 ? 2 * m->precision[c] * m->recall[c] / pr : 0.0;
        m->macro_f1 += m->f1[c] / N_CLASSES;
    }
    m->accuracy = ratio(right, m->n);
    m->reframe_precision = ratio(m->reframe_both, m->reframe_pred);
    m->reframe_recall = ratio(m->reframe_both, m->reframe_gold);
}

/* ---- output ----------------------------------------------------------- */

static void print_text(const common_opts *o, const char *path,
                       const char *part, const metrics *m)
{
    printf("%s%s%s", c_on(o, C_BOLD), path, c_off(o));
    printf(" (part: %s): %zu sentences\n\n", part ? part : "all", m->n);
    printf("accuracy   %.3f\nmacro-F1   %.3f\n\n", m->accuracy, m->macro_f1);
    printf("class      precision  recall     F1  support\n");
    for (int c = 0; c < N_CLASSES; c++)
        printf("%-10s %9.3f  %6.3f  %5.3f  %7zu\n", label_names[c],
               m->precision[c], m->recall[c], m->f1[c], m->support[c]);
    printf("\nconfusion (rows: gold, columns: predicted)\n");
    printf("%-10s %8s %8s %8s\n", "", "growth", "negative", "neutral");
    for (int g = 0; g < N_CLASSES; g++)
        printf("%-10s %8zu %8zu %8zu\n", label_names[g], m->confusion[g][0],
               m->confusion[g][1], m->confusion[g][2]);
    printf("\nreframe    precision %.3f  recall %.3f  (gold %zu, flagged %zu, "
           "both %zu)\n",
           m->reframe_precision, m->reframe_recall, m->reframe_gold,
           m->reframe_pred, m->reframe_both);
}

static void print_json(const char *path, const char *part, const metrics *m)
{
    ts_string p = {0};
    if (ts_json_string(&p, path, strlen(path))) return;
    printf("{\"type\":\"eval\",\"file\":%s,\"part\":", p.data);
    ts_string_free(&p);
    if (part) {
        if (ts_json_string(&p, part, strlen(part))) return;
        fputs(p.data, stdout);
        ts_string_free(&p);
    } else {
        fputs("null", stdout);
    }
    printf(",\"sentences\":%zu,\"accuracy\":%.4f,\"macro_f1\":%.4f,\"classes\":{",
           m->n, m->accuracy, m->macro_f1);
    for (int c = 0; c < N_CLASSES; c++)
        printf("%s\"%s\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,"
               "\"support\":%zu}",
               c ? "," : "", label_names[c], m->precision[c], m->recall[c],
               m->f1[c], m->support[c]);
    printf("},\"confusion\":{\"labels\":[\"growth\",\"negative\",\"neutral\"],"
           "\"matrix\":[");
    for (int g = 0; g < N_CLASSES; g++)
        printf("%s[%zu,%zu,%zu]", g ? "," : "", m->confusion[g][0],
               m->confusion[g][1], m->confusion[g][2]);
    printf("]},\"reframe\":{\"precision\":%.4f,\"recall\":%.4f,\"gold\":%zu,"
           "\"flagged\":%zu,\"both\":%zu}",
           m->reframe_precision, m->reframe_recall, m->reframe_gold,
           m->reframe_pred, m->reframe_both);
}

/* One misclassified sentence: "why" says whether the tone class or the
 * reframe flag is wrong (or both). */
static void print_error(const common_opts *o, const item *it, int pred,
                        int flagged, const scored *r, int *first)
{
    int tone_wrong = pred != gold_class(it->gold);
    const char *why = tone_wrong && flagged != (it->gold == L_REFRAME)
                          ? "tone+reframe"
                          : tone_wrong ? "tone" : "reframe";
    double tone = ts_tone(r->growth, r->negativity);
    if (o->format == FORMAT_JSON) {
        ts_string t = {0};
        if (ts_json_string(&t, it->text, strlen(it->text))) return;
        printf("%s{\"line\":%lu,\"gold\":\"%s\",\"predicted\":\"%s\","
               "\"reframe\":%s,\"why\":\"%s\",\"growth\":%.3f,"
               "\"negativity\":%.3f,\"tone\":%.3f,\"text\":%s,\"hits\":[%s]}",
               *first ? "" : ",", it->line, label_names[it->gold],
               label_names[pred], flagged ? "true" : "false", why, r->growth,
               r->negativity, tone, t.data, r->hits ? r->hits : "");
        ts_string_free(&t);
    } else {
        if (*first) printf("\nerrors\n");
        printf("%s%lu%s  gold %s, predicted %s%s (%s)  tone %+.3f  G %.2f  "
               "N %.2f\n    %s\n",
               c_on(o, C_BOLD), it->line, c_off(o), label_names[it->gold],
               label_names[pred], flagged ? " + reframe" : "", why, tone,
               r->growth, r->negativity, it->text);
        if (r->hits && *r->hits) fputs(r->hits, stdout);
    }
    *first = 0;
}

static int parse_fraction(const char *arg, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(arg, &end);
    if (errno || end == arg || *end || !(v >= 0 && v <= 1)) return -1;
    *out = v;
    return 0;
}

int cmd_eval(int argc, char **argv)
{
    static const struct option longopts[] = {
        COMMON_LONG_OPTIONS,
        {"part", required_argument, NULL, OPT_PART},
        {"errors", no_argument, NULL, OPT_ERRORS},
        {"min-macro-f1", required_argument, NULL, OPT_MIN_F1},
        {"min-reframe-recall", required_argument, NULL, OPT_MIN_REFRAME},
        {NULL, 0, NULL, 0}};
    common_opts o;
    common_init(&o);
    const char *part = NULL;
    int errors = 0;
    double min_f1 = -1, min_reframe = -1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:qh", longopts, NULL)) != -1) {
        int k = cli_common_option(&o, c, optarg, "eval");
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        switch (c) {
        case 'h':
            fputs(usage, stdout);
            return cli_finish_output(EXIT_OK);
        case OPT_PART: part = optarg; break;
        case OPT_ERRORS: errors = 1; break;
        case OPT_MIN_F1:
            if (parse_fraction(optarg, &min_f1))
                return cli_usage("eval ", "--min-macro-f1 wants a number in [0, 1], "
                                 "not '%s'", optarg);
            break;
        case OPT_MIN_REFRAME:
            if (parse_fraction(optarg, &min_reframe))
                return cli_usage("eval ", "--min-reframe-recall wants a number in "
                                 "[0, 1], not '%s'", optarg);
            break;
        default: return cli_usage("eval ", "unknown option");
        }
    }
    if (o.format == FORMAT_TSV)
        return cli_usage("eval ", "eval writes text or json, not tsv");
    if (argc - optind != 1)
        return cli_usage("eval ", argc == optind ? "missing LABELLED.tsv"
                                                 : "one LABELLED.tsv at a time");
    const char *path = argv[optind];
    common_finish(&o, stdout);

    dataset d = {0};
    int code = load(path, part, &d);
    if (code != EXIT_OK) {
        dataset_free(&d);
        return code;
    }
    if (part && !d.part_seen) {
        cli_error(path, "no part named '%s' (a '# part: %s' line)", part, part);
        dataset_free(&d);
        return EXIT_IO;
    }
    ts_lexicon *lex = cli_load_lexicon(&o, &code);
    if (!lex) {
        dataset_free(&d);
        return code;
    }
    scored r;
    ts_options opt;
    ts_options_init(&opt);
    opt.format = TS_INPUT_TEXT;
    ts_callbacks cb = {NULL, on_sentence, NULL, &r};
    ts_error err;
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, &err);
    if (!a) {
        cli_error(NULL, "%s", err.message);
        ts_lexicon_free(lex);
        dataset_free(&d);
        return EXIT_IO;
    }

    /* Score everything first (metrics lead the output), keeping what the
     * error listing needs. */
    metrics m;
    memset(&m, 0, sizeof m);
    typedef struct outcome {
        int pred, flagged;
        scored r;
    } outcome;
    outcome *out = calloc(d.n ? d.n : 1, sizeof *out);
    if (!out) {
        cli_error(NULL, "out of memory");
        code = EXIT_IO;
    }
    for (size_t i = 0; out && i < d.n; i++) {
        memset(&r, 0, sizeof r);
        r.want_hits = errors;
        r.json = o.format == FORMAT_JSON;
        if (score_one(a, d.v[i].text, &r)) {
            free(r.hits);
            code = EXIT_IO;
            break;
        }
        int pred = tone_class(ts_tone(r.growth, r.negativity));
        /* the scorer's rule over the whole line, which may hold several
         * sentences: "It failed. We learned." is a reframe */
        int flagged = (r.setback || r.reframed) &&
                      r.growth >= r.negativity;
        int gold = d.v[i].gold;
        m.n++;
        m.confusion[gold_class(gold)][pred]++;
        m.reframe_gold += gold == L_REFRAME;
        m.reframe_pred += flagged;
        m.reframe_both += gold == L_REFRAME && flagged;
        out[i].pred = pred;
        out[i].flagged = flagged;
        out[i].r = r;
    }
    if (code == EXIT_OK) {
        finish_metrics(&m);
        if (o.format == FORMAT_JSON) {
            print_json(path, part, &m);
            if (errors) {
                int first = 1;
                fputs(",\"errors\":[", stdout);
                for (size_t i = 0; i < d.n; i++)
                    if (out[i].pred != gold_class(d.v[i].gold) ||
                        out[i].flagged != (d.v[i].gold == L_REFRAME))
                        print_error(&o, &d.v[i], out[i].pred, out[i].flagged,
                                    &out[i].r, &first);
                fputc(']', stdout);
            }
            fputs("}\n", stdout);
        } else {
            print_text(&o, path, part, &m);
            if (errors) {
                int first = 1;
                for (size_t i = 0; i < d.n; i++)
                    if (out[i].pred != gold_class(d.v[i].gold) ||
                        out[i].flagged != (d.v[i].gold == L_REFRAME))
                        print_error(&o, &d.v[i], out[i].pred, out[i].flagged,
                                    &out[i].r, &first);
            }
        }
        if (min_f1 >= 0 && m.macro_f1 < min_f1) {
            cli_error("eval", "macro-F1 %.3f is below %.3f", m.macro_f1, min_f1);
            code = EXIT_GATE;
        }
        if (min_reframe >= 0 && m.reframe_recall < min_reframe) {
            cli_error("eval", "reframe recall %.3f is below %.3f",
                      m.reframe_recall, min_reframe);
            code = EXIT_GATE;
        }
    }
    for (size_t i = 0; out && i < d.n; i++) free(out[i].r.hits);
    free(out);
    ts_analyzer_free(a);
    ts_lexicon_free(lex);
    dataset_free(&d);
    return cli_finish_output(code);
}
