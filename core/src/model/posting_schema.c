/* The posting field table (posting_schema.h) and the compile-time proof that
 * it lists every member of np_posting, with its type, in declaration order. */
#include "posting_schema.h"

#define NPS_NULLABLE true
#define NPS_NOT_NULL false

#define NPS_ENTRY(member, key, kind, nullability, query, jsonld) \
    {key, NPS_##kind, NPS_##nullability, query, jsonld, offsetof(np_posting, member)},
const nps_field nps_fields[NPS_FIELD_COUNT] = {NP_POSTING_SCHEMA(NPS_ENTRY)};
#undef NPS_ENTRY

/* A struct built from the table alone: the same members, types and order as
 * np_posting, or the assertions below fail. An array kind is the pointer and
 * its count. */
#define NPS_MEMBER_STRING(m) char *m;
#define NPS_MEMBER_SOURCE(m) char *m;
#define NPS_MEMBER_LANGUAGE(m) char m[3];
#define NPS_MEMBER_GRADE(m) np_grade m;
#define NPS_MEMBER_SALARY(m) np_salary m;
#define NPS_MEMBER_DEADLINE(m) np_deadline m;
#define NPS_MEMBER_DATE(m) np_date m;
#define NPS_MEMBER_CLEARANCE(m) np_clearance m;
#define NPS_MEMBER_BOOL(m) bool m;
#define NPS_MEMBER_TRISTATE(m) np_tristate m;
#define NPS_MEMBER_ACCOUNTABILITIES(m) np_accountability *m; size_t m##_count;
#define NPS_MEMBER_INTERRELATIONSHIPS(m) np_interrelationships m;
#define NPS_MEMBER_COMPETENCIES(m) np_competency *m; size_t m##_count;
#define NPS_MEMBER_REQUIREMENTS(m) np_requirement *m; size_t m##_count;
#define NPS_MEMBER_CONTRACT(m) np_contract_terms m;
#define NPS_MEMBER_LINES(m) np_posting_lines m;
#define NPS_MEMBER_DIAGNOSTICS(m) np_diagnostic *m; size_t m##_count;

#define NPS_MIRROR(member, key, kind, nullability, query, jsonld) NPS_MEMBER_##kind(member)
struct nps_mirror {
    NP_POSTING_SCHEMA(NPS_MIRROR)
};
#undef NPS_MIRROR

_Static_assert(sizeof(struct nps_mirror) == sizeof(np_posting),
               "np_posting has a member the posting schema does not list "
               "(core/src/model/posting_schema.h)");

#define NPS_SAME_PLACE(member, key, kind, nullability, query, jsonld)                       \
    _Static_assert(offsetof(struct nps_mirror, member) == offsetof(np_posting, member) &&  \
                       sizeof(((struct nps_mirror *)0)->member) ==                         \
                           sizeof(((np_posting *)0)->member),                              \
                   "np_posting." #member " is not where, or not what, the posting schema " \
                   "says");
NP_POSTING_SCHEMA(NPS_SAME_PLACE)
#undef NPS_SAME_PLACE

#define NPS_LINE_ENTRY(member) {#member, offsetof(np_posting_lines, member)},
const nps_line_field nps_line_fields[NPS_LINE_COUNT] = {NP_POSTING_LINES(NPS_LINE_ENTRY)};
#undef NPS_LINE_ENTRY

#define NPS_LINE_MEMBER(member) int member;
struct nps_lines_mirror {
    NP_POSTING_LINES(NPS_LINE_MEMBER)
};
#undef NPS_LINE_MEMBER
_Static_assert(sizeof(struct nps_lines_mirror) == sizeof(np_posting_lines),
               "np_posting_lines has a member NP_POSTING_LINES does not list");
#define NPS_LINE_PLACE(member)                                                            \
    _Static_assert(offsetof(struct nps_lines_mirror, member) ==                            \
                       offsetof(np_posting_lines, member),                                 \
                   "np_posting_lines." #member " is not where NP_POSTING_LINES says");
NP_POSTING_LINES(NPS_LINE_PLACE)
#undef NPS_LINE_PLACE
