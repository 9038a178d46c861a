"""An analyst's script: read the example notices, tabulate them, ask two
questions, and compute a timeline for one posting.

    PYTHONPATH=build/python /usr/bin/python3 examples/analyst.py [FOLDER]
"""
import datetime as dt
import pathlib
import sys

import natopost

folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).parent / "postings")
collection = natopost.Collection([folder])
print(f"{len(collection)} postings read from {folder}\n")

print(f"{'title':42} {'grade':8} {'division':36} {'deadline':10} {'langs':7} {'exp':>3}")
for r in collection.to_records("order by deadline"):
    langs = f"{r['lang.first'] or '?'}/{r['lang.second'] or '?'}"
    experience = "" if r["experience"] is None else f"{r['experience']:g}"
    print(f"{(r['title'] or '(no title)')[:42]:42} {r['grade'] or '':8} "
          f"{(r['division'] or r['body'] or '')[:36]:36} {str(r['deadline'] or ''):10} {langs:7} {experience:>3}")

print("\nPosts at G15 and above needing at least Intermediate (III) in the second language:")
for p in collection.query("grade >= G15 and lang.second >= III order by deadline"):
    print(f"  {p.title} ({p.grade}), closes {p.deadline}")

print("\nPosts per NATO body:")
for body, count in collection.count_by("body").items():
    print(f"  {count}  {body}")

start = dt.date(2026, 5, 1)
post = next(p for p in collection if p.contract)
timeline = post.timeline(start)
print(f"\nTimeline of '{post.title}' from entry on duty {start}:")
for event in timeline:
    print(f"  {event.date}  {event.label}")
status = timeline.status(dt.date(2027, 5, 1))
print(f"On 2027-05-01: phase {status['phase']}, {status['days_to_contract_end']} days to the contract end")
