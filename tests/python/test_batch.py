"""natopost.batch(): numpy datetime64[D] arrays (viewed as int64) and other
int64 buffers, compared with one natopost.timeline() call per start."""
import array
import datetime
import threading

import numpy as np
import pytest

import natopost
from support import CASES, case_id, split_input

NAT = np.iinfo(np.int64).min


def sample_starts():
    """Every day of 2023-2025 (leap day, month ends), some far dates, and NaT."""
    days = np.arange(np.datetime64("2023-01-01"), np.datetime64("2026-01-01"), dtype="datetime64[D]")
    extra = np.array(["0001-01-01", "1900-02-28", "2000-02-29", "9000-12-31", "NaT"],
                     dtype="datetime64[D]")
    return np.concatenate([days, extra])


def expected(starts, code, **kwargs):
    out = []
    for start in starts:
        if np.isnat(start):
            out.append(np.datetime64("NaT", "D"))
            continue
        event = natopost.timeline(start.astype(datetime.date), **kwargs).get(code)
        out.append(np.datetime64(event.date, "D") if event else np.datetime64("NaT", "D"))
    return np.array(out, dtype="datetime64[D]")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_batch_equals_one_timeline_per_start_for_every_event(case):
    _, kwargs = split_input(case["input"])
    starts = sample_starts()
    for code in natopost.EVENT_CODES:
        res = natopost.batch(starts.view("i8"), code, **kwargs)
        assert isinstance(res, memoryview) and res.format == "q" and res.shape == (len(starts),)
        got = np.frombuffer(res, dtype="datetime64[D]")
        np.testing.assert_array_equal(got, expected(starts, code, **kwargs), err_msg=code)
        np.testing.assert_array_equal(np.asarray(res).view("M8[D]"), got)


def test_spec_example_values_and_default_event():
    starts = np.array(["2025-09-01", "2024-02-29", "NaT"], dtype="datetime64[D]")
    ends = np.frombuffer(natopost.batch(starts.view("i8"), twin_grade=True), dtype="M8[D]")
    assert ends.tolist() == [datetime.date(2031, 8, 31), datetime.date(2030, 2, 28), None]
    windows = natopost.batch(starts.view("i8"), "conversion_window_open", kind="seconded")
    assert list(windows) == [NAT, NAT, NAT]


def test_policy_and_overrides():
    starts = np.array(["2025-09-01", "2026-01-31"], dtype="datetime64[D]").view("i8")
    p = natopost.Policy(renewal_months=24)
    got = np.frombuffer(natopost.batch(starts, "contract_end", policy=p), dtype="M8[D]")
    assert got.astype(str).tolist() == ["2030-08-31", "2031-01-30"]
    got = np.frombuffer(natopost.batch(starts, "renewal_end", renewal_months=18), dtype="M8[D]")
    assert got.astype(str).tolist() == ["2030-02-28", "2030-07-30"]
    got = natopost.batch(starts, "renewal_start", renewal_months=0)
    assert list(got) == [NAT, NAT]


def test_nat_passes_through():
    starts = np.full(1000, np.datetime64("NaT"), dtype="M8[D]")
    for code in natopost.EVENT_CODES:
        res = natopost.batch(starts.view("i8"), code, twin_grade=True)
        assert np.isnat(np.frombuffer(res, dtype="M8[D]")).all()


def test_empty_input():
    res = natopost.batch(np.array([], dtype="i8"))
    assert res.format == "q" and len(res) == 0


def test_other_buffer_kinds():
    starts = np.array(["2025-09-01", "NaT"], dtype="M8[D]").view("i8")
    want = [int(np.datetime64("2031-08-31").astype("i8")), NAT]
    assert list(natopost.batch(array.array("q", starts.tolist()))) == want
    assert list(natopost.batch(memoryview(starts))) == want
    assert list(natopost.batch(starts.astype("<i8"))) == want
    assert list(natopost.batch(memoryview(bytearray(starts.tobytes())).cast("q"))) == want


def test_out_is_filled_in_place():
    starts = sample_starts().view("i8")
    out = np.empty_like(starts)
    res = natopost.batch(starts, "renewal_start", out=out)
    assert np.shares_memory(np.asarray(res), out)
    np.testing.assert_array_equal(out.view("M8[D]"), expected(sample_starts(), "renewal_start"))
    # out may be starts itself.
    inplace = starts.copy()
    natopost.batch(inplace, "renewal_start", out=inplace)
    np.testing.assert_array_equal(inplace, out)
    # An array.array target comes back as a 'q' memoryview over it.
    target = array.array("q", [0, 0])
    res = natopost.batch(starts[:2], out=target)
    assert res.format == "q" and list(target) == list(res)


def test_partially_overlapping_out_and_misaligned_buffers():
    starts = np.array(["2025-01-31", "2024-02-29", "2023-03-31", "NaT"], dtype="M8[D]").view("i8")
    want = np.asarray(natopost.batch(starts, "initial_contract_end")).copy()
    # out shifted by one element over the same memory as starts
    mem = np.zeros(5, dtype="i8")
    mem[:4] = starts
    natopost.batch(mem[:4], "initial_contract_end", out=mem[1:])
    np.testing.assert_array_equal(mem[1:], want)
    # 8-byte items at an odd address
    raw = bytearray(8 * len(starts) + 1)
    odd = np.frombuffer(raw, dtype="i8", offset=1)
    odd[:] = starts
    np.testing.assert_array_equal(np.asarray(natopost.batch(odd, "initial_contract_end")), want)
    natopost.batch(odd, "initial_contract_end", out=odd)
    np.testing.assert_array_equal(odd, want)


@pytest.mark.parametrize("bad", [
    [0, 1], (0,), "2025-09-01", b"\0" * 16, np.array([1, 2], dtype="i4"),
    np.array([1.0, 2.0]), np.zeros((2, 2), dtype="i8"), np.arange(8, dtype="i8")[::2],
    np.zeros(2, dtype=">i8"), np.zeros(2, dtype="u8"), array.array("d", [1.0]), 17,
], ids=repr)
def test_wrong_buffer_is_type_error(bad):
    with pytest.raises(TypeError, match="'starts'"):
        natopost.batch(bad)


def test_out_errors():
    starts = np.zeros(3, dtype="i8")
    with pytest.raises(ValueError, match="'out' has 2 items, 'starts' has 3"):
        natopost.batch(starts, out=np.zeros(2, dtype="i8"))
    readonly = np.zeros(3, dtype="i8")
    readonly.flags.writeable = False
    with pytest.raises(TypeError, match="'out'"):
        natopost.batch(starts, out=readonly)
    with pytest.raises(TypeError, match="'out'"):
        natopost.batch(starts, out=bytes(24))
    with pytest.raises(TypeError, match="'out'"):
        natopost.batch(starts, out=np.zeros(3, dtype="f8"))


def test_argument_errors():
    starts = np.zeros(2, dtype="i8")
    with pytest.raises(natopost.Error, match='unknown event code "contract_ending"'):
        natopost.batch(starts, "contract_ending")
    with pytest.raises(TypeError, match="'event'"):
        natopost.batch(starts, 6)
    with pytest.raises(TypeError, match="'twin_grade'"):
        natopost.batch(starts, twin_grade=1)
    with pytest.raises(TypeError, match="'policy'"):
        natopost.batch(starts, policy={})
    with pytest.raises(natopost.Error, match="kind \"contractor\""):
        natopost.batch(starts, kind="contractor")
    with pytest.raises(natopost.Error, match="renewal_months .*got 37"):
        natopost.batch(starts, renewal_months=37)
    with pytest.raises(ValueError, match="'max_months' is out of range"):
        natopost.batch(starts, max_months=2**40)
    with pytest.raises(TypeError, match="at most 2 positional"):
        natopost.batch(starts, "contract_end", "external")
    with pytest.raises(TypeError, match="missing required argument 'starts'"):
        natopost.batch()


def test_out_of_range_starts_and_results_name_the_index():
    bad_start = np.array([0, 3_000_000], dtype="i8")
    with pytest.raises(natopost.Error, match=r"starts\[1\]"):
        natopost.batch(bad_start)
    late = np.array(["2025-09-01", "NaT", "9998-06-01"], dtype="M8[D]").view("i8")
    with pytest.raises(natopost.Error, match=r"starts\[2\].*contract_end"):
        natopost.batch(late, "contract_end")
    assert list(natopost.batch(late, "entry_on_duty")) == list(late)


def test_threads_get_their_own_results():
    starts = np.arange(np.datetime64("1990-01-01"), np.datetime64("2030-01-01"),
                       dtype="M8[D]").view("i8")
    reference = {code: np.asarray(natopost.batch(starts, code, twin_grade=True)).copy()
                 for code in natopost.EVENT_CODES}
    results, errors = {}, []

    def work(code):
        try:
            for _ in range(20):
                got = np.asarray(natopost.batch(starts, code, twin_grade=True))
                if not np.array_equal(got, reference[code]):
                    errors.append(code)
            results[code] = True
        except Exception as e:  # pragma: no cover - reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=work, args=(code,)) for code in natopost.EVENT_CODES]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sorted(results) == sorted(natopost.EVENT_CODES)
