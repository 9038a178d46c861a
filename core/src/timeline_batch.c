#include "natopost/timeline.h"
#include "timeline_rules.h"

np_status np_timeline_batch(const np_policy *policy, const np_appointment *templ,
                            np_event_code code, const int64_t *starts, int64_t *out,
                            size_t count, np_error *err)
{
    if ((unsigned)code >= NP_EVENT_COUNT)
        return np_error_set(err, NP_EINVAL, "event code %d is not a timeline event", (int)code);
    np_rules r;
    np_status st = np_rules_resolve(&r, policy, templ, err);
    if (st != NP_OK) return st;
    for (size_t i = 0; i < count; i++) {
        const int64_t start = starts[i];
        if (start == NP_BATCH_NAT) {
            out[i] = NP_BATCH_NAT;
            continue;
        }
        if (!np_date_in_range(start))
            return np_error_set(err, NP_EINVAL,
                                "starts[%zu]: day number %lld is outside 0001-01-01..9999-12-31",
                                i, (long long)start);
        const int64_t day = np_rules_event_day(&r, np_civil_from_days(start), start, code);
        if (day != NP_RULES_ABSENT && !np_date_in_range(day))
            return np_error_set(err, NP_EINVAL,
                                "starts[%zu]: %s is out of range (after 9999-12-31)", i,
                                np_event_code_name(code));
        out[i] = day == NP_RULES_ABSENT ? NP_BATCH_NAT : day;
    }
    return NP_OK;
}
