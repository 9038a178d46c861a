/* The posting schema (core/src/model/posting_schema.h) against every walker.
 *
 * A posting is built with every field of the schema set (value A); then, for
 * each field in turn, a copy with that one field changed (value B). Equality
 * must tell them apart and name the field, clone must copy it, the JSON
 * writer must write it and the reader read it back, the collection's codec
 * must store it, its query field (when the schema names one) must see it in
 * the posting and in the columns, and JSON-LD must change exactly for the
 * fields the schema maps. A walker that skips a field fails here; a member
 * the schema does not list fails to compile (posting_schema.c). */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "model/posting_schema.h"
#include "natopost/natopost.h"
#include "support.h"

static void set_text(char **slot, const char *text)
{
    np_error err;
    cr_assert_eq(np_posting_set_text(slot, text, strlen(text), &err), NP_OK, "%s", err.message);
}

static np_date day(int y, int m, int d)
{
    np_date out;
    np_error err;
    cr_assert_eq(np_date_from_ymd(&out, y, m, d, &err), NP_OK, "%s", err.message);
    return out;
}

/* Sets field `f` of `p` (a new posting) to value A (b false) or B. Every
 * kind must be handled (-Wswitch), so a new kind cannot go untested. */
static void set_field(np_posting *p, const nps_field *f, bool b)
{
    np_error err;
    void *v = nps_member(p, f);
    const size_t items = b ? 2 : 1;
    switch (f->kind) {
    case NPS_STRING: set_text(v, b ? "text B" : "text A"); return;
    case NPS_SOURCE: set_text(v, b ? "https://example.org/b" : "https://example.org/a"); return;
    case NPS_LANGUAGE: memcpy(v, b ? "fr" : "en", 3); return;
    case NPS_GRADE: {
        const char *text = b ? "G16" : "G15";
        cr_assert_eq(np_grade_parse(v, text, strlen(text), &err), NP_OK, "%s", err.message);
        return;
    }
    case NPS_SALARY:
        p->salary.amount = b ? 9253.21 : 7563.38;
        memcpy(p->salary.currency, "EUR", 4);
        set_text(&p->salary.basis, "Monthly");
        p->salary.tax_free = NP_YES;
        return;
    case NPS_DEADLINE:
        p->deadline.date = day(2025, 11, b ? 4 : 3);
        p->deadline.minute = 1079;
        return;
    case NPS_DATE: *(np_date *)v = day(2025, 10, b ? 2 : 1); return;
    case NPS_CLEARANCE: *(np_clearance *)v = b ? NP_CLEARANCE_CTS : NP_CLEARANCE_NS; return;
    case NPS_BOOL: *(bool *)v = !b; return;
    case NPS_TRISTATE: *(np_tristate *)v = b ? NP_NO : NP_YES; return;
    case NPS_ACCOUNTABILITIES:
        for (size_t i = 0; i < items; i++)
            cr_assert_eq(np_posting_add_accountability(p, "Planning", 8, "Plans.", 6, 40, &err), NP_OK);
        return;
    case NPS_INTERRELATIONSHIPS:
        set_text(&p->interrelationships.reports_to, b ? "Head B" : "Head A");
        p->interrelationships.line = 50;
        return;
    case NPS_COMPETENCIES:
        for (size_t i = 0; i < items; i++)
            cr_assert_eq(np_posting_add_competency(p, "Teamwork", 8, NULL, 0, 60, &err), NP_OK);
        return;
    case NPS_REQUIREMENTS:
        for (size_t i = 0; i < items; i++)
            cr_assert_eq(np_posting_add_requirement(p, NULL, true, "Tact.", 5, 70, &err), NP_OK);
        return;
    case NPS_CONTRACT:
        p->contract.stated = true;
        p->contract.definite_months = b ? 24 : 36;
        return;
    case NPS_LINES:
        for (size_t i = 0; i < NPS_LINE_COUNT; i++)
            *nps_line(&p->lines, &nps_line_fields[i]) = (int)i + 1 + (b ? 100 : 0);
        return;
    case NPS_DIAGNOSTICS:
        for (size_t i = 0; i < items; i++)
            cr_assert_eq(np_posting_add_diagnostic(p, NP_DIAG_WARNING, 3, "title", &err, "odd"), NP_OK);
        return;
    }
    cr_assert_fail("kind %d of %s has no test value", (int)f->kind, f->key);
}

/* Every field at value A, but field `changed` (an index, or NPS_FIELD_COUNT
 * for none) at value B. */
static np_posting *posting_with(size_t changed)
{
    np_posting *p = np_posting_new();
    cr_assert_not_null(p);
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++) set_field(p, &nps_fields[i], i == changed);
    return p;
}

static char *to_json(const np_posting *p)
{
    char *out;
    np_error err;
    cr_assert_eq(np_posting_to_json(&out, p, false, &err), NP_OK, "%s", err.message);
    return out;
}

static char *to_jsonld(const np_posting *p)
{
    char *out;
    np_error err;
    cr_assert_eq(np_posting_to_jsonld(&out, p, &err), NP_OK, "%s", err.message);
    return out;
}

static void expect_equal(const np_posting *got, const np_posting *want, const char *walker,
                         const char *key)
{
    char where[128];
    cr_expect(np_posting_equal(got, want, where, sizeof where), "%s loses %s: differs at %s",
              walker, key, where);
}

/* The text of a query value, "null" for null. */
static void value_text(const np_qvalue *v, char *buf, size_t size)
{
    if (v->is_null) snprintf(buf, size, "null");
    else np_posting_field_format(v, buf, size);
}

static void expect_query_sees(const nps_field *f, const np_posting *a, const np_posting *b)
{
    const np_qfield *q = np_posting_field_find(f->query);
    cr_assert_not_null(q, "%s: the schema names query field %s, which does not exist", f->key,
                       f->query);
    np_qvalue va, vb;
    char ta[64], tb[64];
    np_posting_field_get(a, q, &va);
    np_posting_field_get(b, q, &vb);
    value_text(&va, ta, sizeof ta);
    value_text(&vb, tb, sizeof tb);
    cr_expect_str_neq(ta, tb, "query field %s does not see %s", f->query, f->key);
    /* The collection's columns, written from the codec's rows. */
    np_collection *c;
    np_error err;
    cr_assert_eq(np_collection_new(&c, &err), NP_OK);
    cr_assert_eq(np_collection_add_posting(c, a, &err), NP_OK, "%s", err.message);
    cr_assert_eq(np_collection_add_posting(c, b, &err), NP_OK, "%s", err.message);
    np_collection_value(c, 0, q, &va);
    np_collection_value(c, 1, q, &vb);
    char ca[64], cb[64];
    value_text(&va, ca, sizeof ca);
    value_text(&vb, cb, sizeof cb);
    cr_expect_str_eq(ca, ta, "column %s differs from the posting's value", f->query);
    cr_expect_str_eq(cb, tb, "column %s differs from the posting's value", f->query);
    np_collection_free(c);
}

static void expect_codec_keeps(const np_posting *p, const char *key)
{
    np_collection *c;
    np_error err;
    cr_assert_eq(np_collection_new(&c, &err), NP_OK);
    cr_assert_eq(np_collection_add_posting(c, p, &err), NP_OK, "%s", err.message);
    np_posting *back;
    cr_assert_eq(np_collection_posting_copy(c, 0, &back, &err), NP_OK, "%s", err.message);
    expect_equal(back, p, "the collection codec", key);
    np_posting_free(back);
    np_collection_free(c);
}

Test(posting_schema, every_walker_sees_every_field)
{
    np_posting *full = posting_with(NPS_FIELD_COUNT);
    char *full_json = to_json(full), *full_ld = to_jsonld(full);
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++) {
        const nps_field *f = &nps_fields[i];
        np_posting *changed = posting_with(i);
        char where[128];
        cr_expect_not(np_posting_equal(full, changed, where, sizeof where),
                      "equality does not see %s", f->key);
        cr_expect_eq(strncmp(where, f->key, strlen(f->key)), 0, "equality names %s for %s",
                     where, f->key);

        np_posting *copy;
        np_error err;
        cr_assert_eq(np_posting_clone(&copy, changed, &err), NP_OK);
        expect_equal(copy, changed, "clone", f->key);
        np_posting_free(copy);

        char *json = to_json(changed);
        cr_expect_str_neq(json, full_json, "the JSON writer does not write %s", f->key);
        np_posting *back;
        cr_assert_eq(np_posting_from_json(&back, json, strlen(json), &err), NP_OK, "%s",
                     err.message);
        expect_equal(back, changed, "the JSON round trip", f->key);
        np_posting_free(back);
        np_free(json);

        expect_codec_keeps(changed, f->key);
        if (f->query) expect_query_sees(f, full, changed);

        char *ld = to_jsonld(changed);
        if (f->jsonld) {
            cr_expect_str_neq(ld, full_ld, "JSON-LD does not write %s (as %s)", f->key, f->jsonld);
            char property[64];
            snprintf(property, sizeof property, "\"%s\"", f->jsonld);
            cr_expect_not_null(strstr(ld, property), "JSON-LD has no %s for %s", f->jsonld, f->key);
        } else {
            cr_expect_str_eq(ld, full_ld, "JSON-LD writes %s, which the schema says it leaves out",
                             f->key);
        }
        np_free(ld);
        np_posting_free(changed);
    }
    np_free(full_ld);
    np_free(full_json);
    np_posting_free(full);
    TS_ASSERT_NO_LEAKS();
}

Test(posting_schema, json_keys_are_the_schema_in_order)
{
    np_posting *full = posting_with(NPS_FIELD_COUNT);
    char *json = to_json(full);
    json_error_t e;
    json_t *root = json_loads(json, 0, &e);
    cr_assert_not_null(root, "%s", e.text);
    /* jansson keeps insertion order only through iteration of a dumped
     * document's text: find each key's position in the text instead. */
    const char *previous = strstr(json, "\"format\"");
    cr_assert_not_null(previous);
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++) {
        char key[64];
        snprintf(key, sizeof key, "\"%s\":", nps_fields[i].key);
        const char *at = strstr(json, key);
        cr_assert_not_null(at, "the JSON form lacks %s", key);
        cr_expect_gt(at, previous, "%s is out of the schema's order", key);
        previous = at;
        const json_t *value = json_object_get(root, nps_fields[i].key);
        if (!nps_fields[i].nullable)
            cr_expect_not(json_is_null(value), "%s is NOT_NULL but written as null", key);
    }
    cr_expect_eq(json_object_size(root), 1 + NPS_FIELD_COUNT, "keys beyond the schema's");
    json_decref(root);
    np_free(json);
    /* The empty posting writes null only where the schema allows it. */
    np_posting *empty = np_posting_new();
    json = to_json(empty);
    root = json_loads(json, 0, &e);
    for (size_t i = 0; i < NPS_FIELD_COUNT; i++)
        if (!nps_fields[i].nullable)
            cr_expect_not(json_is_null(json_object_get(root, nps_fields[i].key)),
                          "%s is NOT_NULL but written as null", nps_fields[i].key);
    json_decref(root);
    np_free(json);
    np_posting_free(empty);
    np_posting_free(full);
}
