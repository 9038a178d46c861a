"""natopost.Policy: construction and validation by the core, read-only
attributes, JSON and files, value semantics."""
import copy
import json
import os
import pickle

import pytest

import natopost

NAMES = ["initial_months", "renewal_months", "max_months", "promotion_months",
         "max_reduction_months", "conversion_notice_months", "seconded_conversion"]
DEFAULTS = {"initial_months": 36, "renewal_months": 36, "max_months": 72,
            "promotion_months": 36, "max_reduction_months": 24,
            "conversion_notice_months": 12, "seconded_conversion": False}


def test_defaults_are_the_spec_values():
    p = natopost.Policy()
    assert {name: getattr(p, name) for name in NAMES} == DEFAULTS
    assert p.to_dict() == DEFAULTS
    assert list(p.to_dict()) == NAMES
    assert repr(p) == ("natopost.Policy(initial_months=36, renewal_months=36, max_months=72, "
                       "promotion_months=36, max_reduction_months=24, "
                       "conversion_notice_months=12, seconded_conversion=False)")


def test_keywords_set_the_parameters():
    p = natopost.Policy(initial_months=24, renewal_months=24, max_months=60, promotion_months=30,
                        max_reduction_months=6, conversion_notice_months=6,
                        seconded_conversion=True)
    assert p.to_dict() == {"initial_months": 24, "renewal_months": 24, "max_months": 60,
                           "promotion_months": 30, "max_reduction_months": 6,
                           "conversion_notice_months": 6, "seconded_conversion": True}
    assert eval(repr(p), {"natopost": natopost}) == p


def test_attributes_are_read_only():
    p = natopost.Policy()
    for name in NAMES:
        with pytest.raises(AttributeError):
            setattr(p, name, 1)
    with pytest.raises(AttributeError):
        p.turnover = True


@pytest.mark.parametrize("kwargs, fragments", [
    ({"renewal_months": 48}, ["renewal_months (48) exceeds max_months - initial_months (36)"]),
    ({"initial_months": 0}, ["initial_months must be between 1 and 1200, got 0"]),
    ({"max_months": 1201}, ["max_months", "1201"]),
    ({"max_months": 30}, ["max_months (30) is less than initial_months (36)"]),
    ({"max_reduction_months": 37}, ["max_reduction_months (37) exceeds promotion_months (36)"]),
    ({"conversion_notice_months": -1}, ["conversion_notice_months", "-1"]),
])
def test_invalid_values_raise_the_core_message(kwargs, fragments):
    with pytest.raises(ValueError) as info:
        natopost.Policy(**kwargs)
    assert isinstance(info.value, natopost.Error)
    assert info.value.code == "invalid argument"
    for fragment in fragments:
        assert fragment in str(info.value)


@pytest.mark.parametrize("name", NAMES[:-1])
@pytest.mark.parametrize("value", ["36", 36.0, True, None, [36]])
def test_wrong_integer_type_is_type_error_naming_the_parameter(name, value):
    with pytest.raises(TypeError, match=f"'{name}' must be int"):
        natopost.Policy(**{name: value})


@pytest.mark.parametrize("value", [1, 0, None, "true"])
def test_seconded_conversion_must_be_bool(value):
    with pytest.raises(TypeError, match="'seconded_conversion' must be bool"):
        natopost.Policy(seconded_conversion=value)


def test_call_shape_and_range_errors():
    with pytest.raises(TypeError, match="keyword arguments only"):
        natopost.Policy(36)
    with pytest.raises(TypeError, match="unexpected keyword argument 'turnover'"):
        natopost.Policy(turnover=True)
    with pytest.raises(ValueError, match="'max_months' is out of range: 4294967296"):
        natopost.Policy(max_months=2**32)


# ---- JSON --------------------------------------------------------------------------------


def test_json_round_trip():
    for p in (natopost.Policy(), natopost.Policy(renewal_months=0, seconded_conversion=True),
              natopost.Policy(initial_months=12, renewal_months=48, max_months=60)):
        text = p.to_json()
        assert json.loads(text) == p.to_dict()
        assert list(json.loads(text)) == NAMES
        assert natopost.Policy.from_json(text) == p
        assert natopost.Policy.from_json(text.encode()) == p


def test_from_json_absent_keys_keep_the_default():
    p = natopost.Policy.from_json('{"renewal_months": 24}')
    assert p == natopost.Policy(renewal_months=24)
    assert natopost.Policy.from_json("{}") == natopost.Policy()


@pytest.mark.parametrize("text, fragments", [
    ('{"renewal_months": 36, "turnover": true}', ['unknown policy key "turnover"']),
    ('{"renewal_months": "36"}', ['"renewal_months" must be an integer', "string"]),
    ('{"seconded_conversion": 1}', ['"seconded_conversion" must be true or false']),
    ('{"renewal_months": 48}', ["renewal_months (48) exceeds"]),
    ('[36]', ["policy JSON must be an object"]),
])
def test_from_json_errors_name_the_key(text, fragments):
    with pytest.raises(ValueError) as info:
        natopost.Policy.from_json(text)
    assert isinstance(info.value, natopost.Error)
    for fragment in fragments:
        assert fragment in str(info.value)


def test_malformed_json_is_a_parse_error_with_a_position():
    with pytest.raises(natopost.Error) as info:
        natopost.Policy.from_json('{\n  "renewal_months": 36,,\n}')
    assert info.value.code == "parse error"
    assert info.value.line == 2
    assert info.value.column > 0
    assert "line 2" in str(info.value)
    with pytest.raises(TypeError, match="str or bytes"):
        natopost.Policy.from_json(36)


# ---- files -----------------------------------------------------------------------------


def test_save_and_load(tmp_path):
    p = natopost.Policy(max_months=60, renewal_months=24)
    path = tmp_path / "policy.json"
    assert p.save(path) is None
    text = path.read_text()
    assert text.endswith("\n") and json.loads(text) == p.to_dict()
    assert natopost.Policy.load(path) == p
    assert natopost.Policy.load(str(path)) == p
    assert natopost.Policy.load(os.fsencode(path)) == p
    assert sorted(os.listdir(tmp_path)) == ["policy.json"]  # no temporary file left
    t = natopost.timeline("2025-09-01", policy=natopost.Policy.load(path))
    assert t["contract_end"].date.isoformat() == "2030-08-31"


def test_load_errors(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(OSError) as info:
        natopost.Policy.load(missing)
    assert "cannot open" in str(info.value) and str(missing) in str(info.value)
    assert not isinstance(info.value, ValueError)
    bad = tmp_path / "bad.json"
    bad.write_text('{"turnover": true}')
    with pytest.raises(natopost.Error) as info:
        natopost.Policy.load(bad)
    assert str(info.value).startswith(str(bad) + ": ")
    assert 'unknown policy key "turnover"' in str(info.value)
    with pytest.raises(OSError):
        natopost.Policy().save(tmp_path / "no-such-dir" / "p.json")
    with pytest.raises(TypeError):
        natopost.Policy.load(3.5)
    with pytest.raises(ValueError):
        natopost.Policy.load(str(tmp_path) + "/x\0y")


# ---- value semantics ----------------------------------------------------------------------


def test_equality_and_hashing():
    a, b = natopost.Policy(), natopost.Policy.from_json("{}")
    c = natopost.Policy(renewal_months=24)
    assert a == b and not a != b and hash(a) == hash(b)
    assert a != c and not a == c
    assert natopost.Policy(seconded_conversion=True) != a
    assert a != DEFAULTS and a != "policy"
    assert len({a, b, c}) == 2
    with pytest.raises(TypeError):
        a < c  # noqa: B015


def test_pickle_and_copy():
    p = natopost.Policy(renewal_months=12, seconded_conversion=True)
    assert pickle.loads(pickle.dumps(p)) == p
    assert copy.copy(p) == p and copy.deepcopy(p) == p


def test_timeline_uses_the_policy():
    p = natopost.Policy(seconded_conversion=True)
    t = natopost.timeline("2024-02-29", kind="seconded", policy=p)
    assert t.has_conversion_window
    assert [n["code"] for n in t.notes] == ["seconded_renewal"]
    assert t.policy == p
    strict = natopost.Policy(max_reduction_months=12)
    with pytest.raises(natopost.Error, match="reduction_months must be between 0 and 12, got 13"):
        natopost.timeline("2025-09-01", twin_grade=True, reduction_months=13, policy=strict)


def test_policy_of_a_timeline_is_a_copy():
    p = natopost.Policy(renewal_months=24)
    t = natopost.timeline("2025-09-01", policy=p)
    del p
    assert t.policy.renewal_months == 24
