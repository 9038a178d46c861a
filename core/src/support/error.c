#include "natopost/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void np_error_clear(np_error *err)
{
    if (!err) return;
    err->code = NP_OK;
    err->line = 0;
    err->column = 0;
    err->offset = 0;
    err->sys_errno = 0;
    err->file_start = err->file_len = 0;
    err->message[0] = '\0';
}

static void set_message(np_error *err, const char *fmt, va_list ap)
{
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

/* The names in parentheses: error.h may define them as macros (analyzer only). */
np_status(np_error_set)(np_error *err, np_status code, const char *fmt, ...)
{
    if (!err) return code;
    np_error_clear(err);
    err->code = code;
    va_list ap;
    va_start(ap, fmt);
    set_message(err, fmt, ap);
    va_end(ap);
    return code;
}

np_status(np_error_set_at)(np_error *err, np_status code, int line, int column,
                           size_t offset, const char *fmt, ...)
{
    if (!err) return code;
    np_error_clear(err);
    err->code = code;
    err->line = line;
    err->column = column;
    err->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    set_message(err, fmt, ap);
    va_end(ap);
    return code;
}

void np_error_prefix(np_error *err, const char *fmt, ...)
{
    if (!err) return;
    char prefix[NP_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    /* Build "prefix: message" by hand, truncating deliberately at the buffer's end. */
    char joined[NP_ERROR_MESSAGE_MAX];
    size_t n = 0;
    const char *parts[3] = {prefix, ": ", err->message};
    for (int p = 0; p < 3; p++)
        for (const char *c = parts[p]; *c && n + 1 < sizeof joined; c++) joined[n++] = *c;
    joined[n] = '\0';
    /* The file name moves right with the message, or is cut off. */
    const size_t shift = strlen(prefix) + 2;
    if (err->file_len && err->file_start + shift + err->file_len <= n)
        err->file_start += (unsigned)shift;
    else
        err->file_len = 0;
    memcpy(err->message, joined, n + 1);
}

void np_error_os(np_error *err, int errnum, const char *path)
{
    if (!err) return;
    err->sys_errno = errnum;
    const char *at = path && *path ? strstr(err->message, path) : NULL;
    err->file_start = at ? (unsigned)(at - err->message) : 0;
    err->file_len = at ? (unsigned)strlen(path) : 0;
}

const char *np_status_name(np_status code)
{
    switch (code) {
    case NP_OK: return "ok";
    case NP_EINVAL: return "invalid argument";
    case NP_EPARSE: return "parse error";
    case NP_ENOMEM: return "out of memory";
    case NP_EIO: return "input/output error";
    case NP_ENOTFOUND: return "not found";
    case NP_ECANCELLED: return "cancelled";
    }
    return "unknown error";
}

void np_free(void *ptr) { free(ptr); }
