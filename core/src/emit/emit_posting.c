/* The posting record through an np_emitter: the posting JSON form's members
 * (npj_posting_value, the one writer of the record's names and shapes),
 * walked in order, with the few members a host reads as typed values (the
 * exact source bytes, the canonical grade, dates) taken from the record. So
 * when the posting JSON form gains a member, every host's record does too. */
#include <stdio.h>

#include <jansson.h>

#include "formats/posting_json_internal.h"
#include "emit_internal.h"
#include "natopost/grade.h"

/* JSON-form members the record leaves out: the format tag, and the
 * percent-encoded file name ("source" is the exact bytes here). */
static bool left_out(const char *key)
{
    return strcmp(key, "format") == 0 || strcmp(key, "source_bytes") == 0;
}

static np_status walk(const np_emitter *em, const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        EMIT_TRY(em->begin_object(em->user, json_object_size(v)));
        const char *key;
        json_t *item;
        json_object_foreach((json_t *)v, key, item) {
            EMIT_TRY(em->key(em->user, key));
            EMIT_TRY(walk(em, item));
        }
        return em->end_object(em->user);
    }
    case JSON_ARRAY: {
        EMIT_TRY(em->begin_array(em->user, json_array_size(v)));
        for (size_t i = 0; i < json_array_size(v); i++) EMIT_TRY(walk(em, json_array_get(v, i)));
        return em->end_array(em->user);
    }
    case JSON_STRING: return em->string(em->user, json_string_value(v), json_string_length(v));
    case JSON_INTEGER: return em->integer(em->user, (int64_t)json_integer_value(v));
    case JSON_REAL: return em->real(em->user, json_real_value(v));
    case JSON_TRUE: return em->boolean(em->user, true);
    case JSON_FALSE: return em->boolean(em->user, false);
    case JSON_NULL: break;
    }
    return em->null(em->user);
}

static np_status date_or_null(const np_emitter *em, np_date d, np_error *err)
{
    if (d == NP_DATE_NONE) return em->null(em->user);
    if (!np_date_in_range(d))
        return np_error_set(err, NP_EINVAL, "posting date %ld is outside 0001-01-01..9999-12-31",
                            (long)d);
    return em->date(em->user, d);
}

/* The value of member `key` as the record has it; NP_ENOTFOUND when the
 * record has no such member. `value` is the JSON form's member (or NULL). */
static np_status member(const np_emitter *em, const np_posting *p, const char *key,
                        const json_t *value, np_error *err)
{
    if (strcmp(key, "source") == 0) return emit_text(em, p->source);
    if (strcmp(key, "grade") == 0) {
        char text[NP_GRADE_TEXT_MAX];
        return emit_text(em, np_grade_format(p->grade, text) ? text : NULL);
    }
    if (strcmp(key, "deadline") == 0) return date_or_null(em, p->deadline.date, err);
    if (strcmp(key, "deadline_time") == 0) {
        const int minute = p->deadline.minute;
        if (minute < 0 || minute > NPJ_MINUTE_MAX) return em->null(em->user);
        return em->time_of_day(em->user, minute);
    }
    if (strcmp(key, "published") == 0) return date_or_null(em, p->published, err);
    if (strcmp(key, "updated") == 0) return date_or_null(em, p->updated, err);
    if (!value || left_out(key))
        return np_error_set(err, NP_ENOTFOUND, "a posting has no field \"%.60s\"", key);
    return walk(em, value);
}

static void release_tree(void *tree) { json_decref(tree); }

/* The JSON form of `p`, handed to the emitter's `hold` when it has one.
 * *owned says whether the caller must free it. */
static np_status form(const np_emitter *em, const np_posting *p, json_t **out, bool *owned,
                      np_error *err)
{
    int digits = 0;
    const np_status st = npj_posting_value(out, p, &digits, err);
    if (st != NP_OK) return st;
    *owned = !em->hold;
    if (em->hold) return em->hold(em->user, *out, release_tree);
    return NP_OK;
}

static np_status record(const np_emitter *em, const np_posting *p, const json_t *root,
                        np_error *err)
{
    /* deadline_time is the one member the JSON form does not have. */
    size_t count = json_object_size(root) + 1;
    const char *key;
    json_t *value;
    json_object_foreach((json_t *)root, key, value) count -= left_out(key);
    EMIT_TRY(em->begin_object(em->user, count));
    json_object_foreach((json_t *)root, key, value) {
        if (left_out(key)) continue;
        EMIT_TRY(em->key(em->user, key));
        EMIT_TRY(member(em, p, key, value, err));
        if (strcmp(key, "deadline") == 0) {
            EMIT_TRY(em->key(em->user, "deadline_time"));
            EMIT_TRY(member(em, p, "deadline_time", NULL, err));
        }
    }
    return em->end_object(em->user);
}

np_status np_emit_posting(const np_emitter *em, const np_posting *posting, np_error *err)
{
    np_error_clear(err);
    if (!posting) return np_error_set(err, NP_EINVAL, "posting record: no posting (NULL)");
    json_t *root = NULL;
    bool owned = false;
    np_status st = form(em, posting, &root, &owned, err);
    if (st == NP_OK) st = record(em, posting, root, err);
    if (owned) json_decref(root);
    return npi_emit_stopped(err, st, "a posting record");
}

np_status np_emit_posting_member(const np_emitter *em, const np_posting *posting, const char *key,
                                 np_error *err)
{
    np_error_clear(err);
    if (!posting) return np_error_set(err, NP_EINVAL, "posting record: no posting (NULL)");
    json_t *root = NULL;
    bool owned = false;
    np_status st = form(em, posting, &root, &owned, err);
    if (st == NP_OK) st = member(em, posting, key, json_object_get(root, key), err);
    if (owned) json_decref(root);
    return npi_emit_stopped(err, st, "a posting record");
}
