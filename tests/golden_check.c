/* golden_check: checks sitrep's JSON-lines output against a golden expectation file.
 *
 *   golden_check EXPECT RECORDS
 *
 * EXPECT lines (blank lines and # comments ignored; args:, exit N, stderr TEXT and stdin
 * (feed the story on standard input) are read by tests/run.sh and skipped here):
 *   event KEY=VALUE ...   some record has every KEY=VALUE
 *   none KEY=VALUE ...    no record has every KEY=VALUE
 *   events N              exactly N records
 * KEY is a record field: source, target (actor codes), cameo, root, plover, factuality,
 * claimed_by, date, date_basis, date_precision, section, country, place, admin1, lat, lon,
 * geonames_id, precision and place_basis (location; lat and lon compare as %g, so
 * lat=40.3* matches by prefix),
 * killed, qualifier, victims, civilians, reported_by (fatalities), injured and arrested
 * (counts), attribution, outlet,
 * credits (a list, as "a,b,c"), sentence (substring match), time_utc, published, background
 * (true/false), missing and displaced (counts), cumulative, low, high and figures (of the
 * fatalities; figures as their counts "55,95"), injured_cumulative, arrested_qualifier,
 * speaker, speaker_code, on_behalf_of and channel (attributed_to).
 * VALUE "null" matches a null or absent field; a VALUE ending in * matches by prefix; use
 * _ for a space inside VALUE. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>

static const struct { const char *key, *obj, *field; } KEYS[] = {
    {"source", "source", "code"}, {"target", "target", "code"}, {"cameo", NULL, "cameo"},
    {"root", NULL, "root"}, {"plover", NULL, "plover"}, {"factuality", NULL, "factuality"},
    {"claimed_by", NULL, "claimed_by"}, {"date", NULL, "date"}, {"date_basis", NULL, "date_basis"},
    {"section", NULL, "section"}, {"country", "location", "country"}, {"place", "location", "name"},
    {"killed", "fatalities", "count"}, {"qualifier", "fatalities", "qualifier"},
    {"victims", "fatalities", "victims"}, {"civilians", "fatalities", "civilians"},
    {"reported_by", "fatalities", "reported_by"}, {"attribution", NULL, "attribution"},
    {"sentence", NULL, "sentence"}, {"source_text", "source", "text"}, {"target_text", "target", "text"},
    {"injured", "injured", "count"}, {"arrested", "arrested", "count"},
    {"date_precision", NULL, "date_precision"}, {"outlet", NULL, "outlet"}, {"credits", NULL, "credits"},
    {"admin1", "location", "admin1"}, {"lat", "location", "lat"}, {"lon", "location", "lon"},
    {"geonames_id", "location", "geonames_id"}, {"precision", "location", "precision"},
    {"place_basis", "location", "basis"},
    {"time_utc", NULL, "time_utc"}, {"published", NULL, "published"}, {"background", NULL, "background"},
    {"missing", "missing", "count"}, {"displaced", "displaced", "count"},
    {"cumulative", "fatalities", "cumulative"}, {"low", "fatalities", "low"}, {"high", "fatalities", "high"},
    {"figures", "fatalities", "figures"},
    {"injured_cumulative", "injured", "cumulative"}, {"arrested_qualifier", "arrested", "qualifier"},
    {"speaker", "attributed_to", "speaker"}, {"speaker_code", "attributed_to", "code"},
    {"on_behalf_of", "attributed_to", "on_behalf_of"}, {"channel", "attributed_to", "channel"},
};

static int field_matches(json_t *rec, const char *key, const char *want)
{
    for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++) {
        if (strcmp(KEYS[i].key, key)) continue;
        json_t *v = rec;
        if (KEYS[i].obj) v = json_object_get(rec, KEYS[i].obj);
        if (v && json_is_object(v)) v = json_object_get(v, KEYS[i].field);
        else if (KEYS[i].obj) v = NULL;
        if (!v || json_is_null(v)) return !strcmp(want, "null");
        char got[1024];
        if (json_is_array(v)) {   /* a list of strings compares as "a,b,c"; of figures as their counts */
            size_t j, o = 0;
            json_t *x;
            got[0] = 0;
            json_array_foreach(v, j, x) {
                char one[64];
                if (json_is_string(x)) snprintf(one, sizeof one, "%s", json_string_value(x));
                else if (json_is_object(x) && json_is_integer(json_object_get(x, "count")))
                    snprintf(one, sizeof one, "%lld", (long long)json_integer_value(json_object_get(x, "count")));
                else continue;
                if (o + strlen(one) + 2 < sizeof got) o += (size_t)snprintf(got + o, sizeof got - o, "%s%s", j ? "," : "", one);
            }
        }
        else if (json_is_boolean(v)) snprintf(got, sizeof got, "%s", json_is_true(v) ? "true" : "false"); else if (json_is_string(v)) snprintf(got, sizeof got, "%s", json_string_value(v));
        else if (json_is_integer(v)) snprintf(got, sizeof got, "%lld", (long long)json_integer_value(v));
        else if (json_is_real(v)) snprintf(got, sizeof got, "%g", json_real_value(v));
        else return 0;
        if (!strcmp(key, "sentence")) return strstr(got, want) != NULL;
        size_t wl = strlen(want);
        if (wl && want[wl - 1] == '*') return !strncmp(got, want, wl - 1);
        return !strcmp(got, want);
    }
    fprintf(stderr, "golden_check: unknown key '%s'\n", key);
    exit(2);
}

static int rec_matches(json_t *rec, char **kv, int nkv)
{
    for (int i = 0; i < nkv; i++) {
        char key[64], val[512];
        const char *eq = strchr(kv[i], '=');
        if (!eq) { fprintf(stderr, "golden_check: expected KEY=VALUE, got '%s'\n", kv[i]); exit(2); }
        snprintf(key, sizeof key, "%.*s", (int)(eq - kv[i]), kv[i]);
        snprintf(val, sizeof val, "%s", eq + 1);
        for (char *p = val; *p; p++) if (*p == '_') *p = ' ';
        if (!field_matches(rec, key, val)) return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3) { fprintf(stderr, "usage: golden_check EXPECT RECORDS\n"); return 2; }
    FILE *rf = fopen(argv[2], "r");
    if (!rf) { perror(argv[2]); return 2; }
    json_t *recs = json_array();
    char *line = NULL;
    size_t cap = 0;
    ssize_t k;
    while ((k = getline(&line, &cap, rf)) > 0) {
        json_error_t e;
        json_t *j = json_loads(line, 0, &e);
        if (!j) { fprintf(stderr, "%s: not JSON: %s\n", argv[2], e.text); return 1; }
        json_array_append_new(recs, j);
    }
    fclose(rf);
    FILE *ef = fopen(argv[1], "r");
    if (!ef) { perror(argv[1]); return 2; }
    int failures = 0, lineno = 0;
    while ((k = getline(&line, &cap, ef)) > 0) {
        lineno++;
        char *h = strchr(line, '#');
        if (h) *h = 0;
        char *words[64];
        int nw = 0;
        for (char *w = strtok(line, " \t\r\n"); w && nw < 64; w = strtok(NULL, " \t\r\n")) words[nw++] = w;
        if (!nw || !strcmp(words[0], "args:") || !strcmp(words[0], "exit") || !strcmp(words[0], "stderr") ||
            !strcmp(words[0], "stdin")) continue;
        size_t i, hits = 0;
        json_t *r;
        if (!strcmp(words[0], "events")) {
            size_t want = nw > 1 ? strtoul(words[1], NULL, 10) : 0;
            if (json_array_size(recs) != want) {
                fprintf(stderr, "%s:%d: expected %zu records, got %zu\n", argv[1], lineno, want, json_array_size(recs));
                failures++;
            }
            continue;
        }
        json_array_foreach(recs, i, r) hits += rec_matches(r, words + 1, nw - 1);
        bool ok = !strcmp(words[0], "event") ? hits > 0 : !strcmp(words[0], "none") ? hits == 0 : -1;
        if (strcmp(words[0], "event") && strcmp(words[0], "none")) {
            fprintf(stderr, "%s:%d: unknown directive '%s'\n", argv[1], lineno, words[0]);
            return 2;
        }
        if (!ok) {
            fprintf(stderr, "%s:%d: %s", argv[1], lineno, words[0]);
            for (int w = 1; w < nw; w++) fprintf(stderr, " %s", words[w]);
            fprintf(stderr, ": %zu matching records\n", hits);
            failures++;
        }
    }
    free(line);
    fclose(ef);
    json_decref(recs);
    return failures ? 1 : 0;
}
