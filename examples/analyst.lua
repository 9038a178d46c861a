-- An analyst's script: read the example notices, tabulate them, ask two
-- questions, and compute a timeline for one posting (the Lua twin of
-- analyst.py).
--   LUA_CPATH='build/bindings/lua/?.so;;' lua5.4 examples/analyst.lua [FOLDER]
local natopost = require "natopost"

local folder = arg[1] or (arg[0]:match("^(.*)/[^/]*$") or ".") .. "/postings"
local c = natopost.collection { folder }
print(("%d postings read from %s\n"):format(#c, folder))

print(("%-42s %-8s %-36s %-10s %-7s %3s"):format("title", "grade", "division", "deadline", "langs", "exp"))
for _, r in ipairs(c:to_records("order by deadline")) do
  print(("%-42s %-8s %-36s %-10s %-7s %3s"):format(
    (r.title or "(no title)"):sub(1, 42), r.grade or "", (r.division or r.body or ""):sub(1, 36),
    r.deadline or "", (r["lang.first"] or "?") .. "/" .. (r["lang.second"] or "?"),
    r.experience and tostring(r.experience) or ""))
end

print("\nPosts at G15 and above needing at least Intermediate (III) in the second language:")
for _, p in c:rows("grade >= G15 and lang.second >= III order by deadline") do
  print(("  %s (%s), closes %s"):format(p.title, p.grade, p.deadline))
end

print("\nPosts per NATO body:")
for _, g in ipairs(c:query("count by body").groups) do
  print(("  %d  %s"):format(g.count, g.value))
end

local post
for _, p in c:rows("contract.months is not null order by title") do post = post or p end
local t = post:timeline("2026-05-01")
print(("\nTimeline of '%s' from entry on duty 2026-05-01:"):format(post.title))
for _, e in ipairs(t) do print(("  %s  %s"):format(e.date, e.label)) end
local s = t:status("2027-05-01")
print(("On 2027-05-01: phase %s, %d days to the contract end"):format(s.phase, s.days_to_contract_end))
