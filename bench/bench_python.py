"""Python-side benchmark, measured side by side in one run.

Compares, for the contract-end date of many appointments (external,
twin-graded, policy defaults: 36 + 36 months):
  * natopost.batch() over a numpy datetime64[D] array viewed as int64,
  * natopost.timeline() called once per appointment,
  * a plain Python loop doing the same arithmetic with `datetime`
    (the spec's conventions: anniversary rolls a missing day to the 1st of
    the next month, the period ends the day before).
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
    t_call, called = best_of(3, lambda: [natopost.timeline(s, twin_grade=True)["contract_end"].date
                                         for s in starts])
    assert called == plain, "timeline() disagrees with the plain loop"

    big = (np.datetime64("1990-01-01") + (np.arange(N_BATCH) % 20000)).astype("datetime64[D]")
    days = big.view("i8")
    t_batch, out = best_of(5, lambda: natopost.batch(days, "contract_end", twin_grade=True))
    ends = np.frombuffer(out, dtype="datetime64[D]")
    sample = [ends[i].astype(date) for i in range(0, N_LOOP, 997)]
    assert sample == plain[::997], "batch() disagrees with the plain loop"

    plain_rate = N_LOOP / t_plain
    call_rate = N_LOOP / t_call
    batch_rate = N_BATCH / t_batch
    print(f"python_plain_loop_dates_per_s {plain_rate:,.0f}")
    print(f"python_timeline_calls_per_s   {call_rate:,.0f}")
    print(f"python_batch_dates_per_s      {batch_rate:,.0f}")
    print(f"ratio batch / plain loop      {batch_rate / plain_rate:.1f}x (target >= 100x)")
    print(f"ratio timeline() / plain loop {call_rate / plain_rate:.1f}x (target >= 10x)")


if __name__ == "__main__":
    main()
