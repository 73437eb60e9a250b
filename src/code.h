/* code: the coder proper, fourth stage. Splits a sentence into clauses, matches verb
 * patterns at their anchors, and assigns source and target from the mentions found by
 * actors: the clause subject, the pattern's T slot or the first actor after the verb,
 * passive voice ("was shelled by X"), compounds (one event per pair), mutual acts (both
 * directions), and carry-over from earlier sentences (the conflict's two sides for
 * "55 people were killed in clashes", the body that holds "the session" for a request).
 * Each event gets its factuality: asserted, claimed, planned, hypothetical or negated. */
#ifndef SR_CODE_H
#define SR_CODE_H
#include "actors.h"
#include "attrib.h"

enum { FACT_ASSERTED, FACT_CLAIMED, FACT_PLANNED, FACT_HYPOTHETICAL, FACT_NEGATED };
extern const char *const CODE_FACT_NAMES[];
enum { CODE_MAX_EVENTS = 32 };

typedef struct cevent {
    int cameo;                 /* index into dict.cameo */
    size_t anchor, end;        /* tokens matched by the pattern */
    char src[ACT_MAX_CODE], tgt[ACT_MAX_CODE];   /* tgt "" = none */
    size_t sa, sb, ta, tb;     /* token spans of the source/target words (a == b: none) */
    int fact;
    char claimed_by[ACT_MAX_CODE];
    bool from_context;         /* actors carried over from earlier sentences */
    int attr;                  /* attribution index, or -1 */
} cevent;

/* What the coder remembers across an article's sentences. */
typedef struct code_memory {
    char dyad[2][ACT_MAX_CODE];   /* the two sides of the current fighting */
    bool have_dyad;
    char meeting[ACT_MAX_CODE];   /* who holds the meeting that "the session" refers to */
} code_memory;

typedef struct code_input {
    const dict *d;
    const char *text;
    const tok *t; size_t n;
    const mention *m; size_t nm;
    const attribution *at; size_t nat;
    code_memory *mem;
    const actor_memory *amem;
    const char *place_country;   /* country of the sentence's place, else of the story's, for
                                  * sector-only actors */
    bool learn;
    uint64_t *present;           /* scratch of dict.nsyms bits, all clear (code_present_words),
                                  * or NULL: patterns are then all tried */
    bool place_from_story;       /* place_country is the story's: the sentence names no place */
} code_input;

/* The size in 64-bit words of code_input.present for dictionary d. */
static inline size_t code_present_words(const dict *d) { return d->nsyms / 64 + 1; }

/* Codes one sentence into out (at most CODE_MAX_EVENTS); returns the number of events. */
size_t code_sentence(const code_input *in, cevent *out);
#endif
