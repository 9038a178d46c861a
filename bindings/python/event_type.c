/* natopost.Event: one dated event of a timeline, an immutable value. */
#include "module.h"

#include <string.h>

/* The core's event by value: its code indexes the interned code and label
 * strings of the module state, its note is static text of the core. Only the
 * datetime.date costs an allocation, so it is made when first asked for. */
typedef struct {
    PyObject_HEAD
    np_event e;
    PyObject *date; /* datetime.date or NULL (not made yet) */
} np_py_event;

#define EVENT(o) ((np_py_event *)(o))

PyObject *np_py_event_new(np_py_state *st, const np_event *e)
{
    np_py_event *self = PyObject_New(np_py_event, st->event_type);
    if (!self) return NULL;
    self->e = *e;
    self->date = NULL;
    return (PyObject *)self;
}

static void event_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    Py_XDECREF(EVENT(self)->date);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject *get_code(PyObject *self, void *closure)
{
    (void)closure;
    return Py_NewRef(np_py_state_of(self)->event_codes[EVENT(self)->e.code]);
}

static PyObject *get_label(PyObject *self, void *closure)
{
    (void)closure;
    return Py_NewRef(np_py_state_of(self)->event_labels[EVENT(self)->e.code]);
}

static PyObject *get_date(PyObject *self, void *closure)
{
    (void)closure;
    np_py_event *ev = EVENT(self);
    if (!ev->date && !(ev->date = np_py_from_date(ev->e.date))) return NULL;
    return Py_NewRef(ev->date);
}

static PyObject *get_note(PyObject *self, void *closure)
{
    (void)closure;
    const char *note = EVENT(self)->e.note;
    return note ? PyUnicode_FromString(note) : Py_NewRef(Py_None);
}

static PyObject *event_repr(PyObject *self)
{
    PyObject *date = get_date(self, NULL);
    PyObject *note = date ? get_note(self, NULL) : NULL;
    np_py_state *st = np_py_state_of(self);
    PyObject *r = note ? PyUnicode_FromFormat("natopost.Event(code=%R, date=%R, label=%R, note=%R)",
                                              st->event_codes[EVENT(self)->e.code], date,
                                              st->event_labels[EVENT(self)->e.code], note)
                       : NULL;
    Py_XDECREF(date);
    Py_XDECREF(note);
    return r;
}

static bool same_note(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Equal when code, date and note are (the label follows from the code). */
static PyObject *event_richcompare(PyObject *a, PyObject *b, int op)
{
    if (Py_TYPE(a) != Py_TYPE(b) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
    const np_event *x = &EVENT(a)->e, *y = &EVENT(b)->e;
    const bool equal = x->code == y->code && x->date == y->date && same_note(x->note, y->note);
    return PyBool_FromLong(op == Py_EQ ? equal : !equal);
}

/* hash((code, date, label, note)), consistent with the comparison above. */
static Py_hash_t event_hash(PyObject *self)
{
    PyObject *date = get_date(self, NULL);
    PyObject *note = date ? get_note(self, NULL) : NULL;
    np_py_state *st = np_py_state_of(self);
    PyObject *t = note ? PyTuple_Pack(4, st->event_codes[EVENT(self)->e.code], date,
                                      st->event_labels[EVENT(self)->e.code], note)
                       : NULL;
    Py_XDECREF(date);
    Py_XDECREF(note);
    if (!t) return -1;
    const Py_hash_t h = PyObject_Hash(t);
    Py_DECREF(t);
    return h;
}

static PyGetSetDef event_getset[] = {
    {"code", get_code, NULL,
     "Stable event code, one of natopost.EVENT_CODES (e.g. 'contract_end').", NULL},
    {"date", get_date, NULL, "The event's date (datetime.date).", NULL},
    {"label", get_label, NULL, "Human-readable label (e.g. 'Contract end').", NULL},
    {"note", get_note, NULL,
     "A remark on the event (str), e.g. 'subject to the agreement of the national authority', "
     "or None.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
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
    {Py_tp_getset, event_getset},
    {0, NULL},
};

PyType_Spec np_py_event_spec = {
    .name = "natopost.Event",
    .basicsize = sizeof(np_py_event),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = event_slots,
};
