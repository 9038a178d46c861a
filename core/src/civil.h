/* Private: constant-time civil date arithmetic on day numbers (days since
 * 1970-01-01), inline so that hot loops (the batch timeline) pay no call.
 * None of these check the 0001..9999 range; callers do. */
#ifndef NATOPOST_CIVIL_H
#define NATOPOST_CIVIL_H

#include <stdint.h>

#include "natopost/date.h"

/* Howard Hinnant's days_from_civil. Unsigned 32-bit arithmetic: the callers
 * pass years 1..~20000 (month arithmetic can overshoot 9999 before the range
 * check), for which every intermediate fits, and 32-bit division by a
 * constant is markedly cheaper in the batch loop than 64-bit. */
static inline int64_t np_days_from_civil(int64_t year, int m, int d)
{
    const uint32_t y = (uint32_t)year - (m <= 2);
    const uint32_t era = y / 400;
    const uint32_t yoe = y - era * 400;                                            /* [0, 399] */
    const uint32_t doy = (153 * (uint32_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (uint32_t)d - 1; /* [0, 365] */
    const uint32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                    /* [0, 146096] */
    return (int64_t)era * 146097 + (int64_t)doe - 719468;
}

/* Inverse of np_days_from_civil, for day numbers of years 1..~20000. */
static inline np_ymd np_civil_from_days(int64_t days)
{
    const uint32_t z = (uint32_t)(days + 719468);
    const uint32_t era = z / 146097;
    const uint32_t doe = z - era * 146097;
    const uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const uint32_t mp = (5 * doy + 2) / 153;
    const int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    const int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    const int y = (int)(yoe + era * 400) + (m <= 2);
    return (np_ymd){y, m, d};
}

static inline int np_civil_days_in_month(uint32_t year, int month)
{
    if (month != 2) return 30 + ((month + (month >> 3)) & 1); /* 31 in Jan, Mar, May, Jul, Aug, Oct, Dec */
    return ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
}

/* The n-month anniversary (n >= 0) of the date `s`: a day the target month
 * lacks rolls to the 1st of the following month. */
static inline int64_t np_civil_anniversary(np_ymd s, int64_t months)
{
    const uint32_t total = (uint32_t)s.year * 12 + (uint32_t)(s.month - 1) + (uint32_t)months;
    const uint32_t year = total / 12;
    const int month = (int)(total % 12) + 1;
    const int dim = np_civil_days_in_month(year, month);
    if (s.day > dim) return np_days_from_civil(year, month, dim) + 1;
    return np_days_from_civil(year, month, s.day);
}

/* `s` moved back n months, a missing day clamped to the month's last day.
 * The caller guarantees the result's year is >= 1. */
static inline int64_t np_civil_months_before_clamped(np_ymd s, int64_t months)
{
    const uint32_t total = (uint32_t)((int64_t)s.year * 12 + (s.month - 1) - months);
    const uint32_t year = total / 12;
    const int month = (int)(total % 12) + 1;
    const int dim = np_civil_days_in_month(year, month);
    return np_days_from_civil(year, month, s.day > dim ? dim : s.day);
}

#endif
