"""No data lost (issue 6, item 5): a writer killed with SIGKILL in the middle
of natopost.save leaves the previous file whole.

A child process saves two different collections (A, B) to the same path in
a loop; the parent waits until a save is under way (the child holds a new
file in the folder open: on Linux an unnamed O_TMPFILE, issue 14), kills the
child, and checks that the target is byte for byte A or B -- never a mix,
never truncated -- that it loads, and that nothing else is left in the
folder (no temporary file behind the crash)."""
import os
import pathlib
import signal
import subprocess
import sys
import textwrap
import time

import natopost

NOTICE = "Officer, Plans\nNATO Grade G15/G16\nApplication Deadline: 2026-03-31\n"

CHILD = textwrap.dedent("""
    import sys, natopost
    path = sys.argv[1]
    a = [natopost.read_notice(%r + "Requisition %%d" %% i) for i in range(3000)]
    b = a[: len(a) // 2]
    print("ready", flush=True)
    while True:
        natopost.save(path, a)
        natopost.save(path, b)
""") % NOTICE


def writing_into(pid, folder):
    """True while process `pid` holds open a file in `folder` other than the
    target (the save's new file, named or not)."""
    fds = pathlib.Path(f"/proc/{pid}/fd")
    for fd in fds.iterdir() if fds.exists() else ():
        try:
            where = os.readlink(fd)
        except OSError:
            continue
        if where.startswith(str(folder) + "/") and not where.endswith("/postings.ndjson"):
            return True
    return False


def test_killed_writer_leaves_a_whole_file(tmp_path):
    target = tmp_path / "postings.ndjson"
    a = [natopost.read_notice(NOTICE + "Requisition %d" % i) for i in range(3000)]
    b = a[: len(a) // 2]
    natopost.save(target, a)
    version_a = target.read_bytes()
    natopost.save(target, b)
    version_b = target.read_bytes()
    assert version_a != version_b

    caught_mid_write = 0
    for attempt in range(5):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(target)], stdout=subprocess.PIPE,
                                 env=dict(os.environ))
        assert child.stdout.readline().strip() == b"ready"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not writing_into(child.pid, tmp_path):
            pass
        mid_write = writing_into(child.pid, tmp_path)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        caught_mid_write += mid_write
        content = target.read_bytes()
        assert content in (version_a, version_b), f"attempt {attempt}: a partial file ({len(content)} bytes)"
        assert len(natopost.load(target)) in (len(a), len(b))
        left = sorted(p.name for p in tmp_path.iterdir())
        assert left == ["postings.ndjson"], f"attempt {attempt}: a crash left {left}"
    assert caught_mid_write >= 1, "never caught the writer during a save"
