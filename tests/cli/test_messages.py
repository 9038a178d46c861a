"""Counts agree with their nouns in the CLI's output (issue 16, item 9:
"1 postings"): one of a thing is singular, any other number plural."""
import os
import subprocess

CLI = os.environ["NATOPOST_CLI"]
EXAMPLES = os.environ["NATOPOST_EXAMPLES"]


def run(*args):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, (args, proc.stderr)
    return proc.stdout


def test_timeline_months_and_days():
    out = run("timeline", "--start", "2025-09-01", "--initial-months", "1", "--renewal-months", "1",
              "--max-months", "2", "--on", "2025-10-30")
    assert "initial 1 month, renewal 1 month, maximum 2 months" in out
    assert "phase renewal, 1 day to the contract end, conversion window closed, 1 month served" in out
    out = run("timeline", "--start", "2025-09-01", "--twin-grade", "--reduction-months", "1", "--on", "2025-09-02")
    assert "initial 36 months, renewal 36 months, maximum 72 months, promotion wait reduced by 1 month" in out
    assert "2189 days to the contract end" in out and ", 0 months served" in out


def test_read_counts():
    out = run("read", os.path.join(EXAMPLES, "ncia-cyber-engineer.txt"))
    assert "2 competencies, 1 accountability; requirements: 6 essential, 2 desirable" in out
    out = run("read", os.path.join(EXAMPLES, "nspa-procurement-officer.txt"))
    assert "0 competencies, 0 accountabilities; requirements: 3 essential, 1 desirable" in out

