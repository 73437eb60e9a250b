/* fuzz_dict: libFuzzer target for the dictionary readers: each input is written to a file
 * and read as a sitrep actor file, a verb file, PETRARCH actors, agents and verbs, and a
 * TABARI .options file (the options are then in force for the TABARI verbs read after). Any
 * outcome but a crash, a leak or undefined behaviour is fine. Build and run with `make fuzz`. */
#include "dict.h"
#include "compat.h"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/sitrep-fuzz-dict-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    if (write(fd, data, size) != (ssize_t)size) { close(fd); unlink(path); return 0; }
    close(fd);
    sr_error err;
    dict d;
    dict_init(&d);
    dict_load_cameo(&d, "data/cameo.tsv", &err);
    dict_load_actor_file(&d, path, &err);
    dict_load_verb_file(&d, path, &err);
    d.compat = true;
    compat_load_actors(&d, path, &err);
    compat_load_agents(&d, path, &err);
    compat_load_verbs(&d, path, &err);
    d.compat_tabari = true;
    compat_load_options(&d, path, &err);
    compat_load_verbs(&d, path, &err);
    dict_finish(&d);
    dict_free(&d);
    unlink(path);
    return 0;
}
