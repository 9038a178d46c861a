/* Private: one roster row's timeline dates, from the same rules as
 * np_timeline_build (timeline_rules.h). Rows with the parameters of the row
 * before reuse its resolved rules, so a roster whose columns are mostly
 * defaults resolves them once. */
#ifndef NATOPOST_ROSTER_ROWS_H
#define NATOPOST_ROSTER_ROWS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "natopost/roster.h"
#include "rules/timeline_rules.h"

/* The last few distinct parameter sets and their resolved rules: a roster of
 * a handful of kinds of appointment (twin-graded or not, two renewals) mixed
 * row by row resolves each kind once. */
#define NP_ROW_RULES_SLOTS 8

typedef struct npi_row_rules {
    const np_policy *policy;
    int used;  /* slots filled */
    int next;  /* the slot to replace next, round robin */
    int last;  /* the slot the previous row used */
    np_appointment key[NP_ROW_RULES_SLOTS]; /* the parameters (start unused) */
    npi_rules rules[NP_ROW_RULES_SLOTS];
} npi_row_rules;

static inline npi_row_rules npi_row_rules_init(const np_policy *policy)
{
    npi_row_rules c;
    memset(&c, 0, sizeof c);
    c.policy = policy;
    return c;
}

/* The row's appointment as the columns give it (NULL column: default). */
np_appointment npi_roster_row_appointment(const np_roster_columns *c, size_t row);

/* Fills days[code] with every event's day number (NP_RULES_ABSENT where the
 * appointment has none) for row `row`. NP_EINVAL without any row prefix
 * (callers add it) for a bad parameter or a date outside 0001..9999. */
np_status npi_roster_row_events(npi_row_rules *cache, const np_roster_columns *c, size_t row,
                               int64_t days[NP_EVENT_COUNT], np_error *err);

#endif
