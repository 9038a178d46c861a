"""Type stubs for natopost._natopost, the C extension behind the natopost package."""
import datetime
import os
from collections.abc import Iterator
from typing import Any, Literal, TypeVar, overload

from _typeshed import ReadableBuffer, WriteableBuffer
from typing_extensions import Self

__version__: str
EVENT_CODES: tuple[str, ...]
KINDS: tuple[str, ...]

EventCode = Literal[
    "entry_on_duty",
    "initial_contract_end",
    "renewal_start",
    "renewal_end",
    "conversion_window_open",
    "conversion_window_close",
    "contract_end",
    "max_service_end",
    "earliest_promotion",
]
Kind = Literal["external", "seconded", "serving"]
Phase = Literal["not_started", "initial", "renewal", "ended"]
DateLike = datetime.date | str
_T = TypeVar("_T")

class Error(ValueError):
    """A value the natopost core rejects, with the core's message."""

    code: str
    line: int
    column: int
    offset: int

class Event:
    """One dated event of a timeline (immutable; compares by value)."""

    @property
    def code(self) -> str: ...
    @property
    def date(self) -> datetime.date: ...
    @property
    def label(self) -> str: ...
    @property
    def note(self) -> str | None: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Policy:
    """The parameters of NATO's contract rules (immutable; compares by value)."""

    def __new__(
        cls,
        *,
        initial_months: int = 36,
        renewal_months: int = 36,
        max_months: int = 72,
        promotion_months: int = 36,
        max_reduction_months: int = 24,
        conversion_notice_months: int = 12,
        seconded_conversion: bool = False,
    ) -> Self: ...
    @property
    def initial_months(self) -> int: ...
    @property
    def renewal_months(self) -> int: ...
    @property
    def max_months(self) -> int: ...
    @property
    def promotion_months(self) -> int: ...
    @property
    def max_reduction_months(self) -> int: ...
    @property
    def conversion_notice_months(self) -> int: ...
    @property
    def seconded_conversion(self) -> bool: ...
    @classmethod
    def from_json(cls, text: str | bytes, /) -> Self: ...
    @classmethod
    def load(cls, path: str | bytes | os.PathLike[str] | os.PathLike[bytes], /) -> Self: ...
    def save(self, path: str | bytes | os.PathLike[str] | os.PathLike[bytes], /) -> None: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, int | bool]: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...

class Timeline:
    """The contract and promotion timeline of one appointment (immutable)."""

    @property
    def events(self) -> list[Event]: ...
    @property
    def notes(self) -> list[dict[str, str]]: ...
    @property
    def appointment(self) -> dict[str, Any]: ...
    @property
    def policy(self) -> Policy: ...
    @property
    def renewed(self) -> bool: ...
    @property
    def has_conversion_window(self) -> bool: ...
    @property
    def promotion_reachable(self) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Event]: ...
    def __getitem__(self, code: str) -> Event: ...
    def __contains__(self, code: object) -> bool: ...
    @overload
    def get(self, code: str, /) -> Event | None: ...
    @overload
    def get(self, code: str, default: _T, /) -> Event | _T: ...
    def status(self, on: DateLike) -> dict[str, Any]: ...
    def to_dict(self, on: DateLike | None = None) -> dict[str, Any]: ...
    def to_json(self, on: DateLike | None = None) -> str: ...
    def to_ical(self, dtstamp: datetime.datetime | int | None = None) -> str: ...

def timeline(
    start: DateLike,
    *,
    kind: str = "external",
    initial_months: int | None = None,
    renewal_months: int | None = None,
    max_months: int | None = None,
    twin_grade: bool = False,
    reduction_months: int = 0,
    direct_higher: bool = False,
    policy: Policy | None = None,
) -> Timeline: ...
def batch(
    starts: ReadableBuffer,
    event: str = "contract_end",
    *,
    kind: str = "external",
    initial_months: int | None = None,
    renewal_months: int | None = None,
    max_months: int | None = None,
    twin_grade: bool = False,
    reduction_months: int = 0,
    direct_higher: bool = False,
    policy: Policy | None = None,
    out: WriteableBuffer | None = None,
) -> memoryview: ...
