-- The plain-Lua test harness of tests/lua (no busted): test registration
-- and counting, deep comparison, error checks, the shared data tables, the
-- CLI, temporary folders, and the aggressive-GC mode. run.lua drives it.
--
--   local H = require "harness"
--   local natopost = H.natopost
--   H.test("name", function() H.eq(actual, expected) end)
local json = require "json"

local H = { json = json, passed = 0, failed = 0 }

H.natopost = require "natopost"

-- ---- tests and assertions -------------------------------------------------------------

function H.test(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    H.passed = H.passed + 1
  else
    H.failed = H.failed + 1
    io.stdout:write(("FAIL %s\n  %s\n"):format(name, tostring(err):gsub("\n", "\n  ")))
  end
end

local function describe(v, depth)
  depth = depth or 0
  if type(v) == "string" then return ("%q"):format(v) end
  if type(v) ~= "table" or depth > 3 or getmetatable(v) then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b)
    if type(a) == type(b) and (type(a) == "number" or type(a) == "string") then return a < b end
    return type(a) < type(b)
  end)
  local parts = {}
  for _, k in ipairs(keys) do
    parts[#parts + 1] = (type(k) == "string" and k or "[" .. tostring(k) .. "]") .. "=" ..
                        describe(v[k], depth + 1)
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end
H.describe = describe

-- The path of the first difference between a and b (plain tables compared by
-- content, everything else with ==), or nil when they are the same.
local function difference(a, b, path)
  if type(a) == "table" and type(b) == "table" and not getmetatable(a) and not getmetatable(b) then
    for k, v in pairs(a) do
      local d = difference(v, b[k], path .. "." .. tostring(k))
      if d then return d end
    end
    for k in pairs(b) do
      if a[k] == nil then return path .. "." .. tostring(k) .. " (missing on the left)" end
    end
    return nil
  end
  if a == b then return nil end
  if type(a) == "number" and type(b) == "number" and math.type(a) ~= math.type(b) then
    return path .. (" (%s vs %s)"):format(math.type(a), math.type(b))
  end
  return path
end

function H.same(a, b) return difference(a, b, "") == nil end

function H.eq(actual, expected, label)
  local d = difference(actual, expected, "")
  if d then
    error(("%s: not equal at '%s'\n  actual:   %s\n  expected: %s"):format(
      label or "eq", d, describe(actual), describe(expected)), 2)
  end
end

function H.ok(cond, label)
  if not cond then error((label or "assertion") .. " failed", 2) end
end

function H.contains(text, fragment, label)
  if type(text) ~= "string" or not text:find(fragment, 1, true) then
    error(("%s: %s does not contain %q"):format(label or "contains", describe(text), fragment), 2)
  end
end

-- The text of an error value: a string as it is, a natopost.Error (the
-- module's structured error, a table) through its __tostring; anything else
-- is a failure of the test.
function H.message(err, level)
  if type(err) == "string" then return err end
  if type(err) == "table" and getmetatable(err) == "natopost.Error" then return tostring(err) end
  error("error value is a " .. type(err) .. ", neither a string nor a natopost.Error", (level or 1) + 1)
end

-- Calls fn(...) expecting an error; the error value must be a string or a
-- natopost.Error whose text contains every fragment (plain text). Returns
-- the text.
function H.raises(fragments, fn, ...)
  local ok, err = pcall(fn, ...)
  if ok then error("expected an error containing " .. describe(fragments) .. ", got none", 2) end
  err = H.message(err, 2)
  if type(fragments) == "string" then fragments = { fragments } end
  for _, f in ipairs(fragments) do
    if not err:find(f, 1, true) then
      error(("error %q does not contain %q"):format(err, f), 2)
    end
  end
  return err
end

-- An argument error (luaL_argerror's "bad argument #n to 'f' (...)") that
-- contains every fragment.
function H.arg_error(fragments, fn, ...)
  if type(fragments) == "string" then fragments = { fragments } end
  local all = { "bad argument #" }
  for _, f in ipairs(fragments) do all[#all + 1] = f end
  return H.raises(all, fn, ...)
end

-- A core error: the core's message as is (no "bad argument", no position).
function H.core_error(fragments, fn, ...)
  local err = H.raises(fragments, fn, ...)
  if err:find("bad argument", 1, true) or err:match("^[^ ]+:%d+: ") then
    error(("expected the core's message, got %q"):format(err), 2)
  end
  return err
end

-- ---- data -------------------------------------------------------------------------------

function H.read_file(path, mode)
  local f = assert(io.open(path, mode or "rb"))
  local s = f:read("a")
  f:close()
  return s
end

function H.data(name)
  local dir = assert(os.getenv("NATOPOST_TEST_DATA"), "NATOPOST_TEST_DATA is not set")
  return json.decode(H.read_file(dir .. "/" .. name))
end

function H.keys(t)
  local out = {}
  for k in pairs(t) do out[#out + 1] = k end
  table.sort(out)
  return out
end

function H.copy(t)
  local out = {}
  for k, v in pairs(t) do out[k] = v end
  return out
end

-- Day numbers (days since 1970-01-01) of ISO dates, by H. Hinnant's
-- days_from_civil written again here: the tests' own reference, not the core.
function H.days(iso)
  local y, m, d = iso:match("^(%d%d%d%d)-(%d%d)-(%d%d)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m <= 2 then y = y - 1 end
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local doy = (153 * (m + (m > 2 and -3 or 9)) + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

function H.iso(days)
  local z = days + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp + (mp < 10 and 3 or -9)
  if m <= 2 then y = y + 1 end
  return ("%04d-%02d-%02d"):format(y, m, d)
end

-- ---- processes and files ---------------------------------------------------------------

function H.quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

local tmp_dirs = {}

function H.tmpdir()
  local p = assert(io.popen("mktemp -d"))
  local dir = p:read("l")
  p:close()
  assert(dir and dir ~= "", "mktemp -d failed")
  tmp_dirs[#tmp_dirs + 1] = dir
  return dir
end

function H.listdir(dir)
  local p = assert(io.popen("ls -A " .. H.quote(dir)))
  local out = {}
  for line in p:lines() do out[#out + 1] = line end
  p:close()
  table.sort(out)
  return out
end

function H.cleanup()
  for _, dir in ipairs(tmp_dirs) do os.execute("rm -rf " .. H.quote(dir)) end
  tmp_dirs = {}
end

-- Runs the CLI (NATOPOST_CLI) with `args`; returns exit code, stdout, stderr.
function H.run_cli(args)
  local cli = assert(os.getenv("NATOPOST_CLI"), "NATOPOST_CLI is not set")
  -- Without the LD_PRELOAD the ASan build gives lua5.4: the CLI is built with
  -- the sanitizer and loads its own runtime (clang links it statically, and
  -- a second, preloaded one is an error).
  local parts = { "env -u LD_PRELOAD", H.quote(cli) }
  for _, a in ipairs(args) do parts[#parts + 1] = H.quote(a) end
  local errfile = os.tmpname()
  local p = assert(io.popen(table.concat(parts, " ") .. " 2>" .. H.quote(errfile)))
  local out = p:read("a")
  local _, how, code = p:close()
  local err = H.read_file(errfile)
  os.remove(errfile)
  if how ~= "exit" then code = 128 + code end
  return code, out, err
end

-- The `natopost timeline` arguments of a case input (flags for booleans),
-- as tests/python/support.py's cli_args.
function H.cli_args(input)
  local args = {}
  for _, key in ipairs(H.keys(input)) do
    local value = input[key]
    local flag = "--" .. key:gsub("_", "-")
    if value == true then
      args[#args + 1] = flag
    elseif value ~= false then
      args[#args + 1] = flag
      args[#args + 1] = tostring(value)
    end
  end
  return args
end

-- ---- the aggressive-GC mode --------------------------------------------------------------

-- Every C function of the module: module functions, methods, metamethods.
function H.module_functions()
  local natopost, set = H.natopost, {}
  local function add(f) if type(f) == "function" then set[f] = true end end
  for _, f in pairs(natopost) do add(f) end
  local t = natopost.timeline { start = "2025-09-01" }
  local tmt = debug.getmetatable(t)
  for _, f in pairs(tmt.__index) do add(f) end
  add(tmt.__tostring)
  local p = natopost.policy()
  local pmt = debug.getmetatable(p)
  for _, f in pairs(pmt) do add(f) end
  add(p.save); add(p.to_json); add(p.to_table)
  return set
end

-- NATOPOST_LUA_GC=aggressive: the generational collector, and after every
-- return from one of the module's C functions a full collection (or, every
-- other call, a collection step), so that anything the binding leaves
-- unanchored is collected at once.
function H.setup_gc(mode)
  if mode == nil or mode == "" or mode == "normal" then return "normal" end
  assert(mode == "aggressive", "NATOPOST_LUA_GC must be 'aggressive' or unset, not " .. mode)
  collectgarbage("generational")
  local functions, getinfo, n = H.module_functions(), debug.getinfo, 0
  debug.sethook(function()
    local info = getinfo(2, "f")
    if info and functions[info.func] then
      n = n + 1
      if n % 2 == 0 then collectgarbage("collect") else collectgarbage("step") end
    end
  end, "r")
  H.gc_calls = function() return n end
  return mode
end

return H
