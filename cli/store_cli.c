/* store_cli: what the store's subcommands share (see cmd_store.h). */
#include "cmd_store.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *store_cli_db(const char *given)
{
    if (given) return given;
    const char *env = getenv("SITREP_DB");
    return env && *env ? env : "sitrep.db";
}

/* a row per filter option: its name and its getopt value STORE_OPT_BASE + row */
const struct option STORE_FILTER_OPTIONS[STORE_OPT_N] = {
    { "actor", required_argument, 0, STORE_OPT_BASE + 0 }, { "root", required_argument, 0, STORE_OPT_BASE + 1 },
    { "since", required_argument, 0, STORE_OPT_BASE + 2 }, { "until", required_argument, 0, STORE_OPT_BASE + 3 },
    { "place", required_argument, 0, STORE_OPT_BASE + 4 }, { "min-killed", required_argument, 0, STORE_OPT_BASE + 5 },
    { "text", required_argument, 0, STORE_OPT_BASE + 6 }, { "cluster", required_argument, 0, STORE_OPT_BASE + 7 },
};

const char STORE_FILTER_HELP[] =
"filters (all given must hold; each selects merged events, not single reports):\n"
"  --actor CODE           an actor code or its prefix, as source or target of any report\n"
"                         (AZE matches AZE, AZEMIL, AZEGOV)\n"
"  --root RR              CAMEO root, two digits (19 fight, 02 appeal, 14 protest)\n"
"  --since YYYY-MM-DD     the event's date on or after this day\n"
"  --until YYYY-MM-DD     the event's date on or before this day\n"
"  --place NAME           a place name, admin1 or ISO 3166 alpha-3 country code of any report\n"
"                         (case does not matter)\n"
"  --min-killed N         the best fatality figure (the median of the reports) at least N\n"
"  --text QUERY           full-text search over the evidence sentences (SQLite FTS5 syntax:\n"
"                         words all present, \"a phrase\", OR, NOT, prefix*)\n"
"  --cluster ID           one merged event\n";

static int number(const char *arg, long *v, const char *cmd, const char *opt)
{
    char *end;
    long x = strtol(arg, &end, 10);
    if (!*arg || *end || x < 0) {
        fprintf(stderr, "sitrep %s: %s takes a number from 0 up, not '%s'\n", cmd, opt, arg);
        return -1;
    }
    *v = x;
    return 0;
}

int store_cli_filter(int c, const char *arg, sr_filter *f, const char *cmd)
{
    long v;
    switch (c - STORE_OPT_BASE) {
    case 0: f->actor = arg; return 0;
    case 1: f->root = arg; return 0;
    case 2: f->since = arg; return 0;
    case 3: f->until = arg; return 0;
    case 4: f->place = arg; return 0;
    case 5: if (number(arg, &v, cmd, "--min-killed")) return -1; f->min_killed = v; return 0;
    case 6: f->text = arg; return 0;
    case 7: if (number(arg, &v, cmd, "--cluster") || v == 0) { if (v == 0) fprintf(stderr, "sitrep %s: --cluster takes an id from 1\n", cmd); return -1; }
            f->cluster = v; return 0;
    default: return -1;
    }
}

sr_store *store_cli_open(const char *path, bool must_exist, const char *cmd)
{
    sr_store *s;
    if (must_exist && access(path, F_OK)) {
        fprintf(stderr, "sitrep %s: no database at %s (make one with sitrep ingest, or give --db)\n", cmd, path);
        return NULL;
    }
    sr_error err = {0};
    if (sr_store_open(&s, path, &err)) {
        fprintf(stderr, "sitrep %s: %s\n", cmd, err.message);
        return NULL;
    }
    return s;
}
