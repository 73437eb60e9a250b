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
int cmd_compile(int argc, char **argv);

/* One article from a JSON line {"id","date","title","url","text"} (jsonl.c). Strings are
 * malloc'd and freed by jsonl_free; absent fields are NULL; an integer id is kept as text.
 * Returns 0; -1 for a line that is not JSON; -2 for JSON of the wrong shape or types (no
 * "text" string, a non-string field). err gets the reason either way. */
typedef struct jsonl_article { char *id, *date, *title, *url, *text; size_t text_len; } jsonl_article;
int  jsonl_parse(const char *s, size_t n, jsonl_article *a, char *err, size_t cap);
void jsonl_free(jsonl_article *a);

/* Reads a whole file ("-" = stdin) into a malloc'd buffer. Returns 0, or -1 with a message
 * (file name and reason) in err. */
int cli_read_file(const char *path, char **out, size_t *len, char *err, size_t errcap);
#endif
