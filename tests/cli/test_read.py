"""natopost read (and timeline --posting): the five real notices and the example notices
read through the command line, every output format, exit codes and one-line messages.

Expected values are written here by hand from the notices (issue 3). The seeds come from
NATOPOST_SEEDS; under CI=true a missing folder is a failure, otherwise those tests skip.
"""
import glob
import json
import os
import subprocess

import pytest

CLI = os.environ["NATOPOST_CLI"]
SEEDS = os.environ.get("NATOPOST_SEEDS", "")
EXAMPLES = os.environ["NATOPOST_EXAMPLES"]


def run(*args, rc=0):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == rc, (proc.returncode, proc.stdout, proc.stderr)
    if rc:
        assert proc.stdout == ""
        assert proc.stderr.count("\n") == 1, proc.stderr  # one line
    return proc


def seed(prefix):
    if not os.path.isdir(SEEDS):
        if os.environ.get("CI") == "true":
            pytest.fail(f"seeds folder {SEEDS!r} missing (CI=true)")
        pytest.skip(f"seeds folder {SEEDS!r} not found; set NATOPOST_SEEDS")
    found = glob.glob(os.path.join(SEEDS, prefix + "_*.txt"))
    assert len(found) == 1, found
    return found[0]


def example(name):
    return os.path.join(EXAMPLES, name)


def rows(summary):
    """The "  name   value  (line N)" rows of the readable summary."""
    out = {}
    for line in summary.splitlines():
        if line.startswith("  ") and not line.startswith("    "):
            name, _, value = line.strip().partition("  ")
            out[name] = value.strip()
    return out


# ---- the readable summary ---------------------------------------------------------------


def test_summary_of_seed_000():
    r = rows(run("read", seed("000")).stdout)
    assert r["title"] == "Officer, Logistics  (line 3)"
    assert r["location"] == "Brussels  (line 6)"
    assert r["body"] == "International Staff  (line 5)"
    assert r["division"] == "Defence Policy and Planning Division  (line 18)"
    assert r["section"] == "Defence Enablement and Logistics Section  (line 20)"
    assert r["deadline"] == "2025-04-22  (line 9)"
    assert r["grade"] == "-"
    assert r["languages"] == "V / I (either language) (essential, line 48)"
    assert r["experience"] == ">= 2 years (essential, line 34)"
    assert r["contract"].startswith("definite duration 36 months, renewal up to 36 months, "
                                    "maximum 72 months; conversion possible; twin-grade note")
    assert "8 competencies" in r["counts"]


def test_summary_of_seed_002_says_what_is_missing():
    out = run("read", seed("002")).stdout
    r = rows(out)
    assert r["title"] == "-"
    assert r["contract"] == "-"
    assert r["division"] == "Political Affairs and Security Policy Division  (line 5)"
    assert r["directorate"] == "Security Policy Directorate  (line 5)"
    assert r["counts"].endswith("; requirements: 0 essential, 0 desirable")
    assert "warning title: no title" in out
    assert "line 9    info    requirements: the essential qualifications list is empty" in out


def test_summary_of_seed_004():
    r = rows(run("read", seed("004")).stdout)
    assert r["grade"] == "G20  (line 28)"
    # "Salary (Pay Basis)" is the site's label, not a basis the notice states
    assert r["salary"] == "9253.21  (line 26)"
    assert r["deadline"] == "2025-11-03 17:59  (line 24)"
    assert r["clearance"] == "NATO SECRET  (line 30)"
    assert r["fast track"] == "yes  (line 29)"
    assert r["division"] == "Defence Industry, Innovation and Armaments Division  (line 31)"
    assert r["languages"] == "V / III (either language) (essential, line 40)"


def test_several_files_one_block_each():
    out = run("read", seed("001"), seed("003")).stdout
    blocks = out.split("\n\n")
    assert len(blocks) == 2
    assert rows(blocks[0])["title"] == "Staff Officer  (line 1)"
    assert rows(blocks[1])["requisition"] == "251043  (line 4)"


# ---- the table -------------------------------------------------------------------------


def test_table_of_the_examples():
    files = sorted(glob.glob(os.path.join(EXAMPLES, "*.txt")))
    assert len(files) == 4
    lines = run("read", "--table", *files).stdout.splitlines()
    assert lines[0].split() == ["title", "grade", "division", "deadline", "languages", "experience"]
    assert set(lines[1]) <= {"-", " "}
    body = lines[2:]
    assert len(body) == 4
    by_title = {line.split("  ")[0]: line for line in body}
    assert "A2/A3" in by_title["Legal Adviser"] and "VI in both" in by_title["Legal Adviser"]
    twin = by_title["Policy Analyst, Space Policy"]
    assert "G15/G16" in twin and "Defence Investment Division" in twin and "2026-02-09 23:59" in twin
    assert "SLP 3332" in by_title["Senior Engineer, Cyber Defence Operations"]
    assert "English V, French II" in by_title["Procurement Officer, Fuel Logistics"]
    # columns line up: every row has the deadline column at the same offset
    offset = lines[0].index("deadline")
    assert all(row[offset:offset + 4] in ("2026", "-   ") for row in body)


def test_table_of_the_seeds_shows_unknowns_as_dashes():
    lines = run("read", "--table", seed("002"), seed("004")).stdout.splitlines()
    assert lines[2].split()[0] == "-"  # 002: no title
    assert "Executive Officer" in lines[3] and "G20" in lines[3]


# ---- JSON and JSON-LD ---------------------------------------------------------------------


def test_json_of_one_seed():
    doc = json.loads(run("read", "--json", seed("004")).stdout)
    assert doc["format"] == "natopost.posting/1"
    assert doc["grade"]["low"] == 20
    assert doc["salary"]["amount"] == 9253.21 and doc["salary"]["currency"] is None
    assert doc["deadline"] == {"date": "2025-11-03", "time": "17:59"}
    assert doc["clearance"] == "NATO SECRET" and doc["fast_track"] is True
    assert doc["lines"]["deadline"] == 24
    assert len(doc["competencies"]) == 8
    langs = [r for r in doc["requirements"] if r["kind"] == "languages"]
    assert langs[0]["as"]["languages"]["form"] == "either_or"
    assert (langs[0]["as"]["languages"]["one"], langs[0]["as"]["languages"]["other"]) == ("V", "III")


def test_json_of_several_seeds_is_an_array():
    docs = json.loads(run("read", "--json", *(seed(p) for p in ("000", "001", "002", "003", "004"))).stdout)
    assert [d["title"] for d in docs] == ["Officer, Logistics", "Staff Officer", None,
                                          "Junior Officer, Plans", "Executive Officer"]
    assert docs[2]["contract"] is None  # not stated: null, not the defaults
    assert docs[2]["requirements"] == []
    assert docs[3]["id"] == "251043"
    assert docs[0]["contract"]["twin_grade_note"] is True


def test_jsonld():
    doc = json.loads(run("read", "--jsonld", seed("004")).stdout)
    assert doc["@context"] == ["https://schema.org", {"@language": "en"}]
    assert doc["@type"] == "JobPosting"
    assert doc["title"] == "Executive Officer"
    several = json.loads(run("read", "--jsonld", seed("000"), seed("001")).stdout)
    assert [d["title"] for d in several] == ["Officer, Logistics", "Staff Officer"]


def test_json_of_the_examples():
    docs = json.loads(run("read", "--json", *sorted(glob.glob(os.path.join(EXAMPLES, "*.txt")))).stdout)
    act = next(d for d in docs if d["title"] == "Legal Adviser")
    assert act["clearance"] == "COSMIC TOP SECRET" and act["clearance_atomal"] is True
    assert act["contract"]["definite_months"] == 24 and act["contract"]["renewal_months"] == 0
    ncia = next(d for d in docs if d["body"] == "NATO Communications and Information Agency")
    assert ncia["id"] == "NCIA-2026-0042"
    stanag = next(r for r in ncia["requirements"] if r["kind"] == "stanag")
    assert stanag["essential"] is True
    nspa = next(d for d in docs if d["body"] == "NATO Support and Procurement Agency")
    assert nspa["salary"]["amount"] == 5123.45 and nspa["salary"]["currency"] == "EUR"
    assert nspa["salary"]["tax_free"] is True
    assert nspa["contract"]["conversion_possible"] is False


# ---- errors ---------------------------------------------------------------------------------


def test_file_errors_exit_1(tmp_path):
    err = run("read", str(tmp_path / "missing.txt"), rc=1).stderr
    assert err.startswith("natopost read: cannot open ") and "missing.txt" in err


@pytest.mark.parametrize("content, message", [
    (b"", "the notice is empty"),
    (b"  \n\t\n", "the notice is blank"),
    (b"Officer\nab\x00c\n", "line 2, column 3: NUL byte"),
    (b"Officer\n\x81\x28\n", "line 2, column 1: invalid UTF-8"),  # and undefined in Windows-1252
])
def test_input_that_is_not_a_notice_exits_2(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    err = run("read", str(path), rc=2).stderr
    assert err.startswith(f"natopost read: {path}: ") and message in err


def test_a_file_above_the_limit_exits_2(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(16 * 1024 * 1024 + 1)
    assert "more than 16777216 bytes" in run("read", str(path), rc=2).stderr


@pytest.mark.parametrize("args", [[], ["--json", "--table", "x"], ["--bogus", "x"], ["--json", "--jsonld", "x"]])
def test_usage_errors_exit_2(args):
    assert run("read", *args, rc=2).stderr.startswith("natopost read: ")


def test_help():
    assert "usage: natopost read PATH..." in run("read", "--help").stdout
    assert "read " in run("--help").stdout


# ---- timeline --posting -------------------------------------------------------------------------


def test_timeline_of_a_twin_graded_posting():
    out = run("timeline", "--posting", example("is-twin-grade-analyst.txt"), "--start", "2026-05-01").stdout
    assert "twin-graded post" in out
    assert "initial 36 months, renewal 36 months, maximum 72 months" in out
    assert "2029-05-01  Tue  earliest_promotion" in out
    assert "2032-04-30  Fri  contract_end" in out


def test_timeline_of_a_posting_with_its_own_terms():
    doc = json.loads(run("timeline", "--posting", example("act-old-grade-legal-adviser.txt"),
                         "--start", "2026-05-01", "--json").stdout)
    assert doc["appointment"]["initial_months"] == 24
    assert doc["appointment"]["renewal_months"] == 0
    assert doc["appointment"]["twin_grade"] is True  # A2/A3
    assert {e["code"]: e["date"] for e in doc["events"]}["contract_end"] == "2028-04-30"


def test_timeline_of_a_posting_without_contract_terms_is_refused():
    err = run("timeline", "--posting", seed("002"), "--start", "2026-05-01", rc=2).stderr
    assert "the posting states no contract terms" in err


def test_timeline_posting_and_policy_do_not_combine(tmp_path):
    policy = tmp_path / "p.json"
    policy.write_text("{}")
    err = run("timeline", "--policy", str(policy), "--posting", example("is-twin-grade-analyst.txt"),
              "--start", "2026-05-01", rc=2).stderr
    assert "cannot be combined" in err


# ---- the output's shape follows the arguments, not the count (known leftover) -------------

def shape(*args, rc=0):
    proc = subprocess.run([CLI, "read", *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == rc, (proc.returncode, proc.stderr)
    return json.loads(proc.stdout)


@pytest.mark.parametrize("fmt", ["--json", "--record", "--jsonld"])
def test_one_notice_file_is_one_object_anything_else_an_array(fmt, tmp_path):
    notice = example("ncia-cyber-engineer.txt")
    one = shape(fmt, notice)
    assert isinstance(one, dict)
    # A folder holding one notice, the same file twice (read once), one
    # notice beside an empty folder: arrays of one, the same posting.
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "n.txt").write_bytes(open(notice, "rb").read())
    empty = tmp_path / "empty"
    empty.mkdir()
    for args in ([str(folder)], [notice, notice], [notice, str(empty)]):
        got = shape(fmt, *args)
        assert isinstance(got, list) and len(got) == 1, args
        assert {k: v for k, v in got[0].items() if k not in ("source", "url", "@id")} == \
            {k: v for k, v in one.items() if k not in ("source", "url", "@id")}
    assert shape(fmt, str(empty)) == []
    # A posting JSON file holding one posting (an object, or NDJSON of one line), whatever its name.
    saved = tmp_path / "one.txt"
    saved.write_text(json.dumps(shape("--json", notice)), encoding="utf-8")
    got = shape(fmt, str(saved))
    assert isinstance(got, list) and len(got) == 1


def test_the_one_notice_skipped_is_null(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert shape("--json", "--keep-going", str(empty), rc=3) is None
    assert shape("--json", "--keep-going", str(tmp_path), rc=3) == []
