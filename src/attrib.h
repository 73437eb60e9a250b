/* attrib: who says so. Finds reporting clauses in a sentence ("X said", "said diplomats",
 * "told AFP", "according to X", ", adding that") and their speaker, so that the coder can
 * keep speakers out of event roles, mark claims made by a party, and say which outlet or
 * spokesman a casualty figure comes from. */
#ifndef SR_ATTRIB_H
#define SR_ATTRIB_H
#include "actors.h"

enum { ATTR_MAX = 8 };

typedef struct attribution {
    size_t verb;            /* token index of the reporting word */
    size_t sa, sb;          /* speaker span (sa == sb: none) */
    int speaker;            /* index of an actor mention inside the speaker span, or -1 */
    int channel;            /* index of a media mention (speaker or "told X"), or -1 */
    bool trailing;          /* "..., the statement said": the content comes before */
    int principal;          /* "Guterres spokesman Stephane Dujarric": the mention the speaker
                             * speaks for (before a word of SPOKES), or -1 */
    bool document;          /* the speaker is a text, not a person: "the statement said" */
} attribution;

size_t attrib_find(const dict *d, const char *text, const tok *t, size_t n,
                   const mention *m, size_t nm, attribution *out);
/* True when token i lies in some speaker span. */
bool attrib_in_speaker(const attribution *a, size_t na, size_t i);
#endif
