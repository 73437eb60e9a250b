/* Unit tests for when: datelines and relative dates against a publication date. */
#include "check.h"
#include "when.h"
#include <string.h>
#include <stdlib.h>

static int32_t day(const char *iso) { int32_t d = WHEN_NONE; when_parse_iso(iso, &d); return d; }

static dict classes;   /* word classes only: months, weekdays, relative days */

static const char *find1(strtab *st, const char *s, const char *pub, bool future, char *out)
{
    (void)st;
    tok *t;
    size_t n = text_tokenize(&classes.st, s, strlen(s), &t);
    when_hit h[4];
    size_t k = when_find(&classes, s, t, n, pub ? day(pub) : WHEN_NONE, future, h, 4);
    free(t);
    if (!k) return "none";
    if (h[0].days == WHEN_NONE) return "unresolved";
    when_format(h[0].days, out);
    if (h[0].background) strcat(out, "B");
    return out;
}

int main(void)
{
    int32_t d;
    int mins;
    CHECK(when_parse_line("Updated 11:34, 29-Sep-2020", 26, &d, &mins) && d == day("2020-09-29") && mins == 11 * 60 + 34);
    CHECK(when_parse_line("Sept. 28, 2020", 14, &d, &mins) && d == day("2020-09-28"));
    CHECK(when_parse_line("2024-01-22", 10, &d, &mins) && d == day("2024-01-22"));
    CHECK(when_parse_line("28 September 2020", 17, &d, &mins) && d == day("2020-09-28"));
    CHECK(!when_parse_line("CGTN", 4, &d, &mins));
    CHECK(!when_parse_iso("2021-02-29", &d));

    strtab st;
    strtab_init(&st);
    dict_init(&classes);
    dict_finish(&classes);
    char o[16];
    /* 2020-09-29 was a Tuesday */
    CHECK(!strcmp(find1(&st, "Fighting escalated on Monday.", "2020-09-29", false, o), "2020-09-28"));
    CHECK(!strcmp(find1(&st, "The council meets Tuesday.", "2020-09-29", true, o), "2020-09-29"));
    CHECK(!strcmp(find1(&st, "They will meet on Friday.", "2020-09-29", true, o), "2020-10-02"));
    CHECK(!strcmp(find1(&st, "They met last Tuesday.", "2020-09-29", false, o), "2020-09-22"));
    CHECK(!strcmp(find1(&st, "It began yesterday.", "2020-09-29", false, o), "2020-09-28"));
    CHECK(!strcmp(find1(&st, "Shelling on Sept. 27 killed two.", "2020-09-29", false, o), "2020-09-27"));
    CHECK(!strcmp(find1(&st, "Talks on September 28, 2020 failed.", NULL, false, o), "2020-09-28"));
    CHECK(!strcmp(find1(&st, "Clashes on 28 September 2020.", NULL, false, o), "2020-09-28"));
    /* a year-less December date in a January story is last year's */
    CHECK(!strcmp(find1(&st, "Rebels attacked on December 30.", "2021-01-04", false, o), "2020-12-30"));
    CHECK(!strcmp(find1(&st, "They have disputed it since 1988.", "2020-09-29", false, o), "1988-01-01B"));
    /* no publication date: relative expressions stay unresolved, never the clock */
    CHECK(!strcmp(find1(&st, "Fighting escalated on Monday.", NULL, false, o), "unresolved"));
    CHECK(!strcmp(find1(&st, "They may meet soon.", "2020-09-29", false, o), "none"));
    CHECK(!strcmp(find1(&st, "Fighting flared up earlier this year.", "2020-09-29", false, o), "2020-01-01"));
    /* 2020-09-29 was a Tuesday: the weekend before began on Saturday 26 */
    CHECK(!strcmp(find1(&st, "Shelling began over the weekend.", "2020-09-29", false, o), "2020-09-26"));
    CHECK(!strcmp(find1(&st, "Fighting has raged since the weekend.", "2020-09-29", false, o), "2020-09-26B"));
    CHECK(!strcmp(find1(&st, "Protests grew at the weekend.", "2020-09-27", false, o), "2020-09-26"));
    CHECK(!strcmp(find1(&st, "They met last month.", "2021-01-15", false, o), "2020-12-01"));
    CHECK(!strcmp(find1(&st, "Elections are due next year.", "2020-09-29", true, o), "2021-01-01"));
    strtab_free(&st);
    dict_free(&classes);
    return CHECK_DONE();
}
