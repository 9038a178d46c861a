/* np_timeline_batch: one event for many start dates, and the block kernel
 * (npi_rules_event_days_block): every event of a block of starts. The events
 * that are a fixed anniversary of the start run through a branch-free kernel
 * that the compiler vectorises (this file is built with -O3, and on x86-64
 * each kernel is cloned for AVX-512 (x86-64-v4: 16 lanes of 32 bits, 64-bit
 * multiplies and conversions in one instruction) and AVX2, the clone picked at
 * load time); the conversion window, which can be empty depending on the
 * start, goes through the block kernel. */
#include "natopost/cancel.h"
#include "natopost/timeline.h"
#include "rules/timeline_rules.h"

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_ADDRESS__) && \
    (!defined(__clang__) || __clang_major__ >= 14)
#define NP_MULTIVERSION __attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#else
#define NP_MULTIVERSION
#endif

/* One start's event day (NaT stays NaT): 32-bit arithmetic on shifted day
 * numbers (npi_civil_anniversary_u32), which vectorises. */
static inline int64_t fixed_offset_day(int64_t start, uint32_t years, uint32_t months, int64_t back)
{
    const uint32_t u = (uint32_t)(start == NP_BATCH_NAT ? 0 : start) + NP_CIVIL_SHIFT_DAYS;
    const int64_t day = (int64_t)npi_civil_anniversary_u32(u, years, months) - back;
    return start == NP_BATCH_NAT ? NP_BATCH_NAT : day;
}

/* What a kernel pass saw, so that the slow path looks for a culprit only
 * when there is one. */
enum { LATE_RESULT = 1, BAD_START = 2 };

/* Whether a start (not NaT) is outside 0001..9999, in a form that vectorises. */
static inline uint64_t start_outside(int64_t start)
{
    const uint64_t span = (uint64_t)NP_DATE_MAX - (uint64_t)NP_DATE_MIN;
    return (uint64_t)(start != NP_BATCH_NAT) & (uint64_t)((uint64_t)start - (uint64_t)NP_DATE_MIN > span);
}

/* Two loops, so that neither makes the compiler guard against overlap
 * (`out` is either `starts` or apart). Apart, the starts' check rides along
 * with the computation (one pass over memory; a bad start's result is
 * meaningless but the start is still there to name); in place, the starts are
 * checked before they are overwritten. The results' check rides along. */
NP_MULTIVERSION
static int fixed_offset_kernel(const int64_t *restrict starts, int64_t *restrict out, size_t count,
                               int months, int adjust)
{
    const uint32_t years = (uint32_t)months / 12, rest = (uint32_t)months % 12;
    const int64_t back = (int64_t)NP_CIVIL_SHIFT_DAYS - adjust;
    uint64_t late = 0, bad = 0; /* 64-bit like the data, or the loop does not vectorise */
    for (size_t i = 0; i < count; i++) {
        const int64_t start = starts[i];
        const int64_t day = fixed_offset_day(start, years, rest, back);
        bad |= start_outside(start);
        late |= (uint64_t)(day > NP_DATE_MAX); /* NaT is never late */
        out[i] = day;
    }
    return (late ? LATE_RESULT : 0) | (bad ? BAD_START : 0);
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
    return late ? LATE_RESULT : 0;
}

NP_MULTIVERSION
static int any_start_outside(const int64_t *starts, size_t count)
{
    uint64_t bad = 0;
    for (size_t i = 0; i < count; i++) bad |= start_outside(starts[i]);
    return bad != 0;
}

/* The block kernel (npi_rules_event_days_block): every loop runs over the
 * block's rows with the rules' plan fixed, on shifted 32-bit day numbers. */
NP_MULTIVERSION
static bool event_days_block(const npi_rules *r, const int64_t *restrict starts, size_t count,
                             int64_t *const days[NP_EVENT_COUNT])
{
    uint32_t year[NP_RULES_BLOCK], mar0[NP_RULES_BLOCK], day0[NP_RULES_BLOCK];
    uint32_t at[NP_EVENT_COUNT + 1][NP_RULES_BLOCK]; /* the plan's anniversaries, shifted */
    for (size_t i = 0; i < count; i++) {
        const uint32_t u = (uint32_t)starts[i] + NP_CIVIL_SHIFT_DAYS;
        const npi_civil_split s = npi_civil_split_u32(u);
        year[i] = s.year;
        mar0[i] = s.mar0;
        day0[i] = s.day0;
        at[0][i] = u;
    }
    for (int k = 1; k < r->anniversary_count; k++) {
        const uint32_t years = r->anniversary_years[k], months = r->anniversary_months[k];
        uint32_t *restrict out = at[k];
        for (size_t i = 0; i < count; i++)
            out[i] = npi_civil_anniversary_split((npi_civil_split){year[i], mar0[i], day0[i]}, years, months);
    }
    uint64_t late = 0;
    for (int code = 0; code < NP_EVENT_COUNT; code++) {
        int64_t *restrict out = days[code];
        if (r->slot[code] == NP_RULES_ABSENT_SLOT) {
            for (size_t i = 0; i < count; i++) out[i] = NP_RULES_ABSENT;
            continue;
        }
        const uint32_t *restrict from = at[r->slot[code]];
        const int64_t back = (int64_t)NP_CIVIL_SHIFT_DAYS - r->adjust[code];
        for (size_t i = 0; i < count; i++) {
            const int64_t day = (int64_t)from[i] - back;
            late |= (uint64_t)(day > NP_DATE_MAX);
            out[i] = day;
        }
    }
    if (r->window_slot >= 0) {
        const uint32_t *restrict opens = at[r->window_slot];
        int64_t *restrict open_out = days[NP_EVENT_CONVERSION_WINDOW_OPEN];
        int64_t *restrict close_out = days[NP_EVENT_CONVERSION_WINDOW_CLOSE];
        for (size_t i = 0; i < count; i++) {
            const int64_t open = (int64_t)opens[i] - (int64_t)NP_CIVIL_SHIFT_DAYS;
            const npi_civil_split start = {year[i], mar0[i], day0[i]};
            const int64_t close =
                npi_rules_window_close(r, open, npi_civil_period_last_split(start, r->end_years, r->end_months));
            open_out[i] = close == NP_RULES_ABSENT ? NP_RULES_ABSENT : open;
            close_out[i] = close;
        }
    }
    return late != 0;
}

bool npi_rules_event_days_block(const npi_rules *r, const int64_t *starts, size_t count,
                                int64_t *const days[NP_EVENT_COUNT])
{
    return event_days_block(r, starts, count, days);
}

/* The conversion window's events (which can be empty) through the block
 * kernel, NaT staying NaT; `out` may be `starts` (each block's starts are
 * copied first). */
static int window_events(const npi_rules *r, np_event_code code, const int64_t *starts,
                         int64_t *out, size_t count)
{
    int64_t block_starts[NP_RULES_BLOCK];
    int64_t columns[NP_EVENT_COUNT][NP_RULES_BLOCK];
    int64_t *days[NP_EVENT_COUNT];
    for (int c = 0; c < NP_EVENT_COUNT; c++) days[c] = columns[c];
    int seen = 0;
    for (size_t from = 0; from < count; from += NP_RULES_BLOCK) {
        const size_t n = count - from < NP_RULES_BLOCK ? count - from : NP_RULES_BLOCK;
        for (size_t i = 0; i < n; i++) /* NaT computed as 1970-01-01, then dropped */
            block_starts[i] = starts[from + i] == NP_BATCH_NAT ? 0 : starts[from + i];
        npi_rules_event_days_block(r, block_starts, n, days);
        for (size_t i = 0; i < n; i++) {
            const int64_t day = starts[from + i] == NP_BATCH_NAT ? NP_BATCH_NAT : columns[code][i];
            if (day != NP_BATCH_NAT && day > NP_DATE_MAX) seen |= LATE_RESULT;
            out[from + i] = day; /* NP_RULES_ABSENT is NP_BATCH_NAT */
        }
    }
    return seen;
}

static np_status check_starts(const int64_t *starts, size_t count, np_error *err)
{
    if (!any_start_outside(starts, count)) return NP_OK;
    for (size_t i = 0; i < count; i++)
        if (start_outside(starts[i]))
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
    npi_rules r;
    np_status st = npi_rules_resolve(&r, policy, templ, err);
    if (st != NP_OK) return st;
    const npi_event_offset o = npi_rules_event_offset(&r, code);
    const bool fixed = o.kind == NP_OFFSET_FIXED;
    /* The general rule reads the starts, and an in-place kernel overwrites
     * them: both need them checked first. A separate kernel checks them in
     * its own pass, and the culprit is looked for only when it saw one. */
    if (!fixed || out == starts) {
        st = check_starts(starts, count, err);
        if (st != NP_OK) return st;
    }
    /* In chunks, asking the cancellation hook before each (a chunk takes
     * well under a millisecond). */
    enum { CHUNK = 1 << 16 };
    int seen = 0;
    for (size_t from = 0; from < count; from += CHUNK) {
        st = np_cancel_check(err);
        if (st != NP_OK) return st;
        const size_t n = count - from < CHUNK ? count - from : CHUNK;
        if (fixed) {
            seen |= out == starts ? fixed_offset_kernel_in_place(out + from, n, o.months, o.adjust)
                                  : fixed_offset_kernel(starts + from, out + from, n, o.months, o.adjust);
            continue;
        }
        if (o.kind == NP_OFFSET_ABSENT) {
            for (size_t i = from; i < from + n; i++) out[i] = NP_BATCH_NAT;
            continue;
        }
        seen |= window_events(&r, code, starts + from, out + from, n);
    }
    /* a bad start is reported before a late result, as when checked first */
    if (seen & BAD_START) return check_starts(starts, count, err);
    return seen & LATE_RESULT ? check_results(out, count, code, err) : NP_OK;
}
