/* natopost/roster.h -- rosters of appointments: projections and next events.
 *
 * A roster is a table of appointments: per row the entry-on-duty date and the
 * parameters np_timeline_build takes, plus an optional group code (division,
 * grade, ...). Two ways to hold one:
 *
 *   - np_roster_columns: borrowed arrays, one per parameter (NULL = every row
 *     takes the default), for hosts that already have columns (numpy, C);
 *   - np_roster: an owned table with ids and named text group columns, built
 *     row by row (np_roster_append) or read from CSV (np_roster_read_csv).
 *
 * Every date comes from the same rules as np_timeline_build and every status
 * from np_timeline_status's definitions (status at the end of a day), so a
 * projection equals the counts of a loop over timelines, month by month.
 */
#ifndef NATOPOST_ROSTER_H
#define NATOPOST_ROSTER_H

#include <natopost/export.h>

#include <stddef.h>
#include <stdint.h>

#include "natopost/date.h"
#include "natopost/error.h"
#include "natopost/policy.h"
#include "natopost/timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Borrowed columns of `count` appointments. `start` is required (day numbers
 * since 1970-01-01, no NaT). Any other column may be NULL: every row then takes
 * the default (kind external, month counts from the policy, false, 0). In the
 * month columns NP_FROM_POLICY also means "the policy's value". `group` (NULL:
 * one group) gives each row a group code in 0..group_count-1. */
typedef struct np_roster_columns {
    size_t count;
    const int64_t *start;
    const int32_t *kind;             /* np_kind values */
    const int32_t *initial_months;
    const int32_t *renewal_months;
    const int32_t *max_months;
    const uint8_t *twin_grade;       /* 0 or 1 */
    const int32_t *reduction_months;
    const uint8_t *direct_higher;    /* 0 or 1 */
    const int32_t *group;
    size_t group_count;
} np_roster_columns;

/* Validates every row as np_timeline_build would (its parameters, and every
 * event date inside 0001..9999). NP_EINVAL naming the row (0-based) and the
 * column: "row 12: renewal_months must be between 0 and 36 ...". */
NP_API np_status np_roster_check(const np_policy *policy, const np_roster_columns *columns,
                          np_error *err);

/* What a projection counts per month, after the NP_EVENT_COUNT event columns. */
typedef enum np_measure {
    NP_MEASURE_UNDER_CONTRACT = 0, /* phase initial or renewal at the end of the month */
    NP_MEASURE_IN_INITIAL,
    NP_MEASURE_IN_RENEWAL,
    NP_MEASURE_WINDOW_OPEN,        /* conversion window open */
    NP_MEASURE_PROMOTION_POSSIBLE,
    NP_MEASURE_COUNT
} np_measure;

/* "under_contract", "in_initial", "in_renewal", "window_open", "promotion_possible". */
NP_API const char *np_measure_name(np_measure measure);

/* Columns of a projection row: one per event code (np_event_code order), then
 * one per measure. */
#define NP_PROJECTION_COLUMNS (NP_EVENT_COUNT + NP_MEASURE_COUNT)

/* Name of projection column `column` (an event code, then a measure name). */
NP_API const char *np_projection_column_name(size_t column);

/* A projection: for group g and month m (0 = the first month), the counts
 * counts[(g * months + m) * NP_PROJECTION_COLUMNS + column]: events whose date
 * falls in the month, and appointments in each measure at the end of the
 * month's last day. Owned by the caller: free with np_projection_free. */
typedef struct np_projection {
    int first_year;   /* the first month */
    int first_month;  /* 1..12 */
    size_t months;
    size_t groups;    /* 1 without a group column */
    int64_t *counts;
} np_projection;

/* Largest horizon, in months (1000 years). */
#define NP_PROJECTION_MONTHS_MAX 12000

/* Projects `columns` over `months` months (1..NP_PROJECTION_MONTHS_MAX) from
 * year/month (the horizon must end by 9999-12). Checks the rows first (errors
 * as np_roster_check). On error *out is left empty (nothing to free). */
NP_API np_status np_roster_project(np_projection *out, const np_policy *policy,
                            const np_roster_columns *columns, int first_year, int first_month,
                            int months, np_error *err);

/* Frees the counts and empties the projection; accepts an empty one. */
NP_API void np_projection_free(np_projection *projection);

/* Parses "YYYY-MM" (the horizon's first month). NP_EPARSE / NP_EINVAL naming
 * the column, as np_date_parse. */
NP_API np_status np_month_parse(int *year, int *month, const char *text, size_t len, np_error *err);

/* Each row's next event strictly after the end of day `after`: the earliest
 * event date > after, ties broken by event code order. codes[i] gets the
 * np_event_code, or -1 when no event follows (and dates[i] NP_BATCH_NAT).
 * Checks the rows as np_roster_check. */
NP_API np_status np_roster_next_events(const np_policy *policy, const np_roster_columns *columns,
                                np_date after, int32_t *codes, int64_t *dates, np_error *err);

/* Every event of every row, column by column (for a frame with one date column
 * per event): days[code][row] gets the event's day number, NP_BATCH_NAT when
 * the row's appointment has no such event. A NULL days[code] skips that
 * event. Checks the rows as np_roster_check; on error the arrays are
 * partially written. */
NP_API np_status np_roster_events(const np_policy *policy, const np_roster_columns *columns,
                           int64_t *const days[NP_EVENT_COUNT], np_error *err);

/* Where np_roster_status writes each row's np_day_status at `on` (arrays of
 * columns->count items; a NULL array is skipped). */
typedef struct np_roster_status_columns {
    int32_t *phase;                /* np_phase values */
    int32_t *days_to_contract_end; /* negative once ended */
    uint8_t *conversion_window_open;
    int32_t *months_served;
    uint8_t *promotion_possible;
} np_roster_status_columns;

/* Each row's status at the end of day `on`, exactly np_timeline_status of the
 * row's timeline. Checks the rows as np_roster_check. */
NP_API np_status np_roster_status(const np_policy *policy, const np_roster_columns *columns, np_date on,
                           const np_roster_status_columns *out, np_error *err);

/* ---- Owned rosters ---- */

typedef struct np_roster np_roster;

/* An empty roster under `policy` (NULL = defaults; copied), with the named
 * text group columns (any names but the parameter ones and "id");
 * `group_names` may be NULL when `group_count` is 0. */
NP_API np_status np_roster_new(np_roster **out, const np_policy *policy, const char *const *group_names,
                        size_t group_count, np_error *err);
NP_API void np_roster_free(np_roster *roster); /* accepts NULL */

/* Appends a row: a copy of `id` (NULL: the row number, from 1), of the
 * appointment (NP_FROM_POLICY fields stay so) and of `group_values` (one text
 * per group column; NULL entries are the empty text). The row is checked
 * against the roster's policy first: NP_EINVAL naming the row's id and the
 * parameter ("row \"A-17\": renewal_months must be ..."); nothing is added. */
NP_API np_status np_roster_append(np_roster *roster, const char *id, const np_appointment *appointment,
                           const char *const *group_values, np_error *err);

/* Reads a CSV roster (RFC 4180: comma separated, double-quoted fields, a
 * header line). Columns: `start` (YYYY-MM-DD, required), and optionally `id`,
 * `kind`, `initial_months`, `renewal_months`, `max_months`, `twin_grade`
 * (true/false/1/0/yes/no), `reduction_months`, `direct_higher`; an absent
 * column or an empty cell takes the default; any other column is a group
 * column. `source` names the input in messages ("staff.csv:4: column kind:
 * ..."), with err->line set. The roster is checked against `policy` (NULL =
 * defaults) before it is returned. Free with np_roster_free. */
NP_API np_status np_roster_read_csv(np_roster **out, const char *text, size_t len, const char *source,
                             const np_policy *policy, np_error *err);
/* Reads the file at `path` (NP_EIO when it cannot be read), then as above. */
NP_API np_status np_roster_load_csv(np_roster **out, const char *path, const np_policy *policy,
                             np_error *err);

NP_API size_t np_roster_count(const np_roster *roster);
/* The policy the roster was created with (borrowed). */
NP_API const np_policy *np_roster_policy(const np_roster *roster);
/* Row `row`'s id (borrowed from the roster). */
NP_API const char *np_roster_id(const np_roster *roster, size_t row);
/* Row `row`'s appointment, as appended (NP_FROM_POLICY fields included). */
NP_API np_appointment np_roster_appointment(const np_roster *roster, size_t row);

NP_API size_t np_roster_group_column_count(const np_roster *roster);
NP_API const char *np_roster_group_column_name(const np_roster *roster, size_t column);
/* Index of the group column `name`; NP_ENOTFOUND listing the group columns. */
NP_API np_status np_roster_group_column_find(const np_roster *roster, const char *name, size_t *column,
                                      np_error *err);
/* Distinct values of a group column, numbered in order of first appearance. */
NP_API size_t np_roster_group_value_count(const np_roster *roster, size_t column);
NP_API const char *np_roster_group_value(const np_roster *roster, size_t column, size_t code);

/* A view of the roster as columns (borrowed: valid until the roster changes),
 * grouped by group column `group_column`, or ungrouped with SIZE_MAX. */
NP_API np_roster_columns np_roster_view(const np_roster *roster, size_t group_column);

/* The projection as CSV (one line per month and group: `month` YYYY-MM, the
 * group column when grouped, then the NP_PROJECTION_COLUMNS counts) or as a
 * JSON array of objects with the same keys. `group_name`/`group_labels`: the
 * group column's name and a label per group code (ignored when ungrouped).
 * Free with np_free; NULL on error. */
NP_API char *np_projection_to_csv(const np_projection *projection, const char *group_name,
                           const char *const *group_labels, np_error *err);
NP_API char *np_projection_to_json(const np_projection *projection, const char *group_name,
                            const char *const *group_labels, np_error *err);

#ifdef __cplusplus
}
#endif
#endif
