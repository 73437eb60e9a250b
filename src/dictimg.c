/* dictimg: see dictimg.h. The image, in order (host byte order, every section 8-byte aligned):
 *
 *   1. header: magic "SRDIC\r\n\032", format version, a byte-order mark, the sitrep version that
 *      wrote it, the sizes of the structs used in place, the file's size and checksum, the
 *      dict's scalars (compat flags, coding options, warnings) and the table of sections;
 *   2. the sections of SECTIONS[], each an array: the string pool; the strtab's string
 *      offsets, lengths and hash slots; actors, phrases, patterns and pattern elements as
 *      img_* records whose arrays are indexes into four pools (int32 symbols, uint8 flags and
 *      lengths, string offsets for per-token words, int32-pool indexes for synset sequences);
 *      then the lookup indexes exactly as dict_finish leaves them.
 *
 * Opening is cheap because nothing is parsed: the file is mapped, checksummed, and the arrays
 * whose type holds no pointer (CAMEO table, symbol flags, phrase and anchor indexes, stem
 * buckets, ckeys, strtab lengths and slots) are used where they lie. The types that do hold
 * pointers (actors' labels, phrases' token arrays, patterns' elements, the strtab's strings)
 * are rebuilt in d->mem in one pass, which also checks every index against what it indexes
 * and that every chain only moves forward: a damaged or hostile image is refused at open,
 * and cannot make the coder read out of bounds or loop later. */
#include "dictimg.h"
#include "util.h"
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static const char IMG_MAGIC[8] = { 'S', 'R', 'D', 'I', 'C', '\r', '\n', 032 };
enum { IMG_BOM = 0x01020304 };
static const uint32_t NONE = UINT32_MAX;   /* an absent array (a NULL pointer in the dict) */

/* The sections, in file order; a row per array. elem is the size of one element: the
 * reader checks that each section fits the file at that size. */
enum {
    S_STR, S_SYMSTR, S_SYMLEN, S_SLOTS, S_ACTORS, S_PHRASES, S_PATS, S_PELEMS,
    S_I32, S_U8, S_WORDS, S_SEQS, S_CAMEO, S_PHRASE_HEAD, S_PAT_HEAD, S_SYMFLAGS,
    S_PHR, S_ANCHORS, S_STEM_BUCKET, S_CKEYS, S_N
};

typedef struct img_actor { char code[24]; int32_t kind, from, to; uint32_t label; } img_actor;
/* sym, exact, word, stem: indexes into S_I32, S_WORDS, S_WORDS, S_U8 (NONE: no array) */
typedef struct img_phrase { uint32_t sym, exact, word, stem; int32_t actor, next; uint32_t key, n; } img_phrase;
/* e, pre: indexes into S_PELEMS */
typedef struct img_pattern {
    uint32_t e, pre;
    int32_t line, need[3];
    int16_t cameo, cameo_back;
    uint8_t n, npre, flags, need_more;
} img_pattern;
/* alts: into S_I32; seqlen: into S_U8; seq: into S_SEQS, whose entries index S_I32 */
typedef struct img_pelem { uint32_t alts, seqlen, seq; uint8_t kind, optional, nalts, nseq; } img_pelem;
typedef struct ckey { uint32_t key; int32_t p; } ckey;   /* dict.ckeys' element */

static const size_t SECTION_ELEM[S_N] = {
    [S_STR] = 1, [S_SYMSTR] = 4, [S_SYMLEN] = 4, [S_SLOTS] = 4,
    [S_ACTORS] = sizeof(img_actor), [S_PHRASES] = sizeof(img_phrase), [S_PATS] = sizeof(img_pattern),
    [S_PELEMS] = sizeof(img_pelem), [S_I32] = 4, [S_U8] = 1, [S_WORDS] = 4, [S_SEQS] = 4,
    [S_CAMEO] = sizeof(dict_cameo), [S_PHRASE_HEAD] = 4, [S_PAT_HEAD] = 4, [S_SYMFLAGS] = 4,
    [S_PHR] = sizeof(dict_phr), [S_ANCHORS] = sizeof(dict_anchor), [S_STEM_BUCKET] = 4,
    [S_CKEYS] = sizeof(ckey),
};

/* The structs used in place, by size: an image from a build where one differs (another ABI,
 * or a field added without a version bump) is refused rather than misread. */
enum { L_CAMEO, L_PHR, L_ANCHOR, L_CKEY, L_ACTOR, L_PHRASE, L_PATTERN, L_PELEM, L_N };
static const uint32_t LAYOUT[L_N] = {
    sizeof(dict_cameo), sizeof(dict_phr), sizeof(dict_anchor), sizeof(ckey),
    sizeof(img_actor), sizeof(img_phrase), sizeof(img_pattern), sizeof(img_pelem),
};

typedef struct img_section { uint64_t off, count; } img_section;

typedef struct img_header {
    char magic[8];
    uint32_t version, bom;
    char sitrep[16];                  /* SITREP_VERSION of the writer */
    uint32_t layout[L_N];
    uint64_t size, checksum;          /* checksum: of every byte after this field */
    uint8_t compat, compat_tabari, stem_first, one_sided, def_prior, def_after, code_by, pad;
    char lone_agent[4], def_src[24], def_tgt[24];
    uint64_t min_words, comma[6], nwarnings;
    char warning[512];
    img_section sec[S_N];
} img_header;

/* the bytes the checksum covers: all after it (those before are checked one by one) */
#define SUMMED (offsetof(img_header, checksum) + sizeof(uint64_t))

/* Every field of dict is either stored above, rebuilt from it, or scratch that dict_finish
 * empties (irr, tmp_pp, tmp_verb: load-time only; code_slots: rebuilt on demand). A field
 * added to dict changes its size and stops the build here: store it (writer and reader),
 * bump DICTIMG_VERSION, then update the figure. */
#if UINTPTR_MAX == UINT64_MAX
_Static_assert(sizeof(dict) == 976, "dict changed: cover the new field in dictimg.c and bump DICTIMG_VERSION");
#endif

/* A checksum of n bytes, 32 at a time in four independent lanes (a few GB/s). Each step is a
 * bijection of the lane, so a change in one word always changes the result. */
static uint64_t checksum(const unsigned char *p, size_t n)
{
    static const uint64_t K = 0x9E3779B97F4A7C15u;
    uint64_t h[4] = { K, K ^ 1, K ^ 2, K ^ 3 };
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, p + i + 8 * (size_t)k, 8);
            h[k] = (((h[k] << 23) | (h[k] >> 41)) ^ w) * 0xff51afd7ed558ccdu;
        }
    uint64_t t = n;
    for (; i < n; i++) t = (t ^ p[i]) * 0x100000001b3u;
    uint64_t r = t;
    for (int k = 0; k < 4; k++) r = (((r << 31) | (r >> 33)) ^ h[k]) * K;
    return r ^ (r >> 29);
}

/* ---- writing ---- */

typedef struct writer {
    const dict *d;
    buf sec[S_N];
    strtab seen;                 /* strings already in S_STR ... */
    VEC(uint32_t) off;           /* ... and their offsets, by seen's id */
} writer;

static void put(writer *w, int s, const void *p, size_t n) { buf_put(&w->sec[s], p, n); }
static uint32_t count_of(const writer *w, int s) { return (uint32_t)(w->sec[s].n / SECTION_ELEM[s]); }

static uint32_t str_off(writer *w, const char *s)
{
    if (!s) return NONE;
    size_t n = strlen(s);
    int32_t id = strtab_intern(&w->seen, s, n);
    if ((size_t)id == w->off.n) {
        vec_push(w->off, (uint32_t)w->sec[S_STR].n);
        put(w, S_STR, s, n + 1);
    }
    return w->off.v[id];
}

static uint32_t put_i32(writer *w, const int32_t *v, size_t n)
{
    if (!v) return NONE;
    uint32_t at = count_of(w, S_I32);
    put(w, S_I32, v, n * 4);
    return at;
}

static uint32_t put_u8(writer *w, const uint8_t *v, size_t n)
{
    if (!v) return NONE;
    uint32_t at = count_of(w, S_U8);
    put(w, S_U8, v, n);
    return at;
}

enum { MAX_PHRASE = 32 };

/* a phrase's per-token words (exact or word); arrays of NULLs share the run at index 0 */
static uint32_t put_words(writer *w, char *const *v, size_t n)
{
    if (!v) return NONE;
    bool any = false;
    for (size_t k = 0; k < n; k++) any |= v[k] != NULL;
    if (!any && n <= MAX_PHRASE) return 0;
    uint32_t at = count_of(w, S_WORDS);
    for (size_t k = 0; k < n; k++) { uint32_t o = str_off(w, v[k]); put(w, S_WORDS, &o, 4); }
    return at;
}

static void put_pelem(writer *w, const dict_pelem *e)
{
    img_pelem x;
    memset(&x, 0, sizeof x);
    x.kind = e->kind; x.optional = e->optional; x.nalts = e->nalts; x.nseq = e->nseq;
    x.alts = e->nalts ? put_i32(w, e->alts, e->nalts) : NONE;
    x.seqlen = e->nseq ? put_u8(w, e->seqlen, e->nseq) : NONE;
    x.seq = NONE;
    if (e->nseq) {
        uint32_t at[256];
        for (size_t k = 0; k < e->nseq; k++) at[k] = put_i32(w, e->seq[k], e->seqlen[k]);
        x.seq = count_of(w, S_SEQS);
        put(w, S_SEQS, at, e->nseq * 4);
    }
    put(w, S_PELEMS, &x, sizeof x);
}

static void build_sections(writer *w)
{
    const dict *d = w->d;
    put(w, S_STR, "", 1);                           /* offset 0: "" */
    static const uint32_t nones[MAX_PHRASE] = {
        UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX,
        UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX,
        UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX,
        UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX,
    };
    put(w, S_WORDS, nones, sizeof nones);           /* index 0: the shared all-NULL words */
    for (size_t i = 0; i < d->st.n; i++) {
        uint32_t o = str_off(w, d->st.str[i]);
        put(w, S_SYMSTR, &o, 4);
    }
    put(w, S_SYMLEN, d->st.len, d->st.n * 4);
    put(w, S_SLOTS, d->st.slots, d->st.nslots * 4);
    for (size_t i = 0; i < d->nactors; i++) {
        const dict_actor *a = &d->actors[i];
        img_actor x;
        memset(&x, 0, sizeof x);
        memcpy(x.code, a->code, sizeof x.code);
        x.kind = (int32_t)a->kind; x.from = a->from; x.to = a->to;
        x.label = str_off(w, a->label ? a->label : "");
        put(w, S_ACTORS, &x, sizeof x);
    }
    size_t nown = 0;
    for (size_t i = 0; i < d->nphrases; i++) {
        const dict_phrase *p = &d->phrases[i];
        img_phrase x;
        memset(&x, 0, sizeof x);
        x.n = p->n;
        x.sym = put_i32(w, p->sym, p->n);
        x.exact = put_words(w, p->exact, p->n);
        x.word = put_words(w, p->word, p->n);
        x.stem = put_u8(w, p->stem, p->n);
        x.actor = p->actor; x.next = p->next; x.key = p->key;
        nown += !p->word;
        put(w, S_PHRASES, &x, sizeof x);
    }
    uint32_t ne = 0;
    for (size_t i = 0; i < d->npats; i++) {
        const dict_pattern *p = &d->pats[i];
        img_pattern x;
        memset(&x, 0, sizeof x);
        x.n = p->n; x.npre = p->npre; x.flags = p->flags; x.need_more = p->need_more;
        x.cameo = p->cameo; x.cameo_back = p->cameo_back; x.line = p->line;
        memcpy(x.need, p->need, sizeof x.need);
        x.e = ne;
        for (size_t k = 0; k < p->n; k++) put_pelem(w, &p->e[k]);
        ne += p->n;
        x.pre = p->npre ? ne : NONE;
        for (size_t k = 0; k < p->npre; k++) put_pelem(w, &p->pre[k]);
        ne += p->npre;
        put(w, S_PATS, &x, sizeof x);
    }
    /* structs used in place: copied field by field into zeroed ones, so that the padding
     * is zero and one dictionary always compiles to the same bytes */
    for (size_t i = 0; i < d->ncameo; i++) {
        dict_cameo x;
        memset(&x, 0, sizeof x);
        memcpy(x.code, d->cameo[i].code, sizeof x.code);
        x.goldstein = d->cameo[i].goldstein;
        x.quad = d->cameo[i].quad;
        memcpy(x.plover, d->cameo[i].plover, sizeof x.plover);
        put(w, S_CAMEO, &x, sizeof x);
    }
    put(w, S_PHRASE_HEAD, d->phrase_head, d->nsyms * 4);
    put(w, S_PAT_HEAD, d->pat_head, d->nsyms * 4);
    put(w, S_SYMFLAGS, d->symflags, d->nsyms * 4);
    /* phr holds sitrep's own phrases only (the first nown of its slots) */
    for (size_t i = 0; i < nown; i++) {
        dict_phr x;
        memset(&x, 0, sizeof x);
        x.p = d->phr[i].p; x.next = d->phr[i].next; x.sym1 = d->phr[i].sym1; x.n = d->phr[i].n;
        put(w, S_PHR, &x, sizeof x);
    }
    for (size_t i = 0; i < d->nanchors; i++) {
        dict_anchor x;
        memset(&x, 0, sizeof x);
        x.pat = d->anchors[i].pat; x.next = d->anchors[i].next;
        memcpy(x.need, d->anchors[i].need, sizeof x.need);
        put(w, S_ANCHORS, &x, sizeof x);
    }
    if (d->stem_bucket) put(w, S_STEM_BUCKET, d->stem_bucket, STEM_BUCKETS * 4);
    for (size_t i = 0; d->ckeys && i <= d->cmask; i++) {
        ckey x = { d->ckeys[i].key, d->ckeys[i].p };
        put(w, S_CKEYS, &x, sizeof x);
    }
}

static uint64_t align8(uint64_t x) { return (x + 7) & ~(uint64_t)7; }

static void copy_str(char *dst, size_t cap, const char *src)
{
    memset(dst, 0, cap);
    str_copy(dst, cap, src, strlen(src));
}

int dictimg_write(const dict *d, const char *path, sr_error *err)
{
    if (d->nsyms != d->st.n || !d->phrase_head)
        return err_path(err, SR_EUSAGE, path, "the dictionary is not finished (dict_finish) or changed since");
    writer w;
    memset(&w, 0, sizeof w);
    w.d = d;
    strtab_init(&w.seen);
    build_sections(&w);
    img_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, IMG_MAGIC, sizeof h.magic);
    h.version = DICTIMG_VERSION;
    h.bom = IMG_BOM;
    copy_str(h.sitrep, sizeof h.sitrep, SITREP_VERSION);
    memcpy(h.layout, LAYOUT, sizeof h.layout);
    h.compat = d->compat; h.compat_tabari = d->compat_tabari; h.stem_first = d->stem_first;
    h.one_sided = d->one_sided; h.def_prior = d->def_prior; h.def_after = d->def_after;
    h.code_by = (uint8_t)d->code_by;
    copy_str(h.lone_agent, sizeof h.lone_agent, d->lone_agent);
    copy_str(h.def_src, sizeof h.def_src, d->def_src);
    copy_str(h.def_tgt, sizeof h.def_tgt, d->def_tgt);
    h.min_words = d->min_words;
    const size_t comma[6] = { d->comma.min, d->comma.max, d->comma.bmin, d->comma.bmax, d->comma.emin, d->comma.emax };
    for (int i = 0; i < 6; i++) h.comma[i] = comma[i];
    h.nwarnings = d->nwarnings;
    copy_str(h.warning, sizeof h.warning, d->warning);
    uint64_t at = align8(sizeof h);
    for (int s = 0; s < S_N; s++) {
        h.sec[s].off = at;
        h.sec[s].count = w.sec[s].n / SECTION_ELEM[s];
        at = align8(at + w.sec[s].n);
    }
    h.size = at;
    /* the whole image in memory, so that its checksum is taken over the bytes written */
    unsigned char *img = xcalloc(1, (size_t)h.size);
    memcpy(img, &h, sizeof h);
    for (int s = 0; s < S_N; s++) if (w.sec[s].n) memcpy(img + h.sec[s].off, w.sec[s].s, w.sec[s].n);
    h.checksum = checksum(img + SUMMED, (size_t)(h.size - SUMMED));
    memcpy(img + offsetof(img_header, checksum), &h.checksum, sizeof h.checksum);
    for (int s = 0; s < S_N; s++) buf_free(&w.sec[s]);
    strtab_free(&w.seen);
    vec_free(w.off);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    int rc = 0, e = 0;
    FILE *f = fopen(tmp, "wb");
    if (!f || fwrite(img, 1, (size_t)h.size, f) != h.size) { rc = -1; e = errno; }
    if (f && fclose(f) && !rc) { rc = -1; e = errno; }
    if (!rc && rename(tmp, path)) { rc = -1; e = errno; }
    free(img);
    if (rc) { if (f) remove(tmp); return err_path(err, SR_EIO, path, strerror(e ? e : EIO)); }
    return 0;
}

void dictimg_stamp(void *image, size_t size)
{
    if (size < sizeof(img_header)) return;
    uint64_t sum = checksum((const unsigned char *)image + SUMMED, size - SUMMED);
    memcpy((char *)image + offsetof(img_header, checksum), &sum, sizeof sum);
}

/* ---- reading ---- */

typedef struct reader {
    const char *base;
    const img_header *h;
    const char *str;             /* the string pool, NUL-terminated at its end */
    uint64_t nstr;
} reader;

static const void *sec(const reader *r, int s) { return r->base + r->h->sec[s].off; }
static size_t cnt(const reader *r, int s) { return (size_t)r->h->sec[s].count; }

/* a NUL within the first cap bytes (fixed-size strings of the image) */
static bool terminated(const char *s, size_t cap) { return memchr(s, 0, cap) != NULL; }
/* i in [-1, n) */
static bool index_or_none(int32_t i, size_t n) { return i >= -1 && (i < 0 || (size_t)i < n); }
/* a chain link: none, or forward (so that no chain can loop) and in range */
static bool forward(int32_t next, size_t i, size_t n) { return next == -1 || (next > (int64_t)i && (size_t)next < n); }
/* an array of n elements at index at of a pool of size total */
static bool run_fits(uint32_t at, size_t n, size_t total) { return at != NONE && at <= total && n <= total - at; }

/* The header's checks, in the order that gives the most useful message; NULL when fine. */
static const char *check_header(const img_header *h, uint64_t size)
{
    static char why[160];
    if (memcmp(h->magic, IMG_MAGIC, sizeof IMG_MAGIC)) return "not a sitrep dictionary image (bad magic)";
    if (h->bom != IMG_BOM) return "dictionary image of another byte order; run `sitrep compile` again on this machine";
    if (h->version != DICTIMG_VERSION || !terminated(h->sitrep, sizeof h->sitrep) || strcmp(h->sitrep, SITREP_VERSION)) {
        snprintf(why, sizeof why, "dictionary image of format %u by sitrep %.15s; this sitrep %s reads format %d: run `sitrep compile` again",
                 h->version, terminated(h->sitrep, sizeof h->sitrep) ? h->sitrep : "?", SITREP_VERSION, DICTIMG_VERSION);
        return why;
    }
    if (memcmp(h->layout, LAYOUT, sizeof LAYOUT)) return "dictionary image of another build's struct layout; run `sitrep compile` again";
    if (h->size != size) return "corrupt dictionary image (its size is not the file's: truncated?); run `sitrep compile` again";
    for (int s = 0; s < S_N; s++) {
        uint64_t off = h->sec[s].off, n = h->sec[s].count;
        if (off % 8 || off < sizeof *h || off > size || n > (size - off) / SECTION_ELEM[s])
            return "corrupt dictionary image (sections do not fit the file); run `sitrep compile` again";
    }
    return NULL;
}

/* Points d into the mapping and rebuilds what holds pointers; NULL when every index held. */
static const char *rebuild(dict *d, const reader *r)
{
    const img_header *h = r->h;
    static const char *const BAD = "corrupt dictionary image (an index out of range); run `sitrep compile` again";
    if (!r->nstr || r->str[r->nstr - 1]) return BAD;
    /* scalars */
    if (h->code_by > CODE_ALL || !terminated(h->lone_agent, sizeof h->lone_agent) ||
        !terminated(h->def_src, sizeof h->def_src) || !terminated(h->def_tgt, sizeof h->def_tgt) ||
        !terminated(h->warning, sizeof h->warning)) return BAD;
    d->compat = h->compat; d->compat_tabari = h->compat_tabari; d->stem_first = h->stem_first;
    d->one_sided = h->one_sided; d->def_prior = h->def_prior; d->def_after = h->def_after;
    d->code_by = h->code_by == CODE_ALL ? CODE_ALL : h->code_by == CODE_BY_SENTENCE ? CODE_BY_SENTENCE : CODE_BY_CLAUSE;
    memcpy(d->lone_agent, h->lone_agent, sizeof d->lone_agent);
    memcpy(d->def_src, h->def_src, sizeof d->def_src);
    memcpy(d->def_tgt, h->def_tgt, sizeof d->def_tgt);
    d->min_words = (size_t)h->min_words;
    d->comma = (dict_comma){ (size_t)h->comma[0], (size_t)h->comma[1], (size_t)h->comma[2],
                             (size_t)h->comma[3], (size_t)h->comma[4], (size_t)h->comma[5] };
    d->nwarnings = (size_t)h->nwarnings;
    memcpy(d->warning, h->warning, sizeof d->warning);

    /* symbols: the strtab's strings rebuilt, its lengths and slots in place */
    size_t n = cnt(r, S_SYMSTR), nslots = cnt(r, S_SLOTS);
    const uint32_t *symstr = sec(r, S_SYMSTR), *symlen = sec(r, S_SYMLEN);
    if (cnt(r, S_SYMLEN) != n || nslots <= n || (nslots & (nslots - 1)) || n > INT32_MAX ||
        cnt(r, S_SYMFLAGS) != n || cnt(r, S_PHRASE_HEAD) != n || cnt(r, S_PAT_HEAD) != n) return BAD;
    d->st.str = arena_alloc(&d->mem, (n ? n : 1) * sizeof *d->st.str);
    for (size_t i = 0; i < n; i++) {
        if (symstr[i] >= r->nstr || symlen[i] >= r->nstr - symstr[i] || r->str[symstr[i] + symlen[i]]) return BAD;
        d->st.str[i] = (char *)r->str + symstr[i];
    }
    const int32_t *slots = sec(r, S_SLOTS);
    size_t empty = 0;
    for (size_t i = 0; i < nslots; i++) {
        if (!index_or_none(slots[i], n)) return BAD;
        empty += slots[i] < 0;
    }
    if (!empty) return BAD;   /* a probe would never end */
    d->st.len = (uint32_t *)symlen;
    d->st.slots = (int32_t *)slots;
    d->st.n = d->st.cap = n;
    d->st.nslots = nslots;
    d->nsyms = n;
    d->symflags = (uint32_t *)sec(r, S_SYMFLAGS);

    /* actors and the CAMEO table */
    const img_actor *ia = sec(r, S_ACTORS);
    d->nactors = d->cap_actors = cnt(r, S_ACTORS);
    d->actors = arena_alloc(&d->mem, (d->nactors ? d->nactors : 1) * sizeof *d->actors);
    for (size_t i = 0; i < d->nactors; i++) {
        if (!terminated(ia[i].code, sizeof ia[i].code) || ia[i].kind < 0 || ia[i].kind >= AK_COUNT ||
            ia[i].label >= r->nstr) return BAD;
        dict_actor *a = &d->actors[i];
        memcpy(a->code, ia[i].code, sizeof a->code);
        a->kind = (actor_kind)ia[i].kind;
        a->from = ia[i].from; a->to = ia[i].to;
        a->label = r->str + ia[i].label;
    }
    d->ncameo = cnt(r, S_CAMEO);
    d->cameo = (dict_cameo *)sec(r, S_CAMEO);
    for (size_t i = 0; i < d->ncameo; i++)
        if (!terminated(d->cameo[i].code, sizeof d->cameo[i].code) || !terminated(d->cameo[i].plover, sizeof d->cameo[i].plover)) return BAD;

    /* the pools: per-token words become pointers into the string pool */
    const int32_t *i32 = sec(r, S_I32);
    const uint8_t *u8 = sec(r, S_U8);
    const uint32_t *words = sec(r, S_WORDS), *seqs = sec(r, S_SEQS);
    size_t ni32 = cnt(r, S_I32), nu8 = cnt(r, S_U8), nwords = cnt(r, S_WORDS), nseqs = cnt(r, S_SEQS);
    char **wp = arena_alloc(&d->mem, (nwords ? nwords : 1) * sizeof *wp);
    for (size_t i = 0; i < nwords; i++) {
        if (words[i] != NONE && words[i] >= r->nstr) return BAD;
        wp[i] = words[i] == NONE ? NULL : (char *)r->str + words[i];
    }

    /* phrases */
    const img_phrase *ip = sec(r, S_PHRASES);
    size_t np = cnt(r, S_PHRASES);
    d->nphrases = d->cap_phrases = np;
    d->phrases = arena_alloc(&d->mem, (np ? np : 1) * sizeof *d->phrases);
    for (size_t i = 0; i < np; i++) {
        const img_phrase *x = &ip[i];
        dict_phrase *p = &d->phrases[i];
        if (x->n < 1 || x->n > MAX_PHRASE || !run_fits(x->sym, x->n, ni32) || !run_fits(x->exact, x->n, nwords) ||
            x->actor < 0 || (size_t)x->actor >= d->nactors || !index_or_none(x->next, np) ||
            (x->word == NONE) != (x->stem == NONE)) return BAD;
        p->n = (uint8_t)x->n;
        p->sym = (int32_t *)(i32 + x->sym);
        p->exact = wp + x->exact;
        p->actor = x->actor; p->next = x->next; p->key = x->key;
        if (x->word != NONE) {
            /* stem matching reads every word, and a stem-first phrase's chain */
            if (!run_fits(x->word, x->n, nwords) || !run_fits(x->stem, x->n, nu8)) return BAD;
            for (size_t k = 0; k < x->n; k++) if (!wp[x->word + k]) return BAD;
            if (u8[x->stem] && !(forward(x->next, i, np) && (x->next < 0 || ip[x->next].word != NONE))) return BAD;
            p->word = wp + x->word;
            p->stem = (uint8_t *)(u8 + x->stem);
        }
    }

    /* patterns and their elements; synset sequences become pointers into the int32 pool */
    const img_pelem *ie = sec(r, S_PELEMS);
    size_t ne = cnt(r, S_PELEMS);
    int32_t **sp = arena_alloc(&d->mem, (nseqs ? nseqs : 1) * sizeof *sp);
    dict_pelem *el = arena_alloc(&d->mem, (ne ? ne : 1) * sizeof *el);
    for (size_t i = 0; i < ne; i++) {
        const img_pelem *x = &ie[i];
        dict_pelem *e = &el[i];
        if (x->kind > PE_SKIP1) return BAD;
        e->kind = x->kind; e->optional = x->optional; e->nalts = x->nalts; e->nseq = x->nseq;
        if (x->nalts) {
            if (!run_fits(x->alts, x->nalts, ni32)) return BAD;
            e->alts = (int32_t *)(i32 + x->alts);
        }
        if (x->nseq) {
            if (!run_fits(x->seqlen, x->nseq, nu8) || !run_fits(x->seq, x->nseq, nseqs)) return BAD;
            e->seqlen = (uint8_t *)(u8 + x->seqlen);
            e->seq = sp + x->seq;
            for (size_t k = 0; k < x->nseq; k++) {
                uint32_t at = seqs[x->seq + k];
                if (!run_fits(at, e->seqlen[k], ni32)) return BAD;
                sp[x->seq + k] = (int32_t *)(i32 + at);
            }
        }
    }
    const img_pattern *it = sec(r, S_PATS);
    d->npats = d->cap_pats = cnt(r, S_PATS);
    d->pats = arena_alloc(&d->mem, (d->npats ? d->npats : 1) * sizeof *d->pats);
    for (size_t i = 0; i < d->npats; i++) {
        const img_pattern *x = &it[i];
        dict_pattern *p = &d->pats[i];
        if (x->n < 1 || !run_fits(x->e, x->n, ne) || (x->npre && !run_fits(x->pre, x->npre, ne)) ||
            !index_or_none(x->cameo, d->ncameo) || !index_or_none(x->cameo_back, d->ncameo)) return BAD;
        p->e = el + x->e;
        p->pre = x->npre ? el + x->pre : NULL;
        p->n = x->n; p->npre = x->npre; p->flags = x->flags; p->need_more = x->need_more;
        p->cameo = x->cameo; p->cameo_back = x->cameo_back; p->line = x->line;
        memcpy(p->need, x->need, sizeof p->need);
    }

    /* the lookup indexes, in place */
    size_t nphr = cnt(r, S_PHR);
    const dict_phr *phr = sec(r, S_PHR);
    for (size_t i = 0; i < nphr; i++)
        if (phr[i].p < 0 || (size_t)phr[i].p >= np || !forward(phr[i].next, i, nphr)) return BAD;
    d->phr = (dict_phr *)phr;
    const int32_t *ph = sec(r, S_PHRASE_HEAD), *pt = sec(r, S_PAT_HEAD);
    d->nanchors = cnt(r, S_ANCHORS);
    for (size_t i = 0; i < n; i++)
        if (!index_or_none(ph[i], nphr) || !index_or_none(pt[i], d->nanchors)) return BAD;
    d->phrase_head = (int32_t *)ph;
    d->pat_head = (int32_t *)pt;
    const dict_anchor *an = sec(r, S_ANCHORS);
    for (size_t i = 0; i < d->nanchors; i++)
        if (an[i].pat < 0 || (size_t)an[i].pat >= d->npats || !forward(an[i].next, i, d->nanchors)) return BAD;
    d->anchors = (dict_anchor *)an;
    size_t nb = cnt(r, S_STEM_BUCKET);
    if (nb != 0 && nb != STEM_BUCKETS) return BAD;
    if (d->stem_first && !nb) return BAD;
    const int32_t *sb = sec(r, S_STEM_BUCKET);
    for (size_t i = 0; i < nb; i++)
        if (!index_or_none(sb[i], np) || (sb[i] >= 0 && !d->phrases[sb[i]].word)) return BAD;
    d->stem_bucket = nb ? (int32_t *)sb : NULL;
    size_t nk = cnt(r, S_CKEYS);
    if (nk & (nk - 1)) return BAD;
    const ckey *ck = sec(r, S_CKEYS);
    empty = 0;
    for (size_t i = 0; i < nk; i++) {
        if (!index_or_none(ck[i].p, np) || (ck[i].p >= 0 && !d->phrases[ck[i].p].word)) return BAD;
        empty += ck[i].p < 0;
    }
    if (nk && !empty) return BAD;
    d->ckeys = nk ? (void *)ck : NULL;
    d->cmask = nk ? nk - 1 : 0;
    return NULL;
}

int dictimg_open(dict *d, const char *path, sr_error *err)
{
    memset(d, 0, sizeof *d);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return err_path(err, SR_EIO, path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) { int e = errno; close(fd); return err_path(err, SR_EIO, path, strerror(e)); }
    if (!S_ISREG(st.st_mode)) { close(fd); return err_path(err, SR_EDICT, path, "not a regular file"); }
    if ((uint64_t)st.st_size < sizeof(img_header)) {
        close(fd);
        return err_path(err, SR_EDICT, path, "not a sitrep dictionary image (shorter than its header)");
    }
    int flags = MAP_PRIVATE;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;   /* every page is read by the checksum: fault them in at once */
#endif
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
    int e = errno;
    close(fd);
    if (map == MAP_FAILED) return err_path(err, SR_EIO, path, strerror(e));
    uint64_t size = (uint64_t)st.st_size;
    reader r = { map, map, NULL, 0 };
    const char *why = check_header(r.h, size);
    if (!why && checksum((const unsigned char *)map + SUMMED, (size_t)(size - SUMMED)) != r.h->checksum)
        why = "corrupt dictionary image (wrong checksum: damaged or truncated); run `sitrep compile` again";
    if (!why) {
        r.str = (const char *)sec(&r, S_STR);
        r.nstr = r.h->sec[S_STR].count;
        arena_init(&d->mem);
        why = rebuild(d, &r);
        if (why) arena_free(&d->mem);
    }
    if (why) {
        munmap(map, (size_t)size);
        memset(d, 0, sizeof *d);
        return err_path(err, SR_EDICT, path, why);
    }
    d->map = map;
    d->map_size = (size_t)size;
    return 0;
}
