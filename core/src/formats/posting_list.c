/* Many postings: a JSON array, a single posting object or newline-delimited
 * JSON (one posting object per line) in; an array or NDJSON out; atomic
 * files. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/cancel.h"
#include "support/file_io.h"
#include "support/json_util.h"
#include "formats/json_tree.h"
#include "formats/posting_json_internal.h"
#include "support/strbuf.h"

static np_status oom(np_error *err, const char *what)
{
    return np_error_set(err, NP_ENOMEM, "out of memory %s posting JSON", what);
}

/* Room for `extra` more items. */
static bool reserve(np_posting_list *list, size_t extra)
{
    if (extra <= list->capacity - list->count) return true;
    const size_t max = SIZE_MAX / sizeof *list->items;
    if (extra > max - list->count) return false;
    const size_t need = list->count + extra;
    size_t cap = list->capacity ? list->capacity : 8;
    while (cap < need) cap = cap > max / 2 ? need : cap * 2;
    np_posting **items = realloc(list->items, cap * sizeof *items);
    if (!items) return false;
    list->items = items;
    list->capacity = cap;
    return true;
}

np_status np_posting_list_push(np_posting_list *list, np_posting *posting, np_error *err)
{
    if (!reserve(list, 1)) {
        np_posting_free(posting);
        return oom(err, "reading");
    }
    list->items[list->count++] = posting;
    return NP_OK;
}

void np_posting_list_free(np_posting_list *list)
{
    if (!list) return;
    for (size_t i = 0; i < list->count; i++) np_posting_free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

/* ---- reading -------------------------------------------------------------------- */

/* Postings (or NDJSON lines) between two calls of the cancellation hook. */
enum { CANCEL_EVERY = 256 };

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* One posting object or an array of them, parsed already. */
static np_status read_value(np_posting_list *out, const npj_value *root, np_error *err)
{
    npj_path path = {{0}, 0};
    if (!npj_is_array(root)) {
        np_posting *p;
        np_status st = npj_posting_read(&p, root, &path, NULL, err);
        return st == NP_OK ? np_posting_list_push(out, p, err) : st;
    }
    const size_t n = root->len;
    if (!reserve(out, n)) return oom(err, "reading");
    for (size_t i = 0; i < n; i++) {
        np_status st = i % CANCEL_EVERY == 0 ? np_cancel_check(err) : NP_OK;
        if (st != NP_OK) return st;
        const size_t mark = npj_path_index(&path, i);
        np_posting *p;
        st = npj_posting_read(&p, npj_array_get(root, i), &path, NULL, err);
        npj_path_pop(&path, mark);
        if (st != NP_OK) return st;
        out->items[out->count++] = p;
    }
    return NP_OK;
}

/* Newline-delimited JSON: one object per non-blank line, from `text`
 * (whose first line is line 1); one tree reused from line to line. */
static np_status read_ndjson(np_posting_list *out, npj_tree *tree, const char *text, size_t len,
                             np_error *err)
{
    size_t pos = 0;
    for (int line = 1; pos < len; line++) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        const size_t end = nl ? (size_t)(nl - text) : len;
        size_t first = pos;
        while (first < end && is_blank(text[first])) first++;
        if (line % CANCEL_EVERY == 0) {
            const np_status st = np_cancel_check(err);
            if (st != NP_OK) return st;
        }
        if (first < end) {
            const npj_value *v;
            size_t error_at = 0;
            np_status st = npj_tree_parse(tree, &v, text + pos, end - pos, true, &error_at, err);
            if (st == NP_EPARSE)
                return npj_tree_syntax_error(err, text + pos, end - pos, true, error_at, line, pos);
            if (st != NP_OK) return st;
            char where[32];
            snprintf(where, sizeof where, "line %d", line);
            npj_path path = {{0}, 0};
            np_posting *p = NULL;
            st = npj_is_object(v) ? npj_posting_read(&p, v, &path, where, err)
                                  : np_error_set(err, NP_EINVAL,
                                                 "posting JSON: line %d: expected a posting "
                                                 "object, got %s",
                                                 line, npj_type_name(v));
            if (st == NP_OK) st = np_posting_list_push(out, p, err);
            if (st != NP_OK) {
                if (err && err->line == 0) err->line = line;
                return st;
            }
        }
        pos = end + 1;
    }
    return NP_OK;
}

/* The form of `text` and its postings, appended to `out`. */
static np_status read_any(np_posting_list *out, npj_tree *tree, const char *text, size_t len,
                          np_error *err)
{
    size_t start = 0;
    while (start < len && is_blank(text[start])) start++;
    if (start == len) return NP_OK; /* no postings */
    const npj_value *root;
    size_t error_at = 0;
    np_status st = npj_tree_parse(tree, &root, text, len, true, &error_at, err);
    if (st == NP_OK)
        return npj_is_object(root) || npj_is_array(root)
                   ? read_value(out, root, err)
                   : np_error_set(err, NP_EINVAL,
                                  "posting JSON: expected a posting object, an array of "
                                  "postings or one object per line, got %s",
                                  npj_type_name(root));
    if (st != NP_EPARSE) return st;
    /* Not one JSON value: NDJSON when the first line is an object on its own. */
    const char *nl = memchr(text + start, '\n', len - start);
    if (text[start] == '{' && nl) {
        const npj_value *first;
        size_t first_error_at = 0;
        st = npj_tree_parse(tree, &first, text + start, (size_t)(nl - text) - start, false,
                            &first_error_at, err);
        if (st == NP_OK && npj_is_object(first)) return read_ndjson(out, tree, text, len, err);
        if (st == NP_ENOMEM) return st;
    }
    return npj_tree_syntax_error(err, text, len, true, error_at, 1, 0);
}

np_status np_posting_list_read_json(np_posting_list *list, const char *text, size_t len,
                                    np_error *err)
{
    if (!text && len) return np_error_set(err, NP_EINVAL, "posting JSON: no text (NULL)");
    np_posting_list got = {NULL, 0, 0};
    npj_tree tree = NPJ_TREE_INIT;
    np_status st = read_any(&got, &tree, text ? text : "", len, err);
    npj_tree_free(&tree);
    if (st == NP_OK && !reserve(list, got.count)) st = oom(err, "reading");
    if (st != NP_OK) {
        np_posting_list_free(&got);
        return st;
    }
    if (got.count) memcpy(list->items + list->count, got.items, got.count * sizeof *got.items);
    list->count += got.count;
    free(got.items);
    return NP_OK;
}

np_status np_posting_list_load(np_posting_list *list, const char *path, np_error *err)
{
    char *text;
    size_t len;
    np_status st = npi_file_read_all(path, &text, &len, err);
    if (st != NP_OK) return st;
    st = np_posting_list_read_json(list, text, len, err);
    if (st != NP_OK) np_error_prefix(err, "%s", path);
    free(text);
    return st;
}

/* ---- writing -------------------------------------------------------------------------- */

/* Each posting straight into one buffer: an indented JSON array (as
 * json_dumps with JSON_INDENT(2) writes it), or NDJSON. */
static np_status write_list(char **out, const np_posting *const *postings, size_t count,
                            bool ndjson, np_error *err)
{
    npi_strbuf sb = NP_STRBUF_INIT;
    if (!ndjson) npi_strbuf_append(&sb, "[", 1);
    for (size_t i = 0; i < count; i++) {
        if (!ndjson) npi_strbuf_append(&sb, i ? ",\n  " : "\n  ", i ? 4 : 3);
        const np_status st = npj_posting_write(&sb, postings[i], !ndjson, 1, err);
        if (st != NP_OK) {
            if (st == NP_EINVAL) np_error_prefix(err, "posting %zu", i);
            npi_strbuf_reset(&sb);
            return st;
        }
        if (ndjson) npi_strbuf_append(&sb, "\n", 1);
    }
    if (!ndjson) npi_strbuf_puts(&sb, count ? "\n]" : "]");
    npi_strbuf_append(&sb, "", 0); /* "" for no postings */
    *out = npi_strbuf_take(&sb);
    return *out ? NP_OK : oom(err, "writing");
}

np_status np_posting_list_to_json(char **out, const np_posting *const *postings, size_t count,
                                  bool ndjson, np_error *err)
{
    *out = NULL;
    if (!postings && count) return np_error_set(err, NP_EINVAL, "posting JSON: no postings (NULL)");
    for (size_t i = 0; i < count; i++)
        if (!postings[i]) return np_error_set(err, NP_EINVAL, "posting JSON: posting %zu is NULL", i);
    return write_list(out, postings, count, ndjson, err);
}

static bool has_suffix(const char *s, const char *suffix)
{
    const size_t n = strlen(s), k = strlen(suffix);
    if (n < k) return false;
    for (size_t i = 0; i < k; i++) {
        char c = s[n - k + i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != suffix[i]) return false;
    }
    return true;
}

np_status np_posting_list_save(const char *path, const np_posting *const *postings, size_t count,
                               np_error *err)
{
    const bool ndjson = has_suffix(path, ".ndjson") || has_suffix(path, ".jsonl");
    char *text;
    np_status st = np_posting_list_to_json(&text, postings, count, ndjson, err);
    if (st != NP_OK) return st;
    size_t len = strlen(text);
    if (!ndjson) { /* a trailing newline, friendly to line-oriented tools */
        char *with_nl = realloc(text, len + 2);
        if (!with_nl) {
            free(text);
            return oom(err, "writing");
        }
        text = with_nl;
        text[len++] = '\n';
        text[len] = '\0';
    }
    st = npi_file_write_atomic(path, text, len, err);
    free(text);
    return st;
}
