/* natopost._natopost: the CPython extension over the natopost core.
 * Multi-phase initialisation, heap types, state in the module. The package
 * natopost (python/natopost/__init__.py) re-exports everything here. */
#include "module.h"

#include <stdio.h>

/* ---- timeline() -------------------------------------------------------------- */

PyDoc_STRVAR(timeline_doc,
"timeline($module, start, *, kind='external', initial_months=None,\n"
"         renewal_months=None, max_months=None, twin_grade=False,\n"
"         reduction_months=0, direct_higher=False, policy=None)\n"
"--\n"
"\n"
"The contract and promotion timeline of one appointment (a natopost.Timeline).\n"
"\n"
"start: entry-on-duty date, a datetime.date or an ISO string 'YYYY-MM-DD'.\n"
"kind: 'external', 'seconded' or 'serving' (natopost.KINDS).\n"
"initial_months, renewal_months, max_months: override the policy's value;\n"
"    None takes the policy's (renewal_months=0: not renewed).\n"
"twin_grade: the post is twin-graded (e.g. G15/G16).\n"
"reduction_months: promotion wait reduced by this many months (external and\n"
"    seconded, twin-graded posts).\n"
"direct_higher: serving staff appointed directly to the higher grade.\n"
"policy: a natopost.Policy; None uses the spec's defaults.\n"
"\n"
"Wrong types raise TypeError naming the argument; values the core rejects\n"
"raise natopost.Error (a ValueError) with the core's message.\n"
"\n"
"Example:\n"
"    >>> t = natopost.timeline('2025-09-01', kind='external', twin_grade=True)\n"
"    >>> t['contract_end'].date, t['earliest_promotion'].date\n"
"    (datetime.date(2031, 8, 31), datetime.date(2028, 9, 1))\n"
"    >>> t.status('2030-08-31')['days_to_contract_end']\n"
"    365\n");

static PyObject *np_py_timeline(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames)
{
    enum { START, APPOINTMENT, COUNT = APPOINTMENT + NP_PY_APPOINTMENT_ARGS };
    static const unsigned char params[COUNT] = {NP_PY_NAME_START, NP_PY_APPOINTMENT_PARAMS};
    np_py_state *st = np_py_state_of_module(module);
    PyObject *a[COUNT];
    if (np_py_parse_args(st, "timeline", args, nargs, kwnames, params, COUNT, 1, 1, a) < 0)
        return NULL;
    np_appointment appointment;
    const np_policy *policy;
    if (np_py_to_date(st, a[START], "timeline", "start", &appointment.start) < 0) return NULL;
    if (np_py_to_appointment(st, "timeline", a + APPOINTMENT, &appointment, &policy) < 0)
        return NULL;
    return np_py_timeline_build(st, policy, &appointment);
}

static PyMethodDef module_functions[] = {
    {"timeline", (PyCFunction)(void (*)(void))np_py_timeline, METH_FASTCALL | METH_KEYWORDS,
     timeline_doc},
    {"batch", (PyCFunction)(void (*)(void))np_py_batch, METH_FASTCALL | METH_KEYWORDS,
     np_py_batch_doc},
    {NULL, NULL, 0, NULL},
};

/* ---- module state ------------------------------------------------------------- */

static int module_traverse(PyObject *module, visitproc visit, void *arg)
{
    np_py_state *st = np_py_state_of_module(module);
    Py_VISIT(st->event_type);
    Py_VISIT(st->timeline_type);
    Py_VISIT(st->policy_type);
    Py_VISIT(st->posting_type);
    Py_VISIT(st->collection_type);
    Py_VISIT(st->error);
    for (int i = 0; i < NP_EVENT_COUNT; i++) {
        Py_VISIT(st->event_codes[i]);
        Py_VISIT(st->event_labels[i]);
    }
    for (int i = 0; i < NP_PY_NAME_COUNT; i++) Py_VISIT(st->names[i]);
    for (Py_ssize_t i = 0; i < st->policy_name_count; i++) Py_VISIT(st->policy_names[i]);
    return 0;
}

static int module_clear(PyObject *module)
{
    np_py_state *st = np_py_state_of_module(module);
    Py_CLEAR(st->event_type);
    Py_CLEAR(st->timeline_type);
    Py_CLEAR(st->policy_type);
    Py_CLEAR(st->posting_type);
    Py_CLEAR(st->collection_type);
    Py_CLEAR(st->error);
    for (int i = 0; i < NP_EVENT_COUNT; i++) {
        Py_CLEAR(st->event_codes[i]);
        Py_CLEAR(st->event_labels[i]);
    }
    for (int i = 0; i < NP_PY_NAME_COUNT; i++) Py_CLEAR(st->names[i]);
    for (Py_ssize_t i = 0; i < st->policy_name_count; i++) Py_CLEAR(st->policy_names[i]);
    return 0;
}

static void module_free(void *module) { module_clear((PyObject *)module); }

/* Adds `value` (a new reference, may be NULL) under `name`; 0 or -1. */
static int add_object(PyObject *module, const char *name, PyObject *value)
{
    if (!value) return -1;
    const int rc = PyModule_AddObject(module, name, value);
    if (rc < 0) Py_DECREF(value);
    return rc;
}

static PyTypeObject *add_type(PyObject *module, PyType_Spec *spec)
{
    PyTypeObject *type = (PyTypeObject *)PyType_FromModuleAndSpec(module, spec, NULL);
    if (!type) return NULL;
#if PY_VERSION_HEX < 0x030A0000
    if (spec != &np_py_policy_spec && spec != &np_py_collection_spec) type->tp_new = NULL; /* not instantiable from Python */
#endif
    if (PyModule_AddType(module, type) < 0) {
        Py_DECREF(type);
        return NULL;
    }
    return type;
}

PyDoc_STRVAR(error_doc,
"Raised for a value the natopost core rejects (a ValueError), with the core's\n"
"message. Attributes: code (str, e.g. 'invalid argument' or 'parse error'),\n"
"line, column (1-based; 0 when the input has no position) and offset.\n"
"\n"
"Example:\n"
"    >>> try:\n"
"    ...     natopost.Policy.from_json('{\"renewal_months\": 36,,}')\n"
"    ... except natopost.Error as e:\n"
"    ...     print(e.code, e.line)\n"
"    parse error 1\n");

/* The core's names of an ordered scale, as a tuple lowest first: the
 * categories of natopost.to_dataframe()'s ordered columns. */
static const char *grade_name(int rank)
{
    static char names[NP_GRADE_MAX + 1][8];
    if (!names[rank][0]) snprintf(names[rank], sizeof names[rank], "G%d", rank);
    return names[rank];
}
static const char *level_name(int level) { return np_lang_level_numeral((np_lang_level)level); }
static const char *clearance_name(int level) { return np_clearance_name((np_clearance)level); }
static const char *phase_name(int phase) { return np_phase_name((np_phase)phase); }

static int add_scale(PyObject *module, const char *attr, int first, int last,
                     const char *(*name)(int))
{
    PyObject *names = PyTuple_New(last - first + 1);
    if (!names) return -1;
    for (int i = first; i <= last; i++) {
        PyObject *text = PyUnicode_FromString(name(i));
        if (!text) {
            Py_DECREF(names);
            return -1;
        }
        PyTuple_SET_ITEM(names, i - first, text);
    }
    return add_object(module, attr, names);
}

static int module_exec(PyObject *module)
{
    np_py_state *st = np_py_state_of_module(module);
    if (np_py_convert_init() < 0 || np_py_policy_prepare() < 0) return -1;
    np_py_cancel_init();
    if (!(st->event_type = add_type(module, &np_py_event_spec))) return -1;
    if (!(st->timeline_type = add_type(module, &np_py_timeline_spec))) return -1;
    if (!(st->policy_type = add_type(module, &np_py_policy_spec))) return -1;
    if (!(st->posting_type = add_type(module, &np_py_posting_spec))) return -1;
    if (PyModule_AddFunctions(module, np_py_posting_functions) < 0) return -1;
    if (!(st->collection_type = add_type(module, &np_py_collection_spec))) return -1;
    if (PyModule_AddFunctions(module, np_py_collection_functions) < 0) return -1;
    if (PyModule_AddFunctions(module, np_py_roster_functions) < 0) return -1;
    if (PyModule_AddFunctions(module, np_py_epoch_functions) < 0) return -1;
    st->error = PyErr_NewExceptionWithDoc("natopost.Error", error_doc, PyExc_ValueError, NULL);
    if (!st->error || add_object(module, "Error", Py_NewRef(st->error)) < 0) return -1;

    for (int i = 0; i < NP_PY_NAME_COUNT; i++)
        if (!(st->names[i] = PyUnicode_InternFromString(np_py_names[i]))) return -1;
    if (np_py_policy_names(st) < 0) return -1;

    PyObject *codes = PyTuple_New(NP_EVENT_COUNT);
    if (!codes) return -1;
    for (int i = 0; i < NP_EVENT_COUNT; i++) {
        st->event_codes[i] = PyUnicode_InternFromString(np_event_code_name((np_event_code)i));
        st->event_labels[i] = PyUnicode_FromString(np_event_label((np_event_code)i));
        if (!st->event_codes[i] || !st->event_labels[i]) {
            Py_DECREF(codes);
            return -1;
        }
        PyTuple_SET_ITEM(codes, i, Py_NewRef(st->event_codes[i]));
    }
    if (add_object(module, "EVENT_CODES", codes) < 0) return -1;
    PyObject *kinds = PyTuple_New(NP_KIND_SERVING + 1);
    if (!kinds) return -1;
    for (int k = NP_KIND_EXTERNAL; k <= NP_KIND_SERVING; k++) {
        PyObject *name = PyUnicode_FromString(np_kind_name((np_kind)k));
        if (!name) {
            Py_DECREF(kinds);
            return -1;
        }
        PyTuple_SET_ITEM(kinds, k, name);
    }
    if (add_object(module, "KINDS", kinds) < 0) return -1;
    if (add_scale(module, "GRADES", 1, NP_GRADE_MAX, grade_name) < 0 ||
        add_scale(module, "LEVELS", NP_LEVEL_I, NP_LEVEL_VI, level_name) < 0 ||
        add_scale(module, "CLEARANCES", NP_CLEARANCE_NR, NP_CLEARANCE_CTS, clearance_name) < 0 ||
        add_scale(module, "PHASES", NP_PHASE_NOT_STARTED, NP_PHASE_ENDED, phase_name) < 0)
        return -1;
    return PyModule_AddStringConstant(module, "__version__", NATOPOST_VERSION);
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, NP_PY_FN(module_exec)},
    {0, NULL},
};

PyDoc_STRVAR(module_doc,
"natopost._natopost: NATO civilian contract and promotion timelines (the C\n"
"extension behind the natopost package; import natopost instead).\n"
"\n"
"Example:\n"
"    >>> import natopost\n"
"    >>> natopost.timeline('2025-09-01', twin_grade=True)['contract_end'].date\n"
"    datetime.date(2031, 8, 31)\n");

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "natopost._natopost",
    .m_doc = module_doc,
    .m_size = sizeof(np_py_state),
    .m_methods = module_functions,
    .m_slots = module_slots,
    .m_traverse = module_traverse,
    .m_clear = module_clear,
    .m_free = module_free,
};

PyMODINIT_FUNC PyInit__natopost(void);

PyMODINIT_FUNC PyInit__natopost(void) { return PyModuleDef_Init(&module_def); }
