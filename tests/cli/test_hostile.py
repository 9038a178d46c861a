"""The command line under hostile use (issue 14): output that cannot be
written is an error for every command (--help included); every option is
given at most once (a repeated value used to replace the first silently,
while `--json --json` was already an error); --list-fields takes no other
arguments; a file name with a newline or other control characters stays on
its line."""
import os
import shutil
import subprocess

import pytest

CLI = os.environ["NATOPOST_CLI"]
EXAMPLES = os.environ["NATOPOST_EXAMPLES"]
NOTICE = os.path.join(EXAMPLES, "is-twin-grade-analyst.txt")
DATA = os.environ["NATOPOST_TEST_DATA"]


def run(*args, stdout=subprocess.PIPE, cwd=None):
    return subprocess.run([CLI, *args], stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60,
                          cwd=cwd)


@pytest.fixture(scope="module")
def candidate(tmp_path_factory):
    path = tmp_path_factory.mktemp("cand") / "alice.json"
    path.write_text('{"name": "alice", "degree": "university", "experience_years": 4, '
                    '"languages": {"english": "V", "french": "II"}}')
    return str(path)


COMMANDS = {
    "--help": ["--help"],
    "--version": ["--version"],
    "timeline --help": ["timeline", "--help"],
    "timeline": ["timeline", "--start", "2025-09-01"],
    "timeline --json": ["timeline", "--start", "2025-09-01", "--json"],
    "timeline --ics": ["timeline", "--start", "2025-09-01", "--ics"],
    "read": ["read", NOTICE],
    "read --json": ["read", "--json", NOTICE],
    "read --help": ["read", "--help"],
    "query": ["query", "grade >= G1", EXAMPLES],
    "query --json": ["query", "--json", "grade >= G1", EXAMPLES],
    "query --list-fields": ["query", "--list-fields"],
    "eligibility --help": ["eligibility", "--help"],
}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_full_disk_is_an_error(name):
    with open("/dev/full", "w") as full:
        proc = run(*COMMANDS[name], stdout=full)
    assert proc.returncode == 1, f"{name} > /dev/full exited {proc.returncode}"
    assert "cannot write the output: No space left on device" in proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", ["timeline", "read", "query", "eligibility", "roster", "calendar"])
def test_a_full_disk_names_the_command(command):
    with open("/dev/full", "w") as full:
        proc = run(command, "--help", stdout=full)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"natopost {command}: cannot write the output"), proc.stderr


def test_eligibility_to_a_full_disk(candidate):
    with open("/dev/full", "w") as full:
        proc = run("eligibility", "--candidate", candidate, EXAMPLES, stdout=full)
    assert proc.returncode == 1
    assert "natopost eligibility: cannot write the output" in proc.stderr


REPEATED = [
    (["timeline", "--start", "2025-09-01", "--start", "2025-10-01"], "--start"),
    (["timeline", "--start", "2025-09-01", "--kind", "seconded", "--kind", "serving"], "--kind"),
    (["timeline", "--start", "2025-09-01", "--on", "2026-01-01", "--on", "2027-01-01"], "--on"),
    (["timeline", "--start", "2025-09-01", "--renewal-months", "12", "--renewal-months", "24"],
     "--renewal-months"),
    (["timeline", "--start", "2025-09-01", "--json", "--json"], "--json"),
    (["timeline", "--start", "2025-09-01", "--twin-grade", "--twin-grade"], "--twin-grade"),
    (["timeline", "--start=2025-09-01", "--dtstamp", "1", "--ics", "--dtstamp=2"], "--dtstamp"),
    (["read", "--json", "--json", NOTICE], "--json"),
    (["read", "--table", "--table", NOTICE], "--table"),
    (["query", "--limit", "1", "--limit", "2", "grade >= G1", EXAMPLES], "--limit"),
    (["query", "--fields", "title", "--fields", "grade", "grade >= G1", EXAMPLES], "--fields"),
    (["query", "--json", "--json", "grade >= G1", EXAMPLES], "--json"),
    (["query", "--list-fields", "--list-fields"], "--list-fields"),
]


@pytest.mark.parametrize("args, option", REPEATED, ids=[" ".join(a[:1] + [o]) for a, o in REPEATED])
def test_an_option_given_twice_is_an_error(args, option):
    proc = run(*args)
    assert proc.returncode == 2, (proc.returncode, proc.stdout)
    assert proc.stdout == ""
    assert f"{option} given twice" in proc.stderr
    assert proc.stderr.count("\n") == 1, proc.stderr


def test_policy_twice_is_an_error(tmp_path):
    policy = tmp_path / "p.json"
    policy.write_text('{"renewal_months": 24}')
    proc = run("timeline", "--start", "2025-09-01", "--policy", str(policy), "--policy", str(policy))
    assert proc.returncode == 2 and "--policy given twice" in proc.stderr


def test_candidate_twice(candidate):
    proc = run("eligibility", "--candidate", candidate, "--candidate", candidate, EXAMPLES)
    assert proc.returncode == 2 and "--candidate given twice" in proc.stderr
    # query registers one candidate per --candidate: repeating it is how to add several
    proc = run("query", "--candidate", candidate, "--candidate", candidate, "eligible(alice)", EXAMPLES)
    assert "--candidate given twice" not in proc.stderr


@pytest.mark.parametrize("extra", [["grade >= G15"], ["grade >= G15", EXAMPLES], [EXAMPLES]])
def test_list_fields_takes_no_other_arguments(extra):
    proc = run("query", "--list-fields", *extra)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert f'--list-fields takes no query or files (got "{extra[0]}")' in proc.stderr


@pytest.mark.parametrize("name, shown", [
    ("new\nline.txt", "new\\nline.txt"),
    ("car\rriage.txt", "car\\rriage.txt"),
    ("tab\tand\x1bescape.txt", "tab\\tand\\x1Bescape.txt"),
    ("back\\slash.txt", "back\\\\slash.txt"),
])
def test_control_characters_in_a_file_name_stay_on_the_line(tmp_path, name, shown):
    shutil.copy(NOTICE, tmp_path / name)
    lines = run("read", name, cwd=tmp_path).stdout.split("\n")
    assert lines[0] == shown
    assert lines[1].startswith("  id "), lines[:3]
    table = run("query", "--fields", "source,grade", "grade >= G1", ".", cwd=tmp_path).stdout.split("\n")
    assert len(table) == 4 and table[1].startswith("./" + shown + " "), table
