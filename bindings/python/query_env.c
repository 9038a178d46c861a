/* A query's "?" parameters and "today" from Python values: conversion only
 * (str, bool, int, float, dates); the core checks each value against the
 * field it is compared with. */
#include "module.h"

int np_py_query_env_get(np_py_state *st, PyObject *params, PyObject *today, const char *fname,
                    np_py_query_env *out)
{
    *out = (np_py_query_env){NP_QUERY_ENV_INIT, NULL};
    if (today != Py_None) {
        np_date d;
        if (np_py_to_date(st, today, fname, "today", &d) < 0) return -1;
        out->env.today_fixed = true;
        out->env.today = d;
    }
    if (!PyTuple_Check(params)) {
        PyErr_Format(PyExc_TypeError, "%s(): parameters must be a tuple, not %.100s", fname,
                     Py_TYPE(params)->tp_name);
        return -1;
    }
    const Py_ssize_t n = PyTuple_GET_SIZE(params);
    if (n == 0) return 0;
    np_qparam *values = PyMem_Calloc((size_t)n, sizeof *values);
    if (!values) {
        PyErr_NoMemory();
        return -1;
    }
    out->storage = values;
    out->env.params = values;
    out->env.param_count = (size_t)n;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyTuple_GET_ITEM(params, i);
        np_qparam *p = &values[i];
        if (PyUnicode_Check(v)) {
            /* The UTF-8 stays with the str, which the tuple keeps alive. */
            Py_ssize_t len;
            const char *text = PyUnicode_AsUTF8AndSize(v, &len);
            if (!text) goto fail;
            *p = (np_qparam){NP_QPARAM_TEXT, text, (size_t)len, 0, 0, 0, false};
        } else if (PyBool_Check(v)) {
            *p = (np_qparam){NP_QPARAM_BOOL, NULL, 0, 0, 0, 0, v == Py_True};
        } else if (PyFloat_Check(v)) {
            *p = (np_qparam){NP_QPARAM_NUMBER, NULL, 0, 0, PyFloat_AS_DOUBLE(v), 0, false};
        } else if (PyIndex_Check(v)) {
            PyObject *index = PyNumber_Index(v);
            if (!index) goto fail;
            int overflow;
            const long long x = PyLong_AsLongLongAndOverflow(index, &overflow);
            Py_DECREF(index);
            if (x == -1 && PyErr_Occurred()) goto fail;
            if (overflow) {
                PyErr_Format(PyExc_ValueError, "%s(): parameter %zd is too large to compare exactly", fname,
                             i + 1);
                goto fail;
            }
            *p = (np_qparam){NP_QPARAM_INTEGER, NULL, 0, x, 0, 0, false};
        } else if (v == Py_None) {
            PyErr_Format(PyExc_TypeError,
                         "%s(): parameter %zd is None: a missing value never compares; "
                         "write 'is null' in the query instead",
                         fname, i + 1);
            goto fail;
        } else {
            char arg[32];
            snprintf(arg, sizeof arg, "parameter %zd", i + 1);
            np_date d;
            if (np_py_to_date(st, v, fname, arg, &d) < 0) {
                if (PyErr_ExceptionMatches(PyExc_TypeError)) {
                    PyErr_Clear();
                    PyErr_Format(PyExc_TypeError,
                                 "%s(): parameter %zd must be str, int, float, bool or a date, not %.100s",
                                 fname, i + 1, Py_TYPE(v)->tp_name);
                }
                goto fail;
            }
            *p = (np_qparam){NP_QPARAM_DATE, NULL, 0, 0, 0, d, false};
        }
    }
    return 0;
fail:
    np_py_query_env_release(out);
    return -1;
}

void np_py_query_env_release(np_py_query_env *env)
{
    PyMem_Free(env->storage);
    env->storage = NULL;
}
