/* NATO member states and their accession dates
 * (docs/nato-reference.md, "NATO member states"), and the check of
 * a candidate's nationality: a member state is judged against the notice's
 * date; another country of ISO 3166-1 is a real answer ("not met");
 * anything else is a typo or a made-up name, and an error naming the member
 * states it is closest to. */
#include <string.h>

#include "countries.h"
#include "support/edit_distance.h"
#include "natopost/candidate.h"
#include "support/text_quote.h"

static const np_member_state STATES[] = {
    {"Belgium", "BE", "BEL", {1949, 4, 4}},
    {"Canada", "CA", "CAN", {1949, 4, 4}},
    {"Denmark", "DK", "DNK", {1949, 4, 4}},
    {"France", "FR", "FRA", {1949, 4, 4}},
    {"Iceland", "IS", "ISL", {1949, 4, 4}},
    {"Italy", "IT", "ITA", {1949, 4, 4}},
    {"Luxembourg", "LU", "LUX", {1949, 4, 4}},
    {"Netherlands", "NL", "NLD", {1949, 4, 4}},
    {"Norway", "NO", "NOR", {1949, 4, 4}},
    {"Portugal", "PT", "PRT", {1949, 4, 4}},
    {"United Kingdom", "GB", "GBR", {1949, 4, 4}},
    {"United States", "US", "USA", {1949, 4, 4}},
    {"Greece", "GR", "GRC", {1952, 2, 18}},
    {"T\xc3\xbcrkiye", "TR", "TUR", {1952, 2, 18}},
    {"Germany", "DE", "DEU", {1955, 5, 6}},
    {"Spain", "ES", "ESP", {1982, 5, 30}},
    {"Czech Republic", "CZ", "CZE", {1999, 3, 12}},
    {"Hungary", "HU", "HUN", {1999, 3, 12}},
    {"Poland", "PL", "POL", {1999, 3, 12}},
    {"Bulgaria", "BG", "BGR", {2004, 3, 29}},
    {"Estonia", "EE", "EST", {2004, 3, 29}},
    {"Latvia", "LV", "LVA", {2004, 3, 29}},
    {"Lithuania", "LT", "LTU", {2004, 3, 29}},
    {"Romania", "RO", "ROU", {2004, 3, 29}},
    {"Slovakia", "SK", "SVK", {2004, 3, 29}},
    {"Slovenia", "SI", "SVN", {2004, 3, 29}},
    {"Albania", "AL", "ALB", {2009, 4, 1}},
    {"Croatia", "HR", "HRV", {2009, 4, 1}},
    {"Montenegro", "ME", "MNE", {2017, 6, 5}},
    {"North Macedonia", "MK", "MKD", {2020, 3, 27}},
    {"Finland", "FI", "FIN", {2023, 4, 4}},
    {"Sweden", "SE", "SWE", {2024, 3, 7}},
};

enum { STATE_COUNT = sizeof STATES / sizeof STATES[0] };

/* Other names people write, each pointing at a member's ISO alpha-2. */
static const struct {
    const char *alias, *alpha2;
} ALIASES[] = {
    {"Turkey", "TR"},
    {"Turkiye", "TR"},
    {"Republic of T\xc3\xbcrkiye", "TR"},
    {"UK", "GB"},
    {"Great Britain", "GB"},
    {"Britain", "GB"},
    {"United Kingdom of Great Britain and Northern Ireland", "GB"},
    {"USA", "US"},
    {"United States of America", "US"},
    {"Czechia", "CZ"},
    {"The Netherlands", "NL"},
    {"Holland", "NL"},
    {"Slovak Republic", "SK"},
    {"Macedonia", "MK"},
    {"Republic of North Macedonia", "MK"},
    {"Federal Republic of Germany", "DE"},
};

const np_member_state *np_member_states(size_t *count)
{
    if (count) *count = STATE_COUNT;
    return STATES;
}

np_date np_member_state_joined(const np_member_state *state)
{
    np_date d = 0;
    (void)np_date_from_ymd(&d, state->joined.year, state->joined.month, state->joined.day, NULL);
    return d;
}

static bool same_ci(const char *a, size_t len, const char *b)
{
    if (strlen(b) != len) return false;
    for (size_t i = 0; i < len; i++) {
        char x = a[i], y = b[i];
        if (x >= 'a' && x <= 'z') x = (char)(x - 'a' + 'A');
        if (y >= 'a' && y <= 'z') y = (char)(y - 'a' + 'A');
        if (x != y) return false;
    }
    return true;
}

const np_member_state *np_member_state_find(const char *text, size_t len)
{
    if (!text) return NULL;
    while (len && (*text == ' ' || *text == '\t')) text++, len--;
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t')) len--;
    if (len == 0) return NULL;
    for (size_t i = 0; i < STATE_COUNT; i++)
        if (same_ci(text, len, STATES[i].name) || same_ci(text, len, STATES[i].alpha2) ||
            same_ci(text, len, STATES[i].alpha3))
            return &STATES[i];
    for (size_t a = 0; a < sizeof ALIASES / sizeof ALIASES[0]; a++) {
        if (!same_ci(text, len, ALIASES[a].alias)) continue;
        for (size_t i = 0; i < STATE_COUNT; i++)
            if (strcmp(STATES[i].alpha2, ALIASES[a].alpha2) == 0) return &STATES[i];
    }
    return NULL;
}

/* ---- nationalities ---- */

static bool is_other_country(const char *text, size_t len)
{
    for (size_t i = 0; i < npi_country_count; i++) {
        const npi_country *c = &npi_countries[i];
        if (same_ci(text, len, c->alpha2) || same_ci(text, len, c->alpha3)) return true;
        for (size_t k = 0; k < 3 && c->names[k]; k++)
            if (same_ci(text, len, c->names[k])) return true;
    }
    return false;
}

enum { CLOSEST = 3 };

/* The CLOSEST member states whose names are nearest `text` (ties in
 * accession order). */
static void closest_members(const char *text, size_t len, const np_member_state *out[CLOSEST])
{
    size_t count, best[CLOSEST];
    const np_member_state *states = np_member_states(&count);
    for (size_t k = 0; k < CLOSEST; k++) {
        out[k] = NULL;
        best[k] = (size_t)-1;
    }
    for (size_t i = 0; i < count; i++) {
        const size_t d = npi_edit_distance(text, len, states[i].name, strlen(states[i].name), true);
        size_t at = CLOSEST;
        while (at > 0 && d < best[at - 1]) at--;
        if (at == CLOSEST) continue;
        for (size_t k = CLOSEST - 1; k > at; k--) {
            out[k] = out[k - 1];
            best[k] = best[k - 1];
        }
        out[at] = &states[i];
        best[at] = d;
    }
}

np_status np_candidate_check_nationality(const char *text, size_t len, np_error *err)
{
    while (len && (*text == ' ' || *text == '\t')) text++, len--;
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t')) len--;
    if (len && (np_member_state_find(text, len) || is_other_country(text, len))) return NP_OK;
    char shown[NP_QUOTE_MAX];
    npi_quote(shown, sizeof shown, text, len);
    const np_member_state *near[CLOSEST];
    closest_members(text, len, near);
    return np_error_set(err, NP_EINVAL,
                        "%s is not a country's name or ISO 3166 code (closest NATO member states: %s, "
                        "%s, %s)",
                        shown, near[0]->name, near[1]->name, near[2]->name);
}
