/* natopost/calendar.h -- application deadlines of postings as iCalendar.
 *
 * One VEVENT per posting that states a deadline, in the order given:
 *   - all-day (DTSTART;VALUE=DATE) when the notice gives no time; at the
 *     stated time otherwise, as a floating local time (DTSTART:YYYYMMDDTHHMMSS,
 *     no time zone: the notices state the time without one, and a floating
 *     time shows at that hour wherever the calendar is);
 *   - UID from the posting's identity (its id: the requisition number or the
 *     content hash), so that re-importing updates rather than duplicates;
 *   - SUMMARY "Deadline: <title> (<grade>)", DESCRIPTION with the NATO body,
 *     division and requisition number, URL when the source is an http(s) URL.
 * RFC 5545: CRLF line ends, lines folded at 75 octets, TEXT escaped.
 */
#ifndef NATOPOST_CALENDAR_H
#define NATOPOST_CALENDAR_H

#include <natopost/export.h>

#include <stddef.h>
#include <stdint.h>

#include "natopost/collection.h"
#include "natopost/error.h"
#include "natopost/posting.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The calendar of `count` postings; `dtstamp` is the creation time (Unix
 * seconds, UTC) written as DTSTAMP. Free with np_free; NULL on error
 * (NP_EINVAL for a dtstamp outside years 1..9999, NP_ENOMEM). */
NP_API char *np_postings_to_ical(const np_posting *const *postings, size_t count, int64_t dtstamp,
                          np_error *err);

/* The same for every posting of a collection, in the collection's order. */
NP_API char *np_collection_to_ical(np_collection *collection, int64_t dtstamp, np_error *err);

#ifdef __cplusplus
}
#endif
#endif
