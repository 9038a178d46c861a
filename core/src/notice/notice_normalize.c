/* Validation, normalisation and line splitting of notice text.
 *
 * Normalisation never lengthens the text, keeps one '\n' per source line
 * break (so line numbers survive), and maps what copy-paste from job sites
 * brings in: CRLF and CR, NBSP and the other Unicode spaces, zero-width
 * characters and the BOM (dropped), curly quotes, dashes, bullets ("•",
 * "▪", "◦", Word's private-use bullet), tabs and control characters. Runs of
 * blanks fold to one space; lines are trimmed. */
#include <stdlib.h>
#include <string.h>

#include "notice_internal.h"

/* ---- validation ------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s[i], 0 if invalid (RFC 3629: no
 * overlongs, no surrogates, nothing above U+10FFFF). */
static size_t utf8_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (c < 0x80) return 1;
    unsigned char lo = 0x80, hi = 0xBF;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else
        return 0;
    if (len - i < n) return 0;
    if (s[i + 1] < lo || s[i + 1] > hi) return 0;
    for (size_t k = 2; k < n; k++)
        if ((s[i + k] & 0xC0) != 0x80) return 0;
    return n;
}

np_status nt_validate(const char *text, size_t len, np_error *err)
{
    if (len > NP_NOTICE_MAX_BYTES)
        return np_error_set(err, NP_EINVAL,
                            "the notice is %zu bytes, more than the %zu-byte limit (notices are "
                            "about 15 KB)",
                            len, (size_t)NP_NOTICE_MAX_BYTES);
    if (!text || len == 0) return np_error_set_at(err, NP_EPARSE, 1, 1, 0, "the notice is empty");
    const unsigned char *s = (const unsigned char *)text;
    int line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < len && s[i + 1] == '\n') i++;
            i++;
            line++;
            line_start = i;
            continue;
        }
        if (c == 0)
            return np_error_set_at(err, NP_EPARSE, line, (int)(i - line_start + 1), i,
                                   "line %d, column %zu: NUL byte in the notice text", line,
                                   i - line_start + 1);
        size_t n = utf8_len(s, len, i);
        if (n == 0)
            return np_error_set_at(err, NP_EPARSE, line, (int)(i - line_start + 1), i,
                                   "line %d, column %zu: invalid UTF-8 (byte 0x%02X)", line,
                                   i - line_start + 1, c);
        i += n;
    }
    return NP_OK;
}

/* ---- normalisation ---------------------------------------------------------- */

/* What a multi-byte character becomes: a replacement string ("" = dropped),
 * or NULL to keep it. */
static const char *map_char(uint32_t cp)
{
    switch (cp) {
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000: case 0x2028: case 0x2029:
        return " ";
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:
        return "";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
    case 0x2212:
        return "-";
    case 0x2022: case 0x2023: case 0x2043: case 0x25AA: case 0x25AB: case 0x25CF:
    case 0x25E6: case 0x25A0: case 0x25A1: case 0x25C6: case 0x2219: case 0xF0B7:
    case 0xF0A7: case 0x27A2: case 0x2794:
        return "-";
    case 0x2026:
        return "...";
    default:
        return NULL;
    }
}

nt_line *nt_push_line(nt_doc *d, size_t off, size_t len, int no, bool bullet)
{
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        nt_line *bigger = realloc(d->lines, cap * sizeof *bigger);
        if (!bigger) {
            d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
            return NULL;
        }
        d->lines = bigger;
        d->cap = cap;
    }
    nt_line *l = &d->lines[d->count++];
    memset(l, 0, sizeof *l);
    l->off = off;
    l->len = len;
    l->no = no;
    l->bullet = bullet;
    return l;
}

/* Splits buf into lines; removes bullet markers. */
static np_status split_lines(nt_doc *d)
{
    const char *b = d->buf;
    size_t start = 0;
    int no = 1;
    for (size_t i = 0; i <= d->size; i++) {
        if (i < d->size && b[i] != '\n') continue;
        size_t off = start, len = i - start;
        bool bullet = false;
        /* "- text", "* text", "-text"; a lone "-" is an empty bullet */
        if (len && (b[off] == '-' || b[off] == '*') &&
            (len == 1 || b[off + 1] == ' ' || nt_is_alpha((unsigned char)b[off + 1]) ||
             (unsigned char)b[off + 1] >= 0x80)) {
            bullet = true;
            off++, len--;
            if (len && b[off] == ' ') off++, len--;
        }
        if (!nt_push_line(d, off, len, no, bullet)) return d->status;
        no++;
        start = i + 1;
    }
    return NP_OK;
}

np_status nt_normalize(nt_doc *d, const char *text, size_t len)
{
    d->buf = malloc(len + 1);
    d->low = malloc(len + 1);
    if (!d->buf || !d->low) return d->status = np_error_set(d->err, NP_ENOMEM, "out of memory");
    char *o = d->buf;
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        const char *rep = NULL;
        size_t step = 1;
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < len && text[i + 1] == '\n') step = 2;
            while (n && o[n - 1] == ' ') n--; /* trim the line's end */
            o[n++] = '\n';
            i += step;
            continue;
        }
        if (c < 0x20 || c == 0x7F) rep = " ";
        else if (c >= 0x80) rep = map_char(nt_codepoint(text, len, i, &step));
        if (!rep) {
            memcpy(o + n, text + i, step);
            n += step;
            i += step;
            continue;
        }
        for (const char *r = rep; *r; r++) {
            if (*r == ' ' && (n == 0 || o[n - 1] == ' ' || o[n - 1] == '\n')) continue;
            o[n++] = *r;
        }
        i += step;
    }
    while (n && o[n - 1] == ' ') n--;
    o[n] = '\0';
    d->size = n;
    /* ASCII spaces in the source fold too: one pass over the output. */
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        char c = o[r];
        if (c == ' ' && (w == 0 || o[w - 1] == ' ' || o[w - 1] == '\n')) continue;
        if (c == '\n' && w && o[w - 1] == ' ') w--;
        o[w++] = c;
    }
    if (w && o[w - 1] == ' ') w--;
    o[w] = '\0';
    d->size = w;
    for (size_t k = 0; k <= w; k++) d->low[k] = nt_tolower(o[k]);
    return split_lines(d);
}

void nt_doc_free(nt_doc *d)
{
    free(d->buf);
    free(d->low);
    free(d->lines);
    d->buf = d->low = NULL;
    d->lines = NULL;
    d->count = d->cap = 0;
}
