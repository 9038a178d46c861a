/* The 32-bit day-number arithmetic of core/src/civil.h (Neri and Schneider's
 * calendar, anniversaries in the March-based computational calendar) against
 * the naive oracle of support.h, day by day over 0001-01-01..9899-12-31 for
 * offsets around every month-length boundary (anniversaries forward, the
 * period's last day split, and backward clamped as the conversion window's
 * close), plus the leap-year test over
 * every year. date.h's own functions are checked day by day in test_date.c. */
#include <criterion/criterion.h>
#include <inttypes.h>

#include "dates/civil.h"
#include "support.h"

static int64_t shifted_to_day(uint32_t u) { return (int64_t)u - (int64_t)NP_CIVIL_SHIFT_DAYS; }

Test(civil, anniversaries_on_day_numbers_every_day)
{
    static const int offsets[] = {0, 1, 2, 11, 12, 13, 23, 36, 59, 72, 100, 1199};
    ts_ymd t = ts_ymd_of(1, 1, 1);
    int64_t n = NP_DATE_MIN, bad = 0, checked = 0;
    char first[160] = "";
    for (; t.y < 9900; t = ts_next_day(t), n++) {
        const npi_civil_split s = npi_civil_split_u32((uint32_t)n + NP_CIVIL_SHIFT_DAYS);
        for (size_t k = 0; k < sizeof offsets / sizeof offsets[0]; k++) {
            const int off = offsets[k];
            const int64_t got = shifted_to_day(npi_civil_anniversary_split(s, (uint32_t)off / 12, (uint32_t)off % 12));
            const int64_t want = ts_days(ts_anniversary(t, off));
            checked++;
            if (got != want && bad++ == 0)
                snprintf(first, sizeof first, "%04d-%02d-%02d + %d months: %" PRId64 ", oracle %" PRId64,
                         (int)t.y, t.m, t.d, off, got, want);
            /* The period's last day, split (the contract end the window's close counts back from) */
            const npi_civil_split last = npi_civil_period_last_split(s, (uint32_t)off / 12, (uint32_t)off % 12);
            const npi_civil_split want_last = npi_civil_split_u32((uint32_t)(want - 1) + NP_CIVIL_SHIFT_DAYS);
            checked++;
            if ((last.year != want_last.year || last.mar0 != want_last.mar0 || last.day0 != want_last.day0) &&
                bad++ == 0)
                snprintf(first, sizeof first, "%04d-%02d-%02d: last day of %d months split as %u/%u/%u, want %u/%u/%u",
                         (int)t.y, t.m, t.d, off, last.year, last.mar0, last.day0, want_last.year,
                         want_last.mar0, want_last.day0);
            /* The conversion window's close: back, clamped (years >= 1 only) */
            const ts_ymd before = ts_months_before_clamped(t, off);
            if (before.y < 1) continue;
            const int64_t got_back =
                shifted_to_day(npi_civil_months_before_clamped_split(s, (uint32_t)off / 12, (uint32_t)off % 12));
            checked++;
            if (got_back != ts_days(before) && bad++ == 0)
                snprintf(first, sizeof first, "%04d-%02d-%02d - %d months (clamped): %" PRId64 ", oracle %" PRId64,
                         (int)t.y, t.m, t.d, off, got_back, ts_days(before));
        }
        const np_ymd back = npi_civil_from_days(n);
        if ((back.year != t.y || back.month != t.m || back.day != t.d) && bad++ == 0)
            snprintf(first, sizeof first, "civil_from_days(%" PRId64 ")", n);
        if (npi_days_from_civil(t.y, t.m, t.d) != n && bad++ == 0)
            snprintf(first, sizeof first, "days_from_civil(%04d-%02d-%02d)", (int)t.y, t.m, t.d);
    }
    cr_assert_eq(bad, 0, "%" PRId64 " mismatches; first: %s", bad, first);
    cr_assert_gt(checked, 120000000);
}

Test(civil, leap_years_shifted)
{
    for (int64_t y = 1; y <= 20000; y++)
        cr_assert_eq(npi_civil_is_leap_u32((uint32_t)y + NP_CIVIL_SHIFT_YEARS) != 0, ts_is_leap(y),
                     "year %" PRId64, y);
}
