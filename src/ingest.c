/* ingest: the inputs of the event store. Recognises a buffer's format by its content and
 * hands each article in it to a callback: a plain-text story whole, a JSON line, an HTML
 * page's main text (gumbo; navigation, ads and scripts dropped), each item of an RSS or
 * Atom feed (libxml2), or a line of the store's own export. Not a pipeline stage: it sits
 * before sr_code_article and after the files are read (docs/STORE.md). */
#include "store.h"
#include <ctype.h>
#include <gumbo.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const FORMAT_NAMES[] = {
    [SR_FMT_TEXT] = "text", [SR_FMT_JSONL] = "jsonl", [SR_FMT_HTML] = "html", [SR_FMT_FEED] = "feed",
    [SR_FMT_EXPORT] = "export", [SR_FMT_EMPTY] = "empty", [SR_FMT_BINARY] = "binary",
};

const char *sr_format_name(sr_format f)
{
    return (unsigned)f < sizeof FORMAT_NAMES / sizeof *FORMAT_NAMES ? FORMAT_NAMES[f] : "?";
}

/* case-insensitive search in the first n bytes */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!strncasecmp(s + i, needle, k)) return s + i;
    return NULL;
}

/* ---- dates: the publication date as YYYY-MM-DD, from ISO 8601 or RFC 822 ---- */

static const char *const MONTHS[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };

static bool iso_day(const char *s, size_t n, char out[11])
{
    if (n < 10) return false;
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i])) return false;
    int m = (s[5] - '0') * 10 + s[6] - '0', d = (s[8] - '0') * 10 + s[9] - '0';
    if (m < 1 || m > 12 || d < 1 || d > 31) return false;
    memcpy(out, s, 10);
    out[10] = 0;
    return true;
}

/* a date read in parts as YYYY-MM-DD; false when a part is missing */
static bool ymd(int year, int month, int day, char out[11])
{
    if (!day || !month || !year) return false;
    char t[40];
    snprintf(t, sizeof t, "%04d-%02d-%02d", year, month, day);
    memcpy(out, t, 10);
    out[10] = 0;
    return true;
}

/* "Tue, 10 Mar 2025 09:15:00 GMT": a day, a month name, a year, in that order */
static bool rfc822_day(const char *s, char out[11])
{
    int day = 0, month = 0, year = 0;
    for (const char *p = s; *p; ) {
        if (isdigit((unsigned char)*p)) {
            char *end;
            long v = strtol(p, &end, 10);
            if (*end == ':') break;   /* the time: nothing after it matters */
            if (!day && !month && v >= 1 && v <= 31) day = (int)v;
            else if (month && v >= 1000 && v <= 9999) { year = (int)v; break; }
            p = end;
        } else if (isalpha((unsigned char)*p)) {
            const char *w = p;
            while (isalpha((unsigned char)*p)) p++;
            for (int m = 0; m < 12 && day && !month; m++)
                if (p - w >= 3 && !strncasecmp(w, MONTHS[m], 3)) month = m + 1;
        } else p++;
    }
    return ymd(year, month, day, out);
}

/* A date in a short header line ("Updated 09:15, 12-Mar-2025", "Sept. 28, 2020"): a day,
 * a month name and a year in either order, times skipped. */
static bool header_day(const char *s, size_t n, char out[11])
{
    int day = 0, month = 0, year = 0;
    for (size_t i = 0; i < n; ) {
        if (isdigit((unsigned char)s[i])) {
            size_t a = i;
            long v = 0;
            while (i < n && isdigit((unsigned char)s[i])) v = v * 10 + (s[i++] - '0');
            bool time = (i < n && s[i] == ':') || (a > 0 && s[a - 1] == ':');
            if (time) continue;
            if (i - a == 4 && v >= 1900 && v <= 2100) year = (int)v;
            else if (i - a <= 2 && v >= 1 && v <= 31 && !day) day = (int)v;
        } else if (isalpha((unsigned char)s[i])) {
            size_t a = i;
            while (i < n && isalpha((unsigned char)s[i])) i++;
            for (int m = 0; m < 12 && !month; m++)
                if (i - a >= 3 && i - a <= 9 && !strncasecmp(s + a, MONTHS[m], 3)) month = m + 1;
        } else i++;
    }
    return ymd(year, month, day, out);
}

/* the publication date in the first lines of a plain-text story, for the article's record in
 * the store (the coder reads its own dateline; this is not passed to it) */
static const char *story_date(const char *s, size_t n, char out[11])
{
    size_t pos = 0;
    for (int line = 0; line < 8 && pos < n; ) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t end = nl ? (size_t)(nl - s) : n;
        if (end - pos >= 6 && end - pos <= 80) {
            if (iso_day(s + pos, end - pos, out) || header_day(s + pos, end - pos, out)) return out;
        }
        if (end > pos) line++;
        pos = end + 1;
    }
    return NULL;
}

static const char *norm_date(const char *s, char out[11])
{
    if (!s) return NULL;
    while (isspace((unsigned char)*s)) s++;
    return iso_day(s, strlen(s), out) || rfc822_day(s, out) ? out : NULL;
}

/* ---- HTML: the main text of a page ---- */

/* Subtrees that are never the article: a row per tag. */
static const GumboTag SKIP_TAGS[] = {
    GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_NAV, GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER,
    GUMBO_TAG_ASIDE, GUMBO_TAG_FORM, GUMBO_TAG_NOSCRIPT, GUMBO_TAG_IFRAME, GUMBO_TAG_SVG,
    GUMBO_TAG_BUTTON, GUMBO_TAG_SELECT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_HEAD, GUMBO_TAG_MENU,
};

/* class or id words that mark boxes around the article (whole words of the attribute, or
 * their first part before '-' or '_': "ad-slot", "share_bar"): a row per word */
static const char *const SKIP_CLASSES[] = {
    "ad", "ads", "advert", "advertisement", "banner", "promo", "sponsored", "nav", "navbar", "menu",
    "breadcrumb", "footer", "sidebar", "share", "social", "related", "comments", "comment",
    "newsletter", "cookie", "subscribe", "outbrain", "taboola", "recommended",
};

/* Block elements: their text is a paragraph of its own. */
static const GumboTag PARA_TAGS[] = {
    GUMBO_TAG_P, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_BLOCKQUOTE,
    GUMBO_TAG_LI, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_PRE, GUMBO_TAG_TD,
};

static bool tag_in(GumboTag t, const GumboTag *set, size_t n)
{
    for (size_t i = 0; i < n; i++) if (set[i] == t) return true;
    return false;
}

static bool skip_word(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof SKIP_CLASSES / sizeof *SKIP_CLASSES; i++) {
        size_t k = strlen(SKIP_CLASSES[i]);
        if (n >= k && !strncasecmp(w, SKIP_CLASSES[i], k) && (n == k || w[k] == '-' || w[k] == '_')) return true;
    }
    return false;
}

static bool skip_attr(const GumboElement *el, const char *name)
{
    GumboAttribute *a = gumbo_get_attribute(&el->attributes, name);
    if (!a) return false;
    for (const char *p = a->value; *p; ) {
        while (*p && isspace((unsigned char)*p)) p++;
        const char *w = p;
        while (*p && !isspace((unsigned char)*p)) p++;
        if (p > w && skip_word(w, (size_t)(p - w))) return true;
    }
    return false;
}

static bool skipped(const GumboNode *n)
{
    if (n->type != GUMBO_NODE_ELEMENT) return false;
    const GumboElement *el = &n->v.element;
    if (tag_in(el->tag, SKIP_TAGS, sizeof SKIP_TAGS / sizeof *SKIP_TAGS)) return true;
    GumboAttribute *hidden = gumbo_get_attribute(&el->attributes, "hidden");
    return hidden || skip_attr(el, "class") || skip_attr(el, "id");
}

/* appends the text under n, whitespace collapsed, skipping what is never the article */
static void inline_text(const GumboNode *n, buf *b)
{
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
        for (const char *p = n->v.text.text; *p; p++) {
            bool sp = isspace((unsigned char)*p);
            if (sp) { if (b->n && b->s[b->n - 1] != ' ' && b->s[b->n - 1] != '\n') buf_putc(b, ' '); }
            else buf_putc(b, *p);
        }
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT || skipped(n)) return;
    if (n->v.element.tag == GUMBO_TAG_BR) { buf_putc(b, ' '); return; }
    const GumboVector *ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) inline_text(ch->data[i], b);
}

static void end_para(buf *b, size_t start)
{
    while (b->n > start && (b->s[b->n - 1] == ' ' || b->s[b->n - 1] == '\n')) b->s[--b->n] = 0;
    if (b->n > start) buf_puts(b, "\n\n");
}

/* paragraphs under n, one after another, separated by a blank line */
static void block_text(const GumboNode *n, buf *b, size_t *paras)
{
    if (n->type != GUMBO_NODE_ELEMENT || skipped(n)) return;
    if (tag_in(n->v.element.tag, PARA_TAGS, sizeof PARA_TAGS / sizeof *PARA_TAGS)) {
        size_t start = b->n;
        inline_text(n, b);
        size_t a = start;
        while (a < b->n && b->s[a] == ' ') a++;
        memmove(b->s + start, b->s + a, b->n - a + 1);
        b->n -= a - start;
        end_para(b, start);
        if (b->n > start) (*paras)++;
        return;
    }
    const GumboVector *ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) block_text(ch->data[i], b, paras);
}

static const GumboNode *find_tag(const GumboNode *n, GumboTag tag)
{
    if (n->type != GUMBO_NODE_ELEMENT) return NULL;
    if (n->v.element.tag == tag) return n;
    const GumboVector *ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++) {
        const GumboNode *f = find_tag(ch->data[i], tag);
        if (f) return f;
    }
    return NULL;
}

typedef struct page_meta {
    buf title, h1, date, url, outlet, language, time;
} page_meta;

/* <meta property|name=KEY content=...>, <link rel=canonical>, <time datetime>, <title> */
static void collect_meta(const GumboNode *n, page_meta *m)
{
    if (n->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement *el = &n->v.element;
    GumboAttribute *a;
    switch (el->tag) {
    case GUMBO_TAG_HTML:
        if ((a = gumbo_get_attribute(&el->attributes, "lang")) && !m->language.n) buf_puts(&m->language, a->value);
        break;
    case GUMBO_TAG_TITLE:
        if (!m->title.n) inline_text(n, &m->title);
        return;
    case GUMBO_TAG_H1:
        if (!m->h1.n) inline_text(n, &m->h1);
        return;
    case GUMBO_TAG_TIME:
        if ((a = gumbo_get_attribute(&el->attributes, "datetime")) && !m->time.n) buf_puts(&m->time, a->value);
        break;
    case GUMBO_TAG_LINK:
        if ((a = gumbo_get_attribute(&el->attributes, "rel")) && !strcasecmp(a->value, "canonical") &&
            (a = gumbo_get_attribute(&el->attributes, "href")) && !m->url.n) buf_puts(&m->url, a->value);
        return;
    case GUMBO_TAG_META: {
        GumboAttribute *k = gumbo_get_attribute(&el->attributes, "property");
        if (!k) k = gumbo_get_attribute(&el->attributes, "name");
        GumboAttribute *v = gumbo_get_attribute(&el->attributes, "content");
        if (!k || !v) return;
        /* meta keys and where their content goes: a row per key, the first found wins */
        static const struct { const char *key; size_t off; } KEYS[] = {
            { "og:title", offsetof(page_meta, h1) }, { "article:published_time", offsetof(page_meta, date) },
            { "date", offsetof(page_meta, date) }, { "pubdate", offsetof(page_meta, date) },
            { "dc.date", offsetof(page_meta, date) }, { "og:url", offsetof(page_meta, url) },
            { "og:site_name", offsetof(page_meta, outlet) },
        };
        for (size_t i = 0; i < sizeof KEYS / sizeof *KEYS; i++) {
            buf *dst = (buf *)((char *)m + KEYS[i].off);
            if (!strcasecmp(k->value, KEYS[i].key) && !dst->n) buf_puts(dst, v->value);
        }
        return;
    }
    default: break;
    }
    const GumboVector *ch = &el->children;
    for (unsigned i = 0; i < ch->length; i++) collect_meta(ch->data[i], m);
}

static void trim_buf(buf *b)
{
    while (b->n && isspace((unsigned char)b->s[b->n - 1])) b->s[--b->n] = 0;
    size_t a = 0;
    while (a < b->n && isspace((unsigned char)b->s[a])) a++;
    if (a) { memmove(b->s, b->s + a, b->n - a + 1); b->n -= a; }
}

/* The main text of an HTML document or fragment into out: the paragraphs of its <article>,
 * else of <main>, else of the whole page; when it has no paragraph elements, all its text. */
static void html_text(const GumboOutput *o, buf *out)
{
    const GumboNode *box = find_tag(o->root, GUMBO_TAG_ARTICLE);
    if (!box) box = find_tag(o->root, GUMBO_TAG_MAIN);
    if (!box) box = o->root;
    size_t paras = 0;
    block_text(box, out, &paras);
    if (!paras) { out->n = 0; if (out->s) out->s[0] = 0; inline_text(box, out); }
    trim_buf(out);
}

static void meta_free(page_meta *m)
{
    buf_free(&m->title); buf_free(&m->h1); buf_free(&m->date); buf_free(&m->url);
    buf_free(&m->outlet); buf_free(&m->language); buf_free(&m->time);
}

static int read_html(const char *s, size_t n, const char *name, sr_input_fn fn, void *ctx, sr_error *err)
{
    /* gumbo mends any page; a page cut short in transit still has its opening tags and lacks
     * both closing ones, and its last paragraph is cut: refuse it rather than code half */
    if ((find_ci(s, n, "<html") || find_ci(s, n, "<body")) && !find_ci(s, n, "</body") && !find_ci(s, n, "</html"))
        return store_fail(err, SR_EINPUT, "truncated HTML: no </body> or </html>");
    GumboOutput *o = gumbo_parse_with_options(&kGumboDefaultOptions, s, n);
    if (!o) return store_fail(err, SR_ENOMEM, "out of memory parsing HTML");
    page_meta m;
    memset(&m, 0, sizeof m);
    collect_meta(o->root, &m);
    buf text = {0};
    html_text(o, &text);
    gumbo_destroy_output(&kGumboDefaultOptions, o);
    int rc = 0;
    if (!text.n) rc = store_fail(err, SR_EINPUT, "no article text in the HTML page");
    else {
        char day[11];
        trim_buf(&m.h1); trim_buf(&m.title);
        const char *date = norm_date(m.date.s, day);
        if (!date) date = norm_date(m.time.s, day);
        const char *base = strrchr(name, '/');
        sr_input in = { .format = SR_FMT_HTML, .origin = name, .doc = base ? base + 1 : name, .text = text.s,
                        .len = text.n, .title = m.h1.n ? m.h1.s : m.title.n ? m.title.s : NULL, .date = date,
                        .url = m.url.n ? m.url.s : NULL, .outlet = m.outlet.n ? m.outlet.s : NULL,
                        .language = m.language.n ? m.language.s : NULL, .plain = true };
        rc = fn(ctx, &in);
    }
    buf_free(&text);
    meta_free(&m);
    return rc;
}

/* ---- RSS and Atom feeds ---- */

static bool is(const xmlNode *n, const char *local)
{
    return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, local);
}

static char *node_text(const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *s = xstrdup(c ? (const char *)c : "");
    xmlFree(c);
    return s;
}

/* an item's or entry's parts, found by local name (RSS 2.0, RSS 1.0, Atom, content:encoded,
 * dc:date alike): a row per name, the better sources of a part first */
enum { IT_TITLE, IT_LINK, IT_DATE, IT_TEXT, IT_ID, IT_LANG, IT_N };
static const struct { const char *name; int part; int rank; } ITEM_PARTS[] = {
    { "title", IT_TITLE, 1 }, { "link", IT_LINK, 1 }, { "pubDate", IT_DATE, 1 }, { "published", IT_DATE, 2 },
    { "date", IT_DATE, 3 }, { "updated", IT_DATE, 4 }, { "encoded", IT_TEXT, 1 }, { "content", IT_TEXT, 2 },
    { "description", IT_TEXT, 3 }, { "summary", IT_TEXT, 4 }, { "guid", IT_ID, 1 }, { "id", IT_ID, 2 },
    { "language", IT_LANG, 1 },
};

typedef struct feed_ctx {
    const char *name;
    sr_input_fn fn;
    sr_input_error_fn onerr;
    void *ctx;
    char *outlet, *language;
    size_t items;
} feed_ctx;

static int feed_item(feed_ctx *f, const xmlNode *item)
{
    char *part[IT_N] = {0};
    int rank[IT_N] = {0};
    for (const xmlNode *c = item->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        for (size_t i = 0; i < sizeof ITEM_PARTS / sizeof *ITEM_PARTS; i++) {
            if (strcmp((const char *)c->name, ITEM_PARTS[i].name)) continue;
            int p = ITEM_PARTS[i].part;
            if (part[p] && rank[p] <= ITEM_PARTS[i].rank) break;
            char *v;
            xmlChar *href = p == IT_LINK ? xmlGetProp(c, (const xmlChar *)"href") : NULL;
            if (href) {   /* Atom: <link rel="alternate" href=...>; other rels are not the article */
                xmlChar *rel = xmlGetProp(c, (const xmlChar *)"rel");
                bool alt = !rel || !strcmp((const char *)rel, "alternate");
                xmlFree(rel);
                if (!alt) { xmlFree(href); break; }
                v = xstrdup((const char *)href);
                xmlFree(href);
            } else v = node_text(c);
            free(part[p]);
            part[p] = v;
            rank[p] = ITEM_PARTS[i].rank;
            break;
        }
    }
    f->items++;
    char origin[1024];
    snprintf(origin, sizeof origin, "%s#%zu", f->name, f->items);
    int rc = 0;
    buf text = {0};
    if (part[IT_TEXT]) {   /* item text is usually HTML, escaped in the XML */
        GumboOutput *o = gumbo_parse_with_options(&kGumboDefaultOptions, part[IT_TEXT], strlen(part[IT_TEXT]));
        if (o) { html_text(o, &text); gumbo_destroy_output(&kGumboDefaultOptions, o); }
    }
    if (!text.n) {
        if (f->onerr) f->onerr(f->ctx, origin, "feed item without text");
    } else {
        char day[11];
        if (part[IT_TITLE]) { char *t = part[IT_TITLE]; while (isspace((unsigned char)*t)) t++; memmove(part[IT_TITLE], t, strlen(t) + 1); }
        if (part[IT_LINK]) { char *t = part[IT_LINK]; while (isspace((unsigned char)*t)) t++; memmove(part[IT_LINK], t, strlen(t) + 1);
                             size_t k = strlen(part[IT_LINK]); while (k && isspace((unsigned char)part[IT_LINK][k - 1])) part[IT_LINK][--k] = 0; }
        sr_input in = { .format = SR_FMT_FEED, .origin = origin,
                        .doc = part[IT_ID] && *part[IT_ID] ? part[IT_ID] : part[IT_LINK] && *part[IT_LINK] ? part[IT_LINK] : origin,
                        .text = text.s, .len = text.n, .title = part[IT_TITLE], .date = norm_date(part[IT_DATE], day),
                        .url = part[IT_LINK] && *part[IT_LINK] ? part[IT_LINK] : NULL, .outlet = f->outlet,
                        .language = part[IT_LANG] ? part[IT_LANG] : f->language, .plain = true };
        rc = f->fn(f->ctx, &in);
    }
    buf_free(&text);
    for (int i = 0; i < IT_N; i++) free(part[i]);
    return rc;
}

/* the feed's own title and language: children of <channel> or <feed> */
static void feed_head(feed_ctx *f, const xmlNode *parent)
{
    for (const xmlNode *c = parent->children; c; c = c->next) {
        if (is(c, "title") && !f->outlet) {
            f->outlet = node_text(c);
            char *t = f->outlet;
            while (isspace((unsigned char)*t)) t++;
            memmove(f->outlet, t, strlen(t) + 1);
            size_t k = strlen(f->outlet);
            while (k && isspace((unsigned char)f->outlet[k - 1])) f->outlet[--k] = 0;
            if (!k) { free(f->outlet); f->outlet = NULL; }
        }
        if (is(c, "language") && !f->language) f->language = node_text(c);
    }
}

static int read_feed(const char *s, size_t n, const char *name, sr_input_fn fn, sr_input_error_fn onerr, void *ctx,
                     sr_error *err)
{
    if (n > (size_t)0x7fffffff) return store_fail(err, SR_EINPUT, "feed larger than 2 GB");
    xmlResetLastError();
    /* no network, no entity expansion (XML_PARSE_NOENT is not set): a feed cannot reach out */
    xmlDoc *d = xmlReadMemory(s, (int)n, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!d) {
        const xmlError *e = xmlGetLastError();
        char msg[256] = "not well-formed";
        if (e && e->message) {
            snprintf(msg, sizeof msg, "%s", e->message);
            size_t k = strlen(msg);
            while (k && (msg[k - 1] == '\n' || msg[k - 1] == ' ')) msg[--k] = 0;
        }
        return store_fail(err, SR_EINPUT, "invalid XML feed: line %d: %s", e ? e->line : 0, msg);
    }
    const xmlNode *root = xmlDocGetRootElement(d);
    feed_ctx f = { name, fn, onerr, ctx, NULL, NULL, 0 };
    int rc = 0;
    if (root && is(root, "rss")) {
        for (const xmlNode *ch = root->children; ch && !rc; ch = ch->next) {
            if (!is(ch, "channel")) continue;
            feed_head(&f, ch);
            for (const xmlNode *it = ch->children; it && !rc; it = it->next)
                if (is(it, "item")) rc = feed_item(&f, it);
        }
    } else if (root && (is(root, "feed") || is(root, "RDF"))) {
        feed_head(&f, root);
        for (const xmlNode *c = root->children; c && !rc; c = c->next) {
            if (is(c, "channel")) feed_head(&f, c);   /* RSS 1.0 keeps the title here */
            if (is(c, "entry") || is(c, "item")) rc = feed_item(&f, c);
        }
    } else rc = store_fail(err, SR_EINPUT, "XML that is not an RSS or Atom feed (root element <%s>)", root ? (const char *)root->name : "none");
    if (!rc && !f.items) rc = store_fail(err, SR_EINPUT, "feed without items");
    free(f.outlet);
    free(f.language);
    xmlFreeDoc(d);
    return rc;
}

/* ---- JSON lines ---- */

/* a JSON field as a string: NULL when absent or null; *bad when of another type */
static const char *jstr(json_t *o, const char *k, bool *bad)
{
    json_t *v = json_object_get(o, k);
    if (!v || json_is_null(v)) return NULL;
    if (json_is_string(v)) return json_string_value(v);
    *bad = true;
    return NULL;
}

static int read_jsonl(const char *s, size_t n, const char *name, sr_input_fn fn, sr_input_error_fn onerr, void *ctx,
                      sr_error *err)
{
    size_t lineno = 0, good = 0;
    char origin[1024], msg[512];
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    for (size_t pos = 0; pos < n; ) {
        const char *nl = memchr(s + pos, '\n', n - pos);
        size_t end = nl ? (size_t)(nl - s) : n;
        lineno++;
        size_t a = pos;
        pos = nl ? end + 1 : n;
        while (a < end && isspace((unsigned char)s[a])) a++;
        if (a == end) continue;
        snprintf(origin, sizeof origin, "%s:%zu", name, lineno);
        json_error_t je;
        json_t *o = json_loadb(s + a, end - a, JSON_ALLOW_NUL, &je);
        if (!o || !json_is_object(o)) {
            snprintf(msg, sizeof msg, o ? "expected a JSON object" : "invalid JSON: %s", je.text);
            if (onerr) onerr(ctx, origin, msg);
            json_decref(o);
            continue;
        }
        int rc = 0;
        if (json_object_get(o, "sitrep_export")) {
            sr_input in = { .format = SR_FMT_EXPORT, .origin = origin, .export_line = s + a, .export_len = end - a };
            rc = fn(ctx, &in);
            good++;
        } else {
            bool bad = false;
            json_t *jt = json_object_get(o, "text");
            const char *keys[] = { "title", "date", "url", "outlet", "language" };
            const char *vals[5];
            const char *badkey = NULL;
            for (int k = 0; k < 5; k++) {
                bool b = false;
                vals[k] = jstr(o, keys[k], &b);
                if (b && !badkey) badkey = keys[k];
                bad |= b;
            }
            json_t *jid = json_object_get(o, "id");
            char idbuf[64], fallback[600], day[11];
            const char *id = NULL;
            if (json_is_string(jid)) id = json_string_value(jid);
            else if (json_is_integer(jid)) { snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(jid)); id = idbuf; }
            else if (jid && !json_is_null(jid) && !badkey) { badkey = "id"; bad = true; }
            if (!json_is_string(jt) || bad) {
                snprintf(msg, sizeof msg, "\"%s\" must be a string", !json_is_string(jt) ? "text" : badkey);
                if (onerr) onerr(ctx, origin, msg);
            } else {
                if (!id) { snprintf(fallback, sizeof fallback, "%s:%zu", base, lineno); id = fallback; }
                sr_input in = { .format = SR_FMT_JSONL, .origin = origin, .doc = id, .text = json_string_value(jt),
                                .len = json_string_length(jt), .title = vals[0], .date = norm_date(vals[1], day),
                                .url = vals[2], .outlet = vals[3], .language = vals[4], .plain = true };
                rc = fn(ctx, &in);
                good++;
            }
        }
        json_decref(o);
        if (rc) return rc;
    }
    (void)good;
    (void)err;
    return 0;
}

/* ---- recognising the format ---- */

static sr_format detect(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < n && isspace((unsigned char)s[i])) i++;
    if (i == n) return SR_FMT_EMPTY;
    size_t head = n < 4096 ? n : 4096;
    if (memchr(s, 0, head)) return SR_FMT_BINARY;
    if (s[i] == '{') return SR_FMT_JSONL;
    if (s[i] == '<') {
        const char *h = s + i;
        size_t hn = n - i < 4096 ? n - i : 4096;
        if (find_ci(h, hn, "<rss") || find_ci(h, hn, "<feed") || find_ci(h, hn, "<rdf:rdf")) return SR_FMT_FEED;
        if (find_ci(h, hn, "<html") || find_ci(h, hn, "<!doctype html") || find_ci(h, hn, "<body")) return SR_FMT_HTML;
        if (!strncmp(h, "<?xml", 5)) return SR_FMT_FEED;   /* fails there, with the reason */
        return SR_FMT_HTML;
    }
    return SR_FMT_TEXT;
}

int sr_ingest_buffer(const char *data, size_t len, const char *name, sr_input_fn fn, sr_input_error_fn onerr,
                     void *ctx, sr_error *err)
{
    switch (detect(data, len)) {
    case SR_FMT_EMPTY: return store_fail(err, SR_EINPUT, "empty input: no articles");
    case SR_FMT_BINARY: return store_fail(err, SR_EINPUT, "binary input (NUL bytes): not an article");
    case SR_FMT_JSONL: case SR_FMT_EXPORT: return read_jsonl(data, len, name, fn, onerr, ctx, err);
    case SR_FMT_HTML: return read_html(data, len, name, fn, ctx, err);
    case SR_FMT_FEED: return read_feed(data, len, name, fn, onerr, ctx, err);
    case SR_FMT_TEXT: default: {
        const char *base = strrchr(name, '/');
        char day[11];
        sr_input in = { .format = SR_FMT_TEXT, .origin = name, .doc = base ? base + 1 : name, .text = data, .len = len,
                        .published = story_date(data, len, day) };
        return fn(ctx, &in);
    }
    }
}
