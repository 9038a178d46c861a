"""Property tests (hypothesis): random appointments and start dates. batch()
agrees with timeline(); the timeline keeps the spec's invariants; its dates
agree with a small independent reading of the spec's date conventions."""
import calendar
import datetime
import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import natopost
from support import iso

D = datetime.date
ONE_DAY = datetime.timedelta(days=1)
# database=None: nothing written to .hypothesis/; no deadline (ASan builds are slow).
SETTINGS = settings(database=None, deadline=None, max_examples=300)

starts = st.dates(min_value=D(1, 1, 1), max_value=D(9000, 12, 31))


@st.composite
def appointments(draw):
    """Keyword arguments of natopost.timeline() that the spec allows."""
    kind = draw(st.sampled_from(natopost.KINDS))
    twin = draw(st.booleans())
    initial = draw(st.integers(1, 60))
    maximum = draw(st.integers(initial, 120))
    renewal = draw(st.integers(0, maximum - initial))
    kwargs = {"kind": kind, "twin_grade": twin, "initial_months": initial,
              "max_months": maximum, "renewal_months": renewal}
    if twin and kind != "serving":
        kwargs["reduction_months"] = draw(st.integers(0, 24))
    if twin and kind == "serving":
        kwargs["direct_higher"] = draw(st.booleans())
    return kwargs


def anniversary(start, months):
    """The spec: same day n months later; a missing day rolls to the 1st of the next month."""
    total = start.year * 12 + start.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    if start.day <= calendar.monthrange(year, month)[1]:
        return D(year, month, start.day)
    return D(year, month, calendar.monthrange(year, month)[1]) + ONE_DAY


def period_end(start, months):
    return anniversary(start, months) - ONE_DAY


def months_before_clamped(day, months):
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return D(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@SETTINGS
@given(st.lists(starts, min_size=1, max_size=40), appointments())
def test_batch_equals_timeline(days, kwargs):
    arr = np.array(days + [None], dtype="datetime64[D]")  # None -> NaT
    timelines = [natopost.timeline(d, **kwargs) for d in days]
    for code in natopost.EVENT_CODES:
        got = np.frombuffer(natopost.batch(arr.view("i8"), code, **kwargs), dtype="M8[D]")
        want = [t[code].date if code in t else None for t in timelines] + [None]
        assert got.tolist() == want, code


@SETTINGS
@given(starts, appointments())
def test_dates_follow_the_spec_conventions(start, kwargs):
    t = natopost.timeline(start, **kwargs)
    a = t.appointment
    initial, renewal, maximum = a["initial_months"], a["renewal_months"], a["max_months"]
    assert t["entry_on_duty"].date == start
    assert t["initial_contract_end"].date == period_end(start, initial)
    assert t["max_service_end"].date == period_end(start, maximum)
    end = period_end(start, initial + renewal)
    assert t["contract_end"].date == end
    assert t.renewed == (renewal > 0)
    if renewal:
        assert t["renewal_start"].date == anniversary(start, initial)
        assert t["renewal_end"].date == end
        close = months_before_clamped(end, 12)
        offered = kwargs["kind"] != "seconded"
        has_window = offered and close >= anniversary(start, initial)
        assert t.has_conversion_window == has_window
        if has_window:
            assert t["conversion_window_open"].date == anniversary(start, initial)
            assert t["conversion_window_close"].date == close
    else:
        assert "renewal_start" not in t and "renewal_end" not in t
        assert not t.has_conversion_window
    if kwargs["twin_grade"]:
        if kwargs.get("direct_higher"):
            promotion = start
        else:
            promotion = anniversary(start, 36 - kwargs.get("reduction_months", 0))
        assert t["earliest_promotion"].date == promotion
        assert t.promotion_reachable == (promotion <= end)
        assert ("promotion_not_reachable" in [n["code"] for n in t.notes]) == (promotion > end)
    else:
        assert "earliest_promotion" not in t and not t.promotion_reachable


@SETTINGS
@given(st.dates(min_value=D(2, 1, 1), max_value=D(9000, 12, 31)), appointments(),
       st.lists(st.integers(-400, 4000), min_size=1, max_size=8))
def test_status_invariants(start, kwargs, offsets):
    t = natopost.timeline(start, **kwargs)
    end = t["contract_end"].date
    served = []
    for offset in sorted(offsets):
        on = start + datetime.timedelta(days=offset)
        s = t.status(on)
        assert s["on"] == on
        assert s["days_to_contract_end"] == (end - on).days
        if on < start:
            assert s["phase"] == "not_started"
        elif on <= t["initial_contract_end"].date:
            assert s["phase"] == "initial"
        elif on <= end:
            assert s["phase"] == "renewal"
        else:
            assert s["phase"] == "ended"
        window = t.get("conversion_window_open"), t.get("conversion_window_close")
        assert s["conversion_window_open"] == (
            window[0] is not None and window[0].date <= on <= window[1].date)
        promotion = t.get("earliest_promotion")
        assert s["promotion_possible"] == (promotion is not None and promotion.date <= on <= end)
        # months completed: the largest m whose period ends by min(on, end)
        m = s["months_served"]
        last = min(on, end)
        assert m >= 0
        assert m == 0 or period_end(start, m) <= last
        assert period_end(start, m + 1) > last
        served.append(m)
    assert served == sorted(served)
    assert t.to_dict(on=start)["status"] == t.status(start)


@SETTINGS
@given(starts, appointments())
def test_exports_agree(start, kwargs):
    t = natopost.timeline(start, **kwargs)
    assert json.loads(t.to_json()) == iso(t.to_dict())
    assert natopost.timeline(start.isoformat(), **kwargs).to_dict() == t.to_dict()
    ics = t.to_ical(dtstamp=0)
    assert ics.count("BEGIN:VEVENT") == len(t)
    assert ics.count("\n") == ics.count("\r\n")
