/* libFuzzer harness: the notice text reader. Any input either fails with a
 * message or gives a posting that survives a JSON round trip unchanged and
 * whose diagnostics point inside the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    np_posting *p = NULL;
    np_error err;
    if (np_notice_read(&p, (const char *)data, size, "fuzz", &err) != NP_OK) {
        if (err.message[0] == '\0' || p != NULL) abort();
        return 0;
    }
    size_t lines = 1;
    for (size_t i = 0; i < size; i++) lines += data[i] == '\n';
    for (size_t i = 0; i < p->diagnostic_count; i++)
        if (p->diagnostics[i].line < 0 || (size_t)p->diagnostics[i].line > lines) abort();
    char *json = NULL;
    if (np_posting_to_json(&json, p, false, NULL) != NP_OK) abort();
    np_posting *back = NULL;
    if (np_posting_from_json(&back, json, strlen(json), NULL) != NP_OK) abort();
    if (!np_posting_equal(p, back, NULL, 0)) abort();
    np_free(json);
    np_posting_free(back);
    np_posting_free(p);
    return 0;
}
