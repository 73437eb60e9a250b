/* dictopts: choosing the dictionaries from the command line (see dictopts.h). */
#include "dictopts.h"
#include <stdlib.h>
#include <string.h>

/* the file options of --dict-format and the formats that read each: a row per option */
static const struct { const char *option; const char *formats; } COMPAT_FILES[CF_N] = {
    [CF_VERBS] = { "verbs", "petrarch tabari" }, [CF_ACTORS] = { "actors", "petrarch tabari" },
    [CF_AGENTS] = { "agents", "petrarch tabari" }, [CF_DISCARDS] = { "discards", "petrarch" },
    [CF_OPTIONS] = { "options", "tabari" },
};

/* --actors A.txt,B.txt (and repeated --actors) -> o->actors */
static int add_actor_files(dictopts *o, const char *arg)
{
    for (const char *p = arg;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (!n) { fprintf(stderr, "%s: --actors '%s': empty file name\n", o->cmd, arg); return -1; }
        char **nv = realloc(o->actors, (o->nactors + 2) * sizeof *nv);
        if (!nv) { fputs("sitrep: out of memory\n", stderr); abort(); }
        o->actors = nv;
        o->actors[o->nactors] = strndup(p, n);
        if (!o->actors[o->nactors]) { fputs("sitrep: out of memory\n", stderr); abort(); }
        o->actors[++o->nactors] = NULL;
        if (!comma) return 0;
        p = comma + 1;
    }
}

int dictopts_take(dictopts *o, int c, const char *arg)
{
    switch (c) {
    case OPT_DATA: o->data = arg; return 1;
    case OPT_GEN: o->gen = arg; return 1;
    case OPT_FORMAT: o->format = arg; return 1;
    case OPT_IMAGE: o->image = arg; return 1;
    case OPT_SET:
        if (o->nsets == DICTOPTS_MAX_SETS || !strchr(arg, '=')) {
            fprintf(stderr, "%s: --set takes NAME=VALUE (at most %d), not '%s'\n", o->cmd, DICTOPTS_MAX_SETS, arg);
            return -1;
        }
        o->sets[o->nsets++] = arg;
        return 1;
    default:
        if (c < OPT_FILE || c >= OPT_FILE + CF_N) return 0;
        o->file[c - OPT_FILE] = arg;
        if (c == OPT_FILE + CF_ACTORS && add_actor_files(o, arg)) return -1;
        return 1;
    }
}

int dictopts_check(const dictopts *o)
{
    for (int i = 0; i < CF_N; i++) {
        if (!o->file[i]) continue;
        if (!o->format) {
            fprintf(stderr, "%s: --%s needs --dict-format (petrarch or tabari)\n", o->cmd, COMPAT_FILES[i].option);
            return -1;
        }
        if (!strstr(COMPAT_FILES[i].formats, o->format)) {
            fprintf(stderr, "%s: --%s is not read with --dict-format %s (only %s)\n", o->cmd, COMPAT_FILES[i].option,
                    o->format, COMPAT_FILES[i].formats);
            return -1;
        }
    }
    if (o->format && strcmp(o->format, "petrarch") && strcmp(o->format, "tabari")) {
        fprintf(stderr, "%s: unknown --dict-format '%s' (expected petrarch or tabari)\n", o->cmd, o->format);
        return -1;
    }
    if (o->image && (o->format || o->data)) {
        fprintf(stderr, "%s: --dict-image holds the dictionaries: it takes no --%s\n", o->cmd, o->format ? "dict-format" : "data");
        return -1;
    }
    return 0;
}

int dictopts_open(const dictopts *o, sr_engine **out)
{
    sr_error err = {0};
    sr_engine *e;
    int rc;
    if (o->image) rc = sr_engine_open_image(&e, o->image, o->gen, &err);
    else if (o->format) {
        sr_compat_files files = { o->format, o->file[CF_VERBS], (const char *const *)o->actors, o->file[CF_AGENTS],
                                  o->file[CF_DISCARDS], o->file[CF_OPTIONS] };
        rc = sr_engine_open_compat(&e, &files, o->data, &err);
    } else rc = sr_engine_open(&e, o->data, o->gen, &err);
    if (rc) {
        fprintf(stderr, "sitrep: cannot load dictionaries: %s\n", err.message);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < o->nsets; i++) {
        char name[64];
        const char *eq = strchr(o->sets[i], '=');
        snprintf(name, sizeof name, "%.*s", (int)(eq - o->sets[i]), o->sets[i]);
        if (sr_engine_set_option(e, name, eq + 1, &err)) {
            fprintf(stderr, "%s: --set: %s\n", o->cmd, err.message);
            sr_engine_free(e);
            return EXIT_USAGE;
        }
    }
    *out = e;
    return 0;
}

void dictopts_free(dictopts *o)
{
    for (size_t i = 0; i < o->nactors; i++) free(o->actors[i]);
    free(o->actors);
    o->actors = NULL;
    o->nactors = 0;
}
