-- Next year's conversion windows: who can apply for an indefinite contract, and
-- when, for the staff in examples/roster/staff.csv (read with a few lines of
-- Lua: the file has no quoted fields). Run from the project root:
--   LUA_CPATH='build/bindings/lua/?.so;;' lua5.4 examples/conversion_windows.lua [YEAR]
local natopost = require "natopost"

local year = tonumber(arg and arg[1]) or 2026
local here = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local path = here .. "/roster/staff.csv"

-- The CSV as an array of tables; numbers and booleans converted, empty cells absent.
local rows, header = {}, nil
for line in io.lines(path) do
  local cells = {}
  for cell in (line .. ","):gmatch("([^,]*),") do cells[#cells + 1] = cell end
  if not header then
    header = cells
  else
    local row = {}
    for i, key in ipairs(header) do
      local v = cells[i]
      if v == "true" then row[key] = true
      elseif v == "false" then row[key] = false
      elseif v ~= "" then row[key] = math.tointeger(tonumber(v)) or v end
    end
    rows[#rows + 1] = row
  end
end

local first, last = ("%d-01-01"):format(year), ("%d-12-31"):format(year)
print(("Conversion windows open during %d (apply for an indefinite contract):"):format(year))
for _, row in ipairs(rows) do
  local t = natopost.timeline {
    start = row.start, kind = row.kind, renewal_months = row.renewal_months,
    twin_grade = row.twin_grade, reduction_months = row.reduction_months,
    direct_higher = row.direct_higher,
  }
  local open, close = t:event("conversion_window_open"), t:event("conversion_window_close")
  if open and open.date <= last and close.date >= first then
    print(("  %-7s %-22s %s to %s"):format(row.id, row.division, open.date, close.date))
  end
end

-- The same question month by month, in one call: staff whose window is open
-- at the end of each month.
print(("\nStaff in their conversion window at the end of each month of %d:"):format(year))
for _, m in ipairs(natopost.project_roster(rows, { start = ("%d-01"):format(year), months = 12 })) do
  print(("  %s  %d"):format(m.month, m.window_open))
end
