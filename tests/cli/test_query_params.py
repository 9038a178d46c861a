"""natopost query --param / --today (issue 16, item 8) and the note under the
table (issue 17, item 6), on tests/data/query_postings.ndjson (q01..q08)."""
import json
import os
import subprocess

import pytest

CLI = os.environ["NATOPOST_CLI"]
POSTINGS = os.path.join(os.environ["NATOPOST_TEST_DATA"], "query_postings.ndjson")


def run(*args, rc=0):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == rc, (args, proc.returncode, proc.stdout, proc.stderr)
    return proc


def ids(text, *options):
    out = run("query", text, POSTINGS, "--json", "--fields", "id", *options).stdout
    return [row["id"] for row in json.loads(out)]


def test_each_param_is_read_as_the_literal_of_its_field():
    assert ids("grade >= ? and deadline < ? order by id", "--param", "G15", "--param", "2025-11-20") == \
        ["q01", "q03", "q08"]
    assert ids("clearance = ? and lang.second >= ? order by id", "--param", "NATO SECRET",
               "--param", "III") == ["q01", "q06"]
    assert ids("salary > ? and fast_track = ?", "--param", "5000", "--param", "true") == ["q08"]


def test_a_param_is_a_value_not_query_text():
    # Quotes and query words inside a value stay in the value.
    assert ids("id = ?", "--param", "q01' or id != '") == []
    assert ids("id in [?, ?] order by id", "--param", "q02", "--param", "q07") == ["q02", "q07"]


def test_today_is_fixed_by_the_option():
    assert ids("deadline >= today order by deadline", "--today", "2025-11-30") == ["q06", "q02", "q07"]
    assert ids("deadline < today and grade >= ?", "--today", "2025-11-01", "--param", "G15") == ["q03"]


def test_today_without_the_option_is_the_local_date():
    # Every deadline of the file is before 2026-02; the clock is past it.
    assert ids("deadline >= today") == []
    assert len(ids("deadline < today")) == 7


@pytest.mark.parametrize("args,needle,column", [
    (["grade >= ?"], "placeholder 1 has no value (0 parameters given)", 10),
    (["grade >= ? and deadline > ?", "--param", "G15"], "placeholder 2 has no value (1 parameter given)", 27),
    (["grade >= G15", "--param", "G15"], "1 parameter given, but the query has 0 placeholders ('?')", 13),
    (["grade >= ?", "--param", "G25"], "parameter 1 (\"G25\"): grade is a grade field:", 10),
    (["deadline > ?", "--param", "2025-02-30"], "parameter 1 (\"2025-02-30\"): deadline is a date field:", 12),
])
def test_param_errors_are_positioned(args, needle, column):
    err = run("query", args[0], POSTINGS, *args[1:], rc=2).stderr
    first, shown, caret = err.splitlines()
    assert needle in first and first.endswith(f"at column {column}"), err
    assert shown == "  " + args[0] and caret == "  " + " " * (column - 1) + "^", err


@pytest.mark.parametrize("value,needle", [
    ("2025-13-01", "--today: "), ("tomorrow", "--today: "),
])
def test_bad_today_is_a_usage_error(value, needle):
    err = run("query", "deadline > today", POSTINGS, "--today", value, rc=2).stderr
    assert err.startswith("natopost query: " + needle) and err.count("\n") == 1, err


def test_today_given_twice_is_an_error():
    err = run("query", "", POSTINGS, "--today", "2025-01-01", "--today", "2025-01-02", rc=2).stderr
    assert "--today given twice" in err


def test_help_documents_param_and_today():
    out = run("query", "--help").stdout
    assert "--param VALUE" in out and "--today DATE" in out


# ---- the note under the table (issue 17, item 6) ----------------------------------------------

def last_line(*args):
    return run("query", *args).stdout.splitlines()[-1]


def test_note_says_how_many_are_shown_when_limit_cuts():
    assert last_line("grade >= G15", POSTINGS, "--limit", "2") == \
        "(showing 2 of 6 matching postings; raise --limit to see more)"
    assert last_line("grade >= G20", POSTINGS, "--limit", "0") == \
        "(showing 0 of 2 matching postings; raise --limit to see more)"
    assert last_line("id = q01", POSTINGS, "--limit", "0") == \
        "(showing 0 of 1 matching posting; raise --limit to see more)"


def test_note_without_a_cut_counts_matches_and_postings():
    assert last_line("grade >= G15", POSTINGS, "--limit", "6") == "(6 of 8 postings match)"
    assert last_line("id = q01", POSTINGS) == "(1 of 8 postings matches)"


def test_one_posting_collection_is_singular(tmp_path):
    with open(POSTINGS, encoding="utf-8") as f:
        first = f.readline()
    single = tmp_path / "one.ndjson"
    single.write_text(first, encoding="utf-8")
    assert last_line("", str(single)) == "(1 of 1 posting matches)"
    assert last_line("grade > G24", str(single), "--limit", "3") == "(0 of 1 posting match)"
