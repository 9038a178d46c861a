/* Private to the posting JSON reader: a strict JSON parser into a read-only
 * tree held in one arena, for speed (issue 17, item 5).
 *
 * jansson builds a tree of reference-counted values, a hash table per
 * object, and reads its input one character at a time through a callback;
 * on posting JSON that was over half of natopost.loads. This parser makes
 * one pass over the text, puts every value, member and unescaped string in
 * an arena reused from one NDJSON line to the next, and keeps object
 * members in the order they are written (the reader walks them against its
 * key tables in one pass).
 *
 * It accepts what json_loadb(..., JSON_REJECT_DUPLICATES [|
 * JSON_DECODE_ANY]) accepts, with the same values (tests/c/
 * test_json_tree.c and fuzz/fuzz_posting_json.c check this differentially),
 * but for one jansson quirk: a NUL byte right after a number or a literal,
 * which jansson skips and this parser refuses (JSON has no NUL). UTF-8 checked, no \u0000, surrogate pairs paired, duplicate
 * keys refused, integers within long long, reals that do not overflow,
 * nesting at most JSON_PARSER_MAX_DEPTH. A syntax error's message and
 * position come from jansson on the same text (npj_tree_syntax_error), so
 * every message stays as users have seen it; jansson only runs on the error
 * path. */
#ifndef NATOPOST_JSON_TREE_H
#define NATOPOST_JSON_TREE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "natopost/error.h"

typedef enum npj_type {
    NPJ_NULL,
    NPJ_TRUE,
    NPJ_FALSE,
    NPJ_INTEGER,
    NPJ_REAL,
    NPJ_STRING,
    NPJ_ARRAY,
    NPJ_OBJECT,
} npj_type;

typedef struct npj_value npj_value;
typedef struct npj_member npj_member;

struct npj_value {
    npj_type type;
    size_t len; /* a string's bytes; an array's items; an object's members */
    union {
        long long integer;
        double real;
        const char *string; /* NUL-terminated (JSON strings hold no NUL) */
        const npj_value *items;
        const npj_member *members; /* in document order, keys all different */
    } as;
};

struct npj_member {
    const char *key; /* NUL-terminated */
    size_t key_len;
    npj_value value;
};

/* The arena and the parser's scratch stacks; reusable: each parse frees the
 * previous tree. Zero-initialise (NPJ_TREE_INIT), free with npj_tree_free. */
typedef struct npj_tree {
    struct npj_chunk *chunks; /* the current chunk first */
    npj_value *values;        /* scratch: items of the open arrays */
    size_t values_len, values_cap;
    npj_member *members;      /* scratch: members of the open objects */
    size_t members_len, members_cap;
    size_t *slots;            /* scratch: hash slots for duplicate keys */
    size_t slots_cap;
} npj_tree;

#define NPJ_TREE_INIT {NULL, NULL, 0, 0, NULL, 0, 0, NULL, 0}

/* Parses text[0..len) into tree; *root points into it until the next parse
 * or npj_tree_free. `any`: any value at the top (JSON_DECODE_ANY), else an
 * object or an array. NP_OK; NP_EPARSE with *error_at the byte offset where
 * the text stopped being JSON (err untouched: the caller decides how to
 * report it, see npj_tree_syntax_error); or NP_ENOMEM (err set). */
np_status npj_tree_parse(npj_tree *tree, const npj_value **root, const char *text, size_t len,
                         bool any, size_t *error_at, np_error *err);

void npj_tree_free(npj_tree *tree);

/* The NP_EPARSE (or NP_ENOMEM) for text[0..len) that npj_tree_parse refused:
 * jansson's message and position (npj_parse_error, with line_base and
 * offset_base as there); should jansson accept the text, "posting JSON: not
 * valid JSON at line L, column C" at `error_at`. */
np_status npj_tree_syntax_error(np_error *err, const char *text, size_t len, bool any,
                                size_t error_at, int line_base, size_t offset_base);

/* The member `key` of an object, or NULL. */
const npj_value *npj_object_get(const npj_value *object, const char *key);

/* A jansson value as a tree (for the record form, reshaped with jansson);
 * NP_ENOMEM when out of memory. */
np_status npj_tree_from_jansson(npj_tree *tree, const npj_value **root, const json_t *value,
                                np_error *err);

/* "an object", "a string", "an integer", "a real number", "true", "null",
 * ... as npi_json_type_name names jansson's; NULL: absent. */
const char *npj_type_name(const npj_value *value);

static inline bool npj_is_object(const npj_value *v) { return v && v->type == NPJ_OBJECT; }
static inline bool npj_is_array(const npj_value *v) { return v && v->type == NPJ_ARRAY; }
static inline bool npj_is_string(const npj_value *v) { return v && v->type == NPJ_STRING; }
static inline bool npj_is_integer(const npj_value *v) { return v && v->type == NPJ_INTEGER; }
static inline bool npj_is_number(const npj_value *v)
{
    return v && (v->type == NPJ_INTEGER || v->type == NPJ_REAL);
}
static inline bool npj_is_null(const npj_value *v) { return v && v->type == NPJ_NULL; }
static inline bool npj_is_true(const npj_value *v) { return v && v->type == NPJ_TRUE; }
static inline bool npj_is_boolean(const npj_value *v)
{
    return v && (v->type == NPJ_TRUE || v->type == NPJ_FALSE);
}
static inline double npj_number_value(const npj_value *v)
{
    return v->type == NPJ_INTEGER ? (double)v->as.integer : v->as.real;
}
static inline const char *npj_string_value(const npj_value *v) { return v->as.string; }
static inline size_t npj_string_length(const npj_value *v) { return v->len; }
static inline long long npj_integer_value(const npj_value *v) { return v->as.integer; }
static inline const npj_value *npj_array_get(const npj_value *v, size_t i) { return &v->as.items[i]; }
/* Items of an array (0 for anything else or NULL). */
static inline size_t npj_array_size(const npj_value *v) { return npj_is_array(v) ? v->len : 0; }

#endif
