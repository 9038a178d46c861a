/* Recognisers for the header block and the site labels: title, NATO body,
 * location, grade, salary, application deadline (with time), publication and
 * update dates, requisition number, fast-track flag, security clearance.
 *
 * Job sites write labels in three ways, all handled by one label scanner:
 * "Label: value" on one line, "Label" (or "Label:") alone with the value on
 * the next line, and "Label value" when the value has a strict form (a date,
 * a grade, an amount). Labels come in English and in the site's language
 * ("Plazo", "Ubicación", "Día de actualización"). A label whose value does not
 * read stays unset and gets a diagnostic. */
#include <stdio.h>
#include <string.h>

#include "natopost/grade.h"
#include "natopost/scales.h"
#include "notice_internal.h"

typedef enum field {
    F_DEADLINE, F_PUBLISHED, F_UPDATED, F_LOCATION, F_BODY, F_GRADE, F_SALARY,
    F_REQUISITION, F_CLEARANCE, F_TITLE, F_FIELD_COUNT
} field;

static const char *const FIELD_NAMES[F_FIELD_COUNT] = {
    "deadline", "published", "updated", "location", "body", "grade", "salary",
    "requisition", "clearance", "title"};

typedef struct label {
    const char *text; /* lower case */
    size_t len;
    field field;
} label;

#define L(text, field) {text, sizeof(text) - 1, field}

static const label LABELS[] = {
    L("application deadline", F_DEADLINE), L("deadline for applications", F_DEADLINE),
    L("closing date for applications", F_DEADLINE), L("closing date", F_DEADLINE),
    L("deadline", F_DEADLINE), L("apply by", F_DEADLINE), L("apply before", F_DEADLINE),
    L("plazo", F_DEADLINE), L("fecha l\xc3\xadmite", F_DEADLINE), L("fecha limite", F_DEADLINE),
    L("date limite de candidature", F_DEADLINE), L("date limite", F_DEADLINE),
    L("published", F_PUBLISHED), L("publication date", F_PUBLISHED), L("date published", F_PUBLISHED),
    L("date posted", F_PUBLISHED), L("posted on", F_PUBLISHED), L("posted", F_PUBLISHED),
    L("date of publication", F_PUBLISHED), L("fecha de publicaci\xc3\xb3n", F_PUBLISHED),
    L("fecha de publicacion", F_PUBLISHED), L("publi\xc3\xa9 le", F_PUBLISHED),
    L("updated", F_UPDATED), L("last updated", F_UPDATED), L("date updated", F_UPDATED),
    L("d\xc3\xad" "a de actualizaci\xc3\xb3n", F_UPDATED), L("dia de actualizacion", F_UPDATED),
    L("fecha de actualizaci\xc3\xb3n", F_UPDATED), L("mis \xc3\xa0 jour le", F_UPDATED),
    L("location", F_LOCATION), L("duty station", F_LOCATION), L("duty location", F_LOCATION),
    L("place of work", F_LOCATION), L("work location", F_LOCATION),
    L("ubicaci\xc3\xb3n", F_LOCATION), L("ubicacion", F_LOCATION), L("lieu de travail", F_LOCATION),
    L("nato body", F_BODY), L("organisation", F_BODY), L("organization", F_BODY),
    L("hiring organisation", F_BODY), L("hiring organization", F_BODY),
    L("nato grade", F_GRADE), L("grade", F_GRADE), L("grades", F_GRADE), L("grade level", F_GRADE),
    L("ng", F_GRADE),
    L("salary (pay basis)", F_SALARY), L("salary", F_SALARY), L("basic monthly salary", F_SALARY),
    L("basic monthly salary (12 x per year)", F_SALARY), L("monthly salary", F_SALARY),
    L("requisition #", F_REQUISITION), L("requisition id", F_REQUISITION),
    L("requisition number", F_REQUISITION), L("requisition no", F_REQUISITION),
    L("requisition", F_REQUISITION), L("job requisition id", F_REQUISITION),
    L("vacancy number", F_REQUISITION), L("vacancy no", F_REQUISITION),
    L("vacancy notice number", F_REQUISITION), L("reference number", F_REQUISITION),
    L("job id", F_REQUISITION),
    L("security clearance", F_CLEARANCE), L("security clearance required", F_CLEARANCE),
    L("clearance level", F_CLEARANCE), L("required clearance", F_CLEARANCE),
    L("clearance", F_CLEARANCE),
    L("job title", F_TITLE), L("post title", F_TITLE), L("position title", F_TITLE),
    L("vacancy title", F_TITLE), L("title", F_TITLE),
    /* French notices */
    L("num\xc3\xa9ro de vacance", F_REQUISITION), L("num\xc3\xa9ro de l'avis de vacance", F_REQUISITION),
    L("lieu d'affectation", F_LOCATION), L("traitement", F_SALARY),
    L("traitement mensuel de base", F_SALARY), L("traitement mensuel", F_SALARY),
    L("intitul\xc3\xa9 du poste", F_TITLE), L("titre du poste", F_TITLE),
    L("date de publication", F_PUBLISHED), L("date de cl\xc3\xb4ture", F_DEADLINE),
    L("habilitation de s\xc3\xa9" "curit\xc3\xa9", F_CLEARANCE), L("grade otan", F_GRADE),
};

/* Fields whose values have a strict form, so "Label value" without a colon
 * is safe to read. */
static bool strict_field(field f)
{
    return f == F_DEADLINE || f == F_PUBLISHED || f == F_UPDATED || f == F_GRADE ||
           f == F_SALARY || f == F_CLEARANCE;
}

typedef struct header_state {
    bool done[F_FIELD_COUNT];
    /* the first label whose value did not read, reported at the end only
     * when no other label gave the field ("Grade" then "NATO Grade G20") */
    const char *unread[F_FIELD_COUNT];
    size_t unread_len[F_FIELD_COUNT];
    int unread_line[F_FIELD_COUNT];
} header_state;

/* ---- values ------------------------------------------------------------------- */

static bool rest_is_time_zone(const char *s, size_t len)
{
    nt_trim(&s, &len, ".,;");
    if (len == 0 || s[0] == '(') return true;
    static const char *const TZ[] = {"cet", "cest", "utc", "gmt", "brussels time", "belgian time",
                                     "hrs", "h", "local time", "(brussels time)"};
    char low[32];
    if (len >= sizeof low) return false;
    for (size_t i = 0; i < len; i++) low[i] = nt_tolower(s[i]);
    low[len] = '\0';
    for (size_t i = 0; i < sizeof TZ / sizeof TZ[0]; i++)
        if (strcmp(low, TZ[i]) == 0) return true;
    return false;
}

/* The whole value is a date (with an optional time and time zone). */
static bool date_value(const char *s, size_t len, np_date *date, int *minute)
{
    size_t used;
    if (!nt_parse_date(s, len, date, minute, &used)) return false;
    return rest_is_time_zone(s + used, len - used);
}

/* ---- grades and clearances ----------------------------------------------------- */

static bool try_grade(const char *s, size_t len, np_grade *g)
{
    return len && np_grade_parse(g, s, len, NULL) == NP_OK;
}

bool nt_find_grade(const char *s, size_t len, np_grade *grade)
{
    nt_trim(&s, &len, ":");
    if (try_grade(s, len, grade)) return true;
    /* token by token: "A.2 / NATO Grade G15", "GradeA.2", "A3 (A2/3)" */
    np_grade found = NP_GRADE_NONE;
    for (size_t i = 0; i < len;) {
        while (i < len && (s[i] == ' ' || s[i] == ',' || s[i] == '(' || s[i] == ')' || s[i] == ';'))
            i++;
        size_t j = i;
        bool digit = false;
        while (j < len && s[j] != ' ' && s[j] != ',' && s[j] != '(' && s[j] != ')' && s[j] != ';') {
            digit |= nt_is_digit((unsigned char)s[j]);
            j++;
        }
        const char *t = s + i;
        size_t n = j - i;
        if (n > 5 && nt_tolower(t[0]) == 'g' && nt_tolower(t[1]) == 'r' && nt_tolower(t[2]) == 'a' &&
            nt_tolower(t[3]) == 'd' && nt_tolower(t[4]) == 'e')
            t += 5, n -= 5; /* "GradeA.2" */
        np_grade g;
        if (digit && n <= 12 && try_grade(t, n, &g)) {
            if (!np_grade_is_known(found)) {
                found = g;
            } else if (np_grade_is_twin(g) && g.low <= found.low && found.high <= g.high) {
                found = g; /* "A3 (A2/3)": the twin grade the single one belongs to */
                break;
            } else {
                break;
            }
        }
        i = j;
    }
    if (!np_grade_is_known(found)) return false;
    *grade = found;
    return true;
}

static const struct {
    const char *name; /* lower case */
    np_clearance level;
} CLEARANCE_NAMES[] = {
    {"cosmic top secret", NP_CLEARANCE_CTS}, {"nato secret", NP_CLEARANCE_NS},
    {"nato confidential", NP_CLEARANCE_NC},  {"nato restricted", NP_CLEARANCE_NR},
    /* French; the text is lower-cased in ASCII only, so "TRÈS" keeps its È */
    {"cosmic tr\xc3\xa8s secret", NP_CLEARANCE_CTS}, {"cosmic tr\xc3\x88s secret", NP_CLEARANCE_CTS},
    {"secret otan", NP_CLEARANCE_NS}, {"confidentiel otan", NP_CLEARANCE_NC},
    {"diffusion restreinte otan", NP_CLEARANCE_NR},
};
static const struct {
    const char *abbrev; /* as written */
    np_clearance level;
} CLEARANCE_ABBREVS[] = {
    {"CTS", NP_CLEARANCE_CTS}, {"NS", NP_CLEARANCE_NS}, {"NC", NP_CLEARANCE_NC}, {"NR", NP_CLEARANCE_NR},
};

static bool atomal_after(const char *low, size_t len, size_t i)
{
    if (i + 1 < len && (low[i] == '/' || low[i] == '-') && low[i + 1] == 'a' &&
        (i + 2 >= len || !nt_is_word((unsigned char)low[i + 2])))
        return true;
    return len - i >= 7 && memcmp(low + i, " atomal", 7) == 0;
}

bool nt_find_clearance(const char *s, const char *low, size_t len, np_clearance *level, bool *atomal)
{
    size_t best = NT_NPOS, best_end = 0;
    np_clearance best_level = NP_CLEARANCE_NONE;
    for (size_t k = 0; k < sizeof CLEARANCE_NAMES / sizeof CLEARANCE_NAMES[0]; k++) {
        size_t at = nt_find_word(low, len, CLEARANCE_NAMES[k].name);
        if (at != NT_NPOS && at < best) {
            best = at;
            best_end = at + strlen(CLEARANCE_NAMES[k].name);
            best_level = CLEARANCE_NAMES[k].level;
        }
    }
    for (size_t k = 0; k < sizeof CLEARANCE_ABBREVS / sizeof CLEARANCE_ABBREVS[0]; k++) {
        size_t at = nt_find_exact_word(s, len, CLEARANCE_ABBREVS[k].abbrev);
        if (at != NT_NPOS && at < best) {
            best = at;
            best_end = at + strlen(CLEARANCE_ABBREVS[k].abbrev);
            best_level = CLEARANCE_ABBREVS[k].level;
        }
    }
    if (best == NT_NPOS) return false;
    *level = best_level;
    *atomal = atomal_after(low, len, best_end);
    return true;
}

/* ---- NATO bodies and places ------------------------------------------------------ */

static const struct {
    const char *match; /* lower case, or exact case when `exact` */
    bool exact;
    const char *name;
} BODIES[] = {
    {"international military staff", false, "International Military Staff"},
    {"international staff", false, "International Staff"},
    {"nato communications and information agency", false, "NATO Communications and Information Agency"},
    {"nci agency", false, "NATO Communications and Information Agency"},
    {"NCIA", true, "NATO Communications and Information Agency"},
    {"nato support and procurement agency", false, "NATO Support and Procurement Agency"},
    {"NSPA", true, "NATO Support and Procurement Agency"},
    {"allied command transformation", false, "Allied Command Transformation"},
    {"HQ SACT", true, "Allied Command Transformation"},
    {"ACT", true, "Allied Command Transformation"},
    {"allied command operations", false, "Allied Command Operations"},
    {"supreme headquarters allied powers europe", false, "Allied Command Operations"},
    {"SHAPE", true, "Allied Command Operations"},
    {"nato science and technology organization", false, "NATO Science and Technology Organization"},
    {"nato defense college", false, "NATO Defense College"},
    {"nato defence college", false, "NATO Defense College"},
    {"IMS", true, "International Military Staff"},
    {"NATO IS", true, "International Staff"},
};

/* The first NATO body named in the text; `abbreviations` also accepts the
 * upper-case short forms (header lines only: "ACT" is also a verb). */
static const char *find_body(const char *s, const char *low, size_t len, bool abbreviations)
{
    size_t best = NT_NPOS;
    const char *name = NULL;
    for (size_t k = 0; k < sizeof BODIES / sizeof BODIES[0]; k++) {
        if (BODIES[k].exact && !abbreviations) continue;
        size_t at = BODIES[k].exact ? nt_find_exact_word(s, len, BODIES[k].match)
                                    : nt_find_word(low, len, BODIES[k].match);
        if (at < best) {
            best = at;
            name = BODIES[k].name;
        }
    }
    return name;
}

static const char *const COUNTRIES[] = {
    "Albania", "Belgium", "Bulgaria", "Canada", "Croatia", "Czech Republic", "Czechia", "Denmark",
    "Estonia", "Finland", "France", "Germany", "Greece", "Hungary", "Iceland", "Italy", "Latvia",
    "Lithuania", "Luxembourg", "Montenegro", "The Netherlands", "Netherlands", "North Macedonia",
    "Norway", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden",
    "T\xc3\xbcrkiye", "Turkey", "United Kingdom", "United States of America", "United States",
    "USA", "UK",
};

static size_t country_at(const char *s, size_t len)
{
    size_t best = 0;
    for (size_t k = 0; k < sizeof COUNTRIES / sizeof COUNTRIES[0]; k++) {
        size_t n = strlen(COUNTRIES[k]);
        if (n > best && n <= len && memcmp(s, COUNTRIES[k], n) == 0 &&
            (n == len || !nt_is_word((unsigned char)s[n])))
            best = n;
    }
    return best;
}

static bool set_location(nt_doc *d, const char *s, size_t len, int no)
{
    if (nt_set(d, &d->p->location, s, len) != NP_OK) return false;
    d->p->lines.location = no;
    return true;
}

/* "Brussels, Belgium", "Belgium", "Belgium-Brussels" (-> "Brussels, Belgium").
 * Sets the location and returns true when the line is a place. */
static bool place_line(nt_doc *d, const char *s, size_t len, int no)
{
    if (len == 0 || len > 60) return false;
    size_t c = country_at(s, len);
    if (c == len) return set_location(d, s, len, no);
    if (c && s[c] == '-' && c + 1 < len && nt_is_upper((unsigned char)s[c + 1])) {
        char buf[128];
        int n = snprintf(buf, sizeof buf, "%.*s, %.*s", (int)(len - c - 1), s + c + 1, (int)c, s);
        if (n <= 0 || (size_t)n >= sizeof buf) return false;
        return set_location(d, buf, (size_t)n, no);
    }
    /* "City, Country": the text after the last ", " is a country */
    if (!nt_is_upper((unsigned char)s[0]) || memchr(s, ':', len)) return false;
    for (size_t i = len; i > 1; i--) {
        if (s[i - 2] == ',' && s[i - 1] == ' ')
            return country_at(s + i, len - i) == len - i && set_location(d, s, len, no);
    }
    return false;
}

/* ---- titles --------------------------------------------------------------------- */

static const char *const JOB_NOUNS[] = {
    "officer", "assistant", "head", "director", "manager", "engineer", "analyst", "adviser",
    "advisor", "specialist", "clerk", "secretary", "translator", "interpreter", "reviser",
    "coordinator", "co-ordinator", "architect", "developer", "administrator", "chief", "deputy",
    "expert", "scientist", "technician", "auditor", "accountant", "counsel", "lawyer", "editor",
    "writer", "librarian", "programmer", "consultant", "intern", "researcher", "controller",
    "planner", "leader", "lead", "supervisor", "operator", "instructor", "trainer", "inspector",
    "designer", "economist", "statistician", "photographer", "producer", "journalist", "nurse",
    "doctor", "physician", "linguist", "registrar", "buyer", "strategist", "associate",
};

static bool has_job_noun(const char *low, size_t len)
{
    for (size_t i = 0; i < len;) {
        while (i < len && !nt_is_word((unsigned char)low[i]) && low[i] != '-') i++;
        size_t j = i;
        while (j < len && (nt_is_word((unsigned char)low[j]) || low[j] == '-')) j++;
        for (size_t k = 0; j > i && k < sizeof JOB_NOUNS / sizeof JOB_NOUNS[0]; k++)
            if (JOB_NOUNS[k][0] == low[i] && strncmp(JOB_NOUNS[k], low + i, j - i) == 0 &&
                JOB_NOUNS[k][j - i] == '\0')
                return true;
        i = j;
    }
    return false;
}

static bool looks_like_title(const char *s, const char *low, size_t len)
{
    if (len < 3 || len > 100) return false;
    if (!nt_is_upper((unsigned char)s[0])) return false;
    char last = s[len - 1];
    if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';') return false;
    if (memchr(s, ':', len)) return false;
    int words = 1;
    for (size_t i = 0; i < len; i++)
        if (s[i] == ' ') words++;
    return words <= 10 && has_job_noun(low, len);
}

/* "The Executive Officer (XO) is primarily responsible for ..." in the
 * summary, for notices whose site dropped the title line. */
static bool title_from_summary(nt_doc *d)
{
    static const char *const VERBS[] = {" is primarily responsible", " is responsible",
                                        " is mainly responsible", " will be responsible"};
    for (size_t i = 0; i < d->count; i++) {
        const nt_line *l = &d->lines[i];
        if (l->kind != NT_SUMMARY || l->heading || !l->len) continue;
        const char *s = nt_text(d, l), *low = nt_low(d, l);
        for (size_t v = 0; v < sizeof VERBS / sizeof VERBS[0]; v++) {
            size_t at = nt_find(low, l->len, VERBS[v]);
            if (at == NT_NPOS) continue;
            /* back to "The " starting a sentence, at most 80 bytes */
            size_t lim = at > 80 ? at - 80 : 0;
            size_t b = at;
            while (b > lim && !(memcmp(s + b - 1, "T", 1) == 0 && at - b + 1 >= 4 &&
                                memcmp(s + b - 1, "The ", 4) == 0 &&
                                (b - 1 == 0 || s[b - 2] == ' ')))
                b--;
            if (b <= lim || memcmp(s + b - 1, "The ", 4) != 0) continue;
            const char *t = s + b + 3;
            size_t n = at - b - 3;
            /* drop an abbreviation in brackets: "Executive Officer (XO)" */
            if (n && t[n - 1] == ')') {
                const char *open = memchr(t, '(', n);
                if (open) n = (size_t)(open - t);
            }
            nt_trim(&t, &n, NULL);
            if (!looks_like_title(t, low + (t - s), n)) continue;
            bool title_case = true;
            for (size_t k = 0; k < n; k++)
                if ((k == 0 || t[k - 1] == ' ') && !nt_is_upper((unsigned char)t[k])) title_case = false;
            if (!title_case) continue;
            if (nt_set(d, &d->p->title, t, n) != NP_OK) return false;
            d->p->lines.title = l->no;
            nt_diag(d, NP_DIAG_INFO, l->no, "title",
                    "no title line; title taken from the summary sentence \"The %.*s ...\"",
                    (int)n, t);
            return true;
        }
    }
    return false;
}

/* ---- salary ----------------------------------------------------------------------- */

/* Whether the salary text says the pay is taxed: silence stays unknown. */
static np_tristate salary_tax(const char *low, size_t len)
{
    static const char *const FREE[] = {"tax free", "tax-free", "tax exempt", "exempt from tax",
                                       "exempt from national income tax", "net of tax",
                                       "non imposable", "exon\xc3\xa9r\xc3\xa9 d'imp\xc3\xb4t",
                                       "libre d'imp\xc3\xb4t", "net d'imp\xc3\xb4t",
                                       "exempt d'imp\xc3\xb4t"};
    static const char *const TAXED[] = {"taxable", "subject to tax", "subject to income tax",
                                        "before tax", "imposable"};
    for (size_t i = 0; i < sizeof FREE / sizeof FREE[0]; i++)
        if (nt_find(low, len, FREE[i]) != NT_NPOS) return NP_YES;
    for (size_t i = 0; i < sizeof TAXED / sizeof TAXED[0]; i++)
        if (nt_find_word(low, len, TAXED[i]) != NT_NPOS) return NP_NO;
    return NP_UNKNOWN;
}

static bool salary_value(nt_doc *d, const char *label_low, size_t label_len, const char *s,
                         const char *low, size_t len, int no)
{
    np_salary *sal = &d->p->salary;
    size_t i = 0;
    char currency[4] = "";
    /* a currency before the amount: "€ 9,253.21", "EUR 9,253.21" */
    if (len >= 3 && memcmp(s, "\xe2\x82\xac", 3) == 0) memcpy(currency, "EUR", 4), i = 3;
    else if (len >= 3 && memcmp(s, "EUR", 3) == 0) memcpy(currency, "EUR", 4), i = 3;
    i = nt_skip_blanks(s, len, i);
    double amount;
    size_t used;
    if (!nt_parse_amount(s + i, len - i, &amount, &used)) return false;
    /* "666666666666666" is a typo or garbage, not a salary the model can hold */
    if (amount > NP_SALARY_AMOUNT_MAX) return false;
    size_t j = nt_skip_blanks(s, len, i + used);
    if (!currency[0]) {
        if (len - j >= 3 && memcmp(s + j, "\xe2\x82\xac", 3) == 0) memcpy(currency, "EUR", 4);
        else if (nt_starts_word(low + j, len - j, "eur") || nt_starts_word(low + j, len - j, "euro") ||
                 nt_starts_word(low + j, len - j, "euros") || nt_find(low + j, len - j, "(eur)") != NT_NPOS)
            memcpy(currency, "EUR", 4);
        else if (len - j >= 2 && memcmp(s + j, "\xc2\xa3", 2) == 0) memcpy(currency, "GBP", 4);
        else if (nt_starts_word(low + j, len - j, "gbp")) memcpy(currency, "GBP", 4);
        else if (nt_starts_word(low + j, len - j, "usd")) memcpy(currency, "USD", 4);
        else if (nt_starts_word(low + j, len - j, "cad")) memcpy(currency, "CAD", 4);
    }
    const char *basis = NULL;
    size_t basis_len = 0;
    /* the basis in English or French ("par mois", "traitement mensuel") */
    if (nt_find(low, len, "monthly") != NT_NPOS || nt_find(low, len, "per month") != NT_NPOS ||
        nt_find(label_low, label_len, "monthly") != NT_NPOS || nt_find(low, len, "par mois") != NT_NPOS ||
        nt_find(low, len, "mensuel") != NT_NPOS || nt_find(label_low, label_len, "mensuel") != NT_NPOS)
        basis = "Monthly", basis_len = 7;
    else if (nt_find(low, len, "annual") != NT_NPOS || nt_find(low, len, "per year") != NT_NPOS ||
             nt_find(low, len, "per annum") != NT_NPOS || nt_find(label_low, label_len, "annual") != NT_NPOS ||
             nt_find_word(low, len, "par an") != NT_NPOS || nt_find(low, len, "annuel") != NT_NPOS)
        basis = "Annual", basis_len = 6;
    /* "Salary (Pay Basis)" is a site label that names no basis: none is stated. */
    sal->amount = amount;
    memcpy(sal->currency, currency, 4);
    sal->tax_free = salary_tax(low, len);
    if (basis) nt_set(d, &sal->basis, basis, basis_len);
    d->p->lines.salary = no;
    return d->status == NP_OK;
}

/* ---- requisition -------------------------------------------------------------------- */

/* An identifier token near a requisition label: digits, letters, '-', '/',
 * with at least three digits. */
static bool id_token(const char *s, size_t len, const char **out, size_t *out_len)
{
    for (size_t i = 0; i < len;) {
        while (i < len && (s[i] == ' ' || s[i] == ':' || s[i] == '#' || s[i] == ',')) i++;
        size_t j = i;
        int digits = 0;
        bool ok = true;
        while (j < len && s[j] != ' ' && s[j] != ',') {
            unsigned char c = (unsigned char)s[j];
            if (nt_is_digit(c)) digits++;
            else if (!nt_is_alpha(c) && c != '-' && c != '/' && c != '_' && c != '.') ok = false;
            j++;
        }
        if (ok && digits >= 3 && j - i <= 32) {
            *out = s + i;
            *out_len = j - i;
            return true;
        }
        i = j;
    }
    return false;
}

/* ---- the label scanner -------------------------------------------------------------- */

/* The label at the start of a line: the longest one followed by a boundary. */
static const label *match_label(const char *low, size_t len, size_t *label_len)
{
    const label *best = NULL;
    size_t best_n = 0;
    if (len == 0) return NULL;
    for (size_t k = 0; k < sizeof LABELS / sizeof LABELS[0]; k++) {
        size_t n = LABELS[k].len;
        if (LABELS[k].text[0] != low[0] || n <= best_n || n > len || memcmp(low, LABELS[k].text, n) != 0)
            continue;
        if (n < len && nt_is_word((unsigned char)low[n])) continue;
        best = &LABELS[k];
        best_n = n;
    }
    *label_len = best_n;
    return best;
}

static bool may_carry_labels(const nt_line *l)
{
    return !l->heading && (l->kind == NT_HEADER || l->kind == NT_BOILERPLATE);
}

/* Reads `value` as field f; true when it was taken. */
static bool take_value(nt_doc *d, header_state *st, field f, const char *label_low,
                       size_t label_len, const char *s, const char *low, size_t len, int no)
{
    np_posting *p = d->p;
    const char *t = s;
    nt_trim(&t, &len, NULL);
    low += t - s;
    s = t;
    if (len == 0) return false;
    switch (f) {
    case F_DEADLINE: {
        np_date date;
        int minute;
        if (!date_value(s, len, &date, &minute)) return false;
        if (st->done[f]) {
            if (date != p->deadline.date)
                nt_diag(d, NP_DIAG_WARNING, no, "deadline",
                        "a second, different application deadline (%.*s); the first one is kept",
                        (int)len, s);
            return true;
        }
        p->deadline.date = date;
        p->deadline.minute = minute;
        p->lines.deadline = no;
        break;
    }
    case F_PUBLISHED:
    case F_UPDATED: {
        np_date date;
        int minute;
        if (!date_value(s, len, &date, &minute)) return false;
        if (st->done[f]) return true;
        if (f == F_PUBLISHED) p->published = date, p->lines.published = no;
        else p->updated = date, p->lines.updated = no;
        break;
    }
    case F_LOCATION:
        if (st->done[f]) return true;
        if (len > 80) return false;
        if (!place_line(d, s, len, no)) {
            nt_trim(&s, &len, ".;,");
            nt_set(d, &p->location, s, len);
            p->lines.location = no;
        }
        break;
    case F_BODY: {
        if (st->done[f]) return true;
        if (len > 100) return false;
        const char *name = find_body(s, low, len, true);
        if (name) nt_set(d, &p->body, name, strlen(name));
        else nt_set(d, &p->body, s, len);
        p->lines.body = no;
        break;
    }
    case F_GRADE: {
        np_grade g;
        if (len > 80 || !nt_find_grade(s, len, &g)) return false;
        if (st->done[f]) return true;
        p->grade = g;
        p->lines.grade = no;
        nt_set(d, &p->grade_text, s, len);
        break;
    }
    case F_SALARY:
        if (st->done[f]) return true;
        if (!salary_value(d, label_low, label_len, s, low, len, no)) return false;
        break;
    case F_REQUISITION: {
        const char *id;
        size_t n;
        if (len > 60 || !id_token(s, len, &id, &n)) return false;
        if (st->done[f]) return true;
        nt_set(d, &p->requisition, id, n);
        p->lines.requisition = no;
        break;
    }
    case F_CLEARANCE: {
        np_clearance level;
        bool atomal;
        if (np_clearance_parse(&level, &atomal, s, len, NULL) != NP_OK &&
            !nt_find_clearance(s, low, len, &level, &atomal))
            return false;
        if (st->done[f]) return true;
        p->clearance = level;
        p->clearance_atomal = atomal;
        p->lines.clearance = no;
        break;
    }
    case F_TITLE:
        if (st->done[f]) return true;
        if (len > 120) return false;
        nt_set(d, &p->title, s, len);
        p->lines.title = no;
        break;
    default:
        return false;
    }
    st->done[f] = true;
    return true;
}

static size_t next_nonblank(const nt_doc *d, size_t i)
{
    for (size_t k = i + 1; k < d->count && k <= i + 2; k++)
        if (d->lines[k].len) return k;
    return NT_NPOS;
}

static void scan_labels(nt_doc *d, header_state *st)
{
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        nt_line *l = &d->lines[i];
        if (!may_carry_labels(l) || !l->len) continue;
        const char *s = nt_text(d, l), *low = nt_low(d, l);
        /* quick reject: a long sentence without a colon near its start is no label line */
        if (l->len > 80 && !memchr(s, ':', 48)) continue;
        size_t n;
        const label *lab = match_label(low, l->len, &n);
        if (!lab) {
            /* "251043 Requisition #": the number before its label */
            if (l->len > 40 || st->done[F_REQUISITION]) continue;
            size_t at = nt_find_word(low, l->len, "requisition");
            const char *id;
            size_t idn;
            if (at != NT_NPOS && at > 0 && id_token(s, at, &id, &idn)) {
                nt_set(d, &d->p->requisition, id, idn);
                d->p->lines.requisition = l->no;
                st->done[F_REQUISITION] = true;
                l->used = 1;
            }
            continue;
        }
        size_t j = nt_skip_blanks(s, l->len, n);
        bool colon = j < l->len && s[j] == ':';
        if (colon) j = nt_skip_blanks(s, l->len, j + 1);
        bool taken = false;
        if (j < l->len) {
            /* "NATO Grade G20": without a colon the label is part of the grade as written */
            size_t v = lab->field == F_GRADE && !colon ? 0 : j;
            if (colon || strict_field(lab->field))
                taken = take_value(d, st, lab->field, low, n, s + v, low + v, l->len - v, l->no);
            if (!colon && !taken) continue; /* an ordinary sentence */
        } else {
            size_t k = next_nonblank(d, i);
            if (k != NT_NPOS) {
                nt_line *v = &d->lines[k];
                size_t vn;
                /* the next line is the value unless it is a label itself */
                if (!v->heading && !match_label(nt_low(d, v), v->len, &vn)) {
                    taken = take_value(d, st, lab->field, low, n, nt_text(d, v), nt_low(d, v),
                                       v->len, v->no);
                    if (taken) v->used = 1;
                }
            }
        }
        l->used = 1;
        if (!taken && !st->unread_line[lab->field]) {
            st->unread[lab->field] = s;
            st->unread_len[lab->field] = l->len > 80 ? np_utf8_cut(s, 80) : l->len;
            st->unread_line[lab->field] = l->no;
        }
    }
    for (int f = 0; f < F_FIELD_COUNT && d->status == NP_OK; f++)
        if (st->unread_line[f] && !st->done[f])
            nt_diag(d, NP_DIAG_INFO, st->unread_line[f], FIELD_NAMES[f],
                    "label \"%.*s\" without a readable %s value", (int)st->unread_len[f],
                    st->unread[f], FIELD_NAMES[f]);
}

/* ---- free-text recognisers ------------------------------------------------------------- */

static void scan_title_body_location(nt_doc *d, header_state *st)
{
    np_posting *p = d->p;
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if (l->kind != NT_HEADER || l->heading || l->used || !l->len) continue;
        const char *s = nt_text(d, l), *low = nt_low(d, l);
        size_t len = l->len;
        size_t k = nt_skip_symbols(s, len);
        const char *t = s + k, *tl = low + k;
        size_t tn = len - k;
        if (!st->done[F_TITLE] && !l->bullet && looks_like_title(s, low, len)) {
            nt_set(d, &p->title, s, len);
            p->lines.title = l->no;
            st->done[F_TITLE] = true;
            continue;
        }
        if (!st->done[F_BODY] && len <= 100) {
            const char *name = find_body(t, tl, tn, true);
            if (name) {
                nt_set(d, &p->body, name, strlen(name));
                p->lines.body = l->no;
                st->done[F_BODY] = true;
                continue;
            }
        }
        if (!st->done[F_LOCATION] && place_line(d, t, tn, l->no)) st->done[F_LOCATION] = true;
    }
    /* The body named in the summary ("the Operations Division of the
     * International Staff"). */
    for (size_t i = 0; i < d->count && !st->done[F_BODY] && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if (l->kind != NT_SUMMARY || l->heading) continue;
        const char *name = find_body(nt_text(d, l), nt_low(d, l), l->len, false);
        if (name) {
            nt_set(d, &p->body, name, strlen(name));
            p->lines.body = l->no;
            st->done[F_BODY] = true;
        }
    }
}

/* The logical line holding byte `off` of the normalised text (lines are in
 * text order), or NULL when the byte is a line break. */
static const nt_line *line_at(const nt_doc *d, size_t off)
{
    size_t lo = 0, hi = d->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->lines[mid].off <= off) lo = mid;
        else hi = mid;
    }
    /* several logical lines can share a source line; take the one containing off */
    const nt_line *l = d->count ? &d->lines[lo] : NULL;
    return l && off >= l->off && off < l->off + l->len ? l : NULL;
}

/* The first line mentioning `word` that states a clearance level. */
static void scan_clearance(nt_doc *d, header_state *st, const char *word)
{
    np_posting *p = d->p;
    for (size_t from = 0; from < d->size && !st->done[F_CLEARANCE] && d->status == NP_OK;) {
        size_t at = nt_find(d->low + from, d->size - from, word);
        if (at == NT_NPOS) break;
        at += from;
        const nt_line *l = line_at(d, at);
        from = l ? l->off + l->len : at + strlen(word); /* each line once */
        if (!l || l->heading) continue;
        np_clearance level;
        bool atomal;
        if (nt_find_clearance(nt_text(d, l), nt_low(d, l), l->len, &level, &atomal)) {
            p->clearance = level;
            p->clearance_atomal = atomal;
            p->lines.clearance = l->no;
            st->done[F_CLEARANCE] = true;
        }
    }
}

/* Fast track and clearance, one scan of the whole text each. */
static void scan_text_flags(nt_doc *d, header_state *st)
{
    np_posting *p = d->p;
    for (size_t from = 0; from < d->size && p->fast_track != NP_YES;) {
        size_t at = nt_find(d->low + from, d->size - from, "fast");
        if (at == NT_NPOS) break;
        at += from;
        from = at + 4;
        const nt_line *l = line_at(d, at);
        if (!l || l->heading || l->kind == NT_BOILERPLATE) continue;
        if (d->size - at >= 10 && (memcmp(d->low + at + 4, " track", 6) == 0 ||
                                   memcmp(d->low + at + 4, "-track", 6) == 0)) {
            p->fast_track = NP_YES;
            p->lines.fast_track = l->no;
        }
    }
    /* "security clearance", French "habilitation de sécurité" */
    scan_clearance(d, st, "clearance");
    scan_clearance(d, st, "habilitation");
}

np_status nt_read_header(nt_doc *d)
{
    header_state st;
    memset(&st, 0, sizeof st);
    scan_labels(d, &st);
    if (d->status != NP_OK) return d->status;
    scan_title_body_location(d, &st);
    if (d->status != NP_OK) return d->status;
    if (!st.done[F_TITLE] && !title_from_summary(d) && d->status == NP_OK)
        nt_diag(d, NP_DIAG_WARNING, 0, "title",
                "no title: the text has no title line and the summary does not name the post");
    if (d->status != NP_OK) return d->status;
    scan_text_flags(d, &st);
    return d->status;
}
