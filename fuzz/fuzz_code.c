/* fuzz_code: libFuzzer target for the whole coding path (doc -> text -> actors -> code ->
 * when/where/count -> JSON) on arbitrary bytes. Build and run with `make fuzz`. The engine
 * is opened once, from data/ and build/data/ (SITREP_DATA / SITREP_GEN may point elsewhere). */
#include "sitrep.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static sr_engine *engine;

static int sink(void *ctx, const sr_event *ev)
{
    char *buf = NULL;
    size_t len = 0, cap = 0;
    sr_event_json(ev, &buf, &len, &cap);
    free(buf);
    (void)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!engine) {
        sr_error err = {0};
        if (sr_engine_open(&engine, getenv("SITREP_DATA") ? NULL : "data", getenv("SITREP_GEN") ? NULL : "build/data", &err)) {
            fprintf(stderr, "fuzz_code: %s\n", err.message);
            abort();
        }
    }
    /* half the inputs as wire stories, half as bare JSON text, both with a date */
    sr_article a = { "fuzz", (const char *)data, size, "2020-09-29", NULL, NULL, size % 2 == 0 };
    sr_error err = {0};
    sr_code_article(engine, &a, sink, NULL, NULL, &err);
    return 0;
}
