#include "json_util.h"

#include <string.h>

#include "text_quote.h"

const char *np_json_type_name(const json_t *value)
{
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

np_status np_json_parse_error(np_error *err, const json_error_t *jerr, const char *what,
                              const char *text, size_t len)
{
    size_t offset = jerr->position > 0 ? (size_t)jerr->position - 1 : 0;
    if (offset > len) offset = len;
    size_t line_start = offset;
    while (line_start > 0 && text[line_start - 1] != '\n') line_start--;
    const int line = jerr->line > 0 ? jerr->line : 1;
    const int column = (int)(offset - line_start) + 1;
    return np_error_set_at(err, NP_EPARSE, line, column, offset, "%s: %s at line %d, column %d",
                           what, jerr->text, line, column);
}

void np_json_quote_key(char *buf, size_t size, const char *key)
{
    np_quote(buf, size, key, strlen(key));
}
