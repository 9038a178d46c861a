/* Recognisers for the prose sections: summary, main accountabilities
 * (heading + text), interrelationships (reports to, direct and indirect
 * reports) and competencies (name + behavioural descriptor). */
#include <string.h>

#include "notice_internal.h"
#include "support/strbuf.h"

static bool content(const nt_line *l, nt_kind kind) { return l->kind == kind && !l->heading && l->len; }

/* ---- summary ------------------------------------------------------------------ */

static np_status read_summary(nt_doc *d)
{
    npi_strbuf sb = NP_STRBUF_INIT;
    int first = 0;
    for (size_t i = 0; i < d->count; i++) {
        const nt_line *l = &d->lines[i];
        if (!content(l, NT_SUMMARY)) continue;
        if (!first) first = l->no;
        else npi_strbuf_append(&sb, "\n", 1);
        npi_strbuf_append(&sb, nt_text(d, l), l->len);
    }
    if (!first) return NP_OK;
    if (sb.failed) return d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
    nt_set(d, &d->p->summary, sb.data, sb.len);
    npi_strbuf_reset(&sb);
    d->p->lines.summary = first;
    return d->status;
}

/* ---- accountabilities ------------------------------------------------------------ */

/* The standard headings of NATO accountabilities, for text that runs a
 * heading into its paragraph ("Planning and Execution Oversee ..."). */
static const char *const ACCOUNTABILITY_HEADINGS[] = {
    "Planning and Execution", "Policy Development", "Expertise Development",
    "Stakeholder Management", "Knowledge Management", "Information Management",
    "Project Management", "People Management", "Financial Management",
    "Organisational Efficiencies", "Organizational Efficiencies", "Vision and Direction",
    "Representation of the Organisation", "Representation of the Organization",
    "Change Management", "Information and Knowledge Management", "Risk Management",
    "Quality Management", "Budget Management", "Resource Management", "Personal Development",
    "Planning", "Analysis", "Coordination", "Representation",
};

static bool is_connector(const char *w, size_t n)
{
    static const char *const SMALL[] = {"and", "of", "the", "for", "in", "with", "to", "&", "on", "a"};
    for (size_t i = 0; i < sizeof SMALL / sizeof SMALL[0]; i++)
        if (strlen(SMALL[i]) == n && memcmp(w, SMALL[i], n) == 0) return true;
    return false;
}

/* A heading line: short, Title Case, no sentence punctuation at its end. */
static bool looks_like_heading(const char *s, size_t len)
{
    if (len == 0 || len > 60 || !nt_is_upper((unsigned char)s[0])) return false;
    char last = s[len - 1];
    if (last == '.' || last == ';' || last == ':' || last == ',' || last == '!' || last == '?') return false;
    int words = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && s[j] != ' ') j++;
        words++;
        if (!nt_is_upper((unsigned char)s[i]) && !is_connector(s + i, j - i) && s[i] != '(')
            return false;
        i = j + 1;
    }
    return words <= 7;
}

static bool is_catch_all(const char *low, size_t len)
{
    return len < 100 && (nt_find(low, len, "any other related dut") != NT_NPOS ||
                         nt_find(low, len, "toute autre t\xc3\xa2" "che") != NT_NPOS ||
                         nt_find(low, len, "toutes autres t\xc3\xa2" "ches") != NT_NPOS);
}

/* French headings are in sentence case ("Gestion des parties prenantes"):
 * a short line without final punctuation whose first word is a noun, not
 * the infinitive a duty starts with ("Préparer", "Entretenir", "Conduire"). */
static bool looks_like_french_heading(const char *s, const char *low, size_t len)
{
    if (len == 0 || len > 60) return false;
    if (!nt_is_upper((unsigned char)s[0]) && (unsigned char)s[0] != 0xC3) return false;
    char last = s[len - 1];
    if (last == '.' || last == ';' || last == ':' || last == ',' || last == '!' || last == '?') return false;
    size_t first = 0, words = 1;
    while (first < len && s[first] != ' ') first++;
    for (size_t i = first; i < len; i++) words += s[i] == ' ';
    if (words > 6 || first < 3) return false;
    const char *end = low + first - 2;
    return memcmp(end, "er", 2) != 0 && memcmp(end, "ir", 2) != 0 && memcmp(end, "re", 2) != 0;
}

typedef struct acc_state {
    const char *heading;
    size_t heading_len;
    npi_strbuf text;
    int line;
    bool open;
} acc_state;

static void acc_flush(nt_doc *d, acc_state *a)
{
    if (a->open && d->status == NP_OK) {
        if (a->text.failed) d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
        else if (a->text.len || a->heading)
            d->status = np_posting_add_accountability(d->p, a->heading, a->heading_len,
                                                      a->text.data ? a->text.data : "",
                                                      a->text.len, a->line, d->err);
    }
    npi_strbuf_reset(&a->text);
    a->heading = NULL;
    a->heading_len = 0;
    a->open = false;
}

static void acc_open(nt_doc *d, acc_state *a, const char *heading, size_t heading_len, int line)
{
    acc_flush(d, a);
    a->heading = heading;
    a->heading_len = heading_len;
    a->line = line;
    a->open = true;
}

static void acc_append(acc_state *a, const char *s, size_t len)
{
    if (a->text.len) npi_strbuf_append(&a->text, "\n", 1);
    npi_strbuf_append(&a->text, s, len);
}

/* The next content line of the section is a paragraph, not another short line. */
static bool next_is_text(const nt_doc *d, size_t i)
{
    for (size_t k = i + 1; k < d->count; k++) {
        const nt_line *l = &d->lines[k];
        if (l->kind != NT_ACCOUNTABILITIES || l->heading) return false;
        if (l->len) return l->len > 60 || nt_text(d, l)[l->len - 1] == '.';
    }
    return false;
}

static np_status read_accountabilities(nt_doc *d)
{
    acc_state a = {NULL, 0, NP_STRBUF_INIT, 0, false};
    const bool french = strcmp(d->p->language, "fr") == 0;
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if (!content(l, NT_ACCOUNTABILITIES)) continue;
        const char *s = nt_text(d, l), *low = nt_low(d, l);
        size_t len = l->len;
        /* "Perform any other related duty as assigned" closes the list of
         * duties: it belongs to the duty before it (as when a notice runs it
         * into that paragraph), not a duty of its own. */
        if (is_catch_all(low, len)) {
            if (!a.open) acc_open(d, &a, NULL, 0, l->no);
            acc_append(&a, s, len);
            continue;
        }
        if (looks_like_heading(s, len) ||
            (french && looks_like_french_heading(s, low, len) && next_is_text(d, i))) {
            acc_open(d, &a, s, len, l->no);
            continue;
        }
        /* A standard heading run into its paragraph. */
        size_t glued = 0;
        for (size_t k = 0; k < sizeof ACCOUNTABILITY_HEADINGS / sizeof ACCOUNTABILITY_HEADINGS[0]; k++) {
            size_t n = strlen(ACCOUNTABILITY_HEADINGS[k]);
            if (n > glued && n + 2 < len && memcmp(s, ACCOUNTABILITY_HEADINGS[k], n) == 0 &&
                s[n] == ' ' && nt_is_upper((unsigned char)s[n + 1]))
                glued = n;
        }
        if (glued) {
            acc_open(d, &a, s, glued, l->no);
            acc_append(&a, s + glued + 1, len - glued - 1);
            continue;
        }
        if (!a.open) acc_open(d, &a, NULL, 0, l->no);
        acc_append(&a, s, len);
    }
    acc_flush(d, &a);
    return d->status;
}

/* ---- interrelationships ------------------------------------------------------------ */

static size_t word_end(const char *s, size_t len, size_t i)
{
    while (i < len && s[i] != ' ') i++;
    return i;
}

/* The post holder's superior, from "reports to the Head, Plans Section and
 * through her/him, to ...": stops before a lower-case word that does not
 * join a name ("and through", "and works"), at a full stop or semicolon. */
static void extract_reports_to(const char *s, size_t len, const char **out, size_t *out_len)
{
    size_t i = nt_skip_blanks(s, len, 0);
    if (len - i > 4 && (memcmp(s + i, "the ", 4) == 0 || memcmp(s + i, "The ", 4) == 0)) i += 4;
    size_t start = i, end = i;
    while (i < len) {
        size_t j = word_end(s, len, i);
        const char *w = s + i;
        size_t n = j - i;
        bool lower = nt_is_lower((unsigned char)w[0]);
        if (lower) {
            size_t k = nt_skip_blanks(s, len, j);
            bool next_upper = k < len && (nt_is_upper((unsigned char)s[k]) || s[k] == '(');
            bool next_the = len - k >= 3 && memcmp(s + k, "the", 3) == 0;
            if (!(is_connector(w, n) && (next_upper || next_the))) break;
        }
        /* a word ending a clause */
        size_t m = n;
        while (m && (w[m - 1] == '.' || w[m - 1] == ';' || w[m - 1] == ':')) m--;
        end = i + m;
        if (m < n) break;
        if (n && w[n - 1] == ',') {
            size_t k = nt_skip_blanks(s, len, j);
            if (k >= len || !nt_is_upper((unsigned char)s[k])) {
                end = i + n - 1;
                break;
            }
        }
        i = nt_skip_blanks(s, len, j);
    }
    const char *r = s + start;
    size_t rl = end > start ? end - start : 0;
    nt_trim(&r, &rl, ",");
    *out = r;
    *out_len = rl;
}

/* "Le titulaire relève du chef de la Section Planification et ..." -> "chef de
 * la Section Planification": the clause after the verb, to the first full
 * stop, semicolon, comma or " et " (French names join words with lower-case
 * "de", "la", so the English extractor's rule does not apply). */
static bool french_superior(const char *s, const char *low, size_t len, const char **out, size_t *out_len)
{
    static const char *const VERBS[] = {"rel\xc3\xa8ve directement ", "rel\xc3\xa8ve ",
                                        "rend compte ", "est plac\xc3\xa9 sous l'autorit\xc3\xa9 "};
    for (size_t k = 0; k < sizeof VERBS / sizeof VERBS[0]; k++) {
        size_t at = nt_find(low, len, VERBS[k]);
        if (at == NT_NPOS) continue;
        size_t i = at + strlen(VERBS[k]);
        static const char *const ARTICLES[] = {"du ", "de la ", "de l'", "des ", "de ", "au ", "\xc3\xa0 la ", "\xc3\xa0 l'"};
        for (size_t a = 0; a < sizeof ARTICLES / sizeof ARTICLES[0]; a++)
            if (len - i >= strlen(ARTICLES[a]) && memcmp(low + i, ARTICLES[a], strlen(ARTICLES[a])) == 0) {
                i += strlen(ARTICLES[a]);
                break;
            }
        size_t j = i;
        while (j < len && s[j] != '.' && s[j] != ';' && s[j] != ',' &&
               !(len - j >= 4 && memcmp(low + j, " et ", 4) == 0))
            j++;
        const char *v = s + i;
        size_t n = j - i;
        nt_trim(&v, &n, NULL);
        if (!n || n > 120) return false;
        *out = v;
        *out_len = n;
        return true;
    }
    return false;
}

/* "Direct reports: N/a;" -> "N/a" */
static bool report_count(const char *s, const char *low, size_t len, const char *label,
                         const char **out, size_t *out_len)
{
    size_t at = nt_find_word(low, len, label);
    if (at == NT_NPOS) return false;
    size_t i = nt_skip_blanks(s, len, at + strlen(label));
    if (i >= len || s[i] != ':') return false;
    i = nt_skip_blanks(s, len, i + 1);
    size_t j = i;
    while (j < len && s[j] != ';') j++;
    const char *v = s + i;
    size_t n = j - i;
    nt_trim(&v, &n, ".;,");
    if (!n) return false;
    *out = v;
    *out_len = n;
    return true;
}

static np_status read_interrelationships(nt_doc *d)
{
    const bool french = strcmp(d->p->language, "fr") == 0;
    np_interrelationships *r = &d->p->interrelationships;
    npi_strbuf sb = NP_STRBUF_INIT;
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if (!content(l, NT_INTERRELATIONSHIPS)) continue;
        const char *s = nt_text(d, l), *low = nt_low(d, l);
        if (!r->line) r->line = l->no;
        if (sb.len) npi_strbuf_append(&sb, "\n", 1);
        npi_strbuf_append(&sb, s, l->len);
        const char *v;
        size_t n;
        size_t at = nt_find(low, l->len, "reports to ");
        if (!r->reports_to && at != NT_NPOS) {
            extract_reports_to(s + at + 11, l->len - at - 11, &v, &n);
            if (n && nt_set(d, &r->reports_to, v, n) == NP_OK) d->reports_to_line = l->no;
        }
        if (!r->reports_to && french && french_superior(s, low, l->len, &v, &n) &&
            nt_set(d, &r->reports_to, v, n) == NP_OK)
            d->reports_to_line = l->no;
        if (!r->direct_reports && report_count(s, low, l->len, "direct reports", &v, &n))
            nt_set(d, &r->direct_reports, v, n);
        if (!r->indirect_reports && report_count(s, low, l->len, "indirect reports", &v, &n))
            nt_set(d, &r->indirect_reports, v, n);
    }
    if (sb.failed && d->status == NP_OK) d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
    if (sb.len && d->status == NP_OK) nt_set(d, &r->text, sb.data, sb.len);
    npi_strbuf_reset(&sb);
    return d->status;
}

/* ---- competencies ---------------------------------------------------------------------- */

static bool competency_name(const char *s, size_t len)
{
    if (len == 0 || len > 60 || !nt_is_upper((unsigned char)s[0])) return false;
    int words = 1;
    for (size_t i = 0; i < len; i++)
        if (s[i] == ' ') words++;
    return words <= 6;
}

static np_status read_competencies(nt_doc *d)
{
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if (!content(l, NT_COMPETENCIES)) continue;
        const char *s = nt_text(d, l);
        size_t len = l->len;
        const char *colon = memchr(s, ':', len);
        const char *name = s, *desc = NULL;
        size_t name_len = len, desc_len = 0;
        if (colon) {
            name_len = (size_t)(colon - s);
            desc = colon + 1;
            desc_len = len - name_len - 1;
            nt_trim(&desc, &desc_len, ";.,");
        } else {
            nt_trim(&name, &name_len, ";.,");
        }
        nt_trim(&name, &name_len, NULL);
        /* "The incumbent will demonstrate:" introduces the list */
        if (colon && desc_len == 0) continue;
        if (!competency_name(name, name_len)) continue;
        if (!colon && !l->bullet) continue; /* a sentence, not a list item */
        d->status = np_posting_add_competency(d->p, name, name_len, desc_len ? desc : NULL,
                                              desc_len, l->no, d->err);
    }
    return d->status;
}

np_status nt_read_sections(nt_doc *d)
{
    if (read_summary(d) != NP_OK) return d->status;
    if (read_accountabilities(d) != NP_OK) return d->status;
    if (read_interrelationships(d) != NP_OK) return d->status;
    return read_competencies(d);
}
