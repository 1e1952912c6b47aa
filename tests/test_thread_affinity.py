"""Thread affinity: where objects live, moveToThread (children, refusals, timers, socket
notifiers, posted events), deleteLater across threads, and the direct-path caches of
signals when threads start and finish."""

from __future__ import annotations

import os
import threading
import time

import pytest

from qtcore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSocketNotifier,
    Qt,
    QThread,
    QTimer,
    Signal,
)

DIRECT = Qt.ConnectionType.DirectConnection
USER = QEvent.Type.User


def pump(pred, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > end:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.001)
    return True


@pytest.fixture
def thread():
    """A running QThread with its event loop, stopped after the test."""
    t = QThread()
    t.setObjectName("affinity")
    t.start()
    assert pump(lambda: t.loopLevel() == 1)
    yield t
    t.quit()
    assert t.wait(5000)


def run_in(t: QThread, func) -> None:
    ctx = QObject()
    ctx.moveToThread(t)
    QTimer.singleShot(0, ctx, func)


def call_in(t: QThread, func):
    """Run ``func()`` in ``t`` and return its result."""
    box = []
    run_in(t, lambda: box.append(func()))
    assert pump(lambda: box)
    return box[0]


class Recorder(QObject):
    """Records which thread its events and slots run in."""

    ping = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log: list = []

    def event(self, e: QEvent) -> bool:
        if e.type() in (QEvent.Type.ThreadChange, USER):
            self.log.append((int(e.type()), QThread.currentThread(), getattr(e, "payload", None)))
            return True
        return super().event(e)

    def timerEvent(self, e) -> None:
        self.log.append(("timer", QThread.currentThread()))

    def slot(self, value: int) -> None:
        self.log.append(("slot", value, QThread.currentThread()))


class PayloadEvent(QEvent):
    def __init__(self, payload) -> None:
        super().__init__(USER)
        self.payload = payload


# --------------------------------------------------------------- where things live
def test_objects_live_where_they_were_created(thread):
    assert QObject().thread() is QThread.currentThread()
    assert call_in(thread, lambda: QObject().thread()) is thread
    box = []
    th = threading.Thread(target=lambda: box.append(QObject().thread()))
    th.start()
    th.join(5)
    assert box[0] is not None and box[0] not in (thread, QThread.currentThread())


# ------------------------------------------------------------------- moveToThread
def test_move_moves_children_and_sends_thread_change(thread):
    root = Recorder()
    child = Recorder(root)
    grandchild = Recorder(child)
    assert root.moveToThread(thread) is True
    for o in (root, child, grandchild):
        assert o.thread() is thread
        assert o.log == [(int(QEvent.Type.ThreadChange), QThread.currentThread(), None)]


def test_move_refuses_objects_with_a_parent(thread, qt_messages):
    parent = QObject()
    child = QObject(parent)
    assert child.moveToThread(thread) is False
    assert qt_messages[-1] == "QObject::moveToThread: Cannot move objects with a parent"
    assert child.thread() is QThread.currentThread()


def test_move_from_a_thread_that_is_not_the_objects_is_refused(thread, qt_messages):
    obj = QObject()
    obj.moveToThread(thread)
    main = QThread.currentThread()
    assert obj.moveToThread(main) is False
    assert qt_messages[-1] == (
        f"QObject::moveToThread: Current thread ({id(main):#x}) is not the object's thread ({id(thread):#x}).\n"
        f"Cannot move to target thread ({id(main):#x})\n"
    )
    assert obj.thread() is thread
    assert call_in(thread, lambda: obj.moveToThread(main)) is True  # from its own thread: fine
    assert obj.thread() is main


def test_move_to_same_thread_and_type_errors():
    obj = QObject()
    assert obj.moveToThread(QThread.currentThread()) is True
    with pytest.raises(TypeError):
        obj.moveToThread(obj)


def test_move_to_no_thread_stops_event_processing_and_can_be_pulled_back():
    obj = Recorder()
    assert obj.moveToThread(None) is True
    assert obj.thread() is None
    QCoreApplication.postEvent(obj, PayloadEvent("later"))
    QCoreApplication.processEvents()
    assert obj.log == [(int(QEvent.Type.ThreadChange), QThread.currentThread(), None)]
    box = []

    def pull():  # an object with no thread may be pulled into the calling thread
        box.append(obj.moveToThread(QThread.currentThread()))
        box.append(obj.thread())

    th = threading.Thread(target=pull)
    th.start()
    th.join(5)
    assert box[0] is True and box[1] is not None and box[1] is not QThread.currentThread()


def test_posted_events_move_with_the_object_in_order(thread):
    obj = Recorder()
    for i in range(3):
        QCoreApplication.postEvent(obj, PayloadEvent(i))
    QCoreApplication.postEvent(obj, PayloadEvent("urgent"), Qt.EventPriority.HighEventPriority)
    other = Recorder()
    QCoreApplication.postEvent(other, PayloadEvent("stays"))
    obj.moveToThread(thread)
    assert pump(lambda: len(obj.log) == 5)
    assert [(p, t) for _, t, p in obj.log[1:]] == [("urgent", thread), (0, thread), (1, thread), (2, thread)]
    QCoreApplication.processEvents()
    assert [p for _, _, p in other.log] == ["stays"]


def test_queued_calls_pending_for_a_moved_object_run_in_its_new_thread(thread):
    obj = Recorder()
    src = Recorder()
    src.ping.connect(obj.slot, Qt.ConnectionType.QueuedConnection)
    src.ping.emit(1)
    obj.moveToThread(thread)
    assert pump(lambda: len(obj.log) == 2)
    assert obj.log[1] == ("slot", 1, thread)


# ------------------------------------------------------------------------ timers
def test_qtimer_moves_and_fires_in_the_new_thread(thread):
    timer = QTimer()
    fired = []
    timer.timeout.connect(lambda: fired.append(QThread.currentThread()), DIRECT)
    timer.start(20)
    timer.moveToThread(thread)
    assert timer.isActive()
    assert pump(lambda: len(fired) >= 2)
    assert set(fired) == {thread}
    assert call_in(thread, lambda: (timer.stop(), timer.isActive())[1]) is False


def test_qtimer_keeps_its_deadline_across_the_move(thread):
    timer = QTimer(singleShot=True)
    fired = []
    timer.timeout.connect(lambda: fired.append(time.monotonic()), DIRECT)
    t0 = time.monotonic()
    timer.start(150)
    timer.moveToThread(thread)
    assert 0 < call_in(thread, timer.remainingTime) <= 150
    assert pump(lambda: fired)
    assert 0.13 <= fired[0] - t0 < 1.0


def test_start_timer_moves_and_fires_in_the_new_thread(thread):
    obj = Recorder()
    tid = obj.startTimer(10)
    obj.moveToThread(thread)
    assert pump(lambda: any(e[0] == "timer" for e in obj.log))
    assert {e[1] for e in obj.log if e[0] == "timer"} == {thread}
    call_in(thread, lambda: obj.killTimer(tid))


def test_timers_stopped_before_the_new_thread_runs_never_fire(qt_messages):
    t = QThread()
    timer = QTimer()
    timer.start(1)
    obj = Recorder()
    tid = obj.startTimer(1)
    fired = []
    timer.timeout.connect(lambda: fired.append("qtimer"), DIRECT)
    timer.moveToThread(t)
    obj.moveToThread(t)

    def stop_first():  # runs in t before its event loop adopts the moved timers
        timer.stop()
        obj.killTimer(tid)

    t.started.connect(stop_first, DIRECT)
    t.start()
    try:
        time.sleep(0.1)
        assert fired == [] and not any(e[0] == "timer" for e in obj.log)
        assert not any("killTimer" in m for m in qt_messages)
    finally:
        t.quit()
        assert t.wait(5000)


def test_single_shot_with_context_follows_the_context(thread):
    ctx = QObject()
    where = []
    QTimer.singleShot(30, ctx, lambda: where.append(QThread.currentThread()))
    ctx.moveToThread(thread)
    assert pump(lambda: where)
    assert where == [thread]


def test_timers_cannot_be_started_or_stopped_from_another_thread(thread, qt_messages):
    timer = QTimer()
    timer.moveToThread(thread)
    timer.start(10)
    assert qt_messages[-1] == "QObject::startTimer: Timers cannot be started from another thread"
    assert not timer.isActive()


# ---------------------------------------------------------------- socket notifiers
def test_socket_notifier_moves_and_fires_in_the_new_thread(thread):
    r, w = os.pipe()
    try:
        notifier = QSocketNotifier(r, QSocketNotifier.Type.Read)
        where = []

        def readable():
            where.append(QThread.currentThread())
            os.read(r, 100)

        notifier.activated.connect(readable, DIRECT)
        notifier.moveToThread(thread)
        os.write(w, b"x")
        assert pump(lambda: where)
        QCoreApplication.processEvents()
        assert set(where) == {thread}
        call_in(thread, lambda: notifier.setEnabled(False))
    finally:
        os.close(r)
        os.close(w)


# -------------------------------------------------------------------- deleteLater
def test_delete_later_from_another_thread_runs_in_the_objects_thread(thread):
    obj = QObject()
    obj.moveToThread(thread)
    where = []
    obj.destroyed.connect(lambda: where.append(QThread.currentThread()), DIRECT)
    obj.deleteLater()
    assert pump(lambda: where)
    assert where == [thread]


def test_delete_later_before_the_thread_runs_a_loop():
    t = QThread()
    obj = QObject()
    obj.moveToThread(t)
    where = []
    obj.destroyed.connect(lambda: where.append(QThread.currentThread()), DIRECT)
    obj.deleteLater()
    t.start()
    try:
        assert pump(lambda: where)
        assert where == [t] and t.isRunning()
    finally:
        t.quit()
        assert t.wait(5000)


def test_delete_later_in_a_thread_without_event_loop_runs_when_it_finishes():
    where = []

    class T(QThread):
        def run(self):
            obj = QObject()
            obj.destroyed.connect(lambda: where.append(("destroyed", QThread.currentThread() is self)), DIRECT)
            obj.deleteLater()
            where.append("run returns")

    t = T()
    t.start()
    assert t.wait(5000)
    assert where == ["run returns", ("destroyed", True)]


# ------------------------------------------------------------- AutoConnection caches
def test_auto_connection_is_decided_at_emit_time(thread):
    src = Recorder()
    dst = Recorder()
    dst.moveToThread(thread)
    src.ping.connect(dst.slot)
    src.ping.emit(1)  # from the main thread: queued to dst's thread
    assert pump(lambda: len(dst.log) == 2)
    call_in(thread, lambda: src.ping.emit(2))  # from dst's thread: direct
    assert dst.log[1:] == [("slot", 1, thread), ("slot", 2, thread)]


def test_emit_after_the_receivers_thread_finished_is_not_direct():
    t = QThread()
    dst = Recorder()
    dst.moveToThread(t)
    src = Recorder()
    src.ping.connect(dst.slot)
    t.start()
    assert pump(lambda: t.loopLevel() == 1)
    call_in(t, lambda: src.ping.emit(1))  # direct, in t
    t.quit()
    assert t.wait(5000)
    # a new thread (which may reuse the finished thread's OS ident) must not call directly
    for _ in range(3):
        th = threading.Thread(target=lambda: src.ping.emit(2))
        th.start()
        th.join(5)
    assert dst.log[1:] == [("slot", 1, t)]
    t.start()  # restarted: the queued calls run there
    try:
        assert pump(lambda: len(dst.log) == 5)
        assert dst.log[2:] == [("slot", 2, t)] * 3
    finally:
        t.quit()
        assert t.wait(5000)


def test_blocked_signals_and_moves_keep_the_cache_right(thread):
    src = Recorder()
    dst = Recorder()
    src.ping.connect(dst.slot)
    src.ping.emit(1)
    assert dst.log == [("slot", 1, QThread.currentThread())]
    dst.moveToThread(thread)
    src.ping.emit(2)
    assert pump(lambda: len(dst.log) == 3)
    assert dst.log[2] == ("slot", 2, thread)
    src.blockSignals(True)
    src.ping.emit(3)
    src.blockSignals(False)
    call_in(thread, lambda: dst.moveToThread(QThread.currentThread().thread()))  # back to main
    src.ping.emit(4)
    assert dst.log[-1] == ("slot", 4, QThread.currentThread())
