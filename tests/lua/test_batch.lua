-- natopost.batch(event, starts[, opts]): arrays of date strings or of day
-- numbers, compared with one natopost.timeline call per start (as
-- tests/python/test_batch.py does with numpy arrays).
local H = ...
local natopost = H.natopost
local NAT = natopost.NAT

local CASES = H.data("timeline_cases.json").cases

-- Every day of 2023-2025 (leap day, month ends), some far dates, and a
-- missing one: as strings (false = missing) and as day numbers (NAT).
local function sample_starts()
  local strings, days = {}, {}
  for d = H.days("2023-01-01"), H.days("2025-12-31") do
    strings[#strings + 1] = H.iso(d)
    days[#days + 1] = d
  end
  for _, iso in ipairs({ "0001-01-01", "1900-02-28", "2000-02-29", "9000-12-31" }) do
    strings[#strings + 1] = iso
    days[#days + 1] = H.days(iso)
  end
  strings[#strings + 1] = false
  days[#days + 1] = NAT
  return strings, days
end

local STRINGS, DAYS = sample_starts()

local function opts_of(input)
  local opts = H.copy(input)
  opts.start = nil
  return opts
end

-- One timeline per start: the event's date, or false when absent.
local function expected(starts, code, opts)
  local out = {}
  for i, start in ipairs(starts) do
    local t = start and natopost.timeline(start, opts)
    out[i] = t and t:date(code) or false
  end
  return out
end

H.test("the sample dates agree with the core's parser", function()
  H.eq(natopost.batch("entry_on_duty", STRINGS), STRINGS)
  H.eq(natopost.batch("entry_on_duty", DAYS), DAYS)
end)

for _, case in ipairs(CASES) do
  H.test("batch equals one timeline per start, every event: " .. (case.name or H.describe(case.input)),
    function()
      local opts = opts_of(case.input)
      for _, code in ipairs(natopost.EVENT_CODES) do
        local want = expected(STRINGS, code, opts)
        H.eq(natopost.batch(code, STRINGS, opts), want, code .. " (strings)")
        local want_days = {}
        for i, v in ipairs(want) do want_days[i] = v and H.days(v) or NAT end
        H.eq(natopost.batch(code, DAYS, opts), want_days, code .. " (day numbers)")
      end
    end)
end

H.test("spec example values and the default event", function()
  local starts = { "2025-09-01", "2024-02-29", false }
  H.eq(natopost.batch(nil, starts, { twin_grade = true }), { "2031-08-31", "2030-02-28", false })
  H.eq(natopost.batch("conversion_window_open", starts, { kind = "seconded" }), { false, false, false })
  H.eq(natopost.batch(nil, { H.days("2025-09-01") }), { H.days("2031-08-31") })
end)

H.test("policy and overrides", function()
  local starts = { "2025-09-01", "2026-01-31" }
  H.eq(natopost.batch("contract_end", starts, { policy = natopost.policy { renewal_months = 24 } }),
    { "2030-08-31", "2031-01-30" })
  H.eq(natopost.batch("renewal_end", starts, { renewal_months = 18 }), { "2030-02-28", "2030-07-30" })
  H.eq(natopost.batch("renewal_start", starts, { renewal_months = 0 }), { false, false })
end)

H.test("missing dates pass through", function()
  local falses, nats = {}, {}
  for i = 1, 1000 do falses[i], nats[i] = false, NAT end
  for _, code in ipairs(natopost.EVENT_CODES) do
    H.eq(natopost.batch(code, falses, { twin_grade = true }), falses, code)
    H.eq(natopost.batch(code, nats, { twin_grade = true }), nats, code)
  end
  -- The first element that is not false decides the kind.
  H.eq(natopost.batch(nil, { false, "2025-09-01" }), { false, "2031-08-31" })
end)

H.test("empty input; a new table; the input unchanged", function()
  H.eq(natopost.batch(nil, {}), {})
  local starts = { "2025-09-01", false }
  local out = natopost.batch(nil, starts)
  H.ok(out ~= starts)
  H.eq(starts, { "2025-09-01", false })
end)

H.test("argument errors", function()
  local starts = { 0, 1 }
  H.core_error('unknown event code "contract_ending"', natopost.batch, "contract_ending", starts)
  H.core_error("cannot contain a NUL", natopost.batch, "contract_end\0", starts)
  H.arg_error("string expected, got number", natopost.batch, 6, starts)
  H.arg_error("twin_grade: boolean expected, got number", natopost.batch, nil, starts, { twin_grade = 1 })
  H.arg_error("policy: natopost.Policy expected, got table", natopost.batch, nil, starts, { policy = {} })
  H.core_error('kind "contractor"', natopost.batch, nil, starts, { kind = "contractor" })
  H.core_error({ "renewal_months must be between 0 and 36", "got 37" }, natopost.batch, nil, starts,
    { renewal_months = 37 })
  H.arg_error("max_months: 1099511627776 is out of range", natopost.batch, nil, starts,
    { max_months = 1 << 40 })
  H.arg_error("unknown key 'start'", natopost.batch, nil, starts, { start = "2025-09-01" })
  H.arg_error("unknown key 'event'", natopost.batch, nil, starts, { event = "contract_end" })
  H.arg_error("table expected, got string", natopost.batch, "contract_end", "2025-09-01")
  H.arg_error("table expected, got no value", natopost.batch, "contract_end")
  H.arg_error("table expected, got number", natopost.batch, nil, starts, 5)
  H.arg_error("no value expected", natopost.batch, nil, starts, {}, {})
end)

H.test("element errors name the element", function()
  H.arg_error("starts[2]: date string or false expected (like the first date), got number",
    natopost.batch, nil, { "2025-09-01", 20000 })
  H.arg_error("starts[3]: integer day number expected (like the first date), got string",
    natopost.batch, nil, { 20000, 20001, "2025-09-01" })
  H.arg_error("starts[2]: integer day number expected (like the first date), got boolean",
    natopost.batch, nil, { 20000, false })
  H.arg_error("starts[1]: date string, integer day number or false expected, got float",
    natopost.batch, nil, { 20000.0 })
  H.arg_error("starts[1]: date string, integer day number or false expected, got boolean",
    natopost.batch, nil, { true })
  H.arg_error("starts[2]: date string, integer day number or false expected, got table",
    natopost.batch, nil, { false, {} })
  H.arg_error("starts: an array expected", natopost.batch, nil, { "2025-09-01", nil, "2025-09-03" })
  H.arg_error("starts: an array expected", natopost.batch, nil, { "2025-09-01", x = 1 })
  H.arg_error("starts: an array expected", natopost.batch, nil, { [2] = "2025-09-01" })
  H.core_error("starts[2]: day 30 is out of range for February 2025", natopost.batch, nil,
    { "2025-09-01", "2025-02-30" })
  H.core_error({ "starts[1]: ", "expected '-' at column 5" }, natopost.batch, nil, { "10000-01-01" })
end)

H.test("out-of-range starts and results name the index (counted from 0, as in C)", function()
  H.core_error("starts[1]: day number 3000000 is outside 0001-01-01..9999-12-31",
    natopost.batch, nil, { 0, 3000000 })
  H.core_error("starts[0]: day number", natopost.batch, nil, { math.maxinteger })
  H.core_error("starts[0]: day number", natopost.batch, nil, { math.mininteger + 1 })
  local late = { "2025-09-01", false, "9998-06-01" }
  H.core_error({ "starts[2]", "contract_end", "out of range" }, natopost.batch, "contract_end", late)
  H.eq(natopost.batch("entry_on_duty", late), late)
end)
