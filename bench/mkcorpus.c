/* mkcorpus: writes the benchmark corpora as JSON lines ({"id","date","title","text"} a line).
 *   mkcorpus real SHARED OUT MINBYTES   news text from SHARED (../shared), repeated to MINBYTES
 *   mkcorpus synth OUT MINBYTES SEED    wire-story-like sentences from templates, fixed seed
 * Prints one line of key=value figures on stdout for bench/run.sh. Built by run.sh, not by make;
 * the corpora live in build/bench and are never committed. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *id, *date, *title, *text;
} article;

typedef struct {
    article *a;
    size_t n, cap;
    size_t hrds, gsr, news; /* articles per source, for the report */
} corpus;

typedef struct {
    char *s;
    size_t n, cap;
} buf;

static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mkcorpus: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) die("out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

static void buf_add(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void buf_puts(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_printf(buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0) die("format error");
    buf_add(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

static void corpus_add(corpus *c, const char *id, const char *date, const char *title, char *text)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->a = xrealloc(c->a, c->cap * sizeof *c->a);
    }
    c->a[c->n++] = (article){ xstrdup(id), date ? xstrdup(date) : NULL, title ? xstrdup(title) : NULL, text };
}

/* splitmix64: a fixed, portable sequence, so the same seed gives the same corpus everywhere
 * (rand() differs between C libraries). */
static uint64_t rng_state;
static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static size_t rng_below(size_t n) { return (size_t)(rng_next() % n); }
#define PICK(arr) (arr[rng_below(sizeof arr / sizeof arr[0])])

/* ---- real news text ------------------------------------------------------------------- */

/* HTML paragraphs ("<p>..</p> <p>..</p>") to plain text: paragraphs apart by a blank line, as
 * in a wire story; tags dropped, the few common entities decoded. */
static char *strip_html(const char *h)
{
    buf b = {0};
    buf_add(&b, "", 0);
    int para_start = 1; /* drop whitespace between paragraphs */
    for (const char *p = h; *p;) {
        if (*p == '<') {
            const char *e = strchr(p, '>');
            if (!e) { buf_puts(&b, p); break; } /* a bare '<' in the text, not a tag */
            if (!strncmp(p, "</p", 3) || !strncmp(p, "<br", 3)) {
                while (b.n && (b.s[b.n - 1] == ' ' || b.s[b.n - 1] == '\n')) b.n--;
                if (b.n) buf_puts(&b, "\n\n");
                para_start = 1;
            }
            p = e + 1;
            continue;
        }
        if (para_start && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) { p++; continue; }
        para_start = 0;
        if (*p == '&') {
            static const struct { const char *ent, *txt; } ENT[] = {
                {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "},
            };
            size_t i;
            for (i = 0; i < sizeof ENT / sizeof ENT[0]; i++)
                if (!strncmp(p, ENT[i].ent, strlen(ENT[i].ent))) break;
            if (i < sizeof ENT / sizeof ENT[0]) { buf_puts(&b, ENT[i].txt); p += strlen(ENT[i].ent); continue; }
        }
        buf_add(&b, p, 1);
        p++;
    }
    while (b.n && (b.s[b.n - 1] == ' ' || b.s[b.n - 1] == '\n')) b.s[--b.n] = 0;
    return b.s;
}

static json_t *load_json(const char *path)
{
    json_error_t e;
    json_t *j = json_load_file(path, 0, &e);
    if (!j) fprintf(stderr, "mkcorpus: skipping %s: %s (line %d)\n", path, e.text, e.line);
    return j;
}

/* HRDsAttack: one article per element, dated by its publish_date ("2019-09-17 02:48:13"). */
static void add_hrds(corpus *c, const char *shared, const char *split)
{
    char path[4096], id[128], date[11];
    snprintf(path, sizeof path, "%s/validation/hrdsattack/%s.json", shared, split);
    json_t *root = load_json(path);
    if (!root) return;
    size_t i;
    json_t *v;
    json_array_foreach(root, i, v) {
        json_t *s = json_object_get(v, "sample");
        const char *html = json_string_value(json_object_get(s, "Input.article_interface"));
        if (!html) continue;
        const char *pd = json_string_value(json_object_get(s, "Input.publish_date"));
        snprintf(date, sizeof date, "%s", pd && strlen(pd) >= 10 ? pd : "");
        snprintf(id, sizeof id, "hrds-%s-%lld", split, (long long)json_integer_value(json_object_get(s, "Input.GLOBALEVENTID")));
        corpus_add(c, id, date[0] ? date : NULL, json_string_value(json_object_get(s, "Input.title")), strip_html(html));
        c->hrds++;
    }
    json_decref(root);
}

/* PLOVER GSR: each example sentence is a one-sentence article (they are separate items). */
static void add_gsr(corpus *c, const char *shared)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/validation/plover-gsr/PLOVER_GSR_CAMEO.txt", shared);
    json_t *root = load_json(path);
    if (!root) return;
    size_t i;
    json_t *v;
    json_array_foreach(root, i, v) {
        const char *t = json_string_value(json_object_get(v, "text"));
        const char *id = json_string_value(json_object_get(v, "id"));
        if (!t || !id) continue;
        corpus_add(c, id, json_string_value(json_object_get(v, "date")), NULL, xstrdup(t));
        c->gsr++;
    }
    json_decref(root);
}

/* The reference article(s), SHARED/news/<name>.txt: the first line is the headline, the date is
 * the first YYYY-MM-DD in the file name (cgtn-2020-09-29-...). */
static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void add_news(corpus *c, const char *shared)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/news", shared);
    DIR *d = opendir(dir);
    if (!d) { fprintf(stderr, "mkcorpus: skipping %s: %s\n", dir, strerror(errno)); return; }
    char **names = NULL;
    size_t nn = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt")) continue;
        names = xrealloc(names, (nn + 1) * sizeof *names);
        names[nn++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, by_name); /* readdir order is not stable across machines */
    for (size_t i = 0; i < nn; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f) { fprintf(stderr, "mkcorpus: skipping %s: %s\n", path, strerror(errno)); continue; }
        buf b = {0};
        char chunk[65536];
        size_t k;
        while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add(&b, chunk, k);
        fclose(f);
        if (b.n) {
            char *nl = strchr(b.s, '\n');
            char *text = nl ? nl + 1 : b.s + b.n;
            if (nl) *nl = 0;
            char date[11] = "";
            for (const char *p = names[i]; *p && !date[0]; p++)
                if (strlen(p) >= 10 && p[4] == '-' && p[7] == '-' && p[0] >= '1' && p[0] <= '2') snprintf(date, sizeof date, "%.10s", p);
            names[i][strlen(names[i]) - 4] = 0;
            corpus_add(c, names[i], date[0] ? date : NULL, b.s, xstrdup(text));
            c->news++;
        }
        free(b.s);
        free(names[i]);
    }
    free(names);
}

static size_t write_article(FILE *out, const article *a, const char *suffix)
{
    char id[512];
    snprintf(id, sizeof id, "%s%s", a->id, suffix);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(id));
    if (a->date) json_object_set_new(o, "date", json_string(a->date));
    if (a->title) json_object_set_new(o, "title", json_string(a->title));
    json_object_set_new(o, "text", json_string(a->text));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!s) die("cannot serialise %s", id);
    size_t n = strlen(s);
    if (fwrite(s, 1, n, out) != n || fputc('\n', out) == EOF) die("write error: %s", strerror(errno));
    free(s);
    json_decref(o);
    return n + 1;
}

static int cmd_real(const char *shared, const char *outpath, size_t minbytes)
{
    corpus c = {0};
    add_hrds(&c, shared, "train");
    add_hrds(&c, shared, "dev");
    add_gsr(&c, shared);
    add_news(&c, shared);
    if (!c.n) die("no articles found under %s", shared);
    /* Shuffle once with a fixed seed so that any prefix (the profiling slice) mixes the
     * sources the way the whole corpus does. */
    rng_state = 42;
    for (size_t i = c.n - 1; i > 0; i--) {
        size_t j = rng_below(i + 1);
        article t = c.a[i]; c.a[i] = c.a[j]; c.a[j] = t;
    }
    size_t text_bytes = 0;
    for (size_t i = 0; i < c.n; i++) text_bytes += strlen(c.a[i].text) + (c.a[i].title ? strlen(c.a[i].title) : 0);
    FILE *out = fopen(outpath, "wb");
    if (!out) die("%s: %s", outpath, strerror(errno));
    /* Whole passes only, so every source keeps its share; later passes get "~N" ids. */
    size_t bytes = 0, base = 0, passes = 0;
    while (bytes < minbytes || passes == 0) {
        char suffix[32] = "";
        if (passes) snprintf(suffix, sizeof suffix, "~%zu", passes + 1);
        for (size_t i = 0; i < c.n; i++) bytes += write_article(out, &c.a[i], suffix);
        if (!passes) base = bytes;
        passes++;
    }
    if (fclose(out)) die("%s: %s", outpath, strerror(errno));
    printf("articles=%zu hrds=%zu gsr=%zu news=%zu text_bytes=%zu base_bytes=%zu repeats=%zu bytes=%zu\n",
           c.n, c.hrds, c.gsr, c.news, text_bytes, base, passes, bytes);
    return 0;
}

/* ---- synthetic wire stories ------------------------------------------------------------ */

/* Word lists written for the benchmark: enough variety that no single dictionary entry or
 * verb pattern dominates, and every stage (dates, places, tolls, attribution) has work. */
static const struct { const char *name, *adj, *capital; } COUNTRY[] = {
    {"France", "French", "Paris"}, {"Germany", "German", "Berlin"}, {"Russia", "Russian", "Moscow"},
    {"China", "Chinese", "Beijing"}, {"Japan", "Japanese", "Tokyo"}, {"India", "Indian", "New Delhi"},
    {"Pakistan", "Pakistani", "Islamabad"}, {"Iran", "Iranian", "Tehran"}, {"Iraq", "Iraqi", "Baghdad"},
    {"Syria", "Syrian", "Damascus"}, {"Turkey", "Turkish", "Ankara"}, {"Egypt", "Egyptian", "Cairo"},
    {"Israel", "Israeli", "Jerusalem"}, {"Jordan", "Jordanian", "Amman"}, {"Lebanon", "Lebanese", "Beirut"},
    {"Nigeria", "Nigerian", "Abuja"}, {"Kenya", "Kenyan", "Nairobi"}, {"Ethiopia", "Ethiopian", "Addis Ababa"},
    {"Sudan", "Sudanese", "Khartoum"}, {"Mali", "Malian", "Bamako"}, {"Brazil", "Brazilian", "Brasilia"},
    {"Mexico", "Mexican", "Mexico City"}, {"Colombia", "Colombian", "Bogota"}, {"Venezuela", "Venezuelan", "Caracas"},
    {"Argentina", "Argentine", "Buenos Aires"}, {"Ukraine", "Ukrainian", "Kyiv"}, {"Poland", "Polish", "Warsaw"},
    {"Armenia", "Armenian", "Yerevan"}, {"Azerbaijan", "Azerbaijani", "Baku"}, {"Georgia", "Georgian", "Tbilisi"},
    {"Afghanistan", "Afghan", "Kabul"}, {"Indonesia", "Indonesian", "Jakarta"}, {"Philippines", "Philippine", "Manila"},
    {"Vietnam", "Vietnamese", "Hanoi"}, {"Thailand", "Thai", "Bangkok"}, {"Myanmar", "Myanmar", "Naypyitaw"},
    {"South Africa", "South African", "Pretoria"}, {"Zimbabwe", "Zimbabwean", "Harare"}, {"Somalia", "Somali", "Mogadishu"},
    {"Yemen", "Yemeni", "Sanaa"}, {"Saudi Arabia", "Saudi", "Riyadh"}, {"Belgium", "Belgian", "Brussels"},
    {"Britain", "British", "London"}, {"Italy", "Italian", "Rome"}, {"Spain", "Spanish", "Madrid"},
    {"Canada", "Canadian", "Ottawa"}, {"Australia", "Australian", "Canberra"}, {"South Korea", "South Korean", "Seoul"},
};
static const char *ROLE[] = {
    "president", "prime minister", "foreign minister", "defence minister", "interior minister",
    "opposition leader", "army chief", "police chief", "ambassador", "trade minister",
};
static const char *GROUP[] = {
    "troops", "police", "protesters", "rebels", "lawmakers", "security forces", "students",
    "farmers", "soldiers", "militants", "officials", "diplomats", "activists", "journalists",
};
static const char *IGO[] = {
    "the United Nations", "the UN Security Council", "the European Union", "the African Union",
    "NATO", "the Arab League", "the World Health Organization", "the International Monetary Fund",
};
/* Verb phrases taking an actor object, with the CAMEO family in mind. */
static const char *VERB_OBJ[] = {
    "met", "accused", "condemned", "criticised", "praised", "thanked", "threatened", "warned",
    "signed an agreement with", "called for talks with", "rejected a proposal from", "appealed to",
    "attacked", "arrested members of", "expelled diplomats from", "imposed sanctions on",
    "pledged aid to", "agreed to cooperate with", "demanded an apology from", "hosted",
    "urged", "visited", "denounced", "sued", "blamed", "negotiated with", "clashed with",
};
static const char *VERB_INTR[] = {
    "protested", "went on strike", "held a rally", "resigned", "denied the claims",
    "called for calm", "declared a state of emergency", "promised an investigation",
    "rejected the accusations", "announced new elections",
};
static const char *DAY[] = { "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
                             "on Saturday", "on Sunday", "yesterday", "last week", "earlier this month" };
static const char *MONTH[] = { "January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December" };
static const char *MON[] = { "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec" };
static const char *AGENCY[] = { "Reuters", "AFP", "AP", "Xinhua", "Anadolu" };
static const char *TOLL_VERB[] = { "were killed", "were wounded", "died", "were injured", "were arrested" };
static const char *VICTIM[] = { "people", "civilians", "soldiers", "police officers", "children", "protesters" };
static const char *NUMWORD[] = { "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen", "dozens of" };
static const char *TOPIC[] = { "the border dispute", "trade", "the ceasefire", "energy prices", "refugees",
                               "the election results", "security cooperation", "the peace talks", "water rights", "debt relief" };

/* A random actor phrase, sometimes tied to one of the story's two countries. */
static void actor(buf *b, size_t c1)
{
    switch (rng_below(6)) {
    case 0: buf_printf(b, "the %s %s", COUNTRY[c1].adj, PICK(ROLE)); break;
    case 1: buf_printf(b, "%s %s", COUNTRY[c1].adj, PICK(GROUP)); break;
    case 2: buf_puts(b, PICK(IGO)); break;
    case 3: buf_printf(b, "the %s government", COUNTRY[c1].adj); break;
    case 4: buf_printf(b, "%s's %s", COUNTRY[c1].name, PICK(ROLE)); break;
    default: buf_puts(b, COUNTRY[c1].name); break;
    }
}

static void cap_first(buf *b, size_t at)
{
    if (at < b->n && b->s[at] >= 'a' && b->s[at] <= 'z') b->s[at] = (char)(b->s[at] - 'a' + 'A');
}

/* One sentence from one of the templates. */
static void sentence(buf *b, size_t c1, size_t c2)
{
    size_t at = b->n;
    switch (rng_below(9)) {
    case 0: case 1: case 2: /* X verb Y on day */
        actor(b, c1); buf_printf(b, " %s ", PICK(VERB_OBJ)); actor(b, c2);
        buf_printf(b, " %s", PICK(DAY));
        if (rng_below(2)) buf_printf(b, " over %s", PICK(TOPIC));
        buf_puts(b, ".");
        break;
    case 3: /* toll with place and source */
        buf_printf(b, "At least %zu %s %s in %s %s, %s said.", 2 + rng_below(200), PICK(VICTIM), PICK(TOLL_VERB),
                   COUNTRY[c1].capital, PICK(DAY), rng_below(2) ? "police" : "the health ministry");
        break;
    case 4: /* speaker attribution */
        buf_puts(b, "\"We will not accept this,\" ");
        actor(b, c1);
        buf_printf(b, " told %s %s.", PICK(AGENCY), PICK(DAY));
        break;
    case 5: /* intransitive, with a place */
        actor(b, c1); buf_printf(b, " %s in %s %s.", PICK(VERB_INTR), COUNTRY[c1].capital, PICK(DAY));
        break;
    case 6: /* calendar date and number word */
        buf_printf(b, "On %s %zu, %s %s %s in clashes near the %s border, according to officials.",
                   PICK(MONTH), 1 + rng_below(28), PICK(NUMWORD), PICK(VICTIM), PICK(TOLL_VERB), COUNTRY[c2].adj);
        break;
    case 7: /* reported speech */
        actor(b, c2); buf_puts(b, " said "); actor(b, c1);
        buf_printf(b, " had %s %s.", rng_below(2) ? "violated" : "ignored", rng_below(2) ? "the agreement" : "international law");
        break;
    default: /* background, few events */
        buf_printf(b, "The two countries have been at odds over %s since %zu, and talks in %s ended without a deal.",
                   PICK(TOPIC), 1990 + rng_below(33), COUNTRY[rng_below(sizeof COUNTRY / sizeof COUNTRY[0])].capital);
        break;
    }
    cap_first(b, at);
}

static int cmd_synth(const char *outpath, size_t minbytes, uint64_t seed)
{
    rng_state = seed;
    FILE *out = fopen(outpath, "wb");
    if (!out) die("%s: %s", outpath, strerror(errno));
    size_t bytes = 0, n = 0, sentences = 0;
    const size_t NC = sizeof COUNTRY / sizeof COUNTRY[0];
    while (bytes < minbytes) {
        size_t c1 = rng_below(NC), c2 = (c1 + 1 + rng_below(NC - 1)) % NC;
        unsigned y = 2015 + (unsigned)rng_below(10), m = 1 + (unsigned)rng_below(12), d = 1 + (unsigned)rng_below(28);
        char id[32], date[16];
        snprintf(id, sizeof id, "synth-%zu", ++n);
        snprintf(date, sizeof date, "%04u-%02u-%02u", y, m, d);
        buf title = {0}, text = {0};
        buf_add(&title, "", 0);
        actor(&title, c1); buf_printf(&title, " %s ", PICK(VERB_OBJ)); actor(&title, c2);
        cap_first(&title, 0);
        /* Wire dateline on the first paragraph, then 4-14 paragraphs of 1-3 sentences. */
        buf_printf(&text, "%s, %s %u (%s) - ", COUNTRY[c1].capital, MON[m - 1], d, PICK(AGENCY));
        size_t paras = 4 + rng_below(11);
        for (size_t p = 0; p < paras; p++) {
            if (p) buf_puts(&text, "\n\n");
            size_t k = 1 + rng_below(3);
            for (size_t s = 0; s < k; s++) {
                if (s) buf_puts(&text, " ");
                sentence(&text, rng_below(3) ? c1 : c2, rng_below(3) ? c2 : c1);
                sentences++;
            }
        }
        article a = { id, date, title.s, text.s };
        bytes += write_article(out, &a, "");
        free(title.s);
        free(text.s);
    }
    if (fclose(out)) die("%s: %s", outpath, strerror(errno));
    printf("articles=%zu sentences=%zu repeats=1 bytes=%zu\n", n, sentences, bytes);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 5 && !strcmp(argv[1], "real")) return cmd_real(argv[2], argv[3], strtoull(argv[4], NULL, 10));
    if (argc == 5 && !strcmp(argv[1], "synth")) return cmd_synth(argv[2], strtoull(argv[3], NULL, 10), strtoull(argv[4], NULL, 10));
    fputs("usage: mkcorpus real SHARED OUT MINBYTES | mkcorpus synth OUT MINBYTES SEED\n", stderr);
    return 2;
}
