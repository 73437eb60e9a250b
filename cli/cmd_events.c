/* cmd_events: `sitrep events show ID`, one merged event of the store: its summary, the
 * fields its reports disagree on with who said what, and every report. */
#include "cmd_store.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char HELP[] =
"usage: sitrep events show [OPTIONS] ID\n"
"\n"
"Shows the merged event ID (the ID column of `sitrep query`): what happened, when and\n"
"where by the most reports (place, admin1, country, precision, coordinates, GeoNames\n"
"id), the counts (mentions, outlets, articles) and the earliest report; then, for every\n"
"field the reports disagree on (requester or other source, target, date, place, admin1,\n"
"country, fatalities, injured, arrested, event code), each value with the reports that\n"
"give it (outlet, article#record, evidence); then every report (a place its sentence does\n"
"not name is marked as the dateline's or the article's); then the\n"
"republications of its articles that were stored but not counted.\n"
"\n"
"options:\n"
"  --db PATH              the database (default: $SITREP_DB, else ./sitrep.db)\n"
"  --json                 one JSON object: {\"cluster\", \"variants\", \"reports\", \"republished\"}\n"
"  -h, --help             this text\n"
"\n"
"exit status: 0 shown; 1 no such event; 2 usage error or a database that cannot be read.\n";

static const char *str(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *or_dash(const char *s) { return s ? s : "-"; }

static void show_text(json_t *root)
{
    json_t *c = json_object_get(root, "cluster");
    printf("event %lld: %s %s (%s)  %s -> %s\n", (long long)json_integer_value(json_object_get(c, "cluster")),
           or_dash(str(c, "cameo")), or_dash(str(c, "plover")), or_dash(str(c, "factuality")), or_dash(str(c, "source")),
           or_dash(str(c, "target")));
    printf("  date     %s%s%s%s\n", or_dash(str(c, "date")), str(c, "date_precision") ? " (" : "",
           str(c, "date_precision") ? str(c, "date_precision") : "", str(c, "date_precision") ? ")" : "");
    char place[400];
    store_cli_place(str(c, "place"), str(c, "admin1"), str(c, "country"), str(c, "place_precision"), place, sizeof place);
    printf("  place    %s", place);
    json_t *lat = json_object_get(c, "lat"), *lon = json_object_get(c, "lon"), *gid = json_object_get(c, "geonames_id");
    if (str(c, "place_precision")) printf(" (%s)", str(c, "place_precision"));
    if (json_is_number(lat) && json_is_number(lon)) printf("  %.4f, %.4f", json_number_value(lat), json_number_value(lon));
    if (json_is_integer(gid)) printf("  GeoNames %lld", (long long)json_integer_value(gid));
    putchar('\n');
    json_t *kb = json_object_get(c, "killed_best");
    if (json_is_integer(kb))
        printf("  killed   low %lld, best %lld, high %lld (%s toll)\n",
               (long long)json_integer_value(json_object_get(c, "killed_low")), (long long)json_integer_value(kb),
               (long long)json_integer_value(json_object_get(c, "killed_high")), or_dash(str(c, "toll_kind")));
    printf("  counts   %lld mentions, %lld sources, %lld articles\n",
           (long long)json_integer_value(json_object_get(c, "mentions")),
           (long long)json_integer_value(json_object_get(c, "sources")),
           (long long)json_integer_value(json_object_get(c, "articles")));
    printf("  outlets  %s\n", or_dash(str(c, "outlets")));
    printf("  first    %s (%s, %s)\n", or_dash(str(c, "first_outlet")), or_dash(str(c, "first_doc")),
           or_dash(str(c, "first_published")));
    json_t *vars = json_object_get(root, "variants");
    if (json_object_size(vars)) {
        printf("\nreports disagree on:\n");
        const char *field;
        json_t *list;
        json_object_foreach(vars, field, list) {
            printf("  %s\n", field);
            size_t i;
            json_t *v;
            json_array_foreach(list, i, v) {
                printf("    %-10s", or_dash(str(v, "value")));
                size_t j;
                json_t *r;
                json_array_foreach(json_object_get(v, "reports"), j, r) {
                    printf("%s%s %s", j ? "; " : " ", or_dash(str(r, "outlet")), or_dash(str(r, "report")));
                    if (str(r, "reported_by")) printf(" (says %s)", str(r, "reported_by"));
                }
                putchar('\n');
            }
        }
    }
    printf("\nreports:\n");
    size_t i;
    json_t *r;
    json_array_foreach(json_object_get(root, "reports"), i, r) {
        char where[400];
        store_cli_place(str(r, "place"), str(r, "admin1"), str(r, "country"), str(r, "place_precision"), where,
                        sizeof where);
        printf("  %s  %s  %s  %s->%s  %s  %s", or_dash(str(r, "report")), or_dash(str(r, "outlet")),
               or_dash(str(r, "published")), or_dash(str(r, "source")), or_dash(str(r, "target")), or_dash(str(r, "date")),
               where);
        /* a place the sentence did not name is the dateline's or the article's: say so */
        if (str(r, "place_basis") && strcmp(str(r, "place_basis"), "sentence")) printf(" (%s)", str(r, "place_basis"));
        json_t *k = json_object_get(r, "fatalities");
        if (json_is_integer(k)) printf("  killed %lld", (long long)json_integer_value(k));
        printf("\n      \"%s\"\n", or_dash(str(r, "sentence")));
    }
    json_t *rep = json_object_get(root, "republished");
    if (json_array_size(rep)) {
        printf("\nrepublished (stored, not counted):\n");
        json_array_foreach(rep, i, r)
            printf("  %s (%s) republishes %s\n", or_dash(str(r, "doc")), or_dash(str(r, "outlet")), or_dash(str(r, "of")));
    }
}

int cmd_events(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"db", required_argument, 0, 'b'}, {"json", no_argument, 0, 'j'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *db = NULL;
    bool json = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", LONG, NULL)) != -1) {
        switch (c) {
        case 'b': db = optarg; break;
        case 'j': json = true; break;
        case 'h': fputs(HELP, stdout); return EXIT_OK;
        default: fputs("try 'sitrep events --help'\n", stderr); return EXIT_USAGE;
        }
    }
    /* getopt has moved the operands, "show" and the ID, to the end */
    if (optind >= argc || strcmp(argv[optind], "show")) {
        fprintf(stderr, "sitrep events: %s\ntry 'sitrep events --help'\n",
                optind >= argc ? "expected 'show ID'" : "unknown action (expected show)");
        return EXIT_USAGE;
    }
    optind++;
    char *end;
    long long id = optind < argc ? strtoll(argv[optind], &end, 10) : 0;
    if (optind >= argc || *end || id <= 0 || optind + 1 < argc) {
        fprintf(stderr, "sitrep events show: expected one event ID (a number from sitrep query)\n");
        return EXIT_USAGE;
    }
    sr_store *s = store_cli_open(store_cli_db(db), true, "events");
    if (!s) return EXIT_USAGE;
    char *text;
    sr_error err = {0};
    int k = sr_store_cluster_json(s, id, &text, &err);
    sr_store_free(s);
    if (k) {
        fprintf(stderr, "sitrep events show: %s\n", err.message);
        return k == SR_EINPUT ? EXIT_SOME_FAILED : EXIT_USAGE;
    }
    if (json) puts(text);
    else {
        json_error_t je;
        json_t *root = json_loads(text, 0, &je);
        if (root) show_text(root);
        json_decref(root);
    }
    free(text);
    return fflush(stdout) ? EXIT_SOME_FAILED : EXIT_OK;
}
