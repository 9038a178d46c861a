#!/usr/bin/env bash
# Quick start, command 1: install what is missing (Debian 12), build, and run
# the main job on the bundled examples: a timeline table for each example
# appointment in examples/appointments/, then the example vacancy notices in
# examples/postings/ read into a table and one posting's own timeline.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
if [ -f build/build.ninja ]; then meson setup --reconfigure build >/dev/null; else rm -rf build; meson setup build >/dev/null; fi
meson compile -C build >/dev/null
echo "natopost built: build/cli/natopost, Lua module build/bindings/lua/natopost.so, Python package build/python/natopost"
for args in examples/appointments/*.args; do
  echo
  echo "### $(basename "$args" .args)"
  mapfile -t opts < "$args"
  ./build/cli/natopost timeline "${opts[@]}"
done
echo
echo "### vacancy notices: examples/postings/*.txt read by natopost read --table"
./build/cli/natopost read --table examples/postings/*.txt
echo
echo "### the timeline of one posting (its own contract terms and twin grade), entry on duty 2026-05-01"
./build/cli/natopost timeline --posting examples/postings/is-twin-grade-analyst.txt --start 2026-05-01
