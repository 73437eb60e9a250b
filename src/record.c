/* record: the event record's JSON-lines form (docs/SCHEMA.md). Field order is fixed and
 * every contract field is always present (null when unknown), so `jq` filters and column
 * tools can rely on it. Later writers (GDELT, ACLED, PLOVER) go here too. */
#include "sitrep.h"
#include "util.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void key(buf *b, const char *k, bool first)
{
    if (!first) buf_putc(b, ',');
    buf_json_str(b, k, strlen(k));
    buf_putc(b, ':');
}

static void str_or_null(buf *b, const char *s)
{
    if (s) buf_json_str(b, s, strlen(s));
    else buf_puts(b, "null");
}

static void actor(buf *b, const sr_actor *a)
{
    if (!a->code) { buf_puts(b, "null"); return; }
    buf_puts(b, "{\"code\":");
    str_or_null(b, a->code);
    buf_puts(b, ",\"text\":");
    str_or_null(b, a->text);
    buf_putc(b, '}');
}

/* a casualty figure as {count, qualifier, victims, civilians?, reported_by, cumulative,
 * low, high, figures?}, or null; figures only when the article gives several */
static void figure(buf *b, const sr_fatalities *f)
{
    if (f->count < 0) { buf_puts(b, "null"); return; }
    buf_printf(b, "{\"count\":%ld,\"qualifier\":", f->count);
    str_or_null(b, f->qualifier);
    buf_puts(b, ",\"victims\":"); str_or_null(b, f->victims);
    if (f->civilians >= 0) buf_printf(b, ",\"civilians\":%ld", f->civilians);
    buf_puts(b, ",\"reported_by\":"); str_or_null(b, f->reported_by);
    buf_printf(b, ",\"cumulative\":%s", f->cumulative ? "true" : "false");
    /* low/high not filled in (a record built outside the engine): the count itself */
    long lo = f->low > 0 && f->low <= f->count ? f->low : f->count, hi = f->high >= f->count ? f->high : f->count;
    buf_printf(b, ",\"low\":%ld,\"high\":%ld", lo, hi);
    if (f->nfigures > 1 && f->figures) {
        buf_puts(b, ",\"figures\":[");
        for (size_t i = 0; i < f->nfigures; i++) {
            const sr_figure *x = &f->figures[i];
            buf_printf(b, "%s{\"count\":%ld,\"qualifier\":", i ? "," : "", x->count);
            str_or_null(b, x->qualifier);
            buf_puts(b, ",\"reported_by\":"); str_or_null(b, x->reported_by);
            buf_puts(b, ",\"date\":"); str_or_null(b, x->date);
            buf_printf(b, ",\"cumulative\":%s,\"start\":%zu}", x->cumulative ? "true" : "false", x->start);
        }
        buf_putc(b, ']');
    }
    buf_putc(b, '}');
}

int sr_event_json(const sr_event *ev, char **out, size_t *len, size_t *cap)
{
    buf b = { *out, *len, *cap };
    buf_putc(&b, '{');
    const char *doc = ev->doc ? ev->doc : "-";
    key(&b, "doc", true); buf_json_str(&b, doc, strlen(doc));
    /* id: doc#seq, unique within a run and stable across runs on the same input */
    buf id = {0};
    buf_puts(&id, doc);
    buf_putc(&id, '#');
    buf_putl(&id, ev->seq);
    key(&b, "id", false); buf_json_str(&b, id.s, id.n);
    buf_free(&id);
    key(&b, "sentence", false); buf_json_str(&b, ev->sentence, ev->sentence_len);
    key(&b, "start", false); buf_putl(&b, (long)ev->start);
    key(&b, "end", false); buf_putl(&b, (long)ev->end);
    key(&b, "section", false); str_or_null(&b, ev->section);
    key(&b, "source", false); actor(&b, &ev->source);
    key(&b, "target", false); actor(&b, &ev->target);
    key(&b, "cameo", false); str_or_null(&b, ev->cameo);
    key(&b, "root", false); str_or_null(&b, ev->root);
    key(&b, "plover", false); str_or_null(&b, ev->plover);
    key(&b, "goldstein", false); buf_printf(&b, "%.1f", ev->goldstein);
    key(&b, "quad", false); buf_putl(&b, ev->quad);
    key(&b, "factuality", false); str_or_null(&b, ev->factuality);
    key(&b, "claimed_by", false); str_or_null(&b, ev->claimed_by);
    key(&b, "date", false); str_or_null(&b, ev->date);
    key(&b, "date_basis", false); str_or_null(&b, ev->date_basis);
    key(&b, "date_precision", false); str_or_null(&b, ev->date_precision);
    key(&b, "time_utc", false); str_or_null(&b, ev->time_utc);
    key(&b, "background", false); buf_puts(&b, ev->background ? "true" : "false");
    key(&b, "published", false); str_or_null(&b, ev->published);
    key(&b, "location", false);
    if (ev->location.name) {
        buf_puts(&b, "{\"name\":"); str_or_null(&b, ev->location.name);
        buf_puts(&b, ",\"country\":"); str_or_null(&b, ev->location.country);
        buf_puts(&b, ",\"admin1\":"); str_or_null(&b, ev->location.admin1);
        /* 5 decimals: about a metre, more than any gazetteer's centre point means */
        if (isnan(ev->location.lat) || isnan(ev->location.lon)) buf_puts(&b, ",\"lat\":null,\"lon\":null");
        else buf_printf(&b, ",\"lat\":%.5f,\"lon\":%.5f", ev->location.lat, ev->location.lon);
        if (ev->location.geonames_id) buf_printf(&b, ",\"geonames_id\":%lu", ev->location.geonames_id);
        else buf_puts(&b, ",\"geonames_id\":null");
        buf_puts(&b, ",\"precision\":"); str_or_null(&b, ev->location.precision);
        buf_puts(&b, ",\"basis\":"); str_or_null(&b, ev->location.basis);
        buf_putc(&b, '}');
    } else buf_puts(&b, "null");
    key(&b, "fatalities", false); figure(&b, &ev->fatalities);
    key(&b, "injured", false); figure(&b, &ev->injured);
    key(&b, "arrested", false); figure(&b, &ev->arrested);
    key(&b, "missing", false); figure(&b, &ev->missing);
    key(&b, "displaced", false); figure(&b, &ev->displaced);
    key(&b, "attribution", false); str_or_null(&b, ev->attribution);
    key(&b, "attributed_to", false);
    if (ev->attributed_to.speaker || ev->attributed_to.code || ev->attributed_to.channel) {
        buf_puts(&b, "{\"speaker\":"); str_or_null(&b, ev->attributed_to.speaker);
        buf_puts(&b, ",\"code\":"); str_or_null(&b, ev->attributed_to.code);
        buf_puts(&b, ",\"on_behalf_of\":"); str_or_null(&b, ev->attributed_to.on_behalf_of);
        buf_puts(&b, ",\"channel\":"); str_or_null(&b, ev->attributed_to.channel);
        buf_putc(&b, '}');
    } else buf_puts(&b, "null");
    key(&b, "outlet", false); str_or_null(&b, ev->outlet);
    key(&b, "credits", false);
    buf_putc(&b, '[');
    for (size_t i = 0; i < ev->ncredits; i++) {
        if (i) buf_putc(&b, ',');
        buf_json_str(&b, ev->credits[i], strlen(ev->credits[i]));
    }
    buf_putc(&b, ']');
    buf_putc(&b, '}');
    *out = b.s; *len = b.n; *cap = b.cap;
    return 0;
}
