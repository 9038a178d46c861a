"""The natopost command line: output formats, exit codes and messages.

Runs the built executable (NATOPOST_CLI) as a user would. Expected dates are
the spec's worked examples, written here by hand.
"""
import json
import os
import re
import subprocess

import pytest

CLI = os.environ["NATOPOST_CLI"]
DATA = os.environ["NATOPOST_TEST_DATA"]


def run(*args, check_rc=0):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=30)
    assert proc.returncode == check_rc, (proc.returncode, proc.stdout, proc.stderr)
    return proc


def test_table_lists_every_event_of_spec_example_1_with_status():
    out = run("timeline", "--start", "2025-09-01", "--twin-grade", "--on", "2030-08-31").stdout
    rows = dict(re.findall(r"^  (\d{4}-\d\d-\d\d)  \w{3}  (\w+)", out, re.M)[i][::-1]
                for i in range(9))
    assert rows == {
        "entry_on_duty": "2025-09-01", "initial_contract_end": "2028-08-31",
        "renewal_start": "2028-09-01", "conversion_window_open": "2028-09-01",
        "earliest_promotion": "2028-09-01", "conversion_window_close": "2030-08-31",
        "renewal_end": "2031-08-31", "contract_end": "2031-08-31",
        "max_service_end": "2031-08-31",
    }
    assert "phase renewal, 365 days to the contract end, conversion window open, " \
           "60 months served, promotion possible" in out


def test_table_is_chronological_and_shows_weekdays():
    out = run("timeline", "--start", "2024-02-29", "--kind", "seconded", "--twin-grade",
              "--reduction-months", "24").stdout
    dates = re.findall(r"^  (\d{4}-\d\d-\d\d)  (\w{3})", out, re.M)
    assert [d for d, _ in dates] == sorted(d for d, _ in dates)
    assert ("2024-02-29", "Thu") in dates and ("2025-03-01", "Sat") in dates
    assert "national authority" in out


def test_json_output_matches_spec_example_2():
    doc = json.loads(run("timeline", "--start", "2024-02-29", "--kind", "seconded",
                         "--twin-grade", "--reduction-months", "24", "--json").stdout)
    assert doc["format"] == "natopost.timeline/1"
    events = {e["code"]: e["date"] for e in doc["events"]}
    assert events == {
        "entry_on_duty": "2024-02-29", "initial_contract_end": "2027-02-28",
        "renewal_start": "2027-03-01", "renewal_end": "2030-02-28",
        "contract_end": "2030-02-28", "max_service_end": "2030-02-28",
        "earliest_promotion": "2025-03-01",
    }
    assert [n["code"] for n in doc["notes"]] == ["seconded_renewal", "no_conversion_seconded"]
    assert doc["appointment"]["reduction_months"] == 24
    assert "status" not in doc


def test_json_status_with_on():
    doc = json.loads(run("timeline", "--start", "2025-09-01", "--twin-grade", "--on",
                         "2030-08-31", "--json").stdout)
    assert doc["status"] == {"on": "2030-08-31", "phase": "renewal",
                             "days_to_contract_end": 365, "conversion_window_open": True,
                             "months_served": 60, "promotion_possible": True}


def test_ics_is_valid_rfc5545_and_stable():
    a = run("timeline", "--start", "2025-09-01", "--twin-grade", "--ics",
            "--dtstamp", "1700000000").stdout
    b = run("timeline", "--start", "2025-09-01", "--twin-grade", "--ics",
            "--dtstamp", "1700000000").stdout
    assert a == b
    raw = subprocess.run([CLI, "timeline", "--start", "2025-09-01", "--ics"],
                         capture_output=True, timeout=30).stdout
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF everywhere
    lines = a.split("\n")
    assert lines[0] == "BEGIN:VCALENDAR" and "END:VCALENDAR" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    assert a.count("BEGIN:VEVENT") == 9
    assert "DTSTAMP:20231114T221320Z" in a
    assert "DTSTART;VALUE=DATE:20310831" in a and "DTEND;VALUE=DATE:20310901" in a
    uids = re.findall(r"^UID:(.+)$", a, re.M)
    assert len(set(uids)) == 9
    other = run("timeline", "--start", "2025-09-02", "--twin-grade", "--ics").stdout
    assert not set(uids) & set(re.findall(r"^UID:(.+)$", other, re.M))


def test_policy_file(tmp_path):
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"renewal_months": 24}))
    doc = json.loads(run("timeline", "--start", "2025-09-01", "--policy", str(policy),
                         "--json").stdout)
    assert doc["appointment"]["renewal_months"] == 24
    assert {e["code"]: e["date"] for e in doc["events"]}["contract_end"] == "2030-08-31"


@pytest.mark.parametrize("args, message", [
    (["--start", "2025-02-30"], "day 30 is out of range for February 2025"),
    (["--start", "2025-09-01", "--kind", "intern"], "kind \"intern\" is not one of"),
    (["--start", "2025-09-01", "--renewal-months", "37"], "renewal_months must be between 0 and 36"),
    (["--start", "2025-09-01", "--renewal-months", "ten"], "--renewal-months expects an integer"),
    (["--start", "2025-09-01", "--renewal-months", "99999999999"], "too large"),
    (["--start", "2025-09-01", "--reduction-months", "6"], "reduction_months applies only to twin-graded"),
    (["--start", "2025-09-01", "--direct-higher", "--twin-grade"],
     "direct_higher applies only to serving staff, not to an external appointment"),
    (["--start", "2025-09-01", "--direct-higher", "--twin-grade", "--kind", "seconded"],
     "direct_higher applies only to serving staff, not to a seconded appointment"),
    (["--start", "2025-09-01", "--on", "2025-9-1"], "--on: date \"2025-9-1\""),
    (["--start", "2025-09-01", "--json", "--ics"], "cannot be combined"),
    (["--start", "2025-09-01", "--frobnicate"], "unknown option \"--frobnicate\""),
    (["--start"], "--start needs a value"),
    (["--kind", "seconded"], "--start YYYY-MM-DD is required"),
    (["--start", "2025-09-01", "extra"], "unexpected argument \"extra\""),
    (["--start", "9998-06-01"], "initial_contract_end: date is out of range"),
])
def test_bad_input_exits_2_with_one_line(args, message):
    proc = run("timeline", *args, check_rc=2)
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("natopost timeline: ")
    assert message in proc.stderr


def test_bad_policy_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"renewal_months": 36, "turnover": true}')
    proc = run("timeline", "--start", "2025-09-01", "--policy", str(bad), check_rc=2)
    assert "unknown policy key \"turnover\"" in proc.stderr and str(bad) in proc.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"renewal_months": 36,,}')
    proc = run("timeline", "--start", "2025-09-01", "--policy", str(broken), check_rc=2)
    assert "line 1" in proc.stderr
    proc = run("timeline", "--start", "2025-09-01", "--policy", str(tmp_path / "missing.json"),
               check_rc=1)
    assert "cannot open" in proc.stderr and "missing.json" in proc.stderr


def test_help_and_unknown_command():
    assert "--start DATE" in run("timeline", "--help").stdout
    assert "timeline" in run("--help").stdout
    assert run("--version").stdout.startswith("natopost ")
    assert "unknown command" in run("frobnicate", check_rc=2).stderr
    run(check_rc=2)


def test_every_shared_case_through_the_cli():
    with open(os.path.join(DATA, "timeline_cases.json")) as f:
        cases = json.load(f)["cases"]
    for case in cases:
        args = ["timeline", "--json"]
        for key, value in case["input"].items():
            flag = "--" + key.replace("_", "-")
            if value is True:
                args.append(flag)
            elif value is not False:
                args += [flag, str(value)]
        doc = json.loads(run(*args).stdout)
        assert {e["code"]: e["date"] for e in doc["events"]} == case["events"], case["name"]
        assert [n["code"] for n in doc["notes"]] == case["notes"], case["name"]
        for status in case["status"]:
            got = json.loads(run(*args, "--on", status["on"]).stdout)["status"]
            assert got == status, case["name"]
