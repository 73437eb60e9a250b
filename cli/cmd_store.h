/* cmd_store: the store's subcommands (ingest, query, events, export) and what they share:
 * the database option and the filters of query and export (store_cli.c). They use only the
 * public headers sitrep.h and sitrep_store.h. */
#ifndef SR_CMD_STORE_H
#define SR_CMD_STORE_H
#include "cli.h"
#include "sitrep_store.h"
#include <getopt.h>

int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_export(int argc, char **argv);

/* --db PATH, else $SITREP_DB, else ./sitrep.db */
const char *store_cli_db(const char *given);

/* What query and export read from their command line. */
typedef struct store_cli_args {
    sr_filter filter;
    const char *db;        /* NULL: store_cli_db's default */
    const char *format;    /* as given, else the default */
} store_cli_args;

/* Parses `sitrep CMD [--db PATH] [--format FMT] [FILTERS]` into a: the filters, --db,
 * --format (one of formats, a NULL-ended list whose first member is the default) and
 * --help (help_head, the filters' help, help_tail on stdout). Returns -1 to go on, else
 * the exit status to return at once: EXIT_OK after --help, EXIT_USAGE after printing why. */
int store_cli_args_parse(int argc, char **argv, const char *cmd, const char *const *formats, const char *help_head,
                         const char *help_tail, store_cli_args *a);

/* A place for people: "Batken, KG-B, KGZ"; the country alone when the place is the
 * country (precision "country", or a name that is the code); "-" when nothing is known.
 * Writes at most cap bytes to out. */
void store_cli_place(const char *name, const char *admin1, const char *country, const char *precision, char *out,
                     size_t cap);

/* Opens the store (must_exist: refuse to create one), printing the error and returning NULL
 * when it cannot be. */
sr_store *store_cli_open(const char *path, bool must_exist, const char *cmd);
#endif
