/* natopost.Posting userdata (owning an np_posting), the notice and posting
 * JSON readers, and the plain-table form of a posting. The table form and
 * the fields are the core's posting record (np_emit_posting, through
 * emit.c: null = absent, dates as "YYYY-MM-DD" strings), the same as
 * Python's to_dict(), so the two cannot disagree on names or shapes. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "module.h"

/* ---- JSON values <-> Lua values (conversion only) --------------------------- */

/* Candidate profiles are a few levels deep; anything deeper is a mistake. */
#define TO_JSON_MAX_DEPTH 32

/* The tables being converted, outermost first (a table met again is a
 * cycle), with the key or index taken from each; where = the member's path
 * where the first error arose ("languages.self", "languages[2]"). */
typedef struct {
    const void *tables[TO_JSON_MAX_DEPTH + 1];
    const char *keys[TO_JSON_MAX_DEPTH + 1]; /* NULL: indexes[i] */
    lua_Unsigned indexes[TO_JSON_MAX_DEPTH + 1];
    int depth;
    /* Lua has one empty table for [] and {}: with this set, a member whose
     * value is an empty table is left out (absent), which the posting form
     * reads as "not stated" whether it is a list or an object. */
    bool omit_empty_members;
    char where[96];
} json_path;

static json_t *to_json(lua_State *L, int idx, json_path *path, np_error *err);

static bool on_path(const json_path *path, const void *table)
{
    for (int i = 0; i < path->depth; i++)
        if (path->tables[i] == table) return true;
    return false;
}

/* Writes the path of the member being converted into path->where, its
 * middle cut out when deep ("languages.languages...languages.self"). */
static void note_where(json_path *path)
{
    enum { HEAD = 2, TAIL = 2 };
    size_t len = 0;
    const size_t room = sizeof path->where;
    bool dot = false;
    for (int i = 0; i < path->depth; i++) {
        char part[40];
        if (path->depth > HEAD + TAIL + 1 && i == HEAD) {
            snprintf(part, sizeof part, "...");
            i = path->depth - TAIL - 1;
            dot = false;
        } else if (path->keys[i]) {
            snprintf(part, sizeof part, "%s%.24s", dot ? "." : "", path->keys[i]);
            dot = true;
        } else {
            snprintf(part, sizeof part, "[%llu]", (unsigned long long)path->indexes[i]);
            dot = true;
        }
        const size_t n = strlen(part);
        if (len + n >= room) break;
        memcpy(path->where + len, part, n + 1);
        len += n;
    }
}

/* The element or field value on top of the stack (`key`, else `index`, of
 * the innermost table on the path), converted. */
static json_t *member_to_json(lua_State *L, json_path *path, const char *key, lua_Unsigned index,
                              np_error *err)
{
    path->keys[path->depth - 1] = key;
    path->indexes[path->depth - 1] = index;
    json_t *item = to_json(L, -1, path, err);
    if (!item && !path->where[0]) note_where(path);
    return item;
}

/* True for a table without any key (two stack slots). */
static bool is_empty_table(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE) return false;
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    if (!lua_next(L, idx)) return true;
    lua_pop(L, 2);
    return false;
}

/* A table: a sequence (1..n) as an array, else string keys as an object. */
static json_t *table_to_json(lua_State *L, int idx, json_path *path, np_error *err)
{
    const void *table = lua_topointer(L, idx);
    if (on_path(path, table)) return np_error_set(err, NP_EINVAL, "the table contains itself (a cycle)"), NULL;
    if (path->depth >= TO_JSON_MAX_DEPTH)
        return np_error_set(err, NP_EINVAL, "nested more than %d levels", TO_JSON_MAX_DEPTH), NULL;
    /* Room for a key and a value at this level: lua_checkstack reports
     * failure instead of raising, so no jansson value can leak. */
    if (!lua_checkstack(L, 5)) return np_error_set(err, NP_ENOMEM, "out of Lua stack space"), NULL;
    path->tables[path->depth++] = table;
    const lua_Unsigned n = lua_rawlen(L, idx);
    json_t *out = n > 0 ? json_array() : json_object();
    if (!out) goto nomem;
    if (n > 0) {
        for (lua_Unsigned i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, (lua_Integer)i);
            json_t *item = member_to_json(L, path, NULL, i, err);
            lua_pop(L, 1);
            if (!item) goto fail;
            if (json_array_append_new(out, item) < 0) goto nomem;
        }
    } else {
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            if (lua_type(L, -2) != LUA_TSTRING) {
                np_error_set(err, NP_EINVAL, "a table key that is not a string (a %s)",
                             luaL_typename(L, -2));
                lua_pop(L, 2);
                goto fail;
            }
            if (path->omit_empty_members && is_empty_table(L, -1)) {
                lua_pop(L, 1);
                continue;
            }
            size_t key_len;
            const char *key = lua_tolstring(L, -2, &key_len);
            json_t *item = member_to_json(L, path, key, 0, err);
            if (item && json_object_setn_new(out, key, key_len, item) < 0) {
                lua_pop(L, 2);
                np_error_set(err, NP_EINVAL, "a table key that is not valid UTF-8");
                goto fail;
            }
            lua_pop(L, 1);
            if (!item) {
                lua_pop(L, 1);
                goto fail;
            }
        }
    }
    path->depth--;
    return out;
nomem:
    np_error_set(err, NP_ENOMEM, "out of memory");
fail:
    path->depth--;
    json_decref(out);
    return NULL;
}

/* A Lua value (tables with string keys = objects, sequences = arrays) as a
 * new jansson value, or NULL with the problem in *err. Raises no Lua error
 * (nothing here allocates Lua memory), so the caller owns every jansson
 * value it gets back. */
static json_t *to_json(lua_State *L, int idx, json_path *path, np_error *err)
{
    idx = lua_absindex(L, idx);
    json_t *out = NULL;
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN: out = json_boolean(lua_toboolean(L, idx)); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            out = json_integer((json_int_t)lua_tointeger(L, idx));
        } else {
            const lua_Number x = lua_tonumber(L, idx);
            /* jansson has no infinities or NaN; math.huge is what 1e400 reads as. */
            if (x != x || x - x != 0)
                return np_error_set(err, NP_EINVAL, "%s is not a JSON number",
                                    x != x ? "nan" : x > 0 ? "inf (or a literal such as 1e400)" : "-inf"),
                       NULL;
            out = json_real(x);
        }
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        out = json_stringn(s, len);
        if (!out) return np_error_set(err, NP_EINVAL, "a string that is not valid UTF-8"), NULL;
        break;
    }
    case LUA_TTABLE: return table_to_json(L, idx, path, err);
    default: return np_error_set(err, NP_EINVAL, "a %s value", luaL_typename(L, idx)), NULL;
    }
    if (!out) np_error_set(err, NP_ENOMEM, "out of memory");
    return out;
}

/* The table at `idx` as JSON text (in a box pushed on the stack, freed by
 * the GC) and its length; a conversion error is raised prefixed by `what`. */
static const char *table_json(lua_State *L, int idx, const char *what, bool omit_empty_members,
                              size_t *len)
{
    idx = lua_absindex(L, idx);
    char **slot = np_lua_newbox(L); /* first: nothing below may then leak */
    json_path path = {.depth = 0, .omit_empty_members = omit_empty_members};
    np_error err;
    json_t *j = to_json(L, idx, &path, &err);
    if (!j) {
        if (path.where[0]) np_error_prefix(&err, "%s", path.where);
        np_error_prefix(&err, "%s", what);
        return np_lua_raise(L, &err), NULL;
    }
    *slot = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    if (!*slot) {
        np_error_set(&err, NP_ENOMEM, "candidate: out of memory");
        return np_lua_raise(L, &err), NULL; /* a natopost.Error, code "memory" */
    }
    *len = strlen(*slot);
    return *slot;
}

/* The JSON text of the candidate profile at `idx` and its length: a table
 * (converted) or a JSON string (as is, every byte: the core's reader judges
 * it). */
const char *np_lua_tocandidatejson(lua_State *L, int idx, int arg, size_t *len)
{
    if (lua_type(L, idx) == LUA_TSTRING) return lua_tolstring(L, idx, len);
    if (lua_type(L, idx) != LUA_TTABLE) np_lua_field_typeerror(L, arg, NULL, idx, "table or JSON string");
    return table_json(L, idx, "candidate", false, len);
}

/* ---- the Posting userdata ---------------------------------------------------------- */

typedef struct {
    np_posting *posting;
} posting_box;

np_posting **np_lua_newposting(lua_State *L)
{
    posting_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->posting = NULL;
    luaL_setmetatable(L, NP_LUA_POSTING_MT);
    return &box->posting;
}

void np_lua_account_posting(lua_State *L)
{
    /* The record's C memory (a few KB) is invisible to the collector: count
     * it as a step so that unreachable postings do not pile up. */
    lua_gc(L, LUA_GCSTEP, 4);
}

const np_posting *np_lua_checkposting(lua_State *L, int idx)
{
    posting_box *box = luaL_checkudata(L, idx, NP_LUA_POSTING_MT);
    if (!box->posting) luaL_error(L, "natopost.Posting: used after it was finalised (__gc or __close)");
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

/* p:to_table(): the posting record (np_emit_posting) as plain Lua values
 * (absent = not stated), the same as Python's to_dict(). */
static int posting_to_table(lua_State *L)
{
    const np_posting *p = np_lua_checkposting(L, 1);
    return np_lua_emit(L, &(np_result){.kind = NP_RESULT_POSTING, .posting = p});
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
    /* A member of the record (the grade as text, the deadline's date and
     * time apart, as Python's attributes), read from the posting alone. */
    const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
    const np_result r = {.kind = NP_RESULT_POSTING_MEMBER, .posting = np_lua_checkposting(L, 1),
                         .member = key};
    if (!key || !np_lua_emit(L, &r)) lua_pushnil(L);
    return 1;
}

/* ---- module functions ------------------------------------------------------------ */

/* natopost.read_notice(text[, source]) */
int np_lua_read_notice(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *source = luaL_optstring(L, 2, NULL);
    np_posting **p = np_lua_newposting(L);
    np_error err;
    if (np_notice_read(p, text, len, source, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_account_posting(L);
    return 1;
}

/* natopost.read_notice_file(path) */
int np_lua_read_notice_file(lua_State *L)
{
    const char *path = np_lua_checkcstring(L, 1, 1, NULL);
    np_posting **p = np_lua_newposting(L);
    np_error err;
    if (np_notice_read_file(p, path, &err) != NP_OK) return np_lua_raise_path(L, &err, path);
    np_lua_account_posting(L);
    return 1;
}

/* A posting list owned by a userdata (np_posting_list_free on __gc), so
 * that a Lua error while the postings are handed out cannot leak it. */
#define LIST_BOX_MT "natopost.PostingList.box"

static int list_box_gc(lua_State *L)
{
    np_posting_list_free(luaL_checkudata(L, 1, LIST_BOX_MT));
    return 0;
}

static np_posting_list *new_list_box(lua_State *L)
{
    np_posting_list *list = lua_newuserdatauv(L, sizeof *list, 0);
    memset(list, 0, sizeof *list);
    luaL_setmetatable(L, LIST_BOX_MT);
    return list;
}

/* Replaces the list box on top with an array of natopost.Posting: each
 * posting moves from the list into its own box. */
static int push_list(lua_State *L, np_posting_list *list)
{
    lua_createtable(L, list->count > INT32_MAX ? 0 : (int)list->count, 0);
    for (size_t i = 0; i < list->count; i++) {
        np_posting **slot = np_lua_newposting(L);
        *slot = list->items[i];
        list->items[i] = NULL; /* owned by the userdata now */
        np_lua_account_posting(L);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* natopost.loads(text): postings from JSON (array, object or NDJSON). */
int np_lua_loads(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    np_posting_list *list = new_list_box(L);
    np_error err;
    if (np_posting_list_read_json(list, text, len, &err) != NP_OK) return np_lua_raise(L, &err);
    return push_list(L, list);
}

/* natopost.load(path) */
int np_lua_load(lua_State *L)
{
    const char *path = np_lua_checkcstring(L, 1, 1, NULL);
    np_posting_list *list = new_list_box(L);
    np_error err;
    if (np_posting_list_load(list, path, &err) != NP_OK) return np_lua_raise_path(L, &err, path);
    return push_list(L, list);
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
        if (!box->posting)
            return luaL_error(L, "bad argument #2 to 'save' (postings[%d]: natopost.Posting used after it was finalised)",
                              (int)i + 1);
        items[i] = box->posting;
        lua_pop(L, 1);
    }
    np_error err;
    if (np_posting_list_save(path, items, (size_t)n, &err) != NP_OK) return np_lua_raise_path(L, &err, path);
    return 0;
}

/* natopost.posting_from_json(text): exactly one posting. */
int np_lua_posting_from_json(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    np_posting **p = np_lua_newposting(L);
    np_error err;
    if (np_posting_from_json(p, text, len, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_account_posting(L);
    return 1;
}

/* natopost.posting_from_table(t): a table shaped like p:to_table() (the
 * posting record, nil = not stated), every key optional; the core reads it
 * (np_posting_from_record_json). */
int np_lua_posting_from_table(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    np_lua_checknargs(L, 1);
    lua_settop(L, 1);
    size_t len = 0;
    const char *text = table_json(L, 1, "posting", true, &len);
    np_posting **p = np_lua_newposting(L);
    np_error err;
    if (np_posting_from_record_json(p, text, len, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_account_posting(L);
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
        {"__index", posting_index}, {"__eq", posting_eq},
        {"__tostring", posting_tostring}, {NULL, NULL},
    };
    if (luaL_newmetatable(L, NP_LUA_POSTING_MT)) {
        luaL_setfuncs(L, meta, 0);
        np_lua_set_finaliser(L, posting_gc);
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "methods");
        np_lua_seal_metatable(L);
    }
    lua_pop(L, 1);
    np_lua_box_metatable(L, LIST_BOX_MT, list_box_gc);
}
