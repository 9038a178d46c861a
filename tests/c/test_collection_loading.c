/* Collections from messy folders (tests/data/messy, README there): the
 * error policy and the skip list, files read by content, a file loaded
 * twice, identities and np_collection_unique with the sources of each
 * copy, and the fingerprint that ignores boilerplate and whitespace. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "natopost/collection.h"
#include "natopost/notice.h"
#include "natopost/posting_fields.h"
#include "support.h"

static char *messy(const char *name)
{
    const char *data = getenv("NATOPOST_TEST_DATA");
    cr_assert(data, "NATOPOST_TEST_DATA is not set");
    static char path[4096];
    snprintf(path, sizeof path, "%s/messy%s%s", data, *name ? "/" : "", name);
    return path;
}

static bool ends_with(const char *s, const char *tail)
{
    const size_t n = strlen(s), k = strlen(tail);
    return n >= k && strcmp(s + n - k, tail) == 0;
}

static np_collection *load_messy(np_on_error policy, np_status expect, np_error *err)
{
    np_collection *c;
    cr_assert_eq(np_collection_new(&c, err), NP_OK);
    np_collection_set_on_error(c, policy);
    cr_assert_eq(np_collection_on_error(c), policy);
    cr_assert_eq(np_collection_add_path(c, messy(""), err), expect, "%s", err->message);
    return c;
}

Test(loading, raise_fails_at_the_first_bad_file_and_adds_nothing)
{
    np_error err;
    np_collection *c = load_messy(NP_ON_ERROR_RAISE, NP_EPARSE, &err);
    cr_expect(strstr(err.message, "c_empty.txt"), "%s", err.message);
    cr_expect_eq(np_collection_count(c), 0);
    cr_expect_eq(np_collection_skip_count(c), 0);
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(loading, skip_keeps_every_good_file_and_lists_each_bad_one)
{
    np_error err;
    np_collection *c = load_messy(NP_ON_ERROR_SKIP, NP_OK, &err);
    /* a, b, e (Windows-1252), f (posting JSON, by content), g, h */
    cr_assert_eq(np_collection_count(c), 6);
    cr_assert_eq(np_collection_skip_count(c), 2);
    const np_collection_skip *empty = np_collection_skip_at(c, 0), *binary = np_collection_skip_at(c, 1);
    cr_expect(ends_with(empty->path, "c_empty.txt"), "%s", empty->path);
    cr_expect_eq(empty->code, NP_EPARSE);
    cr_expect_eq(empty->line, 1);
    cr_expect_eq(empty->column, 1);
    cr_expect(strstr(empty->message, "empty"), "%s", empty->message);
    cr_expect_not(empty->repeated);
    cr_expect(ends_with(binary->path, "d_scan.txt"), "%s", binary->path);
    cr_expect_eq(binary->code, NP_EPARSE);
    cr_expect_eq(binary->line, 3); /* the first NUL byte: after "\x89PNG\r\n\x1a\n" */
    cr_expect(strstr(binary->message, "NUL"), "%s", binary->message);
    cr_expect_null(np_collection_skip_at(c, 2));
    const np_posting *cp1252 = np_collection_posting(c, 2, &err);
    cr_assert(cp1252);
    cr_expect_str_eq(cp1252->title, "Traducteur/R\xc3\xa9viseur (Translator/Reviser), French Translation Section");
    const np_posting *json = np_collection_posting(c, 3, &err);
    cr_assert(json);
    cr_expect_str_eq(json->id, "ACT-2026-0031");
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(loading, a_file_loaded_twice_is_read_once_and_noted)
{
    np_error err;
    np_collection *c = load_messy(NP_ON_ERROR_SKIP, NP_OK, &err);
    cr_assert_eq(np_collection_add_path(c, messy("a_ncia_data_engineer.txt"), &err), NP_OK);
    /* the same file by another path is the same file */
    char other[4200];
    snprintf(other, sizeof other, "%s/../messy/g_nspa_logistics_officer.txt", messy(""));
    cr_assert_eq(np_collection_add_path(c, other, &err), NP_OK);
    cr_expect_eq(np_collection_count(c), 6);
    cr_assert_eq(np_collection_skip_count(c), 4);
    cr_expect(np_collection_skip_at(c, 2)->repeated);
    cr_expect_eq(np_collection_skip_at(c, 2)->code, NP_OK);
    cr_expect(strstr(np_collection_skip_at(c, 2)->message, "already loaded"));
    cr_expect_str_eq(np_collection_skip_at(c, 3)->path, other);
    /* a bad file is not "loaded": trying it again reports it again */
    cr_assert_eq(np_collection_add_path(c, messy("c_empty.txt"), &err), NP_OK);
    cr_expect_not(np_collection_skip_at(c, 4)->repeated);
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(loading, a_missing_file_or_folder_is_skipped_with_its_reason)
{
    np_error err;
    np_collection *c;
    cr_assert_eq(np_collection_new(&c, &err), NP_OK);
    cr_assert_eq(np_collection_add_path(c, messy("no_such_file.txt"), &err), NP_EIO);
    np_collection_set_on_error(c, NP_ON_ERROR_SKIP);
    cr_assert_eq(np_collection_add_path(c, messy("no_such_file.txt"), &err), NP_OK);
    cr_assert_eq(np_collection_skip_count(c), 1);
    cr_expect_eq(np_collection_skip_at(c, 0)->code, NP_EIO);
    cr_expect(strstr(np_collection_skip_at(c, 0)->message, "no_such_file.txt"));
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(loading, the_policy_words)
{
    np_on_error p = NP_ON_ERROR_SKIP;
    np_error err;
    cr_expect_eq(np_collection_on_error_parse(&p, "raise", &err), NP_OK);
    cr_expect_eq(p, NP_ON_ERROR_RAISE);
    cr_expect_eq(np_collection_on_error_parse(&p, "skip", &err), NP_OK);
    cr_expect_eq(p, NP_ON_ERROR_SKIP);
    cr_expect_eq(np_collection_on_error_parse(&p, "ignore", &err), NP_EINVAL);
    cr_expect(strstr(err.message, "\"raise\" or \"skip\""), "%s", err.message);
    cr_expect(strstr(err.message, "ignore"), "%s", err.message);
    cr_expect_eq(np_collection_on_error_parse(&p, NULL, &err), NP_EINVAL);
}

Test(loading, the_notice_reader_refuses_posting_json_naming_load)
{
    np_posting *p = NULL;
    np_error err;
    cr_assert_eq(np_notice_read_file(&p, messy("f_exported_postings.json"), &err), NP_EPARSE);
    cr_expect_null(p);
    cr_expect(strstr(err.message, "posting JSON"), "%s", err.message);
    cr_expect(strstr(err.message, "load"), "%s", err.message);
    cr_expect(strstr(err.message, "f_exported_postings.json"), "%s", err.message);
    cr_expect(np_notice_is_posting_json("\xEF\xBB\xBF \n[ {", 8));
    cr_expect(np_notice_is_posting_json("[]", 2));
    cr_expect(np_notice_is_posting_json("{\"id\": 1}\n{\"id\": 2}", 19));
    cr_expect_not(np_notice_is_posting_json("[DRAFT] Staff Officer", 21));
    cr_expect_not(np_notice_is_posting_json("{Staff} Officer", 15));
    cr_expect_not(np_notice_is_posting_json("[", 1));
    cr_expect_not(np_notice_is_posting_json("", 0));
}

static char *identity_of(const np_posting *p)
{
    char *id = NULL;
    cr_assert_eq(np_posting_identity(&id, p, NULL), NP_OK);
    return id;
}

Test(identity, requisition_with_its_body_else_the_id)
{
    np_posting *p = np_posting_new();
    cr_assert(p);
    char *id = identity_of(p);
    cr_expect_null(id); /* neither: only ever itself */
    cr_assert_eq(np_posting_set_text(&p->id, "fnv1a:0123456789abcdef", 22, NULL), NP_OK);
    id = identity_of(p);
    cr_expect_str_eq(id, "fnv1a:0123456789abcdef");
    np_free(id);
    cr_assert_eq(np_posting_set_text(&p->requisition, "251043", 6, NULL), NP_OK);
    id = identity_of(p);
    cr_expect_str_eq(id, "req:/251043");
    np_free(id);
    const char *body = "  NATO  Support and\tProcurement Agency ";
    cr_assert_eq(np_posting_set_text(&p->body, body, strlen(body), NULL), NP_OK);
    id = identity_of(p);
    cr_expect_str_eq(id, "req:nato support and procurement agency/251043");
    np_free(id);
    np_posting_free(p);
}

/* The rows of `u` whose id is `id`: their sources must end with the names. */
static void expect_sources(np_collection *u, size_t row, const char *first, const char *second)
{
    cr_assert_eq(np_collection_source_count(u, row), 2);
    cr_expect(ends_with(np_collection_source(u, row, 0), first), "%s", np_collection_source(u, row, 0));
    cr_expect(ends_with(np_collection_source(u, row, 1), second), "%s", np_collection_source(u, row, 1));
    cr_expect_null(np_collection_source(u, row, 2));
}

Test(unique, one_posting_per_identity_the_most_complete_kept_with_every_source)
{
    np_error err;
    np_collection *c = load_messy(NP_ON_ERROR_SKIP, NP_OK, &err);
    np_candidate alice = {0};
    strcpy(alice.name, "alice");
    cr_assert_eq(np_collection_add_candidate(c, &alice, &err), NP_OK, "%s", err.message);
    np_collection *u;
    cr_assert_eq(np_collection_unique(&u, c, &err), NP_OK, "%s", err.message);
    cr_assert_eq(np_collection_count(u), 4);
    cr_expect_eq(np_collection_candidate_count(u), 1);
    cr_expect_eq(np_collection_on_error(u), NP_ON_ERROR_SKIP);
    cr_expect_eq(np_collection_skip_count(u), 0);
    /* NCIA: a (grade, deadline, contract) beats b, the shorter copy */
    const np_posting *ncia = np_collection_posting(u, 0, &err);
    cr_assert(ncia);
    cr_expect_str_eq(ncia->id, "NCIA-2026-0117");
    cr_expect(ends_with(ncia->source, "a_ncia_data_engineer.txt"), "%s", ncia->source);
    cr_expect(ncia->contract.stated);
    expect_sources(u, 0, "a_ncia_data_engineer.txt", "b_ncia_data_engineer_from_jobsite.txt");
    cr_expect_eq(np_collection_source_count(u, 1), 1);
    cr_expect_eq(np_collection_source_count(u, 2), 1); /* the JSON posting's own source */
    cr_expect_str_eq(np_collection_source(u, 2, 0), "f_budget_assistant.txt");
    /* NSPA: no requisition, so the fingerprint; both copies state as much */
    const np_posting *nspa = np_collection_posting(u, 3, &err);
    cr_assert(nspa);
    cr_expect_eq(strncmp(nspa->id, "fnv1a:", 6), 0);
    cr_expect(ends_with(nspa->source, "g_nspa_logistics_officer.txt"));
    expect_sources(u, 3, "g_nspa_logistics_officer.txt", "h_nspa_logistics_officer_reposted.txt");
    /* a plain collection's rows have their posting's source */
    cr_expect_eq(np_collection_source_count(c, 1), 1);
    cr_expect(ends_with(np_collection_source(c, 1, 0), "b_ncia_data_engineer_from_jobsite.txt"));
    cr_expect_eq(np_collection_source_count(c, 99), 0);
    /* unique of unique changes nothing */
    np_collection *again;
    cr_assert_eq(np_collection_unique(&again, u, &err), NP_OK);
    cr_expect_eq(np_collection_count(again), 4);
    np_collection_free(again);
    np_collection_free(u);
    np_collection_free(c);
    TS_ASSERT_NO_LEAKS();
}

Test(unique, copies_differing_in_body_are_two_vacancies)
{
    np_error err;
    np_collection *c;
    cr_assert_eq(np_collection_new(&c, &err), NP_OK);
    const char *bodies[] = {"NCIA", "NSPA", "ncia"};
    for (int i = 0; i < 3; i++) {
        np_posting *p = np_posting_new();
        cr_assert(p);
        cr_assert_eq(np_posting_set_text(&p->requisition, "2026-1", 6, NULL), NP_OK);
        cr_assert_eq(np_posting_set_text(&p->body, bodies[i], 4, NULL), NP_OK);
        cr_assert_eq(np_collection_add_posting(c, p, &err), NP_OK);
        np_posting_free(p);
    }
    np_collection *u;
    cr_assert_eq(np_collection_unique(&u, c, &err), NP_OK);
    cr_expect_eq(np_collection_count(u), 2); /* the body's case does not count */
    cr_expect_eq(np_collection_source_count(u, 0), 0); /* no copy had a source */
    np_collection_free(u);
    np_collection_free(c);
}

static char *fingerprint(const char *text)
{
    np_posting *p = NULL;
    np_error err;
    cr_assert_eq(np_notice_read(&p, text, strlen(text), NULL, &err), NP_OK, "%s", err.message);
    char *id = malloc(strlen(p->id) + 1);
    cr_assert(id);
    strcpy(id, p->id);
    np_posting_free(p);
    return id;
}

Test(identity, the_fingerprint_ignores_boilerplate_and_whitespace)
{
    char *a = fingerprint("Staff Officer\nNATO Grade G15\n\n1. SUMMARY\nThe post plans exercises.\n\n"
                          "7. ADDITIONAL INFORMATION\nApply on site A.\n");
    char *b = fingerprint("Staff   Officer\r\nNATO Grade G15\r\n1. SUMMARY\r\nThe post plans\r\nexercises.\r\n"
                          "7. ADDITIONAL INFORMATION\r\nReposted by site B, with a longer footer.\r\n");
    char *other = fingerprint("Staff Officer\nNATO Grade G15\n\n1. SUMMARY\nThe post plans budgets.\n");
    cr_expect_eq(strncmp(a, "fnv1a:", 6), 0);
    cr_expect_str_eq(a, b);
    cr_expect_str_neq(a, other);
    free(a);
    free(b);
    free(other);
}
