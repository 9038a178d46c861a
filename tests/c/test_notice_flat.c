/* Issue 13: notices flattened by the sites that copied them (written for
 * these tests): headings inside one long line, headings split over two
 * lines, commas stripped. */
#include "notice_support.h"

Test(notice_flat, numbered_headings_inside_one_line)
{
    np_posting *p = ns_read("STAFF VACANCY 123987 TITLE: Widget Officer GRADE: A-2 We are seeking a widget "
                            "officer for the Widget Section. The competition is scheduled for February 2027 "
                            "1.   Post Context. A post in the Widget Office, the Widget Officer keeps the "
                            "widgets of the Alliance. 2.   Principal Duties: The incumbent counts widgets "
                            "every week. 3. Qualifications and Experience: The incumbent must hold a "
                            "university degree.\n");
    cr_expect_str_eq(p->title, "Widget Officer");
    cr_expect_eq(p->grade.low, 15);
    cr_assert_not_null(p->summary);
    cr_expect(strstr(p->summary, "A post in the Widget Office") == p->summary, "summary: %s", p->summary);
    cr_expect_null(strstr(p->summary, "counts widgets"));
    cr_expect_gt(p->accountability_count, 0);
    cr_expect_gt(p->requirement_count, 0);
    np_posting_free(p);
}

Test(notice_flat, a_number_in_a_sentence_is_no_heading)
{
    np_posting *p = ns_read("Widget Officer\n1. SUMMARY\nThe Office keeps widgets in room 2. Summary tables "
                            "of widgets are kept by the Office for the Nations and their delegations.\n");
    cr_assert_not_null(p->summary);
    cr_expect_not_null(strstr(p->summary, "Summary tables"));
    np_posting_free(p);
}

Test(notice_flat, headings_split_over_two_lines)
{
    np_posting *p = ns_read("Widget Officer\n1.\nSUMMARY\nThe Widget Office keeps widgets.\n"
                            "2. QUALIFICATIONS AND\nEXPERIENCE\nESSENTIAL\nThe incumbent must:\n"
                            "- have at least five years\xe2\x80\x99 experience in widget policy;\n");
    cr_assert_not_null(p->summary);
    cr_expect_str_eq(p->summary, "The Widget Office keeps widgets.");
    bool five = false;
    for (size_t i = 0; i < p->requirement_count; i++)
        if (p->requirements[i].kind == NP_REQ_EXPERIENCE && p->requirements[i].essential)
            five = p->requirements[i].as.experience.min_years == 5;
    cr_expect(five);
    np_posting_free(p);
}

Test(notice_flat, commas_stripped)
{
    np_posting *p = ns_read("STAFF VACANCY 260777\nDIVISION: International Military Staff (IMS)\n"
                            "TITLE: Staff Officer Widget Information Systems\nGRADE: A-2/G-15\n"
                            "Please note that the competition will be conducted on-site (NATO HQ Brussels)\n"
                            "1. Post Context:\nThe Widget Branch advises the Military Committee on widgets "
                            "logistics medical workforce and finance\n");
    cr_expect_str_eq(p->title, "Staff Officer Widget Information Systems");
    cr_expect_str_eq(p->requisition, "260777");
    cr_expect_str_eq(p->body, "International Military Staff");
    cr_expect_str_eq(p->location, "Brussels");
    cr_expect_eq(p->grade.low, 15);
    np_posting_free(p);
}
