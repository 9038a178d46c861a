/* Loader for tests/data/timeline_cases.json and timeline_errors.json (see
 * test_data.h). Plain C and jansson; no natopost function is called here. */
#define _POSIX_C_SOURCE 200809L
#include "test_data.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

static const char *const EVENT_NAMES[NP_EVENT_COUNT] = {
    "entry_on_duty",          "initial_contract_end",    "renewal_start",
    "renewal_end",            "conversion_window_open",  "conversion_window_close",
    "contract_end",           "max_service_end",         "earliest_promotion",
};
static const char *const NOTE_NAMES[NP_NOTE_COUNT] = {
    "seconded_renewal", "promotion_not_reachable", "conversion_window_empty",
    "no_conversion_seconded",
};
static const char *const PHASE_NAMES[] = {"not_started", "initial", "renewal", "ended"};

static int lookup(const char *const *names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0) return i;
    return -1;
}

int td_event_code(const char *name) { return lookup(EVENT_NAMES, NP_EVENT_COUNT, name); }
int td_note_code(const char *name) { return lookup(NOTE_NAMES, NP_NOTE_COUNT, name); }
int td_phase(const char *name) { return lookup(PHASE_NAMES, 4, name); }

bool td_parse_date(const char *text, np_date *out)
{
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-') return false;
    int v[8];
    for (int i = 0, k = 0; i < 10; i++) {
        if (i == 4 || i == 7) continue;
        if (text[i] < '0' || text[i] > '9') return false;
        v[k++] = text[i] - '0';
    }
    const int y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
    const int m = v[4] * 10 + v[5];
    const int d = v[6] * 10 + v[7];
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > ts_dim(y, m)) return false;
    *out = (np_date)ts_days(ts_ymd_of(y, m, d));
    return true;
}

/* ---- small strict readers ------------------------------------------------- */

typedef struct reader {
    char *why;
    size_t why_size;
    const char *where; /* e.g. "timeline_cases.json case 3" */
} reader;

static int fail(reader *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int fail(reader *r, const char *fmt, ...)
{
    char msg[TD_TEXT_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(r->why, r->why_size, "%s: %s", r->where, msg);
    return -1;
}

static int copy_string(reader *r, const json_t *v, const char *key, char *buf, size_t *len)
{
    if (!json_is_string(v)) return fail(r, "\"%s\" must be a string", key);
    const size_t n = json_string_length(v);
    if (n >= TD_TEXT_MAX) return fail(r, "\"%s\" is too long for the loader", key);
    memcpy(buf, json_string_value(v), n);
    buf[n] = '\0';
    if (len) *len = n;
    return 0;
}

static int get_int(reader *r, const json_t *v, const char *key, int *out)
{
    if (!json_is_integer(v)) return fail(r, "\"%s\" must be an integer", key);
    const json_int_t i = json_integer_value(v);
    if (i < INT32_MIN || i > INT32_MAX) return fail(r, "\"%s\" does not fit an int", key);
    *out = (int)i;
    return 0;
}

static int get_bool(reader *r, const json_t *v, const char *key, bool *out)
{
    if (!json_is_boolean(v)) return fail(r, "\"%s\" must be true or false", key);
    *out = json_is_true(v);
    return 0;
}

static int get_date(reader *r, const json_t *v, const char *key, np_date *out)
{
    if (!json_is_string(v) || !td_parse_date(json_string_value(v), out))
        return fail(r, "\"%s\" must be a valid YYYY-MM-DD date", key);
    return 0;
}

static int read_input(reader *r, const json_t *obj, td_input *in)
{
    *in = (td_input){.initial_months = NP_FROM_POLICY,
                     .renewal_months = NP_FROM_POLICY,
                     .max_months = NP_FROM_POLICY};
    if (!json_is_object(obj)) return fail(r, "\"input\" must be an object");
    bool has_start = false;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        int rc;
        if (strcmp(key, "start") == 0) {
            rc = copy_string(r, v, key, in->start, &in->start_len);
            has_start = true;
        } else if (strcmp(key, "kind") == 0) {
            rc = copy_string(r, v, key, in->kind, NULL);
            in->has_kind = true;
        } else if (strcmp(key, "initial_months") == 0) {
            rc = get_int(r, v, key, &in->initial_months);
        } else if (strcmp(key, "renewal_months") == 0) {
            rc = get_int(r, v, key, &in->renewal_months);
        } else if (strcmp(key, "max_months") == 0) {
            rc = get_int(r, v, key, &in->max_months);
        } else if (strcmp(key, "reduction_months") == 0) {
            rc = get_int(r, v, key, &in->reduction_months);
        } else if (strcmp(key, "twin_grade") == 0) {
            rc = get_bool(r, v, key, &in->twin_grade);
        } else if (strcmp(key, "direct_higher") == 0) {
            rc = get_bool(r, v, key, &in->direct_higher);
        } else {
            rc = fail(r, "unknown input key \"%s\"", key);
        }
        if (rc) return rc;
    }
    if (!has_start) return fail(r, "input has no \"start\"");
    return 0;
}

static int read_status(reader *r, const json_t *obj, td_status *s)
{
    if (!json_is_object(obj) || json_object_size(obj) != 6)
        return fail(r, "a status must be an object with exactly 6 keys");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        int rc;
        if (strcmp(key, "on") == 0) {
            rc = get_date(r, v, key, &s->on);
        } else if (strcmp(key, "phase") == 0) {
            const int p = json_is_string(v) ? td_phase(json_string_value(v)) : -1;
            rc = p < 0 ? fail(r, "unknown phase") : 0;
            s->phase = (np_phase)p;
        } else if (strcmp(key, "days_to_contract_end") == 0) {
            int days = 0;
            rc = get_int(r, v, key, &days);
            s->days_to_contract_end = days;
        } else if (strcmp(key, "conversion_window_open") == 0) {
            rc = get_bool(r, v, key, &s->conversion_window_open);
        } else if (strcmp(key, "months_served") == 0) {
            rc = get_int(r, v, key, &s->months_served);
        } else if (strcmp(key, "promotion_possible") == 0) {
            rc = get_bool(r, v, key, &s->promotion_possible);
        } else {
            rc = fail(r, "unknown status key \"%s\"", key);
        }
        if (rc) return rc;
    }
    return 0;
}

static int read_case(reader *r, const json_t *obj, td_case *c)
{
    if (!json_is_object(obj)) return fail(r, "a case must be an object");
    const char *key;
    json_t *v;
    bool seen_events = false, seen_notes = false, seen_status = false;
    json_object_foreach((json_t *)obj, key, v) {
        int rc = 0;
        if (strcmp(key, "name") == 0) {
            rc = copy_string(r, v, key, c->name, NULL);
        } else if (strcmp(key, "input") == 0) {
            rc = read_input(r, v, &c->input);
        } else if (strcmp(key, "events") == 0) {
            seen_events = true;
            if (!json_is_object(v)) return fail(r, "\"events\" must be an object");
            const char *code;
            json_t *date;
            json_object_foreach(v, code, date) {
                const int e = td_event_code(code);
                if (e < 0) return fail(r, "unknown event code \"%s\"", code);
                if ((rc = get_date(r, date, code, &c->event_date[e]))) return rc;
                c->has_event[e] = true;
                c->event_count++;
            }
        } else if (strcmp(key, "notes") == 0) {
            seen_notes = true;
            if (!json_is_array(v) || json_array_size(v) > NP_NOTE_COUNT)
                return fail(r, "\"notes\" must be an array of at most %d codes", NP_NOTE_COUNT);
            size_t i;
            json_t *n;
            json_array_foreach(v, i, n) {
                const int code = json_is_string(n) ? td_note_code(json_string_value(n)) : -1;
                if (code < 0) return fail(r, "unknown note code at notes[%zu]", i);
                c->notes[c->note_count++] = (np_note_code)code;
            }
        } else if (strcmp(key, "status") == 0) {
            seen_status = true;
            if (!json_is_array(v)) return fail(r, "\"status\" must be an array");
            c->status_count = json_array_size(v);
            c->status = calloc(c->status_count ? c->status_count : 1, sizeof *c->status);
            if (!c->status) return fail(r, "out of memory");
            size_t i;
            json_t *s;
            json_array_foreach(v, i, s) {
                if ((rc = read_status(r, s, &c->status[i]))) return rc;
            }
        } else {
            rc = fail(r, "unknown case key \"%s\"", key);
        }
        if (rc) return rc;
    }
    if (!c->name[0] || !seen_events || !seen_notes || !seen_status)
        return fail(r, "a case needs name, input, events, notes and status");
    if (!td_parse_date(c->input.start, &c->start))
        return fail(r, "input start \"%s\" is not a valid date", c->input.start);
    return 0;
}

static int read_error_case(reader *r, const json_t *obj, td_error_case *c)
{
    if (!json_is_object(obj)) return fail(r, "a case must be an object");
    const char *key;
    json_t *v;
    bool seen_input = false;
    json_object_foreach((json_t *)obj, key, v) {
        int rc = 0;
        if (strcmp(key, "input") == 0) {
            seen_input = true;
            rc = read_input(r, v, &c->input);
        } else if (strcmp(key, "message_contains") == 0) {
            if (!json_is_array(v) || json_array_size(v) == 0)
                return fail(r, "\"message_contains\" must be a non-empty array");
            c->fragments = calloc(json_array_size(v), sizeof *c->fragments);
            if (!c->fragments) return fail(r, "out of memory");
            size_t i;
            json_t *s;
            json_array_foreach(v, i, s) {
                if (!json_is_string(s)) return fail(r, "message_contains[%zu] must be a string", i);
                c->fragments[i] = strdup(json_string_value(s));
                if (!c->fragments[i]) return fail(r, "out of memory");
                c->fragment_count++;
            }
        } else {
            rc = fail(r, "unknown case key \"%s\"", key);
        }
        if (rc) return rc;
    }
    if (!seen_input || c->fragment_count == 0)
        return fail(r, "an error case needs input and message_contains");
    return 0;
}

/* Loads `file` from NATOPOST_TEST_DATA and returns its "cases" array (a new
 * reference in *root). */
static const json_t *load_table(reader *r, const char *file, json_t **root)
{
    const char *dir = getenv("NATOPOST_TEST_DATA");
    if (!dir || !*dir) {
        fail(r, "NATOPOST_TEST_DATA is not set (run through meson test)");
        return NULL;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    json_error_t jerr;
    *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!*root) {
        fail(r, "%s: %s (line %d)", path, jerr.text, jerr.line);
        return NULL;
    }
    const json_t *cases = json_object_get(*root, "cases");
    if (!json_is_array(cases) || json_array_size(cases) == 0) {
        fail(r, "%s: no \"cases\" array", path);
        json_decref(*root);
        *root = NULL;
        return NULL;
    }
    return cases;
}

int td_load_cases(td_case **out, size_t *count, char *why, size_t why_size)
{
    reader r = {why, why_size, "timeline_cases.json"};
    *out = NULL;
    *count = 0;
    json_t *root;
    const json_t *cases = load_table(&r, "timeline_cases.json", &root);
    if (!cases) return -1;
    const size_t n = json_array_size(cases);
    td_case *all = calloc(n, sizeof *all);
    if (!all) {
        json_decref(root);
        return fail(&r, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        char where[64];
        snprintf(where, sizeof where, "timeline_cases.json case %zu", i);
        r.where = where;
        if (read_case(&r, json_array_get(cases, i), &all[i])) {
            td_free_cases(all, n);
            json_decref(root);
            return -1;
        }
    }
    json_decref(root);
    *out = all;
    *count = n;
    return 0;
}

void td_free_cases(td_case *cases, size_t count)
{
    if (!cases) return;
    for (size_t i = 0; i < count; i++) free(cases[i].status);
    free(cases);
}

int td_load_errors(td_error_case **out, size_t *count, char *why, size_t why_size)
{
    reader r = {why, why_size, "timeline_errors.json"};
    *out = NULL;
    *count = 0;
    json_t *root;
    const json_t *cases = load_table(&r, "timeline_errors.json", &root);
    if (!cases) return -1;
    const size_t n = json_array_size(cases);
    td_error_case *all = calloc(n, sizeof *all);
    if (!all) {
        json_decref(root);
        return fail(&r, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        char where[64];
        snprintf(where, sizeof where, "timeline_errors.json case %zu", i);
        r.where = where;
        if (read_error_case(&r, json_array_get(cases, i), &all[i])) {
            td_free_errors(all, n);
            json_decref(root);
            return -1;
        }
    }
    json_decref(root);
    *out = all;
    *count = n;
    return 0;
}

void td_free_errors(td_error_case *cases, size_t count)
{
    if (!cases) return;
    for (size_t i = 0; i < count; i++) {
        for (size_t k = 0; k < cases[i].fragment_count; k++) free(cases[i].fragments[k]);
        free(cases[i].fragments);
    }
    free(cases);
}
