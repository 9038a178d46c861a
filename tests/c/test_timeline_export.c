/* np_timeline_to_json (docs/timeline-json.md) and np_timeline_to_ical
 * (RFC 5545): JSON parsed back with jansson, iCalendar checked line by line. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/timeline.h"
#include "support.h"

static np_date D(int y, int m, int d) { return (np_date)ts_days(ts_ymd_of(y, m, d)); }

/* The spec's worked example 1: external, twin-graded, 2025-09-01, defaults. */
static np_timeline example_1(void)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2025, 9, 1);
    a.twin_grade = true;
    np_timeline t;
    np_error err;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_OK, "%s", err.message);
    return t;
}

/* The spec's worked example 2: seconded, twin-graded, reduction 24, 2024-02-29. */
static np_timeline example_2(void)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2024, 2, 29);
    a.kind = NP_KIND_SECONDED;
    a.twin_grade = true;
    a.reduction_months = 24;
    np_timeline t;
    np_error err;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, &err), NP_OK, "%s", err.message);
    return t;
}

/* ---- JSON -------------------------------------------------------------------------- */

static json_t *export_json(const np_timeline *t, const np_day_status *status)
{
    np_error err;
    char *text = np_timeline_to_json(t, status, &err);
    cr_assert_not_null(text, "%s", err.message);
    json_error_t jerr;
    json_t *root = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);
    cr_assert_not_null(root, "not JSON: %s\n%s", jerr.text, text);
    np_free(text);
    return root;
}

/* Asserts that `obj` has exactly the keys `keys` (NULL-terminated), in that order. */
static void assert_keys(const json_t *obj, const char *const *keys, const char *what)
{
    cr_assert(json_is_object(obj), "%s is an object", what);
    size_t i = 0;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)obj, key, value) {
        cr_assert_not_null(keys[i], "%s: extra key \"%s\"", what, key);
        cr_assert_str_eq(key, keys[i], "%s: key %zu", what, i);
        i++;
    }
    cr_assert_null(keys[i], "%s: key \"%s\" missing", what, keys[i]);
}

#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

static void assert_str(const json_t *obj, const char *key, const char *expected)
{
    const json_t *v = json_object_get(obj, key);
    cr_assert(json_is_string(v), "\"%s\" is a string", key);
    cr_assert_str_eq(json_string_value(v), expected, "\"%s\"", key);
}

static void assert_int(const json_t *obj, const char *key, json_int_t expected)
{
    const json_t *v = json_object_get(obj, key);
    cr_assert(json_is_integer(v), "\"%s\" is an integer", key);
    cr_assert_eq(json_integer_value(v), expected, "\"%s\": %lld, expected %lld", key,
                 (long long)json_integer_value(v), (long long)expected);
}

static void assert_bool(const json_t *obj, const char *key, bool expected)
{
    const json_t *v = json_object_get(obj, key);
    cr_assert(json_is_boolean(v), "\"%s\" is a boolean", key);
    cr_assert_eq(json_is_true(v), expected, "\"%s\"", key);
}

static const char *const TOP_KEYS[] = {"format", "appointment", "policy", "events", "notes",
                                       "renewed", "has_conversion_window",
                                       "promotion_reachable", NULL};

static void assert_default_policy(const json_t *policy)
{
    assert_keys(policy, KEYS("initial_months", "renewal_months", "max_months", "promotion_months",
                             "max_reduction_months", "conversion_notice_months",
                             "seconded_conversion"),
                "policy");
    assert_int(policy, "initial_months", 36);
    assert_int(policy, "renewal_months", 36);
    assert_int(policy, "max_months", 72);
    assert_int(policy, "promotion_months", 36);
    assert_int(policy, "max_reduction_months", 24);
    assert_int(policy, "conversion_notice_months", 12);
    assert_bool(policy, "seconded_conversion", false);
}

static void assert_example_1_body(const json_t *root)
{
    assert_str(root, "format", "natopost.timeline/1");

    const json_t *a = json_object_get(root, "appointment");
    assert_keys(a, KEYS("start", "kind", "initial_months", "renewal_months", "max_months",
                        "twin_grade", "reduction_months", "direct_higher"),
                "appointment");
    assert_str(a, "start", "2025-09-01");
    assert_str(a, "kind", "external");
    assert_int(a, "initial_months", 36);
    assert_int(a, "renewal_months", 36);
    assert_int(a, "max_months", 72);
    assert_bool(a, "twin_grade", true);
    assert_int(a, "reduction_months", 0);
    assert_bool(a, "direct_higher", false);

    assert_default_policy(json_object_get(root, "policy"));

    static const struct {
        const char *code, *date;
    } events[] = {
        {"entry_on_duty", "2025-09-01"},          {"initial_contract_end", "2028-08-31"},
        {"renewal_start", "2028-09-01"},          {"renewal_end", "2031-08-31"},
        {"conversion_window_open", "2028-09-01"}, {"conversion_window_close", "2030-08-31"},
        {"contract_end", "2031-08-31"},           {"max_service_end", "2031-08-31"},
        {"earliest_promotion", "2028-09-01"},
    };
    const json_t *ev = json_object_get(root, "events");
    cr_assert(json_is_array(ev));
    cr_assert_eq(json_array_size(ev), 9);
    for (size_t i = 0; i < 9; i++) {
        const json_t *e = json_array_get(ev, i);
        assert_keys(e, KEYS("code", "date", "label", "note"), "event");
        assert_str(e, "code", events[i].code);
        assert_str(e, "date", events[i].date);
        assert_str(e, "label", np_event_label((np_event_code)i));
        cr_assert(json_is_null(json_object_get(e, "note")), "%s: note is null", events[i].code);
    }
    assert_str(json_array_get(ev, 0), "label", "Entry on duty");
    const json_t *notes = json_object_get(root, "notes");
    cr_assert(json_is_array(notes) && json_array_size(notes) == 0, "no notes");
    assert_bool(root, "renewed", true);
    assert_bool(root, "has_conversion_window", true);
    assert_bool(root, "promotion_reachable", true);
}

Test(timeline_export, json_example_1_without_status)
{
    const np_timeline t = example_1();
    json_t *root = export_json(&t, NULL);
    assert_keys(root, TOP_KEYS, "timeline");
    assert_example_1_body(root);
    cr_assert_null(json_object_get(root, "status"), "no status unless asked for");
    json_decref(root);
    TS_ASSERT_NO_LEAKS();
}

Test(timeline_export, json_example_1_with_status)
{
    const np_timeline t = example_1();
    const np_day_status s = np_timeline_status(&t, D(2030, 8, 31));
    json_t *root = export_json(&t, &s);
    assert_keys(root, KEYS("format", "appointment", "policy", "events", "notes", "renewed",
                           "has_conversion_window", "promotion_reachable", "status"),
                "timeline");
    assert_example_1_body(root);
    const json_t *st = json_object_get(root, "status");
    assert_keys(st, KEYS("on", "phase", "days_to_contract_end", "conversion_window_open",
                         "months_served", "promotion_possible"),
                "status");
    /* spec: renewal, 365 days to contract end, window open, 60 months served */
    assert_str(st, "on", "2030-08-31");
    assert_str(st, "phase", "renewal");
    assert_int(st, "days_to_contract_end", 365);
    assert_bool(st, "conversion_window_open", true);
    assert_int(st, "months_served", 60);
    assert_bool(st, "promotion_possible", true);
    json_decref(root);

    /* after the end: negative days, phase ended */
    const np_day_status late = np_timeline_status(&t, D(2031, 9, 2));
    root = export_json(&t, &late);
    st = json_object_get(root, "status");
    assert_str(st, "phase", "ended");
    assert_int(st, "days_to_contract_end", -2);
    assert_int(st, "months_served", 72);
    assert_bool(st, "promotion_possible", false);
    json_decref(root);
    TS_ASSERT_NO_LEAKS();
}

Test(timeline_export, json_example_2_notes_and_absent_events)
{
    const np_timeline t = example_2();
    json_t *root = export_json(&t, NULL);
    assert_keys(root, TOP_KEYS, "timeline");
    const json_t *a = json_object_get(root, "appointment");
    assert_str(a, "kind", "seconded");
    assert_int(a, "reduction_months", 24);
    const json_t *ev = json_object_get(root, "events");
    static const char *const codes[] = {"entry_on_duty", "initial_contract_end", "renewal_start",
                                        "renewal_end", "contract_end", "max_service_end",
                                        "earliest_promotion"};
    static const char *const dates[] = {"2024-02-29", "2027-02-28", "2027-03-01", "2030-02-28",
                                        "2030-02-28", "2030-02-28", "2025-03-01"};
    cr_assert_eq(json_array_size(ev), 7, "absent events are omitted, never null");
    for (size_t i = 0; i < 7; i++) {
        assert_str(json_array_get(ev, i), "code", codes[i]);
        assert_str(json_array_get(ev, i), "date", dates[i]);
    }
    assert_str(json_array_get(ev, 3), "note", "subject to the agreement of the national authority");
    cr_assert(json_is_null(json_object_get(json_array_get(ev, 2), "note")));
    const json_t *notes = json_object_get(root, "notes");
    cr_assert_eq(json_array_size(notes), 2);
    assert_keys(json_array_get(notes, 0), KEYS("code", "text"), "note");
    assert_str(json_array_get(notes, 0), "code", "seconded_renewal");
    assert_str(json_array_get(notes, 0), "text", t.notes[0].text);
    assert_str(json_array_get(notes, 1), "code", "no_conversion_seconded");
    assert_bool(root, "renewed", true);
    assert_bool(root, "has_conversion_window", false);
    assert_bool(root, "promotion_reachable", true);
    json_decref(root);
    TS_ASSERT_NO_LEAKS();
}

Test(timeline_export, json_not_twin_graded_status)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(2026, 3, 31);
    a.renewal_months = 12;
    np_timeline t;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, NULL), NP_OK);
    const np_day_status s = np_timeline_status(&t, D(2029, 3, 31));
    json_t *root = export_json(&t, &s);
    assert_bool(root, "promotion_reachable", false);
    assert_bool(root, "has_conversion_window", false);
    const json_t *notes = json_object_get(root, "notes");
    cr_assert_eq(json_array_size(notes), 1);
    assert_str(json_array_get(notes, 0), "code", "conversion_window_empty");
    const json_t *st = json_object_get(root, "status");
    assert_str(st, "phase", "renewal");
    assert_int(st, "days_to_contract_end", 364);
    assert_int(st, "months_served", 36);
    assert_bool(st, "promotion_possible", false);
    json_decref(root);
    TS_ASSERT_NO_LEAKS();
}

/* ---- iCalendar ------------------------------------------------------------------------ */

typedef struct ical {
    char *text;
    char *lines[512]; /* unfolded content lines (into `unfolded`) */
    size_t count;
    char *unfolded;
} ical;

static bool valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (len == 0 || i + len > n) return false;
        for (size_t k = 1; k < len; k++)
            if ((s[i + k] & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

/* Exports `t`, checks the physical form (CRLF only, <= 75 octets per line,
 * folds only between UTF-8 sequences) and unfolds it into content lines. */
static ical export_ical(const np_timeline *t, int64_t dtstamp)
{
    ical c;
    memset(&c, 0, sizeof c);
    np_error err;
    c.text = np_timeline_to_ical(t, dtstamp, &err);
    cr_assert_not_null(c.text, "%s", err.message);
    const char *s = c.text;
    const size_t n = strlen(s);
    cr_assert_geq(n, 2);
    cr_assert(s[n - 2] == '\r' && s[n - 1] == '\n', "ends with CRLF");
    size_t line_start = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r') cr_assert(i + 1 < n && s[i + 1] == '\n', "CR without LF at %zu", i);
        if (s[i] == '\n') {
            cr_assert(i > 0 && s[i - 1] == '\r', "bare LF at byte %zu", i);
            const size_t octets = i - 1 - line_start;
            cr_assert_leq(octets, 75, "line at byte %zu has %zu octets", line_start, octets);
            cr_assert(valid_utf8((const unsigned char *)s + line_start, octets),
                      "line at byte %zu splits a UTF-8 sequence", line_start);
            line_start = i + 1;
        }
    }
    /* unfold: a CRLF followed by a space (or tab) continues the line */
    c.unfolded = malloc(n + 1);
    cr_assert_not_null(c.unfolded);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r' && s[i + 1] == '\n' && (s[i + 2] == ' ' || s[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        c.unfolded[o++] = s[i];
    }
    c.unfolded[o] = '\0';
    for (char *p = c.unfolded; *p;) {
        char *end = strstr(p, "\r\n");
        cr_assert_not_null(end);
        *end = '\0';
        cr_assert_lt(c.count, sizeof c.lines / sizeof c.lines[0]);
        c.lines[c.count++] = p;
        p = end + 2;
    }
    return c;
}

static void ical_free(ical *c)
{
    np_free(c->text);
    free(c->unfolded);
}

/* Content lines of the i-th VEVENT (0-based): [*first, *last) between BEGIN and END. */
static bool vevent(const ical *c, size_t index, size_t *first, size_t *last)
{
    size_t seen = 0;
    for (size_t i = 0; i < c->count; i++) {
        if (strcmp(c->lines[i], "BEGIN:VEVENT") != 0) continue;
        if (seen++ != index) continue;
        for (size_t k = i + 1; k < c->count; k++)
            if (strcmp(c->lines[k], "END:VEVENT") == 0) {
                *first = i + 1;
                *last = k;
                return true;
            }
        return false;
    }
    return false;
}

/* The value of property `name` (e.g. "UID:" or "DTSTART;VALUE=DATE:") in the
 * i-th VEVENT; NULL if absent; fails if repeated. */
static const char *prop(const ical *c, size_t index, const char *name)
{
    size_t first, last;
    cr_assert(vevent(c, index, &first, &last), "VEVENT %zu", index);
    const char *found = NULL;
    for (size_t i = first; i < last; i++)
        if (strncmp(c->lines[i], name, strlen(name)) == 0) {
            cr_assert_null(found, "VEVENT %zu: %s twice", index, name);
            found = c->lines[i] + strlen(name);
        }
    return found;
}

static size_t count_lines(const ical *c, const char *line)
{
    size_t n = 0;
    for (size_t i = 0; i < c->count; i++) n += strcmp(c->lines[i], line) == 0;
    return n;
}

Test(timeline_export, ical_structure_example_1)
{
    const np_timeline t = example_1();
    ical c = export_ical(&t, 1700000000);
    cr_assert_str_eq(c.lines[0], "BEGIN:VCALENDAR");
    cr_assert_str_eq(c.lines[c.count - 1], "END:VCALENDAR");
    cr_assert_eq(count_lines(&c, "BEGIN:VCALENDAR"), 1);
    cr_assert_eq(count_lines(&c, "VERSION:2.0"), 1);
    size_t prodid = 0;
    for (size_t i = 0; i < c.count; i++) prodid += strncmp(c.lines[i], "PRODID:", 7) == 0 && c.lines[i][7];
    cr_assert_eq(prodid, 1, "one non-empty PRODID");
    cr_assert_eq(count_lines(&c, "BEGIN:VEVENT"), 9, "one VEVENT per event");
    cr_assert_eq(count_lines(&c, "END:VEVENT"), 9);

    static const struct {
        const char *start, *end; /* DTEND is the next day (exclusive) */
    } days[] = {
        {"20250901", "20250902"}, {"20280831", "20280901"}, {"20280901", "20280902"},
        {"20310831", "20310901"}, {"20280901", "20280902"}, {"20300831", "20300901"},
        {"20310831", "20310901"}, {"20310831", "20310901"}, {"20280901", "20280902"},
    };
    for (size_t i = 0; i < 9; i++) {
        const char *uid = prop(&c, i, "UID:");
        cr_assert_not_null(uid, "VEVENT %zu has a UID", i);
        cr_assert_gt(strlen(uid), 10);
        cr_assert_str_eq(prop(&c, i, "DTSTAMP:"), "20231114T221320Z");
        cr_assert_str_eq(prop(&c, i, "DTSTART;VALUE=DATE:"), days[i].start, "VEVENT %zu", i);
        cr_assert_str_eq(prop(&c, i, "DTEND;VALUE=DATE:"), days[i].end, "VEVENT %zu", i);
        cr_assert_str_eq(prop(&c, i, "SUMMARY:"), np_event_label((np_event_code)i));
        for (size_t k = 0; k < i; k++)
            cr_assert_str_neq(prop(&c, k, "UID:"), uid, "UIDs differ within a calendar");
    }
    cr_assert_str_eq(prop(&c, 0, "DESCRIPTION:"), "entry_on_duty (external appointment\\, twin-graded post)",
                     "',' escaped as TEXT");
    cr_assert_str_eq(prop(&c, 6, "SUMMARY:"), "Contract end");
    ical_free(&c);
    TS_ASSERT_NO_LEAKS();
}

Test(timeline_export, ical_folding_example_2)
{
    /* seconded: the renewal end's description is longer than a line */
    const np_timeline t = example_2();
    ical c = export_ical(&t, 1700000000);
    cr_assert_not_null(strstr(c.text, "\r\n "), "something was folded");
    cr_assert_eq(count_lines(&c, "BEGIN:VEVENT"), 7);
    cr_assert_str_eq(prop(&c, 3, "DESCRIPTION:"),
                     "renewal_end (seconded appointment\\, twin-graded post): subject to the "
                     "agreement of the national authority");
    cr_assert_str_eq(prop(&c, 3, "DTSTART;VALUE=DATE:"), "20300228");
    cr_assert_str_eq(prop(&c, 3, "DTEND;VALUE=DATE:"), "20300301");
    cr_assert_str_eq(prop(&c, 0, "DTSTART;VALUE=DATE:"), "20240229");
    cr_assert_str_eq(prop(&c, 0, "DTEND;VALUE=DATE:"), "20240301");
    ical_free(&c);
    TS_ASSERT_NO_LEAKS();
}

Test(timeline_export, ical_text_escaping_and_utf8_folding)
{
    /* A timeline is a plain value: give an event a note with every character
     * that TEXT escapes, and one long run of 2- and 3-byte characters. */
    np_timeline t = example_1();
    t.events[0].note = "a,b;c\\d\ne";
    static char long_note[1000];
    size_t o = 0;
    for (int i = 0; i < 60; i++) {
        memcpy(long_note + o, "\xC3\xA9", 2); /* é */
        o += 2;
        memcpy(long_note + o, "\xE2\x82\xAC", 3); /* € */
        o += 3;
    }
    long_note[o] = '\0';
    t.events[1].note = long_note;
    ical c = export_ical(&t, 0);
    cr_assert_str_eq(prop(&c, 0, "DESCRIPTION:"),
                     "entry_on_duty (external appointment\\, twin-graded post): a\\,b\\;c\\\\d\\ne");
    char expected[1200];
    snprintf(expected, sizeof expected, "initial_contract_end (external appointment\\, twin-graded post): %s",
             long_note);
    cr_assert_str_eq(prop(&c, 1, "DESCRIPTION:"), expected, "unfolding gives back the content");
    cr_assert_str_eq(prop(&c, 1, "DTSTAMP:"), "19700101T000000Z");
    ical_free(&c);
    TS_ASSERT_NO_LEAKS();
}

Test(timeline_export, ical_dtstamp)
{
    const np_timeline t = example_1();
    static const struct {
        int64_t stamp;
        const char *text;
    } cases[] = {
        {1700000000, "20231114T221320Z"},
        {0, "19700101T000000Z"},
        {-1, "19691231T235959Z"},
        {86399, "19700101T235959Z"},
        {86400, "19700102T000000Z"},
        {-86400, "19691231T000000Z"},
        {-86401, "19691230T235959Z"},
        {951782400, "20000229T000000Z"},
        {(int64_t)-719162 * 86400, "00010101T000000Z"},
        {(int64_t)2932896 * 86400 + 86399, "99991231T235959Z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ical c = export_ical(&t, cases[i].stamp);
        for (size_t k = 0; k < 9; k++)
            cr_assert_str_eq(prop(&c, k, "DTSTAMP:"), cases[i].text, "dtstamp %lld",
                             (long long)cases[i].stamp);
        ical_free(&c);
    }
    static const int64_t bad[] = {(int64_t)-719162 * 86400 - 1, (int64_t)2932897 * 86400,
                                  INT64_MAX, INT64_MIN, INT64_MIN + 1, INT64_MAX - 86399};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        np_error err;
        char *text = np_timeline_to_ical(&t, bad[i], &err);
        cr_assert_null(text, "dtstamp %lld", (long long)bad[i]);
        cr_assert_eq(err.code, NP_EINVAL);
        cr_assert_not_null(strstr(err.message, "dtstamp"), "%s", err.message);
        cr_assert_null(np_timeline_to_ical(&t, bad[i], NULL), "err may be NULL");
    }
    TS_ASSERT_NO_LEAKS();
}

static void uids(const np_timeline *t, char out[NP_EVENT_COUNT][128], size_t *n, int64_t stamp)
{
    ical c = export_ical(t, stamp);
    *n = t->event_count;
    for (size_t i = 0; i < *n; i++) {
        const char *uid = prop(&c, i, "UID:");
        cr_assert_not_null(uid);
        snprintf(out[i], 128, "%s", uid);
    }
    ical_free(&c);
}

Test(timeline_export, ical_uids_stable_per_appointment)
{
    char first[NP_EVENT_COUNT][128], again[NP_EVENT_COUNT][128], other[NP_EVENT_COUNT][128];
    size_t n1, n2, n3;
    const np_timeline t1 = example_1();
    uids(&t1, first, &n1, 1700000000);
    /* the same appointment, built again and exported later: the same UIDs */
    const np_timeline t2 = example_1();
    uids(&t2, again, &n2, 1800000000);
    cr_assert_eq(n1, n2);
    for (size_t i = 0; i < n1; i++) cr_assert_str_eq(first[i], again[i]);

    /* a different appointment: none of its UIDs is one of example 1's */
    for (int variant = 0; variant < 5; variant++) {
        np_appointment a = t1.appointment;
        np_policy p = t1.policy;
        switch (variant) {
        case 0: a.start += 1; break;
        case 1: a.kind = NP_KIND_SERVING; break;
        case 2: a.renewal_months = 24; break;
        case 3: a.reduction_months = 6; break;
        case 4: p.conversion_notice_months = 6; break;
        }
        np_timeline t;
        np_error err;
        cr_assert_eq(np_timeline_build(&t, &p, &a, &err), NP_OK, "%s", err.message);
        uids(&t, other, &n3, 1700000000);
        for (size_t i = 0; i < n3; i++)
            for (size_t k = 0; k < n1; k++)
                cr_assert_str_neq(other[i], first[k], "variant %d reuses a UID", variant);
    }
    TS_ASSERT_NO_LEAKS();
}

Test(timeline_export, ical_last_day_has_no_dtend_after_9999)
{
    /* 72 months from 9994-01-01 end on 9999-12-31: DTEND would be 10000-01-01,
     * so those events carry none (a DATE event then lasts one day). */
    np_appointment a = NP_APPOINTMENT_INIT;
    a.start = D(9994, 1, 1);
    np_timeline t;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, NULL), NP_OK);
    ical c = export_ical(&t, 1700000000);
    cr_assert_null(strstr(c.unfolded, "10000"));
    for (size_t i = 0; i < t.event_count; i++) {
        const char *start = prop(&c, i, "DTSTART;VALUE=DATE:");
        const char *end = prop(&c, i, "DTEND;VALUE=DATE:");
        if (strcmp(start, "99991231") == 0) cr_assert_null(end, "VEVENT %zu", i);
        else cr_assert_not_null(end, "VEVENT %zu", i);
    }
    cr_assert_str_eq(prop(&c, 0, "DTSTART;VALUE=DATE:"), "99940101");
    cr_assert_str_eq(prop(&c, 0, "DTEND;VALUE=DATE:"), "99940102");
    ical_free(&c);
    TS_ASSERT_NO_LEAKS();
}
