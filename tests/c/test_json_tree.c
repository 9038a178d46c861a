/* The posting JSON parser (formats/json_tree.c) against jansson, which read
 * posting JSON before it: on hand-picked edge cases, generated documents and
 * byte-level mutations of real postings, both accept or both refuse, and an
 * accepted text gives the same values (types, integers, reals bit for bit,
 * string bytes, members in order). Also the error path the parser adds. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/json_tree.h"
#include "natopost/posting_json.h"
#include "support.h"

enum { ANY = JSON_REJECT_DUPLICATES | JSON_DECODE_ANY };

/* Same value: returns false and says where when they differ. */
static bool same(const json_t *j, const npj_value *v, const char *text)
{
    bool ok;
    switch (json_typeof(j)) {
    case JSON_NULL: ok = v->type == NPJ_NULL; break;
    case JSON_TRUE: ok = v->type == NPJ_TRUE; break;
    case JSON_FALSE: ok = v->type == NPJ_FALSE; break;
    case JSON_INTEGER: ok = v->type == NPJ_INTEGER && v->as.integer == json_integer_value(j); break;
    case JSON_REAL: {
        const double a = json_real_value(j), b = v->type == NPJ_REAL ? v->as.real : NAN;
        ok = v->type == NPJ_REAL && memcmp(&a, &b, sizeof a) == 0;
        break;
    }
    case JSON_STRING:
        ok = v->type == NPJ_STRING && v->len == json_string_length(j) &&
             memcmp(v->as.string, json_string_value(j), v->len + 1) == 0;
        break;
    case JSON_ARRAY:
        ok = v->type == NPJ_ARRAY && v->len == json_array_size(j);
        for (size_t i = 0; ok && i < v->len; i++) ok = same(json_array_get(j, i), &v->as.items[i], text);
        break;
    case JSON_OBJECT: {
        ok = v->type == NPJ_OBJECT && v->len == json_object_size(j);
        size_t i = 0;
        const char *key;
        json_t *value;
        json_object_foreach((json_t *)j, key, value) {
            if (!ok) break;
            ok = strcmp(v->as.members[i].key, key) == 0 && v->as.members[i].key_len == strlen(key) &&
                 same(value, &v->as.members[i].value, text);
            i++;
        }
        break;
    }
    default: ok = false;
    }
    if (!ok) cr_log_error("values differ (jansson type %d, tree type %d) in: %.200s", json_typeof(j), v->type, text);
    return ok;
}

static long checked, accepted;

/* jansson and the tree agree on text[0..len). */
static void agree(npj_tree *tree, const char *text, size_t len, bool any)
{
    json_error_t jerr;
    json_t *j = json_loadb(text, len, any ? ANY : JSON_REJECT_DUPLICATES, &jerr);
    const npj_value *v = NULL;
    size_t error_at = 0;
    np_error err;
    const np_status st = npj_tree_parse(tree, &v, text, len, any, &error_at, &err);
    checked++;
    if (j && st == NP_EPARSE && memchr(text, 0, len)) { /* jansson's NUL quirk (json_tree.h) */
        json_decref(j);
        return;
    }
    if (j) {
        accepted++;
        cr_expect_eq(st, NP_OK, "jansson accepts, the tree refuses at %zu: %.*s", error_at, (int)(len < 300 ? len : 300), text);
        if (st == NP_OK) cr_expect(same(j, v, text));
        json_decref(j);
    } else {
        cr_expect_eq(st, NP_EPARSE, "jansson refuses (%s), the tree accepts: %.*s", jerr.text, (int)(len < 300 ? len : 300), text);
        if (st == NP_EPARSE) cr_expect(error_at <= len);
    }
}

static void agree_s(npj_tree *tree, const char *text) { agree(tree, text, strlen(text), true); }

Test(json_tree, agrees_with_jansson_on_edge_cases)
{
    static const char *const cases[] = {
        "", " ", "{}", "[]", "null", "true", "false", "nul", "nulll", "truee", "tru", "fals",
        "0", "-0", "01", "-01", "-", "1.", ".5", "1e", "1e+", "1E-2", "+1", "1.5e3", "-0.0",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "99999999999999999999999", "1e400", "-1e400", "1e-400",
        "123456789012345678901234567890.5", "0.1", "9253.21", "2.2250738585072014e-308",
        "\"\"", "\"a\\u0000b\"", "\"\\u0041\"", "\"\\uD834\\uDD1E\"", "\"\\uD834\"", "\"\\uDD1E\"",
        "\"\\uD834\\u0041\"", "\"\\uD834x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\x\"", "\"\\\"",
        "\"\\/\\b\\f\\n\\r\\t\\\\\\\"\"", "\"\xff\"", "\"\xc3\xa9\"", "\"\xc3\"", "\"\xe2\x82\xac\"",
        "\"\xed\xa0\x80\"", "\"\xc0\xaf\"", "\"\xf4\x90\x80\x80\"", "\"\xf0\x9d\x84\x9e\"",
        "\"\x01\"", "\"\x7f\"", "\"tab\there\"", "[1,]", "[,1]", "[1 2]", "{\"a\":1,}", "{\"a\" 1}",
        "{1:2}", "{\"a\":1 \"b\":2}", "{\"a\":1,\"a\":2}", "{\"a\":{\"a\":1},\"b\":{\"a\":2}}",
        "{} {}", "{}x", "[] ", "\n\t\r {}\n", "{\"\":1}", "{\"\":1,\"\":2}", "[\"\\u00e9\",\"é\"]",
        "{\"a\\u0000\":1}", "[1e5, 1E+5, -1.25e-3]", "\xef\xbb\xbf{}", "{\"a\":[}", "[[[]]]",
        "{\"k\":-}", "[-a]", "[0x10]", "[Infinity]", "[NaN]", "{\"a\":1}\x00", "[\"a\x00b\"]",
    };
    npj_tree tree = NPJ_TREE_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        agree_s(&tree, cases[i]);
        agree(&tree, cases[i], strlen(cases[i]), false);
    }
    agree(&tree, "{\"a\":1}\0", 8, true); /* a NUL after the value */
    agree(&tree, "[\"a\0b\"]", 7, true);   /* and inside a string */
    npj_tree_free(&tree);
    TS_ASSERT_NO_LEAKS();
}

/* jansson skips a NUL byte right after a number or a literal; JSON has
 * none, and the tree refuses it, saying so. */
Test(json_tree, a_nul_byte_is_refused)
{
    static const struct {
        const char *text;
        size_t len;
        size_t at;
    } cases[] = {{"2\0", 2, 1}, {"[1\0]", 4, 2}, {"[true\0]", 7, 5}, {"{\"a\":null\0}", 11, 9}};
    npj_tree tree = NPJ_TREE_INIT;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        json_error_t jerr;
        json_t *j = json_loadb(cases[i].text, cases[i].len, ANY, &jerr);
        cr_expect_not_null(j, "jansson's quirk: it accepts case %zu", i);
        json_decref(j);
        const npj_value *v;
        size_t at = 0;
        np_error err;
        cr_assert_eq(npj_tree_parse(&tree, &v, cases[i].text, cases[i].len, true, &at, &err), NP_EPARSE);
        cr_expect_eq(at, cases[i].at);
        cr_assert_eq(npj_tree_syntax_error(&err, cases[i].text, cases[i].len, true, at, 1, 0), NP_EPARSE);
        char want[80];
        snprintf(want, sizeof want, "posting JSON: not valid JSON (a NUL byte) at line 1, column %zu", cases[i].at + 1);
        cr_expect_str_eq(err.message, want);
        cr_expect_eq(err.offset, cases[i].at);
    }
    npj_tree_free(&tree);
    /* and through the public reader */
    np_posting_list list = {NULL, 0, 0};
    np_error err;
    cr_expect_eq(np_posting_list_read_json(&list, "[1\0]", 4, &err), NP_EPARSE);
    cr_expect_str_eq(err.message, "posting JSON: not valid JSON (a NUL byte) at line 1, column 3");
    cr_expect_eq(list.count, 0);
    TS_ASSERT_NO_LEAKS();
}

/* Objects large enough for the hash set (more than 16 members). */
Test(json_tree, duplicate_keys_in_large_objects)
{
    npj_tree tree = NPJ_TREE_INIT;
    char text[4096];
    for (int dup = -1; dup < 40; dup += 7) {
        size_t n = 0;
        n += (size_t)snprintf(text + n, sizeof text - n, "{");
        for (int k = 0; k < 40; k++)
            n += (size_t)snprintf(text + n, sizeof text - n, "%s\"key%d\":%d", k ? "," : "", k, k);
        if (dup >= 0) n += (size_t)snprintf(text + n, sizeof text - n, ",\"key%d\":0", dup);
        snprintf(text + n, sizeof text - n, "}");
        agree_s(&tree, text);
    }
    npj_tree_free(&tree);
}

/* Nesting: jansson counts every value's depth, scalars too, up to 2048. */
Test(json_tree, depth_limit_as_jansson)
{
    npj_tree tree = NPJ_TREE_INIT;
    const int depths[] = {2046, 2047, 2048, 2049, 3000};
    for (size_t d = 0; d < sizeof depths / sizeof *depths; d++) {
        const int n = depths[d];
        char *text = malloc((size_t)n * 2 + 2);
        for (int i = 0; i < n; i++) text[i] = '[', text[n + 1 + i] = ']';
        text[n] = '1';
        agree(&tree, text, (size_t)n * 2 + 1, true);
        memmove(text + n, text + n + 1, (size_t)n); /* no scalar inside */
        agree(&tree, text, (size_t)n * 2, true);
        free(text);
    }
    npj_tree_free(&tree);
}

/* ---- generated documents -------------------------------------------------------- */

typedef struct gen {
    ts_rng rng;
    char *buf;
    size_t len, cap;
} gen;

static void put(gen *g, const char *s, size_t n)
{
    if (g->len + n + 1 > g->cap) {
        g->cap = (g->len + n + 1) * 2;
        g->buf = realloc(g->buf, g->cap);
        cr_assert_not_null(g->buf);
    }
    memcpy(g->buf + g->len, s, n);
    g->len += n;
    g->buf[g->len] = '\0';
}

static void puts_(gen *g, const char *s) { put(g, s, strlen(s)); }

static int pick(gen *g, int n) { return (int)ts_rng_range(&g->rng, 0, n - 1); }

static void space(gen *g)
{
    static const char *const spaces[] = {"", "", "", " ", "\n", "\t", "\r\n  "};
    puts_(g, spaces[pick(g, 7)]);
}

static void gen_string(gen *g)
{
    static const char *const pieces[] = {
        "a", "Zz", "é", "€", "𝄞", "\\n", "\\\"", "\\\\", "\\/", "\\u00e9", "\\u20AC", "\\uD834\\uDD1E",
        "\\uDBFF\\uDFFF", " ", "key", "\\t", "\\u0001", "\\b\\f\\r",
    };
    puts_(g, "\"");
    const int n = pick(g, 6);
    for (int i = 0; i < n; i++) puts_(g, pieces[pick(g, (int)(sizeof pieces / sizeof *pieces))]);
    puts_(g, "\"");
}

static void gen_number(gen *g)
{
    char num[64];
    switch (pick(g, 6)) {
    case 0: snprintf(num, sizeof num, "%d", (int)ts_rng_range(&g->rng, -1000, 1000)); break;
    case 1: snprintf(num, sizeof num, "%lld", (long long)ts_rng_next(&g->rng)); break;
    case 2: snprintf(num, sizeof num, "%.17g", (double)ts_rng_range(&g->rng, 0, 1000000) / 100.0); break;
    case 3: snprintf(num, sizeof num, "%de%d", pick(g, 100), (int)ts_rng_range(&g->rng, -330, 330)); break;
    case 4: snprintf(num, sizeof num, "-%d.%03dE+%d", pick(g, 10), pick(g, 1000), pick(g, 20)); break;
    default: snprintf(num, sizeof num, "0.%d", pick(g, 100000)); break;
    }
    puts_(g, num);
}

static void gen_value(gen *g, int depth)
{
    space(g);
    const int kind = pick(g, depth > 4 ? 5 : 7);
    switch (kind) {
    case 0: puts_(g, pick(g, 3) == 0 ? "null" : pick(g, 2) ? "true" : "false"); break;
    case 1: case 2: gen_string(g); break;
    case 3: case 4: gen_number(g); break;
    case 5: {
        puts_(g, "[");
        const int n = pick(g, 5);
        for (int i = 0; i < n; i++) {
            if (i) puts_(g, ",");
            gen_value(g, depth + 1);
        }
        space(g);
        puts_(g, "]");
        break;
    }
    default: {
        puts_(g, "{");
        const int n = pick(g, 20);
        for (int i = 0; i < n; i++) {
            if (i) puts_(g, ",");
            space(g);
            char key[32];
            snprintf(key, sizeof key, "\"k%d\"", pick(g, 40)); /* duplicates now and then */
            puts_(g, key);
            space(g);
            puts_(g, ":");
            gen_value(g, depth + 1);
        }
        space(g);
        puts_(g, "}");
    }
    }
    space(g);
}

/* A copy of text with a few bytes changed, inserted or removed. */
static size_t mutate(gen *g, char *out, const char *text, size_t len)
{
    static const char tokens[] = "{}[],:\"\\0123456789.eE+-tfnul \n\x01\x80\xc3\xa9\xff";
    memcpy(out, text, len);
    const int edits = 1 + pick(g, 3);
    for (int e = 0; e < edits && len; e++) {
        const size_t at = (size_t)ts_rng_range(&g->rng, 0, (int64_t)len - 1);
        const char c = tokens[pick(g, (int)sizeof tokens - 1)];
        switch (pick(g, 4)) {
        case 0: out[at] = c; break;
        case 1: memmove(out + at + 1, out + at, len - at), out[at] = c, len++; break;
        case 2: memmove(out + at, out + at + 1, len - at - 1), len--; break;
        default: len = at; break; /* cut short */
        }
    }
    return len;
}

Test(json_tree, agrees_with_jansson_on_generated_and_mutated_documents)
{
    gen g = {{20261203}, NULL, 0, 0};
    npj_tree tree = NPJ_TREE_INIT;
    checked = accepted = 0;
    char *mutant = NULL;
    for (int round = 0; round < 3000; round++) {
        g.len = 0;
        gen_value(&g, 0);
        agree(&tree, g.buf, g.len, true);
        agree(&tree, g.buf, g.len, false);
        mutant = realloc(mutant, g.len + 8);
        for (int m = 0; m < 3; m++) agree(&tree, mutant, mutate(&g, mutant, g.buf, g.len), true);
    }
    /* real postings, whole lines, mutated */
    size_t len = 0;
    char path[512];
    snprintf(path, sizeof path, "%s/query_postings.ndjson", getenv("NATOPOST_TEST_DATA"));
    char *postings = ts_read_file(path, &len);
    cr_assert_not_null(postings, "%s", path);
    agree(&tree, postings, len, true); /* NDJSON is not one value */
    for (char *line = postings, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
        const size_t n = (size_t)(nl - line);
        agree(&tree, line, n, true);
        mutant = realloc(mutant, n + 8);
        for (int m = 0; m < 400; m++) agree(&tree, mutant, mutate(&g, mutant, line, n), true);
    }
    cr_log_info("%ld texts, %ld accepted", checked, accepted);
    cr_expect_gt(accepted, checked / 10, "the generator makes valid JSON too");
    cr_expect_lt(accepted, checked * 9 / 10, "and invalid JSON too");
    free(postings);
    free(mutant);
    free(g.buf);
    npj_tree_free(&tree);
    TS_ASSERT_NO_LEAKS();
}

/* ---- the error path ---------------------------------------------------------------- */

Test(json_tree, syntax_errors_are_jansson_s)
{
    const char *text = "{\"format\": x}";
    np_error err;
    cr_assert_eq(npj_tree_syntax_error(&err, text, strlen(text), true, 11, 3, 100), NP_EPARSE);
    cr_expect_str_eq(err.message, "posting JSON: invalid token near 'x' at line 3, column 12");
    cr_expect_eq(err.line, 3);
    cr_expect_eq(err.offset, 111);
}

/* Should jansson accept what the tree refused (they disagree: the tests above
 * look for that), the error still has a position. */
Test(json_tree, a_disagreement_still_has_a_position)
{
    const char *text = "{\n  \"a\": 1}";
    np_error err;
    cr_assert_eq(npj_tree_syntax_error(&err, text, strlen(text), true, 9, 2, 50), NP_EPARSE);
    cr_expect_str_eq(err.message, "posting JSON: not valid JSON at line 3, column 8");
    cr_expect_eq(err.line, 3);
    cr_expect_eq(err.column, 8);
    cr_expect_eq(err.offset, 59);
}

Test(json_tree, object_get_and_type_names)
{
    npj_tree tree = NPJ_TREE_INIT;
    const npj_value *v;
    size_t at;
    np_error err;
    const char *text = "{\"a\": [1, 2.5, \"s\", true, false, null, {}]}";
    cr_assert_eq(npj_tree_parse(&tree, &v, text, strlen(text), false, &at, &err), NP_OK);
    const npj_value *a = npj_object_get(v, "a");
    cr_assert_not_null(a);
    cr_expect_null(npj_object_get(v, "b"));
    cr_expect_null(npj_object_get(a, "a"));
    static const char *const names[] = {"an integer", "a real number", "a string", "true", "false", "null", "an object"};
    cr_assert_eq(npj_array_size(a), 7);
    for (size_t i = 0; i < 7; i++) cr_expect_str_eq(npj_type_name(npj_array_get(a, i)), names[i]);
    cr_expect_str_eq(npj_type_name(v), "an object");
    cr_expect_str_eq(npj_type_name(a), "an array");
    cr_expect_str_eq(npj_type_name(NULL), "nothing (the key is absent)");
    /* "[]" at the top needs `any` off too; a scalar needs it on */
    cr_expect_eq(npj_tree_parse(&tree, &v, "1", 1, false, &at, &err), NP_EPARSE);
    cr_expect_eq(npj_tree_parse(&tree, &v, "1", 1, true, &at, &err), NP_OK);
    npj_tree_free(&tree);
    TS_ASSERT_NO_LEAKS();
}

/* The record form's jansson values become the same tree. */
Test(json_tree, from_jansson)
{
    npj_tree tree = NPJ_TREE_INIT;
    const char *text = "{\"b\": [1, -2.5e-3, \"\\u00e9\", true, false, null], \"a\": {\"x\": {}}}";
    json_error_t jerr;
    json_t *j = json_loads(text, 0, &jerr);
    cr_assert_not_null(j);
    const npj_value *v;
    np_error err;
    cr_assert_eq(npj_tree_from_jansson(&tree, &v, j, &err), NP_OK);
    cr_expect(same(j, v, text));
    json_decref(j);
    npj_tree_free(&tree);
    TS_ASSERT_NO_LEAKS();
}
