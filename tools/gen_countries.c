/* gen-countries: turns Debian's iso-codes ISO 3166-1 JSON into sitrep's actor-file format
 * (docs/DICTIONARIES.md), one `ALPHA3 name NAME | OFFICIAL | COMMON` line per country.
 * Run by `make` at set-up; the output goes to build/data/ and is never committed. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

static void put_name(const char *s, int *first)
{
    if (!s || !*s) return;
    /* '|' and '#' are the format's separators; ISO names contain neither, but be safe */
    if (strchr(s, '|') || strchr(s, '#')) return;
    printf("%s%s", *first ? " " : " | ", s);
    *first = 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: gen-countries ISO_3166-1.json\n"); return 2; }
    json_error_t e;
    json_t *root = json_load_file(argv[1], 0, &e);
    if (!root) { fprintf(stderr, "gen-countries: %s:%d: %s\n", argv[1], e.line, e.text); return 1; }
    json_t *list = json_object_get(root, "3166-1");
    if (!json_is_array(list)) { fprintf(stderr, "gen-countries: %s: no \"3166-1\" array\n", argv[1]); return 1; }
    printf("# Generated from %s by tools/gen_countries.c: ISO 3166-1 names. Do not edit.\n", argv[1]);
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c) {
        const char *a3 = json_string_value(json_object_get(c, "alpha_3"));
        const char *name = json_string_value(json_object_get(c, "name"));
        const char *off = json_string_value(json_object_get(c, "official_name"));
        const char *com = json_string_value(json_object_get(c, "common_name"));
        if (!a3 || strlen(a3) != 3 || !name) continue;
        int first = 1;
        printf("%s name", a3);
        put_name(name, &first);
        if (off && strcmp(off, name)) put_name(off, &first);
        if (com && strcmp(com, name) && (!off || strcmp(com, off))) put_name(com, &first);
        printf("\n");
    }
    json_decref(root);
    return 0;
}
