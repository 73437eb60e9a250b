/* util: allocation that never returns NULL, growable byte buffers with a hard cap, and
 * small string helpers shared by every stage. */
#ifndef SR_UTIL_H
#define SR_UTIL_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Growable array: VEC(T) declares {T *v; size_t n, cap;}. vec_push grows by doubling. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define vec_push(vec, x) do { \
        if ((vec).n == (vec).cap) { \
            (vec).cap = (vec).cap ? (vec).cap * 2 : 16; \
            (vec).v = xrealloc((vec).v, (vec).cap * sizeof *(vec).v); \
        } \
        (vec).v[(vec).n++] = (x); \
    } while (0)
#define vec_free(vec) do { free((vec).v); (vec).v = NULL; (vec).n = (vec).cap = 0; } while (0)

/* buf: a growable byte string, always NUL-terminated. */
typedef struct buf { char *s; size_t n, cap; } buf;
void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* a decimal integer, without printf's format parsing (records print several each) */
void buf_putl(buf *b, long v);
/* JSON string literal (with quotes); invalid UTF-8 bytes become U+FFFD. */
void buf_json_str(buf *b, const char *s, size_t n);
void buf_free(buf *b);

uint64_t hash_bytes(const void *p, size_t n);
/* Fills err (when not NULL) with code and "path: what"; returns code. For the readers of
 * binary images (gazetteer, dictionary), whose every error names the file. */
struct sr_error;
int err_path(struct sr_error *err, int code, const char *path, const char *what);
/* dst = the first n bytes of src (at most cap - 1 of them), NUL-terminated; the length kept.
 * snprintf("%.*s") without the format parsing, for loaders that copy words by the thousand. */
size_t str_copy(char *dst, size_t cap, const char *src, size_t n);
/* dst = a followed by b, cut to cap - 1 bytes */
void   str_join(char *dst, size_t cap, const char *a, const char *b);
bool  str_ieq(const char *a, const char *b);
/* ASCII-lowercases s[0..n) into out (size >= n+1). */
void  ascii_lower(char *out, const char *s, size_t n);
#endif
