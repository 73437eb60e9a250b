/* dict: the compiled dictionaries every stage reads: actor phrases (countries, IGOs, groups,
 * leaders with date ranges, agents/sectors, media), verb patterns with their CAMEO codes, the
 * CAMEO code table, verb morphology and closed word classes. Loaded once from the plain-text
 * files of docs/DICTIONARIES.md; read-only afterwards and shared by all threads. Every phrase
 * is tokenised with the same tokeniser as the input, so matching compares interned ids. */
#ifndef SR_DICT_H
#define SR_DICT_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "strtab.h"
#include "arena.h"
#include "text.h"
#include "sitrep.h"
#include "util.h"

typedef enum {
    AK_NAME, AK_ADJ, AK_PEOPLE, AK_CAPITAL, AK_IGO, AK_GROUP, AK_LEADER, AK_AGENT, AK_MEDIA,
    AK_DISCARD,             /* compat: a phrase whose presence voids the sentence */
    AK_COUNT
} actor_kind;

enum { STEM_BUCKETS = 65536 };

typedef struct dict_actor {
    char code[24];
    actor_kind kind;
    int32_t from, to;       /* leader: days since 1970-01-01, INT32_MIN/INT32_MAX if open */
    const char *label;      /* the entry's first phrase, for display */
} dict_actor;

/* A phrase: a token sequence naming an actor. Phrases sharing a first token are chained. */
typedef struct dict_phrase {
    int32_t *sym;
    char **exact;           /* per token: raw text that must match case-sensitively, or NULL */
    char **word;            /* compat dictionaries: normalised words, matched as stems ... */
    uint8_t *stem;          /* ... when stem[k] (TABARI/PETRARCH words without a final '_') */
    uint8_t n;
    int32_t actor;          /* index into dict.actors */
    int32_t next;           /* next phrase with the same first token, longest first; -1 ends */
    uint32_t key;           /* compat: the hash its bucket was chosen by (checked before words) */
} dict_phrase;

/* A phrase's entry in the index by first symbol: its second symbol is at hand, so a
 * phrase whose second word is not the next token is passed over without reading it. */
typedef struct dict_phr { int32_t p, next, sym1; uint8_t n; } dict_phr;

/* Verb-pattern elements (docs/DICTIONARIES.md). */
/* PE_SOURCE, PE_COMPOUND (both roles, a mutual act) and PE_SKIP1 (exactly one word) come
 * from the TABARI/PETRARCH pattern syntax ($, %, ^). */
enum { PE_WORD, PE_GAP3, PE_GAP8, PE_TARGET, PE_SOURCE, PE_COMPOUND, PE_SKIP1 };
typedef struct dict_pelem {
    uint8_t kind;
    uint8_t optional;
    uint8_t nalts;
    int32_t *alts;          /* symbols any of which matches (PE_WORD) */
    uint8_t nseq;           /* multi-word alternatives (compat synsets: "DID N'T") */
    uint8_t *seqlen;
    int32_t **seq;
} dict_pelem;

enum { PF_RECIP = 1 };
typedef struct dict_pattern {
    dict_pelem *e;          /* e[0] is the anchor; the rest follow it */
    dict_pelem *pre;        /* elements before the anchor, in text order (compat patterns) */
    uint8_t n, npre;
    uint8_t flags;
    int16_t cameo;          /* index into dict.cameo; -1: a pattern that codes no event */
    int16_t cameo_back;     /* compat "[a:b]": the code of the reverse event (target on source), or -1 */
    int32_t line;
    int32_t need[3];        /* words the pattern cannot match without (elements of one word,
                             * the longest first; -1 unused): a sentence lacking one is not tried */
    bool need_more;         /* it also needs an element of several alternatives (dict_finish) */
} dict_pattern;

/* Anchor index: one entry per (anchor word, pattern), chained per word, longest first; a
 * word's entries lie next to each other in the array. */
typedef struct dict_anchor {
    int32_t pat, next;
    int32_t need[3];        /* the pattern's need[], here so that the check reads no pattern */
} dict_anchor;

/* Lengths in words of the comma-delimited stretches taken out before coding: between two
 * commas, before the first, after the last; a max of 0 keeps them all */
typedef struct dict_comma { size_t min, max, bmin, bmax, emin, emax; } dict_comma;

typedef struct dict_cameo {
    char code[6];
    double goldstein;
    int quad;
    char plover[16];        /* "" when CAMEO has no PLOVER type (01x) */
} dict_cameo;

/* Closed word classes, one bit set per interned symbol. */
enum {
    SF_BE = 1 << 0,  SF_PREP = 1 << 1, SF_MODAL_PLAN = 1 << 2, SF_MODAL_HYPO = 1 << 3,
    SF_NEG = 1 << 4, SF_PRON_PERSON = 1 << 5, SF_PRON_THING = 1 << 6, SF_SPEECH = 1 << 7,
    SF_PP = 1 << 8,  SF_DET = 1 << 9,  SF_CONJ = 1 << 10, SF_SUBORD = 1 << 11,
    SF_PEOPLE_NOUN = 1 << 12, SF_PAIR_HEAD = 1 << 13, SF_MONTH = 1 << 14, SF_WEEKDAY = 1 << 15,
    SF_REL = 1 << 16, SF_HAVE = 1 << 17, SF_EVENT_NOUN = 1 << 18, SF_IF = 1 << 19,
    SF_VERB = 1 << 20, SF_ADJUNCT = 1 << 21, SF_QUANT = 1 << 22, SF_RELDAY = 1 << 23,
    SF_NUMWORD = 1 << 24, SF_CLAUSE = 1 << 25, SF_DEGREE = 1 << 26,
    SF_MONTH_LEAD = 1 << 27, SF_TOLL_CUE = 1 << 28,
    SF_PHRASE_START = 1 << 29,   /* the first word of some TABARI/PETRARCH phrase matched exactly */
};

typedef struct dict {
    strtab st;
    dict_actor *actors;   size_t nactors, cap_actors;
    dict_phrase *phrases; size_t nphrases, cap_phrases;
    dict_pattern *pats;   size_t npats, cap_pats;
    dict_cameo *cameo;    size_t ncameo;
    int32_t *code_slots;    /* hash index of cameo[] by code (dict_code_index), or NULL */
    arena mem;              /* phrase arrays, words and labels: a production dictionary has
                             * hundreds of thousands, freed at once */
    int32_t *phrase_head;   /* symbol -> first entry in phr of the phrases starting with it, or -1 */
    dict_phr *phr;          /* sitrep's own phrases by first symbol, longest first, side by side */
    dict_anchor *anchors; size_t nanchors;
    int32_t *pat_head;      /* symbol -> first anchor entry for it, or -1 */
    uint32_t *symflags;     /* symbol -> SF_* bits */
    size_t nsyms;           /* size of the three arrays above */
    /* loading scratch: irregular verbs (lemma symbol -> forms), and the symbols found to be
     * verb forms and past participles while patterns load */
    struct { int32_t lemma; char *forms; } *irr; size_t nirr, cap_irr;
    VEC(int32_t) tmp_pp;
    VEC(int32_t) tmp_verb;
    /* compat dictionaries (TABARI/PETRARCH): phrases are matched as stems through buckets
     * keyed by their first word's first letters; discard phrases void a sentence */
    bool compat;
    bool compat_tabari;     /* the TABARI flavour: ';' comments, <SECTION> tags, a block per verb */
    /* coding options of the other coders, set by sr_engine_set_option */
    bool one_sided;         /* PETRARCH-2's require_dyad false: an event may lack its target, and
                             * reporting verbs with patterns are events of their speaker */
    char lone_agent[4];     /* prefix for a sector word with no country: "---" (PETRARCH-2),
                             * "~" (TABARI's SET: CONVERT AGENT = TRUE), "" drops it */
    char def_src[24], def_tgt[24];   /* TABARI's DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER */
    bool def_prior, def_after;       /* only when no actor before / after the verb */
    enum { CODE_BY_CLAUSE, CODE_BY_SENTENCE, CODE_ALL } code_by;   /* TABARI's SET: CODE: the first
                             * patterned verb of each clause, of the sentence, or every verb */
    size_t min_words;       /* TABARI's MINIMUM WORDS: shorter sentences are not coded (0: all) */
    dict_comma comma;       /* comma asides to drop before coding (TABARI, PETRARCH-2) */
    size_t nwarnings;       /* lines skipped as harmless defects (a pattern naming an undefined synset) */
    char warning[512];      /* the first of them, "file:line: what" */
    int32_t *stem_bucket;   /* STEM_BUCKETS heads of chains of stem-first phrases, or NULL */
    struct { uint32_t key; int32_t p; } *ckeys;   /* phrases whose first word is exact, open
                             * addressing by the hash of their first two words (of the first
                             * alone for one-word phrases): "the X" is no long chain */
    size_t cmask;           /* ckeys has cmask + 1 slots */
    bool stem_first;        /* some phrase starts with a stem (PETRARCH-2's never do) */
    /* a dict opened from a compiled image (dictimg.c): its arrays point into this read-only
     * mapping and into mem, so dict_free unmaps it and frees nothing else; NULL otherwise */
    void *map;
    size_t map_size;
} dict;

/* Loads every dictionary from data_dir (sitrep's own files) and gen_dir (files generated at
 * set-up). On error returns a negative SR_E* code and fills err with "file:line: what". */
int  dict_load(dict *d, const char *data_dir, const char *gen_dir, sr_error *err);
/* The loaders of single files, in the order dict_load calls them; exposed for tests.
 * Before dict_finish the dictionary has no indexes: call it once all files are in. A dict
 * to fill by hand starts with dict_init. */
void dict_init(dict *d);
int  dict_load_cameo(dict *d, const char *path, sr_error *err);
int  dict_load_irregular(dict *d, const char *path, sr_error *err);
int  dict_load_actor_file(dict *d, const char *path, sr_error *err);
int  dict_load_verb_file(dict *d, const char *path, sr_error *err);
/* Builds the lookup indexes; call after the last dict_load_* and before matching. */
void dict_finish(dict *d);
void dict_free(dict *d);
void dict_pelem_free(dict_pelem *e);

static inline uint32_t dict_symflags(const dict *d, int32_t sym)
{
    return (sym >= 0 && (size_t)sym < d->nsyms) ? d->symflags[sym] : 0;
}
int32_t dict_sym(const dict *d, const char *word);
/* Shared with compat.c: interning, phrases, patterns, codes. */
int32_t dict_intern(dict *d, const char *word);
int32_t dict_add_actor(dict *d, const char *code, actor_kind kind, int32_t from, int32_t to, const char *label);
void    dict_add_stem_phrase(dict *d, char **words, const uint8_t *stem, size_t n, int32_t actor);
size_t  dict_inflect(dict *d, const char *lemma, int32_t *out, bool *pp);
dict_pattern *dict_new_pattern(dict *d);
/* The index of code in the CAMEO table; in compat mode an unknown code is added (validation
 * dictionaries have their own). Returns -1 if it is not a code. */
int     dict_code_index(dict *d, const char *code);
/* Longest compat phrase starting at token i (its normalised word norm[i]...); returns its
 * index or -1 and sets *len. */
int32_t dict_match_stem(const dict *d, char *const *norm, size_t n, size_t i, int32_t date, size_t *len);
/* Whether an actor entry holds on date (WHEN_NONE: undated entries and current office). */
bool    dict_actor_valid(const dict_actor *a, int32_t date);
const dict_cameo *dict_find_cameo(const dict *d, const char *code);
/* days since 1970-01-01 of a proleptic Gregorian date */
int32_t dict_days(int y, int m, int d);
void    dict_civil(int32_t days, int *y, int *m, int *d);
#endif
