/* Private: a growable byte buffer for writers (iCalendar, tables, CSV).
 * An allocation failure is sticky: it frees the contents (len 0), later
 * appends do nothing and npi_strbuf_take returns NULL, so writers check once
 * at the end and a failed buffer has nothing to free. */
#ifndef NATOPOST_STRBUF_H
#define NATOPOST_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct npi_strbuf {
    char *data;
    size_t len;
    size_t cap;
    bool failed;
} npi_strbuf;

#define NP_STRBUF_INIT {NULL, 0, 0, false}

void npi_strbuf_append(npi_strbuf *sb, const char *bytes, size_t n);
void npi_strbuf_puts(npi_strbuf *sb, const char *s);
void npi_strbuf_printf(npi_strbuf *sb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Returns the NUL-terminated contents (the caller frees with free/np_free) and
 * resets the buffer; NULL if any allocation failed. */
char *npi_strbuf_take(npi_strbuf *sb);
/* Marks the buffer failed (a part built elsewhere failed) and frees its
 * contents: a failed buffer holds nothing, so callers that only check
 * `failed` cannot leak what was appended before. */
void npi_strbuf_fail(npi_strbuf *sb);
/* Frees the contents; the buffer can be reused. */
void npi_strbuf_reset(npi_strbuf *sb);

#endif
