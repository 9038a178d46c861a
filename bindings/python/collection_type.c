/* natopost._natopost._Collection: a core np_collection (collection.h) and
 * eligibility (candidate.h). The public Collection, Result and Candidate
 * classes (python/natopost/_collection.py) are thin Python wrappers over
 * this type: every parse, query and rule is the core's.
 *
 * The core's collection is not thread-safe, and add() and queries release
 * the GIL while the core works, so every method holds the object's own lock
 * while it touches the collection (or a result, which reads it). The lock
 * is waited for without the GIL: the thread holding it may need the GIL to
 * finish. */
#include "module.h"

#include <pythread.h>

#include "natopost/candidate.h"
#include "natopost/collection.h"
#include "natopost/posting_fields.h"

typedef struct {
    PyObject_HEAD
    np_collection *collection;
    PyThread_type_lock lock;
} collection_object;

static void collection_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    collection_object *c = (collection_object *)self;
    np_collection_free(c->collection);
    if (c->lock) PyThread_free_lock(c->lock);
    type->tp_free(self);
    Py_DECREF(type);
}

/* Takes the object's lock; called with the GIL held, which it gives up
 * only while it waits. */
static np_collection *lock_collection(PyObject *self)
{
    collection_object *c = (collection_object *)self;
    if (!PyThread_acquire_lock(c->lock, NOWAIT_LOCK)) {
        Py_BEGIN_ALLOW_THREADS
        PyThread_acquire_lock(c->lock, WAIT_LOCK);
        Py_END_ALLOW_THREADS
    }
    return c->collection;
}

static void unlock_collection(PyObject *self)
{
    PyThread_release_lock(((collection_object *)self)->lock);
}

static PyObject *collection_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    if (PyTuple_GET_SIZE(args) != 0 || (kwargs && PyDict_GET_SIZE(kwargs) != 0)) {
        PyErr_SetString(PyExc_TypeError, "_Collection() takes no arguments");
        return NULL;
    }
    collection_object *self = (collection_object *)type->tp_alloc(type, 0);
    if (!self) return NULL;
    if (!(self->lock = PyThread_allocate_lock())) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    np_error err;
    if (np_collection_new(&self->collection, &err) != NP_OK) {
        /* The state before the object goes: it is found through its type. */
        PyObject *raised = np_py_raise(np_py_state_of((PyObject *)self), &err);
        Py_DECREF(self);
        return raised;
    }
    return (PyObject *)self;
}

static Py_ssize_t collection_len(PyObject *self)
{
    const size_t n = np_collection_count(lock_collection(self));
    unlock_collection(self);
    return (Py_ssize_t)n;
}

/* add(item): a path (str or os.PathLike: a notice, a folder, .json/.ndjson)
 * or a natopost.Posting. */
static PyObject *collection_add(PyObject *self, PyObject *item)
{
    np_py_state *st = np_py_state_of(self);
    np_error err;
    np_status status;
    if (PyObject_TypeCheck(item, st->posting_type)) {
        const np_posting *p = np_py_posting_get(st, item, "add", "item");
        if (!p) return NULL;
        status = np_collection_add_posting(lock_collection(self), p, &err);
        unlock_collection(self);
    } else {
        PyObject *bytes = np_py_fs_path(item, "add", "item");
        if (!bytes) {
            if (!PyErr_ExceptionMatches(PyExc_TypeError)) return NULL; /* a NUL inside */
            PyErr_Clear();
            PyErr_Format(PyExc_TypeError,
                         "add() argument 'item' must be a path (str, bytes or os.PathLike) or a natopost.Posting, "
                         "not %.100s",
                         Py_TYPE(item)->tp_name);
            return NULL;
        }
        np_collection *c = lock_collection(self);
        Py_BEGIN_ALLOW_THREADS
        status = np_collection_add_path(c, PyBytes_AS_STRING(bytes), &err);
        Py_END_ALLOW_THREADS
        unlock_collection(self);
        Py_DECREF(bytes);
    }
    if (status != NP_OK) return np_py_raise(st, &err);
    Py_RETURN_NONE;
}

/* A query value as the Python value a DataFrame column wants. */
static PyObject *value_to_python(const np_qvalue *v)
{
    if (v->is_null) Py_RETURN_NONE;
    char buf[64];
    switch (v->type) {
    case NP_QTYPE_TEXT: return PyUnicode_DecodeUTF8(v->text, (Py_ssize_t)v->text_len, "replace");
    case NP_QTYPE_NUMBER: return PyFloat_FromDouble(v->number);
    case NP_QTYPE_DATE: return np_py_from_date(v->ordinal);
    case NP_QTYPE_BOOL: return PyBool_FromLong(v->ordinal != 0);
    case NP_QTYPE_CLEARANCE: return PyUnicode_FromString(np_clearance_name((np_clearance)v->ordinal));
    case NP_QTYPE_GRADE:
    case NP_QTYPE_LEVEL:
        np_posting_field_format(v, buf, sizeof buf);
        return PyUnicode_FromString(buf);
    }
    Py_RETURN_NONE;
}

/* Runs the query `expr` (None: everything) with the "?" values of the
 * tuple `params` and `today` (None: the local date); the caller holds the
 * lock until it has freed the result. */
static np_status run(np_result **out, collection_object *self, PyObject *expr, PyObject *params,
                     PyObject *today, const char *fname, np_error *err)
{
    Py_ssize_t len = 0;
    const char *text = "";
    if (expr != Py_None) {
        if (!PyUnicode_Check(expr)) {
            PyErr_Format(PyExc_TypeError, "%s(): the query must be a str, not %.100s", fname,
                         Py_TYPE(expr)->tp_name);
            return NP_EINVAL;
        }
        text = PyUnicode_AsUTF8AndSize(expr, &len);
        if (!text) return NP_EINVAL;
    }
    np_py_query_env env;
    if (np_py_query_env_get(np_py_state_of((PyObject *)self), params, today, fname, &env) < 0) return NP_EINVAL;
    np_status status;
    Py_BEGIN_ALLOW_THREADS
    status = np_collection_query_env(out, self->collection, text, (size_t)len, &env.env, err);
    Py_END_ALLOW_THREADS
    np_py_query_env_release(&env);
    return status;
}

/* The private calls' arguments: (expr, params, today). */
static int query_args(Py_ssize_t n, const char *fname)
{
    if (n == 3) return 0;
    PyErr_Format(PyExc_TypeError, "%s() takes a query, a tuple of parameters and today", fname);
    return -1;
}

/* _select(expr, params, today) -> (rows: bytearray of uint32 collection rows in query
 * order, count_by: str | None, groups: list[tuple[value, int]]): a query
 * result without creating any posting (Result creates them on demand). */
static PyObject *collection_select(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    np_py_state *st = np_py_state_of(self);
    np_result *result = NULL;
    np_error err;
    if (query_args(nargs, "_select") < 0) return NULL;
    lock_collection(self);
    np_status status = run(&result, (collection_object *)self, args[0], args[1], args[2], "query", &err);
    if (status != NP_OK) {
        unlock_collection(self);
        return PyErr_Occurred() ? NULL : np_py_raise(st, &err);
    }
    PyObject *rows = NULL, *groups = NULL, *out = NULL;
    const size_t n = np_result_count(result);
    rows = PyByteArray_FromStringAndSize((const char *)np_result_rows(result),
                                         (Py_ssize_t)(n * sizeof(uint32_t)));
    const np_qfield *count_by = np_result_count_by(result);
    const size_t g = np_result_group_count(result);
    if (!rows || !(groups = PyList_New((Py_ssize_t)g))) goto done;
    for (size_t i = 0; i < g; i++) {
        np_qvalue value;
        size_t count;
        np_result_group(result, i, &value, &count);
        PyObject *v = value_to_python(&value);
        PyObject *pair = v ? Py_BuildValue("(Nn)", v, (Py_ssize_t)count) : NULL;
        if (!pair) goto done;
        PyList_SET_ITEM(groups, (Py_ssize_t)i, pair);
    }
    out = Py_BuildValue("(OsO)", rows, count_by ? count_by->name : NULL, groups);
done:
    Py_XDECREF(rows);
    Py_XDECREF(groups);
    np_result_free(result);
    unlock_collection(self);
    return out;
}

/* _posting(row) -> a Posting owning a copy of collection row `row`. */
static PyObject *collection_posting(PyObject *self, PyObject *arg)
{
    np_py_state *st = np_py_state_of(self);
    const Py_ssize_t row = PyLong_AsSsize_t(arg);
    if (row == -1 && PyErr_Occurred()) return NULL;
    np_error err;
    np_posting *copy = NULL;
    const np_collection *c = lock_collection(self);
    const np_status status = row < 0 ? np_error_set(&err, NP_EINVAL, "row %zd is negative", row)
                                     : np_collection_posting_copy(c, (size_t)row, &copy, &err);
    unlock_collection(self);
    if (status != NP_OK) return np_py_raise(st, &err);
    return np_py_posting_new(st, copy);
}

/* _columns(rows: uint32 buffer | None, field: str | None = None) ->
 * np_py_collection_columns of those rows (None: every row, in collection
 * order), of every field or of `field` only. */
static PyObject *collection_columns(PyObject *self, PyObject *args)
{
    PyObject *rows, *field = Py_None;
    if (!PyArg_ParseTuple(args, "O|O", &rows, &field)) return NULL;
    const char *only = field == Py_None ? NULL : np_py_to_utf8(field, "_columns", "field");
    if (field != Py_None && !only) return NULL;
    Py_buffer view = {0};
    const uint32_t *ids = NULL;
    size_t n;
    const np_collection *c = lock_collection(self);
    if (rows == Py_None) {
        n = np_collection_count(c);
    } else {
        if (PyObject_GetBuffer(rows, &view, PyBUF_C_CONTIGUOUS) < 0) {
            unlock_collection(self);
            return NULL;
        }
        ids = view.buf;
        n = (size_t)view.len / sizeof *ids;
    }
    PyObject *out = np_py_collection_columns(c, ids, n, only);
    if (rows != Py_None) PyBuffer_Release(&view);
    unlock_collection(self);
    return out;
}

/* _records(expr, params, today) -> list[dict]: one flat dict per matching
 * posting, keyed by the query field names, in query order. */
static PyObject *collection_records(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    np_py_state *st = np_py_state_of(self);
    collection_object *c = (collection_object *)self;
    np_result *result = NULL;
    np_error err;
    if (query_args(nargs, "_records") < 0) return NULL;
    lock_collection(self);
    if (run(&result, c, args[0], args[1], args[2], "to_records", &err) != NP_OK) {
        unlock_collection(self);
        return PyErr_Occurred() ? NULL : np_py_raise(st, &err);
    }
    size_t field_count;
    const np_qfield *fields = np_collection_fields(c->collection, &field_count);
    const size_t n = np_result_count(result);
    PyObject *records = PyList_New((Py_ssize_t)n);
    np_qvalue *column = PyMem_Malloc((n ? n : 1) * sizeof *column);
    PyObject *key = NULL;
    if (!records || !column) goto fail;
    for (size_t i = 0; i < n; i++) {
        PyObject *d = PyDict_New();
        if (!d) goto fail;
        PyList_SET_ITEM(records, (Py_ssize_t)i, d);
    }
    for (size_t f = 0; f < field_count; f++) {
        if (np_result_values(result, &fields[f], column, &err) != NP_OK) {
            np_py_raise(st, &err);
            goto fail;
        }
        if (!(key = PyUnicode_InternFromString(fields[f].name))) goto fail;
        for (size_t i = 0; i < n; i++) {
            PyObject *v = value_to_python(&column[i]);
            if (!v || PyDict_SetItem(PyList_GET_ITEM(records, (Py_ssize_t)i), key, v) < 0) {
                Py_XDECREF(v);
                goto fail;
            }
            Py_DECREF(v);
        }
        Py_CLEAR(key);
    }
    PyMem_Free(column);
    np_result_free(result);
    unlock_collection(self);
    return records;
fail:
    Py_XDECREF(key);
    Py_XDECREF(records);
    PyMem_Free(column);
    np_result_free(result);
    unlock_collection(self);
    return NULL;
}

/* Reads a candidate profile from its JSON text, str or bytes (the core's
 * strict reader, as the CLI and Lua read it: the bytes reach it as given). */
static int candidate_from(PyObject *json, const char *fname, np_candidate *out, np_py_state *st)
{
    np_py_text text;
    if (np_py_text_get(json, fname, "candidate", &text) < 0) return -1;
    np_error err;
    *out = (np_candidate)NP_CANDIDATE_INIT;
    const np_status status = np_candidate_from_json(out, text.data, text.len, &err);
    np_py_text_release(&text);
    if (status != NP_OK) {
        np_py_raise(st, &err);
        return -1;
    }
    return 0;
}

/* _add_candidate(name, candidate_json) */
static PyObject *collection_add_candidate(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    np_py_state *st = np_py_state_of(self);
    if (n != 2) {
        PyErr_SetString(PyExc_TypeError, "add_candidate() takes a name and a candidate");
        return NULL;
    }
    const char *name = np_py_to_utf8(args[0], "add_candidate", "name");
    if (!name) return NULL;
    np_candidate candidate;
    if (candidate_from(args[1], "add_candidate", &candidate, st) < 0) return NULL;
    if (strlen(name) >= sizeof candidate.name) {
        PyErr_Format(PyExc_ValueError, "add_candidate(): name is longer than %d bytes",
                     (int)sizeof candidate.name - 1);
        return NULL;
    }
    memcpy(candidate.name, name, strlen(name) + 1);
    np_error err;
    const np_status status = np_collection_add_candidate(lock_collection(self), &candidate, &err);
    unlock_collection(self);
    if (status != NP_OK) return np_py_raise(st, &err);
    Py_RETURN_NONE;
}

static PyObject *collection_memory(PyObject *self, void *closure)
{
    (void)closure;
    const size_t bytes = np_collection_memory(lock_collection(self));
    unlock_collection(self);
    return PyLong_FromSize_t(bytes);
}

static PyObject *collection_fields(PyObject *self, void *closure)
{
    (void)closure;
    size_t count;
    const np_qfield *fields = np_collection_fields(lock_collection(self), &count);
    unlock_collection(self); /* the table stays valid while the collection lives */
    PyObject *d = PyDict_New();
    for (size_t i = 0; d && i < count; i++) {
        PyObject *type = PyUnicode_FromString(np_qtype_name(fields[i].type));
        if (!type || PyDict_SetItemString(d, fields[i].name, type) < 0) {
            Py_XDECREF(type);
            Py_CLEAR(d);
            break;
        }
        Py_DECREF(type);
    }
    return d;
}

/* _set_on_error(word): "raise" or "skip", read by the core. */
static PyObject *collection_set_on_error(PyObject *self, PyObject *word)
{
    const char *w = np_py_to_utf8(word, "Collection", "on_error");
    if (!w) return NULL;
    np_on_error policy;
    np_error err;
    if (np_collection_on_error_parse(&policy, w, &err) != NP_OK) return np_py_raise(np_py_state_of(self), &err);
    np_collection_set_on_error(lock_collection(self), policy);
    unlock_collection(self);
    Py_RETURN_NONE;
}

/* _skipped() -> [(path, line, column, message, repeated), ...] */
static PyObject *collection_skipped(PyObject *self, PyObject *unused)
{
    (void)unused;
    np_collection *c = lock_collection(self);
    const size_t n = np_collection_skip_count(c);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        const np_collection_skip *s = np_collection_skip_at(c, i);
        PyObject *item = Py_BuildValue("(O&iisO)", PyUnicode_DecodeFSDefault, s->path, s->line, s->column,
                                       s->message, s->repeated ? Py_True : Py_False);
        if (!item) Py_CLEAR(list);
        else PyList_SET_ITEM(list, (Py_ssize_t)i, item);
    }
    unlock_collection(self);
    return list;
}

/* _sources(row) -> [path, ...] */
static PyObject *collection_sources(PyObject *self, PyObject *index)
{
    const Py_ssize_t row = PyNumber_AsSsize_t(index, PyExc_IndexError);
    if (row == -1 && PyErr_Occurred()) return NULL;
    np_collection *c = lock_collection(self);
    if (row < 0 || (size_t)row >= np_collection_count(c)) {
        unlock_collection(self);
        PyErr_Format(PyExc_IndexError, "sources(): row %zd out of range (%zu postings)", row,
                     np_collection_count(c));
        return NULL;
    }
    const size_t n = np_collection_source_count(c, (size_t)row);
    PyObject *list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list && i < n; i++) {
        PyObject *path = PyUnicode_DecodeFSDefault(np_collection_source(c, (size_t)row, i));
        if (!path) Py_CLEAR(list);
        else PyList_SET_ITEM(list, (Py_ssize_t)i, path);
    }
    unlock_collection(self);
    return list;
}

/* _unique() -> a new _Collection (np_collection_unique). */
static PyObject *collection_unique(PyObject *self, PyObject *unused)
{
    (void)unused;
    PyObject *empty = PyTuple_New(0);
    if (!empty) return NULL;
    collection_object *u = (collection_object *)collection_new(Py_TYPE(self), empty, NULL);
    Py_DECREF(empty);
    if (!u) return NULL;
    np_collection *c = lock_collection(self), *folded = NULL;
    np_error err;
    np_status status;
    Py_BEGIN_ALLOW_THREADS
    status = np_collection_unique(&folded, c, &err);
    Py_END_ALLOW_THREADS
    unlock_collection(self);
    if (status != NP_OK) {
        Py_DECREF(u);
        return np_py_raise(np_py_state_of(self), &err);
    }
    np_collection_free(u->collection);
    u->collection = folded;
    return (PyObject *)u;
}

static PyMethodDef collection_methods[] = {
    {"add", collection_add, METH_O, "add(item): a notice file, a folder, a .json/.ndjson file or a Posting."},
    {"_records", (PyCFunction)(void (*)(void))collection_records, METH_FASTCALL, NULL},
    {"_select", (PyCFunction)(void (*)(void))collection_select, METH_FASTCALL, NULL},
    {"_posting", collection_posting, METH_O, NULL},
    {"_columns", collection_columns, METH_VARARGS, NULL},
    {"_add_candidate", (PyCFunction)(void (*)(void))collection_add_candidate, METH_FASTCALL, NULL},
    {"_set_on_error", collection_set_on_error, METH_O, NULL},
    {"_skipped", collection_skipped, METH_NOARGS, NULL},
    {"_sources", collection_sources, METH_O, NULL},
    {"_unique", collection_unique, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef collection_getset[] = {
    {"memory_bytes", collection_memory, NULL, "Heap bytes the collection holds.", NULL},
    {"fields", collection_fields, NULL, "The queryable fields: name -> value type.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot collection_slots[] = {
    {Py_tp_new, NP_PY_FN(collection_new)},
    {Py_tp_dealloc, NP_PY_FN(collection_dealloc)},
    {Py_mp_length, NP_PY_FN(collection_len)},
    {Py_sq_length, NP_PY_FN(collection_len)},
    {Py_tp_methods, collection_methods},
    {Py_tp_getset, collection_getset},
    {Py_tp_doc, (void *)"The core's collection of postings (use natopost.Collection)."},
    {0, NULL},
};

PyType_Spec np_py_collection_spec = {
    .name = "natopost._natopost._Collection",
    .basicsize = sizeof(collection_object),
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_IMMUTABLETYPE,
    .slots = collection_slots,
};

/* _eligibility(candidate_json, posting) -> dict */
static PyObject *py_eligibility(PyObject *module, PyObject *const *args, Py_ssize_t n)
{
    np_py_state *st = np_py_state_of_module(module);
    if (n != 2) {
        PyErr_SetString(PyExc_TypeError, "eligibility() takes a candidate and a posting");
        return NULL;
    }
    np_candidate candidate;
    if (candidate_from(args[0], "eligibility", &candidate, st) < 0) return NULL;
    const np_posting *posting = np_py_posting_get(st, args[1], "eligibility", "posting");
    if (!posting) return NULL;
    np_eligibility e = {0};
    np_error err;
    if (np_eligibility_check(&e, &candidate, posting, &err) != NP_OK) {
        np_eligibility_clear(&e);
        return np_py_raise(st, &err);
    }
    const np_result r = {.kind = NP_RESULT_ELIGIBILITY, .eligibility = &e, .posting = posting};
    PyObject *out = np_py_emit(st, &r);
    np_eligibility_clear(&e);
    return out;
}

/* _candidate_validate(candidate_json): raises the core's error, else None. */
static PyObject *py_candidate_validate(PyObject *module, PyObject *json)
{
    np_candidate candidate;
    if (candidate_from(json, "Candidate", &candidate, np_py_state_of_module(module)) < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyMethodDef np_py_collection_functions[] = {
    {"_candidate_validate", py_candidate_validate, METH_O, NULL},
    {"_eligibility", (PyCFunction)(void (*)(void))py_eligibility, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL},
};
