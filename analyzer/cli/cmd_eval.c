/* cmd_eval.c - `tonescope eval`. */
#include "cli.h"

int cmd_eval(int argc, char **argv)
{
    return cmd_not_yet("eval", argc, argv);
}
