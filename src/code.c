/* code: clause chunking, pattern matching and role assignment (see code.h).
 *
 * For each sentence:
 *  1. Clauses: boundaries at ; : ( ) and spaced dashes, at reporting verbs, at commas that
 *     open a subordinate, relative or coordinated clause, and at while/although/because/but.
 *  2. Anchors: at each token with patterns, the longest pattern that matches wins; words
 *     inside a match, and an infinitive right after another event ("called on X to take
 *     steps"), are not anchors again.
 *  3. Roles: source = the clause subject (first actor mention before the anchor that is not
 *     after a preposition, not a speaker, not a place); after "which/who" it is the mention
 *     the relative clause hangs on. Target = the T slot, else the first actor after the
 *     match and before the next anchor (topics after on/about/over are not targets).
 *     Passive (be + participle): the subject is the target and "by X" the source.
 *  4. Carry-over: a request with no target whose clause mentions a meeting ("the session",
 *     "the talks") targets whoever holds the meeting; a second request in the sentence
 *     shares the first's target; material conflict with no actors at all ("55 people were
 *     killed in clashes") is between the current two sides.
 *  5. Output: one event per (source, target) member pair; mutual acts in both directions;
 *     no event without a source, and none without a target for the roots that need one. */
#include "code.h"
#include "util.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const CODE_FACT_NAMES[] = { "asserted", "claimed", "planned", "hypothetical", "negated" };

/* CAMEO roots whose events may lack a target: statements, appeals, intents, meetings,
 * yielding, rejections, protests, force posture, coercion and violence. A row per root. */
static const bool ROOT_ALLOWS_NO_TARGET[21] = {
    [1] = true, [2] = true, [3] = true, [4] = true, [8] = true, [13] = true, [14] = true,
    [15] = true, [17] = true, [18] = true, [19] = true, [20] = true,
};

/* Roots whose verbs take the act they ask for, intend or threaten as a complement:
 * intent (03), appeal (02), demand (10), threat (13). Anchors after them in the same
 * clause are that complement, not events. */
static const bool COMPLEMENT_ROOT[21] = { [2] = true, [3] = true, [10] = true, [13] = true };

static bool is_attr_verb(const code_input *in, size_t i)
{
    for (size_t k = 0; k < in->nat; k++) if (in->at[k].verb == i) return true;
    return false;
}

/* A mention group starts within two words after token i and a verb follows it (or a noun
 * it modifies, then a verb). */
static bool subordinate_subject(const code_input *in, size_t i)
{
    for (size_t k = 0; k < in->nm; k++) {
        const mention *m = &in->m[k];
        if (m->group != (int)k || m->media || m->a <= i || m->a > i + 3) continue;
        size_t e = m->b;
        for (size_t y = k + 1; y < in->nm && in->m[y].group == (int)k; y++) e = in->m[y].b;
        const uint32_t verbish = SF_VERB | SF_BE | SF_HAVE | SF_MODAL_PLAN | SF_MODAL_HYPO;
        if (e < in->n && (dict_symflags(in->d, in->t[e].sym) & verbish)) return true;
        /* "after Calenardhon crowds burned": a name modifying the noun that is the subject */
        return e + 1 < in->n && (in->t[e].flags & TK_WORD) && !(in->t[e].flags & TK_CAP) &&
               !(dict_symflags(in->d, in->t[e].sym) & (verbish | SF_PREP | SF_CONJ | SF_DET)) &&
               (dict_symflags(in->d, in->t[e + 1].sym) & verbish);
    }
    return false;
}

/* Token i is one of an actor mention's words */
static bool inside_mention(const code_input *in, size_t i)
{
    for (size_t k = 0; k < in->nm; k++) if (in->m[k].a <= i && i < in->m[k].b && !in->m[k].media) return true;
    return false;
}

/* Token i lies inside a compound's words, between its first and its last member ("Mordor,
 * the awful Fornost, and good Gondor"): a comma there joins actors, not clauses. */
static bool inside_compound(const code_input *in, size_t i)
{
    for (size_t k = 0; k < in->nm; k++) {
        const mention *m = &in->m[k];
        if (m->group != (int)k || m->a > i) continue;
        size_t e = m->b;
        for (size_t y = k + 1; y < in->nm && in->m[y].group == (int)k; y++) e = in->m[y].a;
        if (i < e) return true;
    }
    return false;
}

static int *clauses(const code_input *in)
{
    const tok *t = in->t;
    int *id = xmalloc((in->n + 1) * sizeof *id);
    int cur = 0;
    for (size_t i = 0; i < in->n; i++) {
        bool b = false;
        /* a short parenthesis ("the European Union (EU) agree") is an aside, not a clause */
        if ((t[i].flags & TK_PUNCT) && t[i].punct == '(') {
            size_t c = i + 1;
            while (c < in->n && c < i + 5 && !((t[c].flags & TK_PUNCT) && t[c].punct == ')')) c++;
            if (c < in->n && c < i + 5) {
                for (size_t x = i; x <= c; x++) id[x] = cur;
                i = c;
                continue;
            }
        }
        uint32_t fn = i + 1 < in->n ? dict_symflags(in->d, t[i + 1].sym) : 0;
        if (t[i].flags & TK_PUNCT) {
            char p = t[i].punct;
            if (p == ';' || p == ':' || p == '(' || p == ')') b = true;
            else if (p == '-' && i > 0 && t[i].start > t[i - 1].end) b = true;
            else if (p == ',' && (fn & (SF_SUBORD | SF_REL | SF_CONJ)) && !inside_compound(in, i)) b = true;
            else if (p == ',' && ((i + 1 < in->n && is_attr_verb(in, i + 1)) || (i > 0 && is_attr_verb(in, i - 1)))) b = true;
        } else if (is_attr_verb(in, i)) b = true;
        else if ((dict_symflags(in->d, t[i].sym) & SF_SUBORD) && i > 0 && subordinate_subject(in, i)) {
            /* "Britain requested the session after the United States and Norway had called":
             * a subordinator with its own subject opens a clause */
            cur++;
        }
        else if (dict_symflags(in->d, t[i].sym) & SF_CLAUSE) cur++;   /* while, although, because, but */
        if (b) { id[i] = -1; cur++; continue; }
        id[i] = cur;
    }
    return id;
}

/* A coordinating conjunction between tokens a and b: "condemned X and promised Y" */
static bool conj_between(const code_input *in, size_t a, size_t b)
{
    for (size_t j = a; j < b; j++) if (dict_symflags(in->d, in->t[j].sym) & SF_CONJ) return true;
    return false;
}

/* A past tense or participle: known as such, or a word in -ed (dictionaries in other
 * coders' formats list forms like CALLED as their own verbs) */
static bool past_form(const code_input *in, size_t i)
{
    const tok *p = &in->t[i];
    size_t len = p->end - p->start;
    return (dict_symflags(in->d, p->sym) & SF_PP) ||
           ((p->flags & TK_WORD) && len > 4 && in->text[p->start + len - 2] == 'e' && in->text[p->start + len - 1] == 'd');
}

/* Token i heads a noun phrase opened by a determiner: "a brief private visit", "an anti-
 * Gondor parade", "the visit". Between the determiner and i (at most three words) only
 * modifiers: no preposition, auxiliary, negation, conjunction or other punctuation than a
 * joined hyphen. A past form ("the government condemned") and a base form after a plural
 * ("the two sides meet") are still verbs; right after the determiner nothing is. */
static bool noun_head(const code_input *in, size_t i)
{
    const tok *t = in->t;
    const uint32_t stop = SF_PREP | SF_BE | SF_HAVE | SF_MODAL_PLAN | SF_MODAL_HYPO | SF_NEG | SF_CONJ |
                          SF_PRON_PERSON | SF_PRON_THING | SF_REL | SF_SUBORD | SF_SPEECH;
    bool plural = false, names = true;
    size_t words = 0;
    for (size_t j = i; j > 0; j--) {
        const tok *p = &t[j - 1];
        uint32_t f = dict_symflags(in->d, p->sym);
        if (p->flags & TK_PUNCT) {
            if (p->punct == '-' && (p->end == t[j].start || (j > 1 && t[j - 2].end == p->start))) continue;
            return false;
        }
        if (f & SF_DET) {
            if (j == i) return true;
            /* "the Central African Republic agree": a name after "the" is a subject; after
             * "a" or "an" it modifies a noun ("an anti- Gondor parade") */
            bool indefinite = text_is(in->text, p, "a") || text_is(in->text, p, "an");
            return !plural && !past_form(in, i) && (indefinite || !names);
        }
        if ((f & stop) || past_form(in, j - 1) || ++words > 3) return false;
        size_t len = p->end - p->start;
        const char *w = in->text + p->start;
        if (!(p->flags & TK_CAP)) names = false;
        if (!(p->flags & TK_CAP) && len > 3 && w[len - 1] == 's' && w[len - 2] != 's' && w[len - 2] != 'u')
            plural = true;
    }
    return false;
}

/* mention index starting at token i (skipping up to two determiners), or -1 */
static int mention_starting(const code_input *in, size_t i, size_t lim)
{
    for (int skip = 0; skip < 3 && i < lim; skip++, i++) {
        for (size_t k = 0; k < in->nm; k++)
            if (in->m[k].a == i && !in->m[k].media) return (int)in->m[k].group;
        if (!(dict_symflags(in->d, in->t[i].sym) & SF_DET)) break;
    }
    return -1;
}

static size_t group_end(const code_input *in, int g)
{
    size_t e = in->m[g].b;
    for (size_t k = (size_t)g; k < in->nm; k++) if (in->m[k].group == g && in->m[k].b > e) e = in->m[k].b;
    return e;
}

/* What a pattern match found: where it ends, and the groups in its slots (-1: none). */
typedef struct match { size_t end, start; int target, source, compound; } match;

/* The mention group that ends exactly at token pos (skipping nothing), or -1. */
static int mention_ending(const code_input *in, size_t pos)
{
    for (size_t k = 0; k < in->nm; k++) {
        const mention *m = &in->m[k];
        if (m->group != (int)k || m->media) continue;
        size_t e = m->b;
        for (size_t y = k + 1; y < in->nm && in->m[y].group == (int)k; y++) e = in->m[y].b;
        if (e == pos) return (int)k;
    }
    return -1;
}

static int *slot_of(match *mt, int kind)
{
    return kind == PE_TARGET ? &mt->target : kind == PE_SOURCE ? &mt->source : &mt->compound;
}

/* How many words a gap may skip: TABARI's space between pattern words skips any number
 * within the clause; sitrep's own "*" and "**" (and PETRARCH's space) three and eight */
static size_t gap_max(const dict *d, int kind)
{
    if (d->compat_tabari) return SIZE_MAX;
    return kind == PE_GAP3 ? 3 : 8;
}

/* Backtracking match of the words before the anchor: element ei ends right before pos. */
static bool match_pre(const code_input *in, const dict_pattern *p, int ei, size_t pos, const int *cl, int clause, match *mt)
{
    if (ei < 0) { mt->start = pos; return true; }
    const dict_pelem *e = &p->pre[ei];
    switch (e->kind) {
    case PE_GAP3: case PE_GAP8: {
        size_t max = gap_max(in->d, e->kind);
        for (size_t g = 0; g <= max && g <= pos; g++) {
            if (g > 0 && cl[pos - g] != clause) break;
            if (match_pre(in, p, ei - 1, pos - g, cl, clause, mt)) return true;
        }
        return false;
    }
    case PE_SKIP1:
        return pos > 0 && cl[pos - 1] == clause && match_pre(in, p, ei - 1, pos - 1, cl, clause, mt);
    case PE_TARGET: case PE_SOURCE: case PE_COMPOUND: {
        int g = mention_ending(in, pos);
        if (g < 0 || cl[in->m[g].a] != clause) return false;
        int *slot = slot_of(mt, e->kind), save = *slot;
        *slot = g;
        if (match_pre(in, p, ei - 1, in->m[g].a, cl, clause, mt)) return true;
        *slot = save;
        return false;
    }
    default:
        if (pos > 0 && cl[pos - 1] == clause) {
            for (uint8_t a = 0; a < e->nalts; a++)
                if (in->t[pos - 1].sym == e->alts[a]) {
                    if (match_pre(in, p, ei - 1, pos - 1, cl, clause, mt)) return true;
                    break;
                }
        }
        for (uint8_t q = 0; q < e->nseq; q++) {
            size_t len = e->seqlen[q];
            if (len > pos) continue;
            bool ok = true;
            for (size_t k = 0; k < len && ok; k++)
                ok = cl[pos - len + k] == clause && in->t[pos - len + k].sym == e->seq[q][k];
            if (ok && match_pre(in, p, ei - 1, pos - len, cl, clause, mt)) return true;
        }
        return e->optional ? match_pre(in, p, ei - 1, pos, cl, clause, mt) : false;
    }
}

/* Backtracking match of pattern elements e[ei..] at token pos within the clause. */
static bool match_from(const code_input *in, const dict_pattern *p, int ei, size_t pos, size_t lim,
                       const int *cl, int clause, match *mt)
{
    if (ei == p->n) { mt->end = pos; return true; }
    const dict_pelem *e = &p->e[ei];
    switch (e->kind) {
    case PE_GAP3: case PE_GAP8: {
        size_t max = gap_max(in->d, e->kind);
        for (size_t g = 0; g <= max && pos + g <= lim; g++) {
            if (g > 0 && cl[pos + g - 1] != clause) break;
            if (match_from(in, p, ei + 1, pos + g, lim, cl, clause, mt)) return true;
        }
        return false;
    }
    case PE_SKIP1:
        return pos < lim && cl[pos] == clause && match_from(in, p, ei + 1, pos + 1, lim, cl, clause, mt);
    case PE_TARGET: case PE_SOURCE: case PE_COMPOUND: {
        int g = mention_starting(in, pos, lim);
        if (g < 0) return false;
        int *slot = slot_of(mt, p->e[ei].kind), save = *slot;
        *slot = g;
        if (match_from(in, p, ei + 1, group_end(in, g), lim, cl, clause, mt)) return true;
        *slot = save;
        return false;
    }
    default:
        if (pos < lim && cl[pos] == clause) {
            for (uint8_t a = 0; a < e->nalts; a++)
                if (in->t[pos].sym == e->alts[a]) {
                    if (match_from(in, p, ei + 1, pos + 1, lim, cl, clause, mt)) return true;
                    break;
                }
        }
        for (uint8_t q = 0; q < e->nseq; q++) {
            size_t len = e->seqlen[q];
            bool ok = pos + len <= lim;
            for (size_t k = 0; k < len && ok; k++) ok = cl[pos + k] == clause && in->t[pos + k].sym == e->seq[q][k];
            if (ok && match_from(in, p, ei + 1, pos + len, lim, cl, clause, mt)) return true;
        }
        return e->optional ? match_from(in, p, ei + 1, pos, lim, cl, clause, mt) : false;
    }
}

typedef struct hitp { size_t anchor, end, start; int pat; int target, source, compound; } hitp;

/* PETRARCH-2 codes a sector word with no country as an actor of unknown country,
 * "---GOV" (TABARI, when told to, "~GOV"); sitrep's own coder and TABARI drop it */
static bool lone_agents(const dict *d) { return d->compat && d->lone_agent[0]; }

/* A sector word that counts part of a toll ("95 people were killed, including 11
 * civilians"): the victims of the event the sentence reports, not a party to it */
static bool sub_count(const code_input *in, const mention *m)
{
    if (m->a < 2) return false;
    const tok *n = &in->t[m->a - 1];
    bool number = (n->flags & TK_NUM) || (dict_symflags(in->d, n->sym) & SF_NUMWORD);
    return number && (text_is(in->text, &in->t[m->a - 2], "including") || text_is(in->text, &in->t[m->a - 2], "among"));
}

/* Mentions that cannot take a role: outlets, speakers, and sector words with no country to
 * give them ("diplomats", "police" in a sentence that names no place). */
static bool speaker_or_media(const code_input *in, const mention *m)
{
    return m->media || attrib_in_speaker(in->at, in->nat, m->a) ||
           (m->no_country && ((!in->place_country && !lone_agents(in->d)) || sub_count(in, m)));
}

/* First subject-like mention group in [from, to). */
static int subject_in(const code_input *in, size_t from, size_t to)
{
    for (size_t k = 0; k < in->nm; k++) {
        const mention *m = &in->m[k];
        if (m->group != (int)k || m->a < from || m->a >= to) continue;
        if (m->in_pp || m->place || m->modifier || speaker_or_media(in, m)) continue;
        return (int)k;
    }
    return -1;
}

/* The preposition before the mention or anchor at token i (skipping determiners and up to
 * two plain words, e.g. "about the latest clashes"), or NULL. */
static const tok *prep_before(const code_input *in, size_t i, size_t plain)
{
    size_t skipped = 0;
    while (i > 0) {
        uint32_t f = dict_symflags(in->d, in->t[i - 1].sym);
        if (f & SF_PREP) return &in->t[i - 1];
        if (f & SF_DET) { i--; continue; }
        /* words between: "about the latest clashes", "on Sudan fighting"; a time ("on
         * Sunday called") ends the search, since the anchor is then a verb */
        if (skipped < plain && (in->t[i - 1].flags & TK_WORD) && !(in->t[i - 1].flags & TK_NUM) &&
            !(f & (SF_VERB | SF_BE | SF_HAVE | SF_WEEKDAY | SF_MONTH))) {
            skipped++;
            i--;
            continue;
        }
        return NULL;
    }
    return NULL;
}

/* Prepositions that introduce a topic, a time or a setting rather than a participant:
 * "talks on Armenia", "in the middle of the UN General Assembly", "concerned about
 * clashes". For force (roots 17-20) the setting is the target: "fired rockets at Israel",
 * "shelled positions in Azerbaijan", "an attack on Ukraine". A row per word; `force` marks
 * the words that name a target for force. */
static const struct { const char *w; bool force; } NON_PARTICIPANT[] = {
    {"on", true}, {"at", true}, {"in", true}, {"near", true}, {"inside", true}, {"across", true},
    {"about", false}, {"over", false}, {"regarding", false}, {"concerning", false}, {"of", false},
    {"during", false}, {"since", false}, {"after", false}, {"before", false}, {"amid", false},
    {"following", false}, {"among", false},
};

static bool non_participant(const code_input *in, const tok *p, int root)
{
    /* TABARI and PETRARCH take the first actor after the verb, whatever the preposition */
    if (!p || in->d->compat) return false;
    for (size_t w = 0; w < sizeof NON_PARTICIPANT / sizeof *NON_PARTICIPANT; w++)
        if (text_is(in->text, p, NON_PARTICIPANT[w].w)) return !(NON_PARTICIPANT[w].force && root >= 17);
    return false;
}

/* The first participant after the match: a mention right after it (the pattern ended on
 * its preposition: "call+ on"), or one not introduced by a topic or setting preposition. */
static int target_after(const code_input *in, size_t from, size_t to, int root)
{
    int direct = mention_starting(in, from, to);
    if (direct >= 0 && !in->m[direct].modifier && !speaker_or_media(in, &in->m[direct])) return direct;
    for (size_t k = 0; k < in->nm; k++) {
        const mention *m = &in->m[k];
        if (m->group != (int)k || m->a < from || m->a >= to || m->modifier) continue;
        if (speaker_or_media(in, m) || non_participant(in, prep_before(in, m->a, 0), root)) continue;
        return (int)k;
    }
    return -1;
}

static bool word_before(const code_input *in, size_t anchor, size_t back, uint32_t flags, int clause, const int *cl)
{
    for (size_t j = anchor; j > 0 && anchor - j < back; j--) {
        if (cl[j - 1] != clause) break;
        if (dict_symflags(in->d, in->t[j - 1].sym) & flags) return true;
    }
    return false;
}

/* start: where the pattern's match begins; a negation the pattern itself names ("- &NEG *
 * OVER EFFORTS") is part of its code, not a denial of it. */
static int factuality(const code_input *in, size_t anchor, size_t start, size_t end, int clause, const int *cl)
{
    if (word_before(in, start, 4 - (anchor - start < 4 ? anchor - start : 4), SF_NEG, clause, cl)) return FACT_NEGATED;
    /* a question asserts nothing: "Will X attack Y?" */
    if (in->t[in->n - 1].punct == '?' || (in->n > 1 && in->t[in->n - 2].punct == '?')) return FACT_HYPOTHETICAL;
    /* "if" anywhere in the clause, or a modal of possibility before the verb */
    for (size_t j = 0; j < in->n; j++)
        if (cl[j] == clause && (dict_symflags(in->d, in->t[j].sym) & SF_IF)) return FACT_HYPOTHETICAL;
    /* "if ..." in the next clause of the same sentence also makes this one conditional */
    for (size_t j = end; j < in->n && j < end + 12; j++)
        if (dict_symflags(in->d, in->t[j].sym) & SF_IF) return FACT_HYPOTHETICAL;
    if (word_before(in, anchor, 4, SF_MODAL_HYPO, clause, cl)) {
        /* reported future: "said he would meet" is a plan, not a condition */
        for (size_t j = anchor; j > 0 && anchor - j < 5; j--)
            if (text_is(in->text, &in->t[j - 1], "would"))
                for (size_t v = j - 1; v > 0 && j - 1 - v < 4; v--)
                    if (is_attr_verb(in, v - 1)) return FACT_PLANNED;
        return FACT_HYPOTHETICAL;
    }
    if (word_before(in, anchor, 4, SF_MODAL_PLAN, clause, cl)) return FACT_PLANNED;
    /* headline infinitive: "Council to meet Tuesday" */
    if (anchor > 0 && text_is(in->text, &in->t[anchor - 1], "to") && anchor >= 2 && cl[anchor - 2] == clause) {
        for (size_t k = 0; k < in->nm; k++)
            if (in->m[k].b == anchor - 1) return FACT_PLANNED;
    }
    return FACT_ASSERTED;
}

static bool passive_at(const code_input *in, size_t anchor, int clause, const int *cl)
{
    if (!(dict_symflags(in->d, in->t[anchor].sym) & SF_PP)) return false;
    for (size_t j = anchor; j > 0 && anchor - j < 3; j--) {
        if (cl[j - 1] != clause) return false;
        uint32_t f = dict_symflags(in->d, in->t[j - 1].sym);
        if (f & SF_BE) return true;
        /* adverbs in between: "was reportedly shelled" */
        const tok *w = &in->t[j - 1];
        size_t n = w->end - w->start;
        bool adv = n > 3 && in->text[w->end - 1] == 'y' && in->text[w->end - 2] == 'l';
        if (!adv && !text_is(in->text, w, "also") && !text_is(in->text, w, "then")) return false;
    }
    return false;
}

/* The CAMEO root (1-20) of a code; 0 for codes of other schemes in compat dictionaries. */
static int root_of(const dict *d, int cameo)
{
    const char *c = d->cameo[cameo].code;
    if (c[0] < '0' || c[0] > '9' || c[1] < '0' || c[1] > '9') return 0;
    int r = (c[0] - '0') * 10 + (c[1] - '0');
    return r <= 20 ? r : 0;
}

static bool meeting_word_in(const code_input *in, size_t from, int clause, const int *cl)
{
    static const char *const MEETING[] = { "session", "meeting", "talks", "consultations", "summit", "it", NULL };
    for (size_t j = from; j < in->n && cl[j] == clause; j++)
        for (int w = 0; MEETING[w]; w++) if (text_is(in->text, &in->t[j], MEETING[w])) return true;
    return false;
}

typedef struct role { char code[ACT_MAX_CODE]; size_t a, b; } role;

/* members of a mention group, unique by code */
static size_t members(const code_input *in, int g, role *out, size_t max)
{
    size_t k = 0;
    for (size_t i = (size_t)g; i < in->nm && k < max; i++) {
        if (in->m[i].group != g) continue;
        bool dup = false;
        for (size_t j = 0; j < k; j++) if (strcmp(out[j].code, in->m[i].code) == 0) dup = true;
        if (dup || !in->m[i].code[0]) continue;
        if (in->m[i].no_country) {
            /* "Police arrested ... in Tbilisi, Georgia": the sector takes the place's country;
             * with no place in the sentence the actor is unknown and drops out */
            if (lone_agents(in->d))   /* the other coder's convention first ("students" ---EDU) */
                snprintf(out[k].code, sizeof out[k].code, "%s%.20s", in->d->lone_agent, in->m[i].code);
            else if (in->place_country)
                snprintf(out[k].code, sizeof out[k].code, "%.3s%.20s", in->place_country, in->m[i].code);
            else continue;
        } else snprintf(out[k].code, sizeof out[k].code, "%s", in->m[i].code);
        out[k].a = in->m[i].a; out[k].b = in->m[i].b;
        k++;
    }
    return k;
}

/* TABARI's DEFAULT option: a missing source or target takes the default code. Without
 * PRIOR the first actor after the verb is the source when none comes before it (so the
 * default target may follow); without AFTER a compound source gives its later members as
 * targets. */
static void tabari_defaults(const dict *d, role *src, size_t *ns, role *dst, size_t *nt, bool prior_actor)
{
    if (!prior_actor && !d->def_prior && *nt) {
        src[0] = dst[0];
        *ns = 1;
        memmove(dst, dst + 1, (*nt - 1) * sizeof *dst);
        (*nt)--;
    }
    if (!*nt && !d->def_after && *ns > 1) {
        memcpy(dst, src + 1, (*ns - 1) * sizeof *dst);
        *nt = *ns - 1;
        *ns = 1;
    }
    if (!*ns && d->def_src[0]) { snprintf(src[0].code, sizeof src[0].code, "%s", d->def_src); src[0].a = src[0].b = 0; *ns = 1; }
    if (!*nt && d->def_tgt[0]) { snprintf(dst[0].code, sizeof dst[0].code, "%s", d->def_tgt); dst[0].a = dst[0].b = 0; *nt = 1; }
}

/* What CAMEO codes an act that is only announced ("will support", "plans to send aid") as:
 * the intent to do it (03). A row per code prefix, the longest first; acts of other roots
 * keep their code, factuality saying they are planned. A meeting that is announced (04,
 * "will hold talks at 5 p.m.") stays a meeting: it is scheduled, with a time users want on
 * the CONSULT record itself. */
static const struct { const char *act, *intent; } PLANNED_AS_INTENT[] = {
    { "057", "030" },
    { "061", "0311" }, { "062", "0312" }, { "063", "0313" }, { "064", "0314" },
    { "071", "0331" }, { "072", "0332" }, { "073", "0333" }, { "074", "0334" },
    { "081", "0351" }, { "082", "0352" }, { "083", "034" }, { "084", "0353" }, { "085", "0354" },
    { "086", "0355" }, { "087", "0356" },
    { "05", "032" }, { "06", "031" }, { "07", "033" }, { "08", "035" },
};

static int intent_of(const dict *d, int cameo)
{
    const char *c = d->cameo[cameo].code;
    for (size_t i = 0; i < sizeof PLANNED_AS_INTENT / sizeof *PLANNED_AS_INTENT; i++)
        if (!strncmp(c, PLANNED_AS_INTENT[i].act, strlen(PLANNED_AS_INTENT[i].act))) {
            const dict_cameo *x = dict_find_cameo(d, PLANNED_AS_INTENT[i].intent);
            return x ? (int)(x - d->cameo) : cameo;
        }
    return cameo;
}

static size_t emit_code(const code_input *in, cevent *out, size_t k, const hitp *h, int cameo, const role *s,
                        const role *t, int fact, bool ctx, int attr)
{
    if (k >= CODE_MAX_EVENTS) return k;
    if (fact == FACT_PLANNED && !in->d->compat) cameo = intent_of(in->d, cameo);
    if (t && strcmp(s->code, t->code) == 0) return k;
    /* one event per (source, target, root) in a sentence */
    int root = root_of(in->d, cameo);
    for (size_t i = 0; i < k; i++)
        if (root_of(in->d, out[i].cameo) == root && strcmp(out[i].src, s->code) == 0 &&
            strcmp(out[i].tgt, t ? t->code : "") == 0) return k;
    cevent *e = &out[k];
    memset(e, 0, sizeof *e);
    e->cameo = cameo;
    e->anchor = h->anchor; e->end = h->end;
    snprintf(e->src, sizeof e->src, "%s", s->code);
    e->sa = s->a; e->sb = s->b;
    if (t) { snprintf(e->tgt, sizeof e->tgt, "%s", t->code); e->ta = t->a; e->tb = t->b; }
    e->fact = fact;
    e->from_context = ctx;
    e->attr = attr;
    if (attr >= 0 && fact == FACT_ASSERTED) {
        const attribution *a = &in->at[attr];
        /* a party to the event telling of it (Armenia says Azerbaijan shelled Tartar) */
        const char *sp = a->speaker >= 0 && !in->m[a->speaker].media ? in->m[a->speaker].code : "";
        bool party = strlen(sp) >= 3 && (actors_same_country(sp, s->code) || (t && actors_same_country(sp, t->code)));
        if (party && strcmp(sp, s->code) != 0) {
            e->fact = FACT_CLAIMED;
            snprintf(e->claimed_by, sizeof e->claimed_by, "%s", in->m[a->speaker].code);
        }
    }
    return k + 1;
}

/* An event with the pattern's code, and for a compat "[a:b]" pattern the reverse event
 * (target on source) with code b. */
static size_t emit(const code_input *in, cevent *out, size_t k, const hitp *h, const role *s, const role *t, int fact,
                   bool ctx, int attr)
{
    const dict_pattern *p = &in->d->pats[h->pat];
    k = emit_code(in, out, k, h, p->cameo, s, t, fact, ctx, attr);
    if (t && p->cameo_back >= 0) k = emit_code(in, out, k, h, p->cameo_back, t, s, fact, ctx, attr);
    return k;
}

static int attribution_for(const code_input *in, size_t anchor)
{
    int best = -1;
    size_t bestd = (size_t)-1;
    for (size_t k = 0; k < in->nat; k++) {
        size_t v = in->at[k].verb;
        size_t d = v > anchor ? v - anchor : anchor - v;
        if (d < bestd) { bestd = d; best = (int)k; }
    }
    return best;
}

static size_t code_marked(const code_input *in, cevent *out);

/* The symbols of the sentence being coded are a bitmap over the dictionary's symbols
 * (in->present, the article's scratch): a pattern one of whose words is absent is not tried
 * (dictionaries with hundreds of patterns per verb, like Phoenix's SAID, would otherwise be
 * matched one by one). Bits are set for a sentence and cleared after it. */

/* Symbol s is in the sentence (-1, no symbol: trivially) */
static inline bool has_sym(const code_input *in, int32_t s)
{
    return s < 0 || ((size_t)s < in->d->nsyms && (in->present[s / 64] >> (s % 64) & 1));
}

static bool sentence_has_any(const code_input *in, const int32_t *syms, size_t n)
{
    for (size_t i = 0; i < n; i++) if (syms[i] >= 0 && has_sym(in, syms[i])) return true;
    return false;
}

/* Every word element of p can be met in the sentence (some alternative of it is there): a
 * pattern that fails this cannot match, and the check costs less than trying it */
static bool pattern_possible(const code_input *in, const dict_pattern *p)
{
    for (int side = 0; side < 2; side++)
        for (size_t i = side ? 1 : 0; i < (side ? p->n : p->npre); i++) {
            const dict_pelem *e = side ? &p->e[i] : &p->pre[i];
            if (e->kind != PE_WORD || e->optional || (!e->nalts && !e->nseq)) continue;
            bool any = sentence_has_any(in, e->alts, e->nalts);
            for (size_t q = 0; q < e->nseq && !any; q++) any = sentence_has_any(in, e->seq[q], 1);
            if (!any) return false;
        }
    return true;
}

static void mark_sentence(const code_input *in, bool on)
{
    for (size_t i = 0; i < in->n; i++) {
        int32_t s = in->t[i].sym;
        if (s < 0 || (size_t)s >= in->d->nsyms) continue;
        if (on) in->present[s / 64] |= 1ull << (s % 64);
        else in->present[s / 64] &= ~(1ull << (s % 64));
    }
}

size_t code_sentence(const code_input *in, cevent *out)
{
    if (!in->n) return 0;
    if (!in->present) return code_marked(in, out);
    mark_sentence(in, true);
    size_t k = code_marked(in, out);
    mark_sentence(in, false);
    return k;
}

static size_t code_marked(const code_input *in, cevent *out)
{
    const dict *d = in->d;
    const tok *t = in->t;
    size_t n = in->n;
    int *cl = clauses(in);
    /* 2. anchors */
    VEC(hitp) hits = {0};
    size_t consumed = 0;
    for (size_t i = 0; i < n; i++) {
        if (i < consumed || cl[i] < 0) continue;
        int32_t s = t[i].sym;
        if (s < 0 || (size_t)s >= d->nsyms || d->pat_head[s] < 0) continue;
        if (attrib_in_speaker(in->at, in->nat, i)) continue;
        if (inside_mention(in, i)) continue;   /* "Security forces are ...": a name, not a verb */
        /* TABARI and PETRARCH dictionaries list verbs, which their parsers only take in
         * verb position: a word heading a noun phrase is a noun there, not an event */
        if (d->compat && !d->compat_tabari && noun_head(in, i)) continue;
        if (i > 0 && (dict_symflags(d, t[i - 1].sym) & SF_DEGREE)) continue;   /* "very close" */
        /* TABARI codes the first verb of a clause that has a pattern, and no other (its
         * SET: CODE BY SENTENCE: of the sentence; CODE ALL: every one) */
        bool code_all = d->compat_tabari && d->code_by == CODE_ALL;
        if (d->compat_tabari && d->code_by == CODE_BY_SENTENCE && hits.n) break;
        if (d->compat_tabari && !code_all && hits.n && cl[hits.v[hits.n - 1].anchor] == cl[i] &&
            !conj_between(in, hits.v[hits.n - 1].end, i))
            continue;
        /* infinitive complement of an earlier event in this clause */
        if (!code_all && i > 0 && text_is(in->text, &t[i - 1], "to") && hits.n && cl[hits.v[hits.n - 1].anchor] == cl[i]) continue;
        /* a noun after an earlier event's verb is its object: "condemned the attack" */
        if (hits.n && cl[hits.v[hits.n - 1].anchor] == cl[i] && i > 0 &&
            (dict_symflags(d, t[i - 1].sym) & SF_DET))
            continue;
        /* what an appeal, demand, intent or threat asks for has not happened: "urged both
         * leaders to take steps ... and resume negotiations" codes the appeal only */
        if (!code_all && hits.n && cl[hits.v[hits.n - 1].anchor] == cl[i] && COMPLEMENT_ROOT[root_of(d, d->pats[hits.v[hits.n - 1].pat].cameo)] &&
            !(past_form(in, i) && conj_between(in, hits.v[hits.n - 1].end, i)))   /* "... and promised aid": a verb of its own */
            continue;
        for (int32_t a = d->pat_head[s]; a >= 0; a = d->anchors[a].next) {
            const dict_anchor *an = &d->anchors[a];
            if (in->present && !(has_sym(in, an->need[0]) && has_sym(in, an->need[1]) && has_sym(in, an->need[2])))
                continue;
            const dict_pattern *p = &d->pats[an->pat];
            if (in->present && p->need_more && !pattern_possible(in, p)) continue;
            match mt = { 0, i, -1, -1, -1 };
            if (match_from(in, p, 1, i + 1, n, cl, cl[i], &mt) && match_pre(in, p, (int)p->npre - 1, i, cl, cl[i], &mt)) {
                consumed = mt.end;
                /* a pattern coding no event ([---]) still claims its words */
                if (p->cameo < 0) break;
                hitp h = { i, mt.end, mt.start, d->anchors[a].pat, mt.target, mt.source, mt.compound };
                vec_push(hits, h);
                break;
            }
        }
    }
    /* TABARI's null codes: a verb coded "###" or "+++" voids the sentence */
    for (size_t hi = 0; d->compat_tabari && hi < hits.n; hi++) {
        const char *c = d->cameo[d->pats[hits.v[hi].pat].cameo].code;
        if (!strcmp(c, "###") || !strcmp(c, "+++")) { vec_free(hits); free(cl); return 0; }
    }
    /* 3-5. roles */
    size_t k = 0;
    char sentence_req_target[ACT_MAX_CODE] = "";
    bool context_done = false;
    /* the hit that carries a context event: an event noun ("clashes") if there is one */
    size_t ctx_hit = hits.n;
    for (size_t hi = 0; hi < hits.n && ctx_hit == hits.n; hi++)
        if (root_of(d, d->pats[hits.v[hi].pat].cameo) >= 18 && (dict_symflags(d, t[hits.v[hi].anchor].sym) & SF_EVENT_NOUN))
            ctx_hit = hi;
    for (size_t hi = 0; hi < hits.n; hi++) {
        hitp *h = &hits.v[hi];
        const dict_pattern *p = &d->pats[h->pat];
        int root = root_of(d, p->cameo);
        int clause = cl[h->anchor];
        size_t cs = h->anchor;
        while (cs > 0 && cl[cs - 1] == clause) cs--;
        size_t ce = h->end;
        while (ce < n && cl[ce] == clause) ce++;
        size_t next_anchor = hi + 1 < hits.n && cl[hits.v[hi + 1].anchor] == clause ? hits.v[hi + 1].anchor : ce;
        /* a compound slot (%) before the verb is the subject of a mutual act ("Valdoria and
         * Kestria renewed ties"); after it, the other side of one ("agreed with %") */
        bool compound_after = h->compound >= 0 && in->m[h->compound].a > h->anchor;
        int subj = h->source >= 0 ? h->source : (h->compound >= 0 && !compound_after) ? h->compound : subject_in(in, cs, h->anchor);
        if (subj < 0 && cs > 0 && (dict_symflags(d, t[cs].sym) & SF_REL)) {
            /* "Armenia, which provides ...": the mention before the comma */
            for (size_t m = in->nm; m-- > 0;)
                if (in->m[m].b <= cs && in->m[m].b + 2 >= cs && !in->m[m].media) { subj = in->m[m].group; break; }
        }
        /* TABARI and PETRARCH take the first actor after the verb even inside the words the
         * pattern matched ("allowed that Mordor isn't a really pleasant place") */
        int tgt = h->target >= 0 ? h->target : compound_after ? h->compound : h->compound >= 0 ? -1 :
                  target_after(in, d->compat ? h->anchor + 1 : h->end, next_anchor, root);
        const tok *tp = tgt >= 0 ? prep_before(in, in->m[tgt].a, 0) : NULL;
        /* "clashes between Azerbaijan and Armenia": the pair is the whole story */
        if (tp && text_is(in->text, tp, "between") && !d->compat) subj = -1;
        /* "concerned about the latest clashes", "following clashes": a topic, not an act of
         * the clause's subject */
        if (!(dict_symflags(d, t[h->anchor].sym) & SF_BE) && non_participant(in, prep_before(in, h->anchor, 2), 0) &&
            !text_is(in->text, prep_before(in, h->anchor, 2), "during"))
            subj = -1;
        /* in fighting, a sector word whose country only the story gives ("rebels were killed
         * in the fighting") is left to the sides the story has named (the carry-over below) */
        if (root >= 18 && in->place_from_story) {
            if (subj >= 0 && in->m[subj].no_country) subj = -1;
            if (tgt >= 0 && in->m[tgt].no_country) tgt = -1;
        }
        bool passive = passive_at(in, h->anchor, clause, cl);
        if (passive) {
            int by = -1;
            for (size_t j = h->end; j < ce && j < h->end + 3; j++)
                if (text_is(in->text, &t[j], "by")) { by = mention_starting(in, j + 1, ce); break; }
            tgt = subj;
            subj = by;
        }
        int fact = factuality(in, h->anchor, h->start, h->end, clause, cl);
        int attr = attribution_for(in, h->anchor);
        role src[8], dst[8];
        size_t ns = subj >= 0 ? members(in, subj, src, 8) : 0;
        size_t nt = tgt >= 0 ? members(in, tgt, dst, 8) : 0;
        bool ctx = false;
        /* carry-over for requests: "requested the session" */
        if (root == 2 && ns && !nt) {
            if (sentence_req_target[0]) {
                snprintf(dst[0].code, sizeof dst[0].code, "%s", sentence_req_target);
                dst[0].a = dst[0].b = 0; nt = 1;
            } else if (in->mem->meeting[0] && meeting_word_in(in, h->anchor + 1, clause, cl)) {
                snprintf(dst[0].code, sizeof dst[0].code, "%s", in->mem->meeting);
                dst[0].a = dst[0].b = 0; nt = 1;
            }
        }
        /* material conflict with no actors: the current two sides, once per sentence
         * ("55 people were killed in clashes" is one event, not two) */
        if (root >= 18 && !ns && !nt && in->mem->have_dyad && !context_done && (ctx_hit == hits.n || ctx_hit == hi)) {
            context_done = true;
            for (int x = 0; x < 2; x++) {
                snprintf(src[x].code, sizeof src[x].code, "%s", in->mem->dyad[x]);
                src[x].a = src[x].b = 0;
            }
            ns = 2;
            ctx = true;
        }
        /* "Two activists were arrested in Cairo": coercion or assault done to someone by a
         * hand the sentence does not name (no other actor in it); the source is unknown
         * ("---"), as CAMEO writes it */
        bool others = false;   /* another actor named in the sentence may be the hand */
        for (size_t q = 0; q < in->nm && !others; q++)
            others = in->m[q].group != tgt && !in->m[q].media && !in->m[q].place && !in->m[q].modifier &&
                     !attrib_in_speaker(in->at, in->nat, in->m[q].a);
        if (passive && !ns && nt && !others && (root == 17 || root == 18 || root == 20) && !d->compat) {
            snprintf(src[0].code, sizeof src[0].code, "---");
            src[0].a = src[0].b = 0;
            ns = 1;
        }
        if (d->compat_tabari && (d->def_src[0] || d->def_tgt[0])) tabari_defaults(d, src, &ns, dst, &nt, subj >= 0);
        bool recip = (p->flags & PF_RECIP) || ctx || h->compound >= 0;
        size_t before = k;
        if (ns >= 2 && !nt && recip) {
            for (size_t a = 0; a < ns; a++)
                for (size_t b = 0; b < ns; b++)
                    if (a != b) k = emit(in, out, k, h, &src[a], &src[b], fact, ctx, attr);
        } else if (!ns && nt >= 2 && recip) {
            /* "clashes between Azerbaijan and Armenia" */
            for (size_t a = 0; a < nt; a++)
                for (size_t b = 0; b < nt; b++)
                    if (a != b) k = emit(in, out, k, h, &dst[a], &dst[b], fact, ctx, attr);
        } else if (ns && nt) {
            for (size_t a = 0; a < ns; a++)
                for (size_t b = 0; b < nt; b++) {
                    k = emit(in, out, k, h, &src[a], &dst[b], fact, ctx, attr);
                    /* fighting with someone is fighting by both; meeting with someone
                     * keeps the subject as the one who acts */
                    if (recip && root >= 18) k = emit(in, out, k, h, &dst[b], &src[a], fact, ctx, attr);
                }
        } else if (ns && (d->compat ? d->one_sided : ROOT_ALLOWS_NO_TARGET[root])) {
            /* TABARI and PETRARCH (unless told not to require a dyad) code only events
             * with both actors */
            for (size_t a = 0; a < ns; a++) k = emit(in, out, k, h, &src[a], NULL, fact, ctx, attr);
        }
        if (k > before && root == 2 && out[before].tgt[0] && !sentence_req_target[0])
            snprintf(sentence_req_target, sizeof sentence_req_target, "%s", out[before].tgt);
        if (in->learn && k > before) {
            /* the last meeting named is the one "the session" means */
            if (root == 4) snprintf(in->mem->meeting, ACT_MAX_CODE, "%s", out[before].src);
            /* the sides of the fighting: armed parties, not the UN or a rights group */
            bool armed = strncmp(out[before].src, "IGO", 3) && strncmp(out[before].src, "NGO", 3) &&
                         strncmp(out[before].tgt, "IGO", 3) && strncmp(out[before].tgt, "NGO", 3);
            if (root >= 18 && out[before].tgt[0] && !ctx && armed && out[before].fact <= FACT_CLAIMED) {
                snprintf(in->mem->dyad[0], ACT_MAX_CODE, "%s", out[before].src);
                snprintf(in->mem->dyad[1], ACT_MAX_CODE, "%s", out[before].tgt);
                in->mem->have_dyad = strcmp(in->mem->dyad[0], in->mem->dyad[1]) != 0;
            }
        }
    }
    /* PETRARCH-2 without require_dyad: "a senior official said" is the official's event
     * when the dictionary gives the reporting verb a code of its own (a pattern of just the
     * verb) */
    for (size_t a = 0; d->one_sided && a < in->nat; a++) {
        const attribution *at = &in->at[a];
        int32_t s = t[at->verb].sym;
        if (at->speaker < 0 || s < 0 || (size_t)s >= d->nsyms) continue;
        for (int32_t x = d->pat_head[s]; x >= 0; x = d->anchors[x].next) {
            const dict_pattern *p = &d->pats[d->anchors[x].pat];
            if (p->n != 1 || p->npre || p->cameo < 0) continue;
            role src[8];
            size_t ns = members(in, in->m[at->speaker].group, src, 8);
            hitp h = { at->verb, at->verb + 1, at->verb, d->anchors[x].pat, -1, -1, -1 };
            for (size_t y = 0; y < ns; y++) k = emit(in, out, k, &h, &src[y], NULL, FACT_ASSERTED, false, -1);
            break;
        }
    }
    /* the two countries named together last are the sides when fighting has no actors */
    if (in->learn && !in->mem->have_dyad && in->amem->have_pair && in->amem->pair_conflict) {
        snprintf(in->mem->dyad[0], ACT_MAX_CODE, "%s", in->amem->pair[0]);
        snprintf(in->mem->dyad[1], ACT_MAX_CODE, "%s", in->amem->pair[1]);
        in->mem->have_dyad = true;
    }
    vec_free(hits);
    free(cl);
    return k;
}
