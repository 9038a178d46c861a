/* natopost/candidate.h -- a candidate's profile, NATO's member states, and
 * whether a candidate meets a posting's requirements.
 *
 * np_eligibility_check compares a candidate with every requirement of a
 * posting and says, per requirement, met / not met / cannot tell (the
 * profile or the notice lacks what the answer needs) / not assessed (a
 * free-text requirement -- a skill, "good political judgement" -- or one the
 * profile has no field for, such as willingness to travel), each with a
 * reason. The verdict looks at the essential requirements only: not
 * eligible if one is not met, else cannot tell if one cannot be told, else
 * eligible. "Not assessed" requirements do not change the verdict.
 *
 * Rules (README "Candidate eligibility"):
 * - Degree: the candidate's highest level >= the level asked. Lacking it
 *   where "an equivalent level of qualification" is accepted: cannot tell.
 * - Experience: years >= the stated minimum (a requirement with no number
 *   is free text).
 * - Languages (I..VI): either/or ("V in one; I in the other") is met when
 *   max(english, french) >= the higher level and min(english, french) >=
 *   the lower; "both": each >= the level; named: each named language >= its
 *   level. A level the profile does not give makes the answer "cannot tell"
 *   only when it matters (every possible level is tried).
 * - STANAG 6001: every stated skill >= the required one ("3+" > "3").
 * - Nationality: every NATO civilian post is open only to nationals of
 *   member states, so the check applies even when the reader found no
 *   nationality sentence. The notice is judged as of its own date: its
 *   publication date, else its deadline; a member counts from its
 *   accession date (Sweden from 2024-03-07). A notice with neither date:
 *   founding members (1949) are met, later members "cannot tell".
 * - Clearance: in a fast-track competition the candidate must already hold
 *   the clearance (held >= required, ATOMAL when asked). Otherwise the
 *   clearance is obtained through the national authorities after
 *   selection: met when already held, else not assessed.
 * - Serving staff: recorded and reported; no rule of the seeds' notices
 *   makes eligibility depend on it (serving staff apply through the
 *   internal portal).
 */
#ifndef NATOPOST_CANDIDATE_H
#define NATOPOST_CANDIDATE_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>

#include "natopost/date.h"
#include "natopost/error.h"
#include "natopost/posting.h"
#include "natopost/requirement.h"
#include "natopost/scales.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- NATO member states ---- */

typedef struct np_member_state {
    const char *name;   /* "Türkiye" */
    const char *alpha2; /* ISO 3166-1 alpha-2: "TR" */
    const char *alpha3; /* alpha-3: "TUR" */
    np_ymd joined;      /* accession date */
} np_member_state;

/* The 32 member states in accession order (static storage). */
NP_API const np_member_state *np_member_states(size_t *count);

/* The member state named `text`: its name, a common alias (Turkey,
 * Turkiye, UK, Great Britain, USA, Czechia, The Netherlands, Slovak
 * Republic, Macedonia...) or its ISO alpha-2/alpha-3 code (UK accepted
 * for GB); ASCII case and surrounding blanks ignored. NULL when none. */
NP_API const np_member_state *np_member_state_find(const char *text, size_t len);

/* The accession date as an np_date. */
NP_API np_date np_member_state_joined(const np_member_state *state);

/* Checks that `text` names a country: a member state (as
 * np_member_state_find) or another country of ISO 3166-1 by its English
 * name, common or official name, or alpha-2/alpha-3 code ("Switzerland",
 * "CH", "CHE": a real nationality, which the member-state rule then finds
 * not met). NP_EINVAL for anything else, naming the three member states
 * whose names are closest: "\"Swden\" is not a country's name or ISO 3166
 * code (closest NATO member states: Sweden, ...)". */
NP_API np_status np_candidate_check_nationality(const char *text, size_t len, np_error *err);

/* ---- the profile ---- */

#define NP_CANDIDATE_NAME_MAX 64
#define NP_CANDIDATE_NATIONALITY_MAX 48

/* A plain value (nothing to free). -1 / "" / NP_UNKNOWN = not given. */
typedef struct np_candidate {
    char name[NP_CANDIDATE_NAME_MAX];  /* a label ("alice"); may be "" */
    int degree;              /* highest held: -1 not given, 0 none, 1 university, 2 post-graduate */
    double experience_years; /* years of relevant experience; < 0 not given */
    int english, french;     /* -1 not given, 0 none, 1..6 = I..VI */
    np_stanag_profile stanag;/* NP_STANAG_NONE (all -1) when not given */
    int clearance;           /* held: -1 not given, 0 none, 1..4 = NR, NC, NS, CTS */
    bool clearance_atomal;
    char nationality[NP_CANDIDATE_NATIONALITY_MAX]; /* as given: "Sweden", "SE", "SWE"; "" not given */
    np_tristate serving_staff;
} np_candidate;

#define NP_CANDIDATE_INIT \
    {"", -1, -1.0, -1, -1, {-1, -1, -1, -1, 0}, -1, false, "", NP_UNKNOWN}

/* Reads a profile from JSON, strictly: an object with any of the keys
 *   "name": string, "degree": "none" | "university" | "postgraduate",
 *   "experience_years": number >= 0,
 *   "languages": {"english": LEVEL, "french": LEVEL} (LEVEL: "I".."VI", a
 *       level name such as "Intermediate", or "none"),
 *   "stanag": "SLP 3321", "clearance": "NATO SECRET" | "NS" | ... | "none",
 *   "nationality": a country (np_candidate_check_nationality: a typo or a
 *       made-up name is an error naming the closest member states),
 *   "serving_staff": boolean.
 * A missing key means "not given". Unknown keys, wrong types and bad values
 * are NP_EINVAL (NP_EPARSE for malformed JSON, with line and column) naming
 * the key ("languages.french: ..."). */
NP_API np_status np_candidate_from_json(np_candidate *out, const char *text, size_t len, np_error *err);

/* np_candidate_from_json on a file's contents; NP_EIO naming the path. */
NP_API np_status np_candidate_load(np_candidate *out, const char *path, np_error *err);

/* ---- eligibility ---- */

typedef enum np_check_status {
    NP_CHECK_MET = 0,
    NP_CHECK_NOT_MET,
    NP_CHECK_CANNOT_TELL,
    NP_CHECK_NOT_ASSESSED
} np_check_status;

typedef enum np_verdict {
    NP_VERDICT_ELIGIBLE = 0,
    NP_VERDICT_NOT_ELIGIBLE,
    NP_VERDICT_CANNOT_TELL
} np_verdict;

/* "met", "not met", "cannot tell", "not assessed". */
NP_API const char *np_check_status_name(np_check_status status);
/* "eligible", "not eligible", "cannot tell". */
NP_API const char *np_verdict_name(np_verdict verdict);

#define NP_CHECK_REASON_MAX 320

typedef struct np_check {
    np_req_kind kind;
    bool essential;
    /* Index into posting->requirements, or -1 for a check the posting
     * implies: the member-state rule, or the posting's clearance field. */
    long requirement;
    np_check_status status;
    /* "requires V in one language and I in the other; the candidate has V
     * (English) and II (French): met" */
    char reason[NP_CHECK_REASON_MAX];
} np_check;

typedef struct np_eligibility {
    np_verdict verdict;
    size_t essential_met, essential_not_met, essential_cannot_tell;
    size_t desirable_met, desirable_count; /* desirable requirements met / stated */
    np_check *checks; /* owned; one per requirement in notice order, then the implied ones */
    size_t check_count;
} np_eligibility;

/* Checks `candidate` against `posting`. *out is filled (and owns `checks`:
 * release with np_eligibility_clear, also after a failure). NP_ENOMEM;
 * NP_EINVAL when the profile's nationality names no country
 * (np_candidate_check_nationality). */
NP_API np_status np_eligibility_check(np_eligibility *out, const np_candidate *candidate,
                               const np_posting *posting, np_error *err);

/* Frees out->checks; the struct can be reused. Accepts NULL. */
NP_API void np_eligibility_clear(np_eligibility *eligibility);

/* The verdict alone (what np_eligibility_check would say), without
 * allocating: used for eligible(NAME) in queries. */
NP_API np_verdict np_eligibility_verdict(const np_candidate *candidate, const np_posting *posting);

#ifdef __cplusplus
}
#endif
#endif
