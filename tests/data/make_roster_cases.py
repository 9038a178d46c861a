"""Writes roster_cases.json: rosters every host projects (CLI, Python, Lua).

The rows are generated (fixed seed) valid by construction: starts on month
ends and leap days half the time, every kind, month counts left to the policy
or given, twin grades with reductions and direct appointments. The file holds
inputs, and the rules every host must follow where hosts could differ:
each host's test compares its projection with counts it computes itself from
timeline() and status() per appointment, and with the CLI's.

Rules pinned here (README, "Rosters"):
- `ids`: the ids next_events gives: the row's id, else its number counted
  from 1 as text ("1", "2", ...), as the CLI prints it;
- a missing group value (an absent key: an empty CSV cell, None/NaN in
  Python, nil in Lua) and an empty one are one group, labelled "".
Run: /usr/bin/python3 tests/data/make_roster_cases.py > tests/data/roster_cases.json
"""
import calendar
import json
import random

DIVISIONS = ["Operations", "Defence Investment", "Political Affairs, Security", "Executive \"Management\""]


def start(rng: random.Random) -> str:
    year, month = rng.randint(2014, 2030), rng.randint(1, 12)
    last = calendar.monthrange(year, month)[1]
    pick = rng.randint(0, 5)
    if pick == 0 and calendar.isleap(year):
        month, last = 2, 29
    day = last if pick <= 2 else rng.randint(1, last)
    return f"{year:04d}-{month:02d}-{day:02d}"


def row(rng: random.Random, i: int) -> dict:
    kind = rng.choice(["external", "seconded", "serving"])
    r = {"id": f"S-{i:03d}", "start": start(rng), "kind": kind,
         "division": rng.choice(DIVISIONS), "grade": rng.choice(["G13", "G15/G16", "G17"]),
         "twin_grade": rng.random() < 0.5}
    for key, values in (("initial_months", [12, 24, 36]), ("renewal_months", [0, 12, 18, 24, 36]),
                        ("max_months", [72, 96])):
        if rng.random() < 0.5:
            r[key] = rng.choice(values)
    if r["twin_grade"] and kind != "serving" and rng.random() < 0.5:
        r["reduction_months"] = rng.choice([0, 12, 24])
    if r["twin_grade"] and kind == "serving" and rng.random() < 0.3:
        r["direct_higher"] = True
    return r


def main() -> None:
    rng = random.Random(18)
    cases = []
    for n, (months, by) in enumerate([(24, None), (120, "division"), (36, "grade"), (13, None)]):
        rows = [row(rng, i) for i in range(25 + 10 * n)]
        first = f"{rng.randint(2016, 2029)}-{rng.randint(1, 12):02d}"
        after = start(rng)
        cases.append({"about": f"random roster {n}", "rows": rows, "start": first,
                      "months": months, "by": by, "after": after})
    # Generated from their own seed, so that the cases above stay as they were.
    rng = random.Random(1818)
    rows = [row(rng, i) for i in range(30)]
    for i in (0, 4, 5, 17):
        del rows[i]["division"]
    rows[9]["division"] = rows[22]["division"] = ""
    cases.append({"about": "missing and empty group values: one group, labelled \"\"", "rows": rows,
                  "start": "2024-01", "months": 36, "by": "division", "after": start(rng)})
    rows = [row(rng, i) for i in range(20)]
    for r in rows:
        del r["id"]
    cases.append({"about": "rows without ids: next events number them from 1", "rows": rows,
                  "start": "2025-06", "months": 24, "by": "grade", "after": start(rng)})
    for case in cases:
        case["ids"] = [r.get("id", str(i)) for i, r in enumerate(case["rows"], start=1)]
    errors = [
        {"about": "renewal beyond the maximum", "rows": [
            {"id": "A", "start": "2025-01-01"}, {"id": "B", "start": "2025-01-01", "renewal_months": 40}],
         "message_contains": ["renewal_months must be between 0 and 36"]},
        {"about": "a date that does not exist", "rows": [{"id": "A", "start": "2025-02-30"}],
         "message_contains": ["start", "day 30 is out of range for February 2025"]},
        {"about": "an unknown kind", "rows": [{"id": "A", "start": "2025-01-01", "kind": "intern"}],
         "message_contains": ["kind", "\"intern\"", "is not one of external, seconded, serving"]},
        {"about": "a reduction without a twin grade", "rows": [
            {"id": "A", "start": "2025-01-01", "reduction_months": 12}],
         "message_contains": ["reduction_months applies only to twin-graded posts"]},
    ]
    print(json.dumps({"cases": cases, "errors": errors}, indent=1))


if __name__ == "__main__":
    main()
