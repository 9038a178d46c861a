/* Issue 13, item 6: what the seeds showed when read as a new user would,
 * each on the seed and on a notice written here in the same layout.
 *   - a site label ("Salary (Pay Basis)") is not a salary basis;
 *   - "Perform any other related duty as assigned" is no accountability of
 *     its own;
 *   - a requirement glued to the item before it ("...environmenta higher
 *     level...") is split off;
 *   - tax free, fast track and travel are unknown when the notice says
 *     nothing (tri-state in the model, null in JSON and in queries). */
#include <criterion/criterion.h>
#include <string.h>

#include "natopost/natopost.h"
#include "notice_support.h"

static const char *const FIELD_NAMES[] = {"salary.tax_free", "fast_track", "travel"};

/* The query value of `name` on p: "null", "true" or "false". */
static const char *bool_field(const np_posting *p, const char *name)
{
    const np_qfield *f = np_posting_field_find(name);
    cr_assert_not_null(f, "%s", name);
    np_qvalue v;
    np_posting_field_value(p, f->id, &v);
    if (v.is_null) return "null";
    return v.ordinal ? "true" : "false";
}

/* ---- salary basis --------------------------------------------------------------- */

Test(seed_fixes, a_pay_basis_label_is_no_basis)
{
    np_posting *p = read_seed("004");
    cr_expect_eq(p->salary.amount, 9253.21);
    cr_expect_null(p->salary.basis, "\"Salary (Pay Basis)\" is the site's label");
    np_posting_free(p);

    p = read_text("Budget Assistant\nSalary (Pay Basis)\n4,120.50\nGrade\nNATO Grade G8\n");
    cr_expect_eq(p->salary.amount, 4120.5);
    cr_expect_null(p->salary.basis);
    np_posting_free(p);
    p = read_text("Budget Assistant\nSalary (Pay Basis) 4,120.50 EUR monthly\n");
    cr_expect_str_eq(p->salary.basis, "Monthly", "a basis the text states is kept");
    np_posting_free(p);
}

/* ---- the catch-all duty ------------------------------------------------------------ */

Test(seed_fixes, the_catch_all_duty_is_no_accountability)
{
    static const char *const SEEDS[] = {"001", "002", "003", "004"};
    for (size_t i = 0; i < sizeof SEEDS / sizeof SEEDS[0]; i++) {
        np_posting *p = read_seed(SEEDS[i]);
        cr_assert_gt(p->accountability_count, 0);
        for (size_t k = 0; k < p->accountability_count; k++)
            cr_expect_not_null(p->accountabilities[k].heading, "seed %s: accountability %zu",
                               SEEDS[i], k);
        const char *last = p->accountabilities[p->accountability_count - 1].text;
        cr_expect_not_null(strstr(last, "Perform any other related duty as assigned."),
                           "seed %s: kept with the last duty", SEEDS[i]);
        np_posting_free(p);
    }
    np_posting *p = read_text("Records Clerk\n"
                              "MAIN ACCOUNTABILITIES\n"
                              "Information Management\n"
                              "File and index the registry's incoming papers.\n"
                              "Planning\n"
                              "Keep the archive's disposal schedule up to date.\n"
                              "Perform any other related duties as assigned.\n"
                              "INTERRELATIONSHIPS\n"
                              "The incumbent reports to the Head, Registry.\n");
    cr_assert_eq(p->accountability_count, 2);
    cr_expect_str_eq(p->accountabilities[1].heading, "Planning");
    cr_expect_str_eq(p->accountabilities[1].text,
                     "Keep the archive's disposal schedule up to date.\n"
                     "Perform any other related duties as assigned.");
    np_posting_free(p);
}

/* ---- a requirement glued to the one before ------------------------------------------ */

Test(seed_fixes, a_glued_requirement_is_split_off)
{
    np_posting *p = read_seed("000");
    size_t n = p->requirement_count;
    cr_assert_gt(n, 2);
    cr_expect_not(p->requirements[n - 1].essential);
    cr_expect_str_eq(p->requirements[n - 2].text, "Experience working in a multi-national environment");
    cr_expect_str_eq(p->requirements[n - 1].text, "a higher level in the second NATO official language");
    np_posting_free(p);

    p = read_text("Archivist\nQUALIFICATIONS AND EXPERIENCE\nDESIRABLE\n"
                  "- Experience of records work in a large organisationa good knowledge of the "
                  "second official language.\n"
                  "- Experience with a formula for retention.\n");
    n = p->requirement_count;
    cr_assert_eq(n, 3);
    cr_expect_str_eq(p->requirements[0].text, "Experience of records work in a large organisation");
    cr_expect_str_eq(p->requirements[1].text, "a good knowledge of the second official language");
    cr_expect_str_eq(p->requirements[2].text, "Experience with a formula for retention",
                     "a word ending in 'a' without a requirement phrase after it stays");
    np_posting_free(p);
}

/* ---- unknown is not false ------------------------------------------------------------- */

Test(seed_fixes, silence_is_unknown)
{
    static const char *const SEEDS[] = {"000", "001", "002", "003"};
    for (size_t i = 0; i < sizeof SEEDS / sizeof SEEDS[0]; i++) {
        np_posting *p = read_seed(SEEDS[i]);
        cr_expect_eq(p->fast_track, NP_UNKNOWN, "seed %s", SEEDS[i]);
        cr_expect_str_eq(bool_field(p, "fast_track"), "null", "seed %s", SEEDS[i]);
        np_posting_free(p);
    }
    np_posting *p = read_seed("004");
    cr_expect_eq(p->fast_track, NP_YES);
    cr_expect_eq(p->salary.tax_free, NP_UNKNOWN, "9,253.21 under \"Salary (Pay Basis)\" says nothing of tax");
    cr_expect_str_eq(bool_field(p, "travel"), "null", "seed 004 names no travel");
    np_posting_free(p);

    p = read_text("Clerk\nSalary: 3,200.00 EUR per month\n");
    for (size_t i = 0; i < sizeof FIELD_NAMES / sizeof FIELD_NAMES[0]; i++)
        cr_expect_str_eq(bool_field(p, FIELD_NAMES[i]), "null", "%s", FIELD_NAMES[i]);
    char *json = NULL;
    cr_assert_eq(np_posting_to_json(&json, p, false, NULL), NP_OK);
    cr_expect_not_null(strstr(json, "\"tax_free\":null"), "%s", json);
    cr_expect_not_null(strstr(json, "\"fast_track\":null"), "%s", json);
    np_free(json);
    np_posting_free(p);

    p = read_text("Clerk\nSalary: 3,200.00 EUR per month, tax free\n"
                  "This vacancy is a fast track competition.\n"
                  "QUALIFICATIONS\n- Be willing to travel (about 20% of the time).\n");
    cr_expect_eq(p->salary.tax_free, NP_YES);
    for (size_t i = 0; i < sizeof FIELD_NAMES / sizeof FIELD_NAMES[0]; i++)
        cr_expect_str_eq(bool_field(p, FIELD_NAMES[i]), "true", "%s", FIELD_NAMES[i]);
    np_posting_free(p);

    p = read_text("Clerk\nSalary: 3,200.00 EUR per month (taxable)\n");
    cr_expect_eq(p->salary.tax_free, NP_NO);
    cr_expect_str_eq(bool_field(p, "salary.tax_free"), "false");
    np_posting_free(p);
}
