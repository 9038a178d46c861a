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

/* Pickle support: Event._from_parts(code, date, note). */
static PyObject *event_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *rebuild = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "_from_parts");
    PyObject *code = rebuild ? get_code(self, NULL) : NULL;
    PyObject *date = code ? get_date(self, NULL) : NULL;
    PyObject *note = date ? get_note(self, NULL) : NULL;
    PyObject *out = note ? Py_BuildValue("(O(OOO))", rebuild, code, date, note) : NULL;
    Py_XDECREF(rebuild);
    Py_XDECREF(code);
    Py_XDECREF(date);
    Py_XDECREF(note);
    return out;
}

/* An event from its parts, checked by the core: the code by its parser, the
 * date by np_py_to_date, the note against the core's own note texts. */
static PyObject *event_from_parts(PyObject *cls, PyObject *args)
{
    np_py_state *st = (np_py_state *)PyType_GetModuleState((PyTypeObject *)cls);
    PyObject *code_obj, *date_obj, *note_obj;
    if (!PyArg_ParseTuple(args, "UOO", &code_obj, &date_obj, &note_obj)) return NULL;
    np_event e = {NP_EVENT_CONTRACT_END, 0, NULL};
    np_error err;
    const char *code = np_py_to_utf8(code_obj, "_from_parts", "code");
    if (!code) return NULL;
    if (np_event_code_parse(&e.code, code, &err) != NP_OK) return np_py_raise(st, &err);
    if (np_py_to_date(st, date_obj, "_from_parts", "date", &e.date) < 0) return NULL;
    if (note_obj != Py_None) {
        const char *note = np_py_to_utf8(note_obj, "_from_parts", "note");
        if (!note) return NULL;
        if (!(e.note = np_event_note_find(note))) {
            PyErr_Format(PyExc_ValueError, "_from_parts(): %R is not a note of the core's events",
                         note_obj);
            return NULL;
        }
    }
    return np_py_event_new(st, &e);
}

static PyMethodDef event_methods[] = {
    {"__reduce__", event_reduce, METH_NOARGS, "Pickle support: the code, date and note."},
    {"_from_parts", event_from_parts, METH_VARARGS | METH_CLASS, NULL},
    {NULL, NULL, 0, NULL},
};

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
    {Py_tp_methods, event_methods},
    {0, NULL},
};

PyType_Spec np_py_event_spec = {
    .name = "natopost.Event",
    .basicsize = sizeof(np_py_event),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION,
    .slots = event_slots,
};
