/* store: sitrep's event store in SQLite (sitrep_store.h; tables and rules in docs/STORE.md).
 * Not a pipeline stage: it codes articles with the engine and keeps what comes out.
 *
 * 1. The journal is WAL; each article is one IMMEDIATE transaction holding its row, its
 *    events, their evidence in the FTS5 index and their clusters' new summaries. A crash
 *    leaves every article either wholly in or wholly out.
 * 2. An article is known by its URL and by a hash of its text with whitespace collapsed;
 *    either already stored means nothing is done (a rerun skips what is in).
 * 3. A near-duplicate (a MinHash of word 3-shingles close to a stored article's) is stored
 *    as a republication of the original and is not coded: its events would count the
 *    original's mentions twice.
 * 4. Records are kept as JSON (as sr_event_json writes them, re-serialised by jansson so an
 *    export reads back to the same text) beside the columns queries and merging use. */
#include "store.h"
#include "merge.h"
#include "dict.h"
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* 2: places carry geonames_id, precision and basis (events), the merged event's
 * geonames_id and place_precision (clusters); a version-1 database is migrated on open */
enum { SCHEMA_VERSION = 2 };
/* MinHash: MINHASH_K minima over word 3-shingles; NEAR_BANDS bands of K/NEAR_BANDS minima find
 * candidates (locality-sensitive hashing); NEAR_MATCHES equal minima of K (an estimated
 * Jaccard similarity of 0.69) make a republication; shorter articles than NEAR_MIN_WORDS
 * are only ever exact duplicates */
enum { MINHASH_K = 32, NEAR_BANDS = 16, NEAR_MATCHES = 22, NEAR_MIN_WORDS = 40 };
/* an event without a date of its own happened at most this many days before publication */
enum { UNDATED_DAYS = 3 };
#define JSON_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))

static const char SCHEMA[] =
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);\n"
    "CREATE TABLE IF NOT EXISTS articles (\n"
    "  id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, url TEXT UNIQUE, doc TEXT NOT NULL, origin TEXT,\n"
    "  title TEXT, outlet TEXT, date TEXT, language TEXT, credits TEXT, format TEXT,\n"
    "  minhash TEXT, words INTEGER,\n"
    "  duplicate_of INTEGER REFERENCES articles(id), similarity INTEGER, events INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, article INTEGER NOT NULL REFERENCES articles(id));\n"
    "CREATE INDEX IF NOT EXISTS bands_key ON bands(key);\n"
    "CREATE TABLE IF NOT EXISTS clusters (\n"
    "  id INTEGER PRIMARY KEY, root TEXT NOT NULL, fclass TEXT NOT NULL, date_lo TEXT NOT NULL, date_hi TEXT NOT NULL,\n"
    "  cameo TEXT, plover TEXT, goldstein REAL, quad INTEGER, factuality TEXT, toll_kind TEXT,\n"
    "  source TEXT, target TEXT, source_name TEXT, target_name TEXT, date TEXT, date_precision TEXT,\n"
    "  place TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL, geonames_id INTEGER, place_precision TEXT,\n"
    "  killed_low INTEGER, killed_best INTEGER, killed_high INTEGER, injured INTEGER, arrested INTEGER,\n"
    "  mentions INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0, sources INTEGER NOT NULL DEFAULT 0,\n"
    "  outlets TEXT, first_article INTEGER, root_event INTEGER NOT NULL DEFAULT 0);\n"
    "DROP INDEX IF EXISTS clusters_key;\n"
    "CREATE INDEX IF NOT EXISTS clusters_span ON clusters(root, fclass, date_hi, date_lo, mentions);\n"
    "CREATE INDEX IF NOT EXISTS clusters_date ON clusters(date);\n"
    "CREATE TABLE IF NOT EXISTS events (\n"
    "  id INTEGER PRIMARY KEY, article INTEGER NOT NULL REFERENCES articles(id), seq INTEGER NOT NULL,\n"
    "  cluster INTEGER REFERENCES clusters(id), section TEXT, root TEXT NOT NULL, cameo TEXT NOT NULL, plover TEXT,\n"
    "  goldstein REAL, quad INTEGER, factuality TEXT, fclass TEXT NOT NULL, source TEXT, source_text TEXT,\n"
    "  target TEXT, target_text TEXT, date TEXT, date_precision TEXT, date_lo TEXT NOT NULL, date_hi TEXT NOT NULL,\n"
    "  place TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL, geonames_id INTEGER, loc_precision TEXT,\n"
    "  loc_basis TEXT, country_level INTEGER NOT NULL DEFAULT 0,\n"
    "  killed INTEGER, killed_by TEXT, injured INTEGER, arrested INTEGER, toll_kind TEXT, attribution TEXT,\n"
    "  sentence TEXT NOT NULL, record TEXT NOT NULL);\n"
    "CREATE INDEX IF NOT EXISTS events_cluster ON events(cluster);\n"
    "CREATE INDEX IF NOT EXISTS events_article ON events(article);\n"
    "CREATE VIRTUAL TABLE IF NOT EXISTS evidence USING fts5(sentence, content='events', content_rowid='id');\n";

/* ---- errors ---- */

int store_fail(sr_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = code;
        err->offset = -1;
    }
    return code;
}

int store_db_error(sr_store *s, int rc, const char *what, sr_error *err)
{
    const char *path = s && s->path ? s->path : "database";
    if ((rc & 0xff) == SQLITE_FULL)
        return store_fail(err, SR_EFULL, "%s: %s: database or disk is full", path, what);
    return store_fail(err, SR_EDB, "%s: %s: %s", path, what, s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
}

static int exec(sr_store *s, const char *sql, const char *what, sr_error *err)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? 0 : store_db_error(s, rc, what, err);
}

/* ---- opening ---- */

/* Columns that later schema versions added: a row per column. A database of an earlier
 * version gets the missing ones on open, filled from what it already holds (`fill`, SQL
 * over the same row; NULL: nothing to fill), and its merged events' summaries are then
 * recomputed. To add a column: add it to SCHEMA and a row here, and bump SCHEMA_VERSION. */
static const struct { const char *table, *column, *type, *fill; } ADDED_COLUMNS[] = {
    { "events", "geonames_id", "INTEGER", "json_extract(record, '$.location.geonames_id')" },
    { "events", "loc_precision", "TEXT", "json_extract(record, '$.location.precision')" },
    { "events", "loc_basis", "TEXT", "json_extract(record, '$.location.basis')" },
    { "clusters", "geonames_id", "INTEGER", NULL },
    { "clusters", "place_precision", "TEXT", NULL },
};

static bool has_column(sr_store *s, const char *table, const char *column, int *rc)
{
    char sql[128];
    snprintf(sql, sizeof sql, "SELECT 1 FROM pragma_table_info('%s') WHERE name = ?1", table);
    sqlite3_stmt *st;
    *rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
    if (*rc != SQLITE_OK) return false;
    sqlite3_bind_text(st, 1, column, -1, SQLITE_STATIC);
    int k = sqlite3_step(st);
    sqlite3_finalize(st);
    if (k != SQLITE_ROW && k != SQLITE_DONE) *rc = k;
    return k == SQLITE_ROW;
}

/* Brings a database of an earlier schema version to this one, inside the open's
 * transaction: the columns added since, filled from the stored records, then every merged
 * event's summary recomputed (the merge itself is not redone: events stay where they are). */
static int migrate(sr_store *s, int from, sr_error *err)
{
    int rc = SQLITE_OK;
    for (size_t i = 0; i < sizeof ADDED_COLUMNS / sizeof *ADDED_COLUMNS && rc == SQLITE_OK; i++) {
        if (has_column(s, ADDED_COLUMNS[i].table, ADDED_COLUMNS[i].column, &rc) || rc != SQLITE_OK) continue;
        char sql[256];
        snprintf(sql, sizeof sql, "ALTER TABLE %s ADD COLUMN %s %s", ADDED_COLUMNS[i].table, ADDED_COLUMNS[i].column,
                 ADDED_COLUMNS[i].type);
        rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
        if (rc == SQLITE_OK && ADDED_COLUMNS[i].fill) {
            snprintf(sql, sizeof sql, "UPDATE %s SET %s = %s", ADDED_COLUMNS[i].table, ADDED_COLUMNS[i].column,
                     ADDED_COLUMNS[i].fill);
            rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
        }
    }
    sqlite3_stmt *st = NULL;
    if (rc == SQLITE_OK) rc = sqlite3_prepare_v2(s->db, "SELECT id FROM clusters ORDER BY id", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        VEC(int64_t) ids = {0};
        int k;
        while ((k = sqlite3_step(st)) == SQLITE_ROW) vec_push(ids, sqlite3_column_int64(st, 0));
        sqlite3_finalize(st);
        rc = k == SQLITE_DONE ? SQLITE_OK : k;
        for (size_t i = 0; i < ids.n && rc == SQLITE_OK; i++) rc = merge_refresh(s, ids.v[i]);
        vec_free(ids);
    }
    if (rc != SQLITE_OK) {
        char what[64];
        snprintf(what, sizeof what, "cannot migrate schema version %d to %d", from, SCHEMA_VERSION);
        return store_db_error(s, rc, what, err);
    }
    char sql[80];
    snprintf(sql, sizeof sql, "UPDATE meta SET value = '%d' WHERE key = 'schema'", SCHEMA_VERSION);
    return exec(s, sql, "cannot write", err);
}

int sr_store_open(sr_store **out, const char *path, sr_error *err)
{
    *out = NULL;
    /* jansson seeds its hash function on first use; seeding here, on the thread that opens
     * the store, keeps threads coding with sr_store_code from racing to do it */
    json_object_seed(0);
    sr_store *s = xcalloc(1, sizeof *s);
    s->path = xstrdup(path);
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        int k = store_db_error(s, rc, "cannot open", err);
        sr_store_free(s);
        return k;
    }
    sqlite3_busy_timeout(s->db, 10000);
    /* WAL: readers do not block the ingest; NORMAL sync is durable against a killed process
     * (the WAL is in the OS's hands at commit), not against a power cut */
    int k = exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;", "not a database", err);
    if (!k) {
        sqlite3_stmt *st;
        bool ours = true, empty = true;
        if (sqlite3_prepare_v2(s->db, "SELECT name FROM sqlite_master WHERE type='table'", -1, &st, NULL) == SQLITE_OK) {
            bool has_meta = false;
            while (sqlite3_step(st) == SQLITE_ROW) {
                empty = false;
                if (!strcmp((const char *)sqlite3_column_text(st, 0), "meta")) has_meta = true;
            }
            sqlite3_finalize(st);
            ours = empty || has_meta;
        }
        if (!ours) k = store_fail(err, SR_EDB, "%s: an SQLite database, but not sitrep's (no meta table)", path);
    }
    if (!k) k = exec(s, "BEGIN IMMEDIATE", "cannot lock", err);
    if (!k) {
        k = exec(s, SCHEMA, "cannot create the schema", err);
        char sql[160];
        snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO meta VALUES ('schema', '%d'), ('created_by', 'sitrep %s')",
                 SCHEMA_VERSION, SITREP_VERSION);
        if (!k) k = exec(s, sql, "cannot write", err);
        if (!k) {
            sqlite3_stmt *st;
            int version = SCHEMA_VERSION;
            if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key='schema'", -1, &st, NULL) == SQLITE_OK) {
                if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
                sqlite3_finalize(st);
            }
            if (version > SCHEMA_VERSION || version < 1)
                k = store_fail(err, SR_EDB, "%s: schema version %d, this sitrep reads versions 1 to %d (made by a newer "
                               "sitrep? use that one)", path, version, SCHEMA_VERSION);
            else if (version < SCHEMA_VERSION) k = migrate(s, version, err);
        }
        if (!k) k = exec(s, "COMMIT", "cannot write", err);
        else sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    if (k) { sr_store_free(s); return k; }
    *out = s;
    return 0;
}

sqlite3_stmt *store_stmt(sr_store *s, const char *sql, int *rc)
{
    *rc = SQLITE_OK;
    for (size_t i = 0; i < s->stmts.n; i++) {
        if (s->stmts.v[i].sql != sql) continue;
        sqlite3_reset(s->stmts.v[i].st);
        sqlite3_clear_bindings(s->stmts.v[i].st);
        return s->stmts.v[i].st;
    }
    sqlite3_stmt *st;
    *rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (*rc != SQLITE_OK) return NULL;
    struct store_stmt e = { sql, st };
    vec_push(s->stmts, e);
    return st;
}

void sr_store_free(sr_store *s)
{
    if (!s) return;
    for (size_t i = 0; i < s->stmts.n; i++) sqlite3_finalize(s->stmts.v[i].st);
    vec_free(s->stmts);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* ---- fingerprints: a content hash, and a SimHash for near-duplicates ---- */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27; x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* 128 bits as 32 hex digits, of the text with runs of white space made one space */
static void content_hash(const char *s, size_t n, char out[33])
{
    uint64_t h1 = 1469598103934665603ULL, h2 = 0x9e3779b97f4a7c15ULL;
    bool space = false, any = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isspace(c)) { space = any; continue; }
        if (space) { h1 = (h1 ^ ' ') * 1099511628211ULL; h2 = mix64(h2 ^ ' '); space = false; }
        h1 = (h1 ^ c) * 1099511628211ULL;
        h2 = mix64(h2 + c);
        any = true;
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)mix64(h1), (unsigned long long)h2);
}

/* MinHash over shingles of three words (letters and digits, lower-cased ASCII) */
static void minhash(const char *s, size_t n, uint32_t sig[MINHASH_K], size_t *words)
{
    for (int i = 0; i < MINHASH_K; i++) sig[i] = UINT32_MAX;
    uint64_t w[3] = {0};
    size_t k = 0;
    for (size_t i = 0; i < n; ) {
        while (i < n && !isalnum((unsigned char)s[i]) && !((unsigned char)s[i] & 0x80)) i++;
        if (i >= n) break;
        uint64_t h = 1469598103934665603ULL;
        while (i < n && (isalnum((unsigned char)s[i]) || ((unsigned char)s[i] & 0x80))) {
            h = (h ^ (uint64_t)tolower((unsigned char)s[i])) * 1099511628211ULL;
            i++;
        }
        w[0] = w[1]; w[1] = w[2]; w[2] = h;
        if (++k < 3) continue;
        uint64_t sh = mix64(w[0] * 31 + mix64(w[1] * 17 + mix64(w[2])));
        for (int j = 0; j < MINHASH_K; j++) {
            uint32_t v = (uint32_t)(mix64(sh ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(j + 1))) >> 32);
            if (v < sig[j]) sig[j] = v;
        }
    }
    *words = k;
}

static void minhash_hex(const uint32_t sig[MINHASH_K], char out[MINHASH_K * 8 + 1])
{
    for (int i = 0; i < MINHASH_K; i++) snprintf(out + 8 * i, 9, "%08x", sig[i]);
}

static bool minhash_parse(const char *hex, uint32_t sig[MINHASH_K])
{
    if (!hex || strlen(hex) != MINHASH_K * 8) return false;
    for (int i = 0; i < MINHASH_K; i++) {
        char part[9];
        memcpy(part, hex + 8 * i, 8);
        part[8] = 0;
        char *end;
        sig[i] = (uint32_t)strtoul(part, &end, 16);
        if (*end) return false;
    }
    return true;
}

/* the key of band b: its minima hashed, the band's number in the top bits */
static int64_t band_key(const uint32_t sig[MINHASH_K], int b)
{
    enum { R = MINHASH_K / NEAR_BANDS };
    uint64_t h = (uint64_t)b;
    for (int i = 0; i < R; i++) h = mix64(h * 31 + sig[b * R + i]);
    return (int64_t)(((uint64_t)b << 56) | (h & 0xffffffffffffffULL));
}

/* ---- dates ---- */

/* The calendar arithmetic is dict.c's (dict_days, dict_civil); this only formats it. */
static void civil_from_days(int32_t z, char out[11])
{
    int y, m, d;
    dict_civil(z, &y, &m, &d);
    char t[32];
    snprintf(t, sizeof t, "%04d-%02d-%02d", y, m, d);
    memcpy(out, t, 10);
    out[10] = 0;
}

static bool valid_day(const char *s)
{
    if (!s || strlen(s) != 10) return false;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i])) return false;
    int m = atoi(s + 5), d = atoi(s + 8);
    return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/* the span of days a date of some precision covers (a week: the Monday it names and six days
 * on); an event without a date, or dated only by its publication: the days before
 * publication; without either, undated ("" "") */
static void date_span(const char *date, const char *prec, const char *basis, const char *pub, char lo[11], char hi[11])
{
    lo[0] = hi[0] = 0;
    if (basis && !strcmp(basis, "publication")) date = NULL;
    if (date && prec && !strcmp(prec, "week") && valid_day(date)) {
        snprintf(lo, 11, "%s", date);
        civil_from_days(dict_days(atoi(date), atoi(date + 5), atoi(date + 8)) + 6, hi);
        return;
    }
    if (date && strlen(date) >= 4) {
        if (prec && !strcmp(prec, "year")) { snprintf(lo, 11, "%.4s-01-01", date); snprintf(hi, 11, "%.4s-12-31", date); return; }
        if (prec && !strcmp(prec, "month") && strlen(date) >= 7) {
            snprintf(lo, 11, "%.7s-01", date); snprintf(hi, 11, "%.7s-31", date);
            return;
        }
        if (valid_day(date)) { snprintf(lo, 11, "%s", date); snprintf(hi, 11, "%s", date); return; }
    }
    if (valid_day(pub)) {
        int32_t d = dict_days(atoi(pub), atoi(pub + 5), atoi(pub + 8));
        civil_from_days(d - UNDATED_DAYS, lo);
        snprintf(hi, 11, "%s", pub);
    }
}

/* ---- one record as a row of events ---- */

/* Words that make a toll a running total rather than the toll of one day's event: a row per
 * phrase, matched in the lower-cased sentence. */
static const char *const CUMULATIVE_CUES[] = {
    "so far", "in total", "a total of", "since the", "to date", "overall", "cumulative", "altogether",
    "bringing the", "brings the", "has risen to", "have risen to", "rose to", "climbed to", "has reached",
    "since fighting", "since the start", "in all,",
};

static bool cumulative(const char *sentence)
{
    size_t n = strlen(sentence);
    char *low = xmalloc(n + 1);
    ascii_lower(low, sentence, n);
    bool yes = false;
    for (size_t i = 0; i < sizeof CUMULATIVE_CUES / sizeof *CUMULATIVE_CUES && !yes; i++)
        yes = strstr(low, CUMULATIVE_CUES[i]) != NULL;
    free(low);
    return yes;
}

static const char *js(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *jpath(json_t *o, const char *k1, const char *k2)
{
    return js(json_object_get(o, k1), k2);
}

static long jcount(json_t *o, const char *k)
{
    json_t *v = json_object_get(json_object_get(o, k), "count");
    return json_is_integer(v) && json_integer_value(v) >= 0 ? (long)json_integer_value(v) : -1;
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, i);
}

static void bind_count(sqlite3_stmt *st, int i, long v)
{
    if (v >= 0) sqlite3_bind_int64(st, i, v);
    else sqlite3_bind_null(st, i);
}

static void copy(char *dst, size_t cap, const char *s) { snprintf(dst, cap, "%s", s ? s : ""); }

/* Inserts one record of article art into events and evidence, and merges it. */
static int add_event(sr_store *s, const sr_engine *e, int64_t art, int seq, const char *pub, json_t *rec,
                     sr_error *err)
{
    json_object_del(rec, "cluster");   /* an export's; the store gives its own */
    char *text = json_dumps(rec, JSON_FLAGS);
    if (!text) return store_fail(err, SR_ENOMEM, "out of memory");
    const char *cameo = js(rec, "cameo"), *sentence = js(rec, "sentence");
    if (!cameo || strlen(cameo) < 2 || !sentence) { free(text); return store_fail(err, SR_EINPUT, "record %d: no cameo or sentence", seq); }
    merge_event m;
    memset(&m, 0, sizeof m);
    snprintf(m.root, sizeof m.root, "%.2s", cameo);
    const char *fact = js(rec, "factuality");
    copy(m.fclass, sizeof m.fclass, !fact || !strcmp(fact, "asserted") || !strcmp(fact, "claimed") ? "report" : fact);
    copy(m.source, sizeof m.source, jpath(rec, "source", "code"));
    copy(m.target, sizeof m.target, jpath(rec, "target", "code"));
    const char *date = js(rec, "date"), *prec = js(rec, "date_precision");
    date_span(date, prec, js(rec, "date_basis"), pub, m.date_lo, m.date_hi);
    json_t *loc = json_object_get(rec, "location");
    const char *place = js(loc, "name"), *country = js(loc, "country"), *admin1 = js(loc, "admin1");
    copy(m.place, sizeof m.place, place);
    copy(m.country, sizeof m.country, country);
    copy(m.admin1, sizeof m.admin1, admin1);
    /* the whole country: the location's own precision when the record has one, else a place
     * name that the dictionaries know as that country ("Sudan" in SDN) */
    const char *lprec = js(loc, "precision");
    copy(m.precision, sizeof m.precision, lprec);
    json_t *gid = json_object_get(loc, "geonames_id");
    m.geonames_id = json_is_integer(gid) && json_integer_value(gid) > 0 ? (int64_t)json_integer_value(gid) : 0;
    if (lprec) m.country_level = !strcmp(lprec, "country");
    else if (place && country) {
        char code[64];
        m.country_level = !strcasecmp(place, country) ||
                          (e && sr_engine_lookup(e, place, code, sizeof code) == 0 && !strcmp(code, country));
    }
    long killed = jcount(rec, "fatalities"), injured = jcount(rec, "injured"), arrested = jcount(rec, "arrested");
    /* the coder marks a running total; records from before it did are read by their words */
    json_t *cum = json_object_get(json_object_get(rec, killed >= 0 ? "fatalities" : "injured"), "cumulative");
    bool running = json_is_boolean(cum) ? json_is_true(cum) : cumulative(sentence);
    if (killed >= 0 || injured >= 0) copy(m.toll_kind, sizeof m.toll_kind, running ? "cumulative" : "event");
    int64_t cluster;
    int rc = merge_assign(s, &m, &cluster);
    if (rc != SQLITE_OK) { free(text); return store_db_error(s, rc, "cannot merge", err); }
    static const char SQL[] =
        "INSERT INTO events (article, seq, cluster, section, root, cameo, plover, goldstein, quad, factuality, fclass, "
        "source, source_text, target, target_text, date, date_precision, date_lo, date_hi, place, country, admin1, "
        "lat, lon, country_level, killed, killed_by, injured, arrested, toll_kind, attribution, sentence, record, "
        "geonames_id, loc_precision, loc_basis) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,"
        "?28,?29,?30,?31,?32,?33,?34,?35,?36)";
    sqlite3_stmt *st = store_stmt(s, SQL, &rc);
    if (!st) { free(text); return store_db_error(s, rc, "cannot store an event", err); }
    sqlite3_bind_int64(st, 1, art);
    sqlite3_bind_int(st, 2, seq);
    sqlite3_bind_int64(st, 3, cluster);
    bind_str(st, 4, js(rec, "section"));
    bind_str(st, 5, m.root);
    bind_str(st, 6, cameo);
    bind_str(st, 7, js(rec, "plover"));
    sqlite3_bind_double(st, 8, json_number_value(json_object_get(rec, "goldstein")));
    sqlite3_bind_int(st, 9, (int)json_integer_value(json_object_get(rec, "quad")));
    bind_str(st, 10, fact);
    bind_str(st, 11, m.fclass);
    bind_str(st, 12, *m.source ? m.source : NULL);
    bind_str(st, 13, jpath(rec, "source", "text"));
    bind_str(st, 14, *m.target ? m.target : NULL);
    bind_str(st, 15, jpath(rec, "target", "text"));
    bind_str(st, 16, date);
    bind_str(st, 17, date ? (prec ? prec : "day") : NULL);
    bind_str(st, 18, m.date_lo);
    bind_str(st, 19, m.date_hi);
    bind_str(st, 20, place);
    bind_str(st, 21, country);
    bind_str(st, 22, admin1);
    json_t *lat = json_object_get(loc, "lat"), *lon = json_object_get(loc, "lon");
    if (json_is_number(lat) && json_is_number(lon)) {
        sqlite3_bind_double(st, 23, json_number_value(lat));
        sqlite3_bind_double(st, 24, json_number_value(lon));
    }
    sqlite3_bind_int(st, 25, m.country_level);
    bind_count(st, 26, killed);
    bind_str(st, 27, jpath(rec, "fatalities", "reported_by"));
    bind_count(st, 28, injured);
    bind_count(st, 29, arrested);
    bind_str(st, 30, *m.toll_kind ? m.toll_kind : NULL);
    bind_str(st, 31, js(rec, "attribution"));
    bind_str(st, 32, sentence);
    sqlite3_bind_text(st, 33, text, -1, SQLITE_TRANSIENT);
    if (m.geonames_id) sqlite3_bind_int64(st, 34, m.geonames_id);
    bind_str(st, 35, lprec);
    bind_str(st, 36, js(loc, "basis"));
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    free(text);
    if (rc != SQLITE_DONE) return store_db_error(s, rc, "cannot store an event", err);
    int64_t id = sqlite3_last_insert_rowid(s->db);
    static const char EVIDENCE[] = "INSERT INTO evidence (rowid, sentence) VALUES (?1, ?2)";
    if ((st = store_stmt(s, EVIDENCE, &rc))) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, sentence, -1, SQLITE_TRANSIENT);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    if (rc == SQLITE_OK) rc = merge_refresh(s, cluster);
    return rc == SQLITE_OK ? 0 : store_db_error(s, rc, "cannot index an event", err);
}

/* ---- adding an article ---- */

typedef struct article {
    char hash[33];
    const char *url, *doc, *origin, *title, *outlet, *date, *language, *format;
    char *credits;                 /* JSON list, malloc'd */
    uint32_t sig[MINHASH_K];
    size_t words;
    int64_t duplicate_of;
    int similarity;          /* for a republication: equal MinHash minima of MINHASH_K */
    json_t *records;               /* JSON array of records */
    char outlet_buf[128], date_buf[11], host[128];
} article;

static int collect(void *ctx, const sr_event *ev)
{
    json_t *arr = ctx;
    char *line = NULL;
    size_t len = 0, cap = 0;
    if (sr_event_json(ev, &line, &len, &cap) < 0) { free(line); return SR_ENOMEM; }
    json_error_t je;
    json_t *o = json_loadb(line, len, 0, &je);
    free(line);
    if (!o) return SR_EINPUT;
    json_array_append_new(arr, o);
    return 0;
}

static int64_t lookup_id(sr_store *s, const char *sql, const char *a, const char *b, int *rc)
{
    int64_t id = 0;
    sqlite3_stmt *st = store_stmt(s, sql, rc);
    if (!st) return 0;
    bind_str(st, 1, a);
    bind_str(st, 2, b);
    int k = sqlite3_step(st);
    if (k == SQLITE_ROW) id = sqlite3_column_int64(st, 0);
    else if (k != SQLITE_DONE) *rc = k;
    sqlite3_reset(st);
    return id;
}

/* the most similar stored original among the articles sharing a band, with at least
 * NEAR_MATCHES equal minima; a republication's original is its own original */
static int64_t near_duplicate(sr_store *s, const uint32_t sig[MINHASH_K], int *matches, int *rc)
{
    static const char SQL[] =
        "SELECT DISTINCT a.id, a.minhash, a.duplicate_of FROM bands b JOIN articles a ON a.id = b.article "
        "WHERE b.key = ?1 AND a.words >= ?2 ORDER BY a.id";
    sqlite3_stmt *st = store_stmt(s, SQL, rc);
    if (!st) return 0;
    int64_t best = 0;
    int best_m = 0;
    for (int b = 0; b < NEAR_BANDS && *rc == SQLITE_OK; b++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, band_key(sig, b));
        sqlite3_bind_int(st, 2, NEAR_MIN_WORDS);
        int k;
        while ((k = sqlite3_step(st)) == SQLITE_ROW) {
            uint32_t other[MINHASH_K];
            if (!minhash_parse((const char *)sqlite3_column_text(st, 1), other)) continue;
            int m = 0;
            for (int i = 0; i < MINHASH_K; i++) m += sig[i] == other[i];
            int64_t id = sqlite3_column_type(st, 2) == SQLITE_NULL ? sqlite3_column_int64(st, 0) : sqlite3_column_int64(st, 2);
            if (m >= NEAR_MATCHES && (m > best_m || (m == best_m && id < best))) { best_m = m; best = id; }
        }
        if (k != SQLITE_DONE) *rc = k;
    }
    sqlite3_reset(st);
    *matches = best_m;
    return best;
}

static int insert_article(sr_store *s, const article *a, int64_t *id, sr_error *err)
{
    static const char SQL[] =
        "INSERT INTO articles (hash, url, doc, origin, title, outlet, date, language, credits, format, minhash, words, "
        "duplicate_of, similarity, events) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)";
    int rc;
    sqlite3_stmt *st = store_stmt(s, SQL, &rc);
    if (!st) return store_db_error(s, rc, "cannot store an article", err);
    bind_str(st, 1, a->hash);
    bind_str(st, 2, a->url);
    bind_str(st, 3, a->doc);
    bind_str(st, 4, a->origin);
    bind_str(st, 5, a->title);
    bind_str(st, 6, a->outlet);
    bind_str(st, 7, a->date);
    bind_str(st, 8, a->language);
    bind_str(st, 9, a->credits);
    bind_str(st, 10, a->format);
    char hex[MINHASH_K * 8 + 1];
    minhash_hex(a->sig, hex);
    sqlite3_bind_text(st, 11, hex, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 12, (sqlite3_int64)a->words);
    if (a->duplicate_of) { sqlite3_bind_int64(st, 13, a->duplicate_of); sqlite3_bind_int(st, 14, a->similarity); }
    sqlite3_bind_int64(st, 15, a->records ? (sqlite3_int64)json_array_size(a->records) : 0);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return store_db_error(s, rc, "cannot store an article", err);
    *id = sqlite3_last_insert_rowid(s->db);
    if (a->words < NEAR_MIN_WORDS) return 0;
    static const char BANDS[] = "INSERT INTO bands (key, article) VALUES (?1, ?2)";
    if (!(st = store_stmt(s, BANDS, &rc))) return store_db_error(s, rc, "cannot store an article", err);
    for (int b = 0; b < NEAR_BANDS && rc == SQLITE_OK; b++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, band_key(a->sig, b));
        sqlite3_bind_int64(st, 2, *id);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(s->db);
    }
    sqlite3_reset(st);
    return rc == SQLITE_OK ? 0 : store_db_error(s, rc, "cannot store an article", err);
}

/* the host of a URL, an outlet of last resort */
static const char *url_host(const char *url, char *out, size_t cap)
{
    if (!url) return NULL;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    if (!strncmp(p, "www.", 4)) p += 4;
    size_t n = strcspn(p, "/:?#");
    if (!n) return NULL;
    snprintf(out, cap, "%.*s", (int)n, p);
    return out;
}

const char *store_published(json_t *records, const char *ingest_date, char out[11])
{
    for (size_t i = 0; i < json_array_size(records); i++) {
        const char *p = js(json_array_get(records, i), "published");
        if (valid_day(p)) { copy(out, 11, p); return out; }
    }
    if (valid_day(ingest_date)) { copy(out, 11, ingest_date); return out; }
    for (size_t i = 0; i < json_array_size(records); i++) {
        json_t *r = json_array_get(records, i);
        const char *b = js(r, "date_basis"), *d = js(r, "date");
        if (b && d && !strcmp(b, "publication") && valid_day(d)) { copy(out, 11, d); return out; }
    }
    return NULL;
}

/* an export line's article: {"sitrep_export":1,"article":{...},"events":[...]} */
static int read_export(const sr_input *in, json_t **root, article *a, sr_error *err)
{
    json_error_t je;
    *root = json_loadb(in->export_line, in->export_len, 0, &je);
    json_t *ar = json_object_get(*root, "article");
    json_t *evs = json_object_get(*root, "events");
    const char *hash = js(ar, "hash"), *doc = js(ar, "doc");
    if (!json_is_object(ar) || !hash || strlen(hash) != 32 || !doc || (evs && !json_is_array(evs)))
        return store_fail(err, SR_EINPUT, "export line without an article's hash and doc, or with events not a list");
    snprintf(a->hash, sizeof a->hash, "%s", hash);
    a->doc = doc;
    a->url = js(ar, "url");
    a->origin = js(ar, "origin");
    a->title = js(ar, "title");
    a->outlet = js(ar, "outlet");
    a->date = js(ar, "date");
    a->language = js(ar, "language");
    a->format = js(ar, "format");
    json_t *cr = json_object_get(ar, "credits");
    a->credits = json_is_array(cr) ? json_dumps(cr, JSON_FLAGS) : NULL;
    if (!minhash_parse(js(ar, "minhash"), a->sig)) memset(a->sig, 0xff, sizeof a->sig);
    json_t *w = json_object_get(ar, "words");
    a->words = json_is_integer(w) && json_integer_value(w) > 0 ? (size_t)json_integer_value(w) : 0;
    a->records = evs ? json_incref(evs) : json_array();
    return 0;
}

/* ---- coding, apart from storing ---- */

struct sr_coded {
    json_t *records;    /* NULL: coding failed (code, message) or nothing to code (export) */
    int code;
    char message[sizeof ((sr_error *)0)->message];
};

/* the doc id records get: the input's, else where it was read */
static const char *input_doc(const sr_input *in) { return in->doc ? in->doc : in->origin; }

/* codes in into records (a JSON array it appends to) */
static int code_input(const sr_engine *e, const sr_input *in, json_t *records, sr_error *err)
{
    sr_article art = { input_doc(in), in->text, in->len, in->date, in->title, in->url, in->plain };
    sr_error cerr = {0};
    int c = sr_code_article(e, &art, collect, records, NULL, &cerr);
    if (c >= 0) return 0;
    return store_fail(err, c == SR_ENOMEM ? SR_ENOMEM : SR_EINPUT, "%s", cerr.message[0] ? cerr.message : "cannot code");
}

sr_coded *sr_store_code(const sr_engine *e, const sr_input *in)
{
    sr_coded *c = xcalloc(1, sizeof *c);
    if (in->format == SR_FMT_EXPORT) return c;
    c->records = json_array();
    sr_error err = {0};
    if ((c->code = code_input(e, in, c->records, &err)) != 0) {
        json_decref(c->records);
        c->records = NULL;
        copy(c->message, sizeof c->message, err.message);
    }
    return c;
}

void sr_coded_free(sr_coded *c)
{
    if (!c) return;
    json_decref(c->records);
    free(c);
}

int sr_store_known(sr_store *s, const sr_input *in, bool *known, sr_error *err)
{
    *known = false;
    if (in->format == SR_FMT_EXPORT) return 0;
    char hash[33];
    content_hash(in->text, in->len, hash);
    int rc = SQLITE_OK;
    *known = lookup_id(s, "SELECT id FROM articles WHERE hash = ?1 OR url = ?2", hash, in->url, &rc) != 0;
    return rc == SQLITE_OK ? 0 : store_db_error(s, rc, "cannot read", err);
}

int sr_store_add(sr_store *s, const sr_engine *e, const sr_input *in, sr_add_result *res, sr_error *err)
{
    return sr_store_add_coded(s, e, in, NULL, res, err);
}

int sr_store_add_coded(sr_store *s, const sr_engine *e, const sr_input *in, const sr_coded *coded, sr_add_result *res,
                       sr_error *err)
{
    memset(res, 0, sizeof *res);
    article a;
    memset(&a, 0, sizeof a);
    json_t *root = NULL;
    const char *dup_hash = NULL;
    int k = 0, rc = SQLITE_OK;
    if (in->format == SR_FMT_EXPORT) {
        k = read_export(in, &root, &a, err);
        dup_hash = jpath(root, "article", "duplicate_of");
    } else {
        content_hash(in->text, in->len, a.hash);
        minhash(in->text, in->len, a.sig, &a.words);
        a.url = in->url;
        a.doc = input_doc(in);
        a.origin = in->origin;
        a.title = in->title;
        a.outlet = in->outlet;
        a.date = in->date;   /* the input's own metadata; else store_published after coding */
        a.language = in->language;
        a.format = sr_format_name(in->format);
    }
    /* 2: the same URL or the same text is already in */
    if (!k) {
        res->article = lookup_id(s, "SELECT id FROM articles WHERE hash = ?1 OR url = ?2", a.hash, a.url, &rc);
        if (rc != SQLITE_OK) k = store_db_error(s, rc, "cannot read", err);
        else if (res->article) { res->what = SR_ADD_EXISTS; goto done; }
    }
    /* 3: a republication of a stored article */
    if (!k && in->format == SR_FMT_EXPORT && dup_hash) {
        a.duplicate_of = lookup_id(s, "SELECT id FROM articles WHERE hash = ?1", dup_hash, NULL, &rc);
        if (!a.duplicate_of) k = store_fail(err, SR_EINPUT, "republication of an article not stored before it (%s)", dup_hash);
        a.similarity = (int)json_integer_value(json_object_get(json_object_get(root, "article"), "similarity"));
    } else if (!k && in->format != SR_FMT_EXPORT && a.words >= NEAR_MIN_WORDS) {
        a.duplicate_of = near_duplicate(s, a.sig, &a.similarity, &rc);
        if (rc != SQLITE_OK) k = store_db_error(s, rc, "cannot read", err);
    }
    /* code it (outside the transaction: coding takes longer than storing) */
    if (!k && in->format != SR_FMT_EXPORT) {
        if (a.duplicate_of) a.records = json_array();
        else if (!coded) { a.records = json_array(); k = code_input(e, in, a.records, err); }
        else if (coded->records) a.records = json_incref(coded->records);
        else { a.records = json_array(); k = store_fail(err, coded->code, "%s", coded->message); }
        /* what the story says of itself when its input did not say it */
        json_t *r0 = json_array_get(a.records, 0);
        if (!a.outlet && js(r0, "outlet")) { copy(a.outlet_buf, sizeof a.outlet_buf, js(r0, "outlet")); a.outlet = a.outlet_buf; }
        if (!a.outlet) a.outlet = url_host(a.url, a.host, sizeof a.host);
        json_t *cr = json_object_get(r0, "credits");
        if (json_is_array(cr) && json_array_size(cr)) a.credits = json_dumps(cr, JSON_FLAGS);
        if (!a.date) a.date = store_published(a.records, in->published, a.date_buf);
    }
    if (k) goto done;
    /* 1: one transaction for the article and everything it brings */
    k = exec(s, "BEGIN IMMEDIATE", "cannot lock", err);
    if (k) goto done;
    int64_t id = 0;
    k = insert_article(s, &a, &id, err);
    for (size_t i = 0; !k && i < json_array_size(a.records); i++)
        k = add_event(s, e, id, (int)i + 1, a.date, json_array_get(a.records, i), err);
    if (!k) k = exec(s, "COMMIT", "cannot commit", err);
    if (k) sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    else {
        res->what = a.duplicate_of ? SR_ADD_NEAR_DUP : SR_ADD_NEW;
        res->article = id;
        res->duplicate_of = a.duplicate_of;
        res->events = json_array_size(a.records);
    }
done:
    json_decref(a.records);
    json_decref(root);
    free(a.credits);
    return k;
}

int sr_store_stats_get(sr_store *s, sr_store_stats *st, sr_error *err)
{
    static const char SQL[] =
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), "
        "(SELECT count(*) FROM events), (SELECT count(*) FROM clusters)";
    sqlite3_stmt *q;
    int rc = sqlite3_prepare_v2(s->db, SQL, -1, &q, NULL);
    if (rc != SQLITE_OK) return store_db_error(s, rc, "cannot read", err);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        st->articles = (size_t)sqlite3_column_int64(q, 0);
        st->duplicates = (size_t)sqlite3_column_int64(q, 1);
        st->events = (size_t)sqlite3_column_int64(q, 2);
        st->clusters = (size_t)sqlite3_column_int64(q, 3);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? 0 : store_db_error(s, rc, "cannot read", err);
}

/* ---- queries ---- */

const char STORE_CLUSTER_COLS[] =
    "c.id, c.root, c.cameo, c.plover, c.source, c.target, c.source_name, c.target_name, c.goldstein, c.quad, "
    "c.date, c.date_precision, c.factuality, c.place, c.country, c.admin1, c.lat, c.lon, c.root_event, "
    "c.killed_low, c.killed_best, c.killed_high, c.injured, c.arrested, c.toll_kind, c.mentions, c.sources, "
    "c.articles, a.url, a.outlet, a.doc, a.date, "
    "(SELECT sentence FROM events x WHERE x.cluster = c.id AND x.article = c.first_article ORDER BY x.seq LIMIT 1), "
    "c.outlets, c.geonames_id, c.place_precision";

static const char *ctext(sqlite3_stmt *st, int i) { return (const char *)sqlite3_column_text(st, i); }
static long cnum(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, i);
}

void store_cluster_row(sqlite3_stmt *st, sr_cluster *c)
{
    memset(c, 0, sizeof *c);
    c->id = sqlite3_column_int64(st, 0);
    c->root = ctext(st, 1); c->cameo = ctext(st, 2); c->plover = ctext(st, 3);
    c->source = ctext(st, 4); c->target = ctext(st, 5); c->source_name = ctext(st, 6); c->target_name = ctext(st, 7);
    c->goldstein = sqlite3_column_double(st, 8);
    c->quad = sqlite3_column_int(st, 9);
    c->date = ctext(st, 10); c->date_precision = ctext(st, 11); c->factuality = ctext(st, 12);
    c->place = ctext(st, 13); c->country = ctext(st, 14); c->admin1 = ctext(st, 15);
    c->has_geo = sqlite3_column_type(st, 16) != SQLITE_NULL;
    c->lat = sqlite3_column_double(st, 16);
    c->lon = sqlite3_column_double(st, 17);
    c->root_event = sqlite3_column_int(st, 18) != 0;
    c->killed_low = cnum(st, 19); c->killed_best = cnum(st, 20); c->killed_high = cnum(st, 21);
    c->injured_best = cnum(st, 22); c->arrested_best = cnum(st, 23);
    c->toll_kind = ctext(st, 24);
    c->mentions = sqlite3_column_int(st, 25);
    c->sources = sqlite3_column_int(st, 26);
    c->articles = sqlite3_column_int(st, 27);
    c->first_url = ctext(st, 28); c->first_outlet = ctext(st, 29); c->first_doc = ctext(st, 30);
    c->first_date = ctext(st, 31); c->sentence = ctext(st, 32); c->outlets = ctext(st, 33);
    c->geonames_id = sqlite3_column_int64(st, 34);
    c->place_precision = ctext(st, 35);
}

int store_cluster_sql(const sr_filter *f, const char *cols, buf *sql, sr_error *err)
{
    if (f->since && !valid_day(f->since)) return store_fail(err, SR_EUSAGE, "--since: bad date '%s' (YYYY-MM-DD)", f->since);
    if (f->until && !valid_day(f->until)) return store_fail(err, SR_EUSAGE, "--until: bad date '%s' (YYYY-MM-DD)", f->until);
    if (f->root && (strlen(f->root) < 2 || !isdigit((unsigned char)f->root[0]) || !isdigit((unsigned char)f->root[1])))
        return store_fail(err, SR_EUSAGE, "--root: '%s' is not a CAMEO root (two digits, \"19\")", f->root);
    buf_printf(sql, "SELECT %s FROM clusters c LEFT JOIN articles a ON a.id = c.first_article WHERE c.mentions > 0", cols);
    /* a row per filter: its SQL, with parameters numbered as store_cluster_bind binds them */
    if (f->actor) buf_puts(sql, " AND EXISTS (SELECT 1 FROM events x WHERE x.cluster = c.id AND "
                                "(substr(x.source, 1, length(?1)) = ?1 OR substr(x.target, 1, length(?1)) = ?1))");
    if (f->root) buf_puts(sql, " AND c.root = substr(?2, 1, 2)");
    if (f->since) buf_puts(sql, " AND c.date >= ?3");
    if (f->until) buf_puts(sql, " AND c.date <= ?4");
    /* the place by name, its admin1 by ISO 3166-2 code or by the name reports give the region
     * itself ("Batken Region" finds the city of Batken, in KG-B), or the country's code */
    if (f->place) buf_puts(sql, " AND EXISTS (SELECT 1 FROM events x WHERE x.cluster = c.id AND (x.place = ?5 COLLATE NOCASE "
                                "OR x.country = ?5 COLLATE NOCASE OR x.admin1 = ?5 COLLATE NOCASE OR x.admin1 IN "
                                "(SELECT r.admin1 FROM events r WHERE r.place = ?5 COLLATE NOCASE AND "
                                "r.loc_precision = 'admin1' AND r.admin1 IS NOT NULL)))");
    if (f->min_killed >= 0) buf_puts(sql, " AND c.killed_best >= ?6");
    if (f->text) buf_puts(sql, " AND c.id IN (SELECT x.cluster FROM evidence JOIN events x ON x.id = evidence.rowid "
                               "WHERE evidence MATCH ?7)");
    if (f->cluster) buf_puts(sql, " AND c.id = ?8");
    buf_puts(sql, " ORDER BY c.date IS NULL, c.date, c.id");
    return 0;
}

void store_cluster_bind(sqlite3_stmt *st, const sr_filter *f)
{
    if (f->actor) sqlite3_bind_text(st, 1, f->actor, -1, SQLITE_STATIC);
    if (f->root) sqlite3_bind_text(st, 2, f->root, -1, SQLITE_STATIC);
    if (f->since) sqlite3_bind_text(st, 3, f->since, -1, SQLITE_STATIC);
    if (f->until) sqlite3_bind_text(st, 4, f->until, -1, SQLITE_STATIC);
    if (f->place) sqlite3_bind_text(st, 5, f->place, -1, SQLITE_STATIC);
    if (f->min_killed >= 0) sqlite3_bind_int64(st, 6, f->min_killed);
    if (f->text) sqlite3_bind_text(st, 7, f->text, -1, SQLITE_STATIC);
    if (f->cluster) sqlite3_bind_int64(st, 8, f->cluster);
}

int sr_store_query(sr_store *s, const sr_filter *f, sr_cluster_fn fn, void *ctx, sr_error *err)
{
    buf sql = {0};
    int k = store_cluster_sql(f, STORE_CLUSTER_COLS, &sql, err);
    if (k) { buf_free(&sql); return k; }
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL);
    buf_free(&sql);
    if (rc != SQLITE_OK) return store_db_error(s, rc, "cannot query", err);
    store_cluster_bind(st, f);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        sr_cluster c;
        store_cluster_row(st, &c);
        if ((k = fn(ctx, &c)) != 0) break;
    }
    if (!k && rc != SQLITE_DONE) {
        if (f->text && (rc & 0xff) == SQLITE_ERROR)
            k = store_fail(err, SR_EUSAGE, "--text '%s': %s", f->text, sqlite3_errmsg(s->db));
        else k = store_db_error(s, rc, "cannot query", err);
    }
    sqlite3_finalize(st);
    return k;
}

/* ---- one cluster, every report, and the variants ---- */

static json_t *jstr_or_null(const char *s) { return s ? json_string(s) : json_null(); }
static json_t *jnum_or_null(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? json_null() : json_integer(sqlite3_column_int64(st, i));
}

static int summary_fn(void *ctx, const sr_cluster *c)
{
    json_t **out = ctx;
    char *j = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&j, &n);
    if (!m) return SR_ENOMEM;
    sr_export_cluster_json(c, m);
    fclose(m);
    json_error_t je;
    *out = json_loadb(j, n, 0, &je);
    free(j);
    return 1;
}

/* fields reports may disagree on: the events column that shows it, the name in "variants" */
static const struct { const char *column; const char *name; } VARIANT_FIELDS[] = {
    { "source", "source" }, { "target", "target" }, { "date", "date" }, { "place", "place" },
    { "country", "country" }, { "killed", "fatalities" }, { "injured", "injured" }, { "arrested", "arrested" },
    { "cameo", "cameo" }, { "admin1", "admin1" },
};

int sr_store_cluster_json(sr_store *s, int64_t id, char **json, sr_error *err)
{
    *json = NULL;
    json_t *summary = NULL;
    sr_filter f = { .min_killed = -1, .cluster = id };
    int k = sr_store_query(s, &f, summary_fn, &summary, err);
    if (k < 0) return k;
    if (!summary) return store_fail(err, SR_EINPUT, "no cluster %lld", (long long)id);
    json_t *root = json_object();
    json_object_set_new(root, "cluster", summary);
    static const char SQL[] =
        "SELECT e.id, a.doc, a.outlet, a.url, a.date, e.sentence, e.source, e.target, e.date, e.place, e.country, "
        "e.killed, e.killed_by, e.injured, e.arrested, e.cameo, e.seq, e.factuality, a.id, e.admin1, e.lat, e.lon, "
        "e.geonames_id, e.loc_precision, e.loc_basis "
        "FROM events e JOIN articles a ON a.id = e.article WHERE e.cluster = ?1 ORDER BY e.article, e.seq";
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, SQL, -1, &st, NULL);
    if (rc != SQLITE_OK) { json_decref(root); return store_db_error(s, rc, "cannot read", err); }
    sqlite3_bind_int64(st, 1, id);
    json_t *reports = json_array(), *variants = json_object();
    enum { NV = sizeof VARIANT_FIELDS / sizeof *VARIANT_FIELDS };
    json_t *vals[NV];
    for (int i = 0; i < NV; i++) vals[i] = json_object();   /* value -> [report refs] */
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *r = json_object();
        char ref[600];
        snprintf(ref, sizeof ref, "%s#%d", ctext(st, 1), sqlite3_column_int(st, 16));
        json_object_set_new(r, "report", json_string(ref));
        json_object_set_new(r, "outlet", jstr_or_null(ctext(st, 2)));
        json_object_set_new(r, "url", jstr_or_null(ctext(st, 3)));
        json_object_set_new(r, "published", jstr_or_null(ctext(st, 4)));
        json_object_set_new(r, "sentence", jstr_or_null(ctext(st, 5)));
        json_object_set_new(r, "source", jstr_or_null(ctext(st, 6)));
        json_object_set_new(r, "target", jstr_or_null(ctext(st, 7)));
        json_object_set_new(r, "date", jstr_or_null(ctext(st, 8)));
        json_object_set_new(r, "place", jstr_or_null(ctext(st, 9)));
        json_object_set_new(r, "country", jstr_or_null(ctext(st, 10)));
        json_object_set_new(r, "admin1", jstr_or_null(ctext(st, 19)));
        bool geo = sqlite3_column_type(st, 20) != SQLITE_NULL && sqlite3_column_type(st, 21) != SQLITE_NULL;
        json_object_set_new(r, "lat", geo ? json_real(sqlite3_column_double(st, 20)) : json_null());
        json_object_set_new(r, "lon", geo ? json_real(sqlite3_column_double(st, 21)) : json_null());
        json_object_set_new(r, "geonames_id", jnum_or_null(st, 22));
        json_object_set_new(r, "place_precision", jstr_or_null(ctext(st, 23)));
        json_object_set_new(r, "place_basis", jstr_or_null(ctext(st, 24)));
        json_object_set_new(r, "fatalities", jnum_or_null(st, 11));
        json_object_set_new(r, "fatalities_reported_by", jstr_or_null(ctext(st, 12)));
        json_object_set_new(r, "injured", jnum_or_null(st, 13));
        json_object_set_new(r, "arrested", jnum_or_null(st, 14));
        json_object_set_new(r, "cameo", jstr_or_null(ctext(st, 15)));
        json_object_set_new(r, "factuality", jstr_or_null(ctext(st, 17)));
        static const int COL[NV] = { 6, 7, 8, 9, 10, 11, 13, 14, 15, 19 };   /* VARIANT_FIELDS' columns */
        for (int i = 0; i < NV; i++) {
            const char *v = ctext(st, COL[i]);
            if (!v) continue;
            json_t *list = json_object_get(vals[i], v);
            if (!list) { list = json_array(); json_object_set_new(vals[i], v, list); }
            json_t *prov = json_object();
            json_object_set_new(prov, "report", json_string(ref));
            json_object_set_new(prov, "outlet", jstr_or_null(ctext(st, 2)));
            if (i == 5) json_object_set_new(prov, "reported_by", jstr_or_null(ctext(st, 12)));
            json_object_set_new(prov, "sentence", jstr_or_null(ctext(st, 5)));
            json_array_append_new(list, prov);
        }
        json_array_append_new(reports, r);
    }
    sqlite3_finalize(st);
    for (int i = 0; i < NV; i++) {
        if (json_object_size(vals[i]) > 1) {
            json_t *arr = json_array();
            const char *key;
            json_t *v;
            json_object_foreach(vals[i], key, v) {
                json_t *o = json_object();
                json_object_set_new(o, "value", json_string(key));
                json_object_set(o, "reports", v);
                json_array_append_new(arr, o);
            }
            json_object_set_new(variants, VARIANT_FIELDS[i].name, arr);
        }
        json_decref(vals[i]);
    }
    /* republications of the cluster's articles: stored, not coded, not counted */
    json_t *repub = json_array();
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT d.doc, d.outlet, d.url, o.doc, d.similarity FROM articles d JOIN articles o ON "
                                  "o.id = d.duplicate_of WHERE d.duplicate_of IN (SELECT article FROM events WHERE "
                                  "cluster = ?1) ORDER BY d.id", -1, &q, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(q, 1, id);
        while (sqlite3_step(q) == SQLITE_ROW) {
            json_t *o = json_object();
            json_object_set_new(o, "doc", jstr_or_null(ctext(q, 0)));
            json_object_set_new(o, "outlet", jstr_or_null(ctext(q, 1)));
            json_object_set_new(o, "url", jstr_or_null(ctext(q, 2)));
            json_object_set_new(o, "of", jstr_or_null(ctext(q, 3)));
            json_object_set_new(o, "minhash_matches", json_integer(sqlite3_column_int(q, 4)));
            json_array_append_new(repub, o);
        }
        sqlite3_finalize(q);
    }
    json_object_set_new(root, "variants", variants);
    json_object_set_new(root, "reports", reports);
    json_object_set_new(root, "republished", repub);
    if (rc != SQLITE_DONE) { json_decref(root); return store_db_error(s, rc, "cannot read", err); }
    *json = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(root);
    return *json ? 0 : store_fail(err, SR_ENOMEM, "out of memory");
}
