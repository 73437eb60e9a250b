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

static bool time1(const char *s, int *utc, int *shift)
{
    tok *t;
    size_t n = text_tokenize(&classes.st, s, strlen(s), &t);
    bool ok = when_time(s, t, n, utc, shift);
    free(t);
    return ok;
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
    /* ordinals, "the 22nd of August", a weekday before a full date, bare months, weeks */
    CHECK(!strcmp(find1(&st, "On 22nd August 2019, police arrested him.", NULL, false, o), "2019-08-22"));
    CHECK(!strcmp(find1(&st, "He was seized on the 3rd of May.", "2021-06-10", false, o), "2021-05-03"));
    CHECK(!strcmp(find1(&st, "Talks on September 28th failed.", "2020-09-29", false, o), "2020-09-28"));
    CHECK(!strcmp(find1(&st, "Police detained them on Saturday, Oct. 19, 2019.", "2019-11-05", false, o), "2019-10-19"));
    CHECK(!strcmp(find1(&st, "Clashes on 28 September killed two.", "2020-09-29", false, o), "2020-09-28"));
    CHECK(!strcmp(find1(&st, "In April, police detained seven activists.", "2020-12-15", false, o), "2020-04-01"));
    CHECK(!strcmp(find1(&st, "Rebels seized the town in November.", "2021-01-04", false, o), "2020-11-01"));
    CHECK(!strcmp(find1(&st, "The talks will resume on January 10.", "2020-12-20", true, o), "2021-01-10"));
    /* 2020-09-29 was a Tuesday: last week began on Monday 21 */
    CHECK(!strcmp(find1(&st, "Troops massed on the border last week.", "2020-09-29", false, o), "2020-09-21"));
    CHECK(!strcmp(find1(&st, "Fighting has raged since 1988 in the region.", "2020-09-29", false, o), "1988-01-01B"));
    CHECK(!strcmp(find1(&st, "It was shelled overnight.", "2020-09-29", false, o), "2020-09-28"));
    /* clock times with a zone; none without one */
    int utc = -1, shift = 9;
    CHECK(time1("The meeting will be held at 5:00 p.m. (2100 GMT).", &utc, &shift) && utc == 21 * 60 && shift == 0);
    CHECK(time1("Sirens sounded at 21:00 GMT.", &utc, &shift) && utc == 21 * 60 && shift == 0);
    CHECK(time1("The strike came at 1800 GMT on Monday.", &utc, &shift) && utc == 18 * 60);
    CHECK(time1("Polls close at 8 p.m. EST.", &utc, &shift) && utc == 60 && shift == 1);
    CHECK(time1("The blast came at 11:30 p.m. local time (0330 GMT).", &utc, &shift) && utc == 3 * 60 + 30 && shift == 1);
    CHECK(time1("Markets opened at 9am GMT.", &utc, &shift) && utc == 9 * 60);
    CHECK(!time1("The curfew starts at 9 a.m. local time.", &utc, &shift));
    CHECK(!time1("Talks begin at 10 a.m. IST.", &utc, &shift));
    CHECK(!time1("At least 2100 people fled.", &utc, &shift));
    CHECK(!time1("He said 5:00 was too late.", &utc, &shift));
    strtab_free(&st);
    dict_free(&classes);
    return CHECK_DONE();
}
