/* Building collections from files: notices, posting JSON, folders. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "collection_impl.h"
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

np_status np_collection_add_file(np_collection *c, const char *path, np_error *err)
{
    np_status st;
    if (is_json_path(path)) {
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

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

np_status np_collection_add_folder(np_collection *c, const char *path, np_error *err)
{
    DIR *dir = opendir(path);
    if (!dir) return np_error_set(err, NP_EIO, "cannot open folder %s: %s", path, strerror(errno));
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
    const size_t start = c->rows;
    for (size_t i = 0; st == NP_OK && i < n; i++) {
        struct stat sb;
        if (stat(names[i], &sb) != 0 || !S_ISREG(sb.st_mode)) continue;
        st = np_cancel_check(err);
        if (st == NP_OK) st = np_collection_add_file(c, names[i], err);
    }
    if (st != NP_OK) npi_coll_truncate(c, start);
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

