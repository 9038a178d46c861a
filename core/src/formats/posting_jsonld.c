/* A posting as a schema.org JobPosting (JSON-LD), for search engines and
 * knowledge graphs. Only what the posting states is written: a property
 * whose source field is not stated is left out, never filled with a guess.
 * The mapping is documented in docs/posting-json.md, "JSON-LD". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/posting_json_internal.h"

typedef struct ld {
    np_error *err;
    np_status st;
    int digits;
} ld;

static void oom(ld *b)
{
    if (b->st == NP_OK) b->st = np_error_set(b->err, NP_ENOMEM, "out of memory writing JSON-LD");
}

/* obj[key] = value (stolen); NULL values are skipped when an error is
 * already reported, else they mean out of memory. */
static void put(ld *b, json_t *obj, const char *key, json_t *value)
{
    if (!value) {
        oom(b);
        return;
    }
    if (json_object_set_new(obj, key, value) != 0) oom(b);
}

static void append(ld *b, json_t *array, json_t *value)
{
    if (!value || json_array_append_new(array, value) != 0) oom(b);
}

static json_t *text(ld *b, const char *field, const char *s, size_t len)
{
    json_t *v = json_stringn(s, len);
    if (!v && b->st == NP_OK) {
        char *copy = malloc(len + 1);
        if (copy) {
            memcpy(copy, s, len);
            copy[len] = '\0';
            if (!npj_valid_utf8(copy))
                b->st = np_error_set(b->err, NP_EINVAL, "JSON-LD: %s is not valid UTF-8", field);
            free(copy);
        }
    }
    return v;
}

static json_t *str(ld *b, const char *field, const char *s) { return text(b, field, s, strlen(s)); }

/* obj[key] = s when s is stated. */
static void put_str(ld *b, json_t *obj, const char *key, const char *s)
{
    if (s) put(b, obj, key, str(b, key, s));
}

static json_t *typed(const char *type)
{
    json_t *obj = json_object();
    if (obj && json_object_set_new(obj, "@type", json_string(type)) != 0) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *iso_date(ld *b, const char *field, np_date d, int minute)
{
    if (!np_date_in_range(d)) {
        if (b->st == NP_OK)
            b->st = np_error_set(b->err, NP_EINVAL, "JSON-LD: %s: day number %ld is out of range",
                                 field, (long)d);
        return NULL;
    }
    char buf[32];
    np_date_format(d, buf);
    if (minute >= 0 && minute <= NPJ_MINUTE_MAX)
        snprintf(buf + NP_DATE_ISO_LEN, sizeof buf - NP_DATE_ISO_LEN, "T%02d:%02d", minute / 60,
                 minute % 60);
    return json_string(buf);
}

/* NATO, then each stated level below it (body, division, directorate,
 * section) as the department of the one above. */
static json_t *organization(ld *b, const np_posting *p)
{
    json_t *nato = typed("Organization");
    if (!nato) return NULL;
    put(b, nato, "name", json_string("NATO"));
    put(b, nato, "sameAs", json_string("https://www.nato.int"));
    const char *const levels[] = {p->body, p->division, p->directorate, p->section};
    const char *const fields[] = {"body", "division", "directorate", "section"};
    json_t *parent = nato;
    for (size_t i = 0; i < 4 && b->st == NP_OK; i++) {
        if (!levels[i]) continue;
        json_t *dept = typed("Organization");
        if (!dept) {
            oom(b);
            break;
        }
        put(b, dept, "name", str(b, fields[i], levels[i]));
        put(b, parent, "department", dept);
        parent = dept;
    }
    return nato;
}

static bool is_space(char c) { return c == ' ' || c == '\t'; }

/* "Brussels, Belgium": a PostalAddress (locality, country) when the text
 * has a comma; otherwise the Place is named by the text. */
static json_t *place(ld *b, const char *location)
{
    json_t *obj = typed("Place");
    if (!obj) return NULL;
    const char *comma = strrchr(location, ',');
    if (!comma) {
        put(b, obj, "name", str(b, "location", location));
        return obj;
    }
    const char *end = comma;
    while (end > location && is_space(end[-1])) end--;
    const char *country = comma + 1;
    while (is_space(*country)) country++;
    size_t country_len = strlen(country);
    while (country_len && is_space(country[country_len - 1])) country_len--;
    json_t *address = typed("PostalAddress");
    if (!address) {
        json_decref(obj);
        return NULL;
    }
    if (end > location) put(b, address, "addressLocality", text(b, "location", location, (size_t)(end - location)));
    if (country_len) put(b, address, "addressCountry", text(b, "location", country, country_len));
    put(b, obj, "address", address);
    return obj;
}

/* The schema.org unitText for a pay basis ("Monthly" -> "MONTH"), or NULL. */
static const char *unit_text(const char *basis)
{
    static const struct {
        const char *word, *unit;
    } UNITS[] = {{"hour", "HOUR"}, {"dai", "DAY"},     {"day", "DAY"},  {"week", "WEEK"},
                 {"month", "MONTH"}, {"annual", "YEAR"}, {"year", "YEAR"}};
    if (!basis) return NULL;
    char lower[64];
    size_t n = 0;
    for (; basis[n] && n + 1 < sizeof lower; n++)
        lower[n] = (basis[n] >= 'A' && basis[n] <= 'Z') ? (char)(basis[n] - 'A' + 'a') : basis[n];
    lower[n] = '\0';
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++)
        if (strstr(lower, UNITS[i].word)) return UNITS[i].unit;
    return NULL;
}

static json_t *base_salary(ld *b, const np_salary *s)
{
    json_t *money = typed("MonetaryAmount");
    json_t *value = typed("QuantitativeValue");
    if (!money || !value) {
        json_decref(money);
        json_decref(value);
        return NULL;
    }
    size_t currency_len = 0;
    while (currency_len < 3 && s->currency[currency_len]) currency_len++;
    if (currency_len) put(b, money, "currency", text(b, "salary.currency", s->currency, currency_len));
    put(b, value, "value", npj_number(s->amount, &b->digits));
    const char *unit = unit_text(s->basis);
    if (unit) put(b, value, "unitText", json_string(unit));
    put(b, money, "value", value);
    return money;
}

static json_t *credential(const np_degree_req *d)
{
    json_t *obj = typed("EducationalOccupationalCredential");
    if (obj && json_object_set_new(obj, "credentialCategory",
                                   json_string(d->level == NP_DEGREE_POSTGRADUATE
                                                   ? "postgraduate degree"
                                                   : "bachelor degree")) != 0) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *experience(ld *b, double years)
{
    json_t *obj = typed("OccupationalExperienceRequirements");
    if (obj) put(b, obj, "monthsOfExperience", npj_number(years * 12, &b->digits));
    return obj;
}

/* "NATO SECRET", "COSMIC TOP SECRET ATOMAL". */
static json_t *clearance_text(np_clearance level, bool atomal)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%s%s", np_clearance_name(level), atomal ? " ATOMAL" : "");
    return json_string(buf);
}

/* "Heading: text", or the text alone. */
static json_t *responsibility(ld *b, const np_accountability *a)
{
    if (!a->text) return NULL;
    if (!a->heading) return str(b, "accountabilities", a->text);
    const size_t h = strlen(a->heading), t = strlen(a->text);
    char *joined = malloc(h + t + 3);
    if (!joined) return NULL;
    memcpy(joined, a->heading, h);
    memcpy(joined + h, ": ", 2);
    memcpy(joined + h + 2, a->text, t);
    joined[h + 2 + t] = '\0';
    json_t *v = text(b, "accountabilities", joined, h + 2 + t);
    free(joined);
    return v;
}

/* Adds the requirement-derived properties. */
static void requirements(ld *b, json_t *job, const np_posting *p)
{
    json_t *education = json_array(), *experiences = json_array(), *quals = json_array();
    if (!education || !experiences || !quals) oom(b);
    const np_clearance_req *clearance = NULL;
    for (size_t i = 0; i < p->requirement_count && b->st == NP_OK; i++) {
        const np_requirement *r = &p->requirements[i];
        if (!r->essential) continue;
        if (r->text) append(b, quals, str(b, "requirements", r->text));
        if (r->kind == NP_REQ_DEGREE && (r->as.degree.level == NP_DEGREE_UNIVERSITY ||
                                         r->as.degree.level == NP_DEGREE_POSTGRADUATE))
            append(b, education, credential(&r->as.degree));
        else if (r->kind == NP_REQ_EXPERIENCE && r->as.experience.min_years >= 0 &&
                 r->as.experience.min_years <= NPJ_YEARS_MAX)
            append(b, experiences, experience(b, r->as.experience.min_years));
        else if (r->kind == NP_REQ_CLEARANCE && !clearance &&
                 r->as.clearance.level >= NP_CLEARANCE_NR && r->as.clearance.level <= NP_CLEARANCE_CTS)
            clearance = &r->as.clearance;
    }
    if (json_array_size(education)) put(b, job, "educationRequirements", json_incref(education));
    if (json_array_size(experiences)) put(b, job, "experienceRequirements", json_incref(experiences));
    /* The posting's own clearance first, else an essential clearance requirement's. */
    if (p->clearance >= NP_CLEARANCE_NR && p->clearance <= NP_CLEARANCE_CTS)
        put(b, job, "securityClearanceRequirement", clearance_text(p->clearance, p->clearance_atomal));
    else if (clearance)
        put(b, job, "securityClearanceRequirement", clearance_text(clearance->level, clearance->atomal));
    if (json_array_size(quals)) put(b, job, "qualifications", json_incref(quals));
    json_decref(education);
    json_decref(experiences);
    json_decref(quals);
}

static bool is_url(const char *s)
{
    return s && (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0);
}

/* schema.org's JobPosting has no language property: JSON-LD's own
 * "@language" in the context marks the language of every text value. */
static json_t *context(ld *b, const char *language)
{
    if (!language[0]) return json_string("https://schema.org");
    json_t *tag = json_object();
    if (tag) put(b, tag, "@language", json_string(language));
    return tag ? json_pack("[so]", "https://schema.org", tag) : NULL;
}

np_status np_posting_to_jsonld(char **out, const np_posting *p, np_error *err)
{
    *out = NULL;
    if (!p) return np_error_set(err, NP_EINVAL, "JSON-LD: no posting (NULL)");
    ld b = {err, NP_OK, 0};
    json_t *job = json_object();
    if (!job) return np_error_set(err, NP_ENOMEM, "out of memory writing JSON-LD");
    put(&b, job, "@context", context(&b, p->language));
    put(&b, job, "@type", json_string("JobPosting"));
    put_str(&b, job, "title", p->title);
    put_str(&b, job, "description", p->summary);
    if (p->requisition) {
        json_t *id = typed("PropertyValue");
        if (id) {
            put(&b, id, "name", json_string("NATO requisition number"));
            put(&b, id, "value", str(&b, "requisition", p->requisition));
        }
        put(&b, job, "identifier", id);
    }
    if (p->published != NP_DATE_NONE)
        put(&b, job, "datePosted", iso_date(&b, "published", p->published, -1));
    if (p->deadline.date != NP_DATE_NONE)
        put(&b, job, "validThrough", iso_date(&b, "deadline", p->deadline.date, p->deadline.minute));
    put(&b, job, "hiringOrganization", organization(&b, p));
    if (p->location) put(&b, job, "jobLocation", place(&b, p->location));
    if (p->salary.amount >= 0 && p->salary.amount <= NPJ_AMOUNT_MAX)
        put(&b, job, "baseSalary", base_salary(&b, &p->salary));
    requirements(&b, job, p);
    if (p->accountability_count) {
        json_t *list = json_array();
        for (size_t i = 0; list && i < p->accountability_count && b.st == NP_OK; i++)
            if (p->accountabilities[i].text) append(&b, list, responsibility(&b, &p->accountabilities[i]));
        put(&b, job, "responsibilities", list);
    }
    if (is_url(p->source)) put(&b, job, "url", str(&b, "source", p->source));
    if (b.st == NP_OK) {
        *out = npj_dump(job, JSON_INDENT(2) | JSON_PRESERVE_ORDER, b.digits);
        if (!*out) oom(&b);
    }
    json_decref(job);
    return b.st;
}
