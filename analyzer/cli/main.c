/* main.c - the tonescope command: a dispatcher to one file per subcommand. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "Usage: tonescope COMMAND [OPTIONS] [ARGS]\n"
    "Rate the tone of articles: growth-mindset language and negativity.\n\n"
    "Commands:\n"
    "  analyze [FILE|-]          one article: a table of its sections\n"
    "  show REPORT.tone.gz       read a report back\n"
    "  split [FILE|-]            the segmentation: one sentence a line\n"
    "  lexicon check|explain|stats  inspect the lexicons\n"
    "  batch DIR|FILE...         a corpus, on every core\n"
    "  compare OLD NEW           two drafts: what moved the tone\n"
    "  merge SUMMARY...          combine batch summaries exactly\n"
    "  eval LABELLED.tsv         accuracy of the lexicons\n\n"
    "Run 'tonescope COMMAND --help' for a command's options.\n"
    "  -h, --help      this help\n"
    "  -V, --version   version of the tool and its lexicons\n\n"
    "Exit status: 0 ok, 1 a gate failed (--min-tone, --fail-if-worse),\n"
    "2 usage error, 3 input/output error, 4 bad lexicon.\n";

static int version(void)
{
    printf("tonescope %s\n", TS_VERSION);
    ts_error err;
    ts_lexicon *lex = ts_lexicon_new_builtin(&err);
    if (lex) {
        for (int k = 0; k < 3; k++)
            printf("lexicon %s\n", ts_lexicon_version(lex, k));
        ts_lexicon_free(lex);
    }
    return cli_finish_output(EXIT_OK);
}

int main(int argc, char **argv)
{
    /* A closed pipe shows up as a write error, handled quietly. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage, stdout);
        return cli_finish_output(EXIT_OK);
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) return version();
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {{"analyze", cmd_analyze},
                    {"analyse", cmd_analyze},
                    {"show", cmd_show},
                    {"split", cmd_split},
                    {"lexicon", cmd_lexicon},
                    {"batch", cmd_batch},
                    {"merge", cmd_merge},
                    {"compare", cmd_compare},
                    {"eval", cmd_eval}};
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(cmd, commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    return cli_usage(NULL, "unknown command '%s'", cmd);
}
