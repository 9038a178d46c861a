"""A typed use of natopost, checked by `mypy --strict` against the package's
stubs (test_mypy.py): every assert_type must hold, and nothing may be Any
where the stubs promise a type. Also runs as a plain script."""
from __future__ import annotations

import datetime
import pickle
from typing import Any

from typing_extensions import assert_type

import natopost

t = natopost.timeline("2025-09-01", twin_grade=True)
status = t.status(datetime.date(2026, 1, 1))
assert_type(status, "natopost.Status")
phase: str = status["phase"]
assert_type(status["months_served"], int)
assert_type(status["conversion_window_open"], bool)
absent = natopost.timeline("2025-09-01", renewal_months=0).get("renewal_start", default=None)
assert_type(absent, "natopost.Event | None")
end = t.get("contract_end")
if end is not None:
    assert_type(end.date, datetime.date)
assert_type(t == natopost.timeline("2025-09-01"), bool)
assert pickle.loads(pickle.dumps(t)) == t
grades: tuple[str, ...] = natopost.GRADES
levels: tuple[str, ...] = natopost.LEVELS
clearances: tuple[str, ...] = natopost.CLEARANCES


def senior_titles(collection: natopost.Collection) -> list[str]:
    result = collection.query("grade >= G15 order by deadline")
    assert_type(result, natopost.Result)
    assert_type(result.rows, list[int])
    assert_type(collection.count_by("division"), "dict[Any, int]")
    return [p.title or "" for p in result]


def candidate_equal(a: natopost.Candidate, b: natopost.Candidate) -> bool:
    return a == b


if __name__ == "__main__":
    assert phase == "initial" and absent is None and len(grades) == 24
    assert levels[0] == "I" and clearances[-1] == "COSMIC TOP SECRET"
    assert candidate_equal(natopost.Candidate(name="a"), natopost.Candidate(name="a"))
