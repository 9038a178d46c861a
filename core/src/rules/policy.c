#include "natopost/policy.h"
#include "natopost/emit.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "support/file_io.h"
#include "support/json_util.h"

/* One row per integer parameter: the single list that validation, JSON and
 * the bindings' introspection all read, so a new parameter is added once. */
typedef struct int_param {
    const char *name;
    size_t offset;
    int min;
} int_param;

#define PARAM(field, minimum) {#field, offsetof(np_policy, field), minimum}
static const int_param INT_PARAMS[] = {
    PARAM(initial_months, 1),
    PARAM(renewal_months, 0),
    PARAM(max_months, 1),
    PARAM(promotion_months, 0),
    PARAM(max_reduction_months, 0),
    PARAM(conversion_notice_months, 0),
};
#undef PARAM
#define INT_PARAM_COUNT (sizeof INT_PARAMS / sizeof INT_PARAMS[0])

static const char SECONDED_CONVERSION[] = "seconded_conversion";

np_policy np_policy_default(void) { return (np_policy)NP_POLICY_DEFAULT_INIT; }

size_t np_policy_int_param_count(void) { return INT_PARAM_COUNT; }

const char *np_policy_int_param_name(size_t i) { return i < INT_PARAM_COUNT ? INT_PARAMS[i].name : NULL; }

static const int_param *find_param(const char *name)
{
    for (size_t i = 0; i < INT_PARAM_COUNT; i++)
        if (strcmp(INT_PARAMS[i].name, name) == 0) return &INT_PARAMS[i];
    return NULL;
}

int *np_policy_int_param(np_policy *policy, const char *name)
{
    const int_param *p = find_param(name);
    return p ? (int *)(void *)((char *)policy + p->offset) : NULL;
}

static int value_of(const np_policy *policy, const int_param *p)
{
    return *(const int *)(const void *)((const char *)policy + p->offset);
}

bool np_policy_equal(const np_policy *a, const np_policy *b)
{
    for (size_t i = 0; i < INT_PARAM_COUNT; i++)
        if (value_of(a, &INT_PARAMS[i]) != value_of(b, &INT_PARAMS[i])) return false;
    return a->seconded_conversion == b->seconded_conversion;
}

np_status np_policy_validate(const np_policy *policy, np_error *err)
{
    for (size_t i = 0; i < INT_PARAM_COUNT; i++) {
        const int v = value_of(policy, &INT_PARAMS[i]);
        if (v < INT_PARAMS[i].min || v > NP_POLICY_MONTHS_MAX)
            return np_error_set(err, NP_EINVAL, "%s must be between %d and %d, got %d",
                                INT_PARAMS[i].name, INT_PARAMS[i].min, NP_POLICY_MONTHS_MAX, v);
    }
    if (policy->max_months < policy->initial_months)
        return np_error_set(err, NP_EINVAL,
                            "max_months (%d) is less than initial_months (%d)",
                            policy->max_months, policy->initial_months);
    if (policy->renewal_months > policy->max_months - policy->initial_months)
        return np_error_set(err, NP_EINVAL,
                            "renewal_months (%d) exceeds max_months - initial_months (%d)",
                            policy->renewal_months, policy->max_months - policy->initial_months);
    if (policy->max_reduction_months > policy->promotion_months)
        return np_error_set(err, NP_EINVAL,
                            "max_reduction_months (%d) exceeds promotion_months (%d)",
                            policy->max_reduction_months, policy->promotion_months);
    return NP_OK;
}

np_status np_policy_from_json(np_policy *out, const char *json, size_t len, np_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) return npi_json_parse_error(err, &jerr, "policy JSON", json, len);
    np_policy policy = np_policy_default();
    np_status st = NP_OK;
    if (!json_is_object(root)) {
        st = np_error_set(err, NP_EINVAL, "policy JSON must be an object, got %s",
                          npi_json_type_name(root));
        goto done;
    }
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value) {
        if (strcmp(key, SECONDED_CONVERSION) == 0) {
            if (!json_is_boolean(value)) {
                st = np_error_set(err, NP_EINVAL, "policy key \"%s\" must be true or false, got %s",
                                  key, npi_json_type_name(value));
                goto done;
            }
            policy.seconded_conversion = json_is_true(value);
            continue;
        }
        int *slot = np_policy_int_param(&policy, key);
        if (!slot) {
            char shown[96];
            npi_json_quote_key(shown, sizeof shown, key);
            st = np_error_set(err, NP_EINVAL,
                              "unknown policy key %s (known: initial_months, renewal_months, "
                              "max_months, promotion_months, max_reduction_months, "
                              "conversion_notice_months, seconded_conversion)",
                              shown);
            goto done;
        }
        if (!json_is_integer(value)) {
            st = np_error_set(err, NP_EINVAL, "policy key \"%s\" must be an integer, got %s", key,
                              npi_json_type_name(value));
            goto done;
        }
        const json_int_t v = json_integer_value(value);
        if (v < INT32_MIN || v > INT32_MAX) {
            int min = 0;
            for (size_t i = 0; i < INT_PARAM_COUNT; i++)
                if (strcmp(INT_PARAMS[i].name, key) == 0) min = INT_PARAMS[i].min;
            st = np_error_set(err, NP_EINVAL, "%s must be between %d and %d, got %lld", key, min,
                              NP_POLICY_MONTHS_MAX, (long long)v);
            goto done;
        }
        *slot = (int)v;
    }
    st = np_policy_validate(&policy, err);
    if (st == NP_OK) *out = policy;
done:
    json_decref(root);
    return st;
}

char *np_policy_to_json(const np_policy *policy, np_error *err)
{
    const np_result r = {.kind = NP_RESULT_POLICY, .policy = policy};
    char *text;
    if (np_emit_json(&text, np_emit_result, &r, true, err) != NP_OK) return NULL;
    return text;
}

np_status np_policy_load(np_policy *out, const char *path, np_error *err)
{
    char *text;
    size_t len;
    np_status st = npi_file_read_all(path, &text, &len, err);
    if (st != NP_OK) return st;
    st = np_policy_from_json(out, text, len, err);
    if (st != NP_OK) np_error_prefix(err, "%s", path);
    free(text);
    return st;
}

np_status np_policy_save(const np_policy *policy, const char *path, np_error *err)
{
    np_status st = np_policy_validate(policy, err);
    if (st != NP_OK) return st;
    char *text = np_policy_to_json(policy, err);
    if (!text) return NP_ENOMEM;
    const size_t len = strlen(text);
    /* A trailing newline keeps the file friendly to line-oriented tools. */
    char *with_nl = realloc(text, len + 2);
    if (!with_nl) {
        free(text);
        return np_error_set(err, NP_ENOMEM, "out of memory writing %s", path);
    }
    with_nl[len] = '\n';
    with_nl[len + 1] = '\0';
    st = npi_file_write_atomic(path, with_nl, len + 1, err);
    free(with_nl);
    return st;
}
