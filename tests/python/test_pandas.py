"""Issue 16, items 1-4 and 9: dates from pandas and numpy, frames in and out
(natopost.timelines, natopost.status, natopost.batch over Series, arrays and
lists), postings as typed DataFrames, lazy query results."""
import datetime
import os

import numpy as np
import pandas as pd
import pytest

import natopost
from support import CASES, split_input

D = datetime.date
EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "postings")


# ---- item 1: dates in ------------------------------------------------------------------

MIDNIGHT = [
    "2025-09-01", D(2025, 9, 1), datetime.datetime(2025, 9, 1), pd.Timestamp("2025-09-01"),
    np.datetime64("2025-09-01"), np.datetime64("2025-09-01T00:00:00", "ns"),
    np.datetime64("2025-09-01T00", "h"),
]


@pytest.mark.parametrize("start", MIDNIGHT, ids=lambda v: f"{type(v).__name__}:{v}")
def test_every_kind_of_date_at_midnight_is_the_same_date(start):
    want = natopost.timeline("2025-09-01", twin_grade=True)
    got = natopost.timeline(start, twin_grade=True)
    assert got.to_dict() == want.to_dict()
    assert got.status(start) == want.status(D(2025, 9, 1))


@pytest.mark.parametrize("start, message", [
    (datetime.datetime(2025, 9, 1, 0, 0, 1), "has a time of day"),
    (pd.Timestamp("2025-09-01 12:00"), "has a time of day"),
    (pd.Timestamp("2025-09-01") + pd.Timedelta(1, "ns"), "has a time of day"),
    (np.datetime64("2025-09-01T06:00"), "has a time of day"),
    (pd.NaT, "is NaT"),
    (np.datetime64("NaT"), "is NaT"),
])
def test_a_time_of_day_or_nat_is_a_clear_value_error(start, message):
    with pytest.raises(ValueError, match=f"timeline\\(\\) argument 'start'.*{message}"):
        natopost.timeline(start)
    with pytest.raises(ValueError, match=message):
        natopost.timeline("2025-09-01").status(start)


def test_datetime64_of_a_month_is_not_a_day():
    with pytest.raises(natopost.Error, match="start"):
        natopost.timeline(np.datetime64("2025-09"))


# ---- item 2: frames in, frames out -----------------------------------------------------------

def grid():
    """Appointments of every kind on awkward days (month ends, leap days),
    those natopost.timeline accepts."""
    for start in ("2024-02-29", "2025-01-31", "2025-08-31", "2025-09-01", "2027-12-31"):
        for kind in natopost.KINDS:
            for twin in (False, True):
                for extra in ({}, {"renewal_months": 0}, {"reduction_months": 12},
                              {"direct_higher": True}, {"initial_months": 24, "max_months": 60}):
                    row = {"start": start, "kind": kind, "twin_grade": twin, **extra}
                    try:
                        natopost.timeline(**row)
                    except natopost.Error:
                        continue
                    yield row


def staff_frame():
    """The shared timeline cases and a grid of appointments as one frame."""
    rows = list(grid())
    for case in CASES:
        start, kwargs = split_input(case["input"])
        if "policy" in kwargs:
            continue
        rows.append({"start": start, **kwargs})
    frame = pd.DataFrame(rows)
    frame["start"] = pd.to_datetime(frame["start"])
    return frame.set_index(pd.Index([f"p{i}" for i in range(len(frame))]))


def one_by_one(frame):
    for _, row in frame.iterrows():
        kwargs = {k: v for k, v in row.items() if k != "start" and not pd.isna(v)}
        for key in ("initial_months", "renewal_months", "max_months", "reduction_months"):
            if key in kwargs:
                kwargs[key] = int(kwargs[key])
        for key in ("twin_grade", "direct_higher"):
            if key in kwargs:
                kwargs[key] = bool(kwargs[key])
        yield natopost.timeline(row["start"], **kwargs)


def test_timelines_of_a_frame_equal_timeline_row_by_row():
    frame = staff_frame()
    assert len(frame) > 50
    got = natopost.timelines(frame)
    assert list(got.columns) == list(natopost.EVENT_CODES)
    assert got.index.equals(frame.index)
    assert all(str(t) == "datetime64[ns]" for t in got.dtypes)
    for (label, row), t in zip(got.iterrows(), one_by_one(frame)):
        for code in natopost.EVENT_CODES:
            event = t.get(code)
            if event is None:
                assert pd.isna(row[code]), (label, code)
            else:
                assert row[code].date() == event.date, (label, code)


def test_status_of_a_frame_equals_timeline_status():
    frame = staff_frame()
    on = D(2029, 3, 1)
    got = natopost.status(frame, on=on)
    assert got.index.equals(frame.index)
    assert got["phase"].dtype == pd.CategoricalDtype(natopost.PHASES, ordered=True)
    assert str(got["days_to_contract_end"].dtype) == "Int64"
    assert str(got["months_served"].dtype) == "Int64"
    assert str(got["conversion_window_open"].dtype) == "boolean"
    assert str(got["promotion_possible"].dtype) == "boolean"
    for (_, row), t in zip(got.iterrows(), one_by_one(frame)):
        want = t.status(on)
        assert {k: row[k] for k in got.columns} == {k: want[k] for k in got.columns}


def test_columns_given_as_a_mapping_and_missing_starts():
    columns = {"start": ["2025-09-01", None, D(2024, 2, 29)], "twin_grade": [True, False, None]}
    got = natopost.timelines(columns)
    assert list(got.index) == [0, 1, 2]
    assert got["contract_end"].isna().tolist() == [False, True, False]
    assert got.loc[0, "earliest_promotion"].date() == natopost.timeline(
        "2025-09-01", twin_grade=True)["earliest_promotion"].date
    status = natopost.status(columns, "2026-01-01")
    assert status["phase"].isna().tolist() == [False, True, False]
    assert status["months_served"].isna().tolist() == [False, True, False]


def test_bad_rows_name_the_row():
    with pytest.raises(natopost.Error, match="row 1: .*renewal_months"):
        natopost.timelines(pd.DataFrame({"start": ["2025-09-01"] * 2, "renewal_months": [0, 99]}))
    with pytest.raises(ValueError, match="row 1: .*has a time of day"):
        natopost.timelines(pd.DataFrame({"start": pd.to_datetime(["2025-09-01", "2025-09-01 10:00"])}))
    with pytest.raises(ValueError, match="no start column"):
        natopost.timelines(pd.DataFrame({"kind": ["external"]}))
    with pytest.raises(TypeError, match="'appointments'"):
        natopost.status(42, "2025-01-01")


def test_batch_returns_the_kind_it_was_given():
    starts = pd.Series(pd.to_datetime(["2025-09-01", None, "2024-02-29"]), index=["a", "b", "c"])
    want = [natopost.timeline(d, twin_grade=True)["contract_end"].date for d in ("2025-09-01", "2024-02-29")]
    series = natopost.batch(starts, "contract_end", twin_grade=True)
    assert isinstance(series, pd.Series) and series.index.equals(starts.index)
    assert [series["a"].date(), series["c"].date()] == want and pd.isna(series["b"])
    array = natopost.batch(starts.to_numpy(), "contract_end", twin_grade=True)
    assert array.dtype == np.dtype("datetime64[D]")
    assert [array[0].item(), array[2].item()] == want and np.isnat(array[1])
    listed = natopost.batch(["2025-09-01", None, D(2024, 2, 29)], "contract_end", twin_grade=True)
    assert listed == [want[0], None, want[1]]
    assert natopost.batch(("2025-09-01",), twin_grade=True) == [want[0]]
    raw = natopost.batch(np.array(["2025-09-01"], dtype="datetime64[D]").view("i8"), twin_grade=True)
    assert isinstance(raw, memoryview) and raw.format == "q"
    with pytest.raises(TypeError, match="row 1: batch\\(\\) argument 'starts'"):
        natopost.batch(["2025-09-01", 3])
    with pytest.raises(natopost.Error, match="row 0: .*day 30 is out of range"):
        natopost.batch(["2025-02-30"])


# ---- item 3: postings as frames -------------------------------------------------------------

@pytest.fixture(scope="module")
def collection():
    return natopost.Collection([EXAMPLES, os.environ["NATOPOST_SEEDS"]])


def test_to_dataframe_dtypes(collection):
    frame = collection.to_dataframe()
    assert len(frame) == len(collection)
    assert frame["grade"].dtype == pd.CategoricalDtype(natopost.GRADES, ordered=True)
    assert frame["clearance"].dtype == pd.CategoricalDtype(natopost.CLEARANCES, ordered=True)
    for name in ("lang.first", "lang.second", "lang.english_at_least", "lang.french_at_least"):
        assert frame[name].dtype == pd.CategoricalDtype(natopost.LEVELS, ordered=True)
    for name in ("deadline", "published", "updated"):
        assert str(frame[name].dtype) == "datetime64[ns]"
    for name in ("degree", "competencies", "requirements.essential", "diagnostics",
                 "contract.months"):
        assert str(frame[name].dtype) == "Int64", name
    for name in ("salary", "experience"):
        assert str(frame[name].dtype) == "Float64"
    for name in ("fast_track", "twin_grade", "clearance.atomal", "travel"):
        assert str(frame[name].dtype) == "boolean"
    assert frame["title"].dtype == object


def test_to_dataframe_holds_the_records_values(collection):
    frame = collection.to_dataframe()
    records = collection.to_records()
    renamed = {"lang.english": "lang.english_at_least", "lang.french": "lang.french_at_least"}
    for name in collection.fields:
        column = frame[renamed.get(name, name)]
        for value, record in zip(column, records):
            want = record[name]
            if want is None:
                assert pd.isna(value), name
            elif isinstance(want, D):
                assert value.date() == want, name
            else:
                assert value == want, name


def test_ordered_categories_sort_as_the_core_orders(collection):
    frame = collection.to_dataframe()
    grades = frame["grade"].dropna()
    assert list(grades.sort_values().astype(str)) == \
        [r["grade"] for r in collection.to_records("grade is not null order by grade")]
    assert (frame["grade"] >= "G15").fillna(False).sum() == len(collection.query("grade >= G15"))
    assert (frame["clearance"] >= "NATO SECRET").fillna(False).sum() == \
        len(collection.query('clearance >= "NATO SECRET"'))


def test_result_to_dataframe_keeps_query_order(collection):
    result = collection.query("deadline is not null order by deadline desc")
    frame = result.to_dataframe()
    assert list(frame["id"]) == result.ids
    assert frame["deadline"].is_monotonic_decreasing
    assert collection.to_dataframe("grade >= G15")["id"].tolist() == collection.query("grade >= G15").ids


def test_either_or_language_columns_say_at_least(collection):
    frame = collection.to_dataframe()
    assert "lang.english" not in frame.columns
    either = frame[frame["lang.form"] == "either_or"]
    assert len(either) > 0
    # Each language is only required at the lower of the two levels.
    assert (either["lang.english_at_least"] == either["lang.second"]).all()
    assert (either["lang.french_at_least"] == either["lang.second"]).all()
    assert "at least" in natopost.Collection.to_dataframe.__doc__


# ---- item 4: lazy results ------------------------------------------------------------------

def test_results_create_postings_only_when_asked(collection, monkeypatch):
    core = collection._core
    made = []
    real = core._posting

    class Spy:
        def __getattr__(self, name):
            return getattr(core, name)

        def __len__(self):
            return len(core)

        def _posting(self, row):
            made.append(row)
            return real(row)

    monkeypatch.setattr(collection, "_core", Spy())
    result = collection.query("grade >= G15 order by title")
    assert len(result) > 1 and made == []
    counts = collection.count_by("division")
    assert sum(counts.values()) == len(collection) and made == []
    assert result.ids and result.to_dataframe() is not None and made == []
    first = result[0]
    assert made == [result.rows[0]]
    assert [p.title for p in result] == sorted(p.title for p in result)
    assert result[-1] == list(result)[-1] and result[1:3] == list(result)[1:3]
    assert first.title == result.to_records()[0]["title"]
    with pytest.raises(IndexError):
        result[len(result)]
