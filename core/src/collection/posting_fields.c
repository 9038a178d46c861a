/* The query field table of postings: names, types, literal parsers, and the
 * getter that derives each field's value from an np_posting. */
#include "natopost/posting_fields.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/grade.h"
#include "natopost/scales.h"

/* ---- literal parsers ---- */

static np_status grade_literal(np_qvalue *out, const char *text, size_t len, np_error *err)
{
    np_grade g;
    const np_status st = np_grade_parse(&g, text, len, err);
    if (st != NP_OK) return st;
    if (np_grade_is_twin(g))
        return np_error_set(err, NP_EINVAL,
                            "a twin grade is not a single grade: compare grade (the lower end) "
                            "and grade.high separately");
    out->ordinal = g.low;
    return NP_OK;
}

static np_status level_literal(np_qvalue *out, const char *text, size_t len, np_error *err)
{
    np_lang_level level;
    const np_status st = np_lang_level_parse(&level, text, len, err);
    if (st == NP_OK) out->ordinal = (int32_t)level;
    return st;
}

static np_status clearance_literal(np_qvalue *out, const char *text, size_t len, np_error *err)
{
    np_clearance level;
    const np_status st = np_clearance_parse(&level, NULL, text, len, err);
    if (st == NP_OK) out->ordinal = (int32_t)level;
    return st;
}

static bool word_eq(const char *text, size_t len, const char *word)
{
    if (strlen(word) != len) return false;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != word[i]) return false;
    }
    return true;
}

static np_status degree_literal(np_qvalue *out, const char *text, size_t len, np_error *err)
{
    static const struct {
        const char *word;
        int level;
    } WORDS[] = {{"university", 1}, {"bachelor", 1}, {"degree", 1},      {"postgraduate", 2},
                 {"post-graduate", 2}, {"master", 2}, {"masters", 2}, {"phd", 2},
                 {"doctorate", 2}};
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++) {
        if (word_eq(text, len, WORDS[i].word)) {
            out->number = WORDS[i].level;
            return NP_OK;
        }
    }
    char buf[32];
    if (len > 0 && len < sizeof buf) {
        memcpy(buf, text, len);
        buf[len] = '\0';
        char *end;
        const double v = strtod(buf, &end);
        if (*end == '\0' && isfinite(v)) {
            out->number = v;
            return NP_OK;
        }
    }
    return np_error_set(err, NP_EINVAL,
                        "expected a degree level: 1 or university (bachelor), 2 or postgraduate "
                        "(master, phd)");
}

/* ---- the table ---- */

#define F(name, type, id, parse) {name, NP_QTYPE_##type, id, parse}

static const np_qfield FIELDS[NP_PF_COUNT] = {
    F("id", TEXT, NP_PF_ID, NULL),
    F("source", TEXT, NP_PF_SOURCE, NULL),
    F("language", TEXT, NP_PF_LANGUAGE, NULL),
    F("title", TEXT, NP_PF_TITLE, NULL),
    F("body", TEXT, NP_PF_BODY, NULL),
    F("location", TEXT, NP_PF_LOCATION, NULL),
    F("division", TEXT, NP_PF_DIVISION, NULL),
    F("directorate", TEXT, NP_PF_DIRECTORATE, NULL),
    F("section", TEXT, NP_PF_SECTION, NULL),
    F("requisition", TEXT, NP_PF_REQUISITION, NULL),
    F("reports_to", TEXT, NP_PF_REPORTS_TO, NULL),
    F("summary", TEXT, NP_PF_SUMMARY, NULL),
    F("grade", GRADE, NP_PF_GRADE, grade_literal),
    F("grade.high", GRADE, NP_PF_GRADE_HIGH, grade_literal),
    F("deadline", DATE, NP_PF_DEADLINE, NULL),
    F("published", DATE, NP_PF_PUBLISHED, NULL),
    F("updated", DATE, NP_PF_UPDATED, NULL),
    F("salary", NUMBER, NP_PF_SALARY, NULL),
    F("salary.currency", TEXT, NP_PF_SALARY_CURRENCY, NULL),
    F("salary.tax_free", BOOL, NP_PF_SALARY_TAX_FREE, NULL),
    F("clearance", CLEARANCE, NP_PF_CLEARANCE, clearance_literal),
    F("clearance.atomal", BOOL, NP_PF_CLEARANCE_ATOMAL, NULL),
    F("fast_track", BOOL, NP_PF_FAST_TRACK, NULL),
    F("twin_grade", BOOL, NP_PF_TWIN_GRADE, NULL),
    F("experience", NUMBER, NP_PF_EXPERIENCE, NULL),
    F("degree", NUMBER, NP_PF_DEGREE, degree_literal),
    F("travel", BOOL, NP_PF_TRAVEL, NULL),
    F("travel.percent", NUMBER, NP_PF_TRAVEL_PERCENT, NULL),
    F("lang.form", TEXT, NP_PF_LANG_FORM, NULL),
    F("lang.first", LEVEL, NP_PF_LANG_FIRST, level_literal),
    F("lang.second", LEVEL, NP_PF_LANG_SECOND, level_literal),
    F("lang.english", LEVEL, NP_PF_LANG_ENGLISH, level_literal),
    F("lang.french", LEVEL, NP_PF_LANG_FRENCH, level_literal),
    F("contract.months", NUMBER, NP_PF_CONTRACT_MONTHS, NULL),
    F("contract.renewal_months", NUMBER, NP_PF_CONTRACT_RENEWAL_MONTHS, NULL),
    F("contract.max_months", NUMBER, NP_PF_CONTRACT_MAX_MONTHS, NULL),
    F("contract.conversion", BOOL, NP_PF_CONTRACT_CONVERSION, NULL),
    F("competencies", NUMBER, NP_PF_COMPETENCIES, NULL),
    F("accountabilities", NUMBER, NP_PF_ACCOUNTABILITIES, NULL),
    F("requirements.essential", NUMBER, NP_PF_REQUIREMENTS_ESSENTIAL, NULL),
    F("requirements.desirable", NUMBER, NP_PF_REQUIREMENTS_DESIRABLE, NULL),
    F("diagnostics", NUMBER, NP_PF_DIAGNOSTICS, NULL),
};

#undef F

const np_qfield *np_posting_fields(size_t *count)
{
    if (count) *count = NP_PF_COUNT;
    return FIELDS;
}

const np_qfield *np_posting_field_find(const char *name)
{
    for (size_t i = 0; name && i < NP_PF_COUNT; i++)
        if (strcmp(FIELDS[i].name, name) == 0) return &FIELDS[i];
    return NULL;
}

/* ---- values ---- */

static void set_text(np_qvalue *out, const char *s)
{
    if (!s) return;
    out->is_null = false;
    out->text = s;
    out->text_len = strlen(s);
}

static void set_ordinal(np_qvalue *out, int32_t v, bool present)
{
    if (!present) return;
    out->is_null = false;
    out->ordinal = v;
}

static void set_number(np_qvalue *out, double v, bool present)
{
    /* NaN has no place in an order: it reads as "not stated". */
    if (!present || isnan(v)) return;
    out->is_null = false;
    out->number = v;
}

static void set_tristate(np_qvalue *out, np_tristate v)
{
    set_ordinal(out, v == NP_YES, v != NP_UNKNOWN);
}

static void set_date(np_qvalue *out, np_date d) { set_ordinal(out, d, d != NP_DATE_NONE); }

static const np_language_req *essential_languages(const np_posting *p)
{
    const np_requirement *r = np_posting_find_requirement(p, NP_REQ_LANGUAGES, true);
    return r ? &r->as.languages : NULL;
}

static int level_max(int a, int b) { return a > b ? a : b; }
static int level_min(int a, int b) { return a < b ? a : b; }

/* Levels of the essential language requirement for lang.* (0 = none). */
static void language_levels(const np_posting *p, int id, np_qvalue *out)
{
    const np_language_req *l = essential_languages(p);
    if (!l) return;
    int v = 0;
    switch (l->form) {
    case NP_LANG_EITHER_OR:
    case NP_LANG_BOTH: {
        const int hi = level_max((int)l->one, (int)l->other);
        const int lo = level_min((int)l->one, (int)l->other);
        if (id == NP_PF_LANG_FIRST) v = hi;
        else if (id == NP_PF_LANG_SECOND) v = lo;
        /* Either/or: which language carries the higher level is the
         * candidate's choice, so each language needs only the lower one. */
        else v = lo;
        break;
    }
    case NP_LANG_NAMED: {
        const int en = (int)l->english, fr = (int)l->french;
        if (id == NP_PF_LANG_ENGLISH) v = en;
        else if (id == NP_PF_LANG_FRENCH) v = fr;
        else if (id == NP_PF_LANG_FIRST) v = level_max(en, fr);
        else v = (en && fr) ? level_min(en, fr) : 0;
        break;
    }
    }
    set_ordinal(out, v, v >= NP_LEVEL_I && v <= NP_LEVEL_VI);
}

static const char *lang_form_name(np_lang_form form)
{
    switch (form) {
    case NP_LANG_EITHER_OR: return "either_or";
    case NP_LANG_BOTH: return "both";
    case NP_LANG_NAMED: return "named";
    }
    return NULL;
}

static void requirement_scan(const np_posting *p, int id, np_qvalue *out)
{
    double best = -1;
    size_t count = 0;
    bool found = false;
    for (size_t i = 0; i < p->requirement_count; i++) {
        const np_requirement *r = &p->requirements[i];
        switch (id) {
        case NP_PF_EXPERIENCE:
            if (r->kind == NP_REQ_EXPERIENCE && r->essential && r->as.experience.min_years >= 0 &&
                r->as.experience.min_years > best)
                best = r->as.experience.min_years, found = true;
            break;
        case NP_PF_DEGREE:
            if (r->kind == NP_REQ_DEGREE && r->essential && r->as.degree.level > NP_DEGREE_NONE &&
                (double)r->as.degree.level > best)
                best = (double)r->as.degree.level, found = true;
            break;
        case NP_PF_TRAVEL:
            if (r->kind == NP_REQ_TRAVEL) found = true;
            break;
        case NP_PF_TRAVEL_PERCENT:
            if (r->kind == NP_REQ_TRAVEL && r->as.travel.percent >= 0 && !found)
                best = r->as.travel.percent, found = true;
            break;
        case NP_PF_REQUIREMENTS_ESSENTIAL: count += r->essential; break;
        case NP_PF_REQUIREMENTS_DESIRABLE: count += !r->essential; break;
        default: break;
        }
    }
    /* A notice that names no travel has not said there is none: unknown. */
    if (id == NP_PF_TRAVEL) set_ordinal(out, 1, found);
    else if (id == NP_PF_REQUIREMENTS_ESSENTIAL || id == NP_PF_REQUIREMENTS_DESIRABLE)
        set_number(out, (double)count, true);
    else set_number(out, best, found);
}

static void required_clearance(const np_posting *p, np_clearance *level, bool *atomal)
{
    *level = p->clearance;
    *atomal = p->clearance_atomal;
    if (*level != NP_CLEARANCE_NONE) return;
    const np_requirement *r = np_posting_find_requirement(p, NP_REQ_CLEARANCE, true);
    if (r) {
        *level = r->as.clearance.level;
        *atomal = r->as.clearance.atomal;
    }
}

static void contract_number(const np_posting *p, int v, np_qvalue *out)
{
    set_number(out, v, p->contract.stated && v >= 0);
}

void np_posting_field_value(const np_posting *p, int id, np_qvalue *out)
{
    const np_qtype type = id >= 0 && id < NP_PF_COUNT ? FIELDS[id].type : NP_QTYPE_BOOL;
    *out = (np_qvalue){type, true, 0, 0, NULL, 0};
    if (!p) return;
    switch ((np_posting_field_id)id) {
    case NP_PF_ID: set_text(out, p->id); break;
    case NP_PF_SOURCE: set_text(out, p->source); break;
    case NP_PF_TITLE: set_text(out, p->title); break;
    case NP_PF_BODY: set_text(out, p->body); break;
    case NP_PF_LOCATION: set_text(out, p->location); break;
    case NP_PF_DIVISION: set_text(out, p->division); break;
    case NP_PF_DIRECTORATE: set_text(out, p->directorate); break;
    case NP_PF_SECTION: set_text(out, p->section); break;
    case NP_PF_REQUISITION: set_text(out, p->requisition); break;
    case NP_PF_REPORTS_TO: set_text(out, p->interrelationships.reports_to); break;
    case NP_PF_SUMMARY: set_text(out, p->summary); break;
    case NP_PF_GRADE: set_ordinal(out, p->grade.low, np_grade_is_known(p->grade)); break;
    case NP_PF_GRADE_HIGH:
        set_ordinal(out, p->grade.high > p->grade.low ? p->grade.high : p->grade.low,
                    np_grade_is_known(p->grade));
        break;
    case NP_PF_DEADLINE: set_date(out, p->deadline.date); break;
    case NP_PF_PUBLISHED: set_date(out, p->published); break;
    case NP_PF_UPDATED: set_date(out, p->updated); break;
    case NP_PF_SALARY: set_number(out, p->salary.amount, p->salary.amount >= 0); break;
    case NP_PF_SALARY_CURRENCY:
        if (p->salary.currency[0]) {
            out->is_null = false;
            out->text = p->salary.currency;
            const char *end = memchr(p->salary.currency, '\0', sizeof p->salary.currency);
            out->text_len = end ? (size_t)(end - p->salary.currency) : sizeof p->salary.currency;
        }
        break;
    case NP_PF_SALARY_TAX_FREE: set_tristate(out, p->salary.tax_free); break;
    case NP_PF_CLEARANCE:
    case NP_PF_CLEARANCE_ATOMAL: {
        np_clearance level;
        bool atomal;
        required_clearance(p, &level, &atomal);
        const bool known = level >= NP_CLEARANCE_NR && level <= NP_CLEARANCE_CTS;
        set_ordinal(out, id == NP_PF_CLEARANCE ? (int32_t)level : (int32_t)atomal, known);
        break;
    }
    case NP_PF_FAST_TRACK: set_tristate(out, p->fast_track); break;
    case NP_PF_LANGUAGE: set_text(out, p->language[0] ? p->language : NULL); break;
    case NP_PF_TWIN_GRADE:
        set_ordinal(out, np_grade_is_twin(p->grade) || p->contract.twin_grade_note, true);
        break;
    case NP_PF_EXPERIENCE:
    case NP_PF_DEGREE:
    case NP_PF_TRAVEL:
    case NP_PF_TRAVEL_PERCENT:
    case NP_PF_REQUIREMENTS_ESSENTIAL:
    case NP_PF_REQUIREMENTS_DESIRABLE: requirement_scan(p, id, out); break;
    case NP_PF_LANG_FORM: {
        const np_language_req *l = essential_languages(p);
        if (l) set_text(out, lang_form_name(l->form));
        break;
    }
    case NP_PF_LANG_FIRST:
    case NP_PF_LANG_SECOND:
    case NP_PF_LANG_ENGLISH:
    case NP_PF_LANG_FRENCH: language_levels(p, id, out); break;
    case NP_PF_CONTRACT_MONTHS: contract_number(p, p->contract.definite_months, out); break;
    case NP_PF_CONTRACT_RENEWAL_MONTHS: contract_number(p, p->contract.renewal_months, out); break;
    case NP_PF_CONTRACT_MAX_MONTHS: contract_number(p, p->contract.max_service_months, out); break;
    case NP_PF_CONTRACT_CONVERSION:
        set_ordinal(out, p->contract.conversion_possible == NP_YES,
                    p->contract.stated && p->contract.conversion_possible != NP_UNKNOWN);
        break;
    case NP_PF_COMPETENCIES: set_number(out, (double)p->competency_count, true); break;
    case NP_PF_ACCOUNTABILITIES: set_number(out, (double)p->accountability_count, true); break;
    case NP_PF_DIAGNOSTICS: set_number(out, (double)p->diagnostic_count, true); break;
    case NP_PF_COUNT:
    case NP_PF_ELIGIBLE: break;
    }
}

void np_posting_field_get(const void *posting, const np_qfield *field, np_qvalue *out)
{
    np_posting_field_value(posting, field->id, out);
    out->type = field->type;
}

/* ---- formatting ---- */

static size_t put(char *buf, size_t size, const char *s, size_t len)
{
    if (size) {
        const size_t n = len < size - 1 ? len : size - 1;
        if (n) memcpy(buf, s, n);
        buf[n] = '\0';
    }
    return len;
}

size_t np_posting_field_format(const np_qvalue *v, char *buf, size_t size)
{
    char tmp[40];
    if (v->is_null) return put(buf, size, "", 0);
    switch (v->type) {
    case NP_QTYPE_TEXT: return put(buf, size, v->text ? v->text : "", v->text ? v->text_len : 0);
    case NP_QTYPE_NUMBER: {
        int n = snprintf(tmp, sizeof tmp, "%.15g", v->number);
        if (strtod(tmp, NULL) != v->number) n = snprintf(tmp, sizeof tmp, "%.17g", v->number);
        return put(buf, size, tmp, (size_t)n);
    }
    case NP_QTYPE_DATE:
        if (!np_date_in_range(v->ordinal)) return put(buf, size, "", 0);
        return put(buf, size, tmp, np_date_format(v->ordinal, tmp));
    case NP_QTYPE_GRADE: {
        const int n = snprintf(tmp, sizeof tmp, "G%d", (int)v->ordinal);
        return put(buf, size, tmp, (size_t)n);
    }
    case NP_QTYPE_LEVEL: {
        const char *s = np_lang_level_numeral((np_lang_level)v->ordinal);
        return put(buf, size, s, strlen(s));
    }
    case NP_QTYPE_CLEARANCE: {
        const char *s = np_clearance_abbrev((np_clearance)v->ordinal);
        return put(buf, size, s, strlen(s));
    }
    case NP_QTYPE_BOOL: return v->ordinal ? put(buf, size, "true", 4) : put(buf, size, "false", 5);
    }
    return put(buf, size, "", 0);
}
