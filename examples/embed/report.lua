-- report.lua: the script examples/embed/embed_host runs. The host linked the
-- natopost module in and registered it (luaL_requiref), so require finds it
-- without a natopost.so on package.cpath.
--
--   embed_host report.lua [START [KIND [ON]]]
local natopost = require "natopost"

local start, kind, on = ...
local t = natopost.timeline {
  start = start or "2025-09-01",
  kind = kind or "external",
  twin_grade = true,
}

print(("Contract timeline: %s appointment from %s, twin-graded post"):format(
  t.appointment.kind, t.appointment.start))
for _, e in ipairs(t) do
  print(("  %s  %-24s %s%s"):format(e.date, e.code, e.label, e.note and " (" .. e.note .. ")" or ""))
end
for _, n in ipairs(t.notes) do print("  note: " .. n.text) end

local s = t:status(on or "2026-11-22")
print(("On %s: %s phase, %d months served, %d days to the contract end"):format(
  s.on, s.phase, s.months_served, s.days_to_contract_end))

-- What the host prints as the script's result.
return t:date("contract_end")
