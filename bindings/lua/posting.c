/* natopost.Posting userdata (owning an np_posting), the notice and posting
 * JSON readers, and the plain-table form of a posting. The table form is the
 * core's posting JSON (docs/posting-json.md) turned into Lua values (JSON
 * null = absent, dates as "YYYY-MM-DD" strings), so Lua and Python (whose
 * to_dict() comes from the same JSON) cannot disagree on names or shapes. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "module.h"

/* ---- JSON values <-> Lua values (conversion only) --------------------------- */

static void push_json(lua_State *L, const json_t *v)
{
    luaL_checkstack(L, 4, "posting too deeply nested");
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        lua_createtable(L, 0, (int)json_object_size(v));
        const char *key;
        json_t *item;
        json_object_foreach((json_t *)v, key, item) {
            if (json_is_null(item)) continue;
            push_json(L, item);
            lua_setfield(L, -2, key);
        }
        break;
    }
    case JSON_ARRAY: {
        lua_createtable(L, (int)json_array_size(v), 0);
        for (size_t i = 0; i < json_array_size(v); i++) {
            push_json(L, json_array_get(v, i));
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        break;
    }
    case JSON_STRING: lua_pushlstring(L, json_string_value(v), json_string_length(v)); break;
    case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)json_integer_value(v)); break;
    case JSON_REAL: lua_pushnumber(L, json_real_value(v)); break;
    case JSON_TRUE: lua_pushboolean(L, 1); break;
    case JSON_FALSE: lua_pushboolean(L, 0); break;
    case JSON_NULL: lua_pushnil(L); break;
    }
}

/* A Lua value (tables with string keys = objects, sequences = arrays) as a
 * new jansson value, or NULL with the problem in *why. */
static json_t *to_json(lua_State *L, int idx, int depth, const char **why)
{
    idx = lua_absindex(L, idx);
    if (depth > 32) return *why = "nested more than 32 levels", NULL;
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN: return json_boolean(lua_toboolean(L, idx));
    case LUA_TNUMBER:
        return lua_isinteger(L, idx) ? json_integer((json_int_t)lua_tointeger(L, idx))
                                     : json_real(lua_tonumber(L, idx));
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        json_t *j = json_stringn(s, len);
        if (!j) *why = "a string that is not valid UTF-8";
        return j;
    }
    case LUA_TTABLE: {
        const lua_Unsigned n = lua_rawlen(L, idx);
        json_t *out = n > 0 ? json_array() : json_object();
        if (!out) return *why = "out of memory", NULL;
        if (n > 0) {
            for (lua_Unsigned i = 1; i <= n; i++) {
                lua_rawgeti(L, idx, (lua_Integer)i);
                json_t *item = to_json(L, -1, depth + 1, why);
                lua_pop(L, 1);
                if (!item || json_array_append_new(out, item) < 0) return json_decref(out), NULL;
            }
            return out;
        }
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            if (lua_type(L, -2) != LUA_TSTRING) {
                lua_pop(L, 2);
                json_decref(out);
                return *why = "a table key that is not a string", NULL;
            }
            json_t *item = to_json(L, -1, depth + 1, why);
            if (!item || json_object_set_new(out, lua_tostring(L, -2), item) < 0) {
                lua_pop(L, 2);
                json_decref(out);
                return NULL;
            }
            lua_pop(L, 1);
        }
        return out;
    }
    default: *why = lua_typename(L, lua_type(L, idx)); return NULL;
    }
}

/* The JSON text of the candidate profile at `idx`: a table (converted) or a
 * JSON string (as is). Pushes nothing; the returned text lives in a box
 * pushed on the stack (freed by the GC). */
const char *np_lua_tocandidatejson(lua_State *L, int idx, int arg)
{
    if (lua_type(L, idx) == LUA_TSTRING) return lua_tostring(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE) np_lua_field_typeerror(L, arg, NULL, idx, "table or JSON string");
    const char *why = "?";
    json_t *j = to_json(L, idx, 0, &why);
    if (!j) luaL_error(L, "candidate: cannot convert %s to JSON", why);
    char **slot = np_lua_newbox(L);
    *slot = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    if (!*slot) luaL_error(L, "candidate: out of memory");
    return *slot;
}

/* ---- the Posting userdata ---------------------------------------------------------- */

typedef struct {
    np_posting *posting;
} posting_box;

void np_lua_pushposting(lua_State *L, np_posting *p)
{
    posting_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->posting = p; /* owned from here: __gc frees it */
    luaL_setmetatable(L, NP_LUA_POSTING_MT);
    /* The record's C memory (a few KB) is invisible to the collector: count
     * it as a step so that unreachable postings do not pile up. */
    lua_gc(L, LUA_GCSTEP, 4);
}

const np_posting *np_lua_checkposting(lua_State *L, int idx)
{
    posting_box *box = luaL_checkudata(L, idx, NP_LUA_POSTING_MT);
    return box->posting;
}

static int posting_gc(lua_State *L)
{
    posting_box *box = luaL_checkudata(L, 1, NP_LUA_POSTING_MT);
    np_posting_free(box->posting);
    box->posting = NULL;
    return 0;
}

/* p:to_json([pretty]) */
static int posting_to_json(lua_State *L)
{
    const np_posting *p = np_lua_checkposting(L, 1);
    np_lua_checknargs(L, 2);
    const bool pretty = !lua_isnoneornil(L, 2) && np_lua_tobool(L, 2, 2, "pretty");
    char **slot = np_lua_newbox(L);
    np_error err;
    if (np_posting_to_json(slot, p, pretty, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_pushbox(L, slot);
    return 1;
}

static int posting_to_jsonld(lua_State *L)
{
    const np_posting *p = np_lua_checkposting(L, 1);
    char **slot = np_lua_newbox(L);
    np_error err;
    if (np_posting_to_jsonld(slot, p, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_pushbox(L, slot);
    return 1;
}

/* p:to_table(): every field as plain Lua values (absent = not stated). */
static int posting_to_table(lua_State *L)
{
    const np_posting *p = np_lua_checkposting(L, 1);
    char **slot = np_lua_newbox(L);
    np_error err;
    if (np_posting_to_json(slot, p, false, &err) != NP_OK) return np_lua_raise(L, &err);
    json_error_t jerr;
    json_t *root = json_loads(*slot, 0, &jerr);
    if (!root) return luaL_error(L, "posting JSON: %s", jerr.text);
    push_json(L, root);
    json_decref(root);
    return 1;
}

/* p:timeline(start | {start =, kind =, ...}): the posting's contract terms as
 * the policy (np_posting_policy), twin-graded when it says so. */
static int posting_timeline(lua_State *L)
{
    const np_posting *p = np_lua_checkposting(L, 1);
    np_appointment a = NP_APPOINTMENT_INIT;
    if (lua_type(L, 2) == LUA_TTABLE) {
        static const char *const keys[] = {"start", "kind", "reduction_months", "direct_higher", NULL};
        np_lua_checkkeys(L, 2, 2, keys);
        np_lua_getopt(L, 2, "start");
        a.start = np_lua_todate(L, -1, 2, "start", "start");
        if (np_lua_getopt(L, 2, "kind") != LUA_TNIL) {
            np_error err;
            if (np_kind_parse(&a.kind, np_lua_checkcstring(L, -1, 2, "kind"), &err) != NP_OK)
                return np_lua_raise(L, &err);
        }
        if (np_lua_getopt(L, 2, "reduction_months") != LUA_TNIL)
            a.reduction_months = np_lua_toint(L, -1, 2, "reduction_months");
        if (np_lua_getopt(L, 2, "direct_higher") != LUA_TNIL)
            a.direct_higher = np_lua_tobool(L, -1, 2, "direct_higher");
        lua_settop(L, 2);
    } else {
        a.start = np_lua_todate(L, 2, 2, NULL, "start");
    }
    np_policy policy;
    np_error err;
    if (np_posting_policy(&policy, &a.twin_grade, p, &err) != NP_OK) return np_lua_raise(L, &err);
    return np_lua_pushtimeline(L, &policy, &a);
}

static int posting_eq(lua_State *L)
{
    const np_posting *a = np_lua_checkposting(L, 1), *b = np_lua_checkposting(L, 2);
    lua_pushboolean(L, np_posting_equal(a, b, NULL, 0));
    return 1;
}

static int posting_tostring(lua_State *L)
{
    const np_posting *p = np_lua_checkposting(L, 1);
    lua_pushfstring(L, "natopost.Posting(%s: %s)", p->id ? p->id : "?", p->title ? p->title : "(no title)");
    return 1;
}

/* __index: methods first, then the field of the table form. */
static int posting_index(lua_State *L)
{
    np_lua_checkposting(L, 1);
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "methods");
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) != LUA_TNIL) return 1;
    lua_settop(L, 2);
    /* As Python's attributes: the grade as text, the deadline split into a
     * date and a time of day (the table form keeps the JSON objects). */
    const np_posting *p = np_lua_checkposting(L, 1);
    const char *key = lua_tostring(L, 2);
    if (key && strcmp(key, "grade") == 0) {
        char buf[NP_GRADE_TEXT_MAX];
        if (np_grade_format(p->grade, buf)) lua_pushstring(L, buf);
        else lua_pushnil(L);
        return 1;
    }
    if (key && strcmp(key, "deadline") == 0) {
        if (p->deadline.date == NP_DATE_NONE) lua_pushnil(L);
        else np_lua_pushdate(L, p->deadline.date);
        return 1;
    }
    if (key && strcmp(key, "deadline_time") == 0) {
        if (p->deadline.minute < 0) lua_pushnil(L);
        else {
            char hhmm[16];
            snprintf(hhmm, sizeof hhmm, "%02d:%02d", p->deadline.minute / 60, p->deadline.minute % 60);
            lua_pushstring(L, hhmm);
        }
        return 1;
    }
    posting_to_table(L);
    lua_pushvalue(L, 2);
    lua_gettable(L, -2);
    return 1;
}

/* ---- module functions ------------------------------------------------------------ */

/* natopost.read_notice(text[, source]) */
int np_lua_read_notice(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *source = luaL_optstring(L, 2, NULL);
    np_posting *p = NULL;
    np_error err;
    if (np_notice_read(&p, text, len, source, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_pushposting(L, p);
    return 1;
}

/* natopost.read_notice_file(path) */
int np_lua_read_notice_file(lua_State *L)
{
    const char *path = np_lua_checkcstring(L, 1, 1, NULL);
    np_posting *p = NULL;
    np_error err;
    if (np_notice_read_file(&p, path, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_pushposting(L, p);
    return 1;
}

static int push_list(lua_State *L, np_posting_list *list)
{
    lua_createtable(L, (int)list->count, 0);
    for (size_t i = 0; i < list->count; i++) {
        np_lua_pushposting(L, list->items[i]);
        list->items[i] = NULL; /* owned by the userdata now */
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    np_posting_list_free(list);
    return 1;
}

/* natopost.loads(text): postings from JSON (array, object or NDJSON). */
int np_lua_loads(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    np_posting_list list = {0};
    np_error err;
    if (np_posting_list_read_json(&list, text, len, &err) != NP_OK) {
        np_posting_list_free(&list);
        return np_lua_raise(L, &err);
    }
    return push_list(L, &list);
}

/* natopost.load(path) */
int np_lua_load(lua_State *L)
{
    const char *path = np_lua_checkcstring(L, 1, 1, NULL);
    np_posting_list list = {0};
    np_error err;
    if (np_posting_list_load(&list, path, &err) != NP_OK) {
        np_posting_list_free(&list);
        return np_lua_raise(L, &err);
    }
    return push_list(L, &list);
}

/* natopost.save(path, postings): atomic. */
int np_lua_save(lua_State *L)
{
    const char *path = np_lua_checkcstring(L, 1, 1, NULL);
    luaL_checktype(L, 2, LUA_TTABLE);
    const lua_Unsigned n = lua_rawlen(L, 2);
    const np_posting **items = lua_newuserdatauv(L, (n ? n : 1) * sizeof *items, 0);
    for (lua_Unsigned i = 0; i < n; i++) {
        lua_rawgeti(L, 2, (lua_Integer)i + 1);
        posting_box *box = luaL_testudata(L, -1, NP_LUA_POSTING_MT);
        if (!box)
            return luaL_error(L, "bad argument #2 to 'save' (postings[%d]: natopost.Posting expected, got %s)",
                              (int)i + 1, np_lua_typename(L, -1));
        items[i] = box->posting;
        lua_pop(L, 1);
    }
    np_error err;
    if (np_posting_list_save(path, items, (size_t)n, &err) != NP_OK) return np_lua_raise(L, &err);
    return 0;
}

/* natopost.posting_from_json(text): exactly one posting. */
int np_lua_posting_from_json(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    np_posting *p = NULL;
    np_error err;
    if (np_posting_from_json(&p, text, len, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_pushposting(L, p);
    return 1;
}

void np_lua_posting_open(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"to_json", posting_to_json},     {"to_jsonld", posting_to_jsonld},
        {"to_table", posting_to_table},   {"timeline", posting_timeline},
        {NULL, NULL},
    };
    static const luaL_Reg meta[] = {
        {"__gc", posting_gc},   {"__index", posting_index}, {"__eq", posting_eq},
        {"__tostring", posting_tostring}, {NULL, NULL},
    };
    if (luaL_newmetatable(L, NP_LUA_POSTING_MT)) {
        luaL_setfuncs(L, meta, 0);
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "methods");
    }
    lua_pop(L, 1);
}
