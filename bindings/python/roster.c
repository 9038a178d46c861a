/* Private functions behind natopost.project(), natopost.next_events() and
 * Collection.to_ical() (python/natopost/_roster.py): the Python side turns a
 * DataFrame or columns into numpy buffers; these pass them to the core
 * (np_roster_project, np_roster_next_events, np_roster_events, np_roster_status,
 * np_postings_to_ical) with the GIL
 * released, and return the core's counts as buffers. */
#include "module.h"

#include <string.h>

#include "natopost/epoch.h"

/* The roster columns in the order _roster.py passes them, with their item sizes. */
enum { COL_START, COL_KIND, COL_INITIAL, COL_RENEWAL, COL_MAX, COL_TWIN, COL_REDUCTION,
       COL_DIRECT, COL_GROUP, COL_COUNT };
static const Py_ssize_t ITEM_SIZE[COL_COUNT] = {8, 4, 4, 4, 4, 1, 4, 1, 4};
static const char *const COLUMN_NAMES[COL_COUNT] = {
    "start", "kind", "initial_months", "renewal_months", "max_months", "twin_grade",
    "reduction_months", "direct_higher", "group"};

typedef struct held_columns {
    Py_buffer views[COL_COUNT];
    bool held[COL_COUNT];
    np_roster_columns columns;
} held_columns;

static void release_columns(held_columns *h)
{
    for (int i = 0; i < COL_COUNT; i++)
        if (h->held[i]) PyBuffer_Release(&h->views[i]);
}

/* Takes the tuple of COL_COUNT buffers (None: default column; start and the
 * first are required) into h->columns. 0 or -1 with TypeError/ValueError. */
static int hold_columns(PyObject *tuple, Py_ssize_t group_count, held_columns *h)
{
    memset(h, 0, sizeof *h);
    if (!PyTuple_Check(tuple) || PyTuple_GET_SIZE(tuple) != COL_COUNT) {
        PyErr_SetString(PyExc_TypeError, "roster columns must be a tuple of 9 buffers or None");
        return -1;
    }
    Py_ssize_t count = -1;
    const void *data[COL_COUNT] = {NULL};
    for (int i = 0; i < COL_COUNT; i++) {
        PyObject *obj = PyTuple_GET_ITEM(tuple, i);
        if (obj == Py_None && i != COL_START) continue;
        if (PyObject_GetBuffer(obj, &h->views[i], PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
            release_columns(h);
            return -1;
        }
        h->held[i] = true;
        const Py_buffer *v = &h->views[i];
        if (v->ndim != 1 || v->itemsize != ITEM_SIZE[i] ||
            (uintptr_t)v->buf % (uintptr_t)ITEM_SIZE[i] != 0) {
            PyErr_Format(PyExc_TypeError,
                         "roster column %s must be an aligned 1-D buffer of %zd-byte items",
                         COLUMN_NAMES[i], ITEM_SIZE[i]);
            release_columns(h);
            return -1;
        }
        const Py_ssize_t n = v->len / v->itemsize;
        if (count >= 0 && n != count) {
            PyErr_Format(PyExc_ValueError, "roster column %s has %zd %s, start has %zd", COLUMN_NAMES[i], n,
                         n == 1 ? "row" : "rows", count);
            release_columns(h);
            return -1;
        }
        count = n;
        data[i] = v->buf;
    }
    h->columns = (np_roster_columns){
        (size_t)count,           data[COL_START],     data[COL_KIND],   data[COL_INITIAL],
        data[COL_RENEWAL],       data[COL_MAX],       data[COL_TWIN],   data[COL_REDUCTION],
        data[COL_DIRECT],        data[COL_GROUP],     (size_t)group_count};
    return 0;
}

static int get_policy(np_py_state *st, PyObject *obj, const char *fname, np_policy *out,
                      const np_policy **policy)
{
    *policy = NULL;
    if (obj == Py_None) return 0;
    const np_policy *p = np_py_policy_get(st, obj, fname, "policy");
    if (!p) return -1;
    *out = *p;
    *policy = out;
    return 0;
}

/* _roster_project(columns, group_count, first_month "YYYY-MM", months, policy)
 * -> bytearray of int64 counts, groups x months x NP_PROJECTION_COLUMNS. */
static PyObject *py_roster_project(PyObject *module, PyObject *args)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *columns, *policy_obj;
    Py_ssize_t group_count;
    int months;
    const char *first;
    Py_ssize_t first_len;
    if (!PyArg_ParseTuple(args, "Ons#iO", &columns, &group_count, &first, &first_len, &months,
                          &policy_obj))
        return NULL;
    np_error err;
    int year, month;
    if (np_month_parse(&year, &month, first, (size_t)first_len, &err) != NP_OK) {
        np_error_prefix(&err, "start");
        return np_py_raise(st, &err);
    }
    np_policy copy;
    const np_policy *policy;
    if (get_policy(st, policy_obj, "project", &copy, &policy) < 0) return NULL;
    held_columns h;
    if (hold_columns(columns, group_count, &h) < 0) return NULL;
    np_projection p;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_roster_project(&p, policy, &h.columns, year, month, months, &err);
    Py_END_ALLOW_THREADS
    release_columns(&h);
    if (rc != NP_OK) return np_py_raise(st, &err);
    PyObject *out = PyByteArray_FromStringAndSize(
        (const char *)p.counts, (Py_ssize_t)(p.groups * p.months * NP_PROJECTION_COLUMNS * sizeof *p.counts));
    np_projection_free(&p);
    return out;
}

/* _roster_next_events(columns, after, policy) -> (int32 codes, int64 dates) as bytearrays. */
static PyObject *py_roster_next_events(PyObject *module, PyObject *args)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *columns, *after_obj, *policy_obj;
    if (!PyArg_ParseTuple(args, "OOO", &columns, &after_obj, &policy_obj)) return NULL;
    np_date after;
    if (np_py_to_date(st, after_obj, "next_events", "after", &after) < 0) return NULL;
    np_policy copy;
    const np_policy *policy;
    if (get_policy(st, policy_obj, "next_events", &copy, &policy) < 0) return NULL;
    held_columns h;
    if (hold_columns(columns, 0, &h) < 0) return NULL;
    const size_t n = h.columns.count;
    PyObject *codes = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(n * sizeof(int32_t)));
    PyObject *dates = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(n * sizeof(int64_t)));
    if (!codes || !dates) {
        Py_XDECREF(codes);
        Py_XDECREF(dates);
        release_columns(&h);
        return NULL;
    }
    np_error err;
    np_status rc;
    int32_t *code_out = (int32_t *)(void *)PyByteArray_AS_STRING(codes);
    int64_t *date_out = (int64_t *)(void *)PyByteArray_AS_STRING(dates);
    Py_BEGIN_ALLOW_THREADS
    rc = np_roster_next_events(policy, &h.columns, after, code_out, date_out, &err);
    Py_END_ALLOW_THREADS
    release_columns(&h);
    if (rc != NP_OK) {
        Py_DECREF(codes);
        Py_DECREF(dates);
        return np_py_raise(st, &err);
    }
    return Py_BuildValue("(NN)", codes, dates);
}

/* Rows per step of events_in_steps: the step's 9 output rows (144 KB) stay
 * in cache between the core writing them and converting them. */
#define EVENT_STEP_ROWS 2048

/* Rows [first, first + count) of `c` as columns of their own. */
static np_roster_columns row_slice(const np_roster_columns *c, size_t first, size_t count)
{
#define NP_SLICE(p) ((p) ? (p) + first : NULL)
    return (np_roster_columns){count,
                               NP_SLICE(c->start),
                               NP_SLICE(c->kind),
                               NP_SLICE(c->initial_months),
                               NP_SLICE(c->renewal_months),
                               NP_SLICE(c->max_months),
                               NP_SLICE(c->twin_grade),
                               NP_SLICE(c->reduction_months),
                               NP_SLICE(c->direct_higher),
                               NULL,
                               0};
#undef NP_SLICE
}

/* Every event of every row in days[code][row], as nanoseconds when asked:
 * the core computes and converts EVENT_STEP_ROWS rows at a time. On any
 * error it starts again over all the rows at once, so that the core's
 * message names the row of the whole table. */
static np_status events_in_steps(const np_policy *policy, const np_roster_columns *c,
                                 int64_t *const days[NP_EVENT_COUNT], bool nanoseconds, np_error *err)
{
    np_status rc = NP_OK;
    for (size_t first = 0; rc == NP_OK && first < c->count; first += EVENT_STEP_ROWS) {
        const size_t count = c->count - first < EVENT_STEP_ROWS ? c->count - first : EVENT_STEP_ROWS;
        const np_roster_columns step = row_slice(c, first, count);
        int64_t *step_days[NP_EVENT_COUNT];
        for (int code = 0; code < NP_EVENT_COUNT; code++) step_days[code] = days[code] + first;
        rc = np_roster_events(policy, &step, step_days, err);
        for (int code = 0; rc == NP_OK && nanoseconds && code < NP_EVENT_COUNT; code++)
            rc = np_epoch_days_to_ns(step_days[code], count, err);
    }
    if (rc == NP_OK || rc == NP_ENOMEM || rc == NP_ECANCELLED) return rc;
    rc = np_roster_events(policy, c, days, err);
    for (int code = 0; rc == NP_OK && nanoseconds && code < NP_EVENT_COUNT; code++) {
        rc = np_epoch_days_to_ns(days[code], c->count, err);
        if (rc != NP_OK) np_error_prefix(err, "%s", np_event_code_name((np_event_code)code));
    }
    return rc;
}

/* _roster_events(columns, policy, out, nanoseconds) -> None: every event of
 * every row into `out`, a writable C-contiguous int64 buffer of
 * NP_EVENT_COUNT x rows items, code-major (out[code * rows + row]: numpy's
 * (codes, rows) array, the block of a DataFrame with one column per code).
 * Day numbers, or with `nanoseconds` datetime64[ns] values converted by the
 * core (natopost/epoch.h) while still in cache: no second buffer. */
static PyObject *py_roster_events(PyObject *module, PyObject *args)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *columns, *policy_obj, *out_obj;
    int nanoseconds;
    if (!PyArg_ParseTuple(args, "OOOp", &columns, &policy_obj, &out_obj, &nanoseconds)) return NULL;
    np_policy copy;
    const np_policy *policy;
    if (get_policy(st, policy_obj, "timelines", &copy, &policy) < 0) return NULL;
    held_columns h;
    if (hold_columns(columns, 0, &h) < 0) return NULL;
    const size_t n = h.columns.count;
    Py_buffer out;
    if (PyObject_GetBuffer(out_obj, &out, PyBUF_C_CONTIGUOUS | PyBUF_WRITABLE) < 0) {
        release_columns(&h);
        return NULL;
    }
    if ((size_t)out.len != n * NP_EVENT_COUNT * sizeof(int64_t) ||
        (uintptr_t)out.buf % sizeof(int64_t) != 0) {
        PyErr_Format(PyExc_ValueError, "timelines(): the output buffer must hold %d x %zu aligned int64",
                     NP_EVENT_COUNT, n);
        PyBuffer_Release(&out);
        release_columns(&h);
        return NULL;
    }
    int64_t *days[NP_EVENT_COUNT];
    for (size_t code = 0; code < NP_EVENT_COUNT; code++) days[code] = (int64_t *)out.buf + code * n;
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = events_in_steps(policy, &h.columns, days, nanoseconds, &err);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&out);
    release_columns(&h);
    if (rc != NP_OK) {
        if (rc != NP_ECANCELLED && rc != NP_ENOMEM) np_error_prefix(&err, "timelines()");
        return np_py_raise(st, &err);
    }
    Py_RETURN_NONE;
}

/* _roster_status(columns, on, policy) -> (phase int32, days_to_contract_end
 * int32, conversion_window_open uint8, months_served int32, promotion_possible
 * uint8) as bytearrays. */
static PyObject *py_roster_status(PyObject *module, PyObject *args)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *columns, *on_obj, *policy_obj;
    if (!PyArg_ParseTuple(args, "OOO", &columns, &on_obj, &policy_obj)) return NULL;
    np_date on;
    if (np_py_to_date(st, on_obj, "status", "on", &on) < 0) return NULL;
    np_policy copy;
    const np_policy *policy;
    if (get_policy(st, policy_obj, "status", &copy, &policy) < 0) return NULL;
    held_columns h;
    if (hold_columns(columns, 0, &h) < 0) return NULL;
    const Py_ssize_t n = (Py_ssize_t)h.columns.count;
    PyObject *phase = PyByteArray_FromStringAndSize(NULL, n * 4);
    PyObject *days = PyByteArray_FromStringAndSize(NULL, n * 4);
    PyObject *window = PyByteArray_FromStringAndSize(NULL, n);
    PyObject *served = PyByteArray_FromStringAndSize(NULL, n * 4);
    PyObject *promotion = PyByteArray_FromStringAndSize(NULL, n);
    if (!phase || !days || !window || !served || !promotion) goto fail;
    const np_roster_status_columns out = {
        (int32_t *)(void *)PyByteArray_AS_STRING(phase),
        (int32_t *)(void *)PyByteArray_AS_STRING(days),
        (uint8_t *)PyByteArray_AS_STRING(window),
        (int32_t *)(void *)PyByteArray_AS_STRING(served),
        (uint8_t *)PyByteArray_AS_STRING(promotion),
    };
    np_error err;
    np_status rc;
    Py_BEGIN_ALLOW_THREADS
    rc = np_roster_status(policy, &h.columns, on, &out, &err);
    Py_END_ALLOW_THREADS
    release_columns(&h);
    if (rc != NP_OK) {
        np_py_raise(st, &err);
        goto failed;
    }
    return Py_BuildValue("(NNNNN)", phase, days, window, served, promotion);
fail:
    release_columns(&h);
failed:
    Py_XDECREF(phase);
    Py_XDECREF(days);
    Py_XDECREF(window);
    Py_XDECREF(served);
    Py_XDECREF(promotion);
    return NULL;
}

/* Prefixes the pending exception's message with "row N: ", keeping its type
 * and attributes (natopost.Error's code, line, ...). */
static void prefix_row(Py_ssize_t row)
{
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    PyObject *text = value ? PyObject_Str(value) : NULL;
    PyObject *args = text ? Py_BuildValue("(N)", PyUnicode_FromFormat("row %zd: %U", row, text)) : NULL;
    if (!args || PyObject_SetAttrString(value, "args", args) < 0) PyErr_Clear();
    Py_XDECREF(text);
    Py_XDECREF(args);
    PyErr_Restore(type, value, tb);
}

/* 1 when a column item is missing: None, or not equal to itself: NaN and
 * NaT (== gives False), pandas.NA (== gives NA, whose truth is a TypeError);
 * 0 otherwise (strings never); -1 with an exception. */
static int missing_item(PyObject *item)
{
    if (item == Py_None) return 1;
    if (PyUnicode_Check(item)) return 0;
    PyObject *eq = PyObject_RichCompare(item, item, Py_EQ);
    if (!eq) return -1;
    int missing = eq == Py_False;
    if (eq != Py_True && eq != Py_False && PyObject_IsTrue(eq) < 0) {
        missing = PyErr_ExceptionMatches(PyExc_TypeError);
        PyErr_Clear(); /* anything else (an array's ValueError) is left to the reader of the item */
    }
    Py_DECREF(eq);
    return missing;
}

/* The items of a column, borrowed: a numpy object array's own pointers (a
 * buffer of format 'O': no list is built), else a fast sequence's. */
typedef struct column_items {
    PyObject *const *items;
    Py_ssize_t count;
    PyObject *seq;  /* held: the fast sequence, or NULL */
    Py_buffer view; /* held when view.obj is set */
} column_items;

static int hold_items(PyObject *values, column_items *c)
{
    memset(c, 0, sizeof *c);
    if (PyObject_CheckBuffer(values)) {
        if (PyObject_GetBuffer(values, &c->view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
            PyErr_Clear(); /* not C-contiguous: read as a sequence */
        } else if (c->view.ndim == 1 && c->view.format && strcmp(c->view.format, "O") == 0 &&
                   c->view.itemsize == (Py_ssize_t)sizeof(PyObject *)) {
            c->items = c->view.buf;
            c->count = c->view.len / c->view.itemsize;
            return 0;
        } else {
            PyBuffer_Release(&c->view);
        }
    }
    c->seq = PySequence_Fast(values, "a column must be a sequence");
    if (!c->seq) return -1;
    c->items = PySequence_Fast_ITEMS(c->seq);
    c->count = PySequence_Fast_GET_SIZE(c->seq);
    return 0;
}

static void release_items(column_items *c)
{
    if (c->view.obj) PyBuffer_Release(&c->view);
    Py_XDECREF(c->seq);
}

/* A column's items (hold_items) and a new bytearray of `item_size` bytes per
 * item (returned); NULL with an exception, nothing held. */
static PyObject *column_buffer(PyObject *values, size_t item_size, column_items *c)
{
    if (hold_items(values, c) < 0) return NULL;
    PyObject *out = PyByteArray_FromStringAndSize(NULL, c->count * (Py_ssize_t)item_size);
    if (!out) release_items(c);
    return out;
}

/* _days(values, fname, arg) -> bytearray of int64 day numbers: each item
 * read as every date argument is (np_py_to_date: the core's parser and
 * errors, prefixed "row N: "); a missing item (missing_item) is NaT. */
static PyObject *py_days(PyObject *module, PyObject *args)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *values;
    const char *fname, *arg;
    if (!PyArg_ParseTuple(args, "Oss", &values, &fname, &arg)) return NULL;
    column_items c;
    PyObject *out = column_buffer(values, sizeof(int64_t), &c);
    if (!out) return NULL;
    int64_t *days = (int64_t *)(void *)PyByteArray_AS_STRING(out);
    for (Py_ssize_t i = 0; i < c.count; i++) {
        /* Held while read: converting it may run Python code that changes the column. */
        PyObject *item = Py_NewRef(c.items[i]);
        const int missing = missing_item(item);
        np_date d = 0;
        const int bad = missing < 0 || (!missing && np_py_to_date(st, item, fname, arg, &d) < 0);
        Py_DECREF(item);
        if (bad) {
            if (missing == 0) prefix_row(i);
            goto fail;
        }
        days[i] = missing ? NP_BATCH_NAT : d;
    }
    release_items(&c);
    return out;
fail:
    Py_DECREF(out);
    release_items(&c);
    return NULL;
}

/* _kind_codes(values) -> bytearray of int32 np_kind codes, one per item of
 * the sequence `values`: a kind name read by the core (np_kind_parse; a
 * string object already read, one of the last few distinct ones, is not
 * parsed again: a column usually holds a handful of objects), or the
 * default (external) for a missing item (missing_item). Errors name the row
 * and the column. */
static PyObject *py_kind_codes(PyObject *module, PyObject *values)
{
    np_py_state *st = np_py_state_of_module(module);
    column_items c;
    PyObject *out = column_buffer(values, sizeof(int32_t), &c);
    if (!out) return NULL;
    int32_t *codes = (int32_t *)(void *)PyByteArray_AS_STRING(out);
    /* Held, so that an address seen stays that object's (a comparison below
     * may run Python code that changes the column). */
    enum { SEEN = 4 };
    PyObject *seen[SEEN] = {NULL};
    int32_t seen_code[SEEN] = {0};
    unsigned next_seen = 0;
    for (Py_ssize_t i = 0; i < c.count; i++) {
        PyObject *item = c.items[i];
        int found = -1;
        for (int k = 0; k < SEEN; k++)
            if (seen[k] == item) found = k;
        if (found >= 0) {
            codes[i] = seen_code[found];
            continue;
        }
        Py_INCREF(item);
        int32_t code = NP_KIND_EXTERNAL;
        const int missing = missing_item(item);
        if (missing == 0 && !PyUnicode_Check(item)) {
            PyErr_Format(PyExc_TypeError, "row %zd: column kind must be a str, not %.100s", i,
                         Py_TYPE(item)->tp_name);
        } else if (missing == 0) {
            const char *name = PyUnicode_AsUTF8(item);
            np_kind kind = NP_KIND_EXTERNAL;
            np_error err;
            if (name && np_kind_parse(&kind, name, &err) != NP_OK) {
                np_error_prefix(&err, "row %zd: column kind", i);
                np_py_raise(st, &err);
            }
            code = (int32_t)kind;
        }
        if (PyErr_Occurred()) {
            Py_DECREF(item);
            goto fail;
        }
        codes[i] = code;
        if (missing) {
            Py_DECREF(item);
            continue;
        }
        Py_XSETREF(seen[next_seen], item); /* the reference taken above */
        seen_code[next_seen] = code;
        next_seen = (next_seen + 1) % SEEN;
    }
    for (int k = 0; k < SEEN; k++) Py_XDECREF(seen[k]);
    release_items(&c);
    return out;
fail:
    for (int k = 0; k < SEEN; k++) Py_XDECREF(seen[k]);
    Py_DECREF(out);
    release_items(&c);
    return NULL;
}

/* _projection_columns() -> the core's projection column names, in order. */
static PyObject *py_projection_columns(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    PyObject *names = PyTuple_New(NP_PROJECTION_COLUMNS);
    for (Py_ssize_t i = 0; names && i < NP_PROJECTION_COLUMNS; i++) {
        PyObject *name = PyUnicode_FromString(np_projection_column_name((size_t)i));
        if (!name) {
            Py_CLEAR(names);
            break;
        }
        PyTuple_SET_ITEM(names, i, name);
    }
    return names;
}

/* _postings_ical(postings: list[Posting], dtstamp) -> str */
static PyObject *py_postings_ical(PyObject *module, PyObject *args)
{
    np_py_state *st = np_py_state_of_module(module);
    PyObject *list, *stamp_obj;
    if (!PyArg_ParseTuple(args, "O!O", &PyList_Type, &list, &stamp_obj)) return NULL;
    int64_t dtstamp;
    if (np_py_to_unix_seconds(stamp_obj, "to_ical", "dtstamp", &dtstamp) < 0) return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(list);
    const np_posting **postings = PyMem_Malloc((size_t)(n ? n : 1) * sizeof *postings);
    if (!postings) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        postings[i] = np_py_posting_get(st, PyList_GET_ITEM(list, i), "to_ical", "postings");
        if (!postings[i]) {
            PyMem_Free(postings);
            return NULL;
        }
    }
    np_error err;
    /* The list holds the Posting objects (and so their postings) until here. */
    char *text = np_postings_to_ical(postings, (size_t)n, dtstamp, &err);
    PyMem_Free(postings);
    if (!text) return np_py_raise(st, &err);
    PyObject *out = PyUnicode_FromString(text);
    np_free(text);
    return out;
}

PyMethodDef np_py_roster_functions[] = {
    {"_roster_project", py_roster_project, METH_VARARGS, NULL},
    {"_roster_next_events", py_roster_next_events, METH_VARARGS, NULL},
    {"_roster_events", py_roster_events, METH_VARARGS, NULL},
    {"_days", py_days, METH_VARARGS, NULL},
    {"_kind_codes", py_kind_codes, METH_O, NULL},
    {"_roster_status", py_roster_status, METH_VARARGS, NULL},
    {"_projection_columns", py_projection_columns, METH_NOARGS, NULL},
    {"_postings_ical", py_postings_ical, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
