/* iCalendar (RFC 5545) export of a timeline: one all-day VEVENT per event. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "natopost/timeline.h"
#include "formats/ical_write.h"
#include "support/strbuf.h"

#define FOLD_AT 75 /* octets per content line, CRLF excluded (RFC 5545 3.1) */

/* Appends one content line, escaped TEXT already applied, folded at 75 octets
 * without splitting a UTF-8 sequence, ended by CRLF. */
void npi_ical_put_line(npi_strbuf *sb, const char *line, size_t len)
{
    size_t width = FOLD_AT;
    while (len > width) {
        size_t cut = width;
        while (cut > 1 && ((unsigned char)line[cut] & 0xC0) == 0x80) cut--; /* UTF-8 continuation */
        npi_strbuf_append(sb, line, cut);
        npi_strbuf_append(sb, "\r\n ", 3);
        line += cut;
        len -= cut;
        width = FOLD_AT - 1; /* the leading space of a continuation counts */
    }
    npi_strbuf_append(sb, line, len);
    npi_strbuf_append(sb, "\r\n", 2);
}

/* NAME:value where value is TEXT, escaped per RFC 5545 3.3.11. */
void npi_ical_put_text(npi_strbuf *sb, const char *name, const char *value)
{
    npi_strbuf line = NP_STRBUF_INIT;
    npi_strbuf_puts(&line, name);
    npi_strbuf_append(&line, ":", 1);
    for (const char *p = value; *p; p++) {
        switch (*p) {
        case '\\': npi_strbuf_append(&line, "\\\\", 2); break;
        case ';': npi_strbuf_append(&line, "\\;", 2); break;
        case ',': npi_strbuf_append(&line, "\\,", 2); break;
        case '\n': npi_strbuf_append(&line, "\\n", 2); break;
        case '\r': break;
        default: npi_strbuf_append(&line, p, 1);
        }
    }
    if (line.failed) npi_strbuf_fail(sb);
    else npi_ical_put_line(sb, line.data, line.len);
    npi_strbuf_reset(&line);
}

void npi_ical_put_raw(npi_strbuf *sb, const char *line) { npi_ical_put_line(sb, line, strlen(line)); }

void npi_ical_basic_date(char out[9], np_date d)
{
    char iso[NP_DATE_ISO_LEN + 1];
    np_date_format(d, iso);
    memcpy(out, iso, 4);
    memcpy(out + 4, iso + 5, 2);
    memcpy(out + 6, iso + 8, 2);
    out[8] = '\0';
}

/* FNV-1a over every input of the appointment: the same appointment always
 * gives the same UIDs, so re-importing a calendar updates its events. */
static uint64_t appointment_hash(const np_timeline *t)
{
    const np_appointment *a = &t->appointment;
    const int64_t fields[] = {a->start, a->kind, a->initial_months, a->renewal_months,
                              a->max_months, a->twin_grade, a->reduction_months,
                              a->direct_higher, t->policy.promotion_months,
                              t->policy.conversion_notice_months, t->policy.seconded_conversion};
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        uint64_t v = (uint64_t)fields[i];
        for (int b = 0; b < 8; b++) {
            h ^= (v >> (8 * b)) & 0xFF;
            h *= 1099511628211ULL;
        }
    }
    return h;
}

np_status npi_ical_dtstamp(char out[64], int64_t dtstamp, np_error *err)
{
    /* Range first, so that the floor division below cannot overflow. */
    const int64_t first = (int64_t)NP_DATE_MIN * 86400, last = (int64_t)NP_DATE_MAX * 86400 + 86399;
    const int64_t day = dtstamp < first || dtstamp > last ? INT64_MIN
                        : dtstamp >= 0                   ? dtstamp / 86400
                                                         : -((-dtstamp + 86399) / 86400);
    if (day == INT64_MIN)
        return np_error_set(err, NP_EINVAL, "dtstamp %lld is outside years 0001..9999", (long long)dtstamp);
    const int64_t secs = dtstamp - day * 86400;
    char stamp_day[9];
    npi_ical_basic_date(stamp_day, (np_date)day);
    snprintf(out, 64, "DTSTAMP:%sT%02d%02d%02dZ", stamp_day, (int)(secs / 3600),
             (int)(secs / 60 % 60), (int)(secs % 60));
    return NP_OK;
}

char *np_timeline_to_ical(const np_timeline *t, int64_t dtstamp, np_error *err)
{
    char stamp[64], start[9], buf[128];
    if (npi_ical_dtstamp(stamp, dtstamp, err) != NP_OK) return NULL;
    npi_ical_basic_date(start, t->appointment.start);
    const uint64_t hash = appointment_hash(t);

    npi_strbuf sb = NP_STRBUF_INIT;
    npi_ical_put_raw(&sb, "BEGIN:VCALENDAR");
    npi_ical_put_raw(&sb, "VERSION:2.0");
    npi_ical_put_raw(&sb, "PRODID:-//natopost//natopost contract timeline//EN");
    npi_ical_put_raw(&sb, "CALSCALE:GREGORIAN");
    snprintf(buf, sizeof buf, "Contract timeline: %s appointment from %.4s-%.2s-%.2s",
             np_kind_name(t->appointment.kind), start, start + 4, start + 6);
    npi_ical_put_text(&sb, "X-WR-CALNAME", buf);
    for (size_t i = 0; i < t->event_count; i++) {
        const np_event *e = &t->events[i];
        char date[9];
        npi_ical_basic_date(date, e->date);
        npi_ical_put_raw(&sb, "BEGIN:VEVENT");
        snprintf(buf, sizeof buf, "UID:natopost-%s-%s-%016llx@natopost", np_event_code_name(e->code),
                 start, (unsigned long long)hash);
        npi_ical_put_raw(&sb, buf);
        npi_ical_put_raw(&sb, stamp);
        snprintf(buf, sizeof buf, "DTSTART;VALUE=DATE:%s", date);
        npi_ical_put_raw(&sb, buf);
        /* DTEND is exclusive; the last representable day has none (RFC 5545
         * then takes the duration of a DATE event to be one day). */
        if (e->date < NP_DATE_MAX) {
            npi_ical_basic_date(date, e->date + 1);
            snprintf(buf, sizeof buf, "DTEND;VALUE=DATE:%s", date);
            npi_ical_put_raw(&sb, buf);
        }
        npi_ical_put_text(&sb, "SUMMARY", np_event_label(e->code));
        npi_strbuf desc = NP_STRBUF_INIT;
        npi_strbuf_printf(&desc, "%s (%s appointment", np_event_code_name(e->code),
                         np_kind_name(t->appointment.kind));
        if (t->appointment.twin_grade) npi_strbuf_puts(&desc, ", twin-graded post");
        npi_strbuf_puts(&desc, ")");
        if (e->note) npi_strbuf_printf(&desc, ": %s", e->note);
        if (desc.failed) npi_strbuf_fail(&sb);
        else npi_ical_put_text(&sb, "DESCRIPTION", desc.data);
        npi_strbuf_reset(&desc);
        npi_ical_put_text(&sb, "CATEGORIES", "natopost");
        npi_ical_put_raw(&sb, "TRANSP:TRANSPARENT");
        npi_ical_put_raw(&sb, "END:VEVENT");
    }
    npi_ical_put_raw(&sb, "END:VCALENDAR");
    char *text = npi_strbuf_take(&sb);
    if (!text) np_error_set(err, NP_ENOMEM, "out of memory writing iCalendar");
    return text;
}
