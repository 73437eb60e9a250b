/* engine: the public API (include/sitrep.h). Opens the dictionaries once; codes one
 * article by running the stages in order over each sentence: doc -> text -> actors ->
 * attrib -> code -> when / where / count -> records handed to the caller. Per-article state
 * (names learned, the last pair of countries, the two sides of the fighting, the running
 * date) lives on this function's stack, so one engine serves any number of threads. */
#include "sitrep.h"
#include "dict.h"
#include "doc.h"
#include "text.h"
#include "actors.h"
#include "attrib.h"
#include "code.h"
#include "when.h"
#include "where.h"
#include "count.h"
#include "compat.h"
#include "dictimg.h"
#include "utf8.h"
#include "util.h"
#include "arena.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct sr_engine { dict d; where_index where; };

/* The directory of the running executable, for finding data/ without configuration. */
static bool exe_dir(char *out, size_t cap)
{
    ssize_t k = readlink("/proc/self/exe", out, cap - 1);
    if (k <= 0) return false;
    out[k] = 0;
    char *slash = strrchr(out, '/');
    if (!slash) return false;
    *slash = 0;
    return true;
}

static bool file_exists(const char *dir, const char *name)
{
    char p[PATH_MAX + 64];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return access(p, R_OK) == 0;
}

/* Finds data/ (beside the build) and build/data/ unless given; NULL and an error if not. */
static bool find_dirs(const char **data_dir, const char **gen_dir, char *data, char *gen, size_t cap, sr_error *err)
{
    char exe[PATH_MAX];
    bool have_exe = exe_dir(exe, sizeof exe);
    if (!*data_dir) *data_dir = getenv("SITREP_DATA");
    if (!*data_dir && have_exe) {
        /* build/sitrep -> ./data ; build/asan/sitrep -> ../../data */
        const char *ups[] = { "/../data", "/../../data", "/data", NULL };
        for (int i = 0; ups[i]; i++) {
            snprintf(data, cap, "%s%s", exe, ups[i]);
            if (file_exists(data, "verbs.txt")) { *data_dir = data; break; }
        }
    }
    if (!*gen_dir) *gen_dir = getenv("SITREP_GEN");
    if (!*gen_dir && have_exe) {
        snprintf(gen, cap, "%s/data", exe);
        *gen_dir = gen;
    }
    if (*data_dir && *gen_dir) return true;
    if (err) { err->code = SR_EIO; err->offset = -1; snprintf(err->message, sizeof err->message, "cannot find the data directory (use --data DIR or set SITREP_DATA)"); }
    return false;
}

int sr_engine_open(sr_engine **out, const char *data_dir, const char *gen_dir, sr_error *err)
{
    *out = NULL;
    char data[PATH_MAX + 16], gen[PATH_MAX + 16];
    if (!find_dirs(&data_dir, &gen_dir, data, gen, sizeof data, err)) return SR_EIO;
    sr_engine *e = xcalloc(1, sizeof *e);
    int rc = dict_load(&e->d, data_dir, gen_dir, err);
    if (!rc) rc = where_open(&e->where, gen_dir, err);
    if (rc) { dict_free(&e->d); free(e); return rc; }
    *out = e;
    return 0;
}

int sr_engine_open_compat(sr_engine **out, const sr_compat_files *files, const char *data_dir,
                          sr_error *err)
{
    *out = NULL;
    char data[PATH_MAX + 16], gen[PATH_MAX + 16];
    const char *gen_dir = NULL;
    if (!files || !files->format || (strcmp(files->format, "petrarch") && strcmp(files->format, "tabari"))) {
        if (err) { err->code = SR_EUSAGE; err->offset = -1; snprintf(err->message, sizeof err->message, "unknown dictionary format '%s' (expected petrarch or tabari)", files && files->format ? files->format : "(none)"); }
        return SR_EUSAGE;
    }
    if (!find_dirs(&data_dir, &gen_dir, data, gen, sizeof data, err)) return SR_EIO;
    sr_engine *e = xcalloc(1, sizeof *e);
    dict *d = &e->d;
    dict_init(d);
    d->compat = true;
    d->compat_tabari = !strcmp(files->format, "tabari");
    /* PETRARCH-2 codes a sector word without a country as "---GOV"; TABARI drops it */
    snprintf(d->lone_agent, sizeof d->lone_agent, "%s", d->compat_tabari ? "" : "---");
    /* TABARI leaves sentences of fewer than 8 words uncoded unless its options say otherwise */
    d->min_words = d->compat_tabari ? 8 : 0;
    /* TABARI deletes comma-delimited asides of a few words before coding (its defaults);
     * PETRARCH-2 does so on its parse trees, which sitrep's clauses stand for: off unless
     * set (comma_max ...) */
    if (d->compat_tabari) d->comma = (dict_comma){ 2, 10, 255, 0, 2, 10 };
    char path[PATH_MAX + 64];
    int rc;
    /* sitrep's CAMEO table and morphology stay; the other coder's words replace its own */
    snprintf(path, sizeof path, "%s/cameo.tsv", data_dir);
    rc = dict_load_cameo(d, path, err);
    if (!rc) { snprintf(path, sizeof path, "%s/irregular.txt", data_dir); rc = dict_load_irregular(d, path, err); }
    if (!rc && files->verbs) rc = compat_load_verbs(d, files->verbs, err);
    for (size_t i = 0; !rc && files->actors && files->actors[i]; i++) rc = compat_load_actors(d, files->actors[i], err);
    if (!rc && files->agents) rc = compat_load_agents(d, files->agents, err);
    if (!rc && files->discards) rc = compat_load_discards(d, files->discards, err);
    if (!rc && files->options) rc = compat_load_options(d, files->options, err);
    if (!rc) rc = where_open(&e->where, gen_dir, err);
    if (rc) { dict_free(d); free(e); return rc; }
    dict_finish(d);
    *out = e;
    return 0;
}

int sr_engine_open_image(sr_engine **out, const char *path, const char *gen_dir, sr_error *err)
{
    *out = NULL;
    char data[PATH_MAX + 16], gen[PATH_MAX + 16];
    /* the image replaces data/ and the generated dictionaries; only the gazetteer is read
     * from gen_dir, so a data directory that cannot be found is no error here */
    const char *data_dir = "";
    if (!find_dirs(&data_dir, &gen_dir, data, gen, sizeof data, err)) return SR_EIO;
    sr_engine *e = xcalloc(1, sizeof *e);
    int rc = dictimg_open(&e->d, path, err);
    if (!rc) rc = where_open(&e->where, gen_dir, err);
    if (rc) { dict_free(&e->d); free(e); return rc; }
    *out = e;
    return 0;
}

int sr_engine_write_image(const sr_engine *e, const char *path, sr_error *err)
{
    return dictimg_write(&e->d, path, err);
}

int sr_engine_set_option(sr_engine *e, const char *name, const char *value, sr_error *err)
{
    return compat_set_option(&e->d, name, value, err);
}

const char *sr_engine_place_warning(const sr_engine *e)
{
    return e->where.warning[0] ? e->where.warning : NULL;
}

size_t sr_engine_warnings(const sr_engine *e, const char **first)
{
    if (first) *first = e->d.nwarnings ? e->d.warning : NULL;
    return e->d.nwarnings;
}

void sr_engine_free(sr_engine *e)
{
    if (!e) return;
    where_close(&e->where);
    dict_free(&e->d);
    free(e);
}

int sr_engine_lookup(const sr_engine *e, const char *phrase, char *code, size_t cap)
{
    const dict *d = &e->d;
    tok *t;
    size_t n = text_tokenize(&d->st, phrase, strlen(phrase), &t);
    int rc = SR_EINPUT;
    if (n && t[0].sym >= 0 && (size_t)t[0].sym < d->nsyms) {
        for (int32_t x = d->phrase_head[t[0].sym]; x >= 0; x = d->phr[x].next) {
            const dict_phrase *ph = &d->phrases[d->phr[x].p];
            if (ph->n != n || d->actors[ph->actor].kind == AK_MEDIA || d->actors[ph->actor].kind == AK_AGENT) continue;
            size_t k = 0;
            while (k < n && t[k].sym == ph->sym[k]) k++;
            if (k < n) continue;
            snprintf(code, cap, "%s", d->actors[ph->actor].code);
            rc = 0;
            break;
        }
    }
    free(t);
    return rc;
}

/* ---- per article ---- */

/* A casualty figure of the article, once per figure however many records carry it; the
 * records of one event (same kind, dyad, date, running total or not) share low/high. */
typedef struct afig {
    sr_figure f;
    int kind;                  /* TOLL_* */
    char dyad[2][4];           /* the first record's source and target countries/orgs */
    char place[96];            /* its place when the sentence names one, else "" */
} afig;

/* A record held until the article's end (or until HOLD_MAX are held), so that later
 * sentences can add to it: the clock time of "The meeting will be held at 5:00 p.m.
 * (2100 GMT)", and the other figures the article gives for the same event. Its strings
 * are copies in the run's arena. */
typedef struct held {
    sr_event e;
    int fig[TOLL_KINDS];       /* index into the run's figures, or -1 */
    size_t sentence;           /* the sentence's number in the article */
} held;

enum { HOLD_MAX = 2048 };

typedef struct article_run {
    const sr_engine *e;
    const sr_article *a;
    doc doc;
    int block_kind;
    actor_memory amem;
    code_memory cmem;
    where_memory wmem;         /* countries named so far, the context place */
    int32_t ctx_date;          /* the running date of the narrative */
    int32_t start_date;        /* the day the story's fighting (or whatever) began */
    sr_event_fn fn;
    void *ctx;
    int stop;                  /* non-zero return from fn */
    const char *credits[DOC_MAX_CREDITS + 1];   /* doc.credits, then the caption credit */
    size_t ncredits;
    int seq;
    sr_stats *stats;
    char id_buf[32];
    uint64_t *present;         /* code_input.present: scratch for the article's sentences */
    arena hold_arena;
    held *hv; size_t nh, caph;
    afig *fv; size_t nf, capf;
    size_t nsent;              /* sentences seen */
    char last_attr_code[ACT_MAX_CODE];   /* whom the last attributed statement was from */
    char published[11];
} article_run;

/* Codes that are no country: organisations and the unknown actor; a row per prefix */
static const char *const NON_STATE[] = { "IGO", "NGO", "MNC", "---", "UNK" };

/* True when the actor code belongs to a country (its first three letters an ISO code). */
static bool state_code(const char *code)
{
    if (!code || strlen(code) < 3) return false;
    for (size_t i = 0; i < sizeof NON_STATE / sizeof *NON_STATE; i++)
        if (!strncmp(code, NON_STATE[i], 3)) return false;
    return isupper((unsigned char)code[0]) && isupper((unsigned char)code[1]) && isupper((unsigned char)code[2]);
}

static const char *keep(article_run *r, const char *s)
{
    return s ? arena_strdup(&r->hold_arena, s) : NULL;
}

static void keep_figure(article_run *r, sr_fatalities *f)
{
    f->qualifier = keep(r, f->qualifier);
    f->victims = keep(r, f->victims);
    f->reported_by = keep(r, f->reported_by);
}

/* Copies the record's borrowed strings that do not outlive the sentence into the arena and
 * holds it. Strings of the dictionary, the document and static tables are kept as they are. */
static void hold_event(article_run *r, const sr_event *ev, const int fig[TOLL_KINDS])
{
    if (r->nh == r->caph) {
        r->caph = r->caph ? r->caph * 2 : 64;
        r->hv = xrealloc(r->hv, r->caph * sizeof *r->hv);
    }
    held *h = &r->hv[r->nh++];
    h->e = *ev;
    memcpy(h->fig, fig, sizeof h->fig);
    h->sentence = r->nsent;
    sr_event *e = &h->e;
    e->source.code = keep(r, e->source.code); e->source.text = keep(r, e->source.text);
    e->target.code = keep(r, e->target.code); e->target.text = keep(r, e->target.text);
    e->root = keep(r, e->root);
    e->claimed_by = keep(r, e->claimed_by);
    e->date = keep(r, e->date);
    e->location.name = keep(r, e->location.name);
    e->location.country = keep(r, e->location.country);
    e->location.admin1 = keep(r, e->location.admin1);
    keep_figure(r, &e->fatalities); keep_figure(r, &e->injured); keep_figure(r, &e->arrested);
    keep_figure(r, &e->missing); keep_figure(r, &e->displaced);
    e->attribution = keep(r, e->attribution);
    e->attributed_to.speaker = keep(r, e->attributed_to.speaker);
    e->attributed_to.code = keep(r, e->attributed_to.code);
    e->attributed_to.on_behalf_of = keep(r, e->attributed_to.on_behalf_of);
    e->attributed_to.channel = keep(r, e->attributed_to.channel);
    e->time_utc = keep(r, e->time_utc);
}

static sr_fatalities *event_figure(sr_event *e, int kind)
{
    switch (kind) {
    case TOLL_KILLED: return &e->fatalities;
    case TOLL_INJURED: return &e->injured;
    case TOLL_ARRESTED: return &e->arrested;
    case TOLL_MISSING: return &e->missing;
    default: return &e->displaced;
    }
}

/* Two figures are of one event when they count the same thing (kind, running total or
 * not) between the same two parties (either way round) on the same day (or an undated
 * one): "Reuters said at least 55 ... AFP said at least 95". Two days' tolls are not. */
static bool same_event(const afig *a, const afig *b)
{
    if (a->kind != b->kind || a->f.cumulative != b->f.cumulative) return false;
    if (a->f.date && b->f.date && strcmp(a->f.date, b->f.date)) return false;
    /* the base in Merowe and the streets of Khartoum are two attacks */
    if (a->place[0] && b->place[0] && strcmp(a->place, b->place)) return false;
    bool same = !strcmp(a->dyad[0], b->dyad[0]) && !strcmp(a->dyad[1], b->dyad[1]);
    bool swapped = !strcmp(a->dyad[0], b->dyad[1]) && !strcmp(a->dyad[1], b->dyad[0]);
    return same || swapped;
}

/* Hands the held records to the caller in order, each figure with the low and high of the
 * figures of its event and, when there are several, the list of them. */
static void flush_held(article_run *r)
{
    for (size_t i = 0; i < r->nh && !r->stop; i++) {
        held *h = &r->hv[i];
        for (int k = 0; k < TOLL_KINDS; k++) {
            if (h->fig[k] < 0) continue;
            sr_fatalities *f = event_figure(&h->e, k);
            const afig *me = &r->fv[h->fig[k]];
            size_t n = 0;
            f->low = f->high = f->count;
            for (size_t g = 0; g < r->nf; g++) {
                if (!same_event(me, &r->fv[g])) continue;
                n++;
                if (r->fv[g].f.count < f->low) f->low = r->fv[g].f.count;
                if (r->fv[g].f.count > f->high) f->high = r->fv[g].f.count;
            }
            if (n < 2) continue;
            sr_figure *list = arena_alloc(&r->hold_arena, n * sizeof *list);
            size_t m = 0;
            for (size_t g = 0; g < r->nf; g++) if (same_event(me, &r->fv[g])) list[m++] = r->fv[g].f;
            f->figures = list;
            f->nfigures = m;
        }
        r->stop = r->fn(r->ctx, &h->e);
    }
    r->nh = 0;
    r->nf = 0;
    arena_reset(&r->hold_arena);
}

static void tok_text(const char *text, size_t a, size_t b, const tok *t, char *out, size_t cap)
{
    if (a >= b) { out[0] = 0; return; }
    size_t s = t[a].start, e = t[b - 1].end;
    if (e - s >= cap) e = s + cap - 1;
    memcpy(out, text + s, e - s);
    out[e - s] = 0;
}

/* Words as TABARI counts them for MINIMUM WORDS: runs of text between spaces that hold a
 * letter or digit ("Gondor's" is one) */
static size_t sentence_words(const char *text, const tok *t, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if ((t[i].flags & (TK_WORD | TK_NUM)) && (i == 0 || t[i].start > t[i - 1].end || !(t[i - 1].flags & (TK_WORD | TK_NUM)))) w++;
    (void)text;
    return w;
}

/* The words of a span of tokens for the COMMA option: word tokens, the possessive "'s" one
 * of its own */
static size_t span_words(const tok *t, size_t a, size_t b)
{
    size_t w = 0;
    for (size_t i = a; i < b; i++) w += !(t[i].flags & TK_PUNCT);
    return w;
}

/* TABARI's COMMA and PETRARCH-2's comma_* options: a stretch between two commas (or before
 * the first, or after the last) whose length in words is within the configured range is an
 * aside and is taken out, with the commas around it, before coding ("Arnor is about, to
 * restore ties with, Gondor"). Returns the kept tokens in out (n of them at most). */
static size_t drop_comma_clauses(const dict *d, const tok *t, size_t n, tok *out)
{
    size_t commas[64], nc = 0;
    for (size_t i = 0; i < n && nc < 64; i++)
        if ((t[i].flags & TK_PUNCT) && t[i].punct == ',') commas[nc++] = i;
    bool *drop = xcalloc(n, sizeof *drop);
    /* the last token (the full stop) is not a word of the end stretch */
    size_t last = n && (t[n - 1].flags & TK_PUNCT) ? n - 1 : n;
    for (size_t c = 0; c <= nc && nc; c++) {
        size_t a = c == 0 ? 0 : commas[c - 1] + 1, b = c == nc ? last : commas[c];
        size_t w = span_words(t, a, b), lo, hi;
        if (c == 0) { lo = d->comma.bmin; hi = d->comma.bmax; }
        else if (c == nc) { lo = d->comma.emin; hi = d->comma.emax; }
        else { lo = d->comma.min; hi = d->comma.max; }
        if (!hi || w < lo || w > hi) continue;
        /* a member of a list ("Mordor, the Hobbits, Fornost, and Bree", "with Mordor, Rohan,
         * Fornost and Bree after ...") is not an aside */
        if (c < nc && commas[c] + 1 < n && (dict_symflags(d, t[commas[c] + 1].sym) & SF_CONJ)) continue;
        if (c > 0 && (dict_symflags(d, t[a].sym) & SF_CONJ)) continue;
        if (c > 0 && a < n && (t[a].flags & TK_CAP) && (t[commas[c - 1] - 1].flags & TK_CAP)) continue;
        /* the stretch with the commas around it */
        size_t from = c == 0 ? 0 : commas[c - 1], to = c == nc ? b : commas[c] + 1;
        for (size_t i = from; i < to; i++) drop[i] = true;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) if (!drop[i]) out[k++] = t[i];
    free(drop);
    return k;
}

static void sentence_code(article_run *r, const char *text, const tok *t, size_t n, size_t s_start, size_t s_end,
                          size_t words);

static void sentence_cb(void *vctx, const char *text, const tok *t, size_t n)
{
    article_run *r = vctx;
    if (r->stop || !n) return;
    const dict *d = &r->e->d;
    if (d->compat && (d->comma.max || d->comma.bmax || d->comma.emax) && n <= 4096) {
        tok *kept = xmalloc(n * sizeof *kept);
        size_t k = drop_comma_clauses(d, t, n, kept);
        if (k) sentence_code(r, text, kept, k, t[0].start, t[n - 1].end, d->min_words ? sentence_words(text, t, n) : 0);
        else if (r->stats) r->stats->sentences++;
        free(kept);
        return;
    }
    sentence_code(r, text, t, n, t[0].start, t[n - 1].end, d->min_words ? sentence_words(text, t, n) : 0);
}

/* Codes the tokens t of one sentence, the span [s_start, s_end) of text, of `words` words
 * before any comma clause was taken out (counted only for MINIMUM WORDS). */
static void sentence_code(article_run *r, const char *text, const tok *t, size_t n, size_t s_start, size_t s_end,
                          size_t words)
{
    const dict *d = &r->e->d;
    bool caption = r->block_kind == BK_CAPTION;
    bool learn = !caption;
    if (r->stats) r->stats->sentences++;
    actor_ctx ac = { d, text, r->doc.pub, &r->amem, learn };
    mention m[ACT_MAX_MENTIONS];
    size_t nm = actors_find(&ac, t, n, m);
    if (r->amem.discard || r->amem.discard_story) return;
    if (d->min_words && words < d->min_words) return;
    attribution at[ATTR_MAX];
    size_t nat = attrib_find(d, text, t, n, m, nm, at);
    place pl;
    bool have_place = where_find(&r->e->where, d, text, t, n, m, nm, &r->wmem, learn, &pl);
    /* a sector word alone ("Police arrested ...") takes the country of the sentence's place,
     * else of the story's (its dateline, or the place it is about) */
    const char *place_country = have_place ? pl.country : r->wmem.have_context && r->wmem.context.country[0] ? r->wmem.context.country : NULL;
    code_input ci = { d, text, t, n, m, nm, at, nat, &r->cmem, &r->amem, place_country, learn, r->present,
                      !have_place && place_country };
    cevent ev[CODE_MAX_EVENTS];
    size_t ne = code_sentence(&ci, ev);
    /* dates of the sentence */
    bool future = false;
    for (size_t i = 0; i < ne; i++) if (ev[i].fact == FACT_PLANNED) future = true;
    when_hit wh[16];
    size_t nw = when_find(d, text, t, n, r->doc.pub, future, wh, 16);
    bool only_background = nw > 0;
    for (size_t i = 0; i < nw; i++) if (!wh[i].background) only_background = false;
    int utc_min = -1, utc_shift = 0;
    bool have_time = when_time(text, t, n, &utc_min, &utc_shift);
    r->nsent++;
    /* a sentence that codes nothing but gives a zoned clock time times the events of the
     * sentence before, of the same mood: "The meeting will be held at 5:00 p.m. (2100 GMT)"
     * after "The council will hold talks Tuesday" */
    if (!ne && have_time && !caption) {
        bool plan = false;
        for (size_t i = 0; i < n && !plan; i++) plan = dict_symflags(d, t[i].sym) & SF_MODAL_PLAN;
        for (size_t i = r->nh; i-- > 0 && r->hv[i].sentence + 1 == r->nsent;) {
            sr_event *he = &r->hv[i].e;
            if (he->time_utc || !he->date || !he->date_precision || strcmp(he->date_precision, "day")) continue;
            if (plan != !strcmp(he->factuality, "planned")) continue;
            int32_t dd;
            char iso[32], day[11];
            if (!when_parse_iso(he->date, &dd)) continue;
            when_format(dd + utc_shift, day);
            snprintf(iso, sizeof iso, "%sT%02d:%02d:00Z", day, utc_min / 60, utc_min % 60);
            he->time_utc = arena_strdup(&r->hold_arena, iso);
        }
    }
    toll tl[COUNT_MAX];
    size_t ntl = count_find(d, text, t, n, tl);
    int tl_fig[COUNT_MAX];
    for (size_t q = 0; q < COUNT_MAX; q++) tl_fig[q] = -1;
    int ctx_event = -1;        /* the event whose date the narrative runs on */
    /* the ordinal-day phrase is looked for only where it can matter: no date of its own */
    int nth = ne && !nw && r->start_date != WHEN_NONE ? when_nth_day(text, t, n) : 0;
    for (size_t i = 0; i < ne && !r->stop; i++) {
        cevent *c = &ev[i];
        const dict_cameo *cc = &d->cameo[c->cameo];
        sr_event e;
        memset(&e, 0, sizeof e);
        e.doc = r->a->id ? r->a->id : "-";
        e.seq = ++r->seq;
        e.sentence = text + s_start;
        e.sentence_len = s_end - s_start;
        e.start = s_start; e.end = s_end;
        e.published = r->published[0] ? r->published : NULL;
        char stext[256], ttext[256];
        tok_text(text, c->sa, c->sb, t, stext, sizeof stext);
        tok_text(text, c->ta, c->tb, t, ttext, sizeof ttext);
        e.source.code = c->src;
        e.source.text = c->from_context ? NULL : (stext[0] ? stext : NULL);
        e.target.code = c->tgt[0] ? c->tgt : NULL;
        e.target.text = c->tgt[0] && ttext[0] && !c->from_context ? ttext : NULL;
        e.cameo = cc->code;
        char root[3] = { cc->code[0], cc->code[1], 0 };
        e.root = root;
        e.plover = cc->plover[0] ? cc->plover : NULL;
        e.goldstein = cc->goldstein;
        e.quad = cc->quad;
        e.factuality = CODE_FACT_NAMES[c->fact];
        e.claimed_by = c->claimed_by[0] ? c->claimed_by : NULL;
        /* one side's word against another's: "Armenia said Azerbaijani forces shelled
         * Stepanakert" is Armenia's claim even with no target named (the coder marks a
         * claim when the speaker is the source's or target's country) */
        if (c->fact == FACT_ASSERTED && c->attr >= 0 && cc->quad == 4 && !c->from_context) {
            const attribution *a = &at[c->attr];
            const mention *sp = a->speaker >= 0 ? &m[a->speaker] : NULL;
            if (sp && !sp->media && !sp->no_country && state_code(sp->code) && state_code(c->src) &&
                !actors_same_country(sp->code, c->src)) {
                e.factuality = CODE_FACT_NAMES[FACT_CLAIMED];
                e.claimed_by = sp->code;
            }
        }
        /* the event's date: of the sentence's time expressions, the one nearest its verb
         * ("hearings were held Tuesday for journalists detained on February 27": the
         * detention is February 27) */
        int best = -1;
        size_t best_dist = SIZE_MAX;
        for (size_t w = 0; w < nw; w++) {
            if (wh[w].days == WHEN_NONE) continue;
            size_t dist = wh[w].tok_start > c->anchor ? wh[w].tok_start - c->anchor
                        : c->anchor >= wh[w].tok_end ? c->anchor - wh[w].tok_end + 1 : 0;
            if (dist < best_dist) { best_dist = dist; best = (int)w; }
        }
        char date[11];
        if (best >= 0) {
            when_format(wh[best].days, date);
            e.date = date;
            e.date_basis = WHEN_BASIS[wh[best].basis];
            e.date_precision = WHEN_PRECISION[wh[best].precision];
            /* "have disputed the region since 1988", "fighting has raged since the weekend":
             * the date is where the span starts, and the record says it is background */
            e.background = wh[best].background;
            if (ctx_event < 0 && wh[best].precision == WP_DAY && !wh[best].background && c->fact != FACT_PLANNED) ctx_event = best;
        } else if (only_background) {
            e.background = true;
        } else if (nth > 1 && r->start_date != WHEN_NONE && !caption && c->fact != FACT_PLANNED) {
            /* "a second day of heavy clashes" after fighting that began on Sunday: Monday */
            when_format(r->start_date + nth - 1, date);
            e.date = date;
            e.date_basis = WHEN_BASIS[WB_CONTEXT];
            e.date_precision = WHEN_PRECISION[WP_DAY];
        } else if (r->ctx_date != WHEN_NONE && !caption && c->fact != FACT_PLANNED) {
            when_format(r->ctx_date, date);
            e.date = date;
            e.date_basis = WHEN_BASIS[WB_CONTEXT];
            e.date_precision = WHEN_PRECISION[WP_DAY];   /* the running date is always a day */
        } else if (r->doc.pub != WHEN_NONE && !caption && c->fact != FACT_PLANNED) {
            /* nothing in the text dates it: the story's own date, and the basis says so */
            when_format(r->doc.pub, date);
            e.date = date;
            e.date_basis = WHEN_BASIS[WB_PUBLICATION];
            e.date_precision = WHEN_PRECISION[WP_DAY];
        }
        char utc[32];
        if (have_time && e.date && !strcmp(e.date_precision, "day")) {
            int32_t dd;
            char day[11];
            if (when_parse_iso(e.date, &dd)) {
                when_format(dd + utc_shift, day);
                snprintf(utc, sizeof utc, "%sT%02d:%02d:00Z", day, utc_min / 60, utc_min % 60);
                e.time_utc = utc;
            }
        }
        /* the sentence's place, else the article's (dateline, or the place it is about) */
        const place *where = have_place ? &pl : r->wmem.have_context ? &r->wmem.context : NULL;
        if (where) {
            e.location.name = where->name;
            e.location.country = where->country[0] ? where->country : NULL;
            e.location.admin1 = where->admin1[0] ? where->admin1 : NULL;
            e.location.lat = where->lat;
            e.location.lon = where->lon;
            e.location.geonames_id = where->geonames_id;
            e.location.precision = GAZETTEER_KIND_NAMES[where->precision];
            e.location.basis = WHERE_BASIS_NAMES[where->basis];
        }
        int root_n = isdigit((unsigned char)cc->code[0]) && isdigit((unsigned char)cc->code[1]) ? (cc->code[0] - '0') * 10 + (cc->code[1] - '0') : 0;
        char reporter[128] = "", speaker[128] = "", behalf[128] = "";
        if (c->attr >= 0) {
            const attribution *a = &at[c->attr];
            tok_text(text, a->sa, a->sb, t, speaker, sizeof speaker);
            if (a->channel >= 0 && m[a->channel].label) snprintf(reporter, sizeof reporter, "%s", m[a->channel].label);
            else snprintf(reporter, sizeof reporter, "%s", speaker);
            e.attribution = reporter[0] ? reporter : NULL;
            e.attributed_to.speaker = speaker[0] ? speaker : NULL;
            /* a sector word alone ("diplomats": GOV) names no one in particular */
            if (a->speaker >= 0 && m[a->speaker].code[0] && !m[a->speaker].no_country) e.attributed_to.code = m[a->speaker].code;
            if (a->principal >= 0) {
                tok_text(text, m[a->principal].a, m[a->principal].b, t, behalf, sizeof behalf);
                e.attributed_to.on_behalf_of = behalf[0] ? behalf : NULL;
                if (m[a->principal].code[0] && !m[a->principal].no_country) e.attributed_to.code = m[a->principal].code;
            }
            if (a->channel >= 0 && m[a->channel].label) e.attributed_to.channel = m[a->channel].label;
            /* "the statement said": for a statement, appeal or the like (roots 01-13), the
             * statement of the one who makes it, else of whoever spoke last */
            if (!e.attributed_to.code && a->document) {
                if (root_n >= 1 && root_n <= 13 && !c->from_context) e.attributed_to.code = c->src;
                else if (r->last_attr_code[0]) e.attributed_to.code = r->last_attr_code;
            }
            if (e.attributed_to.code && !a->document) snprintf(r->last_attr_code, sizeof r->last_attr_code, "%s", e.attributed_to.code);
        }
        /* the sentence's figures go to its events of force (killed, injured, missing,
         * displaced) and of coercion too (arrested): of each kind, the figure nearest the
         * event's verb */
        sr_fatalities *kinds[TOLL_KINDS] = { &e.fatalities, &e.injured, &e.arrested, &e.missing, &e.displaced };
        int fig[TOLL_KINDS];
        for (int k = 0; k < TOLL_KINDS; k++) { kinds[k]->count = kinds[k]->civilians = -1; fig[k] = -1; }
        size_t fig_dist[TOLL_KINDS];
        for (size_t q = 0; q < ntl; q++) {
            int k = tl[q].kind;
            bool fits = k == TOLL_ARRESTED ? root_n >= 17 : root_n >= 18;
            if (!fits) continue;
            size_t dist = tl[q].a > c->anchor ? tl[q].a - c->anchor : c->anchor >= tl[q].b ? c->anchor - tl[q].b + 1 : 0;
            if (fig[k] >= 0 && dist >= fig_dist[k]) continue;
            sr_fatalities *f = kinds[k];
            f->count = tl[q].count;
            f->qualifier = tl[q].qualifier;
            f->victims = tl[q].victims[0] ? tl[q].victims : NULL;
            f->civilians = tl[q].civilians;
            f->reported_by = reporter[0] ? reporter : NULL;
            f->cumulative = tl[q].cumulative;
            f->low = f->high = f->count;
            fig_dist[k] = dist;
            fig[k] = (int)q;
        }
        /* register the figures with the article, once each */
        for (int k = 0; k < TOLL_KINDS; k++) {
            if (fig[k] < 0) continue;
            size_t q = (size_t)fig[k];
            if (tl_fig[q] < 0) {
                if (r->nf == r->capf) { r->capf = r->capf ? r->capf * 2 : 32; r->fv = xrealloc(r->fv, r->capf * sizeof *r->fv); }
                afig *g = &r->fv[r->nf];
                g->kind = k;
                g->f.count = tl[q].count;
                g->f.qualifier = tl[q].qualifier;
                g->f.reported_by = keep(r, kinds[k]->reported_by);
                g->f.date = keep(r, e.date);
                g->f.cumulative = tl[q].cumulative;
                g->f.start = s_start;
                snprintf(g->dyad[0], sizeof g->dyad[0], "%.3s", e.source.code ? e.source.code : "");
                snprintf(g->dyad[1], sizeof g->dyad[1], "%.3s", e.target.code ? e.target.code : "");
                snprintf(g->place, sizeof g->place, "%s", have_place ? pl.name : "");
                tl_fig[q] = (int)r->nf++;
            }
            fig[k] = tl_fig[q];
        }
        e.section = DOC_BLOCK_NAMES[r->block_kind];
        e.outlet = r->doc.outlet[0] ? r->doc.outlet : NULL;
        e.credits = r->credits;
        e.ncredits = r->ncredits;
        if (r->stats) r->stats->events++;
        hold_event(r, &e, fig);
    }
    /* the narrative's running date: the day of the first dated asserted event in the body */
    /* a date long before the story ("on Sept. 28, 2020" in a 2021 story) tells of history:
     * it does not become the running date of the news */
    if (ctx_event >= 0 && r->doc.pub != WHEN_NONE && wh[ctx_event].days < r->doc.pub - 31) ctx_event = -1;
    if (learn && ctx_event >= 0) {
        r->ctx_date = wh[ctx_event].days;
        if (when_tells_start(text, t, n)) r->start_date = wh[ctx_event].days;
    }
    /* bounded memory: a very long article is handed over in windows */
    if (r->nh >= HOLD_MAX) flush_held(r);
}

int sr_code_article(const sr_engine *e, const sr_article *a, sr_event_fn fn, void *ctx,
                    sr_stats *stats, sr_error *err)
{
    article_run r;
    memset(&r, 0, sizeof r);
    r.e = e; r.a = a; r.fn = fn; r.ctx = ctx; r.stats = stats;
    r.ctx_date = r.start_date = WHEN_NONE;
    if (a->len > UINT32_MAX) {
        if (err) { err->code = SR_EINPUT; err->offset = -1; snprintf(err->message, sizeof err->message, "input larger than 4 GiB"); }
        return SR_EINPUT;
    }
    int rc = doc_parse(&r.doc, a, err);
    if (rc) return rc;
    arena_init(&r.hold_arena);
    if (r.doc.pub != WHEN_NONE) when_format(r.doc.pub, r.published);
    if (stats) {
        stats->invalid_bytes += utf8_count_invalid(a->text, a->len);
        stats->captions_skipped += r.doc.captions_skipped;
    }
    /* credits are read with the structure (the credit line ends the story), so every record
     * can carry them */
    for (int c = 0; c < r.doc.ncredits; c++) r.credits[r.ncredits++] = r.doc.credits[c];
    bool listed = false;
    for (size_t c = 0; c < r.ncredits; c++) if (!strcmp(r.credits[c], r.doc.caption_credit)) listed = true;
    if (r.doc.caption_credit[0] && !listed) r.credits[r.ncredits++] = r.doc.caption_credit;
    for (size_t b = 0; b < r.doc.blocks.n; b++)
        if (r.doc.blocks.v[b].kind == BK_BODY) { where_dateline(&e->where, a->text, r.doc.blocks.v[b].start, &r.wmem); break; }
    r.present = xcalloc(code_present_words(&e->d), sizeof *r.present);
    for (size_t b = 0; b < r.doc.blocks.n && !r.stop; b++) {
        r.block_kind = r.doc.blocks.v[b].kind;
        text_split(&e->d.st, a->text, r.doc.blocks.v[b].start, r.doc.blocks.v[b].end, sentence_cb, &r);
    }
    free(r.present);
    if (!r.stop) flush_held(&r);
    arena_free(&r.hold_arena);
    free(r.hv);
    free(r.fv);
    doc_free(&r.doc);
    return r.stop;
}

