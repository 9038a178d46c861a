/* Private helpers: untrusted input in error messages and diagnostics. */
#ifndef NATOPOST_TEXT_QUOTE_H
#define NATOPOST_TEXT_QUOTE_H

#include <stddef.h>

#define NP_QUOTE_MAX 64

/* Writes `text` (len bytes, may hold NULs or invalid UTF-8) into `buf` as a
 * double-quoted string, escaping control and non-ASCII bytes as \xNN and
 * cutting it with "..." when it does not fit in `size` bytes. */
void npi_quote(char *buf, size_t size, const char *text, size_t len);

/* n, or less so that s[0..n) does not end inside a multi-byte character:
 * where text that is valid UTF-8 is cut to a byte budget (a quote in a
 * diagnostic, a message cut by vsnprintf), the cut stays valid UTF-8. */
size_t npi_utf8_cut(const char *s, size_t n);

#endif
