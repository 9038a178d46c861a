/* Division, directorate and section, from where notices state them: the
 * summary ("The Defence Policy and Planning (DPP) Division leads ...", "the
 * Plans Section contributes ...") and the reports-to line ("reports to Head,
 * Crisis Response Systems and Exercises (CRSE) Section").
 *
 * A unit's name is read backwards from its unit word over capitalised words
 * and joining words ("and", "of", "&", a comma), stopping at an article, a
 * possessive ("The Division's ..."), a role ("Head, ...") or a lower-case
 * word; at most 16 words back, so the scan stays linear. Divisions and
 * directorates are named without the acronym in brackets ("Defence Policy
 * and Planning Division"); sections keep it, as NATO writes them ("Crisis
 * Response Systems and Exercises (CRSE) Section"). */
#include <string.h>

#include "notice_internal.h"
#include "support/strbuf.h"

#define MAX_WORDS 16

typedef struct word {
    const char *s;
    size_t len;
} word;

static bool word_in(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && memcmp(w, list[i], n) == 0) return true;
    return false;
}

static const char *const JOINERS[] = {"and", "&", "of", "for"};
static const char *const STOPS[] = {"The", "This", "That", "These", "A", "An", "Within", "Under",
                                    "In", "At", "From", "By", "With", "To", "For", "And", "Its",
                                    "Their", "Our", "As", "On", "Of", "Each", "Every", "Other"};
static const char *const ROLES[] = {"Head", "Director", "Chief", "Deputy", "Assistant",
                                    "Secretary", "General", "Officer", "Manager", "Leader"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool bracketed(const char *w, size_t n) { return n >= 3 && w[0] == '(' && w[n - 1] == ')'; }

/* Writes the name of the unit whose word starts at s[at] into sb; false
 * when no name precedes it. */
static bool unit_name(const char *s, size_t at, const char *unit, bool keep_acronym, npi_strbuf *sb)
{
    word words[MAX_WORDS];
    size_t count = 0;
    size_t i = at;
    while (count < MAX_WORDS) {
        while (i > 0 && s[i - 1] == ' ') i--;
        if (i == 0) break;
        size_t end = i;
        while (i > 0 && s[i - 1] != ' ') i--;
        const char *w = s + i;
        size_t n = end - i;
        size_t bare = n;
        if (bare && w[bare - 1] == ',') bare--;
        if (bare == 0) break;
        char last = w[n - 1];
        if (last == '.' || last == ';' || last == ':') break;
        if (bare >= 2 && w[bare - 2] == '\'' && w[bare - 1] == 's') break; /* "Division's" */
        if (bracketed(w, bare)) {
            if (keep_acronym) words[count++] = (word){w, n};
            continue;
        }
        if (word_in(w, bare, JOINERS, COUNT(JOINERS))) {
            words[count++] = (word){w, n};
            continue;
        }
        if (!(nt_is_upper((unsigned char)w[0]) || nt_is_digit((unsigned char)w[0]))) break;
        if (word_in(w, bare, STOPS, COUNT(STOPS)) || word_in(w, bare, ROLES, COUNT(ROLES))) break;
        words[count++] = (word){w, n};
    }
    /* no joining word or comma at the start */
    while (count && (word_in(words[count - 1].s, words[count - 1].len, JOINERS, COUNT(JOINERS)) ||
                     bracketed(words[count - 1].s, words[count - 1].len)))
        count--;
    if (count == 0) return false;
    const word *first = &words[count - 1];
    if (first->s[first->len - 1] == ',') return false; /* "Head, ..." already stopped; a list */
    for (size_t k = count; k-- > 0;) {
        npi_strbuf_append(sb, words[k].s, words[k].len);
        npi_strbuf_append(sb, " ", 1);
    }
    npi_strbuf_puts(sb, unit);
    return true;
}

/* After "X Section": the next word, skipping an acronym in brackets, is a
 * verb of a sentence whose subject is the unit ("provides", "contributes"). */
static bool unit_is_subject(const char *s, const char *low, size_t len, size_t after)
{
    static const char *const NOT_VERBS[] = {"the", "a", "an", "and", "or", "of", "in", "at", "to",
                                            "for", "with", "on", "by", "from", "as", "within"};
    size_t i = nt_skip_blanks(s, len, after);
    if (i < len && s[i] == ',') return false;
    if (i < len && s[i] == '(') {
        const char *close = memchr(s + i, ')', len - i);
        if (!close) return false;
        i = (size_t)(close - s) + 1;
        if (i < len && s[i] != ' ') return false; /* "(DSS)," */
        i = nt_skip_blanks(s, len, i);
    }
    if (i >= len || !nt_is_lower((unsigned char)s[i])) return false;
    size_t j = i;
    while (j < len && nt_is_alpha((unsigned char)s[j])) j++;
    return !word_in(low + i, j - i, NOT_VERBS, COUNT(NOT_VERBS));
}

/* ---- French: the name follows the unit word ------------------------------------- */

static const char *const JOINERS_FR[] = {"de", "des", "du", "et", "d'", "de la", "de l'"};
static const char *const NOT_VERBS_FR[] = {"de", "des", "du", "la", "le", "les", "et", "ou", "au",
                                           "aux", "en", "pour", "avec", "sur", "dans", "par", "d",
                                           "l", "qui", "que", "a"};

static size_t word_end_at(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] != ' ' && s[i] != ',' && s[i] != '.' && s[i] != ';' && s[i] != ':' &&
           s[i] != '(' && s[i] != ')')
        i++;
    return i;
}

/* "Section Planification des exercices appuie ..." -> "Section Planification":
 * capitalised words after the unit word, and joining words ("de", "des",
 * "et") only between capitalised words. No capitalised word, no name: a
 * French unit named by common nouns ("Division des opérations") is left
 * unread rather than cut short. *end is where the name stops. */
static size_t french_name_end(const char *s, const char *low, size_t len, size_t after)
{
    size_t end = after, i = after;
    for (int words = 0; words < MAX_WORDS; words++) {
        i = nt_skip_blanks(s, len, i);
        size_t j = i;
        /* joiners, then a capitalised word */
        for (bool joined = true; joined;) {
            joined = false;
            for (size_t k = 0; k < COUNT(JOINERS_FR); k++) {
                const size_t n = strlen(JOINERS_FR[k]);
                const bool apostrophe = JOINERS_FR[k][n - 1] == '\'';
                if (len - j > n && memcmp(low + j, JOINERS_FR[k], n) == 0 &&
                    (apostrophe || s[j + n] == ' ')) {
                    j = nt_skip_blanks(s, len, j + n);
                    joined = true;
                    break;
                }
            }
        }
        if (j >= len || !(nt_is_upper((unsigned char)s[j]) || (unsigned char)s[j] == 0xC3)) break;
        end = word_end_at(s, len, j);
        i = end;
    }
    return end;
}

static bool french_unit_is_subject(const char *s, const char *low, size_t len, size_t after)
{
    size_t i = nt_skip_blanks(s, len, after);
    if (i >= len || !nt_is_lower((unsigned char)s[i])) return false;
    size_t j = i;
    while (j < len && nt_is_word((unsigned char)s[j])) j++;
    return !word_in(low + i, j - i, NOT_VERBS_FR, COUNT(NOT_VERBS_FR));
}

/* The French unit word for an English one ("Directorate" -> "Direction"). */
static const char *french_unit(const char *unit)
{
    return strcmp(unit, "Directorate") == 0 ? "Direction" : unit;
}

static bool french_unit_in(nt_doc *d, const char *unit, char **slot, int *line, const char *s,
                           const char *low, size_t len, int no, bool subject_only)
{
    const size_t wl = strlen(unit);
    for (size_t from = 0; from < len;) {
        size_t at = nt_find_exact_word(s + from, len - from, unit);
        if (at == NT_NPOS) return false;
        at += from;
        from = at + wl;
        const size_t end = french_name_end(s, low, len, at + wl);
        if (end == at + wl) continue;
        /* "Division Politique et plans de défense": French names go on in lower
         * case after a joining word, so a name followed by one is not sure */
        const size_t next = nt_skip_blanks(s, len, end);
        bool continues = false;
        for (size_t k = 0; k < COUNT(JOINERS_FR); k++) {
            const size_t n = strlen(JOINERS_FR[k]);
            if (len - next >= n && memcmp(low + next, JOINERS_FR[k], n) == 0 &&
                (JOINERS_FR[k][n - 1] == '\'' || len - next == n || low[next + n] == ' '))
                continues = true;
        }
        if (continues) continue;
        if (subject_only && !french_unit_is_subject(s, low, len, end)) continue;
        nt_set(d, slot, s + at, end - at);
        *line = no;
        return true;
    }
    return false;
}

typedef struct unit_spec {
    const char *word;
    bool keep_acronym;
    bool subject_only; /* in the summary, only a unit that is a sentence's subject */
    char **slot;
    int *line;
} unit_spec;

/* The first named unit in line text; true when found (and set). */
static bool unit_in(nt_doc *d, const unit_spec *u, const char *s, const char *low, size_t len,
                    int no, bool subject_only)
{
    /* French names follow their unit word: reading them backwards gave "La Division" */
    if (strcmp(d->p->language, "fr") == 0)
        return french_unit_in(d, french_unit(u->word), u->slot, u->line, s, low, len, no,
                              subject_only);
    size_t from = 0;
    const size_t wl = strlen(u->word);
    while (from < len) {
        size_t at = nt_find_exact_word(s + from, len - from, u->word);
        if (at == NT_NPOS) return false;
        at += from;
        from = at + wl;
        if (subject_only && !unit_is_subject(s, low, len, at + wl)) continue;
        npi_strbuf sb = NP_STRBUF_INIT;
        bool ok = unit_name(s, at, u->word, u->keep_acronym, &sb);
        if (sb.failed) {
            d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
            return false;
        }
        if (ok) nt_set(d, u->slot, sb.data, sb.len);
        npi_strbuf_reset(&sb);
        if (ok) {
            *u->line = no;
            return true;
        }
    }
    return false;
}

static bool unit_in_kind(nt_doc *d, const unit_spec *u, nt_kind kind, bool subject_only)
{
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if (l->kind != kind || l->heading || !l->len) continue;
        if (unit_in(d, u, nt_text(d, l), nt_low(d, l), l->len, l->no, subject_only)) return true;
    }
    return false;
}

np_status nt_read_org(nt_doc *d)
{
    np_posting *p = d->p;
    const unit_spec units[] = {
        {"Division", false, false, &p->division, &p->lines.division},
        {"Directorate", false, false, &p->directorate, &p->lines.directorate},
        {"Section", true, true, &p->section, &p->lines.section},
    };
    for (size_t k = 0; k < COUNT(units) && d->status == NP_OK; k++) {
        const unit_spec *u = &units[k];
        if (unit_in_kind(d, u, NT_SUMMARY, u->subject_only)) continue;
        /* the reports-to line: "reports to Head, Plans Section", "... of the D2IA Division" */
        const np_interrelationships *r = &p->interrelationships;
        if (r->reports_to && unit_in(d, u, r->reports_to, r->reports_to, strlen(r->reports_to),
                                     d->reports_to_line, false))
            continue;
        if (!u->subject_only) unit_in_kind(d, u, NT_HEADER, false);
    }
    return d->status;
}
