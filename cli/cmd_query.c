/* cmd_query: `sitrep query`, the merged events of the store that match filters, as a
 * table, JSON lines or CSV. */
#include "cmd_store.h"
#include <stdlib.h>
#include <string.h>

static const char HELP_HEAD[] =
"usage: sitrep query [OPTIONS] [FILTERS]\n"
"\n"
"Lists the merged events in the store (reports of one real-world event from any number of\n"
"articles and outlets; docs/STORE.md) that match every filter given, by date.\n"
"\n"
"options:\n"
"  --db PATH              the database (default: $SITREP_DB, else ./sitrep.db)\n"
"  --format FMT           table (default): one line per event, for people;\n"
"                         jsonl: one JSON object per event; csv: a header, then a row per\n"
"                         event (the columns of `sitrep export --format csv`)\n"
"  -h, --help             this text\n"
"\n";
static const char HELP_TAIL[] =
"\n"
"table columns: ID (for `sitrep events show`), DATE, CAMEO code, SOURCE and TARGET codes,\n"
"PLACE (name, admin1, country), KILLED as low/best/high when reports give figures, M/S/A = mentions (reports),\n"
"sources (outlets) and articles, and the first report's evidence.\n"
"\n"
"exit status: 0 success (also when nothing matches); 2 usage error or a database that\n"
"cannot be read.\n";

/* prints at most w display columns of s (UTF-8), padded to w */
static void cell(const char *s, int w)
{
    int used = 0;
    const unsigned char *p = (const unsigned char *)(s ? s : "-");
    while (*p && used < w) {
        int k = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
        if (used == w - 1 && p[k]) { fputs("…", stdout); used++; break; }
        for (int i = 0; i < k && p[i]; i++) fputc(p[i], stdout);
        p += k;
        used++;
    }
    for (; used < w; used++) fputc(' ', stdout);
    fputc(' ', stdout);
}

typedef struct qctx { const char *format; size_t n; } qctx;

static int row(void *ctx, const sr_cluster *c)
{
    qctx *q = ctx;
    q->n++;
    if (!strcmp(q->format, "jsonl")) { int k = sr_export_cluster_json(c, stdout); putchar('\n'); return k; }
    if (!strcmp(q->format, "csv")) return sr_export_cluster_csv(c, stdout);
    char id[24], killed[64] = "-", counts[48], place[200];
    snprintf(id, sizeof id, "%lld", (long long)c->id);
    if (c->killed_best >= 0) {
        if (c->killed_low == c->killed_high) snprintf(killed, sizeof killed, "%ld", c->killed_best);
        else snprintf(killed, sizeof killed, "%ld/%ld/%ld", c->killed_low, c->killed_best, c->killed_high);
    }
    snprintf(counts, sizeof counts, "%d/%d/%d", c->mentions, c->sources, c->articles);
    store_cli_place(c->place, c->admin1, c->country, c->place_precision, place, sizeof place);
    cell(id, 5); cell(c->date, 10); cell(c->cameo, 5); cell(c->source, 8); cell(c->target, 8); cell(place, 22);
    cell(killed, 11); cell(counts, 8);
    printf("%s\n", c->sentence ? c->sentence : "");
    return ferror(stdout) ? SR_EIO : 0;
}

int cmd_query(int argc, char **argv)
{
    static const char *const FORMATS[] = { "table", "jsonl", "csv", NULL };
    store_cli_args a;
    int rc = store_cli_args_parse(argc, argv, "query", FORMATS, HELP_HEAD, HELP_TAIL, &a);
    if (rc >= 0) return rc;
    sr_store *s = store_cli_open(store_cli_db(a.db), true, "query");
    if (!s) return EXIT_USAGE;
    if (!strcmp(a.format, "csv")) sr_export_csv_header(stdout);
    if (!strcmp(a.format, "table"))
        printf("%-5s %-10s %-5s %-8s %-8s %-22s %-11s %-8s %s\n", "ID", "DATE", "CAMEO", "SOURCE", "TARGET", "PLACE",
               "KILLED", "M/S/A", "EVIDENCE (first report)");
    qctx q = { a.format, 0 };
    sr_error err = {0};
    int k = sr_store_query(s, &a.filter, row, &q, &err);
    sr_store_free(s);
    if (k == SR_EIO || fflush(stdout)) { fputs("sitrep query: cannot write output\n", stderr); return EXIT_SOME_FAILED; }
    if (k) { fprintf(stderr, "sitrep query: %s\n", err.message); return EXIT_USAGE; }
    return EXIT_OK;
}
