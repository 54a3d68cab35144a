/* cmd_analyze.c - `tonescope analyze [FILE|-]`: one article. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "html_report.h"
#include "render.h"

static const char usage[] =
    "Usage: tonescope analyze [OPTIONS] [FILE|-]\n"
    "Rate the tone of one article, section by section.\n\n"
    "  -o, --output REPORT.tone.gz  also write the full report (gzip, one\n"
    "                               member per section, JSON Lines)\n"
    "  -s, --sentences              list every sentence with its tone and\n"
    "                               the hits that explain it\n"
    "      --min-tone X             exit 1 if the document's tone is below X\n"
    "      --compress-level N       report compression: 1 (default) the fast\n"
    "                               encoder made for reports, 2-9 zlib's levels\n"
    "  -j, --jobs N                 threads that score sentences and compress\n"
    "                               the report (default: the number of cores;\n"
    "                               an article shorter than 64 KiB is scored on\n"
    "                               one)\n"
    "      --html PAGE.html         also write a self-contained HTML page: score\n"
    "                               card, charts, the text tinted by tone (the\n"
    "                               usual output still goes to stdout)\n"
    COMMON_HELP
    "\nWith no FILE, or when FILE is -, read standard input.\n"
    "Exit: 0 ok, 1 below --min-tone, 2 usage, 3 input/output, 4 lexicon.\n";

enum { OPT_MIN_TONE = OPT_FIRST_LOCAL, OPT_LEVEL, OPT_HTML };

typedef struct run {
    common_opts *o;
    int sentences;              /* --sentences */
    ts_report_writer *report;   /* -o */
    html_doc *html;             /* --html: the article kept for the page */
    int header_written;         /* the report's first record is out */
    const ts_analyzer *analyzer;
    const ts_lexicon *lex;
    const char *source;
    table_printer table;        /* text and TSV tables, row by row */
    int oom;
    int write_failed;
    int keep_going;             /* finish the report or gate if stdout fails */
} run;

/* After stdout failed (a closed pipe, a full disk) printing stops; the
 * analysis stops too unless a report or a --min-tone gate still needs the
 * whole document.  Returns non-zero to stop. */
static int output_stop(const run *r)
{
    return cli_output_broken() && !r->keep_going;
}

static int printing(const run *r)
{
    (void)r;
    return !cli_output_broken();
}

/* The report header names the input format, which for stdin is known only
 * once the first bytes are in: it is written before the first section. */
static int write_header(run *r)
{
    if (r->header_written) return 0;
    r->header_written = 1;
    ts_input_format format = ts_analyzer_format(r->analyzer);
    if (r->o->format == FORMAT_JSON) {
        /* the same first record a report has */
        ts_string s = {0};
        int bad = ts_json_string(&s, r->source, strlen(r->source)) != TS_OK;
        if (!bad)
            printf("{\"type\":\"document\",\"source\":%s,\"format\":\"%s\","
                   "\"tool\":\"tonescope %s\"}\n",
                   s.data, ts_input_format_name(format), TS_VERSION);
        ts_string_free(&s);
        if (bad) {
            r->oom = 1;
            return 1;
        }
    }
    if (r->report && ts_report_write_header(r->report, r->source,
                                            ts_analyzer_title(r->analyzer),
                                            format, r->lex) != TS_OK) {
        r->write_failed = 1;
        return 1;
    }
    return 0;
}

/* The section table is printed unless TSV sentences were asked for (one
 * table per output). */
static int wants_table(const run *r)
{
    return r->o->format == FORMAT_TEXT ||
           (r->o->format == FORMAT_TSV && !r->sentences);
}

static int on_section_begin(void *ctx, size_t index, const char *title,
                            int level, unsigned long line)
{
    run *r = ctx;
    (void)level;
    (void)line;
    if (write_header(r)) return 1;
    if (wants_table(r) && printing(r))
        table_begin(&r->table, ts_analyzer_title(r->analyzer));
    if (r->sentences && r->o->format == FORMAT_TEXT && printing(r))
        render_section_heading(stdout, r->o, index, title);
    return output_stop(r);
}

/* The report's sentence records are written by the analyzer itself (see
 * ts_analyzer_set_report), rendered on its scoring threads. */
static int on_sentence(void *ctx, const ts_sentence *s)
{
    run *r = ctx;
    if (r->html && html_doc_sentence(r->html, s)) {
        r->oom = 1;
        return 1;
    }
    /* nothing written here: stdout is looked at where something was, and
     * ferror() takes the stream's lock, per sentence a cost once scoring
     * runs on threads */
    if (!r->sentences || !printing(r)) return 0;
    switch (r->o->format) {
    case FORMAT_TEXT: render_sentence_text(stdout, r->o, s); break;
    case FORMAT_TSV: render_sentence_tsv(stdout, s); break;
    case FORMAT_JSON:
        if (print_json_sentence(stdout, s, 1)) r->oom = 1;
        break;
    }
    return r->oom || output_stop(r);
}

static int on_section_end(void *ctx, const ts_section *s)
{
    run *r = ctx;
    if (r->report && ts_report_write_section(r->report, s) != TS_OK) {
        r->write_failed = 1;
        return 1;
    }
    if (r->html && html_doc_section(r->html, s)) {
        r->oom = 1;
        return 1;
    }
    if (r->o->format == FORMAT_JSON) {
        if (printing(r) && print_json_section(stdout, s)) r->oom = 1;
    } else if (wants_table(r) && printing(r)) {
        table_row(&r->table, s);
    }
    if (r->sentences && r->o->format == FORMAT_TEXT && printing(r)) fputc('\n', stdout);
    return r->oom || output_stop(r);
}

int cmd_analyze(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"sentences", no_argument, NULL, 's'},
        {"min-tone", required_argument, NULL, OPT_MIN_TONE},
        {"compress-level", required_argument, NULL, OPT_LEVEL},
        {"html", required_argument, NULL, OPT_HTML},
        {"jobs", required_argument, NULL, 'j'},
        COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    common_opts o;
    common_init(&o);
    const char *output = NULL, *html = NULL;
    int sentences = 0, have_min = 0, level = 1;
    long jobs = 0;
    double min_tone = 0;
    int c;
    optind = 1;
    cli_getopt_name(argv, "analyze");
    while ((c = getopt_long(argc, argv, "o:sj:f:qh", longopts, NULL)) != -1) {
        int k = cli_common_option(&o, c, optarg, "analyze");
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        char *end;
        switch (c) {
        case 'h': fputs(usage, stdout); return cli_finish_output(EXIT_OK);
        case 'o': output = optarg; break;
        case 's': sentences = 1; break;
        case OPT_HTML: html = optarg; break;
        case 'j':
            jobs = strtol(optarg, &end, 10);
            if (*end || end == optarg || jobs < 1 || jobs > 1024)
                return cli_usage("analyze ", "--jobs takes a number from 1 to 1024");
            break;
        case OPT_MIN_TONE:
            min_tone = strtod(optarg, &end);
            if (*end || end == optarg || min_tone < -1 || min_tone > 1)
                return cli_usage("analyze ", "--min-tone takes a number from -1 to 1");
            have_min = 1;
            break;
        case OPT_LEVEL:
            level = (int)strtol(optarg, &end, 10);
            if (*end || level < 1 || level > 9)
                return cli_usage("analyze ", "--compress-level takes 1 to 9");
            break;
        default: return cli_bad_option("analyze");
        }
    }
    if (argc - optind > 1) return cli_usage("analyze ", "one FILE at a time (use 'batch' for many)");
    const char *path = optind < argc ? argv[optind] : "-";
    common_finish(&o, stdout);

    int code = EXIT_OK;
    ts_lexicon *lex;
    int fd;
    int early = cli_prepare_article(&o, path, &lex, &fd);
    if (early >= 0) return early;
    const char *source = strcmp(path, "-") ? path : "(stdin)";
    ts_input_format format = cli_input_format(&o, path);
    run r;
    memset(&r, 0, sizeof r);
    r.o = &o;
    r.sentences = sentences;
    r.lex = lex;
    r.source = source;
    table_init(&r.table, stdout, &o, source);
    /* with the sentences listed, each section's row closes its listing */
    r.table.header_each = sentences && o.format == FORMAT_TEXT;
    r.keep_going = output != NULL || html != NULL || have_min;
    ts_error err;
    if (html && !(r.html = html_doc_new())) {
        cli_error(html, "out of memory");
        code = EXIT_IO;
        goto done;
    }
    if (output) {
        r.report = ts_report_writer_open(output, level, &err);
        if (!r.report) {
            cli_error(output, "%s", err.message);
            code = EXIT_IO;
            goto done;
        }
    }
    ts_options opt;
    ts_options_init(&opt);
    opt.format = format;
    if (!jobs) jobs = sysconf(_SC_NPROCESSORS_ONLN);
    opt.threads = jobs > 1 ? (unsigned)jobs : 1;
    /* only JSON, the report and the page show the top terms */
    opt.skip_top_terms = o.format != FORMAT_JSON && !output && !html;
    if (r.report && ts_report_writer_set_threads(r.report, opt.threads) != TS_OK) {
        cli_error(output, "%s", ts_report_writer_errmsg(r.report));
        code = EXIT_IO;
        goto done;
    }
    /* sentences only for what writes them: without a reader of sentences
     * (and of the top terms) the analyzer keeps no hits */
    int sentence_readers = r.html || r.sentences;
    ts_callbacks cb = {on_section_begin, sentence_readers ? on_sentence : NULL,
                       on_section_end, &r};
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, &err);
    if (!a) {
        cli_error(NULL, "%s", err.message);
        code = EXIT_IO;
        goto done;
    }
    r.analyzer = a;
    if (r.report) ts_analyzer_set_report(a, r.report);
    if (o.format == FORMAT_TSV && sentences) render_sentence_tsv_header(stdout);
    ts_status st;
    int input_err = cli_feed_input(a, fd, &st);
    if (!input_err && st == TS_OK) st = ts_analyzer_finish(a);
    const ts_document *doc = ts_analyzer_document(a);
    if (input_err) {
        cli_report_input_error(source, input_err);
        code = EXIT_IO;
    } else if (st != TS_OK) {
        /* a sentence record the analyzer could not write */
        if (r.report && *ts_report_writer_errmsg(r.report)) r.write_failed = 1;
        if (r.write_failed)
            cli_error(output, "%s", ts_report_writer_errmsg(r.report));
        else if (r.oom)
            cli_error(source, "out of memory");
        else if (cli_output_broken())
            ; /* stdout failed: cli_finish_output says why, if it matters */
        else
            cli_error(source, "%s", ts_analyzer_errmsg(a));
        if (r.write_failed || r.oom || !cli_output_broken()) code = EXIT_IO;
    } else {
        cli_warn_document(&o, source, doc);
        /* an empty input has had no section to write the header before */
        if (write_header(&r)) {
            if (r.write_failed)
                cli_error(output, "%s", ts_report_writer_errmsg(r.report));
            else
                cli_error(source, "out of memory");
            code = EXIT_IO;
        }
        if (!printing(&r)) {
            ; /* nothing more reaches a broken stdout */
        } else if (o.format == FORMAT_JSON) {
            if (print_json_document(stdout, doc, "summary")) code = EXIT_IO;
        } else if (wants_table(&r)) {
            table_end(&r.table, doc);
        }
        if (r.report && code == EXIT_OK) {
            if (ts_report_write_summary(r.report, doc) != TS_OK ||
                ts_report_writer_commit(r.report) != TS_OK) {
                cli_error(output, "%s", ts_report_writer_errmsg(r.report));
                code = EXIT_IO;
            }
        }
        if (html && code == EXIT_OK) code = html_write_analyze(html, source, r.html, doc);
        if (code == EXIT_OK && have_min && ts_stats_mean_tone(&doc->stats) < min_tone) {
            if (!o.quiet)
                cli_error(source, "tone %+.3f is below --min-tone %+.3f",
                          ts_stats_mean_tone(&doc->stats), min_tone);
            code = EXIT_GATE;
        }
    }
    ts_analyzer_free(a);
done:
    ts_report_writer_free(r.report);
    html_doc_free(r.html);
    if (fd != STDIN_FILENO) close(fd);
    ts_lexicon_free(lex);
    return cli_finish_output(code);
}
