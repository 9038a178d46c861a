/* Private jansson helpers shared by every JSON reader and writer. */
#ifndef NATOPOST_JSON_UTIL_H
#define NATOPOST_JSON_UTIL_H

#include <jansson.h>
#include <stddef.h>

#include "natopost/error.h"
#include "natopost/policy.h"

/* "an object", "a string", "an integer", "a real", "true", "false", "null"... */
const char *npi_json_type_name(const json_t *value);

/* Turns a jansson parse error on `text` (len bytes) into NP_EPARSE with line,
 * a 1-based byte column and the 0-based byte offset of the offending byte
 * (the last byte of the offending token; `len` at the end of the input; the
 * byte itself when it is not UTF-8) -- jansson counts columns in characters
 * and its position is one past a token. The message starts with `what`
 * ("policy JSON: ..."). jansson's allocation failure is NP_ENOMEM. */
np_status npi_json_parse_error(np_error *err, const json_error_t *jerr, const char *what,
                              const char *text, size_t len);

/* json_dumps, but NULL when any allocation failed. jansson 2.14's json_dumps
 * ignores a failure to append an object key and returns text without it
 * (invalid JSON, found by tests/c/test_alloc_failure.c); here the text goes
 * to a buffer whose failure is sticky. Free with free/np_free. */
char *npi_json_dumps(const json_t *value, size_t flags);

/* Writes an object key quoted and escaped for an error message. */
void npi_json_quote_key(char *buf, size_t size, const char *key);


#endif
