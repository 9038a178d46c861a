#!/usr/bin/env bash
# The C date and roster benchmarks of this tree against an earlier commit's
# core, alternating in one run (the shared machine is noisy: compare the two
# columns of the same round, CPU time first). The same benchmark sources
# (bench_timeline.c, bench_roster.c) are built against both cores, so lines a
# newer benchmark added are measured on the old core too.
#   bash bench/side_by_side.sh REV [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rev="$(git rev-parse --short "${1:?usage: bench/side_by_side.sh REV [ROUNDS]}")"
rounds="${2:-3}"
base="${TMPDIR:-/tmp}/natopost-base-$rev"
if [ ! -f "$base/build-release/core/libnatopost.a" ]; then
  rm -rf "$base" && mkdir -p "$base"
  git archive "$rev" | tar -x -C "$base"
  (cd "$base" && meson setup build-release -Dbuildtype=release -Dtests=false >/dev/null &&
     meson compile -C build-release core/libnatopost.a >/dev/null)
fi
if [ -f build-release/build.ninja ]; then meson setup --reconfigure build-release -Dbuildtype=release -Dtests=false >/dev/null
else meson setup build-release -Dbuildtype=release -Dtests=false >/dev/null; fi
meson compile -C build-release >/dev/null
for b in timeline roster; do
  cc -O2 -std=c11 -I"$base/core/include" -Ibench "bench/bench_$b.c" "$base/build-release/core/libnatopost.a" \
     $(pkg-config --libs jansson) -lm -o "$base/bench_$b"
done
for round in $(seq "$rounds"); do
  for side in "$rev" now; do
    dir="$base"; [ "$side" = now ] && dir=build-release/bench
    "$dir/bench_timeline" 2>/dev/null | sed "s/^/round $round $side: /"
    "$dir/bench_roster" 2>/dev/null | sed "s/^/round $round $side: /"
  done
done
