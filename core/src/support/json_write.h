/* Private: jansson values written as json_dumps writes them, byte for byte,
 * straight into a growable buffer (issue 17, item 5: json_dumps was about
 * 60% of Posting.to_json, going through a callback per token and a UTF-8
 * decode per character). tests/c/test_json_write.c compares the two on
 * generated values. */
#ifndef NATOPOST_JSON_WRITE_H
#define NATOPOST_JSON_WRITE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "support/strbuf.h"

/* Appends `value` (an object or an array) to sb as json_dumps(value, flags)
 * writes it. flags may
 * hold JSON_COMPACT, JSON_INDENT(n), JSON_REAL_PRECISION(n) and
 * JSON_PRESERVE_ORDER (jansson keeps the order anyway); false, appending
 * nothing, for any other flag or value (the caller uses json_dumps then). An
 * allocation failure is the buffer's (sb->failed). */
bool npi_json_write(npi_strbuf *sb, const json_t *value, size_t flags);

/* A JSON string (quoted, escaped as jansson does) for the UTF-8 s[0..len). */
void npi_json_write_string(npi_strbuf *sb, const char *s, size_t len);

/* A real as jansson writes it with `precision` significant digits: "%.*g",
 * ".0" added when that reads as an integer, the exponent without '+' or
 * leading zeros. */
void npi_json_write_real(npi_strbuf *sb, double v, int precision);

#endif
