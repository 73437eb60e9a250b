/* store: the SQLite event store behind sitrep_store.h; this header is what export.c and
 * ingest.c share with store.c (the connection, the cluster filter as SQL, errors). */
#ifndef SR_STORE_H
#define SR_STORE_H
#include "sitrep_store.h"
#include "util.h"
#include <jansson.h>
#include <sqlite3.h>

struct sr_store {
    sqlite3 *db;
    char *path;
    /* prepared statements, kept for the connection's life (store_stmt) */
    VEC(struct store_stmt { const char *sql; sqlite3_stmt *st; }) stmts;
};

/* The statement for sql, a string constant found by its address: prepared once per
 * connection (preparing cost more than a third of ingest's time), then handed out reset
 * and with no bindings. The caller resets it when done with it (sqlite3_reset, not
 * finalize), so that it holds no read transaction; one use at a time. NULL with *rc set
 * when it cannot be prepared. sr_store_free finalizes them. */
sqlite3_stmt *store_stmt(sr_store *s, const char *sql, int *rc);

/* Fills err (when not NULL) with code, the message fmt makes and no byte offset, and
 * returns code: the store's, ingest's and export's one way of failing. */
int store_fail(sr_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Fills err from an SQLite result code (SQLITE_FULL becomes SR_EFULL, the rest SR_EDB)
 * and returns the SR_ code; what says what was being done. */
int store_db_error(sr_store *s, int rc, const char *what, sr_error *err);

/* The clusters f selects, as "SELECT <cols> FROM clusters c ... WHERE ... ORDER BY" into
 * sql, and the binding of its parameters. SR_EUSAGE (err filled) for a malformed filter. */
int  store_cluster_sql(const sr_filter *f, const char *cols, buf *sql, sr_error *err);
void store_cluster_bind(sqlite3_stmt *st, const sr_filter *f);

/* The publication date of an article whose input gave none, into out: the coder's
 * `published` on the first of records (JSON records of the article) that has a valid one
 * (YYYY-MM-DD), else ingest_date (what ingest read in a story's first lines; may be NULL),
 * else the date of the first record dated by publication. NULL when none is known. */
const char *store_published(json_t *records, const char *ingest_date, char out[11]);

/* The column list that store_cluster_row reads, in its order. */
extern const char STORE_CLUSTER_COLS[];
/* An sr_cluster from a row of STORE_CLUSTER_COLS; strings borrowed from the statement. */
void store_cluster_row(sqlite3_stmt *st, sr_cluster *c);
#endif
