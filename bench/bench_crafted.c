/* Crafted-input benchmark (issue 14): time and peak memory of the notice
 * reader, the query parser and the posting JSON reader on inputs built to
 * hurt them (lone CRs, empty lines, one long line, many literals, deep
 * nesting, many keys, ...), at 1, 2, 4, 8 and 16 MB, with the growth from 1
 * to 16 MB: about 16 for time and memory means linear, 256 quadratic.
 *
 *   bench_crafted [MAX_MB [KIND]]  (scripts/bench.sh crafted: MAX_MB 16, every kind;
 *                                   KIND: only the kinds whose name contains it)
 *
 * Times are CPU time (user + system) of the call. Each measurement runs in a
 * child process so that its peak resident memory
 * (wait4's ru_maxrss) is its own; the input is built before the measured call,
 * and "peak" is the peak minus the resident size just before the call (the
 * input itself not counted), in MB and as a multiple of the input size.
 * Rejected inputs (too deep, over a limit) are measured too: a rejection
 * must be as cheap as an acceptance. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "natopost/natopost.h"

typedef enum target { READER, QUERY, JSON } target;

/* A valid posting (natopost read --json of a two-line notice), compact. */
#define POSTING "{\"format\":\"natopost.posting/1\",\"id\":\"fnv1a:82afd2084e9e1aa9\",\"source\":\"t.txt\",\"title\":\"Analyst\",\"body\":null,\"location\":null,\"division\":null,\"directorate\":null,\"section\":null,\"grade_text\":\"NATO Grade G15\",\"grade\":{\"text\":\"G15\",\"low\":15,\"high\":15},\"salary\":null,\"deadline\":null,\"published\":null,\"updated\":null,\"requisition\":null,\"clearance\":null,\"clearance_atomal\":false,\"fast_track\":false,\"summary\":null,\"accountabilities\":[],\"interrelationships\":null,\"competencies\":[],\"requirements\":[],\"contract\":null,\"lines\":{\"title\":1,\"body\":0,\"location\":0,\"division\":0,\"directorate\":0,\"section\":0,\"grade\":2,\"salary\":0,\"deadline\":0,\"published\":0,\"updated\":0,\"requisition\":0,\"clearance\":0,\"fast_track\":0,\"summary\":0},\"diagnostics\":[]}"

typedef struct kind {
    const char *name;
    target target;
    const char *head, *unit, *tail; /* the input: head, unit repeated, tail; a
                                        "%zu" in unit numbers the repetitions */
} kind;

static const kind KINDS[] = {
    {"lone CR line ends", READER, "Analyst\r", "some words\r", ""},
    {"empty lines", READER, "Analyst\n", "\n", ""},
    {"empty lone-CR lines", READER, "Analyst\n", "\r", ""},
    {"CRLF empty lines", READER, "Analyst\r\n", "\r\n", ""},
    {"one long line", READER, "Analyst\n", "word ", ""},
    {"one-letter lines", READER, "Analyst\n", "a\n", ""},
    {"empty bullets", READER, "Analyst\n", "-\n", ""},
    {"headings", READER, "Analyst\n", "SUMMARY\n", ""},
    {"label lines", READER, "Analyst\n", "Grade: G15\n", ""},
    {"many string literals", QUERY, "title in [", "\"x\", ", "\"x\"]"},
    {"many word literals", QUERY, "grade in [", "G15, ", "G15]"},
    {"many ors", QUERY, "", "grade = G15 or ", "grade = G15"},
    {"one long string", QUERY, "title = \"", "abcdefgh", "\""},
    {"deep parentheses", QUERY, "", "(", "grade = G15"},
    {"many nots", QUERY, "", "not ", "fast_track"},
    {"NDJSON postings", JSON, "", POSTING "\n", ""},
    {"array of postings", JSON, "[", POSTING ", ", POSTING "]"},
    {"many keys", JSON, "{\"format\":\"natopost.posting/1\",\"id\":\"fnv1a:82afd2084e9e1aa9\",\"source\":\"t.txt\",\"title\":\"Analyst\",\"body\":null,\"location\":null,\"division\":null,\"directorate\":null,\"section\":null,\"grade_text\":\"NATO Grade G15\",\"grade\":{\"text\":\"G15\",\"low\":15,\"high\":15},\"salary\":null,\"deadline\":null,\"published\":null,\"updated\":null,\"requisition\":null,\"clearance\":null,\"clearance_atomal\":false,\"fast_track\":false,\"summary\":null,\"accountabilities\":[],\"interrelationships\":null,\"competencies\":[],\"requirements\":[],\"contract\":null,\"lines\":{\"title\":1,\"body\":0,\"location\":0,\"division\":0,\"directorate\":0,\"section\":0,\"grade\":2,\"salary\":0,\"deadline\":0,\"published\":0,\"updated\":0,\"requisition\":0,\"clearance\":0,\"fast_track\":0,\"summary\":0},\"diagnostics\":[]" ",", "\"k%zu\": 1, ", "\"z\": 1}"},
    {"long string", JSON, "{\"format\":\"natopost.posting/1\",\"id\":\"fnv1a:82afd2084e9e1aa9\",\"source\":\"t.txt\"," "\"title\":\"", "abcdefgh", "\"" ",\"body\":null,\"location\":null,\"division\":null,\"directorate\":null,\"section\":null,\"grade_text\":\"NATO Grade G15\",\"grade\":{\"text\":\"G15\",\"low\":15,\"high\":15},\"salary\":null,\"deadline\":null,\"published\":null,\"updated\":null,\"requisition\":null,\"clearance\":null,\"clearance_atomal\":false,\"fast_track\":false,\"summary\":null,\"accountabilities\":[],\"interrelationships\":null,\"competencies\":[],\"requirements\":[],\"contract\":null,\"lines\":{\"title\":1,\"body\":0,\"location\":0,\"division\":0,\"directorate\":0,\"section\":0,\"grade\":2,\"salary\":0,\"deadline\":0,\"published\":0,\"updated\":0,\"requisition\":0,\"clearance\":0,\"fast_track\":0,\"summary\":0},\"diagnostics\":[]}"},
    {"deep nesting", JSON, "", "[", ""},
    {"many diagnostics", JSON, "{\"format\":\"natopost.posting/1\",\"id\":\"fnv1a:82afd2084e9e1aa9\",\"source\":\"t.txt\",\"title\":\"Analyst\",\"body\":null,\"location\":null,\"division\":null,\"directorate\":null,\"section\":null,\"grade_text\":\"NATO Grade G15\",\"grade\":{\"text\":\"G15\",\"low\":15,\"high\":15},\"salary\":null,\"deadline\":null,\"published\":null,\"updated\":null,\"requisition\":null,\"clearance\":null,\"clearance_atomal\":false,\"fast_track\":false,\"summary\":null,\"accountabilities\":[],\"interrelationships\":null,\"competencies\":[],\"requirements\":[],\"contract\":null,\"lines\":{\"title\":1,\"body\":0,\"location\":0,\"division\":0,\"directorate\":0,\"section\":0,\"grade\":2,\"salary\":0,\"deadline\":0,\"published\":0,\"updated\":0,\"requisition\":0,\"clearance\":0,\"fast_track\":0,\"summary\":0}," "\"diagnostics\":[", "{\"severity\":\"info\",\"line\":0,\"field\":\"requirements\",\"message\":\"x\"}" ", ", "{\"severity\":\"info\",\"line\":0,\"field\":\"requirements\",\"message\":\"x\"}" "]}"},
};

enum { KIND_COUNT = sizeof KINDS / sizeof KINDS[0] };

/* head + unit * n + tail, at most `size` bytes (the reader refuses more than
 * NP_NOTICE_MAX_BYTES, so its inputs stop just below). */
static char *build(const kind *k, size_t size, size_t *len)
{
    const size_t hl = strlen(k->head), tl = strlen(k->tail);
    const int numbered = strstr(k->unit, "%zu") != NULL;
    char *s = malloc(size + 1);
    if (!s) return NULL;
    memcpy(s, k->head, hl);
    size_t n = hl;
    const size_t cap = strlen(k->unit) + 24;
    char *unit = malloc(cap);
    if (!unit) {
        free(s);
        return NULL;
    }
    for (size_t i = 0;; i++) {
        // NOLINTNEXTLINE(clang-diagnostic-format-nonliteral): the units are the table's
        const int ul = numbered ? snprintf(unit, cap, k->unit, i) : snprintf(unit, cap, "%s", k->unit);
        if (ul < 0 || n + (size_t)ul + tl > size) break;
        memcpy(s + n, unit, (size_t)ul);
        n += (size_t)ul;
    }
    free(unit);
    memcpy(s + n, k->tail, tl + 1);
    *len = n + tl;
    return s;
}

static long max_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* CPU time (user + system) of this process: on a shared machine it varies
 * far less with the other processes' load than wall time does. */
static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e-6;
}

typedef struct sample {
    double seconds;
    long rss_before_kb;
    int status;
} sample;

static int run(const kind *k, const char *text, size_t len)
{
    np_error err;
    np_status st = NP_OK;
    if (k->target == READER) {
        np_posting *p = NULL;
        st = np_notice_read(&p, text, len, "crafted.txt", &err);
        np_posting_free(p);
    } else if (k->target == QUERY) {
        size_t count;
        const np_qfield *fields = np_posting_fields(&count);
        np_query *q = NULL;
        st = np_query_compile(&q, text, len, fields, count, &err);
        np_query_free(q);
    } else {
        np_posting_list list = {NULL, 0, 0};
        st = np_posting_list_read_json(&list, text, len, &err);
        np_posting_list_free(&list);
    }
    return (int)st;
}

/* In a child: builds the input, runs the call, sends a sample. */
static void measure_child(int fd, const kind *k, size_t size)
{
    size_t len;
    char *text = build(k, size, &len);
    sample s = {0, 0, 1};
    if (text) {
        s.rss_before_kb = max_rss_kb();
        const double t0 = cpu_s();
        s.status = run(k, text, len);
        s.seconds = cpu_s() - t0;
    }
    if (write(fd, &s, sizeof s) != (ssize_t)sizeof s) _exit(2);
    _exit(0);
}

typedef struct result {
    double seconds, peak_mb, input_mb;
    int status;
    int ok;
} result;

static result measure(const kind *k, size_t size)
{
    result r = {0, 0, (double)size / (1 << 20), 0, 0};
    int fds[2];
    if (pipe(fds) != 0) return r;
    fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        measure_child(fds[1], k, size);
    }
    close(fds[1]);
    sample s;
    const ssize_t got = pid > 0 ? read(fds[0], &s, sizeof s) : -1;
    close(fds[0]);
    int wstatus;
    struct rusage ru;
    if (pid > 0 && wait4(pid, &wstatus, 0, &ru) == pid && got == (ssize_t)sizeof s && WIFEXITED(wstatus) &&
        WEXITSTATUS(wstatus) == 0) {
        r.seconds = s.seconds;
        r.peak_mb = (double)(ru.ru_maxrss - s.rss_before_kb) / 1024.0;
        if (r.peak_mb < 0) r.peak_mb = 0;
        r.status = s.status;
        r.ok = 1;
    }
    return r;
}

static const char *target_name(target t) { return t == READER ? "reader" : t == QUERY ? "query" : "json"; }

int main(int argc, char **argv)
{
    int max_mb = argc > 1 ? atoi(argv[1]) : 16;
    if (max_mb < 1) max_mb = 1;
    printf("%-6s %-22s", "input", "kind");
    for (int mb = 1; mb <= max_mb; mb *= 2) printf("  %8d MB %3s", mb, "");
    printf("  growth %d MB / 1 MB\n", max_mb);
    printf("%-6s %-22s", "", "");
    for (int mb = 1; mb <= max_mb; mb *= 2) printf("  %8s %6s", "cpu ms", "MB");
    printf("  %7s %7s  %s\n", "time", "memory", "answer");
    const char *only = argc > 2 ? argv[2] : NULL;
    for (int i = 0; i < KIND_COUNT; i++) {
        const kind *k = &KINDS[i];
        if (only && !strstr(k->name, only)) continue;
        printf("%-6s %-22s", target_name(k->target), k->name);
        result first = {0}, last = {0};
        double worst_ratio = 0;
        for (int mb = 1; mb <= max_mb; mb *= 2) {
            size_t size = (size_t)mb << 20;
            if (k->target == READER && size > NP_NOTICE_MAX_BYTES - 64) size = NP_NOTICE_MAX_BYTES - 64;
            const result r = measure(k, size);
            if (!r.ok) {
                printf("  %15s", "failed");
                continue;
            }
            printf("  %8.1f %6.1f", r.seconds * 1e3, r.peak_mb);
            if (mb == 1) first = r;
            last = r;
            if (r.peak_mb / r.input_mb > worst_ratio) worst_ratio = r.peak_mb / r.input_mb;
            fflush(stdout);
        }
        /* Sub-millisecond times are mostly noise: the floor keeps the ratio honest. */
        const double t1 = first.seconds > 1e-3 ? first.seconds : 1e-3;
        const double m1 = first.peak_mb > 1 ? first.peak_mb : 1;
        printf("  %6.1fx %6.1fx  %s (peak <= %.1fx input)\n", last.seconds / t1, last.peak_mb / m1,
               last.status == 0 ? "ok" : np_status_name((np_status)last.status), worst_ratio);
    }
    return 0;
}
