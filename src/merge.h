/* merge: which events report the same real-world event. An event joins the cluster whose
 * every member it is compatible with (same root, compatible actors, overlapping dates,
 * compatible places, the same kind of toll), else starts its own; the cluster's summary
 * (GDELT-style counts, low/best/high tolls, the most-reported values) is then recomputed
 * from its members. The rule is prose in docs/STORE.md; its tables are in merge.c. */
#ifndef SR_MERGE_H
#define SR_MERGE_H
#include "store.h"
#include <stdbool.h>
#include <stdint.h>

/* The fields of an event that decide merging, as stored in the events table. Empty
 * strings are "not known"; an undated event has empty date_lo and date_hi. */
typedef struct merge_event {
    char root[4];
    char fclass[16];        /* "report" (asserted or claimed), else the factuality */
    char toll_kind[12];     /* "event", "cumulative", or "" (no figure) */
    char source[40], target[40];
    char date_lo[11], date_hi[11];
    char place[160], country[8], admin1[80];
    char precision[12];     /* the location's: "city", "admin1", "region", "country", or "" */
    int64_t geonames_id;    /* 0: not a GeoNames place */
    bool country_level;     /* the place is the whole country ("in Sudan") */
} merge_event;

/* true when a and b may be reports of one event */
bool merge_compatible(const merge_event *a, const merge_event *b);

/* Finds the cluster ev joins (or creates one) in s and writes its id to *cluster. The
 * event's own row must not be in the cluster yet. Returns an SQLite result code. */
int merge_assign(sr_store *s, const merge_event *ev, int64_t *cluster);

/* Recomputes a cluster's summary columns from its members. Returns an SQLite code. */
int merge_refresh(sr_store *s, int64_t cluster);

/* The roots whose source is a variant rather than part of the event's identity. */
bool merge_source_varies(const char *root);
#endif
