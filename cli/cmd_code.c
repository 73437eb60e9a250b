/* cmd_code: `sitrep code`, the main job. Reads plain-text stories or JSON lines and writes
 * one JSON record per event to stdout. Work is cut into units (a text file, or one JSON
 * line) and coded in batches, by -j threads when asked; each unit's output and messages are
 * kept and written in input order, so the output is the same whatever -j is. Each input
 * that fails is named on stderr and the rest are still coded (exit 1); a write error on
 * stdout (a full disk) stops at once. */
#include "cli.h"
#include "dictopts.h"
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
"  -j, --jobs N           code with N threads (default 1); the output is identical, in input\n"
"                         order, whatever N is\n"
"  --data DIR             sitrep's dictionaries (default: data/ beside the build, or $SITREP_DATA)\n"
"  --gen DIR              dictionaries generated at set-up (default: build/data, or $SITREP_GEN)\n"
"  --stats                print a summary (articles, sentences, events) on stderr\n"
"                         (while output goes to a file or pipe and stderr is a terminal,\n"
"                         progress is shown there anyway)\n"
"  -h, --help             this text\n"
"\n"
"dictionaries of another coder (used instead of sitrep's actors and verbs; sitrep's word\n"
"classes and CAMEO table from --data stay; --gen is not used):\n"
"  --dict-format FMT      petrarch (PETRARCH-2) or tabari\n"
"  --verbs FILE           verb dictionary (PETRARCH-2 CAMEO.2.0.txt style, or TABARI .verbs)\n"
"  --actors FILE[,FILE]   actor dictionaries, comma-separated (the option may be repeated)\n"
"  --agents FILE          agent dictionary\n"
"  --discards FILE        discard list (petrarch)\n"
"  --set NAME=VALUE       a coding option as the other coder's configuration names it; may be\n"
"                         repeated. Known: require_dyad=true|false (petrarch; default true;\n"
"                         false codes events with a source alone, and coded reporting verbs)\n"
"  --options FILE         TABARI .options file (tabari)\n"
"\n"
"  --dict-image FILE      a compiled dictionary image (sitrep compile): any of the above, mapped\n"
"                         at start instead of read; --set still applies, --gen finds the\n"
"                         gazetteer\n"
"\n"
"exit status: 0 every input coded; 1 some input failed (each named on stderr, the rest\n"
"coded); 2 usage error or dictionaries that cannot be loaded.\n";

/* ---- units of work ---- */

typedef struct unit {
    const char *path;        /* input file as named */
    size_t lineno;           /* JSON line number, 0 for a whole text file */
    const char *text;        /* the unit's bytes (borrowed from the file buffer) */
    size_t len;
    const char *date;        /* --date, for text files */
    char *out; size_t out_len, out_cap;   /* JSON lines */
    char *err; size_t err_len, err_cap;   /* messages for stderr */
    bool failed, usage, coded;
    sr_stats st;
} unit;

static void append(char **b, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t c = *cap ? *cap : 256;
        while (c < *len + n + 1) c *= 2;
        char *nb = realloc(*b, c);
        if (!nb) { fputs("sitrep: out of memory\n", stderr); abort(); }
        *b = nb;
        *cap = c;
    }
    memcpy(*b + *len, s, n);
    *len += n;
    (*b)[*len] = 0;
}

static void unit_error(unit *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void unit_error(unit *u, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    append(&u->err, &u->err_len, &u->err_cap, msg, strlen(msg));
    u->failed = true;
}

static int on_event(void *ctx, const sr_event *ev)
{
    unit *u = ctx;
    sr_event_json(ev, &u->out, &u->out_len, &u->out_cap);   /* appended in place */
    append(&u->out, &u->out_len, &u->out_cap, "\n", 1);
    return 0;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* Codes one JSON line. */
static void code_json_line(const sr_engine *e, unit *u)
{
    jsonl_article j;
    char why[256];
    int rc = jsonl_parse(u->text, u->len, &j, why, sizeof why);
    if (rc) { unit_error(u, "sitrep: %s:%zu: %s\n", u->path, u->lineno, why); return; }
    char fallback[512];
    if (!j.id) { snprintf(fallback, sizeof fallback, "%s:%zu", base_name(u->path), u->lineno); }
    sr_article a = { j.id ? j.id : fallback, j.text, j.text_len, j.date, j.title, j.url, true };
    sr_error err = {0};
    if (sr_code_article(e, &a, on_event, u, &u->st, &err) < 0)
        unit_error(u, "sitrep: %s:%zu: %s\n", u->path, u->lineno, err.message);
    else u->coded = true;
    jsonl_free(&j);
}

static void code_unit(const sr_engine *e, unit *u)
{
    if (u->lineno) { code_json_line(e, u); return; }
    const char *id = strcmp(u->path, "-") ? base_name(u->path) : "stdin";
    sr_article a = { id, u->text, u->len, u->date, NULL, NULL, false };
    sr_error err = {0};
    int k = sr_code_article(e, &a, on_event, u, &u->st, &err);
    if (k < 0) {
        unit_error(u, "sitrep: %s: %s\n", u->path, err.message);
        u->usage = k == SR_EUSAGE;
    } else u->coded = true;
}

/* ---- batches, coded by a pool of threads ---- */

typedef struct batch {
    const sr_engine *e;
    unit *u;
    size_t n;
    size_t next;             /* next unit to take, under lock */
    pthread_mutex_t lock;
} batch;

static void *worker(void *arg)
{
    batch *b = arg;
    for (;;) {
        pthread_mutex_lock(&b->lock);
        size_t i = b->next++;
        pthread_mutex_unlock(&b->lock);
        if (i >= b->n) return NULL;
        code_unit(b->e, &b->u[i]);
    }
}

static void code_batch(const sr_engine *e, unit *u, size_t n, int jobs)
{
    if (jobs <= 1 || n <= 1) {
        for (size_t i = 0; i < n; i++) code_unit(e, &u[i]);
        return;
    }
    batch b = { e, u, n, 0, PTHREAD_MUTEX_INITIALIZER };
    pthread_t th[64];
    int started = 0;
    for (int t = 0; t < jobs && t < 64; t++)
        if (pthread_create(&th[t], NULL, worker, &b) == 0) started++;
    if (!started) worker(&b);   /* no threads to be had: code here */
    for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
}

/* ---- output, in input order ---- */

typedef struct run {
    int failed;
    int write_error;
    bool usage;
    size_t articles;
    sr_stats st;
    struct timespec last;
    bool progress;
} run;

static void progress_tick(run *r, bool final)
{
    if (!r->progress) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt = (double)(now.tv_sec - r->last.tv_sec) + (double)(now.tv_nsec - r->last.tv_nsec) / 1e9;
    if (!final && dt < 0.25) return;
    r->last = now;
    fprintf(stderr, "\rsitrep: %zu articles, %zu sentences, %zu events, %d failed%s", r->articles, r->st.sentences,
            r->st.events, r->failed, final ? "\n" : "");
}

static void flush_units(run *r, unit *u, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!r->write_error && u[i].out_len && fwrite(u[i].out, 1, u[i].out_len, stdout) != u[i].out_len)
            r->write_error = errno ? errno : EIO;
        if (u[i].err_len) fputs(u[i].err, stderr);
        r->failed += u[i].failed;
        r->usage |= u[i].usage;
        r->articles += u[i].coded;
        r->st.sentences += u[i].st.sentences;
        r->st.events += u[i].st.events;
        r->st.invalid_bytes += u[i].st.invalid_bytes;
        r->st.captions_skipped += u[i].st.captions_skipped;
        free(u[i].out);
        free(u[i].err);
    }
    progress_tick(r, false);
}

/* units per batch: enough to keep every thread busy, few enough to bound memory */
enum { BATCH_UNITS = 2048 };

/* JSON lines are read a chunk at a time, so memory follows the longest line and the batch,
 * not the size of the archive. */
enum { CHUNK = 8 << 20 };

static void code_jsonl(const sr_engine *e, run *r, const char *path, int jobs)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
    if (!f) { fprintf(stderr, "sitrep: %s: %s\n", path, strerror(errno)); r->failed++; return; }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "sitrep: %s: is a directory\n", path);
        r->failed++;
        fclose(f);
        return;
    }
    unit *u = calloc(BATCH_UNITS, sizeof *u);
    size_t cap = CHUNK, len = 0, lineno = 0, total = 0;
    char *buf = malloc(cap);
    if (!u || !buf) { fputs("sitrep: out of memory\n", stderr); abort(); }
    bool eof = false;
    while (!eof && !r->write_error) {
        if (len == cap) {   /* one line longer than the buffer: grow it */
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) { fputs("sitrep: out of memory\n", stderr); abort(); }
        }
        size_t k = fread(buf + len, 1, cap - len, f);
        len += k;
        total += k;
        if (k == 0) {
            if (ferror(f)) { fprintf(stderr, "sitrep: %s: read error: %s\n", path, strerror(errno ? errno : EIO)); r->failed++; break; }
            eof = true;
        }
        /* complete lines (all of the rest at the end of the file) become units */
        size_t pos = 0, n = 0;
        for (;;) {
            const char *nl = memchr(buf + pos, '\n', len - pos);
            if (!nl && !eof) break;
            size_t end = nl ? (size_t)(nl - buf) : len;
            if (!nl && end == pos) break;
            lineno++;
            size_t a = pos;
            while (a < end && (buf[a] == ' ' || buf[a] == '\t' || buf[a] == '\r')) a++;
            if (a < end) u[n++] = (unit){ .path = path, .lineno = lineno, .text = buf + a, .len = end - a };
            pos = nl ? end + 1 : len;
            if (n == BATCH_UNITS) {
                code_batch(e, u, n, jobs);
                flush_units(r, u, n);
                memset(u, 0, n * sizeof *u);
                n = 0;
            }
        }
        if (n) {
            code_batch(e, u, n, jobs);
            flush_units(r, u, n);
            memset(u, 0, n * sizeof *u);
        }
        memmove(buf, buf + pos, len - pos);
        len -= pos;
    }
    if (total == 0 && !ferror(f)) { fprintf(stderr, "sitrep: %s: empty input: no articles\n", path); r->failed++; }
    if (f != stdin) fclose(f);
    free(buf);
    free(u);
}

static void code_file(const sr_engine *e, run *r, const char *path, const char *format, const char *date, int jobs)
{
    size_t plen = strlen(path);
    bool jsonl = format ? !strcmp(format, "jsonl") : (plen > 6 && !strcmp(path + plen - 6, ".jsonl"));
    if (jsonl) { code_jsonl(e, r, path, jobs); return; }
    /* a story is coded whole: its sentences refer back to each other */
    char *text, msg[1024];
    size_t len;
    if (cli_read_file(path, &text, &len, msg, sizeof msg)) { fprintf(stderr, "sitrep: %s\n", msg); r->failed++; return; }
    unit u = { .path = path, .text = text, .len = len, .date = date };
    code_batch(e, &u, 1, jobs);
    flush_units(r, &u, 1);
    free(text);
}

int cmd_code(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"date", required_argument, 0, 'd'}, {"input-format", required_argument, 0, 'f'},
        {"jobs", required_argument, 0, 'j'}, {"stats", no_argument, 0, 's'}, {"help", no_argument, 0, 'h'},
        DICTOPTS_LONG,
        {0, 0, 0, 0},
    };
    const char *date = NULL, *format = NULL;
    dictopts ca;
    memset(&ca, 0, sizeof ca);
    ca.cmd = "sitrep code";
    bool stats = false;
    int jobs = 1, c, took;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hj:", LONG, NULL)) != -1) {
        if ((took = dictopts_take(&ca, c, optarg))) {
            if (took < 0) { dictopts_free(&ca); return EXIT_USAGE; }
            continue;
        }
        switch (c) {
        case 'd': date = optarg; break;
        case 'f': format = optarg; break;
        case 'j': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 64) { fprintf(stderr, "sitrep code: -j takes a number from 1 to 64, not '%s'\n", optarg); dictopts_free(&ca); return EXIT_USAGE; }
            jobs = (int)v;
            break;
        }
        case 's': stats = true; break;
        case 'h': fputs(HELP, stdout); dictopts_free(&ca); return EXIT_OK;
        default:
            fputs("try 'sitrep code --help'\n", stderr);
            dictopts_free(&ca);
            return EXIT_USAGE;
        }
    }
    if (format && strcmp(format, "text") && strcmp(format, "jsonl")) {
        fprintf(stderr, "sitrep code: unknown --input-format '%s' (expected text or jsonl)\n", format);
        dictopts_free(&ca);
        return EXIT_USAGE;
    }
    if (dictopts_check(&ca)) { fputs("try 'sitrep code --help'\n", stderr); dictopts_free(&ca); return EXIT_USAGE; }
    if (optind >= argc) { fputs("sitrep code: no input (give FILE, or - for standard input)\ntry 'sitrep code --help'\n", stderr); dictopts_free(&ca); return EXIT_USAGE; }
    sr_engine *e;
    if (dictopts_open(&ca, &e)) { dictopts_free(&ca); return EXIT_USAGE; }
    const char *first, *pw = sr_engine_place_warning(e);
    if (pw && !ca.format) fprintf(stderr, "sitrep: warning: %s\n", pw);
    size_t nwarn = sr_engine_warnings(e, &first);
    if (nwarn) fprintf(stderr, "sitrep: warning: %zu dictionary line%s skipped; the first: %s\n", nwarn, nwarn == 1 ? "" : "s", first);
    run r;
    memset(&r, 0, sizeof r);
    r.progress = isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &r.last);
    for (int i = optind; i < argc && !r.write_error && !r.usage; i++) code_file(e, &r, argv[i], format, date, jobs);
    if (r.articles > 1) progress_tick(&r, true);
    if (!r.write_error && fflush(stdout) != 0) r.write_error = errno ? errno : EIO;
    if (r.write_error) {
        fprintf(stderr, "sitrep: cannot write output: %s\n", strerror(r.write_error));
        r.failed++;
    }
    if (r.st.invalid_bytes) fprintf(stderr, "sitrep: warning: %zu invalid UTF-8 bytes skipped (shown as U+FFFD)\n", r.st.invalid_bytes);
    if (stats)
        fprintf(stderr, "sitrep: %zu articles, %zu sentences, %zu events, %zu repeated captions skipped, %d failed\n",
                r.articles, r.st.sentences, r.st.events, r.st.captions_skipped, r.failed);
    sr_engine_free(e);
    dictopts_free(&ca);   /* after the engine: the API does not say it copies the names */
    if (r.usage) return EXIT_USAGE;
    return r.failed ? EXIT_SOME_FAILED : EXIT_OK;
}
