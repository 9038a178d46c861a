/* natopost.Timeline: the contract timeline of one appointment, holding the
 * core's plain np_timeline value (immutable; nothing to free). */
#include "module.h"

#include <string.h>
#include <time.h>

/* The core's np_timeline is about 1 kB, 800 bytes of it room for notes that
 * most timelines do not have. A Timeline keeps the same fields but only the
 * notes present (a variable-size object), which brings the common case under
 * pymalloc's 512-byte limit: no malloc() per timeline() call. Core functions
 * that take an np_timeline get a copy rebuilt on the stack (load_timeline). */
typedef struct {
    PyObject_VAR_HEAD /* Py_SIZE: the number of notes */
    np_appointment appointment;
    np_policy policy;
    np_event events[NP_EVENT_COUNT];
    size_t event_count;
    bool renewed;
    bool has_conversion_window;
    bool promotion_reachable;
    signed char index[NP_EVENT_COUNT]; /* event code -> position in events; -1 absent */
    np_note notes[];
} np_py_timeline;

#define SELF(o) ((np_py_timeline *)(o))

/* Fails to compile when np_timeline gains, loses or reorders a field, so the
 * copies below cannot silently drop one. */
struct np_timeline_fields {
    np_appointment appointment;
    np_policy policy;
    np_event events[NP_EVENT_COUNT];
    size_t event_count;
    np_note notes[NP_NOTE_COUNT];
    size_t note_count;
    bool renewed;
    bool has_conversion_window;
    bool promotion_reachable;
};
#define SAME_FIELD(f) \
    (offsetof(np_timeline, f) == offsetof(struct np_timeline_fields, f))
_Static_assert(sizeof(np_timeline) == sizeof(struct np_timeline_fields) &&
                   SAME_FIELD(appointment) && SAME_FIELD(policy) && SAME_FIELD(events) &&
                   SAME_FIELD(event_count) && SAME_FIELD(notes) && SAME_FIELD(note_count) &&
                   SAME_FIELD(renewed) && SAME_FIELD(has_conversion_window) &&
                   SAME_FIELD(promotion_reachable),
               "np_timeline changed: update np_py_timeline and its copies");

/* The core's timeline of `self` (notes past note_count are left unset). */
static void load_timeline(PyObject *self, np_timeline *t)
{
    const np_py_timeline *s = SELF(self);
    t->appointment = s->appointment;
    t->policy = s->policy;
    memcpy(t->events, s->events, s->event_count * sizeof *t->events);
    t->event_count = s->event_count;
    memcpy(t->notes, s->notes, (size_t)Py_SIZE(self) * sizeof *t->notes);
    t->note_count = (size_t)Py_SIZE(self);
    t->renewed = s->renewed;
    t->has_conversion_window = s->has_conversion_window;
    t->promotion_reachable = s->promotion_reachable;
}

PyObject *np_py_timeline_build(np_py_state *st, const np_policy *policy,
                               const np_appointment *appointment)
{
    np_timeline t; /* written field by field by the core */
    np_error err;
    if (np_timeline_build(&t, policy, appointment, &err) != NP_OK) return np_py_raise(st, &err);
    np_py_timeline *self =
        PyObject_NewVar(np_py_timeline, st->timeline_type, (Py_ssize_t)t.note_count);
    if (!self) return NULL;
    self->appointment = t.appointment;
    self->policy = t.policy;
    memcpy(self->events, t.events, t.event_count * sizeof *t.events);
    self->event_count = t.event_count;
    memcpy(self->notes, t.notes, t.note_count * sizeof *t.notes);
    self->renewed = t.renewed;
    self->has_conversion_window = t.has_conversion_window;
    self->promotion_reachable = t.promotion_reachable;
    memset(self->index, -1, sizeof self->index);
    for (size_t i = 0; i < t.event_count; i++) {
        const unsigned code = (unsigned)t.events[i].code;
        if (code < NP_EVENT_COUNT) self->index[code] = (signed char)i;
    }
    return (PyObject *)self;
}

/* The event with `code` (np_timeline_find on the stored events), or NULL. */
static const np_event *find_event(PyObject *self, np_event_code code)
{
    const np_py_timeline *s = SELF(self);
    if ((unsigned)code >= NP_EVENT_COUNT || s->index[code] < 0) return NULL;
    return &s->events[s->index[code]];
}

static void timeline_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    type->tp_free(self);
    Py_DECREF(type);
}

/* ---- conversions to Python values --------------------------------------- */

static PyObject *events_list(np_py_state *st, PyObject *self)
{
    const np_py_timeline *t = SELF(self);
    PyObject *list = PyList_New((Py_ssize_t)t->event_count);
    if (!list) return NULL;
    for (size_t i = 0; i < t->event_count; i++) {
        PyObject *e = np_py_event_new(st, &t->events[i]);
        if (!e) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, e);
    }
    return list;
}

/* Reads the optional status day `on` (None = no status). 1 with *out set,
 * 0 for None, -1 on error. */
static int status_day(np_py_state *st, const np_timeline *t, PyObject *on, const char *fname,
                      np_day_status *out)
{
    if (!on || on == Py_None) return 0;
    np_date day;
    if (np_py_to_date(st, on, fname, "on", &day) < 0) return -1;
    *out = np_timeline_status(t, day);
    return 1;
}

/* Looks an event code up with the core's parser: 1 found (*out set), 0 not a
 * valid code (*err set), -1 with a Python exception. */
static int event_code(const np_py_state *st, PyObject *key, np_event_code *out, np_error *err)
{
    /* t["contract_end"]: a literal, interned like the codes in the state. */
    for (int i = 0; i < NP_EVENT_COUNT; i++) {
        if (key == st->event_codes[i]) {
            *out = (np_event_code)i;
            return 1;
        }
    }
    Py_ssize_t len;
    const char *name = PyUnicode_AsUTF8AndSize(key, &len);
    if (!name) return -1;
    if (strlen(name) != (size_t)len) {
        np_error_set(err, NP_EINVAL, "an event code cannot contain a NUL character");
        return 0;
    }
    return np_event_code_parse(out, name, err) == NP_OK;
}

/* ---- mapping protocol ----------------------------------------------------- */

static Py_ssize_t timeline_length(PyObject *self) { return (Py_ssize_t)SELF(self)->event_count; }

static PyObject *timeline_subscript(PyObject *self, PyObject *key)
{
    if (!PyUnicode_Check(key)) {
        PyErr_Format(PyExc_TypeError, "Timeline keys are event codes (str), not %.100s",
                     Py_TYPE(key)->tp_name);
        return NULL;
    }
    np_py_state *st = np_py_state_of(self);
    np_event_code code;
    np_error err;
    const int found = event_code(st, key, &code, &err);
    if (found < 0) return NULL;
    if (!found) {
        PyObject *message = PyUnicode_FromString(err.message);
        if (message) PyErr_SetObject(PyExc_KeyError, message);
        Py_XDECREF(message);
        return NULL;
    }
    const np_event *e = find_event(self, code);
    if (!e) {
        PyErr_SetObject(PyExc_KeyError, key);
        return NULL;
    }
    return np_py_event_new(st, e);
}

static int timeline_contains(PyObject *self, PyObject *key)
{
    if (!PyUnicode_Check(key)) return 0;
    np_event_code code;
    np_error err;
    const int found = event_code(np_py_state_of(self), key, &code, &err);
    if (found <= 0) return found;
    return find_event(self, code) != NULL;
}

static PyObject *timeline_iter(PyObject *self)
{
    PyObject *list = events_list(np_py_state_of(self), self);
    if (!list) return NULL;
    PyObject *it = PyObject_GetIter(list);
    Py_DECREF(list);
    return it;
}

/* ---- attributes ------------------------------------------------------------ */

static PyObject *get_events(PyObject *self, void *closure)
{
    (void)closure;
    return events_list(np_py_state_of(self), self);
}

static PyObject *get_notes(PyObject *self, void *closure)
{
    (void)closure;
    np_timeline t;
    load_timeline(self, &t);
    return np_py_emit(np_py_state_of(self), &(np_result){.kind = NP_RESULT_NOTES, .timeline = &t});
}

static PyObject *get_appointment(PyObject *self, void *closure)
{
    (void)closure;
    const np_result r = {.kind = NP_RESULT_APPOINTMENT, .appointment = &SELF(self)->appointment};
    return np_py_emit(np_py_state_of(self), &r);
}

static PyObject *get_policy(PyObject *self, void *closure)
{
    (void)closure;
    return np_py_policy_new(np_py_state_of(self), &SELF(self)->policy);
}

static PyObject *get_renewed(PyObject *self, void *closure)
{
    (void)closure;
    return PyBool_FromLong(SELF(self)->renewed);
}

static PyObject *get_has_conversion_window(PyObject *self, void *closure)
{
    (void)closure;
    return PyBool_FromLong(SELF(self)->has_conversion_window);
}

static PyObject *get_promotion_reachable(PyObject *self, void *closure)
{
    (void)closure;
    return PyBool_FromLong(SELF(self)->promotion_reachable);
}

static PyGetSetDef timeline_getset[] = {
    {"events", get_events, NULL,
     "The events (list of natopost.Event) in the order of natopost.EVENT_CODES; absent events "
     "are left out.\n\n"
     "Example:\n"
     "    >>> [e.code for e in natopost.timeline('2025-09-01', renewal_months=0).events]\n"
     "    ['entry_on_duty', 'initial_contract_end', 'contract_end', 'max_service_end']",
     NULL},
    {"notes", get_notes, NULL,
     "Timeline-wide notes: a list of {'code': str, 'text': str} dicts.\n\n"
     "Example:\n"
     "    >>> [n['code'] for n in natopost.timeline('2024-02-29', kind='seconded').notes]\n"
     "    ['seconded_renewal', 'no_conversion_seconded']",
     NULL},
    {"appointment", get_appointment, NULL,
     "The appointment as resolved (policy values filled in), as a dict with the keys of the "
     "JSON 'appointment' object; 'start' is a datetime.date.\n\n"
     "Example:\n"
     "    >>> natopost.timeline('2025-09-01').appointment['renewal_months']\n"
     "    36",
     NULL},
    {"policy", get_policy, NULL,
     "The natopost.Policy the timeline was computed with.\n\n"
     "Example:\n"
     "    >>> natopost.timeline('2025-09-01').policy == natopost.Policy()\n"
     "    True",
     NULL},
    {"renewed", get_renewed, NULL,
     "True when the contract is renewed (renewal_months > 0).\n\n"
     "Example:\n"
     "    >>> natopost.timeline('2025-09-01', renewal_months=0).renewed\n"
     "    False",
     NULL},
    {"has_conversion_window", get_has_conversion_window, NULL,
     "True when the timeline has a (non-empty) conversion window.\n\n"
     "Example:\n"
     "    >>> natopost.timeline('2026-03-31', renewal_months=12).has_conversion_window\n"
     "    False",
     NULL},
    {"promotion_reachable", get_promotion_reachable, NULL,
     "True for a twin-graded post whose earliest promotion falls on or before the contract "
     "end.\n\n"
     "Example:\n"
     "    >>> natopost.timeline('2025-09-01', twin_grade=True).promotion_reachable\n"
     "    True",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- methods ----------------------------------------------------------------- */

/* get(code, default=None): `default` also by keyword, as dict.get users try. */
static PyObject *timeline_get(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                              PyObject *kwnames)
{
    const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    PyObject *fallback = nargs == 2 ? args[1] : Py_None;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *name = PyTuple_GET_ITEM(kwnames, k);
        if (!PyUnicode_Check(name) || PyUnicode_CompareWithASCIIString(name, "default") != 0 ||
            nargs == 2) {
            PyErr_Format(PyExc_TypeError, "get() got an unexpected keyword argument '%S'", name);
            return NULL;
        }
        fallback = args[nargs + k];
    }
    if (nargs < 1 || nargs > 2) {
        PyErr_Format(PyExc_TypeError, "get() takes 1 or 2 positional arguments (%zd given)", nargs);
        return NULL;
    }
    if (!np_py_to_utf8(args[0], "get", "code")) return NULL;
    np_py_state *st = np_py_state_of(self);
    np_event_code code;
    np_error err;
    const int found = event_code(st, args[0], &code, &err);
    if (found < 0) return NULL;
    if (!found) return np_py_raise(st, &err);
    const np_event *e = find_event(self, code);
    if (e) return np_py_event_new(st, e);
    return Py_NewRef(fallback);
}

static PyObject *timeline_status(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                 PyObject *kwnames)
{
    static const unsigned char params[] = {NP_PY_NAME_ON};
    np_py_state *st = np_py_state_of(self);
    PyObject *on;
    if (np_py_parse_args(st, "status", args, nargs, kwnames, params, 1, 1, 1, &on) < 0)
        return NULL;
    if (on == Py_None) {
        PyErr_SetString(PyExc_TypeError,
                        "status() argument 'on' must be a date (datetime.date, an ISO date str "
                        "\"YYYY-MM-DD\", or a datetime, pandas.Timestamp or numpy.datetime64 at "
                        "midnight), not None");
        return NULL;
    }
    np_timeline t;
    load_timeline(self, &t);
    np_day_status s;
    /* `on` is required and not None, so 1 (s set) or -1: never use s on 0. */
    if (status_day(st, &t, on, "status", &s) != 1) return NULL;
    return np_py_emit(st, &(np_result){.kind = NP_RESULT_STATUS, .status = &s});
}

static PyObject *timeline_to_dict(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                  PyObject *kwnames)
{
    static const unsigned char params[] = {NP_PY_NAME_ON};
    PyObject *on;
    if (np_py_parse_args(np_py_state_of(self), "to_dict", args, nargs, kwnames, params, 1, 1, 0,
                         &on) < 0)
        return NULL;
    np_py_state *st = np_py_state_of(self);
    np_timeline t;
    load_timeline(self, &t);
    np_day_status s;
    const int have_status = status_day(st, &t, on, "to_dict", &s);
    if (have_status < 0) return NULL;
    /* The keys and order of docs/timeline-json.md, from the core's walker. */
    const np_result r = {.kind = NP_RESULT_TIMELINE, .timeline = &t, .status = have_status ? &s : NULL};
    return np_py_emit(st, &r);
}

/* Takes ownership of a string from the core (free with np_free). */
static PyObject *core_text(np_py_state *st, char *text, const np_error *err)
{
    if (!text) return np_py_raise(st, err);
    PyObject *s = PyUnicode_FromString(text);
    np_free(text);
    return s;
}

static PyObject *timeline_to_json(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                  PyObject *kwnames)
{
    static const unsigned char params[] = {NP_PY_NAME_ON};
    PyObject *on;
    if (np_py_parse_args(np_py_state_of(self), "to_json", args, nargs, kwnames, params, 1, 1, 0,
                         &on) < 0)
        return NULL;
    np_py_state *st = np_py_state_of(self);
    np_day_status s;
    np_timeline t;
    load_timeline(self, &t);
    const int have_status = status_day(st, &t, on, "to_json", &s);
    if (have_status < 0) return NULL;
    np_error err;
    return core_text(st, np_timeline_to_json(&t, have_status ? &s : NULL, &err), &err);
}

static PyObject *timeline_to_ical(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                  PyObject *kwnames)
{
    static const unsigned char params[] = {NP_PY_NAME_DTSTAMP};
    PyObject *arg;
    if (np_py_parse_args(np_py_state_of(self), "to_ical", args, nargs, kwnames, params, 1, 1, 0,
                         &arg) < 0)
        return NULL;
    int64_t dtstamp = (int64_t)time(NULL);
    if (arg && arg != Py_None && np_py_to_unix_seconds(arg, "to_ical", "dtstamp", &dtstamp) < 0)
        return NULL;
    np_py_state *st = np_py_state_of(self);
    np_error err;
    np_timeline t;
    load_timeline(self, &t);
    return core_text(st, np_timeline_to_ical(&t, dtstamp, &err), &err);
}

static PyObject *timeline_repr(PyObject *self)
{
    const np_py_timeline *t = SELF(self);
    char start[NP_DATE_ISO_LEN + 1], end[NP_DATE_ISO_LEN + 1];
    np_date_format(t->appointment.start, start);
    const np_event *e = find_event(self, NP_EVENT_CONTRACT_END);
    if (e) np_date_format(e->date, end);
    else strcpy(end, "none");
    return PyUnicode_FromFormat("<natopost.Timeline %s%s from %s, contract_end %s, %zu events>",
                                np_kind_name(t->appointment.kind),
                                t->appointment.twin_grade ? " twin-graded" : "", start, end,
                                t->event_count);
}

/* ---- pickling and equality: a timeline is its resolved appointment and policy ---- */

static PyObject *timeline_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    const np_appointment *a = &SELF(self)->appointment;
    PyObject *rebuild = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "_from_parts");
    PyObject *policy = rebuild ? np_py_policy_new(np_py_state_of(self), &SELF(self)->policy) : NULL;
    PyObject *out = policy ? Py_BuildValue("(O(iiiiiiiiO))", rebuild, (int)a->start, (int)a->kind,
                                           a->initial_months, a->renewal_months, a->max_months,
                                           (int)a->twin_grade, a->reduction_months,
                                           (int)a->direct_higher, policy)
                           : NULL;
    Py_XDECREF(rebuild);
    Py_XDECREF(policy);
    return out;
}

/* Timeline._from_parts(start day, kind, initial, renewal, max, twin, reduction,
 * direct_higher, policy): the core rebuilds (and so re-checks) the timeline. */
static PyObject *timeline_from_parts(PyObject *cls, PyObject *args)
{
    np_py_state *st = (np_py_state *)PyType_GetModuleState((PyTypeObject *)cls);
    np_appointment a = NP_APPOINTMENT_INIT;
    int start, kind, twin, direct;
    PyObject *policy_obj;
    if (!PyArg_ParseTuple(args, "iiiiipipO", &start, &kind, &a.initial_months, &a.renewal_months,
                          &a.max_months, &twin, &a.reduction_months, &direct, &policy_obj))
        return NULL;
    const np_policy *policy = np_py_policy_get(st, policy_obj, "_from_parts", "policy");
    if (!policy) return NULL;
    if (kind < NP_KIND_EXTERNAL || kind > NP_KIND_SERVING) {
        PyErr_Format(PyExc_ValueError, "_from_parts(): kind %d is not a kind", kind);
        return NULL;
    }
    a.start = start;
    a.kind = (np_kind)kind;
    a.twin_grade = twin;
    a.direct_higher = direct;
    return np_py_timeline_build(st, policy, &a);
}

static bool same_appointment(const np_appointment *x, const np_appointment *y)
{
    return x->start == y->start && x->kind == y->kind && x->initial_months == y->initial_months &&
           x->renewal_months == y->renewal_months && x->max_months == y->max_months &&
           x->twin_grade == y->twin_grade && x->reduction_months == y->reduction_months &&
           x->direct_higher == y->direct_higher;
}

/* Equal when the resolved appointments and the policies are: the core's rules
 * then give the same events and notes. */
static PyObject *timeline_richcompare(PyObject *a, PyObject *b, int op)
{
    if (Py_TYPE(a) != Py_TYPE(b) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
    const bool equal = same_appointment(&SELF(a)->appointment, &SELF(b)->appointment) &&
                       np_policy_equal(&SELF(a)->policy, &SELF(b)->policy);
    return PyBool_FromLong(op == Py_EQ ? equal : !equal);
}

static Py_hash_t timeline_hash(PyObject *self)
{
    const np_appointment *a = &SELF(self)->appointment;
    PyObject *t = Py_BuildValue("(iiiiiiii)", (int)a->start, (int)a->kind, a->initial_months,
                                a->renewal_months, a->max_months, (int)a->twin_grade,
                                a->reduction_months, (int)a->direct_higher);
    if (!t) return -1;
    const Py_hash_t h = PyObject_Hash(t);
    Py_DECREF(t);
    return h;
}

#define FASTCALL_KW (METH_FASTCALL | METH_KEYWORDS)
#define FASTCALL_FN(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef timeline_methods[] = {
    {"__reduce__", timeline_reduce, METH_NOARGS,
     "Pickle support: the resolved appointment and the policy, rebuilt by the core."},
    {"_from_parts", timeline_from_parts, METH_VARARGS | METH_CLASS, NULL},
    {"get", FASTCALL_FN(timeline_get), FASTCALL_KW,
     "get($self, code, /, default=None)\n--\n\n"
     "The Event with `code`, or `default` when the timeline does not have it.\n"
     "Unlike t[code], an absent event is not an error; a string that is not an\n"
     "event code at all raises natopost.Error (a ValueError) listing the codes.\n"
     "\n"
     "Example:\n"
     "    >>> natopost.timeline('2025-09-01', renewal_months=0).get('renewal_start') is None\n"
     "    True\n"},
    {"status", FASTCALL_FN(timeline_status), FASTCALL_KW,
     "status($self, /, on)\n--\n\n"
     "Status at the end of day `on` (datetime.date or 'YYYY-MM-DD') as a dict:\n"
     "on (datetime.date), phase ('not_started', 'initial', 'renewal', 'ended'),\n"
     "days_to_contract_end (int, negative once ended), conversion_window_open,\n"
     "months_served (int, capped at the contract end), promotion_possible.\n"
     "\n"
     "Example:\n"
     "    >>> s = natopost.timeline('2025-09-01', twin_grade=True).status('2030-08-31')\n"
     "    >>> s['phase'], s['days_to_contract_end'], s['months_served']\n"
     "    ('renewal', 365, 60)\n"},
    {"to_dict", FASTCALL_FN(timeline_to_dict), FASTCALL_KW,
     "to_dict($self, /, on=None)\n--\n\n"
     "The timeline as a dict with the keys of the JSON format natopost.timeline/1\n"
     "(docs/timeline-json.md); dates are datetime.date. 'status' is present only\n"
     "when `on` is given.\n"
     "\n"
     "Example:\n"
     "    >>> d = natopost.timeline('2025-09-01').to_dict(on='2026-01-01')\n"
     "    >>> d['events'][-1]['code'], d['status']['phase']\n"
     "    ('max_service_end', 'initial')\n"},
    {"to_json", FASTCALL_FN(timeline_to_json), FASTCALL_KW,
     "to_json($self, /, on=None)\n--\n\n"
     "The timeline as JSON text (format natopost.timeline/1, written by the core),\n"
     "with the status at the end of day `on` when given.\n"
     "\n"
     "Example:\n"
     "    >>> import json\n"
     "    >>> json.loads(natopost.timeline('2025-09-01').to_json())['format']\n"
     "    'natopost.timeline/1'\n"},
    {"to_ical", FASTCALL_FN(timeline_to_ical), FASTCALL_KW,
     "to_ical($self, /, dtstamp=None)\n--\n\n"
     "The timeline as an iCalendar (RFC 5545) text: one all-day VEVENT per event,\n"
     "CRLF line ends. `dtstamp` (the DTSTAMP written) is a datetime.datetime\n"
     "(naive means local time, as datetime.timestamp() has it) or int Unix\n"
     "seconds; default: now.\n"
     "\n"
     "Example:\n"
     "    >>> ics = natopost.timeline('2025-09-01').to_ical(dtstamp=1700000000)\n"
     "    >>> ics.startswith('BEGIN:VCALENDAR\\r\\n'), ics.count('BEGIN:VEVENT')\n"
     "    (True, 8)\n"},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(timeline_doc,
"The contract and promotion timeline of one appointment (immutable).\n"
"\n"
"Made by natopost.timeline(). Acts as a read-only mapping from event code to\n"
"natopost.Event: t['contract_end'], t.get(code), code in t, len(t); iterating\n"
"yields the events in the order of natopost.EVENT_CODES. A code the timeline\n"
"does not have (renewal_start of a contract that is not renewed) raises\n"
"KeyError; so does a string that is not an event code (the message lists them).\n"
"\n"
"Example:\n"
"    >>> t = natopost.timeline('2025-09-01', twin_grade=True)\n"
"    >>> t['earliest_promotion'].date\n"
"    datetime.date(2028, 9, 1)\n"
"    >>> 'conversion_window_open' in t, len(t)\n"
"    (True, 9)\n");

static PyType_Slot timeline_slots[] = {
    {Py_tp_doc, (void *)timeline_doc},
    {Py_tp_dealloc, NP_PY_FN(timeline_dealloc)},
    {Py_tp_repr, NP_PY_FN(timeline_repr)},
    {Py_tp_iter, NP_PY_FN(timeline_iter)},
    {Py_tp_richcompare, NP_PY_FN(timeline_richcompare)},
    {Py_tp_hash, NP_PY_FN(timeline_hash)},
    {Py_tp_methods, timeline_methods},
    {Py_tp_getset, timeline_getset},
    {Py_mp_length, NP_PY_FN(timeline_length)},
    {Py_mp_subscript, NP_PY_FN(timeline_subscript)},
    {Py_sq_length, NP_PY_FN(timeline_length)},
    {Py_sq_contains, NP_PY_FN(timeline_contains)},
    {0, NULL},
};

PyType_Spec np_py_timeline_spec = {
    .name = "natopost.Timeline",
    .basicsize = sizeof(np_py_timeline),
    .itemsize = sizeof(np_note),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = timeline_slots,
};
