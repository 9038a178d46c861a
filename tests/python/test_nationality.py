"""A candidate's nationality must name a country (issue 16, item 9): a typo
or a made-up name is a ValueError naming the closest member states, from
every way a profile comes in; a real non-member country is accepted and
then fails the member-state rule."""
import os
import pathlib

import pytest

import natopost

DATA = pathlib.Path(os.environ.get("NATOPOST_TEST_DATA", pathlib.Path(__file__).parent.parent / "data"))
SWDEN = ("nationality: \"Swden\" is not a country's name or ISO 3166 code "
         "(closest NATO member states: Sweden, Spain, Italy)")


def test_a_typo_names_the_closest_member_states():
    with pytest.raises(natopost.Error) as info:
        natopost.Candidate(nationality="Swden")
    assert SWDEN in str(info.value)
    with pytest.raises(ValueError, match=r'"Narnia" is not a country\'s name .*closest NATO member states: Latvia'):
        natopost.Candidate(nationality="Narnia")


def test_every_way_in_checks_it(tmp_path):
    with pytest.raises(ValueError, match="Swden"):
        natopost.Candidate.from_json('{"nationality": "Swden"}')
    path = tmp_path / "c.json"
    path.write_text('{"nationality": "Swden"}', encoding="utf-8")
    with pytest.raises(ValueError, match="Swden"):
        natopost.Candidate.load(path)
    posting = natopost.load(DATA / "query_postings.ndjson")[0]
    with pytest.raises(ValueError, match="Swden"):
        natopost.eligibility({"nationality": "Swden"}, posting)
    c = natopost.Collection(postings=[posting])
    with pytest.raises(ValueError, match="Swden"):
        c.add_candidate("typo", {"nationality": "Swden"})


@pytest.mark.parametrize("name", ["Sweden", "SE", "swe", "Turkey", "Switzerland", "CHE", "Australia"])
def test_countries_are_accepted(name):
    assert natopost.Candidate(nationality=name).profile["nationality"] == name


def test_a_real_non_member_is_not_eligible_rather_than_an_error():
    posting = natopost.load(DATA / "query_postings.ndjson")[0]
    report = natopost.eligibility({"nationality": "Switzerland"}, posting)
    check = [k for k in report["checks"] if k["kind"] == "nationality"][0]
    assert check["status"] == "not met" and "\"Switzerland\" is not a NATO member state" in check["reason"]
