/* jansson values written as json_dumps writes them (json_write.h). */
#include "support/json_write.h"

#include "support/json_bytes.h"

#include <stdio.h>
#include <string.h>

enum { INDENT_MASK = 0x1F, PRECISION_SHIFT = 11, PRECISION_MASK = 0x1F };

typedef struct style {
    int indent;    /* spaces per level; 0: one line */
    bool compact;  /* no space after ',' and ':' */
    int precision; /* significant digits of reals (jansson's default 17) */
} style;

/* A byte a string's fast path copies as it is. */
static bool plain(unsigned char c) { return c >= 0x20 && c != '"' && c != '\\'; }

void npi_json_write_string(npi_strbuf *sb, const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    npi_strbuf_append(sb, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        while (len - i >= 8 && npi_json_plain8(s + i)) i += 8;
        if (i == len) break;
        const unsigned char c = (unsigned char)s[i];
        if (plain(c)) continue;
        npi_strbuf_append(sb, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': npi_strbuf_append(sb, "\\\"", 2); break;
        case '\\': npi_strbuf_append(sb, "\\\\", 2); break;
        case '\b': npi_strbuf_append(sb, "\\b", 2); break;
        case '\f': npi_strbuf_append(sb, "\\f", 2); break;
        case '\n': npi_strbuf_append(sb, "\\n", 2); break;
        case '\r': npi_strbuf_append(sb, "\\r", 2); break;
        case '\t': npi_strbuf_append(sb, "\\t", 2); break;
        default: {
            const char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
            npi_strbuf_append(sb, escape, sizeof escape);
        }
        }
    }
    npi_strbuf_append(sb, s + run, len - run);
    npi_strbuf_append(sb, "\"", 1);
}

/* jansson's jsonp_dtostr. */
void npi_json_write_real(npi_strbuf *sb, double v, int precision)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (n < 0 || (size_t)n >= sizeof buf - 3) {
        npi_strbuf_fail(sb);
        return;
    }
    for (char *c = buf; *c; c++)
        if (*c == ',') *c = '.'; /* a locale's decimal comma */
    if (!strchr(buf, '.') && !strchr(buf, 'e')) {
        memcpy(buf + n, ".0", 3);
        n += 2;
    }
    char *e = strchr(buf, 'e');
    if (e) {
        char *start = e + 1, *end = e + 2;
        if (*start == '-') start++;
        while (*end == '0') end++;
        if (end != start) {
            memmove(start, end, (size_t)(buf + n - end) + 1);
            n -= (int)(end - start);
        }
    }
    npi_strbuf_append(sb, buf, (size_t)n);
}

/* A newline and the indentation of `depth` when indenting; else a space
 * when `space` and not compact. */
static void separator_space(npi_strbuf *sb, const style *st, int depth, bool space)
{
    static const char spaces[] = "                                ";
    if (st->indent > 0) {
        npi_strbuf_append(sb, "\n", 1);
        for (size_t left = (size_t)depth * (size_t)st->indent; left > 0;) {
            const size_t n = left < sizeof spaces - 1 ? left : sizeof spaces - 1;
            npi_strbuf_append(sb, spaces, n);
            left -= n;
        }
    } else if (space && !st->compact) {
        npi_strbuf_append(sb, " ", 1);
    }
}

static void write_value(npi_strbuf *sb, const json_t *v, const style *st, int depth)
{
    switch (json_typeof(v)) {
    case JSON_NULL: npi_strbuf_append(sb, "null", 4); return;
    case JSON_TRUE: npi_strbuf_append(sb, "true", 4); return;
    case JSON_FALSE: npi_strbuf_append(sb, "false", 5); return;
    case JSON_INTEGER: {
        char buf[32];
        const int n = snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        npi_strbuf_append(sb, buf, (size_t)n);
        return;
    }
    case JSON_REAL: npi_json_write_real(sb, json_real_value(v), st->precision); return;
    case JSON_STRING: npi_json_write_string(sb, json_string_value(v), json_string_length(v)); return;
    case JSON_ARRAY: {
        const size_t n = json_array_size(v);
        npi_strbuf_append(sb, "[", 1);
        if (n == 0) {
            npi_strbuf_append(sb, "]", 1);
            return;
        }
        separator_space(sb, st, depth + 1, false);
        for (size_t i = 0; i < n; i++) {
            write_value(sb, json_array_get(v, i), st, depth + 1);
            if (i + 1 < n) {
                npi_strbuf_append(sb, ",", 1);
                separator_space(sb, st, depth + 1, true);
            } else {
                separator_space(sb, st, depth, false);
            }
        }
        npi_strbuf_append(sb, "]", 1);
        return;
    }
    case JSON_OBJECT: {
        const size_t n = json_object_size(v);
        npi_strbuf_append(sb, "{", 1);
        if (n == 0) {
            npi_strbuf_append(sb, "}", 1);
            return;
        }
        separator_space(sb, st, depth + 1, false);
        size_t i = 0;
        const char *key;
        json_t *member;
        json_object_foreach((json_t *)v, key, member) {
            npi_json_write_string(sb, key, strlen(key));
            npi_strbuf_append(sb, st->compact ? ":" : ": ", st->compact ? 1 : 2);
            write_value(sb, member, st, depth + 1);
            if (++i < n) {
                npi_strbuf_append(sb, ",", 1);
                separator_space(sb, st, depth + 1, true);
            } else {
                separator_space(sb, st, depth, false);
            }
        }
        npi_strbuf_append(sb, "}", 1);
        return;
    }
    }
    npi_strbuf_fail(sb);
}

bool npi_json_write(npi_strbuf *sb, const json_t *value, size_t flags)
{
    const size_t known = JSON_COMPACT | JSON_PRESERVE_ORDER | (size_t)INDENT_MASK |
                         ((size_t)PRECISION_MASK << PRECISION_SHIFT);
    if ((flags & ~known) || !(json_is_object(value) || json_is_array(value))) return false;
    const int precision = (int)(flags >> PRECISION_SHIFT & PRECISION_MASK);
    const style st = {(int)(flags & INDENT_MASK), (flags & JSON_COMPACT) != 0,
                      precision ? precision : 17};
    write_value(sb, value, &st, 0);
    return true;
}
