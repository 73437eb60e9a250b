/* actors: mention finding (see actors.h).
 *
 * 1. Dictionary pass: at each token the longest phrase wins; among phrases of that length
 *    a leader counts only if the story date lies in the leader's range.
 * 2. Composition pass, left to right:
 *      COUNTRY|ADJ ['s] AGENT [Name]   -> country+sector, and the name is learned
 *      ADJ and ADJ AGENT               -> one mention per adjective, each with the sector
 *      ADJ people-noun                 -> country+CVL ("Azeri men")
 *      ADJ other-noun                  -> nothing ("the Armenian region")
 *      IGO|GROUP|LEADER [Name]         -> as coded; a following name is learned
 *      he/she                          -> the last person named
 *      the two / both ... countries|sides|leaders -> the last pair of countries (+ sector)
 * 3. Grouping: mentions separated only by , and or - form a compound. */
#include "actors.h"
#include "when.h"
#include "count.h"
#include "util.h"
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

bool actors_same_country(const char *a, const char *b) { return strncmp(a, b, 3) == 0; }

typedef struct raw { size_t b; int32_t actor; int memo; bool eli; } raw;

static bool phrase_at(const actor_ctx *c, const dict_phrase *p, const tok *t, size_t n, size_t i)
{
    if (p->n > n - i) return false;
    for (size_t k = 0; k < p->n; k++) {
        if (t[i + k].sym != p->sym[k]) return false;
        if (p->exact[k]) {
            size_t len = t[i + k].end - t[i + k].start;
            if (len != strlen(p->exact[k]) || memcmp(c->text + t[i + k].start, p->exact[k], len) != 0) return false;
        }
    }
    return true;
}

static bool leader_valid(const actor_ctx *c, const dict_actor *a) { return dict_actor_valid(a, c->date); }

/* Compat dictionaries match by stem: the sentence's normalised words, NULL for none. */
static char **norm_words(const actor_ctx *c, const tok *t, size_t n)
{
    /* PETRARCH-2 phrases have no stems and each of their words is a symbol (dict_finish): a
     * token matches one only through its own symbol, whose string is its normalised form */
    if (!c->d->compat_tabari) {
        char **w = xcalloc(n + 1, sizeof *w);
        for (size_t i = 0; i < n; i++)
            if (t[i].sym >= 0 && (size_t)t[i].sym < c->d->nsyms) w[i] = (char *)strtab_str(&c->d->st, t[i].sym);
        return w;
    }
    /* one block: the pointers, then the words (a normalised word is at most 127 bytes, and
     * never longer than four times its source) */
    size_t room = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = 4 * (size_t)(t[i].end - t[i].start) + 2;
        room += l < 128 ? l : 128;
    }
    char **w = xcalloc(1, (n + 1) * sizeof *w + room);
    char *at = (char *)(w + n + 1);
    for (size_t i = 0; i < n; i++) {
        size_t cap = 4 * (size_t)(t[i].end - t[i].start) + 2, k;
        if (cap > 128) cap = 128;
        if (t[i].flags & TK_PUNCT) { at[0] = t[i].punct; at[1] = 0; k = 1; }
        else k = text_normalise(c->text + t[i].start, t[i].end - t[i].start, at, cap);
        if (k) { w[i] = at; at += k + 1; }
    }
    return w;
}

/* memo names are stored as normalised token strings */
static bool memo_at(const actor_ctx *c, const tok *t, size_t n, size_t i, size_t *end, int *which)
{
    if (!(t[i].flags & TK_CAP)) return false;
    const actor_memory *m = c->mem;
    size_t best = 0;
    for (size_t k = 0; k < m->nnames; k++) {
        size_t len = m->names[k].n;
        if (len > n - i || len <= best) continue;
        bool ok = true;
        for (size_t j = 0; j < len && ok; j++) {
            char norm[64];
            size_t l = text_normalise(c->text + t[i + j].start, t[i + j].end - t[i + j].start, norm, sizeof norm);
            ok = l && (int32_t)hash_bytes(norm, l) == m->names[k].sym[j];
        }
        if (ok) { best = len; *which = (int)k; }
    }
    if (best) *end = i + best;
    return best > 0;
}

static void learn_name(const actor_ctx *c, const tok *t, size_t a, size_t b, const char *code)
{
    actor_memory *m = c->mem;
    if (!c->learn || b <= a || b - a > 4) return;
    /* the full name, and the surname alone */
    for (int pass = 0; pass < 2; pass++) {
        size_t s = pass ? b - 1 : a;
        if (pass && b - a == 1) break;
        if (m->nnames == ACT_MAX_MEMO) memmove(&m->names[0], &m->names[1], sizeof m->names[0] * (ACT_MAX_MEMO - 1)), m->nnames--;
        __typeof__(m->names[0]) *e = &m->names[m->nnames];
        e->n = (uint8_t)(b - s);
        bool ok = true;
        for (size_t j = s; j < b; j++) {
            char norm[64];
            size_t l = text_normalise(c->text + t[j].start, t[j].end - t[j].start, norm, sizeof norm);
            if (!l) { ok = false; break; }
            e->sym[j - s] = (int32_t)hash_bytes(norm, l);
        }
        if (!ok) continue;
        snprintf(e->code, sizeof e->code, "%s", code);
        m->nnames++;
    }
}

/* A personal name: 1-3 capitalised words that no dictionary claims. */
static size_t name_span(const actor_ctx *c, const tok *t, size_t n, size_t i, const raw *r)
{
    size_t j = i;
    while (j < n && j - i < 3 && (t[j].flags & TK_CAP) && (t[j].flags & TK_WORD) && !(t[j].flags & TK_NUM) &&
           r[j].actor < 0 && r[j].memo < 0 &&
           !(dict_symflags(c->d, t[j].sym) & (SF_MONTH | SF_WEEKDAY | SF_DET | SF_PREP | SF_CONJ | SF_VERB | SF_SPEECH)))
        j++;
    return j - i;
}

static bool is_country_code(const char *code) { return strlen(code) == 3 && strcmp(code, "IGO") && strcmp(code, "NGO"); }

static void add_sector(char *code, const char *sector)
{
    /* countries take one sector; IGO codes and codes that already carry one stay */
    if (is_country_code(code)) strncat(code, sector, ACT_MAX_CODE - 4);
}

static size_t push(mention *out, size_t k, size_t a, size_t b, const char *code)
{
    /* TABARI/PETRARCH write one phrase for several actors as "FRO/BIL/SAM": one mention
     * each, over the same words (grouped as a compound) */
    const char *slash = strchr(code, '/');
    if (slash && slash > code) {
        char first[ACT_MAX_CODE];
        snprintf(first, sizeof first, "%.*s", (int)(slash - code), code);
        k = push(out, k, a, b, first);
        return push(out, k, a, b, slash + 1);
    }
    if (k >= ACT_MAX_MENTIONS) return k;
    memset(&out[k], 0, sizeof out[k]);
    out[k].a = a; out[k].b = b;
    snprintf(out[k].code, sizeof out[k].code, "%s", code);
    out[k].group = (int)k;
    return k + 1;
}

/* What "the two X" / "both X" makes of the remembered pair: a row per head noun. `sector`
 * replaces the pair's own sectors (both leaders -> GOV); `country` keeps the countries alone
 * (the two countries); other heads (sides, parties, rivals) keep the pair as named. */
static const struct { const char *head; const char *sector; bool country; } PAIR_HEADS[] = {
    {"leaders", "GOV", true}, {"governments", "GOV", true}, {"presidents", "GOV", true},
    {"armies", "MIL", true}, {"militaries", "MIL", true}, {"countries", NULL, true},
    {"nations", NULL, true}, {"states", NULL, true}, {"neighbours", NULL, true}, {"neighbors", NULL, true},
};

static void pair_member(const actor_ctx *c, const tok *h, const char *member, char *out)
{
    snprintf(out, ACT_MAX_CODE, "%s", member);
    for (size_t i = 0; i < sizeof PAIR_HEADS / sizeof *PAIR_HEADS; i++) {
        if (!text_is(c->text, h, PAIR_HEADS[i].head)) continue;
        if (PAIR_HEADS[i].country && strncmp(member, "IGO", 3) && strncmp(member, "NGO", 3)) out[3] = 0;
        if (PAIR_HEADS[i].sector) add_sector(out, PAIR_HEADS[i].sector);
        return;
    }
}

/* Joins mentions separated only by joining words into compounds: "X and Y", "X, Y and
 * the Z", "X-Y". Group ids are the index of the group's first mention. */
static void group_mentions(const actor_ctx *c, const tok *t, mention *out, size_t k)
{
    for (size_t m = 0; m < k; m++) {
        out[m].group = (int)m;
        if (m == 0 || out[m].media || out[m - 1].media) continue;
        /* one phrase standing for several actors ("both sides", "Azerbaijani and Armenian") */
        if (out[m].a == out[m - 1].a || out[m].a < out[m - 1].b) { out[m].group = out[m - 1].group; continue; }
        /* "Bree President Romendacil": a title and the name right after it (adjacent, of one
         * country) are one actor, the more specific code (the one with a sector) for both */
        /* ... and a person right after a title of another country keeps the title's code
         * ("Valdoria's minister Kestrel", the name's own entry being elsewhere) */
        bool titled = strlen(out[m - 1].code) > 3 && strncmp(out[m - 1].code, "IGO", 3) && strncmp(out[m - 1].code, "NGO", 3) &&
                      !out[m - 1].person && strlen(out[m].code) >= 3;
        if (out[m].a == out[m - 1].b && out[m].code[0] && (titled || !strncmp(out[m].code, out[m - 1].code, 3)) &&
            !out[m].media && !out[m - 1].media) {
            if (!titled && strlen(out[m].code) > strlen(out[m - 1].code)) snprintf(out[m - 1].code, ACT_MAX_CODE, "%s", out[m].code);
            out[m - 1].b = out[m].b;
            out[m - 1].person = true;
            out[m].code[0] = 0;   /* members() skips an empty code */
            out[m].group = out[m - 1].group;
            continue;
        }
        /* after "and" or a comma, a determiner may come before the next member; with
         * TABARI/PETRARCH dictionaries a couple of adjectives too ("Valdoria and the evil
         * awful Kestria"; on sitrep's own it joined too much: PLOVER precision fell) */
        bool joined = true, conj = false;
        size_t plain = 0;
        for (size_t x = out[m - 1].b; x < out[m].a && joined; x++) {
            uint32_t f = dict_symflags(c->d, t[x].sym);
            bool sep = (f & SF_CONJ) || ((t[x].flags & TK_PUNCT) && (t[x].punct == ',' || t[x].punct == '-'));
            if (sep) conj = true;
            bool adjective = c->d->compat && conj && (t[x].flags & TK_WORD) && !(t[x].flags & (TK_CAP | TK_NUM)) &&
                             !(f & (SF_VERB | SF_PREP | SF_BE | SF_HAVE | SF_MODAL_PLAN | SF_MODAL_HYPO | SF_REL | SF_SUBORD |
                                    SF_CONJ | SF_DET)) &&
                             ++plain <= 2;
            joined = sep || text_is(c->text, &t[x], "both") || (conj && (f & SF_DET)) || adjective;
        }
        if (joined) out[m].group = out[m - 1].group;
    }
}

/* Remembers the last compound of exactly two actors (two countries, or two sides within
 * one: SDNMIL and SDNREB) as the pair that "the two countries" and "both sides" mean, and
 * whether it was named as the sides of a fight. */
static void learn_pair(const actor_ctx *c, const tok *t, size_t n, const mention *out, size_t k, actor_memory *mem)
{
    for (size_t m = 0; m + 1 < k; m++) {
        if (out[m].group != (int)m || out[m].media) continue;
        size_t cnt = 0;
        char cc[2][ACT_MAX_CODE];
        bool ok = true;
        for (size_t y = m; y < k && out[y].group == (int)m; y++) {
            if (out[y].no_country) { ok = false; break; }
            if (!out[y].code[0]) continue;   /* merged into the mention before it */
            if (cnt && !strcmp(cc[0], out[y].code)) continue;
            if (cnt == 2 && !strcmp(cc[1], out[y].code)) continue;
            if (cnt == 2) { ok = false; break; }
            snprintf(cc[cnt++], ACT_MAX_CODE, "%s", out[y].code);
        }
        if (!ok || cnt != 2 || !strncmp(cc[0], "IGO", 3) || !strncmp(cc[1], "IGO", 3)) continue;
        snprintf(mem->pair[0], ACT_MAX_CODE, "%s", cc[0]);
        snprintf(mem->pair[1], ACT_MAX_CODE, "%s", cc[1]);
        mem->have_pair = true;
        bool sides = out[m].a > 0 && text_is(c->text, &t[out[m].a - 1], "between");
        for (size_t y = m + 1; y < k && out[y].group == (int)m; y++)
            if (out[y].a > 1 && t[out[y].a - 1].punct == '-' && t[out[y].a - 1].start == t[out[y].a - 2].end) sides = true;
        for (size_t x = 0; x < n && !sides; x++) if (dict_symflags(c->d, t[x].sym) & SF_EVENT_NOUN) sides = true;
        mem->pair_conflict = sides;
    }
}

size_t actors_find(const actor_ctx *c, const tok *t, size_t n, mention *out)
{
    const dict *d = c->d;
    raw *r = xmalloc((n + 1) * sizeof *r);
    char **norm = d->compat ? norm_words(c, t, n) : NULL;
    c->mem->discard = false;
    /* 1. dictionary and memory */
    for (size_t i = 0; i < n; i++) {
        r[i].actor = -1; r[i].memo = -1; r[i].b = i; r[i].eli = false;
        int32_t s = t[i].sym;
        if (norm) {
            size_t len;
            int32_t p = d->stem_first || (dict_symflags(d, s) & SF_PHRASE_START) ? dict_match_stem(d, norm, n, i, c->date, &len) : -1;
            const char *pc = p >= 0 ? d->actors[d->phrases[p].actor].code : "";
            if (p >= 0 && d->actors[d->phrases[p].actor].kind == AK_DISCARD) {
                c->mem->discard = true;
                if (!strcmp(pc, "STORY")) c->mem->discard_story = true;
            } else if (p >= 0 && d->compat_tabari && (!strcmp(pc, "###") || !strcmp(pc, "+++"))) {
                c->mem->discard = true;   /* TABARI's null codes ("USSR [USR <911226] [###]"): no event */
            } else if (p >= 0) {
                r[i].actor = d->phrases[p].actor;
                r[i].b = i + len;
            }
        } else if (s >= 0 && (size_t)s < d->nsyms) {
            int len = -1;
            int32_t out_of_office = -1;
            for (int32_t x = d->phrase_head[s]; x >= 0; x = d->phr[x].next) {
                const dict_phr *q = &d->phr[x];
                if (len >= 0 && q->n < len) break;
                if (q->n >= 2 && (i + 1 >= n || t[i + 1].sym != q->sym1)) continue;
                int32_t p = q->p;
                const dict_phrase *ph = &d->phrases[p];
                if (!phrase_at(c, ph, t, n, i)) continue;
                len = ph->n;
                if (!leader_valid(c, &d->actors[ph->actor])) { if (out_of_office < 0) out_of_office = p; continue; }
                r[i].actor = ph->actor;
                r[i].b = i + ph->n;
                break;
            }
            /* a leader named outside his or her time in office is one of the country's
             * elite (CAMEO's ELI), before or after the office */
            if (r[i].actor < 0 && out_of_office >= 0) {
                r[i].actor = d->phrases[out_of_office].actor;
                r[i].b = i + d->phrases[out_of_office].n;
                r[i].eli = true;
            }
        }
        size_t me;
        int which;
        if (memo_at(c, t, n, i, &me, &which) && (r[i].actor < 0 || me > r[i].b)) {
            r[i].actor = -1; r[i].memo = which; r[i].b = me;
        }
    }
    /* 2. composition */
    size_t k = 0;
    for (size_t i = 0; i < n && k < ACT_MAX_MENTIONS; ) {
        uint32_t f = dict_symflags(d, t[i].sym);
        if (r[i].memo >= 0) {
            const char *code = c->mem->names[r[i].memo].code;
            k = push(out, k, i, r[i].b, code);
            out[k - 1].person = true;
            if (c->learn) snprintf(c->mem->last_person, ACT_MAX_CODE, "%s", code);
            i = r[i].b;
            continue;
        }
        if (r[i].actor < 0) {
            /* the words below are pronouns and determiners: one lookup rules out the rest */
            if (!(f & (SF_PRON_PERSON | SF_PRON_THING | SF_DET))) { i++; continue; }
            /* he / she */
            if ((f & SF_PRON_PERSON) && (text_is(c->text, &t[i], "he") || text_is(c->text, &t[i], "she")) && c->mem->last_person[0]) {
                k = push(out, k, i, i + 1, c->mem->last_person);
                out[k - 1].person = true;
                i++;
                continue;
            }
            /* "It accused Iran": it/they as a clause subject (a verb follows) is the last
             * country or organisation that was one */
            if ((text_is(c->text, &t[i], "it") || text_is(c->text, &t[i], "they")) &&
                i + 1 < n && (dict_symflags(d, t[i + 1].sym) & (SF_VERB | SF_BE | SF_HAVE | SF_MODAL_PLAN | SF_MODAL_HYPO | SF_NEG))) {
                /* "The African Union said it would": this sentence's first organisation */
                const char *org = c->mem->last_org;
                for (size_t y = 0; y < k; y++)
                    if (!out[y].media && !out[y].person && !out[y].no_country) { org = out[y].code; break; }
                if (!org[0]) { i++; continue; }
                k = push(out, k, i, i + 1, org);
                i++;
                continue;
            }
            /* the two (Caucasus) countries / both sides / both leaders */
            bool two = i + 1 < n && text_is(c->text, &t[i], "the") && text_is(c->text, &t[i + 1], "two");
            bool both = text_is(c->text, &t[i], "both");
            actor_memory *pm = c->mem;
            actor_memory local;
            if (two || both) {
                /* a pair named earlier in this very sentence comes first */
                group_mentions(c, t, out, k);
                local = *c->mem;
                learn_pair(c, t, i, out, k, &local);
                pm = &local;
            }
            if ((two || both) && pm->have_pair) {
                size_t h = i + (two ? 2 : 1), lim = h + 3;
                while (h < n && h < lim && !(dict_symflags(d, t[h].sym) & SF_PAIR_HEAD) && r[h].actor < 0 &&
                       (t[h].flags & TK_WORD)) h++;
                if (h < n && h < lim && (dict_symflags(d, t[h].sym) & SF_PAIR_HEAD)) {
                    for (int p = 0; p < 2; p++) {
                        char code[ACT_MAX_CODE];
                        pair_member(c, &t[h], pm->pair[p], code);
                        k = push(out, k, i, h + 1, code);
                        if (p) out[k - 1].group = out[k - 2].group;
                    }
                    i = h + 1;
                    continue;
                }
            }
            i++;
            continue;
        }
        const dict_actor *a = &d->actors[r[i].actor];
        size_t j = r[i].b;
        if (a->kind == AK_MEDIA) {
            k = push(out, k, i, j, "");
            out[k - 1].media = true;
            out[k - 1].label = a->label;
            i = j;
            continue;
        }
        if (a->kind == AK_AGENT) {
            /* A sector word alone ("Police arrested ...", "Demonstrators wave ..."): a mention
             * without a country, so that it holds its place as the subject. A title before a
             * name the dictionary knows is left to the name ("President Ilham Aliyev"). */
            if (j < n && (r[j].actor >= 0 || r[j].memo >= 0)) { i = j; continue; }
            size_t q = j;
            while (q < n && r[q].actor >= 0 && d->actors[r[q].actor].kind == AK_AGENT) q = r[q].b;
            /* "Lawmakers (and officials) in Valdoria and Kestria": sectors of the countries
             * named after in/of, one mention per pair */
            const char *sectors[4] = { a->code };
            size_t nsec = 1, x = q;
            while (nsec < 4 && x + 1 < n && (dict_symflags(d, t[x].sym) & SF_CONJ) && r[x + 1].actor >= 0 &&
                   d->actors[r[x + 1].actor].kind == AK_AGENT) {
                sectors[nsec++] = d->actors[r[x + 1].actor].code;
                x = r[x + 1].b;
            }
            /* TABARI/PETRARCH's convention; on sitrep's own dictionaries it cost HRDsAttack
             * recall (police "in" a city are often not that city's police), so only there */
            if (d->compat && x + 1 < n && (text_is(c->text, &t[x], "in") || text_is(c->text, &t[x], "of") ||
                                           text_is(c->text, &t[x], "from")) && r[x + 1].actor >= 0 &&
                d->actors[r[x + 1].actor].kind != AK_AGENT && d->actors[r[x + 1].actor].kind != AK_MEDIA &&
                d->actors[r[x + 1].actor].kind != AK_DISCARD) {
                const char *countries[6];
                size_t nc = 0, y = x + 1;
                countries[nc++] = d->actors[r[y].actor].code;
                y = r[y].b;
                while (nc < 6 && y + 1 < n && ((dict_symflags(d, t[y].sym) & SF_CONJ) || t[y].punct == ',') &&
                       r[y + 1].actor >= 0 && d->actors[r[y + 1].actor].kind != AK_AGENT) {
                    countries[nc++] = d->actors[r[y + 1].actor].code;
                    y = r[y + 1].b;
                }
                int g = (int)k;
                for (size_t ci = 0; ci < nc; ci++)
                    for (size_t si = 0; si < nsec; si++) {
                        char code[ACT_MAX_CODE];
                        snprintf(code, sizeof code, "%s", countries[ci]);
                        add_sector(code, sectors[si]);
                        k = push(out, k, i, y, code);
                        out[k - 1].group = g;
                    }
                i = y;
                continue;
            }
            k = push(out, k, i, q, a->code);
            out[k - 1].no_country = true;
            i = q;
            continue;
        }
        /* adjective compounds: "Azerbaijani and Armenian leaders" */
        if (a->kind == AK_ADJ) {
            size_t adjs[6], nadj = 0, q = i;
            adjs[nadj++] = i;
            q = r[i].b;
            while (nadj < 6 && q + 1 < n && ((dict_symflags(d, t[q].sym) & SF_CONJ) || t[q].punct == ',') &&
                   r[q + 1].actor >= 0 && d->actors[r[q + 1].actor].kind == AK_ADJ) {
                adjs[nadj++] = q + 1;
                q = r[q + 1].b;
            }
            const char *sector = NULL;
            size_t end = q;
            if (q < n && r[q].actor >= 0 && d->actors[r[q].actor].kind == AK_AGENT) {
                sector = d->actors[r[q].actor].code;
                end = r[q].b;
                while (end < n && r[end].actor >= 0 && d->actors[r[end].actor].kind == AK_AGENT) end = r[end].b;
            } else if (q < n && (dict_symflags(d, t[q].sym) & SF_PEOPLE_NOUN)) {
                sector = "CVL";
                end = q + 1;
            }
            if (!sector) { i = q; continue; }   /* "the Armenian region": not an actor */
            /* "Danish media and government", "Armenian police and soldiers": the adjective
             * belongs to each sector of the coordination */
            const char *more[3];
            size_t nmore = 0;
            while (nmore < 3 && end + 1 < n && (dict_symflags(d, t[end].sym) & SF_CONJ) && r[end + 1].actor >= 0 &&
                   d->actors[r[end + 1].actor].kind == AK_AGENT) {
                more[nmore++] = d->actors[r[end + 1].actor].code;
                end = r[end + 1].b;
            }
            int g = (int)k;
            for (size_t x = 0; x < nadj; x++)
                for (size_t y = 0; y <= nmore; y++) {
                    char code[ACT_MAX_CODE];
                    snprintf(code, sizeof code, "%s", d->actors[r[adjs[x]].actor].code);
                    add_sector(code, y ? more[y - 1] : sector);
                    k = push(out, k, adjs[x], x + 1 < nadj ? r[adjs[x]].b : end, code);
                    out[k - 1].group = g;
                }
            /* a name after a single adjective+title: "Armenian Prime Minister Nikol Pashinyan" */
            if (nadj == 1 && strcmp(sector, "CVL") != 0) {
                size_t nm = name_span(c, t, n, end, r);
                if (nm) {
                    learn_name(c, t, end, end + nm, out[k - 1].code);
                    out[k - 1].b = end + nm;
                    out[k - 1].person = true;
                    if (c->learn) snprintf(c->mem->last_person, ACT_MAX_CODE, "%s", out[k - 1].code);
                    end += nm;
                }
            }
            i = end;
            continue;
        }
        char code[ACT_MAX_CODE];
        if (r[i].eli && strncmp(a->code, "IGO", 3)) snprintf(code, sizeof code, "%.3sELI", a->code);
        else snprintf(code, sizeof code, "%s", a->code);
        bool person = a->kind == AK_LEADER;
        if (a->kind == AK_PEOPLE) add_sector(code, "CVL");
        /* possessive and sector: "Azerbaijan's President", "Russian troops" */
        size_t q = j;
        if (q < n && text_is(c->text, &t[q], "'s")) {
            q++;
            /* "Valdoria's new deputy minister", "X's awful and evil minister": modifiers
             * between the possessive and the sector */
            size_t y = q;
            while (y < n && y < q + 3 && r[y].actor < 0 && r[y].memo < 0 && (t[y].flags & TK_WORD) &&
                   !(dict_symflags(d, t[y].sym) & (SF_VERB | SF_PREP | SF_DET | SF_BE | SF_HAVE | SF_MODAL_PLAN |
                                                  SF_MODAL_HYPO | SF_PRON_PERSON | SF_PRON_THING | SF_REL | SF_SUBORD)))
                y++;
            if (y > q && y < n && r[y].actor >= 0 && d->actors[r[y].actor].kind == AK_AGENT) q = y;
        }
        /* "Yemen's Houthis", "Sudan's RSF": the possessor only says whose; the group acts */
        if (q > j && q < n && r[q].actor >= 0 && d->actors[r[q].actor].kind != AK_AGENT &&
            d->actors[r[q].actor].kind != AK_MEDIA) { i = q; continue; }
        /* "EU flags", "the Iran deal": a name used as a modifier of a thing is not an actor */
        bool modifier = q == j && q < n && (dict_symflags(d, t[q].sym) & SF_ADJUNCT);
        bool had_agent = false;
        char bare[ACT_MAX_CODE];
        snprintf(bare, sizeof bare, "%s", code);
        while (q < n && r[q].actor >= 0 && d->actors[r[q].actor].kind == AK_AGENT) {
            if (!had_agent) add_sector(code, d->actors[r[q].actor].code);
            had_agent = true;
            q = r[q].b;
        }
        /* "Danish media and government", "Russian troops and police": the country belongs
         * to each sector of the coordination */
        if (had_agent && is_country_code(bare)) {
            int g = -1;
            while (q + 1 < n && (dict_symflags(d, t[q].sym) & SF_CONJ) && r[q + 1].actor >= 0 &&
                   d->actors[r[q + 1].actor].kind == AK_AGENT && k + 1 < ACT_MAX_MENTIONS &&
                   !(r[q + 1].b < n && r[r[q + 1].b].actor >= 0)) {
                if (g < 0) { k = push(out, k, i, q, code); g = (int)k - 1; out[g].group = g; }
                char more[ACT_MAX_CODE];
                snprintf(more, sizeof more, "%s", bare);
                add_sector(more, d->actors[r[q + 1].actor].code);
                q = r[q + 1].b;
                k = push(out, k, i, q, more);
                out[k - 1].group = g;
            }
            if (g >= 0) { i = q; continue; }
        }
        if (had_agent || a->kind == AK_IGO || a->kind == AK_GROUP) {
            size_t nm = name_span(c, t, n, had_agent ? q : j, r);
            if (nm && (had_agent || a->kind != AK_GROUP)) {
                size_t ns = had_agent ? q : j;
                learn_name(c, t, ns, ns + nm, code);
                q = ns + nm;
                person = true;
            } else if (!had_agent) q = j;
        } else q = j;
        k = push(out, k, i, q, code);
        out[k - 1].person = person;
        out[k - 1].modifier = modifier;
        if (person && c->learn) snprintf(c->mem->last_person, ACT_MAX_CODE, "%s", code);
        i = q;
    }
    free(r);
    if (norm) {
        free(norm);
    }
    /* 3. compounds, prepositions, places */
    group_mentions(c, t, out, k);
    for (size_t m = 0; m < k; m++) {
        if (out[m].group != (int)m) continue;
        /* the word before the group, skipping determiners */
        size_t x = out[m].a;
        while (x > 0 && (dict_symflags(d, t[x - 1].sym) & SF_DET)) x--;
        /* "after France and Germany had led ...": a subordinator opening a clause whose
         * subject is this group (a verb follows the group) is not a preposition */
        size_t ge = out[m].b;
        for (size_t y = m + 1; y < k && out[y].group == out[m].group; y++) ge = out[y].b;
        const uint32_t verbish = SF_VERB | SF_BE | SF_HAVE | SF_MODAL_PLAN | SF_MODAL_HYPO;
        /* ... or after the noun the group modifies: "after Valdorian crowds burned" */
        if (ge + 1 < n && (t[ge].flags & TK_WORD) && !(t[ge].flags & TK_CAP) &&
            !(dict_symflags(d, t[ge].sym) & (verbish | SF_PREP | SF_CONJ | SF_DET)) && (dict_symflags(d, t[ge + 1].sym) & verbish))
            ge++;
        bool clause_subject = (dict_symflags(d, t[x > 0 ? x - 1 : 0].sym) & SF_SUBORD) && ge < n &&
                              (dict_symflags(d, t[ge].sym) & verbish);
        /* "Thousands of Georgian protesters": a partitive "of" keeps the subject */
        size_t u;
        bool partitive = x >= 2 && text_is(c->text, &t[x - 1], "of") &&
                         (count_number(c->text, t, n, x - 2, &u) >= 0 || (dict_symflags(d, t[x - 2].sym) & SF_QUANT));
        if (x > 0 && (dict_symflags(d, t[x - 1].sym) & SF_PREP) && !clause_subject && !partitive) {
            out[m].in_pp = true;
            const tok *p = &t[x - 1];
            if ((text_is(c->text, p, "in") || text_is(c->text, p, "at") || text_is(c->text, p, "near") || text_is(c->text, p, "inside") ||
                 text_is(c->text, p, "across")) && is_country_code(out[m].code))
                out[m].place = true;
        }
    }
    for (size_t m = 1; m < k; m++) {
        mention *h = &out[out[m].group];
        if (out[m].group != (int)m) {
            out[m].in_pp = h->in_pp;
            out[m].place = h->place;
            /* "the Armenia-Azerbaijan conflict": the last member's noun makes all modifiers */
            if (out[m].modifier) h->modifier = true;
        }
    }
    for (size_t m = 0; m < k; m++) out[m].modifier = out[out[m].group].modifier;
    /* remember the first subject-like country or organisation for "it" / "they" */
    if (c->learn)
        for (size_t m = 0; m < k; m++) {
            if (out[m].media || out[m].person || out[m].in_pp || out[m].place || out[m].modifier || out[m].no_country) continue;
            if (out[m].group != (int)m || (m + 1 < k && out[m + 1].group == (int)m)) break;
            snprintf(c->mem->last_org, ACT_MAX_CODE, "%s", out[m].code);
            break;
        }
    if (c->learn) learn_pair(c, t, n, out, k, c->mem);
    return k;
}
