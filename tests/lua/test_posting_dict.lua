-- natopost.posting_from_table: postings from plain tables, every key
-- optional, judged by the core's JSON reader; the cases are shared with
-- Python's Posting.from_dict (tests/data/posting_dict_cases.json).
local H = ...
local natopost = H.natopost

local TABLE = H.data("posting_dict_cases.json")

for _, c in ipairs(TABLE.cases) do
  H.test("posting_from_table: " .. c.about, function()
    -- the cases state the JSON form; json.lua leaves null members out:
    -- each stated field must be there and equal, each null one absent.
    local t = H.json.decode(natopost.posting_from_table(c.input):to_json())
    for key, value in pairs(c.fields) do H.eq(t[key], value, key) end
  end)
end

for _, c in ipairs(TABLE.errors) do
  H.test("posting_from_table error: " .. c.about, function()
    H.core_error(c.error, natopost.posting_from_table, c.input)
  end)
end

H.test("posting_from_table(p:to_table()) == p for every example notice", function()
  local dir = assert(os.getenv("NATOPOST_EXAMPLES"))
  local n = 0
  for _, name in ipairs(H.listdir(dir)) do
    if name:match("%.txt$") then
      local p = natopost.read_notice_file(dir .. "/" .. name)
      H.ok(natopost.posting_from_table(p:to_table()) == p, name)
      n = n + 1
    end
  end
  H.ok(n > 0, "no example notices in " .. dir)
end)

H.test("an empty table is absent (Lua has one empty table for [] and {})", function()
  local p = natopost.posting_from_table { title = "Officer", accountabilities = {}, salary = {},
                                          requirements = { { text = "Tact.", as = {} } } }
  local t = p:to_table()
  H.eq(t.title, "Officer")
  H.eq(t.accountabilities, {})
  H.eq(t.salary, nil)
  H.eq(t.requirements[1].kind, "other")
end)

H.test("posting_from_table: wrong arguments and values that are not data", function()
  H.arg_error("table expected, got string", natopost.posting_from_table, "{}")
  H.arg_error("table expected, got no value", natopost.posting_from_table)
  H.core_error({ "posting: title: a function value" }, natopost.posting_from_table, { title = print })
  H.core_error({ "posting: salary.amount: nan is not a JSON number" }, natopost.posting_from_table,
               { salary = { amount = 0 / 0 } })
  H.core_error({ "expected a posting object, got an array" }, natopost.posting_from_table, { "x" })
end)
