-- Every bad input gives a clear error naming what is wrong: the shared
-- catalogue tests/data/bad_inputs.json (as tests/python/test_bad_inputs.py
-- reads it; Lua strings hold any bytes, so 'hex' inputs arrive exactly), and
-- wrong types, unknown keys, bad dates and out-of-range values for every
-- argument of every function.
local H = ...
local natopost = H.natopost

-- ---- the shared catalogue ---------------------------------------------------------------

local CATALOGUE = H.data("bad_inputs.json").cases

local function raw_bytes(case)
  if case.text then return case.text end
  if case.hex then
    return (case.hex:gsub("%x%x", function(h) return string.char(tonumber(h, 16)) end))
  end
  local r = case["repeat"]
  return r.prefix .. r.unit:rep(r.count) .. r.suffix
end

-- Each surface, fed every way the Lua module takes it.
local FEEDERS = {
  date = {
    ["timeline{start=}"] = function(s) return natopost.timeline { start = s } end,
    ["timeline(start)"] = function(s) return natopost.timeline(s) end,
    ["tl:status(on)"] = function(s) local t = natopost.timeline("2025-09-01"); return t:status(s) end,
    ["tl:to_json(on)"] = function(s) local t = natopost.timeline("2025-09-01"); return t:to_json(s) end,
    ["batch(starts)"] = function(s) return natopost.batch(nil, { s }) end,
  },
  policy_json = {
    ["policy_from_json"] = function(s) return natopost.policy_from_json(s) end,
    ["policy_load"] = function(s)
      local path = H.tmpdir() .. "/policy.json"
      local f = assert(io.open(path, "wb"))
      f:write(s)
      f:close()
      return natopost.policy_load(path)
    end,
  },
  notice = {
    ["read_notice"] = function(s) return natopost.read_notice(s) end,
  },
  posting_json = {
    ["loads"] = function(s) return natopost.loads(s) end,
  },
  query = {
    ["collection:query"] = function(s) return natopost.collection():query(s) end,
    ["collection:to_records"] = function(s) return natopost.collection():to_records(s) end,
  },
}

for _, case in ipairs(CATALOGUE) do
  H.test("bad input: " .. case.name, function()
    local feeders = FEEDERS[case.surface]
    H.ok(feeders, "unknown surface '" .. case.surface .. "': teach test_errors.lua to feed it")
    local input = raw_bytes(case)
    for how, feed in pairs(feeders) do
      local ok, err = pcall(feed, input)
      H.ok(not ok, how .. " accepted it")
      H.eq(getmetatable(err), "natopost.Error", how)
      H.eq(err.code, case.status, how .. ": err.code")
      err = H.message(err)
      for _, fragment in ipairs(case.message_contains) do H.contains(err, fragment, how) end
      H.ok(not err:find("bad argument", 1, true), how .. ": a core error, not an argument error")
    end
  end)
end

H.test("the catalogue covers the issue's list", function()
  local names = {}
  for _, c in ipairs(CATALOGUE) do names[#names + 1] = c.name end
  names = table.concat(names, " ")
  for _, required in ipairs({ "empty", "binary garbage", "invalid UTF-8", "NUL", "10-level JSON bomb",
                              "1,000,000-level JSON bomb", "out of range", "30 February", "year 0",
                              "year 10000" }) do
    H.contains(names, required)
  end
end)

-- ---- bad dates, everywhere a date goes ------------------------------------------------------

local BAD_DATES = {
  { "2025-02-30", "day 30 is out of range for February 2025" },
  { "0000-01-01", "year 0 is out of range" },
  { "10000-01-01", "expected '-' at column 5" },
  { "2025-13-01", "month 13 is out of range" },
  { "", "empty date" },
  { "2025-09-01T00:00", "unexpected text after YYYY-MM-DD" },
  { " 2025-09-01", "column 1" },
  { "2025-09-01\0", "unexpected text after YYYY-MM-DD" },
}

for _, c in ipairs(BAD_DATES) do
  H.test(("bad date %q everywhere"):format(c[1]), function()
    local t = natopost.timeline("2025-09-01")
    H.core_error({ "start: ", c[2] }, natopost.timeline, { start = c[1] })
    H.core_error({ "start: ", c[2] }, natopost.timeline, c[1])
    H.core_error({ "on: ", c[2] }, t.status, t, c[1])
    H.core_error({ "on: ", c[2] }, t.to_table, t, c[1])
    H.core_error({ "on: ", c[2] }, t.to_json, t, c[1])
    H.core_error({ "starts[2]: ", c[2] }, natopost.batch, nil, { "2025-09-01", c[1] })
  end)
end

-- ---- wrong types for every option -------------------------------------------------------------

local a_timeline = natopost.timeline("2025-09-01")
local a_policy = natopost.policy()

local WRONG = {
  start = { { 20250901, "got number" }, { true, "got boolean" }, { {}, "got table" }, { 2025.9, "got float" },
            { a_policy, "got natopost.Policy" }, { print, "got function" } },
  kind = { { 1, "string expected, got number" }, { true, "string expected, got boolean" },
           { {}, "string expected, got table" } },
  initial_months = { { "36", "integer expected, got string" }, { 36.0, "integer expected, got float" },
                     { true, "integer expected, got boolean" }, { {}, "integer expected, got table" } },
  renewal_months = { { "36", "got string" }, { 1.5, "got float" }, { false, "got boolean" } },
  max_months = { { "72", "got string" }, { 72.0, "got float" }, { true, "got boolean" } },
  twin_grade = { { 1, "boolean expected, got number" }, { 0, "got number" }, { "yes", "got string" },
                 { {}, "got table" } },
  reduction_months = { { "0", "integer expected, got string" }, { 1.0, "got float" }, { false, "got boolean" } },
  direct_higher = { { 1, "boolean expected, got number" }, { "no", "got string" } },
  policy = { { {}, "natopost.Policy expected, got table" }, { "default", "got string" }, { 1, "got number" },
             { a_timeline, "got natopost.Timeline" }, { true, "got boolean" } },
}

for name, cases in pairs(WRONG) do
  H.test("wrong type for option " .. name .. " names it", function()
    for _, c in ipairs(cases) do
      local input = { start = "2025-09-01", [name] = c[1] }
      H.arg_error({ "#1", name .. ": ", c[2] }, natopost.timeline, input)
      if name ~= "start" then
        input.start = nil
        H.arg_error({ "#2", name .. ": ", c[2] }, natopost.timeline, "2025-09-01", input)
        H.arg_error({ "#3", name .. ": ", c[2] }, natopost.batch, nil, { "2025-09-01" }, input)
      end
    end
  end)
end

H.test("a missing start, unknown keys, call shapes", function()
  H.arg_error('start: date string "YYYY-MM-DD" expected, got nil', natopost.timeline, {})
  H.arg_error('start: date string "YYYY-MM-DD" expected, got nil', natopost.timeline, { kind = "serving" })
  H.arg_error("table or date string expected, got no value", natopost.timeline)
  H.arg_error("table or date string expected, got number", natopost.timeline, 20250901)
  H.arg_error("table or date string expected, got nil", natopost.timeline, nil)
  H.arg_error({ "unknown key 'kinds'", "known: start, kind, " }, natopost.timeline,
    { start = "2025-09-01", kinds = "external" })
  H.arg_error("unknown key [1]", natopost.timeline, { "2025-09-01" })
  H.arg_error("unknown key [2.5]", natopost.timeline, { start = "2025-09-01", [2.5] = 1 })
  H.arg_error("unknown key of type table", natopost.timeline, { start = "2025-09-01", [{}] = 1 })
  H.arg_error("unknown key 'Start'", natopost.timeline, { Start = "2025-09-01" })
  H.arg_error("start: given twice", natopost.timeline, "2025-09-01", { start = "2025-09-01" })
  H.arg_error("table expected, got string", natopost.timeline, "2025-09-01", "external")
  H.arg_error("no value expected (at most 1 argument), got table", natopost.timeline,
    { start = "2025-09-01" }, {})
  H.arg_error("no value expected (at most 2 arguments)", natopost.timeline, "2025-09-01", {}, {})
  H.arg_error("kind: contains a NUL character", natopost.timeline, { start = "2025-09-01", kind = "external\0x" })
end)

-- ---- out-of-range values -------------------------------------------------------------------------

H.test("values the core rejects name the option", function()
  local cases = {
    { { kind = "contractor" }, { 'kind "contractor" is not one of external, seconded, serving' } },
    { { kind = "External" }, { "kind", "External" } },
    { { kind = "" }, { "kind", "not one of" } },
    { { renewal_months = 37 }, { "renewal_months", "37" } },
    { { renewal_months = -1 }, { "renewal_months", "-1" } },
    { { initial_months = 0 }, { "initial_months", "0" } },
    { { initial_months = 1201 }, { "initial_months", "1201" } },
    { { max_months = 30 }, { "max_months", "30" } },
    { { max_months = 2147483647 }, { "max_months", "2147483647" } },
    { { twin_grade = true, reduction_months = 25 }, { "reduction_months", "25" } },
    { { twin_grade = true, reduction_months = -3 }, { "reduction_months", "-3" } },
    { { reduction_months = 12 }, { "reduction_months", "twin" } },
    { { twin_grade = true, direct_higher = true }, { "direct_higher", "serving" } },
  }
  for _, c in ipairs(cases) do
    local input = H.copy(c[1])
    input.start = "2025-09-01"
    H.core_error(c[2], natopost.timeline, input)
    H.core_error(c[2], natopost.batch, nil, { "2025-09-01" }, c[1])
  end
end)

H.test("integers that do not fit a C int name the option", function()
  for _, name in ipairs({ "initial_months", "renewal_months", "max_months", "reduction_months" }) do
    for _, v in ipairs({ 1 << 31, -(1 << 31), 1 << 40, math.maxinteger, math.mininteger }) do
      H.arg_error(("%s: %d is out of range"):format(name, v), natopost.timeline,
        { start = "2025-09-01", twin_grade = true, [name] = v })
      H.arg_error(("%s: %d is out of range"):format(name, v), natopost.batch, nil, {}, { [name] = v })
    end
  end
end)

-- ---- methods -------------------------------------------------------------------------------------

H.test("wrong arguments to every method", function()
  local t, p = a_timeline, a_policy
  local calls = {
    { "natopost.Timeline expected, got string", t.event, "x", "contract_end" },
    { "string expected, got nil", t.event, t, nil, n = 4 },
    { "string expected, got table", t.date, t, {} },
    { "no value expected", t.date, t, "contract_end", 1 },
    { 'date string "YYYY-MM-DD" expected, got nil', t.status, t, nil, n = 4 },
    { "got boolean", t.status, t, true },
    { "got number", t.to_json, t, 20260101 },
    { "got table", t.to_table, t, {} },
    { "integer (Unix seconds) expected, got string", t.to_ical, t, "now" },
    { "integer (Unix seconds) expected, got float", t.to_ical, t, 1.5 },
    { "no value expected", t.to_ical, t, 0, 1 },
    { "natopost.Policy expected, got table", p.to_json, {} },
    { "natopost.Policy expected, got natopost.Timeline", p.to_table, t },
    { "string expected, got boolean", p.save, p, false },
    { "string expected, got table", natopost.policy_from_json, {} },
    { "string expected, got nil", natopost.policy_load, nil, n = 3 },
  }
  for _, c in ipairs(calls) do
    H.arg_error(c[1], table.unpack(c, 2, c.n or #c))
  end
end)

H.test("core errors are natopost.Error values: code, status, position; tostring is the message", function()
  local ok, err = pcall(natopost.timeline, "2025-02-30")
  H.eq(ok, false)
  H.eq(getmetatable(err), "natopost.Error")
  H.eq(tostring(err), "start: day 30 is out of range for February 2025 (01..28)")
  H.eq(err.message, tostring(err))
  H.eq({ err.code, err.status, err.line, err.column, err.offset, err.path },
       { "invalid", "invalid argument", 1, 9, 8, nil })

  -- a parse error keeps where the text went wrong (line 2, column 3: the
  -- second comma), as Python's natopost.Error does
  local _, perr = pcall(natopost.policy_from_json, '{"renewal_months": 24,\n  ,}')
  H.eq({ perr.code, perr.status, perr.line, perr.column, perr.offset },
       { "parse", "parse error", 2, 3, 25 })
  H.contains(tostring(perr), "policy JSON")

  -- a file error names the file in err.path
  local missing = H.tmpdir() .. "/no such notice.txt"
  for name, call in pairs({
    read_notice_file = function() return natopost.read_notice_file(missing) end,
    load = function() return natopost.load(missing) end,
    policy_load = function() return natopost.policy_load(missing) end,
    collection = function() return natopost.collection{ missing } end,
  }) do
    local _, ferr = pcall(call)
    H.eq({ ferr.code, ferr.path }, { "file", missing }, name)
    H.contains(tostring(ferr), "no such notice.txt", name)
  end

  -- the three kinds a pcall user branches on are told apart by code alone
  local _, qerr = pcall(natopost.collection{}.query, natopost.collection{}, "grade >=")
  H.eq({ qerr.code, qerr.column }, { "parse", 9 })

  -- an argument error stays Lua's string (Python: TypeError, not natopost.Error)
  local _, aerr = pcall(natopost.timeline, { start = 1 })
  H.eq(type(aerr), "string")
  H.contains(aerr, "bad argument #1")
end)

H.test("a natopost.Error prints as its message where Lua prints error values", function()
  local ok, out = pcall(function()
    local _, err = pcall(natopost.timeline, "2025-13-01")
    return ("%s|%s"):format(tostring(err), err)
  end)
  H.ok(ok, tostring(out))
  H.eq(out, "start: month 13 is out of range (01..12)|start: month 13 is out of range (01..12)")
end)
