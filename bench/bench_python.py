"""Python-side benchmark, measured side by side in one run.

Many appointments (external, twin-graded, policy defaults: 36 + 36 months):
  * natopost.batch() over a numpy datetime64[D] array viewed as int64, against
    a plain Python loop computing the contract-end date with `datetime`;
  * natopost.timeline() called once per appointment, against a plain Python
    loop computing the whole timeline (every event) with `datetime`, and, for
    the record, against the contract-end-only loop.
Both plain loops follow the spec's conventions (a missing day rolls to the 1st
of the next month; a period ends the day before the anniversary) and their
answers are checked against natopost's.
Prints rates and the ratios against the plain loop.
"""
import calendar
import sys
import time
from datetime import date, timedelta

import numpy as np

import natopost

N_LOOP = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
N_BATCH = 10_000_000


def contract_end_plain(start: date, months: int = 72) -> date:
    total = start.year * 12 + start.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    if start.day <= calendar.monthrange(year, month)[1]:
        anniversary = date(year, month, start.day)
    else:
        anniversary = date(year, month, calendar.monthrange(year, month)[1]) + timedelta(days=1)
    return anniversary - timedelta(days=1)


def anniversary(start: date, months: int) -> date:
    total = start.year * 12 + start.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    if start.day <= last:
        return date(year, month, start.day)
    return date(year, month, last) + timedelta(days=1)


def months_before_clamped(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def timeline_plain(start: date, initial=36, renewal=36, maximum=72, promotion=36) -> dict:
    """The whole timeline (every event of the spec's table) in plain Python."""
    one = timedelta(days=1)
    events = {"entry_on_duty": start,
              "initial_contract_end": anniversary(start, initial) - one}
    if renewal:
        events["renewal_start"] = anniversary(start, initial)
        events["renewal_end"] = anniversary(start, initial + renewal) - one
        close = months_before_clamped(events["renewal_end"], 12)
        if close >= events["renewal_start"]:
            events["conversion_window_open"] = events["renewal_start"]
            events["conversion_window_close"] = close
    events["contract_end"] = anniversary(start, initial + renewal) - one
    events["max_service_end"] = anniversary(start, maximum) - one
    events["earliest_promotion"] = anniversary(start, promotion)
    return events


def best_of(repeats, fn):
    best = float("inf")
    result = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    base = date(1990, 1, 1)
    starts = [base + timedelta(days=i % 20000) for i in range(N_LOOP)]

    t_plain, plain = best_of(3, lambda: [contract_end_plain(s) for s in starts])
    t_full, full = best_of(3, lambda: [timeline_plain(s)["contract_end"] for s in starts])
    t_call, called = best_of(3, lambda: [natopost.timeline(s, twin_grade=True)["contract_end"].date
                                         for s in starts])
    assert called == plain == full, "timeline() disagrees with the plain loop"
    one = natopost.timeline(starts[7], twin_grade=True)
    assert {e.code: e.date for e in one} == timeline_plain(starts[7]), "timelines differ"

    big = (np.datetime64("1990-01-01") + (np.arange(N_BATCH) % 20000)).astype("datetime64[D]")
    days = big.view("i8")
    t_batch, out = best_of(5, lambda: natopost.batch(days, "contract_end", twin_grade=True))
    ends = np.frombuffer(out, dtype="datetime64[D]")
    sample = [ends[i].astype(date) for i in range(0, N_LOOP, 997)]
    assert sample == plain[::997], "batch() disagrees with the plain loop"

    plain_rate = N_LOOP / t_plain
    full_rate = N_LOOP / t_full
    call_rate = N_LOOP / t_call
    batch_rate = N_BATCH / t_batch
    print(f"python plain loop, contract end only     {plain_rate:>14,.0f} dates/s")
    print(f"python plain loop, whole timeline        {full_rate:>14,.0f} timelines/s")
    print(f"natopost.timeline() per call             {call_rate:>14,.0f} timelines/s")
    print(f"natopost.batch() contract end            {batch_rate:>14,.0f} dates/s")
    print(f"ratio batch / plain contract-end loop    {batch_rate / plain_rate:8.1f}x (target >= 100x)")
    print(f"ratio timeline() / plain whole-timeline  {call_rate / full_rate:8.1f}x (target >= 10x)")
    print(f"ratio timeline() / plain contract-end    {call_rate / plain_rate:8.1f}x (stricter: one date vs nine)")


if __name__ == "__main__":
    main()
