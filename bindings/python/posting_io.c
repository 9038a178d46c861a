/* Module functions for postings: read_notice(), read_notice_file(), load()
 * and save(). Each converts its arguments, calls one core function (with the
 * GIL released: the core touches no Python object) and converts the result
 * or the error. */
#include "module.h"

#include <string.h>

PyDoc_STRVAR(read_notice_doc,
"read_notice($module, text, *, source=None)\n"
"--\n"
"\n"
"Reads a vacancy notice, as copied from a job site, into a natopost.Posting.\n"
"\n"
"text: the notice (str, or bytes: UTF-8, UTF-16 with a byte order mark, or\n"
"Windows-1252, by the rule of notice.h; a decoded text gets a diagnostic).\n"
"source: where it came from (a URL, or a file name: str, bytes or os.PathLike,\n"
"os.fsencode conventions), kept as posting.source.\n"
"\n"
"What the reader cannot read stays None and is listed in posting.diagnostics;\n"
"only text that is not a notice at all (empty, NUL characters, bytes of no\n"
"supported encoding, over 16 MiB) raises natopost.Error (a ValueError) with the core's message.\n"
"\n"
"Example:\n"
"    >>> p = natopost.read_notice('Executive Officer\\nNATO Grade G20\\n'\n"
"    ...                          'Application Deadline: 03-Nov-2025, 5:59:00 PM\\n',\n"
"    ...                          source='https://example.org/vacancy/1')\n"
"    >>> p.title, p.grade, p.deadline, p.deadline_time, p.source\n"
"    ('Executive Officer', 'G20', datetime.date(2025, 11, 3), datetime.time(17, 59), 'https://example.org/vacancy/1')\n"
"    >>> p.contract is None, [d['field'] for d in p.diagnostics]\n"
"    (True, ['language', 'requirements', 'contract'])\n");

static PyObject *read_notice(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                             PyObject *kwnames)
{
    enum { TEXT, SOURCE, COUNT };
    static const unsigned char params[COUNT] = {NP_PY_NAME_TEXT, NP_PY_NAME_SOURCE};
    np_py_state *st = np_py_state_of_module(module);
    PyObject *a[COUNT];
    if (np_py_parse_args(st, "read_notice", args, nargs, kwnames, params, COUNT, 1, 1, a) < 0)
        return NULL;
    /* A file name (os.fsencode conventions) or a URL. */
    PyObject *source_bytes = NULL;
    if (a[SOURCE] && a[SOURCE] != Py_None &&
        !(source_bytes = np_py_fs_path(a[SOURCE], "read_notice", "source")))
        return NULL;
    const char *source = source_bytes ? PyBytes_AS_STRING(source_bytes) : NULL;
    np_py_text text;
    if (np_py_text_get(a[TEXT], "read_notice", "text", &text) < 0) {
        Py_XDECREF(source_bytes);
        return NULL;
    }
    np_posting *p = NULL;
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_notice_read(&p, text.data, text.len, source, &err);
    Py_END_ALLOW_THREADS
    np_py_text_release(&text);
    Py_XDECREF(source_bytes);
    if (rc != NP_OK) return np_py_raise(st, &err);
    return np_py_posting_new(st, p);
}

PyDoc_STRVAR(read_notice_file_doc,
"read_notice_file($module, path, /)\n"
"--\n"
"\n"
"read_notice() on a file's contents (UTF-8); posting.source is the path.\n"
"OSError when the file cannot be read.\n"
"\n"
"Example:\n"
"    >>> p = natopost.read_notice_file(seed('000'))\n"
"    >>> p.title, p.deadline\n"
"    ('Officer, Logistics', datetime.date(2025, 4, 22))\n");

static PyObject *read_notice_file(PyObject *module, PyObject *path)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *bytes = np_py_fs_path(path, "read_notice_file", "path");
    if (!bytes) return NULL;
    np_posting *p = NULL;
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_notice_read_file(&p, PyBytes_AS_STRING(bytes), &err);
    Py_END_ALLOW_THREADS
    Py_DECREF(bytes);
    if (rc != NP_OK) return np_py_raise(st, &err);
    return np_py_posting_new(st, p);
}

/* The postings of `list` as a Python list (their ownership moves to it;
 * the list is emptied either way). */
static PyObject *posting_list(np_py_state *st, np_posting_list *list)
{
    PyObject *result = PyList_New((Py_ssize_t)list->count);
    for (size_t i = 0; result && i < list->count; i++) {
        np_posting *p = list->items[i];
        list->items[i] = NULL; /* owned by the Posting (or freed) from here on */
        PyObject *item = np_py_posting_new(st, p);
        if (!item) Py_CLEAR(result);
        else PyList_SET_ITEM(result, (Py_ssize_t)i, item);
    }
    np_posting_list_free(list);
    return result;
}

PyDoc_STRVAR(load_doc,
"load($module, path, /)\n"
"--\n"
"\n"
"The postings in a JSON file (list of natopost.Posting): a JSON array of\n"
"postings, a single posting, or newline-delimited JSON (.ndjson/.jsonl, one\n"
"posting per line), each in the natopost JSON form. A bad posting raises\n"
"natopost.Error naming the item or line and the JSON path; OSError when the\n"
"file cannot be read.\n"
"\n"
"Example:\n"
"    >>> natopost.save('postings.ndjson', [natopost.read_notice_file(seed('000'))])\n"
"    >>> [p.title for p in natopost.load('postings.ndjson')]\n"
"    ['Officer, Logistics']\n");

static PyObject *load(PyObject *module, PyObject *path)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *bytes = np_py_fs_path(path, "load", "path");
    if (!bytes) return NULL;
    np_posting_list list = {NULL, 0, 0};
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_posting_list_load(&list, PyBytes_AS_STRING(bytes), &err);
    Py_END_ALLOW_THREADS
    Py_DECREF(bytes);
    if (rc != NP_OK) {
        np_posting_list_free(&list);
        return np_py_raise(st, &err);
    }
    return posting_list(st, &list);
}

PyDoc_STRVAR(loads_doc,
"loads($module, text, /)\n"
"--\n"
"\n"
"The postings in JSON text (str or bytes), as load() reads a file: a JSON\n"
"array of postings, a single posting, or newline-delimited JSON (one posting\n"
"per line). Returns a list of natopost.Posting; a bad posting raises\n"
"natopost.Error naming the item or line and the JSON path.\n"
"\n"
"Example:\n"
"    >>> p = natopost.read_notice('Staff Officer\\nNATO Grade G15\\n')\n"
"    >>> natopost.loads(p.to_json() + '\\n' + p.to_json() + '\\n') == [p, p]\n"
"    True\n"
"    >>> natopost.loads('[]')\n"
"    []\n");

static PyObject *loads(PyObject *module, PyObject *text)
{
    np_py_state *st = np_py_state_of_module(module);
    np_posting_list list = {NULL, 0, 0};
    np_error err;
    np_status rc;
    np_py_text json;
    if (np_py_text_get(text, "loads", NULL, &json) < 0) return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = np_posting_list_read_json(&list, json.data, json.len, &err);
    Py_END_ALLOW_THREADS
    np_py_text_release(&json);
    if (rc != NP_OK) {
        np_posting_list_free(&list);
        return np_py_raise(st, &err);
    }
    return posting_list(st, &list);
}

PyDoc_STRVAR(save_doc,
"save($module, path, postings, /)\n"
"--\n"
"\n"
"Writes postings (an iterable of natopost.Posting) to a file in the natopost\n"
"JSON form: newline-delimited JSON when the path ends in .ndjson or .jsonl,\n"
"else an indented JSON array. Atomic: a temporary file in the same folder is\n"
"written, synced and renamed over the target, so a crash never leaves half a\n"
"file and a failed write leaves the old file as it was. OSError when the file\n"
"cannot be written.\n"
"\n"
"Example:\n"
"    >>> ps = [natopost.read_notice_file(seed(s)) for s in ('000', '004')]\n"
"    >>> natopost.save('postings.json', ps)\n"
"    >>> natopost.load('postings.json') == ps\n"
"    True\n");

static PyObject *save(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    np_py_state *st = np_py_state_of_module(module);
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "save() takes exactly 2 arguments (path, postings), %zd given",
                     nargs);
        return NULL;
    }
    if (Py_TYPE(args[1]) == st->posting_type || PyUnicode_Check(args[1]) || PyBytes_Check(args[1])) {
        PyErr_Format(PyExc_TypeError,
                     "save() argument 'postings' must be an iterable of natopost.Posting, not %.100s",
                     Py_TYPE(args[1])->tp_name);
        return NULL;
    }
    /* A tuple of our own: the postings stay alive while the GIL is released. */
    PyObject *items = PySequence_Tuple(args[1]);
    if (!items) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Format(PyExc_TypeError,
                         "save() argument 'postings' must be an iterable of natopost.Posting, not %.100s",
                         Py_TYPE(args[1])->tp_name);
        }
        return NULL;
    }
    const Py_ssize_t n = PyTuple_GET_SIZE(items);
    const np_posting **postings = PyMem_Malloc((size_t)(n ? n : 1) * sizeof *postings);
    if (!postings) {
        Py_DECREF(items);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(items, i);
        if (Py_TYPE(item) != st->posting_type) {
            PyErr_Format(PyExc_TypeError, "save() argument 'postings' item %zd must be natopost.Posting, not %.100s",
                         i, Py_TYPE(item)->tp_name);
            PyMem_Free(postings);
            Py_DECREF(items);
            return NULL;
        }
        postings[i] = np_py_posting_get(st, item, "save", "postings");
    }
    PyObject *bytes = np_py_fs_path(args[0], "save", "path");
    if (!bytes) {
        PyMem_Free(postings);
        Py_DECREF(items);
        return NULL;
    }
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_posting_list_save(PyBytes_AS_STRING(bytes), postings, (size_t)n, &err);
    Py_END_ALLOW_THREADS
    Py_DECREF(bytes);
    PyMem_Free(postings);
    Py_DECREF(items);
    if (rc != NP_OK) return np_py_raise(st, &err);
    Py_RETURN_NONE;
}

PyMethodDef np_py_posting_functions[] = {
    {"read_notice", (PyCFunction)(void (*)(void))read_notice, METH_FASTCALL | METH_KEYWORDS,
     read_notice_doc},
    {"read_notice_file", read_notice_file, METH_O, read_notice_file_doc},
    {"load", load, METH_O, load_doc},
    {"loads", loads, METH_O, loads_doc},
    {"save", (PyCFunction)(void (*)(void))save, METH_FASTCALL, save_doc},
    {NULL, NULL, 0, NULL},
};
