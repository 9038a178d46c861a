/* The notice's encoding, by the rule notice.h states:
 *
 *   1. a UTF-16 byte order mark (FF FE little endian, FE FF big endian):
 *      UTF-16, decoded to UTF-8; an unpaired surrogate, a NUL character or
 *      an odd byte count is an error;
 *   2. otherwise valid UTF-8 is read as it is (a UTF-8 byte order mark is
 *      dropped by the normaliser, like every zero-width character);
 *   3. otherwise text that is not valid UTF-8 is read as Windows-1252 (of
 *      which Latin-1's printable range is a part) when every byte maps and
 *      no valid UTF-8 sequence of two or more bytes is in it (such text
 *      mixes two encodings, and either reading would garble half of it);
 *   4. anything else is an error: a NUL byte, a byte Windows-1252 leaves
 *      undefined (81 8D 8F 90 9D) in text that is not UTF-8, mixed text.
 *
 * Errors give the line, column (bytes) and offset of the offending byte in
 * the text as given, not in a decoded copy. Decoding keeps every line break,
 * so line numbers of the decoded text are those of the source. */
#include <stdlib.h>
#include <string.h>

#include "notice_internal.h"

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

/* Line and column (1-based, bytes) of offset `at`; lines end at LF, as
 * grep -n and sed count them. `unit` is the byte size of a character of the
 * encoding (2 for UTF-16: its LF is a 16-bit unit; `big` says which byte of
 * the unit is the high one). */
static void position(const char *text, size_t at, size_t unit, bool big, int *line, size_t *column)
{
    int l = 1;
    size_t start = unit == 2 ? 2 : 0; /* after the byte order mark */
    for (size_t i = start; i + unit <= at; i += unit) {
        const bool lf = unit == 1 ? text[i] == '\n'
                                  : text[i + (big ? 1 : 0)] == '\n' && text[i + (big ? 0 : 1)] == 0;
        if (lf) {
            l++;
            start = i + unit;
        }
    }
    *line = l;
    *column = at - start + 1;
}

static np_status nul_error(const char *text, size_t at, np_error *err)
{
    int line;
    size_t column;
    position(text, at, 1, false, &line, &column);
    return np_error_set_at(err, NP_EPARSE, line, (int)column, at,
                           "line %d, column %zu: NUL byte in the notice text", line, column);
}

/* Eight bytes at once: all ASCII and none of them NUL. */
static bool plain_ascii8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    return ((w | ((w - ones) & ~w)) & high) == 0;
}

/* The offset of the first NUL byte or invalid UTF-8 sequence, or NT_NPOS. */
static size_t first_non_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (len - i >= 8 && plain_ascii8(s + i)) {
            i += 8;
            continue;
        }
        size_t n = s[i] == 0 ? 0 : utf8_len(s, len, i);
        if (n == 0) return i;
        i += n;
    }
    return NT_NPOS;
}

/* ---- Windows-1252 ----------------------------------------------------------------- */

/* Code points of bytes 0x80..0x9F (0 = undefined); 0xA0..0xFF are Latin-1's. */
static const uint16_t CP1252_HIGH[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static uint32_t cp1252(unsigned char c) { return c >= 0x80 && c < 0xA0 ? CP1252_HIGH[c - 0x80] : c; }

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* `bad` is the first byte that is not UTF-8 (not a NUL). */
static np_status decode_cp1252(nt_text_in *out, const char *text, size_t len, size_t bad,
                               np_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t utf8_at = NT_NPOS, grow = 0;
    for (size_t i = 0; i < len; i++) {
        const unsigned char c = s[i];
        if (c == 0) return nul_error(text, i, err);
        if (c < 0x80) continue;
        if (cp1252(c) == 0) {
            int line;
            size_t column;
            position(text, i, 1, false, &line, &column);
            return np_error_set_at(err, NP_EPARSE, line, (int)column, i,
                                   "line %d, column %zu: invalid UTF-8 (byte 0x%02X), and not "
                                   "Windows-1252 either (0x%02X is undefined there)",
                                   line, column, c, c);
        }
        size_t n = utf8_len(s, len, i);
        if (n >= 2 && utf8_at == NT_NPOS) utf8_at = i;
        grow += cp1252(c) < 0x800 ? 1 : 2;
    }
    if (utf8_at != NT_NPOS) {
        int line, bad_line;
        size_t column, bad_column;
        position(text, utf8_at, 1, false, &line, &column);
        position(text, bad, 1, false, &bad_line, &bad_column);
        return np_error_set_at(err, NP_EPARSE, bad_line, (int)bad_column, bad,
                               "line %d, column %zu: invalid UTF-8 (byte 0x%02X) in text that is "
                               "UTF-8 elsewhere (line %d, column %zu): the text mixes two "
                               "encodings",
                               bad_line, bad_column, s[bad], line, column);
    }
    char *o = malloc(len + grow + 1);
    if (!o) return np_error_set(err, NP_ENOMEM, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < len; i++) n += put_utf8(o + n, cp1252(s[i]));
    o[n] = '\0';
    out->owned = o;
    out->text = o;
    out->len = n;
    out->encoding = "Windows-1252";
    return NP_OK;
}

/* ---- UTF-16 ------------------------------------------------------------------------ */

static np_status decode_utf16(nt_text_in *out, const char *text, size_t len, bool big,
                              np_error *err)
{
    const unsigned char *s = (const unsigned char *)text;
    const char *name = big ? "UTF-16BE" : "UTF-16LE";
    if (len % 2) {
        int line;
        size_t column;
        position(text, len - 1, 2, big, &line, &column);
        return np_error_set_at(err, NP_EPARSE, line, (int)column, len - 1,
                               "line %d, column %zu: %s text (byte order mark) ends in half a "
                               "character (an odd number of bytes)",
                               line, column, name);
    }
    /* every 2-byte unit becomes at most 3 bytes of UTF-8 (a surrogate pair,
     * 4 bytes, becomes 4) */
    char *o = malloc(len / 2 * 3 + 1);
    if (!o) return np_error_set(err, NP_ENOMEM, "out of memory");
    size_t n = 0;
    for (size_t i = 2; i < len; i += 2) {
        uint32_t u = big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        const char *why = NULL;
        if (u == 0) why = "NUL character";
        else if (u >= 0xDC00 && u <= 0xDFFF) why = "unpaired low surrogate";
        else if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t v = 0;
            if (i + 3 < len)
                v = big ? (uint32_t)(s[i + 2] << 8 | s[i + 3]) : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
            if (v < 0xDC00 || v > 0xDFFF) why = "unpaired high surrogate";
            else {
                u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
                i += 2;
            }
        }
        if (why) {
            free(o);
            int line;
            size_t column;
            position(text, i, 2, big, &line, &column);
            return np_error_set_at(err, NP_EPARSE, line, (int)column, i,
                                   "line %d, column %zu: %s (U+%04X) in %s text", line, column,
                                   why, (unsigned)u, name);
        }
        n += put_utf8(o + n, u);
    }
    o[n] = '\0';
    out->owned = o;
    out->text = o;
    out->len = n;
    out->encoding = name;
    return NP_OK;
}

/* ---- the rule ------------------------------------------------------------------------ */

np_status nt_decode(nt_text_in *out, const char *text, size_t len, np_error *err)
{
    memset(out, 0, sizeof *out);
    if (len > NP_NOTICE_MAX_BYTES)
        return np_error_set(err, NP_EINVAL,
                            "the notice is %zu bytes, more than the %zu-byte limit (notices are "
                            "about 15 KB)",
                            len, (size_t)NP_NOTICE_MAX_BYTES);
    if (!text || len == 0) return np_error_set_at(err, NP_EPARSE, 1, 1, 0, "the notice is empty");
    const unsigned char *s = (const unsigned char *)text;
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
        return decode_utf16(out, text, len, s[0] == 0xFE, err);
    const size_t bad = first_non_utf8(s, len);
    if (bad == NT_NPOS) {
        out->text = text;
        out->len = len;
        return NP_OK;
    }
    if (s[bad] == 0) return nul_error(text, bad, err);
    return decode_cp1252(out, text, len, bad, err);
}
