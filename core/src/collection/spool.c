/* Interning string pool (see spool.h). */
#include "spool.h"

#include <stdlib.h>
#include <string.h>

enum { CHUNK_SIZE = 1 << 20 };

static uint32_t hash_bytes(const char *s, size_t len)
{
    /* FNV-1a, 64-bit, folded. */
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return (uint32_t)(h ^ (h >> 32));
}

static uint32_t lookup(const npi_spool *pool, const char *s, size_t len, uint32_t h, size_t *slot)
{
    if (!pool->table_cap) {
        *slot = 0;
        return NP_SPOOL_NONE;
    }
    const size_t mask = pool->table_cap - 1;
    size_t i = h & mask;
    for (;;) {
        const uint32_t v = pool->table[i];
        if (v == 0) {
            *slot = i;
            return NP_SPOOL_NONE;
        }
        const npi_spool_entry *e = &pool->entries[v - 1];
        if (e->hash == h && e->len == len && memcmp(e->str, s, len) == 0) return v - 1;
        i = (i + 1) & mask;
    }
}

uint32_t npi_spool_find(const npi_spool *pool, const char *s, size_t len)
{
    size_t slot;
    return lookup(pool, s, len, hash_bytes(s, len), &slot);
}

static bool grow_table(npi_spool *pool)
{
    const size_t cap = pool->table_cap ? pool->table_cap * 2 : 1024;
    uint32_t *table = calloc(cap, sizeof *table);
    if (!table) return false;
    for (uint32_t id = 0; id < pool->count; id++) {
        size_t i = pool->entries[id].hash & (cap - 1);
        while (table[i]) i = (i + 1) & (cap - 1);
        table[i] = id + 1;
    }
    free(pool->table);
    pool->table = table;
    pool->table_cap = cap;
    return true;
}

static char *store(npi_spool *pool, const char *s, size_t len)
{
    const size_t need = len + 1;
    if (pool->chunk_count == 0 || pool->chunk_size - pool->chunk_used < need) {
        if (pool->chunk_count == pool->chunk_cap) {
            const size_t cap = pool->chunk_cap ? pool->chunk_cap * 2 : 16;
            char **chunks = realloc(pool->chunks, cap * sizeof *chunks);
            if (!chunks) return NULL;
            pool->chunks = chunks;
            pool->chunk_cap = cap;
        }
        const size_t size = need > CHUNK_SIZE / 4 ? need : CHUNK_SIZE;
        char *chunk = malloc(size);
        if (!chunk) return NULL;
        if (need > CHUNK_SIZE / 4 && pool->chunk_count > 0) {
            /* A big string gets a chunk of its own, kept before the current
             * chunk so that the current one keeps filling. */
            pool->chunks[pool->chunk_count] = pool->chunks[pool->chunk_count - 1];
            pool->chunks[pool->chunk_count - 1] = chunk;
            pool->chunk_count++;
            pool->bytes += size;
            memcpy(chunk, s, len);
            chunk[len] = '\0';
            return chunk;
        }
        pool->chunks[pool->chunk_count++] = chunk;
        pool->chunk_size = size;
        pool->chunk_used = 0;
        pool->bytes += size;
    }
    char *dst = pool->chunks[pool->chunk_count - 1] + pool->chunk_used;
    if (len) memcpy(dst, s, len);
    dst[len] = '\0';
    pool->chunk_used += need;
    return dst;
}

uint32_t npi_spool_intern(npi_spool *pool, const char *s, size_t len)
{
    if (len > UINT32_MAX - 1) return NP_SPOOL_NONE;
    const uint32_t h = hash_bytes(s, len);
    size_t slot;
    const uint32_t found = lookup(pool, s, len, h, &slot);
    if (found != NP_SPOOL_NONE) return found;
    if (pool->count >= UINT32_MAX - 2) return NP_SPOOL_NONE;
    if ((size_t)(pool->count + 1) * 2 > pool->table_cap) {
        if (!grow_table(pool)) return NP_SPOOL_NONE;
        lookup(pool, s, len, h, &slot);
    }
    if (pool->count == pool->cap) {
        const uint32_t cap = pool->cap ? (pool->cap > UINT32_MAX / 2 ? UINT32_MAX - 1 : pool->cap * 2) : 256;
        npi_spool_entry *entries = realloc(pool->entries, (size_t)cap * sizeof *entries);
        if (!entries) return NP_SPOOL_NONE;
        pool->entries = entries;
        pool->cap = cap;
    }
    const char *copy = store(pool, s, len);
    if (!copy) return NP_SPOOL_NONE;
    const uint32_t id = pool->count++;
    pool->entries[id] = (npi_spool_entry){copy, (uint32_t)len, h};
    pool->table[slot] = id + 1;
    return id;
}

size_t npi_spool_memory(const npi_spool *pool)
{
    return pool->bytes + (size_t)pool->cap * sizeof *pool->entries +
           pool->table_cap * sizeof *pool->table + pool->chunk_cap * sizeof *pool->chunks;
}

void npi_spool_free(npi_spool *pool)
{
    for (size_t i = 0; i < pool->chunk_count; i++) free(pool->chunks[i]);
    free(pool->chunks);
    free(pool->entries);
    free(pool->table);
    memset(pool, 0, sizeof *pool);
}
