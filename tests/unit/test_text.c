/* Unit tests for text: tokens, clitics, abbreviations and sentence boundaries. */
#include "check.h"
#include "text.h"
#include <string.h>
#include <stdlib.h>

static char sents[16][256];
static int nsent;

static void collect(void *ctx, const char *text, const tok *t, size_t n)
{
    (void)ctx;
    if (nsent < 16) snprintf(sents[nsent], sizeof sents[0], "%.*s", (int)(t[n - 1].end - t[0].start), text + t[0].start);
    nsent++;
}

static size_t split(const strtab *st, const char *s)
{
    nsent = 0;
    return text_split(st, s, 0, strlen(s), collect, NULL);
}

int main(void)
{
    strtab st;
    strtab_init(&st);
    tok *t;
    const char *s = "Azerbaijan's army didn't fire at 5:00 p.m. on 2,100 U.N. posts.";
    size_t n = text_tokenize(&st, s, strlen(s), &t);
    char buf[64];
    CHECK(n == 14);
    CHECK(!strcmp(text_tok_lower(s, &t[0], buf, sizeof buf), "azerbaijan"));
    CHECK(!strcmp(text_tok_lower(s, &t[1], buf, sizeof buf), "'s"));
    CHECK(!strcmp(text_tok_lower(s, &t[3], buf, sizeof buf), "did"));
    CHECK(!strcmp(text_tok_lower(s, &t[4], buf, sizeof buf), "n't"));
    CHECK(!strcmp(text_tok_lower(s, &t[7], buf, sizeof buf), "5:00"));
    CHECK(!strcmp(text_tok_lower(s, &t[8], buf, sizeof buf), "p.m."));
    CHECK(t[8].flags & TK_DOTS);
    CHECK(!strcmp(text_tok_lower(s, &t[10], buf, sizeof buf), "2,100"));
    CHECK(!strcmp(text_tok_lower(s, &t[11], buf, sizeof buf), "u.n."));
    CHECK((t[13].flags & TK_PUNCT) && t[13].punct == '.');
    free(t);

    /* curly apostrophe, accents and dashes */
    const char *u = "Türkiye\xE2\x80\x99s envoy \xE2\x80\x93 António";
    n = text_tokenize(&st, u, strlen(u), &t);
    CHECK(n == 5);
    CHECK(!strcmp(text_tok_lower(u, &t[0], buf, sizeof buf), "turkiye"));
    CHECK(!strcmp(text_tok_lower(u, &t[1], buf, sizeof buf), "'s"));
    CHECK(t[3].punct == '-');
    CHECK(!strcmp(text_tok_lower(u, &t[4], buf, sizeof buf), "antonio"));
    free(t);

    /* invalid UTF-8 is skipped, offsets stay in the input */
    const char *bad = "Kosovo \xff\xfe protested.";
    n = text_tokenize(&st, bad, strlen(bad), &t);
    CHECK(n == 3);
    CHECK(t[1].start == 10);
    free(t);

    CHECK(split(&st, "Mr. Smith met Gen. Jones at 5 p.m. The talks ended. \"We agreed.\" Then they left.") == 4);
    CHECK(!strcmp(sents[0], "Mr. Smith met Gen. Jones at 5 p.m."));
    CHECK(!strcmp(sents[2], "\"We agreed.\""));
    CHECK(split(&st, "Fighting began on Sept. 27 in the region. The U.N. Security Council met.") == 2);
    CHECK(split(&st, "The death toll rose to 3.5 million. It was the worst year.") == 2);
    CHECK(split(&st, "No boundary here") == 1);
    /* a run with no boundary is cut, never grown without limit */
    char *big = malloc(200000);
    size_t bl = 0;
    while (bl + 10 < 200000) { memcpy(big + bl, "word and ", 9); bl += 9; }
    big[bl] = 0;
    CHECK(split(&st, big) >= bl / 9 / (TEXT_MAX_SENT_TOKENS + 100));
    free(big);
    strtab_free(&st);
    return CHECK_DONE();
}
