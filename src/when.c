/* when: see when.h. Month and weekday names are tables; each expression form is one
 * branch of when_find, tried at every token, longest form first. */
#include "when.h"
#include "util.h"
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <ctype.h>

const char *const WHEN_BASIS[] = { "explicit", "relative", "context", "publication" };

/* name -> month; a row per spelling */
static const struct { const char *name; int month; } MONTHS[] = {
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
    {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
    {"august", 8}, {"aug", 8}, {"september", 9}, {"sept", 9}, {"sep", 9}, {"october", 10},
    {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
};
static const char *const WEEKDAYS[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

static int month_of(const char *w, size_t n)
{
    char low[16];
    if (n >= sizeof low) return 0;
    ascii_lower(low, w, n);
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++)
        if (strcmp(low, MONTHS[i].name) == 0) return MONTHS[i].month;
    return 0;
}

static int weekday_of(const char *w, size_t n)
{
    char low[16];
    if (n >= sizeof low) return -1;
    ascii_lower(low, w, n);
    for (int i = 0; i < 7; i++) if (strcmp(low, WEEKDAYS[i]) == 0) return i;
    return -1;
}

/* 1970-01-01 was a Thursday: weekday index with Monday = 0 */
static int weekday_days(int32_t days) { return (int)(((days % 7) + 7 + 3) % 7); }

static bool valid_ymd(int y, int m, int d)
{
    static const int ml[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= ml[m - 1] &&
           !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0));
}

bool when_parse_iso(const char *s, int32_t *days)
{
    int y, m, d;
    char tail;
    if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    if (!valid_ymd(y, m, d)) return false;
    *days = dict_days(y, m, d);
    return true;
}

void when_format(int32_t days, char out[11])
{
    int y, m, d;
    dict_civil(days, &y, &m, &d);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* ---- datelines: scan words of a short line ---- */

typedef struct lw { const char *s; size_t n; bool num; } lw;

static size_t line_words(const char *s, size_t n, lw *w, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        while (i < n && !isalnum((unsigned char)s[i]) && (unsigned char)s[i] < 0x80) i++;
        if (i >= n) break;
        size_t st = i;
        bool num = isdigit((unsigned char)s[i]);
        while (i < n && (isalnum((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80) &&
               (bool)isdigit((unsigned char)s[i]) == num) i++;
        w[k].s = s + st; w[k].n = i - st; w[k].num = num;
        k++;
    }
    return k;
}

/* digits of s[0..n) as a number; the text is not NUL-terminated, so no strtol here */
static long digits(const char *s, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return n ? v : -1;
}

static long numval(const lw *w) { return (w->num && w->n <= 6) ? digits(w->s, w->n) : -1; }

bool when_parse_line(const char *s, size_t n, int32_t *days, int *minutes)
{
    lw w[64];
    size_t k = line_words(s, n, w, 64);
    *minutes = -1;
    bool found = false;
    for (size_t i = 0; i < k && !found; i++) {
        long a = numval(&w[i]);
        int mo = month_of(w[i].s, w[i].n);
        /* YYYY-MM-DD */
        if (a >= 1800 && w[i].n == 4 && i + 2 < k && numval(&w[i + 1]) > 0 && numval(&w[i + 2]) > 0 &&
            valid_ymd((int)a, (int)numval(&w[i + 1]), (int)numval(&w[i + 2]))) {
            *days = dict_days((int)a, (int)numval(&w[i + 1]), (int)numval(&w[i + 2]));
            found = true;
        }
        /* DD Month YYYY, DD-Mon-YYYY */
        else if (a >= 1 && a <= 31 && i + 2 < k && month_of(w[i + 1].s, w[i + 1].n) &&
                 numval(&w[i + 2]) >= 1800 && valid_ymd((int)numval(&w[i + 2]), month_of(w[i + 1].s, w[i + 1].n), (int)a)) {
            *days = dict_days((int)numval(&w[i + 2]), month_of(w[i + 1].s, w[i + 1].n), (int)a);
            found = true;
        }
        /* Month DD, YYYY */
        else if (mo && i + 2 < k && numval(&w[i + 1]) >= 1 && numval(&w[i + 2]) >= 1800 &&
                 valid_ymd((int)numval(&w[i + 2]), mo, (int)numval(&w[i + 1]))) {
            *days = dict_days((int)numval(&w[i + 2]), mo, (int)numval(&w[i + 1]));
            found = true;
        }
    }
    /* HH:MM anywhere */
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ':' && i >= 1 && i + 2 < n && isdigit((unsigned char)s[i - 1]) &&
            isdigit((unsigned char)s[i + 1]) && isdigit((unsigned char)s[i + 2])) {
            int h = s[i - 1] - '0';
            if (i >= 2 && isdigit((unsigned char)s[i - 2])) h += 10 * (s[i - 2] - '0');
            int m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
            if (h < 24 && m < 60) { *minutes = h * 60 + m; break; }
        }
    }
    return found;
}

/* ---- sentences ---- */

static long tok_num(const char *text, const tok *t)
{
    if (!(t->flags & TK_NUM)) return -1;
    size_t n = t->end - t->start;
    if (n > 4) return -1;
    return digits(text + t->start, n);
}

/* A day of the month: "28", or an ordinal "28th", "22nd", "1st"; -1 otherwise */
static long tok_day(const char *text, const tok *t)
{
    if (!(t->flags & TK_NUM)) return -1;
    const char *s = text + t->start;
    size_t n = t->end - t->start, k = 0;
    while (k < n && k < 3 && s[k] >= '0' && s[k] <= '9') k++;
    if (k == 0 || k > 2) return -1;
    if (k < n) {
        static const char *const ORD[] = { "st", "nd", "rd", "th" };
        char low[3];
        if (n - k != 2) return -1;
        ascii_lower(low, s + k, 2);
        bool ok = false;
        for (size_t i = 0; i < 4; i++) ok = ok || !strncmp(low, ORD[i], 2);
        if (!ok) return -1;
    }
    long v = digits(s, k);
    return v >= 1 && v <= 31 ? v : -1;
}

static int tok_month(const char *text, const tok *t)
{
    if (!(t->flags & TK_WORD) || (t->flags & TK_NUM)) return 0;
    int m = month_of(text + t->start, t->end - t->start);
    /* "may" is a modal far more often than the month: only "May" with a capital */
    if (m == 5 && !(t->flags & TK_CAP)) return 0;
    if (m && !(t->flags & TK_CAP)) return 0;
    return m;
}

/* A year-less day resolved to the publication year: a past event more than a week after
 * the story is last year's (December events in a January story), a planned one more than
 * a week before it next year's (January talks announced in December). */
static int32_t nearest_year(int32_t dd, int32_t pub, bool future, int y, int m, int day)
{
    if (!future && dd > pub + 7 && valid_ymd(y - 1, m, day)) return dict_days(y - 1, m, day);
    if (future && dd < pub - 7 && valid_ymd(y + 1, m, day)) return dict_days(y + 1, m, day);
    return dd;
}

static void hit(when_hit *h, size_t a, size_t b, int32_t days, int prec, int basis)
{
    memset(h, 0, sizeof *h);
    h->tok_start = a; h->tok_end = b; h->days = days; h->precision = (uint8_t)prec; h->basis = (uint8_t)basis;
}

size_t when_find(const dict *d, const char *text, const tok *t, size_t n, int32_t pub,
                 bool future, when_hit *out, size_t max)
{
    size_t k = 0;
    int pub_y = 0, pub_m = 0, pub_d = 0;
    if (pub != WHEN_NONE) dict_civil(pub, &pub_y, &pub_m, &pub_d);
    for (size_t i = 0; i < n && k < max; i++) {
        /* most tokens start no date: one lookup of the word's class rules them out */
        if (!(t[i].flags & TK_NUM) && !(dict_symflags(d, t[i].sym) & (SF_MONTH | SF_WEEKDAY | SF_RELDAY))) continue;
        int mo = tok_month(text, &t[i]);
        long num = tok_num(text, &t[i]);
        size_t j = i + 1;
        if (mo) {
            if (j < n && (t[j].flags & TK_PUNCT) && t[j].punct == '.') j++;
            long day = j < n ? tok_day(text, &t[j]) : -1;
            if (day >= 1 && day <= 31) {
                size_t e = j + 1;
                long year = -1;
                if (e + 1 < n && (t[e].flags & TK_PUNCT) && t[e].punct == ',' && tok_num(text, &t[e + 1]) >= 1800) {
                    year = tok_num(text, &t[e + 1]); e += 2;
                } else if (e < n && tok_num(text, &t[e]) >= 1800) { year = tok_num(text, &t[e]); e++; }
                if (year > 0 && valid_ymd((int)year, mo, (int)day)) {
                    hit(&out[k++], i, e, dict_days((int)year, mo, (int)day), WP_DAY, WB_EXPLICIT);
                } else if (year < 0 && pub != WHEN_NONE && valid_ymd(pub_y, mo, (int)day)) {
                    /* year-less: the publication year, or the one before when that would put
                     * a past event months after the story (December events in a January story) */
                    int32_t dd = dict_days(pub_y, mo, (int)day);
                    dd = nearest_year(dd, pub, future, pub_y, mo, (int)day);
                    hit(&out[k++], i, e, dd, WP_DAY, WB_RELATIVE);
                } else if (year < 0) {
                    hit(&out[k++], i, e, WHEN_NONE, WP_DAY, WB_RELATIVE);
                }
                i = e - 1;
                continue;
            }
            long year = j < n ? tok_num(text, &t[j]) : -1;
            if (year >= 1800 && year <= 2200) {
                hit(&out[k++], i, j + 1, dict_days((int)year, mo, 1), WP_MONTH, WB_EXPLICIT);
                i = j;
                continue;
            }
            /* "in March", "since April", "early June": a month of the story's year, or the
             * year before when that month is still to come (a past event) */
            if (i > 0 && (dict_symflags(d, t[i - 1].sym) & SF_MONTH_LEAD)) {
                int32_t dd = WHEN_NONE;
                if (pub != WHEN_NONE) {
                    dd = dict_days(pub_y, mo, 1);
                    if (!future && mo > pub_m) dd = dict_days(pub_y - 1, mo, 1);
                    if (future && mo < pub_m) dd = dict_days(pub_y + 1, mo, 1);
                }
                bool since = text_is(text, &t[i - 1], "since");
                hit(&out[k], since ? i - 1 : i, i + 1, dd, WP_MONTH, WB_RELATIVE);
                out[k++].background = since;
                continue;
            }
        }
        long dnum = tok_day(text, &t[i]);
        /* "22 August", "the 22nd of August" */
        if (dnum > 0 && j + 1 < n && text_is(text, &t[j], "of") && tok_month(text, &t[j + 1])) j++;
        if (dnum > 0 && j < n && tok_month(text, &t[j])) {
            num = dnum;
            int m2 = tok_month(text, &t[j]);
            long year = j + 1 < n ? tok_num(text, &t[j + 1]) : -1;
            if (year >= 1800 && valid_ymd((int)year, m2, (int)num)) {
                hit(&out[k++], i, j + 2, dict_days((int)year, m2, (int)num), WP_DAY, WB_EXPLICIT);
                i = j + 1;
                continue;
            }
            if (pub != WHEN_NONE && valid_ymd(pub_y, m2, (int)num)) {
                int32_t dd = dict_days(pub_y, m2, (int)num);
                dd = nearest_year(dd, pub, future, pub_y, m2, (int)num);
                hit(&out[k++], i, j + 1, dd, WP_DAY, WB_RELATIVE);
                i = j;
                continue;
            }
        }
        /* YYYY-MM-DD as three number tokens */
        if (num >= 1800 && i + 4 < n && t[i + 1].punct == '-' && t[i + 3].punct == '-') {
            long m = tok_num(text, &t[i + 2]), dd = tok_num(text, &t[i + 4]);
            if (valid_ymd((int)num, (int)m, (int)dd)) {
                hit(&out[k++], i, i + 5, dict_days((int)num, (int)m, (int)dd), WP_DAY, WB_EXPLICIT);
                i += 4;
                continue;
            }
        }
        /* in / since / until YEAR */
        if (num >= 1900 && num <= 2100 && i > 0 && (t[i].end - t[i].start) == 4) {
            bool since = text_is(text, &t[i - 1], "since");
            if (since || text_is(text, &t[i - 1], "in") || text_is(text, &t[i - 1], "of")) {
                hit(&out[k], i - (since ? 1 : 0), i + 1, dict_days((int)num, 1, 1), WP_YEAR, WB_EXPLICIT);
                out[k++].background = since || (pub != WHEN_NONE && num < pub_y);
                continue;
            }
        }
        /* weekdays */
        int wd = (t[i].flags & TK_CAP) ? weekday_of(text + t[i].start, t[i].end - t[i].start) : -1;
        if (wd >= 0) {
            /* "Saturday, Oct. 19, 2019", "Friday 18 February": the date that follows says it */
            size_t x = i + 1 < n && t[i + 1].punct == ',' ? i + 2 : i + 1;
            if (x < n && (tok_month(text, &t[x]) || (tok_day(text, &t[x]) > 0 && x + 1 < n && tok_month(text, &t[x + 1]))))
                continue;
            if (pub == WHEN_NONE) { hit(&out[k++], i, i + 1, WHEN_NONE, WP_DAY, WB_RELATIVE); continue; }
            int pw = weekday_days(pub);
            bool last = i > 0 && text_is(text, &t[i - 1], "last");
            bool next = i > 0 && text_is(text, &t[i - 1], "next");
            int32_t dd;
            if (wd == pw && !last && !next) dd = pub;
            else if (next || (future && !last)) dd = pub + ((wd - pw + 7) % 7 ? (wd - pw + 7) % 7 : 7);
            else dd = pub - ((pw - wd + 7) % 7 ? (pw - wd + 7) % 7 : 7);
            hit(&out[k++], (last || next) ? i - 1 : i, i + 1, dd, WP_DAY, WB_RELATIVE);
            continue;
        }
        /* today, yesterday, tomorrow, tonight, overnight, last night */
        static const struct { const char *w; int off; } REL[] = {
            {"today", 0}, {"tonight", 0}, {"yesterday", -1}, {"tomorrow", 1}, {"overnight", -1},
        };
        for (size_t r = 0; r < sizeof REL / sizeof *REL; r++) {
            if (!text_is(text, &t[i], REL[r].w)) continue;
            int32_t dd = pub == WHEN_NONE ? WHEN_NONE : pub + REL[r].off;
            /* "overnight" in a present-tense story is the night before publication */
            hit(&out[k++], i, i + 1, dd, WP_DAY, WB_RELATIVE);
            break;
        }
        if (k < max && i + 1 < n && text_is(text, &t[i], "last") && text_is(text, &t[i + 1], "night")) {
            hit(&out[k++], i, i + 2, pub == WHEN_NONE ? WHEN_NONE : pub - 1, WP_DAY, WB_RELATIVE);
            i++;
            continue;
        }
        /* "over the weekend", "at the weekend": the Saturday before the story (this one if
         * the story is from the weekend); "since the weekend" reaches back, like "since 1988" */
        if (k < max && text_is(text, &t[i], "weekend") && i >= 2 && text_is(text, &t[i - 1], "the")) {
            int32_t dd = WHEN_NONE;
            if (pub != WHEN_NONE) {
                int pw = weekday_days(pub);   /* Monday 0 ... Saturday 5, Sunday 6 */
                dd = pub - (pw >= 5 ? pw - 5 : pw + 2);
            }
            hit(&out[k], i - 2, i + 1, dd, WP_DAY, WB_RELATIVE);
            out[k++].background = text_is(text, &t[i - 2], "since");
            continue;
        }
        /* "last week", "this week", "next week", "earlier this week": the Monday that starts
         * the week, at week precision */
        static const struct { const char *a; int weeks; } WEEK[] = { {"last", -1}, {"this", 0}, {"next", 1} };
        for (size_t q = 0; q < sizeof WEEK / sizeof *WEEK && k < max && i + 1 < n; q++) {
            if (!text_is(text, &t[i], WEEK[q].a) || !text_is(text, &t[i + 1], "week")) continue;
            int32_t dd = pub == WHEN_NONE ? WHEN_NONE : pub - weekday_days(pub) + 7 * WEEK[q].weeks;
            size_t a = i > 0 && text_is(text, &t[i - 1], "earlier") ? i - 1 : i;
            hit(&out[k++], a, i + 2, dd, WP_WEEK, WB_RELATIVE);
            i++;
            break;
        }
        if (k && out[k - 1].tok_end == i + 1 && out[k - 1].precision == WP_WEEK) continue;
        /* last / this / next month or year, and "earlier this year": the month or year they
         * name, at that precision */
        static const struct { const char *a, *b; int months, prec; } SPAN[] = {
            {"last", "month", -1, WP_MONTH}, {"this", "month", 0, WP_MONTH}, {"next", "month", 1, WP_MONTH},
            {"last", "year", -12, WP_YEAR}, {"this", "year", 0, WP_YEAR}, {"next", "year", 12, WP_YEAR},
        };
        for (size_t q = 0; q < sizeof SPAN / sizeof *SPAN && k < max && i + 1 < n; q++) {
            if (!text_is(text, &t[i], SPAN[q].a) || !text_is(text, &t[i + 1], SPAN[q].b)) continue;
            int32_t dd = WHEN_NONE;
            if (pub != WHEN_NONE) {
                int mm = pub_y * 12 + (pub_m - 1) + SPAN[q].months;
                dd = SPAN[q].prec == WP_YEAR ? dict_days(mm / 12, 1, 1) : dict_days(mm / 12, mm % 12 + 1, 1);
            }
            size_t a = i > 0 && text_is(text, &t[i - 1], "earlier") ? i - 1 : i;
            hit(&out[k++], a, i + 2, dd, SPAN[q].prec, WB_RELATIVE);
            i++;
            break;
        }
    }
    return k;
}

/* ---- clock times ---- */

const char *const WHEN_PRECISION[] = { "day", "month", "year", "week" };

/* Zone abbreviations whose offset is unambiguous, in minutes east of UTC: a row each. CST,
 * IST and GST are left out on purpose (China or Central US, India or Israel, Gulf or
 * South Georgia): a time in an ambiguous zone gets no time_utc, as does "local time". */
static const struct { const char *name; int offset; } ZONES[] = {
    {"gmt", 0}, {"utc", 0}, {"bst", 60}, {"cet", 60}, {"cest", 120}, {"wat", 60},
    {"eet", 120}, {"eest", 180}, {"sast", 120}, {"cat", 120}, {"eat", 180}, {"msk", 180},
    {"pkt", 300}, {"wib", 420}, {"ict", 420}, {"hkt", 480}, {"sgt", 480}, {"pht", 480},
    {"jst", 540}, {"kst", 540}, {"aest", 600}, {"aedt", 660}, {"nzst", 720}, {"nzdt", 780},
    {"est", -300}, {"edt", -240}, {"cdt", -300}, {"mst", -420}, {"mdt", -360},
    {"pst", -480}, {"pdt", -420}, {"akst", -540}, {"hst", -600},
};

static int zone_of(const char *text, const tok *t)
{
    if (!(t->flags & TK_WORD) || (t->flags & TK_NUM) || !(t->flags & TK_UPPER)) return INT32_MIN;
    size_t n = t->end - t->start;
    char low[8];
    if (n >= sizeof low) return INT32_MIN;
    ascii_lower(low, text + t->start, n);
    for (size_t i = 0; i < sizeof ZONES / sizeof *ZONES; i++)
        if (!strcmp(low, ZONES[i].name)) return ZONES[i].offset;
    return INT32_MIN;
}

/* A clock time at t[i]: "5:00" or "17:00" (then "p.m."/"a.m."), "5pm", "2100" before a
 * zone. Sets *minutes since midnight and returns the tokens used, 0 if none. */
static size_t clock_at(const char *text, const tok *t, size_t n, size_t i, int *minutes)
{
    if (!(t[i].flags & TK_NUM)) return 0;
    const char *s = text + t[i].start;
    size_t len = t[i].end - t[i].start, k = 0;
    long h = -1, m = 0;
    while (k < len && isdigit((unsigned char)s[k])) k++;
    bool four = false;
    if (k == len && len == 4) { h = digits(s, 2); m = digits(s + 2, 2); four = true; }   /* 2100 */
    else if (k >= 1 && k <= 2) {
        h = digits(s, k);
        if (k < len && (s[k] == ':' || s[k] == '.') && k + 3 == len) m = digits(s + k + 1, 2);
        else if (k + 2 == len && (s[k] == 'a' || s[k] == 'p' || s[k] == 'A' || s[k] == 'P') && (s[k + 1] == 'm' || s[k + 1] == 'M'))
            { if (h == 12) h = 0; if (s[k] == 'p' || s[k] == 'P') h += 12; *minutes = (int)(h * 60 + m); return h <= 23 ? 1 : 0; }
        else if (k != len) return 0;
    } else return 0;
    if (h < 0 || h > 23 || m < 0 || m > 59) return 0;
    size_t used = 1;
    if (i + 1 < n && (t[i + 1].flags & TK_DOTS)) {
        char low[8];
        size_t w = t[i + 1].end - t[i + 1].start;
        if (w < sizeof low) {
            ascii_lower(low, text + t[i + 1].start, w);
            if (!strcmp(low, "a.m.") || !strcmp(low, "p.m.") || !strcmp(low, "a.m") || !strcmp(low, "p.m")) {
                if (h > 12 || four) return 0;
                if (h == 12) h = 0;
                if (low[0] == 'p') h += 12;
                used = 2;
            }
        }
    }
    /* a bare number ("5", "2100") is a time only with a.m./p.m. or a zone after it */
    if (used == 1 && (k == len || four) && !(i + 1 < n && zone_of(text, &t[i + 1]) != INT32_MIN)) return 0;
    *minutes = (int)(h * 60 + m);
    return used;
}

bool when_time(const char *text, const tok *t, size_t n, int *utc_minutes, int *day_shift)
{
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & TK_NUM)) continue;
        int local;
        size_t u = clock_at(text, t, n, i, &local);
        if (!u) continue;
        size_t j = i + u;
        int off = j < n ? zone_of(text, &t[j]) : INT32_MIN;
        if (off != INT32_MIN) {
            int utc = local - off;
            *day_shift = utc < 0 ? -1 : utc >= 1440 ? 1 : 0;
            *utc_minutes = (utc + 1440) % 1440;
            return true;
        }
        /* "5:00 p.m. (2100 GMT)", "9 a.m. local time (0600 GMT)": the zoned time in
         * brackets; the day may differ from the local one when the two straddle midnight */
        if (j < n && text_is(text, &t[j], "local") && j + 1 < n && text_is(text, &t[j + 1], "time")) j += 2;
        if (j + 2 < n && t[j].punct == '(') {
            int z;
            size_t u2 = clock_at(text, t, n, j + 1, &z);
            int off2 = u2 && j + 1 + u2 < n ? zone_of(text, &t[j + 1 + u2]) : INT32_MIN;
            if (off2 != INT32_MIN) {
                int utc = z - off2;
                utc = (utc + 1440) % 1440;
                /* the local zone's offset lies within -12h..+14h */
                int diff = local - utc;
                int shift = 0;
                if (diff > 14 * 60) shift = 1;        /* 23:00 local, 03:00 UTC: the next day */
                else if (diff < -12 * 60) shift = -1;
                *utc_minutes = utc;
                *day_shift = shift;
                return true;
            }
        }
        i = j - 1;
    }
    return false;
}

/* ---- the nth day of something that began on a known day ---- */

static const char *const ORDINALS[] = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
};

int when_nth_day(const char *text, const tok *t, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (!(t[i].flags & TK_WORD) || !text_is(text, &t[i + 1], "day")) continue;
        for (size_t k = 1; k < sizeof ORDINALS / sizeof *ORDINALS; k++)
            if (text_is(text, &t[i], ORDINALS[k])) return (int)k + 1;
    }
    return 0;
}

/* verbs that say when something started: a row each */
static const char *const START_WORDS[] = {
    "began", "begun", "erupted", "broke", "started", "flared", "launched", "opened",
};

bool when_tells_start(const char *text, const tok *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!(t[i].flags & TK_WORD)) continue;
        for (size_t k = 0; k < sizeof START_WORDS / sizeof *START_WORDS; k++)
            if (text_is(text, &t[i], START_WORDS[k])) return true;
    }
    return false;
}
