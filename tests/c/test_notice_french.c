/* Issue 13, item 3: French notices. A notice written here in English and
 * its French twin (same layout, line for line: header labels, summary,
 * responsibilities, relations, competencies, qualifications with languages,
 * contract) give the same record field for field, except the texts and the
 * language; then each French form on its own: headings in any case and
 * without accents, number words, durations, amounts with a space between
 * thousands, level names, units named after their word ("Section
 * Planification"), and no guess where the reader is not sure. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "natopost/natopost.h"
#include "reader/notice_internal.h"
#include "notice_support.h"

static const char ENGLISH[] =
    "Vacancy Number: 251234\n"
    "Job Title: Officer, Exercise Planning\n"
    "Location: Mons\n"
    "Grade: NATO Grade G15\n"
    "Salary: 7,563.38 EUR per month, tax free\n"
    "Application Deadline: 3 December 2025\n"
    "SUMMARY\n"
    "The Planning Section supports the planning of the exercises of the Alliance and the work of the commands. The incumbent coordinates the work of the section with the nations.\n"
    "MAIN ACCOUNTABILITIES\n"
    "Planning and Execution\n"
    "Prepare the annual plan of the exercises and follow its execution with the staff.\n"
    "Stakeholder Management\n"
    "Maintain working relations with the nations, the commands and the agencies.\n"
    "Perform any other related duty as assigned.\n"
    "INTERRELATIONSHIPS\n"
    "The incumbent reports to the Head, Exercise Planning Section.\n"
    "COMPETENCIES\n"
    "- Analytical Thinking: Sees key relationships;\n"
    "- Teamwork: Works together with others.\n"
    "QUALIFICATIONS AND EXPERIENCE\n"
    "ESSENTIAL\n"
    "The incumbent must:\n"
    "- possess a university degree in international relations or a related field;\n"
    "- have at least two years' experience in defence planning;\n"
    "- possess the following minimum levels of NATO's official languages (English/French): V (\"Advanced\") in one; I (\"Beginner\") in the other;\n"
    "- hold a NATO SECRET security clearance.\n"
    "DESIRABLE\n"
    "- a post-graduate degree in strategic studies;\n"
    "- be willing to travel (approximately 10% of working time).\n"
    "CONTRACT\n"
    "Contract to be offered to the successful applicant: a definite duration contract of three years, which may be renewed for a further period of three years. The maximum period of service is six years.\n";

static const char FRENCH[] =
    "Numéro de vacance : 251234\n"
    "Intitulé du poste : Officier, Planification des exercices\n"
    "Lieu d'affectation : Mons\n"
    "Grade : NATO Grade G15\n"
    "Traitement : 7 563,38 EUR par mois, net d'impôt\n"
    "Date limite de candidature : 3 décembre 2025\n"
    "RÉSUMÉ\n"
    "La Section Planification appuie la planification des exercices de l'Alliance et les travaux des commandements. Le titulaire coordonne les travaux de la section avec les pays.\n"
    "PRINCIPALES RESPONSABILITÉS\n"
    "Planification et exécution\n"
    "Préparer le plan annuel des exercices et en suivre l'exécution avec le personnel.\n"
    "Gestion des parties prenantes\n"
    "Entretenir des relations de travail avec les pays, les commandements et les agences.\n"
    "Exécuter toute autre tâche connexe qui lui serait confiée.\n"
    "RELATIONS DE TRAVAIL\n"
    "Le titulaire relève du chef de la Section Planification des exercices.\n"
    "COMPÉTENCES\n"
    "- Réflexion analytique : Voit les relations essentielles ;\n"
    "- Travail d'équipe : Travaille avec les autres.\n"
    "QUALIFICATIONS ET EXPÉRIENCE\n"
    "ESSENTIEL\n"
    "Le titulaire doit :\n"
    "- être titulaire d'un diplôme universitaire en relations internationales ou dans un domaine connexe ;\n"
    "- avoir au moins deux ans d'expérience dans la planification de défense ;\n"
    "- avoir le niveau minimum suivant dans les langues officielles de l'OTAN (anglais/français) : niveau V (« Avancé ») dans l'une; I (« Débutant ») dans l'autre ;\n"
    "- détenir une habilitation de sécurité de niveau SECRET OTAN.\n"
    "SOUHAITABLE\n"
    "- un diplôme de troisième cycle en études stratégiques ;\n"
    "- être disposé à effectuer des déplacements (environ 10 % du temps de travail).\n"
    "CONTRAT\n"
    "Contrat offert au candidat retenu : contrat de durée déterminée de trois ans, qui pourra être renouvelé pour une nouvelle période de trois ans. La durée maximale de service est de six ans.\n";

/* ---- the twins ------------------------------------------------------------------------- */

/* Replaces a text by a marker, so that two postings compare on whether each
 * text is there, not on its wording. */
static void mark(char **slot)
{
    if (*slot) cr_assert_eq(np_posting_set_text(slot, "T", 1, NULL), NP_OK);
}

static void mark_texts(np_posting *p)
{
    char **const scalars[] = {&p->title, &p->summary, &p->division, &p->directorate, &p->section,
                              &p->interrelationships.reports_to, &p->interrelationships.text,
                              &p->interrelationships.direct_reports,
                              &p->interrelationships.indirect_reports, &p->contract.text};
    for (size_t i = 0; i < sizeof scalars / sizeof scalars[0]; i++) mark(scalars[i]);
    for (size_t i = 0; i < p->accountability_count; i++) {
        mark(&p->accountabilities[i].heading);
        mark(&p->accountabilities[i].text);
    }
    for (size_t i = 0; i < p->competency_count; i++) {
        mark(&p->competencies[i].name);
        mark(&p->competencies[i].descriptor);
    }
    for (size_t i = 0; i < p->requirement_count; i++) mark(&p->requirements[i].text);
    for (size_t i = 0; i < p->diagnostic_count; i++) mark(&p->diagnostics[i].message);
}

Test(notice_french, a_french_notice_and_its_english_twin_read_alike)
{
    np_posting *en = read_text(ENGLISH), *fr = read_text(FRENCH);
    cr_expect_str_eq(en->language, "en");
    cr_expect_str_eq(fr->language, "fr");
    /* the values a reader must get from both, checked by hand */
    cr_expect_str_eq(fr->requisition, "251234");
    cr_expect_str_eq(fr->title, "Officier, Planification des exercices");
    cr_expect_str_eq(fr->location, "Mons");
    cr_expect_eq(fr->grade.low, 15);
    cr_expect_eq(fr->salary.amount, 7563.38);
    cr_expect_str_eq(fr->salary.currency, "EUR");
    cr_expect_str_eq(fr->salary.basis, "Monthly");
    cr_expect_eq(fr->salary.tax_free, NP_YES);
    cr_expect_eq(fr->clearance, NP_CLEARANCE_NS);
    cr_expect_str_eq(fr->section, "Section Planification");
    cr_expect_str_eq(fr->interrelationships.reports_to, "chef de la Section Planification des exercices");
    cr_expect_eq(fr->accountability_count, 2);
    cr_expect_str_eq(fr->accountabilities[1].heading, "Gestion des parties prenantes");
    cr_expect_eq(fr->competency_count, 2);
    const np_requirement *r = np_posting_find_requirement(fr, NP_REQ_LANGUAGES, true);
    cr_assert_not_null(r);
    cr_expect_eq(r->as.languages.form, NP_LANG_EITHER_OR);
    cr_expect_eq(r->as.languages.one, NP_LEVEL_V);
    cr_expect_eq(r->as.languages.other, NP_LEVEL_I);
    r = np_posting_find_requirement(fr, NP_REQ_EXPERIENCE, true);
    cr_assert_not_null(r);
    cr_expect_eq(r->as.experience.min_years, 2);
    cr_expect_eq(fr->contract.definite_months, 36);
    cr_expect_eq(fr->contract.renewal_months, 36);
    cr_expect_eq(fr->contract.max_service_months, 72);

    /* and field for field, the texts aside */
    memcpy(fr->language, "en", 3);
    mark_texts(en);
    mark_texts(fr);
    char where[128] = "";
    cr_expect(np_posting_equal(en, fr, where, sizeof where), "the twins differ at %s", where);
    np_posting_free(en);
    np_posting_free(fr);
}

/* ---- headings, intros and phrases -------------------------------------------------------- */

static nt_kind heading(const char *s)
{
    size_t used;
    return nt_match_heading(s, strlen(s), false, &used, NULL);
}

Test(notice_french, headings_in_any_case_with_or_without_accents)
{
    static const char *const FORMS[] = {"QUALIFICATIONS ET EXP\xc3\x89RIENCE",
                                        "Qualifications et exp\xc3\xa9rience :",
                                        "QUALIFICATIONS ET EXPERIENCE", "2. QUALIFICATIONS ET EXP\xc3\x89RIENCE"};
    for (size_t i = 0; i < sizeof FORMS / sizeof FORMS[0]; i++) {
        size_t used;
        nt_part part;
        const size_t len = strlen(FORMS[i]);
        cr_expect_eq(nt_match_heading(FORMS[i], len, false, &used, &part), NT_QUALIFICATIONS, "%s", FORMS[i]);
        cr_expect_eq(used, len, "%s", FORMS[i]);
    }
    cr_expect_eq(heading("PRINCIPALES RESPONSABILIT\xc3\x89S"), NT_ACCOUNTABILITIES);
    cr_expect_eq(heading("Principales responsabilit\xc3\xa9s"), NT_ACCOUNTABILITIES);
    cr_expect_eq(heading("R\xc3\x89SUM\xc3\x89"), NT_SUMMARY);
    cr_expect_eq(heading("RELATIONS DE TRAVAIL"), NT_INTERRELATIONSHIPS);
    cr_expect_eq(heading("COMP\xc3\x89TENCES"), NT_COMPETENCIES);
    cr_expect_eq(heading("CONTRAT"), NT_CONTRACT);
    cr_expect_eq(heading("Contrat de dur\xc3\xa9" "e d\xc3\xa9termin\xc3\xa9" "e de trois ans"), NT_HEADER,
                 "a sentence that starts with the word is no heading");
}

Test(notice_french, essential_and_desirable_parts)
{
    np_posting *p = read_text("Traducteur\nQUALIFICATIONS ET EXP\xc3\x89RIENCE\n"
                              "Le titulaire doit :\n- avoir au moins cinq ans d'exp\xc3\xa9rience ;\n"
                              "Les \xc3\xa9l\xc3\xa9ments suivants seraient consid\xc3\xa9r\xc3\xa9s comme un atout :\n"
                              "- un dipl\xc3\xb4me de master en traduction.\n");
    cr_assert_eq(p->requirement_count, 2);
    cr_expect(p->requirements[0].essential);
    cr_expect_eq(p->requirements[0].kind, NP_REQ_EXPERIENCE);
    cr_expect_eq(p->requirements[0].as.experience.min_years, 5);
    cr_expect_not(p->requirements[1].essential);
    cr_expect_eq(p->requirements[1].as.degree.level, NP_DEGREE_POSTGRADUATE);
    np_posting_free(p);
}

/* One French requirement sentence, classified. */
static np_requirement classify(const char *text)
{
    np_requirement req;
    memset(&req, 0, sizeof req);
    cr_assert_eq(nt_classify_requirement(&req, text, strlen(text), NULL), NP_OK);
    return req;
}

Test(notice_french, requirement_phrases)
{
    np_requirement r = classify("avoir au moins deux ans d'exp\xc3\xa9rience dans un poste similaire");
    cr_expect_eq(r.kind, NP_REQ_EXPERIENCE);
    cr_expect_eq(r.as.experience.min_years, 2);
    r = classify("justifier d'une exp\xc3\xa9rience professionnelle d'au moins dix-huit ann\xc3\xa9" "es");
    cr_expect_eq(r.kind, NP_REQ_EXPERIENCE);
    cr_expect_eq(r.as.experience.min_years, 18);
    r = classify("avoir au moins vingt-cinq ans d'exp\xc3\xa9rience");
    cr_expect_eq(r.as.experience.min_years, 25);
    r = classify("\xc3\xaatre titulaire d'un dipl\xc3\xb4me universitaire ou d'un titre \xc3\xa9quivalent");
    cr_expect_eq(r.kind, NP_REQ_DEGREE);
    cr_expect_eq(r.as.degree.level, NP_DEGREE_UNIVERSITY);
    cr_expect(r.as.degree.equivalent_accepted);
    r = classify("niveau VI (\"Ma\xc3\xaetrise\") dans les deux langues officielles de l'OTAN");
    cr_expect_eq(r.kind, NP_REQ_LANGUAGES);
    cr_expect_eq(r.as.languages.form, NP_LANG_BOTH);
    cr_expect_eq(r.as.languages.one, NP_LEVEL_VI);
    r = classify("anglais niveau V ou plus; fran\xc3\xa7" "ais niveau III");
    cr_expect_eq(r.kind, NP_REQ_LANGUAGES);
    cr_expect_eq(r.as.languages.form, NP_LANG_NAMED);
    cr_expect_eq(r.as.languages.english, NP_LEVEL_V);
    cr_expect_eq(r.as.languages.french, NP_LEVEL_III);
    cr_expect(r.as.languages.or_higher);
    r = classify("d\xc3\xa9tenir une habilitation de s\xc3\xa9" "curit\xc3\xa9 de niveau COSMIC TR\xc3\x88S SECRET");
    cr_expect_eq(r.kind, NP_REQ_CLEARANCE);
    cr_expect_eq(r.as.clearance.level, NP_CLEARANCE_CTS);
    r = classify("\xc3\xaatre ressortissant d'un pays membre de l'OTAN");
    cr_expect_eq(r.kind, NP_REQ_NATIONALITY);
    r = classify("avoir de l'exp\xc3\xa9rience dans la gestion de projets");
    cr_expect_eq(r.kind, NP_REQ_OTHER, "no number of years: no typed form");
}

Test(notice_french, number_words_durations_and_amounts)
{
    static const struct {
        const char *text;
        int value;
    } COUNTS[] = {{"deux", 2}, {"trois", 3}, {"dix", 10}, {"dix-sept", 17}, {"vingt", 20},
                  {"trente-six", 36}, {"un", 1}, {"une", 1}};
    for (size_t i = 0; i < sizeof COUNTS / sizeof COUNTS[0]; i++) {
        int v;
        size_t used;
        cr_expect(nt_parse_count(COUNTS[i].text, strlen(COUNTS[i].text), &v, &used), "%s", COUNTS[i].text);
        cr_expect_eq(v, COUNTS[i].value, "%s", COUNTS[i].text);
        cr_expect_eq(used, strlen(COUNTS[i].text), "%s", COUNTS[i].text);
    }
    int months;
    size_t used;
    cr_expect(nt_parse_duration("trois ans", 9, &months, &used));
    cr_expect_eq(months, 36);
    cr_expect(nt_parse_duration("six mois", 8, &months, &used));
    cr_expect_eq(months, 6);
    cr_expect(nt_parse_duration("deux ann\xc3\xa9" "es", 11, &months, &used));
    cr_expect_eq(months, 24);
    cr_expect_eq(used, 11u);
    double amount;
    cr_expect(nt_parse_amount("7 563,38 EUR", 12, &amount, &used));
    cr_expect_eq(amount, 7563.38);
    cr_expect(nt_parse_amount("12 345 678", 10, &amount, &used));
    cr_expect_eq(amount, 12345678);
    cr_expect(nt_parse_amount("15 2025", 7, &amount, &used));
    cr_expect_eq(amount, 15, "four digits after a space are no thousands group");
}

Test(notice_french, contract_terms)
{
    np_posting *p = read_text("Officier\nCONTRAT\n"
                              "Contrat de dur\xc3\xa9" "e d\xc3\xa9termin\xc3\xa9" "e de deux ans, non renouvelable.\n");
    cr_expect_eq(p->contract.definite_months, 24);
    cr_expect_eq(p->contract.renewal_months, 0);
    np_posting_free(p);
    p = read_text("Officier\nCONTRAT\n"
                  "Contrat initial de trois ans. Le titulaire pourra demander la conversion en contrat "
                  "de dur\xc3\xa9" "e ind\xc3\xa9termin\xc3\xa9" "e.\n");
    cr_expect_eq(p->contract.definite_months, 36);
    cr_expect_eq(p->contract.conversion_possible, NP_YES);
    np_posting_free(p);
}

/* ---- no guess ---------------------------------------------------------------------------------- */

Test(notice_french, units_named_by_common_nouns_are_left_unread)
{
    np_posting *p = read_text("Officier\nR\xc3\x89SUM\xc3\x89\n"
                              "La Division des op\xc3\xa9rations est charg\xc3\xa9" "e de la planification "
                              "des op\xc3\xa9rations de l'Alliance et du suivi de leur ex\xc3\xa9" "cution.\n");
    cr_expect_str_eq(p->language, "fr");
    cr_expect_null(p->division, "not \"La Division\": %s", p->division ? p->division : "");
    np_posting_free(p);
    p = read_text("Officier\nR\xc3\x89SUM\xc3\x89\n"
                  "La Division Politique et Plans de d\xc3\xa9" "fense dirige les travaux de planification de "
                  "la d\xc3\xa9" "fense et les relations avec les pays de l'Alliance.\n");
    cr_expect_null(p->division, "the name may go on in lower case: not sure");
    np_posting_free(p);
    p = read_text("Officier\nR\xc3\x89SUM\xc3\x89\n"
                  "La Division Op\xc3\xa9rations dirige la planification des op\xc3\xa9rations et les "
                  "relations avec les commandements de l'Alliance.\n");
    cr_expect_str_eq(p->division, "Division Op\xc3\xa9rations");
    np_posting_free(p);
}

Test(notice_french, the_language_stays_undecided_without_enough_words)
{
    np_posting *p = read_text("Officer\nNATO Grade G15\n");
    cr_expect_str_eq(p->language, "");
    cr_expect(has_diag(p, "language"));
    np_posting_free(p);
    /* a bilingual header does not tip an English notice */
    static char bilingual[sizeof ENGLISH + 64];
    snprintf(bilingual, sizeof bilingual, "VACANCY NOTIFICATION/NOTIFICATION DE LA VACANCE DU POSTE\n%s", ENGLISH);
    p = read_text(bilingual);
    cr_expect_str_eq(p->language, "en");
    np_posting_free(p);
}

/* ---- requirements without a heading ----------------------------------------------------------- */

Test(notice_french, requirements_introduced_without_a_heading)
{
    static const char *const NOTICES[] = {
        "Head of Translation\nThe Translation Service provides translations for the Council.\n"
        "The candidate must among others:\n"
        "- have at least twelve years of experience in translation;\n"
        "- possess VI (\"Proficiency\") in both NATO official languages.\n",
        "Chef de la traduction\nLe Service de traduction fournit les traductions du Conseil.\n"
        "Le titulaire doit :\n"
        "- avoir au moins douze ans d'exp\xc3\xa9rience en traduction ;\n"
        "- avoir le niveau VI (\"Ma\xc3\xaetrise\") dans les deux langues officielles de l'OTAN.\n",
    };
    for (size_t i = 0; i < sizeof NOTICES / sizeof NOTICES[0]; i++) {
        np_posting *p = read_text(NOTICES[i]);
        cr_assert_eq(p->requirement_count, 2, "notice %zu", i);
        cr_expect_eq(p->requirements[0].as.experience.min_years, 12, "notice %zu", i);
        cr_expect_eq(p->requirements[1].as.languages.form, NP_LANG_BOTH, "notice %zu", i);
        cr_expect_eq(p->requirements[1].as.languages.one, NP_LEVEL_VI, "notice %zu", i);
        np_posting_free(p);
    }
    /* competencies are introduced alike: they stay no requirements */
    np_posting *p = read_text("Officer\nThe incumbent must demonstrate:\n- Teamwork: Works with others.\n");
    cr_expect_eq(p->requirement_count, 0);
    np_posting_free(p);
}

/* The clearance scan looks for both words in one pass: a line naming
 * "clearance" with a level wins wherever it is, a line naming only
 * "habilitation" counts when no "clearance" line states a level, and a line
 * naming both is a "clearance" line. */
static void expect_clearance(const char *lines, np_clearance level, int line)
{
    char text[512];
    snprintf(text, sizeof text, "Widget Analyst\n1. SUMMARY\nThe Widget Division keeps widgets.\n%s", lines);
    np_posting *p = ns_read(text);
    cr_expect_eq(p->clearance, level, "%s", lines);
    cr_expect_eq(p->lines.clearance, line, "%s", lines);
    np_posting_free(p);
}

Test(notice_french, clearance_lines_before_habilitation_lines)
{
    expect_clearance("Le titulaire doit obtenir une habilitation SECRET OTAN.\n"
                     "The incumbent must hold a clearance at NATO CONFIDENTIAL level.\n",
                     NP_CLEARANCE_NC, 5);
    expect_clearance("Le titulaire doit obtenir une habilitation SECRET OTAN.\n"
                     "A security clearance is needed.\n"
                     "Une deuxi\xc3\xa8me habilitation CONFIDENTIEL OTAN.\n",
                     NP_CLEARANCE_NS, 4);
    expect_clearance("Le titulaire doit obtenir une habilitation SECRET OTAN.\n"
                     "Habilitation (security clearance): NATO RESTRICTED.\n",
                     NP_CLEARANCE_NR, 5);
}
