"""natopost's frame functions on an N-row staff frame (issue 16), side by side
with a base build when one is given, alternating base and new runs in fresh
processes; CPU time (time.process_time), best of 3 per process.

For each build: natopost.timelines (9 event columns), natopost.status,
natopost.batch of one event over a Series. For the new build also the core's
own share (np_roster_events writing day numbers into a preallocated block)
and two floors that no implementation of timelines can beat on this machine:
numpy writing a fresh (9, N) int64 block (np.full: page faults plus one write
of 72 MB at N = 1M), and filling an already allocated one (memory bandwidth
alone). Against them, pandas' vectorised DateOffset arithmetic that computes
only the contract end (issue 16's baseline).

    /usr/bin/python3 bench/bench_frames.py BUILD [N] [--base BASE_BUILD] [--rounds R]
"""
import argparse
import json
import os
import subprocess
import sys
import time


def best_cpu(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def worker(build, n):
    sys.path.insert(0, os.path.join(build, "python"))
    import numpy as np
    import pandas as pd

    import natopost

    rng = np.random.default_rng(16)
    starts = (np.datetime64("2000-01-01") + rng.integers(0, 12000, n)).astype("datetime64[ns]")
    staff = pd.DataFrame({"start": starts, "twin_grade": rng.integers(0, 2, n).astype(bool),
                          "kind": np.array(natopost.KINDS, dtype=object)[rng.integers(0, 2, n)]})
    events = len(natopost.EVENT_CODES)
    out = {
        "timelines": best_cpu(lambda: natopost.timelines(staff)),
        "status": best_cpu(lambda: natopost.status(staff, "2026-01-01")),
        "batch": best_cpu(lambda: natopost.batch(staff["start"], "contract_end")),
        "dateoffset": best_cpu(lambda: staff["start"] + pd.DateOffset(months=72) - pd.Timedelta(days=1)),
        "floor_new_block": best_cpu(lambda: np.full((events, n), 1, dtype="i8")),
    }
    block = np.empty((events, n), dtype="i8")
    block.fill(0)
    out["floor_fill"] = best_cpu(lambda: block.fill(1))
    try:  # the core's own share: only builds whose _roster_events writes into a given block
        from natopost import _frames, _natopost
        columns = _frames._present_columns(staff, "timelines")[0]
        out["core_events"] = best_cpu(lambda: _natopost._roster_events(columns, None, block, False))
    except TypeError:
        out["core_events"] = None
    print(json.dumps(out))


def run(build, n):
    proc = subprocess.run([sys.executable, __file__, "--worker", build, str(n)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("build")
    parser.add_argument("n", nargs="?", type=int, default=1_000_000)
    parser.add_argument("--base")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--worker", action="store_true")
    args = parser.parse_args()
    if args.worker:
        return worker(args.build, args.n)
    builds = ([("base", args.base)] if args.base else []) + [("new", args.build)]
    best = {}
    for _ in range(args.rounds):
        for name, build in builds:
            got = run(build, args.n)
            for key, value in got.items():
                if value is not None:
                    best[(name, key)] = min(best.get((name, key), float("inf")), value)
    ms = lambda name, key: best[(name, key)] * 1e3  # noqa: E731
    n = args.n
    print(f"N = {n} rows, CPU time, best of {args.rounds} processes x 3 runs")
    for key, what in (("timelines", "timelines (9 event columns)"), ("status", "status (5 columns)"),
                      ("batch", "batch contract_end over a Series")):
        line = f"{what:<36} new {ms('new', key):8.1f} ms"
        if args.base:
            line += f"   base {ms('base', key):8.1f} ms   base/new {best[('base', key)] / best[('new', key)]:5.2f}x"
        print(line)
    core = best.get(("new", "core_events"))
    if core is not None:
        print(f"{'  of which np_roster_events (core)':<36}     {core * 1e3:8.1f} ms   "
              f"Python side {ms('new', 'timelines') - core * 1e3:6.1f} ms "
              f"(input columns, ns conversion, frame)")
    offset = best[("new", "dateoffset")]
    print(f"{'DateOffset contract_end (pandas)':<36}     {offset * 1e3:8.1f} ms   "
          f"timelines is {offset / best[('new', 'timelines')]:5.2f}x of it, "
          f"batch {offset / best[('new', 'batch')]:5.2f}x (goal 50x for timelines)")
    for key, what in (("floor_new_block", "floor: np.full((9, N)) new block"),
                      ("floor_fill", "floor: fill an allocated (9, N)")):
        t = best[("new", key)]
        print(f"{what:<36}     {t * 1e3:8.1f} ms   {9 * n * 8 / t / 1e9:5.1f} GB/s written, "
              f"{offset / t:5.1f}x DateOffset")
    print(f"50x DateOffset means {offset / 50 * 1e3:.1f} ms for {9 * n} dates: writing them alone at "
          f"{9 * n * 8 / (offset / 50) / 1e9:.0f} GB/s, {best[('new', 'floor_fill')] / (offset / 50):.1f}x "
          f"this machine's fill rate; the bound on timelines is the new-block floor plus the core")


if __name__ == "__main__":
    main()
