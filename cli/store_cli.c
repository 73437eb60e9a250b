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

/* The filter options of query and export: a row per option, its getopt value
 * OPT_FILTER + row; store_cli_filter applies them by row. */
enum { OPT_DB = 'b', OPT_FORMAT = 'f', OPT_HELP = 'h', OPT_FILTER = 0x200, NFILTERS = 8 };
static const struct option OPTIONS[] = {
    { "actor", required_argument, 0, OPT_FILTER + 0 }, { "root", required_argument, 0, OPT_FILTER + 1 },
    { "since", required_argument, 0, OPT_FILTER + 2 }, { "until", required_argument, 0, OPT_FILTER + 3 },
    { "place", required_argument, 0, OPT_FILTER + 4 }, { "min-killed", required_argument, 0, OPT_FILTER + 5 },
    { "text", required_argument, 0, OPT_FILTER + 6 }, { "cluster", required_argument, 0, OPT_FILTER + 7 },
    { "db", required_argument, 0, OPT_DB }, { "format", required_argument, 0, OPT_FORMAT },
    { "help", no_argument, 0, OPT_HELP }, { 0, 0, 0, 0 },
};

static const char FILTER_HELP[] =
"filters (all given must hold; each selects merged events, not single reports):\n"
"  --actor CODE           an actor code or its prefix, as source or target of any report\n"
"                         (AZE matches AZE, AZEMIL, AZEGOV)\n"
"  --root RR              CAMEO root, two digits (19 fight, 02 appeal, 14 protest)\n"
"  --since YYYY-MM-DD     the event's date on or after this day\n"
"  --until YYYY-MM-DD     the event's date on or before this day\n"
"  --place NAME           a place name, its admin1 (name or ISO 3166-2 code) or the ISO\n"
"                         3166 alpha-3 country code of any report (case does not matter)\n"
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

/* applies filter row i with arg to f: 0, or -1 after printing why */
static int store_cli_filter(int i, const char *arg, sr_filter *f, const char *cmd)
{
    long v;
    switch (i) {
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

int store_cli_args_parse(int argc, char **argv, const char *cmd, const char *const *formats, const char *help_head,
                         const char *help_tail, store_cli_args *a)
{
    memset(a, 0, sizeof *a);
    a->filter.min_killed = -1;
    a->format = formats[0];
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", OPTIONS, NULL)) != -1) {
        if (c == OPT_HELP) { fputs(help_head, stdout); fputs(FILTER_HELP, stdout); fputs(help_tail, stdout); return EXIT_OK; }
        if (c == OPT_DB) { a->db = optarg; continue; }
        if (c == OPT_FORMAT) { a->format = optarg; continue; }
        if (c >= OPT_FILTER && c < OPT_FILTER + NFILTERS && !store_cli_filter(c - OPT_FILTER, optarg, &a->filter, cmd)) continue;
        fprintf(stderr, "try 'sitrep %s --help'\n", cmd);
        return EXIT_USAGE;
    }
    if (optind < argc) {
        fprintf(stderr, "sitrep %s: unexpected argument '%s'\ntry 'sitrep %s --help'\n", cmd, argv[optind], cmd);
        return EXIT_USAGE;
    }
    for (size_t i = 0; formats[i]; i++)
        if (!strcmp(a->format, formats[i])) return -1;
    fprintf(stderr, "sitrep %s: unknown --format '%s' (expected", cmd, a->format);
    for (size_t i = 0; formats[i]; i++) fprintf(stderr, "%s%s", i ? (formats[i + 1] ? ", " : " or ") : " ", formats[i]);
    fputs(")\n", stderr);
    return EXIT_USAGE;
}

void store_cli_place(const char *name, const char *admin1, const char *country, const char *precision, char *out,
                     size_t cap)
{
    /* the country itself: its code says it */
    if (name && country && (!strcmp(name, country) || (precision && !strcmp(precision, "country")))) name = NULL;
    snprintf(out, cap, "%s%s%s%s%s", name ? name : "", name && admin1 ? ", " : "", name && admin1 ? admin1 : "",
             name && country ? ", " : "", country ? country : name ? "" : "-");
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
