/* Notice-reading throughput: the real notices (the seeds, or the files given)
 * read again and again with np_notice_read until at least TARGET_MB (50 by
 * default) of notice text has been read; prints MB/s of wall-clock time and
 * of this process's CPU time (the second does not depend on other load).
 *
 *   bench_read [--mb N] [DIR | FILE...]     DIR defaults to $NATOPOST_SEEDS
 *
 * Exit status 1 when a notice cannot be read. MB = 10^6 bytes. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, opendir */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "natopost/natopost.h"

typedef struct text {
    char *data;
    size_t len;
    char *name;
} text;

static int load(text *t, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    fclose(f);
    if (!buf) return -1;
    t->data = buf;
    t->len = n;
    t->name = strdup(path);
    return t->name ? 0 : -1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const text *)a)->name, ((const text *)b)->name);
}

static double seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    double target_mb = 50;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "--mb") == 0) {
        target_mb = atof(argv[2]);
        first = 3;
    }
    text texts[256];
    size_t count = 0;
    const char *dir = first < argc ? argv[first] : getenv("NATOPOST_SEEDS");
    struct stat st;
    if (dir && first + 1 >= argc && stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) {
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d)) != NULL && count < 256) {
            size_t n = strlen(e->d_name);
            if (n < 4 || strcmp(e->d_name + n - 4, ".txt") != 0) continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (load(&texts[count], path) == 0) count++;
        }
        if (d) closedir(d);
    } else {
        for (int i = first; i < argc && count < 256; i++)
            if (load(&texts[count], argv[i]) == 0) count++;
    }
    if (count == 0) {
        fprintf(stderr, "bench_read: no notices (give a folder of .txt notices or set NATOPOST_SEEDS)\n");
        return 1;
    }
    qsort(texts, count, sizeof texts[0], by_name);

    /* one checked pass first (and a warm cache) */
    size_t per_pass = 0, requirements = 0;
    for (size_t i = 0; i < count; i++) {
        np_posting *p;
        np_error err;
        if (np_notice_read(&p, texts[i].data, texts[i].len, NULL, &err) != NP_OK) {
            fprintf(stderr, "bench_read: %s: %s\n", texts[i].name, err.message);
            return 1;
        }
        requirements += p->requirement_count;
        np_posting_free(p);
        per_pass += texts[i].len;
    }

    const size_t target = (size_t)(target_mb * 1e6);
    size_t total = 0, notices = 0;
    const double wall0 = seconds(CLOCK_MONOTONIC), cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
    while (total < target) {
        for (size_t i = 0; i < count; i++) {
            np_posting *p;
            if (np_notice_read(&p, texts[i].data, texts[i].len, NULL, NULL) != NP_OK) return 1;
            np_posting_free(p);
            total += texts[i].len;
            notices++;
        }
    }
    const double wall = seconds(CLOCK_MONOTONIC) - wall0, cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;

    printf("notices: %zu files, %.1f KB a pass, %zu requirements a pass\n", count, per_pass / 1e3,
           requirements);
    printf("read %zu notices, %.1f MB in %.3f s: %.1f MB/s (wall clock), %.1f MB/s (CPU time); "
           "target >= 100 MB/s\n",
           notices, total / 1e6, wall, total / 1e6 / wall, total / 1e6 / cpu);
    for (size_t i = 0; i < count; i++) {
        free(texts[i].data);
        free(texts[i].name);
    }
    return 0;
}
