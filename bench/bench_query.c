/* Collection benchmark: N synthetic postings (deterministic), built into a
 * collection; a compound query of four conditions -- grade, date, language
 * level and a case-insensitive text contains -- timed over the columns.
 *
 *   bench_query [--n N] [--repeat R] [--csv PATH]
 *   bench_query --replicate POSTINGS.json --count-by FIELD [--n N] [--repeat R]
 *
 * The second form (bench/bench_pandas.py) fills the collection with the
 * postings of a JSON file, round robin up to N (the Python side builds the
 * same collection), and times "count by FIELD" instead of the query.
 *
 * Prints readable lines, then one JSON line (the last) that bench_query.py
 * reads. --csv writes the queried fields of every posting (read back from
 * the collection) for pandas, so that both sides filter the same data. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "natopost/natopost.h"

#define QUERY "grade >= G15 and deadline < 2025-12-01 and lang.second >= III and division ~ \"operations\""

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int below(rng *r, int n) { return (int)(next(r) % (uint64_t)n); }

static const char *const DIVISIONS[] = {
    "Operations Division", "Defence Policy and Planning Division",
    "Political Affairs and Security Policy Division", "Defence Investment Division",
    "Defence Industry, Innovation and Armaments Division", "Emerging Security Challenges Division",
    "Executive Management", "Public Diplomacy Division", "Joint Intelligence and Security Division",
    "Office of the Secretary General", "NATO Office of Resources", "Office of the Legal Adviser",
    "Operations Support Directorate", "NATO Communications and Information Agency",
    "Allied Command Operations", "OPERATIONS DIVISION"};
static const char *const TITLES[] = {
    "Officer, Logistics", "Staff Officer", "Junior Officer, Plans", "Executive Officer",
    "Policy Officer", "Senior Policy Adviser", "Assistant (Budget)", "Engineer, Communications",
    "Head, Operations Support", "Linguist (French)", "Analyst, Intelligence", "Legal Adviser",
    "Project Manager", "Software Engineer", "Financial Officer", "Human Resources Assistant"};
static const char *const LOCATIONS[] = {"Brussels, Belgium", "Mons, Belgium", "The Hague, Netherlands",
                                        "Naples, Italy", "Norfolk, United States", "Capellen, Luxembourg"};
static const char *const SENTENCES[] = {
    "Have experience in policy development and coordination;",
    "Demonstrate good political judgement;",
    "Have strong oral and written communications skills;",
    "Have strong drafting skills;",
    "Be conversant with the Alliance's political and military consultative processes;",
    "have a good understanding of civil-military crisis management;",
    "be competent with off-the-shelf software (e.g. MS Excel, Word, Outlook and PowerPoint);",
    "experience working in a national administration or international organisation;",
    "knowledge of the work of other international organisations;",
    "familiarity with the interrelationships between NATO HQ and the Strategic Commands."};
static const char *const COMPETENCIES[] = {"Analytical Thinking", "Clarifying Others' Needs", "Conceptual Thinking",
                                           "Customer Service Orientation", "Empathy", "Flexibility",
                                           "Impact and Influence", "Initiative", "Organisational Awareness",
                                           "Teamwork", "Achievement", "Developing Others"};

#define COUNT(a) (sizeof (a) / sizeof (a)[0])

static void text(np_posting *p, char **slot, const char *s)
{
    if (np_posting_set_text(slot, s, strlen(s), NULL) != NP_OK) abort();
    (void)p;
}

static np_requirement *add(np_posting *p, np_req_kind kind, bool essential, const char *s)
{
    np_requirement *r;
    if (np_posting_add_requirement(p, &r, essential, s, strlen(s), 0, NULL) != NP_OK) abort();
    r->kind = kind;
    return r;
}

/* One synthetic posting; everything follows from `i` and the seed. */
static np_posting *synthetic(rng *r, size_t i)
{
    np_posting *p = np_posting_new();
    if (!p) abort();
    char buf[96];
    snprintf(buf, sizeof buf, "b%07zu", i);
    text(p, &p->id, buf);
    text(p, &p->title, TITLES[below(r, COUNT(TITLES))]);
    text(p, &p->body, "International Staff");
    text(p, &p->location, LOCATIONS[below(r, COUNT(LOCATIONS))]);
    if (below(r, 20)) text(p, &p->division, DIVISIONS[below(r, COUNT(DIVISIONS))]);
    if (below(r, 20)) {
        const int g = 1 + below(r, 24);
        p->grade.low = (uint8_t)g;
        p->grade.high = (uint8_t)(g < 24 && below(r, 10) == 0 ? g + 1 : g);
        snprintf(buf, sizeof buf, "NATO Grade G%d", g);
        text(p, &p->grade_text, buf);
    }
    if (below(r, 20)) p->deadline.date = 19723 + below(r, 1096); /* 2024-01-01 .. 2026-12-31 */
    if (p->deadline.date != NP_DATE_NONE && below(r, 2)) p->published = p->deadline.date - 30 - below(r, 30);
    if (below(r, 3)) {
        p->salary.amount = 3000 + below(r, 1200000) / 100.0;
        memcpy(p->salary.currency, "EUR", 4);
        text(p, &p->salary.basis, "Monthly");
    }
    p->clearance = (np_clearance)below(r, 5);
    p->fast_track = below(r, 10) == 0;
    np_requirement *q = add(p, NP_REQ_DEGREE, true, "Possess a university degree from an institute of recognised standing;");
    q->as.degree.level = below(r, 4) ? NP_DEGREE_UNIVERSITY : NP_DEGREE_POSTGRADUATE;
    snprintf(buf, sizeof buf, "have at least %d years of relevant professional experience;", 1 + below(r, 10));
    q = add(p, NP_REQ_EXPERIENCE, true, buf);
    q->as.experience.min_years = 1 + below(r, 10);
    if (below(r, 20)) {
        q = add(p, NP_REQ_LANGUAGES, true, "possess the following minimum levels of NATO's official languages");
        const int form = below(r, 10);
        np_language_req *l = &q->as.languages;
        if (form < 8) {
            l->form = NP_LANG_EITHER_OR;
            l->one = below(r, 4) ? NP_LEVEL_V : NP_LEVEL_VI;
            l->other = (np_lang_level)(1 + below(r, 4));
        } else if (form == 8) {
            l->form = NP_LANG_BOTH;
            l->one = l->other = NP_LEVEL_VI;
        } else {
            l->form = NP_LANG_NAMED;
            l->english = (np_lang_level)(3 + below(r, 4));
        }
    }
    for (int k = below(r, 4); k >= 0; k--) add(p, NP_REQ_OTHER, true, SENTENCES[below(r, COUNT(SENTENCES))]);
    for (int k = below(r, 3); k >= 0; k--) add(p, NP_REQ_OTHER, false, SENTENCES[below(r, COUNT(SENTENCES))]);
    for (int k = 3 + below(r, 5); k > 0; k--) {
        const char *c = COMPETENCIES[below(r, COUNT(COMPETENCIES))];
        if (np_posting_add_competency(p, c, strlen(c), NULL, 0, 0, NULL) != NP_OK) abort();
    }
    return p;
}

static void write_csv(np_collection *c, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    const char *names[] = {"grade", "deadline", "lang.second", "division"};
    const np_qfield *fields[4];
    for (int k = 0; k < 4; k++) fields[k] = np_posting_field_find(names[k]);
    /* Grades and levels as their rank (what pandas compares), dates ISO. */
    fputs("grade,deadline,lang_second,division\n", f);
    for (size_t row = 0; row < np_collection_count(c); row++) {
        for (int k = 0; k < 4; k++) {
            np_qvalue v;
            np_collection_value(c, row, fields[k], &v);
            if (k) fputc(',', f);
            if (v.is_null) continue;
            if (v.type == NP_QTYPE_GRADE || v.type == NP_QTYPE_LEVEL) fprintf(f, "%d", (int)v.ordinal);
            else if (v.type == NP_QTYPE_DATE) {
                char d[NP_DATE_ISO_LEN + 1];
                np_date_format(v.ordinal, d);
                fputs(d, f);
            } else {
                const bool quote = memchr(v.text, ',', v.text_len) != NULL;
                fprintf(f, quote ? "\"%.*s\"" : "%.*s", (int)v.text_len, v.text);
            }
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

/* The --replicate form: the JSON file's postings round robin up to n, then
 * the best of `repeat` "count by FIELD" queries. Prints one JSON line. */
static int count_by_benchmark(const char *path, const char *field, size_t n, int repeat)
{
    np_posting_list list = {0};
    np_collection *c = NULL;
    np_error err;
    if (np_posting_list_load(&list, path, &err) != NP_OK || list.count == 0 ||
        np_collection_new(&c, &err) != NP_OK) {
        fprintf(stderr, "bench_query: %s: %s\n", path, list.count ? err.message : "no postings");
        np_posting_list_free(&list);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (np_collection_add_posting(c, list.items[i % list.count], &err) != NP_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
    }
    np_collection_shrink(c, NULL);
    char query[128];
    snprintf(query, sizeof query, "count by %s", field);
    double best = 1e9;
    size_t groups = 0;
    for (int rep = 0; rep < repeat; rep++) {
        np_result *res;
        const double q0 = now_seconds();
        if (np_collection_query(&res, c, query, strlen(query), &err) != NP_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        const double dt = now_seconds() - q0;
        if (dt < best) best = dt;
        groups = np_result_group_count(res);
        np_result_free(res);
    }
    printf("{\"n\": %zu, \"count_by_s\": %.6f, \"groups\": %zu}\n", n, best, groups);
    np_collection_free(c);
    np_posting_list_free(&list);
    return 0;
}

int main(int argc, char **argv)
{
    size_t n = 1000000;
    int repeat = 7;
    const char *csv = NULL, *replicate = NULL, *count_by = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--n") == 0 && i + 1 < argc) n = (size_t)strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) repeat = atoi(argv[++i]);
        else if (strcmp(argv[i], "--csv") == 0 && i + 1 < argc) csv = argv[++i];
        else if (strcmp(argv[i], "--replicate") == 0 && i + 1 < argc) replicate = argv[++i];
        else if (strcmp(argv[i], "--count-by") == 0 && i + 1 < argc) count_by = argv[++i];
        else {
            fprintf(stderr, "usage: bench_query [--n N] [--repeat R] [--csv PATH]\n"
                            "       bench_query --replicate POSTINGS.json --count-by FIELD [--n N] [--repeat R]\n");
            return 2;
        }
    }
    if (replicate || count_by) {
        if (!replicate || !count_by) {
            fprintf(stderr, "bench_query: --replicate and --count-by go together\n");
            return 2;
        }
        return count_by_benchmark(replicate, count_by, n, repeat);
    }
    np_collection *c;
    np_error err;
    if (np_collection_new(&c, &err) != NP_OK) return 1;
    rng r = {20251122};
    const double t0 = now_seconds();
    for (size_t i = 0; i < n; i++) {
        np_posting *p = synthetic(&r, i);
        if (np_collection_add_posting(c, p, &err) != NP_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        np_posting_free(p);
    }
    np_collection_shrink(c, NULL);
    const double build = now_seconds() - t0;
    const size_t bytes = np_collection_memory(c);

    double best = 1e9;
    size_t matches = 0;
    uint64_t checksum = 0;
    for (int rep = 0; rep < repeat; rep++) {
        np_result *res;
        const double q0 = now_seconds();
        if (np_collection_query(&res, c, QUERY, strlen(QUERY), &err) != NP_OK) {
            fprintf(stderr, "%s\n", err.message);
            return 1;
        }
        const double dt = now_seconds() - q0;
        if (dt < best) best = dt;
        matches = np_result_count(res);
        checksum = 0;
        for (size_t i = 0; i < matches; i++) checksum += np_result_row(res, i);
        np_result_free(res);
    }
    printf("postings               %zu\n", n);
    printf("build                  %.2f s (%.0f postings/s)\n", build, (double)n / build);
    printf("collection memory      %.1f MB, %.1f bytes per posting\n", (double)bytes / 1e6, (double)bytes / (double)n);
    printf("query                  %s\n", QUERY);
    printf("matches                %zu\n", matches);
    printf("C query (best of %d)    %.3f ms\n", repeat, best * 1e3);
    if (csv) write_csv(c, csv);
    printf("{\"n\": %zu, \"build_s\": %.4f, \"bytes\": %zu, \"bytes_per_posting\": %.2f, \"matches\": %zu, "
           "\"row_sum\": %llu, \"query_s\": %.6f, \"query\": \"%s\"}\n",
           n, build, bytes, (double)bytes / (double)n, matches, (unsigned long long)checksum, best,
           "grade >= G15 and deadline < 2025-12-01 and lang.second >= III and division ~ \\\"operations\\\"");
    np_collection_free(c);
    return 0;
}
