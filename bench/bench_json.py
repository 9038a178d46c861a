"""Posting JSON throughput (run by scripts/bench.sh, never by the tests).

The five seed notices, read once, are repeated until their JSON is at least
50 MB. Printed side by side, best of three runs, in MB of JSON per second:

  - natopost writing its JSON form (Posting.to_json per posting, NDJSON);
  - natopost reading it back into typed postings (natopost.loads), as NDJSON
    and as one JSON array;
  - Python's json module loading the same text into plain dicts (json.loads
    per line for NDJSON, json.loads of the whole array), and json.dumps
    writing those dicts, for reference.

natopost's reader validates every member (types, ranges, dates) and builds
the C records; json.loads only builds dicts. Times are this process's CPU
time (time.process_time: every call here runs on one thread), so that other
work on a shared machine does not move the ratios much; natopost.save's
includes none of its fsync wait. Usage:
    PYTHONPATH=build-release/python /usr/bin/python3 bench/bench_json.py [seeds folder] [MB]
"""
import glob
import json
import os
import sys
import tempfile
import time

import natopost

SEEDS = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("NATOPOST_SEEDS", "../shared/seeds")
TARGET_MB = float(sys.argv[2]) if len(sys.argv) > 2 else 50.0
RUNS = 3


def best(fn):
    """The best CPU time of RUNS calls of fn, and its last result."""
    times, result = [], None
    for _ in range(RUNS):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return min(times), result


def main():
    paths = sorted(glob.glob(os.path.join(SEEDS, "*.txt")))
    if not paths:
        sys.exit(f"bench_json: no seeds in {SEEDS} (pass the folder or set NATOPOST_SEEDS)")
    seeds = [natopost.read_notice_file(p) for p in paths]
    per_round = sum(len(p.to_json().encode("utf-8")) + 1 for p in seeds)
    rounds = max(1, int(TARGET_MB * 1e6 / per_round) + 1)
    postings = seeds * rounds

    t_write, ndjson = best(lambda: "".join(p.to_json() + "\n" for p in postings))
    ndjson_bytes = ndjson.encode("utf-8")
    array = "[" + ",".join(ndjson.splitlines()) + "]"
    mb = len(ndjson_bytes) / 1e6
    mb_array = len(array.encode("utf-8")) / 1e6

    t_read_nd, back = best(lambda: natopost.loads(ndjson_bytes))
    assert len(back) == len(postings) and back[:5] == seeds
    del back
    t_read_arr, back = best(lambda: natopost.loads(array))
    assert len(back) == len(postings)
    del back
    t_json_nd, dicts = best(lambda: [json.loads(line) for line in ndjson.splitlines()])
    t_json_arr, _ = best(lambda: json.loads(array))
    t_dumps, _ = best(lambda: "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts))

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "postings.ndjson")
        t_save, _ = best(lambda: natopost.save(path, postings))
        t_load, back = best(lambda: natopost.load(path))
        assert len(back) == len(postings)
        del back

    print(f"{len(postings)} postings ({len(seeds)} seeds x {rounds}), "
          f"{mb:.1f} MB of NDJSON, {mb_array:.1f} MB as one array; best of {RUNS}, CPU time")
    rows = [
        ("write", "natopost to_json (NDJSON)", mb / t_write, "json.dumps (dicts)", mb / t_dumps),
        ("read NDJSON", "natopost.loads -> Posting", mb / t_read_nd, "json.loads per line -> dict",
         mb / t_json_nd),
        ("read array", "natopost.loads -> Posting", mb_array / t_read_arr, "json.loads -> dict",
         mb_array / t_json_arr),
    ]
    print(f"{'':12} {'natopost':>30} {'MB/s':>8}   {'Python json':>28} {'MB/s':>8}  ratio")
    for what, ours, ours_rate, theirs, theirs_rate in rows:
        print(f"{what:12} {ours:>30} {ours_rate:8.1f}   {theirs:>28} {theirs_rate:8.1f}  "
              f"{ours_rate / theirs_rate:5.2f}x")
    print(f"{'files':12} {'natopost.save (atomic, fsync)':>30} {mb / t_save:8.1f}   "
          f"{'natopost.load':>28} {mb / t_load:8.1f}")


if __name__ == "__main__":
    main()
