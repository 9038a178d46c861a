/* The posting record read back (np_posting_from_record_json). The record is
 * the JSON form with two members reshaped for hosts (emit_posting.c): the
 * grade as its text and the deadline's date and time apart. Both hosts'
 * from_dict / posting_from_table send the record here, so the reshaping
 * back is written once; the JSON form's reader then judges every value. */
#include <string.h>

#include "natopost/posting_json.h"
#include "formats/json_tree.h"
#include "formats/posting_json_internal.h"

static np_status out_of_memory(np_error *err)
{
    return np_error_set(err, NP_ENOMEM, "posting record: out of memory");
}

/* "deadline": "2025-11-03" (or null) and "deadline_time": "23:59" (or null)
 * become "deadline": {"date": ..., "time": ...}; a deadline object is left
 * to the form's reader, which refuses a "deadline_time" beside it as an
 * unknown key. */
static np_status reshape_deadline(json_t *root, np_error *err)
{
    json_t *date = json_object_get(root, "deadline");
    json_t *time = json_object_get(root, "deadline_time");
    if (json_is_object(date)) return NP_OK;
    if (!time && !json_is_string(date)) return NP_OK;
    if (json_is_null(time) && (!date || json_is_null(date))) {
        json_object_del(root, "deadline_time");
        return json_object_set_new(root, "deadline", json_null()) ? out_of_memory(err) : NP_OK;
    }
    json_t *both = json_object();
    if (!both || (date && json_object_set(both, "date", date)) ||
        (time && json_object_set(both, "time", time))) {
        json_decref(both);
        return out_of_memory(err);
    }
    json_object_del(root, "deadline_time");
    return json_object_set_new(root, "deadline", both) ? out_of_memory(err) : NP_OK;
}

static np_status reshape(json_t *root, np_error *err)
{
    if (!json_object_get(root, "format") &&
        json_object_set_new(root, "format", json_string(NP_POSTING_FORMAT)))
        return out_of_memory(err);
    json_t *grade = json_object_get(root, "grade");
    if (json_is_string(grade)) {
        json_t *form = json_pack("{sO}", "text", grade);
        if (!form || json_object_set_new(root, "grade", form)) return out_of_memory(err);
    }
    return reshape_deadline(root, err);
}

np_status np_posting_from_record_json(np_posting **out, const char *text, size_t len, np_error *err)
{
    *out = NULL;
    if (!text && len) return np_error_set(err, NP_EINVAL, "posting record: no text (NULL)");
    json_error_t jerr;
    json_t *root = json_loadb(text ? text : "", len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &jerr);
    if (!root) return npj_parse_error(err, &jerr, text ? text : "", len, 1, 0);
    /* not an object: the form's reader names what it got */
    np_status st = json_is_object(root) ? reshape(root, err) : NP_OK;
    if (st == NP_OK) {
        npj_tree tree = NPJ_TREE_INIT;
        const npj_value *value;
        st = npj_tree_from_jansson(&tree, &value, root, err);
        npj_path path = {{0}, 0};
        if (st == NP_OK) st = npj_posting_read(out, value, &path, NULL, err);
        npj_tree_free(&tree);
    }
    json_decref(root);
    return st;
}
