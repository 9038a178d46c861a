/* libFuzzer harness: the posting JSON reader (arrays, objects, NDJSON).
 * Every accepted posting writes back to JSON that reads as the same posting;
 * rejected input carries a message; the reader's parser (formats/
 * json_tree.c) accepts what jansson, the parser before it, accepts (but for
 * NUL bytes, see json_tree.h). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "formats/json_tree.h"
#include "natopost/natopost.h"

static void parsers_agree(const uint8_t *data, size_t size)
{
    json_error_t jerr;
    json_t *theirs = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    npj_tree tree = NPJ_TREE_INIT;
    const npj_value *ours;
    size_t error_at;
    np_error err;
    const np_status st = npj_tree_parse(&tree, &ours, (const char *)data, size, true, &error_at, &err);
    /* never accepts what jansson refuses; refuses what jansson accepts only
     * for a NUL byte, which jansson's lexer skips after a number or literal */
    if (st == NP_OK && !theirs) abort();
    if (st != NP_OK && theirs && !memchr(data, 0, size)) abort();
    json_decref(theirs);
    npj_tree_free(&tree);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    np_posting_list list = {0};
    np_error err;
    parsers_agree(data, size);
    if (np_posting_list_read_json(&list, (const char *)data, size, &err) != NP_OK) {
        if (err.message[0] == '\0' || list.count != 0) abort();
        np_posting_list_free(&list);
        return 0;
    }
    for (size_t i = 0; i < list.count; i++) {
        char *json = NULL;
        if (np_posting_to_json(&json, list.items[i], false, NULL) != NP_OK) abort();
        np_posting *back = NULL;
        if (np_posting_from_json(&back, json, strlen(json), NULL) != NP_OK) abort();
        if (!np_posting_equal(list.items[i], back, NULL, 0)) abort();
        char *ld = NULL;
        if (np_posting_to_jsonld(&ld, back, NULL) != NP_OK) abort();
        np_free(ld);
        np_free(json);
        np_posting_free(back);
    }
    np_posting_list_free(&list);
    return 0;
}
