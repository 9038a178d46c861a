/* The first-byte index of the reader's phrase tables (site labels, section
 * headings): where the entries starting with a given byte are, so that a
 * line is compared with those entries only.
 *
 * Each run is found once per byte and process, by a scan of the table, and
 * kept in an atomic slot: the library is used from several threads, and
 * threads that look up the same byte at once store the same value, so
 * relaxed atomics make the memo race-free without a lock or call_once. */
#include "notice_internal.h"

uint32_t nt_first_byte_scan(nt_first_byte_index *index, unsigned char first)
{
    const char *entry = index->table;
    size_t start = 0;
    while (start < index->count &&
           (unsigned char)**(const char *const *)(entry + start * index->stride + index->key_offset) != first)
        start++;
    size_t end = start;
    while (end < index->count &&
           (unsigned char)**(const char *const *)(entry + end * index->stride + index->key_offset) == first)
        end++;
    if (start == index->count) start = end = 0;
    const uint32_t run = NT_FIRST_BYTE_KNOWN | (uint32_t)end << 16 | (uint32_t)start;
    atomic_store_explicit(&index->run[first], run, memory_order_relaxed);
    return run;
}
