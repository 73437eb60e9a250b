/* util: see util.h. Out-of-memory is fatal: sitrep never drops a record to survive it. */
#include "util.h"
#include "sitrep.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
    fputs("sitrep: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n) { void *p = malloc(n ? n : 1); if (!p) oom(); return p; }
void *xcalloc(size_t n, size_t m) { void *p = calloc(n ? n : 1, m ? m : 1); if (!p) oom(); return p; }
void *xrealloc(void *p, size_t n) { p = realloc(p, n ? n : 1); if (!p) oom(); return p; }
char *xstrdup(const char *s) { size_t n = strlen(s); char *p = xmalloc(n + 1); memcpy(p, s, n + 1); return p; }

static void buf_grow(buf *b, size_t extra)
{
    if (b->n + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + extra + 1) cap *= 2;
    b->s = xrealloc(b->s, cap);
    b->cap = cap;
}

void buf_put(buf *b, const char *s, size_t n)
{
    buf_grow(b, n);
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

void buf_puts(buf *b, const char *s) { buf_put(b, s, strlen(s)); }
void buf_putc(buf *b, char c) { buf_put(b, &c, 1); }

void buf_putl(buf *b, long v)
{
    char tmp[24], *e = tmp + sizeof tmp, *p = e;
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) *--p = '-';
    buf_put(b, p, (size_t)(e - p));
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0) return;
    if ((size_t)k < sizeof tmp) { buf_put(b, tmp, (size_t)k); return; }
    buf_grow(b, (size_t)k);
    va_start(ap, fmt);
    vsnprintf(b->s + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
}

#include "utf8.h"
void buf_json_str(buf *b, const char *s, size_t n)
{
    buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        /* a run of characters that need no escape goes in at once (most of a sentence) */
        size_t j = i;
        while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x80 && s[j] != '"' && s[j] != '\\') j++;
        if (j > i) { buf_put(b, s + i, j - i); i = j; continue; }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            switch (c) {
            case '"': buf_puts(b, "\\\""); break;
            case '\\': buf_puts(b, "\\\\"); break;
            case '\n': buf_puts(b, "\\n"); break;
            case '\r': buf_puts(b, "\\r"); break;
            case '\t': buf_puts(b, "\\t"); break;
            default:
                if (c < 0x20) buf_printf(b, "\\u%04x", c);
                else buf_putc(b, (char)c);
            }
            i++;
            continue;
        }
        int len;
        int32_t cp = utf8_decode(s + i, n - i, &len);
        if (cp < 0) buf_puts(b, "\xEF\xBF\xBD");
        else buf_put(b, s + i, (size_t)len);
        i += (size_t)len;
    }
    buf_putc(b, '"');
}

void buf_free(buf *b) { free(b->s); b->s = NULL; b->n = b->cap = 0; }

int err_path(sr_error *err, int code, const char *path, const char *what)
{
    if (err) {
        err->code = code;
        err->offset = -1;
        snprintf(err->message, sizeof err->message, "%s: %s", path, what);
    }
    return code;
}

uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ULL; }
    return h;
}

size_t str_copy(char *dst, size_t cap, const char *src, size_t n)
{
    if (!cap) return 0;
    if (n > cap - 1) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = 0;
    return n;
}

void str_join(char *dst, size_t cap, const char *a, const char *b)
{
    size_t k = str_copy(dst, cap, a, strlen(a));
    str_copy(dst + k, cap - k, b, strlen(b));
}

bool str_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x += 32;
        if (y >= 'A' && y <= 'Z') y += 32;
        if (x != y) return false;
    }
    return *a == *b;
}

void ascii_lower(char *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[n] = 0;
}
