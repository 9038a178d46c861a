/* natopost.batch(event, starts[, opts]): the date of one event for many start
 * dates, through one np_timeline_batch call.
 *
 * `starts` is an array (keys 1..n) of either
 *   - date strings "YYYY-MM-DD", `false` for a missing date: the result holds
 *     date strings, and `false` where the start is missing or the appointment
 *     does not have the event; or
 *   - integer day numbers (days since 1970-01-01, the C API's np_date and
 *     numpy's datetime64[D]), natopost.NAT (math.mininteger) for a missing
 *     date: the result holds day numbers, and natopost.NAT where the start is
 *     missing or the event absent.
 * The kind of the first element that is not `false` decides; mixing is an
 * error naming the element. `event` is an event code (nil: "contract_end");
 * `opts` takes the options of natopost.timeline except start. */
#include "module.h"

#include <stdint.h>

enum { UNDECIDED, STRINGS, DAYS };

/* Raises "bad argument #2 to 'batch' (starts[i]: <what> expected..., got T)". */
static int element_error(lua_State *L, lua_Integer i, int mode, int idx)
{
    const char *got = np_lua_typename(L, idx);
    const char *msg =
        mode == STRINGS ? lua_pushfstring(L, "starts[%I]: date string or false expected (like the "
                                             "first date), got %s", i, got)
        : mode == DAYS  ? lua_pushfstring(L, "starts[%I]: integer day number expected (like the "
                                             "first date), got %s", i, got)
                        : lua_pushfstring(L, "starts[%I]: date string, integer day number or false "
                                             "expected, got %s", i, got);
    return luaL_argerror(L, 2, msg);
}

/* The kind of array `starts` (index 2) is, from its first element that is
 * not false; STRINGS when there is none (all missing, or empty). */
static int starts_mode(lua_State *L, lua_Integer n)
{
    for (lua_Integer i = 1; i <= n; i++) {
        const int type = lua_rawgeti(L, 2, i);
        int mode = UNDECIDED;
        if (type == LUA_TSTRING) mode = STRINGS;
        else if (lua_isinteger(L, -1)) mode = DAYS;
        else if (type != LUA_TBOOLEAN || lua_toboolean(L, -1)) element_error(L, i, UNDECIDED, -1);
        lua_pop(L, 1);
        if (mode != UNDECIDED) return mode;
    }
    return STRINGS;
}

int np_lua_batch(lua_State *L)
{
    np_lua_checknargs(L, 3);
    np_event_code code = NP_EVENT_CONTRACT_END;
    if (!lua_isnoneornil(L, 1)) code = np_lua_toeventcode(L, 1, 1, NULL);
    luaL_checktype(L, 2, LUA_TTABLE);
    np_appointment a = NP_APPOINTMENT_INIT;
    np_policy policy;
    bool has_policy = false;
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        np_lua_checkkeys(L, 3, 3, np_lua_appointment_keys);
        has_policy = np_lua_toappointment(L, 3, 3, &a, &policy);
    }
    lua_settop(L, 3);

    /* An array: keys 1..n and nothing else (no holes, no other keys). */
    const lua_Unsigned n = lua_rawlen(L, 2);
    lua_Unsigned keys = 0;
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        keys++;
        lua_pop(L, 1);
    }
    if (keys != n)
        luaL_argerror(L, 2, "starts: an array expected (keys 1..#starts, no holes, no other keys)");
    if (n > SIZE_MAX / sizeof(int64_t)) luaL_argerror(L, 2, "starts: too many dates");

    const int mode = starts_mode(L, (lua_Integer)n);
    /* Collected by Lua on any error below: nothing to free by hand. */
    int64_t *days = lua_newuserdatauv(L, (size_t)n * sizeof *days, 0); /* index 4 */
    for (lua_Integer i = 1; i <= (lua_Integer)n; i++) {
        const int type = lua_rawgeti(L, 2, i);
        int64_t *day = &days[i - 1];
        if (mode == STRINGS && type == LUA_TSTRING) {
            size_t len;
            const char *text = lua_tolstring(L, -1, &len);
            np_date d;
            np_error err;
            if (np_date_parse(&d, text, len, &err) != NP_OK) {
                np_error_prefix(&err, "starts[%lld]", (long long)i);
                return np_lua_raise(L, &err);
            }
            *day = d;
        } else if (mode == STRINGS && type == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
            *day = NP_BATCH_NAT;
        } else if (mode == DAYS && lua_isinteger(L, -1)) {
            *day = (int64_t)lua_tointeger(L, -1);
        } else {
            return element_error(L, i, mode, -1);
        }
        lua_pop(L, 1);
    }

    np_error err;
    if (np_timeline_batch(has_policy ? &policy : NULL, &a, code, days, days, (size_t)n, &err) !=
        NP_OK)
        return np_lua_raise(L, &err);

    lua_createtable(L, n > INT32_MAX ? 0 : (int)n, 0);
    for (lua_Integer i = 1; i <= (lua_Integer)n; i++) {
        const int64_t day = days[i - 1];
        if (mode == DAYS) lua_pushinteger(L, (lua_Integer)day);
        else if (day == NP_BATCH_NAT) lua_pushboolean(L, 0);
        else np_lua_pushdate(L, (np_date)day);
        lua_rawseti(L, -2, i);
    }
    return 1;
}
