/* natopost/lua.h -- the natopost Lua 5.4 module, for C programs that embed Lua.
 *
 * A host that embeds Lua makes `require "natopost"` available without a
 * natopost.so on package.cpath by registering the opener:
 *
 *     #include <lua.h>
 *     #include <lauxlib.h>
 *     #include <lualib.h>
 *     #include <natopost/lua.h>
 *
 *     lua_State *L = luaL_newstate();
 *     luaL_openlibs(L);
 *     luaL_requiref(L, "natopost", luaopen_natopost, 1);  // also sets the global
 *     lua_pop(L, 1);
 *
 * Link with `pkg-config --libs natopost-lua` (the shared libnatopost-lua
 * holds the natopost core; `--static` for libnatopost-lua.a, which needs
 * libnatopost.a and jansson). The module's API is described in README.md,
 * section "Lua". Lua 5.4 only.
 */
#ifndef NATOPOST_LUA_H
#define NATOPOST_LUA_H

#ifdef __cplusplus
extern "C" {
#endif

/* lua.h declares `typedef struct lua_State lua_State`; the declaration below
 * needs only the struct tag, so this header does not depend on Lua's. */
struct lua_State;

#if defined(__GNUC__) && !defined(_WIN32)
#define NATOPOST_LUA_API __attribute__((visibility("default")))
#else
#define NATOPOST_LUA_API
#endif

/* The lua_CFunction that opens the module: pushes the module table (the one
 * `require "natopost"` returns) and returns 1. */
NATOPOST_LUA_API int luaopen_natopost(struct lua_State *L);

#ifdef __cplusplus
}
#endif
#endif
