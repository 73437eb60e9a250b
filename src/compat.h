/* compat: readers for the dictionaries of the coders before sitrep, TABARI and PETRARCH-2,
 * so that users can code with dictionaries they maintain in those formats and sitrep can be
 * scored on those coders' own validation suites. Entries become ordinary dict entries:
 * actors and agents as stem phrases, verbs as patterns with words before and after the
 * verb and source/target slots. */
#ifndef SR_COMPAT_H
#define SR_COMPAT_H
#include "dict.h"

/* Each loader reads one file into d (which must have been dict_init'ed with the CAMEO
 * table and irregular verbs loaded, and d->compat set). Errors name file and line. */
int compat_load_actors(dict *d, const char *path, sr_error *err);
int compat_load_agents(dict *d, const char *path, sr_error *err);
int compat_load_discards(dict *d, const char *path, sr_error *err);
int compat_load_verbs(dict *d, const char *path, sr_error *err);
/* Sets one of the options TABARI and PETRARCH-2 configurations change, by the name they
 * give it (sr_engine_set_option documents them). 0, or SR_EUSAGE naming the known ones. */
int compat_set_option(dict *d, const char *name, const char *value, sr_error *err);
/* Reads a TABARI .options file: "CMD: value" lines; the commands sitrep applies take effect,
 * the others are ignored. */
int compat_load_options(dict *d, const char *path, sr_error *err);
#endif
