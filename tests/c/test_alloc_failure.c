/* Allocation failure: every call that allocates is run once normally, then
 * again with its k-th allocation failing, for every k. Each failing run must
 * either report an error with a message (and the call's outputs left empty),
 * or succeed with exactly the normal result: never a crash, never a result
 * with something silently missing. Leaks on those paths are caught by the
 * sanitized suite (TS_ASSERT_NO_LEAKS) and by scripts/valgrind.sh.
 *
 * The suite is linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc
 * (tests/c/meson.build), which routes the core's own allocations (the core
 * is linked statically) through the counter below. jansson's go through it
 * (json_set_alloc_funcs) only for the writers: jansson 2.14's parser does
 * not survive a refused allocation (lex_save drops the failure and the lexer
 * then reads and writes past its buffer: akheron/jansson#362, fix proposed
 * in #747), which no caller can work around. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"
#include "support.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);

static long allocations;   /* allocations since the counter was reset */
static long fail_at = -1;  /* index of the allocation to refuse; -1: none */

static bool refuse(void) { return allocations++ == fail_at; }

void *__wrap_malloc(size_t size) { return refuse() ? NULL : __real_malloc(size); }
void *__wrap_calloc(size_t count, size_t size) { return refuse() ? NULL : __real_calloc(count, size); }
void *__wrap_realloc(void *ptr, size_t size) { return refuse() ? NULL : __real_realloc(ptr, size); }


static bool count_jansson; /* jansson's allocations count (and may be refused) */

static void *jansson_malloc(size_t size) { return count_jansson ? __wrap_malloc(size) : __real_malloc(size); }

static void route_jansson(void) { json_set_alloc_funcs(jansson_malloc, free); }

TestSuite(alloc_failure, .init = route_jansson);

/* ---- inputs, read before any allocation is refused ---- */

static char *slurp(const char *env, const char *name, size_t *len)
{
    const char *dir = getenv(env);
    cr_assert_not_null(dir, "%s is not set (run through meson test)", env);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = ts_read_file(path, len);
    cr_assert_not_null(text, "cannot read %s", path);
    return text;
}

/* ---- the driver ---- */

/* An operation under test runs one call and keeps its outputs in `ctx`;
 * its canon function (run with every allocation allowed again) turns them
 * into a text to compare -- NULL when the call left no output -- and frees
 * them. */
typedef np_status (*op_fn)(void *ctx, np_error *err);
typedef char *(*canon_fn)(void *ctx);

typedef struct op_run {
    long allocations;
    np_status status;
} op_run;

static op_run run_once(op_fn op, void *ctx, long refuse_index, np_error *err)
{
    allocations = 0;
    fail_at = refuse_index;
    np_status st = op(ctx, err);
    op_run r = {allocations, st};
    fail_at = -1;
    return r;
}

/* Runs `op` normally, then once per allocation with that one refused. The
 * outcome of a refused run is kept by `op` in its context and compared by
 * `canon` (called with allocations allowed again). `writer`: jansson's
 * allocations are refused too. NP_ALLOC_DIFF=1 in the environment prints
 * where a result differs. */
static void check_every_failure(const char *what, op_fn op, void *ctx, canon_fn canon,
                                bool writer, long *failures_seen)
{
    /* writers allocate mostly through jansson; readers may not be refused there */
    count_jansson = writer;
    np_error err;
    op_run normal = run_once(op, ctx, -1, &err);
    cr_assert_eq(normal.status, NP_OK, "%s: the normal run failed: %s", what, err.message);
    cr_assert_gt(normal.allocations, 0, "%s allocates nothing: the wrap is not in effect", what);
    char *expected = canon(ctx);
    long failed = 0;
    for (long k = 0; k < normal.allocations; k++) {
        np_error_clear(&err);
        op_run r = run_once(op, ctx, k, &err);
        char *got = canon(ctx);
        if (r.status != NP_OK) {
            failed++;
            cr_expect_neq(err.message[0], '\0', "%s, allocation %ld refused: %s without a message", what,
                          k, np_status_name(r.status));
            cr_expect_eq(r.status, NP_ENOMEM, "%s, allocation %ld refused: %s (%s) instead of NP_ENOMEM",
                         what, k, np_status_name(r.status), err.message);
            cr_expect_null(got, "%s, allocation %ld refused: failed but left a result", what, k);
        } else {
            cr_expect(got && expected && strcmp(got, expected) == 0,
                      "%s, allocation %ld refused: succeeded with a different result", what, k);
            if (getenv("NP_ALLOC_DIFF") && got && expected && strcmp(got, expected) != 0) {
                size_t at = 0;
                while (got[at] == expected[at]) at++;
                fprintf(stderr, "allocation %ld: expected ...%.120s\n   got ...%.120s\n", k,
                        expected + (at > 40 ? at - 40 : 0), got + (at > 40 ? at - 40 : 0));
            }
        }
        free(got);
    }
    free(expected);
    count_jansson = false;
    *failures_seen = failed;
    cr_log_info("%s: %ld allocations, %ld refusals reported as errors", what, normal.allocations, failed);
}

/* ---- operations ---- */

/* The two posting readers: text in, one posting out. */
typedef struct posting_ctx {
    const char *text;
    size_t len;
    np_posting *read;
} posting_ctx;

static np_status op_notice_read(void *c, np_error *err)
{
    posting_ctx *ctx = c;
    np_posting_free(ctx->read);
    ctx->read = NULL;
    return np_notice_read(&ctx->read, ctx->text, ctx->len, "example.txt", err);
}

static np_status op_posting_from_json(void *c, np_error *err)
{
    posting_ctx *ctx = c;
    np_posting_free(ctx->read);
    ctx->read = NULL;
    return np_posting_from_json(&ctx->read, ctx->text, ctx->len, err);
}

static char *posting_canon(const np_posting *p)
{
    if (!p) return NULL;
    char *json = NULL;
    cr_assert_eq(np_posting_to_json(&json, p, false, NULL), NP_OK);
    return json;
}

static char *canon_read(void *c)
{
    posting_ctx *ctx = c;
    char *s = posting_canon(ctx->read);
    np_posting_free(ctx->read);
    ctx->read = NULL;
    return s;
}

Test(alloc_failure, notice_reader)
{
    static const char *const NOTICES[] = {"is-twin-grade-analyst.txt", "ncia-cyber-engineer.txt"};
    for (size_t i = 0; i < sizeof NOTICES / sizeof NOTICES[0]; i++) {
        posting_ctx ctx = {0};
        char *text = slurp("NATOPOST_EXAMPLES", NOTICES[i], &ctx.len);
        ctx.text = text;
        long failed;
        check_every_failure(NOTICES[i], op_notice_read, &ctx, canon_read, false, &failed);
        cr_expect_gt(failed, 0);
        free(text);
    }
    TS_ASSERT_NO_LEAKS();
}

Test(alloc_failure, posting_json_reader)
{
    size_t len;
    char *text = slurp("NATOPOST_EXAMPLES", "nspa-procurement-officer.txt", &len);
    np_posting *p = NULL;
    cr_assert_eq(np_notice_read(&p, text, len, "nspa.txt", NULL), NP_OK);
    char *json = posting_canon(p);
    posting_ctx ctx = {.text = json, .len = strlen(json)};
    long failed;
    check_every_failure("np_posting_from_json", op_posting_from_json, &ctx, canon_read, false, &failed);
    cr_expect_gt(failed, 0);
    free(json);
    np_posting_free(p);
    free(text);
    TS_ASSERT_NO_LEAKS();
}

typedef struct list_ctx {
    const char *text;
    size_t len;
    np_posting_list list;
    bool filled;
} list_ctx;

static np_status op_list_read(void *c, np_error *err)
{
    list_ctx *ctx = c;
    np_posting_list_free(&ctx->list);
    memset(&ctx->list, 0, sizeof ctx->list);
    np_status st = np_posting_list_read_json(&ctx->list, ctx->text, ctx->len, err);
    ctx->filled = st == NP_OK;
    return st;
}

static char *canon_list(void *c)
{
    list_ctx *ctx = c;
    char *s = NULL;
    if (ctx->filled) {
        cr_assert_eq(np_posting_list_to_json(&s, (const np_posting *const *)ctx->list.items, ctx->list.count,
                                             true, NULL),
                     NP_OK);
    } else {
        cr_expect_eq(ctx->list.count, 0, "a failed read left %zu postings in the list", ctx->list.count);
    }
    np_posting_list_free(&ctx->list);
    memset(&ctx->list, 0, sizeof ctx->list);
    ctx->filled = false;
    return s;
}

Test(alloc_failure, posting_list)
{
    list_ctx ctx = {0};
    char *text = slurp("NATOPOST_TEST_DATA", "query_postings.ndjson", &ctx.len);
    ctx.text = text;
    long failed;
    check_every_failure("np_posting_list_read_json", op_list_read, &ctx, canon_list, false, &failed);
    cr_expect_gt(failed, 0);
    free(text);
    TS_ASSERT_NO_LEAKS();
}

/* Every writer of the core, on a posting read from a notice and a timeline.
 * np_policy_from_json is not tested: it allocates only through jansson's
 * parser, which cannot be refused safely (see the top of the file). */
typedef enum writer {
    W_POSTING_JSON, W_POSTING_JSON_PRETTY, W_POSTING_JSONLD, W_POLICY_JSON, W_TIMELINE_JSON,
    W_TIMELINE_ICAL, W_COUNT
} writer;

static const char *const WRITER_NAMES[W_COUNT] = {
    "np_posting_to_json", "np_posting_to_json (pretty)", "np_posting_to_jsonld",
    "np_policy_to_json",  "np_timeline_to_json",         "np_timeline_to_ical"};

typedef struct writer_ctx {
    writer writer;
    const np_posting *posting;
    const np_timeline *timeline;
    char *written;
} writer_ctx;

static np_status op_write(void *c, np_error *err)
{
    writer_ctx *ctx = c;
    np_free(ctx->written);
    ctx->written = NULL;
    const np_timeline *t = ctx->timeline;
    np_day_status status = np_timeline_status(t, t->appointment.start);
    switch (ctx->writer) {
    case W_POSTING_JSON: return np_posting_to_json(&ctx->written, ctx->posting, false, err);
    case W_POSTING_JSON_PRETTY: return np_posting_to_json(&ctx->written, ctx->posting, true, err);
    case W_POSTING_JSONLD: return np_posting_to_jsonld(&ctx->written, ctx->posting, err);
    case W_POLICY_JSON: ctx->written = np_policy_to_json(&t->policy, err); break;
    case W_TIMELINE_JSON: ctx->written = np_timeline_to_json(t, &status, err); break;
    case W_TIMELINE_ICAL: ctx->written = np_timeline_to_ical(t, 1700000000, err); break;
    case W_COUNT: break;
    }
    return ctx->written ? NP_OK : err->code;
}

static char *canon_written(void *c)
{
    writer_ctx *ctx = c;
    char *s = ctx->written;
    ctx->written = NULL;
    return s;
}

Test(alloc_failure, writers)
{
    size_t len;
    char *text = slurp("NATOPOST_EXAMPLES", "nspa-procurement-officer.txt", &len);
    np_posting *p = NULL;
    cr_assert_eq(np_notice_read(&p, text, len, "nspa.txt", NULL), NP_OK);
    np_appointment a = NP_APPOINTMENT_INIT;
    cr_assert_eq(np_date_from_ymd(&a.start, 2025, 9, 1, NULL), NP_OK);
    np_timeline t;
    cr_assert_eq(np_timeline_build(&t, NULL, &a, NULL), NP_OK);
    writer_ctx ctx = {.posting = p, .timeline = &t};
    for (writer w = 0; w < W_COUNT; w++) {
        ctx.writer = w;
        long failed;
        check_every_failure(WRITER_NAMES[w], op_write, &ctx, canon_written, true, &failed);
        cr_expect_gt(failed, 0);
    }
    np_posting_free(p);
    free(text);
    TS_ASSERT_NO_LEAKS();
}

/* A collection built, a candidate registered and queries answered, all in
 * one operation so that each step's failure paths are reached. The result
 * is described as text: rows in order, or the groups of a count by. */
typedef struct query_ctx {
    const char *postings;
    size_t len;
    const char *query;
    const np_candidate *candidate;
    char answer[4096];
    bool answered;
} query_ctx;

static np_status op_query(void *c, np_error *err)
{
    query_ctx *ctx = c;
    ctx->answered = false;
    np_collection *coll = NULL;
    np_result *res = NULL;
    np_status st = np_collection_new(&coll, err);
    if (st == NP_OK) st = np_collection_add_json(coll, ctx->postings, ctx->len, err);
    if (st == NP_OK) st = np_collection_add_candidate(coll, ctx->candidate, err);
    if (st == NP_OK) st = np_collection_query(&res, coll, ctx->query, strlen(ctx->query), err);
    if (st == NP_OK) {
        size_t used = 0;
        const size_t groups = np_result_group_count(res);
        for (size_t i = 0; i < np_result_count(res) && used < sizeof ctx->answer - 32; i++)
            used += (size_t)snprintf(ctx->answer + used, sizeof ctx->answer - used, "%zu ", np_result_row(res, i));
        for (size_t i = 0; i < groups && used < sizeof ctx->answer - 32; i++) {
            np_qvalue v;
            size_t n;
            np_result_group(res, i, &v, &n);
            used += (size_t)snprintf(ctx->answer + used, sizeof ctx->answer - used, "g%zu:%zu ", i, n);
        }
        /* reading postings back re-creates them from the columns */
        for (size_t i = 0; st == NP_OK && i < np_result_count(res); i++) {
            const np_posting *p = np_result_posting(res, i, err);
            if (!p) st = err ? err->code : NP_ENOMEM;
            else if (used < sizeof ctx->answer - 32)
                used += (size_t)snprintf(ctx->answer + used, sizeof ctx->answer - used, "%s ", p->id);
        }
        ctx->answered = st == NP_OK;
    }
    np_result_free(res);
    np_collection_free(coll);
    return st;
}

/* The answer an operation described as text, once (NULL when it failed). */
static char *take_answer(bool *answered, const char *answer)
{
    if (!*answered) return NULL;
    *answered = false;
    size_t n = strlen(answer) + 1;
    char *s = malloc(n);
    cr_assert_not_null(s);
    memcpy(s, answer, n);
    return s;
}

static char *canon_query(void *c)
{
    query_ctx *ctx = c;
    return take_answer(&ctx->answered, ctx->answer);
}

Test(alloc_failure, collection_queries)
{
    query_ctx ctx = {0};
    char *postings = slurp("NATOPOST_TEST_DATA", "query_postings.ndjson", &ctx.len);
    size_t clen;
    char *cand_json = slurp("NATOPOST_TEST_DATA", "candidates/alice.json", &clen);
    np_candidate alice = NP_CANDIDATE_INIT;
    cr_assert_eq(np_candidate_from_json(&alice, cand_json, clen, NULL), NP_OK);
    ctx.postings = postings;
    ctx.candidate = &alice;
    static const char *const QUERIES[] = {
        "grade >= G15 and lang.second >= II order by deadline desc, title",
        "division ~ \"acquisition\" or title ~ \"engineer\"",
        "count by eligible(alice)",
        "not (clearance >= NS) and experience in [2.5, 10]",
    };
    for (size_t i = 0; i < sizeof QUERIES / sizeof QUERIES[0]; i++) {
        ctx.query = QUERIES[i];
        long failed;
        check_every_failure(QUERIES[i], op_query, &ctx, canon_query, false, &failed);
        cr_expect_gt(failed, 0);
    }
    free(cand_json);
    free(postings);
    TS_ASSERT_NO_LEAKS();
}

/* A messy folder loaded under the skip policy (the skip list), a file
 * added again (a repeat), then folded by np_collection_unique (sources):
 * described as text. */
typedef struct messy_ctx {
    char folder[1024], again[1100];
    char answer[4096];
    bool answered;
} messy_ctx;

static np_status op_messy(void *c, np_error *err)
{
    messy_ctx *ctx = c;
    ctx->answered = false;
    np_collection *coll = NULL, *unique = NULL;
    np_status st = np_collection_new(&coll, err);
    if (st == NP_OK) {
        np_collection_set_on_error(coll, NP_ON_ERROR_SKIP);
        st = np_collection_add_path(coll, ctx->folder, err);
    }
    if (st == NP_OK) st = np_collection_add_path(coll, ctx->again, err);
    if (st == NP_OK) st = np_collection_unique(&unique, coll, err);
    if (st == NP_OK) {
        size_t used = (size_t)snprintf(ctx->answer, sizeof ctx->answer, "%zu rows; ", np_collection_count(coll));
        for (size_t i = 0; i < np_collection_skip_count(coll) && used < sizeof ctx->answer - 128; i++) {
            const np_collection_skip *k = np_collection_skip_at(coll, i);
            const char *base = strrchr(k->path, '/');
            used += (size_t)snprintf(ctx->answer + used, sizeof ctx->answer - used, "%s:%d:%d:%d ",
                                     base ? base + 1 : k->path, k->line, k->column, k->repeated);
        }
        for (size_t r = 0; r < np_collection_count(unique); r++)
            for (size_t i = 0; i < np_collection_source_count(unique, r) && used < sizeof ctx->answer - 128; i++) {
                const char *base = strrchr(np_collection_source(unique, r, i), '/');
                used += (size_t)snprintf(ctx->answer + used, sizeof ctx->answer - used, "%zu<%s ", r,
                                         base ? base + 1 : np_collection_source(unique, r, i));
            }
        ctx->answered = true;
    }
    np_collection_free(unique);
    np_collection_free(coll);
    return st;
}

static char *canon_messy(void *c)
{
    messy_ctx *ctx = c;
    return take_answer(&ctx->answered, ctx->answer);
}

Test(alloc_failure, messy_folder_skip_list_and_unique)
{
    messy_ctx ctx = {0};
    const char *data = getenv("NATOPOST_TEST_DATA");
    cr_assert_not_null(data);
    snprintf(ctx.folder, sizeof ctx.folder, "%s/messy", data);
    snprintf(ctx.again, sizeof ctx.again, "%s/a_ncia_data_engineer.txt", ctx.folder);
    long failed;
    check_every_failure("messy folder", op_messy, &ctx, canon_messy, false, &failed);
    cr_expect_gt(failed, 0);
    TS_ASSERT_NO_LEAKS();
}

typedef struct eligibility_ctx {
    const np_candidate *candidate;
    const np_posting *posting;
    np_eligibility result;
    bool ok;
} eligibility_ctx;

static np_status op_eligibility(void *c, np_error *err)
{
    eligibility_ctx *ctx = c;
    np_eligibility_clear(&ctx->result);
    np_status st = np_eligibility_check(&ctx->result, ctx->candidate, ctx->posting, err);
    ctx->ok = st == NP_OK;
    return st;
}

static char *canon_eligibility(void *c)
{
    eligibility_ctx *ctx = c;
    char *s = NULL;
    if (ctx->ok) {
        size_t cap = 64 + ctx->result.check_count * (NP_CHECK_REASON_MAX + 16), used = 0;
        s = malloc(cap);
        cr_assert_not_null(s);
        used += (size_t)snprintf(s, cap, "%s:", np_verdict_name(ctx->result.verdict));
        for (size_t i = 0; i < ctx->result.check_count; i++)
            used += (size_t)snprintf(s + used, cap - used, "%s|%s;", np_check_status_name(ctx->result.checks[i].status),
                                     ctx->result.checks[i].reason);
    } else {
        cr_expect_eq(ctx->result.check_count, 0, "a failed check left %zu checks", ctx->result.check_count);
    }
    np_eligibility_clear(&ctx->result);
    ctx->ok = false;
    return s;
}

Test(alloc_failure, eligibility)
{
    size_t len, clen;
    char *text = slurp("NATOPOST_EXAMPLES", "is-twin-grade-analyst.txt", &len);
    char *cand_json = slurp("NATOPOST_TEST_DATA", "candidates/bruno.json", &clen);
    np_posting *p = NULL;
    cr_assert_eq(np_notice_read(&p, text, len, "is.txt", NULL), NP_OK);
    np_candidate bruno = NP_CANDIDATE_INIT;
    cr_assert_eq(np_candidate_from_json(&bruno, cand_json, clen, NULL), NP_OK);
    eligibility_ctx ctx = {.candidate = &bruno, .posting = p};
    long failed;
    check_every_failure("np_eligibility_check", op_eligibility, &ctx, canon_eligibility, false, &failed);
    cr_expect_gt(failed, 0);
    np_posting_free(p);
    free(cand_json);
    free(text);
    TS_ASSERT_NO_LEAKS();
}

/* Rosters: the CSV reader, a grouped projection and its CSV writer in one
 * operation (the outcome is the projection's CSV); then the deadline calendar
 * of a posting (a writer: jansson is not involved, every allocation counts). */
typedef struct roster_ctx {
    const char *text;
    char *csv;
} roster_ctx;

static np_status op_roster(void *c, np_error *err)
{
    roster_ctx *ctx = c;
    np_roster *r;
    np_status st = np_roster_read_csv(&r, ctx->text, strlen(ctx->text), "staff.csv", NULL, err);
    if (st != NP_OK) return st;
    size_t column;
    cr_assert_eq(np_roster_group_column_find(r, "division", &column, NULL), NP_OK);
    const np_roster_columns view = np_roster_view(r, column);
    np_projection p;
    st = np_roster_project(&p, np_roster_policy(r), &view, 2026, 1, 24, err);
    if (st == NP_OK) {
        const char *labels[8];
        cr_assert_leq(p.groups, 8);
        for (size_t g = 0; g < p.groups; g++) labels[g] = np_roster_group_value(r, column, g);
        ctx->csv = np_projection_to_csv(&p, "division", labels, err);
        if (!ctx->csv) st = err ? err->code : NP_ENOMEM;
        np_projection_free(&p);
    }
    np_roster_free(r);
    return st;
}

static char *canon_roster(void *c)
{
    roster_ctx *ctx = c;
    char *s = ctx->csv;
    ctx->csv = NULL;
    return s;
}

Test(alloc_failure, roster)
{
    roster_ctx ctx = {"id,start,kind,renewal_months,twin_grade,division\n"
                      "A,2025-09-01,external,,true,\"Operations, Planning\"\n"
                      "B,2024-02-29,seconded,24,yes,Policy\n"
                      "C,2026-01-31,,18,0,Policy\n"
                      "D,2023-03-31,serving,12,false,Executive\n",
                      NULL};
    long failed;
    check_every_failure("np_roster_read_csv + np_roster_project + np_projection_to_csv", op_roster,
                        &ctx, canon_roster, false, &failed);
    cr_expect_gt(failed, 0);
    TS_ASSERT_NO_LEAKS();
}

typedef struct calendar_ctx {
    const np_posting *posting;
    char *ical;
} calendar_ctx;

static np_status op_calendar(void *c, np_error *err)
{
    calendar_ctx *ctx = c;
    ctx->ical = np_postings_to_ical(&ctx->posting, 1, 0, err);
    return ctx->ical ? NP_OK : err->code;
}

static char *canon_calendar(void *c)
{
    calendar_ctx *ctx = c;
    char *s = ctx->ical;
    ctx->ical = NULL;
    return s;
}

Test(alloc_failure, deadline_calendar)
{
    size_t len;
    char *text = slurp("NATOPOST_EXAMPLES", "is-twin-grade-analyst.txt", &len);
    np_posting *p = NULL;
    cr_assert_eq(np_notice_read(&p, text, len, "is.txt", NULL), NP_OK);
    calendar_ctx ctx = {p, NULL};
    long failed;
    check_every_failure("np_postings_to_ical", op_calendar, &ctx, canon_calendar, true, &failed);
    cr_expect_gt(failed, 0);
    np_posting_free(p);
    free(text);
    TS_ASSERT_NO_LEAKS();
}
