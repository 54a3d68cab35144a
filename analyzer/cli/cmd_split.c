/* cmd_split.c - `tonescope split [FILE|-]`: the segmentation itself, so a
 * user can see which sentences and sections the scores are made of. */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "render.h"

static const char usage[] =
    "Usage: tonescope split [OPTIONS] [FILE|-]\n"
    "Print the sentences of an article, one a line, by section.\n\n"
    "  text: a line '== N: TITLE' opens each section, then its sentences\n"
    "  tsv:  section, line and text of each sentence\n"
    "  json: one {\"type\":\"sentence\",\"section\":N,\"line\":L,\"text\":...}\n"
    "        a line\n\n"
    COMMON_HELP;

typedef struct split_run {
    common_opts *o;
    int oom;
} split_run;

static int on_begin(void *ctx, size_t index, const char *title, int level,
                    unsigned long line)
{
    split_run *r = ctx;
    (void)level;
    (void)line;
    if (r->o->format == FORMAT_TEXT) render_section_heading(stdout, r->o, index, title);
    return cli_output_broken();
}

static int on_sentence(void *ctx, const ts_sentence *s)
{
    split_run *r = ctx;
    if (r->o->format == FORMAT_TEXT) {
        fwrite(s->text, 1, s->text_len, stdout);
        fputc('\n', stdout);
    } else if (r->o->format == FORMAT_TSV) {
        fprintf(stdout, "%zu\t%lu\t", s->section, s->line);
        put_tsv_field(stdout, s->text);
        fputc('\n', stdout);
    } else {
        ts_string b = {0};
        int bad = ts_json_string(&b, s->text, s->text_len) != TS_OK;
        if (!bad)
            printf("{\"type\":\"sentence\",\"section\":%zu,\"line\":%lu,\"text\":%s}\n",
                   s->section, s->line, b.data);
        ts_string_free(&b);
        if (bad) r->oom = 1;
    }
    return r->oom || cli_output_broken();
}

int cmd_split(int argc, char **argv)
{
    common_opts o;
    common_init(&o);
    int rc = cli_parse_common(argc, argv, "f:qh", "split", usage, &o);
    if (rc >= 0) return rc;
    if (argc - optind > 1) return cli_usage("split ", "one FILE at a time");
    const char *path = optind < argc ? argv[optind] : "-";
    common_finish(&o, stdout);
    int code = EXIT_OK;
    ts_lexicon *lex;
    int fd;
    int early = cli_prepare_article(&o, path, &lex, &fd);
    if (early >= 0) return early;
    split_run r = {&o, 0};
    ts_options opt;
    ts_options_init(&opt);
    opt.format = cli_input_format(&o, path);
    ts_callbacks cb = {on_begin, on_sentence, NULL, &r};
    ts_error err;
    ts_analyzer *a = ts_analyzer_new(lex, &opt, &cb, &err);
    if (!a) {
        cli_error(NULL, "%s", err.message);
        code = EXIT_IO;
    } else {
        if (o.format == FORMAT_TSV) fputs("section\tline\ttext\n", stdout);
        const char *source = strcmp(path, "-") ? path : "(stdin)";
        ts_status st;
        int input_err = cli_feed_input(a, fd, &st);
        if (!input_err && st == TS_OK) st = ts_analyzer_finish(a);
        if (input_err) {
            cli_report_input_error(source, input_err);
            code = EXIT_IO;
        } else if (st != TS_OK && (r.oom || !cli_output_broken())) {
            cli_error(source, "%s", r.oom ? "out of memory" : ts_analyzer_errmsg(a));
            code = EXIT_IO;
        } else if (st == TS_OK) {
            cli_warn_document(&o, source, ts_analyzer_document(a));
        }
        ts_analyzer_free(a);
    }
    if (fd != STDIN_FILENO) close(fd);
    ts_lexicon_free(lex);
    return cli_finish_output(code);
}
