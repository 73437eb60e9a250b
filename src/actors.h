/* actors: the third stage. Finds who is named in a sentence: dictionary phrases (countries,
 * capitals, IGOs, groups, leaders in office on the story's date), country + sector
 * compositions ("Azerbaijan's President", "Armenian Prime Minister Nikol Pashinyan",
 * "Azerbaijani and Armenian leaders"), names learned earlier in the same article, and light
 * coreference ("he", "the two countries", "both leaders"). News outlets are found too but
 * marked as media: they are channels of information, never actors. Mentions joined by
 * "and", "or", commas or a hyphen ("Armenia-Azerbaijan") form one compound group. */
#ifndef SR_ACTORS_H
#define SR_ACTORS_H
#include "dict.h"
#include "text.h"

enum { ACT_MAX_CODE = 24, ACT_MAX_MENTIONS = 64, ACT_MAX_MEMO = 128 };

typedef struct mention {
    size_t a, b;               /* token span */
    char code[ACT_MAX_CODE];   /* "" for media */
    bool media;
    bool person;
    bool place;                /* after "in", "at", "near": where, not who (except for attacks) */
    bool modifier;             /* a name modifying a thing: "EU flags", "the Armenia-Azerbaijan
                                * conflict"; never a participant */
    bool no_country;           /* a sector word alone ("police", "demonstrators"): code is the
                                * sector; the coder takes the country from the sentence's place */
    bool in_pp;                /* the group starts after a preposition: not a subject */
    int group;                 /* compound group id (mentions sharing it are one compound) */
    const char *label;         /* dictionary label (media display name), or NULL */
} mention;

/* What an article remembers from sentence to sentence (carry-over). */
typedef struct actor_memory {
    struct { int32_t sym[4]; uint8_t n; char code[ACT_MAX_CODE]; } names[ACT_MAX_MEMO];
    size_t nnames;
    char last_person[ACT_MAX_CODE];
    char pair[2][ACT_MAX_CODE];      /* last two countries named together */
    bool have_pair;
    bool pair_conflict;              /* ... named as sides: "between X and Y", "X-Y", or beside
                                      * a word of fighting */
    char last_org[ACT_MAX_CODE];     /* the last country or organisation in subject position */
    bool discard;                    /* compat: a discard phrase voids this sentence ... */
    bool discard_story;              /* ... or the rest of the story */
} actor_memory;

typedef struct actor_ctx {
    const dict *d;
    const char *text;
    int32_t date;              /* story date for leader date ranges, or WHEN_NONE */
    actor_memory *mem;
    bool learn;                /* update memory from this sentence (not for captions) */
} actor_ctx;

/* Finds the mentions of t[0..n) into out (at most ACT_MAX_MENTIONS); returns how many, in
 * token order. Group ids are the index of the group's first mention. */
size_t actors_find(const actor_ctx *c, const tok *t, size_t n, mention *out);
/* Country part (first three letters) of a code. */
bool actors_same_country(const char *a, const char *b);
#endif
