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
# The tests of suite `valgrind_host` are plain programs (tests/lua/oom_host:
# the Lua module under refused allocations) run with their meson arguments;
# valgrind fails them on memory errors and they check leaks themselves
# (client requests after each run), so valgrind's own leak report is off.
#
# Prints one line per binary (result, wall time, CPU time) and ends with
# "N passed, N failed" over the binaries; exit status 0 only if all passed.
# Logs: BUILD_DIR/meson-logs/valgrind/<test>/ (Criterion's output, the
# valgrind logs).
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
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

# The tests to run, one per line: kind (criterion or host), name, then
# shell-quoted the environment meson gives it (seeds and data folders,
# UBSAN_OPTIONS) and the command (a Criterion binary alone; a host with its
# arguments), separated by tabs.
tests=$(meson introspect "$dir" --tests | /usr/bin/python3 -c '
import json, shlex, sys
for t in json.load(sys.stdin):
    suites = {s.split(":")[-1] for s in t["suite"]}
    kind = "host" if "valgrind_host" in suites else "criterion" if "c" in suites else None
    if kind:
        env = " ".join(shlex.quote(f"{k}={v}") for k, v in sorted(t["env"].items()))
        cmd = t["cmd"] if kind == "host" else t["cmd"][:1]
        print(kind, t["name"], env, " ".join(map(shlex.quote, cmd)), sep="\t")
')
if [ -z "$tests" ]; then
  echo "scripts/valgrind.sh: no tests in suites c and valgrind_host of $dir" >&2
  exit 1
fi

logroot="$dir/meson-logs/valgrind"
rm -rf "$logroot"
vg=(valgrind -q --trace-children=yes --exit-on-first-error=yes --error-exitcode=1
    --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite)
vg_host=(valgrind -q --error-exitcode=1 --leak-check=no --errors-for-leak-kinds=none)

jobs=${NP_VALGRIND_JOBS:-$(nproc)}
TIMEFORMAT='%R %U %S'
passed=0 failed=0
total_start=$(date +%s)
while IFS=$'\t' read -r kind name envq cmdq; do
  eval "envs=($envq)"   # shlex.quote'd words: safe to eval
  eval "cmd=($cmdq)"
  logs="$logroot/$name"
  mkdir -p "$logs"
  rc=0
  # bash's `time` counts the CPU time of every process valgrind runs (the
  # Criterion workers are waited for by the runner).
  if [ "$kind" = criterion ]; then
    { time env "${envs[@]}" "${vg[@]}" --log-file="$logs/%p.vg.log" "${cmd[@]}" --jobs "$jobs" \
        </dev/null >"$logs/criterion.txt" 2>&1 || rc=$?; } 2>"$logs/time.txt"
  else
    # Its log holds the leak records of its own checks (the host judged
    # them): only its exit status counts.
    { time env "${envs[@]}" "${vg_host[@]}" --log-file="$logs/host.log" "${cmd[@]}" \
        </dev/null >"$logs/output.txt" 2>&1 || rc=$?; } 2>"$logs/time.txt"
  fi
  times=$(awk '{printf "%7.1f s wall %7.1f s cpu", $1, $2 + $3}' "$logs/time.txt")
  dirty=$(find "$logs" -name '*.vg.log' -size +0 | sort)
  if [ "$rc" -eq 0 ] && [ -z "$dirty" ]; then
    passed=$((passed + 1))
    printf 'PASS  %-22s %s\n' "$name" "$times"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-22s %s  exit %s, logs in %s\n' "$name" "$times" "$rc" "$logs"
    if [ "$kind" = criterion ]; then
      grep -E '^\[(FAIL|----)\]|Synthesis' "$logs/criterion.txt" | grep -v 'running under valgrind' | head -20 | sed 's/^/      /' || true
    else
      tail -20 "$logs/output.txt" | sed 's/^/      /'
    fi
    for f in $dirty; do
      head -40 "$f" | sed 's/^/      /'
    done
  fi
done <<<"$tests"
echo "valgrind: $(($(date +%s) - total_start)) s in all"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
