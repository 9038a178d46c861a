"""Issue 16, item 10: Debian's mypy checks the package's stubs
(python/natopost/*.pyi, py.typed) against a typed example, strictly; and a
wrong call in the same style is reported, so the stubs are really read."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.path.join(os.getcwd(), "mypy-cache")  # the build folder meson runs the tests in


def mypy(*args):
    return subprocess.run(["/usr/bin/mypy", "--strict", "--cache-dir", CACHE, *args],
                          capture_output=True, text=True, env=dict(os.environ), timeout=600)


def test_the_typed_example_passes_mypy_strict():
    proc = mypy(os.path.join(HERE, "typed_example.py"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success" in proc.stdout


def test_mypy_reports_a_wrong_call(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import natopost\n"
                   "t = natopost.timeline(20250901)\n"
                   "n: str = t.status('2026-01-01')['months_served']\n"
                   "natopost.timeline('2025-09-01').get('contract_end', fallback=1)\n")
    proc = mypy(str(bad))
    assert proc.returncode == 1, proc.stdout
    for line in (2, 3, 4):
        assert f"bad.py:{line}: error" in proc.stdout, proc.stdout


def test_the_typed_example_runs():
    subprocess.run([sys.executable, os.path.join(HERE, "typed_example.py")], check=True)
