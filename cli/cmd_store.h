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

/* The filter options of query and export, as getopt_long rows (values from STORE_OPT_BASE)
 * and their text for --help. */
enum { STORE_OPT_BASE = 0x200, STORE_OPT_N = 8 };
extern const struct option STORE_FILTER_OPTIONS[STORE_OPT_N];
extern const char STORE_FILTER_HELP[];

/* Applies getopt value c (one of STORE_FILTER_OPTIONS) with arg to f. Returns 0, or -1
 * after printing why on stderr. */
int store_cli_filter(int c, const char *arg, sr_filter *f, const char *cmd);

/* Opens the store (must_exist: refuse to create one), printing the error and returning NULL
 * when it cannot be. */
sr_store *store_cli_open(const char *path, bool must_exist, const char *cmd);
#endif
