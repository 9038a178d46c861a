/* Duplicates: one posting per identity (np_posting_identity), the most
 * complete copy kept, the sources of every copy recorded with it. */
#include <stdlib.h>
#include <string.h>

#include "collection_impl.h"

static np_status oom(np_error *err) { return np_error_set(err, NP_ENOMEM, "out of memory"); }

typedef struct keyed_row {
    char *identity; /* NULL: no identity, never folded */
    uint32_t row;
} keyed_row;

/* By identity, then by row: the copies of one identity end up together in
 * the order they were met. */
static int compare_keyed(const void *a, const void *b)
{
    const keyed_row *x = a, *y = b;
    if (x->identity && y->identity) {
        const int c = strcmp(x->identity, y->identity);
        if (c) return c;
    } else if (x->identity != y->identity) {
        return x->identity ? -1 : 1;
    }
    return x->row < y->row ? -1 : x->row > y->row;
}

/* How many fields of the static table the row states. */
static size_t stated_fields(const np_collection *c, size_t row)
{
    size_t n, stated = 0;
    const np_qfield *fields = np_posting_fields(&n);
    for (size_t i = 0; i < n; i++) {
        np_qvalue v;
        np_collection_value(c, row, &fields[i], &v);
        stated += !v.is_null;
    }
    return stated;
}

/* A group: copies [first, end) of the sorted rows; kept is the row kept. */
typedef struct group {
    size_t first, end;
    uint32_t kept, earliest;
} group;

static int compare_groups(const void *a, const void *b)
{
    const group *x = a, *y = b;
    return x->earliest < y->earliest ? -1 : x->earliest > y->earliest;
}

/* Text field `id` of a row, read from its column (NULL when null): the
 * pool's strings end with a NUL. */
static const char *text_value(const np_collection *c, size_t row, int id)
{
    np_qvalue v;
    np_collection_value(c, row, &np_posting_fields(NULL)[id], &v);
    return v.is_null ? NULL : v.text;
}

/* Each row's identity, from the columns the rule reads (no posting is
 * re-created): a probe posting borrows the collection's strings and
 * np_posting_identity only reads them. */
static np_status identities(keyed_row *keyed, const np_collection *c, np_error *err)
{
    for (size_t r = 0; r < c->rows; r++) {
        keyed[r].row = (uint32_t)r;
        np_posting probe;
        memset(&probe, 0, sizeof probe);
        probe.id = (char *)text_value(c, r, NP_PF_ID);
        probe.body = (char *)text_value(c, r, NP_PF_BODY);
        probe.requisition = (char *)text_value(c, r, NP_PF_REQUISITION);
        np_status st = np_posting_identity(&keyed[r].identity, &probe, err);
        if (st != NP_OK) return st;
    }
    return NP_OK;
}

static size_t make_groups(group *groups, const keyed_row *keyed, const np_collection *c)
{
    size_t count = 0;
    for (size_t i = 0; i < c->rows;) {
        size_t end = i + 1;
        if (keyed[i].identity)
            while (end < c->rows && keyed[end].identity && strcmp(keyed[end].identity, keyed[i].identity) == 0)
                end++;
        group *g = &groups[count++];
        *g = (group){i, end, keyed[i].row, keyed[i].row};
        size_t best = end - i > 1 ? stated_fields(c, keyed[i].row) : 0;
        for (size_t k = i + 1; k < end; k++) {
            const size_t stated = stated_fields(c, keyed[k].row);
            if (stated > best) best = stated, g->kept = keyed[k].row;
        }
        i = end;
    }
    qsort(groups, count, sizeof *groups, compare_groups);
    return count;
}

/* Copies the sources of each group's rows into `out`. */
static np_status record_sources(np_collection *out, const np_collection *c, const group *groups,
                                size_t count, const keyed_row *keyed, np_error *err)
{
    if (!(out->source_offsets = calloc(count + 1, sizeof *out->source_offsets))) return oom(err);
    if (!(out->sources = calloc(c->rows ? c->rows : 1, sizeof *out->sources))) return oom(err);
    size_t n = 0;
    for (size_t g = 0; g < count; g++) {
        out->source_offsets[g] = n;
        for (size_t k = groups[g].first; k < groups[g].end; k++) {
            const char *source = text_value(c, keyed[k].row, NP_PF_SOURCE);
            if (!source) continue;
            if (!(out->sources[n++] = npi_coll_copy_text(source))) return oom(err);
            out->source_total = n; /* what the free on failure frees */
        }
        out->source_offsets[g + 1] = n;
    }
    out->sourced_rows = count;
    return NP_OK;
}

static np_status fill(np_collection *out, const np_collection *c, keyed_row *keyed, group **groups_out,
                      np_error *err)
{
    np_status st = identities(keyed, c, err);
    if (st != NP_OK) return st;
    qsort(keyed, c->rows, sizeof *keyed, compare_keyed);
    group *groups = malloc((c->rows ? c->rows : 1) * sizeof *groups);
    if (!groups) return oom(err);
    *groups_out = groups;
    const size_t count = make_groups(groups, keyed, c);
    for (size_t g = 0; g < count; g++) {
        /* a copy, not a borrowed posting: the source collection's cache
         * stays empty however large it is */
        np_posting *p = NULL;
        st = np_collection_posting_copy(c, groups[g].kept, &p, err);
        if (st == NP_OK) st = np_collection_add_posting(out, p, err);
        np_posting_free(p);
        if (st != NP_OK) return st;
    }
    for (size_t i = 0; i < c->candidate_count; i++)
        if ((st = np_collection_add_candidate(out, &c->candidates[i].profile, err)) != NP_OK) return st;
    out->on_error = c->on_error;
    return record_sources(out, c, groups, count, keyed, err);
}

np_status np_collection_unique(np_collection **out, const np_collection *c, np_error *err)
{
    *out = NULL;
    np_collection *u;
    np_status st = np_collection_new(&u, err);
    if (st != NP_OK) return st;
    keyed_row *keyed = calloc(c->rows ? c->rows : 1, sizeof *keyed);
    group *groups = NULL;
    st = keyed ? fill(u, c, keyed, &groups, err) : oom(err);
    if (keyed)
        for (size_t i = 0; i < c->rows; i++) free(keyed[i].identity);
    free(keyed);
    free(groups);
    if (st != NP_OK) {
        np_collection_free(u);
        return st;
    }
    np_collection_shrink(u, NULL);
    *out = u;
    return NP_OK;
}

size_t np_collection_source_count(const np_collection *c, size_t row)
{
    if (row < c->sourced_rows) return c->source_offsets[row + 1] - c->source_offsets[row];
    if (row >= c->rows) return 0;
    np_qvalue v;
    np_collection_value(c, row, &np_posting_fields(NULL)[NP_PF_SOURCE], &v);
    return !v.is_null;
}

const char *np_collection_source(const np_collection *c, size_t row, size_t i)
{
    if (i >= np_collection_source_count(c, row)) return NULL;
    if (row < c->sourced_rows) return c->sources[c->source_offsets[row] + i];
    np_qvalue v;
    np_collection_value(c, row, &np_posting_fields(NULL)[NP_PF_SOURCE], &v);
    return v.text; /* the pool's strings end with a NUL */
}
