/* Properties of np_timeline_build, np_timeline_status and np_timeline_batch
 * over many generated appointments: every day of 2000..2040, random starts
 * over 0001..9990 (fixed-seed PRNG, bounded loops) and random parameters.
 *
 * Each timeline is compared with an independent naive oracle of the spec's
 * event table (support.h month arithmetic on year/month/day), and the
 * invariants the spec implies are asserted on their own as well. Failures are
 * counted and the first one is reported with its inputs. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/timeline.h"
#include "support.h"

/* ---- generated appointments --------------------------------------------------- */

typedef struct gen {
    ts_ymd start;
    np_policy policy;
    np_appointment a; /* every month count given explicitly */
} gen;

static void describe(const gen *g, char *buf, size_t size)
{
    snprintf(buf, size,
             "start %04d-%02d-%02d %s initial %d renewal %d max %d twin %d reduction %d direct %d "
             "(policy notice %d, seconded_conversion %d)",
             (int)g->start.y, g->start.m, g->start.d, np_kind_name(g->a.kind), g->a.initial_months,
             g->a.renewal_months, g->a.max_months, g->a.twin_grade, g->a.reduction_months,
             g->a.direct_higher, g->policy.conversion_notice_months, g->policy.seconded_conversion);
}

/* Random parameters within the spec's ranges: initial 1..48, max up to 96,
 * renewal 0..min(36, max - initial), reduction 0..24 (twin-graded external
 * and seconded), direct (twin-graded serving). One policy in four varies the
 * conversion notice or allows seconded conversion. */
static gen random_gen(ts_rng *r, ts_ymd start)
{
    gen g;
    g.start = start;
    g.policy = np_policy_default();
    if (ts_rng_range(r, 0, 3) == 0) {
        static const int notices[] = {0, 1, 6, 24};
        g.policy.conversion_notice_months = notices[ts_rng_range(r, 0, 3)];
        g.policy.seconded_conversion = ts_rng_range(r, 0, 1);
    }
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = (np_date)ts_days(start);
    a.kind = (np_kind)ts_rng_range(r, 0, 2);
    a.initial_months = (int)ts_rng_range(r, 1, 48);
    a.max_months = (int)ts_rng_range(r, a.initial_months, 96);
    const int renewal_max = a.max_months - a.initial_months < 36 ? a.max_months - a.initial_months : 36;
    /* renewed three times in four */
    a.renewal_months = ts_rng_range(r, 0, 3) == 0 ? 0 : (int)ts_rng_range(r, 0, renewal_max);
    a.twin_grade = ts_rng_range(r, 0, 1);
    if (a.twin_grade && a.kind != NP_KIND_SERVING) a.reduction_months = (int)ts_rng_range(r, 0, 24);
    if (a.twin_grade && a.kind == NP_KIND_SERVING) a.direct_higher = ts_rng_range(r, 0, 1);
    g.a = a;
    return g;
}

/* The defaults of the spec for one kind (36 + 36 of 72). */
static gen default_gen(ts_ymd start, np_kind kind, bool twin)
{
    gen g;
    g.start = start;
    g.policy = np_policy_default();
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = (np_date)ts_days(start);
    a.kind = kind;
    a.initial_months = 36;
    a.renewal_months = 36;
    a.max_months = 72;
    a.twin_grade = twin;
    g.a = a;
    return g;
}

/* ---- the oracle ---------------------------------------------------------------- */

typedef struct oracle_result {
    bool has[NP_EVENT_COUNT];
    int64_t date[NP_EVENT_COUNT];
    bool notes[NP_NOTE_COUNT];
    bool renewed, window, reachable;
    int64_t window_close; /* the clamped close even when the window is empty (may precede year 1) */
} oracle_result;

static oracle_result oracle(const gen *g)
{
    const np_appointment *a = &g->a;
    const ts_ymd s = g->start;
    oracle_result e;
    memset(&e, 0, sizeof e);
#define SET(code, ymd) (e.has[code] = true, e.date[code] = ts_days(ymd))
    SET(NP_EVENT_ENTRY_ON_DUTY, s);
    SET(NP_EVENT_INITIAL_CONTRACT_END, ts_period_end(s, a->initial_months));
    e.renewed = a->renewal_months > 0;
    const ts_ymd end = ts_period_end(s, a->initial_months + a->renewal_months);
    SET(NP_EVENT_CONTRACT_END, end);
    SET(NP_EVENT_MAX_SERVICE_END, ts_period_end(s, a->max_months));
    if (e.renewed) {
        SET(NP_EVENT_RENEWAL_START, ts_anniversary(s, a->initial_months));
        SET(NP_EVENT_RENEWAL_END, end);
        const bool offered = a->kind != NP_KIND_SECONDED || g->policy.seconded_conversion;
        const ts_ymd close = ts_months_before_clamped(end, g->policy.conversion_notice_months);
        const ts_ymd open = ts_anniversary(s, a->initial_months);
        e.window_close = close.y >= 1 ? ts_days(close) : INT64_MIN;
        if (offered && close.y >= 1 && ts_ymd_cmp(close, open) >= 0) {
            e.window = true;
            SET(NP_EVENT_CONVERSION_WINDOW_OPEN, open);
            SET(NP_EVENT_CONVERSION_WINDOW_CLOSE, close);
        }
        e.notes[NP_NOTE_SECONDED_RENEWAL] = a->kind == NP_KIND_SECONDED;
        e.notes[NP_NOTE_CONVERSION_WINDOW_EMPTY] = offered && !e.window;
        e.notes[NP_NOTE_NO_CONVERSION_SECONDED] =
            a->kind == NP_KIND_SECONDED && !g->policy.seconded_conversion;
    }
    if (a->twin_grade) {
        SET(NP_EVENT_EARLIEST_PROMOTION,
            a->direct_higher ? s : ts_anniversary(s, 36 - a->reduction_months));
        e.reachable = e.date[NP_EVENT_EARLIEST_PROMOTION] <= e.date[NP_EVENT_CONTRACT_END];
        e.notes[NP_NOTE_PROMOTION_NOT_REACHABLE] = !a->direct_higher && !e.reachable;
    }
#undef SET
    return e;
}

/* ---- checks ----------------------------------------------------------------------- */

typedef struct tally {
    int64_t checked, failed;
    char first[600];
} tally;

static void record(tally *t, const gen *g, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void record(tally *t, const gen *g, const char *fmt, ...)
{
    if (t->failed++ > 0) return;
    char what[300], inputs[280];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    describe(g, inputs, sizeof inputs);
    snprintf(t->first, sizeof t->first, "%s; %s", what, inputs);
}

static void assert_tally(const tally *t, int64_t at_least)
{
    cr_assert_eq(t->failed, 0, "%" PRId64 " of %" PRId64 " failed; first: %s", t->failed,
                 t->checked, t->first);
    cr_assert_geq(t->checked, at_least, "only %" PRId64 " checked", t->checked);
}

static const np_event *find(const np_timeline *t, np_event_code c) { return np_timeline_find(t, c); }

/* Builds g's timeline and checks it against the oracle and the invariants.
 * Returns false (and records why) on any difference. */
static bool check_timeline(tally *tl, const gen *g, np_timeline *out)
{
    tl->checked++;
    np_error err;
    np_timeline t;
    if (np_timeline_build(&t, &g->policy, &g->a, &err) != NP_OK) {
        record(tl, g, "build failed: %s", err.message);
        return false;
    }
    if (out) *out = t;
    const oracle_result e = oracle(g);
    const int64_t start = ts_days(g->start);

    /* exactly the oracle's events, in code order */
    size_t n = 0;
    for (int c = 0; c < NP_EVENT_COUNT; c++) {
        const np_event *ev = find(&t, (np_event_code)c);
        if ((ev != NULL) != e.has[c]) {
            record(tl, g, "%s is %s", np_event_code_name((np_event_code)c), ev ? "present" : "missing");
            return false;
        }
        if (ev && ev->date != e.date[c]) {
            char got[11], want[11];
            np_date_format(ev->date, got);
            np_date_format((np_date)e.date[c], want);
            record(tl, g, "%s is %s, oracle %s", np_event_code_name((np_event_code)c), got, want);
            return false;
        }
        n += e.has[c];
    }
    if (t.event_count != n) {
        record(tl, g, "%zu events, expected %zu", t.event_count, n);
        return false;
    }
    for (size_t i = 1; i < t.event_count; i++)
        if (t.events[i - 1].code >= t.events[i].code) {
            record(tl, g, "events out of code order");
            return false;
        }

    /* the invariants, stated on their own */
    const np_date initial_end = find(&t, NP_EVENT_INITIAL_CONTRACT_END)->date;
    const np_date contract_end = find(&t, NP_EVENT_CONTRACT_END)->date;
    const np_date max_end = find(&t, NP_EVENT_MAX_SERVICE_END)->date;
    const np_event *rs = find(&t, NP_EVENT_RENEWAL_START), *re = find(&t, NP_EVENT_RENEWAL_END);
    const np_event *open = find(&t, NP_EVENT_CONVERSION_WINDOW_OPEN);
    const np_event *close = find(&t, NP_EVENT_CONVERSION_WINDOW_CLOSE);
    const bool renewed = g->a.renewal_months > 0;
    bool ok = find(&t, NP_EVENT_ENTRY_ON_DUTY)->date == start;
    ok = ok && t.renewed == renewed && (rs != NULL) == renewed && (re != NULL) == renewed;
    if (renewed) ok = ok && initial_end + 1 == rs->date && re->date == contract_end;
    else ok = ok && contract_end == initial_end;
    if (!ok) {
        record(tl, g, "renewal invariants");
        return false;
    }
    if ((open != NULL) != (close != NULL) || t.has_conversion_window != (open != NULL)) {
        record(tl, g, "window events and flag disagree");
        return false;
    }
    if (open) {
        const bool offered = g->a.kind != NP_KIND_SECONDED || g->policy.seconded_conversion;
        if (!renewed || !offered || open->date != rs->date || close->date < open->date ||
            close->date > re->date || close->date != e.window_close) {
            record(tl, g, "conversion window outside the renewal or not 'end - notice, clamped'");
            return false;
        }
    }
    if (contract_end > max_end) {
        record(tl, g, "contract_end after max_service_end");
        return false;
    }
    for (size_t i = 0; i < t.event_count; i++)
        if (t.events[i].date < start) {
            record(tl, g, "%s before the start", np_event_code_name(t.events[i].code));
            return false;
        }
    if (t.promotion_reachable != e.reachable) {
        record(tl, g, "promotion_reachable");
        return false;
    }

    /* the notes, as a set without repeats */
    bool seen[NP_NOTE_COUNT] = {false};
    for (size_t i = 0; i < t.note_count; i++) {
        const np_note_code c = t.notes[i].code;
        if ((unsigned)c >= NP_NOTE_COUNT || seen[c] || !e.notes[c] || !t.notes[i].text[0]) {
            record(tl, g, "unexpected or repeated note %s", np_note_code_name(c));
            return false;
        }
        seen[c] = true;
    }
    for (int c = 0; c < NP_NOTE_COUNT; c++)
        if (e.notes[c] && !seen[c]) {
            record(tl, g, "note %s missing", np_note_code_name((np_note_code)c));
            return false;
        }
    /* an empty window's note names the window: its open date, and its close
     * when that is a date at all (it can precede year 1) */
    for (size_t i = 0; i < t.note_count; i++) {
        if (t.notes[i].code != NP_NOTE_CONVERSION_WINDOW_EMPTY) continue;
        char open_text[11], close_text[11], span[40];
        np_date_format(rs->date, open_text);
        const char *text = t.notes[i].text;
        if (e.window_close != INT64_MIN) {
            np_date_format((np_date)e.window_close, close_text);
            snprintf(span, sizeof span, "(%s to %s)", open_text, close_text);
        } else {
            snprintf(span, sizeof span, "(%s to ", open_text);
        }
        const char *at = strstr(text, span);
        if (!at) {
            record(tl, g, "empty-window note \"%s\" lacks \"%s\"", text, span);
            return false;
        }
        if (e.window_close == INT64_MIN && strlen(at) >= 24) {
            /* whatever it says, the close named must precede the open */
            char named[11];
            memcpy(named, at + 15, 10);
            named[10] = '\0';
            if (strcmp(named, open_text) >= 0 && named[4] == '-') {
                record(tl, g, "empty-window note \"%s\" closes after it opens", text);
                return false;
            }
        }
    }

    /* status at the edges: not started, started, months served at the end */
    const np_day_status before = np_timeline_status(&t, (np_date)(start - 1));
    const np_day_status first = np_timeline_status(&t, (np_date)start);
    const np_day_status last = np_timeline_status(&t, contract_end);
    const np_day_status after = np_timeline_status(&t, contract_end + 1);
    const int total = g->a.initial_months + g->a.renewal_months;
    if (before.phase != NP_PHASE_NOT_STARTED || first.phase != NP_PHASE_INITIAL ||
        last.phase != (renewed ? NP_PHASE_RENEWAL : NP_PHASE_INITIAL) ||
        after.phase != NP_PHASE_ENDED || last.months_served != total ||
        after.months_served != total || last.days_to_contract_end != 0 ||
        after.days_to_contract_end != -1) {
        record(tl, g, "status at the edges (months served at the end %d, expected %d)",
               last.months_served, total);
        return false;
    }
    return true;
}

static ts_ymd ymd_of(np_date d)
{
    const np_ymd t = np_date_to_ymd(d);
    return ts_ymd_of(t.year, t.month, t.day);
}

/* ---- build ------------------------------------------------------------------------- */

Test(timeline_properties, every_day_2000_to_2040)
{
    tally tl = {0};
    ts_rng rng = {2000};
    const np_date first = (np_date)ts_days(ts_ymd_of(2000, 1, 1));
    const np_date last = (np_date)ts_days(ts_ymd_of(2040, 12, 31));
    ts_ymd s = ts_ymd_of(2000, 1, 1);
    for (np_date d = first; d <= last; d++, s = ts_next_day(s)) {
        for (int kind = 0; kind < 3; kind++) {
            const gen g = default_gen(s, (np_kind)kind, kind != NP_KIND_SECONDED);
            check_timeline(&tl, &g, NULL);
        }
        for (int k = 0; k < 4; k++) {
            const gen g = random_gen(&rng, s);
            check_timeline(&tl, &g, NULL);
        }
    }
    cr_assert(ts_ymd_eq(s, ts_ymd_of(2041, 1, 1)));
    assert_tally(&tl, 7 * 14976);
}

Test(timeline_properties, random_starts_0001_to_9990)
{
    tally tl = {0};
    ts_rng rng = {9990};
    for (int i = 0; i < 40000; i++) {
        const gen g = random_gen(&rng, ts_rng_date(&rng, 1, 9990));
        check_timeline(&tl, &g, NULL);
    }
    assert_tally(&tl, 40000);
}

Test(timeline_properties, starts_in_years_1_and_2)
{
    /* The lower edge of the range, where "end minus the notice" can fall
     * before year 1 for short contracts: every start of 0001..0002 with short
     * initial and renewal periods, default policy. The window is then empty
     * (the close precedes the open), never an error. */
    tally tl = {0};
    ts_ymd s = ts_ymd_of(1, 1, 1);
    for (int day = 0; day < 730; day++, s = ts_next_day(s)) {
        for (int initial = 1; initial <= 12; initial += 11)
            for (int renewal = 1; renewal <= 12; renewal += 5) {
                gen g = default_gen(s, NP_KIND_EXTERNAL, false);
                g.a.initial_months = initial;
                g.a.renewal_months = renewal;
                g.a.max_months = 72;
                check_timeline(&tl, &g, NULL);
            }
    }
    assert_tally(&tl, 730 * 6);
}

/* The latest event date of g, by the oracle (may be after 9999-12-31). */
static int64_t latest_event(gen g)
{
    const oracle_result e = oracle(&g);
    int64_t latest = INT64_MIN;
    for (int c = 0; c < NP_EVENT_COUNT; c++)
        if (e.has[c] && e.date[c] > latest) latest = e.date[c];
    return latest;
}

static gen with_start(gen g, ts_ymd s)
{
    g.start = s;
    g.a.start = (np_date)ts_days(s);
    return g;
}

Test(timeline_properties, starts_near_9999)
{
    /* The upper edge: the last start whose every event fits must build; the
     * day after must fail naming an event "after 9999-12-31". Event dates do
     * not decrease as the start moves later, so the fitting starts are a
     * prefix: step back by months, then forward by days. */
    tally tl = {0};
    ts_rng rng = {9999};
    for (int i = 0; i < 3000; i++) {
        gen g = random_gen(&rng, ts_ymd_of(2000, 1, 1));
        ts_ymd s = ts_ymd_of(9999, 12, 1);
        while (latest_event(with_start(g, s)) > NP_DATE_MAX) s = ts_months_before_clamped(s, 1);
        while (latest_event(with_start(g, ts_next_day(s))) <= NP_DATE_MAX) s = ts_next_day(s);
        g = with_start(g, s);
        check_timeline(&tl, &g, NULL);
        g = with_start(g, ts_next_day(s));
        np_timeline t;
        np_error err;
        tl.checked++;
        if (np_timeline_build(&t, &g.policy, &g.a, &err) != NP_EINVAL ||
            !strstr(err.message, "out of range (after 9999-12-31)"))
            record(&tl, &g, "the day after the last fitting start: %s", err.message);
    }
    assert_tally(&tl, 6000);
}

Test(timeline_properties, earliest_promotion_monotonic_in_reduction)
{
    /* As the reduction grows 0..24, the earliest promotion never moves later,
     * and it is the (36 - reduction)-month anniversary of the start. */
    tally tl = {0};
    const np_date first = (np_date)ts_days(ts_ymd_of(2000, 1, 1));
    const np_date last = (np_date)ts_days(ts_ymd_of(2040, 12, 31));
    ts_ymd s = ts_ymd_of(2000, 1, 1);
    for (np_date d = first; d <= last; d++, s = ts_next_day(s)) {
        for (int kind = 0; kind < 2; kind++) { /* external, seconded */
            int64_t previous = INT64_MAX;
            for (int r = 0; r <= 24; r++) {
                gen g = default_gen(s, (np_kind)kind, true);
                g.a.reduction_months = r;
                np_timeline t;
                np_error err;
                tl.checked++;
                if (np_timeline_build(&t, NULL, &g.a, &err) != NP_OK) {
                    record(&tl, &g, "build failed: %s", err.message);
                    continue;
                }
                const np_event *p = np_timeline_find(&t, NP_EVENT_EARLIEST_PROMOTION);
                if (!p || p->date > previous || p->date != ts_days(ts_anniversary(s, 36 - r)))
                    record(&tl, &g, "earliest promotion with reduction %d", r);
                else previous = p->date;
            }
        }
    }
    assert_tally(&tl, 14976 * 50);
}

/* ---- status ------------------------------------------------------------------------ */

Test(timeline_properties, status_day_by_day)
{
    /* Every day from a few days before the start to a few after the maximum
     * service end, for random appointments: phases only move forward and
     * change exactly at the start, the renewal start and the day after the
     * contract end; the other fields follow their definitions. */
    tally tl = {0};
    ts_rng rng = {31};
    for (int i = 0; i < 400; i++) {
        const ts_ymd s = i < 200 ? ts_rng_date(&rng, 2000, 2040) : ts_rng_date(&rng, 1, 9990);
        const gen g = random_gen(&rng, s);
        np_timeline t;
        if (!check_timeline(&tl, &g, &t)) continue;
        const oracle_result e = oracle(&g);
        const int64_t start = ts_days(s);
        const int64_t end = e.date[NP_EVENT_CONTRACT_END];
        const int64_t promo = e.has[NP_EVENT_EARLIEST_PROMOTION] ? e.date[NP_EVENT_EARLIEST_PROMOTION] : INT64_MAX;
        int previous_phase = -1;
        /* oracle months served, stepped by hand */
        int64_t months = 0;
        ts_ymd next_end = ts_period_end(s, 1);
        ts_ymd on_ymd = ts_prev_day(ts_prev_day(ts_prev_day(s)));
        const int64_t stop = e.date[NP_EVENT_MAX_SERVICE_END] + 3;
        for (int64_t on = start - 3; on <= stop; on++, on_ymd = ts_next_day(on_ymd)) {
            while (ts_ymd_cmp(next_end, on_ymd) <= 0 && on <= end) next_end = ts_period_end(s, ++months + 1);
            const np_day_status st = np_timeline_status(&t, (np_date)on);
            tl.checked++;
            const np_phase phase = on < start                                          ? NP_PHASE_NOT_STARTED
                                   : on <= e.date[NP_EVENT_INITIAL_CONTRACT_END] ? NP_PHASE_INITIAL
                                   : on <= end                                   ? NP_PHASE_RENEWAL
                                                                                 : NP_PHASE_ENDED;
            const bool window = e.window && e.date[NP_EVENT_CONVERSION_WINDOW_OPEN] <= on &&
                                on <= e.date[NP_EVENT_CONVERSION_WINDOW_CLOSE];
            const bool promotion = promo <= on && on <= end;
            if ((int)st.phase < previous_phase || st.phase != phase || st.on != on ||
                st.days_to_contract_end != end - on || st.conversion_window_open != window ||
                st.months_served != months || st.twin_grade != g.a.twin_grade ||
                st.promotion_possible != promotion) {
                record(&tl, &g, "status on day %+" PRId64 ": phase %s (expected %s), %d days, window %d, %d months (expected %" PRId64 "), promotion %d",
                       on - start, np_phase_name(st.phase), np_phase_name(phase),
                       st.days_to_contract_end, st.conversion_window_open, st.months_served,
                       months, st.promotion_possible);
                break;
            }
            previous_phase = (int)st.phase;
        }
    }
    assert_tally(&tl, 400 * 40);
}

/* ---- batch ------------------------------------------------------------------------- */

/* Templates covering every kind of event rule: defaults, twin-graded with a
 * reduction, seconded, serving direct, not renewed, an empty window (renewal
 * 12 from the end of a month), custom periods. */
static np_appointment batch_template(int i)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    switch (i) {
    case 0: break;
    case 1: a.twin_grade = true; a.reduction_months = 24; break;
    case 2: a.kind = NP_KIND_SECONDED; a.twin_grade = true; a.reduction_months = 6; break;
    case 3: a.kind = NP_KIND_SERVING; a.twin_grade = true; a.direct_higher = true; break;
    case 4: a.renewal_months = 0; a.twin_grade = true; break;
    case 5: a.renewal_months = 12; break;
    case 6: a.initial_months = 1; a.renewal_months = 13; a.max_months = 96; a.twin_grade = true; break;
    case 7: a.initial_months = 48; a.renewal_months = 18; a.max_months = 66; a.kind = NP_KIND_SERVING; break;
    }
    return a;
}
#define BATCH_TEMPLATES 8

Test(timeline_properties, batch_equals_build)
{
    /* every day of 2000..2040, then random starts of 0001..9990, with NaT
     * sprinkled in */
    const np_date first = (np_date)ts_days(ts_ymd_of(2000, 1, 1));
    const size_t n_days = 14976, n_random = 6000, count = n_days + n_random;
    int64_t *starts = malloc(count * sizeof *starts);
    int64_t *out = malloc(count * sizeof *out);
    int64_t (*built)[NP_EVENT_COUNT] = malloc(count * sizeof *built);
    cr_assert(starts && out && built);
    ts_rng rng = {77};
    for (size_t i = 0; i < count; i++) {
        starts[i] = i < n_days ? first + (int64_t)i : ts_days(ts_rng_date(&rng, 3, 9990));
        if (i % 97 == 13) starts[i] = NP_BATCH_NAT;
    }
    tally tl = {0};
    for (int k = 0; k < BATCH_TEMPLATES; k++) {
        np_appointment a = batch_template(k);
        np_error err;
        for (size_t i = 0; i < count; i++) {
            for (int c = 0; c < NP_EVENT_COUNT; c++) built[i][c] = NP_BATCH_NAT;
            if (starts[i] == NP_BATCH_NAT) continue;
            a.start = (np_date)starts[i];
            np_timeline t;
            cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_OK, "template %d: %s", k,
                         err.message);
            for (size_t e = 0; e < t.event_count; e++) built[i][t.events[e].code] = t.events[e].date;
        }
        for (int c = 0; c < NP_EVENT_COUNT; c++) {
            cr_assert_eq(np_timeline_batch(NULL, &a, (np_event_code)c, starts, out, count, &err),
                         NP_OK, "template %d, %s: %s", k, np_event_code_name((np_event_code)c),
                         err.message);
            for (size_t i = 0; i < count; i++) {
                tl.checked++;
                const int64_t expected = built[i][c];
                if (out[i] != expected && tl.failed++ == 0)
                    snprintf(tl.first, sizeof tl.first,
                             "template %d, %s, starts[%zu] = %" PRId64 ": %" PRId64 ", build %" PRId64,
                             k, np_event_code_name((np_event_code)c), i, starts[i], out[i], expected);
            }
        }
    }
    assert_tally(&tl, (int64_t)count * BATCH_TEMPLATES * NP_EVENT_COUNT);

    /* out may alias starts */
    np_appointment a = batch_template(1);
    memcpy(out, starts, count * sizeof *out);
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_EARLIEST_PROMOTION, out, out, count, NULL), NP_OK);
    for (size_t i = 0; i < count; i++) {
        if (starts[i] == NP_BATCH_NAT) {
            cr_assert_eq(out[i], NP_BATCH_NAT);
            continue;
        }
        cr_assert_eq(out[i], ts_days(ts_anniversary(ymd_of((np_date)starts[i]), 12)), "in place, index %zu", i);
    }
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_CONVERSION_WINDOW_CLOSE, starts, out, 0, NULL),
                 NP_OK, "an empty batch");
    free(starts);
    free(out);
    free(built);
    TS_ASSERT_NO_LEAKS();
}

Test(timeline_properties, batch_nat_and_errors)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    np_error err;
    int64_t starts[6] = {NP_BATCH_NAT, ts_days(ts_ymd_of(2025, 9, 1)), NP_BATCH_NAT, 0, 0, 0};
    int64_t out[6] = {1, 1, 1, 1, 1, 1};
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_CONTRACT_END, starts, out, 3, &err), NP_OK);
    cr_assert_eq(out[0], NP_BATCH_NAT);
    cr_assert_eq(out[1], ts_days(ts_ymd_of(2031, 8, 31)));
    cr_assert_eq(out[2], NP_BATCH_NAT);
    cr_assert_eq(out[3], 1, "nothing written past count");
    /* an event the appointment does not have: NaT */
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_EARLIEST_PROMOTION, starts, out, 3, &err), NP_OK);
    for (int i = 0; i < 3; i++) cr_assert_eq(out[i], NP_BATCH_NAT);

    /* a start outside 0001..9999 names its index and day number */
    starts[3] = NP_DATE_MAX + 1;
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_ENTRY_ON_DUTY, starts, out, 4, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "starts[3]: day number 2932897 is outside 0001-01-01..9999-12-31");
    starts[3] = NP_DATE_MIN - 1;
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_ENTRY_ON_DUTY, starts, out, 4, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "starts[3]: day number -719163 is outside 0001-01-01..9999-12-31");
    starts[3] = INT64_MAX;
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_ENTRY_ON_DUTY, starts, out, 4, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "starts[3]"), "%s", err.message);
    starts[3] = NP_BATCH_NAT + 1;
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_ENTRY_ON_DUTY, starts, out, 4, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "starts[3]"), "%s", err.message);

    /* a result after 9999-12-31 names the index and the event */
    starts[3] = ts_days(ts_ymd_of(2025, 1, 1));
    starts[4] = ts_days(ts_ymd_of(9998, 6, 1));
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_INITIAL_CONTRACT_END, starts, out, 5, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "starts[4]: initial_contract_end is out of range (after 9999-12-31)");
    /* ... but the same start is fine for an event that fits */
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_ENTRY_ON_DUTY, starts, out, 5, &err), NP_OK);
    cr_assert_eq(out[4], starts[4]);

    /* bad event code, bad template, bad policy */
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_COUNT, starts, out, 2, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "event code 9 is not a timeline event");
    cr_assert_eq(np_timeline_batch(NULL, &a, (np_event_code)-1, starts, out, 2, &err), NP_EINVAL);
    np_appointment bad = a;
    bad.renewal_months = 37;
    cr_assert_eq(np_timeline_batch(NULL, &bad, NP_EVENT_CONTRACT_END, starts, out, 2, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "renewal_months"), "%s", err.message);
    np_policy p = np_policy_default();
    p.initial_months = 0;
    cr_assert_eq(np_timeline_batch(&p, &a, NP_EVENT_CONTRACT_END, starts, out, 2, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "initial_months"), "%s", err.message);
    cr_assert_eq(np_timeline_batch(&p, &a, NP_EVENT_CONTRACT_END, starts, out, 2, NULL), NP_EINVAL,
                 "err may be NULL");
}

/* Long batches go through the vectorised kernels, which check the starts in
 * the same pass (apart) or before overwriting them (in place): a bad start
 * deep in the array is still named, and before a late result elsewhere. */
Test(timeline_properties, batch_errors_in_long_arrays)
{
    enum { N = 1000 };
    static int64_t starts[N], out[N];
    np_appointment a = NP_APPOINTMENT_INIT;
    np_error err;
    static const int64_t bad_starts[] = {NP_DATE_MAX + 1, NP_DATE_MIN - 1, INT64_MAX, NP_BATCH_NAT + 1};
    for (size_t b = 0; b < sizeof bad_starts / sizeof bad_starts[0]; b++) {
        for (int in_place = 0; in_place < 2; in_place++) {
            for (int i = 0; i < N; i++) starts[i] = i % 7 == 3 ? NP_BATCH_NAT : ts_days(ts_ymd_of(2000, 1, 1)) + i;
            starts[300] = ts_days(ts_ymd_of(9998, 6, 1)); /* its contract end is late */
            starts[701] = bad_starts[b];
            int64_t *dest = in_place ? starts : out;
            cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_CONTRACT_END, starts, dest, N, &err),
                         NP_EINVAL);
            char want[128];
            snprintf(want, sizeof want, "starts[701]: day number %" PRId64 " is outside 0001-01-01..9999-12-31",
                     bad_starts[b]);
            cr_assert_str_eq(err.message, want, "in place: %d", in_place);
            if (!in_place) cr_assert_eq(starts[701], bad_starts[b], "the start is left as it was");
        }
    }
    /* without the bad start, the late result is named */
    for (int i = 0; i < N; i++) starts[i] = ts_days(ts_ymd_of(2000, 1, 1)) + i;
    starts[300] = ts_days(ts_ymd_of(9998, 6, 1));
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_CONTRACT_END, starts, out, N, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "starts[300]: contract_end is out of range (after 9999-12-31)");
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_CONTRACT_END, starts, starts, N, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "starts[300]: contract_end is out of range (after 9999-12-31)");
}

Test(timeline_properties, batch_in_years_1_and_2)
{
    /* The batch must agree with the spec at the lower edge too (see
     * starts_in_years_1_and_2): a window that would close before year 1 is
     * empty, so its events are NaT, not an error. */
    np_appointment a = NP_APPOINTMENT_INIT;
    a.initial_months = 1;
    a.renewal_months = 1;
    int64_t starts[730], out[730];
    for (int i = 0; i < 730; i++) starts[i] = NP_DATE_MIN + i;
    np_error err;
    cr_assert_eq(np_timeline_batch(NULL, &a, NP_EVENT_CONVERSION_WINDOW_CLOSE, starts, out, 730, &err),
                 NP_OK, "%s", err.message);
    for (int i = 0; i < 730; i++) {
        const ts_ymd s = ymd_of((np_date)starts[i]);
        const ts_ymd close = ts_months_before_clamped(ts_period_end(s, 2), 12);
        const int64_t expected = close.y >= 1 && ts_ymd_cmp(close, ts_anniversary(s, 1)) >= 0
                                     ? ts_days(close)
                                     : NP_BATCH_NAT;
        cr_assert_eq(out[i], expected, "starts[%d]", i);
    }
}
