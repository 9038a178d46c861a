/* Private: a posting as a compact byte string whose strings are ids in an
 * interning pool (spool.h), so that a collection holds millions of postings
 * without one allocation per string. Lossless: decoding what was encoded
 * gives a posting np_posting_equal to the original. */
#ifndef NATOPOST_CODEC_H
#define NATOPOST_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "natopost/error.h"
#include "natopost/posting.h"
#include "spool.h"

typedef struct npi_bytes {
    uint8_t *data;
    size_t len, cap;
    bool failed; /* sticky: an allocation failed */
} npi_bytes;

/* Appends the encoding of `posting` to `out`, interning its strings into
 * `pool`. NP_ENOMEM on allocation failure (out->len is then restored). */
np_status npi_codec_encode(npi_bytes *out, npi_spool *pool, const np_posting *posting, np_error *err);

/* Decodes one posting (free with np_posting_free). NP_EINVAL for bytes that
 * are not an encoding (a bug), NP_ENOMEM. */
np_status npi_codec_decode(np_posting **out, const uint8_t *data, size_t len, const npi_spool *pool,
                          np_error *err);

#endif
