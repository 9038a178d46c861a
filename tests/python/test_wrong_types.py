"""Issue 6, item 4: a wrong type for every argument of every public callable.

CALLS lists each public function and method once, with arguments that work.
Each test replaces one argument by values of the wrong type and expects a
TypeError whose message names the argument (or, for positional-only
parameters without a useful name, the callable); the call must not crash,
and the object it was called on must still work afterwards.
test_every_public_callable_is_listed fails when a public function or method
is added without a row here.
"""
import datetime
import inspect
import os

import pytest

import natopost

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "postings")
NOTICE = os.path.join(EXAMPLES, "is-twin-grade-analyst.txt")
CANDIDATE = {"name": "A", "nationality": "Belgium", "degree": "postgraduate", "experience_years": 5,
             "languages": {"english": "IV", "french": "II"}, "clearance": "NS"}


def posting():
    return natopost.read_notice_file(NOTICE)


def collection():
    return natopost.Collection(postings=[posting()])


def a_timeline():
    return natopost.timeline("2025-09-01")


# Values no argument of natopost accepts; None is added for required arguments.
WRONG = [object(), 3.5j, [["x"]]]

# name -> (make the callable, positional args, keyword args, the arguments to
# spoil as (position or keyword, the word the message must contain), required)
CALLS = {
    "timeline": (lambda: natopost.timeline, ["2025-09-01"], {}, [
        (0, "start", True), ("kind", "kind", False), ("initial_months", "initial_months", False),
        ("renewal_months", "renewal_months", False), ("max_months", "max_months", False),
        ("twin_grade", "twin_grade", False), ("reduction_months", "reduction_months", False),
        ("direct_higher", "direct_higher", False), ("policy", "policy", False)]),
    "batch": (lambda: natopost.batch, [memoryview(bytearray(16)).cast("q")], {}, [
        (0, "starts", True), ("event", "event", False), ("kind", "kind", False),
        ("initial_months", "initial_months", False), ("twin_grade", "twin_grade", False),
        ("reduction_months", "reduction_months", False), ("policy", "policy", False),
        ("out", "out", False)]),
    "Policy": (lambda: natopost.Policy, [], {}, [
        ("initial_months", "initial_months", False), ("renewal_months", "renewal_months", False),
        ("max_months", "max_months", False), ("promotion_months", "promotion_months", False),
        ("max_reduction_months", "max_reduction_months", False),
        ("conversion_notice_months", "conversion_notice_months", False),
        ("seconded_conversion", "seconded_conversion", False)]),
    "Policy.from_json": (lambda: natopost.Policy.from_json, [natopost.Policy().to_json()], {},
                         [(0, "from_json", True)]),
    "Policy.load": (lambda: natopost.Policy.load, ["policy.json"], {}, [(0, "load", True)]),
    "Policy.save": (lambda: natopost.Policy().save, ["policy.json"], {}, [(0, "save", True)]),
    "Timeline.status": (lambda: a_timeline().status, ["2026-01-01"], {}, [(0, "on", True)]),
    "Timeline.to_dict": (lambda: a_timeline().to_dict, [], {}, [("on", "on", False)]),
    "Timeline.to_json": (lambda: a_timeline().to_json, [], {}, [("on", "on", False)]),
    "Timeline.to_ical": (lambda: a_timeline().to_ical, [], {}, [("dtstamp", "dtstamp", False)]),
    "Timeline.get": (lambda: a_timeline().get, ["contract_end"], {}, [(0, "code", True)]),
    "Timeline.__getitem__": (lambda: a_timeline().__getitem__, ["contract_end"], {}, [(0, "code", True)]),
    "read_notice": (lambda: natopost.read_notice, ["Analyst\nNATO Grade G15\n"], {}, [
        (0, "text", True), ("source", "source", False)]),
    "read_notice_file": (lambda: natopost.read_notice_file, [NOTICE], {}, [(0, "read_notice_file", True)]),
    "load": (lambda: natopost.load, ["postings.json"], {}, [(0, "load", True)]),
    "loads": (lambda: natopost.loads, ["[]"], {}, [(0, "loads", True)]),
    "save": (lambda: natopost.save, ["out.json", []], {}, [(0, "save", True), (1, "save", True)]),
    "Posting.from_json": (lambda: natopost.Posting.from_json, [posting().to_json()], {},
                          [(0, "from_json", True)]),
    "Posting.from_dict": (lambda: natopost.Posting.from_dict, [{"title": "x"}], {},
                          [(0, "from_dict", True)]),
    "Posting.to_json": (lambda: posting().to_json, [], {}, [("pretty", "pretty", False)]),
    "Posting.timeline": (lambda: posting().timeline, ["2025-09-01"], {}, [
        (0, "start", True), ("kind", "kind", False), ("reduction_months", "reduction_months", False),
        ("direct_higher", "direct_higher", False)]),
    "Candidate": (lambda: natopost.Candidate, [], dict(CANDIDATE), [
        ("name", "name", False), ("languages", "languages", False),
        ("experience_years", "experience_years", False)]),
    "Candidate.from_json": (lambda: natopost.Candidate.from_json, ['{"name": "A"}'], {},
                            [(0, "from_json", True)]),
    "Candidate.load": (lambda: natopost.Candidate.load, ["candidate.json"], {}, [(0, "load", True)]),
    "eligibility": (lambda: natopost.eligibility, [CANDIDATE, posting()], {}, [
        (0, "candidate", True), (1, "posting", True)]),
    "Collection": (lambda: natopost.Collection, [[]], {}, [(0, "Collection", True),
                                                          ("postings", "postings", False),
                                                          ("on_error", "on_error", False)]),
    "Collection.sources": (lambda: collection().sources, [0], {}, [(0, "row", True)]),
    "Collection.add": (lambda: collection().add, [NOTICE], {}, [(0, "add", True)]),
    "Collection.add_candidate": (lambda: collection().add_candidate, ["A", CANDIDATE], {}, [
        (0, "name", True), (1, "candidate", True)]),
    "Collection.query": (lambda: collection().query, [""], {}, [(0, "query", True)]),
    "Collection.count_by": (lambda: collection().count_by, ["grade"], {}, [
        (0, "field", True), ("where", "where", False)]),
    "Collection.to_records": (lambda: collection().to_records, [], {}, [("query", "query", False)]),
    "Result.__getitem__": (lambda: collection().query("").__getitem__, [0], {}, [(0, "index", True)]),
    "Collection.to_ical": (lambda: collection().to_ical, [], {}, [("dtstamp", "dtstamp", False)]),
    "timelines": (lambda: natopost.timelines, [{"start": ["2025-09-01"]}], {}, [
        (0, "appointments", True), ("policy", "policy", False)]),
    "status": (lambda: natopost.status, [{"start": ["2025-09-01"]}, "2026-01-01"], {}, [
        (0, "appointments", True), (1, "on", True), ("policy", "policy", False)]),
    "Collection.to_dataframe": (lambda: collection().to_dataframe, [], {}, [("query", "query", False)]),
    "project_roster": (lambda: natopost.project_roster, [{"start": ["2025-09-01"]}, "2026-01", 12], {}, [
        (0, "roster", True), (1, "start", True), (2, "months", True), ("by", "by", False),
        ("policy", "policy", False)]),
    "next_events": (lambda: natopost.next_events, [{"start": ["2025-09-01"]}, "2026-01-01"], {}, [
        (0, "roster", True), (1, "after", True), ("policy", "policy", False)]),
}

# A candidate profile is JSON data checked by the core's strict reader: a value
# JSON can hold but of the wrong JSON type (a list for "name") is the core's
# ValueError naming the key; a value JSON cannot hold is a TypeError.
JSON_DATA = {"Candidate"}

# Public callables that take no argument (or only self): nothing to spoil.
NO_ARGUMENTS = {
    "Policy.to_json", "Policy.to_dict", "Posting.to_dict", "Posting.to_jsonld", "Result.ids",
    "Result.to_records", "Result.to_dataframe", "Result.rows", "Collection.fields",
    "Collection.memory_bytes", "Collection.unique", "SkippedFile",
    "Event", "Posting", "Timeline", "Result", "Error",
}


def cases():
    for name, (make, args, kwargs, spoil) in CALLS.items():
        for where, word, required in spoil:
            for wrong in WRONG + ([None] if required else []):
                yield pytest.param(name, where, word, wrong, id=f"{name}-{where}-{type(wrong).__name__}")


@pytest.mark.parametrize("name, where, word, wrong", list(cases()))
def test_wrong_type_names_the_argument(name, where, word, wrong, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make, args, kwargs, _ = CALLS[name]
    args, kwargs = list(args), dict(kwargs)
    if isinstance(where, int):
        args[where] = wrong
    else:
        kwargs[where] = wrong
    expected = (TypeError, ValueError) if name in JSON_DATA else TypeError
    with pytest.raises(expected) as info:
        make()(*args, **kwargs)
    message = str(info.value)
    assert word in message, f"{name}: {message!r} does not name {word!r}"
    assert type(wrong).__name__ in message or "must be" in message or "expected" in message, message


@pytest.mark.parametrize("name", sorted(CALLS))
def test_the_valid_call_of_each_row_works(name, tmp_path, monkeypatch):
    """The rows' arguments are right, so each TypeError above comes from the spoilt one."""
    monkeypatch.chdir(tmp_path)
    natopost.Policy().save("policy.json")
    natopost.save("postings.json", [posting()])
    (tmp_path / "candidate.json").write_text('{"name": "A"}')
    make, args, kwargs, _ = CALLS[name]
    make()(*args, **kwargs)


def test_objects_still_work_after_a_type_error():
    t, p, c = a_timeline(), posting(), collection()
    before = p.timeline("2025-09-01").to_dict()
    for call in (lambda: t.status(object()), lambda: p.timeline([]), lambda: c.query(object())):
        with pytest.raises(TypeError):
            call()
    assert t["contract_end"].date == datetime.date(2031, 8, 31)
    assert p.timeline("2025-09-01").to_dict() == before
    assert len(c.query("")) == 1


def public_callables():
    for name in natopost.__all__:
        obj = getattr(natopost, name)
        if inspect.isclass(obj):
            yield name
            for attr, member in vars(obj).items():
                if attr.startswith("_") and attr != "__getitem__":
                    continue
                if isinstance(member, property) or inspect.isgetsetdescriptor(member) \
                        or inspect.ismemberdescriptor(member):
                    continue
                if callable(member) or isinstance(member, (classmethod, staticmethod)):
                    yield f"{name}.{attr}"
        elif callable(obj):
            yield name


def test_every_public_callable_is_listed():
    missing = [n for n in public_callables() if n not in CALLS and n not in NO_ARGUMENTS]
    assert not missing, f"add rows for {missing}"
