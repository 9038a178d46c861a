/* natopost/timeline.h -- contract and promotion timelines of an appointment.
 *
 * Given a contract policy and an appointment (entry-on-duty date, kind,
 * optional overrides), np_timeline_build computes every event of the table in
 * docs/contract-rules.md, each from the entry-on-duty date (never
 * chained from another computed date). A timeline is a plain value: no
 * allocation, nothing to free. Exports (JSON, iCalendar) return strings to
 * free with np_free.
 */
#ifndef NATOPOST_TIMELINE_H
#define NATOPOST_TIMELINE_H

#include <natopost/export.h>

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/date.h"
#include "natopost/error.h"
#include "natopost/policy.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum np_kind {
    NP_KIND_EXTERNAL = 0, /* "external": a successful external applicant */
    NP_KIND_SECONDED,     /* "seconded": seconded from a national administration */
    NP_KIND_SERVING       /* "serving": serving NATO staff */
} np_kind;

/* "external", "seconded", "serving". */
NP_API const char *np_kind_name(np_kind kind);
/* Parses one of those names (exact, lower case); NP_EINVAL naming the value. */
NP_API np_status np_kind_parse(np_kind *out, const char *name, np_error *err);

/* An appointment field left at NP_FROM_POLICY takes the policy's value. */
#define NP_FROM_POLICY INT_MIN

typedef struct np_appointment {
    np_date start;        /* entry-on-duty date */
    np_kind kind;
    int initial_months;   /* NP_FROM_POLICY or 1..max */
    int renewal_months;   /* NP_FROM_POLICY or 0..max - initial (0 = not renewed) */
    int max_months;       /* NP_FROM_POLICY or >= initial */
    bool twin_grade;      /* twin-graded post */
    int reduction_months; /* 0..policy.max_reduction_months; external and seconded only */
    bool direct_higher;   /* serving staff appointed directly to the higher grade */
} np_appointment;

#define NP_APPOINTMENT_INIT \
    {0, NP_KIND_EXTERNAL, NP_FROM_POLICY, NP_FROM_POLICY, NP_FROM_POLICY, false, 0, false}

/* Event codes, in the order of the spec's table. */
typedef enum np_event_code {
    NP_EVENT_ENTRY_ON_DUTY = 0,
    NP_EVENT_INITIAL_CONTRACT_END,
    NP_EVENT_RENEWAL_START,
    NP_EVENT_RENEWAL_END,
    NP_EVENT_CONVERSION_WINDOW_OPEN,
    NP_EVENT_CONVERSION_WINDOW_CLOSE,
    NP_EVENT_CONTRACT_END,
    NP_EVENT_MAX_SERVICE_END,
    NP_EVENT_EARLIEST_PROMOTION,
    NP_EVENT_COUNT
} np_event_code;

/* Stable code ("contract_end") and human-readable label ("Contract end"). */
NP_API const char *np_event_code_name(np_event_code code);
NP_API const char *np_event_label(np_event_code code);
/* The core's own (static) text of an event note equal to `text`, or NULL when
 * no event note reads so: for hosts that rebuild an np_event from its parts
 * (unpickling), whose note must point at static text. */
NP_API const char *np_event_note_find(const char *text);
/* Parses a stable code; NP_EINVAL listing the valid codes. */
NP_API np_status np_event_code_parse(np_event_code *out, const char *name, np_error *err);

typedef struct np_event {
    np_event_code code;
    np_date date;
    const char *note; /* static text or NULL, e.g. "subject to national agreement" */
} np_event;

/* Notes about the timeline as a whole. */
typedef enum np_note_code {
    NP_NOTE_SECONDED_RENEWAL = 0,     /* renewal needs the national authority's agreement */
    NP_NOTE_PROMOTION_NOT_REACHABLE,  /* earliest promotion falls after the contract end */
    NP_NOTE_CONVERSION_WINDOW_EMPTY,  /* renewed, but the window would be empty */
    NP_NOTE_NO_CONVERSION_SECONDED,   /* seconded staff are offered no conversion */
    NP_NOTE_COUNT
} np_note_code;

/* "seconded_renewal", "promotion_not_reachable", ... */
NP_API const char *np_note_code_name(np_note_code code);

#define NP_NOTE_TEXT_MAX 200

typedef struct np_note {
    np_note_code code;
    char text[NP_NOTE_TEXT_MAX];
} np_note;

typedef struct np_timeline {
    np_appointment appointment; /* as resolved: no field left at NP_FROM_POLICY */
    np_policy policy;           /* the policy the timeline was computed with */
    np_event events[NP_EVENT_COUNT];
    size_t event_count;         /* events present, in np_event_code order */
    np_note notes[NP_NOTE_COUNT];
    size_t note_count;
    bool renewed;
    bool has_conversion_window;
    bool promotion_reachable;   /* twin-graded and earliest promotion <= contract end */
} np_timeline;

/* Validates the policy (NULL = defaults) and the appointment, then computes the
 * timeline. NP_EINVAL with a message naming the parameter for anything out of
 * range, or naming the event whose date would leave 0001..9999. On error the
 * contents of *out are unspecified. Each thread keeps the last policy and
 * appointment parameters it resolved (everything but the start), so that a
 * run of calls that differ only in the start validates them once; calls from
 * several threads are safe. */
NP_API np_status np_timeline_build(np_timeline *out, const np_policy *policy,
                            const np_appointment *appointment, np_error *err);

/* The event with `code`, or NULL when the timeline does not have it (for
 * example renewal_start of a contract that is not renewed). The pointer is
 * into `timeline`. */
NP_API const np_event *np_timeline_find(const np_timeline *timeline, np_event_code code);

typedef enum np_phase {
    NP_PHASE_NOT_STARTED = 0,
    NP_PHASE_INITIAL,
    NP_PHASE_RENEWAL,
    NP_PHASE_ENDED
} np_phase;

/* "not_started", "initial", "renewal", "ended". */
NP_API const char *np_phase_name(np_phase phase);

typedef struct np_day_status {
    np_date on;
    np_phase phase;
    int32_t days_to_contract_end;  /* negative once ended */
    bool conversion_window_open;
    int months_served;             /* completed by the end of `on`, capped at the contract end */
    bool twin_grade;               /* if false, promotion_possible is meaningless (false) */
    bool promotion_possible;       /* earliest promotion <= on <= contract end */
} np_day_status;

/* Status at the end of day `on`. Never fails. */
NP_API np_day_status np_timeline_status(const np_timeline *timeline, np_date on);

/* The timeline (and, when `status` is not NULL, that status) as a JSON object;
 * see docs in README "Timeline JSON". Free with np_free; NULL on error. */
NP_API char *np_timeline_to_json(const np_timeline *timeline, const np_day_status *status,
                          np_error *err);

/* An iCalendar (RFC 5545) file: one all-day VEVENT per event, CRLF line ends,
 * lines folded at 75 octets, UIDs stable for the same appointment and event.
 * `dtstamp` is the creation time (Unix seconds, UTC) written as DTSTAMP.
 * Free with np_free; NULL on error. */
NP_API char *np_timeline_to_ical(const np_timeline *timeline, int64_t dtstamp, np_error *err);

/* Missing-value marker of the batch API: numpy's NaT as int64. */
#define NP_BATCH_NAT INT64_MIN

/* Computes one event for many start dates at once. `starts` and `out` hold
 * day numbers (days since 1970-01-01, as numpy datetime64[D]); `template`
 * gives every other appointment field (its `start` is ignored). A start of
 * NP_BATCH_NAT, or an event the appointment does not have for that start,
 * gives NP_BATCH_NAT. `out` may be `starts` itself (but not overlap it
 * otherwise). On an invalid parameter or a
 * start or result outside years 1..9999, returns NP_EINVAL naming the index;
 * `out` is then partially written, as it is after NP_ECANCELLED (natopost/cancel.h). */
NP_API np_status np_timeline_batch(const np_policy *policy, const np_appointment *templ,
                            np_event_code code, const int64_t *starts, int64_t *out,
                            size_t count, np_error *err);

#ifdef __cplusplus
}
#endif
#endif
