/* Day numbers <-> nanoseconds since the epoch (natopost/epoch.h). The loops
 * test each value against the range in one comparison and leave the error
 * report out of line, so that they run at memory speed. */
#include "natopost/epoch.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "natopost/date.h"
#include "natopost/timeline.h"

static np_status day_outside(int64_t day, size_t row, np_error *err)
{
    char shown[32] = "";
    if (day >= NP_DATE_MIN && day <= NP_DATE_MAX) np_date_format((np_date)day, shown);
    else snprintf(shown, sizeof shown, "day %" PRId64, day);
    return np_error_set(err, NP_EINVAL,
                        "row %zu: %s is outside the dates a datetime64[ns] column holds "
                        "(1677-09-22..2262-04-11)",
                        row, shown);
}

np_status np_epoch_days_to_ns(int64_t *values, size_t count, np_error *err)
{
    /* One unsigned comparison covers both ends of the range; NaT, far below
     * it, is let through by the same test and kept by a select. */
    const uint64_t span = (uint64_t)(NP_EPOCH_NS_LAST_DAY - NP_EPOCH_NS_FIRST_DAY);
    for (size_t i = 0; i < count; i++) {
        const int64_t day = values[i];
        const bool nat = day == NP_BATCH_NAT;
        if ((uint64_t)day - (uint64_t)NP_EPOCH_NS_FIRST_DAY > span && !nat)
            return day_outside(day, i, err);
        values[i] = nat ? NP_BATCH_NAT : day * NP_EPOCH_NS_PER_DAY;
    }
    return NP_OK;
}

static np_status not_midnight(int64_t ns, size_t row, np_error *err)
{
    /* Floor division: a time before 1970 still reads as its own day and time. */
    int64_t day = ns / NP_EPOCH_NS_PER_DAY;
    int64_t within = ns % NP_EPOCH_NS_PER_DAY;
    if (within < 0) {
        day -= 1;
        within += NP_EPOCH_NS_PER_DAY;
    }
    char date[NP_DATE_ISO_LEN + 1];
    np_date_format((np_date)day, date);
    const int64_t seconds = within / INT64_C(1000000000);
    return np_error_set(err, NP_EINVAL,
                        "row %zu: %sT%02d:%02d:%02d.%09" PRId64
                        " has a time of day; natopost takes dates (a datetime at midnight, or "
                        "a date)",
                        row, date, (int)(seconds / 3600), (int)(seconds / 60 % 60),
                        (int)(seconds % 60), within % INT64_C(1000000000));
}

np_status np_epoch_ns_to_days(const int64_t *ns, int64_t *days, size_t count, np_error *err)
{
    for (size_t i = 0; i < count; i++) {
        const int64_t value = ns[i];
        if (value == NP_BATCH_NAT) {
            days[i] = NP_BATCH_NAT;
            continue;
        }
        if (value % NP_EPOCH_NS_PER_DAY != 0) return not_midnight(value, i, err);
        days[i] = value / NP_EPOCH_NS_PER_DAY;
    }
    return NP_OK;
}
