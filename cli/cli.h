/* cli: the sitrep command. main.c dispatches on a table of subcommands; each lives in
 * cmd_<name>.c and uses only the public API (include/sitrep.h). */
#ifndef SR_CLI_H
#define SR_CLI_H
#include "sitrep.h"
#include <stdio.h>
#include <stddef.h>

/* exit statuses, for every subcommand */
enum { EXIT_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

int cmd_code(int argc, char **argv);
int cmd_eval(int argc, char **argv);

/* Reads a whole file ("-" = stdin) into a malloc'd buffer. Returns 0, or -1 with a message
 * (file name and reason) in err. */
int cli_read_file(const char *path, char **out, size_t *len, char *err, size_t errcap);
#endif
