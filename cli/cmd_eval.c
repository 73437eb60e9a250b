/* cmd_eval: `sitrep eval`, scores sitrep on annotated data. A suite is recognised by its
 * content; each kind is a row of SUITES with a runner that codes the texts and counts what
 * it found. Figures are printed as a table (or JSON lines) and checked against floors.
 *
 *  gold        X.gold.json beside X.txt (or a directory of them): the field's gold-event
 *              format (docs/EVAL-RULES.md). Recall of required events, precision of records,
 *              dates, places and tolls of matched events, and the meta checks (outlets never
 *              actors, a caption coded once, no non-factual sentence coded as fact).
 *  plover-gsr  PLOVER gold-standard sentences: PLOVER type and actor countries.
 *  hrdsattack  HRDsAttack articles: the killing, detention, kidnapping or torture, its date
 *              and its country. */
#include "cli.h"
#include <ctype.h>
#include <dirent.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char HELP[] =
"usage: sitrep eval [OPTIONS] SUITE...\n"
"\n"
"Codes the texts of each SUITE with sitrep's own dictionaries and scores the records.\n"
"SUITE is recognised by its content:\n"
"  X.gold.json        gold events of article X.txt beside it (or meta.article); a directory\n"
"                     is searched for *.gold.json. Format: {\"meta\":{...},\"events\":[...]} or\n"
"                     a bare list of events (source_code, target_code, event_root,\n"
"                     event_code_alt, reciprocal, required, date, location, fatalities).\n"
"  PLOVER GSR file    a JSON list of sentences with PLOVER event, source and target.\n"
"  HRDsAttack file    a JSON list of articles with merged annotations (violation types,\n"
"                     event date, country).\n"
"\n"
"options:\n"
"  --json            one JSON object per suite instead of a table\n"
"  --floors FILE     lines 'NAME METRIC MIN' (NAME a suite name as printed, or *); exit 1\n"
"                    if a figure is below its floor ('violations_max' is a ceiling)\n"
"  --verbose         list every gold item with its match on stderr\n"
"  --data DIR, --gen DIR   as for sitrep code\n"
"  -h, --help        this text\n"
"\n"
"exit status: 0 scored (and every floor held); 1 a suite failed or a floor was missed;\n"
"2 usage error.\n";

/* ---- records ---- */

typedef struct rec {
    char cameo[8], src[32], tgt[32], date[16], country[8], fact[16], plover[16];
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
    snprintf(x->plover, sizeof x->plover, "%s", ev->plover ? ev->plover : "");
    x->sentence = dupn(ev->sentence, ev->sentence_len);
    x->stext = ev->source.text ? strdup(ev->source.text) : NULL;
    x->ttext = ev->target.text ? strdup(ev->target.text) : NULL;
    x->start = ev->start;
    x->killed = ev->fatalities.count;
    return 0;
}

static void recs_clear(recs *r)
{
    for (size_t i = 0; i < r->n; i++) { free(r->v[i].sentence); free(r->v[i].stext); free(r->v[i].ttext); }
    r->n = 0;
}

static bool factual(const rec *r) { return !strcmp(r->fact, "asserted") || !strcmp(r->fact, "claimed"); }

/* ---- results ---- */

enum { MAX_METRICS = 16 };
typedef struct result {
    char name[128];
    struct { const char *name; size_t num, den; bool ceiling; } m[MAX_METRICS];
    int nm;
} result;

static void put(result *r, const char *name, size_t num, size_t den)
{
    if (r->nm < MAX_METRICS) { r->m[r->nm].name = name; r->m[r->nm].num = num; r->m[r->nm].den = den; r->m[r->nm].ceiling = false; r->nm++; }
}

static void put_count(result *r, const char *name, size_t n)
{
    put(r, name, n, 0);
    r->m[r->nm - 1].ceiling = true;
}

static double value(const result *r, int i)
{
    if (r->m[i].ceiling) return (double)r->m[i].num;
    return r->m[i].den ? (double)r->m[i].num / (double)r->m[i].den : 1.0;
}

static const char *base_stem(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    snprintf(out, cap, "%s", b ? b + 1 : path);
    char *dot = strstr(out, ".gold.json");
    if (!dot) dot = strrchr(out, '.');
    if (dot) *dot = 0;
    return out;
}

/* ---- gold articles ---- */

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
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(g, "event_code_alt"), i, v)
        if (json_is_string(v) && !strncmp(r->cameo, json_string_value(v), 2)) return true;
    const char *code = json_string_value(json_object_get(g, "event_code"));
    return code && !strncmp(r->cameo, code, 2);
}

static bool gold_matches(const rec *r, json_t *g)
{
    if (!root_ok(r, g)) return false;
    json_t *s = json_object_get(g, "source_code"), *sa = json_object_get(g, "source_code_alt");
    json_t *t = json_object_get(g, "target_code"), *ta = json_object_get(g, "target_code_alt");
    if (code_ok(r->src, s, sa) && code_ok(r->tgt, t, ta)) return true;
    return json_is_true(json_object_get(g, "reciprocal")) && code_ok(r->tgt, s, sa) && code_ok(r->src, t, ta);
}

static size_t violation(const char *what, const rec *r)
{
    fprintf(stderr, "  violation: %s: [%s %s->%s] %.80s\n", what, r->cameo, r->src, r->tgt[0] ? r->tgt : "-", r->sentence);
    return 1;
}

static int run_gold(const sr_engine *e, const char *path, bool verbose, result *res)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) { fprintf(stderr, "sitrep: %s:%d: %s\n", path, je.line, je.text); return -1; }
    json_t *meta = json_is_object(root) ? json_object_get(root, "meta") : NULL;
    json_t *events = json_is_array(root) ? root : json_object_get(root, "events");
    if (!json_is_array(events)) { fprintf(stderr, "sitrep: %s: no \"events\" list\n", path); json_decref(root); return -1; }
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
    sr_article a = { art + dirlen, text, len, NULL, NULL, NULL, false };
    if (sr_code_article(e, &a, collect, &rs, NULL, &err) < 0) {
        fprintf(stderr, "sitrep: %s: %s\n", art, err.message);
        free(text); json_decref(root); return -1;
    }
    size_t required = 0, matched = 0, rec_matched = 0, dates = 0, dates_ok = 0, places = 0, places_ok = 0,
           tolls = 0, tolls_ok = 0, viol = 0;
    size_t gi;
    json_t *g;
    json_array_foreach(events, gi, g) {
        json_t *req = json_object_get(g, "required");
        bool is_req = !req || json_is_true(req);
        int best = -1;
        const char *gs = json_string_value(json_object_get(g, "sentence"));
        for (size_t i = 0; i < rs.n; i++) {
            if (!gold_matches(&rs.v[i], g)) continue;
            /* prefer a record from the gold event's own sentence */
            if (best < 0 || (gs && !strcmp(rs.v[i].sentence, gs) && strcmp(rs.v[best].sentence, gs))) best = (int)i;
        }
        if (is_req) { required++; matched += best >= 0; }
        if (verbose) {
            const char *id = json_string_value(json_object_get(g, "id"));
            fprintf(stderr, "  gold %-8s %s %s: %s\n", id ? id : "-", is_req ? "required" : "optional", best >= 0 ? "MATCHED" : "missed", gs ? gs : "");
        }
        if (best < 0) continue;
        const rec *r = &rs.v[best];
        const char *gd = json_string_value(json_object_get(g, "date"));
        if (gd) {
            dates++;
            bool ok = !strcmp(r->date, gd);
            const char *ge = json_string_value(json_object_get(g, "date_end"));
            if (ge && r->date[0] && strcmp(r->date, gd) >= 0 && strcmp(r->date, ge) <= 0) ok = true;
            size_t k;
            json_t *v;
            json_array_foreach(json_object_get(g, "date_alt"), k, v) if (json_is_string(v) && !strcmp(r->date, json_string_value(v))) ok = true;
            dates_ok += ok;
        }
        json_t *loc = json_object_get(g, "location");
        const char *gc = loc ? json_string_value(json_object_get(loc, "country")) : NULL;
        if (gc) { places++; places_ok += !strcmp(r->country, gc); }
        json_t *fat = json_object_get(g, "fatalities");
        if (json_is_object(fat)) {
            tolls++;
            bool ok = r->killed == json_integer_value(json_object_get(fat, "count"));
            size_t k;
            json_t *v;
            json_array_foreach(json_object_get(g, "fatalities_alt"), k, v) if (r->killed == json_integer_value(v)) ok = true;
            tolls_ok += ok;
        }
    }
    json_t *no_actor = meta ? json_object_get(meta, "must_not_be_actors") : NULL;
    json_t *not_fact = meta ? json_object_get(meta, "not_factual") : NULL;
    for (size_t i = 0; i < rs.n; i++) {
        const rec *r = &rs.v[i];
        bool m = false;
        json_array_foreach(events, gi, g) if (gold_matches(r, g)) { m = true; break; }
        rec_matched += m;
        if (verbose) fprintf(stderr, "  record %s %s->%s %s %s: %.70s\n", r->cameo, r->src, r->tgt[0] ? r->tgt : "-",
                             r->fact, m ? "match" : "NO MATCH", r->sentence);
        size_t k;
        json_t *v;
        json_array_foreach(no_actor, k, v) {
            const char *bad = json_string_value(v);
            if (bad && ((r->stext && strstr(r->stext, bad)) || (r->ttext && strstr(r->ttext, bad))))
                viol += violation("a news outlet coded as an actor", r);
        }
        json_array_foreach(not_fact, k, v) {
            const char *s = json_string_value(v);
            const char *cut = s ? strstr(s, "  (") : NULL;
            size_t sl = cut ? (size_t)(cut - s) : (s ? strlen(s) : 0);
            if (s && strlen(r->sentence) == sl && !strncmp(r->sentence, s, sl) && !m && factual(r))
                viol += violation("a non-factual statement coded as fact", r);
        }
        for (size_t j = 0; j < i; j++)
            if (rs.v[j].start != r->start && !strcmp(rs.v[j].sentence, r->sentence)) {
                viol += violation("the same sentence coded at two places (a repeated caption?)", r);
                break;
            }
    }
    put(res, "recall", matched, required);
    put(res, "precision", rec_matched, rs.n);
    put(res, "date", dates_ok, dates);
    put(res, "place", places_ok, places);
    put(res, "toll", tolls_ok, tolls);
    put_count(res, "violations", viol);
    recs_clear(&rs);
    free(rs.v);
    free(text);
    json_decref(root);
    return 0;
}

/* ---- PLOVER gold-standard records ---- */

/* PLOVER names of the GSR's draft version -> the current ones */
static const struct { const char *old, *cur; } PLOVER_RENAMED[] = {
    {"DEMAND", "REQUEST"}, {"FIGHT", "ASSAULT"}, {"DISAPPROVE", "ACCUSE"}, {"INVESTIGATE", "ACCUSE"},
};

static bool gsr_code_in(const char *code, json_t *list)
{
    if (!list || json_is_null(list) || (json_is_string(list) && !*json_string_value(list))) return true;
    if (!code[0]) return false;
    if (json_is_string(list)) return !strncmp(code, json_string_value(list), 3);
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        const char *c = json_is_object(v) ? json_string_value(json_object_get(v, "code")) : json_string_value(v);
        if (c && !strncmp(code, c, 3)) return true;
    }
    return false;
}

static int run_gsr(const sr_engine *e, const char *path, bool verbose, result *res)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) { fprintf(stderr, "sitrep: %s:%d: %s\n", path, je.line, je.text); return -1; }
    size_t sentences = 0, type = 0, type_src = 0, full = 0, records = 0, rec_type = 0, i;
    json_t *g;
    recs rs = {0};
    json_array_foreach(root, i, g) {
        const char *text = json_string_value(json_object_get(g, "text"));
        const char *ev = json_string_value(json_object_get(g, "event"));
        if (!text || !ev) continue;
        for (size_t k = 0; k < sizeof PLOVER_RENAMED / sizeof *PLOVER_RENAMED; k++)
            if (!strcmp(ev, PLOVER_RENAMED[k].old)) ev = PLOVER_RENAMED[k].cur;
        const char *id = json_string_value(json_object_get(g, "id"));
        sr_article a = { id ? id : "gsr", text, strlen(text), json_string_value(json_object_get(g, "date")), NULL, NULL, true };
        sr_error err = {0};
        recs_clear(&rs);
        if (sr_code_article(e, &a, collect, &rs, NULL, &err) < 0 && err.code != SR_EUSAGE) continue;
        sentences++;
        json_t *src = json_object_get(g, "source"), *tgt = json_object_get(g, "target");
        bool t1 = false, t2 = false, t3 = false;
        for (size_t k = 0; k < rs.n; k++) {
            const rec *r = &rs.v[k];
            records++;
            if (strcmp(r->plover, ev)) continue;
            rec_type++;
            t1 = true;
            if (gsr_code_in(r->src, src)) {
                t2 = true;
                if (gsr_code_in(r->tgt, tgt)) t3 = true;
            }
        }
        type += t1; type_src += t2; full += t3;
        if (verbose) fprintf(stderr, "  %-30s %-9s %s: %.80s\n", id ? id : "-", ev, t3 ? "FULL" : t1 ? "type" : "missed", text);
    }
    put(res, "type", type, sentences);
    put(res, "type_source", type_src, sentences);
    put(res, "type_source_target", full, sentences);
    put(res, "precision", rec_type, records);
    recs_clear(&rs);
    free(rs.v);
    json_decref(root);
    return 0;
}

/* ---- HRDsAttack ---- */

/* violation type -> the CAMEO codes that report it; a row per type, codes by prefix */
static const struct { const char *type; const char *codes[6]; } VIOLATIONS[] = {
    {"killing", {"185", "186", "20", NULL}},            /* and any force with a death toll */
    {"arbitrary detention", {"173", "1711", NULL}},
    {"kidnapping", {"181", NULL}},
    {"enforced disappearance", {"181", "173", NULL}},
    {"torture", {"1822", "182", NULL}},
};

static bool rec_reports(const rec *r, const char *type)
{
    if (!factual(r)) return false;
    if (!strcmp(type, "killing") && r->killed > 0) return true;
    for (size_t i = 0; i < sizeof VIOLATIONS / sizeof *VIOLATIONS; i++) {
        if (strcmp(VIOLATIONS[i].type, type)) continue;
        for (int c = 0; VIOLATIONS[i].codes[c]; c++)
            if (!strncmp(r->cameo, VIOLATIONS[i].codes[c], strlen(VIOLATIONS[i].codes[c]))) return true;
    }
    return false;
}

/* HTML paragraphs to plain text with blank lines between paragraphs, in place */
static void strip_html(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        if (*p == '<') {
            bool para = !strncmp(p, "</p>", 4) || !strncmp(p, "<br", 3);
            char *q = strchr(p, '>');
            if (!q) break;
            p = q + 1;
            if (para) { *o++ = '\n'; *o++ = '\n'; }
            continue;
        }
        if (*p == '&') {
            static const struct { const char *ent, *rep; } ENT[] = {
                {"&amp;", "&"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", " "},
            };
            bool done = false;
            for (size_t k = 0; k < sizeof ENT / sizeof *ENT && !done; k++)
                if (!strncmp(p, ENT[k].ent, strlen(ENT[k].ent))) {
                    *o++ = ENT[k].rep[0];
                    p += strlen(ENT[k].ent);
                    done = true;
                }
            if (done) continue;
        }
        *o++ = *p++;
    }
    *o = 0;
}

static int num_field(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    const char *s = json_string_value(v);
    if (s) return (int)strtod(s, NULL);
    if (json_is_number(v)) return (int)json_number_value(v);
    return 0;
}

static int run_hrd(const sr_engine *e, const char *path, bool verbose, result *res)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) { fprintf(stderr, "sitrep: %s:%d: %s\n", path, je.line, je.text); return -1; }
    size_t articles = 0, found = 0, day = 0, day_ok = 0, month = 0, month_ok = 0, ctry = 0, ctry_ok = 0, i;
    json_t *item;
    recs rs = {0};
    json_array_foreach(root, i, item) {
        json_t *sample = json_object_get(item, "sample"), *gold = json_object_get(item, "merged_sample");
        const char *html = json_string_value(json_object_get(sample, "Input.article_interface"));
        const char *pub = json_string_value(json_object_get(sample, "Input.publish_date"));
        if (!html || !gold) continue;
        /* only the violations sitrep codes */
        const char *types[8];
        size_t nt = 0, k;
        json_t *v;
        json_array_foreach(json_object_get(gold, "violation_types"), k, v) {
            const char *t = json_string_value(v);
            for (size_t x = 0; t && x < sizeof VIOLATIONS / sizeof *VIOLATIONS; x++)
                if (!strcmp(t, VIOLATIONS[x].type) && nt < 8) types[nt++] = t;
        }
        if (!nt) continue;
        char *text = strdup(html);
        strip_html(text);
        char date[11] = "";
        if (pub && strlen(pub) >= 10) snprintf(date, sizeof date, "%.10s", pub);
        json_t *idv = json_object_get(sample, "Input.GLOBALEVENTID");
        char id[32];
        snprintf(id, sizeof id, "%s", json_is_string(idv) ? json_string_value(idv) : "hrd");
        sr_article a = { id, text, strlen(text), date[0] ? date : NULL, NULL, NULL, true };
        sr_error err = {0};
        recs_clear(&rs);
        int rc = sr_code_article(e, &a, collect, &rs, NULL, &err);
        free(text);
        if (rc < 0) continue;
        articles++;
        const rec *hit = NULL;
        for (size_t r = 0; r < rs.n && !hit; r++)
            for (size_t t = 0; t < nt && !hit; t++)
                if (rec_reports(&rs.v[r], types[t])) hit = &rs.v[r];
        if (verbose) fprintf(stderr, "  %-12s %-22s %s\n", id, types[0], hit ? hit->sentence : "missed");
        if (!hit) continue;
        found++;
        int gy = num_field(gold, "year"), gm = num_field(gold, "month"), gd = num_field(gold, "date");
        if (gy && gm) {
            char want[16];
            snprintf(want, sizeof want, "%04d-%02d", gy % 10000, gm % 100);
            month++;
            month_ok += !strncmp(hit->date, want, 7);
            if (gd) {
                snprintf(want, sizeof want, "%04d-%02d-%02d", gy % 10000, gm % 100, gd % 100);
                day++;
                day_ok += !strcmp(hit->date, want);
            }
        }
        const char *cname = json_string_value(json_object_get(gold, "country"));
        char code[32];
        if (cname && strcmp(cname, "None") && !sr_engine_lookup(e, cname, code, sizeof code)) {
            const char *got = hit->country[0] ? hit->country : hit->tgt[0] ? hit->tgt : hit->src;
            ctry++;
            ctry_ok += !strncmp(got, code, 3);
        }
    }
    put(res, "found", found, articles);
    put(res, "date_day", day_ok, day);
    put(res, "date_month", month_ok, month);
    put(res, "country", ctry_ok, ctry);
    recs_clear(&rs);
    free(rs.v);
    json_decref(root);
    return 0;
}

/* ---- suites ---- */

static bool is_gold(const char *path, const char *head) { (void)head; size_t n = strlen(path); return n > 10 && !strcmp(path + n - 10, ".gold.json"); }
static bool is_gsr(const char *path, const char *head) { (void)path; return strstr(head, "PLOVER-GSR") != NULL; }
static bool is_hrd(const char *path, const char *head) { (void)path; return strstr(head, "Input.article_interface") || strstr(head, "merged_sample"); }

/* a row per kind of suite: how to recognise it, what to call it, how to run it */
static const struct {
    const char *kind;
    bool (*detect)(const char *path, const char *head);
    int (*run)(const sr_engine *, const char *, bool, result *);
} SUITES[] = {
    { "gold", is_gold, run_gold },
    { "plover-gsr", is_gsr, run_gsr },
    { "hrdsattack", is_hrd, run_hrd },
};

/* floor lines: NAME METRIC MIN; NAME may be '*' */
static int check_floors(const char *floors, const result *r)
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
        if (strcmp(n, r->name) && strcmp(n, "*")) continue;
        bool ceiling = false;
        size_t ml = strlen(metric);
        if (ml > 4 && !strcmp(metric + ml - 4, "_max")) { metric[ml - 4] = 0; ceiling = true; }
        int idx = -1;
        for (int i = 0; i < r->nm; i++) if (!strcmp(r->m[i].name, metric)) idx = i;
        if (idx < 0) { fprintf(stderr, "sitrep: %s:%d: suite %s has no metric '%s'\n", floors, lineno, r->name, metric); bad++; continue; }
        double v = value(r, idx);
        if (ceiling ? v > min + 1e-9 : v + 1e-9 < min) {
            fprintf(stderr, "sitrep: %s: %s %.3f is %s its floor %.3f (%s:%d)\n", r->name, metric, v,
                    ceiling ? "above" : "below", min, floors, lineno);
            bad++;
        }
    }
    fclose(f);
    return bad;
}

static void print_result(const result *r, bool json)
{
    if (json) {
        printf("{\"suite\":\"%s\"", r->name);
        for (int i = 0; i < r->nm; i++) {
            printf(",\"%s\":%.4f", r->m[i].name, value(r, i));
            if (!r->m[i].ceiling) printf(",\"%s_n\":[%zu,%zu]", r->m[i].name, r->m[i].num, r->m[i].den);
        }
        printf("}\n");
        return;
    }
    for (int i = 0; i < r->nm; i++) {
        if (r->m[i].ceiling) printf("%-44s %-20s %8.0f\n", i ? "" : r->name, r->m[i].name, value(r, i));
        else printf("%-44s %-20s %8.3f %7zu/%zu\n", i ? "" : r->name, r->m[i].name, value(r, i), r->m[i].num, r->m[i].den);
    }
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
    if (optind >= argc) { fputs("sitrep eval: no suite given\ntry 'sitrep eval --help'\n", stderr); return EXIT_USAGE; }
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
        size_t before = nf;
        while ((de = readdir(d))) {
            size_t l = strlen(de->d_name);
            if (l > 10 && !strcmp(de->d_name + l - 10, ".gold.json")) {
                char p[4096];
                snprintf(p, sizeof p, "%s/%s", argv[i], de->d_name);
                add_path(&files, &nf, p);
            }
        }
        closedir(d);
        if (nf == before) { fprintf(stderr, "sitrep: %s: no *.gold.json in this directory\n", argv[i]); failed++; }
    }
    if (nf > 1) qsort(files, nf, sizeof *files, cmp_str);
    sr_error err = {0};
    sr_engine *e;
    if (sr_engine_open(&e, data, gen, &err)) {
        fprintf(stderr, "sitrep: cannot load dictionaries: %s\n", err.message);
        for (size_t i = 0; i < nf; i++) free(files[i]);
        free(files);
        return EXIT_USAGE;
    }
    if (!json) printf("%-44s %-20s %8s %s\n", "suite", "metric", "value", "  n");
    for (size_t i = 0; i < nf; i++) {
        char head[8192] = "";
        FILE *f = fopen(files[i], "r");
        if (f) { size_t k = fread(head, 1, sizeof head - 1, f); head[k] = 0; fclose(f); }
        int kind = -1;
        for (size_t s = 0; s < sizeof SUITES / sizeof *SUITES && kind < 0; s++)
            if (SUITES[s].detect(files[i], head)) kind = (int)s;
        if (kind < 0) {
            fprintf(stderr, "sitrep: %s: not a suite sitrep reads (expected X.gold.json, a PLOVER GSR or an HRDsAttack file)\n", files[i]);
            failed++;
            continue;
        }
        result r;
        memset(&r, 0, sizeof r);
        char stem[100];
        base_stem(files[i], stem, sizeof stem);
        if (!strcmp(SUITES[kind].kind, "gold")) snprintf(r.name, sizeof r.name, "%s", stem);
        else snprintf(r.name, sizeof r.name, "%s:%s", SUITES[kind].kind, stem);
        if (SUITES[kind].run(e, files[i], verbose, &r)) { failed++; continue; }
        print_result(&r, json);
        failed += check_floors(floors, &r);
    }
    for (size_t i = 0; i < nf; i++) free(files[i]);
    free(files);
    sr_engine_free(e);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
}
