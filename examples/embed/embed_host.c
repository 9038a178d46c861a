/* embed_host: a C program that embeds Lua 5.4 with the natopost module
 * linked in (libnatopost-lua), no natopost.so on package.cpath needed.
 *
 *     embed_host [SCRIPT.lua [ARG...]]
 *
 * Registers the module with luaL_requiref (so `require "natopost"` and the
 * global `natopost` both work), runs SCRIPT (default: report.lua next to
 * this file) with the ARGs as its `...`, prints what the script returns,
 * then computes one timeline from C through the same module. Exit status 0,
 * or 1 with the Lua error and a traceback on stderr. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <stdio.h>

#include "natopost/lua.h"

#ifndef NP_EMBED_DEFAULT_SCRIPT
#define NP_EMBED_DEFAULT_SCRIPT "report.lua"
#endif

/* Message handler for lua_pcall: the error with a traceback. natopost's
 * errors are natopost.Error tables; their __tostring is the message (as in
 * lua.c's handler). */
static int traceback(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg && luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
        msg = lua_tostring(L, -1);
    else if (!msg)
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Calls the function below `nargs` arguments with the handler; on an error
 * prints it and returns 0. Leaves `nresults` results on success. */
static int call(lua_State *L, int nargs, int nresults)
{
    const int base = lua_gettop(L) - nargs; /* the function */
    lua_pushcfunction(L, traceback);
    lua_insert(L, base);
    const int rc = lua_pcall(L, nargs, nresults, base);
    lua_remove(L, base);
    if (rc != LUA_OK) {
        fprintf(stderr, "embed_host: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
        return 0;
    }
    return 1;
}

/* Runs the script with argv[first..] as its arguments; prints what it
 * returns. */
static int run_script(lua_State *L, const char *path, int argc, char **argv, int first)
{
    if (luaL_loadfile(L, path) != LUA_OK) {
        fprintf(stderr, "embed_host: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
        return 0;
    }
    const int nargs = argc > first ? argc - first : 0;
    const int top = lua_gettop(L) - 1; /* below the script */
    luaL_checkstack(L, nargs, "too many arguments");
    for (int i = 0; i < nargs; i++) lua_pushstring(L, argv[first + i]);
    if (!call(L, nargs, LUA_MULTRET)) return 0;
    for (int i = top + 1; i <= lua_gettop(L); i++) {
        printf("result: %s\n", luaL_tolstring(L, i, NULL));
        lua_pop(L, 1);
    }
    lua_settop(L, top);
    return 1;
}

/* natopost.timeline{start = "2025-09-01", twin_grade = true}:date("contract_end"),
 * from C. */
static int host_timeline(lua_State *L)
{
    const int top = lua_gettop(L);
    lua_getglobal(L, "natopost"); /* set by luaL_requiref(..., 1) */
    lua_getfield(L, -1, "timeline");
    lua_createtable(L, 0, 2);
    lua_pushliteral(L, "2025-09-01");
    lua_setfield(L, -2, "start");
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "twin_grade");
    if (!call(L, 1, 1)) {
        lua_settop(L, top);
        return 0;
    }
    lua_getfield(L, -1, "date"); /* the method, from the timeline's metatable */
    lua_insert(L, -2);           /* date, timeline */
    lua_pushliteral(L, "contract_end");
    const int ok = call(L, 2, 1);
    if (ok) printf("host: contract_end of 2025-09-01 (twin-graded) is %s\n", lua_tostring(L, -1));
    lua_settop(L, top);
    return ok;
}

int main(int argc, char **argv)
{
    lua_State *L = luaL_newstate();
    if (!L) {
        fputs("embed_host: cannot create a Lua state (out of memory)\n", stderr);
        return 1;
    }
    luaL_openlibs(L);
    luaL_requiref(L, "natopost", luaopen_natopost, 1);
    lua_pop(L, 1);

    const char *script = argc > 1 ? argv[1] : NP_EMBED_DEFAULT_SCRIPT;
    int ok = run_script(L, script, argc, argv, 2) && host_timeline(L);
    /* Every push above has its pop: the opener's and ours. */
    if (lua_gettop(L) != 0) {
        fprintf(stderr, "embed_host: %d values left on the Lua stack\n", lua_gettop(L));
        ok = 0;
    }
    lua_close(L);
    return ok ? 0 : 1;
}
