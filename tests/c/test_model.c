/* The record model: grades, clearance and language scales, STANAG profiles,
 * posting ownership (clone, equality) and contract terms as a policy. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"
#include "support.h"

static np_grade grade_of(const char *text)
{
    np_grade g = NP_GRADE_NONE;
    np_error err;
    np_status st = np_grade_parse(&g, text, strlen(text), &err);
    cr_assert_eq(st, NP_OK, "np_grade_parse(\"%s\"): %s", text, err.message);
    return g;
}

static void expect_grade(const char *text, int low, int high, const char *canonical)
{
    np_grade g = grade_of(text);
    cr_expect_eq(g.low, low, "%s: low %d, expected %d", text, g.low, low);
    cr_expect_eq(g.high, high, "%s: high %d, expected %d", text, g.high, high);
    char buf[NP_GRADE_TEXT_MAX];
    np_grade_format(g, buf);
    cr_expect_str_eq(buf, canonical, "%s formats as %s, expected %s", text, buf, canonical);
}

Test(grade, spellings_from_notices)
{
    expect_grade("G20", 20, 20, "G20");
    expect_grade("NATO Grade G20", 20, 20, "G20");
    expect_grade("G-15", 15, 15, "G15");
    expect_grade("NATO Grade: 24", 24, 24, "G24");
    expect_grade("NG 24", 24, 24, "G24");
    expect_grade("Grade 19", 19, 19, "G19");
    expect_grade("G15/G16", 15, 16, "G15/G16");
    expect_grade("G15/17", 15, 17, "G15/G17");
    expect_grade("G17-G20", 17, 20, "G17/G20");
    expect_grade("  g11 - g15 ", 11, 15, "G11/G15");
    expect_grade("A2", 15, 15, "A2");
    expect_grade("A.2", 15, 15, "A2");
    expect_grade("Grade A.4", 20, 20, "A4");
    expect_grade("A-2/G-15", 15, 15, "A2");
    expect_grade("A2/A3", 15, 17, "A2/A3");
    expect_grade("A2/3", 15, 17, "A2/A3");
    expect_grade("B2-B3", 5, 8, "B2/B3");
    expect_grade("L.1", 13, 13, "L1");
    expect_grade("C6", 9, 9, "C6");
}

Test(grade, old_grades_map_to_g_numbers)
{
    const int a[] = {11, 15, 17, 20, 22, 23, 24};
    for (int i = 0; i < 7; i++) cr_expect_eq(np_grade_from_category('A', i + 1), a[i]);
    cr_expect_eq(np_grade_from_category('A', 8), 0);
    cr_expect_eq(np_grade_from_category('L', 5), 21);
    cr_expect_eq(np_grade_from_category('B', 4), 10);
    cr_expect_eq(np_grade_from_category('C', 1), 1);
    cr_expect_eq(np_grade_from_category('X', 1), 0);
}

Test(grade, order)
{
    cr_expect_lt(np_grade_compare(grade_of("G15"), grade_of("G20")), 0);
    cr_expect_eq(np_grade_compare(grade_of("A2"), grade_of("G15")), 0);
    cr_expect_lt(np_grade_compare(grade_of("G15"), grade_of("G15/G16")), 0);
    cr_expect_gt(np_grade_compare(grade_of("A4"), grade_of("A2/A3")), 0);
    cr_expect_lt(np_grade_compare(NP_GRADE_NONE, grade_of("G1")), 0);
}

static void expect_grade_error(const char *text, np_status code, const char *fragment)
{
    np_grade g = grade_of("G1");
    np_error err;
    np_status st = np_grade_parse(&g, text, strlen(text), &err);
    cr_expect_eq(st, code, "\"%s\": status %d, expected %d (%s)", text, st, code, err.message);
    cr_expect(strstr(err.message, fragment) != NULL, "\"%s\": message \"%s\" lacks \"%s\"", text,
              err.message, fragment);
    cr_expect_eq(g.low, 1, "a failed parse must not touch *out");
}

Test(grade, bad_input)
{
    expect_grade_error("", NP_EPARSE, "missing grade number");
    expect_grade_error("G", NP_EPARSE, "missing grade number");
    expect_grade_error("G25", NP_EINVAL, "G25 is out of range");
    expect_grade_error("G0", NP_EINVAL, "G0 is out of range");
    expect_grade_error("A8", NP_EINVAL, "A8 does not exist");
    expect_grade_error("G20x", NP_EPARSE, "column 4");
    expect_grade_error("G16/G15", NP_EINVAL, "below where it starts");
    expect_grade_error("A2/G20", NP_EINVAL, "mixes grade styles");
    expect_grade_error("A3 (A2/3)", NP_EPARSE, "unexpected text");
    expect_grade_error("G99999999999", NP_EPARSE, "too long");
}

Test(clearance, names_and_abbreviations)
{
    static const struct {
        const char *text;
        np_clearance level;
        bool atomal;
    } cases[] = {
        {"NATO RESTRICTED", NP_CLEARANCE_NR, false}, {"nato  confidential", NP_CLEARANCE_NC, false},
        {"NATO SECRET", NP_CLEARANCE_NS, false},     {"NS", NP_CLEARANCE_NS, false},
        {"COSMIC TOP SECRET", NP_CLEARANCE_CTS, false}, {"CTS/A", NP_CLEARANCE_CTS, true},
        {"cosmic top secret atomal", NP_CLEARANCE_CTS, true}, {" NR ", NP_CLEARANCE_NR, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        np_clearance level = NP_CLEARANCE_NONE;
        bool atomal = !cases[i].atomal;
        np_error err;
        cr_assert_eq(np_clearance_parse(&level, &atomal, cases[i].text, strlen(cases[i].text), &err),
                     NP_OK, "%s: %s", cases[i].text, err.message);
        cr_expect_eq(level, cases[i].level, "%s", cases[i].text);
        cr_expect_eq(atomal, cases[i].atomal, "%s", cases[i].text);
    }
    cr_expect_lt(NP_CLEARANCE_NR, NP_CLEARANCE_NC);
    cr_expect_lt(NP_CLEARANCE_NS, NP_CLEARANCE_CTS);
    cr_expect_str_eq(np_clearance_name(NP_CLEARANCE_NS), "NATO SECRET");
    cr_expect_str_eq(np_clearance_abbrev(NP_CLEARANCE_CTS), "CTS");
    cr_expect_str_eq(np_clearance_name(NP_CLEARANCE_NONE), "");
    np_clearance level;
    np_error err;
    cr_expect_eq(np_clearance_parse(&level, NULL, "SECRET", 6, &err), NP_EPARSE);
    cr_expect(strstr(err.message, "unknown security clearance \"SECRET\"") != NULL, "%s", err.message);
    cr_expect_eq(np_clearance_parse(&level, NULL, "", 0, &err), NP_EPARSE);
}

Test(language_level, numerals_and_names)
{
    const char *numerals[] = {"I", "II", "III", "IV", "V", "VI"};
    const char *names[] = {"Beginner", "Elementary", "Intermediate", "Upper Intermediate",
                           "Advanced", "Proficiency"};
    for (int i = 0; i < 6; i++) {
        np_lang_level a, b;
        np_error err;
        cr_assert_eq(np_lang_level_parse(&a, numerals[i], strlen(numerals[i]), &err), NP_OK);
        cr_assert_eq(np_lang_level_parse(&b, names[i], strlen(names[i]), &err), NP_OK);
        cr_expect_eq((int)a, i + 1);
        cr_expect_eq((int)b, i + 1);
        cr_expect_str_eq(np_lang_level_numeral(a), numerals[i]);
        cr_expect_str_eq(np_lang_level_name(a), names[i]);
    }
    np_lang_level level;
    np_error err;
    cr_expect_eq(np_lang_level_parse(&level, "upper  indermediate", 19, &err), NP_OK);
    cr_expect_eq(level, NP_LEVEL_IV);
    cr_expect_eq(np_lang_level_parse(&level, "iii", 3, &err), NP_OK);
    cr_expect_eq(level, NP_LEVEL_III);
    cr_expect_eq(np_lang_level_parse(&level, "VII", 3, &err), NP_EPARSE);
    cr_expect(strstr(err.message, "unknown language level \"VII\"") != NULL, "%s", err.message);
    cr_expect_eq(np_lang_level_parse(&level, "3", 1, &err), NP_EPARSE);
}

Test(stanag, profiles)
{
    np_stanag_profile p;
    np_error err;
    char buf[16];
    cr_assert_eq(np_stanag_parse(&p, "SLP 3321", 8, &err), NP_OK, "%s", err.message);
    cr_expect(p.listening == 3 && p.speaking == 3 && p.reading == 2 && p.writing == 1);
    np_stanag_format(p, buf);
    cr_expect_str_eq(buf, "SLP 3321");
    cr_assert_eq(np_stanag_parse(&p, "3+3+32", 6, &err), NP_OK, "%s", err.message);
    cr_expect_eq(p.plus_mask, 3);
    np_stanag_format(p, buf);
    cr_expect_str_eq(buf, "SLP 3+3+32");
    cr_expect_eq(np_stanag_parse(&p, "SLP 3363", 8, &err), NP_EINVAL);
    cr_expect(strstr(err.message, "reading level 6 is out of range") != NULL, "%s", err.message);
    cr_expect_eq(np_stanag_parse(&p, "SLP 33", 6, &err), NP_EPARSE);
    cr_expect(strstr(err.message, "reading level") != NULL, "%s", err.message);
    cr_expect_eq(np_stanag_parse(&p, "33333", 5, &err), NP_EPARSE);
    cr_expect_eq(err.column, 5);
    np_stanag_format(NP_STANAG_NONE, buf);
    cr_expect_str_eq(buf, "");
}

Test(requirement, kind_names_round_trip)
{
    for (int k = NP_REQ_OTHER; k <= NP_REQ_CLEARANCE; k++) {
        np_req_kind back;
        cr_assert_eq(np_req_kind_from_name(&back, np_req_kind_name((np_req_kind)k), NULL), NP_OK);
        cr_expect_eq((int)back, k);
    }
    np_req_kind back;
    np_error err;
    cr_expect_eq(np_req_kind_from_name(&back, "salary", &err), NP_ENOTFOUND);
    cr_expect(strstr(err.message, "\"salary\"") != NULL);
}

/* A posting with every kind of owned memory, built through the public API. */
static np_posting *full_posting(void)
{
    np_posting *p = np_posting_new();
    cr_assert_not_null(p);
    np_error err;
    cr_assert_eq(np_posting_set_text(&p->id, "251043", 6, &err), NP_OK);
    cr_assert_eq(np_posting_set_text(&p->title, "Officer, Plans", 14, &err), NP_OK);
    cr_assert_eq(np_posting_set_text(&p->salary.basis, "Monthly", 7, &err), NP_OK);
    cr_assert_eq(np_posting_set_text(&p->interrelationships.reports_to, "Head", 4, &err), NP_OK);
    cr_assert_eq(np_posting_set_text(&p->contract.text, "36 months", 9, &err), NP_OK);
    p->grade = grade_of("G15/G16");
    p->deadline.date = 20000;
    p->deadline.minute = 1079;
    p->contract.stated = true;
    p->contract.definite_months = 36;
    p->contract.renewal_months = 36;
    p->contract.max_service_months = 72;
    p->lines.title = 3;
    for (int i = 0; i < 9; i++) { /* past the first capacities (4, 8) */
        np_requirement *r;
        cr_assert_eq(np_posting_add_requirement(p, &r, i % 2 == 0, "sentence", 8, i + 10, &err),
                     NP_OK);
        r->kind = NP_REQ_SOFTWARE;
        r->as.software.names = malloc(18);
        cr_assert_not_null(r->as.software.names);
        memcpy(r->as.software.names, "Excel, SharePoint", 18);
        cr_assert_eq(np_posting_add_competency(p, "Teamwork", 8, i ? "Works" : NULL, 5, i, &err),
                     NP_OK);
        cr_assert_eq(np_posting_add_accountability(p, i ? "Policy" : NULL, 6, "Drafts", 6, i, &err),
                     NP_OK);
        cr_assert_eq(np_posting_add_diagnostic(p, NP_DIAG_WARNING, i, i ? "title" : NULL, &err,
                                               "no title found (%d)", i),
                     NP_OK);
    }
    return p;
}

Test(posting, new_posting_states_nothing)
{
    np_posting *p = np_posting_new();
    cr_assert_not_null(p);
    cr_expect_null(p->title);
    cr_expect_eq(p->deadline.date, NP_DATE_NONE);
    cr_expect_eq(p->deadline.minute, -1);
    cr_expect_eq(p->published, NP_DATE_NONE);
    cr_expect_lt(p->salary.amount, 0);
    cr_expect_not(np_grade_is_known(p->grade));
    cr_expect_eq(p->clearance, NP_CLEARANCE_NONE);
    cr_expect_not(p->contract.stated);
    cr_expect_eq(p->contract.definite_months, -1);
    cr_expect_eq(p->contract.conversion_possible, NP_UNKNOWN);
    np_posting_free(p);
    np_posting_free(NULL);
    TS_ASSERT_NO_LEAKS();
}

Test(posting, clone_is_deep_and_equal)
{
    np_posting *p = full_posting();
    np_posting *c = NULL;
    np_error err;
    cr_assert_eq(np_posting_clone(&c, p, &err), NP_OK);
    char where[64];
    cr_expect(np_posting_equal(p, c, where, sizeof where), "differs at %s", where);
    cr_expect_neq(p->title, c->title);
    cr_expect_neq(p->requirements, c->requirements);
    cr_expect_neq(p->requirements[8].as.software.names, c->requirements[8].as.software.names);
    cr_expect_eq(p->competency_count, 9);
    cr_expect_null(c->competencies[0].descriptor);
    cr_expect_null(c->accountabilities[0].heading);
    cr_expect_null(c->diagnostics[0].field);
    cr_expect_str_eq(c->diagnostics[5].message, "no title found (5)");
    /* The clone can grow on its own. */
    cr_assert_eq(np_posting_add_requirement(c, NULL, true, "one more", 8, 99, &err), NP_OK);
    cr_expect_not(np_posting_equal(p, c, where, sizeof where));
    cr_expect_str_eq(where, "requirements");
    np_posting_free(p);
    np_posting_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(posting, equality_names_the_first_difference)
{
    np_posting *a = full_posting();
    np_posting *b = full_posting();
    char where[64];
    cr_assert(np_posting_equal(a, b, where, sizeof where));
    b->requirements[3].as.software.names[0] = 'W';
    cr_expect_not(np_posting_equal(a, b, where, sizeof where));
    cr_expect_str_eq(where, "requirements[3].as.software");
    b->deadline.minute = 1080;
    cr_expect_not(np_posting_equal(a, b, where, sizeof where));
    cr_expect_str_eq(where, "deadline.minute");
    free(b->title);
    b->title = NULL;
    cr_expect_not(np_posting_equal(a, b, where, sizeof where));
    cr_expect_str_eq(where, "title");
    cr_expect(np_posting_equal(NULL, NULL, NULL, 0));
    cr_expect_not(np_posting_equal(a, NULL, NULL, 0));
    np_posting_free(a);
    np_posting_free(b);
    TS_ASSERT_NO_LEAKS();
}

Test(posting, contract_terms_become_the_policy)
{
    np_posting *p = full_posting();
    np_policy policy;
    bool twin = false;
    np_error err;
    p->contract.definite_months = 24;
    p->contract.renewal_months = 12;
    p->contract.max_service_months = 36;
    cr_assert_eq(np_posting_policy(&policy, &twin, p, &err), NP_OK, "%s", err.message);
    cr_expect_eq(policy.initial_months, 24);
    cr_expect_eq(policy.renewal_months, 12);
    cr_expect_eq(policy.max_months, 36);
    cr_expect_eq(policy.conversion_notice_months, np_policy_default().conversion_notice_months);
    cr_expect(twin, "G15/G16 is a twin grade");

    p->grade = grade_of("G15");
    p->contract.twin_grade_note = false;
    cr_assert_eq(np_posting_policy(&policy, &twin, p, &err), NP_OK);
    cr_expect_not(twin);
    p->contract.twin_grade_note = true;
    cr_assert_eq(np_posting_policy(&policy, &twin, p, &err), NP_OK);
    cr_expect(twin, "the twin-grade note makes it twin graded");

    p->contract.renewal_months = -1;
    p->contract.max_service_months = -1;
    cr_assert_eq(np_posting_policy(&policy, NULL, p, &err), NP_OK);
    cr_expect_eq(policy.renewal_months, 0);
    cr_expect_eq(policy.max_months, 24);

    p->contract.max_service_months = 12; /* below the definite contract */
    p->contract.renewal_months = 0;
    cr_expect_eq(np_posting_policy(&policy, NULL, p, &err), NP_EINVAL);
    cr_expect(strstr(err.message, "the posting's contract terms: ") == err.message, "%s",
              err.message);

    p->contract.stated = false;
    cr_expect_eq(np_posting_policy(&policy, NULL, p, &err), NP_ENOTFOUND);
    cr_expect_str_eq(err.message, "the posting states no contract terms");
    np_posting_free(p);
}
