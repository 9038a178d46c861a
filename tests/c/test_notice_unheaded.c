/* Issue 13: notices whose site dropped the qualification headings (written
 * for these tests): an intro line "The incumbent must:" starts the essential
 * qualifications; without any heading or intro, only an item stating a
 * minimum is read as essential. */
#include "notice_support.h"

static const np_requirement *essential_experience(const np_posting *p)
{
    for (size_t i = 0; i < p->requirement_count; i++)
        if (p->requirements[i].essential && p->requirements[i].kind == NP_REQ_EXPERIENCE)
            return &p->requirements[i];
    return NULL;
}

Test(notice_unheaded, an_intro_line_starts_the_essential_qualifications)
{
    np_posting *p = ns_read("Widget Interpreter\n"
                            "The Widget Service interprets widgets for the Nations.\n"
                            "The candidate must among others:\n"
                            "- have at least fifteen years\xe2\x80\x99 widget experience in government;\n"
                            "- possess the following minimum levels of NATO\xe2\x80\x99s official languages "
                            "(English/French): VI (\xe2\x80\x9cProficiency\xe2\x80\x9d) in both;\n");
    const np_requirement *r = essential_experience(p);
    cr_assert_not_null(r);
    cr_expect_eq(r->as.experience.min_years, 15);
    bool both = false;
    for (size_t i = 0; i < p->requirement_count; i++)
        if (p->requirements[i].kind == NP_REQ_LANGUAGES && p->requirements[i].essential)
            both = p->requirements[i].as.languages.one == NP_LEVEL_VI &&
                   p->requirements[i].as.languages.other == NP_LEVEL_VI;
    cr_expect(both);
    np_posting_free(p);
}

Test(notice_unheaded, a_stated_minimum_without_any_heading)
{
    np_posting *p = ns_read("H-9: Principal Widget Officer\n"
                            "- University degree in widget studies.\n"
                            "- Minimum eight years\xe2\x80\x99 experience in a widget area.\n"
                            "- Two years of experience in a multinational setting would be an advantage.\n");
    const np_requirement *r = essential_experience(p);
    cr_assert_not_null(r);
    cr_expect_eq(r->as.experience.min_years, 8);
    cr_expect(ns_has_diag(p, "requirements", "minimum"));
    cr_expect_eq(p->requirement_count, 1); /* the other items' part is not stated */
    np_posting_free(p);
    /* no minimum stated: nothing read */
    p = ns_read("Widget Officer\n* A widget experience of 3 years in an international setting.\n");
    cr_expect_null(essential_experience(p));
    np_posting_free(p);
}
