/* libFuzzer harness: the policy JSON reader. An accepted policy must be valid
 * and survive a write/read round trip unchanged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    np_policy p;
    np_error err;
    if (np_policy_from_json(&p, (const char *)data, size, &err) != NP_OK) {
        if (err.message[0] == '\0') abort();
        return 0;
    }
    if (np_policy_validate(&p, NULL) != NP_OK) abort();
    char *text = np_policy_to_json(&p, NULL);
    if (!text) abort();
    np_policy back;
    if (np_policy_from_json(&back, text, strlen(text), NULL) != NP_OK) abort();
    if (!np_policy_equal(&p, &back)) abort();
    np_free(text);
    return 0;
}
