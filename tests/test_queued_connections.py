"""Delivery across threads: AutoConnection, QueuedConnection, BlockingQueuedConnection,
context objects, QMetaObject.invokeMethod in all its forms, and a bounded stress test
(8 threads x 20,000 queued emissions to one receiver: none lost, per-sender order kept)."""

from __future__ import annotations

import functools
import sys
import threading
import time

import pytest

from qtcore import (
    Q_ARG,
    Q_RETURN_ARG,
    SIGNAL,
    QCoreApplication,
    QEvent,
    QMetaObject,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)

CT = Qt.ConnectionType


def pump(pred, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while not pred():
        if time.monotonic() > end:
            return False
        QCoreApplication.processEvents()
        time.sleep(0.0005)
    return True


@pytest.fixture
def thread():
    t = QThread()
    t.start()
    assert pump(lambda: t.loopLevel() == 1)
    yield t
    t.quit()
    assert t.wait(5000)


def in_thread(t: QThread, func) -> None:
    ctx = QObject()
    ctx.moveToThread(t)
    QTimer.singleShot(0, ctx, func)


def call_in(t: QThread, func):
    box = []
    in_thread(t, lambda: box.append(func()))
    assert pump(lambda: box)
    return box[0]


class Node(QObject):
    ping = Signal(object)
    value = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.got: list = []

    def on_ping(self, obj) -> None:
        self.got.append((obj, QThread.currentThread(), self.sender()))

    @Slot(int, result=int)
    def twice(self, x: int) -> int:
        self.got.append(("twice", x, QThread.currentThread()))
        return 2 * x

    @Slot(int, str, result=str)
    def repeat(self, n: int, s: str) -> str:
        return s * n

    @Slot()
    def boom(self) -> None:
        raise ValueError("boom")

    def plain(self, a, b=0):
        return a + b


# ------------------------------------------------------------------- queued
def test_queued_from_worker_thread_delivers_the_emitted_objects(thread):
    src = Node()
    dst = Node()
    src.moveToThread(thread)
    src.ping.connect(dst.on_ping)
    payload = [1, 2]
    call_in(thread, lambda: src.ping.emit(payload))
    assert pump(lambda: dst.got)
    obj, where, sender = dst.got[0]
    assert obj is payload and where is QThread.currentThread() and sender is src


def test_queued_connection_in_the_same_thread_waits_for_the_loop():
    order = []

    class Sink(QObject):
        def on_ping(self, x):
            order.append(x)

        def customEvent(self, e):
            order.append("event")

    src = Node()
    sink = Sink()
    src.ping.connect(sink.on_ping, CT.QueuedConnection)
    src.ping.emit("a")
    QCoreApplication.postEvent(sink, QEvent(QEvent.Type.User))
    src.ping.emit("b")
    assert order == []
    QCoreApplication.processEvents()
    assert order == ["a", "event", "b"]  # in posting order


def test_posting_order_is_kept_between_queued_signals_and_events(thread):
    log = []

    class Sink(QObject):
        def on_value(self, v):
            log.append(("signal", v))

        def customEvent(self, e):
            log.append(("event", e.n))

    class NumberedEvent(QEvent):
        def __init__(self, n):
            super().__init__(QEvent.Type.User)
            self.n = n

    sink = Sink()
    src = Node()
    src.value.connect(sink.on_value)

    def burst():
        for i in range(5):
            src.value.emit(i)
            QCoreApplication.postEvent(sink, NumberedEvent(i))
            QMetaObject.invokeMethod(sink, "on_value", CT.QueuedConnection, Q_ARG(int, 100 + i))

    call_in(thread, burst)
    assert pump(lambda: len(log) == 15)
    assert log == [x for i in range(5) for x in (("signal", i), ("event", i), ("signal", 100 + i))]


def test_queued_lambda_without_context_runs_in_the_senders_thread(thread):
    src = Node()
    src.moveToThread(thread)
    where = []
    src.value.connect(lambda v: where.append(QThread.currentThread()), CT.QueuedConnection)
    src.value.emit(1)  # emitted from main, queued to src's thread
    assert pump(lambda: where)
    assert where == [thread]


def test_single_shot_queued_connection(thread):
    src = Node()
    dst = Node()
    dst.moveToThread(thread)
    c = src.ping.connect(dst.on_ping, CT.QueuedConnection | CT.SingleShotConnection)
    src.ping.emit(1)
    src.ping.emit(2)
    assert not c
    assert pump(lambda: dst.got)
    time.sleep(0.05)
    assert [g[0] for g in dst.got] == [1]


def test_receiver_deleted_before_delivery_gets_nothing():
    src = Node()
    dst = Node()
    src.ping.connect(dst.on_ping, CT.QueuedConnection)
    src.ping.emit(1)
    dst.deleteLater()
    QCoreApplication.sendPostedEvents(dst, int(QEvent.Type.DeferredDelete))
    QCoreApplication.processEvents()
    assert dst.got == []


def test_sender_is_known_only_while_connected():
    src = Node()
    dst = Node()
    c = src.ping.connect(dst.on_ping, CT.QueuedConnection)
    src.ping.emit(1)
    src.ping.disconnect(c)  # the call already queued still runs, as in Qt
    src.ping.connect(dst.on_ping, CT.QueuedConnection)
    src.ping.emit(2)
    QCoreApplication.processEvents()
    assert [(g[0], g[2]) for g in dst.got] == [(1, src), (2, src)]
    other = Node()
    c = other.ping.connect(dst.on_ping, CT.QueuedConnection)
    other.ping.emit(3)
    other.ping.disconnect(c)
    QCoreApplication.processEvents()
    assert dst.got[-1][0] == 3 and dst.got[-1][2] is None


# -------------------------------------------------------------- blocking queued
def test_blocking_queued_waits_until_the_slot_has_run(thread):
    src = Node()
    dst = Node()
    dst.moveToThread(thread)
    src.value.connect(dst.twice, CT.BlockingQueuedConnection)
    for i in range(20):
        src.value.emit(i)
        assert dst.got[-1] == ("twice", i, thread)  # already there when emit returns


def test_blocking_queued_to_the_same_thread_warns_and_does_not_deliver(qt_messages):
    src = Node()
    dst = Node()
    src.value.connect(dst.twice, CT.BlockingQueuedConnection)
    src.value.emit(1)
    assert qt_messages[-1] == (
        "Qt: Dead lock detected while activating a BlockingQueuedConnection: "
        f"Sender is Node({id(src):#x}), receiver is Node({id(dst):#x})"
    )
    QCoreApplication.processEvents()
    assert dst.got == []


def test_blocking_queued_slot_exception_is_reported_in_the_receivers_thread(thread, monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: reported.append((exc[1], QThread.currentThread())))
    src = Node()
    dst = Node()
    dst.moveToThread(thread)
    src.value.connect(dst.boom, CT.BlockingQueuedConnection)
    src.value.emit(1)  # returns: the emitter is released although the slot raised
    assert [(str(e), t) for e, t in reported] == [("boom", thread)]


# -------------------------------------------------------------- context objects
def test_callable_with_context_runs_in_the_contexts_thread(thread):
    src = Node()
    ctx = QObject()
    ctx.moveToThread(thread)
    where = []
    QObject.connect(src, SIGNAL("value(int)"), ctx, lambda v: where.append((v, QThread.currentThread())))
    src.value.emit(7)
    assert pump(lambda: where)
    assert where == [(7, thread)]


def test_callables_without_context_run_in_the_senders_thread(thread):
    """As PySide6: the sender is the context of a lambda, function, partial or method of a
    non-QObject (C++ Qt's functor connect would call them directly in the emitting thread)."""
    src = Node()
    src.moveToThread(thread)
    where = []

    def function(v):
        where.append(("function", v, QThread.currentThread()))

    class Plain:
        def method(self, v):
            where.append(("method", v, QThread.currentThread()))

    plain = Plain()
    src.value.connect(function)
    src.value.connect(lambda v: where.append(("lambda", v, QThread.currentThread())))
    src.value.connect(functools.partial(lambda tag, v: where.append((tag, v, QThread.currentThread())), "partial"))
    src.value.connect(plain.method)
    src.value.emit(1)  # emitted in main: queued to src's thread
    assert pump(lambda: len(where) == 4)
    call_in(thread, lambda: src.value.emit(2))  # emitted in src's thread: direct
    assert where == [(tag, v, thread) for v in (1, 2) for tag in ("function", "lambda", "partial", "method")]


def test_callable_without_context_of_a_main_thread_sender_emitted_by_a_worker(thread):
    src = Node()
    where = []
    src.value.connect(lambda v: where.append(("auto", QThread.currentThread())))
    src.value.connect(lambda v: where.append(("direct", QThread.currentThread())), CT.DirectConnection)
    call_in(thread, lambda: src.value.emit(1))
    assert where == [("direct", thread)]
    assert pump(lambda: len(where) == 2)
    assert where[1] == ("auto", QThread.currentThread())


def test_bound_method_of_an_object_in_another_thread_is_queued_to_it(thread):
    where = []

    class Dst(QObject):
        def undeclared(self, obj):  # not a @Slot: still runs in the receiver's thread
            where.append(QThread.currentThread())

    src = Node()
    dst = Dst()
    dst.moveToThread(thread)
    src.ping.connect(dst.undeclared)
    src.ping.emit(1)
    assert pump(lambda: where)
    assert where == [thread]


# ------------------------------------------------------------------ invokeMethod
def test_invoke_direct_and_auto_return_values():
    n = Node()
    assert QMetaObject.invokeMethod(n, "twice", CT.DirectConnection, Q_RETURN_ARG(int), Q_ARG(int, 5)) == 10
    assert QMetaObject.invokeMethod(n, "twice", Q_RETURN_ARG(int), Q_ARG(int, 6)) == 12
    assert QMetaObject.invokeMethod(n, "twice", CT.DirectConnection, Q_ARG(int, 7)) is True
    assert QMetaObject.invokeMethod(n, "repeat", Q_RETURN_ARG(str), Q_ARG(int, 2), Q_ARG(str, "ab")) == "abab"
    assert QMetaObject.invokeMethod(n, b"twice", Q_RETURN_ARG(int), Q_ARG("int", 1)) == 2


def test_invoke_queued_runs_later_and_refuses_return_values(qt_messages):
    n = Node()
    assert QMetaObject.invokeMethod(n, "twice", CT.QueuedConnection, Q_ARG(int, 3)) is True
    assert n.got == []
    QCoreApplication.processEvents()
    assert n.got == [("twice", 3, QThread.currentThread())]
    with pytest.raises(RuntimeError, match="QMetaMethod invocation failed"):
        QMetaObject.invokeMethod(n, "twice", CT.QueuedConnection, Q_RETURN_ARG(int), Q_ARG(int, 3))
    assert qt_messages[-1] == "QMetaMethod::invoke: Unable to invoke methods with return values in queued connections"


def test_invoke_auto_to_another_thread_is_queued(thread, qt_messages):
    n = Node()
    n.moveToThread(thread)
    assert QMetaObject.invokeMethod(n, "twice", Q_ARG(int, 4)) is True
    assert pump(lambda: n.got)
    assert n.got == [("twice", 4, thread)]
    with pytest.raises(RuntimeError):
        QMetaObject.invokeMethod(n, "twice", Q_RETURN_ARG(int), Q_ARG(int, 4))


def test_invoke_blocking_returns_the_result_from_the_other_thread(thread):
    n = Node()
    n.moveToThread(thread)
    r = QMetaObject.invokeMethod(n, "twice", CT.BlockingQueuedConnection, Q_RETURN_ARG(int), Q_ARG(int, 21))
    assert r == 42 and n.got == [("twice", 21, thread)]
    assert QMetaObject.invokeMethod(n, "twice", CT.BlockingQueuedConnection, Q_ARG(int, 1)) is True


def test_invoke_blocking_in_the_same_thread_warns(qt_messages):
    n = Node()
    assert QMetaObject.invokeMethod(n, "twice", CT.BlockingQueuedConnection, Q_ARG(int, 1)) is False
    assert qt_messages[-1] == (
        f"QMetaMethod::invoke: Dead lock detected in BlockingQueuedConnection: Receiver is Node({id(n):#x})"
    )
    assert n.got == []


def test_invoke_no_such_method_messages(qt_messages):
    n = Node()
    assert QMetaObject.invokeMethod(n, "nosuch") is False
    assert qt_messages[-1] == "QMetaObject::invokeMethod: No such method Node::nosuch()"
    assert QMetaObject.invokeMethod(n, "twice") is False
    assert qt_messages[-1] == "QMetaObject::invokeMethod: No such method Node::twice()\nCandidates are:\n    twice(int)"
    assert QMetaObject.invokeMethod(n, "twice", Q_ARG(str, "x")) is False
    assert qt_messages[-1] == (
        "QMetaObject::invokeMethod: No such method Node::twice(QString)\nCandidates are:\n    twice(int)"
    )
    assert QMetaObject.invokeMethod(n, "twice(int)", Q_ARG(int, 1)) is False
    assert qt_messages[-1] == "QMetaObject::invokeMethod: No such method Node::twice(int)(int)"


def test_invoke_signals_emit():
    n = Node()
    got = []
    n.value.connect(got.append)
    assert QMetaObject.invokeMethod(n, "value", Q_ARG(int, 9)) is True
    assert QMetaObject.invokeMethod(n, "destroyed") is True
    assert got == [9]


def test_invoke_reports_exceptions_like_pyside(monkeypatch):
    reported = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: reported.append(str(exc[1])))
    n = Node()
    assert QMetaObject.invokeMethod(n, "boom") is True
    assert reported == ["boom"]


def test_invoke_with_plain_python_arguments_and_callables(thread):
    n = Node()
    assert QMetaObject.invokeMethod(n, "twice", Q_RETURN_ARG(int), 8) == 16
    assert QMetaObject.invokeMethod(n, "plain", Q_RETURN_ARG(int), 1, 2) == 3  # undeclared method
    assert QMetaObject.invokeMethod(n, lambda a: a * 3, Q_RETURN_ARG(int), 5) == 15
    n.moveToThread(thread)
    where = QMetaObject.invokeMethod(n, QThread.currentThread, CT.BlockingQueuedConnection, Q_RETURN_ARG(object))
    assert where is thread


def test_invoke_argument_checks():
    with pytest.raises(TypeError):
        QMetaObject.invokeMethod(object(), "twice")
    with pytest.raises(TypeError):
        Q_ARG(int, "x")
    with pytest.raises(TypeError):
        Q_ARG(str, b"x")
    assert Q_ARG(float, 3).value == 3.0 and isinstance(Q_ARG(float, 3).value, float)
    assert Q_ARG(bool, 1).value is True


# ---------------------------------------------------------------------- stress
N_THREADS = 8
N_EMITS = 20_000


class Collector(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.next = [0] * N_THREADS
        self.total = 0
        self.out_of_order = 0

    def on_item(self, sender_id: int, seq: int) -> None:
        if seq != self.next[sender_id]:
            self.out_of_order += 1
        self.next[sender_id] = seq + 1
        self.total += 1


class Producer(QThread):
    item = Signal(int, int)

    def __init__(self, ident: int) -> None:
        super().__init__()
        self.ident = ident

    def run(self) -> None:
        emit = self.item.emit
        ident = self.ident
        for seq in range(N_EMITS):
            emit(ident, seq)


def test_stress_eight_threads_queued_to_one_receiver():
    sink = Collector()
    producers = [Producer(i) for i in range(N_THREADS)]
    for p in producers:
        p.item.connect(sink.on_item, CT.QueuedConnection)
    for p in producers:
        p.start()
    try:
        assert pump(lambda: sink.total == N_THREADS * N_EMITS, timeout=90)
        for p in producers:
            assert p.wait(10_000)
        QCoreApplication.processEvents()
        assert sink.total == N_THREADS * N_EMITS
        assert sink.out_of_order == 0
        assert sink.next == [N_EMITS] * N_THREADS
    finally:
        for p in producers:
            p.wait(10_000)


def test_stress_auto_connection_from_plain_threads():
    sink = Collector()
    src = [Producer(i) for i in range(4)]  # used only as signal owners, never started
    for p in src:
        p.item.connect(sink.on_item)
    workers = [threading.Thread(target=lambda p=p: [p.item.emit(p.ident, s) for s in range(5000)]) for p in src]
    for w in workers:
        w.start()
    assert pump(lambda: sink.total == 4 * 5000, timeout=60)
    for w in workers:
        w.join(10)
    assert sink.out_of_order == 0
