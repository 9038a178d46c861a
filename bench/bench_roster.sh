#!/usr/bin/env bash
# Roster projections (scripts/bench.sh runs this with the release build's folder):
# the C core on 1,000,000 appointments over 120 months, then the same from
# Python against a pandas implementation (DateOffset + groupby), side by side.
set -euo pipefail
build="${1:-build-release}"
"./$build/bench/bench_roster" 2>/dev/null
PYTHONPATH="$build/python" /usr/bin/python3 bench/bench_roster.py
