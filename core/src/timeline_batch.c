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

/* One start's event day (NaT stays NaT): 32-bit arithmetic on shifted day
 * numbers (np_civil_anniversary_u32), which vectorises. */
static inline int64_t fixed_offset_day(int64_t start, uint32_t years, uint32_t months, int64_t back)
{
    const uint32_t u = (uint32_t)(start == NP_BATCH_NAT ? 0 : start) + NP_CIVIL_SHIFT_DAYS;
    const int64_t day = (int64_t)np_civil_anniversary_u32(u, years, months) - back;
    return start == NP_BATCH_NAT ? NP_BATCH_NAT : day;
}

/* Two loops, so that neither makes the compiler guard against overlap
 * (`out` is either `starts` or apart). The starts are checked before (a start
 * outside 0001..9999 would compute a meaningless value); the results' check
 * rides along, and says whether to look for the culprit on the slow path. */
NP_MULTIVERSION
static int fixed_offset_kernel(const int64_t *restrict starts, int64_t *restrict out, size_t count,
                               int months, int adjust)
{
    const uint32_t years = (uint32_t)months / 12, rest = (uint32_t)months % 12;
    const int64_t back = (int64_t)NP_CIVIL_SHIFT_DAYS - adjust;
    uint64_t late = 0; /* 64-bit like the data, or the loop does not vectorise */
    for (size_t i = 0; i < count; i++) {
        const int64_t day = fixed_offset_day(starts[i], years, rest, back);
        late |= (uint64_t)(day > NP_DATE_MAX); /* NaT is never late */
        out[i] = day;
    }
    return late != 0;
}

NP_MULTIVERSION
static int fixed_offset_kernel_in_place(int64_t *days, size_t count, int months, int adjust)
{
    const uint32_t years = (uint32_t)months / 12, rest = (uint32_t)months % 12;
    const int64_t back = (int64_t)NP_CIVIL_SHIFT_DAYS - adjust;
    uint64_t late = 0;
    for (size_t i = 0; i < count; i++) {
        const int64_t day = fixed_offset_day(days[i], years, rest, back);
        late |= (uint64_t)(day > NP_DATE_MAX);
        days[i] = day;
    }
    return late != 0;
}

static np_status check_starts(const int64_t *starts, size_t count, np_error *err)
{
    int bad = 0;
    for (size_t i = 0; i < count; i++)
        bad |= starts[i] != NP_BATCH_NAT && !np_civil_in_range(starts[i]);
    if (!bad) return NP_OK;
    for (size_t i = 0; i < count; i++)
        if (starts[i] != NP_BATCH_NAT && !np_civil_in_range(starts[i]))
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
    int late = 0;
    for (size_t from = 0; from < count; from += CHUNK) {
        st = np_cancel_check(err);
        if (st != NP_OK) return st;
        const size_t n = count - from < CHUNK ? count - from : CHUNK;
        if (o.kind == NP_OFFSET_FIXED) {
            late |= out == starts ? fixed_offset_kernel_in_place(out + from, n, o.months, o.adjust)
                                  : fixed_offset_kernel(starts + from, out + from, n, o.months, o.adjust);
            continue;
        }
        for (size_t i = from; i < from + n; i++) {
            const int64_t start = starts[i];
            const int64_t day = start == NP_BATCH_NAT || o.kind == NP_OFFSET_ABSENT
                                    ? NP_RULES_ABSENT
                                    : np_rules_event_day(&r, np_civil_from_days(start), code);
            out[i] = day == NP_RULES_ABSENT ? NP_BATCH_NAT : day;
            late |= out[i] != NP_BATCH_NAT && out[i] > NP_DATE_MAX;
        }
    }
    /* the results' check rides along; look for the culprit only when late */
    return late ? check_results(out, count, code, err) : NP_OK;
}
