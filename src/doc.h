/* doc: the first stage. Finds the structure of one article's text: headline, dateline and
 * publication date, outlet, body paragraphs, photo captions (each coded once however often
 * the page prints it), credit lines "(With input from Xinhua, Reuters, AFP)" and agency
 * datelines "BAKU, Sept 28 (Reuters) -". Offsets always point into the caller's text. */
#ifndef SR_DOC_H
#define SR_DOC_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "util.h"
#include "sitrep.h"

enum { BK_HEADLINE, BK_BODY, BK_CAPTION };
extern const char *const DOC_BLOCK_NAMES[];

typedef struct doc_block {
    size_t start, end;
    uint8_t kind;
} doc_block;

enum { DOC_MAX_CREDITS = 16 };

typedef struct doc {
    const char *text;
    size_t len;
    VEC(doc_block) blocks;
    int32_t pub;            /* publication day (days since 1970), or WHEN_NONE */
    int pub_minutes;        /* local time of the dateline, or -1 */
    char outlet[64];
    char credits[DOC_MAX_CREDITS][48];
    int ncredits;
    char caption_credit[48];
    size_t captions_skipped;   /* repeated captions not coded again */
} doc;

/* Parses a's text. structured=false skips headline/dateline detection (text given as a
 * bare body, e.g. from JSON). Returns 0, or SR_EINPUT with a message for empty or binary
 * input. The doc borrows a->text; doc_free releases only its own arrays. */
int  doc_parse(doc *d, const sr_article *a, sr_error *err);
void doc_free(doc *d);
#endif
