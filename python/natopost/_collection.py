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
from typing import Any, Union, overload

#: A value for a ``?`` of a query: checked by the core against the field it
#: is compared with (str is read as that field's literal: "G15", "III",
#: "NATO SECRET", "2025-12-01").
QueryParam = Union[str, int, float, bool, datetime.date]

from ._natopost import Posting, _candidate_validate, _Collection, _eligibility

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
    "checks": [{"kind", "essential", "requirement", "status", "reason"}, ...],
    "essential_met", "essential_not_met", "essential_cannot_tell",
    "desirable_met", "desirable_count"}``; a check's status is "met",
    "not met", "cannot tell" or "not assessed", with the core's reason.

    >>> natopost.eligibility({"languages": {"english": "V", "french": "I"}}, p)["verdict"]
    'cannot tell'
    """
    return _eligibility(_candidate_json(candidate, "eligibility"), posting)


class Result(Sequence[Posting]):
    """The postings a query selected, in query order (``order by``, else
    collection order). Each Posting is an independent copy: it stays valid
    when the collection is gone. ``groups`` holds ``(value, count)`` pairs
    for ``count by`` queries, sorted by count, then value."""

    __slots__ = ("_postings", "rows", "count_by", "groups", "_collection", "_query", "_params", "_today")

    def __init__(self, collection: "Collection", query: str, params: tuple[QueryParam, ...] = (),
                 today: datetime.date | str | None = None) -> None:
        postings, rows, count_by, groups = collection._core._query(query, params, today)
        self._postings: list[Posting] = postings
        self.rows: list[int] = rows
        self.count_by: str | None = count_by
        self.groups: list[tuple[Any, int]] = groups
        self._collection = collection
        self._query = query
        self._params = params
        self._today = today

    @property
    def ids(self) -> list[str]:
        """The ids of the selected postings, in order."""
        return [p.id for p in self._postings]

    def to_records(self) -> list[dict[str, Any]]:
        """Flat dicts (one per posting, keyed by query field names) that
        ``pandas.DataFrame(...)`` takes as they are."""
        return self._collection.to_records(self._query, *self._params, today=self._today)

    @overload
    def __getitem__(self, i: int) -> Posting: ...
    @overload
    def __getitem__(self, i: slice) -> list[Posting]: ...
    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if not isinstance(i, (int, slice)):
            raise TypeError(f"Result index must be int or slice, not {type(i).__name__}")
        return self._postings[i]

    def __len__(self) -> int:
        return len(self._postings)

    def __iter__(self) -> Iterator[Posting]:
        return iter(self._postings)

    def __repr__(self) -> str:
        return f"<natopost.Result {self._query!r}: {_count(len(self), 'posting')}>"


class Collection:
    """Postings held compactly by the core, queried with natopost's query
    language (see the README, "Query language").

    >>> c = natopost.Collection(["examples/postings"])
    >>> [p.title for p in c.query("grade >= G15 and lang.second >= III order by deadline")]
    [...]
    >>> c.query("count by division").groups
    [('Operations Division', 2), ...]
    >>> import pandas as pd; pd.DataFrame(c.to_records())

    ``paths``: notice files, folders of notices, or .json/.ndjson files of
    postings; ``postings``: Posting objects (copied in).
    """

    __slots__ = ("_core", "_candidates")

    def __init__(self, paths: Iterable[PathLike] | PathLike = (), *,
                 postings: Iterable[Posting] = ()) -> None:
        self._core = _Collection()
        self._candidates: dict[str, Candidate] = {}
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
        """Adds a notice file, a folder, a .json/.ndjson file or a Posting."""
        self._core.add(item)

    def add_candidate(self, name: str, candidate: Candidate | Mapping[str, Any] | str) -> None:
        """Registers a candidate so that queries can say ``eligible(NAME)``."""
        if not isinstance(name, str):
            raise TypeError(f"add_candidate(): name must be a str, not {type(name).__name__}")
        self._core._add_candidate(name, _candidate_json(candidate, "add_candidate"))

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
        (with `params` for its ``?``s and `today`, as :meth:`query`)."""
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
