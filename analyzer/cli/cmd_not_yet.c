/* cmd_not_yet.c - commands announced in the help that this build lacks.
 * --help still answers (exit 0) so that `tonescope CMD --help` works for
 * every command listed in the main help. */
#include <string.h>

#include "cli.h"

int cmd_not_yet(const char *name, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--")) break;
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            printf("Usage: tonescope %s [OPTIONS] ...\n"
                   "This command is not available in this version yet; see "
                   "'tonescope --help'.\n", name);
            return cli_finish_output(EXIT_OK);
        }
    }
    cli_error(name, "not available in this version yet");
    return EXIT_USAGE;
}
