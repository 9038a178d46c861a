#!/usr/bin/env bash
# Runs every test of natopost: the C (Criterion), Lua and Python suites and the
# examples, all registered with `meson test`, in the build folder `build/`.
#
#   scripts/test.sh              the plain build (quick start, command 2)
#   scripts/test.sh --sanitize   also the whole suite again in `build-asan/`,
#                                built with -Db_sanitize=address,undefined (CI)
#
# Installs missing Debian packages first (idempotent). Ends with one line
# "N passed, N failed" over every test run; exit status 0 only if all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYDEVD_DISABLE_FILE_VALIDATION=1

sanitize=false
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=true ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "scripts/test.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

./scripts/install-deps.sh

# meson setup, or reconfigure an existing folder with the same options.
setup() {
  local dir=$1; shift
  if [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    rm -rf "$dir"
    meson setup "$dir" "$@" >/dev/null
  fi
}

logs=()
status=0
run_suite() {
  local dir=$1; shift
  echo "== meson test in $dir"
  meson compile -C "$dir"
  meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" || status=1
  logs+=("$dir/meson-logs/testlog.json")
}

setup build
run_suite build
if $sanitize; then
  # clang's and gcc's ASan both work; gcc is the default compiler here.
  setup build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
  run_suite build-asan --timeout-multiplier 4
fi

# One closing line over every test of every build (meson's own summary is
# per build folder).
/usr/bin/python3 - "${logs[@]}" <<'PY' || status=1
import json, sys
passed = failed = 0
for path in sys.argv[1:]:
    with open(path) as f:
        for line in f:
            result = json.loads(line)["result"]
            passed += result in ("OK", "EXPECTEDFAIL")
            failed += result in ("FAIL", "TIMEOUT", "UNEXPECTEDPASS", "ERROR")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed or not passed else 0)
PY
exit $status
