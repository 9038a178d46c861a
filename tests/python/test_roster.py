"""Rosters from Python: project_roster equals, month by month, the counts of
natopost.timeline() + Timeline.status() per appointment (the oracle); the CLI
gives the same projection for the shared rosters (tests/data/roster_cases.json);
next_events; errors naming the row and the column; Collection.to_ical parsed
by an independent iCalendar parser (Debian's python3-icalendar)."""
import calendar
import csv
import datetime
import io
import json
import os
import random

import icalendar
import numpy as np
import pandas as pd
import pytest

import natopost
from support import DATA, run_cli

with open(os.path.join(DATA, "roster_cases.json"), encoding="utf-8") as f:
    TABLE = json.load(f)
CASES, ERRORS = TABLE["cases"], TABLE["errors"]
PARAMETERS = ("kind", "initial_months", "renewal_months", "max_months", "twin_grade",
              "reduction_months", "direct_higher")
MEASURES = ("under_contract", "in_initial", "in_renewal", "window_open", "promotion_possible")
EXAMPLES = os.path.join(os.path.dirname(DATA), "..", "examples", "postings")


def month_end(total):
    year, month = divmod(total, 12)
    return datetime.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def oracle(rows, start, months, by=None, policy=None):
    """The projection computed from timeline() and status() per appointment."""
    y0, m0 = int(start[:4]), int(start[5:7])
    first = y0 * 12 + m0 - 1
    # A missing group value is the empty one (roster_cases.json's rule).
    groups = list(dict.fromkeys(r.get(by, "") for r in rows)) if by else [None]
    counts = {(m, g): dict.fromkeys(list(natopost.EVENT_CODES) + list(MEASURES), 0)
              for m in range(months) for g in groups}
    ends = [month_end(first + m) for m in range(months)]
    for r in rows:
        kwargs = {k: r[k] for k in PARAMETERS if k in r and r[k] is not None}
        t = natopost.timeline(r["start"], policy=policy, **kwargs)
        g = r.get(by, "") if by else None
        for e in t:
            m = e.date.year * 12 + e.date.month - 1 - first
            if 0 <= m < months:
                counts[m, g][e.code] += 1
        for m, end in enumerate(ends):
            s = t.status(end)
            c = counts[m, g]
            c["under_contract"] += s["phase"] in ("initial", "renewal")
            c["in_initial"] += s["phase"] == "initial"
            c["in_renewal"] += s["phase"] == "renewal"
            c["window_open"] += s["conversion_window_open"]
            c["promotion_possible"] += bool(s.get("promotion_possible"))
    return [
        {"month": f"{(first + m) // 12:04d}-{(first + m) % 12 + 1:02d}", **({by: g} if by else {}),
         **counts[m, g]}
        for m in range(months) for g in groups
    ]


def records(df):
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in df.to_dict("records")]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["about"])
def test_shared_rosters_equal_the_oracle(case):
    df = pd.DataFrame(case["rows"])
    got = natopost.project_roster(df, case["start"], case["months"], by=case["by"])
    want = oracle(case["rows"], case["start"], case["months"], case["by"])
    assert records(got) == want
    assert sum(r["under_contract"] for r in want) > 0  # the case exercises the projection


def random_rows(rng, n):
    rows = []
    while len(rows) < n:
        year, month = rng.randint(2010, 2032), rng.randint(1, 12)
        last = calendar.monthrange(year, month)[1]
        day = rng.choice([last, last - 1, 1, 29, rng.randint(1, last)])
        if day > last:
            continue
        r = {"start": f"{year:04d}-{month:02d}-{day:02d}", "kind": rng.choice(natopost.KINDS),
             "twin_grade": rng.random() < 0.6, "group": rng.choice("abc")}
        for key, hi in (("initial_months", 48), ("renewal_months", 36), ("max_months", 96)):
            if rng.random() < 0.5:
                r[key] = rng.randint(0 if key == "renewal_months" else 1, hi)
        if r["twin_grade"] and r["kind"] != "serving" and rng.random() < 0.5:
            r["reduction_months"] = rng.randint(0, 24)
        if r["twin_grade"] and r["kind"] == "serving":
            r["direct_higher"] = rng.random() < 0.3
        try:
            natopost.timeline(r["start"], **{k: r[k] for k in PARAMETERS if k in r})
        except natopost.Error:
            continue  # an invalid combination: the roster holds valid rows only
        rows.append(r)
    return rows


def test_random_rosters_equal_the_oracle():
    rng = random.Random(2026)
    for _ in range(15):
        rows = random_rows(rng, rng.randint(1, 40))
        start = f"{rng.randint(2012, 2030)}-{rng.randint(1, 12):02d}"
        months = rng.randint(1, 150)
        by = rng.choice([None, "group"])
        policy = natopost.Policy(conversion_notice_months=rng.choice([12, 6, 20]),
                                 seconded_conversion=rng.random() < 0.3)
        got = natopost.project_roster(pd.DataFrame(rows), start, months, by=by, policy=policy)
        assert records(got) == oracle(rows, start, months, by, policy)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["about"])
def test_cli_gives_the_same_projection(case, tmp_path):
    keys = list(dict.fromkeys(k for r in case["rows"] for k in r))
    path = tmp_path / "roster.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows({k: ("true" if v is True else "false" if v is False else v)
                     for k, v in r.items()} for r in case["rows"])
    args = ["roster", str(path), "--from", case["start"], "--months", str(case["months"])]
    args += ["--by", case["by"]] if case["by"] else []
    df = natopost.project_roster(pd.DataFrame(case["rows"]), case["start"], case["months"], by=case["by"])
    proc = run_cli(*args, "--csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == df.to_csv(index=False, lineterminator="\n")
    proc = run_cli(*args, "--json")
    assert json.loads(proc.stdout) == records(df)
    proc = run_cli("roster", str(path), "--next-after", case["after"], "--csv")
    nxt = natopost.next_events(pd.DataFrame(case["rows"]), case["after"])
    want = [[i, c or "", d.isoformat() if not pd.isna(d) else ""]
            for i, c, d in zip(case["ids"], nxt["next_event"], nxt["date"].dt.date)]
    assert list(nxt["id"]) == case["ids"]
    assert list(csv.reader(io.StringIO(proc.stdout)))[1:] == want


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["about"])
def test_next_events_are_the_earliest_later_event(case):
    df = natopost.next_events(pd.DataFrame(case["rows"]), case["after"])
    after = datetime.date.fromisoformat(case["after"])
    assert list(df["id"]) == case["ids"]
    found = 0
    for r, code, date in zip(case["rows"], df["next_event"], df["date"]):
        t = natopost.timeline(r["start"], **{k: r[k] for k in PARAMETERS if k in r})
        later = [e for e in t if e.date > after]
        best = min(later, key=lambda e: e.date) if later else None  # min keeps code order on ties
        assert code == (best.code if best else None)
        if best:
            assert date == pd.Timestamp(best.date)
        else:
            assert pd.isna(date)
        found += best is not None
    assert found > 0


@pytest.mark.parametrize("case", ERRORS, ids=lambda c: c["about"])
def test_bad_rows_name_row_and_column(case, tmp_path):
    with pytest.raises(natopost.Error) as info:
        natopost.project_roster(pd.DataFrame(case["rows"]), "2026-01", 12)
    bad = len(case["rows"]) - 1
    assert f"row {bad}" in str(info.value)
    for fragment in case["message_contains"]:
        assert fragment in str(info.value)
    keys = list(dict.fromkeys(k for r in case["rows"] for k in r))
    path = tmp_path / "bad.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=keys)
        w.writeheader()
        w.writerows(case["rows"])
    proc = run_cli("roster", str(path), "--from", "2026-01", "--months", "12")
    assert proc.returncode == 2 and proc.stdout == ""
    assert f"bad.csv:{bad + 2}:" in proc.stderr
    for fragment in case["message_contains"]:
        assert fragment in proc.stderr


def test_columns_and_datetime64_starts_give_the_same_answer():
    rows = CASES[0]["rows"]
    df = pd.DataFrame(rows)
    want = natopost.project_roster(df, "2024-01", 30)
    columns = {k: [r.get(k) for r in rows] for k in df.columns}
    assert natopost.project_roster(columns, "2024-01", 30).equals(want)
    df64 = df.assign(start=pd.to_datetime(df["start"]))
    assert natopost.project_roster(df64, datetime.date(2024, 1, 1), 30).equals(want)
    dates = df.assign(start=[datetime.date.fromisoformat(s) for s in df["start"]])
    assert natopost.project_roster(dates, "2024-01", 30).equals(want)


def test_missing_values_take_the_defaults():
    df = pd.DataFrame({"start": ["2025-09-01", "2025-09-01"], "renewal_months": [None, 36],
                       "kind": [None, "external"], "twin_grade": [None, False]})
    got = natopost.project_roster(df, "2028-09", 1)
    assert got["window_open"].tolist() == [2]


def test_type_and_value_errors():
    df = pd.DataFrame({"start": ["2025-09-01"]})
    with pytest.raises(TypeError):
        natopost.project_roster([("2025-09-01",)], "2026-01", 12)
    with pytest.raises(TypeError):
        natopost.project_roster(df, "2026-01", "12")
    with pytest.raises(natopost.Error, match="month 13 is out of range"):
        natopost.project_roster(df, "2026-13", 12)
    with pytest.raises(natopost.Error, match="months must be between 1 and"):
        natopost.project_roster(df, "2026-01", 0)
    with pytest.raises(ValueError, match="no column 'division'"):
        natopost.project_roster(df, "2026-01", 12, by="division")
    with pytest.raises(natopost.Error, match="row 1: column renewal_months: 1.5 is not a whole number"):
        natopost.project_roster(pd.DataFrame({"start": ["2025-09-01"] * 2, "renewal_months": [1, 1.5]}),
                                "2026-01", 12)
    with pytest.raises(TypeError, match="row 0: column twin_grade must be True or False"):
        natopost.project_roster(pd.DataFrame({"start": ["2025-09-01"], "twin_grade": ["yes"]}),
                                "2026-01", 12)
    with pytest.raises(natopost.Error, match="row 1: column start: missing"):
        natopost.project_roster(pd.DataFrame({"start": pd.to_datetime(["2025-09-01", None])}),
                                "2026-01", 12)


def test_big_roster_from_numpy_columns():
    rng = np.random.default_rng(5)
    starts = (np.datetime64("2015-01-01") + rng.integers(0, 5000, 20000)).astype("datetime64[D]")
    df = pd.DataFrame({"start": starts, "twin_grade": rng.random(20000) < 0.5})
    got = natopost.project_roster(df, "2020-01", 120)
    rows = [{"start": str(s), "twin_grade": bool(t)} for s, t in zip(starts[:300], df["twin_grade"][:300])]
    small = natopost.project_roster(df.iloc[:300], "2020-01", 120)
    assert records(small) == oracle(rows, "2020-01", 120)
    assert got["entry_on_duty"].sum() == ((starts >= np.datetime64("2020-01-01")) &
                                          (starts < np.datetime64("2030-01-01"))).sum()


def test_collection_to_ical_parses_with_icalendar():
    c = natopost.Collection([EXAMPLES])
    text = c.to_ical(1767225600)
    cal = icalendar.Calendar.from_ical(text.encode())
    events = cal.walk("VEVENT")
    with_deadline = [p for p in c if p.deadline is not None]
    assert len(events) == len(with_deadline) > 0
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert text == c.to_ical(1767225600)  # stable UIDs, same text
    for e, p in zip(events, with_deadline):
        assert p.title in str(e["SUMMARY"])
        if p.grade:
            assert p.grade in str(e["SUMMARY"])
        start = e.decoded("DTSTART")
        if p.deadline_time is None:
            assert start == p.deadline and not isinstance(start, datetime.datetime)
        else:  # a floating local time: no time zone
            assert start == datetime.datetime.combine(p.deadline, p.deadline_time)
            assert start.tzinfo is None
        description = str(e.get("DESCRIPTION", ""))
        for value in (p.body, p.division, p.requisition):
            if value:
                assert value in description
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75


def test_to_ical_url_for_web_sources():
    p = natopost.read_notice("Executive Officer\nNATO Grade G20\nApplication Deadline: 03-Nov-2025\n",
                             source="https://example.org/jobs/1?a=b,c")
    c = natopost.Collection(postings=[p])
    cal = icalendar.Calendar.from_ical(c.to_ical(0).encode())
    (event,) = cal.walk("VEVENT")
    assert str(event["URL"]) == "https://example.org/jobs/1?a=b,c"
    assert event.decoded("DTSTART") == datetime.date(2025, 11, 3)


def test_next_events_keep_the_frame_index_and_number_rows_without_ids_from_1():
    frame = pd.DataFrame({"start": ["2025-09-01", "2024-02-29"]}, index=pd.Index([70, 30], name="staff"))
    got = natopost.next_events(frame, "2026-01-01")
    assert got.index.equals(frame.index)
    assert list(got["id"]) == ["1", "2"]
    assert list(natopost.next_events({"start": ["2025-09-01"]}, "2026-01-01")["id"]) == ["1"]
    frame["id"] = ["A-1", "B-2"]
    assert list(natopost.next_events(frame, "2026-01-01")["id"]) == ["A-1", "B-2"]


def test_missing_group_values_are_the_empty_group():
    frame = pd.DataFrame({"start": ["2025-09-01"] * 4, "division": ["Ops", None, "", np.nan]})
    got = natopost.project_roster(frame, "2025-09", 1, by="division")
    assert list(got["division"]) == ["Ops", ""]
    assert list(got["entry_on_duty"]) == [1, 3]
