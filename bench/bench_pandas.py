"""natopost in a pandas notebook (issue 16), side by side in one run:

1. count_by on N postings from Python against the C core's own time for the
   same query on the same collection (bench_query --replicate);
2. Collection.to_dataframe() against pd.DataFrame(c.to_records());
3. natopost.timelines on an N-row frame against a pandas apply of
   natopost.timeline, and against pandas DateOffset arithmetic that computes
   only the contract end (natopost.batch of contract_end alongside).

The collection holds the example notices and the seeds, added round robin up
to N (the C side loads the same postings from a JSON file). Times are the
best of a few runs, except the slow pandas baselines (apply, to_records),
timed once.

    /usr/bin/python3 bench/bench_pandas.py [BUILD_DIR] [N]
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

import natopost

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build-release"
N = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.environ.get("NATOPOST_SEEDS", os.path.join(HERE, "..", "..", "shared", "seeds"))


def best_of(fn, repeat=5):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def line(name, ours, theirs, what):
    print(f"{name:<34} natopost {ours * 1e3:10.1f} ms   {what} {theirs * 1e3:10.1f} ms   "
          f"ratio {theirs / ours:6.1f}x")


def collection():
    paths = sorted(glob.glob(os.path.join(HERE, "..", "examples", "postings", "*.txt")) +
                   glob.glob(os.path.join(SEEDS, "*")))
    distinct = [natopost.read_notice_file(p) for p in paths if os.path.isfile(p)]
    c = natopost.Collection()
    t0 = time.perf_counter()
    for i in range(N):
        c.add(distinct[i % len(distinct)])
    print(f"collection of {N} postings ({len(distinct)} distinct, round robin) built in "
          f"{time.perf_counter() - t0:.1f} s, {c.memory_bytes / N:.0f} bytes per posting")
    return c, distinct


def bench_count_by(c, distinct):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "postings.json")
        natopost.save(path, distinct)
        proc = subprocess.run([os.path.join(BUILD, "bench", "bench_query"), "--replicate", path,
                               "--count-by", "division", "--n", str(N), "--repeat", "7"],
                              capture_output=True, text=True, check=True)
    core = json.loads(proc.stdout.strip().split("\n")[-1])
    t_py, groups = best_of(lambda: c.count_by("division"), 7)
    assert len(groups) == core["groups"] and sum(groups.values()) == N
    print(f"{'count_by division':<34} Python {t_py * 1e3:10.1f} ms   C core   {core['count_by_s'] * 1e3:10.1f} ms   "
          f"Python/C {t_py / core['count_by_s']:6.2f}x (goal <= 3x)")


def bench_to_dataframe(c):
    t_ours, frame = best_of(c.to_dataframe, 3)
    t0 = time.perf_counter()
    theirs = pd.DataFrame(c.to_records())
    t_theirs = time.perf_counter() - t0
    assert len(frame) == len(theirs) == N
    line("to_dataframe", t_ours, t_theirs, "DataFrame(to_records())")
    print(f"{'':<34} (goal >= 5x)")


def bench_timelines():
    rng = np.random.default_rng(16)
    starts = (np.datetime64("2000-01-01") + rng.integers(0, 12000, N)).astype("datetime64[ns]")
    staff = pd.DataFrame({"start": starts, "twin_grade": rng.integers(0, 2, N).astype(bool),
                          "kind": np.array(natopost.KINDS, dtype=object)[rng.integers(0, 2, N)]})
    t_ours, frame = best_of(lambda: natopost.timelines(staff), 3)
    t_batch, ends = best_of(lambda: natopost.batch(staff["start"], "contract_end"), 3)
    t0 = time.perf_counter()
    applied = staff.apply(lambda row: natopost.timeline(row["start"], kind=row["kind"],
                                                        twin_grade=bool(row["twin_grade"]))
                          ["contract_end"].date, axis=1)
    t_apply = time.perf_counter() - t0
    assert (pd.to_datetime(applied) == frame["contract_end"]).all()

    def offsets():
        # The default contract: 36 months, renewed 36 more; ends the day before
        # the 72-month anniversary (pandas clamps a missing day where the
        # rules take the 1st of the next month: a leap day differs).
        return staff["start"] + pd.DateOffset(months=72) - pd.Timedelta(days=1)

    t_offset, offset_ends = best_of(offsets, 3)
    differ = int((offset_ends != ends).sum())
    line("timelines (all 9 events)", t_ours, t_apply, "apply(timeline)        ")
    print(f"{'':<34} (goal >= 20x)")
    line("timelines (all 9 events)", t_ours, t_offset, "DateOffset contract_end")
    print(f"{'':<34} (goal >= 50x)")
    line("batch (contract_end only)", t_batch, t_offset, "DateOffset contract_end")
    print(f"{'':<34} ({differ} of {N} DateOffset ends differ from the rules: leap-day starts)")


def main():
    print(f"pandas {pd.__version__}, numpy {np.__version__}, N = {N}")
    c, distinct = collection()
    bench_count_by(c, distinct)
    bench_to_dataframe(c)
    del c
    bench_timelines()


if __name__ == "__main__":
    main()
