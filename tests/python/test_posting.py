"""natopost.Posting and the posting functions: the five seeds with the
expected values of issue 3 (item 2) checked from Python, JSON round trips,
the JSON Schema (docs/posting.schema.json, validated with Debian's
python3-jsonschema), JSON-LD, files, errors (TypeError for wrong types,
ValueError with the core's message), pandas, timelines, lifetimes, docstrings.

Seeds come from NATOPOST_SEEDS; under CI=true a missing folder is a failure,
otherwise the seed tests are skipped."""
import copy
import datetime
import doctest
import gc
import glob
import inspect
import json
import os
import pickle
import threading

import pytest

import natopost

SEEDS = os.environ.get("NATOPOST_SEEDS", os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                                      "shared", "seeds"))
SCHEMA = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "posting.schema.json")


def seed(prefix):
    """The path of the seed whose name starts with `prefix` ('004')."""
    paths = sorted(glob.glob(os.path.join(SEEDS, prefix + "*.txt")))
    if not paths:
        if os.environ.get("CI") == "true":
            pytest.fail(f"seeds folder {SEEDS} missing (CI=true)")
        pytest.skip(f"seeds folder {SEEDS} not found; set NATOPOST_SEEDS")
    return paths[0]


@pytest.fixture(scope="module")
def seeds():
    return {prefix: natopost.read_notice_file(seed(prefix))
            for prefix in ("000", "001", "002", "003", "004")}


def essential(p, kind):
    return [r for r in p.requirements if r["essential"] and r["kind"] == kind]


def desirable(p, kind):
    return [r for r in p.requirements if not r["essential"] and r["kind"] == kind]


def languages(p):
    (r,) = essential(p, "languages")
    lang = r["as"]["languages"]
    return lang["form"], lang["one"], lang["other"]


def min_years(p):
    return [r["as"]["experience"]["min_years"] for r in essential(p, "experience")]


def contract(p):
    c = p.contract
    return c and (c["definite_months"], c["renewal_months"], c["max_service_months"])


# ---- the seeds: issue 3, item 2 ------------------------------------------------------

def test_seed_000(seeds):
    p = seeds["000"]
    assert p.title == "Officer, Logistics"
    assert p.location == "Brussels"  # the duty city of "Brussels, Belgium"
    assert p.body == "International Staff"
    assert p.division == "Defence Policy and Planning Division"
    assert p.section == "Defence Enablement and Logistics Section"
    assert p.deadline == datetime.date(2025, 4, 22) and p.deadline_time is None
    assert [r["as"]["degree"]["level"] for r in essential(p, "degree")] == ["university"]
    assert min_years(p) == [2]
    assert languages(p) == ("either_or", "V", "I")
    assert [r["as"]["travel"]["percent"] for r in essential(p, "travel")] == [10]
    assert "postgraduate" in [r["as"]["degree"]["level"] for r in desirable(p, "degree")]
    assert len(p.competencies) == 8
    assert contract(p) == (36, 36, 72)
    assert p.contract["twin_grade_note"] is True


def test_seed_001(seeds):
    p = seeds["001"]
    assert p.title == "Staff Officer"
    assert p.division == "Operations Division"
    assert p.section == "Crisis Response Systems and Exercises (CRSE) Section"
    assert p.deadline == datetime.date(2025, 12, 31)
    assert min_years(p) == [2]
    assert languages(p) == ("either_or", "V", "II")
    assert len(p.competencies) == 5
    assert contract(p) == (36, 36, 72)


def test_seed_002(seeds):
    p = seeds["002"]
    assert p.title is None
    assert "title" in [d["field"] for d in p.diagnostics]
    assert p.division == "Political Affairs and Security Policy Division"
    assert p.directorate == "Security Policy Directorate"
    assert [r for r in p.requirements if r["essential"]] == []
    assert [r for r in p.requirements if not r["essential"]] == []
    assert p.contract is None  # not the defaults
    d = p.to_dict()
    assert d["title"] is None and d["contract"] is None


def test_seed_003(seeds):
    p = seeds["003"]
    assert p.title == "Junior Officer, Plans"
    assert p.requisition == "251043"
    assert p.division == "Operations Division"
    assert p.section == "Plans Section"
    assert min_years(p) == [2]
    assert languages(p) == ("either_or", "V", "I")
    assert len(p.competencies) == 6
    assert p.contract is None


def test_seed_004(seeds):
    p = seeds["004"]
    assert p.grade == "G20"
    assert p.salary["amount"] == 9253.21
    assert p.deadline == datetime.date(2025, 11, 3)
    assert p.deadline_time == datetime.time(17, 59)
    assert p.clearance == "NATO SECRET"
    assert p.fast_track is True
    assert p.division == "Defence Industry, Innovation and Armaments Division"
    assert min_years(p) == [5]
    assert languages(p) == ("either_or", "V", "III")
    assert len(p.competencies) == 8
    assert contract(p) == (36, 36, 72)


def test_source_is_the_path_or_the_given_source(seeds):
    assert seeds["004"].source == seed("004")
    with open(seed("004"), encoding="utf-8") as f:
        text = f.read()
    assert natopost.read_notice(text).source is None
    p = natopost.read_notice(text, source="https://example.org/004")
    assert p.source == "https://example.org/004"
    assert natopost.read_notice(text.encode("utf-8"), source="x").grade == "G20"
    assert natopost.read_notice(text=text).grade == "G20"


# ---- values and types -------------------------------------------------------------------

ATTRIBUTES = ["id", "source", "language", "title", "body", "location", "division", "directorate", "section",
              "grade_text", "grade", "salary", "deadline", "deadline_time", "published",
              "updated", "requisition", "clearance", "clearance_atomal", "fast_track", "summary",
              "accountabilities", "interrelationships", "competencies", "requirements",
              "contract", "lines", "diagnostics"]


def test_to_dict_has_every_attribute_in_the_json_order(seeds):
    for p in seeds.values():
        d = p.to_dict()
        assert list(d) == ATTRIBUTES
        for name in ATTRIBUTES:
            assert getattr(p, name) == d[name], name
        form = json.loads(p.to_json())
        # everything but the dates, the grade and the deadline is the JSON form itself
        for name in ATTRIBUTES:
            if name not in ("grade", "deadline", "deadline_time", "published", "updated"):
                assert d[name] == form[name], name
        assert d["grade"] == (form["grade"] and form["grade"]["text"])


def test_plain_types(seeds):
    p = seeds["004"]
    d = p.to_dict()
    assert type(d["deadline"]) is datetime.date
    assert type(d["deadline_time"]) is datetime.time
    assert type(d["grade"]) is str and type(d["fast_track"]) is bool
    assert type(d["salary"]["amount"]) is float
    assert all(type(v) is int for v in d["lines"].values())

    def plain(v):
        if isinstance(v, dict):
            return all(type(k) is str and plain(x) for k, x in v.items())
        if isinstance(v, list):
            return all(plain(x) for x in v)
        return v is None or type(v) in (str, int, float, bool, datetime.date, datetime.time)
    assert all(plain(q.to_dict()) for q in seeds.values())


def test_nested_values_are_fresh_copies(seeds):
    p = seeds["000"]
    reqs = p.requirements
    reqs[0]["text"] = "changed"
    reqs.clear()
    p.to_dict()["competencies"].clear()
    assert p.requirements[0]["text"] != "changed" and len(p.competencies) == 8


def test_attributes_are_read_only(seeds):
    p = seeds["000"]
    for name in ATTRIBUTES:
        with pytest.raises(AttributeError):
            setattr(p, name, None)
    with pytest.raises(AttributeError):
        p.employment_type = "FULL_TIME"


def test_pandas_dataframe(seeds):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame([p.to_dict() for p in seeds.values()])
    assert df.shape == (5, len(ATTRIBUTES))
    assert list(df.columns) == ATTRIBUTES
    assert df.loc[4, "grade"] == "G20"
    assert df["title"].isna().sum() == 1
    deadlines = pd.to_datetime(df["deadline"])
    assert str(deadlines.dtype) == "datetime64[ns]"
    assert deadlines.notna().sum() == 3
    assert df.sort_values("deadline", na_position="last")["title"].tolist()[:3] == [
        "Officer, Logistics", "Executive Officer", "Staff Officer"]
    # unknown where the notice does not say: None, not False
    assert df["fast_track"].tolist() == [None, None, None, None, True]
    assert df["competencies"].map(len).tolist() == [8, 5, 0, 6, 8]


def test_repr_and_equality(seeds):
    p = seeds["004"]
    assert repr(p) == "<natopost.Posting title='Executive Officer' grade='G20' deadline=2025-11-03 17:59>"
    assert repr(seeds["002"]) == "<natopost.Posting title=None grade=None deadline=None>"
    assert p == natopost.read_notice_file(seed("004"))
    assert p != seeds["003"] and not (p == seeds["003"])
    assert (p == "x") is False and p != 1
    with pytest.raises(TypeError):
        hash(p)
    with pytest.raises(TypeError):
        natopost.Posting()


# ---- JSON --------------------------------------------------------------------------------

def test_json_round_trips(seeds):
    for p in seeds.values():
        for pretty in (False, True):
            text = p.to_json(pretty=pretty)
            assert ("\n" in text) == pretty
            back = natopost.Posting.from_json(text)
            assert back == p
            assert back.to_json(pretty=pretty) == text
            assert natopost.Posting.from_json(text.encode("utf-8")) == p
        assert json.loads(p.to_json())["format"] == "natopost.posting/1"
        assert pickle.loads(pickle.dumps(p)) == p
        assert copy.deepcopy(p) == p and copy.copy(p) == p


@pytest.fixture(scope="module")
def full_form(seeds):
    """Seed 004's JSON form with a requirement of every kind added (typed parts
    stated and not), every object stated."""
    form = json.loads(seeds["004"].to_json())
    extra = [
        ("stanag", {"listening": 3, "speaking": 3, "reading": 2, "writing": None, "plus": ["speaking"]}),
        ("stanag", {"listening": None, "speaking": None, "reading": None, "writing": None, "plus": []}),
        ("travel", {"percent": 25}),
        ("nationality", {"nato_member": True}),
        ("clearance", {"level": "COSMIC TOP SECRET", "atomal": True}),
        ("clearance", {"level": None, "atomal": False}),
        ("languages", {"form": "named", "one": None, "other": None, "english": "VI",
                       "french": "IV", "or_higher": True}),
        ("languages", {"form": "both", "one": "VI", "other": "VI", "english": None,
                       "french": None, "or_higher": False}),
        ("degree", {"level": None, "equivalent_accepted": False}),
        ("experience", {"min_years": 2.5}),
        ("experience", {"min_years": None}),
        ("software", {"names": None}),
    ]
    for i, (kind, part) in enumerate(extra):
        form["requirements"].append({"kind": kind, "essential": i % 2 == 0, "text": f"{kind} {i}",
                                     "line": 100 + i, "as": {kind: part}})
    form["grade"] = {"text": "A2/A3", "low": 15, "high": 17}
    form["salary"] = {"amount": 0.1, "currency": "EUR", "basis": "Monthly", "tax_free": True}
    form["published"], form["updated"] = "2025-10-01", "2025-10-15"
    form["requisition"] = "251043"
    form["interrelationships"]["direct_reports"] = "2"
    form["contract"]["conversion_possible"] = None
    return form


def test_every_kind_round_trips(full_form):
    text = json.dumps(full_form)
    p = natopost.Posting.from_json(text)
    assert json.loads(p.to_json()) == full_form
    assert natopost.Posting.from_json(p.to_json()) == p
    assert p.grade == "A2/A3" and p.published == datetime.date(2025, 10, 1)
    assert {r["kind"] for r in p.requirements} == {
        "other", "degree", "experience", "languages", "stanag", "travel", "software",
        "nationality", "clearance"}


def test_written_json_matches_the_schema(seeds, full_form):
    jsonschema = pytest.importorskip("jsonschema")
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    documents = [json.loads(p.to_json()) for p in seeds.values()]
    documents.append(json.loads(natopost.Posting.from_json(json.dumps(full_form)).to_json()))
    for doc in documents:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
        assert errors == []
    # what the schema rejects, the reader rejects too
    bad = [
        ("title", 1), ("bogus", 1), ("grade", "G20"), ("deadline", {"date": "2025-11-03", "zone": "CET"}),
        ("clearance", "NS"), ("lines", {"title": "1"}), ("format", "natopost.posting/2"),
    ]
    for key, value in bad:
        doc = dict(documents[-1], **{key: value})
        assert not validator.is_valid(doc), key
        with pytest.raises(natopost.Error):
            natopost.Posting.from_json(json.dumps(doc))
    doc = copy.deepcopy(documents[-1])
    doc["requirements"][0]["as"] = {"experience": {"min_years": 1}}
    assert not validator.is_valid(doc)
    with pytest.raises(natopost.Error, match=r"requirements\[0\]\.as: unknown key \"experience\""):
        natopost.Posting.from_json(json.dumps(doc))


def test_jsonld(seeds):
    ld = json.loads(seeds["004"].to_jsonld())
    assert ld["@context"] == ["https://schema.org", {"@language": "en"}]
    assert ld["@type"] == "JobPosting"
    assert ld["title"] == "Executive Officer"
    assert ld["validThrough"] == "2025-11-03T17:59"
    assert ld["hiringOrganization"]["name"] == "NATO"
    assert ld["hiringOrganization"]["department"]["name"] == "International Staff"
    assert ld["jobLocation"] == {"@type": "Place", "name": "Brussels"}
    assert ld["baseSalary"]["value"]["value"] == 9253.21
    assert ld["securityClearanceRequirement"] == "NATO SECRET"
    assert ld["experienceRequirements"] == [
        {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 60}]
    assert ld["educationRequirements"][0]["credentialCategory"] == "bachelor degree"
    assert len(ld["responsibilities"]) == len(seeds["004"].accountabilities)
    assert "employmentType" not in ld
    ld = json.loads(seeds["000"].to_jsonld())
    assert ld["validThrough"] == "2025-04-22"
    assert "baseSalary" not in ld and "securityClearanceRequirement" not in ld
    assert "title" not in json.loads(seeds["002"].to_jsonld())


# ---- errors ----------------------------------------------------------------------------

def test_wrong_types_raise_type_error(seeds, tmp_path):
    p = seeds["000"]
    cases = [
        (lambda: natopost.read_notice(42), "'text' must be str or bytes, not int"),
        (lambda: natopost.read_notice("x", source=1), "'source' must be a path (str, bytes or os.PathLike), not int"),
        (lambda: natopost.read_notice("x", bogus=1), "unexpected keyword argument 'bogus'"),
        (lambda: natopost.read_notice(), "missing required argument 'text'"),
        (lambda: natopost.read_notice_file(3.5), ""),
        (lambda: natopost.load(None), ""),
        (lambda: natopost.Posting.from_json(3), "must be str or bytes, not int"),
        (lambda: natopost.loads(None), "loads() argument must be str or bytes, not NoneType"),
        (lambda: natopost.save(tmp_path / "a.json", [p, 1]), "item 1 must be natopost.Posting, not int"),
        (lambda: natopost.save(tmp_path / "a.json", p), "must be an iterable of natopost.Posting"),
        (lambda: natopost.save(tmp_path / "a.json", 5), "must be an iterable of natopost.Posting, not int"),
        (lambda: natopost.save(tmp_path / "a.json"), "exactly 2 arguments"),
        (lambda: p.timeline(20250901), "'start' must be a date (datetime.date, an ISO date str"),
        (lambda: p.timeline("2025-09-01", kind=1), "'kind' must be str"),
        (lambda: p.timeline("2025-09-01", twin_grade=True), "unexpected keyword argument 'twin_grade'"),
        (lambda: p.timeline("2025-09-01", "external"), "at most 1 positional argument"),
        (lambda: p.timeline("2025-09-01", direct_higher=1), "'direct_higher' must be bool"),
        (lambda: p.to_json(pretty=1), "'pretty' must be bool, not int"),
    ]
    for call, fragment in cases:
        with pytest.raises(TypeError) as info:
            call()
        assert fragment in str(info.value)


def test_bad_values_raise_value_error_with_the_core_message(seeds, tmp_path):
    with pytest.raises(natopost.Error) as info:
        natopost.read_notice("")
    assert isinstance(info.value, ValueError) and info.value.code == "parse error"
    with pytest.raises(ValueError):
        natopost.read_notice("a notice\0with a NUL")
    with pytest.raises(ValueError):
        natopost.read_notice(b"\x81 neither UTF-8 nor Windows-1252")
    # JSON: syntax errors with their position, value errors with their path
    with pytest.raises(natopost.Error) as info:
        natopost.Posting.from_json('{\n  "format": "natopost.posting/1",\n  "id": ,\n}')
    assert (info.value.code, info.value.line, info.value.column) == ("parse error", 3, 9)
    form = json.loads(seeds["000"].to_json())
    i = [r["kind"] for r in form["requirements"]].index("languages")
    form["requirements"][i]["as"]["languages"]["one"] = "VII"
    with pytest.raises(natopost.Error, match=rf'^posting JSON: requirements\[{i}\]\.as\.languages\.one: '
                                             r'expected null, "I".* got "VII"$') as info:
        natopost.Posting.from_json(json.dumps(form))
    assert info.value.code == "invalid argument"
    form = json.loads(seeds["000"].to_json())
    form["deadline"]["date"] = "2025-02-30"
    with pytest.raises(ValueError, match="deadline.date: day 30 is out of range for February 2025"):
        natopost.Posting.from_json(json.dumps(form))
    form["format"] = "natopost.posting/2"
    with pytest.raises(ValueError, match="unsupported version"):
        natopost.Posting.from_json(json.dumps(form))
    # timelines
    for prefix in ("002", "003"):
        with pytest.raises(ValueError, match="^the posting states no contract terms$") as info:
            seeds[prefix].timeline("2025-09-01")
        assert isinstance(info.value, natopost.Error) and info.value.code == "not found"
    with pytest.raises(natopost.Error, match="February"):
        seeds["000"].timeline("2025-02-30")
    with pytest.raises(natopost.Error):
        seeds["000"].timeline("2025-09-01", kind="contractor")
    # files
    with pytest.raises(OSError):
        natopost.read_notice_file(tmp_path / "missing.txt")
    with pytest.raises(OSError):
        natopost.load(tmp_path / "missing.json")
    bad = tmp_path / "bad.ndjson"
    good = seeds["000"].to_json()
    bad.write_text(good + "\n" + good.replace('"title":', '"titel":') + "\n", encoding="utf-8")
    with pytest.raises(natopost.Error, match=r'line 2: \(root\): unknown key "titel"') as info:
        natopost.load(bad)
    assert info.value.line == 2 and str(bad) in str(info.value)
    with pytest.raises(natopost.Error, match=r"^posting JSON: \[1\]: expected a posting object, got an integer$"):
        natopost.loads("[" + good + ", 1]")


# ---- files -------------------------------------------------------------------------------

def test_save_and_load(seeds, tmp_path):
    postings = list(seeds.values())
    for name in ("postings.json", "postings.ndjson", "postings.jsonl"):
        path = tmp_path / name
        assert natopost.save(path, postings) is None
        text = path.read_text(encoding="utf-8")
        if name.endswith(".json"):
            assert text.startswith("[") and text.endswith("]\n")
        else:
            assert text.count("\n") == 5 and all(line.startswith("{") for line in text.splitlines())
        assert natopost.load(path) == postings
        assert natopost.load(str(path)) == postings
    natopost.save(tmp_path / "gen.json", (p for p in postings))  # any iterable
    assert natopost.load(tmp_path / "gen.json") == postings
    natopost.save(tmp_path / "empty.json", [])
    assert natopost.load(tmp_path / "empty.json") == []
    # the same from text
    text = "\n".join(p.to_json() for p in postings)
    assert natopost.loads(text) == postings == natopost.loads(text.encode("utf-8"))
    assert natopost.loads("[" + ",".join(p.to_json() for p in postings) + "]") == postings
    assert natopost.loads(postings[0].to_json(pretty=True)) == postings[:1]
    assert natopost.loads("") == [] == natopost.loads(" \n")
    assert [f.name for f in tmp_path.iterdir() if ".tmp" in f.name] == []


def test_save_is_atomic(seeds, tmp_path):
    path = tmp_path / "postings.json"
    natopost.save(path, [seeds["000"]])
    before = path.read_bytes()
    natopost.save(path, [seeds["004"], seeds["001"]])  # over an existing file
    assert natopost.load(path) == [seeds["004"], seeds["001"]]
    # a directory as the target: OSError, the directory and its files untouched
    target = tmp_path / "dir.json"
    target.mkdir()
    (target / "keep.txt").write_text("keep")
    with pytest.raises(OSError, match="dir.json"):
        natopost.save(target, [seeds["000"]])
    assert target.is_dir() and (target / "keep.txt").read_text() == "keep"
    with pytest.raises(OSError):
        natopost.save(tmp_path / "no" / "such" / "dir.json", [seeds["000"]])
    assert sorted(f.name for f in tmp_path.iterdir()) == ["dir.json", "postings.json"]
    assert path.read_bytes() != before


# ---- timelines -------------------------------------------------------------------------

def test_timeline_from_the_contract_terms(seeds):
    t = seeds["000"].timeline("2025-09-01")
    assert isinstance(t, natopost.Timeline)
    assert t.appointment["twin_grade"] is True  # the twin-grade note
    assert t.policy == natopost.Policy(initial_months=36, renewal_months=36, max_months=72)
    assert t["contract_end"].date == datetime.date(2031, 8, 31)
    assert t["earliest_promotion"].date == datetime.date(2028, 9, 1)
    t = seeds["004"].timeline(datetime.date(2025, 12, 1), kind="seconded")
    assert t.appointment["twin_grade"] is False and t.appointment["kind"] == "seconded"
    assert "earliest_promotion" not in t
    assert t == t and t["initial_contract_end"].date == datetime.date(2028, 11, 30)
    same = natopost.timeline("2025-09-01", twin_grade=True, reduction_months=12)
    assert seeds["000"].timeline(start="2025-09-01", reduction_months=12).to_dict() == same.to_dict()


# ---- lifetimes ---------------------------------------------------------------------------

def test_a_posting_outlives_its_text():
    with open(seed("004"), "rb") as f:
        buffer = bytearray(f.read())
    p = natopost.read_notice(buffer)
    buffer[:] = b"x" * len(buffer)  # the text is overwritten ...
    del buffer  # ... and gone
    text = "".join(open(seed("000"), encoding="utf-8").read())
    q = natopost.read_notice(text)
    del text
    gc.collect()
    assert p.grade == "G20" and p.deadline_time == datetime.time(17, 59)
    assert q.title == "Officer, Logistics" and len(q.competencies) == 8
    r = natopost.Posting.from_json(p.to_json())
    del p
    gc.collect()
    assert r.salary["amount"] == 9253.21


def test_threads_read_notices_in_parallel():
    with open(seed("001"), encoding="utf-8") as f:
        text = f.read()
    expected = natopost.read_notice(text)
    results = []

    def work():
        for _ in range(20):
            results.append(natopost.read_notice(text) == expected)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 80


# ---- documentation -------------------------------------------------------------------

DOCUMENTED = [natopost.Posting, natopost.read_notice, natopost.read_notice_file, natopost.load,
              natopost.loads, natopost.save] + [
    getattr(natopost.Posting, name) for name in ("to_dict", "to_json", "to_jsonld", "from_json",
                                                 "timeline")] + [
    getattr(natopost.Posting, name) for name in ATTRIBUTES]


@pytest.mark.parametrize("obj", DOCUMENTED, ids=lambda o: getattr(o, "__qualname__", getattr(o, "__name__", repr(o))))
def test_docstrings(obj, tmp_path, monkeypatch):
    doc = inspect.getdoc(obj)
    assert doc
    if ">>>" not in doc:  # attributes whose meaning is in the one line
        assert isinstance(obj, type(natopost.Posting.title))
        return
    seed("000")  # skips or fails without the seeds
    monkeypatch.chdir(tmp_path)  # save/load examples write files
    test = doctest.DocTestParser().get_doctest(
        doc, {"natopost": natopost, "datetime": datetime, "seed": seed}, obj.__name__, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=lambda text: pytest.fail(text))
    assert runner.failures == 0


def test_functions_and_methods_have_examples():
    for obj in DOCUMENTED[:11]:
        assert "Example" in inspect.getdoc(obj), obj
    sig = inspect.signature(natopost.read_notice)
    assert list(sig.parameters) == ["text", "source"]
    assert sig.parameters["source"].kind is inspect.Parameter.KEYWORD_ONLY
    sig = inspect.signature(natopost.Posting.timeline)
    assert list(sig.parameters) == ["self", "start", "kind", "reduction_months", "direct_higher"]


def test_posting_json_without_language_reads_as_unknown():
    # Posting JSON saved before the reader recorded languages has no
    # "language" member: it still loads, with the language unknown.
    p = natopost.read_notice("Executive Officer\nNATO Grade G20\nThe incumbent will lead the team.\n")
    d = json.loads(p.to_json())
    assert "language" in d
    del d["language"]
    q = natopost.Posting.from_json(json.dumps(d))
    assert q.language is None
    assert q.title == p.title and q.grade == p.grade
    d["language"] = "de"
    with pytest.raises(natopost.Error, match="language"):
        natopost.Posting.from_json(json.dumps(d))


def test_record_members_without_a_getter_are_attributes(seeds):
    """A member of the posting record is an attribute even without a getter
    in the binding (posting_getattro asks the core), so a field added to the
    core's schema table reaches Python at once; other names stay errors."""
    p = seeds["004"]
    record = p.to_dict()
    for name in record:
        assert getattr(p, name) == record[name], name
    # a name the record lacks goes through the core's lookup and comes back
    # as the AttributeError Python gave, not as a natopost.Error
    for missing in ("employment_type", "_private", "format"):
        with pytest.raises(AttributeError) as raised:
            getattr(p, missing)
        assert not isinstance(raised.value, natopost.Error)
        assert missing in str(raised.value)
