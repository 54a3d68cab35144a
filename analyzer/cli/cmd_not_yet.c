/* cmd_not_yet.c - commands announced in the help that this build lacks. */
#include "cli.h"

int cmd_not_yet(const char *name, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error(name, "not available in this version yet");
    return EXIT_USAGE;
}
