/* Whole-file reads (support/file_io.h): the one read loop behind every file
 * the core opens, with and without a byte limit (notices: 16 MB). */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/file_io.h"

static char path[64];

static void write_file(size_t bytes)
{
    snprintf(path, sizeof path, "/tmp/np_file_read_%ld", (long)getpid());
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    for (size_t i = 0; i < bytes; i++) fputc('a' + (int)(i % 26), f);
    fclose(f);
}

static void cleanup(void) { unlink(path); }

TestSuite(file_read, .fini = cleanup);

Test(file_read, a_file_at_the_limit_is_read_whole_and_terminated)
{
    /* Larger than the first buffer (64 KB), so the buffer grows. */
    const size_t limit = 200000;
    write_file(limit);
    char *text;
    size_t len;
    np_error err;
    cr_assert_eq(npi_file_read_bounded(path, limit, "why", &text, &len, &err), NP_OK, "%s", err.message);
    cr_assert_eq(len, limit);
    cr_assert_eq(text[len], '\0');
    cr_assert_eq(text[limit - 1], 'a' + (int)((limit - 1) % 26));
    free(text);
    cr_assert_eq(npi_file_read_all(path, &text, &len, &err), NP_OK);
    cr_assert_eq(len, limit);
    free(text);
}

Test(file_read, one_byte_more_is_refused_naming_the_limit)
{
    write_file(1001);
    char *text = (char *)1;
    size_t len = 7;
    np_error err;
    cr_assert_eq(npi_file_read_bounded(path, 1000, "notices are short", &text, &len, &err), NP_EINVAL);
    cr_assert_null(text);
    cr_assert_eq(len, 0);
    char want[160];
    snprintf(want, sizeof want, "%s: more than 1000 bytes; notices are short", path);
    cr_assert_str_eq(err.message, want);
    cr_assert_eq(npi_file_read_bounded(path, 1000, NULL, &text, &len, &err), NP_EINVAL);
    snprintf(want, sizeof want, "%s: more than 1000 bytes", path);
    cr_assert_str_eq(err.message, want);
}

Test(file_read, an_endless_device_is_refused_without_reading_it_all)
{
    char *text;
    size_t len;
    np_error err;
    cr_assert_eq(npi_file_read_bounded("/dev/zero", 1 << 20, NULL, &text, &len, &err), NP_EINVAL);
    cr_assert(strstr(err.message, "/dev/zero: more than 1048576 bytes") != NULL, "%s", err.message);
}

Test(file_read, empty_missing_and_folder)
{
    write_file(0);
    char *text;
    size_t len;
    np_error err;
    cr_assert_eq(npi_file_read_bounded(path, 0, NULL, &text, &len, &err), NP_OK);
    cr_assert_eq(len, 0);
    cr_assert_str_eq(text, "");
    free(text);
    cr_assert_eq(npi_file_read_all("/nonexistent/x.txt", &text, &len, &err), NP_EIO);
    cr_assert_eq(err.sys_errno, ENOENT);
    cr_assert_eq(npi_file_read_bounded("/", 10, NULL, &text, &len, &err), NP_EIO);
    cr_assert_eq(err.sys_errno, EISDIR, "%s", err.message);
}
