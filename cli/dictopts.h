/* dictopts: the options that choose the dictionaries, shared by `sitrep code` and `sitrep
 * compile`: --data, --gen, another coder's files (--dict-format, --verbs, --actors, --agents,
 * --discards, --options), --set NAME=VALUE and --dict-image. A command splices
 * DICTOPTS_LONG into its getopt_long table, hands every option to dictopts_take, and opens
 * the engine with dictopts_open. */
#ifndef SR_DICTOPTS_H
#define SR_DICTOPTS_H
#include "cli.h"
#include <getopt.h>
#include <stdbool.h>

/* the file options of --dict-format, a row each in dictopts.c's COMPAT_FILES */
enum { CF_VERBS, CF_ACTORS, CF_AGENTS, CF_DISCARDS, CF_OPTIONS, CF_N };
/* getopt values: OPT_FILE + a CF_ row, and the others (clear of every short option) */
enum { OPT_FILE = 0x100, OPT_DATA = 0x120, OPT_GEN, OPT_FORMAT, OPT_SET, OPT_IMAGE };

#define DICTOPTS_LONG \
    {"data", required_argument, 0, OPT_DATA}, {"gen", required_argument, 0, OPT_GEN}, \
    {"dict-format", required_argument, 0, OPT_FORMAT}, {"verbs", required_argument, 0, OPT_FILE + CF_VERBS}, \
    {"actors", required_argument, 0, OPT_FILE + CF_ACTORS}, {"agents", required_argument, 0, OPT_FILE + CF_AGENTS}, \
    {"discards", required_argument, 0, OPT_FILE + CF_DISCARDS}, {"options", required_argument, 0, OPT_FILE + CF_OPTIONS}, \
    {"set", required_argument, 0, OPT_SET}, {"dict-image", required_argument, 0, OPT_IMAGE}

enum { DICTOPTS_MAX_SETS = 16 };

typedef struct dictopts {
    const char *cmd;          /* "sitrep code", for messages */
    const char *data, *gen, *format, *image;
    const char *file[CF_N];   /* given file per row of COMPAT_FILES (actors: the last --actors) */
    char **actors;            /* every --actors piece, NULL-terminated */
    size_t nactors;
    const char *sets[DICTOPTS_MAX_SETS];
    size_t nsets;
} dictopts;

/* Takes option c (a getopt_long value) with its argument. Returns 1 when c is one of these
 * options, 0 when it is not (the command's own), -1 on a bad argument (said on stderr). */
int  dictopts_take(dictopts *o, int c, const char *arg);
/* Checks the options together: every file option belongs to the format given, the format is
 * one sitrep reads, --dict-image comes alone. 0, or -1 with the reason on stderr. */
int  dictopts_check(const dictopts *o);
/* Opens the engine the options name (an image, another coder's dictionaries, or sitrep's
 * own) and applies each --set. Returns 0, or EXIT_USAGE with the reason on stderr. */
int  dictopts_open(const dictopts *o, sr_engine **out);
/* Frees the --actors list; after sr_engine_free, since the API does not say it copies. */
void dictopts_free(dictopts *o);
#endif
