"""The same inputs through the CLI (NATOPOST_CLI) and through Python give the
same JSON, and the same errors."""
import json

import pytest

import natopost
from support import CASES, ERRORS, case_id, cli_args, iso, run_cli, split_input


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_cli_json_equals_to_json_and_to_dict(case):
    start, kwargs = split_input(case["input"])
    t = natopost.timeline(start, **kwargs)
    args = ["timeline", *cli_args(case["input"]), "--json"]
    for on in [None] + [s["on"] for s in case["status"]]:
        proc = run_cli(*args, *(["--on", on] if on else []))
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        doc = json.loads(proc.stdout)
        assert doc == json.loads(t.to_json(on=on))
        assert doc == iso(t.to_dict(on=on))
        assert proc.stdout == t.to_json(on=on) + "\n"  # the same writer, byte for byte


@pytest.mark.parametrize("case", ERRORS, ids=case_id)
def test_cli_rejects_what_python_rejects_with_the_same_message(case):
    start, kwargs = split_input(case["input"])
    with pytest.raises(natopost.Error) as info:
        natopost.timeline(start, **kwargs)
    proc = run_cli("timeline", *cli_args(case["input"]), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("natopost timeline: ") and proc.stderr.count("\n") == 1
    # Python prefixes date errors with the argument name, the CLI with the option.
    core_message = str(info.value).removeprefix("start: ")
    assert core_message in proc.stderr
    for fragment in case["message_contains"]:
        assert fragment in proc.stderr


def test_policy_file_through_both(tmp_path):
    path = tmp_path / "policy.json"
    natopost.Policy(renewal_months=24, conversion_notice_months=6).save(path)
    proc = run_cli("timeline", "--start", "2025-09-01", "--twin-grade", "--policy", str(path),
                   "--on", "2029-03-01", "--json")
    assert proc.returncode == 0, proc.stderr
    t = natopost.timeline("2025-09-01", twin_grade=True, policy=natopost.Policy.load(path))
    assert json.loads(proc.stdout) == iso(t.to_dict(on="2029-03-01"))
    assert t["conversion_window_close"].date.isoformat() == "2030-02-28"


def test_ics_through_both():
    proc = run_cli("timeline", "--start", "2024-02-29", "--kind", "seconded", "--twin-grade",
                   "--reduction-months", "24", "--ics", "--dtstamp", "1700000000")
    assert proc.returncode == 0, proc.stderr
    t = natopost.timeline("2024-02-29", kind="seconded", twin_grade=True, reduction_months=24)
    # The CLI writes text mode: compare with the line ends normalised.
    assert proc.stdout == t.to_ical(dtstamp=1700000000).replace("\r\n", "\n")
