/* Private: the contract rules of ../shared/spec/contract-rules.md, once.
 * np_timeline_build and np_timeline_batch both compute every date through
 * np_rules_event_day, so a full timeline and a batch column always agree. */
#ifndef NATOPOST_TIMELINE_RULES_H
#define NATOPOST_TIMELINE_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "civil.h"
#include "natopost/timeline.h"

/* An appointment checked against its policy, with every derived month count. */
typedef struct np_rules {
    np_policy policy;
    np_appointment appointment; /* no field left at NP_FROM_POLICY */
    bool renewed;
    bool conversion_offered;    /* renewed, and not a seconded appointment (unless the policy allows) */
    int promotion_offset;       /* months from start to earliest promotion; -1: not twin-graded */
} np_rules;

/* Validates `policy` (NULL = defaults) and `appointment` (its start is not
 * looked at) and fills `rules`. NP_EINVAL naming the parameter. */
np_status np_rules_resolve(np_rules *rules, const np_policy *policy,
                           const np_appointment *appointment, np_error *err);

/* Marker for an event the appointment does not have. */
#define NP_RULES_ABSENT INT64_MIN

/* The day number of event `code` for an appointment starting on `start`
 * (already split into `s`), or NP_RULES_ABSENT. Not range-checked: the
 * result may fall after 9999-12-31. */
static inline int64_t np_rules_event_day(const np_rules *r, np_ymd s, int64_t start,
                                         np_event_code code)
{
    const np_appointment *a = &r->appointment;
    switch (code) {
    case NP_EVENT_ENTRY_ON_DUTY:
        return start;
    case NP_EVENT_INITIAL_CONTRACT_END:
        return np_civil_anniversary(s, a->initial_months) - 1;
    case NP_EVENT_RENEWAL_START:
        return r->renewed ? np_civil_anniversary(s, a->initial_months) : NP_RULES_ABSENT;
    case NP_EVENT_RENEWAL_END:
        return r->renewed ? np_civil_anniversary(s, a->initial_months + a->renewal_months) - 1
                          : NP_RULES_ABSENT;
    case NP_EVENT_CONVERSION_WINDOW_OPEN:
    case NP_EVENT_CONVERSION_WINDOW_CLOSE: {
        if (!r->conversion_offered) return NP_RULES_ABSENT;
        const int64_t open = np_civil_anniversary(s, a->initial_months);
        const int64_t end = np_civil_anniversary(s, a->initial_months + a->renewal_months) - 1;
        const int64_t close =
            np_civil_months_before_clamped(np_civil_from_days(end), r->policy.conversion_notice_months);
        if (close < open) return NP_RULES_ABSENT; /* an empty window is no window */
        return code == NP_EVENT_CONVERSION_WINDOW_OPEN ? open : close;
    }
    case NP_EVENT_CONTRACT_END:
        return np_civil_anniversary(s, a->initial_months + a->renewal_months) - 1;
    case NP_EVENT_MAX_SERVICE_END:
        return np_civil_anniversary(s, a->max_months) - 1;
    case NP_EVENT_EARLIEST_PROMOTION:
        return r->promotion_offset < 0 ? NP_RULES_ABSENT
                                       : np_civil_anniversary(s, r->promotion_offset);
    case NP_EVENT_COUNT:
        break;
    }
    return NP_RULES_ABSENT;
}

#endif
