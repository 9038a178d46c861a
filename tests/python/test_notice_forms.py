"""French and English notices in several encodings (tests/data/notice_forms.json,
shared with the Lua suite): the Python binding gives the values the table
states, with None where the notice does not say (issue 13, items 3, 4, 6)."""
import json
import os
import pathlib

import pytest

import natopost

TABLE = pathlib.Path(os.environ.get("NATOPOST_TEST_DATA", pathlib.Path(__file__).parent.parent / "data")) / "notice_forms.json"
CASES = json.loads(TABLE.read_text(encoding="utf-8"))["cases"]


def typed(p, kind):
    return [r["as"][kind] for r in p.requirements if r["kind"] == kind and r["essential"]]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_reads_as_the_table_says(case):
    p = natopost.read_notice(bytes.fromhex(case["hex"]))
    assert p.language == case["language"]
    assert p.title == case["title"]
    assert p.fast_track is case["fast_track"]
    assert (p.salary and p.salary["tax_free"]) is case["tax_free"]
    assert typed(p, "experience") == [{"min_years": case["experience"]}]
    [languages] = typed(p, "languages")
    assert (languages["form"], languages["one"], languages["other"]) == (
        "either_or", case["lang_first"], case["lang_second"])
    encodings = [d["message"] for d in p.diagnostics if d["field"] == "encoding"]
    if case["encoding"] is None:
        assert encodings == []
    else:
        assert len(encodings) == 1 and case["encoding"] in encodings[0]
        assert [d["severity"] for d in p.diagnostics if d["field"] == "encoding"] == ["info"]


def test_unknown_reads_as_none_in_queries():
    c = natopost.Collection()
    for case in CASES:
        c.add(natopost.read_notice(bytes.fromhex(case["hex"])))
    assert len(c.query("fast_track is null")) == len(CASES)
    assert len(c.query("fast_track = false")) == 0
    assert len(c.query('language = "fr"')) == sum(case["language"] == "fr" for case in CASES)
    assert len(c.query("salary.tax_free")) == sum(case["tax_free"] is True for case in CASES)


def test_bytes_of_no_encoding_raise_with_the_position():
    with pytest.raises(natopost.Error) as info:
        natopost.read_notice(b"Officier\nD\xe9fense \x81\n")
    assert (info.value.line, info.value.column) == (2, 9)
    assert "Windows-1252" in str(info.value)
