/* count: casualty figures. Finds "at least 55 people were killed", "killing two soldiers",
 * "dozens dead", "the death toll rose to 95", "12 missing", "displacing 3,000", with
 * qualifier, victims, an "including 11 civilians" sub-count, and whether the figure is a
 * running total. Numbers may be digits or words. */
#ifndef SR_COUNT_H
#define SR_COUNT_H
#include "dict.h"

enum { TOLL_KILLED, TOLL_INJURED, TOLL_ARRESTED, TOLL_MISSING, TOLL_DISPLACED, TOLL_KINDS };
enum { COUNT_MAX = 8 };

typedef struct toll {
    size_t a, b;             /* token span of the figure */
    long count;
    const char *qualifier;   /* static string or NULL */
    char victims[32];
    long civilians;          /* -1 when not given */
    int kind;                /* TOLL_* */
    bool cumulative;         /* a running total: "the toll has risen to 107", "so far" */
} toll;

size_t count_find(const dict *d, const char *text, const tok *t, size_t n, toll *out);
/* Parses a number token or number word at t[i] ("55", "2,100", "eleven", "dozens"); sets
 * *used to the tokens consumed. Returns -1 when t[i] is not a number. */
long count_number(const char *text, const tok *t, size_t n, size_t i, size_t *used);
#endif
