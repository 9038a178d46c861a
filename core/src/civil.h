/* Private: constant-time civil date arithmetic on day numbers (days since
 * 1970-01-01), inline so that hot loops (the batch timeline) pay no call.
 * None of these check the 0001..9999 range; callers do. */
#ifndef NATOPOST_CIVIL_H
#define NATOPOST_CIVIL_H

#include <stdint.h>

#include "natopost/date.h"

/* Howard Hinnant's days_from_civil, written for years >= 0 (all that month
 * arithmetic on dates of years >= 1 can produce). */
static inline int64_t np_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = y / 400;
    const int64_t yoe = y - era * 400;                                  /* [0, 399] */
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* Inverse of np_days_from_civil, for day numbers of years >= 1. */
static inline np_ymd np_civil_from_days(int64_t z)
{
    z += 719468;
    const int64_t era = z / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    const int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    const int y = (int)(yoe + era * 400 + (m <= 2));
    return (np_ymd){y, m, d};
}

static inline int np_civil_days_in_month(int64_t year, int month)
{
    static const signed char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
    return days[month - 1];
}

/* The n-month anniversary (n >= 0) of the date `s`: a day the target month
 * lacks rolls to the 1st of the following month. */
static inline int64_t np_civil_anniversary(np_ymd s, int64_t months)
{
    const int64_t total = (int64_t)s.year * 12 + (s.month - 1) + months;
    const int64_t year = total / 12;
    const int month = (int)(total % 12) + 1;
    const int dim = np_civil_days_in_month(year, month);
    if (s.day > dim) return np_days_from_civil(year, month, dim) + 1;
    return np_days_from_civil(year, month, s.day);
}

/* `s` moved back n months, a missing day clamped to the month's last day.
 * The caller guarantees the result's year is >= 1. */
static inline int64_t np_civil_months_before_clamped(np_ymd s, int64_t months)
{
    const int64_t total = (int64_t)s.year * 12 + (s.month - 1) - months;
    const int64_t year = total / 12;
    const int month = (int)(total % 12) + 1;
    const int dim = np_civil_days_in_month(year, month);
    return np_days_from_civil(year, month, s.day > dim ? dim : s.day);
}

#endif
