/* export: the store's merged events in other people's formats (GDELT 2.0 event table,
 * ACLED-like CSV, PLOVER JSON lines), as sitrep's own CSV and cluster JSON, and the store
 * itself as JSON lines (an article a line with its records) that ingest reads back. Each
 * column's source is documented in docs/STORE.md; the tables below are the mapping. */
#include "store.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV and TSV fields ---- */

static void csv_field(FILE *out, const char *s, bool last)
{
    if (s && strpbrk(s, ",\"\n\r")) {
        fputc('"', out);
        for (const char *p = s; *p; p++) { if (*p == '"') fputc('"', out); fputc(*p, out); }
        fputc('"', out);
    } else if (s) fputs(s, out);
    fputc(last ? '\n' : ',', out);
}

/* GDELT's files have no quoting: tabs and line breaks in a value become spaces */
static void tsv_field(FILE *out, const char *s, bool last)
{
    for (const char *p = s ? s : ""; *p; p++) fputc(*p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p, out);
    fputc(last ? '\n' : '\t', out);
}

static const char *num(char *b, size_t cap, long v) { if (v < 0) return ""; snprintf(b, cap, "%ld", v); return b; }

/* ---- sitrep's CSV and JSON of a cluster ---- */

/* the CSV columns: a row per column, its header and the cluster member it shows */
enum { CV_S, CV_L, CV_D, CV_I, CV_B, CV_GEO, CV_ID };   /* CV_ID: an id, 0 for none */
static const struct { const char *name; int kind; size_t off; } CSV_COLS[] = {
#define S(n, f) { n, CV_S, offsetof(sr_cluster, f) }
#define L(n, f) { n, CV_L, offsetof(sr_cluster, f) }
#define I(n, f) { n, CV_I, offsetof(sr_cluster, f) }
    { "cluster", CV_B, 0 }, S("date", date), S("date_precision", date_precision), S("root", root), S("cameo", cameo),
    S("plover", plover), { "goldstein", CV_D, offsetof(sr_cluster, goldstein) }, I("quad", quad),
    S("source", source), S("target", target), S("source_name", source_name), S("target_name", target_name),
    S("factuality", factuality), S("place", place), S("country", country), S("admin1", admin1),
    { "lat", CV_GEO, offsetof(sr_cluster, lat) }, { "lon", CV_GEO, offsetof(sr_cluster, lon) },
    { "geonames_id", CV_ID, offsetof(sr_cluster, geonames_id) }, S("place_precision", place_precision),
    L("killed_low", killed_low), L("killed_best", killed_best), L("killed_high", killed_high),
    S("toll_kind", toll_kind), L("injured", injured_best), L("arrested", arrested_best), I("mentions", mentions),
    I("sources", sources), I("articles", articles), S("outlets", outlets), S("first_outlet", first_outlet),
    S("first_url", first_url), S("first_doc", first_doc), S("first_published", first_date), S("sentence", sentence),
#undef S
#undef L
#undef I
};
enum { NCSV = sizeof CSV_COLS / sizeof *CSV_COLS };

void sr_export_csv_header(FILE *out)
{
    for (int i = 0; i < NCSV; i++) csv_field(out, CSV_COLS[i].name, i == NCSV - 1);
}

/* the value of column i as text (NULL for none) in b */
static const char *csv_value(const sr_cluster *c, int i, char *b, size_t cap)
{
    const char *p = (const char *)c + CSV_COLS[i].off;
    switch (CSV_COLS[i].kind) {
    case CV_S: return *(const char *const *)p;
    case CV_L: return *(const long *)p < 0 ? NULL : (snprintf(b, cap, "%ld", *(const long *)p), b);
    case CV_I: snprintf(b, cap, "%d", *(const int *)p); return b;
    case CV_D: snprintf(b, cap, "%.1f", *(const double *)p); return b;
    case CV_GEO: return c->has_geo ? (snprintf(b, cap, "%.5f", *(const double *)p), b) : NULL;
    case CV_ID: return *(const int64_t *)p ? (snprintf(b, cap, "%lld", (long long)*(const int64_t *)p), b) : NULL;
    default: snprintf(b, cap, "%lld", (long long)c->id); return b;
    }
}

int sr_export_cluster_csv(const sr_cluster *c, FILE *out)
{
    char b[64];
    for (int i = 0; i < NCSV; i++) csv_field(out, csv_value(c, i, b, sizeof b), i == NCSV - 1);
    return ferror(out) ? SR_EIO : 0;
}

int sr_export_cluster_json(const sr_cluster *c, FILE *out)
{
    json_t *o = json_object();
    char b[64];
    for (int i = 0; i < NCSV; i++) {
        const char *v = csv_value(c, i, b, sizeof b);
        json_t *j;
        int k = CSV_COLS[i].kind;
        if (!v) j = json_null();
        else if (k == CV_S) j = json_string(v);
        else if (k == CV_D || k == CV_GEO) j = json_real(strtod(v, NULL));
        else j = json_integer(strtoll(v, NULL, 10));
        json_object_set_new(o, CSV_COLS[i].name, j ? j : json_null());
    }
    json_object_set_new(o, "root_event", json_boolean(c->root_event));
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(o);
    return rc || ferror(out) ? SR_EIO : 0;
}

/* ---- GDELT 2.0 event table ---- */

/* the organisation prefixes of CAMEO actor codes: their next three letters are a known group */
static const char *const ORG_PREFIXES[] = { "IGO", "NGO", "MNC", "NGM" };

static bool is_org(const char *code)
{
    for (size_t i = 0; i < sizeof ORG_PREFIXES / sizeof *ORG_PREFIXES; i++)
        if (code && !strncmp(code, ORG_PREFIXES[i], 3)) return true;
    return false;
}

/* the actor columns of GDELT: Code, Name, CountryCode, KnownGroupCode, EthnicCode,
 * Religion1Code, Religion2Code, Type1Code, Type2Code, Type3Code */
static void gdelt_actor(FILE *out, const char *code, const char *name)
{
    char country[4] = "", group[4] = "", type[3][4] = { "", "", "" };
    if (code && strcmp(code, "---") && strlen(code) >= 3) {
        if (is_org(code)) snprintf(group, sizeof group, "%.3s", code + 3);
        else snprintf(country, sizeof country, "%.3s", code);
        for (int t = 0; t < 3 && strlen(code) >= (size_t)(6 + 3 * t); t++) snprintf(type[t], 4, "%.3s", code + 3 + 3 * t);
        if (is_org(code)) type[0][0] = 0;
    }
    tsv_field(out, code && strcmp(code, "---") ? code : "", false);
    tsv_field(out, name, false);
    tsv_field(out, country, false);
    tsv_field(out, group, false);
    tsv_field(out, "", false);
    tsv_field(out, "", false);
    tsv_field(out, "", false);
    for (int t = 0; t < 3; t++) tsv_field(out, type[t], false);
}

/* GDELT's geographic resolution (ActionGeo_Type) of a place by the record's `precision`,
 * with its United States variant: a row per precision. A place without one (records from
 * before it) is a city unless it names the country. */
static const struct { const char *precision; const char *type, *us_type; } GDELT_GEO_TYPES[] = {
    { "country", "1", "1" },   /* COUNTRY */
    { "admin1", "5", "2" },    /* WORLDSTATE, USSTATE */
    { "region", "5", "2" },    /* a region of data/places.txt: below the country, like a state */
    { "city", "4", "3" },      /* WORLDCITY, USCITY */
};

/* true when the cluster's place is its whole country */
static bool country_only(const sr_cluster *c)
{
    if (c->place_precision) return !strcmp(c->place_precision, "country");
    return !c->place || (c->country && !strcmp(c->place, c->country));
}

/* Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID */
static void gdelt_geo(FILE *out, const sr_cluster *c, bool last)
{
    char full[512] = "", lat[32] = "", lon[32] = "", feature[32] = "";
    const char *type = "0", *feature_id = "";
    if (c && (c->place || c->country)) {
        bool whole = country_only(c);
        bool us = c->country && !strcmp(c->country, "USA");
        type = whole ? "1" : us ? "3" : "4";
        for (size_t i = 0; i < sizeof GDELT_GEO_TYPES / sizeof *GDELT_GEO_TYPES; i++)
            if (c->place_precision && !strcmp(c->place_precision, GDELT_GEO_TYPES[i].precision))
                type = us ? GDELT_GEO_TYPES[i].us_type : GDELT_GEO_TYPES[i].type;
        snprintf(full, sizeof full, "%s%s%s%s%s", c->place ? c->place : "", c->place && c->admin1 ? ", " : "",
                 c->admin1 ? c->admin1 : "", c->place && c->country && !whole ? ", " : "",
                 c->country && !whole ? c->country : "");
        if (c->has_geo) { snprintf(lat, sizeof lat, "%.4f", c->lat); snprintf(lon, sizeof lon, "%.4f", c->lon); }
        /* GDELT's feature id: the gazetteer's id of a city (GeoNames here), else the code of
         * the region or country the place is */
        if (c->geonames_id) { snprintf(feature, sizeof feature, "%lld", (long long)c->geonames_id); feature_id = feature; }
        else if (whole) feature_id = c->country ? c->country : "";
        else if (c->place_precision && !strcmp(c->place_precision, "admin1")) feature_id = c->admin1 ? c->admin1 : "";
    }
    tsv_field(out, type, false);
    tsv_field(out, full, false);
    tsv_field(out, c ? c->country : NULL, false);
    tsv_field(out, c ? c->admin1 : NULL, false);
    tsv_field(out, "", false);
    tsv_field(out, lat, false);
    tsv_field(out, lon, false);
    tsv_field(out, feature_id, last);
}

static int gdelt_row(void *ctx, const sr_cluster *c)
{
    FILE *out = ctx;
    const char *d = c->date ? c->date : c->first_date;
    char b[64], day[9] = "", ym[7] = "", y[5] = "", frac[16] = "";
    if (d && strlen(d) >= 10) {
        snprintf(day, sizeof day, "%.4s%.2s%.2s", d, d + 5, d + 8);
        snprintf(ym, sizeof ym, "%.6s", day);
        snprintf(y, sizeof y, "%.4s", day);
        int mo = atoi(d + 5), dd = atoi(d + 8);
        snprintf(frac, sizeof frac, "%.4f", atoi(d) + ((mo - 1) * 30 + dd) / 365.0);
    }
    snprintf(b, sizeof b, "%lld", (long long)c->id);
    tsv_field(out, b, false);
    tsv_field(out, day, false);
    tsv_field(out, ym, false);
    tsv_field(out, y, false);
    tsv_field(out, frac, false);
    gdelt_actor(out, c->source, c->source_name);
    gdelt_actor(out, c->target, c->target_name);
    char base[4] = "";
    snprintf(base, sizeof base, "%.3s", c->cameo ? c->cameo : "");
    tsv_field(out, c->root_event ? "1" : "0", false);
    tsv_field(out, c->cameo, false);
    tsv_field(out, base, false);
    tsv_field(out, c->root, false);
    snprintf(b, sizeof b, "%d", c->quad); tsv_field(out, b, false);
    snprintf(b, sizeof b, "%.1f", c->goldstein); tsv_field(out, b, false);
    snprintf(b, sizeof b, "%d", c->mentions); tsv_field(out, b, false);
    snprintf(b, sizeof b, "%d", c->sources); tsv_field(out, b, false);
    snprintf(b, sizeof b, "%d", c->articles); tsv_field(out, b, false);
    tsv_field(out, "0", false);   /* AvgTone: sitrep does not score tone */
    gdelt_geo(out, NULL, false);
    gdelt_geo(out, NULL, false);
    gdelt_geo(out, c, false);
    const char *pub = c->first_date;
    char added[15] = "";
    if (pub && strlen(pub) >= 10) snprintf(added, sizeof added, "%.4s%.2s%.2s000000", pub, pub + 5, pub + 8);
    tsv_field(out, added, false);
    tsv_field(out, c->first_url ? c->first_url : c->first_doc, true);
    return ferror(out) ? SR_EIO : 0;
}

/* ---- ACLED-like CSV ---- */

/* CAMEO codes to ACLED event types, longest prefix first wins; roots with no row (statements,
 * consultations, aid ...) are not ACLED events and are left out. A row per prefix. */
static const struct { const char *prefix, *type, *sub; } ACLED_TYPES[] = {
    { "145", "Riots", "Violent demonstration" },
    { "14", "Protests", "Peaceful protest" },
    { "173", "Strategic developments", "Arrests" },
    { "171", "Strategic developments", "Looting/property destruction" },
    { "175", "Violence against civilians", "Attack" },
    { "181", "Violence against civilians", "Abduction/forced disappearance" },
    { "183", "Explosions/Remote violence", "Suicide bomb" },
    { "18", "Violence against civilians", "Attack" },
    { "194", "Explosions/Remote violence", "Shelling/artillery/missile attack" },
    { "195", "Explosions/Remote violence", "Air/drone strike" },
    { "19", "Battles", "Armed clash" },
    { "20", "Violence against civilians", "Attack" },
    { "057", "Strategic developments", "Agreement" },
    { "0871", "Strategic developments", "Agreement" },
    { "087", "Strategic developments", "Agreement" },
};

static const char *const ACLED_HEADER[] = {
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
    "actor1_code", "actor2_code", "cameo", "sitrep_cluster",
};

static int acled_row(void *ctx, const sr_cluster *c)
{
    FILE *out = ctx;
    int best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < sizeof ACLED_TYPES / sizeof *ACLED_TYPES; i++) {
        size_t k = strlen(ACLED_TYPES[i].prefix);
        if (c->cameo && !strncmp(c->cameo, ACLED_TYPES[i].prefix, k) && k > best_len) { best = (int)i; best_len = k; }
    }
    if (best < 0 || !c->date) return 0;
    char id[64], y[5], b[32], lat[32] = "", lon[32] = "";
    snprintf(id, sizeof id, "%s%lld", c->country ? c->country : "XXX", (long long)c->id);
    snprintf(y, sizeof y, "%.4s", c->date);
    const char *prec = !c->date_precision || !strcmp(c->date_precision, "day") ? "1" : "3";
    if (c->has_geo) { snprintf(lat, sizeof lat, "%.4f", c->lat); snprintf(lon, sizeof lon, "%.4f", c->lon); }
    /* ACLED's geo_precision: 1 the town itself; 3 only a larger region (an admin1, Darfur,
     * Donbas) or the country is named. ACLED's 2 (near a town) is not told apart */
    const char *geo_prec = !c->place ? "" : !country_only(c) && (!c->place_precision ||
                           !strcmp(c->place_precision, "city")) ? "1" : "3";
    const char *f[] = {
        id, c->date, y, prec, ACLED_TYPES[best].type, ACLED_TYPES[best].sub,
        c->source_name ? c->source_name : c->source, c->target_name ? c->target_name : c->target,
        c->country, c->admin1, c->place, lat, lon, geo_prec,
        c->outlets, c->sentence, c->killed_best >= 0 ? num(b, sizeof b, c->killed_best) : "0",
        c->source, c->target, c->cameo, NULL,
    };
    char cid[32];
    snprintf(cid, sizeof cid, "%lld", (long long)c->id);
    enum { N = sizeof ACLED_HEADER / sizeof *ACLED_HEADER };
    f[N - 1] = cid;
    for (int i = 0; i < N; i++) csv_field(out, f[i], i == N - 1);
    return ferror(out) ? SR_EIO : 0;
}

/* ---- PLOVER JSON lines ---- */

static json_t *s_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *plover_actor(const char *code, const char *name)
{
    if (!code && !name) return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "code", s_or_null(code));
    json_object_set_new(o, "name", s_or_null(name));
    char country[4] = "";
    if (code && strlen(code) >= 3 && !is_org(code) && strcmp(code, "---")) snprintf(country, sizeof country, "%.3s", code);
    json_object_set_new(o, "country", *country ? json_string(country) : json_null());
    return o;
}

static json_t *figure(long low, long best, long high)
{
    if (best < 0) return json_null();
    json_t *o = json_object();
    json_object_set_new(o, "low", json_integer(low));
    json_object_set_new(o, "best", json_integer(best));
    json_object_set_new(o, "high", json_integer(high));
    return o;
}

static int plover_row(void *ctx, const sr_cluster *c)
{
    FILE *out = ctx;
    if (!c->plover) return 0;   /* 01x statements have no PLOVER type */
    json_t *o = json_object();
    char id[32];
    snprintf(id, sizeof id, "sitrep-%lld", (long long)c->id);
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "date", s_or_null(c->date));
    json_object_set_new(o, "date_precision", s_or_null(c->date_precision));
    json_object_set_new(o, "event_type", json_string(c->plover));
    json_object_set_new(o, "mode", json_null());
    json_object_set_new(o, "context", json_array());
    json_object_set_new(o, "actor", plover_actor(c->source, c->source_name));
    json_object_set_new(o, "recipient", plover_actor(c->target, c->target_name));
    json_t *loc = json_null();
    if (c->place || c->country) {
        loc = json_object();
        json_object_set_new(loc, "name", s_or_null(c->place));
        json_object_set_new(loc, "country", s_or_null(c->country));
        json_object_set_new(loc, "admin1", s_or_null(c->admin1));
        json_object_set_new(loc, "lat", c->has_geo ? json_real(c->lat) : json_null());
        json_object_set_new(loc, "lon", c->has_geo ? json_real(c->lon) : json_null());
        json_object_set_new(loc, "geonames_id", c->geonames_id ? json_integer(c->geonames_id) : json_null());
        json_object_set_new(loc, "precision", s_or_null(c->place_precision));
    }
    json_object_set_new(o, "location", loc);
    json_t *mag = json_object();
    json_object_set_new(mag, "dead", figure(c->killed_low, c->killed_best, c->killed_high));
    json_object_set_new(mag, "injured", c->injured_best >= 0 ? json_integer(c->injured_best) : json_null());
    json_object_set_new(mag, "arrested", c->arrested_best >= 0 ? json_integer(c->arrested_best) : json_null());
    json_object_set_new(o, "magnitude", mag);
    json_object_set_new(o, "factuality", s_or_null(c->factuality));
    json_object_set_new(o, "cameo", s_or_null(c->cameo));
    json_object_set_new(o, "goldstein", json_real(c->goldstein));
    json_object_set_new(o, "mentions", json_integer(c->mentions));
    json_object_set_new(o, "sources", json_integer(c->sources));
    json_object_set_new(o, "articles", json_integer(c->articles));
    json_object_set_new(o, "outlets", s_or_null(c->outlets));
    json_object_set_new(o, "text", s_or_null(c->sentence));
    json_object_set_new(o, "source_url", s_or_null(c->first_url));
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10));
    json_decref(o);
    fputc('\n', out);
    return rc || ferror(out) ? SR_EIO : 0;
}

static int csv_row(void *ctx, const sr_cluster *c) { return sr_export_cluster_csv(c, ctx); }

/* ---- the store as JSON lines ---- */

static bool filtered(const sr_filter *f)
{
    return f->actor || f->root || f->since || f->until || f->place || f->min_killed >= 0 || f->text || f->cluster;
}

static int export_jsonl(sr_store *s, const sr_filter *f, FILE *out, sr_error *err)
{
    bool sel = filtered(f);
    int rc;
    if (sel) {   /* the selected clusters in a temporary table */
        buf sql = {0};
        buf_puts(&sql, "CREATE TEMP TABLE IF NOT EXISTS export_sel (id INTEGER PRIMARY KEY); DELETE FROM export_sel;");
        rc = sqlite3_exec(s->db, sql.s, NULL, NULL, NULL);
        buf_free(&sql);
        if (rc != SQLITE_OK) return store_db_error(s, rc, "cannot export", err);
        buf_puts(&sql, "INSERT INTO export_sel ");
        int k = store_cluster_sql(f, "c.id", &sql, err);
        sqlite3_stmt *st;
        if (k) { buf_free(&sql); return k; }
        rc = sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL);
        buf_free(&sql);
        if (rc != SQLITE_OK) return store_db_error(s, rc, "cannot export", err);
        store_cluster_bind(st, f);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) return store_db_error(s, rc, "cannot export", err);
    }
    static const char ART_ALL[] =
        "SELECT a.id, a.doc, a.hash, a.url, a.origin, a.title, a.outlet, a.date, a.language, a.credits, a.format, "
        "a.minhash, a.words, o.hash, a.similarity FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of ORDER BY a.id";
    static const char ART_SEL[] =
        "SELECT a.id, a.doc, a.hash, a.url, a.origin, a.title, a.outlet, a.date, a.language, a.credits, a.format, "
        "a.minhash, a.words, o.hash, a.similarity FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of "
        "WHERE a.id IN (SELECT article FROM events WHERE cluster IN (SELECT id FROM export_sel)) ORDER BY a.id";
    static const char EV_ALL[] = "SELECT record, cluster FROM events WHERE article = ?1 ORDER BY seq";
    static const char EV_SEL[] =
        "SELECT record, cluster FROM events WHERE article = ?1 AND cluster IN (SELECT id FROM export_sel) ORDER BY seq";
    sqlite3_stmt *a, *e;
    rc = sqlite3_prepare_v2(s->db, sel ? ART_SEL : ART_ALL, -1, &a, NULL);
    if (rc != SQLITE_OK) return store_db_error(s, rc, "cannot export", err);
    rc = sqlite3_prepare_v2(s->db, sel ? EV_SEL : EV_ALL, -1, &e, NULL);
    if (rc != SQLITE_OK) { sqlite3_finalize(a); return store_db_error(s, rc, "cannot export", err); }
    int k = 0;
    /* article columns and their names in the line: a row per column of ART_* after the id */
    static const char *const NAMES[] = { "doc", "hash", "url", "origin", "title", "outlet", "date", "language",
                                         "credits", "format", "minhash", "words", "duplicate_of", "similarity" };
    while (!k && (rc = sqlite3_step(a)) == SQLITE_ROW) {
        json_t *line = json_object(), *art = json_object(), *evs = json_array();
        json_object_set_new(line, "sitrep_export", json_integer(1));
        for (int i = 0; i < 14; i++) {
            int c = i + 1;
            json_t *v;
            if (sqlite3_column_type(a, c) == SQLITE_NULL) v = json_null();
            else if (!strcmp(NAMES[i], "words") || !strcmp(NAMES[i], "similarity")) v = json_integer(sqlite3_column_int64(a, c));
            else if (!strcmp(NAMES[i], "credits")) {
                json_error_t je;
                v = json_loads((const char *)sqlite3_column_text(a, c), 0, &je);
                if (!v) v = json_null();
            } else v = json_string((const char *)sqlite3_column_text(a, c));
            json_object_set_new(art, NAMES[i], v ? v : json_null());
        }
        sqlite3_reset(e);
        sqlite3_bind_int64(e, 1, sqlite3_column_int64(a, 0));
        while ((rc = sqlite3_step(e)) == SQLITE_ROW) {
            json_error_t je;
            json_t *r = json_loads((const char *)sqlite3_column_text(e, 0), JSON_DECODE_ANY, &je);
            if (!r) continue;
            json_object_set_new(r, "cluster", json_integer(sqlite3_column_int64(e, 1)));
            json_array_append_new(evs, r);
        }
        json_object_set_new(line, "article", art);
        json_object_set_new(line, "events", evs);
        if (json_dumpf(line, out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)) || fputc('\n', out) == EOF)
            k = SR_EIO;
        json_decref(line);
        if (rc != SQLITE_DONE && !k) k = store_db_error(s, rc, "cannot export", err);
        rc = SQLITE_ROW;
    }
    if (!k && rc != SQLITE_DONE) k = store_db_error(s, rc, "cannot export", err);
    sqlite3_finalize(a);
    sqlite3_finalize(e);
    if (k == SR_EIO) store_fail(err, SR_EIO, "cannot write the export");
    return k;
}

/* ---- formats ---- */

/* a row per format: its name, the header it starts with (NULL: none), the writer of a cluster */
static const struct {
    const char *name;
    void (*header)(FILE *);
    sr_cluster_fn row;
} FORMATS[] = {
    { "gdelt", NULL, gdelt_row },
    { "acled", NULL, acled_row },
    { "plover", NULL, plover_row },
    { "csv", sr_export_csv_header, csv_row },
    { "jsonl", NULL, NULL },
};

static void acled_header(FILE *out)
{
    enum { N = sizeof ACLED_HEADER / sizeof *ACLED_HEADER };
    for (int i = 0; i < N; i++) csv_field(out, ACLED_HEADER[i], i == N - 1);
}

int sr_export(sr_store *s, const sr_filter *f, const char *format, FILE *out, sr_error *err)
{
    int k;
    if (!strcmp(format, "jsonl")) k = export_jsonl(s, f, out, err);
    else {
        size_t i = 0;
        while (i < sizeof FORMATS / sizeof *FORMATS && strcmp(FORMATS[i].name, format)) i++;
        if (i == sizeof FORMATS / sizeof *FORMATS)
            return store_fail(err, SR_EUSAGE, "unknown format '%s' (expected gdelt, acled, plover, jsonl or csv)", format);
        if (FORMATS[i].header) FORMATS[i].header(out);
        if (!strcmp(format, "acled")) acled_header(out);
        k = sr_store_query(s, f, FORMATS[i].row, out, err);
        if (k == SR_EIO) store_fail(err, SR_EIO, "cannot write the export");
    }
    if (!k && (fflush(out) || ferror(out))) k = store_fail(err, SR_EIO, "cannot write the export");
    return k;
}
