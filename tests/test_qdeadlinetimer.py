"""QDeadlineTimer: construction forms, Forever, remaining time, setters, arithmetic."""

from __future__ import annotations

import copy
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qtcore import QDeadlineTimer, Qt

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def now_ns() -> int:
    return time.monotonic_ns()


def test_forever_constant():
    assert QDeadlineTimer.ForeverConstant.Forever == 0
    assert QDeadlineTimer.Forever is QDeadlineTimer.ForeverConstant.Forever


def test_default_has_expired():
    dt = QDeadlineTimer()
    assert dt.hasExpired() and not dt.isForever()
    assert dt.remainingTime() == 0 and dt.remainingTimeNSecs() == 0
    assert dt.deadline() == 0 and dt.deadlineNSecs() == 0
    assert dt.timerType() is Qt.TimerType.CoarseTimer


def test_forever():
    dt = QDeadlineTimer(QDeadlineTimer.Forever)
    assert dt.isForever() and not dt.hasExpired()
    assert dt.remainingTime() == -1 and dt.remainingTimeNSecs() == -1
    assert dt.deadline() == INT64_MAX and dt.deadlineNSecs() == INT64_MAX
    assert QDeadlineTimer(QDeadlineTimer.Forever, Qt.PreciseTimer).timerType() is Qt.PreciseTimer
    assert QDeadlineTimer(-1).isForever() and QDeadlineTimer(-5000).isForever()


def test_zero_has_expired_since_the_earliest_point():
    dt = QDeadlineTimer(0)
    assert dt.hasExpired() and dt.deadlineNSecs() == INT64_MIN and dt.deadline() == INT64_MIN
    assert dt < QDeadlineTimer() and dt != QDeadlineTimer()


def test_msecs_from_now():
    before = now_ns()
    dt = QDeadlineTimer(1000)
    after = now_ns()
    assert before + 1_000_000_000 <= dt.deadlineNSecs() <= after + 1_000_000_000
    assert not dt.hasExpired()
    assert 990 <= dt.remainingTime() <= 1000
    assert 0 < dt.remainingTimeNSecs() <= 1_000_000_000
    assert dt.deadline() == dt.deadlineNSecs() // 1_000_000
    assert QDeadlineTimer(1).remainingTime() == 1  # rounded up


def test_timer_type_forms():
    assert QDeadlineTimer(Qt.PreciseTimer).timerType() is Qt.PreciseTimer
    assert QDeadlineTimer(Qt.PreciseTimer).deadlineNSecs() == 0  # not "0 ms from now"
    assert QDeadlineTimer(Qt.VeryCoarseTimer).hasExpired()
    assert QDeadlineTimer(5, Qt.PreciseTimer).timerType() is Qt.PreciseTimer
    assert QDeadlineTimer(5, type=Qt.VeryCoarseTimer).timerType() is Qt.VeryCoarseTimer
    dt = QDeadlineTimer(5000)
    dt.setTimerType(Qt.PreciseTimer)
    assert dt.timerType() is Qt.PreciseTimer
    dt.setTimerType(2)
    assert dt.timerType() is Qt.VeryCoarseTimer
    with pytest.raises(ValueError):
        dt.setTimerType(7)
    with pytest.raises(TypeError):
        dt.setTimerType("precise")


def test_copy_constructor_and_copy():
    dt = QDeadlineTimer(500, Qt.PreciseTimer)
    for other in (QDeadlineTimer(dt), copy.copy(dt)):
        assert other == dt and other is not dt
        assert other.timerType() is Qt.PreciseTimer


def test_expires():
    dt = QDeadlineTimer(10)
    time.sleep(0.02)
    assert dt.hasExpired()
    assert dt.remainingTime() == 0 and dt.remainingTimeNSecs() == 0


def test_set_remaining_time():
    dt = QDeadlineTimer()
    dt.setRemainingTime(500)
    assert 490 <= dt.remainingTime() <= 500 and dt.timerType() is Qt.CoarseTimer
    dt.setRemainingTime(-1)
    assert dt.isForever()
    dt.setRemainingTime(0, Qt.PreciseTimer)
    assert dt.deadlineNSecs() == INT64_MIN and dt.timerType() is Qt.PreciseTimer
    dt.setRemainingTime(2**62)
    assert dt.isForever()  # overflow saturates to Forever


def test_set_precise_remaining_time():
    dt = QDeadlineTimer()
    dt.setPreciseRemainingTime(1, 500)
    assert 999_000_000 < dt.remainingTimeNSecs() <= 1_000_000_500
    dt.setPreciseRemainingTime(1)
    assert 990 < dt.remainingTime() <= 1000
    dt.setPreciseRemainingTime(2, -1_000_000_000)
    assert 990 < dt.remainingTime() <= 1000
    dt.setPreciseRemainingTime(-1, 0)
    assert dt.isForever()
    dt.setPreciseRemainingTime(-1, 5)
    assert dt.isForever()
    dt.setPreciseRemainingTime(0, 0)
    assert dt.deadlineNSecs() == INT64_MIN
    before = now_ns()
    dt.setPreciseRemainingTime(0, -1)
    assert not dt.isForever() and before - 1 <= dt.deadlineNSecs() <= now_ns()
    dt.setPreciseRemainingTime(0, nsecs=None, type=Qt.PreciseTimer)
    assert dt.timerType() is Qt.PreciseTimer


def test_set_deadline():
    dt = QDeadlineTimer()
    dt.setDeadline(12345)
    assert dt.deadlineNSecs() == 12_345_000_000 and dt.deadline() == 12345
    dt.setDeadline(12345, Qt.VeryCoarseTimer)
    assert dt.timerType() is Qt.VeryCoarseTimer
    dt.setDeadline(-5)
    assert dt.deadline() == -5 and dt.hasExpired() and dt.remainingTime() == 0
    dt.setDeadline(INT64_MAX)
    assert dt.isForever()
    dt.setDeadline(-(2**62))
    assert dt.deadlineNSecs() == INT64_MIN and not dt.isForever()


def test_set_precise_deadline():
    dt = QDeadlineTimer()
    dt.setPreciseDeadline(12, 345)
    assert dt.deadlineNSecs() == 12_000_000_345
    dt.setPreciseDeadline(12)
    assert dt.deadlineNSecs() == 12_000_000_000
    dt.setPreciseDeadline(1, 2 * 10**9)
    assert dt.deadlineNSecs() == 3_000_000_000
    dt.setPreciseDeadline(-1, -1)
    assert dt.deadlineNSecs() == -1_000_000_001 and dt.deadline() == -1000  # toward zero
    dt.setPreciseDeadline(0, -999_999)
    assert dt.deadline() == 0
    dt.setPreciseDeadline(2**62, 0)
    assert dt.isForever()


def test_current_and_add_nsecs():
    before = now_ns()
    cur = QDeadlineTimer.current()
    assert before <= cur.deadlineNSecs() <= now_ns() and cur.hasExpired()
    assert cur.timerType() is Qt.CoarseTimer
    assert QDeadlineTimer.current(Qt.PreciseTimer).timerType() is Qt.PreciseTimer
    moved = QDeadlineTimer.addNSecs(cur, 5)
    assert moved.deadlineNSecs() - cur.deadlineNSecs() == 5
    assert QDeadlineTimer.addNSecs(cur, -10).deadlineNSecs() == cur.deadlineNSecs() - 10
    assert QDeadlineTimer.addNSecs(QDeadlineTimer.Forever, 5).isForever()
    assert QDeadlineTimer.addNSecs(QDeadlineTimer(5000), INT64_MAX).isForever()
    assert QDeadlineTimer.addNSecs(QDeadlineTimer(), -(2**63)).deadlineNSecs() == INT64_MIN
    assert not QDeadlineTimer.addNSecs(5000, 1).hasExpired()   # int converts implicitly
    with pytest.raises(TypeError):
        QDeadlineTimer.addNSecs("x", 1)


def test_arithmetic():
    t = QDeadlineTimer(1000)
    base = t.deadlineNSecs()
    assert (t + 5).deadlineNSecs() - base == 5_000_000
    assert (5 + t).deadlineNSecs() - base == 5_000_000
    assert (t - 5).deadlineNSecs() - base == -5_000_000
    assert (t + (-5)).deadlineNSecs() - base == -5_000_000
    assert t - t == 0
    assert t - QDeadlineTimer(t + 1500) == -1500
    assert t - QDeadlineTimer.Forever == -((INT64_MAX - base) // 1_000_000)  # toward zero
    assert (QDeadlineTimer(QDeadlineTimer.Forever) + 5).isForever()
    assert (QDeadlineTimer(QDeadlineTimer.Forever) - 5).isForever()
    assert (t + 2**62).isForever()
    assert (t - 2**62).deadlineNSecs() == INT64_MIN
    assert (t + 5).timerType() is t.timerType()
    u = QDeadlineTimer(t)
    u += 7
    assert u.deadlineNSecs() - base == 7_000_000
    u -= 7
    assert u == t
    with pytest.raises(TypeError):
        5 - t  # noqa: B018
    with pytest.raises(TypeError):
        t + 1.5  # noqa: B018
    with pytest.raises(TypeError):
        t - "x"  # noqa: B018


def test_comparisons():
    t = QDeadlineTimer(1000)
    assert t == QDeadlineTimer(t) and not t != QDeadlineTimer(t)
    later = t + 1
    assert t < later and t <= later and later > t and later >= t
    assert t < QDeadlineTimer.Forever
    assert QDeadlineTimer(QDeadlineTimer.Forever) == QDeadlineTimer.Forever
    assert QDeadlineTimer() < t
    other_type = QDeadlineTimer(t)
    other_type.setTimerType(Qt.PreciseTimer)
    assert other_type == t  # the timer type does not take part
    assert (t == "x") is False and (t == None) is False  # noqa: E711
    with pytest.raises(TypeError):
        t < None  # noqa: B015
    with pytest.raises(TypeError):
        hash(t)


def test_swap():
    a, b = QDeadlineTimer(100), QDeadlineTimer(QDeadlineTimer.Forever, Qt.PreciseTimer)
    a_ns = a.deadlineNSecs()
    a.swap(b)
    assert a.isForever() and a.timerType() is Qt.PreciseTimer
    assert b.deadlineNSecs() == a_ns and b.timerType() is Qt.CoarseTimer
    a.swap(QDeadlineTimer.Forever)
    assert a.isForever()
    with pytest.raises(TypeError):
        a.swap(None)


def test_bad_arguments():
    with pytest.raises(TypeError):
        QDeadlineTimer(1.5)
    with pytest.raises(TypeError):
        QDeadlineTimer("x")
    dt = QDeadlineTimer()
    with pytest.raises(TypeError):
        dt.setRemainingTime(None)
    with pytest.raises(TypeError):
        dt.setPreciseDeadline(1, 2.5)
    with pytest.raises(ValueError):
        dt.setRemainingTime(5, 9)


def test_huge_values_saturate_instead_of_overflowing():
    assert QDeadlineTimer(2**80).isForever()
    dt = QDeadlineTimer()
    dt.setPreciseDeadline(-(2**80))
    assert dt.deadlineNSecs() == INT64_MIN


def test_repr():
    assert "Forever" in repr(QDeadlineTimer(QDeadlineTimer.Forever))
    assert "remaining=" in repr(QDeadlineTimer(100))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=-(2**64), max_value=2**64), st.integers(min_value=-(2**64), max_value=2**64))
def test_precise_deadline_saturates(secs, nsecs):
    dt = QDeadlineTimer()
    dt.setPreciseDeadline(secs, nsecs)
    exact = secs * 1_000_000_000 + nsecs
    assert dt.deadlineNSecs() == max(INT64_MIN, min(INT64_MAX, exact))
    assert dt.isForever() == (exact >= INT64_MAX)
    if INT64_MIN < exact < INT64_MAX:
        toward_zero = abs(exact) // 1_000_000
        assert dt.deadline() == (toward_zero if exact >= 0 else -toward_zero)
