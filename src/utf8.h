/* utf8: strict UTF-8 decoding. Invalid bytes are never fatal: the decoder reports them one
 * byte at a time so callers can count them, skip them, and print U+FFFD in their place while
 * every byte offset still points into the original input. */
#ifndef SR_UTF8_H
#define SR_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* Decodes one code point from s[0..n), n >= 1. Sets *len to the bytes used (1 for an invalid
 * byte) and returns the code point, or -1 for an invalid or truncated sequence. */
int32_t utf8_decode(const char *s, size_t n, int *len);
/* Counts invalid bytes in s[0..n). */
size_t utf8_count_invalid(const char *s, size_t n);
/* True for code points that are letters or digits for tokenising purposes. */
bool utf8_is_wordchar(int32_t cp);
#endif
