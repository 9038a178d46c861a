-- A small JSON reader for the tests (RFC 8259): the shared case tables under
-- tests/data and the JSON the core writes. Not part of natopost.
--
--   json.decode(text) -> value
--
-- Objects become tables; a member whose value is null is left out (so that
-- {"note": null} reads like a natopost event table without a note). Arrays
-- become sequences; a null element becomes json.null (keeping the indices).
-- Integers without fraction or exponent become Lua integers, other numbers
-- floats. Malformed text raises "json: <what> at byte <n>".
local json = {}

json.null = setmetatable({}, { __tostring = function() return "json.null" end })

local sub, find = string.sub, string.find

local function fail(what, pos)
  error(("json: %s at byte %d"):format(what, pos), 0)
end

local function skip(s, pos)
  return find(s, "[^ \t\r\n]", pos) or #s + 1
end

local escapes = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

local function read_string(s, pos) -- pos at the opening quote
  local parts, i = {}, pos + 1
  while true do
    local j = find(s, '["\\%c]', i)
    if not j then fail("unterminated string", pos) end
    parts[#parts + 1] = sub(s, i, j - 1)
    local c = sub(s, j, j)
    if c == '"' then return table.concat(parts), j + 1 end
    if c ~= "\\" then fail("control character in string", j) end
    local e = sub(s, j + 1, j + 1)
    if escapes[e] then
      parts[#parts + 1] = escapes[e]
      i = j + 2
    elseif e == "u" then
      local hex = sub(s, j + 2, j + 5)
      if not hex:match("^%x%x%x%x$") then fail("bad \\u escape", j) end
      local cp = tonumber(hex, 16)
      i = j + 6
      if cp >= 0xD800 and cp <= 0xDBFF then
        local low = sub(s, i, i + 5):match("^\\u(%x%x%x%x)$")
        local lo = low and tonumber(low, 16)
        if not lo or lo < 0xDC00 or lo > 0xDFFF then fail("unpaired surrogate", j) end
        cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
        i = i + 6
      elseif cp >= 0xDC00 and cp <= 0xDFFF then
        fail("unpaired surrogate", j)
      end
      parts[#parts + 1] = utf8.char(cp)
    else
      fail("bad escape", j)
    end
  end
end

local read_value

local function read_array(s, pos, depth)
  local out, n = {}, 0
  pos = skip(s, pos + 1)
  if sub(s, pos, pos) == "]" then return out, pos + 1 end
  while true do
    local v
    v, pos = read_value(s, pos, depth + 1)
    n = n + 1
    out[n] = v == nil and json.null or v
    pos = skip(s, pos)
    local c = sub(s, pos, pos)
    if c == "]" then return out, pos + 1 end
    if c ~= "," then fail("expected ',' or ']'", pos) end
    pos = skip(s, pos + 1)
  end
end

local function read_object(s, pos, depth)
  local out = {}
  pos = skip(s, pos + 1)
  if sub(s, pos, pos) == "}" then return out, pos + 1 end
  while true do
    if sub(s, pos, pos) ~= '"' then fail("expected a string key", pos) end
    local key
    key, pos = read_string(s, pos)
    pos = skip(s, pos)
    if sub(s, pos, pos) ~= ":" then fail("expected ':'", pos) end
    local v
    v, pos = read_value(s, skip(s, pos + 1), depth + 1)
    out[key] = v -- nil (null) leaves the member out
    pos = skip(s, pos)
    local c = sub(s, pos, pos)
    if c == "}" then return out, pos + 1 end
    if c ~= "," then fail("expected ',' or '}'", pos) end
    pos = skip(s, pos + 1)
  end
end

function read_value(s, pos, depth)
  if depth > 200 then fail("nesting too deep", pos) end
  local c = sub(s, pos, pos)
  if c == "{" then return read_object(s, pos, depth) end
  if c == "[" then return read_array(s, pos, depth) end
  if c == '"' then return read_string(s, pos) end
  if sub(s, pos, pos + 3) == "true" then return true, pos + 4 end
  if sub(s, pos, pos + 4) == "false" then return false, pos + 5 end
  if sub(s, pos, pos + 3) == "null" then return nil, pos + 4 end
  local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
  if num and #num > 0 and num:match("^-?%d") then
    if num:match("^-?0%d") then fail("leading zero", pos) end
    local v = num:match("^-?%d+$") and math.tointeger(tonumber(num)) or tonumber(num)
    if v == nil then fail("bad number", pos) end
    return v, pos + #num
  end
  fail(c == "" and "unexpected end" or ("unexpected character %q"):format(c), pos)
end

function json.decode(s)
  assert(type(s) == "string", "json.decode: string expected")
  local v, pos = read_value(s, skip(s, 1), 0)
  pos = skip(s, pos)
  if pos <= #s then fail("trailing text", pos) end
  return v
end

return json
