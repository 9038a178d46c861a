/* The posting writer's two outputs (formats/posting_to_json.c): the text it
 * writes straight into a buffer is what json_dumps writes of the jansson
 * tree it builds for the hosts (compact, pretty, and lists), byte for byte,
 * on the seeds, the test postings and every posting the test data holds
 * with fields changed at random; reals are each written with their own
 * shortest digits; a bad field gives the same error through both. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/posting_json_internal.h"
#include "natopost/natopost.h"
#include "support.h"

/* The text through the tree, as the writer wrote it before. */
static char *through_tree(const np_posting *p, bool pretty, np_error *err, np_status *st)
{
    json_t *v = NULL;
    int digits = 0;
    *st = npj_posting_value(&v, p, &digits, err);
    if (*st != NP_OK) return NULL;
    char *text = npj_dump(v, (pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_PRESERVE_ORDER, digits);
    json_decref(v);
    return text;
}

static void expect_same_outputs(const np_posting *p, const char *what)
{
    for (int pretty = 0; pretty < 2; pretty++) {
        np_error e1, e2;
        np_status st_tree;
        char *theirs = through_tree(p, pretty, &e1, &st_tree);
        char *ours = NULL;
        const np_status st = np_posting_to_json(&ours, p, pretty, &e2);
        cr_expect_eq(st, st_tree, "%s: status %d, the tree's %d", what, st, st_tree);
        if (st == NP_OK && st_tree == NP_OK) cr_expect_str_eq(ours, theirs, "%s (pretty %d)", what, pretty);
        if (st != NP_OK && st_tree != NP_OK) cr_expect_str_eq(e2.message, e1.message, "%s", what);
        np_free(ours);
        free(theirs);
    }
}

/* The seeds and the test data's postings. */
static size_t load_all(np_posting_list *list)
{
    np_error err;
    const char *seeds = getenv("NATOPOST_SEEDS");
    DIR *dir = seeds ? opendir(seeds) : NULL;
    for (struct dirent *e; dir && (e = readdir(dir));) {
        if (!strstr(e->d_name, ".txt")) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", seeds, e->d_name);
        np_posting *p;
        if (np_notice_read_file(&p, path, &err) == NP_OK) cr_assert_eq(np_posting_list_push(list, p, &err), NP_OK);
    }
    if (dir) closedir(dir);
    char path[1024];
    snprintf(path, sizeof path, "%s/query_postings.ndjson", getenv("NATOPOST_TEST_DATA"));
    cr_assert_eq(np_posting_list_load(list, path, &err), NP_OK, "%s", err.message);
    return list->count;
}

Test(posting_json_write, text_is_json_dumps_of_the_tree)
{
    np_posting_list list = {NULL, 0, 0};
    cr_assert_gt(load_all(&list), 8);
    for (size_t i = 0; i < list.count; i++) {
        char what[32];
        snprintf(what, sizeof what, "posting %zu", i);
        expect_same_outputs(list.items[i], what);
    }
    /* lists: an indented array and NDJSON */
    for (int ndjson = 0; ndjson < 2; ndjson++) {
        json_t *array = json_array();
        int digits = 0;
        npi_strbuf nd = NP_STRBUF_INIT;
        for (size_t i = 0; i < list.count; i++) {
            json_t *v;
            np_error err;
            cr_assert_eq(npj_posting_value(&v, list.items[i], &digits, &err), NP_OK);
            if (ndjson) {
                char *line = npj_dump(v, JSON_COMPACT | JSON_PRESERVE_ORDER, digits);
                npi_strbuf_puts(&nd, line);
                npi_strbuf_puts(&nd, "\n");
                free(line);
                digits = 0;
            }
            json_array_append_new(array, v);
        }
        char *theirs = ndjson ? npi_strbuf_take(&nd) : npj_dump(array, JSON_INDENT(2) | JSON_PRESERVE_ORDER, digits);
        char *ours = NULL;
        np_error err;
        cr_assert_eq(np_posting_list_to_json(&ours, (const np_posting *const *)list.items, list.count, ndjson, &err), NP_OK);
        cr_expect_str_eq(ours, theirs, "list (ndjson %d)", ndjson);
        np_free(ours);
        free(theirs);
        npi_strbuf_reset(&nd);
        json_decref(array);
    }
    char *empty = NULL;
    np_error err;
    cr_assert_eq(np_posting_list_to_json(&empty, NULL, 0, false, &err), NP_OK);
    cr_expect_str_eq(empty, "[]");
    np_free(empty);
    np_posting_list_free(&list);
    TS_ASSERT_NO_LEAKS();
}

/* Fields changed at random, to values in range and out of it: the same
 * text, or the same error. */
Test(posting_json_write, changed_fields_give_the_same_text_or_error)
{
    np_posting_list list = {NULL, 0, 0};
    load_all(&list);
    ts_rng r = {17};
    for (int round = 0; round < 400; round++) {
        np_posting *p = NULL;
        np_error err;
        cr_assert_eq(np_posting_clone(&p, list.items[round % list.count], &err), NP_OK);
        const np_req_kind kind = p->requirement_count ? p->requirements[0].kind : NP_REQ_OTHER;
        switch (ts_rng_range(&r, 0, 9)) {
        case 0: p->deadline.minute = (int)ts_rng_range(&r, -3, 1500); break;
        case 1: p->salary.amount = (double)ts_rng_range(&r, -2, 2000000) / 100.0; break;
        case 2: p->clearance = (np_clearance)ts_rng_range(&r, -2, 6); break;
        case 3: p->lines.title = (int)ts_rng_range(&r, -2, 5); break;
        case 4: p->grade.high = (int)ts_rng_range(&r, 0, 30); break;
        case 5: p->fast_track = (np_tristate)ts_rng_range(&r, -2, 2); break;
        case 6: p->contract.definite_months = (int)ts_rng_range(&r, -2, 1300); break;
        case 7: /* out of range only: another kind would read the union's other member */
            if (p->requirement_count) p->requirements[0].kind = ts_rng_range(&r, 0, 1) ? (np_req_kind)-1 : (np_req_kind)9;
            break;
        case 8: memcpy(p->language, ts_rng_range(&r, 0, 1) ? "de" : "en", 3); break;
        default: p->published = (np_date)ts_rng_range(&r, -2, 5000000); break;
        }
        char what[32];
        snprintf(what, sizeof what, "round %d", round);
        expect_same_outputs(p, what);
        if (p->requirement_count) p->requirements[0].kind = kind; /* so that its part is freed */
        np_posting_free(p);
    }
    np_posting_list_free(&list);
    TS_ASSERT_NO_LEAKS();
}

/* json_dumps writes every real of a document with the most digits any of
 * them needs; the text writes each with its own, and both read back. */
Test(posting_json_write, each_real_has_its_shortest_digits)
{
    np_posting *p = np_posting_new();
    np_error err;
    p->salary.amount = 0.1;
    np_requirement *q;
    cr_assert_eq(np_posting_add_requirement(p, &q, true, "years", 5, 3, &err), NP_OK);
    q->kind = NP_REQ_EXPERIENCE;
    q->as.experience.min_years = 0.1 + 0.2; /* 17 digits: 0.30000000000000004 */
    char *text = NULL;
    cr_assert_eq(np_posting_to_json(&text, p, false, &err), NP_OK);
    cr_expect(strstr(text, "\"amount\":0.1,") != NULL, "%s", text);
    cr_expect(strstr(text, "\"min_years\":0.30000000000000004") != NULL, "%s", text);
    np_posting *back = NULL;
    cr_assert_eq(np_posting_from_json(&back, text, strlen(text), &err), NP_OK);
    cr_expect(np_posting_equal(p, back, NULL, 0));
    np_posting_free(back);
    np_free(text);
    np_posting_free(p);
    TS_ASSERT_NO_LEAKS();
}
