"""One emitter per result (issue 15, item 2): for every input of
tests/data/result_shapes.json, the CLI's JSON and Python's value are equal
(dates and times as ISO text). tests/lua/test_result_shapes.lua checks Lua's
values against the same CLI output, so the three hosts agree."""
import datetime
import json
import os

import pytest

import natopost
from support import DATA, cli_args, run_cli, split_input

with open(os.path.join(DATA, "result_shapes.json"), encoding="utf-8") as f:
    TABLE = json.load(f)
EXAMPLES = os.path.join(os.path.dirname(DATA), "..", "examples", "postings")


def plain(value):
    """`value` as the JSON writer has it: datetime.date as "YYYY-MM-DD",
    datetime.time as "HH:MM"."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return value


def cli_json(*args):
    proc = run_cli(*args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def case_id(case):
    return json.dumps(case, sort_keys=True)


@pytest.mark.parametrize("case", TABLE["timelines"], ids=case_id)
def test_timeline(case):
    start, kwargs = split_input(case["input"])
    t = natopost.timeline(start, **kwargs)
    on = case.get("on")
    doc = cli_json("timeline", *cli_args(case["input"]), "--json", *(["--on", on] if on else []))
    assert doc == plain(t.to_dict(on=on))
    assert list(doc) == list(t.to_dict(on=on))  # the same order too
    # The attributes built from parts of the same walk.
    assert doc["appointment"] == plain(t.appointment)
    assert doc["notes"] == t.notes
    assert doc["policy"] == t.policy.to_dict()
    assert [e["date"] for e in doc["events"]] == [e.date.isoformat() for e in t.events]


@pytest.mark.parametrize("case", TABLE["statuses"], ids=case_id)
def test_status(case):
    start, kwargs = split_input(case["input"])
    t = natopost.timeline(start, **kwargs)
    doc = cli_json("timeline", *cli_args(case["input"]), "--json", "--on", case["on"])
    assert doc["status"] == plain(t.status(case["on"]))
    assert doc["status"] == plain(t.to_dict(on=case["on"])["status"])


@pytest.mark.parametrize("case", TABLE["eligibility"], ids=case_id)
def test_eligibility(case):
    profile = os.path.join(DATA, case["candidate"])
    notice = os.path.join(EXAMPLES, case["notice"])
    [doc] = cli_json("eligibility", "--candidate", profile, notice, "--json")
    posting = natopost.read_notice_file(notice)
    candidate = natopost.Candidate.load(profile)
    assert (doc.pop("id"), doc.pop("title"), doc.pop("candidate")) == \
        (posting.id, posting.title, candidate.profile["name"])
    assert doc.pop("source") == notice
    result = natopost.eligibility(candidate, posting)
    assert doc == plain(result)
    for check in result["checks"]:
        index = check["requirement_index"]
        expected = None if index is None else posting.requirements[index]["text"]
        assert check["requirement"] == expected


@pytest.mark.parametrize("name", TABLE["postings"])
def test_posting_record(name):
    notice = os.path.join(EXAMPLES, name)
    doc = cli_json("read", "--record", notice)
    p = natopost.read_notice_file(notice)
    assert doc == plain(p.to_dict())
    assert list(doc) == list(p.to_dict())
    for key, value in doc.items():  # every attribute reads as the record has it
        assert plain(getattr(p, key)) == value, key


def test_the_table_reaches_every_shape():
    """Inputs that make each part of the shapes appear, so an emitter that
    dropped one would be caught."""
    def timeline(case):
        start, kwargs = split_input(case["input"])
        return natopost.timeline(start, **kwargs)

    assert any(timeline(c).notes for c in TABLE["timelines"])
    assert any(e.note for c in TABLE["timelines"] for e in timeline(c).events)
    phases = {timeline(c).status(c["on"])["phase"] for c in TABLE["statuses"]}
    assert phases == {"not_started", "initial", "renewal", "ended"}
    verdicts = {natopost.eligibility(natopost.Candidate.load(os.path.join(DATA, c["candidate"])),
                                     natopost.read_notice_file(os.path.join(EXAMPLES, c["notice"])))["verdict"]
                for c in TABLE["eligibility"]}
    assert verdicts == {"eligible", "not eligible", "cannot tell"}
    records = [natopost.read_notice_file(os.path.join(EXAMPLES, n)).to_dict() for n in TABLE["postings"]]
    assert any(r["salary"] for r in records) and any(r["grade"] for r in records)
    assert all(r["requirements"] for r in records)
