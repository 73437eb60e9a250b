/* merge: clusters of events that report one real-world event (see merge.h; the rule in
 * prose is docs/STORE.md, "Merging").
 *
 * 1. Candidates: clusters with the event's root and factuality class whose date span
 *    overlaps the event's (undated events only meet undated clusters).
 * 2. Complete linkage: the event joins the first candidate, most mentions first, then
 *    oldest, with every member of which it is compatible; otherwise it starts a cluster.
 *    Requiring every member keeps chains from forming: day 1 and day 2 of fighting cannot
 *    meet through a report dated only to the month.
 * 3. The order of articles decides ties, so a rerun over the same inputs in the same order
 *    (after a crash, say) builds the same clusters with the same ids. */
#include "merge.h"
#include "util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Roots whose source is not part of the event's identity: reports of an appeal or a demand
 * disagree on who made it (Belgium, or Germany and France, requested the meeting), and each
 * requester is a variant of one request. A row per root. */
static const char *const SOURCE_VARIES[] = { "02", "10" };

bool merge_source_varies(const char *root)
{
    for (size_t i = 0; i < sizeof SOURCE_VARIES / sizeof *SOURCE_VARIES; i++)
        if (!strcmp(root, SOURCE_VARIES[i])) return true;
    return false;
}

/* Actor codes agree when either is unknown, they are equal, or one refines the other
 * (ARM and ARMMIL; not ARMGOV and ARMMIL). "---" is the unknown actor. */
static bool actors_agree(const char *a, const char *b)
{
    if (!*a || !*b || !strcmp(a, "---") || !strcmp(b, "---")) return true;
    size_t na = strlen(a), nb = strlen(b);
    return !strncmp(a, b, na < nb ? na : nb);
}

/* Places agree when either is unknown or names the whole country it shares with the other;
 * two GeoNames places agree when they are the same place (whatever the spelling: "KYIV",
 * "Kiev"); a first-level region agrees with a place inside it (Batken Region, Batken);
 * otherwise the names must be equal: two cities of one crackdown are two events. */
static bool places_agree(const merge_event *a, const merge_event *b)
{
    if (*a->country && *b->country && strcmp(a->country, b->country)) return false;
    if (!*a->place || !*b->place || a->country_level || b->country_level) return true;
    if (a->geonames_id && b->geonames_id) return a->geonames_id == b->geonames_id;
    bool same_admin1 = *a->admin1 && *b->admin1 && !strcasecmp(a->admin1, b->admin1);
    if (same_admin1 && (!strcmp(a->precision, "admin1") || !strcmp(b->precision, "admin1"))) return true;
    if (*a->admin1 && *b->admin1 && !same_admin1) return false;
    return !strcasecmp(a->place, b->place);
}

bool merge_compatible(const merge_event *a, const merge_event *b)
{
    if (strcmp(a->root, b->root) || strcmp(a->fclass, b->fclass)) return false;
    /* a daily toll and a running total are different facts, never variants of each other */
    if (*a->toll_kind && *b->toll_kind && strcmp(a->toll_kind, b->toll_kind)) return false;
    bool undated_a = !*a->date_lo, undated_b = !*b->date_lo;
    if (undated_a != undated_b) return false;
    if (!undated_a && (strcmp(a->date_lo, b->date_hi) > 0 || strcmp(b->date_lo, a->date_hi) > 0)) return false;
    if (!merge_source_varies(a->root) && !actors_agree(a->source, b->source)) return false;
    if (!actors_agree(a->target, b->target)) return false;
    return places_agree(a, b);
}

static void col(sqlite3_stmt *st, int i, char *out, size_t cap)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    snprintf(out, cap, "%s", t ? (const char *)t : "");
}

static const char MEMBER_SQL[] =
    "SELECT root, fclass, toll_kind, source, target, date_lo, date_hi, place, country, admin1, country_level, "
    "loc_precision, geonames_id FROM events WHERE cluster = ?1";

static void member_row(sqlite3_stmt *st, merge_event *m)
{
    col(st, 0, m->root, sizeof m->root);
    col(st, 1, m->fclass, sizeof m->fclass);
    col(st, 2, m->toll_kind, sizeof m->toll_kind);
    col(st, 3, m->source, sizeof m->source);
    col(st, 4, m->target, sizeof m->target);
    col(st, 5, m->date_lo, sizeof m->date_lo);
    col(st, 6, m->date_hi, sizeof m->date_hi);
    col(st, 7, m->place, sizeof m->place);
    col(st, 8, m->country, sizeof m->country);
    col(st, 9, m->admin1, sizeof m->admin1);
    m->country_level = sqlite3_column_int(st, 10) != 0;
    col(st, 11, m->precision, sizeof m->precision);
    m->geonames_id = sqlite3_column_int64(st, 12);
}

/* every member of cluster c is compatible with ev; *rc gets an SQLite error */
static bool fits(sr_store *s, int64_t c, const merge_event *ev, int *rc)
{
    sqlite3_stmt *st = store_stmt(s, MEMBER_SQL, rc);
    if (!st) return false;
    sqlite3_bind_int64(st, 1, c);
    bool ok = true;
    int k;
    while (ok && (k = sqlite3_step(st)) == SQLITE_ROW) {
        merge_event m;
        member_row(st, &m);
        ok = merge_compatible(ev, &m);
    }
    if (ok && k != SQLITE_DONE) *rc = k;
    sqlite3_reset(st);
    return ok && *rc == SQLITE_OK;
}

/* Candidates come from the index clusters_span (root, fclass, date_hi, date_lo, mentions)
 * over a window of date_hi: a cluster overlaps the event when it ends on or after the
 * event's start and starts on or before its end; its members overlap pairwise (complete
 * linkage), so its span is at most twice the longest member's (a year: 366 days), and it
 * ends at most 732 days after the event's end. The window keeps a large store from being
 * read through for every event. */
int merge_assign(sr_store *s, const merge_event *ev, int64_t *cluster)
{
    static const char SQL[] =
        "SELECT id FROM clusters WHERE root = ?1 AND fclass = ?2 AND "
        "((?3 = '' AND date_hi = '') OR (?3 <> '' AND date_hi >= ?3 AND date_hi <= date(?4, '+732 days') AND "
        "date_lo <= ?4)) ORDER BY mentions DESC, id";
    static const char INSERT[] = "INSERT INTO clusters (root, fclass, date_lo, date_hi) VALUES (?1, ?2, ?3, ?4)";
    int rc;
    sqlite3_stmt *st = store_stmt(s, SQL, &rc);
    if (!st) return rc;
    sqlite3_bind_text(st, 1, ev->root, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, ev->fclass, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, ev->date_lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, ev->date_hi, -1, SQLITE_STATIC);
    VEC(int64_t) cand = {0};
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) vec_push(cand, sqlite3_column_int64(st, 0));
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) { vec_free(cand); return rc; }
    rc = SQLITE_OK;
    *cluster = 0;
    for (size_t i = 0; i < cand.n && !*cluster && rc == SQLITE_OK; i++)
        if (fits(s, cand.v[i], ev, &rc)) *cluster = cand.v[i];
    vec_free(cand);
    if (rc != SQLITE_OK || *cluster) return rc;
    if (!(st = store_stmt(s, INSERT, &rc))) return rc;
    sqlite3_bind_text(st, 1, ev->root, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, ev->fclass, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, ev->date_lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, ev->date_hi, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) return rc;
    *cluster = sqlite3_last_insert_rowid(s->db);
    return SQLITE_OK;
}

/* ---- the summary of a cluster ---- */

enum {   /* columns of REFRESH_SQL */
    R_CAMEO, R_PLOVER, R_GOLDSTEIN, R_QUAD, R_FACT, R_TOLL, R_SOURCE, R_TARGET, R_SOURCE_TEXT, R_TARGET_TEXT,
    R_DATE, R_PREC, R_LO, R_HI, R_PLACE, R_COUNTRY, R_ADMIN1, R_LAT, R_LON, R_CLEVEL, R_KILLED, R_INJURED,
    R_ARRESTED, R_ARTICLE, R_SECTION, R_PUBDATE, R_OUTLET, R_GEONAMES, R_LPREC, R_LBASIS, R_N
};
static const char REFRESH_SQL[] =
    "SELECT e.cameo, e.plover, e.goldstein, e.quad, e.factuality, e.toll_kind, e.source, e.target, e.source_text, "
    "e.target_text, e.date, e.date_precision, e.date_lo, e.date_hi, e.place, e.country, e.admin1, e.lat, e.lon, "
    "e.country_level, e.killed, e.injured, e.arrested, e.article, e.section, a.date, a.outlet, e.geonames_id, "
    "e.loc_precision, e.loc_basis "
    "FROM events e JOIN articles a ON a.id = e.article WHERE e.cluster = ?1 ORDER BY e.id";

typedef struct member {
    char *s[R_N];            /* text of each column, NULL for SQL NULL */
    double goldstein, lat, lon;
    bool has_geo;
    long killed, injured, arrested;
    int64_t article;
} member;

/* the most frequent non-empty value of column c among members that pass keep (NULL: all);
 * ties go to the earliest member. Returns the index of a member holding it, or -1. */
static int mode(const member *m, size_t n, int c, bool (*keep)(const member *, int), int arg)
{
    int best = -1;
    size_t best_n = 0;
    for (size_t i = 0; i < n; i++) {
        if (!m[i].s[c] || !*m[i].s[c] || (keep && !keep(&m[i], arg))) continue;
        size_t k = 0;
        for (size_t j = 0; j < n; j++)
            if (m[j].s[c] && !strcmp(m[i].s[c], m[j].s[c]) && (!keep || keep(&m[j], arg))) k++;
        if (k > best_n) { best_n = k; best = (int)i; }
    }
    return best;
}

static const char *const PRECISIONS[] = { "day", "month", "year" };

static bool has_precision(const member *m, int p)
{
    const char *pr = m->s[R_PREC] ? m->s[R_PREC] : "day";
    return m->s[R_DATE] && !strcmp(pr, PRECISIONS[p]);
}

static bool not_country_level(const member *m, int unused)
{
    (void)unused;
    return !m->s[R_CLEVEL] || strcmp(m->s[R_CLEVEL], "1");
}

/* a place the event's own sentence names (records before `basis` count as such), not the
 * dateline's or the article's, which stand in for a sentence that names none */
static bool own_place(const member *m, int unused)
{
    return not_country_level(m, unused) && (!m->s[R_LBASIS] || !strcmp(m->s[R_LBASIS], "sentence"));
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* figures per article (an article that repeats its toll counts once, with its largest), then
 * low, best (the median; of two middle figures the lower) and high */
static void figures(const member *m, size_t n, size_t off, long *low, long *best, long *high)
{
    long *per = xcalloc(n ? n : 1, sizeof *per);
    int64_t *art = xcalloc(n ? n : 1, sizeof *art);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        long v = *(const long *)((const char *)&m[i] + off);
        if (v < 0) continue;
        size_t j = 0;
        while (j < k && art[j] != m[i].article) j++;
        if (j == k) { art[k] = m[i].article; per[k++] = v; }
        else if (v > per[j]) per[j] = v;
    }
    if (!k) *low = *best = *high = -1;
    else {
        qsort(per, k, sizeof *per, cmp_long);
        *low = per[0];
        *high = per[k - 1];
        *best = per[(k - 1) / 2];
    }
    free(per);
    free(art);
}

int merge_refresh(sr_store *s, int64_t cluster)
{
    int rc;
    sqlite3_stmt *st = store_stmt(s, REFRESH_SQL, &rc);
    if (!st) return rc;
    sqlite3_bind_int64(st, 1, cluster);
    VEC(member) ms = {0};
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        member m;
        memset(&m, 0, sizeof m);
        for (int c = 0; c < R_N; c++) {
            const unsigned char *t = sqlite3_column_text(st, c);
            m.s[c] = t ? xstrdup((const char *)t) : NULL;
        }
        m.goldstein = sqlite3_column_double(st, R_GOLDSTEIN);
        m.has_geo = sqlite3_column_type(st, R_LAT) != SQLITE_NULL && sqlite3_column_type(st, R_LON) != SQLITE_NULL;
        m.lat = sqlite3_column_double(st, R_LAT);
        m.lon = sqlite3_column_double(st, R_LON);
        m.killed = sqlite3_column_type(st, R_KILLED) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, R_KILLED);
        m.injured = sqlite3_column_type(st, R_INJURED) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, R_INJURED);
        m.arrested = sqlite3_column_type(st, R_ARRESTED) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, R_ARRESTED);
        m.article = sqlite3_column_int64(st, R_ARTICLE);
        vec_push(ms, m);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) goto out;
    size_t n = ms.n;
    member *m = ms.v;
    /* the most reported value of each field; dates and places from the most precise reports */
    int cameo = mode(m, n, R_CAMEO, NULL, 0), src = mode(m, n, R_SOURCE, NULL, 0), tgt = mode(m, n, R_TARGET, NULL, 0);
    int fact = mode(m, n, R_FACT, NULL, 0), toll = mode(m, n, R_TOLL, NULL, 0);
    int date = -1;
    for (int p = 0; p < 3 && date < 0; p++) date = mode(m, n, R_DATE, has_precision, p);
    int place = mode(m, n, R_PLACE, own_place, 0);
    if (place < 0) place = mode(m, n, R_PLACE, not_country_level, 0);
    if (place < 0) place = mode(m, n, R_PLACE, NULL, 0);
    int country = mode(m, n, R_COUNTRY, NULL, 0), admin1 = mode(m, n, R_ADMIN1, NULL, 0);
    if (place >= 0 && m[place].s[R_ADMIN1]) admin1 = place;   /* the place's own region */
    /* coordinates of the chosen place: its own report's, else another report of that name */
    int geo = place >= 0 && m[place].has_geo ? place : -1;
    for (size_t i = 0; i < n && geo < 0; i++)
        if (m[i].has_geo && place >= 0 && m[i].s[R_PLACE] && !strcmp(m[i].s[R_PLACE], m[place].s[R_PLACE])) geo = (int)i;
    long kl, kb, kh, il, ib, ih, al, ab, ah;
    figures(m, n, offsetof(member, killed), &kl, &kb, &kh);
    figures(m, n, offsetof(member, injured), &il, &ib, &ih);
    figures(m, n, offsetof(member, arrested), &al, &ab, &ah);
    /* counts: reports, distinct articles, distinct outlets (an article without a known outlet
     * is a source of its own); the first report is the earliest published, then stored */
    size_t articles = 0, sources = 0;
    buf outlets = {0};
    int first = -1;
    bool root_event = false;
    char lo[11] = "", hi[11] = "";
    for (size_t i = 0; i < n; i++) {
        bool new_article = true, new_source = true;
        for (size_t j = 0; j < i; j++) {
            if (m[j].article == m[i].article) new_article = false;
            bool same = m[i].s[R_OUTLET] && m[j].s[R_OUTLET] ? !strcasecmp(m[i].s[R_OUTLET], m[j].s[R_OUTLET])
                                                               : m[j].article == m[i].article;
            if (same) new_source = false;
        }
        articles += new_article;
        sources += new_source;
        if (new_source && m[i].s[R_OUTLET]) {
            if (outlets.n) buf_puts(&outlets, "; ");
            buf_puts(&outlets, m[i].s[R_OUTLET]);
        }
        const char *pd = m[i].s[R_PUBDATE] ? m[i].s[R_PUBDATE] : "9999-99-99";
        if (first < 0) first = (int)i;
        else {
            const char *fd = m[first].s[R_PUBDATE] ? m[first].s[R_PUBDATE] : "9999-99-99";
            int c = strcmp(pd, fd);
            if (c < 0 || (c == 0 && m[i].article < m[first].article)) first = (int)i;
        }
        if (m[i].s[R_SECTION] && !strcmp(m[i].s[R_SECTION], "headline")) root_event = true;
        if (m[i].s[R_LO] && *m[i].s[R_LO] && (!*lo || strcmp(m[i].s[R_LO], lo) < 0)) snprintf(lo, sizeof lo, "%s", m[i].s[R_LO]);
        if (m[i].s[R_HI] && *m[i].s[R_HI] && (!*hi || strcmp(m[i].s[R_HI], hi) > 0)) snprintf(hi, sizeof hi, "%s", m[i].s[R_HI]);
    }
    static const char UPD[] =
        "UPDATE clusters SET cameo=?2, plover=?3, goldstein=?4, quad=?5, factuality=?6, toll_kind=?7, source=?8, "
        "target=?9, source_name=?10, target_name=?11, date=?12, date_precision=?13, place=?14, country=?15, "
        "admin1=?16, lat=?17, lon=?18, killed_low=?19, killed_best=?20, killed_high=?21, injured=?22, arrested=?23, "
        "mentions=?24, articles=?25, sources=?26, outlets=?27, first_article=?28, root_event=?29, date_lo=?30, "
        "date_hi=?31, geonames_id=?32, place_precision=?33 WHERE id=?1";
    if (!(st = store_stmt(s, UPD, &rc))) goto out;
#define TXT(i, row, c) sqlite3_bind_text(st, i, (row) >= 0 ? m[row].s[c] : NULL, -1, SQLITE_TRANSIENT)
#define NUM(i, v) ((v) >= 0 ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i))
    sqlite3_bind_int64(st, 1, cluster);
    TXT(2, cameo, R_CAMEO);
    TXT(3, cameo, R_PLOVER);
    if (cameo >= 0) sqlite3_bind_double(st, 4, m[cameo].goldstein);
    if (cameo >= 0) TXT(5, cameo, R_QUAD);
    TXT(6, fact, R_FACT);
    TXT(7, toll, R_TOLL);
    TXT(8, src, R_SOURCE);
    TXT(9, tgt, R_TARGET);
    TXT(10, src, R_SOURCE_TEXT);
    TXT(11, tgt, R_TARGET_TEXT);
    TXT(12, date, R_DATE);
    if (date >= 0) sqlite3_bind_text(st, 13, m[date].s[R_PREC] ? m[date].s[R_PREC] : "day", -1, SQLITE_TRANSIENT);
    TXT(14, place, R_PLACE);
    TXT(15, country, R_COUNTRY);
    TXT(16, admin1, R_ADMIN1);
    if (geo >= 0) { sqlite3_bind_double(st, 17, m[geo].lat); sqlite3_bind_double(st, 18, m[geo].lon); }
    NUM(19, kl); NUM(20, kb); NUM(21, kh); NUM(22, ib); NUM(23, ab);
    (void)il; (void)ih; (void)al; (void)ah;
    sqlite3_bind_int64(st, 24, (sqlite3_int64)n);
    sqlite3_bind_int64(st, 25, (sqlite3_int64)articles);
    sqlite3_bind_int64(st, 26, (sqlite3_int64)sources);
    sqlite3_bind_text(st, 27, outlets.n ? outlets.s : NULL, -1, SQLITE_TRANSIENT);
    if (first >= 0) sqlite3_bind_int64(st, 28, m[first].article);
    sqlite3_bind_int(st, 29, root_event);
    sqlite3_bind_text(st, 30, lo, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 31, hi, -1, SQLITE_TRANSIENT);
    if (place >= 0 && m[place].s[R_GEONAMES]) sqlite3_bind_int64(st, 32, strtoll(m[place].s[R_GEONAMES], NULL, 10));
    TXT(33, place, R_LPREC);
#undef TXT
#undef NUM
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    buf_free(&outlets);
out:
    for (size_t i = 0; i < ms.n; i++)
        for (int c = 0; c < R_N; c++) free(ms.v[i].s[c]);
    vec_free(ms);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}
