/* Private: the contract rules of docs/contract-rules.md, once.
 * np_timeline_build and np_timeline_batch both compute every date through
 * npi_rules_event_day, so a full timeline and a batch column always agree. */
#ifndef NATOPOST_TIMELINE_RULES_H
#define NATOPOST_TIMELINE_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "dates/civil.h"
#include "natopost/timeline.h"

/* An appointment checked against its policy, with every derived month count. */
typedef struct npi_rules {
    np_policy policy;
    np_appointment appointment; /* no field left at NP_FROM_POLICY */
    bool renewed;
    bool conversion_offered;    /* renewed, and not a seconded appointment (unless the policy allows) */
    int promotion_offset;       /* months from start to earliest promotion; -1: not twin-graded */
    /* The plan every start follows, fixed by the rules above (so that a
     * timeline, a roster row or a batch computes each distinct anniversary of
     * its start once and looks the events up): slot 0 is the start itself,
     * slots 1..anniversary_count-1 the other anniversaries. */
    int anniversary_count;
    uint32_t anniversary_years[NP_EVENT_COUNT];
    uint32_t anniversary_months[NP_EVENT_COUNT]; /* 0..11 */
    /* The event's anniversary; NP_RULES_ABSENT_SLOT when it has none (absent,
     * or one of the window's: see window_slot). */
    int8_t slot[NP_EVENT_COUNT];
    int8_t adjust[NP_EVENT_COUNT]; /* days added to it (0 or -1) */
    int8_t window_slot;            /* the window's opening anniversary; -1: no window offered */
    uint32_t notice_years, notice_months; /* conversion_notice_months split (months 0..11) */
    uint32_t end_years, end_months;       /* initial + renewal months (the contract end's), split */
} npi_rules;

/* Validates `policy` (NULL = defaults) and `appointment` (its start is not
 * looked at) and fills `rules`. NP_EINVAL naming the parameter. */
np_status npi_rules_resolve(npi_rules *rules, const np_policy *policy,
                           const np_appointment *appointment, np_error *err);

/* Marker for an event the appointment does not have. */
#define NP_RULES_ABSENT INT64_MIN
/* Slots of a start's days beyond its anniversaries (slot 0 and at most one
 * per event): the window's close (NP_RULES_ABSENT when the window is empty or
 * not offered), and NP_RULES_ABSENT for an event without an anniversary. */
#define NP_RULES_CLOSE_SLOT (NP_EVENT_COUNT + 1)
#define NP_RULES_ABSENT_SLOT (NP_EVENT_COUNT + 2)
#define NP_RULES_SLOTS (NP_EVENT_COUNT + 3)

/* Status at the end of day `on` from every event's day (NP_RULES_ABSENT where
 * the appointment has none): the one definition behind np_timeline_status and
 * np_roster_status. */
np_day_status npi_rules_status(const int64_t days[NP_EVENT_COUNT], bool twin_grade, np_date on);

/* True when `a` and `b` resolve alike: every field but the start equal. */
static inline bool npi_rules_same_appointment(const np_appointment *a, const np_appointment *b)
{
    return a->kind == b->kind && a->initial_months == b->initial_months &&
           a->renewal_months == b->renewal_months && a->max_months == b->max_months &&
           a->twin_grade == b->twin_grade && a->reduction_months == b->reduction_months &&
           a->direct_higher == b->direct_higher;
}

/* NP_EINVAL naming the first event of `days` in the table's order that
 * falls after 9999-12-31 (there is one), and the start. */
np_status npi_rules_days_error(const int64_t days[NP_EVENT_COUNT], int64_t start, np_error *err);

/* NP_OK when every event day of a start (npi_rules_event_days) is at most
 * 9999-12-31; otherwise npi_rules_days_error. Every event falls on or after
 * the start (an absent one is INT64_MIN): one test of the latest covers all. */
static inline np_status npi_rules_check_days(const int64_t days[NP_EVENT_COUNT], int64_t start,
                                            np_error *err)
{
    int64_t latest = days[0];
    for (int c = 1; c < NP_EVENT_COUNT; c++) latest = days[c] > latest ? days[c] : latest;
    return latest <= NP_DATE_MAX ? NP_OK : npi_rules_days_error(days, start, err);
}

/* How an event's date follows from the start: most events are a fixed
 * anniversary plus an adjustment (a period end is the anniversary minus one
 * day); the conversion window depends on the start itself (it can be empty). */
typedef enum npi_offset_kind { NP_OFFSET_ABSENT, NP_OFFSET_FIXED, NP_OFFSET_WINDOW } npi_offset_kind;

typedef struct npi_event_offset {
    npi_offset_kind kind;
    int months; /* NP_OFFSET_FIXED: the anniversary ... */
    int adjust; /* ... plus this many days (0 or -1) */
} npi_event_offset;

/* The rule of the spec's event table for `code`. */
static inline npi_event_offset npi_rules_event_offset(const npi_rules *r, np_event_code code)
{
    const np_appointment *a = &r->appointment;
    const npi_event_offset absent = {NP_OFFSET_ABSENT, 0, 0};
    switch (code) {
    case NP_EVENT_ENTRY_ON_DUTY:
        return (npi_event_offset){NP_OFFSET_FIXED, 0, 0};
    case NP_EVENT_INITIAL_CONTRACT_END:
        return (npi_event_offset){NP_OFFSET_FIXED, a->initial_months, -1};
    case NP_EVENT_RENEWAL_START:
        return r->renewed ? (npi_event_offset){NP_OFFSET_FIXED, a->initial_months, 0} : absent;
    case NP_EVENT_RENEWAL_END:
        return r->renewed
                   ? (npi_event_offset){NP_OFFSET_FIXED, a->initial_months + a->renewal_months, -1}
                   : absent;
    case NP_EVENT_CONVERSION_WINDOW_OPEN:
    case NP_EVENT_CONVERSION_WINDOW_CLOSE:
        return r->conversion_offered ? (npi_event_offset){NP_OFFSET_WINDOW, 0, 0} : absent;
    case NP_EVENT_CONTRACT_END: /* the renewal end, or the initial end when not renewed */
        return (npi_event_offset){NP_OFFSET_FIXED, a->initial_months + a->renewal_months, -1};
    case NP_EVENT_MAX_SERVICE_END:
        return (npi_event_offset){NP_OFFSET_FIXED, a->max_months, -1};
    case NP_EVENT_EARLIEST_PROMOTION:
        return r->promotion_offset < 0 ? absent
                                       : (npi_event_offset){NP_OFFSET_FIXED, r->promotion_offset, 0};
    case NP_EVENT_COUNT:
        break;
    }
    return absent;
}

/* The conversion window opens with the renewal (`open`) and closes the
 * notice period before the contract's last day (`end`, split: see
 * npi_civil_anniversary_and_last), "no later than" clamped; its last day, or
 * NP_RULES_ABSENT when the window is empty (a close before 0001-01-01 is
 * before the open too). */
static inline int64_t npi_rules_window_close(const npi_rules *r, int64_t open, npi_civil_split end)
{
    const int64_t close =
        (int64_t)npi_civil_months_before_clamped_split(end, r->notice_years, r->notice_months) -
        (int64_t)NP_CIVIL_SHIFT_DAYS;
    return close < open ? NP_RULES_ABSENT : close;
}

/* The day number of event `code` for an appointment starting on day `start`
 * (in range), or NP_RULES_ABSENT. Not range-checked: the result may fall
 * after 9999-12-31. */
static inline int64_t npi_rules_event_day(const npi_rules *r, int64_t start, np_event_code code)
{
    const npi_event_offset o = npi_rules_event_offset(r, code);
    if (o.kind == NP_OFFSET_ABSENT) return NP_RULES_ABSENT;
    if (o.kind == NP_OFFSET_FIXED) return npi_civil_anniversary(npi_civil_from_days(start), o.months) + o.adjust;
    const npi_civil_split s = npi_civil_split_u32((uint32_t)start + NP_CIVIL_SHIFT_DAYS);
    const uint32_t initial = (uint32_t)r->appointment.initial_months;
    const int64_t open =
        (int64_t)npi_civil_anniversary_split(s, initial / 12, initial % 12) - (int64_t)NP_CIVIL_SHIFT_DAYS;
    const int64_t close =
        npi_rules_window_close(r, open, npi_civil_period_last_split(s, r->end_years, r->end_months));
    if (close == NP_RULES_ABSENT) return NP_RULES_ABSENT;
    return code == NP_EVENT_CONVERSION_WINDOW_OPEN ? open : close;
}

/* The days of a start the plan needs, by slot (npi_rules::slot): the start
 * split once, each distinct anniversary computed once on day numbers
 * (npi_civil_anniversary_split), and the window's close. Not range-checked. */
static inline void npi_rules_slot_days(const npi_rules *r, int64_t start, int64_t at[NP_RULES_SLOTS])
{
    const npi_civil_split s = npi_civil_split_u32((uint32_t)start + NP_CIVIL_SHIFT_DAYS);
    const int end_slot = (uint8_t)r->slot[NP_EVENT_CONTRACT_END]; /* an anniversary: months >= 1 */
    npi_civil_split end; /* the contract's last day, with its anniversary */
    at[0] = start;
    at[end_slot] = (int64_t)npi_civil_anniversary_and_last(s, r->end_years, r->end_months, &end) -
                   (int64_t)NP_CIVIL_SHIFT_DAYS;
    for (int k = 1; k < r->anniversary_count; k++)
        if (k != end_slot)
            at[k] = (int64_t)npi_civil_anniversary_split(s, r->anniversary_years[k], r->anniversary_months[k]) -
                    (int64_t)NP_CIVIL_SHIFT_DAYS;
    at[NP_RULES_ABSENT_SLOT] = NP_RULES_ABSENT; /* its adjustment is 0 */
    at[NP_RULES_CLOSE_SLOT] = NP_RULES_ABSENT;
    if (r->window_slot >= 0) at[NP_RULES_CLOSE_SLOT] = npi_rules_window_close(r, at[r->window_slot], end);
}

/* Every event's day number at once (NP_RULES_ABSENT where the appointment has
 * none), for an appointment starting on day `start` (in range). Not
 * range-checked. */
static inline void npi_rules_event_days(const npi_rules *r, int64_t start, int64_t days[NP_EVENT_COUNT])
{
    int64_t at[NP_RULES_SLOTS];
    npi_rules_slot_days(r, start, at);
    for (int c = 0; c < NP_EVENT_COUNT; c++) days[c] = at[r->slot[c]] + r->adjust[c];
    if (at[NP_RULES_CLOSE_SLOT] != NP_RULES_ABSENT) {
        days[NP_EVENT_CONVERSION_WINDOW_OPEN] = at[r->window_slot];
        days[NP_EVENT_CONVERSION_WINDOW_CLOSE] = at[NP_RULES_CLOSE_SLOT];
    }
}

/* Rows per call of the block kernel (its scratch lives on the stack). */
#define NP_RULES_BLOCK 256

/* npi_rules_event_days for `count` (1..NP_RULES_BLOCK) starts, all in range,
 * that share the rules `r`: days[code][i] for every code (NP_RULES_ABSENT
 * where the appointment has none). The same rules, a block at a time in
 * structure-of-arrays form (each start split once, then each anniversary of
 * the plan for every start) so that it vectorises: timeline_batch.c, built at
 * -O3 and cloned per instruction set. True when some day falls after
 * 9999-12-31 (the caller names it through npi_rules_event_days). */
bool npi_rules_event_days_block(const npi_rules *r, const int64_t *starts, size_t count,
                                int64_t *const days[NP_EVENT_COUNT]);

#endif
