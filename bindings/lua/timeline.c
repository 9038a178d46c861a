/* Timelines: natopost.timeline{...} returns a plain Lua table
 *
 *     { [1..n] = events in the order of natopost.EVENT_CODES, each
 *                {code =, date = "YYYY-MM-DD", label =, note = nil | text},
 *       appointment = {start =, kind =, initial_months =, ...} (as resolved),
 *       policy = natopost.Policy, notes = {{code =, text =}, ...},
 *       renewed =, has_conversion_window =, promotion_reachable = }
 *
 * with the shared metatable natopost.Timeline, whose __index holds the
 * methods (event, date, status, to_table, to_json, to_ical). Every shape is
 * the core's (np_emit_timeline, through emit.c), the same as Python's and
 * the CLI's JSON. The fields are
 * copies for reading: the methods work on the core's np_timeline, kept in a
 * userdata that a weak-keyed registry table maps the timeline table to (so
 * it is not visible among the table's fields and lives exactly as long as the
 * table). An np_timeline is a plain value: the userdata owns no C resource
 * and needs no __gc. */
#include "module.h"

#include <string.h>
#include <time.h>

#define CORE_MT "natopost.Timeline.core"

/* Registry field of the weak table: timeline table -> core. A name, not an
 * address, so that two copies of the module in one state (natopost.so and
 * libnatopost-lua in an embedding host) share it, as they share the
 * metatables registered by name. */
#define CORES_KEY "natopost.Timeline.cores"

static const char *const timeline_keys[] = {
    "start",      "kind",          "initial_months", "renewal_months",  "max_months",
    "twin_grade", "reduction_months", "direct_higher", "policy",        NULL,
};

/* The core timeline of the timeline table at index 1 (methods' self). The
 * pointer stays valid while self is on the stack (the weak table keeps the
 * userdata alive as long as its key, self, is). */
static const np_timeline *check_timeline(lua_State *L)
{
    const np_timeline *t = NULL;
    if (lua_type(L, 1) == LUA_TTABLE) {
        lua_getfield(L, LUA_REGISTRYINDEX, CORES_KEY);
        lua_pushvalue(L, 1);
        lua_rawget(L, -2);
        t = luaL_testudata(L, -1, CORE_MT);
        lua_pop(L, 2);
    }
    if (!t) {
        const char *got = np_lua_typename(L, 1);
        if (strcmp(got, NP_LUA_TIMELINE_MT) == 0) got = "a table natopost.timeline did not make";
        luaL_argerror(L, 1, lua_pushfstring(L, "%s expected, got %s", NP_LUA_TIMELINE_MT, got));
    }
    return t;
}

/* ---- natopost.timeline ---------------------------------------------------------------- */

/* natopost.timeline{start = "2025-09-01", kind =, initial_months =,
 * renewal_months =, max_months =, twin_grade =, reduction_months =,
 * direct_higher =, policy =}, or natopost.timeline(start[, opts]). */
int np_lua_timeline_new(lua_State *L)
{
    np_appointment a = NP_APPOINTMENT_INIT;
    int opts;
    if (lua_type(L, 1) == LUA_TSTRING) {
        np_lua_checknargs(L, 2);
        opts = lua_isnoneornil(L, 2) ? 0 : 2;
        if (opts) {
            luaL_checktype(L, 2, LUA_TTABLE);
            np_lua_checkkeys(L, 2, 2, timeline_keys);
            if (np_lua_getopt(L, 2, "start") != LUA_TNIL)
                luaL_argerror(L, 2, "start: given twice (argument #1 and option 'start')");
            lua_pop(L, 1);
        }
        a.start = np_lua_todate(L, 1, 1, NULL, "start");
    } else {
        /* the first argument's type first: timeline(20250901, {...}) is
         * about argument #1, not about one argument too many */
        if (lua_type(L, 1) != LUA_TTABLE)
            np_lua_field_typeerror(L, 1, NULL, 1, "table or date string");
        np_lua_checknargs(L, 1);
        opts = 1;
        np_lua_checkkeys(L, 1, 1, timeline_keys);
        np_lua_getopt(L, 1, "start");
        a.start = np_lua_todate(L, -1, 1, "start", "start");
        lua_pop(L, 1);
    }
    np_policy policy;
    const bool has_policy = opts && np_lua_toappointment(L, opts, opts, &a, &policy);
    return np_lua_pushtimeline(L, has_policy ? &policy : NULL, &a);
}

/* Builds the timeline of `a` under `policy` (NULL: the default policy) and
 * pushes its table, or raises the core's error. Shared with
 * Posting:timeline (posting.c). */
int np_lua_pushtimeline(lua_State *L, const np_policy *policy, const np_appointment *a)
{
    /* The userdata first: the core writes straight into it, and on an error
     * it is garbage like any other. */
    np_timeline *t = lua_newuserdatauv(L, sizeof *t, 0);
    np_error err;
    if (np_timeline_build(t, policy, a, &err) != NP_OK)
        return np_lua_raise(L, &err);
    luaL_setmetatable(L, CORE_MT);

    /* The core's timeline shape (to_table's), then the events moved to
     * 1..n and the policy as a natopost.Policy. */
    np_lua_emit(L, &(np_result){.kind = NP_RESULT_TIMELINE, .timeline = t}); /* core, tl */
    lua_getfield(L, -1, "events");
    for (lua_Integer i = 1; i <= (lua_Integer)t->event_count; i++) {
        lua_rawgeti(L, -1, i);
        lua_rawseti(L, -3, i);
    }
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_setfield(L, -2, "events");
    lua_pushnil(L);
    lua_setfield(L, -2, "format");
    np_lua_pushpolicy(L, &t->policy);
    lua_setfield(L, -2, "policy");
    luaL_setmetatable(L, NP_LUA_TIMELINE_MT);

    lua_getfield(L, LUA_REGISTRYINDEX, CORES_KEY); /* core, tl, weak */
    lua_pushvalue(L, -2);
    lua_pushvalue(L, -4);
    lua_rawset(L, -3); /* weak[tl] = core */
    lua_pop(L, 1);
    lua_remove(L, -2); /* tl */
    return 1;
}

/* ---- methods ------------------------------------------------------------------------- */

/* tl:event(code[, default]): the event with `code` as a fresh table, or
 * `default` (nil) when the timeline does not have it; a string that is not
 * an event code raises the core's message listing the codes. */
static int timeline_event(lua_State *L)
{
    np_lua_checknargs(L, 3);
    lua_settop(L, 3); /* the default: nil when not given */
    const np_timeline *t = check_timeline(L);
    const np_event *e = np_timeline_find(t, np_lua_toeventcode(L, 2, 2, NULL));
    if (e) np_lua_emit(L, &(np_result){.kind = NP_RESULT_EVENT, .event = e});
    else lua_pushvalue(L, 3);
    return 1;
}

/* tl:date(code): the event's date "YYYY-MM-DD", or nil when absent. */
static int timeline_date(lua_State *L)
{
    np_lua_checknargs(L, 2);
    const np_timeline *t = check_timeline(L);
    const np_event *e = np_timeline_find(t, np_lua_toeventcode(L, 2, 2, NULL));
    if (e) np_lua_pushdate(L, e->date);
    else lua_pushnil(L);
    return 1;
}

/* The status day at index 2 ("on"); false when it is nil or absent and
 * `optional`. */
static bool status_day(lua_State *L, const np_timeline *t, bool optional, np_day_status *out)
{
    if (optional && lua_isnoneornil(L, 2)) return false;
    *out = np_timeline_status(t, np_lua_todate(L, 2, 2, NULL, "on"));
    return true;
}

/* tl:status(on): {on =, phase =, days_to_contract_end =,
 * conversion_window_open =, months_served =, promotion_possible =}. */
static int timeline_status(lua_State *L)
{
    np_lua_checknargs(L, 2);
    const np_timeline *t = check_timeline(L);
    np_day_status s;
    status_day(L, t, false, &s);
    np_lua_emit(L, &(np_result){.kind = NP_RESULT_STATUS, .status = &s});
    return 1;
}

/* tl:to_table([on]): the timeline with the keys of the JSON format
 * natopost.timeline/1 (docs/timeline-json.md); status only when `on` is
 * given. Fresh tables, the policy as a plain table. */
static int timeline_to_table(lua_State *L)
{
    np_lua_checknargs(L, 2);
    const np_timeline *t = check_timeline(L);
    np_day_status s;
    const bool have_status = status_day(L, t, true, &s);
    const np_result r = {.kind = NP_RESULT_TIMELINE, .timeline = t, .status = have_status ? &s : NULL};
    return np_lua_emit(L, &r);
}

/* tl:to_json([on]): the core's JSON text, with the status at `on` if given. */
static int timeline_to_json(lua_State *L)
{
    np_lua_checknargs(L, 2);
    const np_timeline *t = check_timeline(L);
    np_day_status s;
    const bool have_status = status_day(L, t, true, &s);
    char **text = np_lua_newbox(L);
    np_error err;
    if (!(*text = np_timeline_to_json(t, have_status ? &s : NULL, &err)))
        return np_lua_raise(L, &err);
    np_lua_pushbox(L, text);
    return 1;
}

/* tl:to_ical([dtstamp]): the core's iCalendar text; dtstamp in Unix seconds
 * (an integer), default now. */
static int timeline_to_ical(lua_State *L)
{
    np_lua_checknargs(L, 2);
    const np_timeline *t = check_timeline(L);
    int64_t dtstamp = (int64_t)time(NULL);
    if (!lua_isnoneornil(L, 2)) {
        if (!lua_isinteger(L, 2)) np_lua_field_typeerror(L, 2, NULL, 2, "integer (Unix seconds)");
        dtstamp = (int64_t)lua_tointeger(L, 2);
    }
    char **text = np_lua_newbox(L);
    np_error err;
    if (!(*text = np_timeline_to_ical(t, dtstamp, &err))) return np_lua_raise(L, &err);
    np_lua_pushbox(L, text);
    return 1;
}

/* "<natopost.Timeline external twin-graded from 2025-09-01, contract_end
 * 2031-08-31, 9 events>", as Python's repr. */
static int timeline_tostring(lua_State *L)
{
    const np_timeline *t = check_timeline(L);
    char start[NP_DATE_ISO_LEN + 1], end[NP_DATE_ISO_LEN + 1];
    np_date_format(t->appointment.start, start);
    const np_event *e = np_timeline_find(t, NP_EVENT_CONTRACT_END);
    if (e) np_date_format(e->date, end);
    else strcpy(end, "none");
    lua_pushfstring(L, "<%s %s%s from %s, contract_end %s, %d events>", NP_LUA_TIMELINE_MT,
                    np_kind_name(t->appointment.kind),
                    t->appointment.twin_grade ? " twin-graded" : "", start, end,
                    (int)t->event_count);
    return 1;
}

static const luaL_Reg timeline_methods[] = {
    {"event", timeline_event},
    {"date", timeline_date},
    {"status", timeline_status},
    {"to_table", timeline_to_table},
    {"to_json", timeline_to_json},
    {"to_ical", timeline_to_ical},
    {NULL, NULL},
};

void np_lua_timeline_open(lua_State *L)
{
    if (luaL_newmetatable(L, NP_LUA_TIMELINE_MT)) {
        luaL_newlib(L, timeline_methods);
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, timeline_tostring);
        lua_setfield(L, -2, "__tostring");
        np_lua_seal_metatable(L);
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, CORE_MT)) np_lua_seal_metatable(L); /* a type tag only */
    lua_pop(L, 1);
    if (lua_getfield(L, LUA_REGISTRYINDEX, CORES_KEY) == LUA_TNIL) {
        lua_newtable(L); /* timeline table -> core userdata, weak keys */
        lua_createtable(L, 0, 1);
        lua_pushliteral(L, "k");
        lua_setfield(L, -2, "__mode");
        lua_setmetatable(L, -2);
        lua_setfield(L, LUA_REGISTRYINDEX, CORES_KEY);
    }
    lua_pop(L, 1);
}
