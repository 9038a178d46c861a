"""Rosters: month-by-month projections and next events of many appointments.

The core computes (np_roster_project, np_roster_next_events); this module only
turns a pandas DataFrame or a mapping of columns into typed numpy buffers and
the core's counts back into a DataFrame. numpy and pandas are imported when a
roster function is first called, not with the package.
"""
from __future__ import annotations

import datetime as _dt
import time as _time
from typing import Any, Iterable, Mapping

from ._natopost import (
    Error,
    Policy,
    _days,
    _days_of_ns,
    _kind_codes,
    _ns_of_days,
    _postings_ical,
    _projection_columns,
    _roster_next_events,
    _roster_project,
)

_FROM_POLICY = -2147483648  # NP_FROM_POLICY: the policy's value
_MONTH_COLUMNS = ("initial_months", "renewal_months", "max_months")


def _row_error(row: int, column: str, message: str) -> ValueError:
    return Error(f"row {row}: column {column}: {message}")


def _row_numbers(count: int) -> Any:
    """Ids of rows without an id column: each row's number counted from 1 as
    text ("1", "2", ...), the core's id of such a row, as the CLI and Lua give."""
    import numpy as np

    return np.array([str(row) for row in range(1, count + 1)], dtype=object)


def _table(roster: Any, fname: str, arg: str = "roster") -> tuple[dict[str, Any], int, Any]:
    """(columns by name, row count, ids) of a DataFrame or a mapping of columns.
    The ids are the id column, or None without one."""
    import numpy as np
    import pandas as pd

    if isinstance(roster, pd.DataFrame):
        columns = {str(name): roster[name].to_numpy() for name in roster.columns}
        return columns, len(roster), columns.get("id")
    if isinstance(roster, Mapping):
        columns = {}
        for name, values in roster.items():
            if not isinstance(name, str):
                raise TypeError(f"{fname}(): column names must be str, not {type(name).__name__}")
            columns[name] = values if isinstance(values, np.ndarray) else np.asarray(list(values), dtype=object)
        lengths = {name: len(values) for name, values in columns.items()}
        if len(set(lengths.values())) > 1:
            raise ValueError(f"{fname}(): the columns have different lengths: {lengths}")
        count = next(iter(lengths.values()), 0)
        return columns, count, columns.get("id")
    raise TypeError(f"{fname}() argument '{arg}' must be a pandas.DataFrame or a mapping of "
                    f"columns, not {type(roster).__name__}")


def _day_array(values: Any, fname: str, arg: str) -> Any:
    """datetime64[D] of any column of dates: datetime64 of any unit (a time of
    day other than midnight is an error naming the row), or objects (date,
    'YYYY-MM-DD', datetime, Timestamp) read by the core's parser. NaT and
    None stay NaT. A datetime64[D] array is returned as it is; pandas'
    datetime64[ns] goes through the core in one pass (np_epoch_ns_to_days)."""
    import numpy as np

    values = np.asarray(values)
    if values.dtype == np.dtype("datetime64[D]"):
        return values
    if values.dtype == np.dtype("datetime64[ns]"):
        days = _days_of_ns(np.ascontiguousarray(values).view("i8"), fname, arg)
        return np.frombuffer(days, dtype="datetime64[D]")
    if values.dtype.kind == "M":
        days = values.astype("datetime64[D]")
        off = ~np.isnat(values) & (days.astype(values.dtype) != values)
        if off.any():
            row = int(np.argmax(off))
            raise ValueError(f"{fname}() argument '{arg}': row {row}: {values[row]} has a time of day; "
                             f"natopost takes dates (a datetime at midnight, or a date)")
        return days
    if values.dtype.kind not in "OU" and values.size:
        raise TypeError(f"{fname}() argument '{arg}' must hold dates (datetime.date, "
                        f"'YYYY-MM-DD', datetime64, Timestamp), not {values.dtype}")
    return np.frombuffer(_days(np.ascontiguousarray(values, dtype=object), fname, arg), dtype="datetime64[D]")


def _nanoseconds_in_place(days: Any, fname: str, what: str) -> Any:
    """A writable datetime64[D] (or int64 day) array of any shape as
    datetime64[ns] for pandas, converted in place by the core
    (np_epoch_days_to_ns: NaT kept; a day a datetime64[ns] cannot hold,
    outside 1677-09-22..2262-04-11, is an error naming the row, never a
    wrapped-around date)."""
    raw = days.view("i8")
    _ns_of_days(raw.reshape(-1), fname, what)
    return raw.view("datetime64[ns]")


def _starts(values: Any) -> Any:
    import numpy as np

    days = _day_array(values, "roster", "start")
    nat = np.isnat(days)
    if nat.any():
        raise _row_error(int(np.argmax(nat)), "start", "missing (the entry-on-duty date is required)")
    return np.ascontiguousarray(days.view("i8"))


def _kinds(values: Any) -> Any:
    """np_kind codes of a kind column, read by the core (a missing value takes
    the default, external)."""
    import numpy as np

    return np.frombuffer(_kind_codes(np.ascontiguousarray(values, dtype=object)), dtype=np.int32)


def _ints(values: Any, name: str, default: int) -> Any:
    import numpy as np
    import pandas as pd

    if values.dtype.kind == "b":
        raise TypeError(f"roster column {name} must hold whole numbers of months, not booleans")
    if values.dtype.kind in "iu":
        numbers = values.astype(np.float64)
        missing = np.zeros(len(values), dtype=bool)
    else:
        missing = np.asarray(pd.isna(values), dtype=bool)
        try:
            numbers = np.asarray(pd.to_numeric(pd.Series(values), errors="raise"), dtype=np.float64)
        except (ValueError, TypeError):
            for row, v in enumerate(values):
                if not (v is None or (isinstance(v, float) and v != v) or
                        (isinstance(v, (int, np.integer)) and not isinstance(v, bool))):
                    raise TypeError(f"row {row}: column {name} must be a whole number of months, "
                                    f"not {type(v).__name__}") from None
            raise
        if values.dtype.kind == "O":
            flags = [isinstance(v, (bool, np.bool_)) for v in values]
            if any(flags):
                raise TypeError(f"row {flags.index(True)}: column {name} must be a whole number "
                                f"of months, not bool")
    filled = np.where(missing, 0.0, numbers)
    bad = (filled != np.floor(filled)) | (np.abs(filled) > 2**31 - 1)
    if bad.any():
        row = int(np.argmax(bad))
        raise _row_error(row, name, f"{values[row]!r} is not a whole number of months")
    return np.ascontiguousarray(np.where(missing, default, filled).astype(np.int32))


def _bools(values: Any, name: str) -> Any:
    import numpy as np

    if values.dtype.kind == "b":
        return np.ascontiguousarray(values.astype(np.uint8))
    out = np.zeros(len(values), dtype=np.uint8)
    for row, v in enumerate(values):
        if v is None or (isinstance(v, float) and v != v):
            continue
        if not isinstance(v, (bool, np.bool_)):
            raise TypeError(f"row {row}: column {name} must be True or False, not {type(v).__name__}")
        out[row] = bool(v)
    return out


def _columns(columns: dict[str, Any], count: int, group: Any) -> tuple[Any, ...]:
    if "start" not in columns:
        raise ValueError("the roster has no start column (the entry-on-duty date)")

    def col(name: str, convert: Any) -> Any:
        return convert(columns[name]) if name in columns else None

    return (
        _starts(columns["start"]),
        col("kind", _kinds),
        *(col(name, lambda v, n=name: _ints(v, n, _FROM_POLICY)) for name in _MONTH_COLUMNS),
        col("twin_grade", lambda v: _bools(v, "twin_grade")),
        col("reduction_months", lambda v: _ints(v, "reduction_months", 0)),
        col("direct_higher", lambda v: _bools(v, "direct_higher")),
        group,
    )


def _first_month(start: Any) -> str:
    if isinstance(start, str):
        return start
    if isinstance(start, _dt.date):
        if start.day != 1:
            raise ValueError(f"project_roster(): start {start.isoformat()} is not the first day of a month")
        return f"{start.year:04d}-{start.month:02d}"
    raise TypeError(f"project_roster() argument 'start' must be a 'YYYY-MM' str or a datetime.date, "
                    f"not {type(start).__name__}")


def _group_values(values: Any) -> Any:
    """A group column with its missing values (None, NaN, NaT, pandas.NA) as
    the empty text: one group with the empty cells, labelled "", as the CLI
    reads an empty CSV cell and Lua a nil."""
    import numpy as np
    import pandas as pd

    missing = np.asarray(pd.isna(values), dtype=bool)
    if not missing.any():
        return values
    filled = np.array(values, dtype=object)
    filled[missing] = ""
    return filled


def _check_policy(policy: Any, fname: str) -> None:
    if policy is not None and not isinstance(policy, Policy):
        raise TypeError(f"{fname}() argument 'policy' must be natopost.Policy or None, "
                        f"not {type(policy).__name__}")


def project_roster(roster: Any, start: str | _dt.date, months: int, *, by: str | None = None,
                   policy: Policy | None = None) -> Any:
    """Month-by-month projection of a roster of appointments.

    ``roster``: a pandas DataFrame (or a mapping of column name to values) with
    a ``start`` column (datetime.date, 'YYYY-MM-DD' or datetime64) and any of
    ``kind``, ``initial_months``, ``renewal_months``, ``max_months``,
    ``twin_grade``, ``reduction_months``, ``direct_higher`` (a missing column,
    None or NaN takes the default, as in natopost.timeline()); other columns
    may group the projection (``by``). ``start``: the first month, 'YYYY-MM'
    (or the first day of a month as a date); ``months``: how many.

    Returns a DataFrame with one row per month (and group, months first):
    ``month`` ('YYYY-MM'), the ``by`` column (a missing value, None or NaN,
    is the empty text "": the rows with no value form one group, as an empty
    CSV cell does in the CLI), one column per event code (the
    events whose date falls in the month) and ``under_contract``,
    ``in_initial``, ``in_renewal``, ``window_open``, ``promotion_possible``
    (counts at the end of the month's last day, as Timeline.status). A bad row
    raises natopost.Error naming the row (0-based position) and the column.

    >>> df = pd.DataFrame({"start": ["2025-09-01"], "twin_grade": [True]})
    >>> natopost.project_roster(df, "2028-09", 1)["window_open"].tolist()
    [1]
    """
    import numpy as np
    import pandas as pd

    _check_policy(policy, "project_roster")
    if not isinstance(months, int) or isinstance(months, bool):
        raise TypeError(f"project_roster() argument 'months' must be int, not {type(months).__name__}")
    first = _first_month(start)
    columns, count, _ = _table(roster, "project_roster")
    group = None
    labels: list[Any] = [None]
    if by is not None:
        if not isinstance(by, str):
            raise TypeError(f"project_roster() argument 'by' must be str or None, not {type(by).__name__}")
        if by not in columns:
            raise ValueError(f"project_roster(): no column {by!r} to group by (columns: "
                             f"{', '.join(columns)})")
        codes, uniques = pd.factorize(_group_values(columns[by]), use_na_sentinel=False)
        group = np.ascontiguousarray(codes.astype(np.int32))
        labels = list(uniques) or [None]
    buffers = _columns(columns, count, group)
    counts = np.frombuffer(_roster_project(buffers, len(labels), first, months, policy), dtype=np.int64)
    names = list(_projection_columns())
    counts = counts.reshape(len(labels), months, len(names)).transpose(1, 0, 2).reshape(-1, len(names))
    y0, m0 = int(first[:4]), int(first[5:7])
    month_names = [f"{(y0 * 12 + m0 - 1 + m) // 12:04d}-{(m0 - 1 + m) % 12 + 1:02d}" for m in range(months)]
    frame = pd.DataFrame(counts, columns=names)
    front: dict[str, Any] = {"month": np.repeat(month_names, len(labels))}
    if by is not None:
        front[by] = np.tile(np.asarray(labels, dtype=object), months)
    return pd.concat([pd.DataFrame(front), frame], axis=1)


def next_events(roster: Any, after: str | _dt.date, *, policy: Policy | None = None) -> Any:
    """Each appointment's next event strictly after the end of day ``after``:
    a DataFrame with the roster's index (a DataFrame's own, else 0..n-1) and
    the columns ``id`` (the roster's id column, else the row's number counted
    from 1 as text, "1", "2", ...: what the CLI and Lua give), ``next_event``
    (an event code, None when no event follows) and ``date`` (datetime64[D],
    NaT when none). Ties on one date go to the first code in
    natopost.EVENT_CODES order."""
    import numpy as np
    import pandas as pd

    from ._natopost import EVENT_CODES

    _check_policy(policy, "next_events")
    columns, count, ids = _table(roster, "next_events")
    buffers = _columns(columns, count, None)
    raw_codes, raw_dates = _roster_next_events(buffers, after, policy)
    codes = np.frombuffer(raw_codes, dtype=np.int32)
    dates = np.frombuffer(raw_dates, dtype="datetime64[D]")
    names = np.asarray(list(EVENT_CODES) + [None], dtype=object)  # code -1 (none) reads the None
    index = roster.index if isinstance(roster, pd.DataFrame) else None
    if ids is None:
        ids = _row_numbers(count)
    return pd.DataFrame({"id": ids, "next_event": names[codes], "date": dates}, index=index)


def postings_ical(postings: Iterable[Any], dtstamp: int | _dt.datetime | None = None) -> str:
    """The application deadlines of postings as an iCalendar (RFC 5545) text."""
    return _postings_ical(list(postings), int(_time.time()) if dtstamp is None else dtstamp)
