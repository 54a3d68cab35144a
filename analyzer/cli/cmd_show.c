/* cmd_show.c - `tonescope show REPORT.tone.gz`: a report read back. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "render.h"

static const char usage[] =
    "Usage: tonescope show [OPTIONS] REPORT.tone.gz|-\n"
    "Print a report written by 'tonescope analyze -o' (or batch).\n\n"
    "  -S, --section N    only section N, with its sentences and hits\n"
    "  -s, --sentences    every sentence with its hits\n"
    COMMON_HELP
    "\nA truncated report shows every section completed before the cut,\n"
    "then a warning, and exits 3.\n";

enum { OPT_SECTION = OPT_FIRST_LOCAL };

int cmd_show(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"section", required_argument, NULL, 'S'},
        {"sentences", no_argument, NULL, 's'},
        COMMON_LONG_OPTIONS,
        {NULL, 0, NULL, 0}};
    common_opts o;
    common_init(&o);
    long only = -1;
    int sentences = 0;
    int c;
    optind = 1;
    cli_getopt_name(argv, "show");
    while ((c = getopt_long(argc, argv, "S:sf:qh", longopts, NULL)) != -1) {
        int k = cli_common_option(&o, c, optarg, "show");
        if (k < 0) return EXIT_USAGE;
        if (k) continue;
        char *end;
        switch (c) {
        case 'h': fputs(usage, stdout); return cli_finish_output(EXIT_OK);
        case 'S':
            only = strtol(optarg, &end, 10);
            if (*end || end == optarg || only < 0)
                return cli_usage("show ", "--section takes a section number");
            break;
        case 's': sentences = 1; break;
        default: return cli_bad_option("show");
        }
    }
    if (argc - optind != 1) return cli_usage("show ", "give one REPORT");
    /* "-" is standard input, named so in messages */
    int from_stdin = !strcmp(argv[optind], "-");
    const char *path = from_stdin ? "(stdin)" : argv[optind];
    common_finish(&o, stdout);
    if (only >= 0) sentences = 1;

    ts_error err;
    ts_report_reader *rd = ts_report_reader_open(from_stdin ? "/dev/stdin" : path, &err);
    if (!rd) {
        cli_error(path, "%s", err.message);
        return EXIT_IO;
    }
    table_printer table;
    table_init(&table, stdout, &o, path);
    table.header_each = sentences && o.format == FORMAT_TEXT;
    int wants_table = o.format == FORMAT_TEXT || (o.format == FORMAT_TSV && !sentences);
    ts_document summary;
    memset(&summary, 0, sizeof summary);
    const char *source = path;
    char *source_copy = NULL;
    int have_summary = 0, found = only < 0, code = EXIT_OK;
    size_t complete = 0;
    ts_stats partial;
    memset(&partial, 0, sizeof partial);
    char *title_copy = NULL;
    ts_input_format format = TS_INPUT_AUTO;
    size_t last_begun = (size_t)-1;
    if (o.format == FORMAT_TSV && sentences) render_sentence_tsv_header(stdout);
    for (;;) {
        ts_record rec;
        int done;
        ts_status st = ts_report_reader_next(rd, &rec, &done);
        if (st != TS_OK) {
            if (st == TS_ETRUNCATED)
                cli_warn(path, "%s; showing the %zu section%s completed before the cut",
                         ts_report_reader_errmsg(rd), complete, complete == 1 ? "" : "s");
            else
                cli_error(path, "%s", ts_report_reader_errmsg(rd));
            code = EXIT_IO;
            break;
        }
        if (done) break;
        int wanted = 1;
        if (rec.type == TS_RECORD_SENTENCE) wanted = only < 0 || (long)rec.sentence.section == only;
        if (rec.type == TS_RECORD_SECTION) wanted = only < 0 || (long)rec.section.index == only;
        if (o.format == FORMAT_JSON) {
            if (wanted && (rec.type != TS_RECORD_SENTENCE || sentences)) {
                fwrite(rec.line, 1, rec.line_len, stdout);
                fputc('\n', stdout);
            }
        }
        switch (rec.type) {
        case TS_RECORD_DOCUMENT:
            free(source_copy);
            source_copy = strdup(rec.source);
            if (source_copy) source = source_copy;
            table.source = source;
            free(title_copy);
            title_copy = strdup(rec.title ? rec.title : "");
            format = rec.format;
            break;
        case TS_RECORD_SENTENCE:
            if (!wanted || !sentences) break;
            if (o.format == FORMAT_TEXT) {
                if (rec.sentence.section != last_begun) {
                    /* the title comes in the section record, after its
                     * sentences */
                    render_section_heading(stdout, &o, rec.sentence.section, NULL);
                    last_begun = rec.sentence.section;
                }
                render_sentence_text(stdout, &o, &rec.sentence);
            } else if (o.format == FORMAT_TSV) {
                render_sentence_tsv(stdout, &rec.sentence);
            }
            break;
        case TS_RECORD_SECTION:
            complete++;
            ts_stats_add(&partial, &rec.section.stats);
            if (wanted) {
                found = 1;
                if (wants_table) {
                    table_begin(&table, title_copy);
                    table_row(&table, &rec.section);
                    if (table.header_each) fputc('\n', stdout);
                }
            }
            break;
        case TS_RECORD_SUMMARY:
            have_summary = 1;
            summary = rec.document;
            free(title_copy);
            title_copy = strdup(summary.title ? summary.title : "");
            summary.title = title_copy ? title_copy : "";
            summary.top = NULL;
            summary.n_top = 0;
            break;
        }
        if (cli_output_broken()) break;
    }
    if (!have_summary) {
        /* what survived a cut, totalled from the complete sections */
        summary.stats = partial;
        summary.sections = complete;
        summary.format = format;
        summary.title = "";
    }
    if (!found && code == EXIT_OK) {
        cli_error(path, "no section %ld", only);
        code = EXIT_USAGE;
    }
    /* A file that is no report at all gets only its error message; a
     * damaged one still shows what could be read of it. */
    int nothing = code != EXIT_OK && complete == 0 && !have_summary;
    if (nothing || cli_output_broken()) {
        ; /* no table */
    } else if (wants_table && !(sentences && only >= 0 && !found)) {
        if (!have_summary) summary.title = title_copy ? title_copy : "";
        table_end(&table, &summary);
    }
    free(source_copy);
    free(title_copy);
    ts_report_reader_free(rd);
    return cli_finish_output(code);
}
