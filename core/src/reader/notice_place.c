/* NATO bodies and duty places: the names the header recognisers compare
 * label values and header lines with.
 *
 * The location field is the duty city. Sites write it as "Brussels, Belgium",
 * "Belgium-Brussels", "LU-Capellen", "Shape, Mons, Belgium" or the city alone;
 * a country alone ("Belgium", "Luxembourg") names no city, so the reader
 * leaves the field unknown rather than store a country as the place. */
#include <string.h>

#include "notice_internal.h"

/* ---- NATO bodies ---------------------------------------------------------------- */

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
    {"nato science and technology organisation", false, "NATO Science and Technology Organization"},
    {"science and technology organization", false, "NATO Science and Technology Organization"},
    {"STO", true, "NATO Science and Technology Organization"},
    {"nato standardization office", false, "NATO Standardization Office"},
    {"nato standardisation office", false, "NATO Standardization Office"},
    {"NSO", true, "NATO Standardization Office"},
    {"nato defense college", false, "NATO Defense College"},
    {"nato defence college", false, "NATO Defense College"},
    {"NDC", true, "NATO Defense College"},
    {"nato parliamentary assembly", false, "NATO Parliamentary Assembly"},
    {"NATO PA", true, "NATO Parliamentary Assembly"},
    {"centre for maritime research and experimentation", false,
     "Centre for Maritime Research and Experimentation"},
    {"CMRE", true, "Centre for Maritime Research and Experimentation"},
    {"nato airborne early warning and control", false, "NATO Airborne Early Warning and Control Force"},
    {"NAEW&C", true, "NATO Airborne Early Warning and Control Force"},
    {"allied joint force command brunssum", false, "JFC Brunssum"},
    {"joint force command brunssum", false, "JFC Brunssum"},
    {"jfc brunssum", false, "JFC Brunssum"},
    {"allied joint force command naples", false, "JFC Naples"},
    {"joint force command naples", false, "JFC Naples"},
    {"jfc naples", false, "JFC Naples"},
    {"allied joint force command norfolk", false, "JFC Norfolk"},
    {"joint force command norfolk", false, "JFC Norfolk"},
    {"jfc norfolk", false, "JFC Norfolk"},
    {"IMS", true, "International Military Staff"},
    {"NATO IS", true, "International Staff"},
};

/* One pass over the word starts of the text, each compared with the bodies
 * that begin with its letter: the first body named, not the first of a list
 * searched in turn (which would read the text once per body). */
const char *nt_find_body(const char *s, const char *low, size_t len, bool abbreviations, size_t *at)
{
    for (size_t i = 0; i < len; i++) {
        /* the first letters of the names above, a quick test before the table */
        char c = low[i];
        if ((c != 'i' && c != 'a' && c != 'n' && c != 's' && c != 'c' && c != 'j' && c != 'h') || (i && nt_is_word((unsigned char)low[i - 1]))) continue;
        const char *name = NULL;
        size_t best = 0;
        for (size_t k = 0; k < sizeof BODIES / sizeof BODIES[0]; k++) {
            const char *m = BODIES[k].match;
            if (BODIES[k].exact ? (!abbreviations || s[i] != m[0]) : low[i] != m[0]) continue;
            size_t n = strlen(m);
            if (n <= best || n > len - i || memcmp(BODIES[k].exact ? s + i : low + i, m, n) != 0) continue;
            if (i + n < len && nt_is_word((unsigned char)low[i + n])) continue;
            name = BODIES[k].name;
            best = n;
        }
        if (name) {
            if (at) *at = i;
            return name;
        }
    }
    if (at) *at = NT_NPOS;
    return NULL;
}

/* ---- places --------------------------------------------------------------------- */

/* Duty cities of NATO bodies, as sites spell them (lower case), and the name
 * the reader gives. */
static const struct {
    const char *match;
    const char *city;
} CITIES[] = {
    {"brussels", "Brussels"}, {"bruxelles", "Brussels"}, {"brussel", "Brussels"},
    {"mons", "Mons"}, {"norfolk", "Norfolk"}, {"the hague", "The Hague"}, {"den haag", "The Hague"},
    {"la haye", "The Hague"}, {"capellen", "Capellen"}, {"la spezia", "La Spezia"},
    {"geilenkirchen", "Geilenkirchen"}, {"naples", "Naples"}, {"napoli", "Naples"},
    {"brunssum", "Brunssum"}, {"rome", "Rome"}, {"roma", "Rome"}, {"lisbon", "Lisbon"},
    {"oeiras", "Oeiras"}, {"paris", "Paris"}, {"northwood", "Northwood"}, {"ramstein", "Ramstein"},
    {"oberammergau", "Oberammergau"}, {"stavanger", "Stavanger"}, {"bydgoszcz", "Bydgoszcz"},
    {"izmir", "Izmir"}, {"kalkar", "Kalkar"}, {"uedem", "Uedem"}, {"betzdorf", "Betzdorf"},
    {"larissa", "Larissa"}, {"madrid", "Madrid"}, {"sigonella", "Sigonella"}, {"ulm", "Ulm"},
    {"innsworth", "Innsworth"},
};

static const char *const COUNTRIES[] = {
    "Albania", "Belgium", "Bulgaria", "Canada", "Croatia", "Czech Republic", "Czechia", "Denmark",
    "Estonia", "Finland", "France", "Germany", "Greece", "Hungary", "Iceland", "Italy", "Latvia",
    "Lithuania", "Luxembourg", "Montenegro", "The Netherlands", "Netherlands", "North Macedonia",
    "Norway", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden",
    "T\xc3\xbcrkiye", "Turkey", "United Kingdom", "United States of America", "United States",
    "USA", "UK", "Belgique", "Belgi\xc3\xab", "Italia", "Espa\303\261a", "Deutschland",
    "Nederland", "Luxemburg",
};

/* ISO 3166 codes of the countries that host NATO bodies ("LU-Capellen"). */
static bool country_code(const char *s)
{
    static const char CODES[][3] = {"BE", "LU", "NL", "IT", "DE", "US", "FR", "ES", "PT", "GB",
                                    "UK", "NO", "PL", "TR", "GR", "CA", "DK", "HU", "RO", "BG"};
    for (size_t k = 0; k < sizeof CODES / sizeof CODES[0]; k++)
        if (s[0] == CODES[k][0] && s[1] == CODES[k][1]) return true;
    return false;
}

/* Length of the country named at the start of s (0 when none). */
static size_t country_at(const char *s, size_t len)
{
    size_t best = 0;
    if (len == 0) return 0;
    /* the first byte before the length: every part of every place value is
     * compared with the whole table, and most differ at once */
    for (size_t k = 0; k < sizeof COUNTRIES / sizeof COUNTRIES[0]; k++) {
        if (COUNTRIES[k][0] != s[0]) continue;
        size_t n = strlen(COUNTRIES[k]);
        if (n > best && n <= len && memcmp(s, COUNTRIES[k], n) == 0 &&
            (n == len || !nt_is_word((unsigned char)s[n])))
            best = n;
    }
    return best;
}

const char *nt_city_at(const char *low, size_t len, size_t *used)
{
    const char *city = NULL;
    size_t best = 0;
    for (size_t k = 0; len && k < sizeof CITIES / sizeof CITIES[0]; k++) {
        if (CITIES[k].match[0] != low[0]) continue; /* as in country_at */
        size_t n = strlen(CITIES[k].match);
        if (n > best && nt_starts_word(low, len, CITIES[k].match)) {
            best = n;
            city = CITIES[k].city;
        }
    }
    if (used) *used = best;
    return city;
}

typedef enum part_kind { PART_OTHER, PART_CITY, PART_COUNTRY, PART_NAME } part_kind;

/* A name of a place: capitalised words (at most three), no digits or
 * punctuation beyond '-', '.', '\''. */
static bool name_like(const char *s, size_t len)
{
    if (len == 0 || len > 40 || !(nt_is_upper((unsigned char)s[0]) || (unsigned char)s[0] >= 0x80))
        return false;
    int words = 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ') words++;
        else if (!nt_is_alpha(c) && c < 0x80 && c != '-' && c != '.' && c != '\'') return false;
    }
    return words <= 3;
}

static part_kind classify_part(const char *s, const char *low, size_t len, const char **city)
{
    size_t n;
    const char *known = nt_city_at(low, len, &n);
    /* "Brussels", or the city then its region as some sites write it ("Brussels Brussels Capital") */
    if (known && (n == len || (low[n] == ' ' && name_like(s + n + 1, len - n - 1)))) {
        *city = known;
        return PART_CITY;
    }
    if (country_at(s, len) == len) return PART_COUNTRY;
    return name_like(s, len) ? PART_NAME : PART_OTHER;
}

nt_place_kind nt_read_place(const char *s, const char *low, size_t len, bool labelled,
                            const char **city, size_t *city_len)
{
    nt_trim(&s, &len, ".;");
    if (len == 0 || len > 80) return NT_PLACE_NONE;
    /* "Belgium-Brussels", "LU-Capellen": a country or a two-letter code, then the city */
    size_t c = country_at(s, len);
    if (!c && len > 3 && s[2] == '-' && country_code(s)) c = 2;
    if (c && c + 1 < len && s[c] == '-' && s[c + 1] != ' ') {
        const char *known;
        part_kind k = classify_part(s + c + 1, low + c + 1, len - c - 1, &known);
        if (k == PART_CITY) {
            *city = known, *city_len = strlen(known);
            return NT_PLACE_CITY;
        }
        if (k == PART_NAME) {
            *city = s + c + 1, *city_len = len - c - 1;
            return NT_PLACE_CITY;
        }
        return NT_PLACE_NONE;
    }
    /* parts separated by ',' or '/': "Shape, Mons, Belgium", "Brussels/Bruxelles" */
    const char *found = NULL, *name = NULL;
    size_t name_len = 0;
    int names = 0, countries = 0, parts = 0;
    for (size_t i = 0; i <= len;) {
        size_t j = i;
        while (j < len && s[j] != ',' && s[j] != '/') j++;
        const char *p = s + i;
        size_t pn = j - i;
        nt_trim(&p, &pn, NULL);
        parts++;
        const char *known = NULL;
        switch (classify_part(p, low + (p - s), pn, &known)) {
        case PART_CITY:
            if (found && strcmp(found, known) != 0) return NT_PLACE_NONE; /* two cities */
            found = known;
            break;
        case PART_COUNTRY: countries++; break;
        case PART_NAME:
            names++;
            name = p, name_len = pn;
            break;
        default: return NT_PLACE_NONE;
        }
        i = j + 1;
    }
    if (found) {
        *city = found, *city_len = strlen(found);
        return NT_PLACE_CITY;
    }
    /* an unknown city: "Kabul, Afghanistan" needs its country; a label's value may be alone */
    if (names == 1 && ((countries == 1 && parts == 2) || (labelled && parts == 1))) {
        *city = name, *city_len = name_len;
        return NT_PLACE_CITY;
    }
    if (countries && !names) return NT_PLACE_COUNTRY;
    return NT_PLACE_NONE;
}

/* Skips words that may stand between an anchor and the city: "NATO HQ, in
 * Brussels", "located at NATO Headquarters in Brussels". */
static size_t skip_place_filler(const char *low, size_t len, size_t i)
{
    static const char *const FILLER[] = {"nato headquarters", "nato hq", "headquarters", "the", "in",
                                         "at"};
    for (int round = 0; round < 6; round++) {
        while (i < len && (low[i] == ' ' || low[i] == ',' || low[i] == '(')) i++;
        bool moved = false;
        for (size_t k = 0; k < sizeof FILLER / sizeof FILLER[0] && !moved; k++)
            if (nt_starts_word(low + i, len - i, FILLER[k])) i += strlen(FILLER[k]), moved = true;
        if (!moved) break;
    }
    return i;
}

const char *nt_city_in_text(const char *low, size_t len)
{
    /* "NATO HQ Brussels", "(NATO HQ, Brussels)": the headquarters' abbreviation
     * with its city, as headers write the duty site; "located at ... in City",
     * "based in City". A city merely mentioned ("personnel in Brussels") is no
     * duty place. One pass over the word starts. */
    static const char *const ANCHORS[] = {"nato hq", "located at", "located in", "based in",
                                          "based at"};
    for (size_t at = 0; at < len; at++) {
        char c = low[at];
        if ((c != 'n' && c != 'l' && c != 'b') || (at && nt_is_word((unsigned char)low[at - 1]))) continue;
        for (size_t k = 0; k < sizeof ANCHORS / sizeof ANCHORS[0]; k++) {
            if (ANCHORS[k][0] != c || at + 1 >= len || ANCHORS[k][1] != low[at + 1] ||
                !nt_starts_word(low + at, len - at, ANCHORS[k]))
                continue;
            size_t n = strlen(ANCHORS[k]), i;
            if (k == 0) {
                i = at + n;
                while (i < len && low[i] == ' ') i++;
                if (i < len && low[i] == ',') i++;
                while (i < len && low[i] == ' ') i++;
            } else {
                i = skip_place_filler(low, len, at + n);
            }
            const char *city = nt_city_at(low + i, len - i, NULL);
            if (city) return city;
        }
    }
    return NULL;
}
