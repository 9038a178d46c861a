"""natopost.Collection, queries and eligibility from Python.

The shared table tests/data/query_cases.json runs here exactly as in the C
and CLI suites (see tests/data/README.md): same collection, same order, same
ids, same groups, same error codes and columns. Then the Python shapes:
Result as a sequence of independent Postings, to_records() into pandas,
candidates and eligibility on the seeds, and wrong types."""
import datetime as dt
import gc
import json
import os
import pathlib

import pytest

import natopost

DATA = pathlib.Path(os.environ.get("NATOPOST_TEST_DATA", pathlib.Path(__file__).parent.parent / "data"))
TABLE = json.loads((DATA / "query_cases.json").read_text(encoding="utf-8"))
SEEDS = pathlib.Path(os.environ.get("NATOPOST_SEEDS", pathlib.Path(__file__).parents[3] / "shared" / "seeds"))
EXAMPLES = pathlib.Path(__file__).parents[2] / "examples" / "postings"
CLEARANCE_ABBREV = {"NATO RESTRICTED": "NR", "NATO CONFIDENTIAL": "NC", "NATO SECRET": "NS",
                    "COSMIC TOP SECRET": "CTS"}


@pytest.fixture(scope="module")
def seeds_dir():
    if not SEEDS.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"seeds folder {SEEDS} missing (CI=true)")
        pytest.skip(f"seeds folder {SEEDS} not found; set NATOPOST_SEEDS")
    return SEEDS


@pytest.fixture(scope="module")
def collection(seeds_dir):
    c = natopost.Collection()
    for name in TABLE["collection"]["seeds"]:
        c.add(seeds_dir / name)
    c.add(DATA / TABLE["collection"]["postings"])
    for name, path in TABLE["candidates"].items():
        c.add_candidate(name, natopost.Candidate.load(DATA / path))
    return c


def canonical(value):
    """A group value as the table writes it (the CLI's JSON)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return CLEARANCE_ABBREV.get(value, value)
    return value


def test_seed_ids(collection):
    got = {pathlib.Path(r["source"]).name: r["id"] for r in collection.to_records() if r["source"]}
    assert got == TABLE["collection"]["seeds"]


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["query"] or "(empty)" for c in TABLE["cases"]])
def test_case(collection, case):
    result = collection.query(case["query"])
    if "groups" in case:
        assert [[canonical(v), n] for v, n in result.groups] == case["groups"]
    else:
        assert result.ids == case["ids"]
        assert [p.id for p in result] == case["ids"]


@pytest.mark.parametrize("case", TABLE["errors"], ids=[e["query"] for e in TABLE["errors"]])
def test_error(collection, case):
    with pytest.raises(natopost.Error) as info:
        collection.query(case["query"])
    error = info.value
    assert isinstance(error, ValueError)
    assert error.code == case["code"]
    assert error.column == case["column"]
    first, query_line, caret = str(error).split("\n")
    assert case["message"] in first
    assert caret.index("^") - 2 == case["column"] - 1  # two spaces of indent
    assert query_line.strip() == case["query"].strip()


def test_examples_from_the_issue(collection):
    # "How many Operations Division posts at G15 and above?"
    ops = collection.query('division ~ "operations" and grade >= G15')
    assert ops and all("operations" in p.division.lower() and p.grade for p in ops)
    assert collection.count_by("division", 'division ~ "operations"')
    # Sorting and missing values: no posting without a deadline matches a comparison.
    dated = collection.query("deadline < 2100-01-01 order by deadline desc")
    dates = [p.deadline for p in dated]
    assert None not in dates and dates == sorted(dates, reverse=True)
    assert len(collection.query("deadline is null")) + len(dated) == len(collection)


def test_postings_outlive_their_collection(seeds_dir):
    c = natopost.Collection([seeds_dir])
    result = c.query("order by title")
    titles = [p.title for p in result]
    records = result.to_records()
    del c
    gc.collect()
    assert [p.title for p in result] == titles
    assert result[0].to_json()
    # the Result keeps its collection alive for what it asks of it later
    assert result.to_records() == records


def test_to_records_makes_a_dataframe(collection):
    pd = pytest.importorskip("pandas") if os.environ.get("CI") != "true" else __import__("pandas")
    frame = pd.DataFrame(collection.to_records())
    assert len(frame) == len(collection)
    assert set(collection.fields) <= set(frame.columns)
    assert set(frame["fast_track"]) == {True, False, None}
    assert frame["fast_track"].isna().sum() == len(collection.query("fast_track is null"))
    deadlines = pd.to_datetime(frame["deadline"])
    assert deadlines.notna().sum() == len(collection.query("deadline is not null"))
    ops = frame[frame["division"].fillna("").str.contains("Operations", case=False) & (frame["experience"] >= 2)]
    assert sorted(ops["id"]) == sorted(collection.query('division ~ "operations" and experience >= 2').ids)
    one = collection.to_records("title ~ \"officer\" order by title")
    assert [r["title"] for r in one] == sorted(r["title"] for r in one)


def test_eligibility_on_the_seeds(seeds_dir):
    postings = {p.source and pathlib.Path(p.source).name: p for p in natopost.Collection([seeds_dir])}
    officer = postings["000_635ccc0da40775d6.txt"]
    strong = natopost.Candidate(name="strong", degree="postgraduate", experience_years=8,
                                languages={"english": "VI", "french": "V"}, nationality="Belgium",
                                clearance="NATO SECRET")
    weak = natopost.Candidate(name="weak", degree="none", experience_years=1,
                              languages={"english": "V", "french": "none"}, nationality="Australia")
    good = natopost.eligibility(strong, officer)
    assert good["verdict"] == "eligible", good
    assert good["essential_not_met"] == 0
    assert good["desirable_met"] <= good["desirable_count"]
    bad = natopost.eligibility(weak, officer)
    assert bad["verdict"] == "not eligible"
    statuses = {c["kind"]: c["status"] for c in bad["checks"] if c["essential"]}
    assert statuses["degree"] == "not met" and statuses["experience"] == "not met"
    assert all(c["reason"] for c in bad["checks"])
    # A dict works as well as a Candidate; JSON text too.
    assert natopost.eligibility(strong.profile, officer)["verdict"] == "eligible"
    assert natopost.eligibility(json.dumps(strong.profile), officer)["verdict"] == "eligible"


def test_sweden_judged_as_of_the_notice(tmp_path):
    c = natopost.Collection([EXAMPLES])
    swede = natopost.Candidate(name="sven", degree="postgraduate", experience_years=10,
                               languages={"english": "VI", "french": "VI"}, nationality="SE",
                               clearance="CTS", serving_staff=False)
    for p in c:
        report = natopost.eligibility(swede, p)
        nationality = [x for x in report["checks"] if x["kind"] == "nationality"]
        assert nationality, report
        assert "Sweden" in nationality[0]["reason"] or "SE" in nationality[0]["reason"]


def test_wrong_types_and_bad_values():
    c = natopost.Collection()
    with pytest.raises(TypeError):
        c.query(42)
    with pytest.raises(TypeError):
        c.add(3.5)
    with pytest.raises(TypeError):
        natopost.Collection(postings=["not a posting"])
    with pytest.raises(TypeError):
        c.to_records(b"grade >= G15")
    with pytest.raises(TypeError):
        natopost.eligibility(42, None)
    with pytest.raises(ValueError, match="unknown key"):
        natopost.Candidate(langs={"english": "V"})
    with pytest.raises(ValueError, match="languages.french"):
        natopost.Candidate(languages={"english": "V", "french": "VII"})
    with pytest.raises(OSError):
        c.add("/nonexistent/notice.txt")
    with pytest.raises(natopost.Error, match="control character"):
        c.query("title = \"a\x00b\"")
    assert len(c) == 0 and c.memory_bytes >= 0
