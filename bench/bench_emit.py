"""The emitter (natopost/emit.h) against JSON text plus json.loads, measured
side by side in one run on the example notices.

Before the emitter, Posting.to_dict() and the nested attributes (p.salary,
p.requirements, ...) were the core's posting JSON text parsed by json.loads
(and Lua's p:to_table() and every p.<field> the same text parsed by
jansson); now the core walks the record straight into dicts. Timeline.to_dict()
is compared with json.loads(to_json()) for the record. Prints microseconds per
call and the ratio (JSON text + json.loads / emitter).
"""
import json
import pathlib
import sys
import time

import natopost

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples" / "postings"


def per_call(fn, rounds=ROUNDS):
    fn()
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(rounds):
            fn()
        best = min(best, (time.perf_counter() - t0) / rounds)
    return best * 1e6


def row(name, emitter, text):
    e, t = per_call(emitter), per_call(text)
    print(f"{name:<34} emitter {e:8.2f} us   JSON text + json.loads {t:8.2f} us   ratio {t / e:5.2f}x")


postings = [natopost.read_notice_file(p) for p in sorted(EXAMPLES.glob("*.txt"))]
row("Posting.to_dict() (all examples)", lambda: [p.to_dict() for p in postings],
    lambda: [json.loads(p.to_json()) for p in postings])
row("p.requirements (all examples)", lambda: [p.requirements for p in postings],
    lambda: [json.loads(p.to_json())["requirements"] for p in postings])
t = natopost.timeline("2025-09-01", twin_grade=True)
row("Timeline.to_dict(on=...)", lambda: t.to_dict(on="2027-01-01"),
    lambda: json.loads(t.to_json(on="2027-01-01")))
