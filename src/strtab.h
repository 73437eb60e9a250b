/* strtab: interned strings. Dictionary words are interned at load time; at coding time each
 * token's normalised form is looked up (never inserted), so token comparison is an int
 * compare and a word the dictionaries do not know costs one hash probe. Read-only after load,
 * so one table is shared by all threads. */
#ifndef SR_STRTAB_H
#define SR_STRTAB_H
#include <stddef.h>
#include <stdint.h>

typedef struct strtab {
    char **str;         /* id -> string (owned) */
    uint32_t *len;
    size_t n, cap;
    int32_t *slots;     /* open addressing: slot -> id, -1 empty */
    size_t nslots;
} strtab;

void strtab_init(strtab *t);
void strtab_free(strtab *t);
/* Returns the id of s[0..n), adding it if new. */
int32_t strtab_intern(strtab *t, const char *s, size_t n);
/* Returns the id of s[0..n) or -1. */
int32_t strtab_find(const strtab *t, const char *s, size_t n);
static inline const char *strtab_str(const strtab *t, int32_t id) { return t->str[id]; }
#endif
