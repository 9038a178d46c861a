-- natopost.Policy: construction and validation by the core, read-only
-- fields, JSON and files, value semantics (as tests/python/test_policy.py).
local H = ...
local natopost = H.natopost
local json = H.json

local NAMES = { "initial_months", "renewal_months", "max_months", "promotion_months",
                "max_reduction_months", "conversion_notice_months", "seconded_conversion" }
local DEFAULTS = { initial_months = 36, renewal_months = 36, max_months = 72, promotion_months = 36,
                   max_reduction_months = 24, conversion_notice_months = 12,
                   seconded_conversion = false }

H.test("defaults are the spec's values", function()
  for _, p in ipairs({ natopost.policy(), natopost.policy({}), natopost.policy(nil) }) do
    local fields = {}
    for _, name in ipairs(NAMES) do fields[name] = p[name] end
    H.eq(fields, DEFAULTS)
    H.eq(p:to_table(), DEFAULTS)
  end
  H.eq(tostring(natopost.policy()),
    "natopost.Policy(initial_months=36, renewal_months=36, max_months=72, promotion_months=36, " ..
    "max_reduction_months=24, conversion_notice_months=12, seconded_conversion=false)")
end)

H.test("options set the parameters", function()
  local all = { initial_months = 24, renewal_months = 24, max_months = 60, promotion_months = 30,
                max_reduction_months = 6, conversion_notice_months = 6, seconded_conversion = true }
  local p = natopost.policy(all)
  H.eq(p:to_table(), all)
  H.ok(natopost.policy(p:to_table()) == p, "to_table round trip")
  H.eq(math.type(p.max_months), "integer")
end)

H.test("fields are read-only; unknown fields are nil", function()
  local p = natopost.policy()
  for _, name in ipairs(NAMES) do
    H.raises("natopost.Policy is read-only", function() p[name] = 1 end)
  end
  H.raises("read-only", function() p.turnover = true end)
  H.eq(p.turnover, nil)
  H.eq(p[1], nil)
  H.eq(p["max_months\0"], nil)
  H.eq(p.max_months, 72)
end)

local INVALID = {
  { { renewal_months = 48 }, { "renewal_months (48) exceeds max_months - initial_months (36)" } },
  { { initial_months = 0 }, { "initial_months must be between 1 and 1200, got 0" } },
  { { max_months = 1201 }, { "max_months", "1201" } },
  { { max_months = 30 }, { "max_months (30) is less than initial_months (36)" } },
  { { max_reduction_months = 37 }, { "max_reduction_months (37) exceeds promotion_months (36)" } },
  { { conversion_notice_months = -1 }, { "conversion_notice_months", "-1" } },
}

for _, c in ipairs(INVALID) do
  H.test("invalid values raise the core's message: " .. H.describe(c[1]), function()
    H.core_error(c[2], natopost.policy, c[1])
  end)
end

H.test("wrong types name the parameter", function()
  for _, name in ipairs(NAMES) do
    if name ~= "seconded_conversion" then
      for _, v in ipairs({ "36", 36.0, 36.5, true, { 36 }, natopost.policy() }) do
        H.arg_error({ name .. ": integer expected" }, natopost.policy, { [name] = v })
      end
    end
  end
  for _, v in ipairs({ 1, 0, "true", {} }) do
    H.arg_error("seconded_conversion: boolean expected", natopost.policy, { seconded_conversion = v })
  end
  H.arg_error("got float", natopost.policy, { max_months = 72.0 })
  H.arg_error("got natopost.Policy", natopost.policy, { max_months = natopost.policy() })
end)

H.test("call shape and range errors", function()
  H.arg_error("table expected, got number", natopost.policy, 36)
  H.arg_error("table expected, got string", natopost.policy, "renewal_months=24")
  H.arg_error({ "unknown key 'turnover'", "known: initial_months", "seconded_conversion" },
    natopost.policy, { turnover = true })
  H.arg_error("unknown key [1]", natopost.policy, { 36 })
  H.arg_error("unknown key 'max_months\\0x'", natopost.policy, { ["max_months\0x"] = 1 })
  H.arg_error("unknown key 'it\\'s\\n\\0001'", natopost.policy, { ["it's\n\0" .. "1"] = 1 })
  H.arg_error("unknown key '" .. ("x"):rep(60) .. "'...", natopost.policy, { [("x"):rep(1000)] = 1 })
  H.arg_error("unknown key of type boolean", natopost.policy, { [true] = 1 })
  H.arg_error("max_months: 4294967296 is out of range", natopost.policy, { max_months = 1 << 32 })
  H.arg_error("max_months: -2147483648 is out of range", natopost.policy, { max_months = -(1 << 31) })
  H.arg_error("no value expected", natopost.policy, {}, {})
end)

-- ---- JSON ----------------------------------------------------------------------------------

H.test("JSON round trip", function()
  for _, p in ipairs({ natopost.policy(), natopost.policy { renewal_months = 0, seconded_conversion = true },
                       natopost.policy { initial_months = 12, renewal_months = 48, max_months = 60 } }) do
    local text = p:to_json()
    H.eq(json.decode(text), p:to_table())
    local order = {}
    for key in text:gmatch('"([%w_]+)":') do order[#order + 1] = key end
    H.eq(order, NAMES, "keys in declaration order")
    H.ok(natopost.policy_from_json(text) == p, "from_json(to_json)")
  end
end)

H.test("policy_from_json: absent keys keep the default", function()
  H.ok(natopost.policy_from_json('{"renewal_months": 24}') == natopost.policy { renewal_months = 24 })
  H.ok(natopost.policy_from_json("{}") == natopost.policy())
end)

local FROM_JSON_ERRORS = {
  { '{"renewal_months": 36, "turnover": true}', { 'unknown policy key "turnover"' } },
  { '{"renewal_months": "36"}', { '"renewal_months" must be an integer', "string" } },
  { '{"seconded_conversion": 1}', { '"seconded_conversion" must be true or false' } },
  { '{"renewal_months": 48}', { "renewal_months (48) exceeds" } },
  { "[36]", { "policy JSON must be an object" } },
}

for _, c in ipairs(FROM_JSON_ERRORS) do
  H.test("policy_from_json errors name the key: " .. c[1], function()
    H.core_error(c[2], natopost.policy_from_json, c[1])
  end)
end

H.test("malformed JSON gives the line", function()
  H.core_error("line 2", natopost.policy_from_json, '{\n  "renewal_months": 36,,\n}')
  H.arg_error("string expected, got number", natopost.policy_from_json, 36)
  H.arg_error("string expected, got no value", natopost.policy_from_json)
end)

-- ---- files ---------------------------------------------------------------------------------

H.test("save and load", function()
  local dir = H.tmpdir()
  local path = dir .. "/policy.json"
  local p = natopost.policy { max_months = 60, renewal_months = 24 }
  H.eq(select("#", p:save(path)), 0, "save returns nothing")
  local text = H.read_file(path)
  H.eq(text:sub(-1), "\n")
  H.eq(json.decode(text), p:to_table())
  H.ok(natopost.policy_load(path) == p, "load(save)")
  H.eq(H.listdir(dir), { "policy.json" }, "no temporary file left")
  H.eq(natopost.timeline({ start = "2025-09-01", policy = natopost.policy_load(path) }):date("contract_end"),
    "2030-08-31")
end)

H.test("load and save errors", function()
  local dir = H.tmpdir()
  local missing = dir .. "/missing.json"
  H.core_error({ "cannot open", missing }, natopost.policy_load, missing)
  local bad = dir .. "/bad.json"
  local f = assert(io.open(bad, "w"))
  f:write('{"turnover": true}')
  f:close()
  local err = H.core_error('unknown policy key "turnover"', natopost.policy_load, bad)
  H.eq(err:sub(1, #bad + 2), bad .. ": ")
  local p = natopost.policy()
  H.core_error(dir .. "/no-such-dir/p.json", p.save, p, dir .. "/no-such-dir/p.json")
  H.arg_error("string expected, got float", natopost.policy_load, 3.5)
  H.arg_error("contains a NUL character", natopost.policy_load, dir .. "/x\0y")
  H.arg_error("contains a NUL character", p.save, p, dir .. "/x\0y")
  H.arg_error("string expected, got nil", p.save, p, nil)
  H.arg_error("natopost.Policy expected, got table", p.save, {}, dir .. "/p.json")
  H.eq(H.listdir(dir), { "bad.json" })
end)

-- ---- value semantics --------------------------------------------------------------------------

H.test("equality", function()
  local a, b = natopost.policy(), natopost.policy_from_json("{}")
  local c = natopost.policy { renewal_months = 24 }
  H.ok(a == b and not (a ~= b))
  H.ok(a ~= c and not (a == c))
  H.ok(natopost.policy { seconded_conversion = true } ~= a)
  H.ok(a ~= DEFAULTS and a ~= "policy" and a ~= 1)
  H.raises("attempt to compare", function() return a < c end)
end)

H.test("a timeline uses the policy", function()
  local p = natopost.policy { seconded_conversion = true }
  local t = natopost.timeline { start = "2024-02-29", kind = "seconded", policy = p }
  H.ok(t.has_conversion_window)
  H.eq(#t.notes, 1)
  H.eq(t.notes[1].code, "seconded_renewal")
  H.ok(t.policy == p)
  local strict = natopost.policy { max_reduction_months = 12 }
  H.core_error("reduction_months must be between 0 and 12, got 13", natopost.timeline,
    { start = "2025-09-01", twin_grade = true, reduction_months = 13, policy = strict })
end)

H.test("the policy of a timeline is a copy", function()
  local p = natopost.policy { renewal_months = 24 }
  local t = natopost.timeline { start = "2025-09-01", policy = p }
  H.ok(rawequal(t.policy, p) == false, "another userdata")
  p = nil
  collectgarbage("collect")
  H.eq(t.policy.renewal_months, 24)
  H.eq(t:to_table().policy.renewal_months, 24)
end)

H.test("policy methods check self", function()
  local p = natopost.policy()
  H.arg_error("natopost.Policy expected, got table", p.to_json, {})
  H.arg_error("natopost.Policy expected, got no value", p.to_table)
  H.arg_error("no value expected", p.to_json, p, 1)
  H.eq(getmetatable(p), "natopost.Policy", "getmetatable gives the protected name")
end)
