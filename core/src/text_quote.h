/* Private helper: render untrusted input for an error message. */
#ifndef NATOPOST_TEXT_QUOTE_H
#define NATOPOST_TEXT_QUOTE_H

#include <stddef.h>

#define NP_QUOTE_MAX 64

/* Writes `text` (len bytes, may hold NULs or invalid UTF-8) into `buf` as a
 * double-quoted string, escaping control and non-ASCII bytes as \xNN and
 * cutting it with "..." when it does not fit in `size` bytes. */
void np_quote(char *buf, size_t size, const char *text, size_t len);

#endif
