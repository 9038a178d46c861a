/* The natopost JSON form of a posting (docs/posting-json.md): the reader.
 *
 * Strict: every member of every object must be present, an unknown key, a
 * wrong type, an out-of-range number, a date that does not exist or a value
 * outside its list of names is an error naming the JSON path
 * ("requirements[2].as.languages.one"). A document of another format
 * version is rejected before anything else is looked at. */
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json_util.h"
#include "posting_json_internal.h"

typedef struct reader {
    np_error *err;
    npj_path *path;
    const char *where; /* "line 7" for NDJSON, or NULL */
} reader;

static np_status bad(reader *r, const char *key, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* NP_EINVAL "posting JSON: [where: ]path[.key]: message". */
static np_status bad(reader *r, const char *key, const char *fmt, ...)
{
    char message[NP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    const size_t mark = key ? npj_path_key(r->path, key) : r->path->len;
    np_error_set(r->err, NP_EINVAL, "posting JSON: %s%s%s: %s", r->where ? r->where : "",
                 r->where ? ": " : "", npj_path_text(r->path), message);
    npj_path_pop(r->path, mark);
    return NP_EINVAL;
}

/* Checks that `obj` is an object with exactly the keys `keys` and puts their
 * values, in that order, into values[]. */
/* The members keys[0..n) of `obj` into values[]: keys[0..required) must be
 * there, the others may be (NULL when absent); any other key is an error. */
static np_status some_members(reader *r, const json_t *obj, const char *const *keys,
                              size_t required, size_t n, const json_t **values)
{
    if (!json_is_object(obj)) return bad(r, NULL, "expected an object, got %s", npi_json_type_name(obj));
    const char *key;
    const json_t *value;
    json_object_foreach((json_t *)obj, key, value) {
        size_t i = 0;
        while (i < n && strcmp(keys[i], key) != 0) i++;
        if (i < n) continue;
        char shown[64], expected[NP_ERROR_MESSAGE_MAX / 2];
        npi_json_quote_key(shown, sizeof shown, key);
        size_t len = 0;
        for (size_t k = 0; k < n && len < sizeof expected; k++)
            len += (size_t)snprintf(expected + len, sizeof expected - len, "%s%s", k ? ", " : "",
                                    keys[k]);
        return bad(r, NULL, "unknown key %s (expected %s)", shown, expected);
    }
    for (size_t i = 0; i < n; i++) {
        values[i] = json_object_get(obj, keys[i]);
        if (!values[i] && i < required) return bad(r, NULL, "missing key \"%s\"", keys[i]);
    }
    return NP_OK;
}

static np_status members(reader *r, const json_t *obj, const char *const *keys, size_t n,
                         const json_t **values)
{
    return some_members(r, obj, keys, n, n, values);
}

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* ---- scalar values ----------------------------------------------------------- */

static np_status string(reader *r, const json_t *v, const char *key, bool nullable, char **slot)
{
    if (nullable && json_is_null(v)) return NP_OK; /* the slot stays NULL */
    if (!json_is_string(v))
        return bad(r, key, "expected a string%s, got %s", nullable ? " or null" : "",
                   npi_json_type_name(v));
    return np_posting_set_text(slot, json_string_value(v), json_string_length(v), r->err);
}

static np_status boolean(reader *r, const json_t *v, const char *key, bool *out)
{
    if (!json_is_boolean(v)) return bad(r, key, "expected true or false, got %s", npi_json_type_name(v));
    *out = json_is_true(v);
    return NP_OK;
}

/* true, false or null (NP_UNKNOWN). */
static np_status tristate(reader *r, const json_t *v, const char *key, np_tristate *out)
{
    if (json_is_null(v)) *out = NP_UNKNOWN;
    else if (json_is_boolean(v)) *out = json_is_true(v) ? NP_YES : NP_NO;
    else return bad(r, key, "expected true, false or null, got %s", npi_json_type_name(v));
    return NP_OK;
}

/* "en", "fr" or null (""). */
static np_status language(reader *r, const json_t *v, char out[3])
{
    if (!v || json_is_null(v)) { /* absent or null: not known */
        out[0] = '\0';
        return NP_OK;
    }
    if (!json_is_string(v) || !np_posting_language_known(json_string_value(v)))
        return bad(r, "language", "expected \"en\", \"fr\" or null, got %s",
                   json_is_string(v) ? "another string" : npi_json_type_name(v));
    memcpy(out, json_string_value(v), 3);
    return NP_OK;
}

/* An integer lo..hi; null (when `nullable`) gives -1. */
static np_status integer(reader *r, const json_t *v, const char *key, int lo, int hi,
                         bool nullable, int *out)
{
    if (nullable && json_is_null(v)) {
        *out = -1;
        return NP_OK;
    }
    if (!json_is_integer(v))
        return bad(r, key, "expected an integer%s, got %s", nullable ? " or null" : "",
                   npi_json_type_name(v));
    const json_int_t n = json_integer_value(v);
    if (n < lo || n > hi)
        return bad(r, key, "%lld is out of range (%d..%d)", (long long)n, lo, hi);
    *out = (int)n;
    return NP_OK;
}

static np_status line(reader *r, const json_t *v, const char *key, int *out)
{
    return integer(r, v, key, 0, INT32_MAX, false, out);
}

/* A number 0..max (integer or real); null gives -1. */
static np_status number(reader *r, const json_t *v, const char *key, double max, double *out)
{
    if (json_is_null(v)) {
        *out = -1;
        return NP_OK;
    }
    if (!json_is_number(v))
        return bad(r, key, "expected a number or null, got %s", npi_json_type_name(v));
    const double d = json_number_value(v);
    if (!(d >= 0 && d <= max)) return bad(r, key, "%g is out of range (0..%g)", d, max);
    *out = d;
    return NP_OK;
}

/* One of names[0..n) (a NULL entry stands for JSON null); *out its index. */
static np_status name(reader *r, const json_t *v, const char *key, const char *const *names,
                      int n, int *out)
{
    for (int i = 0; i < n; i++) {
        if (names[i] ? (json_is_string(v) && strcmp(json_string_value(v), names[i]) == 0)
                     : json_is_null(v)) {
            *out = i;
            return NP_OK;
        }
    }
    char expected[NP_ERROR_MESSAGE_MAX / 2];
    size_t len = 0;
    for (int i = 0; i < n && len < sizeof expected; i++)
        len += (size_t)snprintf(expected + len, sizeof expected - len, "%s%s%s%s",
                                i ? (i == n - 1 ? " or " : ", ") : "", names[i] ? "\"" : "",
                                names[i] ? names[i] : "null", names[i] ? "\"" : "");
    if (json_is_string(v)) {
        char shown[64];
        npi_json_quote_key(shown, sizeof shown, json_string_value(v));
        return bad(r, key, "expected %s, got %s", expected, shown);
    }
    return bad(r, key, "expected %s, got %s", expected, npi_json_type_name(v));
}

static const char *const CLEARANCE_NAMES[] = {NULL, "NATO RESTRICTED", "NATO CONFIDENTIAL",
                                              "NATO SECRET", "COSMIC TOP SECRET"};
static const char *const LEVEL_NAMES[] = {NULL, "I", "II", "III", "IV", "V", "VI"};

static np_status clearance(reader *r, const json_t *v, const char *key, np_clearance *out)
{
    int i = 0;
    np_status st = name(r, v, key, CLEARANCE_NAMES, (int)COUNT(CLEARANCE_NAMES), &i);
    if (st == NP_OK) *out = (np_clearance)i;
    return st;
}

static np_status lang_level(reader *r, const json_t *v, const char *key, np_lang_level *out)
{
    int i = 0;
    np_status st = name(r, v, key, LEVEL_NAMES, (int)COUNT(LEVEL_NAMES), &i);
    if (st == NP_OK) *out = (np_lang_level)i;
    return st;
}

static np_status date(reader *r, const json_t *v, const char *key, np_date *out)
{
    if (json_is_null(v)) {
        *out = NP_DATE_NONE;
        return NP_OK;
    }
    if (!json_is_string(v))
        return bad(r, key, "expected a date \"YYYY-MM-DD\" or null, got %s", npi_json_type_name(v));
    np_error e;
    if (np_date_parse(out, json_string_value(v), json_string_length(v), &e) != NP_OK)
        return bad(r, key, "%s", e.message);
    return NP_OK;
}

static bool digit(char c) { return c >= '0' && c <= '9'; }

static np_status time_of_day(reader *r, const json_t *v, const char *key, int *minute)
{
    if (json_is_null(v)) {
        *minute = -1;
        return NP_OK;
    }
    if (!json_is_string(v))
        return bad(r, key, "expected a time \"HH:MM\" or null, got %s", npi_json_type_name(v));
    const char *s = json_string_value(v);
    char shown[64];
    npi_json_quote_key(shown, sizeof shown, s);
    if (json_string_length(v) != 5 || !digit(s[0]) || !digit(s[1]) || s[2] != ':' ||
        !digit(s[3]) || !digit(s[4]))
        return bad(r, key, "expected a time \"HH:MM\" (24-hour clock), got %s", shown);
    const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (h > 23 || m > 59) return bad(r, key, "time %s does not exist (00:00..23:59)", shown);
    *minute = h * 60 + m;
    return NP_OK;
}

/* ---- objects --------------------------------------------------------------------- */

/* Runs `call` with `key` pushed on the path. */
#define NESTED(r, key, call)                                \
    do {                                                    \
        const size_t mark_ = npj_path_key((r)->path, key);  \
        const np_status st_ = (call);                       \
        npj_path_pop((r)->path, mark_);                     \
        if (st_ != NP_OK) return st_;                       \
    } while (0)

#define TRY(call)                        \
    do {                                 \
        const np_status st_ = (call);    \
        if (st_ != NP_OK) return st_;    \
    } while (0)

static np_status grade(reader *r, const json_t *v, np_grade *out)
{
    if (json_is_null(v)) return NP_OK; /* stays NP_GRADE_NONE */
    static const char *const KEYS[] = {"text", "low", "high"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    if (!json_is_string(m[0]))
        return bad(r, "text", "expected a grade such as \"G15/G16\", got %s", npi_json_type_name(m[0]));
    const char *text = json_string_value(m[0]);
    const size_t len = json_string_length(m[0]);
    np_grade g;
    np_error e;
    if (np_grade_parse(&g, text, len, &e) != NP_OK) return bad(r, "text", "%s", e.message);
    char canonical[NP_GRADE_TEXT_MAX];
    const size_t n = np_grade_format(g, canonical);
    if (n != len || memcmp(canonical, text, n) != 0) {
        char shown[64];
        npi_json_quote_key(shown, sizeof shown, text);
        return bad(r, "text", "%s is not in canonical form (\"%s\")", shown, canonical);
    }
    int low = 0, high = 0;
    TRY(integer(r, m[1], "low", 1, NP_GRADE_MAX, false, &low));
    TRY(integer(r, m[2], "high", 1, NP_GRADE_MAX, false, &high));
    if (low != g.low) return bad(r, "low", "%d does not match the text \"%s\" (%d)", low, canonical, g.low);
    if (high != g.high)
        return bad(r, "high", "%d does not match the text \"%s\" (%d)", high, canonical, g.high);
    *out = g;
    return NP_OK;
}

static np_status salary(reader *r, const json_t *v, np_salary *s)
{
    if (json_is_null(v)) return NP_OK;
    static const char *const KEYS[] = {"amount", "currency", "basis", "tax_free"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    TRY(number(r, m[0], "amount", NPJ_AMOUNT_MAX, &s->amount));
    if (!json_is_null(m[1])) {
        const char *c = json_is_string(m[1]) ? json_string_value(m[1]) : NULL;
        if (!c || json_string_length(m[1]) != 3 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' ||
            c[1] > 'Z' || c[2] < 'A' || c[2] > 'Z') {
            char shown[64] = "";
            if (c) npi_json_quote_key(shown, sizeof shown, c);
            return bad(r, "currency", "expected an ISO 4217 code (three upper-case letters) or null, got %s",
                       c ? shown : npi_json_type_name(m[1]));
        }
        memcpy(s->currency, c, 4);
    }
    TRY(string(r, m[2], "basis", true, &s->basis));
    return tristate(r, m[3], "tax_free", &s->tax_free);
}

static np_status deadline(reader *r, const json_t *v, np_deadline *d)
{
    if (json_is_null(v)) return NP_OK;
    static const char *const KEYS[] = {"date", "time"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    TRY(date(r, m[0], "date", &d->date));
    return time_of_day(r, m[1], "time", &d->minute);
}

/* Checks `v` is an array; the items are read by the caller. */
static np_status array(reader *r, const json_t *v)
{
    if (!json_is_array(v)) return bad(r, NULL, "expected an array, got %s", npi_json_type_name(v));
    return NP_OK;
}

static np_status accountability(reader *r, const json_t *v, np_posting *p)
{
    static const char *const KEYS[] = {"heading", "text", "line"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    if (!json_is_null(m[0]) && !json_is_string(m[0]))
        return bad(r, "heading", "expected a string or null, got %s", npi_json_type_name(m[0]));
    if (!json_is_string(m[1]))
        return bad(r, "text", "expected a string, got %s", npi_json_type_name(m[1]));
    int ln = 0;
    TRY(line(r, m[2], "line", &ln));
    const bool heading = json_is_string(m[0]);
    return np_posting_add_accountability(p, heading ? json_string_value(m[0]) : NULL,
                                         heading ? json_string_length(m[0]) : 0,
                                         json_string_value(m[1]), json_string_length(m[1]), ln,
                                         r->err);
}

static np_status interrelationships(reader *r, const json_t *v, np_interrelationships *x)
{
    if (json_is_null(v)) return NP_OK;
    static const char *const KEYS[] = {"reports_to", "direct_reports", "indirect_reports", "text",
                                       "line"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    TRY(string(r, m[0], KEYS[0], true, &x->reports_to));
    TRY(string(r, m[1], KEYS[1], true, &x->direct_reports));
    TRY(string(r, m[2], KEYS[2], true, &x->indirect_reports));
    TRY(string(r, m[3], KEYS[3], true, &x->text));
    return line(r, m[4], "line", &x->line);
}

static np_status competency(reader *r, const json_t *v, np_posting *p)
{
    static const char *const KEYS[] = {"name", "descriptor", "line"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    if (!json_is_string(m[0]))
        return bad(r, "name", "expected a string, got %s", npi_json_type_name(m[0]));
    if (!json_is_null(m[1]) && !json_is_string(m[1]))
        return bad(r, "descriptor", "expected a string or null, got %s", npi_json_type_name(m[1]));
    int ln = 0;
    TRY(line(r, m[2], "line", &ln));
    const bool descriptor = json_is_string(m[1]);
    return np_posting_add_competency(p, json_string_value(m[0]), json_string_length(m[0]),
                                     descriptor ? json_string_value(m[1]) : NULL,
                                     descriptor ? json_string_length(m[1]) : 0, ln, r->err);
}

static np_status stanag(reader *r, const json_t *v, np_stanag_profile *s)
{
    static const char *const KEYS[] = {"listening", "speaking", "reading", "writing", "plus"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    int levels[4];
    for (int k = 0; k < 4; k++) TRY(integer(r, m[k], KEYS[k], 0, NPJ_STANAG_MAX, true, &levels[k]));
    s->listening = (int8_t)levels[0];
    s->speaking = (int8_t)levels[1];
    s->reading = (int8_t)levels[2];
    s->writing = (int8_t)levels[3];
    s->plus_mask = 0;
    const json_t *plus = m[4];
    NESTED(r, "plus", array(r, plus));
    for (size_t i = 0; i < json_array_size(plus); i++) {
        const size_t mark = npj_path_key(r->path, "plus");
        npj_path_index(r->path, i);
        int k = 0;
        np_status st = name(r, json_array_get(plus, i), NULL, npj_skill_names, 4, &k);
        if (st == NP_OK && (s->plus_mask & (1u << k)))
            st = bad(r, NULL, "\"%s\" is listed twice", npj_skill_names[k]);
        if (st == NP_OK && levels[k] < 0)
            st = bad(r, NULL, "a \"+\" on %s, whose level is null", npj_skill_names[k]);
        npj_path_pop(r->path, mark);
        if (st != NP_OK) return st;
        s->plus_mask |= (uint8_t)(1u << k);
    }
    return NP_OK;
}

/* The typed part named by the requirement's kind. */
static np_status typed(reader *r, const json_t *v, np_requirement *q)
{
    switch (q->kind) {
    case NP_REQ_OTHER: return NP_OK;
    case NP_REQ_DEGREE: {
        static const char *const KEYS[] = {"level", "equivalent_accepted"};
        const json_t *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        int level = 0;
        TRY(name(r, m[0], "level", npj_degree_names, 3, &level));
        q->as.degree.level = (np_degree_level)level;
        return boolean(r, m[1], "equivalent_accepted", &q->as.degree.equivalent_accepted);
    }
    case NP_REQ_EXPERIENCE: {
        static const char *const KEYS[] = {"min_years"};
        const json_t *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        return number(r, m[0], "min_years", NPJ_YEARS_MAX, &q->as.experience.min_years);
    }
    case NP_REQ_LANGUAGES: {
        static const char *const KEYS[] = {"form", "one", "other", "english", "french", "or_higher"};
        const json_t *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        np_language_req *l = &q->as.languages;
        int form = 0;
        TRY(name(r, m[0], "form", npj_lang_form_names, 3, &form));
        l->form = (np_lang_form)form;
        TRY(lang_level(r, m[1], "one", &l->one));
        TRY(lang_level(r, m[2], "other", &l->other));
        TRY(lang_level(r, m[3], "english", &l->english));
        TRY(lang_level(r, m[4], "french", &l->french));
        return boolean(r, m[5], "or_higher", &l->or_higher);
    }
    case NP_REQ_STANAG: return stanag(r, v, &q->as.stanag);
    case NP_REQ_TRAVEL: {
        static const char *const KEYS[] = {"percent"};
        const json_t *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        return integer(r, m[0], "percent", 0, NPJ_PERCENT_MAX, true, &q->as.travel.percent);
    }
    case NP_REQ_SOFTWARE: {
        static const char *const KEYS[] = {"names"};
        const json_t *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        return string(r, m[0], "names", true, &q->as.software.names);
    }
    case NP_REQ_NATIONALITY: {
        static const char *const KEYS[] = {"nato_member"};
        const json_t *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        return boolean(r, m[0], "nato_member", &q->as.nationality.nato_member);
    }
    case NP_REQ_CLEARANCE: {
        static const char *const KEYS[] = {"level", "atomal"};
        const json_t *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        TRY(clearance(r, m[0], "level", &q->as.clearance.level));
        return boolean(r, m[1], "atomal", &q->as.clearance.atomal);
    }
    }
    return bad(r, NULL, "requirement kind %d is unknown", (int)q->kind);
}

static np_status requirement(reader *r, const json_t *v, np_posting *p)
{
    static const char *const KEYS[] = {"kind", "essential", "text", "line", "as"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    const char *kinds[NP_REQ_CLEARANCE + 1];
    for (int k = NP_REQ_OTHER; k <= NP_REQ_CLEARANCE; k++) kinds[k] = np_req_kind_name((np_req_kind)k);
    int k = 0;
    TRY(name(r, m[0], "kind", kinds, NP_REQ_CLEARANCE + 1, &k));
    const np_req_kind kind = (np_req_kind)k;
    bool essential = false;
    TRY(boolean(r, m[1], "essential", &essential));
    if (!json_is_string(m[2]))
        return bad(r, "text", "expected a string, got %s", npi_json_type_name(m[2]));
    int ln = 0;
    TRY(line(r, m[3], "line", &ln));
    const char *kind_name = kinds[kind];
    const json_t *part = NULL;
    if (kind == NP_REQ_OTHER) {
        if (!json_is_null(m[4]))
            return bad(r, "as", "expected null for kind \"other\", got %s", npi_json_type_name(m[4]));
    } else {
        /* {"<kind>": {...}}: the typed part under the kind's name. */
        NESTED(r, "as", members(r, m[4], &kind_name, 1, &part));
    }
    np_requirement *q;
    TRY(np_posting_add_requirement(p, &q, essential, json_string_value(m[2]),
                                   json_string_length(m[2]), ln, r->err));
    q->kind = kind; /* before anything it owns is set, so that clearing frees it */
    if (kind == NP_REQ_OTHER) return NP_OK;
    const size_t mark = npj_path_key(r->path, "as");
    npj_path_key(r->path, kind_name);
    const np_status st = typed(r, part, q);
    npj_path_pop(r->path, mark);
    return st;
}

static np_status contract(reader *r, const json_t *v, np_contract_terms *c)
{
    if (json_is_null(v)) return NP_OK;
    static const char *const KEYS[] = {"stated", "definite_months", "renewal_months",
                                       "max_service_months", "conversion_possible",
                                       "turnover_clause", "seconded_terms",
                                       "seconded_max_months", "twin_grade_note", "text", "line"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    TRY(boolean(r, m[0], KEYS[0], &c->stated));
    TRY(integer(r, m[1], KEYS[1], 0, NPJ_MONTHS_MAX, true, &c->definite_months));
    TRY(integer(r, m[2], KEYS[2], 0, NPJ_MONTHS_MAX, true, &c->renewal_months));
    TRY(integer(r, m[3], KEYS[3], 0, NPJ_MONTHS_MAX, true, &c->max_service_months));
    TRY(tristate(r, m[4], KEYS[4], &c->conversion_possible));
    TRY(boolean(r, m[5], KEYS[5], &c->turnover_clause));
    TRY(boolean(r, m[6], KEYS[6], &c->seconded_terms));
    TRY(integer(r, m[7], KEYS[7], 0, NPJ_MONTHS_MAX, true, &c->seconded_max_months));
    TRY(boolean(r, m[8], KEYS[8], &c->twin_grade_note));
    TRY(string(r, m[9], KEYS[9], true, &c->text));
    return line(r, m[10], KEYS[10], &c->line);
}

static np_status lines(reader *r, const json_t *v, np_posting_lines *l)
{
    const char *keys[sizeof(np_posting_lines) / sizeof(int)];
    const json_t *m[sizeof(np_posting_lines) / sizeof(int)] = {0};
    for (size_t i = 0; i < npj_line_field_count; i++) keys[i] = npj_line_fields[i].name;
    TRY(members(r, v, keys, npj_line_field_count, m));
    for (size_t i = 0; i < npj_line_field_count; i++)
        TRY(line(r, m[i], keys[i], npj_line(l, &npj_line_fields[i])));
    return NP_OK;
}

static np_status diagnostic(reader *r, const json_t *v, np_posting *p)
{
    static const char *const KEYS[] = {"severity", "line", "field", "message"};
    const json_t *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    int severity = 0, ln = 0;
    TRY(name(r, m[0], "severity", npj_severity_names, 3, &severity));
    TRY(line(r, m[1], "line", &ln));
    if (!json_is_null(m[2]) && !json_is_string(m[2]))
        return bad(r, "field", "expected a string or null, got %s", npi_json_type_name(m[2]));
    if (!json_is_string(m[3]))
        return bad(r, "message", "expected a string, got %s", npi_json_type_name(m[3]));
    TRY(np_posting_add_diagnostic(p, (np_diag_severity)severity, ln,
                                  json_is_string(m[2]) ? json_string_value(m[2]) : NULL, r->err,
                                  "%s", ""));
    /* The whole message (np_posting_add_diagnostic formats into a bounded buffer). */
    return np_posting_set_text(&p->diagnostics[p->diagnostic_count - 1].message,
                               json_string_value(m[3]), json_string_length(m[3]), r->err);
}

/* Reads each item of the array `v` (the path's last key) with `item`. */
static np_status items(reader *r, const json_t *v, np_posting *p,
                       np_status (*item)(reader *, const json_t *, np_posting *))
{
    TRY(array(r, v));
    for (size_t i = 0; i < json_array_size(v); i++) {
        const size_t mark = npj_path_index(r->path, i);
        const np_status st = item(r, json_array_get(v, i), p);
        npj_path_pop(r->path, mark);
        if (st != NP_OK) return st;
    }
    return NP_OK;
}

/* ---- the posting --------------------------------------------------------------------- */

enum {
    K_FORMAT, K_ID, K_SOURCE, K_TITLE, K_BODY, K_LOCATION, K_DIVISION, K_DIRECTORATE, K_SECTION,
    K_GRADE_TEXT, K_GRADE, K_SALARY, K_DEADLINE, K_PUBLISHED, K_UPDATED, K_REQUISITION,
    K_CLEARANCE, K_CLEARANCE_ATOMAL, K_FAST_TRACK, K_SUMMARY, K_ACCOUNTABILITIES,
    K_INTERRELATIONSHIPS, K_COMPETENCIES, K_REQUIREMENTS, K_CONTRACT, K_LINES, K_DIAGNOSTICS,
    K_REQUIRED,
    K_SOURCE_BYTES = K_REQUIRED, /* optional: only for a source that is not UTF-8 */
    K_LANGUAGE, /* optional: files written before the reader told languages apart have none */
    K_COUNT
};
static const char *const ROOT_KEYS[K_COUNT] = {
    "format", "id", "source", "title", "body", "location", "division", "directorate", "section",
    "grade_text", "grade", "salary", "deadline", "published", "updated", "requisition",
    "clearance", "clearance_atomal", "fast_track", "summary", "accountabilities",
    "interrelationships", "competencies", "requirements", "contract", "lines", "diagnostics",
    "source_bytes", "language",
};

/* "source_bytes": the exact bytes of a source that is not UTF-8 (see
 * npj_percent_encode); they replace the display form in "source". */
static np_status source_bytes(reader *r, const json_t *v, const json_t *source, char **slot)
{
    if (!json_is_string(v))
        return bad(r, "source_bytes", "expected a percent-encoded string, got %s", npi_json_type_name(v));
    if (!json_is_string(source))
        return bad(r, "source", "expected a string beside source_bytes, got %s", npi_json_type_name(source));
    const size_t len = json_string_length(v);
    char *bytes = malloc(len + 1);
    if (!bytes) return np_error_set(r->err, NP_ENOMEM, "out of memory reading posting JSON");
    size_t bad_at = 0;
    const size_t n = npj_percent_decode(bytes, json_string_value(v), len, &bad_at);
    np_status st;
    if (n == SIZE_MAX)
        st = bad(r, "source_bytes",
                 "not percent-encoded at character %zu (bytes other than 0x21..0x7E, and '%%', are "
                 "written %%XX; %%00 cannot be in a name)",
                 bad_at + 1);
    else
        st = np_posting_set_text(slot, bytes, n, r->err);
    free(bytes);
    return st;
}

static np_status format(reader *r, const json_t *v)
{
    if (!json_is_object(v))
        return bad(r, NULL, "expected a posting object, got %s", npi_json_type_name(v));
    const json_t *f = json_object_get(v, "format");
    if (!f) return bad(r, NULL, "missing key \"format\" (expected \"%s\")", NP_POSTING_FORMAT);
    if (!json_is_string(f))
        return bad(r, "format", "expected \"%s\", got %s", NP_POSTING_FORMAT, npi_json_type_name(f));
    const char *s = json_string_value(f);
    if (strcmp(s, NP_POSTING_FORMAT) == 0) return NP_OK;
    char shown[64];
    npi_json_quote_key(shown, sizeof shown, s);
    if (strncmp(s, "natopost.posting/", 17) == 0)
        return bad(r, "format", "unsupported version %s (this reader reads \"%s\")", shown,
                   NP_POSTING_FORMAT);
    return bad(r, "format", "not a natopost posting: %s (expected \"%s\")", shown, NP_POSTING_FORMAT);
}

static np_status posting(reader *r, const json_t *v, np_posting *p)
{
    TRY(format(r, v));
    const json_t *m[K_COUNT] = {0};
    TRY(some_members(r, v, ROOT_KEYS, K_REQUIRED, K_COUNT, m));
    char **const strings[] = {
        [K_ID] = &p->id,           [K_SOURCE] = &p->source,
        [K_TITLE] = &p->title,     [K_BODY] = &p->body,
        [K_LOCATION] = &p->location, [K_DIVISION] = &p->division,
        [K_DIRECTORATE] = &p->directorate, [K_SECTION] = &p->section,
        [K_GRADE_TEXT] = &p->grade_text,
    };
    for (int k = K_ID; k <= K_GRADE_TEXT; k++) TRY(string(r, m[k], ROOT_KEYS[k], true, strings[k]));
    TRY(language(r, m[K_LANGUAGE], p->language));
    if (m[K_SOURCE_BYTES]) TRY(source_bytes(r, m[K_SOURCE_BYTES], m[K_SOURCE], &p->source));
    NESTED(r, "grade", grade(r, m[K_GRADE], &p->grade));
    NESTED(r, "salary", salary(r, m[K_SALARY], &p->salary));
    NESTED(r, "deadline", deadline(r, m[K_DEADLINE], &p->deadline));
    TRY(date(r, m[K_PUBLISHED], "published", &p->published));
    TRY(date(r, m[K_UPDATED], "updated", &p->updated));
    TRY(string(r, m[K_REQUISITION], "requisition", true, &p->requisition));
    TRY(clearance(r, m[K_CLEARANCE], "clearance", &p->clearance));
    TRY(boolean(r, m[K_CLEARANCE_ATOMAL], "clearance_atomal", &p->clearance_atomal));
    TRY(tristate(r, m[K_FAST_TRACK], "fast_track", &p->fast_track));
    TRY(string(r, m[K_SUMMARY], "summary", true, &p->summary));
    NESTED(r, "accountabilities", items(r, m[K_ACCOUNTABILITIES], p, accountability));
    NESTED(r, "interrelationships",
           interrelationships(r, m[K_INTERRELATIONSHIPS], &p->interrelationships));
    NESTED(r, "competencies", items(r, m[K_COMPETENCIES], p, competency));
    NESTED(r, "requirements", items(r, m[K_REQUIREMENTS], p, requirement));
    NESTED(r, "contract", contract(r, m[K_CONTRACT], &p->contract));
    NESTED(r, "lines", lines(r, m[K_LINES], &p->lines));
    NESTED(r, "diagnostics", items(r, m[K_DIAGNOSTICS], p, diagnostic));
    return NP_OK;
}

np_status npj_posting_read(np_posting **out, const json_t *value, npj_path *path, const char *where,
                           np_error *err)
{
    *out = NULL;
    np_posting *p = np_posting_new();
    if (!p) return np_error_set(err, NP_ENOMEM, "out of memory reading posting JSON");
    reader r = {err, path, where};
    const size_t mark = path->len;
    const np_status st = posting(&r, value, p);
    npj_path_pop(path, mark);
    if (st != NP_OK) {
        np_posting_free(p);
        return st;
    }
    *out = p;
    return NP_OK;
}

np_status np_posting_from_json(np_posting **out, const char *text, size_t len, np_error *err)
{
    *out = NULL;
    if (!text && len) return np_error_set(err, NP_EINVAL, "posting JSON: no text (NULL)");
    json_error_t jerr;
    json_t *root = json_loadb(text ? text : "", len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!root) return npj_parse_error(err, &jerr, text ? text : "", len, 1, 0);
    npj_path path = {{0}, 0};
    const np_status st = npj_posting_read(out, root, &path, NULL, err);
    json_decref(root);
    return st;
}
