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

typedef struct raw { size_t b; int32_t actor; int memo; } raw;

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

static bool leader_valid(const actor_ctx *c, const dict_actor *a)
{
    if (a->kind != AK_LEADER) return true;
    if (c->date == WHEN_NONE) return a->to == INT32_MAX;   /* undated: current office holders */
    return c->date >= a->from && c->date <= a->to;
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
    if (k >= ACT_MAX_MENTIONS) return k;
    memset(&out[k], 0, sizeof out[k]);
    out[k].a = a; out[k].b = b;
    snprintf(out[k].code, sizeof out[k].code, "%s", code);
    out[k].group = (int)k;
    return k + 1;
}

static const char *pair_sector(const actor_ctx *c, const tok *h)
{
    if (text_is(c->text, h, "leaders") || text_is(c->text, h, "governments") || text_is(c->text, h, "presidents")) return "GOV";
    if (text_is(c->text, h, "armies") || text_is(c->text, h, "militaries")) return "MIL";
    return NULL;
}

size_t actors_find(const actor_ctx *c, const tok *t, size_t n, mention *out)
{
    const dict *d = c->d;
    raw *r = xmalloc((n + 1) * sizeof *r);
    /* 1. dictionary and memory */
    for (size_t i = 0; i < n; i++) {
        r[i].actor = -1; r[i].memo = -1; r[i].b = i;
        int32_t s = t[i].sym;
        if (s >= 0 && (size_t)s < d->nsyms) {
            int len = -1;
            for (int32_t p = d->phrase_head[s]; p >= 0; p = d->phrases[p].next) {
                const dict_phrase *ph = &d->phrases[p];
                if (len >= 0 && ph->n < len) break;
                if (!phrase_at(c, ph, t, n, i)) continue;
                len = ph->n;
                if (!leader_valid(c, &d->actors[ph->actor])) continue;
                r[i].actor = ph->actor;
                r[i].b = i + ph->n;
                break;
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
            /* he / she */
            if ((f & SF_PRON_PERSON) && (text_is(c->text, &t[i], "he") || text_is(c->text, &t[i], "she")) && c->mem->last_person[0]) {
                k = push(out, k, i, i + 1, c->mem->last_person);
                out[k - 1].person = true;
                i++;
                continue;
            }
            /* "It accused Iran": it/they as a clause subject (a verb follows) is the last
             * country or organisation that was one */
            if ((text_is(c->text, &t[i], "it") || text_is(c->text, &t[i], "they")) && c->mem->last_org[0] &&
                i + 1 < n && (dict_symflags(d, t[i + 1].sym) & (SF_VERB | SF_BE | SF_HAVE | SF_MODAL_PLAN | SF_MODAL_HYPO | SF_NEG))) {
                k = push(out, k, i, i + 1, c->mem->last_org);
                i++;
                continue;
            }
            /* the two (Caucasus) countries / both sides / both leaders */
            bool two = i + 1 < n && text_is(c->text, &t[i], "the") && text_is(c->text, &t[i + 1], "two");
            bool both = text_is(c->text, &t[i], "both");
            if ((two || both) && c->mem->have_pair) {
                size_t h = i + (two ? 2 : 1), lim = h + 3;
                while (h < n && h < lim && !(dict_symflags(d, t[h].sym) & SF_PAIR_HEAD) && r[h].actor < 0 &&
                       (t[h].flags & TK_WORD)) h++;
                if (h < n && h < lim && (dict_symflags(d, t[h].sym) & SF_PAIR_HEAD)) {
                    const char *sec = pair_sector(c, &t[h]);
                    for (int p = 0; p < 2; p++) {
                        char code[ACT_MAX_CODE];
                        snprintf(code, sizeof code, "%s", c->mem->pair[p]);
                        if (sec) add_sector(code, sec);
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
            int g = (int)k;
            for (size_t x = 0; x < nadj; x++) {
                char code[ACT_MAX_CODE];
                snprintf(code, sizeof code, "%s", d->actors[r[adjs[x]].actor].code);
                add_sector(code, sector);
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
        snprintf(code, sizeof code, "%s", a->code);
        bool person = a->kind == AK_LEADER;
        if (a->kind == AK_PEOPLE) add_sector(code, "CVL");
        /* possessive and sector: "Azerbaijan's President", "Russian troops" */
        size_t q = j;
        if (q < n && text_is(c->text, &t[q], "'s")) q++;
        /* "Yemen's Houthis", "Sudan's RSF": the possessor only says whose; the group acts */
        if (q > j && q < n && r[q].actor >= 0 && d->actors[r[q].actor].kind != AK_AGENT &&
            d->actors[r[q].actor].kind != AK_MEDIA) { i = q; continue; }
        /* "EU flags", "the Iran deal": a name used as a modifier of a thing is not an actor */
        bool modifier = q == j && q < n && (dict_symflags(d, t[q].sym) & SF_ADJUNCT);
        bool had_agent = false;
        while (q < n && r[q].actor >= 0 && d->actors[r[q].actor].kind == AK_AGENT) {
            if (!had_agent) add_sector(code, d->actors[r[q].actor].code);
            had_agent = true;
            q = r[q].b;
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
    /* 3. compounds, prepositions, places */
    for (size_t m = 0; m < k; m++) {
        if (m > 0 && !out[m].media && !out[m - 1].media) {
            bool joined = true;
            for (size_t x = out[m - 1].b; x < out[m].a && joined; x++) {
                uint32_t f = dict_symflags(d, t[x].sym);
                joined = (f & SF_CONJ) || text_is(c->text, &t[x], "both") ||
                         ((t[x].flags & TK_PUNCT) && (t[x].punct == ',' || t[x].punct == '-'));
            }
            if (joined && out[m].a >= out[m - 1].b) out[m].group = out[m - 1].group;
        }
    }
    for (size_t m = 0; m < k; m++) {
        if (out[m].group != (int)m) continue;
        /* the word before the group, skipping determiners */
        size_t x = out[m].a;
        while (x > 0 && (dict_symflags(d, t[x - 1].sym) & SF_DET)) x--;
        /* "after France and Germany had led ...": a subordinator opening a clause whose
         * subject is this group (a verb follows the group) is not a preposition */
        size_t ge = out[m].b;
        for (size_t y = m + 1; y < k && out[y].group == out[m].group; y++) ge = out[y].b;
        bool clause_subject = (dict_symflags(d, t[x > 0 ? x - 1 : 0].sym) & SF_SUBORD) && ge < n &&
                              (dict_symflags(d, t[ge].sym) & (SF_VERB | SF_BE | SF_HAVE | SF_MODAL_PLAN | SF_MODAL_HYPO));
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
    /* remember the last pair of countries named together */
    if (c->learn) {
        for (size_t m = 0; m + 1 < k; m++) {
            if (out[m].group != (int)m || out[m].media) continue;
            size_t cnt = 0;
            char cc[2][4];
            bool ok = true;
            for (size_t y = m; y < k && out[y].group == (int)m; y++) {
                if (cnt < 2 && (cnt == 0 || !actors_same_country(cc[0], out[y].code))) {
                    snprintf(cc[cnt++], 4, "%.3s", out[y].code);
                } else if (!(cnt >= 1 && actors_same_country(cc[0], out[y].code)) &&
                           !(cnt == 2 && actors_same_country(cc[1], out[y].code))) ok = false;
            }
            if (ok && cnt == 2 && strncmp(cc[0], "IGO", 3) && strncmp(cc[1], "IGO", 3)) {
                snprintf(c->mem->pair[0], ACT_MAX_CODE, "%s", cc[0]);
                snprintf(c->mem->pair[1], ACT_MAX_CODE, "%s", cc[1]);
                c->mem->have_pair = true;
            }
        }
    }
    return k;
}
