/* The natopost JSON form of a posting (docs/posting-json.md): the writer.
 *
 * The posting's members are written in the schema's order
 * (model/posting_schema.h). Every value the posting does not state is
 * written as null; a value that
 * is neither "not stated" nor inside the form's range (an amount of -2, a
 * 25:00 deadline, a grade whose text does not read back) is an error naming
 * its path, so that whatever is written reads back equal.
 *
 * One walk of the posting feeds one of two outputs (issue 17, item 5): JSON
 * text straight into a buffer (np_posting_to_json and lists: no tree to
 * build and free, which was most of the writer's time), or a jansson tree
 * (npj_posting_value, for the hosts' records). The text is what json_dumps
 * writes of the tree (compact, or JSON_INDENT(2)), but for reals: each is
 * written with the fewest digits that read it back, where json_dumps uses
 * the most that any real of the document needs. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/posting_schema.h"
#include "formats/posting_json_internal.h"
#include "support/json_write.h"

/* Containers open at once: the form nests 6 deep at most
 * (root, requirements, [i], as, stanag, plus), a list adds one. */
enum { MAX_DEPTH = 8 };

typedef struct writer {
    np_error *err;
    np_status st; /* the first error; later ones are not reported */
    npj_path path;
    int digits;      /* tree: real precision the document needs */
    int depth;       /* containers open */
    bool after_key;  /* the next value follows its key (or starts the text) */
    const char *key; /* tree: the key of the next value in an object */
    /* text output, when `text` is set */
    npi_strbuf *text;
    int indent;                /* 2 for pretty text, 0 for compact */
    bool empty[MAX_DEPTH + 1]; /* the container open at that depth has no item yet */
    /* tree output: the container open at each depth (NULL after running out
     * of memory); open[0] the root */
    json_t *open[MAX_DEPTH + 1];
} writer;

static void fail(writer *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void fail(writer *w, const char *fmt, ...)
{
    if (w->st != NP_OK) return;
    char message[NP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    w->st = np_error_set(w->err, NP_EINVAL, "posting JSON: cannot write %s: %s",
                         npj_path_text(&w->path), message);
}

static void out_of_memory(writer *w)
{
    if (w->st == NP_OK) w->st = np_error_set(w->err, NP_ENOMEM, "out of memory writing posting JSON");
}

/* ---- the two outputs ------------------------------------------------------------ */

/* Text: a newline and the indentation of `depth`, when pretty. */
static void newline(writer *w, int depth)
{
    static const char spaces[2 * MAX_DEPTH + 1] = "                ";
    if (!w->indent) return;
    npi_strbuf_append(w->text, "\n", 1);
    npi_strbuf_append(w->text, spaces, (size_t)depth * (size_t)w->indent);
}

/* Text: the separator before an item (a key, or a value in an array). */
static void before_item(writer *w)
{
    if (!w->empty[w->depth]) npi_strbuf_append(w->text, ",", 1);
    w->empty[w->depth] = false;
    newline(w, w->depth);
}

/* Tree: attaches v (stolen) to the open container, under w->key in an
 * object; NULL v means out of memory. False when not attached (v freed). */
static bool attach(writer *w, json_t *v)
{
    json_t *parent = w->open[w->depth];
    const char *k = w->key;
    w->key = NULL;
    if (!parent) { /* out of memory already */
        json_decref(v);
        return false;
    }
    if (!v || (json_is_object(parent) ? json_object_set_new(parent, k, v)
                                      : json_array_append_new(parent, v)) != 0) {
        out_of_memory(w);
        return false;
    }
    return true;
}

/* Text: the start of a value. */
static void before_value(writer *w)
{
    if (w->after_key) w->after_key = false;
    else before_item(w);
}

static void put_key(writer *w, const char *k)
{
    if (w->text) {
        before_item(w);
        npi_json_write_string(w->text, k, strlen(k));
        npi_strbuf_append(w->text, w->indent ? ": " : ":", w->indent ? 2 : 1);
        w->after_key = true;
    } else {
        w->key = k;
    }
}

static void put_text(writer *w, const char *s, size_t len)
{
    if (w->text) {
        before_value(w);
        npi_json_write_string(w->text, s, len);
    } else {
        attach(w, json_stringn_nocheck(s, len));
    }
}

/* A JSON literal: "null", "true" or "false". */
static void put_literal(writer *w, const char *word, json_t *(*make)(void))
{
    if (w->text) {
        before_value(w);
        npi_strbuf_puts(w->text, word);
    } else {
        attach(w, make());
    }
}

static json_t *make_null(void) { return json_null(); }
static json_t *make_true(void) { return json_true(); }
static json_t *make_false(void) { return json_false(); }

static void put_null(writer *w) { put_literal(w, "null", make_null); }
static void put_bool(writer *w, bool b) { put_literal(w, b ? "true" : "false", b ? make_true : make_false); }

static void put_int(writer *w, long long n)
{
    if (w->text) {
        char buf[24];
        before_value(w);
        npi_strbuf_append(w->text, buf, (size_t)snprintf(buf, sizeof buf, "%lld", n));
    } else {
        attach(w, json_integer((json_int_t)n));
    }
}

/* A number: an integer when `v` is integral, else the real (npj_number). */
static void put_number(writer *w, double v)
{
    if (!w->text) {
        attach(w, npj_number(v, &w->digits));
    } else if (npj_is_exact_integer(v)) {
        put_int(w, (long long)v);
    } else {
        before_value(w);
        npi_json_write_real(w->text, v, npj_real_digits(v));
    }
}

static void open_container(writer *w, bool object)
{
    if (w->depth == MAX_DEPTH) { /* cannot happen: the form's depth is fixed */
        fail(w, "nested deeper than %d", MAX_DEPTH);
        return;
    }
    json_t *c = NULL;
    if (w->text) {
        before_value(w);
        npi_strbuf_append(w->text, object ? "{" : "[", 1);
    } else {
        c = object ? json_object() : json_array();
        if (!attach(w, c)) c = NULL; /* the parent owns c; open[] borrows it */
    }
    w->depth++;
    w->empty[w->depth] = true;
    w->open[w->depth] = c;
}

static void close_container(writer *w, bool object)
{
    if (w->depth == 0) return; /* after a failed open_container */
    if (w->text) {
        if (!w->empty[w->depth]) newline(w, w->depth - 1);
        npi_strbuf_append(w->text, object ? "}" : "]", 1);
    }
    w->depth--;
}

#define OPEN_OBJECT(w) open_container(w, true)
#define CLOSE_OBJECT(w) close_container(w, true)
#define OPEN_ARRAY(w) open_container(w, false)
#define CLOSE_ARRAY(w) close_container(w, false)

/* The member `k` of the open object, whose value `stmt` writes with `k` on
 * the path. */
#define FIELD(w, k, stmt)                                    \
    do {                                                     \
        const size_t mark_ = npj_path_key(&(w)->path, k);    \
        put_key(w, k);                                       \
        stmt;                                                \
        npj_path_pop(&(w)->path, mark_);                     \
    } while (0)

/* ---- scalar values ----------------------------------------------------------- */

static void str(writer *w, const char *s)
{
    if (!s) {
        put_null(w);
        return;
    }
    if (!npj_valid_utf8(s)) {
        fail(w, "the text is not valid UTF-8");
        return;
    }
    put_text(w, s, strlen(s));
}

/* A malloc'd string, which it frees; NULL: out of memory. */
static void owned_str(writer *w, char *s)
{
    if (!s) out_of_memory(w);
    else put_text(w, s, strlen(s));
    free(s);
}

/* A string the model says is never NULL. */
static void text(writer *w, const char *s)
{
    if (!s) fail(w, "NULL where the model requires a string");
    else str(w, s);
}

static void line(writer *w, int v)
{
    if (v < 0) fail(w, "line %d is negative (0 = not from the text)", v);
    else put_int(w, v);
}

/* -1 = not stated (null), else lo..hi. */
static void count(writer *w, int v, int lo, int hi)
{
    if (v == -1) put_null(w);
    else if (v < lo || v > hi) fail(w, "%d is out of range (%d..%d, or -1 for not stated)", v, lo, hi);
    else put_int(w, v);
}

/* -1 = not stated (null), else 0..max. */
static void amount(writer *w, double v, double max)
{
    if (v == -1) put_null(w);
    else if (!(v >= 0 && v <= max)) fail(w, "%g is out of range (0..%g, or -1 for not stated)", v, max);
    else put_number(w, v);
}

static void date(writer *w, np_date d)
{
    if (d == NP_DATE_NONE) {
        put_null(w);
    } else if (!np_date_in_range(d)) {
        fail(w, "day number %ld is outside 0001-01-01..9999-12-31", (long)d);
    } else {
        char buf[NP_DATE_ISO_LEN + 1];
        np_date_format(d, buf);
        put_text(w, buf, strlen(buf));
    }
}

static void time_of_day(writer *w, int minute)
{
    if (minute == -1) {
        put_null(w);
    } else if (minute < 0 || minute > NPJ_MINUTE_MAX) {
        fail(w, "minute %d is out of range (0..%d, or -1 for no time)", minute, NPJ_MINUTE_MAX);
    } else {
        const char buf[5] = {(char)('0' + minute / 600), (char)('0' + minute / 60 % 10), ':',
                             (char)('0' + minute % 60 / 10), (char)('0' + minute % 10)};
        put_text(w, buf, sizeof buf);
    }
}

/* A name of the form's lists (static storage, ASCII). */
static void put_name(writer *w, const char *s) { put_text(w, s, strlen(s)); }

/* names[v] for 0 <= v < n; a NULL name is written as null. */
static void name(writer *w, int v, const char *const *names, int n)
{
    if (v < 0 || v >= n) fail(w, "value %d is out of range (0..%d)", v, n - 1);
    else if (names[v]) put_name(w, names[v]);
    else put_null(w);
}

static void clearance(writer *w, np_clearance level)
{
    if (level == NP_CLEARANCE_NONE) put_null(w);
    else if (level < NP_CLEARANCE_NR || level > NP_CLEARANCE_CTS)
        fail(w, "clearance %d is out of range (0..4)", (int)level);
    else put_name(w, np_clearance_name(level));
}

static void lang_level(writer *w, np_lang_level level)
{
    if (level == NP_LEVEL_NONE) put_null(w);
    else if (level < NP_LEVEL_I || level > NP_LEVEL_VI)
        fail(w, "language level %d is out of range (0..6)", (int)level);
    else put_name(w, np_lang_level_numeral(level));
}

static void tristate(writer *w, np_tristate v)
{
    switch (v) {
    case NP_UNKNOWN: put_null(w); return;
    case NP_NO: put_bool(w, false); return;
    case NP_YES: put_bool(w, true); return;
    }
    fail(w, "value %d is not -1, 0 or 1", (int)v);
}

/* ---- objects ------------------------------------------------------------------- */

static void grade(writer *w, np_grade g)
{
    if (!np_grade_is_known(g)) {
        if (g.high || g.category) fail(w, "an unknown grade (low 0) must have high 0 and no category");
        else put_null(w);
        return;
    }
    char buf[NP_GRADE_TEXT_MAX];
    const size_t n = np_grade_format(g, buf);
    np_grade back;
    if (np_grade_parse(&back, buf, n, NULL) != NP_OK || back.low != g.low ||
        back.high != g.high || back.category != g.category) {
        fail(w, "grade (low %d, high %d, category %d) has no text that reads back", g.low, g.high,
             g.category);
        return;
    }
    OPEN_OBJECT(w);
    put_key(w, "text");
    put_text(w, buf, n);
    put_key(w, "low");
    put_int(w, g.low);
    put_key(w, "high");
    put_int(w, g.high);
    CLOSE_OBJECT(w);
}

static void currency(writer *w, const char c[4])
{
    if (c[0] == '\0') {
        put_null(w);
        return;
    }
    for (int i = 0; i < 3; i++)
        if (c[i] < 'A' || c[i] > 'Z') {
            fail(w, "a currency is three upper-case letters (ISO 4217) or empty");
            return;
        }
    if (c[3] != '\0') fail(w, "a currency is three upper-case letters (ISO 4217) or empty");
    else put_text(w, c, 3);
}

static void language(writer *w, const char c[3])
{
    if (c[0] == '\0') put_null(w);
    else if (!np_posting_language_known(c)) fail(w, "a language is \"en\", \"fr\" or empty");
    else put_text(w, c, 2);
}

static void salary(writer *w, const np_salary *s)
{
    if (s->amount == -1 && s->currency[0] == '\0' && !s->basis && s->tax_free == NP_UNKNOWN) {
        put_null(w);
        return;
    }
    OPEN_OBJECT(w);
    FIELD(w, "amount", amount(w, s->amount, NPJ_AMOUNT_MAX));
    FIELD(w, "currency", currency(w, s->currency));
    FIELD(w, "basis", str(w, s->basis));
    FIELD(w, "tax_free", tristate(w, s->tax_free));
    CLOSE_OBJECT(w);
}

static void deadline(writer *w, const np_deadline *d)
{
    if (d->date == NP_DATE_NONE && d->minute == -1) {
        put_null(w);
        return;
    }
    OPEN_OBJECT(w);
    FIELD(w, "date", date(w, d->date));
    FIELD(w, "time", time_of_day(w, d->minute));
    CLOSE_OBJECT(w);
}

static void accountabilities(writer *w, const np_posting *p)
{
    OPEN_ARRAY(w);
    for (size_t i = 0; i < p->accountability_count; i++) {
        const np_accountability *a = &p->accountabilities[i];
        const size_t mark = npj_path_index(&w->path, i);
        OPEN_OBJECT(w);
        FIELD(w, "heading", str(w, a->heading));
        FIELD(w, "text", text(w, a->text));
        FIELD(w, "line", line(w, a->line));
        CLOSE_OBJECT(w);
        npj_path_pop(&w->path, mark);
    }
    CLOSE_ARRAY(w);
}

static void interrelationships(writer *w, const np_interrelationships *r)
{
    if (!r->reports_to && !r->direct_reports && !r->indirect_reports && !r->text && r->line == 0) {
        put_null(w);
        return;
    }
    OPEN_OBJECT(w);
    FIELD(w, "reports_to", str(w, r->reports_to));
    FIELD(w, "direct_reports", str(w, r->direct_reports));
    FIELD(w, "indirect_reports", str(w, r->indirect_reports));
    FIELD(w, "text", str(w, r->text));
    FIELD(w, "line", line(w, r->line));
    CLOSE_OBJECT(w);
}

static void competencies(writer *w, const np_posting *p)
{
    OPEN_ARRAY(w);
    for (size_t i = 0; i < p->competency_count; i++) {
        const np_competency *c = &p->competencies[i];
        const size_t mark = npj_path_index(&w->path, i);
        OPEN_OBJECT(w);
        FIELD(w, "name", text(w, c->name));
        FIELD(w, "descriptor", str(w, c->descriptor));
        FIELD(w, "line", line(w, c->line));
        CLOSE_OBJECT(w);
        npj_path_pop(&w->path, mark);
    }
    CLOSE_ARRAY(w);
}

static void stanag(writer *w, const np_stanag_profile *s)
{
    OPEN_OBJECT(w);
    const int8_t levels[4] = {s->listening, s->speaking, s->reading, s->writing};
    for (int k = 0; k < 4; k++) FIELD(w, npj_skill_names[k], count(w, levels[k], 0, NPJ_STANAG_MAX));
    const size_t mark = npj_path_key(&w->path, "plus");
    put_key(w, "plus");
    OPEN_ARRAY(w);
    if (s->plus_mask & ~0x0Fu) fail(w, "plus_mask 0x%x has bits beyond the four skills", s->plus_mask);
    for (int k = 0; k < 4; k++) {
        if (!(s->plus_mask & (1u << k))) continue;
        if (levels[k] < 0) fail(w, "a \"+\" on %s, whose level is not stated", npj_skill_names[k]);
        put_name(w, npj_skill_names[k]);
    }
    CLOSE_ARRAY(w);
    npj_path_pop(&w->path, mark);
    CLOSE_OBJECT(w);
}

/* The typed part of a requirement, {"<kind>": {...}}, or null for "other". */
static void typed(writer *w, const np_requirement *r)
{
    if (r->kind == NP_REQ_OTHER) {
        put_null(w);
        return;
    }
    OPEN_OBJECT(w);
    const char *kind = np_req_kind_name(r->kind);
    const size_t mark = npj_path_key(&w->path, kind);
    put_key(w, kind);
    if (r->kind == NP_REQ_STANAG) stanag(w, &r->as.stanag);
    else OPEN_OBJECT(w);
    switch (r->kind) {
    case NP_REQ_OTHER:
    case NP_REQ_STANAG: break;
    case NP_REQ_DEGREE:
        FIELD(w, "level", name(w, (int)r->as.degree.level, npj_degree_names, 3));
        put_key(w, "equivalent_accepted");
        put_bool(w, r->as.degree.equivalent_accepted);
        break;
    case NP_REQ_EXPERIENCE:
        FIELD(w, "min_years", amount(w, r->as.experience.min_years, NPJ_YEARS_MAX));
        break;
    case NP_REQ_LANGUAGES: {
        const np_language_req *l = &r->as.languages;
        FIELD(w, "form", name(w, (int)l->form, npj_lang_form_names, 3));
        FIELD(w, "one", lang_level(w, l->one));
        FIELD(w, "other", lang_level(w, l->other));
        FIELD(w, "english", lang_level(w, l->english));
        FIELD(w, "french", lang_level(w, l->french));
        put_key(w, "or_higher");
        put_bool(w, l->or_higher);
        break;
    }
    case NP_REQ_TRAVEL:
        FIELD(w, "percent", count(w, r->as.travel.percent, 0, NPJ_PERCENT_MAX));
        break;
    case NP_REQ_SOFTWARE: FIELD(w, "names", str(w, r->as.software.names)); break;
    case NP_REQ_NATIONALITY:
        put_key(w, "nato_member");
        put_bool(w, r->as.nationality.nato_member);
        break;
    case NP_REQ_CLEARANCE:
        FIELD(w, "level", clearance(w, r->as.clearance.level));
        put_key(w, "atomal");
        put_bool(w, r->as.clearance.atomal);
        break;
    }
    if (r->kind != NP_REQ_STANAG) CLOSE_OBJECT(w);
    npj_path_pop(&w->path, mark);
    CLOSE_OBJECT(w);
}

static void requirements(writer *w, const np_posting *p)
{
    OPEN_ARRAY(w);
    for (size_t i = 0; i < p->requirement_count; i++) {
        const np_requirement *r = &p->requirements[i];
        const size_t mark = npj_path_index(&w->path, i);
        OPEN_OBJECT(w);
        if (r->kind < NP_REQ_OTHER || r->kind > NP_REQ_CLEARANCE) {
            FIELD(w, "kind", fail(w, "requirement kind %d is out of range (0..8)", (int)r->kind));
        } else {
            put_key(w, "kind");
            put_name(w, np_req_kind_name(r->kind));
            put_key(w, "essential");
            put_bool(w, r->essential);
            FIELD(w, "text", text(w, r->text));
            FIELD(w, "line", line(w, r->line));
            FIELD(w, "as", typed(w, r));
        }
        CLOSE_OBJECT(w);
        npj_path_pop(&w->path, mark);
    }
    CLOSE_ARRAY(w);
}

static void contract(writer *w, const np_contract_terms *c)
{
    if (!c->stated && c->definite_months == -1 && c->renewal_months == -1 &&
        c->max_service_months == -1 && c->conversion_possible == NP_UNKNOWN &&
        !c->turnover_clause && !c->seconded_terms && c->seconded_max_months == -1 &&
        !c->twin_grade_note && !c->text && c->line == 0) {
        put_null(w);
        return;
    }
    OPEN_OBJECT(w);
    put_key(w, "stated");
    put_bool(w, c->stated);
    FIELD(w, "definite_months", count(w, c->definite_months, 0, NPJ_MONTHS_MAX));
    FIELD(w, "renewal_months", count(w, c->renewal_months, 0, NPJ_MONTHS_MAX));
    FIELD(w, "max_service_months", count(w, c->max_service_months, 0, NPJ_MONTHS_MAX));
    FIELD(w, "conversion_possible", tristate(w, c->conversion_possible));
    put_key(w, "turnover_clause");
    put_bool(w, c->turnover_clause);
    put_key(w, "seconded_terms");
    put_bool(w, c->seconded_terms);
    FIELD(w, "seconded_max_months", count(w, c->seconded_max_months, 0, NPJ_MONTHS_MAX));
    put_key(w, "twin_grade_note");
    put_bool(w, c->twin_grade_note);
    FIELD(w, "text", str(w, c->text));
    FIELD(w, "line", line(w, c->line));
    CLOSE_OBJECT(w);
}

static void lines(writer *w, const np_posting_lines *l)
{
    OPEN_OBJECT(w);
    for (size_t i = 0; i < NPS_LINE_COUNT; i++)
        FIELD(w, nps_line_fields[i].name, line(w, nps_line_value(l, &nps_line_fields[i])));
    CLOSE_OBJECT(w);
}

static void diagnostics(writer *w, const np_posting *p)
{
    OPEN_ARRAY(w);
    for (size_t i = 0; i < p->diagnostic_count; i++) {
        const np_diagnostic *d = &p->diagnostics[i];
        const size_t mark = npj_path_index(&w->path, i);
        OPEN_OBJECT(w);
        FIELD(w, "severity", name(w, (int)d->severity, npj_severity_names, 3));
        FIELD(w, "line", line(w, d->line));
        FIELD(w, "field", str(w, d->field));
        FIELD(w, "message", text(w, d->message));
        CLOSE_OBJECT(w);
        npj_path_pop(&w->path, mark);
    }
    CLOSE_ARRAY(w);
}

/* Writes field `f` of `p` as a member of the open (root) object: the
 * schema's kind says how. */
static void field(writer *w, const np_posting *p, const nps_field *f)
{
    const void *v = nps_cmember(p, f);
    switch (f->kind) {
    case NPS_STRING: FIELD(w, f->key, str(w, *(char *const *)v)); return;
    case NPS_SOURCE:
        if (p->source && !npj_valid_utf8(p->source)) {
            /* A file name in another encoding: readable, and exact beside it. */
            FIELD(w, f->key, owned_str(w, npj_utf8_display(p->source)));
            FIELD(w, "source_bytes", owned_str(w, npj_percent_encode(p->source)));
        } else {
            FIELD(w, f->key, str(w, p->source));
        }
        return;
    case NPS_LANGUAGE: FIELD(w, f->key, language(w, v)); return;
    case NPS_GRADE: FIELD(w, f->key, grade(w, *(const np_grade *)v)); return;
    case NPS_SALARY: FIELD(w, f->key, salary(w, v)); return;
    case NPS_DEADLINE: FIELD(w, f->key, deadline(w, v)); return;
    case NPS_DATE: FIELD(w, f->key, date(w, *(const np_date *)v)); return;
    case NPS_CLEARANCE: FIELD(w, f->key, clearance(w, *(const np_clearance *)v)); return;
    case NPS_BOOL: FIELD(w, f->key, put_bool(w, *(const bool *)v)); return;
    case NPS_TRISTATE: FIELD(w, f->key, tristate(w, *(const np_tristate *)v)); return;
    case NPS_ACCOUNTABILITIES: FIELD(w, f->key, accountabilities(w, p)); return;
    case NPS_INTERRELATIONSHIPS: FIELD(w, f->key, interrelationships(w, v)); return;
    case NPS_COMPETENCIES: FIELD(w, f->key, competencies(w, p)); return;
    case NPS_REQUIREMENTS: FIELD(w, f->key, requirements(w, p)); return;
    case NPS_CONTRACT: FIELD(w, f->key, contract(w, v)); return;
    case NPS_LINES: FIELD(w, f->key, lines(w, v)); return;
    case NPS_DIAGNOSTICS: FIELD(w, f->key, diagnostics(w, p)); return;
    }
    FIELD(w, f->key, fail(w, "field kind %d is unknown", (int)f->kind));
}

/* The members of the posting, into the open root object. */
static void posting_members(writer *w, const np_posting *p)
{
    put_key(w, "format");
    put_name(w, NP_POSTING_FORMAT);
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++) field(w, p, &nps_fields[i]);
}

np_status npj_posting_value(json_t **out, const np_posting *p, int *digits, np_error *err)
{
    *out = NULL;
    json_t *root = json_object();
    if (!root) return np_error_set(err, NP_ENOMEM, "out of memory writing posting JSON");
    writer w = {.err = err, .st = NP_OK, .digits = *digits};
    w.open[0] = root;
    posting_members(&w, p);
    if (w.st != NP_OK) {
        json_decref(root);
        return w.st;
    }
    *digits = w.digits;
    *out = root;
    return NP_OK;
}

np_status npj_posting_write(npi_strbuf *sb, const np_posting *p, bool pretty, int depth,
                            np_error *err)
{
    const size_t start = sb->len;
    writer w = {.err = err, .st = NP_OK, .depth = depth, .after_key = true, .text = sb,
                .indent = pretty ? 2 : 0};
    OPEN_OBJECT(&w);
    posting_members(&w, p);
    CLOSE_OBJECT(&w);
    if (w.st == NP_OK && sb->failed) out_of_memory(&w);
    if (w.st != NP_OK && !sb->failed) { /* nothing of this posting stays */
        sb->len = start;
        if (sb->data) sb->data[start] = '\0';
    }
    return w.st;
}

np_status np_posting_to_json(char **out, const np_posting *posting, bool pretty, np_error *err)
{
    *out = NULL;
    if (!posting) return np_error_set(err, NP_EINVAL, "posting JSON: no posting (NULL)");
    npi_strbuf sb = NP_STRBUF_INIT;
    const np_status st = npj_posting_write(&sb, posting, pretty, 0, err);
    if (st != NP_OK) {
        npi_strbuf_reset(&sb);
        return st;
    }
    *out = npi_strbuf_take(&sb);
    if (!*out) return np_error_set(err, NP_ENOMEM, "out of memory writing posting JSON");
    return NP_OK;
}
