/* natopost/date.h: civil dates, strict ISO parsing, month arithmetic.
 *
 * Expected values are written by hand or come from the naive oracle of
 * support.h (itself checked here day by day against a plain day counter),
 * never from the functions under test. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/date.h"
#include "support.h"

/* A date built by the oracle, for hand-written expectations. */
static np_date D(int y, int m, int d) { return (np_date)ts_days(ts_ymd_of(y, m, d)); }

static const char *fmt(np_date d, char buf[NP_DATE_ISO_LEN + 1])
{
    np_date_format(d, buf);
    return buf;
}

/* ---- anchors ---------------------------------------------------------------- */

Test(date_anchors, oracle_and_constants)
{
    /* The oracle against the spec's anchors, and the header's constants. */
    cr_assert_eq(ts_days(ts_ymd_of(1970, 1, 1)), 0);
    cr_assert_eq(ts_days(ts_ymd_of(2000, 3, 1)), 11017);
    cr_assert_eq(ts_days(ts_ymd_of(1, 1, 1)), -719162);
    cr_assert_eq(ts_days(ts_ymd_of(9999, 12, 31)), 2932896);
    cr_assert_eq(NP_DATE_MIN, -719162);
    cr_assert_eq(NP_DATE_MAX, 2932896);
    cr_assert_eq(NP_DATE_ISO_LEN, 10);
}

Test(date_anchors, from_ymd_known_days)
{
    static const struct {
        int y, m, d;
        np_date days;
    } cases[] = {
        {1970, 1, 1, 0},          {2000, 3, 1, 11017},     {1, 1, 1, -719162},
        {9999, 12, 31, 2932896},  {1969, 12, 31, -1},      {2000, 1, 1, 10957},
        {2025, 9, 1, 20332},      {2024, 2, 29, 19782},    {1900, 3, 1, -25508},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        np_date out = 12345;
        np_error err;
        cr_assert_eq(np_date_from_ymd(&out, cases[i].y, cases[i].m, cases[i].d, &err), NP_OK,
                     "%04d-%02d-%02d: %s", cases[i].y, cases[i].m, cases[i].d, err.message);
        cr_assert_eq(out, cases[i].days, "%04d-%02d-%02d -> %d, expected %d", cases[i].y,
                     cases[i].m, cases[i].d, out, cases[i].days);
        const np_ymd t = np_date_to_ymd(cases[i].days);
        cr_assert(t.year == cases[i].y && t.month == cases[i].m && t.day == cases[i].d);
    }
}

Test(date_anchors, weekdays)
{
    cr_assert_eq(np_date_weekday(0), 4, "1970-01-01 is a Thursday");
    cr_assert_eq(np_date_weekday(D(2025, 9, 1)), 1, "2025-09-01 is a Monday");
    cr_assert_eq(np_date_weekday(D(2000, 1, 1)), 6, "2000-01-01 is a Saturday");
    cr_assert_eq(np_date_weekday(D(1, 1, 1)), 1, "0001-01-01 is a Monday (proleptic)");
    cr_assert_eq(np_date_weekday(D(9999, 12, 31)), 5, "9999-12-31 is a Friday");
    cr_assert_eq(np_date_weekday(-1), 3, "1969-12-31 is a Wednesday");
    cr_assert_eq(np_date_weekday(D(2024, 2, 29)), 4, "2024-02-29 is a Thursday");
    cr_assert_eq(np_date_weekday(D(2025, 11, 3)), 1, "2025-11-03 is a Monday");
}

/* ---- calendar basics -------------------------------------------------------- */

Test(date_calendar, leap_years)
{
    static const struct {
        int year;
        bool leap;
    } cases[] = {
        {1, false},    {4, true},     {100, false},  {200, false}, {300, false},
        {400, true},   {1600, true},  {1700, false}, {1800, false}, {1900, false},
        {1996, true},  {1999, false}, {2000, true},  {2001, false}, {2004, true},
        {2023, false}, {2024, true},  {2025, false}, {2028, true},  {2100, false},
        {2400, true},  {9996, true},  {9999, false}, {8000, true},  {9900, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq(np_date_is_leap_year(cases[i].year), cases[i].leap, "year %d",
                     cases[i].year);
}

Test(date_calendar, days_in_month)
{
    static const int common[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    static const int years[] = {1, 1900, 2000, 2023, 2024, 2100, 9999};
    for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
        const int y = years[i];
        const bool leap = y == 2000 || y == 2024;
        for (int m = 1; m <= 12; m++)
            cr_expect_eq(np_date_days_in_month(y, m), m == 2 && leap ? 29 : common[m - 1],
                         "%d-%02d", y, m);
    }
    cr_assert_eq(np_date_days_in_month(2024, 0), 0);
    cr_assert_eq(np_date_days_in_month(2024, 13), 0);
    cr_assert_eq(np_date_days_in_month(2024, -1), 0);
}

Test(date_calendar, in_range)
{
    cr_assert(np_date_in_range(NP_DATE_MIN));
    cr_assert(np_date_in_range(NP_DATE_MAX));
    cr_assert(np_date_in_range(0));
    cr_assert_not(np_date_in_range((int64_t)NP_DATE_MIN - 1));
    cr_assert_not(np_date_in_range((int64_t)NP_DATE_MAX + 1));
    cr_assert_not(np_date_in_range(INT64_MIN));
    cr_assert_not(np_date_in_range(INT64_MAX));
}

Test(date_calendar, from_ymd_errors)
{
    static const struct {
        int y, m, d;
        const char *message;
    } cases[] = {
        {2025, 2, 30, "day 30 is out of range for February 2025 (01..28)"},
        {2023, 2, 29, "day 29 is out of range for February 2023 (01..28)"},
        {2025, 4, 31, "day 31 is out of range for April 2025 (01..30)"},
        {2025, 1, 0, "day 0 is out of range for January 2025 (01..31)"},
        {2025, 1, 32, "day 32 is out of range for January 2025 (01..31)"},
        {2025, 13, 1, "month 13 is out of range (01..12)"},
        {2025, 0, 10, "month 0 is out of range (01..12)"},
        {0, 1, 1, "year 0 is out of range (0001..9999)"},
        {10000, 1, 1, "year 10000 is out of range (0001..9999)"},
        {-5, 1, 1, "year -5 is out of range (0001..9999)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        np_date out = 777;
        np_error err;
        cr_assert_eq(np_date_from_ymd(&out, cases[i].y, cases[i].m, cases[i].d, &err), NP_EINVAL);
        cr_assert_eq(err.code, NP_EINVAL);
        cr_assert_str_eq(err.message, cases[i].message);
        cr_assert_eq(out, 777, "out is left alone on error");
        /* err may be NULL */
        cr_assert_eq(np_date_from_ymd(&out, cases[i].y, cases[i].m, cases[i].d, NULL), NP_EINVAL);
    }
    np_date out;
    cr_assert_eq(np_date_from_ymd(&out, 2024, 2, 29, NULL), NP_OK);
    cr_assert_eq(out, 19782);
}

/* ---- every day from 0001-01-01 to 9999-12-31 --------------------------------- */

Test(date_exhaustive, every_day_round_trips)
{
    /* A plain day counter walks the calendar day by day (the oracle's
     * next_day); every conversion must agree with it. Mismatches are counted
     * and the first one reported, so the loop stays fast. */
    ts_ymd t = ts_ymd_of(1, 1, 1);
    int64_t n = -719162;     /* 0001-01-01, spec anchor */
    int weekday = 1;         /* 0001-01-01 was a Monday; checked against 1970-01-01 below */
    int64_t count = 0, bad = 0;
    char first[200] = "";
#define MISMATCH(...)                                                         \
    do {                                                                      \
        if (bad++ == 0) snprintf(first, sizeof first, __VA_ARGS__);           \
    } while (0)
    for (;;) {
        const int y = (int)t.y;
        char expect_text[NP_DATE_ISO_LEN + 1], text[NP_DATE_ISO_LEN + 1];
        expect_text[0] = (char)('0' + y / 1000);
        expect_text[1] = (char)('0' + y / 100 % 10);
        expect_text[2] = (char)('0' + y / 10 % 10);
        expect_text[3] = (char)('0' + y % 10);
        expect_text[4] = expect_text[7] = '-';
        expect_text[5] = (char)('0' + t.m / 10);
        expect_text[6] = (char)('0' + t.m % 10);
        expect_text[8] = (char)('0' + t.d / 10);
        expect_text[9] = (char)('0' + t.d % 10);
        expect_text[10] = '\0';

        if (t.d == 1 && ts_days(t) != n) /* the oracle's formula against the counter */
            MISMATCH("oracle: %s -> %" PRId64 ", counter %" PRId64, expect_text, ts_days(t), n);
        np_date d = 0;
        if (np_date_from_ymd(&d, y, t.m, t.d, NULL) != NP_OK || d != n)
            MISMATCH("from_ymd(%s) = %d, expected %" PRId64, expect_text, d, n);
        const np_ymd back = np_date_to_ymd((np_date)n);
        if (back.year != y || back.month != t.m || back.day != t.d)
            MISMATCH("to_ymd(%" PRId64 ") = %d-%d-%d, expected %s", n, back.year, back.month,
                     back.day, expect_text);
        if (np_date_weekday((np_date)n) != weekday)
            MISMATCH("weekday(%s) = %d, expected %d", expect_text, np_date_weekday((np_date)n), weekday);
        if (np_date_format((np_date)n, text) != 10 || strcmp(text, expect_text) != 0)
            MISMATCH("format(%" PRId64 ") = \"%s\", expected %s", n, text, expect_text);
        np_date parsed = 0;
        if (np_date_parse(&parsed, expect_text, 10, NULL) != NP_OK || parsed != n)
            MISMATCH("parse(%s) = %d, expected %" PRId64, expect_text, parsed, n);
        if (!np_date_in_range(n)) MISMATCH("in_range(%s) is false", expect_text);
        if (t.d == 1 && np_date_days_in_month(y, t.m) != ts_dim(y, t.m))
            MISMATCH("days_in_month(%d, %d)", y, t.m);
        if (t.m == 1 && t.d == 1 && np_date_is_leap_year(y) != ts_is_leap(y))
            MISMATCH("is_leap_year(%d)", y);
        if (y == 1970 && t.m == 1 && t.d == 1 && (n != 0 || weekday != 4))
            MISMATCH("1970-01-01 is day %" PRId64 " weekday %d", n, weekday);
        if (y == 2000 && t.m == 3 && t.d == 1 && n != 11017) MISMATCH("2000-03-01 is day %" PRId64, n);
        count++;
        if (y == 9999 && t.m == 12 && t.d == 31) break;
        np_date next = 0;
        if (np_date_add_days(&next, (np_date)n, 1, NULL) != NP_OK || next != n + 1)
            MISMATCH("add_days(%s, 1)", expect_text);
        t = ts_next_day(t);
        n++;
        weekday = weekday % 7 + 1;
    }
#undef MISMATCH
    cr_assert_eq(bad, 0, "%" PRId64 " mismatches; first: %s", bad, first);
    cr_assert_eq(n, 2932896, "9999-12-31 is day 2932896");
    cr_assert_eq(count, 3652059, "days in 0001..9999");
}

/* ---- format / parse ----------------------------------------------------------- */

Test(date_parse, format_examples)
{
    char buf[NP_DATE_ISO_LEN + 1];
    cr_assert_str_eq(fmt(0, buf), "1970-01-01");
    cr_assert_str_eq(fmt(-719162, buf), "0001-01-01");
    cr_assert_str_eq(fmt(2932896, buf), "9999-12-31");
    cr_assert_str_eq(fmt(11017, buf), "2000-03-01");
    cr_assert_str_eq(fmt(-1, buf), "1969-12-31");
    cr_assert_str_eq(fmt(D(999, 7, 4), buf), "0999-07-04");
}

Test(date_parse, valid)
{
    static const struct {
        const char *text;
        np_date days;
    } cases[] = {
        {"1970-01-01", 0},        {"2000-03-01", 11017},    {"0001-01-01", -719162},
        {"9999-12-31", 2932896},  {"2024-02-29", 19782},    {"2000-02-29", 11016},
        {"2025-09-01", 20332},    {"0099-12-31", -683004},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        np_date out = 1;
        np_error err;
        cr_assert_eq(np_date_parse(&out, cases[i].text, strlen(cases[i].text), &err), NP_OK,
                     "%s: %s", cases[i].text, err.message);
        cr_assert_eq(out, cases[i].days, "%s -> %d", cases[i].text, out);
    }
    cr_assert_eq(ts_days(ts_ymd_of(99, 12, 31)), -683004);
}

Test(date_parse, len_bounds_the_input)
{
    /* `len` bounds the text: no NUL needed, and bytes after len are not read. */
    char *exact = malloc(NP_DATE_ISO_LEN); /* no room for a NUL: ASan catches over-reads */
    cr_assert_not_null(exact);
    memcpy(exact, "2025-09-01", NP_DATE_ISO_LEN);
    np_date out = 0;
    cr_assert_eq(np_date_parse(&out, exact, NP_DATE_ISO_LEN, NULL), NP_OK);
    cr_assert_eq(out, D(2025, 9, 1));
    free(exact);

    cr_assert_eq(np_date_parse(&out, "2024-02-29 and more", 10, NULL), NP_OK);
    cr_assert_eq(out, D(2024, 2, 29));
    TS_ASSERT_NO_LEAKS();
}

typedef struct parse_error_case {
    const char *text;
    size_t len;
    np_status code;
    int column;          /* expected column; -1: not checked */
    const char *message; /* exact message */
} parse_error_case;

#define PE(text, code, column, message) {text, sizeof(text) - 1, code, column, message}

static const parse_error_case PARSE_ERRORS[] = {
    PE("2025-02-30", NP_EINVAL, 9, "day 30 is out of range for February 2025 (01..28)"),
    PE("2023-02-29", NP_EINVAL, 9, "day 29 is out of range for February 2023 (01..28)"),
    PE("2100-02-29", NP_EINVAL, 9, "day 29 is out of range for February 2100 (01..28)"),
    PE("2025-04-31", NP_EINVAL, 9, "day 31 is out of range for April 2025 (01..30)"),
    PE("2025-01-00", NP_EINVAL, 9, "day 0 is out of range for January 2025 (01..31)"),
    PE("2025-13-01", NP_EINVAL, 6, "month 13 is out of range (01..12)"),
    PE("2025-00-10", NP_EINVAL, 6, "month 0 is out of range (01..12)"),
    PE("0000-01-01", NP_EINVAL, 1, "year 0 is out of range (0001..9999)"),
    PE("0000-13-45", NP_EINVAL, 1, "year 0 is out of range (0001..9999)"),
    PE("10000-01-01", NP_EPARSE, 5,
       "date \"10000-01-01\": expected '-' at column 5 (format YYYY-MM-DD)"),
    PE("", NP_EPARSE, -1, "empty date: expected YYYY-MM-DD"),
    PE("2025-1-01", NP_EPARSE, 7,
       "date \"2025-1-01\": expected a digit at column 7 (format YYYY-MM-DD)"),
    PE("2025-01-1", NP_EPARSE, 10,
       "date \"2025-01-1\" ends early at column 10: expected YYYY-MM-DD"),
    PE("2025-01", NP_EPARSE, 8, "date \"2025-01\" ends early at column 8: expected YYYY-MM-DD"),
    PE("2", NP_EPARSE, 2, "date \"2\" ends early at column 2: expected YYYY-MM-DD"),
    PE("20250101", NP_EPARSE, 5,
       "date \"20250101\": expected '-' at column 5 (format YYYY-MM-DD)"),
    PE("2025/01/01", NP_EPARSE, 5,
       "date \"2025/01/01\": expected '-' at column 5 (format YYYY-MM-DD)"),
    PE("2025-01/01", NP_EPARSE, 8,
       "date \"2025-01/01\": expected '-' at column 8 (format YYYY-MM-DD)"),
    PE(" 2025-01-01", NP_EPARSE, 1,
       "date \" 2025-01-01\": expected a digit at column 1 (format YYYY-MM-DD)"),
    PE("2025-01-01 ", NP_EPARSE, 11,
       "date \"2025-01-01 \": unexpected text after YYYY-MM-DD at column 11"),
    PE("2025-01-01T00:00", NP_EPARSE, 11,
       "date \"2025-01-01T00:00\": unexpected text after YYYY-MM-DD at column 11"),
    PE("2025-01-01\n", NP_EPARSE, 11,
       "date \"2025-01-01\\x0A\": unexpected text after YYYY-MM-DD at column 11"),
    PE("+2025-01-01", NP_EPARSE, 1,
       "date \"+2025-01-01\": expected a digit at column 1 (format YYYY-MM-DD)"),
    PE("-2025-01-01", NP_EPARSE, 1,
       "date \"-2025-01-01\": expected a digit at column 1 (format YYYY-MM-DD)"),
    /* "２０２５-01-01": fullwidth digits, 3 UTF-8 bytes each */
    PE("\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x95-01-01", NP_EPARSE, 1,
       "date \"\\xEF\\xBC\\x92\\xEF\\xBC\\x90\\xEF\\xBC\\x92\\xEF\\xBC\\x95-01-01\": expected a "
       "digit at column 1 (format YYYY-MM-DD)"),
    /* embedded NUL inside the 10 bytes */
    PE("2025-01-0\0", NP_EPARSE, 10,
       "date \"2025-01-0\\x00\": expected a digit at column 10 (format YYYY-MM-DD)"),
    PE("2025-01-01\0", NP_EPARSE, 11,
       "date \"2025-01-01\\x00\": unexpected text after YYYY-MM-DD at column 11"),
    PE("abcd-ef-gh", NP_EPARSE, 1,
       "date \"abcd-ef-gh\": expected a digit at column 1 (format YYYY-MM-DD)"),
    PE("2025-0a-01", NP_EPARSE, 7,
       "date \"2025-0a-01\": expected a digit at column 7 (format YYYY-MM-DD)"),
    PE("2025-01-01x", NP_EPARSE, 11,
       "date \"2025-01-01x\": unexpected text after YYYY-MM-DD at column 11"),
    PE("\"025-01-01", NP_EPARSE, 1,
       "date \"\\\"025-01-01\": expected a digit at column 1 (format YYYY-MM-DD)"),
};

Test(date_parse, errors)
{
    /* one test for the whole table (a process per case is slow under
     * valgrind); every case is checked and reported */
    for (size_t i = 0; i < sizeof PARSE_ERRORS / sizeof PARSE_ERRORS[0]; i++) {
        const parse_error_case *c = &PARSE_ERRORS[i];
        np_date out = 4242;
        np_error err;
        const np_status st = np_date_parse(&out, c->text, c->len, &err);
        cr_expect_eq(st, c->code, "\"%s\": status %d, expected %d (%s)", c->text, st, c->code,
                     err.message);
        cr_expect_eq(err.code, c->code, "\"%s\"", c->text);
        cr_expect_str_eq(err.message, c->message, "\"%s\"", c->text);
        if (c->column >= 0) {
            cr_expect_eq(err.line, 1, "\"%s\": line", c->text);
            cr_expect_eq(err.column, c->column, "\"%s\": column %d, expected %d", c->text,
                         err.column, c->column);
            cr_expect_eq(err.offset, (size_t)c->column - 1, "\"%s\": offset", c->text);
        }
        cr_expect_eq(out, 4242, "\"%s\": out is left alone on error", c->text);
        cr_expect_eq(np_date_parse(&out, c->text, c->len, NULL), c->code, "\"%s\": err may be NULL",
                     c->text);
    }
}

Test(date_parse, very_long_inputs)
{
    enum { LONG = 100000 };
    char *text = malloc(LONG);
    cr_assert_not_null(text);
    np_error err;
    np_date out = 5;

    /* a valid date followed by a lot of text: error at column 11, the echo cut short */
    memcpy(text, "2025-01-01", 10);
    memset(text + 10, 'x', LONG - 10);
    cr_assert_eq(np_date_parse(&out, text, LONG, &err), NP_EPARSE);
    cr_assert_eq(err.column, 11);
    cr_assert(strncmp(err.message, "date \"2025-01-01xxxx", 20) == 0, "%s", err.message);
    cr_assert_not_null(strstr(err.message, "\"...: unexpected text after YYYY-MM-DD at column 11"),
                       "%s", err.message);
    cr_assert_lt(strlen(err.message), (size_t)NP_ERROR_MESSAGE_MAX - 1, "not truncated: %s",
                 err.message);

    /* a long run of digits: the fifth character must be '-' */
    memset(text, '9', LONG);
    cr_assert_eq(np_date_parse(&out, text, LONG, &err), NP_EPARSE);
    cr_assert_eq(err.column, 5);
    cr_assert_not_null(strstr(err.message, "expected '-' at column 5"), "%s", err.message);

    /* a long run of bytes that need escaping: still bounded */
    memset(text, 0xFF, LONG);
    cr_assert_eq(np_date_parse(&out, text, LONG, &err), NP_EPARSE);
    cr_assert_eq(err.column, 1);
    cr_assert(strncmp(err.message, "date \"\\xFF\\xFF", 14) == 0, "%s", err.message);
    cr_assert_not_null(strstr(err.message, "expected a digit at column 1"), "%s", err.message);
    cr_assert_eq(out, 5);
    free(text);
    TS_ASSERT_NO_LEAKS();
}

/* ---- add_days ------------------------------------------------------------------ */

Test(date_add_days, values)
{
    np_date out;
    cr_assert_eq(np_date_add_days(&out, D(2024, 2, 28), 1, NULL), NP_OK);
    cr_assert_eq(out, D(2024, 2, 29));
    cr_assert_eq(np_date_add_days(&out, D(2025, 12, 31), 1, NULL), NP_OK);
    cr_assert_eq(out, D(2026, 1, 1));
    cr_assert_eq(np_date_add_days(&out, D(2025, 3, 1), -1, NULL), NP_OK);
    cr_assert_eq(out, D(2025, 2, 28));
    cr_assert_eq(np_date_add_days(&out, D(2025, 9, 1), 0, NULL), NP_OK);
    cr_assert_eq(out, D(2025, 9, 1));
    cr_assert_eq(np_date_add_days(&out, NP_DATE_MIN, 3652058, NULL), NP_OK);
    cr_assert_eq(out, NP_DATE_MAX);
    cr_assert_eq(np_date_add_days(&out, NP_DATE_MAX, -3652058, NULL), NP_OK);
    cr_assert_eq(out, NP_DATE_MIN);
}

Test(date_add_days, bounds)
{
    static const struct {
        np_date d;
        int64_t n;
        const char *message;
    } cases[] = {
        {2932896, 1, "9999-12-31 +1 day is outside 0001-01-01..9999-12-31"},
        {-719162, -1, "0001-01-01 -1 day is outside 0001-01-01..9999-12-31"},
        {-719162, 3652059, "0001-01-01 +3652059 days is outside 0001-01-01..9999-12-31"},
        {2932896, -3652059, "9999-12-31 -3652059 days is outside 0001-01-01..9999-12-31"},
        {0, INT64_MAX, "1970-01-01 +9223372036854775807 days is outside 0001-01-01..9999-12-31"},
        {0, INT64_MIN, "1970-01-01 -9223372036854775808 days is outside 0001-01-01..9999-12-31"},
        {2932896, INT64_MAX, NULL},
        {-719162, INT64_MIN, NULL},
        {2932896, INT64_MIN, NULL},
        {-719162, INT64_MAX, NULL},
        {0, (int64_t)INT32_MAX + 1, NULL},
        {0, (int64_t)INT32_MIN - 1, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        np_date out = 99;
        np_error err;
        cr_assert_eq(np_date_add_days(&out, cases[i].d, cases[i].n, &err), NP_EINVAL,
                     "case %zu", i);
        cr_assert_eq(err.code, NP_EINVAL);
        if (cases[i].message) cr_assert_str_eq(err.message, cases[i].message);
        cr_assert_eq(out, 99, "out is left alone on error");
    }
}

/* ---- month arithmetic: hand-written examples --------------------------------- */

typedef struct month_case {
    int y, m, d, months;
    int ey, em, ed;
} month_case;

Test(date_months, anniversary_examples)
{
    static const month_case cases[] = {
        {2025, 1, 31, 1, 2025, 3, 1},    /* spec: 31 Jan + 1 month = 1 Mar */
        {2024, 2, 29, 12, 2025, 3, 1},   /* spec: 29 Feb 2024 + 12 months = 1 Mar 2025 */
        {2025, 3, 31, 1, 2025, 5, 1},    /* April lacks the 31st */
        {2025, 5, 31, 1, 2025, 7, 1},
        {2025, 8, 31, 1, 2025, 10, 1},
        {2025, 10, 31, 1, 2025, 12, 1},
        {2025, 1, 30, 1, 2025, 3, 1},    /* non-leap: February lacks the 30th */
        {2024, 1, 30, 1, 2024, 3, 1},    /* leap: February still lacks the 30th */
        {2025, 1, 29, 1, 2025, 3, 1},    /* non-leap: February lacks the 29th */
        {2024, 1, 29, 1, 2024, 2, 29},   /* leap: it has it */
        {2025, 1, 28, 1, 2025, 2, 28},
        {1900, 1, 29, 1, 1900, 3, 1},    /* 1900 is not a leap year */
        {2000, 1, 29, 1, 2000, 2, 29},   /* 2000 is */
        {2025, 12, 31, 1, 2026, 1, 31},
        {2025, 12, 31, 2, 2026, 3, 1},
        {2024, 2, 29, 48, 2028, 2, 29},
        {2025, 9, 1, 36, 2028, 9, 1},
        {2026, 1, 31, 36, 2029, 1, 31},
        {2024, 2, 29, 0, 2024, 2, 29},
        {2025, 11, 15, 3, 2026, 2, 15},
        {1, 1, 1, 119987, 9999, 12, 1},
        {9999, 10, 31, 1, 9999, 12, 1},
        {9999, 11, 30, 1, 9999, 12, 30},
        {9999, 12, 31, 0, 9999, 12, 31},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const month_case *c = &cases[i];
        np_date out = 0;
        np_error err;
        char got[11];
        cr_assert_eq(np_date_anniversary(&out, D(c->y, c->m, c->d), c->months, &err), NP_OK,
                     "%04d-%02d-%02d + %d: %s", c->y, c->m, c->d, c->months, err.message);
        cr_expect_eq(out, D(c->ey, c->em, c->ed), "%04d-%02d-%02d + %d months = %s, expected %04d-%02d-%02d",
                     c->y, c->m, c->d, c->months, fmt(out, got), c->ey, c->em, c->ed);
    }
}

Test(date_months, period_end_examples)
{
    static const month_case cases[] = {
        {2025, 9, 1, 36, 2028, 8, 31},   /* spec */
        {2024, 2, 29, 36, 2027, 2, 28},  /* spec */
        {2026, 1, 31, 36, 2029, 1, 30},
        {2025, 1, 31, 1, 2025, 2, 28},   /* anniversary 1 Mar, minus a day */
        {2024, 1, 31, 1, 2024, 2, 29},
        {2025, 1, 1, 1, 2025, 1, 31},
        {2025, 1, 15, 12, 2026, 1, 14},
        {2024, 2, 29, 12, 2025, 2, 28},
        {2025, 9, 1, 72, 2031, 8, 31},
        {2026, 3, 31, 48, 2030, 3, 30},
        {9999, 12, 1, 1, 9999, 12, 31},  /* the anniversary itself would be 10000-01-01 */
        {1, 1, 1, 119988, 9999, 12, 31},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const month_case *c = &cases[i];
        np_date out = 0;
        np_error err;
        char got[11];
        cr_assert_eq(np_date_period_end(&out, D(c->y, c->m, c->d), c->months, &err), NP_OK,
                     "%04d-%02d-%02d, %d: %s", c->y, c->m, c->d, c->months, err.message);
        cr_expect_eq(out, D(c->ey, c->em, c->ed), "%d months from %04d-%02d-%02d end %s, expected %04d-%02d-%02d",
                     c->months, c->y, c->m, c->d, fmt(out, got), c->ey, c->em, c->ed);
    }
}

Test(date_months, months_before_clamped_examples)
{
    static const month_case cases[] = {
        {2032, 2, 29, 12, 2031, 2, 28},  /* spec */
        {2030, 3, 31, 1, 2030, 2, 28},
        {2032, 3, 31, 1, 2032, 2, 29},
        {2031, 8, 31, 12, 2030, 8, 31},
        {2030, 7, 30, 12, 2029, 7, 30},
        {2030, 3, 30, 12, 2029, 3, 30},
        {2025, 5, 31, 1, 2025, 4, 30},
        {2025, 1, 15, 1, 2024, 12, 15},
        {2025, 12, 31, 2, 2025, 10, 31},
        {2025, 12, 31, 3, 2025, 9, 30},
        {2024, 2, 29, 0, 2024, 2, 29},
        {1, 12, 31, 11, 1, 1, 31},
        {9999, 12, 31, 119987, 1, 1, 31},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const month_case *c = &cases[i];
        np_date out = 0;
        np_error err;
        char got[11];
        cr_assert_eq(np_date_months_before_clamped(&out, D(c->y, c->m, c->d), c->months, &err),
                     NP_OK, "%04d-%02d-%02d - %d: %s", c->y, c->m, c->d, c->months, err.message);
        cr_expect_eq(out, D(c->ey, c->em, c->ed), "%04d-%02d-%02d - %d months = %s, expected %04d-%02d-%02d",
                     c->y, c->m, c->d, c->months, fmt(out, got), c->ey, c->em, c->ed);
    }
}

Test(date_months, months_completed_examples)
{
    static const struct {
        np_date start, on;
        int months;
    } cases[] = {
        {20332, 22157, 60},                          /* spec: 2025-09-01 .. 2030-08-31 */
        {20332, 20331, 0},                           /* the day before the start */
        {20332, 20332, 0},
        {20332, 20360, 0},                           /* 2025-09-29 */
        {20332, 20361, 1},                           /* 2025-09-30: the first month ends */
        {20332, 0, 0},                               /* long before the start */
        {20484, 20511, 0},                           /* start 2026-01-31, on 2026-02-27 */
        {20484, 20512, 1},                           /* on 2026-02-28 (anniversary 1 Mar) */
        {20484, 20513, 1},                           /* on 2026-03-01 */
        {20484, 20542, 2},                           /* on 2026-03-30 */
        {19782, 20147, 12},                          /* 2024-02-29 .. 2025-02-28 */
        {-719162, 2932896, 119988},                  /* 0001-01-01 .. 9999-12-31 */
        {2932896, 2932896, 0},
    };
    /* the hand-written day numbers, through the oracle */
    cr_assert_eq(D(2030, 8, 31), 22157);
    cr_assert_eq(D(2025, 9, 30), 20361);
    cr_assert_eq(D(2026, 1, 31), 20484);
    cr_assert_eq(D(2026, 2, 28), 20512);
    cr_assert_eq(D(2026, 3, 30), 20542);
    cr_assert_eq(D(2025, 2, 28), 20147);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char a[11], b[11];
        cr_expect_eq(np_date_months_completed(cases[i].start, cases[i].on), cases[i].months,
                     "start %s on %s: %d, expected %d", fmt(cases[i].start, a), fmt(cases[i].on, b),
                     np_date_months_completed(cases[i].start, cases[i].on), cases[i].months);
    }
}

/* ---- month arithmetic against the oracle ---------------------------------------- */

static ts_ymd ymd_of(np_date d)
{
    const np_ymd t = np_date_to_ymd(d);
    return ts_ymd_of(t.year, t.month, t.day);
}

Test(date_months, anniversary_period_end_clamped_vs_oracle)
{
    /* Every day of 2023..2025 (every day-of-month against every month
     * length) with month counts 0..60, plus random dates of 0001..9990. */
    int64_t bad = 0;
    char first[200] = "";
    ts_rng rng = {20250901};
    for (int i = 0; i < 1096 + 20000; i++) {
        const ts_ymd s = i < 1096 ? ymd_of((np_date)(ts_days(ts_ymd_of(2023, 1, 1)) + i))
                                  : ts_rng_date(&rng, 1, 9990);
        const np_date d = (np_date)ts_days(s);
        const int from = i < 1096 ? 0 : (int)ts_rng_range(&rng, 0, 96);
        const int to = i < 1096 ? 60 : from;
        for (int n = from; n <= to; n++) {
            np_date a = 0, p = 0, c = 0;
            const np_status sa = np_date_anniversary(&a, d, n, NULL);
            const np_status sp = n >= 1 ? np_date_period_end(&p, d, n, NULL) : NP_OK;
            const np_status sc = np_date_months_before_clamped(&c, d, n, NULL);
            const ts_ymd before = ts_months_before_clamped(s, n);
            const bool c_ok = before.y >= 1;
            if (sa != NP_OK || a != ts_days(ts_anniversary(s, n)) ||
                (n >= 1 && (sp != NP_OK || p != ts_days(ts_period_end(s, n)))) ||
                (sc == NP_OK) != c_ok || (c_ok && c != ts_days(before))) {
                if (bad++ == 0)
                    snprintf(first, sizeof first, "%04d-%02d-%02d, %d months", (int)s.y, s.m, s.d, n);
            }
        }
    }
    cr_assert_eq(bad, 0, "%" PRId64 " mismatches; first: %s", bad, first);
}

Test(date_months, months_completed_dense_vs_oracle)
{
    /* Every start of 2023..2024, every day from 3 days before it to ~6 years
     * after: the oracle's count steps up exactly when a period ends. */
    int64_t bad = 0;
    char first[200] = "";
    const np_date first_start = (np_date)ts_days(ts_ymd_of(2023, 1, 1));
    for (np_date d = first_start; d < first_start + 731; d++) {
        const ts_ymd s = ymd_of(d);
        int m = 0;
        ts_ymd next_end = ts_period_end(s, 1);
        ts_ymd on = ts_prev_day(ts_prev_day(ts_prev_day(s)));
        for (int k = -3; k <= 2200; k++, on = ts_next_day(on)) {
            while (ts_ymd_cmp(next_end, on) <= 0) next_end = ts_period_end(s, ++m + 1);
            const int got = np_date_months_completed(d, d + k);
            if (got != m && bad++ == 0)
                snprintf(first, sizeof first, "start %04d-%02d-%02d on +%d: %d, expected %d",
                         (int)s.y, s.m, s.d, k, got, m);
        }
    }
    cr_assert_eq(bad, 0, "%" PRId64 " mismatches; first: %s", bad, first);
}

Test(date_months, months_completed_random_vs_oracle)
{
    int64_t bad = 0;
    char first[200] = "";
    ts_rng rng = {42};
    for (int i = 0; i < 20000; i++) {
        const ts_ymd s = ts_rng_date(&rng, 1, 9988);
        const np_date d = (np_date)ts_days(s);
        const int64_t k = ts_rng_range(&rng, -60, 4000);
        const np_date on = (np_date)(d + k);
        const int expect = k < 0 ? 0 : (int)ts_months_completed(s, ymd_of(on));
        const int got = np_date_months_completed(d, on);
        if (got != expect && bad++ == 0)
            snprintf(first, sizeof first, "start %04d-%02d-%02d on +%" PRId64 ": %d, expected %d",
                     (int)s.y, s.m, s.d, k, got, expect);
    }
    cr_assert_eq(bad, 0, "%" PRId64 " mismatches; first: %s", bad, first);
}

/* ---- month arithmetic: bounds -------------------------------------------------- */

Test(date_bounds, month_counts)
{
    const np_date d = D(2025, 9, 1);
    np_date out = 3;
    np_error err;
    static const int bad_counts[] = {-1, -12, NP_MONTHS_MAX + 1, INT32_MIN, INT32_MAX};
    for (size_t i = 0; i < sizeof bad_counts / sizeof bad_counts[0]; i++) {
        const int n = bad_counts[i];
        cr_assert_eq(np_date_anniversary(&out, d, n, &err), NP_EINVAL, "anniversary %d", n);
        cr_assert_not_null(strstr(err.message, "month count"), "%s", err.message);
        cr_assert_eq(np_date_period_end(&out, d, n, &err), NP_EINVAL, "period_end %d", n);
        cr_assert_eq(np_date_months_before_clamped(&out, d, n, &err), NP_EINVAL, "before %d", n);
    }
    cr_assert_eq(np_date_anniversary(&out, d, -1, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "month count -1 is out of range (0..120000)");
    /* a period needs at least one month */
    cr_assert_eq(np_date_period_end(&out, d, 0, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "month count 0 is out of range (1..120000)");
    cr_assert_eq(out, 3, "out is left alone on error");
    /* NP_MONTHS_MAX itself is a valid count (the result may still be out of range) */
    cr_assert_eq(np_date_anniversary(&out, D(1, 1, 1), NP_MONTHS_MAX, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "out of range"), "%s", err.message);
    cr_assert_null(strstr(err.message, "month count"), "%s", err.message);
}

Test(date_bounds, results_outside_years_1_to_9999)
{
    np_date out = 8;
    np_error err;
    cr_assert_eq(np_date_anniversary(&out, D(9999, 12, 1), 1, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "date is out of range: after 0001-01-01..9999-12-31 by 1 day");
    cr_assert_eq(np_date_anniversary(&out, D(9999, 12, 31), 1, &err), NP_EINVAL);
    cr_assert_eq(np_date_anniversary(&out, D(1, 1, 1), 119988, &err), NP_EINVAL);
    cr_assert_eq(np_date_anniversary(&out, D(9999, 12, 31), NP_MONTHS_MAX, &err), NP_EINVAL);
    cr_assert_eq(np_date_period_end(&out, D(9999, 12, 2), 1, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "date is out of range: after 0001-01-01..9999-12-31 by 1 day");
    cr_assert_eq(np_date_period_end(&out, D(1, 1, 1), 119989, &err), NP_EINVAL);
    cr_assert_eq(np_date_period_end(&out, D(5000, 6, 15), NP_MONTHS_MAX, &err), NP_EINVAL);
    cr_assert_eq(np_date_months_before_clamped(&out, D(1, 12, 31), 12, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "out of range: before 0001-01-01"), "%s", err.message);
    cr_assert_eq(np_date_months_before_clamped(&out, D(1, 1, 1), 1, &err), NP_EINVAL);
    cr_assert_eq(np_date_months_before_clamped(&out, D(9999, 12, 31), 119988, &err), NP_EINVAL);
    cr_assert_eq(np_date_months_before_clamped(&out, D(9999, 12, 31), NP_MONTHS_MAX, &err), NP_EINVAL);
    cr_assert_eq(np_date_months_before_clamped(&out, D(2025, 6, 15), NP_MONTHS_MAX, &err), NP_EINVAL);
    cr_assert_eq(out, 8, "out is left alone on error");
    /* err may be NULL */
    cr_assert_eq(np_date_anniversary(&out, D(9999, 12, 1), 1, NULL), NP_EINVAL);
    cr_assert_eq(np_date_months_before_clamped(&out, D(1, 1, 1), 1, NULL), NP_EINVAL);
}

Test(date_bounds, months_before_message_distance)
{
    /* 0001-06-15 - 12 months = 0000-06-15, 200 days before 0001-01-01 (year 0
     * is a leap year): the message's distance should say so, as it does for
     * anniversary and period_end. */
    np_date out;
    np_error err;
    cr_assert_eq(ts_days(ts_ymd_of(1, 1, 1)) - 200, NP_DATE_MIN - 200);
    cr_assert_eq(np_date_months_before_clamped(&out, D(1, 6, 15), 12, &err), NP_EINVAL);
    cr_expect_str_eq(err.message, "date is out of range: before 0001-01-01..9999-12-31 by 200 days");
}
