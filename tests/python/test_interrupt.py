"""Long core calls are interruptible (issue 14): Ctrl-C (SIGINT) during a
long natopost call raises KeyboardInterrupt from inside the call, within a
fraction of a second, also in calls that release the GIL. A handler that
raises something else is honoured the same way; one that raises nothing
does not stop the call.

Whether handlers run *during* the call rather than after it returns is
checked without clocks, by what the call leaves or reads: an interrupted
Collection.add adds nothing, and a handler that edits the input (a
bytearray, a numpy array) before the call reaches its end changes the
answer. Each call takes about a second or more uninterrupted; the signal
comes after 50 ms. The time from signal to exception is printed (pytest -s)
for the record, not asserted."""
import os
import signal
import threading
import time

import numpy as np
import pytest

import natopost

NOTICE = "Officer, Plans\nNATO Grade G15/G16\nApplication Deadline: 2026-03-31\n"
POSTINGS = 50_000  # about 1.5 s to load in a release build


@pytest.fixture(scope="module")
def ndjson(tmp_path_factory):
    one = natopost.read_notice(NOTICE).to_json()
    path = tmp_path_factory.mktemp("interrupt") / "many.ndjson"
    path.write_text("\n".join([one] * POSTINGS) + "\n")
    return path


def long_call(which, path):
    if which == "loads":
        text = path.read_text()
        return lambda: natopost.loads(text)
    if which == "Collection.add":
        return lambda: natopost.Collection().add(str(path))
    if which == "Collection() of the file":
        return lambda: natopost.Collection([str(path)])
    starts = np.full(20_000_000, 20000, dtype="i8")  # about 1 s
    return lambda: natopost.batch(starts, "conversion_window_open")


def send_sigint_soon():
    timer = threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    return timer


@pytest.mark.parametrize("which", ["loads", "Collection.add", "Collection() of the file", "batch"])
def test_ctrl_c_interrupts_a_long_call(ndjson, which):
    call = long_call(which, ndjson)
    result = "not assigned"
    timer = send_sigint_soon()
    sent = time.monotonic() + 0.05
    with pytest.raises(KeyboardInterrupt):
        result = call()
    timer.join()
    print(f"{which}: KeyboardInterrupt {max(0.0, time.monotonic() - sent) * 1000:.0f} ms after SIGINT")
    assert result == "not assigned"


def run_with_handler_soon(handler, call):
    """call() while `handler` is installed for SIGUSR1, sent after 50 ms."""
    old = signal.signal(signal.SIGUSR1, handler)
    timer = threading.Timer(0.05, os.kill, (os.getpid(), signal.SIGUSR1))
    try:
        timer.start()
        return call()
    finally:
        timer.join()
        signal.signal(signal.SIGUSR1, old)


def test_handlers_run_while_loads_reads(ndjson):
    data = bytearray(ndjson.read_bytes())
    last_line = data.rindex(b"\n", 0, len(data) - 1) + 1

    def spoil_the_last_line(*_):
        data[last_line] = ord("!")

    with pytest.raises(natopost.Error, match=f"line {POSTINGS}"):
        run_with_handler_soon(spoil_the_last_line, lambda: natopost.loads(data))


def test_handlers_run_while_batch_computes():
    starts = np.full(20_000_000, 20000, dtype="i8")
    nat = np.iinfo(np.int64).min

    def blank_the_last_start(*_):
        starts[-1] = nat

    out = np.frombuffer(run_with_handler_soon(blank_the_last_start,
                                              lambda: natopost.batch(starts, "contract_end")), dtype="i8")
    assert out[-1] == nat, "the handler ran only after batch had computed the last date"


class Alarm(Exception):
    pass


def test_a_handler_exception_stops_the_call(ndjson):
    old = signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(Alarm("time is up")))
    result = "not assigned"
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with pytest.raises(Alarm, match="time is up"):
            result = natopost.Collection([str(ndjson)])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert result == "not assigned"


def test_a_handler_that_raises_nothing_does_not_stop_the_call(tmp_path):
    one = natopost.read_notice(NOTICE).to_json()
    path = tmp_path / "some.ndjson"
    path.write_text("\n".join([one] * 20_000) + "\n")
    seen = []
    old = signal.signal(signal.SIGALRM, lambda *_: seen.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.02, 0.02)
        c = natopost.Collection([str(path)])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert len(c) == 20_000
    assert seen, "the alarm never fired during the call"


def test_the_collection_is_usable_after_an_interrupted_add(ndjson):
    c = natopost.Collection()
    timer = send_sigint_soon()
    with pytest.raises(KeyboardInterrupt):
        c.add(str(ndjson))
    timer.join()
    assert len(c) == 0, "an interrupted add left part of the file"
    c.add(natopost.read_notice(NOTICE))
    assert len(c.query("grade >= G15")) == 1
