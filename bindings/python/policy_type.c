/* natopost.Policy: the parameters of NATO's contract rules, an immutable
 * value wrapping the core's np_policy. The integer parameters (attributes,
 * keyword arguments, repr, to_dict) come from the core's introspection
 * (np_policy_int_param_*), so a new parameter needs no change here. */
#include "module.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    np_policy p;
} np_py_policy;

#define POLICY(o) (&((np_py_policy *)(o))->p)

/* The one parameter that is not an integer (not in the introspection). */
static const char SECONDED_CONVERSION[] = "seconded_conversion";

PyObject *np_py_policy_new(np_py_state *st, const np_policy *p)
{
    np_py_policy *self = PyObject_New(np_py_policy, st->policy_type);
    if (!self) return NULL;
    self->p = *p;
    return (PyObject *)self;
}

const np_policy *np_py_policy_get(np_py_state *st, PyObject *obj, const char *fname,
                                  const char *arg)
{
    if (Py_TYPE(obj) != st->policy_type) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be natopost.Policy or None, not %.100s",
                     fname, arg, Py_TYPE(obj)->tp_name);
        return NULL;
    }
    return POLICY(obj);
}

/* Value of the i-th integer parameter. */
static int int_param(const np_policy *p, size_t i)
{
    np_policy copy = *p;
    return *np_policy_int_param(&copy, np_policy_int_param_name(i));
}

int np_py_policy_names(np_py_state *st)
{
    const size_t count = np_policy_int_param_count(); /* <= NP_PY_POLICY_MAX_PARAMS: prepare */
    for (size_t i = 0; i <= count; i++) {
        const char *name = i < count ? np_policy_int_param_name(i) : SECONDED_CONVERSION;
        if (!(st->policy_names[i] = PyUnicode_InternFromString(name))) return -1;
        st->policy_name_count = (Py_ssize_t)i + 1;
    }
    return 0;
}

/* ---- construction ----------------------------------------------------------- */

static PyObject *policy_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    np_py_state *st = (np_py_state *)PyType_GetModuleState(type);
    if (PyTuple_GET_SIZE(args) != 0) {
        PyErr_SetString(PyExc_TypeError,
                        "Policy() takes keyword arguments only, e.g. Policy(renewal_months=24)");
        return NULL;
    }
    np_policy p = np_policy_default();
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (kwargs && PyDict_Next(kwargs, &pos, &key, &value)) {
        const char *name = np_py_to_utf8(key, "Policy", "keyword");
        if (!name) return NULL;
        if (strcmp(name, SECONDED_CONVERSION) == 0) {
            if (np_py_to_bool(value, "Policy", name, &p.seconded_conversion) < 0) return NULL;
            continue;
        }
        int *slot = np_policy_int_param(&p, name);
        if (!slot) {
            PyErr_Format(PyExc_TypeError, "Policy() got an unexpected keyword argument '%U'", key);
            return NULL;
        }
        if (np_py_to_int(value, "Policy", name, NULL, slot) < 0) return NULL;
    }
    np_error err;
    if (np_policy_validate(&p, &err) != NP_OK) return np_py_raise(st, &err);
    PyObject *self = type->tp_alloc(type, 0);
    if (self) *POLICY(self) = p;
    return self;
}

static void policy_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    type->tp_free(self);
    Py_DECREF(type);
}

/* ---- JSON and files ----------------------------------------------------------- */

static PyObject *policy_from_json(PyObject *cls, PyObject *text)
{
    np_py_state *st = (np_py_state *)PyType_GetModuleState((PyTypeObject *)cls);
    np_policy p;
    np_error err;
    np_py_text json;
    if (np_py_text_get(text, "from_json", NULL, &json) < 0) return NULL;
    const np_status rc = np_policy_from_json(&p, json.data, json.len, &err);
    np_py_text_release(&json);
    if (rc != NP_OK) return np_py_raise(st, &err);
    return np_py_policy_new(st, &p);
}

static PyObject *policy_load(PyObject *cls, PyObject *path)
{
    np_py_state *st = (np_py_state *)PyType_GetModuleState((PyTypeObject *)cls);
    PyObject *bytes = np_py_fs_path(path, "load", "path");
    if (!bytes) return NULL;
    np_policy p;
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_policy_load(&p, PyBytes_AS_STRING(bytes), &err);
    Py_END_ALLOW_THREADS
    Py_DECREF(bytes);
    if (rc != NP_OK) return np_py_raise(st, &err);
    return np_py_policy_new(st, &p);
}

static PyObject *policy_save(PyObject *self, PyObject *path)
{
    PyObject *bytes = np_py_fs_path(path, "save", "path");
    if (!bytes) return NULL;
    const np_policy p = *POLICY(self);
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_policy_save(&p, PyBytes_AS_STRING(bytes), &err);
    Py_END_ALLOW_THREADS
    Py_DECREF(bytes);
    if (rc != NP_OK) return np_py_raise(np_py_state_of(self), &err);
    Py_RETURN_NONE;
}

static PyObject *policy_to_json(PyObject *self, PyObject *unused)
{
    (void)unused;
    np_error err;
    char *text = np_policy_to_json(POLICY(self), &err);
    if (!text) return np_py_raise(np_py_state_of(self), &err);
    PyObject *s = PyUnicode_FromString(text);
    np_free(text);
    return s;
}

static PyObject *policy_to_dict(PyObject *self, PyObject *unused)
{
    (void)unused;
    return np_py_emit(np_py_state_of(self), &(np_result){.kind = NP_RESULT_POLICY, .policy = POLICY(self)});
}

/* Pickling and copying: Policy.from_json(p.to_json()). */
static PyObject *policy_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *from_json = PyObject_GetAttrString((PyObject *)Py_TYPE(self), "from_json");
    PyObject *json = from_json ? policy_to_json(self, NULL) : NULL;
    PyObject *result = json ? Py_BuildValue("(O(O))", from_json, json) : NULL;
    Py_XDECREF(from_json);
    Py_XDECREF(json);
    return result;
}

/* ---- value protocol ------------------------------------------------------------- */

static PyObject *policy_richcompare(PyObject *a, PyObject *b, int op)
{
    if (Py_TYPE(a) != Py_TYPE(b) || (op != Py_EQ && op != Py_NE)) Py_RETURN_NOTIMPLEMENTED;
    const bool equal = np_policy_equal(POLICY(a), POLICY(b));
    return PyBool_FromLong(op == Py_EQ ? equal : !equal);
}

static Py_hash_t policy_hash(PyObject *self)
{
    const size_t n = np_policy_int_param_count();
    PyObject *t = PyTuple_New((Py_ssize_t)n + 1);
    if (!t) return -1;
    for (size_t i = 0; i < n; i++) {
        PyObject *v = PyLong_FromLong(int_param(POLICY(self), i));
        if (!v) {
            Py_DECREF(t);
            return -1;
        }
        PyTuple_SET_ITEM(t, (Py_ssize_t)i, v);
    }
    PyTuple_SET_ITEM(t, (Py_ssize_t)n, PyBool_FromLong(POLICY(self)->seconded_conversion));
    const Py_hash_t h = PyObject_Hash(t);
    Py_DECREF(t);
    return h;
}

static PyObject *policy_repr(PyObject *self)
{
    char buf[512];
    size_t n = (size_t)snprintf(buf, sizeof buf, "natopost.Policy(");
    for (size_t i = 0; i < np_policy_int_param_count() && n < sizeof buf; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s=%d, ", np_policy_int_param_name(i),
                              int_param(POLICY(self), i));
    if (n < sizeof buf)
        snprintf(buf + n, sizeof buf - n, "%s=%s)", SECONDED_CONVERSION,
                 POLICY(self)->seconded_conversion ? "True" : "False");
    return PyUnicode_FromString(buf);
}

/* ---- attributes, from the core's introspection ------------------------------------ */

#define MAX_INT_PARAMS NP_PY_POLICY_MAX_PARAMS
static PyGetSetDef policy_getset[MAX_INT_PARAMS + 2];
static char policy_getset_doc[MAX_INT_PARAMS][80];
static char policy_doc[2048];

static PyObject *get_int_param(PyObject *self, void *closure)
{
    return PyLong_FromLong(int_param(POLICY(self), (size_t)(uintptr_t)closure));
}

static PyObject *get_seconded_conversion(PyObject *self, void *closure)
{
    (void)closure;
    return PyBool_FromLong(POLICY(self)->seconded_conversion);
}

static const char POLICY_DOC_BODY[] =
    "A contract policy: the numbers NATO's vacancy notices state (3-year definite\n"
    "duration contract, renewal up to 3 years, 6 years at most, twin-grade\n"
    "promotion normally after 3 years, reducible by up to 24 months, conversion\n"
    "requested no later than 12 months before the end). Immutable; compares and\n"
    "hashes by value. Every argument is keyword-only and defaults to the spec's\n"
    "value; the core validates them (natopost.Error, a ValueError, naming the\n"
    "parameter). Integer parameters are month counts.\n"
    "\n"
    "Also: Policy.from_json(text), Policy.load(path), p.save(path), p.to_json(),\n"
    "p.to_dict().\n"
    "\n"
    "Example:\n"
    "    >>> p = natopost.Policy(renewal_months=24)\n"
    "    >>> p.renewal_months, p.max_months\n"
    "    (24, 72)\n"
    "    >>> natopost.timeline('2025-09-01', policy=p)['contract_end'].date\n"
    "    datetime.date(2030, 8, 31)\n";

int np_py_policy_prepare(void)
{
    const size_t count = np_policy_int_param_count();
    if (count > MAX_INT_PARAMS) {
        PyErr_Format(PyExc_SystemError, "natopost: %zu policy parameters, at most %d supported",
                     count, MAX_INT_PARAMS);
        return -1;
    }
    const np_policy defaults = np_policy_default();
    size_t n = (size_t)snprintf(policy_doc, sizeof policy_doc, "Policy(*");
    for (size_t i = 0; i < count; i++) {
        const char *name = np_policy_int_param_name(i);
        snprintf(policy_getset_doc[i], sizeof policy_getset_doc[i],
                 "%s (int, months): the policy parameter of that name.", name);
        policy_getset[i] = (PyGetSetDef){name, get_int_param, NULL, policy_getset_doc[i],
                                         (void *)(uintptr_t)i};
        if (n < sizeof policy_doc)
            n += (size_t)snprintf(policy_doc + n, sizeof policy_doc - n, ", %s=%d", name,
                                  int_param(&defaults, i));
    }
    policy_getset[count] = (PyGetSetDef){
        SECONDED_CONVERSION, get_seconded_conversion, NULL,
        "seconded_conversion (bool): whether seconded staff are offered conversion to an "
        "indefinite contract.",
        NULL};
    policy_getset[count + 1] = (PyGetSetDef){NULL, NULL, NULL, NULL, NULL};
    if (n < sizeof policy_doc)
        n += (size_t)snprintf(policy_doc + n, sizeof policy_doc - n, ", %s=%s)\n--\n\n%s",
                              SECONDED_CONVERSION, defaults.seconded_conversion ? "True" : "False",
                              POLICY_DOC_BODY);
    if (n >= sizeof policy_doc) {
        PyErr_SetString(PyExc_SystemError, "natopost: Policy docstring too long");
        return -1;
    }
    return 0;
}

static PyMethodDef policy_methods[] = {
    {"from_json", policy_from_json, METH_O | METH_CLASS,
     "from_json($type, text, /)\n--\n\n"
     "A Policy from a JSON object (str or bytes). Absent keys keep the default;\n"
     "an unknown key, a wrong type or an out-of-range value raises natopost.Error\n"
     "(a ValueError) naming the key; malformed JSON gives .line and .column.\n"
     "\n"
     "Example:\n"
     "    >>> natopost.Policy.from_json('{\"renewal_months\": 24}').renewal_months\n"
     "    24\n"},
    {"load", policy_load, METH_O | METH_CLASS,
     "load($type, path, /)\n--\n\n"
     "Policy.from_json on the contents of a file (str or os.PathLike). OSError\n"
     "when the file cannot be read.\n"
     "\n"
     "Example:\n"
     "    >>> natopost.Policy(max_months=60, renewal_months=24).save('p.json')\n"
     "    >>> natopost.Policy.load('p.json').max_months\n"
     "    60\n"},
    {"save", policy_save, METH_O,
     "save($self, path, /)\n--\n\n"
     "Writes to_json() to a file, atomically (temporary file and rename).\n"
     "OSError when the file cannot be written.\n"
     "\n"
     "Example:\n"
     "    >>> natopost.Policy(renewal_months=0).save('no-renewal.json')\n"},
    {"to_json", policy_to_json, METH_NOARGS,
     "to_json($self, /)\n--\n\n"
     "Every parameter as a JSON object (the core's writer; keys in declaration order).\n"
     "\n"
     "Example:\n"
     "    >>> import json\n"
     "    >>> json.loads(natopost.Policy().to_json())['max_months']\n"
     "    72\n"},
    {"to_dict", policy_to_dict, METH_NOARGS,
     "to_dict($self, /)\n--\n\n"
     "Every parameter as a dict (the keys of the JSON object).\n"
     "\n"
     "Example:\n"
     "    >>> natopost.Policy().to_dict()['seconded_conversion']\n"
     "    False\n"},
    {"__reduce__", policy_reduce, METH_NOARGS, "Pickle support: Policy.from_json(p.to_json())."},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot policy_slots[] = {
    {Py_tp_doc, policy_doc},
    {Py_tp_new, NP_PY_FN(policy_new)},
    {Py_tp_dealloc, NP_PY_FN(policy_dealloc)},
    {Py_tp_repr, NP_PY_FN(policy_repr)},
    {Py_tp_richcompare, NP_PY_FN(policy_richcompare)},
    {Py_tp_hash, NP_PY_FN(policy_hash)},
    {Py_tp_methods, policy_methods},
    {Py_tp_getset, policy_getset},
    {0, NULL},
};

PyType_Spec np_py_policy_spec = {
    .name = "natopost.Policy",
    .basicsize = sizeof(np_py_policy),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = policy_slots,
};
