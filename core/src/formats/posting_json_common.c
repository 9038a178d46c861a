/* Shared by the posting JSON writer and reader: names, ranges, paths for
 * error messages, numbers printed with the fewest digits that read back. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/json_util.h"
#include "support/json_write.h"
#include "formats/posting_json_internal.h"

const char *const npj_severity_names[3] = {"info", "warning", "error"};
const char *const npj_degree_names[3] = {NULL, "university", "postgraduate"};
const char *const npj_lang_form_names[3] = {"either_or", "both", "named"};
const char *const npj_skill_names[4] = {"listening", "speaking", "reading", "writing"};

/* ---- paths ------------------------------------------------------------------- */

static size_t path_append(npj_path *p, const char *text)
{
    const size_t old = p->len;
    const size_t n = strlen(text);
    if (p->len + n + 4 < sizeof p->buf) {
        memcpy(p->buf + p->len, text, n + 1);
        p->len += n;
    } else if (p->len + 4 < sizeof p->buf) {
        memcpy(p->buf + p->len, "...", 4);
        p->len += 3;
    }
    return old;
}

size_t npj_path_key(npj_path *p, const char *key)
{
    const size_t old = p->len;
    if (p->len) path_append(p, ".");
    path_append(p, key);
    return old;
}

size_t npj_path_index(npj_path *p, size_t index)
{
    /* by hand: snprintf here was a few percent of reading a list */
    char text[32], *t = text + sizeof text;
    *--t = '\0';
    *--t = ']';
    do *--t = (char)('0' + index % 10);
    while ((index /= 10) > 0);
    *--t = '[';
    return path_append(p, t);
}

void npj_path_pop(npj_path *p, size_t len)
{
    if (len < p->len) {
        p->len = len;
        p->buf[len] = '\0';
    }
}

const char *npj_path_text(const npj_path *p) { return p->len ? p->buf : "(root)"; }

/* ---- numbers ------------------------------------------------------------------ */

int npj_real_digits(double v)
{
    char buf[40];
    for (int digits = 1; digits < 17; digits++) {
        snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (strtod(buf, NULL) == v) return digits;
    }
    return 17;
}

/* 2^53: every integer up to it is a double. */
#define EXACT_INT_MAX 9007199254740992.0

bool npj_is_exact_integer(double v)
{
    return v >= -EXACT_INT_MAX && v <= EXACT_INT_MAX && (double)(json_int_t)v == v;
}

json_t *npj_number(double v, int *digits)
{
    if (npj_is_exact_integer(v)) return json_integer((json_int_t)v);
    const int need = npj_real_digits(v);
    if (need > *digits) *digits = need;
    return json_real(v);
}

char *npj_dump(const json_t *value, size_t flags, int digits)
{
    if (digits > 0) flags |= JSON_REAL_PRECISION(digits);
    npi_strbuf sb = NP_STRBUF_INIT;
    if (!npi_json_write(&sb, value, flags)) return npi_json_dumps(value, flags);
    return npi_strbuf_take(&sb);
}

/* ---- parse errors ------------------------------------------------------------- */

np_status npj_parse_error(np_error *err, const json_error_t *jerr, const char *text, size_t len,
                          int line_base, size_t offset_base)
{
    np_error local;
    const np_status st = npi_json_parse_error(&local, jerr, "posting JSON", text, len);
    if (st != NP_EPARSE || (line_base == 1 && offset_base == 0)) {
        if (err) *err = local;
        return st;
    }
    const int line = line_base + local.line - 1;
    return np_error_set_at(err, st, line, local.column, offset_base + local.offset,
                           "posting JSON: %s at line %d, column %d", jerr->text, line,
                           local.column);
}

/* ---- UTF-8 ---------------------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at p (1..4), or 0 when the bytes
 * there are not one (a stray continuation byte, an overlong form, a
 * surrogate, beyond U+10FFFF, cut short). */
int npj_utf8_sequence(const unsigned char *p)
{
    const unsigned c = *p;
    if (c < 0x80) return 1;
    int n;
    unsigned cp;
    if (c >= 0xC2 && c <= 0xDF) n = 1, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 2, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 3, cp = c & 0x07;
    else return 0;
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n + 1;
}

bool npj_valid_utf8(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (*p < 0x80) { /* ASCII, most of the text */
            p++;
            continue;
        }
        const int n = npj_utf8_sequence(p);
        if (!n) return false;
        p += n;
    }
    return true;
}

/* ---- names that are not UTF-8 (docs/posting-json.md, "source_bytes") ------------ */

char *npj_utf8_display(const char *s)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    const size_t len = strlen(s);
    if (len > (SIZE_MAX - 1) / 3) return NULL;
    char *out = malloc(len * 3 + 1), *o = out;
    if (!out) return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        const int n = npj_utf8_sequence(p);
        if (n) {
            memcpy(o, p, (size_t)n);
            o += n;
            p += n;
        } else {
            memcpy(o, replacement, 3);
            o += 3;
            p++;
        }
    }
    *o = '\0';
    return out;
}

static bool stands_for_itself(unsigned char c) { return c >= 0x21 && c <= 0x7E && c != '%'; }

char *npj_percent_encode(const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    const size_t len = strlen(s);
    if (len > (SIZE_MAX - 1) / 3) return NULL;
    char *out = malloc(len * 3 + 1), *o = out;
    if (!out) return NULL;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (stands_for_itself(*p)) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 0xF];
        }
    }
    *o = '\0';
    return out;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

size_t npj_percent_decode(char *out, const char *s, size_t len, size_t *bad_at)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        const unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            const int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
            const int lo = i + 2 < len ? hex_value(s[i + 2]) : -1;
            if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                *bad_at = i;
                return SIZE_MAX;
            }
            out[n++] = (char)(hi << 4 | lo);
            i += 2;
        } else if (stands_for_itself(c)) {
            out[n++] = (char)c;
        } else {
            *bad_at = i;
            return SIZE_MAX;
        }
    }
    out[n] = '\0';
    return n;
}
