/* Posting.from_dict(d): a dict in the shape of Posting.to_dict() (or of the
 * JSON form, docs/posting-json.md) turned into JSON text and read by the
 * core (np_posting_from_record_json), which reshapes the record and judges
 * every key and value. This file only converts Python values: datetime.date
 * to ISO text, datetime.time to "HH:MM". */
#include "module.h"

#include <string.h>

/* value.isoformat() for date-like values (not str); a new reference to
 * `value` itself otherwise. */
static PyObject *iso_or_self(PyObject *value)
{
    if (!PyUnicode_Check(value) && PyObject_HasAttrString(value, "isoformat"))
        return PyObject_CallMethod(value, "isoformat", NULL);
    return Py_NewRef(value);
}

/* A datetime.time as the JSON form's "HH:MM": isoformat() with ":00"
 * seconds dropped (other seconds are left for the reader to refuse). */
static PyObject *time_text(PyObject *time)
{
    if (time == Py_None) return Py_NewRef(Py_None);
    PyObject *iso = iso_or_self(time);
    if (!iso || !PyUnicode_Check(iso) || PyUnicode_GetLength(iso) != 8) return iso;
    PyObject *tail = PyUnicode_Substring(iso, 5, 8);
    const int whole_minute = tail ? PyUnicode_CompareWithASCIIString(tail, ":00") == 0 : -1;
    Py_XDECREF(tail);
    if (whole_minute < 0) {
        Py_DECREF(iso);
        return NULL;
    }
    if (!whole_minute) return iso;
    PyObject *minutes = PyUnicode_Substring(iso, 0, 5);
    Py_DECREF(iso);
    return minutes;
}

/* The JSON value of d[key]: dates as ISO text, deadline_time as "HH:MM". */
static PyObject *form_value(PyObject *key, PyObject *value)
{
    if (PyUnicode_CompareWithASCIIString(key, "deadline_time") == 0) return time_text(value);
    return iso_or_self(value);
}

/* json.dumps(value, allow_nan=False), an error naming `key` when the value
 * is not JSON (a set, NaN, ...). */
static PyObject *dump(PyObject *dumps, PyObject *key, PyObject *value)
{
    PyObject *args = PyTuple_Pack(1, value);
    PyObject *kwargs = args ? Py_BuildValue("{sO}", "allow_nan", Py_False) : NULL;
    PyObject *text = kwargs ? PyObject_Call(dumps, args, kwargs) : NULL;
    Py_XDECREF(args);
    Py_XDECREF(kwargs);
    if (!text && (PyErr_ExceptionMatches(PyExc_TypeError) ||
                  PyErr_ExceptionMatches(PyExc_ValueError))) {
        PyObject *type, *exc, *tb;
        PyErr_Fetch(&type, &exc, &tb);
        PyErr_NormalizeException(&type, &exc, &tb);
        PyErr_Format(type, "from_dict(): '%U': %S", key, exc);
        Py_XDECREF(type);
        Py_XDECREF(exc);
        Py_XDECREF(tb);
    }
    return text;
}

/* '{"format": ..., "key": value, ...}' as one str, or NULL. */
static PyObject *form_text(PyObject *d)
{
    PyObject *json = PyImport_ImportModule("json");
    PyObject *dumps = json ? PyObject_GetAttrString(json, "dumps") : NULL;
    Py_XDECREF(json);
    PyObject *parts = dumps ? PyList_New(0) : NULL;
    PyObject *result = NULL;
    if (!parts) goto done;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(d, &pos, &key, &value)) {
        if (!PyUnicode_Check(key)) {
            PyErr_Format(PyExc_TypeError, "from_dict(): keys must be str, not %.100s",
                         Py_TYPE(key)->tp_name);
            goto done;
        }
        PyObject *v = form_value(key, value);
        PyObject *k = v ? dump(dumps, key, key) : NULL;
        PyObject *t = k ? dump(dumps, key, v) : NULL;
        PyObject *member = t ? PyUnicode_FromFormat("%U: %U", k, t) : NULL;
        const int failed = !member || PyList_Append(parts, member) < 0;
        Py_XDECREF(v);
        Py_XDECREF(k);
        Py_XDECREF(t);
        Py_XDECREF(member);
        if (failed) goto done;
    }
    PyObject *separator = PyUnicode_FromString(", ");
    PyObject *body = separator ? PyUnicode_Join(separator, parts) : NULL;
    Py_XDECREF(separator);
    if (body) result = PyUnicode_FromFormat("{%U}", body);
    Py_XDECREF(body);
done:
    Py_XDECREF(parts);
    Py_XDECREF(dumps);
    return result;
}

PyObject *np_py_posting_from_dict(PyObject *cls, PyObject *d)
{
    np_py_state *st = (np_py_state *)PyType_GetModuleState((PyTypeObject *)cls);
    if (!PyDict_Check(d))
        return PyErr_Format(PyExc_TypeError, "from_dict() argument must be dict, not %.100s",
                            Py_TYPE(d)->tp_name);
    PyObject *text = form_text(d);
    if (!text) return NULL;
    Py_ssize_t len;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &len);
    np_posting *p = NULL;
    np_error err;
    const np_status rc = utf8 ? np_posting_from_record_json(&p, utf8, (size_t)len, &err) : NP_OK;
    Py_DECREF(text);
    if (!utf8) return NULL;
    if (rc != NP_OK) return np_py_raise(st, &err);
    return np_py_posting_new(st, p);
}
