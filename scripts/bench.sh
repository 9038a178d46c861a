#!/usr/bin/env bash
# Benchmarks (not part of the tests): builds an optimised `build-release/` and
# prints, measured in one run on this machine, the C core's rates and the
# Python ratios. Figures vary with the machine; ratios are what to compare.
#
#   scripts/bench.sh            everything
#   scripts/bench.sh crafted    only the crafted-input benchmark (time and peak
#                               memory at 1..16 MB per hostile input kind)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh >/dev/null
if [ -f build-release/build.ninja ]; then meson setup --reconfigure build-release -Dbuildtype=release -Dtests=false >/dev/null
else rm -rf build-release; meson setup build-release -Dbuildtype=release -Dtests=false >/dev/null; fi
meson compile -C build-release >/dev/null
crafted() {
  echo "== crafted inputs (reader, query parser, posting JSON reader; growth 16 MB / 1 MB: 16x is linear, 256x quadratic)"
  ./build-release/bench/bench_crafted 16
}
if [ "${1:-}" = crafted ]; then crafted; exit 0; fi
[ $# -eq 0 ] || { echo "scripts/bench.sh: unknown argument \"$1\" (crafted, or nothing)" >&2; exit 2; }
echo "== C core (one core)"
./build-release/bench/bench_timeline 2>/dev/null
echo "== notice reader (C core, the seeds read again and again up to 50 MB)"
./build-release/bench/bench_read "${NATOPOST_SEEDS:-../shared/seeds}"
echo "== Python (Debian /usr/bin/python3)"
PYTHONPATH=build-release/python /usr/bin/python3 bench/bench_python.py
echo "== posting JSON (Python; natopost against the json module on the same text, 50 MB)"
PYTHONPATH=build-release/python /usr/bin/python3 bench/bench_json.py "${NATOPOST_SEEDS:-../shared/seeds}"
echo "== results through the emitter (Python; against JSON text + json.loads)"
PYTHONPATH=build-release/python /usr/bin/python3 bench/bench_emit.py
for extra in bench/bench_*.sh; do
  [ -e "$extra" ] || continue
  echo "== $(basename "$extra" .sh)"
  bash "$extra" build-release
done
crafted
