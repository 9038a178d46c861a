/* NATO member states and their accession dates
 * (docs/nato-reference.md, "NATO member states"). */
#include <string.h>

#include "natopost/candidate.h"

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
