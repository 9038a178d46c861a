/* Loader for the case tables shared by every host (tests/data/timeline_cases.json
 * and timeline_errors.json), read from the folder named by the environment
 * variable NATOPOST_TEST_DATA.
 *
 * The loader is strict (an unknown key or a wrong type fails the load), so a
 * field added to the tables cannot be silently ignored by the C suites. Dates
 * of expected values are converted with the independent oracle of support.h
 * and names with hand-written tables, never with the functions under test;
 * input strings ('start', 'kind') are kept raw so that the tests feed them to
 * np_date_parse and np_kind_parse themselves. */
#ifndef NATOPOST_TESTS_TEST_DATA_H
#define NATOPOST_TESTS_TEST_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/timeline.h"

#define TD_TEXT_MAX 256

/* An appointment as written in a table, fields not yet interpreted. */
typedef struct td_input {
    char start[TD_TEXT_MAX]; /* raw; may be malformed in the error table */
    size_t start_len;
    bool has_kind;
    char kind[TD_TEXT_MAX];  /* raw, when has_kind */
    int initial_months;      /* NP_FROM_POLICY when absent */
    int renewal_months;      /* NP_FROM_POLICY when absent */
    int max_months;          /* NP_FROM_POLICY when absent */
    bool twin_grade;         /* false when absent */
    int reduction_months;    /* 0 when absent */
    bool direct_higher;      /* false when absent */
} td_input;

typedef struct td_status {
    np_date on;
    np_phase phase;
    int32_t days_to_contract_end;
    bool conversion_window_open;
    int months_served;
    bool promotion_possible;
} td_status;

typedef struct td_case {
    char name[TD_TEXT_MAX];
    td_input input;
    np_date start;                      /* input.start through the oracle */
    bool has_event[NP_EVENT_COUNT];
    np_date event_date[NP_EVENT_COUNT]; /* when has_event */
    size_t event_count;
    np_note_code notes[NP_NOTE_COUNT];
    size_t note_count;
    td_status *status;
    size_t status_count;
} td_case;

typedef struct td_error_case {
    td_input input;
    char **fragments; /* every one must appear in the error message */
    size_t fragment_count;
} td_error_case;

/* Each returns 0 and an array to free with the matching td_free_*, or -1 with
 * a reason in `why`. */
int td_load_cases(td_case **out, size_t *count, char *why, size_t why_size);
void td_free_cases(td_case *cases, size_t count);
int td_load_errors(td_error_case **out, size_t *count, char *why, size_t why_size);
void td_free_errors(td_error_case *cases, size_t count);

/* The spec's names, written by hand: the code of `name`, or -1. */
int td_event_code(const char *name);
int td_note_code(const char *name);
int td_phase(const char *name);

/* Strict "YYYY-MM-DD" through the oracle; false if malformed or not a date. */
bool td_parse_date(const char *text, np_date *out);

#endif
