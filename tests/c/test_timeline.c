/* natopost/timeline.h: np_timeline_build, find, status and the names.
 *
 * Every case of the shared tables tests/data/timeline_cases.json and
 * timeline_errors.json runs as its own test (loaded by test_data.c), and the
 * spec's four worked examples are also written out here by hand, so the spec
 * stays covered whatever happens to the tables. */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "natopost/timeline.h"
#include "support.h"
#include "test_data.h"

static np_date D(int y, int m, int d) { return (np_date)ts_days(ts_ymd_of(y, m, d)); }

static const char *fmt(np_date d, char buf[NP_DATE_ISO_LEN + 1])
{
    np_date_format(d, buf);
    return buf;
}

/* Asserts the exact event set of `t`: `dates[code]` for every code with a
 * nonzero entry in `present`, in code order, and nothing else. */
static void assert_events(const np_timeline *t, const bool present[NP_EVENT_COUNT],
                          const np_date dates[NP_EVENT_COUNT], const char *what)
{
    size_t expected = 0;
    for (int c = 0; c < NP_EVENT_COUNT; c++) {
        const np_event *e = np_timeline_find(t, (np_event_code)c);
        char got[11], want[11];
        if (!present[c]) {
            cr_assert_null(e, "%s: %s must be absent, got %s", what,
                           np_event_code_name((np_event_code)c), e ? fmt(e->date, got) : "");
            continue;
        }
        expected++;
        cr_assert_not_null(e, "%s: %s is missing", what, np_event_code_name((np_event_code)c));
        cr_assert_eq(e->code, (np_event_code)c);
        cr_assert_eq(e->date, dates[c], "%s: %s is %s, expected %s", what,
                     np_event_code_name((np_event_code)c), fmt(e->date, got), fmt(dates[c], want));
    }
    cr_assert_eq(t->event_count, expected, "%s: %zu events, expected %zu", what, t->event_count,
                 expected);
    for (size_t i = 1; i < t->event_count; i++)
        cr_assert_lt(t->events[i - 1].code, t->events[i].code, "%s: events in code order", what);
}

static void assert_notes(const np_timeline *t, const np_note_code *codes, size_t count,
                         const char *what)
{
    cr_assert_eq(t->note_count, count, "%s: %zu notes, expected %zu", what, t->note_count, count);
    for (size_t i = 0; i < count; i++) {
        cr_assert_eq(t->notes[i].code, codes[i], "%s: note %zu is %s, expected %s", what, i,
                     np_note_code_name(t->notes[i].code), np_note_code_name(codes[i]));
        cr_assert_gt(strlen(t->notes[i].text), 10, "%s: note %zu has a text", what, i);
    }
}

static void assert_status(const np_timeline *t, np_date on, np_phase phase, int32_t days,
                          bool window, int months, bool promotion, const char *what)
{
    char buf[11];
    const np_day_status s = np_timeline_status(t, on);
    fmt(on, buf);
    cr_assert_eq(s.on, on);
    cr_assert_eq(s.phase, phase, "%s on %s: phase %s, expected %s", what, buf,
                 np_phase_name(s.phase), np_phase_name(phase));
    cr_assert_eq(s.days_to_contract_end, days, "%s on %s: %d days to the contract end, expected %d",
                 what, buf, s.days_to_contract_end, days);
    cr_assert_eq(s.conversion_window_open, window, "%s on %s: window open", what, buf);
    cr_assert_eq(s.months_served, months, "%s on %s: %d months served, expected %d", what, buf,
                 s.months_served, months);
    cr_assert_eq(s.promotion_possible, promotion, "%s on %s: promotion possible", what, buf);
    cr_assert_eq(s.twin_grade, t->appointment.twin_grade);
}

static np_timeline build_ok(const np_policy *policy, const np_appointment *a)
{
    np_timeline t;
    np_error err;
    const np_status st = np_timeline_build(&t, policy, a, &err);
    cr_assert_eq(st, NP_OK, "np_timeline_build: %s", err.message);
    return t;
}

/* ---- the shared tables ----------------------------------------------------------- */

/* Criterion runs each parameter in a fresh exec of this binary: parameters
 * are indexes into the tables, which every test loads again. */
#define TABLE_MAX 512
static size_t CASE_INDEX[TABLE_MAX];
static size_t ERROR_INDEX[TABLE_MAX];

static size_t fill_indexes(size_t *indexes, size_t count)
{
    /* A table that fails to load still yields one test, which then fails. */
    if (count == 0 || count > TABLE_MAX) count = 1;
    for (size_t i = 0; i < count; i++) indexes[i] = i;
    return count;
}

Test(timeline_data, tables_load)
{
    char why[512];
    td_case *cases;
    td_error_case *errors;
    size_t n_cases, n_errors;
    cr_assert_eq(td_load_cases(&cases, &n_cases, why, sizeof why), 0, "%s", why);
    cr_assert_eq(td_load_errors(&errors, &n_errors, why, sizeof why), 0, "%s", why);
    cr_assert_leq(n_cases, TABLE_MAX, "raise TABLE_MAX");
    cr_assert_leq(n_errors, TABLE_MAX, "raise TABLE_MAX");
    cr_assert_geq(n_cases, 4, "at least the spec's four worked examples");
    for (size_t i = 0; i < 4; i++)
        cr_assert(strncmp(cases[i].name, "spec example", 12) == 0, "case %zu: %s", i, cases[i].name);
    cr_assert_geq(n_errors, 1);
    td_free_cases(cases, n_cases);
    td_free_errors(errors, n_errors);
    TS_ASSERT_NO_LEAKS();
}

ParameterizedTestParameters(timeline_data, cases)
{
    char why[512];
    td_case *cases;
    size_t n = 0;
    if (td_load_cases(&cases, &n, why, sizeof why) == 0) td_free_cases(cases, n);
    return cr_make_param_array(size_t, CASE_INDEX, fill_indexes(CASE_INDEX, n));
}

ParameterizedTest(size_t *index, timeline_data, cases)
{
    char why[512];
    td_case *cases;
    size_t n;
    cr_assert_eq(td_load_cases(&cases, &n, why, sizeof why), 0, "%s", why);
    cr_assert_lt(*index, n);
    const td_case *c = &cases[*index];
    const td_input *in = &c->input;
    char what[TD_TEXT_MAX + 32];
    snprintf(what, sizeof what, "case %zu (%s)", *index, c->name);

    np_appointment a = NP_APPOINTMENT_INIT;
    np_error err;
    cr_assert_eq(np_date_parse(&a.start, in->start, in->start_len, &err), NP_OK, "%s: %s", what,
                 err.message);
    cr_assert_eq(a.start, c->start, "%s: np_date_parse of the start", what);
    if (in->has_kind)
        cr_assert_eq(np_kind_parse(&a.kind, in->kind, &err), NP_OK, "%s: %s", what, err.message);
    a.initial_months = in->initial_months;
    a.renewal_months = in->renewal_months;
    a.max_months = in->max_months;
    a.twin_grade = in->twin_grade;
    a.reduction_months = in->reduction_months;
    a.direct_higher = in->direct_higher;

    const np_timeline t = build_ok(NULL, &a);
    assert_events(&t, c->has_event, c->event_date, what);
    assert_notes(&t, c->notes, c->note_count, what);

    /* the flags, as the expected events imply them */
    const bool renewed = c->has_event[NP_EVENT_RENEWAL_START];
    cr_assert_eq(c->has_event[NP_EVENT_RENEWAL_END], renewed, "%s: table consistency", what);
    cr_assert_eq(t.renewed, renewed, "%s: renewed", what);
    cr_assert_eq(t.has_conversion_window, c->has_event[NP_EVENT_CONVERSION_WINDOW_OPEN],
                 "%s: has_conversion_window", what);
    const bool reachable = c->has_event[NP_EVENT_EARLIEST_PROMOTION] &&
                           c->event_date[NP_EVENT_EARLIEST_PROMOTION] <=
                               c->event_date[NP_EVENT_CONTRACT_END];
    cr_assert_eq(t.promotion_reachable, reachable, "%s: promotion_reachable", what);

    /* the appointment as resolved, and the default policy */
    const np_policy def = NP_POLICY_DEFAULT_INIT;
    cr_assert(np_policy_equal(&t.policy, &def), "%s: default policy", what);
    cr_assert_eq(t.appointment.start, c->start);
    cr_assert_eq(t.appointment.initial_months, in->initial_months == NP_FROM_POLICY ? 36 : in->initial_months);
    cr_assert_eq(t.appointment.renewal_months, in->renewal_months == NP_FROM_POLICY ? 36 : in->renewal_months);
    cr_assert_eq(t.appointment.max_months, in->max_months == NP_FROM_POLICY ? 72 : in->max_months);
    cr_assert_eq(t.appointment.twin_grade, in->twin_grade);
    cr_assert_eq(t.appointment.reduction_months, in->reduction_months);
    cr_assert_eq(t.appointment.direct_higher, in->direct_higher);

    /* event notes: only a seconded renewal and a special promotion carry one */
    for (size_t i = 0; i < t.event_count; i++) {
        const np_event *e = &t.events[i];
        if (e->code == NP_EVENT_RENEWAL_END && t.appointment.kind == NP_KIND_SECONDED)
            cr_assert(e->note && strstr(e->note, "national authority"), "%s: renewal_end note", what);
        else if (e->code == NP_EVENT_EARLIEST_PROMOTION && (in->direct_higher || !reachable))
            cr_assert_not_null(e->note, "%s: earliest_promotion note", what);
        else
            cr_assert_null(e->note, "%s: %s has note \"%s\"", what, np_event_code_name(e->code), e->note);
    }

    for (size_t i = 0; i < c->status_count; i++) {
        const td_status *s = &c->status[i];
        assert_status(&t, s->on, s->phase, s->days_to_contract_end, s->conversion_window_open,
                      s->months_served, s->promotion_possible, what);
    }
    td_free_cases(cases, n);
    TS_ASSERT_NO_LEAKS();
}

ParameterizedTestParameters(timeline_data, errors)
{
    char why[512];
    td_error_case *cases;
    size_t n = 0;
    if (td_load_errors(&cases, &n, why, sizeof why) == 0) td_free_errors(cases, n);
    return cr_make_param_array(size_t, ERROR_INDEX, fill_indexes(ERROR_INDEX, n));
}

/* "YYYY-MM-DD" in shape (digits and dashes), whether or not it is a real date. */
static bool iso_shaped(const char *text, size_t len)
{
    if (len != 10) return false;
    for (size_t i = 0; i < 10; i++) {
        const bool dash = i == 4 || i == 7;
        if (dash ? text[i] != '-' : (text[i] < '0' || text[i] > '9')) return false;
    }
    return true;
}

ParameterizedTest(size_t *index, timeline_data, errors)
{
    char why[512];
    td_error_case *cases;
    size_t n;
    cr_assert_eq(td_load_errors(&cases, &n, why, sizeof why), 0, "%s", why);
    cr_assert_lt(*index, n);
    const td_error_case *c = &cases[*index];
    const td_input *in = &c->input;

    np_appointment a = NP_APPOINTMENT_INIT;
    np_error err;
    np_status expected;
    const char *stage;
    np_status st = np_date_parse(&a.start, in->start, in->start_len, &err);
    if (st != NP_OK) {
        stage = "np_date_parse";
        /* well-formed but not a date: EINVAL; malformed: EPARSE */
        expected = iso_shaped(in->start, in->start_len) ? NP_EINVAL : NP_EPARSE;
    } else if (in->has_kind && (st = np_kind_parse(&a.kind, in->kind, &err)) != NP_OK) {
        stage = "np_kind_parse";
        expected = NP_EINVAL;
    } else {
        stage = "np_timeline_build";
        expected = NP_EINVAL;
        a.initial_months = in->initial_months;
        a.renewal_months = in->renewal_months;
        a.max_months = in->max_months;
        a.twin_grade = in->twin_grade;
        a.reduction_months = in->reduction_months;
        a.direct_higher = in->direct_higher;
        np_timeline t;
        st = np_timeline_build(&t, NULL, &a, &err);
    }
    cr_assert_neq(st, NP_OK, "error case %zu (start \"%s\") did not fail", *index, in->start);
    cr_assert_eq(st, expected, "error case %zu: %s returned %d, expected %d (%s)", *index, stage,
                 st, expected, err.message);
    cr_assert_eq(err.code, st);
    for (size_t k = 0; k < c->fragment_count; k++)
        cr_assert_not_null(strstr(err.message, c->fragments[k]),
                           "error case %zu: %s message \"%s\" lacks \"%s\"", *index, stage,
                           err.message, c->fragments[k]);
    td_free_errors(cases, n);
    TS_ASSERT_NO_LEAKS();
}

/* ---- the spec's worked examples, by hand ------------------------------------------- */

Test(timeline_spec, example_1_external_twin_graded)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2025, 9, 1);
    a.kind = NP_KIND_EXTERNAL;
    a.twin_grade = true;
    const np_timeline t = build_ok(NULL, &a);
    const bool present[NP_EVENT_COUNT] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    np_date dates[NP_EVENT_COUNT];
    dates[NP_EVENT_ENTRY_ON_DUTY] = D(2025, 9, 1);
    dates[NP_EVENT_INITIAL_CONTRACT_END] = D(2028, 8, 31);
    dates[NP_EVENT_RENEWAL_START] = D(2028, 9, 1);
    dates[NP_EVENT_RENEWAL_END] = D(2031, 8, 31);
    dates[NP_EVENT_CONVERSION_WINDOW_OPEN] = D(2028, 9, 1);
    dates[NP_EVENT_CONVERSION_WINDOW_CLOSE] = D(2030, 8, 31);
    dates[NP_EVENT_CONTRACT_END] = D(2031, 8, 31);
    dates[NP_EVENT_MAX_SERVICE_END] = D(2031, 8, 31);
    dates[NP_EVENT_EARLIEST_PROMOTION] = D(2028, 9, 1);
    assert_events(&t, present, dates, "example 1");
    assert_notes(&t, NULL, 0, "example 1");
    cr_assert(t.renewed);
    cr_assert(t.has_conversion_window);
    cr_assert(t.promotion_reachable);
    /* Status on 2030-08-31: renewal, 365 days to contract end, window open, 60 months served. */
    assert_status(&t, D(2030, 8, 31), NP_PHASE_RENEWAL, 365, true, 60, true, "example 1");
    assert_status(&t, D(2030, 9, 1), NP_PHASE_RENEWAL, 364, false, 60, true, "example 1");
    assert_status(&t, D(2028, 8, 31), NP_PHASE_INITIAL, 1095, false, 36, false, "example 1");
}

Test(timeline_spec, example_2_seconded_reduction_leap_day)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2024, 2, 29);
    a.kind = NP_KIND_SECONDED;
    a.twin_grade = true;
    a.reduction_months = 24;
    const np_timeline t = build_ok(NULL, &a);
    bool present[NP_EVENT_COUNT] = {0};
    np_date dates[NP_EVENT_COUNT] = {0};
#define EXPECT(code, y, m, d) (present[code] = true, dates[code] = D(y, m, d))
    EXPECT(NP_EVENT_ENTRY_ON_DUTY, 2024, 2, 29);
    EXPECT(NP_EVENT_INITIAL_CONTRACT_END, 2027, 2, 28);
    EXPECT(NP_EVENT_RENEWAL_START, 2027, 3, 1);
    EXPECT(NP_EVENT_RENEWAL_END, 2030, 2, 28);
    EXPECT(NP_EVENT_CONTRACT_END, 2030, 2, 28);
    EXPECT(NP_EVENT_MAX_SERVICE_END, 2030, 2, 28);
    EXPECT(NP_EVENT_EARLIEST_PROMOTION, 2025, 3, 1);
#undef EXPECT
    assert_events(&t, present, dates, "example 2");
    const np_note_code notes[] = {NP_NOTE_SECONDED_RENEWAL, NP_NOTE_NO_CONVERSION_SECONDED};
    assert_notes(&t, notes, 2, "example 2");
    /* (national agreement) */
    cr_assert_str_eq(np_timeline_find(&t, NP_EVENT_RENEWAL_END)->note,
                     "subject to the agreement of the national authority");
    cr_assert_not(t.has_conversion_window);
    cr_assert(t.renewed);
    cr_assert(t.promotion_reachable);
}

Test(timeline_spec, example_3_renewal_18_months)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2026, 1, 31);
    a.renewal_months = 18;
    const np_timeline t = build_ok(NULL, &a);
    bool present[NP_EVENT_COUNT] = {0};
    np_date dates[NP_EVENT_COUNT] = {0};
#define EXPECT(code, y, m, d) (present[code] = true, dates[code] = D(y, m, d))
    EXPECT(NP_EVENT_ENTRY_ON_DUTY, 2026, 1, 31);
    EXPECT(NP_EVENT_INITIAL_CONTRACT_END, 2029, 1, 30);
    EXPECT(NP_EVENT_RENEWAL_START, 2029, 1, 31);
    EXPECT(NP_EVENT_RENEWAL_END, 2030, 7, 30);
    EXPECT(NP_EVENT_CONVERSION_WINDOW_OPEN, 2029, 1, 31);
    EXPECT(NP_EVENT_CONVERSION_WINDOW_CLOSE, 2029, 7, 30);
    EXPECT(NP_EVENT_CONTRACT_END, 2030, 7, 30);
    EXPECT(NP_EVENT_MAX_SERVICE_END, 2032, 1, 30);
#undef EXPECT
    assert_events(&t, present, dates, "example 3");
    assert_notes(&t, NULL, 0, "example 3");
    cr_assert(t.has_conversion_window);
    cr_assert_not(t.promotion_reachable, "not twin-graded");
}

Test(timeline_spec, example_4_empty_conversion_window)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2026, 3, 31);
    a.renewal_months = 12;
    const np_timeline t = build_ok(NULL, &a);
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_RENEWAL_END)->date, D(2030, 3, 30));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_CONTRACT_END)->date, D(2030, 3, 30));
    cr_assert_null(np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_OPEN));
    cr_assert_null(np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_CLOSE));
    cr_assert_not(t.has_conversion_window);
    const np_note_code notes[] = {NP_NOTE_CONVERSION_WINDOW_EMPTY};
    assert_notes(&t, notes, 1, "example 4");
    /* "the window (2029-03-31 to 2029-03-30) is empty, so there is none" */
    cr_assert_not_null(strstr(t.notes[0].text, "2029-03-31 to 2029-03-30"), "%s", t.notes[0].text);
}

/* ---- further rules ---------------------------------------------------------------- */

Test(timeline_rules, seconded_conversion_allowed_by_policy)
{
    np_policy p = NP_POLICY_DEFAULT_INIT;
    p.seconded_conversion = true;
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2025, 9, 1);
    a.kind = NP_KIND_SECONDED;
    const np_timeline t = build_ok(&p, &a);
    cr_assert(t.has_conversion_window);
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_OPEN)->date, D(2028, 9, 1));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_CLOSE)->date, D(2030, 8, 31));
    const np_note_code notes[] = {NP_NOTE_SECONDED_RENEWAL};
    assert_notes(&t, notes, 1, "seconded, conversion allowed");
}

Test(timeline_rules, seconded_not_renewed_has_no_seconded_notes)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2025, 9, 1);
    a.kind = NP_KIND_SECONDED;
    a.renewal_months = 0;
    const np_timeline t = build_ok(NULL, &a);
    cr_assert_not(t.renewed);
    assert_notes(&t, NULL, 0, "seconded, not renewed");
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_CONTRACT_END)->date, D(2028, 8, 31));
    assert_status(&t, D(2028, 9, 1), NP_PHASE_ENDED, -1, false, 36, false, "seconded, not renewed");
}

Test(timeline_rules, serving_twin_graded_waits_36_months)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2025, 1, 31);
    a.kind = NP_KIND_SERVING;
    a.twin_grade = true;
    const np_timeline t = build_ok(NULL, &a);
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_EARLIEST_PROMOTION)->date, D(2028, 1, 31));
    cr_assert_null(np_timeline_find(&t, NP_EVENT_EARLIEST_PROMOTION)->note);
    cr_assert(t.has_conversion_window, "serving staff are offered conversion");
    assert_status(&t, D(2028, 1, 29), NP_PHASE_INITIAL, D(2031, 1, 30) - D(2028, 1, 29), false, 35,
                  false, "serving");
    assert_status(&t, D(2028, 1, 30), NP_PHASE_INITIAL, D(2031, 1, 30) - D(2028, 1, 30), false, 36,
                  false, "serving");
    assert_status(&t, D(2028, 1, 31), NP_PHASE_RENEWAL, D(2031, 1, 30) - D(2028, 1, 31), true, 36,
                  true, "serving");
}

Test(timeline_rules, policy_and_overrides)
{
    /* a policy of 24 + 24 of at most 60 months, promotion after 30 */
    const np_policy p = {24, 24, 60, 30, 6, 3, false};
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2025, 5, 31);
    a.twin_grade = true;
    a.reduction_months = 6;
    np_timeline t = build_ok(&p, &a);
    cr_assert_eq(t.appointment.initial_months, 24);
    cr_assert_eq(t.appointment.renewal_months, 24);
    cr_assert_eq(t.appointment.max_months, 60);
    cr_assert(np_policy_equal(&t.policy, &p));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_INITIAL_CONTRACT_END)->date, D(2027, 5, 30));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_RENEWAL_START)->date, D(2027, 5, 31));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_CONTRACT_END)->date, D(2029, 5, 30));
    /* 3 months before 2029-05-30 */
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_CLOSE)->date, D(2029, 2, 28));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_MAX_SERVICE_END)->date, D(2030, 5, 30));
    /* 30 - 6 = 24-month anniversary */
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_EARLIEST_PROMOTION)->date, D(2027, 5, 31));

    /* the appointment overrides the policy */
    a.initial_months = 12;
    a.renewal_months = 6;
    a.max_months = 18;
    t = build_ok(&p, &a);
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_INITIAL_CONTRACT_END)->date, D(2026, 5, 30));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_RENEWAL_START)->date, D(2026, 5, 31));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_CONTRACT_END)->date, D(2026, 11, 30));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_MAX_SERVICE_END)->date, D(2026, 11, 30));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_CLOSE)->date, D(2026, 8, 30));
    /* promotion (2027-05-31) after the contract end: not reachable */
    cr_assert_not(t.promotion_reachable);
    const np_note_code notes[] = {NP_NOTE_PROMOTION_NOT_REACHABLE};
    assert_notes(&t, notes, 1, "overrides");
    cr_assert_not_null(strstr(t.notes[0].text, "2027-05-31"), "%s", t.notes[0].text);
    cr_assert_not_null(strstr(t.notes[0].text, "2026-11-30"), "%s", t.notes[0].text);
}

Test(timeline_rules, conversion_notice_longer_than_the_service)
{
    /* A valid policy (every count <= 1200) whose notice period reaches back
     * before year 1: the window closes before it opens, so it is empty (spec:
     * "conversion_window_close ... only if on or after the open date"). It is
     * not an event "after 9999-12-31". */
    np_policy p = NP_POLICY_DEFAULT_INIT;
    p.conversion_notice_months = 1200;
    np_error err;
    cr_assert_eq(np_policy_validate(&p, &err), NP_OK, "%s", err.message);
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(1, 1, 1);
    np_timeline t;
    const np_status st = np_timeline_build(&t, &p, &a, &err);
    cr_assert_eq(st, NP_OK, "np_timeline_build: %s", err.message);
    cr_assert_not(t.has_conversion_window);
    cr_assert_null(np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_CLOSE));
    const np_note_code notes[] = {NP_NOTE_CONVERSION_WINDOW_EMPTY};
    assert_notes(&t, notes, 1, "notice 1200 months");
}

Test(timeline_rules, empty_window_note_before_year_1)
{
    /* 12 + 12 months from 0001-01-01, notice 30 months: the renewal runs
     * 0002-01-01..0002-12-31 and the window would close on 0000-06-30, before
     * it opens and before year 1. The note must not name a closing date after
     * the opening (np_date_months_before_clamped fails here and its output is
     * used anyway). */
    const np_policy p = {12, 12, 24, 36, 24, 30, false};
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(1, 1, 1);
    const np_timeline t = build_ok(&p, &a);
    cr_assert_not(t.has_conversion_window);
    const np_note_code notes[] = {NP_NOTE_CONVERSION_WINDOW_EMPTY};
    assert_notes(&t, notes, 1, "notice 30 months");
    const char *text = t.notes[0].text;
    cr_assert_not_null(strstr(text, "0002-01-01"), "%s", text);
    const char *to = strstr(text, " to ");
    np_date close;
    if (to && strlen(to) >= 14) {
        char date[11];
        memcpy(date, to + 4, 10);
        date[10] = '\0';
        if (td_parse_date(date, &close))
            cr_assert_lt(close, D(2, 1, 1), "note names a closing date after the opening: %s", text);
    }
}

Test(timeline_build, errors_outside_the_table)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2025, 9, 1);
    np_timeline t;
    np_error err;

    np_policy bad = NP_POLICY_DEFAULT_INIT;
    bad.renewal_months = 48;
    cr_assert_eq(np_timeline_build(&t, &bad, &a, &err), NP_EINVAL);
    cr_assert_str_eq(err.message,
                     "policy: renewal_months (48) exceeds max_months - initial_months (36)");

    a.kind = (np_kind)7;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "kind 7 is not one of external, seconded, serving");
    a.kind = (np_kind)-1;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_EINVAL);
    a.kind = NP_KIND_EXTERNAL;

    a.start = NP_DATE_MAX + 1;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "start: day number 2932897 is outside 0001-01-01..9999-12-31");
    a.start = INT32_MIN;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "start"), "%s", err.message);
    cr_assert_eq(np_timeline_build(&t, NULL, &a, NULL), NP_EINVAL, "err may be NULL");

    /* an override that the policy's max cannot hold names max_months */
    a.start = D(2025, 9, 1);
    a.initial_months = 80;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "max_months"), "%s", err.message);
    cr_assert_not_null(strstr(err.message, "the policy's value"), "%s", err.message);
    a.initial_months = NP_POLICY_MONTHS_MAX + 1;
    a.max_months = NP_POLICY_MONTHS_MAX + 1;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "initial_months"), "%s", err.message);

    /* the last valid and first invalid start for the default 72 months */
    a = (np_appointment)NP_APPOINTMENT_INIT;
    a.start = D(9994, 1, 1);
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_OK, "%s", err.message);
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_CONTRACT_END)->date, NP_DATE_MAX);
    a.start = D(9994, 1, 2);
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "renewal_end"), "first event out of range: %s", err.message);
}

/* ---- names, find -------------------------------------------------------------------- */

/* np_timeline_build keeps the last resolved parameters (per thread): switching
 * policies and appointments back and forth, with failures in between, must
 * give what np_timeline_batch (which resolves every call) gives. */
Test(timeline_build, alternating_parameters_and_failures)
{
    np_policy longer = np_policy_default();
    longer.initial_months = 24;
    longer.conversion_notice_months = 6;
    np_policy same_as_default = np_policy_default();
    const np_policy *policies[] = {NULL, &longer, &same_as_default, &longer, NULL};
    np_appointment kinds[3] = {NP_APPOINTMENT_INIT, NP_APPOINTMENT_INIT, NP_APPOINTMENT_INIT};
    kinds[1].kind = NP_KIND_SECONDED;
    kinds[1].twin_grade = true;
    kinds[2].kind = NP_KIND_SERVING;
    kinds[2].renewal_months = 0;
    np_appointment broken = NP_APPOINTMENT_INIT;
    broken.renewal_months = 99;
    np_error err;
    int checked = 0, round = 0;
    /* consecutive calls differ in the start only, in the policy only, or in
     * the appointment only */
    for (int k = 0; k < 3; k++) {
        for (int p = 0; p < 5; p++) {
            for (int s = 0; s < 3; s++, round++) {
                const np_policy *policy = policies[p];
                np_appointment a = kinds[k];
                a.start = D(2000 + round, 1 + round % 12, 28 + round % 4);
                np_timeline t;
                if (round % 4 == 3) {
                    broken.start = a.start;
                    cr_assert_eq(np_timeline_build(&t, policy, &broken, &err), NP_EINVAL);
                    cr_assert_not_null(strstr(err.message, "renewal_months"), "%s", err.message);
                }
                cr_assert_eq(np_timeline_build(&t, policy, &a, &err), NP_OK, "round %d: %s", round,
                             err.message);
                cr_assert_eq(t.appointment.start, a.start, "round %d", round);
                cr_assert_eq(t.appointment.kind, a.kind, "round %d", round);
                cr_assert_eq(t.policy.initial_months, policy ? policy->initial_months : 36, "round %d", round);
                for (int c = 0; c < NP_EVENT_COUNT; c++) {
                    const int64_t start = a.start;
                    int64_t want;
                    cr_assert_eq(np_timeline_batch(policy, &a, (np_event_code)c, &start, &want, 1, &err),
                                 NP_OK);
                    const np_event *e = np_timeline_find(&t, (np_event_code)c);
                    cr_assert_eq(e ? (int64_t)e->date : NP_BATCH_NAT, want, "round %d, %s", round,
                                 np_event_code_name((np_event_code)c));
                    checked++;
                }
            }
        }
    }
    cr_assert_eq(checked, 45 * NP_EVENT_COUNT);
}

Test(timeline_names, event_codes_and_labels)
{
    static const struct {
        np_event_code code;
        const char *name, *label;
    } events[] = {
        {NP_EVENT_ENTRY_ON_DUTY, "entry_on_duty", "Entry on duty"},
        {NP_EVENT_INITIAL_CONTRACT_END, "initial_contract_end", "End of the initial contract"},
        {NP_EVENT_RENEWAL_START, "renewal_start", "Start of the renewal"},
        {NP_EVENT_RENEWAL_END, "renewal_end", "End of the renewal"},
        {NP_EVENT_CONVERSION_WINDOW_OPEN, "conversion_window_open",
         "Conversion to an indefinite contract: window opens"},
        {NP_EVENT_CONVERSION_WINDOW_CLOSE, "conversion_window_close",
         "Conversion to an indefinite contract: last day to apply"},
        {NP_EVENT_CONTRACT_END, "contract_end", "Contract end"},
        {NP_EVENT_MAX_SERVICE_END, "max_service_end", "End of the maximum period of service"},
        {NP_EVENT_EARLIEST_PROMOTION, "earliest_promotion", "Earliest promotion to the higher grade"},
    };
    cr_assert_eq(sizeof events / sizeof events[0], NP_EVENT_COUNT);
    for (size_t i = 0; i < NP_EVENT_COUNT; i++) {
        cr_assert_eq(events[i].code, (np_event_code)i, "the spec's table order");
        cr_assert_str_eq(np_event_code_name(events[i].code), events[i].name);
        cr_assert_str_eq(np_event_label(events[i].code), events[i].label);
        np_event_code parsed = NP_EVENT_COUNT;
        np_error err;
        cr_assert_eq(np_event_code_parse(&parsed, events[i].name, &err), NP_OK, "%s", err.message);
        cr_assert_eq(parsed, events[i].code);
        cr_assert_eq(td_event_code(events[i].name), (int)events[i].code, "the loader's table agrees");
    }
    cr_assert_str_eq(np_event_code_name(NP_EVENT_COUNT), "unknown");
    cr_assert_str_eq(np_event_label((np_event_code)-1), "unknown");

    static const char *const bad[] = {"", "Contract_end", "contract_end ", "contract-end",
                                      "renewal", "entry_on_duty\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        np_event_code parsed = NP_EVENT_COUNT;
        np_error err;
        cr_assert_eq(np_event_code_parse(&parsed, bad[i], &err), NP_EINVAL, "\"%s\"", bad[i]);
        cr_assert_eq(parsed, NP_EVENT_COUNT, "out is left alone");
        cr_assert_not_null(strstr(err.message, "unknown event code"), "%s", err.message);
        for (size_t k = 0; k < NP_EVENT_COUNT; k++)
            cr_assert_not_null(strstr(err.message, events[k].name), "lists %s: %s", events[k].name,
                               err.message);
    }
    np_error err;
    np_event_code parsed;
    cr_assert_eq(np_event_code_parse(&parsed, "promotion", &err), NP_EINVAL);
    cr_assert(strncmp(err.message, "unknown event code \"promotion\" (known: ", 39) == 0, "%s",
              err.message);
}

Test(timeline_names, kinds_phases_notes)
{
    static const char *const kinds[] = {"external", "seconded", "serving"};
    for (int i = 0; i < 3; i++) {
        cr_assert_str_eq(np_kind_name((np_kind)i), kinds[i]);
        np_kind k = (np_kind)99;
        cr_assert_eq(np_kind_parse(&k, kinds[i], NULL), NP_OK);
        cr_assert_eq(k, (np_kind)i);
    }
    cr_assert_eq(NP_KIND_EXTERNAL, 0);
    cr_assert_eq(NP_KIND_SECONDED, 1);
    cr_assert_eq(NP_KIND_SERVING, 2);
    cr_assert_str_eq(np_kind_name((np_kind)3), "unknown");
    static const char *const bad[] = {"External", "", "contractor", "serving ", "extern"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        np_kind k = (np_kind)99;
        np_error err;
        cr_assert_eq(np_kind_parse(&k, bad[i], &err), NP_EINVAL, "\"%s\"", bad[i]);
        cr_assert_eq(k, (np_kind)99, "out is left alone");
    }
    np_kind k;
    np_error err;
    cr_assert_eq(np_kind_parse(&k, "contractor", &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "kind \"contractor\" is not one of external, seconded, serving");

    static const char *const phases[] = {"not_started", "initial", "renewal", "ended"};
    for (int i = 0; i < 4; i++) cr_assert_str_eq(np_phase_name((np_phase)i), phases[i]);
    cr_assert_str_eq(np_phase_name((np_phase)4), "unknown");

    static const char *const notes[] = {"seconded_renewal", "promotion_not_reachable",
                                        "conversion_window_empty", "no_conversion_seconded"};
    for (int i = 0; i < NP_NOTE_COUNT; i++)
        cr_assert_str_eq(np_note_code_name((np_note_code)i), notes[i]);
    cr_assert_str_eq(np_note_code_name(NP_NOTE_COUNT), "unknown");
}

Test(timeline_find, present_absent_and_pointer)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2025, 1, 15);
    a.renewal_months = 0;
    const np_timeline t = build_ok(NULL, &a);
    /* entry, initial end, contract end, max service end */
    cr_assert_eq(t.event_count, 4);
    const np_event *e = np_timeline_find(&t, NP_EVENT_CONTRACT_END);
    cr_assert_not_null(e);
    cr_assert(e >= t.events && e < t.events + t.event_count, "points into the timeline");
    cr_assert_eq(e->code, NP_EVENT_CONTRACT_END);
    cr_assert_eq(e->date, D(2028, 1, 14));
    cr_assert_eq(np_timeline_find(&t, NP_EVENT_ENTRY_ON_DUTY), &t.events[0]);
    cr_assert_null(np_timeline_find(&t, NP_EVENT_RENEWAL_START));
    cr_assert_null(np_timeline_find(&t, NP_EVENT_RENEWAL_END));
    cr_assert_null(np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_OPEN));
    cr_assert_null(np_timeline_find(&t, NP_EVENT_CONVERSION_WINDOW_CLOSE));
    cr_assert_null(np_timeline_find(&t, NP_EVENT_EARLIEST_PROMOTION));
    cr_assert_null(np_timeline_find(&t, NP_EVENT_COUNT));
    cr_assert_null(np_timeline_find(&t, (np_event_code)-1));
}
