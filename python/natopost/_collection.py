"""Collections of postings, queries and candidate eligibility.

Thin wrappers over the core (``natopost._natopost._Collection`` and
``_eligibility``): the query language, its evaluation, the field table and
every eligibility rule are the C core's; this module only shapes results
the way Python users expect (sequences, dicts, pandas-ready records).
"""
from __future__ import annotations
import datetime

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, NamedTuple, Union, overload

#: A value for a ``?`` of a query: checked by the core against the field it
#: is compared with (str is read as that field's literal: "G15", "III",
#: "NATO SECRET", "2025-12-01").
QueryParam = Union[str, int, float, bool, datetime.date]

from ._natopost import Posting, _candidate_validate, _Collection, _eligibility, loads

PathLike = Union[str, bytes, "os.PathLike[str]", "os.PathLike[bytes]"]


def _count(n: int, noun: str) -> str:
    """"1 posting", "2 postings"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _fspath(path: Any, fname: str, arg: str) -> str | bytes:
    """os.fspath(path), with a TypeError naming the function and argument
    (as the C extension's messages do) instead of open()'s generic one."""
    try:
        return os.fspath(path)
    except TypeError:
        raise TypeError(f"{fname}() argument '{arg}' must be a path (str, bytes or os.PathLike), "
                        f"not {type(path).__name__}") from None


class Candidate:
    """A candidate profile, checked against postings by :func:`eligibility`
    and by ``eligible(NAME)`` in queries.

    Keys (all optional; a missing key means "not given"): ``name``,
    ``degree`` ("none", "university", "postgraduate"), ``experience_years``,
    ``languages`` ({"english": "V", "french": "II"}), ``stanag``
    ("SLP 3321"), ``clearance`` ("NATO SECRET", "NS", ...),
    ``nationality`` ("Sweden", "SE", "SWE"; any country's name or ISO code:
    a typo such as "Swden" raises ValueError naming the closest member
    states), ``serving_staff`` (bool).

    >>> alice = natopost.Candidate(name="alice", degree="university",
    ...     experience_years=4, languages={"english": "V", "french": "II"},
    ...     nationality="Belgium")
    >>> natopost.eligibility(alice, posting)["verdict"]
    'eligible'

    The core validates the profile (unknown keys and bad values raise
    ValueError naming the key) when it is first used and on creation.
    """

    __slots__ = ("_json", "profile")

    def __init__(self, **profile: Any) -> None:
        self.profile = dict(profile)
        self._json = _profile_json(self.profile, "Candidate")
        _candidate_validate(self._json)  # the core's strict reader: errors name the key

    @classmethod
    def from_json(cls, text: str | bytes) -> "Candidate":
        """A profile from its JSON text (the same keys as the constructor),
        read by the core's reader as the CLI and Lua read it: duplicate keys,
        numbers out of range and unknown keys raise ValueError quoting the
        text."""
        if not isinstance(text, (str, bytes)):
            raise TypeError(f"from_json() argument 'text' must be str or bytes, not {type(text).__name__}")
        _candidate_validate(text)
        self = cls.__new__(cls)
        self.profile = json.loads(text)  # what the core accepted, for display
        self._json = text if isinstance(text, str) else text.decode("utf-8")
        return self

    @classmethod
    def load(cls, path: PathLike) -> "Candidate":
        """A profile from a JSON file (any file name os.fsencode takes)."""
        path = _fspath(path, "load", "path")
        try:
            os.fsencode(path)
        except UnicodeEncodeError as error:  # as the C functions say it
            raise ValueError(f"load() argument 'path' cannot be a file name: {error}") from None
        with open(path, "rb") as f:
            text = f.read()
        try:
            return cls.from_json(text)
        except ValueError as error:
            raise type(error)(f"{os.fsdecode(path)}: {error}") from None

    @property
    def name(self) -> str | None:
        return self.profile.get("name")

    def __repr__(self) -> str:
        return f"natopost.Candidate({', '.join(f'{k}={v!r}' for k, v in self.profile.items())})"

    def __eq__(self, other: object) -> bool:
        """Equal profiles (as JSON values: key order and spelling of the text aside)."""
        if not isinstance(other, Candidate):
            return NotImplemented
        return bool(json.loads(self._json) == json.loads(other._json))

    __hash__ = None  # type: ignore[assignment]  # profiles are mutable dicts

    def __reduce__(self) -> tuple[Any, ...]:
        return (Candidate.from_json, (self._json,))




def _profile_json(profile: Mapping[str, Any], fname: str) -> str:
    """The JSON text of a profile given as Python values; TypeError or
    ValueError naming the key when a value has no JSON form (JSON has no
    inf or nan: 1e400 in Python source is inf)."""
    for key, value in profile.items():
        try:
            json.dumps(value, allow_nan=False)
        except TypeError:
            raise TypeError(f"{fname}() argument '{key}' must be a JSON value (str, int, "
                            f"bool, list or dict of them), not {type(value).__name__}") from None
        except ValueError as error:
            shown = repr(value) if isinstance(value, float) else "a value"
            raise ValueError(f"{fname}() argument '{key}': {shown} has no JSON form ({error})") from None
    return json.dumps(dict(profile), allow_nan=False)


def _candidate_json(candidate: Candidate | Mapping[str, Any] | str, fname: str) -> str:
    if isinstance(candidate, Candidate):
        return candidate._json
    if isinstance(candidate, Mapping):
        return _profile_json(candidate, fname)
    if isinstance(candidate, str):
        return candidate
    raise TypeError(f"{fname}(): candidate must be a natopost.Candidate, a dict or JSON text, "
                    f"not {type(candidate).__name__}")


def eligibility(candidate: Candidate | Mapping[str, Any] | str, posting: Posting) -> dict[str, Any]:
    """Checks a candidate against every requirement of a posting.

    Returns ``{"verdict": "eligible" | "not eligible" | "cannot tell",
    "checks": [{"kind", "essential", "requirement", "requirement_index",
    "status", "reason"}, ...], "essential_met", "essential_not_met",
    "essential_cannot_tell", "desirable_met", "desirable_count"}`` (the
    core's shape, as the CLI's --json and Lua's give it): "requirement" is
    the requirement's sentence and "requirement_index" its index in
    ``posting.requirements`` (both None for a check the posting implies, such
    as nationality); a check's status is "met", "not met", "cannot tell" or
    "not assessed", with the core's reason.

    >>> natopost.eligibility({"languages": {"english": "V", "french": "I"}}, p)["verdict"]
    'cannot tell'
    """
    return _eligibility(_candidate_json(candidate, "eligibility"), posting)


class Result(Sequence[Posting]):
    """The postings a query selected, in query order (``order by``, else
    collection order). The result holds the selected row ids only: a Posting
    is created when one is asked for (indexing, slicing, iteration), and each
    is an independent copy that stays valid when the collection is gone.
    ``groups`` holds ``(value, count)`` pairs for ``count by`` queries, sorted
    by count, then value; ``to_dataframe()`` reads the fields column-wise."""

    __slots__ = ("_rows", "count_by", "groups", "_collection", "_query", "_params", "_today")

    def __init__(self, collection: "Collection", query: str, params: tuple[QueryParam, ...] = (),
                 today: datetime.date | str | None = None) -> None:
        rows, count_by, groups = collection._core._select(query, params, today)
        self._rows: bytearray = rows
        self.count_by: str | None = count_by
        self.groups: list[tuple[Any, int]] = groups
        self._collection = collection
        self._query = query
        self._params = params
        self._today = today

    @property
    def rows(self) -> list[int]:
        """The collection rows (0-based, in the order added) selected, in order."""
        return memoryview(self._rows).cast("I").tolist()

    @property
    def ids(self) -> list[str]:
        """The ids of the selected postings, in order (read from the id column)."""
        return [str(v) for v in self._column("id")]

    def _column(self, name: str) -> list[Any]:
        for _field, _kind, data, *uniques in self._collection._core._columns(self._rows, name):
            codes = memoryview(data).cast("i")
            return [None if c < 0 else uniques[0][c] for c in codes]
        raise KeyError(name)

    def to_records(self) -> list[dict[str, Any]]:
        """Flat dicts (one per posting, keyed by query field names) that
        ``pandas.DataFrame(...)`` takes as they are."""
        return self._collection.to_records(self._query, *self._params, today=self._today)

    def to_dataframe(self) -> Any:
        """The selected postings as a pandas DataFrame, built column-wise from
        the core's columns; see Collection.to_dataframe for the dtypes."""
        from ._frames import postings_frame
        return postings_frame(self._collection._core._columns(self._rows))

    def _posting(self, i: int) -> Posting:
        return self._collection._core._posting(memoryview(self._rows).cast("I")[i])

    @overload
    def __getitem__(self, i: int) -> Posting: ...
    @overload
    def __getitem__(self, i: slice) -> list[Posting]: ...
    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return [self._posting(k) for k in range(*i.indices(len(self)))]
        if not isinstance(i, int):
            raise TypeError(f"Result index must be int or slice, not {type(i).__name__}")
        n = len(self)
        if not -n <= i < n:
            raise IndexError(f"Result index {i} out of range (0..{n - 1})" if n else
                             "Result index out of range (the result is empty)")
        return self._posting(i % n)

    def __len__(self) -> int:
        return len(self._rows) // 4

    def __iter__(self) -> Iterator[Posting]:
        return (self._posting(k) for k in range(len(self)))

    def __repr__(self) -> str:
        return f"<natopost.Result {self._query!r}: {_count(len(self), 'posting')}>"

    def __eq__(self, other: object) -> bool:
        """Equal when the same postings (equal collections) are selected in the
        same order with the same groups."""
        if not isinstance(other, Result):
            return NotImplemented
        return (self._rows == other._rows and self.count_by == other.count_by and
                self.groups == other.groups and
                (self._collection is other._collection or self._collection == other._collection))

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_result, (self._collection, self._query, bytes(self._rows), self.count_by,
                                  self.groups, self._params, self._today))


def _rebuild_result(collection: "Collection", query: str, rows: bytes, count_by: str | None,
                    groups: list[tuple[Any, int]], params: tuple[QueryParam, ...] = (),
                    today: datetime.date | str | None = None) -> Result:
    """A Result as pickled: the rows it held, not a re-run of the query."""
    self = Result.__new__(Result)
    self._params = params
    self._today = today
    self._rows = bytearray(rows)
    self.count_by = count_by
    self.groups = groups
    self._collection = collection
    self._query = query
    return self


def _rebuild_collection(postings_json: str, candidates: dict[str, str]) -> "Collection":
    collection = Collection(postings=loads(postings_json))
    for name, profile in candidates.items():
        collection.add_candidate(name, profile)
    return collection


class SkippedFile(NamedTuple):
    """A file a collection did not load (``Collection.skipped``): a bad file
    under ``on_error="skip"`` (with the core's message, and its line and
    column when the problem has a place, else 0), or a file already loaded
    (``repeated``: its postings are not added twice; message says so)."""

    path: str
    line: int
    column: int
    message: str
    repeated: bool


class Collection:
    """Postings held compactly by the core, queried with natopost's query
    language (see the README, "Query language").

    >>> c = natopost.Collection(["examples/postings"])
    >>> [p.title for p in c.query("grade >= G15 and lang.second >= III order by deadline")]
    [...]
    >>> c.query("count by division").groups
    [('Operations Division', 2), ...]
    >>> import pandas as pd; pd.DataFrame(c.to_records())

    ``paths``: notice files, folders of notices, or posting JSON files
    (told apart by content); ``postings``: Posting objects (copied in).
    ``on_error``: ``"raise"`` (the default) stops at the first file that
    cannot be read (natopost.Error, a ValueError, or OSError) and adds none
    of the paths; ``"skip"`` loads every good file and lists each bad one in
    ``skipped`` (path, line, column, message), as ``add()`` does later.

    >>> c = natopost.Collection(["saved_notices/"], on_error="skip")
    >>> [(s.path, s.line, s.message) for s in c.skipped if not s.repeated]
    [('saved_notices/empty.txt', 1, '...: the notice is empty')]
    >>> u = c.unique()          # one posting per vacancy, copies folded
    >>> u.sources(0)            # the files each copy came from
    ['saved_notices/a.txt', 'saved_notices/a_from_jobboard.txt']
    """

    __slots__ = ("_core", "_candidates")

    def __init__(self, paths: Iterable[PathLike] | PathLike = (), *,
                 postings: Iterable[Posting] = (),
                 on_error: Literal["raise", "skip"] = "raise") -> None:
        self._core = _Collection()
        self._candidates: dict[str, str] = {}  # name -> profile JSON, for pickling
        self._core._set_on_error(on_error)
        if isinstance(paths, (str, bytes, os.PathLike)):
            paths = [paths]
        elif not isinstance(paths, Iterable):
            raise TypeError(f"Collection() argument 'paths' must be a path or an iterable of paths, "
                            f"not {type(paths).__name__}")
        if not isinstance(postings, Iterable) or isinstance(postings, (str, bytes, Posting)):
            raise TypeError(f"Collection() argument 'postings' must be an iterable of natopost.Posting, "
                            f"not {type(postings).__name__}")
        for path in paths:
            if not isinstance(path, (str, bytes, os.PathLike)):
                raise TypeError(f"Collection() argument 'paths' must hold paths (str, bytes or "
                                f"os.PathLike), not {type(path).__name__}")
            self._core.add(path)
        for posting in postings:
            if not isinstance(posting, Posting):
                raise TypeError(f"Collection(): postings must be natopost.Posting objects, "
                                f"not {type(posting).__name__}")
            self._core.add(posting)

    def add(self, item: PathLike | Posting) -> None:
        """Adds a notice file, a folder, a posting JSON file or a Posting,
        under the collection's ``on_error`` policy."""
        self._core.add(item)

    @property
    def skipped(self) -> list[SkippedFile]:
        """The files not loaded so far, in the order met: bad files (under
        ``on_error="skip"``) and files already loaded (``repeated``)."""
        return [SkippedFile(*entry) for entry in self._core._skipped()]

    def unique(self) -> "Collection":
        """A new collection with one posting per identity (requisition number
        with its body, else the fingerprint of the notice's text; README
        "Duplicates"): of the copies, the one stating the most fields is
        kept, and ``sources(i)`` lists the files of every copy. Candidates
        are carried over; ``skipped`` stays on this collection."""
        folded = Collection.__new__(Collection)
        folded._core = self._core._unique()
        folded._candidates = dict(self._candidates)
        return folded

    def sources(self, row: int) -> list[str]:
        """The sources of posting ``row`` (collection order, as
        ``Result.rows``): every copy's file after ``unique()``, else the
        posting's own source (an empty list when it has none)."""
        if not isinstance(row, int) or isinstance(row, bool):
            raise TypeError(f"sources(): row must be an int, not {type(row).__name__}")
        return self._core._sources(row)

    def add_candidate(self, name: str, candidate: Candidate | Mapping[str, Any] | str) -> None:
        """Registers a candidate so that queries can say ``eligible(NAME)``."""
        if not isinstance(name, str):
            raise TypeError(f"add_candidate(): name must be a str, not {type(name).__name__}")
        profile = _candidate_json(candidate, "add_candidate")
        self._core._add_candidate(name, profile)
        self._candidates[name] = profile

    def query(self, query: str = "", *params: QueryParam,
              today: datetime.date | str | None = None) -> Result:
        """Runs a query; raises ValueError (natopost.Error) with the position
        and a caret for syntax and type errors.

        Each ``?`` of the query takes the next of `params`, checked by the
        core against the field it is compared with (a mismatch or a count
        that differs from the ``?``s is a ValueError with the position);
        ``today`` in the query is the local date, or `today` when given:

        >>> c.query("deadline > ? and grade >= ?", datetime.date.today(), "G15")
        >>> c.query("deadline >= today", today=datetime.date(2025, 11, 1))
        """
        if not isinstance(query, str):
            raise TypeError(f"query(): query must be a str, not {type(query).__name__}")
        return Result(self, query, params, today)

    def count_by(self, field: str, where: str = "", *params: QueryParam,
                 today: datetime.date | str | None = None) -> dict[Any, int]:
        """``{value: count}`` of `field` over the postings `where` selects
        (with `params` for its ``?``s and `today`, as :meth:`query`); the core
        counts, no posting is created."""
        if not isinstance(field, str) or not isinstance(where, str):
            raise TypeError("count_by(): field and where must be str")
        return dict(self.query(f"{where} count by {field}", *params, today=today).groups)

    def to_records(self, query: str | None = None, *params: QueryParam,
                   today: datetime.date | str | None = None) -> list[dict[str, Any]]:
        """One flat dict per posting (all, or those `query` selects, in its
        order, with `params` and `today` as :meth:`query`) keyed by the
        query field names: str/None, datetime.date, float, bool; grades
        "G15", levels "III", clearances "NATO SECRET"."""
        if query is not None and not isinstance(query, str):
            raise TypeError(f"to_records(): query must be a str or None, not {type(query).__name__}")
        return self._core._records(query, params, today)

    def to_ical(self, dtstamp: int | datetime.datetime | None = None) -> str:
        """The application deadlines as an iCalendar (RFC 5545) text: one
        VEVENT per posting that states a deadline, all-day or at the stated
        time as a floating local time (no time zone, as the notices state it);
        UIDs from the posting's id. ``dtstamp``: the DTSTAMP (Unix seconds or
        a datetime; default now)."""
        from ._roster import postings_ical
        return postings_ical(self.query(""), dtstamp)

    def to_dataframe(self, query: str | None = None) -> Any:
        """The postings (all, or those `query` selects, in its order) as a
        pandas DataFrame built column-wise from the core's columns, one column
        per query field: dates datetime64[ns] (NaT unknown); ``grade``,
        ``grade.high`` ordered categoricals over natopost.GRADES,
        ``lang.first``/``lang.second``/``lang.*_at_least`` over
        natopost.LEVELS, ``clearance`` over natopost.CLEARANCES; counts,
        month counts and ``degree`` (0 none, 1 university, 2 post-graduate)
        nullable Int64; ``salary`` and ``experience`` Float64; flags
        nullable boolean; texts object (None unknown).

        ``lang.english_at_least`` and ``lang.french_at_least`` (the query's
        ``lang.english``/``lang.french``) are the level required *at least*
        in that language: for an either/or notice ("V in one; II in the
        other") both read II, the lower level, because the candidate chooses
        which language is which; ``lang.first``/``lang.second`` keep the
        higher and the lower level, and ``lang.form`` the form."""
        if query is not None and not isinstance(query, str):
            raise TypeError(f"to_dataframe(): query must be a str or None, not {type(query).__name__}")
        from ._frames import postings_frame
        if query is None:
            return postings_frame(self._core._columns(None))
        return self.query(query).to_dataframe()

    @property
    def fields(self) -> dict[str, str]:
        """The queryable fields and their value types."""
        return self._core.fields

    @property
    def memory_bytes(self) -> int:
        """Heap bytes the core collection holds."""
        return self._core.memory_bytes

    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[Posting]:
        return iter(self.query(""))

    def __repr__(self) -> str:
        return f"<natopost.Collection of {_count(len(self), 'posting')}>"

    def __eq__(self, other: object) -> bool:
        """Equal postings in the same order, and the same candidates."""
        if not isinstance(other, Collection):
            return NotImplemented
        if len(self) != len(other) or {k: json.loads(v) for k, v in self._candidates.items()} != \
                {k: json.loads(v) for k, v in other._candidates.items()}:
            return False
        return all(self._core._posting(i) == other._core._posting(i) for i in range(len(self)))

    __hash__ = None  # type: ignore[assignment]  # add() changes it

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as the core's posting JSON (lossless) and the candidates'
        profiles; unpickling reads them back through the core."""
        postings = ",".join(self._core._posting(i).to_json() for i in range(len(self)))
        return (_rebuild_collection, (f"[{postings}]", dict(self._candidates)))
