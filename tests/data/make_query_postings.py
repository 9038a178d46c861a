#!/usr/bin/python3
"""Writes query_postings.ndjson: the synthetic postings of the shared query
table (query_cases.json), in the natopost posting JSON form
(docs/posting-json.md), one per line.

Each posting is described below by only what it states; everything else is
"not stated". The table's expected answers are worked out by hand from
these descriptions (and from the seed notices' text), never by running
natopost. Run it again after editing a description:

    /usr/bin/python3 tests/data/make_query_postings.py
"""
import json
import os

LINES = ["title", "body", "location", "division", "directorate", "section", "grade", "salary",
         "deadline", "published", "updated", "requisition", "clearance", "fast_track", "summary"]


def req(kind, text, essential=True, **typed):
    """A requirement; `typed` is the member of "as" for its kind."""
    return {"kind": kind, "essential": essential, "text": text, "line": 0,
            "as": None if kind == "other" else {kind: typed}}


def languages(form, one=None, other=None, english=None, french=None, essential=True):
    text = {"either_or": f"{one} in one; {other} in the other", "both": f"{one} in both",
            "named": f"English {english}, French {french}"}[form]
    return req("languages", text, essential, form=form, one=one, other=other,
               english=english, french=french, or_higher=False)


def posting(id, title=None, division=None, grade=None, deadline=None, published=None,
            clearance=None, atomal=False, fast_track=False, salary=None, requirements=(),
            competencies=0, contract=None, location="Brussels, Belgium"):
    g = None
    if grade:  # (text, low, high)
        g = {"text": grade[0], "low": grade[1], "high": grade[2]}
    return {
        "format": "natopost.posting/1", "id": id, "source": None, "language": "en",
        "title": title,
        "body": "International Staff", "location": location, "division": division,
        "directorate": None, "section": None, "grade_text": grade[0] if grade else None,
        "grade": g,
        "salary": None if salary is None else {"amount": salary[0], "currency": "EUR",
                                               "basis": "Monthly", "tax_free": salary[1]},
        "deadline": None if deadline is None else {"date": deadline, "time": None},
        "published": published, "updated": None, "requisition": None,
        "clearance": clearance, "clearance_atomal": atomal, "fast_track": fast_track,
        "summary": None, "accountabilities": [], "interrelationships": None,
        "competencies": [{"name": f"Competency {i + 1}", "descriptor": None, "line": 0}
                         for i in range(competencies)],
        "requirements": list(requirements),
        "contract": contract, "lines": {k: 0 for k in LINES}, "diagnostics": [],
    }


def contract(months=36, renewal=36, maximum=72, twin_note=False):
    return {"stated": True, "definite_months": months, "renewal_months": renewal,
            "max_service_months": maximum, "conversion_possible": None,
            "turnover_clause": False, "seconded_terms": False, "seconded_max_months": None,
            "twin_grade_note": twin_note, "text": "CONTRACT", "line": 0}


def degree(level, essential=True, equivalent=False):
    return req("degree", f"a {level} degree", essential, level=level,
               equivalent_accepted=equivalent)


def experience(years, essential=True):
    return req("experience", f"at least {years} years", essential, min_years=years)


POSTINGS = [
    # q01: Operations, G15, NS, V/III, closes 15 Nov 2025.
    posting("q01", "Staff Officer (Operations)", "Operations Division", ("G15", 15, 15),
            "2025-11-15", "2025-10-01", "NATO SECRET", salary=(7563.38, False),
            requirements=[degree("university"), experience(3),
                          languages("either_or", "V", "III")],
            competencies=3, contract=contract()),
    # q02: Operations, twin grade G15/G16, NS, V/II, closes 15 Dec 2025, travel 10 %.
    posting("q02", "Officer, Crisis Management", "Operations Division", ("G15/G16", 15, 16),
            "2025-12-15", "2025-11-01", "NATO SECRET",
            requirements=[degree("university"), experience(2),
                          languages("either_or", "V", "II"),
                          req("travel", "travel about 10%", percent=10)],
            competencies=5),
    # q03: OPERATIONS DIVISION (other case), G20, CTS, VI in both, published before
    # Sweden joined (2024-03-07), fast track.
    posting("q03", "Senior Plans Officer", "OPERATIONS DIVISION", ("G20", 20, 20),
            "2025-09-30", "2024-03-01", "COSMIC TOP SECRET", fast_track=True,
            requirements=[degree("postgraduate"), experience(10), languages("both", "VI", "VI")],
            competencies=8, contract=contract()),
    # q04: Executive Management, old-style B3 (= G8), NC, English IV named, 2.5 years.
    posting("q04", "Assistant (Budget)", "Executive Management", ("B3", 8, 8),
            "2025-10-31", "2025-09-15", "NATO CONFIDENTIAL", salary=(4012.5, True),
            requirements=[experience(2.5), languages("named", english="IV"),
                          req("other", "good drafting skills")],
            competencies=2),
    # q05: DPP, old-style A2 (= G15), no deadline, V/I, the twin-graded NOTE.
    posting("q05", "Policy Officer", "Defence Policy and Planning Division", ("A2", 15, 15),
            None, "2025-05-01", None,
            requirements=[degree("university"), experience(2),
                          languages("either_or", "V", "I"),
                          degree("postgraduate", essential=False)],
            competencies=4, contract=contract(twin_note=True)),
    # q06: no division, G22, NS ATOMAL, French VI and English III named, 5 years.
    posting("q06", "Head, Operations Support", None, ("G22", 22, 22),
            "2025-11-30", "2025-10-15", "NATO SECRET", atomal=True,
            requirements=[degree("postgraduate", equivalent=True), experience(5),
                          languages("named", english="III", french="VI")],
            competencies=6, contract=contract(months=24, renewal=0, maximum=24)),
    # q07: Executive Management, no grade, no requirements, closes in 2026.
    posting("q07", "Linguist (French)", "Executive Management", None,
            "2026-01-15", "2025-12-01", None, location="Mons, Belgium"),
    # q08: Defence Investment, G17, CTS, VI/IV, fast track, tax-free salary.
    posting("q08", "Engineer, Communications", "Defence Investment Division", ("G17", 17, 17),
            "2025-11-03", "2025-10-01", "COSMIC TOP SECRET", fast_track=True,
            salary=(13914.54, True),
            requirements=[degree("university"), experience(7),
                          languages("either_or", "VI", "IV"),
                          req("stanag", "SLP 3333", essential=False, listening=3, speaking=3,
                              reading=3, writing=3, plus=[])],
            competencies=1),
]

if __name__ == "__main__":
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "query_postings.ndjson")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for p in POSTINGS:
            f.write(json.dumps(p, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {len(POSTINGS)} postings to {out}")
