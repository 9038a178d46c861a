"""natopost query / natopost eligibility as a user runs them.

The shared table tests/data/query_cases.json runs through `natopost query
--json` (every case and error case), then the output formats: the table,
CSV (RFC 4180), JSON flat records, count by, errors (one line, the query and
a caret, exit 2), and the eligibility report on the seeds.
Seeds come from NATOPOST_SEEDS; under CI=true a missing folder is a failure.
"""
import csv
import io
import json
import os
import subprocess

import pytest

CLI = os.environ["NATOPOST_CLI"]
DATA = os.environ["NATOPOST_TEST_DATA"]
TABLE = json.load(open(os.path.join(DATA, "query_cases.json"), encoding="utf-8"))
SEEDS = os.environ.get("NATOPOST_SEEDS", "")
POSTINGS = os.path.join(DATA, TABLE["collection"]["postings"])


@pytest.fixture(scope="module")
def seeds():
    if not os.path.isdir(SEEDS):
        if os.environ.get("CI") == "true":
            pytest.fail(f"seeds folder {SEEDS!r} missing (CI=true)")
        pytest.skip(f"seeds folder {SEEDS!r} not found; set NATOPOST_SEEDS")
    return [os.path.join(SEEDS, name) for name in TABLE["collection"]["seeds"]]


def candidate_args():
    args = []
    for path in TABLE["candidates"].values():
        args += ["--candidate", os.path.join(DATA, path)]
    return args


def run(*args, rc=0):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == rc, (args, proc.returncode, proc.stdout, proc.stderr)
    return proc


def run_raw(*args):
    """stdout as written (no newline translation), for CRLF checks."""
    proc = subprocess.run([CLI, *args], capture_output=True, timeout=60)
    assert proc.returncode == 0, (args, proc.stderr)
    return proc.stdout.decode("utf-8")


def query(seeds, text, *extra, rc=0):
    return run("query", text, *extra, *candidate_args(), *seeds, POSTINGS, rc=rc)


# ---- the shared table -------------------------------------------------------------------------

def test_seed_ids(seeds):
    rows = json.loads(query(seeds, "published is null and requirements.essential >= 0",
                            "--json", "--fields", "id,source").stdout)
    got = {os.path.basename(r["source"]): r["id"] for r in rows if r["source"]}
    assert got == TABLE["collection"]["seeds"]


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["query"] or "(empty)" for c in TABLE["cases"]])
def test_case(seeds, case):
    if "groups" in case:
        groups = json.loads(query(seeds, case["query"], "--json").stdout)
        assert [[g["value"], g["count"]] for g in groups] == case["groups"]
    else:
        rows = json.loads(query(seeds, case["query"], "--json", "--fields", "id").stdout)
        assert [r["id"] for r in rows] == case["ids"]


@pytest.mark.parametrize("case", TABLE["errors"], ids=[e["query"] for e in TABLE["errors"]])
def test_error(seeds, case):
    err = query(seeds, case["query"], rc=2).stderr
    lines = err.rstrip("\n").split("\n")
    assert len(lines) == 3, err
    assert lines[0].startswith("natopost query: ")
    assert case["message"] in lines[0]
    assert lines[0].endswith(f" at column {case['column']}")
    assert lines[1] == "  " + case["query"]
    assert lines[2] == "  " + " " * (case["column"] - 1) + "^"


# ---- formats ----------------------------------------------------------------------------------

def test_table_lists_default_fields_and_order_keys(seeds):
    out = query(seeds, "grade >= G15 order by grade desc, clearance").stdout.splitlines()
    assert out[0].split() == ["id", "grade", "deadline", "division", "title", "clearance"]
    assert out[1].split()[:2] == ["q06", "G22"]
    assert out[-1] == "(7 of 13 postings match)"


def test_json_records_have_every_field_typed(seeds):
    rows = json.loads(query(seeds, "id = q04", "--json").stdout)
    fields = run("query", "--list-fields", *candidate_args()).stdout.split("\n")
    names = [line.split()[0] for line in fields if line]
    assert list(rows[0]) == names  # every field, in table order, eligible(...) last
    r = rows[0]
    assert r["grade"] == "G8" and r["grade.high"] == "G8"
    assert r["deadline"] == "2025-10-31" and r["clearance"] == "NC"
    assert r["experience"] == 2.5 and r["competencies"] == 2 and r["salary"] == 4012.5
    assert r["lang.english"] == "IV" and r["lang.french"] is None
    assert r["fast_track"] is False and r["salary.tax_free"] is True
    assert r["eligible(alice)"] is True and r["eligible(bruno)"] is True


def test_csv_is_rfc4180(seeds):
    raw = subprocess.run([CLI, "query", "published is not null order by title", "--csv",
                          "--fields", "id,title,division,salary,fast_track", *seeds, POSTINGS],
                         capture_output=True, timeout=60).stdout
    assert raw.count(b"\r\n") == raw.count(b"\n")  # CRLF line ends
    rows = list(csv.reader(io.StringIO(raw.decode())))
    assert rows[0] == ["id", "title", "division", "salary", "fast_track"]
    assert rows[1] == ["q04", "Assistant (Budget)", "Executive Management", "4012.5", "false"]
    assert rows[2] == ["q08", "Engineer, Communications", "Defence Investment Division", "13914.54", "true"]
    assert b'"Engineer, Communications"' in raw  # a comma is quoted
    assert rows[3][2] == ""  # null is an empty cell
    assert len(rows) == 9


def test_csv_doubles_quotes(tmp_path):
    line = open(POSTINGS, encoding="utf-8").readline()
    p = json.loads(line)
    p["title"] = 'Officer "Plans", Ops'
    path = tmp_path / "one.ndjson"
    path.write_text(json.dumps(p) + "\n", encoding="utf-8")
    out = run_raw("query", "", "--csv", "--fields", "title", str(path))
    assert out == 'title\r\n"Officer ""Plans"", Ops"\r\n'


def test_count_by_table_and_csv(seeds):
    out = query(seeds, "count by fast_track").stdout.splitlines()
    assert out[0].split() == ["fast_track", "count"]
    # four seeds do not say whether they are fast-track competitions: null, not false
    assert out[1].split() == ["false", "6"] and out[2].split() == ["(null)", "4"]
    assert out[3].split() == ["true", "3"]
    csv_out = run_raw("query", "count by division", "--csv", *seeds, POSTINGS)
    assert csv_out.startswith("division,count\r\nOperations Division,4\r\n")
    assert csv_out.endswith("\r\n,1\r\n")  # the null group last, empty value


def test_limit_and_fields(seeds):
    rows = json.loads(query(seeds, "order by deadline", "--json", "--limit", "2",
                            "--fields", "id,deadline").stdout)
    assert rows == [{"id": TABLE["collection"]["seeds"]["000_635ccc0da40775d6.txt"],
                     "deadline": "2025-04-22"}, {"id": "q03", "deadline": "2025-09-30"}]


def test_folder_of_notices_skips_other_files(seeds):
    rows = json.loads(run("query", "", "--json", "--fields", "id", SEEDS).stdout)
    assert len(rows) == 5  # README.md is not a notice


@pytest.mark.parametrize("args,needle", [
    (["query"], "expected a query and at least one file or folder"),
    (["query", "grade >= G15"], "expected at least one file or folder after the query"),
    (["query", "", "--fields", "nope", POSTINGS], "--fields: unknown field \"nope\""),
    (["query", "", "--json", "--csv", POSTINGS], "--json and --csv cannot be combined"),
    (["query", "", "--limit", "-1", POSTINGS], "--limit must be >= 0"),
    (["query", "", "--bogus", POSTINGS], "unknown option"),
    (["eligibility", POSTINGS], "--candidate FILE is required"),
])
def test_usage_errors_exit_2(args, needle):
    err = run(*args, rc=2).stderr
    assert needle in err and err.count("\n") == 1


def test_missing_file_exits_1():
    err = run("query", "", "/nonexistent/notices.ndjson", rc=1).stderr
    assert "/nonexistent/notices.ndjson" in err


def test_unreadable_notice_is_named_once(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Officer\n\x8d\xfe\n")  # 0x8D: neither UTF-8 nor Windows-1252
    err = run("query", "", str(bad), rc=2).stderr
    assert err.count(str(bad)) == 1 and "invalid UTF-8" in err


def test_bad_candidate_names_the_key(tmp_path):
    bad = tmp_path / "c.json"
    bad.write_text('{"languages": {"english": "VII"}}')
    err = run("query", "", "--candidate", str(bad), POSTINGS, rc=2).stderr
    assert "languages.english" in err and str(bad) in err


def test_candidate_named_after_its_file(tmp_path):
    c = tmp_path / "carol.json"
    c.write_text('{"nationality": "Finland", "degree": "postgraduate", "experience_years": 20,'
                 ' "languages": {"english": "VI", "french": "VI"}, "clearance": "CTS"}')
    rows = json.loads(run("query", "eligible(carol)", "--json", "--fields", "id",
                          "--candidate", str(c), POSTINGS).stdout)
    # Finland joined on 2023-04-04: q03 was published on 2024-03-01, after it.
    assert [r["id"] for r in rows] == ["q%02d" % i for i in range(1, 9)]


def test_help_mentions_both_commands():
    assert "eligible(NAME)" in run("query", "--help").stdout
    assert "--candidate FILE" in run("eligibility", "--help").stdout
    top = run("--help").stdout
    assert "query" in top and "eligibility" in top


# ---- eligibility ------------------------------------------------------------------------------

def test_eligibility_on_the_seeds(seeds):
    report = json.loads(run("eligibility", "--candidate",
                            os.path.join(DATA, TABLE["candidates"]["alice"]), "--json",
                            *seeds).stdout)
    verdicts = {r["id"]: r["verdict"] for r in report}
    ids = TABLE["collection"]["seeds"]
    assert verdicts == {
        ids["000_635ccc0da40775d6.txt"]: "eligible",
        ids["001_c43915d24585ebf1.txt"]: "eligible",
        ids["002_4ff69b3f213d7b8c.txt"]: "cannot tell",  # no date: Sweden joined in 2024
        ids["003_dbf6ebb642ec5b7e.txt"]: "cannot tell",
        ids["004_64347a47c4e36458.txt"]: "not eligible",  # 5 years, V/III, NS held (fast track)
    }
    exec_officer = report[4]
    not_met = [c for c in exec_officer["checks"] if c["status"] == "not met"]
    assert [c["kind"] for c in not_met] == ["experience", "languages", "clearance"]
    assert not_met[1]["reason"] == ("requires V in one language and III in the other; the candidate"
                                    " has V (English) and II (French): not met")
    assert [exec_officer[f"essential_{k}"] for k in ("met", "not_met", "cannot_tell")] == [2, 3, 0]
    # Each check names its requirement by sentence and by index, as Python's and Lua's do.
    posting = json.loads(run("read", "--json", seeds[4]).stdout)
    stated = [c for c in not_met if c["requirement_index"] is not None]
    assert [c["kind"] for c in stated] == ["experience", "languages"]  # the clearance is implied
    for c in stated:
        assert c["requirement"] == posting["requirements"][c["requirement_index"]]["text"]
    logistics = report[0]
    assert logistics["desirable_count"] == 5  # the glued last item is two requirements
    nationality = [c for c in logistics["checks"] if c["kind"] == "nationality"][0]
    assert nationality["requirement"] is None and nationality["requirement_index"] is None
    assert nationality["status"] == "met"
    assert "2025-04-22 (the notice's deadline)" in nationality["reason"]


def test_eligibility_table_for_bruno(seeds):
    out = run("eligibility", "--candidate", os.path.join(DATA, TABLE["candidates"]["bruno"]),
              *seeds).stdout
    heads = [line for line in out.splitlines() if not line.startswith("  ")]
    assert len(heads) == 5 and all(": eligible (" in h for h in heads)
    assert "requires NATO SECRET, already held (fast-track competition); the candidate holds" \
           " NATO SECRET: met" in out


def test_json_numbers_are_the_shortest_that_read_back(tmp_path):
    """Issue 17, item 6: 9253.21, not 9253.2099999999991 -- and a number that
    needs 17 digits does not lengthen its neighbours (each record and each
    group is written with the digits it needs)."""
    postings = tmp_path / "reals.ndjson"
    amounts = [9253.21, 0.1 + 0.2, 7563.38, 1e-7]
    postings.write_text("".join(
        json.dumps({"format": "natopost.posting/1", "id": f"r{i}", "salary": {"amount": a}}) + "\n"
        for i, a in enumerate(amounts)), encoding="utf-8")
    out = run("query", "", "--json", "--fields", "id,salary", str(postings)).stdout
    assert [line.strip().rstrip(",") for line in out.splitlines()[1:-1]] == [
        '{"id":"r0","salary":9253.21}', '{"id":"r1","salary":0.30000000000000004}',
        '{"id":"r2","salary":7563.38}', '{"id":"r3","salary":1e-7}']
    assert [row["salary"] for row in json.loads(out)] == amounts
    groups = run("query", "count by salary", "--json", str(postings)).stdout
    assert "9253.21," in groups and "7563.38," in groups and "9253.209" not in groups
    assert sorted(g["value"] for g in json.loads(groups)) == sorted(amounts)
    # the same text CSV gives
    csv_out = run("query", "", "--csv", "--fields", "salary", str(postings)).stdout
    assert csv_out.splitlines()[1:3] == ["9253.21", "0.30000000000000004"]
