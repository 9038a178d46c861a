/* Issue 13: deadlines in every date form sites print (written for these
 * tests): English, French, Spanish and Italian month names, weekday prefixes,
 * "14.07.2016", "21/09/2025"; a day/month order nothing on the page settles
 * is a diagnostic, not a guess. */
#include <stdio.h>

#include "notice_support.h"

static void expect_deadline(const char *value, int y, int m, int d)
{
    char text[256];
    snprintf(text, sizeof text, "Widget Officer\nDeadline: %s\n", value);
    np_posting *p = ns_read(text);
    if (y) cr_expect_eq(p->deadline.date, ns_ymd(y, m, d), "deadline %s", value);
    else cr_expect_eq(p->deadline.date, NP_DATE_NONE, "deadline %s", value);
    np_posting_free(p);
}

Test(notice_dates, month_names_in_four_languages)
{
    expect_deadline("14 July 2016", 2016, 7, 14);
    expect_deadline("December 21, 2022", 2022, 12, 21);
    expect_deadline("21 septembre 2025", 2025, 9, 21);
    expect_deadline("1er f\xc3\xa9vrier 2026", 2026, 2, 1);
    expect_deadline("3 ao\xc3\xbbt 2026", 2026, 8, 3);
    expect_deadline("21 de septiembre de 2025", 2025, 9, 21);
    expect_deadline("21 settembre 2025", 2025, 9, 21);
    expect_deadline("5 maggio 2026", 2026, 5, 5);
    expect_deadline("22-Mar-2026, 11:59:00 PM", 2026, 3, 22);
}

Test(notice_dates, weekday_prefixes)
{
    expect_deadline("Sunday 21 September 2025", 2025, 9, 21);
    expect_deadline("Sunday, 21 September 2025", 2025, 9, 21);
    expect_deadline("dimanche 21 septembre 2025", 2025, 9, 21);
    expect_deadline("domingo, 21 de septiembre de 2025", 2025, 9, 21);
    expect_deadline("domenica 21 settembre 2025", 2025, 9, 21);
    expect_deadline("Mon. 3 November 2025", 2025, 11, 3);
}

Test(notice_dates, numeric_dates)
{
    expect_deadline("14.07.2016", 2016, 7, 14);
    expect_deadline("21/09/2025", 2025, 9, 21);
    expect_deadline("2025-09-21", 2025, 9, 21);
}

Test(notice_dates, an_unsettled_day_month_order_is_not_guessed)
{
    np_posting *p = ns_read("Widget Officer\nDeadline: 03/04/2026\n");
    cr_expect_eq(p->deadline.date, NP_DATE_NONE);
    cr_expect(ns_has_diag(p, "deadline", "either way round"));
    np_posting_free(p);
    /* another date on the page writes the day first ... */
    p = ns_read("Widget Officer\nPublished: 25/02/2026\nDeadline: 03/04/2026\n");
    cr_expect_eq(p->deadline.date, ns_ymd(2026, 4, 3));
    np_posting_free(p);
    /* ... or the month first */
    p = ns_read("Widget Officer\nPublished: 02/25/2026\nDeadline: 03/04/2026\n");
    cr_expect_eq(p->deadline.date, ns_ymd(2026, 3, 4));
    np_posting_free(p);
    /* the same number twice is no ambiguity */
    expect_deadline("04/04/2026", 2026, 4, 4);
}
