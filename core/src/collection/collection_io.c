/* Building collections from files: notices, posting JSON, folders; the
 * error policy for many files and the list of files skipped. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collection_impl.h"
#include "support/file_io.h"
#include "natopost/cancel.h"
#include "natopost/notice.h"
#include "natopost/posting_json.h"

static np_status oom(np_error *err) { return np_error_set(err, NP_ENOMEM, "out of memory"); }

static np_status add_list(np_collection *c, const np_posting_list *list, np_error *err)
{
    const size_t start = c->rows;
    for (size_t i = 0; i < list->count; i++) {
        /* every 1024 postings: adding one takes about a microsecond */
        np_status st = i % 1024 == 0 ? np_cancel_check(err) : NP_OK;
        if (st == NP_OK) st = np_collection_add_posting(c, list->items[i], err);
        if (st != NP_OK) {
            npi_coll_truncate(c, start);
            return st;
        }
    }
    return NP_OK;
}

np_status np_collection_add_json(np_collection *c, const char *text, size_t len, np_error *err)
{
    np_posting_list list = {NULL, 0, 0};
    np_status st = np_posting_list_read_json(&list, text, len, err);
    if (st == NP_OK) st = add_list(c, &list, err);
    np_posting_list_free(&list);
    return st;
}

static bool has_suffix(const char *s, const char *suffix)
{
    const size_t n = strlen(s), k = strlen(suffix);
    if (n < k) return false;
    for (size_t i = 0; i < k; i++) {
        char x = s[n - k + i];
        if (x >= 'A' && x <= 'Z') x = (char)(x - 'A' + 'a');
        if (x != suffix[i]) return false;
    }
    return true;
}

static bool is_json_path(const char *path)
{
    return has_suffix(path, ".json") || has_suffix(path, ".ndjson") || has_suffix(path, ".jsonl");
}

/* ---- the error policy and the skip list ---- */

struct npi_coll_file {
    dev_t dev;
    ino_t ino;
};

np_status np_collection_on_error_parse(np_on_error *out, const char *word, np_error *err)
{
    if (word && strcmp(word, "raise") == 0) *out = NP_ON_ERROR_RAISE;
    else if (word && strcmp(word, "skip") == 0) *out = NP_ON_ERROR_SKIP;
    else
        return np_error_set(err, NP_EINVAL, "on_error must be \"raise\" or \"skip\", not \"%.64s\"",
                            word ? word : "(null)");
    return NP_OK;
}

void np_collection_set_on_error(np_collection *c, np_on_error policy) { c->on_error = policy; }
np_on_error np_collection_on_error(const np_collection *c) { return c->on_error; }
size_t np_collection_skip_count(const np_collection *c) { return c->skip_count; }

const np_collection_skip *np_collection_skip_at(const np_collection *c, size_t i)
{
    return i < c->skip_count ? &c->skips[i] : NULL;
}

char *npi_coll_copy_text(const char *s)
{
    const size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy) memcpy(copy, s, n);
    return copy;
}

/* Records a skipped file; `failure` is NULL for a repeated one. */
static np_status record_skip(np_collection *c, const char *path, const np_error *failure,
                             np_error *err)
{
    if (c->skip_count == c->skip_cap) {
        const size_t cap = c->skip_cap ? c->skip_cap * 2 : 8;
        np_collection_skip *grown = realloc(c->skips, cap * sizeof *grown);
        if (!grown) return oom(err);
        c->skips = grown;
        c->skip_cap = cap;
    }
    np_collection_skip *s = &c->skips[c->skip_count];
    char *p = npi_coll_copy_text(path);
    char *m = npi_coll_copy_text(failure ? failure->message : "already loaded: its postings are not added again");
    if (!p || !m) {
        free(p);
        free(m);
        return oom(err);
    }
    *s = (np_collection_skip){p, m, failure ? failure->code : NP_OK, failure ? failure->line : 0,
                              failure ? failure->column : 0, failure == NULL};
    c->skip_count++;
    return NP_OK;
}

/* Under the skip policy a file's own failure is recorded and the add goes
 * on; out of memory and cancellation always fail. */
static np_status skip_or_fail(np_collection *c, const char *path, np_status st, np_error *err,
                              const np_error *failure)
{
    if (st == NP_OK || st == NP_ENOMEM || st == NP_ECANCELLED || c->on_error != NP_ON_ERROR_SKIP) {
        if (st != NP_OK && err && failure != err) *err = *failure;
        return st;
    }
    return record_skip(c, path, failure, err);
}

/* True (and recorded) when the file at `path` was loaded before; else
 * remembers it. A file that cannot be examined is left to the reader,
 * whose error names it. */
static np_status check_repeat(np_collection *c, const char *path, bool *repeated, np_error *err)
{
    *repeated = false;
    struct stat sb;
    if (stat(path, &sb) != 0) return NP_OK;
    for (size_t i = 0; i < c->file_count; i++)
        if (c->files[i].dev == sb.st_dev && c->files[i].ino == sb.st_ino) {
            *repeated = true;
            return record_skip(c, path, NULL, err);
        }
    if (c->file_count == c->file_cap) {
        const size_t cap = c->file_cap ? c->file_cap * 2 : 32;
        struct npi_coll_file *grown = realloc(c->files, cap * sizeof *grown);
        if (!grown) return oom(err);
        c->files = grown;
        c->file_cap = cap;
    }
    c->files[c->file_count++] = (struct npi_coll_file){sb.st_dev, sb.st_ino};
    return NP_OK;
}

void npi_coll_free_loading(np_collection *c)
{
    for (size_t i = 0; i < c->skip_count; i++) {
        free((char *)c->skips[i].path);
        free((char *)c->skips[i].message);
    }
    free(c->skips);
    free(c->files);
    for (size_t i = 0; i < c->source_total; i++) free(c->sources[i]);
    free(c->sources);
    free(c->source_offsets);
}

/* ---- files ---- */

/* Posting JSON or a notice, by the first bytes of the file. */
static bool file_is_posting_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return is_json_path(path); /* the reader reports why it cannot be opened */
    char head[64];
    const size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    return np_notice_is_posting_json(head, n);
}

static np_status read_file(np_collection *c, const char *path, np_error *err)
{
    np_status st;
    if (file_is_posting_json(path)) {
        np_posting_list list = {NULL, 0, 0};
        st = np_posting_list_load(&list, path, err);
        if (st == NP_OK) st = add_list(c, &list, err);
        np_posting_list_free(&list);
        return st;
    }
    np_posting *p = NULL;
    st = np_notice_read_file(&p, path, err);
    /* The readers' messages already name the file. */
    if (st == NP_OK) st = np_collection_add_posting(c, p, err);
    np_posting_free(p);
    return st;
}

np_status np_collection_add_file(np_collection *c, const char *path, np_error *err)
{
    bool repeated;
    const size_t files = c->file_count;
    np_status st = check_repeat(c, path, &repeated, err);
    if (st != NP_OK || repeated) return st;
    np_error failure;
    st = read_file(c, path, &failure);
    /* A file that failed is not loaded: loading it again is not a repeat. */
    if (st != NP_OK) c->file_count = files;
    return skip_or_fail(c, path, st, err, &failure);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The notice and posting JSON files of a folder, in name order (*names
 * malloc'd, each entry too). */
static np_status list_folder(const char *path, char ***out, size_t *count, np_error *err)
{
    *out = NULL;
    *count = 0;
    DIR *dir = opendir(path);
    if (!dir) return npi_file_error(err, "cannot open folder", path, errno);
    char **names = NULL;
    size_t n = 0, cap = 0;
    np_status st = NP_OK;
    struct dirent *e;
    while (st == NP_OK && (e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (!has_suffix(e->d_name, ".txt") && !is_json_path(e->d_name)) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **grown = realloc(names, cap * sizeof *grown);
            if (!grown) {
                st = oom(err);
                break;
            }
            names = grown;
        }
        const size_t len = strlen(path) + 1 + strlen(e->d_name) + 1;
        if (!(names[n] = malloc(len))) {
            st = oom(err);
            break;
        }
        snprintf(names[n], len, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(dir);
    if (st == NP_OK && n) qsort(names, n, sizeof *names, compare_names);
    *out = names;
    *count = n;
    return st;
}

np_status np_collection_add_folder(np_collection *c, const char *path, np_error *err)
{
    char **names;
    size_t n;
    np_error failure;
    np_status st = list_folder(path, &names, &n, &failure);
    if (st != NP_OK) {
        for (size_t i = 0; i < n; i++) free(names[i]);
        free(names);
        return skip_or_fail(c, path, st, err, &failure);
    }
    const size_t start = c->rows, skips = c->skip_count, files = c->file_count;
    for (size_t i = 0; st == NP_OK && i < n; i++) {
        struct stat sb;
        if (stat(names[i], &sb) != 0 || !S_ISREG(sb.st_mode)) continue;
        st = np_cancel_check(err);
        if (st == NP_OK) st = np_collection_add_file(c, names[i], err);
    }
    if (st != NP_OK) { /* all or nothing */
        npi_coll_truncate(c, start);
        c->file_count = files;
        while (c->skip_count > skips) {
            c->skip_count--;
            free((char *)c->skips[c->skip_count].path);
            free((char *)c->skips[c->skip_count].message);
        }
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return st;
}

np_status np_collection_add_path(np_collection *c, const char *path, np_error *err)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) return np_collection_add_folder(c, path, err);
    return np_collection_add_file(c, path, err);
}
