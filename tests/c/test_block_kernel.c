/* The block kernel (npi_rules_event_days_block, the fast path of rosters and
 * of the batch's window events) against the general paths, over random
 * parameters and policies and starts chosen where calendars go wrong: leap
 * days, month ends and firsts, years 1..2 (a window closing before
 * 0001-01-01) and years near 9999 (late results):
 *   - per start, against npi_rules_event_days (one start's slots) and
 *     npi_rules_event_day (each event on its own, year/month/day arithmetic
 *     for the fixed events), and np_timeline_build;
 *   - through np_roster_events (rows bucketed by rules, evictions, blocks
 *     redone row by row on a bad row) against np_timeline_build per row. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/roster.h"
#include "roster/roster_rows.h"
#include "rules/timeline_rules.h"
#include "support.h"

/* A start where calendars go wrong, or anywhere in 0001..last_year. */
static ts_ymd tricky_start(ts_rng *r, int64_t last_year)
{
    const int64_t y = ts_rng_range(r, 1, last_year);
    const int m = (int)ts_rng_range(r, 1, 12);
    switch (ts_rng_range(r, 0, 5)) {
    case 0: { /* a leap day */
        int64_t leap = y - y % 4;
        if (leap < 4) leap = 4;
        if (!ts_is_leap(leap)) leap -= 4; /* a century that is not a leap year */
        return ts_ymd_of(leap, 2, 29);
    }
    case 1: return ts_ymd_of(y, m, ts_dim(y, m) - (int)ts_rng_range(r, 0, 3)); /* a month's last days */
    case 2: return ts_ymd_of(y, m, 1);
    case 3: return ts_rng_date(r, 1, 2);
    default: return ts_rng_date(r, 1, last_year);
    }
}

/* Random policy and appointment parameters within the spec's ranges. */
static np_appointment random_parameters(ts_rng *r, np_policy *policy)
{
    *policy = np_policy_default();
    static const int notices[] = {0, 1, 6, 12, 24, 60};
    policy->conversion_notice_months = notices[ts_rng_range(r, 0, 5)];
    policy->seconded_conversion = ts_rng_range(r, 0, 1);
    np_appointment a = NP_APPOINTMENT_INIT;
    a.kind = (np_kind)ts_rng_range(r, 0, 2);
    a.initial_months = (int)ts_rng_range(r, 1, 48);
    a.max_months = (int)ts_rng_range(r, a.initial_months, 120);
    a.renewal_months = ts_rng_range(r, 0, 3) == 0 ? 0 : (int)ts_rng_range(r, 0, a.max_months - a.initial_months);
    a.twin_grade = ts_rng_range(r, 0, 1);
    if (a.twin_grade && a.kind != NP_KIND_SERVING) a.reduction_months = (int)ts_rng_range(r, 0, 24);
    if (a.twin_grade && a.kind == NP_KIND_SERVING) a.direct_higher = ts_rng_range(r, 0, 1);
    return a;
}

static void describe(char *buf, size_t size, const np_policy *p, const np_appointment *a, int64_t start)
{
    const np_ymd s = npi_civil_from_days(start);
    snprintf(buf, size,
             "start %04d-%02d-%02d %s initial %d renewal %d max %d twin %d reduction %d direct %d "
             "notice %d seconded_conversion %d",
             s.year, s.month, s.day, np_kind_name(a->kind), a->initial_months, a->renewal_months,
             a->max_months, a->twin_grade, a->reduction_months, a->direct_higher,
             p->conversion_notice_months, p->seconded_conversion);
}

Test(block_kernel, equals_the_general_paths)
{
    ts_rng rng = {1804};
    int64_t checked = 0, bad = 0;
    char first[400] = "";
    static int64_t columns[NP_EVENT_COUNT][NP_RULES_BLOCK];
    int64_t *days[NP_EVENT_COUNT];
    for (int c = 0; c < NP_EVENT_COUNT; c++) days[c] = columns[c];
    for (int set = 0; set < 1500; set++) {
        np_policy policy;
        np_appointment a = random_parameters(&rng, &policy);
        npi_rules r;
        np_error err;
        cr_assert_eq(npi_rules_resolve(&r, &policy, &a, &err), NP_OK, "%s", err.message);
        /* Block sizes 1..NP_RULES_BLOCK: vector bodies and remainders. */
        const size_t n = set % 7 == 0 ? NP_RULES_BLOCK : (size_t)ts_rng_range(&rng, 1, NP_RULES_BLOCK);
        int64_t starts[NP_RULES_BLOCK];
        const bool near_the_end = set % 5 == 0;
        for (size_t i = 0; i < n; i++)
            starts[i] = near_the_end ? ts_days(ts_rng_date(&rng, 9985, 9999)) : ts_days(tricky_start(&rng, 9990));
        const bool late = npi_rules_event_days_block(&r, starts, n, days);
        bool any_late = false;
        for (size_t i = 0; i < n; i++) {
            int64_t slots[NP_EVENT_COUNT];
            npi_rules_event_days(&r, starts[i], slots);
            a.start = (np_date)starts[i];
            np_timeline t;
            const bool built = np_timeline_build(&t, &policy, &a, &err) == NP_OK;
            for (int c = 0; c < NP_EVENT_COUNT; c++) {
                const int64_t fast = columns[c][i];
                const int64_t single = npi_rules_event_day(&r, starts[i], (np_event_code)c);
                any_late |= fast != NP_RULES_ABSENT && fast > NP_DATE_MAX;
                int64_t want_built = fast;
                if (built) {
                    const np_event *e = np_timeline_find(&t, (np_event_code)c);
                    want_built = e ? e->date : NP_RULES_ABSENT;
                }
                checked++;
                if ((fast != slots[c] || fast != single || fast != want_built) && bad++ == 0) {
                    char what[300];
                    describe(what, sizeof what, &policy, &a, starts[i]);
                    snprintf(first, sizeof first, "%s, %s: block %" PRId64 ", slots %" PRId64 ", event_day %" PRId64
                             ", build %" PRId64, what, np_event_code_name((np_event_code)c), fast, slots[c],
                             single, want_built);
                }
            }
            /* np_timeline_build fails exactly when some day is late */
            int64_t latest = NP_RULES_ABSENT;
            for (int c = 0; c < NP_EVENT_COUNT; c++) latest = columns[c][i] > latest ? columns[c][i] : latest;
            if (built == (latest > NP_DATE_MAX) && bad++ == 0)
                snprintf(first, sizeof first, "set %d, row %zu: build %s but the latest day is %" PRId64, set, i,
                         built ? "succeeded" : "failed", latest);
        }
        if (late != any_late && bad++ == 0)
            snprintf(first, sizeof first, "set %d: the kernel says late %d, the days %d", set, late, any_late);
    }
    cr_assert_eq(bad, 0, "%" PRId64 " mismatches of %" PRId64 "; first: %s", bad, checked, first);
    cr_assert_gt(checked, 1500000);
}

/* A roster whose rows take their parameters from `sets` parameter sets (one
 * policy), row by row at random or in runs. */
typedef struct roster_cols {
    int64_t *start;
    int32_t *kind, *initial, *renewal, *max, *reduction;
    uint8_t *twin, *direct;
} roster_cols;

static np_roster_columns random_roster(roster_cols *rc, ts_rng *r, size_t n, const np_appointment *sets,
                                       int set_count, bool runs)
{
    rc->start = malloc(n * sizeof *rc->start);
    rc->kind = malloc(n * sizeof *rc->kind);
    rc->initial = malloc(n * sizeof *rc->initial);
    rc->renewal = malloc(n * sizeof *rc->renewal);
    rc->max = malloc(n * sizeof *rc->max);
    rc->reduction = malloc(n * sizeof *rc->reduction);
    rc->twin = malloc(n);
    rc->direct = malloc(n);
    cr_assert(rc->start && rc->kind && rc->initial && rc->renewal && rc->max && rc->reduction && rc->twin &&
              rc->direct);
    int set = 0;
    for (size_t i = 0; i < n; i++) {
        if (!runs || ts_rng_range(r, 0, 99) == 0) set = (int)ts_rng_range(r, 0, set_count - 1);
        const np_appointment *a = &sets[set];
        rc->start[i] = ts_days(tricky_start(r, 9980)); /* every event before 9999-12-31 */
        rc->kind[i] = (int32_t)a->kind;
        rc->initial[i] = a->initial_months;
        rc->renewal[i] = a->renewal_months;
        rc->max[i] = a->max_months;
        rc->reduction[i] = a->reduction_months;
        rc->twin[i] = a->twin_grade;
        rc->direct[i] = a->direct_higher;
    }
    return (np_roster_columns){n, rc->start, rc->kind, rc->initial, rc->renewal, rc->max, rc->twin,
                               rc->reduction, rc->direct, NULL, 0};
}

static void roster_cols_free(roster_cols *rc)
{
    free(rc->start);
    free(rc->kind);
    free(rc->initial);
    free(rc->renewal);
    free(rc->max);
    free(rc->reduction);
    free(rc->twin);
    free(rc->direct);
}

Test(block_kernel, roster_events_equal_timelines)
{
    ts_rng rng = {2604};
    const size_t n = 3000;
    int64_t *columns = malloc(NP_EVENT_COUNT * n * sizeof *columns);
    cr_assert(columns);
    int64_t *days[NP_EVENT_COUNT];
    for (int c = 0; c < NP_EVENT_COUNT; c++) days[c] = columns + (size_t)c * n;
    int64_t checked = 0;
    /* 1 set (the whole block at once), 3 mixed row by row (buckets), 3 in
     * runs, 20 in runs and row by row (more than the cache keeps: blocks
     * end early, and go row by row) */
    static const struct { int sets; bool runs; } shapes[] = {{1, false}, {3, false}, {3, true}, {20, true}, {20, false}};
    for (size_t shape = 0; shape < sizeof shapes / sizeof shapes[0]; shape++) {
        for (int round = 0; round < 6; round++) {
            np_policy policy;
            np_appointment sets[20];
            random_parameters(&rng, &policy);
            for (int k = 0; k < shapes[shape].sets; k++) {
                np_policy ignored;
                sets[k] = random_parameters(&rng, &ignored);
            }
            roster_cols rc;
            const np_roster_columns c = random_roster(&rc, &rng, n, sets, shapes[shape].sets, shapes[shape].runs);
            np_error err;
            cr_assert_eq(np_roster_events(&policy, &c, days, &err), NP_OK, "%s", err.message);
            for (size_t i = 0; i < n; i++) {
                np_appointment a = npi_roster_row_appointment(&c, i);
                np_timeline t;
                cr_assert_eq(np_timeline_build(&t, &policy, &a, &err), NP_OK, "%s", err.message);
                for (int code = 0; code < NP_EVENT_COUNT; code++) {
                    const np_event *e = np_timeline_find(&t, (np_event_code)code);
                    const int64_t want = e ? e->date : NP_BATCH_NAT;
                    checked++;
                    if (days[code][i] == want) continue;
                    char what[300];
                    describe(what, sizeof what, &policy, &a, c.start[i]);
                    cr_assert_eq(days[code][i], want, "shape %zu, row %zu (%s), %s: %" PRId64 ", timeline %" PRId64,
                                 shape, i, what, np_event_code_name((np_event_code)code), days[code][i], want);
                }
            }
            /* a bad row in the middle of a block is named as the row path names it */
            const size_t bad_row = 300 + (size_t)ts_rng_range(&rng, 0, 1000);
            const int32_t renewal = rc.renewal[bad_row];
            rc.renewal[bad_row] = -1;
            cr_assert_eq(np_roster_events(&policy, &c, days, &err), NP_EINVAL);
            char want[64];
            snprintf(want, sizeof want, "row %zu: renewal_months must be between 0 and", bad_row);
            cr_assert(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
            rc.renewal[bad_row] = renewal;
            const int64_t start = rc.start[bad_row];
            rc.start[bad_row] = NP_BATCH_NAT;
            cr_assert_eq(np_roster_events(&policy, &c, days, &err), NP_EINVAL);
            snprintf(want, sizeof want, "row %zu: start: ", bad_row);
            cr_assert(strncmp(err.message, want, strlen(want)) == 0, "%s", err.message);
            rc.start[bad_row] = start;
            roster_cols_free(&rc);
        }
    }
    cr_assert_eq(checked, (int64_t)(5 * 6 * n * NP_EVENT_COUNT));
    free(columns);
    TS_ASSERT_NO_LEAKS();
}
