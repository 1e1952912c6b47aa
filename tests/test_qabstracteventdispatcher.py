"""QAbstractEventDispatcher and the default dispatcher."""

from __future__ import annotations

import gc
import threading
import time
import weakref

import pytest

from qtcore import QAbstractEventDispatcher, QCoreApplication, QEventLoop, QObject, Qt, QTimer


def test_instance_and_abstract():
    d = QCoreApplication.eventDispatcher()  # created on first need
    assert QAbstractEventDispatcher.instance() is d
    with pytest.raises(TypeError):
        QAbstractEventDispatcher()


def test_about_to_block_and_awake(app):
    d = QCoreApplication.eventDispatcher()
    log = []
    c1 = d.aboutToBlock.connect(lambda: log.append("block"))
    c2 = d.awake.connect(lambda: log.append("awake"))
    loop = QEventLoop()
    QTimer.singleShot(10, loop.quit)
    loop.exec()
    d.aboutToBlock.disconnect(c1)
    d.awake.disconnect(c2)
    assert "block" in log and "awake" in log
    assert log.index("block") < log.index("awake")


def test_register_timer_forms_and_remaining_time():
    d = QCoreApplication.eventDispatcher()
    o = QObject()
    tid = d.registerTimer(1000, Qt.TimerType.PreciseTimer, o)
    assert 900 < d.remainingTime(tid) <= 1000
    assert [i.timerId for i in d.registeredTimers(o)] == [tid]
    assert d.unregisterTimer(tid) is True
    assert d.unregisterTimer(tid) is False
    assert d.remainingTime(tid) == -1
    d.registerTimer(4242, 50, Qt.TimerType.CoarseTimer, o)
    assert d.registeredTimers(o)[0] == QAbstractEventDispatcher.TimerInfo(4242, 50, Qt.TimerType.CoarseTimer)
    assert d.unregisterTimers(o) is True
    assert d.unregisterTimers(o) is False


def test_wake_up_from_another_thread_ends_a_blocking_wait(app):
    d = QCoreApplication.eventDispatcher()
    QCoreApplication.sendPostedEvents()
    threading.Timer(0.05, d.wakeUp).start()
    t0 = time.monotonic()
    d.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    assert time.monotonic() - t0 < 5


def test_interrupt_makes_process_events_return(app):
    d = QCoreApplication.eventDispatcher()
    threading.Timer(0.05, d.interrupt).start()
    t0 = time.monotonic()
    d.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    assert time.monotonic() - t0 < 5


def test_exclude_timers_flag(app):
    d = QCoreApplication.eventDispatcher()
    fired = []
    QTimer.singleShot(1, Qt.TimerType.PreciseTimer, lambda: fired.append(1))
    time.sleep(0.01)
    d.processEvents(QEventLoop.ProcessEventsFlag.X11ExcludeTimers)
    assert fired == []
    d.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    assert fired == [1]


def test_timer_ids_are_reused():
    o = QObject()
    a = o.startTimer(1000)
    o.killTimer(a)
    b = o.startTimer(1000)
    assert b == a
    o.killTimer(b)


def test_unregister_timers_stops_that_objects_timers_only(app):
    """unregisterTimers(obj) stops obj's id timers and its single shots (obj as context);
    other objects' timers, and a timer that already fired, are left alone."""
    d = QCoreApplication.eventDispatcher()
    a, b = QObject(), QObject()
    fired = []
    class Late:
        def __call__(self):
            fired.append("a late")

    late = Late()
    gone = weakref.ref(late)
    a.startTimer(60_000)
    QTimer.singleShot(60_000, a, late)
    del late
    QTimer.singleShot(1, Qt.TimerType.PreciseTimer, a, lambda: fired.append("a soon"))
    kept = [b.startTimer(60_000), b.startTimer(30_000)]
    QTimer.singleShot(5, Qt.TimerType.PreciseTimer, b, lambda: fired.append("b"))
    loop = QEventLoop()
    QTimer.singleShot(3, Qt.TimerType.PreciseTimer, loop.quit)
    loop.exec()
    assert fired == ["a soon"]
    assert d.unregisterTimers(a) is True
    assert d.registeredTimers(a) == [] and d.unregisterTimers(a) is False
    gc.collect()
    assert gone() is None  # the late single shot was released, not kept to its deadline
    assert sorted(i.timerId for i in d.registeredTimers(b)) == sorted(kept)
    QTimer.singleShot(30, loop.quit)
    loop.exec()
    assert fired == ["a soon", "b"]
    assert d.unregisterTimers(b) is True and d.registeredTimers(b) == []
