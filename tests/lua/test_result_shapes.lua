-- One emitter per result (issue 15, item 2): for every input of
-- tests/data/result_shapes.json, the CLI's JSON and Lua's value are equal
-- (Lua leaves null members out, as json.lua reads them).
-- tests/python/test_result_shapes.py checks Python's values against the same
-- CLI output, so the three hosts agree.
local H = ...
local natopost = H.natopost
local json = H.json

local TABLE = H.data("result_shapes.json")
local DATA = assert(os.getenv("NATOPOST_TEST_DATA"), "NATOPOST_TEST_DATA is not set")
local EXAMPLES = assert(os.getenv("NATOPOST_EXAMPLES"), "NATOPOST_EXAMPLES is not set")

local function cli_json(args)
  local code, out, err = H.run_cli(args)
  H.eq(code, 0, "exit status (stderr: " .. err .. ")")
  return json.decode(out)
end

local function timeline_args(input, on)
  local args = { "timeline" }
  for _, a in ipairs(H.cli_args(input)) do args[#args + 1] = a end
  args[#args + 1] = "--json"
  if on then
    args[#args + 1] = "--on"
    args[#args + 1] = on
  end
  return args
end

for _, case in ipairs(TABLE.timelines) do
  H.test("timeline: " .. H.describe(case.input), function()
    local t = natopost.timeline(case.input)
    local doc = cli_json(timeline_args(case.input, case.on))
    H.eq(t:to_table(case.on), doc)
    -- The timeline table's own fields come from the same walk.
    H.eq(t.appointment, doc.appointment)
    H.eq(t.notes, doc.notes)
    H.eq(t.policy:to_table(), doc.policy)
    H.eq(#t, #doc.events)
    for i, e in ipairs(doc.events) do
      H.eq(t[i], e, "event " .. i)
      H.eq(t:event(e.code), e, e.code)
    end
  end)
end

for _, case in ipairs(TABLE.statuses) do
  H.test("status: " .. H.describe(case.input) .. " on " .. case.on, function()
    local doc = cli_json(timeline_args(case.input, case.on))
    H.eq(natopost.timeline(case.input):status(case.on), doc.status)
  end)
end

for _, case in ipairs(TABLE.eligibility) do
  H.test("eligibility: " .. case.candidate .. " for " .. case.notice, function()
    local profile = DATA .. "/" .. case.candidate
    local notice = EXAMPLES .. "/" .. case.notice
    local docs = cli_json({ "eligibility", "--candidate", profile, notice, "--json" })
    H.eq(#docs, 1)
    local doc = docs[1]
    local p = natopost.read_notice_file(notice)
    H.eq({ doc.id, doc.title, doc.source }, { p.id, p.title, notice })
    doc.id, doc.title, doc.source, doc.candidate = nil, nil, nil, nil
    local result = natopost.eligibility(H.read_file(profile), p)
    H.eq(result, doc)
    local requirements = p.requirements
    for _, check in ipairs(result.checks) do
      local index = check.requirement_index
      H.eq(check.requirement, index and requirements[index + 1].text, "the sentence of the index")
    end
  end)
end

for _, name in ipairs(TABLE.postings) do
  H.test("posting record: " .. name, function()
    local notice = EXAMPLES .. "/" .. name
    local doc = cli_json({ "read", "--record", notice })
    local p = natopost.read_notice_file(notice)
    H.eq(p:to_table(), doc)
    for key, value in pairs(doc) do H.eq(p[key], value, key) end -- every field reads as the record has it
    H.eq(p.no_such_field, nil)
  end)
end
