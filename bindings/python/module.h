/* Private to the _natopost extension: module state and the functions the
 * per-type files share. Layout after CPython's Modules/_sqlite: one file per
 * Python type (event_type.c, timeline_type.c, policy_type.c), the module
 * functions (module.c, batch.c) and the value/error conversions (convert.c).
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

typedef struct np_py_state {
    PyTypeObject *event_type;
    PyTypeObject *timeline_type;
    PyTypeObject *policy_type;
    PyObject *error;                        /* natopost.Error, a ValueError */
    PyObject *event_codes[NP_EVENT_COUNT];  /* interned code strings */
    PyObject *event_labels[NP_EVENT_COUNT]; /* label strings */
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

/* ---- convert.c ---------------------------------------------------------- */

/* Imports the datetime C API (once per process). 0 or -1 with an exception. */
int np_py_convert_init(void);

/* Raises the Python exception for a core error: NP_EIO -> OSError,
 * NP_ENOMEM -> MemoryError, anything else -> natopost.Error (a ValueError)
 * with .code, .line, .column and .offset. Always returns NULL. */
PyObject *np_py_raise(np_py_state *st, const np_error *err);

/* Fast-call argument parsing. `names` lists every parameter; the first
 * `max_positional` may be given by position, the first `required` must be
 * given. out[i] receives a borrowed reference or stays NULL. 0 or -1. */
int np_py_parse_args(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                     PyObject *kwnames, const char *const *names, Py_ssize_t count,
                     Py_ssize_t max_positional, Py_ssize_t required, PyObject **out);

/* datetime.date (not datetime.datetime) or an ISO "YYYY-MM-DD" string parsed
 * by the core. TypeError naming the argument for other types. 0 or -1. */
int np_py_to_date(np_py_state *st, PyObject *obj, const char *fname, const char *arg,
                  np_date *out);
/* A new datetime.date. */
PyObject *np_py_from_date(np_date d);

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
#define NP_PY_APPOINTMENT_ARG_NAMES                                                       \
    "kind", "initial_months", "renewal_months", "max_months", "twin_grade",               \
        "reduction_months", "direct_higher", "policy"

/* Fills `a` (all but its start) and `*policy` (NULL = the core's defaults)
 * from the arguments above; a NULL entry keeps the default. 0 or -1. */
int np_py_to_appointment(np_py_state *st, const char *fname, PyObject *const *args,
                         np_appointment *a, const np_policy **policy);

/* ---- event_type.c ------------------------------------------------------- */
extern PyType_Spec np_py_event_spec;
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
/* {"initial_months": 36, ..., "seconded_conversion": False} */
PyObject *np_py_policy_to_dict(const np_policy *p);

/* ---- batch.c ------------------------------------------------------------ */
PyObject *np_py_batch(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames);
extern const char np_py_batch_doc[];

#endif
