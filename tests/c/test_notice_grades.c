/* Issue 13: every grade notation sites print (written for these tests),
 * mapped onto the G scale by the NATO table (A.1..A.7 -> G11, 15, 17, 20, 22,
 * 23, 24; L.1..L.5 -> G13, 16, 18, 19, 21; B.1..B.6 -> G2, 5, 8, 10, 12, 14;
 * C.1..C.6 -> G1, 3, 4, 6, 7, 9); a grade the table lacks is a diagnostic,
 * never a number read as another grade. */
#include <stdio.h>

#include "notice_support.h"

static void expect_grade(const char *line, int low, int high)
{
    char text[256];
    snprintf(text, sizeof text, "Widget Officer\n%s\n", line);
    np_posting *p = ns_read(text);
    cr_expect_eq(p->grade.low, low, "%s: low %d", line, p->grade.low);
    cr_expect_eq(p->grade.high, high, "%s: high %d", line, p->grade.high);
    np_posting_free(p);
}

Test(notice_grades, every_notation)
{
    expect_grade("Grade: A.2", 15, 15);
    expect_grade("Grade: A-2", 15, 15);
    expect_grade("Grade A2", 15, 15);
    expect_grade("Grade: G15", 15, 15);
    expect_grade("GRADE: G-15", 15, 15);
    expect_grade("Grade\nNATO Grade G22", 22, 22);
    expect_grade("NG 24", 24, 24);
    expect_grade("NATO Grade: 24", 24, 24);
    expect_grade("Grade: B-5", 12, 12);
    expect_grade("Grade: C.3", 4, 4);
    expect_grade("Grade: L.2", 16, 16);
    expect_grade("Grade: LI 3", 18, 18);
    expect_grade("GradeA.2 / NATO Grade G15", 15, 15);
    expect_grade("GRADE: A-2/G-15", 15, 15);
}

Test(notice_grades, twins_and_ranges)
{
    expect_grade("Grade A.2/A.3", 15, 17);
    expect_grade("Grade: G15/G16", 15, 16);
    expect_grade("Grade: G15-G17", 15, 17);
    expect_grade("Grades: G17-G20", 17, 20);
    expect_grade("Grade: A3 (A2/3)", 15, 17);
}

Test(notice_grades, a_grade_the_table_lacks_is_a_diagnostic)
{
    const char *const lacking[] = {"Grade: A-8", "Grade: G25", "Grade: LI 6", "Grade: C.7"};
    for (size_t i = 0; i < sizeof lacking / sizeof lacking[0]; i++) {
        char text[128];
        snprintf(text, sizeof text, "Widget Officer\n%s\n", lacking[i]);
        np_posting *p = ns_read(text);
        cr_expect_not(np_grade_is_known(p->grade), "%s", lacking[i]);
        cr_expect(ns_has_diag(p, "grade", "not on the NATO grade table"), "%s", lacking[i]);
        np_posting_free(p);
    }
    np_posting *p = ns_read("Widget Officer\nGrade Unclassified\n");
    cr_expect_not(np_grade_is_known(p->grade));
    np_posting_free(p);
}
