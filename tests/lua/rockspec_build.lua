-- Builds the natopost module from lua/natopost-0.1.0-1.rockspec the way
-- LuaRocks' builtin backend does (LuaRocks itself is not installed here), then
-- loads it with lua5.4:
--
--   lua5.4 rockspec_build.lua ROCKSPEC VERSION SOURCE_ROOT -- SOURCE...
--
-- SOURCE... are meson's C sources of the module (the binding's and the
-- core's); the rockspec must list exactly those. The backend's steps (its
-- build/builtin.lua, Unix branch), with the default Unix variables
-- (CC = LD = $CC or cc, CFLAGS = "-O2 -fPIC", LIBFLAG = "-shared", the
-- external dependencies' and Lua's directories from pkg-config):
--   for each source: $(CC) $(CFLAGS) -I$(LUA_INCDIR) -c SOURCE -o OBJECT
--                    -D<defines> -I<incdirs>
--   $(LD) $(LIBFLAG) -o natopost.so -L$(LUA_LIBDIR) OBJECTS -L<libdirs>
--                    -Wl,-rpath,<libdir>: -l<libraries>
-- run from the source root; the objects go to a temporary folder instead of
-- next to the sources, so that the tree stays clean. Prints one line per
-- check and "N passed, N failed".
local rockspec_path, version, root = arg[1], arg[2], arg[3]
assert(rockspec_path and version and root and arg[4] == "--",
  "usage: lua5.4 rockspec_build.lua ROCKSPEC VERSION SOURCE_ROOT -- SOURCE...")

local passed, failed = 0, 0
local function check(cond, what, detail)
  if cond then
    passed = passed + 1
    print("ok   " .. what)
  else
    failed = failed + 1
    print("FAIL " .. what .. (detail and ("\n     " .. tostring(detail):gsub("\n", "\n     ")) or ""))
  end
  return cond
end

local function quote(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

-- Runs a shell command; returns success, its stdout and stderr.
local function run(cmd)
  local errfile = os.tmpname()
  local p = assert(io.popen(cmd .. " 2>" .. quote(errfile)))
  local out = p:read("a")
  local ok = p:close()
  local f = assert(io.open(errfile))
  local err = f:read("a")
  f:close()
  os.remove(errfile)
  return ok == true, out, err
end

local function pkgconfig(args)
  local ok, out, err = run("pkg-config " .. args)
  assert(ok, "pkg-config " .. args .. ": " .. err)
  return (out:gsub("%s+$", ""))
end

-- Paths relative to the source root, for comparing lists.
local function relative(paths)
  local ok, out, err = run("realpath -m --relative-to=" .. quote(root) .. " " ..
    table.concat((function()
      local q = {}
      for i, p in ipairs(paths) do q[i] = quote(p) end
      return q
    end)(), " "))
  assert(ok, err)
  local rel = {}
  for line in out:gmatch("[^\n]+") do rel[#rel + 1] = line end
  return rel
end

local function set_of(list)
  local s = {}
  for _, v in ipairs(list) do s[v] = true end
  return s
end

local function missing(from, of)
  local out = {}
  for _, v in ipairs(from) do
    if not of[v] then out[#out + 1] = v end
  end
  return out
end

-- ---- the rockspec, loaded as LuaRocks loads it (a chunk run in an empty env) -------------

local spec = {}
local chunk, load_err = loadfile(rockspec_path, "t", spec)
if not check(chunk ~= nil, "rockspec loads", load_err) then os.exit(1) end
check(pcall(chunk), "rockspec runs")

check(spec.rockspec_format == "3.0", "rockspec_format 3.0", spec.rockspec_format)
check(spec.package == "natopost", "package natopost", spec.package)
check(spec.version == version .. "-1", "version " .. version .. "-1 (meson's project version)", spec.version)
check(rockspec_path:match("([^/]+)$") == ("%s-%s.rockspec"):format(spec.package, spec.version),
  "file name is <package>-<version>.rockspec")
check(type(spec.source) == "table" and type(spec.source.url) == "string", "source.url")
check(type(spec.description) == "table" and spec.description.license == "MIT", "description.license MIT")
local deps = table.concat(spec.dependencies or {}, ";")
check(deps:find("lua >= 5.4, < 5.5", 1, true), "depends on Lua 5.4", deps)
local jansson = (spec.external_dependencies or {}).JANSSON or {}
check(jansson.header == "jansson.h" and jansson.library == "jansson",
  "external dependency JANSSON (header, library)")
local build = spec.build or {}
check(build.type == "builtin", "builtin backend", build.type)
local module = (build.modules or {}).natopost
if not check(type(module) == "table" and type(module.sources) == "table", "build.modules.natopost.sources") then
  os.exit(1)
end

-- ---- the same sources as meson ---------------------------------------------------------------

local meson_sources = {}
for i = 5, #arg do meson_sources[#meson_sources + 1] = arg[i] end
meson_sources = relative(meson_sources)
local spec_sources = module.sources
local in_spec, in_meson = set_of(spec_sources), set_of(meson_sources)
local lacking = missing(meson_sources, in_spec)
check(#lacking == 0, "the rockspec lists every C source meson builds the module from",
  "add to " .. rockspec_path .. ": " .. table.concat(lacking, ", "))
local extra = missing(spec_sources, in_meson)
check(#extra == 0, "the rockspec lists no other source", table.concat(extra, ", "))
local distinct = 0
for _ in pairs(in_spec) do distinct = distinct + 1 end
check(distinct == #spec_sources and distinct > 0, "no source twice")

-- ---- build it as the builtin backend would ----------------------------------------------------

local v = {
  CC = os.getenv("CC") or "cc",
  CFLAGS = "-O2 -fPIC",
  LIBFLAG = "-shared",
  LUA_INCDIR = pkgconfig("--cflags-only-I lua5.4"):match("^%-I(%S+)") or "/usr/include",
  LUA_LIBDIR = pkgconfig("--variable=libdir lua5.4"),
  JANSSON_INCDIR = pkgconfig("--variable=includedir jansson"),
  JANSSON_LIBDIR = pkgconfig("--variable=libdir jansson"),
}
v.LD = v.CC

local function substitute(list)
  local out = {}
  for i, s in ipairs(list or {}) do
    out[i] = s:gsub("%$%(([%w_]+)%)", function(name)
      return assert(v[name], "unknown rockspec variable $(" .. name .. ")")
    end)
  end
  return out
end

local function flags(fmt, list)
  local out = {}
  for i, s in ipairs(substitute(list)) do out[i] = quote(fmt:format(s)) end
  return table.concat(out, " ")
end

local ok_tmp, tmp = run("mktemp -d")
tmp = tmp:gsub("%s+$", "")
assert(ok_tmp and tmp ~= "", "mktemp -d failed")

local objects, compiled = {}, true
for _, source in ipairs(spec_sources) do
  local object = tmp .. "/" .. source:gsub("/", "_"):gsub("%.[^.]*$", ".o")
  local cmd = ("cd %s && %s %s -I%s -c %s -o %s %s %s"):format(quote(root), v.CC, v.CFLAGS,
    quote(v.LUA_INCDIR), quote(source), quote(object), flags("-D%s", module.defines),
    flags("-I%s", module.incdirs))
  local ok, _, err = run(cmd)
  compiled = check(ok, "compile " .. source, cmd .. "\n" .. err) and compiled
  if ok and err ~= "" then check(false, "no warning compiling " .. source, err) end
  objects[#objects + 1] = quote(object)
end

local lib = tmp .. "/natopost.so"
if compiled then
  local cmd = ("cd %s && %s %s -o %s -L%s %s %s %s %s"):format(quote(root), v.LD, v.LIBFLAG, quote(lib),
    quote(v.LUA_LIBDIR), table.concat(objects, " "), flags("-L%s", module.libdirs),
    flags("-Wl,-rpath,%s:", module.libdirs), flags("-l%s", module.libraries))
  local ok, _, err = run(cmd)
  if check(ok, "link natopost.so", cmd .. "\n" .. err) then
    -- Load it in a fresh lua5.4 with only the temporary folder on the cpath.
    local script = ([[
      package.cpath = %q
      local natopost = require "natopost"
      assert(package.searchpath("natopost", package.cpath) == %q)
      assert(natopost._VERSION == %q, natopost._VERSION)
      local t = natopost.timeline { start = "2025-09-01", kind = "external", twin_grade = true }
      assert(t:date("contract_end") == "2031-08-31")
      assert(t:status("2030-08-31").days_to_contract_end == 365)
      assert(natopost.batch("contract_end", { "2024-02-29" }, { kind = "seconded" })[1] == "2030-02-28")
      assert(natopost.policy_from_json('{"renewal_months": 24}').renewal_months == 24)
      io.write("loaded ", natopost._VERSION)
    ]]):format(tmp .. "/?.so", lib, version)
    local ok_run, out, err_run = run("lua5.4 -e " .. quote(script))
    check(ok_run and out == "loaded " .. version, "lua5.4 requires the built module and computes",
      out .. err_run)
  end
end
os.execute("rm -rf " .. quote(tmp))

print(("%d passed, %d failed"):format(passed, failed))
os.exit(failed == 0, true)
