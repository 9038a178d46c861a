/* natopost.Policy: the parameters of NATO's contract rules, a full userdata
 * holding the core's np_policy by value (immutable; compares by value).
 *
 * The userdata owns no C resource (an np_policy is a plain value inside the
 * Lua-allocated block), so it needs no __gc: Lua frees the block itself.
 * The integer parameters (fields, option keys, __tostring, to_table) come
 * from the core's introspection (np_policy_int_param_*), so a new parameter
 * needs no change here. */
#include "module.h"

#include <string.h>

/* The one parameter that is not an integer (not in the introspection). */
static const char SECONDED_CONVERSION[] = "seconded_conversion";

void np_lua_pushpolicy(lua_State *L, const np_policy *p)
{
    np_policy *ud = lua_newuserdatauv(L, sizeof *ud, 0);
    *ud = *p;
    luaL_setmetatable(L, NP_LUA_POLICY_MT);
}

const np_policy *np_lua_topolicy(lua_State *L, int idx)
{
    return luaL_testudata(L, idx, NP_LUA_POLICY_MT);
}

static const np_policy *check_policy(lua_State *L, int arg)
{
    return luaL_checkudata(L, arg, NP_LUA_POLICY_MT);
}

/* Value of the i-th integer parameter. */
static int int_param(const np_policy *p, size_t i)
{
    np_policy copy = *p;
    return *np_policy_int_param(&copy, np_policy_int_param_name(i));
}

/* Pushes "initial_months, renewal_months, ..., seconded_conversion". */
static const char *push_known_keys(lua_State *L)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < np_policy_int_param_count(); i++) {
        luaL_addstring(&b, np_policy_int_param_name(i));
        luaL_addstring(&b, ", ");
    }
    luaL_addstring(&b, SECONDED_CONVERSION);
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

/* ---- construction ----------------------------------------------------------------- */

/* natopost.policy([opts]): the spec's defaults, with the parameters given in
 * `opts` ({renewal_months = 24, seconded_conversion = true}), validated by
 * the core. */
int np_lua_policy_new(lua_State *L)
{
    np_lua_checknargs(L, 1);
    np_policy p = np_policy_default();
    if (!lua_isnoneornil(L, 1)) {
        luaL_checktype(L, 1, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, 1)) {
            size_t len = 0;
            const char *name = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &len) : NULL;
            if (name && strlen(name) != len) name = NULL;
            int *slot = name ? np_policy_int_param(&p, name) : NULL;
            if (slot) *slot = np_lua_toint(L, -1, 1, name);
            else if (name && strcmp(name, SECONDED_CONVERSION) == 0)
                p.seconded_conversion = np_lua_tobool(L, -1, 1, name);
            else {
                const int key = lua_absindex(L, -2);
                np_lua_keyerror(L, 1, key, push_known_keys(L));
            }
            lua_pop(L, 1);
        }
    }
    np_error err;
    if (np_policy_validate(&p, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_pushpolicy(L, &p);
    return 1;
}

/* natopost.policy_from_json(text): a policy from a JSON object (any bytes;
 * absent keys keep the default; the core names an unknown or bad key). */
int np_lua_policy_from_json(lua_State *L)
{
    np_lua_checknargs(L, 1);
    if (lua_type(L, 1) != LUA_TSTRING) np_lua_field_typeerror(L, 1, NULL, 1, "string");
    size_t len;
    const char *text = lua_tolstring(L, 1, &len);
    np_policy p;
    np_error err;
    if (np_policy_from_json(&p, text, len, &err) != NP_OK) return np_lua_raise(L, &err);
    np_lua_pushpolicy(L, &p);
    return 1;
}

/* natopost.policy_load(path) */
int np_lua_policy_load(lua_State *L)
{
    np_lua_checknargs(L, 1);
    const char *path = np_lua_checkcstring(L, 1, 1, NULL);
    np_policy p;
    np_error err;
    if (np_policy_load(&p, path, &err) != NP_OK) return np_lua_raise_path(L, &err, path);
    np_lua_pushpolicy(L, &p);
    return 1;
}

/* ---- methods ------------------------------------------------------------------------- */

/* p:save(path): writes to_json() to `path` atomically. */
static int policy_save(lua_State *L)
{
    np_lua_checknargs(L, 2);
    const np_policy *p = check_policy(L, 1);
    const char *path = np_lua_checkcstring(L, 2, 2, NULL);
    np_error err;
    if (np_policy_save(p, path, &err) != NP_OK) return np_lua_raise_path(L, &err, path);
    return 0;
}

/* p:to_json(): the core's JSON text. */
static int policy_to_json(lua_State *L)
{
    np_lua_checknargs(L, 1);
    const np_policy *p = check_policy(L, 1);
    char **text = np_lua_newbox(L);
    np_error err;
    if (!(*text = np_policy_to_json(p, &err))) return np_lua_raise(L, &err);
    np_lua_pushbox(L, text);
    return 1;
}

/* p:to_table(): {initial_months = 36, ..., seconded_conversion = false}. */
static int policy_to_table(lua_State *L)
{
    np_lua_checknargs(L, 1);
    return np_lua_emit(L, &(np_result){.kind = NP_RESULT_POLICY, .policy = check_policy(L, 1)});
}

/* ---- metamethods ------------------------------------------------------------------------ */

/* p.<name>: a method (upvalue 1), a parameter, or nil. */
static int policy_index(lua_State *L)
{
    const np_policy *p = check_policy(L, 1);
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 1;
    size_t len;
    const char *name = lua_tolstring(L, 2, &len);
    if (strlen(name) != len) return 0;
    if (strcmp(name, SECONDED_CONVERSION) == 0) {
        lua_pushboolean(L, p->seconded_conversion);
        return 1;
    }
    np_policy copy = *p;
    const int *value = np_policy_int_param(&copy, name);
    if (!value) return 0;
    lua_pushinteger(L, *value);
    return 1;
}

static int policy_newindex(lua_State *L)
{
    check_policy(L, 1);
    return luaL_error(L, "%s is read-only: make another with natopost.policy{...}",
                      NP_LUA_POLICY_MT);
}

static int policy_eq(lua_State *L)
{
    const np_policy *a = np_lua_topolicy(L, 1), *b = np_lua_topolicy(L, 2);
    lua_pushboolean(L, a && b && np_policy_equal(a, b));
    return 1;
}

static int policy_tostring(lua_State *L)
{
    const np_policy *p = check_policy(L, 1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, NP_LUA_POLICY_MT "(");
    for (size_t i = 0; i < np_policy_int_param_count(); i++) {
        lua_pushfstring(L, "%s=%d, ", np_policy_int_param_name(i), int_param(p, i));
        luaL_addvalue(&b);
    }
    lua_pushfstring(L, "%s=%s)", SECONDED_CONVERSION, p->seconded_conversion ? "true" : "false");
    luaL_addvalue(&b);
    luaL_pushresult(&b);
    return 1;
}

static const luaL_Reg policy_methods[] = {
    {"save", policy_save},
    {"to_json", policy_to_json},
    {"to_table", policy_to_table},
    {NULL, NULL},
};

static const luaL_Reg policy_metamethods[] = {
    {"__newindex", policy_newindex},
    {"__eq", policy_eq},
    {"__tostring", policy_tostring},
    {NULL, NULL},
};

void np_lua_policy_open(lua_State *L)
{
    if (luaL_newmetatable(L, NP_LUA_POLICY_MT)) {
        luaL_setfuncs(L, policy_metamethods, 0);
        luaL_newlib(L, policy_methods);
        lua_pushcclosure(L, policy_index, 1);
        lua_setfield(L, -2, "__index");
        np_lua_seal_metatable(L);
    }
    lua_pop(L, 1);
}
