-- natopost.timeline and timeline tables: the shared case tables
-- (tests/data, as tests/python/test_timeline.py reads them), the table's
-- shape, its methods and the exports.
local H = ...
local natopost = H.natopost
local json = H.json

local CASES = H.data("timeline_cases.json").cases
local ERRORS = H.data("timeline_errors.json").cases

local function case_name(case)
  return case.name or H.describe(case.input)
end

-- The case input as natopost.timeline(start, opts).
local function split_input(input)
  local opts = H.copy(input)
  local start = opts.start
  opts.start = nil
  return start, opts
end

-- ---- the shared tables ----------------------------------------------------------------------

for _, case in ipairs(CASES) do
  H.test("shared case: " .. case_name(case), function()
    local t = natopost.timeline(case.input)
    local got = {}
    for i, e in ipairs(t) do
      got[e.code] = e.date
      H.eq(H.keys(e), e.note and { "code", "date", "label", "note" } or { "code", "date", "label" },
        "event fields")
      H.eq(t:event(e.code), e, "t:event(" .. e.code .. ")")
      H.eq(t:date(e.code), e.date)
      H.ok(t[i] == e)
    end
    H.eq(got, case.events, "events")
    -- In the order of the spec's table, and nothing else.
    local order = {}
    for _, code in ipairs(natopost.EVENT_CODES) do
      if case.events[code] then order[#order + 1] = code end
    end
    local codes = {}
    for _, e in ipairs(t) do codes[#codes + 1] = e.code end
    H.eq(codes, order, "event order")
    H.eq(#t, #order)
    for _, code in ipairs(natopost.EVENT_CODES) do
      if not case.events[code] then
        H.eq(t:event(code), nil, "absent " .. code)
        H.eq(t:event(code, "absent"), "absent")
        H.eq(t:date(code), nil)
      end
    end
    local notes = {}
    for i, n in ipairs(t.notes) do
      notes[i] = n.code
      H.eq(H.keys(n), { "code", "text" })
      H.ok(#n.text > 0, "note text")
    end
    H.eq(notes, case.notes, "notes")
    H.eq(t.renewed, case.events.renewal_start ~= nil, "renewed")
    H.eq(t.has_conversion_window, case.events.conversion_window_open ~= nil, "has_conversion_window")
    for _, status in ipairs(case.status) do
      H.eq(t:status(status.on), status, "status " .. status.on)
      H.eq(t:to_table(status.on).status, status)
      H.eq(json.decode(t:to_json(status.on)).status, status)
    end
  end)

  H.test("shared case, start as argument #1: " .. case_name(case), function()
    local start, opts = split_input(case.input)
    local by_table = natopost.timeline(case.input)
    local by_start = natopost.timeline(start, opts)
    H.eq(by_start:to_table(), by_table:to_table())
    H.eq(by_start:to_json(), by_table:to_json())
    if next(opts) == nil then H.eq(natopost.timeline(start):to_json(), by_table:to_json()) end
  end)
end

for _, case in ipairs(ERRORS) do
  H.test("shared error case: " .. case_name(case), function()
    local err = H.core_error(case.message_contains, natopost.timeline, case.input)
    local start, opts = split_input(case.input)
    H.eq(H.message(select(2, pcall(natopost.timeline, start, opts))), err, "same message by start argument")
  end)
end

H.test("date errors name the start and the column", function()
  local err = H.core_error("expected a digit at column 10", natopost.timeline, { start = "2025-09-0x" })
  H.ok(err:sub(1, 7) == "start: ", err)
  H.core_error({ "start: ", "day 30 is out of range for February 2025" },
    natopost.timeline, "2025-02-30")
  H.core_error("expected a digit at column 6", natopost.timeline, "2025-\0" .. "9-01")
  H.core_error("expected a digit at column 1", natopost.timeline, "２０２５-09-01")
end)

-- ---- the spec's worked examples as fields -------------------------------------------------

H.test("spec example 1: fields", function()
  local t = natopost.timeline { start = "2025-09-01", kind = "external", twin_grade = true }
  H.eq(t.appointment, {
    start = "2025-09-01", kind = "external", initial_months = 36, renewal_months = 36,
    max_months = 72, twin_grade = true, reduction_months = 0, direct_higher = false,
  })
  H.ok(t.policy == natopost.policy(), "default policy")
  H.eq({ t.renewed, t.has_conversion_window, t.promotion_reachable }, { true, true, true })
  H.eq(t.notes, {})
  H.eq(t:event("contract_end"), { code = "contract_end", date = "2031-08-31", label = "Contract end" })
  -- Only events and the documented fields: the core value is not among them.
  local fields = {}
  for k in pairs(t) do
    if math.type(k) ~= "integer" then fields[#fields + 1] = k end
  end
  table.sort(fields)
  H.eq(fields, { "appointment", "has_conversion_window", "notes", "policy", "promotion_reachable",
                 "renewed" })
end)

H.test("seconded notes and an event note", function()
  local t = natopost.timeline { start = "2024-02-29", kind = "seconded", twin_grade = true,
                                reduction_months = 24 }
  H.eq({ t.notes[1].code, t.notes[2].code, #t.notes }, { "seconded_renewal", "no_conversion_seconded", 2 })
  H.contains(t.notes[1].text, "national authority")
  H.eq(t:event("renewal_end").note, "subject to the agreement of the national authority")
  H.eq(t:date("earliest_promotion"), "2025-03-01")
end)

H.test("promotion not reachable; resolved overrides", function()
  local t = natopost.timeline { start = "2025-01-15", twin_grade = true, renewal_months = 0 }
  H.ok(not t.renewed and not t.promotion_reachable)
  H.eq(t.notes[1].code, "promotion_not_reachable")
  H.eq(t.appointment.renewal_months, 0)
  H.contains(t:event("earliest_promotion").note, "not reachable")
end)

H.test("absent month options take the policy's value", function()
  local p = natopost.policy { initial_months = 24, renewal_months = 12, max_months = 48 }
  local t = natopost.timeline { start = "2025-09-01", policy = p }
  H.eq({ t.appointment.initial_months, t.appointment.renewal_months, t.appointment.max_months },
    { 24, 12, 48 })
  H.eq(t:date("contract_end"), "2028-08-31")
  H.ok(t.policy == p)
  H.eq(natopost.timeline({ start = "2025-09-01", policy = p, renewal_months = 24 }):date("contract_end"),
    "2029-08-31")
end)

-- ---- methods -------------------------------------------------------------------------------

H.test("unknown event codes raise the core's message listing the codes", function()
  local t = natopost.timeline("2025-09-01")
  local err = H.core_error('unknown event code "contract_ending"', t.event, t, "contract_ending")
  for _, code in ipairs(natopost.EVENT_CODES) do H.contains(err, code) end
  H.core_error('unknown event code "bogus"', t.date, t, "bogus")
  H.core_error("cannot contain a NUL", t.event, t, "contract_end\0")
  H.arg_error("string expected, got number", t.event, t, 0)
  H.arg_error("string expected, got no value", t.date, t)
end)

H.test("event tables are fresh copies; the core value stays", function()
  local t = natopost.timeline("2025-09-01")
  local e = t:event("contract_end")
  H.ok(e ~= t:event("contract_end"), "a new table each call")
  e.date = "1999-01-01"
  t[7].date = "1999-01-01"
  t.appointment.start = "1999-01-01"
  t.renewed = false
  H.eq(t:date("contract_end"), "2031-08-31")
  H.eq(t:to_table().appointment.start, "2025-09-01")
  H.eq(t:to_table().renewed, true)
  H.eq(json.decode(t:to_json()).events[7].date, "2031-08-31")
end)

H.test("__tostring mirrors Python's repr", function()
  H.eq(tostring(natopost.timeline { start = "2025-09-01", twin_grade = true }),
    "<natopost.Timeline external twin-graded from 2025-09-01, contract_end 2031-08-31, 9 events>")
  H.eq(tostring(natopost.timeline { start = "2024-02-29", kind = "seconded" }),
    "<natopost.Timeline seconded from 2024-02-29, contract_end 2030-02-28, 6 events>")
end)

H.test("status argument checks", function()
  local t = natopost.timeline("2025-09-01")
  H.arg_error('date string "YYYY-MM-DD" expected, got nil', t.status, t, nil)
  H.arg_error("got no value", t.status, t)
  H.arg_error("got number", t.status, t, 20260101)
  H.core_error({ "on: ", "day 31 is out of range for April 2026" }, t.status, t, "2026-04-31")
  H.arg_error("got number", t.to_table, t, 20260101)
  H.core_error("on: ", t.to_json, t, "tomorrow")
end)

H.test("status far outside the contract", function()
  local t = natopost.timeline { start = "2025-09-01", twin_grade = true }
  local before = t:status("0001-01-01")
  H.eq({ before.phase, before.months_served }, { "not_started", 0 })
  H.eq(before.days_to_contract_end, H.days("2031-08-31") - H.days("0001-01-01"))
  H.eq(t:status("9999-12-31"), {
    on = "9999-12-31", phase = "ended",
    days_to_contract_end = H.days("2031-08-31") - H.days("9999-12-31"),
    conversion_window_open = false, months_served = 72, promotion_possible = false,
  })
end)

H.test("methods need a timeline made by natopost.timeline", function()
  local t = natopost.timeline("2025-09-01")
  H.arg_error("natopost.Timeline expected, got table", t.status, {}, "2026-01-01")
  H.arg_error("natopost.Timeline expected, got no value", t.to_json)
  H.arg_error("natopost.Timeline expected, got natopost.Policy", t.date, natopost.policy(), "contract_end")
  local fake = setmetatable({}, debug.getmetatable(t))
  H.arg_error("natopost.timeline did not make", fake.date, fake, "contract_end")
  local copy = H.copy(t)
  H.arg_error("natopost.Timeline expected", t.date, copy, "contract_end")
end)

-- ---- exports -------------------------------------------------------------------------------

for _, case in ipairs(CASES) do
  H.test("to_table mirrors to_json: " .. case_name(case), function()
    local t = natopost.timeline(case.input)
    local ons = { false }
    for _, s in ipairs(case.status) do ons[#ons + 1] = s.on end
    for _, on in ipairs(ons) do
      local arg = on or nil
      local doc = json.decode(t:to_json(arg))
      H.eq(t:to_table(arg), doc, "on " .. tostring(on))
      H.eq(doc.status ~= nil, on ~= false)
    end
    local doc = json.decode(t:to_json())
    H.eq(doc.format, "natopost.timeline/1")
    H.eq(doc.policy, t.policy:to_table())
    H.eq(doc.appointment, t.appointment)
    H.eq(doc.notes, t.notes)
    H.eq(doc.events, { table.unpack(t) })
  end)
end

local function lines_matching(text, pattern)
  local out = {}
  for line in text:gmatch("([^\n]*)\n") do
    local m = line:match(pattern)
    if m then out[#out + 1] = m end
  end
  return out
end

H.test("to_ical structure", function()
  local t = natopost.timeline { start = "2025-09-01", twin_grade = true }
  local ics = t:to_ical(1700000000)
  H.eq(ics:sub(1, 17), "BEGIN:VCALENDAR\r\n")
  H.eq(ics:sub(-15), "END:VCALENDAR\r\n")
  local _, lf = ics:gsub("\n", "")
  local _, crlf = ics:gsub("\r\n", "")
  H.eq(lf, crlf, "every line ends with CRLF")
  local _, begins = ics:gsub("BEGIN:VEVENT", "")
  local _, ends = ics:gsub("END:VEVENT", "")
  H.eq({ begins, ends }, { 9, 9 })
  local _, stamps = ics:gsub("DTSTAMP:20231114T221320Z", "")
  H.eq(stamps, 9)
  local starts = lines_matching(ics, "^DTSTART;VALUE=DATE:(%d+)\r$")
  local want = {}
  for i, e in ipairs(t) do want[i] = e.date:gsub("-", "") end
  H.eq(starts, want)
  for line in (ics:gsub("\r\n", "\n")):gmatch("([^\n]*)\n") do
    H.ok(#line <= 75, "line of " .. #line .. " octets")
  end
  H.eq(t:to_ical(1700000000), ics)
  local uids = lines_matching(ics, "^UID:(.+)\r$")
  local seen = {}
  for _, u in ipairs(uids) do seen[u] = true end
  H.eq(#H.keys(seen), 9, "distinct UIDs")
  local other = natopost.timeline({ start = "2025-09-02", twin_grade = true }):to_ical(1700000000)
  for _, u in ipairs(lines_matching(other, "^UID:(.+)\r$")) do H.ok(not seen[u], "UIDs differ") end
end)

H.test("to_ical dtstamp forms and errors", function()
  local t = natopost.timeline("2025-09-01")
  H.contains(t:to_ical(-1), "DTSTAMP:19691231T235959Z")
  local before = os.time()
  local stamp = t:to_ical():match("DTSTAMP:(%d+T%d+)Z")
  local after = os.time()
  local y, mo, d, h, mi, s = stamp:match("^(%d%d%d%d)(%d%d)(%d%d)T(%d%d)(%d%d)(%d%d)$")
  local got = (H.days(("%s-%s-%s"):format(y, mo, d)) * 86400) + h * 3600 + mi * 60 + s
  H.ok(before <= got and got <= after, "DTSTAMP is now")
  local _, n = t:to_ical(nil):gsub("BEGIN:VEVENT", "")
  H.eq(n, 8)
  for _, bad in ipairs({ true, "1700000000", 1.7e9, {} }) do
    H.arg_error("integer (Unix seconds) expected", t.to_ical, t, bad)
  end
  H.core_error("dtstamp 400000000000 is outside years 0001..9999", t.to_ical, t, 400000000000)
  H.core_error("outside years", t.to_ical, t, -1000000000000)
  H.core_error("outside years", t.to_ical, t, math.maxinteger)
  H.core_error("outside years", t.to_ical, t, math.mininteger)
end)

-- ---- the module ------------------------------------------------------------------------------

H.test("module constants", function()
  H.eq(natopost.EVENT_CODES, { "entry_on_duty", "initial_contract_end", "renewal_start", "renewal_end",
    "conversion_window_open", "conversion_window_close", "contract_end", "max_service_end",
    "earliest_promotion" })
  H.eq(natopost.KINDS, { "external", "seconded", "serving" })
  H.eq(natopost._VERSION, "0.1.0")
  H.eq(natopost.NAT, math.mininteger)
  H.ok(require("natopost") == natopost, "require returns the same table")
end)

H.test("timelines and their core values are collected", function()
  local cores = debug.getregistry()["natopost.Timeline.cores"]
  H.eq(getmetatable(cores).__mode, "k")
  collectgarbage("collect")
  local function count()
    local n = 0
    for _ in pairs(cores) do n = n + 1 end
    return n
  end
  local base = count()
  local keep = {}
  for i = 1, 50 do keep[i] = natopost.timeline("2025-09-01") end
  local e = keep[1]:event("contract_end")
  local p = keep[2].policy
  H.eq(count(), base + 50)
  keep = nil
  collectgarbage("collect")
  collectgarbage("collect")
  H.eq(count(), base, "entries left after collection")
  -- What came out of a timeline lives on its own.
  H.eq(e.date, "2031-08-31")
  H.eq(p.max_months, 72)
end)
