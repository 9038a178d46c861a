/* The benchmarks' clocks: wall clock, and this process's CPU time (on a
 * shared machine the wall clock also counts the time other processes hold
 * the core; the benchmarks print both). Needs _POSIX_C_SOURCE >= 199309L. */
#ifndef NATOPOST_BENCH_CLOCK_H
#define NATOPOST_BENCH_CLOCK_H

#include <time.h>

static inline double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
