/* The query language over postings: the shared table tests/data/query_cases.json
 * (the five seeds from NATOPOST_SEEDS plus tests/data/query_postings.ndjson,
 * candidates alice and bruno) run through the collection, and again through
 * the row-wise evaluator; the posting field table and its semantics on
 * hand-built postings. Under CI=true a missing seeds folder is a failure. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "natopost/natopost.h"
#include "support.h"

/* ---- the shared table ---- */

static json_t *load_table(void)
{
    const char *dir = getenv("NATOPOST_TEST_DATA");
    cr_assert_not_null(dir, "NATOPOST_TEST_DATA is not set");
    char path[1024];
    snprintf(path, sizeof path, "%s/query_cases.json", dir);
    json_error_t jerr;
    json_t *t = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    cr_assert_not_null(t, "%s: %s (line %d)", path, jerr.text, jerr.line);
    return t;
}

static const char *seeds_dir(void)
{
    const char *dir = getenv("NATOPOST_SEEDS");
    const char *ci = getenv("CI");
    struct stat sb;
    if (!dir || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        if (ci && strcmp(ci, "true") == 0)
            cr_assert_fail("seeds folder %s missing (CI=true)", dir ? dir : "(NATOPOST_SEEDS unset)");
        cr_skip_test("seeds folder %s not found; set NATOPOST_SEEDS", dir ? dir : "(unset)");
    }
    return dir;
}

/* The table's collection: seeds in file-name order, then the postings file;
 * the candidates registered. Checks each seed's id first. */
static np_collection *table_collection(const json_t *t)
{
    const char *data = getenv("NATOPOST_TEST_DATA");
    const char *seeds = seeds_dir();
    const json_t *coll = json_object_get(t, "collection");
    np_collection *c;
    np_error err;
    char path[1024];
    cr_assert_eq(np_collection_new(&c, &err), NP_OK);
    const char *file;
    json_t *id;
    size_t row = 0;
    json_object_foreach((json_t *)json_object_get(coll, "seeds"), file, id) {
        snprintf(path, sizeof path, "%s/%s", seeds, file);
        cr_assert_eq(np_collection_add_file(c, path, &err), NP_OK, "%s", err.message);
        const np_posting *p = np_collection_posting(c, row++, &err);
        cr_assert_not_null(p);
        cr_assert_str_eq(p->id, json_string_value(id), "seed %s is read with id %s; the table expects %s", file,
                         p->id, json_string_value(id));
    }
    snprintf(path, sizeof path, "%s/%s", data, json_string_value(json_object_get(coll, "postings")));
    cr_assert_eq(np_collection_add_file(c, path, &err), NP_OK, "%s", err.message);
    const char *name;
    json_t *cand_path;
    json_object_foreach((json_t *)json_object_get(t, "candidates"), name, cand_path) {
        np_candidate cand;
        snprintf(path, sizeof path, "%s/%s", data, json_string_value(cand_path));
        cr_assert_eq(np_candidate_load(&cand, path, &err), NP_OK, "%s", err.message);
        cr_assert_str_eq(cand.name, name);
        cr_assert_eq(np_collection_add_candidate(c, &cand, &err), NP_OK, "%s", err.message);
    }
    return c;
}

/* A value as the table writes it: text as a string, numbers as numbers,
 * booleans as booleans, dates/grades/levels/clearances as canonical text,
 * null as null. */
static bool value_is(const np_qvalue *v, const json_t *want)
{
    if (v->is_null) return json_is_null(want);
    switch (v->type) {
    case NP_QTYPE_TEXT:
        return json_is_string(want) && json_string_length(want) == v->text_len &&
               memcmp(json_string_value(want), v->text, v->text_len) == 0;
    case NP_QTYPE_NUMBER: return json_is_number(want) && json_number_value(want) == v->number;
    case NP_QTYPE_BOOL: return json_is_boolean(want) && json_is_true(want) == (v->ordinal != 0);
    default: {
        char buf[32];
        np_posting_field_format(v, buf, sizeof buf);
        return json_is_string(want) && strcmp(json_string_value(want), buf) == 0;
    }
    }
}

static void check_case(np_collection *c, const json_t *k)
{
    const char *query = json_string_value(json_object_get(k, "query"));
    const json_t *ids = json_object_get(k, "ids");
    const json_t *groups = json_object_get(k, "groups");
    np_result *r;
    np_error err;
    cr_assert_eq(np_collection_query(&r, c, query, strlen(query), &err), NP_OK, "%s: %s", query, err.message);
    cr_assert_eq(np_result_count(r), json_array_size(ids), "%s: %zu matches, the table says %zu", query,
                 np_result_count(r), json_array_size(ids));
    for (size_t i = 0; i < np_result_count(r); i++) {
        const np_posting *p = np_result_posting(r, i, NULL);
        cr_assert_str_eq(p->id, json_string_value(json_array_get(ids, i)), "%s: match %zu", query, i);
    }
    if (groups) {
        cr_assert_not_null(np_result_count_by(r), "%s", query);
        cr_assert_eq(np_result_group_count(r), json_array_size(groups), "%s: group count", query);
        for (size_t g = 0; g < json_array_size(groups); g++) {
            const json_t *want = json_array_get(groups, g);
            np_qvalue v;
            size_t count;
            np_result_group(r, g, &v, &count);
            cr_assert(value_is(&v, json_array_get(want, 0)), "%s: group %zu value", query, g);
            cr_assert_eq((json_int_t)count, json_integer_value(json_array_get(want, 1)), "%s: group %zu count", query, g);
        }
    } else {
        cr_assert_null(np_result_count_by(r), "%s", query);
    }
    np_result_free(r);

    /* The row-wise evaluator gives the same set. */
    np_query *q;
    cr_assert_eq(np_collection_compile(c, &q, query, strlen(query), NULL), NP_OK);
    size_t matched = 0;
    for (size_t row = 0; row < np_collection_count(c); row++) {
        np_collection_row rec = {c, row};
        matched += np_query_match(q, &rec, np_collection_row_get);
    }
    cr_assert_eq(matched, json_array_size(ids), "%s: row-wise", query);
    np_query_free(q);
}

Test(query_table, every_case_of_the_shared_table)
{
    json_t *t = load_table();
    np_collection *c = table_collection(t);
    const json_t *cases = json_object_get(t, "cases");
    cr_assert_gt(json_array_size(cases), 40);
    size_t i;
    json_t *k;
    json_array_foreach(cases, i, k) check_case(c, k);
    np_collection_free(c);
    json_decref(t);
    TS_ASSERT_NO_LEAKS();
}

Test(query_table, every_error_of_the_shared_table)
{
    json_t *t = load_table();
    np_collection *c = table_collection(t);
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(t, "errors"), i, e) {
        const char *query = json_string_value(json_object_get(e, "query"));
        np_result *r = NULL;
        np_error err;
        const np_status st = np_collection_query(&r, c, query, strlen(query), &err);
        cr_assert_neq(st, NP_OK, "%s compiled", query);
        cr_assert_null(r);
        cr_assert_str_eq(np_status_name(st), json_string_value(json_object_get(e, "code")), "%s", query);
        cr_assert_eq(err.column, json_integer_value(json_object_get(e, "column")), "%s: column %d", query, err.column);
        cr_assert(strstr(err.message, json_string_value(json_object_get(e, "message"))) != NULL, "%s: %s", query,
                  err.message);
        /* One line, then the query, then a caret under the column. */
        char caret[512];
        snprintf(caret, sizeof caret, "\n  %s\n  %*s^", query, err.column - 1, "");
        cr_assert(strstr(err.message, caret) != NULL, "%s: caret\n%s", query, err.message);
    }
    np_collection_free(c);
    json_decref(t);
    TS_ASSERT_NO_LEAKS();
}

/* ---- the posting field table ---- */

Test(query_fields, names_are_unique_and_ids_are_indices)
{
    size_t n;
    const np_qfield *f = np_posting_fields(&n);
    cr_assert_eq(n, NP_PF_COUNT);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(f[i].id, (int)i);
        cr_assert_eq(np_posting_field_find(f[i].name), &f[i]);
        for (size_t j = 0; j < i; j++) cr_assert_str_neq(f[i].name, f[j].name);
    }
    cr_assert_null(np_posting_field_find("grades"));
}

static np_posting *with_languages(np_lang_form form, int a, int b)
{
    np_posting *p = np_posting_new();
    np_requirement *r;
    cr_assert_eq(np_posting_add_requirement(p, &r, true, "languages", 9, 1, NULL), NP_OK);
    r->kind = NP_REQ_LANGUAGES;
    r->as.languages.form = form;
    if (form == NP_LANG_NAMED) {
        r->as.languages.english = (np_lang_level)a;
        r->as.languages.french = (np_lang_level)b;
    } else {
        r->as.languages.one = (np_lang_level)a;
        r->as.languages.other = (np_lang_level)b;
    }
    return p;
}

static const char *field_text(const np_posting *p, const char *name)
{
    static char buf[64];
    np_qvalue v;
    np_posting_field_get(p, np_posting_field_find(name), &v);
    if (v.is_null) return "null";
    np_posting_field_format(&v, buf, sizeof buf);
    return buf;
}

Test(query_fields, language_levels_per_form)
{
    np_posting *p = with_languages(NP_LANG_EITHER_OR, 5, 1); /* V in one; I in the other */
    cr_assert_str_eq(field_text(p, "lang.first"), "V");
    cr_assert_str_eq(field_text(p, "lang.second"), "I");
    cr_assert_str_eq(field_text(p, "lang.english"), "I"); /* either language may be the I one */
    cr_assert_str_eq(field_text(p, "lang.french"), "I");
    cr_assert_str_eq(field_text(p, "lang.form"), "either_or");
    np_posting_free(p);
    p = with_languages(NP_LANG_BOTH, 6, 6);
    cr_assert_str_eq(field_text(p, "lang.english"), "VI");
    cr_assert_str_eq(field_text(p, "lang.second"), "VI");
    np_posting_free(p);
    p = with_languages(NP_LANG_NAMED, 0, 6); /* "a proficient command of French (level VI)" */
    cr_assert_str_eq(field_text(p, "lang.french"), "VI");
    cr_assert_str_eq(field_text(p, "lang.english"), "null");
    cr_assert_str_eq(field_text(p, "lang.first"), "VI");
    cr_assert_str_eq(field_text(p, "lang.second"), "null");
    np_posting_free(p);
    p = np_posting_new();
    cr_assert_str_eq(field_text(p, "lang.first"), "null");
    cr_assert_str_eq(field_text(p, "experience"), "null");
    cr_assert_str_eq(field_text(p, "fast_track"), "null", "not stated is unknown");
    cr_assert_str_eq(field_text(p, "salary.tax_free"), "null", "not stated is unknown");
    cr_assert_str_eq(field_text(p, "travel"), "null", "no travel requirement is not \"no travel\"");
    cr_assert_str_eq(field_text(p, "language"), "null");
    cr_assert_str_eq(field_text(p, "twin_grade"), "false");
    cr_assert_str_eq(field_text(p, "competencies"), "0");
    cr_assert_str_eq(field_text(p, "contract.conversion"), "null");
    np_posting_free(p);
}

Test(query_fields, literals_and_formats)
{
    size_t n;
    const np_qfield *fields = np_posting_fields(&n);
    np_query *q;
    np_error err;
    static const char *const OK[] = {"grade = \"NATO Grade G20\"", "grade = A.2", "grade = 24",
                                     "lang.second = \"upper indermediate\"", "clearance = \"CTS/A\"",
                                     "degree = phd", "degree = 1.5", "deadline = 2025-02-28"};
    for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
        cr_assert_eq(np_query_compile(&q, OK[i], strlen(OK[i]), fields, n, &err), NP_OK, "%s: %s", OK[i], err.message);
        np_query_free(q);
    }
    static const char *const BAD[] = {"grade = G25", "degree = doctor", "deadline = 2025-02-29", "clearance = S",
                                      "fast_track = yes", "salary = 1e999"};
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        cr_assert_eq(np_query_compile(&q, BAD[i], strlen(BAD[i]), fields, n, &err), NP_EINVAL, "%s", BAD[i]);
        cr_assert_null(q);
    }
    char buf[8];
    np_qvalue v = {NP_QTYPE_NUMBER, false, 7563.38, 0, NULL, 0};
    cr_assert_eq(np_posting_field_format(&v, buf, sizeof buf), 7);
    cr_assert_str_eq(buf, "7563.38");
    v.number = 0.1 + 0.2; /* shortest text that reads back exactly */
    cr_assert_eq(np_posting_field_format(&v, buf, sizeof buf), 19);
    cr_assert_str_eq(buf, "0.30000");  /* truncated to the buffer, snprintf style */
    v = (np_qvalue){NP_QTYPE_DATE, false, 0, 20389, NULL, 0};
    cr_assert_eq(np_posting_field_format(&v, buf, sizeof buf), 10);
    cr_assert_eq(strlen(buf), 7); /* 8 bytes: truncated */
    v = (np_qvalue){NP_QTYPE_CLEARANCE, false, 0, NP_CLEARANCE_NS, NULL, 0};
    np_posting_field_format(&v, buf, sizeof buf);
    cr_assert_str_eq(buf, "NS");
}

Test(query_fields, typos_get_a_suggestion)
{
    size_t n;
    const np_qfield *fields = np_posting_fields(&n);
    np_query *q;
    np_error err;
    static const char *const TYPOS[][2] = {{"grde >= G15", "'grade'"}, {"deadlin is null", "'deadline'"},
                                          {"lang.secnd >= II", "'lang.second'"}, {"titel ~ x", "'title'"}};
    for (size_t i = 0; i < 4; i++) {
        cr_assert_eq(np_query_compile(&q, TYPOS[i][0], strlen(TYPOS[i][0]), fields, n, &err), NP_EINVAL);
        char want[64];
        snprintf(want, sizeof want, "(did you mean %s?) at column 1", TYPOS[i][1]);
        cr_assert(strstr(err.message, want) != NULL, "%s", err.message);
    }
    cr_assert_eq(np_query_compile(&q, "zzzz = 1", 8, fields, n, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "(known: id, source, language, title") != NULL, "%s", err.message);
}

Test(query_fields, bare_postings_query_row_wise)
{
    size_t n;
    const np_qfield *fields = np_posting_fields(&n);
    np_posting *p = with_languages(NP_LANG_EITHER_OR, 5, 3);
    p->grade = (np_grade){15, 16, 0};
    p->contract.twin_grade_note = false;
    np_query *q;
    const char *text = "grade >= G15 and grade.high = G16 and twin_grade and lang.english >= III and not fast_track";
    cr_assert_eq(np_query_compile(&q, text, strlen(text), fields, n, NULL), NP_OK);
    cr_assert(np_query_match(q, p, np_posting_field_get));
    np_query_free(q);
    np_posting_free(p);
}

/* ---- parameters ("?") and today ---- */

static np_posting *dated_posting(const char *id, int grade, np_date deadline, double salary)
{
    np_posting *p = np_posting_new();
    cr_assert_not_null(p);
    p->id = strdup(id);
    p->title = strdup(grade == 15 ? "Officer's \"quoted\" post" : "Officer");
    p->grade = (np_grade){(uint8_t)grade, (uint8_t)grade, 0};
    p->deadline.date = deadline;
    p->salary.amount = salary;
    return p;
}

/* Three postings: a (G13, 2025-01-10, 5000), b (G15, 2025-06-01, 7000.5),
 * c (G17, 2026-01-01, 9000). */
static np_collection *dated_collection(void)
{
    np_collection *c;
    cr_assert_eq(np_collection_new(&c, NULL), NP_OK);
    static const struct { const char *id; int grade; const char *deadline; double salary; } ROWS[] = {
        {"a", 13, "2025-01-10", 5000}, {"b", 15, "2025-06-01", 7000.5}, {"c", 17, "2026-01-01", 9000}};
    for (size_t i = 0; i < 3; i++) {
        np_date d;
        cr_assert_eq(np_date_parse(&d, ROWS[i].deadline, 10, NULL), NP_OK);
        np_posting *p = dated_posting(ROWS[i].id, ROWS[i].grade, d, ROWS[i].salary);
        cr_assert_eq(np_collection_add_posting(c, p, NULL), NP_OK);
        np_posting_free(p);
    }
    return c;
}

/* The ids the query selects with `env`, joined ("a,c"), or the error. */
static const char *ids_of(np_collection *c, const char *text, const np_query_env *env, char *buf, size_t size)
{
    np_result *r;
    np_error err;
    if (np_collection_query_env(&r, c, text, strlen(text), env, &err) != NP_OK) {
        snprintf(buf, size, "error: %s", err.message);
        return buf;
    }
    size_t n = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < np_result_count(r); i++) {
        const np_posting *p = np_result_posting(r, i, NULL);
        n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? "," : "", p->id);
    }
    np_result_free(r);
    return buf;
}

static np_qparam text_param(const char *s) { return (np_qparam){NP_QPARAM_TEXT, s, strlen(s), 0, 0, 0, false}; }

Test(query_params, typed_values_bind_in_order)
{
    np_collection *c = dated_collection();
    char buf[400];
    np_date june;
    cr_assert_eq(np_date_parse(&june, "2025-06-01", 10, NULL), NP_OK);
    const np_qparam date_and_grade[] = {{NP_QPARAM_DATE, NULL, 0, 0, 0, june, false}, text_param("G15")};
    np_query_env env = {date_and_grade, 2, false, 0};
    cr_assert_str_eq(ids_of(c, "deadline >= ? and grade >= ?", &env, buf, sizeof buf), "b,c");
    /* Strings are read as the field's literal: string-only hosts bind any type. */
    const np_qparam strings[] = {text_param("2025-06-01"), text_param("III"), text_param("NATO SECRET")};
    env = (np_query_env){strings, 3, false, 0};
    cr_assert_str_eq(ids_of(c, "deadline < ? or lang.second >= ? or clearance = ?", &env, buf, sizeof buf), "a");
    const np_qparam numbers[] = {{NP_QPARAM_INTEGER, NULL, 0, 7000, 0, 0, false},
                                 {NP_QPARAM_NUMBER, NULL, 0, 0, 9000.0, 0, false}};
    env = (np_query_env){numbers, 2, false, 0};
    cr_assert_str_eq(ids_of(c, "salary > ? and salary < ?", &env, buf, sizeof buf), "b");
    /* Quotes and backslashes in a value are the value's: no quoting problem. */
    const np_qparam quoted[] = {text_param("'s \"quoted\""), text_param("b")};
    env = (np_query_env){quoted, 2, false, 0};
    cr_assert_str_eq(ids_of(c, "title ~ ? and id in [?, c]", &env, buf, sizeof buf), "b");
    const np_qparam flag[] = {{NP_QPARAM_BOOL, NULL, 0, 0, 0, 0, false}};
    env = (np_query_env){flag, 1, false, 0};
    cr_assert_str_eq(ids_of(c, "twin_grade = ?", &env, buf, sizeof buf), "a,b,c");
    np_collection_free(c);
}

Test(query_params, the_compiled_query_keeps_its_own_copy_of_a_text)
{
    size_t n;
    const np_qfield *fields = np_posting_fields(&n);
    char value[] = "b";
    const np_qparam params[] = {{NP_QPARAM_TEXT, value, 1, 0, 0, 0, false}};
    const np_query_env env = {params, 1, false, 0};
    np_query *q;
    cr_assert_eq(np_query_compile_env(&q, "id = ?", 6, fields, n, &env, NULL), NP_OK);
    value[0] = 'x';
    np_posting *p = dated_posting("b", 15, NP_DATE_NONE, -1);
    cr_assert(np_query_match(q, p, np_posting_field_get));
    np_posting_free(p);
    np_query_free(q);
}

/* Compiles `text` with `env` and expects NP_EINVAL at `column` with `what`
 * in the message. */
static void expect_param_error(const char *text, const np_query_env *env, int column, const char *what)
{
    size_t n;
    const np_qfield *fields = np_posting_fields(&n);
    np_query *q = NULL;
    np_error err;
    cr_assert_eq(np_query_compile_env(&q, text, strlen(text), fields, n, env, &err), NP_EINVAL, "%s", text);
    cr_assert_null(q);
    cr_assert_eq(err.column, column, "%s: column %d: %s", text, err.column, err.message);
    cr_assert(strstr(err.message, what) != NULL, "%s: %s", text, err.message);
    char caret[256];
    snprintf(caret, sizeof caret, "\n  %s\n  %*s^", text, column - 1, "");
    cr_assert(strstr(err.message, caret) != NULL, "%s: caret\n%s", text, err.message);
}

Test(query_params, mismatches_are_positioned_errors)
{
    np_date d;
    cr_assert_eq(np_date_parse(&d, "2025-06-01", 10, NULL), NP_OK);
    const np_qparam one_date[] = {{NP_QPARAM_DATE, NULL, 0, 0, 0, d, false}};
    const np_query_env date_env = {one_date, 1, false, 0};
    expect_param_error("salary > 1 and grade >= ?", &date_env, 25,
                       "parameter 1 is a date, but grade is a grade field: give a grade such as \"G15\"");
    expect_param_error("deadline > ? and grade >= ?", &date_env, 27, "placeholder 2 has no value (1 parameter given)");
    expect_param_error("deadline > today", &date_env, 17, "1 parameter given, but the query has 0 placeholders");
    expect_param_error("id = ?", NULL, 6, "placeholder 1 has no value (0 parameters given)");
    const np_qparam bad_grade[] = {text_param("G25")};
    const np_query_env grade_env = {bad_grade, 1, false, 0};
    expect_param_error("grade >= ?", &grade_env, 10, "parameter 1 (\"G25\"): grade is a grade field:");
    const np_qparam nul[] = {{NP_QPARAM_TEXT, "5\0x", 3, 0, 0, 0, false}};
    const np_query_env nul_env = {nul, 1, false, 0};
    expect_param_error("salary = ?", &nul_env, 10, "parameter 1 (\"5\\x00x\") contains a NUL byte");
    const np_qparam newline[] = {text_param("G1\nG2")};
    const np_query_env newline_env = {newline, 1, false, 0};
    expect_param_error("grade = ?", &newline_env, 9, "parameter 1 (\"G1\\x0AG2\"): grade is a grade field:");
    const np_qparam number_for_text[] = {{NP_QPARAM_INTEGER, NULL, 0, 15, 0, 0, false}};
    const np_query_env number_env = {number_for_text, 1, false, 0};
    expect_param_error("title = ?", &number_env, 9, "parameter 1 is an integer, but title is a text field: give a string");
    const np_qparam huge[] = {{NP_QPARAM_INTEGER, NULL, 0, INT64_MAX, 0, 0, false}};
    const np_query_env huge_env = {huge, 1, false, 0};
    expect_param_error("salary = ?", &huge_env, 10, "too large to compare exactly");
    const np_qparam nan[] = {{NP_QPARAM_NUMBER, NULL, 0, 0, NAN, 0, false}};
    const np_query_env nan_env = {nan, 1, false, 0};
    expect_param_error("salary = ?", &nan_env, 10, "parameter 1 is not a finite number");
    const np_qparam far[] = {{NP_QPARAM_DATE, NULL, 0, 0, 0, NP_DATE_MAX + 1, false}};
    const np_query_env far_env = {far, 1, false, 0};
    expect_param_error("deadline = ?", &far_env, 12, "outside 0001-01-01..9999-12-31");
    size_t n;
    const np_qfield *fields = np_posting_fields(&n);
    np_query *q;
    np_error err;
    cr_assert_eq(np_query_compile_env(&q, "? = 1", 5, fields, n, &date_env, &err), NP_EPARSE);
    cr_assert(strstr(err.message, "expected a field name, found '?' at column 1") != NULL, "%s", err.message);
}

Test(query_params, today_is_fixed_or_the_local_date)
{
    np_collection *c = dated_collection();
    char buf[400];
    np_date fixed;
    cr_assert_eq(np_date_parse(&fixed, "2025-06-01", 10, NULL), NP_OK);
    np_query_env env = {NULL, 0, true, fixed};
    cr_assert_str_eq(ids_of(c, "deadline >= today", &env, buf, sizeof buf), "b,c");
    cr_assert_str_eq(ids_of(c, "deadline in [today, 2025-01-10] order by deadline desc", &env, buf, sizeof buf), "b,a");
    cr_assert_str_eq(ids_of(c, "deadline > TODAY", &env, buf, sizeof buf), "c"); /* a keyword: any case */
    /* Not a date field: the word is a text like any other. */
    cr_assert_str_eq(ids_of(c, "title = today", &env, buf, sizeof buf), "");
    /* The local date: every deadline of the table is in the past or in the future of it. */
    np_date local;
    cr_assert_eq(np_date_today(&local, NULL), NP_OK);
    cr_assert(local > fixed, "the clock says %d", local);
    cr_assert_str_eq(ids_of(c, "deadline < today", NULL, buf, sizeof buf), local > 20454 ? "a,b,c" : "a,b");
    np_collection_free(c);
}
