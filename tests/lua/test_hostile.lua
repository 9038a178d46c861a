-- Hostile use (issue 14): whatever a script does to the module's values, the
-- host does not crash. Each test here crashed the interpreter (segfault)
-- before its fix, so a regression kills the run and fails the suite.
local H = ...
local natopost = H.natopost

local EXAMPLES = os.getenv("NATOPOST_EXAMPLES")

local function a_posting()
  return natopost.read_notice_file(EXAMPLES .. "/ncia-cyber-engineer.txt")
end

-- ---- candidate tables: cycles and deep nesting --------------------------------------------

local function nested(levels)
  local root = {}
  local t = root
  for _ = 1, levels do
    t.languages = {}
    t = t.languages
  end
  return root
end

-- Both ways a profile table reaches the core.
local function candidate_feeders()
  local p = a_posting()
  return {
    eligibility = function(profile) return natopost.eligibility(profile, p) end,
    add_candidate = function(profile) return natopost.collection(p):add_candidate("x", profile) end,
  }
end

H.test("a candidate table that contains itself is an error, not a crash", function()
  for how, feed in pairs(candidate_feeders()) do
    local profile = { languages = { english = "V" } }
    profile.languages.self = profile
    H.core_error({ "candidate: languages.self: the table contains itself (a cycle)" }, feed, profile)
    local list = { 1 }
    list[2] = list
    H.core_error({ "candidate: languages[2]: the table contains itself" }, feed, { languages = list })
    H.ok(how)
  end
end)

H.test("candidate tables nested 15, 31, 32 and 200 levels: a clear error", function()
  for how, feed in pairs(candidate_feeders()) do
    for _, levels in ipairs({ 15, 31 }) do -- 32 tables in all: the most allowed
      -- Deep but convertible: the core rejects the shape, naming the key.
      local err = H.core_error({ "candidate" }, feed, nested(levels))
      H.ok(not err:find("nested more than", 1, true), how .. ": " .. err)
    end
    for _, levels in ipairs({ 32, 200 }) do
      H.core_error({ "candidate: languages.languages...languages.languages: nested more than 32 levels" },
                   feed, nested(levels))
    end
  end
end)

H.test("deep candidate tables from a coroutine (a small Lua stack)", function()
  local feed = candidate_feeders().eligibility
  local co = coroutine.wrap(function() return pcall(feed, nested(40)) end)
  local ok, err = co()
  H.ok(not ok)
  H.contains(H.message(err), "nested more than 32 levels")
end)

H.test("numbers JSON cannot hold name the key and what the script wrote", function()
  local feed = candidate_feeders().eligibility
  H.core_error({ "candidate: experience_years: inf (or a literal such as 1e400) is not a JSON number" },
               feed, { experience_years = 1e400 })
  H.core_error({ "candidate: experience_years: nan is not a JSON number" }, feed, { experience_years = 0 / 0 })
  H.core_error({ "candidate: a table key that is not a string (a number)" }, feed, { [1.5] = 1 })
  H.core_error({ "candidate: degree: a string that is not valid UTF-8" }, feed, { degree = "\xff" })
  H.core_error({ "candidate: languages: a function value" }, feed, { languages = print })
  H.core_error({ "candidate: languages.english[1]: a function value" }, feed,
               { languages = { english = { print } } })
  -- JSON text goes to the core's reader as is: its message quotes the text.
  H.core_error({ "real number overflow near '1e400'" }, feed, '{"experience_years": 1e400}')
end)

-- ---- finalised objects and protected metatables -------------------------------------------

H.test("a collection finalised by hand raises on use", function()
  local c = natopost.collection(a_posting())
  local gc = debug.getmetatable(c).__gc
  gc(c)
  gc(c) -- twice: still nothing to free twice
  for name, call in pairs({
    query = function() return c:query("") end,
    rows = function() return c:rows("") end,
    to_records = function() return c:to_records() end,
    add = function() return c:add(a_posting()) end,
    add_candidate = function() return c:add_candidate("x", {}) end,
    memory_bytes = function() return c:memory_bytes() end,
    len = function() return #c end,
    tostring = function() return tostring(c) end,
  }) do
    H.raises({ "natopost.Collection: used after it was finalised" }, call)
    H.ok(name)
  end
end)

H.test("to-be-closed collections and postings free their C object at the end of the scope", function()
  local kept_c, kept_p
  do
    local c <close> = natopost.collection(a_posting())
    local p <close> = a_posting()
    H.eq(#c, 1)
    H.ok(p.title)
    kept_c, kept_p = c, p
  end
  H.raises({ "natopost.Collection: used after it was finalised (__gc or __close)" }, function() return #kept_c end)
  H.raises({ "natopost.Posting: used after it was finalised (__gc or __close)" }, function() return kept_p.title end)
  -- the same function serves both, so the collector's __gc later frees nothing twice
  H.eq(debug.getmetatable(kept_c).__close, debug.getmetatable(kept_c).__gc)
  H.eq(debug.getmetatable(kept_p).__close, debug.getmetatable(kept_p).__gc)
  kept_c, kept_p = nil, nil
  collectgarbage()
  -- closing on an error path frees too
  local closed
  H.raises("stop", function()
    local c <close> = natopost.collection(a_posting())
    closed = c
    error("stop")
  end)
  H.raises({ "used after it was finalised" }, function() return #closed end)
end)

H.test("a posting finalised by hand raises on use", function()
  local p = a_posting()
  local gc = debug.getmetatable(p).__gc
  gc(p)
  gc(p)
  for name, call in pairs({
    field = function() return p.title end,
    to_json = function() return p:to_json() end,
    to_table = function() return p:to_table() end,
    timeline = function() return p:timeline("2025-09-01") end,
    tostring = function() return tostring(p) end,
    eq = function() return p == a_posting() end,
    eligibility = function() return natopost.eligibility({}, p) end,
    collection = function() return natopost.collection(p) end,
  }) do
    H.raises({ "natopost.Posting: used after it was finalised" }, call)
    H.ok(name)
  end
  H.raises({ "postings[1]: natopost.Posting used after it was finalised" },
           natopost.save, H.tmpdir() .. "/gone.json", { p })
end)

H.test("every metatable of the module is protected", function()
  local values = {
    ["natopost.Posting"] = a_posting(),
    ["natopost.Collection"] = natopost.collection(),
    ["natopost.Policy"] = natopost.policy(),
    ["natopost.Timeline"] = natopost.timeline("2025-09-01"),
  }
  for name, v in pairs(values) do
    H.eq(getmetatable(v), name, "getmetatable gives the name, not the table")
  end
  -- Of these only timelines are tables, which setmetatable could change.
  H.raises({ "cannot change a protected metatable" }, setmetatable, values["natopost.Timeline"], nil)
  -- The internal boxes too (reachable through the registry only).
  for _, name in ipairs({ "natopost.box", "natopost.emit.hold", "natopost.PostingList.box",
                          "natopost.Result.box", "natopost.Eligibility.box", "natopost.Timeline.core" }) do
    local mt = debug.getregistry()[name]
    H.eq(type(mt), "table", name)
    H.eq(mt.__metatable, name, name)
  end
end)

-- ---- file names of any bytes ----------------------------------------------------------------

H.test("a notice whose file name is not UTF-8 exports and reads back exactly", function()
  local dir = H.tmpdir()
  local name = dir .. "/caf\xe9 100%.txt" -- Latin-1, not UTF-8
  local out = assert(io.open(name, "wb"))
  out:write(H.read_file(EXAMPLES .. "/ncia-cyber-engineer.txt"))
  out:close()
  local p = natopost.read_notice_file(name)
  H.eq(p.source, name)
  H.eq(p:to_table().source, name)
  H.eq(p:to_table().source_bytes, nil)
  local text = p:to_json()
  H.contains(text, '"source_bytes":"' .. dir .. '/caf%E9%20100%25.txt"')
  H.contains(text, "/caf\u{FFFD} 100%.txt")
  H.ok(natopost.posting_from_json(text) == p, "posting_from_json(to_json(p)) == p")
  local saved = dir .. "/odd.json"
  natopost.save(saved, { p })
  local back = natopost.load(saved)
  H.eq(#back, 1)
  H.ok(back[1] == p)
  H.eq(back[1].source, name)
  H.eq(natopost.read_notice(H.read_file(name), name).source, name)
  H.core_error({ "source_bytes: not percent-encoded at character 4" }, natopost.posting_from_json,
               (text:gsub('"source_bytes":"[^"]*"', '"source_bytes":"caf%%zz"')))
end)

H.test("candidate JSON text reaches the core whole, as from Python and the CLI", function()
  local feed = candidate_feeders().eligibility
  H.core_error({ "candidate JSON: ", "end of file expected" }, feed, '{"degree": "none"}\0 trailing')
  H.core_error({ "duplicate object key", '"experience_years"' }, feed,
               '{"experience_years": 1, "experience_years": 2}')
end)
