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
 *              and its country.
 *  petrarch2   PETRARCH-2's unit-test records, coded with the dictionaries they name
 *  tabari      TABARI's validation suite, coded with the dictionaries its .project names:
 *              both scored on exact (source, target, event code) sets per record. */
#include "cli.h"
#include <ctype.h>
#include <dirent.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char HELP[] =
"usage: sitrep eval [OPTIONS] SUITE...\n"
"\n"
"Codes the texts of each SUITE and scores the records. SUITE is recognised by its\n"
"content; the first three are coded with sitrep's own dictionaries, the coders' suites\n"
"with the dictionaries they name (in PETRARCH-2 or TABARI format):\n"
"  X.gold.json        gold events of article X.txt beside it (or meta.article); a directory\n"
"                     is searched for *.gold.json. Format: {\"meta\":{...},\"events\":[...]} or\n"
"                     a bare list of events (source_code, target_code, event_root,\n"
"                     event_code_alt, reciprocal, required, date, location, fatalities).\n"
"  PLOVER GSR file    a JSON list of sentences with PLOVER event, source and target.\n"
"  HRDsAttack file    a JSON list of articles with merged annotations (violation types,\n"
"                     event date, country).\n"
"  PETRARCH-2 XML     <Validation> unit-test records (PETR.UnitTest.records.xml): the\n"
"                     <Environment> names the dictionaries beside it and the <Include>d\n"
"                     categories (ERROR records, about parse trees, are left out).\n"
"  TABARI suite       records \"YYMMDD ID\", text, and /* ... { SRC / TGT / CODE } ... */\n"
"                     (Validate.text, or its .project, which names the dictionaries);\n"
"                     scored up to the end-of-standard-records record.\n"
"                     Both: per record, the set of factual (source, target, code) codings is\n"
"                     compared with the expected set (\"---\" for a missing actor): sentences\n"
"                     (pass rate: equal sets, no-event records included), precision, recall,\n"
"                     F1, the same by CAMEO root, and the roots missed most. Option changes\n"
"                     inside a suite are counted but not applied.\n"
"\n"
"options:\n"
"  --json            one JSON object per suite instead of a table\n"
"  --floors FILE     lines 'NAME METRIC MIN' (NAME a suite name as printed, or *); exit 1\n"
"                    if a figure is below its floor ('violations_max' is a ceiling)\n"
"  --verbose         list every gold item with its match on stderr (coders' suites: every\n"
"                    record that fails, with its expected and coded triples)\n"
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
    bool dated;               /* the text dates it (date_basis explicit or relative) */
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
    x->dated = ev->date_basis && (!strcmp(ev->date_basis, "explicit") || !strcmp(ev->date_basis, "relative"));
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
    /* a ratio num/den; a count (ceiling: num alone); or a figure derived from others (v) */
    struct { const char *name; size_t num, den; bool ceiling, derived; double v; } m[MAX_METRICS];
    int nm;
    char notes[1024];        /* lines printed under the table rows, each ending in '\n' */
    char notes_json[1024];   /* members added to the JSON object, each beginning with ',' */
} result;

static void put(result *r, const char *name, size_t num, size_t den)
{
    if (r->nm < MAX_METRICS) { r->m[r->nm].name = name; r->m[r->nm].num = num; r->m[r->nm].den = den; r->m[r->nm].ceiling = false; r->m[r->nm].derived = false; r->nm++; }
}

static void put_count(result *r, const char *name, size_t n)
{
    put(r, name, n, 0);
    r->m[r->nm - 1].ceiling = true;
}

static double value(const result *r, int i)
{
    if (r->m[i].derived) return r->m[i].v;
    if (r->m[i].ceiling) return (double)r->m[i].num;
    return r->m[i].den ? (double)r->m[i].num / (double)r->m[i].den : 1.0;
}

/* F1 of the two ratio metrics at ip (precision) and ir (recall), put as a derived figure:
 * a harmonic mean has no num/den of its own to print */
static void put_f1(result *r, const char *name, int ip, int ir)
{
    if (r->nm >= MAX_METRICS || ip < 0 || ir < 0) return;
    double p = value(r, ip), rc = value(r, ir);
    put(r, name, 0, 0);
    r->m[r->nm - 1].derived = true;
    r->m[r->nm - 1].v = p + rc > 0 ? 2 * p * rc / (p + rc) : 0;
}

static void append_to(char *buf, size_t cap, const char *fmt, va_list ap)
{
    size_t n = strlen(buf);
    if (n + 1 < cap) vsnprintf(buf + n, cap - n, fmt, ap);
}

/* a line under the suite's table rows */
static void note(result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    append_to(r->notes, sizeof r->notes, fmt, ap);
    va_end(ap);
}

/* members added to the suite's JSON object (",\"key\":value") */
static void note_json(result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note_json(result *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    append_to(r->notes_json, sizeof r->notes_json, fmt, ap);
    va_end(ap);
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

/* what a suite runner is given besides its file */
typedef struct suite_ctx {
    const sr_engine *e;      /* sitrep's own dictionaries */
    const char *data;        /* --data, for suites that bring their own actors and verbs */
    bool verbose;
} suite_ctx;

static int run_gold(const suite_ctx *cx, const char *path, result *res)
{
    const sr_engine *e = cx->e;
    bool verbose = cx->verbose;
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

static int run_gsr(const suite_ctx *cx, const char *path, result *res)
{
    const sr_engine *e = cx->e;
    bool verbose = cx->verbose;
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

static int run_hrd(const suite_ctx *cx, const char *path, result *res)
{
    const sr_engine *e = cx->e;
    bool verbose = cx->verbose;
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
        if (json_is_integer(idv)) snprintf(id, sizeof id, "%lld", (long long)json_integer_value(idv));
        else snprintf(id, sizeof id, "%s", json_is_string(idv) ? json_string_value(idv) : "hrd");
        sr_article a = { id, text, strlen(text), date[0] ? date : NULL, NULL, NULL, true };
        sr_error err = {0};
        recs_clear(&rs);
        int rc = sr_code_article(e, &a, collect, &rs, NULL, &err);
        free(text);
        if (rc < 0) continue;
        articles++;
        /* the record a reader would take the violation's date from: the first that reports
         * it with a date the text gives, else the first that reports it */
        const rec *hit = NULL;
        for (int pass = 0; pass < 2 && !hit; pass++)
            for (size_t r = 0; r < rs.n && !hit; r++)
                for (size_t t = 0; t < nt && !hit; t++)
                    if ((pass || rs.v[r].dated) && rec_reports(&rs.v[r], types[t])) hit = &rs.v[r];
        found += hit != NULL;
        /* date and country count over every article whose gold gives them, so that finding
         * more violations can only raise these figures */
        int gy = num_field(gold, "year"), gm = num_field(gold, "month"), gd = num_field(gold, "date");
        if (verbose) fprintf(stderr, "  %-12s %-22s pub %s gold %04d-%02d-%02d got %s: %s\n", id, types[0],
                             date[0] ? date : "-", gy % 10000, gm % 100, gd % 100, hit && hit->date[0] ? hit->date : "-",
                             hit ? hit->sentence : "missed");
        if (gy && gm) {
            char want[16];
            snprintf(want, sizeof want, "%04d-%02d", gy % 10000, gm % 100);
            month++;
            month_ok += hit && !strncmp(hit->date, want, 7);
            if (gd) {
                snprintf(want, sizeof want, "%04d-%02d-%02d", gy % 10000, gm % 100, gd % 100);
                day++;
                day_ok += hit && !strcmp(hit->date, want);
            }
        }
        const char *cname = json_string_value(json_object_get(gold, "country"));
        char code[32];
        if (cname && strcmp(cname, "None") && !sr_engine_lookup(e, cname, code, sizeof code)) {
            ctry++;
            if (hit) {
                const char *got = hit->country[0] ? hit->country : hit->tgt[0] ? hit->tgt : hit->src;
                ctry_ok += !strncmp(got, code, 3);
            }
        }
    }
    put(res, "found", found, articles);
    put(res, "found_date_day", day_ok, day);
    put(res, "found_date_month", month_ok, month);
    put(res, "found_country", ctry_ok, ctry);
    recs_clear(&rs);
    free(rs.v);
    json_decref(root);
    return 0;
}

/* ---- the validation suites of the coders before sitrep (PETRARCH-2, TABARI) ----
 * Each gives records of a sentence or two with the codings its coder must produce, and the
 * dictionaries to code them with. sitrep codes each record's text as a plain article with
 * those dictionaries (sr_engine_open_compat) and compares SETS of (source, target, event
 * code): the peers compare lists in their own output order, which sitrep need not share.
 * A missing actor is "---" on both sides, as both suites write it. */

typedef struct triple { char src[64], tgt[64], code[16]; } triple;
typedef struct triples { triple *v; size_t n, cap; } triples;

static bool triples_has(const triples *s, const triple *t)
{
    for (size_t i = 0; i < s->n; i++)
        if (!strcmp(s->v[i].src, t->src) && !strcmp(s->v[i].tgt, t->tgt) && !strcmp(s->v[i].code, t->code)) return true;
    return false;
}

/* adds (src, tgt, code) unless it is there already: the comparison is of sets */
static void triples_add(triples *s, const char *src, const char *tgt, const char *code)
{
    triple t;
    snprintf(t.src, sizeof t.src, "%s", src && *src ? src : "---");
    snprintf(t.tgt, sizeof t.tgt, "%s", tgt && *tgt ? tgt : "---");
    snprintf(t.code, sizeof t.code, "%s", code ? code : "");
    if (triples_has(s, &t)) return;
    if (s->n == s->cap) { s->cap = s->cap ? s->cap * 2 : 8; s->v = realloc(s->v, s->cap * sizeof *s->v); if (!s->v) abort(); }
    s->v[s->n++] = t;
}

/* the same triples with codes cut to their root, as a set */
static void triples_roots(const triples *s, triples *out)
{
    out->n = 0;
    for (size_t i = 0; i < s->n; i++) {
        char root[3];
        snprintf(root, sizeof root, "%.2s", s->v[i].code);
        triples_add(out, s->v[i].src, s->v[i].tgt, root);
    }
}

static void triples_print(FILE *f, const triples *s)
{
    if (!s->n) fputs("(none)", f);
    for (size_t i = 0; i < s->n; i++) fprintf(f, "%s%s %s %s", i ? ", " : "", s->v[i].src, s->v[i].tgt, s->v[i].code);
}

/* The peer coders mark no modality: they code "will meet" and "could attack" as events,
 * and their suites expect them. A negated act ("did not attack") is no event for them
 * either, so only negated records are left out. */
static int collect_triple(void *ctx, const sr_event *ev)
{
    if (ev->factuality && !strcmp(ev->factuality, "negated")) return 0;
    triples_add(ctx, ev->source.code, ev->target.code, ev->cameo);
    return 0;
}

/* one record of a validation suite */
typedef struct vrec {
    char id[96];
    char date[11];            /* YYYY-MM-DD, or "" */
    char *text;
    triples want;
    bool open;                /* the codings listed are only some of those expected */
    bool changed_options;     /* coded while the suite had changed options sitrep does not apply */
    char set_opts[320];       /* "name<TAB>value" lines: the options sitrep applies, as they stand */
    bool peer_fails;          /* the suite marks it as a case its own coder does not pass */
} vrec;

typedef struct vsuite {
    vrec *v;
    size_t n, cap;
    const char *format;       /* for sr_engine_open_compat: "petrarch" or "tabari" */
    char *verbs, *agents, *discards, *options;
    char **actors;            /* NULL-terminated, or NULL */
    size_t nactors;
    size_t option_cmds;       /* option changes met in the suite */
    char skipped[512];        /* records left out and why, "7 ERROR, 3 ..." */
    size_t nskipped;
    const char *peer_mark;    /* how the suite marks peer_fails records, for the notes */
} vsuite;

static vrec *vsuite_add(vsuite *s)
{
    if (s->n == s->cap) { s->cap = s->cap ? s->cap * 2 : 256; s->v = realloc(s->v, s->cap * sizeof *s->v); if (!s->v) abort(); }
    vrec *r = &s->v[s->n++];
    memset(r, 0, sizeof *r);
    return r;
}

static void vsuite_free(vsuite *s)
{
    for (size_t i = 0; i < s->n; i++) { free(s->v[i].text); free(s->v[i].want.v); }
    free(s->v);
    free(s->verbs); free(s->agents); free(s->discards); free(s->options);
    for (size_t i = 0; i < s->nactors; i++) free(s->actors[i]);
    free(s->actors);
}

static void skipped(vsuite *s, size_t n, const char *why)
{
    if (!n) return;
    size_t l = strlen(s->skipped);
    snprintf(s->skipped + l, sizeof s->skipped - l, "%s%zu %s", l ? ", " : "", n, why);
    s->nskipped += n;
}

/* name, relative to the folder of the file at base unless absolute; malloc'd */
static char *path_beside(const char *base, const char *name)
{
    const char *slash = strrchr(base, '/');
    int dl = name[0] == '/' || !slash ? 0 : (int)(slash - base + 1);
    size_t n = (size_t)dl + strlen(name) + 1;
    char *p = malloc(n);
    if (!p) abort();
    snprintf(p, n, "%.*s%s", dl, base, name);
    return p;
}

/* collapses runs of white space to one blank and trims, in place */
static void squash_space(char *s)
{
    char *o = s;
    bool space = false;
    for (char *p = s; *p; p++) {
        if (isspace((unsigned char)*p)) { space = o > s; continue; }
        if (space) *o++ = ' ';
        space = false;
        *o++ = *p;
    }
    *o = 0;
}

static void copy_trimmed(char *out, size_t cap, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) { s++; n--; }
    while (n && isspace((unsigned char)s[n - 1])) n--;
    snprintf(out, cap, "%.*s", (int)n, s);
}

/* "YYYYMMDD" or "YYMMDD" (years 00-29 read as 20xx, as the TABARI suite's dates need) */
static void iso_date(const char *digits, size_t n, char out[11])
{
    out[0] = 0;
    if (n != 6 && n != 8) return;
    int y = 0, m, d;
    for (size_t i = 0; i < n - 4; i++) y = y * 10 + digits[i] - '0';
    if (n == 6) y += y < 30 ? 2000 : 1900;
    m = (digits[n - 4] - '0') * 10 + digits[n - 3] - '0';
    d = (digits[n - 2] - '0') * 10 + digits[n - 1] - '0';
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m, (unsigned)d);
}

/* ---- coding options that the suites change between records ----
 * Neither peer's option can be given to the engine per record yet, so they are tracked
 * only to count the records coded while the suite had them changed. A value of OFF or
 * FALSE is the same as not set. */

typedef struct optstate {
    struct { char key[48], base[128], cur[128]; } v[48];
    int n;
    const char *const (*defaults)[2];   /* the coder's defaults, for options its file does not set */
    size_t ndefaults;
    const char *const (*inert)[2];      /* {option, switch}: the option does nothing while switch is 0 */
    size_t ninert;
    const char *const *output;          /* options that change only what is written, not the codings */
    size_t noutput;
} optstate;

static void opt_norm(char *out, size_t cap, const char *val)
{
    snprintf(out, cap, "%s", val);
    squash_space(out);
    for (char *p = out; *p; p++) *p = (char)toupper((unsigned char)*p);
    size_t n = strlen(out);
    if (!strcmp(out, "OFF") || !strcmp(out, "FALSE") || (n > 4 && !strcmp(out + n - 4, " OFF"))) out[0] = 0;
}

static void opt_set(optstate *o, const char *key, const char *val, bool baseline)
{
    int i = 0;
    while (i < o->n && strcasecmp(o->v[i].key, key)) i++;
    if (i == o->n) {
        if (o->n == (int)(sizeof o->v / sizeof *o->v)) return;
        o->n++;
        snprintf(o->v[i].key, sizeof o->v[i].key, "%s", key);
        o->v[i].base[0] = 0;
        for (size_t d = 0; d < o->ndefaults; d++)
            if (!strcasecmp(o->defaults[d][0], key)) opt_norm(o->v[i].base, sizeof o->v[i].base, o->defaults[d][1]);
    }
    opt_norm(o->v[i].cur, sizeof o->v[i].cur, val);
    if (baseline) strcpy(o->v[i].base, o->v[i].cur);
}

static const char *opt_cur(const optstate *o, const char *key, bool base)
{
    for (int i = 0; i < o->n; i++) if (!strcasecmp(o->v[i].key, key)) return base ? o->v[i].base : o->v[i].cur;
    for (size_t d = 0; d < o->ndefaults; d++) if (!strcasecmp(o->defaults[d][0], key)) return o->defaults[d][1];
    return "";
}

/* options the engine takes (sr_engine_set_option): given to it before each record */
static const char *const APPLIED_OPTIONS[] = {
    "require_dyad",                                                                                      /* PETRARCH-2 */
    "DEFAULT", "SET: CONVERT AGENT", "SET: MINIMUM WORDS", "COMMA", "SET: CODE",                         /* TABARI */
};

static void opt_applied(const optstate *o, char *out, size_t cap)
{
    out[0] = 0;
    for (size_t i = 0; i < sizeof APPLIED_OPTIONS / sizeof *APPLIED_OPTIONS; i++) {
        bool known = false;   /* an option of this suite's coder */
        for (int k = 0; k < o->n && !known; k++) known = !strcasecmp(o->v[k].key, APPLIED_OPTIONS[i]);
        for (size_t k = 0; k < o->ndefaults && !known; k++) known = !strcasecmp(o->defaults[k][0], APPLIED_OPTIONS[i]);
        if (!known) continue;
        const char *v = opt_cur(o, APPLIED_OPTIONS[i], false);
        size_t n = strlen(out);
        /* a line "name<TAB>value"; an option switched off is "false" (or "OFF") */
        snprintf(out + n, cap - n, "%s\t%s\n", APPLIED_OPTIONS[i], v[0] ? v : !strcmp(APPLIED_OPTIONS[i], "DEFAULT") ? "OFF" : "false");
    }
}

static bool opt_changed(const optstate *o)
{
    for (int i = 0; i < o->n; i++) {
        if (!strcmp(o->v[i].base, o->v[i].cur)) continue;
        bool inert = false;
        for (size_t k = 0; k < sizeof APPLIED_OPTIONS / sizeof *APPLIED_OPTIONS && !inert; k++)
            inert = !strcasecmp(APPLIED_OPTIONS[k], o->v[i].key);
        for (size_t k = 0; k < o->noutput && !inert; k++) inert = !strcasecmp(o->output[k], o->v[i].key);
        for (size_t k = 0; k < o->ninert && !inert; k++)
            inert = !strcasecmp(o->inert[k][0], o->v[i].key) && !strcmp(opt_cur(o, o->inert[k][1], false), "0")
                    && !strcmp(opt_cur(o, o->inert[k][1], true), "0");
        if (!inert) return true;
    }
    return false;
}

/* ---- scoring, the same for both suites ---- */

typedef struct root_stat { char root[3]; size_t expected, missed; } root_stat;

static int cmp_worst(const void *a, const void *b)
{
    const root_stat *x = a, *y = b;
    if (x->missed != y->missed) return x->missed < y->missed ? 1 : -1;
    return strcmp(x->root, y->root);
}

static void count_root(root_stat *st, size_t *n, size_t cap, const char *code, bool missed)
{
    char root[3];
    snprintf(root, sizeof root, "%.2s", code);
    for (char *c = root; *c; c++) if (!isalnum((unsigned char)*c)) *c = '?';   /* printed in JSON */
    size_t i = 0;
    while (i < *n && strcmp(st[i].root, root)) i++;
    if (i == *n) {
        if (*n == cap) return;
        memset(&st[i], 0, sizeof st[i]);
        strcpy(st[i].root, root);
        (*n)++;
    }
    st[i].expected++;
    st[i].missed += missed;
}

static int score_vsuite(const suite_ctx *cx, const char *path, const vsuite *s, result *res)
{
    sr_compat_files files = { s->format, s->verbs, (const char *const *)s->actors, s->agents, s->discards, s->options };
    sr_engine *e;
    sr_error err = {0};
    if (sr_engine_open_compat(&e, &files, cx->data, &err)) {
        fprintf(stderr, "sitrep: %s: cannot load the suite's dictionaries: %s\n", path, err.message);
        return -1;
    }
    size_t pass = 0, tp = 0, got_n = 0, want_n = 0, rtp = 0, rgot_n = 0, rwant_n = 0, changed = 0, peer = 0, errors = 0;
    root_stat roots[128];
    size_t nroots = 0;
    triples got = {0}, wr = {0}, gr = {0};
    for (size_t i = 0; i < s->n; i++) {
        const vrec *r = &s->v[i];
        got.n = 0;
        char set[sizeof r->set_opts], *save = NULL;
        snprintf(set, sizeof set, "%s", r->set_opts);
        for (char *o = strtok_r(set, "\n", &save); o; o = strtok_r(NULL, "\n", &save)) {
            char *tab = strchr(o, '\t');
            if (tab) { *tab = 0; sr_engine_set_option(e, o, tab + 1, NULL); }
        }
        sr_article a = { r->id, r->text, strlen(r->text), r->date[0] ? r->date : NULL, NULL, NULL, true };
        sr_error cerr = {0};
        if (sr_code_article(e, &a, collect_triple, &got, NULL, &cerr) < 0) {
            errors++;
            got.n = 0;
            if (cx->verbose) fprintf(stderr, "  #%zu %s: cannot be coded: %s\n", i + 1, r->id, cerr.message);
        }
        size_t hit = 0, rhit = 0;
        for (size_t k = 0; k < r->want.n; k++) {
            bool found = triples_has(&got, &r->want.v[k]);
            hit += found;
            count_root(roots, &nroots, sizeof roots / sizeof *roots, r->want.v[k].code, !found);
        }
        triples_roots(&r->want, &wr);
        triples_roots(&got, &gr);
        for (size_t k = 0; k < wr.n; k++) rhit += triples_has(&gr, &wr.v[k]);
        /* an open record's extra codings are not errors: its list is known to be partial */
        bool ok = hit == r->want.n && (r->open || got.n == r->want.n);
        pass += ok;
        tp += hit; want_n += r->want.n; got_n += r->open ? hit : got.n;
        rtp += rhit; rwant_n += wr.n; rgot_n += r->open ? rhit : gr.n;
        changed += r->changed_options;
        peer += r->peer_fails;
        if (cx->verbose && !ok) {
            fprintf(stderr, "  #%zu %s%s%s: expected ", i + 1, r->id, r->open ? " (list open)" : "",
                    r->changed_options ? " (options changed)" : "");
            triples_print(stderr, &r->want);
            fputs("; got ", stderr);
            triples_print(stderr, &got);
            fprintf(stderr, "\n      %.160s\n", r->text);
        }
    }
    sr_engine_free(e);
    free(got.v); free(wr.v); free(gr.v);
    put(res, "sentences", pass, s->n);
    put(res, "precision", tp, got_n);
    put(res, "recall", tp, want_n);
    put_f1(res, "f1", res->nm - 2, res->nm - 1);
    put(res, "root_precision", rtp, rgot_n);
    put(res, "root_recall", rtp, rwant_n);
    put_f1(res, "root_f1", res->nm - 2, res->nm - 1);
    qsort(roots, nroots, sizeof *roots, cmp_worst);
    note(res, "worst roots, missed/expected:");
    note_json(res, ",\"worst_roots\":[");
    size_t k = 0;
    for (size_t i = 0; i < nroots && k < 5 && roots[i].missed; i++, k++) {
        note(res, "%s %s %zu/%zu", k ? "," : "", roots[i].root, roots[i].missed, roots[i].expected);
        note_json(res, "%s{\"root\":\"%s\",\"missed\":%zu,\"expected\":%zu}", k ? "," : "", roots[i].root, roots[i].missed,
                  roots[i].expected);
    }
    note(res, "%s\n", k ? "" : " none");
    note_json(res, "]");
    note_json(res, ",\"records\":%zu,\"expected\":%zu,\"coded\":%zu", s->n, want_n, got_n);
    if (changed) {
        note(res, "coded under changed options (%zu changes, not applied): %zu\n", s->option_cmds, changed);
        note_json(res, ",\"changed_option_records\":%zu", changed);
    }
    if (peer) {
        note(res, "marked %s (its own coder fails them): %zu\n", s->peer_mark, peer);
        note_json(res, ",\"peer_fails_records\":%zu", peer);
    }
    if (errors) {
        note(res, "not coded, counted as coding nothing: %zu\n", errors);
        note_json(res, ",\"errors\":%zu", errors);
    }
    if (s->nskipped) {
        note(res, "not scored: %s\n", s->skipped);
        note_json(res, ",\"not_scored\":%zu", s->nskipped);
    }
    return 0;
}

/* ---- PETRARCH-2 unit-test records (XML) ----
 * <Validation><Environment> names the dictionaries (<Verbfile>, <Actorfile>, <Agentfile>,
 * <Discardfile>), the categories to test (<Include>, <Exclude>) and options (<Config>);
 * then <Sentence date id category sentence> records, each with <EventCoding sourcecode
 * targetcode eventcode> (or noevents= / error=), <Text> and a <Parse> tree that sitrep does
 * not use. A <Config> between records changes an option from there on. Plain string
 * scanning: the file is regular, and libxml2 would be one more build dependency. */

typedef struct xtag {
    char name[32];
    const char *attrs; size_t alen;   /* between the name and '>' */
    bool end;                          /* </name> */
    const char *after;                 /* just past '>' */
} xtag;

/* the next tag at or after p, skipping <? ?> and <! > */
static bool xml_tag(const char *p, xtag *t)
{
    for (;;) {
        p = strchr(p, '<');
        if (!p) return false;
        const char *gt = strchr(p, '>');
        if (!gt) return false;
        if (p[1] == '?' || p[1] == '!') { p = gt + 1; continue; }
        const char *q = p + 1;
        t->end = *q == '/';
        q += t->end;
        size_t n = 0;
        while (isalnum((unsigned char)q[n]) || q[n] == '_' || q[n] == '-' || q[n] == ':' || q[n] == '.') n++;
        if (!n) { p = p + 1; continue; }
        snprintf(t->name, sizeof t->name, "%.*s", (int)n, q);
        t->attrs = q + n;
        t->alen = (size_t)(gt - t->attrs);
        if (t->alen && t->attrs[t->alen - 1] == '/') t->alen--;
        t->after = gt + 1;
        return true;
    }
}

/* decodes the five XML entities and numeric references in place */
static void xml_unescape(char *s)
{
    static const struct { const char *ent; char c; } ENT[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''},
    };
    char *o = s;
    for (char *p = s; *p;) {
        if (*p == '&') {
            bool done = false;
            for (size_t k = 0; k < sizeof ENT / sizeof *ENT && !done; k++)
                if (!strncmp(p, ENT[k].ent, strlen(ENT[k].ent))) { *o++ = ENT[k].c; p += strlen(ENT[k].ent); done = true; }
            if (done) continue;
            if (p[1] == '#') {
                char *end;
                long cp = p[2] == 'x' ? strtol(p + 3, &end, 16) : strtol(p + 2, &end, 10);
                if (*end == ';' && cp > 0 && cp < 0x110000) {
                    if (cp < 0x80) *o++ = (char)cp;
                    else if (cp < 0x800) { *o++ = (char)(0xC0 | cp >> 6); *o++ = (char)(0x80 | (cp & 0x3F)); }
                    else if (cp < 0x10000) { *o++ = (char)(0xE0 | cp >> 12); *o++ = (char)(0x80 | (cp >> 6 & 0x3F)); *o++ = (char)(0x80 | (cp & 0x3F)); }
                    else { *o++ = (char)(0xF0 | cp >> 18); *o++ = (char)(0x80 | (cp >> 12 & 0x3F)); *o++ = (char)(0x80 | (cp >> 6 & 0x3F)); *o++ = (char)(0x80 | (cp & 0x3F)); }
                    p = end + 1;
                    continue;
                }
            }
        }
        *o++ = *p++;
    }
    *o = 0;
}

/* attribute name="v" or name = 'v' of tag t into out; false when absent */
static bool xml_attr(const xtag *t, const char *name, char *out, size_t cap)
{
    const char *p = t->attrs, *end = t->attrs + t->alen;
    while (p < end) {
        while (p < end && isspace((unsigned char)*p)) p++;
        const char *n = p;
        while (p < end && !isspace((unsigned char)*p) && *p != '=') p++;
        size_t nl = (size_t)(p - n);
        while (p < end && isspace((unsigned char)*p)) p++;
        if (p >= end || *p != '=') { if (p == n) p++; continue; }
        p++;
        while (p < end && isspace((unsigned char)*p)) p++;
        if (p >= end || (*p != '"' && *p != '\'')) continue;
        char q = *p++;
        const char *v = p;
        while (p < end && *p != q) p++;
        if (nl == strlen(name) && !strncmp(n, name, nl)) {
            snprintf(out, cap, "%.*s", (int)(p - v), v);
            xml_unescape(out);
            return true;
        }
        p++;
    }
    return false;
}

/* the text of the element whose start tag ends at p, up to </name> (or the end); malloc'd */
static char *xml_content(const char *p, const char *name, const char **close)
{
    char pat[40];
    snprintf(pat, sizeof pat, "</%s", name);
    const char *c = strstr(p, pat);
    if (!c) c = p + strlen(p);
    if (close) *close = c;
    char *s = dupn(p, (size_t)(c - p));
    xml_unescape(s);
    squash_space(s);
    return s;
}

/* the document without <!-- comments -->, which hold old records and notes */
static char *xml_strip_comments(const char *s, size_t len)
{
    char *out = malloc(len + 1), *o = out;
    if (!out) abort();
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *c = memmem(p, (size_t)(end - p), "<!--", 4);
        if (!c) c = end;
        memcpy(o, p, (size_t)(c - p));
        o += c - p;
        if (c == end) break;
        const char *ce = memmem(c + 4, (size_t)(end - c - 4), "-->", 3);
        p = ce ? ce + 3 : end;
    }
    *o = 0;
    return out;
}

static bool in_words(const char *list, const char *w)
{
    size_t n = strlen(w);
    if (!n) return false;
    for (const char *p = list; (p = strstr(p, w)); p += n)
        if ((p == list || isspace((unsigned char)p[-1])) && (!p[n] || isspace((unsigned char)p[n]))) return true;
    return false;
}

/* PETRARCH-2's defaults (its PETR_config.ini), for options the suite changes */
static const char *const PETRARCH_DEFAULTS[][2] = {
    {"new_actor_length", "0"}, {"require_dyad", "true"}, {"stop_on_error", "false"},
    {"comma_min", "2"}, {"comma_max", "8"}, {"comma_bmin", "0"}, {"comma_bmax", "0"},
    {"comma_emin", "2"}, {"comma_emax", "8"},
};

/* options that change no coding (what happens on an error) */
static const char *const PETRARCH_OUTPUT[] = { "stop_on_error" };

/* a comma_*min does nothing while its comma_*max is 0 ("to deactivate, set the max to zero") */
static const char *const PETRARCH_INERT[][2] = {
    {"comma_min", "comma_max"}, {"comma_bmin", "comma_bmax"}, {"comma_emin", "comma_emax"},
};

/* <Environment> children naming files; a row per element */
enum { DICT_VERBS, DICT_ACTORS, DICT_AGENTS, DICT_DISCARDS, DICT_OPTIONS };
static const struct { const char *element; int slot; } PETRARCH_FILES[] = {
    {"Verbfile", DICT_VERBS}, {"Actorfile", DICT_ACTORS}, {"Agentfile", DICT_AGENTS}, {"Discardfile", DICT_DISCARDS},
};

static void set_dict(vsuite *s, int slot, char *path)
{
    char **p = slot == DICT_VERBS ? &s->verbs : slot == DICT_AGENTS ? &s->agents : slot == DICT_DISCARDS ? &s->discards
             : slot == DICT_OPTIONS ? &s->options : NULL;
    if (p) { free(*p); *p = path; return; }
    s->actors = realloc(s->actors, (s->nactors + 2) * sizeof *s->actors);
    if (!s->actors) abort();
    s->actors[s->nactors++] = path;
    s->actors[s->nactors] = NULL;
}

static void petrarch_environment(vsuite *s, const char *path, const char *p, const char *end, char *include,
                                 char *exclude, size_t cap, optstate *opts)
{
    xtag t;
    while (xml_tag(p, &t) && t.after <= end) {
        p = t.after;
        if (t.end) continue;
        char v[1024];
        for (size_t k = 0; k < sizeof PETRARCH_FILES / sizeof *PETRARCH_FILES; k++) {
            if (strcmp(t.name, PETRARCH_FILES[k].element)) continue;
            if (!xml_attr(&t, "name", v, sizeof v)) { char *c = xml_content(p, t.name, NULL); snprintf(v, sizeof v, "%s", c); free(c); }
            if (v[0]) set_dict(s, PETRARCH_FILES[k].slot, path_beside(path, v));
        }
        if (!strcmp(t.name, "Include") || !strcmp(t.name, "Exclude")) {
            if (!xml_attr(&t, "categories", v, sizeof v)) { char *c = xml_content(p, t.name, NULL); snprintf(v, sizeof v, "%s", c); free(c); }
            snprintf(t.name[0] == 'I' ? include : exclude, cap, "%s", v);
        }
        char val[128];
        if (!strcmp(t.name, "Config") && xml_attr(&t, "option", v, sizeof v) && xml_attr(&t, "value", val, sizeof val))
            opt_set(opts, v, val, true);
    }
}

/* one <Sentence> whose body runs from p to end, unless its category is left out; counts
 * are ERROR, not included, <Skip>, scored */
static void petrarch_sentence(vsuite *s, const xtag *st, const char *p, const char *end, const char *include,
                              const char *exclude, const optstate *opts, size_t counts[4])
{
    char cat[64] = "", v[128];
    xml_attr(st, "category", cat, sizeof cat);
    /* ERROR records test the peer's handling of malformed parse trees and datelines */
    if (!strcmp(cat, "ERROR")) { counts[0]++; return; }
    /* no <Include>: every category */
    if ((include[0] && !in_words(include, cat)) || in_words(exclude, cat)) { counts[1]++; return; }
    char *body = dupn(p, (size_t)(end - p));
    if (strstr(body, "<Skip")) { counts[2]++; free(body); return; }
    vrec *r = vsuite_add(s);
    if (!xml_attr(st, "id", r->id, sizeof r->id) || !r->id[0]) snprintf(r->id, sizeof r->id, "record-%zu", s->n);
    if (xml_attr(st, "date", v, sizeof v)) iso_date(v, strlen(v), r->date);
    if (xml_attr(st, "sentence", v, sizeof v) && !strcasecmp(v, "false")) r->peer_fails = true;
    r->changed_options = opt_changed(opts);
    opt_applied(opts, r->set_opts, sizeof r->set_opts);
    xtag t;
    for (const char *q = body; xml_tag(q, &t); q = t.after) {
        if (t.end) continue;
        char src[64], tgt[64], code[16];
        if (!strcmp(t.name, "EventCoding") && xml_attr(&t, "eventcode", code, sizeof code)) {
            if (!xml_attr(&t, "sourcecode", src, sizeof src)) src[0] = 0;
            if (!xml_attr(&t, "targetcode", tgt, sizeof tgt)) tgt[0] = 0;
            triples_add(&r->want, src, tgt, code);
        }
        /* noevents="True" and error="..." codings expect nothing: no triple */
        if (!strcmp(t.name, "Text") && !r->text) r->text = xml_content(t.after, "Text", NULL);
    }
    if (!r->text) r->text = strdup("");
    if (!r->text) abort();
    counts[3]++;
    free(body);
}

static int load_petrarch(const char *path, vsuite *s)
{
    char *raw, msg[1024];
    size_t len;
    if (cli_read_file(path, &raw, &len, msg, sizeof msg)) { fprintf(stderr, "sitrep: %s\n", msg); return -1; }
    char *doc = xml_strip_comments(raw, len);
    free(raw);
    s->format = "petrarch";
    s->peer_mark = "sentence=\"false\"";
    char include[1024] = "", exclude[1024] = "";
    optstate opts = { .defaults = PETRARCH_DEFAULTS, .ndefaults = sizeof PETRARCH_DEFAULTS / sizeof *PETRARCH_DEFAULTS,
                      .inert = PETRARCH_INERT, .ninert = sizeof PETRARCH_INERT / sizeof *PETRARCH_INERT,
                      .output = PETRARCH_OUTPUT, .noutput = sizeof PETRARCH_OUTPUT / sizeof *PETRARCH_OUTPUT };
    size_t counts[4] = {0};   /* ERROR, not included, <Skip>, scored */
    bool env = false;
    xtag t;
    for (const char *p = doc; xml_tag(p, &t);) {
        p = t.after;
        if (t.end) continue;
        if (!strcmp(t.name, "Stop")) break;
        const char *close;
        if (!strcmp(t.name, "Environment")) {
            close = strstr(p, "</Environment");
            if (!close) close = p + strlen(p);
            petrarch_environment(s, path, p, close, include, exclude, sizeof include, &opts);
            env = true;
            p = close;
        } else if (!strcmp(t.name, "Config")) {
            char o[64], v[128];
            if (xml_attr(&t, "option", o, sizeof o) && xml_attr(&t, "value", v, sizeof v)) { opt_set(&opts, o, v, false); s->option_cmds++; }
        } else if (!strcmp(t.name, "Sentence")) {
            close = strstr(p, "</Sentence");
            if (!close) close = p + strlen(p);
            petrarch_sentence(s, &t, p, close, include, exclude, &opts, counts);
            p = close;
        }
    }
    free(doc);
    if (!env || !s->verbs) { fprintf(stderr, "sitrep: %s: no <Environment> naming a <Verbfile>\n", path); return -1; }
    if (!counts[3]) { fprintf(stderr, "sitrep: %s: no <Sentence> record in its <Include> categories\n", path); return -1; }
    skipped(s, counts[0], "ERROR");
    skipped(s, counts[1], "not in <Include> (or <Exclude>d)");
    skipped(s, counts[2], "<Skip>");
    return 0;
}

static int run_petrarch(const suite_ctx *cx, const char *path, result *res)
{
    vsuite s;
    memset(&s, 0, sizeof s);
    int rc = load_petrarch(path, &s);
    if (!rc) rc = score_vsuite(cx, path, &s, res);
    vsuite_free(&s);
    return rc;
}

/* ---- TABARI validation suite ----
 * X.project names the dictionaries (<actorsfile>, may repeat; <verbsfile>, <agentsfile>,
 * <optionsfile>) and the text (<textfile>). A text record is a line "YYMMDD  ID" (YYYYMMDD
 * once the suite sets YYYY) and the lines after it up to a blank line; the text is what
 * comes before the comment opener, "\n" marking a display line break. The comment holds
 * the expected codings, read as TABARI's own validator (checkEvents) reads them:
 *   { SRC / TGT / CODE } [date] [label]   a coding; trailing date and label are not compared
 *   {---} {###} {+++}                     no event (no verb matched / discarded / too complex)
 *                                         when it is the first block
 *   -{ ... }                              not checked from here on: first block -> the record
 *                                         is not scored; later -> the list is open
 *   { OPTION: CMD: ... }                  a control record changing coding options from here
 *                                         on (not scored)
 * Records from the one that says it is "the end of the standard validation records" (and
 * holds no codings) on are tests needing other settings, and are not scored. */

/* TABARI's defaults for options its .options file does not set, as the suite's own "reset
 * to the default" records give them */
static const char *const TABARI_DEFAULTS[][2] = {
    {"SET: CODE", "BY CLAUSE"}, {"SET: MINIMUM WORDS", "8"},
    {"COMMA", "MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255 BMAX = 0"},
};

/* options that change what TABARI writes or asks, not the (source, target, code) compared
 * here: TIME SHIFT moves only the event's date */
static const char *const TABARI_OUTPUT[] = {
    "OUTPUT", "SET: LABEL", "SET: TIME SHIFT", "SET: VERB USAGE", "SET: ACTOR USAGE", "SET: AGENT USAGE",
    "SET: SKIP RECORDS", "SET: DUP WARNING",
};

/* "CMD: rest" (an .options line or the part after OPTION:) into opts; LABEL lines only
 * name codes */
static void tabari_option(optstate *opts, const char *line, size_t n, bool baseline)
{
    char l[256], key[96], val[160];
    copy_trimmed(l, sizeof l, line, n);
    char *colon = strchr(l, ':');
    if (!colon || !strncasecmp(l, "LABEL", 5)) return;
    *colon = 0;
    char *rest = colon + 1;
    while (isspace((unsigned char)*rest)) rest++;
    if (!strcasecmp(l, "SET")) {
        char *eq = strchr(rest, '=');
        if (eq) {   /* SET: NAME = VALUE */
            *eq = 0;
            snprintf(key, sizeof key, "SET: %s", rest);
            snprintf(val, sizeof val, "%s", eq + 1);
        } else {    /* SET: CODE BY CLAUSE: the first word names it */
            size_t w = strcspn(rest, " \t");
            snprintf(key, sizeof key, "SET: %.*s", (int)w, rest);
            snprintf(val, sizeof val, "%s", rest + w);
        }
        squash_space(key);
    } else {
        snprintf(key, sizeof key, "%.90s", l);
        snprintf(val, sizeof val, "%s", rest);
    }
    opt_set(opts, key, val, baseline);
}

/* .project tags: the prefix of the tag name (as TABARI reads them) -> file slot */
enum { PROJECT_TEXT = 100 };
static const struct { const char *prefix; int slot; } PROJECT_TAGS[] = {
    {"actor", DICT_ACTORS}, {"agent", DICT_AGENTS}, {"verb", DICT_VERBS}, {"option", DICT_OPTIONS}, {"text", PROJECT_TEXT},
};

/* reads a .project into s (dictionaries) and *text (the text file, malloc'd); with s NULL
 * only the text file is read */
static int read_project(const char *project, vsuite *s, char **text)
{
    char *buf, msg[1024];
    size_t len;
    if (cli_read_file(project, &buf, &len, msg, sizeof msg)) { fprintf(stderr, "sitrep: %s\n", msg); return -1; }
    *text = NULL;
    for (size_t pos = 0; pos < len;) {
        const char *line = buf + pos, *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        char l[1024];
        copy_trimmed(l, sizeof l, line, n);
        char *gt = strchr(l, '>');
        if (l[0] != '<' || !gt) continue;
        *gt = 0;
        char *v = gt + 1, *lt = strchr(v, '<');
        if (lt) *lt = 0;
        squash_space(v);
        if (!*v) continue;
        for (size_t k = 0; k < sizeof PROJECT_TAGS / sizeof *PROJECT_TAGS; k++) {
            if (strncasecmp(l + 1, PROJECT_TAGS[k].prefix, strlen(PROJECT_TAGS[k].prefix))) continue;
            if (PROJECT_TAGS[k].slot == PROJECT_TEXT) { if (!*text) *text = path_beside(project, v); }
            else if (s) set_dict(s, PROJECT_TAGS[k].slot, path_beside(project, v));
        }
    }
    free(buf);
    return 0;
}

static const char *base_of(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* the .project beside the text that names it: X.project for X.text first, then any */
static char *find_project(const char *text)
{
    const char *dot = strrchr(base_of(text), '.');
    size_t keep = dot ? (size_t)(dot - text) : strlen(text);
    char *p = malloc(keep + 9);
    if (!p) abort();
    snprintf(p, keep + 9, "%.*s.project", (int)keep, text);
    struct stat st;
    if (!stat(p, &st) && S_ISREG(st.st_mode)) return p;
    free(p);
    char dir[4096];
    const char *slash = strrchr(text, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - text) : 1, slash ? text : ".");
    DIR *d = opendir(dir);
    if (!d) return NULL;
    struct dirent *de;
    char *found = NULL;
    while (!found && (de = readdir(d))) {
        size_t l = strlen(de->d_name);
        if (l < 9 || strcmp(de->d_name + l - 8, ".project")) continue;
        char pp[4096 + 256];
        snprintf(pp, sizeof pp, "%s/%s", dir, de->d_name);
        char *t = NULL;
        if (!read_project(pp, NULL, &t) && t && !strcmp(base_of(t), base_of(text))) found = strdup(pp);
        free(t);
    }
    closedir(d);
    return found;
}

/* the expected codings in the comment of a record, from its first '{' (not a -{ }) */
static void tabari_expected(const char *c, vrec *r)
{
    for (const char *b = c; (b = strchr(b, '{'));) {
        if (b > c && b[-1] == '-') { r->open = true; break; }
        const char *e = strchr(b, '}');
        if (!e) break;
        char in[256];
        copy_trimmed(in, sizeof in, b + 1, (size_t)(e - b - 1));
        b = e + 1;
        if (strchr(in, '/')) {
            char f[3][64] = {"", "", ""};
            const char *p = in;
            for (int k = 0; k < 3; k++) {
                size_t n = strcspn(p, "/");
                copy_trimmed(f[k], sizeof f[k], p, n);
                p += n + (p[n] == '/');
            }
            triples_add(&r->want, f[0], f[1], f[2]);
        } else if (in[0] && !r->want.n) break;   /* {---} {###} {+++} first: no event */
    }
}

static int load_tabari(const char *path, const char *head, vsuite *s)
{
    char *text_path = NULL, *project = NULL;
    if (strstr(head, "<textfile>")) {   /* given the .project */
        project = strdup(path);
        if (!project) abort();
    } else {
        project = find_project(path);
        if (!project) { fprintf(stderr, "sitrep: %s: no .project beside it naming its dictionaries\n", path); return -1; }
    }
    int rc = read_project(project, s, &text_path);
    if (!rc && !text_path) { fprintf(stderr, "sitrep: %s: no <textfile>\n", project); rc = -1; }
    if (!rc && !s->verbs) { fprintf(stderr, "sitrep: %s: no <verbsfile>\n", project); rc = -1; }
    free(project);
    if (rc) { free(text_path); return -1; }
    s->format = "tabari";
    s->peer_mark = "";
    optstate opts = { .defaults = TABARI_DEFAULTS, .ndefaults = sizeof TABARI_DEFAULTS / sizeof *TABARI_DEFAULTS,
                      .output = TABARI_OUTPUT, .noutput = sizeof TABARI_OUTPUT / sizeof *TABARI_OUTPUT };
    char *buf, msg[1024];
    size_t len;
    if (s->options) {   /* its settings are the baseline the suite's OPTION records change */
        if (cli_read_file(s->options, &buf, &len, msg, sizeof msg)) { fprintf(stderr, "sitrep: %s\n", msg); free(text_path); return -1; }
        for (size_t pos = 0; pos < len;) {
            const char *line = buf + pos, *nl = memchr(line, '\n', len - pos);
            size_t n = nl ? (size_t)(nl - line) : len - pos;
            pos += n + 1;
            if (n >= 2 && line[0] == '/' && line[1] == '/') continue;
            tabari_option(&opts, line, n, true);
        }
        free(buf);
    }
    if (cli_read_file(text_path, &buf, &len, msg, sizeof msg)) { fprintf(stderr, "sitrep: %s\n", msg); free(text_path); return -1; }
    free(text_path);
    size_t n_option = 0, n_unchecked = 0, n_none = 0, n_after = 0;
    bool ended = false;
    for (size_t pos = 0; pos < len;) {
        const char *line = buf + pos, *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        if (!n || !isdigit((unsigned char)line[0])) continue;
        /* a record: this line and the ones after it up to a blank line */
        if (pos > len) pos = len;
        size_t start = pos, end = pos;
        while (end < len) {
            const char *l2 = buf + end, *nl2 = memchr(l2, '\n', len - end);
            size_t n2 = nl2 ? (size_t)(nl2 - l2) : len - end;
            size_t k = 0;
            while (k < n2 && isspace((unsigned char)l2[k])) k++;
            if (k == n2) break;
            end += n2 + 1;
        }
        if (end > len) end = len;
        pos = end;
        if (ended) { n_after++; continue; }
        char *body = dupn(buf + start, end - start);
        char *cm = strstr(body, "/*");
        char *first = cm ? strchr(cm, '{') : NULL;
        if (!first) {   /* TABARI's validator stops at a record without codings */
            if (strcasestr(body, "end of the standard validation record")) { ended = true; n_after++; }
            else n_none++;
            free(body);
            continue;
        }
        if (strstr(first, "OPTION:")) {
            for (const char *o = strstr(first, "OPTION:"); o; o = strstr(o, "OPTION:")) {
                o += 7;
                size_t k = strcspn(o, "}\n");
                const char *star = strstr(o, "*/");
                if (star && (size_t)(star - o) < k) k = (size_t)(star - o);
                tabari_option(&opts, o, k, false);
                s->option_cmds++;
            }
            n_option++;
            free(body);
            continue;
        }
        if (first[-1] == '-') { n_unchecked++; free(body); continue; }
        vrec *r = vsuite_add(s);
        size_t d = 0;
        while (d < n && isdigit((unsigned char)line[d])) d++;
        iso_date(line, d, r->date);
        copy_trimmed(r->id, sizeof r->id, line + d, n - d);
        *cm = 0;
        for (char *p = body; (p = strstr(p, "\\n"));) { p[0] = ' '; p[1] = ' '; }
        squash_space(body);
        r->text = strdup(body);
        if (!r->text) abort();
        tabari_expected(first, r);   /* first lies past cm, untouched */
        r->changed_options = opt_changed(&opts);
        opt_applied(&opts, r->set_opts, sizeof r->set_opts);
        free(body);
    }
    free(buf);
    if (!s->n) { fprintf(stderr, "sitrep: %s: no validation records\n", path); return -1; }
    skipped(s, n_option, "OPTION");
    skipped(s, n_unchecked, "unchecked -{ }");
    skipped(s, n_none, "without codings");
    skipped(s, n_after, "from the end-of-standard-records record on");
    return 0;
}

static int run_tabari(const suite_ctx *cx, const char *path, result *res)
{
    char head[8192] = "";
    FILE *f = fopen(path, "r");
    if (f) { size_t k = fread(head, 1, sizeof head - 1, f); head[k] = 0; fclose(f); }
    vsuite s;
    memset(&s, 0, sizeof s);
    int rc = load_tabari(path, head, &s);
    if (!rc) rc = score_vsuite(cx, path, &s, res);
    vsuite_free(&s);
    return rc;
}

/* ---- suites ---- */

static bool is_gold(const char *path, const char *head) { (void)head; size_t n = strlen(path); return n > 10 && !strcmp(path + n - 10, ".gold.json"); }
static bool is_gsr(const char *path, const char *head) { (void)path; return strstr(head, "PLOVER-GSR") != NULL; }
static bool is_hrd(const char *path, const char *head) { (void)path; return strstr(head, "Input.article_interface") || strstr(head, "merged_sample"); }
static bool is_petrarch(const char *path, const char *head) { (void)path; return strstr(head, "<Validation") && strstr(head, "<Environment"); }

/* a TABARI .project, or a text of records "YYMMDD  ID" with codings "{ A / B / C }" in comments */
static bool is_tabari(const char *path, const char *head)
{
    (void)path;
    if (strstr(head, "<textfile>") && strstr(head, "<verbsfile>")) return true;
    if (!strstr(head, "/*")) return false;
    bool record = false, coding = strstr(head, "OPTION:") != NULL;
    for (const char *l = head; l && !record; l = strchr(l, '\n')) {
        l += *l == '\n';
        size_t d = strspn(l, "0123456789");
        record = (d == 6 || d == 8) && (l[d] == ' ' || l[d] == '\t');
    }
    for (const char *b = strchr(head, '{'); b && !coding; b = strchr(b + 1, '{')) {
        const char *e = strchr(b, '}'), *s1 = strchr(b, '/');
        const char *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
        coding = e && s2 && s2 < e && !memchr(b, '\n', (size_t)(e - b));
    }
    return record && coding;
}

/* a row per kind of suite: how to recognise it, what to call it, how to run it */
static const struct {
    const char *kind;
    bool (*detect)(const char *path, const char *head);
    int (*run)(const suite_ctx *, const char *, result *);
} SUITES[] = {
    { "gold", is_gold, run_gold },
    { "plover-gsr", is_gsr, run_gsr },
    { "hrdsattack", is_hrd, run_hrd },
    { "petrarch2", is_petrarch, run_petrarch },
    { "tabari", is_tabari, run_tabari },     /* last: its test is the loosest */
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
            if (!r->m[i].ceiling && !r->m[i].derived) printf(",\"%s_n\":[%zu,%zu]", r->m[i].name, r->m[i].num, r->m[i].den);
        }
        printf("%s}\n", r->notes_json);
        return;
    }
    for (int i = 0; i < r->nm; i++) {
        if (r->m[i].ceiling) printf("%-44s %-20s %8.0f\n", i ? "" : r->name, r->m[i].name, value(r, i));
        else if (r->m[i].derived) printf("%-44s %-20s %8.3f\n", i ? "" : r->name, r->m[i].name, value(r, i));
        else printf("%-44s %-20s %8.3f %7zu/%zu\n", i ? "" : r->name, r->m[i].name, value(r, i), r->m[i].num, r->m[i].den);
    }
    for (const char *l = r->notes; *l;) {
        const char *nl = strchr(l, '\n');
        int n = nl ? (int)(nl - l) : (int)strlen(l);
        printf("%-44s %.*s\n", "", n, l);
        l += n + (nl != NULL);
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
    const char *pw = sr_engine_place_warning(e);
    if (pw) fprintf(stderr, "sitrep: warning: %s\n", pw);
    if (!json) printf("%-44s %-20s %8s %s\n", "suite", "metric", "value", "  n");
    for (size_t i = 0; i < nf; i++) {
        char head[8192] = "";
        FILE *f = fopen(files[i], "r");
        if (f) { size_t k = fread(head, 1, sizeof head - 1, f); head[k] = 0; fclose(f); }
        int kind = -1;
        for (size_t s = 0; s < sizeof SUITES / sizeof *SUITES && kind < 0; s++)
            if (SUITES[s].detect(files[i], head)) kind = (int)s;
        if (kind < 0) {
            fprintf(stderr, "sitrep: %s: not a suite sitrep reads (expected X.gold.json, a PLOVER GSR or HRDsAttack file, PETRARCH-2 unit tests or a TABARI suite)\n", files[i]);
            failed++;
            continue;
        }
        result r;
        memset(&r, 0, sizeof r);
        char stem[100];
        base_stem(files[i], stem, sizeof stem);
        if (!strcmp(SUITES[kind].kind, "gold")) snprintf(r.name, sizeof r.name, "%s", stem);
        else snprintf(r.name, sizeof r.name, "%s:%s", SUITES[kind].kind, stem);
        suite_ctx cx = { e, data, verbose };
        if (SUITES[kind].run(&cx, files[i], &r)) { failed++; continue; }
        print_result(&r, json);
        failed += check_floors(floors, &r);
    }
    for (size_t i = 0; i < nf; i++) free(files[i]);
    free(files);
    sr_engine_free(e);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
}
