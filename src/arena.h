/* arena: bump allocation for everything that lives as long as one document (or one
 * dictionary). Nothing allocated from an arena is freed on its own; arena_free releases all.
 * Not thread-safe: one arena per thread/document. */
#ifndef SR_ARENA_H
#define SR_ARENA_H
#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;
    size_t used_total;
} arena;

void  arena_init(arena *a);
/* Returns zeroed memory aligned for any type; aborts the process on out-of-memory (the
 * CLI treats OOM as fatal, as a partial record would be silent loss). */
void *arena_alloc(arena *a, size_t n);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
/* Frees every chunk but keeps the first for reuse; the arena stays usable. */
void  arena_reset(arena *a);
void  arena_free(arena *a);
#endif
