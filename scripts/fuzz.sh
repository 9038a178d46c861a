#!/usr/bin/env bash
# Runs every libFuzzer harness (or the ones named) in `build-fuzz/` (clang,
# ASan + UBSan), one after the other: for SECONDS each (default 60), or with
# --runs N until each has executed N inputs (the issue's goal: --runs 10000000).
# Corpora grow in fuzz/corpus-run/<harness> (seeded from fuzz/corpus/<harness>);
# a finding leaves crash-*/leak-*/timeout-* files in fuzz/findings/ and makes
# the script fail. Prints one line per harness: executions, time, finding.
#   scripts/fuzz.sh [SECONDS] [HARNESS...]
#   scripts/fuzz.sh --runs N [HARNESS...]
# ASAN_OPTIONS defaults to a 32 MB quarantine (use-after-free is still caught
# for the last 32 MB freed; the default 256 MB costs about 15% of the notice
# harness's speed in page faults); set ASAN_OPTIONS to override.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=(-max_total_time=60)
if [ "${1:-}" = --runs ]; then
  [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "scripts/fuzz.sh: --runs needs a positive count" >&2; exit 2; }
  limit=(-runs="$2")
  shift 2
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
  limit=(-max_total_time="$1")
  shift
fi
./scripts/install-deps.sh >/dev/null
if [ ! -f build-fuzz/build.ninja ]; then
  rm -rf build-fuzz
  CC=clang meson setup build-fuzz -Dfuzz=true -Dtests=false -Dlua=disabled -Dpython=disabled \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
fi
meson compile -C build-fuzz >/dev/null
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for exe in build-fuzz/fuzz/fuzz_*; do [ -f "$exe" ] && [ -x "$exe" ] && harnesses+=("$(basename "$exe" | sed 's/^fuzz_//')"); done
fi
mkdir -p fuzz/findings
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=32}
export NATOPOST_FUZZ_POSTINGS="$PWD/tests/data/query_postings.ndjson"
status=0
for h in "${harnesses[@]}"; do
  mkdir -p "fuzz/corpus-run/$h"
  log=$(mktemp)
  if ./build-fuzz/fuzz/fuzz_"$h" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix=fuzz/findings/ -print_final_stats=1 \
       "fuzz/corpus-run/$h" "fuzz/corpus/$h" >"$log" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | head -1)
    echo "fuzz $h: ${runs:-?} executions in ${took:-?} s, no finding"
  else
    echo "fuzz $h: FINDING (see fuzz/findings/)"; tail -40 "$log"; status=1
  fi
  rm -f "$log"
done
exit $status
