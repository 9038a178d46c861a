/* The posting record described once: every member of np_posting (posting.h),
 * in declaration order, with
 *   - its JSON key (docs/posting-json.md; the JSON form writes them in this
 *     order),
 *   - its kind, which fixes its C type and how each walker treats it,
 *   - whether the JSON form may hold null for it (NULLABLE) or always holds a
 *     value (NOT_NULL: false, 0 or an empty list when not stated),
 *   - the query field (posting_fields.h) that reads it, or NULL,
 *   - the schema.org property its JSON-LD form feeds (posting_jsonld.c), or
 *     NULL when JSON-LD leaves it out.
 *
 * Clone, equality and free (posting.c), the collection codec (codec.c), the
 * JSON writer and reader walk nps_fields and switch on the kind: a new member
 * of an existing kind is one line here plus the recogniser that fills it; a
 * new kind fails to compile (-Wswitch) in every walker until each handles it.
 * posting_schema.c checks, at compile time, that the table lists every
 * member of np_posting with its type, in order; tests/c/test_posting_schema.c
 * changes each field in turn and checks that every walker sees it.
 *
 *   X(member, json key, kind, nullability, query field, JSON-LD property) */
#ifndef NATOPOST_POSTING_SCHEMA_H
#define NATOPOST_POSTING_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "natopost/posting.h"

#define NP_POSTING_SCHEMA(X)                                                                 \
    X(id, "id", STRING, NULLABLE, "id", NULL)                                                \
    X(source, "source", SOURCE, NULLABLE, "source", "url")                                   \
    X(language, "language", LANGUAGE, NULLABLE, "language", "@context")                      \
    X(title, "title", STRING, NULLABLE, "title", "title")                                    \
    X(body, "body", STRING, NULLABLE, "body", "hiringOrganization")                          \
    X(location, "location", STRING, NULLABLE, "location", "jobLocation")                     \
    X(division, "division", STRING, NULLABLE, "division", "hiringOrganization")              \
    X(directorate, "directorate", STRING, NULLABLE, "directorate", "hiringOrganization")     \
    X(section, "section", STRING, NULLABLE, "section", "hiringOrganization")                 \
    X(grade_text, "grade_text", STRING, NULLABLE, NULL, NULL)                                \
    X(grade, "grade", GRADE, NULLABLE, "grade", NULL)                                        \
    X(salary, "salary", SALARY, NULLABLE, "salary", "baseSalary")                            \
    X(deadline, "deadline", DEADLINE, NULLABLE, "deadline", "validThrough")                  \
    X(published, "published", DATE, NULLABLE, "published", "datePosted")                    \
    X(updated, "updated", DATE, NULLABLE, "updated", NULL)                                   \
    X(requisition, "requisition", STRING, NULLABLE, "requisition", "identifier")             \
    X(clearance, "clearance", CLEARANCE, NULLABLE, "clearance",                              \
      "securityClearanceRequirement")                                                        \
    X(clearance_atomal, "clearance_atomal", BOOL, NOT_NULL, "clearance.atomal",              \
      "securityClearanceRequirement")                                                        \
    X(fast_track, "fast_track", TRISTATE, NULLABLE, "fast_track", NULL)                      \
    X(summary, "summary", STRING, NULLABLE, "summary", "description")                        \
    X(accountabilities, "accountabilities", ACCOUNTABILITIES, NOT_NULL, "accountabilities",  \
      "responsibilities")                                                                    \
    X(interrelationships, "interrelationships", INTERRELATIONSHIPS, NULLABLE, "reports_to",  \
      NULL)                                                                                  \
    X(competencies, "competencies", COMPETENCIES, NOT_NULL, "competencies", NULL)            \
    X(requirements, "requirements", REQUIREMENTS, NOT_NULL, "requirements.essential",        \
      "qualifications")                                                                      \
    X(contract, "contract", CONTRACT, NULLABLE, "contract.months", NULL)                     \
    X(lines, "lines", LINES, NOT_NULL, NULL, NULL)                                           \
    X(diagnostics, "diagnostics", DIAGNOSTICS, NOT_NULL, "diagnostics", NULL)

/* What a field holds; NPS_MEMBER_<kind> in posting_schema.c gives its C
 * declaration. */
typedef enum nps_kind {
    NPS_STRING,             /* char *, NULL when not stated */
    NPS_SOURCE,             /* char *, the file name: any bytes (JSON adds source_bytes) */
    NPS_LANGUAGE,           /* char[3]: "en", "fr" or "" */
    NPS_GRADE,              /* np_grade */
    NPS_SALARY,             /* np_salary */
    NPS_DEADLINE,           /* np_deadline */
    NPS_DATE,               /* np_date, NP_DATE_NONE when not stated */
    NPS_CLEARANCE,          /* np_clearance */
    NPS_BOOL,               /* bool */
    NPS_TRISTATE,           /* np_tristate */
    NPS_ACCOUNTABILITIES,   /* np_accountability *accountabilities + count */
    NPS_INTERRELATIONSHIPS, /* np_interrelationships */
    NPS_COMPETENCIES,       /* np_competency *competencies + count */
    NPS_REQUIREMENTS,       /* np_requirement *requirements + count */
    NPS_CONTRACT,           /* np_contract_terms */
    NPS_LINES,              /* np_posting_lines */
    NPS_DIAGNOSTICS,        /* np_diagnostic *diagnostics + count */
} nps_kind;

typedef struct nps_field {
    const char *key;    /* the JSON key; also the member's name */
    nps_kind kind;
    bool nullable;      /* the JSON form may hold null */
    const char *query;  /* the query field reading it, or NULL */
    const char *jsonld; /* the schema.org property it feeds, or NULL */
    size_t offset;      /* offsetof(np_posting, member) */
} nps_field;

#define NPS_INDEX(member, key, kind, nullability, query, jsonld) NPS_F_##member,
enum { NP_POSTING_SCHEMA(NPS_INDEX) NPS_FIELD_COUNT };
#undef NPS_INDEX

/* The table, in member order (static storage). */
extern const nps_field nps_fields[NPS_FIELD_COUNT];

/* The members of np_posting_lines (each an int), in order. */
#define NP_POSTING_LINES(X)                                                                   \
    X(title) X(body) X(location) X(division) X(directorate) X(section) X(grade) X(salary)     \
    X(deadline) X(published) X(updated) X(requisition) X(clearance) X(fast_track) X(summary)

#define NPS_LINE_INDEX(member) NPS_LINE_##member,
enum { NP_POSTING_LINES(NPS_LINE_INDEX) NPS_LINE_COUNT };
#undef NPS_LINE_INDEX

typedef struct nps_line_field {
    const char *name; /* the member's name, also its JSON key under "lines" */
    size_t offset;    /* offsetof(np_posting_lines, member) */
} nps_line_field;

extern const nps_line_field nps_line_fields[NPS_LINE_COUNT];

static inline int *nps_line(np_posting_lines *lines, const nps_line_field *f)
{
    return (int *)(void *)((char *)lines + f->offset);
}
static inline int nps_line_value(const np_posting_lines *lines, const nps_line_field *f)
{
    return *(const int *)(const void *)((const char *)lines + f->offset);
}

/* The member `f` describes in `p`. */
static inline void *nps_member(np_posting *p, const nps_field *f) { return (char *)p + f->offset; }
static inline const void *nps_cmember(const np_posting *p, const nps_field *f)
{
    return (const char *)p + f->offset;
}

#endif
