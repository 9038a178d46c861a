/* natopost/emit.h -- one emitter per result: the core walks a result and
 * calls a host's builder, so every host gets the same shape.
 *
 * A result (timeline, status, eligibility, posting record) is described once,
 * here in the core, as a tree of objects, arrays and scalars. An np_emitter is
 * the host's builder: the JSON writer (np_emit_json), the Python binding
 * (dicts, lists, datetime.date) and the Lua binding (tables, "YYYY-MM-DD"
 * strings) are its three implementations, so the CLI, Python and Lua give the
 * same keys, order and values by construction. Shapes: docs/timeline-json.md
 * (timeline, status), README "Candidate eligibility" (eligibility) and
 * docs/posting-json.md (posting record).
 *
 * Call order: a value is one scalar call, or begin_object, then (key, value)
 * pairs, then end_object, or begin_array, values, end_array. The whole result
 * is one value.
 *
 * Errors: every callback returns NP_OK to go on. Any other status stops the
 * walk at once: the np_emit_* call makes no further callback and returns that
 * status, with `err` (when not NULL) saying which result stopped; an
 * implementation that needs more detail (a Python exception, say) keeps it in
 * its `user` state. A stopped walk leaves the builder half-built: the
 * implementation discards it.
 *
 * Callbacks may also not return at all (a Lua error unwinding with longjmp):
 * then the only resource a walk may hold, the temporary tree of a posting
 * record, is handed to `hold` before the first callback (see below), so that
 * nothing leaks. */
#ifndef NATOPOST_EMIT_H
#define NATOPOST_EMIT_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/candidate.h"
#include "natopost/date.h"
#include "natopost/error.h"
#include "natopost/posting.h"
#include "natopost/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct np_emitter {
    void *user; /* passed to every callback */
    /* `count` is the number of members or elements that follow (a size
     * hint for the builder). */
    np_status (*begin_object)(void *user, size_t count);
    np_status (*end_object)(void *user);
    np_status (*begin_array)(void *user, size_t count);
    np_status (*end_array)(void *user);
    /* The key of the next member: NUL-terminated UTF-8, valid until the
     * member's value has been emitted. */
    np_status (*key)(void *user, const char *key);
    /* UTF-8 text, except a posting's "source" (a file name: any bytes). */
    np_status (*string)(void *user, const char *text, size_t len);
    np_status (*integer)(void *user, int64_t value);
    np_status (*real)(void *user, double value);
    np_status (*boolean)(void *user, bool value);
    np_status (*date)(void *user, np_date value);        /* in 0001-01-01..9999-12-31 */
    np_status (*time_of_day)(void *user, int minute);    /* 0..1439, minutes after midnight */
    np_status (*null)(void *user);                       /* a value that is not stated */
    /* Optional (NULL: the core frees its resource itself). When set, a walk
     * that holds a resource (np_emit_posting) gives it to `hold` before any
     * other callback, and `release(resource)` becomes the emitter's job, once,
     * whether or not the walk returns. */
    np_status (*hold)(void *user, void *resource, void (*release)(void *resource));
} np_emitter;

/* The timeline as in docs/timeline-json.md ("format", "appointment",
 * "policy", "events", "notes", "renewed", "has_conversion_window",
 * "promotion_reachable", and "status" when `status` is not NULL). */
NP_API np_status np_emit_timeline(const np_emitter *em, const np_timeline *timeline,
                           const np_day_status *status, np_error *err);

/* Parts of a timeline, each as it appears inside np_emit_timeline's object:
 * the appointment as resolved, the policy, one event {"code", "date",
 * "label", "note"}, the notes array [{"code", "text"}], a day's status
 * {"on", "phase", "days_to_contract_end", "conversion_window_open",
 * "months_served", "promotion_possible"}. */
NP_API np_status np_emit_appointment(const np_emitter *em, const np_appointment *appointment,
                              np_error *err);
NP_API np_status np_emit_policy(const np_emitter *em, const np_policy *policy, np_error *err);
NP_API np_status np_emit_event(const np_emitter *em, const np_event *event, np_error *err);
NP_API np_status np_emit_timeline_notes(const np_emitter *em, const np_timeline *timeline,
                                 np_error *err);
NP_API np_status np_emit_status(const np_emitter *em, const np_day_status *status, np_error *err);

/* An eligibility result of `posting` (the posting it was checked against):
 * {"verdict", "essential_met", "essential_not_met", "essential_cannot_tell",
 *  "desirable_met", "desirable_count", "checks": [{"kind", "essential",
 *  "requirement" (the requirement's sentence, null for an implied check),
 *  "requirement_index" (its index in the posting's requirements, or null),
 *  "status", "reason"}]}. */
NP_API np_status np_emit_eligibility(const np_emitter *em, const np_eligibility *eligibility,
                              const np_posting *posting, np_error *err);
/* The same members without the enclosing begin_object/end_object, for a
 * host that adds members of its own (the CLI adds the posting's id). */
#define NP_EMIT_ELIGIBILITY_MEMBERS 7
NP_API np_status np_emit_eligibility_members(const np_emitter *em, const np_eligibility *eligibility,
                                      const np_posting *posting, np_error *err);

/* The posting record: the members of the posting JSON form
 * (docs/posting-json.md) in its order, except that "format" and
 * "source_bytes" are left out, "source" is the file name's exact bytes,
 * "grade" is the canonical text ("G15/G16", null when unknown), "deadline" is
 * the date alone, followed by "deadline_time" (a time of day or null).
 * np_emit_posting_member emits one member of it (the value alone), or returns
 * NP_ENOTFOUND (err naming `key`) when the record has no such member. */
NP_API np_status np_emit_posting(const np_emitter *em, const np_posting *posting, np_error *err);
NP_API np_status np_emit_posting_member(const np_emitter *em, const np_posting *posting,
                                 const char *key, np_error *err);

/* A function that emits one value through `em` (np_emit_result, or a
 * host's own that calls the np_emit_* functions). */
typedef np_status (*np_emit_fn)(const np_emitter *em, const void *arg, np_error *err);

/* Any of the results above, chosen by `kind`, for hosts that build every
 * result with one function (np_emit_result has the np_emit_fn signature,
 * `result` being a `const np_result *`). */
typedef enum np_result_kind {
    NP_RESULT_TIMELINE,       /* timeline, status (NULL: none) */
    NP_RESULT_APPOINTMENT,    /* appointment */
    NP_RESULT_POLICY,         /* policy */
    NP_RESULT_EVENT,          /* event */
    NP_RESULT_NOTES,          /* timeline */
    NP_RESULT_STATUS,         /* status */
    NP_RESULT_ELIGIBILITY,    /* eligibility, posting */
    NP_RESULT_POSTING,        /* posting */
    NP_RESULT_POSTING_MEMBER  /* posting, member */
} np_result_kind;

typedef struct np_result {
    np_result_kind kind;
    const np_timeline *timeline;
    const np_day_status *status;
    const np_appointment *appointment;
    const np_policy *policy;
    const np_event *event;
    const np_eligibility *eligibility;
    const np_posting *posting;
    const char *member;
} np_result;

/* NP_EINVAL for an unknown kind. */
NP_API np_status np_emit_result(const np_emitter *em, const void *result, np_error *err);

/* The JSON writer: emits with `emit(em, arg)` into JSON text (dates
 * "YYYY-MM-DD", times "HH:MM"), indented by 2 when `pretty`, else compact.
 * *out gets a string to free with np_free (NULL on error). The emitter
 * passed to `emit` is the writer's. */
NP_API np_status np_emit_json(char **out, np_emit_fn emit, const void *arg, bool pretty, np_error *err);

#ifdef __cplusplus
}
#endif
#endif
