/* strtab: open-addressing hash of interned strings; see strtab.h. */
#include "strtab.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>

void strtab_init(strtab *t)
{
    memset(t, 0, sizeof *t);
    t->nslots = 1024;
    t->slots = xmalloc(t->nslots * sizeof *t->slots);
    memset(t->slots, 0xff, t->nslots * sizeof *t->slots);
}

void strtab_free(strtab *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->str[i]);
    free(t->str); free(t->len); free(t->slots);
    memset(t, 0, sizeof *t);
}

static size_t probe(const strtab *t, const char *s, size_t n)
{
    size_t mask = t->nslots - 1;
    size_t i = (size_t)hash_bytes(s, n) & mask;
    for (;;) {
        int32_t id = t->slots[i];
        if (id < 0) return i;
        if (t->len[id] == n && memcmp(t->str[id], s, n) == 0) return i;
        i = (i + 1) & mask;
    }
}

static void rehash(strtab *t)
{
    size_t old = t->nslots;
    int32_t *os = t->slots;
    t->nslots = old * 2;
    t->slots = xmalloc(t->nslots * sizeof *t->slots);
    memset(t->slots, 0xff, t->nslots * sizeof *t->slots);
    for (size_t i = 0; i < old; i++) {
        if (os[i] < 0) continue;
        size_t j = probe(t, t->str[os[i]], t->len[os[i]]);
        t->slots[j] = os[i];
    }
    free(os);
}

int32_t strtab_intern(strtab *t, const char *s, size_t n)
{
    size_t i = probe(t, s, n);
    if (t->slots[i] >= 0) return t->slots[i];
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->str = xrealloc(t->str, t->cap * sizeof *t->str);
        t->len = xrealloc(t->len, t->cap * sizeof *t->len);
    }
    char *c = xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = 0;
    int32_t id = (int32_t)t->n++;
    t->str[id] = c;
    t->len[id] = (uint32_t)n;
    t->slots[i] = id;
    if (t->n * 2 > t->nslots) rehash(t);
    return id;
}

int32_t strtab_find(const strtab *t, const char *s, size_t n)
{
    size_t i = probe(t, s, n);
    return t->slots[i];
}
