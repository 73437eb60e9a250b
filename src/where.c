/* where: see where.h. "in" [the city|town|village|region|province of] Name [, Country]. */
#include "where.h"
#include "util.h"
#include <ctype.h>
#include <string.h>
#include <stdio.h>

static const mention *mention_at(const mention *m, size_t nm, size_t i)
{
    for (size_t k = 0; k < nm; k++) if (m[k].a == i && !m[k].media) return &m[k];
    return NULL;
}

static const char *const SETTLEMENT[] = { "city", "town", "village", "region", "province", "district", "capital", NULL };

/* The place of one "in ..." phrase at token i; *specific is set for "City, Country". */
static bool place_at(const dict *d, const char *text, const tok *t, size_t n, const mention *m, size_t nm, size_t i,
                     place *out, bool *specific);

bool where_find(const dict *d, const char *text, const tok *t, size_t n, const mention *m, size_t nm,
                size_t from, place *out)
{
    /* the most specific place wins ("in Istanbul, Turkey" over "in Turkey"); then the first */
    bool found = false, found_specific = false;
    for (size_t i = from; i + 1 < n; i++) {
        place p;
        bool spec;
        if (!place_at(d, text, t, n, m, nm, i, &p, &spec)) continue;
        if (!found || (spec && !found_specific)) { *out = p; found = true; found_specific = spec; }
    }
    return found;
}

static bool place_at(const dict *d, const char *text, const tok *t, size_t n, const mention *m, size_t nm, size_t i,
                     place *out, bool *specific)
{
    *specific = false;
    {
        if (i + 1 >= n || !(dict_symflags(d, t[i].sym) & SF_PREP) ||
            (!text_is(text, &t[i], "in") && !text_is(text, &t[i], "near"))) return false;
        size_t j = i + 1;
        if (j + 2 < n && text_is(text, &t[j], "the")) {
            for (int s = 0; SETTLEMENT[s]; s++)
                if (text_is(text, &t[j + 1], SETTLEMENT[s]) && text_is(text, &t[j + 2], "of")) { j += 3; break; }
        }
        const mention *mm = mention_at(m, nm, j);
        if (mm && strlen(mm->code) == 3 && !mm->no_country) {
            /* a known country or capital */
            out->a = mm->a; out->b = mm->b;
            snprintf(out->country, sizeof out->country, "%.3s", mm->code);
            /* "in Baku, Azerbaijan": the city, the country after it */
            const mention *after = (mm->b + 1 < n && t[mm->b].punct == ',') ? mention_at(m, nm, mm->b + 1) : NULL;
            if (after && strlen(after->code) == 3 && !after->no_country) {
                snprintf(out->country, sizeof out->country, "%.3s", after->code);
                *specific = true;
            }
            return true;
        }
        /* an unknown capitalised name followed by ", Country" */
        size_t e = j;
        while (e < n && e - j < 4 && (t[e].flags & TK_CAP) && !mention_at(m, nm, e)) e++;
        if (e > j && e + 1 < n && t[e].punct == ',') {
            const mention *c = mention_at(m, nm, e + 1);
            if (c && strlen(c->code) == 3 && !c->no_country) {
                out->a = j; out->b = e;
                snprintf(out->country, sizeof out->country, "%.3s", c->code);
                *specific = true;
                return true;
            }
        }
    }
    return false;
}
