/* Unit tests for dict: the file format, its error messages, and verb inflection. */
#include "check.h"
#include "dict.h"
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/sitrep-test-dict-XXXXXX";

static const char *write_file(const char *name, const char *body)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    fputs(body, f);
    fclose(f);
    return path;
}

static int load_actors(const char *body, sr_error *err)
{
    dict d;
    dict_init(&d);
    int rc = dict_load_actor_file(&d, write_file("a.txt", body), err);
    dict_free(&d);
    return rc;
}

int main(void)
{
    if (!mkdtemp(dir)) return 1;
    sr_error err;
    CHECK(load_actors("# comment\nAZE name Azerbaijan | Azeri Republic  # trailing comment\n\n", &err) == 0);
    CHECK(load_actors("AZE nmae Azerbaijan\n", &err) == SR_EDICT);
    CHECK(strstr(err.message, "a.txt:1: unknown kind 'nmae'") != NULL);
    CHECK(load_actors("AZE name Azerbaijan\nazE name Baku\n", &err) == SR_EDICT);
    CHECK(strstr(err.message, "a.txt:2: bad actor code") != NULL);
    CHECK(load_actors("AZE name Azerbaijan |\n", &err) == SR_EDICT);
    CHECK(strstr(err.message, "empty phrase") != NULL);
    CHECK(load_actors("AZE name Azerbaijan || Azeri\n", &err) == SR_EDICT);
    CHECK(load_actors("AZEGOV leader Ilham Aliyev\n", &err) == SR_EDICT);
    CHECK(strstr(err.message, "date range") != NULL);
    CHECK(load_actors("AZEGOV leader 2003-10-31..2001-01-01 Ilham Aliyev\n", &err) == SR_EDICT);
    CHECK(load_actors("AZEGOV leader 2003-13-31.. Ilham Aliyev\n", &err) == SR_EDICT);
    CHECK(load_actors("AZEGOV leader 2003-10-31.. Ilham Aliyev | Aliyev\n", &err) == 0);
    CHECK(load_actors("AZE name\n", &err) == SR_EDICT);
    CHECK(load_actors("\xff\xfe\x00garbage\n", &err) == SR_EDICT);

    /* verbs: codes checked against the CAMEO table, inflections generated */
    dict d;
    dict_init(&d);
    CHECK(dict_load_cameo(&d, write_file("cameo.tsv", "040\t1.0\t1\tCONSULT\tConsult\n190\t-10.0\t4\tASSAULT\tFight\n"), &err) == 0);
    CHECK(dict_load_irregular(&d, write_file("irr.txt", "meet met met\nfight fought fought\nhold held held\n"), &err) == 0);
    CHECK(dict_load_verb_file(&d, write_file("v.txt", "040 meet+ (with) T | hold+ * talks @recip\n190 fight+ | shell+ | clash+\n"), &err) == 0);
    dict_finish(&d);
    const char *forms[] = { "meets", "met", "meeting", "fought", "shelled", "shelling", "clashes", "clashed", "holds", "held", NULL };
    for (int i = 0; forms[i]; i++) {
        int32_t s = dict_sym(&d, forms[i]);
        CHECK(s >= 0);
        if (s < 0) fprintf(stderr, "  missing form: %s\n", forms[i]);
    }
    CHECK(dict_symflags(&d, dict_sym(&d, "met")) & SF_PP);
    CHECK(dict_symflags(&d, dict_sym(&d, "shelled")) & SF_PP);
    CHECK(!(dict_symflags(&d, dict_sym(&d, "meets")) & SF_PP));
    dict_free(&d);
    dict_init(&d);
    dict_load_cameo(&d, write_file("cameo.tsv", "040\t1.0\t1\tCONSULT\tConsult\n"), &err);
    CHECK(dict_load_verb_file(&d, write_file("v.txt", "999 meet+\n"), &err) == SR_EDICT);
    CHECK(strstr(err.message, "v.txt:1: unknown CAMEO code '999'") != NULL);
    CHECK(dict_load_verb_file(&d, write_file("v.txt", "040 * meet+\n"), &err) == SR_EDICT);
    CHECK(dict_load_verb_file(&d, write_file("v.txt", "040 meet+ @mutual\n"), &err) == SR_EDICT);
    CHECK(dict_load_verb_file(&d, write_file("v.txt", "040 meet+ (with\n"), &err) == SR_EDICT);
    CHECK(dict_load_cameo(&d, write_file("cameo.tsv", "04x\tone\t1\tCONSULT\tConsult\n"), &err) == SR_EDICT);
    dict_free(&d);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) return 1;
    return CHECK_DONE();
}
