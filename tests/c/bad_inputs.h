/* Loader of tests/data/bad_inputs.json, the catalogue of bad inputs shared by
 * the C, Lua and Python suites (see the table's "about"). */
#ifndef NATOPOST_TESTS_BAD_INPUTS_H
#define NATOPOST_TESTS_BAD_INPUTS_H

#include <stddef.h>

#include "natopost/error.h"

typedef struct bi_case {
    char *name;
    char *surface;
    char *input; /* malloc'ed, input_len bytes plus a NUL (the input may hold NULs) */
    size_t input_len;
    np_status status;
    char **fragments;
    size_t fragment_count;
} bi_case;

/* Loads every case (aborts the test on a malformed table); free with
 * bi_free. */
bi_case *bi_load(size_t *count);
void bi_free(bi_case *cases, size_t count);

#endif
