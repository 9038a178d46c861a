/* Throughput of the roster projection: 1,000,000 appointments over 120
 * months, on one core. Two rosters: starts and twin grades only (the other
 * parameters from the policy), and one where every row has its own kind,
 * month counts and reduction (the per-row rules are resolved again each time
 * they change). Prints "name value" lines. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench_clock.h"
#include "natopost/natopost.h"

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Best wall-clock time; *best_cpu the best CPU time (a shared machine's wall
 * clock also counts the time other processes hold the core). */
static double best_projection(const np_roster_columns *c, int *check, double *best_cpu)
{
    double best = 1e9;
    *best_cpu = 1e9;
    for (int rep = 0; rep < 5; rep++) {
        np_projection p;
        np_error err;
        const double t0 = now_seconds(), c0 = cpu_seconds();
        if (np_roster_project(&p, NULL, c, 2026, 1, 120, &err) != NP_OK) {
            fprintf(stderr, "%s\n", err.message);
            exit(1);
        }
        const double dt = now_seconds() - t0, dc = cpu_seconds() - c0;
        if (dt < best) best = dt;
        if (dc < *best_cpu) *best_cpu = dc;
        *check += (int)p.counts[NP_EVENT_COUNT];
        np_projection_free(&p);
    }
    return best;
}

int main(int argc, char **argv)
{
    const size_t n = argc > 1 ? (size_t)strtoull(argv[1], NULL, 10) : 1000000;
    int64_t *start = malloc(n * sizeof *start);
    uint8_t *twin = malloc(n * sizeof *twin);
    int32_t *kind = malloc(n * sizeof *kind), *renewal = malloc(n * sizeof *renewal),
            *reduction = malloc(n * sizeof *reduction);
    if (!start || !twin || !kind || !renewal || !reduction) return 1;
    uint64_t seed = 18;
    for (size_t i = 0; i < n; i++) {
        const uint64_t r = next(&seed);
        start[i] = 16071 + (int64_t)(r % 5479); /* 2014-01-01 .. 2028-12-31 */
        twin[i] = (r >> 20) & 1;
        kind[i] = (int32_t)((r >> 21) % 2);     /* external or seconded */
        renewal[i] = (int32_t)((r >> 24) % 37);
        reduction[i] = twin[i] ? (int32_t)((r >> 32) % 25) : 0;
    }
    int check = 0;
    const np_roster_columns simple = {n, start, NULL, NULL, NULL, NULL, twin, NULL, NULL, NULL, 0};
    double c_simple, c_varied;
    const double t_simple = best_projection(&simple, &check, &c_simple);
    const np_roster_columns varied = {n, start, kind, NULL, renewal, NULL, twin, reduction, NULL, NULL, 0};
    const double t_varied = best_projection(&varied, &check, &c_varied);
    const double per_million = 1e3 * 1e6 / (double)n;
    printf("c_roster_project_1M_120_months_ms %.1f (cpu %.1f)\n", t_simple * per_million, c_simple * per_million);
    printf("c_roster_project_varied_1M_120_months_ms %.1f (cpu %.1f)\n", t_varied * per_million,
           c_varied * per_million);
    fprintf(stderr, "(checksum %d)\n", check);
    free(start);
    free(twin);
    free(kind);
    free(renewal);
    free(reduction);
    return 0;
}
