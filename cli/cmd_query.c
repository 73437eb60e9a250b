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
"PLACE, KILLED as low/best/high when reports give figures, M/S/A = mentions (reports),\n"
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
    snprintf(place, sizeof place, "%s%s%s", c->place ? c->place : c->country ? c->country : "-",
             c->place && c->country && strcmp(c->place, c->country) ? ", " : "",
             c->place && c->country && strcmp(c->place, c->country) ? c->country : "");
    cell(id, 5); cell(c->date, 10); cell(c->cameo, 5); cell(c->source, 8); cell(c->target, 8); cell(place, 16);
    cell(killed, 11); cell(counts, 8);
    printf("%s\n", c->sentence ? c->sentence : "");
    return ferror(stdout) ? SR_EIO : 0;
}

int cmd_query(int argc, char **argv)
{
    struct option all[STORE_OPT_N + 4];
    memcpy(all, STORE_FILTER_OPTIONS, sizeof STORE_FILTER_OPTIONS);
    all[STORE_OPT_N] = (struct option){ "db", required_argument, 0, 'b' };
    all[STORE_OPT_N + 1] = (struct option){ "format", required_argument, 0, 'f' };
    all[STORE_OPT_N + 2] = (struct option){ "help", no_argument, 0, 'h' };
    all[STORE_OPT_N + 3] = (struct option){ 0, 0, 0, 0 };
    sr_filter f = { .min_killed = -1 };
    const char *db = NULL, *format = "table";
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", all, NULL)) != -1) {
        if (c == 'h') { fputs(HELP_HEAD, stdout); fputs(STORE_FILTER_HELP, stdout); fputs(HELP_TAIL, stdout); return EXIT_OK; }
        if (c == 'b') { db = optarg; continue; }
        if (c == 'f') { format = optarg; continue; }
        if (c >= STORE_OPT_BASE && !store_cli_filter(c, optarg, &f, "query")) continue;
        fputs("try 'sitrep query --help'\n", stderr);
        return EXIT_USAGE;
    }
    if (optind < argc) { fprintf(stderr, "sitrep query: unexpected argument '%s'\ntry 'sitrep query --help'\n", argv[optind]); return EXIT_USAGE; }
    if (strcmp(format, "table") && strcmp(format, "jsonl") && strcmp(format, "csv")) {
        fprintf(stderr, "sitrep query: unknown --format '%s' (expected table, jsonl or csv)\n", format);
        return EXIT_USAGE;
    }
    sr_store *s = store_cli_open(store_cli_db(db), true, "query");
    if (!s) return EXIT_USAGE;
    if (!strcmp(format, "csv")) sr_export_csv_header(stdout);
    if (!strcmp(format, "table"))
        printf("%-5s %-10s %-5s %-8s %-8s %-16s %-11s %-8s %s\n", "ID", "DATE", "CAMEO", "SOURCE", "TARGET", "PLACE",
               "KILLED", "M/S/A", "EVIDENCE (first report)");
    qctx q = { format, 0 };
    sr_error err = {0};
    int k = sr_store_query(s, &f, row, &q, &err);
    sr_store_free(s);
    if (k == SR_EIO || fflush(stdout)) { fputs("sitrep query: cannot write output\n", stderr); return EXIT_SOME_FAILED; }
    if (k) { fprintf(stderr, "sitrep query: %s\n", err.message); return EXIT_USAGE; }
    return EXIT_OK;
}
