/* natopost.Collection userdata (owning an np_collection): queries, records
 * and candidates; natopost.eligibility. Conversion only: the query language,
 * its evaluation and the eligibility rules are the core's.
 *
 * Query results hold independent copies of the postings (np_posting_clone):
 * each natopost.Posting stays valid after the collection is collected, and
 * no np_result outlives the call that made it (it lives in a box on the
 * stack whose __gc frees it, also when an error unwinds the call). */
#include <string.h>

#include "module.h"
#include "natopost/candidate.h"
#include "natopost/collection.h"
#include "natopost/posting_fields.h"

#define RESULT_BOX_MT "natopost.Result.box"
#define ELIGIBILITY_BOX_MT "natopost.Eligibility.box"

typedef struct {
    np_collection *collection;
} collection_box;

static np_collection *check_collection(lua_State *L, int idx)
{
    collection_box *box = luaL_checkudata(L, idx, NP_LUA_COLLECTION_MT);
    if (!box->collection) luaL_error(L, "natopost.Collection: used after it was finalised (__gc or __close)");
    return box->collection;
}

static int collection_gc(lua_State *L)
{
    collection_box *box = luaL_checkudata(L, 1, NP_LUA_COLLECTION_MT);
    np_collection_free(box->collection);
    box->collection = NULL;
    return 0;
}

/* Adds the value at `idx`: a path string or a natopost.Posting. */
static void add_item(lua_State *L, np_collection *c, int idx, int arg)
{
    np_error err;
    np_status st;
    const char *path = NULL;
    if (lua_type(L, idx) == LUA_TSTRING) {
        path = np_lua_checkcstring(L, idx, arg, NULL);
        st = np_collection_add_path(c, path, &err);
    } else if (luaL_testudata(L, idx, NP_LUA_POSTING_MT)) {
        st = np_collection_add_posting(c, np_lua_checkposting(L, idx), &err);
    } else {
        np_lua_field_typeerror(L, arg, NULL, idx, "path string or natopost.Posting");
        return;
    }
    if (st != NP_OK) np_lua_raise_path(L, &err, path);
}

/* The collection's C memory is invisible to Lua's collector, which would
 * let thousands of unreachable collections pile up between cycles: trim the
 * growth spare and tell the collector about the rest, as a step of that
 * many kilobytes (the manual's advice for external memory). */
static void account(lua_State *L, np_collection *c)
{
    np_error err;
    if (np_collection_shrink(c, &err) != NP_OK) np_lua_raise(L, &err);
    const size_t kb = np_collection_memory(c) / 1024;
    lua_gc(L, LUA_GCSTEP, kb > 1000000 ? 1000000 : (int)kb);
}

/* A new, empty collection userdata on the stack. */
static np_collection *push_collection(lua_State *L)
{
    collection_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->collection = NULL;
    luaL_setmetatable(L, NP_LUA_COLLECTION_MT);
    np_error err;
    if (np_collection_new(&box->collection, &err) != NP_OK) np_lua_raise(L, &err);
    return box->collection;
}

/* The options table at `idx` (nil or {on_error = "raise" | "skip"}): the
 * core reads the word. */
static void set_options(lua_State *L, np_collection *c, int idx)
{
    if (lua_isnoneornil(L, idx)) return;
    luaL_checktype(L, idx, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_type(L, -2) != LUA_TSTRING || strcmp(lua_tostring(L, -2), "on_error") != 0)
            np_lua_keyerror(L, idx, lua_absindex(L, -2), "on_error");
        if (lua_type(L, -1) != LUA_TSTRING) np_lua_field_typeerror(L, idx, "on_error", -1, "string");
        np_on_error policy;
        np_error err;
        if (np_collection_on_error_parse(&policy, lua_tostring(L, -1), &err) != NP_OK) np_lua_raise(L, &err);
        np_collection_set_on_error(c, policy);
        lua_pop(L, 1);
    }
}

/* natopost.collection([path | posting | {paths and postings...}] [, {on_error = "skip"}]) */
int np_lua_collection_new(lua_State *L)
{
    np_lua_checknargs(L, 2);
    lua_settop(L, 2); /* slots 1, 2: the arguments or nil, whatever comes after */
    np_collection *collection = push_collection(L);
    collection_box *box = lua_touserdata(L, -1);
    set_options(L, collection, 2);
    const int self = lua_gettop(L);
    if (lua_type(L, 1) == LUA_TTABLE) {
        const lua_Unsigned n = lua_rawlen(L, 1);
        for (lua_Unsigned i = 1; i <= n; i++) {
            lua_rawgeti(L, 1, (lua_Integer)i);
            add_item(L, box->collection, -1, 1);
            lua_pop(L, 1);
        }
    } else if (!lua_isnoneornil(L, 1)) {
        add_item(L, box->collection, 1, 1);
    }
    lua_settop(L, self);
    account(L, box->collection);
    return 1;
}

static int collection_add(lua_State *L)
{
    np_collection *c = check_collection(L, 1);
    add_item(L, c, 2, 2);
    lua_settop(L, 1);
    account(L, c);
    return 1;
}

static int collection_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)np_collection_count(check_collection(L, 1)));
    return 1;
}

/* A query value as Lua: strings, numbers, booleans, dates "YYYY-MM-DD",
 * grades "G15", levels "III", clearances "NATO SECRET"; nil for null. */
static void push_value(lua_State *L, const np_qvalue *v)
{
    char buf[64];
    if (v->is_null) {
        lua_pushnil(L);
        return;
    }
    switch (v->type) {
    case NP_QTYPE_TEXT: lua_pushlstring(L, v->text, v->text_len); break;
    case NP_QTYPE_NUMBER:
        if (v->number >= -9e15 && v->number <= 9e15 && v->number == (double)(lua_Integer)v->number)
            lua_pushinteger(L, (lua_Integer)v->number);
        else
            lua_pushnumber(L, v->number);
        break;
    case NP_QTYPE_DATE: np_lua_pushdate(L, v->ordinal); break;
    case NP_QTYPE_BOOL: lua_pushboolean(L, v->ordinal != 0); break;
    case NP_QTYPE_CLEARANCE: lua_pushstring(L, np_clearance_name((np_clearance)v->ordinal)); break;
    case NP_QTYPE_GRADE:
    case NP_QTYPE_LEVEL:
        np_posting_field_format(v, buf, sizeof buf);
        lua_pushstring(L, buf);
        break;
    }
}

typedef struct {
    np_result *result;
} result_box;

static int eligibility_box_gc(lua_State *L)
{
    np_eligibility_clear(luaL_checkudata(L, 1, ELIGIBILITY_BOX_MT));
    return 0;
}

static int result_gc(lua_State *L)
{
    result_box *box = luaL_checkudata(L, 1, RESULT_BOX_MT);
    np_result_free(box->result);
    box->result = NULL;
    return 0;
}

/* The values of the query's "?"s (the arguments from `first` on: strings,
 * which the core reads as the compared field's literal, integers, floats,
 * booleans) and an optional last table {today = "YYYY-MM-DD"}. Strings stay
 * on the stack; the array is a userdata pushed on it. */
static np_query_env query_env(lua_State *L, int first)
{
    np_query_env env = NP_QUERY_ENV_INIT;
    int last = lua_gettop(L);
    if (last >= first && lua_type(L, last) == LUA_TTABLE) {
        static const char *const KEYS[] = {"today", NULL};
        np_lua_checkkeys(L, last, last, KEYS);
        if (np_lua_getopt(L, last, "today") != LUA_TNIL) {
            env.today = np_lua_todate(L, -1, last, "today", "today");
            env.today_fixed = true;
        }
        lua_pop(L, 1);
        last--;
    }
    const int n = last >= first ? last - first + 1 : 0;
    np_qparam *params = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *params, 0);
    for (int i = 0; i < n; i++) {
        const int idx = first + i;
        np_qparam *p = &params[i];
        *p = (np_qparam){NP_QPARAM_TEXT, NULL, 0, 0, 0, 0, false};
        switch (lua_type(L, idx)) {
        case LUA_TSTRING: p->text = lua_tolstring(L, idx, &p->text_len); break;
        case LUA_TBOOLEAN:
            p->type = NP_QPARAM_BOOL;
            p->boolean = lua_toboolean(L, idx);
            break;
        case LUA_TNUMBER:
            if (lua_isinteger(L, idx)) {
                p->type = NP_QPARAM_INTEGER;
                p->integer = lua_tointeger(L, idx);
            } else {
                p->type = NP_QPARAM_NUMBER;
                p->number = lua_tonumber(L, idx);
            }
            break;
        case LUA_TNIL:
            luaL_argerror(L, idx, "nil: a missing value never compares; write 'is null' in the query instead");
            break;
        default: np_lua_field_typeerror(L, idx, NULL, idx, "string, number or boolean"); break;
        }
    }
    env.params = params;
    env.param_count = (size_t)n;
    return env;
}

/* Runs the query at `idx` (a string; nil = everything) with the "?" values
 * and options after it (query_env). The result lives in a box pushed on the
 * stack. */
static np_result *run(lua_State *L, np_collection *c, int idx)
{
    size_t len = 0;
    if (!lua_isnoneornil(L, idx) && lua_type(L, idx) != LUA_TSTRING)
        np_lua_field_typeerror(L, idx, NULL, idx, "string");
    const char *text = lua_isnoneornil(L, idx) ? "" : lua_tolstring(L, idx, &len);
    const np_query_env env = query_env(L, idx + 1);
    result_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->result = NULL;
    luaL_setmetatable(L, RESULT_BOX_MT);
    np_error err;
    if (np_collection_query_env(&box->result, c, text, len, &env, &err) != NP_OK) np_lua_raise(L, &err);
    return box->result;
}

/* c:query(expr, ...) -> array of natopost.Posting (independent copies) with the
 * fields count_by and groups ({value =, count =}, ...) for "count by". */
static int collection_query(lua_State *L)
{
    np_collection *c = check_collection(L, 1);
    np_result *r = run(L, c, 2);
    const size_t n = np_result_count(r);
    lua_createtable(L, (int)n, 2);
    for (size_t i = 0; i < n; i++) {
        np_error err;
        np_posting **copy = np_lua_newposting(L);
        const np_posting *p = np_result_posting(r, i, &err);
        if (!p || np_posting_clone(copy, p, &err) != NP_OK) return np_lua_raise(L, &err);
        np_lua_account_posting(L);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    const np_qfield *count_by = np_result_count_by(r);
    if (count_by) {
        lua_pushstring(L, count_by->name);
        lua_setfield(L, -2, "count_by");
        const size_t g = np_result_group_count(r);
        lua_createtable(L, (int)g, 0);
        for (size_t i = 0; i < g; i++) {
            np_qvalue value;
            size_t count;
            np_result_group(r, i, &value, &count);
            lua_createtable(L, 0, 2);
            push_value(L, &value);
            lua_setfield(L, -2, "value");
            lua_pushinteger(L, (lua_Integer)count);
            lua_setfield(L, -2, "count");
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        lua_setfield(L, -2, "groups");
    }
    return 1;
}

/* c:rows(expr): for i, p in c:rows("grade >= G15") do ... end */
static int rows_next(lua_State *L)
{
    const lua_Integer i = luaL_checkinteger(L, 2) + 1;
    if (lua_rawgeti(L, 1, i) == LUA_TNIL) return 0;
    lua_pushinteger(L, i);
    lua_insert(L, -2);
    return 2;
}

static int collection_rows(lua_State *L)
{
    collection_query(L); /* the array is on top */
    lua_pushcfunction(L, rows_next);
    lua_insert(L, -2);
    lua_pushinteger(L, 0);
    return 3;
}

/* c:to_records([expr, ...]) -> array of flat tables keyed by field name. */
static int collection_to_records(lua_State *L)
{
    np_collection *c = check_collection(L, 1);
    np_result *r = run(L, c, 2);
    size_t field_count;
    const np_qfield *fields = np_collection_fields(c, &field_count);
    const size_t n = np_result_count(r);
    np_qvalue *column = lua_newuserdatauv(L, (n ? n : 1) * sizeof *column, 0);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, (int)field_count);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    for (size_t f = 0; f < field_count; f++) {
        np_error err;
        if (np_result_values(r, &fields[f], column, &err) != NP_OK) return np_lua_raise(L, &err);
        for (size_t i = 0; i < n; i++) {
            if (column[i].is_null) continue;
            lua_rawgeti(L, -1, (lua_Integer)i + 1);
            push_value(L, &column[i]);
            lua_setfield(L, -2, fields[f].name);
            lua_pop(L, 1);
        }
    }
    return 1;
}

static np_candidate check_candidate(lua_State *L, int idx, int arg)
{
    size_t len;
    const char *json = np_lua_tocandidatejson(L, idx, arg, &len);
    np_candidate candidate = NP_CANDIDATE_INIT;
    np_error err;
    if (np_candidate_from_json(&candidate, json, len, &err) != NP_OK) np_lua_raise(L, &err);
    return candidate;
}

/* c:add_candidate(name, profile): queries may then say eligible(name). */
static int collection_add_candidate(lua_State *L)
{
    np_collection *c = check_collection(L, 1);
    size_t len;
    const char *name = luaL_checklstring(L, 2, &len);
    np_candidate candidate = check_candidate(L, 3, 3);
    if (len >= sizeof candidate.name) return luaL_argerror(L, 2, "name too long");
    memcpy(candidate.name, name, len + 1);
    np_error err;
    if (np_collection_add_candidate(c, &candidate, &err) != NP_OK) return np_lua_raise(L, &err);
    return 0;
}

static int collection_memory(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)np_collection_memory(check_collection(L, 1)));
    return 1;
}

static int collection_tostring(lua_State *L)
{
    const size_t n = np_collection_count(check_collection(L, 1));
    lua_pushfstring(L, "natopost.Collection(%I %s)", (lua_Integer)n, n == 1 ? "posting" : "postings");
    return 1;
}

/* natopost.eligibility(candidate, posting) -> {verdict =, checks = {...}, ...}: the
 * core's shape (np_emit_eligibility), as Python's and the CLI's. */
int np_lua_eligibility(lua_State *L)
{
    np_candidate candidate = check_candidate(L, 1, 1);
    const np_posting *p = np_lua_checkposting(L, 2);
    /* In a box first: the table stores below may raise (memory). */
    np_eligibility *box = lua_newuserdatauv(L, sizeof *box, 0);
    memset(box, 0, sizeof *box);
    luaL_setmetatable(L, ELIGIBILITY_BOX_MT);
    np_error err;
    if (np_eligibility_check(box, &candidate, p, &err) != NP_OK) return np_lua_raise(L, &err);
    return np_lua_emit(L, &(np_result){.kind = NP_RESULT_ELIGIBILITY, .eligibility = box,
                                       .posting = p});
}

/* c:skipped() -> {{path =, line =, column =, message =, repeated =}, ...} */
static int collection_skipped(lua_State *L)
{
    np_collection *c = check_collection(L, 1);
    const size_t n = np_collection_skip_count(c);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        const np_collection_skip *skip = np_collection_skip_at(c, i);
        lua_createtable(L, 0, 5);
        lua_pushstring(L, skip->path);
        lua_setfield(L, -2, "path");
        lua_pushinteger(L, skip->line);
        lua_setfield(L, -2, "line");
        lua_pushinteger(L, skip->column);
        lua_setfield(L, -2, "column");
        lua_pushstring(L, skip->message);
        lua_setfield(L, -2, "message");
        lua_pushboolean(L, skip->repeated);
        lua_setfield(L, -2, "repeated");
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* c:unique() -> a new collection, one posting per identity */
static int collection_unique(lua_State *L)
{
    np_collection *c = check_collection(L, 1);
    collection_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->collection = NULL;
    luaL_setmetatable(L, NP_LUA_COLLECTION_MT);
    np_error err;
    if (np_collection_unique(&box->collection, c, &err) != NP_OK) return np_lua_raise(L, &err);
    account(L, box->collection);
    return 1;
}

/* c:sources(i) -> the sources of the i-th posting (1-based, collection order) */
static int collection_sources(lua_State *L)
{
    np_collection *c = check_collection(L, 1);
    const lua_Integer i = luaL_checkinteger(L, 2);
    const size_t n = np_collection_count(c);
    if (i < 1 || (lua_Unsigned)i > n)
        return luaL_error(L, "sources: posting %I out of range (1..%I)", i, (lua_Integer)n);
    const size_t row = (size_t)(i - 1), count = np_collection_source_count(c, row);
    lua_createtable(L, (int)count, 0);
    for (size_t k = 0; k < count; k++) {
        lua_pushstring(L, np_collection_source(c, row, k));
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    return 1;
}

void np_lua_collection_open(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"add", collection_add},
        {"query", collection_query},
        {"rows", collection_rows},
        {"to_records", collection_to_records},
        {"add_candidate", collection_add_candidate},
        {"memory_bytes", collection_memory},
        {"skipped", collection_skipped},
        {"unique", collection_unique},
        {"sources", collection_sources},
        {NULL, NULL},
    };
    if (luaL_newmetatable(L, NP_LUA_COLLECTION_MT)) {
        np_lua_set_finaliser(L, collection_gc);
        lua_pushcfunction(L, collection_len);
        lua_setfield(L, -2, "__len");
        lua_pushcfunction(L, collection_tostring);
        lua_setfield(L, -2, "__tostring");
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
        np_lua_seal_metatable(L);
    }
    lua_pop(L, 1);
    np_lua_box_metatable(L, RESULT_BOX_MT, result_gc);
    np_lua_box_metatable(L, ELIGIBILITY_BOX_MT, eligibility_box_gc);
}
