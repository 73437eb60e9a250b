/* text: tokenising and sentence splitting (see text.h).
 *
 * Token rules, in order:
 *  1. Runs of letters and digits make a word; "U.N." and "p.m." (single letters joined by
 *     periods) stay one word; an apostrophe inside a word stays (O'Brien, d'Ivoire) except
 *     for the clitics 's and n't, which become tokens of their own (Azerbaijan 's, did n't).
 *  2. A number may carry internal , . : between digits (2,100  5:00  3.5).
 *  3. Everything else that is not space is a one-character punctuation token; typographic
 *     dashes and quotes get an ASCII equivalent in tok.punct.
 * Sentence boundaries: . ! ? followed by a capital, digit or quote, unless the word before
 * is a known abbreviation (Mr., Sept.) or an initial; closing quotes and brackets stay with
 * the sentence they close. */
#include "text.h"
#include "utf8.h"
#include "util.h"
#include <string.h>
#include <stdlib.h>
#include <utf8proc.h>

size_t text_normalise(const char *s, size_t n, char *out, size_t cap)
{
    bool ascii = true;
    for (size_t i = 0; i < n; i++) if ((unsigned char)s[i] >= 0x80) { ascii = false; break; }
    if (ascii) {
        if (n + 1 > cap) return 0;
        ascii_lower(out, s, n);
        return n;
    }
    utf8proc_uint8_t *m = NULL;
    /* utf8proc refuses invalid UTF-8; such a token simply has no normalised form. */
    utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
                                      UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK);
    if (k < 0) return 0;
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; i < k; ) {
        int len;
        int32_t cp = utf8_decode((const char *)m + i, (size_t)(k - i), &len);
        const char *rep = NULL;
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) rep = "'";
        if (rep) {
            if (o + 1 >= cap) { free(m); return 0; }
            out[o++] = rep[0];
        } else {
            if (o + (size_t)len >= cap) { free(m); return 0; }
            memcpy(out + o, m + i, (size_t)len);
            o += (size_t)len;
        }
        i += len;
    }
    free(m);
    out[o] = 0;
    return o;
}

static bool is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

static char punct_ascii(int32_t cp)
{
    if (cp < 0x80) return (char)cp;
    switch (cp) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return '-';
    case 0x2018: case 0x2019: case 0x201A: case 0x2032: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return '"';
    case 0x2026: return '.';
    default: return '?';
    }
}

/* '_' separates words like a space: coders' test texts and some feeds join the words of a
 * name with it ("Dol_Amroth") */
static bool is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '_' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
           cp == 0xA0 || cp == 0x2009 || cp == 0x200A || cp == 0x202F || cp == 0x2002 ||
           cp == 0x2003 || cp == 0x200B || cp == 0xFEFF || (cp >= 0 && cp < 0x20);
}

/* Reads one token at *pos (skipping space); returns false at end. */
/* ASCII fast paths of utf8_decode and utf8_is_wordchar: most news text is ASCII, and the
 * tokeniser reads every byte */
static inline int32_t decode(const char *s, size_t n, int *len)
{
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) { *len = 1; return c; }
    return utf8_decode(s, n, len);
}

static inline bool wordchar(int32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    return utf8_is_wordchar(cp);
}

static bool next_tok(const strtab *st, const char *s, size_t *pos, size_t end, tok *t)
{
    size_t i = *pos;
    int len;
    int32_t cp = 0;
    while (i < end) {
        cp = decode(s + i, end - i, &len);
        if (cp >= 0 && !is_space_cp(cp)) break;
        i += (size_t)len;   /* invalid bytes are skipped like space */
    }
    if (i >= end) { *pos = end; return false; }
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)i;
    t->sym = -1;
    if (!wordchar(cp)) {
        t->flags = TK_PUNCT;
        t->punct = punct_ascii(cp);
        i += (size_t)len;
        t->end = (uint32_t)i;
        *pos = i;
        char tmp[2] = { t->punct, 0 };
        t->sym = strtab_find(st, tmp, 1);
        return true;
    }
    bool digit_start = cp < 0x80 && cp >= '0' && cp <= '9';
    size_t wstart = i;
    size_t nletters = 0, nupper = 0;
    bool first_upper = false, dots = false;
    for (;;) {
        if (i >= end) break;   /* "U.N." may end the input */
        cp = decode(s + i, end - i, &len);
        if (cp >= 0 && wordchar(cp)) {
            if (cp >= 0x80 ? utf8proc_isupper(cp) : (cp >= 'A' && cp <= 'Z')) {
                if (i == wstart) first_upper = true;
                nupper++;
            }
            if (!(cp < 0x80 && cp >= '0' && cp <= '9')) nletters++;
            i += (size_t)len;
            if (i >= end) break;
            continue;
        }
        if (i + (size_t)len < end && cp >= 0) {
            int l2;
            int32_t nx = decode(s + i + len, end - i - (size_t)len, &l2);
            bool nx_word = nx >= 0 && wordchar(nx);
            if (digit_start && (cp == ',' || cp == '.' || cp == ':') && nx >= '0' && nx <= '9') {
                i += (size_t)len;
                continue;
            }
            if (is_apos(cp) && nx_word) {
                /* clitics 's and n't are separate tokens */
                size_t after = i + (size_t)len + (size_t)l2;
                int l3 = 1;
                int32_t nn = after < end ? decode(s + after, end - after, &l3) : -1;
                bool ends = after >= end || nn < 0 || !wordchar(nn);
                if ((nx == 's' || nx == 'S') && ends) break;
                if ((nx == 't' || nx == 'T') && ends && i - wstart >= 2 &&
                    (s[i - 1] == 'n' || s[i - 1] == 'N')) {
                    i -= 1;   /* "didn't" -> "did" + "n't" */
                    break;
                }
                i += (size_t)len;
                continue;
            }
            /* U.N. / p.m. : single letter then period then letter */
            if (cp == '.' && !digit_start && i - wstart == 1 && nx_word && nx < 0x80) {
                size_t j = i + 1;
                /* require letter '.' pattern to continue */
                if (j + 1 < end && s[j + 1] == '.') { dots = true; i = j + 2; continue; }
            }
            if (cp == '.' && dots) { i += 1; continue; }
        }
        break;
    }
    if (dots) {
        /* consume single-letter '.' groups: U.N. U.S.A. p.m. */
        while (i + 1 < end && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')) &&
               s[i + 1] == '.') {
            if (i + 2 < end && ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || (s[i + 2] >= 'a' && s[i + 2] <= 'z')))
                { i += 2; continue; }
            i += 2;
            break;
        }
        t->flags |= TK_DOTS;
    }
    t->end = (uint32_t)i;
    t->flags |= TK_WORD | (digit_start ? TK_NUM : 0) | (first_upper ? TK_CAP : 0);
    if (nletters >= 2 && nupper == nletters) t->flags |= TK_UPPER;
    char norm[128];
    size_t k = text_normalise(s + t->start, t->end - t->start, norm, sizeof norm);
    if (k) t->sym = strtab_find(st, norm, k);
    *pos = i;
    return true;
}

/* The clitic after a word: "'s" or "n't" (start at the apostrophe or the n). */
static bool next_clitic(const strtab *st, const char *s, size_t *pos, size_t end, tok *t)
{
    size_t i = *pos;
    if (i >= end) return false;
    int len;
    int32_t cp = utf8_decode(s + i, end - i, &len);
    size_t clen = 0;
    if (is_apos(cp) && i + (size_t)len < end && (s[i + len] == 's' || s[i + len] == 'S'))
        clen = (size_t)len + 1;
    else if ((cp == 'n' || cp == 'N') && i + 1 < end) {
        int l2;
        int32_t a = utf8_decode(s + i + 1, end - i - 1, &l2);
        if (is_apos(a) && i + 1 + (size_t)l2 < end && (s[i + 1 + l2] == 't' || s[i + 1 + l2] == 'T'))
            clen = 1 + (size_t)l2 + 1;
    }
    if (!clen) return false;
    memset(t, 0, sizeof *t);
    t->start = (uint32_t)i;
    t->end = (uint32_t)(i + clen);
    t->flags = TK_WORD;
    const char *norm = (cp == 'n' || cp == 'N') ? "n't" : "'s";
    t->sym = strtab_find(st, norm, strlen(norm));
    *pos = i + clen;
    return true;
}

static bool read_tok(const strtab *st, const char *s, size_t *pos, size_t end, tok *t, bool after_word)
{
    if (after_word && next_clitic(st, s, pos, end, t)) return true;
    return next_tok(st, s, pos, end, t);
}

static const char *const ABBREV[] = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "gov", "sen", "rep",
    "st", "prof", "jr", "sr", "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rev", "fr", "adm", "brig",
    "cmdr", "cpl", "pvt", "gov", "pres", "amb", "hon", "mt", "ft", "approx", "est", "dept",
    "govt", "int'l", "nos", "vol", "fig", "al", "e.g", "i.e", NULL
};

static bool is_abbrev(const char *s, const tok *t)
{
    size_t n = t->end - t->start;
    if (!(t->flags & TK_WORD) || n > 8) return false;
    if (n == 1 && (t->flags & TK_CAP)) return true;   /* initial: J. Smith */
    char low[16];
    ascii_lower(low, s + t->start, n);
    for (int i = 0; ABBREV[i]; i++) if (strcmp(low, ABBREV[i]) == 0) return true;
    return false;
}

static const char *const STARTERS[] = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "at", "but", "and",
    "this", "that", "these", "those", "there", "his", "her", "their", "its", "after", "as",
    "when", "while", "some", "many", "officials", "meanwhile", "however", "earlier", "later", NULL
};

static bool is_starter(const char *s, const tok *t)
{
    size_t n = t->end - t->start;
    if (n > 12) return false;
    char low[16];
    ascii_lower(low, s + t->start, n);
    for (int i = 0; STARTERS[i]; i++) if (strcmp(low, STARTERS[i]) == 0) return true;
    return false;
}

size_t text_split(const strtab *st, const char *s, size_t start, size_t end,
                  text_sentence_fn fn, void *ctx)
{
    VEC(tok) v = {0};
    size_t pos = start, nsent = 0;
    tok t, peek;
    bool after_word = false;
    while (read_tok(st, s, &pos, end, &t, after_word)) {
        after_word = (t.flags & TK_WORD) && !(t.flags & TK_NUM) && t.end == pos;
        vec_push(v, t);
        bool boundary = false;
        if ((t.flags & TK_PUNCT) && (t.punct == '.' || t.punct == '!' || t.punct == '?')) {
            /* absorb closing quotes/brackets */
            size_t p2 = pos;
            while (next_tok(st, s, &p2, end, &peek) && (peek.flags & TK_PUNCT) &&
                   (peek.punct == '"' || peek.punct == '\'' || peek.punct == ')') &&
                   peek.start == v.v[v.n - 1].end) {
                vec_push(v, peek);
                pos = p2;
            }
            size_t p3 = pos;
            if (!next_tok(st, s, &p3, end, &peek)) boundary = true;
            else {
                bool cap = (peek.flags & (TK_CAP | TK_NUM)) ||
                           ((peek.flags & TK_PUNCT) && (peek.punct == '"' || peek.punct == '\'' || peek.punct == '('));
                const tok *prev = v.n >= 2 ? &v.v[v.n - 2] : NULL;
                if (t.punct != '.') boundary = cap;
                else if (!cap) boundary = false;
                else if (prev && is_abbrev(s, prev)) boundary = false;
                else boundary = true;
            }
        } else if ((t.flags & TK_DOTS) && pos < end) {
            /* "... at 5 p.m. The next" : the abbreviation's own period ends the sentence */
            size_t p3 = pos;
            if (next_tok(st, s, &p3, end, &peek) && (peek.flags & TK_CAP) && is_starter(s, &peek))
                boundary = true;
        }
        if (!boundary && v.n >= TEXT_MAX_SENT_TOKENS) {
            /* a run with no boundary: cut at a comma or semicolon when one is near, else here */
            boundary = (t.flags & TK_PUNCT) || v.n >= TEXT_MAX_SENT_TOKENS + 100;
        }
        if (boundary) {
            fn(ctx, s, v.v, v.n);
            nsent++;
            v.n = 0;
            after_word = false;
        }
    }
    if (v.n) { fn(ctx, s, v.v, v.n); nsent++; }
    vec_free(v);
    return nsent;
}

size_t text_tokenize(const strtab *st, const char *s, size_t n, tok **out)
{
    VEC(tok) v = {0};
    size_t pos = 0;
    tok t;
    bool after_word = false;
    while (read_tok(st, s, &pos, n, &t, after_word)) {
        after_word = (t.flags & TK_WORD) && !(t.flags & TK_NUM) && t.end == pos;
        vec_push(v, t);
    }
    *out = v.v;
    return v.n;
}

const char *text_tok_lower(const char *s, const tok *t, char *scratch, size_t cap)
{
    size_t k = text_normalise(s + t->start, t->end - t->start, scratch, cap);
    if (!k) scratch[0] = 0;
    return scratch;
}

bool text_is(const char *s, const tok *t, const char *w)
{
    size_t n = t->end - t->start;
    /* called for many words at every token: the first letter settles most calls */
    char c0 = s[t->start];
    if (c0 >= 'A' && c0 <= 'Z') c0 = (char)(c0 + 32);
    if (c0 != w[0] || !(t->flags & TK_WORD) || strlen(w) != n) return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[t->start + i];
        if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
        if (c != w[i]) return false;
    }
    return true;
}
