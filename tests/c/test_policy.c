/* natopost/policy.h: defaults, validation, JSON, files, introspection. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "natopost/policy.h"
#include "support.h"

/* The integer parameters in declaration order, with their lower bounds
 * (spec: an initial contract and a maximum of at least one month). */
static const struct {
    const char *name;
    int min;
    size_t offset;
} PARAMS[] = {
    {"initial_months", 1, offsetof(np_policy, initial_months)},
    {"renewal_months", 0, offsetof(np_policy, renewal_months)},
    {"max_months", 1, offsetof(np_policy, max_months)},
    {"promotion_months", 0, offsetof(np_policy, promotion_months)},
    {"max_reduction_months", 0, offsetof(np_policy, max_reduction_months)},
    {"conversion_notice_months", 0, offsetof(np_policy, conversion_notice_months)},
};
#define PARAM_COUNT (sizeof PARAMS / sizeof PARAMS[0])

static int *field(np_policy *p, size_t i) { return (int *)(void *)((char *)p + PARAMS[i].offset); }

static np_policy from_json_ok(const char *json)
{
    np_policy p;
    np_error err;
    cr_assert_eq(np_policy_from_json(&p, json, strlen(json), &err), NP_OK, "%s: %s", json,
                 err.message);
    return p;
}

/* Asserts that `json` is rejected with `code` and a message containing each
 * of the NULL-terminated fragments, leaving *out alone. */
static void from_json_fails(const char *json, np_status code, const char *const *fragments)
{
    np_policy p = {1, 2, 3, 4, 5, 6, true}, untouched = p;
    np_error err;
    const np_status st = np_policy_from_json(&p, json, strlen(json), &err);
    cr_assert_eq(st, code, "%s: status %d, expected %d (%s)", json, st, code, err.message);
    cr_assert_eq(err.code, code);
    for (; fragments && *fragments; fragments++)
        cr_assert_not_null(strstr(err.message, *fragments), "%s: message \"%s\" lacks \"%s\"",
                           json, err.message, *fragments);
    cr_assert(np_policy_equal(&p, &untouched), "%s: out is left alone on error", json);
    cr_assert_eq(np_policy_from_json(&p, json, strlen(json), NULL), code, "err may be NULL");
}

#define FRAGMENTS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- defaults, equality, introspection ------------------------------------------ */

Test(policy_defaults, equal_the_spec)
{
    const np_policy p = np_policy_default();
    cr_assert_eq(p.initial_months, 36, "3-year definite duration contract");
    cr_assert_eq(p.renewal_months, 36, "renewable for up to 3 years");
    cr_assert_eq(p.max_months, 72, "six years at most");
    cr_assert_eq(p.promotion_months, 36, "not normally during the first three years");
    cr_assert_eq(p.max_reduction_months, 24, "reducible by up to 24 months");
    cr_assert_eq(p.conversion_notice_months, 12, "no later than one year before the end");
    cr_assert_eq(p.seconded_conversion, false, "no conversion for seconded staff");
    const np_policy init = NP_POLICY_DEFAULT_INIT;
    cr_assert(np_policy_equal(&p, &init));
    cr_assert_eq(np_policy_validate(&p, NULL), NP_OK);
    cr_assert_eq(NP_POLICY_MONTHS_MAX, 1200);
}

Test(policy_defaults, equal_compares_every_field_not_padding)
{
    np_policy a, b;
    memset(&a, 0x00, sizeof a);
    memset(&b, 0xA5, sizeof b);
    a = b = np_policy_default(); /* padding may still differ */
    cr_assert(np_policy_equal(&a, &b));
    for (size_t i = 0; i < PARAM_COUNT; i++) {
        b = a;
        (*field(&b, i))++;
        cr_assert_not(np_policy_equal(&a, &b), "%s differs", PARAMS[i].name);
        cr_assert_not(np_policy_equal(&b, &a));
    }
    b = a;
    b.seconded_conversion = true;
    cr_assert_not(np_policy_equal(&a, &b), "seconded_conversion differs");
}

Test(policy_introspection, int_params)
{
    cr_assert_eq(np_policy_int_param_count(), PARAM_COUNT);
    np_policy p = np_policy_default();
    for (size_t i = 0; i < PARAM_COUNT; i++) {
        cr_assert_str_eq(np_policy_int_param_name(i), PARAMS[i].name, "parameter %zu", i);
        int *slot = np_policy_int_param(&p, PARAMS[i].name);
        cr_assert_eq(slot, field(&p, i), "%s points at its field", PARAMS[i].name);
        *slot = 100 + (int)i;
        cr_assert_eq(*field(&p, i), 100 + (int)i);
    }
    cr_assert_null(np_policy_int_param_name(PARAM_COUNT));
    cr_assert_null(np_policy_int_param_name((size_t)-1));
    cr_assert_null(np_policy_int_param(&p, "seconded_conversion"), "the boolean is not listed");
    cr_assert_null(np_policy_int_param(&p, ""));
    cr_assert_null(np_policy_int_param(&p, "initial"));
    cr_assert_null(np_policy_int_param(&p, "Initial_months"));
    cr_assert_null(np_policy_int_param(&p, "initial_months "));
}

/* ---- validation -------------------------------------------------------------------- */

Test(policy_validate, each_parameter_out_of_range)
{
    for (size_t i = 0; i < PARAM_COUNT; i++) {
        const int bad[] = {PARAMS[i].min - 1, NP_POLICY_MONTHS_MAX + 1, -1000000};
        for (size_t k = 0; k < 3; k++) {
            np_policy p = np_policy_default();
            *field(&p, i) = bad[k];
            np_error err;
            cr_assert_eq(np_policy_validate(&p, &err), NP_EINVAL, "%s = %d", PARAMS[i].name, bad[k]);
            char expected[200];
            snprintf(expected, sizeof expected, "%s must be between %d and 1200, got %d",
                     PARAMS[i].name, PARAMS[i].min, bad[k]);
            cr_assert_str_eq(err.message, expected);
            cr_assert_eq(np_policy_validate(&p, NULL), NP_EINVAL);
        }
    }
}

Test(policy_validate, consistency)
{
    static const struct {
        np_policy p;
        const char *message;
    } cases[] = {
        {{36, 0, 30, 36, 24, 12, false}, "max_months (30) is less than initial_months (36)"},
        {{36, 48, 72, 36, 24, 12, false},
         "renewal_months (48) exceeds max_months - initial_months (36)"},
        {{36, 37, 72, 36, 24, 12, false},
         "renewal_months (37) exceeds max_months - initial_months (36)"},
        {{36, 36, 72, 12, 24, 12, false}, "max_reduction_months (24) exceeds promotion_months (12)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        np_error err;
        cr_assert_eq(np_policy_validate(&cases[i].p, &err), NP_EINVAL);
        cr_assert_str_eq(err.message, cases[i].message);
    }
    /* the edges that are valid */
    static const np_policy ok[] = {
        {1, 0, 1, 0, 0, 0, false},
        {1200, 0, 1200, 1200, 1200, 1200, true},
        {600, 600, 1200, 24, 24, 0, false},
        {36, 36, 72, 24, 24, 12, false},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        np_error err;
        cr_assert_eq(np_policy_validate(&ok[i], &err), NP_OK, "ok[%zu]: %s", i, err.message);
    }
}

/* ---- JSON -------------------------------------------------------------------------- */

Test(policy_json, partial_object_keeps_defaults)
{
    np_policy p = from_json_ok("{\"renewal_months\": 24}");
    const np_policy expected = {36, 24, 72, 36, 24, 12, false};
    cr_assert(np_policy_equal(&p, &expected));
    p = from_json_ok("{}");
    const np_policy def = NP_POLICY_DEFAULT_INIT;
    cr_assert(np_policy_equal(&p, &def));
    p = from_json_ok("  {\"seconded_conversion\": true, \"promotion_months\": 30}\n");
    const np_policy expected2 = {36, 36, 72, 30, 24, 12, true};
    cr_assert(np_policy_equal(&p, &expected2));
    p = from_json_ok("{\"initial_months\": 12, \"renewal_months\": 12, \"max_months\": 24,"
                     " \"promotion_months\": 6, \"max_reduction_months\": 6,"
                     " \"conversion_notice_months\": 1, \"seconded_conversion\": false}");
    const np_policy expected3 = {12, 12, 24, 6, 6, 1, false};
    cr_assert(np_policy_equal(&p, &expected3));
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, len_bounds_the_input)
{
    static const char text[] = "{\"renewal_months\": 12}garbage";
    np_policy p;
    cr_assert_eq(np_policy_from_json(&p, text, 22, NULL), NP_OK);
    cr_assert_eq(p.renewal_months, 12);
    char *exact = malloc(22); /* no NUL: ASan catches an over-read */
    cr_assert_not_null(exact);
    memcpy(exact, text, 22);
    cr_assert_eq(np_policy_from_json(&p, exact, 22, NULL), NP_OK);
    cr_assert_eq(p.renewal_months, 12);
    free(exact);
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, unknown_key)
{
    from_json_fails("{\"initial_month\": 36}", NP_EINVAL,
                    FRAGMENTS("unknown policy key \"initial_month\"", "initial_months"));
    from_json_fails("{\"renewal_months\": 12, \"Max_months\": 60}", NP_EINVAL,
                    FRAGMENTS("\"Max_months\""));
    from_json_fails("{\"\": 1}", NP_EINVAL, FRAGMENTS("unknown policy key \"\""));
    from_json_fails("{\"x\\u00e9\": 1}", NP_EINVAL, FRAGMENTS("unknown policy key \"x\\xC3\\xA9\""));
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, wrong_types_name_the_key)
{
    static const struct {
        const char *json, *message;
    } cases[] = {
        {"{\"initial_months\": \"36\"}", "policy key \"initial_months\" must be an integer, got a string"},
        {"{\"initial_months\": 36.0}", "policy key \"initial_months\" must be an integer, got a real number"},
        {"{\"renewal_months\": null}", "policy key \"renewal_months\" must be an integer, got null"},
        {"{\"max_months\": [72]}", "policy key \"max_months\" must be an integer, got an array"},
        {"{\"promotion_months\": {}}", "policy key \"promotion_months\" must be an integer, got an object"},
        {"{\"max_reduction_months\": true}", "policy key \"max_reduction_months\" must be an integer, got true"},
        {"{\"conversion_notice_months\": 1e1}", "policy key \"conversion_notice_months\" must be an integer, got a real number"},
        {"{\"seconded_conversion\": 1}", "policy key \"seconded_conversion\" must be true or false, got an integer"},
        {"{\"seconded_conversion\": \"true\"}", "policy key \"seconded_conversion\" must be true or false, got a string"},
        {"{\"seconded_conversion\": null}", "policy key \"seconded_conversion\" must be true or false, got null"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        np_policy p = np_policy_default();
        np_error err;
        cr_assert_eq(np_policy_from_json(&p, cases[i].json, strlen(cases[i].json), &err), NP_EINVAL,
                     "%s", cases[i].json);
        cr_assert_str_eq(err.message, cases[i].message);
    }
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, out_of_range_values)
{
    from_json_fails("{\"initial_months\": 0}", NP_EINVAL,
                    FRAGMENTS("initial_months must be between 1 and 1200, got 0"));
    from_json_fails("{\"promotion_months\": -1}", NP_EINVAL,
                    FRAGMENTS("promotion_months must be between 0 and 1200, got -1"));
    from_json_fails("{\"renewal_months\": 48}", NP_EINVAL,
                    FRAGMENTS("renewal_months (48) exceeds max_months - initial_months (36)"));
    from_json_fails("{\"max_months\": 1201}", NP_EINVAL, FRAGMENTS("max_months", "1201"));
    /* beyond int: 2^40, -2^40, 2^31 */
    from_json_fails("{\"initial_months\": 1099511627776}", NP_EINVAL,
                    FRAGMENTS("initial_months", "1099511627776"));
    from_json_fails("{\"renewal_months\": -1099511627776}", NP_EINVAL,
                    FRAGMENTS("renewal_months", "-1099511627776"));
    from_json_fails("{\"max_months\": 2147483648}", NP_EINVAL, FRAGMENTS("max_months", "2147483648"));
    /* beyond jansson's integers */
    from_json_fails("{\"max_months\": 99999999999999999999}", NP_EPARSE, FRAGMENTS("too big"));
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, huge_value_message_states_the_real_range)
{
    /* 2^40 is rejected before validation; the message should still give the
     * parameter's real range (initial_months: 1..1200), as validation does. */
    np_policy p;
    np_error err;
    static const char json[] = "{\"initial_months\": 1099511627776}";
    cr_assert_eq(np_policy_from_json(&p, json, strlen(json), &err), NP_EINVAL);
    cr_expect_str_eq(err.message, "initial_months must be between 1 and 1200, got 1099511627776");
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, malformed_json_has_a_position)
{
    static const char json[] = "{\n  \"initial_months\": 36\n  \"renewal_months\": 12\n}";
    np_policy p;
    np_error err;
    cr_assert_eq(np_policy_from_json(&p, json, strlen(json), &err), NP_EPARSE);
    cr_assert_eq(err.code, NP_EPARSE);
    cr_assert_eq(err.line, 3, "the missing comma is noticed on line 3 (%s)", err.message);
    cr_assert(err.column >= 3 && err.column <= 18, "column %d on line 3", err.column);
    cr_assert(err.offset >= 25 && err.offset <= 43, "offset %zu within line 3", err.offset);
    cr_assert(strncmp(err.message, "policy JSON: ", 13) == 0, "%s", err.message);
    cr_assert_not_null(strstr(err.message, "line 3"), "%s", err.message);

    from_json_fails("{\"initial_months\": 36,}", NP_EPARSE, FRAGMENTS("policy JSON", "line 1"));
    from_json_fails("{", NP_EPARSE, FRAGMENTS("policy JSON"));
    from_json_fails("", NP_EPARSE, FRAGMENTS("policy JSON"));
    from_json_fails("{\"initial_months\": 36} x", NP_EPARSE, FRAGMENTS("policy JSON"));
    from_json_fails("{'initial_months': 36}", NP_EPARSE, FRAGMENTS("policy JSON"));
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, error_position_is_bytes)
{
    /* error.h: column is 1-based in bytes, offset the 0-based byte offset of
     * the offending input -- as np_date_parse reports them. The stray 'x' is
     * byte 22 (column 23); after two 2-byte characters, byte 13 (column 14). */
    np_policy p;
    np_error err;
    static const char ascii[] = "{\"initial_months\": 36 x}";
    cr_assert_eq(np_policy_from_json(&p, ascii, strlen(ascii), &err), NP_EPARSE);
    cr_assert_eq(err.line, 1);
    cr_expect_eq(err.column, 23, "column %d", err.column);
    cr_expect_eq(err.offset, 22, "offset %zu of 'x'", err.offset);

    static const char utf8[] = "{\"a\": \"\xC3\xA9\xC3\xA9\" x}";
    cr_assert_eq(np_policy_from_json(&p, utf8, strlen(utf8), &err), NP_EPARSE);
    cr_expect_eq(err.column, 14, "byte column %d", err.column);
    cr_expect_eq(err.offset, 13, "offset %zu of 'x'", err.offset);
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, error_position_at_the_end_and_on_a_bad_byte)
{
    /* jansson's position is one past a token it consumed, but the end of the
     * input and a byte that is not UTF-8 are not consumed: there it is the
     * offset itself. Line, column and offset must agree ("{\n": the end is
     * line 2, column 1, offset 2 -- not line 2 with the newline's offset). */
    static const struct {
        const char *text;
        int line, column;
        size_t offset;
    } cases[] = {
        {"", 1, 1, 0},
        {"{", 1, 2, 1},
        {"{\n", 2, 1, 2},
        {"{\"initial_months\": 36", 1, 22, 21},
        {"{\"a\": \"abc", 1, 11, 10},
        {"{\"a\": \"\xFF\"}", 1, 8, 7},
        {"{\"initial_months\": 36}\n\n x", 3, 2, 25},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        np_policy p;
        np_error err;
        const char *text = cases[i].text;
        cr_assert_eq(np_policy_from_json(&p, text, strlen(text), &err), NP_EPARSE, "case %zu", i);
        cr_expect_eq(err.line, cases[i].line, "case %zu: line %d (%s)", i, err.line, err.message);
        cr_expect_eq(err.column, cases[i].column, "case %zu: column %d (%s)", i, err.column,
                     err.message);
        cr_expect_eq(err.offset, cases[i].offset, "case %zu: offset %zu (%s)", i, err.offset,
                     err.message);
    }
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, duplicate_keys_rejected)
{
    from_json_fails("{\"initial_months\": 36, \"initial_months\": 24}", NP_EPARSE,
                    FRAGMENTS("duplicate"));
    from_json_fails("{\"seconded_conversion\": true, \"seconded_conversion\": false}", NP_EPARSE,
                    FRAGMENTS("duplicate"));
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, not_an_object_rejected)
{
    from_json_fails("[]", NP_EINVAL, FRAGMENTS("policy JSON must be an object, got an array"));
    from_json_fails("[{\"initial_months\": 36}]", NP_EINVAL, FRAGMENTS("must be an object"));
    /* jansson refuses top-level scalars as malformed */
    static const char *const scalars[] = {"36", "\"policy\"", "null", "true"};
    for (size_t i = 0; i < 4; i++) {
        np_policy p = {1, 2, 3, 4, 5, 6, true}, untouched = p;
        np_error err;
        cr_assert_neq(np_policy_from_json(&p, scalars[i], strlen(scalars[i]), &err), NP_OK, "%s",
                      scalars[i]);
        cr_assert(np_policy_equal(&p, &untouched));
    }
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, to_json_text)
{
    const np_policy def = NP_POLICY_DEFAULT_INIT;
    np_error err;
    char *text = np_policy_to_json(&def, &err);
    cr_assert_not_null(text, "%s", err.message);
    cr_assert_str_eq(text, "{\n"
                           "  \"initial_months\": 36,\n"
                           "  \"renewal_months\": 36,\n"
                           "  \"max_months\": 72,\n"
                           "  \"promotion_months\": 36,\n"
                           "  \"max_reduction_months\": 24,\n"
                           "  \"conversion_notice_months\": 12,\n"
                           "  \"seconded_conversion\": false\n"
                           "}");
    np_free(text);
    np_free(NULL);
    TS_ASSERT_NO_LEAKS();
}

Test(policy_json, round_trip)
{
    static const np_policy policies[] = {
        NP_POLICY_DEFAULT_INIT,
        {12, 24, 60, 30, 6, 3, true},
        {1, 0, 1, 0, 0, 0, false},
        {1200, 0, 1200, 1200, 1200, 1200, true},
    };
    for (size_t i = 0; i < sizeof policies / sizeof policies[0]; i++) {
        np_error err;
        char *text = np_policy_to_json(&policies[i], &err);
        cr_assert_not_null(text, "%s", err.message);
        /* the text, read by jansson: every key in declaration order */
        json_error_t jerr;
        json_t *root = json_loads(text, 0, &jerr);
        cr_assert_not_null(root, "%s", jerr.text);
        cr_assert_eq(json_object_size(root), PARAM_COUNT + 1);
        size_t k = 0;
        const char *key;
        json_t *value;
        json_object_foreach(root, key, value) {
            if (k < PARAM_COUNT) {
                cr_assert_str_eq(key, PARAMS[k].name);
                cr_assert(json_is_integer(value));
                cr_assert_eq(json_integer_value(value), *field((np_policy *)&policies[i], k));
            } else {
                cr_assert_str_eq(key, "seconded_conversion");
                cr_assert(json_is_boolean(value));
                cr_assert_eq(json_is_true(value), policies[i].seconded_conversion);
            }
            k++;
        }
        json_decref(root);
        np_policy back;
        cr_assert_eq(np_policy_from_json(&back, text, strlen(text), &err), NP_OK, "%s", err.message);
        cr_assert(np_policy_equal(&back, &policies[i]), "policy %zu round trip", i);
        np_free(text);
    }
    TS_ASSERT_NO_LEAKS();
}

/* ---- files ------------------------------------------------------------------------- */

typedef struct tmpdir {
    char path[64];
} tmpdir;

static tmpdir make_tmpdir(void)
{
    tmpdir d;
    snprintf(d.path, sizeof d.path, "/tmp/natopost-policy-XXXXXX");
    cr_assert_not_null(mkdtemp(d.path), "mkdtemp: %s", strerror(errno));
    return d;
}

static char *join(const tmpdir *d, const char *name)
{
    static char buf[4][sizeof d->path + 260];
    static int next;
    char *out = buf[next++ % 4];
    snprintf(out, sizeof buf[0], "%s/%s", d->path, name);
    return out;
}

/* Entries of the directory other than . and .., sorted into one string. */
static void list_dir(const tmpdir *d, char *out, size_t size)
{
    DIR *dir = opendir(d->path);
    cr_assert_not_null(dir);
    out[0] = '\0';
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (out[0]) strncat(out, " ", size - strlen(out) - 1);
        strncat(out, e->d_name, size - strlen(out) - 1);
    }
    closedir(dir);
}

static void remove_tree(const tmpdir *d)
{
    DIR *dir = opendir(d->path);
    if (!dir) return;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        const char *p = join(d, e->d_name);
        if (unlink(p) != 0) rmdir(p);
    }
    closedir(dir);
    rmdir(d->path);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    fputs(text, f);
    fclose(f);
}

static void read_file(const char *path, char *out, size_t size)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s: %s", path, strerror(errno));
    const size_t n = fread(out, 1, size - 1, f);
    out[n] = '\0';
    fclose(f);
}

Test(policy_file, save_load_round_trip)
{
    tmpdir d = make_tmpdir();
    const char *path = join(&d, "policy.json");
    const np_policy p = {12, 24, 60, 30, 6, 3, true};
    np_error err;
    umask(022);
    cr_assert_eq(np_policy_save(&p, path, &err), NP_OK, "%s", err.message);
    np_policy back;
    cr_assert_eq(np_policy_load(&back, path, &err), NP_OK, "%s", err.message);
    cr_assert(np_policy_equal(&back, &p));

    /* the file is the JSON text plus a newline, readable by others (0666 & ~umask) */
    char *json = np_policy_to_json(&p, NULL);
    char content[1024], expected[1024];
    snprintf(expected, sizeof expected, "%s\n", json);
    np_free(json);
    read_file(path, content, sizeof content);
    cr_assert_str_eq(content, expected);
    struct stat st;
    cr_assert_eq(stat(path, &st), 0);
    cr_assert_eq(st.st_mode & 0777, 0644, "mode %o", (unsigned)(st.st_mode & 0777));

    char names[512];
    list_dir(&d, names, sizeof names);
    cr_assert_str_eq(names, "policy.json", "no temporary files left");
    remove_tree(&d);
    TS_ASSERT_NO_LEAKS();
}

Test(policy_file, save_replaces_the_target_atomically)
{
    tmpdir d = make_tmpdir();
    const char *path = join(&d, "policy.json");
    write_file(path, "old content\n");
    struct stat before, after;
    cr_assert_eq(stat(path, &before), 0);
    const int old_fd = open(path, O_RDONLY);
    cr_assert_geq(old_fd, 0);

    const np_policy p = np_policy_default();
    np_error err;
    cr_assert_eq(np_policy_save(&p, path, &err), NP_OK, "%s", err.message);

    /* A new file was renamed over the target: another inode, and a reader that
     * had the old file open still sees the old content in full. */
    cr_assert_eq(stat(path, &after), 0);
    cr_assert_neq(before.st_ino, after.st_ino, "the target is replaced, not rewritten in place");
    char old[64];
    const ssize_t n = read(old_fd, old, sizeof old - 1);
    cr_assert_eq(n, 12);
    old[n] = '\0';
    cr_assert_str_eq(old, "old content\n");
    close(old_fd);

    np_policy back;
    cr_assert_eq(np_policy_load(&back, path, &err), NP_OK, "%s", err.message);
    cr_assert(np_policy_equal(&back, &p));
    char names[512];
    list_dir(&d, names, sizeof names);
    cr_assert_str_eq(names, "policy.json", "no temporary files left");
    remove_tree(&d);
    TS_ASSERT_NO_LEAKS();
}

Test(policy_file, save_failures_leave_nothing_behind)
{
    tmpdir d = make_tmpdir();
    np_error err;
    const np_policy def = np_policy_default();
    char names[512];

    /* an invalid policy is not written, and the old file stays */
    const char *path = join(&d, "policy.json");
    write_file(path, "{}\n");
    np_policy bad = def;
    bad.max_months = 0;
    cr_assert_eq(np_policy_save(&bad, path, &err), NP_EINVAL);
    cr_assert_not_null(strstr(err.message, "max_months"), "%s", err.message);
    char content[64];
    read_file(path, content, sizeof content);
    cr_assert_str_eq(content, "{}\n");

    /* a missing directory: NP_EIO naming the path */
    const char *missing = join(&d, "nope/policy.json");
    cr_assert_eq(np_policy_save(&def, missing, &err), NP_EIO);
    cr_assert_not_null(strstr(err.message, missing), "%s", err.message);

    /* the target is a directory: the rename fails and the temporary file goes */
    const char *dir_target = join(&d, "target.json");
    cr_assert_eq(mkdir(dir_target, 0755), 0);
    cr_assert_eq(np_policy_save(&def, dir_target, &err), NP_EIO);
    cr_assert_not_null(strstr(err.message, dir_target), "%s", err.message);

    list_dir(&d, names, sizeof names);
    cr_assert(strcmp(names, "policy.json target.json") == 0 ||
                  strcmp(names, "target.json policy.json") == 0,
              "left behind: %s", names);
    remove_tree(&d);
    TS_ASSERT_NO_LEAKS();
}

Test(policy_file, load_errors)
{
    tmpdir d = make_tmpdir();
    np_error err;
    np_policy p = {1, 2, 3, 4, 5, 6, true}, untouched = p;

    const char *missing = join(&d, "missing.json");
    cr_assert_eq(np_policy_load(&p, missing, &err), NP_EIO);
    cr_assert_eq(err.code, NP_EIO);
    cr_assert_not_null(strstr(err.message, missing), "names the path: %s", err.message);
    cr_assert_not_null(strstr(err.message, "No such file"), "%s", err.message);

    cr_assert_eq(np_policy_load(&p, d.path, &err), NP_EIO, "a directory: %s", err.message);
    cr_assert_not_null(strstr(err.message, d.path), "%s", err.message);

    const char *malformed = join(&d, "malformed.json");
    write_file(malformed, "{\n  \"initial_months\": 36,\n}\n");
    cr_assert_eq(np_policy_load(&p, malformed, &err), NP_EPARSE);
    char prefix[300];
    snprintf(prefix, sizeof prefix, "%s: policy JSON: ", malformed);
    cr_assert(strncmp(err.message, prefix, strlen(prefix)) == 0, "%s", err.message);
    cr_assert_eq(err.line, 3, "the position survives the prefix");

    const char *invalid = join(&d, "invalid.json");
    write_file(invalid, "{\"renewal_months\": 48}");
    cr_assert_eq(np_policy_load(&p, invalid, &err), NP_EINVAL);
    snprintf(prefix, sizeof prefix, "%s: renewal_months (48) exceeds", invalid);
    cr_assert(strncmp(err.message, prefix, strlen(prefix)) == 0, "%s", err.message);

    cr_assert(np_policy_equal(&p, &untouched), "out is left alone on error");
    cr_assert_eq(np_policy_load(&p, missing, NULL), NP_EIO, "err may be NULL");
    remove_tree(&d);
    TS_ASSERT_NO_LEAKS();
}

Test(policy_file, load_large_file)
{
    /* more than the reader's first 64 KiB buffer */
    tmpdir d = make_tmpdir();
    const char *path = join(&d, "big.json");
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    fputs("{\"renewal_months\": 12", f);
    for (int i = 0; i < 100000; i++) fputc(' ', f);
    fputs(", \"max_months\": 60}", f);
    fclose(f);
    np_policy p;
    np_error err;
    cr_assert_eq(np_policy_load(&p, path, &err), NP_OK, "%s", err.message);
    cr_assert_eq(p.renewal_months, 12);
    cr_assert_eq(p.max_months, 60);
    remove_tree(&d);
    TS_ASSERT_NO_LEAKS();
}
