/* Rosters: the projection of random rosters equals, month by month, counts
 * taken from np_timeline_build + np_timeline_status per appointment (the
 * oracle); next events equal the earliest later event of each timeline; bad
 * rows and bad CSV name the row and the column. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/roster.h"
#include "support.h"

typedef struct roster_gen {
    np_policy policy;
    size_t count;
    int64_t *start;
    int32_t *kind, *initial, *renewal, *max, *reduction, *group;
    uint8_t *twin, *direct;
    size_t group_count;
} roster_gen;

/* Month ends and leap days are where anniversaries roll: a start is one of
 * them half the time. */
static np_date random_start(ts_rng *rng)
{
    for (;;) {
        const int y = (int)ts_rng_range(rng, 2012, 2032), m = (int)ts_rng_range(rng, 1, 12);
        const int pick = (int)ts_rng_range(rng, 0, 5);
        const int d = pick == 0 ? 29 : pick == 1 ? 30 : pick == 2 ? 31 : (int)ts_rng_range(rng, 1, 31);
        np_date out;
        if (np_date_from_ymd(&out, y, m == 2 && pick == 0 ? 2 : m, d, NULL) == NP_OK) return out;
    }
}

/* Random parameters, sometimes left to the policy; kept only when
 * np_timeline_build accepts them (the roster must hold valid rows). */
static np_appointment random_appointment(ts_rng *rng, const np_policy *policy)
{
    for (;;) {
        np_appointment a = NP_APPOINTMENT_INIT;
        a.start = random_start(rng);
        a.kind = (np_kind)ts_rng_range(rng, 0, 2);
        if (ts_rng_range(rng, 0, 1)) a.initial_months = (int)ts_rng_range(rng, 1, 48);
        if (ts_rng_range(rng, 0, 1)) a.max_months = (int)ts_rng_range(rng, 12, 96);
        if (ts_rng_range(rng, 0, 1)) a.renewal_months = (int)ts_rng_range(rng, 0, 36);
        a.twin_grade = ts_rng_range(rng, 0, 1);
        if (a.twin_grade && a.kind != NP_KIND_SERVING && ts_rng_range(rng, 0, 1))
            a.reduction_months = (int)ts_rng_range(rng, 0, 24);
        if (a.twin_grade && a.kind == NP_KIND_SERVING) a.direct_higher = ts_rng_range(rng, 0, 3) == 0;
        np_timeline t;
        if (np_timeline_build(&t, policy, &a, NULL) == NP_OK) return a;
    }
}

static void gen_free(roster_gen *g)
{
    free(g->start);
    free(g->kind);
    free(g->initial);
    free(g->renewal);
    free(g->max);
    free(g->reduction);
    free(g->group);
    free(g->twin);
    free(g->direct);
}

static roster_gen gen_roster(ts_rng *rng, size_t count)
{
    roster_gen g;
    memset(&g, 0, sizeof g);
    g.policy = np_policy_default();
    if (ts_rng_range(rng, 0, 3) == 0) g.policy.conversion_notice_months = (int)ts_rng_range(rng, 0, 30);
    if (ts_rng_range(rng, 0, 3) == 0) g.policy.seconded_conversion = true;
    g.count = count;
    g.group_count = (size_t)ts_rng_range(rng, 1, 4);
    g.start = malloc(count * sizeof *g.start);
    g.kind = malloc(count * sizeof *g.kind);
    g.initial = malloc(count * sizeof *g.initial);
    g.renewal = malloc(count * sizeof *g.renewal);
    g.max = malloc(count * sizeof *g.max);
    g.reduction = malloc(count * sizeof *g.reduction);
    g.group = malloc(count * sizeof *g.group);
    g.twin = malloc(count * sizeof *g.twin);
    g.direct = malloc(count * sizeof *g.direct);
    cr_assert(g.start && g.kind && g.initial && g.renewal && g.max && g.reduction && g.group &&
              g.twin && g.direct);
    for (size_t i = 0; i < count; i++) {
        const np_appointment a = random_appointment(rng, &g.policy);
        g.start[i] = a.start;
        g.kind[i] = (int32_t)a.kind;
        g.initial[i] = a.initial_months;
        g.renewal[i] = a.renewal_months;
        g.max[i] = a.max_months;
        g.reduction[i] = a.reduction_months;
        g.twin[i] = a.twin_grade;
        g.direct[i] = a.direct_higher;
        g.group[i] = (int32_t)ts_rng_range(rng, 0, (int64_t)g.group_count - 1);
    }
    return g;
}

static np_roster_columns columns_of(const roster_gen *g, bool grouped)
{
    np_roster_columns c = {g->count, g->start, g->kind,      g->initial,         g->renewal,
                           g->max,   g->twin,  g->reduction, g->direct,          NULL,
                           0};
    if (grouped) {
        c.group = g->group;
        c.group_count = g->group_count;
    }
    return c;
}

static np_appointment row_of(const roster_gen *g, size_t i)
{
    np_appointment a = {(np_date)g->start[i], (np_kind)g->kind[i], g->initial[i], g->renewal[i],
                        g->max[i], g->twin[i], g->reduction[i], g->direct[i]};
    return a;
}

/* The oracle: per appointment, its timeline's events by month, and its
 * status at the end of every month's last day. */
static int64_t *oracle(const roster_gen *g, bool grouped, int y0, int m0, size_t months)
{
    const size_t groups = grouped ? g->group_count : 1;
    int64_t *counts = calloc(groups * months * NP_PROJECTION_COLUMNS, sizeof *counts);
    np_date *month_end = malloc(months * sizeof *month_end);
    cr_assert(counts && month_end);
    for (size_t m = 0; m < months; m++) {
        const int total = y0 * 12 + m0 - 1 + (int)m;
        const int y = total / 12, mo = total % 12 + 1;
        cr_assert_eq(np_date_from_ymd(&month_end[m], y, mo, np_date_days_in_month(y, mo), NULL), NP_OK);
    }
    for (size_t i = 0; i < g->count; i++) {
        const np_appointment a = row_of(g, i);
        np_timeline t;
        np_error err;
        cr_assert_eq(np_timeline_build(&t, &g->policy, &a, &err), NP_OK, "%s", err.message);
        int64_t *base = counts + (grouped ? (size_t)g->group[i] : 0) * months * NP_PROJECTION_COLUMNS;
        for (size_t e = 0; e < t.event_count; e++) {
            const np_ymd d = np_date_to_ymd(t.events[e].date);
            const long m = (long)(d.year * 12 + d.month - 1) - (long)(y0 * 12 + m0 - 1);
            if (m >= 0 && m < (long)months) base[(size_t)m * NP_PROJECTION_COLUMNS + t.events[e].code]++;
        }
        for (size_t m = 0; m < months; m++) {
            const np_day_status s = np_timeline_status(&t, month_end[m]);
            int64_t *row = base + m * NP_PROJECTION_COLUMNS + NP_EVENT_COUNT;
            row[NP_MEASURE_UNDER_CONTRACT] += s.phase == NP_PHASE_INITIAL || s.phase == NP_PHASE_RENEWAL;
            row[NP_MEASURE_IN_INITIAL] += s.phase == NP_PHASE_INITIAL;
            row[NP_MEASURE_IN_RENEWAL] += s.phase == NP_PHASE_RENEWAL;
            row[NP_MEASURE_WINDOW_OPEN] += s.conversion_window_open;
            row[NP_MEASURE_PROMOTION_POSSIBLE] += s.promotion_possible;
        }
    }
    free(month_end);
    return counts;
}

Test(roster, projection_equals_timeline_and_status_per_appointment)
{
    ts_rng rng = {20261203};
    int64_t counted = 0;
    for (int round = 0; round < 60; round++) {
        roster_gen g = gen_roster(&rng, (size_t)ts_rng_range(&rng, 0, 120));
        const bool grouped = round % 2 == 1;
        const int y0 = (int)ts_rng_range(&rng, 2010, 2030), m0 = (int)ts_rng_range(&rng, 1, 12);
        const size_t months = (size_t)ts_rng_range(&rng, 1, 180);
        const np_roster_columns c = columns_of(&g, grouped);
        np_projection p;
        np_error err;
        cr_assert_eq(np_roster_project(&p, &g.policy, &c, y0, m0, (int)months, &err), NP_OK, "%s",
                     err.message);
        int64_t *want = oracle(&g, grouped, y0, m0, months);
        cr_assert_eq(p.groups, grouped ? g.group_count : 1);
        cr_assert_eq(p.months, months);
        for (size_t k = 0; k < p.groups * months * NP_PROJECTION_COLUMNS; k++) {
            const size_t col = k % NP_PROJECTION_COLUMNS, m = k / NP_PROJECTION_COLUMNS % months;
            cr_assert_eq(p.counts[k], want[k],
                         "round %d: month %zu from %04d-%02d, group %zu, %s: %lld, oracle %lld",
                         round, m, y0, m0, k / NP_PROJECTION_COLUMNS / months,
                         np_projection_column_name(col), (long long)p.counts[k], (long long)want[k]);
        }
        for (size_t k = 0; k < p.groups * months * NP_PROJECTION_COLUMNS; k++) counted += want[k];
        free(want);
        np_projection_free(&p);
        gen_free(&g);
    }
    cr_assert_gt(counted, 10000, "the random rosters must exercise the projection");
    TS_ASSERT_NO_LEAKS();
}

Test(roster, projection_is_not_empty_for_a_live_roster)
{
    /* Guards the oracle comparison against both sides being zero. */
    const int64_t start[] = {20332 /* 2025-09-01 */};
    const uint8_t twin[] = {1};
    np_roster_columns c = {1, start, NULL, NULL, NULL, NULL, twin, NULL, NULL, NULL, 0};
    np_projection p;
    cr_assert_eq(np_roster_project(&p, NULL, &c, 2028, 9, 1, NULL), NP_OK);
    const int64_t *row = p.counts;
    cr_assert_eq(row[NP_EVENT_RENEWAL_START], 1);
    cr_assert_eq(row[NP_EVENT_CONVERSION_WINDOW_OPEN], 1);
    cr_assert_eq(row[NP_EVENT_EARLIEST_PROMOTION], 1);
    cr_assert_eq(row[NP_EVENT_COUNT + NP_MEASURE_UNDER_CONTRACT], 1);
    cr_assert_eq(row[NP_EVENT_COUNT + NP_MEASURE_IN_RENEWAL], 1);
    cr_assert_eq(row[NP_EVENT_COUNT + NP_MEASURE_WINDOW_OPEN], 1);
    cr_assert_eq(row[NP_EVENT_COUNT + NP_MEASURE_PROMOTION_POSSIBLE], 1);
    np_projection_free(&p);
}

Test(roster, next_events_equal_earliest_later_event)
{
    ts_rng rng = {777};
    for (int round = 0; round < 30; round++) {
        roster_gen g = gen_roster(&rng, 80);
        const np_date after = random_start(&rng);
        int32_t codes[80];
        int64_t dates[80];
        const np_roster_columns c = columns_of(&g, false);
        np_error err;
        cr_assert_eq(np_roster_next_events(&g.policy, &c, after, codes, dates, &err), NP_OK, "%s",
                     err.message);
        for (size_t i = 0; i < g.count; i++) {
            const np_appointment a = row_of(&g, i);
            np_timeline t;
            cr_assert_eq(np_timeline_build(&t, &g.policy, &a, NULL), NP_OK);
            const np_event *best = NULL;
            for (size_t e = 0; e < t.event_count; e++)
                if (t.events[e].date > after && (!best || t.events[e].date < best->date)) best = &t.events[e];
            cr_assert_eq(codes[i], best ? (int32_t)best->code : -1, "row %zu", i);
            cr_assert_eq(dates[i], best ? (int64_t)best->date : NP_BATCH_NAT, "row %zu", i);
        }
        gen_free(&g);
    }
}

Test(roster, bad_rows_name_row_and_column)
{
    const int64_t start[] = {20332, 20332, 20332};
    const int32_t renewal[] = {36, 50, 0};
    np_roster_columns c = {3, start, NULL, NULL, renewal, NULL, NULL, NULL, NULL, NULL, 0};
    np_error err;
    np_projection p;
    cr_assert_eq(np_roster_project(&p, NULL, &c, 2026, 1, 12, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "row 1: renewal_months must be between 0 and 36"), "%s", err.message);
    cr_assert_null(p.counts);
    const int32_t kind[] = {0, 0, 7};
    const int32_t ok_renewal[] = {36, 36, 36};
    c.renewal_months = ok_renewal;
    c.kind = kind;
    cr_assert_eq(np_roster_check(NULL, &c, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "row 2: kind 7"), "%s", err.message);
    c.kind = NULL;
    const int32_t group[] = {0, 3, 0};
    c.group = group;
    c.group_count = 2;
    cr_assert_eq(np_roster_check(NULL, &c, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "row 1: group code 3"), "%s", err.message);
    c.group = NULL;
    const int64_t late[] = {20332, 2932800, 20332};
    c.start = late;
    cr_assert_eq(np_roster_check(NULL, &c, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "row 1: initial_contract_end: date is out of range"), "%s", err.message);
    c.start = start;
    cr_assert_eq(np_roster_project(&p, NULL, &c, 2026, 13, 12, &err), NP_EINVAL);
    cr_assert_eq(np_roster_project(&p, NULL, &c, 9999, 6, 12, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "horizon"), "%s", err.message);
    cr_assert_eq(np_roster_project(&p, NULL, &c, 2026, 1, 0, &err), NP_EINVAL);
}

static const char CSV[] =
    "\xEF\xBB\xBFid,start,kind,renewal_months,twin_grade,division,grade\r\n"
    "A-1,2025-09-01,external,,true,\"Operations, Planning\",G15\r\n"
    "A-2,2024-02-29,seconded,24,yes,Policy,G17\r\n"
    "\r\n"
    "A-3,2026-01-31,,18,0,Policy,G15\n";

Test(roster, csv_reads_columns_defaults_and_groups)
{
    np_roster *r;
    np_error err;
    cr_assert_eq(np_roster_read_csv(&r, CSV, sizeof CSV - 1, "staff.csv", NULL, &err), NP_OK, "%s",
                 err.message);
    cr_assert_eq(np_roster_count(r), 3);
    cr_assert_str_eq(np_roster_id(r, 2), "A-3");
    np_appointment a = np_roster_appointment(r, 0);
    cr_assert_eq(a.renewal_months, NP_FROM_POLICY);
    cr_assert(a.twin_grade);
    a = np_roster_appointment(r, 1);
    cr_assert_eq(a.kind, NP_KIND_SECONDED);
    cr_assert_eq(a.renewal_months, 24);
    cr_assert_eq(np_roster_group_column_count(r), 2);
    size_t col;
    cr_assert_eq(np_roster_group_column_find(r, "division", &col, &err), NP_OK);
    cr_assert_eq(np_roster_group_value_count(r, col), 2);
    cr_assert_str_eq(np_roster_group_value(r, col, 0), "Operations, Planning");
    cr_assert_eq(np_roster_group_column_find(r, "unit", &col, &err), NP_ENOTFOUND);
    cr_assert(strstr(err.message, "division, grade"), "%s", err.message);

    np_projection p;
    cr_assert_eq(np_roster_group_column_find(r, "division", &col, &err), NP_OK);
    const np_roster_columns v = np_roster_view(r, col);
    cr_assert_eq(np_roster_project(&p, np_roster_policy(r), &v, 2028, 8, 2, &err), NP_OK);
    const char *labels[] = {np_roster_group_value(r, col, 0), np_roster_group_value(r, col, 1)};
    char *csv = np_projection_to_csv(&p, "division", labels, &err);
    cr_assert_not_null(csv);
    cr_assert(strncmp(csv, "month,division,entry_on_duty,", 29) == 0, "%s", csv);
    /* 2028-08: A-1's initial contract ends on 2028-08-31 (it is still in it). */
    cr_assert(strstr(csv, "\n2028-08,\"Operations, Planning\",0,1,0,0,0,0,0,0,0,1,1,0,0,0\n"), "%s", csv);
    np_free(csv);
    char *json = np_projection_to_json(&p, "division", labels, &err);
    cr_assert(strstr(json, "\"division\": \"Policy\""), "%s", json);
    np_free(json);
    np_projection_free(&p);
    np_roster_free(r);
    TS_ASSERT_NO_LEAKS();
}

static void expect_csv_error(const char *text, const char *message, int line)
{
    np_roster *r = (np_roster *)1;
    np_error err;
    cr_assert_neq(np_roster_read_csv(&r, text, strlen(text), "staff.csv", NULL, &err), NP_OK, "%s", text);
    cr_assert_null(r);
    cr_assert(strstr(err.message, message), "got: %s\nwant: %s", err.message, message);
    cr_assert_eq(err.line, line, "%s: line %d", err.message, err.line);
}

Test(roster, csv_errors_name_line_and_column)
{
    expect_csv_error("", "staff.csv: empty", 0);
    expect_csv_error("id,kind\n1,external\n", "staff.csv:1: the header has no start column", 1);
    expect_csv_error("start,start\n", "staff.csv:1: column \"start\" appears twice", 1);
    expect_csv_error("start,kind\n2025-01-01,external\n2025-02-30,external\n",
                     "staff.csv:3: column start: day 30 is out of range for February 2025", 3);
    expect_csv_error("start,kind\n2025-01-01,extern\n",
                     "staff.csv:2: column kind: kind \"extern\" is not one of", 2);
    expect_csv_error("start,twin_grade\n2025-01-01,maybe\n",
                     "staff.csv:2: column twin_grade: \"maybe\" is not a boolean", 2);
    expect_csv_error("start,initial_months\n2025-01-01,3x\n",
                     "staff.csv:2: column initial_months: \"3x\" is not a whole number", 2);
    expect_csv_error("id,start,renewal_months\nB-7,2025-01-01,40\n",
                     "staff.csv:2: row \"B-7\": renewal_months must be between 0 and 36", 2);
    expect_csv_error("start,division\n2025-01-01\n", "staff.csv:2: 1 field, but the header names 2 columns", 2);
    expect_csv_error("start\n2025-01-01,x\n", "staff.csv:2: 2 fields, but the header names 1 column", 2);
    expect_csv_error("start,division\n2025-01-01,\"Ops\n", "staff.csv:2: a quoted field is never closed", 2);
    expect_csv_error("start,division\n2025-01-01,\"Ops\"x\n", "staff.csv:2: text after a closing quote", 2);
    expect_csv_error("start\n\n\n,\n", "staff.csv:4: 2 fields, but the header names 1 column", 4);
    expect_csv_error("start,division\n2025-01-01,\xff\n", "the value is not UTF-8", 2);
    TS_ASSERT_NO_LEAKS();
}

Test(roster, month_parse)
{
    int y, m;
    np_error err;
    cr_assert_eq(np_month_parse(&y, &m, "2026-01", 7, &err), NP_OK);
    cr_assert_eq(y * 100 + m, 202601);
    cr_assert_eq(np_month_parse(&y, &m, "2026-13", 7, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "month 13 is out of range"), "%s", err.message);
    cr_assert_eq(np_month_parse(&y, &m, "2026-1", 6, &err), NP_EPARSE);
    cr_assert(strstr(err.message, "expected YYYY-MM"), "%s", err.message);
}

/* Issue 16: every event and the status of every row, column by column, equal
 * np_timeline_build and np_timeline_status of the row's appointment. */
Test(roster, events_and_status_equal_timeline_per_appointment)
{
    ts_rng rng = {16};
    size_t rows = 0;
    for (int round = 0; round < 40; round++) {
        roster_gen g = gen_roster(&rng, (size_t)ts_rng_range(&rng, 0, 80));
        const np_roster_columns c = columns_of(&g, false);
        const size_t n = g.count ? g.count : 1;
        int64_t *days = malloc(NP_EVENT_COUNT * n * sizeof *days);
        int32_t *phase = malloc(n * sizeof *phase), *left = malloc(n * sizeof *left),
                *served = malloc(n * sizeof *served);
        uint8_t *window = malloc(n), *promotion = malloc(n);
        cr_assert(days && phase && left && served && window && promotion);
        int64_t *columns[NP_EVENT_COUNT];
        for (size_t code = 0; code < NP_EVENT_COUNT; code++) columns[code] = days + code * n;
        np_date on;
        cr_assert_eq(np_date_from_ymd(&on, (int)ts_rng_range(&rng, 2012, 2040), 2, 28, NULL), NP_OK);
        const np_roster_status_columns out = {phase, left, window, served, promotion};
        np_error err;
        cr_assert_eq(np_roster_events(&g.policy, &c, columns, &err), NP_OK, "%s", err.message);
        cr_assert_eq(np_roster_status(&g.policy, &c, on, &out, &err), NP_OK, "%s", err.message);
        for (size_t i = 0; i < g.count; i++) {
            const np_appointment a = row_of(&g, i);
            np_timeline t;
            cr_assert_eq(np_timeline_build(&t, &g.policy, &a, &err), NP_OK, "%s", err.message);
            for (int code = 0; code < NP_EVENT_COUNT; code++) {
                const np_event *e = np_timeline_find(&t, (np_event_code)code);
                cr_assert_eq(columns[code][i], e ? (int64_t)e->date : NP_BATCH_NAT, "row %zu, %s", i,
                             np_event_code_name((np_event_code)code));
            }
            const np_day_status s = np_timeline_status(&t, on);
            cr_assert_eq(phase[i], (int32_t)s.phase, "row %zu", i);
            cr_assert_eq(left[i], s.days_to_contract_end, "row %zu", i);
            cr_assert_eq(window[i], s.conversion_window_open, "row %zu", i);
            cr_assert_eq(served[i], s.months_served, "row %zu", i);
            cr_assert_eq(promotion[i], s.promotion_possible, "row %zu", i);
        }
        rows += g.count;
        free(days);
        free(phase);
        free(left);
        free(served);
        free(window);
        free(promotion);
        gen_free(&g);
    }
    cr_assert_gt(rows, 1000);
    TS_ASSERT_NO_LEAKS();
}

Test(roster, events_and_status_name_a_bad_row)
{
    const int64_t start[2] = {20000, 20000};
    const int32_t renewal[2] = {36, 99};
    const np_roster_columns c = {2, start, NULL, NULL, renewal, NULL, NULL, NULL, NULL, NULL, 0};
    int64_t a[2], b[2], d[2], e[2], f[2], g[2], h[2], k[2], m[2];
    int64_t *const days[NP_EVENT_COUNT] = {a, b, d, e, f, g, h, k, m};
    np_error err;
    cr_assert_eq(np_roster_events(NULL, &c, days, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "row 1") && strstr(err.message, "renewal_months"), "%s", err.message);
    const np_roster_status_columns out = {NULL, NULL, NULL, NULL, NULL};
    cr_assert_eq(np_roster_status(NULL, &c, 20000, &out, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "row 1"), "%s", err.message);
}
