/* Private to the natopost Lua module: what each per-type file gives
 * module.c. One file per type (as lpeg and lua-cjson do):
 *   convert.c    values, option tables, natopost.Error (the structured
 *                error of every core failure), owned-string boxes and the
 *                box/finaliser helpers (convert.h)
 *   policy.c     natopost.Policy userdata (a plain value); natopost.policy,
 *                policy_from_json, policy_load
 *   timeline.c   timeline tables (events + fields, methods in a shared
 *                metatable); natopost.timeline
 *   batch.c      natopost.batch
 *   posting.c    natopost.Posting userdata; read_notice(_file), loads, load,
 *                save, posting_from_json
 *   collection.c natopost.Collection userdata, query results; eligibility
 *   roster.c     project_roster, next_events, Collection:to_ical
 *   cancel.c     set_cancel_hook
 * Lifetimes, the same in every file: a userdata that owns a C object is
 * created first, empty, with its metatable (np_lua_box_metatable), and the
 * core fills its slot afterwards; one function is both its __gc and its
 * __close (np_lua_set_finaliser). A new type adds a file with a
 * np_lua_<type>_open (metatables) and its module functions, and one line
 * each in module.c. */
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
int np_lua_set_cancel_hook(lua_State *L);  /* natopost.set_cancel_hook(fn | nil): cancel.c */

/* emit.c: the core's emitter (natopost/emit.h) building Lua values. Pushes
 * `result` as tables, "YYYY-MM-DD" strings, ... and returns 1, or raises the
 * core's error; a posting member the record does not have pushes nothing
 * and returns 0. */
void np_lua_emit_open(lua_State *L);
int np_lua_emit(lua_State *L, const np_result *result);

/* timeline.c: builds and pushes a timeline table (shared with posting.c). */
int np_lua_pushtimeline(lua_State *L, const np_policy *policy, const np_appointment *a);

/* posting.c: natopost.Posting userdata and the readers. */
#define NP_LUA_POSTING_MT "natopost.Posting"
void np_lua_posting_open(lua_State *L);
/* Pushes an empty natopost.Posting and returns its slot: the caller stores
 * the posting there (the box owns it from then on, also when a Lua error
 * unwinds the call), then calls np_lua_account_posting. Boxing first means
 * no core object exists before the userdata that frees it. */
np_posting **np_lua_newposting(lua_State *L);
void np_lua_account_posting(lua_State *L); /* tells the collector of its C memory */
/* The posting of the natopost.Posting at `idx`; raises an error when the
 * userdata was finalised (its __gc called by hand). */
const np_posting *np_lua_checkposting(lua_State *L, int idx);
const char *np_lua_tocandidatejson(lua_State *L, int idx, int arg, size_t *len);
int np_lua_read_notice(lua_State *L);       /* natopost.read_notice(text[, source]) */
int np_lua_read_notice_file(lua_State *L);  /* natopost.read_notice_file(path) */
int np_lua_loads(lua_State *L);             /* natopost.loads(json) */
int np_lua_load(lua_State *L);              /* natopost.load(path) */
int np_lua_save(lua_State *L);              /* natopost.save(path, postings) */
int np_lua_posting_from_json(lua_State *L); /* natopost.posting_from_json(json) */
int np_lua_posting_from_table(lua_State *L); /* natopost.posting_from_table(t) */

/* collection.c: natopost.Collection userdata; eligibility. */
#define NP_LUA_COLLECTION_MT "natopost.Collection"
void np_lua_collection_open(lua_State *L);
int np_lua_collection_new(lua_State *L);    /* natopost.collection([paths|postings]) */
int np_lua_eligibility(lua_State *L);       /* natopost.eligibility(candidate, posting) */

/* roster.c: rosters and the deadline calendar */
void np_lua_roster_open(lua_State *L);      /* after np_lua_collection_open: Collection:to_ical */
int np_lua_project_roster(lua_State *L);    /* natopost.project_roster(rows, opts) */
int np_lua_next_events(lua_State *L);       /* natopost.next_events(rows, after[, opts]) */

#endif
