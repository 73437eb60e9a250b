/* jsonl: a reader for one article per JSON line, {"id","date","title","url","text"}, the
 * input format of `sitrep code`. A general JSON library builds a tree of every line and
 * copies it (a quarter of sitrep's time on news archives); this reads the five fields in
 * one pass, skips any other member, and checks that the line is one well-formed object. */
#include "cli.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct jp { const char *s; size_t n, i; char *err; size_t cap; int depth; } jp;

static int jfail(jp *p, const char *what)
{
    snprintf(p->err, p->cap, "invalid JSON: %s at column %zu", what, p->i + 1);
    return -1;
}

static void ws(jp *p) { while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\r' || p->s[p->i] == '\n')) p->i++; }

static int hex4(jp *p, uint32_t *v)
{
    if (p->i + 4 > p->n) return jfail(p, "truncated \\u escape");
    *v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p->s[p->i++];
        *v <<= 4;
        if (c >= '0' && c <= '9') *v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') *v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') *v |= (uint32_t)(c - 'A' + 10);
        else return jfail(p, "bad \\u escape");
    }
    return 0;
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A string at p->i (the opening quote). With out, the decoded bytes are malloc'd there. */
static int string(jp *p, char **out, size_t *len)
{
    p->i++;   /* '"' */
    size_t start = p->i;
    /* the decoded string is never longer than its JSON form */
    char *o = NULL;
    size_t k = 0;
    if (out) { o = malloc(p->n - start + 1); if (!o) { fputs("sitrep: out of memory\n", stderr); abort(); } }
    while (p->i < p->n) {
        unsigned char c = (unsigned char)p->s[p->i++];
        if (c == '"') {
            if (out) { o[k] = 0; *out = o; *len = k; }
            return 0;
        }
        if (c < 0x20) { free(o); return jfail(p, "control character in a string"); }
        if (c != '\\') { if (o) o[k++] = (char)c; continue; }
        if (p->i >= p->n) break;
        char e = p->s[p->i++];
        uint32_t cp;
        switch (e) {
        case '"': case '\\': case '/': if (o) o[k++] = e; break;
        case 'b': if (o) o[k++] = '\b'; break;
        case 'f': if (o) o[k++] = '\f'; break;
        case 'n': if (o) o[k++] = '\n'; break;
        case 'r': if (o) o[k++] = '\r'; break;
        case 't': if (o) o[k++] = '\t'; break;
        case 'u':
            if (hex4(p, &cp)) { free(o); return -1; }
            if (cp >= 0xD800 && cp < 0xDC00 && p->i + 6 <= p->n && p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
                uint32_t lo;
                p->i += 2;
                if (hex4(p, &lo)) { free(o); return -1; }
                if (lo >= 0xDC00 && lo < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                else cp = 0xFFFD;
            } else if (cp >= 0xD800 && cp < 0xE000) cp = 0xFFFD;   /* a lone surrogate */
            if (o) k += put_utf8(o + k, cp);
            break;
        default: free(o); return jfail(p, "bad escape in a string");
        }
    }
    free(o);
    return jfail(p, "unterminated string");
}

static int value(jp *p);

static int literal(jp *p, const char *w)
{
    size_t n = strlen(w);
    if (p->i + n > p->n || memcmp(p->s + p->i, w, n)) return jfail(p, "unexpected character");
    p->i += n;
    return 0;
}

static int number(jp *p)
{
    size_t st = p->i;
    if (p->i < p->n && p->s[p->i] == '-') p->i++;
    while (p->i < p->n && ((p->s[p->i] >= '0' && p->s[p->i] <= '9') || p->s[p->i] == '.' ||
                           p->s[p->i] == 'e' || p->s[p->i] == 'E' || p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
    return p->i > st ? 0 : jfail(p, "unexpected character");
}

static int container(jp *p, char close)
{
    if (++p->depth > 64) return jfail(p, "nested too deep");
    p->i++;
    ws(p);
    if (p->i < p->n && p->s[p->i] == close) { p->i++; p->depth--; return 0; }
    for (;;) {
        ws(p);
        if (close == '}') {
            if (p->i >= p->n || p->s[p->i] != '"') return jfail(p, "expected a member name");
            if (string(p, NULL, NULL)) return -1;
            ws(p);
            if (p->i >= p->n || p->s[p->i++] != ':') return jfail(p, "expected ':'");
            ws(p);
        }
        if (value(p)) return -1;
        ws(p);
        if (p->i < p->n && p->s[p->i] == ',') { p->i++; continue; }
        if (p->i < p->n && p->s[p->i] == close) { p->i++; p->depth--; return 0; }
        return jfail(p, "expected ',' or a closing bracket");
    }
}

static int value(jp *p)
{
    if (p->i >= p->n) return jfail(p, "unexpected end of line");
    switch (p->s[p->i]) {
    case '"': return string(p, NULL, NULL);
    case '{': return container(p, '}');
    case '[': return container(p, ']');
    case 't': return literal(p, "true");
    case 'f': return literal(p, "false");
    case 'n': return literal(p, "null");
    default: return number(p);
    }
}

/* field names and where they go; a row per field */
static const char *const FIELDS[] = { "id", "date", "title", "url", "text" };

int jsonl_parse(const char *s, size_t n, jsonl_article *a, char *err, size_t cap)
{
    memset(a, 0, sizeof *a);
    jp p = { s, n, 0, err, cap, 0 };
    ws(&p);
    if (p.i >= n || s[p.i] != '{') {
        if (p.i < n && (s[p.i] == '[' || s[p.i] == '"' || (s[p.i] >= '0' && s[p.i] <= '9'))) {
            snprintf(err, cap, "expected a JSON object");
            return -2;
        }
        snprintf(err, cap, "invalid JSON: '[' or '{' expected at column %zu", p.i + 1);
        return -1;
    }
    p.i++;
    p.depth = 1;
    ws(&p);
    char **slot[5] = { &a->id, &a->date, &a->title, &a->url, &a->text };
    int bad_type = -1;
    if (p.i < n && s[p.i] == '}') p.i++;
    else for (;;) {
        ws(&p);
        if (p.i >= n || s[p.i] != '"') { jsonl_free(a); return jfail(&p, "expected a member name"); }
        char *name;
        size_t nl;
        if (string(&p, &name, &nl)) { jsonl_free(a); return -1; }
        ws(&p);
        if (p.i >= n || s[p.i++] != ':') { free(name); jsonl_free(a); return jfail(&p, "expected ':'"); }
        ws(&p);
        int f = -1;
        for (int k = 0; k < 5; k++) if (!strcmp(name, FIELDS[k])) f = k;
        free(name);
        int rc;
        if (f >= 0 && p.i < n && s[p.i] == '"') {
            free(*slot[f]);
            *slot[f] = NULL;   /* a field given twice: the last one counts */
            size_t len;
            rc = string(&p, slot[f], &len);
            if (!rc && f == 4) a->text_len = len;
        } else if (f == 0 && p.i < n && (s[p.i] == '-' || (s[p.i] >= '0' && s[p.i] <= '9'))) {
            size_t st = p.i;
            rc = number(&p);
            if (!rc) { free(a->id); a->id = strndup(s + st, p.i - st); if (!a->id) abort(); }
        } else {
            /* another type for a known field: null is "not given", anything else is wrong */
            if (f >= 0 && !(p.i + 4 <= n && !memcmp(s + p.i, "null", 4)) && bad_type < 0) bad_type = f;
            rc = value(&p);
        }
        if (rc) { jsonl_free(a); return -1; }
        ws(&p);
        if (p.i < n && s[p.i] == ',') { p.i++; continue; }
        if (p.i < n && s[p.i] == '}') { p.i++; break; }
        jsonl_free(a);
        return jfail(&p, "expected ',' or '}'");
    }
    ws(&p);
    if (p.i < n) { jsonl_free(a); return jfail(&p, "end of line expected after the object"); }
    if (bad_type >= 0 || !a->text) {
        snprintf(err, cap, "\"%s\" must be a string", bad_type >= 0 ? FIELDS[bad_type] : "text");
        jsonl_free(a);
        return -2;
    }
    return 0;
}

void jsonl_free(jsonl_article *a)
{
    free(a->id); free(a->date); free(a->title); free(a->url); free(a->text);
    memset(a, 0, sizeof *a);
}
