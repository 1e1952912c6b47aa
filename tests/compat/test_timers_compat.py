"""QDeadlineTimer and QElapsedTimer semantics on PySide6 and qtcore, where deterministic.

Deadlines set at absolute points of the clock give identical values; deadlines relative
to now are compared through what does not depend on the exact instant. ``dt + msecs`` is
avoided on PySide6 (its ``operator+`` binding is broken: see docs/compat.md).
"""

from __future__ import annotations

import time

INT64_MAX = 2**63 - 1


def scenario_special_values(impl):
    QDeadlineTimer, Qt = impl.QtCore.QDeadlineTimer, impl.QtCore.Qt

    def describe(dt):
        return (dt.isForever(), dt.hasExpired(), dt.deadline(), dt.deadlineNSecs(),
                dt.remainingTime(), dt.remainingTimeNSecs(), dt.timerType().name)

    return [
        describe(QDeadlineTimer()),
        describe(QDeadlineTimer(QDeadlineTimer.Forever)),
        describe(QDeadlineTimer(QDeadlineTimer.Forever, Qt.TimerType.PreciseTimer)),
        describe(QDeadlineTimer(0)),
        describe(QDeadlineTimer(-1)),
        describe(QDeadlineTimer(-5000, Qt.TimerType.VeryCoarseTimer)),
        describe(QDeadlineTimer(Qt.TimerType.PreciseTimer)),
        int(QDeadlineTimer.ForeverConstant.Forever.value),
    ]


def scenario_absolute_deadlines(impl):
    QDeadlineTimer, Qt = impl.QtCore.QDeadlineTimer, impl.QtCore.Qt
    out = []
    dt = QDeadlineTimer()
    for secs, nsecs in [(12, 345), (12, None), (1, 2 * 10**9), (-1, -1), (0, -1), (0, -999_999),
                        (0, 1_999_999), (2**62, 0), (0, -(2**63))]:
        dt.setPreciseDeadline(secs, nsecs) if nsecs is not None else dt.setPreciseDeadline(secs)
        out.append(("precise", secs, nsecs, dt.deadline(), dt.deadlineNSecs(), dt.isForever()))
    for msecs in [12345, -5, 0, INT64_MAX, -(2**62), 2**62]:
        dt.setDeadline(msecs, Qt.TimerType.VeryCoarseTimer)
        out.append(("deadline", msecs, dt.deadline(), dt.deadlineNSecs(), dt.isForever(),
                    dt.timerType().name))
    base = QDeadlineTimer()
    base.setPreciseDeadline(1000, 0)
    later = QDeadlineTimer()
    later.setPreciseDeadline(1001, 500_000)
    forever = QDeadlineTimer(QDeadlineTimer.Forever)
    out.append(("add", (5 + base).deadlineNSecs(), (base - 5).deadlineNSecs(),
                (forever - 5).isForever(), (base - 2**62).deadlineNSecs()))
    out.append(("diff", base - base, base - later, later - base, base - forever,
                base - QDeadlineTimer.Forever))
    moved = QDeadlineTimer(base)
    moved += 7
    moved -= 2
    out.append(("inplace", moved.deadlineNSecs(), moved == base, moved is base))
    big = QDeadlineTimer(base)
    big += 2**62
    out.append(("inplace-sat", big.isForever()))
    out.append(("addNSecs", QDeadlineTimer.addNSecs(base, 5).deadlineNSecs(),
                QDeadlineTimer.addNSecs(base, -10).deadlineNSecs(),
                QDeadlineTimer.addNSecs(forever, 5).isForever(),
                QDeadlineTimer.addNSecs(base, INT64_MAX).isForever(),
                QDeadlineTimer.addNSecs(QDeadlineTimer(), 0).deadlineNSecs()))
    typed = QDeadlineTimer(base)
    typed.setTimerType(Qt.TimerType.PreciseTimer)
    out.append(("compare", base == typed, base != later, base < later, base <= base,
                later > base, later >= base, base < forever, forever == QDeadlineTimer.Forever,
                QDeadlineTimer() < base, QDeadlineTimer(0) < QDeadlineTimer()))
    a, b = QDeadlineTimer(base), QDeadlineTimer(QDeadlineTimer.Forever, Qt.TimerType.PreciseTimer)
    a.swap(b)
    out.append(("swap", a.isForever(), a.timerType().name, b.deadlineNSecs(), b.timerType().name))
    return out


def scenario_relative_deadlines(impl):
    QDeadlineTimer, Qt = impl.QtCore.QDeadlineTimer, impl.QtCore.Qt
    dt = QDeadlineTimer(1000)
    out = [dt.isForever(), dt.hasExpired(), 990 <= dt.remainingTime() <= 1000,
           dt.timerType().name, QDeadlineTimer(1).remainingTime()]
    dt.setRemainingTime(-1)
    out.append(dt.isForever())
    dt.setRemainingTime(0, Qt.TimerType.PreciseTimer)
    out += [dt.deadlineNSecs(), dt.timerType().name, dt.hasExpired()]
    dt.setRemainingTime(2**62)
    out.append(dt.isForever())
    for secs, nsecs in [(-1, 0), (-1, 5), (0, 0)]:
        dt.setPreciseRemainingTime(secs, nsecs)
        out.append((dt.isForever(), dt.deadlineNSecs() if secs == 0 else None))
    dt.setPreciseRemainingTime(2, -1_000_000_000)
    out.append(990 < dt.remainingTime() <= 1000)
    short = QDeadlineTimer(10)
    time.sleep(0.03)
    out += [short.hasExpired(), short.remainingTime(), short.remainingTimeNSecs()]
    current = QDeadlineTimer.current(Qt.TimerType.PreciseTimer)
    out += [current.hasExpired(), current.timerType().name, QDeadlineTimer.current().timerType().name]
    out += [dt == 5, dt < 5, QDeadlineTimer(5) < QDeadlineTimer.Forever]
    return out


def scenario_elapsed_timer(impl):
    QElapsedTimer = impl.QtCore.QElapsedTimer
    timer = QElapsedTimer()
    out = [timer.isValid(), timer.msecsSinceReference(), timer.hasExpired(-1),
           timer.hasExpired(0), timer.hasExpired(5), timer == QElapsedTimer(),
           QElapsedTimer.clockType().name, QElapsedTimer.isMonotonic(),
           [(m.name, m.value) for m in QElapsedTimer.ClockType]]
    timer.start()
    copy = QElapsedTimer(timer)
    out += [timer.isValid(), copy == timer, timer != copy]
    time.sleep(0.02)
    later = QElapsedTimer()
    later.start()
    out += [timer.msecsTo(later) >= 20, later.msecsTo(timer) <= -20, timer.secsTo(later),
            timer == later, timer.hasExpired(10), timer.hasExpired(-1), timer.restart() >= 20]
    timer.invalidate()
    out += [timer.isValid(), timer.hasExpired(0)]
    return out


def test_special_values(run_both):
    ours, theirs = run_both(scenario_special_values)
    assert ours == theirs


def test_absolute_deadlines(run_both):
    ours, theirs = run_both(scenario_absolute_deadlines)
    assert ours == theirs


def test_relative_deadlines(run_both):
    ours, theirs = run_both(scenario_relative_deadlines)
    assert ours == theirs


def test_elapsed_timer(run_both):
    ours, theirs = run_both(scenario_elapsed_timer)
    assert ours == theirs


def test_same_clock(pyside, qtpure):
    """Deadlines and elapsed timers of both read the same monotonic clock."""
    ours = qtpure.QtCore.QDeadlineTimer.current().deadlineNSecs()
    theirs = pyside.QtCore.QDeadlineTimer.current().deadlineNSecs()
    assert abs(ours - theirs) < 50_000_000
    a, b = qtpure.QtCore.QElapsedTimer(), pyside.QtCore.QElapsedTimer()
    a.start()
    b.start()
    assert abs(a.msecsSinceReference() - b.msecsSinceReference()) < 50
