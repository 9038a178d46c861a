/* Private helpers: whole-file reads and atomic whole-file writes. */
#ifndef NATOPOST_FILE_IO_H
#define NATOPOST_FILE_IO_H

#include <stddef.h>

#include "natopost/error.h"

/* Reads the whole file at `path` into a new NUL-terminated buffer (*out, free
 * with free(); *len excludes the NUL). NP_EIO naming the path and errno text. */
np_status npi_file_read_all(const char *path, char **out, size_t *len, np_error *err);

/* As npi_file_read_all, for files of at most `max_bytes` bytes: a larger one
 * (read no further than one byte past the limit) is NP_EINVAL "<path>: more
 * than <max_bytes> bytes", followed by "; <why>" when `why` is not NULL. */
np_status npi_file_read_bounded(const char *path, size_t max_bytes, const char *why, char **out,
                                size_t *len, np_error *err);

/* Writes `len` bytes to `path` atomically (file_save.c): the complete,
 * synced file replaces the old one in one rename, or is linked in when there
 * was none; the folder is synced after. A symbolic link is followed (its
 * target is replaced); anything but a regular file or nothing is refused
 * (NP_EIO naming its kind). A replaced file keeps its mode and, where
 * permitted, its owner; a new one gets 0666 minus the umask, which is never
 * changed. On failure the old file (if any) is intact and no temporary file
 * is left. */
np_status npi_file_write_atomic(const char *path, const char *data, size_t len, np_error *err);

/* NP_EIO "<what> <path>: <strerror(errnum)>", with errnum and the file name
 * recorded (np_error_os): every failed system call on a file says it so. */
np_status npi_file_error(np_error *err, const char *what, const char *path, int errnum);
#ifdef __clang_analyzer__ /* it returns NP_EIO: see np_error_set in natopost/error.h */
#define npi_file_error(err, what, path, errnum) (npi_file_error((err), (what), (path), (errnum)), NP_EIO)
#endif

#endif
