/* dict: loading and indexing the dictionaries (see dict.h and docs/DICTIONARIES.md).
 *
 * Load order matters in one way only: data/irregular.txt before data/verbs.txt, since a
 * `lemma+` element is expanded into its inflections as the pattern is read. Every phrase
 * and pattern word is interned into d->st; dict_finish then sizes the per-symbol arrays
 * (phrase heads, pattern heads, word-class flags) to the final number of symbols. */
#include "dict.h"
#include "util.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <sys/mman.h>

static int fail(sr_error *err, int code, const char *path, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int fail(sr_error *err, int code, const char *path, int line, const char *fmt, ...)
{
    if (err) {
        char what[400];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(what, sizeof what, fmt, ap);
        va_end(ap);
        err->code = code;
        err->offset = -1;
        if (line > 0) snprintf(err->message, sizeof err->message, "%s:%d: %s", path, line, what);
        else snprintf(err->message, sizeof err->message, "%s: %s", path, what);
    }
    return code;
}

int32_t dict_days(int y, int m, int d)
{
    /* days from civil, proleptic Gregorian (H. Hinnant's algorithm) */
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void dict_civil(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yy + (*m <= 2);
}

/* ---- reading lines ---- */

typedef struct linereader {
    FILE *f;
    char *line;
    size_t cap;
    int lineno;
} linereader;

/* Returns the next line with comment and surrounding space removed (possibly empty), or
 * NULL at end of file. */
static char *next_line(linereader *r)
{
    ssize_t k = getline(&r->line, &r->cap, r->f);
    if (k < 0) return NULL;
    r->lineno++;
    char *s = r->line;
    char *hash = strchr(s, '#');
    if (hash) *hash = 0;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
    while (*s && isspace((unsigned char)*s)) s++;
    return s;
}

static int open_reader(linereader *r, const char *path, sr_error *err)
{
    memset(r, 0, sizeof *r);
    r->f = fopen(path, "r");
    if (!r->f) return fail(err, SR_EIO, path, 0, "cannot open: %s", strerror(errno));
    return 0;
}

static void close_reader(linereader *r) { if (r->f) fclose(r->f); free(r->line); }

/* Splits off the next whitespace-delimited field. */
static char *field(char **s)
{
    char *p = *s;
    while (*p && isspace((unsigned char)*p)) p++;
    if (!*p) return NULL;
    char *start = p;
    while (*p && !isspace((unsigned char)*p)) p++;
    if (*p) *p++ = 0;
    *s = p;
    return start;
}

static char *trim(char *s)
{
    while (*s && isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
    return s;
}

/* ---- symbols ---- */

static int32_t intern_word(dict *d, const char *w)
{
    char norm[128];
    size_t k = text_normalise(w, strlen(w), norm, sizeof norm);
    if (!k) return -1;
    return strtab_intern(&d->st, norm, k);
}

int32_t dict_intern(dict *d, const char *word) { return intern_word(d, word); }

int32_t dict_sym(const dict *d, const char *word)
{
    char norm[128];
    size_t k = text_normalise(word, strlen(word), norm, sizeof norm);
    return k ? strtab_find(&d->st, norm, k) : -1;
}

/* Tokenises a phrase with the input tokeniser and interns each token. Tokens are found
 * with a throwaway lookup table, so intern the normalised text directly. */
static size_t phrase_syms(dict *d, const char *phrase, int32_t *out, char **exact, size_t max)
{
    tok *t;
    size_t n = text_tokenize(&d->st, phrase, strlen(phrase), &t);
    if (n > max) { free(t); return 0; }
    for (size_t i = 0; i < n; i++) {
        size_t len = t[i].end - t[i].start;
        const char *raw = phrase + t[i].start;
        char norm[128];
        size_t k = (t[i].flags & TK_PUNCT) ? (norm[0] = t[i].punct, norm[1] = 0, 1)
                                           : text_normalise(raw, len, norm, sizeof norm);
        if (!k) { free(t); return 0; }
        out[i] = strtab_intern(&d->st, norm, k);
        exact[i] = NULL;
        /* an acronym of at most four capitals matches only as written */
        bool acr = len >= 2 && len <= 4;
        for (size_t j = 0; acr && j < len; j++) if (!(raw[j] >= 'A' && raw[j] <= 'Z')) acr = false;
        if (acr) exact[i] = strndup(raw, len);
    }
    free(t);
    return n;
}

/* ---- actors ---- */

/* kinds a dictionary line may name; AK_DISCARD comes only from compat files */
static const char *const KIND_NAMES[AK_COUNT] = {
    "name", "adj", "people", "capital", "igo", "group", "leader", "agent", "media", NULL
};

static bool valid_code(const char *c, actor_kind k)
{
    size_t n = strlen(c);
    if (n == 0 || n >= sizeof ((dict_actor *)0)->code) return false;
    if (k == AK_MEDIA) {
        for (size_t i = 0; i < n; i++) if (!isupper((unsigned char)c[i]) && !isdigit((unsigned char)c[i])) return false;
        return true;
    }
    if (n % 3) return false;
    for (size_t i = 0; i < n; i++) if (!isupper((unsigned char)c[i])) return false;
    return true;
}

static bool parse_date(const char *s, size_t n, int32_t *out)
{
    int y, m, d;
    char tail;
    if (n != 10) return false;
    char tmp[11];
    memcpy(tmp, s, 10); tmp[10] = 0;
    if (sscanf(tmp, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    if (m < 1 || m > 12 || d < 1 || d > 31) return false;
    *out = dict_days(y, m, d);
    return true;
}

static void add_phrase(dict *d, int32_t *syms, char **exact, size_t n, int32_t actor)
{
    if (d->nphrases == d->cap_phrases) {
        d->cap_phrases = d->cap_phrases ? d->cap_phrases * 2 : 1024;
        d->phrases = xrealloc(d->phrases, d->cap_phrases * sizeof *d->phrases);
    }
    dict_phrase *p = &d->phrases[d->nphrases++];
    p->n = (uint8_t)n;
    p->sym = arena_alloc(&d->mem, n * sizeof *p->sym);
    memcpy(p->sym, syms, n * sizeof *syms);
    p->exact = arena_alloc(&d->mem, n * sizeof *p->exact);
    memcpy(p->exact, exact, n * sizeof *exact);
    p->actor = actor;
    p->next = -1;
    p->word = NULL;
    p->stem = NULL;
}

int dict_load_actor_file(dict *d, const char *path, sr_error *err)
{
    linereader r;
    int rc = open_reader(&r, path, err);
    if (rc) return rc;
    char *s;
    while ((s = next_line(&r))) {
        if (!*s) continue;
        char *code = field(&s), *kind = field(&s);
        if (!kind) { rc = fail(err, SR_EDICT, path, r.lineno, "expected CODE KIND PHRASE [| PHRASE]..."); break; }
        int k = -1;
        for (int i = 0; i < AK_COUNT; i++) if (KIND_NAMES[i] && strcmp(kind, KIND_NAMES[i]) == 0) k = i;
        if (k < 0) {
            rc = fail(err, SR_EDICT, path, r.lineno,
                      "unknown kind '%s' (expected name, adj, people, capital, igo, group, leader, agent or media)", kind);
            break;
        }
        if (!valid_code(code, (actor_kind)k)) {
            rc = fail(err, SR_EDICT, path, r.lineno,
                      k == AK_MEDIA ? "bad media id '%s' (expected upper-case letters and digits)"
                                    : "bad actor code '%s' (expected upper-case letters in groups of three)", code);
            break;
        }
        int32_t from = INT32_MIN, to = INT32_MAX;
        char *rest = trim(s);
        char *dots;
        if (k == AK_LEADER) {
            char *range = field(&rest);
            dots = range ? strstr(range, "..") : NULL;
            if (!dots) { rc = fail(err, SR_EDICT, path, r.lineno, "leader line needs a date range FROM..TO before its phrases"); break; }
            size_t fl = (size_t)(dots - range), tl = strlen(dots + 2);
            if ((fl && !parse_date(range, fl, &from)) || (tl && !parse_date(dots + 2, tl, &to))) {
                rc = fail(err, SR_EDICT, path, r.lineno, "bad date range '%s' (expected YYYY-MM-DD..YYYY-MM-DD, either end may be empty)", range);
                break;
            }
            if (from > to) { rc = fail(err, SR_EDICT, path, r.lineno, "date range '%s' ends before it starts", range); break; }
        }
        if (!*rest) { rc = fail(err, SR_EDICT, path, r.lineno, "no phrase after the kind"); break; }
        /* the label (the first phrase) is set once that phrase is read */
        int32_t ai = dict_add_actor(d, code, (actor_kind)k, from, to, "");
        bool first = true;
        for (char *ph = rest, *bar; ph; ph = bar) {
            bar = strchr(ph, '|');
            if (bar) *bar++ = 0;
            char *p = trim(ph);
            if (!*p) { rc = fail(err, SR_EDICT, path, r.lineno, "empty phrase (check for a doubled or trailing '|')"); break; }
            int32_t syms[32];
            char *exact[32];
            size_t n = phrase_syms(d, p, syms, exact, 32);
            if (!n) { rc = fail(err, SR_EDICT, path, r.lineno, "phrase '%s' has no words or is longer than 32 words", p); break; }
            add_phrase(d, syms, exact, n, ai);
            if (first) d->actors[ai].label = arena_strdup(&d->mem, p);
            first = false;
        }
        if (rc) break;
    }
    close_reader(&r);
    return rc;
}

int32_t dict_add_actor(dict *d, const char *code, actor_kind kind, int32_t from, int32_t to, const char *label)
{
    if (d->nactors == d->cap_actors) {
        d->cap_actors = d->cap_actors ? d->cap_actors * 2 : 512;
        d->actors = xrealloc(d->actors, d->cap_actors * sizeof *d->actors);
    }
    int32_t ai = (int32_t)d->nactors++;
    dict_actor *a = &d->actors[ai];
    memset(a, 0, sizeof *a);
    str_copy(a->code, sizeof a->code, code, strlen(code));
    a->kind = kind;
    a->from = from;
    a->to = to;
    a->label = arena_strdup(&d->mem, label);
    return ai;
}

void dict_add_stem_phrase(dict *d, char **words, const uint8_t *stem, size_t n, int32_t actor)
{
    int32_t syms[32];
    char *exact[32];
    if (n == 0 || n > 32) return;
    for (size_t k = 0; k < n; k++) { syms[k] = -1; exact[k] = NULL; }
    add_phrase(d, syms, exact, n, actor);
    dict_phrase *p = &d->phrases[d->nphrases - 1];
    p->word = arena_alloc(&d->mem, n * sizeof *p->word);
    p->stem = arena_alloc(&d->mem, n);
    for (size_t k = 0; k < n; k++) { p->word[k] = arena_strdup(&d->mem, words[k]); p->stem[k] = stem[k]; }
}

static uint32_t stem_key(const char *w, size_t len)
{
    return (uint32_t)(hash_bytes(w, len) % STEM_BUCKETS);
}

/* The hash of two words (ckeys keys) */
static uint32_t pair_hash(const char *w0, const char *w1)
{
    return (uint32_t)(hash_bytes(w0, strlen(w0)) * 1000003u ^ hash_bytes(w1, strlen(w1)));
}

bool dict_actor_valid(const dict_actor *a, int32_t date)
{
    if (a->kind != AK_LEADER) return true;
    if (date == INT32_MIN) return a->to == INT32_MAX;   /* undated: current office holders */
    return date >= a->from && date <= a->to;
}

/* Whether phrase ph matches the words from i on; its first word is known to match. */
static bool stem_phrase_at(const dict_phrase *ph, char *const *norm, size_t n, size_t i)
{
    if (ph->n > n - i) return false;
    for (size_t k = 1; k < ph->n; k++) {
        const char *w = norm[i + k];
        if (!w) return false;
        if (ph->stem[k] ? strncmp(w, ph->word[k], strlen(ph->word[k])) != 0 : strcmp(w, ph->word[k]) != 0) return false;
    }
    return true;
}

int32_t dict_match_stem(const dict *d, char *const *norm, size_t n, size_t i, int32_t date, size_t *len)
{
    *len = 0;
    if ((!d->stem_bucket && !d->ckeys) || !norm[i]) return -1;
    size_t wl = strlen(norm[i]);
    int32_t best = -1;
    /* phrases whose first word is exact (most of a production dictionary) are in one open-
     * addressing table keyed by their first two words (or the first alone, for one-word
     * phrases and a stem second word): a probe reads keys, not phrases */
    uint32_t keys[2] = { (uint32_t)hash_bytes(norm[i], wl), 0 };
    int nkeys = 1;
    if (i + 1 < n && norm[i + 1]) keys[nkeys++] = pair_hash(norm[i], norm[i + 1]);
    for (int k = 0; k < nkeys && d->ckeys; k++)
        for (size_t x = keys[k] & d->cmask; d->ckeys[x].p >= 0; x = (x + 1) & d->cmask) {
            if (d->ckeys[x].key != keys[k]) continue;
            const dict_phrase *ph = &d->phrases[d->ckeys[x].p];
            if (ph->n <= *len || strcmp(ph->word[0], norm[i]) != 0 || !stem_phrase_at(ph, norm, n, i)) continue;
            if (!dict_actor_valid(&d->actors[ph->actor], date)) continue;
            best = d->ckeys[x].p;
            *len = ph->n;
        }
    /* phrases whose first word is a stem are filed under its first (up to) three letters,
     * so a token is looked up under its first one, two and three letters */
    for (size_t l = 1; d->stem_first && l <= 3 && l <= wl; l++) {
        for (int32_t p = d->stem_bucket[stem_key(norm[i], l)]; p >= 0; p = d->phrases[p].next) {
            const dict_phrase *ph = &d->phrases[p];
            if (ph->n <= *len) continue;
            size_t w0 = strlen(ph->word[0]);
            if ((w0 < 3 ? w0 : 3) != l || strncmp(norm[i], ph->word[0], w0) != 0 || !stem_phrase_at(ph, norm, n, i)) continue;
            if (!dict_actor_valid(&d->actors[ph->actor], date)) continue;
            best = p;
            *len = ph->n;
        }
    }
    return best;
}

dict_pattern *dict_new_pattern(dict *d)
{
    if (d->npats == d->cap_pats) {
        d->cap_pats = d->cap_pats ? d->cap_pats * 2 : 512;
        d->pats = xrealloc(d->pats, d->cap_pats * sizeof *d->pats);
    }
    dict_pattern *p = &d->pats[d->npats++];
    memset(p, 0, sizeof *p);
    p->cameo_back = -1;
    return p;
}

static uint32_t code_hash(const char *code)
{
    uint32_t h = 2166136261u;
    for (const char *p = code; *p; p++) h = (h ^ (uint8_t)*p) * 16777619u;
    return h;
}

/* The code table's index: open addressing over CODE_SLOTS slots (codes number hundreds) */
enum { CODE_SLOTS = 4096 };

static int32_t *code_slot(dict *d, const char *code)
{
    if (!d->code_slots) {
        d->code_slots = xmalloc(CODE_SLOTS * sizeof *d->code_slots);
        for (size_t i = 0; i < CODE_SLOTS; i++) d->code_slots[i] = -1;
        for (size_t i = 0; i < d->ncameo; i++) *code_slot(d, d->cameo[i].code) = (int32_t)i;
    }
    for (uint32_t h = code_hash(code) & (CODE_SLOTS - 1);; h = (h + 1) & (CODE_SLOTS - 1))
        if (d->code_slots[h] < 0 || !strcmp(d->cameo[d->code_slots[h]].code, code)) return &d->code_slots[h];
}

int dict_code_index(dict *d, const char *code)
{
    int32_t *slot = d->ncameo < CODE_SLOTS / 2 ? code_slot(d, code) : NULL;
    if (slot && *slot >= 0) return *slot;
    if (!slot) for (size_t i = 0; i < d->ncameo; i++) if (strcmp(d->cameo[i].code, code) == 0) return (int)i;
    size_t n = strlen(code);
    if (!d->compat || n == 0 || n >= sizeof d->cameo[0].code) return -1;
    d->cameo = xrealloc(d->cameo, (d->ncameo + 1) * sizeof *d->cameo);
    dict_cameo *c = &d->cameo[d->ncameo];
    memset(c, 0, sizeof *c);
    snprintf(c->code, sizeof c->code, "%s", code);
    /* a code outside CAMEO: the quad class of its root when the root is a CAMEO root */
    int root = (n >= 2 && isdigit((unsigned char)code[0]) && isdigit((unsigned char)code[1])) ? (code[0] - '0') * 10 + (code[1] - '0') : 0;
    c->quad = root >= 1 && root <= 20 ? (root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4) : 0;
    if (slot) *slot = (int32_t)d->ncameo;
    return (int)d->ncameo++;
}

/* ---- CAMEO table ---- */

int dict_load_cameo(dict *d, const char *path, sr_error *err)
{
    linereader r;
    int rc = open_reader(&r, path, err);
    if (rc) return rc;
    size_t cap = 0;
    char *s;
    while ((s = next_line(&r))) {
        if (!*s) continue;
        char *save = NULL;
        char *code = strtok_r(s, "\t", &save), *g = strtok_r(NULL, "\t", &save),
             *q = strtok_r(NULL, "\t", &save), *p = strtok_r(NULL, "\t", &save);
        char *end = NULL;
        double gv = g ? strtod(g, &end) : 0;
        size_t cl = code ? strlen(code) : 0;
        bool ok = code && g && q && p && end && *end == 0 && cl >= 2 && cl <= 4 &&
                  strspn(code, "0123456789") == cl && q[0] >= '1' && q[0] <= '4' && !q[1];
        if (!ok) { rc = fail(err, SR_EDICT, path, r.lineno, "expected CODE<TAB>GOLDSTEIN<TAB>QUAD(1-4)<TAB>PLOVER<TAB>NAME"); break; }
        if (d->ncameo == cap) {
            cap = cap ? cap * 2 : 512;
            d->cameo = xrealloc(d->cameo, cap * sizeof *d->cameo);
        }
        dict_cameo *c = &d->cameo[d->ncameo++];
        memset(c, 0, sizeof *c);
        snprintf(c->code, sizeof c->code, "%s", code);
        c->goldstein = gv;
        c->quad = q[0] - '0';
        if (strcmp(p, "-") != 0) snprintf(c->plover, sizeof c->plover, "%s", p);
    }
    close_reader(&r);
    free(d->code_slots);   /* rebuilt at the next lookup */
    d->code_slots = NULL;
    return rc;
}

const dict_cameo *dict_find_cameo(const dict *d, const char *code)
{
    for (size_t i = 0; i < d->ncameo; i++) if (strcmp(d->cameo[i].code, code) == 0) return &d->cameo[i];
    return NULL;
}

/* ---- morphology ---- */

int dict_load_irregular(dict *d, const char *path, sr_error *err)
{
    linereader r;
    int rc = open_reader(&r, path, err);
    if (rc) return rc;
    char *s;
    while ((s = next_line(&r))) {
        if (!*s) continue;
        char *lemma = field(&s), *past = field(&s), *pp = field(&s), *third = field(&s);
        if (!pp || field(&s)) { rc = fail(err, SR_EDICT, path, r.lineno, "expected LEMMA PAST PARTICIPLE [THIRD-PERSON]"); break; }
        if (d->nirr == d->cap_irr) {
            d->cap_irr = d->cap_irr ? d->cap_irr * 2 : 256;
            d->irr = xrealloc(d->irr, d->cap_irr * sizeof *d->irr);
        }
        char forms[256];
        snprintf(forms, sizeof forms, "%s %s %s", past, pp, third ? third : "");
        d->irr[d->nirr].lemma = intern_word(d, lemma);
        d->irr[d->nirr].forms = xstrdup(forms);
        d->nirr++;
    }
    close_reader(&r);
    return rc;
}

static bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* Regular inflections of a lemma: 3rd person, past, -ing. Irregular past/participle forms
 * from data/irregular.txt replace the -ed form. */
size_t dict_inflect(dict *d, const char *lemma, int32_t *out, bool *pp_flags)
{
    size_t n = strlen(lemma), k = 0;
    char w[128];
    if (n == 0 || n > 100) return 0;
    out[k] = intern_word(d, lemma); pp_flags[k++] = false;
    char last = lemma[n - 1], prev = n > 1 ? lemma[n - 2] : 0;
    /* third person */
    if (last == 'y' && !is_vowel(prev)) snprintf(w, sizeof w, "%.*sies", (int)(n - 1), lemma);
    else if (last == 's' || last == 'x' || last == 'z' || last == 'o' ||
             (last == 'h' && (prev == 'c' || prev == 's'))) snprintf(w, sizeof w, "%ses", lemma);
    else snprintf(w, sizeof w, "%ss", lemma);
    int32_t third = intern_word(d, w);
    /* doubling: one vowel group, ending consonant-vowel-consonant */
    int groups = 0;
    for (size_t i = 0; i < n; i++) if (is_vowel(lemma[i]) && (i == 0 || !is_vowel(lemma[i - 1]))) groups++;
    bool dbl = groups == 1 && n >= 3 && !is_vowel(last) && is_vowel(prev) && !is_vowel(lemma[n - 3]) &&
               last != 'w' && last != 'x' && last != 'y';
    int32_t irr = intern_word(d, lemma);
    const char *forms = NULL;
    for (size_t i = 0; i < d->nirr; i++) if (d->irr[i].lemma == irr) forms = d->irr[i].forms;
    if (forms) {
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%s", forms);
        char *save = NULL;
        int idx = 0;
        for (char *f = strtok_r(tmp, " ", &save); f; f = strtok_r(NULL, " ", &save), idx++) {
            int32_t s = intern_word(d, f);
            if (idx == 2) third = s;
            else { out[k] = s; pp_flags[k++] = idx == 1; }
            /* a past that doubles the last consonant (kidnapped, controlled) doubles it
             * before -ing too (kidnapping) */
            if (idx == 0 && strlen(f) == n + 3 && !strncmp(f, lemma, n) && f[n] == last && !strcmp(f + n + 1, "ed"))
                dbl = true;
        }
    } else {
        if (last == 'e') snprintf(w, sizeof w, "%sd", lemma);
        else if (last == 'y' && !is_vowel(prev)) snprintf(w, sizeof w, "%.*sied", (int)(n - 1), lemma);
        else if (dbl) snprintf(w, sizeof w, "%s%ced", lemma, last);
        else snprintf(w, sizeof w, "%sed", lemma);
        out[k] = intern_word(d, w); pp_flags[k++] = true;
    }
    out[k] = third; pp_flags[k++] = false;
    if (n > 2 && last == 'e' && prev == 'i') snprintf(w, sizeof w, "%.*sying", (int)(n - 2), lemma);
    else if (last == 'e' && prev != 'e' && prev != 'y' && prev != 'o') snprintf(w, sizeof w, "%.*sing", (int)(n - 1), lemma);
    else if (dbl) snprintf(w, sizeof w, "%s%cing", lemma, last);
    else snprintf(w, sizeof w, "%sing", lemma);
    out[k] = intern_word(d, w); pp_flags[k++] = false;
    return k;
}

/* ---- verb patterns ---- */


static int parse_element(dict *d, char *w, dict_pelem *e, const char *path, int line, sr_error *err)
{
    memset(e, 0, sizeof *e);
    if (strcmp(w, "*") == 0) { e->kind = PE_GAP3; return 0; }
    if (strcmp(w, "**") == 0) { e->kind = PE_GAP8; return 0; }
    if (strcmp(w, "T") == 0) { e->kind = PE_TARGET; return 0; }
    size_t n = strlen(w);
    if (w[0] == '(') {
        if (n < 3 || w[n - 1] != ')')
            return fail(err, SR_EDICT, path, line, "unbalanced parentheses in '%s'", w);
        w[n - 1] = 0;
        w++;
        e->optional = 1;
    }
    e->kind = PE_WORD;
    int32_t alts[64];
    size_t na = 0;
    char *save = NULL;
    for (char *a = strtok_r(w, "/", &save); a; a = strtok_r(NULL, "/", &save)) {
        size_t al = strlen(a);
        bool verb = al > 1 && a[al - 1] == '+';
        if (verb) a[al - 1] = 0;
        for (char *c = a; *c; c++)
            if (!(islower((unsigned char)*c) || *c == '\'' || *c == '-' || *c == '.' || isdigit((unsigned char)*c) || (unsigned char)*c >= 0x80))
                return fail(err, SR_EDICT, path, line, "bad pattern word '%s' (expected lower-case words, lemma+, a/b, (opt), *, ** or T)", a);
        if (verb) {
            int32_t f[8];
            bool ppf[8];
            size_t nf = dict_inflect(d, a, f, ppf);
            for (size_t i = 0; i < nf && na < 64; i++) {
                alts[na++] = f[i];
                if (ppf[i]) vec_push(d->tmp_pp, f[i]);
                vec_push(d->tmp_verb, f[i]);
            }
        } else if (na < 64) {
            int32_t s = intern_word(d, a);
            if (s < 0) return fail(err, SR_EDICT, path, line, "bad pattern word '%s'", a);
            alts[na++] = s;
        }
    }
    if (!na) return fail(err, SR_EDICT, path, line, "empty pattern element");
    e->nalts = (uint8_t)na;
    e->alts = xmalloc(na * sizeof *e->alts);
    memcpy(e->alts, alts, na * sizeof *alts);
    return 0;
}

int dict_load_verb_file(dict *d, const char *path, sr_error *err)
{
    linereader r;
    int rc = open_reader(&r, path, err);
    if (rc) return rc;
    char *s;
    while ((s = next_line(&r)) && !rc) {
        if (!*s) continue;
        char *code = field(&s);
        const dict_cameo *c = dict_find_cameo(d, code);
        if (!c) { rc = fail(err, SR_EDICT, path, r.lineno, "unknown CAMEO code '%s' (not in data/cameo.tsv)", code); break; }
        uint8_t flags = 0;
        char *at;
        while ((at = strrchr(s, '@'))) {
            if (strcmp(trim(at + 1), "recip") == 0) flags |= PF_RECIP;
            else { rc = fail(err, SR_EDICT, path, r.lineno, "unknown flag '@%s' (expected @recip)", trim(at + 1)); break; }
            *at = 0;
        }
        if (rc) break;
        int npat = 0;
        for (char *pat = s, *bar; pat; pat = bar) {
            bar = strchr(pat, '|');
            if (bar) *bar++ = 0;
            dict_pelem el[32];
            size_t ne = 0;
            char *p = trim(pat), *w;
            while ((w = field(&p))) {
                if (ne == 32) { rc = fail(err, SR_EDICT, path, r.lineno, "pattern longer than 32 elements"); break; }
                if ((rc = parse_element(d, w, &el[ne], path, r.lineno, err))) break;
                ne++;
            }
            if (!rc && !ne) rc = fail(err, SR_EDICT, path, r.lineno, "empty pattern (check for a doubled or trailing '|')");
            if (!rc && (el[0].kind != PE_WORD || el[0].optional))
                rc = fail(err, SR_EDICT, path, r.lineno, "a pattern must start with a word (its anchor), not a gap, T or an optional word");
            if (rc) {
                for (size_t i = 0; i < ne; i++) free(el[i].alts);
                break;
            }
            dict_pattern *pt = dict_new_pattern(d);
            pt->n = (uint8_t)ne;
            pt->e = xmalloc(ne * sizeof *pt->e);
            memcpy(pt->e, el, ne * sizeof *el);
            pt->flags = flags;
            pt->cameo = (int16_t)(c - d->cameo);
            pt->line = r.lineno;
            npat++;
        }
        if (!rc && !npat) rc = fail(err, SR_EDICT, path, r.lineno, "no pattern after the code");
    }
    close_reader(&r);
    return rc;
}

/* ---- closed classes ---- */

static const struct { const char *words; uint32_t flag; } CLASSES[] = {
    /* a row per word class; add words to a row, or a row for a new SF_ bit (and bump
     * DICTIMG_VERSION in dictimg.h: compiled images keep the flags these rows give) */
    { "be is are was were been being am 's 're", SF_BE },
    { "has have had having", SF_HAVE },
    { "of in at from with to for on by between against over into near across along among "
      "inside outside under after before during since toward towards via amid about around", SF_PREP },
    { "will shall 'll going plans plan planned intends intend expected scheduled set due", SF_MODAL_PLAN },
    { "could might may would should can possibly", SF_MODAL_HYPO },
    { "if unless whether", SF_IF },
    { "not n't never no neither nor", SF_NEG },
    { "he she him her his hers", SF_PRON_PERSON },
    { "it its they them their theirs", SF_PRON_THING },
    { "said say says saying told tell tells telling added adding stated announced according "
      "quoted reported reports claimed claims claiming", SF_SPEECH },
    { "the a an this that these those its their his her both each all", SF_DET },
    { "and or nor", SF_CONJ },
    { "after before while although though because since as whereas but when where unless", SF_SUBORD },
    { "who which whom whose that", SF_REL },
    { "people men women residents civilians citizens children villagers nationals "
      "protesters demonstrators students workers youths man woman", SF_PEOPLE_NOUN },
    { "countries sides nations neighbours neighbors states parties rivals leaders governments "
      "armies militaries foes adversaries presidents", SF_PAIR_HEAD },
    { "january february march april may june july august september october november december "
      "jan feb mar apr jun jul aug sep sept oct nov dec", SF_MONTH },
    { "monday tuesday wednesday thursday friday saturday sunday", SF_WEEKDAY },
    /* degree adverbs: the word after one is an adjective, not a verb ("very close") */
    { "very too quite rather extremely highly less least", SF_DEGREE },
    /* words that open a clause wherever they stand (code.c) */
    { "while although because whereas but", SF_CLAUSE },
    /* words that start a relative date (when.c) */
    { "today tonight yesterday tomorrow overnight last this next weekend", SF_RELDAY },
    /* words before a bare month name that make it a date: "in March", "since April" (when.c) */
    { "in since early late during until by throughout", SF_MONTH_LEAD },
    /* words that make a casualty figure a running total or start a toll phrase (count.c:
     * its CUMULATIVE table) */
    { "toll tally total so far date overall altogether cumulative risen rose climbed reached "
      "bringing brings since all", SF_TOLL_CUE },
    /* number words (count.c: its NUMWORDS table; "a" for "a dozen") */
    { "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
      "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
      "eighty ninety hundred dozen dozens scores hundreds thousands a", SF_NUMWORD },
    { "fighting clashes clash war hostilities violence offensive attack attacks shelling "
      "bombardment battle battles skirmishes", SF_EVENT_NOUN },
    /* nouns a name modifies without acting: "EU flags", "the Iran deal" */
    { "flag flags border borders war conflict crisis deal ceasefire truce region issue question "
      "sanctions policy dispute frontier territory visit trip row standoff file programme program "
      "nuclear elections election economy fighting violence unrest", SF_ADJUNCT },
    /* words before a partitive "of": "thousands of", "a group of" */
    { "thousands hundreds dozens scores millions tens group groups crowd crowds number some many most "
      "all several one two three few majority", SF_QUANT },
};

/* Interns the class words; their flags are applied in dict_finish once symflags exists. */
static void intern_classes(dict *d)
{
    for (size_t i = 0; i < sizeof CLASSES / sizeof *CLASSES; i++) {
        char tmp[1024];
        snprintf(tmp, sizeof tmp, "%s", CLASSES[i].words);
        char *save = NULL;
        for (char *w = strtok_r(tmp, " ", &save); w; w = strtok_r(NULL, " ", &save)) intern_word(d, w);
    }
    /* punctuation the stages test for */
    const char *punct = ".,;:!?\"'()-";
    for (const char *p = punct; *p; p++) strtab_intern(&d->st, p, 1);
}

/* ---- top level ---- */

/* p->need: of the elements a match needs besides the anchor, up to three of a single word,
 * the longest words first (short ones, "to", "the", are in most sentences anyway) */
static void pattern_requirement(const dict *d, dict_pattern *p)
{
    size_t nneed = 0;
    p->need[0] = p->need[1] = p->need[2] = -1;
    p->need_more = false;
    for (int side = 0; side < 2; side++)
        for (size_t i = side ? 1 : 0; i < (side ? p->n : p->npre); i++) {
            const dict_pelem *e = side ? &p->e[i] : &p->pre[i];
            if (e->kind != PE_WORD || e->optional || (!e->nalts && !e->nseq)) continue;
            if (e->nalts != 1 || e->nseq || e->alts[0] < 0) { p->need_more = true; continue; }
            int32_t w = e->alts[0];
            size_t len = strlen(strtab_str(&d->st, w));
            /* insert by length, keeping three */
            size_t at = nneed < 3 ? nneed : 3;
            while (at > 0 && strlen(strtab_str(&d->st, p->need[at - 1])) < len) at--;
            if (at >= 3) { p->need_more = true; continue; }
            if (nneed == 3) p->need_more = true;   /* the one pushed out is checked the long way */
            for (size_t k = (nneed < 3 ? nneed : 2); k > at; k--) p->need[k] = p->need[k - 1];
            p->need[at] = w;
            if (nneed < 3) nneed++;
        }
}

void dict_finish(dict *d)
{
    for (size_t i = 0; i < d->npats; i++) pattern_requirement(d, &d->pats[i]);
    /* the exact words of compat phrases become symbols, the first ones flagged
     * SF_PHRASE_START below: a token whose symbol lacks the flag starts no phrase and is not
     * looked up, and with PETRARCH-2's exact words a token's normalised form is its symbol */
    for (size_t i = 0; i < d->nphrases; i++)
        for (size_t k = 0; d->phrases[i].word && k < d->phrases[i].n; k++)
            if (!d->phrases[i].stem[k])   /* every exact word: a token equal to it then has a symbol */
                d->phrases[i].sym[k] = strtab_intern(&d->st, d->phrases[i].word[k], strlen(d->phrases[i].word[k]));
    d->nsyms = d->st.n;
    free(d->phrase_head); free(d->pat_head); free(d->symflags);
    d->phrase_head = xmalloc(d->nsyms * sizeof *d->phrase_head);
    d->pat_head = xmalloc(d->nsyms * sizeof *d->pat_head);
    d->symflags = xcalloc(d->nsyms, sizeof *d->symflags);
    memset(d->phrase_head, 0xff, d->nsyms * sizeof *d->phrase_head);
    memset(d->pat_head, 0xff, d->nsyms * sizeof *d->pat_head);
    /* chain phrases by first token, longest first: insert in order of decreasing length */
    int32_t maxlen = 0;
    for (size_t i = 0; i < d->nphrases; i++) if (d->phrases[i].n > maxlen) maxlen = d->phrases[i].n;
    for (int32_t len = 1; len <= maxlen; len++)
        for (size_t i = d->nphrases; i-- > 0;) {
            dict_phrase *p = &d->phrases[i];
            if (p->n != len || p->word) continue;
            p->next = d->phrase_head[p->sym[0]];
            d->phrase_head[p->sym[0]] = (int32_t)i;
        }
    /* the chains copied side by side into phr (a first word like "the" heads many) */
    free(d->phr);
    d->phr = xmalloc((d->nphrases ? d->nphrases : 1) * sizeof *d->phr);
    int32_t np = 0;
    for (size_t s = 0; s < d->nsyms; s++) {
        int32_t p = d->phrase_head[s];
        if (p < 0) continue;
        d->phrase_head[s] = np;
        for (; p >= 0; p = d->phrases[p].next, np++) {
            const dict_phrase *ph = &d->phrases[p];
            d->phr[np] = (dict_phr){ p, ph->next >= 0 ? np + 1 : -1, ph->n >= 2 ? ph->sym[1] : -1, ph->n };
        }
    }
    free(d->stem_bucket);
    free(d->ckeys);
    d->stem_bucket = NULL;
    d->ckeys = NULL;
    size_t nexact = 0;
    for (size_t i = 0; i < d->nphrases; i++) nexact += d->phrases[i].word && !d->phrases[i].stem[0];
    if (nexact) {
        size_t cap = 64;
        while (cap < 2 * nexact) cap *= 2;
        d->ckeys = xmalloc(cap * sizeof *d->ckeys);
        for (size_t x = 0; x < cap; x++) d->ckeys[x].p = -1;
        d->cmask = cap - 1;
    }
    /* the exact ones in file order, so that a probe meets a dated code (added before the
     * undated one) first */
    for (size_t i = 0; i < d->nphrases; i++) {
        dict_phrase *p = &d->phrases[i];
        if (!p->word || p->stem[0]) continue;
        p->key = p->n >= 2 && !p->stem[1] ? pair_hash(p->word[0], p->word[1]) : (uint32_t)hash_bytes(p->word[0], strlen(p->word[0]));
        if (p->sym[0] >= 0 && (size_t)p->sym[0] < d->nsyms) d->symflags[p->sym[0]] |= SF_PHRASE_START;
        size_t x = p->key & d->cmask;
        while (d->ckeys[x].p >= 0) x = (x + 1) & d->cmask;
        d->ckeys[x].key = p->key;
        d->ckeys[x].p = (int32_t)i;
    }
    /* stem-first phrases (TABARI) are filed newest first: walked from the last, so a bucket
     * lists them in file order */
    for (size_t i = d->nphrases; i-- > 0;) {
        dict_phrase *p = &d->phrases[i];
        if (!p->word || !p->stem[0]) continue;
        if (!d->stem_bucket) {
            d->stem_bucket = xmalloc(STEM_BUCKETS * sizeof *d->stem_bucket);
            memset(d->stem_bucket, 0xff, STEM_BUCKETS * sizeof *d->stem_bucket);
        }
        size_t w0 = strlen(p->word[0]);
        int32_t *bucket = &d->stem_bucket[stem_key(p->word[0], w0 < 3 ? w0 : 3)];
        d->stem_first = true;
        p->next = *bucket;
        *bucket = (int32_t)i;
    }
    /* anchors: every alternative of a pattern's first element, longer patterns first */
    /* longer patterns first, counting the words before the anchor too */
    int32_t maxp = 0;
    size_t nanch = 0;
    for (size_t i = 0; i < d->npats; i++) {
        if (d->pats[i].n + d->pats[i].npre > maxp) maxp = d->pats[i].n + d->pats[i].npre;
        nanch += d->pats[i].e[0].nalts;
    }
    free(d->anchors);
    d->anchors = xmalloc((nanch ? nanch : 1) * sizeof *d->anchors);
    d->nanchors = 0;
    /* within a length, a pattern's anchor as written (its first alternative: the verb's
     * lemma) before the forms made from it, so that a verb listed on its own ("LEFT")
     * beats another's inflection (left, of LEAVE); chains are built head-first, hence the
     * reverse order of the passes */
    for (int32_t len = 1; len <= maxp; len++)
        for (int pass = 0; pass < 2; pass++)
        for (size_t i = d->npats; i-- > 0;) {
            dict_pattern *p = &d->pats[i];
            if (p->n + p->npre != len) continue;
            for (uint8_t a = pass ? 0 : 1; a < (pass ? 1 : p->e[0].nalts); a++) {
                int32_t s = p->e[0].alts[a];
                if (s < 0 || (size_t)s >= d->nsyms) continue;
                dict_anchor *an = &d->anchors[d->nanchors];
                an->pat = (int32_t)i;
                memcpy(an->need, p->need, sizeof an->need);
                an->next = d->pat_head[s];
                d->pat_head[s] = (int32_t)d->nanchors++;
            }
        }
    /* the chains laid out word by word, each in its order, so that walking one reads memory
     * in sequence (a verb may have hundreds of patterns) */
    dict_anchor *laid = xmalloc((nanch ? nanch : 1) * sizeof *laid);
    size_t k = 0;
    for (size_t s = 0; s < d->nsyms; s++) {
        int32_t a = d->pat_head[s];
        if (a < 0) continue;
        d->pat_head[s] = (int32_t)k;
        for (; a >= 0; a = d->anchors[a].next) {
            laid[k] = d->anchors[a];
            laid[k].next = d->anchors[a].next >= 0 ? (int32_t)(k + 1) : -1;
            k++;
        }
    }
    free(d->anchors);
    d->anchors = laid;
    for (size_t i = 0; i < sizeof CLASSES / sizeof *CLASSES; i++) {
        char tmp[1024];
        snprintf(tmp, sizeof tmp, "%s", CLASSES[i].words);
        char *save = NULL;
        for (char *w = strtok_r(tmp, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            int32_t s = dict_sym(d, w);
            if (s >= 0) d->symflags[s] |= CLASSES[i].flag;
        }
    }
    /* a form that did not intern (no letters left after normalising) is -1: no flag */
    for (size_t i = 0; i < d->tmp_pp.n; i++)
        if (d->tmp_pp.v[i] >= 0 && (size_t)d->tmp_pp.v[i] < d->nsyms) d->symflags[d->tmp_pp.v[i]] |= SF_PP;
    for (size_t i = 0; i < d->tmp_verb.n; i++)
        if (d->tmp_verb.v[i] >= 0 && (size_t)d->tmp_verb.v[i] < d->nsyms) d->symflags[d->tmp_verb.v[i]] |= SF_VERB;
    vec_free(d->tmp_pp); vec_free(d->tmp_verb);
}

void dict_init(dict *d)
{
    memset(d, 0, sizeof *d);
    arena_init(&d->mem);
    strtab_init(&d->st);
    intern_classes(d);
}

int dict_load(dict *d, const char *data_dir, const char *gen_dir, sr_error *err)
{
    dict_init(d);
    char path[4096];
    int rc;
#define LOAD(fn, dir, name) do { \
        snprintf(path, sizeof path, "%s/%s", dir, name); \
        if ((rc = fn(d, path, err))) return rc; \
    } while (0)
    LOAD(dict_load_cameo, data_dir, "cameo.tsv");
    LOAD(dict_load_irregular, data_dir, "irregular.txt");
    LOAD(dict_load_verb_file, data_dir, "verbs.txt");
    /* actor files: a row per file; the generated ISO list first so authored lines add to it */
    LOAD(dict_load_actor_file, gen_dir, "countries.gen.txt");
    static const char *const ACTOR_FILES[] = {
        "countries.txt", "igos.txt", "groups.txt", "leaders.txt", "agents.txt", "media.txt", NULL
    };
    for (int i = 0; ACTOR_FILES[i]; i++) LOAD(dict_load_actor_file, data_dir, ACTOR_FILES[i]);
#undef LOAD
    dict_finish(d);
    return 0;
}

void dict_pelem_free(dict_pelem *e)
{
    free(e->alts);
    for (size_t k = 0; k < e->nseq; k++) free(e->seq[k]);
    free(e->seq);
    free(e->seqlen);
}

void dict_free(dict *d)
{
    if (d) { free(d->code_slots); d->code_slots = NULL; }
    if (!d) return;
    if (d->map) {   /* an image (dictimg.c): everything lies in the mapping or the arena */
        arena_free(&d->mem);
        munmap(d->map, d->map_size);
        memset(d, 0, sizeof *d);
        return;
    }
    for (size_t i = 0; i < d->nphrases; i++)
        for (size_t j = 0; j < d->phrases[i].n; j++) free(d->phrases[i].exact[j]);
    arena_free(&d->mem);
    for (size_t i = 0; i < d->npats; i++) {
        for (size_t j = 0; j < d->pats[i].n; j++) dict_pelem_free(&d->pats[i].e[j]);
        for (size_t j = 0; j < d->pats[i].npre; j++) dict_pelem_free(&d->pats[i].pre[j]);
        free(d->pats[i].e);
        free(d->pats[i].pre);
    }
    free(d->stem_bucket);
    free(d->ckeys);
    for (size_t i = 0; i < d->nirr; i++) free(d->irr[i].forms);
    free(d->actors); free(d->phrases); free(d->pats); free(d->cameo); free(d->irr);
    free(d->phrase_head); free(d->phr); free(d->pat_head); free(d->symflags); free(d->anchors);
    vec_free(d->tmp_pp); vec_free(d->tmp_verb);
    strtab_free(&d->st);
    memset(d, 0, sizeof *d);
}
