/* Private to the natopost Lua module: value and error conversions shared by
 * the per-type files (timeline.c, policy.c, batch.c; later posting.c, ...).
 *
 * The binding converts arguments, calls one core function and converts the
 * result or raises the core's error; no rule lives here. Conventions:
 *   - a wrong Lua type is an argument error in luaL_typeerror's words, with
 *     the option's name: "bad argument #1 to 'timeline' (renewal_months:
 *     integer expected, got string)";
 *   - an unknown option key is an argument error naming the key;
 *   - a value the core rejects raises a natopost.Error (np_lua_raise) whose
 *     tostring is the core's message as is (no position prefix), e.g.
 *     "renewal_months must be between 0 and 36 ...". Argument errors stay
 *     Lua's strings, as wrong types are TypeError and not natopost.Error in
 *     Python.
 */
#ifndef NATOPOST_LUA_CONVERT_H
#define NATOPOST_LUA_CONVERT_H

#include <lauxlib.h>
#include <lua.h>

#include <stdbool.h>
#include <stddef.h>

#include "natopost/natopost.h"

/* Metatable names (registered with luaL_newmetatable). */
#define NP_LUA_POLICY_MT "natopost.Policy"
#define NP_LUA_TIMELINE_MT "natopost.Timeline"
#define NP_LUA_ERROR_MT "natopost.Error"

/* ---- errors ------------------------------------------------------------- */

/* Raises the core's error as a natopost.Error: a table {code =, status =,
 * message =, line =, column =, offset = [, path =]} whose __tostring is the
 * message (no position prefix), so print(err) reads as before while pcall
 * users can branch on err.code. Never returns; the int is for
 * `return np_lua_raise(L, &err);`. _path adds the file the call was given. */
int np_lua_raise(lua_State *L, const np_error *err);
int np_lua_raise_path(lua_State *L, const np_error *err, const char *path);
/* The short code of a core status (the words of tests/data/bad_inputs.json):
 * "invalid" (NP_EINVAL), "parse", "memory",
 * "file" (NP_EIO), "not_found", "cancelled". */
const char *np_lua_error_code(np_status code);

/* Raises "bad argument #arg to 'f' (<name>: <expected> expected, got <type>)"
 * for the value at `idx` (the option `name` of argument `arg`). With name
 * NULL, the plain luaL_typeerror message. Never returns. */
int np_lua_field_typeerror(lua_State *L, int arg, const char *name, int idx,
                           const char *expected);

/* Raises "bad argument #arg to 'f' (unknown key <key> (known: <known>))"
 * for the key at `keyidx`. Never returns. */
int np_lua_keyerror(lua_State *L, int arg, int keyidx, const char *known);

/* Raises an argument error when more than `max` arguments were passed (Lua
 * would ignore them silently; Python raises TypeError for them too). */
void np_lua_checknargs(lua_State *L, int max);

/* The type name used in error messages: the __name of its metatable when it
 * has one (natopost.Policy, natopost.Timeline), "float" for a number without
 * an integer representation as a Lua integer, else lua_typename. */
const char *np_lua_typename(lua_State *L, int idx);

/* ---- metatables ------------------------------------------------------------ */

/* Protects the metatable on top of the stack (made by luaL_newmetatable):
 * getmetatable() then returns its __name instead of the table, so scripts
 * cannot call __gc by hand, swap methods or give the type to plain tables.
 * Leaves the stack as it found it. */
void np_lua_seal_metatable(lua_State *L);

/* Sets `gc` as both __gc and __close of the metatable on top of the stack:
 * the one finaliser of a userdata that owns a C object. `gc` frees the
 * object and clears its slot, so a second call (the collector after a
 * to-be-closed variable's __close) does nothing. */
void np_lua_set_finaliser(lua_State *L, lua_CFunction gc);

/* Registers the sealed metatable `name` of a box userdata (one that owns a
 * C object and frees it in `gc`, np_lua_set_finaliser), unless it exists.
 * Stack unchanged. The box is always made before the object it will own
 * (liolib's pattern): lua_newuserdatauv with the slot NULL, the metatable
 * set, then the core call that fills the slot, so that no Lua error (memory
 * included) can come between the object's birth and its owner's. */
void np_lua_box_metatable(lua_State *L, const char *name, lua_CFunction gc);

/* ---- owned core strings --------------------------------------------------- */

/* Pushes a box whose __gc frees (np_free) the string stored in the returned
 * slot: store a core-allocated string there before anything that can raise a
 * Lua error, so that the error cannot leak it (liolib's box pattern). */
char **np_lua_newbox(lua_State *L);
/* Pushes *slot as a Lua string, then frees it and clears the slot. */
void np_lua_pushbox(lua_State *L, char **slot);

/* ---- values ------------------------------------------------------------- */

/* "YYYY-MM-DD". */
void np_lua_pushdate(lua_State *L, np_date d);

/* The date text at `idx` (a string, not a number) parsed by the core. A
 * wrong type is an argument error (`arg`, option `name` or NULL); a bad date
 * raises the core's message prefixed with "<label>: " (e.g. "start: day 30
 * is out of range for February 2025"). */
np_date np_lua_todate(lua_State *L, int idx, int arg, const char *name, const char *label);

/* A string argument without NUL bytes (paths, codes); argument errors naming
 * `name` (may be NULL) otherwise. */
const char *np_lua_checkcstring(lua_State *L, int idx, int arg, const char *name);

/* Lua integer (not a float, not a string) that fits a C int and is not
 * INT_MIN (the core's NP_FROM_POLICY marker). */
int np_lua_toint(lua_State *L, int idx, int arg, const char *name);
/* A boolean (nil is not false here: absent options never reach this). */
bool np_lua_tobool(lua_State *L, int idx, int arg, const char *name);

/* An event code string ("contract_end") parsed by the core; a wrong type is
 * an argument error, an unknown code raises the core's message (which lists
 * the codes). */
np_event_code np_lua_toeventcode(lua_State *L, int idx, int arg, const char *name);

/* ---- option tables --------------------------------------------------------- */

/* Checks that every key of the table at `idx` (argument `arg`) is a string in
 * the NULL-terminated `known`; an argument error naming the first other key
 * and listing the known ones otherwise. */
void np_lua_checkkeys(lua_State *L, int idx, int arg, const char *const *known);

/* Pushes the raw field `name` of the table at `idx` (an absolute index) and
 * returns its type; LUA_TNIL when absent. */
int np_lua_getopt(lua_State *L, int idx, const char *name);

/* The appointment options shared by natopost.timeline and natopost.batch
 * ("kind", "initial_months", "renewal_months", "max_months", "twin_grade",
 * "reduction_months", "direct_higher", "policy"), in this order. */
extern const char *const np_lua_appointment_keys[];
#define NP_LUA_APPOINTMENT_KEY_COUNT 8

/* Fills `a` (all but its start) from the options table at `idx` (absolute
 * index; argument `arg`); absent options keep NP_APPOINTMENT_INIT's values.
 * Copies the policy option into *policy and returns true when present. The
 * caller checks the keys. */
bool np_lua_toappointment(lua_State *L, int idx, int arg, np_appointment *a, np_policy *policy);

/* ---- policy.c: used by the other types ------------------------------------- */

/* Pushes a new natopost.Policy holding a copy of `p`. */
void np_lua_pushpolicy(lua_State *L, const np_policy *p);
/* The policy of the natopost.Policy at `idx`, or NULL when it is not one. */
const np_policy *np_lua_topolicy(lua_State *L, int idx);

#endif
