/* Projections, next events, every event and statuses of a roster given as
 * columns: one row loop each over the same row rules. */
#include <stdlib.h>
#include <string.h>

#include "natopost/roster.h"
#include "support/plural.h"
#include "roster_rows.h"

static const char *const MEASURE_NAMES[NP_MEASURE_COUNT] = {
    "under_contract", "in_initial", "in_renewal", "window_open", "promotion_possible",
};

const char *np_measure_name(np_measure measure)
{
    return (unsigned)measure < NP_MEASURE_COUNT ? MEASURE_NAMES[measure] : "unknown";
}

const char *np_projection_column_name(size_t column)
{
    if (column < NP_EVENT_COUNT) return np_event_code_name((np_event_code)column);
    return np_measure_name((np_measure)(column - NP_EVENT_COUNT));
}

np_appointment npi_roster_row_appointment(const np_roster_columns *c, size_t i)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = (np_date)c->start[i];
    if (c->kind) a.kind = (np_kind)c->kind[i];
    if (c->initial_months) a.initial_months = c->initial_months[i];
    if (c->renewal_months) a.renewal_months = c->renewal_months[i];
    if (c->max_months) a.max_months = c->max_months[i];
    if (c->twin_grade) a.twin_grade = c->twin_grade[i] != 0;
    if (c->reduction_months) a.reduction_months = c->reduction_months[i];
    if (c->direct_higher) a.direct_higher = c->direct_higher[i] != 0;
    return a;
}

np_status npi_roster_row_events(npi_row_rules *cache, const np_roster_columns *c, size_t row,
                               int64_t days[NP_EVENT_COUNT], np_error *err)
{
    const int64_t start = c->start[row];
    const np_appointment a = npi_roster_row_appointment(c, row);
    if ((c->kind && (c->kind[row] < 0 || c->kind[row] > NP_KIND_SERVING)))
        return np_error_set(err, NP_EINVAL, "kind %d is not one of external, seconded, serving",
                            (int)c->kind[row]);
    const npi_rules *rules = NULL;
    if (cache->used && npi_rules_same_appointment(&cache->key[cache->last], &a))
        rules = &cache->rules[cache->last];
    for (int k = 0; !rules && k < cache->used; k++) {
        if (npi_rules_same_appointment(&cache->key[k], &a)) {
            cache->last = k;
            rules = &cache->rules[k];
        }
    }
    if (!rules) {
        const int k = cache->next;
        npi_rules fresh; /* a failed resolution must not spoil the slot it would take */
        np_status st = npi_rules_resolve(&fresh, cache->policy, &a, err);
        if (st != NP_OK) return st;
        cache->rules[k] = fresh;
        cache->key[k] = a;
        cache->next = (k + 1) % NP_ROW_RULES_SLOTS;
        if (cache->used < NP_ROW_RULES_SLOTS) cache->used++;
        cache->last = k;
        rules = &cache->rules[k];
    }
    if (start == NP_BATCH_NAT || !np_date_in_range(start))
        return np_error_set(err, NP_EINVAL,
                            "start: day number %lld is outside 0001-01-01..9999-12-31",
                            (long long)start);
    npi_rules_event_days(rules, start, days);
    return npi_rules_check_days(days, start, err);
}

static np_status check_shape(const np_roster_columns *c, np_error *err)
{
    if (c->count > 0 && !c->start)
        return np_error_set(err, NP_EINVAL, "start: the column is required");
    if (c->group && c->group_count == 0)
        return np_error_set(err, NP_EINVAL, "group: a group column needs group_count >= 1");
    return NP_OK;
}

static np_status row_events(npi_row_rules *cache, const np_roster_columns *c, size_t row,
                            int64_t days[NP_EVENT_COUNT], np_error *err)
{
    np_status st = npi_roster_row_events(cache, c, row, days, err);
    if (st != NP_OK) {
        np_error_prefix(err, "row %zu", row);
        return st;
    }
    if (c->group && (c->group[row] < 0 || (size_t)c->group[row] >= c->group_count))
        return np_error_set(err, NP_EINVAL, "row %zu: group code %d is outside 0..%zu", row,
                            (int)c->group[row], c->group_count - 1);
    return NP_OK;
}

/* Every row's events computed and dropped: np_roster_events without outputs. */
np_status np_roster_check(const np_policy *policy, const np_roster_columns *c, np_error *err)
{
    int64_t *const none[NP_EVENT_COUNT] = {0};
    return np_roster_events(policy, c, none, err);
}

/* The horizon's months by day: month_of[d - first_day] for every day of the
 * horizon (int16: at most NP_PROJECTION_MONTHS_MAX months), so that placing a
 * date is one load instead of a civil conversion (a dozen per row). */
typedef struct horizon {
    int64_t first_day, last_day;
    int64_t months;
    int16_t *month_of;
} horizon;

static bool horizon_init(horizon *h, int first_year, int first_month, size_t months)
{
    const int64_t first_total = (int64_t)first_year * 12 + first_month - 1;
    const int64_t end_total = first_total + (int64_t)months; /* the month after the horizon */
    h->first_day = npi_days_from_civil(first_year, first_month, 1);
    h->last_day = npi_days_from_civil(end_total / 12, (int)(end_total % 12) + 1, 1) - 1;
    h->months = (int64_t)months;
    h->month_of = malloc((size_t)(h->last_day - h->first_day + 1) * sizeof *h->month_of);
    if (!h->month_of) return false;
    int64_t day = h->first_day;
    for (int64_t m = 0; m < h->months; m++) {
        const int64_t next_total = first_total + m + 1;
        const int64_t next = npi_days_from_civil(next_total / 12, (int)(next_total % 12) + 1, 1);
        for (; day < next; day++) h->month_of[day - h->first_day] = (int16_t)m;
    }
    return true;
}

/* The month of `day` counted from the horizon's first: -1 before it, `months` after. */
static inline int64_t month_index(const horizon *h, int64_t day)
{
    if (day < h->first_day) return -1;
    if (day > h->last_day) return h->months;
    return h->month_of[day - h->first_day];
}

/* Adds one to the months whose last day falls in [from, to]: the status
 * measures hold on a closed interval of days. Month m's end is in the interval
 * exactly when month(from) <= m < month(to + 1). */
static inline void add_interval(int64_t *diff, const horizon *h, int64_t from, int64_t to)
{
    if (from > to) return;
    int64_t lo = month_index(h, from);
    const int64_t hi = month_index(h, to + 1);
    if (lo < 0) lo = 0;
    if (lo >= hi) return;
    diff[lo * NP_MEASURE_COUNT] += 1;
    diff[hi * NP_MEASURE_COUNT] -= 1;
}

np_status np_roster_project(np_projection *out, const np_policy *policy,
                            const np_roster_columns *c, int first_year, int first_month,
                            int month_count, np_error *err)
{
    memset(out, 0, sizeof *out);
    np_status st = check_shape(c, err);
    if (st != NP_OK) return st;
    if (month_count < 1 || month_count > NP_PROJECTION_MONTHS_MAX)
        return np_error_set(err, NP_EINVAL, "months must be between 1 and %d, got %d",
                            NP_PROJECTION_MONTHS_MAX, month_count);
    const size_t months = (size_t)month_count;
    if (first_month < 1 || first_month > 12)
        return np_error_set(err, NP_EINVAL, "from: month %d is out of range (01..12)", first_month);
    const int64_t first_total = (int64_t)first_year * 12 + first_month - 1;
    if (first_year < 1 || first_year > 9999 || first_total + (int64_t)months - 1 > 9999 * 12 + 11)
        return np_error_set(err, NP_EINVAL,
                            "the horizon (%zu %s from %04d-%02d) must lie within 0001-01..9999-12",
                            months, npi_plural((long long)months, "month", "months"), first_year, first_month);
    const size_t groups = c->group ? c->group_count : 1;
    int64_t *counts = calloc(groups * months * NP_PROJECTION_COLUMNS, sizeof *counts);
    /* Per group and measure, +1/-1 where an interval starts and stops. */
    int64_t *diff = calloc(groups * (months + 1) * NP_MEASURE_COUNT, sizeof *diff);
    horizon h = {0, 0, 0, NULL};
    if (!counts || !diff || !horizon_init(&h, first_year, first_month, months)) {
        free(counts);
        free(diff);
        free(h.month_of);
        return np_error_set(err, NP_ENOMEM, "out of memory projecting %zu %s", months,
                            npi_plural((long long)months, "month", "months"));
    }

    npi_row_rules cache = npi_row_rules_init(policy);
    int64_t d[NP_EVENT_COUNT];
    for (size_t i = 0; i < c->count; i++) {
        st = row_events(&cache, c, i, d, err);
        if (st != NP_OK) {
            free(counts);
            free(diff);
            free(h.month_of);
            return st;
        }
        const size_t g = c->group ? (size_t)c->group[i] : 0;
        int64_t *row_counts = counts + g * months * NP_PROJECTION_COLUMNS;
        for (int code = 0; code < NP_EVENT_COUNT; code++) {
            if (d[code] == NP_RULES_ABSENT) continue;
            const int64_t m = month_index(&h, d[code]);
            if (m >= 0 && m < (int64_t)months) row_counts[m * NP_PROJECTION_COLUMNS + code]++;
        }
        int64_t *gd = diff + g * (months + 1) * NP_MEASURE_COUNT;
        const int64_t start = d[NP_EVENT_ENTRY_ON_DUTY];
        const int64_t initial_end = d[NP_EVENT_INITIAL_CONTRACT_END];
        const int64_t end = d[NP_EVENT_CONTRACT_END];
        add_interval(gd + NP_MEASURE_UNDER_CONTRACT, &h, start, end);
        add_interval(gd + NP_MEASURE_IN_INITIAL, &h, start, initial_end);
        add_interval(gd + NP_MEASURE_IN_RENEWAL, &h, initial_end + 1, end);
        if (d[NP_EVENT_CONVERSION_WINDOW_OPEN] != NP_RULES_ABSENT)
            add_interval(gd + NP_MEASURE_WINDOW_OPEN, &h,
                         d[NP_EVENT_CONVERSION_WINDOW_OPEN], d[NP_EVENT_CONVERSION_WINDOW_CLOSE]);
        if (d[NP_EVENT_EARLIEST_PROMOTION] != NP_RULES_ABSENT)
            add_interval(gd + NP_MEASURE_PROMOTION_POSSIBLE, &h,
                         d[NP_EVENT_EARLIEST_PROMOTION], end);
    }
    for (size_t g = 0; g < groups; g++) {
        const int64_t *gd = diff + g * (months + 1) * NP_MEASURE_COUNT;
        int64_t running[NP_MEASURE_COUNT] = {0};
        for (size_t m = 0; m < months; m++) {
            int64_t *row = counts + (g * months + m) * NP_PROJECTION_COLUMNS + NP_EVENT_COUNT;
            for (int k = 0; k < NP_MEASURE_COUNT; k++) {
                running[k] += gd[m * NP_MEASURE_COUNT + (size_t)k];
                row[k] = running[k];
            }
        }
    }
    free(diff);
    free(h.month_of);
    out->first_year = first_year;
    out->first_month = first_month;
    out->months = months;
    out->groups = groups;
    out->counts = counts;
    return NP_OK;
}

void np_projection_free(np_projection *p)
{
    free(p->counts);
    memset(p, 0, sizeof *p);
}

np_status np_roster_next_events(const np_policy *policy, const np_roster_columns *c,
                                np_date after, int32_t *codes, int64_t *dates, np_error *err)
{
    np_status st = check_shape(c, err);
    if (st != NP_OK) return st;
    npi_row_rules cache = npi_row_rules_init(policy);
    int64_t d[NP_EVENT_COUNT];
    for (size_t i = 0; i < c->count; i++) {
        st = row_events(&cache, c, i, d, err);
        if (st != NP_OK) return st;
        int32_t best = -1;
        for (int code = 0; code < NP_EVENT_COUNT; code++) {
            if (d[code] == NP_RULES_ABSENT || d[code] <= after) continue;
            if (best < 0 || d[code] < d[best]) best = code; /* strict: ties keep code order */
        }
        codes[i] = best;
        dates[i] = best < 0 ? NP_BATCH_NAT : d[best];
    }
    return NP_OK;
}

np_status np_roster_events(const np_policy *policy, const np_roster_columns *c,
                           int64_t *const days[NP_EVENT_COUNT], np_error *err)
{
    np_status st = check_shape(c, err);
    if (st != NP_OK) return st;
    npi_row_rules cache = npi_row_rules_init(policy);
    int64_t d[NP_EVENT_COUNT];
    for (size_t i = 0; i < c->count; i++) {
        st = row_events(&cache, c, i, d, err);
        if (st != NP_OK) return st;
        for (int code = 0; code < NP_EVENT_COUNT; code++)
            if (days[code]) days[code][i] = d[code]; /* NP_RULES_ABSENT is NP_BATCH_NAT */
    }
    return NP_OK;
}

np_status np_roster_status(const np_policy *policy, const np_roster_columns *c, np_date on,
                           const np_roster_status_columns *out, np_error *err)
{
    np_status st = check_shape(c, err);
    if (st != NP_OK) return st;
    npi_row_rules cache = npi_row_rules_init(policy);
    int64_t d[NP_EVENT_COUNT];
    for (size_t i = 0; i < c->count; i++) {
        st = row_events(&cache, c, i, d, err);
        if (st != NP_OK) return st;
        const bool twin = c->twin_grade && c->twin_grade[i];
        const np_day_status s = npi_rules_status(d, twin, on);
        if (out->phase) out->phase[i] = (int32_t)s.phase;
        if (out->days_to_contract_end) out->days_to_contract_end[i] = s.days_to_contract_end;
        if (out->conversion_window_open) out->conversion_window_open[i] = s.conversion_window_open;
        if (out->months_served) out->months_served[i] = s.months_served;
        if (out->promotion_possible) out->promotion_possible[i] = s.promotion_possible;
    }
    return NP_OK;
}
