"""Collections from a messy folder (issue 17): the error policy and the skip
list, files read by content, a file loaded twice, unique() with the sources
of every copy -- against tests/data/messy_expected.json, the table the CLI
and Lua suites check too."""
import json
import os
import pathlib

import pytest

import natopost

DATA = pathlib.Path(os.environ["NATOPOST_TEST_DATA"])
EXPECTED = json.loads((DATA / "messy_expected.json").read_text(encoding="utf-8"))
FOLDER = DATA / EXPECTED["folder"]


def names(paths):
    return [os.path.basename(p) for p in paths]


def test_raise_is_the_default_and_names_the_first_bad_file():
    with pytest.raises(natopost.Error) as raised:
        natopost.Collection([FOLDER])
    assert EXPECTED["first_bad_file"] in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_skip_loads_every_good_file_and_lists_each_bad_one():
    c = natopost.Collection([FOLDER], on_error="skip")
    assert names(p.source for p in c) == EXPECTED["postings"]
    bad = [s for s in c.skipped if not s.repeated]
    assert [(os.path.basename(s.path), s.line, s.column) for s in bad] == [
        (e["file"], e["line"], e["column"]) for e in EXPECTED["skipped"]]
    for s, e in zip(bad, EXPECTED["skipped"]):
        assert isinstance(s, natopost.SkippedFile)
        assert e["words"] in s.message and e["file"] in s.message


def test_the_windows_1252_file_is_read_and_the_json_file_loaded():
    c = natopost.Collection([FOLDER], on_error="skip")
    titles = [p.title for p in c]
    assert "Traducteur/R\u00e9viseur (Translator/Reviser), French Translation Section" in titles
    loaded = natopost.load(FOLDER / EXPECTED["json_file"])
    assert [p.id for p in loaded] == ["ACT-2026-0031"]
    assert loaded[0] in list(c)


def test_add_follows_the_policy():
    c = natopost.Collection(on_error="skip")
    c.add(FOLDER / "c_empty.txt")
    c.add(FOLDER / "a_ncia_data_engineer.txt")
    assert len(c) == 1 and len(c.skipped) == 1
    strict = natopost.Collection()
    with pytest.raises(natopost.Error, match="empty"):
        strict.add(FOLDER / "c_empty.txt")
    with pytest.raises(OSError, match="no_such_file"):
        strict.add(FOLDER / "no_such_file.txt")
    assert len(strict) == 0 and strict.skipped == []


def test_a_file_loaded_twice_is_read_once_and_reported():
    c = natopost.Collection([FOLDER, FOLDER / "a_ncia_data_engineer.txt"], on_error="skip")
    assert len(c) == len(EXPECTED["postings"])
    repeated = [s for s in c.skipped if s.repeated]
    assert names(s.path for s in repeated) == ["a_ncia_data_engineer.txt"]
    assert "already loaded" in repeated[0].message
    # under the default policy too: a repeat is not an error
    again = natopost.Collection([FOLDER / "g_nspa_logistics_officer.txt"] * 3)
    assert len(again) == 1 and len(again.skipped) == 2


def test_unique_folds_copies_keeping_the_most_complete_with_every_source():
    c = natopost.Collection([FOLDER], on_error="skip")
    c.add_candidate("alice", {"experience_years": 5})
    u = c.unique()
    assert isinstance(u, natopost.Collection)
    assert len(u) == len(EXPECTED["unique"])
    fingerprints = set()
    for row, (posting, e) in enumerate(zip(u, EXPECTED["unique"])):
        assert os.path.basename(posting.source) == e["kept"]
        assert names(u.sources(row)) == e["sources"]
        if e["id"] is None:
            assert posting.id.startswith("fnv1a:")
            fingerprints.add(posting.id)
        else:
            assert posting.id == e["id"]
    # both copies of the reposted notice have the kept copy's fingerprint
    assert {p.id for p in c if p.id.startswith("fnv1a:")} == fingerprints
    # the kept NCIA copy is the one that states its grade and contract
    kept = list(u)[0]
    assert kept.grade == "G15" and kept.contract is not None
    assert len(u.query("eligible(alice) is not null or eligible(alice) is null")) == len(u)
    assert u.skipped == [] and len(c.skipped) == 2


def test_sources_of_a_plain_collection_and_bad_rows():
    c = natopost.Collection([FOLDER / "a_ncia_data_engineer.txt"])
    assert names(c.sources(0)) == ["a_ncia_data_engineer.txt"]
    assert natopost.Collection(postings=[natopost.read_notice("Staff Officer\nNATO Grade G15\n")]).sources(0) == []
    with pytest.raises(IndexError, match="out of range"):
        c.sources(1)
    with pytest.raises(TypeError, match="row must be an int"):
        c.sources("0")


def test_read_notice_file_refuses_posting_json_naming_load():
    with pytest.raises(natopost.Error, match=r"posting JSON.*load"):
        natopost.read_notice_file(FOLDER / EXPECTED["json_file"])
    with pytest.raises(natopost.Error, match="load"):
        natopost.read_notice('[{"format": "natopost.posting/1"}]')


def test_the_policy_word_is_checked():
    with pytest.raises(ValueError, match=r'"raise" or "skip", not "ignore"'):
        natopost.Collection(on_error="ignore")
    with pytest.raises(TypeError, match="on_error"):
        natopost.Collection(on_error=True)
