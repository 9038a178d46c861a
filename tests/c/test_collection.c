/* Collections: the column store keeps every posting exactly, reads every
 * field as the row-wise getter does, and evaluates queries, orders and
 * counts exactly as the row-wise np_query_match / np_query_compare_records
 * over the postings (property tests over random postings and random
 * queries), including eligible(NAME) fields. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"
#include "natopost/candidate.h"
#include "natopost/collection.h"
#include "natopost/posting_fields.h"
#include "support.h"

/* ---- random postings ---- */

static const char *const TITLES[] = {"Officer, Logistics", "Staff Officer", "Junior Officer, Plans",
                                     "Executive Officer", "officer (policy)", "Assistant",
                                     "Senior Engineer", ""};
static const char *const DIVISIONS[] = {"Operations Division", "OPERATIONS DIVISION",
                                        "Defence Policy and Planning Division",
                                        "Political Affairs and Security Policy Division",
                                        "Defence Investment Division", "Executive Management"};
static const char *const WORDS[] = {"operations", "Division", "officer", "plans", "", "z",
                                    "Operations Division", "Staff Officer", "logistics", "ion"};

static int pick(ts_rng *r, int n) { return (int)ts_rng_range(r, 0, n - 1); }
static bool chance(ts_rng *r, int percent) { return ts_rng_range(r, 1, 100) <= percent; }

static void set(np_posting *p, char **slot, const char *s)
{
    cr_assert_eq(np_posting_set_text(slot, s, strlen(s), NULL), NP_OK);
    (void)p;
}

static np_date random_date(ts_rng *r)
{
    return (np_date)ts_rng_range(r, 19700, 20500); /* 2023..2026 */
}

static np_lang_level random_level(ts_rng *r) { return (np_lang_level)ts_rng_range(r, 0, 6); }

/* `fractional`: numbers that need doubles (salary cents, 2.5 years, big
 * amounts), else small integers only, so both number columns are tested. */
static np_posting *random_posting(ts_rng *r, int i, bool fractional)
{
    np_posting *p = np_posting_new();
    cr_assert_not_null(p);
    char buf[64];
    snprintf(buf, sizeof buf, "p%04d", i);
    set(p, &p->id, buf);
    if (chance(r, 90)) set(p, &p->title, TITLES[pick(r, 8)]);
    if (chance(r, 85)) set(p, &p->division, DIVISIONS[pick(r, 6)]);
    if (chance(r, 50)) set(p, &p->directorate, "Security Policy Directorate");
    if (chance(r, 60)) set(p, &p->location, chance(r, 50) ? "Brussels, Belgium" : "Mons, Belgium");
    if (chance(r, 30)) set(p, &p->requisition, chance(r, 50) ? "251043" : "250990");
    if (chance(r, 40)) set(p, &p->summary, "The Operations Division prepares NATO for the defence of Alliance territory.");
    if (chance(r, 30)) set(p, &p->interrelationships.reports_to, "Head, Plans Section");
    if (chance(r, 85)) {
        const int g = (int)ts_rng_range(r, 1, 24);
        p->grade.low = (uint8_t)g;
        p->grade.high = (uint8_t)(chance(r, 25) && g < 24 ? g + 1 : g);
        p->grade.category = chance(r, 20) ? 'A' : 0;
        snprintf(buf, sizeof buf, "NATO Grade G%d", g);
        set(p, &p->grade_text, buf);
    }
    if (chance(r, 80)) p->deadline.date = random_date(r);
    if (chance(r, 30)) p->deadline.minute = (int)ts_rng_range(r, 0, 1439);
    if (chance(r, 60)) p->published = random_date(r);
    if (chance(r, 20)) p->updated = random_date(r);
    if (chance(r, 70)) {
        static const double FRACTIONAL[] = {7563.38, 9253.21, 13914.54, 0.5, 40000, 1e9};
        p->salary.amount = fractional ? FRACTIONAL[pick(r, 6)] : (double)ts_rng_range(r, 0, 30000);
        memcpy(p->salary.currency, "EUR", 4);
        p->salary.tax_free = chance(r, 50);
        if (chance(r, 50)) set(p, &p->salary.basis, "Monthly");
    }
    if (chance(r, 50)) {
        p->clearance = (np_clearance)ts_rng_range(r, 1, 4);
        p->clearance_atomal = chance(r, 20);
    }
    p->fast_track = chance(r, 20);
    const int nreq = (int)ts_rng_range(r, 0, 9);
    for (int k = 0; k < nreq; k++) {
        np_requirement *q;
        const bool essential = chance(r, 70);
        cr_assert_eq(np_posting_add_requirement(p, &q, essential, "a requirement", 13, k + 10, NULL), NP_OK);
        q->kind = (np_req_kind)ts_rng_range(r, 0, NP_REQ_CLEARANCE);
        switch (q->kind) {
        case NP_REQ_DEGREE:
            q->as.degree.level = (np_degree_level)ts_rng_range(r, 0, 2);
            q->as.degree.equivalent_accepted = chance(r, 50);
            break;
        case NP_REQ_EXPERIENCE: {
            static const double YEARS[] = {-1, 0, 2, 3, 5, 10, 2.5};
            q->as.experience.min_years = YEARS[pick(r, fractional ? 7 : 6)];
            break;
        }
        case NP_REQ_LANGUAGES: {
            np_language_req *l = &q->as.languages;
            l->form = (np_lang_form)ts_rng_range(r, 0, 2);
            if (l->form == NP_LANG_NAMED) {
                l->english = random_level(r);
                l->french = random_level(r);
            } else if (l->form == NP_LANG_BOTH) {
                l->one = l->other = (np_lang_level)ts_rng_range(r, 1, 6);
            } else {
                l->one = (np_lang_level)ts_rng_range(r, 1, 6);
                l->other = (np_lang_level)ts_rng_range(r, 0, l->one);
            }
            l->or_higher = chance(r, 30);
            break;
        }
        case NP_REQ_STANAG:
            q->as.stanag = (np_stanag_profile){(int8_t)ts_rng_range(r, -1, 5), (int8_t)ts_rng_range(r, 0, 5),
                                               (int8_t)ts_rng_range(r, 0, 5), (int8_t)ts_rng_range(r, 0, 5),
                                               (uint8_t)ts_rng_range(r, 0, 15)};
            break;
        case NP_REQ_TRAVEL: q->as.travel.percent = chance(r, 70) ? (int)ts_rng_range(r, 5, 30) : -1; break;
        case NP_REQ_SOFTWARE:
            if (chance(r, 70)) set(p, &q->as.software.names, "SharePoint, Excel");
            break;
        case NP_REQ_NATIONALITY: q->as.nationality.nato_member = chance(r, 90); break;
        case NP_REQ_CLEARANCE:
            q->as.clearance.level = (np_clearance)ts_rng_range(r, 0, 4);
            q->as.clearance.atomal = chance(r, 20);
            break;
        case NP_REQ_OTHER: break;
        }
    }
    const int ncomp = (int)ts_rng_range(r, 0, 6);
    for (int k = 0; k < ncomp; k++)
        cr_assert_eq(np_posting_add_competency(p, "Teamwork", 8, k % 2 ? "Works with others" : NULL,
                                               k % 2 ? 17 : 0, k + 100, NULL), NP_OK);
    if (chance(r, 30))
        cr_assert_eq(np_posting_add_accountability(p, chance(r, 50) ? "Planning" : NULL, 8,
                                                   "Plans things.", 13, 40, NULL), NP_OK);
    if (chance(r, 60)) {
        np_contract_terms *c = &p->contract;
        c->stated = true;
        c->definite_months = chance(r, 80) ? 36 : -1;
        c->renewal_months = chance(r, 70) ? 36 : -1;
        c->max_service_months = chance(r, 60) ? 72 : -1;
        c->conversion_possible = (np_tristate)ts_rng_range(r, -1, 1);
        c->twin_grade_note = chance(r, 30);
        c->turnover_clause = chance(r, 50);
        c->seconded_terms = chance(r, 50);
        c->seconded_max_months = chance(r, 30) ? 36 : -1;
        set(p, &c->text, "CONTRACT: ...");
        c->line = 120;
    }
    p->lines.title = (int)ts_rng_range(r, 0, 5);
    p->lines.deadline = 7;
    if (chance(r, 20)) {
        char longmsg[700];
        memset(longmsg, 'x', sizeof longmsg - 1);
        longmsg[sizeof longmsg - 1] = '\0';
        cr_assert_eq(np_posting_add_diagnostic(p, NP_DIAG_WARNING, 3, "title", NULL, "%s", "no title line"), NP_OK);
        /* Longer than an np_error message: the store must keep it whole. */
        cr_assert_eq(np_posting_set_text(&p->diagnostics[0].message, longmsg, strlen(longmsg), NULL), NP_OK);
    }
    return p;
}

typedef struct fixture {
    np_collection *c;
    np_posting **postings;
    size_t n;
} fixture;

static fixture make_fixture(uint64_t seed, size_t n, bool fractional, bool with_candidates)
{
    fixture f = {NULL, calloc(n, sizeof(np_posting *)), n};
    cr_assert_eq(np_collection_new(&f.c, NULL), NP_OK);
    ts_rng r = {seed};
    if (with_candidates) {
        /* Registered before and after the postings: both paths fill the column. */
        np_candidate a = NP_CANDIDATE_INIT;
        strcpy(a.name, "alice");
        a.degree = 1;
        a.experience_years = 3;
        a.english = 5;
        a.french = 2;
        a.clearance = 3;
        strcpy(a.nationality, "Sweden");
        cr_assert_eq(np_collection_add_candidate(f.c, &a, NULL), NP_OK);
    }
    for (size_t i = 0; i < n; i++) {
        f.postings[i] = random_posting(&r, (int)i, fractional);
        cr_assert_eq(np_collection_add_posting(f.c, f.postings[i], NULL), NP_OK);
    }
    if (with_candidates) {
        np_candidate b = NP_CANDIDATE_INIT; /* almost nothing known */
        strcpy(b.name, "Bob Smith");
        b.english = 6;
        cr_assert_eq(np_collection_add_candidate(f.c, &b, NULL), NP_OK);
    }
    return f;
}

static void free_fixture(fixture *f)
{
    for (size_t i = 0; i < f->n; i++) np_posting_free(f->postings[i]);
    free(f->postings);
    np_collection_free(f->c);
}

/* ---- storage ---- */

Test(collection_store, every_posting_comes_back_equal)
{
    for (int fractional = 0; fractional < 2; fractional++) {
        fixture f = make_fixture(42 + (uint64_t)fractional, 700, fractional, false);
        cr_assert_eq(np_collection_count(f.c), f.n);
        for (size_t i = 0; i < f.n; i++) {
            char where[128];
            const np_posting *p = np_collection_posting(f.c, i, NULL);
            cr_assert_not_null(p);
            cr_assert(np_posting_equal(p, f.postings[i], where, sizeof where), "row %zu differs at %s", i, where);
            cr_assert_eq(np_collection_posting(f.c, i, NULL), p, "borrowed pointer is stable");
            np_posting *copy;
            cr_assert_eq(np_collection_posting_copy(f.c, i, &copy, NULL), NP_OK);
            cr_assert(copy != p && np_posting_equal(copy, f.postings[i], NULL, 0));
            np_posting_free(copy);
        }
        np_error err;
        cr_assert_null(np_collection_posting(f.c, f.n, &err));
        cr_assert_eq(err.code, NP_EINVAL);
        np_posting *none = (np_posting *)&err;
        cr_assert_eq(np_collection_posting_copy(f.c, f.n, &none, &err), NP_EINVAL);
        cr_assert_null(none);
        free_fixture(&f);
    }
    TS_ASSERT_NO_LEAKS();
}

Test(collection_store, columns_read_what_the_getter_reads)
{
    for (int fractional = 0; fractional < 2; fractional++) {
        fixture f = make_fixture(7 + (uint64_t)fractional, 600, fractional, false);
        size_t nf;
        const np_qfield *fields = np_posting_fields(&nf);
        for (size_t i = 0; i < f.n; i++) {
            for (size_t k = 0; k < nf; k++) {
                np_qvalue a, b;
                np_collection_value(f.c, i, &fields[k], &a);
                np_posting_field_get(f.postings[i], &fields[k], &b);
                cr_assert_eq(a.is_null, b.is_null, "row %zu field %s: null", i, fields[k].name);
                cr_assert_eq((int)a.type, (int)b.type);
                if (!a.is_null)
                    cr_assert_eq(np_qvalue_compare(&a, &b), 0, "row %zu field %s", i, fields[k].name);
            }
        }
        free_fixture(&f);
    }
    TS_ASSERT_NO_LEAKS();
}

static size_t text_bytes(const np_posting *p)
{
    size_t n = 0;
    const char *const s[] = {p->id, p->title, p->division, p->directorate, p->location, p->requisition,
                             p->summary, p->interrelationships.reports_to, p->grade_text, p->salary.basis,
                             p->contract.text};
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) n += s[i] ? strlen(s[i]) + 1 : 0;
    for (size_t i = 0; i < p->requirement_count; i++) n += strlen(p->requirements[i].text) + 1;
    for (size_t i = 0; i < p->competency_count; i++) n += strlen(p->competencies[i].name) + 1;
    for (size_t i = 0; i < p->diagnostic_count; i++) n += strlen(p->diagnostics[i].message) + 1;
    return n;
}

Test(collection_store, strings_are_interned_once)
{
    fixture f = make_fixture(3, 20000, false, false);
    /* A handful of distinct strings repeated 20,000 times: the whole store
     * (columns, encoded postings, pool) takes less than the text alone. */
    size_t text = 0;
    for (size_t i = 0; i < f.n; i++) text += text_bytes(f.postings[i]);
    cr_assert_eq(np_collection_shrink(f.c, NULL), NP_OK);
    const size_t bytes = np_collection_memory(f.c);
    cr_assert_lt(bytes, text, "%zu bytes stored for %zu bytes of text", bytes, text);
    /* Still a working collection: add, read, query. */
    np_posting *p = random_posting(&(ts_rng){99}, 20000, true);
    cr_assert_eq(np_collection_add_posting(f.c, p, NULL), NP_OK);
    cr_assert(np_posting_equal(np_collection_posting(f.c, 20000, NULL), p, NULL, 0));
    np_posting_free(p);
    np_result *r;
    cr_assert_eq(np_collection_query(&r, f.c, "id = p20000", strlen("id = p20000"), NULL), NP_OK);
    cr_assert_eq(np_result_count(r), 1);
    np_result_free(r);
    free_fixture(&f);
    TS_ASSERT_NO_LEAKS();
}

/* ---- random queries ---- */

typedef struct qgen {
    ts_rng r;
    const np_qfield *fields;
    size_t nfields;
    char buf[4096];
    size_t len;
} qgen;

static void emit(qgen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emit(qgen *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = vsnprintf(g->buf + g->len, sizeof g->buf - g->len, fmt, ap);
    va_end(ap);
    if (n > 0 && g->len + (size_t)n < sizeof g->buf) g->len += (size_t)n;
}

static void literal(qgen *g, const np_qfield *f)
{
    ts_rng *r = &g->r;
    switch (f->type) {
    case NP_QTYPE_TEXT: {
        const char *pool[] = {TITLES[pick(r, 8)], DIVISIONS[pick(r, 6)], WORDS[pick(r, 10)], "EUR",
                              "either_or", "named", "both", "p0003", "251043", "Brussels, Belgium"};
        emit(g, "\"%s\"", pool[pick(r, 10)]);
        return;
    }
    case NP_QTYPE_NUMBER: {
        static const char *const N[] = {"-1", "0", "1", "2", "2.5", "3", "5", "10", "36", "72",
                                        "7563.38", "40000", "1e9", "0.5", "15000", "-0", "32767",
                                        "university", "postgraduate"};
        emit(g, "%s", N[pick(r, strcmp(f->name, "degree") == 0 ? 19 : 17)]);
        return;
    }
    case NP_QTYPE_DATE: {
        char d[16];
        np_date_format(random_date(r), d);
        emit(g, "%s", d);
        return;
    }
    case NP_QTYPE_GRADE: {
        static const char *const G[] = {"A2", "A.5", "B3", "C1", "L2", "\"NATO Grade G20\""};
        if (chance(r, 70)) emit(g, "G%d", (int)ts_rng_range(r, 1, 24));
        else emit(g, "%s", G[pick(r, 6)]);
        return;
    }
    case NP_QTYPE_LEVEL: {
        static const char *const L[] = {"I", "II", "III", "IV", "V", "VI", "Intermediate",
                                        "\"Upper Intermediate\"", "advanced"};
        emit(g, "%s", L[pick(r, 9)]);
        return;
    }
    case NP_QTYPE_CLEARANCE: {
        static const char *const C[] = {"NR", "NC", "NS", "CTS", "\"NATO SECRET\"", "\"cosmic top secret\""};
        emit(g, "%s", C[pick(r, 6)]);
        return;
    }
    case NP_QTYPE_BOOL: emit(g, "%s", chance(r, 50) ? "true" : "false"); return;
    }
}

static void field_name(qgen *g, const np_qfield *f)
{
    const char *paren = strchr(f->name, '(');
    if (paren && strchr(paren, ' ')) /* eligible(Bob Smith): quote the argument */
        emit(g, "%.*s(\"%.*s\")", (int)(paren - f->name), f->name, (int)(strlen(paren) - 2), paren + 1);
    else emit(g, "%s", f->name);
}

static void predicate(qgen *g)
{
    ts_rng *r = &g->r;
    const np_qfield *f = &g->fields[pick(r, (int)g->nfields)];
    field_name(g, f);
    const int form = pick(r, 10);
    if (form == 0) {
        emit(g, chance(r, 50) ? " is null" : " is not null");
    } else if (form <= 2) {
        emit(g, " in [");
        const int n = (int)ts_rng_range(r, 1, 11);
        for (int i = 0; i < n; i++) {
            if (i) emit(g, ", ");
            literal(g, f);
        }
        emit(g, "]");
    } else if (f->type == NP_QTYPE_TEXT && form <= 5) {
        emit(g, " ~ ");
        literal(g, f);
    } else if (f->type == NP_QTYPE_BOOL && form <= 6) {
        /* the bare field */
    } else {
        static const char *const OPS[] = {"=", "!=", "<", "<=", ">", ">=", "=="};
        emit(g, " %s ", f->type == NP_QTYPE_BOOL ? OPS[pick(r, 2)] : OPS[pick(r, 7)]);
        literal(g, f);
    }
}

static void expr(qgen *g, int depth)
{
    ts_rng *r = &g->r;
    if (depth > 3 || chance(r, 35)) {
        if (chance(r, 15)) emit(g, "not ");
        predicate(g);
        return;
    }
    const int kind = pick(r, 4);
    if (kind == 0) {
        emit(g, "not (");
        expr(g, depth + 1);
        emit(g, ")");
        return;
    }
    emit(g, "(");
    const int n = (int)ts_rng_range(r, 2, 4);
    for (int i = 0; i < n; i++) {
        if (i) emit(g, kind == 1 ? " and " : " or ");
        expr(g, depth + 1);
    }
    emit(g, ")");
}

static void random_query(qgen *g)
{
    g->len = 0;
    g->buf[0] = '\0';
    ts_rng *r = &g->r;
    if (chance(r, 90)) expr(g, 0);
    if (chance(r, 50)) {
        emit(g, " order by ");
        const int n = (int)ts_rng_range(r, 1, 3);
        for (int i = 0; i < n; i++) {
            if (i) emit(g, ", ");
            field_name(g, &g->fields[pick(r, (int)g->nfields)]);
            const int dir = pick(r, 3);
            if (dir) emit(g, dir == 1 ? " asc" : " desc");
        }
    }
    if (chance(r, 30)) {
        emit(g, " count by ");
        field_name(g, &g->fields[pick(r, (int)g->nfields)]);
    }
}

/* Stable merge sort of out[0..k) with np_query_compare_records. */
static void merge_sort_rows(const np_query *q, const np_collection_row *recs, size_t *a, size_t *tmp, size_t k)
{
    if (k < 2) return;
    const size_t h = k / 2;
    merge_sort_rows(q, recs, a, tmp, h);
    merge_sort_rows(q, recs, a + h, tmp, k - h);
    size_t i = 0, j = h, n = 0;
    while (i < h && j < k)
        tmp[n++] = np_query_compare_records(q, &recs[a[j]], &recs[a[i]], np_collection_row_get) < 0 ? a[j++] : a[i++];
    while (i < h) tmp[n++] = a[i++];
    while (j < k) tmp[n++] = a[j++];
    memcpy(a, tmp, k * sizeof *a);
}

/* The row-wise answer: rows matching np_query_match, stably sorted by
 * np_query_compare_records. */
static size_t rowwise(const fixture *f, const np_query *q, np_collection_row *recs, size_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < f->n; i++) {
        recs[i] = (np_collection_row){f->c, i};
        if (np_query_match(q, &recs[i], np_collection_row_get)) out[k++] = i;
    }
    size_t *tmp = malloc((k ? k : 1) * sizeof *tmp);
    merge_sort_rows(q, recs, out, tmp, k);
    free(tmp);
    return k;
}

static void check_groups(const fixture *f, const np_query *q, const np_result *res, const size_t *rows, size_t k)
{
    const np_qfield *by = np_result_count_by(res);
    cr_assert_not_null(by);
    size_t total = 0;
    np_qvalue *values = malloc((k ? k : 1) * sizeof *values);
    for (size_t i = 0; i < k; i++) {
        np_collection_row rec = {f->c, rows[i]};
        np_collection_row_get(&rec, q->count_by, &values[i]);
    }
    for (size_t g = 0; g < np_result_group_count(res); g++) {
        np_qvalue v;
        size_t count, naive = 0;
        np_result_group(res, g, &v, &count);
        total += count;
        for (size_t i = 0; i < k; i++) {
            const np_qvalue *x = &values[i];
            if (x->is_null ? v.is_null : (!v.is_null && np_qvalue_compare(x, &v) == 0)) naive++;
        }
        cr_assert_eq(count, naive, "group %zu count", g);
        if (g > 0) {
            np_qvalue pv;
            size_t pc;
            np_result_group(res, g - 1, &pv, &pc);
            cr_assert(pc > count || (pc == count && !pv.is_null && (v.is_null || np_qvalue_compare(&pv, &v) < 0)),
                      "groups sorted by count desc then value");
        }
    }
    cr_assert_eq(total, k);
    free(values);
}

static void property_run(uint64_t seed, bool fractional, int queries)
{
    fixture f = make_fixture(seed, 700, fractional, true);
    qgen g;
    g.r = (ts_rng){seed * 7919};
    g.fields = np_collection_fields(f.c, &g.nfields);
    cr_assert_eq(g.nfields, NP_PF_COUNT + 2);
    np_collection_row *recs = calloc(f.n, sizeof *recs);
    size_t *expect = calloc(f.n, sizeof *expect);
    int compiled = 0;
    for (int t = 0; t < queries; t++) {
        random_query(&g);
        np_query *q;
        np_error err;
        if (np_collection_compile(f.c, &q, g.buf, g.len, &err) != NP_OK) {
            /* Only literals a field rejects (a twin grade, "A.5"...) may fail. */
            cr_assert_eq(err.code, NP_EINVAL, "%s\n%s", g.buf, err.message);
            continue;
        }
        compiled++;
        np_result *res;
        cr_assert_eq(np_collection_run(&res, f.c, q, &err), NP_OK, "%s: %s", g.buf, err.message);
        const size_t k = rowwise(&f, q, recs, expect);
        cr_assert_eq(np_result_count(res), k, "query: %s", g.buf);
        for (size_t i = 0; i < k; i++)
            cr_assert_eq(np_result_row(res, i), expect[i], "query: %s (position %zu)", g.buf, i);
        if (q->count_by) check_groups(&f, q, res, expect, k);
        else cr_assert_null(np_result_count_by(res));
        np_result_free(res);
        np_query_free(q);
    }
    cr_assert_gt(compiled, queries * 3 / 4, "most random queries compile (%d of %d)", compiled, queries);
    free(recs);
    free(expect);
    free_fixture(&f);
}

Test(collection_properties, columns_agree_with_rowwise_small_integers) { property_run(11, false, 500); TS_ASSERT_NO_LEAKS(); }
Test(collection_properties, columns_agree_with_rowwise_doubles) { property_run(12, true, 500); TS_ASSERT_NO_LEAKS(); }

Test(collection_properties, rowwise_collection_getter_is_the_posting_getter)
{
    fixture f = make_fixture(5, 300, true, false);
    size_t nf;
    const np_qfield *fields = np_posting_fields(&nf);
    for (size_t i = 0; i < f.n; i++)
        for (size_t k = 0; k < nf; k++) {
            np_qvalue a, b;
            np_collection_row rec = {f.c, i};
            np_collection_row_get(&rec, &fields[k], &a);
            np_posting_field_get(f.postings[i], &fields[k], &b);
            cr_assert_eq(a.is_null, b.is_null);
            if (!a.is_null) cr_assert_eq(np_qvalue_compare(&a, &b), 0);
        }
    free_fixture(&f);
    TS_ASSERT_NO_LEAKS();
}

/* ---- specific behaviour ---- */

static np_posting *simple(const char *id, const char *division, int grade, const char *deadline)
{
    np_posting *p = np_posting_new();
    cr_assert_eq(np_posting_set_text(&p->id, id, strlen(id), NULL), NP_OK);
    if (division) cr_assert_eq(np_posting_set_text(&p->division, division, strlen(division), NULL), NP_OK);
    p->grade.low = p->grade.high = (uint8_t)grade;
    if (deadline) cr_assert_eq(np_date_parse(&p->deadline.date, deadline, strlen(deadline), NULL), NP_OK);
    return p;
}

static np_collection *small_collection(void)
{
    np_collection *c;
    cr_assert_eq(np_collection_new(&c, NULL), NP_OK);
    np_posting *ps[] = {simple("a", "Operations Division", 15, "2025-11-03"),
                        simple("b", "Defence Policy and Planning Division", 20, NULL),
                        simple("c", "Operations Division", 11, "2025-12-31"),
                        simple("d", NULL, 0, "2025-04-22"),
                        simple("e", "OPERATIONS DIVISION", 17, "2025-04-22")};
    for (size_t i = 0; i < 5; i++) {
        cr_assert_eq(np_collection_add_posting(c, ps[i], NULL), NP_OK);
        np_posting_free(ps[i]);
    }
    return c;
}

static void expect_ids(np_collection *c, const char *query, const char *ids)
{
    np_result *r;
    np_error err;
    cr_assert_eq(np_collection_query(&r, c, query, strlen(query), &err), NP_OK, "%s: %s", query, err.message);
    char got[256] = "";
    for (size_t i = 0; i < np_result_count(r); i++) {
        const np_posting *p = np_result_posting(r, i, NULL);
        strcat(got, i ? " " : "");
        strcat(got, p->id);
    }
    cr_assert_str_eq(got, ids, "query: %s", query);
    np_result_free(r);
}

Test(collection_query, contains_order_nulls_and_counts)
{
    np_collection *c = small_collection();
    expect_ids(c, "division ~ \"operations\"", "a c e");
    expect_ids(c, "division = \"Operations Division\"", "a c");
    expect_ids(c, "grade >= G15 order by grade desc", "b e a");
    expect_ids(c, "order by deadline", "d e a c b");      /* null last */
    expect_ids(c, "order by deadline desc", "c a d e b"); /* ties keep order; null still last */
    expect_ids(c, "deadline is null", "b");
    expect_ids(c, "not deadline < 2025-06-01", "a b c");  /* not of a null comparison is true */
    expect_ids(c, "division != \"Operations Division\"", "b e");
    expect_ids(c, "", "a b c d e");

    np_result *r;
    /* One typed column of the result at a time, for DataFrames. */
    cr_assert_eq(np_collection_query(&r, c, "grade >= G15 order by grade desc", strlen("grade >= G15 order by grade desc"), NULL), NP_OK);
    np_qvalue col[3];
    cr_assert_eq(np_result_values(r, np_posting_field_find("grade"), col, NULL), NP_OK);
    cr_assert_eq(col[0].ordinal, 20);
    cr_assert_eq(col[1].ordinal, 17);
    cr_assert_eq(col[2].ordinal, 15);
    cr_assert_eq(np_result_values(r, np_posting_field_find("division"), col, NULL), NP_OK);
    cr_assert(col[2].text_len == 19 && memcmp(col[2].text, "Operations Division", 19) == 0);
    const np_qfield alien = {"eligible(nobody)", NP_QTYPE_BOOL, NP_PF_ELIGIBLE, NULL};
    np_error err;
    cr_assert_eq(np_result_values(r, &alien, col, &err), NP_EINVAL);
    np_result_free(r);
    cr_assert_eq(np_collection_query(&r, c, "count by division", strlen("count by division"), NULL), NP_OK);
    cr_assert_eq(np_result_group_count(r), 4);
    np_qvalue v;
    size_t n;
    np_result_group(r, 0, &v, &n);
    cr_assert_eq(n, 2);
    cr_assert_eq(strncmp(v.text, "Operations Division", v.text_len), 0);
    np_result_group(r, 3, &v, &n); /* count 1 each: by value, null last */
    cr_assert(v.is_null);
    cr_assert_eq(n, 1);
    np_result_free(r);
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(collection_query, errors_are_positioned_and_foreign_fields_refused)
{
    np_collection *c = small_collection();
    np_result *r = NULL;
    np_error err;
    cr_assert_eq(np_collection_query(&r, c, "grade >= X15", strlen("grade >= X15"), &err), NP_EINVAL);
    cr_assert_null(r);
    cr_assert_eq(err.column, 10);
    cr_assert(strstr(err.message, "\n  grade >= X15\n           ^") != NULL, "%s", err.message);
    cr_assert_eq(np_collection_query(&r, c, "eligible(zoe)", strlen("eligible(zoe)"), &err), NP_EINVAL);
    cr_assert(strstr(err.message, "no field takes an argument") != NULL, "%s", err.message);

    /* A query compiled against another collection's candidate. */
    np_collection *other;
    cr_assert_eq(np_collection_new(&other, NULL), NP_OK);
    np_candidate zoe = NP_CANDIDATE_INIT;
    strcpy(zoe.name, "zoe");
    cr_assert_eq(np_collection_add_candidate(other, &zoe, NULL), NP_OK);
    cr_assert_eq(np_collection_add_candidate(other, &zoe, &err), NP_EINVAL, "duplicate name");
    np_query *q;
    cr_assert_eq(np_collection_compile(other, &q, "eligible(zoe)", strlen("eligible(zoe)"), &err), NP_OK);
    cr_assert_eq(np_collection_run(&r, c, q, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "eligible(zoe)") != NULL, "%s", err.message);
    np_query_free(q);
    cr_assert_eq(np_collection_compile(other, &q, "eligible(bob)", strlen("eligible(bob)"), &err), NP_EINVAL);
    cr_assert(strstr(err.message, "unknown argument 'bob' of eligible(...) (known: eligible(zoe))") != NULL, "%s", err.message);
    cr_assert_eq(err.column, 10);
    np_collection_free(other);
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(collection_query, long_and_chains_do_not_recurse)
{
    np_collection *c = small_collection();
    /* 150,000 conditions: a left-deep chain deeper than a recursive
     * evaluator's stack allows. */
    const char *term = "grade >= G11 and ";
    const size_t terms = 150000, tl = strlen(term);
    char *q = malloc(terms * tl + 32);
    for (size_t i = 0; i < terms; i++) memcpy(q + i * tl, term, tl);
    strcpy(q + terms * tl, "deadline is not null");
    expect_ids(c, q, "a c e");
    /* The row-wise evaluator walks the chain too. */
    np_query *cq;
    cr_assert_eq(np_collection_compile(c, &cq, q, strlen(q), NULL), NP_OK);
    np_collection_row rec = {c, 0};
    cr_assert(np_query_match(cq, &rec, np_collection_row_get));
    np_query_free(cq);
    free(q);
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(collection_query, compiled_queries_survive_new_candidates)
{
    np_collection *c = small_collection();
    np_candidate a = NP_CANDIDATE_INIT;
    strcpy(a.name, "a1");
    cr_assert_eq(np_collection_add_candidate(c, &a, NULL), NP_OK);
    np_query *q;
    const char *text = "eligible(a1) is null count by eligible(a1)";
    cr_assert_eq(np_collection_compile(c, &q, text, strlen(text), NULL), NP_OK);
    for (int i = 0; i < 20; i++) {
        snprintf(a.name, sizeof a.name, "x%d", i);
        cr_assert_eq(np_collection_add_candidate(c, &a, NULL), NP_OK);
    }
    np_result *r;
    cr_assert_eq(np_collection_run(&r, c, q, NULL), NP_OK);
    /* Nationality not given: cannot tell everywhere. */
    cr_assert_eq(np_result_count(r), 5);
    cr_assert_str_eq(np_result_count_by(r)->name, "eligible(a1)");
    np_result_free(r);
    np_query_free(q);
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(collection_query, registered_candidates_and_result_rows_are_listed)
{
    np_collection *c = small_collection();
    cr_assert_eq(np_collection_candidate_count(c), 0);
    cr_assert_null(np_collection_candidate(c, 0));
    np_candidate a = NP_CANDIDATE_INIT;
    const char *names[] = {"ann", "bo", "cy"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(a.name, sizeof a.name, "%s", names[i]);
        a.experience_years = (double)i + 1;
        cr_assert_eq(np_collection_add_candidate(c, &a, NULL), NP_OK);
    }
    strcpy(a.name, "changed after registering");
    cr_assert_eq(np_collection_candidate_count(c), 3);
    for (size_t i = 0; i < 3; i++) {
        const np_candidate *got = np_collection_candidate(c, i);
        cr_assert_not_null(got);
        cr_assert_str_eq(got->name, names[i], "registration order, a copy");
        cr_assert_eq(got->experience_years, (double)i + 1);
    }
    cr_assert_null(np_collection_candidate(c, 3));

    np_result *r;
    const char *text = "not fast_track order by deadline desc";
    cr_assert_eq(np_collection_query(&r, c, text, strlen(text), NULL), NP_OK);
    cr_assert_gt(np_result_count(r), 1);
    const uint32_t *rows = np_result_rows(r);
    for (size_t i = 0; i < np_result_count(r); i++) cr_assert_eq(rows[i], np_result_row(r, i));
    np_result_free(r);
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(collection_query, text_codes_widen_past_8_and_16_bits)
{
    /* 70,000 distinct ids and 300 distinct titles: the id column's codes
     * grow from 8 to 16 to 32 bits, the title column's to 16, while rows are
     * being added; answers stay those of the row-wise evaluator. */
    np_collection *c;
    cr_assert_eq(np_collection_new(&c, NULL), NP_OK);
    char id[32], title[32];
    for (int i = 0; i < 70000; i++) {
        np_posting *p = np_posting_new();
        snprintf(id, sizeof id, "w%05d", i);
        snprintf(title, sizeof title, "Title %03d", i % 300);
        cr_assert_eq(np_posting_set_text(&p->id, id, strlen(id), NULL), NP_OK);
        cr_assert_eq(np_posting_set_text(&p->title, title, strlen(title), NULL), NP_OK);
        p->grade.low = p->grade.high = (uint8_t)(1 + i % 24);
        cr_assert_eq(np_collection_add_posting(c, p, NULL), NP_OK);
        np_posting_free(p);
    }
    static const char *const QUERIES[] = {
        "id = w69999", "id in [w00000, w00255, w00256, w65535, w65536, w69999]", "id ~ \"w6553\"",
        "title = \"Title 299\" and grade >= G20", "title ~ \"title 2\" and id < w00500",
        "id >= w65530 and id <= w65540 order by id desc"};
    for (size_t k = 0; k < sizeof QUERIES / sizeof QUERIES[0]; k++) {
        np_query *q;
        cr_assert_eq(np_collection_compile(c, &q, QUERIES[k], strlen(QUERIES[k]), NULL), NP_OK);
        np_result *r;
        cr_assert_eq(np_collection_run(&r, c, q, NULL), NP_OK);
        size_t j = 0;
        for (size_t row = 0; row < np_collection_count(c); row++) {
            np_collection_row rec = {c, row};
            if (!np_query_match(q, &rec, np_collection_row_get)) continue;
            cr_assert_lt(j, np_result_count(r), "%s", QUERIES[k]);
            if (q->order_by_count == 0) cr_assert_eq(np_result_row(r, j), row, "%s", QUERIES[k]);
            j++;
        }
        cr_assert_eq(j, np_result_count(r), "%s", QUERIES[k]);
        np_result_free(r);
        np_query_free(q);
    }
    expect_ids(c, "id >= w65530 and id <= w65534 order by id desc", "w65534 w65533 w65532 w65531 w65530");
    expect_ids(c, "id in [w00000, w00255, w00256, w65535, w65536, w69999]", "w00000 w00255 w00256 w65535 w65536 w69999");
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}
