/* Ctrl-C during a long core call (natopost/cancel.h, issue 14).
 *
 * Python runs signal handlers only between bytecodes, so a long core call
 * used to postpone KeyboardInterrupt until it returned. The module installs
 * a process-wide cancellation hook that runs the pending handlers at most
 * every CHECK_INTERVAL_NS: when one raises (KeyboardInterrupt, or whatever a
 * SIGALRM handler raises), the core call is cancelled and np_py_raise leaves
 * that exception in place. The core calls the hook with the GIL (most calls)
 * or without it (those that release it): then the hook takes the GIL for the
 * check only. Handlers run in the middle of the call, as they would in any
 * thread switch: a handler that calls natopost on the very object the
 * interrupted call is using must not expect that call's result. */
#include "module.h" /* Python.h first: it sets the feature macros time.h needs */

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Often enough for "within a fraction of a second", rare enough that taking
 * the GIL back costs nothing measurable. */
#define CHECK_INTERVAL_NS ((int64_t)20 * 1000 * 1000)

static _Thread_local int64_t next_check_ns;

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static bool run_signal_handlers(void *data)
{
    (void)data;
    const int64_t now = now_ns();
    if (now < next_check_ns) return false;
    next_check_ns = now + CHECK_INTERVAL_NS;
    /* Not a Python thread (a C host's own thread), or Python shutting down. */
    if (!Py_IsInitialized() || !PyGILState_GetThisThreadState()) return false;
    if (PyGILState_Check()) return PyErr_CheckSignals() < 0;
    const PyGILState_STATE gil = PyGILState_Ensure();
    const bool raised = PyErr_CheckSignals() < 0;
    PyGILState_Release(gil);
    return raised;
}

void np_py_cancel_init(void) { np_cancel_set_process_hook(run_signal_handlers, NULL); }
