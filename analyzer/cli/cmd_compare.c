/* cmd_compare.c - `tonescope compare`. */
#include "cli.h"

int cmd_compare(int argc, char **argv)
{
    return cmd_not_yet("compare", argc, argv);
}
