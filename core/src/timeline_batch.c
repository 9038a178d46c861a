/* np_timeline_batch: one event for many start dates. The events that are a
 * fixed anniversary of the start run through a branch-free kernel that the
 * compiler vectorises (this file is built with -O3, and on x86-64 the kernel
 * is cloned for AVX2 and picked at load time); the conversion window, which
 * can be empty depending on the start, goes through the general rule. */
#include "natopost/cancel.h"
#include "natopost/timeline.h"
#include "timeline_rules.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && \
    (!defined(__clang__) || __clang_major__ >= 14)
#define NP_MULTIVERSION __attribute__((target_clones("avx2", "default")))
#else
#define NP_MULTIVERSION
#endif

/* Leaves NaT as NaT; starts must already be in range. */
NP_MULTIVERSION
static void fixed_offset_kernel(const int64_t *starts, int64_t *out, size_t count, int months,
                                int adjust)
{
    for (size_t i = 0; i < count; i++) {
        const int64_t start = starts[i];
        const int nat = start == NP_BATCH_NAT;
        const np_ymd s = np_civil_from_days(nat ? 0 : start);
        const int64_t day = np_civil_anniversary(s, months) + adjust;
        out[i] = nat ? NP_BATCH_NAT : day;
    }
}

static np_status check_starts(const int64_t *starts, size_t count, np_error *err)
{
    int bad = 0;
    for (size_t i = 0; i < count; i++)
        bad |= starts[i] != NP_BATCH_NAT && !np_date_in_range(starts[i]);
    if (!bad) return NP_OK;
    for (size_t i = 0; i < count; i++)
        if (starts[i] != NP_BATCH_NAT && !np_date_in_range(starts[i]))
            return np_error_set(err, NP_EINVAL,
                                "starts[%zu]: day number %lld is outside 0001-01-01..9999-12-31",
                                i, (long long)starts[i]);
    return NP_OK;
}

static np_status check_results(const int64_t *out, size_t count, np_event_code code,
                               np_error *err)
{
    int bad = 0;
    for (size_t i = 0; i < count; i++) bad |= out[i] != NP_BATCH_NAT && out[i] > NP_DATE_MAX;
    if (!bad) return NP_OK;
    for (size_t i = 0; i < count; i++)
        if (out[i] != NP_BATCH_NAT && out[i] > NP_DATE_MAX)
            return np_error_set(err, NP_EINVAL, "starts[%zu]: %s is out of range (after 9999-12-31)",
                                i, np_event_code_name(code));
    return NP_OK;
}

np_status np_timeline_batch(const np_policy *policy, const np_appointment *templ,
                            np_event_code code, const int64_t *starts, int64_t *out,
                            size_t count, np_error *err)
{
    if ((unsigned)code >= NP_EVENT_COUNT)
        return np_error_set(err, NP_EINVAL, "event code %d is not a timeline event", (int)code);
    np_rules r;
    np_status st = np_rules_resolve(&r, policy, templ, err);
    if (st != NP_OK) return st;
    st = check_starts(starts, count, err);
    if (st != NP_OK) return st;

    const np_event_offset o = np_rules_event_offset(&r, code);
    /* In chunks, asking the cancellation hook before each (a chunk takes
     * well under a millisecond). */
    enum { CHUNK = 1 << 16 };
    for (size_t from = 0; from < count; from += CHUNK) {
        st = np_cancel_check(err);
        if (st != NP_OK) return st;
        const size_t n = count - from < CHUNK ? count - from : CHUNK;
        if (o.kind == NP_OFFSET_FIXED) {
            fixed_offset_kernel(starts + from, out + from, n, o.months, o.adjust);
            continue;
        }
        for (size_t i = from; i < from + n; i++) {
            const int64_t start = starts[i];
            const int64_t day = start == NP_BATCH_NAT || o.kind == NP_OFFSET_ABSENT
                                    ? NP_RULES_ABSENT
                                    : np_rules_event_day(&r, np_civil_from_days(start), code);
            out[i] = day == NP_RULES_ABSENT ? NP_BATCH_NAT : day;
        }
    }
    return check_results(out, count, code, err);
}
