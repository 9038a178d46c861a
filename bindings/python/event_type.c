/* natopost.Event: one dated event of a timeline, an immutable value. */
#include "module.h"

#include <structmember.h>

typedef struct {
    PyObject_HEAD
    PyObject *code;  /* str */
    PyObject *date;  /* datetime.date */
    PyObject *label; /* str */
    PyObject *note;  /* str or None */
} np_py_event;

PyObject *np_py_event_new(np_py_state *st, const np_event *e)
{
    np_py_event *self = PyObject_New(np_py_event, st->event_type);
    if (!self) return NULL;
    self->code = Py_NewRef(st->event_codes[e->code]);
    self->label = Py_NewRef(st->event_labels[e->code]);
    self->note = e->note ? PyUnicode_FromString(e->note) : Py_NewRef(Py_None);
    self->date = np_py_from_date(e->date);
    if (!self->note || !self->date) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static void event_dealloc(np_py_event *self)
{
    PyTypeObject *type = Py_TYPE(self);
    Py_XDECREF(self->code);
    Py_XDECREF(self->date);
    Py_XDECREF(self->label);
    Py_XDECREF(self->note);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject *event_repr(np_py_event *self)
{
    return PyUnicode_FromFormat("natopost.Event(code=%R, date=%R, label=%R, note=%R)", self->code,
                                self->date, self->label, self->note);
}

static PyObject *event_as_tuple(np_py_event *self)
{
    return PyTuple_Pack(4, self->code, self->date, self->label, self->note);
}

static PyObject *event_richcompare(PyObject *a, PyObject *b, int op)
{
    if (Py_TYPE(a) != Py_TYPE(b) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
    PyObject *ta = event_as_tuple((np_py_event *)a);
    PyObject *tb = ta ? event_as_tuple((np_py_event *)b) : NULL;
    PyObject *result = tb ? PyObject_RichCompare(ta, tb, op) : NULL;
    Py_XDECREF(ta);
    Py_XDECREF(tb);
    return result;
}

static Py_hash_t event_hash(np_py_event *self)
{
    PyObject *t = event_as_tuple(self);
    if (!t) return -1;
    const Py_hash_t h = PyObject_Hash(t);
    Py_DECREF(t);
    return h;
}

static PyMemberDef event_members[] = {
    {"code", T_OBJECT, offsetof(np_py_event, code), READONLY,
     "Stable event code, one of natopost.EVENT_CODES (e.g. 'contract_end')."},
    {"date", T_OBJECT, offsetof(np_py_event, date), READONLY, "The event's date (datetime.date)."},
    {"label", T_OBJECT, offsetof(np_py_event, label), READONLY,
     "Human-readable label (e.g. 'Contract end')."},
    {"note", T_OBJECT, offsetof(np_py_event, note), READONLY,
     "A remark on the event (str), e.g. 'subject to the agreement of the national authority', "
     "or None."},
    {NULL, 0, 0, 0, NULL},
};

PyDoc_STRVAR(event_doc,
"One dated event of a contract timeline (immutable; compares by value).\n"
"\n"
"Attributes: code (str), date (datetime.date), label (str), note (str or None).\n"
"Events come from a Timeline; they cannot be created directly.\n"
"\n"
"Example:\n"
"    >>> e = natopost.timeline('2025-09-01')['contract_end']\n"
"    >>> e.code, e.date, e.label, e.note\n"
"    ('contract_end', datetime.date(2031, 8, 31), 'Contract end', None)\n");

static PyType_Slot event_slots[] = {
    {Py_tp_doc, (void *)event_doc},
    {Py_tp_dealloc, NP_PY_FN(event_dealloc)},
    {Py_tp_repr, NP_PY_FN(event_repr)},
    {Py_tp_richcompare, NP_PY_FN(event_richcompare)},
    {Py_tp_hash, NP_PY_FN(event_hash)},
    {Py_tp_members, event_members},
    {0, NULL},
};

PyType_Spec np_py_event_spec = {
    .name = "natopost.Event",
    .basicsize = sizeof(np_py_event),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = event_slots,
};
