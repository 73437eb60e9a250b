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

static int tok_month(const char *text, const tok *t)
{
    if (!(t->flags & TK_WORD) || (t->flags & TK_NUM)) return 0;
    int m = month_of(text + t->start, t->end - t->start);
    /* "may" is a modal far more often than the month: only "May" with a capital */
    if (m == 5 && !(t->flags & TK_CAP)) return 0;
    if (m && !(t->flags & TK_CAP)) return 0;
    return m;
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
            long day = j < n ? tok_num(text, &t[j]) : -1;
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
                    if (!future && dd > pub + 7 && valid_ymd(pub_y - 1, mo, (int)day)) dd = dict_days(pub_y - 1, mo, (int)day);
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
        }
        if (num >= 1 && num <= 31 && j < n && tok_month(text, &t[j])) {
            int m2 = tok_month(text, &t[j]);
            long year = j + 1 < n ? tok_num(text, &t[j + 1]) : -1;
            if (year >= 1800 && valid_ymd((int)year, m2, (int)num)) {
                hit(&out[k++], i, j + 2, dict_days((int)year, m2, (int)num), WP_DAY, WB_EXPLICIT);
                i = j + 1;
                continue;
            }
            if (pub != WHEN_NONE && valid_ymd(pub_y, m2, (int)num)) {
                int32_t dd = dict_days(pub_y, m2, (int)num);
                if (!future && dd > pub + 7 && valid_ymd(pub_y - 1, m2, (int)num)) dd = dict_days(pub_y - 1, m2, (int)num);
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
        /* last / this / next month or year, and "earlier this year": the month or year they
         * name, at that precision (a week has no precision of its own: left out) */
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
