/* cmd_export: `sitrep export`, the store's merged events in another format (GDELT, ACLED,
 * PLOVER, CSV) or the store itself as JSON lines, which `sitrep ingest` reads back. */
#include "cmd_store.h"
#include <errno.h>
#include <string.h>

static const char HELP_HEAD[] =
"usage: sitrep export --format FMT [OPTIONS] [FILTERS]\n"
"\n"
"Writes the merged events of the store that match the filters to standard output (the\n"
"column mappings are in docs/STORE.md):\n"
"  gdelt    the GDELT 2.0 event table: 61 tab-separated columns, no header; an event a row\n"
"           with NumMentions, NumSources, NumArticles; ActionGeo from the place\n"
"  acled    ACLED-like CSV: event_date, event_type and sub_event_type mapped from CAMEO,\n"
"           actor1, actor2, country, admin1, location, latitude, longitude, source, notes,\n"
"           fatalities (the best figure); events that ACLED does not record are left out\n"
"  plover   PLOVER JSON, one event a line: event_type, actor, recipient, location,\n"
"           magnitude (dead as low/best/high); 01x statements (no PLOVER type) left out\n"
"  csv      sitrep's own columns, a header first\n"
"  jsonl    the store itself: one article a line with its records as `sitrep code` writes\n"
"           them (and the merged event each is in); `sitrep ingest` reads it back to the\n"
"           same events\n"
"\n"
"options:\n"
"  --format FMT           gdelt, acled, plover, csv or jsonl (default jsonl)\n"
"  --db PATH              the database (default: $SITREP_DB, else ./sitrep.db)\n"
"  -h, --help             this text\n"
"\n";
static const char HELP_TAIL[] =
"\n"
"exit status: 0 success; 1 the output could not be written (a full disk); 2 usage error or\n"
"a database that cannot be read.\n";

int cmd_export(int argc, char **argv)
{
    struct option all[STORE_OPT_N + 4];
    memcpy(all, STORE_FILTER_OPTIONS, sizeof STORE_FILTER_OPTIONS);
    all[STORE_OPT_N] = (struct option){ "db", required_argument, 0, 'b' };
    all[STORE_OPT_N + 1] = (struct option){ "format", required_argument, 0, 'f' };
    all[STORE_OPT_N + 2] = (struct option){ "help", no_argument, 0, 'h' };
    all[STORE_OPT_N + 3] = (struct option){ 0, 0, 0, 0 };
    sr_filter f = { .min_killed = -1 };
    const char *db = NULL, *format = "jsonl";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", all, NULL)) != -1) {
        if (c == 'h') { fputs(HELP_HEAD, stdout); fputs(STORE_FILTER_HELP, stdout); fputs(HELP_TAIL, stdout); return EXIT_OK; }
        if (c == 'b') { db = optarg; continue; }
        if (c == 'f') { format = optarg; continue; }
        if (c >= STORE_OPT_BASE && !store_cli_filter(c, optarg, &f, "export")) continue;
        fputs("try 'sitrep export --help'\n", stderr);
        return EXIT_USAGE;
    }
    if (optind < argc) { fprintf(stderr, "sitrep export: unexpected argument '%s'\ntry 'sitrep export --help'\n", argv[optind]); return EXIT_USAGE; }
    static const char *const FORMATS[] = { "gdelt", "acled", "plover", "csv", "jsonl" };
    bool known = false;
    for (size_t i = 0; i < sizeof FORMATS / sizeof *FORMATS; i++) known |= !strcmp(format, FORMATS[i]);
    if (!known) {
        fprintf(stderr, "sitrep export: unknown --format '%s' (expected gdelt, acled, plover, csv or jsonl)\n", format);
        return EXIT_USAGE;
    }
    sr_store *s = store_cli_open(store_cli_db(db), true, "export");
    if (!s) return EXIT_USAGE;
    sr_error err = {0};
    errno = 0;
    int k = sr_export(s, &f, format, stdout, &err);
    sr_store_free(s);
    if (k == SR_EIO) { fprintf(stderr, "sitrep export: cannot write output: %s\n", strerror(errno ? errno : EIO)); return EXIT_SOME_FAILED; }
    if (k) { fprintf(stderr, "sitrep export: %s\n", err.message); return EXIT_USAGE; }
    return EXIT_OK;
}
