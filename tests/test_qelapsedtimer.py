"""QElapsedTimer: clock, validity, measurement, comparisons."""

from __future__ import annotations

import copy
import time

import pytest

from qtcore import QDeadlineTimer, QElapsedTimer


def test_clock_is_monotonic():
    assert QElapsedTimer.clockType() is QElapsedTimer.ClockType.MonotonicClock
    assert QElapsedTimer.clockType() == QElapsedTimer.MonotonicClock
    assert QElapsedTimer.isMonotonic() is True
    assert [int(m) for m in QElapsedTimer.ClockType] == [0, 1, 2, 3, 4]


def test_default_is_invalid_until_started():
    timer = QElapsedTimer()
    assert not timer.isValid()
    assert timer.msecsSinceReference() == -9223372036854  # Qt's value for an invalid timer
    assert timer.hasExpired(0) and timer.hasExpired(10**9)
    assert not timer.hasExpired(-1)
    timer.start()
    assert timer.isValid()
    timer.invalidate()
    assert not timer.isValid()
    assert timer == QElapsedTimer()


def test_elapsed_measures_time():
    timer = QElapsedTimer()
    timer.start()
    time.sleep(0.03)
    elapsed = timer.elapsed()
    nsecs = timer.nsecsElapsed()
    assert 30 <= elapsed < 1000
    assert nsecs >= 30_000_000
    assert timer.hasExpired(10)
    assert not timer.hasExpired(60_000)
    assert not timer.hasExpired(-1)


def test_restart_returns_elapsed_and_restarts():
    timer = QElapsedTimer()
    timer.start()
    time.sleep(0.02)
    first = timer.restart()
    assert first >= 20
    assert timer.elapsed() < first


def test_reference_is_the_deadline_clock():
    timer = QElapsedTimer()
    timer.start()
    deadline = QDeadlineTimer.current()
    assert abs(deadline.deadline() - timer.msecsSinceReference()) <= 5
    assert abs(timer.msecsSinceReference() - time.monotonic_ns() // 1_000_000) <= 5


def test_msecs_and_secs_to_round_toward_zero():
    a, b = QElapsedTimer(), QElapsedTimer()
    a._t, b._t = 10_000_000_000, 11_600_000_000   # 1.6 s apart
    assert a.msecsTo(b) == 1600 and b.msecsTo(a) == -1600
    assert a.secsTo(b) == 1 and b.secsTo(a) == -1
    b._t = a._t - 1_500_000   # -1.5 ms
    assert a.msecsTo(b) == -1


def test_comparisons_copy_and_hash():
    a = QElapsedTimer()
    a.start()
    b = QElapsedTimer(a)
    assert a == b and not a != b and a <= b and a >= b
    time.sleep(0.002)
    b.start()
    assert a < b and b > a and a != b
    c = copy.copy(a)
    assert c == a and c is not a
    with pytest.raises(TypeError):
        hash(a)
    assert (a == 5) is False
    with pytest.raises(TypeError):
        a < 5  # noqa: B015


def test_bad_arguments():
    timer = QElapsedTimer()
    timer.start()
    with pytest.raises(TypeError):
        timer.hasExpired(1.5)
    with pytest.raises(TypeError):
        timer.msecsTo(None)
    with pytest.raises(TypeError):
        QElapsedTimer(5)


def test_repr():
    timer = QElapsedTimer()
    assert "invalid" in repr(timer)
    timer.start()
    assert "elapsed=" in repr(timer)
