/* The natopost JSON form of a posting (docs/posting-json.md): the writer.
 *
 * The posting's members are written in the schema's order
 * (model/posting_schema.h). Every value the posting does not state is
 * written as null; a value that
 * is neither "not stated" nor inside the form's range (an amount of -2, a
 * 25:00 deadline, a grade whose text does not read back) is an error naming
 * its path, so that whatever is written reads back equal. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/posting_schema.h"
#include "formats/posting_json_internal.h"

typedef struct writer {
    np_error *err;
    np_status st; /* the first error; later ones are not reported */
    npj_path path;
    int digits;   /* real precision the document needs */
} writer;

static json_t *fail(writer *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static json_t *fail(writer *w, const char *fmt, ...)
{
    if (w->st != NP_OK) return NULL;
    char message[NP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    w->st = np_error_set(w->err, NP_EINVAL, "posting JSON: cannot write %s: %s",
                         npj_path_text(&w->path), message);
    return NULL;
}

/* Sets obj[key] = value (stolen); a NULL value without an error reported
 * means jansson ran out of memory. */
static void put(writer *w, json_t *obj, const char *key, json_t *value)
{
    if (json_object_set_new(obj, key, value) != 0 && w->st == NP_OK)
        w->st = np_error_set(w->err, NP_ENOMEM, "out of memory writing posting JSON");
}

static void append(writer *w, json_t *array, json_t *value)
{
    if (json_array_append_new(array, value) != 0 && w->st == NP_OK)
        w->st = np_error_set(w->err, NP_ENOMEM, "out of memory writing posting JSON");
}

/* obj[key] = the value `expr` builds, with `key` on the path while it runs. */
#define FIELD(w, obj, key, expr)                         \
    do {                                                 \
        const size_t mark_ = npj_path_key(&(w)->path, key); \
        json_t *value_ = (expr);                         \
        npj_path_pop(&(w)->path, mark_);                 \
        put(w, obj, key, value_);                        \
    } while (0)

/* ---- scalar values ----------------------------------------------------------- */

static json_t *str(writer *w, const char *s)
{
    if (!s) return json_null();
    /* checked here, faster than json_string's own check (NULL: out of memory) */
    if (!npj_valid_utf8(s)) return fail(w, "the text is not valid UTF-8");
    return json_string_nocheck(s);
}

/* A JSON string made from a malloc'd one, which it frees; NULL (out of
 * memory, reported by put) when either allocation failed. */
static json_t *owned_str(char *s)
{
    json_t *v = s ? json_string(s) : NULL;
    free(s);
    return v;
}

/* A string the model says is never NULL. */
static json_t *text(writer *w, const char *s)
{
    if (!s) return fail(w, "NULL where the model requires a string");
    return str(w, s);
}

static json_t *line(writer *w, int v)
{
    if (v < 0) return fail(w, "line %d is negative (0 = not from the text)", v);
    return json_integer(v);
}

/* -1 = not stated (null), else lo..hi. */
static json_t *count(writer *w, int v, int lo, int hi)
{
    if (v == -1) return json_null();
    if (v < lo || v > hi) return fail(w, "%d is out of range (%d..%d, or -1 for not stated)", v, lo, hi);
    return json_integer(v);
}

/* -1 = not stated (null), else 0..max. */
static json_t *amount(writer *w, double v, double max)
{
    if (v == -1) return json_null();
    if (!(v >= 0 && v <= max))
        return fail(w, "%g is out of range (0..%g, or -1 for not stated)", v, max);
    return npj_number(v, &w->digits);
}

static json_t *date(writer *w, np_date d)
{
    if (d == NP_DATE_NONE) return json_null();
    if (!np_date_in_range(d)) return fail(w, "day number %ld is outside 0001-01-01..9999-12-31", (long)d);
    char buf[NP_DATE_ISO_LEN + 1];
    np_date_format(d, buf);
    return json_string(buf);
}

static json_t *time_of_day(writer *w, int minute)
{
    if (minute == -1) return json_null();
    if (minute < 0 || minute > NPJ_MINUTE_MAX)
        return fail(w, "minute %d is out of range (0..%d, or -1 for no time)", minute, NPJ_MINUTE_MAX);
    char buf[8];
    snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return json_string(buf);
}

/* names[v] for 0 <= v < n; a NULL name is written as null. */
static json_t *name(writer *w, int v, const char *const *names, int n)
{
    if (v < 0 || v >= n) return fail(w, "value %d is out of range (0..%d)", v, n - 1);
    return names[v] ? json_string(names[v]) : json_null();
}

static json_t *clearance(writer *w, np_clearance level)
{
    if (level == NP_CLEARANCE_NONE) return json_null();
    if (level < NP_CLEARANCE_NR || level > NP_CLEARANCE_CTS)
        return fail(w, "clearance %d is out of range (0..4)", (int)level);
    return json_string(np_clearance_name(level));
}

static json_t *lang_level(writer *w, np_lang_level level)
{
    if (level == NP_LEVEL_NONE) return json_null();
    if (level < NP_LEVEL_I || level > NP_LEVEL_VI)
        return fail(w, "language level %d is out of range (0..6)", (int)level);
    return json_string(np_lang_level_numeral(level));
}

static json_t *tristate(writer *w, np_tristate v)
{
    switch (v) {
    case NP_UNKNOWN: return json_null();
    case NP_NO: return json_false();
    case NP_YES: return json_true();
    }
    return fail(w, "value %d is not -1, 0 or 1", (int)v);
}

/* ---- objects ------------------------------------------------------------------- */

static json_t *grade(writer *w, np_grade g)
{
    if (!np_grade_is_known(g)) {
        if (g.high || g.category)
            return fail(w, "an unknown grade (low 0) must have high 0 and no category");
        return json_null();
    }
    char buf[NP_GRADE_TEXT_MAX];
    const size_t n = np_grade_format(g, buf);
    np_grade back;
    if (np_grade_parse(&back, buf, n, NULL) != NP_OK || back.low != g.low ||
        back.high != g.high || back.category != g.category)
        return fail(w, "grade (low %d, high %d, category %d) has no text that reads back", g.low,
                    g.high, g.category);
    json_t *obj = json_object();
    if (!obj) return NULL;
    put(w, obj, "text", json_stringn(buf, n));
    put(w, obj, "low", json_integer(g.low));
    put(w, obj, "high", json_integer(g.high));
    return obj;
}

static json_t *currency(writer *w, const char c[4])
{
    if (c[0] == '\0') return json_null();
    for (int i = 0; i < 3; i++)
        if (c[i] < 'A' || c[i] > 'Z')
            return fail(w, "a currency is three upper-case letters (ISO 4217) or empty");
    if (c[3] != '\0') return fail(w, "a currency is three upper-case letters (ISO 4217) or empty");
    return json_stringn(c, 3);
}

static json_t *language(writer *w, const char c[3])
{
    if (c[0] == '\0') return json_null();
    if (!np_posting_language_known(c))
        return fail(w, "a language is \"en\", \"fr\" or empty");
    return json_stringn(c, 2);
}

static json_t *salary(writer *w, const np_salary *s)
{
    if (s->amount == -1 && s->currency[0] == '\0' && !s->basis && s->tax_free == NP_UNKNOWN)
        return json_null();
    json_t *obj = json_object();
    if (!obj) return NULL;
    FIELD(w, obj, "amount", amount(w, s->amount, NPJ_AMOUNT_MAX));
    FIELD(w, obj, "currency", currency(w, s->currency));
    FIELD(w, obj, "basis", str(w, s->basis));
    FIELD(w, obj, "tax_free", tristate(w, s->tax_free));
    return obj;
}

static json_t *deadline(writer *w, const np_deadline *d)
{
    if (d->date == NP_DATE_NONE && d->minute == -1) return json_null();
    json_t *obj = json_object();
    if (!obj) return NULL;
    FIELD(w, obj, "date", date(w, d->date));
    FIELD(w, obj, "time", time_of_day(w, d->minute));
    return obj;
}

static json_t *accountabilities(writer *w, const np_posting *p)
{
    json_t *array = json_array();
    if (!array) return NULL;
    for (size_t i = 0; i < p->accountability_count; i++) {
        const np_accountability *a = &p->accountabilities[i];
        const size_t mark = npj_path_index(&w->path, i);
        json_t *obj = json_object();
        if (obj) {
            FIELD(w, obj, "heading", str(w, a->heading));
            FIELD(w, obj, "text", text(w, a->text));
            FIELD(w, obj, "line", line(w, a->line));
        }
        npj_path_pop(&w->path, mark);
        append(w, array, obj);
    }
    return array;
}

static json_t *interrelationships(writer *w, const np_interrelationships *r)
{
    if (!r->reports_to && !r->direct_reports && !r->indirect_reports && !r->text && r->line == 0)
        return json_null();
    json_t *obj = json_object();
    if (!obj) return NULL;
    FIELD(w, obj, "reports_to", str(w, r->reports_to));
    FIELD(w, obj, "direct_reports", str(w, r->direct_reports));
    FIELD(w, obj, "indirect_reports", str(w, r->indirect_reports));
    FIELD(w, obj, "text", str(w, r->text));
    FIELD(w, obj, "line", line(w, r->line));
    return obj;
}

static json_t *competencies(writer *w, const np_posting *p)
{
    json_t *array = json_array();
    if (!array) return NULL;
    for (size_t i = 0; i < p->competency_count; i++) {
        const np_competency *c = &p->competencies[i];
        const size_t mark = npj_path_index(&w->path, i);
        json_t *obj = json_object();
        if (obj) {
            FIELD(w, obj, "name", text(w, c->name));
            FIELD(w, obj, "descriptor", str(w, c->descriptor));
            FIELD(w, obj, "line", line(w, c->line));
        }
        npj_path_pop(&w->path, mark);
        append(w, array, obj);
    }
    return array;
}

static json_t *stanag(writer *w, const np_stanag_profile *s)
{
    json_t *obj = json_object();
    json_t *plus = json_array();
    if (!obj || !plus) {
        json_decref(obj);
        json_decref(plus);
        return NULL;
    }
    const int8_t levels[4] = {s->listening, s->speaking, s->reading, s->writing};
    for (int k = 0; k < 4; k++) FIELD(w, obj, npj_skill_names[k], count(w, levels[k], 0, NPJ_STANAG_MAX));
    const size_t mark = npj_path_key(&w->path, "plus");
    if (s->plus_mask & ~0x0Fu) fail(w, "plus_mask 0x%x has bits beyond the four skills", s->plus_mask);
    for (int k = 0; k < 4; k++) {
        if (!(s->plus_mask & (1u << k))) continue;
        if (levels[k] < 0) fail(w, "a \"+\" on %s, whose level is not stated", npj_skill_names[k]);
        append(w, plus, json_string(npj_skill_names[k]));
    }
    npj_path_pop(&w->path, mark);
    put(w, obj, "plus", plus);
    return obj;
}

/* The typed part of a requirement, {"<kind>": {...}}, or null for "other". */
static json_t *typed(writer *w, const np_requirement *r)
{
    if (r->kind == NP_REQ_OTHER) return json_null();
    json_t *obj = json_object();
    if (!obj) return NULL;
    const size_t mark = npj_path_key(&w->path, np_req_kind_name(r->kind));
    json_t *part = r->kind == NP_REQ_STANAG ? stanag(w, &r->as.stanag) : json_object();
    if (!part) goto done;
    switch (r->kind) {
    case NP_REQ_OTHER:
    case NP_REQ_STANAG: break;
    case NP_REQ_DEGREE:
        FIELD(w, part, "level", name(w, (int)r->as.degree.level, npj_degree_names, 3));
        put(w, part, "equivalent_accepted", json_boolean(r->as.degree.equivalent_accepted));
        break;
    case NP_REQ_EXPERIENCE:
        FIELD(w, part, "min_years", amount(w, r->as.experience.min_years, NPJ_YEARS_MAX));
        break;
    case NP_REQ_LANGUAGES: {
        const np_language_req *l = &r->as.languages;
        FIELD(w, part, "form", name(w, (int)l->form, npj_lang_form_names, 3));
        FIELD(w, part, "one", lang_level(w, l->one));
        FIELD(w, part, "other", lang_level(w, l->other));
        FIELD(w, part, "english", lang_level(w, l->english));
        FIELD(w, part, "french", lang_level(w, l->french));
        put(w, part, "or_higher", json_boolean(l->or_higher));
        break;
    }
    case NP_REQ_TRAVEL:
        FIELD(w, part, "percent", count(w, r->as.travel.percent, 0, NPJ_PERCENT_MAX));
        break;
    case NP_REQ_SOFTWARE: FIELD(w, part, "names", str(w, r->as.software.names)); break;
    case NP_REQ_NATIONALITY:
        put(w, part, "nato_member", json_boolean(r->as.nationality.nato_member));
        break;
    case NP_REQ_CLEARANCE:
        FIELD(w, part, "level", clearance(w, r->as.clearance.level));
        put(w, part, "atomal", json_boolean(r->as.clearance.atomal));
        break;
    }
done:
    npj_path_pop(&w->path, mark);
    put(w, obj, np_req_kind_name(r->kind), part);
    return obj;
}

static json_t *requirements(writer *w, const np_posting *p)
{
    json_t *array = json_array();
    if (!array) return NULL;
    for (size_t i = 0; i < p->requirement_count; i++) {
        const np_requirement *r = &p->requirements[i];
        const size_t mark = npj_path_index(&w->path, i);
        json_t *obj = json_object();
        if (obj && (r->kind < NP_REQ_OTHER || r->kind > NP_REQ_CLEARANCE)) {
            FIELD(w, obj, "kind", fail(w, "requirement kind %d is out of range (0..8)", (int)r->kind));
        } else if (obj) {
            put(w, obj, "kind", json_string(np_req_kind_name(r->kind)));
            put(w, obj, "essential", json_boolean(r->essential));
            FIELD(w, obj, "text", text(w, r->text));
            FIELD(w, obj, "line", line(w, r->line));
            FIELD(w, obj, "as", typed(w, r));
        }
        npj_path_pop(&w->path, mark);
        append(w, array, obj);
    }
    return array;
}

static json_t *contract(writer *w, const np_contract_terms *c)
{
    if (!c->stated && c->definite_months == -1 && c->renewal_months == -1 &&
        c->max_service_months == -1 && c->conversion_possible == NP_UNKNOWN &&
        !c->turnover_clause && !c->seconded_terms && c->seconded_max_months == -1 &&
        !c->twin_grade_note && !c->text && c->line == 0)
        return json_null();
    json_t *obj = json_object();
    if (!obj) return NULL;
    put(w, obj, "stated", json_boolean(c->stated));
    FIELD(w, obj, "definite_months", count(w, c->definite_months, 0, NPJ_MONTHS_MAX));
    FIELD(w, obj, "renewal_months", count(w, c->renewal_months, 0, NPJ_MONTHS_MAX));
    FIELD(w, obj, "max_service_months", count(w, c->max_service_months, 0, NPJ_MONTHS_MAX));
    FIELD(w, obj, "conversion_possible", tristate(w, c->conversion_possible));
    put(w, obj, "turnover_clause", json_boolean(c->turnover_clause));
    put(w, obj, "seconded_terms", json_boolean(c->seconded_terms));
    FIELD(w, obj, "seconded_max_months", count(w, c->seconded_max_months, 0, NPJ_MONTHS_MAX));
    put(w, obj, "twin_grade_note", json_boolean(c->twin_grade_note));
    FIELD(w, obj, "text", str(w, c->text));
    FIELD(w, obj, "line", line(w, c->line));
    return obj;
}

static json_t *lines(writer *w, const np_posting_lines *l)
{
    json_t *obj = json_object();
    if (!obj) return NULL;
    for (size_t i = 0; i < NPS_LINE_COUNT; i++)
        FIELD(w, obj, nps_line_fields[i].name, line(w, nps_line_value(l, &nps_line_fields[i])));
    return obj;
}

static json_t *diagnostics(writer *w, const np_posting *p)
{
    json_t *array = json_array();
    if (!array) return NULL;
    for (size_t i = 0; i < p->diagnostic_count; i++) {
        const np_diagnostic *d = &p->diagnostics[i];
        const size_t mark = npj_path_index(&w->path, i);
        json_t *obj = json_object();
        if (obj) {
            FIELD(w, obj, "severity", name(w, (int)d->severity, npj_severity_names, 3));
            FIELD(w, obj, "line", line(w, d->line));
            FIELD(w, obj, "field", str(w, d->field));
            FIELD(w, obj, "message", text(w, d->message));
        }
        npj_path_pop(&w->path, mark);
        append(w, array, obj);
    }
    return array;
}

/* Writes field `f` of `p` into `root`: the schema's kind says how. */
static void field(writer *w, json_t *root, const np_posting *p, const nps_field *f)
{
    const void *v = nps_cmember(p, f);
    switch (f->kind) {
    case NPS_STRING: FIELD(w, root, f->key, str(w, *(char *const *)v)); return;
    case NPS_SOURCE:
        if (p->source && !npj_valid_utf8(p->source)) {
            /* A file name in another encoding: readable, and exact beside it. */
            FIELD(w, root, f->key, owned_str(npj_utf8_display(p->source)));
            FIELD(w, root, "source_bytes", owned_str(npj_percent_encode(p->source)));
        } else {
            FIELD(w, root, f->key, str(w, p->source));
        }
        return;
    case NPS_LANGUAGE: FIELD(w, root, f->key, language(w, v)); return;
    case NPS_GRADE: FIELD(w, root, f->key, grade(w, *(const np_grade *)v)); return;
    case NPS_SALARY: FIELD(w, root, f->key, salary(w, v)); return;
    case NPS_DEADLINE: FIELD(w, root, f->key, deadline(w, v)); return;
    case NPS_DATE: FIELD(w, root, f->key, date(w, *(const np_date *)v)); return;
    case NPS_CLEARANCE: FIELD(w, root, f->key, clearance(w, *(const np_clearance *)v)); return;
    case NPS_BOOL: put(w, root, f->key, json_boolean(*(const bool *)v)); return;
    case NPS_TRISTATE: FIELD(w, root, f->key, tristate(w, *(const np_tristate *)v)); return;
    case NPS_ACCOUNTABILITIES: FIELD(w, root, f->key, accountabilities(w, p)); return;
    case NPS_INTERRELATIONSHIPS: FIELD(w, root, f->key, interrelationships(w, v)); return;
    case NPS_COMPETENCIES: FIELD(w, root, f->key, competencies(w, p)); return;
    case NPS_REQUIREMENTS: FIELD(w, root, f->key, requirements(w, p)); return;
    case NPS_CONTRACT: FIELD(w, root, f->key, contract(w, v)); return;
    case NPS_LINES: FIELD(w, root, f->key, lines(w, v)); return;
    case NPS_DIAGNOSTICS: FIELD(w, root, f->key, diagnostics(w, p)); return;
    }
    FIELD(w, root, f->key, fail(w, "field kind %d is unknown", (int)f->kind));
}

np_status npj_posting_value(json_t **out, const np_posting *p, int *digits, np_error *err)
{
    writer w = {err, NP_OK, {{0}, 0}, *digits};
    *out = NULL;
    json_t *root = json_object();
    if (!root) return np_error_set(err, NP_ENOMEM, "out of memory writing posting JSON");
    put(&w, root, "format", json_string(NP_POSTING_FORMAT));
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++) field(&w, root, p, &nps_fields[i]);
    if (w.st != NP_OK) {
        json_decref(root);
        return w.st;
    }
    *digits = w.digits;
    *out = root;
    return NP_OK;
}

np_status np_posting_to_json(char **out, const np_posting *posting, bool pretty, np_error *err)
{
    *out = NULL;
    if (!posting) return np_error_set(err, NP_EINVAL, "posting JSON: no posting (NULL)");
    int digits = 0;
    json_t *value;
    const np_status st = npj_posting_value(&value, posting, &digits, err);
    if (st != NP_OK) return st;
    char *text_out = npj_dump(value, (pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_PRESERVE_ORDER,
                              digits);
    json_decref(value);
    if (!text_out) return np_error_set(err, NP_ENOMEM, "out of memory writing posting JSON");
    *out = text_out;
    return NP_OK;
}
