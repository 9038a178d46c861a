/* Issue 13: salaries in the forms sites print them (written for these
 * tests): currency before or after, symbol or code, glued to the amount,
 * "(12 x per year)", ranges, no currency, an unlabelled salary line. */
#include <math.h>

#include "notice_support.h"

static void expect_salary(const char *text, double amount, const char *currency, const char *basis)
{
    np_posting *p = ns_read(text);
    if (amount < 0) cr_expect_lt(p->salary.amount, 0, "in: %s (got %f)", text, p->salary.amount);
    else cr_expect(fabs(p->salary.amount - amount) < 0.001, "in: %s (got %f)", text, p->salary.amount);
    cr_expect_str_eq(p->salary.currency, currency, "in: %s", text);
    if (basis) cr_expect_str_eq(p->salary.basis, basis, "in: %s", text);
    else cr_expect_null(p->salary.basis, "in: %s (got %s)", text, p->salary.basis);
    np_posting_free(p);
}

Test(notice_salary, currency_before_or_after_symbol_or_code)
{
    expect_salary("Widget Officer\nSalary: EUR 7,563.20 per month\n", 7563.20, "EUR", "Monthly");
    expect_salary("Widget Officer\nSalary: \xe2\x82\xac" "7.563,20 monthly\n", 7563.20, "EUR", "Monthly");
    expect_salary("Widget Officer\nSalary: 7,563.20 USD per month\n", 7563.20, "USD", "Monthly");
    expect_salary("Widget Officer\nSalary: \xc2\xa3" "5,100 monthly\n", 5100, "GBP", "Monthly");
    expect_salary("Widget Officer\nSalary: 9,000 CAD a month\n", 9000, "CAD", "Monthly");
    expect_salary("Widget Officer\nSalary (Pay Basis)\n\n: 9,079.00Euro (EUR) Monthly\n", 9079, "EUR", "Monthly");
}

Test(notice_salary, twelve_payments_a_year_are_monthly)
{
    expect_salary("Widget Officer\nSalary: 13,914.54\xe2\x82\xac (12 x per year), tax free\n", 13914.54,
                  "EUR", "Monthly");
}

Test(notice_salary, a_salary_without_currency_keeps_it_unknown)
{
    /* "Salary (Pay Basis)" is the site's label: it states no basis (issue 13, item 6) */
    expect_salary("Widget Officer\nSalary (Pay Basis)\n\n13,039.44\n\nGrade\n\nNATO Grade G22\n", 13039.44, "",
                  NULL);
    np_posting *p = ns_read("Widget Officer\nSalary: $8,000 per month\n");
    cr_expect_str_eq(p->salary.currency, "");
    cr_expect(ns_has_diag(p, "salary", "$"));
    np_posting_free(p);
}

Test(notice_salary, a_yearly_range_is_a_basis_never_an_amount)
{
    np_posting *p = ns_read("Widget Officer\nSalary: EUR 80,000 - 100,000 per year\n");
    cr_expect_lt(p->salary.amount, 0);
    cr_expect_str_eq(p->salary.currency, "EUR");
    cr_expect_str_eq(p->salary.basis, "Annual");
    cr_expect(ns_has_diag(p, "salary", "range"));
    np_posting_free(p);
    expect_salary("Widget Officer\nSalary: 6,000 to 7,000 EUR monthly\n", -1, "EUR", "Monthly");
}

Test(notice_salary, an_unlabelled_salary_line)
{
    expect_salary("Widget Legal Adviser\n\nNATO Direct\n9,276.89Euro (EUR) Monthly\nExpiry Date\n", 9276.89,
                  "EUR", "Monthly");
    /* a number in a sentence is no salary; an amount without a currency is not either */
    expect_salary("Widget Officer\n\n9,276.89 widgets were counted in 2024.\n", -1, "", NULL);
    expect_salary("Widget Officer\n\n9,276.89\n", -1, "", NULL);
}
