/* compat: TABARI and PETRARCH-2 dictionaries (see compat.h).
 *
 * The formats, as these readers take them:
 *  - `#` starts a comment; `<!-- ... -->` blocks are comments.
 *  - Phrases join words with `_` or spaces. A word followed by `_` must match exactly; any
 *    other word is a stem and matches every word it begins ("ARGENTIN" - Argentina,
 *    Argentine).
 *  - Actors: `PHRASE [CODE]`, synonyms on `+PHRASE` lines, codes possibly on the following
 *    lines and dated: `[AZEGOV 930624-031031]`, `[AZEGOV >031031]`, `[AZEGOV <031031]`
 *    (YYMMDD or YYYYMMDD). A dated code holds on those dates; an undated one otherwise.
 *  - Agents: `PHRASE {PLURALS} [~SEC]` (no braces: a regular plural is made; `{}`: none),
 *    macros `!PERSON! = MAN, MEN` substituted into phrases.
 *  - Discards: `PHRASE` voids the sentence, `+PHRASE` the story.
 *  - Verbs: synsets `&NAME` with `+MEMBER` lines; blocks `--- VERB [code] ---` with verb
 *    lines (`BAN {BANS BANNED}`, multi-word `WIRE_+TAP`, a line of its own code) and
 *    pattern lines `- PRE * POST [code]`, where `*` is the verb, `$` the source, `+` the
 *    target, `%` a compound that is both, `^` exactly one word, `&NAME` a synset, `_`
 *    adjacency and a space a gap. `[---]` codes no event; `[a:b]` uses a. */
#include "compat.h"
#include "text.h"
#include "util.h"
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Real dictionaries have typos ("[~ENV}", a seven-digit date, a synset never defined).
 * A line that cannot be read is skipped and counted; the first is kept as a message naming
 * file, line and what was expected (sr_engine_warnings). Only a file that cannot be opened
 * is an error. */
static void skip_line(dict *d, const char *path, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void skip_line(dict *d, const char *path, int line, const char *fmt, ...)
{
    if (d->nwarnings++) return;
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(d->warning, sizeof d->warning, "%s:%d: line skipped: %s", path, line, what);
}

/* ---- lines ---- */

typedef struct lines {
    char *buf;
    char *p;
    int lineno;
    bool in_comment;
    bool tabari;            /* ';' starts a comment; <SECTION> tags */
    char section[32];       /* the <SECTION> a TABARI file is in, "" outside */
    const char *path;
} lines;

static int open_lines(lines *l, const dict *d, const char *path, sr_error *err)
{
    memset(l, 0, sizeof *l);
    l->path = path;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err) { err->code = SR_EIO; err->offset = -1; snprintf(err->message, sizeof err->message, "%s: cannot open: %s", path, strerror(errno)); }
        return SR_EIO;
    }
    buf b = {0};
    char chunk[65536];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, k);
    fclose(f);
    if (!b.s) buf_puts(&b, "");
    l->buf = l->p = b.s;
    l->tabari = d->compat_tabari;
    return 0;
}

/* Next line without comments and surrounding space (possibly empty); NULL at the end.
 * *indented tells whether the raw line began with white space. */
static char *next_line(lines *l, bool *indented)
{
    for (;;) {
        if (!*l->p) return NULL;
        char *s = l->p;
        char *nl = strchr(s, '\n');
        if (nl) { *nl = 0; l->p = nl + 1; } else l->p = s + strlen(s);
        l->lineno++;
        size_t n = strlen(s);
        if (n && s[n - 1] == '\r') s[--n] = 0;
        /* <!-- ... --> comment blocks */
        if (l->in_comment) {
            char *end = strstr(s, "-->");
            if (!end) { s[0] = 0; return s; }
            l->in_comment = false;
            s = end + 3;
        }
        char *open;
        while ((open = strstr(s, "<!--"))) {
            char *end = strstr(open + 4, "-->");
            if (end) memmove(open, end + 3, strlen(end + 3) + 1);
            else { *open = 0; l->in_comment = true; }
        }
        /* '#' starts a comment, except inside a code: "[###]" is a (test) code */
        int depth = 0;
        for (char *h = s; *h; h++) {
            if (*h == '[') depth++;
            else if (*h == ']' && depth) depth--;
            else if ((*h == '#' || (*h == ';' && l->tabari)) && !depth) { *h = 0; break; }
        }
        *indented = s[0] == ' ' || s[0] == '\t';
        while (*s && isspace((unsigned char)*s)) s++;
        n = strlen(s);
        while (n && isspace((unsigned char)s[n - 1])) s[--n] = 0;
        /* TABARI sections: <SYNSETS> ... </SYNSETS>, <TIME>, <NOUN>, <ADJECTIVE> */
        if (l->tabari && s[0] == '<' && n > 2 && s[n - 1] == '>') {
            if (s[1] == '/') l->section[0] = 0;
            else snprintf(l->section, sizeof l->section, "%.*s", (int)(n - 2), s + 1);
            s[0] = 0;
        }
        return s;
    }
}

/* ---- phrases ---- */

enum { MAXW = 32 };

typedef struct words {
    char *w[MAXW];
    uint8_t stem[MAXW];
    size_t n;
} words;

static void words_free(words *w)
{
    for (size_t i = 0; i < w->n; i++) free(w->w[i]);
    w->n = 0;
}

/* Splits a TABARI/PETRARCH phrase into normalised tokens with their stem flags. */
static bool phrase_words(dict *d, const char *phrase, words *out)
{
    out->n = 0;
    const char *p = phrase;
    while (*p) {
        while (*p == '_' || *p == ' ' || *p == '\t') p++;
        if (!*p) break;
        const char *s = p;
        while (*p && *p != '_' && *p != ' ' && *p != '\t') p++;
        bool exact = *p == '_';
        /* the chunk may hold several tokens (AL-QAEDA: al - qaeda) */
        tok *t;
        size_t nt = text_tokenize(&d->st, s, (size_t)(p - s), &t);
        for (size_t k = 0; k < nt; k++) {
            if (out->n == MAXW) { free(t); return false; }
            char norm[128];
            size_t len;
            if (t[k].flags & TK_PUNCT) { norm[0] = t[k].punct; norm[1] = 0; len = 1; }
            else len = text_normalise(s + t[k].start, t[k].end - t[k].start, norm, sizeof norm);
            if (!len) continue;
            out->w[out->n] = xstrdup(norm);
            /* only a chunk's last token can be a stem; punctuation never is */
            out->stem[out->n] = !exact && k + 1 == nt && !(t[k].flags & TK_PUNCT) && d->compat_tabari;
            out->n++;
        }
        free(t);
    }
    return out->n > 0;
}

static bool add_phrase_to(dict *d, const char *phrase, int32_t actor)
{
    words w;
    if (!phrase_words(d, phrase, &w)) { words_free(&w); return false; }
    dict_add_stem_phrase(d, w.w, w.stem, w.n, actor);
    words_free(&w);
    return true;
}

/* ---- actors ---- */

static int32_t yymmdd(const char *s, size_t n, bool *ok)
{
    *ok = false;
    int y, m, dd;
    if (n == 6 && strspn(s, "0123456789") >= 6) {
        y = (s[0] - '0') * 10 + (s[1] - '0');
        y += y >= 30 ? 1900 : 2000;   /* TABARI's two-digit years: 30-99 are the 1900s */
        m = (s[2] - '0') * 10 + (s[3] - '0');
        dd = (s[4] - '0') * 10 + (s[5] - '0');
    } else if (n == 8 && strspn(s, "0123456789") >= 8) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        m = (s[4] - '0') * 10 + (s[5] - '0');
        dd = (s[6] - '0') * 10 + (s[7] - '0');
    } else return 0;
    if (m < 1 || m > 12 || dd < 1 || dd > 31) return 0;
    *ok = true;
    return dict_days(y, m, dd);
}

typedef struct code_spec { char code[24]; int32_t from, to; bool dated; } code_spec;

/* "[CODE]", "[CODE >YYMMDD]", "[CODE <YYMMDD]", "[CODE YYMMDD-YYMMDD]" */
static bool parse_code(const char *s, size_t n, code_spec *c)
{
    memset(c, 0, sizeof *c);
    c->from = INT32_MIN;
    c->to = INT32_MAX;
    size_t i = 0;
    while (i < n && isspace((unsigned char)s[i])) i++;
    size_t cs = i;
    while (i < n && !isspace((unsigned char)s[i])) i++;
    if (i == cs || i - cs >= sizeof c->code) return false;
    for (size_t k = cs; k < i; k++) {
        char ch = s[k];
        /* validation dictionaries use odd codes ("+++", "---") on purpose: any mark will do */
        if (!isgraph((unsigned char)ch) || ch == '[' || ch == ']') return false;
        c->code[k - cs] = (char)toupper((unsigned char)ch);
    }
    while (i < n && isspace((unsigned char)s[i])) i++;
    if (i >= n) return true;
    bool ok;
    const char *r = s + i;
    size_t rl = n - i;
    while (rl && isspace((unsigned char)r[rl - 1])) rl--;
    c->dated = true;
    /* spaces are allowed around the markers: "[HOB < 950601]", "[X 19950601 - 19990815]" */
    char tmp[64];
    size_t k = 0;
    for (size_t j = 0; j < rl && k + 1 < sizeof tmp; j++) if (!isspace((unsigned char)r[j])) tmp[k++] = r[j];
    tmp[k] = 0;
    if (tmp[0] == '>') { c->from = yymmdd(tmp + 1, k - 1, &ok); return ok; }
    if (tmp[0] == '<') { c->to = yymmdd(tmp + 1, k - 1, &ok); return ok; }
    const char *dash = strchr(tmp, '-');
    if (!dash) return false;
    c->from = yymmdd(tmp, (size_t)(dash - tmp), &ok);
    if (!ok) return false;
    c->to = yymmdd(dash + 1, strlen(dash + 1), &ok);
    return ok && c->from <= c->to;
}

typedef struct entry {
    VEC(char *) phrases;
    VEC(code_spec) codes;
    int line;
} entry;

static void entry_flush(dict *d, entry *e, actor_kind undated_kind)
{
    /* dated codes first: among phrases of one length the first that holds wins */
    for (int pass = 0; pass < 2; pass++)
        for (size_t c = 0; c < e->codes.n; c++) {
            code_spec *cs = &e->codes.v[c];
            if (cs->dated != (pass == 0)) continue;
            int32_t a = dict_add_actor(d, cs->code, cs->dated ? AK_LEADER : undated_kind, cs->from, cs->to,
                                       e->phrases.n ? e->phrases.v[0] : "");
            for (size_t p = 0; p < e->phrases.n; p++) add_phrase_to(d, e->phrases.v[p], a);
        }
    for (size_t p = 0; p < e->phrases.n; p++) free(e->phrases.v[p]);
    e->phrases.n = 0;
    e->codes.n = 0;
}

/* Reads the bracketed codes of s into e, removing them from s. A code whose date is
 * mistyped (Phoenix has "9008223") is skipped with a warning: the entry's other codes
 * still hold. */
static int take_codes(dict *d, char *s, entry *e, const char *path, int line)
{
    char *b;
    while ((b = strchr(s, '['))) {
        char *close = strchr(b, ']');
        if (!close) { skip_line(d, path, line, "'[' without ']' (expected [CODE] or [CODE >YYMMDD])"); *b = 0; break; }
        code_spec c;
        if (parse_code(b + 1, (size_t)(close - b - 1), &c)) vec_push(e->codes, c);
        else if (!d->nwarnings++)
            snprintf(d->warning, sizeof d->warning, "%s:%d: code skipped: bad code '%.*s' (expected CODE, CODE >YYMMDD, CODE <YYMMDD or CODE YYMMDD-YYMMDD)",
                     path, line, (int)(close - b - 1 > 60 ? 60 : close - b - 1), b + 1);
        memmove(b, close + 1, strlen(close + 1) + 1);
    }
    return 0;
}

int compat_load_actors(dict *d, const char *path, sr_error *err)
{
    lines l;
    int rc = open_lines(&l, d, path, err);
    if (rc) return rc;
    entry e = {0};
    char *s;
    bool ind;
    while (!rc && (s = next_line(&l, &ind))) {
        if (!*s) continue;
        if (s[0] == '[') { rc = take_codes(d, s, &e, path, l.lineno); continue; }
        if (s[0] == '+') {
            char *p = s + 1;
            if ((rc = take_codes(d, p, &e, path, l.lineno))) break;
            p = strtok(p, " \t") ? p : p;
            char *tr = p + strlen(p);
            while (tr > p && isspace((unsigned char)tr[-1])) *--tr = 0;
            if (*p) vec_push(e.phrases, xstrdup(p));
            continue;
        }
        entry_flush(d, &e, AK_NAME);
        e.line = l.lineno;
        if ((rc = take_codes(d, s, &e, path, l.lineno))) break;
        char *tr = s + strlen(s);
        while (tr > s && isspace((unsigned char)tr[-1])) *--tr = 0;
        if (!*s) { skip_line(d, path, l.lineno, "a code with no phrase before it"); e.codes.n = 0; continue; }
        vec_push(e.phrases, xstrdup(s));
    }
    if (!rc) entry_flush(d, &e, AK_NAME);
    for (size_t p = 0; p < e.phrases.n; p++) free(e.phrases.v[p]);
    vec_free(e.phrases);
    vec_free(e.codes);
    free(l.buf);
    return rc;
}

/* ---- agents ---- */

typedef struct macro { char name[32]; VEC(char *) alts; } macro;

static void plural_of(const char *w, char *out, size_t cap)
{
    size_t n = strlen(w);
    char last = n ? (char)toupper((unsigned char)w[n - 1]) : 0, prev = n > 1 ? (char)toupper((unsigned char)w[n - 2]) : 0;
    if (last == 'Y' && !strchr("AEIOU", prev)) snprintf(out, cap, "%.*sIES", (int)(n - 1), w);
    else if (last == 'S' || last == 'X' || last == 'Z' || (last == 'H' && (prev == 'C' || prev == 'S'))) snprintf(out, cap, "%sES", w);
    else snprintf(out, cap, "%sS", w);
}

/* Expands !MACRO! in phrase into every alternative and adds each with its plurals. */
static void agent_phrases(dict *d, const char *phrase, const char *plurals, bool no_plural, int32_t a,
                          const macro *m, size_t nm, int depth)
{
    const char *bang = strchr(phrase, '!');
    const char *bang2 = bang ? strchr(bang + 1, '!') : NULL;
    if (bang && bang2 && depth < 4) {
        for (size_t i = 0; i < nm; i++) {
            size_t ml = strlen(m[i].name);
            if ((size_t)(bang2 - bang + 1) != ml || strncmp(bang, m[i].name, ml)) continue;
            for (size_t k = 0; k < m[i].alts.n; k++) {
                char tmp[512];
                snprintf(tmp, sizeof tmp, "%.*s%s%s", (int)(bang - phrase), phrase, m[i].alts.v[k], bang2 + 1);
                agent_phrases(d, tmp, plurals, true, a, m, nm, depth + 1);
            }
            return;
        }
    }
    add_phrase_to(d, phrase, a);
    if (plurals && *plurals) {
        char tmp[512];
        snprintf(tmp, sizeof tmp, "%s", plurals);
        char *save = NULL;
        for (char *p = strtok_r(tmp, " \t", &save); p; p = strtok_r(NULL, " \t", &save)) add_phrase_to(d, p, a);
    } else if (!no_plural) {
        char pl[512];
        size_t n = strlen(phrase);
        while (n && (phrase[n - 1] == '_' || phrase[n - 1] == ' ')) n--;
        char base[480];
        snprintf(base, sizeof base, "%.*s", (int)n, phrase);
        plural_of(base, pl, sizeof pl);
        add_phrase_to(d, pl, a);
    }
}

int compat_load_agents(dict *d, const char *path, sr_error *err)
{
    lines l;
    int rc = open_lines(&l, d, path, err);
    if (rc) return rc;
    VEC(macro) macros = {0};
    char *s;
    bool ind;
    while (!rc && (s = next_line(&l, &ind))) {
        if (!*s) continue;
        char *close0 = s[0] == '!' ? strchr(s + 1, '!') : NULL;
        char *after = close0 ? close0 + 1 : NULL;
        while (after && (*after == ' ' || *after == '\t')) after++;
        if (after && *after == '=') {
            /* a macro definition: !NAME! = ALT, ALT (a phrase may also start with a macro) */
            char *eq = after, *close = close0;
            macro m;
            memset(&m, 0, sizeof m);
            snprintf(m.name, sizeof m.name, "%.*s", (int)(close - s + 1), s);
            char *save = NULL;
            for (char *p = strtok_r(eq + 1, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
                while (*p && isspace((unsigned char)*p)) p++;
                char *tr = p + strlen(p);
                while (tr > p && isspace((unsigned char)tr[-1])) *--tr = 0;
                if (*p) vec_push(m.alts, xstrdup(p));
            }
            vec_push(macros, m);
            continue;
        }
        char *open = strchr(s, '['), *close = open ? strchr(open, ']') : NULL;
        if (!open || !close) { skip_line(d, path, l.lineno, "expected PHRASE [~SECTOR] (or PHRASE {PLURALS} [~SECTOR])"); continue; }
        char code[32] = "";
        size_t k = 0;
        for (char *p = open + 1; p < close && k + 1 < sizeof code; p++) if (*p != '~' && !isspace((unsigned char)*p)) code[k++] = (char)toupper((unsigned char)*p);
        code[k] = 0;
        if (!k) { skip_line(d, path, l.lineno, "empty agent code"); continue; }
        *open = 0;
        char *plurals = NULL;
        bool no_plural = false;
        char *lb = strchr(s, '{');
        if (lb) {
            char *rb = strchr(lb, '}');
            if (!rb) { skip_line(d, path, l.lineno, "'{' without '}'"); continue; }
            *rb = 0;
            plurals = lb + 1;
            *lb = 0;
            no_plural = true;
        }
        char *tr = s + strlen(s);
        while (tr > s && isspace((unsigned char)tr[-1])) *--tr = 0;
        if (!*s) { skip_line(d, path, l.lineno, "no phrase before the code"); continue; }
        int32_t a = dict_add_actor(d, code, AK_AGENT, INT32_MIN, INT32_MAX, s);
        agent_phrases(d, s, plurals, no_plural, a, macros.v, macros.n, 0);
    }
    for (size_t i = 0; i < macros.n; i++) {
        for (size_t k = 0; k < macros.v[i].alts.n; k++) free(macros.v[i].alts.v[k]);
        vec_free(macros.v[i].alts);
    }
    vec_free(macros);
    free(l.buf);
    return rc;
}

int compat_load_discards(dict *d, const char *path, sr_error *err)
{
    lines l;
    int rc = open_lines(&l, d, path, err);
    if (rc) return rc;
    char *s;
    bool ind;
    while ((s = next_line(&l, &ind))) {
        if (!*s) continue;
        bool story = s[0] == '+';
        const char *p = story ? s + 1 : s;
        int32_t a = dict_add_actor(d, story ? "STORY" : "SENTENCE", AK_DISCARD, INT32_MIN, INT32_MAX, p);
        add_phrase_to(d, p, a);
    }
    free(l.buf);
    return rc;
}

/* ---- verbs ---- */

typedef struct synset {
    char name[64];
    VEC(char *) members;
    dict_pelem el;            /* the members as a pattern element, made at the first use */
    bool expanded;
} synset;
typedef VEC(synset) synsets;

typedef struct verbform {
    int32_t forms[40];
    size_t nforms;
    bool pp[40];
    words pre, post;          /* words of a multi-word verb around the verb itself */
    int code;                 /* its own code (a line "VERB [code]"), -2 for the block's */
    int back;                 /* the reverse code with it ("[032:033]"), or -1 */
} verbform;

typedef struct vctx {
    dict *d;
    const char *path;
    int line;
    sr_error *err;
    synsets *syns;
} vctx;

static synset *find_synset(const vctx *v, const char *name)
{
    size_t n = strlen(name);
    while (n && name[n - 1] == '_') n--;
    for (size_t i = 0; i < v->syns->n; i++) {
        synset *sy = &v->syns->v[i];
        size_t m = strlen(sy->name);
        while (m && sy->name[m - 1] == '_') m--;
        if (m == n && !strncasecmp(sy->name, name, n)) return sy;
    }
    return NULL;
}

/* Endings a stem word of a TABARI pattern takes ("EFFORT" matches efforts): patterns match
 * symbols, so a stem stands for its word with each of these endings. PETRARCH-2 matches
 * pattern words as written. */
static const char *const STEM_ENDINGS[] = { "", "s", "es", "e", "ed", "d", "ing", "er", "ers", "est", "ly" };

/* One synset member into el: a word as an alternative, words as a sequence. A member that
 * names another synset, alone ("&INNER") or inside words ("&TIETYPES_MEMOS", TABARI), stands
 * for each of that synset's members in its place. */
static void synset_member(const vctx *v, const char *m, dict_pelem *el, int depth)
{
    const char *amp = strchr(m, '&');
    if (amp) {
        size_t nl = strcspn(amp + 1, "_ \t");
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(nl < 63 ? nl : 63), amp + 1);
        const synset *inner = find_synset(v, name);
        if (!inner || depth >= 4) return;
        for (size_t i = 0; i < inner->members.n; i++) {
            char tmp[512];
            snprintf(tmp, sizeof tmp, "%.*s%s%s", (int)(amp - m), m, inner->members.v[i], amp + 1 + nl);
            synset_member(v, tmp, el, depth + 1);
        }
        return;
    }
    words w;
    if (phrase_words(v->d, m, &w)) {
        /* a TABARI stem as the member's last word takes the endings of STEM_ENDINGS
         * ("SWISS_FRANC" matches swiss francs) */
        size_t nend = w.stem[w.n - 1] && v->d->compat_tabari ? sizeof STEM_ENDINGS / sizeof *STEM_ENDINGS : 1;
        for (size_t x = 0; x < nend; x++) {
            char last[160];
            str_join(last, sizeof last, w.w[w.n - 1], STEM_ENDINGS[x]);
            if (w.n == 1 && el->nalts < 255) {
                el->alts = xrealloc(el->alts, (el->nalts + 1u) * sizeof *el->alts);
                el->alts[el->nalts++] = dict_intern(v->d, last);
            } else if (w.n > 1 && el->nseq < 255) {
                el->seq = xrealloc(el->seq, (el->nseq + 1u) * sizeof *el->seq);
                el->seqlen = xrealloc(el->seqlen, el->nseq + 1u);
                el->seq[el->nseq] = xmalloc(w.n * sizeof(int32_t));
                for (size_t k = 0; k + 1 < w.n; k++) el->seq[el->nseq][k] = dict_intern(v->d, w.w[k]);
                el->seq[el->nseq][w.n - 1] = dict_intern(v->d, last);
                el->seqlen[el->nseq++] = (uint8_t)w.n;
            }
        }
    }
    words_free(&w);
}

static void synset_members(const vctx *v, const synset *s, dict_pelem *el, int depth)
{
    for (size_t i = 0; i < s->members.n; i++) synset_member(v, s->members.v[i], el, depth);
}

static dict_pelem pelem_copy(const dict_pelem *e)
{
    dict_pelem c = *e;
    c.alts = e->nalts ? xmalloc(e->nalts * sizeof *c.alts) : NULL;
    if (e->nalts) memcpy(c.alts, e->alts, e->nalts * sizeof *c.alts);
    c.seq = e->nseq ? xmalloc(e->nseq * sizeof *c.seq) : NULL;
    c.seqlen = e->nseq ? xmalloc(e->nseq) : NULL;
    for (size_t k = 0; k < e->nseq; k++) {
        c.seqlen[k] = e->seqlen[k];
        c.seq[k] = xmalloc(e->seqlen[k] * sizeof **c.seq);
        memcpy(c.seq[k], e->seq[k], e->seqlen[k] * sizeof **c.seq);
    }
    return c;
}

/* An element list being built (pre or post). */
typedef VEC(dict_pelem) elems;

static void push_word(elems *e, int32_t *alts, size_t na)
{
    dict_pelem el;
    memset(&el, 0, sizeof el);
    el.kind = PE_WORD;
    el.nalts = (uint8_t)(na > 255 ? 255 : na);
    el.alts = xmalloc(el.nalts * sizeof *el.alts);
    memcpy(el.alts, alts, el.nalts * sizeof *alts);
    vec_push(*e, el);
}

static void push_kind(elems *e, int kind)
{
    dict_pelem el;
    memset(&el, 0, sizeof el);
    el.kind = (uint8_t)kind;
    vec_push(*e, el);
}

static void push_words(dict *d, elems *e, const words *w)
{
    for (size_t i = 0; i < w->n; i++) {
        int32_t s[sizeof STEM_ENDINGS / sizeof *STEM_ENDINGS];
        size_t ns = 0, nend = w->stem[i] && d->compat_tabari ? sizeof STEM_ENDINGS / sizeof *STEM_ENDINGS : 1;
        for (size_t k = 0; k < nend; k++) {
            char form[160];
            str_join(form, sizeof form, w->w[i], STEM_ENDINGS[k]);
            int32_t f = dict_intern(d, form);
            if (f >= 0) s[ns++] = f;   /* -1 would match every unknown word */
        }
        if (ns) push_word(e, s, ns);
    }
}

static void free_elems(elems *e)
{
    for (size_t i = 0; i < e->n; i++) dict_pelem_free(&e->v[i]);
    vec_free(*e);
}

/* Compiles pattern text (between "- " and "[") for one verb into a dict pattern. */
static int compile_pattern(vctx *v, const char *pat, const verbform *vf, int code, int back)
{
    elems pre = {0}, post = {0};
    elems *cur = &pre;
    bool seen_verb = false;
    char tmp[1024];
    str_copy(tmp, sizeof tmp, pat, strlen(pat));
    /* TABARI's "{ GENEVA_ | INTERNATIONAL }" is a choice: it becomes a synset of its own */
    char *lb;
    while ((lb = strchr(tmp, '{')) && strchr(lb, '|') && strchr(lb, '}') && strchr(lb, '|') < strchr(lb, '}')) {
        char *rb = strchr(lb, '}');
        synset sy;
        memset(&sy, 0, sizeof sy);
        snprintf(sy.name, sizeof sy.name, "ALT%zu", v->syns->n);
        char inner[512];
        snprintf(inner, sizeof inner, "%.*s", (int)(rb - lb - 1), lb + 1);
        char *save = NULL;
        for (char *alt = strtok_r(inner, "|", &save); alt; alt = strtok_r(NULL, "|", &save)) {
            while (*alt == ' ') alt++;
            char *e = alt + strlen(alt);
            while (e > alt && e[-1] == ' ') *--e = 0;
            if (*alt) vec_push(sy.members, xstrdup(alt));
        }
        vec_push(*v->syns, sy);
        char rest[1024];
        snprintf(rest, sizeof rest, "%s", rb + 1);
        snprintf(lb, sizeof tmp - (size_t)(lb - tmp), " &%s %s", sy.name, rest);
    }
    /* braces and parentheses group words for PETRARCH's parse trees: not needed here */
    for (char *p = tmp; *p; p++) if (*p == '{' || *p == '}' || *p == '(' || *p == ')') *p = ' ';
    char *save = NULL;
    bool first_chunk = true;
    for (char *chunk = strtok_r(tmp, " \t", &save); chunk; chunk = strtok_r(NULL, " \t", &save)) {
        /* a space between chunks lets other words in between */
        bool had_verb = seen_verb;
        char *p = chunk;
        bool first_item = true;
        while (*p) {
            while (*p == '_') p++;
            if (!*p) break;
            char *s = p;
            /* '*' is an item of its own even when glued to a word ("*SCEPTICAL") */
            if (*p == '*') p++;
            else while (*p && *p != '_' && *p != '*') p++;
            char item[256];
            str_copy(item, sizeof item, s, (size_t)(p - s));
            if (first_item && !first_chunk && !(strcmp(item, "*") == 0 && !had_verb && cur->n == 0))
                push_kind(cur, PE_GAP8);
            first_item = false;
            if (!strcmp(item, "*")) {
                if (seen_verb) { free_elems(&pre); free_elems(&post); skip_line(v->d, v->path, v->line, "two '*' (verb) in one pattern"); return 0; }
                seen_verb = true;
                /* a gap pushed just before the verb belongs to the pre side */
                cur = &post;
                continue;
            }
            if (!strcmp(item, "$")) { push_kind(cur, PE_SOURCE); continue; }
            if (!strcmp(item, "+")) { push_kind(cur, PE_TARGET); continue; }
            if (!strcmp(item, "%")) { push_kind(cur, PE_COMPOUND); continue; }
            if (!strcmp(item, "^")) { push_kind(cur, PE_SKIP1); continue; }
            if (item[0] == '&') {
                synset *sy = find_synset(v, item + 1);
                if (!sy) {
                    /* production dictionaries refer to synsets they never define (Phoenix's
                     * &WEATHER): the pattern cannot match, so it is skipped with a warning */
                    if (!v->d->nwarnings++)
                        snprintf(v->d->warning, sizeof v->d->warning, "%s:%d: pattern skipped: unknown synset '%s'", v->path, v->line, item);
                    free_elems(&pre);
                    free_elems(&post);
                    return 0;
                }
                /* a synset is expanded once (Phoenix uses some in hundreds of patterns) */
                if (!sy->expanded) {
                    memset(&sy->el, 0, sizeof sy->el);
                    sy->el.kind = PE_WORD;
                    synset_members(v, sy, &sy->el, 0);
                    sy->expanded = true;
                }
                dict_pelem el = pelem_copy(&sy->el);
                if (!el.nalts && !el.nseq) { free_elems(&pre); free_elems(&post); skip_line(v->d, v->path, v->line, "synset '%s' is empty", item); return 0; }
                vec_push(*cur, el);
                continue;
            }
            /* TABARI's "REAL~": the word with any ending (really, neatest) */
            size_t il = strlen(item);
            while (il && item[il - 1] == '~') item[--il] = 0;
            if (!il) continue;
            words w;
            if (phrase_words(v->d, item, &w)) push_words(v->d, cur, &w);
            words_free(&w);
        }
        first_chunk = false;
    }
    if (!seen_verb) { free_elems(&pre); free_elems(&post); skip_line(v->d, v->path, v->line, "pattern without '*' (the verb's place)"); return 0; }
    /* a trailing gap on the pre side joins the verb with a gap: keep; drop a leading gap after */
    dict_pattern *dp = dict_new_pattern(v->d);
    /* pre: pattern words, then the verb's own words right before it */
    elems allpre = {0};
    for (size_t i = 0; i < pre.n; i++) vec_push(allpre, pre.v[i]);
    push_words(v->d, &allpre, &vf->pre);
    elems allpost = {0};
    push_word(&allpost, (int32_t *)vf->forms, vf->nforms);
    push_words(v->d, &allpost, &vf->post);
    for (size_t i = 0; i < post.n; i++) vec_push(allpost, post.v[i]);
    vec_free(pre);
    vec_free(post);
    dp->pre = allpre.v;
    dp->npre = (uint8_t)allpre.n;
    dp->e = allpost.v;
    dp->n = (uint8_t)allpost.n;
    dp->cameo = (int16_t)code;
    dp->cameo_back = (int16_t)back;
    dp->line = v->line;
    for (size_t i = 0; i < vf->nforms; i++) {
        if (vf->pp[i]) vec_push(v->d->tmp_pp, vf->forms[i]);
        vec_push(v->d->tmp_verb, vf->forms[i]);
    }
    return 0;
}

static int code_of(vctx *v, const char *code)
{
    if (!*code || !strcmp(code, "---")) return -1;
    int c = dict_code_index(v->d, code);
    return c < 0 ? -3 : c;
}

/* "[064]", "[---]", "[032:033]" (the second code is the reverse event: a visit and its
 * being hosted) -> code index, -1 for no event, -3 on error; *back gets the reverse. */
static int read_code(vctx *v, char *s, char **rest, int *back)
{
    char *open = strrchr(s, '['), *close = open ? strchr(open, ']') : NULL;
    *back = -1;
    if (!open || !close) return -3;
    *open = 0;
    *rest = s;
    char code[2][16] = { "", "" };
    size_t k = 0;
    int part = 0;
    for (char *p = open + 1; p < close; p++) {
        if (*p == ':' && !part) { code[0][k] = 0; part = 1; k = 0; continue; }
        if (!isspace((unsigned char)*p) && k + 1 < sizeof code[0]) code[part][k++] = *p;
    }
    code[part][k] = 0;
    if (part) {
        int b = code_of(v, code[1]);
        if (b == -3) return -3;
        *back = b;
    }
    return code_of(v, code[0]);
}

/* A listed form of a verb ({ BANS BANNED }) is taken for its participle when it ends the way
 * participles do (-ed, -en, -n, -t; "ACTXD" too), not -ing or -s */
static bool listed_participle(const char *low, size_t k)
{
    if (k >= 3 && !strcmp(low + k - 3, "ing")) return false;
    char c = low[k - 1];
    return c == 'd' || c == 'n' || c == 't';
}

static void verb_forms(vctx *v, char *line, verbform *vf)
{
    memset(vf, 0, sizeof *vf);
    vf->code = -2;
    char *lb = strchr(line, '{'), *irregular = NULL;
    if (lb) {
        char *rb = strchr(lb, '}');
        if (rb) *rb = 0;
        irregular = lb + 1;
        *lb = 0;
    }
    char *tr = line + strlen(line);
    while (tr > line && isspace((unsigned char)tr[-1])) *--tr = 0;
    if (line[0] == '+') line++;
    /* WIRE_+TAP: the word after '+' is the verb; others stay around it */
    char *plus = strchr(line, '+');
    char verb[128];
    char before[600] = "", after[600] = "";
    if (plus) {
        snprintf(before, sizeof before, "%.*s", (int)(plus - line), line);
        char *end = plus + 1;
        while (*end && *end != '_' && *end != ' ') end++;
        snprintf(verb, sizeof verb, "%.*s", (int)(end - plus - 1), plus + 1);
        snprintf(after, sizeof after, "%s", end);
    } else {
        char *end = line;
        while (*end && *end != '_' && *end != ' ' && *end != '=') end++;   /* TABARI "BAN=" */
        str_copy(verb, sizeof verb, line, (size_t)(end - line));
        str_copy(after, sizeof after, end, strlen(end));
    }
    char low[128];
    size_t k = text_normalise(verb, strlen(verb), low, sizeof low);
    if (k) vf->nforms = dict_inflect(v->d, low, vf->forms, vf->pp);
    /* TABARI verbs are stems unless closed by '_' ("RESTOR" for restore, restored): the
     * forms of the stem with a final e are added, which covers the stems the format uses */
    bool closed = after[0] == '_' || (plus && verb[0] && strchr(plus, '_') == plus + 1 + strlen(verb));
    if (k && v->d->compat_tabari && !closed && low[k - 1] != 'e' && k + 2 < sizeof low) {
        low[k] = 'e';
        low[k + 1] = 0;
        int32_t more[8];
        bool mpp[8];
        size_t nm = dict_inflect(v->d, low, more, mpp);
        for (size_t i = 0; i < nm && vf->nforms < 40; i++) {
            vf->forms[vf->nforms] = more[i];
            vf->pp[vf->nforms++] = mpp[i];
        }
    }
    /* TABARI matches a verb with other endings too ("departes", "departen") */
    if (k && v->d->compat_tabari) {
        static const char *const MORE[] = { "es", "en" };
        for (size_t i = 0; i < 2 && vf->nforms < 40 && k + 3 < sizeof low; i++) {
            char f[132];
            snprintf(f, sizeof f, "%.*s%s", (int)k, low, MORE[i]);
            vf->forms[vf->nforms] = dict_intern(v->d, f);
            vf->pp[vf->nforms++] = i == 1;
        }
    }
    if (irregular) {
        char *save = NULL;
        for (char *p = strtok_r(irregular, " \t", &save); p && vf->nforms < 40; p = strtok_r(NULL, " \t", &save)) {
            if (*p == '+') p++;
            char *us = strpbrk(p, "_");
            size_t len = us ? (size_t)(us - p) : strlen(p);
            k = text_normalise(p, len, low, sizeof low);
            if (!k) continue;
            vf->forms[vf->nforms] = dict_intern(v->d, low);
            vf->pp[vf->nforms] = listed_participle(low, k);
            vf->nforms++;
        }
    }
    phrase_words(v->d, before, &vf->pre);
    phrase_words(v->d, after, &vf->post);
}

int compat_load_verbs(dict *d, const char *path, sr_error *err)
{
    lines l;
    int rc = open_lines(&l, d, path, err);
    if (rc) return rc;
    synsets syns = {0};
    vctx v = { d, path, 0, err, &syns };
    VEC(verbform) block = {0};
    VEC(char *) patterns = {0};
    VEC(int) pattern_lines = {0};
    int block_code = -1, block_back = -1;
    bool in_synset = false;
    char *s;
    bool ind;
#define FLUSH_BLOCK() do { \
        for (size_t b = 0; b < block.n && !rc; b++) { \
            int own = block.v[b].code != -2 ? block.v[b].code : block_code; \
            int own_back = block.v[b].code != -2 ? block.v[b].back : block_back; \
            if (own >= 0) { v.line = pattern_lines.n ? pattern_lines.v[0] : l.lineno; rc = compile_pattern(&v, "*", &block.v[b], own, own_back); } \
            for (size_t p = 0; p < patterns.n && !rc; p++) { \
                char copy[1024]; \
                str_copy(copy, sizeof copy, patterns.v[p], strlen(patterns.v[p])); \
                char *rest; \
                v.line = pattern_lines.v[p]; \
                int back; \
                int c = read_code(&v, copy, &rest, &back); \
                if (c == -3) { skip_line(d, path, v.line, "pattern without a [code] (expected - PRE * POST [code])"); continue; } \
                rc = compile_pattern(&v, rest, &block.v[b], c, back); \
            } \
        } \
        for (size_t b = 0; b < block.n; b++) { words_free(&block.v[b].pre); words_free(&block.v[b].post); } \
        for (size_t p = 0; p < patterns.n; p++) free(patterns.v[p]); \
        block.n = 0; patterns.n = 0; pattern_lines.n = 0; \
    } while (0)
    while (!rc && (s = next_line(&l, &ind))) {
        v.line = l.lineno;
        if (!*s) continue;   /* blank and comment lines do not end a synset */
        /* TABARI's <TIME>, <NOUN> and <ADJECTIVE> lists steer its own parser and are not
         * used, but for time phrases coded "###" or "+++" ("when peace comes"): a sentence
         * holding one is not coded */
        if (l.tabari && !strcasecmp(l.section, "TIME") && (strstr(s, "[###]") || strstr(s, "[+++]"))) {
            char phrase[256];
            snprintf(phrase, sizeof phrase, "%.*s", (int)strcspn(s, "["), s);
            for (char *q = phrase + strlen(phrase); q > phrase && isspace((unsigned char)q[-1]); ) *--q = 0;
            if (phrase[0]) add_phrase_to(d, phrase, dict_add_actor(d, "SENTENCE", AK_DISCARD, INT32_MIN, INT32_MAX, phrase));
            continue;
        }
        if (l.tabari && l.section[0] && strcasecmp(l.section, "SYNSETS")) continue;
        if (l.tabari && s[0] == '{' && block.n) {
            /* "{ ACTING_ ACTXD_ }" on a line of its own: more forms of the verb above */
            verbform *vf = &block.v[block.n - 1];
            char forms[512];
            snprintf(forms, sizeof forms, "%s", s + 1);
            char *rb = strchr(forms, '}');
            if (rb) *rb = 0;
            char *save = NULL;
            for (char *f = strtok_r(forms, " \t", &save); f && vf->nforms < 40; f = strtok_r(NULL, " \t", &save)) {
                char low[128];
                size_t fl = strcspn(f, "_");
                size_t k = text_normalise(f, fl, low, sizeof low);
                if (!k) continue;
                vf->forms[vf->nforms] = dict_intern(d, low);
                vf->pp[vf->nforms++] = listed_participle(low, k);
            }
            continue;
        }
        if (s[0] == '&') {
            synset sy;
            memset(&sy, 0, sizeof sy);
            snprintf(sy.name, sizeof sy.name, "%s", s + 1);
            char *sp = strpbrk(sy.name, " \t");
            if (sp) *sp = 0;
            vec_push(syns, sy);
            in_synset = true;
            continue;
        }
        if (s[0] == '+' && in_synset) {
            synset *sy = &syns.v[syns.n - 1];
            vec_push(sy->members, xstrdup(s + 1));
            if (sy->expanded) { dict_pelem_free(&sy->el); sy->expanded = false; }
            continue;
        }
        in_synset = false;
        if (!strncmp(s, "---", 3)) {
            FLUSH_BLOCK();
            if (rc) break;
            char *rest;
            char copy[512];
            snprintf(copy, sizeof copy, "%s", s + 3);
            int c = read_code(&v, copy, &rest, &block_back);
            block_code = c == -3 ? -1 : c;
            if (c < 0) block_back = -1;
            continue;
        }
        if (s[0] == '-') {
            vec_push(patterns, xstrdup(s + 1));
            vec_push(pattern_lines, l.lineno);
            continue;
        }
        /* a verb line of the block: patterns read so far belong to the verbs before it; in
         * TABARI every verb line opens a block of its own */
        if (patterns.n || (l.tabari && block.n)) { FLUSH_BLOCK(); if (rc) break; }
        verbform vf;
        char copy[512];
        str_copy(copy, sizeof copy, s, strlen(s));
        char *open = strchr(copy, '[');
        int own = -2, own_back = -1;
        if (open) {
            char *rest;
            own = read_code(&v, copy, &rest, &own_back);
            if (own == -3) { skip_line(d, path, l.lineno, "bad code on a verb line (expected VERB [code])"); continue; }
        }
        verb_forms(&v, copy, &vf);
        vf.code = own;
        vf.back = own >= 0 ? own_back : -1;
        if (!vf.nforms) {
            skip_line(d, path, l.lineno, "no verb on this line (expected VERB, VERB {FORMS} or - PATTERN [code])");
            words_free(&vf.pre);
            words_free(&vf.post);
            continue;
        }
        vec_push(block, vf);
    }
    if (!rc) FLUSH_BLOCK();
#undef FLUSH_BLOCK
    for (size_t b = 0; b < block.n; b++) { words_free(&block.v[b].pre); words_free(&block.v[b].post); }
    for (size_t p = 0; p < patterns.n; p++) free(patterns.v[p]);
    for (size_t i = 0; i < syns.n; i++) {
        for (size_t k = 0; k < syns.v[i].members.n; k++) free(syns.v[i].members.v[k]);
        vec_free(syns.v[i].members);
        if (syns.v[i].expanded) dict_pelem_free(&syns.v[i].el);
    }
    vec_free(syns);
    vec_free(block);
    vec_free(patterns);
    vec_free(pattern_lines);
    free(l.buf);
    return rc;
}

/* ---- the other coders' options (sr_engine_set_option, a TABARI .options file) ---- */

static bool opt_bool(const char *v, bool *out)
{
    while (*v == ' ') v++;
    if (!strncasecmp(v, "true", 4) || !strcmp(v, "1") || !strncasecmp(v, "yes", 3)) { *out = true; return true; }
    if (!strncasecmp(v, "false", 5) || !strcmp(v, "0") || !strncasecmp(v, "no", 2)) { *out = false; return true; }
    return false;
}

/* TABARI's "SOURCE [X] PRIOR TARGET [Y] AFTER" (either part may be missing) or "OFF" */
static bool opt_default(dict *d, const char *v)
{
    d->def_src[0] = d->def_tgt[0] = 0;
    d->def_prior = d->def_after = false;
    while (*v == ' ') v++;
    if (!strncasecmp(v, "OFF", 3) || !*v) return true;
    for (const char *p = v; *p;) {
        while (*p == ' ') p++;
        bool src = !strncasecmp(p, "SOURCE", 6), tgt = !strncasecmp(p, "TARGET", 6);
        if (!src && !tgt) return false;
        const char *lb = strchr(p, '['), *rb = lb ? strchr(lb, ']') : NULL;
        if (!lb || !rb || rb - lb - 1 <= 0 || rb - lb - 1 >= 24) return false;
        snprintf(src ? d->def_src : d->def_tgt, 24, "%.*s", (int)(rb - lb - 1), lb + 1);
        p = rb + 1;
        while (*p == ' ') p++;
        if (src && !strncasecmp(p, "PRIOR", 5)) { d->def_prior = true; p += 5; }
        if (tgt && !strncasecmp(p, "AFTER", 5)) { d->def_after = true; p += 5; }
    }
    return true;
}

/* comma.min and the like by the name's tail: "min", "bmax" ... */
static size_t *comma_field(dict *d, const char *name)
{
    static const char *const NAMES[] = { "min", "max", "bmin", "bmax", "emin", "emax" };
    size_t *f[] = { &d->comma.min, &d->comma.max, &d->comma.bmin, &d->comma.bmax, &d->comma.emin, &d->comma.emax };
    for (size_t i = 0; i < 6; i++) if (!strcasecmp(name, NAMES[i])) return f[i];
    return NULL;
}

/* TABARI's "MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255 BMAX = 0" (any order, any subset) */
static bool opt_comma(dict *d, const char *v)
{
    char name[8];
    long num;
    int used;
    while (*v == ' ') v++;
    if (!strncasecmp(v, "OFF", 3)) { d->comma.max = d->comma.bmax = d->comma.emax = 0; return true; }
    while (*v) {
        if (sscanf(v, " %7[A-Za-z] = %ld%n", name, &num, &used) != 2 || num < 0 || num > 1000) return false;
        size_t *f = comma_field(d, name);
        if (!f) return false;
        *f = (size_t)num;
        v += used;
        while (*v == ' ') v++;
    }
    return true;
}

/* The options sitrep applies, by the name the other coder gives them: a row each. */
static const struct { const char *name, *values; } OPTIONS[] = {
    { "require_dyad", "true|false" },            /* PETRARCH-2 */
    { "default", "SOURCE [X] PRIOR TARGET [Y] AFTER|OFF" },   /* TABARI */
    { "convert agent", "true|false" },           /* TABARI SET: CONVERT AGENT */
    { "minimum words", "N" },                    /* TABARI SET: MINIMUM WORDS (default 8) */
    { "code", "BY CLAUSE|BY SENTENCE|ALL" },      /* TABARI SET: CODE */
    { "comma", "MIN = N MAX = N BMIN = N BMAX = N EMIN = N EMAX = N|OFF" },   /* TABARI */
    { "comma_min", "N" }, { "comma_max", "N" }, { "comma_bmin", "N" },      /* PETRARCH-2 */
    { "comma_bmax", "N" }, { "comma_emin", "N" }, { "comma_emax", "N" },
};

int compat_set_option(dict *d, const char *name, const char *value, sr_error *err)
{
    bool b = false, ok = false;
    char key[64];
    /* TABARI writes "SET: CONVERT AGENT"; PETRARCH-2 "require_dyad" */
    snprintf(key, sizeof key, "%s", name ? name : "");
    const char *k = !strncasecmp(key, "SET:", 4) ? key + 4 : key;
    while (*k == ' ') k++;
    if (value && !strcasecmp(k, "require_dyad") && opt_bool(value, &b)) { d->one_sided = !b; ok = true; }
    else if (value && !strcasecmp(k, "default")) ok = opt_default(d, value);
    else if (value && !strcasecmp(k, "code")) {
        /* "SET: CODE BY CLAUSE" reaches here as name "SET: CODE", value "BY CLAUSE" */
        char v[32];
        snprintf(v, sizeof v, "%s", value);
        for (char *q = v; *q; q++) if (*q == '_') *q = ' ';
        char *x = v;
        while (*x == ' ') x++;
        for (char *q = x + strlen(x); q > x && q[-1] == ' '; ) *--q = 0;
        if (!strcasecmp(x, "BY CLAUSE")) { d->code_by = CODE_BY_CLAUSE; ok = true; }
        else if (!strcasecmp(x, "BY SENTENCE")) { d->code_by = CODE_BY_SENTENCE; ok = true; }
        else if (!strcasecmp(x, "ALL")) { d->code_by = CODE_ALL; ok = true; }
    }
    else if (value && !strcasecmp(k, "comma")) ok = opt_comma(d, value);
    else if (value && !strncasecmp(k, "comma_", 6)) {
        size_t *f = comma_field(d, k + 6);
        char *end;
        long v = strtol(value, &end, 10);
        while (*end == ' ') end++;
        if ((ok = f && !*end && v >= 0 && v <= 1000)) *f = (size_t)v;
    }
    else if (value && (!strcasecmp(k, "minimum words") || !strcasecmp(k, "minimum_words"))) {
        char *end;
        long v = strtol(value, &end, 10);
        while (*end == ' ') end++;
        if ((ok = !*end && v >= 0 && v <= 1000)) d->min_words = (size_t)v;
    }
    else if (value && (!strcasecmp(k, "convert agent") || !strcasecmp(k, "convert_agent")) && opt_bool(value, &b)) {
        snprintf(d->lone_agent, sizeof d->lone_agent, "%s", b ? "~" : "");
        ok = true;
    }
    if (ok) return 0;
    if (err) {
        err->code = SR_EUSAGE; err->offset = -1;
        int n = snprintf(err->message, sizeof err->message, "unknown option or value: %s=%s (known:", name ? name : "", value ? value : "");
        for (size_t i = 0; i < sizeof OPTIONS / sizeof *OPTIONS && n > 0 && (size_t)n < sizeof err->message; i++)
            n += snprintf(err->message + n, sizeof err->message - (size_t)n, " %s=%s", OPTIONS[i].name, OPTIONS[i].values);
        if (n > 0 && (size_t)n < sizeof err->message) snprintf(err->message + n, sizeof err->message - (size_t)n, ")");
    }
    return SR_EUSAGE;
}

/* A TABARI .options file: "CMD: value" lines ("//" comments). The commands sitrep applies
 * take effect; the others (output, labels, logging) are TABARI's business. */
int compat_load_options(dict *d, const char *path, sr_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        if (err) { err->code = SR_EIO; err->offset = -1; snprintf(err->message, sizeof err->message, "%s: %s", path, strerror(errno)); }
        return SR_EIO;
    }
    char line[512];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = 0;
        if (!strncmp(line, "//", 2)) continue;
        char *colon = strchr(line, ':');
        if (!colon) continue;
        *colon = 0;
        char *v = colon + 1, name[96];
        if (!strcasecmp(line, "SET")) {   /* SET: NAME = VALUE */
            char *eq = strchr(v, '=');
            if (!eq) continue;
            *eq = 0;
            snprintf(name, sizeof name, "%.95s", v);
            v = eq + 1;
        } else snprintf(name, sizeof name, "%.95s", line);
        for (char *q = name + strlen(name); q > name && q[-1] == ' '; ) *--q = 0;
        char *nm = name;
        while (*nm == ' ') nm++;
        compat_set_option(d, nm, v, NULL);   /* not one sitrep applies: ignored */
    }
    fclose(f);
    return 0;
}
