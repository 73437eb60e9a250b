/* doc: article structure (see doc.h).
 *
 * The text is cut into paragraphs at blank lines. In a structured story the first
 * paragraph is the header: its first line is the headline, and later lines are a dateline
 * (any line holding a date), a video duration ("01:44") or the outlet (a short line with no
 * sentence punctuation). A header made of one line is a headline when it has no final
 * period and more text follows; paragraphs after it that hold only a date, a duration or an
 * outlet name are header lines too. In the body:
 *   - "... /Reuters" at the end of a paragraph makes it a photo caption; an identical
 *     caption seen before is skipped (pages print each caption twice);
 *   - "(With input from A, B)" / "(With reporting by ...)" lists credits, not text to code;
 *   - "(Cover: ...)" is the cover photo's caption;
 *   - "PLACE, Month Day (Agency) -" opening the first paragraph is an agency dateline. */
#include "doc.h"
#include "when.h"
#include "utf8.h"
#include <ctype.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>

const char *const DOC_BLOCK_NAMES[] = { "headline", "body", "caption" };

static bool is_blank(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) if (!isspace((unsigned char)s[i])) return false;
    return true;
}

static void trim_span(const char *s, size_t *a, size_t *b)
{
    while (*a < *b && isspace((unsigned char)s[*a])) (*a)++;
    while (*b > *a && isspace((unsigned char)s[*b - 1])) (*b)--;
}

static bool starts_with(const char *s, size_t a, size_t b, const char *p)
{
    size_t n = strlen(p);
    return b - a >= n && strncasecmp(s + a, p, n) == 0;
}

/* "01:44" or "1:02:03" alone on a line */
static bool is_duration(const char *s, size_t a, size_t b)
{
    if (b - a < 4 || b - a > 8) return false;
    int colons = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] == ':') colons++;
        else if (!isdigit((unsigned char)s[i])) return false;
    }
    return colons >= 1 && colons <= 2;
}

static bool has_sentence_punct(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) if (s[i] == '.' || s[i] == ',' || s[i] == '!' || s[i] == '?') return true;
    return false;
}

static size_t count_words(const char *s, size_t a, size_t b)
{
    size_t w = 0;
    bool in = false;
    for (size_t i = a; i < b; i++) {
        bool sp = isspace((unsigned char)s[i]);
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

/* A short line that is only a date ("Sept. 28, 2020", "Updated 11:34, 29-Sep-2020"). */
static bool dateline(doc *d, const char *s, size_t a, size_t b)
{
    if (b - a > 80 || count_words(s, a, b) > 8) return false;
    int32_t days;
    int minutes;
    if (!when_parse_line(s + a, b - a, &days, &minutes)) return false;
    if (d->pub == WHEN_NONE) { d->pub = days; d->pub_minutes = minutes; }
    return true;
}

static void add_block(doc *d, size_t a, size_t b, int kind)
{
    trim_span(d->text, &a, &b);
    if (a >= b) return;
    doc_block blk = { a, b, (uint8_t)kind };
    vec_push(d->blocks, blk);
}

/* Copies comma-separated names out of "(With input from Xinhua, Reuters, AFP)". */
static void read_credits(doc *d, const char *s, size_t a, size_t b)
{
    size_t i = a;
    while (i < b && d->ncredits < DOC_MAX_CREDITS) {
        while (i < b && (isspace((unsigned char)s[i]) || s[i] == ',')) i++;
        size_t st = i;
        while (i < b && s[i] != ',' && s[i] != ')') i++;
        size_t en = i;
        trim_span(s, &st, &en);
        if (en - st >= 4 && strncasecmp(s + st, "and ", 4) == 0) st += 4;
        if (en > st && en - st < sizeof d->credits[0])
            snprintf(d->credits[d->ncredits++], sizeof d->credits[0], "%.*s", (int)(en - st), s + st);
        if (i < b && s[i] == ')') break;
        /* "X and Y" inside one comma field */
        i++;
    }
}

/* Caption credit: the paragraph ends "... /Agency". Returns the start of " /Agency". */
static size_t caption_credit(const char *s, size_t a, size_t b)
{
    size_t i = b;
    while (i > a && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == ' ' || s[i - 1] == '-' || s[i - 1] == ')')) {
        if (b - i > 40) return 0;
        i--;
    }
    if (i > a && s[i - 1] == '/' && i - 1 > a && isspace((unsigned char)s[i - 2]) && i < b) return i - 1;
    return 0;
}

typedef VEC(uint64_t) hashvec;

static void body_paragraph(doc *d, size_t a, size_t b, hashvec *seen, bool *first_body)
{
    const char *s = d->text;
    trim_span(s, &a, &b);
    if (a >= b) return;
    if (starts_with(s, a, b, "(With input from") || starts_with(s, a, b, "(With reporting by") ||
        starts_with(s, a, b, "(Reporting by") || starts_with(s, a, b, "(Additional reporting")) {
        size_t from = a + 1;
        while (from < b && !(starts_with(s, from, b, "from ") || starts_with(s, from, b, "by "))) from++;
        from += starts_with(s, from, b, "from ") ? 5 : 3;
        if (from < b) read_credits(d, s, from, b);
        return;
    }
    int kind = BK_BODY;
    if (starts_with(s, a, b, "(Cover:") && s[b - 1] == ')') { a += 7; b--; kind = BK_CAPTION; trim_span(s, &a, &b); }
    size_t cc = caption_credit(s, a, b);
    if (cc) {
        kind = BK_CAPTION;
        size_t ca = cc + 1, cb = b;
        trim_span(s, &ca, &cb);
        if (!d->caption_credit[0] && cb > ca && cb - ca < sizeof d->caption_credit)
            snprintf(d->caption_credit, sizeof d->caption_credit, "%.*s", (int)(cb - ca), s + ca);
        b = cc;
        trim_span(s, &a, &b);
    }
    if (kind == BK_CAPTION) {
        uint64_t h = hash_bytes(s + a, b - a);
        for (size_t i = 0; i < seen->n; i++)
            if (seen->v[i] == h) { d->captions_skipped++; return; }
        vec_push(*seen, h);
    } else if (*first_body) {
        /* agency dateline: "BAKU, Sept 28 (Reuters) -" or "MOSCOW (AP) --" */
        size_t lim = b - a > 120 ? a + 120 : b;
        for (size_t i = a; i + 1 < lim; i++) {
            if (s[i] == ')' && (i + 2 < b) && (s[i + 2] == '-' || (unsigned char)s[i + 2] == 0xE2)) {
                size_t open = i;
                while (open > a && s[open] != '(') open--;
                if (s[open] != '(') break;
                /* the words before "(" must be upper-case place, optional date */
                if (!isupper((unsigned char)s[a]) || !isupper((unsigned char)s[a + 1])) break;
                int32_t days;
                int mins;
                if (d->pub == WHEN_NONE && when_parse_line(s + a, open - a, &days, &mins)) d->pub = days;
                size_t j = i + 2;
                while (j < b && (s[j] == '-' || s[j] == ' ' || (unsigned char)s[j] >= 0x80)) {
                    if ((unsigned char)s[j] >= 0x80) { int l; int32_t cp = utf8_decode(s + j, b - j, &l); if (cp != 0x2013 && cp != 0x2014) break; j += (size_t)l; }
                    else j++;
                }
                a = j;
                break;
            }
        }
        *first_body = false;
    }
    add_block(d, a, b, kind);
}

static bool looks_binary(const char *s, size_t n)
{
    size_t lim = n < 8192 ? n : 8192, ctrl = 0;
    for (size_t i = 0; i < lim; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ctrl++;
    }
    size_t bad = utf8_count_invalid(s, lim);
    return ctrl * 10 > lim || bad * 4 > lim;
}

int doc_parse(doc *d, const sr_article *a, sr_error *err)
{
    memset(d, 0, sizeof *d);
    d->text = a->text;
    d->len = a->len;
    d->pub = WHEN_NONE;
    d->pub_minutes = -1;
    const char *s = a->text;
    size_t n = a->len;
    if (a->date && !when_parse_iso(a->date, &d->pub)) {
        if (err) { err->code = SR_EUSAGE; err->offset = -1; snprintf(err->message, sizeof err->message, "bad date '%s' (expected YYYY-MM-DD)", a->date); }
        return SR_EUSAGE;
    }
    if (is_blank(s, 0, n)) {
        if (err) { err->code = SR_EINPUT; err->offset = 0; snprintf(err->message, sizeof err->message, "empty input: no text to code"); }
        return SR_EINPUT;
    }
    if (looks_binary(s, n)) {
        if (err) { err->code = SR_EINPUT; err->offset = 0; snprintf(err->message, sizeof err->message, "binary input: this does not look like text (NUL or control bytes)"); }
        return SR_EINPUT;
    }
    /* paragraphs */
    VEC(doc_block) paras = {0};
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == '\n' || s[i] == '\r')) i++;
        size_t st = i;
        for (;;) {
            const char *nl = memchr(s + i, '\n', n - i);
            size_t le = nl ? (size_t)(nl - s) : n;
            i = nl ? le + 1 : n;
            if (i >= n) break;
            /* blank line ends the paragraph */
            size_t j = i;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r')) j++;
            if (j < n && s[j] == '\n') break;
            if (j >= n) break;
        }
        size_t en = i;
        trim_span(s, &st, &en);
        if (en > st) { doc_block p = { st, en, BK_BODY }; vec_push(paras, p); }
    }
    hashvec seen = {0};
    bool first_body = true;
    size_t pi = 0;
    /* a title given outside the text (JSON "title") is not part of the input bytes, so it
     * is not coded: records point into the text */
    if (a->plain == false && paras.n > 1) {
        /* header paragraph: split into lines */
        size_t hs = paras.v[0].start, he = paras.v[0].end;
        size_t ls = hs;
        int lineno = 0;
        bool multi = memchr(s + hs, '\n', he - hs) != NULL;
        while (ls < he) {
            const char *nl = memchr(s + ls, '\n', he - ls);
            size_t le = nl ? (size_t)(nl - s) : he;
            size_t a0 = ls, b0 = le;
            trim_span(s, &a0, &b0);
            if (b0 > a0) {
                if (lineno == 0) {
                    bool headline = (multi || (b0 - a0 < 200 && s[b0 - 1] != '.')) && !dateline(d, s, a0, b0);
                    if (headline) add_block(d, a0, b0, BK_HEADLINE);
                    else if (!multi) { pi = 0; break; }
                } else if (dateline(d, s, a0, b0) || is_duration(s, a0, b0)) {
                } else if (count_words(s, a0, b0) <= 4 && !has_sentence_punct(s, a0, b0) && !d->outlet[0]) {
                    snprintf(d->outlet, sizeof d->outlet, "%.*s", (int)(b0 - a0), s + a0);
                } else {
                    body_paragraph(d, a0, b0, &seen, &first_body);
                }
                lineno++;
            }
            ls = le + 1;
        }
        if (lineno > 0) pi = 1;
        /* header lines that come as paragraphs of their own */
        while (pi < paras.n && pi <= 4) {
            size_t a0 = paras.v[pi].start, b0 = paras.v[pi].end;
            if (memchr(s + a0, '\n', b0 - a0)) break;
            if (dateline(d, s, a0, b0) || is_duration(s, a0, b0)) { pi++; continue; }
            if (count_words(s, a0, b0) <= 3 && !has_sentence_punct(s, a0, b0) && !d->outlet[0] && d->blocks.n) {
                snprintf(d->outlet, sizeof d->outlet, "%.*s", (int)(b0 - a0), s + a0);
                pi++;
                continue;
            }
            break;
        }
    }
    for (; pi < paras.n; pi++) body_paragraph(d, paras.v[pi].start, paras.v[pi].end, &seen, &first_body);
    vec_free(paras);
    vec_free(seen);
    return 0;
}

void doc_free(doc *d)
{
    if (!d) return;
    vec_free(d->blocks);
}
