/* Issue 13: the duty city and the NATO body, in layouts written for these
 * tests after the kinds of pages job sites show (never a real notice's text).
 * The location is the city; a country alone is no city; the body is the
 * employer the header or the summary's opening states, not any organisation
 * the text mentions. */
#include "notice_support.h"

static void expect_location(const char *text, const char *city)
{
    np_posting *p = ns_read(text);
    ns_expect_field(p->location, city, text);
    np_posting_free(p);
}

Test(notice_places, the_city_of_every_place_form)
{
    expect_location("Widget Officer\nLocation: Brussels, Belgium\n", "Brussels");
    expect_location("Widget Officer\nPrimary Location Belgium-Brussels\n", "Brussels");
    expect_location("Widget Officer\nPrimary Location\n\nLU-Capellen\n", "Capellen");
    expect_location("Widget Officer\n- SHAPE\nShape, Mons, Belgium\n", "Mons");
    expect_location("Widget Officer\nDuty station: Bruxelles\n", "Brussels");
    expect_location("Widget Officer\nLieu de travail : La Spezia, Italy\n", "La Spezia");
    expect_location("Widget Officer\nUbicaci\xc3\xb3n: Geilenkirchen (Germany)\n", NULL);
    expect_location("Widget Officer\nLocation: The Hague\n", "The Hague");
    expect_location("Widget Officer\nUbicaci\xc3\xb3n: Brussels Brussels Capital\n", "Brussels");
    expect_location("Widget Officer\nNorfolk, United States\n", "Norfolk");
    /* an unknown city: with its country, or as a label's value */
    expect_location("Widget Officer\nKabul, Afghanistan, Asia\n", NULL);
    expect_location("Widget Officer\nLocation: Kabul\n", "Kabul");
}

Test(notice_places, a_country_alone_is_no_city)
{
    np_posting *p = ns_read("Widget Officer\n\xf0\x9f\x94\x8d Luxembourg\nGrade: G15\n");
    cr_expect_null(p->location);
    cr_expect(ns_has_diag(p, "location", "country"));
    np_posting_free(p);
    expect_location("Widget Officer\nLocation: Belgium\n", NULL);
}

Test(notice_places, the_city_a_sentence_states_as_the_duty_site)
{
    expect_location("STAFF VACANCY 123456\nTITLE: Widget Officer\n"
                    "The competition will take place on-site (NATO HQ Brussels) in May.\n",
                    "Brussels");
    expect_location("Widget Officer\nThe competition will take place on-site (NATO HQ, Brussels).\n",
                    "Brussels");
    expect_location("Widget Officer\n1. SUMMARY\nThe Widget Office, which is located at NATO "
                    "Headquarters in Brussels, Belgium, keeps the widgets.\n",
                    "Brussels");
    /* a city merely mentioned is not the duty place */
    expect_location("Widget Officer\n1. SUMMARY\nThe Office is responsible for the security of the "
                    "Headquarters and its personnel in Brussels.\n",
                    NULL);
    expect_location("Widget Officer\n1. SUMMARY\nThe Office at NATO headquarters in Brussels keeps "
                    "the widgets of the Alliance.\n",
                    NULL);
}

static void expect_body(const char *text, const char *body)
{
    np_posting *p = ns_read(text);
    ns_expect_field(p->body, body, text);
    np_posting_free(p);
}

Test(notice_places, bodies_by_name_and_abbreviation)
{
    expect_body("Widget Officer\nNATO Body NATO Standardization Office (NSO)\n", "NATO Standardization Office");
    expect_body("Widget Officer\nOrganisation: CMRE\n", "Centre for Maritime Research and Experimentation");
    expect_body("Widget Officer\nEmployer: NAEW&C Force\n", "NATO Airborne Early Warning and Control Force");
    expect_body("Widget Officer\nNATO Body: NATO PA\n", "NATO Parliamentary Assembly");
    expect_body("Widget Officer\nNATO Body: JFC Brunssum\n", "JFC Brunssum");
    expect_body("Widget Officer\nNATO Body: Allied Joint Force Command Naples\n", "JFC Naples");
    expect_body("Widget Officer\nNATO Body: NDC\n", "NATO Defense College");
    expect_body("Widget Officer\nNATO Body: STO\n", "NATO Science and Technology Organization");
    expect_body("Widget Officer\nDIVISION: International Military Staff (IMS)\n", "International Military Staff");
    expect_body("Widget Officer\n  - SHAPE\nMons, Belgium\n", "Allied Command Operations");
}

Test(notice_places, the_body_the_summary_opens_with)
{
    expect_body("Widget Officer\nPost Context\nACT contributes to the widgets of the Alliance by leading "
                "widget development at strategic level.\n",
                "Allied Command Transformation");
    expect_body("Widget Officer\nPost Context\nHeadquarters Allied Joint Force Command Norfolk (JFCNF) "
                "provides a static joint headquarters for widgets.\n",
                "JFC Norfolk");
    /* no heading: the first paragraph is the summary */
    expect_body("Widget Officer\n\nThe mission of the NATO Science and Technology Organization (STO) is to "
                "position the widget investments of the Nations.\n",
                "NATO Science and Technology Organization");
}

Test(notice_places, a_body_mentioned_is_not_the_employer)
{
    expect_body("Widget Officer\n1. SUMMARY\nThe Widget Division leads on widgets and is the International "
                "Staff's hub for widget partnerships.\n",
                NULL);
    expect_body("Widget Officer\n1. SUMMARY\nThe Widget Organisation is composed of:\n"
                "- an Executive Body, the NCI Agency, led by a General Manager;\n",
                NULL);
    /* the post heads the body the summary describes: who employs is not stated */
    np_posting *p = ns_read("General Manager, NATO Support and Procurement Agency (NSPA)\n1. SUMMARY\n"
                            "The NATO Support and Procurement Agency (NSPA) brings together widget "
                            "capabilities for the Nations.\n");
    cr_expect_null(p->body);
    cr_expect(ns_has_diag(p, "body", "title"));
    np_posting_free(p);
}
