#!/usr/bin/env bash
# Runs every Criterion test binary (meson's suite `c`) of a plain build under
# valgrind's memcheck: invalid reads and writes, uses of uninitialised values,
# bad frees and definite leaks all fail.
#
#   scripts/valgrind.sh [BUILD_DIR]    default: build (set up if missing)
#
# Criterion runs each test in a forked worker, so valgrind follows children
# (--trace-children=yes) and a worker stops at its first error
# (--exit-on-first-error=yes; Criterion reports that test as crashed and
# exits non-zero). A leak is only reported when the worker exits, after
# Criterion has stopped caring about its exit status, so every process writes
# its own log (--log-file=.../%p.vg.log, nothing when clean) and a binary
# fails if any log is not empty. Criterion runs one worker per CPU
# (--jobs N; NP_VALGRIND_JOBS overrides).
#
# Prints one line per binary (result, wall time, CPU time) and ends with
# "N passed, N failed" over the binaries; exit status 0 only if all passed.
# Logs: BUILD_DIR/meson-logs/valgrind/<test>/ (Criterion's output, the
# valgrind logs).
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
esac
dir=${1:-build}
[ $# -le 1 ] || { echo "scripts/valgrind.sh: one build folder at most" >&2; exit 2; }

. scripts/lib/plain-build.sh
np_plain_build "$dir" || exit 1
sanitize=$(meson introspect "$dir" --buildoptions |
  /usr/bin/python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "b_sanitize"))')
if [ "$sanitize" != none ]; then
  echo "scripts/valgrind.sh: $dir is built with -Db_sanitize=$sanitize; valgrind needs a plain build" >&2
  exit 2
fi

# The Criterion tests meson knows, one per line: name, then shell-quoted the
# environment meson gives it (seeds and data folders, UBSAN_OPTIONS) and the
# binary, separated by tabs.
tests=$(meson introspect "$dir" --tests | /usr/bin/python3 -c '
import json, shlex, sys
for t in json.load(sys.stdin):
    if any(s.split(":")[-1] == "c" for s in t["suite"]):
        env = " ".join(shlex.quote(f"{k}={v}") for k, v in sorted(t["env"].items()))
        print(t["name"], env, shlex.quote(t["cmd"][0]), sep="\t")
')
if [ -z "$tests" ]; then
  echo "scripts/valgrind.sh: no tests in suite c of $dir" >&2
  exit 1
fi

logroot="$dir/meson-logs/valgrind"
rm -rf "$logroot"
vg=(valgrind -q --trace-children=yes --exit-on-first-error=yes --error-exitcode=1
    --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite)

jobs=${NP_VALGRIND_JOBS:-$(nproc)}
TIMEFORMAT='%R %U %S'
passed=0 failed=0
total_start=$(date +%s)
while IFS=$'\t' read -r name envq binq; do
  eval "envs=($envq)"   # shlex.quote'd words: safe to eval
  eval "bin=$binq"
  logs="$logroot/$name"
  mkdir -p "$logs"
  rc=0
  # bash's `time` counts the CPU time of every process valgrind runs (the
  # Criterion workers are waited for by the runner).
  { time env "${envs[@]}" "${vg[@]}" --log-file="$logs/%p.vg.log" "$bin" --jobs "$jobs" \
      </dev/null >"$logs/criterion.txt" 2>&1 || rc=$?; } 2>"$logs/time.txt"
  times=$(awk '{printf "%7.1f s wall %7.1f s cpu", $1, $2 + $3}' "$logs/time.txt")
  dirty=$(find "$logs" -name '*.vg.log' -size +0 | sort)
  if [ "$rc" -eq 0 ] && [ -z "$dirty" ]; then
    passed=$((passed + 1))
    printf 'PASS  %-22s %s\n' "$name" "$times"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-22s %s  exit %s, logs in %s\n' "$name" "$times" "$rc" "$logs"
    grep -E '^\[(FAIL|----)\]|Synthesis' "$logs/criterion.txt" | grep -v 'running under valgrind' | head -20 | sed 's/^/      /' || true
    for f in $dirty; do
      head -40 "$f" | sed 's/^/      /'
    done
  fi
done <<<"$tests"
echo "valgrind: $(($(date +%s) - total_start)) s in all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
