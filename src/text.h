/* text: tokeniser and sentence splitter, the second stage of the pipeline (after doc).
 * Tokens keep byte offsets into the original input; their normalised form (case-folded,
 * accents stripped, curly quotes straightened) is looked up in the dictionary's string
 * table, so later stages compare ints. Sentences are handed to a callback one at a time,
 * so memory stays bounded by the longest sentence (itself capped), not the input. */
#ifndef SR_TEXT_H
#define SR_TEXT_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "strtab.h"

enum {
    TK_WORD  = 1 << 0,
    TK_NUM   = 1 << 1,   /* starts with a digit */
    TK_PUNCT = 1 << 2,
    TK_CAP   = 1 << 3,   /* first letter upper-case */
    TK_UPPER = 1 << 4,   /* every letter upper-case, at least two letters */
    TK_DOTS  = 1 << 5,   /* word with internal periods: U.N., p.m. */
};

typedef struct tok {
    uint32_t start, end;  /* bytes in the document text */
    int32_t sym;          /* normalised form in the dictionary strtab, or -1 */
    uint16_t flags;
    char punct;           /* ASCII equivalent for punctuation ('-' for dashes, '"' for quotes) */
} tok;

/* Longest sentence in tokens; a longer run without a boundary is cut here so one 100 MB
 * line costs bounded memory and linear time. */
enum { TEXT_MAX_SENT_TOKENS = 400 };

/* Normalises one word into out (capacity cap, NUL-terminated); returns its length, or 0 if
 * it does not fit. Used both for dictionary phrases and for input tokens. */
size_t text_normalise(const char *s, size_t n, char *out, size_t cap);

/* Splits text[start..end) into tokens. Calls fn once per sentence with that sentence's
 * tokens (borrowed: valid only during the call). Returns the number of sentences. */
typedef void (*text_sentence_fn)(void *ctx, const char *text, const tok *t, size_t n);
size_t text_split(const strtab *st, const char *text, size_t start, size_t end,
                  text_sentence_fn fn, void *ctx);

/* Tokenises text[0..n) into *out (a malloc'd array the caller frees) without sentence
 * splitting: dictionaries use it to turn phrases into token sequences. */
size_t text_tokenize(const strtab *st, const char *text, size_t n, tok **out);

/* True when token t is the word w (w given in lower case; ASCII comparison). */
bool text_is(const char *text, const tok *t, const char *w);

/* Lower-case form of a token in a scratch buffer (for tests and diagnostics). */
const char *text_tok_lower(const char *text, const tok *t, char *scratch, size_t cap);
#endif
