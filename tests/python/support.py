"""Helpers shared by the Python test files: the shared case tables under
tests/data (NATOPOST_TEST_DATA) and conversions for comparing results."""
import datetime
import json
import os
import subprocess

DATA = os.environ["NATOPOST_TEST_DATA"]


def load_table(name):
    with open(os.path.join(DATA, name), encoding="utf-8") as f:
        return json.load(f)["cases"]


CASES = load_table("timeline_cases.json")
ERRORS = load_table("timeline_errors.json")


def case_id(case):
    return case.get("name") or json.dumps(case["input"], sort_keys=True)


def split_input(inp):
    """A case's input as (start, keyword arguments of natopost.timeline)."""
    kwargs = dict(inp)
    return kwargs.pop("start"), kwargs


def iso(value):
    """`value` with every datetime.date turned into its ISO string (to compare
    to_dict() with the JSON)."""
    if isinstance(value, dict):
        return {k: iso(v) for k, v in value.items()}
    if isinstance(value, list):
        return [iso(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def cli_args(inp):
    """The `natopost timeline` arguments for a case input (flags for booleans)."""
    args = []
    for key, value in inp.items():
        flag = "--" + key.replace("_", "-")
        if value is True:
            args.append(flag)
        elif value is not False:
            args += [flag, str(value)]
    return args


def run_cli(*args):
    return subprocess.run([os.environ["NATOPOST_CLI"], *args], capture_output=True, text=True,
                          timeout=60)
