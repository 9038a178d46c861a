"""Posting.from_dict (issue 16, item 6): postings from plain dicts, every key
optional, judged by the core's JSON reader. The cases are shared with Lua's
natopost.posting_from_table (tests/data/posting_dict_cases.json); the rest
covers the Python shapes to_dict() hands out (dates, times, grade strings)."""
import datetime
import glob
import json
import os

import pytest

import natopost

DATA = os.environ["NATOPOST_TEST_DATA"]
with open(os.path.join(DATA, "posting_dict_cases.json"), encoding="utf-8") as f:
    TABLE = json.load(f)
EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "postings")


@pytest.mark.parametrize("case", TABLE["cases"], ids=lambda c: c["about"])
def test_shared_cases(case):
    form = json.loads(natopost.Posting.from_dict(case["input"]).to_json())
    assert {key: form[key] for key in case["fields"]} == case["fields"]


@pytest.mark.parametrize("case", TABLE["errors"], ids=lambda c: c["about"])
def test_shared_errors(case):
    with pytest.raises(natopost.Error) as info:
        natopost.Posting.from_dict(case["input"])
    assert isinstance(info.value, ValueError)
    for fragment in case["error"]:
        assert fragment in str(info.value)


def test_from_dict_inverts_to_dict_for_every_example_notice():
    paths = sorted(glob.glob(os.path.join(EXAMPLES, "*.txt")))
    assert paths
    for path in paths:
        p = natopost.read_notice_file(path)
        assert natopost.Posting.from_dict(p.to_dict()) == p, path
        assert natopost.Posting.from_dict(json.loads(p.to_json())) == p, path


def test_python_values_are_converted():
    p = natopost.Posting.from_dict({
        "title": "Officer", "grade": "G15/G16", "published": datetime.date(2025, 10, 1),
        "deadline": datetime.date(2025, 11, 3), "deadline_time": datetime.time(17, 59)})
    assert (p.title, p.grade, p.published) == ("Officer", "G15/G16", datetime.date(2025, 10, 1))
    assert (p.deadline, p.deadline_time) == (datetime.date(2025, 11, 3), datetime.time(17, 59))
    # a time without a date is kept too; unstated fields are None
    q = natopost.Posting.from_dict({"deadline_time": datetime.time(9, 0)})
    assert (q.deadline, q.deadline_time, q.title, q.requirements) == (None, datetime.time(9, 0), None, [])
    assert natopost.Posting.from_dict({}) == natopost.Posting.from_dict({"format": "natopost.posting/1"})


def test_errors_name_the_key():
    with pytest.raises(ValueError, match=r'unknown key "titel"'):
        natopost.Posting.from_dict({"titel": "Officer"})
    with pytest.raises(ValueError, match=r"^posting JSON: title: expected a string or null, got an integer$"):
        natopost.Posting.from_dict({"title": 1})
    with pytest.raises(ValueError, match=r'deadline.time: expected a time "HH:MM" \(24-hour clock\), got "17:59:30"'):
        natopost.Posting.from_dict({"deadline": datetime.date(2025, 11, 3),
                                    "deadline_time": datetime.time(17, 59, 30)})
    with pytest.raises(TypeError, match=r"^from_dict\(\): 'competencies': Object of type set is not JSON serializable$"):
        natopost.Posting.from_dict({"competencies": {1, 2}})
    with pytest.raises(ValueError, match=r"^from_dict\(\): 'salary': Out of range float values"):
        natopost.Posting.from_dict({"salary": {"amount": float("nan")}})
    with pytest.raises(TypeError, match=r"^from_dict\(\): keys must be str, not int$"):
        natopost.Posting.from_dict({1: "x"})
    with pytest.raises(TypeError, match=r"^from_dict\(\) argument must be dict, not list$"):
        natopost.Posting.from_dict([("title", "x")])
