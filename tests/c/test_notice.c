/* The notice reader (notice.h): the five real notices in ../shared/seeds/
 * with every expected value of issue 3 written here by hand, each recogniser
 * on small synthetic texts in layouts the seeds do not have, bad input, and
 * pathological input that a quadratic scan would not survive.
 *
 * Seeds come from NATOPOST_SEEDS; under CI=true a missing folder is a
 * failure, otherwise the seed tests are skipped with a message. */
#include <criterion/criterion.h>
#include <errno.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"
#include "reader/notice_internal.h"
#include "notice_support.h"
#include "support.h"

/* ---- helpers ----------------------------------------------------------------- */

static np_date ymd(int y, int m, int d)
{
    np_date out;
    cr_assert_eq(np_date_from_ymd(&out, y, m, d, NULL), NP_OK);
    return out;
}

/* The fuzz findings' invariant: what the reader returns, the JSON writer
 * accepts (so a posting read can always be saved). `where` names the case. */
static void expect_writable(const np_posting *p, const char *where)
{
    char *json = NULL;
    np_error err;
    cr_expect_eq(np_posting_to_json(&json, p, false, &err), NP_OK, "%s: not writable as JSON: %s", where,
                 err.message);
    np_free(json);
}

static size_t count_reqs(const np_posting *p, bool essential)
{
    size_t n = 0;
    for (size_t i = 0; i < p->requirement_count; i++) n += p->requirements[i].essential == essential;
    return n;
}

static const np_requirement *req(const np_posting *p, np_req_kind kind, bool essential)
{
    const np_requirement *r = np_posting_find_requirement(p, kind, essential);
    cr_assert_not_null(r, "no %s %s requirement", essential ? "essential" : "desirable",
                       np_req_kind_name(kind));
    return r;
}

static void expect_either_or(const np_posting *p, np_lang_level one, np_lang_level other)
{
    const np_requirement *r = req(p, NP_REQ_LANGUAGES, true);
    cr_expect_eq((int)r->as.languages.form, (int)NP_LANG_EITHER_OR);
    cr_expect_eq((int)r->as.languages.one, (int)one);
    cr_expect_eq((int)r->as.languages.other, (int)other);
    cr_expect_not(r->as.languages.or_higher);
}

static void expect_contract_36_36_72(const np_posting *p)
{
    const np_contract_terms *c = &p->contract;
    cr_expect(c->stated);
    cr_expect_eq(c->definite_months, 36);
    cr_expect_eq(c->renewal_months, 36);
    cr_expect_eq(c->max_service_months, 72);
    cr_expect_eq((int)c->conversion_possible, (int)NP_YES);
    cr_expect(c->turnover_clause);
    cr_expect(c->seconded_terms);
    cr_expect_eq(c->seconded_max_months, 72);
    cr_expect_not_null(c->text);
}

static void expect_no_pay(const np_posting *p)
{
    cr_expect_not(np_grade_is_known(p->grade));
    cr_expect_null(p->grade_text);
    cr_expect_lt(p->salary.amount, 0);
    cr_expect_str_eq(p->salary.currency, "");
    cr_expect_null(p->salary.basis);
    cr_expect(has_diag(p, "grade"));
}

/* ---- the seeds ----------------------------------------------------------------- */

Test(notice_seeds, seed_000_officer_logistics)
{
    np_posting *p = read_seed("000");
    cr_expect_str_eq(p->title, "Officer, Logistics");
    cr_expect_eq(p->lines.title, 3);
    cr_expect_str_eq(p->body, "International Staff");
    cr_expect_eq(p->lines.body, 5);
    cr_expect_str_eq(p->location, "Brussels"); /* "Brussels, Belgium": the duty city */
    cr_expect_eq(p->lines.location, 6);
    cr_expect_str_eq(p->division, "Defence Policy and Planning Division");
    cr_expect_eq(p->lines.division, 18);
    cr_expect_str_eq(p->directorate, "Defence Policy and Capabilities Directorate");
    cr_expect_str_eq(p->section, "Defence Enablement and Logistics Section");
    cr_expect_eq(p->lines.section, 20);
    cr_expect_eq(p->deadline.date, ymd(2025, 4, 22));
    cr_expect_eq(p->deadline.minute, -1);
    cr_expect_eq(p->lines.deadline, 9);
    /* "Published:" has no date: unset, with a diagnostic on its line */
    cr_expect_eq(p->published, NP_DATE_NONE);
    cr_expect(has_diag(p, "published"));

    const np_requirement *r = req(p, NP_REQ_DEGREE, true);
    cr_expect_eq((int)r->as.degree.level, (int)NP_DEGREE_UNIVERSITY);
    cr_expect_eq(r->line, 32);
    r = req(p, NP_REQ_EXPERIENCE, true);
    cr_expect_eq(r->as.experience.min_years, 2);
    cr_expect_eq(r->line, 34);
    expect_either_or(p, NP_LEVEL_V, NP_LEVEL_I);
    r = req(p, NP_REQ_TRAVEL, true);
    cr_expect_eq(r->as.travel.percent, 10);
    cr_expect_eq(r->line, 48); /* run together with the languages on line 48 */
    cr_expect_str_eq(r->text, "be available and flexible to travel (approximately 10% of working time), as required");
    r = req(p, NP_REQ_DEGREE, false);
    cr_expect_eq((int)r->as.degree.level, (int)NP_DEGREE_POSTGRADUATE);
    cr_expect_eq(count_reqs(p, true), 10);
    cr_expect_eq(count_reqs(p, false), 5); /* the run-together last item is two */

    cr_expect_eq(p->competency_count, 8);
    cr_expect_str_eq(p->competencies[0].name, "Analytical Thinking");
    cr_expect_str_eq(p->competencies[0].descriptor, "Sees multiple relationships");
    cr_expect_eq(p->competencies[0].line, 99);
    cr_expect_str_eq(p->competencies[7].descriptor,
                     "Expresses positive attitudes and expectations of team or team members");
    cr_expect_eq(p->accountability_count, 5);
    cr_expect_str_eq(p->accountabilities[0].heading, "Policy Development");
    cr_expect_eq(p->accountabilities[0].line, 66);
    cr_expect_str_eq(p->interrelationships.reports_to, "Head, Defence Enablement & Logistics Section");
    cr_expect_str_eq(p->interrelationships.direct_reports, "N/a");
    cr_expect_str_eq(p->interrelationships.indirect_reports, "N/a");

    expect_contract_36_36_72(p);
    cr_expect(p->contract.twin_grade_note);
    cr_expect_eq(p->contract.line, 116);
    np_policy policy;
    bool twin = false;
    cr_assert_eq(np_posting_policy(&policy, &twin, p, NULL), NP_OK);
    cr_expect_eq(policy.initial_months, 36);
    cr_expect_eq(policy.renewal_months, 36);
    cr_expect_eq(policy.max_months, 72);
    cr_expect(twin);

    /* nothing invented */
    expect_no_pay(p);
    cr_expect_eq((int)p->clearance, (int)NP_CLEARANCE_NONE); /* "receipt of a security clearance": no level */
    cr_expect_eq(p->fast_track, NP_UNKNOWN, "the notice does not say");
    cr_expect_null(p->requisition);
    cr_expect_eq(strncmp(p->id, "fnv1a:", 6), 0);
    cr_expect_eq(strlen(p->id), 6 + 16);
    cr_expect_eq(p->lines.summary, 18);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(notice_seeds, seed_001_staff_officer)
{
    np_posting *p = read_seed("001");
    cr_expect_str_eq(p->title, "Staff Officer");
    cr_expect_eq(p->lines.title, 1);
    cr_expect_str_eq(p->division, "Operations Division");
    cr_expect_str_eq(p->section, "Crisis Response Systems and Exercises (CRSE) Section");
    cr_expect_eq(p->lines.section, 10);
    cr_expect_null(p->directorate);
    cr_expect_eq(p->deadline.date, ymd(2025, 12, 31)); /* "Plazo: 31-12-2025" */
    cr_expect_eq(p->lines.deadline, 78);
    cr_expect_eq(p->updated, ymd(2025, 11, 16)); /* "Día de actualización" */
    cr_expect_eq(p->lines.updated, 3);
    cr_expect_eq(req(p, NP_REQ_EXPERIENCE, true)->as.experience.min_years, 2);
    expect_either_or(p, NP_LEVEL_V, NP_LEVEL_II);
    const np_requirement *r = req(p, NP_REQ_SOFTWARE, true);
    cr_expect_str_eq(r->as.software.names, "MS Excel, Word, Outlook, PowerPoint");
    cr_expect_eq(req(p, NP_REQ_TRAVEL, true)->as.travel.percent, -1); /* no share stated */
    cr_expect_eq((int)req(p, NP_REQ_DEGREE, false)->as.degree.level, (int)NP_DEGREE_POSTGRADUATE);
    cr_expect_eq(p->competency_count, 5);
    cr_expect_str_eq(p->competencies[4].name, "Teamwork");
    cr_expect_str_eq(p->competencies[4].descriptor, "Cooperates");
    expect_contract_36_36_72(p);
    cr_expect_not(p->contract.twin_grade_note);
    cr_expect_eq(p->contract.line, 56);
    /* the "similar jobs" dates at the end are not deadlines; nothing invented */
    expect_no_pay(p);
    cr_expect_eq((int)p->clearance, (int)NP_CLEARANCE_NONE);
    cr_expect_eq(p->fast_track, NP_UNKNOWN, "the notice does not say");
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(notice_seeds, seed_002_no_title_no_contract)
{
    np_posting *p = read_seed("002");
    cr_expect_null(p->title);
    cr_expect(has_diag(p, "title"));
    cr_expect_str_eq(p->division, "Political Affairs and Security Policy Division");
    cr_expect_eq(p->lines.division, 5);
    cr_expect_str_eq(p->directorate, "Security Policy Directorate");
    cr_expect_eq(p->lines.directorate, 5);
    cr_expect_eq(p->requirement_count, 0); /* ESSENTIAL and DESIRABLE lists are empty */
    cr_expect(has_diag(p, "requirements"));
    cr_expect_eq(p->competency_count, 0);
    /* no contract terms: not stated, not the defaults */
    cr_expect_not(p->contract.stated);
    cr_expect_eq(p->contract.definite_months, -1);
    cr_expect_eq(p->contract.renewal_months, -1);
    cr_expect_eq(p->contract.max_service_months, -1);
    cr_expect_eq((int)p->contract.conversion_possible, (int)NP_UNKNOWN);
    cr_expect_not(p->contract.twin_grade_note);
    cr_expect_null(p->contract.text);
    cr_expect(has_diag(p, "contract"));
    np_policy policy;
    cr_expect_eq(np_posting_policy(&policy, NULL, p, NULL), NP_ENOTFOUND);
    /* nothing invented */
    expect_no_pay(p);
    cr_expect_eq(p->deadline.date, NP_DATE_NONE);
    cr_expect(has_diag(p, "deadline"));
    cr_expect_null(p->location);
    cr_expect_eq((int)p->clearance, (int)NP_CLEARANCE_NONE); /* "receipt of asecurity clearance" */
    cr_expect_eq(p->fast_track, NP_UNKNOWN, "the notice does not say");
    cr_expect_str_eq(p->interrelationships.indirect_reports, "N/a");
    cr_expect_null(p->interrelationships.direct_reports);
    cr_expect_eq(p->lines.summary, 5); /* the heading glued to "via email1. SUMMARY" on line 4 */
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(notice_seeds, seed_003_junior_officer_plans)
{
    np_posting *p = read_seed("003");
    cr_expect_str_eq(p->title, "Junior Officer, Plans");
    cr_expect_str_eq(p->requisition, "251043");
    cr_expect_eq(p->lines.requisition, 4);
    cr_expect_str_eq(p->id, "251043");
    cr_expect_str_eq(p->division, "Operations Division");
    cr_expect_str_eq(p->section, "Plans Section");
    cr_expect_eq(p->lines.section, 7);
    cr_expect_null(p->location); /* "Belgium" names no city */
    cr_expect_eq(req(p, NP_REQ_EXPERIENCE, true)->as.experience.min_years, 2);
    expect_either_or(p, NP_LEVEL_V, NP_LEVEL_I);
    cr_expect_eq(p->competency_count, 6);
    cr_expect_not(p->contract.stated);
    cr_expect_eq(p->contract.definite_months, -1);
    cr_expect_str_eq(p->interrelationships.reports_to, "Head, Plans Section");
    expect_no_pay(p);
    cr_expect_eq(p->deadline.date, NP_DATE_NONE);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(notice_seeds, seed_004_executive_officer)
{
    np_posting *p = read_seed("004");
    cr_expect_eq(p->grade.low, 20);
    cr_expect_eq(p->grade.high, 20);
    cr_expect_eq(p->grade.category, 0);
    cr_expect_str_eq(p->grade_text, "NATO Grade G20");
    cr_expect_eq(p->lines.grade, 28);
    cr_expect_eq(p->salary.amount, 9253.21);
    cr_expect_str_eq(p->salary.currency, ""); /* the notice names no currency */
    cr_expect_eq(p->lines.salary, 26);
    cr_expect_eq(p->deadline.date, ymd(2025, 11, 3));
    cr_expect_eq(p->deadline.minute, 17 * 60 + 59);
    cr_expect_eq(p->lines.deadline, 24);
    cr_expect_eq((int)p->clearance, (int)NP_CLEARANCE_NS);
    cr_expect_not(p->clearance_atomal);
    cr_expect_eq(p->lines.clearance, 30);
    cr_expect_eq(p->fast_track, NP_YES);
    cr_expect_eq(p->lines.fast_track, 29);
    cr_expect_str_eq(p->body, "International Staff");
    cr_expect_str_eq(p->location, "Brussels"); /* "Belgium-Brussels" */
    cr_expect_str_eq(p->division, "Defence Industry, Innovation and Armaments Division");
    cr_expect_eq(p->lines.division, 31);
    cr_expect_null(p->section); /* "the D2IA Divisional Support Section (DSS), ..." is not the post's */
    /* no title line: taken from "The Executive Officer (XO) is primarily responsible", said so */
    cr_expect_str_eq(p->title, "Executive Officer");
    cr_expect(has_diag(p, "title"));
    const np_requirement *r = req(p, NP_REQ_EXPERIENCE, true);
    cr_expect_eq(r->as.experience.min_years, 5);
    cr_expect_eq(r->line, 35);
    cr_expect(req(p, NP_REQ_DEGREE, true)->as.degree.equivalent_accepted);
    expect_either_or(p, NP_LEVEL_V, NP_LEVEL_III);
    cr_expect_eq(count_reqs(p, false), 4); /* "The following would be considered an advantage:" */
    cr_expect_eq(p->competency_count, 8);
    cr_expect_str_eq(p->competencies[6].descriptor,
                     "Is decisive in a time-sensitive situation; proactively identifies topics for "
                     "improvement and proposes solutions");
    cr_expect_str_eq(p->accountabilities[0].heading, "Planning and Execution"); /* inline layout */
    cr_expect_eq(p->accountabilities[0].line, 46);
    expect_contract_36_36_72(p);
    cr_expect_eq(p->contract.line, 77);
    cr_expect_not(has_diag(p, "grade"));
    cr_expect_not(has_diag(p, "deadline"));
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* The same notice copied with CRLF, NBSP and tabs reads the same (id included). */
Test(notice_seeds, copy_noise_does_not_change_the_record)
{
    char *path = seed_path("000");
    size_t n;
    char *text = ts_read_file(path, &n);
    cr_assert_not_null(text, "cannot read %s", path);
    char *noisy = malloc(n * 3 + 1);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '\n') noisy[m++] = '\r';
        if (text[i] == ' ' && i % 7 == 0) { noisy[m++] = '\xc2'; noisy[m++] = '\xa0'; continue; }
        if (text[i] == ' ' && i % 11 == 0) { noisy[m++] = '\t'; continue; }
        noisy[m++] = text[i];
    }
    np_posting *a = NULL, *b = NULL;
    cr_assert_eq(np_notice_read(&a, text, n, NULL, NULL), NP_OK);
    cr_assert_eq(np_notice_read(&b, noisy, m, NULL, NULL), NP_OK);
    char where[128] = "";
    cr_expect(np_posting_equal(a, b, where, sizeof where), "differs at %s", where);
    np_posting *c = NULL;
    cr_assert_eq(np_posting_clone(&c, a, NULL), NP_OK);
    cr_expect(np_posting_equal(a, c, NULL, 0));
    np_posting_free(a);
    np_posting_free(b);
    np_posting_free(c);
    free(text);
    free(noisy);
    free(path);
    TS_ASSERT_NO_LEAKS();
}

/* The word-at-a-time normaliser against a byte-by-byte reference written
 * here: blanks folded, lines trimmed, CRLF/CR -> LF, NBSP -> blank, curly
 * quotes -> ASCII, controls -> blank, and the lower-cased copy. */
static size_t reference_normalize(const char *in, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)in[i];
        char put = 0;
        if (c == '\r' || c == '\n') {
            char brk = (char)c;
            if (c == '\r' && i + 1 < len && in[i + 1] == '\n') i++, brk = '\n';
            while (n && out[n - 1] == ' ') n--;
            out[n++] = brk; /* a lone CR stays a CR */
            continue;
        }
        if (c == 0xC2 && (unsigned char)in[i + 1] == 0xA0) { i++; put = ' '; }
        else if (c == 0xE2 && (unsigned char)in[i + 1] == 0x80 && (unsigned char)in[i + 2] == 0x99) { i += 2; put = '\''; }
        else if (c < 0x20 || c == 0x7F || c == ' ') put = ' ';
        else put = (char)c;
        if (put == ' ' && (n == 0 || out[n - 1] == ' ' || out[n - 1] == '\n')) continue;
        out[n++] = put;
    }
    while (n && out[n - 1] == ' ') n--;
    return n;
}

Test(notice_text, normaliser_matches_a_byte_by_byte_reference)
{
    static const char *const PIECES[] = {" ", "  ", "\t", "\n", "\r", "\r\n", " \r", "\r ", "a", "B", "!", "Zz",
                                         "\xc2\xa0", "\xe2\x80\x99", "\x7f", "\x01", "word", "x y",
                                         "12345678", " .", "@[`{"};
    ts_rng rng = {7};
    for (int round = 0; round < 2000; round++) {
        char in[512];
        size_t len = 0;
        const size_t target = (size_t)ts_rng_range(&rng, 1, 400);
        while (len < target) {
            const char *piece = PIECES[ts_rng_range(&rng, 0, sizeof PIECES / sizeof PIECES[0] - 1)];
            memcpy(in + len, piece, strlen(piece));
            len += strlen(piece);
        }
        char expected[512];
        size_t n = reference_normalize(in, len, expected);
        nt_doc d;
        memset(&d, 0, sizeof d);
        cr_assert_eq(nt_normalize(&d, in, len), NP_OK);
        cr_assert_eq(d.size, n, "round %d: length %zu, expected %zu", round, d.size, n);
        cr_assert_eq(memcmp(d.buf, expected, n), 0, "round %d: text differs", round);
        for (size_t i = 0; i < n; i++)
            cr_assert_eq(d.low[i], nt_tolower(expected[i]), "round %d: lower-case copy at %zu", round, i);
        nt_doc_free(&d);
    }
    TS_ASSERT_NO_LEAKS();
}

/* ---- segmentation ------------------------------------------------------------------- */

static nt_kind heading(const char *s, bool bullet, size_t *used)
{
    nt_part part;
    return nt_match_heading(s, strlen(s), bullet, used, &part);
}

Test(notice_segment, heading_layouts)
{
    size_t used;
    cr_expect_eq((int)heading("1.SUMMARY", false, &used), (int)NT_SUMMARY);
    cr_expect_eq(used, 9);
    cr_expect_eq((int)heading("1. SUMMARY", false, &used), (int)NT_SUMMARY);
    cr_expect_eq((int)heading("SUMMARY:", false, &used), (int)NT_SUMMARY);
    cr_expect_eq((int)heading("Summary:", false, &used), (int)NT_SUMMARY);
    cr_expect_eq((int)heading("SUMMARY The Division leads", true, &used), (int)NT_SUMMARY);
    cr_expect_eq(used, 8); /* the text after the heading stays */
    cr_expect_eq((int)heading("Summary: The Division leads", false, &used), (int)NT_SUMMARY);
    cr_expect_eq(used, 9);
    cr_expect_eq((int)heading("2. QUALIFICATIONS AND EXPERIENCE", false, &used), (int)NT_QUALIFICATIONS);
    cr_expect_eq((int)heading("QUALIFICATIONS & EXPERIENCE:", false, &used), (int)NT_QUALIFICATIONS);
    cr_expect_eq((int)heading("3.MAIN ACCOUNTABILITIES", false, &used), (int)NT_ACCOUNTABILITIES);
    cr_expect_eq((int)heading("INTERRELATIONSHIPS:", false, &used), (int)NT_INTERRELATIONSHIPS);
    cr_expect_eq((int)heading("COMPETENCIES The incumbent must demonstrate:", true, &used), (int)NT_COMPETENCIES);
    cr_expect_eq((int)heading("6. CONTRACT", false, &used), (int)NT_CONTRACT);
    cr_expect_eq((int)heading("7. USEFUL INFORMATION REGARDING APPLICATION AND RECRUITMENT PROCESS", false, &used),
                 (int)NT_BOILERPLATE);
    nt_part part = NT_PART_NONE;
    cr_expect_eq((int)nt_match_heading("DESIRABLE QUALIFICATIONS:", 25, false, &used, &part),
                 (int)NT_QUALIFICATIONS);
    cr_expect_eq((int)part, (int)NT_PART_DESIRABLE);
    /* sentences that start with a heading word are not headings */
    cr_expect_eq((int)heading("Contract to be offered to the successful applicant", false, &used), (int)NT_HEADER);
    cr_expect_eq((int)heading("Contract clause applicable:", false, &used), (int)NT_HEADER);
    cr_expect_eq((int)heading("CONTRACT CLAUSE APPLICABLE", false, &used), (int)NT_HEADER);
    cr_expect_eq((int)heading("Summaryzing the post", false, &used), (int)NT_HEADER);
    cr_expect_eq((int)heading("AI-Powered Job Summary", false, &used), (int)NT_HEADER);
    cr_expect_eq((int)heading("123. SUMMARY", false, &used), (int)NT_HEADER);
}

static const char COLON_LAYOUT[] =
    "Senior Analyst, Widgets\n"
    "Location: Mons, Belgium\n"
    "NATO Grade: 24\n"
    "SECURITY CLEARANCE: CTS/A\n"
    "Closing date: 22 April 2026 (midnight Brussels time)\n"
    "\n"
    "Summary: The Widget Standards Division leads work on widgets. The Widget Plans Section provides advice.\n"
    "Qualifications:\n"
    "Essential:\n"
    "* a university degree;\n"
    "* at least three (3) years of experience in widget policy;\n"
    "* VI (\"Proficiency\") in both NATO official languages;\n"
    "Desirable:\n"
    "* level IV (\"Upper indermediate\") or higher in English;\n"
    "Competencies:\n"
    "* Teamwork: Cooperates\n"
    "Contract: a 2-year definite duration contract; not renewable.\n";

Test(notice_segment, colon_layout_notice)
{
    np_posting *p = read_text(COLON_LAYOUT);
    cr_expect_str_eq(p->title, "Senior Analyst, Widgets");
    cr_expect_str_eq(p->location, "Mons"); /* "Mons, Belgium" */
    cr_expect_eq(p->lines.location, 2);
    cr_expect_eq(p->grade.low, 24);
    cr_expect_eq((int)p->clearance, (int)NP_CLEARANCE_CTS);
    cr_expect(p->clearance_atomal);
    cr_expect_eq(p->deadline.date, ymd(2026, 4, 22));
    cr_expect_eq(p->deadline.minute, -1);
    cr_expect_str_eq(p->summary,
                     "The Widget Standards Division leads work on widgets. The Widget Plans Section provides advice.");
    cr_expect_eq(p->lines.summary, 7);
    cr_expect_str_eq(p->division, "Widget Standards Division");
    cr_expect_str_eq(p->section, "Widget Plans Section");
    cr_expect_eq(count_reqs(p, true), 3);
    cr_expect_eq(count_reqs(p, false), 1);
    cr_expect_eq(req(p, NP_REQ_EXPERIENCE, true)->as.experience.min_years, 3);
    const np_requirement *r = req(p, NP_REQ_LANGUAGES, true);
    cr_expect_eq((int)r->as.languages.form, (int)NP_LANG_BOTH);
    cr_expect_eq((int)r->as.languages.one, (int)NP_LEVEL_VI);
    cr_expect_eq((int)r->as.languages.other, (int)NP_LEVEL_VI);
    r = req(p, NP_REQ_LANGUAGES, false);
    cr_expect_eq((int)r->as.languages.form, (int)NP_LANG_NAMED);
    cr_expect_eq((int)r->as.languages.english, (int)NP_LEVEL_IV);
    cr_expect_eq((int)r->as.languages.french, (int)NP_LEVEL_NONE);
    cr_expect(r->as.languages.or_higher);
    cr_expect_eq(p->competency_count, 1);
    cr_expect(p->contract.stated);
    cr_expect_eq(p->contract.definite_months, 24);
    cr_expect_eq(p->contract.renewal_months, 0);
    cr_expect_eq(p->contract.max_service_months, -1);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(notice_segment, glued_heading_and_bullets)
{
    np_posting *p = read_text(
        "Sign in\r\n"
        "Job alerts via email1. SUMMARY\r\n"
        "The Plans Section coordinates planning.\r\n"
        "2.QUALIFICATIONS AND EXPERIENCE\r\n"
        "\xe2\x80\xa2 have at least 4 years\xe2\x80\x99 experience in planning\r\n"
        "   and operations;\r\n"
        "\xe2\x80\xa2 be available to travel up to 25% of the time\r\n");
    cr_expect_eq(p->lines.summary, 3);
    cr_expect_str_eq(p->section, "Plans Section");
    cr_expect_eq(p->requirement_count, 2);
    const np_requirement *r = req(p, NP_REQ_EXPERIENCE, true);
    cr_expect_eq(r->as.experience.min_years, 4);
    cr_expect_str_eq(r->text, "have at least 4 years' experience in planning and operations"); /* continued line */
    cr_expect_eq(r->line, 5);
    cr_expect_eq(req(p, NP_REQ_TRAVEL, true)->as.travel.percent, 25);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* ---- header recognisers --------------------------------------------------------------- */

Test(notice_header, grade_forms)
{
    np_grade g;
    cr_assert(nt_find_grade("NATO Grade: 24", 14, &g));
    cr_expect_eq(g.low, 24);
    cr_assert(nt_find_grade("A-2/G-15", 8, &g));
    cr_expect_eq(g.low, 15);
    cr_expect_eq(g.category, 'A');
    cr_assert(nt_find_grade("GradeA.2 / NATO Grade G15", 25, &g));
    cr_expect_eq(g.low, 15);
    cr_assert(nt_find_grade("A3 (A2/3)", 9, &g));
    cr_expect_eq(g.low, 15);
    cr_expect_eq(g.high, 17);
    cr_expect_not(nt_find_grade("at the same or a lower grade", 28, &g));

    np_posting *p = read_text("Engineer\nGRADE: A-2/G-15\n");
    cr_expect_eq(p->grade.low, 15);
    cr_expect_str_eq(p->grade_text, "A-2/G-15");
    cr_expect_eq(p->lines.grade, 2);
    np_posting_free(p);
    p = read_text("Engineer\nGrade: G15/G16\n");
    cr_expect(np_grade_is_twin(p->grade));
    np_policy pol;
    bool twin = false;
    cr_expect_eq(np_posting_policy(&pol, &twin, p, NULL), NP_ENOTFOUND); /* no contract: no guess */
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

static np_clearance clearance_of(const char *s, bool *atomal)
{
    size_t n = strlen(s);
    char low[256];
    for (size_t i = 0; i <= n; i++) low[i] = nt_tolower(s[i]);
    np_clearance level = NP_CLEARANCE_NONE;
    if (!nt_find_clearance(s, low, n, &level, atomal)) return NP_CLEARANCE_NONE;
    return level;
}

Test(notice_header, clearance_forms)
{
    bool atomal = false;
    cr_expect_eq((int)clearance_of("SECURITY CLEARANCE: CTS/A", &atomal), (int)NP_CLEARANCE_CTS);
    cr_expect(atomal);
    cr_expect_eq((int)clearance_of("Clearance Level NS", &atomal), (int)NP_CLEARANCE_NS);
    cr_expect_not(atomal);
    cr_expect_eq((int)clearance_of("requires a security clearance at NATO SECRET level", &atomal),
                 (int)NP_CLEARANCE_NS);
    cr_expect_eq((int)clearance_of("a COSMIC TOP SECRET ATOMAL clearance", &atomal), (int)NP_CLEARANCE_CTS);
    cr_expect(atomal);
    cr_expect_eq((int)clearance_of("Nato Restricted clearance", &atomal), (int)NP_CLEARANCE_NR);
    /* no level stated; "NSA" is not "NS" */
    cr_expect_eq((int)clearance_of("subject to receipt of a security clearance", &atomal), (int)NP_CLEARANCE_NONE);
    cr_expect_eq((int)clearance_of("issued by the parent NSA/DSA", &atomal), (int)NP_CLEARANCE_NONE);
}

Test(notice_header, labels_dates_salary)
{
    np_posting *p = read_text("Translator\n"
                              "Deadline\n"
                              "2025-11-03\n"
                              "Published: 1 October 2025\n"
                              "Basic Monthly Salary (12 x per year): 13,914.54\xe2\x82\xac, tax free\n"
                              "Requisition ID: IS-2025-117\n"
                              "Duty station: Mons\n");
    cr_expect_eq(p->deadline.date, ymd(2025, 11, 3));
    cr_expect_eq(p->lines.deadline, 3);
    cr_expect_eq(p->published, ymd(2025, 10, 1));
    cr_expect_eq(p->salary.amount, 13914.54);
    cr_expect_str_eq(p->salary.currency, "EUR");
    cr_expect_str_eq(p->salary.basis, "Monthly");
    cr_expect(p->salary.tax_free);
    cr_expect_str_eq(p->requisition, "IS-2025-117");
    cr_expect_str_eq(p->id, "IS-2025-117");
    cr_expect_str_eq(p->location, "Mons");
    np_posting_free(p);
    p = read_text("Translator\nSalary (Pay Basis) 7,563.38Euro (EUR) Monthly\n");
    cr_expect_eq(p->salary.amount, 7563.38);
    cr_expect_str_eq(p->salary.currency, "EUR");
    cr_expect_str_eq(p->salary.basis, "Monthly");
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* Fuzz finding: a 15-digit "salary" was read as 6.7e14, which the JSON
 * writer refuses, so a posting the reader returned could not be saved. An
 * amount beyond NP_SALARY_AMOUNT_MAX is no salary: the label is reported. */
Test(notice_header, salary_beyond_the_model_range_is_a_diagnostic)
{
    np_posting *p = read_text("Translator\nBasic Monthly Salary: 666666666666666 EUR\n");
    cr_expect_lt(p->salary.amount, 0);
    cr_expect(has_diag(p, "salary"), "no salary diagnostic");
    expect_writable(p, "15-digit salary");
    np_posting_free(p);
    p = read_text("Translator\nBasic Monthly Salary: 999,999,999,999.99 EUR\n");
    cr_expect_eq(p->salary.amount, 999999999999.99);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

static void expect_date(const char *s, int y, int m, int d, int minute)
{
    np_date date;
    int min;
    size_t used;
    cr_assert(nt_parse_date(s, strlen(s), &date, &min, &used), "%s does not parse", s);
    cr_expect_eq(date, ymd(y, m, d), "%s", s);
    cr_expect_eq(min, minute, "%s: minute %d", s, min);
}

Test(notice_text, dates)
{
    expect_date("April 22, 2025", 2025, 4, 22, -1);
    expect_date("31-12-2025", 2025, 12, 31, -1);
    expect_date("03-Nov-2025, 5:59:00 PM", 2025, 11, 3, 17 * 60 + 59);
    expect_date("2025-11-03", 2025, 11, 3, -1);
    expect_date("2025-11-03 23:59", 2025, 11, 3, 23 * 60 + 59);
    expect_date("22 April 2025", 2025, 4, 22, -1);
    expect_date("3rd of November 2025 at 12:00 AM", 2025, 11, 3, 0);
    expect_date("Sept. 1st, 2026", 2026, 9, 1, -1);
    expect_date("15/01/2026", 2026, 1, 15, -1);
    expect_date("16 diciembre 2025", 2025, 12, 16, -1);
    np_date date;
    int min;
    size_t used;
    cr_expect_not(nt_parse_date("31-02-2025", 10, &date, &min, &used)); /* no such day */
    cr_expect_not(nt_parse_date("13-13-2025", 10, &date, &min, &used));
    cr_expect_not(nt_parse_date("April 2025", 10, &date, &min, &used));
    cr_expect_not(nt_parse_date("25-12-25", 8, &date, &min, &used));
    cr_expect_not(nt_parse_date("", 0, &date, &min, &used));
    /* a time that does not exist is not read as a time */
    expect_date("2025-11-03 25:10", 2025, 11, 3, -1);
}

Test(notice_text, durations_counts_amounts)
{
    int months;
    size_t used;
    cr_assert(nt_parse_duration("3-year definite", 15, &months, &used));
    cr_expect_eq(months, 36);
    cr_expect_eq(used, 6);
    cr_assert(nt_parse_duration("six years", 9, &months, &used));
    cr_expect_eq(months, 72);
    cr_assert(nt_parse_duration("twenty-four months", 18, &months, &used));
    cr_expect_eq(months, 24);
    cr_assert(nt_parse_duration("three (3) years", 15, &months, &used));
    cr_expect_eq(months, 36);
    cr_expect_not(nt_parse_duration("three tips", 10, &months, &used));
    cr_expect_not(nt_parse_duration("someone year", 12, &months, &used));
    double v;
    cr_assert(nt_parse_amount("9,253.21", 8, &v, &used));
    cr_expect_eq(v, 9253.21);
    cr_assert(nt_parse_amount("13.914,54", 9, &v, &used));
    cr_expect_eq(v, 13914.54);
    cr_assert(nt_parse_amount("7563 EUR", 8, &v, &used));
    cr_expect_eq(v, 7563);
    cr_expect_eq(used, 4);
    cr_assert(nt_parse_amount("1,234,567", 9, &v, &used));
    cr_expect_eq(v, 1234567);
    cr_expect_not(nt_parse_amount("1234567890123456789", 19, &v, &used)); /* beyond exact doubles */
}

/* ---- requirements --------------------------------------------------------------------- */

static np_requirement classify(const char *s)
{
    np_requirement r;
    memset(&r, 0, sizeof r);
    cr_assert_eq(nt_classify_requirement(&r, s, strlen(s), NULL), NP_OK);
    return r;
}

Test(notice_requirements, language_forms)
{
    np_requirement r = classify("possess the following minimum levels of NATO's official languages "
                                "(English/French): V (\"Advanced\") in one; I (\"Beginner\") in the other");
    cr_expect_eq((int)r.kind, (int)NP_REQ_LANGUAGES);
    cr_expect_eq((int)r.as.languages.form, (int)NP_LANG_EITHER_OR);
    cr_expect_eq((int)r.as.languages.one, (int)NP_LEVEL_V);
    cr_expect_eq((int)r.as.languages.other, (int)NP_LEVEL_I);
    r = classify("VI (\"Proficiency\") in both NATO official languages");
    cr_expect_eq((int)r.as.languages.form, (int)NP_LANG_BOTH);
    cr_expect_eq((int)r.as.languages.one, (int)NP_LEVEL_VI);
    r = classify("level IV (\"Upper indermediate\") or higher in English");
    cr_expect_eq((int)r.as.languages.form, (int)NP_LANG_NAMED);
    cr_expect_eq((int)r.as.languages.english, (int)NP_LEVEL_IV);
    cr_expect(r.as.languages.or_higher);
    r = classify("a proficient command of French (level VI)");
    cr_expect_eq((int)r.kind, (int)NP_REQ_LANGUAGES);
    cr_expect_eq((int)r.as.languages.form, (int)NP_LANG_NAMED);
    cr_expect_eq((int)r.as.languages.french, (int)NP_LEVEL_VI);
    cr_expect_eq((int)r.as.languages.english, (int)NP_LEVEL_NONE);
    r = classify("English level V and French level III");
    cr_expect_eq((int)r.as.languages.english, (int)NP_LEVEL_V);
    cr_expect_eq((int)r.as.languages.french, (int)NP_LEVEL_III);
    /* no levels: the sentence only */
    r = classify("a more advanced level in one or both NATO Official languages");
    cr_expect_eq((int)r.kind, (int)NP_REQ_OTHER);
    r = classify("I have excellent French");
    cr_expect_eq((int)r.kind, (int)NP_REQ_OTHER);
}

Test(notice_requirements, stanag_profiles)
{
    np_requirement r = classify("English: SLP 3333 (Listening, Speaking, Reading, Writing)");
    cr_expect_eq((int)r.kind, (int)NP_REQ_STANAG);
    cr_expect_eq(r.as.stanag.listening, 3);
    cr_expect_eq(r.as.stanag.writing, 3);
    r = classify("English at STANAG 6001 level 3+3+32");
    cr_expect_eq((int)r.kind, (int)NP_REQ_STANAG);
    cr_expect_eq(r.as.stanag.listening, 3);
    cr_expect_eq(r.as.stanag.writing, 2);
    cr_expect_eq(r.as.stanag.plus_mask, 3);
    r = classify("knowledge of STANAG 6001");
    cr_expect_eq((int)r.kind, (int)NP_REQ_OTHER);
}

Test(notice_requirements, other_kinds)
{
    np_requirement r = classify("have at least 5 years' relevant professional experience");
    cr_expect_eq((int)r.kind, (int)NP_REQ_EXPERIENCE);
    cr_expect_eq(r.as.experience.min_years, 5);
    r = classify("a minimum of two (2) years of experience");
    cr_expect_eq(r.as.experience.min_years, 2);
    r = classify("10+ years experience in cyber defence");
    cr_expect_eq(r.as.experience.min_years, 10);
    r = classify("have experience in policy development");
    cr_expect_eq((int)r.kind, (int)NP_REQ_OTHER);
    r = classify("a Master's degree in engineering");
    cr_expect_eq((int)r.as.degree.level, (int)NP_DEGREE_POSTGRADUATE);
    r = classify("a university degree or an equivalent level of qualification");
    cr_expect_eq((int)r.as.degree.level, (int)NP_DEGREE_UNIVERSITY);
    cr_expect(r.as.degree.equivalent_accepted);
    r = classify("trusted to a high degree");
    cr_expect_eq((int)r.kind, (int)NP_REQ_OTHER);
    r = classify("hold a NATO SECRET security clearance");
    cr_expect_eq((int)r.kind, (int)NP_REQ_CLEARANCE);
    cr_expect_eq((int)r.as.clearance.level, (int)NP_CLEARANCE_NS);
    r = classify("be a national of a NATO member country");
    cr_expect_eq((int)r.kind, (int)NP_REQ_NATIONALITY);
    cr_expect(r.as.nationality.nato_member);
    r = classify("travel about 15 per cent of the time");
    cr_expect_eq(r.as.travel.percent, 15);
    r = classify("good command of Python and SQL for data analysis");
    cr_expect_eq((int)r.kind, (int)NP_REQ_SOFTWARE);
    cr_expect_str_eq(r.as.software.names, "Python, SQL");
    np_requirement_clear(&r);
    r = classify("ability to draft in Word");
    cr_expect_eq((int)r.kind, (int)NP_REQ_OTHER); /* "Word" alone is not a software skill */
    TS_ASSERT_NO_LEAKS();
}

/* ---- contract --------------------------------------------------------------------------- */

/* Fuzz finding (3.4M executions): "123 years" was read as a 1476-month
 * contract, beyond the model's 1200 (NP_POLICY_MONTHS_MAX), so the JSON
 * writer refused the posting the reader returned. A duration beyond the
 * limit is no contract term; the next one in the sentence is. */
Test(notice_contract, durations_beyond_the_model_range_are_not_terms)
{
    np_posting *p = read_text("Analyst\nCONTRACT\nA definite duration contract of 123 years, "
                              "renewable for 101 years. The maximum period of service is 999 years.\n");
    cr_expect(p->contract.stated);
    cr_expect_eq(p->contract.definite_months, -1);
    cr_expect_eq(p->contract.renewal_months, -1);
    cr_expect_eq(p->contract.max_service_months, -1);
    expect_writable(p, "123-year contract");
    np_posting_free(p);
    /* the limit itself is a term */
    p = read_text("Analyst\nCONTRACT\nA definite duration contract of 100 years.\n");
    cr_expect_eq(p->contract.definite_months, 1200);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

Test(notice_contract, terms_in_other_words)
{
    np_posting *p = read_text("Analyst\n"
                              "CONTRACT\n"
                              "The successful candidate will be offered a definite duration contract of 36 months, "
                              "which may be renewed for a further period of up to two years. The maximum period of "
                              "service in this post is five years. The post holder cannot be converted to an "
                              "indefinite duration contract.\n"
                              "NOTE: candidates for twin-graded posts will be appointed at the lower grade; a "
                              "period of three years might be reduced by up to twenty four months.\n");
    const np_contract_terms *c = &p->contract;
    cr_expect(c->stated);
    cr_expect_eq(c->definite_months, 36);
    cr_expect_eq(c->renewal_months, 24);
    cr_expect_eq(c->max_service_months, 60);
    cr_expect_eq((int)c->conversion_possible, (int)NP_NO);
    cr_expect(c->twin_grade_note);
    cr_expect_not(c->seconded_terms);
    cr_expect_not(c->turnover_clause);
    np_posting_free(p);
    /* "(if non-seconded)" is not the seconded staff's sentence */
    p = read_text("Analyst\nCONTRACT\nContract to be offered to the successful applicant (if "
                  "non-seconded): Definite duration contract of three years; possibility of renewal for "
                  "up to three years.\n");
    cr_expect_eq(p->contract.definite_months, 36);
    cr_expect_eq(p->contract.renewal_months, 36);
    cr_expect_not(p->contract.seconded_terms);
    np_posting_free(p);
    p = read_text("Analyst\nCONTRACT:\nServing staff will be offered a contract in accordance with the "
                  "Civilian Personnel Regulations.\n");
    cr_expect(p->contract.stated);
    cr_expect_eq(p->contract.definite_months, -1);
    cr_expect(has_diag(p, "contract"));
    np_policy pol;
    cr_expect_eq(np_posting_policy(&pol, NULL, p, NULL), NP_ENOTFOUND);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* ---- nothing invented ---------------------------------------------------------------------- */

Test(notice_read, a_title_alone_states_nothing_else)
{
    np_posting *p = read_text("Legal Adviser\n");
    cr_expect_str_eq(p->title, "Legal Adviser");
    cr_expect_null(p->body);
    cr_expect_null(p->location);
    cr_expect_null(p->division);
    cr_expect_null(p->summary);
    cr_expect_eq(p->deadline.date, NP_DATE_NONE);
    cr_expect_eq(p->published, NP_DATE_NONE);
    cr_expect_eq(p->requirement_count, 0);
    cr_expect_eq(p->competency_count, 0);
    cr_expect_not(p->contract.stated);
    cr_expect(has_diag(p, "deadline"));
    cr_expect(has_diag(p, "grade"));
    cr_expect(has_diag(p, "contract"));
    cr_expect_not(has_diag(p, "title"));
    np_posting_free(p);
    p = read_text("Track This Job\nSave This Job\nJob Alert\n");
    cr_expect_null(p->title);
    cr_expect(has_diag(p, "title"));
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}

/* ---- bad input ------------------------------------------------------------------------------- */

static void expect_bad(const char *text, size_t len, np_status status, int line, int column)
{
    np_posting *p = (np_posting *)1;
    np_error err;
    np_error_clear(&err);
    cr_expect_eq(np_notice_read(&p, text, len, "x", &err), status, "%s", err.message);
    cr_expect_null(p);
    cr_expect_eq(err.code, status);
    cr_expect_neq(err.message[0], '\0');
    if (line) {
        cr_expect_eq(err.line, line, "line %d: %s", err.line, err.message);
        cr_expect_eq(err.column, column, "column %d: %s", err.column, err.message);
    }
}

Test(notice_read, bad_input)
{
    expect_bad("", 0, NP_EPARSE, 1, 1);
    expect_bad(NULL, 0, NP_EPARSE, 1, 1);
    expect_bad("  \n\t\r\n \xc2\xa0 \n", 10, NP_EPARSE, 1, 1);
    expect_bad("Officer\nab\0cd\n", 14, NP_EPARSE, 2, 3);
    /* 0x8F is neither UTF-8 nor Windows-1252 (test_notice_encodings.c has the rest) */
    expect_bad("Officer\r\nline two\r\nbad \x8f\x28 byte\n", 28, NP_EPARSE, 3, 5);
    expect_bad("too high \xf4\x90\x80\x80", 13, NP_EPARSE, 1, 11); /* 0x90: undefined in 1252 */
    /* not UTF-8 (overlong, surrogate, cut), but every byte is Windows-1252 */
    static const char *const NOT_UTF8[] = {"overlong \xc0\xaf", "surrogate \xed\xa0\x80",
                                           "cut \xe2\x80"};
    for (size_t i = 0; i < sizeof NOT_UTF8 / sizeof NOT_UTF8[0]; i++) {
        np_posting *cp = read_text(NOT_UTF8[i]);
        cr_expect(has_diag(cp, "encoding"), "%s", NOT_UTF8[i]);
        np_posting_free(cp);
    }
    np_error err;
    cr_expect_eq(np_notice_read(NULL, "x", 1, NULL, &err), NP_EINVAL);
    size_t big = NP_NOTICE_MAX_BYTES + 1;
    char *text = malloc(big);
    cr_assert_not_null(text);
    memset(text, 'a', big);
    expect_bad(text, big, NP_EINVAL, 0, 0);
    free(text);
    np_posting *p = NULL;
    cr_expect_eq(np_notice_read_file(&p, "/nonexistent/notice.txt", &err), NP_EIO);
    cr_expect_null(p);
    cr_expect_neq(strstr(err.message, "/nonexistent/notice.txt"), NULL);
    /* Issue 16, item 7: the errno and where the file name is, for hosts. */
    cr_expect_eq(err.sys_errno, ENOENT);
    cr_expect_eq(err.file_len, strlen("/nonexistent/notice.txt"));
    cr_expect_eq(strncmp(err.message + err.file_start, "/nonexistent/notice.txt", err.file_len), 0);
    np_error_prefix(&err, "adding %s", "a folder");
    cr_expect_eq(strncmp(err.message + err.file_start, "/nonexistent/notice.txt", err.file_len), 0,
                 "%s", err.message);
    cr_expect_eq(np_notice_read_file(&p, "/", &err), NP_EIO);
    cr_expect_eq(err.sys_errno, EISDIR, "%s", err.message);
    TS_ASSERT_NO_LEAKS();
}

/* Line numbers count LF (as grep -n does): a lone CR ends a line of text
 * without starting a numbered line. */
Test(notice_read, lone_carriage_returns)
{
    np_posting *p = read_text("Translator\rDeadline: 2026-01-31\nGrade: G12\r\nSUMMARY\rThe Plans Section drafts.\n");
    cr_expect_str_eq(p->title, "Translator");
    cr_expect_eq(p->lines.title, 1);
    cr_expect_eq(p->deadline.date, ymd(2026, 1, 31));
    cr_expect_eq(p->lines.deadline, 1);
    cr_expect_eq(p->lines.grade, 2);
    cr_expect_eq(p->lines.summary, 3);
    cr_expect_str_eq(p->section, "Plans Section");
    np_posting_free(p);
    expect_bad("one\rtwo\rthr\x81" "ee\n", 14, NP_EPARSE, 1, 12);
    TS_ASSERT_NO_LEAKS();
}

/* ---- pathological input: every scan must stay linear ------------------------------------------ */

static void read_repeated(const char *unit, size_t total)
{
    size_t n = strlen(unit);
    char *text = malloc(total + 1);
    cr_assert_not_null(text);
    for (size_t i = 0; i < total; i++) text[i] = unit[i % n];
    np_posting *p = NULL;
    np_error err;
    np_status st = np_notice_read(&p, text, total, NULL, &err);
    cr_expect(st == NP_OK || st == NP_EPARSE, "%s", err.message);
    np_posting_free(p);
    free(text);
}

Test(notice_read, pathological_text_stays_linear, .timeout = 60)
{
    const size_t total = 2u << 20; /* 2 MiB per pattern, one line or many */
    read_repeated("Division ", total);
    read_repeated("Aaa Division Section Directorate ", total);
    read_repeated("years experience 2 ", total);
    read_repeated("V (\"Advanced\") in one; ", total);
    read_repeated("((((", total);
    read_repeated(";be ", total);
    read_repeated("1. SUMMARY\n", total);
    read_repeated("email1. ", total);
    read_repeated("- Teamwork: Cooperates\n", total);
    read_repeated("Grade\n", total);
    read_repeated("2.QUALIFICATIONS AND EXPERIENCE\n- have at least 2 years of experience; be ", total);
    read_repeated("CONTRACT\nrenewed for up to 3 years maximum definite duration ", total);
    read_repeated("The X is responsible Executive Officer ", total);
    read_repeated("reports to Head, A and B and C of the D ", total);
    read_repeated("Ef Gh Ij Section provides ", total);
    read_repeated("\xe2\x80\xa2 ", total);
    read_repeated("\xf0\x9f\x8c\x8f 2025-01-01 ", total);
    TS_ASSERT_NO_LEAKS();
}

/* Random printable UTF-8 never crashes, leaks or fails other than NP_EPARSE. */
Test(notice_read, random_text)
{
    ts_rng rng = {42};
    static const char *const PIECES[] = {
        "SUMMARY", "1.", " ", "\n", "Division", "Section", "- ", ":", "V", "I", "(", ")", "\"",
        "years", "2", "%", ";", "Grade", "G20", "NATO SECRET", "clearance", "\xe2\x80\xa2", "\r\n",
        "CONTRACT", "renewed", "3-year", "Deadline", "April 22, 2025", "Plazo", "Teamwork: x",
        "ESSENTIAL", "The incumbent must:", "reports to", "Head,", "\xc2\xa0", "\xf0\x9f\x94\x8d"};
    for (int round = 0; round < 300; round++) {
        char text[4096];
        size_t n = 0;
        while (n < sizeof text - 32) {
            const char *piece = PIECES[ts_rng_range(&rng, 0, sizeof PIECES / sizeof PIECES[0] - 1)];
            size_t k = strlen(piece);
            memcpy(text + n, piece, k);
            n += k;
        }
        np_posting *p = NULL;
        np_status st = np_notice_read(&p, text, n, NULL, NULL);
        cr_expect(st == NP_OK || st == NP_EPARSE);
        np_posting_free(p);
    }
    TS_ASSERT_NO_LEAKS();
}

/* True when s is well-formed UTF-8 (no truncated or stray sequences). */
static bool valid_utf8(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        const int n = *u < 0x80 ? 1 : (*u & 0xE0) == 0xC0 ? 2 : (*u & 0xF0) == 0xE0 ? 3 : (*u & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0) return false;
        for (int k = 1; k < n; k++)
            if ((u[k] & 0xC0) != 0x80) return false;
        u += n;
    }
    return true;
}

/* Found by the notice fuzzer (10M-run campaign): a label line without a
 * readable value is quoted in a diagnostic cut to 80 bytes; a cut inside
 * "€" made the message invalid UTF-8 and the posting unwritable as JSON.
 * Every offset of 2-, 3- and 4-byte characters around the cut. */
Test(notice_read, quotes_cut_inside_a_character_stay_utf8)
{
    static const char *const CHARS[] = {"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x93\x85"};
    for (size_t c = 0; c < 3; c++) {
        for (size_t at = 74; at <= 81; at++) {
            char text[256];
            int n = snprintf(text, sizeof text, "Analyst\nApplication Deadline: see ");
            while ((size_t)n < at) text[n++] = 'a';
            n += snprintf(text + n, sizeof text - (size_t)n, "%s%s%s later\nGrade: G12\n", CHARS[c], CHARS[c], CHARS[c]);
            np_posting *p = read_text(text);
            cr_assert(has_diag(p, "deadline"), "char %zu at %zu: no deadline diagnostic", c, at);
            for (size_t i = 0; i < p->diagnostic_count; i++)
                cr_expect(valid_utf8(p->diagnostics[i].message), "char %zu at %zu: %s", c, at,
                          p->diagnostics[i].message);
            char where[32];
            snprintf(where, sizeof where, "char %zu at %zu", c, at);
            expect_writable(p, where);
            np_posting_free(p);
        }
    }
}

/* The same through the public API: a message longer than the buffer is cut
 * at a character boundary. */
Test(notice_read, long_diagnostic_messages_are_cut_at_a_character)
{
    char text[1001];
    for (size_t i = 0; i + 2 < sizeof text; i += 3) memcpy(text + i, "\xe2\x82\xac", 3);
    text[999] = '\0';
    for (size_t skip = 0; skip < 3; skip++) {
        np_posting *p = np_posting_new();
        cr_assert_not_null(p);
        np_error err;
        cr_assert_eq(np_posting_add_diagnostic(p, NP_DIAG_INFO, 1, "title", &err, "%.*s%s", (int)skip, "ab",
                                               text),
                     NP_OK);
        const char *m = p->diagnostics[0].message;
        cr_expect(valid_utf8(m), "skip %zu: cut inside a character", skip);
        cr_expect_gt(strlen(m), NP_ERROR_MESSAGE_MAX - 5);
        expect_writable(p, "long diagnostic");
        np_posting_free(p);
    }
}
