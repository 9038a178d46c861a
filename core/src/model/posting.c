/* The posting record: construction, ownership, deep copy, equality. */
#include "natopost/posting.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_quote.h"

static char *copy_bytes(const char *text, size_t len)
{
    if (len == SIZE_MAX) return NULL;
    char *s = malloc(len + 1);
    if (!s) return NULL;
    if (len) memcpy(s, text, len);
    s[len] = '\0';
    return s;
}

/* NULL stays NULL; *failed is set if a copy fails. */
static char *copy_string(const char *s, bool *failed)
{
    if (!s) return NULL;
    char *c = copy_bytes(s, strlen(s));
    if (!c) *failed = true;
    return c;
}

static np_status out_of_memory(np_error *err)
{
    return np_error_set(err, NP_ENOMEM, "out of memory");
}

bool np_posting_language_known(const char *code)
{
    return code && (strcmp(code, "en") == 0 || strcmp(code, "fr") == 0);
}

np_posting *np_posting_new(void)
{
    np_posting *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->salary.amount = -1;
    p->deadline.date = NP_DATE_NONE;
    p->deadline.minute = -1;
    p->published = NP_DATE_NONE;
    p->updated = NP_DATE_NONE;
    p->contract.definite_months = -1;
    p->contract.renewal_months = -1;
    p->contract.max_service_months = -1;
    p->contract.seconded_max_months = -1;
    p->contract.conversion_possible = NP_UNKNOWN;
    p->salary.tax_free = NP_UNKNOWN;
    p->fast_track = NP_UNKNOWN;
    return p;
}

static void clear_interrelationships(np_interrelationships *r)
{
    free(r->reports_to);
    free(r->direct_reports);
    free(r->indirect_reports);
    free(r->text);
}

void np_posting_free(np_posting *p)
{
    if (!p) return;
    free(p->id);
    free(p->source);
    free(p->title);
    free(p->body);
    free(p->location);
    free(p->division);
    free(p->directorate);
    free(p->section);
    free(p->grade_text);
    free(p->salary.basis);
    free(p->requisition);
    free(p->summary);
    for (size_t i = 0; i < p->accountability_count; i++) {
        free(p->accountabilities[i].heading);
        free(p->accountabilities[i].text);
    }
    free(p->accountabilities);
    clear_interrelationships(&p->interrelationships);
    for (size_t i = 0; i < p->competency_count; i++) {
        free(p->competencies[i].name);
        free(p->competencies[i].descriptor);
    }
    free(p->competencies);
    for (size_t i = 0; i < p->requirement_count; i++) np_requirement_clear(&p->requirements[i]);
    free(p->requirements);
    free(p->contract.text);
    for (size_t i = 0; i < p->diagnostic_count; i++) {
        free(p->diagnostics[i].field);
        free(p->diagnostics[i].message);
    }
    free(p->diagnostics);
    free(p);
}

/* Grows an array by one element (zeroed); NULL when out of memory. The
 * arrays grow by powers of two, tracked through the count alone. */
static void *grow(void **items, size_t *count, size_t size)
{
    size_t n = *count;
    if (n == 0 || (n & (n - 1)) == 0) { /* 0, 1, 2, 4, ...: full */
        size_t cap = n ? n * 2 : 4;
        if (n >= 4 || n == 0) {
            if (cap > SIZE_MAX / size) return NULL;
            void *bigger = realloc(*items, cap * size);
            if (!bigger) return NULL;
            *items = bigger;
        }
    }
    char *slot = (char *)*items + n * size;
    memset(slot, 0, size);
    (*count)++;
    return slot;
}

np_status np_posting_set_text(char **slot, const char *text, size_t len, np_error *err)
{
    char *copy = copy_bytes(text ? text : "", text ? len : 0);
    if (!copy) return out_of_memory(err);
    free(*slot);
    *slot = copy;
    return NP_OK;
}

np_status np_posting_add_requirement(np_posting *p, np_requirement **out, bool essential,
                                     const char *text, size_t len, int line, np_error *err)
{
    char *copy = copy_bytes(text ? text : "", text ? len : 0);
    if (!copy) return out_of_memory(err);
    np_requirement *r = grow((void **)&p->requirements, &p->requirement_count, sizeof *r);
    if (!r) {
        free(copy);
        return out_of_memory(err);
    }
    r->kind = NP_REQ_OTHER;
    r->essential = essential;
    r->text = copy;
    r->line = line;
    if (out) *out = r;
    return NP_OK;
}

np_status np_posting_add_competency(np_posting *p, const char *name, size_t name_len,
                                    const char *descriptor, size_t descriptor_len, int line,
                                    np_error *err)
{
    char *n = copy_bytes(name ? name : "", name ? name_len : 0);
    char *d = descriptor ? copy_bytes(descriptor, descriptor_len) : NULL;
    np_competency *c = (n && (d || !descriptor))
                           ? grow((void **)&p->competencies, &p->competency_count, sizeof *c)
                           : NULL;
    if (!c) {
        free(n);
        free(d);
        return out_of_memory(err);
    }
    c->name = n;
    c->descriptor = d;
    c->line = line;
    return NP_OK;
}

np_status np_posting_add_accountability(np_posting *p, const char *heading, size_t heading_len,
                                        const char *text, size_t text_len, int line,
                                        np_error *err)
{
    char *h = heading ? copy_bytes(heading, heading_len) : NULL;
    char *t = copy_bytes(text ? text : "", text ? text_len : 0);
    np_accountability *a =
        (t && (h || !heading))
            ? grow((void **)&p->accountabilities, &p->accountability_count, sizeof *a)
            : NULL;
    if (!a) {
        free(h);
        free(t);
        return out_of_memory(err);
    }
    a->heading = h;
    a->text = t;
    a->line = line;
    return NP_OK;
}

np_status np_posting_add_diagnostic(np_posting *p, np_diag_severity severity, int line,
                                    const char *field, np_error *err, const char *fmt, ...)
{
    char message[NP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    const int full = vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    if (full >= (int)sizeof message) message[npi_utf8_cut(message, sizeof message - 1)] = '\0';
    char *m = copy_bytes(message, strlen(message));
    char *f = field ? copy_bytes(field, strlen(field)) : NULL;
    np_diagnostic *d = (m && (f || !field))
                           ? grow((void **)&p->diagnostics, &p->diagnostic_count, sizeof *d)
                           : NULL;
    if (!d) {
        free(m);
        free(f);
        return out_of_memory(err);
    }
    d->severity = severity;
    d->line = line;
    d->field = f;
    d->message = m;
    return NP_OK;
}

const np_requirement *np_posting_find_requirement(const np_posting *p, np_req_kind kind,
                                                  bool essential)
{
    for (size_t i = 0; p && i < p->requirement_count; i++)
        if (p->requirements[i].kind == kind && p->requirements[i].essential == essential)
            return &p->requirements[i];
    return NULL;
}

/* ---- deep copy ---- */

/* Copies an array of n elements of `size` bytes (shallow); NULL for n == 0. */
static void *copy_array(const void *items, size_t n, size_t size, bool *failed)
{
    if (n == 0) return NULL;
    /* Capacity as grow() expects it: the next power of two >= 4. */
    size_t cap = 4;
    while (cap < n) cap *= 2;
    void *copy = calloc(cap, size);
    if (!copy) {
        *failed = true;
        return NULL;
    }
    memcpy(copy, items, n * size);
    return copy;
}

np_status np_posting_clone(np_posting **out, const np_posting *src, np_error *err)
{
    np_posting *p = np_posting_new();
    if (!p) return out_of_memory(err);
    bool failed = false;
    /* Scalars first, then replace every owned pointer with a copy. Arrays
     * are copied with their counts zeroed until their strings are copied,
     * so that np_posting_free never frees the source's strings. */
    *p = *src;
    p->id = copy_string(src->id, &failed);
    p->source = copy_string(src->source, &failed);
    p->title = copy_string(src->title, &failed);
    p->body = copy_string(src->body, &failed);
    p->location = copy_string(src->location, &failed);
    p->division = copy_string(src->division, &failed);
    p->directorate = copy_string(src->directorate, &failed);
    p->section = copy_string(src->section, &failed);
    p->grade_text = copy_string(src->grade_text, &failed);
    p->salary.basis = copy_string(src->salary.basis, &failed);
    p->requisition = copy_string(src->requisition, &failed);
    p->summary = copy_string(src->summary, &failed);
    p->interrelationships.reports_to = copy_string(src->interrelationships.reports_to, &failed);
    p->interrelationships.direct_reports =
        copy_string(src->interrelationships.direct_reports, &failed);
    p->interrelationships.indirect_reports =
        copy_string(src->interrelationships.indirect_reports, &failed);
    p->interrelationships.text = copy_string(src->interrelationships.text, &failed);
    p->contract.text = copy_string(src->contract.text, &failed);

    p->accountabilities = copy_array(src->accountabilities, src->accountability_count,
                                     sizeof *src->accountabilities, &failed);
    p->accountability_count = 0;
    if (p->accountabilities)
        for (; p->accountability_count < src->accountability_count; p->accountability_count++) {
            np_accountability *a = &p->accountabilities[p->accountability_count];
            a->heading = copy_string(a->heading, &failed);
            a->text = copy_string(a->text, &failed);
        }
    p->competencies = copy_array(src->competencies, src->competency_count,
                                 sizeof *src->competencies, &failed);
    p->competency_count = 0;
    if (p->competencies)
        for (; p->competency_count < src->competency_count; p->competency_count++) {
            np_competency *c = &p->competencies[p->competency_count];
            c->name = copy_string(c->name, &failed);
            c->descriptor = copy_string(c->descriptor, &failed);
        }
    p->requirements = copy_array(src->requirements, src->requirement_count,
                                 sizeof *src->requirements, &failed);
    p->requirement_count = 0;
    if (p->requirements)
        for (; p->requirement_count < src->requirement_count; p->requirement_count++) {
            np_requirement *r = &p->requirements[p->requirement_count];
            r->text = copy_string(r->text, &failed);
            if (r->kind == NP_REQ_SOFTWARE)
                r->as.software.names = copy_string(r->as.software.names, &failed);
        }
    p->diagnostics = copy_array(src->diagnostics, src->diagnostic_count,
                                sizeof *src->diagnostics, &failed);
    p->diagnostic_count = 0;
    if (p->diagnostics)
        for (; p->diagnostic_count < src->diagnostic_count; p->diagnostic_count++) {
            np_diagnostic *d = &p->diagnostics[p->diagnostic_count];
            d->field = copy_string(d->field, &failed);
            d->message = copy_string(d->message, &failed);
        }
    if (failed) {
        np_posting_free(p);
        return out_of_memory(err);
    }
    *out = p;
    return NP_OK;
}

/* ---- equality ---- */

typedef struct diff {
    char *where;
    size_t size;
    bool found;
} diff;

static bool differ(diff *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static bool differ(diff *d, const char *fmt, ...)
{
    if (!d->found && d->where && d->size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(d->where, d->size, fmt, ap);
        va_end(ap);
    }
    d->found = true;
    return false;
}

static bool same_str(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

#define SAME_STR(field, name) \
    if (!same_str(a->field, b->field)) return differ(d, "%s", name)
#define SAME_VAL(field, name) \
    if (a->field != b->field) return differ(d, "%s", name)

static bool same_requirement(const np_requirement *a, const np_requirement *b, size_t i, diff *d)
{
    if (a->kind != b->kind) return differ(d, "requirements[%zu].kind", i);
    if (a->essential != b->essential) return differ(d, "requirements[%zu].essential", i);
    if (!same_str(a->text, b->text)) return differ(d, "requirements[%zu].text", i);
    if (a->line != b->line) return differ(d, "requirements[%zu].line", i);
    bool same = true;
    switch (a->kind) {
    case NP_REQ_OTHER: break;
    case NP_REQ_DEGREE:
        same = a->as.degree.level == b->as.degree.level &&
               a->as.degree.equivalent_accepted == b->as.degree.equivalent_accepted;
        break;
    case NP_REQ_EXPERIENCE: same = a->as.experience.min_years == b->as.experience.min_years; break;
    case NP_REQ_LANGUAGES: {
        const np_language_req *x = &a->as.languages, *y = &b->as.languages;
        same = x->form == y->form && x->one == y->one && x->other == y->other &&
               x->english == y->english && x->french == y->french && x->or_higher == y->or_higher;
        break;
    }
    case NP_REQ_STANAG: {
        const np_stanag_profile *x = &a->as.stanag, *y = &b->as.stanag;
        same = x->listening == y->listening && x->speaking == y->speaking &&
               x->reading == y->reading && x->writing == y->writing &&
               x->plus_mask == y->plus_mask;
        break;
    }
    case NP_REQ_TRAVEL: same = a->as.travel.percent == b->as.travel.percent; break;
    case NP_REQ_SOFTWARE: same = same_str(a->as.software.names, b->as.software.names); break;
    case NP_REQ_NATIONALITY:
        same = a->as.nationality.nato_member == b->as.nationality.nato_member;
        break;
    case NP_REQ_CLEARANCE:
        same = a->as.clearance.level == b->as.clearance.level &&
               a->as.clearance.atomal == b->as.clearance.atomal;
        break;
    }
    if (!same) return differ(d, "requirements[%zu].as.%s", i, np_req_kind_name(a->kind));
    return true;
}

static bool same_posting(const np_posting *a, const np_posting *b, diff *d)
{
    SAME_STR(id, "id");
    SAME_STR(source, "source");
    if (strcmp(a->language, b->language) != 0) return differ(d, "language");
    SAME_STR(title, "title");
    SAME_STR(body, "body");
    SAME_STR(location, "location");
    SAME_STR(division, "division");
    SAME_STR(directorate, "directorate");
    SAME_STR(section, "section");
    SAME_STR(grade_text, "grade_text");
    if (np_grade_compare(a->grade, b->grade) != 0 || a->grade.category != b->grade.category)
        return differ(d, "grade");
    SAME_VAL(salary.amount, "salary.amount");
    if (strcmp(a->salary.currency, b->salary.currency) != 0) return differ(d, "salary.currency");
    SAME_STR(salary.basis, "salary.basis");
    SAME_VAL(salary.tax_free, "salary.tax_free");
    SAME_VAL(deadline.date, "deadline.date");
    SAME_VAL(deadline.minute, "deadline.minute");
    SAME_VAL(published, "published");
    SAME_VAL(updated, "updated");
    SAME_STR(requisition, "requisition");
    SAME_VAL(clearance, "clearance");
    SAME_VAL(clearance_atomal, "clearance_atomal");
    SAME_VAL(fast_track, "fast_track");
    SAME_STR(summary, "summary");

    if (a->accountability_count != b->accountability_count) return differ(d, "accountabilities");
    for (size_t i = 0; i < a->accountability_count; i++) {
        const np_accountability *x = &a->accountabilities[i], *y = &b->accountabilities[i];
        if (!same_str(x->heading, y->heading) || !same_str(x->text, y->text) || x->line != y->line)
            return differ(d, "accountabilities[%zu]", i);
    }
    SAME_STR(interrelationships.reports_to, "interrelationships.reports_to");
    SAME_STR(interrelationships.direct_reports, "interrelationships.direct_reports");
    SAME_STR(interrelationships.indirect_reports, "interrelationships.indirect_reports");
    SAME_STR(interrelationships.text, "interrelationships.text");
    SAME_VAL(interrelationships.line, "interrelationships.line");
    if (a->competency_count != b->competency_count) return differ(d, "competencies");
    for (size_t i = 0; i < a->competency_count; i++) {
        const np_competency *x = &a->competencies[i], *y = &b->competencies[i];
        if (!same_str(x->name, y->name) || !same_str(x->descriptor, y->descriptor) ||
            x->line != y->line)
            return differ(d, "competencies[%zu]", i);
    }
    if (a->requirement_count != b->requirement_count) return differ(d, "requirements");
    for (size_t i = 0; i < a->requirement_count; i++)
        if (!same_requirement(&a->requirements[i], &b->requirements[i], i, d)) return false;

    SAME_VAL(contract.stated, "contract.stated");
    SAME_VAL(contract.definite_months, "contract.definite_months");
    SAME_VAL(contract.renewal_months, "contract.renewal_months");
    SAME_VAL(contract.max_service_months, "contract.max_service_months");
    SAME_VAL(contract.conversion_possible, "contract.conversion_possible");
    SAME_VAL(contract.turnover_clause, "contract.turnover_clause");
    SAME_VAL(contract.seconded_terms, "contract.seconded_terms");
    SAME_VAL(contract.seconded_max_months, "contract.seconded_max_months");
    SAME_VAL(contract.twin_grade_note, "contract.twin_grade_note");
    SAME_STR(contract.text, "contract.text");
    SAME_VAL(contract.line, "contract.line");

    const int *la = &a->lines.title, *lb = &b->lines.title;
    if (memcmp(la, lb, sizeof a->lines) != 0) return differ(d, "lines");

    if (a->diagnostic_count != b->diagnostic_count) return differ(d, "diagnostics");
    for (size_t i = 0; i < a->diagnostic_count; i++) {
        const np_diagnostic *x = &a->diagnostics[i], *y = &b->diagnostics[i];
        if (x->severity != y->severity || x->line != y->line || !same_str(x->field, y->field) ||
            !same_str(x->message, y->message))
            return differ(d, "diagnostics[%zu]", i);
    }
    return true;
}

bool np_posting_equal(const np_posting *a, const np_posting *b, char *where, size_t where_size)
{
    diff d = {where, where_size, false};
    if (where && where_size) where[0] = '\0';
    if (!a || !b) {
        if (a == b) return true;
        return differ(&d, "posting");
    }
    return same_posting(a, b, &d);
}

/* ---- contract terms as a policy ---- */

np_status np_posting_policy(np_policy *out, bool *twin_grade, const np_posting *p, np_error *err)
{
    if (!p->contract.stated || p->contract.definite_months < 0)
        return np_error_set(err, NP_ENOTFOUND, "the posting states no contract terms");
    np_policy policy = np_policy_default();
    policy.initial_months = p->contract.definite_months;
    /* A notice that states a definite contract but no renewal offers none. */
    policy.renewal_months = p->contract.renewal_months >= 0 ? p->contract.renewal_months : 0;
    policy.max_months = p->contract.max_service_months >= 0
                            ? p->contract.max_service_months
                            : policy.initial_months + policy.renewal_months;
    np_status st = np_policy_validate(&policy, err);
    if (st != NP_OK) {
        np_error_prefix(err, "the posting's contract terms");
        return st;
    }
    *out = policy;
    if (twin_grade) *twin_grade = np_grade_is_twin(p->grade) || p->contract.twin_grade_note;
    return NP_OK;
}
