"""natopost.timeline() and the Timeline / Event types: the shared case tables
(tests/data), argument checking, the mapping protocol and the exports."""
import datetime
import json
import re
import time

import numpy as np
import pytest

import natopost
from support import CASES, ERRORS, case_id, iso, split_input

D = datetime.date


# ---- the shared tables --------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_shared_case_events_notes_and_statuses(case):
    start, kwargs = split_input(case["input"])
    t = natopost.timeline(start, **kwargs)
    assert {e.code: e.date.isoformat() for e in t.events} == case["events"]
    # In the order of the spec's table, and nothing else.
    assert [e.code for e in t] == [c for c in natopost.EVENT_CODES if c in case["events"]]
    assert len(t) == len(case["events"])
    for code, date in case["events"].items():
        assert code in t
        assert t[code].date == D.fromisoformat(date)
        assert t.get(code) == t[code]
    for code in set(natopost.EVENT_CODES) - set(case["events"]):
        assert code not in t
        assert t.get(code) is None
        assert t.get(code, "absent") == "absent"
        with pytest.raises(KeyError) as info:
            t[code]
        assert info.value.args == (code,)
    assert [n["code"] for n in t.notes] == case["notes"]
    assert t.renewed == ("renewal_start" in case["events"])
    assert t.has_conversion_window == ("conversion_window_open" in case["events"])
    for status in case["status"]:
        expected = dict(status, on=D.fromisoformat(status["on"]))
        assert t.status(status["on"]) == expected
        assert t.status(D.fromisoformat(status["on"])) == expected
        assert t.status(on=status["on"]) == expected
        assert t.to_dict(on=status["on"])["status"] == expected
        assert json.loads(t.to_json(on=status["on"]))["status"] == status


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_shared_case_with_a_date_object_gives_the_same_timeline(case):
    start, kwargs = split_input(case["input"])
    by_text = natopost.timeline(start, **kwargs)
    by_date = natopost.timeline(D.fromisoformat(start), **kwargs)
    assert by_date.events == by_text.events
    assert by_date.to_dict() == by_text.to_dict()


@pytest.mark.parametrize("case", ERRORS, ids=case_id)
def test_shared_error_case_raises_value_error_with_the_core_message(case):
    start, kwargs = split_input(case["input"])
    with pytest.raises(ValueError) as info:
        natopost.timeline(start, **kwargs)
    assert isinstance(info.value, natopost.Error)
    for fragment in case["message_contains"]:
        assert fragment in str(info.value)
    assert info.value.code in ("invalid argument", "parse error")


def test_date_errors_carry_the_column():
    with pytest.raises(natopost.Error) as info:
        natopost.timeline("2025-09-0x")
    assert (info.value.code, info.value.line, info.value.column) == ("parse error", 1, 10)
    assert "expected a digit at column 10" in str(info.value)
    assert str(info.value).startswith("start: ")
    with pytest.raises(natopost.Error) as info:
        natopost.timeline("2025-02-30")
    assert info.value.code == "invalid argument"
    assert "day 30 is out of range for February 2025" in str(info.value)


# ---- the spec's worked examples, as attributes ----------------------------------


def test_spec_example_1_attributes():
    t = natopost.timeline(D(2025, 9, 1), kind="external", twin_grade=True)
    assert t.appointment == {
        "start": D(2025, 9, 1), "kind": "external", "initial_months": 36, "renewal_months": 36,
        "max_months": 72, "twin_grade": True, "reduction_months": 0, "direct_higher": False,
    }
    assert t.policy == natopost.Policy()
    assert (t.renewed, t.has_conversion_window, t.promotion_reachable) == (True, True, True)
    assert t.notes == []
    e = t["contract_end"]
    assert (e.code, e.date, e.label, e.note) == ("contract_end", D(2031, 8, 31), "Contract end", None)


def test_seconded_notes_and_event_note():
    t = natopost.timeline("2024-02-29", kind="seconded", twin_grade=True, reduction_months=24)
    assert [n["code"] for n in t.notes] == ["seconded_renewal", "no_conversion_seconded"]
    assert all(set(n) == {"code", "text"} and n["text"] for n in t.notes)
    assert "national authority" in t.notes[0]["text"]
    assert t["renewal_end"].note == "subject to the agreement of the national authority"
    assert t["earliest_promotion"].date == D(2025, 3, 1)


def test_not_reachable_promotion_and_resolved_overrides():
    t = natopost.timeline("2025-01-15", twin_grade=True, renewal_months=0)
    assert not t.renewed and not t.promotion_reachable
    assert [n["code"] for n in t.notes] == ["promotion_not_reachable"]
    assert t.appointment["renewal_months"] == 0
    assert "not reachable" in t["earliest_promotion"].note


def test_months_overrides_none_means_the_policy_value():
    p = natopost.Policy(initial_months=24, renewal_months=12, max_months=48)
    t = natopost.timeline("2025-09-01", policy=p, initial_months=None, renewal_months=None,
                          max_months=None)
    assert (t.appointment["initial_months"], t.appointment["renewal_months"],
            t.appointment["max_months"]) == (24, 12, 48)
    assert t["contract_end"].date == D(2028, 8, 31)
    assert t.policy == p
    t2 = natopost.timeline("2025-09-01", policy=p, renewal_months=24)
    assert t2["contract_end"].date == D(2029, 8, 31)


def test_numpy_integers_are_accepted_as_month_counts():
    t = natopost.timeline("2025-09-01", renewal_months=np.int64(24), initial_months=np.int32(36))
    assert t["contract_end"].date == D(2030, 8, 31)


# ---- wrong types and out-of-range Python ints -------------------------------------

BAD_TYPES = [
    ("start", 20250901), ("start", None), ("start", b"2025-09-01"), ("start", 2025.9),
    ("kind", 1), ("kind", None), ("kind", b"external"),
    ("initial_months", "36"), ("initial_months", 36.0), ("initial_months", True),
    ("renewal_months", "36"), ("renewal_months", 1.5), ("renewal_months", False),
    ("max_months", "72"), ("max_months", 72.0), ("max_months", True),
    ("twin_grade", 1), ("twin_grade", 0), ("twin_grade", None), ("twin_grade", "yes"),
    ("reduction_months", None), ("reduction_months", "0"), ("reduction_months", 1.0),
    ("reduction_months", False),
    ("direct_higher", 1), ("direct_higher", None), ("direct_higher", "no"),
    ("policy", {}), ("policy", "default"), ("policy", 1),
]


@pytest.mark.parametrize("name, value", BAD_TYPES, ids=lambda v: repr(v))
def test_wrong_type_is_type_error_naming_the_argument(name, value):
    kwargs = {"start": "2025-09-01", name: value}
    start = kwargs.pop("start")
    with pytest.raises(TypeError, match=f"'{name}'"):
        natopost.timeline(start, **kwargs)


@pytest.mark.parametrize("name", ["initial_months", "renewal_months", "max_months",
                                  "reduction_months"])
@pytest.mark.parametrize("value", [2**31, -2**31, 2**100, -2**64])
def test_int_not_fitting_a_c_int_is_value_error_naming_the_argument(name, value):
    with pytest.raises(ValueError, match=f"'{name}' is out of range: {value}"):
        natopost.timeline("2025-09-01", twin_grade=True, **{name: value})


def test_call_shape_errors():
    with pytest.raises(TypeError, match="missing required argument 'start'"):
        natopost.timeline()
    with pytest.raises(TypeError, match="at most 1 positional"):
        natopost.timeline("2025-09-01", "external")
    with pytest.raises(TypeError, match="unexpected keyword argument 'kinds'"):
        natopost.timeline("2025-09-01", kinds="external")
    with pytest.raises(TypeError, match="multiple values for argument 'start'"):
        natopost.timeline("2025-09-01", start="2025-09-01")
    with pytest.raises(ValueError, match="'kind' contains a NUL"):
        natopost.timeline("2025-09-01", kind="external\0x")
    with pytest.raises(TypeError, match="cannot create"):
        natopost.Timeline()
    with pytest.raises(TypeError, match="cannot create"):
        natopost.Event()


def test_start_with_nul_or_non_ascii_is_a_parse_error():
    with pytest.raises(natopost.Error, match="expected a digit at column 6"):
        natopost.timeline("2025-\0" + "9-01")
    with pytest.raises(natopost.Error, match="expected a digit at column 1"):
        natopost.timeline("２０２５-09-01")


# ---- mapping protocol -------------------------------------------------------------------


def test_unknown_code_is_key_error_listing_the_codes():
    t = natopost.timeline("2025-09-01")
    with pytest.raises(KeyError) as info:
        t["contract_ending"]
    message = info.value.args[0]
    assert 'unknown event code "contract_ending"' in message
    for code in natopost.EVENT_CODES:
        assert code in message
    assert "contract_ending" not in t
    assert 7 not in t
    with pytest.raises(natopost.Error, match="unknown event code"):
        t.get("contract_ending")
    with pytest.raises(TypeError, match="event codes"):
        t[0]
    with pytest.raises(TypeError, match="'code' must be str"):
        t.get(0)
    with pytest.raises(KeyError):
        t["contract_end\0"]


def test_iteration_length_and_events_agree():
    t = natopost.timeline("2026-03-31", renewal_months=12)
    assert list(t) == t.events
    assert len(t) == len(t.events) == 6
    assert [e.code for e in t] == ["entry_on_duty", "initial_contract_end", "renewal_start",
                                   "renewal_end", "contract_end", "max_service_end"]
    assert t.events is not t.events  # a fresh list each time: the timeline stays immutable
    with pytest.raises(AttributeError):
        t.renewed = False


def test_events_are_immutable_values():
    t1 = natopost.timeline("2025-09-01")
    t2 = natopost.timeline("2025-09-01", renewal_months=36)
    e = t1["contract_end"]
    assert e == t2["contract_end"] and hash(e) == hash(t2["contract_end"])
    assert e != t1["max_service_end"]  # same date, another code
    assert t1["renewal_end"] != t1["contract_end"]
    assert e != ("contract_end", D(2031, 8, 31), "Contract end", None)
    assert len({e, t2["contract_end"], t1["entry_on_duty"]}) == 2
    for attr in ("code", "date", "label", "note"):
        with pytest.raises(AttributeError):
            setattr(e, attr, None)
    assert repr(e) == ("natopost.Event(code='contract_end', date=datetime.date(2031, 8, 31), "
                       "label='Contract end', note=None)")
    del t1  # an event keeps its own values
    assert e.date == D(2031, 8, 31)


def test_repr():
    assert repr(natopost.timeline("2025-09-01", twin_grade=True)) == (
        "<natopost.Timeline external twin-graded from 2025-09-01, contract_end 2031-08-31, "
        "9 events>")
    assert repr(natopost.timeline("2024-02-29", kind="seconded")) == (
        "<natopost.Timeline seconded from 2024-02-29, contract_end 2030-02-28, 6 events>")


# ---- status -----------------------------------------------------------------------------


def test_status_argument_checks():
    t = natopost.timeline("2025-09-01")
    with pytest.raises(TypeError, match="'on'"):
        t.status(None)
    with pytest.raises(ValueError, match="'on': .* has a time of day"):
        t.status(datetime.datetime(2026, 1, 1, 12))
    with pytest.raises(TypeError, match="missing required argument 'on'"):
        t.status()
    with pytest.raises(natopost.Error, match="on: .*day 31 is out of range for April 2026"):
        t.status("2026-04-31")
    with pytest.raises(TypeError, match="'on'"):
        t.to_dict(on=20260101)
    with pytest.raises(natopost.Error, match="on: "):
        t.to_json(on="tomorrow")


def test_status_far_outside_the_contract():
    t = natopost.timeline("2025-09-01", twin_grade=True)
    before = t.status(D(1, 1, 1))
    assert before["phase"] == "not_started" and before["months_served"] == 0
    assert before["days_to_contract_end"] == (D(2031, 8, 31) - D(1, 1, 1)).days
    after = t.status(D(9999, 12, 31))
    assert after == {"on": D(9999, 12, 31), "phase": "ended",
                     "days_to_contract_end": (D(2031, 8, 31) - D(9999, 12, 31)).days,
                     "conversion_window_open": False, "months_served": 72,
                     "promotion_possible": False}


# ---- exports ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_to_dict_mirrors_to_json(case):
    start, kwargs = split_input(case["input"])
    t = natopost.timeline(start, **kwargs)
    for on in [None] + [s["on"] for s in case["status"]]:
        doc = json.loads(t.to_json(on=on))
        assert iso(t.to_dict(on=on)) == doc
        assert list(t.to_dict(on=on)) == list(doc)  # same key order
        assert ("status" in doc) == (on is not None)
    doc = json.loads(t.to_json())
    assert doc["format"] == "natopost.timeline/1"
    assert doc["policy"] == t.policy.to_dict()
    assert doc["appointment"] == iso(t.appointment)
    assert doc["notes"] == t.notes
    assert [(e["code"], e["date"], e["label"], e["note"]) for e in doc["events"]] == [
        (e.code, e.date.isoformat(), e.label, e.note) for e in t]


def test_to_ical_structure():
    t = natopost.timeline("2025-09-01", twin_grade=True)
    ics = t.to_ical(dtstamp=1700000000)
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert ics.endswith("END:VCALENDAR\r\n")
    assert ics.count("\n") == ics.count("\r\n")
    assert ics.count("BEGIN:VEVENT") == ics.count("END:VEVENT") == len(t) == 9
    assert ics.count("DTSTAMP:20231114T221320Z") == 9
    starts = re.findall(r"^DTSTART;VALUE=DATE:(\d{8})\r$", ics, re.M)
    assert starts == [e.date.strftime("%Y%m%d") for e in t]
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    assert ics == t.to_ical(1700000000)
    # Same appointment, same UIDs; another start, other UIDs.
    uids = re.findall(r"^UID:(.+)\r$", ics, re.M)
    assert len(set(uids)) == 9
    other = natopost.timeline("2025-09-02", twin_grade=True).to_ical(dtstamp=1700000000)
    assert not set(uids) & set(re.findall(r"^UID:(.+)\r$", other, re.M))


def test_to_ical_dtstamp_forms():
    t = natopost.timeline("2025-09-01")
    utc = datetime.datetime(2023, 11, 14, 22, 13, 20, 999999, tzinfo=datetime.timezone.utc)
    assert "DTSTAMP:20231114T221320Z" in t.to_ical(dtstamp=utc)
    plus2 = datetime.datetime(2023, 11, 15, 0, 13, 20,
                              tzinfo=datetime.timezone(datetime.timedelta(hours=2)))
    assert "DTSTAMP:20231114T221320Z" in t.to_ical(dtstamp=plus2)
    naive = datetime.datetime(2023, 11, 14, 22, 13, 20)
    assert t.to_ical(dtstamp=naive) == t.to_ical(dtstamp=int(naive.timestamp()))
    assert "DTSTAMP:19691231T235959Z" in t.to_ical(dtstamp=-1)
    before = int(time.time())
    stamp = re.search(r"DTSTAMP:(\d{8}T\d{6})Z", t.to_ical()).group(1)
    after = int(time.time())
    got = datetime.datetime.strptime(stamp, "%Y%m%dT%H%M%S").replace(
        tzinfo=datetime.timezone.utc).timestamp()
    assert before <= got <= after
    assert t.to_ical(None).count("BEGIN:VEVENT") == 8


def test_to_ical_dtstamp_errors():
    t = natopost.timeline("2025-09-01")
    for bad in (True, "1700000000", 1.7e9, D(2023, 11, 14)):
        with pytest.raises(TypeError, match="'dtstamp'"):
            t.to_ical(dtstamp=bad)
    with pytest.raises(ValueError, match="'dtstamp' is out of range"):
        t.to_ical(dtstamp=2**63)
    with pytest.raises(natopost.Error, match="dtstamp 400000000000 is outside years 0001..9999"):
        t.to_ical(dtstamp=400_000_000_000)
    with pytest.raises(natopost.Error, match="outside years"):
        t.to_ical(dtstamp=-10**12)

