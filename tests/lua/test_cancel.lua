-- natopost.set_cancel_hook(fn | nil) (issue 14): long natopost calls ask the
-- hook every so often; a true answer (or an error in the hook) stops the call
-- with the error "cancelled", and the same call without a hook gives the
-- full answer. The calls are the ones Python's Ctrl-C test interrupts.
local H = ...
local natopost = H.natopost

local DATES = {}
for i = 1, 300000 do DATES[i] = 20000 + i % 3000 end

local NOTICE = "Officer, Plans\nNATO Grade G15/G16\nApplication Deadline: 2026-03-31\n"
local ONE = natopost.read_notice(NOTICE):to_json()
local NDJSON = (ONE .. "\n"):rep(3000)

local CALLS = {
  batch = function() return #natopost.batch("contract_end", DATES) end,
  loads = function() return #natopost.loads(NDJSON) end,
  ["collection:add"] = function()
    local c = natopost.collection()
    local dir = H.tmpdir()
    local path = dir .. "/many.ndjson"
    local f = assert(io.open(path, "w")); f:write(NDJSON); f:close()
    c:add(path)
    os.remove(path)
    return #c
  end,
}

for name, call in pairs(CALLS) do
  H.test(name .. " asks the hook and stops when it says so", function()
    local asked = 0
    natopost.set_cancel_hook(function() asked = asked + 1; return false end)
    local full = call()
    H.ok(asked >= 2, name .. " asked the hook " .. asked .. " times")
    for _, stop_at in ipairs({ 1, asked // 2 + 1, asked }) do
      local n = 0
      natopost.set_cancel_hook(function() n = n + 1; return n == stop_at end)
      H.core_error("cancelled", call)
      H.eq(n, stop_at, name .. " went on asking after it was cancelled")
    end
    natopost.set_cancel_hook(nil)
    H.eq(call(), full, "without a hook " .. name .. " finishes")
  end)
end

H.test("an error in the hook cancels the call", function()
  natopost.set_cancel_hook(function() error("hook failed") end)
  H.core_error("cancelled", CALLS.batch)
  natopost.set_cancel_hook(nil)
end)

H.test("a hook that yields cancels instead of crossing the C call", function()
  natopost.set_cancel_hook(function() coroutine.yield() end)
  local co = coroutine.wrap(function() return pcall(CALLS.batch) end)
  local ok, err = co()
  H.eq(ok, false)
  H.eq(err.code, "cancelled")
  H.contains(H.message(err), "cancelled")
  natopost.set_cancel_hook(nil)
end)

H.test("calls inside a coroutine see the hook", function()
  local asked = 0
  natopost.set_cancel_hook(function() asked = asked + 1; return true end)
  local ok, err = coroutine.wrap(function() return pcall(CALLS.batch) end)()
  H.eq(ok, false)
  H.eq(err.code, "cancelled")
  H.contains(H.message(err), "cancelled")
  H.ok(asked == 1)
  natopost.set_cancel_hook(nil)
end)

H.test("set_cancel_hook takes a function or nil", function()
  H.arg_error({ "#1", "set_cancel_hook", "function expected" }, natopost.set_cancel_hook, 42)
  H.eq(natopost.set_cancel_hook(nil), nil)
end)

H.test("a replaced hook is no longer called, and the collected one leaves nothing behind", function()
  local first = 0
  natopost.set_cancel_hook(function() first = first + 1 end)
  natopost.set_cancel_hook(function() return false end)
  collectgarbage(); collectgarbage()
  CALLS.batch()
  H.eq(first, 0)
  natopost.set_cancel_hook(nil)
  collectgarbage(); collectgarbage()
  H.eq(CALLS.batch(), #DATES)
end)
