"""Bindings under stress (issue 6, item 3): every public function and method,
with valid and invalid inputs, 100,000 calls in all, and memory that does not
grow; objects that stay valid when what they came from is gone.

Memory is measured after a warm-up, with tracemalloc already running (its own
tables then no longer grow):
  * tracemalloc's traced memory (Python's allocators), per operation and in all;
  * the C heap in use (glibc's mallinfo2, or AddressSanitizer's count: what
    the core, jansson and large Python objects allocate, less tracemalloc's
    own tables), per operation and in all;
  * the process RSS (/proc/self/statm), in all;
  * the reference counts of the module's shared objects (types, interned code
    strings, None/True/False), which a leaked reference would raise without
    allocating anything.
The bounds are calibrated so that leaking one small object (a 16-byte block)
per call of any single operation fails.

Under AddressSanitizer (the meson tests preload its runtime) the C heap is
its allocator's count and the RSS is not checked (its quarantine keeps freed
memory resident); 100,000 calls take about 5 s there, 2-3 s without.
"""
import array
import copy
import ctypes
import ctypes.util
import datetime
import gc
import os
import pickle
import sys
import tempfile
import tracemalloc

import numpy as np
import pytest

import natopost
from natopost import _natopost

TOTAL_CALLS = 100_000
WARMUP_ROUNDS = 30

D = datetime.date
DT = datetime.datetime
NAT = np.iinfo(np.int64).min


class Unexpected(AssertionError):
    pass


# ---- the operations ----------------------------------------------------------------------
# Each: (name, callable, expected exception type or None). Invalid inputs must
# raise exactly that type (natopost.Error is a ValueError: listed as such).

def _operations(tmp):
    t = natopost.timeline("2025-09-01", twin_grade=True)
    t_sec = natopost.timeline("2024-02-29", kind="seconded", renewal_months=36)
    t_short = natopost.timeline("2026-03-31", renewal_months=12, twin_grade=True,
                                reduction_months=24)
    e = t["contract_end"]
    e2 = t_sec["renewal_end"]  # has a note
    p = natopost.Policy(renewal_months=24)
    p_json = p.to_json()
    policy_file = os.path.join(tmp, "policy.json")
    p.save(policy_file)
    bad_policy_file = os.path.join(tmp, "bad.json")
    with open(bad_policy_file, "w", encoding="utf-8") as f:
        f.write('{"renewal_months": 24,,}')
    starts = (np.datetime64("2020-01-01") + np.arange(64)).astype("datetime64[D]").view("i8")
    starts_nat = starts.copy()
    starts_nat[3] = NAT
    out = np.empty_like(starts)
    aq = array.array("q", starts.tolist())
    E, TE, KE, OE = ValueError, TypeError, KeyError, OSError
    ops = [
        # natopost.timeline(): valid
        ("timeline date", lambda: natopost.timeline(D(2025, 9, 1)), None),
        ("timeline str twin", lambda: natopost.timeline("2025-09-01", twin_grade=True), None),
        ("timeline all kwargs", lambda: natopost.timeline(
            "2024-02-29", kind="seconded", initial_months=24, renewal_months=12, max_months=60,
            twin_grade=True, reduction_months=12, direct_higher=False, policy=p), None),
        ("timeline serving direct", lambda: natopost.timeline(
            D(2000, 1, 31), kind="serving", twin_grade=True, direct_higher=True), None),
        ("timeline None overrides", lambda: natopost.timeline(
            "2025-09-01", initial_months=None, renewal_months=None, max_months=None,
            policy=None), None),
        ("timeline **kwargs", lambda: natopost.timeline(**{"start": "2025-09-01",
                                                           "".join(["twin", "_grade"]): True}),
         None),
        # natopost.timeline(): invalid
        ("timeline bad date", lambda: natopost.timeline("2025-02-30"), E),
        ("timeline year 0", lambda: natopost.timeline("0000-01-01"), E),
        ("timeline year 10000", lambda: natopost.timeline("10000-01-01"), E),
        ("timeline empty", lambda: natopost.timeline(""), E),
        ("timeline garbage", lambda: natopost.timeline("\xff\x00garbage"), E),
        ("timeline NUL", lambda: natopost.timeline("2025-09-01\0"), E),
        ("timeline surrogate", lambda: natopost.timeline("\ud800"), (E, UnicodeError)),
        ("timeline int start", lambda: natopost.timeline(20250901), TE),
        ("timeline None start", lambda: natopost.timeline(None), TE),
        ("timeline datetime at noon", lambda: natopost.timeline(DT(2025, 9, 1, 12)), ValueError),
        ("timeline bytes", lambda: natopost.timeline(b"2025-09-01"), TE),
        ("timeline no args", lambda: natopost.timeline(), TE),
        ("timeline 2 positional", lambda: natopost.timeline("2025-09-01", "external"), TE),
        ("timeline unknown kw", lambda: natopost.timeline("2025-09-01", bogus=1), TE),
        ("timeline duplicate", lambda: natopost.timeline("2025-09-01", start="2025-09-01"), TE),
        ("timeline kind int", lambda: natopost.timeline("2025-09-01", kind=1), TE),
        ("timeline kind bad", lambda: natopost.timeline("2025-09-01", kind="contractor"), E),
        ("timeline months str", lambda: natopost.timeline("2025-09-01", initial_months="36"), TE),
        ("timeline months float", lambda: natopost.timeline("2025-09-01", max_months=72.0), TE),
        ("timeline months bool", lambda: natopost.timeline("2025-09-01", renewal_months=True), TE),
        ("timeline months huge", lambda: natopost.timeline("2025-09-01", renewal_months=2**70), E),
        ("timeline months -1", lambda: natopost.timeline("2025-09-01", renewal_months=-1), E),
        ("timeline months 2**31", lambda: natopost.timeline("2025-09-01", max_months=2**31), E),
        ("timeline reduction None", lambda: natopost.timeline(
            "2025-09-01", reduction_months=None), TE),
        ("timeline reduction big", lambda: natopost.timeline(
            "2025-09-01", twin_grade=True, reduction_months=25), E),
        ("timeline twin int", lambda: natopost.timeline("2025-09-01", twin_grade=1), TE),
        ("timeline direct None", lambda: natopost.timeline("2025-09-01", direct_higher=None), TE),
        ("timeline policy dict", lambda: natopost.timeline("2025-09-01", policy={}), TE),
        ("timeline past 9999", lambda: natopost.timeline("9999-01-01"), E),
        # Timeline: mapping protocol, attributes, methods
        ("t[code]", lambda: t["contract_end"], None),
        ("t[absent]", lambda: t_short["conversion_window_open"], KE),
        ("t[unknown]", lambda: t["contract_ending"], KE),
        ("t[int]", lambda: t[0], TE),
        ("t[NUL]", lambda: t["contract_end\0"], KE),
        ("t.get", lambda: t.get("earliest_promotion"), None),
        ("t.get default", lambda: t_short.get("conversion_window_open", 0), None),
        ("t.get unknown", lambda: t.get("bogus"), E),
        ("t.get int", lambda: t.get(1), TE),
        ("t.get no args", lambda: t.get(), TE),
        ("in", lambda: ("renewal_start" in t, "bogus" in t, 7 in t), None),
        ("len iter", lambda: (len(t), list(t), [x.date for x in t_sec]), None),
        ("attributes", lambda: (t.events, t.notes, t.appointment, t.policy, t.renewed,
                                t.has_conversion_window, t.promotion_reachable), None),
        ("seconded notes", lambda: (t_sec.notes, t_short.notes, t_sec.events), None),
        ("repr", lambda: (repr(t), repr(t_sec)), None),
        ("setattr", lambda: setattr(t, "renewed", False), AttributeError),
        ("status", lambda: t.status("2030-08-31"), None),
        ("status date kw", lambda: t_sec.status(on=D(2024, 2, 28)), None),
        ("status None", lambda: t.status(None), TE),
        ("status missing", lambda: t.status(), TE),
        ("status bad date", lambda: t.status("2030-13-01"), E),
        ("status datetime at noon", lambda: t.status(DT(2030, 1, 1, 12)), ValueError),
        ("status unknown kw", lambda: t.status(when="2030-01-01"), TE),
        ("to_dict", lambda: t.to_dict(), None),
        ("to_dict on", lambda: t_sec.to_dict(on="2027-01-01"), None),
        ("to_dict bad", lambda: t.to_dict(on=5), TE),
        ("to_json", lambda: t.to_json(), None),
        ("to_json on", lambda: t_sec.to_json(on=D(2029, 1, 1)), None),
        ("to_json bad", lambda: t.to_json(on="yesterday"), E),
        ("to_ical", lambda: t.to_ical(dtstamp=1_700_000_000), None),
        ("to_ical datetime", lambda: t_sec.to_ical(dtstamp=DT(2025, 1, 1, 12, 0)), None),
        ("to_ical now", lambda: t_short.to_ical(), None),
        ("to_ical str", lambda: t.to_ical(dtstamp="now"), TE),
        ("to_ical huge", lambda: t.to_ical(dtstamp=2**64), E),
        ("to_ical range", lambda: t.to_ical(dtstamp=2**63 - 1), E),
        ("to_ical 2 args", lambda: t.to_ical(0, 1), TE),
        # Event
        ("event attributes", lambda: (e.code, e.date, e.label, e.note, e2.note), None),
        ("event fresh date", lambda: t["entry_on_duty"].date, None),
        ("event eq hash", lambda: (e == t["contract_end"], e != e2, hash(e), hash(e2),
                                   e == "contract_end"), None),
        ("event repr", lambda: (repr(e), repr(e2)), None),
        ("event setattr", lambda: setattr(e, "date", None), AttributeError),
        ("event new", lambda: natopost.Event(), TE),
        ("timeline new", lambda: natopost.Timeline(), TE),
        # Policy
        ("Policy()", lambda: natopost.Policy(), None),
        ("Policy kwargs", lambda: natopost.Policy(initial_months=24, renewal_months=24,
                                                  max_months=60, seconded_conversion=True), None),
        ("Policy positional", lambda: natopost.Policy(36), TE),
        ("Policy unknown", lambda: natopost.Policy(turnover=1), TE),
        ("Policy str value", lambda: natopost.Policy(max_months="72"), TE),
        ("Policy bool value", lambda: natopost.Policy(seconded_conversion=1), TE),
        ("Policy invalid", lambda: natopost.Policy(initial_months=0), E),
        ("Policy too big", lambda: natopost.Policy(max_months=1201), E),
        ("Policy huge", lambda: natopost.Policy(max_months=2**80), E),
        ("from_json str", lambda: natopost.Policy.from_json(p_json), None),
        ("from_json bytes", lambda: natopost.Policy.from_json(b'{"max_months": 60, "renewal_months": 24}'), None),
        ("from_json memoryview", lambda: natopost.Policy.from_json(memoryview(b"{}")), None),
        ("from_json syntax", lambda: natopost.Policy.from_json('{"renewal_months": 36,,}'), E),
        ("from_json unknown key", lambda: natopost.Policy.from_json('{"bogus": 1}'), E),
        ("from_json wrong type", lambda: natopost.Policy.from_json('{"max_months": "72"}'), E),
        ("from_json range", lambda: natopost.Policy.from_json('{"max_months": 1e30}'), E),
        ("from_json not object", lambda: natopost.Policy.from_json("[1, 2]"), E),
        ("from_json empty", lambda: natopost.Policy.from_json(""), E),
        ("from_json binary", lambda: natopost.Policy.from_json(b"\xff\xfe\x00{"), E),
        ("from_json deep", lambda: natopost.Policy.from_json("[" * 10 + "]" * 10), E),
        ("from_json int", lambda: natopost.Policy.from_json(42), TE),
        ("load", lambda: natopost.Policy.load(policy_file), None),
        ("load bad json", lambda: natopost.Policy.load(bad_policy_file), E),
        ("load missing", lambda: natopost.Policy.load(os.path.join(tmp, "missing.json")), OE),
        ("load int", lambda: natopost.Policy.load(3.5), TE),
        ("load NUL", lambda: natopost.Policy.load("p\0.json"), E),
        ("save", lambda: p.save(policy_file), None),
        ("save no dir", lambda: p.save(os.path.join(tmp, "no", "such", "dir.json")), OE),
        ("save None", lambda: p.save(None), TE),
        ("policy to_json to_dict", lambda: (p.to_json(), p.to_dict()), None),
        ("policy attributes", lambda: (p.initial_months, p.renewal_months, p.max_months,
                                       p.promotion_months, p.max_reduction_months,
                                       p.conversion_notice_months, p.seconded_conversion), None),
        ("policy eq hash repr", lambda: (p == natopost.Policy(renewal_months=24), p != 1,
                                         hash(p), repr(p)), None),
        ("policy pickle copy", lambda: (pickle.loads(pickle.dumps(p)), copy.copy(p),
                                        copy.deepcopy(p)), None),
        ("policy setattr", lambda: setattr(p, "max_months", 1), AttributeError),
        # batch
        ("batch numpy", lambda: natopost.batch(starts, "contract_end", twin_grade=True), None),
        ("batch NaT every event", lambda: [natopost.batch(starts_nat, c)
                                          for c in natopost.EVENT_CODES], None),
        ("batch out=", lambda: natopost.batch(starts, out=out, kind="seconded", policy=p), None),
        ("batch in place", lambda: natopost.batch(out.copy(), "entry_on_duty",
                                                  out=None), None),
        ("batch array('q')", lambda: natopost.batch(aq, "renewal_end"), None),
        ("batch empty", lambda: natopost.batch(np.empty(0, dtype="i8")), None),
        ("batch list", lambda: natopost.batch([1, 2, 3]), TE),
        ("batch int32", lambda: natopost.batch(np.arange(4, dtype="i4")), TE),
        ("batch 2-D", lambda: natopost.batch(np.zeros((2, 2), dtype="i8")), TE),
        ("batch strided", lambda: natopost.batch(starts[::2]), TE),
        ("batch readonly out", lambda: natopost.batch(starts, out=bytes(starts.nbytes)), TE),
        ("batch short out", lambda: natopost.batch(starts, out=np.empty(3, dtype="i8")), E),
        ("batch unknown event", lambda: natopost.batch(starts, "bogus"), E),
        ("batch event int", lambda: natopost.batch(starts, 3), TE),
        ("batch out of range", lambda: natopost.batch(np.array([2**40], dtype="i8")), E),
        ("batch bad kwargs", lambda: natopost.batch(starts, kind="x"), E),
        ("batch unknown kw", lambda: natopost.batch(starts, when=1), TE),
        ("batch missing", lambda: natopost.batch(), TE),
    ]
    # Postings, collections, queries and eligibility.
    notice = ("Officer, Plans\nNATO Grade G15/G16\nApplication Deadline: 2026-03-31\n"
              "QUALIFICATIONS AND EXPERIENCE\nThe incumbent must:\n"
              "- have at least 2 years' experience;\n"
              "- possess the following minimum levels of NATO's official languages "
              "(English/French): V (\"Advanced\") in one; II (\"Elementary\") in the other.\n")
    post = natopost.read_notice(notice)
    post_json = post.to_json()
    postings_file = os.path.join(tmp, "postings.ndjson")
    natopost.save(postings_file, [post, post])
    coll = natopost.Collection(postings=[post, post])
    cand = natopost.Candidate(degree="university", experience_years=3,
                              languages={"english": "V", "french": "II"}, nationality="BE")
    coll.add_candidate("c", cand)
    ops += [
        ("read_notice", lambda: natopost.read_notice(notice), None),
        ("read_notice empty", lambda: natopost.read_notice(""), E),
        ("read_notice NUL", lambda: natopost.read_notice("a\x00b"), E),
        ("read_notice int", lambda: natopost.read_notice(3), TE),
        ("posting to_dict", lambda: post.to_dict(), None),
        ("posting to_json", lambda: post.to_json(), None),
        ("posting to_jsonld", lambda: post.to_jsonld(), None),
        ("posting from_json", lambda: natopost.Posting.from_json(post_json), None),
        ("posting from_json bad", lambda: natopost.Posting.from_json("{"), E),
        ("posting timeline", lambda: post.timeline("2026-05-01"), E),  # no contract terms
        ("posting attrs", lambda: (post.title, post.grade, post.deadline, post.requirements), None),
        ("loads", lambda: natopost.loads(post_json), None),
        ("loads bomb", lambda: natopost.loads("[" * 5000), E),
        ("load postings", lambda: natopost.load(postings_file), None),
        ("collection build", lambda: natopost.Collection(postings=[post]), None),
        ("collection query", lambda: coll.query("grade >= G15 and lang.second >= II order by deadline"), None),
        ("collection count by", lambda: coll.query("count by grade"), None),
        ("collection bad query", lambda: coll.query("grade >= (G15"), E),
        ("collection query int", lambda: coll.query(5), TE),
        ("collection records", lambda: coll.to_records(), None),
        ("collection eligible", lambda: coll.query("eligible(c)"), None),
        ("eligibility", lambda: natopost.eligibility(cand, post), None),
        ("eligibility bad", lambda: natopost.eligibility({"langs": 1}, post), E),
        ("eligibility type", lambda: natopost.eligibility(cand, 3), TE),
    ]
    names = [name for name, _, _ in ops]
    assert len(names) == len(set(names))
    return ops


def _call(name, fn, expected):
    try:
        fn()
    except Exception as exc:  # noqa: BLE001 - the point is to check the type
        if expected is None or not isinstance(exc, expected):
            raise Unexpected(f"{name}: raised {exc!r}, expected {expected}") from exc
    else:
        if expected is not None:
            raise Unexpected(f"{name}: returned, expected {expected}")


# ---- memory measurements -----------------------------------------------------------------

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss():
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * PAGE


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _c_heap_probe():
    """Bytes in use in the C heap: AddressSanitizer's allocator count when its
    runtime is loaded (freed blocks waiting in its quarantine not included),
    else glibc's mallinfo2(); None where neither is available."""
    try:
        process = ctypes.CDLL(None)
        asan = process.__sanitizer_get_current_allocated_bytes
    except (OSError, AttributeError):
        asan = None
    if asan is not None:
        asan.restype, asan.argtypes = ctypes.c_size_t, []
        return "AddressSanitizer", asan
    try:
        mallinfo2 = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallinfo2
    except (OSError, AttributeError):
        return None, None
    mallinfo2.restype, mallinfo2.argtypes = _Mallinfo2, []

    def probe():
        info = mallinfo2()
        return info.uordblks + info.hblkhd
    return ("glibc", probe) if probe() > 0 else (None, None)


C_HEAP_SOURCE, C_HEAP = _c_heap_probe()
# ASan keeps freed memory resident (its quarantine): the RSS says nothing there.
RSS_MEANINGFUL = C_HEAP_SOURCE != "AddressSanitizer"


def _shared_objects():
    objs = [natopost.Timeline, natopost.Event, natopost.Policy, natopost.Error, _natopost,
            natopost.timeline, natopost.batch, None, True, False]
    objs += list(natopost.EVENT_CODES) + list(natopost.KINDS)
    return objs


def _refcounts():
    return [sys.getrefcount(o) for o in _shared_objects()]


# The bounds. An operation's growth is measured over the second half of its
# calls (the first half settles one-time allocations such as caches), with the
# cyclic GC off and CPython's free lists full (see _fill_free_lists). A leak of
# one 16-byte block per call is >= 16 B * calls; an operation gets at least
# TOTAL_CALLS / len(ops) / 2 measured calls (about 385 without a sanitizer), so
# >= 6 kB, against a bound of 1 kB + 8 B per call (4 kB). Measured noise: under
# 100 B per operation. The totals catch what grows across operations.
PER_OP_BYTES_PER_CALL = 8      # half the smallest block
PER_OP_SLACK = 1024
TRACED_TOTAL = 64 * 1024
C_HEAP_TOTAL = 64 * 1024
RSS_TOTAL = 1024 * 1024       # 16 B per call over 100,000 calls is 1.6 MB
REFCOUNT_SLACK = 50


class _Meter:
    """Traced bytes, and C heap bytes in use less tracemalloc's own (its table
    of traces grows with the traced blocks)."""

    @staticmethod
    def now():
        traced = tracemalloc.get_traced_memory()[0]
        heap = C_HEAP() - tracemalloc.get_tracemalloc_memory() if C_HEAP else 0
        return traced, heap


def _fill_free_lists():
    """Fills CPython's free lists (2000 tuples of each size up to 20; lists,
    dicts, floats). A full collection empties them; a run of calls that frees
    more blocks of one kind than it takes (copy.deepcopy() resizes tuples:
    48 B per call into the one-item tuple list, until it holds 2000) then
    refills them: bounded growth, not a leak, but it looks like one. Kept
    full, they cannot grow (they may shrink, which errs on the safe side)."""
    held = [tuple([i] * n) for n in range(1, 21) for i in range(2000)]
    held += [[i] for i in range(200)] + [{i: i} for i in range(200)]
    held += [float(i) + 0.5 for i in range(200)]
    del held


def _settle(ops):
    """A full collection, one call of each operation, full free lists (they
    stay full while the cyclic GC is off)."""
    gc.collect()
    for name, fn, expected in ops:
        _call(name, fn, expected)
    _fill_free_lists()


def test_every_call_many_times_without_memory_growth(tmp_path):
    ops = _operations(str(tmp_path))
    per_op = max(2, TOTAL_CALLS // len(ops))
    calls = 0
    # Per operation: traced bytes, C heap bytes (filled in place: no allocation
    # in the measured loop but the operations' own).
    grown = array.array("q", bytes(8 * 2 * len(ops)))
    gc_was_enabled = gc.isenabled()
    gc.disable()
    tracemalloc.start()
    try:
        for _ in range(WARMUP_ROUNDS):
            for name, fn, expected in ops:
                _call(name, fn, expected)
        _settle(ops)
        (traced0, heap0), rss0, refs0 = _Meter.now(), rss(), _refcounts()

        half = per_op // 2
        for k, (name, fn, expected) in enumerate(ops):
            for _ in range(half):
                _call(name, fn, expected)
            before = _Meter.now()
            for _ in range(per_op - half):
                _call(name, fn, expected)
            after = _Meter.now()
            grown[2 * k] = after[0] - before[0]
            grown[2 * k + 1] = after[1] - before[1]
            before = after = None
        calls = per_op * len(ops)

        # No collection here: it would empty the free lists filled above.
        # With the cyclic GC off, cyclic garbage would show as growth.
        (traced1, heap1), rss1, refs1 = _Meter.now(), rss(), _refcounts()
    finally:
        tracemalloc.stop()
        if gc_was_enabled:
            gc.enable()
    traced, heap, rss_growth = traced1 - traced0, heap1 - heap0, rss1 - rss0
    growth = [(name, grown[2 * k], grown[2 * k + 1], per_op - half)
              for k, (name, _, _) in enumerate(ops)]

    assert calls >= TOTAL_CALLS - 2 * len(ops)
    worst = sorted(growth, key=lambda g: -max(g[1], g[2]))[:3]
    print(f"\n{calls} calls over {len(ops)} operations; growth: traced {traced:+d} B, C heap "
          f"({C_HEAP_SOURCE or 'not measured'}) {heap:+d} B, RSS {rss_growth:+d} B"
          f"{'' if RSS_MEANINGFUL else ' (not checked: ASan quarantine)'}; "
          f"largest per operation (name, traced, C heap, calls): {worst}")
    leaky = [g for g in growth if max(g[1], g[2]) > PER_OP_SLACK + PER_OP_BYTES_PER_CALL * g[3]]
    assert not leaky, f"memory grows with the calls of {leaky}"
    assert traced < TRACED_TOTAL, traced
    assert heap < C_HEAP_TOTAL, heap
    assert rss_growth < RSS_TOTAL or not RSS_MEANINGFUL, rss_growth
    moved = [(repr(o)[:40], b, a) for o, b, a in zip(_shared_objects(), refs0, refs1)
             if a - b > REFCOUNT_SLACK]
    assert not moved, f"reference counts grew: {moved}"


# ---- objects outlive what they came from -------------------------------------------------

def _churn():
    """Reuses freed memory, so that a dangling pointer reads something else."""
    junk = [natopost.timeline("1999-12-31", kind="serving", twin_grade=True) for _ in range(200)]
    junk += [natopost.Policy(max_months=72 + i % 10) for i in range(200)]
    junk += [bytearray(b"\xa5" * 1100) for _ in range(200)]
    del junk
    gc.collect()


def test_an_event_outlives_its_timeline():
    t = natopost.timeline("2024-02-29", kind="seconded", twin_grade=True)
    end, renewal_end = t["contract_end"], t.get("renewal_end")
    events, it = t.events, iter(t)
    del t
    gc.collect()
    _churn()
    # .date is made on first access: after the timeline is gone.
    assert end.date == D(2030, 2, 28) and end.code == "contract_end"
    assert end.label == "Contract end" and end.note is None
    assert renewal_end.note == "subject to the agreement of the national authority"
    assert repr(end).startswith("natopost.Event(code='contract_end', date=datetime.date(2030, 2, 28)")
    assert [e.code for e in events] == [e.code for e in it]
    assert hash(end) == hash(natopost.timeline("2024-02-29", kind="seconded")["contract_end"])


def test_a_timeline_outlives_its_policy():
    p = natopost.Policy(renewal_months=24, max_months=60)
    t = natopost.timeline("2025-09-01", policy=p)
    ends = natopost.batch(np.array([20332], dtype="i8"), policy=p)
    del p
    gc.collect()
    _churn()
    assert t.policy.renewal_months == 24 and t.policy.max_months == 60
    assert t.policy == natopost.Policy(renewal_months=24, max_months=60)
    assert t["contract_end"].date == D(2030, 8, 31)
    assert '"renewal_months": 24' in t.to_json() or '"renewal_months":24' in t.to_json()
    assert t.to_dict()["policy"]["renewal_months"] == 24
    assert t.status("2030-08-31")["phase"] == "renewal"
    assert np.frombuffer(ends, dtype="datetime64[D]")[0] == np.datetime64("2030-08-31")


def test_a_policy_outlives_its_timeline_and_text():
    text = '{"renewal_months": 12}'
    p = natopost.Policy.from_json(text)
    t = natopost.timeline("2025-09-01", policy=p)
    p2 = t.policy
    del t, text
    gc.collect()
    _churn()
    assert p2.renewal_months == 12 and p == p2 and hash(p) == hash(p2)


def test_batch_results_outlive_their_inputs():
    starts = np.arange(np.datetime64("2025-01-01"), np.datetime64("2025-02-01"),
                       dtype="datetime64[D]").view("i8").copy()
    res = natopost.batch(starts, "contract_end")
    expected = [natopost.timeline(D(2025, 1, 1) + datetime.timedelta(days=i))["contract_end"].date
                for i in range(31)]
    del starts
    gc.collect()
    _churn()
    got = np.frombuffer(res, dtype="datetime64[D]").astype(D).tolist()
    assert got == expected


def test_errors_outlive_their_inputs():
    try:
        natopost.Policy.from_json("{\n  " + '"renewal_months": 36,,}')
    except natopost.Error as exc:
        err = exc
    _churn()
    assert err.code == "parse error" and err.line == 2 and err.column > 0 and str(err)


def test_objects_outlive_a_second_module_instance():
    import importlib.util
    spec = importlib.util.find_spec("natopost._natopost")
    other = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(other)
    t = other.timeline("2025-09-01", twin_grade=True)
    e = t["contract_end"]
    del other, spec
    gc.collect()
    _churn()
    assert e.date == D(2031, 8, 31) and e.code == "contract_end" and len(t) == 9
    assert type(e).__name__ == "Event" and t.policy.max_months == 72
