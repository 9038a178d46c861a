"""natopost query/eligibility --candidate with a nationality that names no
country (issue 16, item 9): exit 2, one line naming the file and the closest
member states."""
import os
import subprocess

import pytest

CLI = os.environ["NATOPOST_CLI"]
POSTINGS = os.path.join(os.environ["NATOPOST_TEST_DATA"], "query_postings.ndjson")


@pytest.mark.parametrize("command", [["query", "eligible(typo)"], ["eligibility"]])
def test_a_typo_is_a_usage_error_naming_the_closest_states(tmp_path, command):
    profile = tmp_path / "typo.json"
    profile.write_text('{"nationality": "Swden"}', encoding="utf-8")
    proc = subprocess.run([CLI, *command, "--candidate", str(profile), POSTINGS],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stdout == "", proc
    assert proc.stderr.count("\n") == 1 and str(profile) in proc.stderr, proc.stderr
    assert ("nationality: \"Swden\" is not a country's name or ISO 3166 code "
            "(closest NATO member states: Sweden, Spain, Italy)") in proc.stderr


def test_a_real_non_member_is_not_eligible(tmp_path):
    profile = tmp_path / "swiss.json"
    profile.write_text('{"nationality": "Switzerland"}', encoding="utf-8")
    proc = subprocess.run([CLI, "eligibility", "--candidate", str(profile), POSTINGS],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc
    assert "\"Switzerland\" is not a NATO member state" in proc.stdout
