/* libFuzzer harness: the query evaluator over a collection's columns. The
 * collection holds the postings of the file named by NATOPOST_FUZZ_POSTINGS
 * (scripts/fuzz.sh passes tests/data/query_postings.ndjson), else two
 * built-in ones. Every accepted query must run, and select exactly as many
 * rows as the row-wise evaluator accepts. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/collection.h"
#include "natopost/natopost.h"
#include "natopost/posting_fields.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static np_collection *collection;

static void build_collection(void)
{
    if (np_collection_new(&collection, NULL) != NP_OK) abort();
    const char *path = getenv("NATOPOST_FUZZ_POSTINGS");
    if (path && np_collection_add_path(collection, path, NULL) == NP_OK) return;
    /* Two postings that differ in every typed field. */
    for (int i = 0; i < 2; i++) {
        np_posting *p = np_posting_new();
        if (!p) abort();
        np_posting_set_text(&p->id, i ? "b" : "a", 1, NULL);
        np_posting_set_text(&p->title, i ? "Staff Officer" : "Officer, Plans", i ? 13 : 14, NULL);
        np_posting_set_text(&p->division, "Operations Division", 19, NULL);
        p->grade.low = p->grade.high = (uint8_t)(i ? 20 : 15);
        p->deadline.date = 20300 + i * 30;
        p->clearance = i ? NP_CLEARANCE_NS : NP_CLEARANCE_NONE;
        p->fast_track = i ? NP_YES : NP_NO;
        np_requirement *r;
        np_posting_add_requirement(p, &r, true, "languages", 9, 1, NULL);
        r->kind = NP_REQ_LANGUAGES;
        r->as.languages.form = NP_LANG_EITHER_OR;
        r->as.languages.one = NP_LEVEL_V;
        r->as.languages.other = i ? NP_LEVEL_III : NP_LEVEL_I;
        if (np_collection_add_posting(collection, p, NULL) != NP_OK) abort();
        np_posting_free(p);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!collection) build_collection();
    np_query *q = NULL;
    np_error err;
    if (np_collection_compile(collection, &q, (const char *)data, size, &err) != NP_OK) {
        if (err.message[0] == '\0') abort();
        return 0;
    }
    np_result *result = NULL;
    if (np_collection_run(&result, collection, q, &err) != NP_OK) abort();
    size_t n = np_collection_count(collection), matched = 0;
    for (size_t row = 0; row < n; row++) {
        np_collection_row r = {collection, row};
        matched += np_query_match(q, &r, np_collection_row_get);
    }
    if (!q->count_by && np_result_count(result) != matched) abort();
    np_result_free(result);
    np_query_free(q);
    return 0;
}
