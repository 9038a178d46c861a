"""natopost roster and natopost calendar as users run them: help, usage
errors, file errors, the table output. The projections themselves are checked
against Python and the timeline/status oracle in tests/python/test_roster.py."""
import os
import subprocess

CLI = os.environ["NATOPOST_CLI"]
EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
STAFF = os.path.join(EXAMPLES, "roster", "staff.csv")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)


def test_help_lists_the_columns():
    proc = run("roster", "--help")
    assert proc.returncode == 0
    for word in ("--from", "--months", "--by", "--next-after", "under_contract", "promotion_possible"):
        assert word in proc.stdout
    assert run("calendar", "--help").returncode == 0
    assert "roster" in run("--help").stdout and "calendar" in run("--help").stdout


def test_usage_errors_exit_2_with_one_line():
    cases = [
        (["roster"], "a roster FILE.csv is required"),
        (["roster", STAFF, "--months", "3"], "--from YYYY-MM is required"),
        (["roster", STAFF, "--from", "2026-01"], "--months N is required"),
        (["roster", STAFF, "--from", "2026-1", "--months", "3"], "expected YYYY-MM"),
        (["roster", STAFF, "--from", "2026-01", "--months", "-3"], "months must be between 1 and 12000"),
        (["roster", STAFF, "--from", "2026-01", "--months", "3", "--csv", "--json"], "cannot be combined"),
        (["roster", STAFF, "--from", "2026-01", "--months", "3", "--by", "kind"], 'no group column "kind"'),
        (["roster", STAFF, "--next-after", "2026-02-30"], "day 30 is out of range"),
        (["roster", STAFF, "--next-after", "2026-01-01", "--by", "division"], "cannot be combined"),
        (["calendar"], "at least one PATH is required"),
        (["calendar", EXAMPLES, "--dtstamp", "x"], "--dtstamp expects Unix seconds"),
    ]
    for args, message in cases:
        proc = run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stdout == ""
        assert message in proc.stderr, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1


def test_missing_files_exit_1():
    proc = run("roster", "/nonexistent/staff.csv", "--from", "2026-01", "--months", "3")
    assert proc.returncode == 1 and "/nonexistent/staff.csv" in proc.stderr
    assert run("calendar", "/nonexistent/notices").returncode == 1


def test_table_has_the_csv_cells():
    table = run("roster", STAFF, "--from", "2026-07", "--months", "3", "--by", "division")
    csv = run("roster", STAFF, "--from", "2026-07", "--months", "3", "--by", "division", "--csv")
    assert table.returncode == csv.returncode == 0
    header, *rows = table.stdout.splitlines()
    assert header.split() == csv.stdout.splitlines()[0].split(",")
    assert len(rows) == 3 * 4
    # "Defence Investment" holds a space: the table's cells are the CSV's, aligned.
    assert [r.split()[-5:] for r in rows] == [line.split(",")[-5:] for line in csv.stdout.splitlines()[1:]]


def test_calendar_is_crlf_and_folded():
    proc = run("calendar", os.path.join(EXAMPLES, "postings"), "--dtstamp", "0")
    assert proc.returncode == 0
    raw = subprocess.run([CLI, "calendar", os.path.join(EXAMPLES, "postings"), "--dtstamp", "0"],
                         capture_output=True, timeout=60).stdout
    lines = raw.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR" and lines[-1] == b""
    assert all(len(line) <= 75 for line in lines)
    assert raw.count(b"BEGIN:VEVENT") >= 4
