/* Value and error conversions between Python and the natopost core: dates
 * (datetime.date or ISO text, through np_date_parse / np_date_from_ymd /
 * np_date_to_ymd), C ints and bools with errors that name the argument, the
 * shared appointment arguments, and the one place core errors become Python
 * exceptions. No date arithmetic here: every rule is the core's. */
#include "module.h"

#include <limits.h>
#include <string.h>

/* Only this file uses the datetime C API (datetime.h defines a static pointer
 * per translation unit). */
#include <datetime.h>

int np_py_convert_init(void)
{
    if (!PyDateTimeAPI) PyDateTime_IMPORT;
    return PyDateTimeAPI ? 0 : -1;
}

static PyObject *decode_message(const char *message)
{
    /* The core truncates long messages at a byte boundary. */
    return PyUnicode_DecodeUTF8(message, (Py_ssize_t)strlen(message), "replace");
}

PyObject *np_py_raise(np_py_state *st, const np_error *err)
{
    if (err->code == NP_ECANCELLED && PyErr_Occurred()) return NULL; /* see cancel_hook.c */
    PyObject *message = decode_message(err->message);
    if (!message) return NULL;
    PyObject *type = err->code == NP_EIO      ? PyExc_OSError
                     : err->code == NP_ENOMEM ? PyExc_MemoryError
                                              : st->error;
    PyObject *exc;
    if (err->code == NP_EIO && err->sys_errno) {
        /* OSError(errno, message, filename) is FileNotFoundError, PermissionError, ... */
        PyObject *filename = err->file_len ? PyUnicode_DecodeFSDefaultAndSize(
                                                 err->message + err->file_start, err->file_len)
                                           : Py_NewRef(Py_None);
        exc = filename ? PyObject_CallFunction(type, "iOO", err->sys_errno, message, filename) : NULL;
        Py_XDECREF(filename);
    } else {
        exc = PyObject_CallOneArg(type, message);
    }
    Py_DECREF(message);
    if (!exc) return NULL;
    if (type == st->error) {
        PyObject *code = PyUnicode_FromString(np_status_name(err->code));
        PyObject *line = PyLong_FromLong(err->line);
        PyObject *column = PyLong_FromLong(err->column);
        PyObject *offset = PyLong_FromSize_t(err->offset);
        const int failed = !code || !line || !column || !offset ||
                           PyObject_SetAttr(exc, st->names[NP_PY_NAME_CODE], code) < 0 ||
                           PyObject_SetAttr(exc, st->names[NP_PY_NAME_LINE], line) < 0 ||
                           PyObject_SetAttr(exc, st->names[NP_PY_NAME_COLUMN], column) < 0 ||
                           PyObject_SetAttr(exc, st->names[NP_PY_NAME_OFFSET], offset) < 0;
        Py_XDECREF(code);
        Py_XDECREF(line);
        Py_XDECREF(column);
        Py_XDECREF(offset);
        if (failed) {
            Py_DECREF(exc);
            return NULL;
        }
    }
    PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
    Py_DECREF(exc);
    return NULL;
}

const char *const np_py_names[NP_PY_NAME_COUNT] = {
    [NP_PY_NAME_START] = "start",
    [NP_PY_NAME_KIND] = "kind",
    [NP_PY_NAME_INITIAL] = "initial_months",
    [NP_PY_NAME_RENEWAL] = "renewal_months",
    [NP_PY_NAME_MAX] = "max_months",
    [NP_PY_NAME_TWIN] = "twin_grade",
    [NP_PY_NAME_REDUCTION] = "reduction_months",
    [NP_PY_NAME_DIRECT] = "direct_higher",
    [NP_PY_NAME_POLICY] = "policy",
    [NP_PY_NAME_STARTS] = "starts",
    [NP_PY_NAME_EVENT] = "event",
    [NP_PY_NAME_OUT] = "out",
    [NP_PY_NAME_ON] = "on",
    [NP_PY_NAME_DTSTAMP] = "dtstamp",
    [NP_PY_NAME_SOURCE] = "source",
    [NP_PY_NAME_PRETTY] = "pretty",
    [NP_PY_NAME_PATH] = "path",
    [NP_PY_NAME_POSTINGS] = "postings",
    [NP_PY_NAME_TEXT] = "text",
    [NP_PY_NAME_CODE] = "code",
    [NP_PY_NAME_LINE] = "line",
    [NP_PY_NAME_COLUMN] = "column",
    [NP_PY_NAME_OFFSET] = "offset",
};

_Static_assert(NP_PY_NAME_KIND + NP_PY_ARG_INITIAL == NP_PY_NAME_INITIAL &&
                   NP_PY_NAME_KIND + NP_PY_ARG_REDUCTION == NP_PY_NAME_REDUCTION &&
                   NP_PY_NAME_KIND + NP_PY_ARG_POLICY == NP_PY_NAME_POLICY,
               "np_py_name and the NP_PY_ARG_* order agree");

/* The index in `params` of keyword `key`, or -1 (no exception set). */
static Py_ssize_t find_param(const np_py_state *st, PyObject *key, const unsigned char *params,
                             Py_ssize_t count)
{
    for (Py_ssize_t i = 0; i < count; i++)
        if (key == st->names[params[i]]) return i;
    /* A keyword that is not interned, e.g. from f(**{computed: value}). */
    if (!PyUnicode_Check(key)) return -1;
    for (Py_ssize_t i = 0; i < count; i++)
        if (PyUnicode_Compare(key, st->names[params[i]]) == 0) return i;
    return -1;
}

int np_py_parse_args(const np_py_state *st, const char *fname, PyObject *const *args,
                     Py_ssize_t nargs, PyObject *kwnames, const unsigned char *params,
                     Py_ssize_t count, Py_ssize_t max_positional, Py_ssize_t required,
                     PyObject **out)
{
    if (nargs > max_positional) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %zd positional argument%s (%zd given)",
                     fname, max_positional, max_positional == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs) memcpy(out, args, (size_t)nargs * sizeof *out); /* args may be NULL when 0 */
    memset(out + nargs, 0, (size_t)(count - nargs) * sizeof *out);
    const Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        const Py_ssize_t i = find_param(st, key, params, count);
        if (i < 0) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%S'", fname,
                         key);
            return -1;
        }
        if (out[i]) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fname,
                         np_py_names[params[i]]);
            return -1;
        }
        out[i] = args[nargs + k];
    }
    for (Py_ssize_t i = 0; i < required; i++) {
        if (!out[i]) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s' (pos %zd)", fname,
                         np_py_names[params[i]], i + 1);
            return -1;
        }
    }
    return 0;
}

const char *np_py_to_utf8(PyObject *obj, const char *fname, const char *arg)
{
    if (!PyUnicode_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str, not %.100s", fname, arg,
                     Py_TYPE(obj)->tp_name);
        return NULL;
    }
    Py_ssize_t len;
    const char *text = PyUnicode_AsUTF8AndSize(obj, &len);
    if (!text) return NULL;
    if (strlen(text) != (size_t)len) {
        PyErr_Format(PyExc_ValueError, "%s() argument '%s' contains a NUL character", fname, arg);
        return NULL;
    }
    return text;
}

/* A value that is not equal to itself: NaT (pandas.NaT, numpy's NaT). */
static int is_not_a_time(PyObject *obj)
{
    PyObject *ne = PyObject_RichCompare(obj, obj, Py_NE);
    if (!ne) return -1;
    const int truth = PyObject_IsTrue(ne);
    Py_DECREF(ne);
    return truth;
}

static int parse_date_text(np_py_state *st, const char *text, size_t len, const char *arg,
                           np_date *out)
{
    np_error err;
    if (np_date_parse(out, text, len, &err) != NP_OK) {
        np_error_prefix(&err, "%s", arg);
        np_py_raise(st, &err);
        return -1;
    }
    return 0;
}

static int not_midnight(PyObject *obj, const char *fname, const char *arg)
{
    PyErr_Format(PyExc_ValueError,
                 "%s() argument '%s': %R has a time of day; natopost takes dates "
                 "(a datetime at midnight, or a date)",
                 fname, arg, obj);
    return -1;
}

static int nat_error(const char *fname, const char *arg)
{
    PyErr_Format(PyExc_ValueError, "%s() argument '%s' is NaT (a missing date); a date is required",
                 fname, arg);
    return -1;
}

/* numpy.datetime64 without importing numpy: its str() is ISO 8601 in its
 * own unit ("2025-09-01", "2025-09-01T00:00:00.000000000", "NaT"). */
static int datetime64_to_date(np_py_state *st, PyObject *obj, const char *fname, const char *arg,
                              np_date *out)
{
    PyObject *str = PyObject_Str(obj);
    if (!str) return -1;
    Py_ssize_t len;
    const char *text = PyUnicode_AsUTF8AndSize(str, &len);
    int rc = -1;
    if (!text) goto done;
    if (strcmp(text, "NaT") == 0) {
        rc = nat_error(fname, arg);
        goto done;
    }
    const char *t = memchr(text, 'T', (size_t)len);
    if (t && strspn(t + 1, "0:.") != strlen(t + 1)) {
        rc = not_midnight(obj, fname, arg);
        goto done;
    }
    rc = parse_date_text(st, text, t ? (size_t)(t - text) : (size_t)len, arg, out);
done:
    Py_DECREF(str);
    return rc;
}

/* datetime.datetime and its subclasses (pandas.Timestamp, pandas.NaT): a
 * time of day other than midnight (nanoseconds included) is an error, never
 * truncated. */
static int datetime_to_date(PyObject *obj, const char *fname, const char *arg, np_date *out,
                            np_py_state *st)
{
    const int nat = is_not_a_time(obj);
    if (nat < 0) return -1;
    if (nat) return nat_error(fname, arg);
    long nanosecond = 0;
    if (PyObject_HasAttrString(obj, "nanosecond")) {
        PyObject *ns = PyObject_GetAttrString(obj, "nanosecond");
        if (!ns) return -1;
        nanosecond = PyLong_AsLong(ns);
        Py_DECREF(ns);
        if (nanosecond == -1 && PyErr_Occurred()) return -1;
    }
    if (PyDateTime_DATE_GET_HOUR(obj) || PyDateTime_DATE_GET_MINUTE(obj) ||
        PyDateTime_DATE_GET_SECOND(obj) || PyDateTime_DATE_GET_MICROSECOND(obj) || nanosecond)
        return not_midnight(obj, fname, arg);
    np_error err;
    if (np_date_from_ymd(out, PyDateTime_GET_YEAR(obj), PyDateTime_GET_MONTH(obj),
                         PyDateTime_GET_DAY(obj), &err) != NP_OK) {
        np_py_raise(st, &err);
        return -1;
    }
    return 0;
}

int np_py_to_date(np_py_state *st, PyObject *obj, const char *fname, const char *arg,
                  np_date *out)
{
    np_error err;
    if (PyUnicode_Check(obj)) {
        Py_ssize_t len;
        const char *text = PyUnicode_AsUTF8AndSize(obj, &len);
        if (!text) return -1;
        return parse_date_text(st, text, (size_t)len, arg, out);
    }
    if (PyDateTime_Check(obj)) return datetime_to_date(obj, fname, arg, out, st);
    if (PyDate_Check(obj)) {
        if (np_date_from_ymd(out, PyDateTime_GET_YEAR(obj), PyDateTime_GET_MONTH(obj),
                             PyDateTime_GET_DAY(obj), &err) != NP_OK) {
            np_py_raise(st, &err);
            return -1;
        }
        return 0;
    }
    if (strcmp(Py_TYPE(obj)->tp_name, "numpy.datetime64") == 0)
        return datetime64_to_date(st, obj, fname, arg, out);
    PyErr_Format(PyExc_TypeError,
                 "%s() argument '%s' must be a date (datetime.date, an ISO date str "
                 "\"YYYY-MM-DD\", or a datetime, pandas.Timestamp or numpy.datetime64 at "
                 "midnight), not %.100s",
                 fname, arg, Py_TYPE(obj)->tp_name);
    return -1;
}

PyObject *np_py_from_date(np_date d)
{
    const np_ymd ymd = np_date_to_ymd(d);
    return PyDate_FromDate(ymd.year, ymd.month, ymd.day);
}

PyObject *np_py_from_minute(int minute)
{
    return PyTime_FromTime(minute / 60, minute % 60, 0, 0);
}

int np_py_to_int(PyObject *obj, const char *fname, const char *arg, const int *none_value,
                 int *out)
{
    if (none_value && obj == Py_None) {
        *out = *none_value;
        return 0;
    }
    if (PyBool_Check(obj) || !PyIndex_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be int%s, not %.100s", fname, arg,
                     none_value ? " or None" : "", Py_TYPE(obj)->tp_name);
        return -1;
    }
    PyObject *index = PyNumber_Index(obj);
    if (!index) return -1;
    int overflow;
    const long v = PyLong_AsLongAndOverflow(index, &overflow);
    if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(index);
        return -1;
    }
    /* INT_MIN is the core's NP_FROM_POLICY marker, never a real value. */
    if (overflow || v <= INT_MIN || v > INT_MAX) {
        PyErr_Format(PyExc_ValueError, "%s() argument '%s' is out of range: %S", fname, arg, index);
        Py_DECREF(index);
        return -1;
    }
    Py_DECREF(index);
    *out = (int)v;
    return 0;
}

int np_py_to_bool(PyObject *obj, const char *fname, const char *arg, bool *out)
{
    if (!PyBool_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be bool, not %.100s", fname, arg,
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    *out = obj == Py_True;
    return 0;
}

int np_py_to_appointment(np_py_state *st, const char *fname, PyObject *const *args,
                         np_appointment *a, const np_policy **policy)
{
    const char *const *names = np_py_names + NP_PY_NAME_KIND;
    static const int from_policy = NP_FROM_POLICY;
    const np_appointment defaults = NP_APPOINTMENT_INIT;
    const np_date start = a->start;
    *a = defaults;
    a->start = start;
    *policy = NULL;
    if (args[NP_PY_ARG_KIND]) {
        const char *kind = np_py_to_utf8(args[NP_PY_ARG_KIND], fname, names[NP_PY_ARG_KIND]);
        if (!kind) return -1;
        np_error err;
        if (np_kind_parse(&a->kind, kind, &err) != NP_OK) {
            np_py_raise(st, &err);
            return -1;
        }
    }
    int *const ints[] = {[NP_PY_ARG_INITIAL] = &a->initial_months,
                         [NP_PY_ARG_RENEWAL] = &a->renewal_months,
                         [NP_PY_ARG_MAX] = &a->max_months,
                         [NP_PY_ARG_REDUCTION] = &a->reduction_months};
    for (int i = NP_PY_ARG_INITIAL; i <= NP_PY_ARG_REDUCTION; i++) {
        if (!ints[i] || !args[i]) continue;
        if (np_py_to_int(args[i], fname, names[i], i == NP_PY_ARG_REDUCTION ? NULL : &from_policy,
                         ints[i]) < 0)
            return -1;
    }
    if (args[NP_PY_ARG_TWIN] &&
        np_py_to_bool(args[NP_PY_ARG_TWIN], fname, names[NP_PY_ARG_TWIN], &a->twin_grade) < 0)
        return -1;
    if (args[NP_PY_ARG_DIRECT] &&
        np_py_to_bool(args[NP_PY_ARG_DIRECT], fname, names[NP_PY_ARG_DIRECT], &a->direct_higher) < 0)
        return -1;
    if (args[NP_PY_ARG_POLICY] && args[NP_PY_ARG_POLICY] != Py_None) {
        *policy = np_py_policy_get(st, args[NP_PY_ARG_POLICY], fname, names[NP_PY_ARG_POLICY]);
        if (!*policy) return -1;
    }
    return 0;
}

int np_py_to_unix_seconds(PyObject *obj, const char *fname, const char *arg, int64_t *out)
{
    if (PyDateTime_Check(obj)) {
        PyObject *ts = PyObject_CallMethod(obj, "timestamp", NULL);
        if (!ts) return -1;
        const double v = PyFloat_AsDouble(ts);
        Py_DECREF(ts);
        if (v == -1.0 && PyErr_Occurred()) return -1;
        /* Whole seconds, rounded down (the DTSTAMP has no fraction). */
        int64_t s = (int64_t)v;
        if ((double)s > v) s--;
        *out = s;
        return 0;
    }
    if (PyLong_Check(obj) && !PyBool_Check(obj)) {
        int overflow;
        const long long v = PyLong_AsLongLongAndOverflow(obj, &overflow);
        if (v == -1 && PyErr_Occurred()) return -1;
        if (overflow) {
            PyErr_Format(PyExc_ValueError, "%s() argument '%s' is out of range: %S", fname, arg, obj);
            return -1;
        }
        *out = (int64_t)v;
        return 0;
    }
    PyErr_Format(PyExc_TypeError,
                 "%s() argument '%s' must be datetime.datetime or int (Unix seconds), not %.100s",
                 fname, arg, Py_TYPE(obj)->tp_name);
    return -1;
}

int np_py_text_get(PyObject *obj, const char *fname, const char *arg, np_py_text *out)
{
    out->view.obj = NULL;
    if (PyUnicode_Check(obj)) {
        Py_ssize_t n;
        if (!(out->data = PyUnicode_AsUTF8AndSize(obj, &n))) return -1;
        out->len = (size_t)n;
        return 0;
    }
    if (PyObject_CheckBuffer(obj)) {
        if (PyObject_GetBuffer(obj, &out->view, PyBUF_SIMPLE) < 0) return -1;
        out->data = out->view.buf;
        out->len = (size_t)out->view.len;
        return 0;
    }
    if (arg)
        PyErr_Format(PyExc_TypeError, "%s() argument '%s' must be str or bytes, not %.100s", fname,
                     arg, Py_TYPE(obj)->tp_name);
    else
        PyErr_Format(PyExc_TypeError, "%s() argument must be str or bytes, not %.100s", fname,
                     Py_TYPE(obj)->tp_name);
    return -1;
}

PyObject *np_py_fs_path(PyObject *obj, const char *fname, const char *arg)
{
    PyObject *bytes;
    if (PyUnicode_FSConverter(obj, &bytes)) return bytes;
    /* CPython's own message names neither the function nor the argument. */
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError,
                     "%s() argument '%s' must be a path (str, bytes or os.PathLike), not %.100s",
                     fname, arg, Py_TYPE(obj)->tp_name);
    } else if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
        /* A str os.fsencode refuses (a lone surrogate that surrogateescape
         * did not make): say so, with the codec's words. */
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        PyErr_NormalizeException(&type, &value, &tb);
        PyErr_Format(PyExc_ValueError, "%s() argument '%s' cannot be a file name: %S", fname, arg,
                     value ? value : Py_None);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
    } else if (PyErr_ExceptionMatches(PyExc_ValueError)) {
        PyErr_Clear();
        PyErr_Format(PyExc_ValueError, "%s() argument '%s' contains a NUL character", fname, arg);
    }
    return NULL;
}

void np_py_text_release(np_py_text *text)
{
    if (text->view.obj) PyBuffer_Release(&text->view);
}
