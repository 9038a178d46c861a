-- French and English notices in several encodings (tests/data/notice_forms.json,
-- shared with the Python suite): the Lua binding gives the values the table
-- states, with nil where the notice does not say (issue 13, items 3, 4, 6).
local H = ...
local natopost = H.natopost

local CASES = H.data("notice_forms.json").cases

local function unhex(hex)
  return (hex:gsub("..", function(b) return string.char(tonumber(b, 16)) end))
end

-- The harness's JSON reader leaves null members out: a nil here is the table's null.
local function value(v) return v end

local function typed(t, kind)
  local out = {}
  for _, r in ipairs(t.requirements) do
    if r.kind == kind and r.essential then out[#out + 1] = r.as[kind] end
  end
  return out
end

for _, case in ipairs(CASES) do
  H.test(case.name, function()
    local p = natopost.read_notice(unhex(case.hex))
    local t = p:to_table()
    H.eq(t.language, case.language, "language")
    H.eq(t.title, case.title, "title")
    H.eq(t.fast_track, value(case.fast_track), "fast_track")
    H.eq(t.salary and t.salary.tax_free, value(case.tax_free), "tax_free")
    local experience = typed(t, "experience")
    H.eq(#experience, 1, "one experience requirement")
    H.eq(experience[1].min_years, case.experience, "years")
    local languages = typed(t, "languages")[1]
    H.eq({ languages.form, languages.one, languages.other },
         { "either_or", case.lang_first, case.lang_second }, "levels")
    local encodings = {}
    for _, d in ipairs(t.diagnostics) do
      if d.field == "encoding" then encodings[#encodings + 1] = d end
    end
    if value(case.encoding) == nil then
      H.eq(#encodings, 0, "no encoding diagnostic")
    else
      H.eq(#encodings, 1, "one encoding diagnostic")
      H.eq(encodings[1].severity, "info")
      H.contains(encodings[1].message, case.encoding)
    end
  end)
end

H.test("bytes of no encoding are an error with the position", function()
  H.core_error({ "line 2, column 9", "Windows-1252" }, natopost.read_notice, "Officier\nD\xe9fense \x81\n")
end)
