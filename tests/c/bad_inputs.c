#include "bad_inputs.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_bytes(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    cr_assert_not_null(d);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static void read_input(bi_case *c, json_t *item)
{
    json_t *text = json_object_get(item, "text");
    json_t *hex = json_object_get(item, "hex");
    json_t *repeat = json_object_get(item, "repeat");
    cr_assert((text != NULL) + (hex != NULL) + (repeat != NULL) == 1,
              "%s: exactly one of text, hex, repeat", c->name);
    if (text) {
        c->input_len = json_string_length(text);
        c->input = dup_bytes(json_string_value(text), c->input_len);
    } else if (hex) {
        const char *h = json_string_value(hex);
        size_t n = strlen(h) / 2;
        c->input = malloc(n + 1);
        cr_assert_not_null(c->input);
        for (size_t i = 0; i < n; i++) {
            unsigned byte;
            cr_assert_eq(sscanf(h + 2 * i, "%2x", &byte), 1, "%s: bad hex", c->name);
            c->input[i] = (char)byte;
        }
        c->input[n] = '\0';
        c->input_len = n;
    } else {
        const char *unit = json_string_value(json_object_get(repeat, "unit"));
        const char *prefix = json_string_value(json_object_get(repeat, "prefix"));
        const char *suffix = json_string_value(json_object_get(repeat, "suffix"));
        json_int_t count = json_integer_value(json_object_get(repeat, "count"));
        cr_assert(unit && prefix && suffix && count > 0, "%s: bad repeat", c->name);
        size_t u = strlen(unit), p = strlen(prefix), s = strlen(suffix);
        c->input_len = p + u * (size_t)count + s;
        c->input = malloc(c->input_len + 1);
        cr_assert_not_null(c->input);
        memcpy(c->input, prefix, p);
        for (json_int_t i = 0; i < count; i++) memcpy(c->input + p + (size_t)i * u, unit, u);
        memcpy(c->input + p + u * (size_t)count, suffix, s);
        c->input[c->input_len] = '\0';
    }
}

bi_case *bi_load(size_t *count)
{
    const char *dir = getenv("NATOPOST_TEST_DATA");
    cr_assert_not_null(dir, "NATOPOST_TEST_DATA is not set");
    char path[4096];
    snprintf(path, sizeof path, "%s/bad_inputs.json", dir);
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_ALLOW_NUL, &jerr);
    cr_assert_not_null(root, "%s: %s", path, jerr.text);
    json_t *items = json_object_get(root, "cases");
    cr_assert(json_is_array(items));
    size_t n = json_array_size(items);
    bi_case *cases = calloc(n, sizeof *cases);
    cr_assert_not_null(cases);
    for (size_t i = 0; i < n; i++) {
        json_t *item = json_array_get(items, i);
        bi_case *c = &cases[i];
        const char *name = json_string_value(json_object_get(item, "name"));
        const char *surface = json_string_value(json_object_get(item, "surface"));
        const char *status = json_string_value(json_object_get(item, "status"));
        cr_assert(name && surface && status, "case %zu: name, surface, status", i);
        c->name = dup_bytes(name, strlen(name));
        c->surface = dup_bytes(surface, strlen(surface));
        cr_assert(strcmp(status, "parse") == 0 || strcmp(status, "invalid") == 0,
                  "%s: status %s", name, status);
        c->status = strcmp(status, "parse") == 0 ? NP_EPARSE : NP_EINVAL;
        read_input(c, item);
        json_t *frags = json_object_get(item, "message_contains");
        cr_assert(json_is_array(frags) && json_array_size(frags) > 0, "%s: message_contains", name);
        c->fragment_count = json_array_size(frags);
        c->fragments = calloc(c->fragment_count, sizeof *c->fragments);
        cr_assert_not_null(c->fragments);
        for (size_t k = 0; k < c->fragment_count; k++) {
            const char *f = json_string_value(json_array_get(frags, k));
            cr_assert_not_null(f);
            c->fragments[k] = dup_bytes(f, strlen(f));
        }
    }
    json_decref(root);
    *count = n;
    return cases;
}

void bi_free(bi_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(cases[i].name);
        free(cases[i].surface);
        free(cases[i].input);
        for (size_t k = 0; k < cases[i].fragment_count; k++) free(cases[i].fragments[k]);
        free(cases[i].fragments);
    }
    free(cases);
}
