/* cmd_compare.c - `tonescope compare OLD NEW`: which sections and which
 * sentences moved the tone between two drafts. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare.h"
#include "html_report.h"

static const char usage[] =
    "Usage: tonescope compare [OPTIONS] OLD NEW\n"
    "Compare two drafts: per-section tone before -> after, the sentences that\n"
    "were added, removed or changed (ranked by their share of the change), and\n"
    "the terms that moved the tone most.  OLD and NEW are articles (text,\n"
    "Markdown, HTML) or reports written by 'analyze -o' (*.tone.gz); one of\n"
    "them may be - for standard input (an article).\n\n"
    "      --fail-if-worse[=DELTA]  exit 1 if the document's tone (mean\n"
    "                               sentence tone) drops by more than DELTA\n"
    "                               (default 0)\n"
    "  -S, --section TITLE          only the section(s) with this title, old\n"
    "                               or new (case and numbering ignored)\n"
    "  -t, --terms N                word-shift terms shown (default 10)\n"
    "      --html PAGE.html         also write a self-contained HTML page: the\n"
    "                               sections side by side, the sentence diff,\n"
    "                               the word shift (the usual output still goes\n"
    "                               to stdout)\n"
    COMMON_HELP
    "\nExit: 0 ok, 1 the tone got worse (--fail-if-worse), 2 usage,\n"
    "3 input/output, 4 lexicon.\n";

enum { OPT_FAIL_IF_WORSE = OPT_FIRST_LOCAL, OPT_HTML };

static int parse_number(const char *s, double *out)
{
    char *end;
    if (!s || !*s) return -1;
    double v = strtod(s, &end);
    if (*end || end == s || v != v) return -1;
    *out = v;
    return 0;
}

int cmd_compare(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"fail-if-worse", optional_argument, NULL, OPT_FAIL_IF_WORSE},
        {"section", required_argument, NULL, 'S'},
        {"terms", required_argument, NULL, 't'},
        {"html", required_argument, NULL, OPT_HTML},
        COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    common_opts o;
    common_init(&o);
    const char *only = NULL, *html = NULL;
    int gate = 0;
    double max_drop = 0;
    size_t top = 10;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "S:t:f:qh", longopts, NULL)) != -1) {
        int k = cli_common_option(&o, c, optarg, "compare");
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        switch (c) {
        case 'h': fputs(usage, stdout); return cli_finish_output(EXIT_OK);
        case 'S': only = optarg; break;
        case OPT_HTML: html = optarg; break;
        case 't': {
            double v;
            if (parse_number(optarg, &v) || v < 0 || v > 100000 || v != (double)(size_t)v)
                return cli_usage("compare ", "--terms takes a whole number");
            top = (size_t)v;
            break;
        }
        case OPT_FAIL_IF_WORSE:
            gate = 1;
            if (optarg) {
                if (parse_number(optarg, &max_drop) || max_drop < 0)
                    return cli_usage("compare ", "--fail-if-worse takes a number >= 0");
            } else if (optind < argc && parse_number(argv[optind], &max_drop) == 0) {
                /* "--fail-if-worse 0.05" as well as "--fail-if-worse=0.05" */
                if (max_drop < 0)
                    return cli_usage("compare ", "--fail-if-worse takes a number >= 0");
                optind++;
            }
            break;
        default: return cli_usage("compare ", "unknown option");
        }
    }
    if (argc - optind != 2) return cli_usage("compare ", "give two files: OLD NEW");
    const char *old_path = argv[optind], *new_path = argv[optind + 1];
    if (!strcmp(old_path, "-") && !strcmp(new_path, "-"))
        return cli_usage("compare ", "only one side can be standard input");
    common_finish(&o, stdout);

    ts_lexicon *lex = NULL;
    cmp_doc before, after;
    memset(&after, 0, sizeof after);
    int code = cmp_load(&before, old_path, &o, &lex);
    if (code == EXIT_OK) code = cmp_load(&after, new_path, &o, &lex);
    if (code != EXIT_OK) {
        cmp_doc_free(&before);
        cmp_doc_free(&after);
        ts_lexicon_free(lex);
        return code;
    }
    cmp_result r;
    size_t shown = cmp_run(&r, &before, &after, only);
    if (only && shown == 0) {
        cli_error(NULL, "no section titled \"%s\" in either draft", only);
        code = EXIT_USAGE;
    } else {
        switch (o.format) {
        case FORMAT_TEXT: cmp_render_text(stdout, &o, &r, top); break;
        case FORMAT_JSON: cmp_render_json(stdout, &r, top); break;
        case FORMAT_TSV: cmp_render_tsv(stdout, &r); break;
        }
        if (html) code = html_write_compare(html, &r, top);
        if (code == EXIT_OK && gate && r.tone_before - r.tone_after > max_drop) {
            if (!o.quiet)
                cli_error(new_path, "tone fell from %+.4f to %+.4f (by %.4f, more than %g)",
                          r.tone_before, r.tone_after, r.tone_before - r.tone_after,
                          max_drop);
            code = EXIT_GATE;
        }
    }
    cmp_result_free(&r);
    cmp_doc_free(&before);
    cmp_doc_free(&after);
    ts_lexicon_free(lex);
    return cli_finish_output(code);
}
