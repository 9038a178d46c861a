#!/usr/bin/env bash
# Static analysis of the C code in core/ and bindings/: cppcheck and
# clang-tidy (checks in .clang-tidy), both driven by the build's
# compile_commands.json so that they see the real flags and the project's
# include paths.
#
#   scripts/lint.sh [BUILD_DIR]    default: build (set up if missing)
#
# Prints every finding and one line per tool, and ends with "N passed,
# N failed" over the two tools (as the other steps of .ci/run); exit status 0
# only if both are clean. A finding that is a false positive is silenced where it is,
# with a comment saying why: `// NOLINT(check-name)` for clang-tidy,
# `// cppcheck-suppress id` for cppcheck.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
esac
dir=${1:-build}
[ $# -le 1 ] || { echo "scripts/lint.sh: one build folder at most" >&2; exit 2; }

# compile_commands.json is written by meson setup; the generated headers
# (if any) need a build. A sanitized build's flags are fine for both tools.
. scripts/lib/plain-build.sh
np_plain_build "$dir" || exit 1
db="$dir/compile_commands.json"
root=$(pwd)

# The C files of core/ and bindings/ that the build compiles, each once (a
# file built into two libraries appears twice in the database).
mapfile -t files < <(/usr/bin/python3 - "$db" "$root" <<'PY'
import json, os, sys
db, root = sys.argv[1], sys.argv[2]
seen = []
for e in json.load(open(db)):
    path = os.path.relpath(os.path.normpath(os.path.join(e["directory"], e["file"])), root)
    if path.split(os.sep)[0] in ("core", "bindings") and path not in seen:
        seen.append(path)
print("\n".join(sorted(seen)))
PY
)
if [ ${#files[@]} -eq 0 ]; then
  echo "scripts/lint.sh: no file of core/ or bindings/ in $db" >&2
  exit 1
fi
jobs=$(nproc)
passed=0 failed=0
mkdir -p "$dir/meson-logs"

echo "== cppcheck (${#files[@]} files)"
# The database without the include folders outside the project: cppcheck
# cannot preprocess the Python and Lua headers without the compiler's own
# macros and system headers (pyconfig.h and luaconf.h stop with #error), and
# knows the Python API from its python library file instead. Not lua.cfg: it
# checks lua_pushfstring as printf, which rejects Lua's own %I.
cppdb="$dir/meson-logs/cppcheck_commands.json"
/usr/bin/python3 - "$db" "$root" "$cppdb" <<'PY'
import json, os, shlex, sys
db, root, out = sys.argv[1:]
entries = []
for e in json.load(open(db)):
    args = shlex.split(e["command"]) if "command" in e else e["arguments"]
    keep = [a for a in args if not a.startswith("-I") or
            os.path.normpath(os.path.join(e["directory"], a[2:])).startswith(root + os.sep)]
    entries.append({"directory": e["directory"], "file": e["file"], "command": shlex.join(keep)})
json.dump(entries, open(out, "w"), indent=1)
PY
filters=()
for f in "${files[@]}"; do filters+=("--file-filter=$f"); done
# warning, performance and portability (style is left to review).
# readdirCalled: its advice (readdir_r) is deprecated by glibc itself;
# readdir on a stream that only the caller uses is safe.
if cppcheck --project="$cppdb" "${filters[@]}" --std=c11 --quiet -j "$jobs" \
     --library=posix --library=python \
     --enable=warning,performance,portability --inline-suppr --error-exitcode=1 \
     --suppress=missingIncludeSystem --suppress=unmatchedSuppression --suppress=readdirCalled \
     --template='{file}:{line}:{column}: {severity}: {message} [{id}]'; then
  echo "cppcheck: clean"
  passed=$((passed + 1))
else
  echo "cppcheck: findings above"
  failed=$((failed + 1))
fi

echo "== clang-tidy (${#files[@]} files)"
# -Wno-unknown-warning-option: the database may hold gcc-only warning flags.
out="$dir/meson-logs/clang-tidy.txt"
if printf '%s\n' "${files[@]}" |
     xargs -P "$jobs" -n 4 clang-tidy -p "$dir" --quiet \
       --extra-arg=-Wno-unknown-warning-option >"$out" 2>&1; then
  echo "clang-tidy: clean"
  passed=$((passed + 1))
else
  # Each finding once (a header is seen from every file that includes it),
  # its path relative to the project.
  grep -E '^[^ ].*: (warning|error): ' "$out" |
    sed -e "s|^$root/$dir/\.\./||" -e "s|^$root/||" -e 's|^\.\./||' | sort -u || cat "$out"
  echo "clang-tidy: findings above (with their paths: $out)"
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
