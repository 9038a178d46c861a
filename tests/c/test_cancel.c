/* Cancellation (natopost/cancel.h, issue 14): every long loop of the core
 * asks the hook, and a hook that says stop makes the call fail with
 * NP_ECANCELLED, "cancelled", its outputs empty and nothing leaked (the
 * sanitized build checks leaks at the end of each test). Each case first
 * counts the checks of an uncancelled call, then cancels at the first check
 * and at a check in the middle. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/natopost.h"
#include "support.h"

typedef struct counter {
    long checks;    /* calls of the hook so far */
    long cancel_at; /* the call (1-based) that says stop; 0 = never */
} counter;

static bool count_and_cancel(void *data)
{
    counter *c = data;
    return ++c->checks == c->cancel_at;
}

static void uninstall(void) { np_cancel_set_thread_hook(NULL, NULL, NULL, NULL); }

TestSuite(cancel, .fini = uninstall);

typedef np_status (*operation)(void *ctx, np_error *err); /* cleans up after itself */

/* Runs `op` uncancelled (it must call the hook at least `min_checks` times),
 * then cancelled at the first and at the middle check. */
static void check_cancellable(const char *what, operation op, void *ctx, long min_checks)
{
    counter c = {0, 0};
    np_cancel_set_thread_hook(count_and_cancel, &c, NULL, NULL);
    np_error err;
    cr_assert_eq(op(ctx, &err), NP_OK, "%s: %s", what, err.message);
    const long total = c.checks;
    cr_assert_geq(total, min_checks, "%s asked the hook %ld times", what, total);
    const long stops[] = {1, (total + 1) / 2, total};
    for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
        c = (counter){0, stops[k]};
        np_error_clear(&err);
        const np_status st = op(ctx, &err);
        cr_expect_eq(st, NP_ECANCELLED, "%s cancelled at check %ld of %ld: status %d (%s)", what,
                     stops[k], total, (int)st, err.message);
        cr_expect_str_eq(err.message, "cancelled", "%s", what);
        cr_expect_eq(c.checks, stops[k], "%s went on asking after it was cancelled", what);
    }
    uninstall();
    TS_ASSERT_NO_LEAKS();
}

/* ---- the operations ---- */

static char *repeat(const char *head, const char *unit, size_t count, size_t *len)
{
    const size_t hl = strlen(head), ul = strlen(unit);
    *len = hl + ul * count;
    char *s = malloc(*len + 1);
    cr_assert_not_null(s);
    memcpy(s, head, hl);
    for (size_t i = 0; i < count; i++) memcpy(s + hl + i * ul, unit, ul);
    s[*len] = '\0';
    return s;
}

typedef struct text {
    char *s;
    size_t len;
} text;

static np_status read_notice(void *ctx, np_error *err)
{
    const text *t = ctx;
    np_posting *p = NULL;
    const np_status st = np_notice_read(&p, t->s, t->len, "long.txt", err);
    if (st != NP_OK) cr_expect_null(p);
    np_posting_free(p);
    return st;
}

Test(cancel, notice_reader)
{
    text t;
    t.s = repeat("Analyst\n", "a line\n", 300000, &t.len);
    check_cancellable("np_notice_read", read_notice, &t, 4);
    free(t.s);
}

/* A posting read from a two-line notice; free with np_posting_free. */
static np_posting *small_posting(void)
{
    np_posting *p = NULL;
    np_error err;
    const char notice[] = "Officer, Plans\nNATO Grade G15/G16\n";
    cr_assert_eq(np_notice_read(&p, notice, sizeof notice - 1, "n.txt", &err), NP_OK, "%s", err.message);
    return p;
}

static char *postings_ndjson(size_t count, size_t *len)
{
    np_posting *p = small_posting();
    np_error err;
    char *one = NULL;
    cr_assert_eq(np_posting_to_json(&one, p, false, &err), NP_OK, "%s", err.message);
    np_posting_free(p);
    char *line = malloc(strlen(one) + 2);
    cr_assert_not_null(line);
    sprintf(line, "%s\n", one);
    np_free(one);
    char *all = repeat("", line, count, len);
    free(line);
    return all;
}

static np_status read_json(void *ctx, np_error *err)
{
    const text *t = ctx;
    np_posting_list list = {NULL, 0, 0};
    const np_status st = np_posting_list_read_json(&list, t->s, t->len, err);
    if (st != NP_OK) cr_expect_eq(list.count, 0);
    np_posting_list_free(&list);
    return st;
}

static void check_on_ndjson(const char *what, operation op, size_t postings, long min_checks)
{
    text t;
    t.s = postings_ndjson(postings, &t.len);
    check_cancellable(what, op, &t, min_checks);
    free(t.s);
}

Test(cancel, json_reader) { check_on_ndjson("np_posting_list_read_json (NDJSON)", read_json, 2000, 4); }

static np_status add_json(void *ctx, np_error *err)
{
    const text *t = ctx;
    np_collection *c = NULL;
    np_status st = np_collection_new(&c, err);
    if (st == NP_OK) st = np_collection_add_json(c, t->s, t->len, err);
    if (st == NP_ECANCELLED) {
        np_result *r = NULL;
        cr_expect_eq(np_collection_query(&r, c, "", 0, NULL), NP_OK);
        cr_expect_eq(np_result_count(r), 0, "a cancelled add left rows");
        np_result_free(r);
    }
    np_collection_free(c);
    return st;
}

Test(cancel, collection_loading_json) { check_on_ndjson("np_collection_add_json", add_json, 3000, 8); }

static np_status add_folder(void *ctx, np_error *err)
{
    np_collection *c = NULL;
    np_status st = np_collection_new(&c, err);
    if (st == NP_OK) st = np_collection_add_path(c, ctx, err);
    np_collection_free(c);
    return st;
}

Test(cancel, collection_loading_folder)
{
    char *folder = getenv("NATOPOST_EXAMPLES");
    cr_assert_not_null(folder, "NATOPOST_EXAMPLES is not set (run through meson test)");
    check_cancellable("np_collection_add_path (folder)", add_folder, folder, 3);
}

static np_status run_query(void *ctx, np_error *err)
{
    np_result *r = NULL;
    static const char q[] = "grade >= G15 order by deadline";
    const np_status st = np_collection_query(&r, ctx, q, sizeof q - 1, err);
    if (st != NP_OK) cr_expect_null(r);
    np_result_free(r);
    return st;
}

Test(cancel, collection_query)
{
    np_collection *c = NULL;
    np_error err;
    cr_assert_eq(np_collection_new(&c, &err), NP_OK);
    np_posting *p = small_posting();
    for (int i = 0; i < 200000; i++) cr_assert_eq(np_collection_add_posting(c, p, &err), NP_OK);
    np_posting_free(p);
    check_cancellable("np_collection_query", run_query, c, 3);
    np_collection_free(c);
}

typedef struct batch_ctx {
    int64_t *starts, *out;
    size_t count;
} batch_ctx;

static np_status batch(void *ctx, np_error *err)
{
    const batch_ctx *b = ctx;
    np_appointment a = NP_APPOINTMENT_INIT;
    return np_timeline_batch(NULL, &a, NP_EVENT_CONTRACT_END, b->starts, b->out, b->count, err);
}

Test(cancel, batch_timelines)
{
    batch_ctx b = {NULL, NULL, 300000};
    b.starts = malloc(b.count * sizeof *b.starts);
    b.out = malloc(b.count * sizeof *b.out);
    cr_assert(b.starts && b.out);
    for (size_t i = 0; i < b.count; i++) b.starts[i] = 20000 + (int64_t)(i % 3000);
    check_cancellable("np_timeline_batch", batch, &b, 4);
    free(b.starts);
    free(b.out);
}

/* ---- who sees which hook ---- */

static bool always(void *data)
{
    ++*(long *)data;
    return true;
}

static void *check_in_thread(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)np_cancel_check(NULL);
}

Test(cancel, the_thread_hook_overrides_the_process_hook)
{
    long process_calls = 0;
    counter mine = {0, 0};
    np_cancel_set_process_hook(always, &process_calls);
    np_cancel_set_thread_hook(count_and_cancel, &mine, NULL, NULL);
    np_error err;
    cr_expect_eq(np_cancel_check(&err), NP_OK, "this thread's own hook says go on");
    cr_expect_eq(mine.checks, 1);
    pthread_t th;
    cr_assert_eq(pthread_create(&th, NULL, check_in_thread, NULL), 0);
    void *st;
    pthread_join(th, &st);
    cr_expect_eq((np_status)(intptr_t)st, NP_ECANCELLED, "another thread gets the process hook");
    cr_expect_eq(process_calls, 1);
    np_cancel_hook previous;
    void *previous_data;
    np_cancel_set_thread_hook(NULL, NULL, &previous, &previous_data);
    cr_expect(previous == count_and_cancel && previous_data == &mine, "the previous hook is returned");
    cr_expect_eq(np_cancel_check(&err), NP_ECANCELLED, "without its own hook the thread gets the process hook");
    np_cancel_set_process_hook(NULL, NULL);
    cr_expect_eq(np_cancel_check(&err), NP_OK, "no hook: never cancelled");
    cr_expect_str_eq(np_status_name(NP_ECANCELLED), "cancelled");
}
