-- Collections from a messy folder (issue 17) from Lua: the error policy and
-- the skip list, a file loaded twice, unique() and sources(), posting JSON
-- refused by read_notice_file -- against tests/data/messy_expected.json,
-- which the CLI and Python suites check too, and the CLI's own answer.
local H = ...
local natopost = H.natopost

local EXPECTED = H.data("messy_expected.json")
local FOLDER = os.getenv("NATOPOST_TEST_DATA") .. "/" .. EXPECTED.folder

local function base(path) return (path:match("([^/]+)$")) end
local function bases(paths)
  local out = {}
  for i, p in ipairs(paths) do out[i] = base(p) end
  return out
end
local function sources_of(c)
  local out = {}
  for i, p in ipairs(c:query("")) do out[i] = base(p.source) end
  return out
end

H.test("raise is the default and names the first bad file", function()
  H.core_error(EXPECTED.first_bad_file, natopost.collection, { FOLDER })
  H.core_error(EXPECTED.first_bad_file, natopost.collection, { FOLDER }, { on_error = "raise" })
end)

H.test("skip loads every good file and lists each bad one", function()
  local c = natopost.collection({ FOLDER }, { on_error = "skip" })
  H.eq(sources_of(c), EXPECTED.postings, "postings")
  local skipped = c:skipped()
  H.eq(#skipped, #EXPECTED.skipped, "skipped")
  for i, e in ipairs(EXPECTED.skipped) do
    H.eq({ base(skipped[i].path), skipped[i].line, skipped[i].column, skipped[i].repeated },
         { e.file, e.line, e.column, false }, "skipped " .. i)
    H.contains(skipped[i].message, e.words)
  end
end)

H.test("add follows the policy; a file loaded twice is read once", function()
  local c = natopost.collection(nil, { on_error = "skip" })
  c:add(FOLDER .. "/c_empty.txt")
  c:add(FOLDER .. "/a_ncia_data_engineer.txt")
  c:add(FOLDER .. "/a_ncia_data_engineer.txt")
  H.eq(#c, 1)
  local skipped = c:skipped()
  H.eq({ skipped[1].repeated, skipped[2].repeated }, { false, true })
  H.contains(skipped[2].message, "already loaded")
  local strict = natopost.collection()
  H.core_error("empty", strict.add, strict, FOLDER .. "/c_empty.txt")
  H.eq(#strict:skipped(), 0)
end)

H.test("unique folds the copies, keeps the most complete, lists every source", function()
  local c = natopost.collection({ FOLDER }, { on_error = "skip" })
  local u = c:unique()
  H.eq(#u, #EXPECTED.unique)
  local postings = u:query("")
  for i, e in ipairs(EXPECTED.unique) do
    H.eq(base(postings[i].source), e.kept, "kept " .. i)
    H.eq(bases(u:sources(i)), e.sources, "sources " .. i)
    if e.id then H.eq(postings[i].id, e.id) else H.ok(postings[i].id:find("^fnv1a:"), "fingerprint") end
  end
  H.eq(postings[1].grade, "G15")
  H.eq(#u:skipped(), 0)
  H.eq(bases(c:sources(2)), { "b_ncia_data_engineer_from_jobsite.txt" })
  H.raises("out of range", u.sources, u, #u + 1)
end)

H.test("the CLI gives the same postings once and the same folded sources", function()
  if not os.getenv("NATOPOST_CLI") then error("NATOPOST_CLI is not set") end
  local code, out = H.run_cli({ "query", "", FOLDER, "--keep-going", "--unique", "--json", "--fields", "id,source" })
  H.eq(code, 3, "exit status")
  local rows = H.json.decode(out)
  local u = natopost.collection({ FOLDER }, { on_error = "skip" }):unique()
  for i, p in ipairs(u:query("")) do H.eq({ rows[i].id, rows[i].source }, { p.id, p.source }) end
  H.eq(#rows, #u)
end)

H.test("read_notice_file refuses posting JSON naming load; load reads it", function()
  H.core_error({ "posting JSON", "load" }, natopost.read_notice_file, FOLDER .. "/" .. EXPECTED.json_file)
  local loaded = natopost.load(FOLDER .. "/" .. EXPECTED.json_file)
  H.eq(loaded[1].id, "ACT-2026-0031")
end)

H.test("the options are checked", function()
  H.core_error('"raise" or "skip", not "ignore"', natopost.collection, {}, { on_error = "ignore" })
  H.arg_error("unknown key", natopost.collection, {}, { onerror = "skip" })
  H.arg_error("on_error: string expected", natopost.collection, {}, { on_error = true })
  H.arg_error("table expected", natopost.collection, {}, "skip")
end)
