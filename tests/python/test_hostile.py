"""Hostile use (issue 14): what a busy program or a hostile user does to the
module from Python. Each test reproduced a crash, a race or lost data before
its fix."""
import glob
import json
import os
import threading

import pytest

import natopost

EXAMPLES = os.path.join(os.path.dirname(os.environ["NATOPOST_TEST_DATA"]), "..", "examples", "postings")
NOTICES = sorted(glob.glob(os.path.join(EXAMPLES, "*.txt")))


# ---- one collection, many threads ------------------------------------------------------

def test_threads_add_query_and_iterate_one_collection():
    """The core's collection is not thread-safe and add()/query() release the
    GIL: without the per-object lock this segfaulted or raised "a stored
    posting does not decode" within a few rounds."""
    assert len(NOTICES) >= 3
    threads_count, rounds = 4, 150
    collection = natopost.Collection()
    errors = []
    start = threading.Barrier(threads_count)

    def worker(n):
        try:
            start.wait()
            for k in range(rounds):
                collection.add(NOTICES[(n + k) % len(NOTICES)])
                if k % 3 == 0:
                    seen = len(collection)
                    result = collection.query("grade >= G1 order by title")
                    assert len(result) <= len(collection)
                    assert all(p.title for p in result)
                    assert len(list(collection)) >= seen
                if k % 7 == 0:
                    records = collection.to_records()
                    assert all("title" in r for r in records)
                    assert collection.memory_bytes > 0
                    assert "title" in collection.fields
                if k % 11 == 0:
                    collection.add_candidate(f"c{n}-{k}", {"experience_years": k % 40})
        except Exception as error:  # noqa: BLE001 -- reported below with its thread
            errors.append((n, repr(error)))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(threads_count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    # each file is read once (issue 17); every later add of it is a noted repeat
    assert len(collection) == len(NOTICES)
    assert len(collection) + len(collection.skipped) == threads_count * rounds
    assert all(s.repeated for s in collection.skipped)
    titles = sorted(p.title for p in collection)
    assert titles == sorted(natopost.read_notice_file(path).title for path in NOTICES)


# ---- one candidate-JSON reader: the core's --------------------------------------------

POSTING_NOTICE = NOTICES[0] if NOTICES else None


@pytest.mark.parametrize("text, fragments", [
    ('{"experience_years": 1, "experience_years": 2}', ["duplicate object key", '"experience_years"']),
    ('{"experience_years": 1e400}', ["real number overflow", "1e400"]),
    ('{"languages": {"english": "V", "english": "I"}}', ["duplicate object key", '"english"']),
    ('{"name": "a"} trailing', ["end of file expected"]),
])
def test_candidate_json_is_read_by_the_core_in_every_entry(text, fragments, tmp_path):
    """Candidate.from_json and .load parsed with Python's json (duplicates
    kept the last; 1e400 became inf, then an "Infinity" token)."""
    path = tmp_path / "candidate.json"
    path.write_text(text)
    cli = subprocess_query_candidate(path)
    posting = natopost.read_notice_file(POSTING_NOTICE)
    calls = {
        "Candidate.from_json(str)": lambda: natopost.Candidate.from_json(text),
        "Candidate.from_json(bytes)": lambda: natopost.Candidate.from_json(text.encode()),
        "Candidate.load": lambda: natopost.Candidate.load(path),
        "eligibility(text)": lambda: natopost.eligibility(text, posting),
        "add_candidate(text)": lambda: natopost.Collection().add_candidate("x", text),
    }
    for how, call in calls.items():
        with pytest.raises(ValueError) as caught:
            call()
        message = str(caught.value)
        for fragment in fragments:
            assert fragment in message, how
        assert "Infinity" not in message, how
        assert message.split("candidate JSON: ")[-1] in cli, (how, cli)


def subprocess_query_candidate(path):
    """The CLI's message for the same file (natopost eligibility)."""
    import subprocess
    run = subprocess.run([os.environ["NATOPOST_CLI"], "eligibility", "--candidate", str(path),
                          POSTING_NOTICE], capture_output=True, text=True, timeout=60)
    assert run.returncode != 0
    return run.stderr


def test_python_values_without_a_json_form_name_the_key():
    with pytest.raises(ValueError, match=r"Candidate\(\) argument 'experience_years': inf has no JSON form"):
        natopost.Candidate(experience_years=1e400)
    posting = natopost.read_notice_file(POSTING_NOTICE)
    with pytest.raises(ValueError, match=r"eligibility\(\) argument 'experience_years': nan has no JSON form"):
        natopost.eligibility({"experience_years": float("nan")}, posting)


def test_a_path_with_a_lone_surrogate_says_so():
    """A str os.fsencode refuses was reported as "contains a NUL character"."""
    bad = "/tmp/natopost-\ud800.txt"
    calls = {
        "read_notice_file": lambda: natopost.read_notice_file(bad),
        "Collection.add": lambda: natopost.Collection().add(bad),
        "load": lambda: natopost.load(bad),
        "Policy.load": lambda: natopost.Policy.load(bad),
        "Candidate.load": lambda: natopost.Candidate.load(bad),
    }
    for how, call in calls.items():
        with pytest.raises(ValueError) as caught:
            call()
        message = str(caught.value)
        assert "cannot be a file name" in message and "surrogates not allowed" in message, how
        assert "NUL" not in message, how


# ---- file names of any bytes ----------------------------------------------------------

ODD_NAME = b"caf\xe9 100%.txt"  # Latin-1, not UTF-8


@pytest.fixture
def odd_notice(tmp_path):
    path = os.path.join(os.fsencode(tmp_path), ODD_NAME)
    with open(NOTICES[0], "rb") as src, open(path, "wb") as dst:
        dst.write(src.read())
    return path


def test_a_notice_whose_file_name_is_not_utf8_exports(odd_notice, tmp_path):
    """p.source raised UnicodeDecodeError; to_json and save failed."""
    name = os.fsdecode(odd_notice)
    for given in (odd_notice, name):
        p = natopost.read_notice_file(given)
        assert p.source == name
        assert os.fsencode(p.source) == odd_notice
        assert p.to_dict()["source"] == name and "source_bytes" not in p.to_dict()
        document = json.loads(p.to_json())
        assert document["source_bytes"].endswith("/caf%E9%20100%25.txt")
        assert document["source"].endswith("/caf\ufffd 100%.txt")
        assert natopost.Posting.from_json(p.to_json()) == p
        out = tmp_path / "out.json"
        natopost.save(out, [p])
        (back,) = natopost.load(out)
        assert back == p and back.source == name
    assert natopost.read_notice(open(odd_notice, "rb").read(), source=odd_notice).source == name
    collection = natopost.Collection([odd_notice])
    assert [q.source for q in collection] == [name]


def test_the_cli_exports_it_the_same_way(odd_notice):
    import subprocess
    run = subprocess.run([os.environ["NATOPOST_CLI"], "read", "--json", odd_notice],
                         capture_output=True, timeout=60)
    assert run.returncode == 0, run.stderr
    (p,) = natopost.loads(run.stdout)
    assert os.fsencode(p.source) == odd_notice
    assert p == natopost.read_notice_file(odd_notice)


def test_bad_source_bytes_name_the_member():
    document = json.loads(natopost.read_notice_file(NOTICES[0]).to_json())
    document["source_bytes"] = "caf%zz"
    with pytest.raises(ValueError, match=r"source_bytes: not percent-encoded at character 4"):
        natopost.Posting.from_json(json.dumps(document))
