/* natopost.project_roster(rows, opts), natopost.next_events(rows, after
 * [, opts]) and Collection:to_ical([dtstamp]).
 *
 * `rows` is an array of tables, one appointment each: `start` ("YYYY-MM-DD",
 * required), and optionally `id`, `kind`, `initial_months`, `renewal_months`,
 * `max_months`, `twin_grade`, `reduction_months`, `direct_higher` (the
 * options of natopost.timeline; absent = default), plus any other keys
 * (division, grade, ...) that opts.by may name. The rows go into a core roster
 * (np_roster_append checks each), then one core call projects them. */
#include "module.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

#define ROSTER_BOX_MT "natopost.RosterBox"

static const char *const ROW_INT_KEYS[] = {"initial_months", "renewal_months", "max_months",
                                           "reduction_months"};

static int roster_box_gc(lua_State *L)
{
    np_roster **box = luaL_checkudata(L, 1, ROSTER_BOX_MT);
    np_roster_free(*box);
    *box = NULL;
    return 0;
}

/* "bad argument #1 to 'f' (rows[i].key: <expected> expected, got T)" */
static const char *row_name(lua_State *L, lua_Integer i, const char *key)
{
    return lua_pushfstring(L, "rows[%I].%s", i, key);
}

/* The appointment of the row table at the top of the stack. */
static np_appointment read_row(lua_State *L, lua_Integer i)
{
    const int row = lua_gettop(L);
    np_appointment a = NP_APPOINTMENT_INIT;
    if (np_lua_getopt(L, row, "start") == LUA_TNIL) {
        luaL_error(L, "rows[%I]: start (the entry-on-duty date) is required", i);
    }
    const char *name = row_name(L, i, "start");
    a.start = np_lua_todate(L, -2, 1, name, name);
    lua_pop(L, 2);
    if (np_lua_getopt(L, row, "kind") != LUA_TNIL) {
        name = row_name(L, i, "kind");
        const char *kind = np_lua_checkcstring(L, -2, 1, name);
        np_error err;
        if (np_kind_parse(&a.kind, kind, &err) != NP_OK) {
            np_error_prefix(&err, "%s", name);
            np_lua_raise(L, &err);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    int *ints[] = {&a.initial_months, &a.renewal_months, &a.max_months, &a.reduction_months};
    for (size_t k = 0; k < sizeof ints / sizeof ints[0]; k++) {
        if (np_lua_getopt(L, row, ROW_INT_KEYS[k]) != LUA_TNIL) {
            *ints[k] = np_lua_toint(L, -2, 1, row_name(L, i, ROW_INT_KEYS[k]));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    if (np_lua_getopt(L, row, "twin_grade") != LUA_TNIL) {
        a.twin_grade = np_lua_tobool(L, -2, 1, row_name(L, i, "twin_grade"));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (np_lua_getopt(L, row, "direct_higher") != LUA_TNIL) {
        a.direct_higher = np_lua_tobool(L, -2, 1, row_name(L, i, "direct_higher"));
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return a;
}

/* A text cell (id, group value): a string, or a number in its Lua form. */
static const char *text_cell(lua_State *L, int idx, lua_Integer i, const char *key)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TNUMBER) return lua_tostring(L, idx); /* converts in place */
    return np_lua_checkcstring(L, idx, 1, row_name(L, i, key));
}

/* Builds the roster of `rows` (index 1) in a box left on the stack. */
static np_roster *build_roster(lua_State *L, const np_policy *policy, const char *by)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    np_roster **box = lua_newuserdatauv(L, sizeof *box, 0);
    *box = NULL;
    luaL_setmetatable(L, ROSTER_BOX_MT);
    const int box_idx = lua_gettop(L);
    np_error err;
    if (np_roster_new(box, policy, by ? &by : NULL, by ? 1 : 0, &err) != NP_OK) np_lua_raise(L, &err);
    const lua_Integer n = luaL_len(L, 1);
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, 1, i) != LUA_TTABLE)
            luaL_argerror(L, 1, lua_pushfstring(L, "rows[%I]: table expected, got %s", i,
                                                np_lua_typename(L, -1)));
        const int row = lua_gettop(L);
        const np_appointment a = read_row(L, i);
        /* A nil group value is the empty one, as an empty CSV cell (roster_cases.json). */
        const char *id = NULL, *group = "";
        if (np_lua_getopt(L, row, "id") != LUA_TNIL) id = text_cell(L, -1, i, "id");
        if (by && np_lua_getopt(L, row, by) != LUA_TNIL) group = text_cell(L, -1, i, by);
        if (np_roster_append(*box, id, &a, &group, &err) != NP_OK) np_lua_raise(L, &err);
        lua_settop(L, box_idx);
    }
    return *box;
}

static const np_policy *policy_option(lua_State *L, int opts, const char *fname)
{
    if (np_lua_getopt(L, opts, "policy") == LUA_TNIL) {
        lua_pop(L, 1);
        return NULL;
    }
    const np_policy *p = np_lua_topolicy(L, -1);
    if (!p) np_lua_field_typeerror(L, opts, "policy", -1, "natopost.Policy");
    (void)fname;
    return p; /* the Policy stays in the options table, which the caller holds */
}

/* natopost.project_roster(rows, {start = "YYYY-MM", months = N [, by =] [, policy =]}) */
static int project_roster(lua_State *L)
{
    np_lua_checknargs(L, 2);
    luaL_checktype(L, 2, LUA_TTABLE);
    static const char *const known[] = {"start", "months", "by", "policy", NULL};
    np_lua_checkkeys(L, 2, 2, known);
    if (np_lua_getopt(L, 2, "start") == LUA_TNIL) luaL_argerror(L, 2, "start (\"YYYY-MM\") is required");
    size_t first_len;
    const char *first = np_lua_checkcstring(L, -1, 2, "start");
    first_len = strlen(first);
    if (np_lua_getopt(L, 2, "months") == LUA_TNIL) luaL_argerror(L, 2, "months is required");
    const int months = np_lua_toint(L, -1, 2, "months");
    const char *by = NULL;
    if (np_lua_getopt(L, 2, "by") != LUA_TNIL) by = np_lua_checkcstring(L, -1, 2, "by");
    const np_policy *policy = policy_option(L, 2, "project_roster");
    np_error err;
    int year, month;
    if (np_month_parse(&year, &month, first, first_len, &err) != NP_OK) {
        np_error_prefix(&err, "start");
        return np_lua_raise(L, &err);
    }
    np_roster *r = build_roster(L, policy, by);
    const np_roster_columns view = np_roster_view(r, by ? 0 : SIZE_MAX);
    np_projection p;
    if (np_roster_project(&p, np_roster_policy(r), &view, year, month, months, &err) != NP_OK)
        return np_lua_raise(L, &err);
    /* The counts are copied into Lua tables, which can raise (memory): keep
     * them in a Lua-owned copy first. */
    const size_t cells = p.groups * p.months * NP_PROJECTION_COLUMNS;
    int64_t *counts = lua_newuserdatauv(L, cells * sizeof *counts, 0);
    memcpy(counts, p.counts, cells * sizeof *counts);
    const size_t groups = p.groups, horizon = p.months;
    np_projection_free(&p);
    lua_createtable(L, (int)(groups * horizon), 0);
    lua_Integer k = 0;
    for (size_t m = 0; m < horizon; m++) {
        const int total = year * 12 + month - 1 + (int)m;
        for (size_t g = 0; g < groups; g++) {
            lua_createtable(L, 0, NP_PROJECTION_COLUMNS + 2);
            lua_pushfstring(L, "%d-%s%d", total / 12, total % 12 + 1 < 10 ? "0" : "", total % 12 + 1);
            lua_setfield(L, -2, "month");
            if (by) {
                lua_pushstring(L, g < np_roster_group_value_count(r, 0) ? np_roster_group_value(r, 0, g) : "");
                lua_setfield(L, -2, by);
            }
            const int64_t *row = counts + (g * horizon + m) * NP_PROJECTION_COLUMNS;
            for (size_t c = 0; c < NP_PROJECTION_COLUMNS; c++) {
                lua_pushinteger(L, (lua_Integer)row[c]);
                lua_setfield(L, -2, np_projection_column_name(c));
            }
            lua_rawseti(L, -2, ++k);
        }
    }
    return 1;
}

/* natopost.next_events(rows, after [, {policy =}]) -> {{id =, next_event =, date =}, ...};
 * a row without an id gets the core's: its number counted from 1, as text
 * ("1", "2", ...), as the CLI and Python give it (tests/data/roster_cases.json). */
static int next_events(lua_State *L)
{
    np_lua_checknargs(L, 3);
    const np_date after = np_lua_todate(L, 2, 2, NULL, "after");
    const np_policy *policy = NULL;
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        static const char *const known[] = {"policy", NULL};
        np_lua_checkkeys(L, 3, 3, known);
        policy = policy_option(L, 3, "next_events");
    }
    lua_settop(L, 3);
    np_roster *r = build_roster(L, policy, NULL);
    const size_t n = np_roster_count(r);
    int32_t *codes = lua_newuserdatauv(L, (n ? n : 1) * sizeof *codes, 0);
    int64_t *dates = lua_newuserdatauv(L, (n ? n : 1) * sizeof *dates, 0);
    const np_roster_columns view = np_roster_view(r, SIZE_MAX);
    np_error err;
    if (np_roster_next_events(np_roster_policy(r), &view, after, codes, dates, &err) != NP_OK)
        return np_lua_raise(L, &err);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 3);
        lua_pushstring(L, np_roster_id(r, i));
        lua_setfield(L, -2, "id");
        if (codes[i] >= 0) {
            lua_pushstring(L, np_event_code_name((np_event_code)codes[i]));
            lua_setfield(L, -2, "next_event");
            np_lua_pushdate(L, (np_date)dates[i]);
            lua_setfield(L, -2, "date");
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Collection:to_ical([dtstamp]): the deadlines of every posting, through
 * c:query("") (independent Posting copies) and np_postings_to_ical. */
static int collection_to_ical(lua_State *L)
{
    np_lua_checknargs(L, 2);
    luaL_checkudata(L, 1, NP_LUA_COLLECTION_MT);
    lua_Integer dtstamp = (lua_Integer)time(NULL);
    if (!lua_isnoneornil(L, 2)) dtstamp = luaL_checkinteger(L, 2);
    lua_getfield(L, 1, "query");
    lua_pushvalue(L, 1);
    lua_pushliteral(L, "");
    lua_call(L, 2, 1);
    const int list = lua_gettop(L);
    const lua_Integer n = luaL_len(L, list);
    const np_posting **postings = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *postings, 0);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, list, i);
        postings[i - 1] = np_lua_checkposting(L, -1);
        lua_pop(L, 1); /* the list keeps the Posting alive */
    }
    char **slot = np_lua_newbox(L);
    np_error err;
    *slot = np_postings_to_ical(postings, (size_t)n, (int64_t)dtstamp, &err);
    if (!*slot) return np_lua_raise(L, &err);
    np_lua_pushbox(L, slot);
    return 1;
}

void np_lua_roster_open(lua_State *L)
{
    np_lua_box_metatable(L, ROSTER_BOX_MT, roster_box_gc);
    /* Collection:to_ical lives here, with the other calendar glue. */
    luaL_getmetatable(L, NP_LUA_COLLECTION_MT);
    lua_getfield(L, -1, "__index");
    lua_pushcfunction(L, collection_to_ical);
    lua_setfield(L, -2, "to_ical");
    lua_pop(L, 2);
}

int np_lua_project_roster(lua_State *L) { return project_roster(L); }
int np_lua_next_events(lua_State *L) { return next_events(L); }
