/* Posting JSON (posting_json.h): the natopost form's lossless round trip
 * over every field and every requirement kind, the strict reader's errors
 * (each naming its JSON path, syntax errors with line and column), what the
 * writer refuses, lists (arrays, single objects, NDJSON), atomic files,
 * schema.org JSON-LD, out-of-memory paths of jansson, and the five seeds.
 *
 * Seeds come from NATOPOST_SEEDS; under CI=true a missing folder is a
 * failure, otherwise the seed tests are skipped with a message. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/posting_schema.h"
#include "natopost/natopost.h"
#include "support.h"

/* ---- building postings ---------------------------------------------------------- */

static void set(char **slot, const char *text)
{
    np_error err;
    cr_assert_eq(np_posting_set_text(slot, text, strlen(text), &err), NP_OK, "%s", err.message);
}

static np_date day(int y, int m, int d)
{
    np_date out;
    np_error err;
    cr_assert_eq(np_date_from_ymd(&out, y, m, d, &err), NP_OK, "%s", err.message);
    return out;
}

static np_requirement *req(np_posting *p, np_req_kind kind, bool essential, const char *text)
{
    np_requirement *r;
    np_error err;
    cr_assert_eq(np_posting_add_requirement(p, &r, essential, text, strlen(text), 30 + (int)p->requirement_count, &err),
                 NP_OK, "%s", err.message);
    r->kind = kind;
    return r;
}

/* Indexes of the requirements of full_posting(), for the error tests. */
enum {
    R_DEGREE, R_EXPERIENCE, R_LANGUAGES, R_STANAG, R_SOFTWARE, R_TRAVEL, R_NATIONALITY,
    R_CLEARANCE, R_OTHER, R_COUNT_ESSENTIAL
};

/* A posting with every field stated, every requirement kind (essential and
 * desirable, typed parts stated and not), text with quotes, control
 * characters and non-ASCII letters, and a diagnostic longer than an error
 * message. */
static np_posting *full_posting(void)
{
    np_posting *p = np_posting_new();
    cr_assert_not_null(p);
    np_error err;
    set(&p->id, "251043");
    set(&p->source, "https://www.nato.int/cps/en/natolive/recruit-hq-e.htm?id=251043");
    set(&p->title, "Officer, Logistics \"Λ\" \\ naïve");
    set(&p->body, "International Staff");
    set(&p->location, "Brussels, Belgium");
    set(&p->division, "Defence Policy and Planning Division");
    set(&p->directorate, "Security Policy Directorate");
    set(&p->section, "Defence Enablement and Logistics Section");
    set(&p->grade_text, "NATO Grade G15/G16");
    cr_assert_eq(np_grade_parse(&p->grade, "G15/G16", 7, &err), NP_OK);
    p->salary.amount = 9253.21;
    memcpy(p->salary.currency, "EUR", 4);
    set(&p->salary.basis, "Monthly");
    p->salary.tax_free = NP_YES;
    p->deadline.date = day(2025, 11, 3);
    p->deadline.minute = 17 * 60 + 59;
    p->published = day(2025, 10, 1);
    p->updated = day(2025, 10, 15);
    set(&p->requisition, "251043");
    p->clearance = NP_CLEARANCE_NS;
    p->clearance_atomal = true;
    p->fast_track = NP_YES;
    memcpy(p->language, "fr", 3);
    set(&p->summary, "Line one\nline two\twith a tab, a \x01 control byte and \"quotes\" \xE2\x82\xAC");

    cr_assert_eq(np_posting_add_accountability(p, "Planning", 8, "Plans the logistics.", 20, 40, &err), NP_OK);
    cr_assert_eq(np_posting_add_accountability(p, NULL, 0, "Performs any other duty.", 24, 41, &err), NP_OK);
    set(&p->interrelationships.reports_to, "Head, Plans Section");
    set(&p->interrelationships.direct_reports, "N/a");
    set(&p->interrelationships.indirect_reports, "2");
    set(&p->interrelationships.text, "The incumbent reports to the Head.\nDirect reports: N/a");
    p->interrelationships.line = 50;
    cr_assert_eq(np_posting_add_competency(p, "Analytical Thinking", 19, "Sees multiple relationships", 27, 60, &err), NP_OK);
    cr_assert_eq(np_posting_add_competency(p, "Teamwork", 8, NULL, 0, 61, &err), NP_OK);

    np_requirement *r = req(p, NP_REQ_DEGREE, true, "possess a university degree");
    r->as.degree = (np_degree_req){NP_DEGREE_UNIVERSITY, true};
    r = req(p, NP_REQ_EXPERIENCE, true, "have at least 2 years' experience");
    r->as.experience.min_years = 2;
    r = req(p, NP_REQ_LANGUAGES, true, "V (\"Advanced\") in one; I (\"Beginner\") in the other");
    r->as.languages = (np_language_req){NP_LANG_EITHER_OR, NP_LEVEL_V, NP_LEVEL_I, NP_LEVEL_NONE, NP_LEVEL_NONE, false};
    r = req(p, NP_REQ_STANAG, true, "SLP 3+332");
    r->as.stanag = (np_stanag_profile){3, 3, 3, 2, 1u};
    r = req(p, NP_REQ_SOFTWARE, true, "Microsoft Excel and SharePoint");
    set(&r->as.software.names, "Microsoft Excel, Microsoft SharePoint");
    r = req(p, NP_REQ_TRAVEL, true, "travel about 10% of the time");
    r->as.travel.percent = 10;
    r = req(p, NP_REQ_NATIONALITY, true, "be a national of a NATO member country");
    r->as.nationality.nato_member = true;
    r = req(p, NP_REQ_CLEARANCE, true, "hold a NATO SECRET clearance");
    r->as.clearance = (np_clearance_req){NP_CLEARANCE_NS, false};
    req(p, NP_REQ_OTHER, true, "have strong drafting skills");
    r = req(p, NP_REQ_DEGREE, false, "a post-graduate degree");
    r->as.degree = (np_degree_req){NP_DEGREE_POSTGRADUATE, false};
    r = req(p, NP_REQ_LANGUAGES, false, "French (level VI), English IV or higher");
    r->as.languages = (np_language_req){NP_LANG_NAMED, NP_LEVEL_NONE, NP_LEVEL_NONE, NP_LEVEL_IV, NP_LEVEL_VI, true};
    r = req(p, NP_REQ_LANGUAGES, false, "VI in both");
    r->as.languages = (np_language_req){NP_LANG_BOTH, NP_LEVEL_VI, NP_LEVEL_VI, NP_LEVEL_NONE, NP_LEVEL_NONE, false};
    r = req(p, NP_REQ_EXPERIENCE, false, "some experience");
    r->as.experience.min_years = -1;
    r = req(p, NP_REQ_EXPERIENCE, false, "two and a half years");
    r->as.experience.min_years = 2.5;
    r = req(p, NP_REQ_TRAVEL, false, "some travel");
    r->as.travel.percent = -1;
    req(p, NP_REQ_SOFTWARE, false, "office software");
    r = req(p, NP_REQ_CLEARANCE, false, "COSMIC TOP SECRET ATOMAL");
    r->as.clearance = (np_clearance_req){NP_CLEARANCE_CTS, true};
    r = req(p, NP_REQ_STANAG, false, "a STANAG profile");
    r->as.stanag = NP_STANAG_NONE;
    r = req(p, NP_REQ_DEGREE, false, "a degree of some kind");
    r->as.degree = (np_degree_req){NP_DEGREE_NONE, false};
    req(p, NP_REQ_NATIONALITY, false, "nationality");
    req(p, NP_REQ_OTHER, false, "knowledge of NATO");

    p->contract = (np_contract_terms){true, 36, 36, 72, NP_YES, true, true, 72, true, NULL, 70};
    set(&p->contract.text, "The successful applicant will be offered a 3-year definite duration contract.");
    int *lines = &p->lines.title;
    for (int i = 0; i < 15; i++) lines[i] = i + 1;

    char long_message[600];
    memset(long_message, 'x', sizeof long_message - 1);
    long_message[sizeof long_message - 1] = '\0';
    cr_assert_eq(np_posting_add_diagnostic(p, NP_DIAG_INFO, 0, NULL, &err, "notice read"), NP_OK);
    cr_assert_eq(np_posting_add_diagnostic(p, NP_DIAG_WARNING, 12, "title", &err, "no title line"), NP_OK);
    cr_assert_eq(np_posting_add_diagnostic(p, NP_DIAG_ERROR, 99, "deadline", &err, "x"), NP_OK);
    set(&p->diagnostics[2].message, long_message);
    return p;
}

static np_posting *clone(const np_posting *p)
{
    np_posting *c;
    np_error err;
    cr_assert_eq(np_posting_clone(&c, p, &err), NP_OK, "%s", err.message);
    return c;
}

/* ---- JSON helpers --------------------------------------------------------------- */

static char *write_json(const np_posting *p, bool pretty)
{
    char *json = NULL;
    np_error err;
    np_status st = np_posting_to_json(&json, p, pretty, &err);
    cr_assert_eq(st, NP_OK, "np_posting_to_json: %s", err.message);
    cr_assert_not_null(json);
    return json;
}

static np_posting *read_json(const char *json)
{
    np_posting *p = NULL;
    np_error err;
    np_status st = np_posting_from_json(&p, json, strlen(json), &err);
    cr_assert_eq(st, NP_OK, "np_posting_from_json: %s\n%s", err.message, json);
    return p;
}

/* read(write(p)) equals p and write(read(write(p))) is the same text. */
static void expect_round_trip(const np_posting *p)
{
    for (int pretty = 0; pretty <= 1; pretty++) {
        char *json = write_json(p, pretty);
        np_posting *back = read_json(json);
        char where[128];
        cr_expect(np_posting_equal(back, p, where, sizeof where),
                  "round trip (pretty=%d) differs at %s\n%s", pretty, where, json);
        char *again = write_json(back, pretty);
        cr_expect_str_eq(again, json, "second write differs (pretty=%d)", pretty);
        cr_expect_eq(pretty, strchr(json, '\n') != NULL, "pretty output has newlines, compact none");
        np_free(again);
        np_free(json);
        np_posting_free(back);
    }
}

static json_t *parse(const char *json)
{
    json_error_t e;
    json_t *v = json_loads(json, JSON_DECODE_ANY, &e);
    cr_assert_not_null(v, "test JSON does not parse: %s: %s", e.text, json);
    return v;
}

/* The member at `path` ("a.b[2].c") of `root`, or NULL. With `parent_out`,
 * also the container and the last token (key or index). */
static json_t *walk(json_t *root, const char *path, json_t **parent_out, char *last_key,
                    size_t *last_index)
{
    json_t *cur = root, *parent = NULL;
    const char *s = path;
    while (*s) {
        parent = cur;
        if (*s == '[') {
            char *end;
            const size_t i = strtoul(s + 1, &end, 10);
            cr_assert_eq(*end, ']', "bad test path %s", path);
            cur = json_array_get(cur, i);
            if (last_key) last_key[0] = '\0';
            if (last_index) *last_index = i;
            s = end + 1;
        } else {
            if (*s == '.') s++;
            size_t n = strcspn(s, ".[");
            char key[64];
            cr_assert_lt(n, sizeof key);
            memcpy(key, s, n);
            key[n] = '\0';
            cur = json_object_get(cur, key);
            if (last_key) strcpy(last_key, key);
            s += n;
        }
        if (!cur && *s) cr_assert_fail("test path %s does not exist", path);
    }
    if (parent_out) *parent_out = parent;
    return cur;
}

/* `json` with the member at `path` replaced by `value` (JSON text), or
 * deleted when value is NULL. Free with free(). */
static char *mutate(const char *json, const char *path, const char *value)
{
    json_t *root = parse(json);
    json_t *parent;
    char key[64];
    size_t index = 0;
    walk(root, path, &parent, key, &index);
    if (key[0]) {
        if (value) json_object_set_new(parent, key, parse(value));
        else json_object_del(parent, key);
    } else {
        cr_assert(value, "cannot delete an array item");
        json_array_set_new(parent, index, parse(value));
    }
    char *out = json_dumps(root, JSON_INDENT(2));
    json_decref(root);
    return out;
}

static void expect_read_error(const char *json, np_status code, const char *fragment)
{
    np_posting *p = (np_posting *)&p; /* must become NULL */
    np_error err;
    np_status st = np_posting_from_json(&p, json, strlen(json), &err);
    cr_expect_eq(st, code, "status %d (%s), expected %d for fragment \"%s\"", st, err.message, code, fragment);
    cr_expect_null(p, "*out must be NULL on failure");
    cr_expect(strstr(err.message, fragment) != NULL, "message \"%s\" lacks \"%s\"", err.message, fragment);
    cr_expect_eq(strncmp(err.message, "posting JSON: ", 14), 0, "message \"%s\" lacks the prefix", err.message);
    if (st == NP_OK) np_posting_free(p);
}

static void expect_write_error(const np_posting *p, const char *fragment)
{
    char *json = (char *)&json;
    np_error err;
    np_status st = np_posting_to_json(&json, p, false, &err);
    cr_expect_eq(st, NP_EINVAL, "status %d, expected NP_EINVAL for \"%s\"", st, fragment);
    cr_expect_null(json, "*out must be NULL on failure");
    cr_expect(strstr(err.message, fragment) != NULL, "message \"%s\" lacks \"%s\"", err.message, fragment);
    if (st == NP_OK) np_free(json);
}

/* ---- round trips ------------------------------------------------------------------ */

Test(posting_json_round_trip, every_field_and_every_requirement_kind)
{
    np_posting *p = full_posting();
    /* every kind is present, essential and desirable */
    bool seen[NP_REQ_CLEARANCE + 1][2] = {{false}};
    for (size_t i = 0; i < p->requirement_count; i++)
        seen[p->requirements[i].kind][p->requirements[i].essential] = true;
    for (int k = NP_REQ_OTHER; k <= NP_REQ_CLEARANCE; k++)
        cr_assert(seen[k][0] && seen[k][1], "kind %s is missing", np_req_kind_name((np_req_kind)k));
    expect_round_trip(p);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_round_trip, empty_posting)
{
    np_posting *p = np_posting_new();
    expect_round_trip(p);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_round_trip, partial_and_unusual_values)
{
    np_posting *base = full_posting();
    np_error err;
    /* old-style twin grade; a time without a date; a contract object that is
     * not "stated"; a salary that states only the tax-free flag */
    np_posting *p = clone(base);
    cr_assert_eq(np_grade_parse(&p->grade, "A2/A3", 5, &err), NP_OK);
    p->deadline.date = NP_DATE_NONE;
    p->contract.stated = false;
    p->salary.amount = -1;
    p->salary.currency[0] = '\0';
    free(p->salary.basis);
    p->salary.basis = NULL;
    expect_round_trip(p);
    np_posting_free(p);

    /* awkward doubles print with the fewest digits that read back */
    const double amounts[] = {0.1, 1.0 / 3.0, 1e12, 123456.789, 0, 5e-324, 2.5, 1234567.0};
    for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
        p = clone(base);
        p->salary.amount = amounts[i];
        p->requirements[R_EXPERIENCE].as.experience.min_years = amounts[i] > 100 ? 99.99 : amounts[i];
        expect_round_trip(p);
        np_posting_free(p);
    }
    p = clone(base);
    p->salary.amount = 0.1;
    char *json = write_json(p, false);
    cr_expect(strstr(json, "\"amount\":0.1,") != NULL, "0.1 is written as 0.1: %s", json);
    cr_expect(strstr(json, "\"min_years\":2}") != NULL, "2 years are written as 2: %s", json);
    cr_expect(strstr(json, "\"min_years\":2.5}") != NULL, "2.5 years: %s", json);
    np_free(json);
    np_posting_free(p);

    /* dates at both ends of the supported range */
    p = clone(base);
    p->published = NP_DATE_MIN;
    p->updated = NP_DATE_MAX;
    p->deadline.minute = 0;
    expect_round_trip(p);
    np_posting_free(p);
    np_posting_free(base);
    TS_ASSERT_NO_LEAKS();
}

/* A file name in another encoding (issue 14): "source" for display,
 * "source_bytes" exact, and the posting reads back equal. */
Test(posting_json_round_trip, a_source_that_is_not_utf8_is_kept_exactly)
{
    np_posting *p = full_posting();
    set(&p->source, "notices/caf\xe9 100%\xed\xa0\x80.txt");
    char *json = write_json(p, false);
    cr_expect(strstr(json, "\"source\":\"notices/caf\xef\xbf\xbd 100%\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd.txt\","
                           "\"source_bytes\":\"notices/caf%E9%20100%25%ED%A0%80.txt\",") != NULL,
              "display form, then the exact bytes: %s", json);
    np_free(json);
    expect_round_trip(p);
    np_posting_free(p);

    /* A UTF-8 name has no source_bytes: the form of every other posting is unchanged. */
    p = full_posting();
    set(&p->source, "notices/caf\xc3\xa9.txt");
    json = write_json(p, false);
    cr_expect(strstr(json, "source_bytes") == NULL, "%s", json);
    np_free(json);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_round_trip, unknown_values_are_null)
{
    np_posting *p = np_posting_new();
    char *json = write_json(p, true);
    json_t *root = parse(json);
    cr_expect_str_eq(json_string_value(json_object_get(root, "format")), "natopost.posting/1");
    static const char *const nulls[] = {
        "id", "source", "language", "title", "body", "location", "division", "directorate", "section",
        "grade_text", "grade", "salary", "deadline", "published", "updated", "requisition",
        "clearance", "fast_track", "summary", "interrelationships", "contract"};
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
        cr_expect(json_is_null(json_object_get(root, nulls[i])), "%s is not null", nulls[i]);
    cr_expect_eq(json_array_size(json_object_get(root, "requirements")), 0);
    cr_expect_eq(json_object_size(root), 1 + NPS_FIELD_COUNT, "every member is written");
    json_decref(root);
    np_free(json);

    /* typed parts that state nothing are null members, never default numbers */
    np_posting *full = full_posting();
    json = write_json(full, false);
    root = parse(json);
    cr_expect(json_is_null(walk(root, "requirements[12].as.experience.min_years", NULL, NULL, NULL)));
    cr_expect(json_is_null(walk(root, "requirements[14].as.travel.percent", NULL, NULL, NULL)));
    cr_expect(json_is_null(walk(root, "requirements[15].as.software.names", NULL, NULL, NULL)));
    cr_expect(json_is_null(walk(root, "requirements[17].as.stanag.listening", NULL, NULL, NULL)));
    cr_expect(json_is_null(walk(root, "requirements[18].as.degree.level", NULL, NULL, NULL)));
    cr_expect(json_is_null(walk(root, "requirements[8].as", NULL, NULL, NULL)));
    cr_expect_str_eq(json_string_value(walk(root, "deadline.date", NULL, NULL, NULL)), "2025-11-03");
    cr_expect_str_eq(json_string_value(walk(root, "deadline.time", NULL, NULL, NULL)), "17:59");
    cr_expect_str_eq(json_string_value(walk(root, "grade.text", NULL, NULL, NULL)), "G15/G16");
    cr_expect_eq(json_integer_value(walk(root, "grade.low", NULL, NULL, NULL)), 15);
    cr_expect_eq(json_integer_value(walk(root, "grade.high", NULL, NULL, NULL)), 16);
    cr_expect_str_eq(json_string_value(json_object_get(root, "clearance")), "NATO SECRET");
    cr_expect_str_eq(json_string_value(walk(root, "requirements[2].as.languages.one", NULL, NULL, NULL)), "V");
    cr_expect_str_eq(json_string_value(walk(root, "requirements[3].as.stanag.plus[0]", NULL, NULL, NULL)), "listening");
    cr_expect(json_is_true(walk(root, "contract.conversion_possible", NULL, NULL, NULL)));
    json_decref(root);
    np_free(json);
    np_posting_free(full);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* ---- reading: errors ----------------------------------------------------------------- */

typedef struct bad_case {
    const char *path;  /* member to replace (or add) */
    const char *value; /* JSON text; NULL deletes the member */
    const char *fragment;
} bad_case;

static const bad_case BAD_CASES[] = {
    {"title", "42", "posting JSON: title: expected a string or null, got an integer"},
    {"bogus", "1", "posting JSON: (root): unknown key \"bogus\" (the keys are listed in docs/posting-json.md)"},
    {"salary.amount_eur", "1", "salary: unknown key \"amount_eur\" (expected amount, currency, basis, tax_free)"},
    {"fast_track", "\"yes\"", "fast_track: expected true, false or null, got a string"},
    {"salary.amount", "-5", "salary.amount: -5 is out of range (0..1e+12)"},
    {"salary.amount", "1e13", "salary.amount: 1e+13 is out of range"},
    {"salary.amount", "\"9,253.21\"", "salary.amount: expected a number or null, got a string"},
    {"salary.currency", "\"eur\"", "salary.currency: expected an ISO 4217 code"},
    {"salary.currency", "978", "salary.currency: expected an ISO 4217 code (three upper-case letters) or null, got an integer"},
    {"salary.extra", "1", "salary: unknown key \"extra\""},
    {"deadline.date", "\"2025-02-30\"", "deadline.date: day 30 is out of range for February 2025"},
    {"deadline.date", "\"3 Nov 2025\"", "deadline.date: "},
    {"deadline.time", "\"24:00\"", "deadline.time: time \"24:00\" does not exist"},
    {"deadline.time", "\"5:59 PM\"", "deadline.time: expected a time \"HH:MM\""},
    {"deadline", "\"2025-11-03\"", "deadline: expected an object, got a string"},
    {"published", "\"2025-13-01\"", "published: "},
    {"updated", "20251015", "updated: expected a date \"YYYY-MM-DD\" or null, got an integer"},
    {"grade.text", "\"G-15\"", "grade.text: \"G-15\" is not in canonical form (\"G15\")"},
    {"grade.text", "\"G25\"", "grade.text: grade G25 is out of range"},
    {"grade.low", "14", "grade.low: 14 does not match the text \"G15/G16\" (15)"},
    {"grade.high", "25", "grade.high: 25 is out of range (1..24)"},
    {"grade", "\"G15\"", "grade: expected an object, got a string"},
    {"clearance", "\"NS\"", "clearance: expected null, \"NATO RESTRICTED\", \"NATO CONFIDENTIAL\", \"NATO SECRET\" or \"COSMIC TOP SECRET\", got \"NS\""},
    {"clearance", "3", "clearance: expected"},
    {"accountabilities[0].text", "null", "accountabilities[0].text: expected a string, got null"},
    {"accountabilities[1].line", "-1", "accountabilities[1].line: -1 is out of range"},
    {"interrelationships.line", "null", "interrelationships.line: expected an integer, got null"},
    {"interrelationships.reports_to", "[]", "interrelationships.reports_to: expected a string or null, got an array"},
    {"competencies", "{}", "competencies: expected an array, got an object"},
    {"competencies[1].descriptor", "7", "competencies[1].descriptor: expected a string or null"},
    {"requirements[0].kind", "\"diploma\"", "requirements[0].kind: expected \"other\""},
    {"requirements[0].essential", "1", "requirements[0].essential: expected true or false, got an integer"},
    {"requirements[0].as", "null", "requirements[0].as: expected an object, got null"},
    {"requirements[0].as", "{\"experience\": {\"min_years\": 2}}", "requirements[0].as: unknown key \"experience\" (expected degree)"},
    {"requirements[0].as.degree.level", "\"phd\"", "requirements[0].as.degree.level: expected null, \"university\" or \"postgraduate\", got \"phd\""},
    {"requirements[1].as.experience.min_years", "101", "requirements[1].as.experience.min_years: 101 is out of range (0..100)"},
    {"requirements[1].line", "1.5", "requirements[1].line: expected an integer, got a real number"},
    {"requirements[1].line", "2147483648", "requirements[1].line: 2147483648 is out of range"},
    {"requirements[2].as.languages.one", "\"VII\"", "requirements[2].as.languages.one: expected null, \"I\""},
    {"requirements[2].as.languages.form", "\"any\"", "requirements[2].as.languages.form: expected \"either_or\", \"both\" or \"named\""},
    {"requirements[2].as.languages.extra", "true", "requirements[2].as.languages: unknown key \"extra\""},
    {"requirements[3].as.stanag.listening", "6", "requirements[3].as.stanag.listening: 6 is out of range (0..5)"},
    {"requirements[3].as.stanag.plus", "[\"listening\", \"listening\"]", "requirements[3].as.stanag.plus[1]: \"listening\" is listed twice"},
    {"requirements[3].as.stanag.plus", "[\"hearing\"]", "requirements[3].as.stanag.plus[0]: expected \"listening\""},
    {"requirements[17].as.stanag.plus", "[\"writing\"]", "requirements[17].as.stanag.plus[0]: a \"+\" on writing, whose level is null"},
    {"requirements[4].as.software.names", "3", "requirements[4].as.software.names: expected a string or null"},
    {"requirements[5].as.travel.percent", "101", "requirements[5].as.travel.percent: 101 is out of range (0..100)"},
    {"requirements[6].as.nationality.nato_member", "null", "requirements[6].as.nationality.nato_member: expected true or false"},
    {"requirements[7].as.clearance.level", "\"SECRET\"", "requirements[7].as.clearance.level: expected null, \"NATO RESTRICTED\""},
    {"requirements[8].as", "{}", "requirements[8].as: expected null for kind \"other\", got an object"},
    {"requirements[9]", "[]", "requirements[9]: expected an object, got an array"},
    {"contract.definite_months", "1201", "contract.definite_months: 1201 is out of range (0..1200)"},
    {"contract.conversion_possible", "\"yes\"", "contract.conversion_possible: expected true, false or null, got a string"},
    {"lines.title", "\"1\"", "lines.title: expected an integer, got a string"},
    {"lines", "null", "lines: expected an object, got null"},
    {"diagnostics[0].severity", "\"fatal\"", "diagnostics[0].severity: expected \"info\", \"warning\" or \"error\", got \"fatal\""},
    {"diagnostics[1].message", "null", "diagnostics[1].message: expected a string, got null"},
    {"format", "\"natopost.posting/2\"", "format: unsupported version \"natopost.posting/2\" (this reader reads \"natopost.posting/1\")"},
    {"format", "\"JobPosting\"", "format: not a natopost posting: \"JobPosting\""},
    {"format", "1", "format: expected \"natopost.posting/1\", got an integer"},
    {"format", NULL, "(root): missing key \"format\""},
};

/* `json` with each case's change, read: each must fail with its fragment. */
static void expect_read_errors(const char *json, const bad_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char *bad = mutate(json, cases[i].path, cases[i].value);
        expect_read_error(bad, NP_EINVAL, cases[i].fragment);
        free(bad);
    }
}

Test(posting_json_errors, every_value_error_names_its_path)
{
    np_posting *p = full_posting();
    char *json = write_json(p, true);
    expect_read_errors(json, BAD_CASES, sizeof BAD_CASES / sizeof BAD_CASES[0]);
    np_free(json);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* Every key but "format" may be left out: the member then reads as the
 * posting says "not stated" (np_posting_new's value), at every depth. */
typedef struct absent_case {
    const char *path;    /* the member deleted from full_posting()'s JSON */
    const char *written; /* what the posting read then writes there (JSON text) */
} absent_case;

static const absent_case ABSENT_CASES[] = {
    {"id", "null"},
    {"salary.tax_free", "null"},
    {"salary.amount", "null"},
    {"deadline.time", "null"},
    {"requirements[0].line", "0"},
    {"requirements[0].essential", "false"},
    {"requirements[0].text", "\"\""},
    {"requirements[2].as.languages.one", "null"},
    {"requirements[4].as.software.names", "null"},
    {"competencies[0].descriptor", "null"},
    {"contract.stated", "false"},
    {"contract.definite_months", "null"},
    {"lines.summary", "0"},
    {"diagnostics[1].field", "null"},
    {"diagnostics[1].severity", "\"info\""},
    {"accountabilities[0].heading", "null"},
    {"clearance_atomal", "false"},
    {"competencies", "[]"},
};

static void expect_member(const char *json, const char *path, const char *expected)
{
    json_t *root = parse(json), *want = parse(expected);
    json_t *got = walk(root, path, NULL, NULL, NULL);
    cr_expect(got && json_equal(got, want), "%s: expected %s in\n%s", path, expected, json);
    json_decref(want);
    json_decref(root);
}

Test(posting_json_absent_keys, each_absent_key_reads_as_not_stated)
{
    np_posting *p = full_posting();
    char *json = write_json(p, true);
    for (size_t i = 0; i < sizeof ABSENT_CASES / sizeof ABSENT_CASES[0]; i++) {
        char *without = mutate(json, ABSENT_CASES[i].path, NULL);
        np_posting *back = read_json(without);
        char *again = write_json(back, true);
        expect_member(again, ABSENT_CASES[i].path, ABSENT_CASES[i].written);
        char where[128];
        cr_expect_not(np_posting_equal(back, p, where, sizeof where), "%s: no change",
                      ABSENT_CASES[i].path);
        np_free(again);
        np_posting_free(back);
        free(without);
    }
    np_free(json);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_absent_keys, only_the_format_is_needed)
{
    const char *json = "{\"format\": \"natopost.posting/1\"}";
    np_posting *back = read_json(json);
    np_posting *unknown = np_posting_new();
    char where[128];
    cr_expect(np_posting_equal(back, unknown, where, sizeof where), "differs at %s", where);
    np_posting_free(back);
    /* A partial posting from another tool: what it says, nothing else. */
    const char *partial = "{\"format\": \"natopost.posting/1\", \"title\": \"Officer\", "
                          "\"grade\": {\"text\": \"G15/G16\"}, "
                          "\"requirements\": [{\"kind\": \"experience\", \"essential\": true, "
                          "\"as\": {\"experience\": {\"min_years\": 5}}}], \"salary\": {}}";
    back = read_json(partial);
    cr_expect_str_eq(back->title, "Officer");
    cr_expect_eq(back->grade.low, 15); /* the ends come from the text */
    cr_expect_eq(back->grade.high, 16);
    cr_expect_eq(back->requirement_count, 1);
    cr_expect_str_eq(back->requirements[0].text, "");
    cr_expect_eq(back->requirements[0].as.experience.min_years, 5);
    cr_expect_eq(back->salary.amount, -1);
    cr_expect_null(back->id);
    np_posting_free(back);
    np_posting_free(unknown);
    /* Still strict: the format, unknown keys and wrong types. */
    expect_read_error("{}", NP_EINVAL, "(root): missing key \"format\"");
    expect_read_error("{\"format\": \"natopost.posting/1\", \"titel\": \"x\"}", NP_EINVAL,
                      "unknown key \"titel\" (did you mean \"title\"? the keys are listed in "
                      "docs/posting-json.md)");
    expect_read_error("{\"format\": \"natopost.posting/1\", \"requisiton\": \"x\"}", NP_EINVAL,
                      "(did you mean \"requisition\"?");
    expect_read_error("{\"format\": \"natopost.posting/1\", \"xy\": 1}", NP_EINVAL,
                      "unknown key \"xy\" (the keys are listed in docs/posting-json.md)");
    expect_read_error("{\"format\": \"natopost.posting/1\", \"grade\": {\"low\": 15}}",
                      NP_EINVAL, "grade.text: expected a grade");
}

Test(posting_json_errors, unknown_key_messages_never_cut_a_key)
{
    /* Every object of the form, with an unknown key: the message either
     * lists the keys whole or points to the documentation. */
    static const char *const PATHS[] = {"zz", "salary.zz", "deadline.zz", "grade.zz",
                                        "contract.zz", "lines.zz", "interrelationships.zz",
                                        "requirements[2].as.languages.zz", "diagnostics[0].zz"};
    np_posting *p = full_posting();
    char *json = write_json(p, false);
    for (size_t i = 0; i < sizeof PATHS / sizeof PATHS[0]; i++) {
        char *bad = mutate(json, PATHS[i], "1");
        np_posting *out;
        np_error err;
        cr_assert_eq(np_posting_from_json(&out, bad, strlen(bad), &err), NP_EINVAL);
        const char *tail = strstr(err.message, "unknown key \"zz\" (");
        cr_assert_not_null(tail, "%s", err.message);
        const size_t n = strlen(err.message);
        cr_expect_eq(err.message[n - 1], ')', "cut: %s", err.message);
        cr_expect_lt(n, sizeof err.message - 1, "filled the buffer: %s", err.message);
        free(bad);
    }
    np_free(json);
    np_posting_free(p);
}

Test(posting_json_errors, source_bytes_must_be_percent_encoded)
{
    np_posting *p = full_posting();
    set(&p->source, "caf\xe9.txt");
    char *json = write_json(p, true);
    static const bad_case cases[] = {
        {"source_bytes", "\"caf%E\"", "source_bytes: not percent-encoded at character 4"},
        {"source_bytes", "\"caf%zz.txt\"", "source_bytes: not percent-encoded at character 4"},
        {"source_bytes", "\"a%00b\"", "source_bytes: not percent-encoded at character 2"},
        {"source_bytes", "\"a b\"", "source_bytes: not percent-encoded at character 2"},
        {"source_bytes", "\"caf\\u00e9\"", "source_bytes: not percent-encoded at character 4"},
        {"source_bytes", "null", "source_bytes: expected a percent-encoded string, got null"},
        {"source", "null", "source: expected a string beside source_bytes, got null"},
    };
    expect_read_errors(json, cases, sizeof cases / sizeof cases[0]);
    /* Lower-case hex digits read as well. */
    char *lower = mutate(json, "source_bytes", "\"caf%e9.txt\"");
    np_posting *q = NULL;
    np_error err;
    cr_assert_eq(np_posting_from_json(&q, lower, strlen(lower), &err), NP_OK, "%s", err.message);
    cr_expect_str_eq(q->source, "caf\xe9.txt");
    np_posting_free(q);
    free(lower);
    np_free(json);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_errors, a_newer_version_is_rejected_before_its_keys)
{
    np_posting *p = np_posting_new();
    char *json = write_json(p, false);
    char *v2 = mutate(json, "format", "\"natopost.posting/2\"");
    char *v2_new_key = mutate(v2, "employment_type", "\"FULL_TIME\"");
    expect_read_error(v2_new_key, NP_EINVAL, "unsupported version");
    free(v2);
    free(v2_new_key);
    np_free(json);
    np_posting_free(p);
}

Test(posting_json_errors, syntax_errors_have_line_and_column)
{
    const char *text = "{\n  \"format\": \"natopost.posting/1\",\n  \"id\": ,\n}";
    np_posting *p = NULL;
    np_error err;
    cr_assert_eq(np_posting_from_json(&p, text, strlen(text), &err), NP_EPARSE);
    cr_expect_null(p);
    cr_expect_eq(err.line, 3);
    cr_expect_eq(err.column, 9, "column %d", err.column);
    cr_expect_eq(err.offset, strlen("{\n  \"format\": \"natopost.posting/1\",\n  \"id\": ,") - 1,
                 "offset %zu: the comma's", err.offset);
    cr_expect(strstr(err.message, "posting JSON: ") == err.message, "%s", err.message);
    cr_expect(strstr(err.message, "at line 3, column 9") != NULL, "%s", err.message);

    expect_read_error("", NP_EPARSE, "posting JSON: ");
    expect_read_error("{\"format\": \"natopost.posting/1\", \"format\": \"natopost.posting/1\"}",
                      NP_EPARSE, "duplicate object key");
    expect_read_error("{\"format\": \"a\\u0000b\"}", NP_EPARSE, "posting JSON: ");
    expect_read_error("{\"format\": \"\xff\"}", NP_EPARSE, "posting JSON: ");
    expect_read_error("{\"format\": 1e400}", NP_EPARSE, "posting JSON: ");
    expect_read_error("{} {}", NP_EPARSE, "end of file expected");
    expect_read_error("[]", NP_EINVAL, "posting JSON: (root): expected a posting object, got an array");
    expect_read_error("null", NP_EINVAL, "expected a posting object, got null");
    /* text that is not NUL-terminated: only len bytes are read */
    np_posting *empty = np_posting_new();
    char *json = write_json(empty, false);
    const size_t n = strlen(json);
    char *padded = malloc(n + 8);
    memcpy(padded, json, n);
    memcpy(padded + n, "garbage", 7);
    cr_assert_eq(np_posting_from_json(&p, padded, n, &err), NP_OK, "%s", err.message);
    np_posting_free(p);
    free(padded);
    np_free(json);
    np_posting_free(empty);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_errors, deep_nesting_is_an_error_not_a_crash)
{
    const size_t depth = 100000;
    char *text = malloc(2 * depth + 1);
    memset(text, '[', depth);
    memset(text + depth, ']', depth);
    text[2 * depth] = '\0';
    expect_read_error(text, NP_EPARSE, "maximum parsing depth");
    np_posting_list list = {NULL, 0, 0};
    np_error err;
    cr_expect_eq(np_posting_list_read_json(&list, text, 2 * depth, &err), NP_EPARSE);
    free(text);
}

/* ---- writing: what cannot be written ------------------------------------------------------ */

Test(posting_json_write, values_that_would_not_read_back_are_errors)
{
    np_posting *base = full_posting();
    np_posting *p;
#define WRITE_CASE(change, fragment) \
    do {                             \
        p = clone(base);             \
        change;                      \
        expect_write_error(p, fragment); \
        np_posting_free(p);          \
    } while (0)
    WRITE_CASE(p->salary.amount = -2, "posting JSON: cannot write salary.amount: -2 is out of range");
    WRITE_CASE(p->salary.amount = NAN, "cannot write salary.amount: nan is out of range");
    WRITE_CASE(p->salary.amount = INFINITY, "cannot write salary.amount");
    WRITE_CASE(memcpy(p->salary.currency, "eu", 3), "cannot write salary.currency");
    WRITE_CASE(p->deadline.minute = 1440, "cannot write deadline.time: minute 1440 is out of range");
    WRITE_CASE(p->published = NP_DATE_MAX + 1, "cannot write published: day number");
    WRITE_CASE(set(&p->title, "caf\xe9"), "cannot write title: the text is not valid UTF-8");
    WRITE_CASE(set(&p->accountabilities[1].text, "\xed\xa0\x80"), "cannot write accountabilities[1].text: the text is not valid UTF-8");
    WRITE_CASE((p->grade = (np_grade){16, 16, 'A'}), "cannot write grade: grade (low 16, high 16, category 65)");
    WRITE_CASE((p->grade = (np_grade){0, 3, 0}), "cannot write grade: an unknown grade");
    WRITE_CASE((p->grade = (np_grade){25, 25, 0}), "cannot write grade");
    WRITE_CASE((p->grade = (np_grade){16, 15, 0}), "cannot write grade");
    WRITE_CASE(p->clearance = (np_clearance)9, "cannot write clearance: clearance 9 is out of range");
    WRITE_CASE(p->requirements[R_OTHER].kind = (np_req_kind)42, "cannot write requirements[8].kind: requirement kind 42");
    WRITE_CASE((free(p->requirements[R_OTHER].text), p->requirements[R_OTHER].text = NULL),
               "cannot write requirements[8].text: NULL where the model requires a string");
    WRITE_CASE(p->requirements[R_LANGUAGES].as.languages.one = (np_lang_level)7,
               "cannot write requirements[2].as.languages.one: language level 7");
    WRITE_CASE(p->requirements[R_LANGUAGES].as.languages.form = (np_lang_form)3,
               "cannot write requirements[2].as.languages.form");
    WRITE_CASE(p->requirements[R_STANAG].as.stanag.listening = -1,
               "cannot write requirements[3].as.stanag.plus: a \"+\" on listening");
    WRITE_CASE(p->requirements[R_STANAG].as.stanag.plus_mask = 0x10,
               "cannot write requirements[3].as.stanag.plus");
    WRITE_CASE(p->requirements[R_STANAG].as.stanag.reading = 6,
               "cannot write requirements[3].as.stanag.reading: 6 is out of range");
    WRITE_CASE(p->requirements[R_TRAVEL].as.travel.percent = 101, "cannot write requirements[5].as.travel.percent");
    WRITE_CASE(p->requirements[R_EXPERIENCE].as.experience.min_years = -0.5,
               "cannot write requirements[1].as.experience.min_years");
    WRITE_CASE(p->requirements[R_DEGREE].as.degree.level = (np_degree_level)3,
               "cannot write requirements[0].as.degree.level");
    WRITE_CASE(p->requirements[R_CLEARANCE].as.clearance.level = (np_clearance)5,
               "cannot write requirements[7].as.clearance.level");
    WRITE_CASE(p->requirements[R_DEGREE].line = -3, "cannot write requirements[0].line: line -3 is negative");
    WRITE_CASE(p->contract.conversion_possible = (np_tristate)2, "cannot write contract.conversion_possible");
    WRITE_CASE(p->contract.definite_months = 1201, "cannot write contract.definite_months");
    WRITE_CASE(p->lines.summary = -1, "cannot write lines.summary");
    WRITE_CASE(p->diagnostics[0].severity = (np_diag_severity)5, "cannot write diagnostics[0].severity");
    WRITE_CASE((free(p->competencies[0].name), p->competencies[0].name = NULL), "cannot write competencies[0].name");
#undef WRITE_CASE
    char *json = (char *)&json;
    np_error err;
    cr_expect_eq(np_posting_to_json(&json, NULL, false, &err), NP_EINVAL);
    cr_expect_null(json);
    np_posting_free(base);
    TS_ASSERT_NO_LEAKS();
}

/* ---- lists -------------------------------------------------------------------------------- */

/* Three different postings. */
static void three_postings(np_posting *out[3])
{
    out[0] = full_posting();
    out[1] = np_posting_new();
    out[2] = full_posting();
    set(&out[2]->title, "Second officer");
    out[2]->deadline.minute = -1;
}

static void expect_same_list(const np_posting_list *list, size_t from, np_posting *const *expected,
                             size_t count)
{
    cr_assert_eq(list->count, from + count, "list has %zu postings, expected %zu", list->count, from + count);
    for (size_t i = 0; i < count; i++) {
        char where[128];
        cr_expect(np_posting_equal(list->items[from + i], expected[i], where, sizeof where),
                  "posting %zu differs at %s", i, where);
    }
}

static void read_list(np_posting_list *list, const char *text)
{
    np_error err;
    np_status st = np_posting_list_read_json(list, text, strlen(text), &err);
    cr_assert_eq(st, NP_OK, "np_posting_list_read_json: %s", err.message);
}

static char *list_json(np_posting *const *postings, size_t count, bool ndjson)
{
    char *out;
    np_error err;
    cr_assert_eq(np_posting_list_to_json(&out, (const np_posting *const *)postings, count, ndjson, &err), NP_OK,
                 "%s", err.message);
    return out;
}

Test(posting_json_lists, array_round_trip)
{
    np_posting *p[3];
    three_postings(p);
    char *json = list_json(p, 3, false);
    cr_expect_eq(json[0], '[');
    np_posting_list list = {NULL, 0, 0};
    read_list(&list, json);
    expect_same_list(&list, 0, p, 3);
    /* the list written again is the same text */
    char *again = list_json(list.items, list.count, false);
    cr_expect_str_eq(again, json);
    np_free(again);
    np_free(json);
    /* an empty array and empty text are no postings; reading appends */
    read_list(&list, "[]");
    read_list(&list, "  \n\t ");
    read_list(&list, "");
    cr_expect_eq(list.count, 3);
    json = list_json(p, 0, false);
    cr_expect_str_eq(json, "[]");
    np_free(json);
    json = write_json(p[0], true); /* a single object, pretty */
    read_list(&list, json);
    expect_same_list(&list, 3, p, 1);
    np_free(json);
    np_posting_list_free(&list);
    cr_expect_eq(list.count, 0);
    cr_expect_null(list.items);
    np_posting_list_free(&list); /* twice is fine */
    for (int i = 0; i < 3; i++) np_posting_free(p[i]);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_lists, ndjson_round_trip)
{
    np_posting *p[3];
    three_postings(p);
    char *text = list_json(p, 3, true);
    size_t lines = 0;
    for (const char *c = text; *c; c++) lines += *c == '\n';
    cr_expect_eq(lines, 3, "one line per posting");
    cr_expect_eq(text[strlen(text) - 1], '\n');
    np_posting_list list = {NULL, 0, 0};
    read_list(&list, text);
    expect_same_list(&list, 0, p, 3);
    np_posting_list_free(&list);

    /* blank lines (before, between, after), CRLF line ends, spaces */
    char *one = write_json(p[0], false), *two = write_json(p[1], false);
    const size_t n = strlen(one) + strlen(two) + 64;
    char *mixed = malloc(n);
    snprintf(mixed, n, "\n  \r\n%s\r\n\n \t\n%s  \n\n", one, two);
    read_list(&list, mixed);
    expect_same_list(&list, 0, p, 2);
    np_posting_list_free(&list);
    free(mixed);
    np_free(one);
    np_free(two);
    char *empty = list_json(p, 0, true);
    cr_expect_str_eq(empty, "");
    np_free(empty);
    np_free(text);
    for (int i = 0; i < 3; i++) np_posting_free(p[i]);
    TS_ASSERT_NO_LEAKS();
}

/* `text` fails to read into a list holding one posting, which stays as it is. */
static void expect_list_error(const char *text, np_status code, int line, int column, const char *fragment)
{
    np_posting_list list = {NULL, 0, 0};
    np_posting *first = np_posting_new();
    np_error err;
    cr_assert_eq(np_posting_list_push(&list, first, &err), NP_OK);
    np_status st = np_posting_list_read_json(&list, text, strlen(text), &err);
    cr_expect_eq(st, code, "status %d (%s), expected %d", st, err.message, code);
    cr_expect_eq(list.count, 1, "nothing is appended on error");
    cr_expect_eq(list.items[0], first);
    cr_expect_eq(err.line, line, "line %d, expected %d (%s)", err.line, line, err.message);
    if (column) cr_expect_eq(err.column, column, "column %d, expected %d (%s)", err.column, column, err.message);
    cr_expect(strstr(err.message, fragment) != NULL, "message \"%s\" lacks \"%s\"", err.message, fragment);
    np_posting_list_free(&list);
}

Test(posting_json_lists, errors_name_the_item_or_the_line)
{
    np_posting *p = full_posting();
    char *good = write_json(p, false);
    char *bad_title = mutate(good, "title", "1");
    char *compact_bad = NULL;
    {
        json_t *v = parse(bad_title);
        compact_bad = json_dumps(v, JSON_COMPACT);
        json_decref(v);
    }
    const size_t n = 4 * strlen(good) + 64;
    char *text = malloc(n);

    /* NDJSON: a value error on line 4 (after a blank line) */
    snprintf(text, n, "%s\n%s\n\n%s\n%s\n", good, good, compact_bad, good);
    expect_list_error(text, NP_EINVAL, 4, 0, "posting JSON: line 4: title: expected a string or null");
    /* NDJSON: a syntax error on line 3, positioned in the whole text */
    snprintf(text, n, "%s\n%s\n{\"format\": x}\n", good, good);
    expect_list_error(text, NP_EPARSE, 3, 12, "posting JSON: invalid token near 'x' at line 3, column 12");
    {
        np_posting_list list = {NULL, 0, 0};
        np_error err;
        cr_expect_eq(np_posting_list_read_json(&list, text, strlen(text), &err), NP_EPARSE);
        cr_expect_eq(err.offset, 2 * (strlen(good) + 1) + 11, "offset %zu: the x's", err.offset);
        cr_expect_eq(text[err.offset], 'x');
    }
    cr_expect(strstr(good, "\n") == NULL);
    /* NDJSON: a line that is not an object */
    snprintf(text, n, "%s\n[1]\n", good);
    expect_list_error(text, NP_EINVAL, 2, 0, "posting JSON: line 2: expected a posting object, got an array");
    /* array: an item's error names the item */
    snprintf(text, n, "[%s, %s]", good, bad_title);
    expect_list_error(text, NP_EINVAL, 0, 0, "posting JSON: [1].title: expected a string or null, got an integer");
    snprintf(text, n, "[%s, 3]", good);
    expect_list_error(text, NP_EINVAL, 0, 0, "posting JSON: [1]: expected a posting object, got an integer");
    snprintf(text, n, "[%s, {\"format\": \"natopost.posting/9\"}]", good);
    expect_list_error(text, NP_EINVAL, 0, 0, "posting JSON: [1].format: unsupported version");
    /* a pretty object with a syntax error: the position in the whole text */
    expect_list_error("{\n  \"format\": \"natopost.posting/1\",\n  ,\n}", NP_EPARSE, 3, 3, "posting JSON: ");
    expect_list_error("[1,", NP_EPARSE, 1, 0, "posting JSON: ");
    expect_list_error("42", NP_EINVAL, 0, 0, "expected a posting object, an array of postings or one object per line, got an integer");
    free(text);
    free(compact_bad);
    free(bad_title);
    np_free(good);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_lists, writing_a_list_with_a_bad_posting_fails)
{
    np_posting *p[3];
    three_postings(p);
    p[1]->deadline.minute = 5000;
    char *out = (char *)&out;
    np_error err;
    cr_expect_eq(np_posting_list_to_json(&out, (const np_posting *const *)p, 3, false, &err), NP_EINVAL);
    cr_expect_null(out);
    cr_expect(strstr(err.message, "posting 1: posting JSON: cannot write deadline.time") != NULL, "%s", err.message);
    cr_expect_eq(np_posting_list_to_json(&out, (const np_posting *const *)p, 3, true, &err), NP_EINVAL);
    cr_expect(strstr(err.message, "posting 1: ") != NULL, "%s", err.message);
    np_posting *with_null[2] = {p[0], NULL};
    cr_expect_eq(np_posting_list_to_json(&out, (const np_posting *const *)with_null, 2, false, &err), NP_EINVAL);
    for (int i = 0; i < 3; i++) np_posting_free(p[i]);
    TS_ASSERT_NO_LEAKS();
}

/* ---- files ------------------------------------------------------------------------------------ */

static char *temp_dir(void)
{
    char *dir = strdup("/tmp/natopost-json-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    return dir;
}

static char *join(const char *dir, const char *name)
{
    const size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    snprintf(path, n, "%s/%s", dir, name);
    return path;
}

static char *slurp(const char *path)
{
    char *text = ts_read_file(path, NULL);
    cr_assert_not_null(text, "cannot read %s", path);
    return text;
}

static void spit(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs(text, f);
    fclose(f);
}

/* The number of entries of `dir` (besides . and ..). */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    cr_assert_not_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *path = join(dir, e->d_name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(path);
        else unlink(path);
        free(path);
    }
    closedir(d);
    rmdir(dir);
}

Test(posting_json_files, save_and_load_arrays_and_ndjson)
{
    np_posting *p[3];
    three_postings(p);
    char *dir = temp_dir();
    const char *names[] = {"postings.json", "postings.ndjson", "postings.jsonl", "POSTINGS.NDJSON"};
    for (int i = 0; i < 4; i++) {
        char *path = join(dir, names[i]);
        np_error err;
        cr_assert_eq(np_posting_list_save(path, (const np_posting *const *)p, 3, &err), NP_OK, "%s", err.message);
        char *text = slurp(path);
        const bool ndjson = i > 0;
        cr_expect_eq(text[0], ndjson ? '{' : '[', "%s: %c", names[i], text[0]);
        cr_expect_eq(text[strlen(text) - 1], '\n', "the file ends with a newline");
        char *expected = list_json(p, 3, ndjson);
        cr_expect_eq(strncmp(text, expected, strlen(expected)), 0, "%s holds the list's JSON", names[i]);
        np_free(expected);
        free(text);
        np_posting_list list = {NULL, 0, 0};
        cr_assert_eq(np_posting_list_load(&list, path, &err), NP_OK, "%s", err.message);
        expect_same_list(&list, 0, p, 3);
        np_posting_list_free(&list);
        free(path);
    }
    cr_expect_eq(entries(dir), 4, "no temporary files are left");
    remove_tree(dir);
    free(dir);
    for (int i = 0; i < 3; i++) np_posting_free(p[i]);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_files, save_replaces_an_existing_file_atomically)
{
    np_posting *p[3];
    three_postings(p);
    char *dir = temp_dir();
    char *path = join(dir, "postings.json");
    np_error err;
    spit(path, "old contents\n");
    cr_assert_eq(np_posting_list_save(path, (const np_posting *const *)p, 1, &err), NP_OK, "%s", err.message);
    char *text = slurp(path);
    cr_expect_neq(strcmp(text, "old contents\n"), 0, "the file was replaced");
    free(text);
    cr_assert_eq(np_posting_list_save(path, (const np_posting *const *)p, 3, &err), NP_OK, "%s", err.message);
    np_posting_list list = {NULL, 0, 0};
    cr_assert_eq(np_posting_list_load(&list, path, &err), NP_OK, "%s", err.message);
    expect_same_list(&list, 0, p, 3);
    np_posting_list_free(&list);
    cr_expect_eq(entries(dir), 1);

    /* a posting that cannot be written: the old file stays byte for byte */
    char *before = slurp(path);
    p[2]->salary.amount = -7;
    cr_expect_eq(np_posting_list_save(path, (const np_posting *const *)p, 3, &err), NP_EINVAL);
    char *after = slurp(path);
    cr_expect_str_eq(after, before, "the old file is intact");
    cr_expect_eq(entries(dir), 1, "no temporary file is left");
    free(before);
    free(after);
    remove_tree(dir);
    free(path);
    free(dir);
    for (int i = 0; i < 3; i++) np_posting_free(p[i]);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_files, failed_writes_leave_the_target_intact)
{
    np_posting *p = full_posting();
    const np_posting *const one[1] = {p};
    char *dir = temp_dir();
    np_error err;

    /* the target is a directory: the rename fails, the directory and what
     * it holds are untouched, the temporary file is removed */
    char *sub = join(dir, "target.json");
    cr_assert_eq(mkdir(sub, 0755), 0);
    char *inside = join(sub, "keep.txt");
    spit(inside, "keep me\n");
    cr_expect_eq(np_posting_list_save(sub, one, 1, &err), NP_EIO);
    cr_expect(strstr(err.message, sub) != NULL, "the message names the path: %s", err.message);
    struct stat st;
    cr_expect(stat(sub, &st) == 0 && S_ISDIR(st.st_mode), "the directory is still there");
    char *kept = slurp(inside);
    cr_expect_str_eq(kept, "keep me\n");
    free(kept);
    cr_expect_eq(entries(dir), 1, "no temporary file is left next to it");

    /* a folder that does not exist */
    char *missing = join(dir, "no/such/folder/postings.json");
    cr_expect_eq(np_posting_list_save(missing, one, 1, &err), NP_EIO);
    cr_expect(strstr(err.message, "no/such/folder") != NULL, "%s", err.message);

    /* loading: a missing file, a broken file (the path prefixes the message) */
    np_posting_list list = {NULL, 0, 0};
    cr_expect_eq(np_posting_list_load(&list, missing, &err), NP_EIO);
    cr_expect(strstr(err.message, missing) != NULL, "%s", err.message);
    char *broken = join(dir, "broken.json");
    spit(broken, "[\n{\"format\": \"natopost.posting/1\",\n\"id\" 1}]\n");
    cr_expect_eq(np_posting_list_load(&list, broken, &err), NP_EPARSE);
    cr_expect_eq(err.line, 3);
    cr_expect(strncmp(err.message, broken, strlen(broken)) == 0, "%s", err.message);
    cr_expect_eq(list.count, 0);
    free(broken);
    free(missing);
    free(inside);
    free(sub);
    remove_tree(dir);
    free(dir);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* ---- JSON-LD -------------------------------------------------------------------------------- */

static json_t *jsonld(const np_posting *p)
{
    char *text;
    np_error err;
    cr_assert_eq(np_posting_to_jsonld(&text, p, &err), NP_OK, "%s", err.message);
    json_t *v = parse(text);
    np_free(text);
    return v;
}

static const char *ld_str(json_t *root, const char *path)
{
    json_t *v = walk(root, path, NULL, NULL, NULL);
    cr_assert(json_is_string(v), "%s is not a string", path);
    return json_string_value(v);
}

Test(posting_jsonld, job_posting_properties)
{
    np_posting *p = full_posting();
    json_t *ld = jsonld(p);
    json_t *context = json_object_get(ld, "@context");
    cr_expect_eq(json_array_size(context), 2, "the schema and the notice's language");
    cr_expect_str_eq(json_string_value(json_array_get(context, 0)), "https://schema.org");
    cr_expect_str_eq(json_string_value(json_object_get(json_array_get(context, 1), "@language")), "fr");
    cr_expect_str_eq(ld_str(ld, "@type"), "JobPosting");
    cr_expect_str_eq(ld_str(ld, "title"), p->title);
    cr_expect_str_eq(ld_str(ld, "description"), p->summary);
    cr_expect_str_eq(ld_str(ld, "identifier.@type"), "PropertyValue");
    cr_expect_str_eq(ld_str(ld, "identifier.value"), "251043");
    cr_expect_str_eq(ld_str(ld, "datePosted"), "2025-10-01");
    cr_expect_str_eq(ld_str(ld, "validThrough"), "2025-11-03T17:59");
    cr_expect_str_eq(ld_str(ld, "hiringOrganization.@type"), "Organization");
    cr_expect_str_eq(ld_str(ld, "hiringOrganization.name"), "NATO");
    cr_expect_str_eq(ld_str(ld, "hiringOrganization.department.name"), "International Staff");
    cr_expect_str_eq(ld_str(ld, "hiringOrganization.department.department.name"), "Defence Policy and Planning Division");
    cr_expect_str_eq(ld_str(ld, "hiringOrganization.department.department.department.name"), "Security Policy Directorate");
    cr_expect_str_eq(ld_str(ld, "hiringOrganization.department.department.department.department.name"),
                     "Defence Enablement and Logistics Section");
    cr_expect_str_eq(ld_str(ld, "jobLocation.@type"), "Place");
    cr_expect_str_eq(ld_str(ld, "jobLocation.address.@type"), "PostalAddress");
    cr_expect_str_eq(ld_str(ld, "jobLocation.address.addressLocality"), "Brussels");
    cr_expect_str_eq(ld_str(ld, "jobLocation.address.addressCountry"), "Belgium");
    cr_expect_str_eq(ld_str(ld, "baseSalary.@type"), "MonetaryAmount");
    cr_expect_str_eq(ld_str(ld, "baseSalary.currency"), "EUR");
    cr_expect_str_eq(ld_str(ld, "baseSalary.value.@type"), "QuantitativeValue");
    cr_expect_eq(json_real_value(walk(ld, "baseSalary.value.value", NULL, NULL, NULL)), 9253.21);
    cr_expect_str_eq(ld_str(ld, "baseSalary.value.unitText"), "MONTH");
    /* education and experience: essential requirements only */
    json_t *edu = json_object_get(ld, "educationRequirements");
    cr_assert_eq(json_array_size(edu), 1);
    cr_expect_str_eq(ld_str(ld, "educationRequirements[0].@type"), "EducationalOccupationalCredential");
    cr_expect_str_eq(ld_str(ld, "educationRequirements[0].credentialCategory"), "bachelor degree");
    cr_assert_eq(json_array_size(json_object_get(ld, "experienceRequirements")), 1);
    cr_expect_str_eq(ld_str(ld, "experienceRequirements[0].@type"), "OccupationalExperienceRequirements");
    cr_expect_eq(json_integer_value(walk(ld, "experienceRequirements[0].monthsOfExperience", NULL, NULL, NULL)), 24);
    cr_expect_str_eq(ld_str(ld, "securityClearanceRequirement"), "NATO SECRET ATOMAL");
    json_t *quals = json_object_get(ld, "qualifications");
    cr_assert_eq(json_array_size(quals), R_COUNT_ESSENTIAL);
    for (size_t i = 0; i < R_COUNT_ESSENTIAL; i++)
        cr_expect_str_eq(json_string_value(json_array_get(quals, i)), p->requirements[i].text);
    json_t *resp = json_object_get(ld, "responsibilities");
    cr_assert_eq(json_array_size(resp), 2);
    cr_expect_str_eq(json_string_value(json_array_get(resp, 0)), "Planning: Plans the logistics.");
    cr_expect_str_eq(json_string_value(json_array_get(resp, 1)), "Performs any other duty.");
    cr_expect_str_eq(ld_str(ld, "url"), p->source);
    cr_expect_null(json_object_get(ld, "employmentType"), "the model has no employment type: not written");
    json_decref(ld);

    /* a postgraduate degree as the essential one; fractional years */
    p->requirements[R_DEGREE].as.degree.level = NP_DEGREE_POSTGRADUATE;
    p->requirements[R_EXPERIENCE].as.experience.min_years = 1.5;
    p->deadline.minute = -1;
    p->clearance = NP_CLEARANCE_NONE;
    set(&p->location, "Mons");
    set(&p->salary.basis, "Pay Basis");
    ld = jsonld(p);
    cr_expect_str_eq(ld_str(ld, "educationRequirements[0].credentialCategory"), "postgraduate degree");
    cr_expect_eq(json_integer_value(walk(ld, "experienceRequirements[0].monthsOfExperience", NULL, NULL, NULL)), 18);
    cr_expect_str_eq(ld_str(ld, "validThrough"), "2025-11-03");
    cr_expect_str_eq(ld_str(ld, "securityClearanceRequirement"), "NATO SECRET",
                     "from the essential clearance requirement");
    cr_expect_str_eq(ld_str(ld, "jobLocation.name"), "Mons");
    cr_expect_null(json_object_get(json_object_get(ld, "jobLocation"), "address"));
    cr_expect_null(walk(ld, "baseSalary.value.unitText", NULL, NULL, NULL), "no unit for \"Pay Basis\"");
    json_decref(ld);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_jsonld, unstated_fields_are_left_out)
{
    np_posting *p = np_posting_new();
    json_t *ld = jsonld(p);
    cr_expect_eq(json_object_size(ld), 3, "only @context, @type and hiringOrganization");
    cr_expect_str_eq(ld_str(ld, "hiringOrganization.name"), "NATO");
    cr_expect_null(walk(ld, "hiringOrganization.department", NULL, NULL, NULL));
    json_decref(ld);
    /* a local path as source is no url; a desirable-only degree is no education requirement */
    set(&p->source, "/data/notice.txt");
    np_requirement *r = req(p, NP_REQ_DEGREE, false, "a degree");
    r->as.degree.level = NP_DEGREE_UNIVERSITY;
    ld = jsonld(p);
    cr_expect_eq(json_object_size(ld), 3);
    json_decref(ld);
    set(&p->title, "bad \xc3");
    char *out = (char *)&out;
    np_error err;
    cr_expect_eq(np_posting_to_jsonld(&out, p, &err), NP_EINVAL);
    cr_expect_null(out);
    cr_expect(strstr(err.message, "JSON-LD: title is not valid UTF-8") != NULL, "%s", err.message);
    cr_expect_eq(np_posting_to_jsonld(&out, NULL, &err), NP_EINVAL);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* ---- out of memory inside jansson --------------------------------------------------------------- */

static long alloc_budget = -1; /* allocations left; -1: unlimited */

static void *budget_malloc(size_t n)
{
    if (alloc_budget == 0) return NULL;
    if (alloc_budget > 0) alloc_budget--;
    return malloc(n);
}

/* Runs `call` with jansson failing its n-th allocation, for n = 0, 1, ...
 * until it succeeds; every failure must be NP_ENOMEM or `also` (and leak
 * nothing). Readers pass NP_EPARSE as `also`: jansson's lexer reports some
 * failed allocations (a string token's buffer) as a syntax error. */
#define EVERY_JANSSON_FAILURE(call, also, cleanup)                                  \
    do {                                                                            \
        json_set_alloc_funcs(budget_malloc, free);                                  \
        for (long n_ = 0;; n_++) {                                                  \
            alloc_budget = n_;                                                      \
            np_error err_;                                                          \
            const np_status st_ = (call);                                           \
            alloc_budget = -1;                                                      \
            if (st_ == NP_OK) {                                                     \
                cleanup;                                                            \
                break;                                                              \
            }                                                                       \
            cr_assert(st_ == NP_ENOMEM || st_ == (also), "allocation %ld: status %d (%s)", n_, st_, err_.message); \
            cr_assert_lt(n_, 100000);                                               \
        }                                                                           \
        json_set_alloc_funcs(malloc, free);                                         \
    } while (0)

Test(posting_json_oom, every_jansson_allocation_failure_is_reported)
{
    np_posting *p = full_posting();
    char *json = write_json(p, true);
    char *out = NULL;
    np_posting *back = NULL;
    EVERY_JANSSON_FAILURE(np_posting_to_json(&out, p, true, &err_), NP_ENOMEM, np_free(out));
    EVERY_JANSSON_FAILURE(np_posting_from_json(&back, json, strlen(json), &err_), NP_EPARSE, np_posting_free(back));
    EVERY_JANSSON_FAILURE(np_posting_to_jsonld(&out, p, &err_), NP_ENOMEM, np_free(out));
    np_posting *two[2] = {p, p};
    EVERY_JANSSON_FAILURE(np_posting_list_to_json(&out, (const np_posting *const *)two, 2, false, &err_), NP_ENOMEM, np_free(out));
    EVERY_JANSSON_FAILURE(np_posting_list_to_json(&out, (const np_posting *const *)two, 2, true, &err_), NP_ENOMEM, np_free(out));
    char *ndjson = list_json(two, 2, true);
    np_posting_list list = {NULL, 0, 0};
    EVERY_JANSSON_FAILURE(np_posting_list_read_json(&list, ndjson, strlen(ndjson), &err_), NP_EPARSE, (void)0);
    cr_expect_eq(list.count, 2);
    np_posting_list_free(&list);
    np_free(ndjson);
    np_free(json);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* ---- the seeds ---------------------------------------------------------------------------------- */

/* The seed files (sorted), or a skip / failure when the folder is missing. */
static size_t seed_paths(char *paths[8])
{
    const char *dir = getenv("NATOPOST_SEEDS");
    const char *ci = getenv("CI");
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        if (ci && strcmp(ci, "true") == 0)
            cr_assert_fail("seeds folder %s missing (CI=true)", dir ? dir : "(NATOPOST_SEEDS unset)");
        cr_skip_test("seeds folder %s not found; set NATOPOST_SEEDS", dir ? dir : "(unset)");
    }
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 8) {
        const size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0) paths[n++] = join(dir, e->d_name);
    }
    closedir(d);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(paths[j - 1], paths[j]) > 0; j--) {
            char *t = paths[j];
            paths[j] = paths[j - 1];
            paths[j - 1] = t;
        }
    cr_assert_eq(n, 5, "expected the five seeds in %s, found %zu", dir, n);
    return n;
}

Test(posting_json_seeds, every_seed_round_trips)
{
    char *paths[8];
    const size_t n = seed_paths(paths);
    np_posting *seeds[8];
    for (size_t i = 0; i < n; i++) {
        np_error err;
        cr_assert_eq(np_notice_read_file(&seeds[i], paths[i], &err), NP_OK, "%s: %s", paths[i], err.message);
        expect_round_trip(seeds[i]);
        json_t *ld = jsonld(seeds[i]);
        cr_expect_str_eq(ld_str(ld, "@type"), "JobPosting");
        json_decref(ld);
    }
    /* all five as NDJSON and as an array, in memory and through files */
    for (int ndjson = 0; ndjson <= 1; ndjson++) {
        char *text = list_json(seeds, n, ndjson);
        np_posting_list list = {NULL, 0, 0};
        read_list(&list, text);
        expect_same_list(&list, 0, seeds, n);
        np_posting_list_free(&list);
        np_free(text);
    }
    char *dir = temp_dir();
    char *path = join(dir, "seeds.ndjson");
    np_error err;
    cr_assert_eq(np_posting_list_save(path, (const np_posting *const *)seeds, n, &err), NP_OK, "%s", err.message);
    np_posting_list list = {NULL, 0, 0};
    cr_assert_eq(np_posting_list_load(&list, path, &err), NP_OK, "%s", err.message);
    expect_same_list(&list, 0, seeds, n);
    np_posting_list_free(&list);
    remove_tree(dir);
    free(path);
    free(dir);
    for (size_t i = 0; i < n; i++) {
        np_posting_free(seeds[i]);
        free(paths[i]);
    }
    TS_ASSERT_NO_LEAKS();
}

Test(posting_json_seeds, seed_004_as_json_and_jsonld)
{
    char *paths[8];
    const size_t n = seed_paths(paths);
    np_posting *p;
    np_error err;
    cr_assert_eq(np_notice_read_file(&p, paths[4], &err), NP_OK, "%s", err.message);
    char *json = write_json(p, false);
    json_t *v = parse(json);
    cr_expect_str_eq(ld_str(v, "grade.text"), "G20");
    cr_expect_eq(json_real_value(walk(v, "salary.amount", NULL, NULL, NULL)), 9253.21);
    cr_expect_str_eq(ld_str(v, "deadline.date"), "2025-11-03");
    cr_expect_str_eq(ld_str(v, "deadline.time"), "17:59");
    cr_expect_str_eq(ld_str(v, "clearance"), "NATO SECRET");
    cr_expect(json_is_true(json_object_get(v, "fast_track")));
    json_decref(v);
    json_t *ld = jsonld(p);
    cr_expect_str_eq(ld_str(ld, "validThrough"), "2025-11-03T17:59");
    cr_expect_str_eq(ld_str(ld, "securityClearanceRequirement"), "NATO SECRET");
    cr_expect_eq(json_real_value(walk(ld, "baseSalary.value.value", NULL, NULL, NULL)), 9253.21);
    cr_expect_eq(json_integer_value(walk(ld, "experienceRequirements[0].monthsOfExperience", NULL, NULL, NULL)), 60);
    json_decref(ld);
    np_free(json);
    np_posting_free(p);
    for (size_t i = 0; i < n; i++) free(paths[i]);
    TS_ASSERT_NO_LEAKS();
}
