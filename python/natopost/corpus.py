r"""Scores the notice reader against a folder of notices with known facts.

Usage::

    python3 -m natopost.corpus DIR [--min-right FRACTION] [--max-wrong N] [--verbose]

``DIR`` holds ``expected.json`` and a ``notices/`` folder (or the notices next
to ``expected.json``). Each notice may start with a ``source: URL`` line and a
blank line, which record where it came from and are not read. ``expected.json``
maps a file name to the facts a person checked by reading that text
(``../shared/corpus/README.md`` explains each key); a fact the text does not
state is absent, and the reader must then give null.

For every fact the table counts:

- ``right``: the reader gives an acceptable value;
- ``missing``: the notice states it, the reader gives null;
- ``wrong``: the reader gives a value that is not the notice's;
- ``extra``: the notice states none (the key is absent) but the reader gives
  one; printed for review and counted as wrong, since nobody would see it.

The exit status is 1 when the share of right facts is under ``--min-right``
or when more than ``--max-wrong`` values are wrong (wrong + extra); 0 otherwise.
Only the scoring lives here: every value comes from the core's reader
(``natopost.read_notice``).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from typing import Any, Callable, Iterable

import natopost

FIELDS = ("title", "grade", "grade_high", "salary", "currency", "deadline", "requisition",
          "min_years", "lang_high", "lang_low", "body", "location")

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


def notice_text(raw: bytes) -> bytes:
    """The notice without its ``source:`` line and the blank line after it."""
    if raw.startswith(b"source:"):
        end = raw.find(b"\n")
        raw = b"" if end < 0 else raw[end + 1:]
        if raw.startswith(b"\r\n"):
            raw = raw[2:]
        elif raw.startswith(b"\n"):
            raw = raw[1:]
    return raw


def _squash(s: str) -> str:
    return " ".join(s.split()).casefold()


def _grade_forms(s: str) -> set[str]:
    """"A-2", "A.2", "A2", "NATO Grade G22", "G-15" -> comparable forms."""
    s = s.upper().replace("NATO GRADE", "").strip()
    return {re.sub(r"[\s.\-]", "", s)}


def _grade_value(posting: dict[str, Any], which: str) -> list[str] | None:
    grade = posting.get("grade")
    if not grade:
        return None
    g = grade.get(which)
    text = grade.get("text") or ""
    parts = [t for t in re.split(r"[/\s]|-(?=[A-Z])", text) if t]
    forms = []
    if g is not None:
        forms.append(f"G{g}")
    if parts:
        forms.append(parts[0] if which == "low" else parts[-1])
    if which == "high" and (g is None or g == grade.get("low")) and len(parts) < 2:
        return None  # a single grade states no higher grade
    return forms or None


def _experience(posting: dict[str, Any]) -> int | None:
    years = [r["as"]["experience"]["min_years"] for r in posting.get("requirements") or []
             if r.get("essential") and r.get("kind") == "experience" and r.get("as")
             and r["as"].get("experience", {}).get("min_years") is not None]
    return min(years) if years else None


def _languages(posting: dict[str, Any]) -> tuple[str | None, str | None]:
    for r in posting.get("requirements") or []:
        if not (r.get("essential") and r.get("kind") == "languages" and r.get("as")):
            continue
        lang = r["as"].get("languages") or {}
        one, other = lang.get("one"), lang.get("other")
        if one is None and other is None:
            one, other = lang.get("english"), lang.get("french")
        levels = [x for x in (one, other) if x]
        if len(levels) == 2:
            levels.sort(key=lambda x: _ROMAN.get(x, 0), reverse=True)
            return levels[0], levels[1]
    return None, None


def _initials(name: str) -> set[str]:
    """Abbreviations a body's name is known by, from its own words:
    "NATO Support and Procurement Agency" -> {"NSPA", "SPA"}."""
    words = [w for w in re.findall(r"[A-Za-z&]+", name) if w.lower() not in ("and", "of", "for", "the", "&")]
    caps = "".join(w[0].upper() for w in words)
    out = {caps}
    if words and words[0].upper() == "NATO":
        out.add(caps[1:])
    return out


def _body_key(name: str) -> set[str]:
    """Comparable keys of a body name: its squashed name without "NATO" and
    without a bracketed abbreviation, the abbreviation, and its initials."""
    keys = set()
    abbrev = re.findall(r"\(([^)]+)\)", name)
    bare = re.sub(r"\([^)]*\)", "", name).strip()
    for a in abbrev:
        keys.add(re.sub(r"^NATO\s+", "", a.strip(), flags=re.I).upper())
    no_nato = re.sub(r"^NATO\s+", "", bare, flags=re.I)
    keys.add(_squash(no_nato))
    if re.fullmatch(r"[A-Z&/]{2,}", no_nato.replace(" ", "")):
        keys.add(no_nato.replace(" ", "").upper())
    else:
        keys |= _initials(bare)
    keys.discard("")
    return keys


def _same_body(actual: str, expected: str) -> bool:
    a, e = _body_key(actual), _body_key(expected)
    return bool(a & e)


def _as_list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


def _compare(field: str, actual: Any, expected: Any) -> bool:
    if field == "title":
        return any(_squash(actual) == _squash(e) for e in _as_list(expected))
    if field in ("grade", "grade_high"):
        want = set().union(*(_grade_forms(e) for e in _as_list(expected)))
        return any(_grade_forms(a) & want for a in actual)
    if field == "salary":
        return math.isclose(float(actual), float(expected), abs_tol=0.005)
    if field == "body":
        return any(_same_body(actual, e) for e in _as_list(expected))
    if field in ("location", "currency", "requisition", "deadline", "lang_high", "lang_low"):
        return any(_squash(str(actual)) == _squash(str(e)) for e in _as_list(expected))
    return actual == expected


def facts_of(posting: dict[str, Any]) -> dict[str, Any]:
    """The reader's value of every scored fact (None when not read)."""
    salary = posting.get("salary") or {}
    high, low = _languages(posting)
    return {
        "title": posting.get("title"),
        "grade": _grade_value(posting, "low"),
        "grade_high": _grade_value(posting, "high"),
        "salary": salary.get("amount"),
        "currency": salary.get("currency"),
        "deadline": (posting.get("deadline") or {}).get("date"),
        "requisition": posting.get("requisition"),
        "min_years": _experience(posting),
        "lang_high": high,
        "lang_low": low,
        "body": posting.get("body"),
        "location": posting.get("location"),
    }


def score(folder: str, verbose: bool = False, out: Any = sys.stdout) -> dict[str, dict[str, int]]:
    """Reads every notice of ``folder`` and returns ``{field: {outcome: n}}``."""
    with open(os.path.join(folder, "expected.json"), encoding="utf-8") as f:
        expected: dict[str, dict[str, Any]] = json.load(f)
    notices = os.path.join(folder, "notices")
    if not os.path.isdir(notices):
        notices = folder
    table = {k: {"right": 0, "missing": 0, "wrong": 0, "extra": 0} for k in FIELDS}
    for name in sorted(expected):
        with open(os.path.join(notices, name), "rb") as f:
            text = notice_text(f.read())
        try:
            posting = json.loads(natopost.read_notice(text, source=name).to_json())
        except natopost.Error as e:
            posting = {}
            print(f"{name}: not read: {e}", file=out)
        facts = facts_of(posting)
        want = expected[name]
        for field in FIELDS:
            actual = facts[field]
            if field not in want:
                if actual is not None:
                    table[field]["extra"] += 1
                    print(f"{name}: {field}: extra {actual!r} (the notice states none)", file=out)
                continue
            if actual is None:
                outcome = "missing"
            else:
                outcome = "right" if _compare(field, actual, want[field]) else "wrong"
            table[field][outcome] += 1
            if outcome == "wrong" or (verbose and outcome == "missing"):
                print(f"{name}: {field}: {outcome} {actual!r}, expected {want[field]!r}", file=out)
    return table


def print_table(table: dict[str, dict[str, int]], out: Any = sys.stdout) -> tuple[int, int, int]:
    print(f"{'field':<12}{'right':>7}{'missing':>9}{'wrong':>7}{'extra':>7}", file=out)
    totals = {"right": 0, "missing": 0, "wrong": 0, "extra": 0}
    for field, row in table.items():
        if not any(row.values()):
            continue
        print(f"{field:<12}{row['right']:>7}{row['missing']:>9}{row['wrong']:>7}{row['extra']:>7}", file=out)
        for k in totals:
            totals[k] += row[k]
    facts = totals["right"] + totals["missing"] + totals["wrong"]
    print(f"{'total':<12}{totals['right']:>7}{totals['missing']:>9}{totals['wrong']:>7}{totals['extra']:>7}", file=out)
    share = totals["right"] / facts if facts else 0.0
    print(f"{totals['right']} of {facts} facts right ({share:.1%}), "
          f"{totals['wrong']} wrong, {totals['extra']} extra", file=out)
    return totals["right"], facts, totals["wrong"] + totals["extra"]


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m natopost.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="a folder with expected.json and notices/")
    parser.add_argument("--min-right", type=float, default=0.0,
                        help="fail when fewer than this share of facts are right (0..1)")
    parser.add_argument("--max-wrong", type=int, default=None,
                        help="fail when more values than this are wrong or extra")
    parser.add_argument("--verbose", "-v", action="store_true", help="also list every missing fact")
    args = parser.parse_args(None if argv is None else list(argv))
    if not 0.0 <= args.min_right <= 1.0:
        parser.error(f"--min-right must be between 0 and 1, not {args.min_right}")
    try:
        table = score(args.folder, verbose=args.verbose)
    except (OSError, ValueError) as e:
        print(f"natopost.corpus: {e}", file=sys.stderr)
        return 2
    right, facts, wrong = print_table(table)
    failed = False
    if facts and right / facts < args.min_right:
        print(f"FAIL: {right / facts:.1%} right, under the target {args.min_right:.0%}")
        failed = True
    if args.max_wrong is not None and wrong > args.max_wrong:
        print(f"FAIL: {wrong} wrong or extra values, more than {args.max_wrong}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
