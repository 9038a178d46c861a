"""Query parameters ("?") and today from Python (issue 16, item 8), on
tests/data/query_postings.ndjson (q01..q08): the same queries, values and
answers as tests/lua/test_query_params.lua and tests/cli/test_query_params.py."""
import datetime as dt
import os
import pathlib

import pytest

import natopost

DATA = pathlib.Path(os.environ.get("NATOPOST_TEST_DATA", pathlib.Path(__file__).parent.parent / "data"))


@pytest.fixture(scope="module")
def c():
    return natopost.Collection([DATA / "query_postings.ndjson"])


def ids(result):
    return sorted(p.id for p in result)


def test_python_values_bind_to_their_fields(c):
    assert ids(c.query("grade >= ? and deadline < ?", "G15", dt.date(2025, 11, 20))) == ["q01", "q03", "q08"]
    assert ids(c.query("clearance = ? and lang.second >= ?", "NATO SECRET", "III")) == ["q01", "q06"]
    assert ids(c.query("salary > ? and fast_track = ?", 5000, True)) == ["q08"]
    assert ids(c.query("salary > ? and salary < ?", 4012.5, 13914.54)) == ["q01"]
    assert ids(c.query("deadline = ?", "2025-11-15")) == ["q01"]  # an ISO string for a date


def test_a_value_is_never_query_text(c):
    assert ids(c.query("id = ?", "q01' or id != '")) == []
    assert ids(c.query("id in [?, ?]", "q02", "q07")) == ["q02", "q07"]


def test_today_fixed_and_local(c):
    assert ids(c.query("deadline >= today", today=dt.date(2025, 11, 30))) == ["q02", "q06", "q07"]
    assert ids(c.query("deadline >= today", today="2025-11-30")) == ["q02", "q06", "q07"]
    assert ids(c.query("deadline < today and grade >= ?", "G15", today=dt.date(2025, 11, 1))) == ["q03"]
    # Unfixed, today is the local date: every deadline of the file is past.
    assert ids(c.query("deadline >= today")) == []
    assert len(c.query("deadline < today")) == 7


def test_every_path_that_takes_a_query_takes_parameters(c):
    assert c.count_by("grade", "salary > ?", 5000) == {"G15": 1, "G17": 1}
    assert c.count_by("grade", "deadline < today", today="2025-10-01") == {"G20": 1}
    assert [r["id"] for r in c.to_records("id = ?", "q04")] == ["q04"]
    assert [r["id"] for r in c.to_records("deadline = today", today=dt.date(2025, 10, 31))] == ["q04"]
    result = c.query("grade = ? order by id", "G15")
    assert [r["id"] for r in result.to_records()] == ["q01", "q02", "q05"]
    result = c.query("deadline > today order by id", today="2025-12-01")
    assert [r["id"] for r in result.to_records()] == ["q02", "q07"]


@pytest.mark.parametrize("query,params,message,column", [
    ("grade >= ?", (), "placeholder 1 has no value (0 parameters given)", 10),
    ("grade >= ? and deadline > ?", ("G15",), "placeholder 2 has no value (1 parameter given)", 27),
    ("grade >= G15", ("G15",), "1 parameter given, but the query has 0 placeholders ('?')", 13),
    ("grade >= ?", ("G25",), "parameter 1 (\"G25\"): grade is a grade field:", 10),
    ("grade >= ?", (dt.date(2025, 1, 1),),
     "parameter 1 is a date, but grade is a grade field: give a grade such as \"G15\"", 10),
    ("title = ?", (15,), "parameter 1 is an integer, but title is a text field: give a string", 9),
    ("deadline > ?", (1.5,), "parameter 1 is a number, but deadline is a date field: give a date", 12),
    ("fast_track = ?", ("G15",), "parameter 1 (\"G15\"): fast_track is a boolean field: expected true or false", 14),
    ("salary = ?", (float("nan"),), "parameter 1 is not a finite number", 10),
    ("salary = ?", (2**60,), "parameter 1 (1152921504606846976) is too large to compare exactly", 10),
])
def test_mismatches_are_positioned_value_errors(c, query, params, message, column):
    with pytest.raises(natopost.Error) as info:
        c.query(query, *params)
    assert isinstance(info.value, ValueError)
    assert message in str(info.value) and info.value.column == column, str(info.value)
    assert f"\n  {query}\n  {' ' * (column - 1)}^" in str(info.value)


@pytest.mark.parametrize("value,exc,message", [
    (None, TypeError, "query(): parameter 1 is None: a missing value never compares; write 'is null'"),
    ([1], TypeError, "query(): parameter 1 must be str, int, float, bool or a date, not list"),
    (2**70, ValueError, "query(): parameter 1 is too large to compare exactly"),
])
def test_values_python_cannot_pass(c, value, exc, message):
    with pytest.raises(exc) as info:
        c.query("salary = ?", value)
    assert message in str(info.value)


def test_bad_today(c):
    with pytest.raises(natopost.Error, match="today"):
        c.query("deadline > today", today="2025-02-30")
    with pytest.raises(TypeError, match="today"):
        c.query("deadline > today", today=20250101)


def test_reprs_count_postings_in_the_singular_and_plural(c):
    assert repr(c) == "<natopost.Collection of 8 postings>"
    assert repr(c.query("id = ?", "q01")) == "<natopost.Result 'id = ?': 1 posting>"
    assert repr(c.query("id = ?", "nope")) == "<natopost.Result 'id = ?': 0 postings>"
    one = natopost.Collection(postings=[c.query("id = q01")[0]])
    assert repr(one) == "<natopost.Collection of 1 posting>"
