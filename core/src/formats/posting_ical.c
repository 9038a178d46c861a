/* iCalendar (RFC 5545) of posting deadlines: one VEVENT per posting that
 * states a deadline (see calendar.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/ical_write.h"
#include "natopost/calendar.h"
#include "natopost/grade.h"
#include "support/strbuf.h"

/* FNV-1a of the posting's id: the UID stays the same for the same posting
 * whatever the id's characters (a UID is one line of plain text). */
static uint64_t id_hash(const char *id)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *p = id; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ULL;
    return h;
}

/* A URI property takes the value as is: only a plain http(s) URL without
 * spaces or control characters qualifies. */
static bool is_web_url(const char *s)
{
    if (!s || (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0)) return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= ' ' || *p == 0x7F || *p == '"') return false;
    return true;
}

static void put_event(npi_strbuf *sb, const np_posting *p, const char *stamp)
{
    char buf[96], date[9];
    npi_ical_put_raw(sb, "BEGIN:VEVENT");
    snprintf(buf, sizeof buf, "UID:natopost-deadline-%016llx@natopost",
             (unsigned long long)id_hash(p->id ? p->id : ""));
    npi_ical_put_raw(sb, buf);
    npi_ical_put_raw(sb, stamp);
    npi_ical_basic_date(date, p->deadline.date);
    if (p->deadline.minute < 0) {
        snprintf(buf, sizeof buf, "DTSTART;VALUE=DATE:%s", date);
        npi_ical_put_raw(sb, buf);
        /* DTEND is exclusive; the last representable day has none (one day by RFC 5545). */
        if (p->deadline.date < NP_DATE_MAX) {
            npi_ical_basic_date(date, p->deadline.date + 1);
            snprintf(buf, sizeof buf, "DTEND;VALUE=DATE:%s", date);
            npi_ical_put_raw(sb, buf);
        }
    } else {
        /* A deadline is an instant: DTSTART alone (RFC 5545 3.6.1: it then ends where it starts). */
        snprintf(buf, sizeof buf, "DTSTART:%sT%02d%02d00", date, p->deadline.minute / 60 % 24,
                 p->deadline.minute % 60);
        npi_ical_put_raw(sb, buf);
    }
    char grade[NP_GRADE_TEXT_MAX];
    np_grade_format(p->grade, grade);
    npi_strbuf text = NP_STRBUF_INIT;
    npi_strbuf_printf(&text, "Deadline: %s", p->title ? p->title : p->id ? p->id : "posting");
    if (grade[0]) npi_strbuf_printf(&text, " (%s)", grade);
    if (text.failed) npi_strbuf_fail(sb);
    else npi_ical_put_text(sb, "SUMMARY", text.data);
    npi_strbuf_reset(&text);
    const struct {
        const char *label, *value;
    } lines[] = {{"Title", p->title}, {"Grade", grade[0] ? grade : NULL}, {"NATO body", p->body},
                 {"Division", p->division}, {"Requisition", p->requisition}, {"Source", p->source}};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (lines[i].value)
            npi_strbuf_printf(&text, "%s%s: %s", text.len ? "\n" : "", lines[i].label, lines[i].value);
    if (text.failed) npi_strbuf_fail(sb);
    else if (text.len) npi_ical_put_text(sb, "DESCRIPTION", text.data);
    npi_strbuf_reset(&text);
    if (is_web_url(p->source)) {
        npi_strbuf_printf(&text, "URL:%s", p->source);
        if (text.failed) npi_strbuf_fail(sb);
        else npi_ical_put_line(sb, text.data, text.len);
        npi_strbuf_reset(&text);
    }
    npi_ical_put_text(sb, "CATEGORIES", "natopost");
    npi_ical_put_raw(sb, "TRANSP:TRANSPARENT");
    npi_ical_put_raw(sb, "END:VEVENT");
}

typedef const np_posting *(*posting_at)(void *source, size_t i, np_error *err);

static char *write_calendar(void *source, posting_at at, size_t count, int64_t dtstamp,
                            np_error *err)
{
    char stamp[64];
    if (npi_ical_dtstamp(stamp, dtstamp, err) != NP_OK) return NULL;
    npi_strbuf sb = NP_STRBUF_INIT;
    npi_ical_put_raw(&sb, "BEGIN:VCALENDAR");
    npi_ical_put_raw(&sb, "VERSION:2.0");
    npi_ical_put_raw(&sb, "PRODID:-//natopost//natopost posting deadlines//EN");
    npi_ical_put_raw(&sb, "CALSCALE:GREGORIAN");
    npi_ical_put_text(&sb, "X-WR-CALNAME", "NATO vacancy deadlines");
    for (size_t i = 0; i < count; i++) {
        const np_posting *p = at(source, i, err);
        if (!p) {
            npi_strbuf_reset(&sb);
            return NULL;
        }
        if (p->deadline.date != NP_DATE_NONE) put_event(&sb, p, stamp);
    }
    npi_ical_put_raw(&sb, "END:VCALENDAR");
    char *text = npi_strbuf_take(&sb);
    if (!text) np_error_set(err, NP_ENOMEM, "out of memory writing iCalendar");
    return text;
}

static const np_posting *array_at(void *source, size_t i, np_error *err)
{
    (void)err;
    return ((const np_posting *const *)source)[i];
}

static const np_posting *collection_at(void *source, size_t i, np_error *err)
{
    return np_collection_posting((np_collection *)source, i, err);
}

char *np_postings_to_ical(const np_posting *const *postings, size_t count, int64_t dtstamp,
                          np_error *err)
{
    return write_calendar((void *)(uintptr_t)postings, array_at, count, dtstamp, err);
}

char *np_collection_to_ical(np_collection *collection, int64_t dtstamp, np_error *err)
{
    return write_calendar(collection, collection_at, np_collection_count(collection), dtstamp, err);
}
