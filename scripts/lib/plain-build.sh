# Sourced by scripts/lint.sh and scripts/valgrind.sh, which analyse an
# existing build: installs what is missing, sets the build folder up with
# meson's defaults if it is not one yet, and compiles it (printing the
# compiler's output only when compiling fails).
#   np_plain_build DIR
np_plain_build() {
  ./scripts/install-deps.sh
  if [ ! -f "$1/build.ninja" ]; then
    meson setup "$1" >/dev/null
  fi
  local out
  if ! out=$(meson compile -C "$1" 2>&1); then
    printf '%s\n' "$out"
    return 1
  fi
}
