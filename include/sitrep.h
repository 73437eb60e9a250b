/* sitrep.h: the one public header of libsitrep, a coder that turns news articles into
 * political event records (who did what to whom, when, where, how many, says who).
 *
 * Conventions: functions return 0 on success or a negative SR_E* code and fill an optional
 * sr_error. Handles are opaque; every _open has a _free that accepts NULL. An sr_engine is
 * read-only once opened and may be shared by threads; everything handed to a callback is
 * borrowed and valid only during that call. */
#ifndef SITREP_H
#define SITREP_H
#include <stddef.h>
#include <stdbool.h>

#define SITREP_VERSION "0.1.0"

enum {
    SR_OK = 0,
    SR_ENOMEM = -1,
    SR_EIO = -2,      /* a file could not be read or written */
    SR_EDICT = -3,    /* a dictionary file is malformed */
    SR_EINPUT = -4,   /* an input is empty, binary or otherwise unusable */
    SR_EUSAGE = -5,
};

typedef struct sr_error {
    int code;
    char message[512];
    long offset;      /* byte offset in the input, or -1 */
} sr_error;

typedef struct sr_engine sr_engine;

/* Opens the dictionaries. data_dir holds sitrep's own files (data/), gen_dir the files made
 * at set-up (build/data/); NULL for either means "find it next to the executable". */
int  sr_engine_open(sr_engine **out, const char *data_dir, const char *gen_dir, sr_error *err);
void sr_engine_free(sr_engine *e);

/* Dictionaries in another coder's format, used instead of sitrep's own actors and verbs
 * (sitrep's closed word classes, morphology and CAMEO table stay). format is "petrarch"
 * (PETRARCH-2: CAMEO.2.0-style verbs with synsets and patterns, actor files with dated
 * codes, agents, discards) or "tabari" (.verbs, .actors, .agents, .options). Any file may
 * be NULL; actors is a NULL-terminated list. Event codes need not be CAMEO (validation
 * dictionaries use their own); a record then has plover NULL and goldstein 0. */
/* Dictionary lines that were skipped as harmless defects while opening (0 for sitrep's own
 * dictionaries); *first, if not NULL, is set to a message about the first ("file:line: what"),
 * owned by the engine. */
size_t sr_engine_warnings(const sr_engine *e, const char **first);

/* Why places are coarser than they should be (no gazetteer image, or one built without
 * GeoNames cities), owned by the engine; NULL when the full gazetteer is loaded. */
const char *sr_engine_place_warning(const sr_engine *e);

typedef struct sr_compat_files {
    const char *format;
    const char *verbs;
    const char *const *actors;
    const char *agents;
    const char *discards;
    const char *options;      /* tabari only */
} sr_compat_files;

int sr_engine_open_compat(sr_engine **out, const sr_compat_files *files, const char *data_dir,
                          sr_error *err);

/* Compiled dictionary images (docs/DICTIONARIES.md): sr_engine_write_image writes e's
 * dictionaries as they stand (sitrep's own or another coder's, with the options set so far)
 * into one file; sr_engine_open_image maps such a file instead of reading text dictionaries,
 * which makes start-up a few milliseconds whatever their size. gen_dir is where the
 * gazetteer image is (NULL: found as sr_engine_open finds it); the image needs no data_dir.
 * Opening fails with SR_EIO when path cannot be read, SR_EDICT ("path: what") when it is not
 * an image this build reads: damaged, truncated, of another byte order, or written by
 * another version of sitrep (compile it again). The engine keeps the file mapped until
 * sr_engine_free; options may still be changed with sr_engine_set_option. Writing returns
 * SR_EIO with the reason when path cannot be written. */
int sr_engine_open_image(sr_engine **out, const char *path, const char *gen_dir, sr_error *err);
int sr_engine_write_image(const sr_engine *e, const char *path, sr_error *err);

/* Sets one of the coding options that TABARI and PETRARCH-2 configurations change, by the
 * name those coders give it:
 *   "require_dyad"  "true"|"false" (PETRARCH-2; default true: an event needs both actors;
 *                   false codes an event with its source alone, and a reporting verb the
 *                   dictionary codes - "a senior official said" - as its speaker's event)
 *   "default"       TABARI's DEFAULT: "SOURCE [X] PRIOR TARGET [Y] AFTER" or "OFF": the codes
 *                   for a missing source or target (PRIOR: only when no actor comes before
 *                   the verb, else the first after it is the source; AFTER: only when none
 *                   comes after it, else a compound source gives the target)
 *   "convert agent" "true"|"false" (TABARI's SET: CONVERT AGENT; "SET: " may prefix a name):
 *                   a sector word with no country is an actor "~SEC"
 *   "code"          "BY CLAUSE"|"BY SENTENCE"|"ALL" (TABARI's SET: CODE; default BY CLAUSE):
 *                   the first patterned verb of each clause, of the sentence, or every verb
 *   "minimum words" N (TABARI's SET: MINIMUM WORDS; 8 with TABARI dictionaries, else 0):
 *                   sentences of fewer words (space-separated) are not coded
 * A TABARI .options file given to sr_engine_open_compat is read through this function.
 * Takes effect for articles coded afterwards; not to be called while another thread codes
 * with e. Unknown names or values: SR_EUSAGE. */
int sr_engine_set_option(sr_engine *e, const char *name, const char *value, sr_error *err);

/* One article to code. text need not be NUL-terminated and may contain invalid UTF-8 (it is
 * counted, skipped by the tokeniser, and printed as U+FFFD). date is the publication date
 * "YYYY-MM-DD" when known from outside the text (NULL: read it from the dateline, if any). */
typedef struct sr_article {
    const char *id;       /* document id for the records (file name or JSON id) */
    const char *text;
    size_t len;
    const char *date;
    const char *title;    /* optional headline given outside the text */
    const char *url;
    bool plain;           /* true: no wire-story structure (JSON input); false: detect it */
} sr_article;

typedef struct sr_actor {
    const char *code;     /* CAMEO-style actor code, e.g. "ARMGOV"; NULL for none */
    const char *text;     /* the words in the sentence it was read from */
} sr_actor;

/* Where an event happened (docs/SCHEMA.md). Countries follow internationally recognised
 * borders. */
typedef struct sr_location {
    const char *name;     /* NULL: no location; else the name as the text writes it */
    const char *country;  /* ISO 3166 alpha-3 (KSV: Kosovo), or NULL */
    const char *admin1;   /* ISO 3166-2 code of the first-level region, or NULL */
    double lat, lon;      /* decimal degrees; NaN when unknown (countries, most regions) */
    unsigned long geonames_id;   /* 0: not a GeoNames place */
    const char *precision;       /* city, admin1, region, country */
    const char *basis;    /* sentence (named with the event), dateline, article (the place the
                           * article is about) */
} sr_location;

/* One of the figures an article gives for an event (sr_fatalities.figures). */
typedef struct sr_figure {
    long count;
    const char *qualifier;   /* or NULL */
    const char *reported_by; /* or NULL */
    const char *date;        /* YYYY-MM-DD of the record it was read with, or NULL */
    bool cumulative;
    size_t start;            /* byte offset of the sentence that gives it */
} sr_figure;

/* A casualty figure; fatalities, injured, arrested, missing and displaced all use it. */
typedef struct sr_fatalities {
    long count;           /* < 0: no figure */
    const char *qualifier;   /* "at least", "more than", ... or NULL */
    const char *victims;     /* "people", "civilians", ... or NULL */
    long civilians;          /* < 0: not given */
    const char *reported_by; /* "Reuters", or the speaker's actor code, or NULL */
    bool cumulative;         /* a running total ("the toll has risen to 107"), not one day's */
    long low, high;          /* the lowest and highest figure the article gives for this event
                              * (UCDP-style); both equal count when it gives one */
    const sr_figure *figures;   /* every figure the article gives for the event, when it gives
                                 * more than one (nfigures > 1), in document order */
    size_t nfigures;
} sr_fatalities;

/* Who says an event happened (docs/SCHEMA.md, attributed_to). */
typedef struct sr_attribution {
    const char *speaker;      /* NULL: none; else the speaker's words ("Guterres spokesman
                               * Stephane Dujarric", "diplomats") */
    const char *code;         /* actor code of the speaker or of whom they speak for, or NULL */
    const char *on_behalf_of; /* "Guterres" for his spokesman, or NULL */
    const char *channel;      /* the outlet that carried it ("Agence France-Presse"), or NULL */
} sr_attribution;

/* One event record (docs/SCHEMA.md). All strings are borrowed. */
typedef struct sr_event {
    const char *doc;
    int seq;              /* 1, 2, ... within the document */
    const char *sentence; size_t sentence_len;
    size_t start, end;    /* byte offsets of the evidence sentence in the input */
    sr_actor source, target;
    const char *cameo, *root, *plover;  /* plover NULL for 01x */
    double goldstein;
    int quad;
    const char *factuality;   /* asserted, claimed, planned, hypothetical, negated */
    const char *claimed_by;   /* actor code of the party that claims it, for "claimed" */
    const char *date;         /* YYYY-MM-DD or NULL */
    const char *date_basis;   /* explicit, relative, context, publication, or NULL */
    sr_location location;
    sr_fatalities fatalities;
    sr_fatalities injured;    /* the same shape: wounded or injured people */
    sr_fatalities arrested;   /* arrested or detained people */
    const char *attribution;  /* who says so: speaker text, or NULL */
    const char *section;      /* body, headline, caption */
    const char *date_precision;   /* day, month or year (with date) */
    const char *outlet;       /* the outlet named in the story's header ("CGTN"), or NULL */
    const char *const *credits;   /* outlets credited: "(With input from ...)", photo credits */
    size_t ncredits;
    const char *time_utc;     /* "2020-09-29T21:00:00Z" when the text gives a clock time in a
                               * known zone, else NULL */
    const char *published;    /* the article's publication date YYYY-MM-DD, or NULL */
    sr_fatalities missing;    /* people missing */
    sr_fatalities displaced;  /* people displaced, made homeless or fled */
    sr_attribution attributed_to;
    bool background;          /* the sentence tells of the past ("since 1988"), not news */
} sr_event;

typedef struct sr_stats {
    size_t sentences, events, invalid_bytes, captions_skipped;
} sr_stats;

typedef int (*sr_event_fn)(void *ctx, const sr_event *ev);

/* Codes one article, calling fn for each record in document order (a non-zero return from
 * fn stops coding and is returned). stats may be NULL. */
int sr_code_article(const sr_engine *e, const sr_article *a, sr_event_fn fn, void *ctx,
                    sr_stats *stats, sr_error *err);

/* Looks a whole phrase up in the actor dictionaries ("Azerbaijan", "Azeri", "UN Security
 * Council") and writes its actor code into code[cap]. Returns 0, or SR_EINPUT when the
 * phrase is not a dictionary entry. Media phrases are not actors and are not found. */
int sr_engine_lookup(const sr_engine *e, const char *phrase, char *code, size_t cap);

/* Appends the record as one JSON object (no newline) to *buf (malloc'd, grown as needed;
 * *len is its length). The caller frees *buf. */
int sr_event_json(const sr_event *ev, char **buf, size_t *len, size_t *cap);
#endif
