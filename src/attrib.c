/* attrib: reporting clauses (see attrib.h). The speaker is the run of words next to the
 * reporting verb: before it ("Reuters said", "the minister's spokeswoman Anna Berg said"),
 * after it when the verb follows a comma ("..., said diplomats"), after "according to", or
 * the previous speaker for ", adding that". */
#include "attrib.h"
#include "util.h"
#include <string.h>

/* reporting words: a row per word; `after` marks verbs whose object may name the channel */
static const struct { const char *w; bool told; } SPEECH[] = {
    {"said", false}, {"says", false}, {"say", false}, {"told", true}, {"tells", true},
    {"added", false}, {"adding", false}, {"stated", false}, {"according", false},
    {"quoted", false}, {"reported", false}, {"saying", false}, {"claimed", false},
};

/* words for one who speaks for another: "Guterres spokesman Stephane Dujarric", "a
 * spokeswoman for the ministry"; a row each */
static const char *const SPOKES[] = {
    "spokesman", "spokeswoman", "spokesperson", "spokespeople", "aide", "aides", "adviser",
    "advisor", "envoy", "representative", "deputy", "office",
};

/* words for a text that speaks: "the statement said", "the report said"; a row each */
static const char *const DOCUMENTS[] = {
    "statement", "statements", "communique", "readout", "report", "release", "declaration",
    "letter", "notice", "post", "tweet",
};

static bool word_in(const char *text, const tok *t, const char *const *list, size_t n)
{
    if (!(t->flags & TK_WORD)) return false;
    for (size_t i = 0; i < n; i++) if (text_is(text, t, list[i])) return true;
    return false;
}

/* The principal and the kind of speaker inside the span [a->sa, a->sb): a mention before a
 * SPOKES word ("Guterres spokesman ..."), or after "spokesman for" ("a spokeswoman for the
 * ministry"); a span whose last word is a DOCUMENTS word is a text. */
static void speaker_roles(const char *text, const tok *t, size_t n, const mention *m, size_t nm, attribution *a)
{
    a->principal = -1;
    a->document = a->sb > a->sa && word_in(text, &t[a->sb - 1], DOCUMENTS, sizeof DOCUMENTS / sizeof *DOCUMENTS);
    for (size_t i = a->sa; i < a->sb; i++) {
        if (!word_in(text, &t[i], SPOKES, sizeof SPOKES / sizeof *SPOKES)) continue;
        for (size_t k = 0; k < nm; k++) {
            if (m[k].media) continue;
            /* "Guterres spokesman", "the UN chief's spokesman" */
            bool before = m[k].a >= a->sa && m[k].b <= i && (m[k].b == i || (m[k].b + 1 == i && t[m[k].b].punct == '\'') ||
                          (m[k].b + 1 == i && text_is(text, &t[m[k].b], "'s")));
            /* "a spokesman for the ministry" */
            bool after = i + 1 < n && text_is(text, &t[i + 1], "for") && m[k].a >= i + 2 && m[k].a <= i + 3;
            if (before || after) { a->principal = (int)k; return; }
        }
    }
}

static int speech_word(const char *text, const tok *t)
{
    size_t n = t->end - t->start;
    char low[16];
    if (n >= sizeof low || !(t->flags & TK_WORD)) return -1;
    ascii_lower(low, text + t->start, n);
    for (size_t i = 0; i < sizeof SPEECH / sizeof *SPEECH; i++) if (strcmp(low, SPEECH[i].w) == 0) return (int)i;
    return -1;
}

static bool stop_tok(const dict *d, const tok *t)
{
    if (t->flags & TK_PUNCT) return t->punct != '\'';   /* "a doctors' union" */
    return dict_symflags(d, t->sym) & (SF_SUBORD | SF_REL | SF_CONJ);
}

static int mention_in(const mention *m, size_t nm, size_t a, size_t b, bool media)
{
    for (size_t k = 0; k < nm; k++)
        if (m[k].a >= a && m[k].b <= b && m[k].media == media) return (int)k;
    return -1;
}

size_t attrib_find(const dict *d, const char *text, const tok *t, size_t n,
                   const mention *m, size_t nm, attribution *out)
{
    size_t k = 0;
    for (size_t v = 0; v < n && k < ATTR_MAX; v++) {
        if (!(dict_symflags(d, t[v].sym) & SF_SPEECH)) continue;   /* one lookup for most words */
        int sw = speech_word(text, &t[v]);
        if (sw < 0) continue;
        attribution *a = &out[k];
        memset(a, 0, sizeof *a);
        a->verb = v;
        a->speaker = a->channel = -1;
        const char *w = SPEECH[sw].w;
        if (strcmp(w, "according") == 0) {
            if (v + 1 >= n || !(dict_symflags(d, t[v + 1].sym) & SF_PREP)) continue;
            size_t e = v + 2;
            while (e < n && e - v < 10 && !(t[e].flags & TK_PUNCT)) e++;
            a->sa = v + 2; a->sb = e;
            /* "according to a statement from the ministry": the text names its author */
        } else if ((strcmp(w, "adding") == 0 || strcmp(w, "saying") == 0) && v > 0 && t[v - 1].punct == ',') {
            if (k > 0) *a = out[k - 1], a->verb = v;
            else a->principal = -1;
            k++;
            continue;
        } else if (v == 0 || t[v - 1].punct == ',') {
            /* inverted: ", said diplomats" */
            size_t e = v + 1;
            while (e < n && e - v <= 6 && !stop_tok(d, &t[e])) e++;
            a->sa = v + 1; a->sb = e;
            a->trailing = true;
        } else {
            size_t s = v;
            if (dict_symflags(d, t[v - 1].sym) & SF_REL) {
                /* "diplomats, who added": the antecedent before the comma */
                size_t x = v - 1;
                if (x > 0 && t[x - 1].punct == ',') x--;
                s = x;
            }
            size_t b = s;
            while (s > 0 && b - s < 6 && !stop_tok(d, &t[s - 1])) s--;
            a->sa = s; a->sb = b;
            a->trailing = s > 0 && t[s - 1].punct == ',' && v + 1 < n && (t[v + 1].flags & TK_PUNCT);
        }
        speaker_roles(text, t, n, m, nm, a);
        a->speaker = mention_in(m, nm, a->sa, a->sb, false);
        a->channel = mention_in(m, nm, a->sa, a->sb, true);
        if (SPEECH[sw].told && a->channel < 0) a->channel = mention_in(m, nm, v + 1, v + 4 < n ? v + 4 : n, true);
        k++;
    }
    return k;
}

bool attrib_in_speaker(const attribution *a, size_t na, size_t i)
{
    for (size_t k = 0; k < na; k++) if (i >= a[k].sa && i < a[k].sb) return true;
    return false;
}
