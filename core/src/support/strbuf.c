#include "support/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void npi_strbuf_fail(npi_strbuf *sb)
{
    free(sb->data);
    *sb = (npi_strbuf)NP_STRBUF_INIT;
    sb->failed = true;
}

static bool fail(npi_strbuf *sb)
{
    npi_strbuf_fail(sb);
    return false;
}

static bool reserve(npi_strbuf *sb, size_t extra)
{
    if (sb->failed) return false;
    if (extra < sb->cap - sb->len && sb->data) return true;
    size_t cap = sb->cap ? sb->cap : 256;
    while (cap - sb->len <= extra) {
        if (cap > ((size_t)-1) / 2) return fail(sb);
        cap *= 2;
    }
    char *grown = realloc(sb->data, cap);
    if (!grown) return fail(sb);
    sb->data = grown;
    sb->cap = cap;
    return true;
}

void npi_strbuf_append(npi_strbuf *sb, const char *bytes, size_t n)
{
    if (!reserve(sb, n)) return;
    memcpy(sb->data + sb->len, bytes, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void npi_strbuf_puts(npi_strbuf *sb, const char *s) { npi_strbuf_append(sb, s, strlen(s)); }

void npi_strbuf_printf(npi_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list copy;
    va_copy(copy, ap);
    const int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n >= 0 && reserve(sb, (size_t)n)) {
        vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
        sb->len += (size_t)n;
    } else if (n < 0) {
        fail(sb);
    }
    va_end(ap);
}

char *npi_strbuf_take(npi_strbuf *sb)
{
    if (sb->failed) {
        npi_strbuf_reset(sb);
        return NULL;
    }
    if (!sb->data && !reserve(sb, 0)) return NULL;
    char *out = sb->data;
    out[sb->len] = '\0';
    *sb = (npi_strbuf)NP_STRBUF_INIT;
    return out;
}

void npi_strbuf_reset(npi_strbuf *sb)
{
    free(sb->data);
    *sb = (npi_strbuf)NP_STRBUF_INIT;
}
