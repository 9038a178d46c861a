/* The JSON writer: the np_emitter that builds a jansson tree, then dumps it
 * (the emitter the CLI writes every result with). */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "emit_internal.h"
#include "support/json_util.h"
#include "formats/posting_json_internal.h"

/* Deeper than any result the core emits (a posting record nests 4 levels). */
#define WRITER_DEPTH_MAX 32

typedef struct writer {
    json_t *root;
    json_t *open[WRITER_DEPTH_MAX]; /* the objects and arrays being filled */
    int depth;
    const char *key; /* of the next member, when open[depth - 1] is an object */
} writer;

/* Adds `value` (a new reference, NULL when it could not be made) where it
 * belongs: the root, the open array or the open object under `key`. */
static np_status add(writer *w, json_t *value)
{
    if (!value) return NP_ENOMEM;
    if (w->depth == 0) {
        if (w->root) {
            json_decref(value);
            return NP_EINVAL; /* a second top-level value */
        }
        w->root = value;
        return NP_OK;
    }
    json_t *parent = w->open[w->depth - 1];
    const int rc = json_is_array(parent) ? json_array_append_new(parent, value)
                   : w->key             ? json_object_set_new(parent, w->key, value)
                                        : (json_decref(value), -1);
    w->key = NULL;
    return rc == 0 ? NP_OK : NP_ENOMEM;
}

static np_status open_container(writer *w, json_t *c)
{
    if (w->depth >= WRITER_DEPTH_MAX) {
        json_decref(c);
        return NP_EINVAL;
    }
    json_incref(c); /* one reference for the parent, one while it is open */
    const np_status st = add(w, c);
    if (st != NP_OK) {
        json_decref(c);
        return st;
    }
    w->open[w->depth++] = c;
    return NP_OK;
}

static np_status close_container(writer *w)
{
    if (w->depth == 0) return NP_EINVAL;
    json_decref(w->open[--w->depth]);
    return NP_OK;
}

static np_status begin_object(void *u, size_t count)
{
    (void)count;
    json_t *o = json_object();
    return o ? open_container(u, o) : NP_ENOMEM;
}

static np_status begin_array(void *u, size_t count)
{
    (void)count;
    json_t *a = json_array();
    return a ? open_container(u, a) : NP_ENOMEM;
}

static np_status end_container(void *u) { return close_container(u); }

static np_status key(void *u, const char *k)
{
    ((writer *)u)->key = k;
    return NP_OK;
}

static np_status string(void *u, const char *text, size_t len)
{
    json_t *s = json_stringn(text, len);
    if (s || memchr(text, 0, len)) return add(u, s);
    /* A file name that is not UTF-8 (a posting's source): its display form,
     * as the posting JSON writes it. */
    char *display = npj_utf8_display(text);
    s = display ? json_string(display) : NULL;
    free(display);
    return add(u, s);
}

static np_status integer(void *u, int64_t v) { return add(u, json_integer((json_int_t)v)); }
static np_status real(void *u, double v) { return add(u, json_real(v)); }
static np_status boolean(void *u, bool v) { return add(u, json_boolean(v)); }
static np_status null(void *u) { return add(u, json_null()); }

static np_status date(void *u, np_date d)
{
    char buf[NP_DATE_ISO_LEN + 1];
    np_date_format(d, buf);
    return add(u, json_stringn(buf, NP_DATE_ISO_LEN));
}

static np_status time_of_day(void *u, int minute)
{
    char buf[8];
    snprintf(buf, sizeof buf, "%02d:%02d", minute / 60 % 100, minute % 60);
    return add(u, json_string(buf));
}

np_status np_emit_json(char **out, np_emit_fn emit, const void *arg, bool pretty, np_error *err)
{
    *out = NULL;
    writer w = {.root = NULL, .depth = 0, .key = NULL};
    const np_emitter em = {&w,     begin_object, end_container, begin_array, end_container,
                           key,    string,       integer,       real,        boolean,
                           date,   time_of_day,  null,          NULL};
    np_status st = emit(&em, arg, err);
    while (w.depth > 0) close_container(&w); /* a stopped walk */
    if (st == NP_OK && (!w.root || w.depth != 0)) st = np_error_set(err, NP_EINVAL, "JSON writer: nothing emitted");
    if (st == NP_OK) {
        *out = npi_json_dumps(w.root, pretty ? JSON_INDENT(2) : JSON_COMPACT);
        if (!*out) st = np_error_set(err, NP_ENOMEM, "out of memory writing JSON");
    }
    json_decref(w.root);
    return st;
}
