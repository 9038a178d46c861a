/* Runs the shared catalogue of bad inputs (tests/data/bad_inputs.json)
 * through the core: every case fails with its status and a message naming
 * what is wrong, and nothing leaks (LeakSanitizer in the ASan build, valgrind
 * in scripts/valgrind.sh). */
#include <criterion/criterion.h>
#include <string.h>

#include "bad_inputs.h"
#include "natopost/collection.h"
#include "natopost/natopost.h"
#include "support.h"

/* Feeds one input to its surface; returns the status, fills err. Returns
 * NP_OK with *known = false for a surface this suite does not know. */
static np_status feed(const bi_case *c, np_error *err, bool *known)
{
    *known = true;
    if (strcmp(c->surface, "date") == 0) {
        np_date d;
        return np_date_parse(&d, c->input, c->input_len, err);
    }
    if (strcmp(c->surface, "policy_json") == 0) {
        np_policy p;
        return np_policy_from_json(&p, c->input, c->input_len, err);
    }
    if (strcmp(c->surface, "notice") == 0) {
        np_posting *p = NULL;
        np_status st = np_notice_read(&p, c->input, c->input_len, NULL, err);
        np_posting_free(p);
        return st;
    }
    if (strcmp(c->surface, "posting_json") == 0) {
        np_posting_list list = {0};
        np_status st = np_posting_list_read_json(&list, c->input, c->input_len, err);
        np_posting_list_free(&list);
        return st;
    }
    if (strcmp(c->surface, "query") == 0) {
        np_collection *collection = NULL;
        np_result *result = NULL;
        cr_assert_eq(np_collection_new(&collection, NULL), NP_OK);
        np_status st = np_collection_query(&result, collection, c->input, c->input_len, err);
        np_result_free(result);
        np_collection_free(collection);
        return st;
    }
    *known = false;
    return NP_OK;
}

Test(bad_inputs, every_case_fails_clearly)
{
    size_t count;
    bi_case *cases = bi_load(&count);
    size_t ran = 0;
    for (size_t i = 0; i < count; i++) {
        const bi_case *c = &cases[i];
        np_error err;
        np_error_clear(&err);
        bool known;
        np_status st = feed(c, &err, &known);
        cr_assert(known, "%s: unknown surface \"%s\" (add it to feed())", c->name, c->surface);
        ran++;
        cr_expect_eq(st, c->status, "%s: status %s, expected %s (message: %s)", c->name,
                     np_status_name(st), np_status_name(c->status), err.message);
        cr_expect_eq(err.code, st, "%s: err.code must match the status", c->name);
        for (size_t k = 0; k < c->fragment_count; k++)
            cr_expect(strstr(err.message, c->fragments[k]) != NULL,
                      "%s: message \"%s\" lacks \"%s\"", c->name, err.message, c->fragments[k]);
    }
    cr_expect_eq(ran, count);
    bi_free(cases, count);
    TS_ASSERT_NO_LEAKS();
}
