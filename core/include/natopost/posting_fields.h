/* natopost/posting_fields.h -- the fields a query may name on a posting.
 *
 * One table (np_posting_fields) says, for every queryable field, its name,
 * its value type (query.h) and how a query literal is read for it; one
 * getter (np_posting_field_get) reads a field of an np_posting. The
 * collection's column store (collection.h), the CLI's output and the host
 * bindings' to_records() are loops over this table, so a field is defined
 * once. Semantics of each field (README "Query language" lists them too):
 *
 *   text    id source title body location division directorate section
 *           requisition reports_to summary salary.currency
 *           lang.form ("either_or", "both" or "named")
 *           language  the notice's language, "en" or "fr" (null when the
 *                     reader could not decide)
 *   grade   grade       the grade's lower end (a twin grade G15/G16 ranks as
 *                       G15, the grade of appointment); literals G15, A2, 15
 *           grade.high  the upper end (== grade for a single grade)
 *   date    deadline published updated   (literals 2025-12-01)
 *   number  salary               the stated amount (any currency)
 *           experience           years of experience the ESSENTIAL
 *                                requirements ask for at least (the largest
 *                                minimum when several state one)
 *           degree               the essential degree level: 1 = university
 *                                degree, 2 = post-graduate; literals 1, 2,
 *                                university, bachelor, postgraduate, master, phd
 *           travel.percent       the share of time a travel requirement states
 *           contract.months contract.renewal_months contract.max_months
 *                                (definite duration, renewal, maximum service)
 *           competencies accountabilities diagnostics   (how many)
 *           requirements.essential requirements.desirable (how many)
 *   level   the ESSENTIAL official-language requirement, literals I..VI or
 *           names ("Intermediate", "Upper Intermediate"):
 *           lang.first    the higher of its two levels
 *           lang.second   the lower of its two levels
 *           lang.english  the level the notice requires at least in English
 *           lang.french   the level the notice requires at least in French
 *             For "V in one; II in the other" (either/or) the candidate picks
 *             which language is which, so each language is only required at
 *             the LOWER level: lang.english = lang.french = II. For "VI in
 *             both", each is VI. For named forms ("French (level VI)"), the
 *             level stated for that language (null where none is stated;
 *             lang.first/second are then the higher/lower stated levels).
 *   clearance clearance   the posting's stated clearance, else that of its
 *                         first essential clearance requirement; literals
 *                         "NATO SECRET", NS, CTS, ...
 *   bool    fast_track         a fast-track competition (null when the notice
 *                              does not say: "not fast_track" selects it,
 *                              "fast_track = false" does not)
 *           twin_grade         a twin grade/range OR the twin-graded NOTE
 *           travel             true when a travel requirement is stated,
 *                              null otherwise (silence is not "no travel")
 *           clearance.atomal   an ATOMAL clearance (null without clearance)
 *           salary.tax_free    true when the notice says the pay is tax free,
 *                              false when it says it is taxed, else null
 *           contract.conversion  may apply for an indefinite contract (null
 *                              when the notice does not say)
 *
 * A value the notice does not state reads as null: it matches no
 * comparison and is found with "is null". A collection adds one boolean
 * field per registered candidate, eligible(NAME) (collection.h).
 */
#ifndef NATOPOST_POSTING_FIELDS_H
#define NATOPOST_POSTING_FIELDS_H

#include <natopost/export.h>

#include <stddef.h>

#include "natopost/error.h"
#include "natopost/posting.h"
#include "natopost/query.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The `id` of each field of np_posting_fields() (stable within a build;
 * hosts should use names). */
typedef enum np_posting_field_id {
    NP_PF_ID = 0,
    NP_PF_SOURCE,
    NP_PF_LANGUAGE,
    NP_PF_TITLE,
    NP_PF_BODY,
    NP_PF_LOCATION,
    NP_PF_DIVISION,
    NP_PF_DIRECTORATE,
    NP_PF_SECTION,
    NP_PF_REQUISITION,
    NP_PF_REPORTS_TO,
    NP_PF_SUMMARY,
    NP_PF_GRADE,
    NP_PF_GRADE_HIGH,
    NP_PF_DEADLINE,
    NP_PF_PUBLISHED,
    NP_PF_UPDATED,
    NP_PF_SALARY,
    NP_PF_SALARY_CURRENCY,
    NP_PF_SALARY_TAX_FREE,
    NP_PF_CLEARANCE,
    NP_PF_CLEARANCE_ATOMAL,
    NP_PF_FAST_TRACK,
    NP_PF_TWIN_GRADE,
    NP_PF_EXPERIENCE,
    NP_PF_DEGREE,
    NP_PF_TRAVEL,
    NP_PF_TRAVEL_PERCENT,
    NP_PF_LANG_FORM,
    NP_PF_LANG_FIRST,
    NP_PF_LANG_SECOND,
    NP_PF_LANG_ENGLISH,
    NP_PF_LANG_FRENCH,
    NP_PF_CONTRACT_MONTHS,
    NP_PF_CONTRACT_RENEWAL_MONTHS,
    NP_PF_CONTRACT_MAX_MONTHS,
    NP_PF_CONTRACT_CONVERSION,
    NP_PF_COMPETENCIES,
    NP_PF_ACCOUNTABILITIES,
    NP_PF_REQUIREMENTS_ESSENTIAL,
    NP_PF_REQUIREMENTS_DESIRABLE,
    NP_PF_DIAGNOSTICS,
    NP_PF_COUNT,
    /* eligible(NAME) fields of a collection: NP_PF_ELIGIBLE + candidate index */
    NP_PF_ELIGIBLE = 1000
} np_posting_field_id;

/* The table, in the order above (static storage; *count gets NP_PF_COUNT).
 * Pass it to np_query_compile to query bare postings. */
NP_API const np_qfield *np_posting_fields(size_t *count);

/* The field called `name` (exact, case-sensitive), or NULL. */
NP_API const np_qfield *np_posting_field_find(const char *name);

/* Reads field `id` of `posting` into *out (out->is_null for a value the
 * notice does not state). Text values point into the posting (valid while
 * it lives) or to static storage. An id outside the table reads as null. */
NP_API void np_posting_field_value(const np_posting *posting, int id, np_qvalue *out);

/* The np_qfield_getter for records that are `const np_posting *`:
 * np_query_match(q, posting, np_posting_field_get). */
NP_API void np_posting_field_get(const void *posting, const np_qfield *field, np_qvalue *out);

/* Canonical text of a value, as the CLI prints it: text as is, numbers
 * shortest round-trip ("2", "7563.38"), dates "2025-12-01", grades "G15",
 * levels "III", clearances "NS", booleans "true"/"false", null "". Writes at
 * most `size` bytes including the NUL (truncating text); returns the length
 * the full text has (snprintf style). */
NP_API size_t np_posting_field_format(const np_qvalue *value, char *buf, size_t size);

#ifdef __cplusplus
}
#endif
#endif
