-- Query parameters ("?") and today from Lua (issue 16, item 8), on
-- tests/data/query_postings.ndjson (q01..q08): the same queries, values and
-- answers as tests/python/test_query_params.py and the CLI's --param/--today.
local H = ...
local natopost = H.natopost

local c = natopost.collection{ os.getenv("NATOPOST_TEST_DATA") .. "/query_postings.ndjson" }

local function ids(result)
  local out = {}
  for i, p in ipairs(result) do out[i] = p.id end
  table.sort(out)
  return out
end

H.test("Lua values bind to their fields", function()
  H.eq(ids(c:query("grade >= ? and deadline < ?", "G15", "2025-11-20")), { "q01", "q03", "q08" })
  H.eq(ids(c:query("clearance = ? and lang.second >= ?", "NATO SECRET", "III")), { "q01", "q06" })
  H.eq(ids(c:query("salary > ? and fast_track = ?", 5000, true)), { "q08" })
  H.eq(ids(c:query("salary > ? and salary < ?", 4012.5, 13914.54)), { "q01" })
end)

H.test("a value is never query text", function()
  H.eq(ids(c:query("id = ?", "q01' or id != '")), {})
  H.eq(ids(c:query("id in [?, ?]", "q02", "q07")), { "q02", "q07" })
end)

H.test("today fixed by the options table, else the local date", function()
  H.eq(ids(c:query("deadline >= today", { today = "2025-11-30" })), { "q02", "q06", "q07" })
  H.eq(ids(c:query("deadline < today and grade >= ?", "G15", { today = "2025-11-01" })), { "q03" })
  H.eq(ids(c:query("deadline >= today")), {})
  H.eq(#c:query("deadline < today"), 7)
end)

H.test("rows, to_records and count by take parameters", function()
  local seen = {}
  for _, p in c:rows("grade = ? order by id", "G15") do seen[#seen + 1] = p.id end
  H.eq(seen, { "q01", "q02", "q05" })
  local records = c:to_records("deadline = today", { today = "2025-10-31" })
  H.eq(#records, 1)
  H.eq(records[1].id, "q04")
  local groups = c:query("salary > ? count by grade", 5000).groups
  H.eq(#groups, 2)
  H.eq(groups[1].count + groups[2].count, 2)
end)

H.test("mismatches are the core's positioned errors", function()
  local cases = {
    { { "grade >= ?" }, "placeholder 1 has no value (0 parameters given) at column 10" },
    { { "grade >= ? and deadline > ?", "G15" }, "placeholder 2 has no value (1 parameter given) at column 27" },
    { { "grade >= G15", "G15" }, "1 parameter given, but the query has 0 placeholders ('?') at column 13" },
    { { "grade >= ?", "G25" }, "parameter 1 (\"G25\"): grade is a grade field:" },
    { { "title = ?", 15 }, "parameter 1 is an integer, but title is a text field: give a string at column 9" },
    { { "deadline > ?", 1.5 }, "parameter 1 is a number, but deadline is a date field: give a date at column 12" },
    { { "fast_track = ?", "G15" }, "fast_track is a boolean field: expected true or false" },
    { { "salary = ?", 0 / 0 }, "parameter 1 is not a finite number" },
    { { "salary = ?", 1 << 60 }, "parameter 1 (1152921504606846976) is too large to compare exactly" },
  }
  for _, case in ipairs(cases) do
    local err = H.core_error(case[2], c.query, c, table.unpack(case[1]))
    local first, shown = err:match("^([^\n]*)\n  ([^\n]*)\n")
    H.eq(shown, case[1][1], case[1][1])
  end
end)

H.test("values Lua cannot pass are argument errors", function()
  H.arg_error("nil: a missing value never compares; write 'is null'", c.query, c, "id = ?", nil)
  H.arg_error("string, number or boolean expected, got table", c.query, c, "id = ?", {}, 3)
  H.arg_error("unknown key 'bogus' (known: today)", c.query, c, "id = ?", { bogus = 1 })
  H.raises("today: ", c.query, c, "deadline > today", { today = "2025-02-30" })
  H.arg_error("date string", c.query, c, "deadline > today", { today = 20250101 })
end)

H.test("tostring counts postings in the singular and plural", function()
  H.eq(tostring(c), "natopost.Collection(8 postings)")
  H.eq(tostring(natopost.collection{ c:query("id = ?", "q01")[1] }), "natopost.Collection(1 posting)")
  H.eq(tostring(natopost.collection()), "natopost.Collection(0 postings)")
end)
