/* Section segmentation: finds the headings of a notice in every layout job
 * sites produce and tags each line with its section.
 *
 * Layouts: "SUMMARY:" on its own line, "1. SUMMARY", "1.SUMMARY", "- SUMMARY
 * The text continues on the same line", "Summary: text", a heading glued to
 * site text ("...via email1. SUMMARY"). Inside the qualifications, the
 * essential and desirable parts are told apart by sub-headings ("ESSENTIAL",
 * "Desirable") and by intro lines ("The incumbent must:", "The following
 * would be considered an advantage:"). */
#include <stdlib.h>
#include <string.h>

#include "notice_internal.h"

typedef struct heading {
    const char *phrase; /* upper case, single spaces */
    size_t len;
    nt_kind kind;
    nt_part part;
} heading;

#define H(phrase, kind, part) {phrase, sizeof(phrase) - 1, kind, part}

/* English and French phrases (French accented and, as some sites strip
 * accents, plain), grouped by their first letter: nt_match_heading looks at
 * the run of phrases starting with the line's first letter only. */
static const heading HEADINGS[] = {
    H("ACCOUNTABILITIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("ATTRIBUTES AND COMPETENCIES", NT_COMPETENCIES, NT_PART_NONE),
    H("ATTRIBUTES/COMPETENCIES", NT_COMPETENCIES, NT_PART_NONE),
    H("APPLICATION PROCESS", NT_BOILERPLATE, NT_PART_NONE),
    H("ADDITIONAL INFORMATION", NT_BOILERPLATE, NT_PART_NONE),
    H("BACKGROUND", NT_SUMMARY, NT_PART_NONE),
    H("BEHAVIOURAL COMPETENCIES", NT_COMPETENCIES, NT_PART_NONE),
    H("COMPETENCIES", NT_COMPETENCIES, NT_PART_NONE),
    H("CONTRACT", NT_CONTRACT, NT_PART_NONE),
    H("CONTRACT TERMS", NT_CONTRACT, NT_PART_NONE),
    H("CONTRACT AND CONDITIONS", NT_CONTRACT, NT_PART_NONE),
    H("CONTEXTE", NT_SUMMARY, NT_PART_NONE),
    H("CONTEXTE DU POSTE", NT_SUMMARY, NT_PART_NONE),
    H("COMP\xc3\x89TENCES", NT_COMPETENCIES, NT_PART_NONE),
    H("COMPETENCES", NT_COMPETENCIES, NT_PART_NONE),
    H("COMP\xc3\x89TENCES COMPORTEMENTALES", NT_COMPETENCIES, NT_PART_NONE),
    H("COMP\xc3\x89TENCES CL\xc3\x89S", NT_COMPETENCIES, NT_PART_NONE),
    H("CONTRAT", NT_CONTRACT, NT_PART_NONE),
    H("CONDITIONS CONTRACTUELLES", NT_CONTRACT, NT_PART_NONE),
    H("CONDITIONS DU CONTRAT", NT_CONTRACT, NT_PART_NONE),
    H("COMMENT POSTULER", NT_BOILERPLATE, NT_PART_NONE),
    H("DESIRABLE QUALIFICATIONS", NT_QUALIFICATIONS, NT_PART_DESIRABLE),
    H("DESIRABLE QUALIFICATIONS/EXPERIENCE", NT_QUALIFICATIONS, NT_PART_DESIRABLE),
    H("DESIRABLE REQUIREMENTS", NT_QUALIFICATIONS, NT_PART_DESIRABLE),
    H("DUTIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("DUTIES AND RESPONSIBILITIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("EXPERIENCE AND QUALIFICATIONS", NT_QUALIFICATIONS, NT_PART_NONE),
    H("ESSENTIAL QUALIFICATIONS", NT_QUALIFICATIONS, NT_PART_ESSENTIAL),
    H("ESSENTIAL QUALIFICATIONS/EXPERIENCE", NT_QUALIFICATIONS, NT_PART_ESSENTIAL),
    H("ESSENTIAL REQUIREMENTS", NT_QUALIFICATIONS, NT_PART_ESSENTIAL),
    H("ELIGIBILITY", NT_QUALIFICATIONS, NT_PART_NONE),
    H("FONCTIONS PRINCIPALES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("HOW TO APPLY", NT_BOILERPLATE, NT_PART_NONE),
    H("INTRODUCTION", NT_SUMMARY, NT_PART_NONE),
    H("INTERRELATIONSHIPS", NT_INTERRELATIONSHIPS, NT_PART_NONE),
    H("INTER-RELATIONSHIPS", NT_INTERRELATIONSHIPS, NT_PART_NONE),
    H("INFORMATIONS COMPL\xc3\x89MENTAIRES", NT_BOILERPLATE, NT_PART_NONE),
    H("JOB SUMMARY", NT_SUMMARY, NT_PART_NONE),
    H("KEY ACCOUNTABILITIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("KEY RESPONSIBILITIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("KEY COMPETENCIES", NT_COMPETENCIES, NT_PART_NONE),
    H("MAIN ACCOUNTABILITIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("MAIN DUTIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("MAIN RESPONSIBILITIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("POST SUMMARY", NT_SUMMARY, NT_PART_NONE),
    H("POST CONTEXT", NT_SUMMARY, NT_PART_NONE),
    H("POST CONTEXT/POST SUMMARY", NT_SUMMARY, NT_PART_NONE),
    H("PERSON SPECIFICATION", NT_QUALIFICATIONS, NT_PART_NONE),
    H("PRINCIPAL DUTIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("PROFIL REQUIS", NT_QUALIFICATIONS, NT_PART_NONE),
    H("PRINCIPALES RESPONSABILIT\xc3\x89S", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("PRINCIPALES RESPONSABILITES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("PRINCIPALES ATTRIBUTIONS", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("PROCESSUS DE RECRUTEMENT", NT_BOILERPLATE, NT_PART_NONE),
    H("PROC\xc3\x89" "DURE DE RECRUTEMENT", NT_BOILERPLATE, NT_PART_NONE),
    H("PROC\xc3\x89" "DURE DE CANDIDATURE", NT_BOILERPLATE, NT_PART_NONE),
    H("QUALIFICATIONS", NT_QUALIFICATIONS, NT_PART_NONE),
    H("QUALIFICATIONS AND EXPERIENCE", NT_QUALIFICATIONS, NT_PART_NONE),
    H("QUALIFICATIONS & EXPERIENCE", NT_QUALIFICATIONS, NT_PART_NONE),
    H("QUALIFICATIONS ET EXP\xc3\x89RIENCE", NT_QUALIFICATIONS, NT_PART_NONE),
    H("QUALIFICATIONS ET EXPERIENCE", NT_QUALIFICATIONS, NT_PART_NONE),
    H("QUALIFICATIONS ET EXP\xc3\x89RIENCE PROFESSIONNELLE", NT_QUALIFICATIONS, NT_PART_NONE),
    H("QUALIFICATIONS ESSENTIELLES", NT_QUALIFICATIONS, NT_PART_ESSENTIAL),
    H("QUALIFICATIONS SOUHAITABLES", NT_QUALIFICATIONS, NT_PART_DESIRABLE),
    H("ROLE SUMMARY", NT_SUMMARY, NT_PART_NONE),
    H("REQUIREMENTS", NT_QUALIFICATIONS, NT_PART_NONE),
    H("RESPONSIBILITIES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("REPORTING LINES", NT_INTERRELATIONSHIPS, NT_PART_NONE),
    H("RECRUITMENT PROCESS", NT_BOILERPLATE, NT_PART_NONE),
    H("R\xc3\x89SUM\xc3\x89", NT_SUMMARY, NT_PART_NONE),
    H("R\xc3\x89SUM\xc3\x89 DU POSTE", NT_SUMMARY, NT_PART_NONE),
    H("RESPONSABILIT\xc3\x89S", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("RESPONSABILITES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("RELATIONS DE TRAVAIL", NT_INTERRELATIONSHIPS, NT_PART_NONE),
    H("RELATIONS HI\xc3\x89RARCHIQUES", NT_INTERRELATIONSHIPS, NT_PART_NONE),
    H("RELATIONS HIERARCHIQUES", NT_INTERRELATIONSHIPS, NT_PART_NONE),
    H("SUMMARY", NT_SUMMARY, NT_PART_NONE),
    H("SIMILAR JOBS", NT_BOILERPLATE, NT_PART_NONE),
    H("TERMS OF CONTRACT", NT_CONTRACT, NT_PART_NONE),
    H("T\xc3\x82" "CHES PRINCIPALES", NT_ACCOUNTABILITIES, NT_PART_NONE),
    H("TRABAJOS SIMILARES", NT_BOILERPLATE, NT_PART_NONE),
    H("USEFUL INFORMATION REGARDING APPLICATION AND RECRUITMENT PROCESS", NT_BOILERPLATE, NT_PART_NONE),
    H("WORKING RELATIONSHIPS", NT_INTERRELATIONSHIPS, NT_PART_NONE),
};

static nt_first_byte_index HEADING_INDEX = NT_FIRST_BYTE_INDEX(HEADINGS, heading, phrase);

/* The second byte of a Latin-1 letter (U+00C0..U+00FE, after 0xC3) folded
 * to lower case: "É" (C3 89) and "é" (C3 A9) fold alike. */
static unsigned char fold_latin1(unsigned char c) { return c >= 0x80 && c <= 0x9E && c != 0x97 ? c | 0x20 : c; }
static bool latin1_lower(unsigned char c) { return c >= 0xA0 && c <= 0xBE && c != 0xB7; }

/* Case-insensitive match of `phrase` at s (ASCII and accented Latin-1
 * letters) with a word boundary after it; *upper tells whether every letter
 * matched was upper case. */
static bool match_phrase(const char *s, size_t len, const char *phrase, size_t n, bool *upper)
{
    if (n > len) return false;
    bool up = true;
    for (size_t i = 0; i < n; i++) {
        const unsigned char c = (unsigned char)s[i];
        if (i > 0 && (unsigned char)phrase[i - 1] == 0xC3 && (unsigned char)s[i - 1] == 0xC3) {
            if (fold_latin1(c) != fold_latin1((unsigned char)phrase[i])) return false;
            if (latin1_lower(c)) up = false;
            continue;
        }
        if (nt_tolower(s[i]) != nt_tolower(phrase[i])) return false;
        if (nt_is_lower(c)) up = false;
    }
    if (n < len && nt_is_word((unsigned char)s[n])) return false;
    *upper = up;
    return true;
}

/* Letters of the word at s are all upper case (and there are at least two). */
static bool upper_word(const char *s, size_t len)
{
    size_t n = 0;
    while (n < len && nt_is_word((unsigned char)s[n])) {
        if (nt_is_lower((unsigned char)s[n])) return false;
        n++;
    }
    return n >= 2;
}

/* Words (letters, blanks, '&', '/', '-') then a '.' within `max` bytes: "Post
 * Context." as a numbered heading ends. */
static bool phrase_then_dot(const char *s, size_t len, size_t max)
{
    for (size_t k = 0; k < len && k < max; k++) {
        char c = s[k];
        if (c == '.') return k > 0;
        if (!nt_is_alpha((unsigned char)c) && c != ' ' && c != '&' && c != '/' && c != '-') return false;
    }
    return false;
}

nt_kind nt_match_heading(const char *s, size_t len, bool bullet, size_t *used, nt_part *part)
{
    size_t i = 0;
    bool numbered = false;
    if (i < len && nt_is_digit((unsigned char)s[i])) {
        while (i < len && i < 2 && nt_is_digit((unsigned char)s[i])) i++;
        if (i >= len || (s[i] != '.' && s[i] != ')')) return NT_HEADER;
        i = nt_skip_blanks(s, len, i + 1);
        numbered = true;
    }
    if (i >= len || !nt_is_alpha((unsigned char)s[i])) return NT_HEADER;
    /* Quick reject of ordinary sentences: a mixed-case heading must end the
     * line or be followed by a colon, so a longer mixed-case line without an
     * early colon is none (no heading phrase is longer than MAX_PHRASE). */
    enum { MAX_PHRASE = 72 };
    if (len - i > MAX_PHRASE && i + 1 < len && nt_is_lower((unsigned char)s[i + 1]) &&
        !memchr(s + i, ':', MAX_PHRASE) && !(numbered && phrase_then_dot(s + i, len - i, MAX_PHRASE)))
        return NT_HEADER;
    const char first = (char)(s[i] & ~0x20); /* upper case */
    const heading *best = NULL;
    size_t best_len = 0;
    bool upper = false;
    size_t end;
    for (size_t k = nt_first_byte_run(&HEADING_INDEX, (unsigned char)first, &end); k < end; k++) {
        bool up;
        size_t n = HEADINGS[k].len;
        if (n > best_len && match_phrase(s + i, len - i, HEADINGS[k].phrase, n, &up)) {
            best = &HEADINGS[k];
            best_len = n;
            upper = up;
        }
    }
    if (!best) return NT_HEADER;
    size_t j = nt_skip_blanks(s, len, i + best_len);
    bool colon = false;
    /* "SUMMARY:", and "1. Post Context." where a number leads the heading */
    if (j < len && (s[j] == ':' || (numbered && s[j] == '.'))) {
        colon = true;
        j = nt_skip_blanks(s, len, j + 1);
    }
    if (j < len) {
        /* Text follows on the same line: "SUMMARY: The ...", "- SUMMARY The ...".
         * Without a colon only an upper-case heading counts, and not when the
         * next word is upper case too ("CONTRACT CLAUSE APPLICABLE"). */
        if (!colon) {
            if (!upper || upper_word(s + j, len - j)) return NT_HEADER;
            if (!numbered && !bullet && !nt_is_upper((unsigned char)s[j])) return NT_HEADER;
        } else if (!upper && !numbered && !bullet && best->kind == NT_BOILERPLATE) {
            return NT_HEADER; /* "Additional information: ..." inside a sentence list */
        }
    }
    *used = j;
    if (part) *part = best->part;
    return best->kind;
}

/* A numbered heading glued to the end of site text ("...via email1. SUMMARY"):
 * its start, or NT_NPOS. Only upper-case headings that end the line count. */
static size_t find_glued_heading(const char *s, size_t len)
{
    for (const char *dot = memchr(s, '.', len); dot; dot = memchr(dot + 1, '.', len - (size_t)(dot - s) - 1)) {
        /* "<letter><1-2 digits>." */
        size_t k = (size_t)(dot - s);
        size_t i = k;
        while (i > 0 && k - i < 2 && nt_is_digit((unsigned char)s[i - 1])) i--;
        if (i == k || i == 0 || !nt_is_alpha((unsigned char)s[i - 1])) continue;
        if (k + 1 >= len) break;
        size_t used;
        nt_part part;
        nt_kind kind = nt_match_heading(s + i, len - i, false, &used, &part);
        if (kind == NT_HEADER || used != len - i) continue;
        /* upper case only: the matched letters */
        bool upper = true;
        for (size_t m = k; m < len; m++)
            if (nt_is_lower((unsigned char)s[m])) upper = false;
        if (upper) return i;
    }
    return NT_NPOS;
}

static bool ends_with_colon(const char *s, size_t len) { return len && s[len - 1] == ':'; }

/* Sub-headings and intro lines of the qualifications. */
static nt_part qualification_intro(const char *s, const char *low, size_t len, bool bullet)
{
    const char *t = low;
    size_t n = len;
    nt_trim(&t, &n, ":");
    static const char *const ESSENTIAL[] = {"essential", "essential qualifications",
                                            "essential requirements", "essential criteria",
                                            "minimum qualifications", "minimum requirements",
                                            "required qualifications", "mandatory",
                                            "essentiel", "essentielles", "exigences essentielles",
                                            "qualifications requises", "obligatoire"};
    static const char *const DESIRABLE[] = {"desirable", "desirable qualifications",
                                            "desirable requirements", "desirable criteria",
                                            "preferred qualifications", "advantageous",
                                            "souhaitable", "souhaitables", "atouts",
                                            "qualifications souhaitables"};
    for (size_t i = 0; i < sizeof ESSENTIAL / sizeof ESSENTIAL[0]; i++)
        if (n == strlen(ESSENTIAL[i]) && memcmp(t, ESSENTIAL[i], n) == 0) return NT_PART_ESSENTIAL;
    for (size_t i = 0; i < sizeof DESIRABLE / sizeof DESIRABLE[0]; i++)
        if (n == strlen(DESIRABLE[i]) && memcmp(t, DESIRABLE[i], n) == 0) return NT_PART_DESIRABLE;
    if (bullet) return NT_PART_NONE;
    /* "The following are/would be considered an advantage:" */
    /* "Les éléments suivants seraient considérés comme un atout :" */
    if ((nt_find(low, len, "advantage") != NT_NPOS || nt_find(low, len, "an asset") != NT_NPOS ||
         nt_find(low, len, "desirable") != NT_NPOS || nt_find_word(low, len, "atout") != NT_NPOS ||
         nt_find(low, len, "souhaitable") != NT_NPOS || nt_find(low, len, "avantage") != NT_NPOS) &&
        (ends_with_colon(s, len) || nt_starts_word(low, len, "the following")))
        return NT_PART_DESIRABLE;
    /* "The incumbent must:", "Candidates must have:", "Le titulaire doit :" */
    if (ends_with_colon(s, len) && len < 80 &&
        (nt_find_word(low, len, "must") != NT_NPOS || nt_find(low, len, "essential") != NT_NPOS ||
         nt_find(low, len, "required") != NT_NPOS || nt_find_word(low, len, "doit") != NT_NPOS ||
         nt_find_word(low, len, "doivent") != NT_NPOS || nt_find(low, len, "essentiel") != NT_NPOS))
        return NT_PART_ESSENTIAL;
    return NT_PART_NONE;
}

/* "The incumbent must:", "The candidate must among others:", "Le titulaire
 * doit :" -- the intro of the requirements in notices whose qualifications
 * have no heading. Only a short line ending in a colon, with none of the
 * words that introduce competencies instead ("must demonstrate:"). */
static bool headless_requirements_intro(const char *low, size_t len)
{
    if (len > 60 || !len || low[len - 1] != ':') return false;
    static const char *const STARTS[] = {"the incumbent must", "the candidate must",
                                         "candidates must", "the successful candidate must",
                                         "the post holder must", "the ideal candidate must",
                                         "applicants must", "le titulaire doit",
                                         "le candidat doit", "la candidate ou le candidat doit"};
    bool starts = false;
    for (size_t i = 0; i < sizeof STARTS / sizeof STARTS[0] && !starts; i++)
        starts = nt_starts_word(low, len, STARTS[i]);
    return starts && nt_find(low, len, "demonstrat") == NT_NPOS &&
           nt_find(low, len, "d\xc3\xa9montr") == NT_NPOS;
}

/* A header line run together from label/value pairs becomes one logical line
 * per pair, so that each label starts a line. False on NP_ENOMEM. */
static bool split_label_run(nt_doc *d, const nt_line *src)
{
    const char *s = d->buf + src->off, *low = d->low + src->off;
    size_t start = 0;
    bool bullet = src->bullet;
    for (;;) {
        size_t cut = nt_next_glued_label(s, low, src->len, start);
        size_t end = cut == NT_NPOS ? src->len : cut;
        while (end > start && s[end - 1] == ' ') end--;
        if (end > start || cut == NT_NPOS) {
            nt_line *l = nt_push_line(d, src->off + start, end - start, src->no, bullet);
            if (!l) return false;
            l->kind = NT_HEADER;
        }
        bullet = false;
        if (cut == NT_NPOS) return true;
        start = cut;
    }
}

/* A numbered heading inside a line, as in notices flattened onto one line
 * ("... scheduled for May 2027 1. Post Context. A post in ..."): at s[p] a
 * number of one or two digits after a blank, '.', a heading phrase, then '.'
 * or ':'. */
static bool midline_heading_at(const char *s, size_t len, size_t p)
{
    if (p == 0 || s[p - 1] != ' ' || !nt_is_digit((unsigned char)s[p])) return false;
    size_t i = p;
    while (i < len && i - p < 2 && nt_is_digit((unsigned char)s[i])) i++;
    if (i >= len || s[i] != '.' || i + 1 >= len || s[i + 1] != ' ') return false;
    i = nt_skip_blanks(s, len, i + 1);
    if (i >= len || !nt_is_upper((unsigned char)s[i])) return false;
    size_t e = i;
    while (e < len && e - i < 72 && s[e] != '.' && s[e] != ':') e++;
    if (e >= len || (s[e] != '.' && s[e] != ':')) return false;
    size_t used;
    nt_part part;
    return nt_match_heading(s + p, e + 1 - p, false, &used, &part) != NT_HEADER && used == e + 1 - p;
}

/* The next numbered heading inside the line after `from`, or NT_NPOS: found
 * from each ". " (fewer than bytes), looking back over its number. */
static size_t next_midline_heading(const char *s, size_t len, size_t from)
{
    for (const char *dot = memchr(s + from + 1, '.', len - from - 1); dot;
         dot = memchr(dot + 1, '.', len - (size_t)(dot - s) - 1)) {
        size_t k = (size_t)(dot - s);
        if (k + 1 >= len) break;
        size_t p = k;
        while (p > from + 1 && k - p < 2 && nt_is_digit((unsigned char)s[p - 1])) p--;
        if (p < k && p > from && midline_heading_at(s, len, p)) return p;
    }
    return NT_NPOS;
}

/* Splits long physical lines before the numbered headings inside them. NULL
 * on NP_ENOMEM (d->status set). */
static nt_line *split_midline_headings(nt_doc *d, nt_line *old, size_t *count)
{
    size_t n = *count, extra = 0;
    for (size_t li = 0; li < n; li++) {
        const char *s = d->buf + old[li].off;
        if (old[li].len > 80)
            for (size_t p = next_midline_heading(s, old[li].len, 0); p != NT_NPOS;
                 p = next_midline_heading(s, old[li].len, p))
                extra++;
    }
    if (!extra) return old;
    nt_line *out = calloc(n + extra, sizeof *out);
    if (!out) {
        free(old);
        d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
        return NULL;
    }
    size_t k = 0;
    for (size_t li = 0; li < n; li++) {
        nt_line l = old[li];
        const char *s = d->buf + l.off;
        size_t start = 0;
        for (size_t p = l.len > 80 ? next_midline_heading(s, l.len, 0) : NT_NPOS; p != NT_NPOS;
             p = next_midline_heading(s, l.len, p)) {
                size_t end = p;
                while (end > start && s[end - 1] == ' ') end--;
                out[k] = l;
                out[k].len = end - start;
                out[k].off = l.off + start;
                k++;
                l.bullet = 0;
                start = p;
            }
        out[k] = l;
        out[k].off = l.off + start;
        out[k].len = l.len - start;
        k++;
    }
    free(old);
    *count = k;
    return out;
}

/* A heading split over two short lines ("1." then "SUMMARY", "2.
 * QUALIFICATIONS AND" then "EXPERIENCE"): the kind when the two, joined by a
 * blank, are a whole heading; NT_HEADER otherwise. */
static nt_kind heading_over_two_lines(const nt_doc *d, const nt_line *a, const nt_line *b, nt_part *part)
{
    char joined[96];
    if (!a->len || !b->len || a->len > 40 || b->len > 40 || b->bullet) return NT_HEADER;
    /* upper case only: a number, or upper-case words that stop mid-phrase, then the rest */
    for (size_t i = 0; i < a->len; i++)
        if (nt_is_lower((unsigned char)d->buf[a->off + i])) return NT_HEADER;
    for (size_t i = 0; i < b->len; i++)
        if (nt_is_lower((unsigned char)d->buf[b->off + i])) return NT_HEADER;
    memcpy(joined, d->buf + a->off, a->len);
    joined[a->len] = ' ';
    memcpy(joined + a->len + 1, d->buf + b->off, b->len);
    size_t len = a->len + 1 + b->len, used;
    nt_kind kind = nt_match_heading(joined, len, a->bullet, &used, part);
    return kind != NT_HEADER && used == len ? kind : NT_HEADER;
}

np_status nt_segment(nt_doc *d)
{
    size_t old_count = d->count;
    nt_line *old = split_midline_headings(d, d->lines, &old_count);
    d->lines = NULL;
    d->count = d->cap = 0;
    if (!old) return d->status;
    if (!nt_reserve_lines(d, old_count)) {
        free(old);
        return d->status;
    }
    nt_kind current = NT_HEADER;
    nt_part part = NT_PART_NONE;
    for (size_t li = 0; li < old_count && d->status == NP_OK; li++) {
        const nt_line src = old[li];
        const char *s = d->buf + src.off;
        size_t used;
        nt_part hpart = NT_PART_NONE;
        size_t at = 0;
        nt_kind kind = nt_match_heading(s, src.len, src.bullet, &used, &hpart);
        if (kind == NT_HEADER && li + 1 < old_count &&
            (kind = heading_over_two_lines(d, &src, &old[li + 1], &hpart)) != NT_HEADER) {
            /* "2. QUALIFICATIONS AND" + "EXPERIENCE": both lines are the heading */
            current = kind;
            part = kind == NT_QUALIFICATIONS ? (hpart ? hpart : NT_PART_ESSENTIAL) : NT_PART_NONE;
            if (!d->section_line[kind]) d->section_line[kind] = src.no;
            for (int k = 0; k < 2; k++) {
                const nt_line *h = k ? &old[li + 1] : &src;
                size_t hl = h->len;
                while (hl && d->buf[h->off + hl - 1] == ':') hl--;
                nt_line *hl_line = nt_push_line(d, h->off, hl, h->no, false);
                if (!hl_line) break;
                hl_line->kind = (uint8_t)kind;
                hl_line->heading = 1;
                hl_line->part = (uint8_t)part;
            }
            li++;
            continue;
        }
        if (kind == NT_HEADER) {
            size_t g = find_glued_heading(s, src.len);
            if (g != NT_NPOS) {
                nt_line *pre = nt_push_line(d, src.off, g, src.no, src.bullet);
                if (!pre) break;
                pre->kind = (uint8_t)current;
                at = g;
                kind = nt_match_heading(s + g, src.len - g, false, &used, &hpart);
            }
        }
        if (kind != NT_HEADER) {
            current = kind;
            part = kind == NT_QUALIFICATIONS ? (hpart ? hpart : NT_PART_ESSENTIAL) : NT_PART_NONE;
            if (!d->section_line[kind]) d->section_line[kind] = src.no;
            const char *h = s + at;
            size_t hl = used;
            nt_trim(&h, &hl, ":");
            nt_line *hl_line = nt_push_line(d, src.off + (size_t)(h - s), hl, src.no, false);
            if (!hl_line) break;
            hl_line->kind = (uint8_t)kind;
            hl_line->heading = 1;
            hl_line->part = (uint8_t)part;
            if (at + used < src.len) {
                nt_line *rest = nt_push_line(d, src.off + at + used, src.len - at - used, src.no, false);
                if (!rest) break;
                rest->kind = (uint8_t)kind;
                rest->part = (uint8_t)part;
            }
            continue;
        }
        if ((current == NT_HEADER || current == NT_SUMMARY) && !src.bullet &&
            headless_requirements_intro(d->low + src.off, src.len)) {
            current = NT_QUALIFICATIONS;
            part = NT_PART_ESSENTIAL;
            if (!d->section_line[current]) d->section_line[current] = src.no;
        }
        if (current == NT_HEADER && !split_label_run(d, &src)) break;
        if (current == NT_HEADER) continue;
        nt_line *l = nt_push_line(d, src.off, src.len, src.no, src.bullet);
        if (!l) break;
        l->kind = (uint8_t)current;
        l->part = (uint8_t)part;
    }
    free(old);
    if (d->status != NP_OK) return d->status;

    /* Essential / desirable parts of the qualifications. */
    for (size_t i = 0; i < d->count; i++) {
        nt_line *l = &d->lines[i];
        if (l->kind != NT_QUALIFICATIONS) continue;
        if (l->heading) {
            part = (nt_part)l->part;
            continue;
        }
        if (l->len) {
            nt_part p = qualification_intro(nt_text(d, l), nt_low(d, l), l->len, l->bullet);
            if (p != NT_PART_NONE) {
                part = p;
                l->intro = 1;
            }
        }
        l->part = (uint8_t)part;
    }
    return NP_OK;
}
