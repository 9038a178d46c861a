/* natopost/cancel.h -- stopping a long core call from outside (Ctrl-C, a
 * time limit, a closed connection).
 *
 * The core's long loops call a host-installed hook every so often: reading a
 * notice (every 64 Ki lines), reading JSON (every posting), loading files and
 * folders into a collection (every file and posting), running a query (every
 * 64 Ki rows), batch timelines (every 64 Ki dates). When the hook returns
 * true, the call stops, frees what it built so far, and fails with
 * NP_ECANCELLED and the message "cancelled"; its outputs are left as on any
 * other failure (empty, or partially written where the call says so).
 *
 * The hook runs on the thread that made the call, in the middle of it: it
 * must be cheap (it may be called thousands of times a second; rate-limit
 * anything costly), must not call natopost, and must not longjmp out. A
 * thread's own hook takes precedence over the process-wide one. With no hook
 * installed a check costs a thread-local load and a compare.
 */
#ifndef NATOPOST_CANCEL_H
#define NATOPOST_CANCEL_H

#include <natopost/export.h>

#include <stdbool.h>

#include "natopost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Returns true to cancel the running call. `data` is what was installed with it. */
typedef bool (*np_cancel_hook)(void *data);

/* Installs `hook` (NULL: none) for natopost calls made on the calling
 * thread; it overrides the process-wide hook there. The previous one is
 * stored in *previous / *previous_data when those are not NULL, so that a
 * caller can restore it. */
NP_API void np_cancel_set_thread_hook(np_cancel_hook hook, void *data, np_cancel_hook *previous,
                               void **previous_data);

/* Installs `hook` (NULL: none) for every thread without a hook of its own.
 * Meant to be set once, before other threads call natopost (as a language
 * binding does when it is loaded): replacing it while another thread runs a
 * call may give that call the new hook with the old data. */
NP_API void np_cancel_set_process_hook(np_cancel_hook hook, void *data);

/* Asks the hook now: NP_OK to go on, or NP_ECANCELLED ("cancelled", in `err`
 * when not NULL) when it says stop. What the core's loops call; a host's own
 * long loops around natopost calls may call it too. */
NP_API np_status np_cancel_check(np_error *err);

#ifdef __cplusplus
}
#endif
#endif
