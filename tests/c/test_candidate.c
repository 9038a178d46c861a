/* Candidates: member states and accession dates, strict profile JSON, and
 * eligibility per requirement (met / not met / cannot tell / not assessed,
 * with reasons), the verdict and the desirable count. Expected answers are
 * worked out by hand from the rules in candidate.h. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"
#include "natopost/candidate.h"
#include "support.h"

/* ---- member states ---- */

static np_date day(const char *iso)
{
    np_date d;
    cr_assert_eq(np_date_parse(&d, iso, strlen(iso), NULL), NP_OK);
    return d;
}

static const char *joined(const char *name)
{
    static char buf[16];
    const np_member_state *m = np_member_state_find(name, strlen(name));
    if (!m) return "none";
    np_date_format(np_member_state_joined(m), buf);
    return buf;
}

Test(candidate_members, thirty_two_states_with_accession_dates)
{
    size_t n;
    const np_member_state *all = np_member_states(&n);
    cr_assert_eq(n, 32);
    int founders = 0;
    for (size_t i = 0; i < n; i++) {
        founders += all[i].joined.year == 1949;
        cr_assert_eq(strlen(all[i].alpha2), 2);
        cr_assert_eq(strlen(all[i].alpha3), 3);
        if (i) cr_assert_geq(np_member_state_joined(&all[i]), np_member_state_joined(&all[i - 1]));
    }
    cr_assert_eq(founders, 12);
    cr_assert_str_eq(joined("Sweden"), "2024-03-07");
    cr_assert_str_eq(joined("FI"), "2023-04-04");
    cr_assert_str_eq(joined("mkd"), "2020-03-27");
    cr_assert_str_eq(joined("Montenegro"), "2017-06-05");
    cr_assert_str_eq(joined("Croatia"), "2009-04-01");
    cr_assert_str_eq(joined("  slovakia "), "2004-03-29");
    cr_assert_str_eq(joined("Czechia"), "1999-03-12");
    cr_assert_str_eq(joined("Spain"), "1982-05-30");
    cr_assert_str_eq(joined("DEU"), "1955-05-06");
    cr_assert_str_eq(joined("Turkey"), "1952-02-18");
    cr_assert_str_eq(joined("T\xc3\xbcrkiye"), "1952-02-18");
    cr_assert_str_eq(joined("Turkiye"), "1952-02-18");
    cr_assert_str_eq(joined("UK"), "1949-04-04");
    cr_assert_str_eq(joined("gb"), "1949-04-04");
    cr_assert_str_eq(joined("United Kingdom"), "1949-04-04");
    cr_assert_str_eq(joined("USA"), "1949-04-04");
    cr_assert_str_eq(joined("Austria"), "none");
    cr_assert_str_eq(joined("Ukraine"), "none");
    cr_assert_str_eq(joined(""), "none");
    cr_assert_str_eq(joined("S"), "none");
}

/* ---- JSON ---- */

static np_status parse(np_candidate *c, const char *json, np_error *err)
{
    return np_candidate_from_json(c, json, strlen(json), err);
}

Test(candidate_json, full_profile)
{
    np_candidate c;
    np_error err;
    cr_assert_eq(parse(&c,
                       "{\"name\": \"alice\", \"degree\": \"postgraduate\", \"experience_years\": 4.5,"
                       " \"languages\": {\"english\": \"V\", \"french\": \"Elementary\"},"
                       " \"stanag\": \"SLP 3321\", \"clearance\": \"CTS/A\", \"nationality\": \"SE\","
                       " \"serving_staff\": true}",
                       &err),
                 NP_OK, "%s", err.message);
    cr_assert_str_eq(c.name, "alice");
    cr_assert_eq(c.degree, NP_DEGREE_POSTGRADUATE);
    cr_assert_float_eq(c.experience_years, 4.5, 1e-12);
    cr_assert_eq(c.english, 5);
    cr_assert_eq(c.french, 2);
    cr_assert_eq(c.stanag.listening, 3);
    cr_assert_eq(c.stanag.writing, 1);
    cr_assert_eq(c.clearance, NP_CLEARANCE_CTS);
    cr_assert(c.clearance_atomal);
    cr_assert_str_eq(c.nationality, "SE");
    cr_assert_eq(c.serving_staff, NP_YES);
}

Test(candidate_json, missing_keys_are_not_given_and_none_is_none)
{
    np_candidate c;
    cr_assert_eq(parse(&c, "{\"languages\": {\"french\": \"none\"}, \"clearance\": \"none\", \"degree\": \"none\"}", NULL), NP_OK);
    cr_assert_eq(c.english, -1);
    cr_assert_eq(c.french, 0);
    cr_assert_eq(c.clearance, 0);
    cr_assert_eq(c.degree, 0);
    cr_assert_lt(c.experience_years, 0);
    cr_assert_str_eq(c.nationality, "");
    cr_assert_eq(c.serving_staff, NP_UNKNOWN);
    cr_assert_eq(c.stanag.listening, -1);
}

static void rejects(const char *json, np_status code, const char *needle)
{
    np_candidate c = NP_CANDIDATE_INIT;
    np_error err;
    cr_assert_eq(parse(&c, json, &err), code, "%s -> %s", json, err.message);
    cr_assert(strstr(err.message, needle) != NULL, "%s: \"%s\" not in \"%s\"", json, needle, err.message);
}

Test(candidate_json, errors_name_the_key)
{
    rejects("{\"nationalty\": \"SE\"}", NP_EINVAL, "unknown key \"nationalty\"");
    rejects("{\"languages\": {\"german\": \"V\"}}", NP_EINVAL, "languages: unknown key \"german\"");
    rejects("{\"languages\": {\"french\": \"VII\"}}", NP_EINVAL, "languages.french: unknown language level");
    rejects("{\"languages\": {\"english\": 5}}", NP_EINVAL, "languages.english: expected a string, found an integer");
    rejects("{\"languages\": [\"V\"]}", NP_EINVAL, "languages: expected an object");
    rejects("{\"experience_years\": \"5\"}", NP_EINVAL, "experience_years: expected a number");
    rejects("{\"experience_years\": -1}", NP_EINVAL, "experience_years: -1 is out of range");
    rejects("{\"degree\": \"phd\"}", NP_EINVAL, "degree: expected \"none\", \"university\" or \"postgraduate\"");
    rejects("{\"clearance\": \"TOP SECRET\"}", NP_EINVAL, "clearance: unknown security clearance");
    rejects("{\"serving_staff\": \"yes\"}", NP_EINVAL, "serving_staff: expected true or false");
    rejects("{\"stanag\": \"SLP 39\"}", NP_EINVAL, "stanag:");
    rejects("{\"name\": \"\"}", NP_EINVAL, "name: must not be empty");
    rejects("[]", NP_EINVAL, "expected an object, found an array");
    rejects("{\"name\": \"a\", \"name\": \"b\"}", NP_EPARSE, "candidate JSON");
    rejects("{\"name\": ", NP_EPARSE, "candidate JSON");
}

Test(candidate_json, nationality_names_a_country)
{
    static const char *const COUNTRIES[] = {"Sweden", "se", "SWE", " Belgium ", "Turkey", "Switzerland", "CH", "che",
                                            "Australia", "C\xc3\xb4te d'Ivoire", "Bolivia", "Kosovo", "Taiwan"};
    for (size_t i = 0; i < sizeof COUNTRIES / sizeof COUNTRIES[0]; i++) {
        np_error err;
        cr_assert_eq(np_candidate_check_nationality(COUNTRIES[i], strlen(COUNTRIES[i]), &err), NP_OK, "%s: %s",
                     COUNTRIES[i], err.message);
    }
    rejects("{\"nationality\": \"Swden\"}", NP_EINVAL,
            "candidate JSON: nationality: \"Swden\" is not a country's name or ISO 3166 code (closest NATO member "
            "states: Sweden, Spain, Italy)");
    rejects("{\"nationality\": \"Narnia\"}", NP_EINVAL,
            "nationality: \"Narnia\" is not a country's name or ISO 3166 code (closest NATO member states: Latvia, ");
    rejects("{\"nationality\": \"Untied Kingdom\"}", NP_EINVAL, "(closest NATO member states: United Kingdom, ");
    rejects("{\"nationality\": \"Swedish\"}", NP_EINVAL, "(closest NATO member states: Sweden, ");
    rejects("{\"nationality\": \"   \"}", NP_EINVAL, "\"\" is not a country's name");
    rejects("{\"nationality\": \"\\u0001x\"}", NP_EINVAL, "\"\\x01x\" is not a country's name");
}

Test(candidate_json, a_hand_built_profile_is_checked_too)
{
    np_candidate c = NP_CANDIDATE_INIT;
    strcpy(c.name, "narnian");
    strcpy(c.nationality, "Narnia");
    np_posting *p = np_posting_new();
    np_eligibility e;
    np_error err;
    cr_assert_eq(np_eligibility_check(&e, &c, p, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "candidate: nationality: \"Narnia\" is not a country's name") != NULL, "%s",
              err.message);
    np_eligibility_clear(&e);
    np_collection *coll;
    cr_assert_eq(np_collection_new(&coll, NULL), NP_OK);
    cr_assert_eq(np_collection_add_candidate(coll, &c, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "\"Narnia\" is not a country's name") != NULL, "%s", err.message);
    strcpy(c.nationality, "Switzerland"); /* a real country, not a member: accepted, then not met */
    cr_assert_eq(np_collection_add_candidate(coll, &c, &err), NP_OK, "%s", err.message);
    cr_assert_eq(np_eligibility_check(&e, &c, p, &err), NP_OK, "%s", err.message);
    np_eligibility_clear(&e);
    np_collection_free(coll);
    np_posting_free(p);
}

/* ---- eligibility ---- */

static np_posting *posting(const char *published, const char *deadline)
{
    np_posting *p = np_posting_new();
    cr_assert_not_null(p);
    if (published) p->published = day(published);
    if (deadline) p->deadline.date = day(deadline);
    return p;
}

static np_requirement *req(np_posting *p, np_req_kind kind, bool essential)
{
    np_requirement *r;
    cr_assert_eq(np_posting_add_requirement(p, &r, essential, "text", 4, 1, NULL), NP_OK);
    r->kind = kind;
    return r;
}

static void languages(np_posting *p, np_lang_form form, int one, int other, bool essential)
{
    np_requirement *r = req(p, NP_REQ_LANGUAGES, essential);
    r->as.languages.form = form;
    if (form == NP_LANG_NAMED) {
        r->as.languages.english = (np_lang_level)one;
        r->as.languages.french = (np_lang_level)other;
    } else {
        r->as.languages.one = (np_lang_level)one;
        r->as.languages.other = (np_lang_level)other;
    }
}

static np_candidate person(int en, int fr, const char *nationality)
{
    np_candidate c = NP_CANDIDATE_INIT;
    c.english = en;
    c.french = fr;
    if (nationality) snprintf(c.nationality, sizeof c.nationality, "%s", nationality);
    return c;
}

static const np_check *first(const np_eligibility *e, np_req_kind kind)
{
    for (size_t i = 0; i < e->check_count; i++)
        if (e->checks[i].kind == kind) return &e->checks[i];
    cr_assert_fail("no %s check", np_req_kind_name(kind));
    return NULL;
}

static np_check_status status_of(const np_candidate *c, const np_posting *p, np_req_kind kind, char *reason)
{
    np_eligibility e;
    cr_assert_eq(np_eligibility_check(&e, c, p, NULL), NP_OK);
    const np_check *k = first(&e, kind);
    const np_check_status s = k->status;
    if (reason) strcpy(reason, k->reason);
    cr_assert_eq(np_eligibility_verdict(c, p), e.verdict, "verdict-only path agrees");
    np_eligibility_clear(&e);
    return s;
}

Test(candidate_eligibility, either_or_languages_as_in_the_issue)
{
    np_posting *p = posting("2025-04-01", NULL);
    languages(p, NP_LANG_EITHER_OR, 5, 1, true);
    char reason[NP_CHECK_REASON_MAX];
    np_candidate c = person(5, 2, "Belgium");
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, reason), NP_CHECK_MET);
    cr_assert_str_eq(reason, "requires V in one language and I in the other; the candidate has V (English) "
                             "and II (French): met");
    c = person(1, 6, "Belgium"); /* the candidate picks which is which */
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, NULL), NP_CHECK_MET);
    c = person(4, 6, "Belgium");
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, NULL), NP_CHECK_MET);
    c = person(4, 4, "Belgium");
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, reason), NP_CHECK_NOT_MET);
    cr_assert(strstr(reason, "IV (English) and IV (French): not met"), "%s", reason);
    c = person(6, 0, "Belgium"); /* no French at all */
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, reason), NP_CHECK_NOT_MET);
    cr_assert(strstr(reason, "VI (English) and none (French)"), "%s", reason);
    /* French not given: V in English and I..VI in French would meet; none would not. */
    c = person(5, -1, "Belgium");
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, reason), NP_CHECK_CANNOT_TELL);
    cr_assert(strstr(reason, "the candidate has V (English) and no stated level (French): cannot tell"), "%s",
              reason);
    /* English not given but French only II: nobody's English can fix max >= V and min >= I... it can (V). */
    c = person(-1, 2, "Belgium");
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, NULL), NP_CHECK_CANNOT_TELL);
    np_posting_free(p);

    /* V / III: III in French and nothing known in English can never give min >= III and max >= V? It can (English V). */
    p = posting("2025-04-01", NULL);
    languages(p, NP_LANG_EITHER_OR, 5, 3, true);
    c = person(-1, 2, "Belgium"); /* min <= II < III whatever the English: not met */
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, NULL), NP_CHECK_NOT_MET);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(candidate_eligibility, both_and_named_languages)
{
    np_posting *p = posting("2025-04-01", NULL);
    languages(p, NP_LANG_BOTH, 6, 6, true);
    char reason[NP_CHECK_REASON_MAX];
    np_candidate c = person(6, 6, "France");
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, reason), NP_CHECK_MET);
    cr_assert(strstr(reason, "requires VI in both English and French"), "%s", reason);
    c = person(6, 5, "France");
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, NULL), NP_CHECK_NOT_MET);
    np_posting_free(p);

    p = posting("2025-04-01", NULL);
    languages(p, NP_LANG_NAMED, 4, 0, true); /* "level IV or higher in English" */
    c = person(4, 0, "France");
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, reason), NP_CHECK_MET);
    cr_assert(strstr(reason, "requires IV in English;"), "%s", reason);
    c = person(3, 6, "France");
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, NULL), NP_CHECK_NOT_MET);
    c = person(5, -1, "France"); /* French does not matter */
    cr_assert_eq(status_of(&c, p, NP_REQ_LANGUAGES, NULL), NP_CHECK_MET);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(candidate_eligibility, nationality_is_judged_on_the_notice_date)
{
    char reason[NP_CHECK_REASON_MAX];
    np_candidate se = person(5, 5, "Sweden");
    np_posting *before = posting("2024-03-06", "2024-04-30");
    cr_assert_eq(status_of(&se, before, NP_REQ_NATIONALITY, reason), NP_CHECK_NOT_MET);
    cr_assert_str_eq(reason, "requires the nationality of a NATO member state on 2024-03-06 (the notice's "
                             "publication date); Sweden joined on 2024-03-07: not met");
    np_posting *on = posting("2024-03-07", NULL);
    cr_assert_eq(status_of(&se, on, NP_REQ_NATIONALITY, NULL), NP_CHECK_MET);
    np_posting *by_deadline = posting(NULL, "2024-03-08");
    cr_assert_eq(status_of(&se, by_deadline, NP_REQ_NATIONALITY, reason), NP_CHECK_MET);
    cr_assert(strstr(reason, "on 2024-03-08 (the notice's deadline)"), "%s", reason);
    np_posting *undated = posting(NULL, NULL);
    cr_assert_eq(status_of(&se, undated, NP_REQ_NATIONALITY, reason), NP_CHECK_CANNOT_TELL);
    cr_assert(strstr(reason, "the notice states no date"), "%s", reason);
    np_candidate be = person(5, 5, "BEL");
    cr_assert_eq(status_of(&be, undated, NP_REQ_NATIONALITY, NULL), NP_CHECK_MET);
    np_candidate at = person(5, 5, "Austria");
    cr_assert_eq(status_of(&at, on, NP_REQ_NATIONALITY, reason), NP_CHECK_NOT_MET);
    cr_assert(strstr(reason, "\"Austria\" is not a NATO member state"), "%s", reason);
    np_candidate unknown = person(5, 5, NULL);
    cr_assert_eq(status_of(&unknown, on, NP_REQ_NATIONALITY, NULL), NP_CHECK_CANNOT_TELL);

    /* The rule applies whether or not the reader found the sentence; an
     * explicit requirement is checked once, in notice order. */
    np_requirement *r = req(on, NP_REQ_NATIONALITY, true);
    r->as.nationality.nato_member = true;
    np_eligibility e;
    cr_assert_eq(np_eligibility_check(&e, &se, on, NULL), NP_OK);
    cr_assert_eq(e.check_count, 1);
    cr_assert_eq(e.checks[0].requirement, 0);
    np_eligibility_clear(&e);
    cr_assert_eq(np_eligibility_check(&e, &se, before, NULL), NP_OK);
    cr_assert_eq(e.check_count, 1);
    cr_assert_eq(e.checks[0].requirement, -1);
    cr_assert_eq(e.verdict, NP_VERDICT_NOT_ELIGIBLE);
    np_eligibility_clear(&e);
    np_posting_free(before);
    np_posting_free(on);
    np_posting_free(by_deadline);
    np_posting_free(undated);
    TS_ASSERT_NO_LEAKS();
}

Test(candidate_eligibility, degree_experience_stanag_clearance)
{
    np_posting *p = posting("2025-04-01", NULL);
    np_requirement *d = req(p, NP_REQ_DEGREE, true);
    d->as.degree.level = NP_DEGREE_UNIVERSITY;
    np_requirement *x = req(p, NP_REQ_EXPERIENCE, true);
    x->as.experience.min_years = 2;
    np_requirement *s = req(p, NP_REQ_STANAG, true);
    s->as.stanag = (np_stanag_profile){3, 3, 2, 1, 0};
    np_candidate c = person(5, 5, "Italy");
    char reason[NP_CHECK_REASON_MAX];

    cr_assert_eq(status_of(&c, p, NP_REQ_DEGREE, reason), NP_CHECK_CANNOT_TELL);
    cr_assert_str_eq(reason, "requires a university degree; the candidate's degree is not given: cannot tell");
    c.degree = NP_DEGREE_POSTGRADUATE;
    cr_assert_eq(status_of(&c, p, NP_REQ_DEGREE, reason), NP_CHECK_MET);
    cr_assert_str_eq(reason, "requires a university degree; the candidate has a post-graduate degree: met");
    c.degree = NP_DEGREE_NONE;
    cr_assert_eq(status_of(&c, p, NP_REQ_DEGREE, NULL), NP_CHECK_NOT_MET);
    d->as.degree.equivalent_accepted = true;
    cr_assert_eq(status_of(&c, p, NP_REQ_DEGREE, reason), NP_CHECK_CANNOT_TELL);
    cr_assert(strstr(reason, "equivalent"), "%s", reason);

    cr_assert_eq(status_of(&c, p, NP_REQ_EXPERIENCE, reason), NP_CHECK_CANNOT_TELL);
    cr_assert_str_eq(reason, "requires at least 2 years of experience; the candidate's experience is not given: "
                             "cannot tell");
    c.experience_years = 2;
    cr_assert_eq(status_of(&c, p, NP_REQ_EXPERIENCE, reason), NP_CHECK_MET);
    cr_assert_str_eq(reason, "requires at least 2 years of experience; the candidate has 2 years: met");
    c.experience_years = 1;
    cr_assert_eq(status_of(&c, p, NP_REQ_EXPERIENCE, reason), NP_CHECK_NOT_MET);
    cr_assert_str_eq(reason, "requires at least 2 years of experience; the candidate has 1 year: not met");
    x->as.experience.min_years = 1;
    cr_assert_eq(status_of(&c, p, NP_REQ_EXPERIENCE, reason), NP_CHECK_MET);
    cr_assert_str_eq(reason, "requires at least 1 year of experience; the candidate has 1 year: met");
    x->as.experience.min_years = 2;
    c.experience_years = 1.5;
    cr_assert_eq(status_of(&c, p, NP_REQ_EXPERIENCE, NULL), NP_CHECK_NOT_MET);
    x->as.experience.min_years = -1; /* "experience in policy development" */
    cr_assert_eq(status_of(&c, p, NP_REQ_EXPERIENCE, NULL), NP_CHECK_NOT_ASSESSED);

    cr_assert_eq(status_of(&c, p, NP_REQ_STANAG, NULL), NP_CHECK_CANNOT_TELL);
    c.stanag = (np_stanag_profile){3, 3, 2, 1, 0};
    cr_assert_eq(status_of(&c, p, NP_REQ_STANAG, NULL), NP_CHECK_MET);
    c.stanag = (np_stanag_profile){3, 2, 3, 3, 1u << 1}; /* speaking 2+ < 3 */
    cr_assert_eq(status_of(&c, p, NP_REQ_STANAG, NULL), NP_CHECK_NOT_MET);
    s->as.stanag.plus_mask = 1u; /* listening 3+ wanted */
    c.stanag = (np_stanag_profile){3, 3, 2, 1, 0};
    cr_assert_eq(status_of(&c, p, NP_REQ_STANAG, NULL), NP_CHECK_NOT_MET);
    np_posting_free(p);

    /* Clearance: held before applying only in fast-track competitions. */
    p = posting("2025-04-01", NULL);
    p->clearance = NP_CLEARANCE_NS;
    c = person(5, 5, "Italy");
    cr_assert_eq(status_of(&c, p, NP_REQ_CLEARANCE, reason), NP_CHECK_NOT_ASSESSED);
    cr_assert(strstr(reason, "after selection; the candidate's clearance is not given: not assessed"), "%s", reason);
    c.clearance = 0;
    cr_assert_eq(status_of(&c, p, NP_REQ_CLEARANCE, reason), NP_CHECK_NOT_ASSESSED);
    cr_assert(strstr(reason, "after selection; the candidate holds no clearance: not assessed"), "%s", reason);
    c.clearance = NP_CLEARANCE_CTS;
    cr_assert_eq(status_of(&c, p, NP_REQ_CLEARANCE, NULL), NP_CHECK_MET);
    p->fast_track = true;
    c.clearance = NP_CLEARANCE_NC;
    cr_assert_eq(status_of(&c, p, NP_REQ_CLEARANCE, reason), NP_CHECK_NOT_MET);
    cr_assert_str_eq(reason, "requires NATO SECRET, already held (fast-track competition); the candidate holds "
                             "NATO CONFIDENTIAL: not met");
    c.clearance = -1;
    cr_assert_eq(status_of(&c, p, NP_REQ_CLEARANCE, NULL), NP_CHECK_CANNOT_TELL);
    c.clearance = NP_CLEARANCE_NS;
    cr_assert_eq(status_of(&c, p, NP_REQ_CLEARANCE, NULL), NP_CHECK_MET);
    p->clearance_atomal = true;
    cr_assert_eq(status_of(&c, p, NP_REQ_CLEARANCE, NULL), NP_CHECK_NOT_MET);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(candidate_eligibility, verdict_and_desirable_count)
{
    np_posting *p = posting("2025-04-01", NULL);
    languages(p, NP_LANG_EITHER_OR, 5, 1, true);
    req(p, NP_REQ_OTHER, true); /* "good political judgement": not assessed */
    np_requirement *t = req(p, NP_REQ_TRAVEL, true);
    t->as.travel.percent = 10;
    np_requirement *d = req(p, NP_REQ_DEGREE, false);
    d->as.degree.level = NP_DEGREE_POSTGRADUATE;
    languages(p, NP_LANG_EITHER_OR, 6, 3, false);
    np_candidate c = person(6, 3, "Portugal");
    c.degree = NP_DEGREE_UNIVERSITY;

    np_eligibility e;
    cr_assert_eq(np_eligibility_check(&e, &c, p, NULL), NP_OK);
    cr_assert_eq(e.verdict, NP_VERDICT_ELIGIBLE);
    cr_assert_eq(e.check_count, 6); /* 5 requirements + the member-state rule */
    cr_assert_eq(e.essential_met, 2);
    cr_assert_eq(e.essential_not_met, 0);
    cr_assert_eq(e.essential_cannot_tell, 0);
    cr_assert_eq(e.desirable_count, 2);
    cr_assert_eq(e.desirable_met, 1);
    cr_assert_eq(e.checks[1].status, NP_CHECK_NOT_ASSESSED);
    cr_assert_str_eq(e.checks[1].reason, "a free-text requirement (\"text\"): not assessed");
    cr_assert_eq(e.checks[2].status, NP_CHECK_NOT_ASSESSED);
    cr_assert(strstr(e.checks[2].reason, "about 10%"), "%s", e.checks[2].reason);
    cr_assert_str_eq(np_verdict_name(e.verdict), "eligible");
    np_eligibility_clear(&e);

    c.french = -1; /* cannot tell beats eligible */
    cr_assert_eq(np_eligibility_verdict(&c, p), NP_VERDICT_CANNOT_TELL);
    strcpy(c.nationality, "Austria"); /* not met beats cannot tell */
    cr_assert_eq(np_eligibility_verdict(&c, p), NP_VERDICT_NOT_ELIGIBLE);
    cr_assert_str_eq(np_verdict_name(NP_VERDICT_NOT_ELIGIBLE), "not eligible");
    cr_assert_str_eq(np_check_status_name(NP_CHECK_CANNOT_TELL), "cannot tell");
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}
