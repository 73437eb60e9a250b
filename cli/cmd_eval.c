/* cmd_eval: `sitrep eval`, scores sitrep on annotated articles under the matching rules
 * of docs/EVAL-RULES.md (those of the field's gold format): CAMEO root, source and target
 * country prefixes, reciprocal events either way round. Recall counts required gold
 * events; precision counts records that match any gold event (a lower bound, since gold
 * lists the main events only). Also checks what a gold file's meta forbids: news outlets as
 * actors, a repeated caption coded twice, a non-factual sentence coded as unmatched fact. */
#include "cli.h"
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>

static const char HELP[] =
"usage: sitrep eval [OPTIONS] GOLD...\n"
"\n"
"Codes the article behind each gold file and scores the records against it. GOLD is a\n"
"file X.gold.json (the article is X.txt beside it, or meta.article) or a directory\n"
"searched for *.gold.json. Gold format: {\"meta\":{...},\"events\":[...]} or a bare list of\n"
"events with source_code, target_code, event_root, event_code_alt, reciprocal, required.\n"
"\n"
"options:\n"
"  --json            one JSON object per gold file instead of a table\n"
"  --floors FILE     lines 'NAME METRIC MIN' (e.g. 'cgtn recall 1.0'); exit 1 if a figure\n"
"                    is below its floor\n"
"  --verbose         list every record and gold event with its match\n"
"  --data DIR, --gen DIR   as for sitrep code\n"
"  -h, --help        this text\n"
"\n"
"exit status: 0 scored (and every floor held); 1 a file failed or a floor was missed;\n"
"2 usage error.\n";

typedef struct rec {
    char cameo[8], src[32], tgt[32], date[16], country[8], fact[16];
    char *sentence, *stext, *ttext;
    size_t start;
    long killed;
} rec;

typedef struct recs { rec *v; size_t n, cap; } recs;

static char *dupn(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) abort();
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static int collect(void *ctx, const sr_event *ev)
{
    recs *r = ctx;
    if (r->n == r->cap) { r->cap = r->cap ? r->cap * 2 : 64; r->v = realloc(r->v, r->cap * sizeof *r->v); if (!r->v) abort(); }
    rec *x = &r->v[r->n++];
    memset(x, 0, sizeof *x);
    snprintf(x->cameo, sizeof x->cameo, "%s", ev->cameo);
    snprintf(x->src, sizeof x->src, "%s", ev->source.code ? ev->source.code : "");
    snprintf(x->tgt, sizeof x->tgt, "%s", ev->target.code ? ev->target.code : "");
    snprintf(x->date, sizeof x->date, "%s", ev->date ? ev->date : "");
    snprintf(x->country, sizeof x->country, "%s", ev->location.country ? ev->location.country : "");
    snprintf(x->fact, sizeof x->fact, "%s", ev->factuality);
    x->sentence = dupn(ev->sentence, ev->sentence_len);
    x->stext = ev->source.text ? strdup(ev->source.text) : NULL;
    x->ttext = ev->target.text ? strdup(ev->target.text) : NULL;
    x->start = ev->start;
    x->killed = ev->fatalities.count;
    return 0;
}

/* gold code field: string, list of strings, or null (accepts anything) */
static bool code_ok(const char *code, json_t *gold, json_t *alt)
{
    if (!gold || json_is_null(gold)) return true;
    if (!code[0]) return false;
    json_t *lists[2] = { gold, alt };
    for (int l = 0; l < 2; l++) {
        json_t *g = lists[l];
        if (!g) continue;
        if (json_is_string(g) && !strncmp(code, json_string_value(g), 3)) return true;
        size_t i;
        json_t *v;
        if (json_is_array(g)) json_array_foreach(g, i, v)
            if (json_is_string(v) && !strncmp(code, json_string_value(v), 3)) return true;
    }
    return false;
}

static bool root_ok(const rec *r, json_t *g)
{
    const char *root = json_string_value(json_object_get(g, "event_root"));
    if (root && !strncmp(r->cameo, root, 2)) return true;
    json_t *alt = json_object_get(g, "event_code_alt");
    size_t i;
    json_t *v;
    json_array_foreach(alt, i, v)
        if (json_is_string(v) && !strncmp(r->cameo, json_string_value(v), 2)) return true;
    const char *code = json_string_value(json_object_get(g, "event_code"));
    return code && !strncmp(r->cameo, code, 2);
}

static bool matches(const rec *r, json_t *g)
{
    if (!root_ok(r, g)) return false;
    json_t *s = json_object_get(g, "source_code"), *sa = json_object_get(g, "source_code_alt");
    json_t *t = json_object_get(g, "target_code"), *ta = json_object_get(g, "target_code_alt");
    if (code_ok(r->src, s, sa) && code_ok(r->tgt, t, ta)) return true;
    return json_is_true(json_object_get(g, "reciprocal")) && code_ok(r->tgt, s, sa) && code_ok(r->src, t, ta);
}

typedef struct score {
    size_t gold_required, gold_matched, records, records_matched;
    size_t dates, dates_right, places, places_right, tolls, tolls_right;
    size_t violations;
} score;

static void violation(score *sc, bool verbose, const char *what, const rec *r)
{
    sc->violations++;
    fprintf(stderr, "  violation: %s: [%s %s->%s] %.80s\n", what, r->cameo, r->src, r->tgt[0] ? r->tgt : "-", r->sentence);
    (void)verbose;
}

static int eval_file(const sr_engine *e, const char *path, bool verbose, score *sc, json_t **events_out)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) { fprintf(stderr, "sitrep: %s:%d: %s\n", path, je.line, je.text); return -1; }
    json_t *meta = json_is_object(root) ? json_object_get(root, "meta") : NULL;
    json_t *events = json_is_array(root) ? root : json_object_get(root, "events");
    if (!json_is_array(events)) { fprintf(stderr, "sitrep: %s: no \"events\" list\n", path); json_decref(root); return -1; }
    /* the article: meta.article beside the gold file, else X.txt for X.gold.json */
    char art[4096];
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path + 1) : 0;
    const char *name = meta ? json_string_value(json_object_get(meta, "article")) : NULL;
    if (name) snprintf(art, sizeof art, "%.*s%s", dirlen, path, name);
    else {
        snprintf(art, sizeof art, "%s", path);
        char *dot = strstr(art, ".gold.json");
        if (dot) strcpy(dot, ".txt");
    }
    char *text, msg[1024];
    size_t len;
    if (cli_read_file(art, &text, &len, msg, sizeof msg)) { fprintf(stderr, "sitrep: %s\n", msg); json_decref(root); return -1; }
    recs rs = {0};
    sr_error err = {0};
    const char *pub = meta ? json_string_value(json_object_get(meta, "published")) : NULL;
    char pubday[11] = "";
    if (pub && strlen(pub) >= 10) snprintf(pubday, sizeof pubday, "%.10s", pub);
    sr_article a = { art + (slash ? (size_t)dirlen : 0), text, len, NULL, NULL, NULL, false };
    (void)pubday;
    if (sr_code_article(e, &a, collect, &rs, NULL, &err) < 0) {
        fprintf(stderr, "sitrep: %s: %s\n", art, err.message);
        free(text); json_decref(root); return -1;
    }
    memset(sc, 0, sizeof *sc);
    sc->records = rs.n;
    size_t gi;
    json_t *g;
    json_array_foreach(events, gi, g) {
        json_t *req = json_object_get(g, "required");
        bool required = !req || json_is_true(req);
        int best = -1;
        const char *gs = json_string_value(json_object_get(g, "sentence"));
        for (size_t i = 0; i < rs.n; i++) {
            if (!matches(&rs.v[i], g)) continue;
            /* prefer a record from the gold event's own sentence */
            if (best < 0 || (gs && !strcmp(rs.v[i].sentence, gs) && strcmp(rs.v[best].sentence, gs))) best = (int)i;
        }
        if (required) { sc->gold_required++; if (best >= 0) sc->gold_matched++; }
        if (verbose) fprintf(stderr, "  gold %-8s %s %s: %s\n", json_string_value(json_object_get(g, "id")) ? json_string_value(json_object_get(g, "id")) : "-",
                             required ? "required" : "optional", best >= 0 ? "MATCHED" : "missed", gs ? gs : "");
        if (best < 0) continue;
        const rec *r = &rs.v[best];
        const char *gd = json_string_value(json_object_get(g, "date"));
        if (gd) {
            sc->dates++;
            bool ok = !strcmp(r->date, gd);
            const char *ge = json_string_value(json_object_get(g, "date_end"));
            if (ge && r->date[0] && strcmp(r->date, gd) >= 0 && strcmp(r->date, ge) <= 0) ok = true;
            json_t *alt = json_object_get(g, "date_alt");
            size_t k;
            json_t *v;
            json_array_foreach(alt, k, v) if (json_is_string(v) && !strcmp(r->date, json_string_value(v))) ok = true;
            sc->dates_right += ok;
        }
        json_t *loc = json_object_get(g, "location");
        const char *gc = loc ? json_string_value(json_object_get(loc, "country")) : NULL;
        if (gc) { sc->places++; sc->places_right += !strcmp(r->country, gc); }
        json_t *fat = json_object_get(g, "fatalities");
        if (json_is_object(fat)) { sc->tolls++; sc->tolls_right += r->killed == json_integer_value(json_object_get(fat, "count")); }
    }
    json_t *no_actor = meta ? json_object_get(meta, "must_not_be_actors") : NULL;
    json_t *not_fact = meta ? json_object_get(meta, "not_factual") : NULL;
    for (size_t i = 0; i < rs.n; i++) {
        const rec *r = &rs.v[i];
        bool m = false;
        json_array_foreach(events, gi, g) if (matches(r, g)) { m = true; break; }
        sc->records_matched += m;
        if (verbose) fprintf(stderr, "  record %s %s->%s %s %s: %.70s\n", r->cameo, r->src, r->tgt[0] ? r->tgt : "-",
                             r->fact, m ? "match" : "NO MATCH", r->sentence);
        size_t k;
        json_t *v;
        json_array_foreach(no_actor, k, v) {
            const char *bad = json_string_value(v);
            if (bad && ((r->stext && strstr(r->stext, bad)) || (r->ttext && strstr(r->ttext, bad))))
                violation(sc, verbose, "a news outlet coded as an actor", r);
        }
        json_array_foreach(not_fact, k, v) {
            const char *s = json_string_value(v);
            const char *cut = s ? strstr(s, "  (") : NULL;
            size_t sl = cut ? (size_t)(cut - s) : (s ? strlen(s) : 0);
            if (s && strlen(r->sentence) == sl && !strncmp(r->sentence, s, sl) && !m &&
                (!strcmp(r->fact, "asserted") || !strcmp(r->fact, "claimed")))
                violation(sc, verbose, "a non-factual statement coded as fact", r);
        }
        for (size_t j = 0; j < i; j++)
            if (rs.v[j].start != r->start && !strcmp(rs.v[j].sentence, r->sentence)) {
                violation(sc, verbose, "the same sentence coded at two places (a repeated caption?)", r);
                break;
            }
    }
    for (size_t i = 0; i < rs.n; i++) { free(rs.v[i].sentence); free(rs.v[i].stext); free(rs.v[i].ttext); }
    free(rs.v);
    free(text);
    *events_out = NULL;
    json_decref(root);
    return 0;
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 1.0; }

static const char *stem(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    snprintf(out, cap, "%s", b ? b + 1 : path);
    char *dot = strstr(out, ".gold.json");
    if (dot) *dot = 0;
    return out;
}

/* floor lines: NAME METRIC MIN; NAME may be '*' */
static int check_floors(const char *floors, const char *name, const score *sc)
{
    if (!floors) return 0;
    FILE *f = fopen(floors, "r");
    if (!f) { fprintf(stderr, "sitrep: %s: cannot open\n", floors); return 1; }
    char line[512];
    int bad = 0, lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char n[128], metric[64];
        double min;
        char *h = strchr(line, '#');
        if (h) *h = 0;
        if (sscanf(line, "%127s %63s %lf", n, metric, &min) != 3) continue;
        if (strcmp(n, name) && strcmp(n, "*")) continue;
        double v;
        if (!strcmp(metric, "recall")) v = ratio(sc->gold_matched, sc->gold_required);
        else if (!strcmp(metric, "precision")) v = ratio(sc->records_matched, sc->records);
        else if (!strcmp(metric, "violations_max")) v = -(double)sc->violations, min = -min;
        else if (!strcmp(metric, "date")) v = ratio(sc->dates_right, sc->dates);
        else if (!strcmp(metric, "place")) v = ratio(sc->places_right, sc->places);
        else if (!strcmp(metric, "toll")) v = ratio(sc->tolls_right, sc->tolls);
        else { fprintf(stderr, "sitrep: %s:%d: unknown metric '%s'\n", floors, lineno, metric); bad++; continue; }
        if (v + 1e-9 < min) {
            fprintf(stderr, "sitrep: %s: %s %.3f is below its floor %.3f (%s:%d)\n", name, metric, v < 0 ? -v : v, min < 0 ? -min : min, floors, lineno);
            bad++;
        }
    }
    fclose(f);
    return bad;
}

static void add_path(char ***v, size_t *n, const char *p)
{
    *v = realloc(*v, (*n + 1) * sizeof **v);
    if (!*v) abort();
    (*v)[(*n)++] = strdup(p);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int cmd_eval(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"json", no_argument, 0, 'j'}, {"floors", required_argument, 0, 'f'}, {"verbose", no_argument, 0, 'v'},
        {"data", required_argument, 0, 'D'}, {"gen", required_argument, 0, 'G'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    bool json = false, verbose = false;
    const char *floors = NULL, *data = NULL, *gen = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hv", LONG, NULL)) != -1) {
        switch (c) {
        case 'j': json = true; break;
        case 'f': floors = optarg; break;
        case 'v': verbose = true; break;
        case 'D': data = optarg; break;
        case 'G': gen = optarg; break;
        case 'h': fputs(HELP, stdout); return EXIT_OK;
        default: fputs("try 'sitrep eval --help'\n", stderr); return EXIT_USAGE;
        }
    }
    if (optind >= argc) { fputs("sitrep eval: no gold file given\ntry 'sitrep eval --help'\n", stderr); return EXIT_USAGE; }
    char **files = NULL;
    size_t nf = 0;
    int failed = 0;
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) { fprintf(stderr, "sitrep: %s: no such file or directory\n", argv[i]); failed++; continue; }
        if (!S_ISDIR(st.st_mode)) { add_path(&files, &nf, argv[i]); continue; }
        DIR *d = opendir(argv[i]);
        if (!d) { fprintf(stderr, "sitrep: %s: cannot read directory\n", argv[i]); failed++; continue; }
        struct dirent *de;
        while ((de = readdir(d))) {
            size_t l = strlen(de->d_name);
            if (l > 10 && !strcmp(de->d_name + l - 10, ".gold.json")) {
                char p[4096];
                snprintf(p, sizeof p, "%s/%s", argv[i], de->d_name);
                add_path(&files, &nf, p);
            }
        }
        closedir(d);
    }
    qsort(files, nf, sizeof *files, cmp_str);
    sr_error err = {0};
    sr_engine *e;
    if (sr_engine_open(&e, data, gen, &err)) {
        fprintf(stderr, "sitrep: cannot load dictionaries: %s\n", err.message);
        for (size_t i = 0; i < nf; i++) free(files[i]);
        free(files);
        return EXIT_USAGE;
    }
    if (!json) printf("%-40s %8s %8s %8s %8s %6s %6s %6s %5s\n", "gold", "records", "required", "recall", "precis.", "date", "place", "toll", "viol.");
    for (size_t i = 0; i < nf; i++) {
        score sc;
        json_t *unused;
        if (eval_file(e, files[i], verbose, &sc, &unused)) { failed++; continue; }
        char name[256];
        stem(files[i], name, sizeof name);
        if (json)
            printf("{\"gold\":\"%s\",\"records\":%zu,\"required\":%zu,\"matched\":%zu,\"recall\":%.3f,\"precision\":%.3f,"
                   "\"date\":%.3f,\"place\":%.3f,\"toll\":%.3f,\"violations\":%zu}\n", name, sc.records, sc.gold_required,
                   sc.gold_matched, ratio(sc.gold_matched, sc.gold_required), ratio(sc.records_matched, sc.records),
                   ratio(sc.dates_right, sc.dates), ratio(sc.places_right, sc.places), ratio(sc.tolls_right, sc.tolls), sc.violations);
        else
            printf("%-40.40s %8zu %8zu %8.3f %8.3f %6.2f %6.2f %6.2f %5zu\n", name, sc.records, sc.gold_required,
                   ratio(sc.gold_matched, sc.gold_required), ratio(sc.records_matched, sc.records),
                   ratio(sc.dates_right, sc.dates), ratio(sc.places_right, sc.places), ratio(sc.tolls_right, sc.tolls), sc.violations);
        failed += check_floors(floors, name, &sc);
    }
    for (size_t i = 0; i < nf; i++) free(files[i]);
    free(files);
    sr_engine_free(e);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
}
