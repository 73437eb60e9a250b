/* sitrep_store.h: the event store of libsitrep, the second public header. Articles are
 * read from files of any supported format (ingest), coded, kept in SQLite with their
 * events, and events that report one real-world event are merged into clusters across
 * articles and outlets (docs/STORE.md). It uses sitrep.h's conventions: 0 or a negative
 * SR_E* code, an optional sr_error, _open/_free pairs whose _free accepts NULL.
 *
 * An sr_store is one connection: use it from one thread at a time. */
#ifndef SITREP_STORE_H
#define SITREP_STORE_H
#include "sitrep.h"
#include <stdint.h>
#include <stdio.h>

enum {
    SR_EDB = -6,      /* the database cannot be opened, read or written (message says why) */
    SR_EFULL = -7,    /* the database or its disk is full */
};

/* ---- reading inputs (ingest.c) ---- */

/* The formats an input is recognised as, by its content. */
typedef enum sr_format {
    SR_FMT_TEXT, SR_FMT_JSONL, SR_FMT_HTML, SR_FMT_FEED, SR_FMT_EXPORT, SR_FMT_EMPTY, SR_FMT_BINARY
} sr_format;

const char *sr_format_name(sr_format f);

/* One article found in an input. All strings are borrowed for the callback's duration;
 * any may be NULL but text (or, for SR_FMT_EXPORT, export_line). */
typedef struct sr_input {
    sr_format format;
    const char *origin;       /* "FILE" or "FILE:LINE" or "FILE#ITEM", for messages */
    const char *doc;          /* document id for the records: file name, JSON id, feed guid */
    const char *text; size_t len;
    const char *title, *date, *url, *outlet, *language;
    const char *published;    /* text stories: the dateline's date as ingest reads it, for
                                 the article's metadata only (the coder reads its own) */
    bool plain;               /* true: no wire-story layout to look for (JSON, HTML, feeds) */
    const char *export_line;  /* SR_FMT_EXPORT: one line of `sitrep export --format jsonl` */
    size_t export_len;
} sr_input;

typedef int (*sr_input_fn)(void *ctx, const sr_input *in);
/* called for each part of an input that cannot be read (a bad JSON line, a feed that is not
 * XML); origin and message are borrowed */
typedef void (*sr_input_error_fn)(void *ctx, const char *origin, const char *message);

/* Recognises the format of buf[len] (see sr_format) and calls fn for each article in it,
 * onerr for each part that cannot be read. name names the input in origins and, for a
 * plain-text story, is its doc id. Returns 0 when the input was read (some parts may have
 * failed), SR_EINPUT with err filled when none of it could be (empty, binary, invalid XML,
 * truncated HTML), or fn's non-zero return, which stops the reading. */
int sr_ingest_buffer(const char *buf, size_t len, const char *name, sr_input_fn fn,
                     sr_input_error_fn onerr, void *ctx, sr_error *err);

/* ---- the store (store.c, merge.c) ---- */

typedef struct sr_store sr_store;

/* Opens the database at path, creating it and its schema when absent (WAL journal).
 * Returns SR_EDB when path is not a sitrep database or cannot be opened. */
int  sr_store_open(sr_store **out, const char *path, sr_error *err);
void sr_store_free(sr_store *s);

/* What sr_store_add did with an article. */
typedef enum sr_added {
    SR_ADD_NEW,        /* stored, coded, its events merged into clusters */
    SR_ADD_EXISTS,     /* already stored (same URL or the same text): nothing changed */
    SR_ADD_NEAR_DUP,   /* stored as a republication of an earlier article: not coded again,
                          its events are not counted twice */
} sr_added;

typedef struct sr_add_result {
    sr_added what;
    size_t events;                /* events stored */
    int64_t article;              /* its row id (for EXISTS: the stored one) */
    int64_t duplicate_of;         /* NEAR_DUP: the original's row id */
} sr_add_result;

/* Codes the article with e and stores it with its events in one transaction: a crash leaves
 * either all of it or none. An input whose events fail to code is not stored (SR_EINPUT).
 * SR_EFULL and SR_EDB mean the store cannot go on. */
int sr_store_add(sr_store *s, const sr_engine *e, const sr_input *in, sr_add_result *res,
                 sr_error *err);

/* Coding on other threads. sr_store_add codes on the calling thread; to code many articles
 * at once, code each with sr_store_code on any thread (it reads only the engine, which is
 * shared read-only, and no store), then store them with sr_store_add_coded on the store's
 * one thread, in input order: the database is the same as sr_store_add would make. An
 * article that proves to be stored already, or a republication, is not coded by
 * sr_store_add, so coding it ahead is wasted work: sr_store_known tells the first case
 * beforehand. */
typedef struct sr_coded sr_coded;

/* The article's records, or the error coding it met (kept, and reported by
 * sr_store_add_coded only if the article needed coding). Never NULL (aborts when out of
 * memory); in is read during the call only. The caller frees the result with
 * sr_coded_free (accepts NULL). */
sr_coded *sr_store_code(const sr_engine *e, const sr_input *in);
void sr_coded_free(sr_coded *c);

/* sr_store_add with the article coded ahead (c from sr_store_code on the same in; NULL:
 * code now). c is not freed. */
int sr_store_add_coded(sr_store *s, const sr_engine *e, const sr_input *in, const sr_coded *c, sr_add_result *res,
                       sr_error *err);

/* *known: an article with in's URL or text is stored already (sr_store_add would do
 * nothing). Always false for export lines, which are never coded. */
int sr_store_known(sr_store *s, const sr_input *in, bool *known, sr_error *err);

/* Totals of the whole store. */
typedef struct sr_store_stats {
    size_t articles, duplicates, events, clusters;
} sr_store_stats;
int sr_store_stats_get(sr_store *s, sr_store_stats *st, sr_error *err);

/* Which clusters a query or an export takes; a NULL or 0 member does not filter. */
typedef struct sr_filter {
    const char *actor;     /* actor code prefix, source or target of any report ("AZE") */
    const char *root;      /* CAMEO root, "19" */
    const char *since, *until;   /* YYYY-MM-DD, inclusive, on the cluster's date */
    const char *place;     /* a place name, admin1 (ISO 3166-2 code, or the region's name as
                              a report gives it) or country code of any report */
    long min_killed;       /* best fatality figure at least this; < 0 for none */
    const char *text;      /* FTS5 query over the evidence sentences */
    int64_t cluster;       /* one cluster by id; 0 for all */
} sr_filter;

/* A merged event, as query and export read it; strings are borrowed for the callback. */
typedef struct sr_cluster {
    int64_t id;
    const char *root, *cameo, *plover, *source, *target, *source_name, *target_name;
    double goldstein;
    int quad;
    const char *date, *date_precision, *factuality;
    const char *place, *country, *admin1;
    double lat, lon;
    bool has_geo, root_event;
    long killed_low, killed_best, killed_high;    /* < 0: no figure */
    long injured_best, arrested_best;
    const char *toll_kind;       /* "event", "cumulative" or NULL */
    int mentions, sources, articles;
    const char *first_url, *first_outlet, *first_doc, *first_date, *sentence;
    const char *outlets;         /* the outlets reporting it, "; "-separated */
    int64_t geonames_id;         /* of the place, 0: none (not a GeoNames city, or unknown) */
    const char *place_precision; /* the place's: "city", "admin1", "region", "country" or NULL */
} sr_cluster;

typedef int (*sr_cluster_fn)(void *ctx, const sr_cluster *c);

/* Calls fn for each cluster f selects, by date then id. SR_EUSAGE for a bad filter (an FTS
 * query that does not parse, a malformed date). */
int sr_store_query(sr_store *s, const sr_filter *f, sr_cluster_fn fn, void *ctx, sr_error *err);

/* The cluster with id as one JSON object: its summary, every report (outlet, article,
 * sentence, values) and, per field reports disagree on, the variants with their reports
 * (docs/STORE.md). *json is malloc'd; the caller frees it. SR_EINPUT: no such cluster. */
int sr_store_cluster_json(sr_store *s, int64_t id, char **json, sr_error *err);

/* ---- export (export.c) ---- */

/* Writes the clusters f selects to out in format "gdelt", "acled", "plover", "csv", or
 * "jsonl" (the articles and their reports, re-importable with sr_store_add). SR_EUSAGE for
 * an unknown format, SR_EIO when out cannot be written. */
int sr_export(sr_store *s, const sr_filter *f, const char *format, FILE *out, sr_error *err);

/* Writes one cluster summary as a JSON object (no newline) or a CSV row; the CSV header
 * is sr_export_csv_header. Used by `sitrep query`. */
int sr_export_cluster_json(const sr_cluster *c, FILE *out);
int sr_export_cluster_csv(const sr_cluster *c, FILE *out);
void sr_export_csv_header(FILE *out);
#endif
