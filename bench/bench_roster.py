"""Roster projection from Python against the same projection in pandas,
measured side by side in one run.

1,000,000 appointments (external, policy defaults: 36 + 36 months, 72 at
most; half of them twin-graded), entry-on-duty dates spread over 2014..2028,
projected over 120 months from 2026-01:
  * natopost.project_roster(DataFrame, "2026-01", 120);
  * the same projection in pandas: every event date with DateOffset arithmetic
    (a day the target month lacks rolls to the 1st of the next month, as the
    rules say; pandas clamps it, so the rolled dates get a day added), then
    groupby on the months for the event counts, and the status counts from the
    months each interval starts and stops in (groupby, then a running sum).
The two answers are checked equal. Prints seconds and the ratio.
"""
import sys
import time

import numpy as np
import pandas as pd

import natopost

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
FIRST, MONTHS = "2026-01", 120


def staff(n):
    rng = np.random.default_rng(18)
    starts = np.datetime64("2014-01-01") + rng.integers(0, 5479, n).astype("timedelta64[D]")
    return pd.DataFrame({"start": starts.astype("datetime64[ns]"), "twin_grade": rng.random(n) < 0.5})


def pandas_projection(df):
    """The projection with pandas only (policy defaults, external appointments)."""
    start = df["start"]
    one = pd.Timedelta(days=1)
    first_total = int(FIRST[:4]) * 12 + int(FIRST[5:]) - 1

    def anniversary(months):
        a = start + pd.DateOffset(months=months)
        return a.where(a.dt.day == start.dt.day, a + one)  # a clamped day rolls to the 1st

    def month(d):
        return d.dt.year * 12 + d.dt.month - 1 - first_total

    renewal_start = anniversary(36)
    end = anniversary(72) - one
    close = end - pd.DateOffset(months=12)  # "no later than": clamped, as pandas does
    promotion = renewal_start.where(df["twin_grade"])
    events = {
        "entry_on_duty": start, "initial_contract_end": renewal_start - one,
        "renewal_start": renewal_start, "renewal_end": end,
        "conversion_window_open": renewal_start.where(close >= renewal_start),
        "conversion_window_close": close.where(close >= renewal_start),
        "contract_end": end, "max_service_end": end, "earliest_promotion": promotion,
    }
    out = pd.DataFrame(index=pd.RangeIndex(MONTHS))
    for code, dates in events.items():
        m = month(dates.dropna())
        out[code] = m[(m >= 0) & (m < MONTHS)].groupby(m).size().reindex(out.index, fill_value=0)
    intervals = {
        "under_contract": (start, end), "in_initial": (start, renewal_start - one),
        "in_renewal": (renewal_start, end),
        "window_open": (renewal_start.where(close >= renewal_start), close),
        "promotion_possible": (promotion, end.where(df["twin_grade"])),
    }
    for name, (lo_day, hi_day) in intervals.items():
        keep = lo_day.notna()
        lo = month(lo_day[keep]).clip(0, MONTHS)
        hi = month(hi_day[keep] + one).clip(0, MONTHS)
        lo, hi = lo[lo < hi], hi[lo < hi]
        starts = lo.groupby(lo).size().reindex(range(MONTHS + 1), fill_value=0)
        stops = hi.groupby(hi).size().reindex(range(MONTHS + 1), fill_value=0)
        out[name] = (starts - stops).cumsum().iloc[:MONTHS].to_numpy()
    return out


def best_of(repeats, fn):
    """Best wall-clock and best CPU time (on a shared machine the wall clock
    also counts the time other processes hold the core; both sides here run
    on one thread), and the result."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return best, best_cpu, result


def main():
    df = staff(N)
    t_np, c_np, got = best_of(5, lambda: natopost.project_roster(df, FIRST, MONTHS))
    t_pd, c_pd, want = best_of(2, lambda: pandas_projection(df))
    counts = got.drop(columns="month").reset_index(drop=True)
    assert counts.equals(want[counts.columns].astype(counts.dtypes)), "the projections differ"
    print(f"python_roster_project_{N // 1000}k_120_months_s {t_np:.3f} (cpu {c_np:.3f})")
    print(f"pandas_roster_project_{N // 1000}k_120_months_s {t_pd:.3f} (cpu {c_pd:.3f})")
    print(f"ratio_pandas_over_natopost {t_pd / t_np:.0f}x wall, {c_pd / c_np:.0f}x cpu (target >= 50x)")


if __name__ == "__main__":
    main()
