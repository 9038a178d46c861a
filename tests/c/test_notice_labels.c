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
    ns_expect_field(p->title, title, text);
    ns_expect_field(p->requisition, requisition, text);
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

Test(notice_labels, site_labels_in_other_languages)
{
    /* Italian job board */
    np_posting *p = ns_read("Pubblica annuncio\nCapo dei widget\nTitolo: Head, Widget Secretariat\n"
                            "Sede: LU-Capellen\nScadenza: 22 marzo 2026\nStipendio: 13.039,44 \xe2\x82\xac\n"
                            "Grado: NATO Grade G22\n");
    cr_expect_str_eq(p->title, "Head, Widget Secretariat");
    cr_expect_str_eq(p->location, "Capellen");
    cr_expect_eq(p->deadline.date, ns_ymd(2026, 3, 22));
    cr_expect_eq(p->salary.amount, 13039.44);
    cr_expect_eq(p->grade.low, 22);
    np_posting_free(p);
    /* French header labels */
    p = ns_read("Intitul\xc3\xa9 du poste : Officier widgets\nLieu de travail : Bruxelles, Belgique\n"
                "Date de cl\xc3\xb4ture : dimanche 21 septembre 2025\nGrade : A.2\n"
                "Salaire : 7 563,38 EUR mensuel\nNum\xc3\xa9ro de r\xc3\xa9" "f\xc3\xa9rence : 250123\n");
    cr_expect_str_eq(p->title, "Officier widgets");
    cr_expect_str_eq(p->location, "Brussels");
    cr_expect_eq(p->deadline.date, ns_ymd(2025, 9, 21));
    cr_expect_eq(p->grade.low, 15);
    cr_expect_str_eq(p->requisition, "250123");
    cr_expect_eq(p->salary.amount, 7563.38); /* a blank groups the thousands */
    cr_expect_str_eq(p->salary.currency, "EUR");
    cr_expect_str_eq(p->salary.basis, "Monthly"); /* "mensuel" */
    np_posting_free(p);
    /* Spanish */
    p = ns_read("T\xc3\xadtulo del puesto: Analista de widgets\nUbicaci\xc3\xb3n: Mons, B\xc3\xa9lgica\n"
                "Fecha de cierre: domingo, 21 de septiembre de 2025\nGrado: G15\n");
    cr_expect_str_eq(p->title, "Analista de widgets");
    cr_expect_str_eq(p->location, "Mons");
    cr_expect_eq(p->deadline.date, ns_ymd(2025, 9, 21));
    cr_expect_eq(p->grade.low, 15);
    np_posting_free(p);
}

Test(notice_labels, emoji_labels)
{
    np_posting *p = ns_read("Widget Officer\n\xf0\x9f\x93\x85 Closing date: 19 January 2026\n"
                            "\xf0\x9f\x93\x8d Location: Mons, Belgium\n\xf0\x9f\x93\x85\n251777 Requisition #\n");
    cr_expect_eq(p->deadline.date, ns_ymd(2026, 1, 19));
    cr_expect_str_eq(p->location, "Mons");
    cr_expect_str_eq(p->requisition, "251777");
    np_posting_free(p);
}

Test(notice_labels, a_bilingual_header_is_no_title)
{
    np_posting *p = ns_read("VACANCY NOTIFICATION/ NOTIFICATION DE LA VACANCE DU POSTE\n"
                            "Vacancy Number: 160999 Grade: A-2 Title: Widget Officer Closing Date: 14.07.2016\n");
    cr_expect_str_eq(p->title, "Widget Officer");
    cr_expect_str_eq(p->requisition, "160999");
    cr_expect_eq(p->grade.low, 15);
    cr_expect_eq(p->deadline.date, ns_ymd(2016, 7, 14));
    np_posting_free(p);
}
