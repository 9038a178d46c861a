/* Query results: the matching rows in order, and "count by" groups. */
#include <stdlib.h>
#include <string.h>

#include "collection_impl.h"
#include "support/plural.h"

typedef struct group {
    np_qvalue value;
    size_t count;
} group;

struct np_result {
    np_collection *collection;
    uint32_t *rows;
    size_t count;
    const np_qfield *count_by;
    group *groups;
    size_t group_count;
};

/* Count descending, then value ascending with null last. */
static int compare_groups(const void *a, const void *b)
{
    const group *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    if (x->value.is_null || y->value.is_null) return (int)x->value.is_null - (int)y->value.is_null;
    return np_qvalue_compare(&x->value, &y->value);
}

static np_status count_groups(np_result *r, const column *col, np_error *err)
{
    uint32_t *order;
    size_t *starts, n;
    np_status st = npi_coll_group(r->collection, col, r->rows, r->count, &order, &starts, &n, err);
    if (st != NP_OK) return st;
    r->groups = malloc((n ? n : 1) * sizeof *r->groups);
    if (!r->groups) {
        free(order);
        free(starts);
        return np_error_set(err, NP_ENOMEM, "out of memory counting a result");
    }
    for (size_t g = 0; g < n; g++) {
        const size_t row = r->rows[order[starts[g]]];
        npi_coll_column_value(r->collection, col, r->count_by->type, row, &r->groups[g].value);
        r->groups[g].count = starts[g + 1] - starts[g];
    }
    r->group_count = n;
    free(order);
    free(starts);
    qsort(r->groups, n, sizeof *r->groups, compare_groups);
    return NP_OK;
}

np_status np_collection_run(np_result **out, np_collection *c, const np_query *q, np_error *err)
{
    *out = NULL;
    np_result *r = calloc(1, sizeof *r);
    if (!r) return np_error_set(err, NP_ENOMEM, "out of memory running a query");
    r->collection = c;
    if (q->count_by) {
        /* The collection's own entry: it outlives the query's table. */
        size_t n;
        const np_qfield *fields = np_collection_fields(c, &n);
        for (size_t i = 0; i < n && !r->count_by; i++)
            if (fields[i].id == q->count_by->id) r->count_by = &fields[i];
        if (!r->count_by) r->count_by = q->count_by;
    }
    np_status st = npi_coll_select(c, q, &r->rows, &r->count, err);
    if (st == NP_OK) st = npi_coll_sort(c, q->order_by, q->order_by_count, r->rows, r->count, err);
    if (st == NP_OK && q->count_by) st = count_groups(r, npi_coll_column(c, q->count_by), err);
    if (st != NP_OK) {
        np_result_free(r);
        return st;
    }
    *out = r;
    return NP_OK;
}

np_status np_collection_query(np_result **out, np_collection *c, const char *text, size_t len,
                              np_error *err)
{
    return np_collection_query_env(out, c, text, len, NULL, err);
}

np_status np_collection_query_env(np_result **out, np_collection *c, const char *text, size_t len,
                                  const np_query_env *env, np_error *err)
{
    *out = NULL;
    np_query *q;
    np_status st = np_collection_compile_env(c, &q, text, len, env, err);
    if (st != NP_OK) return st;
    st = np_collection_run(out, c, q, err);
    np_query_free(q);
    return st;
}

size_t np_result_count(const np_result *r) { return r->count; }

size_t np_result_row(const np_result *r, size_t i) { return i < r->count ? r->rows[i] : (size_t)-1; }

const uint32_t *np_result_rows(const np_result *r) { return r->rows; }

const np_posting *np_result_posting(np_result *r, size_t i, np_error *err)
{
    if (i >= r->count) {
        np_error_set(err, NP_EINVAL, "result index %zu is out of range (%zu %s)", i, r->count,
                     npi_plural((long long)r->count, "match", "matches"));
        return NULL;
    }
    return np_collection_posting(r->collection, r->rows[i], err);
}

np_collection *np_result_collection(const np_result *r) { return r->collection; }

np_status np_result_values(const np_result *r, const np_qfield *field, np_qvalue *out, np_error *err)
{
    const column *col = npi_coll_column(r->collection, field);
    if (!col)
        return np_error_set(err, NP_EINVAL, "this collection has no field '%s'", field->name);
    for (size_t i = 0; i < r->count; i++)
        npi_coll_column_value(r->collection, col, field->type, r->rows[i], &out[i]);
    return NP_OK;
}

const np_qfield *np_result_count_by(const np_result *r) { return r->count_by; }

size_t np_result_group_count(const np_result *r) { return r->group_count; }

void np_result_group(const np_result *r, size_t i, np_qvalue *value, size_t *count)
{
    if (i >= r->group_count) {
        if (value) *value = (np_qvalue){NP_QTYPE_TEXT, true, 0, 0, NULL, 0};
        if (count) *count = 0;
        return;
    }
    if (value) *value = r->groups[i].value;
    if (count) *count = r->groups[i].count;
}

void np_result_free(np_result *r)
{
    if (!r) return;
    free(r->rows);
    free(r->groups);
    free(r);
}
