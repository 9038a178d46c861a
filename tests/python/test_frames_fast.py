"""Issue 16, the fast frame paths: natopost.timelines, natopost.status and
natopost.batch take pandas' datetime64[ns] columns through the core
(natopost/epoch.h) and write their results straight into the buffers the
DataFrame keeps. These cases pin what those paths must still do: missing
starts, times of day, empty frames, the index, the edges of what a
datetime64[ns] column holds, and kind columns of every form."""
import datetime

import numpy as np
import pandas as pd
import pytest

import natopost

D = datetime.date


def one(start, **kw):
    return natopost.timeline(start, **kw)


def test_nat_rows_keep_their_place_and_index():
    index = pd.Index(["a", "b", "c", "d"], name="staff")
    frame = pd.DataFrame({"start": pd.to_datetime(["2025-09-01", None, "2024-02-29", None]),
                          "twin_grade": [True, False, False, True]}, index=index)
    got = natopost.timelines(frame)
    assert got.index.equals(index)
    assert list(got.columns) == list(natopost.EVENT_CODES)
    assert all(str(t) == "datetime64[ns]" for t in got.dtypes)
    assert got.loc[["b", "d"]].isna().all().all()
    for label, start, twin in (("a", "2025-09-01", True), ("c", "2024-02-29", False)):
        t = one(start, twin_grade=twin)
        for code in natopost.EVENT_CODES:
            event = t.get(code)
            if event is None:
                assert pd.isna(got.loc[label, code])
            else:
                assert got.loc[label, code].date() == event.date
    status = natopost.status(frame, "2027-01-01")
    assert status.index.equals(index)
    assert status["phase"].isna().tolist() == [False, True, False, True]
    assert status.loc["a", "months_served"] == one("2025-09-01", twin_grade=True).status(
        "2027-01-01")["months_served"]


def test_a_time_of_day_in_a_nanosecond_column_names_the_row():
    frame = pd.DataFrame({"start": pd.to_datetime(["2025-09-01", "2025-09-02",
                                                   "2025-09-03 00:00:00.000000001"])})
    with pytest.raises(ValueError, match=r"timelines\(\) argument 'start': row 2: "
                                         r"2025-09-03T00:00:00.000000001 has a time of day"):
        natopost.timelines(frame)
    with pytest.raises(ValueError, match="row 2: .*has a time of day"):
        natopost.status(frame, "2026-01-01")
    with pytest.raises(ValueError, match=r"batch\(\) argument 'starts': row 2: .*has a time of day"):
        natopost.batch(frame["start"])


def test_empty_frames_keep_columns_dtypes_and_index():
    frame = pd.DataFrame({"start": pd.Series([], dtype="datetime64[ns]")},
                         index=pd.Index([], dtype=object, name="id"))
    got = natopost.timelines(frame)
    assert got.shape == (0, len(natopost.EVENT_CODES))
    assert got.index.equals(frame.index) and got.index.name == "id"
    assert all(str(t) == "datetime64[ns]" for t in got.dtypes)
    status = natopost.status(frame, "2026-01-01")
    assert len(status) == 0 and str(status["months_served"].dtype) == "Int64"
    series = natopost.batch(frame["start"])
    assert len(series) == 0 and str(series.dtype) == "datetime64[ns]"


def test_the_frame_holds_the_core_output_without_a_copy():
    frame = pd.DataFrame({"start": pd.to_datetime(["2025-09-01"] * 3)})
    got = natopost.timelines(frame)
    # One block of datetime64[ns] columns: every event column is a view of it.
    blocks = got._mgr.blocks
    assert len(blocks) == 1
    assert np.shares_memory(got["contract_end"].to_numpy(), got["earliest_promotion"].to_numpy()) or \
        np.shares_memory(np.asarray(blocks[0].values), got["contract_end"].to_numpy())


def test_the_edges_of_a_nanosecond_column():
    # 2262-04-11 is the last day datetime64[ns] holds; a later event is an
    # error naming the event and the row, never a date wrapped around.
    last = pd.Timestamp("2262-04-11")
    assert natopost.batch(pd.Series([last]), "entry_on_duty")[0] == last
    end = one("2262-01-01")["contract_end"].date.isoformat()
    with pytest.raises(natopost.Error, match=rf"batch\(\): contract_end: row 1: {end} is outside "
                                             r"the dates a datetime64\[ns\] column holds"):
        natopost.batch(pd.Series(pd.to_datetime(["2200-01-01", "2262-01-01"])), "contract_end")
    with pytest.raises(natopost.Error, match=r"timelines\(\): .*: row 1: 22\d\d-\d\d-\d\d is outside"):
        natopost.timelines({"start": [D(2200, 1, 1), D(2262, 1, 1)]})


def test_batch_never_writes_into_its_input():
    days = np.array(["2025-09-01", "NaT"], dtype="datetime64[D]")
    kept = days.copy()
    got = natopost.batch(days, "contract_end")
    assert (days.view("i8") == kept.view("i8")).all()
    end = one("2025-09-01")["contract_end"].date
    assert got[0] == np.datetime64(end) and np.isnat(got[1])
    series = pd.Series(pd.to_datetime(["2025-09-01", None]), index=[10, 20])
    before = series.copy()
    out = natopost.batch(series, "contract_end")
    assert series.equals(before)
    assert out.index.tolist() == [10, 20] and out.name == "contract_end"
    assert out[10] == pd.Timestamp(end) and pd.isna(out[20])


@pytest.mark.parametrize("kinds", [
    ["serving", None, "seconded"],
    pd.Categorical(["serving", None, "seconded"]),
    pd.array(["serving", None, "seconded"], dtype="string"),
    np.array(["serving", np.nan, "seconded"], dtype=object),
], ids=["object", "categorical", "string", "nan"])
def test_kind_columns_of_every_form(kinds):
    frame = pd.DataFrame({"start": pd.to_datetime(["2025-09-01"] * 3), "kind": kinds})
    got = natopost.timelines(frame)
    for row, kind in enumerate(("serving", "external", "seconded")):
        want = one("2025-09-01", kind=kind)
        for code in natopost.EVENT_CODES:
            event = want.get(code)
            assert (pd.isna(got.iloc[row][code]) if event is None
                    else got.iloc[row][code].date() == event.date), (kind, code)


def test_bad_kinds_name_the_row():
    start = pd.to_datetime(["2025-09-01"] * 3)
    with pytest.raises(natopost.Error, match='row 2: column kind: kind "intern" is not one of'):
        natopost.timelines(pd.DataFrame({"start": start, "kind": ["serving", "serving", "intern"]}))
    with pytest.raises(TypeError, match="row 1: column kind must be a str, not int"):
        natopost.timelines(pd.DataFrame({"start": start, "kind": ["serving", 3, "serving"]}))


def test_errors_name_the_row_of_the_whole_table_past_the_first_rows():
    # The core works through long frames a few thousand rows at a time; a
    # message still names the row of the whole frame.
    count = 20000
    renewal = np.zeros(count, dtype=np.int64)
    renewal[15001] = 99
    frame = pd.DataFrame({"start": pd.to_datetime(["2025-09-01"] * count), "renewal_months": renewal})
    with pytest.raises(natopost.Error, match="row 15001: .*renewal_months"):
        natopost.timelines(frame)
    late = [D(2025, 9, 1)] * count
    late[17003] = D(2262, 1, 1)
    with pytest.raises(natopost.Error, match=r"timelines\(\): .*: row 17003: .* is outside"):
        natopost.timelines({"start": late})


def test_missing_values_of_every_form_in_an_object_start_column():
    got = natopost.timelines({"start": ["2025-09-01", None, pd.NA, np.nan, pd.NaT]})
    assert got["contract_end"].isna().tolist() == [False, True, True, True, True]


def test_a_column_changed_while_it_is_read_does_not_crash():
    # The core's column readers borrow a numpy object array's own pointers; a
    # value whose == rewrites the column must not leave them dangling.
    column = np.empty(6, dtype=object)

    class Rewrites:
        def __eq__(self, other):
            column[:] = [f"s{i}x" for i in range(len(column))]  # new objects, the old ones freed
            return False  # not equal to itself: a missing value

    column[:] = ["serving", Rewrites(), "seconded", "serving", "seconded", "serving"]
    with pytest.raises(natopost.Error, match='row 2: column kind: kind "s2x"'):
        natopost.timelines({"start": [D(2025, 9, 1)] * 6, "kind": column})
    column[:] = ["2025-09-01", Rewrites(), "2025-09-01", "2025-09-01", "2025-09-01", "2025-09-01"]
    with pytest.raises(natopost.Error, match="row 2: .*s2x"):
        natopost.timelines({"start": column})
