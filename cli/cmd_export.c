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
    /* jsonl first: the default */
    static const char *const FORMATS[] = { "jsonl", "gdelt", "acled", "plover", "csv", NULL };
    store_cli_args a;
    int rc = store_cli_args_parse(argc, argv, "export", FORMATS, HELP_HEAD, HELP_TAIL, &a);
    if (rc >= 0) return rc;
    sr_store *s = store_cli_open(store_cli_db(a.db), true, "export");
    if (!s) return EXIT_USAGE;
    sr_error err = {0};
    errno = 0;
    int k = sr_export(s, &a.filter, a.format, stdout, &err);
    sr_store_free(s);
    if (k == SR_EIO) { fprintf(stderr, "sitrep export: cannot write output: %s\n", strerror(errno ? errno : EIO)); return EXIT_SOME_FAILED; }
    if (k) { fprintf(stderr, "sitrep export: %s\n", err.message); return EXIT_USAGE; }
    return EXIT_OK;
}
