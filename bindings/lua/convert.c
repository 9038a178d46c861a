/* Value and error conversions between Lua and the natopost core: dates as
 * "YYYY-MM-DD" strings (np_date_parse / np_date_format), C ints and booleans
 * with errors that name the option, option tables with unknown-key checks,
 * the appointment options shared by timeline() and batch(), and the one place
 * core errors become Lua errors. No date arithmetic here: every rule is the
 * core's. */
#include "module.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* ---- errors ----------------------------------------------------------------- */

const char *np_lua_error_code(np_status code)
{
    switch (code) {
    case NP_OK: break;
    case NP_EINVAL: return "invalid";
    case NP_EPARSE: return "parse";
    case NP_ENOMEM: return "memory";
    case NP_EIO: return "file";
    case NP_ENOTFOUND: return "not_found";
    case NP_ECANCELLED: return "cancelled";
    }
    return "unknown";
}

static int error_tostring(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_getfield(L, 1, "message") != LUA_TSTRING) lua_pushliteral(L, NP_LUA_ERROR_MT);
    return 1;
}

int np_lua_raise_path(lua_State *L, const np_error *err, const char *path)
{
    lua_createtable(L, 0, 7);
    lua_pushstring(L, np_lua_error_code(err->code));
    lua_setfield(L, -2, "code");
    lua_pushstring(L, np_status_name(err->code));
    lua_setfield(L, -2, "status");
    lua_pushstring(L, err->message);
    lua_setfield(L, -2, "message");
    lua_pushinteger(L, err->line);
    lua_setfield(L, -2, "line");
    lua_pushinteger(L, err->column);
    lua_setfield(L, -2, "column");
    lua_pushinteger(L, (lua_Integer)err->offset);
    lua_setfield(L, -2, "offset");
    if (path) {
        lua_pushstring(L, path);
        lua_setfield(L, -2, "path");
    }
    luaL_setmetatable(L, NP_LUA_ERROR_MT);
    return lua_error(L);
}

int np_lua_raise(lua_State *L, const np_error *err) { return np_lua_raise_path(L, err, NULL); }

const char *np_lua_typename(lua_State *L, int idx)
{
    const int t = luaL_getmetafield(L, idx, "__name"); /* pushes it unless nil */
    if (t == LUA_TSTRING) return lua_tostring(L, -1);  /* left on the stack */
    if (t != LUA_TNIL) lua_pop(L, 1);
    if (lua_type(L, idx) == LUA_TNUMBER && !lua_isinteger(L, idx)) return "float";
    return luaL_typename(L, idx);
}

int np_lua_field_typeerror(lua_State *L, int arg, const char *name, int idx, const char *expected)
{
    idx = lua_absindex(L, idx);
    const char *got = np_lua_typename(L, idx);
    const char *msg = name ? lua_pushfstring(L, "%s: %s expected, got %s", name, expected, got)
                           : lua_pushfstring(L, "%s expected, got %s", expected, got);
    return luaL_argerror(L, arg, msg);
}

/* Pushes the string at `idx` in single quotes, control bytes, quotes and
 * backslashes escaped as in Lua source ("\0", "\n", "\ddd"), and cut after
 * 60 bytes: a key as the caller would write it. */
static const char *push_quoted(lua_State *L, int idx)
{
    enum { SHOWN = 60 };
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addchar(&b, '\'');
    for (size_t i = 0; i < len && i < SHOWN; i++) {
        const unsigned char c = (unsigned char)s[i];
        if (c == '\'' || c == '\\') {
            luaL_addchar(&b, '\\');
            luaL_addchar(&b, (char)c);
        } else if (c == '\n') {
            luaL_addstring(&b, "\\n");
        } else if (c < 0x20 || c == 0x7f) {
            char esc[8];
            const bool digit_follows = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9';
            snprintf(esc, sizeof esc, digit_follows ? "\\%03u" : "\\%u", (unsigned)c);
            luaL_addstring(&b, esc);
        } else {
            luaL_addchar(&b, (char)c);
        }
    }
    luaL_addstring(&b, len > SHOWN ? "'..." : "'");
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

int np_lua_keyerror(lua_State *L, int arg, int keyidx, const char *known)
{
    keyidx = lua_absindex(L, keyidx);
    const char *key;
    switch (lua_type(L, keyidx)) {
    case LUA_TSTRING:
        key = push_quoted(L, keyidx);
        break;
    case LUA_TNUMBER:
        key = lua_isinteger(L, keyidx) ? lua_pushfstring(L, "[%I]", lua_tointeger(L, keyidx))
                                       : lua_pushfstring(L, "[%f]", lua_tonumber(L, keyidx));
        break;
    default:
        key = lua_pushfstring(L, "of type %s", np_lua_typename(L, keyidx));
        break;
    }
    return luaL_argerror(L, arg, lua_pushfstring(L, "unknown key %s (known: %s)", key, known));
}

void np_lua_checknargs(lua_State *L, int max)
{
    const int n = lua_gettop(L);
    if (n > max)
        luaL_argerror(L, max + 1,
                      lua_pushfstring(L, "no value expected (at most %d argument%s), got %s", max,
                                      max == 1 ? "" : "s", np_lua_typename(L, max + 1)));
}

/* ---- metatables ---------------------------------------------------------------- */

void np_lua_seal_metatable(lua_State *L)
{
    lua_getfield(L, -1, "__name");
    lua_setfield(L, -2, "__metatable");
}

void np_lua_set_finaliser(lua_State *L, lua_CFunction gc)
{
    /* One finaliser for both: a to-be-closed variable frees the C object at
     * once, and the collector's later __gc finds the slot empty. */
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__close");
}

void np_lua_box_metatable(lua_State *L, const char *name, lua_CFunction gc)
{
    if (luaL_newmetatable(L, name)) {
        np_lua_set_finaliser(L, gc);
        np_lua_seal_metatable(L);
    }
    lua_pop(L, 1);
}

/* ---- owned core strings ------------------------------------------------------- */

#define BOX_MT "natopost.box"

typedef struct {
    char *text;
} np_lua_box;

static int box_gc(lua_State *L)
{
    np_lua_box *box = luaL_checkudata(L, 1, BOX_MT);
    np_free(box->text);
    box->text = NULL;
    return 0;
}

char **np_lua_newbox(lua_State *L)
{
    np_lua_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->text = NULL;
    luaL_setmetatable(L, BOX_MT);
    return &box->text;
}

void np_lua_pushbox(lua_State *L, char **slot)
{
    lua_pushstring(L, *slot); /* on a memory error the box's __gc frees it */
    np_free(*slot);
    *slot = NULL;
}

void np_lua_convert_open(lua_State *L)
{
    np_lua_box_metatable(L, BOX_MT, box_gc);
    if (luaL_newmetatable(L, NP_LUA_ERROR_MT)) {
        lua_pushcfunction(L, error_tostring);
        lua_setfield(L, -2, "__tostring");
        np_lua_seal_metatable(L);
    }
    lua_pop(L, 1);
}

/* ---- values ------------------------------------------------------------------- */

void np_lua_pushdate(lua_State *L, np_date d)
{
    char buf[NP_DATE_ISO_LEN + 1];
    const size_t n = np_date_format(d, buf);
    lua_pushlstring(L, buf, n);
}

np_date np_lua_todate(lua_State *L, int idx, int arg, const char *name, const char *label)
{
    if (lua_type(L, idx) != LUA_TSTRING)
        np_lua_field_typeerror(L, arg, name, idx, "date string \"YYYY-MM-DD\"");
    size_t len;
    const char *text = lua_tolstring(L, idx, &len);
    np_date d = 0;
    np_error err;
    if (np_date_parse(&d, text, len, &err) != NP_OK) {
        np_error_prefix(&err, "%s", label);
        np_lua_raise(L, &err);
    }
    return d;
}

const char *np_lua_checkcstring(lua_State *L, int idx, int arg, const char *name)
{
    if (lua_type(L, idx) != LUA_TSTRING) np_lua_field_typeerror(L, arg, name, idx, "string");
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    if (strlen(s) != len)
        luaL_argerror(L, arg,
                      name ? lua_pushfstring(L, "%s: contains a NUL character", name)
                           : "contains a NUL character");
    return s;
}

int np_lua_toint(lua_State *L, int idx, int arg, const char *name)
{
    if (!lua_isinteger(L, idx)) np_lua_field_typeerror(L, arg, name, idx, "integer");
    const lua_Integer v = lua_tointeger(L, idx);
    /* INT_MIN is the core's NP_FROM_POLICY marker, never a real value. */
    if (v <= INT_MIN || v > INT_MAX)
        luaL_argerror(L, arg,
                      name ? lua_pushfstring(L, "%s: %I is out of range", name, v)
                           : lua_pushfstring(L, "%I is out of range", v));
    return (int)v;
}

bool np_lua_tobool(lua_State *L, int idx, int arg, const char *name)
{
    if (!lua_isboolean(L, idx)) np_lua_field_typeerror(L, arg, name, idx, "boolean");
    return lua_toboolean(L, idx);
}

np_event_code np_lua_toeventcode(lua_State *L, int idx, int arg, const char *name)
{
    if (lua_type(L, idx) != LUA_TSTRING) np_lua_field_typeerror(L, arg, name, idx, "string");
    size_t len;
    const char *code = lua_tolstring(L, idx, &len);
    np_event_code out = NP_EVENT_ENTRY_ON_DUTY;
    np_error err;
    if (strlen(code) != len) {
        np_error_set(&err, NP_EINVAL, "an event code cannot contain a NUL character");
        np_lua_raise(L, &err);
    }
    if (np_event_code_parse(&out, code, &err) != NP_OK) np_lua_raise(L, &err);
    return out;
}

/* ---- option tables ----------------------------------------------------------------- */

static bool known_key(lua_State *L, int keyidx, const char *const *known)
{
    if (lua_type(L, keyidx) != LUA_TSTRING) return false;
    size_t len;
    const char *key = lua_tolstring(L, keyidx, &len);
    for (; *known; known++)
        if (strlen(*known) == len && memcmp(*known, key, len) == 0) return true;
    return false;
}

void np_lua_checkkeys(lua_State *L, int idx, int arg, const char *const *known)
{
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (!known_key(L, -2, known)) {
            luaL_Buffer b;
            luaL_buffinit(L, &b);
            for (const char *const *k = known; *k; k++) {
                if (k != known) luaL_addstring(&b, ", ");
                luaL_addstring(&b, *k);
            }
            luaL_pushresult(&b);
            np_lua_keyerror(L, arg, -3, lua_tostring(L, -1));
        }
        lua_pop(L, 1);
    }
}

int np_lua_getopt(lua_State *L, int idx, const char *name)
{
    lua_pushstring(L, name);
    return lua_rawget(L, idx);
}

const char *const np_lua_appointment_keys[] = {
    "kind",           "initial_months",   "renewal_months", "max_months",
    "twin_grade",     "reduction_months", "direct_higher",  "policy",
    NULL,
};

_Static_assert(sizeof np_lua_appointment_keys / sizeof np_lua_appointment_keys[0] ==
                   NP_LUA_APPOINTMENT_KEY_COUNT + 1,
               "NP_LUA_APPOINTMENT_KEY_COUNT matches the list");

bool np_lua_toappointment(lua_State *L, int idx, int arg, np_appointment *a, np_policy *policy)
{
    const np_appointment defaults = NP_APPOINTMENT_INIT;
    const np_date start = a->start;
    *a = defaults;
    a->start = start;

    if (np_lua_getopt(L, idx, "kind") != LUA_TNIL) {
        np_error err;
        if (np_kind_parse(&a->kind, np_lua_checkcstring(L, -1, arg, "kind"), &err) != NP_OK)
            np_lua_raise(L, &err);
    }
    lua_pop(L, 1);

    static const char *const int_names[] = {"initial_months", "renewal_months", "max_months",
                                            "reduction_months"};
    int *const ints[] = {&a->initial_months, &a->renewal_months, &a->max_months,
                         &a->reduction_months};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        if (np_lua_getopt(L, idx, int_names[i]) != LUA_TNIL)
            *ints[i] = np_lua_toint(L, -1, arg, int_names[i]);
        lua_pop(L, 1);
    }

    if (np_lua_getopt(L, idx, "twin_grade") != LUA_TNIL)
        a->twin_grade = np_lua_tobool(L, -1, arg, "twin_grade");
    lua_pop(L, 1);
    if (np_lua_getopt(L, idx, "direct_higher") != LUA_TNIL)
        a->direct_higher = np_lua_tobool(L, -1, arg, "direct_higher");
    lua_pop(L, 1);

    bool has_policy = false;
    if (np_lua_getopt(L, idx, "policy") != LUA_TNIL) {
        const np_policy *p = np_lua_topolicy(L, -1);
        if (p) {
            *policy = *p;
            has_policy = true;
        } else {
            np_lua_field_typeerror(L, arg, "policy", -1, NP_LUA_POLICY_MT);
        }
    }
    lua_pop(L, 1);
    return has_policy;
}
