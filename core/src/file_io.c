#define _POSIX_C_SOURCE 200809L
#include "file_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

np_status np_file_read_all(const char *path, char **out, size_t *len, np_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return np_error_set(err, NP_EIO, "cannot open %s: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    if (!buf) {
        fclose(f);
        return np_error_set(err, NP_ENOMEM, "out of memory reading %s", path);
    }
    for (;;) {
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
        const size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    const int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return np_error_set(err, NP_EIO, "cannot read %s", path);
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return NP_OK;
}

np_status np_file_write_atomic(const char *path, const char *data, size_t len, np_error *err)
{
    const size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) return np_error_set(err, NP_ENOMEM, "out of memory writing %s", path);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp-XXXXXX", 12);
    const int fd = mkstemp(tmp);
    if (fd < 0) {
        np_error_set(err, NP_EIO, "cannot create a temporary file next to %s: %s", path,
                     strerror(errno));
        free(tmp);
        return NP_EIO;
    }
    size_t done = 0;
    while (done < len) {
        const ssize_t w = write(fd, data + done, len - done);
        if (w < 0) {
            if (errno == EINTR) continue;
            break;
        }
        done += (size_t)w;
    }
    const int saved = errno;
    const int synced = done == len ? fsync(fd) : -1;
    /* mkstemp creates 0600; a saved data file should get the usual 0644 (umask applies). */
    const mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    if (close(fd) != 0 || done != len || synced != 0 || rename(tmp, path) != 0) {
        np_error_set(err, NP_EIO, "cannot write %s: %s", path,
                     strerror(done != len ? saved : errno));
        unlink(tmp);
        free(tmp);
        return NP_EIO;
    }
    free(tmp);
    return NP_OK;
}
