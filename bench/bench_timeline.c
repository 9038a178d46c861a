/* Throughput of the C core's contract-end computation: the batch call over a
 * large array of start dates, np_timeline_build per appointment (a whole
 * np_timeline with its notes, one call each), and whole timelines as columns
 * (every event of every appointment in one np_roster_events call).
 * Prints one line per measurement; the ratio script reads "name value". */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_clock.h"
#include "natopost/natopost.h"

int main(int argc, char **argv)
{
    const size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 10000000;
    int64_t *starts = malloc(n * sizeof *starts);
    int64_t *ends = malloc(n * sizeof *ends);
    if (!starts || !ends) return 1;
    /* Every day from 1990 on, cycling: all month lengths and leap days occur. */
    for (size_t i = 0; i < n; i++) starts[i] = 7305 + (int64_t)(i % 20000);

    np_appointment a = NP_APPOINTMENT_INIT;
    a.twin_grade = true;
    np_error err;
    double best = 1e9, best_cpu = 1e9;
    for (int rep = 0; rep < 5; rep++) {
        const double t0 = now_seconds(), c0 = cpu_seconds();
        if (np_timeline_batch(NULL, &a, NP_EVENT_CONTRACT_END, starts, ends, n, &err) != NP_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        const double dt = now_seconds() - t0, dc = cpu_seconds() - c0;
        if (dt < best) best = dt;
        if (dc < best_cpu) best_cpu = dc;
    }
    int64_t check = 0;
    for (size_t i = 0; i < n; i += 4096) check += ends[i];
    printf("c_batch_contract_end_per_s %.0f\n", (double)n / best);
    printf("c_batch_contract_end_per_cpu_s %.0f\n", (double)n / best_cpu);

    const size_t m = n / 10;
    best = 1e9;
    best_cpu = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        const double t0 = now_seconds(), c0 = cpu_seconds();
        for (size_t i = 0; i < m; i++) {
            np_timeline t;
            a.start = (np_date)starts[i];
            if (np_timeline_build(&t, NULL, &a, &err) != NP_OK) return 1;
            check += t.events[t.event_count - 1].date;
        }
        const double dt = now_seconds() - t0, dc = cpu_seconds() - c0;
        if (dt < best) best = dt;
        if (dc < best_cpu) best_cpu = dc;
    }
    printf("c_full_timelines_per_s %.0f\n", (double)m / best);
    printf("c_full_timelines_per_cpu_s %.0f\n", (double)m / best_cpu);

    /* Whole timelines as columns: every event of n appointments at once
     * (np_roster_events, what Python's natopost.timelines runs on). */
    int64_t *columns = malloc((size_t)NP_EVENT_COUNT * n * sizeof *columns);
    if (!columns) return 1;
    int64_t *days[NP_EVENT_COUNT];
    for (int c = 0; c < NP_EVENT_COUNT; c++) days[c] = columns + (size_t)c * n;
    const uint8_t twin = 1;
    uint8_t *twins = malloc(n);
    if (!twins) return 1;
    for (size_t i = 0; i < n; i++) twins[i] = twin;
    const np_roster_columns roster = {n, starts, NULL, NULL, NULL, NULL, twins, NULL, NULL, NULL, 0};
    best = 1e9;
    best_cpu = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        const double t0 = now_seconds(), c0 = cpu_seconds();
        if (np_roster_events(NULL, &roster, days, &err) != NP_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        const double dt = now_seconds() - t0, dc = cpu_seconds() - c0;
        if (dt < best) best = dt;
        if (dc < best_cpu) best_cpu = dc;
    }
    for (size_t i = 0; i < n; i += 4096) check += days[NP_EVENT_CONTRACT_END][i];
    printf("c_timeline_columns_per_s %.0f\n", (double)n / best);
    printf("c_timeline_columns_per_cpu_s %.0f\n", (double)n / best_cpu);
    free(columns);
    free(twins);
    fprintf(stderr, "(checksum %lld)\n", (long long)check);
    free(starts);
    free(ends);
    return 0;
}
