-- The same inputs through the CLI (NATOPOST_CLI, run with io.popen) and
-- through Lua give the same JSON byte for byte, the same event dates and the
-- same errors (as tests/python/test_cli_parity.py).
local H = ...
local natopost = H.natopost
local json = H.json

local CASES = H.data("timeline_cases.json").cases
local ERRORS = H.data("timeline_errors.json").cases

-- {"timeline", <the case's options as flags>, ...}
local function timeline_args(input, ...)
  local args = { "timeline" }
  for _, a in ipairs(H.cli_args(input)) do args[#args + 1] = a end
  for _, a in ipairs({ ... }) do args[#args + 1] = a end
  return args
end

for _, case in ipairs(CASES) do
  H.test("CLI --json equals to_json: " .. (case.name or H.describe(case.input)), function()
    local t = natopost.timeline(case.input)
    local ons = { false }
    for _, s in ipairs(case.status) do ons[#ons + 1] = s.on end
    for _, on in ipairs(ons) do
      local code, out, err = H.run_cli(on and timeline_args(case.input, "--json", "--on", on)
                                       or timeline_args(case.input, "--json"))
      H.eq(code, 0, "exit status (stderr: " .. err .. ")")
      H.eq(err, "", "stderr")
      H.eq(out, t:to_json(on or nil) .. "\n", "the same writer, byte for byte")
      local doc = json.decode(out)
      H.eq(doc, t:to_table(on or nil))
      local dates = {}
      for _, e in ipairs(doc.events) do dates[e.code] = e.date end
      for _, e in ipairs(t) do H.eq(e.date, dates[e.code], e.code) end
      H.eq(#doc.events, #t)
    end
  end)
end

for _, case in ipairs(ERRORS) do
  H.test("CLI rejects what Lua rejects, with the same message: " .. H.describe(case.input), function()
    local ok, message = pcall(natopost.timeline, case.input)
    H.ok(not ok, "Lua accepts it")
    local code, out, err = H.run_cli(timeline_args(case.input, "--json"))
    H.eq(code, 2, "exit status")
    H.eq(out, "", "stdout")
    H.eq(err:sub(1, 19), "natopost timeline: ")
    local _, lines = err:gsub("\n", "")
    H.eq(lines, 1, "one line")
    -- Lua prefixes date errors with the option name, the CLI with the option.
    local core = H.message(message):gsub("^start: ", "")
    H.contains(err, core)
    for _, fragment in ipairs(case.message_contains) do H.contains(err, fragment) end
  end)
end

H.test("a policy file through both", function()
  local path = H.tmpdir() .. "/policy.json"
  natopost.policy({ renewal_months = 24, conversion_notice_months = 6 }):save(path)
  local code, out, err = H.run_cli({ "timeline", "--start", "2025-09-01", "--twin-grade", "--policy", path,
                                     "--on", "2029-03-01", "--json" })
  H.eq(code, 0, err)
  local t = natopost.timeline { start = "2025-09-01", twin_grade = true, policy = natopost.policy_load(path) }
  H.eq(out, t:to_json("2029-03-01") .. "\n")
  H.eq(t:date("conversion_window_close"), "2030-02-28")
end)

H.test("iCalendar through both", function()
  local code, out, err = H.run_cli({ "timeline", "--start", "2024-02-29", "--kind", "seconded",
                                     "--twin-grade", "--reduction-months", "24", "--ics",
                                     "--dtstamp", "1700000000" })
  H.eq(code, 0, err)
  local t = natopost.timeline { start = "2024-02-29", kind = "seconded", twin_grade = true,
                                reduction_months = 24 }
  -- io.popen reads the bytes as they are: CRLF line ends on both sides.
  H.eq(out, t:to_ical(1700000000))
end)
