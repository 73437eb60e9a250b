/* arena: chunked bump allocator (see arena.h). Chunks grow geometrically so a document with
 * one huge sentence costs O(n) memory, not O(n^2). */
#include "arena.h"
#include "util.h"
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

struct arena_chunk {
    arena_chunk *next;
    size_t cap, used;
    max_align_t data[];
};

enum { ARENA_MIN = 64 * 1024 };

void arena_init(arena *a) { a->head = NULL; a->used_total = 0; }

void *arena_alloc(arena *a, size_t n)
{
    size_t al = sizeof(max_align_t);
    n = (n + al - 1) / al * al;
    if (n == 0) n = al;
    arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = c ? c->cap * 2 : ARENA_MIN;
        while (cap < n) cap *= 2;
        arena_chunk *nc = xmalloc(sizeof *nc + cap);
        nc->next = c; nc->cap = cap; nc->used = 0;
        a->head = c = nc;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    a->used_total += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

void arena_reset(arena *a)
{
    arena_chunk *c = a->head;
    if (!c) return;
    /* keep the newest (largest) chunk, drop the rest */
    arena_chunk *rest = c->next;
    while (rest) { arena_chunk *n = rest->next; free(rest); rest = n; }
    c->next = NULL; c->used = 0;
    a->used_total = 0;
}

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) { arena_chunk *n = c->next; free(c); c = n; }
    a->head = NULL; a->used_total = 0;
}
