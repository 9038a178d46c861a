/* Private: an interning string pool. Each distinct byte string is stored
 * once, NUL-terminated, in arena chunks that never move, and gets a dense
 * id (0, 1, 2, ...); a hash table finds the id of a string already seen.
 * Pointers returned by npi_spool_str stay valid until npi_spool_free. */
#ifndef NATOPOST_SPOOL_H
#define NATOPOST_SPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct npi_spool_entry {
    const char *str;
    uint32_t len;
    uint32_t hash;
} npi_spool_entry;

typedef struct npi_spool {
    char **chunks;
    size_t chunk_count, chunk_cap;
    size_t chunk_used, chunk_size; /* of the last chunk */
    npi_spool_entry *entries;
    uint32_t count, cap;
    uint32_t *table; /* open addressing: id + 1, 0 = empty */
    size_t table_cap; /* a power of two */
    size_t bytes;     /* bytes of the chunks */
} npi_spool;

#define NP_SPOOL_NONE UINT32_MAX /* no id: allocation failed or too many strings */

/* The id of `s` (len bytes, may hold NULs), interning it if new;
 * NP_SPOOL_NONE when memory runs out or the pool is full. */
uint32_t npi_spool_intern(npi_spool *pool, const char *s, size_t len);
/* The id of `s` if interned, else NP_SPOOL_NONE. */
uint32_t npi_spool_find(const npi_spool *pool, const char *s, size_t len);
static inline const char *npi_spool_str(const npi_spool *pool, uint32_t id, size_t *len)
{
    if (len) *len = pool->entries[id].len;
    return pool->entries[id].str;
}
/* Heap bytes the pool holds (chunks, entries, table). */
size_t npi_spool_memory(const npi_spool *pool);
void npi_spool_free(npi_spool *pool);

#endif
