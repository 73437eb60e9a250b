/* Unit tests for gazetteer: keys, an image built from a few places and read back, ranking,
 * the stoplist, damaged images (each a clear error, never a crash), and data/places.txt
 * lines that are wrong (file and line named). */
#include "check.h"
#include "gazetteer.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/sitrep-gaz-XXXXXX";

static const char *path_in(const char *name)
{
    static char p[4][256];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void write_file(const char *path, const void *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) { perror(path); exit(2); }
    fwrite(s, 1, n, f);
    fclose(f);
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)len);
    if (fread(s, 1, (size_t)len, f) != (size_t)len) exit(2);
    fclose(f);
    *n = (size_t)len;
    return s;
}

static const char *key(const char *s)
{
    static char out[128];
    if (!gazetteer_key(s, strlen(s), out, sizeof out)) return "(none)";
    return out;
}

/* the name of the first place of a lookup, or "(none)" */
static const char *first(const gazetteer *g, const char *name, const char **country)
{
    char k[128];
    size_t n = gazetteer_key(name, strlen(name), k, sizeof k);
    gaz_hits h;
    if (!n || !gazetteer_lookup(g, k, n, &h)) return "(none)";
    if (h.stop) return "(stop)";
    if (!h.n) return "(none)";
    const gaz_place *p = gazetteer_place(g, h.post[0]);
    if (!p) return "(bad)";
    if (country) *country = p->country;
    return gazetteer_str(g, p->name);
}

static int open_err(const char *path, char *msg, size_t cap)
{
    gazetteer *g;
    sr_error e;
    int rc = gazetteer_open(&g, path, &e);
    if (!rc) { gazetteer_close(g); msg[0] = 0; return 0; }
    snprintf(msg, cap, "%s", e.message);
    return rc;
}

static int places_err(const char *text, char *msg, size_t cap)
{
    const char *p = path_in("places.txt");
    write_file(p, text, strlen(text));
    gaz_builder *b = gazetteer_builder_new();
    sr_error e;
    int rc = gazetteer_builder_places_file(b, p, &e);
    gazetteer_builder_free(b);
    snprintf(msg, cap, "%s", rc ? e.message : "");
    return rc;
}

int main(void)
{
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 2; }
    /* keys */
    CHECK(!strcmp(key("Nagorno-Karabakh"), "nagorno karabakh"));
    CHECK(!strcmp(key("İstanbul"), "istanbul"));
    CHECK(!strcmp(key("Tərtər"), "terter"));
    CHECK(!strcmp(key("  Be'er  Sheva "), "beer sheva"));
    CHECK(!strcmp(key("São Tomé"), "sao tome"));
    CHECK(!strcmp(key("Łódź"), "lodz"));
    CHECK(!strcmp(key("Москва"), "(none)"));        /* another script: no key */
    CHECK(!strcmp(key("---"), "(none)"));

    /* a small image */
    gaz_builder *b = gazetteer_builder_new();
    uint32_t lby = gazetteer_builder_place(b, "Libya", "LBY", NULL, 0, 100000000, NAN, NAN, GAZ_COUNTRY, 0);
    gazetteer_builder_name(b, lby, "Libya", 5, false);
    uint32_t t1 = gazetteer_builder_place(b, "Tripoli", "LBY", NULL, 2210247, 1150989, 32.88, 13.19, GAZ_CITY, 0);
    uint32_t t2 = gazetteer_builder_place(b, "Tripoli", "LBN", NULL, 266826, 229398, 34.44, 35.85, GAZ_CITY, 0);
    uint32_t ta = gazetteer_builder_place(b, "Terter", "AZE", "AZ-TAR", 584871, 18185, 40.34, 46.93, GAZ_CITY, 0);
    uint32_t ma = gazetteer_builder_place(b, "March", "GBR", NULL, 2643266, 18442, 52.55, 0.09, GAZ_CITY, 0);
    gazetteer_builder_name(b, t2, "Tripoli", 7, false);   /* added before the larger one: rank decides */
    gazetteer_builder_name(b, t1, "Tripoli", 7, false);
    gazetteer_builder_name(b, t1, "Tarabulus", 9, true);
    gazetteer_builder_name(b, ta, "Terter", 6, false);
    gazetteer_builder_name(b, ta, "Tartar", 6, true);
    gazetteer_builder_name(b, ma, "March", 5, false);
    gazetteer_builder_stop(b, "March");
    CHECK(!gazetteer_builder_name(b, ta, "Тертер", strlen("Тертер"), true));
    const char *img = path_in("g.img");
    sr_error e;
    CHECK(gazetteer_builder_write(b, img, &e) == 0);
    gazetteer_builder_free(b);
    gazetteer *g;
    CHECK(gazetteer_open(&g, img, &e) == 0);
    if (g) {
        const char *c = "";
        CHECK(!strcmp(first(g, "Tripoli", &c), "Tripoli") && !strcmp(c, "LBY"));
        CHECK(!strcmp(first(g, "TARTAR", &c), "Terter") && !strcmp(c, "AZE"));
        CHECK(!strcmp(first(g, "March", NULL), "(stop)"));
        CHECK(!strcmp(first(g, "Nowhere", NULL), "(none)"));
        const gaz_place *p = gazetteer_country(g, "LBY");
        CHECK(p && p->kind == GAZ_COUNTRY && isnan(p->lat));
        CHECK(gazetteer_country(g, "XXX") == NULL);
        char k[16];
        gaz_hits h;
        size_t n = gazetteer_key("Tartar", 6, k, sizeof k);
        CHECK(gazetteer_lookup(g, k, n, &h) && h.n == 1 && (h.post[0] & GAZ_POST_ALT));
        p = gazetteer_place(g, h.post[0]);
        CHECK(p && !strcmp(gazetteer_str(g, p->admin1), "AZ-TAR") && p->geonames_id == 584871 && fabsf(p->lat - 40.34f) < 1e-4f);
        CHECK(gazetteer_place(g, 999999) == NULL);
        gazetteer_close(g);
    }

    /* damaged images: each a clear error */
    char msg[600];
    size_t len;
    char *bytes = read_file(img, &len);
    CHECK(open_err(path_in("absent.img"), msg, sizeof msg) == SR_EIO && strstr(msg, "absent.img: No such file"));
    write_file(path_in("short.img"), bytes, 20);
    CHECK(open_err(path_in("short.img"), msg, sizeof msg) == SR_EDICT && strstr(msg, "shorter than its header"));
    write_file(path_in("trunc.img"), bytes, len - 10);
    CHECK(open_err(path_in("trunc.img"), msg, sizeof msg) == SR_EDICT && strstr(msg, "truncated"));
    char *bad = malloc(len);
    memcpy(bad, bytes, len); bad[0] = 'X';
    write_file(path_in("magic.img"), bad, len);
    CHECK(open_err(path_in("magic.img"), msg, sizeof msg) == SR_EDICT && strstr(msg, "bad magic"));
    memcpy(bad, bytes, len); bad[8] = 99;          /* version */
    write_file(path_in("version.img"), bad, len);
    CHECK(open_err(path_in("version.img"), msg, sizeof msg) == SR_EDICT && strstr(msg, "another version"));
    memcpy(bad, bytes, len); bad[20] = (char)0xff; bad[21] = (char)0xff;   /* nslots: not a power of two */
    write_file(path_in("slots.img"), bad, len);
    CHECK(open_err(path_in("slots.img"), msg, sizeof msg) == SR_EDICT && strstr(msg, "sections do not fit"));
    memcpy(bad, bytes, len); bad[len - 1] = 'x';   /* the string pool must end with a NUL */
    write_file(path_in("pool.img"), bad, len);
    CHECK(open_err(path_in("pool.img"), msg, sizeof msg) == SR_EDICT);
    /* damage past the header: still opens, lookups stay inside the file */
    for (size_t i = 0; i < 400; i++) {
        memcpy(bad, bytes, len);
        for (size_t j = 96; j < len; j += 7 + i % 13) bad[j] = (char)(bad[j] ^ (char)(i * 31 + j));
        write_file(path_in("noise.img"), bad, len);
        if (gazetteer_open(&g, path_in("noise.img"), &e) == 0) {
            first(g, "Tripoli", NULL);
            first(g, "Tartar", NULL);
            gazetteer_country(g, "LBY");
            gazetteer_close(g);
        }
    }
    free(bad);
    free(bytes);

    /* data/places.txt */
    CHECK(places_err("# comment\n\nregion AZE - 39.82 46.76 Nagorno-Karabakh | Karabakh\nstop March | May\n", msg, sizeof msg) == 0);
    CHECK(places_err("region AZE - 39.82 46.76 Nagorno-Karabakh\nregoin AZE - 1 2 X\n", msg, sizeof msg) == SR_EDICT &&
          strstr(msg, "places.txt:2: unknown kind 'regoin'"));
    CHECK(places_err("region Az - 39.82 46.76 X\n", msg, sizeof msg) == SR_EDICT && strstr(msg, ":1: 'Az' is not an ISO 3166-1"));
    CHECK(places_err("region AZE - 139.82 46.76 X\n", msg, sizeof msg) == SR_EDICT && strstr(msg, ":1: latitude and longitude"));
    CHECK(places_err("region AZE - 39.8 46.7\n", msg, sizeof msg) == SR_EDICT && strstr(msg, ":1: expected: KIND ISO3"));
    CHECK(places_err("region AZE AZE 39.8 46.7 X\n", msg, sizeof msg) == SR_EDICT && strstr(msg, "not an ISO 3166-2 code"));
    CHECK(places_err("city AZE - 39.8 46.7 Тертер\n", msg, sizeof msg) == SR_EDICT && strstr(msg, "no Latin letters"));
    CHECK(places_err("stop\n", msg, sizeof msg) == SR_EDICT && strstr(msg, ":1: expected"));

    /* clean up */
    const char *names[] = { "g.img", "short.img", "trunc.img", "magic.img", "version.img", "slots.img", "pool.img", "noise.img", "places.txt" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) unlink(path_in(names[i]));
    rmdir(dir);
    return CHECK_DONE();
}
