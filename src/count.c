/* count: casualty figures (see count.h). A figure is [qualifier] NUMBER [words] and a
 * casualty word within five tokens after it ("55 people were killed"), or a casualty verb
 * right before it ("killing 12 soldiers"). Tables below: add a row to extend. */
#include "count.h"
#include "util.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

static const struct { const char *w; long v; } NUMWORDS[] = {
    {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6}, {"seven", 7},
    {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
    {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18},
    {"nineteen", 19}, {"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50},
    {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90}, {"hundred", 100},
    {"dozen", 12}, {"dozens", 24}, {"scores", 40}, {"hundreds", 200}, {"thousands", 2000},
};

/* qualifiers, longest first within a shared first word */
static const struct { const char *a, *b, *norm; } QUALS[] = {
    {"at", "least", "at least"}, {"more", "than", "more than"}, {"fewer", "than", "fewer than"},
    {"less", "than", "less than"}, {"up", "to", "up to"}, {"an", "estimated", "about"},
    {"nearly", NULL, "nearly"}, {"almost", NULL, "nearly"}, {"over", NULL, "more than"},
    {"about", NULL, "about"}, {"around", NULL, "about"}, {"some", NULL, "about"},
    {"approximately", NULL, "about"}, {"roughly", NULL, "about"},
};

static const struct { const char *w; int kind; bool before; } CASUALTY[] = {
    {"killed", TOLL_KILLED, false}, {"dead", TOLL_KILLED, false}, {"died", TOLL_KILLED, false},
    {"deaths", TOLL_KILLED, false}, {"lives", TOLL_KILLED, false}, {"wounded", TOLL_INJURED, false},
    {"injured", TOLL_INJURED, false}, {"hurt", TOLL_INJURED, false}, {"arrested", TOLL_ARRESTED, false},
    {"detained", TOLL_ARRESTED, false},
    {"killing", TOLL_KILLED, true}, {"killed", TOLL_KILLED, true}, {"kills", TOLL_KILLED, true},
    {"wounding", TOLL_INJURED, true}, {"injuring", TOLL_INJURED, true}, {"wounded", TOLL_INJURED, true},
    {"arresting", TOLL_ARRESTED, true}, {"detaining", TOLL_ARRESTED, true}, {"arrested", TOLL_ARRESTED, true},
    {"detained", TOLL_ARRESTED, true},
    {"missing", TOLL_MISSING, false}, {"unaccounted", TOLL_MISSING, false},
    {"displaced", TOLL_DISPLACED, false}, {"homeless", TOLL_DISPLACED, false},
    {"fled", TOLL_DISPLACED, false}, {"uprooted", TOLL_DISPLACED, false},
    {"displacing", TOLL_DISPLACED, true}, {"displaced", TOLL_DISPLACED, true},
    {"uprooting", TOLL_DISPLACED, true},
};

/* Words that make a figure a running total, not one day's toll, within its clause: a row
 * per cue, `b` the word that must follow (NULL: none). The first words are in dict.c's
 * SF_TOLL_CUE class, so other words cost one flag test. */
static const struct { const char *a, *b; } CUMULATIVE[] = {
    {"total", NULL}, {"tally", NULL}, {"overall", NULL}, {"altogether", NULL},
    {"cumulative", NULL}, {"risen", NULL}, {"rose", NULL}, {"climbed", NULL},
    {"reached", NULL}, {"bringing", NULL}, {"brings", NULL}, {"since", NULL},
    {"so", "far"}, {"to", "date"}, {"in", "all"},
};

static bool cumulative_cue(const dict *d, const char *text, const tok *t, size_t n, size_t i)
{
    if (!(dict_symflags(d, t[i].sym) & SF_TOLL_CUE) && !text_is(text, &t[i], "to") && !text_is(text, &t[i], "in"))
        return false;
    for (size_t c = 0; c < sizeof CUMULATIVE / sizeof *CUMULATIVE; c++) {
        if (!text_is(text, &t[i], CUMULATIVE[c].a)) continue;
        if (!CUMULATIVE[c].b) return true;
        if (i + 1 < n && text_is(text, &t[i + 1], CUMULATIVE[c].b)) return true;
    }
    return false;
}

/* The figure's clause for the cue search: back to a semicolon or the sentence start, on
 * to a semicolon or the end ("12 died on Sunday; the toll has since risen to 30" keeps the
 * 12 a day's toll) */
static bool cumulative_near(const dict *d, const char *text, const tok *t, size_t n, size_t a, size_t b)
{
    size_t lo = a, hi = b;
    while (lo > 0 && a - lo < 12 && t[lo - 1].punct != ';') lo--;
    while (hi < n && hi - b < 12 && t[hi].punct != ';') hi++;
    for (size_t i = lo; i < hi; i++) {
        if (i >= a && i < b) continue;
        if (cumulative_cue(d, text, t, n, i)) return true;
    }
    return false;
}

long count_number(const char *text, const tok *t, size_t n, size_t i, size_t *used)
{
    *used = 0;
    if (i >= n) return -1;
    if (t[i].flags & TK_NUM) {
        long v = 0;
        for (size_t p = t[i].start; p < t[i].end; p++) {
            char c = text[p];
            if (c == ',') continue;
            if (!isdigit((unsigned char)c)) return -1;   /* 5:00, 3.5 are not tolls */
            if (v > 100000000) return -1;
            v = v * 10 + (c - '0');
        }
        *used = 1;
        /* "2 million" */
        if (i + 1 < n && text_is(text, &t[i + 1], "thousand")) { v *= 1000; *used = 2; }
        return v;
    }
    if (i + 1 < n && text_is(text, &t[i], "a") && text_is(text, &t[i + 1], "dozen")) { *used = 2; return 12; }
    for (size_t k = 0; k < sizeof NUMWORDS / sizeof *NUMWORDS; k++) {
        if (!text_is(text, &t[i], NUMWORDS[k].w)) continue;
        long v = NUMWORDS[k].v;
        size_t u = 1;
        /* twenty-one, two hundred */
        if (v >= 20 && v < 100 && i + 2 < n && t[i + 1].punct == '-') {
            for (size_t q = 0; q < 9; q++) if (text_is(text, &t[i + 2], NUMWORDS[q].w)) { v += NUMWORDS[q].v; u = 3; }
        }
        if (v < 10 && i + 1 < n && text_is(text, &t[i + 1], "hundred")) { v *= 100; u = 2; }
        /* "dozens of" */
        if (i + u < n && text_is(text, &t[i + u], "of") && v >= 24) u++;
        *used = u;
        return v;
    }
    return -1;
}

static const char *qualifier_before(const char *text, const tok *t, size_t i, size_t *start)
{
    *start = i;
    for (size_t k = 0; k < sizeof QUALS / sizeof *QUALS; k++) {
        if (QUALS[k].b) {
            if (i >= 2 && text_is(text, &t[i - 2], QUALS[k].a) && text_is(text, &t[i - 1], QUALS[k].b)) {
                *start = i - 2;
                return QUALS[k].norm;
            }
        } else if (i >= 1 && text_is(text, &t[i - 1], QUALS[k].a)) {
            *start = i - 1;
            return QUALS[k].norm;
        }
    }
    return NULL;
}

size_t count_find(const dict *d, const char *text, const tok *t, size_t n, toll *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < COUNT_MAX; i++) {
        /* a toll starts with digits or a number word: one lookup rules out the rest */
        if (!(t[i].flags & TK_NUM) && !(dict_symflags(d, t[i].sym) & SF_NUMWORD)) continue;
        size_t used;
        long v = count_number(text, t, n, i, &used);
        if (v < 0) continue;
        /* years and clock times are not tolls */
        if ((t[i].flags & TK_NUM) && v >= 1900 && v <= 2100 && t[i].end - t[i].start == 4) continue;
        if (i > 0 && (dict_symflags(d, t[i - 1].sym) & SF_MONTH)) continue;
        size_t after = i + used;
        if (after < n && (dict_symflags(d, t[after].sym) & SF_MONTH)) continue;
        int kind = -1;
        size_t end = after;
        char victims[32] = "";
        /* NUMBER ... casualty word */
        for (size_t j = after; j < n && j < after + 6 && kind < 0; j++) {
            if (t[j].flags & TK_PUNCT) break;
            for (size_t c = 0; c < sizeof CASUALTY / sizeof *CASUALTY; c++)
                if (!CASUALTY[c].before && text_is(text, &t[j], CASUALTY[c].w)) { kind = CASUALTY[c].kind; end = j + 1; break; }
            /* "40 more soldiers", "12 other people": the noun after */
            if (kind < 0 && j == after && (text_is(text, &t[j], "more") || text_is(text, &t[j], "other")) && j + 1 < n)
                after++;
            else if (kind < 0 && j == after && (t[j].flags & TK_WORD) && !(dict_symflags(d, t[j].sym) & (SF_BE | SF_HAVE | SF_PREP)))
                snprintf(victims, sizeof victims, "%.*s", (int)(t[j].end - t[j].start), text + t[j].start);
        }
        /* casualty verb before: "killing 12 soldiers" */
        size_t qs;
        const char *q = qualifier_before(text, t, i, &qs);
        if (kind < 0 && qs > 0) {
            for (size_t c = 0; c < sizeof CASUALTY / sizeof *CASUALTY; c++)
                if (CASUALTY[c].before && text_is(text, &t[qs - 1], CASUALTY[c].w)) {
                    kind = CASUALTY[c].kind;
                    if (after < n && (t[after].flags & TK_WORD))
                        snprintf(victims, sizeof victims, "%.*s", (int)(t[after].end - t[after].start), text + t[after].start);
                }
        }
        /* "the death toll has risen to 107": a toll word a few words before the figure */
        if (kind < 0) {
            for (size_t j = qs; j-- > 0 && qs - j <= 6;) {
                if (t[j].flags & TK_PUNCT) break;
                if (text_is(text, &t[j], "toll") || text_is(text, &t[j], "tally")) { kind = TOLL_KILLED; break; }
            }
        }
        if (kind < 0) continue;
        /* "including 11 civilians" sub-count within the sentence */
        long civ = -1;
        for (size_t j = end; j + 2 < n; j++) {
            if (!text_is(text, &t[j], "including") && !text_is(text, &t[j], "among")) continue;
            size_t u2;
            long cv = count_number(text, t, n, j + 1, &u2);
            if (cv >= 0 && j + 1 + u2 < n && (text_is(text, &t[j + 1 + u2], "civilians") ||
                text_is(text, &t[j + 1 + u2], "children") || text_is(text, &t[j + 1 + u2], "women"))) {
                civ = cv;
                break;
            }
        }
        toll *o = &out[k++];
        memset(o, 0, sizeof *o);
        o->a = qs; o->b = end; o->count = v; o->qualifier = q; o->kind = kind; o->civilians = civ;
        o->cumulative = cumulative_near(d, text, t, n, qs, end);
        snprintf(o->victims, sizeof o->victims, "%s", victims);
        for (char *p = o->victims; *p; p++) *p = (char)tolower((unsigned char)*p);
        i = end - 1;
    }
    return k;
}
