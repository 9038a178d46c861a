/* Requirement kinds and ownership. */
#include "natopost/requirement.h"

#include <stdlib.h>
#include <string.h>

static const char *const KIND_NAMES[] = {"other",  "degree",   "experience",
                                         "languages", "stanag", "travel",
                                         "software", "nationality", "clearance"};

const char *np_req_kind_name(np_req_kind kind)
{
    return (kind >= NP_REQ_OTHER && kind <= NP_REQ_CLEARANCE) ? KIND_NAMES[kind] : "other";
}

np_status np_req_kind_from_name(np_req_kind *out, const char *name, np_error *err)
{
    for (int k = NP_REQ_OTHER; k <= NP_REQ_CLEARANCE; k++) {
        if (name && strcmp(name, KIND_NAMES[k]) == 0) {
            *out = (np_req_kind)k;
            return NP_OK;
        }
    }
    return np_error_set(err, NP_ENOTFOUND,
                        "unknown requirement kind \"%.40s\" (expected other, degree, experience, "
                        "languages, stanag, travel, software, nationality or clearance)",
                        name ? name : "");
}

void np_requirement_clear(np_requirement *req)
{
    if (!req) return;
    free(req->text);
    req->text = NULL;
    if (req->kind == NP_REQ_SOFTWARE) {
        free(req->as.software.names);
        req->as.software.names = NULL;
    }
}
