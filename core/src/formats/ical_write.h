/* Private: RFC 5545 content lines, shared by the iCalendar writers (contract
 * timelines, posting deadlines). Appends to a strbuf; failures are sticky in
 * the buffer (strbuf.h). */
#ifndef NATOPOST_ICAL_WRITE_H
#define NATOPOST_ICAL_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "natopost/date.h"
#include "natopost/error.h"
#include "support/strbuf.h"

/* One content line, folded at 75 octets without splitting a UTF-8 sequence,
 * ended by CRLF. */
void npi_ical_put_line(npi_strbuf *sb, const char *line, size_t len);
void npi_ical_put_raw(npi_strbuf *sb, const char *line);
/* NAME:value where value is TEXT, escaped per RFC 5545 3.3.11. */
void npi_ical_put_text(npi_strbuf *sb, const char *name, const char *value);
/* YYYYMMDD (DATE value). */
void npi_ical_basic_date(char out[9], np_date d);
/* "DTSTAMP:YYYYMMDDTHHMMSSZ" for Unix seconds; NP_EINVAL outside years 1..9999. */
np_status npi_ical_dtstamp(char out[64], int64_t dtstamp, np_error *err);

#endif
