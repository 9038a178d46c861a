/* Contract terms, sentence by sentence over the contract section:
 * definite duration ("a 3-year definite duration contract", "Definite
 * duration contract of three years"), renewal ("renewed for a further period
 * of up to 3 years", "not renewable" -> 0), maximum period of service, the
 * possibility of conversion to an indefinite contract, the turnover clause,
 * the terms for seconded staff (their own maximum) and the twin-grade NOTE.
 * The first statement of each term wins; the NOTE's "three years" and
 * "twenty four months" are promotion rules, not contract terms. */
#include <string.h>

#include "natopost/policy.h"
#include "notice_internal.h"
#include "support/strbuf.h"

static bool has(const char *low, size_t len, const char *needle) { return nt_find(low, len, needle) != NT_NPOS; }

/* The first duration starting at a word start in s[from, to) that a
 * contract term can be: "123 years" is beyond NP_POLICY_MONTHS_MAX (the
 * model's and the JSON form's limit) and is no term. */
static int first_duration(const char *s, size_t len, size_t from, size_t to)
{
    if (to > len) to = len;
    for (size_t i = from; i < to; i++) {
        if (i > 0 && nt_is_word((unsigned char)s[i - 1])) continue;
        if (!nt_is_word((unsigned char)s[i])) continue;
        int months;
        size_t used;
        if (nt_parse_duration(s + i, len - i, &months, &used) && months > 0 &&
            months <= NP_POLICY_MONTHS_MAX)
            return months;
    }
    return -1;
}

static size_t min_pos(size_t a, size_t b) { return a < b ? a : b; }

/* The first word that starts with `prefix` ("renouvel" in "renouvelé",
 * "renouvellement"), or NT_NPOS. */
static size_t word_with_prefix(const char *low, size_t len, const char *prefix)
{
    const size_t n = strlen(prefix);
    for (size_t from = 0; from < len;) {
        size_t at = nt_find(low + from, len - from, prefix);
        if (at == NT_NPOS) return NT_NPOS;
        at += from;
        if (at == 0 || !nt_is_word((unsigned char)low[at - 1])) return at;
        from = at + n;
    }
    return NT_NPOS;
}

/* Words a contract term needs; a sentence with none of them is skipped. */
static bool mentions_terms(const char *low, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && nt_is_word((unsigned char)low[i - 1])) continue;
        switch (low[i]) {
        case 'c': if (len - i >= 7 && memcmp(low + i, "convers", 7) == 0) return true;
                  if (len - i >= 7 && memcmp(low + i, "convert", 7) == 0) return true;
                  if (len - i >= 8 && memcmp(low + i, "contract", 8) == 0) return true;
                  if (len - i >= 7 && memcmp(low + i, "contrat", 7) == 0) return true;
                  break;
        case 'd': if (len - i >= 8 && memcmp(low + i, "definite", 8) == 0) return true;
                  if (len - i >= 9 && memcmp(low + i, "d\xc3\xa9termin", 9) == 0) return true;
                  break;
        case 'i': if (len - i >= 10 && memcmp(low + i, "indefinite", 10) == 0) return true;
                  if (len - i >= 11 && memcmp(low + i, "ind\xc3\xa9termin", 11) == 0) return true;
                  break;
        case 'm': if (len - i >= 7 && memcmp(low + i, "maximum", 7) == 0) return true;
                  if (len - i >= 7 && memcmp(low + i, "maximal", 7) == 0) return true;
                  break;
        case 'n': if (len - i >= 9 && memcmp(low + i, "non-renew", 9) == 0) return true; break;
        case 'r': if (len - i >= 5 && memcmp(low + i, "renew", 5) == 0) return true;
                  if (len - i >= 8 && memcmp(low + i, "renouvel", 8) == 0) return true;
                  break;
        case 's': if (len - i >= 8 && memcmp(low + i, "seconded", 8) == 0) return true; break;
        case 't': if (len - i >= 8 && memcmp(low + i, "turnover", 8) == 0) return true;
                  if (len - i >= 4 && memcmp(low + i, "twin", 4) == 0) return true;
                  break;
        default: break;
        }
    }
    return false;
}

static void contract_sentence(nt_doc *d, const nt_line *line, const char *s, const char *low,
                              size_t len, void *ctx)
{
    (void)line;
    (void)ctx;
    if (!mentions_terms(low, len)) return;
    np_contract_terms *c = &d->p->contract;
    if (has(low, len, "turnover")) c->turnover_clause = true;
    if (has(low, len, "twin-graded") || has(low, len, "twin graded")) {
        c->twin_grade_note = true;
        return;
    }
    /* "(if non-seconded)" introduces the terms for everyone else */
    const size_t sec = nt_find_word(low, len, "seconded");
    const bool seconded = sec != NT_NPOS && !(sec >= 4 && memcmp(low + sec - 4, "non-", 4) == 0);
    size_t maximum = nt_find_word(low, len, "maximum");
    if (maximum == NT_NPOS) maximum = word_with_prefix(low, len, "maximal"); /* "durée maximale" */
    if (seconded) {
        c->seconded_terms = true;
        if (maximum != NT_NPOS && c->seconded_max_months < 0)
            c->seconded_max_months = first_duration(s, len, maximum, maximum + 100);
        return;
    }
    /* French: "contrat de durée indéterminée", "ne pourra pas être converti" */
    const bool indefinite = has(low, len, "indefinite") || has(low, len, "ind\xc3\xa9termin\xc3\xa9");
    if (c->conversion_possible == NP_UNKNOWN) {
        if (has(low, len, "not be converted") || has(low, len, "cannot be converted") ||
            has(low, len, "no possibility of conversion") || has(low, len, "no conversion") ||
            has(low, len, "pas \xc3\xaatre converti") || has(low, len, "aucune conversion"))
            c->conversion_possible = NP_NO;
        else if (indefinite && (has(low, len, "conversion") || has(low, len, "converted") ||
                                has(low, len, "converti")))
            c->conversion_possible = NP_YES;
    }
    size_t renew = nt_find(low, len, "renew");
    if (renew != NT_NPOS && renew > 0 && nt_is_word((unsigned char)low[renew - 1]))
        renew = NT_NPOS; /* "non-renewable" is handled below */
    if (renew == NT_NPOS) renew = word_with_prefix(low, len, "renouvel");
    const bool no_renewal = has(low, len, "not renewable") || has(low, len, "non-renewable") ||
                            has(low, len, "not be renewed") || has(low, len, "no renewal") ||
                            has(low, len, "without renewal") ||
                            has(low, len, "non renouvelable") || has(low, len, "non-renouvelable") ||
                            has(low, len, "pas renouvelable") || has(low, len, "pas \xc3\xaatre renouvel") ||
                            has(low, len, "sera pas renouvel");
    size_t definite = nt_find_word(low, len, "definite duration");
    if (definite == NT_NPOS) definite = nt_find_word(low, len, "dur\xc3\xa9" "e d\xc3\xa9termin\xc3\xa9" "e");
    const bool initial = definite != NT_NPOS || has(low, len, "initial contract") ||
                         has(low, len, "offered a") || has(low, len, "contrat initial");
    if (c->definite_months < 0 && initial && (has(low, len, "contract") || has(low, len, "contrat"))) {
        size_t to = min_pos(renew, maximum);
        int months = first_duration(s, len, 0, to == NT_NPOS ? len : to);
        if (months > 0) c->definite_months = months;
    }
    if (c->renewal_months < 0) {
        if (no_renewal) c->renewal_months = 0;
        else if (renew != NT_NPOS) {
            int months = first_duration(s, len, renew, renew + 100);
            if (months > 0) c->renewal_months = months;
        }
    }
    if (c->max_service_months < 0 && maximum != NT_NPOS) {
        int months = first_duration(s, len, maximum, maximum + 100);
        if (months > 0) c->max_service_months = months;
    }
}

np_status nt_read_contract(nt_doc *d)
{
    np_contract_terms *c = &d->p->contract;
    if (!d->section_line[NT_CONTRACT]) {
        return nt_diag(d, NP_DIAG_WARNING, 0, "contract",
                       "no contract section: the contract terms are not stated");
    }
    npi_strbuf sb = NP_STRBUF_INIT;
    for (size_t i = 0; i < d->count && d->status == NP_OK; i++) {
        const nt_line *l = &d->lines[i];
        if (l->kind != NT_CONTRACT || l->heading || !l->len) continue;
        if (sb.len) npi_strbuf_append(&sb, "\n", 1);
        npi_strbuf_append(&sb, nt_text(d, l), l->len);
        nt_each_sentence(d, l, true, contract_sentence, NULL);
    }
    if (sb.failed) d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
    if (sb.len == 0) {
        npi_strbuf_reset(&sb);
        return nt_diag(d, NP_DIAG_WARNING, d->section_line[NT_CONTRACT], "contract",
                       "the contract section is empty: the contract terms are not stated");
    }
    c->stated = true;
    c->line = d->section_line[NT_CONTRACT];
    nt_set(d, &c->text, sb.data, sb.len);
    npi_strbuf_reset(&sb);
    if (c->definite_months < 0)
        nt_diag(d, NP_DIAG_WARNING, c->line, "contract",
                "the contract section states no definite duration");
    return d->status;
}
