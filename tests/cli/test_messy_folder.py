"""natopost read / query / eligibility over a messy folder (issue 17):
--keep-going and its exit status 3, files by content, folders in read, a
file given twice, query --unique with the sources of each folded copy --
against tests/data/messy_expected.json, which Python and Lua check too."""
import json
import os
import pathlib
import re
import subprocess

import pytest

CLI = os.environ["NATOPOST_CLI"]
DATA = pathlib.Path(os.environ["NATOPOST_TEST_DATA"])
EXPECTED = json.loads((DATA / "messy_expected.json").read_text(encoding="utf-8"))
FOLDER = DATA / EXPECTED["folder"]
CANDIDATE = DATA / "candidates" / "alice.json"


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, timeout=60)


def names(paths):
    return [os.path.basename(p) for p in paths]


def skipped_lines(stderr, cmd):
    """(file, line, column) of each "skipped" line, and the lines."""
    found = []
    for line in stderr.splitlines():
        m = re.match(rf"natopost {cmd}: skipped (\S+): (.*?)(?: \(line (\d+), column (\d+)\))?$", line)
        if m:
            text = m.group(2)
            pos = (int(m.group(3)), int(m.group(4))) if m.group(3) else tuple(
                map(int, re.search(r"line (\d+), column (\d+)", text).groups()))
            found.append((os.path.basename(m.group(1)), *pos))
    return found


EXPECTED_SKIPS = [(e["file"], e["line"], e["column"]) for e in EXPECTED["skipped"]]


@pytest.mark.parametrize("cmd", [["read", "--json"], ["query", "", "--json"],
                                 ["eligibility", "--candidate", CANDIDATE, "--json"]])
def test_without_keep_going_the_first_bad_file_stops_the_command(cmd):
    r = run(*cmd, FOLDER)
    assert r.returncode == 2
    assert r.stdout == ""
    assert EXPECTED["first_bad_file"] in r.stderr


def test_read_keep_going_prints_every_good_posting_and_names_each_bad_file():
    r = run("read", "--json", "--keep-going", FOLDER)
    assert r.returncode == 3, r.stderr
    assert names(p["source"] for p in json.loads(r.stdout)) == EXPECTED["postings"]
    assert skipped_lines(r.stderr, "read") == EXPECTED_SKIPS
    for e in EXPECTED["skipped"]:
        assert e["words"] in r.stderr


def test_query_keep_going_and_unique_fold_the_copies_and_name_their_sources():
    r = run("query", "", FOLDER, "--keep-going", "--unique", "--json", "--fields", "id,source")
    assert r.returncode == 3, r.stderr
    rows = json.loads(r.stdout)
    assert names(row["source"] for row in rows) == [e["kept"] for e in EXPECTED["unique"]]
    for row, e in zip(rows, EXPECTED["unique"]):
        assert row["id"] == e["id"] or (e["id"] is None and row["id"].startswith("fnv1a:"))
    folded = {}
    for line in r.stderr.splitlines():
        m = re.match(r"natopost query: (\S+): (\d+) copies folded into one: (.*)$", line)
        if m:
            folded[m.group(1)] = m.group(3).split(", ")
            assert int(m.group(2)) == len(folded[m.group(1)])
    expected = {row["id"]: e["sources"] for row, e in zip(rows, EXPECTED["unique"]) if len(e["sources"]) > 1}
    assert {k: names(v) for k, v in folded.items()} == expected
    assert skipped_lines(r.stderr, "query") == EXPECTED_SKIPS


def test_query_without_unique_keeps_every_copy():
    r = run("query", "", FOLDER, "--keep-going", "--json", "--fields", "source")
    assert r.returncode == 3
    assert names(row["source"] for row in json.loads(r.stdout)) == EXPECTED["postings"]
    assert "folded" not in r.stderr


def test_eligibility_keep_going():
    r = run("eligibility", "--candidate", CANDIDATE, "--json", "--keep-going", FOLDER)
    assert r.returncode == 3
    assert names(e["source"] for e in json.loads(r.stdout)) == EXPECTED["postings"]
    assert skipped_lines(r.stderr, "eligibility") == EXPECTED_SKIPS


def test_only_good_files_exit_0_even_with_keep_going():
    r = run("read", "--table", "--keep-going", FOLDER / "a_ncia_data_engineer.txt")
    assert r.returncode == 0 and r.stderr == ""


def test_read_takes_posting_json_by_content_whatever_its_name(tmp_path):
    text = (FOLDER / EXPECTED["json_file"]).read_bytes()
    renamed = tmp_path / "saved.txt"
    renamed.write_bytes(text)
    for path in (FOLDER / EXPECTED["json_file"], renamed):
        r = run("read", "--json", path)
        assert r.returncode == 0, r.stderr
        # posting JSON is an array, even of one posting (the shape follows the argument)
        assert [p["id"] for p in json.loads(r.stdout)] == ["ACT-2026-0031"]


def test_a_file_given_twice_is_read_once_and_noted():
    a = FOLDER / "a_ncia_data_engineer.txt"
    r = run("read", "--json", a, a)
    assert r.returncode == 0
    # two paths: an array, here of the one posting
    assert [p["id"] for p in json.loads(r.stdout)] == ["NCIA-2026-0117"]
    assert "already loaded" in r.stderr


def test_timeline_posting_refuses_posting_json_naming_load():
    r = run("timeline", "--posting", FOLDER / EXPECTED["json_file"], "--start", "2026-09-01")
    assert r.returncode == 2
    assert "posting JSON" in r.stderr and "load" in r.stderr


def test_help_documents_keep_going_and_exit_3():
    for cmd in ("read", "query", "eligibility"):
        out = run(cmd, "--help").stdout
        assert "--keep-going" in out and "3 success, but --keep-going skipped some files" in out.replace("\n", " ")
    assert "--unique" in run("query", "--help").stdout


@pytest.mark.parametrize("fmt", ["--json", "--jsonld"])
def test_read_keep_going_with_every_file_skipped_prints_an_empty_array(fmt):
    r = run("read", fmt, "--keep-going", FOLDER / "c_empty.txt", FOLDER / "d_scan.txt")
    assert r.returncode == 3
    assert json.loads(r.stdout) == []
    assert skipped_lines(r.stderr, "read") == EXPECTED_SKIPS


def test_a_skipped_file_is_named_on_one_line_whatever_its_name_holds(tmp_path):
    (tmp_path / "a\nb.txt").write_bytes(b"")
    r = run("read", "--keep-going", tmp_path)
    assert r.returncode == 3
    assert r.stderr.count("\n") == 1 and "a\\nb.txt" in r.stderr
