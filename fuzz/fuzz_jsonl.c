/* fuzz_jsonl: libFuzzer target for the JSON-lines article reader of `sitrep code`
 * (cli/jsonl.c): any bytes, as one line. Build and run with `make fuzz`. */
#include "cli.h"
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    jsonl_article a;
    char err[256];
    if (jsonl_parse((const char *)data, size, &a, err, sizeof err) == 0) {
        /* a parsed text is a string of the length given */
        if (strlen(a.text) > a.text_len) __builtin_trap();
        jsonl_free(&a);
    }
    return 0;
}
