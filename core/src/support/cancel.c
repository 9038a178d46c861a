/* The cancellation hooks (natopost/cancel.h). */
#include "natopost/cancel.h"

#include <stdatomic.h>
#include <stddef.h>

static _Thread_local np_cancel_hook thread_hook;
static _Thread_local void *thread_data;
static _Atomic(np_cancel_hook) process_hook;
static _Atomic(void *) process_data;

void np_cancel_set_thread_hook(np_cancel_hook hook, void *data, np_cancel_hook *previous,
                               void **previous_data)
{
    if (previous) *previous = thread_hook;
    if (previous_data) *previous_data = thread_data;
    thread_hook = hook;
    thread_data = data;
}

void np_cancel_set_process_hook(np_cancel_hook hook, void *data)
{
    /* data first: a call that sees the new hook sees its data too */
    atomic_store(&process_data, data);
    atomic_store(&process_hook, hook);
}

np_status np_cancel_check(np_error *err)
{
    bool stop;
    if (thread_hook) {
        stop = thread_hook(thread_data);
    } else {
        const np_cancel_hook hook = atomic_load(&process_hook);
        stop = hook && hook(atomic_load(&process_data));
    }
    return stop ? np_error_set(err, NP_ECANCELLED, "cancelled") : NP_OK;
}
