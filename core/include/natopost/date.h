/* natopost/date.h -- civil (proleptic Gregorian) dates, years 1..9999.
 *
 * A date is a plain day number: days since 1970-01-01 (negative before it),
 * the same epoch as numpy's datetime64[D], so buffers of day numbers pass
 * between natopost and numpy unchanged. Conversions are constant time
 * (Neri and Schneider's Euclidean affine functions, core/src/civil.h).
 *
 * Month arithmetic follows docs/contract-rules.md, "Date conventions":
 *   - n-month anniversary: same day n months later; a day the target month
 *     lacks rolls to the 1st of the following month (31 Jan + 1 = 1 Mar);
 *   - a period of n months from D ends the day before D's n-month anniversary;
 *   - "no later than n months before D" clamps to the target month's last day;
 *   - months completed by the end of day X: the largest m whose period ends on
 *     or before X.
 * Every function that can leave 0001-01-01..9999-12-31 reports NP_EINVAL.
 */
#ifndef NATOPOST_DATE_H
#define NATOPOST_DATE_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t np_date;

#define NP_DATE_MIN ((np_date)-719162)  /* 0001-01-01 */
#define NP_DATE_MAX ((np_date)2932896)  /* 9999-12-31 */
#define NP_DATE_ISO_LEN 10              /* "YYYY-MM-DD" without the NUL */

/* Largest month count accepted by the month functions (about 10,000 years). */
#define NP_MONTHS_MAX 120000

typedef struct np_ymd {
    int year;  /* 1..9999 */
    int month; /* 1..12 */
    int day;   /* 1..31 */
} np_ymd;

NP_API bool np_date_is_leap_year(int year);
/* Days in `month` of `year`; 0 when month is outside 1..12. */
NP_API int np_date_days_in_month(int year, int month);
/* True if `d` is inside 0001-01-01..9999-12-31. */
NP_API bool np_date_in_range(int64_t days);

/* Builds a date from year, month, day; NP_EINVAL with a message such as
 * "day 30 is out of range for February 2025" when the date does not exist. */
NP_API np_status np_date_from_ymd(np_date *out, int year, int month, int day, np_error *err);

/* Splits a date into year, month and day (`d` must be in range). */
NP_API np_ymd np_date_to_ymd(np_date d);

/* Strict ISO-8601 calendar date: exactly "YYYY-MM-DD", ASCII digits, no sign,
 * no spaces, no time part. `len` is the length of `text` (use strlen for C
 * strings). NP_EPARSE for a malformed string (the message says which character
 * and column), NP_EINVAL for a well-formed date that does not exist. */
NP_API np_status np_date_parse(np_date *out, const char *text, size_t len, np_error *err);

/* Today's date in the local time zone (the system clock and TZ). NP_EIO
 * when the clock or the time zone cannot be read. Callers that need
 * reproducible runs take a fixed date instead (np_query_env.today). */
NP_API np_status np_date_today(np_date *out, np_error *err);

/* Writes "YYYY-MM-DD" and a NUL into `buf` (at least NP_DATE_ISO_LEN + 1
 * bytes); returns the number of characters written (10). */
NP_API size_t np_date_format(np_date d, char *buf);

/* d + n days; NP_EINVAL if the result leaves the supported range. */
NP_API np_status np_date_add_days(np_date *out, np_date d, int64_t n, np_error *err);

/* ISO weekday: 1 = Monday .. 7 = Sunday. */
NP_API int np_date_weekday(np_date d);

/* The n-month anniversary of `d` (n >= 0), rolling a missing day to the 1st of
 * the following month. */
NP_API np_status np_date_anniversary(np_date *out, np_date d, int months, np_error *err);

/* Last day (inclusive) of a period of `months` (>= 1) months starting on `d`:
 * the day before the n-month anniversary. */
NP_API np_status np_date_period_end(np_date *out, np_date d, int months, np_error *err);

/* `d` moved back `months` months, a missing day clamped to the target month's
 * last day (a "no later than" bound never moves later). */
NP_API np_status np_date_months_before_clamped(np_date *out, np_date d, int months, np_error *err);

/* Months of service completed by the end of day `on` for a service that began
 * on `start`: the largest m with np_date_period_end(start, m) <= on; 0 when
 * on < the end of the first month (including on < start). */
NP_API int np_date_months_completed(np_date start, np_date on);

#ifdef __cplusplus
}
#endif
#endif
