/* libFuzzer harness: the posting JSON reader (arrays, objects, NDJSON).
 * Every accepted posting writes back to JSON that reads as the same posting;
 * rejected input carries a message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    np_posting_list list = {0};
    np_error err;
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
