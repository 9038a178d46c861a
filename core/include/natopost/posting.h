/* natopost/posting.h -- a NATO vacancy notice as a typed record.
 *
 * A posting is a plain struct the reader (notice.h) or the JSON reader
 * (posting_json.h) fills. Every pointer in it is owned by the posting and
 * freed by np_posting_free; NULL strings, NP_DATE_NONE dates, unknown grades,
 * NP_CLEARANCE_NONE and -1 numbers mean "the notice does not say" (the
 * reader never invents a value). `lines` records where each field came from.
 */
#ifndef NATOPOST_POSTING_H
#define NATOPOST_POSTING_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/date.h"
#include "natopost/error.h"
#include "natopost/grade.h"
#include "natopost/policy.h"
#include "natopost/requirement.h"
#include "natopost/scales.h"

#ifdef __cplusplus
extern "C" {
#endif

#define NP_DATE_NONE INT32_MIN /* a date the notice does not state */

/* The largest salary amount a posting holds. Every reader refuses larger
 * ones, so whatever one reader accepts the JSON writer can write. */
#define NP_SALARY_AMOUNT_MAX 1e12

/* A three-valued flag for statements a notice may or may not make. */
typedef enum np_tristate { NP_UNKNOWN = -1, NP_NO = 0, NP_YES = 1 } np_tristate;

typedef struct np_salary {
    double amount;    /* 0..NP_SALARY_AMOUNT_MAX; < 0 when not stated */
    char currency[4]; /* ISO 4217 ("EUR"), "" when not stated */
    char *basis;      /* owned: "Monthly", "Annual" as stated; NULL when not stated */
    np_tristate tax_free; /* NP_UNKNOWN when the notice does not say */
} np_salary;

typedef struct np_deadline {
    np_date date;   /* NP_DATE_NONE when not stated */
    int minute;     /* minutes after midnight (5:59 PM -> 1079); -1 when no time */
} np_deadline;

typedef struct np_accountability {
    char *heading; /* owned; NULL for text without a heading */
    char *text;    /* owned, never NULL */
    int line;
} np_accountability;

typedef struct np_competency {
    char *name;       /* owned, never NULL: "Analytical Thinking" */
    char *descriptor; /* owned: "Sees multiple relationships"; NULL if none */
    int line;
} np_competency;

typedef struct np_interrelationships {
    char *reports_to;       /* owned: "Head, Plans Section"; NULL if not stated */
    char *direct_reports;   /* owned: as written ("N/a"); NULL if not stated */
    char *indirect_reports; /* owned: as written; NULL if not stated */
    char *text;             /* owned: the whole section; NULL if absent */
    int line;
} np_interrelationships;

typedef struct np_contract_terms {
    bool stated;               /* false: the notice has no contract terms (all below unset) */
    int definite_months;       /* "a 3-year definite duration contract" -> 36; -1 */
    int renewal_months;        /* "renewed for a further period of up to 3 years" -> 36; -1 */
    int max_service_months;    /* "maximum period of service ... 6 years" -> 72; -1 */
    np_tristate conversion_possible; /* may apply for an indefinite contract */
    bool turnover_clause;      /* "a post in which turnover is desirable" */
    bool seconded_terms;       /* terms for staff seconded from a national administration */
    int seconded_max_months;   /* -1 when not stated */
    bool twin_grade_note;      /* the twin-graded posts NOTE is present */
    char *text;                /* owned: the section as written; NULL if absent */
    int line;
} np_contract_terms;

/* Source line (1-based) of each scalar field; 0 = not from the text. */
typedef struct np_posting_lines {
    int title, body, location, division, directorate, section, grade, salary, deadline,
        published, updated, requisition, clearance, fast_track, summary;
} np_posting_lines;

typedef enum np_diag_severity { NP_DIAG_INFO = 0, NP_DIAG_WARNING, NP_DIAG_ERROR } np_diag_severity;

/* What the reader could not read (or read with a guess), with its line. */
typedef struct np_diagnostic {
    np_diag_severity severity;
    int line;      /* 0 for the whole notice */
    char *field;   /* owned: the field concerned ("title"), or NULL */
    char *message; /* owned, never NULL */
} np_diagnostic;

typedef struct np_posting {
    char *id;          /* owned: stable identifier (requisition number, else a
                          content hash "fnv1a:<16 hex>", see notice.h); never
                          NULL once read */
    char *source;      /* owned: file name or URL it was read from; NULL */
    char language[3];  /* the notice's language: "en" or "fr"; "" when undecidable */
    char *title;       /* "Officer, Logistics" */
    char *body;        /* "International Staff" (NATO body) */
    char *location;    /* "Brussels, Belgium" */
    char *division;    /* "Defence Policy and Planning Division" */
    char *directorate; /* "Security Policy Directorate" */
    char *section;     /* "Defence Enablement and Logistics Section" */
    char *grade_text;  /* as written ("NATO Grade G20") */
    np_grade grade;
    np_salary salary;
    np_deadline deadline;
    np_date published; /* NP_DATE_NONE when not stated */
    np_date updated;   /* NP_DATE_NONE when not stated */
    char *requisition; /* "251043" */
    np_clearance clearance;
    bool clearance_atomal;
    np_tristate fast_track; /* a fast-track competition: NP_YES when stated as such,
                               NP_NO when the notice says it is not, else NP_UNKNOWN */
    char *summary;

    np_accountability *accountabilities;
    size_t accountability_count;
    np_interrelationships interrelationships;
    np_competency *competencies;
    size_t competency_count;
    np_requirement *requirements; /* essential and desirable, in notice order */
    size_t requirement_count;
    np_contract_terms contract;
    np_posting_lines lines;

    np_diagnostic *diagnostics;
    size_t diagnostic_count;
} np_posting;

/* A new posting with every field "not stated". Free with np_posting_free.
 * NULL when out of memory. */
NP_API np_posting *np_posting_new(void);

/* Frees the posting and everything it owns. Accepts NULL. */
NP_API void np_posting_free(np_posting *posting);

/* A deep copy, free with np_posting_free; NP_ENOMEM on allocation failure. */
NP_API np_status np_posting_clone(np_posting **out, const np_posting *posting, np_error *err);

/* Field-for-field equality (strings by content, doubles exactly). When they
 * differ and `where` is not NULL, writes the first differing field's path
 * ("requirements[3].as.languages.other") into where (where_size bytes). */
NP_API bool np_posting_equal(const np_posting *a, const np_posting *b, char *where, size_t where_size);

/* Append helpers used by the readers. The arrays above (accountabilities,
 * competencies, requirements, diagnostics) are grown only by these
 * functions (their capacity follows from the count): code that fills a
 * posting must not allocate them itself. Each copies `text` (len bytes) and
 * returns NP_ENOMEM on failure. The returned pointers stay valid until the
 * next append of the same kind. */
NP_API np_status np_posting_add_requirement(np_posting *posting, np_requirement **out, bool essential,
                                     const char *text, size_t len, int line, np_error *err);
NP_API np_status np_posting_add_competency(np_posting *posting, const char *name, size_t name_len,
                                    const char *descriptor, size_t descriptor_len, int line,
                                    np_error *err);
NP_API np_status np_posting_add_accountability(np_posting *posting, const char *heading,
                                        size_t heading_len, const char *text, size_t text_len,
                                        int line, np_error *err);
NP_API np_status np_posting_add_diagnostic(np_posting *posting, np_diag_severity severity, int line,
                                    const char *field, np_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Replaces *slot (freeing the old string) with a copy of text[0..len). */
NP_API np_status np_posting_set_text(char **slot, const char *text, size_t len, np_error *err);

/* True for the language codes a posting records: "en" and "fr". */
NP_API bool np_posting_language_known(const char *code);

/* Convenience lookups over requirements: the first requirement of `kind`
 * with the given essential flag, or NULL. */
NP_API const np_requirement *np_posting_find_requirement(const np_posting *posting, np_req_kind kind,
                                                  bool essential);

/* The contract policy a posting states, for its timelines: the defaults
 * (np_policy_default) with the notice's definite duration, renewal and
 * maximum service months put in. *twin_grade (may be NULL) is set when the
 * grade is a twin grade or the notice carries the twin-grade note.
 * NP_ENOTFOUND ("the posting states no contract terms") when the notice has
 * no contract section or no definite duration: the caller decides, nothing
 * is guessed. NP_EINVAL when the stated terms do not make a valid policy. */
NP_API np_status np_posting_policy(np_policy *out, bool *twin_grade, const np_posting *posting,
                            np_error *err);

/* A posting's identity, the one rule for telling copies of a vacancy apart
 * (duplicates: np_collection_unique): "req:" BODY "/" REQUISITION when the
 * posting states a requisition number (BODY lower-cased with its blanks
 * collapsed, empty when no body is stated), else its id (the reader's
 * fingerprint of the normalised text, notice.h), else NULL (a posting with
 * neither is only ever itself). *out: free with np_free. NP_ENOMEM. */
NP_API np_status np_posting_identity(char **out, const np_posting *posting, np_error *err);

#ifdef __cplusplus
}
#endif
#endif
