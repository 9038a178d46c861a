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

/* Sets *slot to the cache slot of the row's rules, resolved (and kept) when
 * new, replacing whatever the slot held unless it is one of `keep` (a bit
 * per slot): then *slot is -1 and nothing is resolved. NP_EINVAL for a bad
 * parameter, without the row prefix (callers add it). */
static np_status row_rules_slot(npi_row_rules *cache, const np_roster_columns *c, size_t row,
                                unsigned keep, int *slot, np_error *err)
{
    if ((c->kind && (c->kind[row] < 0 || c->kind[row] > NP_KIND_SERVING)))
        return np_error_set(err, NP_EINVAL, "kind %d is not one of external, seconded, serving",
                            (int)c->kind[row]);
    const np_appointment a = npi_roster_row_appointment(c, row);
    *slot = cache->last;
    if (cache->used && npi_rules_same_appointment(&cache->key[cache->last], &a)) return NP_OK;
    for (int k = 0; k < cache->used; k++) {
        if (npi_rules_same_appointment(&cache->key[k], &a)) {
            cache->last = *slot = k;
            return NP_OK;
        }
    }
    const int k = cache->next;
    if (keep >> k & 1u) {
        *slot = -1;
        return NP_OK;
    }
    npi_rules fresh_rules; /* a failed resolution must not spoil the slot it would take */
    np_status st = npi_rules_resolve(&fresh_rules, cache->policy, &a, err);
    if (st != NP_OK) return st;
    cache->rules[k] = fresh_rules;
    cache->key[k] = a;
    cache->next = (k + 1) % NP_ROW_RULES_SLOTS;
    if (cache->used < NP_ROW_RULES_SLOTS) cache->used++;
    cache->last = *slot = k;
    return NP_OK;
}

np_status npi_roster_row_events(npi_row_rules *cache, const np_roster_columns *c, size_t row,
                               int64_t days[NP_EVENT_COUNT], np_error *err)
{
    const int64_t start = c->start[row];
    int k;
    np_status st = row_rules_slot(cache, c, row, 0, &k, err);
    if (st != NP_OK) return st;
    if (start == NP_BATCH_NAT || !np_date_in_range(start))
        return np_error_set(err, NP_EINVAL,
                            "start: day number %lld is outside 0001-01-01..9999-12-31",
                            (long long)start);
    npi_rules_event_days(&cache->rules[k], start, days);
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

/* A block of rows' events, column by column: days[code][j] for row from + j
 * (j < NP_RULES_BLOCK). */
typedef struct event_block {
    size_t from, count;
    bool by_row; /* the last block ended early (rules changing all the time): this one row by row */
    int64_t columns[NP_EVENT_COUNT][NP_RULES_BLOCK];
} event_block;

static void event_block_columns(event_block *b, int64_t *days[NP_EVENT_COUNT])
{
    for (int code = 0; code < NP_EVENT_COUNT; code++) days[code] = b->columns[code];
}

/* Fewer rows of one rules set than this in a block are computed one by one
 * (npi_rules_event_days) rather than gathered through the block kernel. */
enum { KERNEL_MIN_ROWS = 16 };

/* A block whose rows use several rules sets: the rows bucketed by rules
 * (in row order), each bucket through the block kernel, or row by row when
 * small, and scattered back. True when some day is late. */
static bool mixed_block_events(event_block *b, const npi_row_rules *cache, const int64_t *starts,
                               const int8_t *slot_of)
{
    size_t bucket_start[NP_ROW_RULES_SLOTS + 1] = {0};
    for (size_t j = 0; j < b->count; j++) bucket_start[slot_of[j] + 1]++;
    for (int k = 0; k < NP_ROW_RULES_SLOTS; k++) bucket_start[k + 1] += bucket_start[k];
    size_t fill[NP_ROW_RULES_SLOTS];
    memcpy(fill, bucket_start, sizeof fill);
    uint8_t rows[NP_RULES_BLOCK];
    _Static_assert(NP_RULES_BLOCK <= 256, "a block's row fits in uint8_t");
    int64_t gathered[NP_RULES_BLOCK] = {0}; /* all set that the kernel reads; gcc -O3 cannot tell */
    for (size_t j = 0; j < b->count; j++) {
        const size_t at = fill[slot_of[j]]++;
        rows[at] = (uint8_t)j;
        gathered[at] = starts[j];
    }
    bool late = false;
    event_block out;
    int64_t *days[NP_EVENT_COUNT];
    for (int k = 0; k < NP_ROW_RULES_SLOTS; k++) {
        const size_t from = bucket_start[k], n = bucket_start[k + 1] - from;
        if (n >= KERNEL_MIN_ROWS) {
            for (int code = 0; code < NP_EVENT_COUNT; code++) days[code] = out.columns[code] + from;
            late |= npi_rules_event_days_block(&cache->rules[k], gathered + from, n, days);
            continue;
        }
        for (size_t t = from; t < from + n; t++) {
            int64_t d[NP_EVENT_COUNT];
            npi_rules_event_days(&cache->rules[k], gathered[t], d);
            late |= npi_rules_check_days(d, gathered[t], NULL) != NP_OK;
            for (int code = 0; code < NP_EVENT_COUNT; code++) out.columns[code][t] = d[code];
        }
    }
    for (int code = 0; code < NP_EVENT_COUNT; code++)
        for (size_t t = 0; t < b->count; t++) b->columns[code][rows[t]] = out.columns[code][t];
    return late;
}

/* Fills `b` with the events of rows b->from .. b->from + b->count - 1: the
 * rows' rules looked up in order, then each rules set's rows through the
 * block kernel (the whole block at once when they share one). A row whose
 * rules would evict rules a row before it uses ends the block there
 * (b->count shrinks). A block with a bad row (parameter, start, group code, a
 * date after 9999-12-31) goes again row by row, so that errors name the first
 * bad row exactly as the row path does. */
/* A row's parameters packed in 52 bits (kind 2, twin_grade 1, direct_higher 1,
 * then 12 per month count: 0 for NP_FROM_POLICY, else the value + 1), so that
 * telling rows' parameter sets apart is one comparison; exact (equal keys,
 * equal parameters) for the rows every field fits, which *fits reports. */
enum { KEY_MONTH_BITS = 12, KEY_MONTH_MAX = (1 << KEY_MONTH_BITS) - 2 };

static inline uint64_t month_field(int32_t months, uint64_t *fits)
{
    *fits &= (uint64_t)(months == NP_FROM_POLICY || (months >= 0 && months <= KEY_MONTH_MAX));
    return months == NP_FROM_POLICY ? 0 : (uint64_t)(uint32_t)(months + 1) & ((1u << KEY_MONTH_BITS) - 1);
}

/* The block's row keys, column by column; false when some row needs the row
 * path: a start outside 0001..9999 (or NaT), a group code out of range, or
 * a parameter that does not fit its field (or is invalid: the row path names
 * it). */
static bool block_keys(const np_roster_columns *c, const event_block *b, uint64_t *keys)
{
    const size_t from = b->from, n = b->count;
    uint64_t fits = 1;
    for (size_t j = 0; j < n; j++) fits &= (uint64_t)npi_civil_in_range(c->start[from + j]);
    if (c->group)
        for (size_t j = 0; j < n; j++)
            fits &= (uint64_t)(c->group[from + j] >= 0 && (size_t)c->group[from + j] < c->group_count);
    const uint64_t defaults = month_field(0, &fits) << (4 + 3 * KEY_MONTH_BITS); /* reduction 0 */
    for (size_t j = 0; j < n; j++) keys[j] = defaults;
    if (c->kind)
        for (size_t j = 0; j < n; j++) {
            const int32_t kind = c->kind[from + j];
            fits &= (uint64_t)(kind >= 0 && kind <= NP_KIND_SERVING);
            keys[j] |= (uint64_t)(uint32_t)kind & 3u;
        }
    if (c->twin_grade)
        for (size_t j = 0; j < n; j++) keys[j] |= (uint64_t)(c->twin_grade[from + j] != 0) << 2;
    if (c->direct_higher)
        for (size_t j = 0; j < n; j++) keys[j] |= (uint64_t)(c->direct_higher[from + j] != 0) << 3;
    const int32_t *const months[] = {c->initial_months, c->renewal_months, c->max_months, c->reduction_months};
    for (int f = 0; f < 4; f++) {
        if (!months[f]) continue;
        const unsigned shift = 4 + (unsigned)f * KEY_MONTH_BITS;
        const uint64_t mask = ~((uint64_t)((1u << KEY_MONTH_BITS) - 1) << shift);
        for (size_t j = 0; j < n; j++) keys[j] = (keys[j] & mask) | month_field(months[f][from + j], &fits) << shift;
    }
    return fits != 0;
}

/* Fills `b` with the events of rows b->from .. b->from + b->count - 1: the
 * rows' rules found in order (by key: the cache is asked once per distinct
 * key of the block), then each rules set's rows through the block kernel (the
 * whole block at once when they share one). A row whose rules would evict
 * rules a row before it uses ends the block there (b->count shrinks). A block
 * with a bad row (parameter, start, group code, a date after 9999-12-31), or
 * a parameter too large for the key, goes row by row, so that errors name the
 * first bad row exactly as the row path does. */
static np_status block_events(npi_row_rules *cache, const np_roster_columns *c, event_block *b,
                              np_error *err)
{
    int8_t slot_of[NP_RULES_BLOCK];
    uint64_t keys[NP_RULES_BLOCK];
    unsigned used = 0; /* the cache slots this block's rows use */
    bool by_row = b->by_row || !block_keys(c, b, keys);
    b->by_row = false;
    const int64_t *starts = c->start + b->from;
    uint64_t seen_key[NP_ROW_RULES_SLOTS], last_key = 0;
    int seen_slot[NP_ROW_RULES_SLOTS], seen = 0, k = -1;
    for (size_t j = 0; j < b->count && !by_row; j++) {
        if (j == 0 || keys[j] != last_key) {
            k = -1;
            for (int t = 0; t < seen && k < 0; t++)
                if (seen_key[t] == keys[j]) k = seen_slot[t];
            if (k < 0) {
                by_row = row_rules_slot(cache, c, b->from + j, used, &k, err) != NP_OK;
                if (by_row) break;
                if (k < 0) { /* its rules would evict rules a row before uses: the block ends */
                    b->count = j;
                    b->by_row = j < KERNEL_MIN_ROWS;
                    break;
                }
                if (seen < NP_ROW_RULES_SLOTS) {
                    seen_key[seen] = keys[j];
                    seen_slot[seen++] = k;
                }
            }
            last_key = keys[j];
        }
        slot_of[j] = (int8_t)k;
        used |= 1u << k;
    }
    if (!by_row) {
        bool late = false;
        if ((used & (used - 1)) == 0) { /* one rules set */
            int64_t *days[NP_EVENT_COUNT];
            event_block_columns(b, days);
            late = npi_rules_event_days_block(&cache->rules[slot_of[0]], starts, b->count, days);
        } else {
            late = mixed_block_events(b, cache, starts, slot_of);
        }
        if (!late) return NP_OK;
    }
    int64_t d[NP_EVENT_COUNT];
    for (size_t j = 0; j < b->count; j++) {
        np_status st = row_events(cache, c, b->from + j, d, err);
        if (st != NP_OK) return st;
        for (int code = 0; code < NP_EVENT_COUNT; code++) b->columns[code][j] = d[code];
    }
    return NP_OK;
}

/* The next block of rows (b->count 0 past the last). */
static np_status next_block(npi_row_rules *cache, const np_roster_columns *c, event_block *b,
                            np_error *err)
{
    b->from += b->count;
    const size_t left = c->count - b->from;
    b->count = left < NP_RULES_BLOCK ? left : NP_RULES_BLOCK;
    return b->count ? block_events(cache, c, b, err) : NP_OK;
}

/* Row i's day per event, for the callers that walk the rows one by one in
 * order: the block holding row i is computed when the walk enters it. */
static np_status walked_row_events(npi_row_rules *cache, const np_roster_columns *c, event_block *b,
                                   size_t i, int64_t d[NP_EVENT_COUNT], np_error *err)
{
    if (i == b->from + b->count) {
        const np_status st = next_block(cache, c, b, err);
        if (st != NP_OK) return st;
    }
    for (int code = 0; code < NP_EVENT_COUNT; code++) d[code] = b->columns[code][i - b->from];
    return NP_OK;
}

/* Every row's events computed and dropped: np_roster_events without outputs. */
np_status np_roster_check(const np_policy *policy, const np_roster_columns *c, np_error *err)
{
    int64_t *const none[NP_EVENT_COUNT] = {0};
    return np_roster_events(policy, c, none, err);
}

/* The horizon's months by day: month_of[d - first_day + 1] for every day of
 * the horizon (int16: at most NP_PROJECTION_MONTHS_MAX months), with a guard
 * at each end (-1 before, `months` after), so that placing a date is a clamp
 * and one load instead of a civil conversion (a dozen per row) or branches
 * that random dates mispredict. */
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
    h->month_of = malloc((size_t)(h->last_day - h->first_day + 3) * sizeof *h->month_of);
    if (!h->month_of) return false;
    const int64_t before = h->first_day - 1; /* month_of[day - before] */
    h->month_of[0] = -1;
    h->month_of[h->last_day + 1 - before] = (int16_t)months;
    int64_t day = h->first_day;
    for (int64_t m = 0; m < h->months; m++) {
        const int64_t next_total = first_total + m + 1;
        const int64_t next = npi_days_from_civil(next_total / 12, (int)(next_total % 12) + 1, 1);
        for (; day < next; day++) h->month_of[day - before] = (int16_t)m;
    }
    return true;
}

/* The month of `day` counted from the horizon's first: -1 before it, `months` after. */
static inline int64_t month_index(const horizon *h, int64_t day)
{
    const int64_t before = h->first_day - 1, after = h->last_day + 1;
    const int64_t clamped = day < before ? before : day > after ? after : day;
    return h->month_of[clamped - before];
}

/* Adds one to the months whose last day falls in [from, to] when `present`
 * (0 or 1): the status measures hold on a closed interval of days. Month m's
 * end is in the interval exactly when month(from) <= m < month(to + 1); an
 * empty interval (from > to) has month(from) >= month(to + 1). Adds zero
 * rather than branching: which intervals are empty is random. */
static inline void add_interval(int64_t *diff, const horizon *h, int64_t from, int64_t to,
                                int64_t present)
{
    int64_t lo = month_index(h, from), hi = month_index(h, to + 1);
    lo = lo < 0 ? 0 : lo;
    hi = hi < 0 ? 0 : hi; /* an interval ending before the horizon: lo >= hi, and in bounds */
    const int64_t on = present & (lo < hi);
    diff[lo * NP_MEASURE_COUNT] += on;
    diff[hi * NP_MEASURE_COUNT] -= on;
}

/* One block's rows into the counts: each event in its month (a month row
 * before and one after the horizon take the rest, see `padded`), each status
 * interval into the differences. */
static void project_block(const event_block *b, const np_roster_columns *c, const horizon *h,
                          int64_t *padded, int64_t *diff)
{
    const size_t months = (size_t)h->months;
    for (size_t j = 0; j < b->count; j++) {
        const size_t g = c->group ? (size_t)c->group[b->from + j] : 0;
        int64_t *row_counts = padded + g * (months + 2) * NP_EVENT_COUNT + NP_EVENT_COUNT;
        for (int code = 0; code < NP_EVENT_COUNT; code++) /* absent: before the horizon */
            row_counts[month_index(h, b->columns[code][j]) * NP_EVENT_COUNT + code]++;
        int64_t *gd = diff + g * (months + 1) * NP_MEASURE_COUNT;
        const int64_t start = b->columns[NP_EVENT_ENTRY_ON_DUTY][j];
        const int64_t initial_end = b->columns[NP_EVENT_INITIAL_CONTRACT_END][j];
        const int64_t end = b->columns[NP_EVENT_CONTRACT_END][j];
        const int64_t open = b->columns[NP_EVENT_CONVERSION_WINDOW_OPEN][j];
        const int64_t promotion = b->columns[NP_EVENT_EARLIEST_PROMOTION][j];
        add_interval(gd + NP_MEASURE_UNDER_CONTRACT, h, start, end, 1);
        add_interval(gd + NP_MEASURE_IN_INITIAL, h, start, initial_end, 1);
        add_interval(gd + NP_MEASURE_IN_RENEWAL, h, initial_end + 1, end, 1);
        add_interval(gd + NP_MEASURE_WINDOW_OPEN, h, open, b->columns[NP_EVENT_CONVERSION_WINDOW_CLOSE][j],
                     open != NP_RULES_ABSENT);
        add_interval(gd + NP_MEASURE_PROMOTION_POSSIBLE, h, promotion, end, promotion != NP_RULES_ABSENT);
    }
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
    /* Per group, the event counts with a month before and one after the
     * horizon, so that counting an event is a store without a test. */
    int64_t *padded = calloc(groups * (months + 2) * NP_EVENT_COUNT, sizeof *padded);
    horizon h = {0, 0, 0, NULL};
    if (!counts || !diff || !padded || !horizon_init(&h, first_year, first_month, months)) {
        free(counts);
        free(diff);
        free(padded);
        free(h.month_of);
        return np_error_set(err, NP_ENOMEM, "out of memory projecting %zu %s", months,
                            npi_plural((long long)months, "month", "months"));
    }

    npi_row_rules cache = npi_row_rules_init(policy);
    event_block b = {0, 0, false, {{0}}};
    while ((st = next_block(&cache, c, &b, err)) == NP_OK && b.count) project_block(&b, c, &h, padded, diff);
    if (st != NP_OK) {
        free(counts);
        free(diff);
        free(padded);
        free(h.month_of);
        return st;
    }
    for (size_t g = 0; g < groups; g++)
        for (size_t m = 0; m < months; m++)
            memcpy(counts + (g * months + m) * NP_PROJECTION_COLUMNS,
                   padded + (g * (months + 2) + m + 1) * NP_EVENT_COUNT, NP_EVENT_COUNT * sizeof *counts);
    free(padded);
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
    event_block b = {0, 0, false, {{0}}};
    int64_t d[NP_EVENT_COUNT];
    for (size_t i = 0; i < c->count; i++) {
        if ((st = walked_row_events(&cache, c, &b, i, d, err)) != NP_OK) return st;
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
    event_block b = {0, 0, false, {{0}}};
    while ((st = next_block(&cache, c, &b, err)) == NP_OK && b.count) {
        for (int code = 0; code < NP_EVENT_COUNT; code++) /* NP_RULES_ABSENT is NP_BATCH_NAT */
            if (days[code]) memcpy(days[code] + b.from, b.columns[code], b.count * sizeof *days[code]);
    }
    return st;
}

np_status np_roster_status(const np_policy *policy, const np_roster_columns *c, np_date on,
                           const np_roster_status_columns *out, np_error *err)
{
    np_status st = check_shape(c, err);
    if (st != NP_OK) return st;
    npi_row_rules cache = npi_row_rules_init(policy);
    event_block b = {0, 0, false, {{0}}};
    int64_t d[NP_EVENT_COUNT];
    for (size_t i = 0; i < c->count; i++) {
        if ((st = walked_row_events(&cache, c, &b, i, d, err)) != NP_OK) return st;
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
