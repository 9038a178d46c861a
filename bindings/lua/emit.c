/* The Lua implementation of the core's emitter (natopost/emit.h): objects
 * become tables with string keys (null members left out: absent = not
 * stated), arrays sequences, dates "YYYY-MM-DD" strings, times of day
 * "HH:MM". Every result's shape is the core's; nothing here names a key.
 *
 * The builder's values live on the Lua stack, so a Lua error (memory) while
 * they are pushed just unwinds it. The one resource a walk holds (a posting
 * record's temporary tree) goes into a box made before the walk starts (the
 * liolib pattern), so that error cannot leak it either. */
#include <stdio.h>

#include "module.h"

#define HOLD_MT "natopost.emit.hold"

/* Deeper than any result the core emits. */
#define BUILD_DEPTH_MAX 32

typedef struct {
    void *resource;
    void (*release)(void *resource);
} hold_box;

static int hold_gc(lua_State *L)
{
    hold_box *box = luaL_checkudata(L, 1, HOLD_MT);
    if (box->resource) box->release(box->resource);
    box->resource = NULL;
    return 0;
}

typedef struct {
    lua_State *L;
    hold_box *hold;
    int depth;
    bool is_array[BUILD_DEPTH_MAX];
    lua_Integer next[BUILD_DEPTH_MAX]; /* index of the next element of an array */
} builder;

/* Stores the value on top into the open container (under the key below it
 * for a table), or leaves it as the result at depth 0. */
static np_status add(builder *b)
{
    lua_State *L = b->L;
    if (b->depth == 0) return NP_OK;
    if (b->is_array[b->depth - 1]) lua_rawseti(L, -2, ++b->next[b->depth - 1]);
    else lua_rawset(L, -3);
    return NP_OK;
}

static np_status open_container(builder *b, size_t count, bool is_array)
{
    if (b->depth >= BUILD_DEPTH_MAX) return NP_EINVAL;
    luaL_checkstack(b->L, 4, "natopost result nested too deeply");
    const int n = count > 1000000 ? 0 : (int)count;
    lua_createtable(b->L, is_array ? n : 0, is_array ? 0 : n);
    b->is_array[b->depth] = is_array;
    b->next[b->depth] = 0;
    b->depth++;
    return NP_OK;
}

static np_status begin_object(void *u, size_t count) { return open_container(u, count, false); }
static np_status begin_array(void *u, size_t count) { return open_container(u, count, true); }

static np_status end_container(void *u)
{
    builder *b = u;
    if (b->depth == 0) return NP_EINVAL;
    b->depth--;
    return add(b);
}

static np_status key(void *u, const char *k)
{
    lua_pushstring(((builder *)u)->L, k);
    return NP_OK;
}

static np_status string(void *u, const char *text, size_t len)
{
    lua_pushlstring(((builder *)u)->L, text, len);
    return add(u);
}

static np_status integer(void *u, int64_t v)
{
    lua_pushinteger(((builder *)u)->L, (lua_Integer)v);
    return add(u);
}

static np_status real(void *u, double v)
{
    lua_pushnumber(((builder *)u)->L, (lua_Number)v);
    return add(u);
}

static np_status boolean(void *u, bool v)
{
    lua_pushboolean(((builder *)u)->L, v);
    return add(u);
}

static np_status date(void *u, np_date d)
{
    np_lua_pushdate(((builder *)u)->L, d);
    return add(u);
}

static np_status time_of_day(void *u, int minute)
{
    char hhmm[16];
    snprintf(hhmm, sizeof hhmm, "%02d:%02d", minute / 60, minute % 60);
    lua_pushstring(((builder *)u)->L, hhmm);
    return add(u);
}

/* Not stated: a table leaves the member out (its key is dropped), an array
 * keeps the element's place (a hole), a result alone is nil. */
static np_status null(void *u)
{
    builder *b = u;
    if (b->depth == 0) lua_pushnil(b->L);
    else if (b->is_array[b->depth - 1]) b->next[b->depth - 1]++;
    else lua_pop(b->L, 1);
    return NP_OK;
}

static np_status hold(void *u, void *resource, void (*release)(void *resource))
{
    builder *b = u;
    b->hold->resource = resource;
    b->hold->release = release;
    return NP_OK;
}

int np_lua_emit(lua_State *L, const np_result *result)
{
    hold_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->resource = NULL;
    luaL_setmetatable(L, HOLD_MT);
    const int box_index = lua_gettop(L);
    builder b = {.L = L, .hold = box, .depth = 0};
    const np_emitter em = {&b,   begin_object, end_container, begin_array, end_container,
                           key,  string,       integer,       real,        boolean,
                           date, time_of_day,  null,          hold};
    np_error err;
    const np_status rc = np_emit_result(&em, result, &err);
    if (box->resource) box->release(box->resource);
    box->resource = NULL;
    if (rc == NP_ENOTFOUND && result->kind == NP_RESULT_POSTING_MEMBER) {
        lua_settop(L, box_index - 1);
        return 0;
    }
    if (rc != NP_OK) return np_lua_raise(L, &err);
    lua_remove(L, box_index);
    return 1;
}

void np_lua_emit_open(lua_State *L)
{
    np_lua_box_metatable(L, HOLD_MT, hold_gc);
}
