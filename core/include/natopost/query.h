/* natopost/query.h -- one query language for C, Lua, Python and the CLI.
 *
 * Grammar (keywords are case-insensitive; see README "Query language"):
 *
 *   query      := [expr] [ "order" "by" key ("," key)* ] [ "count" "by" field ]
 *   key        := field [ "asc" | "desc" ]
 *   expr       := and_expr ( "or" and_expr )*
 *   and_expr   := not_expr ( "and" not_expr )*
 *   not_expr   := "not" not_expr | primary
 *   primary    := "(" expr ")"
 *               | field op literal            op: = != < <= > >=
 *               | field "in" "[" literal ("," literal)* "]"
 *               | field "~" string            case-insensitive contains
 *               | field "is" ["not"] "null"
 *               | field                       a boolean field is true
 *   field      := name ( "." name )*          e.g. lang.second
 *               | name "(" (word | string) ")"  a field with an argument, e.g.
 *                                           eligible(alice): "(" right after
 *                                           the name; the table names it
 *                                           exactly "eligible(alice)"
 *   literal    := string | number | date | word   ("NATO SECRET", 3, 2025-12-01, G15, II, true)
 *               | "?"                          the next parameter (np_query_env)
 *               | "today"                      a date field's literal: the local date,
 *                                              or np_query_env.today when fixed
 *
 * A query is parsed and type-checked against a field table (the record model
 * supplies it, see np_query_compile) before it runs; errors are positioned
 * (column and a caret under the query in the message). A missing value never
 * matches a comparison (not even !=); ask for it with "is null".
 */
#ifndef NATOPOST_QUERY_H
#define NATOPOST_QUERY_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Value types of queryable fields; each has its own order. */
typedef enum np_qtype {
    NP_QTYPE_TEXT = 0, /* = != in ~, ordered by byte value */
    NP_QTYPE_NUMBER,   /* double */
    NP_QTYPE_DATE,     /* np_date day number */
    NP_QTYPE_GRADE,    /* grade rank (see grade.h) */
    NP_QTYPE_LEVEL,    /* NATO language level I..VI as 1..6 */
    NP_QTYPE_CLEARANCE,/* NR < NC < NS < CTS as 1..4 */
    NP_QTYPE_BOOL
} np_qtype;

NP_API const char *np_qtype_name(np_qtype type);

/* A typed constant (a literal of the query, or a field's value of a record). */
typedef struct np_qvalue {
    np_qtype type;
    bool is_null;
    double number;    /* NUMBER */
    int32_t ordinal;  /* DATE, GRADE, LEVEL, CLEARANCE; BOOL as 0/1 */
    const char *text; /* TEXT: not owned by the value */
    size_t text_len;
} np_qvalue;

/* One field a query may name. `parse_literal` turns a literal's text (quotes
 * removed) into a value of the field's type, or fails with a message; NULL
 * uses the type's default parser (numbers, dates, booleans, text). */
typedef struct np_qfield {
    const char *name;
    np_qtype type;
    int id; /* the record model's own number for the field */
    np_status (*parse_literal)(np_qvalue *out, const char *text, size_t len, np_error *err);
} np_qfield;

typedef enum np_qop { NP_QOP_EQ, NP_QOP_NE, NP_QOP_LT, NP_QOP_LE, NP_QOP_GT, NP_QOP_GE } np_qop;

typedef enum np_qnode_kind {
    NP_QNODE_AND,
    NP_QNODE_OR,
    NP_QNODE_NOT,
    NP_QNODE_COMPARE,  /* field op value */
    NP_QNODE_IN,       /* field in [values] */
    NP_QNODE_CONTAINS, /* field ~ text, case-insensitive (ASCII folding) */
    NP_QNODE_IS_NULL,  /* field is null (NOT wraps it for "is not null") */
    NP_QNODE_TRUE_FIELD /* a boolean field is true */
} np_qnode_kind;

/* A node of the compiled query tree (read-only for evaluators). */
typedef struct np_qnode {
    np_qnode_kind kind;
    const np_qfield *field; /* leaves */
    np_qop op;              /* COMPARE */
    np_qvalue *values;      /* COMPARE (1), IN (n), CONTAINS (1) */
    size_t value_count;
    struct np_qnode *left;  /* AND, OR, NOT */
    struct np_qnode *right; /* AND, OR */
    int column;             /* 1-based position in the query text */
} np_qnode;

typedef struct np_qsort_key {
    const np_qfield *field;
    bool descending;
} np_qsort_key;

/* A compiled query: opaque ownership, readable structure. */
typedef struct np_query {
    const np_qnode *where;         /* NULL: every record matches */
    const np_qsort_key *order_by;  /* order_by_count keys */
    size_t order_by_count;
    const np_qfield *count_by;     /* NULL unless "count by" */
} np_query;

/* Parses and type-checks `text` against the `fields` table (which must
 * outlive the query); "today" is the local date and a "?" is an error (no
 * parameters: see np_query_compile_env). On error returns NP_EPARSE (syntax) or NP_EINVAL (an
 * unknown field, a literal of the wrong type, an operator the type lacks),
 * with err->column set and a message that ends with the query and a caret
 * under the problem. The query is freed with np_query_free. */
NP_API np_status np_query_compile(np_query **out, const char *text, size_t len, const np_qfield *fields,
                           size_t field_count, np_error *err);

NP_API void np_query_free(np_query *query);

/* ---- parameters and "today" ----
 *
 * A "?" in place of a literal takes the next parameter, in order, so that
 * hosts pass values instead of pasting them into the text (no quoting
 * problem). Each parameter is checked against the field it is compared
 * with, when the query compiles:
 *   TEXT     fits any field: it is read as that field's literal would be
 *            ("G15" for a grade, "III" for a level, "NATO SECRET" for a
 *            clearance, "2025-12-01" for a date, "true" for a boolean), so
 *            string-only hosts (the CLI, Lua) bind every type;
 *   INTEGER  and NUMBER fit number fields; DATE fits date fields; BOOL fits
 *            boolean fields.
 * A mismatch, a value the field rejects, a "?" with no parameter left or a
 * parameter no "?" takes is an NP_EINVAL with the column of the "?" (of the
 * end of the query for an extra parameter) and a caret, as other errors. */
typedef enum np_qparam_type {
    NP_QPARAM_TEXT = 0,
    NP_QPARAM_INTEGER,
    NP_QPARAM_NUMBER,
    NP_QPARAM_DATE,
    NP_QPARAM_BOOL
} np_qparam_type;

/* One parameter; only the member of its type is read. */
typedef struct np_qparam {
    np_qparam_type type;
    const char *text; /* TEXT: UTF-8, copied by the compiled query */
    size_t text_len;
    int64_t integer;  /* INTEGER */
    double number;    /* NUMBER: finite */
    int32_t date;     /* DATE: an np_date day number */
    bool boolean;     /* BOOL */
} np_qparam;

/* What a query takes from outside its text. */
typedef struct np_query_env {
    const np_qparam *params; /* one per "?", in order */
    size_t param_count;
    bool today_fixed; /* false: "today" is the local date when the query compiles */
    int32_t today;    /* np_date "today" stands for when today_fixed */
} np_query_env;

#define NP_QUERY_ENV_INIT {NULL, 0, false, 0}

/* "a date", "text", ...: for messages about a parameter. */
NP_API const char *np_qparam_type_name(np_qparam_type type);

/* np_query_compile with parameters and "today" (`env` NULL: none, the
 * local date). The compiled query holds the values: `env` and the texts it
 * points to may be freed once this returns. */
NP_API np_status np_query_compile_env(np_query **out, const char *text, size_t len,
                               const np_qfield *fields, size_t field_count,
                               const np_query_env *env, np_error *err);

/* Compares two non-null values of the same type: <0, 0, >0. */
NP_API int np_qvalue_compare(const np_qvalue *a, const np_qvalue *b);

/* Evaluates one leaf (COMPARE, IN, CONTAINS, IS_NULL, TRUE_FIELD) on a
 * record's value of the leaf's field (missing values never match, except
 * for IS_NULL). */
NP_API bool np_qnode_test_value(const np_qnode *leaf, const np_qvalue *value);

/* Reads field `field` of `record` into *out (set out->is_null for a missing
 * value). Supplied by whoever stores the records. */
typedef void (*np_qfield_getter)(const void *record, const np_qfield *field, np_qvalue *out);

/* Row-wise evaluation of a query's condition on one record (true when the
 * query has no condition). Column stores may evaluate faster themselves, but
 * must agree with this. */
NP_API bool np_query_match(const np_query *query, const void *record, np_qfield_getter get);

/* Orders two records by the query's "order by" keys: <0, 0, >0. A missing
 * value sorts after every present value, whatever the direction. */
NP_API int np_query_compare_records(const np_query *query, const void *a, const void *b,
                             np_qfield_getter get);

/* Case-insensitive (ASCII) substring test, shared by every evaluator. */
NP_API bool np_text_contains_ci(const char *haystack, size_t hay_len, const char *needle,
                         size_t needle_len);

#ifdef __cplusplus
}
#endif
#endif
