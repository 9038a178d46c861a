#!/usr/bin/env bash
# Run by scripts/bench.sh (every bench/bench_*.sh, with the build folder as $1):
# the collection's compound query over 1,000,000 synthetic postings against
# pandas boolean indexing of the same data (bench_query.c + bench_query.py).
set -euo pipefail
/usr/bin/python3 "$(dirname "$0")/bench_query.py" "${1:-build-release}" "${2:-1000000}"
