/* cmd_merge.c - `tonescope merge`. */
#include "cli.h"

int cmd_merge(int argc, char **argv)
{
    return cmd_not_yet("merge", argc, argv);
}
