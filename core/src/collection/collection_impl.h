/* Private: the collection's column store, shared by collection.c (building,
 * reading), eval.c (query evaluation) and result.c (results). */
#ifndef NATOPOST_COLLECTION_IMPL_H
#define NATOPOST_COLLECTION_IMPL_H

#include <math.h>
#include <stdint.h>

#include "codec.h"
#include "natopost/collection.h"
#include "spool.h"

/* How a column stores its values, and its null sentinel. */
typedef enum col_kind {
    COL_U8,  /* ordinals 0..254; null 0xFF */
    COL_I32, /* ordinals (dates); null INT32_MIN */
    COL_I16, /* numbers that are small integers; null INT16_MIN */
    COL_F64, /* other numbers; null NaN */
    /* Text: dictionary codes 1..n, null 0, as narrow as the dictionary
     * allows (widened as it grows). */
    COL_T8,
    COL_T16,
    COL_T32
} col_kind;

#define U8_NULL 0xFFu
#define I32_NULL INT32_MIN
#define I16_NULL INT16_MIN

/* Rows are evaluated in blocks of NP_COLL_BLOCK; every column's capacity is
 * a multiple of it and the rows past the last one hold null, so that the
 * kernels always run over whole blocks (fixed trip counts vectorise). */
#define NP_COLL_BLOCK 2048

typedef struct column {
    col_kind kind;
    np_qtype type;
    union {
        uint8_t *u8;
        uint16_t *u16;
        int32_t *i32;
        int16_t *i16;
        double *f64;
        uint32_t *u32;
        void *any;
    } v;
    /* Text: code -> pool id (dict[code - 1]), and pool id -> code. */
    uint32_t *dict;
    uint32_t dict_count, dict_cap;
    uint32_t *dict_table; /* open addressing on pool id: code, 0 = empty */
    size_t dict_table_cap;
} column;

static inline bool npi_coll_is_text(const column *col) { return col->kind >= COL_T8; }

/* The dictionary code of a text column's row (0 = null). */
static inline uint32_t npi_coll_code(const column *col, size_t row)
{
    switch (col->kind) {
    case COL_T8: return col->v.u8[row];
    case COL_T16: return col->v.u16[row];
    default: return col->v.u32[row];
    }
}

typedef struct candidate_entry {
    np_candidate profile;
    column verdicts; /* COL_U8 boolean: 1 eligible, 0 not eligible, null cannot tell */
} candidate_entry;

enum { CACHE_CHUNK = 4096 };

struct np_collection {
    size_t rows, cap;
    npi_spool pool;
    column cols[NP_PF_COUNT];
    /* Encoded postings: blob bytes [offsets[i], offsets[i + 1]). */
    npi_bytes blob;
    uint64_t *offsets; /* rows + 1 entries (capacity cap + 1) */
    /* Re-created postings, in chunks of CACHE_CHUNK rows allocated on use. */
    np_posting ***cache;
    size_t cache_chunks;
    candidate_entry *candidates;
    size_t candidate_count, candidate_cap;
    /* Field tables: [0] is the static table; one more per candidate added.
     * Older tables stay alive for queries compiled against them. */
    np_qfield **tables;
    size_t *table_sizes;
    size_t table_count;
    char **field_names; /* "eligible(NAME)" per candidate (owned) */
    /* collection_io.c: the error policy, the files skipped (path and
     * message owned) and the files loaded (device and inode). */
    np_on_error on_error;
    np_collection_skip *skips;
    size_t skip_count, skip_cap;
    struct npi_coll_file *files;
    size_t file_count, file_cap;
    /* collection_unique.c: the sources folded into rows [0, sourced_rows):
     * row r's are sources[source_offsets[r] .. source_offsets[r + 1]). */
    char **sources;
    size_t *source_offsets;
    size_t sourced_rows, source_total;
};

/* A malloc'd copy of `s` (NULL when memory runs out). */
char *npi_coll_copy_text(const char *s);

/* Frees what collection_io.c and collection_unique.c keep. */
void npi_coll_free_loading(np_collection *c);

/* The column a field reads from, or NULL when the collection has no such
 * field (a foreign table, an unknown candidate). */
const column *npi_coll_column(const np_collection *c, const np_qfield *field);

/* Drops rows [rows, count) (an add that failed half-way). */
void npi_coll_truncate(np_collection *c, size_t rows);

/* Value of row `row` of a column (type taken from `type`). */
void npi_coll_column_value(const np_collection *c, const column *col, np_qtype type, size_t row,
                          np_qvalue *out);

/* Evaluates `query`'s condition over every row: the matching rows in
 * collection order into *rows (malloc'd, *count entries). */
np_status npi_coll_select(const np_collection *c, const np_query *query, uint32_t **rows,
                         size_t *count, np_error *err);

/* Sorts rows[0..n) in place, stably, by `keys` (np_query_compare_records
 * semantics). */
np_status npi_coll_sort(const np_collection *c, const np_qsort_key *keys, size_t key_count,
                       uint32_t *rows, size_t n, np_error *err);

/* Groups rows[0..n) by `col` for "count by": *order gets a permutation of
 * 0..n that puts equal values together (a stable sort by value, null last),
 * *starts the position in it of each group's first row, then n; *groups the
 * number of groups. Both arrays are malloc'd. */
/* A hand-built profile's nationality, as np_candidate_from_json checks it
 * (candidate.c): "" (not given) or a country. NP_EINVAL naming it. */
np_status npi_coll_check_profile(const np_candidate *candidate, np_error *err);

np_status npi_coll_group(const np_collection *c, const column *col, const uint32_t *rows, size_t n,
                        uint32_t **order, size_t **starts, size_t *groups, np_error *err);

#endif
