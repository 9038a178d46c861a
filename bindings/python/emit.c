/* The Python implementation of the core's emitter (natopost/emit.h):
 * objects become dicts, arrays lists, dates datetime.date, times of day
 * datetime.time. Every result's shape is the core's; nothing here names a
 * key. */
#include "module.h"

/* Deeper than any result the core emits. */
#define BUILD_DEPTH_MAX 32

typedef struct {
    PyObject *root;
    PyObject *open[BUILD_DEPTH_MAX]; /* borrowed: owned by their parent or root */
    int depth;
    PyObject *key; /* of the next member (owned), when open[depth - 1] is a dict */
} builder;

/* A Python exception is set on every failure: the walk stops with
 * NP_ECANCELLED, which np_py_raise leaves to that exception. */
static np_status add(builder *b, PyObject *value)
{
    if (!value) return NP_ECANCELLED;
    int rc = 0;
    if (b->depth == 0) {
        if (b->root) {
            PyErr_SetString(PyExc_SystemError, "natopost emitter: two top-level values");
            rc = -1;
        } else {
            b->root = Py_NewRef(value);
        }
    } else if (PyList_Check(b->open[b->depth - 1])) {
        rc = PyList_Append(b->open[b->depth - 1], value);
    } else if (b->key) {
        rc = PyDict_SetItem(b->open[b->depth - 1], b->key, value);
        Py_CLEAR(b->key);
    } else {
        PyErr_SetString(PyExc_SystemError, "natopost emitter: a member without a key");
        rc = -1;
    }
    Py_DECREF(value);
    return rc < 0 ? NP_ECANCELLED : NP_OK;
}

static np_status open_container(builder *b, PyObject *c)
{
    if (c && b->depth >= BUILD_DEPTH_MAX) {
        Py_DECREF(c);
        PyErr_SetString(PyExc_RecursionError, "natopost emitter: result nested too deeply");
        return NP_ECANCELLED;
    }
    PyObject *borrowed = c;
    const np_status st = add(b, c);
    if (st == NP_OK) b->open[b->depth++] = borrowed;
    return st;
}

static np_status begin_object(void *u, size_t count)
{
    (void)count;
    return open_container(u, PyDict_New());
}

static np_status begin_array(void *u, size_t count)
{
    (void)count;
    return open_container(u, PyList_New(0));
}

static np_status end_container(void *u)
{
    builder *b = u;
    if (b->depth > 0) b->depth--;
    return NP_OK;
}

static np_status key(void *u, const char *k)
{
    builder *b = u;
    Py_XSETREF(b->key, PyUnicode_FromString(k));
    return b->key ? NP_OK : NP_ECANCELLED;
}

static np_status string(void *u, const char *text, size_t len)
{
    /* surrogateescape: a file name that is not UTF-8 comes as os.fsdecode
     * gives it; valid UTF-8 decodes as usual. */
    return add(u, PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "surrogateescape"));
}

static np_status integer(void *u, int64_t v) { return add(u, PyLong_FromLongLong(v)); }
static np_status real(void *u, double v) { return add(u, PyFloat_FromDouble(v)); }
static np_status boolean(void *u, bool v) { return add(u, PyBool_FromLong(v)); }
static np_status null(void *u) { return add(u, Py_NewRef(Py_None)); }
static np_status date(void *u, np_date d) { return add(u, np_py_from_date(d)); }
static np_status time_of_day(void *u, int minute) { return add(u, np_py_from_minute(minute)); }

PyObject *np_py_emit(np_py_state *st, const np_result *result)
{
    builder b = {.root = NULL, .depth = 0, .key = NULL};
    const np_emitter em = {&b,   begin_object, end_container, begin_array, end_container,
                           key,  string,       integer,       real,        boolean,
                           date, time_of_day,  null,          NULL};
    np_error err;
    const np_status rc = np_emit_result(&em, result, &err);
    Py_XDECREF(b.key);
    if (rc == NP_OK) return b.root;
    Py_XDECREF(b.root);
    if (PyErr_Occurred()) return NULL;
    return np_py_raise(st, &err);
}
