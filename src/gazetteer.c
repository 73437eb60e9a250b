/* gazetteer: see gazetteer.h. The image, in order (every section 8-byte aligned):
 *
 *   1. header: magic "SRGAZ\r\n\032", version, a byte-order mark, the counts and offsets of
 *      the sections below, and the file's size;
 *   2. places: gaz_place[nplaces];
 *   3. slots: an open-addressing hash table (power-of-two size, linear probing) of name keys,
 *      each {hash, key offset, first posting, count | stop flag}; key offset 0 is empty;
 *   4. postings: uint32 place indexes, one run per key, best rank first;
 *   5. strings: NUL-terminated, offset 0 is "", the pool ends with a NUL.
 *
 * Opening checks the header against the file; every offset read afterwards is checked
 * against its section, so a damaged image gives wrong places at worst, never a crash. */
#include "gazetteer.h"
#include "utf8.h"
#include "util.h"
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

const char *const GAZETTEER_KIND_NAMES[] = { "city", "admin1", "region", "country" };

static const char GAZ_MAGIC[8] = { 'S', 'R', 'G', 'A', 'Z', '\r', '\n', 032 };
enum { GAZ_VERSION = 1, GAZ_BOM = 0x01020304, GAZ_SLOT_STOP = 0x80000000u, GAZ_SLOT_COUNT = 0x00ffffffu };

typedef struct gaz_header {
    char magic[8];
    uint32_t version, bom;
    uint32_t nplaces, nslots, npostings, strbytes;
    uint32_t ncities, max_words;
    uint64_t off_places, off_slots, off_postings, off_strings;
    uint64_t size;
} gaz_header;

typedef struct gaz_slot { uint32_t hash, key, first, count; } gaz_slot;

struct gazetteer {
    void *map;
    size_t size;
    const gaz_header *h;
    const gaz_place *places;
    const gaz_slot *slots;
    const uint32_t *post;
    const char *str;
};

static uint32_t fnv1a(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 16777619u; }
    return h ? h : 1;
}

/* ---- keys ---- */

/* Latin letters that Unicode decomposition leaves alone; transliterated as GeoNames'
 * asciiname does. */
static const struct { int32_t cp; const char *ascii; } FOLD[] = {
    {0x0259, "e"}, {0x01DD, "e"}, {0x018F, "e"}, {0x0131, "i"}, {0x00F8, "o"}, {0x00D8, "o"},
    {0x0142, "l"}, {0x0141, "l"}, {0x0111, "d"}, {0x0110, "d"}, {0x00F0, "d"}, {0x00D0, "d"},
    {0x00DF, "ss"}, {0x00E6, "ae"}, {0x00C6, "ae"}, {0x0153, "oe"}, {0x0152, "oe"}, {0x00FE, "th"},
    {0x00DE, "th"}, {0x0127, "h"}, {0x0126, "h"}, {0x0167, "t"}, {0x0166, "t"}, {0x014B, "ng"},
};

static bool is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == '`' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x02BB ||
           cp == 0x02BF || cp == 0x02BE || cp == 0x00B4;
}

size_t gazetteer_key(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    bool gap = false;
    if (cap < 2) return 0;
    for (size_t i = 0; i < n; ) {
        unsigned char c = (unsigned char)s[i];
        char piece[8];
        size_t np = 0;
        if (c < 0x80) {
            i++;
            if (c >= 'A' && c <= 'Z') piece[np++] = (char)(c + 32);
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) piece[np++] = (char)c;
            else if (is_apostrophe(c)) continue;
            else { gap = true; continue; }
        } else {
            int len;
            int32_t cp = utf8_decode(s + i, n - i, &len);
            i += (size_t)len;
            if (cp < 0) { gap = true; continue; }
            if (is_apostrophe(cp)) continue;
            utf8proc_int32_t d[8];
            int last = 0;
            utf8proc_ssize_t k = utf8proc_decompose_char(cp, d, 8,
                UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK, &last);
            if (k < 0 || k > 8) return 0;
            for (utf8proc_ssize_t j = 0; j < k; j++) {
                int32_t x = d[j];
                if (x < 0x80) {
                    if (x >= 'A' && x <= 'Z') x += 32;
                    if ((x >= 'a' && x <= 'z') || (x >= '0' && x <= '9')) { if (np < sizeof piece) piece[np++] = (char)x; }
                    else gap = true;
                    continue;
                }
                const char *f = NULL;
                for (size_t q = 0; q < sizeof FOLD / sizeof *FOLD; q++) if (FOLD[q].cp == x) { f = FOLD[q].ascii; break; }
                if (f) { while (*f && np < sizeof piece) piece[np++] = *f++; continue; }
                utf8proc_category_t cat = utf8proc_category(x);
                if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) return 0;   /* another script */
                gap = true;
            }
        }
        if (!np) continue;
        if (gap && o) { if (o + 1 >= cap) return 0; out[o++] = ' '; }
        gap = false;
        if (o + np >= cap) return 0;
        memcpy(out + o, piece, np);
        o += np;
    }
    out[o] = 0;
    return o;
}

/* ---- reading ---- */

static bool section_fits(uint64_t off, uint64_t count, uint64_t elem, uint64_t size)
{
    return off % 8 == 0 && off <= size && count <= (size - off) / elem;
}

int gazetteer_open(gazetteer **out, const char *path, sr_error *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return err_path(err, SR_EIO, path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) { int e = errno; close(fd); return err_path(err, SR_EIO, path, strerror(e)); }
    if (!S_ISREG(st.st_mode)) { close(fd); return err_path(err, SR_EDICT, path, "not a regular file"); }
    if ((uint64_t)st.st_size < sizeof(gaz_header)) { close(fd); return err_path(err, SR_EDICT, path, "corrupt gazetteer image (shorter than its header); rebuild it with make"); }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (map == MAP_FAILED) return err_path(err, SR_EIO, path, strerror(e));
    const gaz_header *h = map;
    uint64_t size = (uint64_t)st.st_size;
    const char *why = NULL;
    if (memcmp(h->magic, GAZ_MAGIC, sizeof GAZ_MAGIC)) why = "not a sitrep gazetteer image (bad magic)";
    else if (h->bom != GAZ_BOM) why = "gazetteer image of another byte order; rebuild it with make";
    else if (h->version != GAZ_VERSION) why = "gazetteer image of another version; rebuild it with make";
    else if (h->size != size) why = "corrupt gazetteer image (its size is not the file's: truncated?); rebuild it with make";
    else if (!h->nslots || (h->nslots & (h->nslots - 1)) ||
             !section_fits(h->off_places, h->nplaces, sizeof(gaz_place), size) ||
             !section_fits(h->off_slots, h->nslots, sizeof(gaz_slot), size) ||
             !section_fits(h->off_postings, h->npostings, 4, size) ||
             !section_fits(h->off_strings, h->strbytes, 1, size) || h->strbytes < 1 ||
             ((const char *)map)[h->off_strings + h->strbytes - 1] != 0)
        why = "corrupt gazetteer image (sections do not fit the file); rebuild it with make";
    if (why) { munmap(map, (size_t)size); return err_path(err, SR_EDICT, path, why); }
    gazetteer *g = xcalloc(1, sizeof *g);
    g->map = map;
    g->size = (size_t)size;
    g->h = h;
    g->places = (const gaz_place *)((const char *)map + h->off_places);
    g->slots = (const gaz_slot *)((const char *)map + h->off_slots);
    g->post = (const uint32_t *)((const char *)map + h->off_postings);
    g->str = (const char *)map + h->off_strings;
    *out = g;
    return 0;
}

void gazetteer_close(gazetteer *g)
{
    if (!g) return;
    munmap(g->map, g->size);
    free(g);
}

const char *gazetteer_str(const gazetteer *g, uint32_t off)
{
    return off < g->h->strbytes ? g->str + off : "";
}

bool gazetteer_lookup(const gazetteer *g, const char *key, size_t klen, gaz_hits *out)
{
    uint32_t h = fnv1a(key, klen), mask = g->h->nslots - 1;
    for (uint32_t i = h & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
        const gaz_slot *s = &g->slots[i];
        if (!s->key) return false;
        if (s->hash != h || s->key >= g->h->strbytes) continue;
        const char *k = g->str + s->key;
        if (strncmp(k, key, klen) || k[klen]) continue;
        uint32_t count = s->count & GAZ_SLOT_COUNT;
        if (s->first > g->h->npostings || count > g->h->npostings - s->first) return false;
        out->post = g->post + s->first;
        out->n = count;
        out->stop = (s->count & GAZ_SLOT_STOP) != 0;
        return true;
    }
    return false;
}

const gaz_place *gazetteer_place(const gazetteer *g, uint32_t post)
{
    uint32_t i = post & GAZ_POST_INDEX;
    return i < g->h->nplaces ? &g->places[i] : NULL;
}

const gaz_place *gazetteer_country(const gazetteer *g, const char *iso3)
{
    char key[8] = "#";
    for (int i = 0; i < 3 && iso3[i]; i++) key[i + 1] = (char)(iso3[i] | 0x20);
    key[4] = 0;
    gaz_hits hs;
    if (!gazetteer_lookup(g, key, strlen(key), &hs) || !hs.n) return NULL;
    return gazetteer_place(g, hs.post[0]);
}

size_t gazetteer_max_words(const gazetteer *g) { return g->h->max_words; }
size_t gazetteer_ncities(const gazetteer *g) { return g->h->ncities; }
size_t gazetteer_nplaces(const gazetteer *g) { return g->h->nplaces; }

/* ---- building ---- */

typedef struct bentry { uint32_t key, place; bool alt, stop; } bentry;

struct gaz_builder {
    VEC(gaz_place) places;
    VEC(bentry) names;
    buf keys;                    /* keys while building, NUL-separated */
    buf str;                     /* the image's string pool */
    size_t ncities;
};

static uint32_t pool_add(buf *b, const char *s)
{
    if (!s || !*s) return 0;
    uint32_t off = (uint32_t)b->n;
    buf_put(b, s, strlen(s) + 1);
    return off;
}

gaz_builder *gazetteer_builder_new(void)
{
    gaz_builder *b = xcalloc(1, sizeof *b);
    buf_putc(&b->str, 0);         /* offset 0: "" */
    buf_putc(&b->keys, 0);
    return b;
}

void gazetteer_builder_free(gaz_builder *b)
{
    if (!b) return;
    vec_free(b->places);
    vec_free(b->names);
    buf_free(&b->keys);
    buf_free(&b->str);
    free(b);
}

static void add_key(gaz_builder *b, uint32_t place, const char *key, size_t n, bool alt, bool stop)
{
    bentry e = { (uint32_t)b->keys.n, place, alt, stop };
    buf_put(&b->keys, key, n);
    buf_putc(&b->keys, 0);
    vec_push(b->names, e);
}

uint32_t gazetteer_builder_place(gaz_builder *b, const char *name, const char *iso3, const char *admin1,
                                 uint32_t geonames_id, uint32_t rank, double lat, double lon, int kind, int flags)
{
    gaz_place p;
    memset(&p, 0, sizeof p);
    p.name = pool_add(&b->str, name);
    p.admin1 = pool_add(&b->str, admin1);
    p.geonames_id = geonames_id;
    p.rank = rank;
    p.lat = (float)lat;
    p.lon = (float)lon;
    snprintf(p.country, sizeof p.country, "%.3s", iso3 ? iso3 : "");
    p.kind = (uint8_t)kind;
    p.flags = (uint8_t)flags;
    uint32_t i = (uint32_t)b->places.n;
    vec_push(b->places, p);
    if (kind == GAZ_COUNTRY && iso3 && strlen(iso3) == 3) {
        /* "#aze": the country by its code; no text has a key with '#' */
        char k[5] = { '#', (char)(iso3[0] | 0x20), (char)(iso3[1] | 0x20), (char)(iso3[2] | 0x20), 0 };
        add_key(b, i, k, 4, false, false);
    }
    return i;
}

bool gazetteer_builder_name(gaz_builder *b, uint32_t place, const char *name, size_t n, bool alt)
{
    char key[256];
    size_t k = gazetteer_key(name, n, key, sizeof key);
    if (!k) return false;
    add_key(b, place, key, k, alt, false);
    return true;
}

void gazetteer_builder_stop(gaz_builder *b, const char *word)
{
    char key[256];
    size_t k = gazetteer_key(word, strlen(word), key, sizeof key);
    if (k) add_key(b, UINT32_MAX, key, k, false, true);
}

void gazetteer_builder_set_cities(gaz_builder *b, size_t ncities) { b->ncities = ncities; }

static const gaz_builder *sort_b;   /* qsort has no context argument; the builder is single-threaded */

static int cmp_entry(const void *x, const void *y)
{
    const bentry *a = x, *c = y;
    int r = strcmp(sort_b->keys.s + a->key, sort_b->keys.s + c->key);
    if (r) return r;
    if (a->stop != c->stop) return a->stop ? -1 : 1;
    if (a->stop) return 0;
    const gaz_place *pa = &sort_b->places.v[a->place], *pc = &sort_b->places.v[c->place];
    if (pa->rank != pc->rank) return pa->rank > pc->rank ? -1 : 1;
    if (a->place != c->place) return a->place < c->place ? -1 : 1;
    return (int)a->alt - (int)c->alt;   /* a place's own name before its alternate */
}

static int write_all(FILE *f, const void *p, size_t n)
{
    return fwrite(p, 1, n, f) == n ? 0 : -1;
}

static uint64_t align8(uint64_t x) { return (x + 7) & ~(uint64_t)7; }

int gazetteer_builder_write(gaz_builder *b, const char *path, sr_error *err)
{
    sort_b = b;
    qsort(b->names.v, b->names.n, sizeof *b->names.v, cmp_entry);
    /* one slot per distinct key; postings in sorted order, duplicates of a place dropped */
    size_t nkeys = 0;
    for (size_t i = 0; i < b->names.n; i++)
        if (!i || strcmp(b->keys.s + b->names.v[i].key, b->keys.s + b->names.v[i - 1].key)) nkeys++;
    uint32_t nslots = 16;
    while (nslots < nkeys * 2) nslots *= 2;
    gaz_slot *slots = xcalloc(nslots, sizeof *slots);
    VEC(uint32_t) post = {0};
    size_t max_words = 1;
    for (size_t i = 0; i < b->names.n; ) {
        const char *key = b->keys.s + b->names.v[i].key;
        size_t j = i;
        uint32_t first = (uint32_t)post.n, flags = 0;
        for (; j < b->names.n && !strcmp(b->keys.s + b->names.v[j].key, key); j++) {
            const bentry *e = &b->names.v[j];
            if (e->stop) { flags |= GAZ_SLOT_STOP; continue; }
            bool dup = false;
            for (size_t q = first; q < post.n; q++) if ((post.v[q] & GAZ_POST_INDEX) == e->place) dup = true;
            if (!dup) vec_push(post, e->place | (e->alt ? GAZ_POST_ALT : 0));
        }
        size_t words = 1;
        for (const char *c = key; *c; c++) words += *c == ' ';
        if (words > max_words) max_words = words;
        size_t klen = strlen(key);
        uint32_t h = fnv1a(key, klen), s = h & (nslots - 1);
        while (slots[s].key) s = (s + 1) & (nslots - 1);
        slots[s].hash = h;
        slots[s].key = pool_add(&b->str, key);
        slots[s].first = first;
        slots[s].count = (uint32_t)(post.n - first) | flags;
        i = j;
    }
    gaz_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, GAZ_MAGIC, sizeof GAZ_MAGIC);
    h.version = GAZ_VERSION;
    h.bom = GAZ_BOM;
    h.nplaces = (uint32_t)b->places.n;
    h.nslots = nslots;
    h.npostings = (uint32_t)post.n;
    h.strbytes = (uint32_t)b->str.n;
    h.ncities = (uint32_t)b->ncities;
    h.max_words = (uint32_t)max_words;
    h.off_places = align8(sizeof h);
    h.off_slots = align8(h.off_places + (uint64_t)h.nplaces * sizeof(gaz_place));
    h.off_postings = align8(h.off_slots + (uint64_t)nslots * sizeof(gaz_slot));
    h.off_strings = align8(h.off_postings + (uint64_t)h.npostings * 4);
    h.size = h.off_strings + h.strbytes;
    int rc = 0;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) rc = -1;
    static const char zeros[8];
    uint64_t at = 0;
#define PUT(p, n) do { if (!rc && write_all(f, (p), (n))) rc = -1; at += (n); } while (0)
#define PAD(to) do { if (!rc && at < (to)) { PUT(zeros, (size_t)((to) - at)); } } while (0)
    if (f) {
        PUT(&h, sizeof h);
        PAD(h.off_places); PUT(b->places.v, (size_t)h.nplaces * sizeof(gaz_place));
        PAD(h.off_slots); PUT(slots, (size_t)nslots * sizeof(gaz_slot));
        PAD(h.off_postings); PUT(post.v, (size_t)h.npostings * 4);
        PAD(h.off_strings); PUT(b->str.s, h.strbytes);
        if (fclose(f)) rc = -1;
    }
#undef PUT
#undef PAD
    int e = errno;
    free(slots);
    vec_free(post);
    if (!rc && rename(tmp, path)) { rc = -1; e = errno; }
    if (rc) { if (f) remove(tmp); return err_path(err, SR_EIO, path, strerror(e)); }
    return 0;
}

/* ---- data/places.txt ---- */

/* KIND fields (docs/DICTIONARIES.md):
 *   city|region|admin1 ISO3 ADMIN1|- LAT LON NAME | ALT | ...
 *   stop WORD | WORD ... */
static const char *const PLACE_KINDS[] = { "city", "admin1", "region" };
/* sitrep's own places outrank every GeoNames place of the same name but the largest cities:
 * "Sinai" is the peninsula, not a village of that name */
enum { GAZ_RANK_OWN = 5000000 };

static int line_error(sr_error *err, const char *path, int lineno, const char *what)
{
    if (err) {
        err->code = SR_EDICT;
        err->offset = -1;
        snprintf(err->message, sizeof err->message, "%s:%d: %s", path, lineno, what);
    }
    return SR_EDICT;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n')) *--e = 0;
    return s;
}

static bool parse_coord(const char *s, double lim, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= -lim && v <= lim)) return false;
    *out = v;
    return true;
}

int gazetteer_builder_places_file(gaz_builder *b, const char *path, sr_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) return err_path(err, SR_EIO, path, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = 0;
    while (!rc && getline(&line, &cap, f) > 0) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        char *s = trim(line);
        if (!*s) continue;
        char *fields[6];
        int nf = 0;
        char *rest = s;
        int want = !strncmp(s, "stop", 4) && (s[4] == ' ' || s[4] == '\t') ? 1 : 5;
        while (nf < want) {
            while (*rest == ' ' || *rest == '\t') rest++;
            if (!*rest) break;
            fields[nf++] = rest;
            while (*rest && *rest != ' ' && *rest != '\t') rest++;
            if (*rest) *rest++ = 0;
        }
        rest = trim(rest);
        if (nf < want || !*rest) { rc = line_error(err, path, lineno, want == 1 ? "expected: stop WORD | WORD ..." : "expected: KIND ISO3 ADMIN1 LAT LON NAME | ALT ..."); break; }
        if (want == 1) {
            for (char *w = strtok(rest, "|"); w; w = strtok(NULL, "|")) {
                w = trim(w);
                if (*w) gazetteer_builder_stop(b, w);
            }
            continue;
        }
        int kind = -1;
        for (int k = 0; k < (int)(sizeof PLACE_KINDS / sizeof *PLACE_KINDS); k++) if (!strcmp(fields[0], PLACE_KINDS[k])) kind = k;
        char msg[160];
        if (kind < 0) { snprintf(msg, sizeof msg, "unknown kind '%.40s' (expected city, admin1, region or stop)", fields[0]); rc = line_error(err, path, lineno, msg); break; }
        const char *iso3 = fields[1];
        if (strlen(iso3) != 3 || iso3[0] < 'A' || iso3[0] > 'Z' || iso3[1] < 'A' || iso3[1] > 'Z' || iso3[2] < 'A' || iso3[2] > 'Z') {
            snprintf(msg, sizeof msg, "'%.40s' is not an ISO 3166-1 alpha-3 code", iso3); rc = line_error(err, path, lineno, msg); break;
        }
        const char *admin1 = strcmp(fields[2], "-") ? fields[2] : NULL;
        if (admin1 && (strlen(admin1) < 4 || strlen(admin1) > 9 || admin1[2] != '-')) {
            snprintf(msg, sizeof msg, "'%.40s' is not an ISO 3166-2 code (or -)", admin1); rc = line_error(err, path, lineno, msg); break;
        }
        double lat, lon;
        if (!parse_coord(fields[3], 90, &lat) || !parse_coord(fields[4], 180, &lon)) {
            rc = line_error(err, path, lineno, "latitude and longitude must be decimal degrees (-90..90, -180..180)"); break;
        }
        uint32_t p = UINT32_MAX;
        int nn = 0;
        for (char *w = strtok(rest, "|"); w; w = strtok(NULL, "|")) {
            w = trim(w);
            if (!*w) continue;
            if (p == UINT32_MAX) p = gazetteer_builder_place(b, w, iso3, admin1, 0, GAZ_RANK_OWN, lat, lon, kind == 0 ? GAZ_CITY : kind == 1 ? GAZ_ADMIN1 : GAZ_REGION, GAZ_OWN);
            if (!gazetteer_builder_name(b, p, w, strlen(w), nn > 0)) {
                snprintf(msg, sizeof msg, "name '%.60s' has no Latin letters to look up", w); rc = line_error(err, path, lineno, msg); break;
            }
            nn++;
        }
        if (!rc && !nn) rc = line_error(err, path, lineno, "no name");
    }
    free(line);
    fclose(f);
    return rc;
}
