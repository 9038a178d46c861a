/* libFuzzer harness: the CSV roster reader. An accepted roster must project
 * (every row was checked when read), grouped by each group column, and write
 * as CSV and JSON; next events must succeed too. A refused one must say why. */
#include <stdint.h>
#include <stdlib.h>

#include "natopost/natopost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    np_roster *r;
    np_error err;
    if (np_roster_read_csv(&r, (const char *)data, size, "fuzz.csv", NULL, &err) != NP_OK) {
        if (err.message[0] == '\0') abort();
        return 0;
    }
    const size_t groups = np_roster_group_column_count(r);
    for (size_t g = 0; g <= groups; g++) {
        const size_t column = g < groups ? g : SIZE_MAX;
        const np_roster_columns view = np_roster_view(r, column);
        np_projection p;
        if (np_roster_project(&p, np_roster_policy(r), &view, 2020, 1, 24, &err) != NP_OK) abort();
        const char **labels = malloc((p.groups ? p.groups : 1) * sizeof *labels);
        if (!labels) abort();
        for (size_t k = 0; k < p.groups; k++)
            labels[k] = g < groups && k < np_roster_group_value_count(r, g) ? np_roster_group_value(r, g, k) : "";
        const char *name = g < groups ? np_roster_group_column_name(r, g) : NULL;
        char *csv = np_projection_to_csv(&p, name, labels, NULL);
        char *json = np_projection_to_json(&p, name, labels, NULL);
        if (!csv || !json) abort();
        np_free(csv);
        np_free(json);
        free((void *)labels);
        np_projection_free(&p);
    }
    const size_t n = np_roster_count(r);
    int32_t *codes = malloc((n ? n : 1) * sizeof *codes);
    int64_t *dates = malloc((n ? n : 1) * sizeof *dates);
    if (!codes || !dates) abort();
    const np_roster_columns view = np_roster_view(r, SIZE_MAX);
    if (np_roster_next_events(np_roster_policy(r), &view, 20000, codes, dates, NULL) != NP_OK) abort();
    free(codes);
    free(dates);
    np_roster_free(r);
    return 0;
}
