/* where: see where.h. For each capitalised run of the sentence, the longest name the
 * gazetteer knows (up to its longest key); then what stands before it (a preposition, maybe
 * through "the [ethnic Armenian] city/region of") and after it (", Country"), which decide
 * whether it is the event's place, only the article's context, or nothing. */
#include "where.h"
#include "util.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include <stdio.h>

const char *const WHERE_BASIS_NAMES[] = { "sentence", "dateline", "article" };

/* Words between which a name is where something happens, and words before a name that it is
 * only about (talks on X, a dispute over X) - such a name sets the article's context. Tables:
 * add a word to the list that fits. */
static const char *const LOC_PREP[] = { "in", "at", "near", "outside", "inside", "across", "around",
    "into", "along", "amid", NULL };
static const char *const TOPIC_PREP[] = { "on", "over", "about", NULL };
/* "the city of X": settlement words before "of" */
static const char *const SETTLEMENT[] = { "city", "town", "village", "region", "province", "district",
    "capital", "state", "governorate", "oblast", "area", "enclave", "territory", "county", "municipality",
    "suburb", "outskirts", "port", "island", "border", "camp", NULL };
/* after a name: a division, so the region rather than its main town ("Idlib province") */
static const char *const REGION_AFTER[] = { "province", "region", "governorate", "state", "oblast",
    "district", "county", "prefecture", NULL };

/* Smallest GeoNames population for a place that is in no country the article names: below
 * it a capitalised word after "in" is more likely something else ("in Hope", "in Eden"). */
enum { WHERE_MIN_POP_FREE = 15000 };
enum { EV_NONE, EV_TOPIC, EV_LOC };

static bool word_in(const char *text, const tok *t, const char *const *list)
{
    for (int i = 0; list[i]; i++) if (text_is(text, t, list[i])) return true;
    return false;
}

int where_open(where_index *w, const char *gen_dir, sr_error *err)
{
    memset(w, 0, sizeof *w);
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/gazetteer.img", gen_dir);
    sr_error e;
    int rc = gazetteer_open(&w->gz, path, &e);
    if (rc == SR_EIO) {
        snprintf(w->warning, sizeof w->warning, "%.200s: no gazetteer (run make); places are countries and capitals only, without coordinates", path);
        return 0;
    }
    if (rc) { if (err) *err = e; return rc; }
    if (!gazetteer_ncities(w->gz))
        snprintf(w->warning, sizeof w->warning, "%.200s: built without GeoNames cities1000 (run scripts/setup.sh, then make); places are countries and regions only", path);
    return 0;
}

void where_close(where_index *w)
{
    gazetteer_close(w->gz);
    w->gz = NULL;
}

static void clear_place(place *p)
{
    memset(p, 0, sizeof *p);
    p->lat = p->lon = NAN;
}

/* the first three letters of a code, without snprintf: this runs for every mention */
static void copy3(char *dst, const char *src)
{
    size_t k = 0;
    while (k < 3 && src[k]) { dst[k] = src[k]; k++; }
    dst[k] = 0;
}

static bool is_country_code(const where_index *w, const char *code)
{
    if (!code[0] || !code[1] || !code[2]) return false;
    if (!code[3]) return isupper((unsigned char)code[0]) != 0;   /* a bare dictionary country */
    if (strlen(code) < 3 || !isupper((unsigned char)code[0]) || !isupper((unsigned char)code[1]) || !isupper((unsigned char)code[2]))
        return false;
    if (!w->gz) return strlen(code) == 3;
    char c3[4] = { code[0], code[1], code[2], 0 };
    return gazetteer_country(w->gz, c3) != NULL;
}

static void remember_country(where_memory *mem, const char *c3)
{
    for (size_t i = 0; i < mem->ncountries; i++) if (!strcmp(mem->countries[i], c3)) return;
    if (mem->ncountries < WHERE_MAX_COUNTRIES) copy3(mem->countries[mem->ncountries++], c3);
}

static const mention *mention_over(const mention *m, size_t nm, size_t i)
{
    for (size_t k = 0; k < nm; k++) if (m[k].a <= i && i < m[k].b) return &m[k];
    return NULL;
}

/* a mention that names a country or a capital (code is a bare country code) */
static bool country_mention(const mention *mm)
{
    return mm && !mm->media && !mm->person && !mm->no_country && strlen(mm->code) == 3;
}

/* The longest gazetteer name starting at token i: its end token in *end and its hits. */
static bool longest_name(const gazetteer *gz, const char *text, const tok *t, size_t n, size_t i, size_t *end, gaz_hits *hits)
{
    size_t maxw = gazetteer_max_words(gz), last = i, words = 0;
    size_t ends[8];
    size_t ne = 0;
    /* candidate ends: word tokens joined by hyphens, apostrophes and periods ("St. Louis"),
     * ending on a capitalised word ("Rio de Janeiro", not "Rio de") */
    for (size_t j = i; j < n && words < maxw && ne < 8; j++) {
        if (t[j].flags & TK_WORD) {
            if (j > last + 1 && !(t[last + 1].punct == '-' || t[last + 1].punct == '\'' || t[last + 1].punct == '.')) break;
            if (j > i && t[j].start > t[j - 1].end + 1) break;   /* a line break or a gap */
            words++;
            last = j;
            /* "Idlib province": a division word may end a name */
            if ((t[j].flags & TK_CAP) || (j > i && word_in(text, &t[j], REGION_AFTER))) ends[ne++] = j + 1;
            else if (j > i && !(t[j].flags & TK_CAP) && t[j].end - t[j].start > 3) break;   /* not "de", "al" */
        } else if (!(t[j].punct == '-' || t[j].punct == '\'' || t[j].punct == '.') || j == i) break;
        else if (t[j].punct == '.' && !(j + 1 < n && (t[j + 1].flags & TK_CAP))) break;
    }
    char key[256];
    while (ne--) {
        size_t e = ends[ne];
        size_t k = gazetteer_key(text + t[i].start, t[e - 1].end - t[i].start, key, sizeof key);
        if (!k || !gazetteer_lookup(gz, key, k, hits)) continue;
        if (hits->stop && e == i + 1) return false;   /* "March", "Police" alone */
        if (!hits->n) continue;
        *end = e;
        return true;
    }
    return false;
}

/* What stands before token a: EV_LOC, EV_TOPIC or EV_NONE; *descr for "the city of". */
static int evidence_before(const dict *d, const char *text, const tok *t, size_t a, bool *descr)
{
    *descr = false;
    if (!a) return EV_NONE;
    size_t j = a - 1;
    /* both lists hold prepositions only: the word class settles most tokens at once */
    uint32_t f = dict_symflags(d, t[j].sym);
    if (!(f & SF_PREP)) {
        if (!(f & SF_DET) || !text_is(text, &t[j], "the") || !j || !(dict_symflags(d, t[j - 1].sym) & SF_PREP)) return EV_NONE;
    } else if (text_is(text, &t[j], "of") && j >= 1 && word_in(text, &t[j - 1], SETTLEMENT)) {
        *descr = true;
        /* back over "the [breakaway] [ethnic Armenian]" to a preposition, if any */
        size_t k = j - 1;
        for (int steps = 0; k > 0 && steps < 5; steps++) {
            k--;
            if (word_in(text, &t[k], LOC_PREP)) return EV_LOC;
            if (word_in(text, &t[k], TOPIC_PREP)) return EV_TOPIC;
            if (!(t[k].flags & TK_WORD) || (dict_symflags(d, t[k].sym) & (SF_VERB | SF_CONJ))) break;
        }
        return EV_LOC;   /* "shelling hit the city of X": a place named as one */
    }
    if (text_is(text, &t[j], "the") && j >= 1) j--;
    if (word_in(text, &t[j], LOC_PREP)) return EV_LOC;
    if (word_in(text, &t[j], TOPIC_PREP)) return EV_TOPIC;
    return EV_NONE;
}

static bool in_list(const char (*list)[4], size_t n, const char *c3)
{
    for (size_t i = 0; i < n; i++) if (!strncmp(list[i], c3, 3)) return true;
    return false;
}

/* a country the sentence names, and where: the dictionaries' guess for "Tripoli" itself is
 * no evidence of which Tripoli */
typedef struct named { char c[4]; size_t a, b; } named;

static bool named_outside(const named *sc, size_t nsc, const char *c3, size_t a, size_t b)
{
    for (size_t i = 0; i < nsc; i++) if (!strncmp(sc[i].c, c3, 3) && (sc[i].b <= a || sc[i].a >= b)) return true;
    return false;
}

/* Picks among the places of one name: the qualifier's country (and region), then the
 * sentence's countries, then the article's, then the largest if large enough. */
static const gaz_place *pick(const gazetteer *gz, const gaz_hits *h, const char *qcountry, const char *qadmin1,
                             bool want_region, const named *sc, size_t nsc, size_t a, size_t b,
                             const where_memory *mem, int ev)
{
    const gaz_place *best = NULL;
    int best_score = -1;
    for (uint32_t i = 0; i < h->n; i++) {
        const gaz_place *p = gazetteer_place(gz, h->post[i]);
        if (!p) continue;
        int score;
        if (qcountry) {
            if (strncmp(p->country, qcountry, 3)) continue;
            score = 4;
            if (qadmin1 && qadmin1[0] && !strcmp(gazetteer_str(gz, p->admin1), qadmin1)) score = 5;
        } else if (named_outside(sc, nsc, p->country, a, b)) score = 3;
        else if (in_list(mem->countries, mem->ncountries, p->country)) score = 2;
        else {
            /* in no country the text names: only a country, sitrep's own regions, or a town
             * big enough, and only after a preposition */
            bool big = p->kind == GAZ_COUNTRY || (p->flags & GAZ_OWN) || (p->kind == GAZ_CITY && p->rank >= WHERE_MIN_POP_FREE);
            if (!big || ev == EV_NONE) continue;
            score = 1;
        }
        if (want_region && p->kind != GAZ_CITY) score += 10;   /* "Idlib province" */
        if (score > best_score) { best = p; best_score = score; }   /* hits are best-ranked first */
    }
    return best;
}

static void fill(place *out, const gazetteer *gz, const gaz_place *p, const char *text, const tok *t, size_t a, size_t b)
{
    clear_place(out);
    out->a = a; out->b = b;
    size_t s = t[a].start, e = t[b - 1].end;
    if (e - s >= sizeof out->name) e = s + sizeof out->name - 1;
    memcpy(out->name, text + s, e - s);
    out->name[e - s] = 0;
    if (!p) return;
    snprintf(out->country, sizeof out->country, "%.3s", p->country);
    snprintf(out->admin1, sizeof out->admin1, "%s", gazetteer_str(gz, p->admin1));
    out->lat = p->lat; out->lon = p->lon;
    out->geonames_id = p->geonames_id;
    out->precision = p->kind < GAZ_NKINDS ? p->kind : GAZ_CITY;
}

/* ", Country" or ", Region" after token b: its country (and region) */
static bool qualifier_after(const where_index *w, const char *text, const tok *t, size_t n, const mention *m, size_t nm,
                            size_t b, char *country, char *admin1)
{
    if (b + 1 >= n || t[b].punct != ',') return false;
    const mention *mm = mention_over(m, nm, b + 1);
    if (country_mention(mm) && mm->a == b + 1) { snprintf(country, 4, "%.3s", mm->code); admin1[0] = 0; return true; }
    if (!w->gz || !(t[b + 1].flags & TK_CAP)) return false;
    size_t e;
    gaz_hits h;
    if (!longest_name(w->gz, text, t, n, b + 1, &e, &h)) return false;
    for (uint32_t i = 0; i < h.n && i < 4; i++) {
        const gaz_place *p = gazetteer_place(w->gz, h.post[i]);
        if (p && (p->kind == GAZ_COUNTRY || p->kind == GAZ_ADMIN1)) {
            snprintf(country, 4, "%.3s", p->country);
            snprintf(admin1, 12, "%s", p->kind == GAZ_ADMIN1 ? gazetteer_str(w->gz, p->admin1) : "");
            return true;
        }
    }
    return false;
}

bool where_find(const where_index *w, const dict *d, const char *text, const tok *t, size_t n,
                const mention *m, size_t nm, where_memory *mem, bool learn, place *out)
{
    /* the countries the sentence names, by any actor: "Azerbaijan's President" counts */
    named sc[WHERE_MAX_COUNTRIES];
    size_t nsc = 0;
    for (size_t k = 0; k < nm && nsc < WHERE_MAX_COUNTRIES; k++) {
        if (m[k].media || !is_country_code(w, m[k].code)) continue;
        copy3(sc[nsc].c, m[k].code);
        sc[nsc].a = m[k].a; sc[nsc].b = m[k].b;
        nsc++;
    }
    bool found = false;
    int found_rank = -1;
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & TK_WORD) || !(t[i].flags & TK_CAP)) continue;
        const mention *mm = mention_over(m, nm, i);
        if (mm && !country_mention(mm)) { i = mm->b - 1; continue; }   /* a person, group, outlet */
        if (mm && mm->modifier) { i = mm->b - 1; continue; }           /* "the Armenia-Azerbaijan conflict" */
        bool descr;
        int ev = evidence_before(d, text, t, i, &descr);
        /* what an article is about counts once: its first such place */
        if (ev == EV_TOPIC && (mem->have_context || !learn)) ev = EV_NONE;
        if (ev == EV_NONE && !descr) {
            /* no preposition before: only "Name, Country" can make it a place, so most
             * capitalised words (subjects, names) cost no lookup */
            size_t j = i;
            while (j < n && j - i < 6 && ((t[j].flags & TK_CAP) || t[j].punct == '-' || t[j].punct == '\'')) j++;
            if (!(j + 1 < n && t[j].punct == ',' && (t[j + 1].flags & TK_CAP))) { i = j > i ? j - 1 : i; continue; }
        }
        size_t e = mm ? mm->b : i + 1;
        gaz_hits h;
        bool known = w->gz && longest_name(w->gz, text, t, n, i, &e, &h);
        char qc[4] = "", qa[12] = "";
        bool qual = qualifier_after(w, text, t, n, m, nm, e, qc, qa);
        place p;
        bool have = false;
        if (known) {
            bool want_region = e < n && word_in(text, &t[e], REGION_AFTER);
            const gaz_place *gp = pick(w->gz, &h, qual ? qc : NULL, qa, want_region, sc, nsc, i, e, mem, ev);
            if (gp) { fill(&p, w->gz, gp, text, t, i, e); have = true; }
        }
        if (!have && mm && country_mention(mm) && ev != EV_NONE) {
            /* no gazetteer, or a name it lacks: the dictionaries' country or capital */
            fill(&p, NULL, NULL, text, t, mm->a, mm->b);
            snprintf(p.country, sizeof p.country, "%.3s", qual ? qc : mm->code);
            p.precision = qual ? GAZ_CITY : GAZ_COUNTRY;
            have = true;
        } else if (!have && qual && !mm && (ev != EV_NONE || descr)) {
            /* an unknown name followed by ", Country": a place in that country */
            size_t b = i;
            while (b < n && b - i < 4 && (t[b].flags & TK_CAP) && !mention_over(m, nm, b)) b++;
            if (b == e) {
                fill(&p, NULL, NULL, text, t, i, b);
                snprintf(p.country, sizeof p.country, "%s", qc);
                p.precision = GAZ_CITY;
                have = true;
            }
        }
        if (have) {
            /* the event's place: named as where ("in", "near", "the city of", ", Country");
             * the most specific wins, then the first */
            int strength = qual ? 2 : (ev == EV_LOC || descr) ? 1 : 0;
            bool topic = ev == EV_TOPIC && !qual;
            if (strength && !topic) {
                int rank = strength * 8 + (GAZ_NKINDS - p.precision);
                if (rank > found_rank) { *out = p; found = true; found_rank = rank; }
            }
            if (learn && !mem->have_context && (strength || topic) && p.precision != GAZ_COUNTRY) {
                mem->context = p;
                mem->context.basis = WHERE_ARTICLE;
                mem->have_context = true;
            }
        }
        if (e > i + 1) i = e - 1;
    }
    /* the article's countries, learned after its own places are read: a capital's guess
     * from this sentence should not decide this sentence's places */
    if (learn)
        for (size_t k = 0; k < nsc; k++)
            if (!mention_over(m, nm, sc[k].a)->place) remember_country(mem, sc[k].c);
    if (found) out->basis = WHERE_SENTENCE;
    return found;
}

void where_dateline(const where_index *w, const char *text, size_t body_start, where_memory *mem)
{
    if (!w->gz || !body_start) return;
    size_t ls = body_start;
    while (ls > 0 && body_start - ls < 160 && text[ls - 1] != '\n') ls--;
    if (ls == body_start || (ls > 0 && text[ls - 1] != '\n')) return;
    /* "KYIV, Feb 23 (Reuters) - ": the words before the first comma or parenthesis */
    size_t e = ls;
    while (e < body_start && text[e] != ',' && text[e] != '(') e++;
    if (e == body_start || e == ls || !memchr(text + ls, '(', body_start - ls)) return;
    char key[128];
    size_t k = gazetteer_key(text + ls, e - ls, key, sizeof key);
    gaz_hits h;
    if (!k || !gazetteer_lookup(w->gz, key, k, &h) || h.stop) return;
    for (uint32_t i = 0; i < h.n; i++) {
        const gaz_place *p = gazetteer_place(w->gz, h.post[i]);
        if (!p || p->kind == GAZ_COUNTRY) continue;
        place *c = &mem->context;
        clear_place(c);
        size_t len = e - ls;
        while (len && text[ls + len - 1] == ' ') len--;
        if (len >= sizeof c->name) len = sizeof c->name - 1;
        memcpy(c->name, text + ls, len);
        c->name[len] = 0;
        snprintf(c->country, sizeof c->country, "%.3s", p->country);
        snprintf(c->admin1, sizeof c->admin1, "%s", gazetteer_str(w->gz, p->admin1));
        c->lat = p->lat; c->lon = p->lon;
        c->geonames_id = p->geonames_id;
        c->precision = p->kind;
        c->basis = WHERE_DATELINE;
        mem->have_context = true;
        { char c3[4]; copy3(c3, p->country); remember_country(mem, c3); }
        return;
    }
}
