/* Unit tests for store: a database of schema version 1 (before places had geonames_id,
 * precision and basis) is migrated on open, its columns filled from the stored records and
 * its merged events' summaries recomputed; a database of a newer version is refused with a
 * clear error; the merge rule's place cases; the article's publication date. */
#include "check.h"
#include "merge.h"
#include "store.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/sitrep-store-XXXXXX";

/* one stored article, as `sitrep export --format jsonl` writes it, with one record in Kharkiv */
static const char LINE[] =
    "{\"sitrep_export\":1,\"article\":{\"doc\":\"a1\",\"hash\":\"0123456789abcdef0123456789abcdef\","
    "\"outlet\":\"Harbour Post\",\"date\":\"2024-05-10\"},\"events\":[{\"doc\":\"a1\",\"id\":\"a1#1\","
    "\"sentence\":\"Russian forces shelled Kharkiv on Friday.\",\"source\":{\"code\":\"RUSMIL\",\"text\":\"Russian forces\"},"
    "\"target\":null,\"cameo\":\"194\",\"root\":\"19\",\"factuality\":\"asserted\",\"date\":\"2024-05-10\","
    "\"date_precision\":\"day\",\"location\":{\"name\":\"Kharkiv\",\"country\":\"UKR\",\"admin1\":\"UA-63\","
    "\"lat\":49.98,\"lon\":36.25,\"geonames_id\":706483,\"precision\":\"city\",\"basis\":\"sentence\"}}]}";

static int first(void *ctx, const sr_cluster *c)
{
    sr_cluster *out = ctx;
    *out = *c;
    out->place_precision = NULL;   /* borrowed: only the id and flags are kept */
    out->place = out->country = out->admin1 = NULL;
    return 1;
}

static int raw(const char *path, const char *sql)
{
    sqlite3 *db;
    int rc = sqlite3_open(path, &db);
    if (rc == SQLITE_OK) rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK) fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(db));
    sqlite3_close(db);
    return rc;
}

static void test_migration(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/v1.db", dir);
    sr_store *s;
    sr_error err = {0};
    CHECK(sr_store_open(&s, path, &err) == 0);
    sr_input in = { .format = SR_FMT_EXPORT, .origin = "line", .export_line = LINE, .export_len = strlen(LINE) };
    sr_add_result res;
    CHECK(sr_store_add(s, NULL, &in, &res, &err) == 0 && res.what == SR_ADD_NEW);
    sr_store_free(s);
    /* make it a version-1 database: without the columns version 2 added */
    CHECK(raw(path, "ALTER TABLE events DROP COLUMN geonames_id; ALTER TABLE events DROP COLUMN loc_precision; "
                    "ALTER TABLE events DROP COLUMN loc_basis; ALTER TABLE clusters DROP COLUMN geonames_id; "
                    "ALTER TABLE clusters DROP COLUMN place_precision; UPDATE meta SET value = '1' WHERE key = 'schema'")
          == SQLITE_OK);
    CHECK(sr_store_open(&s, path, &err) == 0);
    if (!s) return;
    sr_filter f = { .min_killed = -1 };
    sr_cluster c;
    memset(&c, 0, sizeof c);
    CHECK(sr_store_query(s, &f, first, &c, &err) == 1);
    CHECK(c.geonames_id == 706483);
    char *json = NULL;
    CHECK(sr_store_cluster_json(s, c.id, &json, &err) == 0);
    CHECK(json && strstr(json, "\"place_precision\":\"city\"") && strstr(json, "\"place_basis\":\"sentence\""));
    free(json);
    f.place = "UA-63";
    memset(&c, 0, sizeof c);
    CHECK(sr_store_query(s, &f, first, &c, &err) == 1 && c.geonames_id == 706483);
    sr_store_free(s);
    /* opened again: nothing more to do */
    CHECK(sr_store_open(&s, path, &err) == 0);
    sr_store_free(s);
    /* a newer sitrep's database: refused, saying so */
    CHECK(raw(path, "UPDATE meta SET value = '99' WHERE key = 'schema'") == SQLITE_OK);
    memset(&err, 0, sizeof err);
    CHECK(sr_store_open(&s, path, &err) == SR_EDB && !s);
    CHECK(strstr(err.message, "schema version 99") != NULL);
}

static merge_event place(const char *name, const char *country, const char *admin1, const char *precision, int64_t id)
{
    merge_event m;
    memset(&m, 0, sizeof m);
    strcpy(m.root, "19");
    strcpy(m.fclass, "report");
    strcpy(m.date_lo, "2024-05-10");
    strcpy(m.date_hi, "2024-05-10");
    snprintf(m.place, sizeof m.place, "%s", name);
    snprintf(m.country, sizeof m.country, "%s", country);
    snprintf(m.admin1, sizeof m.admin1, "%s", admin1);
    snprintf(m.precision, sizeof m.precision, "%s", precision);
    m.geonames_id = id;
    m.country_level = !strcmp(precision, "country");
    return m;
}

static void test_places(void)
{
    merge_event kharkiv = place("Kharkiv", "UKR", "UA-63", "city", 706483);
    merge_event kharkov = place("Kharkov", "UKR", "UA-63", "city", 706483);
    merge_event chuhuyiv = place("Chuhuyiv", "UKR", "UA-63", "city", 710374);
    merge_event region = place("Kharkiv region", "UKR", "UA-63", "admin1", 0);
    merge_event ukraine = place("Ukraine", "UKR", "", "country", 0);
    merge_event russia = place("Russia", "RUS", "", "country", 0);
    merge_event old = place("Kharkiv", "UKR", "", "", 0);          /* a record before geonames_id */
    merge_event other = place("Kharkiv", "UKR", "UA-63", "city", 1);   /* same name, another place */
    CHECK(merge_compatible(&kharkiv, &kharkov));       /* one GeoNames place, two spellings */
    CHECK(!merge_compatible(&kharkiv, &chuhuyiv));     /* two cities of one region */
    CHECK(!merge_compatible(&kharkiv, &other));
    CHECK(merge_compatible(&kharkiv, &region) && merge_compatible(&chuhuyiv, &region));
    CHECK(merge_compatible(&kharkiv, &ukraine) && merge_compatible(&ukraine, &chuhuyiv));
    CHECK(!merge_compatible(&kharkiv, &russia) && !merge_compatible(&ukraine, &russia));
    CHECK(merge_compatible(&kharkiv, &old) && !merge_compatible(&chuhuyiv, &old));
}

/* the publication date: the record's `published` when the coder gives one, else ingest's,
 * else a record dated by publication; a malformed one is passed over */
static void test_published(void)
{
    char out[11];
    json_error_t je;
    json_t *with = json_loads("[{\"published\":null},{\"published\":\"2024-05-11\"}]", 0, &je);
    json_t *bad = json_loads("[{\"published\":\"11 May\",\"date_basis\":\"publication\",\"date\":\"2024-05-09\"}]", 0, &je);
    json_t *none = json_loads("[{\"date_basis\":\"relative\",\"date\":\"2024-05-08\"}]", 0, &je);
    const char *d = store_published(with, "2024-05-10", out);
    CHECK(d && !strcmp(d, "2024-05-11"));
    d = store_published(bad, "2024-05-10", out);
    CHECK(d && !strcmp(d, "2024-05-10"));
    d = store_published(bad, NULL, out);
    CHECK(d && !strcmp(d, "2024-05-09"));
    CHECK(store_published(none, NULL, out) == NULL);
    CHECK(store_published(NULL, NULL, out) == NULL);
    json_decref(with);
    json_decref(bad);
    json_decref(none);
}

int main(void)
{
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 2; }
    test_migration();
    test_places();
    test_published();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd)) fprintf(stderr, "cannot remove %s\n", dir);
    return CHECK_DONE();
}
