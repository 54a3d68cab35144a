/* cli.h - what the subcommands of the tonescope CLI share.
 *
 * The CLI uses only the public header tonescope.h.  Each subcommand lives
 * in its own file as `int cmd_NAME(int argc, char **argv)` returning an
 * exit code. */
#ifndef TS_CLI_H
#define TS_CLI_H

#include <pthread.h>
#include <stdio.h>

#include "tonescope.h"

/* Exit codes: documented in the README and in `tonescope --help`. */
enum ts_exit {
    EXIT_OK = 0,        /* success */
    EXIT_GATE = 1,      /* a quality gate failed (--min-tone, --fail-if-worse) */
    EXIT_USAGE = 2,     /* bad command line */
    EXIT_IO = 3,        /* a file could not be read or written */
    EXIT_LEXICON = 4    /* a lexicon file is bad */
};

typedef enum out_format { FORMAT_TEXT, FORMAT_JSON, FORMAT_TSV } out_format;

/* Options every analysing subcommand understands. */
typedef struct common_opts {
    out_format format;
    int color;                 /* resolved: 1 = use ANSI colours */
    int color_mode;            /* 0 auto, 1 always, 2 never */
    int quiet;
    const char *lexicon_dir;
    const char *growth_file;
    const char *negativity_file;
    const char *modifiers_file;
    ts_input_format input_format;
} common_opts;

extern const char *ts_prog;

/* Error reporting: "tonescope: WHAT: reason" on stderr. */
void cli_error(const char *what, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void cli_warn(const char *what, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "tonescope: usage error" plus a hint to --help; returns EXIT_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Long options shared by the analysing commands, and their handling.
 * cli_common_option returns 1 if it consumed the option, 0 if not, and
 * -1 after reporting a bad value. */
#define COMMON_OPTION_IDS 1000
enum {
    OPT_FORMAT = COMMON_OPTION_IDS,
    OPT_COLOR,
    OPT_LEXICON_DIR,
    OPT_GROWTH,
    OPT_NEGATIVITY,
    OPT_MODIFIERS,
    OPT_INPUT_FORMAT,
    OPT_FIRST_LOCAL             /* subcommands number theirs from here */
};
#define COMMON_LONG_OPTIONS                                              \
    {"format", required_argument, NULL, OPT_FORMAT},                     \
    {"color", required_argument, NULL, OPT_COLOR},                       \
    {"colour", required_argument, NULL, OPT_COLOR},                      \
    {"lexicon-dir", required_argument, NULL, OPT_LEXICON_DIR},           \
    {"growth", required_argument, NULL, OPT_GROWTH},                     \
    {"negativity", required_argument, NULL, OPT_NEGATIVITY},             \
    {"modifiers", required_argument, NULL, OPT_MODIFIERS},               \
    {"input-format", required_argument, NULL, OPT_INPUT_FORMAT},         \
    {"quiet", no_argument, NULL, 'q'},                                   \
    {"help", no_argument, NULL, 'h'}

#define COMMON_HELP                                                        \
    "  -f, --format text|json|tsv   output format (default text)\n"        \
    "      --color auto|always|never  colour on a terminal (NO_COLOR is\n"  \
    "                               honoured)\n"                            \
    "      --input-format auto|text|markdown|html  input format (default:\n" \
    "                               by extension, sniffed on stdin)\n"      \
    "      --lexicon-dir DIR        use DIR/{growth,negativity,modifiers}.tsv\n" \
    "      --growth FILE, --negativity FILE, --modifiers FILE\n"           \
    "                               replace one lexicon\n"                  \
    "  -q, --quiet                  no warnings or progress\n"              \
    "  -h, --help                   this help\n"

/* Makes getopt's own messages read "tonescope CMD: unrecognized option"
 * by naming argv[0] so. */
void cli_getopt_name(char **argv, const char *cmd);
/* After getopt reported a bad option: the --help hint; returns EXIT_USAGE. */
int cli_bad_option(const char *cmd);

/* Parses argv for a command (or an action of one) that takes only the
 * common options: sets optind past them.  Returns -1 to go on, or the exit
 * code to return now (after --help, or a usage error it reported). */
int cli_parse_common(int argc, char **argv, const char *optstring,
                     const char *cmd, const char *usage, common_opts *o);

void common_init(common_opts *o);
int cli_common_option(common_opts *o, int opt, const char *arg, const char *cmd);
/* Decides colour once the output stream is known. */
void common_finish(common_opts *o, FILE *out);

/* Loads the lexicons the options ask for; NULL after reporting (exit code
 * in *exit_code). */
ts_lexicon *cli_load_lexicon(const common_opts *o, int *exit_code);

/* Loads the lexicons and opens path for one article.  Returns -1 when
 * both worked (*lex and *fd set), else the exit code, after reporting,
 * with nothing left open. */
int cli_prepare_article(const common_opts *o, const char *path,
                        ts_lexicon **lex, int *fd);

/* Opens an input for reading ("-" is stdin) and checks it is a regular
 * file or a pipe; -1 after reporting. */
int cli_open_input(const char *path);

/* Reads fd to its end and feeds the analyzer.  Returns 0 when the input
 * was read (*st: the analyzer's status, TS_OK or its failure), an errno
 * value when reading failed, or CLI_UTF16 for UTF-16 input, which is
 * refused; cli_report_input_error() says so. */
#define CLI_UTF16 (-1)
int cli_feed_input(ts_analyzer *a, int fd, ts_status *st);
void cli_report_input_error(const char *source, int err);
/* Warnings about a finished document (invalid UTF-8, cut sentences),
 * unless -q. */
void cli_warn_document(const common_opts *o, const char *source,
                       const ts_document *d);

/* The input format for path: the option, else the extension, else AUTO. */
ts_input_format cli_input_format(const common_opts *o, const char *path);

/* Flushes stdout; a closed pipe is not an error (returns EXIT_OK). */
int cli_finish_output(int code);

/* pthread_cond_wait for at most ms milliseconds (for loops that must also
 * notice what a signal handler set, which cannot wake them). */
void cli_cond_wait_ms(pthread_cond_t *cv, pthread_mutex_t *m, long ms);
/* Whether stdout can no longer be written (a closed pipe, a full disk). */
int cli_output_broken(void);
/* Whether stdout failed because its reader went away (EPIPE). */
int cli_stdout_closed(void);

/* ANSI colours when enabled, "" otherwise. */
const char *c_on(const common_opts *o, const char *code);
const char *c_off(const common_opts *o);
#define C_GREEN "32"
#define C_RED "31"
#define C_BOLD "1"
#define C_DIM "2"
#define C_YELLOW "33"

/* Subcommands. */
int cmd_analyze(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_split(int argc, char **argv);
int cmd_lexicon(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_eval(int argc, char **argv);

#endif
