-- The binding under stress (issue 6): every public function and method, with
-- valid and invalid inputs, 100,000 calls in all, and memory that does not
-- grow (as tests/python/test_stress.py does for Python).
--
-- Measured after a warm-up and a full collection:
--   * the Lua heap (collectgarbage("count")), per operation and in all: what
--     the binding leaves reachable (a reference it forgets to drop, a
--     registry entry per call, a timeline's core value that outlives it);
--   * the process RSS (/proc/self/statm), in all: what the C side leaks
--     (a core string not freed). Not checked under AddressSanitizer or
--     valgrind, which keep freed memory resident; there LeakSanitizer (the
--     meson tests enable detect_leaks for Lua) or valgrind's leak check
--     look at the C heap at exit instead.
-- The numbers are printed.
local H = ...
local natopost = H.natopost

local TOTAL_CALLS = 100000
local WARMUP_ROUNDS = 20
local PER_OP_SLACK = 1024      -- bytes
local PER_OP_BYTES_PER_CALL = 8
-- In all. The registry's weak table of timelines may keep the size it
-- reached (as many entries as timelines were alive at once between two
-- collections) until an insertion rehashes it: bounded, not a leak.
local HEAP_TOTAL = 16 * 1024   -- bytes
local RSS_TOTAL = 1024 * 1024  -- bytes: 16 B per call over 100,000 calls is 1.6 MB

-- A checking allocator keeps freed memory resident (ASan's quarantine,
-- valgrind's freed-block queue): the RSS then says nothing. Both are loaded
-- through LD_PRELOAD here (valgrind sets it to its vgpreload libraries).
local PRELOAD = os.getenv("LD_PRELOAD") or ""
local CHECKER = PRELOAD:find("asan", 1, true) and "ASan quarantine"
                or PRELOAD:find("vgpreload", 1, true) and "valgrind's freed-block queue"

local function rss()
  local f = io.open("/proc/self/statm", "r")
  if not f then return nil end
  local pages = f:read("a"):match("^%d+ (%d+)")
  f:close()
  return tonumber(pages) * 4096
end

local function heap()
  collectgarbage("collect")
  collectgarbage("collect")
  return math.floor(collectgarbage("count") * 1024)
end

local function operations(tmp)
  local t = natopost.timeline { start = "2025-09-01", twin_grade = true }
  local t_sec = natopost.timeline { start = "2024-02-29", kind = "seconded" }
  local t_short = natopost.timeline { start = "2026-03-31", renewal_months = 12, twin_grade = true,
                                      reduction_months = 24 }
  local p = natopost.policy { renewal_months = 24 }
  local p_json = p:to_json()
  local policy_file = tmp .. "/policy.json"
  p:save(policy_file)
  local bad_file = tmp .. "/bad.json"
  local f = assert(io.open(bad_file, "w"))
  f:write('{"renewal_months": 24,,}')
  f:close()
  local strings, days = {}, {}
  for i = 1, 64 do
    strings[i] = H.iso(H.days("2020-01-01") + i)
    days[i] = H.days("2020-01-01") + i
  end
  strings[3], days[3] = false, natopost.NAT
  local notice = "Officer, Plans\nNATO Grade G15/G16\nApplication Deadline: 2026-03-31\n" ..
    "QUALIFICATIONS AND EXPERIENCE\nThe incumbent must:\n- have at least 2 years' experience;\n"
  local post = natopost.read_notice(notice)
  local post_json = post:to_json()
  local postings_file = tmp .. "/postings.ndjson"
  natopost.save(postings_file, { post, post })
  local coll = natopost.collection { post, post }
  local cand = { degree = "university", experience_years = 3, nationality = "BE",
                 languages = { english = "V", french = "II" } }
  coll:add_candidate("c", cand)
  local E = true -- expects an error
  return {
    -- natopost.timeline: valid
    { "timeline table", function() return natopost.timeline { start = "2025-09-01" } end },
    { "timeline start", function() return natopost.timeline("2025-09-01", { twin_grade = true }) end },
    { "timeline all options", function()
      return natopost.timeline { start = "2024-02-29", kind = "seconded", initial_months = 24,
        renewal_months = 12, max_months = 60, twin_grade = true, reduction_months = 12,
        direct_higher = false, policy = p }
    end },
    { "timeline serving direct", function()
      return natopost.timeline { start = "2000-01-31", kind = "serving", twin_grade = true, direct_higher = true }
    end },
    -- natopost.timeline: invalid
    { "timeline bad date", function() return natopost.timeline("2025-02-30") end, E },
    { "timeline year 0", function() return natopost.timeline("0000-01-01") end, E },
    { "timeline year 10000", function() return natopost.timeline("10000-01-01") end, E },
    { "timeline empty", function() return natopost.timeline("") end, E },
    { "timeline garbage", function() return natopost.timeline("\255\0garbage") end, E },
    { "timeline number start", function() return natopost.timeline { start = 20250901 } end, E },
    { "timeline no start", function() return natopost.timeline {} end, E },
    { "timeline no args", function() return natopost.timeline() end, E },
    { "timeline unknown key", function() return natopost.timeline { start = "2025-09-01", bogus = 1 } end, E },
    { "timeline twice", function() return natopost.timeline("2025-09-01", { start = "2025-09-01" }) end, E },
    { "timeline extra arg", function() return natopost.timeline({ start = "2025-09-01" }, 1) end, E },
    { "timeline kind number", function() return natopost.timeline { start = "2025-09-01", kind = 1 } end, E },
    { "timeline kind bad", function() return natopost.timeline { start = "2025-09-01", kind = "x" } end, E },
    { "timeline months string", function()
      return natopost.timeline { start = "2025-09-01", initial_months = "36" } end, E },
    { "timeline months float", function()
      return natopost.timeline { start = "2025-09-01", max_months = 72.0 } end, E },
    { "timeline months huge", function()
      return natopost.timeline { start = "2025-09-01", renewal_months = math.maxinteger } end, E },
    { "timeline months -1", function()
      return natopost.timeline { start = "2025-09-01", renewal_months = -1 } end, E },
    { "timeline reduction", function()
      return natopost.timeline { start = "2025-09-01", twin_grade = true, reduction_months = 25 } end, E },
    { "timeline twin number", function()
      return natopost.timeline { start = "2025-09-01", twin_grade = 1 } end, E },
    { "timeline policy table", function()
      return natopost.timeline { start = "2025-09-01", policy = {} } end, E },
    { "timeline past 9999", function() return natopost.timeline("9999-01-01") end, E },
    -- timeline methods
    { "event", function() return t:event("contract_end") end },
    { "event absent", function() return t_short:event("conversion_window_open", 0) end },
    { "event unknown", function() return t:event("contract_ending") end, E },
    { "event number", function() return t:event(1) end, E },
    { "event NUL", function() return t:event("contract_end\0") end, E },
    { "date", function() return t_sec:date("renewal_end") end },
    { "date bad self", function() return t.date({}, "contract_end") end, E },
    { "fields", function()
      return #t, t.appointment.start, t.notes, t.policy.max_months, t.renewed, t_sec.notes[1].text
    end },
    { "ipairs", function() local n = 0; for _ in ipairs(t) do n = n + 1 end; return n end },
    { "tostring", function() return tostring(t), tostring(t_sec) end },
    { "status", function() return t:status("2030-08-31") end },
    { "status nil", function() return t:status(nil) end, E },
    { "status bad date", function() return t:status("2030-13-01") end, E },
    { "status number", function() return t:status(20300101) end, E },
    { "to_table", function() return t:to_table() end },
    { "to_table on", function() return t_sec:to_table("2027-01-01") end },
    { "to_table bad", function() return t:to_table(5) end, E },
    { "to_json", function() return t:to_json() end },
    { "to_json on", function() return t_sec:to_json("2029-01-01") end },
    { "to_json bad", function() return t:to_json("yesterday") end, E },
    { "to_ical", function() return t:to_ical(1700000000) end },
    { "to_ical now", function() return t_short:to_ical() end },
    { "to_ical string", function() return t:to_ical("now") end, E },
    { "to_ical range", function() return t:to_ical(math.maxinteger) end, E },
    { "to_ical extra", function() return t:to_ical(0, 1) end, E },
    -- policies
    { "policy()", function() return natopost.policy() end },
    { "policy options", function()
      return natopost.policy { initial_months = 24, renewal_months = 24, max_months = 60,
                               seconded_conversion = true }
    end },
    { "policy positional", function() return natopost.policy(36) end, E },
    { "policy unknown", function() return natopost.policy { turnover = 1 } end, E },
    { "policy string value", function() return natopost.policy { max_months = "72" } end, E },
    { "policy bool value", function() return natopost.policy { seconded_conversion = 1 } end, E },
    { "policy invalid", function() return natopost.policy { initial_months = 0 } end, E },
    { "policy huge", function() return natopost.policy { max_months = 1 << 40 } end, E },
    { "from_json", function() return natopost.policy_from_json(p_json) end },
    { "from_json empty object", function() return natopost.policy_from_json("{}") end },
    { "from_json syntax", function() return natopost.policy_from_json('{"renewal_months": 36,,}') end, E },
    { "from_json unknown key", function() return natopost.policy_from_json('{"bogus": 1}') end, E },
    { "from_json wrong type", function() return natopost.policy_from_json('{"max_months": "72"}') end, E },
    { "from_json range", function() return natopost.policy_from_json('{"max_months": 1e30}') end, E },
    { "from_json not object", function() return natopost.policy_from_json("[1, 2]") end, E },
    { "from_json empty", function() return natopost.policy_from_json("") end, E },
    { "from_json binary", function() return natopost.policy_from_json("\255\254\0{") end, E },
    { "from_json deep", function() return natopost.policy_from_json(("["):rep(10) .. ("]"):rep(10)) end, E },
    { "from_json number", function() return natopost.policy_from_json(42) end, E },
    { "load", function() return natopost.policy_load(policy_file) end },
    { "load bad json", function() return natopost.policy_load(bad_file) end, E },
    { "load missing", function() return natopost.policy_load(tmp .. "/missing.json") end, E },
    { "load NUL", function() return natopost.policy_load("p\0.json") end, E },
    { "save", function() return p:save(policy_file) end },
    { "save no dir", function() return p:save(tmp .. "/no/such/dir.json") end, E },
    { "save nil", function() return p:save(nil) end, E },
    { "policy to_json to_table", function() return p:to_json(), p:to_table() end },
    { "policy fields", function()
      return p.initial_months, p.renewal_months, p.max_months, p.promotion_months,
             p.max_reduction_months, p.conversion_notice_months, p.seconded_conversion, p.bogus
    end },
    { "policy eq tostring", function() return p == natopost.policy { renewal_months = 24 }, p ~= t.policy,
                                               tostring(p) end },
    { "policy newindex", function() p.max_months = 1 end, E },
    -- batch
    { "batch strings", function() return natopost.batch("contract_end", strings, { twin_grade = true }) end },
    { "batch days", function() return natopost.batch("renewal_end", days, { kind = "seconded", policy = p }) end },
    { "batch every event", function()
      for _, code in ipairs(natopost.EVENT_CODES) do natopost.batch(code, days) end
    end },
    { "batch empty", function() return natopost.batch(nil, {}) end },
    { "batch mixed", function() return natopost.batch(nil, { "2025-09-01", 1 }) end, E },
    { "batch hole", function() return natopost.batch(nil, { 1, nil, 3 }) end, E },
    { "batch bad date", function() return natopost.batch(nil, { "2025-02-30" }) end, E },
    { "batch unknown event", function() return natopost.batch("bogus", days) end, E },
    { "batch event number", function() return natopost.batch(3, days) end, E },
    { "batch out of range", function() return natopost.batch(nil, { 1 << 40 }) end, E },
    { "batch bad option", function() return natopost.batch(nil, days, { kind = "x" }) end, E },
    { "batch unknown key", function() return natopost.batch(nil, days, { when = 1 }) end, E },
    { "batch no starts", function() return natopost.batch() end, E },
    -- postings, collections, queries, eligibility
    { "read_notice", function() return natopost.read_notice(notice) end },
    { "read_notice empty", function() return natopost.read_notice("") end, E },
    { "read_notice NUL", function() return natopost.read_notice("a\0b") end, E },
    { "posting fields", function() return post.title, post.grade, post.deadline, post.requirements end },
    { "posting to_json", function() return post:to_json() end },
    { "posting to_jsonld", function() return post:to_jsonld() end },
    { "posting timeline none", function() return post:timeline("2026-05-01") end, E },
    { "loads", function() return natopost.loads(post_json) end },
    { "loads bad", function() return natopost.loads("{") end, E },
    { "load postings", function() return natopost.load(postings_file) end },
    { "collection new", function() return natopost.collection { post } end },
    { "collection query", function() return coll:query("grade >= G15 and lang.second >= II") end },
    { "collection count by", function() return coll:query("count by grade") end },
    { "collection bad query", function() return coll:query("grade >= (G15") end, E },
    { "collection records", function() return coll:to_records() end },
    { "collection rows", function() for _ in coll:rows("eligible(c)") do end end },
    { "eligibility", function() return natopost.eligibility(cand, post) end },
    { "eligibility bad", function() return natopost.eligibility({ langs = 1 }, post) end, E },
  }
end

local function call(op)
  local ok, err = pcall(op[2])
  if ok == (op[3] == true) then
    error(("%s: %s"):format(op[1], ok and "returned, expected an error" or "raised " .. tostring(err)))
  end
  if not ok then H.message(err) end -- a string or a natopost.Error, nothing else
end

H.test("every call many times without memory growth", function()
  local ops = operations(H.tmpdir())
  local names = {}
  for _, op in ipairs(ops) do
    H.ok(not names[op[1]], "duplicate name " .. op[1])
    names[op[1]] = true
  end
  local per_op = TOTAL_CALLS // #ops + 1
  local half = per_op // 2

  for _ = 1, WARMUP_ROUNDS do
    for _, op in ipairs(ops) do call(op) end
  end
  -- Filled in place: the measured loop allocates nothing of its own.
  local grown, calls = {}, 0
  for k = 1, #ops do grown[k] = 0 end
  local heap0, rss0 = heap(), rss()

  for k, op in ipairs(ops) do
    for _ = 1, half do call(op) end
    local before = heap()
    for _ = half + 1, per_op do call(op) end
    grown[k] = heap() - before
    calls = calls + per_op
  end
  local heap1, rss1 = heap(), rss()

  local growth = {}
  for k, op in ipairs(ops) do growth[k] = { op[1], grown[k], per_op - half } end
  table.sort(growth, function(a, b) return a[2] > b[2] end)
  local worst = {}
  for i = 1, 3 do worst[i] = ("%s %+d B over %d calls"):format(growth[i][1], growth[i][2], growth[i][3]) end
  io.stdout:write(("%d calls over %d operations; Lua heap %d B before, %d B after (%+d B); " ..
                   "RSS %d kB before, %d kB after (%+d kB)%s; largest per operation: %s\n"):format(
    calls, #ops, heap0, heap1, heap1 - heap0, rss0 // 1024, rss1 // 1024, (rss1 - rss0) // 1024,
    CHECKER and " (not checked: " .. CHECKER .. ")" or "", table.concat(worst, "; ")))

  H.ok(calls >= TOTAL_CALLS, "call count")
  for _, g in ipairs(growth) do
    H.ok(g[2] <= PER_OP_SLACK + PER_OP_BYTES_PER_CALL * g[3],
      ("the Lua heap grows with the calls of %s: %+d B over %d calls"):format(g[1], g[2], g[3]))
  end
  H.ok(heap1 - heap0 <= HEAP_TOTAL, ("Lua heap grew by %d B in all"):format(heap1 - heap0))
  if not CHECKER then
    H.ok(rss1 - rss0 <= RSS_TOTAL, ("RSS grew by %d B in all"):format(rss1 - rss0))
  end
end)

H.test("objects outlive what they came from", function()
  local e, p, notes
  do
    local t = natopost.timeline { start = "2024-02-29", kind = "seconded", policy = natopost.policy() }
    e, p, notes = t:event("renewal_end"), t.policy, t.notes
  end
  for _ = 1, 3 do collectgarbage("collect") end
  H.eq(e.date, "2030-02-28")
  H.eq(e.note, "subject to the agreement of the national authority")
  H.eq(p.max_months, 72)
  H.eq(notes[1].code, "seconded_renewal")
  -- A method kept apart from its timeline still needs one.
  local status = natopost.timeline("2025-09-01").status
  collectgarbage("collect")
  H.arg_error("natopost.Timeline expected", status, {}, "2026-01-01")
end)
