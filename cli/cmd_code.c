/* cmd_code: `sitrep code`, the main job. Reads plain-text stories or JSON lines and writes
 * one JSON record per event to stdout. Each input that fails is named on stderr and the
 * rest are still coded (exit 1); a write error on stdout (a full disk) stops at once. */
#include "cli.h"
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <time.h>

/* Progress on stderr, only on a terminal, at most a few times a second. */
typedef struct progress { bool on; struct timespec last; } progress;

static void progress_tick(progress *p, size_t articles, const sr_stats *st, int failed, bool final)
{
    if (!p->on) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt = (double)(now.tv_sec - p->last.tv_sec) + (double)(now.tv_nsec - p->last.tv_nsec) / 1e9;
    if (!final && dt < 0.25) return;
    p->last = now;
    fprintf(stderr, "\rsitrep: %zu articles, %zu sentences, %zu events, %d failed%s", articles, st->sentences,
            st->events, failed, final ? "\n" : "");
}

static const char HELP[] =
"usage: sitrep code [OPTIONS] FILE...\n"
"\n"
"Codes each FILE (\"-\" for standard input) into event records, one JSON object per\n"
"line on standard output, in document order (schema: docs/SCHEMA.md).\n"
"\n"
"A plain-text FILE may be a wire story: headline, dateline (\"Updated 11:34, 29-Sep-2020\",\n"
"\"Sept. 28, 2020\", \"BAKU, Sept 28 (Reuters) -\"), outlet, paragraphs, photo captions ending\n"
"in \" /Agency\" (each coded once), \"(With input from ...)\" credits. Any other text works\n"
"too; give its publication date with --date so that \"on Monday\" can be resolved.\n"
"\n"
"options:\n"
"  --date YYYY-MM-DD      publication date of plain-text input (overrides the dateline)\n"
"  --input-format FMT     text (default) or jsonl: one article per line,\n"
"                         {\"id\",\"date\",\"title\",\"text\",\"url\"}; \"text\" is required.\n"
"                         Files ending in .jsonl are read as jsonl unless told otherwise.\n"
"  --data DIR             sitrep's dictionaries (default: data/ beside the build, or $SITREP_DATA)\n"
"  --gen DIR              dictionaries generated at set-up (default: build/data, or $SITREP_GEN)\n"
"  --stats                print a summary (articles, sentences, events) on stderr\n"
"                         (while output goes to a file or pipe and stderr is a terminal,\n"
"                         progress is shown there anyway)\n"
"  -h, --help             this text\n"
"\n"
"exit status: 0 every input coded; 1 some input failed (each named on stderr, the rest\n"
"coded); 2 usage error or dictionaries that cannot be loaded.\n";

typedef struct out_ctx {
    char *buf;
    size_t len, cap;
    int write_error;
} out_ctx;

static int on_event(void *vctx, const sr_event *ev)
{
    out_ctx *o = vctx;
    o->len = 0;
    sr_event_json(ev, &o->buf, &o->len, &o->cap);
    if (o->len + 2 > o->cap) { o->cap = o->len + 2; o->buf = realloc(o->buf, o->cap); if (!o->buf) abort(); }
    o->buf[o->len++] = '\n';
    if (fwrite(o->buf, 1, o->len, stdout) != o->len) { o->write_error = errno ? errno : EIO; return 1; }
    return 0;
}

int cli_read_file(const char *path, char **out, size_t *len, char *err, size_t errcap)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) { snprintf(err, errcap, "%s: %s", path, strerror(errno)); return -1; }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errcap, "%s: is a directory", path);
        fclose(f);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (!b) { snprintf(err, errcap, "%s: out of memory", path); if (f != stdin) fclose(f); return -1; }
        size_t k = fread(b + n, 1, cap - n, f);
        n += k;
        if (k == 0) break;
        if (n == cap) { cap *= 2; char *nb = realloc(b, cap); if (!nb) { free(b); b = NULL; continue; } b = nb; }
    }
    int rerr = ferror(f);
    if (f != stdin) fclose(f);
    if (rerr) { snprintf(err, errcap, "%s: read error: %s", path, strerror(errno ? errno : EIO)); free(b); return -1; }
    *out = b;
    *len = n;
    return 0;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* One JSON line. Returns 0, or -1 after printing why. */
static int code_json_line(const sr_engine *e, const char *path, size_t lineno, const char *line, size_t n,
                          out_ctx *o, sr_stats *st)
{
    json_error_t je;
    json_t *j = json_loadb(line, n, 0, &je);
    if (!j) { fprintf(stderr, "sitrep: %s:%zu: invalid JSON: %s\n", path, lineno, je.text); return -1; }
    int rc = -1;
    if (!json_is_object(j)) { fprintf(stderr, "sitrep: %s:%zu: expected a JSON object\n", path, lineno); goto done; }
    json_t *text = json_object_get(j, "text");
    if (!json_is_string(text)) { fprintf(stderr, "sitrep: %s:%zu: \"text\" must be a string\n", path, lineno); goto done; }
    const char *fields[] = { "id", "date", "title", "url" };
    const char *vals[4] = { NULL, NULL, NULL, NULL };
    char idbuf[64];
    for (int f = 0; f < 4; f++) {
        json_t *v = json_object_get(j, fields[f]);
        if (!v || json_is_null(v)) continue;
        if (f == 0 && json_is_integer(v)) { snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(v)); vals[0] = idbuf; continue; }
        if (!json_is_string(v)) { fprintf(stderr, "sitrep: %s:%zu: \"%s\" must be a string\n", path, lineno, fields[f]); goto done; }
        vals[f] = json_string_value(v);
    }
    char fallback[512];
    if (!vals[0]) { snprintf(fallback, sizeof fallback, "%s:%zu", base_name(path), lineno); vals[0] = fallback; }
    sr_article a = { vals[0], json_string_value(text), json_string_length(text), vals[1], vals[2], vals[3], true };
    sr_error err = {0};
    int k = sr_code_article(e, &a, on_event, o, st, &err);
    if (o->write_error) goto done;
    if (k < 0) { fprintf(stderr, "sitrep: %s:%zu: %s\n", path, lineno, err.message); goto done; }
    rc = 0;
done:
    json_decref(j);
    return rc;
}

int cmd_code(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"date", required_argument, 0, 'd'}, {"input-format", required_argument, 0, 'f'},
        {"data", required_argument, 0, 'D'}, {"gen", required_argument, 0, 'G'},
        {"stats", no_argument, 0, 's'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    const char *date = NULL, *format = NULL, *data = NULL, *gen = NULL;
    bool stats = false;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", LONG, NULL)) != -1) {
        switch (c) {
        case 'd': date = optarg; break;
        case 'f': format = optarg; break;
        case 'D': data = optarg; break;
        case 'G': gen = optarg; break;
        case 's': stats = true; break;
        case 'h': fputs(HELP, stdout); return EXIT_OK;
        default: fputs("try 'sitrep code --help'\n", stderr); return EXIT_USAGE;
        }
    }
    if (format && strcmp(format, "text") && strcmp(format, "jsonl")) {
        fprintf(stderr, "sitrep code: unknown --input-format '%s' (expected text or jsonl)\n", format);
        return EXIT_USAGE;
    }
    if (optind >= argc) { fputs("sitrep code: no input (give FILE, or - for standard input)\ntry 'sitrep code --help'\n", stderr); return EXIT_USAGE; }
    sr_error err = {0};
    sr_engine *e;
    if (sr_engine_open(&e, data, gen, &err)) {
        fprintf(stderr, "sitrep: cannot load dictionaries: %s\n", err.message);
        return EXIT_USAGE;
    }
    out_ctx o = {0};
    sr_stats st = {0};
    int failed = 0;
    size_t articles = 0;
    progress prog = { isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO), {0, 0} };
    clock_gettime(CLOCK_MONOTONIC, &prog.last);
    for (int i = optind; i < argc && !o.write_error; i++) {
        const char *path = argv[i];
        char *text;
        size_t len;
        char msg[1024];
        if (cli_read_file(path, &text, &len, msg, sizeof msg)) { fprintf(stderr, "sitrep: %s\n", msg); failed++; continue; }
        size_t plen = strlen(path);
        bool jsonl = format ? !strcmp(format, "jsonl") : (plen > 6 && !strcmp(path + plen - 6, ".jsonl"));
        if (jsonl) {
            size_t lineno = 0, pos = 0;
            if (len == 0) { fprintf(stderr, "sitrep: %s: empty input: no articles\n", path); failed++; }
            while (pos < len && !o.write_error) {
                const char *nl = memchr(text + pos, '\n', len - pos);
                size_t end = nl ? (size_t)(nl - text) : len;
                lineno++;
                size_t a = pos;
                while (a < end && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r')) a++;
                if (a < end) {
                    if (code_json_line(e, path, lineno, text + a, end - a, &o, &st)) failed++;
                    else articles++;
                    progress_tick(&prog, articles, &st, failed, false);
                }
                pos = end + 1;
            }
        } else {
            const char *id = strcmp(path, "-") ? base_name(path) : "stdin";
            sr_article a = { id, text, len, date, NULL, NULL, false };
            int k = sr_code_article(e, &a, on_event, &o, &st, &err);
            if (!o.write_error && k < 0) { fprintf(stderr, "sitrep: %s: %s\n", path, err.message); failed++; }
            else articles++;
            progress_tick(&prog, articles, &st, failed, false);
            if (k == SR_EUSAGE) { free(text); free(o.buf); sr_engine_free(e); return EXIT_USAGE; }
        }
        free(text);
    }
    if (articles > 1) progress_tick(&prog, articles, &st, failed, true);
    if (!o.write_error && fflush(stdout) != 0) o.write_error = errno ? errno : EIO;
    if (o.write_error) {
        fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(o.write_error));
        failed++;
    }
    if (st.invalid_bytes) fprintf(stderr, "sitrep: warning: %zu invalid UTF-8 bytes skipped (shown as U+FFFD)\n", st.invalid_bytes);
    if (stats)
        fprintf(stderr, "sitrep: %zu articles, %zu sentences, %zu events, %zu repeated captions skipped, %d failed\n",
                articles, st.sentences, st.events, st.captions_skipped, failed);
    free(o.buf);
    sr_engine_free(e);
    return failed ? EXIT_SOME_FAILED : EXIT_OK;
}
