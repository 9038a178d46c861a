/* Private to the _natopost extension: module state and the functions the
 * per-type files share. Layout after CPython's Modules/_sqlite: one file per
 * Python type (event_type.c, timeline_type.c, policy_type.c, posting_type.c,
 * collection_type.c: the _Collection under python/natopost/_collection.py),
 * the module functions (module.c, batch.c, posting_io.c, roster.c), the
 * cancellation hook (cancel_hook.c) and the value/error conversions
 * (convert.c).
 *
 * Lifetimes, one pattern for every type: an object owns its core value
 * (Posting its np_posting, _Collection its np_collection, each freed in
 * tp_dealloc) or holds a copy (Event, Timeline, Policy are plain values);
 * no object points into another's C memory. What needs its parent later
 * holds a strong reference to the parent object (a Result its Collection,
 * in _collection.py), so the parent lives as long as the child; postings
 * taken out of a collection are copies (tests/python/test_stress.py,
 * "objects outlive what they came from").
 *
 * The binding only converts values and errors; every rule is the core's. */
#ifndef NATOPOST_PY_MODULE_H
#define NATOPOST_PY_MODULE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>
#include <stdint.h>

#include "natopost/natopost.h"

/* Python 3.9 lacks a few conveniences of 3.10. */
#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *np_py_newref(PyObject *o)
{
    Py_INCREF(o);
    return o;
}
#define Py_NewRef(o) np_py_newref((PyObject *)(o))
#endif
#ifndef Py_TPFLAGS_IMMUTABLETYPE
#define Py_TPFLAGS_IMMUTABLETYPE 0
#endif
/* Before 3.10 the module clears tp_new by hand (module.c). */
#ifndef Py_TPFLAGS_DISALLOW_INSTANTIATION
#define Py_TPFLAGS_DISALLOW_INSTANTIATION 0
#endif

/* A function in a PyType_Slot / PyModuleDef_Slot (void *): ISO C has no
 * direct conversion from a function pointer to void *. */
#define NP_PY_FN(f) ((void *)(uintptr_t)(f))

/* The names the binding uses as keyword arguments, dict keys and attribute
 * names, interned once in the module state (no PyUnicode_InternFromString
 * per call: interning a transient string adds it to and removes it from the
 * interpreter's table of interned strings every time). */
typedef enum np_py_name {
    /* keyword arguments (also dict keys) */
    NP_PY_NAME_START,
    NP_PY_NAME_KIND, /* the appointment arguments, in NP_PY_ARG_* order */
    NP_PY_NAME_INITIAL,
    NP_PY_NAME_RENEWAL,
    NP_PY_NAME_MAX,
    NP_PY_NAME_TWIN,
    NP_PY_NAME_REDUCTION,
    NP_PY_NAME_DIRECT,
    NP_PY_NAME_POLICY,
    NP_PY_NAME_STARTS,
    NP_PY_NAME_EVENT,
    NP_PY_NAME_OUT,
    NP_PY_NAME_ON,
    NP_PY_NAME_DTSTAMP,
    NP_PY_NAME_SOURCE,
    NP_PY_NAME_PRETTY,
    NP_PY_NAME_PATH,
    NP_PY_NAME_POSTINGS,
    /* dict keys */
    NP_PY_NAME_TEXT,
    /* attributes of natopost.Error */
    NP_PY_NAME_CODE,
    NP_PY_NAME_LINE,
    NP_PY_NAME_COLUMN,
    NP_PY_NAME_OFFSET,
    NP_PY_NAME_COUNT
} np_py_name;
/* "start", "kind", ... in np_py_name order. */
extern const char *const np_py_names[NP_PY_NAME_COUNT];

/* The most integer parameters a policy may have (the core's introspection). */
#define NP_PY_POLICY_MAX_PARAMS 31

typedef struct np_py_state {
    PyTypeObject *event_type;
    PyTypeObject *timeline_type;
    PyTypeObject *policy_type;
    PyTypeObject *posting_type;
    PyTypeObject *collection_type;
    PyObject *error;                        /* natopost.Error, a ValueError */
    PyObject *event_codes[NP_EVENT_COUNT];  /* interned code strings */
    PyObject *event_labels[NP_EVENT_COUNT]; /* label strings */
    PyObject *names[NP_PY_NAME_COUNT];      /* interned np_py_names */
    /* Interned names of the policy parameters: the integer ones in the
     * core's order, then "seconded_conversion". */
    PyObject *policy_names[NP_PY_POLICY_MAX_PARAMS + 1];
    Py_ssize_t policy_name_count;
} np_py_state;

static inline np_py_state *np_py_state_of_module(PyObject *module)
{
    return (np_py_state *)PyModule_GetState(module);
}

/* The types are created with PyType_FromModuleAndSpec and cannot be
 * subclassed, so an instance's type always leads to the module state. */
static inline np_py_state *np_py_state_of(PyObject *self)
{
    return (np_py_state *)PyType_GetModuleState(Py_TYPE(self));
}

/* ---- query_env.c -------------------------------------------------------- */

/* A query's parameters and "today" as the core takes them. */
typedef struct np_py_query_env {
    np_query_env env;
    np_qparam *storage; /* owned: free with np_py_query_env_release */
} np_py_query_env;

/* `params`: a tuple of str, bool, int, float or dates (one per "?");
 * `today`: None (the local date) or a date. Text parameters point into the
 * tuple's str objects: keep `params` alive while `out` is used. 0, or -1
 * with TypeError/ValueError naming the parameter (nothing to release). */
int np_py_query_env_get(np_py_state *st, PyObject *params, PyObject *today, const char *fname,
                    np_py_query_env *out);
void np_py_query_env_release(np_py_query_env *env);

/* ---- cancel_hook.c ------------------------------------------------------ */

/* Installs the cancellation hook that lets Python's signal handlers
 * (Ctrl-C) interrupt long core calls. */
void np_py_cancel_init(void);

/* ---- convert.c ---------------------------------------------------------- */

/* Imports the datetime C API (once per process). 0 or -1 with an exception. */
int np_py_convert_init(void);

/* Raises the Python exception for a core error: NP_EIO -> OSError,
 * NP_ENOMEM -> MemoryError, anything else -> natopost.Error (a ValueError)
 * with .code, .line, .column and .offset; NP_ECANCELLED keeps the exception
 * the signal handler raised (KeyboardInterrupt). Always returns NULL. */
PyObject *np_py_raise(np_py_state *st, const np_error *err);

/* Fast-call argument parsing. `params` lists every parameter (np_py_name
 * values); the first `max_positional` may be given by position, the first
 * `required` must be given. out[i] receives a borrowed reference or stays
 * NULL. Keywords are matched by identity with the interned names first (what
 * the compiler emits for f(x=...)), then by value. 0 or -1. */
int np_py_parse_args(const np_py_state *st, const char *fname, PyObject *const *args,
                     Py_ssize_t nargs, PyObject *kwnames, const unsigned char *params,
                     Py_ssize_t count, Py_ssize_t max_positional, Py_ssize_t required,
                     PyObject **out);

/* datetime.date (not datetime.datetime) or an ISO "YYYY-MM-DD" string parsed
 * by the core. TypeError naming the argument for other types. 0 or -1. */
int np_py_to_date(np_py_state *st, PyObject *obj, const char *fname, const char *arg,
                  np_date *out);
/* A new datetime.date. */
PyObject *np_py_from_date(np_date d);
/* A new datetime.time for `minute` minutes after midnight (0..1439). */
PyObject *np_py_from_minute(int minute);

/* An int (not bool; objects with __index__ are accepted) that fits a C int and
 * is not INT_MIN (the core's NP_FROM_POLICY marker). With `none_value` not
 * NULL, None gives *none_value. TypeError / ValueError naming the argument. */
int np_py_to_int(PyObject *obj, const char *fname, const char *arg, const int *none_value,
                 int *out);
/* datetime.datetime (via its timestamp(), rounded down) or int Unix seconds. */
int np_py_to_unix_seconds(PyObject *obj, const char *fname, const char *arg, int64_t *out);
/* Exactly True or False; TypeError naming the argument otherwise. */
int np_py_to_bool(PyObject *obj, const char *fname, const char *arg, bool *out);
/* A str without NUL characters, as UTF-8 (borrowed from `obj`). */
const char *np_py_to_utf8(PyObject *obj, const char *fname, const char *arg);

/* The bytes of a text argument that may be str (its UTF-8) or any bytes-like
 * object (its buffer), for the core's readers. np_py_text_get returns -1
 * with TypeError ("fname() argument 'arg' must be str or bytes, not ...";
 * arg NULL for a positional-only argument: "fname() argument must be ...");
 * after success, np_py_text_release (once the core call is done). */
typedef struct np_py_text {
    const char *data;
    size_t len;
    Py_buffer view; /* view.obj is NULL for str */
} np_py_text;
int np_py_text_get(PyObject *obj, const char *fname, const char *arg, np_py_text *out);
void np_py_text_release(np_py_text *text);

/* A path argument (str, bytes or os.PathLike) as a new bytes reference in
 * the file system encoding, or NULL with TypeError ("fname() argument 'arg'
 * must be a path ...") or ValueError (a NUL inside), naming the argument. */
PyObject *np_py_fs_path(PyObject *obj, const char *fname, const char *arg);

/* The appointment arguments shared by timeline() and batch(), in this order. */
enum {
    NP_PY_ARG_KIND,
    NP_PY_ARG_INITIAL,
    NP_PY_ARG_RENEWAL,
    NP_PY_ARG_MAX,
    NP_PY_ARG_TWIN,
    NP_PY_ARG_REDUCTION,
    NP_PY_ARG_DIRECT,
    NP_PY_ARG_POLICY,
    NP_PY_APPOINTMENT_ARGS
};
/* Their np_py_name values, for a `params` list of np_py_parse_args. */
#define NP_PY_APPOINTMENT_PARAMS                                                           \
    NP_PY_NAME_KIND, NP_PY_NAME_INITIAL, NP_PY_NAME_RENEWAL, NP_PY_NAME_MAX, NP_PY_NAME_TWIN,        \
        NP_PY_NAME_REDUCTION, NP_PY_NAME_DIRECT, NP_PY_NAME_POLICY

/* Fills `a` (all but its start) and `*policy` (NULL = the core's defaults)
 * from the arguments above; a NULL entry keeps the default. 0 or -1. */
int np_py_to_appointment(np_py_state *st, const char *fname, PyObject *const *args,
                         np_appointment *a, const np_policy **policy);

/* ---- event_type.c ------------------------------------------------------- */
extern PyType_Spec np_py_event_spec;
/* A natopost.Event holding a copy of `e` (its note is the core's static
 * text); the datetime.date is made on first access to .date. */
PyObject *np_py_event_new(np_py_state *st, const np_event *e);

/* ---- timeline_type.c ---------------------------------------------------- */
extern PyType_Spec np_py_timeline_spec;
/* np_timeline_build into a new natopost.Timeline (policy NULL = defaults). */
PyObject *np_py_timeline_build(np_py_state *st, const np_policy *policy,
                               const np_appointment *appointment);

/* ---- policy_type.c ------------------------------------------------------ */
/* Fills the attribute table from the core's parameter introspection; call
 * before creating the type. 0 or -1. */
int np_py_policy_prepare(void);
extern PyType_Spec np_py_policy_spec;
PyObject *np_py_policy_new(np_py_state *st, const np_policy *p);
/* The policy inside a natopost.Policy, or NULL with TypeError naming the argument. */
const np_policy *np_py_policy_get(np_py_state *st, PyObject *obj, const char *fname,
                                  const char *arg);
/* Fills st->policy_names; 0 or -1. */
int np_py_policy_names(np_py_state *st);

/* ---- posting_type.c ----------------------------------------------------- */
extern PyType_Spec np_py_posting_spec;
/* A natopost.Posting owning `p` (freed here when the object cannot be made). */
PyObject *np_py_posting_new(np_py_state *st, np_posting *p);
/* The posting inside a natopost.Posting, or NULL with TypeError naming the argument. */
const np_posting *np_py_posting_get(np_py_state *st, PyObject *obj, const char *fname,
                                    const char *arg);

/* ---- posting_dict.c ------------------------------------------------------ */
/* Posting.from_dict(d) (METH_O | METH_CLASS). */
PyObject *np_py_posting_from_dict(PyObject *cls, PyObject *d);
/* ---- emit.c: the core's emitter (natopost/emit.h) building Python values ---- */

/* `result` built by the core's walker as Python values: a new reference
 * (dicts, lists, datetime.date), or NULL with an exception (the core's error
 * as np_py_raise raises it). */
PyObject *np_py_emit(np_py_state *st, const np_result *result);

/* ---- collection_type.c: the core collection and eligibility ----------- */
extern PyType_Spec np_py_collection_spec;
extern PyMethodDef np_py_collection_functions[]; /* ends with a NULL entry */

/* ---- collection_columns.c: fields of collection rows as typed buffers ---- */
struct np_collection;
/* A list of (name, type, data[, uniques]) per queryable field of rows[0..n)
 * (rows NULL: rows 0..n-1), or of the field named `only` (NULL: every
 * field); see collection_columns.c. */
PyObject *np_py_collection_columns(const struct np_collection *c, const uint32_t *rows, size_t n,
                                   const char *only);

/* ---- posting_io.c: read_notice(), read_notice_file(), load(), save() ------ */
extern PyMethodDef np_py_posting_functions[]; /* ends with a NULL entry */

/* ---- roster.c: projections, next events, the deadline calendar ---------- */
extern PyMethodDef np_py_roster_functions[]; /* ends with a NULL entry */

/* ---- epoch.c: datetime64[ns] columns <-> day numbers (natopost/epoch.h) -- */
extern PyMethodDef np_py_epoch_functions[]; /* ends with a NULL entry */

/* ---- batch.c ------------------------------------------------------------ */
PyObject *np_py_batch(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames);
extern const char np_py_batch_doc[];

#endif
