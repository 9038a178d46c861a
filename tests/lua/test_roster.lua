-- Rosters from Lua: natopost.project_roster equals, month by month, the counts
-- of natopost.timeline + t:status per appointment (the oracle), and the CLI's
-- JSON for the shared rosters (tests/data/roster_cases.json); next events;
-- errors naming the row and the column; Collection:to_ical equals the CLI's
-- calendar byte for byte.
local H = ...
local natopost = H.natopost
local json = H.json

local TABLE = H.data("roster_cases.json")
local PARAMETERS = { "kind", "initial_months", "renewal_months", "max_months", "twin_grade",
                     "reduction_months", "direct_higher" }
local MEASURES = { "under_contract", "in_initial", "in_renewal", "window_open", "promotion_possible" }

local function month_end(total)
  local y, m = total // 12, total % 12 + 1
  local leap = (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0
  local dim = ({ 31, leap and 29 or 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 })[m]
  return string.format("%04d-%02d-%02d", y, m, dim)
end

local function timeline_of(row)
  local opts = { start = row.start }
  for _, k in ipairs(PARAMETERS) do opts[k] = row[k] end
  return natopost.timeline(opts)
end

local function oracle(case)
  local y0, m0 = tonumber(case.start:sub(1, 4)), tonumber(case.start:sub(6, 7))
  local first = y0 * 12 + m0 - 1
  local groups, index = {}, {}
  for _, r in ipairs(case.rows) do
    local g = case.by and r[case.by] or "" -- a missing group value is the empty one
    if not index[g] then groups[#groups + 1] = g; index[g] = #groups end
  end
  local out = {}
  for m = 0, case.months - 1 do
    for gi, g in ipairs(groups) do
      local row = { month = string.format("%04d-%02d", (first + m) // 12, (first + m) % 12 + 1) }
      if case.by then row[case.by] = g end
      for _, c in ipairs(natopost.EVENT_CODES) do row[c] = 0 end
      for _, c in ipairs(MEASURES) do row[c] = 0 end
      out[m * #groups + gi] = row
    end
  end
  for _, r in ipairs(case.rows) do
    local t = timeline_of(r)
    local gi = index[case.by and r[case.by] or ""]
    for _, e in ipairs(t) do
      local m = tonumber(e.date:sub(1, 4)) * 12 + tonumber(e.date:sub(6, 7)) - 1 - first
      if m >= 0 and m < case.months then
        local row = out[m * #groups + gi]
        row[e.code] = row[e.code] + 1
      end
    end
    for m = 0, case.months - 1 do
      local s = t:status(month_end(first + m))
      local row = out[m * #groups + gi]
      local add = function(k, cond) if cond then row[k] = row[k] + 1 end end
      add("under_contract", s.phase == "initial" or s.phase == "renewal")
      add("in_initial", s.phase == "initial")
      add("in_renewal", s.phase == "renewal")
      add("window_open", s.conversion_window_open)
      add("promotion_possible", s.promotion_possible)
    end
  end
  return out
end

-- The rows as CSV (RFC 4180 quoting), for the CLI.
local function write_csv(rows, path)
  local keys, seen = {}, {}
  for _, r in ipairs(rows) do
    for k in pairs(r) do if not seen[k] then seen[k] = true; keys[#keys + 1] = k end end
  end
  table.sort(keys)
  local function cell(v)
    if v == nil then return "" end
    v = tostring(v)
    if v:find('[,"\n]') then return '"' .. v:gsub('"', '""') .. '"' end
    return v
  end
  local lines = { table.concat(keys, ",") }
  for _, r in ipairs(rows) do
    local cells = {}
    for i, k in ipairs(keys) do cells[i] = cell(r[k]) end
    lines[#lines + 1] = table.concat(cells, ",")
  end
  local f = assert(io.open(path, "w"))
  f:write(table.concat(lines, "\n"), "\n")
  f:close()
end

local function options(case)
  return { start = case.start, months = case.months, by = case.by }
end

for _, case in ipairs(TABLE.cases) do
  H.test("projection equals the timeline/status oracle: " .. case.about, function()
    local got = natopost.project_roster(case.rows, options(case))
    H.eq(got, oracle(case))
  end)

  H.test("the CLI gives the same projection and next events: " .. case.about, function()
    local path = H.tmpdir() .. "/roster.csv"
    write_csv(case.rows, path)
    local args = { "roster", path, "--from", case.start, "--months", tostring(case.months), "--json" }
    if case.by then args[#args + 1] = "--by"; args[#args + 1] = case.by end
    local code, out, err = H.run_cli(args)
    H.eq(code, 0, "exit status (stderr: " .. err .. ")")
    H.eq(json.decode(out), natopost.project_roster(case.rows, options(case)))
    code, out, err = H.run_cli({ "roster", path, "--next-after", case.after, "--json" })
    H.eq(code, 0, "exit status (stderr: " .. err .. ")")
    local cli = json.decode(out)
    for i, e in ipairs(natopost.next_events(case.rows, case.after)) do
      H.eq(cli[i].id, case.ids[i])
      H.eq(e.id, case.ids[i])
      H.eq(cli[i].next_event or false, e.next_event or false, e.id)
      H.eq(cli[i].date or false, e.date or false, e.id)
    end
  end)

  H.test("next events are the earliest later events: " .. case.about, function()
    local found = 0
    for i, e in ipairs(natopost.next_events(case.rows, case.after)) do
      local best
      for _, ev in ipairs(timeline_of(case.rows[i])) do
        if ev.date > case.after and (not best or ev.date < best.date) then best = ev end
      end
      H.eq(e.id, case.ids[i])
      H.eq(e.next_event, best and best.code, e.id)
      H.eq(e.date, best and best.date, e.id)
      if best then found = found + 1 end
    end
    H.ok(found > 0, "some appointment has a next event")
  end)
end

for _, case in ipairs(TABLE.errors) do
  H.test("a bad row names the row and the column: " .. case.about, function()
    local ok, message = pcall(natopost.project_roster, case.rows, { start = "2026-01", months = 12 })
    H.ok(not ok, "accepted")
    message = H.message(message)
    local bad = case.rows[#case.rows]
    H.ok(message:find("rows[" .. #case.rows .. "]", 1, true) or message:find('row "' .. bad.id .. '"', 1, true),
         "names the row: " .. message)
    for _, fragment in ipairs(case.message_contains) do H.contains(message, fragment) end
  end)
end

H.test("project_roster and next_events argument errors", function()
  local rows = { { start = "2025-09-01" } }
  H.arg_error({ "rows[1].renewal_months: integer expected, got string" }, natopost.project_roster,
              { { start = "2025-09-01", renewal_months = "x" } }, { start = "2026-01", months = 2 })
  H.arg_error({ "unknown key" }, natopost.project_roster, rows, { start = "2026-01", months = 2, form = 1 })
  H.core_error({ "month 13 is out of range" }, natopost.project_roster, rows, { start = "2026-13", months = 2 })
  H.core_error({ "months must be between 1 and" }, natopost.project_roster, rows, { start = "2026-01", months = 0 })
  H.raises({ "rows[1]: start (the entry-on-duty date) is required" }, natopost.project_roster, { {} },
           { start = "2026-01", months = 2 })
  H.arg_error({ "rows[2]: table expected" }, natopost.next_events, { rows[1], 5 }, "2026-01-01")
end)

H.test("Collection:to_ical equals natopost calendar", function()
  local dir = os.getenv("NATOPOST_EXAMPLES")
  local c = natopost.collection { dir }
  local text = c:to_ical(1767225600)
  local code, out, err = H.run_cli({ "calendar", dir, "--dtstamp", "1767225600" })
  H.eq(code, 0, err)
  H.eq(text, out)
  local events = select(2, text:gsub("BEGIN:VEVENT", ""))
  local dated = 0
  for _, p in ipairs(c:query("deadline is not null")) do dated = dated + 1; H.ok(p.title) end
  H.eq(events, dated)
  H.ok(dated > 0)
end)
