-- LuaRocks package of the natopost Lua module: the binding's C glue and the
-- natopost C core, compiled by LuaRocks' builtin backend into one natopost.so.
--
-- Build and install from a checkout (at the project root; `make` builds the
-- current directory and does not use source.url):
--   luarocks --lua-version 5.4 make lua/natopost-0.1.0-1.rockspec
-- The sources below must match meson's lists (bindings/lua/meson.build,
-- core/meson.build and its src/* folders): the meson test 'rockspec' (suite
-- 'package', tests/lua/rockspec_build.lua) checks it and builds the module
-- from this file the way the builtin backend does.
rockspec_format = "3.0"
package = "natopost"
version = "0.1.0-1"

source = {
  -- A release tarball made with
  --   git archive --prefix=natopost-0.1.0/ -o natopost-0.1.0.tar.gz v0.1.0
  url = "file://natopost-0.1.0.tar.gz",
  dir = "natopost-0.1.0",
}

description = {
  summary = "NATO civilian contract and promotion timelines, computed exactly",
  detailed = [[
Reads the contract rules of NATO civilian vacancy notices (3-year definite
duration contracts, renewal up to 6 years, the window to apply for an
indefinite contract, twin-grade promotion timing) and computes timelines,
statuses, JSON and iCalendar exports. A Lua 5.4 binding over the natopost C
core, which the command-line tool and the Python extension share.
]],
  license = "MIT",
  labels = { "dates", "nato", "contracts" },
}

dependencies = {
  "lua >= 5.4, < 5.5",
}

external_dependencies = {
  JANSSON = {
    header = "jansson.h",
    library = "jansson",
  },
}

build = {
  type = "builtin",
  modules = {
    natopost = {
      sources = {
        -- the binding (bindings/lua/meson.build)
        "bindings/lua/module.c",
        "bindings/lua/convert.c",
        "bindings/lua/emit.c",
        "bindings/lua/policy.c",
        "bindings/lua/timeline.c",
        "bindings/lua/batch.c",
        "bindings/lua/posting.c",
        "bindings/lua/collection.c",
        "bindings/lua/cancel.c",
        "bindings/lua/roster.c",
        -- the core (core/meson.build: core_sources, and the batch kernel)
        "core/src/support/error.c",
        "core/src/support/text_quote.c",
        "core/src/support/file_io.c",
        "core/src/support/file_save.c",
        "core/src/support/cancel.c",
        "core/src/support/strbuf.c",
        "core/src/dates/date.c",
        "core/src/dates/epoch.c",
        "core/src/support/json_util.c",
        "core/src/support/json_write.c",
        "core/src/rules/policy.c",
        "core/src/rules/timeline.c",
        "core/src/formats/timeline_json.c",
        "core/src/formats/timeline_ical.c",
        "core/src/formats/posting_ical.c",
        "core/src/query/query.c",
        "core/src/support/edit_distance.c",
        "core/src/model/grade.c",
        "core/src/model/scales.c",
        "core/src/model/requirement.c",
        "core/src/model/posting.c",
        "core/src/model/posting_schema.c",
        "core/src/reader/notice.c",
        "core/src/reader/notice_encoding.c",
        "core/src/reader/notice_normalize.c",
        "core/src/reader/notice_segment.c",
        "core/src/reader/notice_text.c",
        "core/src/reader/notice_header.c",
        "core/src/reader/notice_place.c",
        "core/src/reader/notice_org.c",
        "core/src/reader/notice_sections.c",
        "core/src/reader/notice_requirements.c",
        "core/src/reader/notice_contract.c",
        "core/src/reader/notice_language.c",
        "core/src/formats/json_tree.c",
        "core/src/formats/posting_json_common.c",
        "core/src/formats/posting_to_json.c",
        "core/src/formats/posting_from_json.c",
        "core/src/formats/posting_from_record.c",
        "core/src/formats/posting_list.c",
        "core/src/formats/posting_jsonld.c",
        "core/src/collection/posting_fields.c",
        "core/src/collection/spool.c",
        "core/src/collection/codec.c",
        "core/src/collection/collection.c",
        "core/src/collection/eval.c",
        "core/src/collection/result.c",
        "core/src/collection/candidate.c",
        "core/src/collection/member_states.c",
        "core/src/collection/countries.c",
        "core/src/collection/collection_io.c",
        "core/src/collection/collection_unique.c",
        "core/src/roster/roster.c",
        "core/src/roster/roster_project.c",
        "core/src/roster/roster_csv.c",
        "core/src/roster/roster_write.c",
        "core/src/emit/emit_results.c",
        "core/src/emit/emit_posting.c",
        "core/src/emit/emit_json.c",
        "core/src/rules/timeline_batch.c",
      },
      incdirs = {
        "bindings/lua/include",
        "core/include",
        "core/src",
        "$(JANSSON_INCDIR)",
      },
      libdirs = { "$(JANSSON_LIBDIR)" },
      libraries = { "jansson" },
    },
  },
}
