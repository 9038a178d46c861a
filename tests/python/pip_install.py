"""Install test (issue 5, item 1): `pip install` from a clean copy into a fresh
virtual environment, then import natopost from there.

    /usr/bin/python3 tests/python/pip_install.py [SOURCE_ROOT]

1. Copies the project's files to a temporary folder: what git tracks plus
   untracked files that are not ignored (`git ls-files --cached --others
   --exclude-standard`, so a dirty tree is tested as it is), or, without git,
   the tree minus build*/, .venv/, .git/ and caches.
2. Creates `<python> -m venv --system-site-packages` there (meson-python,
   meson and ninja come from Debian's packages) with the interpreter running
   this script (meson runs it with Debian's /usr/bin/python3).
3. `pip install --no-build-isolation --no-index` of the copy: nothing may come
   from the network (PyPI is unreachable here; --no-index makes that explicit).
4. From another folder, in isolated mode (-I: no PYTHONPATH, no cwd on
   sys.path), imports natopost and checks that it is the venv's copy, that it
   computes, that py.typed and the stub are installed next to it, and that
   the installed files (the wheel's RECORD) hold nothing else: no Lua module,
   no C headers, libraries, pkg-config file, CLI or man page.

Prints one line per step; exit status 0 when every check passed.
NATOPOST_KEEP_TMP=1 keeps the temporary folder (its path is printed).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP_DIRS = {".git", ".venv", ".hypothesis", ".pytest_cache", "__pycache__", "dist"}

# Runs inside the venv. argv[1] is the venv folder.
CHECK = r'''
import datetime, importlib.metadata as md, os, re, sys
import natopost
venv = os.path.realpath(sys.argv[1])
pkg = os.path.dirname(os.path.realpath(natopost.__file__))
assert pkg.startswith(venv + os.sep), f"natopost imported from {pkg}, not from the venv {venv}"
ext = os.path.realpath(natopost._natopost.__file__)
assert os.path.dirname(ext) == pkg, ext
end = natopost.timeline("2025-09-01")["contract_end"].date
assert end == datetime.date(2031, 8, 31), end
assert natopost.timeline(datetime.date(2025, 9, 1), twin_grade=True)["earliest_promotion"].date \
    == datetime.date(2028, 9, 1)
assert natopost.Collection is not None and natopost.Candidate is not None
for name in ("py.typed", "_natopost.pyi", "__init__.py", "_collection.py", "_roster.py", "_frames.py"):
    assert os.path.isfile(os.path.join(pkg, name)), f"{name} missing from {pkg}"
assert md.version("natopost") == natopost.__version__, (md.version("natopost"), natopost.__version__)
files = [str(f) for f in md.files("natopost")]
allowed = re.compile(
    r"natopost/(__init__\.py|_collection\.py|_roster\.py|_frames\.py|corpus\.py|_natopost\.pyi|py\.typed|_natopost\.cpython-[^/]+\.so"
    r"|__pycache__/(__init__|_collection|_roster|_frames|corpus)\.cpython-[^/]+\.pyc)$"
    r"|natopost-[^/]+\.dist-info/(METADATA|RECORD|WHEEL|INSTALLER|REQUESTED|direct_url\.json"
    r"|LICENSE[^/]*|licenses/[^/]+)$")
junk = [f for f in files if not allowed.match(f)]
assert not junk, f"unexpected files in the wheel: {junk}"
for needed in ("natopost/__init__.py", "natopost/_natopost.pyi", "natopost/py.typed"):
    assert needed in files, f"{needed} not in RECORD: {files}"
assert any(f.startswith("natopost/_natopost.cpython-") for f in files), files
print(f"imported natopost {natopost.__version__} from {pkg}; {len(files)} installed files, no junk")
'''


def step(message):
    print(f"[pip_install] {message}", flush=True)


def run(args, **kwargs):
    shown = [a if len(str(a)) < 200 else "<script>" for a in args]
    step("$ " + " ".join(str(a) for a in shown))
    t0 = time.monotonic()
    proc = subprocess.run(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, **kwargs)
    if proc.returncode != 0:
        print(proc.stdout, end="")
        raise SystemExit(f"[pip_install] FAILED (exit {proc.returncode}) after "
                         f"{time.monotonic() - t0:.1f} s: {args[0]}")
    return proc.stdout


def source_files(src):
    """Relative paths to copy, from git when it knows the tree, else a walk."""
    try:
        # safe.directory: a checkout owned by another user (CI as root) is fine.
        out = subprocess.run(
            ["git", "-c", "safe.directory=*", "-C", src, "ls-files", "-z", "--cached", "--others",
             "--exclude-standard"],
            stdin=subprocess.DEVNULL, capture_output=True, check=True, timeout=120).stdout
        top = subprocess.run(["git", "-c", "safe.directory=*", "-C", src, "rev-parse",
                              "--show-toplevel"], stdin=subprocess.DEVNULL, capture_output=True,
                             text=True, check=True, timeout=60).stdout.strip()
        if os.path.realpath(top) == os.path.realpath(src):
            names = [n for n in out.decode("utf-8", "surrogateescape").split("\0") if n]
            # A file deleted in the work tree but still in the index is not copied.
            names = [n for n in names if os.path.lexists(os.path.join(src, n))]
            if "pyproject.toml" in names:
                return "git", names
    except (OSError, subprocess.SubprocessError):
        pass
    names = []
    for root, dirs, files in os.walk(src):
        rel = os.path.relpath(root, src)
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")
                         and not (rel == "." and d.startswith("build")))
        names += [os.path.normpath(os.path.join(rel, f)) for f in files
                  if f != ".mesonpy-native-file.ini"]
    return "walk", names


def copy_tree(src, dest):
    how, names = source_files(src)
    for name in names:
        target = os.path.join(dest, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        path = os.path.join(src, name)
        if os.path.islink(path):
            os.symlink(os.readlink(path), target)
        elif os.path.isfile(path):
            shutil.copy2(path, target)
    step(f"copied {len(names)} files ({how}) to {dest}")


def main():
    src = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                          os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    python = sys.executable
    tmp = tempfile.mkdtemp(prefix="natopost-pip-")
    keep = os.environ.get("NATOPOST_KEEP_TMP") == "1"
    t0 = time.monotonic()
    try:
        copy = os.path.join(tmp, "src")
        venv = os.path.join(tmp, "venv")
        elsewhere = os.path.join(tmp, "elsewhere")
        os.makedirs(elsewhere)
        copy_tree(src, copy)

        # A clean environment: nothing from the build tree (PYTHONPATH), no
        # sanitizer preload, no user config that could reach for the network.
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PYTHON", "PIP_", "LD_PRELOAD", "ASAN_", "UBSAN_",
                                    "VIRTUAL_ENV", "MESON"))}
        env.update(PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INDEX="1",
                   PIP_ROOT_USER_ACTION="ignore", PYTHONDONTWRITEBYTECODE="1")
        run([python, "-m", "venv", "--system-site-packages", venv], env=env)
        vpython = os.path.join(venv, "bin", "python")
        out = run([vpython, "-m", "pip", "install", "--no-build-isolation", "--no-index",
                   "--no-deps", copy], cwd=elsewhere, env=env, timeout=280)
        step(out.strip().splitlines()[-1] if out.strip() else "(pip printed nothing)")
        out = run([vpython, "-I", "-c", CHECK, venv], cwd=elsewhere, env=env, timeout=60)
        step(out.strip())
        step(f"OK in {time.monotonic() - t0:.1f} s")
    finally:
        if keep:
            step(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
