/* natopost/policy.h -- the parameters of NATO's contract rules.
 *
 * A contract policy holds the numbers the vacancy notices state (3-year
 * definite duration contract, renewal up to 3 years, 6 years at most,
 * conversion requested no later than a year before the end, twin-grade
 * advancement normally after 3 years, reducible by up to 24 months). The
 * defaults are those of docs/contract-rules.md; an analyst changes
 * them to model another NATO body or a policy change. A policy is a plain
 * value: copy it freely, nothing to free.
 */
#ifndef NATOPOST_POLICY_H
#define NATOPOST_POLICY_H

#include <natopost/export.h>

#include <stdbool.h>
#include <stddef.h>

#include "natopost/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Upper bound for every month count of a policy (100 years). */
#define NP_POLICY_MONTHS_MAX 1200

typedef struct np_policy {
    int initial_months;           /* 36: the first definite duration contract */
    int renewal_months;           /* 36: default renewal length (0 = not renewed) */
    int max_months;               /* 72: maximum period of service in the post */
    int promotion_months;         /* 36: service before twin-grade advancement, normally */
    int max_reduction_months;     /* 24: most that wait may be reduced (external, seconded) */
    int conversion_notice_months; /* 12: conversion requested no later than this before the end */
    bool seconded_conversion;     /* false: the notices offer seconded staff no conversion */
} np_policy;

#define NP_POLICY_DEFAULT_INIT {36, 36, 72, 36, 24, 12, false}

/* The spec's defaults. */
NP_API np_policy np_policy_default(void);

/* True when every parameter of `a` and `b` is equal (use this, not memcmp:
 * the struct has padding). */
NP_API bool np_policy_equal(const np_policy *a, const np_policy *b);

/* Checks every parameter; NP_EINVAL with a message naming the first parameter
 * that is out of range or inconsistent ("renewal_months (48) exceeds
 * max_months - initial_months (36)"). */
NP_API np_status np_policy_validate(const np_policy *policy, np_error *err);

/* Reads a policy from a JSON object. Keys that are absent keep the default;
 * an unknown key, a value of the wrong type or an out-of-range value is an
 * error naming the key (NP_EPARSE for malformed JSON, with line and column;
 * NP_EINVAL otherwise). `json` need not be NUL-terminated. */
NP_API np_status np_policy_from_json(np_policy *out, const char *json, size_t len, np_error *err);

/* Writes every parameter as a JSON object (keys in declaration order,
 * indented). Returns a NUL-terminated string to free with np_free, or NULL
 * with `err` set. */
NP_API char *np_policy_to_json(const np_policy *policy, np_error *err);

/* np_policy_from_json on the contents of a file (NP_EIO if unreadable). */
NP_API np_status np_policy_load(np_policy *out, const char *path, np_error *err);

/* Writes np_policy_to_json to `path` atomically, as np_posting_list_save. */
NP_API np_status np_policy_save(const np_policy *policy, const char *path, np_error *err);

/* Introspection, so that bindings can expose every parameter by name without
 * repeating the list: the number of integer parameters, and the name of the
 * i-th (NULL past the end). The boolean `seconded_conversion` is not in it. */
NP_API size_t np_policy_int_param_count(void);
NP_API const char *np_policy_int_param_name(size_t i);
/* Address of the integer parameter called `name` in `policy`, or NULL. */
NP_API int *np_policy_int_param(np_policy *policy, const char *name);

#ifdef __cplusplus
}
#endif
#endif
