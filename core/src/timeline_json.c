#include <jansson.h>

#include "json_util.h"
#include "natopost/timeline.h"

static json_t *date_json(np_date d)
{
    char buf[NP_DATE_ISO_LEN + 1];
    np_date_format(d, buf);
    return json_stringn(buf, NP_DATE_ISO_LEN);
}

/* json_object_set_new returns -1 on failure (and frees the value), so OR-ing
 * the results lets one check at the end cover every allocation. */
static int set(json_t *obj, const char *key, json_t *value)
{
    return json_object_set_new(obj, key, value);
}

static json_t *appointment_json(const np_appointment *a)
{
    json_t *o = json_object();
    if (!o) return NULL;
    int bad = set(o, "start", date_json(a->start));
    bad |= set(o, "kind", json_string(np_kind_name(a->kind)));
    bad |= set(o, "initial_months", json_integer(a->initial_months));
    bad |= set(o, "renewal_months", json_integer(a->renewal_months));
    bad |= set(o, "max_months", json_integer(a->max_months));
    bad |= set(o, "twin_grade", json_boolean(a->twin_grade));
    bad |= set(o, "reduction_months", json_integer(a->reduction_months));
    bad |= set(o, "direct_higher", json_boolean(a->direct_higher));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *status_json(const np_day_status *s)
{
    json_t *o = json_object();
    if (!o) return NULL;
    int bad = set(o, "on", date_json(s->on));
    bad |= set(o, "phase", json_string(np_phase_name(s->phase)));
    bad |= set(o, "days_to_contract_end", json_integer(s->days_to_contract_end));
    bad |= set(o, "conversion_window_open", json_boolean(s->conversion_window_open));
    bad |= set(o, "months_served", json_integer(s->months_served));
    bad |= set(o, "promotion_possible", json_boolean(s->promotion_possible));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *timeline_json(const np_timeline *t, const np_day_status *status)
{
    json_t *root = json_object();
    json_t *events = json_array();
    json_t *notes = json_array();
    int bad = !root || !events || !notes;
    for (size_t i = 0; !bad && i < t->event_count; i++) {
        const np_event *e = &t->events[i];
        json_t *ev = json_object();
        bad |= !ev;
        if (!ev) break;
        bad |= set(ev, "code", json_string(np_event_code_name(e->code)));
        bad |= set(ev, "date", date_json(e->date));
        bad |= set(ev, "label", json_string(np_event_label(e->code)));
        bad |= set(ev, "note", e->note ? json_string(e->note) : json_null());
        bad |= json_array_append_new(events, ev);
    }
    for (size_t i = 0; !bad && i < t->note_count; i++) {
        json_t *n = json_object();
        bad |= !n;
        if (!n) break;
        bad |= set(n, "code", json_string(np_note_code_name(t->notes[i].code)));
        bad |= set(n, "text", json_string(t->notes[i].text));
        bad |= json_array_append_new(notes, n);
    }
    if (bad) {
        json_decref(root);
        json_decref(events);
        json_decref(notes);
        return NULL;
    }
    bad |= set(root, "format", json_string("natopost.timeline/1"));
    bad |= set(root, "appointment", appointment_json(&t->appointment));
    bad |= set(root, "policy", npi_policy_to_json_value(&t->policy));
    bad |= set(root, "events", events);
    bad |= set(root, "notes", notes);
    bad |= set(root, "renewed", json_boolean(t->renewed));
    bad |= set(root, "has_conversion_window", json_boolean(t->has_conversion_window));
    bad |= set(root, "promotion_reachable", json_boolean(t->promotion_reachable));
    if (status) bad |= set(root, "status", status_json(status));
    if (bad) {
        json_decref(root);
        return NULL;
    }
    return root;
}

char *np_timeline_to_json(const np_timeline *timeline, const np_day_status *status, np_error *err)
{
    json_t *root = timeline_json(timeline, status);
    char *text = root ? npi_json_dumps(root, JSON_INDENT(2)) : NULL;
    json_decref(root);
    if (!text) np_error_set(err, NP_ENOMEM, "out of memory writing timeline JSON");
    return text;
}
