"""Issue 16, item 5: every public type pickles (through a multiprocessing
pool of spawned processes, as Dask and multiprocessing users send them) and
deep-copies to an equal value; equality compares values."""
import copy
import multiprocessing
import os
import pickle

import pytest

import natopost

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "postings")


def values():
    policy = natopost.Policy(renewal_months=24, promotion_months=24)
    seconded = natopost.timeline("2024-02-29", kind="seconded", twin_grade=True, reduction_months=12)
    direct = natopost.timeline("2025-09-01", kind="serving", twin_grade=True, direct_higher=True)
    collection = natopost.Collection([EXAMPLES])
    collection.add_candidate("alice", {"degree": "university", "experience_years": 4})
    return {
        "Policy": policy,
        "Timeline": natopost.timeline("2025-01-31", twin_grade=True, policy=policy),
        "Timeline seconded": seconded,
        "Event with a note": seconded["renewal_end"],
        "Event directly higher": direct["earliest_promotion"],
        "Event": direct["contract_end"],
        "Posting": collection.query("order by title")[0],
        "Collection": collection,
        "Result": collection.query("eligible(alice) or grade >= G15 order by deadline"),
        "Result count by": collection.query("count by grade"),
        "Candidate": natopost.Candidate(name="bob", languages={"english": "V", "french": "II"}),
    }


def test_notes_are_really_carried():
    v = values()
    assert v["Event with a note"].note and v["Event directly higher"].note


@pytest.mark.parametrize("name", sorted(values()))
def test_pickle_and_deepcopy_give_an_equal_value(name):
    value = values()[name]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(value, protocol))
        assert type(again) is type(value)
        assert again == value and not (again != value)
    assert copy.deepcopy(value) == value
    assert copy.copy(value) == value


def test_equality_tells_values_apart():
    a, b = values(), values()
    assert natopost.timeline("2025-09-01") != natopost.timeline("2025-09-02")
    assert natopost.timeline("2025-09-01") != natopost.timeline("2025-09-01", policy=a["Policy"])
    assert hash(natopost.timeline("2025-09-01")) == hash(natopost.timeline("2025-09-01"))
    assert a["Event"] != a["Event directly higher"]
    assert a["Candidate"] != natopost.Candidate(name="bob")
    assert a["Collection"] == b["Collection"]
    smaller = natopost.Collection(postings=list(b["Collection"])[1:])
    assert smaller != a["Collection"]
    b["Collection"].add_candidate("carol", {})
    assert a["Collection"] != b["Collection"]
    assert a["Result"] != a["Collection"].query("")


def test_through_a_process_pool():
    v = values()
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        back = pool.map(copy.copy, list(v.values()))
        verdicts = pool.starmap(natopost.eligibility,
                                [(v["Candidate"], p) for p in v["Collection"]])
    assert back == list(v.values())
    assert verdicts == [natopost.eligibility(v["Candidate"], p) for p in v["Collection"]]
    result = back[list(v).index("Result")]
    assert [p.title for p in result] == [p.title for p in v["Result"]]
    assert result.to_dataframe()["id"].tolist() == v["Result"].ids
