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

/* Site labels in English, French, Italian and Spanish, grouped by their
 * first letter: the label scanners look at the run of labels starting with
 * the line's first letter only (LABEL_INDEX). */
static const label LABELS[] = {
    L("application deadline", F_DEADLINE), L("apply by", F_DEADLINE), L("apply before", F_DEADLINE),
    L("avis de vacance", F_REQUISITION),
    L("basic monthly salary", F_SALARY), L("basic monthly salary (12 x per year)", F_SALARY),
    L("closing date for applications", F_DEADLINE), L("closing date", F_DEADLINE),
    L("clearance level", F_CLEARANCE), L("clearance", F_CLEARANCE),
    L("deadline for applications", F_DEADLINE), L("deadline", F_DEADLINE),
    L("date limite de candidature", F_DEADLINE), L("date limite", F_DEADLINE),
    L("date published", F_PUBLISHED), L("date posted", F_PUBLISHED), L("date of publication", F_PUBLISHED),
    L("date updated", F_UPDATED), L("d\xc3\xad" "a de actualizaci\xc3\xb3n", F_UPDATED),
    L("dia de actualizacion", F_UPDATED), L("duty station", F_LOCATION), L("duty location", F_LOCATION),
    L("date de cl\xc3\xb4ture", F_DEADLINE), L("date de cloture", F_DEADLINE),
    L("date limite de d\xc3\xa9p\xc3\xb4t", F_DEADLINE), L("data di scadenza", F_DEADLINE),
    L("data di pubblicazione", F_PUBLISHED), L("date de publication", F_PUBLISHED),
    L("employer", F_BODY),
    L("fecha l\xc3\xadmite", F_DEADLINE), L("fecha limite", F_DEADLINE),
    L("fecha de publicaci\xc3\xb3n", F_PUBLISHED), L("fecha de publicacion", F_PUBLISHED),
    L("fecha de actualizaci\xc3\xb3n", F_UPDATED), L("fecha de cierre", F_DEADLINE),
    L("grade", F_GRADE), L("grades", F_GRADE), L("grade level", F_GRADE), L("grado", F_GRADE),
    L("grade otan", F_GRADE),
    L("hiring organisation", F_BODY), L("hiring organization", F_BODY),
    L("habilitation de s\xc3\xa9" "curit\xc3\xa9", F_CLEARANCE),
    L("intitul\xc3\xa9 du poste", F_TITLE),
    L("job requisition id", F_REQUISITION), L("job id", F_REQUISITION), L("job title", F_TITLE),
    L("last updated", F_UPDATED), L("location", F_LOCATION), L("luogo di lavoro", F_LOCATION),
    L("lieu d'affectation", F_LOCATION), L("lieu de travail", F_LOCATION), L("localit\xc3\xa0", F_LOCATION),
    L("lugar de trabajo", F_LOCATION),
    L("mis \xc3\xa0 jour le", F_UPDATED), L("monthly salary", F_SALARY),
    L("nato body", F_BODY), L("nato grade", F_GRADE), L("ng", F_GRADE),
    L("numero di riferimento", F_REQUISITION), L("n\xc3\xbamero de referencia", F_REQUISITION),
    L("num\xc3\xa9ro de r\xc3\xa9" "f\xc3\xa9rence", F_REQUISITION),
    L("num\xc3\xa9ro de l'avis de vacance", F_REQUISITION), L("nulla osta di sicurezza", F_CLEARANCE),
    L("num\xc3\xa9ro de vacance", F_REQUISITION),
    L("organismo", F_BODY), L("organisme", F_BODY), L("organismo otan", F_BODY),
    L("organisme otan", F_BODY), L("organisation", F_BODY), L("organization", F_BODY),
    L("plazo", F_DEADLINE), L("published", F_PUBLISHED), L("publication date", F_PUBLISHED),
    L("posted on", F_PUBLISHED), L("posted", F_PUBLISHED), L("publi\xc3\xa9 le", F_PUBLISHED),
    L("place of work", F_LOCATION), L("primary location", F_LOCATION), L("post title", F_TITLE),
    L("position title", F_TITLE), L("puesto", F_TITLE), L("pubblicato il", F_PUBLISHED),
    L("requisition #", F_REQUISITION), L("requisition id", F_REQUISITION),
    L("requisition number", F_REQUISITION), L("requisition no", F_REQUISITION),
    L("requisition", F_REQUISITION), L("reference number", F_REQUISITION), L("ref", F_REQUISITION),
    L("ref.", F_REQUISITION), L("ref. no", F_REQUISITION), L("ref no", F_REQUISITION),
    L("ref. no.", F_REQUISITION), L("riferimento", F_REQUISITION), L("referencia", F_REQUISITION),
    L("r\xc3\xa9" "f\xc3\xa9rence", F_REQUISITION), L("required clearance", F_CLEARANCE),
    L("retribuzione", F_SALARY),
    L("sede", F_LOCATION), L("sede di lavoro", F_LOCATION), L("salary (pay basis)", F_SALARY),
    L("salary", F_SALARY), L("staff vacancy", F_REQUISITION), L("security clearance", F_CLEARANCE),
    L("security clearance required", F_CLEARANCE), L("salaire", F_SALARY), L("salaire mensuel", F_SALARY),
    L("stipendio", F_SALARY), L("salario", F_SALARY), L("sueldo", F_SALARY), L("scadenza", F_DEADLINE),
    L("title", F_TITLE), L("titre du poste", F_TITLE), L("titre", F_TITLE), L("titolo", F_TITLE),
    L("titolo della posizione", F_TITLE), L("t\xc3\xadtulo del puesto", F_TITLE), L("traitement", F_SALARY),
    L("traitement mensuel de base", F_SALARY), L("traitement mensuel", F_SALARY),
    L("updated", F_UPDATED), L("ubicaci\xc3\xb3n", F_LOCATION), L("ubicacion", F_LOCATION),
    L("vacancy number", F_REQUISITION), L("vacancy no", F_REQUISITION),
    L("vacancy notice number", F_REQUISITION), L("vacancy reference", F_REQUISITION),
    L("vacancy title", F_TITLE),
    L("work location", F_LOCATION),
};

static nt_first_byte_index LABEL_INDEX = NT_FIRST_BYTE_INDEX(LABELS, label, text);

/* Fields whose values have a strict form, so "Label value" without a colon
 * is safe to read. */
static bool strict_field(field f)
{
    return f == F_DEADLINE || f == F_PUBLISHED || f == F_UPDATED || f == F_GRADE ||
           f == F_SALARY || f == F_CLEARANCE || f == F_LOCATION /* a place reads or is refused */ ||
           f == F_REQUISITION /* an identifier with at least three digits */;
}

/* What the page's numeric dates ("31/12/2025", "12.31.2025") say about the
 * order of day and month. */
enum { ORDER_DAY_FIRST = 1, ORDER_MONTH_FIRST = 2 };

typedef struct header_state {
    bool done[F_FIELD_COUNT];
    int date_order; /* ORDER_* bits seen on the page; -1 until a date needs it */
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

/* "a<sep>b<sep>yyyy" at s (sep one of '/', '.', '-', the same twice): the
 * first two numbers. */
static bool numeric_pair(const char *s, size_t len, int *a, int *b)
{
    size_t i = 0;
    int v[2] = {0, 0};
    char sep = 0;
    for (int k = 0; k < 2; k++) {
        size_t start = i;
        while (i < len && i - start < 3 && nt_is_digit((unsigned char)s[i])) v[k] = v[k] * 10 + (s[i++] - '0');
        if (i == start || i - start > 2 || i >= len) return false;
        if (k == 0) sep = s[i];
        if ((s[i] != '/' && s[i] != '.' && s[i] != '-') || s[i] != sep) return false;
        i++;
    }
    for (int k = 0; k < 4; k++)
        if (i + (size_t)k >= len || !nt_is_digit((unsigned char)s[i + (size_t)k])) return false;
    if (i + 4 < len && nt_is_digit((unsigned char)s[i + 4])) return false;
    *a = v[0];
    *b = v[1];
    return true;
}

/* One pass over the text: a numeric date whose first number is over 12
 * writes the day first; one whose second is, the month first. */
static int page_date_order(const nt_doc *d)
{
    int order = 0;
    for (size_t i = 0; i < d->size; i++) {
        if (!nt_is_digit((unsigned char)d->buf[i]) || (i && nt_is_digit((unsigned char)d->buf[i - 1])))
            continue;
        int a, b;
        if (!numeric_pair(d->buf + i, d->size - i, &a, &b)) continue;
        if (a > 12 && b <= 12) order |= ORDER_DAY_FIRST;
        if (b > 12 && a <= 12) order |= ORDER_MONTH_FIRST;
    }
    return order;
}

/* A numeric date whose day and month could be either way round ("03/04/2025")
 * reads day first only when the page's other dates settle the order; month
 * first when they write it so; otherwise it is not read. */
static bool settle_date_order(nt_doc *d, header_state *st, const char *field_name, const char *s,
                              size_t len, int no, np_date *date)
{
    int a, b;
    if (!numeric_pair(s, len, &a, &b) || a > 12 || b > 12 || a == b) return true;
    if (st->date_order < 0) st->date_order = page_date_order(d); /* once, and only when needed */
    if (st->date_order == ORDER_DAY_FIRST) return true;
    if (st->date_order == ORDER_MONTH_FIRST) {
        np_ymd t = np_date_to_ymd(*date);
        return np_date_from_ymd(date, t.year, t.day, t.month, NULL) == NP_OK;
    }
    nt_diag(d, NP_DIAG_WARNING, no, field_name,
            "\"%.*s\": day and month could be either way round and no other date on the page "
            "settles it; not read",
            (int)(len > 40 ? npi_utf8_cut(s, 40) : len), s);
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

/* A token that is only a category letter ("A", "LI"): a bare number after
 * it belongs to it ("LI 6"), never a G number of its own. */
static bool category_token(const char *t, size_t n)
{
    if (n == 1) return strchr("ABCLabcl", t[0]) != NULL;
    return n == 2 && nt_tolower(t[0]) == 'l' && nt_tolower(t[1]) == 'i';
}

bool nt_find_grade(const char *s, size_t len, np_grade *grade)
{
    nt_trim(&s, &len, ":");
    if (len == 0) return false;
    np_error err;
    np_status st = np_grade_parse(grade, s, len, &err);
    if (st == NP_OK) return true;
    /* "A-8", "G25", "LI 6": written as a grade that does not exist; no token of
     * it is read as another grade */
    if (st == NP_EINVAL) return false;
    bool after_category = false;
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
        bool bare = true;
        for (size_t k = 0; k < n; k++) bare &= nt_is_digit((unsigned char)t[k]);
        bool skip = bare && after_category;
        after_category = category_token(t, n);
        np_grade g;
        if (digit && n <= 12 && !skip && try_grade(t, n, &g)) {
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

/* ---- places ------------------------------------------------------------------------ */

static bool set_location(nt_doc *d, const char *s, size_t len, int no)
{
    if (nt_set(d, &d->p->location, s, len) != NP_OK) return false;
    d->p->lines.location = no;
    return true;
}

/* A place (a location label's value, or an unlabelled header line such as
 * "Brussels, Belgium"): the duty city is kept; a country alone names no city
 * and leaves the field unknown with a diagnostic. True when the text was a
 * place (city or country). */
static bool place_value(nt_doc *d, const char *s, const char *low, size_t len, int no, bool labelled)
{
    const char *city;
    size_t city_len;
    switch (nt_read_place(s, low, len, labelled, &city, &city_len)) {
    case NT_PLACE_CITY: return set_location(d, city, city_len, no);
    case NT_PLACE_COUNTRY:
        nt_diag(d, NP_DIAG_INFO, no, "location",
                "\"%.*s\" names a country, not the duty city; location left unknown", (int)len, s);
        return true;
    default: return false;
    }
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

/* Titles as applicant-tracking systems print them: "Job Description - Title
 * (190726)", "Title-190697", "Title221083" (the requisition number glued on),
 * "H-4: Title" (a post code before it). Returns the title's span in t, tn and
 * the glued number in id, idn (idn 0 when none). */
static void strip_title_decorations(const char *s, const char *low, size_t len, const char **t,
                                    size_t *tn, const char **id, size_t *idn)
{
    *idn = 0;
    static const char *const PREFIXES[] = {"job description - ", "job description: ",
                                           "job posting - ", "vacancy - "};
    for (size_t k = 0; k < sizeof PREFIXES / sizeof PREFIXES[0]; k++) {
        size_t n = strlen(PREFIXES[k]);
        if (len > n && memcmp(low, PREFIXES[k], n) == 0) s += n, low += n, len -= n;
    }
    /* "H-4: ", "A12: ": a post code of letters and at most three digits */
    size_t i = 0;
    while (i < len && i < 3 && nt_is_upper((unsigned char)s[i])) i++;
    if (i && i < len && s[i] == '-') i++;
    size_t digits = 0;
    while (i < len && digits < 3 && nt_is_digit((unsigned char)s[i])) i++, digits++;
    if (digits && i + 1 < len && s[i] == ':' && s[i + 1] == ' ') s += i + 2, len -= i + 2;
    /* a trailing number of five to eight digits, bracketed, after '-', or glued */
    size_t end = len;
    bool bracket = end && s[end - 1] == ')';
    if (bracket) end--;
    size_t j = end;
    while (j > 0 && end - j < 9 && nt_is_digit((unsigned char)s[j - 1])) j--;
    size_t n = end - j;
    if (n >= 5 && n <= 8 && j > 0 && (!bracket || s[j - 1] == '(') &&
        (bracket || s[j - 1] == '-' || s[j - 1] == ' ' || nt_is_alpha((unsigned char)s[j - 1]) ||
         s[j - 1] == ')')) {
        *id = s + j;
        *idn = n;
        len = bracket ? j - 1 : j;
        while (len && (s[len - 1] == ' ' || s[len - 1] == '-')) len--;
    }
    *t = s;
    *tn = len;
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

/* Currencies as notices write them, before or after the amount (lower case;
 * symbols as UTF-8). "$" alone is not here: US, Canadian and other dollars
 * share it. */
static const struct {
    const char *text;
    const char *code;
} CURRENCIES[] = {
    {"\xe2\x82\xac", "EUR"}, {"euros", "EUR"}, {"euro", "EUR"}, {"eur", "EUR"},
    {"\xc2\xa3", "GBP"}, {"gbp", "GBP"}, {"us$", "USD"}, {"usd", "USD"}, {"cad", "CAD"},
    {"c$", "CAD"}, {"nok", "NOK"}, {"dkk", "DKK"}, {"pln", "PLN"}, {"chf", "CHF"},
};

/* The currency at the start of lower-cased `low`, or NULL; *used its bytes. */
static const char *currency_at(const char *low, size_t len, size_t *used)
{
    for (size_t k = 0; k < sizeof CURRENCIES / sizeof CURRENCIES[0]; k++) {
        size_t n = strlen(CURRENCIES[k].text);
        bool symbol = (unsigned char)CURRENCIES[k].text[0] >= 0x80 || CURRENCIES[k].text[n - 1] == '$';
        if (n <= len && memcmp(low, CURRENCIES[k].text, n) == 0 &&
            (symbol || n == len || !nt_is_alpha((unsigned char)low[n]))) {
            *used = n;
            return CURRENCIES[k].code;
        }
    }
    return NULL;
}

/* "Monthly" or "Annual" as the value or its label states it. "(12 x per
 * year)" counts the monthly payments of a year: it is no annual amount. */
static const char *pay_basis(const char *label_low, size_t label_len, const char *low, size_t len)
{
    static const char *const MONTHLY[] = {"monthly", "per month", "a month", "/month", "12 x per year",
                                          "12x per year", "12 times a year", "x 12", "mensuel", "par mois",
                                          "mensile", "al mese", "mensual", "al mes"};
    static const char *const ANNUAL[] = {"annual", "per year", "per annum", "yearly", "a year", "/year",
                                         "annuel", "par an", "annuo", "annuale", "anual", "al a\xc3\xb1o"};
    for (size_t k = 0; k < sizeof MONTHLY / sizeof MONTHLY[0]; k++)
        if (nt_find(low, len, MONTHLY[k]) != NT_NPOS || nt_find(label_low, label_len, MONTHLY[k]) != NT_NPOS)
            return "Monthly";
    for (size_t k = 0; k < sizeof ANNUAL / sizeof ANNUAL[0]; k++)
        if (nt_find(low, len, ANNUAL[k]) != NT_NPOS || nt_find(label_low, label_len, ANNUAL[k]) != NT_NPOS)
            return "Annual";
    return NULL;
}

/* After an amount: "- 100,000", "to 100 000" (a range); *end is where the
 * second amount starts. */
static bool range_follows(const char *s, const char *low, size_t len, size_t i, size_t *end)
{
    i = nt_skip_blanks(s, len, i);
    size_t cur;
    if (currency_at(low + i, len - i, &cur)) i = nt_skip_blanks(s, len, i + cur);
    if (i < len && s[i] == '-') i++;
    else if (nt_starts_word(low + i, len - i, "to")) i += 2;
    else return false;
    i = nt_skip_blanks(s, len, i);
    if (currency_at(low + i, len - i, &cur)) i = nt_skip_blanks(s, len, i + cur);
    *end = i;
    return i < len && nt_is_digit((unsigned char)s[i]);
}

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
    size_t i = 0, cur = 0;
    char currency[4] = "";
    /* a currency before the amount: "€ 9,253.21", "EUR 9,253.21" */
    const char *code = currency_at(low, len, &cur);
    if (code) memcpy(currency, code, 4), i = cur;
    i = nt_skip_blanks(s, len, i);
    double amount;
    size_t used;
    if (!nt_parse_amount(s + i, len - i, &amount, &used)) return false;
    /* "666666666666666" is a typo or garbage, not a salary the model can hold */
    if (amount > NP_SALARY_AMOUNT_MAX) return false;
    size_t j = nt_skip_blanks(s, len, i + used);
    if (!currency[0] && (code = currency_at(low + j, len - j, &cur)) != NULL) memcpy(currency, code, 4);
    else if (!currency[0] && nt_find(low + j, len - j, "(eur)") != NT_NPOS) memcpy(currency, "EUR", 4);
    const char *basis = pay_basis(label_low, label_len, low, len);
    /* "Salary (Pay Basis)" is a site label that names no basis: none is stated. */
    size_t second;
    if (range_follows(s, low, len, i + used, &second)) {
        double high;
        size_t k = second;
        if (nt_parse_amount(s + k, len - k, &high, &used)) k = nt_skip_blanks(s, len, k + used);
        if (!currency[0] && (code = currency_at(low + k, len - k, &cur)) != NULL) memcpy(currency, code, 4);
        /* "EUR 80,000 - 100,000 per year": a range states the basis and the
         * currency, never one amount */
        nt_diag(d, NP_DIAG_INFO, no, "salary", "a salary range (%.*s); no single amount kept",
                (int)(len > 60 ? npi_utf8_cut(s, 60) : len), s);
        memcpy(sal->currency, currency, 4);
        if (basis) nt_set(d, &sal->basis, basis, strlen(basis));
        d->p->lines.salary = no;
        return d->status == NP_OK;
    }
    if (!currency[0] && (s[0] == '$' || (j < len && s[j] == '$')))
        nt_diag(d, NP_DIAG_INFO, no, "salary", "a '$' amount names no currency (US or other dollars)");
    sal->amount = amount;
    memcpy(sal->currency, currency, 4);
    sal->tax_free = salary_tax(low, len);
    if (basis) nt_set(d, &sal->basis, basis, strlen(basis));
    d->p->lines.salary = no;
    return d->status == NP_OK;
}

/* An unlabelled header line that is a salary: "9,276.89Euro (EUR) Monthly",
 * "EUR 9,000 per month". A currency is required, and after the amount only
 * currency and pay words: no other number or sentence. */
static bool salary_line(nt_doc *d, const char *s, const char *low, size_t len, int no)
{
    if (len > 60) return false;
    size_t i = 0, cur;
    bool currency = currency_at(low, len, &cur) != NULL;
    if (currency) i = nt_skip_blanks(s, len, cur);
    double amount;
    size_t used;
    if (i >= len || !nt_parse_amount(s + i, len - i, &amount, &used)) return false;
    size_t j = i + used;
    if (!currency) currency = j < len && currency_at(low + j, len - j, &cur) != NULL;
    if (!currency) return false;
    for (size_t k = j; k < len; k++)
        if (nt_is_digit((unsigned char)s[k]) && !(k + 1 < len && s[k] == '1' && s[k + 1] == '2'))
            return false;
    if (memchr(s + j, '.', len - j) || memchr(s + j, ':', len - j)) return false;
    return salary_value(d, "", 0, s, low, len, no);
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
static const label *match_label(const char *low, size_t len, size_t *label_len);

/* A label glued to its value at a case change: "GradeA.2", "Salary9,000". */
static const label *match_glued_label(const char *s, const char *low, size_t len, size_t *label_len)
{
    /* the case change a label glued to its value leaves ends the label */
    size_t cut = 1;
    while (cut < len && cut < 48 &&
           !(nt_is_lower((unsigned char)s[cut - 1]) &&
             (nt_is_upper((unsigned char)s[cut]) || nt_is_digit((unsigned char)s[cut]))))
        cut++;
    *label_len = 0;
    if (cut >= len || cut >= 48) return NULL;
    size_t end;
    for (size_t k = nt_first_byte_run(&LABEL_INDEX, (unsigned char)low[0], &end); k < end; k++)
        if (LABELS[k].len == cut && memcmp(low, LABELS[k].text, cut) == 0) {
            *label_len = cut;
            return &LABELS[k];
        }
    return NULL;
}

static const label *match_label(const char *low, size_t len, size_t *label_len)
{
    const label *best = NULL;
    size_t best_n = 0;
    if (len == 0) return NULL;
    size_t end;
    for (size_t k = nt_first_byte_run(&LABEL_INDEX, (unsigned char)low[0], &end); k < end; k++) {
        size_t n = LABELS[k].len;
        if (n <= best_n || n > len || memcmp(low, LABELS[k].text, n) != 0) continue;
        if (n < len && nt_is_word((unsigned char)low[n])) continue;
        best = &LABELS[k];
        best_n = n;
    }
    *label_len = best_n;
    return best;
}

/* Unit labels of the header ("DIVISION: International Military Staff"): not
 * read here (notice_org.c and the body recogniser read their lines), but a
 * line is split before them as before any label. */
static const char *const UNIT_LABELS[] = {"division", "division/office", "directorate", "office",
                                          "branch", "section", "schedule", "job type"};

static size_t unit_label_at(const char *low, size_t len)
{
    size_t best = 0;
    for (size_t k = 0; k < sizeof UNIT_LABELS / sizeof UNIT_LABELS[0]; k++) {
        size_t n = strlen(UNIT_LABELS[k]);
        if (n > best && nt_starts_word(low, len, UNIT_LABELS[k])) best = n;
    }
    return best;
}

/* Where a label starts at s[i] of a line run together from label/value
 * pairs: the label is followed by a colon ("... Grade: A-2 Title: ..."), or
 * is a requisition label followed by its number ("... ONLY STAFF VACANCY
 * 200701"); it starts after a blank, or glued to the previous value at a
 * case change ("NATO Grade: 24Basic Monthly Salary:"). */
static bool glued_label_at(const char *s, const char *low, size_t len, size_t i)
{
    unsigned char prev = (unsigned char)s[i - 1], c = (unsigned char)s[i];
    if (!nt_is_alpha(c)) return false;
    bool glued = nt_is_upper(c) && (nt_is_lower(prev) || nt_is_digit(prev) || prev == ')' ||
                                    prev == '.' || prev == ',');
    if (prev != ' ' && !glued) return false;
    size_t n;
    const label *lab = match_label(low + i, len - i, &n);
    if (!lab) n = unit_label_at(low + i, len - i);
    if (!n) return false;
    size_t j = nt_skip_blanks(s, len, i + n);
    if (j < len && s[j] == ':') return true;
    const char *id;
    size_t idn;
    return lab && lab->field == F_REQUISITION && j < len && nt_is_digit((unsigned char)s[j]) &&
           id_token(s + j, len - j < 16 ? len - j : 16, &id, &idn) && id == s + j;
}

size_t nt_next_glued_label(const char *s, const char *low, size_t len, size_t from)
{
    /* a line without a colon holds no run of "Label: value" pairs */
    if (len < 12) return NT_NPOS;
    if (!memchr(s, ':', len) &&
        (len > 200 || (nt_find(low, len, "vacancy") == NT_NPOS && nt_find(low, len, "ref") == NT_NPOS)))
        return NT_NPOS;
    /* a label is within a label's length of the colon after it, or is a
     * requisition label ("Staff Vacancy", "Ref. No", "Vacancy Number") */
    enum { LONGEST_LABEL = 48 };
    const char *colon = memchr(s + from, ':', len - from);
    for (size_t i = from + 1; i < len; i++) {
        while (colon && (size_t)(colon - s) < i) colon = memchr(colon + 1, ':', len - (size_t)(colon - s) - 1);
        bool near_colon = colon && (size_t)(colon - s) - i <= LONGEST_LABEL;
        char c = low[i];
        if (!near_colon && c != 's' && c != 'r' && c != 'v') continue;
        if (!nt_is_alpha((unsigned char)c) || (s[i - 1] != ' ' && !nt_is_upper((unsigned char)s[i]))) continue;
        if (!near_colon) {
            /* a requisition label without a colon is followed by its number */
            size_t k = i, lim = len - i < 24 ? len : i + 24;
            while (k < lim && !nt_is_digit((unsigned char)s[k])) k++;
            if (k == lim) continue;
        }
        if (glued_label_at(s, low, len, i)) return i;
    }
    return NT_NPOS;
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
    /* "Salary (Pay Basis)" on one line, ": 9,079.00Euro (EUR) Monthly" on the next */
    if (len && t[0] == ':') t++, len--, nt_trim(&t, &len, NULL);
    low += t - s;
    s = t;
    if (len == 0) return false;
    switch (f) {
    case F_DEADLINE: {
        np_date date;
        int minute;
        if (!date_value(s, len, &date, &minute)) return false;
        if (!settle_date_order(d, st, FIELD_NAMES[f], s, len, no, &date)) return true; /* the label is answered */
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
        if (!settle_date_order(d, st, FIELD_NAMES[f], s, len, no, &date)) return true;
        if (st->done[f]) return true;
        if (f == F_PUBLISHED) p->published = date, p->lines.published = no;
        else p->updated = date, p->lines.updated = no;
        break;
    }
    case F_LOCATION:
        if (st->done[f]) return true;
        if (!place_value(d, s, low, len, no, true)) return false;
        break;
    case F_BODY: {
        if (st->done[f]) return true;
        if (len > 100) return false;
        const char *name = nt_find_body(s, low, len, true, NULL);
        if (name) nt_set(d, &p->body, name, strlen(name));
        else nt_set(d, &p->body, s, len);
        p->lines.body = no;
        break;
    }
    case F_GRADE: {
        np_grade g;
        /* a run-together line goes on after the grade ("GRADE: A-4 We are seeking ..."):
         * the grade is in its first words */
        if (len > 80) {
            size_t k = 0;
            while (k < 40 && !nt_is_digit((unsigned char)s[k])) k++;
            while (k < len && s[k] != ' ' && s[k] != ',' && s[k] != ';') k++;
            len = k;
        }
        if (!len) return false;
        if (!nt_find_grade(s, len, &g)) {
            np_error err;
            const char *gs = s;
            size_t gn = len;
            nt_trim(&gs, &gn, ":");
            if (gn && np_grade_parse(&g, gs, gn, &err) == NP_EINVAL)
                nt_diag(d, NP_DIAG_WARNING, no, "grade", "%s: not on the NATO grade table; grade left unknown",
                        err.message);
            return false;
        }
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
        size_t n = 0;
        /* an emoji or a symbol before the label (a calendar emoji, then "Closing date: ...") */
        size_t sym = (unsigned char)s[0] >= 0x80 ? nt_skip_symbols(s, l->len) : 0;
        const label *lab = match_label(low + sym, l->len - sym, &n);
        if (!lab && l->len - sym > 1) lab = match_glued_label(s + sym, low + sym, l->len - sym, &n);
        n += lab ? sym : 0;
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
            st->unread_len[lab->field] = l->len > 80 ? npi_utf8_cut(s, 80) : l->len;
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

/* The body the summary opens with, as its subject: "ACT contributes to ...",
 * "Headquarters Allied Joint Force Command Norfolk (JFCNF) provides ...", "The
 * mission of the NATO Science and Technology Organization (STO) is ...". A
 * body named later ("the International Staff's hub", "the NCI Agency, led by
 * ...") is context, not the employer. Without a summary heading the first
 * prose paragraph of the notice is its summary. */
static void body_from_first_sentence(nt_doc *d, header_state *st)
{
    static const char *const LEADS[] = {"the mission of the ", "the mission of ", "headquarters ",
                                        "hq ", "the "};
    const nt_line *first = NULL;
    bool summary = d->section_line[NT_SUMMARY] != 0;
    for (size_t i = 0; i < d->count && !first; i++) {
        const nt_line *l = &d->lines[i];
        if (l->heading || !l->len || l->used) continue;
        if (summary ? l->kind == NT_SUMMARY : (l->kind == NT_HEADER && l->len >= 80 && !l->bullet))
            first = l;
    }
    if (!first) return;
    const char *s = nt_text(d, first), *low = nt_low(d, first);
    size_t len = first->len, i = 0;
    for (size_t k = 0; k < sizeof LEADS / sizeof LEADS[0]; k++)
        if (nt_starts_word(low, len, LEADS[k]) || strncmp(low, LEADS[k], strlen(LEADS[k])) == 0) {
            i = strlen(LEADS[k]);
            break;
        }
    /* the body opens the sentence: only its first words are looked at */
    enum { OPENING = 160 };
    if (len > OPENING) len = OPENING;
    size_t at;
    const char *name = nt_find_body(s + i, low + i, len - i, true, &at);
    if (!name || at != 0) {
        /* "The mission of the Operations Division of the International Staff is
         * ...": the subject is a unit of the body */
        static const char *const UNITS[] = {"division of the ", "directorate of the ", "office of the ",
                                            "branch of the ", "section of the ", "staff of the "};
        size_t lim = len - i < 120 ? len - i : 120, u = NT_NPOS, un = 0;
        for (size_t k = 0; k < sizeof UNITS / sizeof UNITS[0]; k++) {
            size_t where = nt_find(low + i, lim, UNITS[k]);
            if (where < u) u = where, un = strlen(UNITS[k]);
        }
        if (u == NT_NPOS || memchr(s + i, '.', u) != NULL) return; /* within the first sentence */
        i += u + un;
        name = nt_find_body(s + i, low + i, len - i, true, &at);
        if (!name || at != 0) return;
    }
    /* "General Manager, NATO Support and Procurement Agency": a post that heads
     * the body it describes may be filled by another (its governing board's
     * staff); the summary does not say which employs */
    if (d->p->title) {
        size_t tn = strlen(d->p->title);
        char tl[128];
        if (tn >= sizeof tl) tn = sizeof tl - 1;
        for (size_t k = 0; k < tn; k++) tl[k] = nt_tolower(d->p->title[k]);
        if (nt_find_body(d->p->title, tl, tn, true, NULL) == name) {
            nt_diag(d, NP_DIAG_INFO, first->no, "body",
                    "the summary opens with %s, which the title names: the employer is not stated",
                    name);
            return;
        }
    }
    nt_set(d, &d->p->body, name, strlen(name));
    d->p->lines.body = first->no;
    st->done[F_BODY] = true;
}

/* "(NATO HQ Brussels)", "located at NATO Headquarters in Brussels": the duty
 * city stated in a header sentence or the summary's first paragraphs (the
 * place a notice introduces itself with, not a city named further on). */
static void location_from_text(nt_doc *d, header_state *st)
{
    enum { SUMMARY_LINES = 4 };
    int summary_lines = 0;
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if ((l->kind != NT_HEADER && l->kind != NT_SUMMARY) || l->heading || !l->len) continue;
        if (l->kind == NT_SUMMARY && ++summary_lines > SUMMARY_LINES) break;
        /* a flattened notice states its site in its opening, not 4 KiB into a line */
        const char *city = nt_city_in_text(nt_low(d, l), l->len < 4096 ? l->len : 4096);
        if (city) {
            set_location(d, city, strlen(city), l->no);
            st->done[F_LOCATION] = true;
            return;
        }
    }
}


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
        const char *title, *id;
        size_t title_len, idn;
        strip_title_decorations(s, low, len, &title, &title_len, &id, &idn);
        if (!l->bullet && looks_like_title(title, low + (title - s), title_len)) {
            if (idn && !st->done[F_REQUISITION]) {
                nt_set(d, &p->requisition, id, idn);
                p->lines.requisition = l->no;
                st->done[F_REQUISITION] = true;
            }
            if (!st->done[F_TITLE]) {
                nt_set(d, &p->title, title, title_len);
                p->lines.title = l->no;
                st->done[F_TITLE] = true;
                continue;
            }
        }
        /* a header line naming the body ("NATO International Staff (NATO IS)",
         * "- SHAPE"), not a sentence that mentions one ("the NCI Agency, led by ...;") */
        if (!st->done[F_BODY] && len <= 100 && tn && !nt_is_lower((unsigned char)t[0]) &&
            t[tn - 1] != '.' && t[tn - 1] != ';') {
            const char *name = nt_find_body(t, tl, tn, true, NULL);
            if (name) {
                nt_set(d, &p->body, name, strlen(name));
                p->lines.body = l->no;
                st->done[F_BODY] = true;
                continue;
            }
        }
        if (!st->done[F_SALARY] && salary_line(d, t, tl, tn, l->no)) {
            st->done[F_SALARY] = true;
            continue;
        }
        if (!st->done[F_LOCATION] && tn <= 60 && !memchr(t, ':', tn) &&
            place_value(d, t, tl, tn, l->no, false))
            st->done[F_LOCATION] = true;
    }
    if (!st->done[F_BODY]) body_from_first_sentence(d, st);
    if (!st->done[F_LOCATION]) location_from_text(d, st);
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

/* `word` (lower case, n bytes, its only 'l' at `l_at`) around the 'l' at
 * low[at]: its start, or NT_NPOS. */
static size_t word_around_l(const char *low, size_t size, size_t at, const char *word, size_t n,
                            size_t l_at)
{
    if (at < l_at || size - (at - l_at) < n) return NT_NPOS;
    return memcmp(low + at - l_at, word, n) == 0 ? at - l_at : NT_NPOS;
}

static void set_clearance(nt_doc *d, header_state *st, const nt_line *l, np_clearance level,
                          bool atomal)
{
    d->p->clearance = level;
    d->p->clearance_atomal = atomal;
    d->p->lines.clearance = l->no;
    st->done[F_CLEARANCE] = true;
}

/* The clearance a text states: the first line naming "clearance" that
 * states a level, else the first naming "habilitation" (French "habilitation
 * de sécurité") that does. One pass over the text from each 'l', the letter
 * the two words share (rarer than the 'c' and 'h' two scans would look
 * for), each line looked at once. */
static void scan_clearance(nt_doc *d, header_state *st)
{
    static const char CLEARANCE[] = "clearance", HABILITATION[] = "habilitation";
    enum { CLEARANCE_LEN = sizeof CLEARANCE - 1, HABILITATION_LEN = sizeof HABILITATION - 1 };
    const char *low = d->low;
    const size_t size = d->size;
    const nt_line *french = NULL; /* the first "habilitation" line with a level */
    np_clearance level = NP_CLEARANCE_NONE, french_level = NP_CLEARANCE_NONE;
    bool atomal = false, french_atomal = false;
    size_t from = 0; /* occurrences before it are in a line already looked at */
    for (const char *l_byte = memchr(low, 'l', size); l_byte && !st->done[F_CLEARANCE];
         l_byte = memchr(l_byte + 1, 'l', size - (size_t)(l_byte - low) - 1)) {
        const size_t l_pos = (size_t)(l_byte - low);
        /* the letter before the 'l' tells which word it may be in */
        const char before = l_pos ? low[l_pos - 1] : '\0';
        bool clearance = before == 'c';
        if (!clearance && before != 'i') continue;
        const size_t at = clearance ? word_around_l(low, size, l_pos, CLEARANCE, CLEARANCE_LEN, 1)
                                    : word_around_l(low, size, l_pos, HABILITATION, HABILITATION_LEN, 4);
        if (at == NT_NPOS || at < from) continue;
        const nt_line *l = line_at(d, at);
        from = l ? l->off + l->len : at + 1; /* each line once */
        if (!l || l->heading ||
            !nt_find_clearance(nt_text(d, l), nt_low(d, l), l->len, &level, &atomal))
            continue;
        /* a line with both words is a "clearance" line, wherever its words are */
        if (!clearance) {
            const size_t span = size - l->off < l->len + CLEARANCE_LEN ? size - l->off : l->len + CLEARANCE_LEN;
            const size_t c = nt_find(nt_low(d, l), span, CLEARANCE);
            clearance = c != NT_NPOS && c < l->len;
        }
        if (clearance) {
            set_clearance(d, st, l, level, atomal);
        } else if (!french) {
            french = l;
            french_level = level;
            french_atomal = atomal;
        }
    }
    if (!st->done[F_CLEARANCE] && french) set_clearance(d, st, french, french_level, french_atomal);
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
    scan_clearance(d, st);
}

/* A link to the notice on NATO's Taleo site carries its requisition number
 * (the "job=241166" of its jobdetail page). */
static void requisition_from_link(nt_doc *d, header_state *st)
{
    /* from each '?' (rare in prose, unlike the letters of "taleo") */
    const char *q = d->low;
    size_t at = NT_NPOS;
    while ((q = memchr(q, '?', d->size - (size_t)(q - d->low))) != NULL) {
        size_t k = (size_t)(q - d->low);
        if (d->size - k > 5 && memcmp(q, "?job=", 5) == 0 && k >= 13 &&
            memcmp(q - 13, "jobdetail.ftl", 13) == 0) {
            at = k;
            break;
        }
        q++;
    }
    if (at == NT_NPOS) return;
    const nt_line *l = line_at(d, at);
    if (!l || nt_find(nt_low(d, l), at - l->off, "taleo.net/") == NT_NPOS) return;
    const char *s = d->buf + at + 5;
    size_t left = l->off + l->len - at - 5, n = 0;
    while (n < left && n < 12 && nt_is_digit((unsigned char)s[n])) n++;
    if (n < 5 || (n < left && nt_is_word((unsigned char)s[n]))) return;
    nt_set(d, &d->p->requisition, s, n);
    d->p->lines.requisition = l->no;
    st->done[F_REQUISITION] = true;
}

np_status nt_read_header(nt_doc *d)
{
    header_state st;
    memset(&st, 0, sizeof st);
    st.date_order = -1;
    scan_labels(d, &st);
    if (d->status != NP_OK) return d->status;
    scan_title_body_location(d, &st);
    if (d->status != NP_OK) return d->status;
    if (!st.done[F_TITLE] && !title_from_summary(d) && d->status == NP_OK)
        nt_diag(d, NP_DIAG_WARNING, 0, "title",
                "no title: the text has no title line and the summary does not name the post");
    if (d->status != NP_OK) return d->status;
    scan_text_flags(d, &st);
    if (!st.done[F_REQUISITION] && d->status == NP_OK) requisition_from_link(d, &st);
    return d->status;
}
