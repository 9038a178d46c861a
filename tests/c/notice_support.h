/* Helpers of the notice reader's suites: the seeds (../shared/seeds through
 * NATOPOST_SEEDS; under CI=true a missing folder is a failure, otherwise the
 * test is skipped with a message), reading a text, finding a diagnostic. */
#ifndef NATOPOST_TESTS_NOTICE_SUPPORT_H
#define NATOPOST_TESTS_NOTICE_SUPPORT_H

#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"

/* The path of the seed whose file name starts with `prefix` (free it). */
static inline char *seed_path(const char *prefix)
{
    const char *dir = getenv("NATOPOST_SEEDS");
    const char *ci = getenv("CI");
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        if (ci && strcmp(ci, "true") == 0)
            cr_assert_fail("seeds folder %s missing (CI=true)", dir ? dir : "(NATOPOST_SEEDS unset)");
        cr_skip_test("seeds folder %s not found; set NATOPOST_SEEDS", dir ? dir : "(unset)");
    }
    char *path = NULL;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && strstr(e->d_name, ".txt")) {
            size_t n = strlen(dir) + strlen(e->d_name) + 2;
            path = malloc(n);
            cr_assert_not_null(path);
            snprintf(path, n, "%s/%s", dir, e->d_name);
            break;
        }
    }
    closedir(d);
    cr_assert_not_null(path, "no seed %s*.txt in %s", prefix, dir);
    return path;
}

static inline np_posting *read_seed(const char *prefix)
{
    char *path = seed_path(prefix);
    np_posting *p = NULL;
    np_error err;
    np_status st = np_notice_read_file(&p, path, &err);
    cr_assert_eq(st, NP_OK, "%s: %s", path, err.message);
    cr_assert_str_eq(p->source, path);
    free(path);
    return p;
}

/* Reads `len` bytes of notice text; the read must succeed. */
static inline np_posting *read_bytes(const char *text, size_t len)
{
    np_posting *p = NULL;
    np_error err;
    np_status st = np_notice_read(&p, text, len, NULL, &err);
    cr_assert_eq(st, NP_OK, "np_notice_read: %s", err.message);
    return p;
}

static inline np_posting *read_text(const char *text) { return read_bytes(text, strlen(text)); }
/* The posting of `text`; the reader must accept it. Owned by the caller. */
static inline np_posting *ns_read(const char *text) { return read_text(text); }

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

static inline bool has_diag(const np_posting *p, const char *field) { return ns_has_diag(p, field, NULL); }

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
