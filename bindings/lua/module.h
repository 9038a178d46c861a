/* Private to the natopost Lua module: what each per-type file gives
 * module.c. One file per type (as lpeg and lua-cjson do):
 *   convert.c   values, option tables, errors (convert.h)
 *   policy.c    natopost.Policy userdata; natopost.policy, policy_from_json,
 *               policy_load
 *   timeline.c  timeline tables (events + fields, methods in a shared
 *               metatable); natopost.timeline
 *   batch.c     natopost.batch
 * A new type adds a file with a np_lua_<type>_open (metatables) and its
 * module functions, and one line each in module.c. */
#ifndef NATOPOST_LUA_MODULE_H
#define NATOPOST_LUA_MODULE_H

#include "convert.h"

/* Registers the metatables of each file (idempotent: luaL_newmetatable).
 * Each leaves the stack as it found it. */
void np_lua_convert_open(lua_State *L);
void np_lua_policy_open(lua_State *L);
void np_lua_timeline_open(lua_State *L);

/* Module functions. */
int np_lua_policy_new(lua_State *L);       /* natopost.policy([opts]) */
int np_lua_policy_from_json(lua_State *L); /* natopost.policy_from_json(text) */
int np_lua_policy_load(lua_State *L);      /* natopost.policy_load(path) */
int np_lua_timeline_new(lua_State *L);     /* natopost.timeline(opts | start[, opts]) */
int np_lua_batch(lua_State *L);            /* natopost.batch(event, starts[, opts]) */

#endif
