"""QTimer and QTimer.singleShot."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from qtcore import QCoreApplication, QEventLoop, QObject, Qt, QTimer


def test_defaults():
    t = QTimer()
    assert (t.interval(), t.isActive(), t.isSingleShot(), t.timerId(), t.id()) == (0, False, False, -1, 0)
    assert t.timerType() == Qt.TimerType.CoarseTimer
    assert t.remainingTime() == -1


def test_repeating_timer_fires_until_stopped(app, run_loop):
    t = QTimer()
    t.setTimerType(Qt.TimerType.PreciseTimer)
    n = []

    def tick():
        n.append(1)
        if len(n) == 4:
            t.stop()
            app.quit()

    t.timeout.connect(tick)
    t.start(2)
    assert t.isActive() and t.timerId() > 0
    run_loop(3000)
    assert len(n) == 4 and not t.isActive()


def test_single_shot_timer_is_inactive_when_timeout_runs(app, run_loop):
    t = QTimer()
    t.setSingleShot(True)
    seen = []
    t.timeout.connect(lambda: (seen.append(t.isActive()), app.quit()))
    t.start(1)
    run_loop(3000)
    assert seen == [False]


def test_restart_and_set_interval(app):
    t = QTimer()
    t.start(1000)
    first = t.timerId()
    t.setInterval(5000)
    assert t.isActive() and t.interval() == 5000
    assert 4000 < t.remainingTime() <= 5000
    t.start()
    assert t.isActive()
    t.stop()
    assert t.remainingTime() == -1 and first > 0


def test_negative_interval_warns(qt_messages):
    t = QTimer()
    t.start(-5)
    assert not t.isActive()
    assert any("negative" in m for m in qt_messages)
    with pytest.raises(TypeError):
        t.start("10")


def test_call_on_timeout(app, run_loop):
    t = QTimer()
    t.setSingleShot(True)
    log = []
    ctx = QObject()
    t.callOnTimeout(lambda: log.append("plain"))
    t.callOnTimeout(ctx, lambda: log.append("ctx"))
    t.timeout.connect(app.quit)
    t.start(0)
    run_loop(3000)
    assert log == ["plain", "ctx"]


def test_single_shot_zero_is_never_synchronous(app, run_loop):
    log = []
    QTimer.singleShot(0, lambda: log.append("a"))
    log.append("after call")
    QTimer.singleShot(0, app.quit)
    run_loop(2000)
    assert log == ["after call", "a"]


def test_single_shot_forms(app, run_loop):
    log = []

    class R(QObject):
        def slot(self):
            log.append("slot")

    r = R()
    QTimer.singleShot(1, lambda: log.append("functor"))
    QTimer.singleShot(2, r, r.slot)
    QTimer.singleShot(3, Qt.TimerType.PreciseTimer, lambda: log.append("typed"))
    QTimer.singleShot(4, r, "1slot()")
    QTimer.singleShot(30, app.quit)
    run_loop(3000)
    assert sorted(log) == ["functor", "slot", "slot", "typed"]


def test_single_shot_with_deleted_context_is_dropped(app, run_loop):
    log = []
    ctx = QObject()
    QTimer.singleShot(5, ctx, lambda: log.append("x"))
    ctx.deleteLater()
    QTimer.singleShot(30, app.quit)
    run_loop(3000)
    assert log == []


def test_single_shot_releases_a_deleted_context_before_its_deadline(app, run_loop):
    class Context(QObject):
        def slot(self):
            log.append("fired")

    log = []
    ctx, keep = Context(), Context()
    QTimer.singleShot(60_000, ctx, ctx.slot)
    QTimer.singleShot(60_000, ctx, lambda: log.append("lambda"))
    QTimer.singleShot(20, keep, keep.slot)
    gone = weakref.ref(ctx)
    ctx.deleteLater()
    del ctx
    QTimer.singleShot(60, app.quit)
    run_loop(3000)
    gc.collect()
    assert gone() is None and log == ["fired"]


def test_single_shot_order_by_deadline(app, run_loop):
    log = []
    for ms in (20, 5, 10):
        QTimer.singleShot(ms, Qt.TimerType.PreciseTimer, lambda ms=ms: log.append(ms))
    QTimer.singleShot(40, app.quit)
    run_loop(3000)
    assert log == [5, 10, 20]


def test_precise_timer_accuracy(app):
    loop = QEventLoop()
    t0 = time.monotonic()
    QTimer.singleShot(50, Qt.TimerType.PreciseTimer, loop.quit)
    loop.exec()
    elapsed = time.monotonic() - t0
    assert 0.049 <= elapsed < 0.5


def test_coarse_timer_within_five_percent(app):
    loop = QEventLoop()
    t0 = time.monotonic()
    QTimer.singleShot(200, Qt.TimerType.CoarseTimer, loop.quit)
    loop.exec()
    elapsed = time.monotonic() - t0
    assert 0.19 <= elapsed < 0.5


def test_timer_deleted_with_its_parent_stops(app, run_loop):
    parent = QObject()
    t = QTimer(parent)
    fired = []
    t.timeout.connect(lambda: fired.append(1))
    t.start(5)
    parent.deleteLater()
    QCoreApplication.sendPostedEvents(None, 52)
    assert not t.isActive()
    QTimer.singleShot(30, app.quit)
    run_loop(2000)
    assert fired == []


def test_exception_in_timer_slot_does_not_stop_the_loop(app, run_loop, monkeypatch):
    import sys

    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *i: seen.append(i[0]))
    QTimer.singleShot(1, lambda: 1 / 0)
    QTimer.singleShot(10, app.quit)
    assert run_loop(2000) == 0
    assert seen == [ZeroDivisionError]


def test_many_single_shots_all_fire_in_deadline_order(app, run_loop):
    log = []
    n = 20000
    for i in range(n):
        QTimer.singleShot(i % 7, Qt.TimerType.PreciseTimer, lambda i=i: log.append(i))
    QTimer.singleShot(50, app.quit)
    run_loop(5000)
    assert sorted(log) == list(range(n))
    for r in range(7):  # equal intervals fire in the order they were scheduled
        same = [i for i in log if i % 7 == r]
        assert same == sorted(same)
