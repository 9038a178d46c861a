#include "support/text_quote.h"

#include <stdio.h>

void npi_quote(char *buf, size_t size, const char *text, size_t len)
{
    /* Room for the closing quote, "..." and the NUL. */
    const size_t limit = size - 5;
    size_t o = 0;
    buf[o++] = '"';
    size_t i = 0;
    for (; i < len; i++) {
        const unsigned char c = (unsigned char)text[i];
        char piece[5];
        size_t n;
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            piece[0] = (char)c;
            n = 1;
        } else if (c == '"' || c == '\\') {
            piece[0] = '\\';
            piece[1] = (char)c;
            n = 2;
        } else {
            snprintf(piece, sizeof piece, "\\x%02X", c);
            n = 4;
        }
        if (o + n > limit) break;
        for (size_t k = 0; k < n; k++) buf[o++] = piece[k];
    }
    buf[o++] = '"';
    if (i < len) {
        buf[o++] = '.';
        buf[o++] = '.';
        buf[o++] = '.';
    }
    buf[o] = '\0';
}

size_t npi_utf8_cut(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = n, continuation = 0;
    while (k > 0 && continuation < 3 && (u[k - 1] & 0xC0) == 0x80) k--, continuation++;
    if (k == 0) return n;
    const unsigned char lead = u[k - 1];
    const size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return continuation + 1 < need ? k - 1 : n;
}
