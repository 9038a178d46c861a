"""Hostile use (issue 14): what a busy program or a hostile user does to the
module from Python. Each test reproduced a crash, a race or lost data before
its fix."""
import glob
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
    assert len(collection) == threads_count * rounds
    titles = sorted(p.title for p in collection)
    assert titles == sorted(natopost.read_notice_file(NOTICES[(n + k) % len(NOTICES)]).title
                            for n in range(threads_count) for k in range(rounds))
