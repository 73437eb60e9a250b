/* where: the place of an event, the stage after code. Reads the sentence's place phrases
 * ("in the city of Tartar, Azerbaijan", "near Idlib", "in Istanbul, Turkey") against the
 * gazetteer (gazetteer.c) and picks, among places of one name, the one in the countries the
 * sentence or the article names, then the largest. Places after "on", "over" (what talks are
 * about) and the dateline city only set the article's context place, which events whose
 * sentence names no place of their own take. Without the gazetteer image it falls back to
 * the countries and capitals of the actor dictionaries. */
#ifndef SR_WHERE_H
#define SR_WHERE_H
#include "actors.h"
#include "gazetteer.h"

/* Where a place came from: its event's sentence, the dateline, or the article's context. */
enum { WHERE_SENTENCE, WHERE_DATELINE, WHERE_ARTICLE };
extern const char *const WHERE_BASIS_NAMES[];

typedef struct place {
    size_t a, b;                 /* token span of the name in its sentence */
    char name[96];               /* as the text writes it */
    char country[4];             /* ISO alpha-3 (KSV for Kosovo) */
    char admin1[12];             /* ISO 3166-2, "" when unknown */
    double lat, lon;             /* NaN when unknown */
    uint32_t geonames_id;        /* 0: none */
    uint8_t precision;           /* GAZ_CITY, GAZ_ADMIN1, GAZ_REGION, GAZ_COUNTRY */
    uint8_t basis;               /* WHERE_* */
} place;

/* The engine's handle on the gazetteer. */
typedef struct where_index {
    gazetteer *gz;               /* NULL: no image; countries and capitals only */
    char warning[384];           /* why places are coarser than they should be, or "" */
} where_index;

/* Opens gen_dir/gazetteer.img. A missing image is no error: w->gz stays NULL and w->warning
 * says so (also when the image was built without cities1000). A corrupt one is SR_EDICT with
 * the file named in err. where_close accepts a zeroed or failed index. */
int  where_open(where_index *w, const char *gen_dir, sr_error *err);
void where_close(where_index *w);

enum { WHERE_MAX_COUNTRIES = 24 };
/* What an article remembers: the countries it has named (to choose among places of one name)
 * and its context place. Zero it per article. */
typedef struct where_memory {
    char countries[WHERE_MAX_COUNTRIES][4];
    size_t ncountries;
    place context;
    bool have_context;
} where_memory;

/* The agency dateline before the first body paragraph ("KYIV, Feb 23 (Reuters) -", which
 * doc.c cut off the paragraph starting at body_start) becomes the context place. */
void where_dateline(const where_index *w, const char *text, size_t body_start, where_memory *mem);

/* The place of the sentence's events, from t[0..n): false if it names none. learn=false
 * (captions) leaves mem alone. */
bool where_find(const where_index *w, const dict *d, const char *text, const tok *t, size_t n,
                const mention *m, size_t nm, where_memory *mem, bool learn, place *out);
#endif
