#!/usr/bin/env bash
# Quick start, command 1: install what is missing (Debian 12), build, and run
# the main job on the bundled examples: a timeline table for each example
# appointment in examples/appointments/.
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
