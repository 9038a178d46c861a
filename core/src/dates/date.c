#define _POSIX_C_SOURCE 200809L /* localtime_r */
#include "natopost/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dates/civil.h"
#include "support/plural.h"
#include "support/text_quote.h"

static const char *const MONTH_NAMES[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

bool np_date_is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int np_date_days_in_month(int year, int month)
{
    if (month < 1 || month > 12) return 0;
    return npi_civil_days_in_month((uint32_t)year, month);
}

bool np_date_in_range(int64_t days) { return days >= NP_DATE_MIN && days <= NP_DATE_MAX; }

np_ymd np_date_to_ymd(np_date d) { return npi_civil_from_days(d); }

np_status np_date_today(np_date *out, np_error *err)
{
    const time_t now = time(NULL);
    struct tm local;
    if (now == (time_t)-1 || !localtime_r(&now, &local))
        return np_error_set(err, NP_EIO, "cannot read today's date from the system clock");
    return np_date_from_ymd(out, local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, err);
}

static np_status out_of_range(np_error *err, int64_t days)
{
    const int64_t beyond = days < NP_DATE_MIN ? NP_DATE_MIN - days : days - NP_DATE_MAX;
    return np_error_set(err, NP_EINVAL,
                        "date is out of range: %s 0001-01-01..9999-12-31 by %lld %s",
                        days < NP_DATE_MIN ? "before" : "after", (long long)beyond, npi_plural(beyond, "day", "days"));
}

/* Day number of month `total` (year * 12 + month - 1, any sign: years 0 and
 * below are proleptic) on day `day` clamped to the month's length, with
 * signed floor arithmetic; used to say how far outside the range a result
 * falls, where the fast unsigned civil code does not apply. */
static int64_t proleptic_days_clamped(int64_t total, int day)
{
    int64_t y = total >= 0 ? total / 12 : -((-total + 11) / 12);
    const int m = (int)(total - y * 12) + 1;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int dim = m == 2 ? (leap ? 29 : 28) : 30 + ((m + (m >> 3)) & 1);
    const int d = day > dim ? dim : day;
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static np_status check_ymd(int year, int month, int day, np_error *err)
{
    if (year < 1 || year > 9999)
        return np_error_set(err, NP_EINVAL, "year %d is out of range (0001..9999)", year);
    if (month < 1 || month > 12)
        return np_error_set(err, NP_EINVAL, "month %d is out of range (01..12)", month);
    const int dim = np_date_days_in_month(year, month);
    if (day < 1 || day > dim)
        return np_error_set(err, NP_EINVAL, "day %d is out of range for %s %d (01..%02d)", day,
                            MONTH_NAMES[month - 1], year, dim);
    return NP_OK;
}

np_status np_date_from_ymd(np_date *out, int year, int month, int day, np_error *err)
{
    np_status st = check_ymd(year, month, day, err);
    if (st != NP_OK) return st;
    *out = (np_date)npi_days_from_civil(year, month, day);
    return NP_OK;
}

np_status np_date_parse(np_date *out, const char *text, size_t len, np_error *err)
{
    static const char pattern[] = "dddd-dd-dd";
    char shown[NP_QUOTE_MAX];
    if (len == 0) return np_error_set(err, NP_EPARSE, "empty date: expected YYYY-MM-DD");
    npi_quote(shown, sizeof shown, text, len);

    for (size_t i = 0; i < NP_DATE_ISO_LEN; i++) {
        if (i >= len)
            return np_error_set_at(err, NP_EPARSE, 1, (int)i + 1, i,
                                   "date %s ends early at column %zu: expected YYYY-MM-DD",
                                   shown, i + 1);
        const unsigned char c = (unsigned char)text[i];
        if (pattern[i] == 'd' && !(c >= '0' && c <= '9'))
            return np_error_set_at(err, NP_EPARSE, 1, (int)i + 1, i,
                                   "date %s: expected a digit at column %zu (format YYYY-MM-DD)",
                                   shown, i + 1);
        if (pattern[i] == '-' && c != '-')
            return np_error_set_at(err, NP_EPARSE, 1, (int)i + 1, i,
                                   "date %s: expected '-' at column %zu (format YYYY-MM-DD)",
                                   shown, i + 1);
    }
    if (len > NP_DATE_ISO_LEN)
        return np_error_set_at(err, NP_EPARSE, 1, NP_DATE_ISO_LEN + 1, NP_DATE_ISO_LEN,
                               "date %s: unexpected text after YYYY-MM-DD at column %d", shown,
                               NP_DATE_ISO_LEN + 1);

#define DIGIT(i) (text[i] - '0')
    const int year = DIGIT(0) * 1000 + DIGIT(1) * 100 + DIGIT(2) * 10 + DIGIT(3);
    const int month = DIGIT(5) * 10 + DIGIT(6);
    const int day = DIGIT(8) * 10 + DIGIT(9);
#undef DIGIT
    np_status st = check_ymd(year, month, day, err);
    if (st != NP_OK) {
        if (err) {
            err->line = 1;
            err->column = year < 1 ? 1 : (month < 1 || month > 12) ? 6 : 9;
            err->offset = (size_t)err->column - 1;
        }
        return st;
    }
    *out = (np_date)npi_days_from_civil(year, month, day);
    return NP_OK;
}

size_t np_date_format(np_date d, char *buf)
{
    const np_ymd t = npi_civil_from_days(d);
    /* Written by hand: snprintf cannot prove to -Wformat-truncation that the
     * fields fit, and this sits on hot export paths. */
    buf[0] = (char)('0' + t.year / 1000 % 10);
    buf[1] = (char)('0' + t.year / 100 % 10);
    buf[2] = (char)('0' + t.year / 10 % 10);
    buf[3] = (char)('0' + t.year % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + t.month / 10);
    buf[6] = (char)('0' + t.month % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + t.day / 10);
    buf[9] = (char)('0' + t.day % 10);
    buf[10] = '\0';
    return NP_DATE_ISO_LEN;
}

np_status np_date_add_days(np_date *out, np_date d, int64_t n, np_error *err)
{
    const int64_t span = (int64_t)NP_DATE_MAX - NP_DATE_MIN;
    if (n > span || n < -span || !np_date_in_range((int64_t)d + n)) {
        char from[NP_DATE_ISO_LEN + 1];
        np_date_format(d, from);
        return np_error_set(err, NP_EINVAL,
                            "%s %+lld %s is outside 0001-01-01..9999-12-31", from, (long long)n,
                            npi_plural(n, "day", "days"));
    }
    const int64_t r = (int64_t)d + n;
    *out = (np_date)r;
    return NP_OK;
}

int np_date_weekday(np_date d)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    const int r = (int)(((int64_t)d % 7 + 7) % 7);
    return (r + 3) % 7 + 1;
}

static np_status check_months(int months, int min, np_error *err)
{
    if (months < min || months > NP_MONTHS_MAX)
        return np_error_set(err, NP_EINVAL, "month count %d is out of range (%d..%d)", months,
                            min, NP_MONTHS_MAX);
    return NP_OK;
}

np_status np_date_anniversary(np_date *out, np_date d, int months, np_error *err)
{
    np_status st = check_months(months, 0, err);
    if (st != NP_OK) return st;
    const int64_t r = npi_civil_anniversary(npi_civil_from_days(d), months);
    if (!np_date_in_range(r)) return out_of_range(err, r);
    *out = (np_date)r;
    return NP_OK;
}

np_status np_date_period_end(np_date *out, np_date d, int months, np_error *err)
{
    np_status st = check_months(months, 1, err);
    if (st != NP_OK) return st;
    const int64_t r = npi_civil_anniversary(npi_civil_from_days(d), months) - 1;
    if (!np_date_in_range(r)) return out_of_range(err, r);
    *out = (np_date)r;
    return NP_OK;
}

np_status np_date_months_before_clamped(np_date *out, np_date d, int months, np_error *err)
{
    np_status st = check_months(months, 0, err);
    if (st != NP_OK) return st;
    const np_ymd s = npi_civil_from_days(d);
    const int64_t total = (int64_t)s.year * 12 + (s.month - 1) - months;
    if (total < 12) return out_of_range(err, proleptic_days_clamped(total, s.day));
    *out = (np_date)npi_civil_months_before_clamped(s, months);
    return NP_OK;
}

int np_date_months_completed(np_date start, np_date on)
{
    /* Period m ends on or before `on` exactly when anniversary m <= on + 1. */
    const int64_t limit = (int64_t)on + 1;
    if (limit <= start) return 0;
    const np_ymd s = npi_civil_from_days(start);
    const np_ymd l = npi_civil_from_days(limit);
    int64_t m = ((int64_t)l.year * 12 + l.month) - ((int64_t)s.year * 12 + s.month);
    /* The calendar estimate is off by at most one in either direction because
     * of day-of-month rolls; anniversaries are strictly increasing in m. */
    while (m > 0 && npi_civil_anniversary(s, m) > limit) m--;
    while (npi_civil_anniversary(s, m + 1) <= limit) m++;
    return (int)m;
}
