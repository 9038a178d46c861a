"""The package itself: exports, constants, docstrings and signatures, type
stubs, module state (multi-phase init), and no reference leaks."""
import ast
import datetime
import doctest
import gc
import importlib.util
import inspect
import os
import tracemalloc

import numpy as np
import pytest

import natopost
from natopost import _natopost

PACKAGE_DIR = os.path.dirname(natopost.__file__)
PUBLIC = ["CLEARANCES", "EVENT_CODES", "GRADES", "KINDS", "LEVELS", "PHASES", "Error", "Event",
          "Policy", "Posting", "Timeline", "__version__", "load", "loads", "read_notice",
          "read_notice_file", "save", "timeline"]
# Thin Python wrappers over the extension's collection type (natopost/_collection.py).
WRAPPERS = ["Candidate", "Collection", "Result", "SkippedFile", "eligibility"]
# Rosters (natopost/_roster.py): DataFrames and columns in, the core's counts out.
ROSTER_WRAPPERS = ["project_roster", "next_events"]
# pandas in and out (natopost/_frames.py): the core's column loops behind them.
FRAME_WRAPPERS = ["batch", "status", "timelines"]


def test_exports_and_constants():
    assert sorted(natopost.__all__) == sorted(PUBLIC + WRAPPERS + ROSTER_WRAPPERS + FRAME_WRAPPERS)
    for name in FRAME_WRAPPERS:
        assert getattr(natopost, name).__module__ == "natopost._frames"
        assert getattr(natopost, name).__doc__
    for name in WRAPPERS:
        assert getattr(natopost, name).__module__ == "natopost._collection"
        assert getattr(natopost, name).__doc__
    for name in ROSTER_WRAPPERS:
        assert getattr(natopost, name).__module__ == "natopost._roster"
        assert getattr(natopost, name).__doc__
    for name in PUBLIC:
        assert getattr(natopost, name) is getattr(_natopost, name)
    assert natopost.__version__ == "0.1.0"
    assert natopost.EVENT_CODES == (
        "entry_on_duty", "initial_contract_end", "renewal_start", "renewal_end",
        "conversion_window_open", "conversion_window_close", "contract_end", "max_service_end",
        "earliest_promotion")
    assert natopost.KINDS == ("external", "seconded", "serving")
    assert natopost.GRADES == tuple(f"G{n}" for n in range(1, 25))
    assert natopost.LEVELS == ("I", "II", "III", "IV", "V", "VI")
    assert natopost.CLEARANCES == ("NATO RESTRICTED", "NATO CONFIDENTIAL", "NATO SECRET",
                                   "COSMIC TOP SECRET")
    assert natopost.PHASES == ("not_started", "initial", "renewal", "ended")
    assert issubclass(natopost.Error, ValueError)
    for cls in (natopost.Timeline, natopost.Event, natopost.Policy, natopost.Posting,
                natopost.Error):
        assert cls.__module__ == "natopost"


DOCUMENTED = [
    natopost, natopost.timeline, natopost.batch, natopost.Timeline, natopost.Event,
    natopost.Policy, natopost.Error, natopost.Timeline.get, natopost.Timeline.status,
    natopost.Timeline.to_dict, natopost.Timeline.to_json, natopost.Timeline.to_ical,
    natopost.Timeline.events, natopost.Timeline.notes, natopost.Timeline.appointment,
    natopost.Timeline.policy, natopost.Timeline.renewed, natopost.Timeline.has_conversion_window,
    natopost.Timeline.promotion_reachable, natopost.Policy.from_json, natopost.Policy.load,
    natopost.Policy.save, natopost.Policy.to_json, natopost.Policy.to_dict,
]


@pytest.mark.parametrize("obj", DOCUMENTED, ids=lambda o: getattr(o, "__qualname__", repr(o)))
def test_every_public_object_has_a_docstring_with_an_example(obj):
    doc = inspect.getdoc(obj)
    assert doc and "Example" in doc and ">>>" in doc


@pytest.mark.parametrize("obj", DOCUMENTED, ids=lambda o: getattr(o, "__qualname__", repr(o)))
def test_docstring_examples_run(obj, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # Policy.save / load examples write files
    doc = inspect.getdoc(obj)
    name = getattr(obj, "__qualname__", "natopost")
    test = doctest.DocTestParser().get_doctest(doc, {"natopost": natopost, "datetime": datetime},
                                               name, None, 0)
    assert test.examples
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test, out=lambda text: pytest.fail(text))
    assert runner.failures == 0


def test_help_shows_signatures_and_examples():
    text = inspect.signature(natopost.timeline)
    assert list(text.parameters) == ["start", "kind", "initial_months", "renewal_months",
                                     "max_months", "twin_grade", "reduction_months",
                                     "direct_higher", "policy"]
    params = text.parameters
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in list(params.values())[1:])
    assert params["kind"].default == "external" and params["initial_months"].default is None
    assert params["twin_grade"].default is False and params["reduction_months"].default == 0
    sig = inspect.signature(natopost.batch)
    assert list(sig.parameters)[:2] == ["starts", "event"]
    assert sig.parameters["event"].default == "contract_end"
    assert sig.parameters["out"].kind is inspect.Parameter.KEYWORD_ONLY
    psig = inspect.signature(natopost.Policy)
    assert {name: p.default for name, p in psig.parameters.items()} == natopost.Policy().to_dict()
    assert "Policy(*, initial_months=36" in natopost.Policy.__text_signature__ or \
        str(psig).startswith("(*, initial_months=36")


def test_stubs_cover_the_extension():
    assert os.path.exists(os.path.join(PACKAGE_DIR, "py.typed"))
    with open(os.path.join(PACKAGE_DIR, "_natopost.pyi"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    top, classes = set(), {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            top.add(node.name)
            classes[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
            classes[node.name] |= {n.target.id for n in node.body if isinstance(n, ast.AnnAssign)}
        elif isinstance(node, ast.FunctionDef):
            top.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            top.add(node.target.id)
    assert set(PUBLIC) <= top
    for name in ("Timeline", "Event", "Policy", "Posting"):
        runtime = {m for m in vars(getattr(natopost, name)) if not m.startswith("_")}
        assert runtime <= classes[name], (name, runtime - classes[name])
    assert {"code", "line", "column", "offset"} <= classes["Error"]


def test_a_second_module_instance_has_its_own_types():
    spec = importlib.util.find_spec("natopost._natopost")
    other = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(other)
    assert other is not _natopost and other.Policy is not natopost.Policy
    t = other.timeline("2025-09-01", policy=other.Policy(renewal_months=24))
    assert type(t) is other.Timeline and type(t["contract_end"]) is other.Event
    assert t["contract_end"].date.isoformat() == "2030-08-31"
    with pytest.raises(TypeError, match="'policy' must be natopost.Policy"):
        natopost.timeline("2025-09-01", policy=other.Policy())
    with pytest.raises(other.Error):
        other.timeline("2025-02-30")


def _exercise():
    t = natopost.timeline("2025-09-01", twin_grade=True)
    t.to_dict(on="2030-01-01")
    t.to_json(on="2030-01-01")
    t.to_ical(dtstamp=0)
    list(t)
    t.notes, t.appointment, t.policy, repr(t), t.get("renewal_start"), "contract_end" in t
    natopost.timeline("2024-02-29", kind="seconded", twin_grade=True, reduction_months=24).notes
    p = natopost.Policy.from_json(natopost.Policy(renewal_months=24).to_json())
    hash(p), repr(p), p.to_dict(), p == natopost.Policy()
    natopost.batch(np.arange(100, dtype="i8"), "conversion_window_close")
    natopost.batch(np.arange(100, dtype="i8"), out=np.empty(100, dtype="i8"))
    for call in (lambda: natopost.timeline("2025-02-30"), lambda: natopost.timeline(1),
                 lambda: t["bogus"],
                 lambda: natopost.timeline("2025-09-01", renewal_months=0)["renewal_start"],
                 lambda: natopost.Policy.from_json("{,}"), lambda: natopost.Policy(turnover=1),
                 lambda: natopost.batch([1]), lambda: natopost.batch(np.array([2**40])),
                 lambda: natopost.timeline("2025-09-01", renewal_months=2**40),
                 lambda: natopost.Policy.load("/nonexistent/natopost/policy.json")):
        try:
            call()
        except (TypeError, ValueError, KeyError, OSError):
            pass
        else:  # pragma: no cover
            raise AssertionError("expected an error")


def test_no_memory_growth_over_many_calls():
    for _ in range(200):
        _exercise()
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for _ in range(3000):
            _exercise()
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    # A leak of one small object per call would be > 100 kB here.
    assert grown < 50_000, grown
