-- A candidate's nationality must name a country (issue 16, item 9): the same
-- inputs and messages as tests/python/test_nationality.py.
local H = ...
local natopost = H.natopost

local SWDEN = "nationality: \"Swden\" is not a country's name or ISO 3166 code "
  .. "(closest NATO member states: Sweden, Spain, Italy)"
local posting = natopost.load(os.getenv("NATOPOST_TEST_DATA") .. "/query_postings.ndjson")[1]

H.test("a typo names the closest member states, however the profile comes in", function()
  H.core_error(SWDEN, natopost.eligibility, { nationality = "Swden" }, posting)
  H.core_error(SWDEN, natopost.eligibility, '{"nationality": "Swden"}', posting)
  local c = natopost.collection{ posting }
  H.core_error(SWDEN, c.add_candidate, c, "typo", { nationality = "Swden" })
  H.core_error({ "\"Narnia\" is not a country's name", "closest NATO member states: Latvia" },
               natopost.eligibility, { nationality = "Narnia" }, posting)
end)

H.test("countries are accepted; a real non-member is not met", function()
  for _, name in ipairs{ "Sweden", "SE", "swe", "Turkey", "Switzerland", "CHE", "Australia" } do
    H.ok(natopost.eligibility({ nationality = name }, posting).verdict, name)
  end
  local report = natopost.eligibility({ nationality = "Switzerland" }, posting)
  for _, check in ipairs(report.checks) do
    if check.kind == "nationality" then
      H.eq(check.status, "not met")
      H.contains(check.reason, "\"Switzerland\" is not a NATO member state")
    end
  end
end)
