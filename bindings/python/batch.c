/* natopost.batch(): one event for many start dates, over buffers of day
 * numbers (numpy datetime64[D] viewed as int64), through np_timeline_batch
 * with the GIL released. No numpy dependency: any 1-D C-contiguous buffer of
 * 8-byte signed integers will do. */
#include "module.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* True for the struct-module formats of a native 8-byte signed integer. */
static bool int64_format(const char *format)
{
    if (!format) return false;
    const uint16_t probe = 1;
    const bool little = *(const unsigned char *)&probe == 1;
    if (*format == '@' || *format == '=' || (*format == '<' && little) || (*format == '>' && !little))
        format++;
    return strcmp(format, "q") == 0 || strcmp(format, "l") == 0;
}

/* Gets a 1-D, C-contiguous buffer of int64 from `obj`; TypeError naming the
 * argument otherwise. 0 or -1 (nothing to release on failure). */
static int get_int64_buffer(PyObject *obj, const char *arg, bool writable, Py_buffer *view)
{
    if (!PyObject_CheckBuffer(obj)) {
        PyErr_Format(PyExc_TypeError,
                     "batch() argument '%s' must be a buffer of int64 day numbers (e.g. "
                     "numpy.array(dates, dtype='datetime64[D]').view('i8')), not %.100s",
                     arg, Py_TYPE(obj)->tp_name);
        return -1;
    }
    const int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) {
        /* numpy says ValueError ("ndarray is not C-contiguous"), others BufferError. */
        if (!PyErr_ExceptionMatches(PyExc_BufferError) && !PyErr_ExceptionMatches(PyExc_ValueError))
            return -1;
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_Format(PyExc_TypeError, "batch() argument '%s' must be a %sC-contiguous buffer: %S",
                     arg, writable ? "writable " : "", value ? value : Py_None);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        return -1;
    }
    const char *problem = NULL;
    if (view->ndim != 1) problem = "one-dimensional";
    else if (view->itemsize != 8 || !int64_format(view->format))
        problem = "of 8-byte signed integers (format 'q' or 'l')";
    if (problem) {
        PyErr_Format(PyExc_TypeError,
                     "batch() argument '%s' must be a buffer %s, got %d-dimensional with format "
                     "'%s' and item size %zd",
                     arg, problem, view->ndim, view->format ? view->format : "B", view->itemsize);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static bool aligned(const void *p) { return (uintptr_t)p % alignof(int64_t) == 0; }

/* A memoryview of `obj` with format 'q' (numpy exports int64 as 'l'). */
static PyObject *int64_memoryview(PyObject *obj)
{
    PyObject *view = PyMemoryView_FromObject(obj);
    if (!view) return NULL;
    if (strcmp(PyMemoryView_GET_BUFFER(view)->format, "q") == 0) return view;
    PyObject *bytes = PyObject_CallMethod(view, "cast", "s", "B");
    Py_DECREF(view);
    if (!bytes) return NULL;
    PyObject *q = PyObject_CallMethod(bytes, "cast", "s", "q");
    Py_DECREF(bytes);
    return q;
}

const char np_py_batch_doc[] =
    "batch($module, starts, event='contract_end', *, kind='external',\n"
    "      initial_months=None, renewal_months=None, max_months=None,\n"
    "      twin_grade=False, reduction_months=0, direct_higher=False, policy=None,\n"
    "      out=None)\n"
    "--\n"
    "\n"
    "The date of one event for many start dates at once.\n"
    "\n"
    "`starts` is any 1-D C-contiguous buffer of int64 day numbers (days since\n"
    "1970-01-01, numpy's datetime64[D]): numpy.array(dates, dtype='datetime64[D]')\n"
    ".view('i8'), array.array('q'), ... NaT (the minimum int64) stays NaT, and so\n"
    "does an event the appointment does not have. The other arguments are those\n"
    "of natopost.timeline(). Returns a memoryview of format 'q' (a new buffer, or\n"
    "`out`, a writable int64 buffer of the same length, filled in place; `out` may\n"
    "be `starts` itself). The core computes every date with the GIL released.\n"
    "A start or result outside years 1..9999 raises natopost.Error (a ValueError)\n"
    "naming the index; `out` is then partially written.\n"
    "\n"
    "Example:\n"
    "    >>> import numpy as np\n"
    "    >>> starts = np.array(['2025-09-01', 'NaT'], dtype='datetime64[D]')\n"
    "    >>> ends = natopost.batch(starts.view('i8'), 'contract_end', twin_grade=True)\n"
    "    >>> np.frombuffer(ends, dtype='datetime64[D]')\n"
    "    array(['2031-08-31',        'NaT'], dtype='datetime64[D]')\n";

PyObject *np_py_batch(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames)
{
    enum { STARTS, EVENT, APPOINTMENT, OUT = APPOINTMENT + NP_PY_APPOINTMENT_ARGS, COUNT };
    static const unsigned char params[COUNT] = {NP_PY_NAME_STARTS, NP_PY_NAME_EVENT,
                                                NP_PY_APPOINTMENT_PARAMS, NP_PY_NAME_OUT};
    np_py_state *st = np_py_state_of_module(module);
    PyObject *a[COUNT];
    if (np_py_parse_args(st, "batch", args, nargs, kwnames, params, COUNT, 2, 1, a) < 0)
        return NULL;

    np_event_code code = NP_EVENT_CONTRACT_END;
    np_error err;
    if (a[EVENT]) {
        const char *name = np_py_to_utf8(a[EVENT], "batch", "event");
        if (!name) return NULL;
        if (np_event_code_parse(&code, name, &err) != NP_OK) return np_py_raise(st, &err);
    }
    np_appointment appointment = NP_APPOINTMENT_INIT;
    const np_policy *policy;
    if (np_py_to_appointment(st, "batch", a + APPOINTMENT, &appointment, &policy) < 0) return NULL;
    /* The policy lives in a Policy object we hold a borrowed reference to;
     * copy it so the computation below needs no Python object. */
    np_policy policy_copy;
    if (policy) {
        policy_copy = *policy;
        policy = &policy_copy;
    }

    Py_buffer in, out;
    if (get_int64_buffer(a[STARTS], "starts", false, &in) < 0) return NULL;
    const size_t count = (size_t)(in.len / 8);
    PyObject *result = NULL;
    if (a[OUT] && a[OUT] != Py_None) {
        if (get_int64_buffer(a[OUT], "out", true, &out) < 0) goto done_in;
        if (out.len != in.len) {
            PyErr_Format(PyExc_ValueError,
                         "batch() argument 'out' has %zd items, 'starts' has %zd", out.len / 8,
                         in.len / 8);
            goto done_out;
        }
        result = Py_NewRef(a[OUT]);
    } else {
        result = PyByteArray_FromStringAndSize(NULL, in.len);
        if (!result) goto done_in;
        if (PyObject_GetBuffer(result, &out, PyBUF_WRITABLE | PyBUF_C_CONTIGUOUS) < 0) {
            Py_CLEAR(result);
            goto done_in;
        }
    }

    /* The core reads and writes int64_t arrays: a misaligned buffer, or an
     * `out` overlapping `starts` other than exactly, goes through a copy. */
    const char *ib = in.buf, *ob = out.buf;
    const bool overlap = in.len > 0 && ib != ob && ib < ob + out.len && ob < ib + in.len;
    int64_t *tmp = NULL;
    const int64_t *starts = (const int64_t *)in.buf;
    int64_t *dest = (int64_t *)out.buf;
    if (!aligned(in.buf) || !aligned(out.buf) || overlap) {
        tmp = PyMem_RawMalloc(count ? count * sizeof *tmp : 1);
        if (!tmp) {
            PyErr_NoMemory();
            Py_CLEAR(result);
            goto done_out;
        }
        memcpy(tmp, in.buf, count * sizeof *tmp);
        starts = dest = tmp;
    }
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_timeline_batch(policy, &appointment, code, starts, dest, count, &err);
    if (tmp) memcpy(out.buf, tmp, count * sizeof *tmp);
    Py_END_ALLOW_THREADS
    PyMem_RawFree(tmp);
    if (rc != NP_OK) {
        Py_CLEAR(result);
        np_py_raise(st, &err);
    }
done_out:
    PyBuffer_Release(&out);
done_in:
    PyBuffer_Release(&in);
    if (!result) return NULL;
    PyObject *view = int64_memoryview(result);
    Py_DECREF(result);
    return view;
}
