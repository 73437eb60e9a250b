/* where: the place of an event. This first version reads "in Istanbul, Turkey", "in the
 * city of Tartar, Azerbaijan" and "in Baku" (a capital or country the dictionaries know);
 * the gazetteer with coordinates is issue 4's. */
#ifndef SR_WHERE_H
#define SR_WHERE_H
#include "actors.h"

typedef struct place {
    size_t a, b;                 /* token span of the place name */
    char country[4];             /* ISO alpha-3 */
} place;

/* Finds the first place in t[0..n) at or after token from; returns false if none. */
bool where_find(const dict *d, const char *text, const tok *t, size_t n, const mention *m, size_t nm,
                size_t from, place *out);
#endif
