/* when: dates and times. Parses datelines ("Updated 11:34, 29-Sep-2020", "Sept. 28, 2020",
 * ISO dates) and finds time expressions in a sentence's tokens ("on Monday", "September 28,
 * 2020", "yesterday", "since 1988"), resolving them against the publication date. Never
 * reads the machine's clock: with no publication date, relative expressions stay null. */
#ifndef SR_WHEN_H
#define SR_WHEN_H
#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include "dict.h"

#define WHEN_NONE INT32_MIN

enum { WP_DAY, WP_MONTH, WP_YEAR, WP_WEEK };
extern const char *const WHEN_PRECISION[];
enum { WB_EXPLICIT, WB_RELATIVE, WB_CONTEXT, WB_PUBLICATION };

typedef struct when_hit {
    size_t tok_start, tok_end;
    int32_t days;          /* WHEN_NONE if it could not be resolved */
    uint8_t precision;     /* WP_* */
    uint8_t basis;         /* WB_EXPLICIT or WB_RELATIVE */
    bool background;       /* "since 1988": a span reaching back, not the event's date */
} when_hit;

/* Finds a date anywhere in a short line of text (a dateline). Returns true and sets *days
 * (and *minutes since midnight, or -1) when one is found. */
bool when_parse_line(const char *s, size_t n, int32_t *days, int *minutes);
/* Parses "YYYY-MM-DD" exactly. */
bool when_parse_iso(const char *s, int32_t *days);
/* Finds the time expressions of one sentence. future: the sentence speaks of what will
 * happen (so a weekday other than today's is the next one, not the last). Returns the
 * number of hits written (at most max). */
size_t when_find(const dict *d, const char *text, const tok *t, size_t n, int32_t pub,
                 bool future, when_hit *out, size_t max);
/* Finds a clock time whose zone the sentence gives ("21:00 GMT", "1800 GMT", "5:00 p.m.
 * (2100 GMT)", "3 p.m. EST"): sets *utc_minutes since midnight UTC and *day_shift, the days
 * (-1, 0, 1) from the sentence's local date to the UTC date. A time in "local time" or an
 * ambiguous zone alone is not one: the zone is never guessed. */
bool when_time(const char *text, const tok *t, size_t n, int *utc_minutes, int *day_shift);
/* "a second day of heavy clashes": 2 (the nth day of something), 0 when the sentence
 * names none. */
int when_nth_day(const char *text, const tok *t, size_t n);
/* True when the sentence says something began ("began", "erupted", "broke out"), so that
 * its date is the first day of what later sentences count days of. */
bool when_tells_start(const char *text, const tok *t, size_t n);
/* Writes YYYY-MM-DD (11 bytes with NUL). */
void when_format(int32_t days, char out[11]);
extern const char *const WHEN_BASIS[];
#endif
