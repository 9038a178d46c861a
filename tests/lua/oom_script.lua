-- The script tests/lua/oom_host.c runs once per allocation: one call of
-- every module function and method that creates a C object (postings,
-- posting lists, collections, query results, eligibility, JSON values,
-- owned strings), small so that the runs stay fast.
local natopost = require "natopost"
local examples = assert(os.getenv("NATOPOST_EXAMPLES"), "NATOPOST_EXAMPLES is not set")
local out = assert(os.getenv("NATOPOST_OOM_OUT"), "NATOPOST_OOM_OUT is not set")

local p = natopost.read_notice_file(examples .. "/ncia-cyber-engineer.txt")
local text = p:to_json()
local q = natopost.posting_from_json(text)
assert(q == p)
local t = p:to_table()
assert(t.title == p.title)
local list = natopost.loads("[" .. text .. "," .. text .. "]")
assert(#list == 2)
natopost.save(out, list)
assert(#natopost.load(out) == 2)

local c = natopost.collection({ p, examples .. "/is-twin-grade-analyst.txt" })
c:add_candidate("ann", { degree = "university", experience_years = 7, languages = { english = "V" } })
local hits = c:query("eligible(ann) or grade >= G15 order by title")
assert(#hits >= 1)
assert(#c:to_records("grade >= G1") == 2)
for _, posting in c:rows("") do assert(posting.title) end
local e = natopost.eligibility({ degree = "university", nationality = "Belgium" }, p)
assert(e.verdict)

local tl = p:timeline("2025-09-01")
assert(tl:date("contract_end"))
assert(#tl:to_json() > 0)
local policy = natopost.policy { initial_months = 24 }
assert(natopost.policy_from_json(policy:to_json()) == policy)
assert(#natopost.batch("contract_end", { "2025-09-01", "2026-01-31" }) == 2)
