#define _POSIX_C_SOURCE 200809L
#include "support/file_io.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

np_status npi_file_read_all(const char *path, char **out, size_t *len, np_error *err)
{
    return npi_file_read_bounded(path, SIZE_MAX, NULL, out, len, err);
}

np_status npi_file_read_bounded(const char *path, size_t max_bytes, const char *why, char **out,
                                size_t *len, np_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return npi_file_error(err, "cannot open", path, errno);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return np_error_set(err, NP_ENOMEM, "out of memory reading %s", path);
    }
    /* One byte past the limit is enough to refuse a file, so a larger file,
     * or a device that never ends, is not read to its end. */
    while (n <= max_bytes) {
        if (cap - n < 2) {
            char *bigger = cap > ((size_t)-1) / 2 ? NULL : realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                fclose(f);
                return np_error_set(err, NP_ENOMEM, "out of memory reading %s", path);
            }
            buf = bigger;
            cap *= 2;
        }
        size_t want = cap - n - 1; /* room for the NUL */
        if (max_bytes - n < want) want = max_bytes - n + 1;
        errno = 0;
        const size_t got = fread(buf + n, 1, want, f);
        n += got;
        if (got == 0) break;
    }
    const int failed = ferror(f), read_errno = errno; /* EISDIR: a folder opens, then fails to read */
    fclose(f);
    if (failed || n > max_bytes) {
        free(buf);
        if (failed) return npi_file_error(err, "cannot read", path, read_errno);
        return np_error_set(err, NP_EINVAL, "%s: more than %zu bytes%s%s", path, max_bytes,
                            why ? "; " : "", why ? why : "");
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return NP_OK;
}

/* The name in parentheses: file_io.h may define it as a macro (analyzer only). */
np_status(npi_file_error)(np_error *err, const char *what, const char *path, int errnum)
{
    np_error_set(err, NP_EIO, "%s %s: %s", what, path, errnum ? strerror(errnum) : "input/output error");
    np_error_os(err, errnum, path);
    return NP_EIO;
}
