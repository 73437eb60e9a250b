/* gazetteer: the compiled place index that where.c reads. tools/gen_gazetteer.c builds it at
 * `make` time from GeoNames cities1000, iso-codes and data/places.txt into one image file
 * (build/data/gazetteer.img); sitrep maps the file at start and looks names up by hash, so
 * opening costs a few system calls whatever the gazetteer's size. The builder lives here too,
 * beside the reader, so both agree on the layout and on how a name becomes a key. */
#ifndef SR_GAZETTEER_H
#define SR_GAZETTEER_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "sitrep.h"

/* Kinds of place, also the record's `precision`: GAZETTEER_KIND_NAMES[kind]. */
enum { GAZ_CITY, GAZ_ADMIN1, GAZ_REGION, GAZ_COUNTRY, GAZ_NKINDS };
extern const char *const GAZETTEER_KIND_NAMES[];
enum { GAZ_OWN = 1 };            /* flags: the place comes from data/places.txt */

/* One place as stored in the image (32 bytes, host byte order). Strings are offsets into the
 * image's string pool: gazetteer_str turns them into C strings. */
typedef struct gaz_place {
    uint32_t name;               /* display name */
    uint32_t admin1;             /* ISO 3166-2 code of the first-level region, 0: unknown */
    uint32_t geonames_id;        /* 0: not a GeoNames place */
    uint32_t rank;               /* population for GeoNames places; a fixed rank for others */
    float lat, lon;              /* NaN: unknown (countries and most regions) */
    char country[4];             /* ISO 3166-1 alpha-3, NUL-terminated */
    uint8_t kind, flags;
    uint16_t pad;
} gaz_place;

/* A name's candidates, best-ranked first. post[i] & GAZ_POST_INDEX is a place index;
 * GAZ_POST_ALT marks a match by an alternate name (GeoNames alternatenames). */
enum { GAZ_POST_ALT = 0x80000000u, GAZ_POST_INDEX = 0x7fffffffu };
typedef struct gaz_hits {
    const uint32_t *post;
    uint32_t n;
    bool stop;                   /* a stoplist word: never a place on its own */
} gaz_hits;

typedef struct gazetteer gazetteer;

/* Maps the image at path read-only. Returns 0; SR_EIO (errno's reason in err) when it cannot
 * be opened; SR_EDICT when it is not a valid image of this version (bad magic, version, byte
 * order, or sizes that do not fit the file). *out is NULL on error. Thread-safe once open. */
int  gazetteer_open(gazetteer **out, const char *path, sr_error *err);
void gazetteer_close(gazetteer *g);       /* accepts NULL */

/* The key of a name: lower-case ASCII letters and digits, accents and apostrophes dropped,
 * any other run of characters one blank ("Nagorno-Karabakh" -> "nagorno karabakh",
 * "İstanbul" -> "istanbul"). Returns its length, or 0 when the name has no key (empty, too
 * long for cap, or letters of a non-Latin script). out is NUL-terminated. */
size_t gazetteer_key(const char *s, size_t n, char *out, size_t cap);

/* Looks a key up; false when the gazetteer has no such name. */
bool gazetteer_lookup(const gazetteer *g, const char *key, size_t klen, gaz_hits *out);
/* The place of a posting, or NULL when the image is inconsistent there. */
const gaz_place *gazetteer_place(const gazetteer *g, uint32_t post);
/* A string of the pool ("" for offset 0 or one out of range). */
const char *gazetteer_str(const gazetteer *g, uint32_t off);
/* The country place of an ISO alpha-3 code, or NULL. */
const gaz_place *gazetteer_country(const gazetteer *g, const char *iso3);
size_t gazetteer_max_words(const gazetteer *g);
size_t gazetteer_ncities(const gazetteer *g);   /* 0: built without cities1000 */
size_t gazetteer_nplaces(const gazetteer *g);

/* ---- building (tools/gen_gazetteer.c, tests) ---- */
typedef struct gaz_builder gaz_builder;
gaz_builder *gazetteer_builder_new(void);
void gazetteer_builder_free(gaz_builder *b);   /* accepts NULL */
/* Adds a place; returns its index. admin1 may be NULL; lat/lon NaN when unknown. The place
 * is found by no name until gazetteer_builder_name gives it one. */
uint32_t gazetteer_builder_place(gaz_builder *b, const char *name, const char *iso3, const char *admin1,
                                 uint32_t geonames_id, uint32_t rank, double lat, double lon, int kind, int flags);
/* Makes place findable by name (alt: an alternate name). Names without a key are skipped;
 * returns whether the name was added. */
bool gazetteer_builder_name(gaz_builder *b, uint32_t place, const char *name, size_t n, bool alt);
void gazetteer_builder_stop(gaz_builder *b, const char *word);
void gazetteer_builder_set_cities(gaz_builder *b, size_t ncities);
/* Reads data/places.txt (format: docs/DICTIONARIES.md) into the builder. SR_EIO if it cannot
 * be read, SR_EDICT with "path:line: what" for a malformed line. */
int  gazetteer_builder_places_file(gaz_builder *b, const char *path, sr_error *err);
/* Writes the image; SR_EIO with the reason on failure. */
int  gazetteer_builder_write(gaz_builder *b, const char *path, sr_error *err);
#endif
