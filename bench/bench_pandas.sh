#!/usr/bin/env bash
# natopost in pandas (issue 16; scripts/bench.sh runs this with the release
# build's folder): count_by against the C core's own time, to_dataframe
# against DataFrame(to_records()), timelines against a pandas apply and
# DateOffset arithmetic, on 1,000,000 postings and rows (N as $2).
# Then bench/bench_frames.py: timelines, status and batch against the floors of
# this machine (and against a base build in \$NATOPOST_BENCH_BASE, side by side).
#   bash bench/bench_pandas.sh [BUILD_DIR] [N]
#   NATOPOST_BENCH_BASE=/tmp/base/build-release bash bench/bench_pandas.sh build-release
set -euo pipefail
build="${1:-build-release}"
PYTHONPATH="$build/python" /usr/bin/python3 bench/bench_pandas.py "$build" "${2:-1000000}"
/usr/bin/python3 bench/bench_frames.py "$build" "${2:-1000000}" ${NATOPOST_BENCH_BASE:+--base "$NATOPOST_BENCH_BASE"}
