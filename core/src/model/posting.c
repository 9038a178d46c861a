/* The posting record: construction, ownership, deep copy, equality. */
#include "natopost/posting.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posting_schema.h"
#include "support/strbuf.h"
#include "support/text_quote.h"

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
    r->reports_to = r->direct_reports = r->indirect_reports = r->text = NULL;
}

/* Frees what field `f` of `p` owns and leaves it empty (NULL, count 0), so
 * that the field is in a valid state afterwards whatever else runs. */
static void free_field(np_posting *p, const nps_field *f)
{
    switch (f->kind) {
    case NPS_STRING:
    case NPS_SOURCE: {
        char **slot = nps_member(p, f);
        free(*slot);
        *slot = NULL;
        break;
    }
    case NPS_LANGUAGE:
    case NPS_GRADE:
    case NPS_DEADLINE:
    case NPS_DATE:
    case NPS_CLEARANCE:
    case NPS_BOOL:
    case NPS_TRISTATE:
    case NPS_LINES: break;
    case NPS_SALARY:
        free(p->salary.basis);
        p->salary.basis = NULL;
        break;
    case NPS_ACCOUNTABILITIES:
        for (size_t i = 0; i < p->accountability_count; i++) {
            free(p->accountabilities[i].heading);
            free(p->accountabilities[i].text);
        }
        free(p->accountabilities);
        p->accountabilities = NULL;
        p->accountability_count = 0;
        break;
    case NPS_INTERRELATIONSHIPS: clear_interrelationships(&p->interrelationships); break;
    case NPS_COMPETENCIES:
        for (size_t i = 0; i < p->competency_count; i++) {
            free(p->competencies[i].name);
            free(p->competencies[i].descriptor);
        }
        free(p->competencies);
        p->competencies = NULL;
        p->competency_count = 0;
        break;
    case NPS_REQUIREMENTS:
        for (size_t i = 0; i < p->requirement_count; i++) np_requirement_clear(&p->requirements[i]);
        free(p->requirements);
        p->requirements = NULL;
        p->requirement_count = 0;
        break;
    case NPS_CONTRACT:
        free(p->contract.text);
        p->contract.text = NULL;
        break;
    case NPS_DIAGNOSTICS:
        for (size_t i = 0; i < p->diagnostic_count; i++) {
            free(p->diagnostics[i].field);
            free(p->diagnostics[i].message);
        }
        free(p->diagnostics);
        p->diagnostics = NULL;
        p->diagnostic_count = 0;
        break;
    }
}

void np_posting_free(np_posting *p)
{
    if (!p) return;
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++) free_field(p, &nps_fields[i]);
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

/* The strings of one array item, replaced by copies. */
static void copy_accountability(void *item, bool *failed)
{
    np_accountability *a = item;
    a->heading = copy_string(a->heading, failed);
    a->text = copy_string(a->text, failed);
}

static void copy_competency(void *item, bool *failed)
{
    np_competency *c = item;
    c->name = copy_string(c->name, failed);
    c->descriptor = copy_string(c->descriptor, failed);
}

static void copy_requirement(void *item, bool *failed)
{
    np_requirement *r = item;
    r->text = copy_string(r->text, failed);
    if (r->kind == NP_REQ_SOFTWARE) r->as.software.names = copy_string(r->as.software.names, failed);
}

static void copy_diagnostic(void *item, bool *failed)
{
    np_diagnostic *d = item;
    d->field = copy_string(d->field, failed);
    d->message = copy_string(d->message, failed);
}

/* A copy of the array `items` (*count items of `size` bytes), each item's
 * strings copied by `copy_item`. *count is zeroed first and counts the
 * items whose strings are copies, so that np_posting_free never frees the
 * source's strings, even when a copy fails. */
static void *copy_items(const void *items, size_t *count, size_t size,
                        void (*copy_item)(void *item, bool *failed), bool *failed)
{
    const size_t n = *count;
    *count = 0;
    char *copy = copy_array(items, n, size, failed);
    if (copy)
        for (; *count < n; (*count)++) copy_item(copy + *count * size, failed);
    return copy;
}

/* Replaces every pointer field `f` of `p` (a shallow copy of the source)
 * holds with a copy of what it points to. */
static void copy_field(np_posting *p, const nps_field *f, bool *failed)
{
    switch (f->kind) {
    case NPS_STRING:
    case NPS_SOURCE: {
        char **slot = nps_member(p, f);
        *slot = copy_string(*slot, failed);
        break;
    }
    case NPS_LANGUAGE:
    case NPS_GRADE:
    case NPS_DEADLINE:
    case NPS_DATE:
    case NPS_CLEARANCE:
    case NPS_BOOL:
    case NPS_TRISTATE:
    case NPS_LINES: break;
    case NPS_SALARY: p->salary.basis = copy_string(p->salary.basis, failed); break;
    case NPS_ACCOUNTABILITIES:
        p->accountabilities = copy_items(p->accountabilities, &p->accountability_count,
                                         sizeof *p->accountabilities, copy_accountability, failed);
        break;
    case NPS_INTERRELATIONSHIPS: {
        np_interrelationships *r = &p->interrelationships;
        r->reports_to = copy_string(r->reports_to, failed);
        r->direct_reports = copy_string(r->direct_reports, failed);
        r->indirect_reports = copy_string(r->indirect_reports, failed);
        r->text = copy_string(r->text, failed);
        break;
    }
    case NPS_COMPETENCIES:
        p->competencies = copy_items(p->competencies, &p->competency_count,
                                     sizeof *p->competencies, copy_competency, failed);
        break;
    case NPS_REQUIREMENTS:
        p->requirements = copy_items(p->requirements, &p->requirement_count,
                                     sizeof *p->requirements, copy_requirement, failed);
        break;
    case NPS_CONTRACT: p->contract.text = copy_string(p->contract.text, failed); break;
    case NPS_DIAGNOSTICS:
        p->diagnostics = copy_items(p->diagnostics, &p->diagnostic_count, sizeof *p->diagnostics,
                                    copy_diagnostic, failed);
        break;
    }
}

np_status np_posting_clone(np_posting **out, const np_posting *src, np_error *err)
{
    np_posting *p = np_posting_new();
    if (!p) return out_of_memory(err);
    bool failed = false;
    *p = *src;
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++) copy_field(p, &nps_fields[i], &failed);
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

static bool same_salary(const np_salary *a, const np_salary *b, diff *d)
{
    SAME_VAL(amount, "salary.amount");
    if (strcmp(a->currency, b->currency) != 0) return differ(d, "salary.currency");
    SAME_STR(basis, "salary.basis");
    SAME_VAL(tax_free, "salary.tax_free");
    return true;
}

static bool same_interrelationships(const np_interrelationships *a,
                                    const np_interrelationships *b, diff *d)
{
    SAME_STR(reports_to, "interrelationships.reports_to");
    SAME_STR(direct_reports, "interrelationships.direct_reports");
    SAME_STR(indirect_reports, "interrelationships.indirect_reports");
    SAME_STR(text, "interrelationships.text");
    SAME_VAL(line, "interrelationships.line");
    return true;
}

static bool same_contract(const np_contract_terms *a, const np_contract_terms *b, diff *d)
{
    SAME_VAL(stated, "contract.stated");
    SAME_VAL(definite_months, "contract.definite_months");
    SAME_VAL(renewal_months, "contract.renewal_months");
    SAME_VAL(max_service_months, "contract.max_service_months");
    SAME_VAL(conversion_possible, "contract.conversion_possible");
    SAME_VAL(turnover_clause, "contract.turnover_clause");
    SAME_VAL(seconded_terms, "contract.seconded_terms");
    SAME_VAL(seconded_max_months, "contract.seconded_max_months");
    SAME_VAL(twin_grade_note, "contract.twin_grade_note");
    SAME_STR(text, "contract.text");
    SAME_VAL(line, "contract.line");
    return true;
}

/* The same value of field `f` in both postings (`d` names it when not). */
static bool same_field(const np_posting *a, const np_posting *b, const nps_field *f, diff *d)
{
    const void *x = nps_cmember(a, f), *y = nps_cmember(b, f);
    switch (f->kind) {
    case NPS_STRING:
    case NPS_SOURCE:
        if (!same_str(*(char *const *)x, *(char *const *)y)) return differ(d, "%s", f->key);
        return true;
    case NPS_LANGUAGE:
        if (strcmp(x, y) != 0) return differ(d, "%s", f->key);
        return true;
    case NPS_GRADE: {
        const np_grade *g = x, *h = y;
        if (np_grade_compare(*g, *h) != 0 || g->category != h->category)
            return differ(d, "%s", f->key);
        return true;
    }
    case NPS_SALARY: return same_salary(x, y, d);
    case NPS_DEADLINE:
        if (a->deadline.date != b->deadline.date) return differ(d, "deadline.date");
        if (a->deadline.minute != b->deadline.minute) return differ(d, "deadline.minute");
        return true;
    case NPS_DATE:
        if (*(const np_date *)x != *(const np_date *)y) return differ(d, "%s", f->key);
        return true;
    case NPS_CLEARANCE:
        if (*(const np_clearance *)x != *(const np_clearance *)y) return differ(d, "%s", f->key);
        return true;
    case NPS_BOOL:
        if (*(const bool *)x != *(const bool *)y) return differ(d, "%s", f->key);
        return true;
    case NPS_TRISTATE:
        if (*(const np_tristate *)x != *(const np_tristate *)y) return differ(d, "%s", f->key);
        return true;
    case NPS_ACCOUNTABILITIES:
        if (a->accountability_count != b->accountability_count) return differ(d, "accountabilities");
        for (size_t i = 0; i < a->accountability_count; i++) {
            const np_accountability *p = &a->accountabilities[i], *q = &b->accountabilities[i];
            if (!same_str(p->heading, q->heading) || !same_str(p->text, q->text) ||
                p->line != q->line)
                return differ(d, "accountabilities[%zu]", i);
        }
        return true;
    case NPS_INTERRELATIONSHIPS: return same_interrelationships(x, y, d);
    case NPS_COMPETENCIES:
        if (a->competency_count != b->competency_count) return differ(d, "competencies");
        for (size_t i = 0; i < a->competency_count; i++) {
            const np_competency *p = &a->competencies[i], *q = &b->competencies[i];
            if (!same_str(p->name, q->name) || !same_str(p->descriptor, q->descriptor) ||
                p->line != q->line)
                return differ(d, "competencies[%zu]", i);
        }
        return true;
    case NPS_REQUIREMENTS:
        if (a->requirement_count != b->requirement_count) return differ(d, "requirements");
        for (size_t i = 0; i < a->requirement_count; i++)
            if (!same_requirement(&a->requirements[i], &b->requirements[i], i, d)) return false;
        return true;
    case NPS_CONTRACT: return same_contract(x, y, d);
    case NPS_LINES:
        for (size_t i = 0; i < NPS_LINE_COUNT; i++)
            if (nps_line_value(x, &nps_line_fields[i]) != nps_line_value(y, &nps_line_fields[i]))
                return differ(d, "lines.%s", nps_line_fields[i].name);
        return true;
    case NPS_DIAGNOSTICS:
        if (a->diagnostic_count != b->diagnostic_count) return differ(d, "diagnostics");
        for (size_t i = 0; i < a->diagnostic_count; i++) {
            const np_diagnostic *p = &a->diagnostics[i], *q = &b->diagnostics[i];
            if (p->severity != q->severity || p->line != q->line ||
                !same_str(p->field, q->field) || !same_str(p->message, q->message))
                return differ(d, "diagnostics[%zu]", i);
        }
        return true;
    }
    return differ(d, "%s", f->key);
}

static bool same_posting(const np_posting *a, const np_posting *b, diff *d)
{
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++)
        if (!same_field(a, b, &nps_fields[i], d)) return false;
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

np_status np_posting_identity(char **out, const np_posting *p, np_error *err)
{
    *out = NULL;
    const char *req = p->requisition && *p->requisition ? p->requisition : NULL;
    if (!req && (!p->id || !*p->id)) return NP_OK;
    npi_strbuf sb = NP_STRBUF_INIT;
    if (!req) {
        npi_strbuf_puts(&sb, p->id);
    } else {
        npi_strbuf_puts(&sb, "req:");
        bool blank = true; /* drops leading blanks and collapses runs */
        for (const char *b = p->body ? p->body : ""; *b; b++) {
            const char ch = *b;
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                blank = true;
                continue;
            }
            if (blank && sb.len > 4) npi_strbuf_append(&sb, " ", 1);
            blank = false;
            const char lower = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
            npi_strbuf_append(&sb, &lower, 1);
        }
        npi_strbuf_puts(&sb, "/");
        npi_strbuf_puts(&sb, req);
    }
    if (!(*out = npi_strbuf_take(&sb))) return np_error_set(err, NP_ENOMEM, "out of memory");
    return NP_OK;
}
