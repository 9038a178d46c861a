/* Requirements: the items of the qualifications section, essential or
 * desirable, each with its sentence and, where it can be recognised, a typed
 * form -- university / post-graduate degree, minimum years of experience,
 * NATO official-language levels (either/or, both, per language), STANAG 6001
 * profiles, travel share, software, nationality, security clearance.
 *
 * An item is a bullet (or a plain line) of the section; a lower-case line
 * after a bullet continues it. Sites sometimes run two items together
 * ("... I ("Beginner") in the other;be available to travel ..."): an item is
 * split at a semicolon followed by a requirement verb. */
#include <stdlib.h>
#include <string.h>

#include "natopost/scales.h"
#include "notice_internal.h"
#include "support/strbuf.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool has(const char *low, size_t len, const char *needle) { return nt_find(low, len, needle) != NT_NPOS; }
static bool has_word(const char *low, size_t len, const char *w) { return nt_find_word(low, len, w) != NT_NPOS; }

/* ---- languages -------------------------------------------------------------------- */

typedef enum binding { B_NONE, B_ONE, B_OTHER, B_BOTH, B_ENGLISH, B_FRENCH } binding;

typedef struct level_ref {
    np_lang_level level;
    binding bind;
    bool or_higher;
} level_ref;

static bool starts(const char *low, size_t len, size_t i, const char *w)
{
    size_t n = strlen(w);
    return i + n <= len && memcmp(low + i, w, n) == 0 &&
           (i + n == len || !nt_is_word((unsigned char)low[i + n]));
}

/* The language named just before position i ("French (level VI)", "English
 * at level V"), not the pair "English/French". */
static binding language_before(const char *low, size_t i)
{
    size_t lim = i > 40 ? i - 40 : 0;
    binding found = B_NONE;
    size_t best = 0;
    static const struct { const char *w; binding b; } LANGS[] = {
        {"english", B_ENGLISH}, {"french", B_FRENCH}, {"anglais", B_ENGLISH},
        {"fran\xc3\xa7" "ais", B_FRENCH}};
    for (size_t k = 0; k < COUNT(LANGS); k++) {
        size_t at = nt_find(low + lim, i - lim, LANGS[k].w);
        while (at != NT_NPOS) {
            size_t a = lim + at, e = a + strlen(LANGS[k].w);
            bool paired = (a > 0 && low[a - 1] == '/') || (e < i && low[e] == '/');
            if (!paired && a >= best) {
                best = a;
                found = LANGS[k].b;
            }
            size_t next = nt_find(low + e, i - e, LANGS[k].w);
            at = next == NT_NPOS ? NT_NPOS : e - lim + next;
        }
    }
    /* nothing but blanks, brackets and "level"/"at" between the language and i */
    if (found != B_NONE && nt_find(low + best, i - best, ";") != NT_NPOS) return B_NONE;
    return found;
}

static size_t roman_len(const char *s, size_t len, size_t i)
{
    size_t j = i;
    while (j < len && j - i < 4 && (s[j] == 'I' || s[j] == 'V' || s[j] == 'X')) j++;
    if (j == i || (j < len && nt_is_word((unsigned char)s[j]))) return 0;
    return j - i;
}

static bool read_languages(np_requirement *req, const char *s, const char *low, size_t len)
{
    if (!has(low, len, "language") && !has_word(low, len, "english") && !has_word(low, len, "french") &&
        !has(low, len, "langue") && !has_word(low, len, "anglais") && !has_word(low, len, "fran\xc3\xa7" "ais"))
        return false;
    level_ref refs[4];
    size_t count = 0;
    for (size_t i = 0; i < len && count < COUNT(refs); i++) {
        if (i > 0 && nt_is_word((unsigned char)s[i - 1])) continue;
        size_t n = roman_len(s, len, i);
        if (!n) continue;
        np_lang_level level;
        if (np_lang_level_parse(&level, s + i, n, NULL) != NP_OK) continue;
        size_t j = nt_skip_blanks(s, len, i + n);
        bool named = false;
        if (j < len && s[j] == '(') { /* ("Advanced") */
            const char *close = memchr(s + j, ')', len - j < 40 ? len - j : 40);
            if (close) {
                const char *name = s + j + 1;
                size_t nn = (size_t)(close - name);
                nt_trim(&name, &nn, "\"'");
                np_lang_level check;
                if (np_lang_level_parse(&check, name, nn, NULL) == NP_OK) {
                    named = true;
                    j = (size_t)(close - s) + 1;
                }
            }
        }
        bool after_level = (i >= 6 && memcmp(low + i - 6, "level ", 6) == 0) ||
                           (i >= 7 && memcmp(low + i - 7, "niveau ", 7) == 0);
        if (j < len && s[j] == ')') j++; /* "(level VI)" */
        j = nt_skip_blanks(s, len, j);
        level_ref r = {level, B_NONE, false};
        static const char *const OR_HIGHER[] = {"or higher", "or above", "ou plus",
                                                "ou sup\xc3\xa9rieur"};
        for (size_t k = 0; k < COUNT(OR_HIGHER); k++)
            if (starts(low, len, j, OR_HIGHER[k])) {
                r.or_higher = true;
                j = nt_skip_blanks(s, len, j + strlen(OR_HIGHER[k]));
                break;
            }
        /* the binding phrase after the level, in English and in French */
        static const struct { const char *w; binding b; } BINDS[] = {
            {"in one", B_ONE}, {"in the other", B_OTHER}, {"in both", B_BOTH}, {"in each", B_BOTH},
            {"in english", B_ENGLISH}, {"in french", B_FRENCH},
            {"dans l'une", B_ONE}, {"dans l'un", B_ONE}, {"dans l'autre", B_OTHER},
            {"dans les deux", B_BOTH}, {"dans chacune", B_BOTH}, {"en anglais", B_ENGLISH},
            {"en fran\xc3\xa7" "ais", B_FRENCH}};
        for (size_t k = 0; k < COUNT(BINDS) && r.bind == B_NONE; k++)
            if (starts(low, len, j, BINDS[k].w)) r.bind = BINDS[k].b;
        if (r.bind == B_NONE) r.bind = language_before(low, i);
        bool lone_i = n == 1 && s[i] == 'I';
        if (!named && !after_level && (lone_i || r.bind == B_NONE)) continue;
        refs[count++] = r;
        i += n - 1;
    }
    if (count == 0) return false;
    np_language_req lang = {NP_LANG_EITHER_OR, NP_LEVEL_NONE, NP_LEVEL_NONE, NP_LEVEL_NONE,
                            NP_LEVEL_NONE, false};
    const level_ref *one = NULL, *other = NULL;
    bool named = false;
    for (size_t k = 0; k < count; k++) {
        const level_ref *r = &refs[k];
        lang.or_higher |= r->or_higher;
        switch (r->bind) {
        case B_BOTH:
            lang.form = NP_LANG_BOTH;
            lang.one = lang.other = r->level;
            req->kind = NP_REQ_LANGUAGES;
            req->as.languages = lang;
            return true;
        case B_ENGLISH: if (!lang.english) lang.english = r->level; named = true; break;
        case B_FRENCH: if (!lang.french) lang.french = r->level; named = true; break;
        case B_ONE: if (!one) one = r; break;
        case B_OTHER: if (!other) other = r; break;
        default: break;
        }
    }
    if (named) {
        lang.form = NP_LANG_NAMED;
    } else if (one && other) {
        lang.form = NP_LANG_EITHER_OR;
        lang.one = one->level > other->level ? one->level : other->level;
        lang.other = one->level > other->level ? other->level : one->level;
    } else {
        return false; /* levels without a language to tie them to: keep the sentence only */
    }
    req->kind = NP_REQ_LANGUAGES;
    req->as.languages = lang;
    return true;
}

/* ---- STANAG 6001 -------------------------------------------------------------------- */

static bool profile_at(const char *s, size_t len, size_t i, np_stanag_profile *out)
{
    size_t j = i;
    while (j < len && j - i < 8 && (nt_is_digit((unsigned char)s[j]) || s[j] == '+')) j++;
    if (j - i < 4 || (j < len && nt_is_word((unsigned char)s[j]))) return false;
    return np_stanag_parse(out, s + i, j - i, NULL) == NP_OK;
}

static bool read_stanag(np_requirement *req, const char *s, const char *low, size_t len)
{
    size_t at = nt_find_word(low, len, "slp");
    if (at != NT_NPOS) {
        size_t i = at + 3;
        while (i < len && (s[i] == ' ' || s[i] == ':' || s[i] == '-')) i++;
        if (profile_at(s, len, i, &req->as.stanag)) {
            req->kind = NP_REQ_STANAG;
            return true;
        }
    }
    at = nt_find(low, len, "stanag");
    if (at == NT_NPOS) return false;
    /* the first 4-digit profile after "STANAG 6001" that is not the 6001 */
    for (size_t i = at + 6; i < len && i < at + 120; i++) {
        if (!nt_is_digit((unsigned char)s[i]) || nt_is_word((unsigned char)s[i - 1])) continue;
        if (len - i >= 4 && memcmp(s + i, "6001", 4) == 0) {
            i += 3;
            continue;
        }
        if (profile_at(s, len, i, &req->as.stanag)) {
            req->kind = NP_REQ_STANAG;
            return true;
        }
    }
    return false;
}

/* ---- experience ---------------------------------------------------------------------- */

/* The next word for years at or after `from`: "year(s)", French "an(s)",
 * "année(s)"; its offset, or NT_NPOS. */
static size_t next_year_word(const char *low, size_t len, size_t from, size_t *n)
{
    static const char *const YEARS[] = {"year", "ans", "an", "ann\303\251e", "annee"}; /* octal: "\xa9e" would be one escape */
    size_t best = NT_NPOS;
    for (size_t k = 0; k < COUNT(YEARS); k++) {
        const size_t w = strlen(YEARS[k]);
        for (size_t f = from; f < len;) {
            size_t at = nt_find(low + f, len - f, YEARS[k]);
            if (at == NT_NPOS || f + at >= best) break;
            at += f;
            f = at + 1;
            /* "year" may take "s"; the French words are whole words ("dans", "annexe") */
            const bool french = k > 0;
            size_t end = at + w;
            if (french && end < len && low[end] == 's') end++;
            if (french && end < len && nt_is_word((unsigned char)low[end])) continue;
            best = at;
            *n = end - at;
            break;
        }
    }
    return best;
}

static bool read_experience(np_requirement *req, const char *s, const char *low, size_t len)
{
    if (!has(low, len, "experience") && !has(low, len, "exp\xc3\xa9rience")) return false;
    size_t from = 0;
    while (from < len) {
        size_t word = 0;
        size_t at = next_year_word(low, len, from, &word);
        if (at == NT_NPOS) return false;
        from = at + word;
        if (at > 0 && nt_is_word((unsigned char)low[at - 1])) continue;
        /* back over blanks, "or more", "+", "(2)" to the count */
        size_t b = at;
        while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '-')) b--;
        if (b >= 7 && memcmp(low + b - 7, "or more", 7) == 0) {
            b -= 7;
            while (b > 0 && s[b - 1] == ' ') b--;
        }
        if (b > 0 && s[b - 1] == '+') b--;
        if (b > 0 && s[b - 1] == ')') { /* "two (2) years" */
            size_t o = b - 1;
            while (o > 0 && o + 4 > b && s[o - 1] != '(') o--;
            if (o > 0 && s[o - 1] == '(') b = o - 1;
            while (b > 0 && s[b - 1] == ' ') b--;
        }
        size_t w = b;
        while (w > 0 && (nt_is_alpha((unsigned char)s[w - 1]) || nt_is_digit((unsigned char)s[w - 1]) ||
                         s[w - 1] == '.' || s[w - 1] == '-'))
            w--;
        if (w == b) continue;
        double years = -1;
        int count;
        size_t used;
        if (nt_is_digit((unsigned char)s[w])) {
            double v = 0, scale = 0;
            size_t k = w;
            for (; k < b && (nt_is_digit((unsigned char)s[k]) || (s[k] == '.' && !scale)); k++) {
                if (s[k] == '.') { scale = 1; continue; }
                if (scale) { scale /= 10; v += (s[k] - '0') * scale; }
                else v = v * 10 + (s[k] - '0');
            }
            if (k == b && v <= 60) years = v;
        } else if (nt_parse_count(s + w, b - w, &count, &used) && used == b - w && count <= 60) {
            years = count;
        }
        if (years < 0) continue;
        req->kind = NP_REQ_EXPERIENCE;
        req->as.experience.min_years = years;
        return true;
    }
    return false;
}

/* ---- degree ------------------------------------------------------------------------------ */

static bool read_degree(np_requirement *req, const char *low, size_t len)
{
    bool degree = false;
    size_t from = 0;
    while (from < len) { /* "degree", but not "to a high degree" / "degree of" */
        size_t at = nt_find(low + from, len - from, "degree");
        if (at == NT_NPOS) break;
        at += from;
        from = at + 6;
        if (at >= 5 && memcmp(low + at - 5, "high ", 5) == 0) continue;
        if (len - at >= 10 && memcmp(low + at, "degree of ", 10) == 0) continue;
        degree = true;
        break;
    }
    static const char *const POST[] = {"post graduate", "post-graduate", "postgraduate", "master",
                                       "phd", "doctorate", "advanced university degree",
                                       "advanced degree", "graduate degree", "doctorat",
                                       "troisi\xc3\xa8me cycle", "deuxi\xc3\xa8me cycle",
                                       "post-universitaire", "postuniversitaire"};
    /* "diplôme universitaire", "diplôme de troisième cycle" */
    if (has(low, len, "dipl\xc3\xb4me") || has_word(low, len, "diplome")) degree = true;
    bool post = false;
    for (size_t k = 0; k < COUNT(POST); k++)
        if (has(low, len, POST[k])) post = true;
    if (!degree && !post && !has_word(low, len, "bachelor") && !has(low, len, "bachelor's")) return false;
    req->kind = NP_REQ_DEGREE;
    req->as.degree.level = post ? NP_DEGREE_POSTGRADUATE : NP_DEGREE_UNIVERSITY;
    req->as.degree.equivalent_accepted = has(low, len, "equivalent") || has(low, len, "\xc3\xa9quivalent");
    return true;
}

/* ---- travel ----------------------------------------------------------------------------- */

static bool read_travel(np_requirement *req, const char *s, const char *low, size_t len)
{
    if (!has_word(low, len, "travel") && !has_word(low, len, "travelling") &&
        !has_word(low, len, "traveling") && !has(low, len, "d\xc3\xa9placement") &&
        !has_word(low, len, "voyager"))
        return false;
    int percent = -1;
    for (size_t i = 0; i < len; i++) {
        bool sign = s[i] == '%';
        bool words = !sign && (starts(low, len, i, "per cent") || starts(low, len, i, "percent"));
        if (!sign && !words) continue;
        size_t b = i;
        while (b > 0 && s[b - 1] == ' ') b--;
        size_t w = b;
        while (w > 0 && nt_is_digit((unsigned char)s[w - 1]) && b - w < 3) w--;
        if (w < b && (w == 0 || !nt_is_word((unsigned char)s[w - 1]))) {
            int v = 0;
            for (size_t k = w; k < b; k++) v = v * 10 + (s[k] - '0');
            if (v <= 100) percent = v;
            break;
        }
    }
    req->kind = NP_REQ_TRAVEL;
    req->as.travel.percent = percent;
    return true;
}

/* ---- software ------------------------------------------------------------------------------ */

static const char *const PRODUCTS[] = {
    /* longest first, so "MS Excel" wins over "Excel" */
    "Microsoft SharePoint", "Microsoft Office", "Microsoft Teams", "Microsoft Project",
    "Microsoft 365", "Office 365", "MS Office", "MS Excel", "MS Word", "MS Project", "Power BI",
    "PowerPoint", "SharePoint", "JavaScript", "InDesign", "Photoshop", "ArcGIS", "MATLAB",
    "Outlook", "Tableau", "Trados", "Python", "Oracle", "Excel", "Visio", "Linux", "Word", "Teams",
    "Access", "SPSS", "Stata", "Java", "SAP", "SQL",
};
/* Names that are not distinctive enough to make a sentence a software one. */
static bool generic_product(const char *name)
{
    return strcmp(name, "Word") == 0 || strcmp(name, "Teams") == 0 || strcmp(name, "Access") == 0 ||
           strcmp(name, "Java") == 0 || strcmp(name, "Oracle") == 0 || strcmp(name, "Python") == 0;
}

typedef struct match {
    size_t at, len;
    const char *name;
} match;

static np_status read_software(np_requirement *req, const char *s, const char *low, size_t len,
                               bool *is_software, np_error *err)
{
    match found[COUNT(PRODUCTS)] = {{0}};
    size_t count = 0;
    bool distinctive = has_word(low, len, "software") || has(low, len, "office suite") ||
                       has(low, len, "it tools") || has(low, len, "computer skills");
    for (size_t k = 0; k < COUNT(PRODUCTS); k++) {
        size_t at = nt_find_exact_word(s, len, PRODUCTS[k]);
        if (at == NT_NPOS) continue;
        size_t n = strlen(PRODUCTS[k]);
        bool inside = false;
        for (size_t m = 0; m < count; m++)
            if (at >= found[m].at && at < found[m].at + found[m].len) inside = true;
        if (inside) continue;
        found[count++] = (match){at, n, PRODUCTS[k]};
        if (!generic_product(PRODUCTS[k])) distinctive = true;
    }
    *is_software = distinctive;
    if (!distinctive) return NP_OK;
    /* in the order the sentence names them */
    for (size_t i = 1; i < count; i++)
        for (size_t j = i; j > 0 && found[j - 1].at > found[j].at; j--) {
            match t = found[j];
            found[j] = found[j - 1];
            found[j - 1] = t;
        }
    req->kind = NP_REQ_SOFTWARE;
    req->as.software.names = NULL;
    if (count == 0) return NP_OK;
    npi_strbuf sb = NP_STRBUF_INIT;
    for (size_t i = 0; i < count; i++) {
        if (i) npi_strbuf_append(&sb, ", ", 2);
        npi_strbuf_append(&sb, s + found[i].at, found[i].len);
    }
    char *names = npi_strbuf_take(&sb);
    if (!names) return np_error_set(err, NP_ENOMEM, "out of memory");
    req->as.software.names = names;
    return NP_OK;
}

/* ---- nationality, clearance ------------------------------------------------------------------ */

static bool read_nationality(np_requirement *req, const char *low, size_t len)
{
    if (!(has(low, len, "national of a nato member") || has(low, len, "nationals of nato member") ||
          has(low, len, "nationals of a nato member") || has(low, len, "citizen of a nato member") ||
          has(low, len, "nationality of a nato member") ||
          has(low, len, "nationality of one of the nato member") ||
          has(low, len, "ressortissant d'un pays membre de l'otan") ||
          has(low, len, "ressortissante d'un pays membre de l'otan") ||
          has(low, len, "ressortissant d'un des pays membres de l'otan")))
        return false;
    req->kind = NP_REQ_NATIONALITY;
    req->as.nationality.nato_member = true;
    return true;
}

static bool read_clearance(np_requirement *req, const char *s, const char *low, size_t len)
{
    if (!has(low, len, "clearance") && !has(low, len, "habilitation")) return false;
    np_clearance level;
    bool atomal;
    if (!nt_find_clearance(s, low, len, &level, &atomal)) return false;
    req->kind = NP_REQ_CLEARANCE;
    req->as.clearance.level = level;
    req->as.clearance.atomal = atomal;
    return true;
}

/* ---- trigger words ------------------------------------------------------------------------ */

/* One pass over the sentence's words decides which recognisers can match,
 * so a sentence pays only for those (a recogniser still checks its own
 * form in full). */
enum {
    T_LANGUAGE = 1 << 0, T_STANAG = 1 << 1, T_CLEARANCE = 1 << 2, T_EXPERIENCE = 1 << 3,
    T_YEAR = 1 << 4, T_DEGREE = 1 << 5, T_TRAVEL = 1 << 6, T_SOFTWARE = 1 << 7,
    T_NATIONAL = 1 << 8, T_MEMBER = 1 << 9
};

#define IS(w) (n == sizeof(w) - 1 && memcmp(low, w, n) == 0)

/* The trigger a lower-case word is, 0 for most words. */
static unsigned trigger_of(const char *low, size_t n)
{
    switch (low[0]) {
    /* English, then French ("diplôme", "expérience", "ans", "langues", "anglais",
     * "français", "habilitation", "déplacements", "ressortissant", "membre") */
    case 'a': return IS("ans") || IS("an") || IS("ann\xc3\xa9" "es") || IS("ann\xc3\xa9" "e") ? T_YEAR
                     : IS("anglais") ? T_LANGUAGE : 0;
    case 'b': return IS("bachelor") ? T_DEGREE : 0;
    case 'c': return IS("clearance") ? T_CLEARANCE : IS("citizen") ? T_NATIONAL : 0;
    case 'd': return IS("degree") || IS("doctorate") || IS("dipl\xc3\xb4me") || IS("diplome") ||
                     IS("doctorat") ? T_DEGREE
                     : IS("d\xc3\xa9placements") || IS("d\xc3\xa9placement") ? T_TRAVEL : 0;
    case 'e': return IS("english") ? T_LANGUAGE
                     : IS("experience") || IS("experienced") || IS("exp\xc3\xa9rience") ? T_EXPERIENCE : 0;
    case 'f': return IS("french") || IS("fran\xc3\xa7" "ais") ? T_LANGUAGE : 0;
    case 'g': return IS("graduate") ? T_DEGREE : 0;
    case 'h': return IS("habilitation") ? T_CLEARANCE : 0;
    case 'l': return IS("language") || IS("languages") || IS("langue") || IS("langues") ? T_LANGUAGE : 0;
    case 'm': return IS("master") || IS("masters") ? T_DEGREE : IS("member") || IS("membre") ? T_MEMBER : 0;
    case 'n': return IS("national") || IS("nationals") || IS("nationality") ? T_NATIONAL : 0;
    case 'p': return IS("phd") || IS("postgraduate") ? T_DEGREE : 0;
    case 'r': return IS("ressortissant") || IS("ressortissante") ? T_NATIONAL : 0;
    case 's': return IS("slp") || IS("stanag") ? T_STANAG : IS("software") ? T_SOFTWARE : 0;
    case 't': return IS("travel") || IS("travelling") || IS("traveling") ? T_TRAVEL : 0;
    case 'v': return IS("voyager") ? T_TRAVEL : 0;
    case 'y': return IS("year") || IS("years") || IS("yrs") ? T_YEAR : 0;
    default: return 0;
    }
}

/* A word (as written) that names a distinctive product: a software sentence. */
static bool product_word(const char *low, const char *s, size_t n)
{
    switch (s[0]) {
    case 'A': return IS("arcgis");
    case 'E': return IS("excel");
    case 'I': return IS("indesign");
    case 'J': return IS("javascript");
    case 'L': return IS("linux");
    case 'M': return IS("microsoft") || IS("matlab") || (IS("ms") && s[1] == 'S');
    case 'O': return IS("outlook");
    case 'P': return IS("powerpoint") || IS("photoshop");
    case 'S': return IS("sharepoint") || (IS("sap") && s[1] == 'A') || (IS("sql") && s[1] == 'Q') ||
                     (IS("spss") && s[1] == 'P') || IS("stata");
    case 'T': return IS("tableau") || IS("trados");
    case 'V': return IS("visio");
    default: return false;
    }
}

#undef IS

static unsigned trigger_words(const char *s, const char *low, size_t len)
{
    unsigned flags = 0;
    for (size_t i = 0; i < len;) {
        while (i < len && !nt_is_word((unsigned char)low[i])) i++;
        size_t j = i;
        while (j < len && nt_is_word((unsigned char)low[j])) j++;
        if (j > i) {
            flags |= trigger_of(low + i, j - i);
            if (product_word(low + i, s + i, j - i)) flags |= T_SOFTWARE;
        }
        i = j;
    }
    return flags;
}

np_status nt_classify_requirement(np_requirement *req, const char *s, size_t len, np_error *err)
{
    char *low = malloc(len + 1);
    if (!low) return np_error_set(err, NP_ENOMEM, "out of memory");
    for (size_t i = 0; i < len; i++) low[i] = nt_tolower(s[i]);
    low[len] = '\0';
    np_status st = NP_OK;
    bool software = false;
    const unsigned t = trigger_words(s, low, len);
    if ((t & T_STANAG) && read_stanag(req, s, low, len)) {
    } else if ((t & T_LANGUAGE) && read_languages(req, s, low, len)) {
    } else if ((t & T_CLEARANCE) && read_clearance(req, s, low, len)) {
    } else if ((t & T_EXPERIENCE) && (t & T_YEAR) && read_experience(req, s, low, len)) {
    } else if (((t & T_DEGREE) || nt_find(low, len, "bachelor's") != NT_NPOS) && read_degree(req, low, len)) {
    } else if ((t & T_TRAVEL) && read_travel(req, s, low, len)) {
    } else if ((t & T_SOFTWARE) && (st = read_software(req, s, low, len, &software, err)) != NP_OK) {
    } else if (!software && (t & T_NATIONAL) && (t & T_MEMBER)) {
        read_nationality(req, low, len);
    }
    free(low);
    return st;
}

/* ---- items of the qualifications section ------------------------------------------------------- */

static const char *const VERBS[] = {"be", "have", "possess", "demonstrate", "hold", "show", "speak",
                                    "bring", "understand", "know", "display", "provide",
                                    "avoir", "poss\303\251der", "d\xc3\xa9tenir", "ma\303\256triser",
                                    "parler", "\xc3\xaatre"};

/* A semicolon followed by a requirement verb starts a new item. */
static bool clause_break(const char *s, const char *low, size_t len, size_t i)
{
    if (s[i] != ';') return false;
    size_t j = nt_skip_blanks(s, len, i + 1);
    for (size_t k = 0; k < COUNT(VERBS); k++)
        if (starts(low, len, j, VERBS[k])) return true;
    return false;
}

static void add_requirement(nt_doc *d, const char *s, size_t len, bool essential, int line)
{
    nt_trim(&s, &len, ";,.");
    if (!len || d->status != NP_OK) return;
    np_requirement *req;
    d->status = np_posting_add_requirement(d->p, &req, essential, s, len, line, d->err);
    if (d->status == NP_OK) d->status = nt_classify_requirement(req, req->text, strlen(req->text), d->err);
}

/* Openers of a requirement that sites glue to the end of the item before
 * when they drop the line break ("...in a multi-national environmenta higher
 * level in the second NATO official language"): the article sticks to the
 * last word. Only these phrases are split off, and only after a word of four
 * or more letters, so a word that really ends in "a" is left alone unless a
 * whole requirement phrase follows it. */
static const char *const GLUED_OPENERS[] = {
    "a higher level ", "a good knowledge ", "a working knowledge ", "a sound knowledge ",
    "a thorough knowledge ", "a good command ", "an advanced level ", "a good level ",
};

/* The offset of a glued opener in s[from, len) (its article), or len. */
static size_t glued_opener(const char *s, size_t len, size_t from)
{
    /* every opener is "a " or "an " glued to a lower-case letter: from each 'a' */
    for (const char *a = memchr(s + from, 'a', len - from); a;
         a = memchr(a + 1, 'a', len - (size_t)(a - s) - 1)) {
        const size_t i = (size_t)(a - s);
        if (i < 4 || i + 1 >= len || (s[i + 1] != ' ' && s[i + 1] != 'n') ||
            !nt_is_lower((unsigned char)s[i - 1]))
            continue;
        size_t w = i;
        while (w > 0 && nt_is_lower((unsigned char)s[w - 1])) w--;
        if (i - w < 4) continue;
        for (size_t k = 0; k < COUNT(GLUED_OPENERS); k++) {
            const size_t n = strlen(GLUED_OPENERS[k]);
            if (len - i > n && memcmp(s + i, GLUED_OPENERS[k], n) == 0) return i;
        }
    }
    return len;
}

/* Adds the item collected so far as requirements and empties it. Nothing
 * collected is nothing to add; a failed append (which leaves the item empty
 * but failed) is reported, so a requirement is never dropped silently. */
static void flush_item(nt_doc *d, npi_strbuf *item, bool essential, int line)
{
    if (item->failed) {
        d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
        return;
    }
    if (!item->len) return;
    const char *s = item->data;
    size_t len = item->len, start = 0;
    int depth = 0;
    size_t glued = glued_opener(s, len, 0);
    for (size_t i = 0; i < len && d->status == NP_OK; i++) {
        if (i == glued) {
            add_requirement(d, s + start, i - start, essential, line);
            start = i;
            glued = glued_opener(s, len, i + 1);
            continue;
        }
        if (s[i] == '(') depth++;
        else if (s[i] == ')' && depth) depth--;
        else if (depth == 0 && s[i] == ';') {
            /* lower-case copy of the few bytes clause_break looks at */
            char low[16];
            size_t n = len - i < sizeof low ? len - i : sizeof low;
            for (size_t k = 0; k < n; k++) low[k] = nt_tolower(s[i + k]);
            if (clause_break(s + i, low, n, 0)) {
                add_requirement(d, s + start, i - start, essential, line);
                start = i + 1;
            }
        }
    }
    add_requirement(d, s + start, len - start, essential, line);
    npi_strbuf_reset(item);
}

/* A notice whose site dropped every qualifications heading and intro still
 * states a minimum: a list item "Minimum eight years' experience in ...", "A
 * significant experience, minimum 7 years, of ...". "Minimum" makes the item
 * essential by its own words; other unheaded items stay unread (whether
 * they are essential or desirable is not stated). */
static void stated_minimums(nt_doc *d)
{
    static const char *const DESIRABLE[] = {"advantage", "asset", "desirable", "preferabl", "ideally",
                                            "would be"};
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if (!l->bullet || l->heading || (l->kind != NT_HEADER && l->kind != NT_SUMMARY)) continue;
        const char *s = nt_text(d, l), *low = nt_low(d, l);
        if (l->len > 300 || !has_word(low, l->len, "minimum") || !has(low, l->len, "experience")) continue;
        bool desirable = false;
        for (size_t k = 0; k < COUNT(DESIRABLE); k++) desirable |= has(low, l->len, DESIRABLE[k]);
        np_requirement probe;
        memset(&probe, 0, sizeof probe);
        if (desirable || !read_experience(&probe, s, low, l->len)) continue;
        add_requirement(d, s, l->len, true, l->no);
        nt_diag(d, NP_DIAG_INFO, l->no, "requirements",
                "no qualifications heading: a list item stating a minimum experience read as essential");
    }
}

np_status nt_read_requirements(nt_doc *d)
{
    npi_strbuf item = NP_STRBUF_INIT;
    int item_line = 0;
    bool item_essential = true, item_bullet = false;
    int intro_line[3] = {0, 0, 0};
    size_t items_in_part[3] = {0, 0, 0};
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if (l->kind != NT_QUALIFICATIONS || l->heading || !l->len) continue;
        if (l->intro) {
            flush_item(d, &item, item_essential, item_line);
            if (!intro_line[l->part]) intro_line[l->part] = l->no;
            continue;
        }
        const char *s = nt_text(d, l);
        bool continuation = item.len && item_bullet && !l->bullet && nt_is_lower((unsigned char)s[0]);
        if (continuation) {
            npi_strbuf_append(&item, " ", 1);
            npi_strbuf_append(&item, s, l->len);
            continue;
        }
        flush_item(d, &item, item_essential, item_line);
        npi_strbuf_append(&item, s, l->len);
        item_line = l->no;
        item_essential = l->part != NT_PART_DESIRABLE;
        item_bullet = l->bullet;
        items_in_part[l->part == NT_PART_DESIRABLE ? NT_PART_DESIRABLE : NT_PART_ESSENTIAL]++;
    }
    if (d->status == NP_OK) flush_item(d, &item, item_essential, item_line);
    npi_strbuf_reset(&item);
    if (d->status != NP_OK) return d->status;
    static const char *const PART_NAMES[] = {"", "essential", "desirable"};
    for (int part = NT_PART_ESSENTIAL; part <= NT_PART_DESIRABLE; part++)
        if (intro_line[part] && !items_in_part[part])
            nt_diag(d, NP_DIAG_INFO, intro_line[part], "requirements",
                    "the %s qualifications list is empty", PART_NAMES[part]);
    if (!d->section_line[NT_QUALIFICATIONS]) {
        nt_diag(d, NP_DIAG_INFO, 0, "requirements", "no qualifications section");
        stated_minimums(d);
    }
    return d->status;
}
