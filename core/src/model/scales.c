/* Ordered requirement scales: security clearance, NATO official-language
 * levels, STANAG 6001 profiles. Facts: docs/nato-reference.md. */
#include "natopost/scales.h"

#include <stdio.h>
#include <string.h>

#include "support/text_quote.h"

static char upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c; }
static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Copies text upper-cased with runs of blanks folded to one space and no
 * blanks at either end; returns 0 if it does not fit. */
static int fold(char *dst, size_t size, const char *text, size_t len)
{
    size_t n = 0;
    int pending_space = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_blank(text[i])) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space) {
            if (n + 1 >= size) return 0;
            dst[n++] = ' ';
            pending_space = 0;
        }
        if (n + 1 >= size) return 0;
        dst[n++] = upper(text[i]);
    }
    dst[n] = '\0';
    return 1;
}

static const struct {
    const char *name, *abbrev;
} CLEARANCES[] = {
    {"", ""},
    {"NATO RESTRICTED", "NR"},
    {"NATO CONFIDENTIAL", "NC"},
    {"NATO SECRET", "NS"},
    {"COSMIC TOP SECRET", "CTS"},
};

np_status np_clearance_parse(np_clearance *out, bool *atomal, const char *text, size_t len,
                             np_error *err)
{
    char folded[48];
    char quoted[NP_QUOTE_MAX];
    if (!text) text = "", len = 0;
    if (!fold(folded, sizeof folded, text, len)) goto bad;
    bool is_atomal = false;
    size_t n = strlen(folded);
    /* "CTS/A", "CTS-A", "COSMIC TOP SECRET ATOMAL" */
    if (n > 2 && (folded[n - 2] == '/' || folded[n - 2] == '-') && folded[n - 1] == 'A') {
        folded[n - 2] = '\0';
        is_atomal = true;
    } else if (n > 7 && strcmp(folded + n - 7, " ATOMAL") == 0) {
        folded[n - 7] = '\0';
        is_atomal = true;
    }
    for (int level = NP_CLEARANCE_NR; level <= NP_CLEARANCE_CTS; level++) {
        if (strcmp(folded, CLEARANCES[level].name) == 0 ||
            strcmp(folded, CLEARANCES[level].abbrev) == 0) {
            *out = (np_clearance)level;
            if (atomal) *atomal = is_atomal;
            return NP_OK;
        }
    }
bad:
    npi_quote(quoted, sizeof quoted, text, len);
    /* "NATO RESTRICTED, ..., COSMIC TOP SECRET or NR, ..., CTS", from the table. */
    char expected[160] = "";
    for (int column = 0; column < 2; column++)
        for (int level = NP_CLEARANCE_NR; level <= NP_CLEARANCE_CTS; level++) {
            const size_t used = strlen(expected);
            snprintf(expected + used, sizeof expected - used, "%s%s",
                     level > NP_CLEARANCE_NR ? ", " : (column ? " or " : ""),
                     column ? CLEARANCES[level].abbrev : CLEARANCES[level].name);
        }
    return np_error_set(err, NP_EPARSE, "unknown security clearance %s (expected %s)", quoted,
                        expected);
}

const char *np_clearance_name(np_clearance level)
{
    return (level >= NP_CLEARANCE_NR && level <= NP_CLEARANCE_CTS) ? CLEARANCES[level].name : "";
}

const char *np_clearance_abbrev(np_clearance level)
{
    return (level >= NP_CLEARANCE_NR && level <= NP_CLEARANCE_CTS) ? CLEARANCES[level].abbrev
                                                                    : "";
}

static const struct {
    const char *numeral, *name;
} LEVELS[] = {
    {"", ""},
    {"I", "Beginner"},
    {"II", "Elementary"},
    {"III", "Intermediate"},
    {"IV", "Upper Intermediate"},
    {"V", "Advanced"},
    {"VI", "Proficiency"},
};

/* The names French notices give the levels ("V (« Avancé ») dans l'une"),
 * with and without their accents. */
static const char *const LEVELS_FR[][2] = {
    {"", ""},
    {"D\xc3\xa9" "butant", "Debutant"},
    {"\xc3\x89l\xc3\xa9mentaire", "Elementaire"},
    {"Interm\xc3\xa9" "diaire", "Intermediaire"},
    {"Interm\xc3\xa9" "diaire sup\xc3\xa9rieur", "Intermediaire superieur"},
    {"Avanc\xc3\xa9", "Avance"},
    {"Ma\xc3\xaetrise", "Maitrise"},
};

np_status np_lang_level_parse(np_lang_level *out, const char *text, size_t len, np_error *err)
{
    char folded[32];
    char quoted[NP_QUOTE_MAX];
    if (!text) text = "", len = 0;
    if (fold(folded, sizeof folded, text, len)) {
        for (int level = NP_LEVEL_I; level <= NP_LEVEL_VI; level++) {
            char name[32];
            fold(name, sizeof name, LEVELS[level].name, strlen(LEVELS[level].name));
            if (strcmp(folded, LEVELS[level].numeral) == 0 || strcmp(folded, name) == 0) {
                *out = (np_lang_level)level;
                return NP_OK;
            }
            for (int k = 0; k < 2; k++) {
                fold(name, sizeof name, LEVELS_FR[level][k], strlen(LEVELS_FR[level][k]));
                if (strcmp(folded, name) == 0) {
                    *out = (np_lang_level)level;
                    return NP_OK;
                }
            }
        }
        /* A misspelling printed in a real notice. */
        if (strcmp(folded, "UPPER INDERMEDIATE") == 0) {
            *out = NP_LEVEL_IV;
            return NP_OK;
        }
    }
    npi_quote(quoted, sizeof quoted, text, len);
    return np_error_set(err, NP_EPARSE,
                        "unknown language level %s (expected I..VI or Beginner, Elementary, "
                        "Intermediate, Upper Intermediate, Advanced, Proficiency, or their "
                        "French names)",
                        quoted);
}

const char *np_lang_level_numeral(np_lang_level level)
{
    return (level >= NP_LEVEL_I && level <= NP_LEVEL_VI) ? LEVELS[level].numeral : "";
}

const char *np_lang_level_name(np_lang_level level)
{
    return (level >= NP_LEVEL_I && level <= NP_LEVEL_VI) ? LEVELS[level].name : "";
}

np_status np_stanag_parse(np_stanag_profile *out, const char *text, size_t len, np_error *err)
{
    static const char *const SKILLS[] = {"listening", "speaking", "reading", "writing"};
    if (!text) text = "", len = 0;
    size_t pos = 0;
    while (pos < len && is_blank(text[pos])) pos++;
    if (len - pos >= 3 && upper(text[pos]) == 'S' && upper(text[pos + 1]) == 'L' &&
        upper(text[pos + 2]) == 'P') {
        pos += 3;
        while (pos < len && is_blank(text[pos])) pos++;
    }
    int8_t levels[4];
    uint8_t plus = 0;
    for (int skill = 0; skill < 4; skill++) {
        if (pos >= len || text[pos] < '0' || text[pos] > '9')
            return np_error_set_at(err, NP_EPARSE, 1, (int)pos + 1, pos,
                                   "STANAG 6001 profile: expected the %s level (a digit 0..5) "
                                   "at column %zu",
                                   SKILLS[skill], pos + 1);
        if (text[pos] > '5')
            return np_error_set_at(err, NP_EINVAL, 1, (int)pos + 1, pos,
                                   "STANAG 6001 profile: %s level %c is out of range (0..5)",
                                   SKILLS[skill], text[pos]);
        levels[skill] = (int8_t)(text[pos++] - '0');
        if (pos < len && text[pos] == '+') {
            plus |= (uint8_t)(1u << skill);
            pos++;
        }
    }
    while (pos < len && is_blank(text[pos])) pos++;
    if (pos != len)
        return np_error_set_at(err, NP_EPARSE, 1, (int)pos + 1, pos,
                               "STANAG 6001 profile: unexpected text at column %zu", pos + 1);
    out->listening = levels[0];
    out->speaking = levels[1];
    out->reading = levels[2];
    out->writing = levels[3];
    out->plus_mask = plus;
    return NP_OK;
}

size_t np_stanag_format(np_stanag_profile profile, char buf[16])
{
    if (profile.listening < 0) {
        buf[0] = '\0';
        return 0;
    }
    const int8_t levels[4] = {profile.listening, profile.speaking, profile.reading,
                              profile.writing};
    size_t n = 0;
    memcpy(buf, "SLP ", 4);
    n = 4;
    for (int skill = 0; skill < 4; skill++) {
        buf[n++] = (char)('0' + (levels[skill] >= 0 && levels[skill] <= 5 ? levels[skill] : 0));
        if (profile.plus_mask & (1u << skill)) buf[n++] = '+';
    }
    buf[n] = '\0';
    return n;
}
