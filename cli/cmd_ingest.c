/* cmd_ingest: `sitrep ingest`, news into the event store. Walks files, directories (in
 * name order, so a rerun meets articles in the same order), globs and stdin; each input's
 * format is recognised by content (sr_ingest_buffer) and each article stored in a
 * transaction of its own (sr_store_add). A malformed input is named and skipped; a database
 * that cannot be written (a full disk) stops at once. With -j N, articles are queued as they
 * are read, coded N at a time on other threads (sr_store_code), and stored in the order read
 * on this thread (sr_store_add_coded), so the database is the same whatever N is. */
#include "cmd_store.h"
#include "dictopts.h"
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char HELP[] =
"usage: sitrep ingest [OPTIONS] INPUT...\n"
"\n"
"Reads news articles from each INPUT, codes them, and keeps the articles and their event\n"
"records in an SQLite database (default ./sitrep.db), where reports of one real-world\n"
"event from different articles and outlets are merged into one event (docs/STORE.md).\n"
"\n"
"An INPUT is a file, a directory (read recursively, in name order; hidden files skipped),\n"
"a glob in quotes (\"news/*.html\"), or - for standard input. Its format is recognised by\n"
"its content, not its name:\n"
"  plain text     a wire story (headline, dateline, outlet, paragraphs, captions), as\n"
"                 `sitrep code` reads it\n"
"  JSON lines     one article a line: {\"id\",\"date\",\"title\",\"text\",\"url\",\"outlet\",\n"
"                 \"language\"}; \"text\" is required, the rest are strings or null\n"
"  HTML           a web page: the text of its <article> (else <main>, else <body>), with\n"
"                 navigation, headers, footers, ads, scripts and forms dropped; title, date,\n"
"                 canonical URL, site name and language from its <head>\n"
"  RSS or Atom    a feed: each item or entry is an article (its link, date, title, and\n"
"                 content or description); the feed's title is the outlet\n"
"  export         lines of `sitrep export --format jsonl`, stored as they were exported\n"
"\n"
"Each article is stored in one transaction: a crash or kill leaves the database\n"
"consistent, and running the same command again finishes the job. An article already\n"
"stored (the same URL, or the same text) is skipped; a republication of a stored article\n"
"(a wire story with small edits) is linked to its original and not counted twice.\n"
"\n"
"Progress (articles/s, events, failures) is shown on standard error when it is a\n"
"terminal. A summary ends the run, naming every input that failed; the rest goes in.\n"
"\n"
"options:\n"
"  --db PATH              the database (default: $SITREP_DB, else ./sitrep.db); made when absent\n"
"  --data DIR             sitrep's dictionaries (default: data/ beside the build, or $SITREP_DATA)\n"
"  --gen DIR              dictionaries generated at set-up (default: build/data, or $SITREP_GEN)\n"
"  --dict-format FMT, --verbs, --actors, --agents, --discards, --options, --set NAME=VALUE,\n"
"  --dict-image FILE      code with another coder's dictionaries, or a compiled image, as\n"
"                         'sitrep code --help' describes\n"
"  -j, --jobs N           code with N threads (default 1); articles are still stored one\n"
"                         transaction each in the order read: the database is the same\n"
"  -q, --quiet            no summary unless something failed\n"
"  -h, --help             this text\n"
"\n"
"exit status: 0 every input stored (or already there); 1 some input failed (each named,\n"
"the rest stored); 2 usage error, dictionaries that cannot be loaded, or a database that\n"
"cannot be opened or written (a full disk: \"database or disk is full\").\n";

/* With -j N: an article read and waiting to be coded and stored, or a failure met while
 * reading, which waits too so that messages come in the order the inputs were met. */
typedef struct pending {
    sr_input in;              /* its strings are this entry's own copies */
    char *failure;            /* not NULL: a failure "ORIGIN: why" to report, no article */
    bool known;               /* stored before this run began: not coded */
    sr_coded *coded;
} pending;

typedef struct ingest {
    sr_store *store;
    const sr_engine *engine;
    struct stat db_st;          /* the database file itself is never an input */
    bool have_db_st;
    size_t files, articles, added, exists, near, events;
    char **failed;              /* "INPUT: reason", in the order met */
    size_t nfailed;
    int fatal;                  /* SR_EFULL or SR_EDB: stop */
    char fatal_msg[600];
    bool progress;
    struct timespec start, last;
    int jobs;
    bool storing;             /* flush_queue is storing the queue */
    pending *queue;           /* -j N: read, not yet stored (at most QUEUE_MAX) */
    size_t nqueue, queue_bytes;
} ingest;

/* -j N: articles coded per round: enough to keep N threads busy over articles of uneven
 * length, few enough to bound memory (the bytes cap: a few large pages) */
enum { QUEUE_PER_JOB = 32, QUEUE_MAX_BYTES = 64 << 20 };

static void *must(void *p)
{
    if (!p) { fputs("sitrep: out of memory\n", stderr); abort(); }
    return p;
}

static void queue_failure(ingest *g, char *m);

/* names failure m (malloc'd, kept for the summary) on stderr */
static void record_failure(ingest *g, char *m)
{
    char **nf = must(realloc(g->failed, (g->nfailed + 1) * sizeof *nf));
    g->failed = nf;
    g->failed[g->nfailed++] = m;
    if (g->progress) fputc('\n', stderr);
    fprintf(stderr, "sitrep ingest: %s\n", m);
}

/* a failure "origin: why": named now, and in the summary; with -j N queued behind the
 * articles read before it */
static void failure(ingest *g, const char *origin, const char *why)
{
    size_t n = strlen(origin) + strlen(why) + 3;
    char *m = must(malloc(n));
    snprintf(m, n, "%s: %s", origin, why);
    if (g->jobs > 1 && !g->storing) queue_failure(g, m);
    else record_failure(g, m);
}

static double since(const struct timespec *a)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - a->tv_sec) + (double)(now.tv_nsec - a->tv_nsec) / 1e9;
}

static void progress(ingest *g, bool final)
{
    if (!g->progress) return;
    if (!final && since(&g->last) < 0.25) return;
    clock_gettime(CLOCK_MONOTONIC, &g->last);
    double t = since(&g->start);
    fprintf(stderr, "\rsitrep ingest: %zu articles (%.0f/s), %zu events, %zu failed%s", g->articles,
            t > 0 ? (double)g->articles / t : 0.0, g->events, g->nfailed, final ? "\n" : "   ");
}

/* stores one article (coded ahead when coded is not NULL) and counts what happened */
static int store_article(ingest *g, const sr_input *in, const sr_coded *coded)
{
    sr_add_result r;
    sr_error err = {0};
    int k = sr_store_add_coded(g->store, g->engine, in, coded, &r, &err);
    g->articles++;
    if (k == SR_EFULL || k == SR_EDB || k == SR_ENOMEM) {
        g->fatal = k;
        snprintf(g->fatal_msg, sizeof g->fatal_msg, "%s", err.message);
        return k;
    }
    if (k) failure(g, in->origin, err.message);
    else {
        g->added += r.what == SR_ADD_NEW;
        g->exists += r.what == SR_ADD_EXISTS;
        g->near += r.what == SR_ADD_NEAR_DUP;
        g->events += r.events;
    }
    progress(g, false);
    return 0;
}

/* ---- -j N: the queue, coded by a pool of threads, stored in order ---- */

typedef struct pool {
    const sr_engine *engine;
    pending *p;
    size_t n, next;           /* next entry to take, under lock */
    pthread_mutex_t lock;
} pool;

static void *coder(void *arg)
{
    pool *w = arg;
    for (;;) {
        pthread_mutex_lock(&w->lock);
        size_t i = w->next++;
        pthread_mutex_unlock(&w->lock);
        if (i >= w->n) return NULL;
        pending *p = &w->p[i];
        if (!p->failure && !p->known) p->coded = sr_store_code(w->engine, &p->in);
    }
}

static void pending_free(pending *p)
{
    char *owned[] = { (char *)p->in.origin, (char *)p->in.doc, (char *)p->in.text, (char *)p->in.title,
                      (char *)p->in.date, (char *)p->in.url, (char *)p->in.outlet, (char *)p->in.language,
                      (char *)p->in.published, (char *)p->in.export_line, p->failure };
    for (size_t i = 0; i < sizeof owned / sizeof *owned; i++) free(owned[i]);
    sr_coded_free(p->coded);
}

/* codes the queue on g->jobs threads, then stores it in order here; after a fatal error
 * the rest is dropped */
static void flush_queue(ingest *g)
{
    if (!g->nqueue) return;
    pool w = { g->engine, g->queue, g->nqueue, 0, PTHREAD_MUTEX_INITIALIZER };
    pthread_t th[64];
    int started = 0;
    for (int t = 0; t < g->jobs && t < 64 && !g->fatal; t++)
        if (pthread_create(&th[t], NULL, coder, &w) == 0) started++;
    if (!started && !g->fatal) coder(&w);   /* no thread to be had: code here */
    for (int t = 0; t < started; t++) pthread_join(th[t], NULL);
    g->storing = true;   /* failures met while storing are in order: reported at once */
    for (size_t i = 0; i < g->nqueue; i++) {
        pending *p = &g->queue[i];
        if (!g->fatal && p->failure) { record_failure(g, p->failure); p->failure = NULL; }
        else if (!g->fatal) store_article(g, &p->in, p->coded);
        pending_free(p);
    }
    g->storing = false;
    g->nqueue = g->queue_bytes = 0;
}

static pending *queue_slot(ingest *g)
{
    if (!g->queue) g->queue = must(calloc((size_t)g->jobs * QUEUE_PER_JOB, sizeof *g->queue));
    pending *p = &g->queue[g->nqueue++];
    memset(p, 0, sizeof *p);
    return p;
}

static void queue_failure(ingest *g, char *m)
{
    queue_slot(g)->failure = m;
    if (g->nqueue == (size_t)g->jobs * QUEUE_PER_JOB) flush_queue(g);
}

static char *dup_or_null(const char *s, size_t n)
{
    if (!s) return NULL;
    char *d = must(malloc(n + 1));
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}
#define DUP(s) dup_or_null((s), (s) ? strlen(s) : 0)

static int queue_article(ingest *g, const sr_input *in)
{
    bool known = false;
    sr_error err = {0};
    /* an article stored before this run is not coded again (a rerun after a crash) */
    int k = sr_store_known(g->store, in, &known, &err);
    if (k) {
        g->fatal = k;
        snprintf(g->fatal_msg, sizeof g->fatal_msg, "%s", err.message);
        return k;
    }
    pending *p = queue_slot(g);
    p->in = (sr_input){ .format = in->format, .origin = DUP(in->origin), .doc = DUP(in->doc),
                        .text = dup_or_null(in->text, in->len), .len = in->len, .title = DUP(in->title),
                        .date = DUP(in->date), .url = DUP(in->url), .outlet = DUP(in->outlet),
                        .language = DUP(in->language), .published = DUP(in->published), .plain = in->plain,
                        .export_line = dup_or_null(in->export_line, in->export_len), .export_len = in->export_len };
    p->known = known;
    g->queue_bytes += in->len + in->export_len;
    if (g->nqueue == (size_t)g->jobs * QUEUE_PER_JOB || g->queue_bytes >= QUEUE_MAX_BYTES) flush_queue(g);
    return g->fatal;
}
#undef DUP

static int on_article(void *ctx, const sr_input *in)
{
    ingest *g = ctx;
    return g->jobs > 1 ? queue_article(g, in) : store_article(g, in, NULL);
}

static void on_error(void *ctx, const char *origin, const char *message)
{
    failure(ctx, origin, message);
}

static void ingest_file(ingest *g, const char *path)
{
    char *text, msg[1024];
    size_t len;
    g->files++;
    if (cli_read_file(path, &text, &len, msg, sizeof msg)) {
        /* msg is "PATH: reason" */
        size_t pl = strlen(path);
        failure(g, path, !strncmp(msg, path, pl) && msg[pl] == ':' ? msg + pl + 2 : msg);
        return;
    }
    sr_error err = {0};
    const char *name = strcmp(path, "-") ? path : "stdin";
    int k = sr_ingest_buffer(text, len, name, on_article, on_error, g, &err);
    if (k && !g->fatal) failure(g, name, err.message);
    free(text);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool is_db_file(ingest *g, const char *name, const struct stat *st)
{
    if (g->have_db_st && st->st_dev == g->db_st.st_dev && st->st_ino == g->db_st.st_ino) return true;
    static const char *const SIDE[] = { "-wal", "-shm", "-journal" };   /* SQLite's side files */
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof SIDE / sizeof *SIDE; i++) {
        size_t k = strlen(SIDE[i]);
        if (n > k && !strcmp(name + n - k, SIDE[i]) && n > k + 3 && !strncmp(name + n - k - 3, ".db", 3)) return true;
    }
    return false;
}

static void ingest_path(ingest *g, const char *path, int depth);

static void ingest_dir(ingest *g, const char *path, int depth)
{
    DIR *d = opendir(path);
    if (!d) { failure(g, path, strerror(errno)); return; }
    char **names = NULL;
    size_t n = 0;
    struct dirent *de;
    errno = 0;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;   /* hidden files, . and .. */
        char **nn = realloc(names, (n + 1) * sizeof *nn);
        if (!nn) { fputs("sitrep: out of memory\n", stderr); abort(); }
        names = nn;
        names[n] = strdup(de->d_name);
        if (!names[n++]) { fputs("sitrep: out of memory\n", stderr); abort(); }
    }
    if (errno) failure(g, path, strerror(errno));
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (!g->fatal) {
            size_t k = strlen(path) + strlen(names[i]) + 2;
            char *p = malloc(k);
            if (!p) { fputs("sitrep: out of memory\n", stderr); abort(); }
            snprintf(p, k, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", names[i]);
            ingest_path(g, p, depth + 1);
            free(p);
        }
        free(names[i]);
    }
    free(names);
}

static void ingest_path(ingest *g, const char *path, int depth)
{
    if (!strcmp(path, "-")) { ingest_file(g, path); return; }
    struct stat st;
    if (stat(path, &st)) {
        int e = errno;
        glob_t gl;
        if (e == ENOENT && strpbrk(path, "*?[") && depth == 0) {   /* a glob the shell left alone */
            int rc = glob(path, 0, NULL, &gl);
            if (rc == GLOB_NOMATCH) failure(g, path, "no file matches");
            else if (rc) failure(g, path, "cannot expand the pattern");
            else for (size_t i = 0; i < gl.gl_pathc && !g->fatal; i++) ingest_path(g, gl.gl_pathv[i], depth + 1);
            if (!rc) globfree(&gl);
            return;
        }
        failure(g, path, strerror(e));
        return;
    }
    const char *base = strrchr(path, '/');
    if (is_db_file(g, base ? base + 1 : path, &st)) return;
    if (S_ISDIR(st.st_mode)) {
        if (depth > 64) { failure(g, path, "directories nested too deep"); return; }
        ingest_dir(g, path, depth);
    } else if (S_ISREG(st.st_mode) || depth == 0) ingest_file(g, path);
}

int cmd_ingest(int argc, char **argv)
{
    static const struct option LONG[] = {
        {"db", required_argument, 0, 'b'}, {"quiet", no_argument, 0, 'q'}, {"jobs", required_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'}, DICTOPTS_LONG,
        {0, 0, 0, 0},
    };
    int jobs = 1;
    const char *db = NULL;
    bool quiet = false;
    dictopts dopt;
    memset(&dopt, 0, sizeof dopt);
    dopt.cmd = "sitrep ingest";
    int c, took;
    optind = 1;
    while ((c = getopt_long(argc, argv, "hqj:", LONG, NULL)) != -1) {
        if ((took = dictopts_take(&dopt, c, optarg))) {
            if (took < 0) { dictopts_free(&dopt); return EXIT_USAGE; }
            continue;
        }
        switch (c) {
        case 'b': db = optarg; break;
        case 'q': quiet = true; break;
        case 'j': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (!*optarg || *end || v < 1 || v > 64) {
                fprintf(stderr, "sitrep ingest: -j takes a number of threads from 1 to 64, not '%s'\n", optarg);
                dictopts_free(&dopt);
                return EXIT_USAGE;
            }
            jobs = (int)v;
            break;
        }
        case 'h': fputs(HELP, stdout); dictopts_free(&dopt); return EXIT_OK;
        default: fputs("try 'sitrep ingest --help'\n", stderr); dictopts_free(&dopt); return EXIT_USAGE;
        }
    }
    if (dictopts_check(&dopt)) { fputs("try 'sitrep ingest --help'\n", stderr); dictopts_free(&dopt); return EXIT_USAGE; }
    if (optind >= argc) {
        fputs("sitrep ingest: no input (give files, directories, or - for standard input)\ntry 'sitrep ingest --help'\n", stderr);
        dictopts_free(&dopt);
        return EXIT_USAGE;
    }
    db = store_cli_db(db);
    sr_error err = {0};
    sr_engine *e;
    if (dictopts_open(&dopt, &e)) { dictopts_free(&dopt); return EXIT_USAGE; }
    const char *pw = sr_engine_place_warning(e);
    if (pw) fprintf(stderr, "sitrep: warning: %s\n", pw);
    ingest g;
    memset(&g, 0, sizeof g);
    g.store = store_cli_open(db, false, "ingest");
    if (!g.store) { sr_engine_free(e); dictopts_free(&dopt); return EXIT_USAGE; }
    g.engine = e;
    g.jobs = jobs;
    g.have_db_st = stat(db, &g.db_st) == 0;
    g.progress = isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &g.start);
    g.last = g.start;
    for (int i = optind; i < argc && !g.fatal; i++) ingest_path(&g, argv[i], 0);
    flush_queue(&g);
    free(g.queue);
    if (g.articles) progress(&g, true);
    int rc = EXIT_OK;
    if (g.fatal) {
        fprintf(stderr, "sitrep ingest: stopped: %s\n", g.fatal_msg);
        rc = EXIT_USAGE;
    } else if (g.nfailed) rc = EXIT_SOME_FAILED;
    sr_store_stats st = {0};
    sr_store_stats_get(g.store, &st, &err);
    double t = since(&g.start);
    if (!quiet || g.nfailed || g.fatal) {
        fprintf(stderr, "sitrep ingest: %zu article%s from %zu input%s in %.1f s: %zu new, %zu already stored, "
                        "%zu republication%s; %zu events\n",
                g.articles, g.articles == 1 ? "" : "s", g.files, g.files == 1 ? "" : "s", t, g.added, g.exists,
                g.near, g.near == 1 ? "" : "s", g.events);
        fprintf(stderr, "sitrep ingest: %s holds %zu articles, %zu events in %zu merged events\n", db, st.articles,
                st.events, st.clusters);
        if (g.nfailed) {
            fprintf(stderr, "sitrep ingest: %zu input%s failed (the rest is stored):\n", g.nfailed, g.nfailed == 1 ? "" : "s");
            for (size_t i = 0; i < g.nfailed; i++) fprintf(stderr, "  %s\n", g.failed[i]);
        }
    }
    for (size_t i = 0; i < g.nfailed; i++) free(g.failed[i]);
    free(g.failed);
    sr_store_free(g.store);
    sr_engine_free(e);
    dictopts_free(&dopt);   /* after the engine: the API does not say it copies the names */
    return rc;
}
