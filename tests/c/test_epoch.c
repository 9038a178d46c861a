/* natopost/epoch.h: day numbers <-> datetime64[ns] nanoseconds. Expected
 * values are written by hand (pandas' own bounds and anchors). */
#include <criterion/criterion.h>
#include <string.h>

#include "natopost/epoch.h"
#include "natopost/timeline.h"

#define NS_PER_DAY INT64_C(86400000000000)

Test(epoch, days_to_ns_keeps_nat_and_converts_the_whole_range)
{
    /* 1677-09-22 and 2262-04-11 are pandas' Timestamp.min/max days. */
    int64_t v[] = {0, 1, -1, NP_BATCH_NAT, -106751, 106751, 20332 /* 2025-09-01 */};
    np_error err;
    cr_assert_eq(np_epoch_days_to_ns(v, 7, &err), NP_OK);
    cr_assert_eq(v[0], 0);
    cr_assert_eq(v[1], NS_PER_DAY);
    cr_assert_eq(v[2], -NS_PER_DAY);
    cr_assert_eq(v[3], NP_BATCH_NAT);
    cr_assert_eq(v[4], INT64_C(-9223286400000000000));
    cr_assert_eq(v[5], INT64_C(9223286400000000000));
    cr_assert_eq(v[6], INT64_C(1756684800000000000));
    cr_assert_eq(np_epoch_days_to_ns(v, 0, &err), NP_OK);
}

Test(epoch, a_day_outside_the_ns_range_names_its_row)
{
    int64_t v[] = {1, 106752 /* 2262-04-12 */, 5};
    np_error err;
    cr_assert_eq(np_epoch_days_to_ns(v, 3, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "row 1: 2262-04-12 is outside the dates a datetime64[ns] column "
                                  "holds (1677-09-22..2262-04-11)");
    cr_assert_eq(v[0], NS_PER_DAY, "the rows before the bad one are converted");
    cr_assert_eq(v[2], 5, "the rows after the bad one are left as they were");
    int64_t low[] = {-106752};
    cr_assert_eq(np_epoch_days_to_ns(low, 1, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "row 0: 1677-09-21 is outside") != NULL, "%s", err.message);
    int64_t huge[] = {INT64_MAX};
    cr_assert_eq(np_epoch_days_to_ns(huge, 1, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "row 0: day 9223372036854775807 is outside") != NULL, "%s",
              err.message);
}

Test(epoch, ns_to_days_refuses_a_time_of_day)
{
    const int64_t ns[] = {INT64_C(1756684800000000000), NP_BATCH_NAT, -NS_PER_DAY, 0};
    int64_t days[4];
    np_error err;
    cr_assert_eq(np_epoch_ns_to_days(ns, days, 4, &err), NP_OK);
    cr_assert_eq(days[0], 20332);
    cr_assert_eq(days[1], NP_BATCH_NAT);
    cr_assert_eq(days[2], -1);
    cr_assert_eq(days[3], 0);

    const int64_t late[] = {0, INT64_C(1756684800000000000) + INT64_C(36000000000000) + 7};
    cr_assert_eq(np_epoch_ns_to_days(late, days, 2, &err), NP_EINVAL);
    cr_assert_str_eq(err.message, "row 1: 2025-09-01T10:00:00.000000007 has a time of day; natopost "
                                  "takes dates (a datetime at midnight, or a date)");
    /* Before 1970 the day is floored: one nanosecond before the epoch is 1969-12-31, 23:59. */
    const int64_t before[] = {-1};
    cr_assert_eq(np_epoch_ns_to_days(before, days, 1, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "row 0: 1969-12-31T23:59:59.999999999 has a time of day") != NULL,
              "%s", err.message);
}

Test(epoch, round_trip_in_place)
{
    int64_t v[] = {-106751, -1, 0, NP_BATCH_NAT, 106751};
    const int64_t want[] = {-106751, -1, 0, NP_BATCH_NAT, 106751};
    np_error err;
    cr_assert_eq(np_epoch_days_to_ns(v, 5, &err), NP_OK);
    cr_assert_eq(np_epoch_ns_to_days(v, v, 5, &err), NP_OK);
    cr_assert_arr_eq(v, want, sizeof want);
}
