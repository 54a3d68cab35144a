/* cmd_batch.c - `tonescope batch`. */
#include "cli.h"

int cmd_batch(int argc, char **argv)
{
    return cmd_not_yet("batch", argc, argv);
}
