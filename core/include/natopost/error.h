/* natopost/error.h -- the error value every fallible natopost call fills.
 *
 * Convention (jansson style): the caller passes an `np_error *` as the last
 * argument, or NULL when it does not want the details. A fallible call returns
 * an `np_status` (0 on success) and, on failure, fills the error with a code, a
 * human-readable message naming what is wrong and where, and -- for input that
 * has a position -- line, column and byte offset. Nothing inside an np_error is
 * allocated, so there is nothing to free and no global "last error".
 */
#ifndef NATOPOST_ERROR_H
#define NATOPOST_ERROR_H

#include <natopost/export.h>

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum np_status {
    NP_OK = 0,
    NP_EINVAL = -1,  /* an argument or parameter is out of range or inconsistent */
    NP_EPARSE = -2,  /* input text (date, JSON, notice, query) is malformed */
    NP_ENOMEM = -3,  /* an allocation failed */
    NP_EIO = -4,     /* a file could not be read or written */
    NP_ENOTFOUND = -5, /* a lookup (event code, field) found nothing */
    NP_ECANCELLED = -6 /* the host's cancellation hook stopped the call (natopost/cancel.h) */
} np_status;

#define NP_ERROR_MESSAGE_MAX 320

typedef struct np_error {
    np_status code;
    int line;      /* 1-based line of the offending input, 0 if not applicable */
    int column;    /* 1-based column (in bytes), 0 if not applicable */
    size_t offset; /* 0-based byte offset into the input, when line > 0 */
    /* NP_EIO from the system: its errno (0 otherwise), and where the file's
     * name is in `message` (file_len 0: not there), for hosts that raise
     * their own file errors (Python's FileNotFoundError with its filename). */
    int sys_errno;
    unsigned file_start, file_len;
    char message[NP_ERROR_MESSAGE_MAX];
} np_error;

/* Clears `err` to NP_OK with an empty message. Accepts NULL. */
NP_API void np_error_clear(np_error *err);

/* Fills `err` (may be NULL) with `code` and a printf-style message; returns
 * `code` so that callers can write `return np_error_set(err, NP_EINVAL, ...)`. */
NP_API np_status np_error_set(np_error *err, np_status code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Like np_error_set, and also records the position of the problem. */
NP_API np_status np_error_set_at(np_error *err, np_status code, int line, int column,
                          size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* For the clang static analyzer only (clang-tidy's clang-analyzer-* checks,
 * scripts/lint.sh): it analyses one file at a time and cannot see that these
 * return their `code`, so on `return np_error_set(err, NP_EINVAL, ...)` paths
 * it assumed NP_OK and reported reads of outputs that are only written on
 * success. Spelling the return value out removes those false reports; a
 * compiler never sees these macros. */
#ifdef __clang_analyzer__
#define np_error_set(err, code, ...) (np_error_set((err), (code), __VA_ARGS__), (code))
#define np_error_set_at(err, code, line, column, offset, ...)                               \
    (np_error_set_at((err), (code), (line), (column), (offset), __VA_ARGS__), (code))
#endif

/* Prefixes the message already in `err` with "prefix: " (used to add context
 * such as a parameter or file name as an error travels up). Accepts NULL. */
NP_API void np_error_prefix(np_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Records that the NP_EIO error already in `err` comes from the system call
 * failure `errnum` on `path` (whose first occurrence in the message is its
 * file name). Accepts NULL. */
NP_API void np_error_os(np_error *err, int errnum, const char *path);

/* A stable lower-case name for a status code ("invalid argument", ...). */
NP_API const char *np_status_name(np_status code);

/* Frees memory returned by any natopost function documented as "free with
 * np_free" (strings such as JSON or iCalendar text). Accepts NULL. */
NP_API void np_free(void *ptr);

#ifdef __cplusplus
}
#endif
#endif
