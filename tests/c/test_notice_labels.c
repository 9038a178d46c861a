/* Issue 13: header layouts written for these tests after the kinds of pages
 * PDF transcriptions, job boards and applicant-tracking systems show (never
 * a real notice's text): label/value pairs run together on one line, labels
 * glued to values, whole notices on one line, Taleo-style titles with the
 * requisition number glued on, post codes, Taleo links. */
#include "notice_support.h"

Test(notice_labels, pairs_run_together_on_one_line)
{
    np_posting *p = ns_read("Vacancy Number: 16021 Grade: A-2 Title: Widget Analyst "
                            "Division/Office: Widget Division Closing Date: 14 July 2016\n"
                            "1. SUMMARY\nThe Widget Division keeps widgets.\n");
    cr_expect_str_eq(p->requisition, "16021");
    cr_expect_eq(p->grade.low, 15);
    cr_expect_str_eq(p->title, "Widget Analyst");
    cr_expect_eq(p->deadline.date, ns_ymd(2016, 7, 14));
    np_posting_free(p);
}

Test(notice_labels, labels_glued_to_values_and_to_each_other)
{
    np_posting *p = ns_read("Widget Analyst\n"
                            "NATO Grade: 24Basic Monthly Salary (12 x per year): 13,914.54\xe2\x82\xac, tax free\n");
    cr_expect_eq(p->grade.low, 24);
    cr_expect_eq(p->salary.amount, 13914.54);
    cr_expect_str_eq(p->salary.currency, "EUR");
    cr_expect(p->salary.tax_free);
    np_posting_free(p);
    p = ns_read("Widget Analyst\nGradeA.2 / NATO Grade G15\n");
    cr_expect_eq(p->grade.low, 15);
    np_posting_free(p);
}

Test(notice_labels, a_whole_notice_on_one_line)
{
    np_posting *p = ns_read("OPEN TO NATIONALS OF NATO MEMBER STATES ONLY   STAFF VACANCY     123987      "
                            "DIVISION: NATO STANDARDIZATION OFFICE Widget Branch TITLE: Section Head "
                            "(Widgets)/Widget Coordinator GRADE: A-4 We are seeking a leader for the "
                            "Widget Section. Can you lead widget negotiations? Please note that the "
                            "competition is scheduled for May 2027.\n");
    cr_expect_str_eq(p->requisition, "123987");
    cr_expect_str_eq(p->title, "Section Head (Widgets)/Widget Coordinator");
    cr_expect_eq(p->grade.low, 20);
    cr_expect_str_eq(p->grade_text, "A-4");
    cr_expect_str_eq(p->body, "NATO Standardization Office");
    np_posting_free(p);
}

static void expect_title_requisition(const char *text, const char *title, const char *requisition)
{
    np_posting *p = ns_read(text);
    cr_expect_str_eq(p->title, title, "in: %s", text);
    if (requisition) cr_expect_str_eq(p->requisition, requisition, "in: %s", text);
    else cr_expect_null(p->requisition, "in: %s (got %s)", text, p->requisition);
    np_posting_free(p);
}

Test(notice_labels, taleo_titles_and_requisition_numbers)
{
    expect_title_requisition("Job Description - Junior Widget Officer (200775)\nGrade A.2\n",
                             "Junior Widget Officer", "200775");
    expect_title_requisition("Widget Officer (180703)\nGrade A.2\n", "Widget Officer", "180703");
    expect_title_requisition("Head of Widgets (Strategy & Policy)-190611\nGrade A.5\n",
                             "Head of Widgets (Strategy & Policy)", "190611");
    expect_title_requisition("Assistant Widget Director221099\n\nGrade Unclassified\n",
                             "Assistant Widget Director", "221099");
    expect_title_requisition("H-4: Principal Widget Officer\nPost N\xc2\xb0 H-4/ Ref. No 2025_00777\n",
                             "Principal Widget Officer", "2025_00777");
    expect_title_requisition("STAFF VACANCY 260111\nTITLE: Widget Officer\nGRADE: A-2/G-15\n",
                             "Widget Officer", "260111");
    expect_title_requisition("Widget Officer\n\nRef: 190999\n", "Widget Officer", "190999");
    /* a year or a short number is no requisition glued to a title */
    expect_title_requisition("Widget Officer 2025\nGrade A.2\n", "Widget Officer 2025", NULL);
}

Test(notice_labels, the_requisition_of_a_taleo_link)
{
    np_posting *p = ns_read("Widget Interpreter\nThe incumbents interpret widgets.\n"
                            "https://nato.taleo.net/careersection/2/jobdetail.ftl?job=241777\n");
    cr_expect_str_eq(p->requisition, "241777");
    np_posting_free(p);
    p = ns_read("Widget Interpreter\nhttps://nato.taleo.net/careersection/2/jobdetail.ftl?job=12\n");
    cr_expect_null(p->requisition);
    np_posting_free(p);
}
