"""natopost: NATO civilian contract and promotion timelines.

A thin Python face on the natopost C library: every rule and every date
computation is the core's (see ../shared/spec/contract-rules.md); this package
only re-exports the C extension ``natopost._natopost``.

Example::

    >>> import natopost
    >>> t = natopost.timeline("2025-09-01", kind="external", twin_grade=True)
    >>> t["contract_end"].date
    datetime.date(2031, 8, 31)
    >>> t.status("2030-08-31")["phase"]
    'renewal'
"""
from ._natopost import (
    EVENT_CODES,
    KINDS,
    Error,
    Event,
    Policy,
    Timeline,
    __version__,
    batch,
    timeline,
)

__all__ = [
    "EVENT_CODES",
    "KINDS",
    "Error",
    "Event",
    "Policy",
    "Timeline",
    "__version__",
    "batch",
    "timeline",
]
