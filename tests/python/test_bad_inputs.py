"""The shared catalogue of bad inputs (tests/data/bad_inputs.json) through the
Python binding: each case raises natopost.Error (a ValueError) with the
core's status and a message naming what is wrong.

Python strings cannot hold invalid UTF-8, so 'hex' inputs reach string-only
surfaces decoded as Latin-1 (one code point per byte): still not valid input,
and the first bad character stays at the same column."""
import json
import os
import pathlib

import pytest

import natopost

TABLE = pathlib.Path(os.environ.get("NATOPOST_TEST_DATA", pathlib.Path(__file__).parent.parent / "data")) / "bad_inputs.json"
CASES = json.loads(TABLE.read_text(encoding="utf-8"))["cases"]


# The table's status -> natopost.Error.code (the core's np_status_name).
STATUS_NAMES = {"parse": "parse error", "invalid": "invalid argument"}


def raw_bytes(case: dict) -> bytes:
    if "text" in case:
        return case["text"].encode("utf-8")
    if "hex" in case:
        return bytes.fromhex(case["hex"])
    r = case["repeat"]
    return (r["prefix"] + r["unit"] * r["count"] + r["suffix"]).encode("utf-8")


def as_text(case: dict) -> str:
    return case["text"] if "text" in case else raw_bytes(case).decode("latin-1")


def feed(case: dict) -> None:
    surface = case["surface"]
    if surface == "date":
        natopost.timeline(as_text(case))
    elif surface == "policy_json":
        natopost.Policy.from_json(raw_bytes(case))
    elif surface == "notice":
        natopost.read_notice(raw_bytes(case))
    elif surface == "posting_json":
        natopost.loads(raw_bytes(case))
    elif surface == "query":
        natopost.Collection().query(as_text(case))
    else:
        raise AssertionError(f"unknown surface {surface!r}: teach test_bad_inputs.py to feed it")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input_raises_a_clear_error(case):
    with pytest.raises(natopost.Error) as info:
        feed(case)
    error = info.value
    assert isinstance(error, ValueError)
    assert error.code == STATUS_NAMES[case["status"]], (error.code, str(error))
    for fragment in case["message_contains"]:
        assert fragment in str(error), (fragment, str(error))


def test_the_catalogue_covers_the_issue_list():
    names = " ".join(c["name"] for c in CASES)
    for required in ("empty", "binary garbage", "invalid UTF-8", "NUL", "10-level JSON bomb",
                     "1,000,000-level JSON bomb", "out of range", "30 February", "year 0", "year 10000"):
        assert required in names, required
