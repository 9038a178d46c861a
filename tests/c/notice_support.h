/* Helpers of the notice-reader suites written for issue 13 (one file per
 * layout family): read a text that must read, find a diagnostic, make a date. */
#ifndef NATOPOST_TESTS_NOTICE_SUPPORT_H
#define NATOPOST_TESTS_NOTICE_SUPPORT_H

#include <criterion/criterion.h>
#include <string.h>

#include "natopost/natopost.h"

/* The posting of `text`; the reader must accept it. Owned by the caller. */
static inline np_posting *ns_read(const char *text)
{
    np_posting *p = NULL;
    np_error err;
    np_status st = np_notice_read(&p, text, strlen(text), NULL, &err);
    cr_assert_eq(st, NP_OK, "np_notice_read: %s", err.message);
    return p;
}

/* A diagnostic about `field` whose message contains `part` (NULL: any). */
static inline bool ns_has_diag(const np_posting *p, const char *field, const char *part)
{
    for (size_t i = 0; i < p->diagnostic_count; i++) {
        const np_diagnostic *g = &p->diagnostics[i];
        if (g->field && strcmp(g->field, field) == 0 && (!part || strstr(g->message, part)))
            return true;
    }
    return false;
}

/* A string field read from `text` is `want` (NULL: not read). */
static inline void ns_expect_field(const char *got, const char *want, const char *text)
{
    if (want) cr_expect_str_eq(got, want, "in: %s", text);
    else cr_expect_null(got, "in: %s (got %s)", text, got);
}

static inline np_date ns_ymd(int y, int m, int d)
{
    np_date out;
    cr_assert_eq(np_date_from_ymd(&out, y, m, d, NULL), NP_OK);
    return out;
}

#endif
