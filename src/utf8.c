/* utf8: see utf8.h. Letter classes come from utf8proc so non-Latin names tokenise as words. */
#include "utf8.h"
#include <utf8proc.h>

int32_t utf8_decode(const char *str, size_t n, int *len)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0];
    *len = 1;
    if (c < 0x80) return c;
    int need;
    int32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; min = 0x10000; }
    else return -1;
    if ((size_t)need >= n) return -1;
    for (int i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80) return -1;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
    *len = need + 1;
    return cp;
}

size_t utf8_count_invalid(const char *s, size_t n)
{
    size_t bad = 0, i = 0;
    while (i < n) {
        if ((unsigned char)s[i] < 0x80) { i++; continue; }
        int len;
        if (utf8_decode(s + i, n - i, &len) < 0) bad++;
        i += (size_t)len;
    }
    return bad;
}

bool utf8_is_wordchar(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}
