/* Query evaluation over the column store.
 *
 * The query tree is first turned into a plan: chains of `and` / `or` become
 * n-ary nodes (so a long chain does not recurse), and every leaf becomes a
 * test that a tight loop applies to a block of one typed column:
 *   - integer columns: the matching values as a few inclusive ranges (the
 *     null sentinel is never inside them, except for `is null`), each tested
 *     with one unsigned subtraction and compare, which compilers vectorise;
 *   - uint8 columns: the leaf decided for each of the 256 possible values
 *     (with np_qnode_test_value, the row-wise rule itself), kept as ranges
 *     when it is one or two runs, else as a lookup table;
 *   - text columns: the leaf decided once per distinct string of the column
 *     (np_qnode_test_value again); the matching dictionary codes as ranges
 *     when they are few runs, else a lookup by code;
 *   - double columns: the comparison itself (NaN is null).
 * Rows are processed in whole blocks of BLOCK (columns are padded with nulls
 * to a whole block, so every loop has a fixed trip count and vectorises even
 * at -O2); each node writes a 0/1 byte per row; `and` stops early on a
 * block with no match left, `or` on a block with every row matched.
 */
#include <stdlib.h>
#include <string.h>

#include "collection_impl.h"
#include "natopost/cancel.h"

enum { BLOCK = NP_COLL_BLOCK, LANES = 16 };

/* for (i = 0; i < n; i++) with n a multiple of LANES, as an inner loop of a
 * fixed trip count, which compilers vectorise even at -O2. */
/* `i` is the name the loop declares, which cannot be parenthesised. */
// NOLINTBEGIN(bugprone-macro-parentheses)
#define FOR_ROWS(i, n)                                         \
    for (size_t rows_start_ = 0; rows_start_ < (n); rows_start_ += LANES) \
        for (size_t lane_ = 0, i = rows_start_; lane_ < LANES; lane_++, i++)
// NOLINTEND(bugprone-macro-parentheses)

typedef enum pkind { P_AND, P_OR, P_NOT, P_LEAF } pkind;
typedef enum lkind { L_FALSE, L_RANGES, L_LUT, L_VALUES } lkind;

typedef struct prange {
    int64_t lo, hi;
} prange;

typedef struct pnode {
    pkind kind;
    struct pnode **kids;
    size_t nkids;
    /* leaves */
    lkind leaf;
    const column *col;
    prange *ranges;
    size_t nranges;
    uint8_t *lut;         /* L_LUT: by uint8 value, or by text code */
    const np_qnode *node;
} pnode;

typedef struct plan {
    void **allocs;
    size_t count, cap;
    int depth; /* deepest nesting, for scratch buffers */
    bool failed;
    const np_collection *c;
    const np_qfield *bad_field; /* a field the collection does not have */
} plan;

static void *plan_alloc(plan *pl, size_t size)
{
    if (pl->failed) return NULL;
    if (pl->count == pl->cap) {
        const size_t cap = pl->cap ? pl->cap * 2 : 32;
        void **grown = realloc(pl->allocs, cap * sizeof *grown);
        if (!grown) {
            pl->failed = true;
            return NULL;
        }
        pl->allocs = grown;
        pl->cap = cap;
    }
    void *p = calloc(1, size ? size : 1);
    if (!p) {
        pl->failed = true;
        return NULL;
    }
    pl->allocs[pl->count++] = p;
    return p;
}

static void plan_free(plan *pl)
{
    for (size_t i = 0; i < pl->count; i++) free(pl->allocs[i]);
    free(pl->allocs);
}

/* ---- leaves ---- */

typedef struct range_list {
    prange items[8];
    size_t n;
    bool overflow; /* more ranges than items: use the slow path */
} range_list;

static void push_range(range_list *l, int64_t lo, int64_t hi, int64_t min, int64_t max)
{
    if (lo < min) lo = min;
    if (hi > max) hi = max;
    if (lo > hi) return;
    if (l->n == sizeof l->items / sizeof l->items[0]) {
        l->overflow = true;
        return;
    }
    l->items[l->n++] = (prange){lo, hi};
}

/* Clamps a double to a range where int64 conversion is exact and safe. */
static double clampd(double x) { return x < -1e15 ? -1e15 : x > 1e15 ? 1e15 : x; }

/* Integer values v (in [min, max], null excluded) with `v op L` for a
 * double literal L, as ranges. */
static void ranges_for_double(range_list *l, np_qop op, double lit, int64_t min, int64_t max)
{
    const double x = clampd(lit);
    const int64_t t = (int64_t)x; /* toward zero; exact for |x| <= 1e15 */
    const int64_t fl = t - (x < (double)t), ce = t + (x > (double)t);
    const bool integral = x == lit && fl == ce;
    switch (op) {
    case NP_QOP_EQ:
        if (integral) push_range(l, fl, fl, min, max);
        break;
    case NP_QOP_NE:
        if (integral) {
            push_range(l, min, fl - 1, min, max);
            push_range(l, fl + 1, max, min, max);
        } else {
            push_range(l, min, max, min, max);
        }
        break;
    case NP_QOP_LT: push_range(l, min, ce - 1, min, max); break;
    case NP_QOP_LE: push_range(l, min, fl, min, max); break;
    case NP_QOP_GT: push_range(l, fl + 1, max, min, max); break;
    case NP_QOP_GE: push_range(l, ce, max, min, max); break;
    }
}

/* The ranges of an integer-column leaf. `min`..`max` are the non-null
 * values; `null` the sentinel. Numbers (I16) compare with the literal's
 * double, ordinals (I32) with its ordinal. */
static void leaf_ranges(range_list *l, const np_qnode *n, bool number, int64_t null, int64_t min,
                        int64_t max)
{
    switch (n->kind) {
    case NP_QNODE_IS_NULL: push_range(l, null, null, null, null); return;
    case NP_QNODE_TRUE_FIELD:
        push_range(l, min, -1, min, max);
        push_range(l, 1, max, min, max);
        return;
    case NP_QNODE_COMPARE:
        if (number) ranges_for_double(l, n->op, n->values[0].number, min, max);
        else ranges_for_double(l, n->op, (double)n->values[0].ordinal, min, max);
        return;
    case NP_QNODE_IN:
        for (size_t i = 0; i < n->value_count; i++) {
            if (number) ranges_for_double(l, NP_QOP_EQ, n->values[i].number, min, max);
            else ranges_for_double(l, NP_QOP_EQ, (double)n->values[i].ordinal, min, max);
        }
        return;
    default: return; /* CONTAINS is text-only */
    }
}

static bool set_ranges(plan *pl, pnode *p, const range_list *l)
{
    if (l->n == 0) {
        p->leaf = L_FALSE;
        return true;
    }
    p->leaf = L_RANGES;
    p->ranges = plan_alloc(pl, l->n * sizeof *p->ranges);
    if (!p->ranges) return false;
    memcpy(p->ranges, l->items, l->n * sizeof *p->ranges);
    p->nranges = l->n;
    return true;
}

/* Ranges of the true entries of a lookup table, or a copy of the table
 * when they make more runs than a range list holds. */
static bool lut_leaf(plan *pl, pnode *p, const uint8_t *lut, size_t size)
{
    range_list l = {{{0, 0}}, 0, false};
    for (size_t v = 0; v < size && !l.overflow;) {
        if (!lut[v]) {
            v++;
            continue;
        }
        size_t end = v;
        while (end + 1 < size && lut[end + 1]) end++;
        push_range(&l, (int64_t)v, (int64_t)end, 0, INT64_MAX);
        v = end + 1;
    }
    if (!l.overflow) return set_ranges(pl, p, &l);
    p->leaf = L_LUT;
    if (!(p->lut = plan_alloc(pl, size))) return false;
    memcpy(p->lut, lut, size);
    return true;
}

static bool build_leaf(plan *pl, pnode *p, const np_qnode *n)
{
    const np_collection *c = pl->c;
    const column *col = npi_coll_column(c, n->field);
    if (!col) {
        pl->bad_field = n->field;
        return false;
    }
    p->kind = P_LEAF;
    p->col = col;
    p->node = n;
    switch (col->kind) {
    case COL_U8: {
        /* Decide every possible byte with the row-wise rule. */
        uint8_t lut[256];
        for (int v = 0; v < 256; v++) {
            np_qvalue value = {n->field->type, v == (int)U8_NULL, 0, v, NULL, 0};
            lut[v] = np_qnode_test_value(n, &value);
        }
        return lut_leaf(pl, p, lut, sizeof lut);
    }
    case COL_I32:
    case COL_I16: {
        const bool i16 = col->kind == COL_I16;
        range_list l = {{{0, 0}}, 0, false};
        leaf_ranges(&l, n, n->field->type == NP_QTYPE_NUMBER, i16 ? I16_NULL : I32_NULL,
                    (i16 ? I16_NULL : I32_NULL) + 1, i16 ? INT16_MAX : INT32_MAX);
        if (!l.overflow) return set_ranges(pl, p, &l);
        p->leaf = L_VALUES; /* a long "in" list: value by value */
        return true;
    }
    case COL_F64: p->leaf = L_VALUES; return true;
    case COL_T8:
    case COL_T16:
    case COL_T32: {
        /* Decide every distinct string (and null) once. */
        const size_t size = (size_t)col->dict_count + 1;
        uint8_t *lut = malloc(size);
        if (!lut) {
            pl->failed = true;
            return false;
        }
        np_qvalue value = {NP_QTYPE_TEXT, true, 0, 0, NULL, 0};
        lut[0] = np_qnode_test_value(n, &value);
        value.is_null = false;
        for (uint32_t code = 1; code <= col->dict_count; code++) {
            value.text = npi_spool_str(&c->pool, col->dict[code - 1], &value.text_len);
            lut[code] = np_qnode_test_value(n, &value);
        }
        const bool ok = lut_leaf(pl, p, lut, size);
        free(lut);
        return ok;
    }
    }
    return false;
}

/* ---- plan ---- */

static pnode *build(plan *pl, const np_qnode *n, int depth)
{
    if (depth > pl->depth) pl->depth = depth;
    pnode *p = plan_alloc(pl, sizeof *p);
    if (!p) return NULL;
    if (n->kind == NP_QNODE_AND || n->kind == NP_QNODE_OR) {
        /* A left-deep chain a and b and c: its operands, left to right. */
        size_t k = 1;
        const np_qnode *m = n;
        for (; m->kind == n->kind; m = m->left) k++;
        p->kind = n->kind == NP_QNODE_AND ? P_AND : P_OR;
        p->nkids = k;
        if (!(p->kids = plan_alloc(pl, k * sizeof *p->kids))) return NULL;
        m = n;
        for (size_t i = k - 1; i > 0; i--, m = m->left)
            if (!(p->kids[i] = build(pl, m->right, depth + 1))) return NULL;
        if (!(p->kids[0] = build(pl, m, depth + 1))) return NULL;
        return p;
    }
    if (n->kind == NP_QNODE_NOT) {
        p->kind = P_NOT;
        p->nkids = 1;
        if (!(p->kids = plan_alloc(pl, sizeof *p->kids))) return NULL;
        return (p->kids[0] = build(pl, n->left, depth + 1)) ? p : NULL;
    }
    return build_leaf(pl, p, n) ? p : NULL;
}

/* ---- kernels: one whole block each, m[i] = 1 when row i matches ---- */

/* Values in [lo, hi] as one unsigned compare: (x - lo) <= (hi - lo). */
#define RANGE_KERNEL(name, T, U)                                                          \
    static void name(const T *restrict x, size_t n, const prange *r, size_t nr, uint8_t *restrict m) \
    {                                                                                     \
        const U lo0 = (U)r[0].lo, w0 = (U)(r[0].hi - r[0].lo);                            \
        FOR_ROWS(i, n) m[i] = (U)((U)x[i] - lo0) <= w0;                                  \
        for (size_t k = 1; k < nr; k++) {                                                 \
            const U lo = (U)r[k].lo, w = (U)(r[k].hi - r[k].lo);                          \
            FOR_ROWS(i, n) m[i] |= (U)((U)x[i] - lo) <= w;                               \
        }                                                                                 \
    }

RANGE_KERNEL(ranges_u8, uint8_t, uint8_t)
RANGE_KERNEL(ranges_u16, uint16_t, uint16_t)
RANGE_KERNEL(ranges_i16, int16_t, uint16_t)
RANGE_KERNEL(ranges_u32, uint32_t, uint32_t)
RANGE_KERNEL(ranges_i32, int32_t, uint32_t)

#define LUT_KERNEL(name, T)                                                                    \
    static void name(const T *restrict x, size_t n, const uint8_t *restrict lut, uint8_t *restrict m) \
    {                                                                                          \
        FOR_ROWS(i, n) m[i] = lut[x[i]];                                                       \
    }

LUT_KERNEL(lut_u8, uint8_t)
LUT_KERNEL(lut_u16, uint16_t)
LUT_KERNEL(lut_u32, uint32_t)

/* Numbers through doubles (F64, or an integer column with a long "in"
 * list): the comparison itself, else the row-wise rule on each value. */
static void leaf_values(const np_collection *c, const pnode *p, size_t start, size_t n, uint8_t *m)
{
    const np_qnode *q = p->node;
    if (p->col->kind == COL_F64) {
        const double *x = p->col->v.f64 + start;
        if (q->kind == NP_QNODE_IS_NULL) {
            FOR_ROWS(i, n) m[i] = x[i] != x[i];
            return;
        }
        if (q->kind == NP_QNODE_COMPARE) {
            const double l = q->values[0].number;
            switch (q->op) {
            case NP_QOP_EQ: FOR_ROWS(i, n) m[i] = x[i] == l; return;
            case NP_QOP_NE: FOR_ROWS(i, n) m[i] = x[i] == x[i] && x[i] != l; return;
            case NP_QOP_LT: FOR_ROWS(i, n) m[i] = x[i] < l; return;
            case NP_QOP_LE: FOR_ROWS(i, n) m[i] = x[i] <= l; return;
            case NP_QOP_GT: FOR_ROWS(i, n) m[i] = x[i] > l; return;
            case NP_QOP_GE: FOR_ROWS(i, n) m[i] = x[i] >= l; return;
            }
        }
    }
    for (size_t i = 0; i < n; i++) {
        np_qvalue v;
        npi_coll_column_value(c, p->col, q->field->type, start + i, &v);
        m[i] = np_qnode_test_value(q, &v);
    }
}

static void eval_leaf(const np_collection *c, const pnode *p, size_t start, size_t n, uint8_t *m)
{
    const column *col = p->col;
    if (p->leaf == L_FALSE) {
        memset(m, 0, n);
        return;
    }
    if (p->leaf == L_VALUES) {
        leaf_values(c, p, start, n, m);
        return;
    }
    const bool lut = p->leaf == L_LUT;
    switch (col->kind) {
    case COL_U8:
    case COL_T8:
        if (lut) lut_u8(col->v.u8 + start, n, p->lut, m);
        else ranges_u8(col->v.u8 + start, n, p->ranges, p->nranges, m);
        return;
    case COL_T16:
        if (lut) lut_u16(col->v.u16 + start, n, p->lut, m);
        else ranges_u16(col->v.u16 + start, n, p->ranges, p->nranges, m);
        return;
    case COL_T32:
        if (lut) lut_u32(col->v.u32 + start, n, p->lut, m);
        else ranges_u32(col->v.u32 + start, n, p->ranges, p->nranges, m);
        return;
    case COL_I16: ranges_i16(col->v.i16 + start, n, p->ranges, p->nranges, m); return;
    case COL_I32: ranges_i32(col->v.i32 + start, n, p->ranges, p->nranges, m); return;
    case COL_F64: memset(m, 0, n); return; /* always L_VALUES */
    }
}

static bool any_set(const uint8_t *m, size_t n)
{
    uint8_t acc = 0;
    FOR_ROWS(i, n) acc |= m[i];
    return acc != 0;
}

static bool all_set(const uint8_t *m, size_t n)
{
    uint8_t acc = 1;
    FOR_ROWS(i, n) acc &= m[i];
    return acc != 0;
}

/* Evaluates `p` over rows [start, start + n) into out; n is a multiple of
 * LANES (BLOCK, or the rows left rounded up: rows past the collection's end
 * are null padding whose bytes mean nothing). */
static void eval(const np_collection *c, const pnode *p, size_t start, size_t n, uint8_t *out,
                 uint8_t *scratch, int depth)
{
    if (p->kind == P_LEAF) {
        eval_leaf(c, p, start, n, out);
        return;
    }
    eval(c, p->kids[0], start, n, out, scratch, depth + 1);
    if (p->kind == P_NOT) {
        FOR_ROWS(i, n) out[i] ^= 1;
        return;
    }
    uint8_t *tmp = scratch + (size_t)depth * BLOCK;
    for (size_t k = 1; k < p->nkids; k++) {
        if (p->kind == P_AND) {
            if (!any_set(out, n)) return;
            eval(c, p->kids[k], start, n, tmp, scratch, depth + 1);
            FOR_ROWS(i, n) out[i] &= tmp[i];
        } else {
            if (all_set(out, n)) return;
            eval(c, p->kids[k], start, n, tmp, scratch, depth + 1);
            FOR_ROWS(i, n) out[i] |= tmp[i];
        }
    }
}

/* Checks that the collection has every field `order by` and `count by` name. */
static const np_qfield *missing_field(const np_collection *c, const np_query *q)
{
    for (size_t i = 0; i < q->order_by_count; i++)
        if (!npi_coll_column(c, q->order_by[i].field)) return q->order_by[i].field;
    if (q->count_by && !npi_coll_column(c, q->count_by)) return q->count_by;
    return NULL;
}

/* Appends the rows of a block whose mask byte is set (the first `valid`). */
static bool collect(const uint8_t *m, size_t start, size_t valid, uint32_t **rows, size_t *count, size_t *cap)
{
    for (size_t i = 0; i < valid; i += 8) {
        uint64_t word;
        memcpy(&word, m + i, sizeof word);
        if (!word) continue; /* eight rows without a match */
        const size_t end = i + 8 < valid ? i + 8 : valid;
        for (size_t j = i; j < end; j++) {
            if (!m[j]) continue;
            if (*count == *cap) {
                const size_t grown_cap = *cap ? *cap * 2 : 4096;
                uint32_t *grown = realloc(*rows, grown_cap * sizeof *grown);
                if (!grown) return false;
                *rows = grown;
                *cap = grown_cap;
            }
            (*rows)[(*count)++] = (uint32_t)(start + j);
        }
    }
    return true;
}

np_status npi_coll_select(const np_collection *c, const np_query *q, uint32_t **rows, size_t *count,
                         np_error *err)
{
    *rows = NULL;
    *count = 0;
    plan pl = {NULL, 0, 0, 0, false, c, NULL};
    const pnode *root = q->where ? build(&pl, q->where, 0) : NULL;
    const np_qfield *bad = pl.bad_field ? pl.bad_field : missing_field(c, q);
    if (bad) {
        plan_free(&pl);
        return np_error_set(err, NP_EINVAL,
                            "the query names field '%s', which this collection does not have "
                            "(compile it against np_collection_fields)",
                            bad->name);
    }
    uint8_t *mask = malloc(BLOCK);
    uint8_t *scratch = malloc((size_t)(pl.depth + 2) * BLOCK);
    uint32_t *out = NULL;
    size_t n = 0, cap = 0;
    bool ok = !pl.failed && mask && scratch;
    np_status cancelled = NP_OK;
    for (size_t start = 0; ok && start < c->rows; start += BLOCK) {
        /* every 32 blocks (64 Ki rows, tens of microseconds) */
        if (start % ((size_t)32 * BLOCK) == 0 && (cancelled = np_cancel_check(err)) != NP_OK) break;
        const size_t valid = c->rows - start < BLOCK ? c->rows - start : BLOCK;
        const size_t span = (valid + LANES - 1) / LANES * LANES;
        if (root) eval(c, root, start, span, mask, scratch, 0);
        else memset(mask, 1, span);
        ok = collect(mask, start, valid, &out, &n, &cap);
    }
    plan_free(&pl);
    free(mask);
    free(scratch);
    if (!ok || cancelled != NP_OK) {
        free(out);
        return cancelled != NP_OK ? cancelled : np_error_set(err, NP_ENOMEM, "out of memory running a query");
    }
    *rows = out;
    *count = n;
    return NP_OK;
}

/* ---- sorting ---- */

typedef struct text_rank_item {
    const char *s;
    size_t len;
    uint32_t code;
} text_rank_item;

static int compare_text_items(const void *a, const void *b)
{
    const text_rank_item *x = a, *y = b;
    const size_t n = x->len < y->len ? x->len : y->len;
    const int c = n ? memcmp(x->s, y->s, n) : 0;
    if (c) return c;
    return (x->len > y->len) - (x->len < y->len);
}

/* Sort keys of rows[0..n) on one column as doubles (NaN = null); text by the
 * rank of its string in byte order. */
static double *column_keys(const np_collection *c, const column *col, const uint32_t *rows, size_t n)
{
    double *keys = malloc((n ? n : 1) * sizeof *keys);
    if (!keys) return NULL;
    switch (col->kind) {
    case COL_U8:
        for (size_t i = 0; i < n; i++) {
            const uint8_t x = col->v.u8[rows[i]];
            keys[i] = x == U8_NULL ? (double)NAN : (double)x;
        }
        break;
    case COL_I16:
        for (size_t i = 0; i < n; i++) {
            const int16_t x = col->v.i16[rows[i]];
            keys[i] = x == I16_NULL ? (double)NAN : (double)x;
        }
        break;
    case COL_I32:
        for (size_t i = 0; i < n; i++) {
            const int32_t x = col->v.i32[rows[i]];
            keys[i] = x == I32_NULL ? (double)NAN : (double)x;
        }
        break;
    case COL_F64:
        for (size_t i = 0; i < n; i++) keys[i] = col->v.f64[rows[i]];
        break;
    case COL_T8:
    case COL_T16:
    case COL_T32: {
        text_rank_item *items = malloc(((size_t)col->dict_count + 1) * sizeof *items);
        uint32_t *rank = malloc(((size_t)col->dict_count + 1) * sizeof *rank);
        if (!items || !rank) {
            free(items);
            free(rank);
            free(keys);
            return NULL;
        }
        for (uint32_t code = 1; code <= col->dict_count; code++) {
            items[code - 1].s = npi_spool_str(&c->pool, col->dict[code - 1], &items[code - 1].len);
            items[code - 1].code = code;
        }
        qsort(items, col->dict_count, sizeof *items, compare_text_items);
        for (uint32_t i = 0; i < col->dict_count; i++) rank[items[i].code] = i;
        for (size_t i = 0; i < n; i++) {
            const uint32_t code = npi_coll_code(col, rows[i]);
            keys[i] = code == 0 ? (double)NAN : (double)rank[code];
        }
        free(items);
        free(rank);
        break;
    }
    }
    return keys;
}

typedef struct sort_ctx {
    double **keys;
    const bool *desc;
    size_t nkeys;
} sort_ctx;

/* <0, 0, >0 as np_query_compare_records: null last in either direction. */
static int compare_at(const sort_ctx *s, uint32_t a, uint32_t b)
{
    for (size_t k = 0; k < s->nkeys; k++) {
        const double x = s->keys[k][a], y = s->keys[k][b];
        const bool xn = x != x, yn = y != y;
        if (xn || yn) {
            if (xn != yn) return xn ? 1 : -1;
            continue;
        }
        const int c = (x > y) - (x < y);
        if (c) return s->desc[k] ? -c : c;
    }
    return 0;
}

/* Stable bottom-up merge sort of perm[0..n) (indices into the key arrays). */
static bool merge_sort(const sort_ctx *s, uint32_t *perm, size_t n)
{
    if (n < 2) return true;
    uint32_t *tmp = malloc(n * sizeof *tmp);
    if (!tmp) return false;
    uint32_t *src = perm, *dst = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            const size_t mid = lo + width < n ? lo + width : n;
            const size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) dst[k++] = compare_at(s, src[j], src[i]) < 0 ? src[j++] : src[i++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != perm) memcpy(perm, src, n * sizeof *perm);
    free(tmp);
    return true;
}

np_status npi_coll_sort(const np_collection *c, const np_qsort_key *keys, size_t key_count,
                       uint32_t *rows, size_t n, np_error *err)
{
    if (key_count == 0 || n < 2) return NP_OK;
    double **k = calloc(key_count, sizeof *k);
    bool *desc = calloc(key_count, sizeof *desc);
    uint32_t *perm = malloc(n * sizeof *perm);
    uint32_t *sorted = malloc(n * sizeof *sorted);
    bool ok = k && desc && perm && sorted;
    for (size_t i = 0; ok && i < key_count; i++) {
        const column *col = npi_coll_column(c, keys[i].field);
        ok = col && (k[i] = column_keys(c, col, rows, n)) != NULL;
        desc[i] = keys[i].descending;
    }
    if (ok) {
        for (size_t i = 0; i < n; i++) perm[i] = (uint32_t)i;
        const sort_ctx s = {k, desc, key_count};
        ok = merge_sort(&s, perm, n);
    }
    if (ok) {
        for (size_t i = 0; i < n; i++) sorted[i] = rows[perm[i]];
        memcpy(rows, sorted, n * sizeof *rows);
    }
    for (size_t i = 0; k && i < key_count; i++) free(k[i]);
    free(k);
    free(desc);
    free(perm);
    free(sorted);
    return ok ? NP_OK : np_error_set(err, NP_ENOMEM, "out of memory sorting a result");
}

np_status npi_coll_group(const np_collection *c, const column *col, const uint32_t *rows, size_t n,
                        uint32_t **order, size_t **starts, size_t *groups, np_error *err)
{
    *order = NULL;
    *starts = NULL;
    *groups = 0;
    double *keys = column_keys(c, col, rows, n);
    uint32_t *perm = malloc((n ? n : 1) * sizeof *perm);
    size_t *st = malloc((n + 1) * sizeof *st);
    const bool asc = false;
    double *key_list[1] = {keys};
    const sort_ctx s = {key_list, &asc, 1};
    bool ok = keys && perm && st;
    if (ok) {
        for (size_t i = 0; i < n; i++) perm[i] = (uint32_t)i;
        ok = merge_sort(&s, perm, n);
    }
    if (!ok) {
        free(keys);
        free(perm);
        free(st);
        return np_error_set(err, NP_ENOMEM, "out of memory counting a result");
    }
    size_t g = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || compare_at(&s, perm[i - 1], perm[i]) != 0) st[g++] = i;
    st[g] = n;
    free(keys);
    *order = perm;
    *starts = st;
    *groups = g;
    return NP_OK;
}
