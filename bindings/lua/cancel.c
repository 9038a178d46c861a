/* natopost.set_cancel_hook(fn | nil): stopping long core calls from Lua
 * (natopost/cancel.h, issue 14).
 *
 * The core asks its hook every so often during long loops; this installs a
 * hook (for the calling OS thread) that calls `fn()` and cancels the running
 * natopost call when it returns a true value or raises (the call then
 * raises "cancelled"). `fn` runs on a Lua thread of its own, created here
 * and anchored in the registry, so it never touches the stack of the
 * coroutine that made the natopost call. A C host embedding Lua installs its
 * condition the same way: a C function (checking a flag its SIGINT handler
 * sets, say) registered with set_cancel_hook. When the Lua state closes,
 * the hook is removed. */
#include "module.h"

#include <lauxlib.h>

#define HOOK_KEY "natopost.cancel_hook" /* registry: {thread, sentinel} */
#define SENTINEL_MT "natopost.cancel_hook.sentinel"

static bool call_hook(void *data)
{
    lua_State *T = data; /* stack: [fn] */
    lua_settop(T, 1);
    lua_pushvalue(T, 1);
    const bool stop = lua_pcall(T, 0, 1, 0) != LUA_OK || lua_toboolean(T, -1);
    lua_settop(T, 1);
    return stop;
}

/* Removes the hook if it is still the one using `T` (another Lua state on
 * this thread may have installed its own since). */
static void uninstall(lua_State *T)
{
    np_cancel_hook previous;
    void *previous_data;
    np_cancel_set_thread_hook(NULL, NULL, &previous, &previous_data);
    if (previous != call_hook || previous_data != T) np_cancel_set_thread_hook(previous, previous_data, NULL, NULL);
}

/* The registry entry's __gc (lua_close): the hook must not outlive T. */
static int sentinel_gc(lua_State *L)
{
    lua_State **T = luaL_checkudata(L, 1, SENTINEL_MT);
    if (*T) uninstall(*T);
    *T = NULL;
    return 0;
}

int np_lua_set_cancel_hook(lua_State *L)
{
    if (!lua_isnoneornil(L, 1)) luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_settop(L, 1);
    if (lua_getfield(L, LUA_REGISTRYINDEX, HOOK_KEY) == LUA_TUSERDATA) {
        lua_State **old = lua_touserdata(L, -1);
        if (*old) uninstall(*old);
        *old = NULL;
    }
    lua_pop(L, 1);
    if (lua_isnil(L, 1)) {
        lua_pushnil(L);
        lua_setfield(L, LUA_REGISTRYINDEX, HOOK_KEY);
        return 0;
    }
    /* The sentinel keeps the thread alive (its user value) and uninstalls
     * the hook when collected. Everything that can fail is done before the
     * hook is installed. */
    lua_State **slot = lua_newuserdatauv(L, sizeof *slot, 1);
    *slot = NULL;
    if (luaL_newmetatable(L, SENTINEL_MT)) {
        lua_pushcfunction(L, sentinel_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    lua_State *T = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, T, 1);
    lua_setiuservalue(L, -2, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, HOOK_KEY);
    *slot = T;
    np_cancel_set_thread_hook(call_hook, T, NULL, NULL);
    return 0;
}
