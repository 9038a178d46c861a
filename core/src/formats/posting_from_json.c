/* The natopost JSON form of a posting (docs/posting-json.md): the reader.
 *
 * Every key but "format" may be left out: an absent key reads as the value
 * the posting has when the notice does not state it (null, false, 0 for a
 * line, an empty list; an absent object is one whose keys are all absent).
 * Strict otherwise: an unknown key, a wrong type, an out-of-range number, a
 * date that does not exist or a value outside its list of names is an error
 * naming the JSON path ("requirements[2].as.languages.one"). A document of
 * another format version is rejected before anything else is looked at. The
 * members of the posting itself come from the schema (model/posting_schema.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support/edit_distance.h"
#include "support/json_util.h"
#include "model/posting_schema.h"
#include "formats/json_tree.h"
#include "formats/posting_json_internal.h"

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

/* Joins names[0..n) into buf as "a, b or c" (quoted: "\"a\", ..."; a NULL
 * name reads null). False when the whole list does not fit: a list is never
 * cut inside a name, the caller says where to find it instead. */
static bool join_names(char *buf, size_t size, const char *const *names, size_t n, bool quoted,
                       const char *last_separator)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *separator = i == 0 ? "" : (i == n - 1 ? last_separator : ", ");
        const char *q = quoted && names[i] ? "\"" : "";
        const int wrote = snprintf(buf + len, size - len, "%s%s%s%s", separator, q,
                                   names[i] ? names[i] : "null", q);
        if (wrote < 0 || (size_t)wrote >= size - len) {
            buf[0] = '\0';
            return false;
        }
        len += (size_t)wrote;
    }
    return true;
}

/* The key of keys[0..n) closest to a misspelt `key` (at most two edits
 * away, a swap of neighbours counting one, and fewer than its length), or
 * NULL. */
static const char *closest_key(const char *key, const char *const *keys, size_t n)
{
    const char *best = NULL;
    size_t best_distance = 3;
    for (size_t i = 0; i < n; i++) {
        const size_t d = npi_edit_distance(key, strlen(key), keys[i], strlen(keys[i]), false);
        if (d < best_distance && d < strlen(keys[i])) best = keys[i], best_distance = d;
    }
    return best;
}

/* The index of `key` in keys[0..n), looked for first at `hint` (writers put
 * the keys in table order, so the next key is usually the next one); n when
 * it is not there. */
static size_t key_index(const char *key, const char *const *keys, size_t n, size_t hint)
{
    if (hint < n && strcmp(keys[hint], key) == 0) return hint;
    size_t i = 0;
    while (i < n && strcmp(keys[i], key) != 0) i++;
    return i;
}

/* An unknown key's error: the keys expected, or the closest of them. */
static np_status unknown_key(reader *r, const char *key, const char *const *keys, size_t n)
{
    char shown[64], expected[NP_ERROR_MESSAGE_MAX / 2];
    npi_json_quote_key(shown, sizeof shown, key);
    if (!join_names(expected, sizeof expected, keys, n, false, ", ")) {
        const char *close = closest_key(key, keys, n);
        if (close)
            return bad(r, NULL,
                       "unknown key %s (did you mean \"%s\"? the keys are listed in "
                       "docs/posting-json.md)",
                       shown, close);
        return bad(r, NULL, "unknown key %s (the keys are listed in docs/posting-json.md)", shown);
    }
    return bad(r, NULL, "unknown key %s (expected %s)", shown, expected);
}

/* The members keys[0..n) of `obj` into values[] (NULL when absent: every
 * key may be left out; an absent `obj` has them all absent); any other key
 * is an error. One pass over the members (the tree has no duplicate keys). */
static np_status members(reader *r, const npj_value *obj, const char *const *keys, size_t n,
                         const npj_value **values)
{
    for (size_t i = 0; i < n; i++) values[i] = NULL;
    if (!obj) return NP_OK;
    if (!npj_is_object(obj)) return bad(r, NULL, "expected an object, got %s", npj_type_name(obj));
    size_t next = 0;
    for (size_t j = 0; j < obj->len; j++) {
        const npj_member *m = &obj->as.members[j];
        const size_t i = key_index(m->key, keys, n, next);
        if (i == n) return unknown_key(r, m->key, keys, n);
        values[i] = &m->value;
        next = i + 1;
    }
    return NP_OK;
}

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

/* ---- scalar values ----------------------------------------------------------- */

static np_status string(reader *r, const npj_value *v, const char *key, bool nullable, char **slot)
{
    if (!v || (nullable && npj_is_null(v))) return NP_OK; /* the slot stays NULL */
    if (!npj_is_string(v))
        return bad(r, key, "expected a string%s, got %s", nullable ? " or null" : "",
                   npj_type_name(v));
    return np_posting_set_text(slot, npj_string_value(v), npj_string_length(v), r->err);
}

/* A string the model never leaves NULL: absent reads as "". */
static np_status text(reader *r, const npj_value *v, const char *key, const char **s, size_t *len)
{
    if (!v) {
        *s = "";
        *len = 0;
        return NP_OK;
    }
    if (!npj_is_string(v)) return bad(r, key, "expected a string, got %s", npj_type_name(v));
    *s = npj_string_value(v);
    *len = npj_string_length(v);
    return NP_OK;
}

/* A string or null (*s NULL), absent reading as null. */
static np_status optional_text(reader *r, const npj_value *v, const char *key, const char **s,
                               size_t *len)
{
    *s = NULL;
    *len = 0;
    if (!v || npj_is_null(v)) return NP_OK;
    if (!npj_is_string(v))
        return bad(r, key, "expected a string or null, got %s", npj_type_name(v));
    return text(r, v, key, s, len);
}

static np_status boolean(reader *r, const npj_value *v, const char *key, bool *out)
{
    if (!v) {
        *out = false;
        return NP_OK;
    }
    if (!npj_is_boolean(v)) return bad(r, key, "expected true or false, got %s", npj_type_name(v));
    *out = npj_is_true(v);
    return NP_OK;
}

/* true, false or null (NP_UNKNOWN). */
static np_status tristate(reader *r, const npj_value *v, const char *key, np_tristate *out)
{
    if (!v || npj_is_null(v)) *out = NP_UNKNOWN;
    else if (npj_is_boolean(v)) *out = npj_is_true(v) ? NP_YES : NP_NO;
    else return bad(r, key, "expected true, false or null, got %s", npj_type_name(v));
    return NP_OK;
}

/* "en", "fr" or null (""). */
static np_status language(reader *r, const npj_value *v, char out[3])
{
    if (!v || npj_is_null(v)) { /* absent or null: not known */
        out[0] = '\0';
        return NP_OK;
    }
    if (!npj_is_string(v) || !np_posting_language_known(npj_string_value(v)))
        return bad(r, "language", "expected \"en\", \"fr\" or null, got %s",
                   npj_is_string(v) ? "another string" : npj_type_name(v));
    memcpy(out, npj_string_value(v), 3);
    return NP_OK;
}

/* An integer lo..hi; null (when `nullable`) gives -1. */
static np_status integer(reader *r, const npj_value *v, const char *key, int lo, int hi,
                         bool nullable, int *out)
{
    if (!v) { /* absent: not stated (-1), or 0 for a line */
        *out = nullable ? -1 : 0;
        return NP_OK;
    }
    if (nullable && npj_is_null(v)) {
        *out = -1;
        return NP_OK;
    }
    if (!npj_is_integer(v))
        return bad(r, key, "expected an integer%s, got %s", nullable ? " or null" : "",
                   npj_type_name(v));
    const long long n = npj_integer_value(v);
    if (n < lo || n > hi)
        return bad(r, key, "%lld is out of range (%d..%d)", (long long)n, lo, hi);
    *out = (int)n;
    return NP_OK;
}

static np_status line(reader *r, const npj_value *v, const char *key, int *out)
{
    return integer(r, v, key, 0, INT32_MAX, false, out);
}

/* A number 0..max (integer or real); null gives -1. */
static np_status number(reader *r, const npj_value *v, const char *key, double max, double *out)
{
    if (!v || npj_is_null(v)) {
        *out = -1;
        return NP_OK;
    }
    if (!npj_is_number(v))
        return bad(r, key, "expected a number or null, got %s", npj_type_name(v));
    const double d = npj_number_value(v);
    if (!(d >= 0 && d <= max)) return bad(r, key, "%g is out of range (0..%g)", d, max);
    *out = d;
    return NP_OK;
}

/* One of names[0..n) (a NULL entry stands for JSON null); *out its index. */
static np_status name(reader *r, const npj_value *v, const char *key, const char *const *names,
                      int n, int *out)
{
    if (!v) { /* absent: the null entry, else the first (the model's zero value) */
        *out = 0;
        for (int i = 0; i < n; i++)
            if (!names[i]) *out = i;
        return NP_OK;
    }
    for (int i = 0; i < n; i++) {
        if (names[i] ? (npj_is_string(v) && strcmp(npj_string_value(v), names[i]) == 0)
                     : npj_is_null(v)) {
            *out = i;
            return NP_OK;
        }
    }
    char expected[NP_ERROR_MESSAGE_MAX / 2];
    if (!join_names(expected, sizeof expected, names, (size_t)n, true, " or "))
        snprintf(expected, sizeof expected, "a name listed in docs/posting-json.md");
    if (npj_is_string(v)) {
        char shown[64];
        npi_json_quote_key(shown, sizeof shown, npj_string_value(v));
        return bad(r, key, "expected %s, got %s", expected, shown);
    }
    return bad(r, key, "expected %s, got %s", expected, npj_type_name(v));
}

/* The names of the scales (scales.h), with null (index 0) for "not stated". */
static np_status clearance(reader *r, const npj_value *v, const char *key, np_clearance *out)
{
    const char *names[NP_CLEARANCE_CTS + 1] = {NULL};
    for (int level = NP_CLEARANCE_NR; level <= NP_CLEARANCE_CTS; level++)
        names[level] = np_clearance_name((np_clearance)level);
    int i = 0;
    np_status st = name(r, v, key, names, (int)COUNT(names), &i);
    if (st == NP_OK) *out = (np_clearance)i;
    return st;
}

static np_status lang_level(reader *r, const npj_value *v, const char *key, np_lang_level *out)
{
    const char *names[NP_LEVEL_VI + 1] = {NULL};
    for (int level = NP_LEVEL_I; level <= NP_LEVEL_VI; level++)
        names[level] = np_lang_level_numeral((np_lang_level)level);
    int i = 0;
    np_status st = name(r, v, key, names, (int)COUNT(names), &i);
    if (st == NP_OK) *out = (np_lang_level)i;
    return st;
}

static np_status date(reader *r, const npj_value *v, const char *key, np_date *out)
{
    if (!v || npj_is_null(v)) {
        *out = NP_DATE_NONE;
        return NP_OK;
    }
    if (!npj_is_string(v))
        return bad(r, key, "expected a date \"YYYY-MM-DD\" or null, got %s", npj_type_name(v));
    np_error e;
    if (np_date_parse(out, npj_string_value(v), npj_string_length(v), &e) != NP_OK)
        return bad(r, key, "%s", e.message);
    return NP_OK;
}

static bool digit(char c) { return c >= '0' && c <= '9'; }

static np_status time_of_day(reader *r, const npj_value *v, const char *key, int *minute)
{
    if (!v || npj_is_null(v)) {
        *minute = -1;
        return NP_OK;
    }
    if (!npj_is_string(v))
        return bad(r, key, "expected a time \"HH:MM\" or null, got %s", npj_type_name(v));
    const char *s = npj_string_value(v);
    char shown[64];
    npi_json_quote_key(shown, sizeof shown, s);
    if (npj_string_length(v) != 5 || !digit(s[0]) || !digit(s[1]) || s[2] != ':' ||
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

static np_status grade(reader *r, const npj_value *v, np_grade *out)
{
    if (!v || npj_is_null(v)) return NP_OK; /* stays NP_GRADE_NONE */
    static const char *const KEYS[] = {"text", "low", "high"};
    const npj_value *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    if (!m[0] && !m[1] && !m[2]) return NP_OK; /* {}: not stated */
    if (!m[0] || !npj_is_string(m[0]))
        return bad(r, "text", "expected a grade such as \"G15/G16\", got %s", npj_type_name(m[0]));
    const char *text = npj_string_value(m[0]);
    const size_t len = npj_string_length(m[0]);
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
    /* Absent ends are the text's: {"text": "G15"} is enough. */
    int low = g.low, high = g.high;
    if (m[1]) TRY(integer(r, m[1], "low", 1, NP_GRADE_MAX, false, &low));
    if (m[2]) TRY(integer(r, m[2], "high", 1, NP_GRADE_MAX, false, &high));
    if (low != g.low) return bad(r, "low", "%d does not match the text \"%s\" (%d)", low, canonical, g.low);
    if (high != g.high)
        return bad(r, "high", "%d does not match the text \"%s\" (%d)", high, canonical, g.high);
    *out = g;
    return NP_OK;
}

static np_status salary(reader *r, const npj_value *v, np_salary *s)
{
    if (!v || npj_is_null(v)) return NP_OK;
    static const char *const KEYS[] = {"amount", "currency", "basis", "tax_free"};
    const npj_value *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    TRY(number(r, m[0], "amount", NPJ_AMOUNT_MAX, &s->amount));
    if (m[1] && !npj_is_null(m[1])) {
        const char *c = npj_is_string(m[1]) ? npj_string_value(m[1]) : NULL;
        if (!c || npj_string_length(m[1]) != 3 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' ||
            c[1] > 'Z' || c[2] < 'A' || c[2] > 'Z') {
            char shown[64] = "";
            if (c) npi_json_quote_key(shown, sizeof shown, c);
            return bad(r, "currency", "expected an ISO 4217 code (three upper-case letters) or null, got %s",
                       c ? shown : npj_type_name(m[1]));
        }
        memcpy(s->currency, c, 4);
    }
    TRY(string(r, m[2], "basis", true, &s->basis));
    return tristate(r, m[3], "tax_free", &s->tax_free);
}

static np_status deadline(reader *r, const npj_value *v, np_deadline *d)
{
    if (!v || npj_is_null(v)) return NP_OK;
    static const char *const KEYS[] = {"date", "time"};
    const npj_value *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    TRY(date(r, m[0], "date", &d->date));
    return time_of_day(r, m[1], "time", &d->minute);
}

/* Checks `v` is an array; the items are read by the caller. */
static np_status array(reader *r, const npj_value *v)
{
    if (v && !npj_is_array(v)) return bad(r, NULL, "expected an array, got %s", npj_type_name(v));
    return NP_OK;
}

static np_status accountability(reader *r, const npj_value *v, np_posting *p)
{
    static const char *const KEYS[] = {"heading", "text", "line"};
    const npj_value *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    const char *heading = NULL, *body = "";
    size_t heading_len = 0, body_len = 0;
    TRY(optional_text(r, m[0], "heading", &heading, &heading_len));
    TRY(text(r, m[1], "text", &body, &body_len));
    int ln = 0;
    TRY(line(r, m[2], "line", &ln));
    return np_posting_add_accountability(p, heading, heading_len, body, body_len, ln, r->err);
}

static np_status interrelationships(reader *r, const npj_value *v, np_interrelationships *x)
{
    if (!v || npj_is_null(v)) return NP_OK;
    static const char *const KEYS[] = {"reports_to", "direct_reports", "indirect_reports", "text",
                                       "line"};
    const npj_value *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    TRY(string(r, m[0], KEYS[0], true, &x->reports_to));
    TRY(string(r, m[1], KEYS[1], true, &x->direct_reports));
    TRY(string(r, m[2], KEYS[2], true, &x->indirect_reports));
    TRY(string(r, m[3], KEYS[3], true, &x->text));
    return line(r, m[4], "line", &x->line);
}

static np_status competency(reader *r, const npj_value *v, np_posting *p)
{
    static const char *const KEYS[] = {"name", "descriptor", "line"};
    const npj_value *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    const char *label = "", *descriptor = NULL;
    size_t label_len = 0, descriptor_len = 0;
    TRY(text(r, m[0], "name", &label, &label_len));
    TRY(optional_text(r, m[1], "descriptor", &descriptor, &descriptor_len));
    int ln = 0;
    TRY(line(r, m[2], "line", &ln));
    return np_posting_add_competency(p, label, label_len, descriptor, descriptor_len, ln, r->err);
}

static np_status stanag(reader *r, const npj_value *v, np_stanag_profile *s)
{
    static const char *const KEYS[] = {"listening", "speaking", "reading", "writing", "plus"};
    const npj_value *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    int levels[4];
    for (int k = 0; k < 4; k++) TRY(integer(r, m[k], KEYS[k], 0, NPJ_STANAG_MAX, true, &levels[k]));
    s->listening = (int8_t)levels[0];
    s->speaking = (int8_t)levels[1];
    s->reading = (int8_t)levels[2];
    s->writing = (int8_t)levels[3];
    s->plus_mask = 0;
    const npj_value *plus = m[4];
    NESTED(r, "plus", array(r, plus));
    for (size_t i = 0; i < npj_array_size(plus); i++) {
        const size_t mark = npj_path_key(r->path, "plus");
        npj_path_index(r->path, i);
        int k = 0;
        np_status st = name(r, npj_array_get(plus, i), NULL, npj_skill_names, 4, &k);
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
static np_status typed(reader *r, const npj_value *v, np_requirement *q)
{
    switch (q->kind) {
    case NP_REQ_OTHER: return NP_OK;
    case NP_REQ_DEGREE: {
        static const char *const KEYS[] = {"level", "equivalent_accepted"};
        const npj_value *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        int level = 0;
        TRY(name(r, m[0], "level", npj_degree_names, 3, &level));
        q->as.degree.level = (np_degree_level)level;
        return boolean(r, m[1], "equivalent_accepted", &q->as.degree.equivalent_accepted);
    }
    case NP_REQ_EXPERIENCE: {
        static const char *const KEYS[] = {"min_years"};
        const npj_value *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        return number(r, m[0], "min_years", NPJ_YEARS_MAX, &q->as.experience.min_years);
    }
    case NP_REQ_LANGUAGES: {
        static const char *const KEYS[] = {"form", "one", "other", "english", "french", "or_higher"};
        const npj_value *m[COUNT(KEYS)] = {0};
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
        const npj_value *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        return integer(r, m[0], "percent", 0, NPJ_PERCENT_MAX, true, &q->as.travel.percent);
    }
    case NP_REQ_SOFTWARE: {
        static const char *const KEYS[] = {"names"};
        const npj_value *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        return string(r, m[0], "names", true, &q->as.software.names);
    }
    case NP_REQ_NATIONALITY: {
        static const char *const KEYS[] = {"nato_member"};
        const npj_value *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        return boolean(r, m[0], "nato_member", &q->as.nationality.nato_member);
    }
    case NP_REQ_CLEARANCE: {
        static const char *const KEYS[] = {"level", "atomal"};
        const npj_value *m[COUNT(KEYS)] = {0};
        TRY(members(r, v, KEYS, COUNT(KEYS), m));
        TRY(clearance(r, m[0], "level", &q->as.clearance.level));
        return boolean(r, m[1], "atomal", &q->as.clearance.atomal);
    }
    }
    return bad(r, NULL, "requirement kind %d is unknown", (int)q->kind);
}

static np_status requirement(reader *r, const npj_value *v, np_posting *p)
{
    static const char *const KEYS[] = {"kind", "essential", "text", "line", "as"};
    const npj_value *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    const char *kinds[NP_REQ_CLEARANCE + 1];
    for (int k = NP_REQ_OTHER; k <= NP_REQ_CLEARANCE; k++) kinds[k] = np_req_kind_name((np_req_kind)k);
    int k = 0;
    TRY(name(r, m[0], "kind", kinds, NP_REQ_CLEARANCE + 1, &k));
    const np_req_kind kind = (np_req_kind)k;
    bool essential = false;
    TRY(boolean(r, m[1], "essential", &essential));
    const char *sentence = "";
    size_t sentence_len = 0;
    TRY(text(r, m[2], "text", &sentence, &sentence_len));
    int ln = 0;
    TRY(line(r, m[3], "line", &ln));
    const char *kind_name = kinds[kind];
    const npj_value *part = NULL;
    if (kind == NP_REQ_OTHER) {
        if (m[4] && !npj_is_null(m[4]))
            return bad(r, "as", "expected null for kind \"other\", got %s", npj_type_name(m[4]));
    } else {
        /* {"<kind>": {...}}: the typed part under the kind's name. */
        NESTED(r, "as", members(r, m[4], &kind_name, 1, &part));
    }
    np_requirement *q;
    TRY(np_posting_add_requirement(p, &q, essential, sentence, sentence_len, ln, r->err));
    q->kind = kind; /* before anything it owns is set, so that clearing frees it */
    if (kind == NP_REQ_OTHER) return NP_OK;
    const size_t mark = npj_path_key(r->path, "as");
    npj_path_key(r->path, kind_name);
    const np_status st = typed(r, part, q);
    npj_path_pop(r->path, mark);
    return st;
}

static np_status contract(reader *r, const npj_value *v, np_contract_terms *c)
{
    if (!v || npj_is_null(v)) return NP_OK;
    static const char *const KEYS[] = {"stated", "definite_months", "renewal_months",
                                       "max_service_months", "conversion_possible",
                                       "turnover_clause", "seconded_terms",
                                       "seconded_max_months", "twin_grade_note", "text", "line"};
    const npj_value *m[COUNT(KEYS)] = {0};
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

static np_status lines(reader *r, const npj_value *v, np_posting_lines *l)
{
    const char *keys[NPS_LINE_COUNT];
    const npj_value *m[NPS_LINE_COUNT] = {0};
    for (size_t i = 0; i < NPS_LINE_COUNT; i++) keys[i] = nps_line_fields[i].name;
    TRY(members(r, v, keys, NPS_LINE_COUNT, m));
    for (size_t i = 0; i < NPS_LINE_COUNT; i++)
        TRY(line(r, m[i], keys[i], nps_line(l, &nps_line_fields[i])));
    return NP_OK;
}

static np_status diagnostic(reader *r, const npj_value *v, np_posting *p)
{
    static const char *const KEYS[] = {"severity", "line", "field", "message"};
    const npj_value *m[COUNT(KEYS)] = {0};
    TRY(members(r, v, KEYS, COUNT(KEYS), m));
    int severity = 0, ln = 0;
    TRY(name(r, m[0], "severity", npj_severity_names, 3, &severity));
    TRY(line(r, m[1], "line", &ln));
    const char *field = NULL, *message = "";
    size_t field_len = 0, message_len = 0;
    TRY(optional_text(r, m[2], "field", &field, &field_len));
    TRY(text(r, m[3], "message", &message, &message_len));
    TRY(np_posting_add_diagnostic(p, (np_diag_severity)severity, ln, field, r->err, "%s", ""));
    /* The whole message (np_posting_add_diagnostic formats into a bounded buffer). */
    return np_posting_set_text(&p->diagnostics[p->diagnostic_count - 1].message, message,
                               message_len, r->err);
}

/* Reads each item of the array `v` (the path's last key) with `item`. */
static np_status items(reader *r, const npj_value *v, np_posting *p,
                       np_status (*item)(reader *, const npj_value *, np_posting *))
{
    TRY(array(r, v));
    for (size_t i = 0; i < npj_array_size(v); i++) {
        const size_t mark = npj_path_index(r->path, i);
        const np_status st = item(r, npj_array_get(v, i), p);
        npj_path_pop(r->path, mark);
        if (st != NP_OK) return st;
    }
    return NP_OK;
}

/* ---- the posting --------------------------------------------------------------------- */

/* "format", the schema's keys in its order, and "source_bytes" (only for a
 * source that is not UTF-8). */
#define ROOT_KEY(member, key, kind, nullability, query, jsonld) key,
static const char *const ROOT_KEYS[] = {"format", NP_POSTING_SCHEMA(ROOT_KEY) "source_bytes"};
#undef ROOT_KEY
enum { ROOT_FIELDS = 1, ROOT_SOURCE_BYTES = ROOT_FIELDS + NPS_FIELD_COUNT, ROOT_COUNT };
_Static_assert(COUNT(ROOT_KEYS) == ROOT_COUNT, "ROOT_KEYS and the schema disagree");

/* "source_bytes": the exact bytes of a source that is not UTF-8 (see
 * npj_percent_encode); they replace the display form in "source". */
static np_status source_bytes(reader *r, const npj_value *v, const npj_value *source, char **slot)
{
    if (!npj_is_string(v))
        return bad(r, "source_bytes", "expected a percent-encoded string, got %s", npj_type_name(v));
    if (!npj_is_string(source))
        return bad(r, "source", "expected a string beside source_bytes, got %s", npj_type_name(source));
    const size_t len = npj_string_length(v);
    char *bytes = malloc(len + 1);
    if (!bytes) return np_error_set(r->err, NP_ENOMEM, "out of memory reading posting JSON");
    size_t bad_at = 0;
    const size_t n = npj_percent_decode(bytes, npj_string_value(v), len, &bad_at);
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

static np_status format(reader *r, const npj_value *v)
{
    if (!npj_is_object(v))
        return bad(r, NULL, "expected a posting object, got %s", npj_type_name(v));
    const npj_value *f = npj_object_get(v, "format");
    if (!f) return bad(r, NULL, "missing key \"format\" (expected \"%s\")", NP_POSTING_FORMAT);
    if (!npj_is_string(f))
        return bad(r, "format", "expected \"%s\", got %s", NP_POSTING_FORMAT, npj_type_name(f));
    const char *s = npj_string_value(f);
    if (strcmp(s, NP_POSTING_FORMAT) == 0) return NP_OK;
    char shown[64];
    npi_json_quote_key(shown, sizeof shown, s);
    if (strncmp(s, "natopost.posting/", 17) == 0)
        return bad(r, "format", "unsupported version %s (this reader reads \"%s\")", shown,
                   NP_POSTING_FORMAT);
    return bad(r, "format", "not a natopost posting: %s (expected \"%s\")", shown, NP_POSTING_FORMAT);
}

/* Reads field `f` of the posting from `v` (NULL when absent). */
static np_status field(reader *r, const nps_field *f, const npj_value *v, const npj_value *source_bytes_v,
                       np_posting *p)
{
    void *slot = nps_member(p, f);
    switch (f->kind) {
    case NPS_STRING: return string(r, v, f->key, f->nullable, slot);
    case NPS_SOURCE:
        TRY(string(r, v, f->key, f->nullable, slot));
        return source_bytes_v ? source_bytes(r, source_bytes_v, v, slot) : NP_OK;
    case NPS_LANGUAGE: return language(r, v, slot);
    case NPS_DATE: return date(r, v, f->key, slot);
    case NPS_CLEARANCE: return clearance(r, v, f->key, slot);
    case NPS_BOOL: return boolean(r, v, f->key, slot);
    case NPS_TRISTATE: return tristate(r, v, f->key, slot);
    case NPS_GRADE: NESTED(r, f->key, grade(r, v, slot)); return NP_OK;
    case NPS_SALARY: NESTED(r, f->key, salary(r, v, slot)); return NP_OK;
    case NPS_DEADLINE: NESTED(r, f->key, deadline(r, v, slot)); return NP_OK;
    case NPS_INTERRELATIONSHIPS: NESTED(r, f->key, interrelationships(r, v, slot)); return NP_OK;
    case NPS_CONTRACT: NESTED(r, f->key, contract(r, v, slot)); return NP_OK;
    case NPS_LINES: NESTED(r, f->key, lines(r, v, slot)); return NP_OK;
    case NPS_ACCOUNTABILITIES: NESTED(r, f->key, items(r, v, p, accountability)); return NP_OK;
    case NPS_COMPETENCIES: NESTED(r, f->key, items(r, v, p, competency)); return NP_OK;
    case NPS_REQUIREMENTS: NESTED(r, f->key, items(r, v, p, requirement)); return NP_OK;
    case NPS_DIAGNOSTICS: NESTED(r, f->key, items(r, v, p, diagnostic)); return NP_OK;
    }
    return bad(r, f->key, "field kind %d is unknown", (int)f->kind);
}

static np_status posting(reader *r, const npj_value *v, np_posting *p)
{
    TRY(format(r, v));
    const npj_value *m[ROOT_COUNT] = {0};
    TRY(members(r, v, ROOT_KEYS, ROOT_COUNT, m));
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++)
        TRY(field(r, &nps_fields[i], m[ROOT_FIELDS + i], m[ROOT_SOURCE_BYTES], p));
    return NP_OK;
}

np_status npj_posting_read(np_posting **out, const npj_value *value, npj_path *path, const char *where,
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
    npj_tree tree = NPJ_TREE_INIT;
    const npj_value *root;
    size_t error_at = 0;
    np_status st = npj_tree_parse(&tree, &root, text, len, true, &error_at, err);
    if (st == NP_EPARSE) st = npj_tree_syntax_error(err, text ? text : "", len, true, error_at, 1, 0);
    if (st == NP_OK) {
        npj_path path = {{0}, 0};
        st = npj_posting_read(out, root, &path, NULL, err);
    }
    npj_tree_free(&tree);
    return st;
}
