/* The collection: building the column store, reading rows back, candidates
 * and field tables. Query evaluation is in eval.c, results in result.c. */
#include "collection_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static np_status oom(np_error *err) { return np_error_set(err, NP_ENOMEM, "out of memory"); }

/* ---- columns ---- */

static size_t elem_size(col_kind kind)
{
    switch (kind) {
    case COL_U8:
    case COL_T8: return 1;
    case COL_I16:
    case COL_T16: return 2;
    case COL_I32:
    case COL_T32: return 4;
    case COL_F64: return 8;
    }
    return 8;
}

static col_kind initial_kind(np_qtype type)
{
    switch (type) {
    case NP_QTYPE_TEXT: return COL_T8;
    case NP_QTYPE_NUMBER: return COL_I16;
    case NP_QTYPE_DATE: return COL_I32;
    case NP_QTYPE_GRADE:
    case NP_QTYPE_LEVEL:
    case NP_QTYPE_CLEARANCE:
    case NP_QTYPE_BOOL: return COL_U8;
    }
    return COL_F64;
}

/* Row capacity for `rows` rows: whole blocks, at least one. */
static size_t block_cap(size_t rows)
{
    const size_t blocks = rows ? (rows + NP_COLL_BLOCK - 1) / NP_COLL_BLOCK : 1;
    return blocks * NP_COLL_BLOCK;
}

/* Writes null into rows [from, to) of `data` laid out as `kind`. */
static void fill_null(col_kind kind, void *data, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        switch (kind) {
        case COL_U8: ((uint8_t *)data)[i] = U8_NULL; break;
        case COL_I16: ((int16_t *)data)[i] = I16_NULL; break;
        case COL_I32: ((int32_t *)data)[i] = I32_NULL; break;
        case COL_F64: ((double *)data)[i] = NAN; break;
        case COL_T8: ((uint8_t *)data)[i] = 0; break;
        case COL_T16: ((uint16_t *)data)[i] = 0; break;
        case COL_T32: ((uint32_t *)data)[i] = 0; break;
        }
    }
}

/* Gives a column room for `cap` rows, nulls past `rows`. */
static bool column_resize(column *col, size_t rows, size_t cap)
{
    void *grown = realloc(col->v.any, cap * elem_size(col->kind));
    if (!grown) return false;
    col->v.any = grown;
    fill_null(col->kind, grown, rows, cap);
    return true;
}

static void column_free(column *col)
{
    free(col->v.any);
    free(col->dict);
    free(col->dict_table);
    memset(col, 0, sizeof *col);
}

/* Widens a column to `kind` (I16 -> F64, U8 -> I32, text codes to the next
 * width), converting rows [0, rows); nulls past them. */
static bool column_widen(column *col, col_kind kind, size_t rows, size_t cap)
{
    void *wide = malloc(cap * elem_size(kind));
    if (!wide) return false;
    for (size_t i = 0; i < rows; i++) {
        switch (kind) {
        case COL_F64: {
            const int16_t x = col->v.i16[i];
            ((double *)wide)[i] = x == I16_NULL ? NAN : (double)x;
            break;
        }
        case COL_I32: {
            const uint8_t x = col->v.u8[i];
            ((int32_t *)wide)[i] = x == U8_NULL ? I32_NULL : (int32_t)x;
            break;
        }
        case COL_T16: ((uint16_t *)wide)[i] = col->v.u8[i]; break;
        case COL_T32: ((uint32_t *)wide)[i] = npi_coll_code(col, i); break;
        default: break;
        }
    }
    fill_null(kind, wide, rows, cap);
    free(col->v.any);
    col->v.any = wide;
    col->kind = kind;
    return true;
}

static uint32_t id_hash(uint32_t id) { return id * 2654435761u; }

/* The dictionary code of pool string `id` in a text column, adding it. 0 on
 * allocation failure. */
static uint32_t dict_code(column *col, uint32_t id)
{
    if (col->dict_table_cap) {
        const size_t mask = col->dict_table_cap - 1;
        for (size_t i = id_hash(id) & mask;; i = (i + 1) & mask) {
            const uint32_t code = col->dict_table[i];
            if (code == 0) break;
            if (col->dict[code - 1] == id) return code;
        }
    }
    if (col->dict_count >= UINT32_MAX - 1) return 0;
    if ((size_t)(col->dict_count + 1) * 2 > col->dict_table_cap) {
        const size_t cap = col->dict_table_cap ? col->dict_table_cap * 2 : 64;
        uint32_t *table = calloc(cap, sizeof *table);
        if (!table) return 0;
        for (uint32_t code = 1; code <= col->dict_count; code++) {
            size_t i = id_hash(col->dict[code - 1]) & (cap - 1);
            while (table[i]) i = (i + 1) & (cap - 1);
            table[i] = code;
        }
        free(col->dict_table);
        col->dict_table = table;
        col->dict_table_cap = cap;
    }
    if (col->dict_count == col->dict_cap) {
        const uint32_t cap = col->dict_cap ? col->dict_cap * 2 : 16;
        uint32_t *dict = realloc(col->dict, (size_t)cap * sizeof *dict);
        if (!dict) return 0;
        col->dict = dict;
        col->dict_cap = cap;
    }
    col->dict[col->dict_count++] = id;
    const uint32_t code = col->dict_count;
    const size_t mask = col->dict_table_cap - 1;
    size_t i = id_hash(id) & mask;
    while (col->dict_table[i]) i = (i + 1) & mask;
    col->dict_table[i] = code;
    return code;
}

static bool fits_i16(double x)
{
    return x > (double)I16_NULL && x <= (double)INT16_MAX && x == (double)(int16_t)x &&
           !(x == 0 && signbit(x));
}

/* Stores value `v` in row `row`; false when memory runs out. */
static bool column_set(np_collection *c, column *col, size_t row, const np_qvalue *v)
{
    switch (col->kind) {
    case COL_T8:
    case COL_T16:
    case COL_T32: {
        uint32_t code = 0;
        if (!v->is_null) {
            const uint32_t id = npi_spool_intern(&c->pool, v->text ? v->text : "", v->text ? v->text_len : 0);
            if (id == NP_SPOOL_NONE || (code = dict_code(col, id)) == 0) return false;
        }
        if (col->kind == COL_T8 && code > UINT8_MAX && !column_widen(col, COL_T16, row, c->cap)) return false;
        if (col->kind == COL_T16 && code > UINT16_MAX && !column_widen(col, COL_T32, row, c->cap)) return false;
        if (col->kind == COL_T8) col->v.u8[row] = (uint8_t)code;
        else if (col->kind == COL_T16) col->v.u16[row] = (uint16_t)code;
        else col->v.u32[row] = code;
        return true;
    }
    case COL_I16:
        if (v->is_null) col->v.i16[row] = I16_NULL;
        else if (fits_i16(v->number)) col->v.i16[row] = (int16_t)v->number;
        else {
            if (!column_widen(col, COL_F64, row, c->cap)) return false;
            col->v.f64[row] = v->number;
        }
        return true;
    case COL_F64: col->v.f64[row] = v->is_null ? NAN : v->number; return true;
    case COL_U8:
        if (v->is_null) col->v.u8[row] = U8_NULL;
        else if (v->ordinal >= 0 && v->ordinal < (int32_t)U8_NULL) col->v.u8[row] = (uint8_t)v->ordinal;
        else {
            if (!column_widen(col, COL_I32, row, c->cap)) return false;
            col->v.i32[row] = v->ordinal;
        }
        return true;
    case COL_I32: col->v.i32[row] = v->is_null ? I32_NULL : v->ordinal; return true;
    }
    return false;
}

void npi_coll_column_value(const np_collection *c, const column *col, np_qtype type, size_t row,
                          np_qvalue *out)
{
    *out = (np_qvalue){type, true, 0, 0, NULL, 0};
    switch (col->kind) {
    case COL_T8:
    case COL_T16:
    case COL_T32: {
        const uint32_t code = npi_coll_code(col, row);
        if (code == 0) return;
        out->is_null = false;
        out->text = npi_spool_str(&c->pool, col->dict[code - 1], &out->text_len);
        return;
    }
    case COL_I16:
        if (col->v.i16[row] == I16_NULL) return;
        out->is_null = false;
        out->number = col->v.i16[row];
        return;
    case COL_F64:
        if (isnan(col->v.f64[row])) return;
        out->is_null = false;
        out->number = col->v.f64[row];
        return;
    case COL_U8:
        if (col->v.u8[row] == U8_NULL) return;
        out->is_null = false;
        out->ordinal = col->v.u8[row];
        return;
    case COL_I32:
        if (col->v.i32[row] == I32_NULL) return;
        out->is_null = false;
        out->ordinal = col->v.i32[row];
        return;
    }
}

/* ---- lifetime ---- */

static bool reserve_rows(np_collection *c, size_t need);

np_status np_collection_new(np_collection **out, np_error *err)
{
    *out = NULL;
    np_collection *c = calloc(1, sizeof *c);
    if (!c) return oom(err);
    size_t n;
    const np_qfield *fields = np_posting_fields(&n);
    for (size_t i = 0; i < NP_PF_COUNT; i++) {
        c->cols[i].type = fields[i].type;
        c->cols[i].kind = initial_kind(fields[i].type);
    }
    c->tables = malloc(sizeof *c->tables);
    c->table_sizes = malloc(sizeof *c->table_sizes);
    c->offsets = calloc(1, sizeof *c->offsets);
    if (!c->tables || !c->table_sizes || !c->offsets) {
        np_collection_free(c);
        return oom(err);
    }
    c->tables[0] = (np_qfield *)fields; /* never written or freed */
    c->table_sizes[0] = n;
    c->table_count = 1;
    if (!reserve_rows(c, 1)) { /* every column allocated from the start */
        np_collection_free(c);
        return oom(err);
    }
    *out = c;
    return NP_OK;
}

void np_collection_free(np_collection *c)
{
    if (!c) return;
    for (size_t i = 0; i < NP_PF_COUNT; i++) column_free(&c->cols[i]);
    for (size_t i = 0; i < c->candidate_count; i++) {
        column_free(&c->candidates[i].verdicts);
        free(c->field_names[i]);
    }
    free(c->candidates);
    free(c->field_names);
    for (size_t i = 1; i < c->table_count; i++) free(c->tables[i]);
    free(c->tables);
    free(c->table_sizes);
    for (size_t k = 0; k < c->cache_chunks; k++) {
        if (!c->cache[k]) continue;
        for (size_t i = 0; i < CACHE_CHUNK; i++) np_posting_free(c->cache[k][i]);
        free(c->cache[k]);
    }
    free(c->cache);
    free(c->blob.data);
    free(c->offsets);
    npi_spool_free(&c->pool);
    npi_coll_free_loading(c);
    free(c);
}

/* ---- adding ---- */

static bool reserve_rows(np_collection *c, size_t need)
{
    if (need <= c->cap) return true;
    size_t cap = c->cap ? c->cap * 2 : NP_COLL_BLOCK;
    while (cap < need) cap *= 2;
    cap = block_cap(cap);
    for (size_t i = 0; i < NP_PF_COUNT; i++)
        if (!column_resize(&c->cols[i], c->rows, cap)) return false;
    for (size_t i = 0; i < c->candidate_count; i++)
        if (!column_resize(&c->candidates[i].verdicts, c->rows, cap)) return false;
    uint64_t *offsets = realloc(c->offsets, (cap + 1) * sizeof *offsets);
    if (!offsets) return false;
    c->offsets = offsets;
    c->cap = cap;
    return true;
}

static void verdict_value(np_qvalue *v, np_verdict verdict)
{
    *v = (np_qvalue){NP_QTYPE_BOOL, verdict == NP_VERDICT_CANNOT_TELL, 0,
                     verdict == NP_VERDICT_ELIGIBLE, NULL, 0};
}

np_status np_collection_add_posting(np_collection *c, const np_posting *p, np_error *err)
{
    if (c->rows >= UINT32_MAX - 1)
        return np_error_set(err, NP_EINVAL, "a collection holds at most %u postings",
                            UINT32_MAX - 1);
    if (!reserve_rows(c, c->rows + 1)) return oom(err);
    const size_t row = c->rows;
    np_status st = npi_codec_encode(&c->blob, &c->pool, p, err);
    if (st != NP_OK) return st;
    for (int id = 0; id < NP_PF_COUNT; id++) {
        np_qvalue v;
        np_posting_field_value(p, id, &v);
        if (!column_set(c, &c->cols[id], row, &v)) {
            c->blob.len = c->offsets[row];
            return oom(err);
        }
    }
    for (size_t k = 0; k < c->candidate_count; k++) {
        np_qvalue v;
        verdict_value(&v, np_eligibility_verdict(&c->candidates[k].profile, p));
        column_set(c, &c->candidates[k].verdicts, row, &v); /* uint8: cannot fail */
    }
    c->offsets[row + 1] = c->blob.len;
    c->rows = row + 1;
    return NP_OK;
}

np_status np_collection_shrink(np_collection *c, np_error *err)
{
    const size_t cap = block_cap(c->rows);
    bool ok = true;
    for (size_t i = 0; i < NP_PF_COUNT; i++) {
        column *col = &c->cols[i];
        ok &= column_resize(col, c->rows, cap);
        if (col->dict_cap > col->dict_count && col->dict_count) {
            uint32_t *dict = realloc(col->dict, (size_t)col->dict_count * sizeof *dict);
            if (dict) {
                col->dict = dict;
                col->dict_cap = col->dict_count;
            }
        }
    }
    for (size_t i = 0; i < c->candidate_count; i++) ok &= column_resize(&c->candidates[i].verdicts, c->rows, cap);
    uint64_t *offsets = realloc(c->offsets, (cap + 1) * sizeof *offsets);
    if (offsets) c->offsets = offsets;
    if (c->blob.len) {
        uint8_t *blob = realloc(c->blob.data, c->blob.len);
        if (blob) {
            c->blob.data = blob;
            c->blob.cap = c->blob.len;
        }
    }
    if (!ok || !offsets) return oom(err);
    c->cap = cap;
    return NP_OK;
}

/* Drops rows [rows, c->rows) after a failed multi-row add. */
void npi_coll_truncate(np_collection *c, size_t rows)
{
    for (size_t r = rows; r < c->rows; r++) {
        np_posting **chunk = r / CACHE_CHUNK < c->cache_chunks ? c->cache[r / CACHE_CHUNK] : NULL;
        if (chunk) {
            np_posting_free(chunk[r % CACHE_CHUNK]);
            chunk[r % CACHE_CHUNK] = NULL;
        }
    }
    c->rows = rows;
    c->blob.len = c->offsets[rows];
}

/* ---- reading ---- */

size_t np_collection_count(const np_collection *c) { return c->rows; }

static np_status decode_row(const np_collection *c, size_t row, np_posting **out, np_error *err)
{
    return npi_codec_decode(out, c->blob.data + c->offsets[row],
                           (size_t)(c->offsets[row + 1] - c->offsets[row]), &c->pool, err);
}

const np_posting *np_collection_posting(np_collection *c, size_t row, np_error *err)
{
    if (row >= c->rows) {
        np_error_set(err, NP_EINVAL, "row %zu is out of range (the collection has %zu)", row,
                     c->rows);
        return NULL;
    }
    const size_t k = row / CACHE_CHUNK;
    if (k >= c->cache_chunks) {
        const size_t chunks = (c->cap + CACHE_CHUNK - 1) / CACHE_CHUNK;
        np_posting ***grown = realloc(c->cache, chunks * sizeof *grown);
        if (!grown) return oom(err), NULL;
        for (size_t i = c->cache_chunks; i < chunks; i++) grown[i] = NULL;
        c->cache = grown;
        c->cache_chunks = chunks;
    }
    if (!c->cache[k] && !(c->cache[k] = calloc(CACHE_CHUNK, sizeof **c->cache)))
        return oom(err), NULL;
    np_posting **slot = &c->cache[k][row % CACHE_CHUNK];
    if (!*slot && decode_row(c, row, slot, err) != NP_OK) return NULL;
    return *slot;
}

np_status np_collection_posting_copy(const np_collection *c, size_t row, np_posting **out, np_error *err)
{
    *out = NULL;
    if (row >= c->rows)
        return np_error_set(err, NP_EINVAL, "row %zu is out of range (the collection has %zu)", row, c->rows);
    return decode_row(c, row, out, err);
}

const column *npi_coll_column(const np_collection *c, const np_qfield *field)
{
    if (field->id >= 0 && field->id < NP_PF_COUNT) {
        const np_qfield *own = &c->tables[0][field->id];
        if (field->type != own->type || strcmp(field->name, own->name) != 0) return NULL;
        return &c->cols[field->id];
    }
    if (field->id < NP_PF_ELIGIBLE) return NULL;
    const size_t k = (size_t)(field->id - NP_PF_ELIGIBLE);
    if (k >= c->candidate_count || field->type != NP_QTYPE_BOOL ||
        strcmp(field->name, c->field_names[k]) != 0)
        return NULL;
    return &c->candidates[k].verdicts;
}

void np_collection_value(const np_collection *c, size_t row, const np_qfield *field, np_qvalue *out)
{
    const column *col = row < c->rows ? npi_coll_column(c, field) : NULL;
    if (!col) {
        *out = (np_qvalue){field->type, true, 0, 0, NULL, 0};
        return;
    }
    npi_coll_column_value(c, col, field->type, row, out);
}

static size_t column_memory(const column *col, size_t cap)
{
    return cap * elem_size(col->kind) + (size_t)col->dict_cap * sizeof *col->dict +
           col->dict_table_cap * sizeof *col->dict_table;
}

size_t np_collection_memory(const np_collection *c)
{
    size_t total = sizeof *c + npi_spool_memory(&c->pool) + c->blob.cap + (c->cap + 1) * sizeof *c->offsets;
    for (size_t i = 0; i < NP_PF_COUNT; i++) total += column_memory(&c->cols[i], c->cap);
    for (size_t i = 0; i < c->candidate_count; i++)
        total += sizeof c->candidates[i] + column_memory(&c->candidates[i].verdicts, c->cap);
    total += c->cache_chunks * sizeof *c->cache;
    return total;
}

void np_collection_row_get(const void *record, const np_qfield *field, np_qvalue *out)
{
    const np_collection_row *r = record;
    *out = (np_qvalue){field->type, true, 0, 0, NULL, 0};
    const np_posting *p = np_collection_posting(r->collection, r->row, NULL);
    if (!p || !npi_coll_column(r->collection, field)) return;
    if (field->id < NP_PF_COUNT) {
        np_posting_field_get(p, field, out);
        return;
    }
    const candidate_entry *e = &r->collection->candidates[field->id - NP_PF_ELIGIBLE];
    verdict_value(out, np_eligibility_verdict(&e->profile, p));
}

/* ---- candidates and field tables ---- */

np_status np_collection_add_candidate(np_collection *c, const np_candidate *cand, np_error *err)
{
    const char *nul = memchr(cand->name, '\0', sizeof cand->name);
    const size_t name_len = nul ? (size_t)(nul - cand->name) : sizeof cand->name;
    if (name_len == 0 || name_len == sizeof cand->name)
        return np_error_set(err, NP_EINVAL, "a candidate needs a name (1..%d bytes) to be "
                                            "registered", NP_CANDIDATE_NAME_MAX - 1);
    const np_status valid = npi_coll_check_profile(cand, err);
    if (valid != NP_OK) return valid;
    for (size_t k = 0; k < c->candidate_count; k++)
        if (strcmp(c->candidates[k].profile.name, cand->name) == 0)
            return np_error_set(err, NP_EINVAL, "a candidate named \"%s\" is already registered",
                                cand->name);
    if (c->candidate_count == c->candidate_cap) {
        const size_t cap = c->candidate_cap ? c->candidate_cap * 2 : 4;
        candidate_entry *entries = realloc(c->candidates, cap * sizeof *entries);
        if (!entries) return oom(err);
        c->candidates = entries;
        char **names = realloc(c->field_names, cap * sizeof *names);
        if (!names) return oom(err);
        c->field_names = names;
        c->candidate_cap = cap;
    }
    np_qfield **tables = realloc(c->tables, (c->table_count + 1) * sizeof *tables);
    if (!tables) return oom(err);
    c->tables = tables;
    size_t *sizes = realloc(c->table_sizes, (c->table_count + 1) * sizeof *sizes);
    if (!sizes) return oom(err);
    c->table_sizes = sizes;

    const size_t k = c->candidate_count;
    candidate_entry e = {*cand, {COL_U8, NP_QTYPE_BOOL, {NULL}, NULL, 0, 0, NULL, 0}};
    char *name = malloc(name_len + sizeof "eligible()");
    const size_t old = c->table_sizes[c->table_count - 1];
    np_qfield *table = malloc((old + 1) * sizeof *table);
    if (!name || !table || !column_resize(&e.verdicts, 0, c->cap)) {
        free(name);
        free(table);
        column_free(&e.verdicts);
        return oom(err);
    }
    snprintf(name, name_len + sizeof "eligible()", "eligible(%s)", cand->name);
    for (size_t row = 0; row < c->rows; row++) {
        np_posting *tmp = NULL;
        const np_posting *p = NULL;
        const size_t chunk = row / CACHE_CHUNK;
        if (chunk < c->cache_chunks && c->cache[chunk]) p = c->cache[chunk][row % CACHE_CHUNK];
        if (!p) {
            np_status st = decode_row(c, row, &tmp, err);
            if (st != NP_OK) {
                free(name);
                free(table);
                column_free(&e.verdicts);
                return st;
            }
            p = tmp;
        }
        np_qvalue v;
        verdict_value(&v, np_eligibility_verdict(cand, p));
        column_set(c, &e.verdicts, row, &v);
        np_posting_free(tmp);
    }
    memcpy(table, c->tables[c->table_count - 1], old * sizeof *table);
    table[old] = (np_qfield){name, NP_QTYPE_BOOL, NP_PF_ELIGIBLE + (int)k, NULL};
    c->candidates[k] = e;
    c->field_names[k] = name;
    c->candidate_count = k + 1;
    c->tables[c->table_count] = table;
    c->table_sizes[c->table_count] = old + 1;
    c->table_count++;
    return NP_OK;
}

size_t np_collection_candidate_count(const np_collection *c) { return c->candidate_count; }

const np_candidate *np_collection_candidate(const np_collection *c, size_t index)
{
    return index < c->candidate_count ? &c->candidates[index].profile : NULL;
}

const np_qfield *np_collection_fields(const np_collection *c, size_t *count)
{
    if (count) *count = c->table_sizes[c->table_count - 1];
    return c->tables[c->table_count - 1];
}

np_status np_collection_compile(const np_collection *c, np_query **out, const char *text,
                                size_t len, np_error *err)
{
    return np_collection_compile_env(c, out, text, len, NULL, err);
}

np_status np_collection_compile_env(const np_collection *c, np_query **out, const char *text,
                                    size_t len, const np_query_env *env, np_error *err)
{
    size_t n;
    const np_qfield *fields = np_collection_fields(c, &n);
    return np_query_compile_env(out, text, len, fields, n, env, err);
}
