/* Test support shared by the Criterion suites (header only, nothing to link):
 *
 *   - TS_ASSERT_NO_LEAKS(): fails the current test under ASan when LeakSanitizer
 *     finds a leak (Criterion ignores LSan's report at the child's exit; see
 *     ../../../shared/notes/toolchain.md). A no-op in other builds.
 *   - an independent, deliberately naive calendar oracle (closed-form day
 *     count, month arithmetic on year/month/day by hand) used as the expected
 *     value for the core's constant-time date code. test_date.c checks the
 *     oracle itself day by day against a plain day counter.
 *   - a fixed-seed PRNG (splitmix64) for bounded property loops.
 *   - ts_read_file(): a whole file into memory, for the suites that compare
 *     or feed files (it does not assert, so suites without Criterion can
 *     include this header).
 */
#ifndef NATOPOST_TESTS_SUPPORT_H
#define NATOPOST_TESTS_SUPPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- leak check ------------------------------------------------------------ */

#if defined(__SANITIZE_ADDRESS__)
#define TS_HAVE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TS_HAVE_LSAN 1
#endif
#endif

#ifdef TS_HAVE_LSAN
#include <sanitizer/lsan_interface.h>
#define TS_ASSERT_NO_LEAKS() \
    cr_assert_eq(__lsan_do_recoverable_leak_check(), 0, "LeakSanitizer found leaks (report above)")
#else
#define TS_ASSERT_NO_LEAKS() ((void)0)
#endif

/* ---- files ------------------------------------------------------------------ */

/* The whole file at `path`, NUL-terminated, its length in *len (when `len`
 * is not NULL); NULL when it cannot be opened or read. Free with free(). */
static inline char *ts_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *text = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (text = malloc((size_t)n + 1)) != NULL && fread(text, 1, (size_t)n, f) != (size_t)n) {
        free(text);
        text = NULL;
    }
    fclose(f);
    if (!text) return NULL;
    text[n] = '\0';
    if (len) *len = (size_t)n;
    return text;
}

/* ---- naive calendar oracle -------------------------------------------------- */

typedef struct ts_ymd {
    int64_t y;
    int m;
    int d;
} ts_ymd;

static inline bool ts_is_leap(int64_t y)
{
    if (y % 400 == 0) return true;
    if (y % 100 == 0) return false;
    return y % 4 == 0;
}

static inline int ts_dim(int64_t y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ts_is_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of y-m-d, for y >= 1: whole years before y (365 each
 * plus the leap days among them), whole months before m, then the day. */
static inline int64_t ts_days(ts_ymd t)
{
    const int64_t py = t.y - 1;
    int64_t n = py * 365 + py / 4 - py / 100 + py / 400;
    for (int m = 1; m < t.m; m++) n += ts_dim(t.y, m);
    return n + t.d - 1 - 719162; /* 719162 days from 0001-01-01 to 1970-01-01 */
}

static inline ts_ymd ts_ymd_of(int64_t y, int m, int d) { return (ts_ymd){y, m, d}; }

static inline bool ts_ymd_eq(ts_ymd a, ts_ymd b) { return a.y == b.y && a.m == b.m && a.d == b.d; }

static inline int ts_ymd_cmp(ts_ymd a, ts_ymd b)
{
    if (a.y != b.y) return a.y < b.y ? -1 : 1;
    if (a.m != b.m) return a.m < b.m ? -1 : 1;
    if (a.d != b.d) return a.d < b.d ? -1 : 1;
    return 0;
}

static inline ts_ymd ts_next_day(ts_ymd t)
{
    if (t.d < ts_dim(t.y, t.m)) return ts_ymd_of(t.y, t.m, t.d + 1);
    if (t.m < 12) return ts_ymd_of(t.y, t.m + 1, 1);
    return ts_ymd_of(t.y + 1, 1, 1);
}

static inline ts_ymd ts_prev_day(ts_ymd t)
{
    if (t.d > 1) return ts_ymd_of(t.y, t.m, t.d - 1);
    if (t.m > 1) return ts_ymd_of(t.y, t.m - 1, ts_dim(t.y, t.m - 1));
    return ts_ymd_of(t.y - 1, 12, 31);
}

/* Spec: same day n months later; a day the target month lacks -> 1st of the
 * following month. */
static inline ts_ymd ts_anniversary(ts_ymd s, int64_t n)
{
    ts_ymd t = s;
    for (int64_t i = 0; i < n % 12; i++) {
        if (++t.m == 13) {
            t.m = 1;
            t.y++;
        }
    }
    t.y += n / 12;
    if (t.d > ts_dim(t.y, t.m)) {
        t.d = ts_dim(t.y, t.m);
        return ts_next_day(t);
    }
    return t;
}

/* Spec: a period of n months from s ends the day before the n-month anniversary. */
static inline ts_ymd ts_period_end(ts_ymd s, int64_t n) { return ts_prev_day(ts_anniversary(s, n)); }

/* Spec: moved back n months, a missing day clamped to the month's last day.
 * The year may come out as 0 or negative (the caller checks). */
static inline ts_ymd ts_months_before_clamped(ts_ymd s, int64_t n)
{
    ts_ymd t = s;
    for (int64_t i = 0; i < n % 12; i++) {
        if (--t.m == 0) {
            t.m = 12;
            t.y--;
        }
    }
    t.y -= n / 12;
    const int dim = ts_dim(t.y < 1 ? 2000 : t.y, t.m); /* year only matters for February */
    if (t.d > dim) t.d = dim;
    return t;
}

/* Spec: the largest m whose period (from s) ends on or before `on`. */
static inline int64_t ts_months_completed(ts_ymd s, ts_ymd on)
{
    int64_t m = 0;
    while (ts_ymd_cmp(ts_period_end(s, m + 1), on) <= 0) m++;
    return m;
}

/* ---- PRNG ------------------------------------------------------------------- */

typedef struct ts_rng {
    uint64_t state;
} ts_rng;

static inline uint64_t ts_rng_next(ts_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform-enough integer in [lo, hi]. */
static inline int64_t ts_rng_range(ts_rng *r, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(ts_rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* A random valid date in years lo..hi. */
static inline ts_ymd ts_rng_date(ts_rng *r, int64_t lo, int64_t hi)
{
    const int64_t y = ts_rng_range(r, lo, hi);
    const int m = (int)ts_rng_range(r, 1, 12);
    const int d = (int)ts_rng_range(r, 1, ts_dim(y, m));
    return ts_ymd_of(y, m, d);
}

#endif
