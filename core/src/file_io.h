/* Private helpers: whole-file reads and atomic whole-file writes. */
#ifndef NATOPOST_FILE_IO_H
#define NATOPOST_FILE_IO_H

#include <stddef.h>

#include "natopost/error.h"

/* Reads the whole file at `path` into a new NUL-terminated buffer (*out, free
 * with free(); *len excludes the NUL). NP_EIO naming the path and errno text. */
np_status np_file_read_all(const char *path, char **out, size_t *len, np_error *err);

/* Writes `len` bytes to `path` atomically: a temporary file in the same
 * folder, fsync, then rename over `path`. On failure the old file (if any) is
 * intact and the temporary file is removed. */
np_status np_file_write_atomic(const char *path, const char *data, size_t len, np_error *err);

#endif
