/* Private: eight bytes of a JSON string at a time, for the posting JSON
 * parser (formats/json_tree.c) and writer (support/json_write.c), whose
 * string loops were their hottest code: a word with none of the bytes
 * that end a plain run is skipped whole. */
#ifndef NATOPOST_JSON_BYTES_H
#define NATOPOST_JSON_BYTES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define NPI_BYTES_ONES 0x0101010101010101u
#define NPI_BYTES_HIGHS 0x8080808080808080u

/* The high bit of each byte of x that is below `below` (1..128), or equal
 * to '"' or '\\' (the classic "has a zero / a smaller byte" tricks). */
static inline uint64_t npi_json_special8(uint64_t x, unsigned below)
{
    const uint64_t quote = x ^ (NPI_BYTES_ONES * '"'), backslash = x ^ (NPI_BYTES_ONES * '\\');
    return (((x - NPI_BYTES_ONES * below) & ~x) | ((quote - NPI_BYTES_ONES) & ~quote) |
            ((backslash - NPI_BYTES_ONES) & ~backslash)) &
           NPI_BYTES_HIGHS;
}

/* True if none of the 8 bytes at s needs escaping in JSON text: no control
 * character, no '"', no '\\'. */
static inline bool npi_json_plain8(const void *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    return npi_json_special8(x, 0x20) == 0;
}

/* Also no byte of 0x80 or above (which a reader checks as UTF-8). */
static inline bool npi_json_plain_ascii8(const void *s)
{
    uint64_t x;
    memcpy(&x, s, sizeof x);
    return (npi_json_special8(x, 0x20) | (x & NPI_BYTES_HIGHS)) == 0;
}

#endif
