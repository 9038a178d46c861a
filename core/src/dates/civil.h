/* Private: constant-time civil date arithmetic on day numbers (days since
 * 1970-01-01), inline so that hot loops (the batch timeline) pay no call.
 * None of these check the 0001..9999 range; callers do. */
#ifndef NATOPOST_CIVIL_H
#define NATOPOST_CIVIL_H

#include <stdint.h>

#include "natopost/date.h"

/* Civil-date conversions by C. Neri and L. Schneider, "Euclidean affine
 * functions and their application to calendar algorithms" (Software: Practice
 * and Experience, 2022), as libstdc++'s <chrono> writes them: the calendar is
 * shifted by 1468000 years (NP_CIVIL_SHIFT_DAYS days) so that every
 * intermediate is an unsigned 32-bit value, and the divisions become
 * multiply-and-shift steps that vectorise. Valid for years 1..~1 million (the
 * callers pass years 1..~20000: month arithmetic can overshoot 9999 before the
 * range check). */
#define NP_CIVIL_SHIFT_YEARS 1468000u
#define NP_CIVIL_SHIFT_DAYS 536895458u /* day 0 = 1970-01-01, seen from year -1468000 */

static inline int64_t npi_days_from_civil(int64_t year, int m, int d)
{
    const uint32_t y1 = (uint32_t)year + NP_CIVIL_SHIFT_YEARS;
    const uint32_t jan_feb = (uint32_t)m < 3;
    const uint32_t y0 = y1 - jan_feb;                       /* years start in March */
    const uint32_t m0 = jan_feb ? (uint32_t)m + 12 : (uint32_t)m;
    const uint32_t q1 = y0 / 100;
    const uint32_t yc = 1461 * y0 / 4 - q1 + q1 / 4;        /* days before March 1st of y0 */
    const uint32_t mc = (979 * m0 - 2919) / 32;             /* days from March 1st to month m0 */
    return (int64_t)(yc + mc + (uint32_t)d - 1) - (int64_t)NP_CIVIL_SHIFT_DAYS;
}

/* Inverse of npi_days_from_civil, for day numbers of years 1..~20000. */
static inline np_ymd npi_civil_from_days(int64_t days)
{
    const uint32_t r0 = (uint32_t)days + NP_CIVIL_SHIFT_DAYS;
    const uint32_t n1 = 4 * r0 + 3;
    const uint32_t q1 = n1 / 146097;                        /* centuries */
    const uint32_t r1 = n1 % 146097 / 4;                    /* day of the century */
    const uint32_t n2 = 4 * r1 + 3;
    const uint64_t u2 = (uint64_t)2939745 * n2;
    const uint32_t q2 = (uint32_t)(u2 >> 32);               /* year of the century */
    const uint32_t r2 = (uint32_t)u2 / 2939745 / 4;         /* day of the year, from March 1st */
    const uint32_t n3 = 2141 * r2 + 197913;
    const uint32_t q3 = n3 >> 16;                           /* month, March = 3 .. February = 14 */
    const uint32_t r3 = (n3 & 0xFFFF) / 2141;               /* day of the month - 1 */
    const uint32_t jan_feb = r2 >= 306;
    const uint32_t y = 100 * q1 + q2 + jan_feb;
    return (np_ymd){(int)(y - NP_CIVIL_SHIFT_YEARS), (int)(jan_feb ? q3 - 12 : q3), (int)r3 + 1};
}

/* np_date_in_range, inline for the per-date loops (a call per date showed in
 * profiles of the batch check and np_timeline_build). */
static inline int npi_civil_in_range(int64_t days) { return days >= NP_DATE_MIN && days <= NP_DATE_MAX; }

static inline int npi_civil_days_in_month(uint32_t year, int month)
{
    if (month != 2) return 30 + ((month + (month >> 3)) & 1); /* 31 in Jan, Mar, May, Jul, Aug, Oct, Dec */
    return ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : 28;
}

/* The n-month anniversary (n >= 0) of the date `s`: a day the target month
 * lacks rolls to the 1st of the following month. */
static inline int64_t npi_civil_anniversary(np_ymd s, int64_t months)
{
    const uint32_t total = (uint32_t)s.year * 12 + (uint32_t)(s.month - 1) + (uint32_t)months;
    const uint32_t year = total / 12;
    const int month = (int)(total % 12) + 1;
    const int dim = npi_civil_days_in_month(year, month);
    if (s.day > dim) return npi_days_from_civil(year, month, dim) + 1;
    return npi_days_from_civil(year, month, s.day);
}

/* `s` moved back n months, a missing day clamped to the month's last day.
 * The caller guarantees the result's year is >= 1. */
static inline int64_t npi_civil_months_before_clamped(np_ymd s, int64_t months)
{
    const uint32_t total = (uint32_t)((int64_t)s.year * 12 + (s.month - 1) - months);
    const uint32_t year = total / 12;
    const int month = (int)(total % 12) + 1;
    const int dim = npi_civil_days_in_month(year, month);
    return npi_days_from_civil(year, month, s.day > dim ? dim : s.day);
}

/* ---- Anniversaries on day numbers, without leaving 32-bit arithmetic ----
 * The batch kernels and rosters compute many anniversaries of many starts.
 * These work on "shifted" day numbers (day + NP_CIVIL_SHIFT_DAYS, uint32) and
 * in Neri and Schneider's computational calendar (years start on March 1st,
 * so February, the only month whose length varies, comes last): no division
 * by 12, no year/month/day round trip, and every step vectorises. */

/* Leap year of a year shifted by NP_CIVIL_SHIFT_YEARS (a multiple of 400, so
 * the answer is the civil year's). Neri and Schneider: a multiple of 100 is a
 * multiple of 25, tested with one multiplication by 25's inverse mod 2^32. */
static inline uint32_t npi_civil_is_leap_u32(uint32_t y)
{
    const uint32_t century = y * 3264175145u <= 171798691u; /* y % 25 == 0 */
    return (y & (century ? 15u : 3u)) == 0;
}

/* A shifted day split in the computational calendar. */
typedef struct npi_civil_split {
    uint32_t year; /* March-based year, shifted */
    uint32_t mar0; /* 0 = March .. 11 = February */
    uint32_t day0; /* day of the month - 1 */
} npi_civil_split;

static inline npi_civil_split npi_civil_split_u32(uint32_t u)
{
    const uint32_t n1 = 4 * u + 3;
    const uint32_t q1 = n1 / 146097;
    const uint32_t r1 = n1 % 146097 / 4;
    const uint32_t n2 = 4 * r1 + 3;
    const uint64_t u2 = (uint64_t)2939745 * n2;
    const uint32_t q2 = (uint32_t)(u2 >> 32);
    const uint32_t r2 = (uint32_t)u2 / 2939745 / 4;       /* day of the March-based year */
    const uint32_t n3 = 2141 * r2 + 197913;
    return (npi_civil_split){100 * q1 + q2, (n3 >> 16) - 3, (n3 & 0xFFFF) / 2141};
}

/* The n-month anniversary (n = 12 * years + months, months 0..11) of the
 * split day `s`, as a shifted day: the same day of the month, a day the
 * target month lacks rolling to the 1st of the following month. Also, in
 * *last, the day before it split (the last day of the n-month period: a
 * contract's last day, from which the conversion window's close is counted
 * back), from the same month arithmetic instead of a second split's chain of
 * multiplies: the anniversary's day of the month is min(day, month length),
 * the length meaning the roll; the day before is that minus one or, when the
 * anniversary is its month's 1st, the previous month's last day. Selects, not
 * branches, so that the block kernel vectorises; a caller that ignores *last
 * pays nothing for it once inlined. */
static inline uint32_t npi_civil_anniversary_and_last(npi_civil_split s, uint32_t years, uint32_t months,
                                                      npi_civil_split *last)
{
    const uint32_t mm = s.mar0 + months;
    const uint32_t carry = mm >= 12;
    const uint32_t m0 = mm - 12 * carry + 3;               /* 3 = March .. 14 = February */
    const uint32_t y = s.year + years + carry;
    const uint32_t c = y / 100;
    const uint32_t year_start = 1461 * y / 4 - c + c / 4;  /* its March 1st */
    const uint32_t month_start = (979 * m0 - 2919) / 32;
    /* The next month's first day, as an offset from March 1st: February's is
     * the next March 1st (365 or 366). */
    const uint32_t next_start = m0 == 14 ? 365 + npi_civil_is_leap_u32(y + 1) : (979 * m0 + 979 - 2919) / 32;
    const uint32_t length = next_start - month_start;
    const uint32_t day = s.day0 < length ? s.day0 : length; /* the anniversary's day0, or the roll */
    /* The previous month: February of the year before (civil year y) before
     * March, otherwise March .. January, whose length the formula gives. */
    const uint32_t march = m0 == 3;
    const uint32_t previous_length =
        march ? 28 + npi_civil_is_leap_u32(y) : month_start - (979 * m0 - 979 - 2919) / 32;
    const npi_civil_split same = {y, m0 - 3, day - 1};
    const npi_civil_split previous = {y - march, march ? 11 : m0 - 4, previous_length - 1};
    *last = day > 0 ? same : previous;
    return year_start + month_start + day;
}

/* The anniversary alone. */
static inline uint32_t npi_civil_anniversary_split(npi_civil_split s, uint32_t years, uint32_t months)
{
    npi_civil_split unused;
    return npi_civil_anniversary_and_last(s, years, months, &unused);
}

/* The day before the anniversary alone, split. */
static inline npi_civil_split npi_civil_period_last_split(npi_civil_split s, uint32_t years, uint32_t months)
{
    npi_civil_split last;
    (void)npi_civil_anniversary_and_last(s, years, months, &last);
    return last;
}

/* The split day `s` moved back n months (n = 12 * years + months, months
 * 0..11), as a shifted day: a day the target month lacks is clamped to its
 * last day ("no later than"). The calendar's shift keeps the year positive for
 * any n the policy allows, so no range test is needed here. */
static inline uint32_t npi_civil_months_before_clamped_split(npi_civil_split s, uint32_t years,
                                                            uint32_t months)
{
    const uint32_t borrow = s.mar0 < months;
    const uint32_t m0 = s.mar0 + 12 * borrow - months + 3; /* 3 = March .. 14 = February */
    const uint32_t y = s.year - years - borrow;
    const uint32_t c = y / 100;
    const uint32_t year_start = 1461 * y / 4 - c + c / 4;
    const uint32_t month_start = (979 * m0 - 2919) / 32;
    const uint32_t last_day0 = m0 == 14 ? 27 + npi_civil_is_leap_u32(y + 1)
                                        : (979 * m0 + 979 - 2919) / 32 - month_start - 1;
    return year_start + month_start + (s.day0 < last_day0 ? s.day0 : last_day0);
}

/* The same from the shifted day itself. */
static inline uint32_t npi_civil_anniversary_u32(uint32_t u, uint32_t years, uint32_t months)
{
    return npi_civil_anniversary_split(npi_civil_split_u32(u), years, months);
}

#endif
