/* natopost/epoch.h -- day numbers as nanoseconds since 1970-01-01 00:00.
 *
 * natopost's day numbers (natopost/date.h) count days since 1970-01-01, as
 * numpy's datetime64[D]. pandas (1.x) holds dates only as datetime64[ns]:
 * nanoseconds since 1970-01-01 00:00, which reach the days
 * NP_EPOCH_NS_FIRST_DAY..NP_EPOCH_NS_LAST_DAY (1677-09-22..2262-04-11). These
 * calls convert whole buffers between the two in one pass, so that hosts move
 * columns of dates without a per-value object and without wrapping around
 * silently. NP_BATCH_NAT (numpy's NaT, INT64_MIN) is the missing value in
 * both units and stays missing.
 */
#ifndef NATOPOST_EPOCH_H
#define NATOPOST_EPOCH_H

#include <natopost/export.h>

#include <stddef.h>
#include <stdint.h>

#include "natopost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NP_EPOCH_NS_PER_DAY INT64_C(86400000000000)
#define NP_EPOCH_NS_FIRST_DAY INT64_C(-106751) /* 1677-09-22 */
#define NP_EPOCH_NS_LAST_DAY INT64_C(106751)   /* 2262-04-11 */

/* Converts `count` day numbers in place to nanoseconds (day * 86400 * 10^9),
 * NP_BATCH_NAT kept. A day outside NP_EPOCH_NS_FIRST_DAY..NP_EPOCH_NS_LAST_DAY
 * is NP_EINVAL naming its index ("row 5: 2300-01-01 is outside ..."); the
 * values before it are then converted, that one and the rest are not. */
NP_API np_status np_epoch_days_to_ns(int64_t *values, size_t count, np_error *err);

/* Converts `count` nanosecond values to day numbers into `days` (which may be
 * `ns` itself), NP_BATCH_NAT kept. A value that is not a midnight is
 * NP_EINVAL naming its index and the time of day ("row 1:
 * 2025-09-01T10:00:00.000000000 has a time of day ..."), never truncated;
 * `days` is then partially written. */
NP_API np_status np_epoch_ns_to_days(const int64_t *ns, int64_t *days, size_t count, np_error *err);

#ifdef __cplusplus
}
#endif
#endif
