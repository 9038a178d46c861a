-- Test of examples/embed: runs embed_host (argv[1]) on report.lua (argv[2])
-- and on a failing script, and checks what it prints and its exit status.
--   lua5.4 check_output.lua EMBED_HOST REPORT_LUA
local host, report = arg[1], arg[2]
local failures, checks = 0, 0

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function run(...)
  -- embed_host carries its own sanitizer runtime in ASan builds: drop the
  -- one preloaded for lua5.4 (clang links it statically; two are an error).
  local parts = { "env -u LD_PRELOAD", quote(host) }
  for _, a in ipairs({ ... }) do parts[#parts + 1] = quote(a) end
  local errfile = os.tmpname()
  local p = assert(io.popen(table.concat(parts, " ") .. " 2>" .. quote(errfile)))
  local out = p:read("a")
  local _, _, code = p:close()
  local f = assert(io.open(errfile))
  local err = f:read("a")
  f:close()
  os.remove(errfile)
  return code, out, err
end

local function check(cond, what, detail)
  checks = checks + 1
  if not cond then
    failures = failures + 1
    print("FAIL " .. what .. (detail and ("\n" .. detail) or ""))
  end
end

local code, out, err = run(report)
check(code == 0, "exit status 0", err)
check(err == "", "nothing on stderr", err)
for _, line in ipairs({
  "Contract timeline: external appointment from 2025-09-01, twin-graded post",
  "  2031-08-31  contract_end             Contract end",
  "  2028-09-01  earliest_promotion       Earliest promotion to the higher grade",
  "On 2026-11-22: initial phase, 14 months served, 1743 days to the contract end",
  "result: 2031-08-31",
  "host: contract_end of 2025-09-01 (twin-graded) is 2031-08-31",
}) do
  check(out:find(line .. "\n", 1, true), "output has " .. line, out)
end

code, out, err = run(report, "2024-02-29", "seconded", "2027-03-01")
check(code == 0, "seconded: exit status 0", err)
check(out:find("result: 2030-02-28\n", 1, true), "seconded: contract end", out)
check(out:find("subject to the agreement of the national authority", 1, true), "seconded: event note", out)
check(out:find("On 2027-03-01: renewal phase", 1, true), "seconded: status", out)

-- The default script is report.lua.
code, out = run()
check(code == 0 and out:find("result: 2031-08-31\n", 1, true), "default script", out)

-- A Lua error (here the core's, for a bad date) is reported, with status 1.
code, out, err = run(report, "2025-02-30")
check(code == 1, "bad date: exit status 1", tostring(code))
check(err:find("start: day 30 is out of range for February 2025", 1, true), "bad date: message", err)
check(err:find("stack traceback", 1, true), "bad date: traceback", err)
check(not out:find("result:", 1, true), "bad date: no result", out)

code, out, err = run("/nonexistent/script.lua")
check(code == 1 and err:find("cannot open", 1, true), "missing script", err)

print(("%d passed, %d failed"):format(checks - failures, failures))
os.exit(failures == 0, true)
