-- Issue 6, item 4: a wrong type for every argument of every function and
-- method of the Lua module (the same table as tests/python/test_wrong_types.py).
--
-- CALLS has one row per function or method with arguments that work; each
-- test replaces one argument by values of the wrong type and expects an
-- argument error naming its position and the function ("bad argument #2 to
-- 'save' (...)"), never a crash. A coverage test fails when the module or a
-- userdata gains a function without a row here.
local H = require "harness"
local natopost = require "natopost"

local EXAMPLES = assert(os.getenv("NATOPOST_EXAMPLES"), "NATOPOST_EXAMPLES is not set")
local NOTICE = EXAMPLES .. "/is-twin-grade-analyst.txt"
local dir = H.tmpdir()

local function posting() return natopost.read_notice_file(NOTICE) end
local function collection() return natopost.collection { posting() } end
local function a_timeline() return natopost.timeline("2025-09-01") end
local PROFILE = { name = "A", nationality = "Belgium", degree = "postgraduate", experience_years = 5,
                  languages = { english = "IV", french = "II" }, clearance = "NS" }
local POLICY_FILE, POSTINGS_FILE = dir .. "/policy.json", dir .. "/postings.json"

-- Values no argument accepts (a string or table argument never takes a
-- function, a coroutine or a boolean; a number never takes a table).
local WRONG = { print, coroutine.create(print), true }
local WRONG_FOR_TABLE = { print, true, 1.5 }

-- name -> { function maker, valid arguments, { position, wrong values }... }
-- A method's position 1 is self; its message counts it as #1 too ('bad
-- argument #1 to 'save'') when called with ':'.
local CALLS = {
  ["timeline"] = { function() return natopost.timeline end, { "2025-09-01", {} }, { 1, WRONG }, { 2, WRONG_FOR_TABLE } },
  ["batch"] = { function() return natopost.batch end, { "contract_end", { "2025-09-01" }, {} },
                { 1, WRONG }, { 2, WRONG_FOR_TABLE }, { 3, WRONG_FOR_TABLE } },
  ["policy"] = { function() return natopost.policy end, { {} }, { 1, WRONG_FOR_TABLE } },
  ["policy_from_json"] = { function() return natopost.policy_from_json end, { natopost.policy():to_json() }, { 1, WRONG } },
  ["policy_load"] = { function() return natopost.policy_load end, { POLICY_FILE }, { 1, WRONG } },
  ["read_notice"] = { function() return natopost.read_notice end, { "Analyst\nNATO Grade G15\n", "s" },
                      { 1, WRONG }, { 2, WRONG } },
  ["read_notice_file"] = { function() return natopost.read_notice_file end, { NOTICE }, { 1, WRONG } },
  ["loads"] = { function() return natopost.loads end, { "[]" }, { 1, WRONG } },
  ["load"] = { function() return natopost.load end, { POSTINGS_FILE }, { 1, WRONG } },
  ["save"] = { function() return natopost.save end, { dir .. "/out.json", {} }, { 1, WRONG }, { 2, WRONG_FOR_TABLE } },
  ["posting_from_json"] = { function() return natopost.posting_from_json end, { posting():to_json() }, { 1, WRONG } },
  ["posting_from_table"] = { function() return natopost.posting_from_table end, { { title = "x" } },
                           { 1, WRONG_FOR_TABLE } },
  ["collection"] = { function() return natopost.collection end, { {}, { on_error = "skip" } },
                     { 1, WRONG_FOR_TABLE }, { 2, WRONG_FOR_TABLE } },
  ["eligibility"] = { function() return natopost.eligibility end, { PROFILE, posting() },
                      { 1, WRONG }, { 2, { print, true, "posting", {} } } },
  ["set_cancel_hook"] = { function() return natopost.set_cancel_hook end, { function() return false end },
                          { 1, { true, "hook", {}, 1.5 } } },
  -- methods: self first
  ["Timeline.event"] = { function() return a_timeline().event end, { a_timeline(), "contract_end" },
                         { 1, { "t", {}, true } }, { 2, WRONG } },
  ["Timeline.date"] = { function() return a_timeline().date end, { a_timeline(), "contract_end" },
                        { 1, { "t", {}, true } }, { 2, WRONG } },
  ["Timeline.status"] = { function() return a_timeline().status end, { a_timeline(), "2026-01-01" },
                          { 1, { "t", {}, true } }, { 2, WRONG } },
  ["Timeline.to_table"] = { function() return a_timeline().to_table end, { a_timeline() },
                            { 1, { "t", {}, true } }, { 2, WRONG } },
  ["Timeline.to_json"] = { function() return a_timeline().to_json end, { a_timeline() },
                           { 1, { "t", {}, true } }, { 2, WRONG } },
  ["Timeline.to_ical"] = { function() return a_timeline().to_ical end, { a_timeline() },
                           { 1, { "t", {}, true } }, { 2, { print, true, "now", {} } } },
  ["Policy.save"] = { function() return natopost.policy().save end, { natopost.policy(), dir .. "/p2.json" },
                      { 1, { "p", {}, true, posting() } }, { 2, WRONG } },
  ["Policy.to_json"] = { function() return natopost.policy().to_json end, { natopost.policy() },
                         { 1, { "p", {}, true, posting() } } },
  ["Policy.to_table"] = { function() return natopost.policy().to_table end, { natopost.policy() },
                          { 1, { "p", {}, true, posting() } } },
  ["Posting.timeline"] = { function() return posting().timeline end, { posting(), "2025-09-01" },
                           { 1, { "p", {}, true, natopost.policy() } }, { 2, WRONG } },
  ["Posting.to_json"] = { function() return posting().to_json end, { posting() },
                          { 1, { "p", {}, true, natopost.policy() } }, { 2, { print, "yes", 1 } } },
  ["Posting.to_jsonld"] = { function() return posting().to_jsonld end, { posting() },
                            { 1, { "p", {}, true, natopost.policy() } } },
  ["Posting.to_table"] = { function() return posting().to_table end, { posting() },
                           { 1, { "p", {}, true, natopost.policy() } } },
  ["Collection.add"] = { function() return collection().add end, { collection(), NOTICE },
                         { 1, { "c", {}, true, posting() } }, { 2, WRONG } },
  ["Collection.add_candidate"] = { function() return collection().add_candidate end, { collection(), "A", PROFILE },
                                   { 1, { "c", {}, true } }, { 2, WRONG }, { 3, WRONG } },
  ["Collection.query"] = { function() return collection().query end, { collection(), "" },
                           { 1, { "c", {}, true } }, { 2, WRONG } },
  ["Collection.rows"] = { function() return collection().rows end, { collection(), "" },
                          { 1, { "c", {}, true } }, { 2, WRONG } },
  ["Collection.to_records"] = { function() return collection().to_records end, { collection() },
                                { 1, { "c", {}, true } }, { 2, WRONG } },
  ["Collection.memory_bytes"] = { function() return collection().memory_bytes end, { collection() },
                                  { 1, { "c", {}, true } } },
  ["Collection.skipped"] = { function() return collection().skipped end, { collection() },
                             { 1, { "c", {}, true } } },
  ["Collection.unique"] = { function() return collection().unique end, { collection() },
                            { 1, { "c", {}, true } } },
  ["Collection.sources"] = { function() return collection().sources end, { collection(), 1 },
                             { 1, { "c", {}, true } }, { 2, { print, true, "first", {} } } },
  ["Collection.to_ical"] = { function() return collection().to_ical end, { collection(), 0 },
                             { 1, { "c", {}, true } }, { 2, { print, true, "now", {} } } },
  ["project_roster"] = { function() return natopost.project_roster end,
                         { { { start = "2025-09-01" } }, { start = "2026-01", months = 12 } },
                         { 1, WRONG_FOR_TABLE }, { 2, WRONG_FOR_TABLE } },
  ["next_events"] = { function() return natopost.next_events end, { { { start = "2025-09-01" } }, "2026-01-01", {} },
                      { 1, WRONG_FOR_TABLE }, { 2, WRONG }, { 3, WRONG_FOR_TABLE } },
}

-- The function's name as Lua's messages give it: the last part of the row name.
local function short(name) return name:match("[^.]+$") end

-- fn called under its own name, as a script would (`save(...)`): through
-- pcall alone, Lua cannot tell the name and says "to '?'".
local function named(name, fn)
  local make = assert(load(("local %s = ...; return function(...) return %s(...) end"):format(name, name)))
  return make(fn)
end

natopost.policy():save(POLICY_FILE)
natopost.save(POSTINGS_FILE, { posting() })

local names = H.keys(CALLS)
for _, name in ipairs(names) do
  local row = CALLS[name]
  H.test("valid call of " .. name, function()
    local args = row[2]
    local ok, err = pcall(row[1](), table.unpack(args, 1, #args))
    H.ok(ok, name .. ": " .. tostring(err))
  end)
  H.test("wrong types for every argument of " .. name, function()
    for k = 3, #row do
      local position, values = row[k][1], row[k][2]
      for _, wrong in ipairs(values) do
        local args = { table.unpack(row[2], 1, #row[2]) }
        args[position] = wrong
        local n = math.max(#row[2], position)
        local ok, err = pcall(named(short(name), row[1]()), table.unpack(args, 1, n))
        local what = ("%s with a %s as argument #%d"):format(name, type(wrong), position)
        H.ok(not ok, what .. " did not fail")
        H.ok(type(err) == "string", what .. ": error value is a " .. type(err))
        H.contains(err, ("bad argument #%d to '%s'"):format(position, short(name)), what)
        H.ok(err:find("expected", 1, true) or err:find("must be", 1, true), what .. ": " .. err)
      end
    end
  end)
end

H.test("objects still work after an argument error", function()
  local t, p, c = a_timeline(), posting(), collection()
  local before = p:timeline("2025-09-01"):to_json()
  H.ok(not pcall(t.status, t, print))
  H.ok(not pcall(p.timeline, p, true))
  H.ok(not pcall(c.query, c, {}))
  H.eq(t:date("contract_end"), "2031-08-31")
  H.eq(p:timeline("2025-09-01"):to_json(), before)
  H.eq(#c:query(""), 1)
end)

H.test("every function and method has a row", function()
  local missing = {}
  for k, v in pairs(natopost) do
    if type(v) == "function" and not CALLS[k] then missing[#missing + 1] = k end
  end
  local function methods(prefix, tbl)
    for k, v in pairs(tbl) do
      if type(v) == "function" and not k:match("^__") and not CALLS[prefix .. "." .. k] then
        missing[#missing + 1] = prefix .. "." .. k
      end
    end
  end
  methods("Timeline", debug.getmetatable(a_timeline()).__index)
  methods("Posting", debug.getmetatable(posting()).methods)
  methods("Collection", debug.getmetatable(collection()).__index)
  local policy = natopost.policy()
  for _, k in ipairs({ "save", "to_json", "to_table" }) do
    H.eq(type(policy[k]), "function", "Policy." .. k)
  end
  table.sort(missing)
  H.eq(missing, {}, "functions without a row")
end)

H.cleanup()
