-- Runs Lua test files of tests/lua and prints "N passed, N failed".
--
--   LUA_CPATH='<build>/bindings/lua/?.so;;' NATOPOST_TEST_DATA=tests/data \
--   NATOPOST_CLI=<build>/cli/natopost lua5.4 tests/lua/run.lua test_policy.lua [...]
--
-- With several files, one line per file and a final total. Exit status 0
-- only when every test passed (and at least one ran).
-- NATOPOST_LUA_GC=aggressive runs them with the aggressive collector (see
-- harness.lua, setup_gc).
local dir = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = dir .. "/?.lua;" .. package.path

local H = require "harness"
local mode = H.setup_gc(os.getenv("NATOPOST_LUA_GC"))

if #arg == 0 then
  io.stderr:write("usage: lua5.4 run.lua test_file.lua [...]\n")
  os.exit(2)
end

local total_passed, total_failed = 0, 0
for _, name in ipairs(arg) do
  local path = name:find("/", 1, true) and name or dir .. "/" .. name
  H.passed, H.failed = 0, 0
  local chunk, err = loadfile(path)
  if chunk then
    local ok, run_err = xpcall(chunk, debug.traceback, H)
    if not ok then
      H.failed = H.failed + 1
      io.stdout:write(("FAIL %s (while loading)\n  %s\n"):format(name, run_err))
    end
  else
    H.failed = H.failed + 1
    io.stdout:write(("FAIL %s: %s\n"):format(name, err))
  end
  if #arg > 1 then
    io.stdout:write(("%s: %d passed, %d failed\n"):format(name, H.passed, H.failed))
  end
  total_passed, total_failed = total_passed + H.passed, total_failed + H.failed
end
H.cleanup()
if mode ~= "normal" then
  io.stdout:write(("(GC mode %s: %d collections after module calls)\n"):format(mode, H.gc_calls()))
end
io.stdout:write(("%d passed, %d failed\n"):format(total_passed, total_failed))
io.stdout:flush() -- before LeakSanitizer's report at exit, which skips stdio's flush
os.exit(total_failed == 0 and total_passed > 0, true)
