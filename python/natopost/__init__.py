r"""natopost: NATO civilian vacancy notices and contract and promotion timelines.

A thin Python face on the natopost C library: every rule, every date
computation and the notice reader are the core's (see
docs/contract-rules.md and docs/posting-json.md); this package only
re-exports the C extension ``natopost._natopost``.

Example::

    >>> import natopost
    >>> t = natopost.timeline("2025-09-01", kind="external", twin_grade=True)
    >>> t["contract_end"].date
    datetime.date(2031, 8, 31)
    >>> t.status("2030-08-31")["phase"]
    'renewal'
    >>> p = natopost.read_notice("Executive Officer\nNATO Grade G20\n"
    ...                          "Application Deadline: 03-Nov-2025, 5:59:00 PM\n")
    >>> p.title, p.grade, p.deadline, p.deadline_time
    ('Executive Officer', 'G20', datetime.date(2025, 11, 3), datetime.time(17, 59))
    >>> natopost.Posting.from_json(p.to_json()) == p
    True
"""
from typing import TYPE_CHECKING

from ._natopost import (
    CLEARANCES,
    EVENT_CODES,
    GRADES,
    KINDS,
    LEVELS,
    PHASES,
    Error,
    Event,
    Policy,
    Posting,
    Timeline,
    __version__,
    load,
    loads,
    read_notice,
    read_notice_file,
    save,
    timeline,
)
from ._collection import Candidate, Collection, Result, SkippedFile, eligibility
from ._roster import next_events, project_roster
from ._frames import batch, status, timelines

if TYPE_CHECKING:  # the stubs' TypedDict of Timeline.status(); no runtime object
    from ._natopost import Status as Status

__all__ = [
    "Candidate",
    "Collection",
    "Result",
    "SkippedFile",
    "eligibility",
    "next_events",
    "project_roster",
    "CLEARANCES",
    "EVENT_CODES",
    "GRADES",
    "KINDS",
    "LEVELS",
    "PHASES",
    "Error",
    "Event",
    "Policy",
    "Posting",
    "Timeline",
    "__version__",
    "batch",
    "load",
    "loads",
    "read_notice",
    "read_notice_file",
    "save",
    "status",
    "timeline",
    "timelines",
]
