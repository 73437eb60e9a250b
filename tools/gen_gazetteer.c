/* gen-gazetteer: compiles sitrep's gazetteer image (src/gazetteer.c) from Debian's iso-codes
 * (countries, first-level regions, ISO alpha-2 -> alpha-3), data/places.txt (sitrep's own
 * regions and the stoplist) and, when present, GeoNames cities1000 as fetched by
 * scripts/setup.sh. Run by `make`; the image goes to build/data/ and is never committed.
 *
 *   gen-gazetteer OUT ISO_3166-1.json ISO_3166-2.json PLACES.txt [CITIES1000.txt]
 *
 * A missing or unreadable cities file gives a warning and an image without cities (sitrep
 * still runs, and says so); anything wrong with the other inputs stops the build. */
#include "gazetteer.h"
#include "util.h"
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { RANK_COUNTRY = 100000000 };   /* "Jordan" is the country before any town of that name */

typedef struct country { char a2[3], a3[4]; } country;
static VEC(country) countries;

static const char *iso3_of(const char *a2)
{
    for (size_t i = 0; i < countries.n; i++) if (!strcmp(countries.v[i].a2, a2)) return countries.v[i].a3;
    return NULL;
}

static json_t *load_list(const char *path, const char *member)
{
    json_error_t e;
    json_t *root = json_load_file(path, 0, &e);
    if (!root) { fprintf(stderr, "gen-gazetteer: %s:%d: %s\n", path, e.line, e.text); exit(1); }
    json_t *list = json_object_get(root, member);
    if (!json_is_array(list)) { fprintf(stderr, "gen-gazetteer: %s: no \"%s\" array\n", path, member); exit(1); }
    json_incref(list);
    json_decref(root);
    return list;
}

static void add_name(gaz_builder *b, uint32_t p, const char *s, bool alt)
{
    if (s && *s) gazetteer_builder_name(b, p, s, strlen(s), alt);
}

/* ---- first-level regions, and how GeoNames' admin1 codes map onto them ---- */

typedef struct region { char code[12]; char key[128]; char a2[3]; } region;
static VEC(region) regions;

/* Countries GeoNames uses that ISO 3166-1 lacks, with the code CAMEO gives them. To add one:
 * a row {GeoNames alpha-2, actor code, name}. */
static const struct { const char *a2, *a3, *name; } EXTRA_COUNTRIES[] = {
    {"XK", "KSV", "Kosovo"},
};

static void load_countries(gaz_builder *b, const char *path)
{
    for (size_t i = 0; i < sizeof EXTRA_COUNTRIES / sizeof *EXTRA_COUNTRIES; i++) {
        country k;
        snprintf(k.a2, sizeof k.a2, "%s", EXTRA_COUNTRIES[i].a2);
        snprintf(k.a3, sizeof k.a3, "%s", EXTRA_COUNTRIES[i].a3);
        vec_push(countries, k);
        uint32_t p = gazetteer_builder_place(b, EXTRA_COUNTRIES[i].name, k.a3, NULL, 0, RANK_COUNTRY, NAN, NAN, GAZ_COUNTRY, 0);
        add_name(b, p, EXTRA_COUNTRIES[i].name, false);
    }
    json_t *list = load_list(path, "3166-1");
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c) {
        const char *a2 = json_string_value(json_object_get(c, "alpha_2"));
        const char *a3 = json_string_value(json_object_get(c, "alpha_3"));
        const char *name = json_string_value(json_object_get(c, "name"));
        if (!a2 || !a3 || strlen(a2) != 2 || strlen(a3) != 3 || !name) continue;
        country k;
        memcpy(k.a2, a2, 3);
        memcpy(k.a3, a3, 4);
        vec_push(countries, k);
        const char *common = json_string_value(json_object_get(c, "common_name"));
        uint32_t p = gazetteer_builder_place(b, common ? common : name, a3, NULL, 0, RANK_COUNTRY, NAN, NAN, GAZ_COUNTRY, 0);
        add_name(b, p, name, false);
        add_name(b, p, common, false);
        add_name(b, p, json_string_value(json_object_get(c, "official_name")), true);
    }
    json_decref(list);
}

static void load_regions(gaz_builder *b, const char *path)
{
    json_t *list = load_list(path, "3166-2");
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c) {
        const char *code = json_string_value(json_object_get(c, "code"));
        const char *name = json_string_value(json_object_get(c, "name"));
        /* first level only: a subdivision with a parent is a second-level one */
        if (!code || !name || json_object_get(c, "parent") || strlen(code) < 4 || strlen(code) > 9 || code[2] != '-') continue;
        char a2[3] = { code[0], code[1], 0 };
        const char *a3 = iso3_of(a2);
        if (!a3) continue;
        uint32_t p = gazetteer_builder_place(b, name, a3, code, 0, 0, NAN, NAN, GAZ_ADMIN1, 0);
        add_name(b, p, name, false);
        region r;
        memset(&r, 0, sizeof r);
        snprintf(r.code, sizeof r.code, "%s", code);
        memcpy(r.a2, a2, 3);
        if (gazetteer_key(name, strlen(name), r.key, sizeof r.key)) vec_push(regions, r);
    }
    json_decref(list);
}

/* ---- cities1000: GeoNames' tab-separated "geoname" table ---- */

enum { GN_ID, GN_NAME, GN_ASCII, GN_ALT, GN_LAT, GN_LON, GN_CLASS, GN_CODE, GN_CC, GN_CC2, GN_ADMIN1,
       GN_ADMIN2, GN_ADMIN3, GN_ADMIN4, GN_POP, GN_NFIELDS };

typedef struct city {
    char *f[GN_NFIELDS];
    const char *iso_admin1;   /* ISO 3166-2 code of its region, when known */
} city;

/* The ISO 3166-2 region that a GeoNames admin1 code stands for. GeoNames numbers regions its
 * own way (Tartar is "AZ.57", ISO "AZ-TAR"), so the map is learned from the regions' seats
 * (feature codes PPLA, PPLC): a seat whose name is its region's name ("Tərtər", "İstanbul"),
 * or the start of it ("Kharkiv" of "Kharkivska oblast"), ties that admin1 code to that
 * region. Codes with letters that are ISO's own ("US.NY" -> "US-NY") are taken as they are. */
typedef struct amap { char a2[3]; char gn[24]; const char *iso; } amap;
static VEC(amap) amaps;

static int cmp_amap(const void *x, const void *y)
{
    const amap *a = x, *b = y;
    int r = strcmp(a->a2, b->a2);
    return r ? r : strcmp(a->gn, b->gn);
}

static const char *region_for(const char *a2, const char *gn)
{
    amap want;
    memset(&want, 0, sizeof want);
    snprintf(want.a2, sizeof want.a2, "%s", a2);
    snprintf(want.gn, sizeof want.gn, "%s", gn);
    const amap *hit = amaps.n ? bsearch(&want, amaps.v, amaps.n, sizeof *amaps.v, cmp_amap) : NULL;
    if (hit) return hit->iso;
    bool letters = false;
    for (const char *c = gn; *c; c++) if (*c >= 'A' && *c <= 'Z') letters = true;
    if (!letters) return NULL;
    char code[16];
    snprintf(code, sizeof code, "%s-%s", a2, gn);
    for (size_t i = 0; i < regions.n; i++) if (!strcmp(regions.v[i].code, code)) return regions.v[i].code;
    return NULL;
}

static const char *match_seat(const city *c)
{
    const char *names[3] = { c->f[GN_NAME], c->f[GN_ASCII], NULL };
    for (int n = 0; names[n]; n++) {
        char key[128];
        size_t k = gazetteer_key(names[n], strlen(names[n]), key, sizeof key);
        if (k < 3) continue;
        const char *prefix_hit = NULL;
        int prefix_hits = 0;
        for (size_t i = 0; i < regions.n; i++) {
            const region *r = &regions.v[i];
            if (strcmp(r->a2, c->f[GN_CC])) continue;
            if (!strcmp(r->key, key)) return r->code;
            if (k >= 4 && !strncmp(r->key, key, k)) { prefix_hit = r->code; prefix_hits++; }
        }
        if (prefix_hits == 1) return prefix_hit;
    }
    return NULL;
}

static size_t split_tabs(char *line, char **f, size_t max)
{
    size_t n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++) if (*p == '\t') { *p = 0; f[n++] = p + 1; }
    char *nl = strchr(f[n - 1], '\n');
    if (nl) *nl = 0;
    return n;
}

static size_t load_cities(gaz_builder *b, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "gen-gazetteer: warning: %s: cannot read it (run scripts/setup.sh); the gazetteer has countries and regions only\n", path);
        return 0;
    }
    VEC(city) cities = {0};
    char *line = NULL;
    size_t cap = 0, lineno = 0, bad = 0;
    while (getline(&line, &cap, f) > 0) {
        lineno++;
        city c;
        memset(&c, 0, sizeof c);
        char *copy = xstrdup(line);
        if (split_tabs(copy, c.f, GN_NFIELDS) < GN_NFIELDS || !iso3_of(c.f[GN_CC]) || !*c.f[GN_NAME]) { bad++; free(copy); continue; }
        /* historical, abandoned and destroyed places are not where news happens */
        if (!strcmp(c.f[GN_CODE], "PPLH") || !strcmp(c.f[GN_CODE], "PPLQ") || !strcmp(c.f[GN_CODE], "PPLW")) { free(copy); continue; }
        vec_push(cities, c);
    }
    free(line);
    fclose(f);
    if (!cities.n) {
        fprintf(stderr, "gen-gazetteer: warning: %s: no GeoNames rows in it; the gazetteer has countries and regions only\n", path);
        vec_free(cities);
        return 0;
    }
    if (bad) fprintf(stderr, "gen-gazetteer: %s: %zu of %zu lines skipped (not GeoNames rows)\n", path, bad, lineno);
    for (size_t i = 0; i < cities.n; i++) {
        const city *c = &cities.v[i];
        if (strcmp(c->f[GN_CODE], "PPLA") && strcmp(c->f[GN_CODE], "PPLC")) continue;
        const char *iso = match_seat(c);
        if (!iso) continue;
        amap m;
        memset(&m, 0, sizeof m);
        memcpy(m.a2, c->f[GN_CC], 3);
        snprintf(m.gn, sizeof m.gn, "%s", c->f[GN_ADMIN1]);
        m.iso = iso;
        bool have = false;
        for (size_t q = 0; q < amaps.n; q++) if (!strcmp(amaps.v[q].a2, m.a2) && !strcmp(amaps.v[q].gn, m.gn)) have = true;
        if (!have) vec_push(amaps, m);
    }
    if (amaps.n) qsort(amaps.v, amaps.n, sizeof *amaps.v, cmp_amap);
    for (size_t i = 0; i < cities.n; i++) {
        city *c = &cities.v[i];
        const char *admin1 = *c->f[GN_ADMIN1] ? region_for(c->f[GN_CC], c->f[GN_ADMIN1]) : NULL;
        uint32_t p = gazetteer_builder_place(b, c->f[GN_NAME], iso3_of(c->f[GN_CC]), admin1,
                                             (uint32_t)strtoul(c->f[GN_ID], NULL, 10), (uint32_t)strtoul(c->f[GN_POP], NULL, 10),
                                             strtod(c->f[GN_LAT], NULL), strtod(c->f[GN_LON], NULL), GAZ_CITY, 0);
        add_name(b, p, c->f[GN_NAME], false);
        add_name(b, p, c->f[GN_ASCII], false);
        /* alternate names: Latin-script ones written as names (not codes like "IST" or
         * upper-case labels like "TERTER"), of three letters or more */
        for (char *a = strtok(c->f[GN_ALT], ","); a; a = strtok(NULL, ",")) {
            bool lower = false, digit = false;
            size_t len = strlen(a);
            for (const char *q = a; *q; q++) { lower |= (*q >= 'a' && *q <= 'z') || (unsigned char)*q >= 0x80; digit |= *q >= '0' && *q <= '9'; }
            if (len >= 3 && lower && !digit) add_name(b, p, a, true);
        }
        free(c->f[0]);
    }
    size_t n = cities.n;
    vec_free(cities);
    return n;
}

int main(int argc, char **argv)
{
    if (argc != 5 && argc != 6) {
        fprintf(stderr, "usage: gen-gazetteer OUT ISO_3166-1.json ISO_3166-2.json PLACES.txt [CITIES1000.txt]\n");
        return 2;
    }
    gaz_builder *b = gazetteer_builder_new();
    load_countries(b, argv[2]);
    load_regions(b, argv[3]);
    sr_error err;
    if (gazetteer_builder_places_file(b, argv[4], &err)) { fprintf(stderr, "gen-gazetteer: %s\n", err.message); return 1; }
    size_t ncities = argc == 6 ? load_cities(b, argv[5]) : 0;
    if (argc == 5) fprintf(stderr, "gen-gazetteer: warning: no cities1000 file (run scripts/setup.sh); the gazetteer has countries and regions only\n");
    gazetteer_builder_set_cities(b, ncities);
    if (gazetteer_builder_write(b, argv[1], &err)) { fprintf(stderr, "gen-gazetteer: %s\n", err.message); return 1; }
    gazetteer_builder_free(b);
    vec_free(countries);
    vec_free(regions);
    vec_free(amaps);
    return 0;
}
