/* Unit tests for dictimg: an image codes as the dictionaries it was compiled from, and images
 * damaged at random, then stamped with a valid checksum so that they get past it, are either
 * refused (SR_EDICT) or code without reading out of bounds (the tests run under ASan). */
#include "check.h"
#include "dictimg.h"
#include "sitrep.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char TEXT[] =
    "Valdorian troops shelled Kestrian positions on Monday, the ministry said. Tellen met the "
    "Kestrian president and promised aid. The Valdorian government denied the accusations.";

static int collect(void *ctx, const sr_event *ev)
{
    char **out = ctx, *line = NULL;
    size_t len = 0, cap = 0;
    sr_event_json(ev, &line, &len, &cap);
    size_t n = *out ? strlen(*out) : 0;
    *out = realloc(*out, n + len + 2);
    memcpy(*out + n, line, len);
    (*out)[n + len] = '\n';
    (*out)[n + len + 1] = 0;
    free(line);
    return 0;
}

static char *code(const sr_engine *e)
{
    char *out = calloc(1, 1);
    sr_article a = { "t", TEXT, sizeof TEXT - 1, "2018-03-06", NULL, NULL, true };
    sr_error err;
    sr_code_article(e, &a, collect, &out, NULL, &err);
    return out;
}

static void write_bytes(const char *path, const unsigned char *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    fwrite(b, 1, n, f);
    fclose(f);
}

int main(void)
{
    char dir[] = "/tmp/sitrep-test-dictimg-XXXXXX", path[256];
    if (!mkdtemp(dir)) return 1;
    snprintf(path, sizeof path, "%s/toy.sdi", dir);
    const char *actors[] = { "tests/golden/compat/toy.actors.txt", NULL };
    sr_compat_files files = { "petrarch", "tests/golden/compat/toy.verbs.txt", actors,
                              "tests/golden/compat/toy.agents.txt", NULL, NULL };
    sr_engine *text = NULL, *img = NULL;
    sr_error err;
    CHECK(sr_engine_open_compat(&text, &files, "data", &err) == 0);
    if (!text) return CHECK_DONE();
    CHECK(sr_engine_write_image(text, path, &err) == 0);
    CHECK(sr_engine_open_image(&img, path, dir, &err) == 0);
    char *want = code(text), *got = img ? code(img) : NULL;
    CHECK(want[0] && got && !strcmp(want, got));
    const char *w1, *w2;
    CHECK(img && sr_engine_warnings(text, &w1) == sr_engine_warnings(img, &w2) && !strcmp(w1, w2));
    free(got);
    sr_engine_free(img);

    /* the same dictionaries always make the same bytes */
    FILE *f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    size_t n = (size_t)ftell(f);
    rewind(f);
    unsigned char *good = malloc(n), *bad = malloc(n);
    CHECK(fread(good, 1, n, f) == n);
    fclose(f);
    char again[256];
    snprintf(again, sizeof again, "%s/again.sdi", dir);
    CHECK(sr_engine_write_image(text, again, &err) == 0);
    f = fopen(again, "rb");
    CHECK(f && fread(bad, 1, n, f) == n && fgetc(f) == EOF && !memcmp(good, bad, n));
    if (f) fclose(f);

    /* damage: a few bytes past the fixed header fields, set at random, checksum stamped */
    srand(20201);
    int refused = 0, opened = 0;
    for (int round = 0; round < 400; round++) {
        memcpy(bad, good, n);
        int k = 1 + rand() % 4;
        for (int j = 0; j < k; j++) {
            size_t at = 128 + (size_t)rand() % (n - 128);
            bad[at] = (unsigned char)(rand() % 3 == 0 ? 0xff : rand());
        }
        dictimg_stamp(bad, n);
        write_bytes(again, bad, n);
        int rc = sr_engine_open_image(&img, again, dir, &err);
        CHECK(rc == 0 || (rc == SR_EDICT && strstr(err.message, "again.sdi: corrupt")));
        if (rc) { refused++; continue; }
        opened++;
        free(code(img));
        sr_engine_free(img);
    }
    printf("damaged images: %d refused, %d opened and coded\n", refused, opened);
    CHECK(refused > 0);
    free(want);
    free(good);
    free(bad);
    sr_engine_free(text);
    remove(path);
    remove(again);
    rmdir(dir);
    return CHECK_DONE();
}
