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

/* How an event's date follows from the start: most events are a fixed
 * anniversary plus an adjustment (a period end is the anniversary minus one
 * day); the conversion window depends on the start itself (it can be empty). */
typedef enum np_offset_kind { NP_OFFSET_ABSENT, NP_OFFSET_FIXED, NP_OFFSET_WINDOW } np_offset_kind;

typedef struct np_event_offset {
    np_offset_kind kind;
    int months; /* NP_OFFSET_FIXED: the anniversary ... */
    int adjust; /* ... plus this many days (0 or -1) */
} np_event_offset;

/* The rule of the spec's event table for `code`. */
static inline np_event_offset np_rules_event_offset(const np_rules *r, np_event_code code)
{
    const np_appointment *a = &r->appointment;
    const np_event_offset absent = {NP_OFFSET_ABSENT, 0, 0};
    switch (code) {
    case NP_EVENT_ENTRY_ON_DUTY:
        return (np_event_offset){NP_OFFSET_FIXED, 0, 0};
    case NP_EVENT_INITIAL_CONTRACT_END:
        return (np_event_offset){NP_OFFSET_FIXED, a->initial_months, -1};
    case NP_EVENT_RENEWAL_START:
        return r->renewed ? (np_event_offset){NP_OFFSET_FIXED, a->initial_months, 0} : absent;
    case NP_EVENT_RENEWAL_END:
        return r->renewed
                   ? (np_event_offset){NP_OFFSET_FIXED, a->initial_months + a->renewal_months, -1}
                   : absent;
    case NP_EVENT_CONVERSION_WINDOW_OPEN:
    case NP_EVENT_CONVERSION_WINDOW_CLOSE:
        return r->conversion_offered ? (np_event_offset){NP_OFFSET_WINDOW, 0, 0} : absent;
    case NP_EVENT_CONTRACT_END: /* the renewal end, or the initial end when not renewed */
        return (np_event_offset){NP_OFFSET_FIXED, a->initial_months + a->renewal_months, -1};
    case NP_EVENT_MAX_SERVICE_END:
        return (np_event_offset){NP_OFFSET_FIXED, a->max_months, -1};
    case NP_EVENT_EARLIEST_PROMOTION:
        return r->promotion_offset < 0 ? absent
                                       : (np_event_offset){NP_OFFSET_FIXED, r->promotion_offset, 0};
    case NP_EVENT_COUNT:
        break;
    }
    return absent;
}

/* The conversion window opens with the renewal (`open`) and closes the
 * notice period before the contract's last day `end`, "no later than"
 * clamped; its last day, or NP_RULES_ABSENT when the window is empty. */
static inline int64_t np_rules_window_close(const np_rules *r, int64_t open, int64_t end)
{
    const np_ymd e = np_civil_from_days(end);
    /* A close before 0001-01-01 is before the open too: the window is empty
     * (and the unsigned civil arithmetic must not see a year below 1). */
    if ((int64_t)e.year * 12 + (e.month - 1) - r->policy.conversion_notice_months < 12)
        return NP_RULES_ABSENT;
    const int64_t close = np_civil_months_before_clamped(e, r->policy.conversion_notice_months);
    return close < open ? NP_RULES_ABSENT : close;
}

/* The day number of event `code` for an appointment starting on the date
 * `s`, or NP_RULES_ABSENT. Not range-checked: the
 * result may fall after 9999-12-31. */
static inline int64_t np_rules_event_day(const np_rules *r, np_ymd s, np_event_code code)
{
    const np_event_offset o = np_rules_event_offset(r, code);
    if (o.kind == NP_OFFSET_ABSENT) return NP_RULES_ABSENT;
    if (o.kind == NP_OFFSET_FIXED) return np_civil_anniversary(s, o.months) + o.adjust;
    const np_appointment *a = &r->appointment;
    const int64_t open = np_civil_anniversary(s, a->initial_months);
    const int64_t end = np_civil_anniversary(s, a->initial_months + a->renewal_months) - 1;
    const int64_t close = np_rules_window_close(r, open, end);
    if (close == NP_RULES_ABSENT) return NP_RULES_ABSENT;
    return code == NP_EVENT_CONVERSION_WINDOW_OPEN ? open : close;
}

/* Every event's day number at once (NP_RULES_ABSENT where the appointment has
 * none), for an appointment starting on day `start` (in range): the rule of
 * each event from np_rules_event_offset, the anniversaries on day numbers
 * (np_civil_anniversary_split: the start is split once). Not range-checked. */
/* Anniversaries of one start already computed: several events share one
 * (the initial end and the renewal start; the renewal end, the contract end
 * and often the maximum service end), and the window opens on another. */
typedef struct np_rules_memo {
    np_civil_split start;
    int count;
    int months[NP_EVENT_COUNT];
    int64_t day[NP_EVENT_COUNT];
} np_rules_memo;

static inline int64_t np_rules_anniversary(np_rules_memo *m, int months)
{
    for (int k = 0; k < m->count; k++)
        if (m->months[k] == months) return m->day[k];
    const uint32_t n = (uint32_t)months;
    const int64_t day = (int64_t)np_civil_anniversary_split(m->start, n / 12, n % 12) -
                        (int64_t)NP_CIVIL_SHIFT_DAYS;
    m->months[m->count] = months;
    m->day[m->count++] = day;
    return day;
}

static inline int64_t np_rules_fixed_day(const np_rules *r, np_rules_memo *m, np_event_code code)
{
    const np_event_offset o = np_rules_event_offset(r, code);
    return o.kind != NP_OFFSET_FIXED ? NP_RULES_ABSENT : np_rules_anniversary(m, o.months) + o.adjust;
}

static inline void np_rules_event_days(const np_rules *r, int64_t start, int64_t days[NP_EVENT_COUNT])
{
    np_rules_memo m;
    m.start = np_civil_split_u32((uint32_t)start + NP_CIVIL_SHIFT_DAYS);
    m.count = 0;
    /* One call per code, each with a constant code, so that each folds to its
     * own row of np_rules_event_offset's table (a loop kept the switch: a
     * jump per event in profiles). */
    days[NP_EVENT_ENTRY_ON_DUTY] = np_rules_fixed_day(r, &m, NP_EVENT_ENTRY_ON_DUTY);
    days[NP_EVENT_INITIAL_CONTRACT_END] = np_rules_fixed_day(r, &m, NP_EVENT_INITIAL_CONTRACT_END);
    days[NP_EVENT_RENEWAL_START] = np_rules_fixed_day(r, &m, NP_EVENT_RENEWAL_START);
    days[NP_EVENT_RENEWAL_END] = np_rules_fixed_day(r, &m, NP_EVENT_RENEWAL_END);
    days[NP_EVENT_CONVERSION_WINDOW_OPEN] = NP_RULES_ABSENT;
    days[NP_EVENT_CONVERSION_WINDOW_CLOSE] = NP_RULES_ABSENT;
    days[NP_EVENT_CONTRACT_END] = np_rules_fixed_day(r, &m, NP_EVENT_CONTRACT_END);
    days[NP_EVENT_MAX_SERVICE_END] = np_rules_fixed_day(r, &m, NP_EVENT_MAX_SERVICE_END);
    days[NP_EVENT_EARLIEST_PROMOTION] = np_rules_fixed_day(r, &m, NP_EVENT_EARLIEST_PROMOTION);
    if (np_rules_event_offset(r, NP_EVENT_CONVERSION_WINDOW_OPEN).kind == NP_OFFSET_WINDOW) {
        const int64_t open = np_rules_anniversary(&m, r->appointment.initial_months);
        const int64_t close = np_rules_window_close(r, open, days[NP_EVENT_CONTRACT_END]);
        if (close != NP_RULES_ABSENT) {
            days[NP_EVENT_CONVERSION_WINDOW_OPEN] = open;
            days[NP_EVENT_CONVERSION_WINDOW_CLOSE] = close;
        }
    }
}

#endif
