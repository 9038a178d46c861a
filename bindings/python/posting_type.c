/* natopost.Posting: a NATO vacancy notice read into the core's record
 * (np_posting), owned by the Python object and immutable from Python.
 *
 * Scalar attributes are converted straight from the C fields. The nested
 * ones (salary, requirements, contract, ...) and to_dict() are the core's
 * posting record (np_emit_posting, the JSON form's members) built by the
 * emitter, so the names and values the binding hands out are exactly the
 * documented ones, the same as Lua's, and no naming rule is repeated here. */
#include "module.h"

#include <stddef.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    np_posting *p; /* owned; never NULL */
} np_py_posting;

#define POSTING(o) (((np_py_posting *)(o))->p)

PyObject *np_py_posting_new(np_py_state *st, np_posting *p)
{
    np_py_posting *self = PyObject_New(np_py_posting, st->posting_type);
    if (!self) {
        np_posting_free(p);
        return NULL;
    }
    self->p = p;
    return (PyObject *)self;
}

const np_posting *np_py_posting_get(np_py_state *st, PyObject *obj, const char *fname,
                                    const char *arg)
{
    if (Py_TYPE(obj) != st->posting_type) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be natopost.Posting, not %.100s",
                     fname, arg, Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return POSTING(obj);
}

static void posting_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    np_posting_free(POSTING(self));
    type->tp_free(self);
    Py_DECREF(type);
}

/* ---- conversions ------------------------------------------------------------- */

static PyObject *text_or_none(const char *s)
{
    if (!s) Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}

/* A file name as os.fsdecode gives it: bytes that are not UTF-8 become
 * lone surrogates (surrogateescape), so os.fsencode gives them back. */
static PyObject *fs_name_or_none(const char *s)
{
    if (!s) Py_RETURN_NONE;
    return PyUnicode_DecodeFSDefault(s);
}

static PyObject *get_source(PyObject *self, void *closure)
{
    (void)closure;
    return fs_name_or_none(POSTING(self)->source);
}

static PyObject *date_or_none(np_py_state *st, np_date d)
{
    if (d == NP_DATE_NONE) Py_RETURN_NONE;
    if (!np_date_in_range(d)) {
        np_error err;
        np_error_set(&err, NP_EINVAL, "posting date %ld is outside 0001-01-01..9999-12-31", (long)d);
        return np_py_raise(st, &err);
    }
    return np_py_from_date(d);
}

static PyObject *grade_or_none(np_grade g)
{
    if (!np_grade_is_known(g)) Py_RETURN_NONE;
    char buf[NP_GRADE_TEXT_MAX];
    np_grade_format(g, buf);
    return PyUnicode_FromString(buf);
}

static PyObject *deadline_time(const np_deadline *d)
{
    if (d->minute < 0 || d->minute > 24 * 60 - 1) Py_RETURN_NONE;
    return np_py_from_minute(d->minute);
}

/* Takes a string from the core (free with np_free). */
static PyObject *core_text(np_py_state *st, np_status rc, char *text, const np_error *err)
{
    if (rc != NP_OK) return np_py_raise(st, err);
    PyObject *s = PyUnicode_FromString(text);
    np_free(text);
    return s;
}

/* ---- attributes ------------------------------------------------------------------ */

/* Closures: the offset of a char * member, or the JSON key of a nested member. */
#define OFFSET(field) ((void *)(uintptr_t)offsetof(np_posting, field))

static PyObject *get_text(PyObject *self, void *closure)
{
    const char *const *slot =
        (const char *const *)(const void *)((const char *)POSTING(self) + (uintptr_t)closure);
    return text_or_none(*slot);
}

static PyObject *get_date(PyObject *self, void *closure)
{
    const np_date *d = (const np_date *)(const void *)((const char *)POSTING(self) + (uintptr_t)closure);
    return date_or_none(np_py_state_of(self), *d);
}

static PyObject *get_deadline(PyObject *self, void *closure)
{
    (void)closure;
    return date_or_none(np_py_state_of(self), POSTING(self)->deadline.date);
}

static PyObject *get_deadline_time(PyObject *self, void *closure)
{
    (void)closure;
    return deadline_time(&POSTING(self)->deadline);
}

static PyObject *get_grade(PyObject *self, void *closure)
{
    (void)closure;
    return grade_or_none(POSTING(self)->grade);
}

static PyObject *get_clearance(PyObject *self, void *closure)
{
    (void)closure;
    const np_clearance c = POSTING(self)->clearance;
    if (c == NP_CLEARANCE_NONE) Py_RETURN_NONE;
    return PyUnicode_FromString(np_clearance_name(c));
}

static PyObject *get_clearance_atomal(PyObject *self, void *closure)
{
    (void)closure;
    return PyBool_FromLong(POSTING(self)->clearance_atomal);
}

static PyObject *get_fast_track(PyObject *self, void *closure)
{
    (void)closure;
    const np_tristate v = POSTING(self)->fast_track;
    if (v == NP_UNKNOWN) Py_RETURN_NONE;
    return PyBool_FromLong(v == NP_YES);
}

static PyObject *get_language(PyObject *self, void *closure)
{
    (void)closure;
    const char *code = POSTING(self)->language;
    if (!code[0]) Py_RETURN_NONE;
    return PyUnicode_FromString(code);
}

/* A member of the posting record (np_emit_posting_member): a new object each
 * time, so mutating it does not change the posting. */
static PyObject *get_record_member(PyObject *self, void *closure)
{
    const np_result r = {.kind = NP_RESULT_POSTING_MEMBER, .posting = POSTING(self),
                         .member = closure};
    return np_py_emit(np_py_state_of(self), &r);
}

/* Attributes the getset table below does not list (a field added to the
 * core's schema, model/posting_schema.h, before it gets a documented getter
 * here) are read from the posting record all the same, so that a new field
 * reaches Python without an edit in this file. */
static PyObject *posting_getattro(PyObject *self, PyObject *name)
{
    PyObject *found = PyObject_GenericGetAttr(self, name);
    if (found || !PyErr_ExceptionMatches(PyExc_AttributeError) || !PyUnicode_Check(name))
        return found;
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    const char *key = PyUnicode_AsUTF8(name);
    PyObject *member = NULL;
    if (key && key[0] != '_') {
        const np_result r = {.kind = NP_RESULT_POSTING_MEMBER, .posting = POSTING(self),
                             .member = key};
        member = np_py_emit(np_py_state_of(self), &r);
    }
    if (member || (PyErr_Occurred() && PyErr_ExceptionMatches(PyExc_MemoryError))) {
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        return member;
    }
    PyErr_Clear(); /* not a member of the record either: the AttributeError stands */
    PyErr_Restore(type, value, tb);
    return NULL;
}

#define TEXT(name, doc) {#name, get_text, NULL, doc, OFFSET(name)}
#define NESTED(name, doc) {#name, get_record_member, NULL, doc, (void *)#name}

static PyGetSetDef posting_getset[] = {
    TEXT(id, "Stable identifier (str): the requisition number, else a content hash.\n\n"
             "Example:\n    >>> natopost.read_notice('VACANCY\\nTitle: Officer\\n').id[:6]\n    'fnv1a:'"),
    {"source", get_source, NULL,
     "Where the notice was read from (str, e.g. the file path) or None. A file name that is "
     "not UTF-8 comes as os.fsdecode gives it (os.fsencode(p.source) is the exact bytes).",
     NULL},
    {"language", get_language, NULL,
     "The notice's language: 'en' or 'fr', None when the reader could not decide.\n\n"
     "Example:\n    >>> natopost.read_notice_file(seed('000')).language\n    'en'",
     NULL},
    TEXT(title, "The post's title (str) or None when the notice states none.\n\n"
                "Example:\n    >>> natopost.read_notice_file(seed('000')).title\n    'Officer, Logistics'"),
    TEXT(body, "The NATO body (str, e.g. 'International Staff') or None."),
    TEXT(location, "Where the post is, as written (str, e.g. 'Brussels, Belgium') or None."),
    TEXT(division, "The division (str) or None."),
    TEXT(directorate, "The directorate (str) or None."),
    TEXT(section, "The section (str) or None."),
    TEXT(grade_text, "The grade as the notice writes it (str, e.g. 'NATO Grade G20') or None."),
    {"grade", get_grade, NULL,
     "The grade in canonical form (str): 'G20', twin grades 'G15/G16', old style 'A2/A3'; "
     "None when not stated. The JSON form (to_json()) also has the G numbers of both ends.\n\n"
     "Example:\n    >>> natopost.read_notice_file(seed('004')).grade\n    'G20'",
     NULL},
    NESTED(salary, "The salary as a dict {'amount': float | None, 'currency': str | None, "
                   "'basis': str | None, 'tax_free': bool | None (None when the notice does not say)}, "
                   "or None when the notice states no "
                   "pay.\n\n"
                   "Example:\n    >>> natopost.read_notice_file(seed('004')).salary['amount']\n"
                   "    9253.21"),
    {"deadline", get_deadline, NULL,
     "The application deadline's date (datetime.date) or None. Always a date; the time of "
     "day, when the notice states one, is deadline_time.\n\n"
     "Example:\n    >>> natopost.read_notice_file(seed('000')).deadline\n"
     "    datetime.date(2025, 4, 22)",
     NULL},
    {"deadline_time", get_deadline_time, NULL,
     "The deadline's time of day (datetime.time, local to the notice, no time zone) or None "
     "when the notice gives only a date.\n\n"
     "Example:\n    >>> natopost.read_notice_file(seed('004')).deadline_time\n"
     "    datetime.time(17, 59)",
     NULL},
    {"published", get_date, NULL, "Publication date (datetime.date) or None.", OFFSET(published)},
    {"updated", get_date, NULL, "Date of the last update (datetime.date) or None.", OFFSET(updated)},
    TEXT(requisition, "The requisition number (str, e.g. '251043') or None."),
    {"clearance", get_clearance, NULL,
     "The security clearance the post requires (str: 'NATO RESTRICTED', 'NATO CONFIDENTIAL', "
     "'NATO SECRET', 'COSMIC TOP SECRET') or None.\n\n"
     "Example:\n    >>> natopost.read_notice_file(seed('004')).clearance\n    'NATO SECRET'",
     NULL},
    {"clearance_atomal", get_clearance_atomal, NULL, "True when ATOMAL access is required.", NULL},
    {"fast_track", get_fast_track, NULL,
     "True for a fast-track competition (stated as such), False when the notice says it is "
     "not one, None when it does not say.\n\n"
     "Example:\n    >>> natopost.read_notice_file(seed('004')).fast_track\n    True",
     NULL},
    TEXT(summary, "The summary section (str) or None."),
    NESTED(accountabilities, "The accountabilities: a list of {'heading': str | None, 'text': str, "
                             "'line': int} dicts."),
    NESTED(interrelationships, "{'reports_to', 'direct_reports', 'indirect_reports', 'text': "
                               "str | None, 'line': int} or None."),
    NESTED(competencies, "The competencies: a list of {'name': str, 'descriptor': str | None, "
                         "'line': int} dicts.\n\n"
                         "Example:\n    >>> len(natopost.read_notice_file(seed('000')).competencies)\n"
                         "    8"),
    NESTED(requirements,
           "The requirements, essential and desirable in notice order: a list of dicts {'kind', "
           "'essential', 'text', 'line', 'as'} where 'as' holds the typed part under the kind's "
           "name (None for kind 'other'), as in the JSON form (docs/posting-json.md).\n\n"
           "Example:\n    >>> [r['as']['languages'] for r in natopost.read_notice_file(seed('000')).requirements\n"
           "    ...  if r['kind'] == 'languages']\n"
           "    [{'form': 'either_or', 'one': 'V', 'other': 'I', 'english': None, 'french': None, "
           "'or_higher': False}]"),
    NESTED(contract, "The contract terms as a dict (definite_months, renewal_months, "
                     "max_service_months: int | None, conversion_possible: bool | None, ...) or "
                     "None when the notice states none.\n\n"
                     "Example:\n    >>> natopost.read_notice_file(seed('000')).contract['max_service_months']\n"
                     "    72"),
    NESTED(lines, "The source line (1-based; 0 = not from the text) of each scalar field, as a "
                  "dict."),
    NESTED(diagnostics, "What the reader could not read: a list of {'severity': 'info' | "
                        "'warning' | 'error', 'line': int, 'field': str | None, 'message': str}.\n\n"
                        "Example:\n    >>> [d['field'] for d in natopost.read_notice_file(seed('002')).diagnostics][:1]\n"
                        "    ['title']"),
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- methods ------------------------------------------------------------------------ */

static PyObject *posting_to_dict(PyObject *self, PyObject *unused)
{
    (void)unused;
    const np_result r = {.kind = NP_RESULT_POSTING, .posting = POSTING(self)};
    return np_py_emit(np_py_state_of(self), &r);
}

static PyObject *posting_to_json(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                 PyObject *kwnames)
{
    static const unsigned char params[] = {NP_PY_NAME_PRETTY};
    np_py_state *st = np_py_state_of(self);
    PyObject *arg;
    if (np_py_parse_args(st, "to_json", args, nargs, kwnames, params, 1, 1, 0, &arg) < 0)
        return NULL;
    bool pretty = false;
    if (arg && np_py_to_bool(arg, "to_json", "pretty", &pretty) < 0) return NULL;
    char *text;
    np_error err;
    const np_status rc = np_posting_to_json(&text, POSTING(self), pretty, &err);
    return core_text(st, rc, text, &err);
}

static PyObject *posting_to_jsonld(PyObject *self, PyObject *unused)
{
    (void)unused;
    np_py_state *st = np_py_state_of(self);
    char *text;
    np_error err;
    const np_status rc = np_posting_to_jsonld(&text, POSTING(self), &err);
    return core_text(st, rc, text, &err);
}

static PyObject *posting_from_json(PyObject *cls, PyObject *text)
{
    np_py_state *st = (np_py_state *)PyType_GetModuleState((PyTypeObject *)cls);
    np_posting *p = NULL;
    np_error err;
    np_py_text json;
    if (np_py_text_get(text, "from_json", NULL, &json) < 0) return NULL;
    const np_status rc = np_posting_from_json(&p, json.data, json.len, &err);
    np_py_text_release(&json);
    if (rc != NP_OK) return np_py_raise(st, &err);
    return np_py_posting_new(st, p);
}

static PyObject *posting_timeline(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                  PyObject *kwnames)
{
    enum { START, KIND, REDUCTION, DIRECT, COUNT };
    static const unsigned char params[COUNT] = {NP_PY_NAME_START, NP_PY_NAME_KIND,
                                                NP_PY_NAME_REDUCTION, NP_PY_NAME_DIRECT};
    np_py_state *st = np_py_state_of(self);
    PyObject *a[COUNT];
    if (np_py_parse_args(st, "timeline", args, nargs, kwnames, params, COUNT, 1, 1, a) < 0)
        return NULL;
    np_appointment appointment;
    if (np_py_to_date(st, a[START], "timeline", "start", &appointment.start) < 0) return NULL;
    PyObject *appointment_args[NP_PY_APPOINTMENT_ARGS] = {NULL};
    appointment_args[NP_PY_ARG_KIND] = a[KIND];
    appointment_args[NP_PY_ARG_REDUCTION] = a[REDUCTION];
    appointment_args[NP_PY_ARG_DIRECT] = a[DIRECT];
    const np_policy *unused;
    if (np_py_to_appointment(st, "timeline", appointment_args, &appointment, &unused) < 0)
        return NULL;
    /* The posting's contract terms are the policy; its grade or twin-grade
     * note makes the post twin-graded. */
    np_policy policy;
    bool twin_grade;
    np_error err;
    if (np_posting_policy(&policy, &twin_grade, POSTING(self), &err) != NP_OK)
        return np_py_raise(st, &err);
    appointment.twin_grade = twin_grade;
    return np_py_timeline_build(st, &policy, &appointment);
}

/* Pickling and copying: Posting.from_json(p.to_json()). */
static PyObject *posting_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *from_json = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "from_json");
    PyObject *json = from_json ? posting_to_json(self, NULL, 0, NULL) : NULL;
    PyObject *result = json ? Py_BuildValue("(O(O))", from_json, json) : NULL;
    Py_XDECREF(from_json);
    Py_XDECREF(json);
    return result;
}

/* ---- value protocol ------------------------------------------------------------------ */

static PyObject *posting_richcompare(PyObject *a, PyObject *b, int op)
{
    if (Py_TYPE(a) != Py_TYPE(b) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
    const bool equal = np_posting_equal(POSTING(a), POSTING(b), NULL, 0);
    return PyBool_FromLong(op == Py_EQ ? equal : !equal);
}

static PyObject *posting_repr(PyObject *self)
{
    const np_posting *p = POSTING(self);
    PyObject *title = text_or_none(p->title);
    PyObject *grade = grade_or_none(p->grade);
    if (!title || !grade) {
        Py_XDECREF(title);
        Py_XDECREF(grade);
        return NULL;
    }
    char deadline[32] = "None";
    if (np_date_in_range(p->deadline.date)) {
        np_date_format(p->deadline.date, deadline);
        if (p->deadline.minute >= 0 && p->deadline.minute < 24 * 60)
            snprintf(deadline + NP_DATE_ISO_LEN, sizeof deadline - NP_DATE_ISO_LEN, " %02d:%02d",
                     p->deadline.minute / 60, p->deadline.minute % 60);
    }
    PyObject *r = PyUnicode_FromFormat("<natopost.Posting title=%R grade=%R deadline=%s>", title,
                                       grade, deadline);
    Py_DECREF(title);
    Py_DECREF(grade);
    return r;
}

#define FASTCALL_KW (METH_FASTCALL | METH_KEYWORDS)
#define FASTCALL_FN(f) (PyCFunction)(void (*)(void))(f)

static PyMethodDef posting_methods[] = {
    {"to_dict", posting_to_dict, METH_NOARGS,
     "to_dict($self, /)\n--\n\n"
     "The posting as a dict of plain Python values, one key per attribute, in the\n"
     "order of the JSON form: str / None, bool, int, float, lists and dicts as in\n"
     "the JSON form (docs/posting-json.md), dates as datetime.date (deadline,\n"
     "published, updated), 'deadline_time' as datetime.time or None, 'grade' as\n"
     "its canonical text. A list of them makes a pandas DataFrame.\n"
     "\n"
     "Example:\n"
     "    >>> import pandas as pd\n"
     "    >>> ps = [natopost.read_notice_file(seed(s)) for s in ('000', '004')]\n"
     "    >>> pd.DataFrame([p.to_dict() for p in ps])[['title', 'grade', 'deadline']]\n"
     "                    title grade    deadline\n"
     "    0  Officer, Logistics  None  2025-04-22\n"
     "    1   Executive Officer   G20  2025-11-03\n"},
    {"to_json", FASTCALL_FN(posting_to_json), FASTCALL_KW,
     "to_json($self, /, pretty=False)\n--\n\n"
     "The posting in the natopost JSON form (format natopost.posting/1, written by\n"
     "the core; docs/posting-json.md) as a str: compact on one line, or indented\n"
     "when pretty=True. Posting.from_json(p.to_json()) == p.\n"
     "\n"
     "Example:\n"
     "    >>> import json\n"
     "    >>> json.loads(natopost.read_notice_file(seed('004')).to_json())['deadline']\n"
     "    {'date': '2025-11-03', 'time': '17:59'}\n"},
    {"to_jsonld", posting_to_jsonld, METH_NOARGS,
     "to_jsonld($self, /)\n--\n\n"
     "The posting as a schema.org JobPosting in JSON-LD (a str, like to_json()),\n"
     "for search engines and knowledge graphs. Only what the posting states is\n"
     "written.\n"
     "\n"
     "Example:\n"
     "    >>> import json\n"
     "    >>> json.loads(natopost.read_notice_file(seed('004')).to_jsonld())['validThrough']\n"
     "    '2025-11-03T17:59'\n"},
    {"from_json", posting_from_json, METH_O | METH_CLASS,
     "from_json($type, text, /)\n--\n\n"
     "A Posting from its JSON form (str or bytes). Every key but \"format\" may be\n"
     "absent (the field is then not stated); an unknown key, a wrong type, an\n"
     "out-of-range number or a date that does not exist raises natopost.Error (a\n"
     "ValueError) naming the JSON path; malformed JSON gives .line and .column.\n"
     "\n"
     "Example:\n"
     "    >>> p = natopost.read_notice_file(seed('003'))\n"
     "    >>> natopost.Posting.from_json(p.to_json()) == p\n"
     "    True\n"},
    {"from_dict", np_py_posting_from_dict, METH_O | METH_CLASS,
     "from_dict($type, d, /)\n--\n\n"
     "A Posting from a dict shaped like to_dict() (dates as datetime.date or ISO\n"
     "strings, grade as 'G15/G16', deadline_time as datetime.time) or like the JSON\n"
     "form. Every key may be left out (then the field is not stated); the core's\n"
     "reader checks the rest: an unknown key or a wrong value raises\n"
     "natopost.Error (a ValueError) naming it, a value that is not JSON data a\n"
     "TypeError naming its key.\n"
     "\n"
     "Example:\n"
     "    >>> p = natopost.Posting.from_dict({'title': 'Officer', 'grade': 'G15'})\n"
     "    >>> p.title, p.grade, p.deadline\n"
     "    ('Officer', 'G15', None)\n"
     "    >>> q = natopost.read_notice_file(seed('004'))\n"
     "    >>> natopost.Posting.from_dict(q.to_dict()) == q\n"
     "    True\n"},
    {"timeline", FASTCALL_FN(posting_timeline), FASTCALL_KW,
     "timeline($self, /, start, *, kind='external', reduction_months=0,\n"
     "         direct_higher=False)\n--\n\n"
     "The contract timeline (natopost.Timeline) of an appointment to this post on\n"
     "`start` (datetime.date or 'YYYY-MM-DD'): the posting's contract terms are\n"
     "the policy, and the post is twin-graded when its grade is a twin grade or\n"
     "the notice carries the twin-grade note. A posting without contract terms\n"
     "raises natopost.Error (a ValueError): 'the posting states no contract\n"
     "terms'; nothing is guessed.\n"
     "\n"
     "Example:\n"
     "    >>> t = natopost.read_notice_file(seed('000')).timeline('2025-09-01')\n"
     "    >>> t['contract_end'].date, t.appointment['twin_grade']\n"
     "    (datetime.date(2031, 8, 31), True)\n"},
    {"__reduce__", posting_reduce, METH_NOARGS, "Pickle support: Posting.from_json(p.to_json())."},
    {NULL, NULL, 0, NULL},
};

PyDoc_STRVAR(posting_doc,
"A NATO vacancy notice read into a typed record (immutable).\n"
"\n"
"Made by natopost.read_notice(), natopost.read_notice_file(), natopost.load()\n"
"and Posting.from_json(). Attributes give the fields as Python values; what the\n"
"notice does not state is None (the reader never invents a value). Compares by\n"
"value (==); pickles through its JSON form. The posting owns its data: it stays\n"
"valid after the text it was read from is gone.\n"
"\n"
"Dates are datetime.date; the deadline is always a date (deadline) and its time\n"
"of day, when stated, a separate datetime.time (deadline_time).\n"
"\n"
"In the examples, seed('004') is the path of a notice file, e.g.\n"
"'../shared/seeds/004_64347a47c4e36458.txt'.\n"
"\n"
"Example:\n"
"    >>> p = natopost.read_notice_file(seed('004'))\n"
"    >>> p.title, p.grade, p.deadline, p.deadline_time, p.clearance\n"
"    ('Executive Officer', 'G20', datetime.date(2025, 11, 3), datetime.time(17, 59), 'NATO SECRET')\n");

static PyType_Slot posting_slots[] = {
    {Py_tp_doc, (void *)posting_doc},
    {Py_tp_dealloc, NP_PY_FN(posting_dealloc)},
    {Py_tp_repr, NP_PY_FN(posting_repr)},
    {Py_tp_richcompare, NP_PY_FN(posting_richcompare)},
    {Py_tp_hash, NP_PY_FN(PyObject_HashNotImplemented)},
    {Py_tp_methods, posting_methods},
    {Py_tp_getset, posting_getset},
    {Py_tp_getattro, NP_PY_FN(posting_getattro)},
    {0, NULL},
};

PyType_Spec np_py_posting_spec = {
    .name = "natopost.Posting",
    .basicsize = sizeof(np_py_posting),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = posting_slots,
};
