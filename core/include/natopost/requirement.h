/* natopost/requirement.h -- one requirement of a posting: the sentence the
 * notice states it in and, where it can be recognised, a typed form.
 *
 * A requirement is essential or desirable. Its `kind` says which member of
 * `as` holds the typed form; NP_REQ_OTHER keeps only the sentence (a skill,
 * an experience domain...). Nothing is invented: a field the sentence does
 * not state keeps its "not stated" value.
 */
#ifndef NATOPOST_REQUIREMENT_H
#define NATOPOST_REQUIREMENT_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>

#include "natopost/scales.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum np_req_kind {
    NP_REQ_OTHER = 0,
    NP_REQ_DEGREE,      /* as.degree */
    NP_REQ_EXPERIENCE,  /* as.experience */
    NP_REQ_LANGUAGES,   /* as.languages: NATO official languages, levels I..VI */
    NP_REQ_STANAG,      /* as.stanag: STANAG 6001 profile (military bodies) */
    NP_REQ_TRAVEL,      /* as.travel */
    NP_REQ_SOFTWARE,    /* as.software */
    NP_REQ_NATIONALITY, /* as.nationality */
    NP_REQ_CLEARANCE    /* as.clearance */
} np_req_kind;

/* Stable lower-case names used in JSON and by the bindings: "other",
 * "degree", "experience", "languages", "stanag", "travel", "software",
 * "nationality", "clearance". */
NP_API const char *np_req_kind_name(np_req_kind kind);
/* Inverse of np_req_kind_name; NP_ENOTFOUND for an unknown name. */
NP_API np_status np_req_kind_from_name(np_req_kind *out, const char *name, np_error *err);

typedef enum np_degree_level {
    NP_DEGREE_NONE = 0,        /* not stated */
    NP_DEGREE_UNIVERSITY = 1,  /* a university degree (bachelor or equivalent) */
    NP_DEGREE_POSTGRADUATE = 2 /* a post-graduate degree (master, PhD) */
} np_degree_level;

typedef struct np_degree_req {
    np_degree_level level;
    bool equivalent_accepted; /* "or an equivalent level of qualification" */
} np_degree_req;

typedef struct np_experience_req {
    double min_years; /* "at least 2 years" -> 2; < 0 when the sentence gives none */
} np_experience_req;

/* How a notice ties levels to the two official languages. */
typedef enum np_lang_form {
    NP_LANG_EITHER_OR = 0, /* "V in one; I in the other": which is which is open */
    NP_LANG_BOTH,          /* "VI in both" */
    NP_LANG_NAMED          /* levels stated per language ("French (level VI)") */
} np_lang_form;

typedef struct np_language_req {
    np_lang_form form;
    /* EITHER_OR: `one` >= `other`, the two levels in either language.
     * BOTH: one == other == the level.  NAMED: unused (NP_LEVEL_NONE). */
    np_lang_level one, other;
    /* NAMED: the level per language (NP_LEVEL_NONE where not stated).
     * EITHER_OR / BOTH: unused (NP_LEVEL_NONE). */
    np_lang_level english, french;
    bool or_higher; /* "level IV or higher" */
} np_language_req;

typedef struct np_travel_req {
    int percent; /* "about 10%" -> 10; -1 when no share is stated */
} np_travel_req;

typedef struct np_software_req {
    char *names; /* owned; the products named, comma-separated, or NULL */
} np_software_req;

typedef struct np_nationality_req {
    bool nato_member; /* "nationals of NATO member countries" */
} np_nationality_req;

typedef struct np_clearance_req {
    np_clearance level;
    bool atomal;
} np_clearance_req;

typedef struct np_requirement {
    np_req_kind kind;
    bool essential; /* false: desirable ("would be considered an advantage") */
    char *text;     /* owned, never NULL: the source sentence, cleaned of bullets */
    int line;       /* 1-based line in the notice text; 0 when not from text */
    union {
        np_degree_req degree;
        np_experience_req experience;
        np_language_req languages;
        np_stanag_profile stanag;
        np_travel_req travel;
        np_software_req software;
        np_nationality_req nationality;
        np_clearance_req clearance;
    } as;
} np_requirement;

/* Frees what the requirement owns (text, software names); not the struct. */
NP_API void np_requirement_clear(np_requirement *req);

#ifdef __cplusplus
}
#endif
#endif
