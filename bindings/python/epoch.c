/* Private functions moving pandas' datetime64[ns] columns in and out of day
 * numbers (_frames.py, _roster.py): whole buffers through the core's
 * natopost/epoch.h with the GIL released, no Python object per value. */
#include "module.h"

#include <stdalign.h>
#include <stdint.h>

#include "natopost/epoch.h"

/* A 1-D C-contiguous aligned buffer of 8-byte items (numpy int64 or
 * datetime64 viewed as int64); TypeError naming `what` otherwise. */
static int get_int64s(PyObject *obj, bool writable, const char *what, Py_buffer *view)
{
    const int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) return -1;
    if (view->itemsize != 8 || (uintptr_t)view->buf % alignof(int64_t) != 0) {
        PyErr_Format(PyExc_TypeError, "%s must be an aligned C-contiguous buffer of int64", what);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* _days_of_ns(ns, fname, arg) -> bytearray of int64 day numbers: each
 * datetime64[ns] value's day, NaT kept; a time of day is natopost.Error
 * "fname() argument 'arg': row N: ... has a time of day". */
static PyObject *py_days_of_ns(PyObject *module, PyObject *args)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *values;
    const char *fname, *arg;
    if (!PyArg_ParseTuple(args, "Oss", &values, &fname, &arg)) return NULL;
    Py_buffer in;
    if (get_int64s(values, false, "the nanoseconds", &in) < 0) return NULL;
    PyObject *out = PyByteArray_FromStringAndSize(NULL, in.len);
    if (!out) {
        PyBuffer_Release(&in);
        return NULL;
    }
    int64_t *days = (int64_t *)(void *)PyByteArray_AS_STRING(out);
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_epoch_ns_to_days(in.buf, days, (size_t)(in.len / 8), &err);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&in);
    if (rc != NP_OK) {
        Py_DECREF(out);
        np_error_prefix(&err, "%s() argument '%s'", fname, arg);
        return np_py_raise(st, &err);
    }
    return out;
}

/* _ns_of_days(days, fname, what) -> None: converts a writable buffer of day
 * numbers to datetime64[ns] nanoseconds in place; a day pandas cannot hold is
 * natopost.Error "fname(): what: row N: ... is outside ...". */
static PyObject *py_ns_of_days(PyObject *module, PyObject *args)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *values;
    const char *fname, *what;
    if (!PyArg_ParseTuple(args, "Oss", &values, &fname, &what)) return NULL;
    Py_buffer view;
    if (get_int64s(values, true, "the day numbers", &view) < 0) return NULL;
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_epoch_days_to_ns(view.buf, (size_t)(view.len / 8), &err);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    if (rc != NP_OK) {
        np_error_prefix(&err, "%s(): %s", fname, what);
        return np_py_raise(st, &err);
    }
    Py_RETURN_NONE;
}

PyMethodDef np_py_epoch_functions[] = {
    {"_days_of_ns", py_days_of_ns, METH_VARARGS, NULL},
    {"_ns_of_days", py_ns_of_days, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
