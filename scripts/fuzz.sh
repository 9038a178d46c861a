#!/usr/bin/env bash
# Runs every libFuzzer harness for SECONDS each (default 60) in `build-fuzz/`
# (clang, ASan + UBSan). Corpora grow in fuzz/corpus-run/<harness> (seeded
# from fuzz/corpus/<harness>); a finding leaves crash-*/leak-*/timeout-* files
# in fuzz/findings/ and makes the script fail.
#   scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
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
export NATOPOST_FUZZ_POSTINGS="$PWD/tests/data/query_postings.ndjson"
status=0
for h in "${harnesses[@]}"; do
  mkdir -p "fuzz/corpus-run/$h"
  log=$(mktemp)
  if ./build-fuzz/fuzz/fuzz_"$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -artifact_prefix=fuzz/findings/ -print_final_stats=1 \
       "fuzz/corpus-run/$h" "fuzz/corpus/$h" >"$log" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
    echo "fuzz $h: ${runs:-?} executions in ${seconds}s, no finding"
  else
    echo "fuzz $h: FINDING (see fuzz/findings/)"; tail -40 "$log"; status=1
  fi
  rm -f "$log"
done
exit $status
