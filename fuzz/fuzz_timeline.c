/* libFuzzer harness: timelines from arbitrary parameters. Whatever the core
 * accepts must satisfy the spec's invariants, and agree with the batch call. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int32_t take(const uint8_t **p, size_t *n)
{
    int32_t v = 0;
    size_t k = *n < 4 ? *n : 4;
    memcpy(&v, *p, k);
    *p += k;
    *n -= k;
    return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *p = data;
    size_t n = size;
    np_policy policy = np_policy_default();
    np_appointment a = NP_APPOINTMENT_INIT;
    const int32_t flags = take(&p, &n);
    a.start = take(&p, &n);
    a.kind = (np_kind)((flags & 3) % 4); /* 3 is invalid on purpose */
    a.twin_grade = flags & 4;
    a.direct_higher = flags & 8;
    if (flags & 16) a.initial_months = take(&p, &n) % 2000;
    if (flags & 32) a.renewal_months = take(&p, &n) % 2000;
    if (flags & 64) a.max_months = take(&p, &n) % 2000;
    if (flags & 128) a.reduction_months = take(&p, &n) % 40;
    if (flags & 256) policy.conversion_notice_months = take(&p, &n) % 2000;
    if (flags & 512) policy.promotion_months = take(&p, &n) % 2000;

    np_timeline t;
    np_error err;
    if (np_timeline_build(&t, &policy, &a, &err) != NP_OK) {
        if (err.code != NP_EINVAL || err.message[0] == '\0') abort();
        return 0;
    }
    const np_event *end = np_timeline_find(&t, NP_EVENT_CONTRACT_END);
    const np_event *init_end = np_timeline_find(&t, NP_EVENT_INITIAL_CONTRACT_END);
    const np_event *rs = np_timeline_find(&t, NP_EVENT_RENEWAL_START);
    const np_event *open = np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_OPEN);
    const np_event *close = np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_CLOSE);
    if (!end || !init_end || end->date < init_end->date) abort();
    if (rs && rs->date != init_end->date + 1) abort();
    if ((open == NULL) != (close == NULL)) abort();
    if (open && (open->date > close->date || close->date > end->date)) abort();
    for (size_t i = 0; i < t.event_count; i++) {
        if (t.events[i].date < a.start) abort();
        int64_t start = a.start, out = 0;
        if (np_timeline_batch(&policy, &a, t.events[i].code, &start, &out, 1, NULL) != NP_OK ||
            out != t.events[i].date)
            abort();
    }
    const np_day_status s = np_timeline_status(&t, end->date);
    if (s.days_to_contract_end != 0 || s.months_served != t.appointment.initial_months + t.appointment.renewal_months)
        abort();
    char *json = np_timeline_to_json(&t, &s, NULL);
    char *ics = np_timeline_to_ical(&t, 1700000000, NULL);
    if (!json || !ics) abort();
    np_free(json);
    np_free(ics);
    return 0;
}
