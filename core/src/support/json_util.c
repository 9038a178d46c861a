#include "support/json_util.h"

#include <string.h>

#include "support/strbuf.h"
#include "support/text_quote.h"

const char *npi_json_type_name(const json_t *value)
{
    if (!value) return "nothing (the key is absent)";
    switch (json_typeof(value)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a real number";
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    case JSON_NULL: return "null";
    }
    return "an unknown value";
}

static int append_to_strbuf(const char *bytes, size_t n, void *data)
{
    npi_strbuf *sb = data;
    npi_strbuf_append(sb, bytes, n);
    return sb->failed ? -1 : 0;
}

char *npi_json_dumps(const json_t *value, size_t flags)
{
    npi_strbuf sb = NP_STRBUF_INIT;
    if (json_dump_callback(value, append_to_strbuf, &sb, flags) != 0) {
        npi_strbuf_reset(&sb);
        return NULL;
    }
    return npi_strbuf_take(&sb); /* NULL when an append failed, even one jansson ignored */
}

np_status npi_json_parse_error(np_error *err, const json_error_t *jerr, const char *what,
                              const char *text, size_t len)
{
    /* An allocation failure at the start of parsing leaves the error as
     * json_loadb initialised it: an empty message and no code (the code byte
     * is not written, so it must not be read). Later ones have the code. */
    if (jerr->text[0] == '\0') return np_error_set(err, NP_ENOMEM, "%s: out of memory", what);
    const enum json_error_code code = json_error_code(jerr);
    if (code == json_error_out_of_memory)
        return np_error_set(err, NP_ENOMEM, "%s: out of memory", what);
    /* jansson's position counts the bytes it consumed: one past the offending
     * token's last byte -- except at the end of the input and on a byte that
     * is not UTF-8, which are not consumed, so the position is their offset. */
    const size_t pos = jerr->position > 0 ? (size_t)jerr->position : 0;
    size_t offset = code == json_error_premature_end_of_input || code == json_error_invalid_utf8
                        ? pos
                        : (pos > 0 ? pos - 1 : 0);
    if (offset > len) offset = len;
    /* Line and byte column from the offset itself, so that the three agree
     * (jansson's column counts characters, and its line has already moved
     * past a newline that ends the input). */
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    const int column = (int)(offset - line_start) + 1;
    return np_error_set_at(err, NP_EPARSE, line, column, offset, "%s: %s at line %d, column %d",
                           what, jerr->text, line, column);
}

void npi_json_quote_key(char *buf, size_t size, const char *key)
{
    npi_quote(buf, size, key, strlen(key));
}
