/* Candidate profiles (strict JSON) and eligibility checks against postings. */
#include "natopost/candidate.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "collection_impl.h"
#include "support/file_io.h"
#include "support/json_util.h"

/* ---- names ---- */

const char *np_check_status_name(np_check_status status)
{
    switch (status) {
    case NP_CHECK_MET: return "met";
    case NP_CHECK_NOT_MET: return "not met";
    case NP_CHECK_CANNOT_TELL: return "cannot tell";
    case NP_CHECK_NOT_ASSESSED: return "not assessed";
    }
    return "unknown";
}

const char *np_verdict_name(np_verdict verdict)
{
    switch (verdict) {
    case NP_VERDICT_ELIGIBLE: return "eligible";
    case NP_VERDICT_NOT_ELIGIBLE: return "not eligible";
    case NP_VERDICT_CANNOT_TELL: return "cannot tell";
    }
    return "unknown";
}

/* ---- JSON ---- */

static np_status key_error(np_error *err, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static np_status key_error(np_error *err, const char *path, const char *fmt, ...)
{
    char what[240];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return np_error_set(err, NP_EINVAL, "candidate JSON: %s: %s", path, what);
}

static np_status want_string(const json_t *v, const char *path, np_error *err)
{
    if (json_is_string(v)) return NP_OK;
    return key_error(err, path, "expected a string, found %s", npi_json_type_name(v));
}

static bool is_none(const json_t *v) { return strcmp(json_string_value(v), "none") == 0; }

static np_status read_level(int *out, const json_t *v, const char *path, np_error *err)
{
    np_status st = want_string(v, path, err);
    if (st != NP_OK) return st;
    if (is_none(v)) {
        *out = 0;
        return NP_OK;
    }
    np_lang_level level;
    np_error inner;
    if (np_lang_level_parse(&level, json_string_value(v), json_string_length(v), &inner) != NP_OK)
        return key_error(err, path, "%s (or \"none\")", inner.message);
    *out = (int)level;
    return NP_OK;
}

static np_status read_languages(np_candidate *c, const json_t *obj, np_error *err)
{
    if (!json_is_object(obj))
        return key_error(err, "languages", "expected an object such as {\"english\": \"V\", "
                                           "\"french\": \"II\"}, found %s",
                         npi_json_type_name(obj));
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        np_status st;
        if (strcmp(key, "english") == 0) st = read_level(&c->english, v, "languages.english", err);
        else if (strcmp(key, "french") == 0) st = read_level(&c->french, v, "languages.french", err);
        else {
            char shown[80];
            npi_json_quote_key(shown, sizeof shown, key);
            return np_error_set(err, NP_EINVAL,
                                "candidate JSON: languages: unknown key %s (expected english or "
                                "french, NATO's official languages)",
                                shown);
        }
        if (st != NP_OK) return st;
    }
    return NP_OK;
}

static np_status read_key(np_candidate *c, const char *key, const json_t *v, np_error *err)
{
    np_status st;
    if (strcmp(key, "name") == 0 || strcmp(key, "nationality") == 0) {
        if ((st = want_string(v, key, err)) != NP_OK) return st;
        const bool is_name = key[0] == 'n' && key[1] == 'a' && key[2] == 'm';
        char *dst = is_name ? c->name : c->nationality;
        const size_t cap = is_name ? sizeof c->name : sizeof c->nationality;
        const size_t len = json_string_length(v);
        if (len == 0) return key_error(err, key, "must not be empty");
        if (len >= cap) return key_error(err, key, "longer than %zu bytes", cap - 1);
        if (memchr(json_string_value(v), '\0', len)) return key_error(err, key, "contains a NUL byte");
        np_error unknown;
        if (!is_name && np_candidate_check_nationality(json_string_value(v), len, &unknown) != NP_OK)
            return key_error(err, key, "%s", unknown.message);
        memcpy(dst, json_string_value(v), len + 1);
        return NP_OK;
    }
    if (strcmp(key, "degree") == 0) {
        if ((st = want_string(v, key, err)) != NP_OK) return st;
        const char *s = json_string_value(v);
        if (strcmp(s, "none") == 0) c->degree = NP_DEGREE_NONE;
        else if (strcmp(s, "university") == 0) c->degree = NP_DEGREE_UNIVERSITY;
        else if (strcmp(s, "postgraduate") == 0) c->degree = NP_DEGREE_POSTGRADUATE;
        else
            return key_error(err, key, "expected \"none\", \"university\" or \"postgraduate\", "
                                       "found \"%.40s\"", s);
        return NP_OK;
    }
    if (strcmp(key, "experience_years") == 0) {
        if (!json_is_number(v))
            return key_error(err, key, "expected a number, found %s", npi_json_type_name(v));
        const double years = json_number_value(v);
        if (!(years >= 0 && years <= 100))
            return key_error(err, key, "%g is out of range (0..100)", years);
        c->experience_years = years;
        return NP_OK;
    }
    if (strcmp(key, "languages") == 0) return read_languages(c, v, err);
    if (strcmp(key, "stanag") == 0) {
        if ((st = want_string(v, key, err)) != NP_OK) return st;
        np_error inner;
        if (np_stanag_parse(&c->stanag, json_string_value(v), json_string_length(v), &inner) != NP_OK)
            return key_error(err, key, "%s", inner.message);
        return NP_OK;
    }
    if (strcmp(key, "clearance") == 0) {
        if ((st = want_string(v, key, err)) != NP_OK) return st;
        if (is_none(v)) {
            c->clearance = NP_CLEARANCE_NONE;
            return NP_OK;
        }
        np_clearance level;
        np_error inner;
        if (np_clearance_parse(&level, &c->clearance_atomal, json_string_value(v),
                               json_string_length(v), &inner) != NP_OK)
            return key_error(err, key, "%s (or \"none\")", inner.message);
        c->clearance = (int)level;
        return NP_OK;
    }
    if (strcmp(key, "serving_staff") == 0) {
        if (!json_is_boolean(v))
            return key_error(err, key, "expected true or false, found %s", npi_json_type_name(v));
        c->serving_staff = json_is_true(v) ? NP_YES : NP_NO;
        return NP_OK;
    }
    char shown[80];
    npi_json_quote_key(shown, sizeof shown, key);
    return np_error_set(err, NP_EINVAL,
                        "candidate JSON: unknown key %s (expected name, degree, experience_years, "
                        "languages, stanag, clearance, nationality, serving_staff)",
                        shown);
}

np_status np_candidate_from_json(np_candidate *out, const char *text, size_t len, np_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) return npi_json_parse_error(err, &jerr, "candidate JSON", text, len);
    np_status st = NP_OK;
    np_candidate c = NP_CANDIDATE_INIT;
    if (!json_is_object(root)) {
        st = np_error_set(err, NP_EINVAL, "candidate JSON: expected an object, found %s",
                          npi_json_type_name(root));
    } else {
        const char *key;
        json_t *v;
        json_object_foreach(root, key, v) {
            if ((st = read_key(&c, key, v, err)) != NP_OK) break;
        }
    }
    json_decref(root);
    if (st == NP_OK) *out = c;
    return st;
}

np_status np_candidate_load(np_candidate *out, const char *path, np_error *err)
{
    char *text;
    size_t len;
    np_status st = npi_file_read_all(path, &text, &len, err);
    if (st != NP_OK) return st;
    st = np_candidate_from_json(out, text, len, err);
    free(text);
    if (st != NP_OK && st != NP_EIO) np_error_prefix(err, "%s", path);
    return st;
}

/* ---- eligibility ---- */

/* Where a check writes its reason; NULL buffer: verdict only. */
typedef struct reason {
    char *buf;
    size_t size;
} reason;

static void say(reason *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(reason *r, const char *fmt, ...)
{
    if (!r->buf) return;
    const size_t used = strlen(r->buf);
    if (used + 1 >= r->size) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->buf + used, r->size - used, fmt, ap);
    va_end(ap);
}

static np_check_status conclude(reason *r, np_check_status st)
{
    say(r, ": %s", np_check_status_name(st));
    return st;
}

static const char *level_text(int level)
{
    if (level < 0) return "no stated level";
    if (level == 0) return "none";
    return np_lang_level_numeral((np_lang_level)level);
}

static const char *years(double n) { return n == 1 ? "year" : "years"; }

static const char *degree_text(int level)
{
    switch (level) {
    case NP_DEGREE_NONE: return "no degree";
    case NP_DEGREE_UNIVERSITY: return "a university degree";
    case NP_DEGREE_POSTGRADUATE: return "a post-graduate degree";
    default: return "degree not given";
    }
}

static np_check_status check_degree(const np_degree_req *d, const np_candidate *c, reason *r)
{
    if (d->level == NP_DEGREE_NONE) {
        say(r, "a degree requirement without a level");
        return conclude(r, NP_CHECK_NOT_ASSESSED);
    }
    say(r, "requires %s%s; %s%s", degree_text((int)d->level),
        d->equivalent_accepted ? " (or an equivalent level of qualification)" : "",
        c->degree < 0 ? "the candidate's degree is not given" : "the candidate has ",
        c->degree < 0 ? "" : degree_text(c->degree));
    if (c->degree < 0) return conclude(r, NP_CHECK_CANNOT_TELL);
    if (c->degree >= (int)d->level) return conclude(r, NP_CHECK_MET);
    if (d->equivalent_accepted) {
        say(r, " (an equivalent qualification may count)");
        return conclude(r, NP_CHECK_CANNOT_TELL);
    }
    return conclude(r, NP_CHECK_NOT_MET);
}

static np_check_status check_experience(const np_experience_req *e, const np_candidate *c,
                                        reason *r)
{
    if (e->min_years < 0) {
        say(r, "an experience requirement without a number of years");
        return conclude(r, NP_CHECK_NOT_ASSESSED);
    }
    say(r, "requires at least %g %s of experience; ", e->min_years, years(e->min_years));
    if (c->experience_years < 0) {
        say(r, "the candidate's experience is not given");
        return conclude(r, NP_CHECK_CANNOT_TELL);
    }
    say(r, "the candidate has %g %s", c->experience_years, years(c->experience_years));
    return conclude(r, c->experience_years >= e->min_years ? NP_CHECK_MET : NP_CHECK_NOT_MET);
}

static bool languages_met(const np_language_req *l, int en, int fr)
{
    switch (l->form) {
    case NP_LANG_EITHER_OR: {
        const int hi = en > fr ? en : fr, lo = en < fr ? en : fr;
        const int one = (int)(l->one > l->other ? l->one : l->other);
        const int other = (int)(l->one > l->other ? l->other : l->one);
        return hi >= one && lo >= other;
    }
    case NP_LANG_BOTH: {
        const int level = (int)(l->one > l->other ? l->one : l->other);
        return en >= level && fr >= level;
    }
    case NP_LANG_NAMED: return en >= (int)l->english && fr >= (int)l->french;
    }
    return false;
}

static np_check_status check_languages(const np_language_req *l, const np_candidate *c, reason *r)
{
    switch (l->form) {
    case NP_LANG_EITHER_OR: {
        const int one = (int)(l->one > l->other ? l->one : l->other);
        const int other = (int)(l->one > l->other ? l->other : l->one);
        say(r, "requires %s in one language and %s in the other", level_text(one),
            level_text(other));
        break;
    }
    case NP_LANG_BOTH:
        say(r, "requires %s in both English and French",
            level_text((int)(l->one > l->other ? l->one : l->other)));
        break;
    case NP_LANG_NAMED:
        if (l->english && l->french)
            say(r, "requires %s in English and %s in French", level_text((int)l->english),
                level_text((int)l->french));
        else if (l->english) say(r, "requires %s in English", level_text((int)l->english));
        else if (l->french) say(r, "requires %s in French", level_text((int)l->french));
        else {
            say(r, "a language requirement without a level");
            return conclude(r, NP_CHECK_NOT_ASSESSED);
        }
        break;
    }
    say(r, "; the candidate has %s (English) and %s (French)", level_text(c->english),
        level_text(c->french));
    /* A level not given can be anything from none to VI: met if every
     * possibility meets, not met if none does, else cannot tell. */
    const int en_lo = c->english < 0 ? 0 : c->english, en_hi = c->english < 0 ? 6 : c->english;
    const int fr_lo = c->french < 0 ? 0 : c->french, fr_hi = c->french < 0 ? 6 : c->french;
    bool any = false, all = true;
    for (int en = en_lo; en <= en_hi; en++)
        for (int fr = fr_lo; fr <= fr_hi; fr++) {
            const bool met = languages_met(l, en, fr);
            any |= met;
            all &= met;
        }
    return conclude(r, all ? NP_CHECK_MET : any ? NP_CHECK_CANNOT_TELL : NP_CHECK_NOT_MET);
}

/* A STANAG level with its '+' as a comparable number: "3+" -> 7, "3" -> 6. */
static int stanag_rank(int level, unsigned plus) { return level * 2 + (plus ? 1 : 0); }

static np_check_status check_stanag(const np_stanag_profile *need, const np_candidate *c, reason *r)
{
    char want[16], have[16];
    np_stanag_format(*need, want);
    const np_stanag_profile *h = &c->stanag;
    const bool given = h->listening >= 0 || h->speaking >= 0 || h->reading >= 0 || h->writing >= 0;
    if (given) np_stanag_format(*h, have);
    say(r, "requires STANAG 6001 %s; the candidate has %s", want, given ? have : "no profile stated");
    const int8_t need_v[4] = {need->listening, need->speaking, need->reading, need->writing};
    const int8_t have_v[4] = {h->listening, h->speaking, h->reading, h->writing};
    bool unknown = false;
    for (int i = 0; i < 4; i++) {
        if (need_v[i] < 0) continue;
        if (have_v[i] < 0) {
            unknown = true;
            continue;
        }
        if (stanag_rank(have_v[i], h->plus_mask >> i & 1u) < stanag_rank(need_v[i], need->plus_mask >> i & 1u))
            return conclude(r, NP_CHECK_NOT_MET);
    }
    return conclude(r, unknown ? NP_CHECK_CANNOT_TELL : NP_CHECK_MET);
}

static const char *clearance_text(int level, bool atomal, char buf[40])
{
    snprintf(buf, 40, "%s%s", np_clearance_name((np_clearance)level), atomal ? " ATOMAL" : "");
    return buf;
}

/* "the candidate holds NATO SECRET", "... holds no clearance", "the
 * candidate's clearance is not given". */
static const char *candidate_clearance(const np_candidate *c, char buf[64])
{
    char held[40];
    if (c->clearance < 0) return "the candidate's clearance is not given";
    if (c->clearance == 0) return "the candidate holds no clearance";
    snprintf(buf, 64, "the candidate holds %s", clearance_text(c->clearance, c->clearance_atomal, held));
    return buf;
}

static np_check_status check_clearance(np_clearance level, bool atomal, const np_posting *p,
                                       const np_candidate *c, reason *r)
{
    char want[40], have[64];
    if (level == NP_CLEARANCE_NONE) {
        say(r, "a clearance requirement without a level");
        return conclude(r, NP_CHECK_NOT_ASSESSED);
    }
    const bool held = c->clearance >= (int)level && (!atomal || c->clearance_atomal);
    if (p->fast_track == NP_YES) {
        say(r, "requires %s, already held (fast-track competition); %s",
            clearance_text((int)level, atomal, want), candidate_clearance(c, have));
        if (c->clearance < 0) return conclude(r, NP_CHECK_CANNOT_TELL);
        return conclude(r, held ? NP_CHECK_MET : NP_CHECK_NOT_MET);
    }
    say(r, "requires %s, obtained through the national authorities after selection; %s",
        clearance_text((int)level, atomal, want), candidate_clearance(c, have));
    return conclude(r, held ? NP_CHECK_MET : NP_CHECK_NOT_ASSESSED);
}

/* The date a notice is judged on: publication, else deadline. */
static np_date notice_date(const np_posting *p, const char **which)
{
    if (p->published != NP_DATE_NONE) {
        *which = "publication date";
        return p->published;
    }
    if (p->deadline.date != NP_DATE_NONE) {
        *which = "deadline";
        return p->deadline.date;
    }
    *which = NULL;
    return NP_DATE_NONE;
}

static np_check_status check_nationality(const np_posting *p, const np_candidate *c, reason *r)
{
    const char *which;
    const np_date on = notice_date(p, &which);
    char day[NP_DATE_ISO_LEN + 1], joined_text[NP_DATE_ISO_LEN + 1];
    if (which) {
        np_date_format(on, day);
        say(r, "requires the nationality of a NATO member state on %s (the notice's %s)", day, which);
    } else {
        say(r, "requires the nationality of a NATO member state (the notice states no date)");
    }
    if (!c->nationality[0]) {
        say(r, "; the candidate's nationality is not given");
        return conclude(r, NP_CHECK_CANNOT_TELL);
    }
    const np_member_state *m = np_member_state_find(c->nationality, strlen(c->nationality));
    if (!m) {
        say(r, "; \"%.47s\" is not a NATO member state (member names and ISO 3166 codes are "
               "recognised)", c->nationality);
        return conclude(r, NP_CHECK_NOT_MET);
    }
    const np_date joined = np_member_state_joined(m);
    np_date_format(joined, joined_text);
    say(r, "; %s joined on %s", m->name, joined_text);
    if (!which) {
        /* Only the founders were members on every possible date. */
        return conclude(r, m->joined.year == 1949 ? NP_CHECK_MET : NP_CHECK_CANNOT_TELL);
    }
    return conclude(r, joined <= on ? NP_CHECK_MET : NP_CHECK_NOT_MET);
}

static np_check_status check_requirement(const np_requirement *q, const np_posting *p,
                                         const np_candidate *c, reason *r)
{
    switch (q->kind) {
    case NP_REQ_DEGREE: return check_degree(&q->as.degree, c, r);
    case NP_REQ_EXPERIENCE: return check_experience(&q->as.experience, c, r);
    case NP_REQ_LANGUAGES: return check_languages(&q->as.languages, c, r);
    case NP_REQ_STANAG: return check_stanag(&q->as.stanag, c, r);
    case NP_REQ_CLEARANCE: return check_clearance(q->as.clearance.level, q->as.clearance.atomal, p, c, r);
    case NP_REQ_NATIONALITY:
        if (!q->as.nationality.nato_member) {
            say(r, "a nationality rule other than NATO membership");
            return conclude(r, NP_CHECK_NOT_ASSESSED);
        }
        return check_nationality(p, c, r);
    case NP_REQ_TRAVEL:
        if (q->as.travel.percent >= 0) say(r, "travel (about %d%% of working time): ", q->as.travel.percent);
        else say(r, "travel: ");
        say(r, "willingness to travel is not part of the candidate profile");
        return conclude(r, NP_CHECK_NOT_ASSESSED);
    case NP_REQ_SOFTWARE:
    case NP_REQ_OTHER: break;
    }
    /* Quote the start of the sentence, cut on a UTF-8 character boundary. */
    enum { EXCERPT = 72 };
    const char *text = q->text ? q->text : "";
    size_t n = strlen(text);
    const bool cut = n > EXCERPT;
    if (cut) {
        n = EXCERPT;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
    }
    say(r, "a free-text requirement (\"%.*s%s\")", (int)n, text, cut ? "..." : "");
    return conclude(r, NP_CHECK_NOT_ASSESSED);
}

/* Runs every check; `emit` (may be NULL) receives each one. */
typedef void (*emit_fn)(void *ctx, const np_check *check);

static np_verdict run_checks(const np_candidate *c, const np_posting *p, emit_fn emit, void *ctx,
                             size_t counts[5])
{
    np_check check;
    reason r = {emit ? check.reason : NULL, sizeof check.reason};
    size_t met = 0, not_met = 0, cannot = 0, des_met = 0, des = 0;
    bool saw_nationality = false, saw_clearance = false;
    const size_t n = p->requirement_count;
    for (size_t i = 0; i <= n + 1; i++) {
        const np_requirement *q = i < n ? &p->requirements[i] : NULL;
        check.reason[0] = '\0';
        if (q) {
            check.kind = q->kind;
            check.essential = q->essential;
            check.requirement = (long)i;
            if (q->kind == NP_REQ_NATIONALITY && q->essential) saw_nationality = true;
            if (q->kind == NP_REQ_CLEARANCE && q->essential) saw_clearance = true;
            check.status = check_requirement(q, p, c, &r);
        } else if (i == n) {
            if (saw_nationality) continue;
            check.kind = NP_REQ_NATIONALITY;
            check.essential = true;
            check.requirement = -1;
            check.status = check_nationality(p, c, &r);
        } else {
            if (saw_clearance || p->clearance == NP_CLEARANCE_NONE) continue;
            check.kind = NP_REQ_CLEARANCE;
            check.essential = true;
            check.requirement = -1;
            check.status = check_clearance(p->clearance, p->clearance_atomal, p, c, &r);
        }
        if (check.essential) {
            met += check.status == NP_CHECK_MET;
            not_met += check.status == NP_CHECK_NOT_MET;
            cannot += check.status == NP_CHECK_CANNOT_TELL;
        } else {
            des++;
            des_met += check.status == NP_CHECK_MET;
        }
        if (emit) emit(ctx, &check);
    }
    if (counts) {
        counts[0] = met;
        counts[1] = not_met;
        counts[2] = cannot;
        counts[3] = des_met;
        counts[4] = des;
    }
    return not_met ? NP_VERDICT_NOT_ELIGIBLE : cannot ? NP_VERDICT_CANNOT_TELL : NP_VERDICT_ELIGIBLE;
}

np_verdict np_eligibility_verdict(const np_candidate *c, const np_posting *p)
{
    return run_checks(c, p, NULL, NULL, NULL);
}

typedef struct collect {
    np_eligibility *e;
    size_t cap;
    bool failed;
} collect;

static void collect_check(void *ctx, const np_check *check)
{
    collect *k = ctx;
    if (k->failed) return;
    if (k->e->check_count == k->cap) {
        const size_t cap = k->cap ? k->cap * 2 : 16;
        np_check *grown = realloc(k->e->checks, cap * sizeof *grown);
        if (!grown) {
            k->failed = true;
            return;
        }
        k->e->checks = grown;
        k->cap = cap;
    }
    k->e->checks[k->e->check_count++] = *check;
}

np_status npi_coll_check_profile(const np_candidate *c, np_error *err)
{
    const char *end = memchr(c->nationality, '\0', sizeof c->nationality);
    if (!end) return np_error_set(err, NP_EINVAL, "candidate: nationality is not NUL-terminated");
    np_error unknown;
    if (end != c->nationality &&
        np_candidate_check_nationality(c->nationality, (size_t)(end - c->nationality), &unknown) != NP_OK)
        return np_error_set(err, NP_EINVAL, "candidate: nationality: %s", unknown.message);
    return NP_OK;
}

np_status np_eligibility_check(np_eligibility *out, const np_candidate *c, const np_posting *p,
                               np_error *err)
{
    memset(out, 0, sizeof *out);
    const np_status valid = npi_coll_check_profile(c, err);
    if (valid != NP_OK) return valid;
    collect k = {out, 0, false};
    size_t counts[5];
    out->verdict = run_checks(c, p, collect_check, &k, counts);
    if (k.failed) return np_error_set(err, NP_ENOMEM, "out of memory checking eligibility");
    out->essential_met = counts[0];
    out->essential_not_met = counts[1];
    out->essential_cannot_tell = counts[2];
    out->desirable_met = counts[3];
    out->desirable_count = counts[4];
    return NP_OK;
}

void np_eligibility_clear(np_eligibility *e)
{
    if (!e) return;
    free(e->checks);
    memset(e, 0, sizeof *e);
}
