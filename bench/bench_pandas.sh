#!/usr/bin/env bash
# natopost in pandas (issue 16; scripts/bench.sh runs this with the release
# build's folder): count_by against the C core's own time, to_dataframe
# against DataFrame(to_records()), timelines against a pandas apply and
# DateOffset arithmetic, on 1,000,000 postings and rows (N as $2).
#   bash bench/bench_pandas.sh [BUILD_DIR] [N]
set -euo pipefail
build="${1:-build-release}"
PYTHONPATH="$build/python" /usr/bin/python3 bench/bench_pandas.py "$build" "${2:-1000000}"
