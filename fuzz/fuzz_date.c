/* libFuzzer harness: the strict ISO date parser and the month arithmetic on
 * whatever it accepts. Checks round trips, not just "no crash". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    np_date d;
    np_error err;
    if (np_date_parse(&d, (const char *)data, size, &err) != NP_OK) {
        if (err.code != NP_EPARSE && err.code != NP_EINVAL) abort();
        if (err.message[0] == '\0') abort();
        return 0;
    }
    char buf[NP_DATE_ISO_LEN + 1];
    if (np_date_format(d, buf) != NP_DATE_ISO_LEN || size != NP_DATE_ISO_LEN ||
        memcmp(buf, data, NP_DATE_ISO_LEN) != 0)
        abort(); /* an accepted date must format back to exactly its text */
    const np_ymd t = np_date_to_ymd(d);
    np_date again;
    if (np_date_from_ymd(&again, t.year, t.month, t.day, NULL) != NP_OK || again != d) abort();
    const int months = (int)(d % 1000) < 0 ? -(int)(d % 1000) : (int)(d % 1000);
    np_date a, e;
    if (np_date_anniversary(&a, d, months, NULL) == NP_OK &&
        np_date_period_end(&e, d, months ? months : 1, NULL) == NP_OK) {
        if (a < d) abort();
        if (np_date_months_completed(d, a) < months - 1) abort();
    }
    return 0;
}
