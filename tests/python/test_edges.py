"""Extreme values through the binding: the ends of years 1..9999, the largest
month counts, the extremes of int64 (dtstamp, batch day numbers). Kept in a
file of their own: under -Db_sanitize=undefined a fault in the core stops
the interpreter, and the other files still report."""
import datetime

import numpy as np
import pytest

import natopost

D = datetime.date


@pytest.mark.parametrize("dtstamp", [-2**63, -2**63 + 1, -2**63 + 86399, 2**63 - 1])
def test_to_ical_extreme_dtstamp_is_an_error(dtstamp):
    with pytest.raises(natopost.Error, match="outside years 0001..9999"):
        natopost.timeline("2025-09-01").to_ical(dtstamp=dtstamp)


def test_to_ical_dtstamp_at_the_ends_of_the_range():
    t = natopost.timeline("2025-09-01")
    first = int((datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc)
                 - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds())
    assert "DTSTAMP:00010101T000000Z" in t.to_ical(dtstamp=first)
    with pytest.raises(natopost.Error, match="outside years"):
        t.to_ical(dtstamp=first - 1)
    last = int((datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc)
                - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds())
    assert "DTSTAMP:99991231T235959Z" in t.to_ical(dtstamp=last)
    with pytest.raises(natopost.Error, match="outside years"):
        t.to_ical(dtstamp=last + 1)


def test_first_and_last_days():
    t = natopost.timeline(D(1, 1, 1), twin_grade=True)
    assert t["contract_end"].date == D(6, 12, 31)
    assert t.status(D(1, 1, 1))["phase"] == "initial"
    assert t.status(D(9999, 12, 31))["days_to_contract_end"] == (D(6, 12, 31) - D(9999, 12, 31)).days
    t = natopost.timeline(D(9996, 12, 31), renewal_months=0, max_months=36)
    assert t["contract_end"].date == t["max_service_end"].date == D(9999, 12, 30)
    with pytest.raises(natopost.Error, match="out of range"):
        natopost.timeline(D(9999, 12, 31))


def test_largest_month_counts():
    p = natopost.Policy(initial_months=1200, renewal_months=0, max_months=1200,
                        promotion_months=1200, max_reduction_months=1200,
                        conversion_notice_months=1200)
    t = natopost.timeline("2000-02-29", policy=p, twin_grade=True, reduction_months=1200)
    assert t["contract_end"].date == D(2100, 2, 28)
    assert t["earliest_promotion"].date == D(2000, 2, 29)
    with pytest.raises(natopost.Error, match="1201"):
        natopost.Policy(max_months=1201)
    with pytest.raises(natopost.Error):
        natopost.timeline("2025-09-01", initial_months=2**31 - 1)
    with pytest.raises(natopost.Error):
        natopost.timeline("2025-09-01", renewal_months=-2**31 + 1)


def test_batch_int64_extremes():
    for value in (np.iinfo(np.int64).min + 1, np.iinfo(np.int64).max, -719163, 2932897):
        with pytest.raises(natopost.Error, match=r"starts\[1\]"):
            natopost.batch(np.array([0, value], dtype="i8"))
    ends = natopost.batch(np.array([-719162, 2932896 - 3000], dtype="i8"), "entry_on_duty")
    assert list(ends) == [-719162, 2932896 - 3000]
