#!/usr/bin/env bash
# Installs the Debian 12 packages natopost needs to build, test, benchmark, fuzz and lint.
# Idempotent and non-interactive: packages already present are left alone, so a
# second run only costs the `dpkg-query` check. Needs root (or sudo) to install.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc clang
  # the public headers are also compiled as C++ (tests/boundary)
  g++
  # core dependency
  libjansson-dev
  # Lua 5.4 host and the Python (Debian's /usr/bin/python3) host
  lua5.4 liblua5.4-dev python3 python3-dev python3-venv python3-pip python3-mesonpy
  # tests: Criterion, busted, pytest, hypothesis, pandas/numpy, notebook runner, JSON Schema
  libcriterion-dev lua-busted python3-pytest python3-hypothesis python3-numpy
  python3-pandas python3-matplotlib python3-nbclient python3-nbformat python3-ipykernel
  python3-jsonschema
  # the type stubs checked against a typed example (mypy); the notebook run headless (jupyter-nbconvert)
  mypy jupyter-nbconvert
  # an independent iCalendar parser for the deadline calendar tests
  python3-icalendar
  # scale-out recipe and its test (README "Scaling out on Dask")
  python3-dask python3-distributed
  # sanitizers, fuzzing and memory checks (scripts/valgrind.sh)
  libclang-rt-14-dev valgrind
  # static analysis (scripts/lint.sh)
  cppcheck clang-tidy
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
