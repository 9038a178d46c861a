#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void np_strbuf_fail(np_strbuf *sb)
{
    free(sb->data);
    *sb = (np_strbuf)NP_STRBUF_INIT;
    sb->failed = true;
}

static bool fail(np_strbuf *sb)
{
    np_strbuf_fail(sb);
    return false;
}

static bool reserve(np_strbuf *sb, size_t extra)
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

void np_strbuf_append(np_strbuf *sb, const char *bytes, size_t n)
{
    if (!reserve(sb, n)) return;
    memcpy(sb->data + sb->len, bytes, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void np_strbuf_puts(np_strbuf *sb, const char *s) { np_strbuf_append(sb, s, strlen(s)); }

void np_strbuf_printf(np_strbuf *sb, const char *fmt, ...)
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

char *np_strbuf_take(np_strbuf *sb)
{
    if (sb->failed) {
        np_strbuf_reset(sb);
        return NULL;
    }
    if (!sb->data && !reserve(sb, 0)) return NULL;
    char *out = sb->data;
    out[sb->len] = '\0';
    *sb = (np_strbuf)NP_STRBUF_INIT;
    return out;
}

void np_strbuf_reset(np_strbuf *sb)
{
    free(sb->data);
    *sb = (np_strbuf)NP_STRBUF_INIT;
}
