"""pandas in and out: timelines and statuses of many appointments at once,
batch over Series and lists, and postings as typed DataFrames.

The core computes every date and status (np_roster_events, np_roster_status,
np_timeline_batch) and reads every posting field from its columns
(np_collection_value); this module only moves numpy buffers in and out and
gives the columns their pandas dtypes. numpy and pandas are imported when a
function here is first called, not with the package.
"""
from __future__ import annotations

import inspect
from typing import Any

from ._natopost import (
    CLEARANCES,
    EVENT_CODES,
    GRADES,
    LEVELS,
    PHASES,
    _roster_events,
    _roster_status,
)
from ._natopost import batch as _batch
from ._roster import _check_policy, _columns, _day_array, _nanoseconds_in_place, _table


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:  # the package itself works without pandas
        raise ImportError(f"natopost needs pandas for DataFrames (Debian: apt install "
                          f"python3-pandas): {error}") from None
    return pandas


def batch(*args: Any, **kwargs: Any) -> Any:
    """The date of one event for many start dates at once, in the core's
    vectorised loop (np_timeline_batch, GIL released).

    ``starts``: a pandas Series, a numpy datetime64 array (any unit; a time of
    day other than midnight is an error), a list or tuple of dates
    (datetime.date, 'YYYY-MM-DD', datetime/Timestamp at midnight; None or NaT
    is missing), or any 1-D C-contiguous int64 buffer of day numbers (days
    since 1970-01-01). ``event``: an event code; the keywords are
    natopost.timeline()'s, and ``out`` (a writable int64 buffer of the same
    length, for int64 buffers only). NaT stays NaT, and so does an event the
    appointment does not have.

    Returns the same kind as ``starts``: a Series (same index, datetime64), a
    datetime64[D] array, a list of datetime.date (None for NaT), or a
    memoryview of int64 day numbers (format 'q'). A start or result outside
    years 1..9999 raises natopost.Error (a ValueError) naming the row.

    Example:
        >>> natopost.batch(["2025-09-01", None], "contract_end", twin_grade=True)
        [datetime.date(2031, 8, 31), None]
        >>> import numpy as np
        >>> natopost.batch(np.array(["2025-09-01", "NaT"], dtype="datetime64[D]"))
        array(['2031-08-31',        'NaT'], dtype='datetime64[D]')
    """
    import numpy as np

    starts = args[0] if args else kwargs.get("starts")
    rest = dict(kwargs)
    rest.pop("starts", None)

    def core(days: Any) -> Any:
        # The core writes the results over the day numbers of the starts when
        # that buffer is ours (converted from the input), else into a copy.
        raw = np.ascontiguousarray(days).view("i8")
        if not raw.flags.writeable or (isinstance(starts, np.ndarray) and np.may_share_memory(raw, starts)):
            raw = raw.copy()
        _batch(raw, *args[1:], out=raw, **rest)
        return raw.view("datetime64[D]")

    if isinstance(starts, (list, tuple)):
        out = core(_day_array(np.asarray(starts, dtype=object), "batch", "starts"))
        return [None if np.isnat(d) else d.item() for d in out]
    if type(starts).__module__.startswith("pandas"):
        pd = _pandas()
        if isinstance(starts, pd.Series):
            out = core(_day_array(starts.to_numpy(), "batch", "starts"))
            event = args[1] if len(args) > 1 else kwargs.get("event", "contract_end")
            return pd.Series(_nanoseconds_in_place(out, "batch", str(event)), index=starts.index,
                             name=event, copy=False)
    if isinstance(starts, np.ndarray) and starts.dtype.kind in "MOU":
        return core(_day_array(starts, "batch", "starts"))
    return _batch(*args, **kwargs)


batch.__signature__ = inspect.signature(_batch)  # type: ignore[attr-defined]


def _present_columns(appointments: Any, fname: str) -> tuple[Any, Any, Any, int]:
    """(buffers of the rows with a start, the mask of those rows, the index,
    the row count): rows whose start is missing are left out of the core's
    loop and read as missing in every output column."""
    import numpy as np

    pd = _pandas()
    columns, count, _ = _table(appointments, fname, "appointments")
    index = appointments.index if isinstance(appointments, pd.DataFrame) else pd.RangeIndex(count)
    if "start" not in columns:
        raise ValueError(f"{fname}(): no start column (the entry-on-duty date)")
    starts = _day_array(columns["start"], fname, "start")
    present = ~np.isnat(starts)
    if not present.all():
        columns = {name: np.asarray(values)[present] for name, values in columns.items()}
        starts = starts[present]
    columns["start"] = starts
    return _columns(columns, int(present.sum()), None), present, index, count


def _scatter(values: Any, present: Any, count: int, missing: Any) -> Any:
    import numpy as np

    if len(values) == count:
        return values
    out = np.full(count, missing, dtype=values.dtype)
    out[present] = values
    return out


def timelines(appointments: Any, *, policy: Any = None) -> Any:
    """Every event of many appointments at once.

    ``appointments``: a DataFrame (or a mapping of columns) with one row per
    appointment and columns named like natopost.timeline()'s parameters:
    ``start`` (required: datetime64, Timestamp, datetime.date or
    'YYYY-MM-DD'; NaT/None gives a row of NaT), ``kind``, ``initial_months``,
    ``renewal_months``, ``max_months``, ``twin_grade``, ``reduction_months``,
    ``direct_higher`` (a missing column, None or NaN takes the default); other
    columns are ignored. Returns a DataFrame with the same index and one
    datetime64 column per event code (natopost.EVENT_CODES order), NaT where
    the appointment has no such event. The core computes every row in C; a
    bad row raises natopost.Error naming the row and the column.

    >>> staff = pd.DataFrame({"start": pd.to_datetime(["2025-09-01"]), "twin_grade": [True]})
    >>> natopost.timelines(staff)["contract_end"].dt.date.tolist()
    [datetime.date(2031, 8, 31)]
    """
    import numpy as np

    pd = _pandas()
    _check_policy(policy, "timelines")
    buffers, present, index, count = _present_columns(appointments, "timelines")
    # The core writes every event of every row straight into the (codes, rows)
    # int64 block the DataFrame keeps, as datetime64[ns]: one buffer, no copy.
    rows = len(buffers[0])
    times = np.empty((len(EVENT_CODES), rows), dtype="i8")
    _roster_events(buffers, policy, times, True)
    if rows != count:  # rows without a start: NaT in every column
        everything = np.full((len(EVENT_CODES), count), np.iinfo("i8").min, dtype="i8")
        everything[:, present] = times
        times = everything
    return pd.DataFrame(times.view("datetime64[ns]").T, index=index, columns=list(EVENT_CODES), copy=False)


def status(appointments: Any, on: Any, *, policy: Any = None) -> Any:
    """Each appointment's status at the end of day ``on`` (as Timeline.status):
    a DataFrame with the same index and the columns ``phase`` (ordered
    categorical, natopost.PHASES), ``days_to_contract_end`` and
    ``months_served`` (Int64), ``conversion_window_open`` and
    ``promotion_possible`` (boolean); missing (<NA>) for a row without a
    start. ``appointments`` as for natopost.timelines()."""
    import numpy as np

    pd = _pandas()
    _check_policy(policy, "status")
    buffers, present, index, count = _present_columns(appointments, "status")
    phase, days, window, served, promotion = (
        np.frombuffer(raw, dtype=dtype) for raw, dtype in
        zip(_roster_status(buffers, on, policy), ("i4", "i4", "u1", "i4", "u1")))
    missing = ~present

    def integers(values: Any) -> Any:
        return pd.arrays.IntegerArray(_scatter(values.astype("i8"), present, count, 0), missing.copy())

    def booleans(values: Any) -> Any:
        # The core writes 0 or 1: a view, not a copy.
        return pd.arrays.BooleanArray(_scatter(values.view(bool), present, count, False), missing.copy())

    return pd.DataFrame({
        "phase": pd.Categorical.from_codes(_scatter(phase, present, count, -1),
                                           dtype=pd.CategoricalDtype(PHASES, ordered=True)),
        "days_to_contract_end": integers(days),
        "conversion_window_open": booleans(window),
        "months_served": integers(served),
        "promotion_possible": booleans(promotion),
    }, index=index, copy=False)  # for a dict, pandas' default copies every column


# The DataFrame names of fields whose query name reads ambiguously as a column:
# lang.english / lang.french are the level required *at least* in that language
# (for an either/or notice, the lower level: "V in one; II in the other" gives
# II and II, not "English: II").
FRAME_COLUMN_NAMES = {
    "lang.english": "lang.english_at_least",
    "lang.french": "lang.french_at_least",
}

# Number fields that are amounts, not counts: Float64. Every other number
# field (counts, month counts, degree 0/1/2) is Int64; a fraction there (none
# is expected) would keep its value as Float64 rather than be truncated.
FLOAT_FIELDS = frozenset({"salary", "experience"})

_SCALES = {"grade": GRADES, "language level": LEVELS, "clearance": CLEARANCES}


def postings_frame(columns: list[tuple[Any, ...]]) -> Any:
    """A DataFrame from the core's typed field buffers (collection_columns.c)."""
    import numpy as np

    pd = _pandas()
    frame: dict[str, Any] = {}
    for name, kind, data, *uniques in columns:
        if kind == "text":
            codes = np.frombuffer(data, dtype="i4")
            table = np.empty(len(uniques[0]) + 1, dtype=object)
            table[:-1] = uniques[0]
            table[-1] = None
            values: Any = table[codes]  # code -1 takes the last entry, None
        elif kind == "number":
            numbers = np.frombuffer(data, dtype="f8")
            nan = np.isnan(numbers)
            whole = numbers[~nan]
            if name not in FLOAT_FIELDS and np.array_equal(whole, np.floor(whole)) and \
                    (np.abs(whole) < 2**53).all():
                values = pd.arrays.IntegerArray(np.where(nan, 0, numbers).astype("i8"), nan)
            else:
                values = pd.arrays.FloatingArray(np.where(nan, 0.0, numbers), nan)
        elif kind == "date":
            # data is a bytearray of our own: converted where it is.
            values = _nanoseconds_in_place(np.frombuffer(data, dtype="datetime64[D]"), "to_dataframe", name)
        elif kind == "boolean":
            flags = np.frombuffer(data, dtype="i1")
            values = pd.arrays.BooleanArray(flags == 1, flags < 0)
        else:
            values = pd.Categorical.from_codes(np.frombuffer(data, dtype="i4") - 1,
                                               dtype=pd.CategoricalDtype(_SCALES[kind], ordered=True))
        frame[FRAME_COLUMN_NAMES.get(name, name)] = values
    return pd.DataFrame(frame)
