/* natopost: the Lua 5.4 module over the natopost core (`require "natopost"`).
 * luaopen_natopost registers each type's metatables and builds the module
 * table; the functions live in the per-type files (see module.h). */
#include "module.h"

#include "natopost/lua.h"

static const luaL_Reg module_functions[] = {
    {"timeline", np_lua_timeline_new},
    {"policy", np_lua_policy_new},
    {"policy_from_json", np_lua_policy_from_json},
    {"policy_load", np_lua_policy_load},
    {"batch", np_lua_batch},
    {"read_notice", np_lua_read_notice},
    {"read_notice_file", np_lua_read_notice_file},
    {"loads", np_lua_loads},
    {"load", np_lua_load},
    {"save", np_lua_save},
    {"posting_from_json", np_lua_posting_from_json},
    {"posting_from_table", np_lua_posting_from_table},
    {"collection", np_lua_collection_new},
    {"eligibility", np_lua_eligibility},
    {"set_cancel_hook", np_lua_set_cancel_hook},
    {"project_roster", np_lua_project_roster},
    {"next_events", np_lua_next_events},
    {NULL, NULL},
};

int luaopen_natopost(lua_State *L)
{
    luaL_checkversion(L);
    np_lua_convert_open(L);
    np_lua_emit_open(L);
    np_lua_policy_open(L);
    np_lua_timeline_open(L);
    np_lua_posting_open(L);
    np_lua_collection_open(L);
    np_lua_roster_open(L); /* after the collection: adds Collection:to_ical */

    luaL_newlib(L, module_functions);
    lua_createtable(L, NP_EVENT_COUNT, 0);
    for (int i = 0; i < NP_EVENT_COUNT; i++) {
        lua_pushstring(L, np_event_code_name((np_event_code)i));
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "EVENT_CODES");
    lua_createtable(L, NP_KIND_SERVING + 1, 0);
    for (int k = NP_KIND_EXTERNAL; k <= NP_KIND_SERVING; k++) {
        lua_pushstring(L, np_kind_name((np_kind)k));
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "KINDS");
    lua_pushinteger(L, (lua_Integer)NP_BATCH_NAT);
    lua_setfield(L, -2, "NAT");
    lua_pushliteral(L, NATOPOST_VERSION);
    lua_setfield(L, -2, "_VERSION");
    return 1;
}
