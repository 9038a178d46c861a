"""Collection query against pandas, side by side in one run.

Runs bench_query (the C core: 1,000,000 synthetic postings in a collection,
the compound query over its columns), which also writes the queried fields
of every posting as CSV; loads that CSV into a pandas DataFrame (Debian's
pandas) and applies the same filter with boolean indexing. Both sides must
select the same rows. Prints the times, the ratio and the collection's
memory per posting.

    /usr/bin/python3 bench/bench_query.py [BUILD_DIR] [N]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build-release"
N = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
REPEAT = 7


def best_of(fn, repeat=REPEAT):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main():
    exe = os.path.join(BUILD, "bench", "bench_query")
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "postings.csv")
        proc = subprocess.run([exe, "--n", str(N), "--repeat", str(REPEAT), "--csv", csv],
                              capture_output=True, text=True, check=True)
        lines = proc.stdout.strip().split("\n")
        c = json.loads(lines[-1])
        df = pd.read_csv(csv, dtype={"grade": "float64", "lang_second": "float64",
                                     "division": "object"}, parse_dates=["deadline"],
                         keep_default_na=False, na_values={"grade": [""], "lang_second": [""],
                                                           "deadline": [""], "division": [""]})
    # The DataFrame an analyst builds from to_records(): numbers as float
    # (NaN for missing), dates as datetime64[ns] (NaT), text as Python str.
    cut = pd.Timestamp("2025-12-01")

    def mask():
        return ((df["grade"] >= 15) & (df["deadline"] < cut) & (df["lang_second"] >= 3)
                & df["division"].str.contains("operations", case=False, na=False, regex=False))

    t_index, selected = best_of(lambda: df[mask()])
    t_mask, m = best_of(mask)
    rows = np.flatnonzero(m.to_numpy())
    assert len(selected) == c["matches"] == len(rows), (len(selected), c["matches"])
    assert int(rows.sum()) == c["row_sum"], "pandas and natopost select different rows"

    cat = df.copy()
    cat["division"] = cat["division"].astype("category")

    def mask_category():
        ops = [v for v in cat["division"].cat.categories if "operations" in v.lower()]
        return ((cat["grade"] >= 15) & (cat["deadline"] < cut) & (cat["lang_second"] >= 3)
                & cat["division"].isin(ops))

    t_cat, mc = best_of(lambda: cat[mask_category()])
    assert len(mc) == c["matches"]

    q = c["query_s"]
    print(f"postings                      {c['n']:,}")
    print(f"query                         {c['query']}")
    print(f"matches                       {c['matches']:,} (identical rows on both sides)")
    print(f"natopost collection query     {q * 1e3:8.2f} ms   (best of {REPEAT}: compile, evaluate, ordered row list)")
    print(f"pandas df[mask]               {t_index * 1e3:8.2f} ms   -> natopost is {t_index / q:5.1f}x faster (target >= 5x)")
    print(f"pandas mask only              {t_mask * 1e3:8.2f} ms   -> {t_mask / q:5.1f}x")
    print(f"pandas, division categorical  {t_cat * 1e3:8.2f} ms   -> {t_cat / q:5.1f}x (a hand-tuned DataFrame)")
    print(f"collection memory             {c['bytes'] / 1e6:.1f} MB = {c['bytes_per_posting']:.1f} bytes per posting"
          f" (every posting kept whole, re-creatable)")
    print(f"collection build              {c['build_s']:.2f} s (generating and adding {c['n']:,} postings)")
    print(f"ratio {t_index / q:.1f}")


if __name__ == "__main__":
    main()
